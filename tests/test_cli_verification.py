"""Verification through the real CLI: evidence, the article's cases end to end, assessments,
the audit trail, and the contested and unverified views."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from datetime import date, timedelta
from pathlib import Path

import pytest


def add(cli, text, source, *options) -> str:
    return cli("add", text, "--source", source, *options, ok=True).stdout.strip()


def show(cli, claim_id) -> dict:
    return cli("show", claim_id, "--format", "json", ok=True).json()


def ids(result) -> list[str]:
    return [claim["id"] for claim in result.json()]


@pytest.fixture
def mod_claim(cli) -> str:
    return add(cli, "Russian forces took Kucherivka", "Russian MoD", "--on", "2025-12-07",
               "--place", "Kucherivka", "--region", "Kharkiv")


# ------------------------------------------------------------------------------ the article, end to end

def test_article_cases_end_to_end(cli, mod_claim):
    # Echoed only by Telegram: still unverified.
    echo = cli("confirm", mod_claim, "--by", "Telegram", "--kind", "statement", "--on", "2025-12-07", ok=True)
    assert echo.stdout == "E1\n"  # the item's ID alone on stdout, as add prints its claim's, for scripts
    # (new-user pass: no brackets inside the status line's brackets)
    assert echo.stderr.strip() == (f"{mod_claim}: unverified (no independent support yet: "
                                   "only weak support from Telegram); recorded as E1")
    assert show(cli, mod_claim)["status"] == "unverified"

    # Conceded by DeepState: confirmed.
    conceded = cli("confirm", mod_claim, "--by", "DeepState", "--kind", "map", "--on", "2025-12-08", ok=True)
    assert conceded.stderr.strip() == (f"{mod_claim}: unverified → confirmed (strong support from DeepState); "
                                       "recorded as E2")  # (the ID `evidence remove` takes: new-user pass)
    assert show(cli, mod_claim)["status"] == "confirmed"

    # Denied by Ukraine: contested.
    denied = cli("dispute", mod_claim, "--by", "Ukraine", "--kind", "statement", "--on", "2025-12-08", ok=True)
    assert denied.stderr.strip() == (f"{mod_claim}: confirmed → contested "
                                     "(strong support from DeepState; disputed by Ukraine); recorded as E3")
    assert [c["id"] for c in cli("contested", "--format", "json", ok=True).json()] == [mod_claim]


def test_each_evidence_command_prints_the_new_items_id_alone_on_stdout(cli, mod_claim):
    """(scripts) `E=$(claims dispute ...)` gives the ID `evidence remove` takes, as `add` gives its
    claim's; with -f json stdout holds the claim alone, the new item last in its evidence."""
    assert cli("dispute", mod_claim, "--by", "Ukraine", ok=True).stdout == "E1\n"
    assert cli("evidence", "add", mod_claim, "--by", "DeepState", "--stance", "inconclusive",
               ok=True).stdout == "E2\n"
    as_json = cli("confirm", mod_claim, "--by", "ISW", "-f", "json", ok=True).json()
    assert as_json["evidence"][-1]["id"] == "E3"
    assert cli("evidence", "remove", mod_claim, "E1", ok=True).stdout == ""  # nothing new to name


def test_independent_contradiction_without_strong_support_refutes(cli, mod_claim):
    cli("confirm", mod_claim, "--by", "Telegram", ok=True)
    result = cli("dispute", mod_claim, "--by", "ISW", "--kind", "satellite", "--on", "2025-12-08", ok=True)
    assert result.stderr.strip() == (f"{mod_claim}: unverified → refuted (strong dispute from ISW, no strong "
                                     "support); recorded as E2")
    claim = show(cli, mod_claim)
    assert claim["status"] == claim["computed_status"] == "refuted"
    assert ids(cli("list", "--status", "refuted", "--format", "json", ok=True)) == [mod_claim]


