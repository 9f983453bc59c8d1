"""A `layout.TableSpec` as plain text, laid out exactly as Rich lays out `render.rich_table(spec)`
for a console that is not a terminal (a file or a pipe: no colour, so styles print nothing).

Why: `claims list > file` spent about 80 ms in Rich (importing its console, then measuring and
rendering 50 rows through its generic renderable machinery) to produce plain text. This module
follows Rich's own steps for the two table shapes `render.rich_table` makes (`render._table`: box
SIMPLE_HEAD without edges, padding (0, 1) collapsed, no pad at the edges, no expand; and
`Table.grid(padding=(0, 2))`: no box, no header) and uses Rich's own text helpers
(`rich.cells` for cell widths, `rich._wrap.divide_line` for word wrapping; both light modules), so
wrapping, folding, cropping and wide characters come out the same. The steps, as in
rich/table.py: measure every column (header and cells, with the padding), clamp to the column's
min/max width; if the table is wider than the console, shrink the wrappable columns
(`_collapse_widths`), then all columns evenly (`ratio_reduce`), and measure again; render each cell
with Text.wrap (justify, overflow, no_wrap from the column), pad it to its width and the row's
height; join cells with the one-space divider; a rule of `─` under the header; title above and
caption below, wrapped to the table's width; every line cropped to the console, as Console.print
crops.

`render()` returns None for anything outside that range (a console narrower than 20 columns, a
non-UTF-8 output, a tab, a zero-width joiner or an emoji variation selector in a cell): the caller then uses
Rich. tests/test_plain_table.py compares the bytes with Rich's on the seed data and on random
tables (any Unicode, long words, narrow and wide consoles).
"""

from __future__ import annotations

import itertools
import re
import sys

from typing import Iterator

from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size

from .layout import Styled, TableSpec
from .plain import console_width


def _cells(text: str) -> int:
    """rich.cells.cell_len, without its cache lookup for printable ASCII (one cell a character:
    Rich's single-cell ranges start with U+0020..U+007E), which is most of what a table measures."""
    return len(text) if text.isascii() and text.isprintable() else cell_len(text)

MIN_WIDTH = 20  # narrower consoles go to Rich (its last-resort paths are not followed here)

_STRIP = {7: None, 8: None, 11: None, 12: None, 13: None}  # what Rich's Text drops (rich.control)
_TRAILING_SPACE = re.compile(r"\s+$")  # rich.text._re_whitespace
# Not followed here: tabs (Rich expands them), the zero-width joiner and variation selector 16,
# the two characters that make Rich's cell widths depend on how text is split into styled segments,
# and control characters other than the newline (user text reaches a table through `plain.inert`,
# which shows them as \xNN: only a test gives them, and Rich drops some it does not strip).
_UNFOLLOWED = re.compile("[\t\u200d\ufe0f\x00-\x08\x0b-\x1f\x7f-\x9f]")


CHUNK_ROWS = 2000  # rows laid out at a time: a listing of 100,000 claims is written in pieces


def render(spec: TableSpec, width: int, encoding: str | None = None) -> str | None:
    """The text Rich prints for `rich_table(spec)` on a non-terminal console `width` wide, or None."""
    pieces = render_pieces(spec, width, encoding)
    return None if pieces is None else "".join(pieces)


def render_pieces(spec: TableSpec, width: int, encoding: str | None = None) -> Iterator[str] | None:
    """`render`'s text in pieces of CHUNK_ROWS rows (the title and header with the first, the
    caption with the last), or None, known before any piece is laid out: the widths are decided
    once, from every row."""
    laid = _table_widths(spec, width, encoding)
    if laid is None:
        return None
    return _pieces(spec, width, *laid)


def column_widths(spec: TableSpec, width: int, encoding: str | None = None) -> list[int] | None:
    """The width Rich gives each column of `rich_table(spec)` `width` wide, with its padding
    (Table._calculate_column_widths), or None as `render`: context lays a long table out for a
    terminal a few thousand rows at a time with these (`render.rich_tables`)."""
    laid = _table_widths(spec, width, encoding)
    return None if laid is None else laid[0]


