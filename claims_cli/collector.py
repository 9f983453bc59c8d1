"""Python's cyclic garbage collector, paused while large JSON-shaped data is built or parsed.

Claims, records and parsed JSON hold no reference cycles, so the collector finds nothing in them;
but while hundreds of thousands of new dicts pile up it re-walks the growing heap again and again
(a third of an import's time at 100,000 rows). `paused()` turns it off for the work. On the way out,
if many new objects are still alive (a caller kept them), they are moved to the permanent
generation: the first collection after re-enabling would otherwise walk them all at once (about
0.4 s at 100,000 claims). They are still freed normally when no longer referenced.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

FREEZE_OVER = 200_000  # young objects still alive on the way out; fewer are left to the collector
NEVER = 1 << 62


@contextmanager
def paused(freeze_over: int = FREEZE_OVER) -> Iterator[None]:
    """Pause the collector; on the way out freeze what is left if `freeze_over` objects or more are."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_count()[0] >= freeze_over:
                gc.freeze()
            gc.enable()


# Start-up (importing Typer and the command's module, building and parsing the command) makes
# tens of thousands of long-lived objects (modules, classes, functions) and no garbage, yet the
# collector, run every 700 new objects, walks them some 30 times (a few per cent of a small
# command). The console script pauses it from its first line (`pause_startup`) until the root
# callback runs (`end_startup`), which moves what start-up made to the permanent generation and
# turns the collector back on: the command itself runs with it as usual. A process that did not
# pause (tests, CliRunner) is left alone.
_startup_paused = False


def pause_startup() -> None:
    global _startup_paused
    if gc.isenabled():
        gc.disable()
        _startup_paused = True


def end_startup() -> None:
    global _startup_paused
    if _startup_paused:
        _startup_paused = False
        gc.freeze()
        gc.enable()
