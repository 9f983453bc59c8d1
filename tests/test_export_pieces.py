"""The documents (HTML, Markdown) are written in pieces: the same bytes as the whole page, and a
write that fails or is interrupted part way leaves neither a partial output nor a temporary file."""

from __future__ import annotations

import errno
import os
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims_cli import documents
from claims_cli.documents import (
    _Checked, _inert_pieces, html_export, html_export_pieces, html_export_utf8, markdown_export, markdown_export_pieces,
    markdown_export_utf8,
)
from claims_cli.errors import ClaimsError
from claims_cli.exporters import ExportInfo, controls_free, inert_utf8, show_controls
from claims_cli.models import DEFAULT_SOURCES, SourceRegistry
from claims_cli.output import write_output

from test_export_fast_paths import REPORT_CLAIM, registry

INFO = ExportInfo(exported_at="2025-12-08T10:00:00Z", today=date(2025, 12, 8))

# Text around what `show_controls` acts on: CR with and without LF, C0, DEL, C1 (U+0085 is 0xC2 0x85).
TRICKY = st.text(alphabet=st.sampled_from(["a", "é", "\r", "\n", "\x1b", "\x7f", "\x85", "\xa0", " ", "<"]),
                 max_size=12)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(TRICKY, max_size=8), piece_size=st.integers(min_value=1, max_value=8))
def test_pieces_are_the_whole_document_checked_at_once(parts, piece_size):
    encoded = [part.encode("utf-8") if i % 2 else part for i, part in enumerate(parts)]  # text and bytes
    default, documents.PIECE_SIZE = documents.PIECE_SIZE, piece_size
    try:
        pieces = list(_inert_pieces(encoded))
    finally:
        documents.PIECE_SIZE = default
    assert b"".join(pieces) == inert_utf8("\n".join(parts))
    assert all(piece.endswith(b"\n") for piece in pieces[:-1])  # cut only after a newline


@settings(max_examples=300, deadline=None)
@given(text=TRICKY)
def test_controls_free_bytes_are_inert_anywhere(text):
    """What `controls_free` passes is left as it is by `show_controls` whatever follows it (it
    has no CR at all); what `show_controls` would change never passes."""
    data = text.encode("utf-8")
    if controls_free(data):
        assert show_controls(text) == text and "\r" not in text
    if show_controls(text) != text or show_controls(text + "x") != text + "x":
        assert not controls_free(data)


CLEAN = st.text(alphabet=st.sampled_from(["a", "é", "\n", "\xa0", " ", "<", "·", "Я"]), max_size=12)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(TRICKY, st.lists(CLEAN, min_size=1, max_size=5)), max_size=8),
       piece_size=st.integers(min_value=1, max_value=8), run=st.integers(min_value=1, max_value=3))
def test_checked_groups_are_written_as_if_checked(parts, piece_size, run):
    """A `_Checked` group (of parts with no control character) among other parts: the same bytes
    as the whole document, its parts in the group's place, checked at once."""
    flat = [piece for part in parts for piece in (part if isinstance(part, list) else [part])]
    given_parts = [_Checked([piece.encode("utf-8") for piece in part]) if isinstance(part, list) else part
                   for part in parts]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(documents, "PIECE_SIZE", piece_size)
        patch.setattr(documents, "CHECKED_RUN", run)
        pieces = list(_inert_pieces(given_parts))
    assert b"".join(pieces) == inert_utf8("\n".join(flat))
    assert all(piece.endswith(b"\n") for piece in pieces[:-1])


def _claim(number: int, text: str, status: str = "unverified", **extra) -> dict:
    claim = {"id": f"C-{number:04d}", "text": text, "source": "Russian MoD", "outlet": None,
             "claimed_on": f"2025-12-0{1 + number % 7}", "event_on": None, "place": "Siversk\r\nnorth",
             "region": None, "lat": None, "lon": None, "category": "territorial", "tags": ["a\x1bb"],
             "urls": ["https://example.org/x\x85"], "ref": None, "note": "ends with CR\r", "status": status,
             "computed_status": status, "assessment": None, "evidence": [], "history": [],
             "created_at": "2025-12-07T10:00:00Z", "updated_at": "2025-12-07T10:00:00Z", "deleted_at": None}
    claim.update(extra)
    return claim


