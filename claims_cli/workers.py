"""A second process for the per-claim work of a large export or listing (issue 6).

Laying out 100,000 claims as HTML costs about 1.5 s of pure-Python string work on top of reading
them and building the report, and writing them as CSV or JSON about a second; the floor the
benchmark compares against is one parse of the file. A desk's machine has more than one core:

- `share_out` (HTML, Markdown): a forked worker lays out the claims from `start` on and writes
  their parts to an unlinked temporary file while the exporter builds the report and lays out
  the rest; once its report is done, `Share.parts` reads the worker's parts (the page orders
  claims by date, so each claim's part is handed back on its own).
- `gather_in_two` (`report` over all time, as text, JSON or a document): the worker reads the
  last claims, this process the first, and the worker hands back what it gathered of them (the
  report's columns and, for a document, its contested rows: reports.digested), marshalled.
  `claims doctor` hands it the checks of the last half of a file's lines so (their findings and
  line keys: store._checked_in_parts).
- `write_in_two` (CSV, JSON, JSONL, ClaimReview): the output of the claims is theirs one after
  another, so the worker writes the output of the last claims whole, and this process writes the
  first claims' output and then the worker's file as it is.

Nothing depends on the worker succeeding: if it cannot be started (no fork, one core, a small
export, CLAIMS_WORKERS=0), fails, is killed, or leaves a short file, this process does that work
itself, and the output is the same bytes either way (tests/test_workers.py, test_write_in_two.py).

The worker never writes to stdout, stderr or the database and leaves with os._exit: it runs
none of the parent's exit handlers and flushes none of its buffers. It holds no writers' lock
(storage closes its copy of the lock's descriptor at the fork): one whose writer was killed
finishes its work, which no one reads, and leaves. (A parent-death signal would end it sooner, but
asking for it through ctypes cost the worker 5-12 ms at every start.)
"""

from __future__ import annotations

import os
import struct
import sys
from array import array
from functools import partial
from typing import Any, Callable, Iterable, Optional, Sequence

from .collector import FREEZE_OVER, paused

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
        _stop(self.pid)
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
            if not _succeeded(pid):
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
        (signed 64-bit, -1 for None), then the trailer (count, width, checked). Each part is a memoryview
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
    forked = _fork(lambda file: _work(claims, start, lay_out, width, file, check))
    if forked is None:
        return None
    pid, file = forked
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


# ---------------------------------------------------------------------------- forking

def _fork(work: Callable[[Any], None]) -> Optional[tuple[int, Any]]:
    """(pid, file): a forked worker running `work(file)` on an unlinked temporary file, which it
    leaves with os._exit (0 if `work` returned); None if no worker could be started."""
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
    # A Ctrl-C, SIGTERM or SIGHUP (sent to every process of the command: `timeout`, systemd) is held
    # across the fork: reaching the worker before its `try`, it was raised in the parent's code, said
    # twice, and the worker ran on as a second `claims`. Within it, the worker leaves saying nothing.
    import signal

    from .output import interruption_signals

    before = signal.pthread_sigmask(signal.SIG_BLOCK, interruption_signals())
    try:
        pid = os.fork()  # (the writers' lock is not the worker's: storage closes its copy at the fork)
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
        file.close()
        return None
    if pid == 0:  # the worker
        code = 1
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
            work(file)
            code = 0
        except BaseException:  # noqa: BLE001 - the parent does this work itself
            pass
        finally:
            os._exit(code)
    signal.pthread_sigmask(signal.SIG_SETMASK, before)
    return pid, file


def _stop(pid: Optional[int]) -> None:
    """Kill and reap the worker `pid` if it is still at work; reap it if it has exited. A PID
    already reaped (a Ctrl-C between the wait and forgetting the PID) is no longer this process's
    child, maybe reused by another process: it is not signalled."""
    if pid is not None:
        import signal

        try:
            if os.waitpid(pid, os.WNOHANG) != (0, 0):  # (it has exited: reaped now)
                return
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:  # (ChildProcessError: not a child of this process any more)
            pass


def _succeeded(pid: int) -> bool:
    """Wait for the worker; whether it finished its work (exit status 0)."""
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return False
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


# ---------------------------------------------------------------------------- reading in two

