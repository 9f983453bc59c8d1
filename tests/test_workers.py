"""The HTML and Markdown exports hand most claims' layout to a forked worker (claims_cli.workers):
the document is the same bytes with or without it, and a worker that fails, dies or is not
allowed changes nothing but who did the work."""

from __future__ import annotations

import os
import re
import signal
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims_cli import documents, workers
from claims_cli.documents import html_export_utf8, markdown_export_utf8
from claims_cli.exporters import ExportInfo

from test_export_fast_paths import REPORT_CLAIM, registry

INFO = ExportInfo(exported_at="2025-12-08T10:00:00Z", today=date(2025, 12, 8))
CAN_FORK = workers.workers_allowed()
needs_fork = pytest.mark.skipif(not CAN_FORK, reason="no second core or no fork here")


@pytest.fixture
def small_exports_fork(monkeypatch):
    """Any export, however small, is shared with a worker; the Share made is recorded."""
    made = []
    real = workers.share_out

    def recording(*args, **options):
        share = real(*args, **options)
        made.append(share)
        return share

    monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
    monkeypatch.setattr(documents, "share_out", recording)
    return made


@pytest.fixture
def small_reports_fork(monkeypatch):
    """Any all-time report, however small, is read in two (workers.gather_in_two); for each
    reading, the process IDs that gathered its parts are recorded (two parts, the second not this
    process's: the worker's were used)."""
    made = []
    real = workers.gather_in_two

    def recording(claims, gather, **options):
        parts = real(claims, lambda part: (os.getpid(), gather(part)), **options)
        made.append([pid for pid, _ in parts])
        return [gathered for _, gathered in parts]

    monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
    monkeypatch.setattr(workers, "gather_in_two", recording)  # (`report` imports it when run)
    monkeypatch.setattr(documents, "gather_in_two", recording)
    return made


def by_a_worker(pids: list) -> bool:
    """Whether a reading's second part came from a worker (see small_reports_fork)."""
    return len(pids) == 2 and pids[0] == os.getpid() != pids[1]


def layout(claim: dict) -> tuple:
    text = claim["text"].encode("utf-8")
    return text, (b"" if claim["n"] % 3 == 0 else None if claim["n"] % 3 == 1 else text[::-1])


CLAIMS = [{"n": n, "text": f"claim {n} · Покровськ <{n}>" * (n % 4)} for n in range(50)]

CLEAN_CLAIM = {
    "id": "C-0001", "text": "claim", "source": "Russian MoD", "outlet": "Rybar", "claimed_on": "2025-12-01",
    "event_on": None, "place": "Siversk", "region": "Donetsk", "lat": 48.87, "lon": 38.1,
    "category": "territorial", "tags": ["siversk"], "urls": ["https://example.org/a"], "ref": None,
    "note": None, "status": "contested", "computed_status": "contested", "assessment": None,
    "evidence": [{"id": "E1", "source": "DeepState", "stance": "disputes", "on": "2025-12-02",
                  "kind": "map", "url": None, "note": "north only", "recorded_at": "2025-12-02T10:00:00Z",
                  "analyst": "a", "withdrawn_at": None}],
    "history": [], "created_at": "2025-12-01T10:00:00Z", "updated_at": "2025-12-02T10:00:00Z",
    "deleted_at": None,
}


def test_no_worker_when_told_so_or_when_small(monkeypatch):
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    assert workers.share_out(CLAIMS, layout, width=2, share=0.5, min_claims=1) is None
    monkeypatch.delenv("CLAIMS_WORKERS")
    assert workers.share_out(CLAIMS, layout, width=2, share=0.5) is None  # under MIN_CLAIMS
    assert workers.share_out(CLAIMS, layout, width=2, share=0.0, min_claims=1) is None


@needs_fork
@pytest.mark.parametrize("share", [0.05, 0.5, 1.0])
def test_the_worker_lays_out_its_share_as_this_process_would(share):
    worker = workers.share_out(CLAIMS, layout, width=2, share=share, min_claims=1)
    assert worker is not None
    assert 0 <= worker.start < len(CLAIMS)
    parts = worker.parts()
    assert worker.worked
    assert [tuple(None if part is None else bytes(part) for part in claim) for claim in parts] \
        == [layout(claim) for claim in CLAIMS[worker.start:]]
    assert not worker.checked  # (nothing asked)


