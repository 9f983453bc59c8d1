"""`claims report` for a terminal: the parts `report_layout` lays out, as one Rich Group.

Imports Rich and the domain, never Typer or TinyDB.
"""

from __future__ import annotations

from rich.console import Group

from .models import SourceRegistry
from .render import rich_parts
from .report_layout import CONTESTED_SHOWN, report_parts  # noqa: F401 (CONTESTED_SHOWN: used by tests)
from .reports import Report


def report_view(report: Report, registry: SourceRegistry) -> Group:
    return rich_parts(report_parts(report, registry))
