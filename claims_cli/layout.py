"""What the listing tables hold, without Rich: columns, and cells as styled text.

`render.rich_table` makes a Rich Table of a `TableSpec` (for a terminal); `plain_table.render`
lays the same spec out as plain text exactly as Rich would for a file or a pipe, without importing
Rich's console (about 30 ms) or running its renderer (about 50 ms for 50 rows). A style is a theme
name from `console.THEME`; it matters to Rich only. Stdlib only.
"""

from __future__ import annotations

import copy
import functools
import re
import unicodedata

from datetime import date
from typing import Iterable, Iterator

from .errors import shown as quoted
from .models import (
    GRADES, Side, SourceRegistry, Status, claimed_day, decimal_text, live_evidence, stamp_key, withdrawal,
)
from .plain import (
    age_legend, and_listed, assessed_legend, claimant_itself, console_width, counted, inert, shell_quoted, shortened,
    then,
)
from .verification import STRONG, evaluate, weigh

# Style names come from the theme; a value from a hand-edited file must not pick (or break) one.
_STATUSES = {status.value for status in Status}
_SIDES = {side.value for side in Side}


class Styled:
    """Rich's `Text(text, style=style)` followed by `.append(part, style=part_style)` for each part."""

    __slots__ = ("text", "style", "parts")

    def __init__(self, text: str, style: str = "", parts: tuple[tuple[str, str], ...] = ()) -> None:
        self.text = text
        self.style = style
        self.parts = parts

    @property
    def plain(self) -> str:
        return self.text + "".join(part for part, _ in self.parts) if self.parts else self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Styled) and (self.text, self.style, self.parts) == \
            (other.text, other.style, other.parts)

    def __repr__(self) -> str:
        return f"Styled({self.text!r}, {self.style!r}, {self.parts!r})"


class Whole(Styled):
    """A line printed whole, however long (the terminal folds it): a command to paste, which a
    table's width folded into two that pasted apart (context.show_parts)."""

    __slots__ = ()


class Column:
    """The arguments of Rich's `Table.add_column` that the tables use (Rich's defaults)."""

    __slots__ = ("header", "style", "justify", "no_wrap", "overflow", "min_width", "max_width", "ratio")

    def __init__(self, header: str, *, style: str = "", justify: str = "left", no_wrap: bool = False,
                 overflow: str = "ellipsis", min_width: int | None = None, max_width: int | None = None,
                 ratio: int | None = None) -> None:
        self.header = header
        self.style = style
        self.justify = justify
        self.no_wrap = no_wrap
        self.overflow = overflow
        self.min_width = min_width
        self.max_width = max_width
        self.ratio = ratio


class TableSpec:
    """A table as `render._table` draws it (a simple head rule, no edges, one space of padding),
    or with `grid` as Rich's `Table.grid(padding=(0, 2))` (no header, lines, title or caption). A cell is a
    Styled, or a str (which Rich renders as text, without markup). `row_styles` maps a row's index
    to a style for the whole row (Rich only)."""

    __slots__ = ("columns", "rows", "title", "caption", "grid", "row_styles")

    def __init__(self, columns: list[Column], rows: list[list] | None = None, *, title: str | None = None,
                 caption: str | None = None, grid: bool = False) -> None:
        self.columns = columns
        self.rows = rows if rows is not None else []
        self.title = title
        self.caption = caption
        self.grid = grid
        self.row_styles: dict[int, str] = {}


# ------------------------------------------------------------------------------ the tables

def shown_note(shown: int, total: int, written: bool = False) -> str | None:
    """What a table (or, `written`, a script's listing) cut at --limit says of the rest (a message,
    on stderr), or None if none is left out."""
    if total <= shown:
        return None
    return f"{shown} of {total} claims written; --limit 0 writes all." if written else \
        f"{shown} of {total} claims shown; --limit 0 shows all."


def claims_table(claims: Iterable[dict]) -> TableSpec:
    """The `claims list` table: reads well at 80 columns, the statement takes what is left.
    `claims` is read once (a listing of 100,000 claims as they are parsed: only its rows are kept)."""
    assessed: list[dict] = []  # (all the caption needs: assessed_legend reads no other claim)
    rows = [_claim_row(claim, assessed) for claim in claims]
    caption = assessed_legend(assessed)
    # (a console this wide has room for a claimant with its outlet and a long place name, and still
    # leaves the statement 60 columns)
    width = console_columns()
    wide = width >= 140
    columns = [
        Column("ID", style="claim.id", no_wrap=True),
        Column("Date", no_wrap=True),
        # (14, or its longest word if that is whole in 24: "GeoConfirmedVerification" was cut after 14)
        Column("Source", max_width=24 if wide else _whole_up_to(rows, 2, 14, 24) or 14, overflow="fold"),
        # (up to its longest word, 16, or 24 if that makes it whole: "Костянтинівка" was cut at 12,
        # "Velykomykhailivka" at 16; `fitted` drops it first, whole, where the statement would have
        # too little room beside it)
        Column("Place", max_width=24 if wide else _whole_up_to(rows, 3, 16, 24) or max(12, min(16, max(
            (_longest_word(row[3]) for row in rows), default=0))), overflow="fold"),
        Column("Status", no_wrap=True),
        # (28 from 80 columns: the place gives way before the statement reads a few words a line;
        # growing with the width below, so that a narrower console never shows a column a wider
        # one gave up)
        Column("Statement", ratio=1, min_width=max(16, min(28, width - 52)) if width >= 40 else 8, overflow="fold"),
    ]
    # On a narrow console the place, then the claimant, then the date give way (`show` has them all):
    # each kept column insists on its width, and Rich would crop the statement past the edge.
    fit = fitted(TableSpec(columns, rows, caption=caption), width, ("Place", "Source", "Date"))
    # Beside the ID and status the statement had less than its longest word at 20 to 35 columns
    # ("battlefiel/d"): each statement then goes on lines of its own, under its ID and status (at
    # 20 columns under the ID as a column, "infrastructure" was cut too)
    if len(fit.columns) == 3 and _no_room_for_a_word(rows, (5, "Statement"), width, ((0, "ID"), (4, "Status"))):
        return blocks("ID, status; statement", (
            (Styled(claim_id.text, "claim.id", (("  ", ""), (status.text, status.style), *status.parts)), statement)
            for claim_id, _, _, _, status, statement in rows), caption=caption)
    return fit