@needs_fork
@pytest.mark.parametrize("dirty", [None, 5, 49], ids=["clean", "its first", "its last"])
def test_the_worker_checks_its_parts_when_asked(dirty):
    """`Share.checked`: every part the worker laid out passed the check (here: no "!")."""
    claims = [{"n": n, "text": f"claim {n}" + ("!" if n == dirty else "")} for n in range(50)]
    worker = workers.share_out(claims, layout, width=2, share=0.9, min_claims=1,
                               check=lambda data: b"!" not in data)
    parts = worker.parts()
    assert worker.worked and len(parts) == len(claims) - worker.start
    assert worker.checked is (dirty is None)


def _raises(claim):
    raise RuntimeError("the worker breaks")


def _dies(claim):
    if claim["n"] == 40:
        os.kill(os.getpid(), signal.SIGKILL)
    return layout(claim)


def _short(claim):
    return layout(claim)[:1]  # one part where two are due


@needs_fork
@pytest.mark.parametrize("misbehave", [_raises, _dies, _short], ids=["raises", "is killed", "short parts"])
def test_a_worker_that_fails_is_replaced_by_this_process(misbehave):
    """A worker that raises, is killed part way or writes the wrong number of parts is not
    believed: this process lays out its share itself, and the parts are the same."""
    parent = os.getpid()

    def lay_out(claim):
        return layout(claim) if os.getpid() == parent else misbehave(claim)

    worker = workers.share_out(CLAIMS, lay_out, width=2, share=0.5, min_claims=1)
    assert worker is not None
    assert worker.parts() == [layout(claim) for claim in CLAIMS[worker.start:]]
    assert not worker.worked and not worker.checked


def _slow_worker():
    """A worker that is at work for 30 s (the forked child sleeps; the parent would not)."""
    parent = os.getpid()

    def slow(claim):
        if os.getpid() != parent:
            time.sleep(30)
        return layout(claim)

    return workers.share_out(CLAIMS, slow, width=2, share=0.5, min_claims=1)


@needs_fork
def test_close_stops_a_worker_still_at_work():
    worker = _slow_worker()
    pid = worker.pid
    started = time.monotonic()
    worker.close()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left


@needs_fork
@settings(max_examples=60, deadline=None)
@given(claims=st.lists(REPORT_CLAIM, max_size=8))
def test_documents_are_the_same_with_a_worker(claims):
    """Hand-made claims (repeated IDs, deleted claims, odd statuses): the pages made with a worker
    laying out half of them are the pages made in one process."""
    reg = registry()
    claims = [{**claim, "computed_status": claim["status"],
               "evidence": [{**item, "id": f"E{n}"} for n, item in enumerate(claim.get("evidence") or (), 1)]}
              for claim in claims]
    alone = [html_export_utf8(claims, reg, INFO), markdown_export_utf8(claims, reg, INFO)]
    made = []
    real_min, real_share = workers.MIN_CLAIMS, documents.share_out
    workers.MIN_CLAIMS = 1
    documents.share_out = lambda *args, **options: made.append(real_share(*args, **options)) or made[-1]
    try:
        shared = [html_export_utf8(claims, reg, INFO), markdown_export_utf8(claims, reg, INFO)]
    finally:
        workers.MIN_CLAIMS, documents.share_out = real_min, real_share
    assert shared == alone
    if len(claims) >= 2:
        assert made and all(share is not None and share.worked for share in made)