CLAIMS = [
    _claim(1, "Plain text"),
    _claim(2, "Line one\r\nline two\rlone CR \x1b[31mred\x7f \x9b", status="contested",
           evidence=[{"id": "E1", "source": "ISW", "stance": "disputes", "on": "2025-12-08", "kind": "report",
                      "url": None, "note": "trailing spaces and CR \r", "recorded_at": "2025-12-08T10:00:00Z",
                      "analyst": "a", "withdrawn_at": None}]),
    _claim(3, "Ends in white space \xa0\r\n  ", status="refuted"),
    _claim(4, "<b>bold</b> & **md** | cell", status="confirmed"),
]


@pytest.mark.parametrize("piece_size", [1, 100, 1 << 20])
@pytest.mark.parametrize("claims", [CLAIMS, CLAIMS[:1], []], ids=["four", "one", "none"])
def test_documents_in_pieces_are_the_documents(monkeypatch, piece_size, claims):
    monkeypatch.setattr(documents, "PIECE_SIZE", piece_size)
    registry = SourceRegistry(DEFAULT_SOURCES)
    page = html_export(claims, registry, INFO).encode("utf-8")
    assert b"".join(html_export_pieces(claims, registry, INFO)) == page
    assert html_export_utf8(claims, registry, INFO) == page
    text = markdown_export(claims, registry, INFO).encode("utf-8")
    assert b"".join(markdown_export_pieces(claims, registry, INFO)) == text
    assert markdown_export_utf8(claims, registry, INFO) == text
    if piece_size == 1 and claims:
        assert len(list(html_export_pieces(claims, registry, INFO))) > 3


_FDOPEN = os.fdopen


class _FailingStream:
    """A file object whose second write fails (the first piece is already written)."""

    def __init__(self, fd: int, error: BaseException):
        self.stream = _FDOPEN(fd, "wb")
        self.error = error
        self.writes = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stream.close()

    def write(self, data):
        self.writes += 1
        if self.writes == 2:
            raise self.error
        return self.stream.write(data)

    def flush(self):
        self.stream.flush()

    def fileno(self):
        return self.stream.fileno()


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("force", [False, True])
def test_an_export_failing_after_its_first_piece_leaves_no_file(cli, db, tmp_path, monkeypatch, fmt, force):
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("add", "Northern Siversk captured", "--source", "Telegram", "--on", "2025-12-07", ok=True)
    out = tmp_path / "exports"
    out.mkdir()
    target = out / f"desk.{fmt}"
    if force:
        target.write_text("the previous export")
    files = {path.name: path.read_bytes() for path in db.parent.iterdir() if path.is_file()}
    monkeypatch.setattr(documents, "PIECE_SIZE", 1)  # a piece per part
    with monkeypatch.context() as patch:
        patch.setattr(os, "fdopen", lambda fd, *args, **kwargs: _FailingStream(
            fd, OSError(errno.ENOSPC, "No space left on device")))
        result = cli("export", "--format", fmt, "--output", target, *(["--force"] if force else []))
    assert result.exit_code == 74  # (an output not written for want of room: as standard output's)
    assert result.stderr.startswith(f"Error: cannot write {target}: No space left on device")
    assert [p.name for p in out.iterdir()] == ([target.name] if force else [])  # no temporary file left
    if force:
        assert target.read_text() == "the previous export"
    assert {path.name: path.read_bytes() for path in db.parent.iterdir() if path.is_file()} == files
    cli("export", "--format", fmt, "--output", target, "--force", ok=True)
    assert target.read_bytes().startswith(b"<!DOCTYPE html>" if fmt == "html" else b"# Claims export")


@pytest.mark.parametrize("force", [False, True])
def test_an_interrupted_write_in_pieces_leaves_no_file(tmp_path, monkeypatch, force):
    target = tmp_path / "page.html"
    if force:
        target.write_bytes(b"before")
    written = []

    def pieces():
        yield b"first piece\n"
        written.append(1)
        raise KeyboardInterrupt  # Ctrl-C while the page is being written

    with pytest.raises(KeyboardInterrupt):
        write_output(target, pieces(), force=force)
    assert written == [1]
    assert [p.name for p in tmp_path.iterdir()] == (["page.html"] if force else [])
    if force:
        assert target.read_bytes() == b"before"


