"""Renaming, merging and removing sources through the real CLI (left from earlier sessions: a source
added with a typo, or twice under two names, could not be mended)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from claims_cli.errors import shown
from claims_cli.plain import shell_quoted

import pytest

from claims_cli.models import DEFAULT_SOURCES, Source, SourceRegistry


def add(cli, text, source, *options) -> str:
    return cli("add", text, "--source", source, "--on", "2025-12-07", *options, ok=True).stdout.strip()


def show(cli, claim_id) -> dict:
    return cli("show", claim_id, "--format", "json", ok=True).json()


def sources(cli) -> dict:
    return {row["name"]: row for row in cli("sources", "list", "--format", "json", ok=True).json()}


def refused(cli, db, *args, words=()) -> str:
    before = db.read_bytes()
    result = cli(*args)
    assert result.exit_code == 1 and result.stdout == "", (result.exit_code, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Error: ") and len(lines) <= 2 and "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    assert db.read_bytes() == before
    return result.stderr


@pytest.fixture
def typo(cli) -> dict:
    """A source added with a typo, a claim by it and evidence from it on another's claim."""
    cli("sources", "add", "Black Brid Group", "--side", "independent", "--kind", "osint", "--grade", "B",
        "--alias", "BBG", ok=True)
    by = add(cli, "Footage shows Russian troops in Kucherivka", "Black Brid Group")
    on = add(cli, "Russian forces took Kucherivka", "Russian MoD", "--place", "Kucherivka")
    cli("confirm", on, "--by", "Black Brid Group", "--kind", "footage", ok=True)
    return {"by": by, "on": on}


# ------------------------------------------------------------------------------ rename

def test_a_source_renamed_keeps_its_claims_evidence_and_standing(cli, db, typo):
    before = show(cli, typo["on"])
    result = cli("sources", "rename", "Black Brid Group", "Black Bird Group", "--analyst", "olena", ok=True)
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        "Renamed source Black Brid Group to Black Bird Group: 2 claims cite it (1 as claimant, 1 by "
        "evidence); Black Brid Group is kept as its alias.")
    listed = sources(cli)
    assert "Black Brid Group" not in listed
    renamed = listed["Black Bird Group"]
    assert (renamed["side"], renamed["kind"], renamed["grade"], renamed["claims"]) == ("independent", "osint", "B", 1)
    assert renamed["aliases"] == ["BBG", "Black Brid Group"]
    assert show(cli, typo["by"])["source"] == "Black Bird Group"
    after = show(cli, typo["on"])
    assert after["evidence"][0]["source"] == "Black Bird Group"
    assert after["status"] == before["status"] == "confirmed"
    entry = after["history"][-1]
    assert (entry["action"], entry["analyst"], entry["detail"]) == (
        "source-renamed", "olena", "source Black Brid Group renamed Black Bird Group")
    assert (entry["status_before"], entry["status_after"]) == ("confirmed", "confirmed")
    # the old name still finds it: an older file, an analyst's habit
    assert cli("list", "--source", "Black Brid Group", "--format", "json", ok=True).json()[0]["id"] == typo["by"]
    assert cli("doctor", ok=True).exit_code == 0


@pytest.mark.parametrize("change", [("rename", "Two Majros", "Two Majors"), ("merge", "Two Majros", "Rybar")])
def test_a_claims_history_says_its_claimant_renamed_or_merged_once(cli, db, change):
    """(rename, merge) The claimant's entry read "source: Two Majros → Two Majors; source Two Majros
    renamed Two Majors": the change, then the same again in words. A claim the source only gave
    evidence on has no change of claimant, and keeps the words."""
    verb, old, new = change
    cli("sources", "add", "Two Majros", "--side", "russia", "--kind", "social", ok=True)
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    made = cli("add", "Village A taken", "--source", old, "--on", "2025-12-01", ok=True).stdout.strip()
    other = cli("add", "Village B taken", "--source", "ISW", "--on", "2025-12-01", ok=True).stdout.strip()
    cli("dispute", other, "--by", old, "--kind", "statement", ok=True)
    cli("sources", verb, old, new, *(["--yes"] if verb == "merge" else []), ok=True)
    said = " ".join(cli("history", made, ok=True).stdout.split())
    assert f"source: {old} → {new}" in said and f"source {old}" not in said, said
    assert f"source {old} {'renamed' if verb == 'rename' else 'merged into'} {new}" in " ".join(
        cli("history", other, ok=True).stdout.split())
    # (the record keeps both, as before: a script reads the detail)
    assert show(cli, made)["history"][-1]["detail"].startswith(f"source {old}")


def test_a_rename_to_an_alias_of_its_own_swaps_them_and_a_case_only_rename_adds_no_alias(cli, db):
    cli("sources", "rename", "Ukraine", "General Staff", ok=True)
    staff = sources(cli)["General Staff"]
    assert "Ukraine" in staff["aliases"] and "General Staff" not in staff["aliases"]
    cli("sources", "rename", "deepstate", "Deepstate", ok=True)  # (found by any case, as every name is)
    assert sources(cli)["Deepstate"]["aliases"] == ["DeepStateMap", "DeepState UA"]


def test_a_rename_to_a_name_another_source_holds_is_refused_with_the_merge(cli, db, typo):
    said = refused(cli, db, "sources", "rename", "Black Brid Group", "deepstatemap",
                   words=["'deepstatemap' already names the source 'DeepState'"])
    assert "claims sources merge 'Black Brid Group' DeepState" in said
    refused(cli, db, "sources", "rename", "Black Brid Group", "Black Brid Group", words=["already called"])
    refused(cli, db, "sources", "rename", "Nobody", "Somebody", words=["unknown source 'Nobody'"])
    refused(cli, db, "sources", "rename", "Black Brid Group", "  ", words=["name"])


# ------------------------------------------------------------------------------ merge

def test_two_sources_merged_are_one_and_the_rule_reads_them_so(cli, db):
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", "--alias", "Рыбарь", ok=True)
    by_rybar = add(cli, "Russian forces entered Siversk", "Rybar")
    by_telegram = add(cli, "Russian forces took Kupiansk", "Telegram")
    cli("confirm", by_telegram, "--by", "Rybar", ok=True)  # (from another claimant: support of a kind)
    status_before = show(cli, by_telegram)["status"]
    result = cli("sources", "merge", "Rybar", "Telegram", "--yes", ok=True)
    assert result.stderr.splitlines()[0] == (
        "Merged source Rybar into Telegram: 2 claims cite it instead (1 as claimant, 1 by evidence); "
        "Rybar and its aliases are now names merged into Telegram.")
    listed = sources(cli)
    assert "Rybar" not in listed and {"Rybar", "Рыбарь"} <= set(listed["Telegram"]["aliases"])
    # (the listing says which aliases were another source's names, as the export does)
    assert listed["Telegram"]["merged"] == ["Rybar", "Рыбарь"] and listed["ISW"]["merged"] == []
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(cli("sources", "list", "-f", "csv", ok=True).stdout))}
    assert (rows["Telegram"]["merged"], rows["ISW"]["merged"]) == ("Rybar;Рыбарь", "")
    assert listed["Telegram"]["side"] == "russia" and listed["Telegram"]["claims"] == 2
    assert show(cli, by_rybar)["source"] == "Telegram"
    merged = show(cli, by_telegram)
    assert merged["evidence"][0]["source"] == "Telegram"  # now the claimant itself
    entry = merged["history"][-1]
    assert (entry["action"], entry["detail"]) == ("source-merged", "source Rybar merged into Telegram")
    assert (entry["status_before"], entry["status_after"]) == (status_before, merged["status"])
    assert cli("list", "--source", "Рыбарь", "--format", "json", ok=True).json()  # (its alias finds the claims)


def test_a_merge_that_changes_a_status_says_so(cli, db):
    cli("sources", "add", "Kyiv Independent", "--side", "independent", "--kind", "media", ok=True)
    cli("sources", "add", "Ukrainska Pravda", "--side", "ukraine", "--kind", "media", ok=True)
    claim = add(cli, "Ukrainian forces hold Siversk", "Ukrainska Pravda")
    cli("confirm", claim, "--by", "Kyiv Independent", "--kind", "statement", ok=True)
    assert show(cli, claim)["status"] == "confirmed"
    result = cli("sources", "merge", "Kyiv Independent", "Ukrainska Pravda", "--yes", ok=True)
    assert f"{claim}: confirmed → unverified" in result.stderr  # (support from the claimant itself)
    assert show(cli, claim)["status"] == "unverified"


def test_a_deleted_claim_whose_status_a_source_change_moves_is_said_deleted(cli, db):
    """(numbers hunt) A merge or a side change listed a deleted claim's status change as a live
    one's: a reader looked for it in `claims list`, a script counted it."""
    cli("sources", "add", "Foo2", "--side", "independent", "--kind", "osint", ok=True)
    gone, live = add(cli, "Russian forces took A", "Russian MoD"), add(cli, "Russian forces took B", "Russian MoD")
    for claim in (gone, live):
        cli("confirm", claim, "--by", "Foo2", "--kind", "map", ok=True)
    cli("delete", gone, "--yes", ok=True)
    side = cli("sources", "edit", "Foo2", "--side", "russia", ok=True).stderr
    assert f"{gone} (deleted): confirmed → unverified" in side and f"{live}: confirmed → unverified" in side
    cli("sources", "edit", "Foo2", "--side", "independent", ok=True)
    merged = cli("sources", "merge", "Foo2", "Telegram", "--yes", ok=True).stderr
    assert f"{gone} (deleted): confirmed → unverified" in merged and f"{live}: confirmed → unverified" in merged


def test_a_merge_asks_first_and_is_refused_with_nothing_changed(cli, db, typo):
    result = cli("sources", "merge", "Black Brid Group", "DeepState", input="n\n")
    assert result.exit_code == 0 and "Merge source Black Brid Group (independent) into DeepState (ukraine)" in result.stderr
    assert "Not merged: Black Brid Group and DeepState are as they were." in result.stderr
    assert "Black Brid Group" in sources(cli)
    result = cli("sources", "merge", "Black Brid Group", "DeepState", input="")  # (no answer: refused)
    assert result.exit_code == 1 and "Error: not merged: no answer was read" in result.stderr
    assert "Black Brid Group" in sources(cli)
    refused(cli, db, "sources", "merge", "Black Brid Group", "BBG", "--yes", words=["the same source"])
    refused(cli, db, "sources", "merge", "Black Brid Group", "Nobody", "--yes", words=["unknown source 'Nobody'"])


# ------------------------------------------------------------------------------ remove

def test_a_source_nothing_cites_is_removed_and_one_that_is_cited_is_not(cli, db, typo):
    cli("sources", "add", "Ryabar", "--side", "russia", ok=True)
    result = cli("sources", "remove", "Ryabar", ok=True)
    assert result.stderr.strip() == "Removed source Ryabar (nothing cited it)."
    assert "Ryabar" not in sources(cli)
    said = refused(cli, db, "sources", "remove", "Black Brid Group",
                   words=["source 'Black Brid Group' is cited by 1 claim and 1 evidence item"])
    assert "claims sources merge 'Black Brid Group' OTHER" in said
    cli("delete", typo["by"], "--yes", ok=True)  # (a deleted claim still cites it: restore brings it back)
    refused(cli, db, "sources", "remove", "Black Brid Group", words=["is cited by 1 claim"])


# ------------------------------------------------------------------------------ the registry, directly

def test_a_registry_without_a_source_frees_its_names():
    registry = SourceRegistry(DEFAULT_SOURCES)
    smaller = registry.without("deepstate")
    assert smaller.find("DeepStateMap") is None and registry.find("DeepStateMap") is not None
    assert len(smaller) == len(registry) - 1
    smaller.with_source(Source("DeepStateMap", "ukraine"))  # (its alias is free again)


def test_review_the_messages_of_a_blank_new_name_and_of_a_remove_that_counts_the_deleted(cli, db, typo):
    refused(cli, db, "sources", "rename", "Black Brid Group", "", words=["the new name is missing"])
    cli("delete", typo["by"], "--yes", ok=True)
    refused(cli, db, "sources", "remove", "Black Brid Group",
            words=["is cited by 1 claim and 1 evidence item, deleted or withdrawn ones included"])


def test_review_a_source_edit_that_changes_nothing_makes_no_database(cli, tmp_path):
    path = tmp_path / "new.json"
    result = cli("--db", path, "sources", "edit", "DeepState", "--grade", "", ok=True)
    assert result.stderr.startswith("Source DeepState unchanged") and "new database" not in result.stderr
    assert not path.exists()
    assert "Created a new database" in cli("--db", path, "sources", "edit", "DeepState", "--grade", "B", ok=True).stderr


# ------------------------------------------------------------------------------ across desks (sources hunt)

def test_an_export_after_a_rename_imports_into_a_desk_that_has_the_old_name(cli, tmp_path):
    """(sources hunt) Desk A renamed Rybar; its export, imported by desk B (still "Rybar"), added the
    same claim again under "Rybar Channel", a second source, and a second evidence item."""
    desk_a, desk_b = tmp_path / "a.json", tmp_path / "b.json"
    cli("--db", desk_a, "sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", desk_a, "add", "Russian troops entered Huliaipole", "--source", "Rybar", "--on", "2025-12-06", ok=True)
    cli("--db", desk_a, "add", "Ukrainian forces repelled an assault at Zarichne", "--source", "Ukraine",
        "--on", "2025-12-06", ok=True)
    cli("--db", desk_a, "dispute", "C-0002", "--by", "Rybar", "--kind", "statement", ok=True)
    cli("--db", desk_a, "export", "--format", "json", "--output", tmp_path / "before.json", ok=True)
    cli("--db", desk_b, "import", tmp_path / "before.json", ok=True)
    cli("--db", desk_a, "sources", "rename", "Rybar", "Rybar Channel", ok=True)
    cli("--db", desk_a, "export", "--format", "json", "--output", tmp_path / "after.json", ok=True)
    for mode in ("skip", "update"):
        result = cli("--db", desk_b, "import", tmp_path / "after.json", "--on-duplicate", mode,
                     "--summary", "json", ok=True)
        assert result.json()["added"] == 0, result.stderr
        if mode == "skip":  # (then desk B knows the new name as an alias of Rybar)
            assert "'Rybar Channel' of this file is taken as 'Rybar' here, one of its names there" in result.stderr
    names = [row["name"] for row in cli("--db", desk_b, "sources", "list", "--format", "json", ok=True).json()]
    assert "Rybar" in names and "Rybar Channel" not in names
    disputed = cli("--db", desk_b, "show", "C-0002", "--format", "json", ok=True).json()
    assert [item["source"] for item in disputed["evidence"]] == ["Rybar"]
    assert cli("--db", desk_b, "list", "--source", "Rybar Channel", "--format", "json", ok=True).json()


def test_an_old_export_imported_after_a_merge_does_not_give_the_merged_sources_grade_to_the_other(cli, tmp_path):
    """(sources hunt) Rybar (grade E, a note) merged into Two Majors: an export from before the
    merge gave Two Majors Rybar's grade and note in silence, found by its alias Rybar."""
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", "--grade", "E",
        "--note", "pro-Kremlin milblogger, often wrong", ok=True)
    cli("sources", "add", "Two Majors", "--side", "russia", "--kind", "social", ok=True)
    add(cli, "Russian troops entered Huliaipole", "Rybar")
    cli("export", "--format", "json", "--output", tmp_path / "before.json", ok=True)
    cli("sources", "merge", "Rybar", "Two Majors", "--yes", ok=True)
    result = cli("import", tmp_path / "before.json", "--summary", "json", ok=True)
    assert result.json()["sources_updated"] == 0
    majors = sources(cli)["Two Majors"]
    assert (majors["grade"], majors["note"]) == (None, None)
    assert "'Rybar' is already known as 'Two Majors'" in result.stderr  # (said, as a side or kind is)


def test_a_files_source_named_by_an_alias_here_of_another_side_gives_that_source_nothing(cli, tmp_path):
    """(sources hunt) A file's "Washington" (the Post: ukraine, media, grade A, aliases WaPo) found US
    government by its alias Washington: US government took grade A and the aliases WaPo and
    Washington Post, and the Post's claims went to it, while the note said the entry "is kept".
    Another side or kind is another source (as for a renamed one): nothing of it is taken."""
    cli("sources", "add", "US government", "--side", "unknown", "--kind", "official", "--alias", "Washington", ok=True)
    lines = [{"type": "source", "name": "Washington", "side": "ukraine", "kind": "media",
              "aliases": ["Washington Post", "WaPo"], "grade": "A", "note": "The Washington Post newspaper"},
             {"text": "Test claim by WaPo", "source": "WaPo", "claimed_on": "2025-12-07"}]
    path = tmp_path / "wapo.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    before = sources(cli)["US government"]
    result = cli("import", path, "--summary", "json")
    assert sources(cli)["US government"] == before
    assert result.json()["sources_updated"] == 0 and result.json()["added"] == 0
    said = [note["message"] for note in result.json()["notes"]]
    assert any("'Washington' names 'US government' here, by an alias" in message and "nothing of this file's entry"
               in message for message in said), said
    assert result.exit_code == 65  # (the claim's WaPo is no source here: named, not given to US government)


def test_claims_and_evidence_under_a_files_source_of_another_side_are_refused_not_given_to_the_one_here(cli, db, tmp_path):
    """(domain hunt) A file's "Washington" (independent media) named US government here by its alias:
    the note said "another source", yet the file's claim by it and its support of a Russian MoD
    claim went to US government (unknown side, so weak), exit 0: the claim stayed unverified where
    the file's own source made it confirmed. Those records are refused as an unknown source's are."""
    cli("sources", "add", "US government", "--side", "unknown", "--kind", "official", "--alias", "Washington", ok=True)
    document = {"sources": [{"name": "Washington", "side": "independent", "kind": "media"}],
                "claims": [{"text": "A took X", "source": "Russian MoD", "claimed_on": "2025-12-07",
                            "evidence": [{"source": "Washington", "stance": "supports", "on": "2025-12-08"}]},
                           {"text": "Peace is near", "source": "washington", "claimed_on": "2025-12-07"},
                           # (review: written as `find` finds it, with an LRM, as a messenger's copy has it)
                           {"text": "Talks resume", "source": "\u200fWashington", "claimed_on": "2025-12-07"},
                           {"text": "B took Y", "source": "Russian MoD", "claimed_on": "2025-12-07"}]}
    path = tmp_path / "wapo.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = db.read_bytes()
    result = cli("import", path)
    assert result.exit_code == 65 and db.read_bytes() == before, result.stderr
    assert "claim 1, evidence 1 source: 'Washington' is another source in this file (independent, media) " \
           "than 'US government', which it names here by an alias (unknown, official)" in result.stderr, result.stderr
    assert "claim 2, source: 'washington' is another source in this file" in result.stderr, result.stderr
    assert "its claims and evidence under that name go to" not in result.stderr
    skipped = cli("import", path, "--skip-invalid", "--summary", "json")
    assert "claim 3, source: '\\u200fWashington' is another source in this file" in result.stderr, result.stderr
    assert skipped.json()["added"] == 1 and skipped.json()["invalid"] == 3, skipped.stderr
    assert [claim["text"] for claim in cli("list", "--format", "json", ok=True).json()] == ["B took Y"]
    assert not cli("list", "--source", "US government", "--format", "json", ok=True).json()


def test_an_export_from_before_a_sources_rename_and_new_side_still_names_that_source(cli, db, tmp_path):
    """(review) Rumour Mill's claim exported, then Rumour Mill renamed Rumor Mill (its old name
    kept as an alias) and given another side: importing the old export refused the claim, its
    source "another source in this file", where it had been skipped as the duplicate it is."""
    cli("sources", "add", "Rumour Mill", "--side", "russia", "--kind", "social", ok=True)
    cli("add", "Kupiansk fell", "--source", "Rumour Mill", "--on", "2025-12-07", ok=True)
    cli("export", "--output", tmp_path / "old.json", ok=True)
    cli("sources", "rename", "Rumour Mill", "Rumor Mill", ok=True)
    cli("sources", "edit", "Rumor Mill", "--side", "unknown", ok=True)
    before = db.read_bytes()
    result = cli("import", tmp_path / "old.json", "--summary", "json", ok=True)
    assert result.json()["skipped"] == 1 and result.json()["invalid"] == 0, result.stderr
    assert "another source" not in result.stderr and "'Rumour Mill' is already known as 'Rumor Mill'" in result.stderr
    assert db.read_bytes() == before