@settings(max_examples=60, deadline=None)
@given(claims=st.lists(REPORT_CLAIM, max_size=8), with_worker=st.booleans())
def test_report_documents_are_the_same_with_rows_laid_out_beforehand(claims, with_worker):
    """`report --format html|markdown` over all time: the contested rows laid out as the claims
    are read (by a worker, or here) make the same documents as the report of whole claims
    (repeated IDs, deleted claims, odd statuses included)."""
    from claims_cli import reports

    reg, today, stamp = registry(), date(2026, 1, 10), "2026-01-10T00:00:00Z"
    whole = reports.build_report(iter(claims), reg, today=today)
    made = []
    real_min, real_gather = workers.MIN_CLAIMS, documents.gather_in_two

    def recording(claims, gather, **options):
        parts = real_gather(claims, lambda part: (os.getpid(), gather(part)), **options)
        made.append([pid for pid, _ in parts])
        return [gathered for _, gathered in parts]

    workers.MIN_CLAIMS, documents.gather_in_two = 1, recording
    if not with_worker or not CAN_FORK:
        os.environ["CLAIMS_WORKERS"] = "0"
    try:
        html = documents.html_report(documents.report_for_document(claims, reg, today, "html"), reg, stamp)
        markdown = documents.markdown_report(documents.report_for_document(claims, reg, today, "markdown"), reg,
                                             stamp)
    finally:
        workers.MIN_CLAIMS, documents.gather_in_two = real_min, real_gather
        os.environ.pop("CLAIMS_WORKERS", None)
    assert html == documents.html_report(whole, reg, stamp)
    assert markdown == documents.markdown_report(whole, reg, stamp)
    assert not any(control in document for control in ("\x1b", "\r", "\x85") for document in (html, markdown))
    if with_worker and CAN_FORK and len(claims) >= 2:
        assert made and all(by_a_worker(pids) for pids in made)


@settings(max_examples=60, deadline=None)
@given(claims=st.lists(REPORT_CLAIM, max_size=8), with_worker=st.booleans())
def test_the_all_time_report_is_the_same_read_in_two(claims, with_worker):
    """`report` over all time, as text or JSON: the claims read in two parts (by a worker and
    this process, or both here) make the report of the claims read at once (repeated IDs, deleted
    claims, odd statuses and histories included)."""
    from functools import partial

    from claims_cli import reports

    reg, today = registry(), date(2026, 1, 10)
    whole = reports.build_report(iter(claims), reg, today=today)
    real_min = workers.MIN_CLAIMS
    workers.MIN_CLAIMS = 1
    if not with_worker or not CAN_FORK:
        os.environ["CLAIMS_WORKERS"] = "0"
    try:
        read = reports.slim_report(claims, reg, today=today, slim=reports.shown_part,
                                   in_parts=partial(workers.gather_in_two, claims))
    finally:
        workers.MIN_CLAIMS = real_min
        os.environ.pop("CLAIMS_WORKERS", None)
    assert reports.report_record(read) == reports.report_record(whole)
    assert [claim["id"] for claim in read.claims] == [claim["id"] for claim in whole.claims]


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_report_document_of_a_contested_claim_with_no_text_is_made(fmt):
    """A hand-edited claim may lack its text: its contested row is laid out from what the
    report reads of a claim (its summary), as it was, with an empty statement."""
    from claims_cli import reports

    reg, today, stamp = registry(), date(2026, 1, 10), "2026-01-10T00:00:00Z"
    claims = [{"id": "C-0001", "source": "Russian MoD", "status": "contested", "claimed_on": "2025-12-01",
               "evidence": [{"source": "Ukraine", "stance": "disputes", "on": "2025-12-02"}]}]
    render = documents.html_report if fmt == "html" else documents.markdown_report
    made = render(documents.report_for_document(claims, reg, today, fmt), reg, stamp)
    assert made == render(reports.build_report(iter(claims), reg, today=today, keep=reports.summary), reg, stamp)
    assert "C-0001" in made


