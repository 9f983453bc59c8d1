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

    from .plain import console_width

    # The width the tables are laid out for (layout.console_columns), always: left to itself, Rich
    # takes a COLUMNS too narrow for any table, and 80 on a TERM=dumb terminal of any width (the
    # lines of a table planned for 160 columns were cut at 80, unmarked). And no COLUMNS or LINES
    # Rich would read as a number that is none ("²" is a digit to str.isdigit: a traceback).
    environ = {name: value for name, value in os.environ.items()
               if name not in ("COLUMNS", "LINES") or (value.isascii() and value.isdigit() and len(value) <= 6)}
    return Console(theme=THEME, stderr=stderr, highlight=False, markup=False, emoji=False,
                   width=console_width(), height=_height(environ), soft_wrap=False, _environ=environ)


def _height(environ: dict) -> int:
    """The console's height as Rich finds it (given with the width: Rich takes both, or on a
    TERM=dumb terminal neither): LINES, else the first standard stream that is a terminal, else 25."""
    from .plain import terminal_size

    if "LINES" in environ:
        return int(environ["LINES"])
    size = terminal_size()
    return size.lines if size is not None else 25


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