def test_a_grade_or_note_a_desk_took_from_a_source_does_not_come_back_with_each_import(cli, db, tmp_path):
    """(desk-to-desk hunt) Desk B cleared Rybar's grade D, taken from A's export: each import of
    that export gave it back, unsaid. A grade or note cleared here is this desk's decision: a file
    does not fill it again, and says it has one."""
    a = tmp_path / "a.json"
    cli("--db", a, "sources", "add", "Rybar", "--side", "russia", "--kind", "social", "--grade", "D",
        "--note", "pro-Kremlin channel", ok=True)
    cli("--db", a, "add", "Russian forces took Zelene", "--source", "Rybar", "--on", "2025-12-06", ok=True)
    cli("--db", a, "export", "--format", "jsonl", "--output", tmp_path / "a.jsonl", ok=True)
    cli("import", tmp_path / "a.jsonl", ok=True)
    cli("sources", "edit", "Rybar", "--grade", "", "--note", "", ok=True)
    result = cli("import", tmp_path / "a.jsonl", "--on-duplicate", "update", "--summary", "json", ok=True)
    assert result.json()["sources_updated"] == 0, result.json()
    rybar = sources(cli)["Rybar"]
    assert (rybar["grade"], rybar["note"]) == (None, None), rybar
    said = [note["message"] for note in result.json()["notes"]]
    assert any("'Rybar' of this file has grade D and a note, cleared here: not taken" in message for message in said), said
    # (a grade given here again is this desk's, and kept)
    cli("sources", "edit", "Rybar", "--grade", "C", ok=True)
    cli("import", tmp_path / "a.jsonl", ok=True)
    assert sources(cli)["Rybar"]["grade"] == "C"

    # (review) a grade cleared of a source merged into another is the merged one's: the other
    # still takes the file's
    a2 = tmp_path / "a2.json"
    cli("--db", a2, "sources", "add", "Rumor Mill", "--side", "russia", "--kind", "social", "--grade", "C", ok=True)
    cli("--db", a2, "add", "Russian forces took Zelene", "--source", "Rumor Mill", "--on", "2025-12-06", ok=True)
    cli("--db", a2, "export", "--output", tmp_path / "a2-out.json", ok=True)
    cli("sources", "add", "Rumor Mill", "--side", "russia", "--kind", "social", ok=True)
    cli("sources", "add", "Two Majors", "--side", "russia", "--kind", "social", "--grade", "D", ok=True)
    cli("sources", "edit", "Two Majors", "--grade", "", ok=True)
    cli("sources", "merge", "Two Majors", "Rumor Mill", "--yes", ok=True)
    cli("import", tmp_path / "a2-out.json", ok=True)
    assert sources(cli)["Rumor Mill"]["grade"] == "C"


def test_an_alias_a_desk_removed_from_a_source_does_not_come_back_with_an_import(cli, db, tmp_path):
    """(exploratory review) Desk B removed Russian MoD's alias MoD (Ukraine's MoD too): the next
    import of a file listing it gave it back, said only in the source's history, and `--source MoD`
    named Russian MoD again. An alias removed here is this desk's decision, as a cleared grade is:
    not taken again, and said; an alias the desk never had is taken, as before."""
    cli("sources", "edit", "Russian MoD", "--clear-aliases", "--alias", "Минобороны России", ok=True)
    lines = [{"type": "source", "name": "Russian MoD", "side": "russia", "kind": "official",
              "aliases": ["MoD", "Russian Ministry of Defence", "Russian MoD Telegram"]},
             {"text": "x", "source": "Russian MoD", "claimed_on": "2025-12-01"}]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    result = cli("import", path, "--summary", "json", ok=True)
    assert sources(cli)["Russian MoD"]["aliases"] == ["Минобороны России", "Russian MoD Telegram"]
    assert result.json()["sources_updated"] == 1, result.json()
    said = [note["message"] for note in result.json()["notes"]]
    assert any("'Russian MoD' of this file has the aliases 'MoD' and 'Russian Ministry of Defence', removed "
               "here: not taken" in message for message in said), said
    on_stderr = cli("import", path, ok=True).stderr  # (said on stderr too, at every import of it)
    assert "removed here: not taken" in on_stderr and "'Russian MoD Telegram'" not in on_stderr, on_stderr
    # (an alias given here again is this desk's again, and a file's claims under it go to it)
    cli("sources", "edit", "Russian MoD", "--alias", "MoD", ok=True)
    result = cli("import", path, "--summary", "json", ok=True)
    said = [note["message"] for note in result.json()["notes"]]
    assert said == ["'Russian MoD' of this file has the alias 'Russian Ministry of Defence', removed here: not taken "
                    "(this file's records naming it are read as 'Russian MoD')"]
    assert sources(cli)["Russian MoD"]["aliases"] == ["Минобороны России", "Russian MoD Telegram", "MoD"]



def test_a_files_records_naming_its_source_by_an_alias_removed_here_are_that_sources(cli, db, tmp_path):
    """(review) The file's own entry says MoD is its Russian MoD; the desk here removed that alias.
    The file's records naming MoD were refused as an unknown source, with a hint to import the
    other desk's export, which this was: they are the file's Russian MoD, which is this one. The
    alias is still not taken, here or by a second entry of the source in the file."""
    cli("sources", "edit", "Russian MoD", "--clear-aliases", "--alias", "Минобороны России", ok=True)
    entry = {"type": "source", "name": "Russian MoD", "side": "russia", "kind": "official", "aliases": ["MoD"]}
    lines = [entry, {"text": "Russian forces took Rivne", "source": "MoD", "claimed_on": "2025-12-01",
                     "evidence": [{"source": "MoD", "stance": "supports", "on": "2025-12-02"}]},
             {**entry, "aliases": ["MoD", "Russian defence ministry"]}]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    result = cli("import", path, "--summary", "json", ok=True)
    assert result.json()["added"] == 1, result.json()
    claim = cli("show", "C-0001", "-f", "json", ok=True).json()
    assert claim["source"] == "Russian MoD" and claim["evidence"][0]["source"] == "Russian MoD"
    assert sources(cli)["Russian MoD"]["aliases"] == ["Минобороны России"]
    said = [note["message"] for note in result.json()["notes"]]
    assert any("'Russian MoD' of this file has the alias 'MoD', removed here: not taken (this file's records "
               "naming it are read as 'Russian MoD')" in message for message in said), said
    refused(cli, db, "add", "Russian forces took Kupiansk", "--source", "MoD", "--on", "2025-12-01",
            words=["unknown source 'MoD'"])


def test_a_source_renamed_and_given_another_kind_on_another_desk_is_said_to_be_maybe_the_one_here(cli, tmp_path):
    """(exploratory review) Desk A renamed Rybar "Rybar Channel" and gave it kind social: desk B
    (Rybar, other) got a second source, said only as "'Rybar' already names the source 'Rybar'
    here". The other kind still keeps them apart (a safety rule), but the note says the file's
    source was called so there (its claims' history says) and how to join them if they are one. (An
    alias that only names one here says nothing more: BBG, see test_import.)"""
    desk_a, desk_b = tmp_path / "a.json", tmp_path / "b.json"
    cli("--db", desk_a, "sources", "add", "Rybar", "--side", "russia", ok=True)
    cli("--db", desk_a, "add", "Russians took Kurakhove", "--source", "Rybar", "--on", "2025-12-01",
        "--place", "Kurakhove", ok=True)
    desk_b.write_bytes(desk_a.read_bytes())
    cli("--db", desk_a, "sources", "rename", "Rybar", "Rybar Channel", ok=True)
    cli("--db", desk_a, "sources", "edit", "Rybar Channel", "--kind", "social", ok=True)
    cli("--db", desk_a, "add", "Russians took Toretsk", "--source", "Rybar Channel", "--on", "2025-12-03",
        "--place", "Toretsk", ok=True)
    cli("--db", desk_a, "export", "--format", "jsonl", "--output", tmp_path / "a.jsonl", ok=True)
    said = cli("--db", desk_b, "import", tmp_path / "a.jsonl", "--dry-run", ok=True).stderr
    lines = [line for line in said.splitlines() if "Rybar" in line]
    assert len(lines) == 2 and lines[1].strip().startswith("To fix: `claims --db "), said  # (one note, one fix)
    assert lines[1].endswith(" sources merge 'Rybar Channel' Rybar` makes them one, if they are."), said
    result = cli("--db", desk_b, "import", tmp_path / "a.jsonl", "--summary", "json", ok=True)
    notes = [note for note in result.json()["notes"] if "already names the source 'Rybar'" in note["message"]]
    assert len(notes) == 1, result.json()["notes"]
    assert notes[0]["message"].startswith("'Rybar' already names the source 'Rybar' here: 'Rybar Channel' is "
                                          "added without that alias; it was 'Rybar' there, renamed (its claims' "
                                          "history says), so it may be 'Rybar', kept apart as it is social there, "
                                          "other here"), notes
    assert notes[0]["hint"].endswith(" sources merge 'Rybar Channel' Rybar` makes them one, if they are."), notes
    names = [row["name"] for row in cli("--db", desk_b, "sources", "list", "--format", "json", ok=True).json()]
    assert "Rybar" in names and "Rybar Channel" in names  # (still two: the kind keeps them apart)


def test_review_a_file_source_of_another_side_still_says_its_aliases_held_here(cli, tmp_path):
    """(review) The file's "Staff Weekly" (alias MoD, which names Russian MoD here) found by an alias
    of another side: skipping its entry skipped the note that MoD names Russian MoD here, and
    its claim under MoD went there unsaid."""
    cli("sources", "add", "Staff Digest", "--side", "unknown", "--kind", "official", "--alias", "Staff Weekly", ok=True)
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    cli("sources", "merge", "Rybar", "Telegram", "--yes", ok=True)
    document = {"sources": [{"name": "Staff Weekly", "side": "independent", "kind": "media", "aliases": ["MoD"]},
                            {"name": "Rybar", "side": "independent", "kind": "media", "aliases": ["Rybar Weekly"]}],
                "claims": [{"text": "Bridge at Oskil destroyed", "source": "MoD", "claimed_on": "2025-12-01"}]}
    path = tmp_path / "gs.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    telegram = sources(cli)["Telegram"]
    result = cli("import", path, "--summary", "json", ok=True)
    said = [note["message"] for note in result.json()["notes"]]
    assert any("'MoD' already names the source 'Russian MoD' here" in message for message in said), said
    # (final review: a name merged here is the source's own past, whose aliases it takes, as before)
    assert "Rybar Weekly" in sources(cli)["Telegram"]["aliases"] and sources(cli)["Telegram"]["grade"] == telegram["grade"]
    assert cli("list", "--format", "json", ok=True).json()[0]["source"] == "Russian MoD"


def test_removing_a_source_cited_only_on_a_deleted_claim_says_deleted_ones_count(cli, db):
    """(sources hunt) A live item on a deleted claim refused the removal as "cited by 1 evidence item",
    while sources show and list --evidence-by said 0: the deleted ones were not said to count."""
    cli("sources", "add", "Src A", "--side", "independent", "--kind", "osint", ok=True)
    claim = add(cli, "claim one", "Ukraine")
    cli("confirm", claim, "--by", "Src A", ok=True)
    cli("delete", claim, "--yes", ok=True)
    result = cli("sources", "remove", "Src A")
    assert result.exit_code == 1
    assert "is cited by 1 evidence item, deleted or withdrawn ones included" in result.stderr


def test_a_rename_or_merge_says_how_many_of_the_claims_it_counts_are_deleted(cli, db):
    """(sources hunt) "2 claims cite it (2 as claimant)" where sources show said 1 made: a deleted
    claim moves too, unsaid."""
    cli("sources", "add", "Src B", "--side", "independent", "--kind", "osint", ok=True)
    add(cli, "c1", "Src B")
    gone = add(cli, "c2", "Src B")
    cli("delete", gone, "--yes", ok=True)
    renamed = cli("sources", "rename", "Src B", "Src Bee", ok=True).stderr
    assert "2 claims cite it (2 as claimant, 1 deleted)" in renamed, renamed
    merged = cli("sources", "merge", "Src Bee", "ISW", "--yes", ok=True).stderr
    assert "(2 as claimant, 1 deleted)" in merged, merged


@pytest.mark.parametrize("command", [("sources", "add", "G4", "--side", "russia", "--kind", ""),
                                     ("sources", "add", "G4", "--side", "russia", "--kind", "  "),
                                     ("sources", "edit", "ISW", "--kind", "")])
def test_an_empty_kind_is_refused_by_add_as_by_edit(cli, db, command):
    """(sources hunt) `sources add G4 --kind ""` added G4 as "other"; `sources edit --kind ""` refused."""
    cli("add", "x", "--source", "ISW", ok=True)
    before = db.read_bytes()
    result = cli(*command)
    assert result.exit_code == 1 and result.stderr.startswith("Error: kind ")
    assert "is not one of: official, osint, media, social, other" in result.stderr
    assert db.read_bytes() == before


def test_review_a_file_source_of_another_side_listing_the_name_here_as_an_alias_is_not_said_twice(cli, tmp_path):
    """(final review) The file's "Staff Weekly" with alias "Staff Digest" (the name here): its claims
    were said to be "taken as 'Staff Digest' of this database, not 'Staff Weekly'" one by one, and
    the alias as one that "already names the source 'Staff Digest'": the first note says it."""
    cli("sources", "add", "Staff Digest", "--side", "unknown", "--kind", "official", "--alias", "Staff Weekly", ok=True)
    lines = [{"type": "source", "name": "Staff Weekly", "side": "independent", "kind": "media",
              "aliases": ["Staff Digest"]},
             {"text": "Depot hit", "source": "Staff Digest", "claimed_on": "2025-12-07"}]
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = cli("import", path, "--summary", "json", ok=True)
    said = [note["message"] for note in result.json()["notes"]]
    assert len(said) == 1 and "'Staff Weekly' names 'Staff Digest' here, by an alias" in said[0], said


@pytest.mark.parametrize("written", ["Объединенные силы", "ОБЪЕДИНЁННЫЕ  силы"])
def test_a_merged_sources_name_written_alike_gives_no_grade_either(cli, tmp_path, written):
    """(sources hunt) A file's source named as one merged here, but with е for ё (or in other case
    and spacing), is found written alike, as the merged name; its grade and note went to the
    source it was merged into (Telegram became grade D), as with ё they do not."""
    cli("sources", "add", "Объединённые силы", "--side", "russia", "--kind", "social", ok=True)
    cli("sources", "merge", "Объединённые силы", "Telegram", "--yes", ok=True)
    line = {"type": "source", "name": written, "side": "russia", "kind": "social", "aliases": [], "grade": "D",
            "note": "a separate channel"}
    path = tmp_path / "sources.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    before = sources(cli)["Telegram"]
    result = cli("import", path, "--summary", "json", ok=True)
    assert result.json()["sources_updated"] == 0
    assert sources(cli)["Telegram"] == before  # (no grade D, its own note)
    assert "is already known as 'Telegram'" in result.stderr


def test_a_merge_says_a_computed_status_that_changed_under_an_assessment(cli, db):
    """(sources hunt) The merge made a dispute the claimant's own: computed refuted -> contested under
    the analyst's "refuted", which is now overridden. The merge said nothing; `sources edit` does."""
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    cli("sources", "add", "Two Majors", "--side", "russia", "--kind", "social", ok=True)
    claim = add(cli, "Russian troops took Vovchansk", "Rybar")
    cli("dispute", claim, "--by", "Two Majors", "--kind", "statement", ok=True)
    cli("assess", claim, "refuted", ok=True)
    result = cli("sources", "merge", "Rybar", "Two Majors", "--yes", ok=True)
    assert f"{claim}: refuted (analyst's assessment; computed " in result.stderr


def test_a_merge_says_the_evidence_between_the_two_it_made_the_claimants_own_word(cli, db):
    """(own word) `edit --source` warns of evidence it moves across the claimant's own word; a merge
    moved it too (The Telegraph's report on ISW's claim, once The Telegraph is ISW, is ISW's own
    word) and said only the status lines: nothing of a claim whose status another source held, and
    not why. One warning names how many items, on which claims, and what became of each verdict."""
    def warnings(result) -> list[str]:
        return [line for line in result.stderr.splitlines() if line.startswith("Warning:")]

    cli("sources", "add", "The Telegraph", "--side", "independent", "--kind", "media", ok=True)
    by_isw = add(cli, "Russian forces took Pishchane", "ISW")
    cli("confirm", by_isw, "--by", "The Telegraph", ok=True)  # confirmed -> unverified
    held = add(cli, "Russian forces took Lyman", "The Telegraph")
    cli("confirm", held, "--by", "ISW", ok=True)
    cli("confirm", held, "--by", "ISW", "--url", "https://isw.org/2", ok=True)  # (two items, one claim)
    cli("confirm", held, "--by", "Reuters", ok=True)  # stays confirmed: Reuters holds it
    disputed = add(cli, "Russian forces took Siversk", "The Telegraph")
    cli("dispute", disputed, "--by", "ISW", ok=True)  # refuted -> contested (disputed by the claimant itself)
    apart = add(cli, "Russian forces took Kupiansk", "Russian MoD")
    cli("confirm", apart, "--by", "The Telegraph", ok=True)  # (cites the merged source alone: moves nothing)
    result = cli("sources", "merge", "The Telegraph", "ISW", "--yes", ok=True)
    assert f"{by_isw}: confirmed → unverified" in result.stderr
    assert warnings(result) == [
        "Warning: 4 evidence items between The Telegraph and ISW, on 3 claims, were another source's and are now "
        f"the claimant's own word: the rule's verdict moved on {by_isw} (confirmed → unverified) and {disputed} "
        f"(refuted → contested), not on {held} (confirmed)."], result.stderr
    # a merge that moves no evidence across says nothing of it
    cli("sources", "add", "Kyiv Post", "--side", "independent", "--kind", "media", ok=True)
    add(cli, "Ukrainian forces hold Siversk", "Kyiv Post")
    assert not warnings(cli("sources", "merge", "Kyiv Post", "Reuters", "--yes", ok=True))


def test_a_merge_refuses_when_the_sources_changed_after_it_asked(cli, db):
    """(sources hunt) Confirmed as "into Two Majors (russia)", the merge went into what Two Majors
    became meanwhile (renamed, another side): the names are read again under the lock."""
    from dataclasses import replace

    from claims_cli.context import store
    from claims_cli.errors import ClaimsError
    from claims_cli.ledger import merge_sources

    cli("sources", "add", "Rybar", "--side", "russia", ok=True)
    cli("sources", "add", "Two Majors", "--side", "russia", ok=True)
    before = db.read_bytes()
    rybar, majors = store(db).registry().get("Rybar"), store(db).registry().get("Two Majors")
    with pytest.raises(ClaimsError, match=r"Two Majors changed while you were asked \(its side now russia\)"):
        merge_sources(store(db), "Rybar", "Two Majors", "tester", expected=(rybar, replace(majors, side="ukraine")))
    assert db.read_bytes() == before


def test_review_a_merge_says_the_claims_and_evidence_it_made_repeat(cli, db):
    """(review) Two claims differing only by source, merged, were the same claim twice, and two
    items of one report the same item twice: `add` and `confirm` say so; the merge did not."""
    for name in ("A1", "A2"):
        cli("sources", "add", name, "--side", "independent", "--kind", "osint", ok=True)
    add(cli, "Strike on Kharkiv", "Ukraine")
    add(cli, "Strike on Kharkiv", "A1")
    add(cli, "Strike on Kharkiv", "A2")
    add(cli, "Another strike", "A1")
    cli("confirm", "C-0001", "--by", "A1", "--kind", "footage", "--url", "https://x.org/1", ok=True)
    cli("confirm", "C-0001", "--by", "A2", "--kind", "footage", "--url", "https://x.org/1", ok=True)
    result = cli("sources", "merge", "A2", "A1", "--yes", ok=True)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings == [
        "Warning: C-0003 now repeats C-0002 (the same source, date, place and statement): "
        "`claims delete C-0003` if they are one claim.",
        "Warning: C-0001 E2 now repeats E1 (the same URL): `claims evidence remove C-0001 E2` if they are one report."]


def test_new_user_a_warning_counts_sources_not_notes(cli, tmp_path):
    """(new-user pass) Two notes on one source read "defines 2 sources differently"."""
    desk_a, desk_b = tmp_path / "a.json", tmp_path / "b.json"
    for desk in (desk_a, desk_b):
        cli("--db", desk, "sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", desk_b, "sources", "add", "Two Majors", "--side", "russia", "--kind", "social", "--alias", "2M", ok=True)
    cli("--db", desk_a, "add", "Russian troops entered Huliaipole", "--source", "Rybar", "--on", "2025-12-06", ok=True)
    cli("--db", desk_a, "sources", "rename", "Rybar", "Rybar Channel", ok=True)
    cli("--db", desk_a, "sources", "edit", "Rybar Channel", "--alias", "2M", ok=True)
    cli("--db", desk_a, "export", "--format", "jsonl", "--output", tmp_path / "a.jsonl", ok=True)
    result = cli("--db", desk_b, "import", tmp_path / "a.jsonl", ok=True)
    notes = [line for line in result.stderr.splitlines() if line.startswith("  line 1:")]
    assert len(notes) == 2 and "defines 1 source differently from the database:" in result.stderr, result.stderr


def test_new_user_removing_an_alias_is_told_it_is_one(cli, db):
    """(new-user pass) After `merge Rybar Telegram`, `remove Rybar` answered for Telegram: "cited by
    2 claims ... claims sources merge Telegram OTHER", which would merge Telegram itself away."""
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    cli("sources", "merge", "Rybar", "Telegram", "--yes", ok=True)
    said = refused(cli, db, "sources", "remove", "Rybar", words=["'Rybar' is a name of a source merged into Telegram"])
    assert "sources merge" not in said and "claims sources edit --clear-aliases Telegram" in said