@needs_fork
@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("command", ["export", "report"])
def test_the_document_commands_give_the_same_file_with_a_worker(cli, db, tmp_path, monkeypatch, fmt, command,
                                                                small_exports_fork, small_reports_fork):
    """`export` (the worker lays out half the claims) and `report` over all time (it reads half
    the claims and lays out their contested rows), with a deleted claim and a contested one."""
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    cli("confirm", "C-0002", "--by", "DeepState", "--kind", "map", ok=True)
    cli("dispute", "C-0004", "--by", "Ukraine", "--kind", "statement", ok=True)
    cli("delete", "C-0003", "--yes", ok=True)
    args = (command, "--format", fmt) + (("--desk", "desk") if command == "export" else ())
    shared = tmp_path / f"shared.{fmt}"
    cli(*args, "--output", shared, ok=True)
    if command == "export":
        assert small_exports_fork and small_exports_fork[-1].worked
        assert small_exports_fork[-1].checked  # (the seed has no control character: nothing is checked twice)
    else:
        assert small_reports_fork and by_a_worker(small_reports_fork[-1])
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    alone = tmp_path / f"alone.{fmt}"
    cli(*args, "--output", alone, ok=True)
    if command == "export":
        assert small_exports_fork[-1] is None
    else:
        assert small_reports_fork[-1] == [os.getpid()]
    assert b"C-0004" in alone.read_bytes()
    stamp = re.compile(rb"(Exported|Generated) \S+")
    assert stamp.sub(b"", shared.read_bytes()) == stamp.sub(b"", alone.read_bytes())


@needs_fork
@pytest.mark.parametrize("check_every", [1, 2048])
@pytest.mark.parametrize("where", ["first", "last"])
@pytest.mark.parametrize("control", ["\x1b[31m", "\r", "\x85"], ids=["escape", "lone CR", "C1"])
def test_a_control_character_on_either_side_is_shown_as_in_one_process(where, control, check_every,
                                                                         small_exports_fork, monkeypatch):
    """Claims with no control character are written unchecked; one claim with one, laid out here
    (the first) or by the worker (the last), makes the document checked as a whole, as before.
    (Markdown's `md` shows a control character itself, an event day's too: its parts hold none.)"""
    claims = [{**CLEAN_CLAIM, "id": f"C-{n:04d}", "text": f"claim {n} · Покровськ <b>"} for n in range(1, 9)]
    at = 0 if where == "first" else -1
    claims[at] = {**claims[at], "event_on": f"2025-12-0{control}1"}  # (written raw by the HTML page's parts)
    monkeypatch.setattr(documents, "_CHECK_EVERY", check_every)  # (this process checks its parts by so many)
    reg = registry()
    for export, raw in ((html_export_utf8, True), (markdown_export_utf8, False)):
        shared = export(claims, reg, INFO)
        assert small_exports_fork[-1].worked
        assert small_exports_fork[-1].checked is (where == "first" or not raw)  # (the worker's own parts)
        os.environ["CLAIMS_WORKERS"] = "0"
        try:
            alone = export(claims, reg, INFO)
        finally:
            del os.environ["CLAIMS_WORKERS"]
        assert shared == alone
        assert control[0].encode("utf-8") not in shared  # shown as \\xNN


@needs_fork
@pytest.mark.parametrize("fmt", ["html", "markdown", "text", "json"])
def test_a_report_read_in_two_misses_no_contested_claim(cli, db, fmt, small_reports_fork, monkeypatch):
    """`report` over all time read in two: every contested claim is in it, on either side of the
    split (and its row laid out, in a document), also a hand-edited status spelt with an escape,
    and not a claim that only says the word in its text; the same as read in one process."""
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    cli("dispute", "C-0004", "--by", "Ukraine", "--kind", "statement", ok=True)
    cli("dispute", "C-0019", "--by", "Ukraine", "--kind", "statement", ok=True)
    cli("edit", "C-0005", "--note", "The north of the town is contested", ok=True)
    cli("delete", "C-0007", "--yes", ok=True)
    raw = db.read_bytes()
    line_start = raw.index(b'"id":"C-0002"')
    line_end = raw.index(b"\n", line_start)
    line = raw[line_start:line_end]
    assert line.count(b'"status":"') == 1
    status = line.index(b'"status":"') + len(b'"status":"')
    line = line[:status] + b"contest\\u0065d" + line[line.index(b'"', status):]
    db.write_bytes(raw[:line_start] + line + raw[line_end:])

    from claims_cli.store import ClaimStore

    store = ClaimStore(db)
    contested = {claim["id"] for claim in store.claims() if claim["status"] == "contested"}
    assert {"C-0002", "C-0004", "C-0019"} <= contested and "C-0005" not in contested
    args = ("report",) + (() if fmt == "text" else ("--format", fmt))
    shared = cli(*args, ok=True).stdout
    assert by_a_worker(small_reports_fork[-1])
    assert all(claim_id in shared for claim_id in contested)
    if fmt in ("html", "markdown"):
        registry, today = store.registry(), date(2026, 1, 10)
        report = documents.report_for_document(store.every_claim(), registry, today, fmt)
        assert by_a_worker(small_reports_fork[-1])
        assert {kept["id"] for kept in report.contested} == contested
        assert documents._laid_out_row_parts(report) is not None  # every row laid out as its claim was read
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    alone = cli(*args, ok=True).stdout
    assert small_reports_fork[-1] == [os.getpid()]
    stamp = re.compile(r"Generated \S+")
    assert stamp.sub("", shared) == stamp.sub("", alone)


