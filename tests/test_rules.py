"""The independence rule, as a pure function: `weigh`, `status_from_counts`, `evaluate`,
`refresh_status`, plus a source changing side and assessments on a real temporary store."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims_cli import ledger
from claims_cli.models import DEFAULT_SOURCES, Source, SourceRegistry, Status
from claims_cli.plain import possessive
from claims_cli.store import ClaimStore
from claims_cli.verification import (
    NONE, STRONG, WEAK, Weight, evaluate, refresh_status, status_from_counts, weigh,
)

REGISTRY = SourceRegistry([
    *DEFAULT_SOURCES,
    Source("Anon", "unknown", "social"),
    Source("Anon2", "unknown", "social"),
])

# ------------------------------------------------------------------------------ the table

TABLE = [
    # (strong support, weak disputes, strong disputes, status) exactly as the issue writes it
    ((0, 0, 0), Status.UNVERIFIED),
    ((1, 0, 0), Status.CONFIRMED),
    ((3, 0, 0), Status.CONFIRMED),
    ((0, 1, 0), Status.CONTESTED),
    ((0, 4, 0), Status.CONTESTED),
    ((1, 1, 0), Status.CONTESTED),
    ((2, 3, 0), Status.CONTESTED),
    ((0, 0, 1), Status.REFUTED),
    ((0, 2, 1), Status.REFUTED),
    ((0, 0, 3), Status.REFUTED),
    ((1, 0, 1), Status.CONTESTED),
    ((1, 2, 1), Status.CONTESTED),
    ((3, 0, 2), Status.CONTESTED),
]


@pytest.mark.parametrize(("counts", "status"), TABLE)
def test_status_table_rows(counts, status):
    assert status_from_counts(*counts) is status


def _table_rows(ss: int, wd: int, sd: int) -> list[Status]:
    """Every row of the issue's table that matches the counts ('any' matches anything)."""
    rows = [
        (ss == 0 and wd == 0 and sd == 0, Status.UNVERIFIED),
        (ss >= 1 and wd == 0 and sd == 0, Status.CONFIRMED),
        (ss == 0 and wd >= 1 and sd == 0, Status.CONTESTED),
        (ss >= 1 and wd >= 1 and sd == 0, Status.CONTESTED),
        (ss == 0 and sd >= 1, Status.REFUTED),
        (ss >= 1 and sd >= 1, Status.CONTESTED),
    ]
    return [status for matches, status in rows if matches]


def test_status_table_is_complete_and_followed():
    for ss, wd, sd in itertools.product(range(4), repeat=3):
        rows = _table_rows(ss, wd, sd)
        assert len(rows) == 1, (ss, wd, sd)  # the table covers every case exactly once
        assert status_from_counts(ss, wd, sd) is rows[0], (ss, wd, sd)


# ------------------------------------------------------------------------------ weigh

