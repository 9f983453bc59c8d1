"""Text for a terminal without Rich: `inert` (user text made safe to print) and the labels of
one-line messages. Shared by `render` (Rich) and `context.notify`'s plain path, which prints a
message without importing Rich when stderr is not a terminal (the text is the same; there would
be no colour anyway). Stdlib only.
"""

from __future__ import annotations

import os
import re
from typing import Callable

# C0 and C1 controls but newline and tab, and the direction controls (embeddings, overrides,
# isolates), which make a terminal show the text after them reversed or reordered: a row could
# read "confirmed" where the data says otherwise. Messengers put them around names and numbers,
# so they are kept as data; only what is shown is escaped. So are the line and paragraph
# separators U+2028 and U+2029 (pasted from a web page), at which a terminal may break a row.
# (and the lone surrogates a name that is not UTF-8 is held with: a path in another encoding, said
# by its byte, \xe9, as import and exporters.readable_text say it, not as \udce9)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\udc80-\udcff]")

# What a Ctrl-C before a command wrote anything says (cli, and __main__ while the program starts)
INTERRUPTED = "interrupted; the database was not changed (what went to standard output or a pipe may be cut short)"

MESSAGE_LABELS = {"error": "Error: ", "warning": "Warning: ", "ok": ""}


def counted(number: int, noun: str) -> str:
    """`1 claim`, `2 claims`."""
    return f"{number} {noun}" + ("" if number == 1 else "s")


def claims_counted(number: int, deleted: int | None = None) -> str:
    """'2 claims and 1 deleted' of 3 records: every other command counts the live ones ("3 claims
    (1 deleted)" read as three live)."""
    return f"{counted(number - deleted, 'claim')} and {deleted} deleted" if deleted else counted(number, "claim")


def possessive(name: str) -> str:
    """"Russian MoD's", and "Two Majors'" of a name ending in s ("Two Majors's" was said); an
    initialism in capitals takes 's, as it is read letter by letter ("SBS's")."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def shell_quoted(name: str) -> str:
    """A name as a shell takes it, in a command a message suggests ("Two Majors" quoted); one holding
    a character a message would escape (`inert`: a control character, a newline or tab in a file's
    name, a direction control) in bash's $'...', escaped as the message shows it, so the command
    stays on its line and is pasted whole. Others, a zero-width joiner in a name too, in plain
    quotes, which every shell reads (dash has no $'...')."""
    import shlex

    if "\n" not in name and "\t" not in name and _CONTROL.search(name) is None:
        return shlex.quote(name)
    return "$'" + "".join(_ansi_c(char) for char in name) + "'"


def _ansi_c(char: str) -> str:
    """A character as bash's $'...' writes it: a quote and a backslash escaped, one a message
    escapes as \\n, \\t, \\xNN or \\uNNNN (a name's byte that is not UTF-8, a lone surrogate, as that byte)."""
    if char in "'\\":
        return "\\" + char
    if char not in "\n\t" and _CONTROL.match(char) is None:
        return char
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char) or (f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}")


def shell_operand(name: str) -> str:
    """A file's name as a shell command takes it as one: `shell_quoted`, and never read as an option."""
    return shell_quoted(name if not name.startswith("-") else f"./{name}")


def lock_holder_named(lock_path: object) -> str:
    """How to find the process that holds a database's lock, to end it if stuck: lsof is in a
    standard Debian or Ubuntu install and in macOS (fuser, psmisc's, is often not there)."""
    return f"`lsof {shell_operand(str(lock_path))}` names it"


NOT_REGULAR_HINT = "Point --db (or $CLAIMS_DB) at the database file."  # (a --db naming a device, a pipe)

SECOND_NAME_HINT = "A second name for the database should be a symbolic link (ln -s), which every change follows."


def other_names_said(count: int, *, replaced: bool) -> str:
    """What a database file's `count` other names (hard links, storage.other_names) mean, after its
    name: at the write that `replaced` the file here (a warning), or of the next one (doctor's note)."""
    names, keep = ("another name (a hard link)", "the other name keeps") if count == 1 else \
        (f"{count} other names (hard links)", "the others keep")
    if replaced:
        return f"had {names}: this change replaced the file at this name only, and {keep} the version before it"
    return f"has {names}: a change replaces the file at this name only, and {keep} the version before it"

# How doctor says a file it could not read (storage.read_for_doctor), which its advice reads: no
# damage known, so no restore over it (health.advise)
UNREADABLE_HERE = "unreadable to this user"  # (EACCES: another analyst's 0600 file)
LINK_LOOP = "a symbolic link in a loop"  # (ELOOP: `ln -s loop.json loop.json`)
MODE_ALLOWS = "its mode lets this user read it"  # (refused all the same: EPERM, a policy, a file held open)


