"""The exceptions `claims` raises for things a user can fix.

Every message is written for the person at the terminal (or the script reading stderr): it says
what is wrong and, where there is one, how to fix it. Each class carries the process exit code a
script can rely on (see the README's "Exit codes"). Imports nothing but the standard library (and
`plain`, itself stdlib only, to cut a long value).
"""

from __future__ import annotations


def no_memory_for(error: BaseException) -> bool:
    """Whether `error` says the machine had no memory for it: a MemoryError, an OSError of ENOMEM, or
    the loader's "failed to map segment from shared object" for a module's shared object (a
    `ulimit -v`), but not where it says why otherwise (a noexec mount, a security policy:
    "Operation not permitted", "Permission denied"), which is no memory to raise."""
    import errno

    if isinstance(error, MemoryError):
        return True
    if isinstance(error, OSError):
        return error.errno == errno.ENOMEM
    said = str(error)
    return isinstance(error, ImportError) and "failed to map segment" in said and not any(
        why in said for why in ("not permitted", "Permission denied"))


# What running out of memory is said as, and its way out (here: loaded at start-up, when a module
# more may find no memory, __main__)
OUT_OF_MEMORY = "claims ran out of memory; the database was not changed"
OUT_OF_MEMORY_HINT = "Close other programs or raise the memory limit (ulimit -v), then run the command again."


# Exit codes, stable for scripts. 2 (usage) is Typer's own.
EXIT_OK = 0
EXIT_USER = 1
EXIT_USAGE = 2
EXIT_DATAERR = 65  # bad input data (an import file, a malformed record)
EXIT_CANTCREAT = 73  # an output file exists and --force was not given
# Standard output could not be written (a full disk, closed): sysexits' EX_IOERR, not 1, which says the
# database was left as it was (a write's change is saved before its output: a retry was "already recorded")
EXIT_IOERR = 74
EXIT_TEMPFAIL = 75  # the database is locked by another writer: try again
EXIT_OSERR = 71  # the machine ran out of memory: sysexits' EX_OSERR
# The reader of the output went away (`claims list | head`): 128 + SIGPIPE, the status of a
# command-line tool killed by it (`seq 1000000 | head -1`), so a pipeline with pipefail tells.
EXIT_READER_GONE = 141


def out_of_memory(error: Exception) -> None:
    """Raise MemoryError for a parse that failed for want of memory: orjson says so with a
    JSONDecodeError ("Not enough memory to allocate buffer for parsing"), which would otherwise
    read as a damaged file (under `ulimit -v`, a healthy database was called damaged)."""
    if "memory" in str(error).lower():
        raise MemoryError(str(error)) from None


def json_kind(value: object) -> str:
    """What JSON value `value` was parsed from, in words ("a JSON array", "JSON null")."""
    return {dict: "a JSON object", list: "a JSON array", str: "a JSON string", bool: "a JSON boolean",
            type(None): "JSON null"}.get(type(value), "a JSON number")


# The most of a value a message says (a source's name, the longest a name may be, is said whole): a
# longer one, `--side` of 10,000 characters pasted by mistake, is said cut, with its length
SHOWN_AT_MOST = 80


def shown(value: object, at_most: int | None = SHOWN_AT_MOST) -> str:
    """A value as a message quotes it: text as typed, quoted as Python quotes it ('C-1', "Ukrains'ka
    Pravda"), what does not print escaped as Python escapes it (\\n, \\x1b, \\xa0, \\u202e: the message
    stays one line and shows it) and a byte that is not UTF-8 said as the byte (\\xe9); anything
    else as JSON does (true, null, ["x", 3]), the form of the file it came from. A backslash is
    said once, as typed (repr doubled it: --category 'cat\\\\'), and a quote gets none it has not
    ('Two "Ma'jors"': repr's had 'Two "Ma\\'jors"'). Text longer than `at_most` as said (None: any) is
    cut, and its length said: 'xxx…' (10000 characters long)."""
    if isinstance(value, str):
        quote = '"' if "'" in value and '"' not in value else "'"
        if value.isprintable() and (at_most is None or len(value) <= at_most):
            return quote + value + quote
        said, whole = _cut(value, at_most)
        return quote + said + quote + ("" if whole else f" ({len(value)} characters long)")
    import json  # (only when a message needs it)

    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # (not a JSON value: no file holds it)
        return repr(value)