WEIGH_CASES = [
    # claim by a party (Russian MoD, russia)
    ("supports", "ISW", "Russian MoD", STRONG, "independent"),
    ("supports", "Reuters", "Russian MoD", STRONG, "independent"),
    ("supports", "Russian MoD", "Russian MoD", WEAK, "claimant itself"),
    ("supports", "MoD", "Russian MoD", WEAK, "claimant itself"),  # by alias, any case
    ("supports", "Telegram", "Russian MoD", WEAK, "own side"),
    ("supports", "DeepState", "Russian MoD", STRONG, "opposing support"),
    ("supports", "Ukraine", "Russian MoD", STRONG, "opposing support"),
    ("supports", "Anon", "Russian MoD", WEAK, "unknown side"),
    ("disputes", "ISW", "Russian MoD", STRONG, "independent"),
    ("disputes", "Telegram", "Russian MoD", STRONG, "own side"),
    ("disputes", "Ukraine", "Russian MoD", WEAK, "opposing party"),
    ("disputes", "DeepState", "Russian MoD", WEAK, "opposing party"),
    ("disputes", "Anon", "Russian MoD", WEAK, "unknown side"),
    ("disputes", "Russian MoD", "Russian MoD", WEAK, "claimant itself"),
    ("inconclusive", "ISW", "Russian MoD", NONE, "inconclusive"),
    ("inconclusive", "DeepState", "Russian MoD", NONE, "inconclusive"),
    # claim by the other party (Ukraine): the mirror image
    ("supports", "Russian MoD", "Ukraine", STRONG, "opposing support"),
    ("supports", "Telegram", "Ukraine", STRONG, "opposing support"),
    ("supports", "DeepState", "Ukraine", WEAK, "own side"),
    ("disputes", "DeepState", "Ukraine", STRONG, "own side"),
    ("disputes", "Russian MoD", "Ukraine", WEAK, "opposing party"),
    ("supports", "GeoConfirmed", "Ukraine", STRONG, "independent"),
    # claim by an independent source: only another independent source's support is strong
    ("supports", "Reuters", "ISW", STRONG, "independent"),
    ("supports", "ISW", "ISW", WEAK, "claimant itself"),
    ("supports", "Institute for the Study of War", "ISW", WEAK, "claimant itself"),
    ("supports", "DeepState", "ISW", WEAK, "party"),
    ("supports", "Russian MoD", "ISW", WEAK, "party"),
    ("supports", "Anon", "ISW", WEAK, "unknown side"),
    ("disputes", "Reuters", "ISW", STRONG, "independent"),
    ("disputes", "ISW", "ISW", WEAK, "claimant itself"),
    ("disputes", "Ukraine", "ISW", WEAK, "party"),
    ("disputes", "Russian MoD", "ISW", WEAK, "party"),
    ("disputes", "Anon", "ISW", WEAK, "unknown side"),
    # claim by an unknown-side source
    ("supports", "ISW", "Anon", STRONG, "independent"),
    ("supports", "Russian MoD", "Anon", WEAK, "party"),
    ("supports", "Ukraine", "Anon", WEAK, "party"),
    ("supports", "Anon", "Anon", WEAK, "claimant itself"),
    ("supports", "Anon2", "Anon", WEAK, "unknown side"),
    ("disputes", "AP", "Anon", STRONG, "independent"),
    ("disputes", "Ukraine", "Anon", WEAK, "party"),
    ("disputes", "Anon", "Anon", WEAK, "claimant itself"),
    ("disputes", "Anon2", "Anon", WEAK, "unknown side"),
    # a claimant the registry does not know is treated as unknown-side
    ("supports", "Russian MoD", "Somebody", WEAK, "party"),
    ("supports", "ISW", "Somebody", STRONG, "independent"),
    ("disputes", "Ukraine", "Somebody", WEAK, "party"),
]


@pytest.mark.parametrize(("stance", "by", "claimant", "strength", "why"), WEIGH_CASES)
def test_weigh(stance, by, claimant, strength, why):
    weight = weigh(stance, by, claimant, REGISTRY)
    assert weight.strength == strength
    assert weight.why  # every weight says why, in a few words
    words = {"independent": "independent", "claimant itself": "claimant itself",
             "own side": "own side", "opposing party": "opposing party",
             # (not "concession": a Russian channel confirming DeepState's map of Russian gains concedes nothing)
             "opposing support": "support from the opposing party",
             "unknown side": "unknown side", "inconclusive": "inconclusive", "party": "party"}
    assert words[why] in weight.why


def test_unknown_side_and_claimant_itself_are_never_strong():
    for stance in ("supports", "disputes", "inconclusive"):
        for claimant in (s.name for s in REGISTRY):
            assert weigh(stance, "Anon", claimant, REGISTRY).strength != STRONG
            assert weigh(stance, claimant, claimant, REGISTRY).strength != STRONG


def test_sources_the_registry_lacks_are_the_claimant_only_when_written_so():
    """(mutation testing) Only a hand-edited database cites a source its registry lacks: no test
    had one, and two names of no source taken as the one source (None is None), or "Foo" and "foo"
    as two, passed. Two unknown names are two sources; one written so but for case and spacing is
    the claimant."""
    empty = SourceRegistry(())
    for stance in ("supports", "disputes"):
        assert weigh(stance, "Foo", "foo", empty) == Weight(WEAK, "the claimant itself")
        assert weigh(stance, "Foo  Bar", "foo bar", empty) == Weight(WEAK, "the claimant itself")
        assert weigh(stance, "A", "B", empty) == Weight(WEAK, "source of unknown side")
        assert weigh(stance, "Nobody", "Somebody", REGISTRY) == Weight(WEAK, "source of unknown side")


# ------------------------------------------------------------------------------ evaluate

