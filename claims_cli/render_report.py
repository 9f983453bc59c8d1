"""Rich renderables for `claims report`: tables and simple bar charts. Returns them; prints nothing.

Lays out a `reports.Report`; computes nothing of its own. User text enters only through
`render.text()` (as `Text`, never markup). Imports Rich and the domain, never Typer or TinyDB.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from .models import SourceRegistry
from .render import _table, review_table, status_text, text
from .reports import STATUSES, Report, days_text, percent, signed

BAR = "█"
BAR_WIDTH = 30
CONTESTED_SHOWN = 15  # the terminal shows the latest; `claims contested` and the HTML list them all


def bar(count: int, biggest: int, style: str, width: int = BAR_WIDTH) -> Text:
    """A bar of up to `width` cells; any non-zero count shows at least one cell."""
    cells = 0 if not count or not biggest else max(1, round(width * count / biggest))
    return Text(BAR * cells, style=style)


def stacked_bar(counts: dict, biggest: int, width: int = BAR_WIDTH) -> Text:
    line = Text()
    for status in STATUSES:
        count = counts.get(status, 0)
        if count:
            line.append_text(bar(count, biggest, f"status.{status}", width))
    return line


def status_summary(report: Report) -> Table:
    table = _table(title=f"Claims made in the period ({report.total}), by status now")
    table.add_column("Status", no_wrap=True)
    table.add_column("Claims", justify="right", no_wrap=True)
    table.add_column("Share", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    biggest = max(report.status_counts.values(), default=0)
    for status in STATUSES:
        count = report.status_counts[status]
        share = percent(100 * count / report.total) if report.total else "—"
        table.add_row(status_text(status), str(count), share, bar(count, biggest, f"status.{status}"))
    return table


def status_changes(report: Report) -> Table:
    table = _table(title="Status changes in the period")
    table.add_column("Status", no_wrap=True)
    table.add_column("At start", justify="right", no_wrap=True)
    table.add_column("At end", justify="right", no_wrap=True)
    table.add_column("Change", justify="right", no_wrap=True)
    for status in STATUSES:
        start, end = report.ledger_start[status], report.ledger_end[status]
        table.add_row(status_text(status), str(start), str(end), signed(end - start))
    return table


def transitions_table(report: Report) -> Table | Text:
    if not report.transitions:
        return Text("No status changes in the period.", style="muted")
    table = _table(title="Transitions")
    table.add_column("From", no_wrap=True)
    table.add_column("To", no_wrap=True)
    table.add_column("Claims", justify="right", no_wrap=True)
    for before, after, count in report.transitions:
        table.add_row(_state(before), _state(after), str(count))
    return table


def _state(name: str) -> Text:
    return status_text(name) if name in STATUSES else Text(name, style="muted")


def track_record(report: Report) -> Table | Text:
    if not report.sources:
        return Text("No claims in the period.", style="muted")
    table = _table(title="Track record by source",
                   caption="Shares of the claims made; days = median from claim date to first strong support.")
    table.add_column("Source", min_width=12, max_width=22, overflow="fold")
    table.add_column("Side", no_wrap=True)
    table.add_column("Claims", justify="right", no_wrap=True)
    table.add_column("Conf.", justify="right", no_wrap=True)
    table.add_column("Ref.", justify="right", no_wrap=True)
    table.add_column("Cont.", justify="right", no_wrap=True)
    table.add_column("Unver.", justify="right", no_wrap=True)
    table.add_column("Days", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    biggest = max(track.made for track in report.sources)
    for track in report.sources:
        table.add_row(
            text(track.source), Text(track.side, style=f"side.{track.side}"), str(track.made),
            percent(track.share("confirmed")), percent(track.share("refuted")),
            percent(track.share("contested")), percent(track.share("unverified")),
            days_text(track.median_days), stacked_bar(track.counts, biggest, width=10),
        )
    return table


def backlog_table(report: Report) -> Table:
    table = _table(title=f"Unverified backlog by age (on {report.as_of.isoformat()})")
    table.add_column("Age", no_wrap=True)
    table.add_column("Claims", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Oldest", no_wrap=True)
    biggest = max((len(bucket.claims) for bucket in report.backlog), default=0)
    for bucket in report.backlog:
        oldest = f"{bucket.claims[0]['id']} ({bucket.claims[0]['claimed_on']})" if bucket.claims else ""
        table.add_row(bucket.label, str(len(bucket.claims)),
                      bar(len(bucket.claims), biggest, "status.unverified"), oldest)
    return table


def contested_part(report: Report, registry: SourceRegistry) -> Group:
    shown = report.contested[:CONTESTED_SHOWN]
    table = review_table(shown, registry, report.as_of, title=f"Contested claims ({len(report.contested)})",
                         empty="No contested claims.")
    hidden = len(report.contested) - len(shown)
    if not hidden:
        return Group(table)
    return Group(table, Text(f"{hidden} more, not shown: `claims contested` lists them all "
                             "(or use --format html).", style="muted"))


def report_view(report: Report, registry: SourceRegistry) -> Group:
    heading = Text(f"Claims report: {report.period.describe()}", style="bold")
    return Group(
        heading, Text(""),
        status_summary(report), Text(""),
        status_changes(report), Text(""), transitions_table(report), Text(""),
        track_record(report), Text(""),
        contested_part(report, registry), Text(""),
        backlog_table(report),
    )