_GATHERED_TRAILER = struct.Struct("<qq")  # (bytes marshalled, _GATHERED_MAGIC)
_GATHERED_MAGIC = 0x676174686572  # "gather"


# The worker's share in gather_in_two: it also marshals what it gathered (and pays for the pages
# it touches after the fork), about a fifth more per claim than this process (an all-time report
# at 100,000 claims: 0.52 s for this process's half, 0.63 s for the worker's), so it takes less.
GATHER_SHARE = 0.45


def gather_in_two(claims: Sequence, gather: Callable[[Iterable[dict]], Any], *, share: float = GATHER_SHARE,
                  min_claims: Optional[int] = None, mine: Optional[Callable[[Iterable[dict]], Any]] = None,
                  while_waiting: Optional[Callable[[], None]] = None) -> list:
    """[gather(first claims), gather(the last share of them)]: this process reads the first
    claims while a forked worker reads the rest and hands back what it gathered (marshalled, so
    it must be plain values: lists, tuples, dicts, strings, bytes, numbers, None). [gather(claims)]
    when no worker is worth it or can be started. `mine`, if given, is what this process does
    with its own claims instead of `gather` (the first claims, or all of them): what it gathers
    is never marshalled, so it need not be made fit to hand over. `while_waiting`, if given, is
    run once this process has gathered its own claims, before it waits for the worker (not at all
    without a worker): work the caller would do after, done while the worker may still be at work.

    An all-time report of 100,000 claims is a parse of each and a few microseconds of counting:
    in two, each process parses half (issue 6). If the worker fails, is killed, leaves a short
    file or gathered what marshal cannot write, this process reads the rest itself: the same values.
    (No collection walks what is gathered while it is, nor after: it is the caller's to keep.)"""
    return _in_two(claims, mine or gather, gather, partial(_gather_rest, gather), _gathered_by, share=share, min_claims=min_claims,
                   freeze_over=0, while_waiting=while_waiting)


def _in_two(claims: Sequence, mine: Callable[[Iterable[dict]], Any], rest: Callable[[Iterable[dict]], Any],
            worker: Callable[[Iterable[dict], Any], None], read_back: Callable[[int, Any], Optional[tuple]], *,
            share: float, min_claims: Optional[int], freeze_over: int,
            while_waiting: Optional[Callable[[], None]] = None) -> list:
    """[mine(first claims), rest(the last share of them)], the second by a forked worker running
    `worker(those claims, file)` and read back here by `read_back(pid, file)` ((its value,) or
    None: then `rest` runs here); [mine(claims)] when no worker is worth it or can be started.
    (gather_in_two, write_in_two.)"""
    count = len(claims) if isinstance(claims, Sequence) else 0  # (an iterator: read once, here)
    if count < max(2, MIN_CLAIMS if min_claims is None else min_claims) or not workers_allowed():
        return [mine(claims)]
    start = min(count - 1, max(1, count - int(count * share)))  # (each part has a claim at least)
    forked = _fork(lambda file: worker(map(claims.__getitem__, range(start, count)), file))
    if forked is None:
        return [mine(claims)]
    pid, file = forked
    try:
        with paused(freeze_over):  # (as reading a ClaimList does: its claims are parsed as they are read)
            first = mine(map(claims.__getitem__, range(start)))
            if while_waiting is not None:
                while_waiting()
            theirs = read_back(pid, file)
            pid = None
            last = rest(map(claims.__getitem__, range(start, count))) if theirs is None else theirs[0]
    finally:
        _stop(pid)
        file.close()
    return [first, last]


def _gather_rest(gather: Callable[[Iterable[dict]], Any], claims: Iterable[dict], file) -> None:
    import gc
    import marshal

    gc.disable()  # (the worker builds no cycles and exits without a teardown)
    data = marshal.dumps(gather(claims))
    file.write(data)
    file.write(_GATHERED_TRAILER.pack(len(data), _GATHERED_MAGIC))
    file.flush()


def _trailer(pid: int, file, trailer: struct.Struct) -> Optional[tuple]:
    """(the file's size, the fields of the `trailer` at its end) of a worker's file, or None if the
    worker did not finish cleanly or the file is too short to hold it."""
    if not _succeeded(pid):
        return None
    end = file.seek(0, os.SEEK_END)
    if end < trailer.size:
        return None
    file.seek(end - trailer.size)
    return end, trailer.unpack(file.read(trailer.size))