def _whole_up_to(rows: list[list], at: int, usual: int, most: int) -> int | None:
    """The width of the column `at` whose longest word up to `most` is longer than its `usual`
    width (that word's), else None. A word longer than `most` is cut either way and the statement
    keeps the room, but the others stay whole: one outlet's link made "(Colonelcassad)" break."""
    longest = max((_longest_word(row[at], most) for row in rows), default=0)
    return longest if longest > usual else None


def _claim_row(claim: dict, assessed: list[dict]) -> list:
    """A claim's row of the `claims list` table; an assessed claim is also added to `assessed`."""
    _keep_legend_facts(claim, assessed)
    return [text(claim["id"]), text(claim["claimed_on"]), text(claimant(claim)), text(claim.get("place")),
            status_text(claim["status"], assessed=bool(claim.get("assessment"))), text(claim["text"])]


def _keep_legend_facts(claim: dict, assessed: list[dict]) -> None:
    """Of an assessed claim, what `assessed_legend` reads, added to `assessed` (a listing keeps
    these, not the claim)."""
    if claim.get("assessment"):
        assessed.append({key: claim[key] for key in ("id", "status", "computed_status", "assessment") if key in claim})


def _no_room_for_a_word(rows: list[list], column: tuple[int, str], width: int,
                        beside: tuple[tuple[int, str], ...]) -> bool:
    """Whether the longest word of `column` (its index and header) has less room than it needs
    beside the columns `beside` (theirs), which do not wrap: Rich would cut it. Its header is a word
    too: under short statements at 20 columns it read "Statem / ent"."""
    at, heading = column
    room = width - sum(max(_cell_width(cell) for cell in (header, *(row[index] for row in rows)))
                       for index, header in beside) - SEPARATOR * len(beside)
    return room < max([_longest_word(heading), *(_longest_word(row[at]) for row in rows)])


def blocks(heading: str, entries: Iterable[tuple], *, title: str | None = None,
           caption: str | None = None) -> TableSpec:
    """One block an entry (its first line, then the lines under it, indented), where a table's
    columns would cut its words: a narrow history's entries, `list`'s claims, `sources list`'s
    sources, the report's backlog. Two columns: the second wraps within itself, so the lines under keep their indent."""
    spec = TableSpec([Column("", no_wrap=True), Column(heading, overflow="fold")], title=title, caption=caption)
    for first, *under in entries:
        spec.rows.append(["•", first])
        spec.rows.extend(["", line] for line in under)
    return spec


def fitted(spec: TableSpec, width: int, give_way: tuple[str, ...]) -> TableSpec:
    """`spec` without the columns of `give_way` (in that order) it needs to fit `width`: a column
    that does not wrap takes its longest cell, one that folds up to its max_width, and one with a
    min_width at least that (Rich crops what is past the edge rather than narrow them further)."""
    @functools.lru_cache(maxsize=None)  # (each column measured once: a listing may have many rows)
    def needs(index: int) -> int:
        column = spec.columns[index]
        longest = max([len(column.header), *(_cell_width(row[index]) for row in spec.rows)])
        if column.ratio is not None:  # (takes what is left: a few columns' worth is enough...
            least = min(longest, 10) if column.min_width is None else column.min_width
            # ...but one that may give way (the aliases) needs its longest word, or goes: a source's
            # name was cut where the aliases could have gone (other columns' needs are their widest
            # cells, which Rich may yet narrow at a space: a note or statement takes what is left)
            return max(least, ordinary_word(index)) if column.header in give_way else least
        if column.min_width is not None:
            return column.min_width
        return longest if column.max_width is None else min(longest, column.max_width)

    @functools.lru_cache(maxsize=None)
    def ordinary_word(index: int) -> int:
        """The longest word of a column, a link aside (which folds anyway)."""
        return max((width for row in spec.rows for width in _word_widths(_plain_text(row[index]))
                    if width <= _WORD_AT_MOST), default=0)

    kept = list(range(len(spec.columns)))
    dropped = []
    for name in give_way:
        if sum(needs(index) for index in kept) + SEPARATOR * (len(kept) - 1) <= width:
            break
        kept = [index for index in kept if spec.columns[index].header != name]
        dropped.append(name)
    fit = without(spec, dropped)
    flexible = [index for index in kept if spec.columns[index].ratio is not None]
    if len(flexible) == 1:
        # The one column that takes what is left is given no more: past the edge, Rich narrows the
        # widest columns evenly, a source's name among them ("GeoConfirme/d" beside a long link),
        # where the other columns' needs fit. (A copy: `spec` may be fitted again.)
        index = flexible[0]
        left = width - sum(needs(other) for other in kept if other != index) - SEPARATOR * (len(kept) - 1)
        # ...but never less than its own longest word, where no column was left to give way: there
        # Rich narrows the widest (a long name wrapped) rather than cut "DeepStateM/ap"
        left = max(left, ordinary_word(index))
        column = spec.columns[index]
        if left >= (column.min_width or 1) and (column.max_width is None or left < column.max_width):
            capped = copy.copy(column)
            capped.max_width = left
            if fit is spec:
                fit = TableSpec(list(spec.columns), [list(row) for row in spec.rows], title=spec.title,
                                caption=spec.caption, grid=spec.grid)
                fit.row_styles = spec.row_styles
            fit.columns[kept.index(index)] = capped
    return fit


def without(spec: TableSpec, headers: "list[str] | tuple[str, ...]") -> TableSpec:
    """`spec` without the columns of these headers (itself if it has none of them)."""
    kept = [index for index, column in enumerate(spec.columns) if column.header not in headers]
    if len(kept) == len(spec.columns):
        return spec
    narrowed = TableSpec([spec.columns[index] for index in kept], [[row[index] for index in kept] for row in spec.rows],
                         title=spec.title, caption=spec.caption, grid=spec.grid)
    narrowed.row_styles = spec.row_styles
    return narrowed


