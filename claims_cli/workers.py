"""A second process for the per-claim layout of a large HTML or Markdown export (issue 6).

Laying out 100,000 claims as HTML costs about 1.5 s of pure-Python string work on top of reading
them and building the report; the floor the benchmark compares against is one parse of the file.
A desk's machine has more than one core, so the export hands the layout of most claims to a
forked copy of itself while it builds the report: `share_out` forks a worker that lays out the
claims from `start` on and writes their parts to an unlinked temporary file; the exporter lays out
the rest itself and, once its report is done, `Share.parts` reads the worker's.

Nothing depends on the worker succeeding: if it cannot be started (no fork, one core, a small
export, CLAIMS_WORKERS=0), fails, is killed, or leaves a short file, the exporter lays out those
claims itself, and the document is the same bytes either way (tests/test_workers.py).

The worker never writes to stdout, stderr or the database and leaves with os._exit: it runs
none of the parent's exit handlers and flushes none of its buffers.
"""

from __future__ import annotations

import os
import struct
import sys
from array import array
from typing import Callable, Optional, Sequence

# Fewer claims than this are laid out in one process: the fork and the file cost more than the
# second core saves (an export of 1,000 claims lays out in about 20 ms).
MIN_CLAIMS = 2_000

_TRAILER = struct.Struct("<qqq")  # (number of parts, parts per claim, checked) at the end of the file
_FLUSH_AT = 1 << 22  # bytes of parts gathered before the worker writes them out
_ABSENT = -1  # the length written for a part that is None


def workers_allowed() -> bool:
    """A second process is worth starting: the platform can fork, this process has at least two
    cores, no thread is running (forking a threaded process is unsafe) and CLAIMS_WORKERS is not 0."""
    if os.environ.get("CLAIMS_WORKERS", "").strip() in ("0", "1"):
        return False
    if not hasattr(os, "fork") or sys.platform == "win32":
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    if cores < 2:
        return False
    import threading

    return threading.active_count() == 1


class Share:
    """The claims from `start` on, laid out by a worker process (or, failing it, here)."""

    def __init__(self, claims: Sequence, start: int, lay_out: Callable[[dict], tuple], width: int,
                 pid: Optional[int], file):
        self.claims = claims
        self.start = start
        self.lay_out = lay_out
        self.width = width
        self.pid = pid
        self.file = file
        self.worked = False  # whether the parts came from the worker (the tests ask)
        self.checked = False  # whether they came from it and passed share_out's `check`, every one

    def parts(self) -> list[tuple]:
        """`lay_out(claims[i])` for every i from `start` on, in order: the worker's, once it has
        finished, or laid out here if it did not finish cleanly."""
        parts = self._read_worker()
        if parts is None:
            parts = [self.lay_out(self.claims[index]) for index in range(self.start, len(self.claims))]
        return parts

    def close(self) -> None:
        """Stop a worker whose parts are no longer wanted (the export failed part way)."""
        if self.pid is not None:
            import signal

            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = None
        if self.file is not None:
            self.file.close()
            self.file = None

    def _read_worker(self) -> Optional[list[tuple]]:
        pid, file = self.pid, self.file
        self.pid = self.file = None
        if pid is None or file is None:
            return None
        try:
            try:
                _, status = os.waitpid(pid, 0)
            except ChildProcessError:
                return None
            if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
                return None
            parts = self._parts_in(file)
            self.worked = parts is not None
            return parts
        except (OSError, ValueError, struct.error):
            return None
        finally:
            file.close()

    def _parts_in(self, file) -> Optional[list[tuple]]:
        """The parts the worker wrote: the parts' bytes, one after another, then their lengths
        (signed 64-bit, -1 for None), then the trailer (count, width). Each part is a memoryview
        of the file mapped into memory (nothing is copied: the page cache has it)."""
        end = file.seek(0, os.SEEK_END)
        if end < _TRAILER.size:
            return None
        file.seek(end - _TRAILER.size)
        count, width, checked = _TRAILER.unpack(file.read(_TRAILER.size))
        expected = (len(self.claims) - self.start) * self.width
        table_at = end - _TRAILER.size - 8 * count
        if count != expected or width != self.width or checked not in (0, 1) or table_at < 0:
            return None
        file.seek(table_at)
        lengths = array("q")
        lengths.frombytes(file.read(8 * count))
        if sys.byteorder != "little":
            lengths.byteswap()
        if min(lengths, default=0) < _ABSENT or sum(length for length in lengths if length > 0) != table_at:
            return None
        if table_at == 0:
            data = memoryview(b"")
        else:
            import mmap

            data = memoryview(mmap.mmap(file.fileno(), table_at, access=mmap.ACCESS_READ))
        flat: list = []
        add = flat.append
        at = 0
        for length in lengths:
            if length == _ABSENT:
                add(None)
            else:
                add(data[at:at + length])
                at += length
        self.checked = checked == 1
        if width == 1:
            return [(part,) for part in flat]
        return list(zip(*[iter(flat)] * width))


def share_out(claims: Sequence, lay_out: Callable[[dict], tuple], *, width: int, share: float,
              min_claims: Optional[int] = None, check: Optional[Callable[[bytes], bool]] = None) -> Optional[Share]:
    """Fork a worker that lays out the last `share` of `claims` (each claim: `lay_out(claim)`, a
    tuple of `width` UTF-8 parts, any of them None); None when a worker is not worth it or cannot
    be started, and the caller lays out every claim itself.

    With a `check`, the worker also asks it of its parts (of several parts at once, one after
    another): `Share.checked` says that every answer was True."""
    count = len(claims)
    if count < (MIN_CLAIMS if min_claims is None else min_claims) or not workers_allowed():
        return None
    start = min(count, max(0, count - int(count * share)))
    if start >= count:
        return None
    import tempfile

    try:
        file = tempfile.TemporaryFile(buffering=1 << 20)
    except OSError:
        return None
    for stream in (sys.stdout, sys.stderr):  # nothing buffered may be written twice
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed or odd stream: nothing to flush
            pass
    try:
        pid = os.fork()
    except OSError:
        file.close()
        return None
    if pid == 0:  # the worker
        code = 1
        try:
            _work(claims, start, lay_out, width, file, check)
            code = 0
        except BaseException:  # noqa: BLE001 - the parent lays out these claims itself
            pass
        finally:
            os._exit(code)
    return Share(claims, start, lay_out, width, pid, file)


def _work(claims: Sequence, start: int, lay_out: Callable[[dict], tuple], width: int, file,
          check: Optional[Callable[[bytes], bool]]) -> None:
    import gc

    gc.disable()  # (the worker builds no cycles and exits without a teardown)
    lengths = array("q")
    pending: list = []
    size = 0
    checked = check is not None

    def write(data: bytes) -> None:  # the parts gathered, one after another
        nonlocal checked
        if checked and not check(data):
            checked = False
        file.write(data)

    for index in range(start, len(claims)):
        parts = lay_out(claims[index])
        if len(parts) != width:
            raise ValueError("a claim's layout has the wrong number of parts")
        for part in parts:
            if part is None:
                lengths.append(_ABSENT)
                continue
            lengths.append(len(part))
            pending.append(part)
            size += len(part)
        if size >= _FLUSH_AT:
            write(b"".join(pending))
            pending.clear()
            size = 0
    write(b"".join(pending))
    if sys.byteorder != "little":
        lengths.byteswap()
    file.write(lengths.tobytes())
    file.write(_TRAILER.pack(len(lengths), width, int(checked)))
    file.flush()