def claim(source: str, *items: tuple, assessment: str | None = None) -> dict:
    """A claim record with evidence items (source, stance[, withdrawn])."""
    evidence = []
    for number, item in enumerate(items, start=1):
        by, stance, *rest = item
        evidence.append({"id": f"E{number}", "source": by, "stance": stance, "on": "2025-12-07",
                         "kind": "other", "withdrawn_at": "2025-12-08T00:00:00Z" if rest and rest[0] else None})
    return {"id": "C-0001", "text": "t", "source": source, "claimed_on": "2025-12-07",
            "evidence": evidence, "status": "unverified", "computed_status": "unverified",
            "assessment": {"status": assessment, "note": None, "analyst": "a", "at": "x"} if assessment else None}


def test_no_evidence_is_unverified():
    verdict = evaluate(claim("Russian MoD"), REGISTRY)
    assert verdict.status is Status.UNVERIFIED
    assert verdict.reason == "no evidence yet"


def test_evidence_all_withdrawn_is_not_called_none_yet():
    """(bug hunt) With its only evidence withdrawn, a claim read "no evidence yet", while `show`
    lists the withdrawn item."""
    verdict = evaluate(claim("Russian MoD", ("ISW", "supports", True)), REGISTRY)
    assert verdict.status is Status.UNVERIFIED
    assert verdict.reason == "no evidence in force: all withdrawn"


def test_own_side_echo_stays_unverified():
    verdict = evaluate(claim("Russian MoD", ("Telegram", "supports")), REGISTRY)
    assert verdict.status is Status.UNVERIFIED
    assert verdict.weak_support == ["Telegram"]
    assert "Telegram" in verdict.reason


def test_concession_confirms():
    verdict = evaluate(claim("Russian MoD", ("Telegram", "supports"), ("DeepState", "supports")), REGISTRY)
    assert verdict.status is Status.CONFIRMED
    assert verdict.strong_support == ["DeepState"]
    assert "DeepState" in verdict.reason


def test_opposing_denial_contests():
    verdict = evaluate(claim("Russian MoD", ("DeepState", "supports"), ("Ukraine", "disputes")), REGISTRY)
    assert verdict.status is Status.CONTESTED
    assert verdict.weak_disputes == ["Ukraine"]


def test_denial_alone_contests():
    assert evaluate(claim("Russian MoD", ("Ukraine", "disputes")), REGISTRY).status is Status.CONTESTED


def test_independent_contradiction_without_strong_support_refutes():
    verdict = evaluate(claim("Russian MoD", ("Telegram", "supports"), ("ISW", "disputes")), REGISTRY)
    assert verdict.status is Status.REFUTED
    assert verdict.strong_disputes == ["ISW"]
    assert "ISW" in verdict.reason


def test_own_side_contradiction_refutes():
    assert evaluate(claim("Ukraine", ("DeepState", "disputes")), REGISTRY).status is Status.REFUTED


def test_strong_support_and_strong_dispute_contest():
    verdict = evaluate(claim("Russian MoD", ("ISW", "disputes"), ("Ukraine", "supports")), REGISTRY)
    assert verdict.status is Status.CONTESTED
    assert "ISW" in verdict.reason and "Ukraine" in verdict.reason


def test_unknown_side_support_does_not_confirm_and_dispute_contests():
    assert evaluate(claim("Russian MoD", ("Anon", "supports")), REGISTRY).status is Status.UNVERIFIED
    assert evaluate(claim("Russian MoD", ("Anon", "disputes")), REGISTRY).status is Status.CONTESTED
    assert evaluate(claim("Anon", ("Anon2", "supports")), REGISTRY).status is Status.UNVERIFIED
    assert evaluate(claim("Anon", ("ISW", "supports")), REGISTRY).status is Status.CONFIRMED


def test_independent_claimant():
    assert evaluate(claim("ISW", ("ISW", "supports")), REGISTRY).status is Status.UNVERIFIED
    assert evaluate(claim("ISW", ("Ukraine", "supports"), ("Russian MoD", "supports")),
                    REGISTRY).status is Status.UNVERIFIED
    assert evaluate(claim("ISW", ("Reuters", "supports")), REGISTRY).status is Status.CONFIRMED
    assert evaluate(claim("ISW", ("Reuters", "disputes")), REGISTRY).status is Status.REFUTED
    assert evaluate(claim("ISW", ("Ukraine", "disputes")), REGISTRY).status is Status.CONTESTED
    assert evaluate(claim("ISW", ("ISW", "disputes")), REGISTRY).status is Status.CONTESTED


