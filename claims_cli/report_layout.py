"""What `claims report` shows in a terminal, without Rich: a list of parts, each a table
(`layout.TableSpec`) or a line of styled text (`layout.Styled`), printed one after another.

`render_report.report_view` makes a Rich Group of the parts (for a terminal); `context.show_parts`
prints them through `plain_table` when stdout is a file or a pipe (the same bytes). Lays out a
`reports.Report`; computes nothing of its own. User text enters only through `layout.text()`
(`plain.inert`). Imports the domain, never Rich or Typer.
"""

from __future__ import annotations

from itertools import product

from .plain import REPORT_MORE_AT
from .layout import (
    SEPARATOR, Column, Styled, TableSpec, Whole, blocks, console_columns, fitted, review_table, status_text, text, without,
)
from .models import SourceRegistry
from .reports import (
    CHANGES_OF, STATUSES, Report, backlog_note, contested_heading, median_days_text, no_claims_made, no_contested,
    period_title, shares_shown, recorded_after_note, signed,
)

BAR = "█"
# A status's piece of a stacked bar: its colour on a terminal, and its own shade, which a report
# saved to a file or read with NO_COLOR still shows ("coloured by status" was a bar of one colour)
STATUS_BARS = {"confirmed": "█", "contested": "▓", "refuted": "▒", "unverified": "░"}
BAR_LEGEND = "bar = claims made: " + ", ".join(f"{shade} {status}" for status, shade in STATUS_BARS.items())
BAR_WIDTH = 30
CONTESTED_SHOWN = 15  # the terminal shows the latest; `claims contested` and the HTML list them all


def bar(count: int, biggest: int, style: str, width: int = BAR_WIDTH) -> Styled:
    """A bar of up to `width` cells; any non-zero count shows at least one cell."""
    cells = 0 if not count or not biggest else max(1, round(width * count / biggest))
    return Styled(BAR * cells, style)


def stacked_bar(counts: dict, biggest: int, width: int = BAR_WIDTH) -> Styled:
    """One bar of the statuses' counts, as long as `bar` makes their sum and never longer: each
    piece its share of those cells (`_pieces`). (Rounded each on its own, the pieces were a cell
    past the column: a crop at 64 columns; each end rounded, equal counts took 2, 1 and 2 cells.)"""
    shown = [(status, counts.get(status, 0)) for status in STATUSES if counts.get(status, 0)]
    total = sum(count for _, count in shown)
    cells = 0 if not total or not biggest else min(width, max(1, round(width * total / biggest)))
    sizes = _pieces([count for _, count in shown], cells) if cells else []
    return Styled("", "", tuple((STATUS_BARS.get(status, BAR) * size, f"status.{status}")
                                for (status, _), size in zip(shown, sizes) if size))


