"""Moving claims in and out in bulk: import (CSV, JSON, JSON Lines).

Thin: read the bytes, let `importers` parse, validate and write, then report on stderr (and, with
--summary json, on stdout). The progress bar is UI, so it lives here: on stderr, transient, only
when stderr is a terminal and the file is large.
"""

import contextlib
import enum
import io
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import context
from ..options import AnalystOpt, DbOpt
from ..plain import counted

app = typer.Typer()

PROGRESS_MIN_RECORDS = 5000  # smaller imports finish before a bar would be worth drawing
PROBLEMS_SHOWN = 20


class ImportFormat(str, enum.Enum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class OnDuplicate(str, enum.Enum):
    skip = "skip"
    update = "update"
    fail = "fail"


class SummaryFormat(str, enum.Enum):
    json = "json"


@app.command("import")
def import_claims(
    path: Annotated[str, typer.Argument(help="The file to import, or - for standard input.",
                                        show_default=False)],
    format: Annotated[Optional[ImportFormat], typer.Option(
        "--format", "-f", help="csv, json or jsonl. Default: from the file's extension; required for -.",
        case_sensitive=False, show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check everything and say what would happen; "
                                                             "write nothing.")] = False,
    skip_invalid: Annotated[bool, typer.Option(
        "--skip-invalid", help="Import the valid records and report the rest (default: all or nothing).")] = False,
    on_duplicate: Annotated[OnDuplicate, typer.Option(
        "--on-duplicate", help="A record already in the database (same ID, ref, or source, date, place "
                               "and text): skip it, update the stored claim, or fail the import.",
        case_sensitive=False)] = OnDuplicate.skip,
    summary: Annotated[Optional[SummaryFormat], typer.Option(
        "--summary", help="json: also print the summary as one JSON object on stdout.",
        case_sensitive=False, show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr (problems are "
                                                               "still listed, and a new or missing database).")] = False,
    analyst: AnalystOpt = None,
    db: DbOpt = None,
) -> None:
    """Import claims (and sources) from a CSV, JSON or JSON Lines file, all or nothing.

    \b
    Example: claims import seeds/article-2025-12-07.json \\
               --dry-run
    """
    from ..errors import ClaimsError, StoreError, path_shown, shown
    from ..exporters import readable_text
    from ..importers import STDIN_NAME, ImportRejected, Plan, Problem, format_for, import_batch, parse, workbook_named

    name = STDIN_NAME if path == "-" else readable_text(path)  # (as the history's "from NAME" stores it)
    try:
        if not path.strip():
            from ..errors import InvalidValue

            raise InvalidValue("the file to import has no file name",
                               hint="Give a file's name, or - for standard input.")
        fmt = format.value if format else (None if path == "-" else format_for(path))
        if fmt is None and path != "-" and (workbook := workbook_named(path, name)):
            raise workbook  # (bad input, as a workbook given --format is: not a format to tell)
        if fmt is None and path != "-":
            with _open(path):  # (a name not there, or a directory's: said so, not "give --format")
                pass
        if fmt is None:
            raise typer.BadParameter(
                "give --format csv, json or jsonl" + (" when reading standard input" if path == "-" else
                                                      f" (cannot tell from the name {shown(Path(path).name)})"),
                param_hint="'--format'")
        if path == "-" and sys.stdin is not None and sys.stdin.isatty():
            raise typer.BadParameter("standard input is a terminal: pipe a file in, e.g. "
                                     "claims import - --format csv < day.csv", param_hint="'PATH'")
        target = context.db_path(db)
        if _same_file(path, target):
            from ..errors import DataError
            from ..plain import shell_quoted

            raise DataError(f"{path_shown(name)} is the database this command imports into: there is nothing to import",
                            hint=f"To copy its claims into another: `claims --db {shell_quoted(str(target))} export --format json "
                                 "--output export.json`, then `claims --db OTHER import export.json`.")
        with _open(path) as stream:
            batch = parse(stream, fmt, name)
        if not batch.records and not batch.categories:  # (valid, but a feed's producer may have died)
            _line("warning", f"{path_shown(name)} holds no records.")
        store = context.store(db)
        with _progress(len(batch.claims), quiet) as progress:
            try:
                plan = import_batch(store, batch, analyst=context.analyst(analyst),
                                    on_duplicate=on_duplicate.value, skip_invalid=skip_invalid,
                                    dry_run=dry_run, progress=progress)
            except ImportRejected as rejected:
                plan = rejected.plan
                progress(0, 0)  # clear the bar before the problems are listed
                _say_notes(plan, name, unwritten=True)
                verb = "would be written" if dry_run else "was written"
                _line("error", f"{plan.invalid_text(name)}; nothing {verb}:")
                _list_problems(plan.problems)
                _line("hint", rejected.hint)
                _summary(plan, name, dry_run, written=False, quiet=True, as_json=summary is not None,
                         rejected=True)
                raise typer.Exit(rejected.exit_code) from None
    except (ClaimsError, typer.BadParameter) as err:
        # A file that cannot be told, opened or read, a malformed one, a database that cannot be
        # opened or is locked: the JSON summary still says so, with the problem.
        if summary is not None:
            where = "database" if isinstance(err, StoreError) else "file"
            problems = getattr(err, "problems", None) or [Problem(where, None, err.message,
                                                                  hint=getattr(err, "hint", None) or None)]
            _summary(Plan(problems=list(problems)), name, dry_run, written=False, quiet=True, as_json=True)
        raise
    _say_notes(plan, name, unwritten=dry_run)
    if plan.problems:
        _line("warning", plan.invalid_text(name, then="left out" if dry_run else "skipped", would=dry_run) + ":")
        _list_problems(plan.problems)
    _summary(plan, name, dry_run, written=not dry_run and plan.writes, quiet=quiet, as_json=summary is not None)
    if not dry_run:  # (the sources and claims it stamped, once for them all, as edit does: a dry run stamps none)
        context.say_clock_behind(plan.updated, plan.stamped_sources)
    if plan.problems:
        from ..errors import EXIT_DATAERR

        raise typer.Exit(EXIT_DATAERR)


def _same_file(path: str, other: Path) -> bool:
    """Whether the file to import (`-`: standard input) is `other`."""
    try:
        if path == "-":
            return sys.stdin is not None and os.path.samestat(os.fstat(sys.stdin.fileno()), os.stat(other))
        return os.path.samefile(path, other)
    except (OSError, ValueError, AttributeError):  # (no such file; a harness's stdin with no descriptor)
        return False


def _say_notes(plan, name: str, *, unwritten: bool = False) -> None:
    """The plan's notes on stderr; `unwritten`: of an import that writes nothing (refused, said with
    the problems that stop it so that all is mended at once; or a dry run)."""
    for notes, heading, _ in _note_groups(plan, name):
        if unwritten:
            heading = heading.replace("(imported as given", "(would be imported as given")
        _line("warning", heading)
        _list_problems(notes, "note")


def _note_groups(plan, file_name: str) -> list:
    """The plan's notes by kind, each with the line that heads it and its kind's word (a note's
    `kind` in `--summary json`), in the order they are said (on stderr, and in `--summary json`'s
    notes); kinds without notes are left out."""
    from ..errors import path_shown
    from ..importers import record_unit

    name = path_shown(file_name)  # (a heading says a long name cut)

    groups = []

    def group(kind: str, notes: list, heading) -> None:
        if notes:
            groups.append((notes, heading(), kind))

    # (a source may have several notes, and several entries: counted once)
    sources = len({plan.source_named_at.get(note.where, note.where) for note in plan.source_notes})
    group("source-differs", plan.source_notes, lambda: f"{name} defines {counted(sources, 'source')} differently from the database:")
    again = len(plan.sources_given_again)
    group("source-again", plan.source_again_notes, lambda: f"{name} defines {counted(again, 'source')} again, differently:")
    group("id-held", plan.notes, lambda: f"{name} gives {counted(len(plan.notes), 'claim')} an ID another claim holds here:")
    group("id-differs", plan.id_differs_notes, lambda: f"{name} names {counted(len(plan.id_differs_notes), 'claim')} "
                                                        "here by ID with another statement:")

    def aliases() -> str:
        items = sum(1 for note in plan.alias_notes if note.field)  # (an evidence item's source: a claim's has none)
        named = " and ".join(counted(count, noun) for count, noun in
                             ((len(plan.alias_notes) - items, "claim"), (items, "evidence item")) if count)
        return f"{name} names the source of {named} by an alias another source holds here:"

    group("alias-held", plan.alias_notes, aliases)
    group("ref-held", plan.ref_notes, lambda: f"{name} gives {counted(len(plan.ref_notes), record_unit(plan.ref_notes[0].where))} "
                                  "a ref that another statement has:")
    group("ref-new-alike", plan.new_ref_notes, lambda: (
        f"{name} adds {counted(len(plan.new_ref_notes), record_unit(plan.new_ref_notes[0].where))} by a ref new here, "
        "saying what a claim here says (the same claim, if the ref was written otherwise):"))
    group("event-after-claim", plan.date_notes, lambda: f"{name} dates the event after the claim in "
                                   f"{counted(len(plan.date_notes), record_unit(plan.date_notes[0].where))}: right for "
                                   "an announced or expected event, else check that claimed_on and event_on are not "
                                   "swapped:")

    group("relative-date", plan.relative_notes, lambda: (
        f"{name} dates {counted(len({note.where for note in plan.relative_notes}), record_unit(plan.relative_notes[0].where))} "
        "from the day it is imported; read again another day, it gives other dates (write the dates out):"))

    group("history-order", plan.order_notes, lambda: (
        f"{name} has {counted(len(plan.order_notes), record_unit(plan.order_notes[0].where))} whose history is out of "
        "time order; each is stored in time order:"))
    group("history-status", plan.chain_notes, lambda: (
        f"{name} has {counted(len(plan.chain_notes), record_unit(plan.chain_notes[0].where))} whose history's "
        "statuses do not follow on; each entry's status before is stored as the one the entry before it left:"))

    def dates() -> str:
        # (an item here a claim's new date leaves before it, noted under that date's field)
        left = [note for note in plan.evidence_date_notes if note.field in ("claimed_on", "event_on")]
        given = len(plan.evidence_date_notes) - len(left)
        said = [f"gives {counted(given, 'evidence item')} {'a date' if given == 1 else 'dates'} to check"] if given else []
        if left:
            said.append(f"gives {counted(len({note.where for note in left}), 'claim')} a date that leaves "
                        f"{counted(len(left), 'evidence item')} here dated before it")
        return f"{name} {', and '.join(said)}:"

    group("evidence-date", plan.evidence_date_notes, dates)

    def overlaps() -> str:
        items = len({(note.where, note.field) for note in plan.overlap_notes})  # (one may cross two)
        one, claims = items == 1, len({note.where for note in plan.overlap_notes})
        return (f"{name} gives {counted(items, 'evidence item')} that repeat{'s' if one else ''} or cross{'es' if one else ''} "
                f"another item of {'its' if one else 'their'} claim{'' if claims == 1 else 's'}; each counts (imported "
                "as given):")

    group("evidence-overlap", plan.overlap_notes, overlaps)

    def relays() -> str:
        items, claims = len(plan.relay_notes), len({note.where for note in plan.relay_notes})
        links = "claim's own link" if claims == 1 else "claims' own links"
        return (f"{name} gives {counted(items, 'evidence item')} citing {'its' if items == 1 else 'their'} {links}, "
                f"the claimant's word relayed; {'it' if items == 1 else 'each'} counts as strong (imported as given):")

    group("evidence-relay", plan.relay_notes, relays)

    def outlet_relays() -> str:
        items = len(plan.outlet_relay_notes)
        return (f"{name} gives {counted(items, 'evidence item')} by the outlet that relayed "
                f"{'its' if items == 1 else 'their'} claim, the claimant's word again; {'it' if items == 1 else 'each'} "
                "counts as strong (imported as given):")

    group("evidence-outlet", plan.outlet_relay_notes, outlet_relays)

    def grades() -> str:
        items = len(plan.grade_notes)
        return (f"{name} gives {counted(items, 'evidence item')} from {'a source' if items == 1 else 'sources'} graded "
                f"D or E that {'counts' if items == 1 else 'count'} as strong (imported as given):")

    group("evidence-grade", plan.grade_notes, grades)

    def mixed() -> str:
        tags = sum(1 for note in plan.script_notes if note.field == "tags")
        names = " and ".join(counted(count, noun) for count, noun in
                             ((len(plan.script_notes) - tags, "name"), (tags, "tag")) if count)
        missed = context.missed_by([note.field for note in plan.script_notes], "a place")
        return f"{name} has {names} mixing Latin and Cyrillic letters; {missed}:"

    group("mixed-alphabets", plan.script_notes, mixed)
    group("lookalike", plan.lookalike_notes, lambda: f"{name} adds {counted(len(plan.lookalike_notes), 'source name')} written "
                                                     "like another source's (in letters that look alike, or but for spaces "
                                                     "and punctuation), each a source of its own:")
    group("source-alike", plan.source_alike_notes, lambda: (
        f"{name} files claims under {counted(len(plan.source_alike_notes), 'source')} whose name only looks like "
        "another's:"))
    group("category-alike", plan.category_notes, lambda: f"{name} adds " + (  # (the notes are pairs)
        "1 category written like another" if len(plan.category_notes) == 1 else
        f"categories written like others ({len(plan.category_notes)} pairs)") + ", each a category of its own:")
    group("tag-comma", plan.tag_notes, lambda: f"{name} has {counted(len(plan.tag_notes), 'tag')} holding a comma; tags are "
                                  "separated by ';':")
    group("tag-hashtags", plan.hashtag_notes, lambda: f"{name} has {counted(len(plan.hashtag_notes), 'tag')} of hashtags "
                                              "separated by spaces; tags are separated by ';':")
    group("decimal-comma", plan.decimal_notes, lambda: f"{name} has {counted(len(plan.decimal_notes), 'row')} whose whole-degree "
                                               "coordinates come before a number, read as whole degrees; a decimal comma "
                                               "unquoted splits one so:")
    group("coordinates-to-check", plan.coords_notes, lambda: (
        f"{name} has {counted(len(plan.coords_notes), record_unit(plan.coords_notes[0].where))} with coordinates to "
        "check (imported as given):"))
    group("place-alike", plan.place_alike_notes, lambda: (
        f"{name} adds {counted(len(plan.place_alike_notes), 'claim')} that may be "
        f"{'a claim' if len(plan.place_alike_notes) == 1 else 'claims'} here recorded again, "
        f"{'its' if len(plan.place_alike_notes) == 1 else 'their'} place written otherwise (imported as given: two "
        "places may share a name):"))
    group("outlet-a-source", plan.outlet_notes, lambda: (
        f"{name} has {counted(len(plan.outlet_notes), 'outlet')} that "
        f"{'is a source of its own' if len(plan.outlet_notes) == 1 else 'are sources of their own'} (imported as "
        "given; `claims list --source` finds a claim by its claimant alone):"))
    group("own-word-moved", plan.own_word_notes, lambda: (
        f"{name} gives {counted(len(plan.own_word_notes), 'claim')} another claimant, which moves evidence across the "
        "claimant's own word (imported as given):"))
    moved = len(plan.assessed_moved_notes)
    group("assessed-rule-moved", plan.assessed_moved_notes,
          lambda: f"{name} updates {counted(moved, 'claim')} assessed here whose rule's verdict it moves; each assessment "
                  "stays in force (`claims assess ID --clear` gives the rule's):")
    group("deleted-there", plan.deleted_notes, lambda: f"{name} has {counted(len(plan.deleted_notes), 'claim')} deleted on its desk, "
                                      "live here; an import deletes none (`claims delete ID` does):")
    group("live-there", plan.live_there_notes,
          lambda: f"{name} has {counted(len(plan.live_there_notes), 'claim')} live on its desk, deleted here; an "
                  "import restores none (`claims restore ID` does):")
    group("id-far-ahead", plan.far_id_notes, lambda: f"{name} keeps an ID far past this database's numbering:")
    group("deleted-here", plan.deleted_here_notes, lambda: f"{name} updates {counted(len(plan.deleted_here_notes), 'claim')} "
                                   f"deleted here; {'it stays' if len(plan.deleted_here_notes) == 1 else 'they stay'} "
                                   "deleted:")
    group("changed-there", plan.changed_notes, lambda: f"{name} changed {counted(len(plan.changed_notes), 'claim')} on its desk since; "
                                      "skipped, as duplicates are (--on-duplicate update applies the changes):")
    differs = len(plan.differs_notes)
    group("differs-here", plan.differs_notes, lambda: (
        f"{name} has {counted(differs, record_unit(plan.differs_notes[0].where))} that "
        f"{'differs from its claim' if differs == 1 else 'differ from their claims'} here; skipped, as duplicates are "
        f"(--on-duplicate update applies {'it' if differs == 1 else 'them'}):"))
    group("edited-here", plan.kept_notes, lambda: f"{name} still has {counted(len(plan.kept_notes), 'value')} that an edit here "
                                  "replaced; the edits stand (claims edit gives a claim the row's value):")
    group("replaced-here", plan.replaced_notes, lambda: f"{name} replaces {counted(len(plan.replaced_notes), 'value')} that an "
                                       "edit here gave; the file's stands (claims edit gives it back):")
    repeated = len({note.message for note in plan.repeat_notes})  # (each names its claim's first record)
    group("repeated", plan.repeat_notes, lambda: f"{name} gives {counted(repeated, 'claim')} again in later rows with other "
                                     "values; an import applies only the first:")
    return groups


def _line(kind: str, body: str) -> None:
    """One message line on stderr, never wrapped: scripts read these lines one by one."""
    from ..plain import inert

    if kind == "hint":
        context.say_text(inert(body), style="hint")
    else:
        context.notify(kind, body)


@contextlib.contextmanager
def _open(path: str):
    """The file (or standard input) as a binary stream; the importer reads it once, line by line."""
    from ..errors import ClaimsError, path_shown

    if path == "-":
        stream = sys.stdin
        if stream is None:  # (`<&-`: the process has no descriptor 0)
            raise ClaimsError("cannot read standard input: it is closed")
        try:
            buffer = getattr(stream, "buffer", None)
            yield buffer if buffer is not None else io.BytesIO(stream.read().encode("utf-8"))
        except OSError as err:
            raise ClaimsError(f"cannot read standard input: {err.strerror or err}") from None
        return
    try:
        from ..output import expanded

        handle = expanded(path).open("rb")
    except FileNotFoundError:
        raise ClaimsError(f"cannot read {path_shown(path)}: no such file") from None
    except IsADirectoryError:
        raise ClaimsError(f"cannot read {path_shown(path)}: it is a directory") from None
    except OSError as err:
        raise ClaimsError(f"cannot read {path_shown(path)}: {err.strerror or err}") from None
    try:
        yield handle
    except OSError as err:
        raise ClaimsError(f"cannot read {path_shown(path)}: {err.strerror or err}") from None
    finally:
        handle.close()


def _list_problems(problems, noun: str = "problem") -> None:
    from ..importers import problem_fixes, read_problems
    from ..plain import counted, inert

    lines, more = read_problems(problems, PROBLEMS_SHOWN)
    if more:
        listed = f"the first {len(problems)}" if getattr(problems, "left_off", 0) else "every one"
        lines.append(f"... and {counted(more, 'more ' + noun)} (--summary json lists {listed})")
    lines += [f"To fix: {fix}" for fix in problem_fixes(problems, PROBLEMS_SHOWN)]
    for line in lines:  # (a command it advises names the --db given, as a message's does)
        context.say_text("  " + context.naming_db(inert(line)))


def _said(problem) -> dict:
    """A problem or note as --summary json gives it: the commands its message and hint advise name
    the --db given, as on stderr (context.naming_db)."""
    said = problem.to_dict()
    for key in ("message", "hint"):
        if said.get(key):
            said[key] = context.naming_db(said[key])
    return said


def _summary(plan, name: str, dry_run: bool, *, written: bool, quiet: bool, as_json: bool,
             rejected: bool = False) -> None:
    counts = plan.summary()
    if rejected:  # (nothing was, or would be, added: the counts a script acts on say so)
        counts.update(added=0, updated=0, sources_added=0, sources_updated=0, categories_added=0, added_deleted=0)
    if as_json:
        from ..errors import OutputFailed
        from ..exporters import json_inert, readable_json

        notes = [{**_said(note), "kind": kind} for group, _, kind in _note_groups(plan, name) for note in group]
        try:
            context.emit(json_inert(readable_json({"file": name, **counts, "dry_run": dry_run, "written": written,
                                                  "problems": [_said(problem) for problem in plan.problems],
                                                  "problems_left_off": plan.problems.left_off,
                                                  "notes": notes})
                                    + b"\n"))
        except OutputFailed:  # (a full disk, a closed stdout: the line on stderr still says what was saved)
            if not quiet:
                _say_summary(counts, name, dry_run)
            raise
    if not quiet:
        _say_summary(counts, name, dry_run)


def _say_summary(counts: dict, name: str, dry_run: bool) -> None:
    """The one-line summary on stderr: "Imported day.csv: 3 added, 0 updated, ..."."""
    would = "would be " if dry_run else ""
    parts = [f"{counts['added']} {would}added", f"{counts['updated']} {would}updated",
             f"{counts['skipped']} {would}skipped as duplicates", f"{counts['invalid']} invalid"]
    extra = []
    if counts["added_deleted"]:  # (else "1 added" and nothing in `claims list`)
        added = f"that {would}added" if dry_run else "added"
        deleted = counts["added_deleted"]
        extra.append((f"the claim {added} is" if counts["added"] == 1 else
                      f"{deleted} of the claims {added} {'is' if deleted == 1 else 'are'}")
                     + " deleted, as in the file: `claims list --deleted`")
    if counts["sources_added"]:
        extra.append(f"{counted(counts['sources_added'], 'source')} {would}added")
    if counts["sources_updated"]:
        extra.append(f"{counted(counts['sources_updated'], 'source')} {would}updated")
    if counts["categories_invalid"]:
        extra.append(f"{counts['categories_invalid']} categor{'ies' if counts['categories_invalid'] > 1 else 'y'} "
                     "invalid")
    if counts["categories_added"]:
        extra.append(f"{counts['categories_added']} categor{'ies' if counts['categories_added'] > 1 else 'y'} "
                     f"{would}added")
    from ..errors import path_shown

    head = f"Dry run, nothing written. {path_shown(name)}" if dry_run else f"Imported {path_shown(name)}"
    _line("ok", f"{head}: {', '.join(parts)}" + (f" ({'; '.join(extra)})" if extra else "") + ".")


class _progress:
    """A transient Rich progress bar on stderr for large imports on a terminal; else a no-op.

    Used as `with _progress(total, quiet) as update: update(done, total)`.
    """

    def __init__(self, total: int, quiet: bool):
        self.total = total
        self.quiet = quiet
        self.bar = None
        self.task = None

    def __enter__(self):
        if self.quiet or self.total < PROGRESS_MIN_RECORDS or context.plain_stderr():
            return lambda done, total: None  # (no terminal: not even Rich's console is needed)
        from ..console import err

        console = err()
        if not console.is_terminal:
            return lambda done, total: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            console=console, transient=True)
        self.bar.start()
        self.task = self.bar.add_task("checking", total=self.total)
        return self.update

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            return
        if total == 0:
            self.bar.stop()
            self.bar = None
            return
        self.bar.update(self.task, completed=done, description="writing" if done >= total else "checking")

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