def test_inconclusive_counts_for_nothing():
    verdict = evaluate(claim("Russian MoD", ("ISW", "inconclusive"), ("DeepState", "inconclusive")), REGISTRY)
    assert verdict.status is Status.UNVERIFIED
    assert not (verdict.strong_support or verdict.weak_support or verdict.strong_disputes
                or verdict.weak_disputes)


def test_withdrawn_evidence_is_ignored():
    withdrawn = claim("Russian MoD", ("DeepState", "supports", True), ("ISW", "disputes", True))
    assert evaluate(withdrawn, REGISTRY).status is Status.UNVERIFIED
    partly = claim("Russian MoD", ("DeepState", "supports"), ("ISW", "disputes", True))
    assert evaluate(partly, REGISTRY).status is Status.CONFIRMED


def test_sources_are_counted_once():
    verdict = evaluate(claim("Russian MoD", ("ISW", "disputes"), ("ISW", "disputes"),
                             ("Ukraine", "disputes"), ("Ukraine", "disputes")), REGISTRY)
    assert verdict.strong_disputes == ["ISW"]
    assert verdict.weak_disputes == ["Ukraine"]


# ------------------------------------------------------------------------------ refresh_status

def test_refresh_status_sets_both_fields():
    record = claim("Russian MoD", ("DeepState", "supports"))
    refresh_status(record, REGISTRY)
    assert record["computed_status"] == "confirmed"
    assert record["status"] == "confirmed"


def test_assessment_overrides_and_clearing_restores():
    record = claim("Russian MoD", ("DeepState", "supports"), assessment="contested")
    refresh_status(record, REGISTRY)
    assert record["computed_status"] == "confirmed"
    assert record["status"] == "contested"
    record["assessment"] = None
    refresh_status(record, REGISTRY)
    assert record["status"] == "confirmed"


# ------------------------------------------------------------------------------ properties

SOURCE_NAMES = [source.name for source in REGISTRY]
STANCES = ("supports", "disputes", "inconclusive")
INDEPENDENT = [s.name for s in REGISTRY if s.side == "independent"]
UNKNOWN = [s.name for s in REGISTRY if s.side == "unknown"]

evidence_items = st.lists(
    st.tuples(st.sampled_from(SOURCE_NAMES), st.sampled_from(STANCES), st.booleans()), max_size=8)


def status_of(claimant: str, items) -> Status:
    return evaluate(claim(claimant, *items), REGISTRY).status


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SOURCE_NAMES), evidence_items, st.randoms(use_true_random=False))
def test_properties_of_the_rule(claimant, items, rnd: random.Random):
    status = status_of(claimant, items)
    assert status in set(Status)
    # Order does not matter.
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert status_of(claimant, shuffled) is status
    # Withdrawn evidence counts as if it were never there.
    assert status_of(claimant, [item for item in items if not item[2]]) is status
    # Inconclusive evidence, weak-only support and the claimant's own evidence change nothing.
    assert status_of(claimant, [*items, (rnd.choice(SOURCE_NAMES), "inconclusive", False)]) is status
    assert status_of(claimant, [*items, (claimant, "supports", False)]) is status
    assert status_of(claimant, [*items, (rnd.choice(UNKNOWN), "supports", False)]) is status
    # Confirmed or unverified means no live dispute of any strength.
    live_disputes = [item for item in items if item[1] == "disputes" and not item[2]]
    if status in (Status.CONFIRMED, Status.UNVERIFIED):
        assert not live_disputes
    # Refuted needs a strong dispute.
    if status is Status.REFUTED:
        assert any(weigh("disputes", by, claimant, REGISTRY).strength == STRONG for by, *_ in live_disputes)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SOURCE_NAMES), evidence_items, st.sampled_from(INDEPENDENT))