def test_a_write_in_pieces_checks_the_output_before_writing_any(tmp_path):
    target = tmp_path / "page.html"
    target.write_bytes(b"before")
    started = []

    def pieces():
        started.append(1)
        yield b"x"

    with pytest.raises(ClaimsError):
        write_output(target, pieces())
    assert started == [] and target.read_bytes() == b"before"
    assert write_output(target, pieces(), force=True) == 1
    assert target.read_bytes() == b"x"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


@settings(max_examples=200, deadline=None)
@given(claims=st.lists(REPORT_CLAIM, max_size=8))
def test_documents_keep_only_their_parts_and_read_the_same(claims):
    """The exports keep of each claim only its status and laid-out parts (not its summary); a file
    that repeats an ID (read again, keeping the summary too), deleted claims and odd statuses
    give the page made with the claims kept whole."""
    from claims_cli import reports

    real = reports.slim_report
    reg = registry()
    called = []

    def whole(claims, registry, *, today, slim, **options):  # every key of the claim kept
        called.append(1)
        return real(claims, registry, today=today, slim=lambda claim: {**claim, **slim(claim)}, **options)

    claims = [{**claim, "computed_status": claim["status"],  # and what a claim's part reads besides
               "evidence": [{**item, "id": f"E{n}"} for n, item in enumerate(claim.get("evidence") or (), 1)]}
              for claim in claims]
    pages = [html_export_utf8(claims, reg, INFO), markdown_export_utf8(claims, reg, INFO)]
    documents.slim_report = whole  # (it was build_report, which the documents no longer call: (final read)
    try:  # the page was compared with itself)
        assert [html_export_utf8(claims, reg, INFO), markdown_export_utf8(claims, reg, INFO)] == pages
        assert called == [1, 1]
    finally:
        documents.slim_report = real


@settings(max_examples=200, deadline=None)
@given(claims=st.lists(REPORT_CLAIM, max_size=8), batch=st.integers(min_value=0, max_value=3))
def test_history_counted_in_batches_is_counted_once(claims, batch):
    """A report that keeps less counts the history entries a batch at a time (odd entries one by
    one): the same transitions as the report that keeps whole claims, whatever the batch size."""
    from claims_cli import reports

    reg = registry()
    # most histories complete (counted in batches), every third as generated (often odd)
    claims = [claim if n % 3 == 2 else
              {**claim, "history": [{"action": "evidence-added", "status_before": None, "status_after": None, **entry}
                                    for entry in claim.get("history") or ()]}
              for n, claim in enumerate(claims)]
    whole = reports.build_report(iter(claims), reg, today=date(2026, 1, 10))
    default, reports._TransitionTally.BATCH = reports._TransitionTally.BATCH, batch
    try:
        slim = reports.build_report(iter(claims), reg, today=date(2026, 1, 10), keep=reports.summary)
    finally:
        reports._TransitionTally.BATCH = default
    assert slim.transitions == whole.transitions


def test_a_claim_without_its_empty_keys_is_laid_out_the_same():
    """A claim's part is read in one call when the claim has every key (as the store writes it),
    key by key when not (a hand-edited file): a missing key reads as None either way."""
    registry = SourceRegistry(DEFAULT_SOURCES)
    full = [{**claim, "lat": 48.5, "lon": 37.25} if n % 2 else claim for n, claim in enumerate(CLAIMS)]
    sparse = [{key: value for key, value in claim.items() if value is not None or key in ("lat", "lon")}
              for claim in full]
    for claim in sparse:
        claim["evidence"] = [{key: value for key, value in item.items() if value is not None}
                             for item in claim["evidence"]]
    assert any(len(claim) < len(whole) for claim, whole in zip(sparse, full))
    assert html_export_utf8(sparse, registry, INFO) == html_export_utf8(full, registry, INFO)
    assert b'<span class="muted">(48.5, 37.25)</span>' in html_export_utf8(full, registry, INFO)

