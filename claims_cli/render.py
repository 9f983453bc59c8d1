"""Rich renderables for people: tables, panels and one-line messages. Returns them; prints nothing.

User text (statements, notes, names) only ever enters a renderable through `inert()`, as `Text`,
never as markup: a claim that says "[video]" or carries a terminal escape shows as typed, and
cannot restyle or hijack the terminal. Imports Rich and the domain, never Typer or TinyDB.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Iterable, Iterator

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from . import layout
from .errors import escaped, shown
from .layout import Styled, TableSpec
from .plain import (
    MESSAGE_LABELS, SECOND_NAME_HINT, claims_counted, counted, inert, lock_holder_named, other_names_said, shell_operand,
)
from .models import Side, Status

# Style names come from the theme; a value from a hand-edited file must not pick (or break) one.
_STATUSES = {status.value for status in Status}
_SIDES = {side.value for side in Side}


def text(value: object, style: str = "") -> Text:
    return Text(inert(value), style=style)


def status_text(status: str, *, assessed: bool = False) -> Text:
    label = Text(inert(status), style=f"status.{status}" if status in _STATUSES else "")
    if assessed:
        label.append("*", style="muted")
    return label


def side_text(side: str) -> Text:
    return Text(inert(side), style=f"side.{side}" if side in _SIDES else "")


class _LaidOut(Table):
    """A Table whose columns' widths were decided from every row of a longer table (rich_tables):
    measured on its own rows, a piece's columns came out narrower than the whole's."""

    widths: list[int] = []

    def _calculate_column_widths(self, console, options) -> list[int]:
        return list(self.widths)


def _table(title: str | None = None, caption: str | None = None, table_class: type = Table) -> Table:
    return table_class(title=title, caption=caption, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                 padding=(0, 1), collapse_padding=True, header_style="bold", caption_justify="left", title_justify="left",
                 title_style="bold")


def rich_table(spec: TableSpec, widths: list[int] | None = None) -> Table:
    """A `layout.TableSpec` as a Rich Table (`plain_table.render` gives the same text without Rich);
    with `widths`, its columns that wide (with their padding), whatever its rows."""
    table_class = Table if widths is None else _LaidOut
    table = table_class.grid(padding=(0, 2)) if spec.grid else \
        _table(title=spec.title, caption=spec.caption, table_class=table_class)
    if widths is not None:
        table.widths = widths
    for column in spec.columns:
        table.add_column(column.header, style=column.style, justify=column.justify, no_wrap=column.no_wrap,
                         overflow=column.overflow, min_width=column.min_width, max_width=column.max_width,
                         ratio=column.ratio)
    for index, row in enumerate(spec.rows):
        table.add_row(*(rich_text(cell) if isinstance(cell, Styled) else cell for cell in row),
                      style=spec.row_styles.get(index))
    return table


def rich_tables(spec: TableSpec, widths: list[int], rows: int) -> Iterator[Table]:
    """`rich_table(spec)` as tables of `rows` rows each (the title and header in the first, the
    caption in the last), each column `widths` wide (`plain_table.column_widths`: as Rich lays out
    the whole): printed one after another, the lines of the whole, without measuring every row."""
    if not callable(getattr(Table, "_calculate_column_widths", None)):  # (Rich's own, overridden by _LaidOut:
        yield rich_table(spec)  # a Rich without it would give each piece its own widths; laid out whole)
        return
    for start in range(0, len(spec.rows), rows):
        first, last = start == 0, start + rows >= len(spec.rows)
        chunk = TableSpec(spec.columns, spec.rows[start:start + rows], title=spec.title if first else None,
                          caption=spec.caption if last else None, grid=spec.grid)
        chunk.row_styles = {index - start: style for index, style in spec.row_styles.items()
                            if start <= index < start + rows}
        table = rich_table(chunk, widths)
        table.show_header = table.show_header and first
        yield table


def rich_parts(parts: list) -> Group:
    """TableSpecs and Styled lines (e.g. `report_layout.report_parts`), one after another."""
    return Group(*(_rich_part(part) for part in parts))


def rich_text(styled: Styled) -> Text:
    line = Text(styled.text, style=styled.style)
    for part, style in styled.parts:
        line.append(part, style=style)
    return line


def _claimant(claim: dict) -> str:
    return layout.claimant(claim)


def _rich_part(part: TableSpec | Styled) -> Table | Text:
    return rich_table(part) if isinstance(part, TableSpec) else rich_text(part)


def message(kind: str, body: str, hint: str | None = None) -> Text:
    """A one- or two-line message for stderr: 'Error: ...' plus an optional hint line."""
    label = MESSAGE_LABELS.get(kind, "")
    line = Text(label, style=kind)
    line.append(inert(body))
    if hint:
        line.append("\n" + inert(hint), style="hint")
    return line


def status_change(claim: dict, before: str | None, reason: str) -> Text:
    """'C-0007: unverified → confirmed (strong support from DeepState)'; a deleted claim (a source's
    merge or side change re-evaluates them too) is 'C-0007 (deleted): ...'."""
    line = text(claim["id"], style="claim.id")
    if claim.get("deleted_at"):
        line.append(" (deleted): ", style="muted")
    else:
        line.append(": ")
    if before and before != claim["status"]:
        line.append_text(status_text(before))
        line.append(" → ")
    line.append_text(status_text(claim["status"]))
    if claim.get("assessment"):
        line.append(" (analyst's assessment; computed ", style="muted")
        line.append_text(status_text(claim["computed_status"]))
        line.append(f": {inert(reason)})", style="muted")
    else:
        line.append(f" ({inert(reason)})", style="muted")
    return line


def join_lines(lines: Iterable[Text]) -> Text:
    return Text("\n").join(lines)


_LABEL_WIDTH = 9  # doctor's "Database " and "Backup   ": the facts line up under the file names
# The shared refs doctor's note names, and the claims it names holding each (a copy of a desk
# with 1,500 shared refs gave a note of 620 lines): the rest are counted, --format json lists them
_SHARED_REFS_NAMED = 10
_HOLDERS_NAMED = 5


def _holders(ids: list[str], deleted: set[str]) -> str:
    """'C-0004 (deleted) and C-0005'; past _HOLDERS_NAMED, 'C-0001, ..., C-0005 and 2 more'."""
    named = [f"{claim_id} (deleted)" if claim_id in deleted else claim_id for claim_id in ids[:_HOLDERS_NAMED]]
    if len(ids) > _HOLDERS_NAMED:
        return f"{', '.join(named)} and {len(ids) - _HOLDERS_NAMED} more"
    return " and ".join(named)


def doctor_report(report) -> Group:
    """`claims doctor`: each file and what was found in it (its notes, `doctor_notes`, and the
    steps to recover, `doctor_advice`, follow)."""
    lines: list = []
    for label, check in (("Database", report.database), ("Backup", report.backup)):
        line = Text(label.ljust(_LABEL_WIDTH), style="bold")  # (wrapped by _Indented, as the lines below)
        line.append(escaped(str(check.path)))  # (whole, as a message would not: what does not print escaped)
        if not check.exists:
            line.append("  does not exist", style="muted")
        else:
            line.append("  healthy" if check.healthy else f"  {_count(check)} found",
                        style="ok" if check.healthy else "error")
        lines.append(_Indented(line, 0))
        if check.exists:  # (on a line of their own: beside the name they wrapped at 80 columns)
            facts = [f"{check.size:,} bytes" if check.size is not None else None,
                     f"saved {check.modified.replace('T', ' ').rstrip('Z')} UTC" if check.modified else None,
                     f"schema {check.schema_version}" if check.schema_version is not None else None,
                     claims_counted(check.claims, check.deleted) if check.claims is not None else None]
            if any(facts):
                lines.append(_Indented(Text(" · ".join(fact for fact in facts if fact), style="muted"),
                                       _LABEL_WIDTH))  # (wrapping under the file names)
        for problem in check.problems:
            row = Text(f"{inert(problem.where)}: ", style="bold")
            row.append(inert(problem.message))
            lines.append(_Indented(row, 2))  # (a long one wraps under its indent)
        if check.more_problems:
            lines.append(Text(f"  … and {check.more_problems} more", style="muted"))
    return Group(*lines)


class _Indented:
    """`text` wrapped at the width less `indent` blanks, each line after them, none padded at its end:
    Padding pads every line to the longest one's width (a file got lines ending in blanks), and to
    the whole width with expand (CLAIMS_WIDTH=9999999999 wrote gigabytes of blanks)."""

    def __init__(self, text: Text, indent: int) -> None:
        self.text, self.indent = text, indent

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        for line in self.text.wrap(console, max(1, options.max_width - self.indent), justify="default",
                                   overflow="fold"):
            line.rstrip()
            if self.indent:
                yield Segment(" " * self.indent)
            # (a Text's own style is laid under its spans as Rich prints one: render() leaves it out)
            yield from Segment.apply_style(line.render(console), console.get_style(line.style))
            yield Segment.line()


def doctor_notes(report, called: str = "claims") -> Group:
    """`claims doctor`'s notes and its verdict, after the files: printed with each line whole (soft
    wrap), as the steps to recover are: a note folded at the width put a newline in the command it
    gives, inside a quoted --db path too. That command calls claims as `called` does
    (context.claims_called: with the --db given, as the advice's steps; pasted without, it changed
    the default database)."""
    lines: list = []
    unknown = report.database.unknown_fields
    if unknown:
        fields = "; ".join(f"{inert(name)} in {inert(where)}" for name, where in unknown.items())
        lines.append(Text(f"Note: {counted(len(unknown), 'field')} claims does not know "
                          f"{'is' if len(unknown) == 1 else 'are'} kept ({fields}): exports carry "
                          f"{'it' if len(unknown) == 1 else 'them'}, and `claims import` refuses a record that "
                          "has one.", style="muted"))
    for name, records in report.database.other_tables.items():
        # (jq reads the file in any layout; the import gives each record an ID, as `add` would)
        pick = shell_operand(f"[.[{json.dumps(name)}][]]")
        lines.append(Text(f"Note: {counted(records, 'record')} in the table {inert(shown(name))}, which claims does not "
                          "read (a script's TinyDB insert() writes there): if they are claims, "
                          f"`jq {pick} {inert(shell_operand(report.database.path))} > records.json` then "
                          f"`{inert(called)} import records.json` brings them in; then take the table out of the file.",
                          style="warning"))
    shared = report.database.shared_refs
    if shared:
        deleted = set(report.database.shared_refs_deleted)
        refs = "; ".join(f"{inert(shown(ref))}: {_holders(ids, deleted)}"
                         for ref, ids in itertools.islice(shared.items(), _SHARED_REFS_NAMED))
        if len(shared) > _SHARED_REFS_NAMED:
            refs += f"; and {counted(len(shared) - _SHARED_REFS_NAMED, 'more ref')}, which --format json lists"
        lines.append(Text(f"Note: {counted(len(shared), 'ref')} {'is' if len(shared) == 1 else 'are each'} held by "
                          f"more than one claim ({refs}): an import finds only one of them by it. Unless given so on "
                          f"purpose (--force), give each its own: `{inert(called)} edit ID --ref REF`"
                          + (" (a deleted one restored first, with --force)." if deleted else "."), style="warning"))
    alike = report.database.lookalike_sources
    if alike:
        pairs = "; ".join(inert(said) for said in report.database.lookalikes_said[:_SHARED_REFS_NAMED])
        if len(alike) > _SHARED_REFS_NAMED:
            pairs += f"; and {counted(len(alike) - _SHARED_REFS_NAMED, 'more pair')}, which --format json lists"
        lines.append(Text(f"Note: {counted(len(alike), 'pair')} of sources {'has' if len(alike) == 1 else 'have'} "
                          f"names that look alike ({pairs}): a reader cannot tell them apart. If two are one "
                          f"source, `{inert(called)} sources merge NAME INTO` makes them one.", style="warning"))
    if report.conflict_copies:
        lines.append(Text(_conflict_copies_said(report, called), style="warning"))
    if report.temporaries:
        # (while a writer holds the lock, one of them may be that writer's, not one interrupted)
        left = "left by interrupted writes, or the writer's at work" if report.lock_held else \
            "left by interrupted writes"
        lines.append(Text(f"Note: {counted(len(report.temporaries), 'temporary file')} {left} "
                          f"({', '.join(inert(name) for name in report.temporaries)}); the next change "
                          "removes them.", style="muted"))
    if report.hard_links:
        name = inert(Path(report.database.path).name)
        lines.append(Text(f"Note: {name} {other_names_said(report.hard_links, replaced=False)}. {SECOND_NAME_HINT}",
                          style="warning"))
    if report.lock_problem:
        lines.append(Text(f"Problem: no change can be written: {inert(report.lock_problem)}.", style="error"))
    if report.lock_held:
        held = lock_holder_named(report.database.path + ".lock")
        lines.append(Text("Note: a writer holds the lock right now; if no claims process is running, it is "
                          f"stuck (end that process: {held}).", style="warning"))
    if report.ok:
        message_text = "The database is healthy." if report.database.exists else \
            "There is no database yet; the first change creates it."
        if report.read_only:
            message_text = ("The database is healthy, but no change can be written to it" if report.database.exists
                            else "There is no database yet, and no change can make it") + f": {inert(report.read_only)}."
        lines.append(Text(message_text, style="ok"))
    return Group(*lines)


def _conflict_copies_said(report, called: str) -> str:
    """The note of what look like a sync tool's conflict copies beside the database, with the
    commands that bring in each one's claims and changes (an export of it as JSON Lines, with its
    deletions, imported with --on-duplicate update: a claim whose ID another holds here gets a new one)."""
    copies = report.conflict_copies
    one = len(copies) == 1
    folder = Path(report.database.path).parent
    commands = ", then ".join(
        f"`claims --db {inert(shell_operand(str(folder / name)))} export -f jsonl --with-deleted | "
        f"{inert(called)} import - -f jsonl --on-duplicate update`" for name in copies)
    return (f"Note: {counted(len(copies), 'file')} beside the database {'looks' if one else 'look'} like a sync tool's "
            f"conflict cop{'y' if one else 'ies'} of it ({', '.join(inert(name) for name in copies)}): the version of "
            "another machine, kept aside when two machines changed the database at once (Dropbox, OneDrive, Google "
            "Drive, Syncthing, Nextcloud), whose claims and changes the database may lack. "
            f"{commands} brings them in (a claim whose ID another holds here gets a new one; --dry-run on the "
            "import says what it would do); then move "
            f"{'it' if one else 'them'} away. Write the database from one machine only: the lock keeps writers "
            "apart on one machine, not through a sync tool.")


def doctor_advice(report) -> Group | None:
    """`claims doctor`'s steps to recover, if any: printed with each line whole (soft wrap), as a
    step folded at the width was pasted without its end (`--restore-backup`)."""
    if report.ok or not report.advice:
        return None
    return Group(Text("To recover:", style="bold"),
                 *(Text(f"  {number}. {inert(step)}") for number, step in enumerate(report.advice, start=1)))


def _count(check) -> str:
    return counted(len(check.problems) + check.more_problems, "problem")