# ---------------------------------------------------------------------------- gather_in_two

def _numbers(part) -> tuple:
    """What a test gathers of some claims: who gathered them, and their numbers."""
    return os.getpid(), [claim["n"] for claim in part]


def test_no_second_reader_when_told_so_or_when_small(monkeypatch):
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    assert workers.gather_in_two(CLAIMS, _numbers, min_claims=1) == [(os.getpid(), list(range(50)))]
    monkeypatch.delenv("CLAIMS_WORKERS")
    assert workers.gather_in_two(CLAIMS, _numbers) == [(os.getpid(), list(range(50)))]  # under MIN_CLAIMS
    assert workers.gather_in_two(CLAIMS[:1], _numbers, min_claims=1) == [(os.getpid(), [0])]


@needs_fork
@pytest.mark.parametrize("share", [0.01, 0.45, 0.99])
def test_a_worker_gathers_the_last_claims(share):
    (mine, first), (theirs, rest) = workers.gather_in_two(CLAIMS, _numbers, share=share, min_claims=1)
    assert mine == os.getpid() != theirs
    assert first + rest == list(range(50)) and first and rest
    assert len(rest) == max(1, min(49, int(50 * share)))


def _gather_raises(part):
    raise RuntimeError("the worker breaks")


def _gather_dies(part):
    os.kill(os.getpid(), signal.SIGKILL)


def _gather_unmarshallable(part):
    return [claim["n"] for claim in part], object()


@needs_fork
@pytest.mark.parametrize("misbehave", [_gather_raises, _gather_dies, _gather_unmarshallable],
                         ids=["raises", "is killed", "gathers what marshal cannot write"])
def test_a_worker_that_fails_to_gather_is_replaced_by_this_process(misbehave):
    parent = os.getpid()

    def gather(part):
        return _numbers(part) if os.getpid() == parent else misbehave(part)

    parts = workers.gather_in_two(CLAIMS, gather, min_claims=1)
    assert len(parts) == 2 and all(pid == parent for pid, _ in parts)
    assert parts[0][1] + parts[1][1] == list(range(50))


@needs_fork
def test_what_the_worker_wrote_is_not_believed_unless_it_reads_back_whole(monkeypatch):
    """Marshalled bytes that do not read back (here: cut short before the trailer is written)
    make this process gather the worker's claims itself."""
    import marshal

    real = marshal.dumps
    monkeypatch.setattr(marshal, "dumps", lambda value: real(value)[:-3])  # (the worker's marshal)
    parts = workers.gather_in_two(CLAIMS, _numbers, min_claims=1)
    assert [pid for pid, _ in parts] == [os.getpid()] * 2
    assert parts[0][1] + parts[1][1] == list(range(50))