def test_adding_independent_evidence(claimant, items, independent):
    if independent == claimant:
        return
    before = status_of(claimant, items)
    after_support = status_of(claimant, [*items, (independent, "supports", False)])
    assert after_support is {
        Status.UNVERIFIED: Status.CONFIRMED, Status.CONFIRMED: Status.CONFIRMED,
        Status.CONTESTED: Status.CONTESTED, Status.REFUTED: Status.CONTESTED,
    }[before]
    # A strong dispute refutes unless there is strong support, which makes the claim contested.
    has_strong_support = bool(evaluate(claim(claimant, *items), REGISTRY).strong_support)
    after_dispute = status_of(claimant, [*items, (independent, "disputes", False)])
    assert after_dispute is (Status.CONTESTED if has_strong_support else Status.REFUTED)
    assert before is not Status.CONFIRMED or after_dispute is Status.CONTESTED


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SOURCE_NAMES), evidence_items)
def test_a_weak_dispute_never_confirms_or_refutes(claimant, items):
    before = status_of(claimant, items)
    after = status_of(claimant, [*items, ("Anon2" if claimant != "Anon2" else "Anon", "disputes", False)])
    assert after is (Status.REFUTED if before is Status.REFUTED else Status.CONTESTED)


# ------------------------------------------------------------------------------ on a real store

@pytest.fixture
def store(tmp_path):
    return ClaimStore(tmp_path / "rules.json")


def add(store, text, source, **fields):
    return ledger.add_claim(store, {"text": text, "source": source, "claimed_on": "2025-12-07", **fields},
                            "alice")


def test_source_changing_side_re_evaluates(store):
    conceded = add(store, "Russian forces took Kucherivka", "Russian MoD")
    ledger.add_evidence(store, conceded["id"], {"source": "DeepState", "stance": "supports"}, "alice")
    by_source = add(store, "DeepState shows Siversk grey", "DeepState")
    ledger.add_evidence(store, by_source["id"], {"source": "Telegram", "stance": "supports"}, "alice")
    unrelated = add(store, "Strike on Odesa port", "Ukraine")
    ledger.add_evidence(store, unrelated["id"], {"source": "ISW", "stance": "supports"}, "alice")
    assert store.get_claim(conceded["id"])["status"] == "confirmed"
    assert store.get_claim(by_source["id"])["status"] == "confirmed"
    unrelated_before = store.get_claim(unrelated["id"])

    source, changed = ledger.edit_source(store, "deepstate", "bob", side="russia")

    assert source.side == "russia"
    assert {c["id"] for c in changed} == {conceded["id"], by_source["id"]}
    fresh = ClaimStore(store.path)  # what the next command sees
    assert fresh.registry().get("DeepState").side == "russia"
    for claim_id in (conceded["id"], by_source["id"]):
        record = fresh.get_claim(claim_id)
        assert record["status"] == record["computed_status"] == "unverified"  # now own-side only
        entry = record["history"][-1]
        assert entry["action"] == "re-evaluated"
        assert entry["analyst"] == "bob"
        assert (entry["status_before"], entry["status_after"]) == ("confirmed", "unverified")
        assert "DeepState" in entry["detail"] and "ukraine" in entry["detail"] and "russia" in entry["detail"]
    assert fresh.get_claim(unrelated["id"]) == unrelated_before


def test_side_change_keeps_assessment_in_force_and_logs_computed_change(store):
    record = add(store, "Russian forces took Kucherivka", "Russian MoD")
    ledger.add_evidence(store, record["id"], {"source": "DeepState", "stance": "supports"}, "alice")
    ledger.assess(store, record["id"], "contested", "alice", note="only the outskirts")
    _, changed = ledger.edit_source(store, "DeepState", "bob", side="independent")
    assert changed == []  # still strong support: nothing changed
    _, changed = ledger.edit_source(store, "DeepState", "bob", side="unknown")
    stored = store.get_claim(record["id"])
    assert [c["id"] for c in changed] == [record["id"]]
    assert stored["computed_status"] == "unverified"
    assert stored["status"] == "contested"  # the assessment still decides
    assert stored["history"][-1]["action"] == "re-evaluated"


def test_grade_change_re_evaluates_nothing(store):
    record = add(store, "Russian forces took Kucherivka", "Russian MoD")
    ledger.add_evidence(store, record["id"], {"source": "DeepState", "stance": "supports"}, "alice")
    history = store.get_claim(record["id"])["history"]
    _, changed = ledger.edit_source(store, "DeepState", "bob", grade="B")
    assert changed == []
    assert store.get_claim(record["id"])["history"] == history