def _gathered_by(pid: int, file) -> Optional[tuple]:
    """(what the worker gathered,), or None if it did not finish cleanly or its file does not
    hold it whole."""
    import marshal

    try:
        found = _trailer(pid, file, _GATHERED_TRAILER)
        if found is None:
            return None
        end, (size, magic) = found
        if magic != _GATHERED_MAGIC or size != end - _GATHERED_TRAILER.size:
            return None
        file.seek(0)
        return (marshal.loads(file.read(size)),)
    except (OSError, EOFError, ValueError, TypeError, struct.error):
        return None


# ---------------------------------------------------------------------------- writing in two

Written = tuple  # (pieces: list of bytes, gathered: bytes): what `write` gives for some claims

_WRITTEN_TRAILER = struct.Struct("<qqq")  # (bytes of the pieces, bytes gathered, _WRITTEN_MAGIC)
_WRITTEN_MAGIC = 0x636C61696D73  # "claims"
_PIECE = 1 << 20  # the worker's output is handed on in pieces of about this many bytes, whole lines


def write_in_two(claims: Sequence, write: Callable[[Iterable[dict], bool], Written], *, share: float = 0.5,
                 min_claims: Optional[int] = None) -> list[Written]:
    """`write(claims, True)` in two processes: this one gives `write(first claims, True)` while a
    forked worker gives `write(the last share of them, False)`; [(pieces, gathered)] of each part,
    in order, for the caller to put together. `write` turns claims into pieces of bytes that follow
    one another (`first`: these claims open the output) and into `gathered`, a few bytes about them
    (say, the sources they cite). One part when no worker is worth it or can be started.

    Writing 100,000 claims as CSV or JSON is a second of per-claim Python on top of parsing them:
    the floor the benchmark compares with (issue 6) is one parse of the file. If the worker fails,
    is killed or leaves a short file, this process writes its part itself: the same bytes."""
    return _in_two(claims, partial(_write_part, write, True), partial(_write_part, write, False),
                   partial(_write_rest, write), _read_written, share=share, min_claims=min_claims,
                   freeze_over=FREEZE_OVER)


def _write_part(write: Callable[[Iterable[dict], bool], Written], first: bool, claims: Iterable[dict]) -> Written:
    return write(claims, first)


def _read_written(pid: int, file) -> Optional[tuple[Written]]:
    written = _written_by(pid, file)
    return None if written is None else (written,)


def _write_rest(write: Callable[[Iterable[dict], bool], Written], claims: Iterable[dict], file) -> None:
    import gc

    gc.disable()  # (the worker builds no cycles and exits without a teardown)
    pieces, gathered = write(claims, False)
    size = 0
    for piece in pieces:
        file.write(piece)
        size += len(piece)
    file.write(gathered)
    file.write(_WRITTEN_TRAILER.pack(size, len(gathered), _WRITTEN_MAGIC))
    file.flush()


def _written_by(pid: int, file) -> Optional[Written]:
    """The worker's (pieces, gathered), its pieces memoryviews of the file mapped into memory;
    None if it did not finish cleanly or its file is not whole."""
    try:
        found = _trailer(pid, file, _WRITTEN_TRAILER)
        if found is None:
            return None
        end, (size, gathered_size, magic) = found
        if magic != _WRITTEN_MAGIC or size < 0 or gathered_size < 0 \
                or size + gathered_size + _WRITTEN_TRAILER.size != end:
            return None
        file.seek(size)
        gathered = file.read(gathered_size)
        if size == 0:
            return [], gathered
        import mmap

        mapped = mmap.mmap(file.fileno(), size, access=mmap.ACCESS_READ)
        data = memoryview(mapped)
        pieces = []
        at = 0
        while at < size:  # cut after a line break: a piece is whole lines (and whole characters)
            end = mapped.rfind(b"\n", at, at + _PIECE) + 1 if at + _PIECE < size else size
            if end <= at:  # (a line longer than a piece: to its end)
                end = mapped.find(b"\n", at + _PIECE) + 1 or size
            pieces.append(data[at:end])
            at = end
        return pieces, gathered
    except (OSError, ValueError, struct.error):
        return None
