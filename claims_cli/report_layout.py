"""What `claims report` shows in a terminal, without Rich: a list of parts, each a table
(`layout.TableSpec`) or a line of styled text (`layout.Styled`), printed one after another.

`render_report.report_view` makes a Rich Group of the parts (for a terminal); `context.show_parts`
prints them through `plain_table` when stdout is a file or a pipe (the same bytes). Lays out a
`reports.Report`; computes nothing of its own. User text enters only through `layout.text()`
(`plain.inert`). Imports the domain, never Rich or Typer.
"""

from __future__ import annotations

from .layout import Column, Styled, TableSpec, review_table, status_text, text
from .models import SourceRegistry
from .reports import STATUSES, Report, backlog_note, contested_heading, days_text, no_contested, percent, signed

BAR = "█"
BAR_WIDTH = 30
CONTESTED_SHOWN = 15  # the terminal shows the latest; `claims contested` and the HTML list them all


def bar(count: int, biggest: int, style: str, width: int = BAR_WIDTH) -> Styled:
    """A bar of up to `width` cells; any non-zero count shows at least one cell."""
    cells = 0 if not count or not biggest else max(1, round(width * count / biggest))
    return Styled(BAR * cells, style)


def stacked_bar(counts: dict, biggest: int, width: int = BAR_WIDTH) -> Styled:
    parts = []
    for status in STATUSES:
        count = counts.get(status, 0)
        if count:
            piece = bar(count, biggest, f"status.{status}", width)
            parts.append((piece.text, piece.style))
    return Styled("", "", tuple(parts))


def status_summary(report: Report) -> TableSpec:
    spec = TableSpec([Column("Status", no_wrap=True), Column("Claims", justify="right", no_wrap=True),
                      Column("Share", justify="right", no_wrap=True), Column("", no_wrap=True)],
                     title=f"Claims made in the period ({report.total}), by status now")
    biggest = max(report.status_counts.values(), default=0)
    for status in STATUSES:
        count = report.status_counts[status]
        share = percent(100 * count / report.total) if report.total else "—"
        spec.rows.append([status_text(status), str(count), share, bar(count, biggest, f"status.{status}")])
    return spec


def status_changes(report: Report) -> TableSpec:
    spec = TableSpec([Column("Status", no_wrap=True), Column("At start", justify="right", no_wrap=True),
                      Column("At end", justify="right", no_wrap=True),
                      Column("Change", justify="right", no_wrap=True)],
                     title="Status changes in the period")
    for status in STATUSES:
        start, end = report.ledger_start[status], report.ledger_end[status]
        spec.rows.append([status_text(status), str(start), str(end), signed(end - start)])
    return spec


def transitions_table(report: Report) -> TableSpec | Styled:
    if not report.transitions:
        return Styled("No status changes in the period.", "muted")
    spec = TableSpec([Column("From", no_wrap=True), Column("To", no_wrap=True),
                      Column("Claims", justify="right", no_wrap=True)], title="Transitions")
    for before, after, count in report.transitions:
        spec.rows.append([_state(before), _state(after), str(count)])
    return spec


def _state(name: str) -> Styled:
    return status_text(name) if name in STATUSES else Styled(name, "muted")


def track_record(report: Report) -> TableSpec | Styled:
    if not report.sources:
        return Styled("No claims in the period.", "muted")
    spec = TableSpec([
        Column("Source", min_width=12, max_width=22, overflow="fold"),
        Column("Side", no_wrap=True),
        Column("Claims", justify="right", no_wrap=True),
        Column("Conf.", justify="right", no_wrap=True),
        Column("Ref.", justify="right", no_wrap=True),
        Column("Cont.", justify="right", no_wrap=True),
        Column("Unver.", justify="right", no_wrap=True),
        Column("Days", justify="right", no_wrap=True),
        Column("", no_wrap=True),
    ], title="Track record by source",
        caption="Shares of the claims made; days = median from claim date to first strong support.")
    biggest = max(track.made for track in report.sources)
    for track in report.sources:
        spec.rows.append([
            text(track.source), Styled(track.side, f"side.{track.side}"), str(track.made),
            percent(track.share("confirmed")), percent(track.share("refuted")),
            percent(track.share("contested")), percent(track.share("unverified")),
            days_text(track.median_days), stacked_bar(track.counts, biggest, width=10),
        ])
    return spec


def backlog_table(report: Report) -> TableSpec:
    spec = TableSpec([Column("Age", no_wrap=True), Column("Claims", justify="right", no_wrap=True),
                      Column("", no_wrap=True), Column("Oldest", no_wrap=True)],
                     title=f"Unverified backlog by age (on {report.as_of.isoformat()})")
    biggest = max((len(bucket.claims) for bucket in report.backlog), default=0)
    for bucket in report.backlog:
        oldest = f"{bucket.claims[0]['id']} ({bucket.claims[0]['claimed_on']})" if bucket.claims else ""
        spec.rows.append([bucket.label, str(len(bucket.claims)),
                          bar(len(bucket.claims), biggest, "status.unverified"), oldest])
    return spec


def contested_part(report: Report, registry: SourceRegistry) -> list:
    shown = report.contested[:CONTESTED_SHOWN]
    parts: list = [review_table(shown, registry, report.as_of, title=contested_heading(report)) if shown
                   else Styled(no_contested(report), "muted")]
    hidden = len(report.contested) - len(shown)
    if hidden:
        parts.append(Styled(f"{hidden} more, not shown: `claims contested` lists them all "
                            "(or use --format html).", "muted"))
    return parts


def report_parts(report: Report, registry: SourceRegistry) -> list:
    """The terminal report, top to bottom: TableSpecs and Styled lines."""
    blank = Styled("")
    return [
        Styled(f"Claims report: {report.period.describe()}", "bold"), blank,
        status_summary(report), blank,
        status_changes(report), blank, transitions_table(report), blank,
        track_record(report), blank,
        *contested_part(report, registry), blank,
        backlog_table(report),
        *([Styled(note, "muted")] if (note := backlog_note(report)) else []),
    ]