def test_assessment_overrides_and_clears_on_the_store(store):
    record = add(store, "Russian forces took Kucherivka", "Russian MoD")
    ledger.add_evidence(store, record["id"], {"source": "ISW", "stance": "disputes"}, "alice")
    assessed = ledger.assess(store, record["id"], "Confirmed", "carol", note="new footage")
    assert assessed["computed_status"] == "refuted"
    assert assessed["status"] == "confirmed"
    assert assessed["assessment"]["analyst"] == "carol"
    assert assessed["history"][-1]["status_before"] == "refuted"
    assert assessed["history"][-1]["status_after"] == "confirmed"
    cleared = ledger.assess(store, record["id"], None, "carol")
    assert cleared["assessment"] is None
    assert cleared["status"] == "refuted"
    assert cleared["history"][-1]["action"] == "assessment-cleared"
    assert len(cleared["history"]) == 4  # created, evidence, assessed, cleared: nothing rewritten


def test_a_claimant_backing_its_own_claim_is_called_its_own_word():
    """(bug hunt) "only corroborated by Russian MoD" for the MoD confirming its own claim read as
    corroboration; it is the claimant's own word, which never counts."""
    from claims_cli.verification import evaluate

    claim = {"source": "Russian MoD", "evidence": [
        {"source": "Russian MoD", "stance": "supports", "on": "2025-12-02"}]}
    assert evaluate(claim, REGISTRY).reason == "no independent support yet: only the claimant's own word"
    claim["evidence"].append({"source": "Telegram", "stance": "supports", "on": "2025-12-02"})
    assert evaluate(claim, REGISTRY).reason == ("no independent support yet: only weak support from Telegram, "
                                                "and the claimant's own word")


def test_a_contested_claims_reason_names_its_weak_support_too():
    """(analyst pass) Russian MoD backing a Reuters claim that Ukraine disputes left the reason at
    "disputed by Ukraine": the new evidence seemed to have done nothing."""
    from claims_cli.verification import evaluate

    claim = {"source": "Reuters", "evidence": [
        {"source": "Ukraine", "stance": "disputes", "on": "2025-12-02"},
        {"source": "Russian MoD", "stance": "supports", "on": "2025-12-02"}]}
    verdict = evaluate(claim, REGISTRY)
    assert verdict.status.value == "contested"
    assert verdict.reason == "disputed by Ukraine; only weak support from Russian MoD"
    claim["evidence"].append({"source": "Reuters", "stance": "supports", "on": "2025-12-03"})
    assert evaluate(claim, REGISTRY).reason == ("disputed by Ukraine; only weak support from Russian MoD, and "
                                                "the claimant's own word")


def test_a_claimant_disputing_its_own_claim_is_said_to_be_the_claimant():
    """(rule hunt) The MoD walking back its own claim read "disputed by Russian MoD", as if another
    voice had; it is weak (a collective source such as Telegram may be another channel of it, see
    the README), and the reason now says whose word it is."""
    from claims_cli.verification import evaluate

    claim = {"source": "Russian MoD", "evidence": [
        {"source": "MoD", "stance": "disputes", "on": "2025-12-02"}]}
    verdict = evaluate(claim, REGISTRY)
    assert (verdict.status.value, verdict.reason) == ("contested", "disputed by MoD (the claimant itself)")
    claim["evidence"].append({"source": "Ukraine", "stance": "disputes", "on": "2025-12-02"})
    assert evaluate(claim, REGISTRY).reason == "disputed by MoD (the claimant itself), Ukraine"


@pytest.mark.parametrize("last", ["zzzz", "2025-12-07 09:30"])
def test_a_damaged_last_time_is_not_carried_to_the_next_entry(last):
    """(review) next_stamp compared the last entry's time as text: a hand edit's "zzzz" became the
    time of every change after it."""
    now = "2026-12-05T10:00:00Z"
    assert ledger.next_stamp([{"at": last}], now) == now
    ahead = "2026-12-05T13:00:00Z"  # (a desk whose clock runs 3 hours ahead: kept, in time order)
    assert ledger.next_stamp([{"at": ahead}], now) == ahead[:18] + str(int(ahead[18]) + 1) + "Z"  # (a second after)