def _table_widths(spec: TableSpec, width: int, encoding: str | None) -> tuple[list[int], list[int]] | None:
    """(each column's width with its padding, each column's right padding), or None."""
    encoding = (encoding or getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    if width < MIN_WIDTH or not encoding.startswith("utf"):
        return None  # Rich would substitute an ASCII box, or take paths not followed here
    columns = spec.columns
    count = len(columns)
    grid = spec.grid  # Table.grid(padding=(0, 2)): no box, no header; else SIMPLE_HEAD, padding (0, 1)
    if _UNFOLLOWED.search("".join((spec.title or "", spec.caption or ""))):
        return None
    # Each column's distinct (longest word, longest line): what its width is measured from.
    ranges_by_column: list[set] = [set() for _ in columns]
    for row in ([_plain(column.header) for column in columns] if not grid else None, *spec.rows):
        if row is None:
            continue
        cells = [_plain(cell) for cell in row]
        if _UNFOLLOWED.search("".join(cells)):
            return None
        for ranges, cell in zip(ranges_by_column, cells):
            ranges.add(_text_range(cell))
    pad, divider = (2, "") if grid else (1, " ")  # the box's column divider is one space
    rights = [0 if index == count - 1 else pad for index in range(count)]  # collapsed padding, no edge pad
    widths = _column_widths(columns, ranges_by_column, rights, width - len(divider) * (count - 1))
    if (spec.rows or not grid) and any(whole - right < 1 for whole, right in zip(widths, rights)):
        return None
    return widths, rights


def _pieces(spec: TableSpec, width: int, widths: list[int], rights: list[int]) -> Iterator[str]:
    columns = spec.columns
    grid = spec.grid
    divider = "" if grid else " "
    table_width = sum(widths) + len(divider) * (len(columns) - 1)
    out: list[str] = []
    title, caption = (None, None) if grid else (spec.title, spec.caption)  # rich_table's grid has neither
    if title:
        out.extend(_wrap(_plain(title), table_width, "left", "fold", False))
    if not grid:
        out.extend(_row_lines(columns, [column.header for column in columns], widths, rights, divider, True))
        out.append("─" * table_width)
    rows = spec.rows
    for start in range(0, len(rows), CHUNK_ROWS):
        for row in rows[start:start + CHUNK_ROWS]:
            out.extend(_row_lines(columns, row, widths, rights, divider, False))
        if start + CHUNK_ROWS < len(rows):
            yield "".join(_crop(line, width) + "\n" for line in out)
            out = []
    if caption:
        out.extend(_wrap(_plain(caption), table_width, "left", "fold", False))
    yield "".join(_crop(line, width) + "\n" for line in out)


def _row_lines(columns, row, widths: list[int], rights: list[int], divider: str, header: bool) -> list[str]:
    """A row's lines: each cell wrapped to its column, padded to the row's height."""
    rendered = []
    for index, column in enumerate(columns):
        inner = widths[index] - rights[index]
        lines = _wrap(_plain(row[index]), inner, column.justify, column.overflow, column.no_wrap)
        rendered.append([_fit(line, inner) + " " * rights[index] for line in lines])
    height = max(len(lines) for lines in rendered)
    for index, lines in enumerate(rendered):
        blank = [" " * widths[index]] * (height - len(lines))
        rendered[index] = blank + lines if header else lines + blank  # the header sits at the bottom
    return [divider.join(cells[line] for cells in rendered) for line in range(height)]


def render_parts(parts: list, encoding: str | None = None, width: int | None = None) -> str | None:
    """What Rich prints for `render.rich_parts(parts)` (TableSpecs and Styled lines, in a Group) on
    a non-terminal console, or None if any part is outside what this module follows."""
    pieces = parts_in_pieces(parts, encoding, width)
    return None if pieces is None else "".join(pieces)


def parts_in_pieces(parts: list, encoding: str | None = None, width: int | None = None) -> Iterator[str] | None:
    """`render_parts`' text in pieces (a long table's a few thousand rows at a time), or None."""
    width = console_width() if width is None else width
    pieces = [render_pieces(part, width, encoding) if isinstance(part, TableSpec)
              else render_text(part, width, encoding) for part in parts]
    if any(piece is None for piece in pieces):
        return None
    return itertools.chain.from_iterable([piece] if isinstance(piece, str) else piece for piece in pieces)


def render_text(text, width: int, encoding: str | None = None) -> str | None:
    """What Rich prints for `Text(text)` or `render.rich_text(styled)` (no justify) on a
    non-terminal console, or None."""
    encoding = (encoding or getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    text = _plain(text)
    if width < MIN_WIDTH or not encoding.startswith("utf") or _UNFOLLOWED.search(text):
        return None
    return "".join(_crop(line, width) + "\n" for line in _wrap(text, width, "default", "fold", False))


def _plain(cell) -> str:
    text = cell.plain if isinstance(cell, Styled) else cell
    return text.translate(_STRIP)


# ------------------------------------------------------------------------ widths (rich/table.py)

def _column_widths(columns, ranges_by_column, rights, max_width: int) -> list[int]:
    """Table._calculate_column_widths for a table that does not expand."""
    ranges = [_measure_column(column, cells, right, max_width)
              for column, cells, right in zip(columns, ranges_by_column, rights)]
    widths = [maximum or 1 for _, maximum in ranges]
    table_width = sum(widths)
    if table_width > max_width:
        widths = _collapse_widths(widths, [not column.no_wrap for column in columns], max_width)
        table_width = sum(widths)
        if table_width > max_width:
            excess = table_width - max_width
            widths = _ratio_reduce(excess, [1] * len(widths), widths, widths)
        ranges = [_measure_column(column, cells, right, width)
                  for column, cells, right, width in zip(columns, ranges_by_column, rights, widths)]
        widths = [maximum or 0 for _, maximum in ranges]
    return widths


def _measure_column(column, cells, right: int, max_width: int) -> tuple[int, int]:
    """Table._measure_column: each cell is Padding(text, (0, right, 0, 0)); `cells` holds each
    cell's `_text_range`."""
    if max_width < 1:
        return 0, 0
    measured = [_measure_cell(cell, right, max_width) for cell in cells]
    minimum = max(low for low, _ in measured) if measured else 1
    maximum = max(high for _, high in measured) if measured else max_width
    minimum, maximum = min(minimum, max_width), min(maximum, max_width)
    if column.min_width is not None:  # Measurement.clamp
        low = max(0, column.min_width + right)
        minimum, maximum = max(minimum, low), max(maximum, low)
    if column.max_width is not None:
        high = column.max_width + right
        minimum, maximum = min(minimum, high), min(maximum, high)
    return minimum, maximum


def _measure_cell(text_range: tuple[int, int], right: int, max_width: int) -> tuple[int, int]:
    """Measurement.get(Padding(Text(text), (0, right, 0, 0)))."""
    if max_width < 1:
        return 0, 0
    if max_width - right < 1:
        low, high = max_width, max_width
    else:
        low, high = _measure_text(text_range, max_width)
        low, high = min(low + right, max_width), min(high + right, max_width)
    low, high = _normalize(low, high)
    low, high = min(low, max_width), min(high, max_width)
    if high < 1:
        return 0, 0
    return _normalize(low, high)


def _text_range(text: str) -> tuple[int, int]:
    """Text.__rich_measure__: the longest word and the longest line, in cells."""
    lines = text.splitlines()
    words = text.split()
    if text.isascii() and text.isprintable():  # one cell a character (see _cells): no line breaks either
        high = len(text) if lines else 0
        return (max(map(len, words)) if words else high), high
    high = max(cell_len(line) for line in lines) if lines else 0
    low = max(cell_len(word) for word in words) if words else high
    return low, high


def _measure_text(text_range: tuple[int, int], max_width: int) -> tuple[int, int]:
    """Measurement.get(Text(text)): its `_text_range`, normalised and capped."""
    low, high = _normalize(*text_range)
    low, high = min(low, max_width), min(high, max_width)
    if high < 1:
        return 0, 0
    return _normalize(low, high)


def _normalize(minimum: int, maximum: int) -> tuple[int, int]:
    minimum = min(max(0, minimum), maximum)
    return max(0, minimum), max(0, max(minimum, maximum))


def _collapse_widths(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """Table._collapse_widths."""
    total_width = sum(widths)
    excess_width = total_width - max_width
    if any(wrapable):
        while total_width and excess_width > 0:
            max_column = max(width for width, allow_wrap in zip(widths, wrapable) if allow_wrap)
            second_max_column = max(width if allow_wrap and width != max_column else 0
                                    for width, allow_wrap in zip(widths, wrapable))
            column_difference = max_column - second_max_column
            ratios = [(1 if (width == max_column and allow_wrap) else 0)
                      for width, allow_wrap in zip(widths, wrapable)]
            if not any(ratios) or not column_difference:
                break
            max_reduce = [min(excess_width, column_difference)] * len(widths)
            widths = _ratio_reduce(excess_width, ratios, max_reduce, widths)
            total_width = sum(widths)
            excess_width = total_width - max_width
    return widths


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """rich._ratio.ratio_reduce (copied: that module imports fractions, ~3 ms)."""
    ratios = [ratio if _max else 0 for ratio, _max in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    total_remaining = total
    result: list[int] = []
    for ratio, maximum, value in zip(ratios, maximums, values):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * total_remaining / total_ratio))
            result.append(value - distributed)
            total_remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


# -------------------------------------------------------------------------- text (rich/text.py)

def _wrap(text: str, width: int, justify: str, overflow: str, no_wrap: bool) -> list[str]:
    """Text.wrap, plain: split at newlines, divide into words, justify, truncate."""
    lines: list[str] = []
    for line in text.split("\n"):
        if no_wrap:
            pieces = [line]
        else:
            # A line that fits is never divided (every word fits where the one before ended).
            offsets = [] if _cells(line) <= width else divide_line(line, width, fold=overflow == "fold")
            bounds = [0, *offsets, len(line)]
            pieces = [_rstrip_end(line[start:end], width) for start, end in zip(bounds, bounds[1:])]
        if justify == "left":
            pieces = [_truncate(piece, width, overflow, pad=True) for piece in pieces]
        elif justify == "right":
            pieces = [_truncate(piece.rstrip(), width, overflow) for piece in pieces]
            pieces = [" " * (width - _cells(piece)) + piece for piece in pieces]
        elif justify != "default":
            raise ValueError(f"justify {justify!r} is not followed here")
        lines.extend(_truncate(piece, width, overflow) for piece in pieces)
    return lines


def _rstrip_end(text: str, size: int) -> str:
    """Text.rstrip_end: drop trailing whitespace beyond `size` characters."""
    excess = len(text) - size
    if excess > 0:
        found = _TRAILING_SPACE.search(text)
        if found is not None:
            return text[: len(text) - min(len(found.group(0)), excess)]
    return text


def _truncate(text: str, width: int, overflow: str, *, pad: bool = False) -> str:
    """Text.truncate."""
    length = _cells(text)
    if length > width:
        text = set_cell_size(text, width - 1) + "…" if overflow == "ellipsis" else set_cell_size(text, width)
    if pad and length < width:
        text = text + " " * (width - length)
    return text


def _fit(line: str, width: int) -> str:
    """Segment.adjust_line_length(pad=True): pad or crop to exactly `width` cells."""
    return line if _cells(line) == width else set_cell_size(line, width)


def _crop(line: str, width: int) -> str:
    """What Console.print does to a line wider than the console: crop it (no padding)."""
    return set_cell_size(line, width) if _cells(line) > width else line