def name_a_file(example: object = "desk.json") -> str:
    """The hint for a --db that names no file: a file's name, `example` as a shell takes it."""
    return f"Give --db (or $CLAIMS_DB) the name of a file, e.g. --db {shell_quoted(str(example))}."


def shell_arguments(*names: str) -> str:
    """Names as the positional arguments of a suggested command, each `shell_quoted`, after `--`
    when one starts with a dash (a source named "-Rybar" would read as an option): whatever
    options the command takes go before them. (An option's value is only `shell_quoted`: Click
    takes `--ref -007` as the value, and `--ref -- -007` as an option "-0".)"""
    quoted = " ".join(shell_quoted(name) for name in names)
    return f"-- {quoted}" if any(name.startswith("-") for name in names) else quoted


def shortened(text: str, limit: int) -> str:
    """`text` in at most `limit` characters: cut with "…", never inside what shows as one
    character (a letter and its accents, a flag's two letters, an emoji joined with ZWJ)."""
    if len(text) <= limit:
        return text
    cut = limit - 1
    while cut > 0 and inside_one_character(text, cut):
        cut -= 1
    return text[:cut] + "…"


def shortened_in_the_middle(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, its start and its end kept about evenly around "…"
    (names that share their start: "Міністерство…ьних операцій"), never cut inside one character."""
    if len(text) <= limit:
        return text
    head = shortened(text, (limit + 1) // 2 + 1)[:-1]
    start = len(text) - (limit - 1 - len(head))
    while start < len(text) and inside_one_character(text, start):
        start += 1
    return head.rstrip() + "…" + text[start:].lstrip()


def shortened_from(text: str, at: int, limit: int) -> str:
    """`text` in at most `limit` characters from a little before `at`, "…" before it where it does
    not start at the start (where names that share their start and their end differ: "…3rd
    Separate Assault…"), never cut inside one character."""
    start = max(0, at - 8)
    while 0 < start < len(text) and inside_one_character(text, start):
        start -= 1
    return ("…" + shortened(text[start:].lstrip(), limit - 1)) if start else shortened(text, limit)


_JOINING = frozenset("\u200d\ufe0e\ufe0f")  # ZWJ, text and emoji presentation selectors


def inside_one_character(text: str, cut: int) -> bool:
    """Whether a cut before text[cut] splits what a terminal shows as one character."""
    import unicodedata

    before, after = text[cut - 1], text[cut]
    # (a mark of any kind, spacing ones too, such as Indic vowel signs, belongs to what precedes it)
    if (unicodedata.category(after).startswith("M") or after in _JOINING or before == "\u200d"
            or "\U0001f3fb" <= after <= "\U0001f3ff"):
        return True  # (the last range: skin tones)
    if _regional(after) and _regional(before):
        run = 0
        while cut - run > 0 and _regional(text[cut - run - 1]):
            run += 1
        return run % 2 == 1  # flags are pairs of letters: an odd run cuts one in two
    return False


def _regional(char: str) -> bool:
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def inert(value: object) -> str:
    """User text made safe for a terminal: control characters shown as \\xNN escapes (direction
    controls as \\uNNNN)."""
    if value is None:
        return ""
    return _CONTROL.sub(_escaped, str(value))


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # (surrogateescape's byte)
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def message_text(kind: str, body: str, hint: str | None = None) -> str:
    """The plain text of `render.message(kind, body, hint)`."""
    return MESSAGE_LABELS.get(kind, "") + inert(body) + ("\n" + inert(hint) if hint else "")


def status_change_text(claim: dict, before: str | None, reason: str) -> str:
    """The plain text of `render.status_change(claim, before, reason)`."""
    line = inert(claim["id"]) + (" (deleted): " if claim.get("deleted_at") else ": ")
    if before and before != claim["status"]:
        line += inert(before) + " → "
    return line + status_text(claim, reason)


def status_text(claim: dict, reason: str) -> str:
    """A claim's status and why: "refuted (analyst's assessment; computed confirmed: strong support
    from ISW)", or the rule's "confirmed (strong support from ISW)"."""
    if claim.get("assessment"):
        return (f"{inert(claim['status'])} (analyst's assessment; computed {inert(claim['computed_status'])}: "
                f"{inert(reason)})")
    return f"{inert(claim['status'])} ({inert(reason)})"


MIN_WIDTH = 20  # columns: a narrower width asked for (COLUMNS=0, a typo) is not taken; no table fits
MAX_WIDTH = 999_999  # columns: a wider one is taken as this (as COLUMNS of more than six digits is not read)


def configured_width() -> int | None:
    """The console width CLAIMS_WIDTH asks for (None: unset, not a number or under MIN_WIDTH),
    for Rich's consoles and for plain tables alike."""
    try:
        width = int(os.environ["CLAIMS_WIDTH"]) if os.environ.get("CLAIMS_WIDTH") else None
    except ValueError:
        return None
    # (at most MAX_WIDTH: a 20-digit width overflowed Rich's padding, "cannot fit 'int'", exit 70)
    return min(width, MAX_WIDTH) if width is not None and width >= MIN_WIDTH else None


def columns_width() -> int | None:
    """COLUMNS as Rich reads it (decimal digits), if it is MIN_WIDTH or more; else None."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdecimal() and len(columns) <= 6:  # (not isdigit: int("²") fails;
        width = int(columns)  # nor 5,000 digits: more than int() reads)
        return width if width >= MIN_WIDTH else None
    return None


def terminal_size() -> os.terminal_size | None:
    """The size of the first of stdin, stdout and stderr that is a terminal, as Rich finds it
    (rich.console._STD_STREAMS), or None."""
    for descriptor in (0, 1, 2):
        try:
            return os.get_terminal_size(descriptor)
        except (AttributeError, ValueError, OSError):
            pass
    return None


def console_width() -> int:
    """The width `console.out()` has, and the tables are laid out for: CLAIMS_WIDTH, else COLUMNS,
    else the first of stdin, stdout and stderr that is a terminal, else 80
    (rich.console.Console.__init__ and .size)."""
    width = configured_width() or columns_width()
    if width is not None:
        return width
    size = terminal_size()
    return (size.columns if size is not None else 0) or 80


def age_legend(as_of) -> str:
    """What the Age column of a contested or unverified table counts, said in its legend: under a
    track record whose "Days" are median days to strong support, a bare "Days" read as days contested."""
    return f"age = days from claim date to {as_of.isoformat()}"


# Where a report's contested legend points for the rule's status past the ten it names (a report
# has no --format csv: the contested screen has)
REPORT_MORE_AT = "claims contested --format csv"


def assessed_legend(claims: list[dict], more_at: str = "--format csv") -> str | None:
    """What a table's * means, with what the rule gives each assessed claim it shows whose status
    in force is another (issue 3: both are always shown; the table has room for one): "* =
    analyst's assessment; the rule gives C-0003 confirmed." None when no claim shown is assessed."""
    assessed = [claim for claim in claims if claim.get("assessment")]
    if not assessed:
        return None
    computed = [claim for claim in assessed if type(claim.get("computed_status")) is str]
    if not computed:  # (a hand edit's: doctor names it)
        return "* = analyst's assessment."
    other = [f"{inert(claim['id'])} {inert(claim['computed_status'])}" for claim in computed
             if claim["computed_status"] != claim["status"]]
    if not other:
        return "* = analyst's assessment (the rule gives the same)."
    more = f", and {len(other) - _LEGEND_NAMES} more ({more_at} gives computed_status)" \
        if len(other) > _LEGEND_NAMES else ""
    return f"* = analyst's assessment; the rule gives {', '.join(other[:_LEGEND_NAMES])}{more}."


_LEGEND_NAMES = 10  # assessed claims a legend names with the rule's status (a page of 50 rarely has more)


def claimant_itself(weight) -> str:
    """' (itself)' after a claimant disputing or supporting its own claim, in a table of who
    supports and who disputes (`show` says "the claimant itself", "the claimant's own word"): a
    retraction to weigh, or its own word again, not one more weak denial or corroboration. Of the
    item's `weight` (`verification.weigh`), as the rule tells it: under an alias of the claimant too."""
    from .verification import _ITSELF

    return " (itself)" if weight.why == _ITSELF else ""


def withdrawn_line(item: dict, each: Callable[[str], str] = str, *, day: bool = True) -> str:
    """'withdrawn DAY by ANALYST: REASON' of a withdrawn item (the analyst and reason when it has
    them), each of those laid out by `each` (md, _e) on its own: a direction control in the name,
    closed only at the line's end, reversed the reason after it (review). DAY is this machine's."""
    from .dates import local_day

    by, reason = item.get("withdrawn_by"), item.get("withdraw_reason")
    # (the day too: a time it cannot read, a hand edit's, is shown by its first ten characters, "<i>x</i>|a")
    return ("withdrawn" + (f" {each(local_day(item['withdrawn_at']))}" if day else "") + (f" by {each(str(by))}" if by else "")
            + (f": {each(str(reason))}" if reason else ""))


def and_listed(items: list[str], word: str = "and") -> str:
    """"a", "a and b", "a, b and c" (with `word` "or": "a, b or c")."""
    return f" {word} ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def then(text: str, more: str) -> str:
    """`more` after `text`: "; " between them, or a space after a note's own full stop ("districts.;
    withdrawn" read oddly), nothing before it if `text` is empty."""
    if not text:
        return more
    return text + (" " if text.rstrip().endswith((".", "!", "?")) else "; ") + more