@pytest.mark.parametrize("last", ["2026-12-08T11:20:00Z", "2099-01-01T00:00:00Z"])
def test_a_last_time_more_than_a_day_ahead_is_still_followed(last):
    """(time-edges hunt) A clock more than a day behind the last entry stamped the change now,
    before the entry it follows: the report, reading the history in time order, counted the claim
    confirmed before it was recorded and unverified after. Which clock was wrong one time cannot
    say: the change follows it, and the command warns (ledger.clock_behind_said); doctor names
    a time in the future (a hand edit's 2099)."""
    now = "2026-12-05T10:00:00Z"
    assert ledger.next_stamp([{"at": last}], now) == last[:-3] + "01Z"
    assert ledger.next_stamp([{"at": now}], now, after=last) == last[:-3] + "01Z"  # (an assessment's time)
    said, hint = ledger.clock_behind_said([{"id": "C-0007", "history": [{"at": last[:-3] + "01Z"}]}], now)
    behind = "3 days 1 hour" if last.startswith("2026") else "26,324 days 14 hours"
    assert said == (f"this machine's clock (2026-12-05 10:00:00 UTC) is {behind} behind C-0007's history: the "
                    f"change is recorded at {last[:-4].replace('T', ' ')}:01 UTC, a second after its last change, "
                    "to keep the history in time order"), said
    assert hint == ("Set the clock right (`date -u` shows it); if C-0007's last time is the wrong one (a clock that "
                    "ran ahead, a hand edit), `claims doctor` names it."), hint
    assert ledger.clock_behind_said([{"id": "C-0007", "history": [{"at": "2026-12-06T09:00:00Z"}]}], now) is None


@pytest.mark.parametrize("sources, claims, whose", [
    (["Src A"], [], "source Src A's history"),
    (["Two Majors"], [], "source Two Majors' history"),
    (["Src A", "Src B"], [], "the history of source Src A and 1 other source"),
    ([], ["C-0001", "C-0002", "C-0003"], "the history of C-0001 and 2 other claims"),
    (["Src A"], ["C-0001"], "the history of source Src A and 1 claim"),
    (["Src A", "Src B"], ["C-0001", "C-0002"], "the history of source Src A, 1 other source and 2 claims"),
    (["Src A", "Src B", "Src C"], ["C-0001"], "the history of source Src A, 2 other sources and 1 claim"),
])
def test_a_clock_behind_several_histories_is_said_in_one_list(sources, claims, whose):
    """(review) An import on a clock behind 2 sources' and 2 claims' histories said "behind the
    history of source Src A and 1 other source and 2 claims": one list, "A, B and C"."""
    now, stamp = "2026-12-05T10:00:00Z", "2026-12-08T10:00:01Z"
    said, hint = ledger.clock_behind_said([{"id": claim, "history": [{"at": stamp}]} for claim in claims], now,
                                          [(name, [{"at": stamp}]) for name in sources])
    assert said.startswith(f"this machine's clock (2026-12-05 10:00:00 UTC) is 3 days behind {whose}: "), said
    first = f"source {sources[0]}" if sources else claims[0]
    assert f"if {possessive(first)} last time is the wrong one" in hint, hint


@pytest.mark.parametrize("stamp, behind", [
    ("2026-12-08T09:59:01Z", "3 days"),  # (a second short of 3 days, and a minute: "2 days" was said)
    ("2026-12-08T10:00:01Z", "3 days"),
    ("2026-12-08T09:20:01Z", "2 days 23 hours"),
    ("2026-12-08T11:20:01Z", "3 days 1 hour"),
    ("2026-12-06T12:00:01Z", "1 day 2 hours"),
    ("2026-12-07T08:00:01Z", "1 day 22 hours"),
])
def test_how_far_a_clock_is_behind_is_said_to_the_hour(stamp, behind):
    """(review) The days a clock is behind were counted down: almost 3 days said "2 days". Said to
    the nearest hour, hours too where they are not whole days."""
    said, _ = ledger.clock_behind_said([{"id": "C-0007", "history": [{"at": stamp}]}], "2026-12-05T10:00:00Z")
    assert f" is {behind} behind C-0007's history: " in said, said


@pytest.mark.parametrize("behind, said", [((24, 30), "1 day 1 hour"), ((25, 30), "1 day 2 hours"),
                                          ((26, 30), "1 day 3 hours"), ((26, 29), "1 day 2 hours")])
def test_how_far_the_clock_is_behind_rounds_a_half_hour_up(behind, said):
    """(review) round() sends a half to the even hour: 24 h 30 min was "1 day", 26 h 30 min "1 day 2
    hours", as 25 h 30 min was. A half hour is rounded up, always."""
    from datetime import datetime, timedelta

    now = "2026-12-07T09:00:00Z"
    stamp = (datetime(2026, 12, 7, 9) + timedelta(hours=behind[0], minutes=behind[1])).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ledger._behind_said(now, stamp) == said