@pytest.mark.parametrize("workers", ["0", ""], ids=["one process", "with a worker"])
@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_an_export_counts_no_status_changes_its_page_does_not_show(cli, db, monkeypatch, fmt, workers,
                                                                   small_exports_fork):
    """The export pages show counts, charts, the contested table and the track record, never the
    status changes: reading every claim's history for them cost about a third of the report at
    100,000 claims (issue 6). `report` still counts them."""
    from claims_cli import reports

    monkeypatch.setenv("CLAIMS_WORKERS", workers)
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    cli("dispute", "C-0004", "--by", "Ukraine", "--kind", "statement", ok=True)
    cli("delete", "C-0003", "--yes", ok=True)
    counted = []
    real_tally, real_all = reports._TransitionTally.add, reports._all_transitions
    monkeypatch.setattr(reports._TransitionTally, "add", lambda self, history: counted.append(history)
                        or real_tally(self, history))
    monkeypatch.setattr(reports, "_all_transitions", lambda histories: counted.append(histories)
                        or real_all(histories))
    page = cli("export", "--format", fmt, ok=True).stdout
    assert "C-0004" in page and counted == []
    assert bool(small_exports_fork[-1] and small_exports_fork[-1].worked) == (workers == "")
    assert "Status changes" not in page and "unverified → contested" not in page
    shown = cli("report", "--format", "markdown", ok=True).stdout
    assert counted and "| unverified | contested |" in shown


@needs_fork
def test_stopping_a_worker_already_reaped_signals_no_process(monkeypatch):
    """A Ctrl-C between reaping the worker and forgetting its PID left `_stop` to SIGKILL a PID
    that is no longer this process's child (another process's, once reused): it asks first."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)  # reaped
    signalled = []
    monkeypatch.setattr(os, "kill", lambda *args: signalled.append(args))
    workers._stop(pid)
    assert signalled == []


@needs_fork
def test_stopping_a_worker_that_has_exited_reaps_it_without_a_signal(monkeypatch):
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    time.sleep(0.2)  # (it has exited: a zombie until reaped)
    signalled = []
    monkeypatch.setattr(os, "kill", lambda *args: signalled.append(args))
    workers._stop(pid)
    assert signalled == []
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left


# ---------------------------------------------------------------------------- the writers' lock

@needs_fork
@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_a_worker_does_not_hold_the_writers_lock(tmp_path):
    """(stress hunt) A worker forked by a writer (doctor --restore-backup's check of a large file,
    under the lock) inherited the lock's descriptor: flock's lock is the open file's, so once the
    writer ended (or was killed with -9), the orphaned worker held the lock until its work was done,
    and every other writer timed out."""
    from claims_cli.storage import LockTimeout, writers_lock

    lock_path = tmp_path / "claims.json.lock"
    lock = writers_lock(lock_path, 0)
    lock.acquire()
    worker = _slow_worker()
    try:
        time.sleep(0.3)  # (the worker is at work)
        lock.release()  # (as the writer's end does, or its kill)
        other = writers_lock(lock_path, 0)
        try:
            other.acquire()
        except LockTimeout:
            pytest.fail("the worker still holds the writers' lock")
        other.release()
    finally:
        worker.close()


def test_a_worker_terminated_as_it_starts_leaves_saying_nothing():
    """(unattended-use hunt) `timeout` and systemd send SIGTERM to every process of the command,
    the worker too. Inheriting the handler that makes it an interruption, a worker it reached
    before its work began raised it in the parent's code: said twice, and run on as a second `claims`."""
    import subprocess
    import sys

    code = ("import os, signal, sys\n"
            "from claims_cli import workers\n"
            "from claims_cli.output import interrupt_on_termination\n"
            "interrupt_on_termination()\n"
            "real_fork = os.fork\n"
            "def fork():\n"
            "    pid = real_fork()\n"
            "    if pid == 0: os.kill(os.getpid(), signal.SIGTERM)  # (the moment it is born)\n"
            "    return pid\n"
            "os.fork = fork\n"
            "try:\n"
            "    pid, file = workers._fork(lambda file: file.write(b'done'))\n"
            "except KeyboardInterrupt:\n"
            "    sys.stderr.write(f'interrupted in {os.getpid()}\\n')\n"
            "    os._exit(3)\n"
            "print('worked' if workers._succeeded(pid) else 'the worker left')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "the worker left\n", "")
