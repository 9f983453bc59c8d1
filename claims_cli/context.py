"""What every command needs: the database path, the store, the analyst, and the two outputs.

The store is opened lazily, on the first call to `store()`, so `--help` and `--version` never
touch (or create) a database. Rich and the store are imported here only when first used.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

if TYPE_CHECKING:
    from .filters import ClaimFilter
    from .store import ClaimStore

APP_NAME = "claims"


@dataclass
class Session:
    """Options given before the command name; reset on every invocation."""

    db: str | Path | None = None  # (as given: see db_path)
    analyst: str | None = None
    opened: Path | None = None  # the database the command opened (for the error edge)
    given: Path | None = None  # the database --db named (see `naming_db`)
    stores: dict = field(default_factory=dict)  # path -> the ClaimStore opened for it
    kept: list = field(default_factory=list)  # see keep()
    no_analyst: bool = False  # no analyst was found: a write is recorded as ledger.NO_ANALYST's, and says so


SESSION = Session()


def reset(db: str | Path | None = None, analyst: str | None = None) -> None:
    SESSION.db = db
    SESSION.analyst = analyst
    SESSION.opened = None
    SESSION.given = None
    SESSION.stores = {}
    SESSION.kept = []
    SESSION.no_analyst = False
    console = sys.modules.get(f"{__package__}.console")
    if console is not None:  # only if Rich was loaded by an earlier invocation (tests): not worth importing
        console.reset()


def _is_there(path: Path) -> bool:
    """Whether the directory of a database `path` with a `..` in it is there; one on the way this
    user may not enter is said (it was an internal error: `--db sub/../f.json` of a closed sub)."""
    try:
        return path.parent.exists()
    except PermissionError as err:
        from .errors import StoreError, path_shown
        from .storage import _closed_directory

        raise StoreError(f"cannot use database {path_shown(path)}: {err.strerror or err}", hint=_closed_directory(path)) from None


def db_path(db: str | Path | None = None) -> Path:
    """--db on the command, else --db before it, else $CLAIMS_DB, else the user data directory."""
    # (an option given empty is refused below; an empty variable is one not set)
    chosen = db if db is not None else SESSION.db if SESSION.db is not None else os.environ.get("CLAIMS_DB") or None
    from .plain import name_a_file

    if chosen == "":  # (Typer would read it as ".", which the user never typed)
        from .errors import StoreError

        raise StoreError("--db is empty", hint=name_a_file())
    if chosen == "-":  # (standard input or output to import and export; a file named - was made here)
        from .errors import StoreError

        raise StoreError("database - names no file: a database cannot be kept on standard input or output",
                         hint=f"{name_a_file()[:-1]}; a file named - is ./-.")
    if chosen is not None:
        from .output import expanded

        path = expanded(chosen)
        if (str(chosen).endswith(("/", "/.", os.sep, os.sep + ".")) or path.name == "..") and path.name:
            # ("newdir/": Path drops the slash, and a database file called newdir was made)
            from .errors import StoreError, path_shown

            if path.name != ".." and os.path.isfile(path):  # ("db.json/" of a file: not "e.g. --db
                # db.json/claims.json", which failed as "db.json is a file, not a directory")
                from .plain import shell_operand  # (./- for a file named -: "-" is refused above)

                raise StoreError(f"database {path_shown(chosen)} names a directory, but {path_shown(path)} is a file",
                                 hint=f"Drop the slash: --db (or $CLAIMS_DB) {shell_operand(str(path))}.")
            raise StoreError(f"database {path_shown(chosen)} names a directory, not a file",
                             hint=name_a_file(path / "claims.json"))
        if ".." in path.parts and not _is_there(path):
            path = _through_missing(path)
        if not path.name:  # ".", "/": no file to lock or back up beside
            from .errors import StoreError, path_shown

            raise StoreError(f"database {path_shown(path)} is a directory, not a file",
                             hint=name_a_file())
        if path.name.isspace():  # (a slip in a script: never a database anyone meant)
            from .errors import StoreError, shown

            raise StoreError(f"database path {shown(str(chosen))} has no file name, only blanks")
        _refuse_a_companion(path)
        if db is not None or SESSION.db is not None:
            SESSION.given = path
        return path
    from platformdirs import user_data_dir

    try:
        return Path(user_data_dir(APP_NAME, appauthor=False)) / "claims.json"
    except RuntimeError:  # (no HOME and no passwd entry: a container run with --user UID and a bare environment)
        from .errors import StoreError

        raise StoreError("no home directory to keep the default database in",
                         hint="Give --db PATH or set CLAIMS_DB.") from None


def _refuse_a_companion(path: Path) -> None:
    """Refuse a path that is another database's NAME.bak or NAME.lock, that database beside it, as
    --output refuses them (`output.same_file`): a listing read db.json.lock as an empty database and
    advised `init`, which made the lock a database (db.json's writers then aborted), and a change to
    db.json.bak wrote into the backup (making db.json.bak.bak). A name so made with no database beside
    it is the user's to give."""
    named = Path(os.path.realpath(path)) if os.path.islink(path) else path  # (a link to db.json.bak)
    for suffix, index in ((".bak", 1), (".lock", 2)):
        if not named.name.endswith(suffix) or named.name == suffix:
            continue
        database = named.with_name(named.name[:-len(suffix)])
        from .output import same_file
        from .storage import database_files, opens_as_a_database

        if not os.path.isfile(database) or not same_file(named, database_files(database)[index]) or \
                not opens_as_a_database(database):  # (notes.bak beside a file of notes: a name of the user's)
            continue
        from .errors import StoreError, path_shown
        from .plain import shell_operand

        operand = shell_operand(str(database))
        if suffix == ".lock":
            raise StoreError(f"database {path_shown(path)} is the lock file of {path_shown(database)}, not a database",
                             hint=f"Give --db {operand}: its writers lock this file.")
        raise StoreError(f"database {path_shown(path)} is the backup of {path_shown(database)} (the version before its last change), "
                         "not a database to open",
                         hint=f"Give --db {operand} (`claims --db {operand} doctor` says whether to restore it); to "
                              f"look into the backup, copy it (cp {shell_operand(str(named))} peek.json) and give "
                              "--db peek.json.")


def _through_missing(path: Path) -> Path:
    """A database path through a missing directory and back (nd/a/../x.json) as nd/x.json: made as
    named, nd/a was left behind, where a shell's `>` would fail. Only from the first name that is
    not there on: a `..` after one that is (a link, perhaps: lnk/..) is the file system's to follow,
    and so is one after a file (z.json/..), which it refuses."""
    kept: list[str] = []
    for part in path.parts:
        if part == ".." and kept and kept[-1] != ".." and not os.path.lexists(Path(*kept)):
            kept.pop()  # (back out of a name that is not there)
        else:
            kept.append(part)
    return Path(*kept)


def store(db: Path | None = None) -> "ClaimStore":
    """The store for this invocation, opened once and kept until the next one.

    Keeping it also keeps its parsed data alive until the process ends: `cli.main` then exits
    without freeing 100,000 claims one object at a time.
    """
    path = SESSION.opened = db_path(db)
    opened = SESSION.stores.get(path)
    if opened is None:
        from .store import ClaimStore

        opened = SESSION.stores[path] = ClaimStore(path)
    return opened


def created_databases() -> list[tuple[Path, list[Path]]]:
    """(database, the directories made for it, outermost first) for each database this
    invocation's changes made (there was no file at the path), each given once: a mistyped --db
    on a write would otherwise make one in silence."""
    made_in = {opened.path: opened.created_in for opened in SESSION.stores.values()}
    return [(path, made_in.get(path) or []) for path, _ in _said_once("created", False)]


def missing_databases() -> list[Path]:
    """Each database a read of this invocation found missing, and no change then made, given
    once: a mistyped --db reads as empty, and a script's [] or all-zero report says nothing why."""
    return [path for path, _ in _said_once("read_missing", False) if not path.exists()]


def say_missing(path: Path, *, listing: bool = True) -> None:
    """That the database is not there: a listing's "No claims: ..."; after anything else (a data
    format, `sources list`, a dry run that would add claims), "No claims" would contradict it."""
    from .errors import path_shown

    lead = "No claims: " if listing else "Note: the database "
    notify("ok", f"{lead}{path_shown(path)} does not exist (read as empty; the first change to it makes it).")


def directories_made(made: list) -> str:
    """" (and its directory D, which was not there)" of a new database's directories made for it
    (all of them: a typo's tree is removed from its top), "" if none."""
    if not made:
        return ""
    from .errors import path_shown

    if len(made) == 1:
        return f" (and its directory {path_shown(made[0])}, which was not there)"
    return f" (and its directories {path_shown(made[0])} down to {path_shown(made[-1])}, which were not there)"


def unbacked_databases() -> list[tuple[Path, str]]:
    """(database, why) for each database a change of this invocation wrote without keeping
    NAME.bak, each given once: the first crash after would have nothing to restore."""
    return _said_once("unbacked", None)


def split_databases() -> list[tuple[Path, int]]:
    """(database, its other names) for each database a write of this invocation replaced while the
    file had another name (a hard link: storage.other_names), each given once: that name keeps the
    old file, a database of its own from then on. (Restores and rewrites included: storage's.)"""
    storage = sys.modules.get(f"{__package__}.storage")
    if storage is None:
        return []
    found = list(storage.databases_split)
    storage.databases_split.clear()
    return found


def _said_once(name: str, cleared: Any) -> list[tuple[Path, Any]]:
    """(path, value) of each store opened whose attribute `name` is set, which is then `cleared`."""
    found = [(opened.path, getattr(opened, name)) for opened in SESSION.stores.values() if getattr(opened, name)]
    for opened in SESSION.stores.values():
        setattr(opened, name, cleared)
    return found


def keep(value: Any) -> None:
    """Keep what a command built (a report of 100,000 claims) until the invocation ends: `cli.main`
    then exits without freeing it one object at a time (0.3 s or more at that size)."""
    SESSION.kept.append(value)


def analyst(value: str | None = None) -> str:
    """--analyst, else $CLAIMS_ANALYST, else the login name; checked like any text that is stored."""
    from .errors import InvalidValue
    from .ledger import NO_ANALYST, found_analyst
    from .models import MAX_SHORT, clean_text

    # (an empty --analyst is refused as "  " is; an empty $CLAIMS_ANALYST is unset, as usual)
    chosen = value if value is not None else SESSION.analyst if SESSION.analyst is not None else found_analyst()
    if chosen is None:  # (no login name: recorded as "unknown", not refused, which would stop a cron job;
        SESSION.no_analyst = True  # the command says so once it has written: `say_no_analyst`)
        return NO_ANALYST
    if (value is not None or SESSION.analyst is not None) and not chosen.strip():
        raise InvalidValue("--analyst is empty", hint="Give a name, or leave --analyst out to use $CLAIMS_ANALYST "
                                                      "or your login name.")
    if value is None and SESSION.analyst is None and not chosen.strip() and os.environ.get("CLAIMS_ANALYST"):
        raise InvalidValue("$CLAIMS_ANALYST is blank", hint="Set it to a name, or unset it to use your login name.")
    if not chosen.strip():  # (the login name: LOGNAME or USER blank, in a container or a cron job)
        raise InvalidValue("your login name is blank: no analyst to record", hint=_NAME_THE_ANALYST)
    # (an error names where the name came from: the option, the variable, or the login)
    said_as = "--analyst" if value is not None or SESSION.analyst is not None else \
        "$CLAIMS_ANALYST" if os.environ.get("CLAIMS_ANALYST") else "your login name"
    try:
        return clean_text(chosen, said_as, required=True, limit=MAX_SHORT)  # type: ignore[return-value]
    except InvalidValue as err:  # (a login name the user typed nowhere here: how to give another, but
        # where the locale is what to mend, as its hint says)
        if said_as == "your login name" and "LC_ALL" not in (err.hint or ""):
            err.hint = _NAME_THE_ANALYST
        raise


_NAME_THE_ANALYST = "Give --analyst NAME, or set $CLAIMS_ANALYST."  # (for a login name that will not do)


# How a field is named in the mixed-alphabet warning: one of words (its words are named), or a value
_WORDS_OF = {"text": "the statement's", "note": "the note's", "withdraw_reason": "the reason's"}
_VALUE_OF = {"name": "the source name"}
_NAMES = ("name", "alias")  # (a source's, never declined: its Cyrillic ending is a slip, `mixed_script_words`)


def say_lookalike_source(store: "ClaimStore", typed: str, name: str) -> None:
    """A warning when the name typed for a source (`name`, as stored: the one it named) mixes
    Latin and Cyrillic letters and looks like another source's ('ІSW' with a Cyrillic І beside
    ISW): typed from the other keyboard layout, the evidence goes, unsaid, to the source that only
    looks like the one meant. (Names each in one alphabet, Russia's СВР and the American CBP, are
    two sources, and not said at each use.)"""
    from .models import lookalike_said, mixes_alphabets

    typed = typed.strip()
    # (any mix, not only a word `mixed_script_words` calls a slip: 'Ukrainе', a Cyrillic е last,
    # reads in running text as a Latin name with a case ending, yet is the source Ukraine on screen)
    if not mixes_alphabets(typed):
        return
    found = store.registry().lookalike(typed, besides=name)
    if found is not None:
        notify("warning", f"{lookalike_said(typed, *found)}: check that {_shown_name(typed, name)} is the source meant.")


def named_by_alias(typed: str, name: str, store=None) -> str:
    """"source Ukraine, named by its alias Ukrainian General Staff" when the name typed was an
    alias of the source it named (one written so but for case, spacing or apostrophes is the name);
    else "". With the `store`, the name of a source merged into it is said so (`sources edit` calls
    it that: "Rumour Mill" is not one of ISW's names, but Rumour Mill's, merged into it)."""
    from .models import written_alike

    typed = typed.strip()
    # (as the name is found: case, spacing, apostrophes and ё aside, Ukrains’ka is Ukrains'ka)
    if written_alike(typed, name):
        return ""
    source = store.registry().find(name, alike=False) if store is not None else None
    if source is not None and any(written_alike(typed, merged) for merged in source.merged):
        return f"source {name}, named by {typed}, the name of a source merged into it"
    return f"source {name}, named by its alias {typed}"


def dated_today(day: str, on: str | None) -> str:
    """"; dated today, DAY (no --on given)" when a claim or item took today's date for want of
    --on: typed up from an older report, the slip would otherwise pass unseen."""
    return f"; dated today, {day} (no --on given)" if on is None else ""


def _shown_name(typed: str, name: str) -> str:
    """A source as typed, and the one it named if that is another name ('ІSW' for Institute)."""
    return typed if typed == name else f"{typed} ({name})"


def say_mixed_scripts(given: dict, names) -> None:
    """A warning when a word of these fields mixes Latin and Cyrillic letters, one alphabet's all
    lookalikes of the other's (Сiверськ with a Latin i): a search tells it apart, and the duplicate
    check of a place (`missed_by`)."""
    from .errors import shown
    from .models import mixed_script_words, odd_letters_said

    said, mixed, fields = [], [], []
    for name in names:
        if name == "tags":  # (a list: each tag mixed as a whole is named)
            tags = [tag for tag in given.get(name) or () if mixed_script_words(tag)]
            if tags:
                mixed += [word for tag in tags for word in mixed_script_words(tag)]
                said.append(f"the tag{'s' if len(tags) > 1 else ''} {', '.join(shown(tag) for tag in tags)}")
                fields.append(name)
            continue
        words = mixed_script_words(given.get(name), declined=name not in _NAMES)
        if not words:
            continue
        mixed += words
        fields.append(name)
        if name in _WORDS_OF:
            quoted = ", ".join(shown(word) for word in words)
            said.append(f"{_WORDS_OF[name]} word{'s' if len(words) > 1 else ''} {quoted}")
        else:
            said.append(f"{_VALUE_OF.get(name, 'the ' + name)} {shown(given[name])}")
    if said:
        mix = "mix" if len(said) > 1 or said[0].startswith("the tags ") or " words " in said[0] else "mixes"
        notify("warning", f"{' and '.join(said)} {mix} Latin and Cyrillic letters ({odd_letters_said(mixed)}); "
                          f"{missed_by(fields, 'the place')}.")


def missed_by(fields: list[str], place: str) -> str:
    """"a search in one alphabet does not find them", of mixed words in `fields` (each "place" or
    another), and the duplicate check too where a place is one: it reads a statement's mixed word
    in one alphabet (models.statement_key), a place as written (a tag, a note, a region are no part
    of it); `place` names the place ("the place", "a place")."""
    if "place" not in fields:
        return "a search in one alphabet does not find them"
    if set(fields) == {"place"}:
        return "a search or duplicate check in one alphabet does not find them"
    return f"a search in one alphabet does not find them, nor a duplicate check {place}"


def say_joined_tags(tags: list, option: str) -> None:
    """A warning for the tags given with `option` that hold a comma (see models.comma_tags), and one
    for those of hashtags separated by spaces (models.hashtag_tags), as an import notes them."""
    from .errors import shown
    from .models import comma_tags, hashtag_tags

    for held, what in ((comma_tags(tags), "a comma"), (hashtag_tags(tags), "hashtags separated by spaces")):
        if not held:
            continue
        quoted = [shown(tag) for tag in held]
        named = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
        one = len(held) == 1
        notify("warning", f"the tag{'' if one else 's'} {named} hold{'s' if one else ''} {what}: "
                          f"{'it' if one else 'each'} is one tag; give {option} for each (or separate them with ';').")


def say_none(store: "ClaimStore", message: str, hint: str | None = None) -> None:
    """A listing found nothing: `message` (and `hint`), or, if the database is not there (a
    mistyped --db reads as empty), that it does not exist."""
    if store.exists():
        notify("ok", message, hint)
    else:
        say_missing(store.path)
        store.read_missing = False  # (said: not again as the command ends)


def _refuse_hollow(name: str, value: str) -> None:
    """A --text of punctuation alone (left nothing to look for: the filter was dropped, and every
    claim matched) or a --tag of separators alone (matched nothing) is refused, as an empty one is."""
    from .errors import InvalidValue, shown

    if name == "text":
        from .filters import search_words

        if search_words(value) is None:
            raise InvalidValue(f"--text {shown(value)} has no word to look for",
                               hint="Give a word of the statement, place, note, ref or link, or leave --text out.")
    elif name == "tag":
        from .models import split_tags

        if not any(part.strip() for part in split_tags(value)):
            raise InvalidValue("--tag is empty", hint="Leave --tag out to select every claim.")


def refuse_naming_none(option: str, values: Iterable[str] | None, what: str, *, empty: str | None = None) -> None:
    """Refuses a value of a change's `option` that names no `what` ("tag": blanks, or ";" alone;
    else blanks): a slip, or a script's empty variable, that would change nothing in silence, or
    (an edit's --tag) clear every tag. `empty`: the hint for an option that takes "" itself as
    meaning no `what` (an edit's --tag "" clears the tags), which is let through."""
    from .models import split_tags

    for value in values or ():
        if value == "" and empty is not None:
            continue
        parts = split_tags(value) if what == "tag" else [value]
        if not any(type(part) is str and part.strip() for part in parts):
            from .errors import InvalidValue, shown

            article = "an" if what[0] in "aeiou" else "a"
            raise InvalidValue(f"{option} {shown(value)} names no {what}",
                               hint=empty or f"Give {article} {what}, or leave {option} out.")


@contextmanager
def named_by_option(typed_in: dict) -> Iterator[None]:
    """A value typed that is not valid, named by the option it was typed in (`--on '31 Feb 2025'
    is not a date`): the checks name the field, as an import's problems do (`claimed_on`). A
    coordinate keeps its name after the option's (`--coords: lat 'nan' is not a number`)."""
    from .errors import InvalidValue, StoredValueInvalid

    try:
        yield
    except InvalidValue as err:
        field = err.field or ""
        option = typed_in.get(field)
        if option and not isinstance(err, StoredValueInvalid) and err.message.startswith(f"{field} "):
            if err.message == f"{field} is missing":  # (typed, so given: `--text ""`)
                err.message = f"{option} is empty"
            else:
                err.message = (f"{option}: {err.message}" if field in ("lat", "lon")
                               else option + err.message[len(field):])
        raise


def refuse_empty(option: str, value: str | None) -> None:
    """A filter given as "" or blanks (a script's empty variable) is refused: taken as no filter,
    or as one that matches nothing, it would give a script other claims than it meant."""
    if value is not None and not value.strip():
        from .errors import InvalidValue

        raise InvalidValue(f"{option} is empty", hint=f"Leave {option} out to select every claim.")


def claim_filter(store: "ClaimStore", filters: dict[str, Any]) -> "ClaimFilter":
    """The raw filter options of a command, validated against the store's registry."""
    from .errors import InvalidValue, NotFound
    from .models import check_utf8

    for name, value in filters.items():  # (a filter's words are written into an export's scope)
        for each in (value if isinstance(value, (list, tuple)) else [value]):
            if isinstance(each, str):
                check_utf8(each, option_name(name))
                refuse_empty(option_name(name), each)
                _refuse_hollow(name, each)
    _say_mixed_filters(filters)
    try:
        made = _made_filter(store, filters)
    except (InvalidValue, NotFound) as err:  # (a mistyped --db: the name checked against an empty registry)
        if (err.message.startswith("unknown ") or " is unknown" in err.message) and not store.exists():
            from .errors import path_shown

            err.hint = f"The database {path_shown(store.path)} does not exist: is --db (or $CLAIMS_DB) right?"
        raise
    _say_merged_filters(store, filters)
    return made


def _say_merged_filters(store: "ClaimStore", filters: dict[str, Any]) -> None:
    """A note for a --source or --evidence-by naming a source merged into another: it selects that
    other's claims, all of them (read as the merged one's own, unsaid, as `sources show` says it);
    a warning for one that only looks like another's name (`say_lookalike_source`)."""
    from .models import written_alike
    from .plain import possessive

    warned = set()  # (a look-alike source, once: --source and --evidence-by may both name it, or two spellings)
    for name in ("source", "evidence_by"):
        said = set()  # (--source "Rumour Mill" --source "rumour mill": one note)
        for typed in dict.fromkeys(filters.get(name) or ()):
            source = store.registry().find(typed)
            if source is not None and source.name not in warned:  # ('Ukrainе', a Cyrillic е, selects that source alone)
                warned.add(source.name)
                say_lookalike_source(store, typed, source.name)
            merged = next((old for old in source.merged if written_alike(typed, old)), None) if source else None
            if merged is not None and not written_alike(typed, source.name) and merged not in said:
                said.add(merged)
                notify("ok", f"Note: {merged} is a source merged into {source.name}: {option_name(name)} selects "
                             f"{source.name}, not {possessive(merged)} part alone.")


def _say_mixed_filters(filters: dict[str, Any]) -> None:
    """A warning for a filter's words that mix Latin and Cyrillic letters ("Сiверськ" with a Latin
    i), as `add` warns of them: claims written in one alphabet do not match."""
    from .errors import shown
    from .models import mixed_script_words, odd_letters_said

    for name in ("place", "region", "text", "tag"):
        given = filters.get(name)
        for value in dict.fromkeys(given if isinstance(given, (list, tuple)) else [given]):  # (once a value)
            words = mixed_script_words(value)
            if words:
                notify("warning", f"{option_name(name)} {shown(value)} mixes Latin and Cyrillic letters "
                                  f"({odd_letters_said(words)}); claims written in one alphabet do not match it.")


def _made_filter(store: "ClaimStore", filters: dict[str, Any]) -> "ClaimFilter":
    from .dates import parse_bound
    from .filters import make_filter

    return make_filter(
        store.registry(),
        sources=filters.get("source") or (), evidence_by=filters.get("evidence_by") or (),
        sides=filters.get("side") or (),
        statuses=filters.get("status") or (), regions=filters.get("region") or (),
        places=filters.get("place") or (), categories=filters.get("category") or (),
        tags=filters.get("tag") or (),
        since=parse_bound(filters["since"], field="--since") if filters.get("since") else None,
        until=parse_bound(filters["until"], field="--until", last=True) if filters.get("until") else None,
        text=filters.get("text"), overridden=bool(filters.get("overridden")),
        known_categories=store.categories() if filters.get("category") else None,
    )


def option_name(name: str) -> str:
    """The option of a filter's parameter: evidence_by -> --evidence-by."""
    return "--" + name.replace("_", "-")


def parse_day(value: str | None, field: str):
    from .dates import parse_date

    return parse_date(value, field=field) if value else None


# ------------------------------------------------------------------------------ output

OUTPUT_ERRNOS = frozenset((errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EBADF, errno.EFBIG, errno.EPIPE))


def _to_stdout(write: Callable) -> Callable:
    """A writer to stdout whose failure (a full disk, a closed stdout: then Python has no
    sys.stdout at all) is an OutputFailed, said plainly, not an internal error."""
    @functools.wraps(write)
    def writing(*args: Any, **kwargs: Any) -> None:
        from .errors import OutputFailed

        if sys.stdout is None:
            raise OutputFailed("it is closed")
        try:
            write(*args, **kwargs)
        except OSError as err:
            if err.errno not in OUTPUT_ERRNOS or isinstance(err, BrokenPipeError):
                raise
            raise OutputFailed(err.strerror or str(err)) from None
    return writing


def _write_all(buffer, data: "bytes | memoryview") -> None:
    """`buffer.write(data)`, all of it. Unbuffered (PYTHONUNBUFFERED=1) the buffer is the raw file,
    whose write may take only part: a pipe whose reader leaves in the middle of a write takes what
    fitted and says nothing; the write of the rest then fails (BrokenPipeError)."""
    written = buffer.write(data)
    if written is not None and written >= len(data):  # (a buffered writer takes it all, or raises)
        return
    view = memoryview(data).cast("B")[written or 0:]
    while view:
        written = buffer.write(view)
        if written is None:  # (a stdout set non-blocking and full: wait until it takes more)
            import select

            select.select([], [buffer.fileno()], [])
            continue
        view = view[written:]


@_to_stdout
def emit(data: "bytes | memoryview | Iterable[bytes | memoryview]") -> None:
    """Machine-readable data to stdout, as bytes (UTF-8), or as pieces written one after another
    (a listing of 100,000 claims is never one bytes object)."""
    pieces = [data] if isinstance(data, (bytes, bytearray, memoryview)) else data
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        for piece in pieces:
            _write_all(buffer, piece)
        buffer.flush()
    else:  # a text-only stream (some test harnesses)
        for piece in pieces:
            stream.write(str(piece, "utf-8"))
        stream.flush()


def emit_line(line: str) -> None:
    emit((line + "\n").encode("utf-8"))


@_to_stdout
def show(renderable: Any, *, soft_wrap: bool = False) -> None:
    """A Rich renderable for people, on stdout; with `soft_wrap`, each line whole, however long
    (the terminal folds it, a copy of it pastes whole). Laid out by Rich, then written whole, as
    the plain tables are (`_write_text`): printed by Rich to an unbuffered stdout, a reader leaving
    in the middle of a write cut it short unsaid, and the command exited 0."""
    from .console import out

    console = out()
    with console.capture() as captured:
        console.print(renderable, soft_wrap=soft_wrap)
    _write_text(captured.get())


def show_lines(lines: list) -> None:
    """`layout.Styled` lines for people, on stdout, each whole however long (soft wrap: a command
    to paste, folded at the width, was pasted in two)."""
    if _plain_stream(sys.stdout) and all(line.plain.isprintable() for line in lines):
        # What Rich prints there (no tab to expand, no control character to drop), without
        # importing it: 25-40 ms of `claims report > file`
        _write_text("".join(line.plain + "\n" for line in lines))
        return
    from .render import rich_parts

    show(rich_parts(lines), soft_wrap=True)


def _write_text(text: str) -> None:
    """Text on stdout, encoded as the stream would and written whole (see _write_all)."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None or os.name == "nt":  # (a text-only stream, in some test harnesses; Windows' \r\n)
        stream.write(text)
    else:
        stream.flush()
        _write_all(buffer, text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
    stream.flush()


def show_table(spec: Any) -> None:
    """A table (a `layout.TableSpec`) for people, on stdout. When stdout is not a terminal the
    text is laid out by `plain_table` (the bytes Rich prints there, without importing Rich's
    console or running its renderer: ~80 ms of `claims list > file`); else by Rich, in colour."""
    show_parts([spec])


def show_text(value: str, style: str = "") -> None:
    """Rich's `Text(value, style=style)` for people, on stdout (without Rich when not a terminal).
    Give user text through `plain.inert` first, as `render.text` does."""
    from .layout import Styled

    show_parts([Styled(value, style)])


@_to_stdout
def show_parts(parts: list) -> None:
    """TableSpecs and Styled lines, one after another, on stdout: as `render.rich_parts(parts)`
    prints them, laid out by `plain_table` when stdout is not a terminal, else by Rich. A
    `layout.Whole` line is printed whole however long (`show_lines`): a command to paste."""
    from .layout import Whole

    run: list = []
    for part in parts:
        if type(part) is Whole:
            if run:
                _show_parts(run)
                run = []
            show_lines([part])
        else:
            run.append(part)
    if run or not parts:
        _show_parts(run)


def _show_parts(parts: list) -> None:
    # A long table is laid out and written a few thousand rows at a time (`claims list --limit 0`
    # of 100,000 claims: laid out whole, 1.4 GB and 26 s, and on a terminal nothing for 2 minutes).
    if _plain_stream(sys.stdout):
        from .plain_table import parts_in_pieces

        stream = sys.stdout
        pieces = parts_in_pieces(parts, getattr(stream, "encoding", None))
        if pieces is not None:
            for piece in pieces:
                _write_text(piece)
            return
    from .layout import TableSpec
    from .plain import console_width
    from .plain_table import CHUNK_ROWS, column_widths
    from .render import rich_parts, rich_tables

    if len(parts) == 1 and isinstance(parts[0], TableSpec) and len(parts[0].rows) > CHUNK_ROWS:
        widths = column_widths(parts[0], console_width(), getattr(sys.stdout, "encoding", None))
        if widths is not None:  # (decided once, from every row, as Rich would for the whole)
            for table in rich_tables(parts[0], widths, CHUNK_ROWS):
                show(table)
            return
    show(rich_parts(parts))


def _said_if_it_can_be(say_it: Callable) -> Callable:
    """A message on stderr, said if stderr takes it: one full or closed loses the message, not
    the command's outcome (an `add` that saved its claim exited 1 for its "Recorded C-0001", and
    a script's retry was refused as a duplicate). The exit status says how the command went."""
    @functools.wraps(say_it)
    def said(*args: Any, **kwargs: Any) -> None:
        try:
            say_it(*args, **kwargs)
        except OSError as error:
            if error.errno not in OUTPUT_ERRNOS:  # (not the stream's: a bug's, said as one)
                raise
        except (ValueError, AttributeError):  # (a closed stream's; no stderr at all, None): else a bug's
            if sys.stderr is not None and not sys.stderr.closed:
                raise
    return said


@_said_if_it_can_be
def say(renderable: Any) -> None:
    """A message for people, on stderr: never hard-wrapped, so one status line stays one line
    (the terminal wraps it; a script reading stderr gets it whole)."""
    from .console import err

    err().print(renderable, soft_wrap=True)


@_said_if_it_can_be
def say_status(changes: list[tuple[dict, str | None, str]], recorded: str | None = None,
               withdrawn: str | None = None, also: str = "") -> None:
    """One `render.status_change` line per (claim, status before, reason), on stderr; `recorded`,
    the ID of the evidence item just added, ends the (one) line: `evidence remove` takes it; or
    `withdrawn`, the ID of the one it took; then `also`."""
    from .plain import inert, status_change_text

    after = f"; recorded as {inert(recorded)}" if recorded else f"; {inert(withdrawn)} withdrawn" if withdrawn else ""
    after += inert(also)
    lines = "\n".join(status_change_text(claim, before, reason) for claim, before, reason in changes) + after
    if "\t" not in lines and _plain_stderr():
        # What Rich would print here, without importing it (~30 ms at every confirm or edit).
        sys.stderr.write(lines + "\n")
        sys.stderr.flush()
        return
    from .render import join_lines, status_change

    line = join_lines(status_change(claim, before, reason) for claim, before, reason in changes)
    if after:
        line.append(after)
    say(line)


@_said_if_it_can_be
def say_text(text: str, style: str = "") -> None:
    """Rich's `Text(text, style=style)` on stderr, never wrapped (as `say` prints it); without
    Rich when stderr is not a terminal. Give user text through `plain.inert` first."""
    if "\t" not in text and _plain_stderr():
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
        return
    from rich.text import Text

    say(Text(text, style=style))


def shown_of(shown: int, total: int, written: bool = False) -> None:
    """After a table (or, `written`, a csv or json listing) cut at --limit: how many claims it left
    out, on stderr (stdout is the data)."""
    from .layout import shown_note

    note = shown_note(shown, total, written)
    if note:
        sys.stdout.flush()  # (on a terminal, after the table)
        notify("ok", note)


def claims_called() -> str:
    """How a command this one shows to run calls claims: with the --db given, as `naming_db`
    writes the commands a message advises."""
    if SESSION.given is None:
        return "claims"
    from .plain import shell_operand  # (./- for a file named -: `--db -` is refused)

    return f"claims --db {shell_operand(str(SESSION.given))}"


def naming_db(text: str) -> str:
    """`text` with each `claims ...` command it advises naming the database --db gave: pasted as
    it was, `claims doctor --restore-backup` checked and restored the default database, not this
    one (`claims restore C-0001` too). One that names a database already is left as it is, and a
    command named alone, not to run ("`claims list` or `export --format csv`")."""
    if SESSION.given is None or "`claims " not in text:
        return text
    prefix = f"`{claims_called()} "
    return _ADVISED.sub(lambda _: prefix, text)


# (a command to run: doctor or init, "`claims list` shows", or one with its arguments; "`claims
# list`" alone names one; not one inside quotes, a value the user typed said back: '`claims foo bar`')
_ADVISED = re.compile(r"(?<!['\"«])`claims (?!--db )(?=(?:doctor|init)\b|list` shows |[a-z-]+ [^`]+`)")


@_said_if_it_can_be
def notify(kind: str, body: str, hint: str | None = None) -> None:
    """'Error: ...' and a hint: each one line, never folded at the terminal width, so a path in
    the message (a lock file, a database) stays whole for a person to copy or a script to grep."""
    from .plain import message_text

    body, hint = naming_db(body), (naming_db(hint) if hint else hint)
    line = message_text(kind, body, hint)
    if "\t" not in line and _plain_stderr():
        # What Rich would print here, without importing it (~50 ms at every `claims add`).
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
        return
    from .console import err
    from .render import message

    err().print(message(kind, body, hint), soft_wrap=True)


def say_no_analyst() -> None:
    """The warning of a write recorded as made by "unknown" because no analyst was found (`analyst`):
    said by the error edge once the command has written, so a refused change says only its error."""
    if SESSION.no_analyst:
        notify("warning", "no analyst name was found (no --analyst, no $CLAIMS_ANALYST, no login name): this change "
                          'is recorded as made by "unknown"; give --analyst NAME or set $CLAIMS_ANALYST.')


def say_clock_behind(claims, sources=()) -> None:
    """The warning of a change to `claims`, or to `sources` (each its name and history), stamped
    more than a day after this machine's clock, to follow a history that runs ahead of it
    (`ledger.clock_behind_said`), if one was: once for them all."""
    from .dates import utc_now
    from .ledger import clock_behind_said

    said = clock_behind_said(claims, utc_now(), sources)
    if said is not None:
        notify("warning", *said)


def plain_stderr() -> bool:
    """Whether Rich would print plain text on stderr (not a terminal): see `_plain_stream`."""
    return _plain_stream(sys.stderr)


_plain_stderr = plain_stderr


def _plain_stream(stream: Any) -> bool:
    """Whether Rich would print plain text on `stream`: not a terminal, and nothing (FORCE_COLOR,
    TTY_COMPATIBLE) telling it to act as one."""
    if os.environ.get("FORCE_COLOR") is not None or os.environ.get("TTY_COMPATIBLE", "") not in ("", "0"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return isatty is not None and not isatty()
    except ValueError:
        return True


def _answer_line() -> str:
    """One line of standard input, read a byte at a time as the shell's `read` does, so that a loop
    giving claims its own input keeps the rest (`while read id; do claims delete $id; done < ids`:
    Python's buffered readline took up to 8 KB, and the loop ended after its first claim)."""
    try:
        fd = sys.stdin.fileno()
    except (OSError, ValueError, AttributeError):  # (no file behind it: a test's stream)
        return sys.stdin.readline()
    line = bytearray()
    while not line.endswith(b"\n"):
        byte = os.read(fd, 1)
        if not byte:
            break
        if len(line) < 4096 or byte == b"\n":  # (an answer is a word: past 4 KB, the line is read, not kept)
            line += byte
    return line.decode(sys.stdin.encoding or "utf-8", "replace")


def confirm(question: str) -> bool | str | None:
    """Ask a yes/no question on stderr: True for yes, False for no, None when no answer was read (end
    of input, or no standard input: a script that did not pass --yes), and the answer itself when it
    is neither (a loop's next line, `while read id; do claims delete $id; done < ids`: refused, as
    no answer is, so that the loop stops: `refused_answer`). The question may quote user text: its
    control characters are shown as \\xNN (`plain.inert`)."""
    from .plain import inert

    # (not typer.confirm: its prompt, read by input(), writes a space to stdout)
    sys.stderr.write(inert(question) + " [y/N]: ")
    sys.stderr.flush()
    try:
        answer = _answer_line() if sys.stdin is not None else ""  # (None: no standard input at all)
    except (EOFError, OSError, ValueError):  # (a closed one, or one that cannot be read)
        answer = ""
    # A terminal echoes the answer typed and its newline, on stderr too when that is the terminal; an
    # answer from a pipe (`echo n | claims delete C-0002`), or end of input, is not echoed: the question's
    # line ends here, or what follows ("Error: not deleted") would be said on it
    if not answer.endswith("\n") or not (_is_terminal(sys.stdin) and _is_terminal(sys.stderr)):
        sys.stderr.write("\n")
    if not answer:
        return None
    word = answer.strip()
    if word.lower() in ("y", "yes"):
        return True
    return False if word.lower() in ("n", "no", "") else word


def refused_answer(what: str, answer: str | None) -> str:
    """The error of a question (`confirm`) not answered yes or no: "not deleted: no answer was read"."""
    from .errors import shown

    return f"{what}: " + ("no answer was read" if answer is None else f"the answer {shown(answer)} is neither yes nor no")


def _is_terminal(stream: Any) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, OSError, ValueError):  # (closed, or no file behind it)
        return False