# ------------------------------------------------------------------------------ rename or merge, told apart (review)

def test_review_a_merge_on_the_other_desk_is_no_rename_here(cli, tmp_path):
    """Desk A merged Rybar into Two Majors; desk B, which has Rybar only, filed Two Majors' claims
    under Rybar and gave Rybar Two Majors' grade and note: a merge also keeps the old name as an alias."""
    desk_a, desk_b = tmp_path / "a.json", tmp_path / "b.json"
    cli("--db", desk_a, "sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", desk_a, "sources", "add", "Two Majors", "--side", "russia", "--kind", "social", "--grade", "E",
        "--note", "Two Majors' own note", ok=True)
    cli("--db", desk_a, "add", "Russian troops entered Huliaipole", "--source", "Rybar", "--on", "2025-12-06", ok=True)
    cli("--db", desk_a, "export", "--format", "json", "--output", tmp_path / "a0.json", ok=True)
    cli("--db", desk_b, "import", tmp_path / "a0.json", ok=True)
    cli("--db", desk_a, "add", "Two Majors: drone strike on Kharkiv", "--source", "Two Majors", "--on", "2025-12-07",
        ok=True)
    cli("--db", desk_a, "sources", "merge", "Rybar", "Two Majors", "--yes", ok=True)
    assert cli("--db", desk_a, "sources", "list", "--format", "json", ok=True).json()  # (it lists as before)
    cli("--db", desk_a, "export", "--format", "json", "--output", tmp_path / "a1.json", ok=True)
    cli("--db", desk_b, "import", tmp_path / "a1.json", ok=True)
    rybar = {row["name"]: row for row in cli("--db", desk_b, "sources", "list", "--format", "json", ok=True).json()}
    assert (rybar["Rybar"]["grade"], rybar["Rybar"]["note"]) == (None, None) and "Two Majors" in rybar
    strike = [claim for claim in cli("--db", desk_b, "list", "--format", "json", ok=True).json()
              if claim["text"].startswith("Two Majors")]
    assert [claim["source"] for claim in strike] == ["Two Majors"]


def test_review_a_source_renamed_here_still_takes_a_grade_from_the_other_desk(cli, tmp_path):
    desk_a, desk_b = tmp_path / "a.json", tmp_path / "b.json"
    cli("--db", desk_b, "sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", desk_b, "sources", "rename", "Rybar", "Rybar Channel", ok=True)
    cli("--db", desk_a, "sources", "add", "Rybar", "--side", "russia", "--kind", "social", "--grade", "E",
        "--note", "often wrong", ok=True)
    cli("--db", desk_a, "add", "Russian troops entered Huliaipole", "--source", "Rybar", "--on", "2025-12-06", ok=True)
    cli("--db", desk_a, "export", "--format", "json", "--output", tmp_path / "a0.json", ok=True)
    cli("--db", desk_b, "import", tmp_path / "a0.json", ok=True)
    channel = {row["name"]: row for row in cli("--db", desk_b, "sources", "list", "--format", "json", ok=True).json()}
    assert (channel["Rybar Channel"]["grade"], channel["Rybar Channel"]["note"]) == ("E", "often wrong")


def test_review_a_source_renamed_on_both_desks_is_still_one(cli, tmp_path):
    desk_a, desk_b = tmp_path / "a.json", tmp_path / "b.json"
    cli("--db", desk_a, "sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", desk_a, "add", "Russian troops entered Huliaipole", "--source", "Rybar", "--on", "2025-12-06", ok=True)
    cli("--db", desk_a, "export", "--format", "json", "--output", tmp_path / "a0.json", ok=True)
    cli("--db", desk_b, "import", tmp_path / "a0.json", ok=True)
    cli("--db", desk_b, "sources", "rename", "Rybar", "Rybar Channel", ok=True)
    cli("--db", desk_a, "sources", "rename", "Rybar", "Rybar (Telegram)", ok=True)
    cli("--db", desk_a, "export", "--format", "json", "--output", tmp_path / "a1.json", ok=True)
    result = cli("--db", desk_b, "import", tmp_path / "a1.json", "--summary", "json", ok=True)
    assert result.json()["added"] == 0 and "taken as 'Rybar Channel' here" in result.stderr


def test_review_a_merge_does_not_call_repeats_it_found_made_anew(cli, db):
    """(review) A pair recorded under the merged source alike before (a --force claim, a repeated
    report already warned of) was said to be one the merge made."""
    for name in ("Rybar", "Two Majors"):
        cli("sources", "add", name, "--side", "russia", "--kind", "social", ok=True)
    add(cli, "Russian troops entered Huliaipole", "Rybar")
    add(cli, "Russian troops entered Huliaipole", "Rybar", "--force")
    add(cli, "Other claim", "Ukraine")
    for _ in range(2):
        cli("dispute", "C-0003", "--by", "Rybar", "--url", "https://t.me/rybar/1", ok=True)
    result = cli("sources", "merge", "Rybar", "Two Majors", "--yes", ok=True)
    assert "now repeats" not in result.stderr


