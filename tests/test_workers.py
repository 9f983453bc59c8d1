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


@needs_fork
def test_close_stops_a_worker_still_at_work():
    parent = os.getpid()

    def slow(claim):
        if os.getpid() != parent:
            time.sleep(30)
        return layout(claim)

    worker = workers.share_out(CLAIMS, slow, width=2, share=0.5, min_claims=1)
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
    real_min, real_share = workers.MIN_CLAIMS, documents.share_out
    workers.MIN_CLAIMS = 1
    documents.share_out = lambda *args, **options: made.append(real_share(*args, **options)) or made[-1]
    if not with_worker or not CAN_FORK:
        os.environ["CLAIMS_WORKERS"] = "0"
    try:
        html = documents.html_report(documents.report_for_document(claims, reg, today, "html"), reg, stamp)
        markdown = documents.markdown_report(documents.report_for_document(claims, reg, today, "markdown"), reg,
                                             stamp)
    finally:
        workers.MIN_CLAIMS, documents.share_out = real_min, real_share
        os.environ.pop("CLAIMS_WORKERS", None)
    assert html == documents.html_report(whole, reg, stamp)
    assert markdown == documents.markdown_report(whole, reg, stamp)
    assert not any(control in document for control in ("\x1b", "\r", "\x85") for document in (html, markdown))
    if with_worker and CAN_FORK and claims:
        assert made and all(share is not None and share.worked for share in made)


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
                                                                small_exports_fork):
    """`export` (the worker lays out most claims) and `report` over all time (it lays out the
    contested rows), with a deleted claim and a contested one."""
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    cli("confirm", "C-0002", "--by", "DeepState", "--kind", "map", ok=True)
    cli("dispute", "C-0004", "--by", "Ukraine", "--kind", "statement", ok=True)
    cli("delete", "C-0003", "--yes", ok=True)
    args = (command, "--format", fmt) + (("--desk", "desk") if command == "export" else ())
    shared = tmp_path / f"shared.{fmt}"
    cli(*args, "--output", shared, ok=True)
    assert small_exports_fork and small_exports_fork[-1].worked
    assert small_exports_fork[-1].checked  # (the seed has no control character: nothing is checked twice)
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    alone = tmp_path / f"alone.{fmt}"
    cli(*args, "--output", alone, ok=True)
    assert small_exports_fork[-1] is None
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
    (the first) or by the worker (the last), makes the document checked as a whole, as before."""
    claims = [{**CLEAN_CLAIM, "id": f"C-{n:04d}", "text": f"claim {n} · Покровськ <b>"} for n in range(1, 9)]
    at = 0 if where == "first" else -1
    claims[at] = {**claims[at], "event_on": f"2025-12-0{control}1"}  # (written raw by both documents)
    monkeypatch.setattr(documents, "_CHECK_EVERY", check_every)  # (this process checks its parts by so many)
    reg = registry()
    for export in (html_export_utf8, markdown_export_utf8):
        shared = export(claims, reg, INFO)
        assert small_exports_fork[-1].worked
        assert small_exports_fork[-1].checked is (where == "first")  # (the worker's own parts)
        os.environ["CLAIMS_WORKERS"] = "0"
        try:
            alone = export(claims, reg, INFO)
        finally:
            del os.environ["CLAIMS_WORKERS"]
        assert shared == alone
        assert control[0].encode("utf-8") not in shared  # shown as \\xNN


class _OnlyEven(list):
    """Claims whose odd positions may not be read (by the worker, or this process)."""

    def __getitem__(self, index):
        assert index % 2 == 0, f"claim {index} was read"
        return super().__getitem__(index)


@needs_fork
def test_the_worker_reads_only_the_claims_it_is_told_it_needs():
    worker = workers.share_out(_OnlyEven(CLAIMS), layout, width=2, share=1.0, min_claims=1,
                               needed=lambda index: index % 2 == 0)
    parts = worker.parts()
    assert worker.worked
    assert [tuple(None if part is None else bytes(part) for part in claim) for claim in parts] == \
        [layout(claim) if n % 2 == 0 else (None, None) for n, claim in enumerate(CLAIMS)]


@needs_fork
@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_report_documents_worker_skips_lines_without_contested_and_misses_none(cli, db, fmt, small_exports_fork,
                                                                                 monkeypatch):
    """The worker of `report --format html|markdown` parses only the lines that may hold
    "contested" (ClaimLines.may_hold), and lays out every contested row: also a hand-edited
    status spelt with an escape, and not a claim that only says the word in its text."""
    from claims_cli.store import ClaimStore

    cli("import", "seeds/article-2025-12-07.json", ok=True)
    cli("dispute", "C-0004", "--by", "Ukraine", "--kind", "statement", ok=True)
    cli("edit", "C-0005", "--note", "The north of the town is contested", ok=True)
    raw = db.read_bytes()
    line_start = raw.index(b'"id":"C-0002"')
    line_end = raw.index(b"\n", line_start)
    line = raw[line_start:line_end]
    assert line.count(b'"status":"') == 1
    status = line.index(b'"status":"') + len(b'"status":"')
    line = line[:status] + b"contest\\u0065d" + line[line.index(b'"', status):]
    db.write_bytes(raw[:line_start] + line + raw[line_end:])

    store = ClaimStore(db)
    registry = store.registry()
    today = date(2026, 1, 10)
    report = documents.report_for_document(store.every_claim(), registry, today, fmt)
    assert small_exports_fork[-1].worked
    contested = {claim["id"] for claim in store.claims() if claim["status"] == "contested"}
    assert {"C-0002", "C-0004"} <= contested and "C-0005" not in contested
    assert {kept["id"] for kept in report.contested} == contested
    assert documents._laid_out_row_parts(report) is not None  # every row came from the worker
    stamp = "2026-01-10T00:00:00Z"
    render = documents.html_report if fmt == "html" else documents.markdown_report
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    alone = documents.report_for_document(store.every_claim(), registry, today, fmt)
    assert render(report, registry, stamp) == render(alone, registry, stamp)


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