def _cut(text: str, at_most: int | None) -> tuple[str, bool]:
    """`text` as `shown` says it, in at most `at_most` characters, and whether that is all of
    it: cut with "…" between two escapes, never inside one (\\x1b), nor inside what shows as one
    character (a letter and its accent, as plain.shortened cuts)."""
    pieces = [char if char.isprintable() else _escaped(char) for char in text]
    if at_most is None or sum(map(len, pieces)) <= at_most:
        return "".join(pieces), True
    kept, length = 0, 0
    while length + len(pieces[kept]) <= at_most - 1:  # (- 1: room for the "…")
        length += len(pieces[kept])
        kept += 1
    from .plain import inside_one_character  # (stdlib only; only for a long value)

    while kept > 1 and inside_one_character(text, kept):
        kept -= 1
    return "".join(pieces[:kept]) + "…", False


# The most of a path or file name a message says (more than most paths are, where a value's is less):
# a longer one (a paragraph pasted after -o) is said cut in the middle, its start and its end kept
PATH_SHOWN_AT_MOST = 120


def path_shown(path: object) -> str:
    """A path as a message says it, unquoted (`cannot read data/in.csv: no such file`): whole, or,
    past PATH_SHOWN_AT_MOST characters, cut in the middle, with its length ("/tmp/xx…xx.csv (10004
    characters long)"); what does not print escaped as `shown` escapes it (a newline in a pasted
    name would otherwise break the one-line message where the reader cannot tell it from a line end),
    escaped after the cut so it never cuts inside an escape."""
    text = str(path)
    if len(text) <= PATH_SHOWN_AT_MOST:
        return escaped(text)
    from .plain import shortened_in_the_middle  # (stdlib only; only for a long path)

    return f"{escaped(shortened_in_the_middle(text, PATH_SHOWN_AT_MOST))} ({len(text)} characters long)"


def escaped(text: str) -> str:
    """Text as `shown` writes it, unquoted: what does not print escaped (\\u200b, \\x1b)."""
    return text if text.isprintable() else _cut(text, None)[0]


def _escaped(char: str) -> str:
    """A character that does not print, as repr escapes it; a lone surrogate, how a byte that is not
    UTF-8 is held (a name in another encoding), as that byte."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return repr(char)[1:-1]


class DamagedRecord(Exception):
    """A stored claim without what every claim holds (`models.readable_claim`), found by a command
    about to write it out: said as a command that cannot read a record says it (the database has
    damaged records; `claims doctor` names them), exit 1. Not a ClaimsError: the words name the
    database, which the CLI knows, not the code that read the claim. Its one argument, if given,
    names the record and what is wrong ("C-0002's claimed_on '07/12/2025' is not a YYYY-MM-DD date")."""


class ClaimsError(Exception):
    """Base class: a problem the user can fix. `str(err)` is the message shown."""

    exit_code = EXIT_USER

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class ReaderGone(ClaimsError):
    """The reader of a named --output pipe went away (`>(gzip > x.gz)` that failed): said, as a
    pipe that is this process's own stdout (`| head`) is not."""

    exit_code = EXIT_READER_GONE


class NotFound(ClaimsError):
    """An unknown claim, evidence item or source."""


class InvalidValue(ClaimsError):
    """A value given on the command line or in a record is not acceptable.

    `field` names the offending field, so an importer can report "row 12, claimed_on: ...".
    """

    def __init__(self, message: str, hint: str | None = None, field: str | None = None):
        super().__init__(message, hint)
        self.field = field


class TooLong(InvalidValue):
    """A value longer than its field's limit, or a list of more items than its limit (models.MAX_*)."""


class StoredValueInvalid(InvalidValue):
    """A claim's stored value (not one given) fails validation: a hand edit put it there."""


class DuplicateClaim(ClaimsError):
    """The claim is already recorded."""

    def __init__(self, message: str, existing_id: str, hint: str | None = None):
        super().__init__(message, hint)
        self.existing_id = existing_id


class StoreError(ClaimsError):
    """The database file cannot be read or written safely."""


class StoreLocked(StoreError):
    exit_code = EXIT_TEMPFAIL


class DataError(ClaimsError):
    """An input file is malformed; `problems` lists (position, field, message)."""

    exit_code = EXIT_DATAERR

    def __init__(self, message: str, problems: list | None = None, hint: str | None = None):
        super().__init__(message, hint)
        self.problems = problems or []


class OutputExists(ClaimsError):
    exit_code = EXIT_CANTCREAT


class OutputFileFailed(ClaimsError):
    """An --output file or device could not be written for want of room (a full disk, a quota, a
    file-size limit) or an I/O error: standard output's failure, 74, not a user error a script would
    take it for."""

    exit_code = EXIT_IOERR


class OutputFailed(ClaimsError):
    """Standard output cannot be written: a full disk, or closed."""

    exit_code = EXIT_IOERR

    def __init__(self, reason: str):
        super().__init__(f"cannot write to standard output: {reason}")