NARROW = 100  # columns: a console this wide or less is narrow (review_table, evidence_table)
SEPARATOR = 2  # columns between two columns of a table (TableSpec: one space of padding each side)


def console_columns() -> int:
    """The width the tables are laid out for (`plain.console_width`, as Rich's console)."""
    return console_width()


def _narrow() -> bool:
    return console_columns() <= NARROW


def review_table(claims: Iterable[dict], registry: SourceRegistry, today: date, *, title: str,
                 more_at: str = "--format csv", called: str = "claims") -> TableSpec:
    """The `contested` and `unverified` screens: who supports, who disputes, how long ago.
    `claims` is read once (as `claims_table` reads it); `called`: how a command the caption
    advises calls claims (with the --db given: pasted, it read the default database)."""
    # At 80 columns ID, Date and Age take 24 (with padding); the four wrapping columns share the
    # other 56, so none may insist on more than 12 or Rich crops the last column (Age). On a
    # narrow console the claimant and the sources wrap at 12 so the statement has room; on a
    # wide one they take up to 14 and 16.
    # Under 80 columns the four share what ID, Date and Age leave (those never wrap, and Rich
    # would cut the last column, Age, to fit: 363 read as "3"), the statement at least 40%.
    rows = []
    assessed_claims: list[dict] = []  # (all the caption needs, as in claims_table)
    for claim in claims:
        _keep_legend_facts(claim, assessed_claims)
        claim_id = Styled(inert(claim["id"]), parts=(("*", "muted"),) if claim.get("assessment") else ())
        rows.append([
            claim_id, text(claim["text"]), text(claimant(claim)), text(claim["claimed_on"]),
            sources_by_strength(claim, "supports", registry),
            sources_by_strength(claim, "disputes", registry),
            str(days_since(claimed_day(claim), today)),  # (a hand edit's "05/12/2025": DamagedRecord naming it)
        ])
    # (true on a terminal, where strong is also bold, and in plain text, where nothing is)
    age = age_legend(today)
    caption = f"~ = weak evidence, unmarked = strong; {age}."
    assessed = assessed_legend(assessed_claims, more_at)
    if assessed:
        caption += " " + assessed
    widths = {header: max(len(header), *(_cell_width(row[at]) for row in rows))
              for at, header in ((0, "ID"), (3, "Date"), (6, "Age"))}
    # Where the wrapping columns would get less than 12 each, the date gives way (the age says how
    # old the claim is), then the claimant (`show` and --format give both): at 60 columns the four
    # had folded five letters a line ("Teleg/ram").
    # Under their longest name a column for them too, the supports and disputes give way together (`show` has them;
    # one without the other misleads): at 20 to 24 columns Rich cropped the table's end, and 364
    # days read "36".
    # (the sources' longest name whole, "GeoConfirmed", or their headers: else each name is cut)
    named = max([10, *(min(14, _longest_word(row[at])) for row in rows for at in (4, 5))])  # (a longer one folds)
    headers = ("Claimant", "Supports", "Disputes")
    # (a name with its weak mark and comma, "~NorthernFrontMonitor,", whole up to _NAME_WORD)
    words = [min(_NAME_WORD, max([len(header), *(_longest_word(row[at]) for row in rows)]))
             for at, header in ((2, "Claimant"), (4, "Supports"), (5, "Disputes"))]
    # (a word longer than _STATEMENT_WORD, a link's, folds wherever it is)
    statement_word = min(_STATEMENT_WORD, max((_longest_word(row[1]) for row in rows), default=0))
    give_way = (("Date",), ("Claimant",), ("Supports", "Disputes"))

    def sized(forced: list[str]) -> tuple:
        """(dropped, statement's least width, caps, the statement's room, whether a source's name is cut)
        with the columns `forced` given up, and those the width gives up besides."""
        dropped: list[str] = []
        for names, least in ((("Date",), 11), (("Claimant",), 11), (("Supports", "Disputes"), named), ((), 0)):
            wrapping = 4 - sum(header in dropped for header in headers)
            fixed = sum(width for header, width in widths.items() if header not in dropped)
            shared = console_columns() - fixed - SEPARATOR * (2 + wrapping - ("Date" in dropped))
            if shared >= wrapping * least and not set(names) & set(forced):  # (11: at 80 an assessed claim's ID, C-0003*, is 7)
                break
            dropped += names
        if shared >= wrapping * 12:
            # (a wide console has room for a claimant with its outlet, "US government (Keith Kellogg)")
            statement, others = 12, ((12, 12) if _narrow() else (30, 24) if console_columns() >= 140 else (14, 16))
        elif shared >= wrapping * 11:
            statement, others = 11, (11, 11)
        else:  # (the statement and the two sources columns: the sources' headers whole while they can be)
            side = max(min(8, shared // 3), (shared - 12) // 2)
            statement, others = max(3, shared - 2 * side), (side, side)
        caps = [others[0], others[1], others[1]]  # Claimant, Supports, Disputes

        def left(widths: list) -> int:
            return shared - sum(width for width, header in zip(widths, headers) if header not in dropped)

        # Each column as narrow as its longest word within its cap, then, column by column, its
        # longest word beyond the cap while the statement keeps 16: at 80 columns "GeoConfirmed,"
        # was cut at 11 and the statement left 12 ("A / Russia-Ukrai / ne peace"); one word too
        # long for the room folds in its own column only
        fitted_caps = [min(cap, word) for cap, word in zip(caps, words)]
        if left(fitted_caps) >= 14:  # ("Russia-Ukraine": a statement's long word, whole)
            for at in (1, 2, 0):  # (the sources first: a name there is shorter than a claimant with its outlet)
                trial = [*fitted_caps]
                trial[at] = max(caps[at], words[at])
                if left(trial) >= 16:
                    fitted_caps = trial
            caps, statement = fitted_caps, max(statement, min(16, left(fitted_caps)))
        cut = "Supports" not in dropped and (caps[1] < words[1] or caps[2] < words[2])
        return dropped, statement, caps, left(caps), cut

    # Where the statement's longest word has no room (or a source's name), a column gives way, as
    # the width makes them: the date, then the claimant, then the supports and disputes together
    # ("Zaporizhzhia-Huli/aipole" at 52 to 88 columns; "~DeepStat/e" beside an assessed claim's
    # wider ID at 49). Then where a statement's word has no room beside the ID and age, each claim
    # is a block of its own (below).
    forced: list[str] = []
    dropped, statement, caps, room, cut = sized(forced)
    for names in give_way:
        if not rows or (room >= statement_word and not cut) or "Supports" in dropped:
            break
        if set(names) <= set(dropped):
            continue
        forced += names
        dropped, statement, caps, room, cut = sized(forced)
    if rows:  # (the room the other columns leave it as wide as their text makes them, within their caps)
        room += sum(cap - min(cap, max([len(header), *(_cell_width(row[at]) for row in rows)]))
                    for cap, at, header in zip(caps, (2, 4, 5), headers) if header not in dropped)
    if "Supports" in dropped:  # (the legend of their marks has nothing to mark)
        caption = f"Too narrow for who supports and disputes: `{called} show ID` gives them; {age}." + (
            " " + assessed if assessed else "")
    spec = TableSpec([
        Column("ID", style="claim.id", no_wrap=True),
        # (no wider than the room the others leave it: as wide as its text, Rich narrowed the widest
        # columns alike to fit, the sources' names with it, "NorthernFrontMonito/r" at 95 to 101)
        Column("Statement", ratio=1, min_width=statement, max_width=max(statement, room) if rows else None,
               overflow="fold"),
        Column("Claimant", max_width=caps[0], overflow="fold"),
        Column("Date", no_wrap=True),
        Column("Supports", max_width=caps[1], overflow="fold"),
        Column("Disputes", max_width=caps[2], overflow="fold"),
        Column("Age", justify="right", no_wrap=True),
    ], title=title, caption=caption)
    spec.rows = rows
    # Left with the ID and age beside it, the statement had less than its longest word at 20 to 26
    # columns ("Russia-U/kraine", "Statemen/t"): each claim then goes on lines of its own, as `list`'s
    if "Supports" in dropped and _no_room_for_a_word(rows, (1, "Statement"), console_columns(),
                                                     ((0, "ID"), (6, "Age"))):
        return blocks("ID, age; statement", (
            (Styled(claim_id.text, "claim.id", (*claim_id.parts, ("  ", ""), (days, ""))), said)
            for claim_id, said, _, _, _, _, days in rows), title=title, caption=caption)
    return without(spec, dropped)


_WORD_AT_MOST = 20  # a longer word is no ordinary word (`fitted`), and folds in the evidence table's source
_STATEMENT_WORD = 30  # a longer word in a statement (a link) is folded rather than the sources given up for it
_NAME_WORD = 22  # a longer word of a claimant or source (beside its weak mark and comma) folds rather than columns go


def _longest_word(cell: "Styled | str", most: int | None = None) -> int:
    """The columns the widest of a cell's words takes (`_word_widths`); of those up to `most` wide, if given."""
    said = _plain_text(cell)
    if said.isascii():  # (most cells: one column a character, words only between spaces)
        widths: Iterable[int] = map(len, said.split())
    else:
        widths = _word_widths(said)
    if most is not None:
        widths = (width for width in widths if width <= most)
    return max(widths, default=0)


def _word_widths(said: str) -> Iterator[int]:
    """The columns each word of `said` takes, a word being what a line is not broken inside: the
    runs between spaces and between wide characters. Chinese and Japanese are written without
    spaces and Korean often with long runs, and a terminal breaks them between any two characters
    (Rich folds them): a Japanese sentence measured as one word of 30 made `unverified` give up
    its sources' columns to keep it whole. Each wide character is a word of its own, two columns."""
    for word in said.split():
        if word.isascii() or not _MAY_BE_WIDE.search(word):
            yield len(word)
            continue
        run = 0
        for char in word:
            if unicodedata.east_asian_width(char) in "WF":
                if run:
                    yield run
                run = 0
                yield 2
            else:
                run += 1
        if run:
            yield run


# (no character under U+1100, the first Hangul letter, is East Asian Wide or Fullwidth: Latin and
# Cyrillic text is measured by its length, without looking each character up)
_MAY_BE_WIDE = re.compile("[\u1100-\U0010ffff]")


def _plain_text(cell: "Styled | str") -> str:
    return cell if type(cell) is str else cell.plain


def _cell_width(cell: "Styled | str") -> int:
    """The columns a cell of one line takes: one a character (IDs, dates and numbers), two a wide
    one (a claimant named in Chinese or Japanese), as a terminal and Rich draw them."""
    said = _plain_text(cell)
    if said.isascii() or not _MAY_BE_WIDE.search(said):
        return len(said)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in said)


def source_detail(source, activity: dict) -> TableSpec:
    """`sources show`: what a source is (side, kind, grade, names, note) and what it has said
    (`reports.source_activity`); `source_listings` gives the commands that list them."""
    fields = TableSpec([Column("", style="bold", no_wrap=True), Column("", overflow="fold")], grid=True)
    add = fields.rows.append
    add(["Source", Styled(inert(source.name), "bold")])
    add(["Side", side_text(source.side)])
    add(["Kind", text(source.kind)])
    add(["Grade", text(f"{source.grade} ({GRADES[source.grade]})" if source.grade in GRADES else "— (not graded)")])
    merged = set(source.merged)
    own = [alias for alias in source.aliases if alias not in merged]
    if own:
        add(["Aliases", text(", ".join(own))])
    if source.merged:
        add(["Merged", text(", ".join(source.merged))])
    if source.note:
        add(["Note", text(source.note)])
    made, by_status = activity["claims"], activity["claims_by_status"]
    deleted = f"; and {activity['claims_deleted']} deleted" if activity.get("claims_deleted") else ""
    add(["Claims", text(f"{made} made: " + ", ".join(f"{count} {status}" for status, count in by_status.items())
                        + deleted)])
    given = activity["evidence"]
    add(["Evidence", text(
        f"{counted(given['items'], 'item')} in force on {counted(given['claims'], 'claim')}: supports "
        f"{given['supports']}, disputes {given['disputes']}, inconclusive {given['inconclusive']}; withdrawn "
        f"{given['withdrawn']}" + (f"; and {given['on_deleted_claims']} on deleted claims"
                                   if given.get("on_deleted_claims") else ""))])
    return fields


def source_listings(source, activity: dict, claims: str = "claims") -> list[Whole]:
    """`sources show`: the commands that list a source's claims and its evidence, under its
    details (`claims`: how to call claims, with the --db given), each printed whole, unfolded;
    only one that lists something (`reports.source_activity`)."""
    listed = {"--source": activity["claims"], "--evidence-by": activity["evidence"]["items"],
              "--deleted --source": activity.get("claims_deleted")}
    return [Whole(" " * 10 + inert(f"{claims} list {option} {shell_quoted(source.name)}"), "muted")
            for option, count in listed.items() if count]


def source_history_table(history: list[dict]) -> TableSpec:
    """`sources show`: the changes recorded for a source (`store.source_history`), oldest first;
    one block an entry on a narrow console, as a claim's history."""
    if console_columns() < HISTORY_AS_TABLE:
        return _history_blocks(history, "Time (UTC), analyst, action; changes")  # (a source's have no status)
    spec = TableSpec([Column("At (UTC)", no_wrap=True), Column("Analyst", max_width=12, overflow="fold"),
                      Column("Action", no_wrap=True), Column("Changes", ratio=1, min_width=16, overflow="fold")],
                     title="History")
    for entry in history:
        spec.rows.append([text(_history_time(entry)), text(entry.get("analyst")), text(entry.get("action")),
                          text(_detail_shown(entry))])
    return spec


def sources_table(registry: SourceRegistry, claim_counts: dict[str, int], called: str = "claims") -> TableSpec:
    """`sources list`; `called` as review_table's."""
    spec = TableSpec([
        Column("Source", style="bold", max_width=20, overflow="fold"),
        Column("Side", no_wrap=True),
        Column("Kind", no_wrap=True),
        Column("Grade", no_wrap=True),
        Column("Claims", justify="right", no_wrap=True),
        Column("Aliases", ratio=1, overflow="fold"),
    ])
    for source in registry:
        grade = Styled(inert(source.grade or "—"),
                       parts=((f" {GRADES[source.grade]}", "muted"),) if source.grade in GRADES else ())
        spec.rows.append([text(source.name), side_text(source.side), text(source.kind), grade,
                          str(claim_counts.get(source.name, 0)), text(_aliases_said(source))])
    give_way = ("Aliases", "Kind", "Side")
    fit = fitted(spec, console_columns(), give_way)
    if len(fit.columns) < len(spec.columns):  # (the grade's words give way first: its letter says it)
        for row in spec.rows:
            row[3] = Styled(row[3].text)
        fit = fitted(spec, console_columns(), give_way)
    # (at 80 columns the aliases, the names a merge or rename left, went with nothing said)
    dropped = [header.lower() for header in give_way if all(column.header != header for column in fit.columns)]
    if dropped:
        fit.caption = f"Too narrow for the {and_listed(dropped)}: `{called} sources show NAME` or `--format json` give them."
    # Beside the grade and claims the name had less than its longest word at 20 to 26 columns
    # ("GeoConfir/med"), as `list`'s statement: each source then goes on lines of its own
    if len(fit.columns) == 3 and _no_room_for_a_word(spec.rows, (0, "Source"), console_columns(),
                                                     ((3, "Grade"), (4, "Claims"))):
        return blocks("Source; grade, claims", (
            (Styled(name.text, "bold"), Styled(grade.text, "", ((f"  {counted(int(claims), 'claim')}", ""),)))
            for name, _, _, grade, claims, _ in spec.rows), caption=fit.caption)
    return fit


def _aliases_said(source) -> str:
    """`sources list`'s Aliases: the source's own, then the names of sources merged into it, after
    "merged:" (as `sources show` keeps them apart; a name holds no ";")."""
    own = [alias for alias in source.aliases if not source.merged_from(alias)]
    merged = [alias for alias in source.aliases if source.merged_from(alias)]
    return "; ".join([*([", ".join(own)] if own else []), *([f"merged: {', '.join(merged)}"] if merged else [])])


def text(value: object, style: str = "") -> Styled:
    return Styled(inert(value), style)


def status_text(status: str, *, assessed: bool = False) -> Styled:
    return Styled(inert(status), f"status.{status}" if status in _STATUSES else "",
                  (("*", "muted"),) if assessed else ())


def side_text(side: str) -> Styled:
    return Styled(inert(side), f"side.{side}" if side in _SIDES else "")


def claimant(claim: dict) -> str:
    return f"{claim['source']} ({claim['outlet']})" if claim.get("outlet") else claim["source"]


def sources_by_strength(claim: dict, stance: str, registry: SourceRegistry) -> Styled:
    """Sources with the given stance: strong ones bold, weak ones dim with a ~."""
    parts: list[tuple[str, str]] = []
    seen: set[str] = set()
    for item in live_evidence(claim):
        if item["stance"] != stance or item["source"] in seen:
            continue
        seen.add(item["source"])
        weight = weigh(item["stance"], item["source"], claim["source"], registry)
        if any(part for part, _ in parts):  # as Rich's `if text:` (empty names add nothing)
            parts.append((", ", ""))
        if weight.strength == STRONG:
            parts.append((inert(item["source"]), "strength.strong"))
        else:
            parts.append(("~" + inert(item["source"]) + claimant_itself(weight),
                          "strength.weak"))
    return Styled("", "", tuple(parts))


def days_since(iso_day: str, today: date) -> int:
    """Days from a YYYY-MM-DD day (`models.claimed_day`'s, which refuses a hand edit's '2025-W49-7'
    on every Python, naming the claim) to `today`."""
    # (a claim dated tomorrow, by a desk already on the next day: made 0 days ago, not -1)
    return max(0, (today - date.fromisoformat(iso_day)).days)


def claim_detail(claim: dict, registry: SourceRegistry) -> list:
    """Everything known about one claim: fields, status and why, evidence, history (three parts)."""
    verdict = evaluate(claim, registry)
    fields = TableSpec([Column("", style="bold", no_wrap=True), Column("", overflow="fold")], grid=True)
    add = fields.rows.append
    add(["Claim", Styled(inert(claim["id"]), "claim.id",
                         ((f"  (deleted {inert(claim['deleted_at'])})", "error"),) if claim.get("deleted_at") else ())])
    add(["Statement", text(claim["text"])])
    source = registry.find(claim["source"])
    claimant_parts = ()
    if source is not None:
        side = side_text(source.side)
        claimant_parts = (("  ", ""), (side.text, side.style))
    add(["Claimant", Styled(inert(claimant(claim)), "", claimant_parts)])
    add(["Claimed on", text(claim["claimed_on"])])
    for label, key in (("Event on", "event_on"), ("Place", "place"), ("Region", "region")):
        if claim.get(key):
            add([label, text(claim[key])])
    if claim.get("lat") is not None:
        add(["Coordinates", text(f"{decimal_text(claim['lat'])}, {decimal_text(claim['lon'])}")])
    add(["Category", text(claim["category"])])
    if claim.get("tags"):
        tags = claim["tags"]  # (with a tag holding a comma, "; " keeps the tags apart: "pokrovsk; kupiansk, kharkiv")
        add(["Tags", text(("; " if any("," in str(tag) for tag in tags) else ", ").join(map(str, tags)))])
    for url in claim.get("urls") or ():
        add(["URL", text(url)])
    if claim.get("ref"):
        add(["Ref", text(claim["ref"])])
    if claim.get("note"):
        add(["Note", text(claim["note"])])
    add(["Status", _status_line(claim, verdict.reason)])
    computed = status_text(claim["computed_status"])
    add(["Computed", Styled("", "", ((computed.text, computed.style), (f"  {inert(verdict.reason)}", "muted")))])
    assessment = claim.get("assessment")
    if assessment:
        status = status_text(assessment["status"])
        parts = [(status.text, status.style), (f"  by {inert(assessment['analyst'])} at {inert(assessment['at'])}",
                                               "muted")]
        if assessment.get("note"):
            parts.append((f"\n{inert(assessment['note'])}", ""))
        add(["Assessment", Styled("", "", tuple(parts))])
    add(["Recorded", text(f"{claim.get('created_at', '')}, updated {claim.get('updated_at', '')}")])
    return [fields, evidence_table(claim, registry), history_table(claim.get("history") or [])]


def _status_line(claim: dict, reason: str) -> Styled:
    line = status_text(claim["status"])
    if claim.get("assessment"):
        computed = status_text(claim["computed_status"])
        return Styled(line.text, line.style, (("  (analyst's assessment; computed: ", "muted"),
                                              (computed.text, computed.style), (")", "muted")))
    return Styled(line.text, line.style, ((f"  {inert(reason)}", "muted"),))


def evidence_table(claim: dict, registry: SourceRegistry) -> TableSpec | Styled:
    items = claim.get("evidence") or []
    if not items:
        return Styled("No evidence yet.", "muted")
    # On a narrow console the strength's reason wraps at 12 and the note may be as narrow as 10:
    # else the table is wider than 80 columns and the console cuts the last letter off each line
    # of the note.
    narrow = _narrow()
    spec = TableSpec([
        Column("ID", no_wrap=True),
        Column("On", no_wrap=True),
        Column("Source", max_width=16 if narrow else 24, overflow="fold"),  # (a name and its grade, "(B)")
        Column("Stance", no_wrap=True),
        Column("Strength", max_width=12 if narrow else 20, overflow="fold"),
        Column("Kind", max_width=9, overflow="fold"),
        Column("Note / URL", ratio=1, min_width=10 if narrow else 14, overflow="fold"),
    ], title="Evidence")
    for item in items:
        weight = weigh(item["stance"], item["source"], claim["source"], registry)
        detail = " ".join(filter(None, (item.get("note"), item.get("url"))))
        withdrawn = bool(item.get("withdrawn_at"))
        why = withdrawal(item) if withdrawn else None
        if why:
            detail = then(detail, why)
        if withdrawn:
            by = item.get("withdrawn_by")  # (who, as the exports say: an audit reads it here too)
            # (in UTC, said so, as the history and the other times on this page: this machine's day,
            # unsaid, was the next day's date under a history line of the day before, east of UTC)
            strength = Styled(f"withdrawn {inert(_utc_minute(item['withdrawn_at']))} UTC"
                              + (f" by {inert(str(by))}" if by else ""), "muted")
            spec.row_styles[len(spec.rows)] = "dim"
        else:
            strength = Styled(f"{weight.strength}: {weight.why}", f"strength.{weight.strength}")
        source = registry.find(item["source"]) if type(item["source"]) is str else None
        graded = Styled(inert(item["source"]), "", ((f" ({source.grade})", "muted"),)) \
            if source is not None and source.grade else text(item["source"])  # (the rule reads sides: the grade is shown)
        spec.rows.append([text(item["id"]), text(item["on"]), graded,
                          text(item["stance"], style="muted" if withdrawn else ""), strength,
                          text(item.get("kind")), text(detail)])
    if console_columns() < EVIDENCE_TABLE_AT_LEAST:
        return _evidence_lines(spec)
    give_way = ("Kind", "On", "Strength")  # (JSON has them all)
    fit = fitted(spec, console_columns(), give_way)
    strength = spec.columns[4]
    word = min(_WORD_AT_MOST, max(_longest_word(row[4]) for row in spec.rows))
    if word > strength.max_width:
        # The reason's longest word whole where the table still keeps its columns: at 80 to 100
        # columns "corroboratio/n" was cut at 12, the console's last ten columns left empty.
        cap, strength.max_width = strength.max_width, word
        wider = fitted(spec, console_columns(), give_way)
        if len(wider.columns) == len(fit.columns):
            fit = wider
        else:
            strength.max_width = cap
    if all(column.header != "Strength" for column in fit.columns):
        # (without it, weak evidence read as strong, and "E2  Reuters  supports" withdrawn as live
        # support: each item on lines of its own keeps every detail)
        return _evidence_lines(spec)
    # (an item's link, or one in its note or withdrawal's reason)
    link = max((_cell_width(word) for row in spec.rows for word in _plain_text(row[6]).split() if "://" in word), default=0)
    room = _room_left(fit, console_columns())
    if link > room:
        # (a link cut into pieces, "https://x.com/GeoC" / "onfirmed/status/19", no terminal opens or
        # copies whole: at 80 to 110 columns the note's column was 16 to 27 wide)
        return _evidence_lines(spec)
    if room < EVIDENCE_NOTE_AT_LEAST and any(_cell_width(row[6]) > room for row in spec.rows):
        return _evidence_lines(spec)
    return fit


def _room_left(spec: TableSpec, width: int) -> int:
    """The columns a table of `width` leaves its column that takes what is left, the others each as
    wide as its longest cell (up to its max_width)."""
    taken = 0
    for index, column in enumerate(spec.columns):
        if column.ratio is None:
            longest = max([len(column.header), *(_cell_width(row[index]) for row in spec.rows)])
            taken += longest if column.max_width is None else min(longest, column.max_width)
    return width - taken - SEPARATOR * (len(spec.columns) - 1)


# A note that wraps in a column narrower than this goes on lines of its own, each item in a block (as
# on a narrow console): at 70 to 95 columns the table kept all its columns and left the notes 14 to
# 29, two or three words a line, a note of two sentences 19 lines tall beside a strength of one word
# a line ("weak: denial / by the / opposing / party"). From 30 a line holds five or six words, and
# the table (100 columns and up) reads as a table; a note short enough not to wrap keeps it.
EVIDENCE_NOTE_AT_LEAST = 30

# Under this, the evidence table's ID, source, stance and a note's word or two outgrow the console,
# which then cut each line's end ("Note / UR", "none. Fro"): each item is laid out on lines of its own
# (as where the table would drop the strength).
EVIDENCE_TABLE_AT_LEAST = 40


def _evidence_lines(spec: TableSpec) -> TableSpec:
    """`evidence_table`'s rows as lines beside each item's ID, every word whole: "Ukraine disputes
    on 2025-12-07 (statement)", its strength, then its note and link."""
    lines = TableSpec([Column("ID", no_wrap=True), Column("Evidence", ratio=1, overflow="fold")], title="Evidence")
    for number, (item_id, on, source, stance, strength, kind, detail) in enumerate(spec.rows):
        kinds = f" ({kind.plain})" if kind.plain.strip() else ""  # (a hand edit's null: none)
        said = Styled(source.plain, "", ((f" {stance.plain} on {on.plain}{kinds}", ""),
                                         (f"; {strength.plain}", strength.style),
                                         *(((f". {detail.plain}", ""),) if detail.plain else ())))
        lines.rows.append([item_id, said])
        if number in spec.row_styles:
            lines.row_styles[number] = spec.row_styles[number]
    return lines


def _history_time(entry: dict) -> str:
    """An entry's time as the history heads it (`_utc_minute`)."""
    return _utc_minute(entry.get("at"))


def _utc_minute(at: object) -> str:
    """A record time in UTC to the minute ("2025-12-07 09:30"), as the history heads its times: one
    an older import stored with its offset, converted (`stamp_key`)."""
    return (stamp_key(at) if type(at) is str else str(at or ""))[:16].replace("T", " ")


def history_table(history: list[dict]) -> TableSpec | Styled:
    if not history:
        return Styled("No history.", "muted")
    rows = [entry if type(entry) is dict else {"detail": entry}  # (a hand edit, which doctor names): shown
            for entry in history]
    if console_columns() < HISTORY_AS_TABLE:
        return _history_blocks(rows)
    # The action (evidence-withdrawn) is never split where the others leave the detail 12 columns
    # or more; a status pair wraps at its arrow. Widths are given, not left to Rich: it cut the
    # detail's letters off when the widths it wanted did not fit (75-78 columns).
    room = console_columns() - len("2025-12-07 09:30") - SEPARATOR * 4
    action = max(len("Action"), *(len(str(entry.get("action") or "")) for entry in rows))
    analyst = min(12, max(len("Analyst"), *(len(str(entry.get("analyst") or "")) for entry in rows)))
    status = 22 if room - action - analyst - 22 >= 16 else len("unverified →")
    whole = room - action - analyst - status >= 12
    spec = TableSpec([
        Column("At (UTC)", no_wrap=True),
        Column("Analyst", max_width=analyst, overflow="fold"),
        Column("Action", no_wrap=True) if whole else Column("Action", max_width=18, overflow="fold"),
        Column("Status", max_width=status, overflow="fold"),
        Column("Detail", ratio=1, min_width=max(1, min(16, room - action - analyst - status)), overflow="fold"),
    ], title="History")
    for entry in rows:
        spec.rows.append([text(_history_time(entry)), text(entry.get("analyst")),
                          text(entry.get("action")), Styled("", "", tuple(_status_parts(entry))),
                          text(_detail_shown(entry))])
    return spec


# Under this many columns the history is one block an entry: as a table its five columns split
# their words ("unverif/ied", "evidence-ad/ded"), and at 20 only a cut time was left
HISTORY_AS_TABLE = 73  # (at 72 the table cut "evidence-withd/rawn": terminal hunt)


def _history_blocks(rows: list[dict], heading: str = "Time (UTC), analyst, action; status, detail") -> TableSpec:
    """The history as one block an entry (`blocks`): when, who and what on its first line(s), then
    the status change and the detail, indented; the console wraps each at its words."""
    def block(entry: dict) -> tuple:
        head = f"{_history_time(entry)}  {entry.get('analyst') or '—'}  "
        statuses, detail = _status_parts(entry), _detail_shown(entry)
        return (Styled(inert(head), "", ((inert(str(entry.get("action") or "")), "bold"),)),
                *([Styled("", "", tuple(statuses))] if statuses else []),
                *([Styled(inert(detail), "muted")] if detail else []))

    return blocks(heading, map(block, rows), title="History")


def _status_parts(entry: dict) -> list[tuple[str, str]]:
    """An entry's status change as styled parts ("unverified → confirmed", or the status after)."""
    parts: list[tuple[str, str]] = []
    if entry.get("status_before") and entry.get("status_before") != entry.get("status_after"):
        before = status_text(entry["status_before"])
        # (an arrow only to a status: another tool's entry without one shows the status before alone)
        parts += [(before.text, before.style), *(((" → ", ""),) if entry.get("status_after") else ())]
    if entry.get("status_after"):
        after = status_text(entry["status_after"])
        parts.append((after.text, after.style))
    return parts


def history_detail(entry: dict) -> str:
    parts = []
    changes = entry.get("changes") or {}
    for name, change in (changes.items() if type(changes) is dict else [("changes", changes)]):
        if type(change) is list and len(change) == 2 and _lists_changed(*change):
            # (two lists: what was added and taken away, not both lists cut at 60 characters,
            # where an alias added to three was what was cut)
            before, after = change
            added = [item for item in after if item not in before]
            removed = [item for item in before if item not in after]
            # (a tag "kupiansk, kharkiv", or one holding " / ": each quoted; a URL's slashes are not the separator)
            if _unclear((*added, *removed), " / "):
                added, removed = [quoted(item) for item in added], [quoted(item) for item in removed]
            parts.append(f"{name}: " + " / ".join(
                f"{sign} {shortened(', '.join(map(str, items)), 120)}" for sign, items in (("+", added), ("−", removed))
                if items))
        elif type(change) is list and len(change) == 2:
            before, after = change
            if type(before) is str and type(after) is str and before != after and before.split() == after.split():
                # (only their blanks differ: quoted, so a double space or a tab is seen, from a little
                # before where they differ and cut as any value is)
                before, after = _from_the_difference(before, after)
                parts.append(f"{name}: {quoted(shortened(before, 60))} → {quoted(shortened(after, 60))}")
                continue
            before, after = _from_the_difference(before, after)
            parts.append(f"{name}: {_short(before)} → {_short(after)}")
        else:  # (not [before, after]: a hand edit, which doctor names)
            parts.append(f"{name}: {_short(change)}")
    if entry.get("detail") and not (entry.get("action") in _SAID_BY_THE_CHANGE and type(changes) is dict
                                    and "source" in changes):
        parts.append(str(entry["detail"]) + _merged_source_said(entry))
    return "; ".join(parts)


def _detail_shown(entry: dict) -> str:
    """An entry's detail as a history table shows it: `history_detail`, and the time on its own
    clock where it was stamped later, to follow an entry made on a clock that ran ahead
    (`ledger.kept_clock`)."""
    said, clock = history_detail(entry), entry.get("clock_at")
    return f"{said}{' ' if said else ''}(its own clock: {_utc_minute(clock)} UTC)" if type(clock) is str else said


MERGED_NOTE_SHOWN = 120  # (of the note of a source merged away, what a source's history table shows)


def _merged_source_said(entry: dict) -> str:
    """Of a merge's entry, the kind and note of the source merged away (`ledger.merge_sources`
    records it whole; its name, side and grade the detail says): ", with kind osint and note '...'"."""
    was = entry.get("merged_source")
    if entry.get("action") != "merged" or type(was) is not dict:
        return ""
    said = [f"kind {was['kind']}"] if type(was.get("kind")) is str else []
    if type(was.get("note")) is str and was["note"]:
        said.append(f"note {quoted(shortened(was['note'], MERGED_NOTE_SHOWN), at_most=None)}")
    return f", with {' and '.join(said)}" if said else ""


# (a claimant renamed or merged: "source: A → B" says it; the detail says it again in words, and
# stays in the record for a script)
_SAID_BY_THE_CHANGE = frozenset({"source-renamed", "source-merged"})


def _lists_changed(before: object, after: object) -> bool:
    """Whether a change is of one list to another, both of some items, adding or taking some away."""
    return type(before) is list and type(after) is list and bool(before) and bool(after) and \
        (any(item not in before for item in after) or any(item not in after for item in before))


def _from_the_difference(before: object, after: object, limit: int = 60) -> tuple[object, object]:
    """Two long texts from a little before where they first differ ("…" for the rest): cut to
    `limit` as they are, an edit near the end of a long statement showed the same start twice."""
    if type(before) is not str or type(after) is not str or max(len(before), len(after)) <= limit:
        return before, after
    same = 0
    for same, (old, new) in enumerate(zip(before, after)):
        if old != new:
            break
    else:
        same = min(len(before), len(after))
    start = max(0, same - 20)
    while start > 0 and not before[start - 1].isspace():  # (from the start of a word)
        start -= 1
    if start < 20:  # (the difference is in sight already)
        return before, after
    return "…" + before[start:], "…" + after[start:]


def _unclear(items: Iterable, separator: str) -> bool:
    """Whether a list shown with commas and `separator` between its items would not read as those
    items: one holds a comma or the separator (a tag "kupiansk, kharkiv" reads as two)."""
    return any("," in str(item) or separator in str(item) for item in items)


def _short(value: object, limit: int = 60) -> str:
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, list):
        value = ", ".join(map(quoted if _unclear(value, ", ") else str, value))
    return shortened(decimal_text(value), limit)  # (a coordinate: 0.00002, not 2e-05)
