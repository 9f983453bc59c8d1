"""The fast writers give exactly the bytes of the straightforward ones they replace (issue 6).

`claims_csv` builds CSV lines by hand instead of going through `claim_row` and the csv module;
`show_controls` skips its substitution when a quick scan finds nothing. Both are compared with the
plain versions on generated ledgers full of awkward text: commas, quotes, line breaks, formulas,
control characters, odd types from a hand-edited database, withdrawn and inconclusive evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from random import Random
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claims_cli import exporters
from claims_cli.exporters import CLAIM_CSV_COLUMNS, claim_row, claims_csv, show_controls, to_csv
from claims_cli.models import DEFAULT_CATEGORIES, DEFAULT_SOURCES, SourceRegistry
from test_hostile_input import poison

AWKWARD = st.text(alphabet=st.sampled_from(list("ab ,\"'\r\n\t=+-@;\x00\x1b\x7f\x85\x9bЖ«»\u2028")),
                  max_size=8)
SOURCES = st.sampled_from([source.name for source in DEFAULT_SOURCES] + ["Unknown blog", "=cmd", "a,b"])
ODD = st.one_of(st.none(), AWKWARD, st.integers(-5, 10**12), st.floats(allow_nan=False, allow_infinity=False),
                st.booleans(), st.lists(AWKWARD, max_size=3), st.dictionaries(AWKWARD, AWKWARD, max_size=1))

EVIDENCE = st.fixed_dictionaries(
    {"source": SOURCES, "stance": st.sampled_from(["supports", "disputes", "inconclusive"])},
    optional={"withdrawn_at": st.sampled_from([None, "", "2025-12-02T00:00:00Z"])},
)
CLAIM = st.fixed_dictionaries(
    {"id": AWKWARD, "source": SOURCES},
    optional={
        **{key: ODD for key in CLAIM_CSV_COLUMNS if key not in ("id", "source")},
        "evidence": st.lists(EVIDENCE, max_size=4),
        "assessment": st.one_of(st.none(), st.fixed_dictionaries({"status": AWKWARD})),
    },
)


def registry() -> SourceRegistry:
    return SourceRegistry(DEFAULT_SOURCES)


@settings(max_examples=300, deadline=None)
@given(st.lists(CLAIM, max_size=6))
def test_claims_csv_is_the_csv_module_output_of_claim_row(claims):
    reg = registry()
    assert claims_csv(claims, reg) == to_csv((claim_row(claim, reg) for claim in claims), CLAIM_CSV_COLUMNS)


@settings(max_examples=200, deadline=None)
@given(st.lists(CLAIM, max_size=7), st.integers(1, 3))
def test_claims_csv_in_small_pieces_is_the_same_document(claims, piece_lines):
    # A large export is encoded a few thousand lines at a time; with pieces of one to three lines
    # every boundary falls next to awkward cells (lone CRs, controls, quotes).
    reg = registry()
    whole = to_csv((claim_row(claim, reg) for claim in claims), CLAIM_CSV_COLUMNS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(exporters, "_CSV_PIECE_LINES", piece_lines)
        pieces = exporters.claims_csv_pieces(claims, reg)
    assert b"".join(pieces) == whole
    assert all(piece.endswith(b"\r\n") for piece in pieces)
    if piece_lines == 1:  # the header goes with the first claim, then a piece per claim
        assert len(pieces) == max(1, len(claims))


JSON_VALUE = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-5, 10**12), AWKWARD,
                                     st.floats(allow_nan=False, allow_infinity=False)),
                          lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                  st.dictionaries(AWKWARD, inner, max_size=3)), max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(CLAIM, JSON_VALUE), max_size=7), st.integers(1, 3))
def test_json_listings_in_pieces_are_the_whole_documents(records, piece_records):
    """`list -f json/jsonl` and `export -f json/jsonl` lay out a few thousand records at a time,
    each indented to its place; with pieces of one to three records the bytes are those of one
    orjson.dumps of everything (then made inert), nested values and awkward text included."""
    import orjson

    from claims_cli.exporters import ExportInfo, json_inert

    info = ExportInfo(exported_at="2025-12-10T00:00:00Z", today=date(2025, 12, 10))
    reg = registry()
    claims = [record for record in records if isinstance(record, dict) and "source" in record]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(exporters, "_PIECE_RECORDS", piece_records)
        assert b"".join(exporters.json_pieces(iter(records))) == \
            json_inert(orjson.dumps(records, option=orjson.OPT_INDENT_2) + b"\n")
        assert b"".join(exporters.jsonl_pieces(iter(records))) == \
            json_inert(b"".join(orjson.dumps(record) + b"\n" for record in records))
        document = {"format": "claims-export", "version": 1, "exported_at": info.exported_at, "scope": info.scope,
                    "sources": exporters._sources_named(
                        {name for claim in claims for name in
                         [claim["source"], *(item["source"] for item in claim.get("evidence") or ())]}, reg),
                    # (only text: a hand-edited category of another kind is left out)
                    "categories": sorted({claim["category"] for claim in claims
                                          if type(claim.get("category")) is str} - set(DEFAULT_CATEGORIES)),
                    "claims": [exporters.full_claim(claim) for claim in claims]}
        assert exporters.export_claims("json", claims, reg, info) == \
            json_inert(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
        assert exporters.export_claims("jsonl", claims, reg, info) == json_inert(b"".join(
            orjson.dumps(line) + b"\n" for line in [*({"type": "source", **source} for source in document["sources"]),
                                                    *({"type": "category", "name": name}
                                                      for name in document["categories"]),
                                                    *document["claims"]]))


def test_claims_csv_of_a_typical_ledger(cli):
    for text in ["Plain text", "Text, with a comma", 'A "quoted" word', "two\nlines", "=SUM(A1)"]:
        cli("add", text, "--source", "MoD", "--on", "2025-12-01", "--place", "Kupiansk, Kharkiv",
            "--tag", "a", "--tag", "b", ok=True)
    from claims_cli import context

    store = context.store(None)
    reg = store.registry()
    claims = list(store.claims())
    assert claims_csv(claims, reg) == to_csv((claim_row(claim, reg) for claim in claims), CLAIM_CSV_COLUMNS)


_SHOWN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab\r\n\t\x00\x07\x1b\x1f\x7f\x80\x9b\x9f\xa0Ж«")), max_size=12))
def test_show_controls_matches_the_plain_substitution(text):
    assert show_controls(text) == _SHOWN.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


# ------------------------------------------------------------ Markdown: the line-start escape

@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a 19\u0663\u00b2#+=-.)*\\")), max_size=6))
def test_md_leaves_no_line_start_unescaped(text):
    """`md` substitutes its line-start pattern only where the text begins with what can start it
    (a digit of any script or a mark): what it returns never starts a block, as when it always did."""
    from claims_cli.documents import _MD_LINE_START, md

    assert _MD_LINE_START.match(md(text)) is None


# ------------------------------------------------------------------- HTML: one show_controls per page

HOSTILE = ["x\r", "\ry", "a\r\nb", "a\rb\nc", "<b>&\"'\r", "\x1b[2J", "c1\x9b31m", "nul\x00", "\x7f\r\n\r"]


@pytest.mark.parametrize("value", HOSTILE)
def test_html_documents_equal_escaping_every_value_on_its_own(cli, db, monkeypatch, value):
    """The HTML parts escape without `show_controls` and the page shows them once; the result is
    the page of the plain `esc`/`link`/`badge` applied to every value."""
    from claims_cli import documents

    claim = cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01", ok=True).stdout.strip()
    cli("confirm", claim, "--by", "ISW", "--note", "seen", ok=True)
    cli("assess", claim, "contested", "--note", "ok", ok=True)
    cli("add", "Another", "--source", "DeepState", "--on", "2025-12-02", ok=True)
    poison(db, value)

    def documents_now():
        pages = [cli("export", "--format", "html", ok=True).stdout,
                 cli("report", "--format", "html", ok=True).stdout]
        return [re.sub(r"(Exported|Generated) \S+", r"\1 -", page) for page in pages]

    fast = documents_now()
    monkeypatch.setattr(documents, "_e", documents.esc)
    monkeypatch.setattr(documents, "_link", documents.link)
    monkeypatch.setattr(documents, "_badge", documents.badge)
    assert documents_now() == fast


# ------------------------------------------------------------ whole documents: controls on the bytes

DOCUMENT = st.text(alphabet=st.sampled_from(list("ab\r\n\t\x00\x08\x0b\x1b\x1f\x7f\x80\x85\x9b\x9f\xa0«»\xbfЖ\u2028")),
                   max_size=12)


@settings(max_examples=500, deadline=None)
@given(DOCUMENT)
def test_inert_utf8_is_show_controls_encoded(text):
    """`inert_utf8` checks the encoded bytes (C0, DEL, the 0xC2 lead of C1, lone CRs) instead of
    scanning the text; given text or its bytes, it gives the bytes of `show_controls`."""
    from claims_cli.exporters import inert_utf8

    expected = show_controls(text).encode("utf-8")
    assert inert_utf8(text) == expected
    assert inert_utf8(text.encode("utf-8")) == expected


# ----------------------------------------------------------------- the all-time report in one pass

# (an entry without its time or action is a damaged record, which the report refuses: without a
# status, it is not)
HISTORY_ENTRY = st.fixed_dictionaries(
    {"at": st.sampled_from(["2025-12-01T10:00:00Z", "2025-12-03T10:00:00Z", "2025-12-09T10:00:00Z"]),
     "action": st.sampled_from(["created", "evidence-added", "deleted", "restored", "assessed"])},
    optional={"status_before": st.sampled_from([None, "unverified", "confirmed", "contested", "refuted"]),
              "status_after": st.sampled_from([None, "unverified", "confirmed", "contested", "refuted"])},
)
REPORT_EVIDENCE = st.fixed_dictionaries(
    {"source": SOURCES, "stance": st.sampled_from(["supports", "disputes", "inconclusive"])},
    optional={"withdrawn_at": st.sampled_from([None, "", "2025-12-02T00:00:00Z"]),
              "on": st.sampled_from([None, "", "2025-11-30", "2025-12-02", "2025-12-05"])},
)
REPORT_CLAIM = st.fixed_dictionaries(
    {"id": st.sampled_from(["C-0001", "C-0002", "C-0003", "C-0010", "C-0100", "C-1000"]), "source": SOURCES,
     "status": st.sampled_from(["unverified", "confirmed", "contested", "refuted", "odd"]),
     "claimed_on": st.sampled_from(["2025-11-01", "2025-12-01", "2025-12-02", "2025-12-20"]),
     "text": st.sampled_from(["Forces took the village", "Бої <тривають> | далі",
                              "hand-edited \x1b[31m red\r and \x85"])},
    optional={"evidence": st.lists(REPORT_EVIDENCE, max_size=4), "history": st.lists(HISTORY_ENTRY, max_size=3),
              "outlet": st.sampled_from([None, "Kommersant", "RIA <Novosti>"]),
              "assessment": st.sampled_from([None, {"status": "contested", "analyst": "a", "at": "2025-12-02T00:00:00Z",
                                                    "note": "n"}]),
              "deleted_at": st.sampled_from([None, "", "2025-12-04T00:00:00Z"]),
              "updated_at": st.sampled_from([None, "2025-12-02T00:00:00Z", "2025-12-03T00:00:00Z"])},
)


@settings(max_examples=300, deadline=None)
@given(st.lists(REPORT_CLAIM, max_size=8))
def test_all_time_report_is_the_general_one(claims):
    """The all-time report (one pass, shared strings, history counted by kind) equals the report
    the general code makes of the same claims: repeated IDs, deleted claims, history entries
    without some keys, evidence without a day."""
    from collections import Counter
    from datetime import date

    from claims_cli import reports

    reg, today = registry(), date(2026, 1, 10)
    fast = reports.build_report(iter(claims), reg, today=today)
    live = [claim for claim in claims if not claim.get("deleted_at")]
    status_of = {claim["id"]: claim["status"] for claim in live}
    general = reports._report_of(reports.Period(), today, reg, live, status_of, Counter(),
                                 Counter(claim["status"] for claim in live),
                                 reports.transitions_in(claims, reports.Period()))
    assert fast == general
    assert [id(claim) for claim in fast.claims] == [id(claim) for claim in general.claims]
    assert [id(claim) for claim in fast.contested] == [id(claim) for claim in general.contested]
    assert [[id(claim) for claim in bucket.claims] for bucket in fast.backlog] == \
        [[id(claim) for claim in bucket.claims] for bucket in general.backlog]


PERIODS = st.sampled_from([(None, None), ("2025-12-01", None), (None, "2025-12-02"), ("2025-12-02", "2025-12-20")])


def period_of(bounds):
    from datetime import date

    from claims_cli.reports import Period

    return Period(*(date.fromisoformat(day) if day else None for day in bounds))


@settings(max_examples=300, deadline=None)
@given(st.lists(REPORT_CLAIM, max_size=8), PERIODS)
def test_a_report_that_keeps_no_claims_reads_the_same(claims, bounds):
    """`claims report` keeps only a summary of each claim (and no history lists): every number
    and every rendered document is the same as with the claims kept whole, for any period. (A
    period's ledger counting an "odd" status refuses it alike: a damaged record.)"""
    from datetime import date

    from claims_cli import reports
    from claims_cli.documents import html_report, markdown_report
    from claims_cli.errors import DamagedRecord
    reg, today, period = registry(), date(2026, 1, 10), period_of(bounds)
    try:
        whole = reports.build_report(iter(claims), reg, today=today, period=period)
    except DamagedRecord:
        assert bounds != (None, None) and any(claim["status"] == "odd" for claim in claims)
        with pytest.raises(DamagedRecord):
            reports.build_report(iter(claims), reg, today=today, period=period, keep=reports.summary)
        return
    slim = reports.build_report(iter(claims), reg, today=today, period=period, keep=reports.summary)
    for name in ("status_of", "status_counts", "ledger_start", "ledger_end", "transitions", "sources",
                 "timeline", "first_strong", "total"):
        assert getattr(slim, name) == getattr(whole, name), name
    assert [claim["id"] for claim in slim.claims] == [claim["id"] for claim in whole.claims]
    assert [claim["id"] for claim in slim.contested] == [claim["id"] for claim in whole.contested]
    assert all("history" not in claim for claim in slim.claims)
    assert markdown_report(slim, reg, "2026-01-10T00:00:00Z") == markdown_report(whole, reg, "2026-01-10T00:00:00Z")
    assert html_report(slim, reg, "2026-01-10T00:00:00Z") == html_report(whole, reg, "2026-01-10T00:00:00Z")
    assert terminal(slim, reg) == terminal(whole, reg)


@settings(max_examples=300, deadline=None)
@given(st.lists(REPORT_CLAIM, max_size=8))
def test_the_terminal_report_keeping_only_what_it_shows_reads_the_same(claims):
    """`claims report` over all time keeps a contested claim's summary and only the ID and day of
    any other: the same numbers, and the same text on a terminal, in Markdown and in HTML, as with
    whole claims, repeated IDs included."""
    from datetime import date

    from claims_cli import reports
    from claims_cli.documents import html_report, markdown_report
    reg, today = registry(), date(2026, 1, 10)
    whole = reports.build_report(iter(claims), reg, today=today)
    slim = reports.slim_report(claims, reg, today=today, slim=reports.shown_part)
    for name in ("status_of", "status_counts", "ledger_start", "ledger_end", "transitions", "sources",
                 "timeline", "first_strong", "total"):
        assert getattr(slim, name) == getattr(whole, name), name
    assert terminal(slim, reg) == terminal(whole, reg)
    assert markdown_report(slim, reg, "2026-01-10T00:00:00Z") == markdown_report(whole, reg, "2026-01-10T00:00:00Z")
    assert html_report(slim, reg, "2026-01-10T00:00:00Z") == html_report(whole, reg, "2026-01-10T00:00:00Z")


# (an entry without a time or action, or with "" for a time or status, is a damaged record, which
# the report refuses: test_a_live_claim_whose_history_is_damaged_refuses_the_report_that_reads_it)
LEDGER_ENTRY = st.fixed_dictionaries({
    "at": st.sampled_from(["2025-11-30T23:59:59Z", "2025-12-01T10:00:00Z", "2025-12-01T10:00:00.5Z",
                           "2025-12-01T10:00:00.1Z", "2025-12-03T10:00:00Z", "2025-12-09T23:59:59Z", "2025-12-10T00:00:00Z",
                           "2025-12-01T12:00:00+02:00"]),
    "action": st.sampled_from(["created", "evidence-added", "deleted", "restored", "assessed"])}, optional={
    "status_after": st.sampled_from([None, "unverified", "confirmed", "contested"])})


@settings(max_examples=500, deadline=None)
@example(history=[{"at": "2025-12-01T10:00:00.5Z", "action": "assessed", "status_after": "contested"},  # stamps alike
                  {"at": "2025-12-01T10:00:00.1Z", "action": "assessed", "status_after": "confirmed"}],  # to the second, not in order
         deleted_at=None, created_at=None, status="unverified", start=None, end="2025-12-09T23:59:59Z")
@given(st.lists(LEDGER_ENTRY, max_size=6), st.sampled_from([None, "2025-12-04T00:00:00Z", ""]),
       st.sampled_from([None, "2025-12-01T10:00:00Z"]), st.sampled_from(["unverified", "refuted"]),
       st.sampled_from([None, "2025-11-30T23:59:59Z", "2025-12-01T10:00:00Z"]),
       st.sampled_from([None, "2025-12-09T23:59:59Z", "2025-12-01T10:00:00Z"]))
def test_statuses_at_both_ends_are_status_at_each(history, deleted_at, created_at, status, start, end):
    """A bounded report reads a claim's status at the start and at the end of the period in one
    walk over its history; `status_at` reads each on its own (end None: now, for a live claim)."""
    from claims_cli import reports

    claim = {"status": status, "deleted_at": deleted_at, "created_at": created_at, "history": history}
    expected_end = reports.status_at(claim, end) if end is not None else (None if deleted_at else status)
    expected = (reports.status_at(claim, start) if start is not None else None, expected_end)
    assert reports._statuses_at(claim, start, end) == expected
    assert claim["history"] == history  # (read, not sorted in place)
    # the status changes in the period, counted in the same walk: the history is read again only
    # when an entry is stamped inside the period
    found, expected_found = Counter(), Counter()
    reports._count_transitions(expected_found, history, start, end)
    assert reports._statuses_at(claim, start, end, found) == expected
    assert found == expected_found


class Claim(dict):
    """A claim that can be watched with a weak reference (a plain dict cannot)."""


@pytest.mark.parametrize("bounds", [(None, None), ("2025-12-01", None), (None, "2025-12-02")])
def test_a_report_that_keeps_summaries_holds_one_claim_at_a_time(bounds):
    """With `keep`, the report reads the claims as a stream: when the next claim is read, the
    ones before it are gone (100,000 claims are never all in memory), for any period."""
    import weakref
    from datetime import date

    from claims_cli import reports

    days, statuses = ["2025-11-01", "2025-12-01", "2025-12-02", "2025-12-20"], ["unverified", "contested", "confirmed"]
    claims = [{"id": f"C-{n:04d}", "source": "Russian MoD", "text": "Forces took the village",
               "claimed_on": days[n % 4], "status": statuses[n % 3], "updated_at": "2025-12-03T00:00:00Z",
               "deleted_at": "2025-12-04T00:00:00Z" if n % 7 == 6 else None,
               "evidence": [{"source": "GeoConfirmed", "stance": "supports", "on": "2025-12-02"}],
               "history": [{"at": "2025-12-02T00:00:00Z", "action": "created", "status_before": None,
                            "status_after": statuses[n % 3]}]}
              for n in range(30)]
    watched: list = []
    most_alive = 0

    def stream():
        nonlocal most_alive
        for claim in claims:
            item = Claim(claim)
            watched.append(weakref.ref(item))
            most_alive = max(most_alive, sum(ref() is not None for ref in watched))
            yield item
            del item

    report = reports.build_report(stream(), registry(), today=date(2026, 1, 10), period=period_of(bounds),
                                  keep=reports.summary)
    assert report.total > 0
    assert most_alive <= 2  # the claim just read, and the one before it while the reader moves on
    assert all(ref() is None for ref in watched)


def terminal(report, reg) -> str:
    """The terminal report as `claims report` prints it to a file."""
    import io

    from rich.console import Console

    from claims_cli.console import THEME
    from claims_cli.render_report import report_view

    console = Console(file=io.StringIO(), width=100, color_system=None, theme=THEME, markup=False)
    console.print(report_view(report, reg))
    return console.file.getvalue()


@settings(max_examples=300, deadline=None)
@given(DOCUMENT)
def test_json_inert_skips_only_outputs_with_nothing_to_escape(text):
    """The two byte searches in front of json_inert's regex change nothing: same bytes as the
    regex alone, with and without DEL, C1 characters and other U+0080..U+00BF characters."""
    import orjson

    from claims_cli.exporters import _RAW_JSON_CONTROL, json_inert

    data = orjson.dumps({"text": text})
    assert json_inert(data) == _RAW_JSON_CONTROL.sub(lambda m: b"\\u%04x" % ord(m.group().decode("utf-8")), data)


# Evidence as a hand edit may leave it: odd stances and sources, an item that is no object, one
# without its stance, withdrawn ones (rule_said must leave each of these to evaluate). Few sources
# and short lists, so that claims often share a claimant and sources, with stances that differ.
FEW_SOURCES = st.sampled_from(["Ukraine", "ISW", "Russian MoD", "Unknown blog"])
FEW_EVIDENCE = st.fixed_dictionaries(
    {"source": FEW_SOURCES, "stance": st.sampled_from(["supports", "disputes", "inconclusive", "support"])},
    optional={"withdrawn_at": st.sampled_from([None, "", "2025-12-02T00:00:00Z"])},
)
ODD_EVIDENCE = st.one_of(
    FEW_EVIDENCE,
    st.fixed_dictionaries({"source": st.one_of(FEW_SOURCES, ODD), "stance": st.one_of(
        st.sampled_from(["supports", "disputes"]), ODD)}, optional={"withdrawn_at": ODD}),
    st.fixed_dictionaries({"source": FEW_SOURCES}),
    ODD,
)
RULED = st.fixed_dictionaries(
    {"source": st.one_of(FEW_SOURCES, FEW_SOURCES, FEW_SOURCES, ODD)},
    optional={"evidence": st.one_of(st.lists(FEW_EVIDENCE, max_size=3), st.lists(FEW_EVIDENCE, max_size=3),
                                    st.lists(ODD_EVIDENCE, max_size=3), ODD)},
)


def _evaluated(claim: dict, reg: SourceRegistry):
    """evaluate's (status value, reason), or the type of what it raises."""
    from claims_cli.verification import evaluate

    try:
        verdict = evaluate(claim, reg)
    except Exception as error:  # noqa: BLE001 - compared with what rule_said raises
        return type(error)
    return verdict.status.value, verdict.reason


def _said(claim: dict, reg: SourceRegistry, remembered: dict):
    try:
        return exporters.rule_said(claim, reg, remembered)
    except Exception as error:  # noqa: BLE001
        return type(error)


_FLIPPED = {"supports": "disputes", "disputes": "supports"}


def _variants(claim: dict) -> list[dict]:
    """The claim, and the same with each item's stance turned around, and with each item withdrawn
    or not: keys that differ in one part of what the verdict is a function of."""
    evidence = claim.get("evidence")
    if type(evidence) is not list:
        return [claim]
    flipped = [{**item, "stance": _FLIPPED.get(item["stance"], item["stance"])}
               if type(item) is dict and type(item.get("stance")) is str else item for item in evidence]
    toggled = [{**item, "withdrawn_at": None if item.get("withdrawn_at") else "2025-12-02T00:00:00Z"}
               if type(item) is dict else item for item in evidence]
    return [claim, {**claim, "evidence": flipped}, {**claim, "evidence": toggled}, {**claim, "evidence": evidence[1:]}]


@settings(max_examples=300, deadline=None)
@given(st.lists(RULED, max_size=8), st.randoms(use_true_random=False))
@example([{"source": "Ukraine", "evidence": [{"source": "ISW", "stance": "supports"}]}], Random(0))
def test_rule_said_is_what_evaluate_says_of_each_claim(claims, shuffle):
    # One memo across the claims, each claim given twice with its variants in a shuffled order: a
    # key met again is answered from the memo, and must still be evaluate's status and reason (or
    # the type of its error).
    reg = registry()
    remembered: dict = {}
    every = [variant for claim in claims for variant in _variants(claim)] * 2
    shuffle.shuffle(every)
    for claim in every:
        assert _said(claim, reg, remembered) == _evaluated(claim, reg), claim


def test_rule_said_remembers_one_verdict_per_claimant_and_live_evidence():
    # The memo's key is what evaluate reads: the claimant, whether there is evidence, and each
    # live item's (stance, source) in order; an item's other fields and withdrawn items are not in it.
    reg = registry()
    remembered: dict = {}
    isw = {"source": "ISW", "stance": "supports", "id": "E1", "note": "a"}
    withdrawn = {"source": "Reuters", "stance": "disputes", "withdrawn_at": "2025-12-02T00:00:00Z"}
    first = {"source": "Russian MoD", "evidence": [isw]}
    same = {"source": "Russian MoD", "evidence": [{**isw, "id": "E7", "note": "b"}, withdrawn]}
    assert exporters.rule_said(first, reg, remembered) == ("confirmed", "strong support from ISW")
    assert exporters.rule_said(same, reg, remembered) == ("confirmed", "strong support from ISW")
    assert len(remembered) == 1
    # Only withdrawn evidence is not the same as none: "all withdrawn"
    assert exporters.rule_said({"source": "Russian MoD", "evidence": [withdrawn]}, reg, remembered) == (
        "unverified", "no evidence in force: all withdrawn")
    assert exporters.rule_said({"source": "Russian MoD", "evidence": []}, reg, remembered) == (
        "unverified", "no evidence yet")
    # Another claimant, or the items in another order, is another verdict (the names' order is the items')
    both = [isw, {"source": "Reuters", "stance": "supports"}]
    assert exporters.rule_said({"source": "Ukraine", "evidence": both}, reg, remembered)[1] == \
        "strong support from ISW, Reuters"
    assert exporters.rule_said({"source": "Ukraine", "evidence": both[::-1]}, reg, remembered)[1] == \
        "strong support from Reuters, ISW"
    assert len(remembered) == 5
    # The same source disputing is another verdict
    assert exporters.rule_said({"source": "Ukraine", "evidence": [isw]}, reg, remembered) == (
        "confirmed", "strong support from ISW")
    assert exporters.rule_said({"source": "Ukraine", "evidence": [{**isw, "stance": "disputes"}]}, reg, remembered) == (
        "refuted", "strong dispute from ISW, no strong support")
    assert len(remembered) == 7
    # A hand edit's source that is no text is left to evaluate, which refuses it as before
    with pytest.raises(TypeError):
        exporters.rule_said({"source": "Ukraine", "evidence": [{"source": 7, "stance": "supports"}]}, reg, remembered)
    assert len(remembered) == 7


@settings(max_examples=200, deadline=None)
@given(st.lists(st.fixed_dictionaries(
    {"id": AWKWARD, "source": SOURCES, "status": st.sampled_from(["confirmed", "contested", "refuted"]),
     "claimed_on": st.just("2025-12-01"), "text": AWKWARD},
    optional={"evidence": st.lists(EVIDENCE, max_size=4),
              "assessment": st.one_of(st.none(), st.fixed_dictionaries(
                  {"status": st.sampled_from(["confirmed", "refuted"])}, optional={"note": AWKWARD}))}),
    max_size=6))
def test_claim_review_with_remembered_verdicts_is_the_same_review(claims):
    reg = registry()
    info = exporters.ExportInfo(exported_at="2025-12-07T00:00:00Z", today=date(2025, 12, 7))
    remembered: dict = {}
    for claim in claims * 2:
        assert exporters.claim_review(claim, reg, info, verdicts=remembered) == exporters.claim_review(claim, reg, info)
