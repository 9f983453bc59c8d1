"""Rich renderables for people: tables, panels and one-line messages. Returns them; prints nothing.

User text (statements, notes, names) only ever enters a renderable through `inert()`, as `Text`,
never as markup: a claim that says "[video]" or carries a terminal escape shows as typed, and
cannot restyle or hijack the terminal. Imports Rich and the domain, never Typer or TinyDB.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from . import layout
from .layout import Styled, TableSpec, days_since  # noqa: F401 (days_since: part of this module's API)
from .plain import MESSAGE_LABELS, inert
from .models import GRADES, Side, SourceRegistry, Status
from .verification import Verdict, evaluate, weigh

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


def _table(title: str | None = None, caption: str | None = None) -> Table:
    return Table(title=title, caption=caption, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                 padding=(0, 1), collapse_padding=True, header_style="bold", caption_justify="left", title_justify="left",
                 title_style="bold")


def rich_table(spec: TableSpec) -> Table:
    """A `layout.TableSpec` as a Rich Table (`plain_table.render` gives the same text without Rich)."""
    table = _table(title=spec.title, caption=spec.caption)
    for column in spec.columns:
        table.add_column(column.header, style=column.style, justify=column.justify, no_wrap=column.no_wrap,
                         overflow=column.overflow, min_width=column.min_width, max_width=column.max_width,
                         ratio=column.ratio)
    for row in spec.rows:
        table.add_row(*(rich_text(cell) if isinstance(cell, Styled) else cell for cell in row))
    return table


def rich_parts(parts: list) -> Group:
    """TableSpecs and Styled lines (e.g. `report_layout.report_parts`), one after another."""
    return Group(*(rich_table(part) if isinstance(part, TableSpec) else rich_text(part) for part in parts))


def rich_text(styled: Styled) -> Text:
    line = Text(styled.text, style=styled.style)
    for part, style in styled.parts:
        line.append(part, style=style)
    return line


def claims_table(claims: list[dict], *, total: int | None = None) -> Table:
    """The `claims list` table (see layout.claims_table)."""
    return rich_table(layout.claims_table(claims, total=total))


def _claimant(claim: dict) -> str:
    return layout.claimant(claim)


def review_table(claims: list[dict], registry: SourceRegistry, today: date, *, title: str,
                 empty: str, total: int | None = None) -> Table | Text:
    """The `contested` and `unverified` screens (see layout.review_table)."""
    if not claims:
        return Text(empty, style="muted")
    return rich_table(layout.review_table(claims, registry, today, title=title, total=total))


def claim_detail(claim: dict, registry: SourceRegistry) -> Group:
    """Everything known about one claim: fields, status and why, evidence, history."""
    verdict: Verdict = evaluate(claim, registry)
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(overflow="fold")
    heading = text(claim["id"], style="claim.id")
    if claim.get("deleted_at"):
        heading.append(f"  (deleted {inert(claim['deleted_at'])})", style="error")
    fields.add_row("Claim", heading)
    fields.add_row("Statement", text(claim["text"]))
    source = registry.find(claim["source"])
    claimant = text(_claimant(claim))
    if source is not None:
        claimant.append("  ")
        claimant.append_text(side_text(source.side))
    fields.add_row("Claimant", claimant)
    fields.add_row("Claimed on", text(claim["claimed_on"]))
    for label, key in (("Event on", "event_on"), ("Place", "place"), ("Region", "region")):
        if claim.get(key):
            fields.add_row(label, text(claim[key]))
    if claim.get("lat") is not None:
        fields.add_row("Coordinates", text(f"{claim['lat']}, {claim['lon']}"))
    fields.add_row("Category", text(claim["category"]))
    if claim.get("tags"):
        fields.add_row("Tags", text(", ".join(claim["tags"])))
    for url in claim.get("urls") or ():
        fields.add_row("URL", text(url))
    if claim.get("ref"):
        fields.add_row("Ref", text(claim["ref"]))
    if claim.get("note"):
        fields.add_row("Note", text(claim["note"]))
    fields.add_row("Status", _status_line(claim, verdict))
    fields.add_row("Computed", Text.assemble(status_text(claim["computed_status"]),
                                             (f"  {inert(verdict.reason)}", "muted")))
    assessment = claim.get("assessment")
    if assessment:
        line = Text.assemble(status_text(assessment["status"]),
                             (f"  by {inert(assessment['analyst'])} at {inert(assessment['at'])}", "muted"))
        if assessment.get("note"):
            line.append(f"\n{inert(assessment['note'])}")
        fields.add_row("Assessment", line)
    fields.add_row("Recorded", text(f"{claim.get('created_at', '')}, updated {claim.get('updated_at', '')}"))
    parts = [fields, evidence_table(claim, registry), history_table(claim.get("history") or [])]
    return Group(*parts)


def _status_line(claim: dict, verdict: Verdict) -> Text:
    line = status_text(claim["status"])
    if claim.get("assessment"):
        line.append("  (analyst's assessment; computed: ", style="muted")
        line.append_text(status_text(claim["computed_status"]))
        line.append(")", style="muted")
    else:
        line.append(f"  {inert(verdict.reason)}", style="muted")
    return line


def evidence_table(claim: dict, registry: SourceRegistry) -> Table | Text:
    items = claim.get("evidence") or []
    if not items:
        return Text("No evidence yet.", style="muted")
    table = _table(title="Evidence")
    table.add_column("ID", no_wrap=True)
    table.add_column("On", no_wrap=True)
    table.add_column("Source", max_width=16, overflow="fold")
    table.add_column("Stance", no_wrap=True)
    table.add_column("Strength", max_width=20, overflow="fold")
    table.add_column("Kind", max_width=9, overflow="fold")
    table.add_column("Note / URL", ratio=1, min_width=14, overflow="fold")
    for item in items:
        weight = weigh(item["stance"], item["source"], claim["source"], registry)
        detail = " ".join(filter(None, (item.get("note"), item.get("url"))))
        withdrawn = bool(item.get("withdrawn_at"))
        if withdrawn:
            strength = Text(f"withdrawn {inert(item['withdrawn_at'][:10])}", style="muted")
        else:
            strength = Text(f"{weight.strength}: {weight.why}", style=f"strength.{weight.strength}")
        table.add_row(text(item["id"]), text(item["on"]), text(item["source"]),
                      text(item["stance"], style="muted" if withdrawn else ""), strength,
                      text(item.get("kind")), text(detail), style="dim" if withdrawn else None)
    return table


def history_table(history: list[dict]) -> Table | Text:
    if not history:
        return Text("No history.", style="muted")
    table = _table(title="History")
    table.add_column("At (UTC)", no_wrap=True)
    table.add_column("Analyst", max_width=12, overflow="fold")
    table.add_column("Action", max_width=18, overflow="fold")
    table.add_column("Status", max_width=22, overflow="fold")
    table.add_column("Detail", ratio=1, min_width=16, overflow="fold")
    for entry in history:
        change = Text()
        if entry.get("status_before") and entry.get("status_before") != entry.get("status_after"):
            change.append_text(status_text(entry["status_before"]))
            change.append(" → ")
        if entry.get("status_after"):
            change.append_text(status_text(entry["status_after"]))
        table.add_row(text(str(entry["at"])[:16].replace("T", " ")), text(entry.get("analyst")),
                      text(entry["action"]), change, text(_history_detail(entry)))
    return table


def _history_detail(entry: dict) -> str:
    parts = []
    for name, (old, new) in (entry.get("changes") or {}).items():
        parts.append(f"{name}: {_short(old)} → {_short(new)}")
    if entry.get("detail"):
        parts.append(entry["detail"])
    return "; ".join(parts)


def _short(value: object, limit: int = 60) -> str:
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    value = str(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def sources_table(registry: SourceRegistry, claim_counts: dict[str, int]) -> Table:
    return rich_table(layout.sources_table(registry, claim_counts))


def message(kind: str, body: str, hint: str | None = None) -> Text:
    """A one- or two-line message for stderr: 'Error: ...' plus an optional hint line."""
    label = MESSAGE_LABELS.get(kind, "")
    line = Text(label, style=kind)
    line.append(inert(body))
    if hint:
        line.append("\n" + inert(hint), style="hint")
    return line


def status_change(claim: dict, before: str | None, reason: str) -> Text:
    """'C-0007: unverified → confirmed (strong support from DeepState)'."""
    line = text(claim["id"], style="claim.id")
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


def doctor_report(report) -> Group:
    """`claims doctor`: each file and what was found in it, notes, and the steps to recover."""
    lines: list = []
    for label, check in (("Database", report.database), ("Backup", report.backup)):
        line = Text(f"{label:<9}", style="bold")
        line.append(inert(check.path))
        if not check.exists:
            line.append("  does not exist", style="muted")
        else:
            facts = [f"{check.size:,} bytes" if check.size is not None else None,
                     f"saved {check.modified.replace('T', ' ').rstrip('Z')} UTC" if check.modified else None,
                     f"schema {check.schema_version}" if check.schema_version is not None else None,
                     _claims_count(check.claims) if check.claims is not None else None]
            line.append("  (" + ", ".join(fact for fact in facts if fact) + ")", style="muted")
            line.append("  healthy" if check.healthy else f"  {_count(check)} found",
                        style="ok" if check.healthy else "error")
        lines.append(line)
        for problem in check.problems:
            row = Text("  ")
            row.append(f"{inert(problem.where)}: ", style="bold")
            row.append(inert(problem.message))
            lines.append(row)
        if check.more_problems:
            lines.append(Text(f"  … and {check.more_problems} more", style="muted"))
    if report.temporaries:
        lines.append(Text(f"Note: {len(report.temporaries)} temporary file(s) left by interrupted writes "
                          f"({', '.join(inert(name) for name in report.temporaries)}); the next change "
                          "removes them.", style="muted"))
    if report.lock_held:
        lines.append(Text("Note: a writer holds the lock right now; if no claims process is running, it is "
                          "stuck (end that process).", style="warning"))
    if report.ok:
        message_text = "The database is healthy." if report.database.exists else \
            "There is no database yet; the first change creates it."
        lines.append(Text(message_text, style="ok"))
    elif report.advice:
        lines.append(Text("To recover:", style="bold"))
        for number, step in enumerate(report.advice, start=1):
            lines.append(Text(f"  {number}. {inert(step)}"))
    return Group(*lines)


def _claims_count(number: int) -> str:
    return f"{number} claim" + ("" if number == 1 else "s")


def _count(check) -> str:
    total = len(check.problems) + check.more_problems
    return f"{total} problem" + ("" if total == 1 else "s")