def test_status_line_is_one_line_however_narrow_the_terminal(cli, mod_claim, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    cli("confirm", mod_claim, "--by", "DeepState", ok=True)
    result = cli("dispute", mod_claim, "--by", "Ukraine", "--note", "fighting continues", ok=True)
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "disputed by Ukraine" in result.stderr


def test_format_json_prints_the_updated_claim(cli, mod_claim):
    result = cli("confirm", mod_claim, "--by", "GeoConfirmed", "--kind", "footage",
                 "--url", "https://example.org/v/1", "--note", "geolocated", "--on", "2025-12-08",
                 "--format", "json", ok=True)
    claim = result.json()
    assert claim["id"] == mod_claim and claim["status"] == "confirmed"
    item = claim["evidence"][0]
    assert {key: item[key] for key in ("id", "source", "stance", "on", "kind", "url", "note", "analyst")} == {
        "id": "E1", "source": "GeoConfirmed", "stance": "supports", "on": "2025-12-08", "kind": "footage",
        "url": "https://example.org/v/1", "note": "geolocated", "analyst": "tester"}
    assert item["withdrawn_at"] is None and item["recorded_at"].endswith("Z")
    assert "confirmed" in result.stderr  # the status line still goes to stderr
    assert show(cli, mod_claim) == claim


def test_evidence_add_and_defaults(cli, mod_claim):
    claim = cli("evidence", "add", mod_claim, "--by", "deepstatemap", "--stance", "Inconclusive",
                "--kind", "map", "--format", "json", ok=True).json()
    item = claim["evidence"][0]
    assert item["source"] == "DeepState" and item["stance"] == "inconclusive"
    assert item["on"] == date.today().isoformat()
    assert claim["status"] == "unverified"
    claim = cli("evidence", "add", mod_claim, "--by", "AP", "--stance", "supports", "--format", "json",
                ok=True).json()
    assert claim["evidence"][1]["id"] == "E2" and claim["evidence"][1]["kind"] == "other"
    assert claim["status"] == "confirmed"


@pytest.mark.parametrize(("options", "message"), [
    (("--by", "ISW", "--stance", "agrees"), "stance"),
    (("--by", "ISW", "--stance", "supports", "--kind", "rumour"), "kind"),
    (("--by", "Nobody", "--stance", "supports"), "unknown source"),
    (("--by", "ISW", "--stance", "supports", "--on", "2099-01-01"), "future"),
    (("--by", "ISW", "--stance", "supports", "--on", "03/04/2025"), "YYYY-MM-DD"),
    (("--by", "ISW", "--stance", "supports", "--on", ""), "empty"),
    (("--by", "ISW", "--stance", "supports", "--url", "ftp://example.org"), "http"),
])
def test_evidence_errors_change_nothing(cli, mod_claim, db, options, message):
    content = db.read_bytes()
    result = cli("evidence", "add", mod_claim, *options, ok=False)
    assert result.exit_code == 1
    assert message in result.stderr
    assert db.read_bytes() == content


def test_unknown_evidence_source_names_the_closest(cli, mod_claim):
    assert "GeoConfirmed" in cli("confirm", mod_claim, "--by", "GeoConfirmd", ok=False).stderr


@pytest.mark.parametrize("command", [("confirm",), ("dispute",), ("evidence", "add", "--stance", "supports")])
def test_an_empty_by_is_named_by_its_option(cli, mod_claim, db, command):
    """(tester) `confirm 3 --by ""` said "source is missing", where `edit 3 --source ""` says
    "--source is empty": the option given empty is named, as edit names it."""
    before = db.read_bytes()
    for empty in ("", "  "):
        result = cli(*command[:1], *command[1:2], mod_claim, *command[2:], "--by", empty, ok=False)
        assert (result.exit_code, result.stderr) == (1, "Error: --by is empty\n")
    assert db.read_bytes() == before


def test_evidence_remove_is_logged_and_kept(cli, mod_claim, db):
    cli("confirm", mod_claim, "--by", "DeepState", ok=True)
    cli("dispute", mod_claim, "--by", "Ukraine", ok=True)
    result = cli("evidence", "remove", mod_claim, "e1", "--reason", "map was misread", "--analyst", "olena", ok=True)
    # (new-user pass: which item was withdrawn is said, as an added one's ID is)
    assert result.stderr.strip() == f"{mod_claim}: contested (disputed by Ukraine); E1 withdrawn"
    claim = show(cli, mod_claim)
    assert claim["status"] == "contested"
    withdrawn = claim["evidence"][0]
    assert withdrawn["id"] == "E1" and withdrawn["source"] == "DeepState"  # still on record
    assert withdrawn["withdrawn_at"] and withdrawn["withdrawn_by"] == "olena"
    assert withdrawn["withdraw_reason"] == "map was misread"
    entry = claim["history"][-1]
    assert entry["action"] == "evidence-withdrawn" and entry["analyst"] == "olena"
    assert "E1" in entry["detail"] and "map was misread" in entry["detail"]
    assert "withdrawn" in cli("show", mod_claim, ok=True).stdout
    # A new item does not reuse the withdrawn ID.
    assert cli("confirm", mod_claim, "--by", "ISW", "--format", "json", ok=True).json()["evidence"][-1]["id"] == "E3"
    content = db.read_bytes()
    assert "already withdrawn" in cli("evidence", "remove", mod_claim, "E1", ok=False).stderr
    assert "no evidence E9" in cli("evidence", "remove", mod_claim, "E9", ok=False).stderr
    assert "not an evidence ID" in cli("evidence", "remove", mod_claim, "X1", ok=False).stderr
    assert db.read_bytes() == content


def test_remove_evidence_json(cli, mod_claim):
    cli("confirm", mod_claim, "--by", "DeepState", ok=True)
    claim = cli("evidence", "remove", mod_claim, "E1", "--format", "json", ok=True).json()
    assert claim["status"] == "unverified" and claim["evidence"][0]["withdrawn_at"]


@pytest.mark.parametrize("command, first, theirs, said", [
    (("confirm", "--by", "Reuters"), None, ("disputes", None), "refuted → contested"),
    (("evidence", "remove", "E1"), ("DeepState", "supports"), ("disputes", None), "contested → refuted"),
    (("assess", "confirmed"), None, ("disputes", None), "refuted → confirmed (analyst's assessment; computed refuted"),
    # (an assessed claim: its status is the assessment's, which the other writer changed)
    (("confirm", "--by", "DeepState"), None, (None, "refuted"), "C-0001: refuted (analyst's assessment; computed "
                                                                 "confirmed"),
])
def test_the_status_before_is_the_one_the_change_found_under_the_lock(cli, mod_claim, db, monkeypatch, command,
                                                                       first, theirs, said):
    """(concurrency hunt) The status before was read before the writers' lock: another writer's
    change landing in between was said as this one's ("unverified → ..." twice at once)."""
    from claims_cli import ledger
    from claims_cli.store import ClaimStore

    if first:
        cli("evidence", "add", mod_claim, "--by", first[0], "--stance", first[1], ok=True)
    if theirs[1]:
        cli("assess", mod_claim, "contested", ok=True)
    real_transaction = ClaimStore.transaction
    raced: list = []

    def another_writer_first(store, *args, **kwargs):
        if not raced:  # (the other writer's change lands as this command waits for the lock)
            raced.append(True)
            other = ClaimStore(db)
            if theirs[0]:
                ledger.add_evidence(other, mod_claim, {"source": "ISW", "stance": theirs[0]}, "other analyst")
            else:
                ledger.assess(other, mod_claim, theirs[1], "other analyst")
        return real_transaction(store, *args, **kwargs)

    verb, *rest = command
    with monkeypatch.context() as racing:
        racing.setattr(ClaimStore, "transaction", another_writer_first)
        result = cli(verb, *([rest[0], mod_claim, *rest[1:]] if verb == "evidence" else [mod_claim, *rest]), ok=True)
    entry = show(cli, mod_claim)["history"][-1]
    assert entry["analyst"] == "tester"
    assert said in result.stderr, result.stderr
    assert said.startswith(f"{mod_claim}: {entry['status_after']}" if entry["status_before"] == entry["status_after"]
                           else f"{entry['status_before']} → {entry['status_after']}")


# ------------------------------------------------------------------------------ assessments

def test_assess_overrides_and_clear_restores(cli, mod_claim):
    cli("dispute", mod_claim, "--by", "ISW", ok=True)
    result = cli("assess", mod_claim, "confirmed", "--note", "new footage from the centre", ok=True)
    assert "refuted → confirmed" in result.stderr and "analyst's assessment" in result.stderr
    claim = show(cli, mod_claim)
    assert claim["status"] == "confirmed" and claim["computed_status"] == "refuted"
    assert claim["assessment"]["status"] == "confirmed"
    assert claim["assessment"]["note"] == "new footage from the centre"
    assert claim["assessment"]["analyst"] == "tester"
    # Both are shown, and it is clear which is in force.
    shown = cli("show", mod_claim, ok=True).stdout
    assert "analyst's assessment" in shown and "refuted" in shown and "confirmed" in shown
    assert ids(cli("list", "--status", "confirmed", "--format", "json", ok=True)) == [mod_claim]
    assert ids(cli("list", "--status", "refuted", "--format", "json", ok=True)) == []
    row = next(csv.DictReader(io.StringIO(cli("list", "--format", "csv", ok=True).stdout)))
    assert (row["status"], row["computed_status"], row["assessment"]) == ("confirmed", "refuted", "confirmed")
    assert "*" in cli("list", ok=True).stdout  # the table marks an assessed status
    # New evidence changes the computed status; the assessment stays in force.
    cli("confirm", mod_claim, "--by", "DeepState", ok=True)
    claim = show(cli, mod_claim)
    assert (claim["status"], claim["computed_status"]) == ("confirmed", "contested")
    cleared = cli("assess", mod_claim, "--clear", "--format", "json", ok=True)
    assert cleared.json()["status"] == "contested" and cleared.json()["assessment"] is None
    assert "confirmed → contested" in cleared.stderr


def test_assessing_the_same_status_again_without_a_note_keeps_the_note(cli, mod_claim, db):
    """(audit hunt) `assess C-1 confirmed` again, without --note, threw the assessment's note away
    unsaid: its "why" is what matters most. The same status without --note is the assessment it
    has; --note "" takes the note away; another status is a new assessment."""
    cli("assess", mod_claim, "confirmed", "--note", "footage shows the centre", ok=True)
    before = db.read_bytes()
    again = cli("assess", mod_claim, "confirmed", ok=True)
    assert "unchanged" in again.stderr and "its note kept." in again.stderr and db.read_bytes() == before
    assert show(cli, mod_claim)["assessment"]["note"] == "footage shows the centre"
    cli("assess", mod_claim, "confirmed", "--note", "", ok=True)
    assert show(cli, mod_claim)["assessment"]["note"] is None
    # (rule hunt) --note "" again: "with that note" of an assessment that has none
    assert cli("assess", mod_claim, "confirmed", "--note", "", ok=True).stderr.endswith(", with no note.\n")
    cli("assess", mod_claim, "refuted", ok=True)
    assert show(cli, mod_claim)["assessment"] == {**show(cli, mod_claim)["assessment"], "status": "refuted", "note": None}


def test_review_assessing_again_without_a_note_does_not_check_the_stored_note(cli, mod_claim, db):
    """(review) The kept note was cleaned again: a stored note over the limit (a hand edit, which
    doctor passes) failed a command that gave none, and one stored otherwise than cleaned
    (blanks around it) made a new assessment under another analyst and time."""
    cli("assess", mod_claim, "confirmed", "--note", "why", "--analyst", "olena", ok=True)
    raw = db.read_text(encoding="utf-8")
    db.write_text(raw.replace('"note":"why"', '"note":"  why  "').replace('"note": "why"', '"note": "  why  "'),
                  encoding="utf-8")
    assert "  why  " in db.read_text(encoding="utf-8")
    before = db.read_bytes()
    again = cli("assess", mod_claim, "confirmed", "--analyst", "taras", ok=True)
    assert "unchanged" in again.stderr and db.read_bytes() == before


def test_assess_errors(cli, mod_claim, db):
    content = db.read_bytes()
    assert "status" in cli("assess", mod_claim, "probable", ok=False).stderr
    neither = cli("assess", mod_claim, "--note", "x", ok=False).stderr
    assert "--clear" in neither and "not both" not in neither and "give a status" in neither
    assert "not both" in cli("assess", mod_claim, "confirmed", "--clear", ok=False).stderr
    assert "no assessment" in cli("assess", mod_claim, "--clear", ok=False).stderr
    assert db.read_bytes() == content


# ------------------------------------------------------------------------------ the audit trail

def test_history_records_analyst_and_status_before_and_after(cli, mod_claim, monkeypatch):
    cli("--analyst", "olena", "confirm", mod_claim, "--by", "DeepState", ok=True)
    cli("dispute", mod_claim, "--by", "Ukraine", "--analyst", "taras", ok=True)
    monkeypatch.setenv("CLAIMS_ANALYST", "from-env")
    cli("assess", mod_claim, "refuted", ok=True)
    monkeypatch.delenv("CLAIMS_ANALYST")
    cli("edit", mod_claim, "--add-tag", "kharkiv-axis", ok=True)  # falls back to the login name
    cli("delete", mod_claim, "--yes", ok=True)
    cli("restore", mod_claim, ok=True)
    history = cli("history", mod_claim, "--format", "json", ok=True).json()
    assert [e["action"] for e in history] == ["created", "evidence-added", "evidence-added", "assessed",
                                              "edited", "deleted", "restored"]
    assert [e["analyst"] for e in history[:4]] == ["tester", "olena", "taras", "from-env"]
    assert history[4]["analyst"] not in ("", None, "tester", "from-env")
    assert [(e["status_before"], e["status_after"]) for e in history[:4]] == [
        (None, "unverified"), ("unverified", "confirmed"), ("confirmed", "contested"), ("contested", "refuted")]
    assert history[4]["changes"] == {"tags": [[], ["kharkiv-axis"]]}
    for entry in history:
        assert entry["at"].endswith("Z") and "T" in entry["at"]
    assert [e["at"] for e in history] == sorted(e["at"] for e in history)
    # every entry has the same keys, in the CSV's order (null when empty); jsonl and csv carry the same
    columns = ["at", "analyst", "action", "status_before", "status_after", "changes", "detail"]
    assert all(list(entry)[:7] == columns for entry in history)
    assert history[0]["changes"] is None and history[4]["detail"] is None
    lines = cli("history", mod_claim, "--format", "jsonl", ok=True).stdout.splitlines()
    assert [json.loads(line) for line in lines] == history
    rows = list(csv.DictReader(io.StringIO(cli("history", mod_claim, "--format", "csv", ok=True).stdout)))
    assert [row["action"] for row in rows] == [e["action"] for e in history]
    assert rows[4]["changes"] == '{"tags":[[],["kharkiv-axis"]]}'
    table = cli("history", mod_claim, ok=True).stdout
    assert "olena" in table and "evidence-added" in table


def test_history_is_never_rewritten(cli, mod_claim):
    cli("confirm", mod_claim, "--by", "DeepState", ok=True)
    before = cli("history", mod_claim, "--format", "json", ok=True).json()
    cli("evidence", "remove", mod_claim, "E1", ok=True)
    cli("confirm", mod_claim, "--by", "ISW", ok=True)
    cli("sources", "edit", "ISW", "--side", "russia", ok=True)
    after = cli("history", mod_claim, "--format", "json", ok=True).json()
    assert after[:len(before)] == before
    assert [e["action"] for e in after[len(before):]] == ["evidence-withdrawn", "evidence-added", "re-evaluated"]


@pytest.mark.parametrize("before, command", [
    ([], ["confirm", "C-0001", "--by", "GeoConfirmed", "--kind", "footage"]),
    ([], ["evidence", "remove", "C-0001", "E1", "--reason", "misread"]),
    ([], ["edit", "C-0001", "--place", "Elsewhere"]),
    ([], ["assess", "C-0001", "refuted"]),
    ([], ["delete", "C-0001", "--yes"]),
    (["delete", "C-0001", "--yes"], ["restore", "C-0001"]),
    ([], ["sources", "edit", "ISW", "--side", "ukraine"]),
    ([], ["sources", "rename", "ISW", "ISW Maps"]),
    ([], ["sources", "merge", "ISW", "DeepState", "--yes"]),
])
def test_a_clock_more_than_a_day_behind_keeps_the_history_in_order_and_says_so(cli, monkeypatch, before, command):
    """(time-edges hunt) A machine whose clock ran 3 days behind the claim's last change stamped
    the change by it, before that change: `history` read out of time order, `report` counted the
    claim confirmed before it was recorded and unverified at the end, and nothing was said. Each
    change now follows the last one, and the command warns (ledger.clock_behind_said)."""
    from claims_cli import dates

    add(cli, "Russian forces took Y", "Russian MoD", "--on", "2025-12-01")
    cli("dispute", "C-0001", "--by", "ISW", "--kind", "statement", ok=True)
    if before:
        cli(*before, ok=True)
    last = show(cli, "C-0001")["history"][-1]["at"]
    real = dates.time_ns
    with monkeypatch.context() as patch:
        patch.setattr(dates, "time_ns", lambda: real() - 3 * 86_400 * 10**9)
        done = cli(*command, ok=True)
    history = show(cli, "C-0001")["history"]
    stamps = [entry["at"] for entry in history]
    assert stamps == sorted(stamps) and stamps[-1] > last, history
    assert "Warning: this machine's clock (" in done.stderr, done.stderr
    assert " is 3 days behind C-0001's history: the change is recorded at " in done.stderr, done.stderr
    assert "`claims doctor` names it." in done.stderr, done.stderr


def test_a_report_after_a_change_on_a_clock_behind_counts_it_once_recorded(cli, monkeypatch):
    """(time-edges hunt) The explorer's case: added at the real time, confirmed on a clock three
    days behind; the report of the last three days said confirmed at the start and unverified at
    the end. The claim did not exist at the start, and is confirmed at the end."""
    from claims_cli import dates

    add(cli, "Russian forces took Y", "Russian MoD", "--on", "2025-12-01")
    real = dates.time_ns
    with monkeypatch.context() as patch:
        patch.setattr(dates, "time_ns", lambda: real() - 3 * 86_400 * 10**9)
        cli("confirm", "C-0001", "--by", "GeoConfirmed", "--kind", "footage", ok=True)
    today = date.today()
    report = cli("report", "--since", (today - timedelta(days=2)).isoformat(), "--until",
                 (today + timedelta(days=1)).isoformat(), "--format", "json", ok=True).json()
    changes = report["status_changes"]
    assert sum(changes["at_start"].values()) == 0, changes
    assert changes["at_end"]["confirmed"] == 1 and sum(changes["at_end"].values()) == 1, changes


def test_history_of_unknown_claim(cli):
    result = cli("history", "C-0404", ok=False)
    assert result.exit_code == 1 and "no claim C-0404" in result.stderr


# ------------------------------------------------------------------------------ a source changing side

def test_changing_a_source_side_re_evaluates_through_the_cli(cli, mod_claim):
    cli("confirm", mod_claim, "--by", "DeepState", ok=True)
    result = cli("sources", "edit", "DeepState", "--side", "russia", "--analyst", "olena", ok=True)
    assert f"{mod_claim}: confirmed → unverified" in result.stderr
    claim = show(cli, mod_claim)
    assert claim["status"] == "unverified"
    entry = claim["history"][-1]
    assert (entry["action"], entry["analyst"]) == ("re-evaluated", "olena")
    assert (entry["status_before"], entry["status_after"]) == ("confirmed", "unverified")
    cli("sources", "edit", "DeepState", "--side", "ukraine", ok=True)
    assert show(cli, mod_claim)["status"] == "confirmed"


# ------------------------------------------------------------------------------ views

@pytest.fixture
def views(cli):
    today = date.today()
    old = (today - timedelta(days=30)).isoformat()
    recent = (today - timedelta(days=3)).isoformat()
    claims = {
        "old": add(cli, "Old unverified claim", "Russian MoD", "--on", old, "--region", "Donetsk"),
        "recent": add(cli, "Recent unverified claim", "Telegram", "--on", recent, "--region", "Kharkiv"),
        "first_contested": add(cli, "First contested", "Russian MoD", "--on", old, "--place", "Покровськ"),
        "second_contested": add(cli, "Second contested", "Ukraine", "--on", recent),
        "confirmed": add(cli, "Confirmed claim", "Ukraine", "--on", recent),
    }
    cli("confirm", claims["first_contested"], "--by", "ISW", ok=True)
    cli("dispute", claims["first_contested"], "--by", "Ukraine", ok=True)
    cli("dispute", claims["second_contested"], "--by", "Russian MoD", ok=True)
    cli("confirm", claims["confirmed"], "--by", "Reuters", ok=True)
    return claims


def test_contested_view(cli, views):
    result = cli("contested", "--format", "json", ok=True)
    assert set(ids(result)) == {views["first_contested"], views["second_contested"]}
    assert all(claim["status"] == "contested" for claim in result.json())
    assert ids(cli("contested", "--place", "покровськ", "--format", "json", ok=True)) == [views["first_contested"]]
    assert ids(cli("contested", "--side", "ukraine", "--format", "json", ok=True)) == [views["second_contested"]]
    assert ids(cli("contested", "--status", "confirmed", "--format", "json", ok=True)) == []
    rows = list(csv.DictReader(io.StringIO(cli("contested", "--format", "csv", ok=True).stdout)))
    rows = [row for row in rows if row["id"] == views["first_contested"]]
    assert rows[0]["supported_by"] == "ISW" and rows[0]["disputed_by"] == "Ukraine"
    assert rows[0]["strong_support"] == "1" and rows[0]["weak_disputes"] == "1"
    assert len(cli("contested", "--format", "jsonl", ok=True).stdout.splitlines()) == 2
    table = cli("contested", ok=True).stdout
    assert "First contested" in table and "~Ukraine" in table and "ISW" in table and "~Russian MoD" in table
    assert "30" in table  # days since the claim


def test_contested_latest_change_first(cli, views):
    # Change times are recorded to the second: wait for the next one so the order is defined.
    time.sleep(1.02 - time.time() % 1)
    cli("evidence", "add", views["first_contested"], "--by", "AP", "--stance", "inconclusive", ok=True)
    assert ids(cli("contested", "--format", "json", ok=True)) == [views["first_contested"], views["second_contested"]]
    assert ids(cli("contested", "--sort", "id", "--format", "json", ok=True)) == \
        [views["first_contested"], views["second_contested"]]
    assert ids(cli("contested", "--sort", "-id", "--format", "json", ok=True)) == \
        [views["second_contested"], views["first_contested"]]


def test_unverified_view(cli, views):
    result = cli("unverified", "--format", "json", ok=True)
    assert ids(result) == [views["old"], views["recent"]]  # oldest first
    assert ids(cli("unverified", "--older-than", "7", "--format", "json", ok=True)) == [views["old"]]
    assert ids(cli("unverified", "--older-than", "2", "--format", "json", ok=True)) == [views["old"], views["recent"]]
    assert ids(cli("unverified", "--older-than", "3", "--format", "json", ok=True)) == [views["old"]]
    assert ids(cli("unverified", "--older-than", "60", "--format", "json", ok=True)) == []
    assert ids(cli("unverified", "--region", "kharkiv", "--format", "json", ok=True)) == [views["recent"]]
    assert ids(cli("unverified", "--limit", "1", "--format", "json", ok=True)) == [views["old"]]
    table = cli("unverified", ok=True).stdout
    assert "Old unverified claim" in table and "Confirmed claim" not in table
    assert cli("unverified", "--older-than", "-1", ok=False).exit_code == 2
    for beyond_any_date in ("739590", "99999999999999999999"):  # (not an internal error: nothing is that old)
        assert ids(cli("unverified", "--older-than", beyond_any_date, "--format", "json", ok=True)) == []
        none = cli("unverified", "--older-than", beyond_any_date, ok=True)
        assert (none.stdout, none.stderr.strip()) == ("", "No unverified claims match.")  # (a filter: no all-clear)


def test_empty_views(cli):
    assert cli("contested", "--format", "json", ok=True).json() == []
    assert cli("unverified", "--format", "json", ok=True).json() == []
    assert "does not exist" in cli("contested", ok=True).stderr  # (no database yet: said so)
    add(cli, "Russian forces took Kucherivka", "Russian MoD", "--on", "2025-12-07")
    none = cli("contested", ok=True)  # (a message, on stderr, as `list` says "No claims match.")
    assert (none.stdout, none.stderr.strip()) == ("", "No contested claims.")


def test_show_explains_status_evidence_strength_and_history(cli, mod_claim):
    cli("confirm", mod_claim, "--by", "Telegram", ok=True)
    cli("confirm", mod_claim, "--by", "DeepState", "--note", "map shows it", ok=True)
    cli("dispute", mod_claim, "--by", "Ukraine", ok=True)
    shown = cli("show", mod_claim, ok=True).stdout
    for words in ("contested", "strong support from DeepState", "disputed by Ukraine", "weak:", "strong:",
                  "corroboration", "denial", "map shows it", "Evidence", "History",
                  "evidence-added"):
        assert words in shown, words


# ------------------------------------------------------------------------------ colour

def test_no_colour_when_piped_or_with_no_color(cli, mod_claim, monkeypatch):
    cli("confirm", mod_claim, "--by", "DeepState", ok=True)
    assert "\x1b[" not in cli("list", ok=True).stdout  # NO_COLOR (set for every test)
    monkeypatch.delenv("NO_COLOR")
    plain = cli("confirm", mod_claim, "--by", "ISW", ok=True)  # not a terminal
    assert "\x1b[" not in plain.stderr and "\x1b[" not in cli("list", ok=True).stdout


def test_status_words_are_coloured_on_a_terminal(cli, mod_claim, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    cli("confirm", mod_claim, "--by", "DeepState", ok=True)
    table = cli("list", ok=True).stdout
    assert "\x1b[" in table and "confirmed" in table
    result = cli("dispute", mod_claim, "--by", "Ukraine", ok=True)
    assert "\x1b[" in result.stderr


@pytest.mark.parametrize("view", ["contested", "unverified", "list"])
def test_views_read_well_at_80_columns(cli, monkeypatch, view):
    """Long statements and source names wrap; no column (the days since the claim least of all)
    is cut off and no line is wider than the terminal."""
    monkeypatch.setenv("COLUMNS", "80")
    cli("sources", "add", "Black Bird Group", "--side", "independent", ok=True)
    claim_id = add(cli, "A very long statement about Russian forces taking the northern part of the "
                        "Kupiansk-Vuzlovyi railway hub and the villages around it", "Russian milbloggers",
                   "--outlet", "Two Majors channel", "--place", "Kupiansk-Vuzlovyi", "--on", "2025-12-01")
    if view != "unverified":
        for by in ("DeepState", "GeoConfirmed", "Black Bird Group"):
            cli("confirm", claim_id, "--by", by, ok=True)
        cli("dispute", claim_id, "--by", "Ukraine", ok=True)
        cli("dispute", claim_id, "--by", "Russian MoD", ok=True)
    output = cli(view, ok=True).stdout
    lines = output.splitlines()
    assert max(len(line) for line in lines) <= 80, output
    days = str((date.today() - date(2025, 12, 1)).days)
    if view != "list":
        assert "Age" in lines[1], output
        assert lines[3].rstrip().endswith(days), output
    else:
        assert "Statement" in lines[0] and "contested" in output


def test_views_mark_an_assessed_status(cli, mod_claim):
    """The caption promises '* = analyst's assessment': the mark must be there, and only there."""
    other = add(cli, "Second claim", "Ukraine", "--on", "2025-12-06")
    cli("dispute", other, "--by", "Russian MoD", ok=True)  # computed contested
    cli("confirm", mod_claim, "--by", "DeepState", ok=True)  # computed confirmed...
    cli("assess", mod_claim, "contested", ok=True)  # ...assessed contested
    table = cli("contested", ok=True).stdout
    assert f"{mod_claim}*" in table
    assert other in table and f"{other}*" not in table


def test_editing_the_claimant_re_evaluates(cli, mod_claim):
    cli("confirm", mod_claim, "--by", "DeepState", ok=True)  # a concession: confirmed
    result = cli("edit", mod_claim, "--source", "Ukraine", "--format", "json", ok=True)
    claim = result.json()
    assert claim["status"] == "unverified"  # DeepState is now the claimant's own side
    assert "confirmed → unverified" in result.stderr
    entry = claim["history"][-1]
    assert entry["changes"]["source"] == ["Russian MoD", "Ukraine"]
    assert (entry["status_before"], entry["status_after"]) == ("confirmed", "unverified")


def test_the_review_screens_legend_says_what_plain_text_shows(cli, views):
    """Off a terminal (or with NO_COLOR) nothing is bold: the legend said "bold = strong", and
    strong evidence is in fact the name without a mark. The assessment's * is explained only when
    a claim shown has one, as in `list`."""
    table = cli("contested", ok=True).stdout
    assert "bold" not in table
    assert "~ = weak evidence, unmarked = strong;" in table
    assert "* = analyst's assessment" not in table
    cli("assess", views["second_contested"], "refuted", "--note", "old footage", ok=True)
    cli("assess", views["first_contested"], "contested", "--note", "kept on the screen", ok=True)
    assert "* = analyst's assessment" in cli("contested", ok=True).stdout
    assert "* = analyst's assessment" not in cli("unverified", ok=True).stdout


def test_overridden_lists_the_assessments_the_rule_no_longer_gives(cli, views):
    """An analyst's assessment stays in force whatever evidence comes later: `--overridden` finds
    the claims whose assessment is not what the rule now computes, the ones to look at again."""
    confirmed, contested = views["confirmed"], views["first_contested"]
    cli("assess", confirmed, "confirmed", "--note", "footage decisive", ok=True)  # the rule agrees
    cli("assess", contested, "refuted", "--note", "the footage is older", ok=True)
    assert ids(cli("list", "--overridden", "--format", "json", ok=True)) == [contested]
    cli("dispute", confirmed, "--by", "AP", "--kind", "media", ok=True)  # computed: contested now
    assert sorted(ids(cli("list", "--overridden", "--format", "json", ok=True))) == sorted([confirmed, contested])
    assert ids(cli("list", "--overridden", "--status", "confirmed", "--format", "json", ok=True)) == [confirmed]
    assert ids(cli("contested", "--overridden", "--format", "json", ok=True)) == []  # (in force: not contested)
    assert ids(cli("list", "--status", "contested", "--format", "json", ok=True)) == [views["second_contested"]]
    exported = cli("export", "--format", "markdown", "--overridden", ok=True).stdout
    assert "(filtered: --overridden)" in exported and contested in exported and views["old"] not in exported
    cli("assess", contested, "--clear", ok=True)
    assert ids(cli("list", "--overridden", "--format", "json", ok=True)) == [confirmed]
    assert "--overridden" in cli("list", "--help", ok=True).stdout


def test_evidence_by_lists_the_claims_a_source_gave_live_evidence_on(cli):
    """(analyst hunt) `--source DeepState` finds the claims DeepState made, none in the seed, while
    it weighed in on three: `--evidence-by` finds the claims a source (by name or alias) gave
    evidence on, any stance, withdrawn items aside; with every listing, view and export."""
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("add", "Northern Siversk captured", "--source", "Telegram", "--on", "2025-12-07", ok=True)
    cli("add", "Fighting goes on in Siversk", "--source", "Ukraine", "--on", "2025-12-07", ok=True)
    cli("add", "DeepState shades Myrnohrad grey", "--source", "DeepState", "--on", "2025-12-07", ok=True)
    cli("confirm", "C-0001", "--by", "DeepState", "--kind", "map", "--on", "2025-12-08", ok=True)
    cli("evidence", "add", "C-0002", "--by", "deepstate", "--stance", "inconclusive", "--on", "2025-12-08", ok=True)
    cli("dispute", "C-0003", "--by", "DeepState", "--on", "2025-12-08", ok=True)
    cli("evidence", "remove", "C-0003", "E1", "--reason", "misread map", ok=True)
    assert sorted(ids(cli("list", "--evidence-by", "DeepState", "--format", "json", ok=True))) == ["C-0001", "C-0002"]
    assert sorted(ids(cli("list", "--evidence-by", "DeepState", "--evidence-by", "Ukraine", "--format", "json",
                          ok=True))) == ["C-0001", "C-0002"]
    assert ids(cli("list", "--evidence-by", "DeepState", "--source", "Telegram", "--format", "json",
                   ok=True)) == ["C-0002"]
    assert ids(cli("unverified", "--evidence-by", "DeepState", "--format", "json", ok=True)) == ["C-0002"]
    exported = cli("export", "--format", "markdown", "--evidence-by", "deepstate", ok=True).stdout
    assert "(filtered: --evidence-by DeepState)" in exported
    unknown = cli("list", "--evidence-by", "DeepStat")
    assert unknown.exit_code != 0 and "DeepState" in unknown.stderr and "Traceback" not in unknown.stderr
    none = cli("list", "--source", "ISW", ok=True)
    assert "No claims match." in none.stderr and "--evidence-by" in none.stderr
    # (review) not when another filter left out the claims the source made
    assert "--evidence-by" not in cli("list", "--source", "DeepState", "--status", "confirmed", ok=True).stderr
    assert "--evidence-by" in cli("contested", "--help", ok=True).stdout


def test_strong_evidence_from_a_source_graded_unreliable_is_said_to_count_all_the_same(cli, monkeypatch):
    """(analyst hunt) a source graded E confirmed a claim with no word of its grade: the rule reads
    sides, not grades, which stays, but the evidence command says so, and how to overrule it."""
    cli("sources", "add", "Anon OSINT", "--side", "independent", "--kind", "social", "--grade", "E", ok=True)
    cli("sources", "add", "Shaky Map", "--side", "independent", "--kind", "osint", "--grade", "D", ok=True)
    cli("sources", "add", "Good Map", "--side", "independent", "--kind", "osint", "--grade", "B", ok=True)
    cli("add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    result = cli("confirm", "C-0001", "--by", "Anon OSINT", "--kind", "statement", "--on", "2025-12-08", ok=True)
    assert "confirmed" in result.stderr.splitlines()[0]
    assert ("Warning: Anon OSINT is graded E (unreliable), yet its support counts as strong: the rule reads "
            "sides, not grades; `claims assess C-0001 STATUS` if you judge otherwise.") in result.stderr
    result = cli("dispute", "C-0001", "--by", "Shaky Map", "--on", "2025-12-08", ok=True)
    assert "Shaky Map is graded D (not usually reliable), yet its dispute counts as strong" in result.stderr
    assert "graded" not in cli("confirm", "C-0001", "--by", "Good Map", "--on", "2025-12-08", ok=True).stderr
    # (analyst hunt) `show` gives each evidence source's grade beside its name
    shown = " ".join(cli("show", "C-0001", ok=True).stdout.split())
    assert "Anon OSINT (E)" in shown and "Shaky Map (D)" in shown and "Good Map (B)" in shown
    monkeypatch.setenv("COLUMNS", "160")  # (review) on a wide console the grade stays on its name's line
    cli("sources", "add", "Black Bird Group", "--side", "independent", "--kind", "osint", "--grade", "B", ok=True)
    cli("confirm", "C-0001", "--by", "Black Bird Group", "--on", "2025-12-08", ok=True)
    assert "Black Bird Group (B)" in cli("show", "C-0001", ok=True).stdout
    # (weak evidence from such a source counts for little already: nothing to say)
    cli("add", "Fighting goes on in Rivne", "--source", "Anon OSINT", "--on", "2025-12-07", ok=True)
    assert "graded" not in cli("confirm", "C-0002", "--by", "Anon OSINT", "--on", "2025-12-08", ok=True).stderr


def test_an_edit_of_the_claimant_that_makes_a_source_graded_d_or_e_count_as_strong_says_so(cli):
    """(tester) `edit --source` of a claim whose status it moved now resting on a source graded D or
    E said "unverified → confirmed (strong support from Z Channel)" and nothing of its grade, as
    `sources edit` of the claimant's side does (the claimant's new side made Z Channel's support
    strong)."""
    def warnings(result) -> list[str]:
        return [line for line in result.stderr.splitlines() if line.startswith("Warning:")]

    cli("sources", "add", "Z Channel", "--side", "russia", "--kind", "social", "--grade", "E", ok=True)
    cli("add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    assert not warnings(cli("confirm", "C-0001", "--by", "Z Channel", "--kind", "footage", "--on", "2025-12-08",
                            ok=True))  # (weak: the claimant's own side)
    result = cli("edit", "C-0001", "--source", "Ukraine", ok=True)
    assert "C-0001: unverified → confirmed (strong support from Z Channel)" in result.stderr
    assert warnings(result) == [
        "Warning: Z Channel is graded E (unreliable), yet its support counts as strong on C-0001: the rule reads "
        "sides, not grades; `claims assess C-0001 STATUS` if you judge otherwise."], result.stderr
    # said once, when it came about: an edit that leaves it so, or takes it back, says nothing more
    assert not warnings(cli("edit", "C-0001", "--source", "DeepState", "--place", "Rivne", ok=True))
    assert not warnings(cli("edit", "C-0001", "--source", "Russian MoD", ok=True))
    # the rule's status moved under an assessment, as `sources edit` says it
    cli("add", "Russian forces took Dubno", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("confirm", "C-0002", "--by", "Z Channel", "--on", "2025-12-08", ok=True)
    cli("assess", "C-0002", "refuted", ok=True)
    result = cli("edit", "C-0002", "--source", "Ukraine", ok=True)
    assert "computed confirmed" in result.stderr
    assert warnings(result) == [
        "Warning: Z Channel is graded E (unreliable), yet its support counts as strong on C-0002: the rule reads "
        "sides, not grades; `claims assess C-0002 STATUS` if you judge otherwise."], result.stderr
    # a status left as it was (confirmed by Good Map, B) does not rest on it
    cli("sources", "add", "Good Map", "--side", "independent", "--kind", "osint", "--grade", "B", ok=True)
    cli("add", "Russian forces took Lutsk", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("confirm", "C-0003", "--by", "Z Channel", "--on", "2025-12-08", ok=True)
    cli("confirm", "C-0003", "--by", "Good Map", "--on", "2025-12-08", ok=True)
    assert not warnings(cli("edit", "C-0003", "--source", "Ukraine", ok=True))


def test_an_edit_of_the_claimant_that_turns_its_own_word_into_another_sources_evidence_says_so(cli):
    """(tester) `edit --source ISW` of a claim Telegraph made and supported itself (Telegraph only
    relayed ISW) said "unverified → confirmed (strong support from Telegraph)" and no more: the old
    claimant's own word now counted as an independent confirmation. The items in force are named,
    with the way to take them back; and the other way, evidence that is now the claimant's own."""
    def warnings(result) -> list[str]:
        return [line for line in result.stderr.splitlines() if line.startswith("Warning:")]

    cli("sources", "add", "Telegraph", "--side", "independent", "--kind", "media", ok=True)
    cli("add", "Myrnohrad is close to being encircled", "--source", "Telegraph", "--on", "2025-12-07", ok=True)
    cli("confirm", "C-0001", "--by", "Telegraph", "--on", "2025-12-07", "--note", "Telegraph report", ok=True)
    result = cli("edit", "C-0001", "--source", "ISW", ok=True)
    assert "C-0001: unverified → confirmed (strong support from Telegraph)" in result.stderr
    assert warnings(result) == [
        "Warning: C-0001 E1 (Telegraph supports) was the claimant's own word and now counts as strong support "
        "from another source: if Telegraph only relayed the claim, `claims evidence remove C-0001 E1` takes it "
        "back."], result.stderr
    # several items, named at once; a withdrawn or inconclusive one counts for nothing either way
    cli("edit", "C-0001", "--source", "Telegraph", ok=True)
    cli("confirm", "C-0001", "--by", "Telegraph", "--on", "2025-12-08", "--note", "follow-up", ok=True)
    cli("confirm", "C-0001", "--by", "Telegraph", "--on", "2025-12-08", "--note", "mistaken", ok=True)
    cli("evidence", "remove", "C-0001", "E3", ok=True)
    cli("evidence", "add", "C-0001", "--by", "Telegraph", "--stance", "inconclusive", "--on", "2025-12-08", ok=True)
    result = cli("edit", "C-0001", "--source", "ISW", ok=True)
    assert warnings(result) == [
        "Warning: C-0001 E1, E2 (Telegraph supports) were the claimant's own word and now count as strong support "
        "from another source: if Telegraph only relayed the claim, `claims evidence remove C-0001 ID` of each of "
        "E1, E2 takes them back."], result.stderr
    # the claimant's own dispute (walking it back), now another party's
    cli("add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("dispute", "C-0002", "--by", "Russian MoD", "--on", "2025-12-08", ok=True)
    result = cli("edit", "C-0002", "--source", "Ukraine", ok=True)
    assert warnings(result) == [
        "Warning: C-0002 E1 (Russian MoD disputes) was the claimant's own word and now counts as a weak dispute "
        "from another source: if Russian MoD only took back its own report, `claims evidence remove C-0002 E1` "
        "takes it back."], result.stderr
    # the other way: another source's evidence now the new claimant's own word
    cli("add", "Russian forces took Dubno", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("confirm", "C-0003", "--by", "ISW", "--on", "2025-12-08", ok=True)
    result = cli("edit", "C-0003", "--source", "ISW", ok=True)
    assert "C-0003: confirmed → unverified" in result.stderr
    assert warnings(result) == [
        "Warning: C-0003 E1 (ISW supports) was strong support from another source and is now the claimant's own "
        "word: if the claim was Russian MoD's, `claims edit C-0003 --source 'Russian MoD'` gives it back."], \
        result.stderr
    # an edit of the claimant that moves no item's standing says nothing of it
    assert not warnings(cli("edit", "C-0001", "--source", "GeoConfirmed", ok=True))


def test_the_own_word_warning_of_a_claimant_ending_in_s_says_its_possessive_so(cli):
    """(review) "if the claim was Two Majors's": a name ending in s takes an apostrophe alone."""
    cli("sources", "add", "Two Majors", "--side", "russia", "--kind", "social", ok=True)
    cli("add", "Russian forces took Dubno", "--source", "Two Majors", "--on", "2025-12-07", ok=True)
    cli("confirm", "C-0001", "--by", "ISW", "--on", "2025-12-08", ok=True)
    result = cli("edit", "C-0001", "--source", "ISW", ok=True)
    assert "if the claim was Two Majors', `claims edit C-0001 --source 'Two Majors'` gives it back." \
        in result.stderr, result.stderr


def test_a_withdrawal_that_leaves_a_claim_resting_on_a_d_or_e_source_alone_says_so(cli, db):
    """(lifecycle hunt) Withdrawing ISW's support left a claim confirmed on Rumour Mill (E) alone, in
    silence: its grade was said when it came, beside ISW's, and not now that it alone holds."""
    def warnings(result) -> list[str]:
        return [line for line in result.stderr.splitlines() if line.startswith("Warning:")]

    cli("sources", "add", "Rumour Mill", "--side", "independent", "--kind", "social", "--grade", "E", ok=True)
    cli("add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("confirm", "C-0001", "--by", "Rumour Mill", "--on", "2025-12-08", ok=True)
    cli("confirm", "C-0001", "--by", "ISW", "--on", "2025-12-08", ok=True)
    result = cli("evidence", "remove", "C-0001", "E2", "--reason", "misread", ok=True)
    assert warnings(result) == [
        "Warning: Rumour Mill is graded E (unreliable), yet its support counts as strong on C-0001: the rule reads "
        "sides, not grades; `claims assess C-0001 STATUS` if you judge otherwise."], result.stderr
    # not where another strong item, from a source not so graded, still holds
    cli("confirm", "C-0001", "--by", "ISW", "--on", "2025-12-09", ok=True)
    cli("confirm", "C-0001", "--by", "Reuters", "--on", "2025-12-09", ok=True)
    assert not warnings(cli("evidence", "remove", "C-0001", "E3", ok=True))


def test_evidence_that_leaves_an_assessment_against_the_rule_says_how_to_hand_it_back(cli, views):
    """(bug hunt) new evidence on an assessed claim changed only the computed status, in brackets:
    the line after it says the assessment still stands and how to hand the claim back to the rule."""
    confirmed = views["confirmed"]
    cli("assess", confirmed, "confirmed", "--note", "footage decisive", ok=True)
    agreeing = cli("confirm", confirmed, "--by", "AP", ok=True).stderr
    assert "assess" not in agreeing.split("\n", 1)[1]  # (the rule agrees: nothing to add)
    result = cli("dispute", confirmed, "--by", "ISW", "--kind", "footage", ok=True)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "computed contested" in lines[0]
    assert lines[1] == (f"The assessment (confirmed) stays in force; `claims assess {confirmed} --clear` "
                        "hands the claim back to the rule.")
    assert result.stdout == "E3\n"  # (the new item's ID alone: the message is not data)


def test_the_contested_screen_at_80_columns_gives_the_statement_room(cli, monkeypatch):
    """The README's first command ends on this screen: at 80 columns the statement had 13
    characters and "Russia-Ukraine" was cut in two; the claimant and the sources wrap instead."""
    monkeypatch.setenv("COLUMNS", "80")
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    table = cli("contested", ok=True).stdout
    assert "A Russia-Ukraine" in table and "Age" in table
    assert max(len(line) for line in table.splitlines()) <= 80


def test_the_contested_screen_on_a_wide_terminal_keeps_the_wider_source_columns(cli, monkeypatch):
    """(review) the claimant and sources wrapped at 12 characters at every width, splitting
    "CriticalThreats" on a 200-column terminal; only a narrow one takes them in."""
    monkeypatch.setenv("COLUMNS", "200")
    cli("sources", "add", "CriticalThreats", "--side", "independent", ok=True)
    claim = add(cli, "Russian forces took Kucherivka", "Russian MoD", "--on", "2025-12-07")
    cli("confirm", claim, "--by", "CriticalThreats", ok=True)
    cli("dispute", claim, "--by", "Ukraine", ok=True)
    assert "CriticalThreats" in cli("contested", ok=True).stdout


@pytest.mark.parametrize("columns", ["80", "100", "140"])
def test_show_never_cuts_letters_off_an_evidence_note(cli, monkeypatch, columns):
    """(new-user pass) at 80 columns the evidence table was one column wider than the console, and
    the last column lost a letter a line: "East he raise", "possibility o". On a narrow console the
    strength is shown without its reason (the status line and `show` at full width give it)."""
    import re

    monkeypatch.setenv("COLUMNS", columns)
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    claim = next(c for c in cli("list", "-n", "0", "--format", "json", ok=True).json() if c["ref"] == "art-020")
    note = claim["evidence"][0]["note"]
    shown = cli("show", claim["id"], ok=True).stdout
    assert max(len(line) for line in shown.splitlines()) <= int(columns)
    section = shown[shown.index("Evidence"):shown.index("History")]
    cells = " ".join(line.rstrip().split("  ")[-1].strip() for line in section.splitlines()[3:])
    assert set(re.findall(r"\w+", note)) <= set(re.findall(r"\w+", cells)), cells
    assert set(re.findall(r"\w+", "weak: source of unknown side")) <= set(re.findall(r"\w+", section))  # (review)


@pytest.mark.parametrize("width", ["50", "60", "70", "79", "80"])
def test_the_contested_screen_keeps_its_days_whole_on_a_narrow_terminal(cli, monkeypatch, width):
    """(report audit) Under 80 columns the contested screen cut its last column: at 70 a claim 363
    days old read "3", at 60 the Days column was gone. The wrapping columns give way instead, and
    under about 80 the date (the days say how old a claim is)."""
    from claims_cli.dates import today

    monkeypatch.setenv("CLAIMS_WIDTH", width)
    cli("add", "Russian troops have captured the residential districts on the northern side of Siversk",
        "--source", "Telegram", "--outlet", "Russian milblogger channels", "--on", "2025-12-07", ok=True)
    cli("dispute", "C-0001", "--by", "Ukraine", "--on", "2025-12-07", ok=True)
    cli("confirm", "C-0001", "--by", "Institute for the Study of War", "--on", "2025-12-08", ok=True)
    out = cli("contested", ok=True).stdout
    lines = out.splitlines()
    assert all(len(line) <= int(width) for line in lines) and "…" not in out
    assert any(line.split()[-1:] == ["Age"] for line in lines[1:4]), out
    row = next(line for line in lines if line.startswith("C-0001"))
    assert row.split()[-1] == str((today() - date(2025, 12, 7)).days), out
    assert ("2025-12-07" in row) == (int(width) >= 79), out  # (while the wrapping columns get 11 each)
    # (new-user pass) an assessed claim's ID (C-0001*) is a letter wider: the date stays at 80
    cli("assess", "C-0001", "contested", ok=True)
    row = next(line for line in cli("contested", ok=True).stdout.splitlines() if line.startswith("C-0001"))
    assert ("2025-12-07" in row) == (int(width) >= 79), row


def test_the_contested_and_unverified_screens_keep_every_word_on_a_narrow_terminal(cli, monkeypatch):
    """(left from a hunt) At 60 columns the contested screen folded its claimant and sources five
    letters a line ("Teleg/ram", "~Dona/ld"), and the statement 13: the date gives way first, then
    the claimant (`show` and --format give both), so the statement and the sources keep their words."""
    seeds = Path(__file__).parents[1] / "seeds" / "article-2025-12-07.json"
    cli("import", seeds, ok=True)
    for command in ("contested", "unverified"):
        claims = cli(command, "--format", "json", ok=True).json()
        assert claims, command
        for width in (50, 60, 70, 80, 100):
            monkeypatch.setenv("CLAIMS_WIDTH", str(width))
            out = cli(command, ok=True).stdout
            assert all(header in out for header in ("Supports", "Disputes")), (command, width, out)
            assert all(len(line) <= width for line in out.splitlines()), (command, width)
            words = set(" ".join(out.splitlines()).replace("~", " ").split())
            said = [word for claim in claims for word in claim["text"].split() if len(word) <= 10]
            said += [word for claim in claims for item in claim["evidence"]
                     if not item.get("withdrawn_at") and item["stance"] in ("supports", "disputes")
                     for word in item["source"].split()]
            if width >= 70:
                said += [word for claim in claims for word in claim["source"].split()]
            lost = [word for word in said if word not in words]
            assert not lost, (command, width, lost[:5], out)


def test_the_review_screens_narrower_than_a_statements_word_give_each_claim_lines_of_its_own(cli, monkeypatch):
    """(new-user walk-through) At 21 to 26 columns, with the date, claimant and sources given way,
    the contested and unverified screens cut the statement's words ("Russia-U/kraine") and at 21
    its header ("Statemen/t"), where `list` gives each claim lines of its own: so do they now,
    each under its ID and age, every word whole."""
    seeds = Path(__file__).parents[1] / "seeds" / "article-2025-12-07.json"
    cli("import", seeds, ok=True)
    # (review) an assessed claim's ID, C-0005*, is a column wider: at 49 "~DeepStat/e" was cut; and
    # a word longer than 16 was cut at 49 to 55 ("Zaporizhzhia-Huli/aipole")
    cli("assess", "C-0005", "contested", "--note", "x", ok=True)
    cli("add", "Fighting continues on the Zaporizhzhia-Huliaipole axis", "--source", "Russian MoD",
        "--on", "2025-12-07", ok=True)
    cli("dispute", "C-0030", "--by", "Ukraine", "--kind", "statement", ok=True)
    for command in ("contested", "unverified"):
        claims = cli(command, "--format", "json", "--limit", "0", ok=True).json()
        for width in [*range(20, 61), 64, 70, 80, 88]:
            monkeypatch.setenv("CLAIMS_WIDTH", str(width))
            out = cli(command, "--limit", "0", ok=True).stdout
            lines = out.splitlines()
            assert all(len(line) <= width for line in lines), (command, width, out)
            words = set(out.replace("~", " ").split())
            said = [word for claim in claims for word in claim["text"].split() if len(word) <= width - 4]
            if "Supports" in words:
                said += [word for claim in claims for item in claim["evidence"] if not item.get("withdrawn_at")
                         and item["stance"] in ("supports", "disputes") for word in item["source"].split()]
            lost = [word for word in said if word not in words]
            assert not lost, (command, width, lost[:5], out)
            for claim in claims:  # (its ID and its age, on one line)
                assert any(claim["id"] in line and line.split()[-1].isdigit() for line in lines), (width, claim["id"], out)
            # (the table takes the width: the statement capped at the room the others' caps left it
            # was narrower than their text left it, 76 of 80 columns)
            header = next((line for line in lines if line.startswith("ID ")), None)
            assert header is None or len(header.rstrip()) == width, (command, width, out)
            assert "Statement" in words or "statement" in words, (command, width, out)


def test_the_review_screens_keep_a_long_source_name_whole_at_any_width(cli, monkeypatch):
    """(review) A 20-letter source name was cut at 95 to 101 columns with every column shown
    ("NorthernFrontMonito/r": Rich narrowed the widest columns alike, the statement as wide as its
    text), and one with its weak mark and a comma ("~NorthernFrontMonitor,") at 80 to 107."""
    cli("sources", "add", "NorthernFrontMonitor", "--side", "independent", "--kind", "social", ok=True)
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("confirm", "C-0001", "--by", "NorthernFrontMonitor", "--kind", "statement", ok=True)
    cli("dispute", "C-0001", "--by", "NorthernFrontMonitor", "--kind", "statement", ok=True)
    cli("add", "Fighting continues near Stepnohirsk", "--source", "Ukraine", "--on", "2025-12-07", ok=True)
    cli("dispute", "C-0002", "--by", "NorthernFrontMonitor", ok=True)
    cli("dispute", "C-0002", "--by", "Russian MoD", ok=True)
    cli("confirm", "C-0002", "--by", "ISW", ok=True)
    for width in range(60, 141):
        monkeypatch.setenv("CLAIMS_WIDTH", str(width))
        out = cli("contested", ok=True).stdout
        assert all(len(line) <= width for line in out.splitlines()), (width, out)
        if "Supports" in out:
            assert "NorthernFrontMonitor" in out.replace(",", " ").replace("~", " ").split(), (width, out)
    # (review) a name longer than any column holds folds where it is: the sources stay at 100
    cli("sources", "add", "AVeryLongSourceNameOfThirtyTwoCh", "--side", "independent", "--kind", "osint", ok=True)
    cli("confirm", "C-0002", "--by", "AVeryLongSourceNameOfThirtyTwoCh", ok=True)
    monkeypatch.setenv("CLAIMS_WIDTH", "100")
    assert "Supports" in cli("contested", ok=True).stdout


def test_evidence_recorded_twice_is_said_with_how_to_take_it_back(cli, mod_claim):
    """(analyst pass) The same Reuters report with the same URL was recorded as E1, E2 and E3 without
    a word (a double paste, or two analysts on one story)."""
    cli("confirm", mod_claim, "--by", "Reuters", "--url", "https://reuters.com/a", ok=True)
    again = cli("confirm", mod_claim, "--by", "Reuters", "--url", "https://reuters.com/a", "--on", "today", ok=True)
    lines = again.stderr.splitlines()
    assert len(lines) == 2 and lines[0].endswith("; recorded as E2")
    assert lines[1] == (f"Warning: E2 repeats E1 (Reuters supports, the same URL); "
                        f"`claims evidence remove {mod_claim} E2` takes it back.")
    other = cli("confirm", mod_claim, "--by", "Reuters", "--url", "https://reuters.com/b", ok=True)
    assert len(other.stderr.splitlines()) == 1  # (another report of the same source: no repeat)
    plain = cli("dispute", mod_claim, "--by", "Ukraine", "--note", "fighting continues", ok=True)
    twice = cli("dispute", mod_claim, "--by", "Ukraine", "--note", "fighting continues", ok=True)
    assert len(plain.stderr.splitlines()) == 1 and "Warning: E5 repeats E4 (Ukraine disputes, the same note)" \
        in twice.stderr


def test_evidence_like_a_withdrawn_item_is_said_with_why_that_one_was_withdrawn(cli, mod_claim):
    """(session 41's note) An item exactly like one the desk withdrew (the same source, stance and URL,
    or note and day) went back in without a word, and counted again: the analyst re-adding it may
    not know a colleague withdrew it, or why. It is recorded, with a warning that names the withdrawn
    item, its day, who withdrew it and why (as the exports say it), and how to take the new one back;
    a live repeat is said as before."""
    cli("confirm", mod_claim, "--by", "ISW", "--url", "https://isw.example/map", ok=True)
    cli("evidence", "remove", mod_claim, "E1", "--reason", "the map was of another village", ok=True)
    day = show(cli, mod_claim)["evidence"][0]["withdrawn_at"][:10]
    again = cli("confirm", mod_claim, "--by", "ISW", "--url", "https://isw.example/map/", ok=True)
    assert again.stderr.splitlines()[1:] == [
        f"Warning: E2 repeats E1 (ISW supports, the same URL), withdrawn {day} by tester: the map was of another village; "
        f"if the withdrawal still stands, `claims evidence remove {mod_claim} E2` takes it back."], again.stderr
    assert show(cli, mod_claim)["status"] == "confirmed"  # (recorded, and counts: said, not refused)
    # a live repeat is said as one (not also the withdrawn one)
    assert cli("confirm", mod_claim, "--by", "ISW", "--url", "https://isw.example/map", ok=True).stderr.splitlines()[1:] \
        == [f"Warning: E3 repeats E2 (ISW supports, the same URL); `claims evidence remove {mod_claim} E3` takes it back."]
    # withdrawn without a reason: its day alone; by note and day, as a live repeat is known
    cli("dispute", mod_claim, "--by", "Ukraine", "--note", "fighting goes on", "--on", "2025-12-08", ok=True)
    cli("evidence", "remove", mod_claim, "E4", ok=True)
    twice = cli("dispute", mod_claim, "--by", "Ukraine", "--note", "Fighting goes on.", "--on", "2025-12-08", ok=True)
    assert twice.stderr.splitlines()[-1] == (
        f"Warning: E5 repeats E4 (Ukraine disputes, the same note), withdrawn {day} by tester; "
        f"if the withdrawal still stands, `claims evidence remove {mod_claim} E5` takes it back."), twice.stderr
    # another report of the source (another URL) is not a repeat of the withdrawn one
    assert "repeats" not in cli("confirm", mod_claim, "--by", "ISW", "--url", "https://isw.example/other",
                                ok=True).stderr


def test_evidence_like_an_item_withdrawn_twice_names_the_last_withdrawal(cli, mod_claim):
    """(review) The oldest withdrawal was named: the desk's latest word on the clip is the last."""
    for number, (analyst, reason) in enumerate((("ann", "2023 footage"), ("bob", "still 2023 footage, again")), 1):
        cli("confirm", mod_claim, "--by", "GeoConfirmed", "--url", "https://example.org/clip", ok=True)
        cli("evidence", "remove", mod_claim, f"E{number}", "--reason", reason, "--analyst", analyst, ok=True)
    day = show(cli, mod_claim)["evidence"][0]["withdrawn_at"][:10]
    third = cli("confirm", mod_claim, "--by", "GeoConfirmed", "--url", "https://example.org/clip", ok=True).stderr
    assert f"E3 repeats E2 (GeoConfirmed supports, the same URL), withdrawn {day} by bob: still 2023 footage, " \
           "again;" in third, third
    other = cli("confirm", mod_claim, "--by", "Reuters", "--url", "https://example.org/clip", ok=True).stderr
    assert f"E4 cites the link of E2 (GeoConfirmed supports), withdrawn {day} by bob" in other, other


def test_evidence_citing_the_link_of_a_withdrawn_item_is_said(cli, mod_claim):
    """(lifecycle hunt) A clip withdrawn as old footage, then cited by another source, counted again
    in silence: how a debunked clip usually comes back. Said as a repeat of the withdrawn item is,
    for an item of its stance; a dispute citing it (the clip geolocated elsewhere) is not that."""
    cli("confirm", mod_claim, "--by", "GeoConfirmed", "--kind", "footage", "--url", "https://example.org/clip1",
        "--on", "2025-12-08", ok=True)
    cli("evidence", "remove", mod_claim, "E1", "--reason", "clip is from 2023", ok=True)
    day = show(cli, mod_claim)["evidence"][0]["withdrawn_at"][:10]
    again = cli("confirm", mod_claim, "--by", "Reuters", "--url", "http://example.org/clip1", ok=True)
    assert again.stderr.splitlines()[1:] == [
        f"Warning: E2 cites the link of E1 (GeoConfirmed supports), withdrawn {day} by tester: clip is from 2023; "
        f"if the withdrawal still stands, `claims evidence remove {mod_claim} E2` takes it back."], again.stderr
    assert "E1" not in cli("dispute", mod_claim, "--by", "Ukraine", "--url", "https://example.org/clip1",
                           ok=True).stderr


def test_a_repeated_evidence_url_is_known_however_its_host_and_end_are_written(cli, mod_claim):
    """(review) https://A.org/1 and https://a.org/1/ are the link https://a.org/1 given again."""
    cli("confirm", mod_claim, "--by", "Reuters", "--url", "https://a.org/1", ok=True)
    for again in ("https://A.org/1", "https://a.org/1/", "HTTPS://a.org/1"):
        assert "repeats E1 (Reuters supports, the same URL)" in cli("confirm", mod_claim, "--by", "Reuters",
                                                                     "--url", again, ok=True).stderr, again
    assert "repeats" not in cli("confirm", mod_claim, "--by", "Reuters", "--url", "https://a.org/1/x",
                                ok=True).stderr


def test_one_link_given_by_http_and_by_https_is_said_as_one_by_the_evidence_warnings(cli, mod_claim):
    """(tester) http://x.example/v/1 and https://x.example/v/1, one clip, went unsaid as the same URL
    repeated, as a link another source's item cites, and as the claim's own link. A claim's links
    keep their writing: `edit --url` to https is a change."""
    cli("confirm", mod_claim, "--by", "Reuters", "--url", "http://x.example/v/1", ok=True)
    assert "repeats E1 (Reuters supports, the same URL)" in cli("confirm", mod_claim, "--by", "Reuters", "--url",
                                                                 "https://x.example/v/1", ok=True).stderr
    assert "cites the link of E1 (Reuters supports)" in cli("confirm", mod_claim, "--by", "ISW", "--url",
                                                            "https://x.example/v/1/", ok=True).stderr
    claim = add(cli, "Russians took Kucherivka", "Russian MoD", "--on", "2025-12-01", "--url", "http://t.me/mod/1")
    assert f"cites {claim}'s own link" in cli("confirm", claim, "--by", "ISW", "--url", "https://t.me/mod/1",
                                              "--on", "2025-12-02", ok=True).stderr
    assert "Edited" in cli("edit", claim, "--url", "https://t.me/mod/1", ok=True).stderr
    assert show(cli, claim)["urls"] == ["https://t.me/mod/1"]


def test_one_page_cited_with_or_without_www_or_a_tracking_parameter_is_said_as_one(cli):
    """(analyst pass) The claim linked https://www.reuters.com/...-07/; Reuters' confirmation citing
    https://reuters.com/...-07 went unsaid as the claim's own link, and the same page again with
    ?utm_source=twitter unsaid as a repeat (the exact link was warned of)."""
    page = "https://www.reuters.com/world/europe/tuapse-2025-12-07/"
    claim = add(cli, "Ukrainian drones hit Tuapse refinery", "Ukraine", "--on", "2025-12-07", "--category", "strike",
                "--url", page)
    first = cli("confirm", claim, "--by", "Reuters", "--on", "2025-12-07", "--url",
                "https://reuters.com/world/europe/tuapse-2025-12-07", ok=True)
    assert f"Warning: E1 cites {claim}'s own link" in first.stderr, first.stderr
    again = cli("confirm", claim, "--by", "Reuters", "--on", "2025-12-07", "--url", page + "?utm_source=twitter",
                ok=True)
    assert "Warning: E2 repeats E1 (Reuters supports, the same URL)" in again.stderr, again.stderr
    other = cli("confirm", claim, "--by", "AP", "--on", "2025-12-07", "--url",
                "https://reuters.com/world/europe/tuapse-2025-12-08", ok=True)
    assert "Warning" not in other.stderr, other.stderr  # (another page)
    # (as stored: the links keep their writing)
    assert [item["url"] for item in show(cli, claim)["evidence"]] == [
        "https://reuters.com/world/europe/tuapse-2025-12-07", page + "?utm_source=twitter",
        "https://reuters.com/world/europe/tuapse-2025-12-08"]


def test_a_repeated_evidence_note_is_known_however_its_case_spacing_and_final_stop_are_written(cli, mod_claim):
    """(README hunt) A link given again was known however its host and end were written, a note only
    letter for letter: "no sign" and "No sign." from two analysts went in twice unsaid. Notes compare
    as claims' statements do."""
    cli("dispute", mod_claim, "--by", "ISW", "--note", "no sign", "--on", "2025-12-07", ok=True)
    for again in ("No sign.", "  no   SIGN "):
        assert "repeats E1 (ISW disputes, the same note)" in cli("dispute", mod_claim, "--by", "ISW", "--note", again,
                                                                  "--on", "2025-12-07", ok=True).stderr, again
    assert "repeats" not in cli("dispute", mod_claim, "--by", "ISW", "--note", "no sign yet", "--on", "2025-12-07",
                                ok=True).stderr


def test_a_withdrawn_items_reason_is_shown_where_the_item_is(cli, mod_claim, tmp_path, monkeypatch):
    """(lifecycle hunt) `show` and the documents gave a withdrawn item as "withdrawn DATE" only: why
    it no longer counts was in the history alone, which a document's reader does not see."""
    monkeypatch.setenv("CLAIMS_WIDTH", "160")
    cli("confirm", mod_claim, "--by", "DeepState", "--kind", "map", ok=True)
    cli("evidence", "remove", mod_claim, "E1", "--reason", "misread map", ok=True)
    day = show(cli, mod_claim)["evidence"][0]["withdrawn_at"][:10]
    said = "withdrawn: misread map"
    assert said in cli("show", mod_claim, ok=True).stdout and f"withdrawn {day}" in cli("show", mod_claim).stdout
    # (print review) a document says who withdrew it too, the HTML its day on the same line
    for fmt, line in (("markdown", "withdrawn by tester: misread map"), ("html", f"withdrawn {day} by tester: misread map")):
        cli("export", "--format", fmt, "--output", tmp_path / f"desk.{fmt}", ok=True)
        assert line in (tmp_path / f"desk.{fmt}").read_text(encoding="utf-8"), fmt
    cli("confirm", mod_claim, "--by", "ISW", ok=True)
    cli("evidence", "remove", mod_claim, "E2", ok=True)  # (no reason: the date alone, as before)
    assert "withdrawn:" not in cli("show", mod_claim, ok=True).stdout.split("E2", 1)[1].split("\n")[0]


def test_evidence_dated_long_before_the_claim_is_said(cli, mod_claim):
    """(rule hunt) GeoConfirmed footage dated 2020-01-01 confirmed a capture claimed on 2025-12-07
    without a word (it counts as 0 days): a slip of the year, most likely. Evidence a few days
    older than the claim (footage posted before the announcement) is usual and not said."""
    slip = cli("confirm", mod_claim, "--by", "GeoConfirmed", "--kind", "footage", "--on", "2024-12-06", ok=True)
    lines = slip.stderr.splitlines()
    assert lines[-1] == (f"Warning: E1 is dated 2024-12-06, 366 days before the claim (2025-12-07): if the year "
                         f"slipped, `claims evidence remove {mod_claim} E1` takes it back, to record it again; if "
                         f"the claim's date is the slip, `claims edit {mod_claim} --on DAY` mends it.")
    usual = cli("dispute", mod_claim, "--by", "Ukraine", "--on", "2025-12-01", ok=True)
    assert "Warning" not in usual.stderr


def test_evidence_dated_before_the_event_is_said(cli):
    """(review) ISW's map of 20 November and footage of 25 November, weighed on a capture said to have
    happened on 6 December, were recorded unsaid (only an item over 30 days older was): evidence from
    before the event can neither confirm nor refute it. Said of an item that counts dated more than a
    day before the event (time zones), once however far (a slipped year the same warning); not of an
    item of the day before or after, an inconclusive one, one older than a claim with no event date
    (footage posted before the announcement), nor before an event expected after the claim."""
    def warnings(result) -> list[str]:
        return [line for line in result.stderr.splitlines() if line.startswith("Warning:")]

    claim = add(cli, "Russian forces took Kucherivka", "Russian MoD", "--on", "2025-12-07", "--event-on",
                "2025-12-06", "--category", "territorial")
    disputed = cli("dispute", claim, "--by", "ISW", "--on", "2025-11-20", "--kind", "map", "--note",
                   "ISW map shows Kucherivka Ukrainian-held", ok=True)
    assert warnings(disputed) == [
        f"Warning: E1 is dated 2025-11-20, 16 days before the event (2025-12-06): evidence from before the event can "
        f"neither confirm nor refute it; if its date is wrong, `claims evidence remove {claim} E1` takes it back, to "
        f"record it again; if the event's is, `claims edit {claim} --event-on DAY` mends it."]
    assert "E2 is dated 2025-11-25, 11 days before the event (2025-12-06)" in \
        cli("confirm", claim, "--by", "GeoConfirmed", "--on", "2025-11-25", "--kind", "footage", ok=True).stderr
    slipped = warnings(cli("confirm", claim, "--by", "AP", "--on", "2024-12-06", ok=True))
    assert slipped == [
        f"Warning: E3 is dated 2024-12-06, 365 days before the event (2025-12-06): evidence from before the event can "
        f"neither confirm nor refute it; if its date is wrong (a slipped year?), `claims evidence remove {claim} E3` "
        f"takes it back, to record it again; if the event's is, `claims edit {claim} --event-on DAY` mends it."]
    for on in ("2025-12-05", "2025-12-06", "2025-12-07"):
        assert not warnings(cli("confirm", claim, "--by", "Reuters", "--on", on, "--note", on, ok=True)), on
    assert not warnings(cli("evidence", "add", claim, "--by", "DeepState", "--stance", "inconclusive", "--on",
                            "2025-11-20", ok=True))
    undated_event = add(cli, "Russian forces took Rivne", "Russian MoD", "--on", "2025-12-07")
    assert not warnings(cli("confirm", undated_event, "--by", "GeoConfirmed", "--on", "2025-11-25", ok=True))
    expected = add(cli, "Talks in Miami on Monday", "Ukraine", "--on", "2025-12-07", "--event-on", "2025-12-08")
    assert not [line for line in warnings(cli("confirm", expected, "--by", "AP", "--on", "2025-12-07", ok=True))
                if "dated" in line]
    # (an edit giving the event a date after its items says so, as of a claim's date moved past them)
    edited = cli("edit", undated_event, "--event-on", "2025-12-02", ok=True)
    assert warnings(edited) == [
        f"Warning: E1 is dated 2025-11-25, 7 days before the event (2025-12-02): evidence from before the event can "
        f"neither confirm nor refute it; if its date is wrong, `claims evidence remove {undated_event} E1` takes it "
        "back, to record it again."]
    assert [show(cli, claim)["status"], show(cli, undated_event)["status"]] == ["contested", "confirmed"]


def test_the_list_at_80_columns_gives_the_statement_room(cli, monkeypatch):
    """(analyst hunt) At 80 columns `list` gave the statement 18 characters (a claim ran to ten
    lines) beside a Place column; the place gives way first (`show` has it), as it did on a
    narrower console. Wider, the place is back."""
    monkeypatch.setenv("COLUMNS", "80")
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    table = cli("list", "-n", "5", ok=True).stdout
    header = table.splitlines()[0]
    assert "Place" not in header and header.split()[-1] == "Statement"
    assert len(header) - header.index("Statement") >= 28, header
    assert "About half of Siversk lies inside" in table  # (the statement on one line)
    monkeypatch.setenv("COLUMNS", "100")
    assert "Place" in cli("list", "-n", "5", ok=True).stdout.splitlines()[0]
    # (review) a narrower console never shows a column a wider one gives up: at 79 the place was back
    shown_at = {}
    for width in range(40, 121):
        monkeypatch.setenv("COLUMNS", str(width))
        shown_at[width] = cli("list", "-n", "5", ok=True).stdout.splitlines()[0].split()
    for width in range(41, 121):
        assert set(shown_at[width - 1]) <= set(shown_at[width]), (width, shown_at[width - 1], shown_at[width])


def test_a_wide_terminal_gives_the_claimant_and_place_their_whole_names(cli, monkeypatch):
    """(analyst hunt) At 200 columns the contested screen wrapped "US government (Keith Kellogg)"
    over three lines at 14 characters beside a 130-column statement, and `list` wrapped
    "Downing Street, London" at 20."""
    monkeypatch.setenv("COLUMNS", "200")
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    assert "US government (Keith Kellogg)" in cli("contested", ok=True).stdout
    assert "Downing Street, London" in cli("list", "--place", "Downing Street, London", ok=True).stdout


def test_the_same_assessment_again_changes_nothing(cli, db):
    """(audit hunt) `assess C-0001 refuted --note n` twice wrote a second entry and a new time, which
    then counted as newer than another desk's later assessment on the next import."""
    claim = add(cli, "Russian forces took Kucherivka", "Russian MoD", "--on", "2025-12-07")
    cli("assess", claim, "refuted", "--note", "no sign of entry", ok=True)
    before = db.read_bytes()
    again = cli("assess", claim, "refuted", "--note", "no sign of entry", "--analyst", "someone-else", ok=True)
    assert db.read_bytes() == before
    assert again.stderr.startswith(f"{claim} unchanged: already assessed refuted by ")
    cli("assess", claim, "refuted", "--note", "footage is older", ok=True)  # (another note is a change)
    assert len(cli("history", claim, "--format", "json", ok=True).json()) == 3


def test_a_view_given_another_status_says_it_lists_one_status(cli):
    """(help hunt) `unverified --status confirmed` said only "No unverified claims match"."""
    add(cli, "Russian forces took Kucherivka", "Russian MoD", "--on", "2025-12-07")
    result = cli("unverified", "--status", "confirmed", ok=True)
    assert "No unverified claims match." in result.stderr
    assert "`claims unverified` lists unverified claims only; `claims list --status confirmed` lists the others." \
        in result.stderr
    assert "lists contested claims only" in cli("contested", "--status", "refuted", ok=True).stderr


def test_a_view_given_another_status_names_the_database_given_and_the_status_asked(cli, tmp_path):
    """(hunt) `claims --db D contested --status confirmed` said "`claims contested` lists contested
    claims only" without the --db, and "`claims --db D list --status`", which pasted needs a value."""
    import shlex
    import re

    desk = tmp_path / "desk.json"
    add(cli, "Russian forces took Kucherivka", "Russian MoD", "--on", "2025-12-07")
    cli("--db", desk, "add", "Russian forces took Hryhorivka", "--source", "Russian MoD", "--on", "2025-12-07",
        ok=True)
    said = cli("--db", desk, "contested", "--status", "unverified", "--status", "refuted", ok=True).stderr
    assert f"`claims --db {desk} contested` lists contested claims only; `claims --db {desk} list --status " \
           "unverified --status refuted` lists the others." in said, said
    listed = re.search(r"`claims (--db [^`]+ list [^`]+)`", said).group(1)
    assert [claim["text"] for claim in cli(*shlex.split(listed), "--format", "json", ok=True).json()] == [
        "Russian forces took Hryhorivka"]


@pytest.mark.parametrize("view", ["contested", "unverified"])
def test_a_views_help_does_not_offer_a_status_filter(cli, monkeypatch, view):
    """(new-user hunt) `contested --help` offered "--status: unverified, confirmed, contested,
    refuted", which can only empty the list. Given, it is still read (a script's `--status
    contested` runs as before), and another status is said as above."""
    monkeypatch.setenv("COLUMNS", "120")
    assert "--status" not in cli(view, "--help", ok=True).stdout
    assert "--status" in cli("list", "--help", ok=True).stdout
    add(cli, "Russian forces took Kucherivka", "Russian MoD", "--on", "2025-12-07")
    assert len(cli(view, "--status", view, "--format", "json", ok=True).json()) == (view == "unverified")


def test_a_table_gives_the_rules_status_of_each_assessed_claim_it_shows(cli, mod_claim):
    """(acceptance replay, issue 3: "both the computed status and the assessment are always shown")
    `list` and `contested` marked an assessed claim "confirmed*" and said nothing of what the rule
    gives, which only `show` and the data formats had: the legend names it, claim by claim."""
    other = add(cli, "Second claim", "Ukraine", "--on", "2025-12-06")
    third = add(cli, "Third claim", "Ukraine", "--on", "2025-12-05")
    cli("confirm", mod_claim, "--by", "DeepState", ok=True)  # computed confirmed...
    cli("assess", mod_claim, "contested", "--note", "only the outskirts", ok=True)  # ...assessed contested
    cli("assess", other, "refuted", ok=True)  # computed unverified
    listed = " ".join(cli("list", ok=True).stdout.split())
    assert f"* = analyst's assessment; the rule gives {mod_claim} confirmed, {other} unverified." in listed, listed
    review = " ".join(cli("contested", ok=True).stdout.split())
    assert f"* = analyst's assessment; the rule gives {mod_claim} confirmed." in review, review
    cli("dispute", third, "--by", "Russian MoD", ok=True)  # computed contested...
    cli("assess", third, "contested", ok=True)  # ...and assessed so: the rule agrees
    review = " ".join(cli("contested", "--source", "Ukraine", ok=True).stdout.split())
    assert "* = analyst's assessment (the rule gives the same)." in review, review


def test_the_legend_of_assessed_claims_names_ten_at_most():
    """(review) `list --limit 0` over 100,000 claims ended with 3,663 "C-xxxx status" in its legend,
    some 1,000 lines; a hand edit's missing computed_status read "the rule gives C-0002 .": ten
    are named, then how many more and where to find them; a claim without one is not named."""
    from claims_cli.layout import assessed_legend

    claims = [{"id": f"C-{n:04d}", "status": "confirmed", "computed_status": "contested",
               "assessment": {"status": "confirmed"}} for n in range(1, 14)]
    legend = assessed_legend(claims)
    assert legend == ("* = analyst's assessment; the rule gives C-0001 contested, C-0002 contested, C-0003 contested, "
                      "C-0004 contested, C-0005 contested, C-0006 contested, C-0007 contested, C-0008 contested, "
                      "C-0009 contested, C-0010 contested, and 3 more (--format csv gives computed_status).")
    hand_edited = [{"id": "C-0002", "status": "refuted", "assessment": {"status": "refuted"}},
                   {"id": "C-0003", "status": "refuted", "computed_status": ["x"], "assessment": {"status": "refuted"}}]
    assert assessed_legend(hand_edited) == "* = analyst's assessment."


@pytest.mark.parametrize("width", ["40", "59", "80", "160"])
def test_a_withdrawn_item_reads_as_withdrawn_at_every_width(cli, mod_claim, monkeypatch, width):
    """(terminal hunt) Under 60 columns `show` gives up the Strength column, where "withdrawn DATE"
    was: "E2  Reuters  supports" then read as live support, under a status line saying there was
    none (dim on a terminal; nothing at all through a pipe). The note says it there."""
    monkeypatch.setenv("CLAIMS_WIDTH", width)
    cli("confirm", mod_claim, "--by", "Reuters", "--on", "2025-12-07", ok=True)
    cli("evidence", "remove", mod_claim, "E1", ok=True)
    cli("dispute", mod_claim, "--by", "ISW", "--on", "2025-12-07", "--note", "no entry seen", ok=True)
    shown = cli("show", mod_claim, ok=True).stdout
    table = shown.split("Evidence", 1)[1].split("History", 1)[0]
    first, second = table.split("\nE1 ", 1)[1].split("\nE2 ", 1)  # (each row's lines: a wrapped cell's too)
    day = show(cli, mod_claim)["evidence"][0]["withdrawn_at"][:10]
    assert "withdrawn" in first and day in first, (width, shown)
    assert "withdrawn" not in second, (width, shown)  # (the live item is not)


@pytest.mark.parametrize("width", ["60", "80", "100"])
def test_the_contested_screen_keeps_source_names_whole(cli, monkeypatch, width):
    """(terminal hunt) At 80 columns, GeoConfirmed's support cut it "GeoConfirme/d" (the sources
    columns were capped at 11), the statement shrank to "A / Russia-Ukrai / ne peace", and a
    longer list left its comma alone on a line. Each wrapping column takes its longest word when
    the statement keeps room; only a name longer than a narrow console allows is folded."""
    import re

    monkeypatch.setenv("COLUMNS", width)
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    cli("confirm", "C-0003", "--by", "GeoConfirmed", "--kind", "footage", "--on", "2025-12-07", ok=True)
    cli("dispute", "C-0003", "--by", "ISW", "--on", "2025-12-07", ok=True)
    cli("edit", "C-0020", "--outlet", "@KelloggSpecialEnvoyOffice", ok=True)  # (review: one long word folds alone)
    table = cli("contested", ok=True).stdout
    assert max(len(line) for line in table.splitlines()) <= int(width)
    words = set(re.findall(r"[\w-]+", table))
    assert {"GeoConfirmed", "Russia-Ukraine"} <= words and ("Telegram" in words or "Claimant" not in table), table
    assert not re.search(r"^\s*,", table, re.M), table  # (no comma alone at a line's start)


def _evidence_words(cli, claim_id: str, width: str) -> tuple[set, str]:
    """The words of `show`'s evidence table (and the table), which fits `width` columns."""
    import re

    shown = cli("show", claim_id, ok=True).stdout
    table = shown.split("Evidence", 1)[1].split("History", 1)[0]
    assert max(len(line) for line in shown.splitlines()) <= int(width), shown
    return set(re.findall(r"[\w'-]+", table)), table


@pytest.mark.parametrize("width", ["70", "80", "90", "100", "120"])
def test_show_keeps_the_words_of_a_strength_whole(cli, mod_claim, monkeypatch, width):
    """(terminal hunt, left by session 23) At 80 to 100 columns `show`'s Strength column was
    capped at 12 and cut "corroboratio/n" while the table, 70 wide, left the console's last ten
    columns empty. It takes its longest word when the table still fits."""
    monkeypatch.setenv("COLUMNS", width)
    cli("confirm", mod_claim, "--by", "Telegram", "--note", "channel post", ok=True)
    cli("confirm", mod_claim, "--by", "DeepState", "--kind", "map", ok=True)
    cli("dispute", mod_claim, "--by", "Ukraine", "--kind", "statement", ok=True)
    words, table = _evidence_words(cli, mod_claim, width)
    assert {"corroboration", "support", "claimant's", "opposing"} <= words and "concession" not in words, table


@pytest.mark.parametrize("width", ["60", "70", "80", "90", "100", "120"])
def test_show_keeps_a_source_name_whole_beside_a_long_link(cli, mod_claim, monkeypatch, width):
    """(analyst hunt) At 80 columns `show` cut "GeoConfirme/d": the columns' needs added up to 79,
    but a long link made Rich narrow the widest columns evenly, the Source among them, rather than
    the note alone. The note's column now takes what the others leave."""
    monkeypatch.setenv("COLUMNS", width)
    cli("dispute", mod_claim, "--by", "GeoConfirmed", "--kind", "footage", "--on", "2025-12-08",
        "--url", "https://x.com/GeoConfirmed/status/1997000000000000000", ok=True)
    cli("evidence", "add", mod_claim, "--by", "DeepState", "--stance", "inconclusive", "--kind", "map", ok=True)
    cli("dispute", mod_claim, "--by", "Ukraine", "--kind", "statement", ok=True)
    words, table = _evidence_words(cli, mod_claim, width)
    assert {"GeoConfirmed", "DeepState", "inconclusive", "disputes"} <= words, table
    for listing in (("contested",), ("list",), ("unverified",)):
        out = cli(*listing, ok=True).stdout
        assert max((len(line) for line in out.splitlines()), default=0) <= int(width), out


def test_the_trail_says_when_the_rule_moved_under_an_assessment(cli, mod_claim):
    """(rule hunt) A source's side change took an assessed claim's computed status from confirmed to
    unverified: its history said "contested → contested", the status in force, and nothing of the
    rule's verdict, which is what `list --overridden` asks an analyst to look at. Each entry of a
    change under an assessment that moves the rule's verdict says so."""
    cli("sources", "add", "Alpha", "--side", "independent", "--kind", "osint", ok=True)
    cli("confirm", mod_claim, "--by", "Alpha", ok=True)
    cli("assess", mod_claim, "contested", ok=True)
    cli("sources", "edit", "Alpha", "--side", "russia", ok=True)
    entry = show(cli, mod_claim)["history"][-1]
    assert entry["action"] == "re-evaluated" and entry["detail"].endswith("; the rule: confirmed → unverified"), entry
    cli("dispute", mod_claim, "--by", "Ukraine", ok=True)
    assert show(cli, mod_claim)["history"][-1]["detail"].endswith("; the rule: unverified → contested")
    cli("assess", mod_claim, "--clear", ok=True)  # (no assessment after it: the status pair says it all)
    assert "the rule" not in (show(cli, mod_claim)["history"][-1].get("detail") or "")


def test_the_trail_keeps_a_replaced_or_cleared_assessment_note_whole(cli):
    """(review) Messages now cut a long value ('…' (296 characters long)); the history's detail
    of a replaced or cleared assessment is the trail's only copy of its note, and was cut so too:
    kept whole, as the README says a cleared assessment's entry gives the note it had."""
    note = "The footage from the village centre shows the checkpoint and the church; geolocated twice. " * 3
    note = note.strip()  # (as a note is stored)
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("assess", "C-0001", "confirmed", "--note", note, ok=True)
    cli("assess", "C-0001", "contested", "--note", "short", ok=True)
    detail = cli("history", "C-0001", "--format", "json", ok=True).json()[-1]["detail"]
    assert detail == f"contested: short; the confirmed assessment's note '{note}' replaced", detail
    cli("assess", "C-0001", "confirmed", "--note", note, ok=True)
    cli("assess", "C-0001", "--clear", ok=True)
    detail = cli("history", "C-0001", "--format", "json", ok=True).json()[-1]["detail"]
    assert detail == f"was confirmed (its note '{note}')", detail


def test_an_assessment_given_again_without_its_note_says_the_note_was_removed(cli):
    """(life-cycle hunt) `assess C-0001 confirmed --note ""` after erin's note left an entry
    "assessed confirmed → confirmed: confirmed", alike to one that changed nothing: the trail did
    not say erin's note was taken away, by bob."""
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("assess", "C-0001", "confirmed", "--note", "footage shows the centre", "--analyst", "erin", ok=True)
    cli("assess", "C-0001", "confirmed", "--note", "", "--analyst", "bob", ok=True)
    entry = cli("history", "C-0001", "--format", "json", ok=True).json()[-1]
    assert (entry["analyst"], entry["action"]) == ("bob", "assessed")
    assert entry["detail"] == "confirmed; its note 'footage shows the centre' removed", entry
    assert "removed" in cli("history", "C-0001", ok=True).stdout
    # (another status is another assessment: its own note, or none; the one it replaces is said
    # removed, hunt: "assess contested" after a note dropped it unsaid)
    cli("assess", "C-0001", "refuted", "--note", "wrong village", ok=True)
    cli("assess", "C-0001", "confirmed", ok=True)
    assert cli("history", "C-0001", "--format", "json", ok=True).json()[-1]["detail"] == \
        "confirmed; the refuted assessment's note 'wrong village' removed"
    cli("assess", "C-0001", "contested", ok=True)
    assert cli("history", "C-0001", "--format", "json", ok=True).json()[-1]["detail"] == "contested"


def test_a_source_on_both_sides_of_a_claim_or_one_link_cited_twice_is_said(cli, mod_claim):
    """(evidence hunt) ISW's support then ISW's dispute both counted (contested: "strong support
    from ISW; strong dispute from ISW"), and one clip cited by GeoConfirmed and by ISW counted as
    two independent confirmations, unsaid: a source that changed its view, or a second report of
    one piece of evidence, is for the analyst to judge; each is said, with how to take it back."""
    cli("confirm", mod_claim, "--by", "GeoConfirmed", "--kind", "footage", "--url", "https://t.me/x/1", ok=True)
    lines = cli("confirm", mod_claim, "--by", "ISW", "--url", "https://T.me/x/1/", ok=True).stderr.splitlines()
    assert lines[1:] == [f"Warning: E2 cites the link of E1 (GeoConfirmed supports): two reports of one clip or post "
                         f"count as two; if they are one, `claims evidence remove {mod_claim} E2` takes it back."], lines
    lines = cli("dispute", mod_claim, "--by", "isw", "--note", "no sign of them", ok=True).stderr.splitlines()
    assert lines[1:] == [f"Warning: ISW also supports {mod_claim} (E2), and both count; if it changed its view, "
                         f"`claims evidence remove {mod_claim} E2` leaves the newer."], lines
    # (withdrawn, or inconclusive, or another stance of another source: nothing to say)
    cli("evidence", "remove", mod_claim, "E2", "--reason", "changed its view", ok=True)
    assert len(cli("dispute", mod_claim, "--by", "ISW", "--note", "still no sign", ok=True).stderr.splitlines()) == 1
    assert len(cli("evidence", "add", mod_claim, "--by", "GeoConfirmed", "--stance", "inconclusive", ok=True)
               .stderr.splitlines()) == 1


def test_a_telegram_post_copied_with_single_is_the_claims_own_post(cli):
    """(data-entry review) Telegram's "Copy Post Link" of a post with photos or videos adds ?single:
    GeoConfirmed's footage citing https://t.me/rybar/75210?single went unsaid as the claimant's own
    post (https://t.me/s/rybar/75210), and counted as an independent confirmation."""
    claim = add(cli, "Russian forces took Kupyansk", "Telegram", "--outlet", "Rybar", "--on", "2025-12-07",
                "--url", "https://t.me/s/rybar/75210")
    said = cli("confirm", claim, "--by", "GeoConfirmed", "--kind", "footage", "--url",
               "https://t.me/rybar/75210?single", "--on", "2025-12-08", ok=True).stderr
    assert f"Warning: E1 cites {claim}'s own link" in said, said
    # (a comment under the post is another text)
    said = cli("confirm", claim, "--by", "ISW", "--url", "https://t.me/rybar/75210?comment=12", "--on", "2025-12-08",
               ok=True).stderr
    assert "Warning" not in said, said


def test_a_link_is_said_as_cited_twice_only_when_both_items_count_as_strong_alike(cli, mod_claim):
    """(review) The link warning told to remove ISW's geolocation of the claimant's own clip (the
    only strong support), and fired for a dispute of another source's clip and for an inconclusive
    item: one clip counted twice is two strong items of one stance."""
    clip = "https://t.me/mod/5"
    cli("confirm", mod_claim, "--by", "Russian MoD", "--url", clip, ok=True)  # (the claimant's own: weak)
    assert "Warning" not in cli("confirm", mod_claim, "--by", "ISW", "--url", clip, ok=True).stderr
    assert "Warning" not in cli("dispute", mod_claim, "--by", "DeepState", "--url", clip, ok=True).stderr
    assert "Warning" not in cli("evidence", "add", mod_claim, "--by", "AP", "--stance", "inconclusive", "--url", clip,
                                ok=True).stderr
    assert "E5 cites the link of E2 (ISW supports)" in cli("confirm", mod_claim, "--by", "GeoConfirmed", "--url",
                                                           clip, ok=True).stderr


def test_strong_support_citing_the_claims_own_link_is_said(cli):
    """(tester) ISW's confirmation linking the Russian MoD's own post turned the claim confirmed,
    unsaid: the claimant's word relayed is no independent confirmation. Said of strong support
    only (the claimant's own echo is weak; a dispute of its post is no echo), the link compared as
    the same-link warning compares it."""
    claim = add(cli, "Russians took Kucherivka", "Russian MoD", "--on", "2025-12-01",
                "--url", "https://t.me/mod_russia/1", "--url", "https://t.me/mod_russia/1234")
    lines = cli("confirm", claim, "--by", "ISW", "--kind", "statement", "--url", "https://T.me/mod_russia/1234/",
                "--on", "2025-12-02", ok=True).stderr.splitlines()
    assert lines[1:] == [f"Warning: E1 cites {claim}'s own link: unless ISW checked that post, it relays the word "
                         f"of Russian MoD, yet counts as strong; `claims evidence remove {claim} E1` takes it back."], lines
    # (review) another source's support citing it too is said so once, not also as a link E1 cites
    lines = cli("confirm", claim, "--by", "DeepState", "--url", "https://t.me/mod_russia/1234", ok=True
                ).stderr.splitlines()
    assert lines[1:] == [f"Warning: E2 cites {claim}'s own link: unless DeepState checked that post, it relays "
                         f"the word of Russian MoD, yet counts as strong; `claims evidence remove {claim} E2` takes it "
                         "back."], lines
    assert "Warning" not in cli("confirm", claim, "--by", "Russian MoD", "--url", "https://t.me/mod_russia/1",
                                ok=True).stderr
    assert "Warning" not in cli("dispute", claim, "--by", "AP", "--url", "https://t.me/mod_russia/1", ok=True).stderr
    # (review) a Telegram claim is one channel's word: named with its outlet, as the tables name it
    channel = add(cli, "Russians took Rivne", "Telegram", "--outlet", "Rybar", "--on", "2025-12-01",
                  "--url", "https://t.me/rybar/77")
    said = cli("confirm", channel, "--by", "ISW", "--url", "https://t.me/rybar/77", ok=True).stderr
    assert "it relays the word of Telegram (Rybar), yet counts as strong" in said, said
    assert "Warning" not in cli("confirm", claim, "--by", "GeoConfirmed", "--url", "https://t.me/mod_russia/12",
                                ok=True).stderr


def test_support_by_the_outlet_that_relayed_the_claim_is_said(cli):
    """(review) Ukraine's claim as Reuters relayed it, confirmed by Reuters' own report of it, turned
    confirmed unsaid: the medium that carried the claim repeating it is circular reporting, counted as
    an independent confirmation. Said as the claim's own link is (strong support only; the outlet
    compared as the registry compares sources: any case, an alias), once for an item that also cites
    that link; the rule is left as it is."""
    def warnings(result) -> list[str]:
        return [line for line in result.stderr.splitlines() if line.startswith("Warning:")]

    claim = add(cli, "Ukrainian drones hit Tuapse refinery", "Ukraine", "--outlet", "Reuters", "--on", "2025-12-07",
                "--url", "https://reuters.com/tuapse")
    result = cli("confirm", claim, "--by", "Reuters", "--on", "2025-12-07", "--note", "Reuters report", ok=True)
    assert result.stderr.splitlines()[0] == (f"{claim}: unverified → confirmed (strong support from Reuters); "
                                             "recorded as E1")  # (the rule as it was)
    assert warnings(result) == [
        f"Warning: E1 is by Reuters, the outlet that relayed {claim}: unless Reuters checked the claim itself, its "
        f"report relays the word of Ukraine, yet counts as strong; `claims evidence remove {claim} E1` takes it back."]
    # (once for an item citing the claim's own link too; the outlet typed in another case, or an alias)
    cited = cli("confirm", claim, "--by", "reuters", "--url", "https://reuters.com/tuapse", "--on", "2025-12-08",
                ok=True)
    assert warnings(cited) == [
        f"Warning: E2 is by Reuters, the outlet that relayed {claim}: unless Reuters checked the claim itself, its "
        f"report relays the word of Ukraine, yet counts as strong; `claims evidence remove {claim} E2` takes it back."]
    aliased = add(cli, "Russian forces took Rivne", "Russian MoD", "--outlet", "associated press", "--on", "2025-12-07")
    assert warnings(cli("evidence", "add", aliased, "--by", "AP", "--stance", "supports", "--on", "2025-12-07",
                        ok=True)) == [
        f"Warning: E1 is by AP, the outlet that relayed {aliased} (as associated press): unless AP checked the claim "
        f"itself, its report relays the word of Russian MoD, yet counts as strong; `claims evidence remove {aliased} "
        "E1` takes it back."]
    # not of another source's support, a dispute by the outlet, nor of weak support (the claimant's own side)
    assert not warnings(cli("confirm", claim, "--by", "ISW", "--on", "2025-12-08", ok=True))
    denied = add(cli, "Ukrainian drones hit Novorossiysk port", "Ukraine", "--outlet", "Reuters", "--on", "2025-12-07")
    assert not warnings(cli("dispute", denied, "--by", "Reuters", "--on", "2025-12-08", ok=True))
    own_side = add(cli, "Russian forces took Lyman", "Russian MoD", "--outlet", "Telegram", "--on", "2025-12-07")
    assert not warnings(cli("confirm", own_side, "--by", "Telegram", "--on", "2025-12-07", ok=True))
    spoken = add(cli, "Talks set for Miami", "Ukraine", "--outlet", "Keith Kellogg", "--on", "2025-12-07")
    assert not warnings(cli("confirm", spoken, "--by", "AP", "--on", "2025-12-07", ok=True))
    # (a repeat of a live item is said as one, and nothing more: its twin was warned of)
    assert warnings(cli("confirm", claim, "--by", "Reuters", "--on", "2025-12-07", "--note", "Reuters report",
                        ok=True)) == [f"Warning: E4 repeats E1 (Reuters supports, the same note); `claims evidence "
                                      f"remove {claim} E4` takes it back."]
    assert show(cli, claim)["status"] == "confirmed"


def test_a_source_on_both_sides_is_said_whatever_link_it_cites_and_with_each_item(cli, mod_claim):
    """(review) A link match hid the same source on both sides; of two earlier supports, one was
    named, and removing it would leave the other counting."""
    cli("confirm", mod_claim, "--by", "GeoConfirmed", "--url", "https://t.me/x/1", ok=True)
    cli("confirm", mod_claim, "--by", "ISW", "--url", "https://isw.org/a", ok=True)
    cli("confirm", mod_claim, "--by", "ISW", "--url", "https://isw.org/b", ok=True)
    warnings = [line for line in cli("dispute", mod_claim, "--by", "ISW", "--url", "https://t.me/x/1",
                                     ok=True).stderr.splitlines() if line.startswith("Warning")]
    assert warnings == [f"Warning: ISW also supports {mod_claim} (E2, E3), and all count; if it changed its view, "
                        f"`claims evidence remove {mod_claim} ID` of each of E2, E3 leaves the newer."], warnings


def test_the_evidence_commands_and_the_import_say_an_overlap_in_one_place():
    """(refactor) The evidence commands and the import built the same sentences apart: one
    function says what an item repeats or crosses, with the fix given the claim's ID (the
    commands', an update's), without it given none (a new claim not written yet), and the item
    named before a crossing only where asked (an import's note; a command's status line names it)."""
    from claims_cli.ledger import overlap_warnings
    from claims_cli.models import DEFAULT_SOURCES, SourceRegistry

    registry = SourceRegistry(list(DEFAULT_SOURCES))

    def item(number, source, stance, url=None, **more):
        return {"id": f"E{number}", "source": source, "stance": stance, "url": url, "note": None,
                "on": "2025-12-02", **more}

    claim = {"id": "C-0001", "source": "Russian MoD", "urls": [], "evidence": [
        item(1, "ISW", "supports", "https://isw.org/a"),
        item(2, "GeoConfirmed", "supports", "https://t.me/x/1", withdrawn_at="2025-12-03T10:00:00+00:00",
             withdrawn_by="bob"),
        item(3, "ISW", "supports", "https://isw.org/a"),
    ]}

    def said(claim, at, claim_id, **named):
        found = overlap_warnings({**claim, "evidence": claim["evidence"][:at + 1]}, claim["evidence"][at],
                                 registry, **named)
        return [(what, say(claim_id)) for what, say in found]

    assert said(claim, 2, "C-0001") == [("repeat", "E3 repeats E1 (ISW supports, the same URL); `claims evidence "
                                                   "remove C-0001 E3` takes it back")]
    assert said(claim, 2, None) == [("repeat", "E3 repeats E1 (ISW supports, the same URL)")]
    claim["evidence"][2] = item(3, "AP", "supports", "https://T.me/x/1/")
    withdrawn = said(claim, 2, "C-0001")
    assert [what for what, _ in withdrawn] == ["withdrawn"], withdrawn
    assert withdrawn[0][1].startswith("E3 cites the link of E2 (GeoConfirmed supports), withdrawn "), withdrawn
    assert withdrawn[0][1].endswith(" by bob; if the withdrawal still stands, `claims evidence remove C-0001 E3` "
                                    "takes it back"), withdrawn
    claim["evidence"][2] = item(3, "ISW", "disputes", "https://isw.org/b")
    assert said(claim, 2, "C-0001") == [("crossed", "ISW also supports C-0001 (E1), and both count; if it changed "
                                                    "its view, `claims evidence remove C-0001 E1` leaves the newer")]
    assert said(claim, 2, None, item_named=True) == [("crossed", "E3: ISW also supports this claim (E1), and both "
                                                                 "count")]
    claim["evidence"][2] = item(3, "Reuters", "supports", "https://isw.org/a/")
    assert said(claim, 2, "C-0001") == [("same link", "E3 cites the link of E1 (ISW supports): two reports of one "
                                                      "clip or post count as two; if they are one, `claims evidence "
                                                      "remove C-0001 E3` takes it back")]


@pytest.mark.parametrize("command", ["contested", "unverified"])
def test_a_claims_age_is_whole_however_narrow_the_terminal(cli, monkeypatch, command):
    """(terminal hunt) At 20 to 24 columns the last column was cropped: 364 days read "36" or "3",
    a backlog age wrong tenfold and believable. Under the room the sources need, they give way
    (`show` has them), and the age stays whole."""
    cli("add", "Russian forces took Kucherivka in the Kharkiv region", "--source", "Russian MoD", "--on",
        "2023-01-02", ok=True)
    if command == "contested":
        cli("confirm", "C-0001", "--by", "GeoConfirmed", "--on", "2023-01-03", ok=True)
        cli("dispute", "C-0001", "--by", "ISW", "--on", "2023-01-03", ok=True)
    days = (date.today() - date(2023, 1, 2)).days
    for width in range(20, 41):
        monkeypatch.setenv("CLAIMS_WIDTH", str(width))
        out = cli(command, ok=True).stdout
        row = [line for line in out.splitlines() if "C-0001" in line]
        assert row and row[0].rstrip().endswith(str(days)), (width, out)
        assert max(len(line) for line in out.splitlines()) <= width, (width, out)


def test_show_keeps_every_word_of_the_evidence_however_narrow_the_terminal(cli, mod_claim, monkeypatch):
    """(terminal hunt) At 38 columns or fewer `show` cut the evidence's note and link ("Note / UR",
    "none. Fro", a URL missing letters): under 40 each item is laid out on its own lines, whole."""
    note = "Map puts about half of Siversk in the grey zone; from the opposing side, so a weak dispute."
    url = "https://x.example/very/long/url/that/goes/on/and/on/geolocation/abc123def456"
    cli("dispute", mod_claim, "--by", "Ukraine", "--note", note, ok=True)
    cli("confirm", mod_claim, "--by", "GeoConfirmed", "--kind", "footage", "--url", url, ok=True)
    cli("evidence", "withdraw", mod_claim, "E1", "--reason", "misread map", ok=True)
    for width in range(20, 52):  # (wider, the table keeps its strength column: words in two columns interleave)
        monkeypatch.setenv("CLAIMS_WIDTH", str(width))
        out = cli("show", mod_claim, ok=True).stdout
        evidence = out.split("Evidence", 1)[1].split("History", 1)[0]
        assert max(len(line) for line in out.splitlines()) <= width, (width, out)
        flat = "".join(evidence.split())
        # (review: the strength whatever the width, in the lines form where the table would drop it)
        for said in (note, url, "GeoConfirmed", "withdrawn", "strong"):
            assert "".join(said.split()) in flat, (width, said, evidence)


def test_the_review_screens_keep_words_whole_however_narrow(cli, mod_claim, monkeypatch):
    """(review) Kept down to 28 columns, the sources' columns were 3 to 5 wide and every word was
    cut ("Sta/tem/ent", "~Ru/ssi/an"): they give way together below about 50, said."""
    cli("confirm", mod_claim, "--by", "GeoConfirmed", "--kind", "footage", ok=True)
    cli("dispute", mod_claim, "--by", "ISW", ok=True)
    for width in range(24, 81):  # (under 24 the statement's header itself has no room)
        monkeypatch.setenv("CLAIMS_WIDTH", str(width))
        out = cli("contested", ok=True).stdout
        words = set(out.split())
        for word in ("Statement", "Supports", "Disputes", "ISW", "GeoConfirmed") if "Supports" in out else ("Statement",):
            assert word in words, (width, word, out)
        assert ("Supports" in out) != ("Too narrow" in out), (width, out)


@pytest.mark.parametrize("command", ["contested", "unverified"])
def test_the_review_screens_say_what_an_empty_filter_may_have_meant_as_list_does(cli, mod_claim, command):
    """(filters hunt) `unverified --tag "kupiansk, kharkiv"` and `contested --source AP` said only
    "No ... claims match.", where `list` says tags are separated by ';' and what --evidence-by is."""
    for args, said in ((("--tag", "kupiansk, kharkiv"), "tags are separated by ';'"),
                       (("--source", "AP"), "--evidence-by")):
        result = cli(command, *args, ok=True)
        assert "match." in result.stderr and said in result.stderr, (command, args, result.stderr)


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Pacific/Kiritimati"])
@pytest.mark.parametrize("width", ["160", "100", "30"])
def test_show_gives_a_withdrawals_time_in_utc_as_its_other_times(cli, db, monkeypatch, width, zone):
    """(fix hunt) `show` cut a withdrawal's UTC time at its day: in Los Angeles on an evening its
    evidence said "withdrawn" on tomorrow's date; then it gave this machine's day, with no zone, on a
    page whose history, assessment and record times are UTC ("withdrawn 2025-12-08" above a history
    line of 2025-12-07 10:51, at UTC+14). It is the time in UTC to the minute, as the history heads
    it, said so, in the table and in the narrow lines form alike (the exports give this machine's
    days, their zone under the title)."""
    claim = add(cli, "Strike on Odesa port", "Russian MoD", "--on", "2025-12-01")
    cli("confirm", claim, "--by", "ISW", "--on", "2025-12-02", ok=True)
    cli("evidence", "remove", claim, "E1", "--reason", "slip", ok=True)
    data = json.loads(db.read_text(encoding="utf-8"))
    (record,) = data["claims"].values()
    # (19:51 on the 6th in Los Angeles, 00:51 on the 8th at Kiritimati)
    record["evidence"][0]["withdrawn_at"] = "2025-12-07T03:51:00Z"
    db.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("CLAIMS_WIDTH", width)
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        shown = cli("show", claim, ok=True).stdout
    finally:
        monkeypatch.undo()
        time.tzset()
    # (at 100 columns the strength wraps at 12: "withdrawn" above its day, its time below)
    assert "2025-12-07" in shown and "03:51 UTC" in shown, shown
    assert "2025-12-06" not in shown and "2025-12-08" not in shown, shown


@pytest.mark.parametrize("command", ["confirm", "dispute"])
def test_hunt_an_empty_evidence_kind_is_refused_as_an_empty_date_is(cli, db, command):
    """(hunt) `confirm --kind ""` (a script's unset variable) filed the item as "other" unsaid, where
    `--on ""` is refused."""
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    before = db.read_bytes()
    for blank in ("", "  "):
        result = cli(command, "C-0001", "--by", "ISW", "--kind", blank, ok=False)
        assert result.exit_code == 1 and result.stderr.splitlines()[0] == "Error: --kind is empty", result.stderr
        assert db.read_bytes() == before
    refused = cli("evidence", "add", "C-0001", "--by", "ISW", "--stance", "supports", "--kind", "", ok=False)
    assert "--kind is empty" in refused.stderr


@pytest.mark.parametrize("command", [["confirm", "C-0001", "--by", "ISW"], ["dispute", "C-0001", "--by", "ISW"],
                                     ["evidence", "add", "C-0001", "--by", "ISW", "--stance", "supports"]])
def test_an_empty_evidence_url_is_refused_as_an_empty_claim_url_is(cli, db, command):
    """(review) `confirm --url ""` (a script's unset variable) recorded the item without a link, exit
    0, and `--url " "` said "url is missing", while `add --url ""` is refused: "--url is empty"."""
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    before = db.read_bytes()
    for blank in ("", "  "):
        result = cli(*command, "--url", blank, ok=False)
        assert result.exit_code == 1 and result.stderr.splitlines() == [
            "Error: --url is empty", "Leave --url out for no link, or give one (http or https)."], result.stderr
        assert db.read_bytes() == before
    assert cli("add", "x y", "--source", "ISW", "--on", "2025-12-07", "--url", "", ok=False).stderr.startswith(
        "Error: --url is empty")


def test_hunt_the_contested_tables_mark_a_claimants_own_dispute(cli, db, monkeypatch):
    """(hunt) `show` says "disputed by Telegram (the claimant itself)", a retraction to weigh; the
    contested screen and the reports read "~Telegram", as any weak denial."""
    monkeypatch.setenv("CLAIMS_WIDTH", "120")
    cli("add", "Russian troops took the north of Siversk", "--source", "Telegram", "--on", "2025-12-07", ok=True)
    cli("dispute", "C-0001", "--by", "Telegram", ok=True)
    cli("dispute", "C-0001", "--by", "Ukraine", ok=True)
    screen = cli("contested", ok=True).stdout
    assert "~Telegram" in screen and "(itself)," in screen and screen.count("(itself)") == 1, screen
    assert "~Telegram (itself), ~Ukraine" in cli("report", "-f", "markdown", ok=True).stdout
    page = cli("report", "-f", "html", ok=True).stdout
    assert '<bdi class="weak">~Telegram (itself)</bdi>' in page, page[page.find("Contested"):][:2000]
    assert '<bdi class="weak">~Telegram (itself)</bdi>' in cli("export", "-f", "html", ok=True).stdout
    assert "weak: the claimant itself" in cli("export", "-f", "markdown", ok=True).stdout  # (its evidence table)


def test_the_contested_and_unverified_tables_mark_a_claimants_own_support_too(cli, db, monkeypatch):
    """(tester) `show` says "only the claimant's own word"; the tables marked the claimant's own
    dispute "(itself)" and its own support not: "~ISW" read as another's weak corroboration."""
    monkeypatch.setenv("CLAIMS_WIDTH", "120")
    cli("add", "ISW: Russians advanced near Kupiansk", "--source", "ISW", "--on", "2025-12-01", ok=True)
    cli("confirm", "C-0001", "--by", "ISW", "--on", "2025-12-02", ok=True)
    assert "~ISW (itself)" in " ".join(cli("unverified", ok=True).stdout.split())
    cli("dispute", "C-0001", "--by", "ISW", "--on", "2025-12-02", ok=True)
    screen = cli("contested", ok=True).stdout
    assert screen.count("(itself)") == 2, screen
    assert "| ~ISW (itself) | ~ISW (itself) |" in cli("report", "-f", "markdown", ok=True).stdout
    page = cli("report", "-f", "html", ok=True).stdout
    assert page.count('<bdi class="weak">~ISW (itself)</bdi>') == 2, page[page.find("Contested"):][:2000]
    assert cli("export", "-f", "html", ok=True).stdout.count('<bdi class="weak">~ISW (itself)</bdi>') == 2
    days = str((date.today() - date(2025, 12, 1)).days)
    for width in range(40, 101, 10):  # (the narrow layouts: the mark wraps under its name, the age whole)
        monkeypatch.setenv("CLAIMS_WIDTH", str(width))
        screen = cli("contested", ok=True).stdout
        row = next(line for line in screen.splitlines() if line.startswith("C-0001"))
        assert max(map(len, screen.splitlines())) <= width and row.rstrip().endswith(days), (width, screen)
        if "Supports" in screen:  # (under about 50 they give way, together: `show` has them)
            assert screen.split().count("(itself)") == 2 and screen.split().count("~ISW") == 2, (width, screen)


def test_the_itself_mark_follows_the_rule_for_an_item_under_the_claimants_alias(cli, db, monkeypatch):
    """(review) The tables marked "(itself)" by the name as written, the rule by the source: an
    item kept under an alias of its claimant (every command keeps the registry's name; a hand edit,
    which doctor passes, need not) was "~Inst War" beside show's "the claimant itself"."""
    monkeypatch.setenv("CLAIMS_WIDTH", "120")
    cli("add", "ISW: Russians advanced near Kupiansk", "--source", "ISW", "--on", "2025-12-01", ok=True)
    cli("confirm", "C-0001", "--by", "ISW", "--on", "2025-12-02", ok=True)
    cli("dispute", "C-0001", "--by", "ISW", "--on", "2025-12-03", ok=True)
    cli("sources", "edit", "ISW", "--alias", "Inst War", ok=True)
    data = json.loads(db.read_text())
    for record in data["claims"].values():
        for item in record["evidence"]:
            item["source"] = "Inst War"
    db.write_text(json.dumps(data))
    assert "disputed by Inst War (the claimant itself); only the claimant's own word" in cli("show", "C-0001",
                                                                                              ok=True).stdout
    assert cli("contested", ok=True).stdout.split().count("(itself)") == 2
    assert "| ~Inst War (itself) | ~Inst War (itself) |" in cli("report", "-f", "markdown", ok=True).stdout
    assert cli("report", "-f", "html", ok=True).stdout.count('<bdi class="weak">~Inst War (itself)</bdi>') == 2


@pytest.mark.parametrize("width", ["120", "40"])
def test_show_says_who_withdrew_an_item(cli, db, monkeypatch, width):
    """(history hunt) `show` never said who withdrew an item (the exports do), and joined a note's
    full stop and the reason as ".;"."""
    claim = add(cli, "Strike on Odesa port", "Russian MoD", "--on", "2025-12-01")
    cli("confirm", claim, "--by", "ISW", "--on", "2025-12-02", "--note", "the northern districts.", ok=True)
    cli("evidence", "remove", claim, "E1", "--reason", "old map", "--analyst", "petro", ok=True)
    monkeypatch.setenv("CLAIMS_WIDTH", width)
    words = " ".join(cli("show", claim, ok=True).stdout.split())
    assert re.search(r"withdrawn \d{4}-\d\d-\d\d", words) and "by petro" in words, words  # (it may wrap)
    assert ".;" not in words and "districts. withdrawn: old map" in words, words


def test_the_history_keeps_an_assessments_note_replaced_or_cleared(cli):
    """(history hunt) A note replaced by another, or dropped with `assess --clear`, left no word of
    what it had said: the trail showed only the new note, or "was refuted"."""
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("assess", "C-0001", "confirmed", "--note", "footage shows the centre", ok=True)
    cli("assess", "C-0001", "confirmed", "--note", "footage and map agree", ok=True)
    cli("assess", "C-0001", "refuted", "--note", "held", ok=True)
    cli("assess", "C-0001", "--clear", ok=True)
    details = [entry.get("detail") for entry in cli("history", "C-0001", "--format", "json", ok=True).json()][-3:]
    assert details == [
        "confirmed: footage and map agree; its note 'footage shows the centre' replaced",
        "refuted: held; the confirmed assessment's note 'footage and map agree' replaced",
        "was refuted (its note 'held')"], details


def test_a_note_given_with_clear_reads_as_why_it_was_cleared(cli):
    """(hunt) `assess --clear --note` wrote "was contested: footage re-checked", the shape an
    `assessed` entry gives the assessment's own note: read as the cleared assessment's note."""
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("assess", "C-0001", "contested", ok=True)
    cli("assess", "C-0001", "--clear", "--note", "footage re-checked", ok=True)
    cli("assess", "C-0001", "refuted", "--note", "held", ok=True)
    cli("assess", "C-0001", "--clear", "--note", "map redrawn", ok=True)
    details = [entry.get("detail") for entry in cli("history", "C-0001", "--format", "json", ok=True).json()]
    assert details[-3] == "was contested; cleared: footage re-checked", details
    assert details[-1] == "was refuted (its note 'held'); cleared: map redrawn", details
    options = " ".join(cli("assess", "--help", ok=True).stdout.split()).split("Options:", 1)[1]
    assert "with --clear, why it is cleared" in options, options


def test_evidence_without_on_says_the_day_it_was_given(cli):
    """(article hunt) `confirm` without --on dated the item today, unsaid: typed up a year late,
    the report's days to first strong support read 364, not 0."""
    from claims_cli.dates import today

    cli("add", "Russia made steady gains in Zaporizhzhia", "--source", "Reuters", "--on", "2025-12-07", ok=True)
    undated = cli("confirm", "C-0001", "--by", "ISW", "--kind", "statement", ok=True).stderr
    assert f"recorded as E1; dated today, {today().isoformat()} (no --on given)" in undated, undated
    dated = cli("dispute", "C-0001", "--by", "Russian MoD", "--on", "2025-12-07", ok=True).stderr
    assert "dated today" not in dated, dated


def test_evidence_long_before_its_claim_offers_to_mend_the_claims_date_too(cli):
    """(article hunt) The claim took today's date (no --on); the evidence, rightly dated a year
    before, was warned of, and only its removal offered: the claim's date was the slip."""
    cli("add", "Russia controls 19.2% of Ukraine", "--source", "Reuters", "--on", "2026-06-01", ok=True)
    said = cli("evidence", "add", "C-0001", "--by", "ISW", "--stance", "supports", "--on", "2025-06-01",
               ok=True).stderr
    assert "E1 is dated 2025-06-01, 365 days before the claim (2026-06-01)" in said, said
    assert "evidence remove C-0001 E1" in said and "`claims edit C-0001 --on DAY`" in said, said


def test_a_withdrawal_reason_mixing_latin_and_cyrillic_is_warned_of(cli, mod_claim):
    """(evidence hunt) `evidence remove --reason "Сiверськ was misread"` (a Latin i) said nothing,
    where the same word in an item's --note is warned of: the reason is read and searched as one."""
    cli("dispute", mod_claim, "--by", "ISW", "--on", "2025-12-08", ok=True)
    said = cli("evidence", "remove", mod_claim, "E1", "--reason", "Сiверськ was misread", ok=True).stderr
    assert "the reason's word 'Сiверськ' mixes Latin and Cyrillic letters (Latin: i)" in said, said