def test_review_a_merge_keeps_every_name_the_merged_source_had(cli, tmp_path):
    """A merged source's older name (from a rename) became the survivor's alias but not its
    `merged`: a file's source by that name then gave the survivor its grade and note."""
    here, other = tmp_path / "a.json", tmp_path / "c.json"
    cli("--db", here, "sources", "add", "Rybar Old", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", here, "sources", "rename", "Rybar Old", "Rybar", ok=True)
    cli("--db", here, "sources", "add", "Two Majors", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", here, "sources", "merge", "Rybar", "Two Majors", "--yes", ok=True)
    graded_export(cli, other, "Rybar Old", tmp_path / "c0.json")
    cli("--db", here, "import", tmp_path / "c0.json", ok=True)
    assert grade_of(cli, here, "Two Majors") is None


def test_review_names_merged_on_another_desk_stay_so_marked_here(cli, tmp_path):
    desk_a, desk_b, desk_c = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    cli("--db", desk_a, "sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", desk_a, "sources", "add", "Two Majors", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", desk_a, "add", "TM says Y", "--source", "Two Majors", "--on", "2025-12-06", ok=True)
    cli("--db", desk_a, "sources", "merge", "Rybar", "Two Majors", "--yes", ok=True)
    cli("--db", desk_a, "export", "--format", "json", "--output", tmp_path / "a1.json", ok=True)
    cli("--db", desk_b, "sources", "add", "Two Majors", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", desk_b, "import", tmp_path / "a1.json", ok=True)
    graded_export(cli, desk_c, "Rybar", tmp_path / "c0.json")
    cli("--db", desk_b, "import", tmp_path / "c0.json", ok=True)
    assert grade_of(cli, desk_b, "Two Majors") is None


def graded_export(cli, desk, name: str, path) -> None:
    """Another desk's export of a claim by `name`, a source it grades F."""
    cli("--db", desk, "sources", "add", name, "--side", "russia", "--kind", "social", "--grade", "F", ok=True)
    cli("--db", desk, "add", f"{name} says X", "--source", name, "--on", "2025-12-06", ok=True)
    cli("--db", desk, "export", "--format", "json", "--output", path, ok=True)


def grade_of(cli, desk, name: str):
    return {row["name"]: row for row in cli("--db", desk, "sources", "list", "--format", "json", ok=True).json()}[name]["grade"]


def test_a_merge_that_makes_many_repeats_names_the_first_ones(cli, db):
    for name in ("A1", "A2"):
        cli("sources", "add", name, "--side", "independent", "--kind", "osint", ok=True)
    records = [{"text": f"Strike number {number}", "source": source, "claimed_on": "2025-12-01"}
               for number in range(25) for source in ("A1", "A2")]
    cli("import", "-", "--format", "jsonl",
        input="".join(json.dumps(record) + "\n" for record in records), ok=True)
    result = cli("sources", "merge", "A2", "A1", "--yes", ok=True)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 21 and warnings[-1] == "Warning: ... and 5 more repeats the merge made."


def test_a_source_is_found_by_its_name_written_with_another_apostrophe_or_yo(cli, db):
    """(Cyrillic analyst hunt) "Куп’янськ онлайн" beside "Куп'янськ Онлайн" was a second source, and
    "КУПʼЯНСЬК ОНЛАЙН" pasted from Telegram an unknown one: statements and places already compare
    apostrophes and ё/е alike; source names compared case alone."""
    cli("sources", "add", "Куп'янськ Онлайн", "--side", "ukraine", "--kind", "media", ok=True)
    cli("sources", "add", "Военкор Котёнок", "--side", "russia", "--kind", "social", ok=True)
    before = db.read_bytes()
    for name in ("Куп’янськ онлайн", "военкор котенок"):
        result = cli("sources", "add", name, "--side", "ukraine", "--kind", "media")
        assert result.exit_code == 1 and "already names the source" in result.stderr
    assert db.read_bytes() == before
    added = cli("add", "Обстріл Куп'янська", "--source", "КУПʼЯНСЬК ОНЛАЙН", "--on", "2025-12-06", ok=True)
    assert cli("show", added.stdout.strip(), "--format", "json", ok=True).json()["source"] == "Куп'янськ Онлайн"


def test_adding_a_source_by_another_ones_alias_says_whose_it_is(cli, db):
    """(Cyrillic analyst hunt) `sources add "Генштаб ЗСУ"` said "source 'Ukraine' already exists"."""
    cli("init", ok=True)
    refused(cli, db, "sources", "add", "Генштаб ЗСУ", "--side", "ukraine",
            words=["'Генштаб ЗСУ' already names the source 'Ukraine'"])
    refused(cli, db, "sources", "add", "ukraine", "--side", "ukraine", words=["source 'Ukraine' already exists"])


def test_review_two_sources_written_alike_in_a_file_stay_two_and_one_alike_here_is_taken_as_it(cli, tmp_path, db):
    """(review) A database an older version let hold "Куп'янськ Онлайн" and "Куп’янськ онлайн"
    exports both: imported, the second was found as the first and both claims went to it."""
    document = {"sources": [{"name": "Куп'янськ Онлайн", "side": "ukraine", "kind": "media"},
                            {"name": "Куп’янськ онлайн", "side": "ukraine", "kind": "media"}],
                "claims": [{"text": "Claim A", "source": "Куп'янськ Онлайн", "claimed_on": "2025-12-01"},
                           {"text": "Claim B", "source": "Куп’янськ онлайн", "claimed_on": "2025-12-02"}]}
    path = tmp_path / "two.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    cli("import", path, ok=True)
    assert sorted(claim["source"] for claim in cli("list", "--format", "json", ok=True).json()) == [
        "Куп'янськ Онлайн", "Куп’янськ онлайн"]
    other = tmp_path / "other.json"
    cli("--db", other, "sources", "add", "Куп'янськ Онлайн", "--side", "ukraine", "--kind", "media", ok=True)
    one = {"sources": [document["sources"][1]], "claims": [document["claims"][1]]}
    path.write_text(json.dumps(one), encoding="utf-8")
    result = cli("--db", other, "import", path, ok=True)
    assert "'Куп’янськ онлайн' of this file is taken as \"Куп'янськ Онлайн\" here, written alike" in result.stderr
    assert [c["source"] for c in cli("--db", other, "list", "--format", "json", ok=True).json()] == ["Куп'янськ Онлайн"]


def test_review_removing_a_source_by_its_name_written_alike_removes_it(cli, db):
    cli("sources", "add", "Куп'янськ Онлайн", "--side", "ukraine", "--kind", "media", ok=True)
    assert "Removed source Куп'янськ Онлайн" in cli("sources", "remove", "Куп’янськ онлайн", ok=True).stderr


@pytest.mark.parametrize("mode", ["skip", "update"])
def test_review_a_claim_moved_by_a_merge_on_the_other_desk_is_still_that_claim(cli, tmp_path, mode):
    """(round-trip hunt) Desk B merged Two Majors into Telegram and sent its export back: desk A,
    which keeps Two Majors, took B's claim for another ("C-0001 is another claim's; added as
    C-0003") and, with update, copied Two Majors' dispute again as Telegram's. The merge's history
    entry now says whose claim it was, as an edit does, and evidence is compared through the
    file's merges."""
    desk_a, desk_b = tmp_path / "a.json", tmp_path / "b.json"
    cli("--db", desk_a, "sources", "add", "Two Majors", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", desk_a, "add", "Village X taken", "--source", "Two Majors", "--on", "2025-12-05", ok=True)
    cli("--db", desk_a, "add", "Village Y taken", "--source", "ISW", "--on", "2025-12-05", ok=True)
    cli("--db", desk_a, "dispute", "C-0002", "--by", "Two Majors", "--on", "2025-12-05", ok=True)
    cli("--db", desk_a, "export", "--format", "json", "--output", tmp_path / "a.export.json", ok=True)
    cli("--db", desk_b, "import", tmp_path / "a.export.json", ok=True)
    cli("--db", desk_b, "sources", "merge", "Two Majors", "Telegram", "--yes", ok=True)
    moved = cli("--db", desk_b, "show", "C-0001", "--format", "json", ok=True).json()["history"][-1]
    assert moved["action"] == "source-merged" and moved["changes"] == {"source": ["Two Majors", "Telegram"]}
    cli("--db", desk_b, "export", "--format", "json", "--output", tmp_path / "b.export.json", ok=True)
    before = desk_a.read_bytes()
    result = cli("--db", desk_a, "import", tmp_path / "b.export.json", "--on-duplicate", mode, "--summary", "json",
                 ok=True)
    assert result.json()["added"] == 0, result.stderr
    assert "another claim's" not in result.stderr
    claims = cli("--db", desk_a, "list", "--format", "json", ok=True).json()
    assert sorted(claim["id"] for claim in claims) == ["C-0001", "C-0002"]
    # (this desk keeps Two Majors a source of its own: another desk's merge moves no claim here)
    assert {claim["id"]: claim["source"] for claim in claims}["C-0001"] == "Two Majors"
    evidence = cli("--db", desk_a, "show", "C-0002", "--format", "json", ok=True).json()["evidence"]
    assert [(item["id"], item["source"]) for item in evidence] == [("E1", "Two Majors")]
    if mode == "skip":
        assert desk_a.read_bytes() == before


# ------------------------------------------------------------------------------ sources show

def test_sources_show_says_what_a_source_is_and_what_it_has_said(cli, tmp_path):
    """(analyst hunt) A source's note (why the US government's side is `unknown`) was only in
    `sources list -f json`, and nothing said what a source had claimed and weighed in on."""
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    cli("evidence", "remove", "C-0004", "E1", "--reason", "misread map", ok=True)  # (DeepState's on art-004)
    shown = cli("sources", "show", "deepstate", ok=True).stdout
    lines = [" ".join(line.split()) for line in shown.splitlines()]
    assert "Source DeepState" in lines and "Side ukraine" in lines and "Kind osint" in lines
    assert "Grade — (not graded)" in lines
    words = " ".join(shown.split())
    assert ("Claims 1 made: 0 confirmed, 0 contested, 0 refuted, 1 unverified Evidence 2 items in force on 2 claims: "
            "supports 1, disputes 0, inconclusive 1; withdrawn 1 claims list --source DeepState claims list "
            "--evidence-by DeepState") in words
    # (review) a name with a direction control (an older desk's: one typed now is refused) is shown
    # escaped in the hints too
    hostile = tmp_path / "hostile.jsonl"
    hostile.write_text(json.dumps({"type": "source", "name": "Src\u202eX", "side": "independent"}) + "\n")
    cli("import", hostile, ok=True)
    assert "\u202e" not in cli("sources", "show", "Src\u202eX", ok=True).stdout
    us = " ".join(cli("sources", "show", "US government", ok=True).stdout.split())
    assert "Side unknown" in us and "Note White House" in us and "mediates the talks" in us
    data = cli("sources", "show", "Telegraph", "--format", "json", ok=True).json()
    assert (data["name"], data["grade"], data["claims"]) == ("The Telegraph", "B", 16)
    assert data["claims_by_status"] == {"confirmed": 1, "refuted": 0, "contested": 0, "unverified": 15}
    assert data["evidence"] == {"items": 2, "claims": 2, "supports": 0, "disputes": 0, "inconclusive": 2,
                                "withdrawn": 0, "on_deleted_claims": 0}
    unknown = cli("sources", "show", "DeepStat")
    assert unknown.exit_code == 1 and "Did you mean: DeepState" in unknown.stderr and unknown.stdout == ""


def test_sources_show_of_an_alias_says_whose_page_it_is(cli):
    """(analyst hunt) `sources show Rybar`, a name merged into Telegram, printed Telegram's page
    with nothing said: an analyst who typed another source's name could not tell why. A name
    that is an alias is said on stderr, as `add` says it; the page and its JSON are as before."""
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    cli("sources", "merge", "Rybar", "Telegram", "--yes", ok=True)
    for args in ((), ("--format", "json")):
        shown = cli("sources", "show", "Rybar", *args, ok=True)
        assert shown.stderr.splitlines() == ["Note: showing source Telegram, named by Rybar, the name of a source merged into it."], shown.stderr
    assert cli("sources", "show", "Rybar", "--format", "json", ok=True).json()["name"] == "Telegram"
    assert cli("sources", "show", "telegram", ok=True).stderr == ""  # (its own name, written otherwise)


def test_review_a_claimant_edited_then_merged_on_the_other_desk_comes_as_edited(cli, tmp_path):
    """(review) Desk B changed a claim's claimant to Two Majors, then merged Two Majors into
    Telegram: with update, desk A (which keeps Two Majors) kept the old claimant, B's edit lost;
    the edit is what comes, as this desk's sources name it."""
    desk_a, desk_b = tmp_path / "a.json", tmp_path / "b.json"
    cli("--db", desk_a, "sources", "add", "Two Majors", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", desk_a, "add", "Village X taken", "--source", "Russian MoD", "--on", "2025-12-05", ok=True)
    cli("--db", desk_a, "export", "--format", "json", "--output", tmp_path / "a.export.json", ok=True)
    cli("--db", desk_b, "import", tmp_path / "a.export.json", ok=True)
    cli("--db", desk_b, "sources", "add", "Two Majors", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", desk_b, "edit", "C-0001", "--source", "Two Majors", ok=True)
    cli("--db", desk_b, "sources", "merge", "Two Majors", "Telegram", "--yes", ok=True)
    cli("--db", desk_b, "export", "--format", "json", "--output", tmp_path / "b.export.json", ok=True)
    result = cli("--db", desk_a, "import", tmp_path / "b.export.json", "--on-duplicate", "update", "--summary", "json",
                 ok=True)
    assert result.json()["updated"] == 1, result.stderr
    assert cli("--db", desk_a, "show", "C-0001", "--format", "json", ok=True).json()["source"] == "Two Majors"


@pytest.mark.parametrize("held, alias", [("Звёзда", "Звезда"), ("Kyiv's Eye", "Kyiv’s Eye"),
                                         ("Alpha", "Alpha\u200b"), ("Alpha", "Alpha\u200f"),
                                         ("Alpha", "\u200eAlpha"), ("Alpha", "Al\u200cpha")])
def test_an_alias_written_alike_another_sources_name_is_refused_as_the_name_is(cli, db, held, alias):
    """(sources hunt) "Звезда" was refused as a new source's name beside Звёзда, but taken as
    another source's alias, and then led claims typed so to that source (on another side)."""
    cli("sources", "add", held, "--side", "russia", "--kind", "media", ok=True)
    for args in (["sources", "add", "Other", "--side", "ukraine", "--alias", alias],
                 ["sources", "edit", "ISW", "--alias", alias]):
        before = db.read_bytes()
        result = cli(*args)
        assert result.exit_code == 1 and "already names the source" in result.stderr, (args, result.stderr)
        assert db.read_bytes() == before


def test_review_a_merged_name_stays_merged_through_a_rename_and_back(cli, db, tmp_path):
    """(sources hunt) Rybar merged into Telegram; Telegram renamed Rybar and back: Rybar became a
    plain old name of Telegram, and the desk's own older export then gave Telegram Rybar's grade E."""
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", "--grade", "E", "--note", "Rybar channel",
        ok=True)
    cli("add", "Russian forces took Hryhorivka", "--source", "Rybar", "--on", "2025-12-01", ok=True)
    cli("export", "--format", "json", "--output", tmp_path / "old.json", ok=True)
    cli("sources", "merge", "Rybar", "Telegram", "--yes", ok=True)
    cli("sources", "rename", "Telegram", "Rybar", ok=True)
    cli("sources", "rename", "Rybar", "Telegram", ok=True)
    telegram = sources(cli)["Telegram"]
    assert "Rybar" in telegram["merged"], telegram
    result = cli("import", tmp_path / "old.json", ok=True)
    assert sources(cli)["Telegram"]["grade"] is None, result.stderr
    # (review) renamed to the merged name, it is known by that name, not by an alias
    cli("sources", "rename", "Telegram", "Rybar", ok=True)
    said = cli("import", tmp_path / "old.json", ok=True).stderr
    assert "'Rybar' is already known as 'Rybar' here, by the name of a source merged into it" in said, said


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_source_renamed_to_a_name_merged_into_it_keeps_it_merged_through_an_export(cli, db, tmp_path, fmt):
    """(sources hunt) Bravo merged into Charlie, Charlie renamed Bravo: the export said "merged":
    ["Bravo"], but an import kept only a merged name that is an alias, not the source's own name, so
    the new desk forgot it, and an older export could then give that source Bravo's grade."""
    for name in ("Bravo", "Charlie"):
        cli("sources", "add", name, "--side", "russia", ok=True)
    cli("add", "Forces took Hryhorivka", "--source", "Charlie", "--on", "2025-12-01", ok=True)
    cli("sources", "merge", "Bravo", "Charlie", "--yes", ok=True)
    cli("sources", "rename", "Charlie", "Bravo", ok=True)
    assert sources(cli)["Bravo"]["merged"] == ["Bravo"]
    cli("export", "--format", fmt, "--output", tmp_path / f"desk.{fmt}", ok=True)
    fresh = tmp_path / "fresh.json"
    cli("--db", fresh, "import", tmp_path / f"desk.{fmt}", ok=True)
    listed = {source["name"]: source for source in cli("--db", fresh, "sources", "list", "-f", "json", ok=True).json()}
    assert listed["Bravo"]["merged"] == ["Bravo"], listed["Bravo"]


def test_a_name_with_direction_marks_around_it_is_the_source_without_them(cli, db):
    """(sources hunt) A name copied from a messenger with direction marks around it was a new
    source beside Alpha, which a search for Alpha never found: the marks are invisible, as a
    zero-width space is, and names and statements are compared without them."""
    cli("sources", "add", "Alpha", "--side", "independent", ok=True)
    for name in ("\u202aAlpha\u202c", "Alpha\u202e", "\u2066Alpha\u2069"):
        result = cli("sources", "add", name, "--side", "unknown")
        assert result.exit_code == 1 and "already names the source 'Alpha'" in result.stderr, result.stderr
    cli("add", "Russian forces took Kucherivka", "--source", "\u2068Alpha\u2069", "--on", "2025-12-07", ok=True)
    again = cli("add", "Russian forces took \u2066Kucherivka\u2069", "--source", "Alpha", "--on", "2025-12-07")
    assert again.exit_code == 1 and "C-0001" in again.stderr, again.stderr


# ------------------------------------------------------------------------------ suggested commands run as given

def _suggested(said: str, start: str) -> list[str]:
    """The command a message suggests, from `start` ("claims sources merge") to the end of its
    line or a backquote/comma, as a shell splits it (without "claims")."""
    import re
    import shlex

    found = re.search(re.escape(start) + r"[^`,\n]*", said)
    assert found, (start, said)
    return shlex.split(found.group(0))[1:]


def test_commands_suggested_for_a_source_named_with_a_dash_run_as_given(cli, db):
    """(left by session 22) A source named "-Rybar" was told to run `claims sources merge -Rybar
    OTHER`, which reads -Rybar as an option; positional names that start with a dash come after
    `--`, options before it."""
    cli("sources", "add", "--side", "russia", "--", "-Rybar", ok=True)
    add(cli, "Kupiansk's north is taken", "-Rybar")
    said = refused(cli, db, "sources", "remove", "--", "-Rybar", words=["is cited by 1 claim"])
    merge = _suggested(said, "claims sources merge")
    assert merge[-1] == "OTHER", merge
    said = refused(cli, db, "sources", "add", "--side", "russia", "--", "-rybar", words=["already exists"])
    edit = _suggested(said, "claims sources edit")
    assert "SIDE" in edit, edit
    cli(*["independent" if word == "SIDE" else word for word in edit], ok=True)
    assert sources(cli)["-Rybar"]["side"] == "independent"
    said = refused(cli, db, "sources", "rename", "--", "-Rybar", "Telegram", words=["already names"])
    merge = _suggested(said, "claims sources merge")
    result = cli(*merge[:2], "--yes", *merge[2:])
    assert result.exit_code == 0, result.stderr
    assert "-Rybar" not in sources(cli)
    said = refused(cli, db, "sources", "remove", "--", "-Rybar", words=["is a name of a source merged into"])
    cli("sources", "rename", "--", "Telegram", "-Telegram", ok=True)
    cli("sources", "edit", "--alias", "-TG", "--", "-Telegram", ok=True)
    said = refused(cli, db, "sources", "remove", "--", "-TG", words=["is an alias of"])
    result = cli(*_suggested(said, "claims sources edit"))
    assert result.exit_code == 0, result.stderr
    assert sources(cli)["-Telegram"]["aliases"] in ([], None), sources(cli)["-Telegram"]


def test_hunt_a_suggested_option_is_never_put_after_the_two_dashes(cli, db):
    """(hunt) For a source named "-Rybar" the tool suggested `claims list --source -- -Rybar` and
    `claims sources edit -- -Rybar --grade B` (both exit 2), and a merge without a terminal said to
    pass --yes, which after `--` reads as a name: an option's value is quoted, never after `--`, and
    every option goes before the `--` of positional names."""
    cli("sources", "add", "--side", "russia", "--alias", "Rybar2", "--", "-Rybar", ok=True)
    add(cli, "Kupiansk's north is taken", "-Rybar")
    said = refused(cli, db, "sources", "add", "Rybar2", "--side", "russia", words=["already names"])
    result = cli(*_suggested(said, "claims list"), "--format", "json", ok=True)
    assert [claim["source"] for claim in result.json()] == ["-Rybar"], result.stdout
    cli("sources", "add", "Graded", "--side", "russia", "--grade", "B", ok=True)
    said = cli("sources", "merge", "--", "Graded", "-Rybar", input="", ok=False).stderr
    assert "not merged" in said and "Graded" in sources(cli), said
    cli(*_suggested(said, "claims sources merge"), ok=True)
    assert "Graded" in sources(cli)["-Rybar"]["aliases"]
    cli("sources", "add", "Other", "--side", "russia", "--grade", "C", ok=True)
    said = cli("sources", "merge", "--yes", "--", "Other", "-Rybar", ok=True).stderr
    cli(*_suggested(said, "claims sources edit"), ok=True)
    assert sources(cli)["-Rybar"]["grade"] == "C"
    said = refused(cli, db, "add", "Lyman is taken", "--source", "-Dva", "--on", "2025-12-07", words=["unknown"])
    cli(*["unknown" if word == "SIDE" else word for word in _suggested(said, "claims sources add")], ok=True)
    assert sources(cli)["-Dva"]["side"] == "unknown"


def test_hunt_a_name_with_both_quotes_is_said_without_a_backslash_it_has_not(cli, db):
    """(hunt) `source 'Two "Ma\\'jors" канал' already exists`: Python's repr escaped the quote,
    and the name copied from the message was another."""
    name = 'Two "Ma\'jors" канал'
    cli("sources", "add", name, "--side", "russia", ok=True)
    said = refused(cli, db, "sources", "add", name, "--side", "russia")
    assert said.startswith(f"Error: source '{name}' already exists\n"), said


def test_the_database_named_in_a_suggested_command_is_quoted(cli, tmp_path):
    desk = tmp_path / "my desk.json"
    cli("--db", desk, "add", "Kupiansk's north is taken", "--source", "Telegram", "--on", "2025-12-07", ok=True)
    result = cli("--db", desk, "import", desk)
    assert result.exit_code != 0
    export = _suggested(result.stderr, "claims --db")
    assert export[:2] == ["--db", str(desk)], export


# ------------------------------------------------- a source that looks like another (sources hunt)

@pytest.mark.parametrize("name, said", [
    ("ΙSW", "'ΙSW' looks like the source 'ISW', written with other letters (Greek Ι)"),
    ("ＡＰ", "'ＡＰ' looks like the source 'AP', written with other letters (Fullwidth Ａ, Fullwidth Ｐ)"),
    ("ІSW", "'ІSW' looks like the source 'ISW', written with other letters (Cyrillic І)"),
    ("Institute for the Study of Wаr", "looks like the source 'ISW' (as 'Institute for the Study of War')"),
])
def test_a_new_source_that_looks_like_another_is_warned_of(cli, db, name, said):
    """(sources hunt) "ΙSW" with a Greek Iota, or a full-width "ＡＰ", was added in silence: on
    every screen it reads as the independent ISW or AP, while its side is russia, and evidence
    given under it changes statuses. Only Latin mixed with Cyrillic was warned of. It is warned
    of, not refused: CBP and Russia's СВР are two real sources that look alike."""
    result = cli("sources", "add", name, "--side", "russia", ok=True)
    assert said in result.stderr, result.stderr
    assert "a reader cannot tell them apart" in result.stderr


def test_a_renamed_or_aliased_source_that_looks_like_another_is_warned_of(cli, db):
    cli("sources", "add", "Black Bird Group", "--side", "independent", ok=True)
    renamed = cli("sources", "rename", "Black Bird Group", "ΙSW", ok=True)
    assert "'ΙSW' looks like the source 'ISW'" in renamed.stderr
    aliased = cli("sources", "edit", "ΙSW", "--alias", "ＡＰ", ok=True)
    assert "'ＡＰ' looks like the source 'AP'" in aliased.stderr
    added = cli("sources", "add", "СВР", "--side", "russia", "--alias", "Служба внешней разведки", ok=True)
    assert "looks like" not in added.stderr  # (no source CBP here)
    plain = cli("sources", "add", "Rybar", "--side", "russia", ok=True)
    assert "looks like" not in plain.stderr


def test_an_import_notes_a_new_source_that_looks_like_another(cli, db, tmp_path):
    line = {"type": "source", "name": "ΙSW", "side": "russia", "kind": "social", "aliases": ["ＡＰ"]}
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    result = cli("import", path, "--summary", "json", ok=True)
    notes = [note for note in result.json()["notes"] if note["kind"] == "lookalike"]
    assert [note["message"] for note in notes] == [
        "'ΙSW' looks like the source 'ISW', written with other letters (Greek Ι)",
        "'ＡＰ' looks like the source 'AP', written with other letters (Fullwidth Ａ, Fullwidth Ｐ)"], notes
    assert "looks like the source 'ISW'" in result.stderr


def test_an_import_notes_rows_filed_under_a_source_that_only_looks_like_another(cli, db, tmp_path):
    """(noticed) Rows of a sheet naming 'Ukrain\u0435' (a Cyrillic \u0435 last, a source registered
    beside Ukraine) were filed under it in silence, where `add --source` warns: the import notes each
    such source once, at its first row, as add says it (`source-alike`); rows naming Ukraine, none."""
    cli("sources", "add", "Ukrain\u0435", "--side", "russia", "--kind", "official", ok=True)
    path = tmp_path / "rows.csv"
    path.write_text("text,source,claimed_on\nFighting near Lyman,Ukraine,2025-12-07\n"
                    "Shelling of Kherson,Ukrain\u0435,2025-12-06\nStrike on Odesa port,Ukrain\u0435,2025-12-05\n",
                    encoding="utf-8")
    result = cli("import", path, "--summary", "json", ok=True)
    notes = [note for note in result.json()["notes"] if note["kind"] == "source-alike"]
    assert [(note["where"], note["message"]) for note in notes] == [
        ("row 3", "'Ukrain\u0435' looks like the source 'Ukraine', written with other letters (Cyrillic \u0435): check "
                  "that it is the source meant")], notes
    said = " ".join(result.stderr.split())
    assert f"{path.name} files claims under 1 source whose name only looks like another's:" in said, said
    assert result.json()["added"] == 3
    plain = tmp_path / "plain.csv"
    plain.write_text("text,source,claimed_on\nFighting near Siversk,Ukraine,2025-12-07\n", encoding="utf-8")
    assert "source-alike" not in cli("import", plain, "--summary", "json", ok=True).stdout


@pytest.mark.parametrize("name", ["Deep State", "deep-state", "DeepState.", "Deep_State"])
def test_a_new_source_written_like_another_but_for_spaces_or_punctuation_is_warned_of(cli, db, name):
    """(sources hunt) "Deep State" was added in silence beside DeepState, where `add --source "Deep
    State"` is refused with "Did you mean: DeepState?": a desk split one source's record in two,
    the twin's evidence on DeepState's claims no longer the claimant's own. Warned of, not refused
    (as a lookalike is)."""
    cli("init", ok=True)
    result = cli("sources", "add", name, "--side", "ukraine", ok=True)
    assert (f"{shown(name)} differs from the source 'DeepState' only in spaces or punctuation"
            in result.stderr), result.stderr
    assert result.stderr.count("\n") == 2, result.stderr  # (the "Added" line and the one warning)


def test_a_rename_or_alias_written_like_another_source_is_warned_of_and_a_different_name_is_not(cli, db):
    cli("sources", "add", "Black Bird Group", "--side", "independent", ok=True)
    renamed = cli("sources", "rename", "Black Bird Group", "Geo-Confirmed", ok=True)
    assert "'Geo-Confirmed' differs from the source 'GeoConfirmed' only in" in renamed.stderr, renamed.stderr
    aliased = cli("sources", "edit", "Geo-Confirmed", "--alias", "I.S.W.", ok=True)
    assert "'I.S.W.' differs from the source 'ISW' only in" in aliased.stderr, aliased.stderr
    for other in ("AFP", "Rybar", "DeepState Ukraine"):  # (a letter more, or a word more: another name)
        assert "differs from the source" not in cli("sources", "add", other, "--side", "russia", ok=True).stderr
    lookalike = cli("sources", "add", "ΙSW.", "--side", "russia", ok=True)  # (said once, as a lookalike)
    assert lookalike.stderr.count("the source 'ISW'") == 1, lookalike.stderr


def test_an_import_notes_a_new_source_written_like_another_but_for_punctuation(cli, db, tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"type": "source", "name": "Deep State", "side": "ukraine", "kind": "osint"}) + "\n",
                    encoding="utf-8")
    result = cli("import", path, "--summary", "json", ok=True)
    assert [note["message"] for note in result.json()["notes"] if note["kind"] == "lookalike"] == [
        "'Deep State' differs from the source 'DeepState' only in spaces or punctuation"], result.json()["notes"]
    # (review) its heading said "1 source name that look like another source's; a reader cannot tell them apart"
    assert (f"{path.name} adds 1 source name written like another source's (in letters that look alike, or but for "
            "spaces and punctuation), each a source of its own:") in " ".join(result.stderr.split()), result.stderr


@pytest.mark.parametrize("args, field", [
    (("sources", "add", "Zero\u200bWidth", "--side", "russia"), "name"),
    (("sources", "add", "Rybar", "--side", "russia", "--alias", "\u200fRybar2"), "alias"),
    (("sources", "rename", "Russian MoD", "Russian MoD\u200b"), "name"),
    (("sources", "edit", "ISW", "--alias", "I\u00adSW"), "alias"),
])
def test_a_source_name_typed_with_an_invisible_character_is_refused(cli, db, args, field):
    """(sources hunt) "Zero<U+200B>Width" was stored as typed: every screen shows ZeroWidth, a search
    of an export for it fails, and renamed to "Russian MoD<U+200B>" a source looked unchanged while
    every claim of it was rewritten."""
    cli("init", ok=True)
    refused(cli, db, *args, words=[f"{field} ", "invisible character"])


def test_a_rename_that_only_doubles_a_space_is_no_rename(cli, db):
    """(sources hunt) "Russian  MoD" (two spaces) was a rename: two claims rewritten, with history,
    for a name every list shows as before; a name's runs of spaces are one space."""
    add(cli, "Russian forces took Kucherivka", "Russian MoD")
    refused(cli, db, "sources", "rename", "Russian MoD", "Russian  MoD", words=["already called 'Russian MoD'"])
    cli("sources", "add", "Black  Bird   Group", "--side", "independent", ok=True)
    assert "Black Bird Group" in sources(cli)
    # (review) a no-break space, copied from a web page, or an em space, is a space so too
    for typed in ("Russian\u00a0MoD", "Russian \u00a0MoD", "Russian\u2003\u2003MoD"):
        refused(cli, db, "sources", "rename", "Russian MoD", typed, words=["already called 'Russian MoD'"])
    cli("sources", "add", "Foo\u00a0\u00a0Bar", "--side", "russia", "--alias", "Foo\u2003Baz", ok=True)
    assert sources(cli)["Foo Bar"]["aliases"] == ["Foo Baz"]


@pytest.mark.parametrize("args", [
    ("evidence", "add", "C-0001", "--by", "ІSW", "--stance", "supports", "--on", "2025-12-08"),
    ("add", "test", "--source", "ІSW", "--on", "2025-12-07"),
    ("list", "--source", "ІSW"),
    ("sources", "edit", "ІSW", "--grade", "B"),
])
def test_an_unknown_source_typed_with_a_lookalike_letter_names_it(cli, db, args):
    """(hunt) "ІSW" with a Cyrillic І was "unknown source 'ІSW'", "Did you mean: ISW?": on screen
    the two are the same, and the analyst could not see what was wrong."""
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    said = refused(cli, db, *args, words=["unknown source 'ІSW': its Cyrillic І only looks Latin"])
    assert "\u0406" in said and "\u0406" not in said.split("\n", 1)[1], said  # (the hint's ISW is Latin)
    assert "Did you mean: ISW, in Latin letters?" in said, said


@pytest.mark.parametrize("args", [
    ("add", "x", "--source", "{}", "--on", "2025-12-07"),
    ("confirm", "C-0001", "--by", "{}", "--on", "2025-12-08"),
    ("evidence", "add", "C-0001", "--by", "{}", "--stance", "supports", "--on", "2025-12-08"),
    ("list", "--source", "{}"),
    ("list", "--evidence-by", "{}"),
    ("sources", "show", "{}"),
])
def test_an_unknown_source_is_never_offered_the_other_side_s_and_is_told_a_side_it_did_not_say(cli, db, args):
    """(data-entry review) `add -s "Russian General Staff"` was asked "Did you mean: Ukraine (as
    Ukrainian General Staff)?" and "Ministry of Defence" (a UK MoD update) was offered Russian MoD
    unsaid as Russia's: an analyst taking the hint files a Russian claim under Ukraine. Every command
    naming a source says it alike."""
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    typed = [part.format("Russian General Staff") for part in args]
    said = refused(cli, db, *typed, words=["unknown source 'Russian General Staff'"])
    assert "Ukrain" not in said and "Did you mean" not in said, said
    typed = [part.format("Ministry of Defence") for part in args]
    refused(cli, db, *typed, words=["Did you mean: Russian MoD (russia, as Russian Ministry of Defence)?"])


def test_an_import_is_never_offered_the_other_side_s_source_and_is_told_a_side_it_did_not_say(cli, db, tmp_path):
    path = tmp_path / "desk.csv"
    path.write_text("text,source,claimed_on\nA claim here,Russian General Staff,2025-12-01\n"
                    "Another claim,Ministry of Defence,2025-12-01\n", encoding="utf-8")
    result = cli("import", path, "--dry-run")
    assert result.exit_code == 65, result.stderr
    assert "unknown source 'Russian General Staff'" in result.stderr and "Ukrain" not in result.stderr, result.stderr
    assert "unknown source 'Ministry of Defence' (did you mean: Russian MoD (russia, as Russian Ministry of " \
           "Defence)?)" in result.stderr, result.stderr


def test_an_unknown_source_that_looks_like_an_alias_or_another_script_says_so(cli, db):
    cli("sources", "add", "Black Bird Group", "--side", "independent", ok=True)
    said = refused(cli, db, "add", "x", "--source", "ＩＳＷ", "--on", "2025-12-07",
                   words=["unknown source 'ＩＳＷ': it is written in full-width letters"])
    assert "Did you mean: ISW, in ordinary letters?" in said, said  # (full-width letters are Latin too)
    said = refused(cli, db, "add", "x", "--source", "Institute for the Study of Wаr", "--on", "2025-12-07",
                   words=[": its Cyrillic а only looks Latin",
                          "Did you mean: ISW (as Institute for the Study of War), in Latin letters?"])
    cli("sources", "add", "СВР", "--side", "russia", ok=True)  # (Cyrillic; CBP typed in Latin looks like it)
    refused(cli, db, "add", "x", "--source", "CBP", "--on", "2025-12-07",
            words=["unknown source 'CBP' looks like the source 'СВР', written with other letters "
                   "(Latin C, Latin B, Latin P)", "Did you mean: СВР? "])
    # (review) a name in another alphabet throughout may be a source of its own, not a slip: the
    # American CBP known here, Russia's СВР typed is not told its letters "only look Latin"
    cli("sources", "add", "CBP", "--side", "independent", ok=True)
    cli("sources", "remove", "СВР", ok=True)
    said = refused(cli, db, "add", "x", "--source", "СВР", "--on", "2025-12-07",
                   words=["unknown source 'СВР' looks like the source 'CBP', written with other letters (Cyrillic С, "
                          "Cyrillic В, Cyrillic Р)", "Did you mean: CBP? If not, add it: "
                          "`claims sources add --side SIDE 'СВР'`"])
    assert "only look" not in said, said


# ------------------------------------------- a source's own history (left by sessions 22 and 23)

def source_history(cli, name: str) -> list[dict]:
    return cli("sources", "show", name, "--format", "json", ok=True).json()["history"]


def test_a_sources_changes_are_recorded_with_who_and_when(cli, db):
    """A desk's grade of a source is its record of how far to trust it, yet `sources edit
    --grade E` (or a new side) left no trace of who changed it, when, or from what: claims keep a
    history; a source now does, shown by `sources show`."""
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", "--grade", "C", "--analyst", "olena", ok=True)
    cli("sources", "edit", "Rybar", "--grade", "E", "--note", "often wrong", "--analyst", "taras", ok=True)
    cli("sources", "edit", "Rybar", "--grade", "E", "--analyst", "taras", ok=True)  # (no change: nothing recorded)
    cli("sources", "rename", "Rybar", "Rybar channel", "--analyst", "olena", ok=True)
    history = source_history(cli, "Rybar channel")
    assert [(entry["action"], entry["analyst"]) for entry in history] == [
        ("added", "olena"), ("edited", "taras"), ("renamed", "olena")]
    assert history[0]["changes"] == {"side": [None, "russia"], "kind": [None, "social"], "grade": [None, "C"]}
    assert history[1]["changes"] == {"grade": ["C", "E"], "note": [None, "often wrong"]}
    # (sources hunt: the old name became an alias, which the entry did not say)
    assert history[2]["changes"] == {"name": ["Rybar", "Rybar channel"], "aliases": [[], ["Rybar"]]}
    assert all(entry["at"].endswith("Z") for entry in history)
    shown = cli("sources", "show", "Rybar channel", ok=True).stdout
    assert "History" in shown and "grade: C → E" in shown and "taras" in shown, shown


def test_a_rename_to_one_of_its_aliases_records_the_aliases_it_changed(cli, db):
    """(sources hunt) Рыбарь (alias Rybar) renamed Rybar: Rybar left the aliases and Рыбарь joined them,
    and the history said only the name, so a later merge's aliases matched nothing it recorded."""
    cli("sources", "add", "Рыбарь", "--side", "russia", "--alias", "Rybar", ok=True)
    cli("sources", "rename", "Рыбарь", "Rybar", ok=True)
    assert source_history(cli, "Rybar")[-1]["changes"] == {"name": ["Рыбарь", "Rybar"],
                                                           "aliases": [["Rybar"], ["Рыбарь"]]}


@pytest.mark.parametrize("width", ["40", "72", "100"])
def test_a_sources_history_fits_the_console(cli, db, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", width)
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", "--grade", "C", ok=True)
    cli("sources", "edit", "Rybar", "--grade", "E", "--note", "often wrong", ok=True)
    shown = cli("sources", "show", "Rybar", ok=True).stdout
    # (the commands that list its claims and evidence are each whole, to paste: the terminal folds them)
    assert max(len(line) for line in shown.splitlines() if not line.lstrip().startswith("claims ")) <= int(width), shown
    assert "edited" in shown and "added" in shown and "often wrong" in shown


def test_a_side_change_and_a_merge_are_in_the_sources_history(cli, db):
    cli("sources", "add", "Two Majors", "--side", "unknown", ok=True)
    cli("sources", "add", "Rybar", "--side", "russia", "--grade", "E", ok=True)
    cli("sources", "edit", "Two Majors", "--side", "russia", ok=True)
    cli("sources", "merge", "Rybar", "Two Majors", "--yes", ok=True)
    history = source_history(cli, "Two Majors")
    # (in time order, to the second: within one second, Two Majors' own first)
    assert sorted((entry["action"], entry["detail"] or "") for entry in history[:3]) == [
        ("added", ""), ("added", "as Rybar"), ("edited", "")]  # (Rybar's own, kept)
    assert next(entry for entry in history if entry["action"] == "edited")["changes"] == {"side": ["unknown", "russia"]}
    assert history[3]["action"] == "merged" and "Rybar" in history[3]["detail"] and "grade E" in history[3]["detail"]


def test_a_built_in_source_has_its_first_change_recorded(cli, db):
    assert source_history(cli, "DeepState") == []
    assert "History" not in cli("sources", "show", "DeepState", ok=True).stdout
    cli("sources", "edit", "DeepState", "--grade", "B", ok=True)
    assert [(entry["action"], entry["changes"]) for entry in source_history(cli, "DeepState")] == [
        ("edited", {"grade": [None, "B"]})]


def test_an_import_records_the_sources_it_adds_or_completes_and_an_export_carries_no_history(cli, db, tmp_path):
    lines = [{"type": "source", "name": "Black Bird Group", "side": "independent", "kind": "osint", "aliases": [],
              "grade": "B", "note": None},
             {"type": "source", "name": "DeepState", "side": "ukraine", "kind": "osint", "aliases": [], "grade": "A",
              "note": None}]
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    cli("add", "Siversk contested", "--source", "Ukraine", "--on", "2025-12-01", ok=True)  # (its DeepState is completed)
    cli("import", path, ok=True)
    added, completed = source_history(cli, "Black Bird Group"), source_history(cli, "DeepState")
    assert [entry["action"] for entry in added] == ["imported"] and added[0]["changes"]["grade"] == [None, "B"]
    assert [(entry["action"], entry["changes"]) for entry in completed] == [("imported", {"grade": [None, "A"]})]
    assert "s.jsonl" in added[0]["detail"]
    exported = cli("export", "--format", "json", ok=True).json()
    cli("add", "Russian forces took Kupiansk", "--source", "Black Bird Group", "--on", "2025-12-01", ok=True)
    exported = cli("export", "--format", "json", ok=True).json()
    assert exported["sources"] and all("history" not in source for source in exported["sources"])
    assert all("history" not in row for row in cli("sources", "list", "--format", "json", ok=True).json())


def test_a_latin_name_that_looks_like_another_sources_names_that_ones_letters(cli, db, tmp_path):
    """(review) "'CBP' looks like the source 'СВР', written with other letters ()": the other
    letters were the other source's. And an import adding BBC and ВВС named the pair twice."""
    cli("sources", "add", "СВР", "--side", "russia", ok=True)
    result = cli("sources", "add", "CBP", "--side", "unknown", ok=True)
    # (place by place, the new name's letters: session 24's review)
    assert "'CBP' looks like the source 'СВР', written with other letters (Latin C, Latin B, Latin P)" \
        in result.stderr, result.stderr
    lines = [{"type": "source", "name": name, "side": "independent", "kind": "media", "aliases": []}
             for name in ("BBC", "ВВС")]
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    notes = [note["message"] for note in cli("import", path, "--summary", "json", ok=True).json()["notes"]
             if note["kind"] == "lookalike"]
    assert len(notes) == 1 and "()" not in notes[0], notes


def test_a_sources_history_says_the_alias_a_change_added_and_keeps_the_merged_ones(cli, db):
    """(review) An alias added to Telegram's three was shown as both lists cut at 60 characters
    ("... Russian milbloggers, Rybar c…"): the one added was what was cut. And a merge dropped the
    merged source's own history (who added it, its D -> E downgrade)."""
    cli("sources", "edit", "Telegram", "--alias", "Rybar channel", ok=True)
    shown = cli("sources", "show", "Telegram", ok=True).stdout
    assert "aliases: + Rybar channel" in " ".join(shown.split()), shown
    cli("sources", "add", "Rybar", "--side", "russia", "--grade", "D", "--analyst", "bob", ok=True)
    cli("sources", "edit", "Rybar", "--grade", "E", "--analyst", "ann", ok=True)
    cli("sources", "add", "Black Bird Group", "--side", "russia", ok=True)
    cli("sources", "merge", "Rybar", "Black Bird Group", "--yes", ok=True)
    history = source_history(cli, "Black Bird Group")
    theirs = [(entry["action"], entry["analyst"], entry["changes"]) for entry in history if entry["detail"] == "as Rybar"]
    assert theirs == [("added", "bob", {"side": [None, "russia"], "kind": [None, "other"], "grade": [None, "D"]}),
                      ("edited", "ann", {"grade": ["D", "E"]})], history
    assert history[-1]["action"] == "merged"


def test_a_chain_of_merges_says_each_change_under_the_one_name_it_was_made_by(cli, db):
    """(hunt) Ryabar merged into Rybar, then Rybar into Telegram: Telegram's history had Ryabar's
    creation "added ... as Rybar; as Ryabar", as if added under two names at once."""
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", "--grade", "C", ok=True)
    cli("sources", "add", "Ryabar", "--side", "russia", "--kind", "social", ok=True)
    cli("sources", "merge", "Ryabar", "Rybar", "--yes", ok=True)
    cli("sources", "merge", "Rybar", "Telegram", "--yes", ok=True)
    details = [(entry["action"], entry["detail"]) for entry in source_history(cli, "Telegram")]
    assert ("added", "as Rybar") in details and ("added", "as Ryabar (merged into Rybar)") in details, details
    assert ("merged", "as Rybar; Ryabar (russia) merged into it") in details, details
    shown = " ".join(cli("sources", "show", "Telegram", ok=True).stdout.split())
    assert "; as Rybar; as Ryabar" not in shown and "as Ryabar (merged into Rybar)" in shown, shown
    cli("sources", "add", "Army", "--side", "russia", ok=True)
    cli("sources", "merge", "Telegram", "Army", "--yes", ok=True)
    details = [(entry["action"], entry["detail"]) for entry in source_history(cli, "Army")]
    assert ("added", "as Ryabar (merged into Rybar, then Telegram)") in details, details
    assert ("added", "as Rybar (merged into Telegram)") in details, details


def test_a_merged_sources_changes_are_said_under_the_name_it_had_when_each_was_made(cli, db):
    """(new-user walk-through) Rumour Mill, renamed Rumor Mill, then merged into ISW: ISW's history
    said it was "added ... as Rumor Mill", a name it was never added under."""
    cli("sources", "add", "Rumour Mill", "--side", "independent", "--grade", "E", ok=True)
    cli("sources", "rename", "Rumour Mill", "Rumor Mill", ok=True)
    cli("sources", "edit", "Rumor Mill", "--grade", "D", ok=True)
    cli("sources", "merge", "Rumor Mill", "ISW", "--yes", ok=True)
    details = [(entry["action"], entry["detail"]) for entry in source_history(cli, "ISW")]
    assert details[:3] == [("added", "as Rumour Mill"), ("renamed", "as Rumour Mill"), ("edited", "as Rumor Mill")], details
    cli("sources", "add", "Army", "--side", "independent", ok=True)
    cli("sources", "merge", "ISW", "Army", "--yes", ok=True)
    details = [(entry["action"], entry["detail"]) for entry in source_history(cli, "Army")]
    assert ("added", "as Rumour Mill (merged into ISW)") in details, details
    assert ("edited", "as Rumor Mill (merged into ISW)") in details, details


def test_a_source_merged_into_one_later_renamed_says_the_name_it_was_merged_into(cli, db):
    """(review) Rybar merged into Rumour Mill, renamed Rumor Mill, then merged into ISW: Rybar's
    creation read "as Rybar (merged into Rumor Mill)", a name Rumour Mill took only later."""
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    cli("sources", "add", "Rumour Mill", "--side", "russia", "--kind", "social", ok=True)
    cli("sources", "merge", "Rybar", "Rumour Mill", "--yes", ok=True)
    cli("sources", "rename", "Rumour Mill", "Rumor Mill", ok=True)
    cli("sources", "merge", "Rumor Mill", "ISW", "--yes", ok=True)
    details = [(entry["action"], entry["detail"]) for entry in source_history(cli, "ISW")]
    assert ("added", "as Rybar (merged into Rumour Mill)") in details, details
    assert ("merged", "as Rumour Mill; Rybar (russia) merged into it") in details, details


def test_a_merged_sources_name_is_said_as_that_not_as_an_alias(cli, db):
    """(new-user walk-through) After Rumour Mill was merged into ISW, `sources show "Rumour Mill"`
    said "named by its alias Rumour Mill", where `sources edit` calls it "a name of a source merged
    into ISW": each command that finds ISW by it now says it is that."""
    cli("sources", "add", "Rumour Mill", "--side", "independent", ok=True)
    cli("sources", "merge", "Rumour Mill", "ISW", "--yes", ok=True)
    said = "source ISW, named by Rumour Mill, the name of a source merged into it"
    assert cli("sources", "show", "Rumour Mill", ok=True).stderr == f"Note: showing {said}.\n"
    added = cli("add", "Bridge down", "--source", "Rumour Mill", "--on", "2025-12-01", ok=True)
    assert f"Recorded C-0001 (unverified): {said}." in added.stderr, added.stderr
    confirmed = cli("confirm", "C-0001", "--by", "Rumour Mill", "--on", "2025-12-01", ok=True)
    assert confirmed.stderr.rstrip().endswith(f"; {said}"), confirmed.stderr
    # (an alias is still said as one)
    assert "named by its alias Institute for the Study of War" in \
        cli("sources", "show", "Institute for the Study of War", ok=True).stderr


def test_a_lookalike_warning_names_the_letters_that_differ(cli, db):
    """(review) "'ВВC' looks like 'ВВС', written with other letters (Cyrillic В)": both have the
    Cyrillic В; what differs is the Latin C."""
    cli("sources", "add", "ВВС", "--side", "independent", "--kind", "media", ok=True)
    result = cli("sources", "add", "ВВC", "--side", "independent", "--kind", "media", ok=True)
    assert "'ВВC' looks like the source 'ВВС', written with other letters (Latin C)" in result.stderr, result.stderr


@pytest.mark.parametrize("existing, added, said", [
    ("ВВС", "ВBС", "'ВBС' looks like the source 'ВВС', written with other letters (Latin B)"),
    ("ВBС", "BВC", "'BВC' looks like the source 'ВBС', written with other letters (Latin B, Cyrillic В, Latin C)"),
])
def test_a_lookalike_warning_names_the_letters_that_differ_place_by_place(cli, db, existing, added, said):
    """(review) Letters were compared as sets: "ВBС" beside "ВВС" named none, and "BВC" beside
    "ВBС" only the С. Place by place, each letter that differs is named (of the new name)."""
    cli("sources", "add", existing, "--side", "independent", "--kind", "media", ok=True)
    result = cli("sources", "add", added, "--side", "independent", "--kind", "media", ok=True)
    assert said in result.stderr, result.stderr


def test_sources_saved_together_keep_their_places_and_histories(tmp_path):
    """`store.save_sources` (an import's new and completed sources, in one pass over the records):
    a known source is replaced where it is, with its history and the new entry; a new one goes at
    the end; a second save of one name in the same call builds on the first."""
    from dataclasses import replace

    from claims_cli.models import make_source
    from claims_cli.store import SOURCES, ClaimStore

    path = tmp_path / "s.json"
    store = ClaimStore(path)
    rybar = make_source("Rybar", "russia", "social")
    with store.transaction():
        store.save_source(rybar, {"action": "added"})
    before = json.loads(path.read_text(encoding="utf-8"))[SOURCES]
    with store.transaction():
        store.save_sources([(make_source("Black Bird Group", "independent", "osint"), {"action": "imported"}),
                            (replace(rybar, grade="D"), {"action": "imported"}),
                            (make_source("black bird  GROUP", "independent", "osint", grade="B"),
                             {"action": "edited"}),
                            (make_source("GeoConfirmed", "independent", "osint", grade="A"), None)])
    after = json.loads(path.read_text(encoding="utf-8"))[SOURCES]
    assert list(after)[:len(before)] == list(before)  # (each kept source in its place)
    rybar_id = next(doc_id for doc_id, doc in before.items() if doc["name"] == "Rybar")
    assert after[rybar_id]["grade"] == "D" and [e["action"] for e in after[rybar_id]["history"]] == ["added", "imported"]
    new = [doc for doc_id, doc in after.items() if doc_id not in before]
    assert [(doc["name"], doc["grade"]) for doc in new] == [("black bird  GROUP", "B")]
    assert [entry["action"] for entry in new[0]["history"]] == ["imported", "edited"]
    geo = next(doc for doc in after.values() if doc["name"] == "GeoConfirmed")
    assert geo["grade"] == "A" and "history" not in geo
    assert [e["action"] for e in store.source_history("BLACK BIRD GROUP")] == ["imported", "edited"]


def test_a_new_source_name_or_alias_holding_the_list_separator_is_refused(cli, db, tmp_path):
    """(scripts hunt) "Foo;Bar" was taken as a name: a CSV listing's supported_by (and `sources
    list`'s aliases) join names with ";", so "Foo;Bar;Baz" read as three sources where two support.
    A name or alias given anew holding ";" is refused, as a tag holding one is split."""
    cli("init", ok=True)
    refused(cli, db, "sources", "add", "Foo;Bar", "--side", "independent",
            words=["name 'Foo;Bar' holds ';'"])
    refused(cli, db, "sources", "add", "Baz", "--side", "independent", "--alias", "x;y",
            words=["alias 'x;y' holds ';'"])
    refused(cli, db, "sources", "edit", "ISW", "--alias", "I;SW", words=["alias 'I;SW' holds ';'"])
    refused(cli, db, "sources", "rename", "ISW", "I;SW", words=["name 'I;SW' holds ';'"])
    # (review) an import carries another desk's sources as they are: one an older version let
    # hold ';' moves between desks (refused, the whole file was, and a rename to mend it kept the
    # old name as an alias, which was refused too)
    line = {"type": "source", "name": "Foo;Bar", "side": "independent", "kind": "media", "aliases": ["F;B"]}
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    cli("import", path, ok=True)
    assert cli("sources", "show", "Foo;Bar", "--format", "json", ok=True).json()["aliases"] == ["F;B"]
    cli("sources", "rename", "Foo;Bar", "Foo, Bar", ok=True)
    exported = tmp_path / "e.json"
    cli("export", "--format", "json", "--output", exported, ok=True)
    cli("--db", tmp_path / "other.json", "import", exported, ok=True)


def test_adding_a_source_merged_into_another_says_so_and_not_to_edit_that_one(cli, db):
    """(analyst hunt) After `sources merge Rybar Telegram`, `sources add Rybar` was told to change
    Telegram's side: every Telegram claim would follow."""
    cli("sources", "add", "Rybar", "--side", "russia", ok=True)
    cli("sources", "merge", "Rybar", "Telegram", "--yes", ok=True)
    result = cli("sources", "add", "Rybar", "--side", "russia", ok=False)
    assert result.stderr.splitlines() == [
        "Error: 'Rybar' already names the source 'Telegram' (merged into it)",
        "Use that source (`claims list --source Telegram`), or pick another name."], result.stderr


def test_a_side_change_is_written_with_the_arrow_every_other_change_has(cli, db):
    """(analyst hunt) "changed side: independent -> unknown" beside "unverified → confirmed"."""
    claim = cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", ok=True).stdout.strip()
    cli("confirm", claim, "--by", "ISW", ok=True)
    cli("sources", "edit", "ISW", "--side", "unknown", ok=True)
    details = [entry.get("detail") for entry in cli("show", claim, "--format", "json", ok=True).json()["history"]]
    assert "source ISW changed side: independent → unknown" in details, details


@pytest.mark.parametrize("long_name", [True, False])
@pytest.mark.parametrize("width", [str(width) for width in range(60, 101)])
def test_sources_list_keeps_its_words_whole_at_every_width(cli, db, monkeypatch, width, long_name):
    """(review) Capping the aliases at what the other columns leave cut "DeepStateM/ap" at 70
    columns, beside a 27-letter name that Rich had wrapped to make room; and letting them have their
    longest word then cut "GeoConfirm/ed" at 62 (the second review). The aliases need their longest
    word (a link aside), or give way."""
    import re

    cli("init", ok=True)
    if long_name:
        cli("sources", "add", "Ukrainian Air Force Command", "--side", "ukraine", "--kind", "official", ok=True)
    monkeypatch.setenv("COLUMNS", width)
    table = cli("sources", "list", ok=True).stdout
    assert max(len(line) for line in table.splitlines()) <= int(width), table
    words = set(re.findall(r"[\w'-]+", table))
    shown = [word for word in ("DeepStateMap", "milbloggers", "GeoConfirmed", "Ukrainian", "Command") if word in words]
    assert {"GeoConfirmed", "Ukrainian", "Command"} <= words or not long_name and "GeoConfirmed" in words, table
    if "Aliases" in table:
        assert {"DeepStateMap", "milbloggers"} <= set(shown), table


def test_a_sources_aliases_given_again_in_another_order_change_nothing(cli, db):
    """(sources hunt) The same aliases in another order rewrote the file (and its backup) and
    recorded an edit 'aliases: [A, B] → [B, A]'."""
    cli("sources", "add", "Black Bird Group", "--side", "independent", "--alias", "BlackBird Group",
        "--alias", "Black Bird", ok=True)
    before = db.read_bytes()
    same = cli("sources", "edit", "Black Bird Group", "--clear-aliases", "--alias", "Black Bird",
               "--alias", "BlackBird Group", ok=True)
    assert "Updated" not in same.stderr, same.stderr
    assert db.read_bytes() == before
    # (review) a name's case mended is a change: there is no --remove-alias to make it otherwise
    cli("sources", "edit", "Black Bird Group", "--clear-aliases", "--alias", "BLACK BIRD",
        "--alias", "BlackBird Group", ok=True)
    shown = cli("sources", "show", "Black Bird Group", "-f", "json", ok=True).json()
    assert sorted(shown["aliases"]) == ["BLACK BIRD", "BlackBird Group"], shown


def test_a_field_a_source_record_has_beyond_claims_own_is_kept_by_an_edit(cli, db):
    """(upgrade hunt) A claim record keeps a field another tool added; a source record lost it at
    its next edit, unsaid."""
    cli("init", ok=True)
    data = json.loads(db.read_bytes())
    key = next(key for key, doc in data["sources"].items() if doc["name"] == "ISW")
    data["sources"][key]["url"] = "https://www.understandingwar.org"
    db.write_text(json.dumps(data))
    cli("sources", "edit", "ISW", "--note", "think tank", ok=True)
    kept = next(doc for doc in json.loads(db.read_bytes())["sources"].values() if doc["name"] == "ISW")
    assert kept["url"] == "https://www.understandingwar.org" and kept["note"] == "think tank"


@pytest.mark.parametrize("change", ["rename", "merge"])
def test_a_field_a_source_record_has_beyond_claims_own_is_kept_by_a_rename_or_merge(cli, db, change):
    """(review) A rename gave the source a new record, a merge rebuilt the one kept: the field
    another tool added went, unsaid."""
    cli("init", ok=True)
    data = json.loads(db.read_bytes())
    for doc in data["sources"].values():
        if doc["name"] in ("ISW", "AP"):
            doc["wikidata"] = "Q-" + doc["name"]
    db.write_text(json.dumps(data))
    if change == "rename":
        cli("sources", "rename", "ISW", "Institute for the Study of War", ok=True)
        name = "Institute for the Study of War"
    else:
        cli("sources", "merge", "AP", "ISW", "--yes", ok=True)
        name = "ISW"
    kept = next(doc for doc in json.loads(db.read_bytes())["sources"].values() if doc["name"] == name)
    assert kept["wikidata"] == "Q-ISW", kept


def test_an_edit_that_empties_a_sources_merged_names_does_not_bring_them_back(cli, db):
    """(review of the kept fields: 'merged' is claims' own, written only when there is one)"""
    cli("sources", "add", "Ryabar", "--side", "russia", ok=True)
    cli("sources", "merge", "Ryabar", "Telegram", "--yes", ok=True)
    assert cli("sources", "show", "Telegram", "-f", "json", ok=True).json()["merged"] == ["Ryabar"]
    cli("sources", "edit", "Telegram", "--clear-aliases", ok=True)
    assert cli("sources", "show", "Telegram", "-f", "json", ok=True).json()["merged"] == []


def test_sources_show_gives_its_listings_whole_and_naming_the_database(cli, tmp_path, monkeypatch):
    """(terminal hunt) '(claims' / 'list --source ...)' broke across lines at 80 columns, and named
    no --db: pasted, it listed the default database's claims."""
    seed = Path("seeds/article-2025-12-07.json").resolve()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMS_WIDTH", "80")
    desk = "a desk of this year's claims, kept with the others in this directory.json"  # (longer than 80 a line)
    cli("--db", desk, "import", seed, ok=True)
    shown = cli("--db", desk, "sources", "show", "Russian MoD", ok=True).stdout
    lines = [line.strip() for line in shown.splitlines()]
    quoted = shell_quoted(desk)
    assert f"claims --db {quoted} list --source 'Russian MoD'" in lines, shown
    assert f"claims --db {quoted} list --evidence-by 'Russian MoD'" not in lines, shown  # (it gave none)
    shown = cli("--db", desk, "sources", "show", "DeepState", ok=True).stdout
    assert f"claims --db {quoted} list --evidence-by DeepState" in [line.strip() for line in shown.splitlines()]


def test_the_commands_a_sources_hint_gives_name_the_database_given(cli, tmp_path):
    """(README hunt) Hints written without backticks named no --db: `sources merge`, `sources edit
    --clear-aliases`, `categories add` pasted changed the default database's sources."""
    desk = tmp_path / "desk.json"
    cli("--db", desk, "sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    cli("--db", desk, "add", "Rybar says the village fell", "--source", "Rybar", "--on", "2025-12-01", ok=True)
    said = cli("--db", desk, "sources", "rename", "Rybar", "Telegram", ok=False).stderr
    assert f"`claims --db {desk} sources merge Rybar Telegram`" in said, said
    said = cli("--db", desk, "sources", "remove", "Rybar", ok=False).stderr
    assert f"`claims --db {desk} sources merge Rybar OTHER`" in said, said
    said = cli("--db", desk, "sources", "remove", "MoD", ok=False).stderr
    assert f"`claims --db {desk} sources edit --clear-aliases 'Russian MoD'`" in said, said
    said = cli("--db", desk, "add", "x", "--source", "ISW", "--on", "2025-12-01", "--category", "logistics", ok=False).stderr
    assert f"`claims --db {desk} categories add logistics`" in said, said


def test_a_merge_says_the_grade_and_note_of_the_merged_source_it_does_not_keep(cli, db):
    """(desk hunt) The duplicate the desk had graded was merged into an ungraded entry: its grade B
    and note went, unsaid (the one kept keeps its own side, kind, grade and note)."""
    cli("sources", "add", "Def Mon", "--side", "independent", "--kind", "osint", ok=True)
    cli("sources", "add", "DefMon3", "--side", "independent", "--kind", "osint", "--grade", "B", "--note",
        "X account @DefMon3", ok=True)
    said = cli("sources", "merge", "DefMon3", "Def Mon", "--yes", ok=True).stderr
    assert "Warning: the grade B of DefMon3 is not kept: Def Mon keeps its own (none); `claims sources edit --grade B " \
           "'Def Mon'` gives it that grade." in said, said
    assert "Warning: the note of DefMon3 is not kept: Def Mon keeps its own (none); its history has it (`claims sources " \
           "show 'Def Mon'`)." in said, said
    shown = cli("sources", "show", "Def Mon", "-f", "json", ok=True).json()
    assert shown["grade"] is None and shown["note"] is None
    assert any("X account @DefMon3" in json.dumps(change) for change in shown["history"]), shown["history"]


def test_a_merge_of_a_source_never_changed_keeps_what_it_was_in_the_history(cli, db):
    """(exploratory test) DeepState, built in and never edited, merged into ISW: the warning said
    ISW's history had its note, and nothing had it (only a change of the source's own recorded it,
    and a built-in, or one an older claims saved, has none). The merge's entry records the source
    merged away as it was, shown in `sources show`."""
    said = cli("sources", "merge", "DeepState", "ISW", "--yes", ok=True).stderr
    assert "Warning: the note of DeepState is not kept: ISW keeps its own (none); its history has it (`claims sources " \
           "show ISW`)." in said, said
    entry = source_history(cli, "ISW")[-1]
    assert entry["action"] == "merged" and entry["merged_source"] == {
        "name": "DeepState", "side": "ukraine", "kind": "osint", "aliases": ["DeepStateMap", "DeepState UA"],
        "grade": None, "note": "Ukrainian OSINT map of the front line"}, entry
    shown = " ".join(cli("sources", "show", "ISW", ok=True).stdout.split())
    assert "DeepState (ukraine) merged into it, with kind osint and note 'Ukrainian OSINT map of the front line'" \
        in shown, shown
    # a note longer than the table shows: the warning names the listing that has it whole
    long = "Front-line map " + "with daily updates " * 12 + "(end)"
    cli("sources", "add", "Map2", "--side", "ukraine", "--kind", "osint", "--grade", "C", "--note", long, ok=True)
    said = cli("sources", "merge", "Map2", "ISW", "--yes", ok=True).stderr
    assert "its history has it (`claims sources show ISW --format json`)." in said, said
    assert source_history(cli, "ISW")[-1]["merged_source"]["note"] == long
    shown = " ".join(cli("sources", "show", "ISW", ok=True).stdout.split())
    assert "Map2 (ukraine, grade C) merged into it, with kind osint and note 'Front-line map with daily" in shown, shown
    assert "(end)" not in shown, shown
    # merged on: the entry stays as it was, said as the merged source's
    cli("sources", "merge", "ISW", "Reuters", "--yes", ok=True)
    carried = [entry for entry in source_history(cli, "Reuters") if entry.get("merged_source")]
    assert [entry["merged_source"]["name"] for entry in carried] == ["DeepState", "Map2", "ISW"], carried


def test_a_merge_of_sources_of_two_sides_says_the_side_in_its_question_and_after(cli, db):
    """(sources hunt) `sources merge "The Telegraph" Telegram` moved an independent outlet's claims
    and evidence to a Russian-side source (the slip the typo check guards against elsewhere): the
    question gave Telegram's side only, and the merge warned of the grade and note it does not keep,
    not of the side, which is what the rule reads. Both sides are in the question, and a warning
    says what the merged source's claims and evidence now count as."""
    cli("sources", "add", "The Telegraph", "--side", "independent", "--kind", "media", ok=True)
    add(cli, "Russia advanced in Zaporizhzhia", "The Telegraph")
    asked = cli("sources", "merge", "The Telegraph", "Telegram", input="n\n")
    assert asked.exit_code == 0 and "Not merged" in asked.stderr
    assert "Merge source The Telegraph (independent) into Telegram (russia):" in asked.stderr, asked.stderr
    merged = cli("sources", "merge", "The Telegraph", "Telegram", "--yes", ok=True).stderr
    assert ("Warning: the side of The Telegraph (independent) is not kept: what cited it counts as Telegram's "
            "(russia).") in merged.splitlines(), merged
    # one side: the question as before, and no warning
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    same = cli("sources", "merge", "Rybar", "Telegram", input="n\n").stderr
    assert "Merge source Rybar into Telegram (russia):" in same, same
    assert "side" not in cli("sources", "merge", "Rybar", "Telegram", "--yes", ok=True).stderr


def test_sources_list_of_a_desk_without_sources_says_so(cli, db):
    """(sources hunt) With every source removed, `sources list` drew an empty table's header, as
    `list` of no claims did before it said "No claims."."""
    for source in cli("sources", "list", "-f", "json", ok=True).json():
        cli("sources", "remove", source["name"], ok=True)
    result = cli("sources", "list", ok=True)
    assert result.stdout == "" and result.stderr.splitlines() == [
        "No sources.", "`claims sources add NAME --side SIDE` adds one."], result
    assert cli("sources", "list", "-f", "json", ok=True).json() == []


def test_a_filter_naming_a_merged_source_says_whose_claims_it_selects(cli, db):
    """(sources hunt) `list --source "Donald Trump Jr"` after a merge of Trump Jr into US government
    listed US government's claims without a word: read as Trump Jr's own. `sources show` said it;
    a filter says it too, on stderr (an alias, one of the source's own names, is said nothing)."""
    cli("sources", "add", "Rumour Mill", "--side", "unknown", ok=True)
    add(cli, "A deal is close", "Rumour Mill")
    add(cli, "Russian forces took Rivne", "ISW")
    cli("sources", "merge", "Rumour Mill", "ISW", "--yes", ok=True)
    for args in (["list", "--source", "rumour mill"], ["contested", "--evidence-by", "Rumour Mill"],
                 ["list", "--source", "Rumour Mill", "-f", "json"]):
        result = cli(*args, ok=True)
        assert (f"Note: Rumour Mill is a source merged into ISW: {args[1]} selects ISW, not Rumour Mill's part alone."
                in result.stderr.splitlines()), (args, result.stderr)
    assert len(cli("list", "--source", "Rumour Mill", "-f", "json", ok=True).json()) == 2
    twice = cli("list", "--source", "Rumour Mill", "--source", "rumour  mill", ok=True).stderr  # (review: said twice)
    assert twice.count("Note: Rumour Mill is a source merged into ISW") == 1, twice
    assert "Note" not in cli("list", "--source", "Institute for the Study of War", ok=True).stderr


def test_a_source_given_that_looks_like_another_is_warned_of_at_each_use(cli, db):
    """(sources hunt) `sources add` warns once of 'ІSW' (a Cyrillic І) beside ISW; then `confirm --by
    ІSW`, typed from the other keyboard layout, gave the Russian-side look-alike's evidence as
    ISW's on every screen, unsaid."""
    cli("sources", "add", "\u0406SW", "--side", "russia", ok=True)
    cli("add", "Siversk taken", "--source", "Russian MoD", "--on", "2025-12-03", ok=True)
    said = cli("confirm", "C-0001", "--by", "\u0406SW", ok=True).stderr
    assert "'\u0406SW' looks like the source 'ISW', written with other letters (Cyrillic \u0406): check that " \
           "\u0406SW is the source meant." in said, said
    assert "looks like the source" in cli("add", "Siversk held", "--source", "\u0406SW", "--on", "2025-12-03",
                                          ok=True).stderr
    assert "looks like the source" in cli("edit", "C-0001", "--source", "\u0406SW", ok=True).stderr
    assert "looks like" not in cli("confirm", "C-0001", "--by", "GeoConfirmed", ok=True).stderr
    # (review) typed as another source's alias, the warning was not given: the stored name was asked
    cli("sources", "add", "Institute", "--side", "independent", "--alias", "\u0406SS", ok=True)
    cli("sources", "add", "ISS", "--side", "russia", ok=True)
    said = cli("confirm", "C-0001", "--by", "\u0406SS", ok=True).stderr
    assert "check that \u0406SS (Institute) is the source meant" in said, said
    # (review) two sources each written in one alphabet (Russia's СВР, the American CBP) are two
    # sources, and not said at each use
    cli("sources", "add", "CBP", "--side", "independent", ok=True)
    cli("sources", "add", "\u0421\u0412\u0420", "--side", "russia", ok=True)
    assert "looks like" not in cli("confirm", "C-0001", "--by", "CBP", ok=True).stderr
    assert "looks like" not in cli("confirm", "C-0001", "--by", "\u0421\u0412\u0420", ok=True).stderr


def test_a_source_whose_last_letter_only_looks_latin_is_warned_of_at_each_use(cli, db):
    """(glyph hunt) 'Ukrain\u0435' and 'DeepStat\u0435' (a Cyrillic \u0435 last) were warned of once, at
    `sources add`; then `add --source`, `edit --source`, `confirm`, `dispute` and `evidence add`
    filed under the look-alike unsaid: a Latin word with a Cyrillic ending (HIMARS\u0430\u0445) was
    no slip, and the look-alike was asked only of a slip. A source's name is not declined: it
    mixes the alphabets, and a name that reads as another source's is said at each use."""
    added = cli("sources", "add", "DeepStat\u0435", "--side", "russia", ok=True).stderr
    assert "the source name 'DeepStat\u0435' mixes Latin and Cyrillic letters (Cyrillic: \u0435)" in added, added
    assert "'DeepStat\u0435' looks like the source 'DeepState'" in added, added
    cli("sources", "add", "Ukrain\u0435", "--side", "russia", "--kind", "official", ok=True)
    add(cli, "Siversk taken", "Russian MoD")
    meant = "check that Ukrain\u0435 is the source meant."
    said = cli("add", "Siversk held", "--source", "Ukrain\u0435", "--on", "2025-12-03", ok=True).stderr
    assert "'Ukrain\u0435' looks like the source 'Ukraine', written with other letters (Cyrillic \u0435): " + meant \
        in said, said
    for args in (["edit", "C-0001", "--source", "Ukrain\u0435"], ["confirm", "C-0001", "--by", "Ukrain\u0435"],
                 ["dispute", "C-0001", "--by", "Ukrain\u0435", "--kind", "statement"],
                 ["evidence", "add", "C-0001", "--by", "Ukrain\u0435", "--stance", "inconclusive"]):
        said = cli(*args, ok=True).stderr
        assert meant in said, (args, said)
    said = cli("confirm", "C-0001", "--by", "DeepStat\u0435", ok=True).stderr
    assert "'DeepStat\u0435' looks like the source 'DeepState'" in said, said
    assert "looks like" not in cli("confirm", "C-0001", "--by", "DeepState", ok=True).stderr
    assert "looks like" not in cli("confirm", "C-0001", "--by", "Ukraine", ok=True).stderr


def test_a_filter_naming_a_source_that_only_looks_like_another_is_warned_of(cli, db):
    """(noticed) `list --source Ukrain\u0435` (a Cyrillic \u0435 last, the look-alike source registered)
    listed that source's claims alone, or said "No claims match.", with no word that the name typed
    is not Ukraine's, as add, confirm and evidence add say it: every filter naming a source
    (--source, --evidence-by) of any listing says it, on stderr; the data is unchanged."""
    cli("sources", "add", "Ukrain\u0435", "--side", "russia", "--kind", "official", ok=True)
    add(cli, "Siversk held", "Ukraine")
    meant = ("'Ukrain\u0435' looks like the source 'Ukraine', written with other letters (Cyrillic \u0435): "
             "check that Ukrain\u0435 is the source meant.")
    for args in (["list", "--source", "Ukrain\u0435"], ["contested", "--source", "Ukrain\u0435"],
                 ["list", "--evidence-by", "Ukrain\u0435", "--format", "csv"],
                 ["export", "--source", "Ukrain\u0435", "--format", "json"]):
        said = cli(*args, ok=True)
        assert said.stderr.count(meant) == 1, (args, said.stderr)
    assert cli("list", "--source", "Ukrain\u0435", "--format", "json", ok=True).stdout.strip() == "[]"
    assert "looks like" not in cli("list", "--source", "Ukraine", ok=True).stderr
    # (review) once a source, however many options and spellings name it
    said = cli("list", "--source", "Ukrain\u0435", "--evidence-by", "Ukrain\u0435", "--source", "ukrain\u0435",
               ok=True).stderr
    assert said.count("looks like the source 'Ukraine'") == 1, said


def test_a_merge_says_a_deleted_claim_it_made_repeat_a_live_one(cli, db):
    """(life-cycle hunt) A deleted claim the merge made the same as a live one was not named (two
    live ones are): `restore` of it was then refused, later, as the same claim as the live one."""
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    add(cli, "Town X taken", "Rybar")
    add(cli, "Town X taken", "Telegram")
    add(cli, "Town Y taken", "Rybar")
    add(cli, "Town Y taken", "Telegram")
    cli("delete", "C-0002", "--yes", ok=True)
    cli("delete", "C-0003", "--yes", ok=True)
    cli("delete", "C-0004", "--yes", ok=True)  # (both deleted: nothing to restore in its way)
    add(cli, "Strike on Kharkiv", "Ukraine")
    for name in ("Telegram", "Rybar"):
        cli("dispute", "C-0005", "--by", name, "--url", "https://t.me/x/1", ok=True)
    result = cli("sources", "merge", "Rybar", "Telegram", "--yes", ok=True)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    # (review: what to act on first; a deleted one's last)
    assert warnings == ["Warning: C-0005 E2 now repeats E1 (the same URL): `claims evidence remove C-0005 E2` if "
                        "they are one report.",
                        "Warning: C-0002, deleted, now repeats C-0001 (the same source, date, place and statement): "
                        "`claims restore C-0002` needs --force while C-0001 is live."], result.stderr
    assert "C-0001" in cli("restore", "C-0002", ok=False).stderr


@pytest.mark.parametrize("args, said, hint", [
    (("Oryx Blog", "Bellingcat"), "would merge Oryx Blog into ISW",
     "To merge Oryx Blog into ISW, name ISW: `claims sources merge 'Oryx Blog' ISW`."),
    (("Bellingcat", "oryx blog"), "would merge ISW into Oryx Blog",
     "To merge ISW into Oryx Blog, name ISW: `claims sources merge ISW 'Oryx Blog'`.")])
def test_a_merge_by_a_merged_name_gives_the_merge_of_the_source_it_now_is(cli, db, args, said, hint):
    """(review) `sources merge "Oryx Blog" Bellingcat`, Bellingcat merged into ISW, was refused with
    "To merge ISW itself, name it: `claims sources merge ISW ...`", a merge of ISW away: the hint
    gives the merge asked for, the merged name replaced by the source it now is."""
    cli("sources", "add", "Bellingcat", "--side", "independent", ok=True)
    cli("sources", "merge", "Bellingcat", "ISW", "--yes", ok=True)
    cli("sources", "add", "Oryx Blog", "--side", "independent", ok=True)
    before = db.read_bytes()
    result = cli("sources", "merge", *args, "--yes", ok=False)
    lines = result.stderr.splitlines()
    assert result.exit_code == 1 and len(lines) == 2 and said in lines[0], result.stderr
    assert lines[1] == hint, result.stderr
    assert db.read_bytes() == before


def test_an_edit_by_the_name_of_a_source_merged_away_is_refused(cli, db):
    """(evidence hunt) `sources edit "Two Majors" --side ukraine` after Two Majors was merged into
    Telegram said "Updated source Telegram (ukraine, ...)": fixing the small channel's side flipped
    the whole collective source and re-evaluated every Telegram claim. `sources add` of the name
    already said it was merged; an edit by it is refused, naming the source to edit."""
    cli("sources", "add", "Two Majors", "--side", "russia", "--kind", "social", ok=True)
    cli("sources", "merge", "Two Majors", "Telegram", "--yes", ok=True)
    before = db.read_bytes()
    for change in (("--side", "ukraine"), ("--grade", "E"), ("--alias", "2 Majors")):
        result = cli("sources", "edit", "two majors", *change, ok=False)
        assert result.exit_code == 1 and result.stderr.splitlines() == [
            "Error: 'two majors' is a name of a source merged into Telegram: by it, `sources edit` would change "
            "Telegram",
            "To edit Telegram itself, name it: `claims sources edit Telegram ...`."], result.stderr
    # (review) and so are a rename and a merge, either way: Telegram's claims would get an independent claimant
    for args, said in ((("rename", "Two Majors", "Two Majors 2"), "`sources rename` would rename Telegram"),
                       (("merge", "Two Majors", "ISW", "--yes"), "`sources merge` would merge Telegram into ISW"),
                       (("merge", "ISW", "Two Majors", "--yes"), "`sources merge` would merge ISW into Telegram")):
        result = cli("sources", *args, ok=False)
        assert result.exit_code == 1 and said in result.stderr and len(result.stderr.splitlines()) == 2, result.stderr
    assert db.read_bytes() == before
    cli("sources", "edit", "Telegram", "--grade", "C", ok=True)  # (by its own name, or an alias of its own)


def test_a_remove_by_the_name_of_a_source_merged_away_says_it_was_merged(cli, db):
    """(hunt) `sources remove "Two Majors"` after its merge into Telegram said "an alias of
    'Telegram'", where rename, edit, merge and `sources show` say a merged name; and the merge's
    warning read "Two Majors's grade D"."""
    cli("sources", "add", "Two Majors", "--side", "russia", "--kind", "social", "--grade", "D", ok=True)
    merged = cli("sources", "merge", "Two Majors", "Telegram", "--yes", ok=True).stderr
    assert "Warning: the grade D of Two Majors is not kept: Telegram keeps its own (none)" in merged, merged
    said = refused(cli, db, "sources", "remove", "Two Majors", words=[
        "Error: 'Two Majors' is a name of a source merged into Telegram, not a source of its own",
        "`claims sources edit --clear-aliases Telegram`"])
    assert "alias of" not in said, said
    refused(cli, db, "sources", "remove", "milbloggers",  # (a real alias stays one)
            words=["Error: 'milbloggers' is an alias of 'Telegram', not a source of its own"])


def test_a_merge_and_a_listing_by_a_merged_name_say_a_possessive_ending_in_s_so(cli, db):
    """(review) "counts as Kherson Partisans's" and "not Two Majors's part alone": a name ending in
    s takes an apostrophe alone."""
    cli("sources", "add", "Two Majors", "--side", "russia", "--kind", "social", ok=True)
    cli("sources", "add", "Kherson Partisans", "--side", "ukraine", "--kind", "social", ok=True)
    merged = cli("sources", "merge", "Two Majors", "Kherson Partisans", "--yes", ok=True).stderr
    assert "what cited it counts as Kherson Partisans' (ukraine)." in merged, merged
    listed = cli("list", "--source", "Two Majors", ok=True).stderr
    assert "not Two Majors' part alone." in listed, listed


def test_a_remove_refused_for_deleted_claims_says_how_to_find_them(cli, db):
    """(new-user pass) `sources show` said 0 claims, and `sources remove` "cited by 1 claim, deleted
    or withdrawn ones included", with no way to find it: the listing that shows them is named."""
    cli("sources", "add", "Ryabar", "--side", "russia", ok=True)
    add(cli, "Town X taken", "Ryabar")
    cli("delete", "C-0001", "--yes", ok=True)
    refused = cli("sources", "remove", "Ryabar", ok=False)
    assert "not in a listing: C-0001 (deleted)" in refused.stderr and len(refused.stderr.splitlines()) == 2
    listed = cli("list", "--deleted", "--source", "Ryabar", "--format", "json", ok=True).json()
    assert [claim["id"] for claim in listed] == ["C-0001"]


def test_hunt_a_merge_says_a_source_now_both_supports_and_disputes_a_claim(cli, db):
    """(hunt) P confirmed a claim and Q disputed it; Q merged into P, P did both, as an evidence
    command warns of, and the merge said nothing."""
    for name in ("P", "Q"):
        cli("sources", "add", name, "--side", "independent", ok=True)
    add(cli, "Russian forces left Siversk", "Ukraine")
    add(cli, "Another claim", "Ukraine")
    cli("confirm", "C-0001", "--by", "P", "--on", "2025-12-08", ok=True)
    cli("dispute", "C-0001", "--by", "Q", "--on", "2025-12-08", ok=True)
    cli("confirm", "C-0002", "--by", "P", "--on", "2025-12-08", ok=True)
    cli("dispute", "C-0002", "--by", "P", "--on", "2025-12-08", ok=True)  # (said when recorded)
    result = cli("sources", "merge", "Q", "P", "--yes", ok=True)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings == [
        "Warning: C-0001: P now both supports it (E1) and disputes it (E2); "
        "`claims evidence remove C-0001 ID` takes back a view it no longer holds."], result.stderr


def test_hunt_clearing_aliases_says_the_merged_names_it_forgets(cli, db):
    """(hunt) --clear-aliases dropped the name of a source merged into this one unsaid: a new source
    could take it, and another desk's file citing it then reaches that one."""
    cli("sources", "add", "Ryabar", "--side", "russia", ok=True)
    cli("sources", "merge", "Ryabar", "Telegram", "--yes", ok=True)
    result = cli("sources", "edit", "Telegram", "--clear-aliases", ok=True)
    assert ("Warning: Ryabar, the name of a source merged into Telegram, is no longer one of its names: a file "
            "citing Ryabar no longer reaches Telegram.") in result.stderr, result.stderr
    cli("sources", "add", "Ryabar2", "--side", "russia", ok=True)
    quiet = cli("sources", "edit", "Telegram", "--clear-aliases", "--alias", "Ryabar2x", ok=True)
    assert "Warning" not in quiet.stderr


def test_sources_list_tells_merged_names_from_aliases(cli, db, monkeypatch):
    """(exploratory test) `sources list` showed DeepState, merged into ISW, as one of ISW's aliases,
    where `sources show` and the listing's JSON keep the merged names apart: the table's Aliases
    say them after the source's own, "merged:" before them."""
    cli("sources", "merge", "DeepState", "ISW", "--yes", ok=True)
    monkeypatch.setenv("CLAIMS_WIDTH", "120")
    table = cli("sources", "list", ok=True).stdout
    lines = table.splitlines()
    at = next(index for index, line in enumerate(lines) if line.startswith("ISW "))
    ends = next(index for index in range(at + 1, len(lines) + 1) if index == len(lines) or lines[index][:1] != " ")
    row = " ".join(" ".join(lines[at:ends]).split())
    assert "Institute for the Study of War; merged: DeepState, DeepStateMap, DeepState UA" in row, table
    assert table.count("merged:") == 1, table  # (a source none was merged into: as it was)
    monkeypatch.setenv("CLAIMS_WIDTH", "72")
    assert all(len(line) <= 72 for line in cli("sources", "list", ok=True).stdout.splitlines())


def test_removing_a_source_says_the_merged_names_it_frees(cli, db):
    """(exploratory test) RX merged into RY, then RY, cited by nothing, removed: RX's name went with
    it unsaid, where --clear-aliases warns that a file citing it no longer reaches the source."""
    cli("sources", "add", "RX", "--side", "russia", "--alias", "RX channel", ok=True)
    cli("sources", "add", "RY", "--side", "russia", ok=True)
    cli("sources", "merge", "RX", "RY", "--yes", ok=True)
    result = cli("sources", "remove", "RY", ok=True)
    assert [line for line in result.stderr.splitlines() if line.startswith("Warning:")] == [
        f"Warning: {name}, the name of a source merged into RY, goes with it: a file citing {name} no longer "
        "reaches a source here." for name in ("RX", "RX channel")], result.stderr
    cli("sources", "add", "RZ", "--side", "russia", "--alias", "RZ2", ok=True)
    assert "Warning" not in cli("sources", "remove", "RZ", ok=True).stderr  # (an alias of its own: no merged name)


def test_hunt_sources_show_counts_the_deleted_claims_a_source_made(cli, db):
    """(hunt) A source whose only claim was deleted showed "0 made", and `sources remove` refused
    it as cited by a claim: nothing on the screen said why."""
    cli("sources", "add", "DelOnly", "--side", "russia", ok=True)
    add(cli, "Village taken", "DelOnly")
    add(cli, "Another village taken", "DelOnly")
    cli("delete", "C-0001", "--yes", ok=True)
    words = " ".join(cli("sources", "show", "DelOnly", ok=True).stdout.split())
    assert "Claims 1 made: 0 confirmed, 0 contested, 0 refuted, 1 unverified; and 1 deleted " in words, words
    data = cli("sources", "show", "DelOnly", "--format", "json", ok=True).json()
    assert (data["claims"], data["claims_deleted"]) == (1, 1)
    assert "deleted" not in " ".join(cli("sources", "show", "ISW", ok=True).stdout.split())


def test_hunt_sources_show_offers_only_the_listings_that_list_something(cli, db):
    """(hunt) `sources show` of a source with no claims and no evidence offered `list --source` and
    `list --evidence-by`, which both answer "No claims match"; its help left out the history."""
    cli("sources", "add", "Quiet", "--side", "independent", ok=True)
    shown = cli("sources", "show", "Quiet", ok=True).stdout
    assert "list --source" not in shown and "list --evidence-by" not in shown, shown
    add(cli, "Village taken", "Quiet")
    shown = cli("sources", "show", "Quiet", ok=True).stdout
    assert "list --source Quiet" in shown and "list --evidence-by" not in shown, shown
    cli("confirm", "C-0001", "--by", "ISW", ok=True)
    assert "list --evidence-by ISW" in cli("sources", "show", "ISW", ok=True).stdout
    assert "its history" in " ".join(cli("sources", "show", "--help", ok=True).stdout.split())


def test_sources_list_shortens_the_grades_before_a_column_gives_way_and_says_which_did(cli, db, monkeypatch):
    """(fix hunt) At 80 columns, with the seed data and a few sources graded, the aliases (the
    names a merge or rename left) gave way with nothing said, beside "B usually reliable": the
    grade's words go first, and a column that still must go is said under the table."""
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    cli("sources", "edit", "AP", "--grade", "E", ok=True)
    cli("sources", "edit", "Black Bird Group", "--grade", "B", ok=True)
    monkeypatch.setenv("CLAIMS_WIDTH", "80")
    table = cli("sources", "list", ok=True).stdout
    assert "Aliases" in table and "usually" not in table and "Too narrow" not in table, table
    monkeypatch.setenv("CLAIMS_WIDTH", "120")  # (room for both: the grade's words stay)
    table = cli("sources", "list", ok=True).stdout
    assert "Aliases" in table and "B usually reliable" in table, table
    monkeypatch.setenv("CLAIMS_WIDTH", "60")
    table = cli("sources", "list", ok=True).stdout
    said = " ".join(table.split())
    assert "Aliases" not in table and "Too narrow for the aliases" in said and "sources show NAME" in said, table
    assert max(len(line) for line in table.splitlines()) <= 60, table


@pytest.mark.parametrize("width", ["40", "72"])
def test_a_narrow_sources_history_is_headed_as_a_sources_history(cli, db, monkeypatch, width):
    """(fix hunt) At 40 columns a source's history was headed "Time (UTC), analyst, action; status,
    detail", a claim's: a source's entries have no status, and their detail is the changes."""
    cli("sources", "add", "Rybar", "--side", "russia", "--grade", "C", ok=True)
    cli("sources", "edit", "Rybar", "--grade", "B", ok=True)
    monkeypatch.setenv("CLAIMS_WIDTH", width)
    said = " ".join(cli("sources", "show", "Rybar", ok=True).stdout.split())
    assert "status" not in said and ("Changes" in said or "changes" in said), said


def test_hunt_a_refused_remove_names_the_citations_no_listing_shows(cli, db):
    """(hunt, review) `sources remove` refused a source cited by a withdrawn item on a deleted claim,
    and advised `list --deleted --source` (or --evidence-by), which both found nothing; `sources
    show` counted neither that item nor the deleted claims' evidence, and offered no listing."""
    cli("sources", "add", "Tmp", "--side", "unknown", ok=True)
    add(cli, "tmp claim", "ISW")
    add(cli, "other claim", "ISW")
    add(cli, "its own claim", "Tmp")
    cli("confirm", "C-0001", "--by", "Tmp", ok=True)
    cli("evidence", "remove", "C-0001", "E1", ok=True)
    cli("delete", "C-0001", "--yes", ok=True)
    cli("confirm", "C-0002", "--by", "Tmp", ok=True)
    cli("evidence", "remove", "C-0002", "E1", ok=True)
    cli("delete", "C-0003", "--yes", ok=True)
    said = cli("sources", "remove", "Tmp", ok=False).stderr
    assert said.splitlines()[1].endswith(
        "; not in a listing: C-0001 (deleted, E1 withdrawn), C-0002 E1 (withdrawn), C-0003 (deleted)"), said
    assert "--evidence-by" not in said
    shown = cli("sources", "show", "Tmp", ok=True).stdout
    words = " ".join(shown.split())
    assert "0 made: 0 confirmed, 0 contested, 0 refuted, 0 unverified; and 1 deleted" in words, words
    assert "withdrawn 1; and 1 on deleted claims" in words, words
    listings = [line.strip() for line in shown.splitlines() if line.strip().startswith("claims list")]
    assert listings == ["claims list --deleted --source Tmp"], shown
    data = cli("sources", "show", "Tmp", "--format", "json", ok=True).json()
    assert data["evidence"]["on_deleted_claims"] == 1


@pytest.mark.parametrize("width", [*range(20, 41), 72, 80, 120])
def test_a_narrow_sources_list_keeps_each_word_of_a_name_whole(cli, db, monkeypatch, width):
    """(fix hunt) At 20 to 28 columns `sources list` cut "Sourc/e", "DeepS/tate", "GeoConfir/med",
    "governmen/t": with the aliases, kind and side given way, the name's room beside the grade and
    claims was under its longest word. There each source is a block, as `list`'s claims are.
    (audit) The aliases' words were checked only where the Aliases column was shown, at none of
    20 to 40 columns: now at widths that show it too, and where it gives way, the caption says so."""
    import re

    cli("import", Path(__file__).parents[1] / "seeds" / "article-2025-12-07.json", ok=True)
    listed = cli("sources", "list", "--format", "json", ok=True).json()
    monkeypatch.setenv("CLAIMS_WIDTH", str(width))
    out = cli("sources", "list", ok=True).stdout
    assert all(len(line) <= width for line in out.splitlines()), out
    words = set(re.findall(r"[\w'-]+", out))
    assert "Source" in words, out
    assert all(word in words for source in listed for word in re.findall(r"[\w'-]+", source["name"])), out
    if width >= 72:  # (room for the aliases beside the rest: ~71 columns for these seeds)
        assert "Aliases" in words, out
        assert any(source["aliases"] for source in listed)
        assert all(word in words for source in listed for alias in source["aliases"]
                   for word in re.findall(r"[\w'-]+", alias)), out
    else:
        assert "Aliases" not in words and "Too narrow for the aliases" in " ".join(out.split()), out


def test_an_unknown_sources_hint_gives_the_command_that_adds_it_with_its_required_side(cli):
    """(article hunt) "add it with `claims sources add`": run so, it asked for --side, and a newcomer
    did not know which sides there are. The hint gives the name, --side and the sides."""
    refused = cli("add", "Russia holds 19.2% of Ukraine", "--source", "The Telegraph", "--on", "2025-12-07", ok=False)
    hint = refused.stderr.splitlines()[-1]
    assert "sources add --side SIDE 'The Telegraph'" in hint, hint
    assert "russia, ukraine, independent or unknown" in hint, hint
    # (review) not for a slip of a known name, or a lookalike: that command would add the duplicate
    for slip in ("Telegarm", "\u0406SW"):
        said = cli("add", "Village X taken", "--source", slip, "--on", "2025-12-07", ok=False).stderr
        assert "--side SIDE" not in said and "add it" not in said and "add a new source with" in said, said
    refused = cli("add", "Village X taken", "--source", "Two; Majors", "--on", "2025-12-07", ok=False).stderr
    assert "sources add" not in refused and "holds no ';'" in refused, refused  # (review: sources add refuses it)


def test_a_side_or_kind_typed_with_letters_that_look_latin_is_read_as_that_choice_but_a_grade_is_refused(cli, db):
    """(tester) `sources add Foo --side "russiа"` (a Cyrillic а) was told it "is not one of: russia,
    ...": a message that contradicts itself. A side or kind whose only difference from a choice is
    letters of another alphabet that look Latin reads as that choice, as a claim ID typed with a
    Cyrillic С does. (review) Not a grade: a Russian or Ukrainian desk's В is its third grade, C,
    and was stored B; it is refused, naming both readings."""
    cli("sources", "add", "Foo", "--side", "russi\u0430", "--kind", "\u043esint", "--grade", "\uff23", ok=True)
    cli("sources", "add", "Bar", "--side", "\uff55\uff4e\uff4b\uff4e\uff4f\uff57\uff4e", ok=True)  # (full-width)
    cli("sources", "edit", "Bar", "--kind", "\u039cEDIA", ok=True)  # (a Greek Μ)
    known = sources(cli)
    assert (known["Foo"]["side"], known["Foo"]["kind"], known["Foo"]["grade"]) == ("russia", "osint", "C")
    assert (known["Bar"]["side"], known["Bar"]["kind"]) == ("unknown", "media")
    said = refused(cli, db, "sources", "edit", "Telegram", "--grade", "\u0412",
                   words=["grade '\u0412' is a Cyrillic letter", "written A-F in Latin letters",
                          "\u0412 is B's look-alike, but the third letter, C, on the Cyrillic scale"])
    assert len(said.strip().splitlines()) == 2, said
    refused(cli, db, "sources", "add", "X", "--side", "russia", "--grade", "\u0412", words=["is a Cyrillic letter"])
    # (a Cyrillic letter that looks like none of the choice's is still refused)
    refused(cli, db, "sources", "add", "Baz", "--side", "russi\u044f", words=["is not one of"])


def test_an_edit_or_merge_that_makes_a_source_graded_d_or_e_count_as_strong_says_so(cli, db):
    """(tester) `confirm` warns when a source graded D or E counts as strong; a `sources edit` of its
    side or grade, or a merge into a source so graded, brought that about unsaid."""
    def warnings(result) -> list[str]:
        return [line for line in result.stderr.splitlines() if line.startswith("Warning:")]

    for text in ("A", "B", "C"):
        add(cli, text, "Russian MoD")
    cli("sources", "add", "Shady", "--side", "russia", "--kind", "social", "--grade", "E", ok=True)
    cli("sources", "add", "Shady2", "--side", "independent", "--kind", "osint", ok=True)
    assert not warnings(cli("confirm", "C-0001", "--by", "Shady", "--on", "2025-12-08", ok=True))  # (weak)
    cli("confirm", "C-0002", "--by", "Shady2", "--on", "2025-12-08", ok=True)
    result = cli("sources", "edit", "Shady", "--side", "independent", ok=True)
    assert "C-0001: unverified → confirmed" in result.stderr
    assert warnings(result) == [
        "Warning: Shady is graded E (unreliable), yet its support counts as strong on C-0001: the rule reads "
        "sides, not grades; `claims assess C-0001 STATUS` if you judge otherwise."], result.stderr
    result = cli("sources", "edit", "Shady2", "--grade", "E", ok=True)
    assert warnings(result) == [
        "Warning: Shady2 is graded E (unreliable), yet its support counts as strong on C-0002: the rule reads "
        "sides, not grades; `claims assess C-0002 STATUS` if you judge otherwise."], result.stderr
    # said once, when it came about: a change that leaves it so says nothing more
    assert not warnings(cli("sources", "edit", "Shady2", "--grade", "D", "--kind", "media", ok=True))
    assert not warnings(cli("sources", "edit", "Shady2", "--grade", "D", ok=True))  # (unchanged)
    assert not warnings(cli("sources", "edit", "Shady2", "--side", "ukraine", ok=True))  # (a concession: strong)
    # a merge: the unknown-side Leaker's weak support is the D-graded Shady2's now, and strong
    cli("sources", "add", "Leaker", "--side", "unknown", ok=True)
    cli("confirm", "C-0003", "--by", "Leaker", "--on", "2025-12-08", ok=True)
    result = cli("sources", "merge", "Leaker", "Shady2", "--yes", ok=True)
    assert "C-0003: unverified → confirmed" in result.stderr
    assert warnings(result) == [
        "Warning: the side of Leaker (unknown) is not kept: what cited it counts as Shady2's (ukraine).",
        "Warning: Shady2 is graded D (not usually reliable), yet its support counts as strong on C-0003: the "
        "rule reads sides, not grades; `claims assess C-0003 STATUS` if you judge otherwise."], result.stderr
    # a source on many claims: the first ones named, and how many more, and where to see them all
    many = [{"text": f"Strike number {number}", "source": "Russian MoD", "claimed_on": "2025-12-01",
             "evidence": [{"source": "Mole", "stance": "disputes", "on": "2025-12-02"}]} for number in range(15)]
    cli("sources", "add", "Mole", "--side", "independent", ok=True)
    cli("import", "-", "--format", "jsonl", input="".join(json.dumps(record) + "\n" for record in many), ok=True)
    result = cli("sources", "edit", "Mole", "--grade", "E", ok=True)
    ids = ", ".join(f"C-{number:04d}" for number in range(4, 9))
    assert warnings(result) == [
        f"Warning: Mole is graded E (unreliable), yet its dispute counts as strong on {ids} and 10 more: `claims "
        "list --evidence-by Mole` lists them; the rule reads sides, not grades; `claims assess ID STATUS` if you "
        "judge otherwise."], result.stderr
    listed = cli("list", "--evidence-by", "Mole", "--format", "json", ok=True).json()
    assert sorted(claim["id"] for claim in listed) == [f"C-{number:04d}" for number in range(4, 19)]


def test_a_source_edit_says_a_d_or_e_source_made_strong_by_the_claimants_change(cli, db):
    """(review) The claimant's new side made the E-graded Shady's support a concession, strong: the
    status line said "strong support from Shady", the grade warning nothing (it read only the
    source edited)."""
    cli("sources", "add", "Shady", "--side", "ukraine", "--kind", "social", "--grade", "E", ok=True)
    cli("sources", "add", "Leaker", "--side", "unknown", "--kind", "social", ok=True)
    cli("add", "Leaker: Russians took X", "--source", "Leaker", "--on", "2025-12-01", ok=True)
    cli("confirm", "C-0001", "--by", "Shady", "--on", "2025-12-02", ok=True)
    result = cli("sources", "edit", "Leaker", "--side", "russia", ok=True)
    assert "C-0001: unverified → confirmed (strong support from Shady)" in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("Warning:")] == [
        "Warning: Shady is graded E (unreliable), yet its support counts as strong on C-0001: the rule reads "
        "sides, not grades; `claims assess C-0001 STATUS` if you judge otherwise."], result.stderr


def test_a_merge_into_a_d_source_says_the_merged_sources_stance_it_now_counts_strong(cli, db):
    """(review) The D-graded Shady supported C-0001 (said then); the merged Leaker disputed it: its
    dispute, now Shady's and strong, went unsaid, as the claim had been said once."""
    cli("sources", "add", "Shady", "--side", "independent", "--grade", "D", ok=True)
    cli("sources", "add", "Leaker", "--side", "independent", ok=True)
    add(cli, "Russians took Kucherivka", "Russian MoD")
    assert "Warning: Shady is graded D" in cli("confirm", "C-0001", "--by", "Shady", "--on", "2025-12-08",
                                              ok=True).stderr
    cli("dispute", "C-0001", "--by", "Leaker", "--on", "2025-12-08", ok=True)
    result = cli("sources", "merge", "Leaker", "Shady", "--yes", ok=True)
    assert [line for line in result.stderr.splitlines() if line.startswith("Warning: Shady is graded")] == [
        "Warning: Shady is graded D (not usually reliable), yet its dispute counts as strong on C-0001: the rule "
        "reads sides, not grades; `claims assess C-0001 STATUS` if you judge otherwise."], result.stderr


# ------------------------------------------------ a change to many claims: one pass, one write

@pytest.fixture
def cited(cli) -> dict:
    """Rybar's claims and evidence among others': what a rename, side change or merge of Rybar
    changes, and what it leaves alone (a deleted claim and a withdrawn item of Rybar's too)."""
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    ids = {
        "made": add(cli, "Russian forces took Kucherivka", "Rybar", "--place", "Kucherivka"),
        "supported": add(cli, "Russian forces took Petrivka", "Russian MoD", "--place", "Petrivka"),
        "disputed": add(cli, "Ukrainian forces held Bohdanivka", "Ukraine", "--place", "Bohdanivka"),
        "other": add(cli, "Strike on Kharkiv", "ISW", "--place", "Kharkiv"),
        "deleted": add(cli, "Russian forces took Stepove", "Rybar", "--place", "Stepove"),
        "withdrawn": add(cli, "Ukrainian forces took Robotyne", "Ukraine", "--place", "Robotyne"),
    }
    cli("confirm", ids["made"], "--by", "GeoConfirmed", "--kind", "footage", ok=True)
    cli("confirm", ids["supported"], "--by", "Rybar", "--kind", "footage", ok=True)
    cli("dispute", ids["disputed"], "--by", "Rybar", "--kind", "statement", ok=True)
    cli("confirm", ids["other"], "--by", "AP", ok=True)
    cli("delete", ids["deleted"], "--yes", ok=True)
    cli("dispute", ids["withdrawn"], "--by", "Rybar", ok=True)
    cli("evidence", "remove", ids["withdrawn"], "E1", "--reason", "misread", ok=True)
    return ids


MANY = {  # (the command, the history entry it gives each claim it changes, the new name)
    "rename": (("sources", "rename", "Rybar", "Rybar Channel"), "source-renamed", "Rybar Channel"),
    "side": (("sources", "edit", "Rybar", "--side", "independent"), "re-evaluated", "Rybar"),
    "merge": (("sources", "merge", "Rybar", "Telegram", "--yes"), "source-merged", "Telegram"),
}


def claim_lines(db: Path) -> dict[str, bytes]:
    """{claim key: its line's JSON} of the file."""
    return dict(line.rstrip(b",").split(b":", 1) for line in db.read_bytes().split(b"\n")[1:]
                if line.startswith(b'"'))


@pytest.mark.parametrize("change", sorted(MANY))
def test_a_change_to_a_sources_claims_reads_each_claim_once_and_writes_once(cli, db, cited, monkeypatch, change):
    """(speed) A merge read every claim twice (again to find the repeats it made), and each change
    read the claims it changed once more to save them: 38,000 of a rename at 100,000 claims."""
    from claims_cli import storage

    parsed = []
    real = storage.ClaimLines._parse
    monkeypatch.setattr(storage.ClaimLines, "_parse", lambda self, *span: parsed.append(span) or real(self, *span))
    cli(*MANY[change][0], ok=True)
    assert len(parsed) == len(set(parsed)) == len(cited), parsed
    assert storage.files_written == 1


@pytest.mark.parametrize("change", sorted(MANY))
def test_a_change_to_a_sources_claims_adds_one_entry_to_each_it_changes_and_leaves_the_rest(cli, db, cited, change):
    """(speed) The claims a rename, side change or merge changes are copied only in part: each keeps
    its history with one entry more, its status recomputed, its other fields as they were; every
    other claim's line is written as it was."""
    from claims_cli.store import ClaimStore
    from claims_cli.verification import evaluate

    command, action, name = MANY[change]
    before = claim_lines(db)
    cli(*command, "--analyst", "olena", ok=True)
    after = claim_lines(db)
    assert after.keys() == before.keys()
    registry = ClaimStore(db).registry()
    changed = set()
    for key, line in after.items():
        old, new = json.loads(before[key]), json.loads(line)
        if line == before[key]:
            assert new["computed_status"] == evaluate(new, registry).status.value
            continue
        changed.add(new["id"])
        assert new["history"][:-1] == old["history"]
        entry = new["history"][-1]
        assert (entry["action"], entry["analyst"], entry["status_before"], entry["status_after"]) == (
            action, "olena", old["status"], new["status"])
        assert new["updated_at"] == entry["at"]
        assert new["computed_status"] == evaluate(new, registry).status.value
        for field in set(old) - {"source", "evidence", "status", "computed_status", "updated_at", "history"}:
            assert new[field] == old[field], field
        assert new["source"] == (name if old["source"] == "Rybar" else old["source"])
        assert [item | {"source": None} for item in new["evidence"]] == [
            item | {"source": None} for item in old["evidence"]]
        assert [item["source"] for item in new["evidence"]] == [
            name if item["source"] == "Rybar" else item["source"] for item in old["evidence"]]
    citing = {cited[what] for what in ("made", "supported", "disputed", "deleted", "withdrawn")}
    if change == "side":  # (only the claims whose status moved: Rybar's footage now independent support)
        assert changed and changed < citing, changed
    else:
        assert changed == citing


@pytest.mark.parametrize("change", sorted(MANY))
def test_a_change_to_a_sources_claims_that_cannot_be_written_leaves_the_database_as_it_was(cli, db, cited,
                                                                                           monkeypatch, change):
    """(speed) The claims changed are copies of what the change modifies: a failed write leaves the
    file, and what a command after it reads, as they were; the change then made again is whole."""
    from test_disk_faults import fail_stage

    cli("list", ok=True)  # (a NAME.bak of the last change)
    before = db.read_bytes()
    backup = db.with_name(db.name + ".bak").read_bytes()
    command = MANY[change][0]
    with monkeypatch.context() as patch:
        fail_stage(patch, db, "write")
        result = cli(*command)
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: could not write database {db}")
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert db.read_bytes() == before and db.with_name(db.name + ".bak").read_bytes() == backup
    done = cli(*command, ok=True)
    assert not done.stderr.startswith("Error") and db.read_bytes() != before
    assert cli("doctor", ok=True).exit_code == 0


@pytest.mark.parametrize("change", sorted(MANY))
def test_a_change_to_a_sources_claims_refuses_a_claim_line_given_twice(cli, db, cited, change):
    """(speed) The index of the lines a change of many claims makes stands for the write's check that
    no key is given twice only when it has a key for each line: a line copied by hand is refused."""
    lines = db.read_bytes().split(b"\n")
    assert lines[2].startswith(b'"2":')
    lines.insert(3, lines[2])
    db.write_bytes(b"\n".join(lines))
    refused(cli, db, *MANY[change][0], words=['line 4 holds the claim record "2" (C-0002) again'])


def test_a_merge_finds_the_repeats_it_made_among_claims_of_one_date_and_place_as_compared(cli, db):
    """(speed) A merge keys the statements only of claims whose date and place a moved claim shares
    with one that did not move: a place written otherwise (case, spaces) is the same place there, as
    duplicate_key has it; another date or place is no repeat, and claims that all moved, or all
    stayed, are none either."""
    for name in ("A1", "A2"):
        cli("sources", "add", name, "--side", "independent", "--kind", "osint", ok=True)
    kept = add(cli, "Strike on Kharkiv", "A1", "--place", "Kharkiv")
    moved = add(cli, "strike  on KHARKIV.", "A2", "--place", " kharkiv ")
    cli("add", "Strike on Kharkiv", "--source", "A2", "--place", "Kharkiv", "--on", "2025-12-06", ok=True)  # (another date)
    add(cli, "Strike on Kharkiv", "A2", "--place", "Kupiansk")  # (another place)
    both = [add(cli, "Strike on Izium", "A2", "--place", "Izium", *force) for force in ((), ("--force",))]
    result = cli("sources", "merge", "A2", "A1", "--yes", ok=True)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings == [f"Warning: {moved} now repeats {kept} (the same source, date, place and statement): "
                        f"`claims delete {moved}` if they are one claim."], (warnings, both)


@pytest.mark.parametrize("command, width, advice", [
    (("contested",), "45", "show ID"), (("unverified",), "45", "show ID"),
    (("sources", "list"), "60", "sources show NAME"), (("report",), "45", "show ID")])
def test_a_narrow_tables_caption_names_the_db_given(cli, db, tmp_path, monkeypatch, command, width, advice):
    """(walkthrough) At 45 columns `claims --db demo.json contested` said "`claims show ID` gives
    them" (and `sources list` at 60 "`claims sources show NAME`"): pasted, they read the default
    database, where the report's own backlog line beside it named demo.json."""
    desk = tmp_path / "desk.json"
    cli("--db", desk, "import", "seeds/article-2025-12-07.json", ok=True)
    monkeypatch.setenv("CLAIMS_WIDTH", width)
    said = "".join(cli("--db", desk, *command, ok=True).stdout.split())  # (a long path folds)
    assert "Toonarrow" in said, said
    assert f"`claims--db{desk}{advice}`".replace(" ", "") in said and f"`claims{advice}`".replace(" ", "") not in said, said


@pytest.mark.parametrize("args", [("Rybar", "Telegram"), ("Telegram", "Rybar"), ("rybar", "telegram")])
def test_a_merge_made_already_says_so(cli, db, args):
    """(sources hunt) The same merge run again (a script run twice) said "'Rybar' is a name of a
    source merged into Telegram: by it, `sources merge` would merge Telegram into Telegram", and
    advised merging Telegram itself into another source: it is done, and said so."""
    cli("sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    cli("sources", "merge", "Rybar", "Telegram", "--yes", ok=True)
    said = refused(cli, db, "sources", "merge", *args, "--yes")
    assert said.splitlines() == [f"Error: '{args[0] if args[0].lower() == 'rybar' else args[1]}' is merged into "
                                 "Telegram already: nothing to merge"], said
    said = refused(cli, db, "sources", "merge", *args)  # (not asked first, either)
    assert "already" in said and "Merge source" not in said, said


def test_a_source_edit_says_what_it_changed(cli, db):
    """(terminal-UX hunt) `sources edit "The Telegraph" --note short` or `--alias Telegraaf` said
    "Updated source The Telegraph (independent, media, grade —)" whatever it changed, where a claim's
    edit says its changes ("place: A → B"). It now says the fields it changed, as the source's
    history does (a long note shortened); one that changes nothing still says "unchanged"."""
    note = ("A British daily newspaper founded in 1855, its war coverage from correspondents in Kyiv and "
            "Kharkiv, often cited by the desk for casualty figures")
    cli("sources", "add", "The Telegraph", "--side", "independent", "--kind", "media", "--note", note, ok=True)
    said = cli("sources", "edit", "The Telegraph", "--note", "short", ok=True).stderr
    assert said == ("Updated source The Telegraph (note: A British daily newspaper founded in 1855, its war "
                    "coverage… → short).\n"), said
    said = cli("sources", "edit", "the telegraph", "--alias", "Telegraaf", "--grade", "B", ok=True).stderr
    assert said == "Updated source The Telegraph (grade: — → B; aliases: — → Telegraaf).\n", said
    said = cli("sources", "edit", "The Telegraph", "--side", "ukraine", "--alias", "Daily Telegraph", ok=True).stderr
    assert said.splitlines()[0] == ("Updated source The Telegraph (side: independent → ukraine; "
                                    "aliases: + Daily Telegraph)."), said
    before = db.read_bytes()
    said = cli("sources", "edit", "The Telegraph", "--note", "short", ok=True).stderr
    assert said == "Source The Telegraph unchanged (ukraine, media, grade B).\n" and db.read_bytes() == before, said


def test_sources_edit_that_drops_only_a_hand_edited_merged_name_says_the_source(cli, db):
    """(review) A merged name a hand edit left among no aliases is dropped by any edit, which then
    records no change: it said "Updated source ISW ()." The source's side, kind and grade instead."""
    cli("init", ok=True)
    data = json.loads(db.read_text())
    record = next(source for source in data["sources"].values() if source["name"] == "ISW")
    record["merged"] = ["Foo"]
    db.write_text(json.dumps(data))
    said = cli("sources", "edit", "ISW", "--side", record["side"], ok=True).stderr.splitlines()
    assert "()" not in said[0] and said[0].startswith(f"Updated source ISW ({record['side']}, "), said


BEHIND = 3 * 86_400 * 10**9  # (a clock 3 days behind, as tests/test_cli_verification.py fakes one)


@pytest.mark.parametrize("command, shown_as, cited", [
    (["sources", "edit", "Src B", "--grade", "B"], "Src B", False),
    (["sources", "rename", "Src B", "Src C"], "Src C", False),
    (["sources", "merge", "Src A", "Src B", "--yes"], "Src B", False),
    (["sources", "rename", "Src B", "Src C"], "Src C", True),
])
def test_a_source_change_on_a_clock_behind_follows_its_history_and_says_so_once(cli, db, monkeypatch, command,
                                                                                 shown_as, cited):
    """(review) A source's own history was stamped by the raw clock: on a clock 3 days behind,
    `sources show` listed the source edited or renamed before it was added. Its entry now follows
    the source's last one, as a claim's does (ledger.next_stamp), and the command warns once, for
    the source and the claims it changed together."""
    from claims_cli import dates

    for name in ("Src A", "Src B"):
        cli("sources", "add", name, "--side", "ukraine", ok=True)
    if cited:
        add(cli, "Russian forces took Y", "Src B")
    real = dates.time_ns
    with monkeypatch.context() as patch:
        patch.setattr(dates, "time_ns", lambda: real() - BEHIND)
        done = cli(*command, ok=True)
    history = cli("sources", "show", shown_as, "--format", "json", ok=True).json()["history"]
    stamps = [entry["at"] for entry in history]
    assert stamps == sorted(stamps) and history[-1]["action"] != "added", history
    assert done.stderr.count("Warning: this machine's clock (") == 1, done.stderr
    whose = f"the history of source {shown_as} and 1 claim" if cited else f"source {shown_as}'s history"
    assert f" is 3 days behind {whose}: " in done.stderr, done.stderr
    if cited:
        stamps = [entry["at"] for entry in show(cli, "C-0001")["history"]]
        assert stamps == sorted(stamps), stamps


@pytest.mark.parametrize("claim_too", [False, True])
def test_an_import_on_a_clock_behind_stamps_a_source_s_entry_after_its_history_and_says_so_once(
        cli, db, tmp_path, monkeypatch, claim_too):
    """(review) The `imported` entry an import adds to a source's history was stamped by the raw
    clock: on a clock 3 days behind, it came before the source's own `added`, and `claims doctor`
    named it out of order. It follows the source's last entry now, as `sources edit`'s does (and
    as the import's claim entries do), and the import warns once, for the source and claims alike."""
    from claims_cli import dates

    cli("sources", "add", "Src B", "--side", "ukraine", ok=True)
    claim = {"text": "Village taken", "source": "Src B", "claimed_on": "2025-12-01", "ref": "k1"}
    cli("import", write_lines(tmp_path, "first.jsonl", [claim]), ok=True)
    lines = [{"type": "source", "name": "Src B", "side": "ukraine", "kind": "other", "aliases": [], "grade": "B",
              "note": None}]
    if claim_too:
        lines.append({**claim, "note": "seen again"})
    path = write_lines(tmp_path, "again.jsonl", lines)
    real = dates.time_ns
    with monkeypatch.context() as patch:
        patch.setattr(dates, "time_ns", lambda: real() - BEHIND)
        dry = cli("import", path, "--on-duplicate", "update", "--dry-run", ok=True)
        done = cli("import", path, "--on-duplicate", "update", ok=True)
    assert "this machine's clock" not in dry.stderr, dry.stderr  # (a dry run stamps nothing)
    history = source_history(cli, "Src B")
    stamps = [entry["at"] for entry in history]
    assert [entry["action"] for entry in history] == ["added", "imported"] and stamps == sorted(stamps), history
    assert done.stderr.count("Warning: this machine's clock (") == 1, done.stderr
    whose = "the history of source Src B and 1 claim" if claim_too else "source Src B's history"
    assert f" is 3 days behind {whose}: " in done.stderr, done.stderr
    if claim_too:
        stamps = [entry["at"] for entry in show(cli, "C-0001")["history"]]
        assert len(stamps) == 2 and stamps == sorted(stamps), stamps
    assert cli("doctor", "--format", "json", ok=True).json()["database"]["problems"] == []


def write_lines(tmp_path: Path, name: str, lines: list[dict]) -> Path:
    """A JSON Lines file of `lines` in `tmp_path`."""
    path = tmp_path / name
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_a_rename_to_the_other_partys_source_offers_no_merge(cli, db):
    """(analyst pass) `sources rename "Two Majors" "General Staff"`, refused as the name is
    Ukraine's, offered `sources merge 'Two Majors' Ukraine`: a Russian milblogger's claims made the
    Ukrainian General Staff's, which the rule would then read as Ukraine's own word. Between the two
    parties' sources the refusal offers another name, saying whose the name is; between others
    (an independent source's typo) the merge is still offered."""
    cli("sources", "add", "Two Majors", "--side", "russia", "--kind", "social", ok=True)
    add(cli, "Russian forces took Rodynske", "Two Majors")
    said = refused(cli, db, "sources", "rename", "Two Majors", "General Staff",
                   words=["'General Staff' already names the source 'Ukraine'"])
    assert "sources merge" not in said, said
    assert said.splitlines()[1] == "Give it another name: Ukraine is on the ukraine side, Two Majors on the russia side.", said


def test_a_merge_asks_saying_no_command_undoes_it(cli, db):
    """(analyst pass) A merge's question did not say it cannot be taken back: the merged name is
    taken for good (`sources add` of it is refused) and no command splits the source again."""
    cli("sources", "add", "Rybr", "--side", "russia", "--kind", "social", ok=True)
    result = cli("sources", "merge", "Rybr", "Telegram", input="n\n")
    assert result.exit_code == 0 and "no command undoes a merge" in result.stderr, result.stderr
    assert "Rybr" in sources(cli)
