"""The two Rich consoles (data on stdout, messages on stderr) and the one Theme.

Colour only on a terminal; Rich itself honours NO_COLOR and FORCE_COLOR. Consoles are built on
first use and reset per invocation (`reset()`), so tests that swap stdout get fresh ones.
Imports Rich, never Typer or TinyDB.
"""

from __future__ import annotations

from rich.console import Console
from rich.theme import Theme

THEME = Theme({
    "status.confirmed": "bold green",
    "status.contested": "bold yellow",
    "status.refuted": "bold red",
    "status.unverified": "cyan",
    "strength.strong": "bold",
    "strength.weak": "dim",
    "strength.none": "dim italic",
    "side.russia": "red",
    "side.ukraine": "blue",
    "side.independent": "green",
    "side.unknown": "dim",
    "claim.id": "bold cyan",
    "muted": "dim",
    "error": "bold red",
    "warning": "yellow",
    "hint": "dim",
    "ok": "green",
})

_consoles: dict[str, Console] = {}


def _make(stderr: bool) -> Console:
    import os

    from .plain import configured_width

    width = configured_width()
    if width is None and os.environ.get("COLUMNS", "").isdecimal():  # (Rich would take a COLUMNS too narrow
        from .plain_table import console_width  # for any table: the width it finds without it)

        width = console_width()
    return Console(theme=THEME, stderr=stderr, highlight=False, markup=False, emoji=False,
                   width=width, soft_wrap=False)


def out() -> Console:
    """Console for data (stdout)."""
    if "out" not in _consoles:
        _consoles["out"] = _make(stderr=False)
    return _consoles["out"]


def err() -> Console:
    """Console for messages and progress (stderr)."""
    if "err" not in _consoles:
        _consoles["err"] = _make(stderr=True)
    return _consoles["err"]


def reset() -> None:
    _consoles.clear()