def _pieces(counts: list[int], cells: int) -> list[int]:
    """`cells` shared among `counts` (in order, none 0), each its share, any one at least a cell
    while there are cells for all, as `reports.shares_shown` shares percents: equal counts take
    equal cells and a larger count never fewer, wherever that keeps each within a cell of its share
    (1, 1, 1 and 3 in 10: 2, 2, 2 and 4); else the largest remainders take the cells left, ties
    in order (1, 1, 1 and 4 in 10: 2, 1, 1 and 6)."""
    total = sum(counts)
    least = 1 if cells >= len(counts) else 0
    groups = sorted(set(counts), reverse=True)
    many = [counts.count(count) for count in groups]
    # (in whole numbers: a share is cells * count / total, and a size within a cell of it differs
    # from it by at most a total in these units)
    near = [range(max(least, -(-(cells * count - total) // total)), (cells * count + total) // total + 1)
            for count in groups]

    def weighed(sizes: tuple) -> tuple:  # (a handful of groups, each two or three sizes: every choice is weighed)
        return (sum(times * abs(size * total - cells * count) for times, size, count in zip(many, sizes, groups)),
                tuple(-size for size in sizes))  # (then the larger counts the larger)

    fitting = [sizes for sizes in product(*near) if sum(times * size for times, size in zip(many, sizes)) == cells
               and all(larger >= smaller for larger, smaller in zip(sizes, sizes[1:]))]
    if fitting:
        size_of = dict(zip(groups, min(fitting, key=weighed)))
        return [size_of[count] for count in counts]
    sizes = [max(least, cells * count // total) for count in counts]
    short = sorted(range(len(counts)), key=lambda at: sizes[at] * total - cells * counts[at])  # (stable: in order)
    for at in short[:max(0, cells - sum(sizes))]:
        sizes[at] += 1
    while sum(sizes) > cells:  # (the cells each count's one took: from the most over its share)
        sizes[max((at for at in range(len(sizes)) if sizes[at] > least),
                  key=lambda at: sizes[at] * total - cells * counts[at])] -= 1
    return sizes


def _bar_room(width: int, *columns: int) -> int:
    """The cells left for a bar column, at most `width` (0: no bar column), in a console as wide as
    `console_columns()` beside `columns` of these widths: a narrow console gives up its bars before
    any column of names or numbers, which Rich would otherwise cut ("100%" as "10…") or drop."""
    left = console_columns() - sum(columns) - SEPARATOR * len(columns)
    return min(width, left) if left >= 3 else 0


def status_summary(report: Report) -> TableSpec:
    counts = [str(report.status_counts[status]) for status in STATUSES]
    cells = _bar_room(BAR_WIDTH, len("unverified"), max(len("Claims"), *map(len, counts)), len("Share"))
    spec = TableSpec([Column("Status", no_wrap=True), Column("Claims", justify="right", no_wrap=True),
                      Column("Share", justify="right", no_wrap=True), *([Column("", no_wrap=True)] if cells else [])],
                     title=f"Claims made in the period ({report.total}), by status now")
    biggest = max(report.status_counts.values(), default=0)
    shares = shares_shown({status: report.status_counts[status] for status in STATUSES})
    for status in STATUSES:
        count = report.status_counts[status]
        spec.rows.append([status_text(status), str(count), shares[status],
                          *([bar(count, biggest, f"status.{status}", cells)] if cells else [])])
    # Under about 25 columns the share gives way (the title's total gives it): Rich cut the headers
    # and "unverifi…"
    return fitted(spec, console_columns(), ("Share",))


def status_changes(report: Report) -> TableSpec:
    # Too narrow for the headers on one line (36 columns), each number column is as wide as its
    # longest word or number, its header wrapped at its space, and the statuses take the rest,
    # folded only under 30 columns: Rich cut them all ("At sta…", "At …", "confirm…").
    numbers = [[str(report.ledger_start[status]) for status in STATUSES],
               [str(report.ledger_end[status]) for status in STATUSES],
               [signed(report.ledger_end[status] - report.ledger_start[status]) for status in STATUSES]]
    widths = [max(len(max(header.split(), key=len)), *map(len, cells))
              for header, cells in zip(("At start", "At end", "Change"), numbers)]
    status_width = console_columns() - sum(widths) - SEPARATOR * 3
    narrow = status_width < len("unverified") + len("At start") + len("At end") - widths[0] - widths[1]
    # Narrower still (under about 28 columns), the change gives way, as a listing's columns do:
    # the start and end give it, and "+1" had lost its digit.
    dropped = ["Change"] if status_width < len("refuted") else []
    if dropped:
        status_width += widths[2] + SEPARATOR
    fixed = (lambda width: {"min_width": width, "max_width": width}) if narrow else (lambda width: {})
    spec = TableSpec([Column("Status", overflow="fold", **fixed(max(1, min(len("unverified"), status_width)))),
                      Column("At start", justify="right", overflow="fold", **fixed(widths[0])),
                      Column("At end", justify="right", overflow="fold", **fixed(widths[1])),
                      Column("Change", justify="right", overflow="fold", **fixed(widths[2]))],
                     title="Status changes in the period", caption=f"Of {CHANGES_OF}.")  # (a title this
    # narrow table would wrap)
    for status in STATUSES:
        start, end = report.ledger_start[status], report.ledger_end[status]
        spec.rows.append([status_text(status), str(start), str(end), signed(end - start)])
    return without(spec, dropped)


def transitions_table(report: Report) -> TableSpec | Styled:
    if not report.transitions:
        return Styled("No status changes in the period.", "muted")
    spec = TableSpec([Column("From", overflow="fold"), Column("To", overflow="fold"),
                      Column("Changes", justify="right", overflow="fold")], title="Transitions")
    for before, after, count in report.transitions:
        spec.rows.append([_state(before), _state(after), str(count)])
    return spec


def _state(name: str) -> Styled:
    return status_text(name) if name in STATUSES else Styled(name, "muted")


def _track_caption(report: Report) -> str:
    """What the track record's shares and days are of: a bounded report's, the claims made in the
    period alone, as its other formats say (review: a November claim confirmed in December is in no
    December report's days)."""
    made = "made in the period" if report.period.bounded else "made"
    return (f"Shares of the claims {made}, by status in force (an assessment where there is one); days = median "
            "from claim date to first strong support, of the confirmed claims that have one (in brackets, how many)")
_SHORT_STATUS = {"confirmed": "Conf.", "contested": "Cont.", "refuted": "Ref.", "unverified": "Unver."}


def track_record(report: Report) -> TableSpec | Styled:
    if not report.sources:
        return Styled(no_claims_made(in_period=True), "muted")
    # The numbers take their width whole; the source's name wraps in at least 12 (fewer only on a
    # console too narrow for that). A narrow console gives up the bars, then the side (the source's
    # name says it), before any of those.
    rows = [[text(track.source), Styled(track.side, f"side.{track.side}"), str(track.made),
             *track.shares_shown().values(), median_days_text(track)]
            for track in report.sources]
    headers = ("Source", "Side", "Claims", *(_SHORT_STATUS[status] for status in STATUSES), "Days")
    numbers = [max(len(headers[at]), *(len(row[at]) for row in rows)) for at in range(2, 8)]
    sides = max(len("Side"), *(len(track.side) for track in report.sources))
    source_width = 12
    if console_columns() < source_width + sum(numbers) + SEPARATOR * 6:
        return _narrow_track_record(report)
    show_side = console_columns() >= source_width + sides + sum(numbers) + SEPARATOR * 7  # (all but the bars)
    cells = _bar_room(10, source_width, *([sides] if show_side else []), *numbers)
    columns = [Column("Source", min_width=min(source_width, max(1, console_columns() - sum(numbers) - SEPARATOR * 6)),
                      max_width=22, overflow="fold")]
    if show_side:
        columns.append(Column("Side", no_wrap=True))
    columns += [Column(header, justify="right", no_wrap=True) for header in headers[2:]]
    if cells:
        columns.append(Column("", no_wrap=True))
    # (the bar, without a header, beside "Days" read as a bar of days)
    spec = TableSpec(columns, title="Track record by source",
                     caption=f"{_track_caption(report)}{'; ' + BAR_LEGEND + '.' if cells else '.'}")
    biggest = max(track.made for track in report.sources)
    for track, row in zip(report.sources, rows):
        if not show_side:
            del row[1]
        if cells:
            row.append(stacked_bar(track.counts, biggest, width=cells))
        spec.rows.append(row)
    return spec


def _narrow_track_record(report: Report) -> TableSpec:
    """The track record on a console too narrow for a name and six numbers (at 44 columns the name
    had 2: "Th/e/Te/le"): each source's numbers in words beside it, wrapping."""
    spec = TableSpec([Column("Source", max_width=14, overflow="fold"), Column("Record", ratio=1, overflow="fold")],
                     title="Track record by source", caption=f"{_track_caption(report)}.")
    for track in report.sources:
        shares = ", ".join(f"{share} {status}" for status, share in track.shares_shown().items())
        spec.rows.append([text(track.source), text(f"{track.made} made: {shares}; days {median_days_text(track)}")])
    return spec


def backlog_table(report: Report) -> TableSpec:
    rows = [[bucket.label, str(len(bucket.claims)),
             f"{bucket.claims[0]['id']} ({bucket.claims[0]['claimed_on']})" if bucket.claims else ""]
            for bucket in report.backlog]
    widths = [max(len(header), *(len(row[at]) for row in rows)) for at, header in enumerate(("Age", "Claims", "Oldest"))]
    if sum(widths) + SEPARATOR * 2 > console_columns():  # (the oldest claim's ID says it, without its date)
        for row, bucket in zip(rows, report.backlog):
            row[2] = bucket.claims[0]["id"] if bucket.claims else ""
        widths[2] = max(len("Oldest"), *(len(row[2]) for row in rows))
    title = f"Unverified backlog by age (on {report.as_of.isoformat()})"
    if sum(widths) + SEPARATOR * 2 > console_columns():
        # Narrower still (under about 28 columns), each age is a block of its own, its oldest claim
        # under it, as a listing's claims are: Rich cut the ID ("C-00…"), which then named no claim
        return blocks("Age, claims; oldest", (
            (f"{bucket.label}  {len(bucket.claims)}",
             *([f"{bucket.claims[0]['id']} ({bucket.claims[0]['claimed_on']})"] if bucket.claims else []))
            for bucket in report.backlog), title=title)
    cells = _bar_room(BAR_WIDTH, *widths)
    spec = TableSpec([Column("Age", no_wrap=True), Column("Claims", justify="right", no_wrap=True),
                      *([Column("", no_wrap=True)] if cells else []), Column("Oldest", no_wrap=True)], title=title)
    biggest = max((len(bucket.claims) for bucket in report.backlog), default=0)
    for bucket, row in zip(report.backlog, rows):
        if cells:
            row.insert(2, bar(len(bucket.claims), biggest, "status.unverified", cells))
        spec.rows.append(row)
    return spec


def contested_part(report: Report, registry: SourceRegistry, claims: str = "claims") -> list:
    """The report's contested claims, the latest; `claims`: how the commands it names call claims
    (with the --db given: pasted, they read the default database)."""
    shown = report.contested[:CONTESTED_SHOWN]
    parts: list = [review_table(shown, registry, report.as_of, title=contested_heading(report),
                                more_at=REPORT_MORE_AT.replace("claims", claims, 1), called=claims) if shown
                   else Whole(no_contested(report, claims), "muted")]  # (a command to paste, as below)
    hidden = len(report.contested) - len(shown)
    if hidden:
        period = report.period  # (a period's: `claims contested` alone lists every one)
        command = f"{claims} contested --limit 0" + (f" --since {period.since.isoformat()}" if period.since else "") + (
            f" --until {period.until.isoformat()}" if period.until else "")  # (its table shows 50 by default)
        parts.append(Whole(f"{hidden} more, not shown: `{command}` lists them all (or use --format html).", "muted"))
    return parts


def report_parts(report: Report, registry: SourceRegistry, claims: str = "claims") -> list:
    """The terminal report, top to bottom: TableSpecs and Styled lines (`claims`: see contested_part)."""
    blank = Styled("")
    return [
        Styled(f"Claims report: {period_title(report)}", "bold"), blank,
        status_summary(report), blank,
        status_changes(report), blank, transitions_table(report), blank,
        *([Styled(note, "muted"), blank] if (note := recorded_after_note(report)) else []),
        track_record(report), blank,
        *contested_part(report, registry, claims), blank,
        backlog_table(report),
        *([Whole(note, "muted")] if (note := backlog_note(report, claims)) else []),
    ]
