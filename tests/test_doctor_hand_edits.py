"""Hand edits that leave the file valid JSON but a record unreadable (a list where a status was,
a key deleted, a number where text was): `claims doctor` names the record and field and still
restores the backup, and every other command says the database is damaged, never an internal error."""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from pathlib import Path

import orjson
import pytest

from claims_cli.errors import shown
from tests.test_doctor import COMMANDS, SEED, build, doctor_json


@pytest.fixture
def built(cli, db) -> Path:
    build(cli)
    return db


def edit_line(db: Path, key: str, change) -> bytes:
    """Hand-edit one claim on its own line, keeping the store's one-claim-per-line layout (as
    `sed -i` would); returns the file's new bytes."""
    lines = db.read_bytes().split(b"\n")
    head = f'"{key}":'.encode()
    (index,) = [number for number, line in enumerate(lines) if line.startswith(head)]
    body = lines[index][len(head):]
    comma = body.endswith(b",")
    claim = orjson.loads(body[:-1] if comma else body)
    change(claim)
    lines[index] = head + orjson.dumps(claim) + (b"," if comma else b"")
    raw = b"\n".join(lines)
    db.write_bytes(raw)
    return raw


def check_plain_error(result, raw: bytes, db: Path) -> None:
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert lines and lines[0].startswith("Error: ") and 1 <= len(lines) <= 2, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == raw


def _set(field, value):
    return lambda claim: claim.__setitem__(field, value)


def _set_evidence(field, value):
    return lambda claim: claim["evidence"][0].__setitem__(field, value)


def _set_history(field, value):
    return lambda claim: claim["history"][0].__setitem__(field, value)


UNHASHABLE = {
    # (the change to C-0001, which has one evidence item; words the doctor's problem holds)
    "status-list": (_set("status", []), "status"),
    "source-list": (_set("source", []), "source"),
    "source-object": (_set("source", {}), "source"),
    "computed-status-list": (_set("computed_status", []), "computed_status"),
    "category-list": (_set("category", []), "category"),
    "stance-list": (_set_evidence("stance", []), "stance"),
    "evidence-id-list": (_set_evidence("id", []), "id"),
    "history-status-before": (_set_history("status_before", []), "status_before"),
    "history-status-after": (_set_history("status_after", {}), "status_after"),
    "assessment-status-list": (_set("assessment", {"status": []}), "assessment"),
}


@pytest.mark.parametrize("case", sorted(UNHASHABLE))
def test_doctor_names_a_value_that_cannot_be_hashed_and_restores_the_backup(cli, built, case):
    change, field = UNHASHABLE[case]
    report = named_then_restored(cli, built, change)
    problems = [problem for problem in report["database"]["problems"] if problem["where"].startswith("C-0001")]
    assert problems and any(field in problem["message"] for problem in problems), problems


def named_then_restored(cli, built: Path, change) -> dict:
    """Make `change` to C-0001 by hand; doctor finds the file damaged and leaves it so, and its
    backup restores; returns doctor's JSON report of the damaged file."""
    good = built.with_name(built.name + ".bak").read_bytes()
    raw = edit_line(built, "1", change)
    result = cli("doctor", "--format", "json")
    assert result.exit_code == 1, result.stderr
    assert built.read_bytes() == raw
    restored = cli("doctor", "--restore-backup")
    assert restored.exit_code == 0, restored.stderr
    assert built.read_bytes() == good
    return json.loads(result.stdout)


def commands_refuse_plainly(cli, built: Path, change, commands) -> None:
    """Each command, on the file with `change` made to C-0001 by hand, works or refuses plainly."""
    original = built.read_bytes()
    for args in commands:
        built.write_bytes(original)
        raw = edit_line(built, "1", change)
        result = cli(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
        if result.exit_code:
            check_plain_error(result, raw, built)  # (a plain user error too: `restore` of a live claim)


@pytest.mark.parametrize("case", sorted(UNHASHABLE))
def test_commands_on_a_value_that_cannot_be_hashed_say_the_database_is_damaged(cli, built, case):
    commands_refuse_plainly(cli, built, UNHASHABLE[case][0], COMMANDS)


def _drop(field):
    return lambda claim: claim.pop(field)


def _drop_evidence(field):
    return lambda claim: claim["evidence"][0].pop(field)


INCOMPLETE = {
    # (the change to C-0001, which has one evidence item; words the doctor's problem holds)
    "no-history": (_drop("history"), "history"),
    "no-evidence": (_drop("evidence"), "evidence"),
    "no-updated-at": (_drop("updated_at"), "updated_at"),
    "no-evidence-id": (_drop_evidence("id"), "id"),
    "no-evidence-date": (_drop_evidence("on"), "on"),
    "evidence-date-no-day": (_set_evidence("on", "soon"), "on"),
    "place-number": (_set("place", 5), "place"),
    "note-list": (_set("note", ["x"]), "note"),
    "updated-at-number": (_set("updated_at", 5), "updated_at"),
    "created-at-null": (_set("created_at", None), "created_at"),
    "deleted-at-number": (_set("deleted_at", 5), "deleted_at"),
    "evidence-url-number": (_set_evidence("url", 5), "url"),
    "evidence-note-number": (_set_evidence("note", 5), "note"),
    "evidence-kind-list": (_set_evidence("kind", []), "kind"),
    "assessment-note-number": (_set("assessment", {"status": "contested", "note": 5,
                                                   "analyst": "tester", "at": "2025-12-03T10:00:00Z"}), "note"),
}


@pytest.mark.parametrize("case", sorted(INCOMPLETE))
def test_doctor_names_a_record_missing_a_field_or_holding_one_of_the_wrong_kind(cli, built, case):
    """Fields the commands read as they are (`claim["history"]`, an evidence item's "id" and "on",
    text where text belongs): the doctor said healthy, and the commands stopped on an internal error."""
    change, field = INCOMPLETE[case]
    report = named_then_restored(cli, built, change)
    problems = [problem for problem in report["database"]["problems"] if problem["where"].startswith("C-0001")]
    assert problems[0]["kind"] == "bad-record" and field in problems[0]["message"], problems
    assert "--restore-backup" in report["advice"][0] and "by hand" in report["advice"][1]


@pytest.mark.parametrize("case", sorted(INCOMPLETE))
def test_commands_on_a_record_missing_a_field_say_the_database_is_damaged(cli, built, case):
    commands_refuse_plainly(cli, built, INCOMPLETE[case][0],
                            [*COMMANDS, ["contested", "--format", "json"], ["report", "--format", "html"]])


@pytest.mark.parametrize("version", [b"0", b"true", b"-1", b"1.0", b'"1"', b"null"])
def test_a_schema_version_that_is_no_positive_whole_number_is_refused_by_every_command_and_doctor(
        cli, built, version):
    """0 read as a new database to the commands (no claims; `add` then stopped on an internal error),
    `true` as version 1 (a bool is an int to Python), while doctor refused them or said healthy."""
    raw = built.read_bytes().replace(b'"schema_version":1', b'"schema_version":' + version, 1)
    assert raw != built.read_bytes()
    built.write_bytes(raw)
    for args in COMMANDS:
        result = cli(*args)
        check_plain_error(result, raw, built)
        assert "schema_version" in result.stderr and "claims doctor" in result.stderr, (args, result.stderr)
    result = cli("doctor", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["database"]["problems"]
    assert [problem["kind"] for problem in problems] == ["not-claims"], problems
    assert "schema_version" in problems[0]["message"]
    if version == b"0":
        assert "0 is not" in problems[0]["message"]
    assert built.read_bytes() == raw


def _lines_of(raw: bytes) -> list[bytes]:
    lines = raw.split(b"\n")
    assert [line[:4] for line in lines[1:4]] == [b'"1":', b'"2":', b'"3":']
    return lines


def _join(lines: list[bytes]) -> bytes:
    return b"\n".join(lines)


def _comma_moved(lines):
    lines[1] = lines[1][:-1]
    lines[2] = b"," + lines[2]
    return lines


def _two_joined(lines):
    lines[1:3] = [lines[1] + lines[2]]
    return lines


RELAID = {
    # The file is still valid JSON, the same data, but not laid out as the store writes it.
    "blank-line": lambda lines: [*lines[:2], b"", *lines[2:]],
    "trailing-space": lambda lines: [*lines[:1], lines[1] + b" ", *lines[2:]],
    "indented": lambda lines: [*lines[:3], b"  " + lines[3], *lines[4:]],
    "two-on-one-line": _two_joined,
    "comma-moved": _comma_moved,
}


@pytest.fixture(params=sorted(RELAID))
def relaid(request, built) -> bytes:
    raw = _join(RELAID[request.param](_lines_of(built.read_bytes())))
    assert orjson.loads(raw) == orjson.loads(built.read_bytes())
    built.write_bytes(raw)
    return raw


def test_a_file_laid_out_otherwise_by_hand_is_refused_with_the_way_out(cli, built, relaid):
    for args in COMMANDS:
        result = cli(*args)
        if result.exit_code == 0:  # (one that reads no claim, or only one on a line of its own)
            assert args[0] in ("categories", "show", "history"), args
            assert built.read_bytes() == relaid
            continue
        check_plain_error(result, relaid, built)
        if args[0] != "restore":  # (C-0003 is not deleted: said before anything is written)
            assert "claims doctor" in result.stderr, (args, result.stderr)
    check_plain_error(cli("list"), relaid, built)
    shown = cli("edit", "C-0003", "--place", "Elsewhere")  # (it exists: not "no claim C-0003")
    check_plain_error(shown, relaid, built)
    assert "no claim" not in shown.stderr and "--relayout" in shown.stderr, shown.stderr


def test_doctor_finds_a_file_laid_out_otherwise_and_relayout_rewrites_it_losing_nothing(cli, built, relaid):
    result = cli("doctor", "--format", "json")
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert [problem["kind"] for problem in report["database"]["problems"]] == ["layout"], report
    assert "one claim per line" in report["database"]["problems"][0]["message"]
    assert "claims doctor --relayout" in report["advice"][0]
    assert built.read_bytes() == relaid
    text = cli("doctor")
    assert text.exit_code == 1 and "--relayout" in text.stderr
    done = cli("doctor", "--relayout")
    assert done.exit_code == 0, done.stderr
    assert "The database is healthy." in done.stdout
    assert orjson.loads(built.read_bytes()) == orjson.loads(relaid)
    assert built.with_name(built.name + ".bak").read_bytes() == relaid  # (kept, as every write keeps it)
    assert len(cli("list", "--format", "json", ok=True).json()) == 3
    cli("edit", "C-0003", "--place", "Elsewhere", ok=True)


def test_relayout_refuses_a_database_it_need_not_rewrite_and_changes_nothing(cli, built):
    files = {path.name: path.read_bytes() for path in built.parent.iterdir() if path.is_file()}
    result = cli("doctor", "--relayout")
    check_plain_error(result, built.read_bytes(), built)
    assert "the commands read it as it is" in result.stderr
    assert {path.name: path.read_bytes() for path in built.parent.iterdir() if path.is_file()} == files


@pytest.mark.parametrize("spoil", [
    lambda raw: raw[:-10],  # truncated: not JSON
    lambda raw: raw.replace(b'"schema_version":1', b'"schema_version":99'),  # a newer claims
    lambda raw: raw.replace(b'"schema_version":1', b'"schema_version":0'),
    lambda raw: raw.replace(b'{"id":"C-0002"', b'{"text":"x","id":"C-0002"', 1).replace(b"\n", b"\n\n", 2),
])
def test_relayout_refuses_a_file_it_cannot_rewrite_without_loss(cli, built, spoil):
    raw = spoil(built.read_bytes())
    built.write_bytes(raw)
    backup = built.with_name(built.name + ".bak").read_bytes()
    result = cli("doctor", "--relayout")
    check_plain_error(result, raw, built)
    assert built.with_name(built.name + ".bak").read_bytes() == backup


def test_relayout_refuses_a_file_in_no_line_layout_at_all_which_the_commands_read(cli, built):
    """(review) A file of one line or pretty-printed (TinyDB's own layout, a `jq`): the commands read
    it whole, so --relayout refuses it, keeping NAME.bak; the next change lays it out."""
    data = orjson.loads(built.read_bytes())
    backup = built.with_name(built.name + ".bak").read_bytes()
    for raw in (orjson.dumps(data), orjson.dumps(data, option=orjson.OPT_INDENT_2)):
        built.write_bytes(raw)
        check_plain_error(cli("doctor", "--relayout"), raw, built)
        assert built.with_name(built.name + ".bak").read_bytes() == backup
    cli("edit", "C-0001", "--note", "laid out by a change", ok=True)
    assert built.read_bytes().count(b"\n") == 5


def test_relayout_refuses_a_file_with_damaged_records_too_and_doctor_offers_the_restore_first(cli, built):
    """(review) A file laid out otherwise and with a damaged record: doctor offered --relayout first
    ("nothing in it is lost"), and the rewrite made NAME.bak the damaged file, the one good copy gone."""
    edit_line(built, "2", _set("status", ["contested"]))
    raw = built.read_bytes().replace(b"\n", b"\n\n", 2)
    built.write_bytes(raw)
    backup = built.with_name(built.name + ".bak").read_bytes()
    result = cli("doctor", "--relayout")
    check_plain_error(result, raw, built)
    assert "damaged records too" in result.stderr
    assert built.with_name(built.name + ".bak").read_bytes() == backup
    advice = cli("doctor", "--format", "json").json()["advice"]
    assert "--restore-backup" in advice[0] and not any("--relayout" in step for step in advice), advice


def test_review_damage_past_the_listed_problems_still_stops_relayout_and_file_problems_keep_their_words(cli, db):
    """(review) Doctor lists 50 problems: a bad record after 55 date slips was unseen, so doctor
    offered no restore and --relayout rewrote the file, the good NAME.bak gone. And a file the
    rewrite cannot read (newer, empty) was told it had damaged records and to restore the backup."""
    rows = "text,source,claimed_on\n" + "".join(f"Claim {n},ISW,2025-12-01\n" for n in range(60))
    path = db.parent / "many.csv"
    path.write_text(rows)
    cli("import", path, ok=True)
    cli("edit", "C-0001", "--note", "an edit, so that NAME.bak is kept", ok=True)
    backup = db.with_name(db.name + ".bak").read_bytes()
    db.write_bytes(db.read_bytes().replace(b'"claimed_on":"2025-12-01"', b'"claimed_on":"0205-12-01"', 55))
    raw = edit_line(db, "56", _set("status", "bogus")).replace(b"\n", b"\n\n", 2)
    db.write_bytes(raw)
    result = cli("doctor", "--relayout")
    check_plain_error(result, raw, db)
    assert db.with_name(db.name + ".bak").read_bytes() == backup
    advice = cli("doctor", "--format", "json").json()["advice"]
    assert "--restore-backup" in advice[0], advice
    db.write_bytes(raw.replace(b'"schema_version":1', b'"schema_version":99'))
    newer = cli("doctor", "--relayout")
    assert newer.exit_code == 1 and "damaged records" not in newer.stderr and "restore" not in newer.stderr, newer.stderr


def test_a_table_set_to_null_is_named_as_the_commands_refuse_it(cli, built):
    """(review) `"claims": null` made every command refuse the file ("the claims table is not a set
    of records") while doctor called it healthy."""
    raw = built.read_bytes()
    for table in ("claims", "sources"):
        nulled = orjson.loads(raw)
        nulled[table] = None
        built.write_bytes(orjson.dumps(nulled))
        assert "not a set of records" in cli("list").stderr
        result = cli("doctor", "--format", "json")
        assert result.exit_code == 1, result.stdout
        assert any(problem["kind"] == "bad-table" and problem["where"] == table
                   for problem in result.json()["database"]["problems"]), result.stdout


def _edit_source(name: str, field: str, value):
    def change(data: dict) -> None:
        (doc,) = [doc for doc in data["sources"].values() if doc["name"] == name]
        doc[field] = value
    return change


def _edit_meta(field: str, value):
    def change(data: dict) -> None:
        (meta,) = data["meta"].values()
        meta[field] = value
    return change


REGISTRY_EDITS = {
    "aliases-text": _edit_source("Russian MoD", "aliases", "MoD"),
    "side-off-scale": _edit_source("ISW", "side", "mars"),
    "kind-null": _edit_source("ISW", "kind", None),
    "grade-off-scale": _edit_source("ISW", "grade", "Z"),
    "merged-number": _edit_source("ISW", "merged", 5),
    "categories-null": _edit_meta("categories", None),
    "categories-text": _edit_meta("categories", "territorial"),
}


@pytest.mark.parametrize("case", sorted(REGISTRY_EDITS))
def test_a_hand_edited_source_or_category_list_is_refused_before_any_write(cli, built, case):
    """(help hunt) With `"aliases": "MoD"` `list --source M` found the Russian MoD's claims (the
    string's letters read as aliases); a side "mars" or categories null let `add` write the
    damage on, so NAME.bak held it too and could not be restored. The registry is read whole by
    every command that names a source, so it is checked whole: every such command refuses, plainly."""
    data = orjson.loads(built.read_bytes())
    REGISTRY_EDITS[case](data)
    built.write_bytes(orjson.dumps(data))
    raw = built.read_bytes()
    for args in (["add", "Russian forces took Bakhmut", "--source", "ISW", "--on", "2025-12-03"],
                 ["confirm", "C-0002", "--by", "ISW"], ["edit", "C-0001", "--place", "Elsewhere"]):
        result = cli(*args)
        check_plain_error(result, raw, built)
        assert "claims doctor" in result.stderr, (args, result.stderr)
    found = cli("list", "--source", "M", "--format", "json")  # (no claim found by one letter of an alias)
    check_plain_error(found, raw, built)
    assert found.stdout == ""
    report = cli("doctor", "--format", "json")
    assert report.exit_code == 1 and any(problem["kind"] == "bad-record" for problem in
                                         report.json()["database"]["problems"]), report.stdout


@pytest.mark.parametrize("carried, said", [
    (["note"], "edited_at must give each field's time"),
    ("x", "edited_at must give each field's time"),
    ({"note": "yesterday"}, "edited_at note 'yesterday' is not a time"),
    ({"note": 5}, "edited_at note 5 is not a time"),
    ({"note": "2099-01-01T00:00:00Z"}, "edited_at note 2099-01-01T00:00:00Z is in the future"),
])
def test_doctor_names_a_hand_edited_edited_at(cli, built, carried, said):
    """(last hunt) doctor called such a file healthy, while its export was refused on import, and a
    bad time there ("yesterday", 2099) counted as newer than any edit, so updates never came."""
    def change(claim):
        claim["history"].append({"at": claim["history"][-1]["at"], "analyst": "kim", "action": "imported",
                                 "status_before": claim["status"], "status_after": claim["status"],
                                 "changes": {"note": [None, "n"]}, "edited_at": carried})
    edit_line(built, "1", change)
    report = cli("doctor", "--format", "json")
    assert report.exit_code == 1, report.stdout
    messages = [problem["message"] for problem in report.json()["database"]["problems"]]
    assert any(said in message for message in messages), messages


@pytest.mark.parametrize("command", [["confirm", "C-0002", "--by", "ISW"], ["edit", "C-0002", "--add-tag", "q"],
                                     ["delete", "C-0002", "--yes"], ["assess", "C-0002", "refuted"]])
def test_a_claim_record_holding_another_claims_id_is_refused_not_written_over_that_claim(cli, built, command):
    """(doctor hunt) Record 2 edited by hand to say C-0001: `confirm C-0002` read record 2 and saved
    it by its ID, over C-0001, whose claim and evidence were lost, and the next write took the
    backup too. A claim is written only where it was read, under its own ID."""
    raw = edit_line(built, "2", _set("id", "C-0001"))
    check_plain_error(cli(*command), raw, built)
    assert "claims doctor" in cli(*command).stderr


def test_a_stance_the_rule_does_not_know_counts_for_nothing(cli, built):
    """(doctor hunt) A hand edit's stance 'support' (meant as support) was weighed as a dispute: an
    edit of another field then stored the claim as refuted."""
    from claims_cli.models import DEFAULT_SOURCES, SourceRegistry
    from claims_cli.verification import weigh

    assert weigh("support", "ISW", "Russian MoD", SourceRegistry(DEFAULT_SOURCES)).strength == "none"


def test_a_stance_the_rule_does_not_know_is_counted_by_no_export(cli, built):
    """(review) The CSV export counted a hand edit's 'support' as a weak dispute, the rule nothing."""
    raw = edit_line(built, "1", _set_evidence("stance", "support"))
    row = next(line for line in cli("export", "--format", "csv", ok=True).stdout.splitlines() if line.startswith("C-0001"))
    assert ",0,0,0,0,,," in row, row
    assert built.read_bytes() == raw


def test_a_claim_id_written_otherwise_of_its_own_number_still_works(cli, built):
    """(review) 'C-1' for C-0001 (doctor calls it healthy) locked the claim: every command said
    the record held another ID."""
    edit_line(built, "1", _set("id", "C-1"))
    cli("show", "C-0001", ok=True)
    cli("confirm", "C-0001", "--by", "ISW", ok=True)


def test_a_claim_id_stored_with_letters_that_only_look_like_its_own_is_said_by_doctor(cli, built):
    """(review) An ID stored by hand as "C-0001" and a zero-width space, or in full-width forms
    (Ｃ-0002), passed doctor as healthy, read as the claim's own, while list and export print it as
    stored: a search or a script for C-0001 does not find it. So did one with a Cyrillic С. Doctor
    names each (bad-id); an ASCII form of its number (C-1) is healthy, as before."""
    edit_line(built, "1", _set("id", "C-0001\u200b"))
    edit_line(built, "2", _set("id", "\uff23-0002"))
    edit_line(built, "3", _set("id", "\u0421-0003"))
    _, report = doctor_json(cli, ok=False)
    problems = [(problem["kind"], problem["where"], problem["message"]) for problem in report["database"]["problems"]]
    assert problems == [
        ("bad-id", "C-0001", "the claim's ID is stored as 'C-0001\\u200b', not C-0001"),
        ("bad-id", "C-0002", "the claim's ID is stored as '\uff23-0002', not C-0002 (its \uff23 is fullwidth latin "
                             "capital letter c)"),
        ("bad-id", "C-0003", "the claim's ID is stored as '\u0421-0003', not C-0003 (its \u0421 is cyrillic capital "
                             "letter es)")], problems
    for key in ("1", "2", "3"):
        edit_line(built, key, _set("id", f"C-000{key}"))
    assert doctor_json(cli, ok=True)[1]["database"]["healthy"]


def _rekeyed(db: Path, table: str, old: str, new: str) -> bytes:
    """A record moved to another key of its table, as a script inserting with TinyDB's own
    `insert` or a hand edit does (the file then is JSON without the store's line layout)."""
    data = json.loads(db.read_bytes())
    data[table][new] = data[table].pop(old)
    raw = json.dumps(data).encode()
    db.write_bytes(raw)
    return raw


def test_a_claim_stored_under_another_number_is_said_so_by_show(cli, built):
    """`list` shows C-0002 (its record says so); `show C-0002` said "no claim C-0002 ... `claims
    list` shows the IDs". And doctor said the counter's next ID was taken when it is not."""
    raw = _rekeyed(built, "claims", "2", "7")
    shown = cli("show", "C-0002", ok=False)
    check_plain_error(shown, raw, built)
    assert shown.stderr.splitlines()[0] == f"Error: database {built} is damaged: claim C-0002 is stored under number 7"
    doctor = cli("doctor", "--format", "json", ok=False).json()
    problems = [problem["message"] for problem in doctor["database"]["problems"]]
    assert "the claim is stored under number '7', not 2" in problems
    counter = [problem for problem in problems if "next_claim" in problem]
    assert counter and "taken" not in counter[0] and "7" in counter[0], counter


def test_a_source_stored_under_a_key_that_is_no_number_is_refused_by_its_writes(cli, built):
    """TinyDB numbers its records: a source under 'x9' made `sources edit` and `sources add` an
    internal error (int('x9')), while doctor called the file healthy."""
    data = json.loads(built.read_bytes())
    key = next(key for key, doc in data["sources"].items() if doc["name"] == "ISW")
    raw = _rekeyed(built, "sources", key, "x9")
    for command in (("sources", "edit", "ISW", "--grade", "C"), ("sources", "add", "Bar", "--side", "russia"),
                    ("sources", "rename", "ISW", "Institute"), ("sources", "merge", "ISW", "AP", "--yes")):
        refused = cli(*command, ok=False)
        check_plain_error(refused, raw, built)
        assert "source 'ISW' is stored under 'x9', not a number" in refused.stderr
    doctor = cli("doctor", "--format", "json", ok=False).json()
    assert any(problem["message"] == "the source is stored under 'x9', not a number"
               for problem in doctor["database"]["problems"]), doctor


def edit_first_line(db: Path, change) -> bytes:
    """Hand-edit the tables of the first line (meta and sources), the claim lines below left as they
    are (as an editor, or a script reading that line alone, does); returns the file's new bytes."""
    first, rest = db.read_bytes().split(b"\n", 1)
    opening = b',"claims":{'
    assert first.endswith(opening), first[-40:]
    tables = orjson.loads(first[:-len(opening)] + b"}")
    change(tables)
    raw = orjson.dumps(tables)[:-1] + opening + b"\n" + rest
    db.write_bytes(raw)
    return raw


def _reuters_key(db: Path) -> str:
    return next(key for key, doc in orjson.loads(db.read_bytes())["sources"].items() if doc["name"] == "Reuters")


# A key of the meta or sources table that reads as the number of another (TinyDB reads a table's keys
# with int(): "01", " 1" and "+1" are all 1, and a change of the table keeps the later record alone):
# (the change, what a write says, what doctor says and where)
KEYS_READ_AS_ONE = {
    "meta-01": (lambda tables: tables["meta"].__setitem__("01", {"a": 1}),
                "the meta table holds a record under '01', the same number as '1'",
                "meta", "a record is stored under '01', the same number as '1'"),
    "meta-spaced": (lambda tables: tables["meta"].__setitem__(" 1", {"a": 1}),
                    "the meta table holds a record under ' 1', the same number as '1'",
                    "meta", "a record is stored under ' 1', the same number as '1'"),
    "meta-plus-first": (lambda tables: tables.__setitem__("meta", {"+1": {"a": 1}, **tables["meta"]}),
                        "the meta table holds a record under '+1', the same number as '1'",
                        "meta", "a record is stored under '+1', the same number as '1'"),
    # (the order `jq -S` gives: the key not in the store's form is named, not the settings' "1")
    "meta-01-first": (lambda tables: tables.__setitem__("meta", {"01": {"a": 1}, **tables["meta"]}),
                      "the meta table holds a record under '01', the same number as '1'",
                      "meta", "a record is stored under '01', the same number as '1'"),
    "sources-07-first": (lambda tables: tables.__setitem__("sources", {"07": {
                             "name": "Hand Added", "side": "independent", "kind": "media", "aliases": []},
                             **tables["sources"]}),
                         "source 'Hand Added' is stored under '07', the same number as '7' (source 'Reuters')",
                         "source 'Hand Added'", "the source is stored under '07', the same number as '7' (the "
                                                "source 'Reuters')"),
    "sources-07": (lambda tables: tables["sources"].__setitem__("07", {
                       "name": "Hand Added", "side": "independent", "kind": "media", "aliases": []}),
                   "source 'Hand Added' is stored under '07', the same number as '7' (source 'Reuters')",
                   "source 'Hand Added'", "the source is stored under '07', the same number as '7' (the source "
                                          "'Reuters')"),
}


@pytest.mark.parametrize("case", sorted(KEYS_READ_AS_ONE))
def test_two_keys_of_a_table_that_read_as_one_number_are_named_and_refused_by_every_write(cli, built, case):
    """(crash-safety hunt) A meta record pasted under "01" beside the settings' "1": doctor said
    healthy, then `add` wrote meta as {"1": {"a": 1, "next_claim": 3}}, the schema and categories
    gone, and every command after called the file no claims database. A source under "07" beside
    Reuters's "7": `sources add` dropped Reuters. Doctor names the key; every write refuses."""
    change, refused_said, where, doctor_said = KEYS_READ_AS_ONE[case]
    assert _reuters_key(built) == "7"
    raw = edit_first_line(built, change)
    backup = built.with_name(built.name + ".bak")
    kept = backup.read_bytes()
    for command in (("add", "Village Z taken", "--source", "ISW", "--on", "2025-12-07"),
                    ("categories", "add", "logistics"), ("sources", "add", "New One", "--side", "unknown"),
                    ("sources", "edit", "Reuters", "--note", "wire"), ("edit", "C-0001", "--note", "seen"),
                    ("import", str(SEED))):
        refused = cli(*command, ok=False)
        check_plain_error(refused, raw, built)
        assert backup.read_bytes() == kept, command
        lines = refused.stderr.splitlines()
        assert lines[0] == f"Error: database {built} is damaged: {refused_said}: a write would keep only one of " \
                           "the two", (command, lines)
        assert "run `claims doctor`" in lines[1], (command, lines)
    dry = cli("import", str(SEED), "--dry-run", ok=False)  # (a dry run foresees the refusal)
    check_plain_error(dry, raw, built)
    assert refused_said in dry.stderr, dry.stderr
    assert cli("list", ok=True).exit_code == 0  # (reading goes on)
    report = cli("doctor", "--format", "json", ok=False).json()
    assert {"kind": "bad-id", "where": where, "message": f"{doctor_said}: a write would keep only one of the two"} \
        in report["database"]["problems"], report["database"]["problems"]
    assert report["backup"]["healthy"] is True
    assert "--restore-backup" in report["advice"][0]


def test_two_keys_that_read_as_one_number_neither_in_the_stores_form_are_both_named(cli, built):
    """Reuters moved from "7" to "+7" and a source pasted under "07": neither key is one the store
    writes, so neither is the genuine record; doctor names both, and a write's refusal says so."""
    def change(tables):
        tables["sources"] = {("+7" if key == "7" else key): doc for key, doc in tables["sources"].items()}
        tables["sources"]["07"] = {"name": "Hand Added", "side": "independent", "kind": "media", "aliases": []}
    raw = edit_first_line(built, change)
    refused = cli("sources", "add", "New One", "--side", "unknown", ok=False)
    check_plain_error(refused, raw, built)
    assert refused.stderr.splitlines()[0] == (
        f"Error: database {built} is damaged: source 'Reuters' is stored under '+7', the same number as '07' "
        "(source 'Hand Added'), neither written as the store writes 7: a write would keep only one of the two")
    problems = cli("doctor", "--format", "json", ok=False).json()["database"]["problems"]
    assert [problem for problem in problems if problem["kind"] == "bad-id"] == [
        {"kind": "bad-id", "where": "source 'Reuters'", "message": "the source is stored under '+7', the same "
         "number as '07' (the source 'Hand Added'): a write would keep only one of the two"},
        {"kind": "bad-id", "where": "source 'Hand Added'", "message": "the source is stored under '07', the same "
         "number as '+7' (the source 'Reuters'): a write would keep only one of the two"}], problems


@pytest.mark.parametrize("key", ["x", "+2", "²"])
def test_a_meta_record_stored_under_a_key_that_is_no_number_is_named_and_refused_by_every_write(cli, built, key):
    """(crash-safety hunt) A record pasted into meta under 'x': doctor said healthy, then `add` and
    `categories add` were an internal error (TinyDB's int('x'), exit 70). As a source under 'x9' is."""
    raw = edit_first_line(built, lambda tables: tables["meta"].__setitem__(key, {"a": 1}))
    for command in (("add", "Village Z taken", "--source", "ISW", "--on", "2025-12-07"),
                    ("categories", "add", "logistics"), ("categories", "remove", "other"),
                    ("edit", "C-0001", "--note", "seen"), ("import", str(SEED)), ("import", str(SEED), "--dry-run")):
        refused = cli(*command, ok=False)
        check_plain_error(refused, raw, built)
        lines = refused.stderr.splitlines()
        assert lines[0] == f"Error: database {built} is damaged: the meta table holds a record under '{key}', not a " \
                           "number", (command, lines)
        assert "run `claims doctor`" in lines[1], (command, lines)
    assert cli("list", ok=True).exit_code == 0  # (reading goes on)
    report = cli("doctor", "--format", "json", ok=False).json()
    assert {"kind": "bad-id", "where": "meta", "message": f"a record is stored under '{key}', not a number"} \
        in report["database"]["problems"], report["database"]["problems"]


# How an editor saves a database otherwise than claims writes it: (the file's bytes from claims' own,
# what the commands say of it, what doctor's layout problem says)
SAVED_OTHERWISE = {
    # (upgrade hunt) Notepad or PowerShell's UTF-8 puts a byte-order mark first: every command said
    # 'not valid JSON', doctor advised a repair by hand 'at the position shown' (line 1, column 1,
    # where an editor shows nothing), and --relayout refused.
    "utf-8-mark": (lambda raw: b"\xef\xbb\xbf" + raw, "begins with a byte-order mark", "byte-order mark"),
    # (left from session 28) PowerShell 5's `>` and Notepad's "Unicode" save UTF-16: every command
    # said 'not JSON: it starts with ...\\x00' and called the file no claims database, and doctor
    # advised the backup (losing the last change) where --relayout loses nothing.
    "utf-16": (lambda raw: raw.decode("utf-8").encode("utf-16"), "is saved as UTF-16", "UTF-16"),
    "utf-16-be": (lambda raw: ("\ufeff" + raw.decode("utf-8")).encode("utf-16-be"), "is saved as UTF-16", "UTF-16"),
}


@pytest.mark.parametrize("saved", sorted(SAVED_OTHERWISE))
def test_a_database_an_editor_saved_otherwise_is_said_so_and_relaid(cli, built, saved):
    spoil, listed_says, doctor_says = SAVED_OTHERWISE[saved]
    original = built.read_bytes()
    spoilt = spoil(original)
    built.write_bytes(spoilt)
    listed = cli("list", ok=False)
    check_plain_error(listed, spoilt, built)
    assert listed_says in listed.stderr and "claims doctor --relayout" in listed.stderr, listed.stderr
    report = cli("doctor", "--format", "json", ok=False).json()
    assert [problem["kind"] for problem in report["database"]["problems"]] == ["layout"], report
    assert doctor_says in report["database"]["problems"][0]["message"]
    assert "claims doctor --relayout" in report["advice"][0]
    done = cli("doctor", "--relayout", ok=True)
    assert "The database is healthy." in done.stdout
    assert built.read_bytes() == original
    assert built.with_name(built.name + ".bak").read_bytes() == spoilt


def test_a_claim_deleted_in_an_editor_that_saves_a_mark_is_said_with_the_restore(cli, built):
    """(crash-safety hunt) A claim line deleted in Notepad, which saves the file with a byte-order
    mark: every command offered `claims doctor --relayout ... losing nothing`, which then refused
    (the backup holds the claim), while doctor's own advice, the restore, was right. The commands
    say the lost claim too, and send the analyst to doctor."""
    lines = built.read_bytes().split(b"\n")
    assert lines[2].startswith(b'"2":')
    del lines[2]
    spoilt = b"\xef\xbb\xbf" + b"\n".join(lines)
    built.write_bytes(spoilt)
    listed = cli("list", ok=False)
    check_plain_error(listed, spoilt, built)
    first, hint = listed.stderr.splitlines()
    assert "begins with a byte-order mark" in first and "lacks 1 claim its backup claims.json.bak holds (C-0002)" \
        in first, first
    assert "--relayout" not in hint and "run `claims doctor`" in hint, hint
    report = cli("doctor", "--format", "json", ok=False).json()
    assert "--restore-backup" in report["advice"][0], report


def test_a_write_to_a_claim_stored_under_another_number_says_so(cli, built):
    """(review) A rename of a source the claim cites, or an import updating it, said 'no claim
    C-0002', with no hint, while list showed it."""
    data = json.loads(built.read_bytes())
    source = data["claims"]["2"]["source"]
    raw = _rekeyed(built, "claims", "2", "7")
    renamed = cli("sources", "rename", source, source + " Renamed", ok=False)
    check_plain_error(renamed, raw, built)
    assert renamed.stderr.splitlines()[0] == f"Error: database {built} is damaged: claim C-0002 is stored under number 7"


def test_relayout_that_cannot_keep_the_backup_says_so(cli, built, relaid):
    """(review) It said the file as it was is kept as NAME.bak, with a directory of that name."""
    backup = built.with_name(built.name + ".bak")
    backup.unlink(missing_ok=True)
    backup.mkdir()
    done = cli("doctor", "--relayout", ok=True)
    assert "is kept as" not in done.stderr, done.stderr
    assert f"Warning: {built.name}.bak could not be kept (it is a directory): the file as it was is not kept" \
        in done.stderr, done.stderr
    assert orjson.loads(built.read_bytes()) == orjson.loads(relaid)


def test_a_backup_laid_out_otherwise_is_restored_and_then_relaid(cli, built):
    """(review) After --relayout of a file an editor saved with a byte-order mark, NAME.bak is that
    file: a damage then found 'the backup is damaged too', though it held every claim."""
    original = built.read_bytes()
    built.write_bytes(b"\xef\xbb\xbf" + original)
    cli("doctor", "--relayout", ok=True)
    cli("edit", "C-0001", "--note", "after the relayout", ok=True)  # (NAME.bak: the relaid file)
    built.write_bytes(b"\xef\xbb\xbf" + original)
    cli("doctor", "--relayout", ok=True)  # (NAME.bak: the file with the mark, every claim in it)
    built.write_bytes(built.read_bytes()[:-40])  # damaged
    report = cli("doctor", "--format", "json", ok=False).json()
    assert "claims doctor --restore-backup" in report["advice"][0] and "--relayout" in report["advice"][0], report
    cli("doctor", "--restore-backup", ok=False)  # (restored: doctor then finds its layout)
    assert built.read_bytes() == b"\xef\xbb\xbf" + original
    cli("doctor", "--relayout", ok=True)
    assert built.read_bytes() == original


def test_doctor_notes_fields_claims_does_not_know_which_an_import_of_the_export_refuses(cli, built, tmp_path):
    """(upgrade hunt) A field another tool added to a claim or an evidence item is kept and
    exported, and the import of that export refuses the record ('unknown field priority'): doctor
    said the database was healthy, and nothing warned before a move between desks failed."""
    edit_line(built, "1", lambda claim: (claim.__setitem__("priority", "high"),
                                         claim["evidence"][0].__setitem__("confidence", 0.9)))
    done = cli("doctor", ok=True)  # (healthy: every command reads it)
    assert "Note: 2 fields claims does not know are kept (priority in C-0001; confidence in C-0001 E1): exports " \
           "carry them, and `claims import` refuses a record that has one." in " ".join(done.stdout.split()), done.stdout
    report = cli("doctor", "--format", "json", ok=True).json()
    assert report["database"]["unknown_fields"] == {"priority": "C-0001", "confidence": "C-0001 E1"}
    exported = tmp_path / "out.json"
    cli("export", "-f", "json", "-o", exported, ok=True)
    assert "unknown field" in cli("--db", tmp_path / "other.json", "import", exported, ok=False).stderr


def test_doctor_notes_claims_sharing_a_ref(cli, db, monkeypatch):
    """(feed hunt) Two live claims with one ref (an older import gave C-0001 the ref of C-0002;
    `--force`; a hand edit): an import finds only one of them by it, so a feed's updates of the
    other stop, yet doctor said healthy. Noted, not counted: `--force` gives a ref twice on purpose.
    A ref written otherwise (KH-1, kh-1) is the same. A deleted claim holds its ref too (`add` and
    `restore` say so, and an import finds it by the ref, first: a feed's update went to deleted
    C-0004, "updated, and still deleted", never to live C-0005): noted, saying which is deleted;
    refs only deleted claims share leave no live claim unfound, so go unsaid."""
    from claims_cli import workers

    cli("import", str(SEED), ok=True)  # (29 claims, art-001 ... art-029)
    assert "Note:" not in cli("doctor", ok=True).stdout
    cli("edit", "C-0029", "--ref", "art-001", "--force", ok=True)  # (in the last half: a worker's)
    cli("edit", "C-0003", "--ref", "ART-002", "--force", ok=True)
    cli("edit", "C-0004", "--ref", "art-005", "--force", ok=True)
    cli("delete", "C-0004", "--yes", ok=True)
    cli("edit", "C-0026", "--ref", "art-010", "--force", ok=True)  # (deleted, in a worker's half)
    cli("delete", "C-0026", "--yes", ok=True)
    cli("edit", "C-0028", "--ref", "art-027", "--force", ok=True)  # (two deleted: no note)
    cli("delete", "C-0027", "--yes", ok=True)
    cli("delete", "C-0028", "--yes", ok=True)
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    done = cli("doctor", ok=True)
    assert "Database" in done.stdout and "healthy" in done.stdout.splitlines()[0], done.stdout
    assert ("Note: 4 refs are each held by more than one claim ('art-001': C-0001 and C-0029; 'art-002': "
            "C-0002 and C-0003; 'art-005': C-0004 (deleted) and C-0005; 'art-010': C-0010 and C-0026 (deleted)): "
            "an import finds only one of them by it. Unless given so on purpose (--force), give each its own: "
            "`claims edit ID --ref REF` (a deleted one restored first, with --force).") \
        in " ".join(done.stdout.split()), done.stdout
    alone = cli("doctor", "--format", "json", ok=True).stdout
    report = json.loads(alone)
    assert report["ok"] and report["database"]["problems"] == [], report
    assert report["database"]["shared_refs"] == {
        "art-001": ["C-0001", "C-0029"], "art-002": ["C-0002", "C-0003"], "art-005": ["C-0004", "C-0005"],
        "art-010": ["C-0010", "C-0026"]}
    assert report["database"]["shared_refs_deleted"] == ["C-0004", "C-0026"]
    # the same found with a worker checking the last half of the claims
    monkeypatch.delenv("CLAIMS_WORKERS")
    monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
    assert cli("doctor", "--format", "json", ok=True).stdout == alone


def _seed_with_a_shared_ref(cli, desk):
    """The seed imported into DESK/d.json and a claim added holding art-001 too (--force): a ref held
    by two claims, which doctor notes. Returns the database's path."""
    desk.mkdir()
    db = desk / "d.json"
    cli("--db", db, "import", str(SEED), ok=True)  # (29 claims, art-001 ... art-029)
    cli("--db", db, "add", "Russian forces took Rivne", "--source", "ISW", "--on", "2025-12-07", "--ref", "art-001",
        "--force", ok=True)
    return db


def test_doctor_s_shared_ref_note_names_the_database_given(cli, tmp_path):
    """(hint hunt) The note's `claims edit ID --ref REF` had no --db when --db was given (the note is
    printed on stdout, not through the path that adds it to hints): pasted, it edited the default
    database ($CLAIMS_DB here). It names the database given, and, pasted, mends the one doctor read."""
    import shlex

    db = _seed_with_a_shared_ref(cli, tmp_path / "my desk")
    said = " ".join(cli("--db", db, "doctor", ok=True).stdout.split())
    pasted = re.search(r"give each its own: `claims ([^`]+)`", said)
    assert pasted and pasted.group(1) == f"--db {shlex.quote(str(db))} edit ID --ref REF", said
    words = [{"ID": "C-0030", "REF": "art-030"}.get(word, word) for word in shlex.split(pasted.group(1))]
    cli(*words, ok=True)
    assert "Note:" not in cli("--db", db, "doctor", ok=True).stdout


def test_doctor_s_notes_are_each_printed_on_one_line(cli, tmp_path, monkeypatch):
    """(review) Doctor's notes were folded at the width (80 when stdout is a file), so the command a
    note gives had a newline in it, inside the quoted --db path too, and pasted, ran in two (the
    test above joins the blanks, which hides it). Each note is one line, as the steps to recover
    are: the terminal folds it, and a copy of it pastes whole; the files above keep their layout."""
    import shlex

    monkeypatch.setenv("COLUMNS", "80")
    db = _seed_with_a_shared_ref(cli, tmp_path / "the desk of the analysts on shift")
    desk = db.parent
    cli("--db", db, "sources", "add", "DeepStat\u0435", "--side", "russia", ok=True)
    (desk / ".d.json.123.tmp").write_text("x")
    said = cli("--db", db, "doctor", ok=True).stdout
    lines = said.splitlines()
    assert lines[0].startswith("Database ") and lines[-1] == "The database is healthy.", said
    notes = [line for line in lines if line.startswith("Note: ")]
    assert [note[:24] for note in notes] == ["Note: 1 ref is held by m", "Note: 1 pair of sources ",
                                            "Note: 1 temporary file l"], said
    assert all(note.endswith(".") and len(note) > 80 for note in notes), said
    assert f"give each its own: `claims --db {shlex.quote(str(db))} edit ID --ref REF`." in notes[0], said
    assert f"`claims --db {shlex.quote(str(db))} sources merge NAME INTO` makes them one." in notes[1], said
    assert notes[2].endswith("the next change removes them."), said
    # (nothing but the notes between the files and the verdict: no note goes on on a line of its own)
    assert lines[lines.index(notes[0]):] == [*notes, "The database is healthy."], said


def test_doctor_notes_sources_whose_names_look_alike(cli, db):
    """(glyph hunt) A database with DeepState and 'DeepStat\u0435' (a Cyrillic \u0435 last) was said to be
    healthy: on every screen one source, two records, each with its own claims and evidence.
    Noted, not a problem (Russia's \u0421\u0412\u0420 and the American CBP are two sources that look alike)."""
    cli("import", str(SEED), ok=True)
    assert "Note:" not in cli("doctor", ok=True).stdout
    cli("sources", "add", "DeepStat\u0435", "--side", "russia", ok=True)
    cli("sources", "add", "Kiev Post", "--side", "independent", "--alias", "\u0406SW", ok=True)
    done = cli("doctor", ok=True)
    assert "The database is healthy." in done.stdout, done.stdout
    assert ("Note: 2 pairs of sources have names that look alike ('DeepState' and 'DeepStat\u0435' (a Cyrillic "
            "\u0435); 'ISW' and 'Kiev Post' (as '\u0406SW', a Cyrillic \u0406)): a reader cannot tell them apart. If "
            "two are one source, `claims sources merge NAME INTO` makes them one.") in " ".join(done.stdout.split()), \
        done.stdout
    report = json.loads(cli("doctor", "--format", "json", ok=True).stdout)
    assert report["ok"] and report["database"]["problems"] == [], report
    assert report["database"]["lookalike_sources"] == [["DeepState", "DeepStat\u0435"], ["ISW", "Kiev Post"]], report


def test_doctor_s_lookalike_sources_note_names_the_database_and_the_odd_letter(cli, tmp_path):
    """(review) The note said "`claims sources merge` makes them one." without the --db given (the
    shared-ref note beside it names it): pasted, it merged in the default database. And 'Source
    Desk' and 'S\u043eurce Desk' look the same: it did not say which holds the odd letter, as the
    add warning does. Pasted with the names, it mends the database doctor read."""
    import shlex

    desk = tmp_path / "my desk"
    desk.mkdir()
    db = desk / "d.json"
    cli("--db", db, "sources", "add", "Source Desk", "--side", "independent", ok=True)
    cli("--db", db, "sources", "add", "S\u043eurce Desk", "--side", "independent", ok=True)
    said = " ".join(cli("--db", db, "doctor", ok=True).stdout.split())
    assert ("('Source Desk' and 'S\u043eurce Desk' (a Cyrillic \u043e)): a reader cannot tell them apart") in said, said
    pasted = re.search(r"If two are one source, `claims ([^`]+)` makes them one\.", said)
    assert pasted and pasted.group(1) == f"--db {shlex.quote(str(db))} sources merge NAME INTO", said
    names = {"NAME": "S\u043eurce Desk", "INTO": "Source Desk"}
    cli(*[names.get(word, word) for word in shlex.split(pasted.group(1))], "--yes", ok=True)
    assert "Note:" not in cli("--db", db, "doctor", ok=True).stdout


def test_doctor_names_a_few_shared_refs_and_counts_the_rest(cli, db, monkeypatch):
    """(review) The shared-ref note named every ref and every holder: 1,500 shared refs in a copy of
    a 10,000-claim desk gave one note of ~620 lines. It names a few, as the problems are capped, and
    counts the rest; --format json still gives them all."""
    cli("import", str(SEED), ok=True)  # (29 claims, art-001 ... art-029)
    for number in range(2, 8):  # art-001: C-0001 ... C-0007
        edit_line(db, str(number), _set("ref", "art-001"))
    for number in range(9, 30, 2):  # art-008: C-0008 and C-0009, ... art-028: C-0028 and C-0029
        edit_line(db, str(number), _set("ref", f"art-{number - 1:03d}"))
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    said = " ".join(cli("doctor", ok=True).stdout.split())
    named = "; ".join(f"'art-{number:03d}': C-{number:04d} and C-{number + 1:04d}" for number in range(8, 25, 2))
    assert ("Note: 12 refs are each held by more than one claim ('art-001': C-0001, C-0002, C-0003, C-0004, "
            f"C-0005 and 2 more; {named}; and 2 more refs, which --format json lists): an import finds only one "
            "of them by it.") in said, said
    shared = json.loads(cli("doctor", "--format", "json", ok=True).stdout)["database"]["shared_refs"]
    assert len(shared) == 12 and shared["art-001"] == [f"C-{number:04d}" for number in range(1, 8)], shared
    assert shared["art-028"] == ["C-0028", "C-0029"], shared


def test_doctor_finds_refs_written_otherwise_however_they_differ(cli, db, monkeypatch):
    """Refs are compared as `ref_key` gives them: case, runs of spaces, a space around the ref, a tab,
    a backtick for an apostrophe and another dash are no other ref (doctor folds only the refs that
    may differ so; a ref written as its key is found by the others), and a ref written alike twice
    is one ref, not a ref written otherwise."""
    from claims_cli import workers

    cli("import", str(SEED), ok=True)  # (29 claims, art-001 ... art-029)
    refs = {2: "kh 1", 3: "KH  1", 4: " Kh 1", 5: "kh\t1", 6: "o'brien", 7: "O`Brien", 8: "kh\u20111",
            9: "KH-1", 10: "Ünit 7", 11: "ünit  7", 12: "plain", 13: "plain", 14: "Case", 15: "case ", 20: "kh\u2011 2"}
    for number, ref in refs.items():
        edit_line(db, str(number), _set("ref", ref))
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    alone = cli("doctor", "--format", "json", ok=True).stdout
    assert json.loads(alone)["database"]["shared_refs"] == {
        "kh 1": ["C-0002", "C-0003", "C-0004", "C-0005"], "o'brien": ["C-0006", "C-0007"],
        "kh\u20111": ["C-0008", "C-0009"], "Ünit 7": ["C-0010", "C-0011"], "plain": ["C-0012", "C-0013"],
        "Case": ["C-0014", "C-0015"]}, alone
    monkeypatch.delenv("CLAIMS_WORKERS")  # (a worker checks the last claims: a pair may fall on both sides)
    monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
    assert cli("doctor", "--format", "json", ok=True).stdout == alone


def test_a_field_renamed_by_hand_is_both_missing_and_unknown(cli, built):
    """A claim that holds as many fields as claims writes, one of them renamed, lacks one and has
    one claims does not know (doctor checks the names only of a record with other keys); an
    evidence item's unknown field that is no text hides no known field that is no text."""
    def rename(claim):
        claim["notes"] = claim.pop("note")
        claim["evidence"][0].update(confidence=0.9, url=5)

    edit_line(built, "1", rename)
    report = cli("doctor", "--format", "json", ok=False).json()
    assert [(problem["where"], problem["message"]) for problem in report["database"]["problems"]] == [
        ("C-0001", "the record lacks note"), ("C-0001 E1", "url 5 is not text")]
    assert report["database"]["unknown_fields"] == {"notes": "C-0001", "confidence": "C-0001 E1"}


def test_a_claim_stored_under_another_number_with_its_id_written_otherwise_is_found(cli, built):
    """(review) The byte search for a claim kept under another number looked for "C-0003" only: a
    hand edit's "C-3" on a line of the store's own layout was 'no claim C-0003' again."""
    raw = built.read_bytes()
    assert b'\n"3":{"id":"C-0003",' in raw
    raw = raw.replace(b'\n"3":{"id":"C-0003",', b'\n"9":{"id":"C-3",')
    built.write_bytes(raw)
    shown = cli("show", "C-0003", ok=False)
    check_plain_error(shown, raw, built)
    assert shown.stderr.splitlines()[0] == f"Error: database {built} is damaged: claim C-0003 is stored under number 9"


def test_a_missing_database_with_a_backup_laid_out_otherwise_is_advised_restore_then_relayout(cli, built):
    """(review) The --relayout that follows was said only beside a damaged database."""
    backup = built.with_name(built.name + ".bak")
    backup.write_bytes(b"\xef\xbb\xbf" + built.read_bytes())
    built.unlink()
    advice = cli("doctor", "--format", "json", ok=False).json()["advice"]
    assert "--restore-backup" in advice[0] and "claims doctor --relayout" in advice[0], advice


@pytest.mark.parametrize("edit", [
    (b'\n"3":{"id":"C-0003",', b'\n"9": {"id": "C-0003", '),  # (spaces, as a hand edit writes them)
    (b'\n"3":{"id":"C-0003",', b'\n"x9":{"id":"C-0003 ",'),  # (a key that is no number; a blank after the ID)
], ids=["spaced", "odd key"])
def test_a_claim_kept_under_another_key_is_found_however_its_line_is_written(cli, built, edit):
    """(review) The search for the record wanted `"KEY":{"id":"` exactly: a line spaced by hand, or
    under a key that is no number, was 'no claim C-0003' again."""
    raw = built.read_bytes().replace(*edit)
    built.write_bytes(raw)
    shown = cli("show", "C-0003", ok=False)
    assert shown.exit_code == 1 and built.read_bytes() == raw
    assert shown.stderr.splitlines()[0].startswith(f"Error: database {built} is damaged: claim C-0003 is stored "
                                                   "under number "), shown.stderr


def test_a_missing_claims_hint_reads_no_line_for_its_evidence_ids(cli, built, monkeypatch):
    """(review) Looking for a record kept under another number, `"id":"E1"` of every claim with
    evidence matched C-0001's search, and each such claim was parsed (1.35 s at 100,000 claims)."""
    from claims_cli import storage

    lines = built.read_bytes().split(b"\n")
    built.write_bytes(b"\n".join(line for line in lines if not line.startswith(b'"1":')))
    built.with_name(built.name + ".bak").unlink()  # (beside a backup that holds it, refused: test_doctor)
    parsed = []
    real = storage.ClaimLines._parse
    monkeypatch.setattr(storage.ClaimLines, "_parse", lambda self, *span: parsed.append(span) or real(self, *span))
    assert cli("show", "C-0001", ok=False).stderr.startswith("Error: no claim C-0001")
    assert parsed == []


def test_relayout_of_a_file_the_commands_read_names_no_backup_that_is_not_there(cli, built):
    """(help hunt) A pretty-printed file with no NAME.bak: 'the rewrite would put it in place of
    NAME.bak', which did not exist."""
    built.with_name(built.name + ".bak").unlink()
    built.write_text(json.dumps(json.loads(built.read_bytes()), indent=2))
    refused = cli("doctor", "--relayout", ok=False)
    assert "the commands read it as it is" in refused.stderr and ".bak" not in refused.stderr, refused.stderr


@pytest.mark.parametrize("command", [("edit", "C-0001", "--add-tag", "q"), ("confirm", "C-0001", "--by", "AP"),
                                     ("assess", "C-0001", "refuted")])
def test_a_change_to_a_claim_holding_a_stance_the_rule_does_not_know_is_refused(cli, built, command):
    """(doctor hunt) A hand edit's 'dispute' for 'disputes' counts for nothing: `edit --add-tag` of
    that very claim then stored it re-rated ("contested → confirmed"), unsaid. A change to it is
    refused, naming the item, until it is mended; a change to another claim goes ahead."""
    raw = edit_line(built, "1", _set_evidence("stance", "support"))
    refused = cli(*command, ok=False)
    assert refused.exit_code == 1 and refused.stderr.splitlines()[0] == (
        "Error: C-0001 E1 has the stance 'support', which claims does not know: a change would rate the claim "
        "without it"), refused.stderr
    assert len(refused.stderr.splitlines()) == 2 and "claims doctor" in refused.stderr
    assert built.read_bytes() == raw
    cli("edit", "C-0002", "--add-tag", "q", ok=True)
    # (review) withdrawn, it counts for nothing either way: withdrawing it mends the claim
    cli("evidence", "withdraw", "C-0001", "E1", "--reason", "typo", ok=True)
    cli(*command, ok=True)


def test_an_update_import_of_a_claim_holding_a_stance_the_rule_does_not_know_is_its_problem(cli, built, tmp_path):
    """(review) `import --on-duplicate update` changed such a claim (rated without the item, new
    items beside it) while every command refused to: the record is refused alike, named."""
    export = tmp_path / "desk.json"
    cli("export", "--format", "json", "--output", export, ok=True)
    clean = built.read_bytes()
    document = json.loads(export.read_text(encoding="utf-8"))
    document["claims"][0]["note"] = "changed on the other desk"
    export.write_text(json.dumps(document), encoding="utf-8")
    raw = edit_line(built, "1", _set_evidence("stance", "support"))
    result = cli("import", export, "--on-duplicate", "update", "--summary", "json", ok=False)
    assert result.exit_code == 65 and "would change C-0001 (its note), whose E1 here has the stance 'support'" \
        in result.stderr, result.stderr
    # (review) skip says it with the changes made there, before an update is tried
    other = tmp_path / "other.json"
    other.write_bytes(clean)
    cli("--db", other, "edit", "C-0001", "--note", "seen on their desk", ok=True)
    cli("--db", other, "export", "--format", "json", "--output", tmp_path / "theirs.json", ok=True)
    said = cli("import", tmp_path / "theirs.json", ok=True).stderr
    assert "C-0001 here: its note; its E1 here has the stance 'support', which claims does not know, to mend before an " \
        "update" in said and "evidence item added" not in said, said
    assert built.read_bytes() == raw
    # (review) a record that would change nothing is skipped, as it was: up to date
    shown = cli("show", "C-0001", "--format", "json", ok=True).json()
    fields = {key: shown[key] for key in ("id", "text", "source", "claimed_on", "place", "region", "ref", "note")}
    summary = cli("import", "-", "--format", "jsonl", "--on-duplicate", "update", "--summary", "json",
                  input=json.dumps(fields) + "\n", ok=True).json()
    assert (summary["updated"], summary["skipped"], summary["problems"]) == (0, 1, []), summary


def _spoil_both_halves(db: Path) -> None:
    """Problems of every kind a claim line can hold, in the first half of the claims and in the last."""
    edit_line(db, "2", _set("status", "maybe"))
    edit_line(db, "3", lambda claim: claim.update(extra=1, claimed_on="1925-01-01"))
    edit_line(db, "5", lambda claim: claim["history"][0].__setitem__("at", "2025-12-07T24:00:00Z"))
    edit_line(db, "21", lambda claim: claim.update(extra=2, other=3, status="refuted", source="Nobody"))
    edit_line(db, "22", lambda claim: claim.update(text="bell \x07", deleted_at="2025-12-07T10:00:00Z"))
    edit_line(db, "23", lambda claim: claim["evidence"].append({"id": "E1", "source": "X", "stance": "hm"}))


def _copy_a_claim_to_the_last_half(db: Path) -> None:
    """The line of C-0002 copied over the last claim's (its ID used twice, in both halves)."""
    lines = db.read_bytes().split(b"\n")
    (second,) = [line for line in lines if line.startswith(b'"2":')]
    last = max(index for index, line in enumerate(lines) if line.startswith(b'"'))
    key = lines[last].split(b":", 1)[0]
    lines[last] = key + second[len(b'"2"'):].rstrip(b",")
    db.write_bytes(b"\n".join(lines))


def _many_problems(db: Path) -> None:
    """More than doctor lists (50), in both halves."""
    for key in range(1, 25):
        edit_line(db, str(key), lambda claim: claim.update(status="maybe", computed_status="perhaps", lat=100,
                                                           lon=200))


def _repeat_a_line_in_the_last_half(db: Path) -> None:
    """The line of C-0002, key and all, copied after the last claim's as another claim's (a key in
    both halves, not an ID: the file is then parsed whole, and the key found written twice)."""
    lines = db.read_bytes().split(b"\n")
    (second,) = [line for line in lines if line.startswith(b'"2":')]
    last = max(index for index, line in enumerate(lines) if line.startswith(b'"'))
    copy = second.rstrip(b",").replace(b'"id":"C-0002"', b'"id":"C-0099"')
    assert copy != second.rstrip(b",")
    lines[last:last + 1] = [lines[last] + b",", copy]
    db.write_bytes(b"\n".join(lines))


def _repeat_a_line_within_the_last_half(db: Path) -> None:
    """The line of the claim before last copied after the last claim's (a key twice in the last half)."""
    lines = db.read_bytes().split(b"\n")
    last = max(index for index, line in enumerate(lines) if line.startswith(b'"'))
    lines[last:last + 1] = [lines[last] + b",", lines[last - 1].rstrip(b",")]
    db.write_bytes(b"\n".join(lines))


def _counter_taken_in_the_last_half(db: Path) -> None:
    lines = db.read_bytes().split(b"\n")
    lines[0] = re.sub(rb'"next_claim":\d+', b'"next_claim":20', lines[0])
    db.write_bytes(b"\n".join(lines))


def _last_half_line_laid_out_otherwise(db: Path) -> None:
    """A line in the last half not as the store writes it, which the commands read (a space): the
    file is then parsed whole, and what it holds found so."""
    edit_line(db, "21", _set("status", "maybe"))
    raw = db.read_bytes()
    at = raw.index(b'\n"21":{') + len(b'\n"21":{')
    db.write_bytes(raw[:at] + b" " + raw[at:])


@pytest.mark.parametrize("spoil", [_spoil_both_halves, _copy_a_claim_to_the_last_half, _many_problems,
                                   _counter_taken_in_the_last_half, _last_half_line_laid_out_otherwise,
                                   _repeat_a_line_in_the_last_half, _repeat_a_line_within_the_last_half])
def test_doctor_finds_the_same_with_a_worker_checking_half_the_claims(cli, db, monkeypatch, spoil):
    """doctor checks the last half of a file's claims in a forked worker (workers.gather_in_two):
    every problem, count, note and advice is what one process finds, in the same order."""
    from claims_cli import workers

    cli("import", str(SEED), ok=True)
    claims = len(orjson.loads(db.read_bytes())["claims"])
    assert claims >= 24
    spoil(db)
    raw = db.read_bytes()
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    alone = cli("doctor", "--format", "json").stdout
    monkeypatch.delenv("CLAIMS_WORKERS")
    monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
    worked = []
    real = workers._gathered_by
    monkeypatch.setattr(workers, "_gathered_by", lambda *args: worked.append(real(*args)) or worked[-1])
    shared = cli("doctor", "--format", "json").stdout
    assert shared == alone
    assert json.loads(alone)["database"]["problems"]  # (each spoils something)
    if workers.workers_allowed() and spoil not in (_last_half_line_laid_out_otherwise,
                                                   _repeat_a_line_within_the_last_half):
        assert worked and worked[0] is not None  # (the worker did check its half)
    if spoil in (_repeat_a_line_in_the_last_half, _repeat_a_line_within_the_last_half):
        assert "duplicate-key" in alone
    assert db.read_bytes() == raw


def test_a_trailing_comma_and_an_empty_line_before_the_end_is_damage_every_command_says(cli, built):
    """`…},` then an empty line, then `}}` (a hand edit): not JSON, yet the commands read it, a
    write kept it, and doctor called the file healthy, since the empty last line was never read."""
    raw = built.read_bytes()
    end = raw.rindex(b"\n}}")
    raw = raw[:end] + b",\n" + raw[end:]
    with pytest.raises(json.JSONDecodeError):
        json.loads(raw)
    built.write_bytes(raw)
    for args in COMMANDS:  # (a read of one claim, `show`, finds it without reading the others)
        result = cli(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
        assert built.read_bytes() == raw, args
        if result.exit_code:
            check_plain_error(result, raw, built)
    for args in (["list"], ["report"], ["edit", "C-0001", "--place", "Elsewhere"], ["export", "--format", "json"],
                 ["add", "Russian forces took Bakhmut", "--source", "MoD", "--on", "2025-12-03"]):
        result = cli(*args)
        check_plain_error(result, raw, built)
        assert "empty line after the last claim" in result.stderr and "doctor" in result.stderr, (args, result.stderr)
    result = cli("doctor", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["database"]["problems"], result.stdout
    assert built.read_bytes() == raw


def test_a_desk_whose_clock_was_put_back_keeps_its_history_in_order(cli, db, monkeypatch):
    """(review) A clock three days ahead, then put right: the change after it was stamped now,
    before the entries it follows, and doctor, reading the statuses in time order, called that
    database damaged with a restore as the way out. (time-edges hunt) Out of time order, the report
    counted the claim's statuses wrong: the change now follows the entries, and the command says
    this clock is behind them (which clock was wrong, one time cannot say)."""
    from claims_cli import dates

    real = dates.time_ns
    with monkeypatch.context() as patch:
        patch.setattr(dates, "time_ns", lambda: real() + 3 * 86_400 * 10**9)
        cli("add", "Russian forces took Y", "--source", "Russian MoD", "--on", "2025-12-01", ok=True)
        cli("confirm", "C-0001", "--by", "GeoConfirmed", "--kind", "footage", ok=True)
    disputed = cli("dispute", "C-0001", "--by", "ISW", "--kind", "statement", ok=True)
    assert "Warning: this machine's clock (" in disputed.stderr and " is 3 days behind C-0001's history" in \
        disputed.stderr, disputed.stderr
    history = cli("show", "C-0001", "--format", "json", ok=True).json()["history"]
    stamps = [entry["at"] for entry in history]
    assert stamps == sorted(stamps), history


def _out_of_order(claim):  # (the explorer's case, as an older claims wrote it: a clock days behind)
    claim["history"][1]["at"] = "2025-11-28T09:00:00Z"


def _in_the_future(claim):  # (a hand edit's slip of the year)
    claim["history"][1]["at"] = "2099-12-02T09:00:00Z"


@pytest.mark.parametrize("change, said", [
    (_out_of_order, "history[1]: at 2025-11-28T09:00:00Z is before the entry it follows ({})"),
    (_in_the_future, "history[1]: at 2099-12-02T09:00:00Z is in the future, more than a day after this "
                     "machine's clock"),
])
def test_doctor_names_a_history_time_out_of_order_or_in_the_future(cli, built, monkeypatch, change, said):
    """(time-edges hunt) A history out of time order (an older claims stamped a change on a clock
    days behind by that clock), or an entry in the future: doctor called the file healthy, while
    the report, reading the history in time order, counted the claim in a status it was not in.
    Named as its own kind, with the mend (the time, by hand) and no restore: the backup holds it
    too, and claims may have written it."""
    from claims_cli import workers

    first = {}
    edit_line(built, "1", lambda claim: (first.setdefault("at", claim["history"][0]["at"]), change(claim)))
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    result = cli("doctor", "--format", "json")
    assert result.exit_code == 1, result.stdout
    report = result.json()
    problems = [(problem["kind"], problem["where"], problem["message"]) for problem in report["database"]["problems"]]
    assert problems == [("history-time", "C-0001", said.format(first["at"]))], problems
    assert len(report["advice"]) == 1 and report["advice"][0].startswith("Set each history time named above right "
                                                                         "by hand"), report["advice"]
    text = cli("doctor")
    assert text.exit_code == 1 and "restore" not in text.stdout + text.stderr, text.stdout + text.stderr
    # the same found with a worker checking the last half of the claims
    monkeypatch.delenv("CLAIMS_WORKERS")
    monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
    assert cli("doctor", "--format", "json").stdout == result.stdout


def test_a_backup_whose_only_problem_is_a_history_time_is_restored(cli, built):
    """It holds what the database held before its last change, and no worse: a damaged database
    is restored from it (as from one with a date slip), and doctor then names the time."""
    edit_line(built.with_name(built.name + ".bak"), "1", _out_of_order)
    built.write_bytes(built.read_bytes()[:-40])  # (truncated)
    restored = cli("doctor", "--restore-backup")
    assert "Restored" in restored.stderr + restored.stdout, restored.stderr  # (the time remains: said again)
    report = cli("doctor", "--format", "json", ok=False).json()
    assert {problem["kind"] for problem in report["database"]["problems"]} == {"history-time"}, report


def test_a_file_laid_out_otherwise_with_a_history_time_is_relaid_first(cli, built):
    """A history time is no damage a relayout would put in place of NAME.bak: --relayout rewrites
    the file (losing nothing), and doctor then names the time, as it does a date slip."""
    edit_line(built, "1", _out_of_order)
    built.write_bytes(b"\xef\xbb\xbf" + built.read_bytes())  # (saved by Notepad: a byte-order mark)
    report = cli("doctor", "--format", "json", ok=False).json()
    assert {problem["kind"] for problem in report["database"]["problems"]} == {"layout", "history-time"}, report
    assert "claims doctor --relayout" in report["advice"][0], report["advice"]  # (first, as with a date slip)
    assert report["advice"][-1].startswith("Set each history time named above right by hand"), report["advice"]
    cli("doctor", "--relayout", ok=False)  # (done: doctor then names the time)
    after = cli("doctor", "--format", "json", ok=False).json()
    assert {problem["kind"] for problem in after["database"]["problems"]} == {"history-time"}, after


def test_a_desk_whose_clock_ran_ahead_is_told_its_times_are_in_the_future(cli, db, monkeypatch):
    """(time-edges hunt) Entries stamped on a clock three days ahead are in the future to a clock
    set right: the report counts them in a period not yet come. doctor names each (until the clock
    passes them), and one carried after them too."""
    from claims_cli import dates

    real = dates.time_ns
    with monkeypatch.context() as patch:
        patch.setattr(dates, "time_ns", lambda: real() + 3 * 86_400 * 10**9)
        cli("add", "Russian forces took Y", "--source", "Russian MoD", "--on", "2025-12-01", ok=True)
    cli("confirm", "C-0001", "--by", "GeoConfirmed", "--kind", "footage", ok=True)
    report = cli("doctor", "--format", "json", ok=False).json()
    problems = [(problem["kind"], problem["message"].split(":")[0]) for problem in report["database"]["problems"]]
    assert problems == [("history-time", "history[0]"), ("history-time", "history[1]")], problems
    with monkeypatch.context() as patch:
        patch.setattr(dates, "time_ns", lambda: real() + 4 * 86_400 * 10**9)
        cli("doctor", ok=True)  # (the clock has passed them)


# A claim without what every claim holds (C-0001's, by hand): each written out as it is, the other
# desk's import of the export refused it.
WITHOUT_WHAT_EVERY_CLAIM_HOLDS = {
    "no-text-or-status": lambda claim: (claim.pop("text"), claim.pop("status")),
    "claimed-on-empty": _set("claimed_on", ""),
    "status-null": _set("status", None),
    "computed-status-bogus": _set("computed_status", "maybe"),
    "no-history": _drop("history"),
    "evidence-item-without-stance-or-id": lambda claim: claim["evidence"].append({"source": "ISW"}),
    "evidence-item-not-an-object": lambda claim: claim["evidence"].append("junk"),
    "assessment-without-status": _set("assessment", {"note": "n"}),
    "text-null": _set("text", None),
    "status-unknown": _set("status", "maybe"),
    "evidence-item-without-stance": lambda claim: claim["evidence"].append({"id": "E9", "source": "ISW"}),
}

# Whatever reads a claim to write it out (for a script, another desk or a reader)
WRITE_CLAIMS_OUT = [
    *(["export", "--format", fmt] for fmt in ("json", "jsonl", "csv", "geojson", "markdown", "html", "claimreview")),
    ["export", "--format", "json", "--with-deleted"],
    *(["list", "--format", fmt] for fmt in ("json", "jsonl", "csv")),
    ["list", "--format", "json", "--limit", "10"],
    ["show", "C-0001"], ["show", "C-0001", "--format", "json"],
]


def check_said_damaged(result, raw: bytes, db: Path) -> None:
    """Refused as a command that cannot read a record is: exit 1, the database named as damaged,
    `claims doctor` the way on, nothing written out, the database as it was."""
    assert result.exit_code == 1, (result.exit_code, result.stdout[:200], result.stderr)
    # (where the command knows it, the record and what is wrong with it follow: "...: C-0001's claimed_on ...")
    said, named, rest = result.stderr.partition("cannot read")
    assert said == f"Error: the database {db} has damaged records this command " and named, result.stderr
    assert re.fullmatch(r"(: [^\n]+)?\nRun `claims doctor` to see which records and how to recover\.\n", rest), \
        result.stderr
    assert result.stdout == ""
    assert db.read_bytes() == raw


@pytest.mark.parametrize("case", sorted(WITHOUT_WHAT_EVERY_CLAIM_HOLDS))
def test_every_command_writing_claims_out_refuses_one_without_what_every_claim_holds(cli, built, case):
    """(script-user test) Its text and status removed by hand, or its claimed_on "": `export --format
    json` (jsonl, csv, geojson) exited 0 writing `"text": null`, which the other desk's import then
    refused, while html, markdown and report refused, as they crashed on it. Every export, listing
    and `show` now looks for the fields every claim holds and refuses alike; doctor names the record."""
    raw = edit_line(built, "1", WITHOUT_WHAT_EVERY_CLAIM_HOLDS[case])
    for args in WRITE_CLAIMS_OUT:
        check_said_damaged(cli(*args), raw, built)
    assert cli("doctor").exit_code == 1  # (what the refusal points to names it)


def test_an_export_of_a_claim_whose_id_is_gone_is_refused(cli, built):
    """(`show` of it says the record holds another ID: it is read by its number)"""
    raw = edit_line(built, "1", _set("id", None))
    for fmt in ("json", "jsonl", "csv"):
        check_said_damaged(cli("export", "--format", fmt), raw, built)
        check_said_damaged(cli("list", "--format", fmt), raw, built)


def test_an_export_to_a_file_refused_for_a_damaged_claim_leaves_no_file(cli, built, tmp_path):
    raw = edit_line(built, "1", _set("claimed_on", ""))
    out = tmp_path / "out.json"
    check_said_damaged(cli("export", "--output", out), raw, built)
    assert not out.exists()


def test_a_damaged_claim_in_the_part_a_worker_writes_is_refused_too(cli, built, monkeypatch):
    """A large export writes its last claims in a forked worker (workers.write_in_two)."""
    from claims_cli import workers

    monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
    monkeypatch.delenv("CLAIMS_WORKERS", raising=False)
    raw = edit_line(built, "3", lambda claim: claim.pop("text"))
    for fmt in ("json", "jsonl", "csv"):
        check_said_damaged(cli("export", "--format", fmt), raw, built)
        check_said_damaged(cli("list", "--format", fmt), raw, built)


def test_the_review_listings_for_a_script_refuse_a_claim_without_what_every_claim_holds_too(cli, built):
    raw = edit_line(built, "2", _set("claimed_on", " "))  # (C-0002: contested)
    for fmt in ("json", "jsonl", "csv"):
        check_said_damaged(cli("contested", "--format", fmt), raw, built)


# Each listing's table, beside the format for a script that lists the same claims
TABLE_AND_SCRIPTS = [
    (["list"], ["list", "--format", "json", "--limit", "50"]), (["list", "--format", "table"], ["list", "--format", "json"]),
    (["list", "--limit", "0"], ["list", "--format", "json"]),
    (["list", "--limit", "1"], ["list", "--format", "json", "--limit", "1"]),
    (["list", "--status", "confirmed"], ["list", "--status", "confirmed", "--format", "json"]),
    (["contested"], ["contested", "--format", "json"]), (["contested", "--format", "table"], ["contested", "--format", "csv"]),
    (["contested", "--limit", "0"], ["contested", "--format", "json"]),
    (["unverified"], ["unverified", "--format", "json"]), (["unverified", "--limit", "0"], ["unverified", "--format", "jsonl"]),
]

# The report reads every claim, in each of its formats
REPORTS = [["report"], ["report", "--format", "table"], ["report", "--since", "2025-11-01"],
           *(["report", "--format", fmt] for fmt in ("json", "markdown", "html"))]


@pytest.mark.parametrize("key", ["1", "2", "3"])  # (C-0001 confirmed, C-0002 contested, C-0003 unverified)
@pytest.mark.parametrize("case", sorted(WITHOUT_WHAT_EVERY_CLAIM_HOLDS))
def test_the_tables_and_the_report_refuse_a_claim_without_what_every_claim_holds_as_a_script_format_does(
        cli, built, case, key):
    """(human test) `claims list`, `contested` and `unverified` as tables, and `claims report`, laid
    out such a claim: a blank statement for `"text": null`, a row without the evidence item that
    had lost its stance, a status the rule does not know; the report counted it (exit 0). Each
    now refuses exactly when its format for a script does, in the same words, exit 1."""
    raw = edit_line(built, key, WITHOUT_WHAT_EVERY_CLAIM_HOLDS[case])
    refused = 0
    for table, script in TABLE_AND_SCRIPTS:
        scripts, result = cli(*script), cli(*table)
        assert built.read_bytes() == raw
        if scripts.exit_code:
            check_said_damaged(scripts, raw, built)
            check_said_damaged(result, raw, built)
            refused += 1
        else:
            assert result.exit_code == 0 and "Error" not in result.stderr, (table, result.stderr)
    assert refused, "the damaged claim is in no listing"
    for args in REPORTS:
        check_said_damaged(cli(*args), raw, built)


def test_a_damaged_claim_in_the_part_a_worker_reads_for_the_report_is_refused_too(cli, built, monkeypatch):
    """An all-time report reads its last claims in a forked worker (workers.gather_in_two)."""
    from claims_cli import workers

    monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
    monkeypatch.delenv("CLAIMS_WORKERS", raising=False)
    raw = edit_line(built, "3", _set("text", None))
    for fmt in ("table", "json", "markdown", "html"):
        check_said_damaged(cli("report", "--format", fmt), raw, built)


# A hand edit's day or ID holding markup and a table's cell break (as a reviewer pasted it)
SPOILED = "2025-12-07 <img src=x onerror=alert(1)>|"

# The documents for people: the exports and the report, in Markdown and HTML
DOCUMENTS = [*(["export", "--format", fmt] for fmt in ("markdown", "html")),
             *(["report", "--format", fmt, *period] for fmt in ("markdown", "html") for period in ([], ["--since", "2025-11-01"]))]


@pytest.mark.parametrize("worker", [False, True])
@pytest.mark.parametrize("change", [_set("claimed_on", SPOILED), _set_evidence("on", SPOILED)],
                         ids=["claimed-on", "strong-support-on"])
def test_every_document_refuses_a_claim_day_or_support_day_that_is_no_date(cli, built, change, worker, monkeypatch):
    """(reader review) C-0001's claim date, or the day of its strong support, hand-edited to no
    date: the HTML documents refused it (their timeline reads each day), while the Markdown ones
    exited 0 with the raw `<img ...>` and `|` in a heading and a table. Every document now refuses
    it alike, exit 1; doctor names it."""
    from claims_cli import workers

    if worker:  # (the last claims laid out by a forked worker: workers.share_out, gather_in_two)
        monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
        monkeypatch.delenv("CLAIMS_WORKERS", raising=False)
    raw = edit_line(built, "1", change)
    for args in DOCUMENTS:
        check_said_damaged(cli(*args), raw, built)
    assert cli("doctor").exit_code == 1


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


# (a withdrawal's time it cannot read is shown by its first ten characters)
WITHDRAWN_SPOILED = "<i>x</i>|a"


@pytest.mark.parametrize(("key", "change", "value"), [
    ("2", _set("id", SPOILED), SPOILED), ("1", _set("event_on", SPOILED), SPOILED),
    ("1", _set_evidence("id", SPOILED), SPOILED), ("2", _set_evidence("on", SPOILED), SPOILED),
    ("2", _set_evidence("stance", SPOILED), SPOILED), ("1", _set("lat", SPOILED), SPOILED),
    ("1", _set_evidence("withdrawn_at", WITHDRAWN_SPOILED), WITHDRAWN_SPOILED)],
    ids=["id", "event-on", "evidence-id", "dispute-on", "stance", "lat", "withdrawn-at"])
def test_the_documents_escape_a_hand_edited_id_day_stance_or_coordinate(cli, built, key, change, value):
    """(reader review) The Markdown export wrote a hand edit's claim ID, event day, evidence ID,
    evidence day, stance or latitude as it was: `<img ...>` raw in a heading or a field, and its
    `|` a cell more in the evidence table; the report's contested table alike for an ID. HTML
    escaped them (exit 0) but for a withdrawal's time it cannot read, whose first ten characters
    both wrote raw. Each is now escaped, in Markdown with `md`, as any user text."""
    from claims_cli.documents import esc, md

    edit_line(built, key, change)
    page = cli("export", "--format", "html", ok=True).stdout
    assert esc(value) in page and value not in page
    export = cli("export", "--format", "markdown", ok=True).stdout
    assert md(value) in export
    for document in (export, cli("report", "--format", "markdown", ok=True).stdout):
        assert not re.search(r"(?<!\\)<(img|i>)", document)  # (md's `\<img` is text)
        rows = [line for line in document.splitlines() if line.startswith("|") and re.search("img|<i>", line)]
        # (an evidence row and a contested row: 7 cells each)
        assert all(_unescaped_pipes(row) == 8 for row in rows), rows

# What the report reads of a deleted claim: its history (its status changes count), not its text,
# status or evidence
DELETED_CLAIM_HISTORY_DAMAGED = {
    "no-history": _drop("history"),
    "history-not-a-list": _set("history", "created"),
    "history-entry-not-an-object": lambda claim: claim["history"].append("junk"),
    "history-status-unknown": _set_history("status_after", "maybe"),
    "history-without-at": lambda claim: claim["history"][0].pop("at"),
}


@pytest.mark.parametrize("worker", [False, True])
@pytest.mark.parametrize("case", sorted({*WITHOUT_WHAT_EVERY_CLAIM_HOLDS, "no-claimed-on"} - {"no-history"}))  # (that one: below)
def test_the_report_reads_of_a_deleted_claim_only_its_history(cli, built, case, worker, monkeypatch):
    """(review) A deleted claim hand-damaged in a field the report does not read of it (`"text":
    null`) refused every report, whatever the period, while list, contested and export, which leave
    deleted claims out, worked: the report reads a deleted claim only for its status changes."""
    from claims_cli import workers

    if worker:  # (the last claims read by a forked worker: workers.gather_in_two)
        monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
        monkeypatch.delenv("CLAIMS_WORKERS", raising=False)
    cli("delete", "C-0003", "--yes", ok=True)
    raw = edit_line(built, "3", _drop("claimed_on") if case == "no-claimed-on" else WITHOUT_WHAT_EVERY_CLAIM_HOLDS[case])
    for args in [*REPORTS, ["report", "--since", "2025-01-01", "--until", "2025-01-02"]]:
        result = cli(*args)
        assert result.exit_code == 0 and result.stderr == "", (args, result.stderr)
        assert built.read_bytes() == raw
    changes = cli("report", "--format", "json", ok=True).json()
    assert "C-0003" not in json.dumps(changes["backlog"]), changes["backlog"]


@pytest.mark.parametrize("worker", [False, True])
@pytest.mark.parametrize("case", sorted(DELETED_CLAIM_HISTORY_DAMAGED))
def test_a_deleted_claim_whose_history_is_damaged_still_refuses_the_report(cli, built, case, worker, monkeypatch):
    from claims_cli import workers

    if worker:
        monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
        monkeypatch.delenv("CLAIMS_WORKERS", raising=False)
    cli("delete", "C-0003", "--yes", ok=True)
    raw = edit_line(built, "3", DELETED_CLAIM_HISTORY_DAMAGED[case])
    for args in [*REPORTS, ["report", "--since", "2025-01-01", "--until", "2025-01-02"]]:
        check_said_damaged(cli(*args), raw, built)


@pytest.mark.parametrize("stamp, said", [
    ("2025-11-28T09:00:00Z", "history[1]: at 2025-11-28T09:00:00Z is before the entry it follows ({})"),
    ("2099-12-02T09:00:00Z", "history[1]: at 2099-12-02T09:00:00Z is in the future, more than a day after this "
                             "machine's clock"),
])
def test_doctor_names_a_source_history_time_out_of_order_or_in_the_future(cli, db, stamp, said):
    """(review) A source's history is stamped as a claim's is, and `sources show` lists it so: one
    out of time order (an older claims stamped a source's change on a clock behind by that clock),
    or in the future, is named as a claim's is (the warning of a change on a clock behind says
    doctor names a wrong time)."""
    cli("sources", "add", "Src B", "--side", "ukraine", ok=True)
    cli("sources", "edit", "Src B", "--grade", "B", ok=True)
    added, edited = [entry["at"] for entry in cli("sources", "show", "Src B", "--format", "json", ok=True).json()["history"]]
    raw, entry = db.read_bytes(), '"at":"{}","analyst":"tester","action":"edited"'
    assert raw.count(entry.format(edited).encode()) == 1
    db.write_bytes(raw.replace(entry.format(edited).encode(), entry.format(stamp).encode()))  # (as a hand edit would)
    result = cli("doctor", "--format", "json")
    assert result.exit_code == 1, result.stdout
    problems = [(problem["kind"], problem["where"], problem["message"]) for problem in result.json()["database"]["problems"]]
    assert problems == [("history-time", "source 'Src B'", said.format(added))], problems


@pytest.mark.parametrize("change, kind, mend", [
    (_out_of_order, "history-time", "history time"),
    (_set("claimed_on", "1025-12-01"), "date-slip", "date before"),
])
def test_restore_backup_is_refused_when_the_only_problems_are_no_damage(cli, built, change, kind, mend):
    """(review) A history time out of order (or a date slip) is no damage, and doctor's advice says
    no restore: yet --restore-backup put the older NAME.bak in place, lost the last change and kept
    the current file as "damaged". Refused, saying what doctor found is no damage and how to mend
    it; with real damage too, the restore still goes ahead."""
    raw = edit_line(built, "1", change)
    kinds = {problem["kind"] for problem in cli("doctor", "--format", "json", ok=False).json()["database"]["problems"]}
    assert kinds == {kind}, kinds
    refused = cli("doctor", "--restore-backup")
    assert refused.exit_code == 1 and "Restored" not in refused.stderr, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("Error: not restoring ") and "no damage" in lines[0], lines
    assert mend in lines[1], lines
    assert built.read_bytes() == raw and not list(built.parent.glob("*.damaged-*"))
    built.write_bytes(raw[:-40])  # (truncated as well: real damage, and the backup is healthy)
    restored = cli("doctor", "--restore-backup")
    assert "Restored" in restored.stderr + restored.stdout, restored.stderr


def _spaced(claim):  # (a hand edit as a sheet writes a time: a space for the T, still read as a time)
    claim["history"][1]["at"] = claim["history"][1]["at"].replace("T", " ")


def _spaced_before(claim):
    claim["history"][1]["at"] = "2025-11-28 09:00:00Z"


@pytest.mark.parametrize("change, said", [
    (_spaced, None),
    (_spaced_before, "history[1]: at 2025-11-28 09:00:00Z is before the entry it follows ({})"),
])
def test_a_history_time_with_a_space_for_the_t_is_compared_as_a_time(cli, built, monkeypatch, change, said):
    """(review) "2026-12-07 23:00:00Z" is read as a time, but a stamp ending in Z was compared as
    text, where a space sorts before the T: doctor said it was before the entry it follows
    ("2026-12-07T11:55:41Z") when it was hours after. Compared in UTC, it is named only when it is
    before; the same with a worker checking the last half of the claims."""
    from claims_cli import workers

    first = {}
    edit_line(built, "1", lambda claim: (first.setdefault("at", claim["history"][0]["at"]), change(claim)))
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    result = cli("doctor", "--format", "json")
    problems = [(problem["kind"], problem["where"], problem["message"]) for problem in result.json()["database"]["problems"]]
    assert problems == ([] if said is None else [("history-time", "C-0001", said.format(first["at"]))]), problems
    monkeypatch.delenv("CLAIMS_WORKERS")
    monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
    assert cli("doctor", "--format", "json").stdout == result.stdout


# A live claim's history entry damaged by hand (C-0001's first, "created"): its statuses and
# action are read by every report (its status changes), its time by a report of a period (which
# puts the entries in order; over all time none is compared). `False`: read over a period only.
LIVE_CLAIM_HISTORY_DAMAGED = {
    "status-after-unknown": (_set_history("status_after", "bogus"), True),
    "status-before-unknown": (_set_history("status_before", "maybe"), True),
    "status-after-list": (_set_history("status_after", []), True),
    "action-null": (_set_history("action", None), True),
    "action-blank": (_set_history("action", " "), True),
    "at-null": (_set_history("at", None), False),
    "at-not-a-time": (_set_history("at", "yesterday"), False),
}


@pytest.mark.parametrize("worker", [False, True])
@pytest.mark.parametrize("case", sorted(LIVE_CLAIM_HISTORY_DAMAGED))
def test_a_live_claim_whose_history_is_damaged_refuses_the_report_that_reads_it(cli, built, case, worker, monkeypatch):
    """(review) `"status_after": "bogus"` in live C-0001's history by hand: `report --since
    2020-01-01` said exit 0 with a change "new -> bogus"; a null or unreadable time, a null action,
    were counted as well, in silence (doctor names each). Only a deleted claim's history was checked
    (767377c). The report refuses an entry it counts, with the words of any damaged record."""
    from claims_cli import workers

    if worker:
        monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
        monkeypatch.delenv("CLAIMS_WORKERS", raising=False)
    change, every_report = LIVE_CLAIM_HISTORY_DAMAGED[case]
    raw = edit_line(built, "1", change)
    assert any(problem["where"] == "C-0001" for problem in doctor_json(cli)[1]["database"]["problems"])
    periods = [["report", "--since", "2020-01-01"], ["report", "--since", "2020-01-01", "--format", "json"],
               ["report", "--since", "2025-06-01", "--until", "2099-12-31", "--format", "markdown"]]
    for args in [*(REPORTS if every_report else ()), *periods]:
        check_said_damaged(cli(*args), raw, built)


OVER_A_LIMIT = {
    # (C-0001's field, a hand edit's value over its limit (models.MAX_*), what doctor and an edit say)
    "text": ("text", "Russian forces took Kucherivka " + "x" * 4970, "text is 5001 characters long; the limit is 4000"),
    "note": ("note", "n" * 10001, "note is 10001 characters long; the limit is 10000"),
    "outlet": ("outlet", "o" * 201, "outlet is 201 characters long; the limit is 200"),
    "place": ("place", "p" * 201, "place is 201 characters long; the limit is 200"),
    "region": ("region", "r" * 205, "region is 205 characters long; the limit is 200"),
    "ref": ("ref", "R" * 201, "ref is 201 characters long; the limit is 200"),
    "tag": ("tags", ["front", "t" * 61], "tags is 61 characters long; the limit is 60"),
    "tags": ("tags", [f"tag{number}" for number in range(51)], "too many tags (51); the limit is 50"),
    "url": ("urls", ["https://example.org/" + "u" * 2029], "url is 2049 characters long; the limit is 2048"),
    "urls": ("urls", [f"https://example.org/{number}" for number in range(51)], "too many urls (51); the limit is 50"),
}


@pytest.mark.parametrize("case", sorted(OVER_A_LIMIT))
def test_doctor_names_a_stored_value_over_its_limit_as_an_edit_refuses_it(cli, built, case):
    """(review) A 5,000-character statement from a hand edit passed doctor as healthy, while every
    edit of the claim was refused: "the stored text of C-0001 is not valid: text is 5000 characters
    long". Doctor names the claim, the field, its length and the limit, in the edit's own words."""
    field, value, said = OVER_A_LIMIT[case]
    raw = edit_line(built, "1", _set(field, value))
    other = ("--note", "seen") if field == "place" else ("--place", "Kyiv")
    refused = cli("edit", "C-0001", *other, ok=False)
    assert refused.exit_code == 1 and built.read_bytes() == raw
    edit_field = "urls" if field == "urls" else field
    assert refused.stderr.splitlines()[0] == f"Error: the stored {edit_field} of C-0001 is not valid: {said}", \
        refused.stderr
    result, report = doctor_json(cli, ok=False)
    assert result.exit_code == 1
    assert report["database"]["problems"] == [{"kind": "bad-record", "where": "C-0001", "message": said}], \
        report["database"]["problems"]


def test_a_stored_value_within_its_limit_once_cleaned_is_healthy(cli, built):
    """What an edit takes, doctor takes: a place of 200 characters and blanks around them (an edit
    strips them), tags that are one over the limit only before repeats are dropped, a tag holding
    two shorter ones (`a;b`: split, as an edit splits it)."""
    edit_line(built, "1", lambda claim: claim.update(
        place="  " + "p" * 200 + " ", tags=["same"] * 51, urls=["https://example.org/a"] * 51,
        note=None, outlet=None, ref=None))
    edit_line(built, "2", _set("tags", ["t" * 40 + ";" + "u" * 40]))
    assert cli("edit", "C-0001", "--note", "seen", ok=True).exit_code == 0
    assert cli("edit", "C-0002", "--note", "seen", ok=True).exit_code == 0
    edit_line(built, "1", lambda claim: claim.update(place="  " + "p" * 200 + " ", tags=["same"] * 51))
    edit_line(built, "2", _set("tags", ["t" * 40 + ";" + "u" * 40]))
    result, report = doctor_json(cli)
    assert result.exit_code == 0 and report["database"]["problems"] == [], report["database"]["problems"]


def test_doctor_names_a_claimant_over_the_limit_of_a_sources_name(cli, built):
    """A source renamed by hand to a name over MAX_NAME, and C-0001 given it: every edit of the
    claim is refused for it, and doctor says so of each claim (not once for the claimant)."""
    long_name = "Ministry of Defence of the Russian Federation, Department of Information and Mass Communications"
    assert len(long_name) > 80

    def rename(tables):
        mod = next(doc for doc in tables["sources"].values() if doc["name"] == "Russian MoD")
        mod["name"] = long_name
    edit_first_line(built, rename)
    for key in ("1", "2"):
        edit_line(built, key, _set("source", long_name))
    said = f"source is {len(long_name)} characters long; the limit is 80"
    refused = cli("edit", "C-0001", "--place", "Kyiv", ok=False)
    assert refused.stderr.splitlines()[0] == f"Error: the stored source of C-0001 is not valid: {said}", refused.stderr
    problems = doctor_json(cli, ok=False)[1]["database"]["problems"]
    assert [problem for problem in problems if problem["message"] == said] == [
        {"kind": "bad-record", "where": "C-0001", "message": said},
        {"kind": "bad-record", "where": "C-0002", "message": said}], problems


@pytest.mark.parametrize("evidence_id", ["2025-12-07 <img src=x>|", "E0", "X1", ""])
def test_an_evidence_id_that_is_no_evidence_id_is_named_by_doctor(cli, built, evidence_id):
    """(reader review) A hand edit's evidence ID '2025-12-07 <img src=x>|' was healthy to doctor,
    while `evidence add` on that claim then failed on it ('... is not an evidence ID'), the next
    number being counted from the stored ones."""
    raw = edit_line(built, "1", _set_evidence("id", evidence_id))
    _, report = doctor_json(cli, ok=False)
    said = [problem for problem in report["database"]["problems"] if problem["kind"] == "bad-record"]
    assert [(problem["where"], problem["message"]) for problem in said] == [
        ("C-0001 evidence #1", f"an evidence item without a valid ID (id: {json.dumps(evidence_id)[1:-1]!r})")
    ], said
    assert built.read_bytes() == raw


def test_an_evidence_id_written_otherwise_of_its_number_is_no_problem(cli, built):
    """The IDs `evidence_number` reads (e1, E-01 as a desk might type them) are not said: the next
    evidence item is still numbered past them."""
    edit_line(built, "1", _set_evidence("id", "e-01"))
    _, report = doctor_json(cli, ok=True)
    assert not [problem for problem in report["database"]["problems"] if problem["kind"] == "bad-record"], report


def test_evidence_added_to_a_claim_holding_a_spoiled_evidence_id_says_the_stored_one_is_at_fault(cli, built):
    """(reader review) `confirm C-0001 --by ISW` said "'X1' is not an evidence ID / Evidence IDs look
    like E1", of an ID the user never typed: the stored one, a hand edit's, from which the next
    number is counted."""
    raw = edit_line(built, "1", _set_evidence("id", "X1"))
    result = cli("confirm", "C-0001", "--by", "ISW")
    check_plain_error(result, raw, built)
    assert result.stderr.splitlines() == [
        "Error: the stored evidence of C-0001 is not valid: 'X1' is not an evidence ID",
        "Run `claims doctor`: it names the item; mend its ID by hand (E1, E2, ...)."], result.stderr


def test_an_update_import_onto_a_claim_holding_a_spoiled_evidence_id_says_the_stored_one_is_at_fault(
        cli, built, tmp_path):
    """(reader review) An update import bringing evidence to C-0001 said "'X1' is not an evidence
    ID", of the stored ID it counts the new items' numbers from, a hand edit's."""
    cli("confirm", "C-0001", "--by", "ISW", ok=True)
    export = tmp_path / "export.json"
    cli("export", "--format", "json", "--output", str(export), ok=True)
    cli("evidence", "remove", "C-0001", "E2", "--reason", "a slip", ok=True)
    raw = edit_line(built, "1", _set_evidence("id", "X1"))
    result = cli("import", str(export), "--on-duplicate", "update")
    check_plain_error(result, raw, built)
    assert result.stderr.splitlines()[0] == \
        "Error: the stored evidence of C-0001 is not valid: 'X1' is not an evidence ID", result.stderr


@pytest.mark.parametrize("day", ["20251207", "2025-W49-7"])
@pytest.mark.parametrize("command", [("report",), ("report", "--format", "markdown"), ("export", "--format", "html")])
def test_a_day_in_another_iso_form_is_refused_by_the_documents_on_every_python(cli, built, day, command):
    """(review) date.fromisoformat reads '20251207' and '2025-W49-7' from Python 3.11 on, not on
    3.10, which the project supports: the same hand-edited database was reported on one and
    refused on the other. A day is YYYY-MM-DD (doctor says so of these) on each."""
    raw = edit_line(built, "1", _set("claimed_on", day))
    result = cli(*command)
    check_plain_error(result, raw, built)
    assert "damaged records" in result.stderr, result.stderr


def test_evidence_after_a_spoiled_stored_id_can_still_be_withdrawn(cli, built):
    """(review) `evidence remove C-0001 E2` read every stored ID up to E2's and stopped on a hand
    edit's 'X1' before it: "'X1' is not an evidence ID", of an ID the user never typed. An item
    is found by its number past one that has none (doctor names that one)."""
    cli("confirm", "C-0001", "--by", "ISW", ok=True)
    edit_line(built, "1", _set_evidence("id", "X1"))
    result = cli("evidence", "remove", "C-0001", "E2", "--reason", "a slip", ok=True)
    assert "withdrew E2" in result.stderr.lower() or "E2" in result.stderr, result.stderr
    claim = cli("show", "C-0001", "--format", "json", ok=True).json()
    assert [(item["id"], bool(item["withdrawn_at"])) for item in claim["evidence"]] == [("X1", False), ("E2", True)]


def test_two_evidence_ids_of_one_number_written_otherwise_are_named_by_doctor(cli, built):
    """(review) 'E1' and 'e-01' on one claim were healthy to doctor (it compared the text), while
    `evidence remove C-0001 e-01` then found E1, already withdrawn, and the second item could never
    be withdrawn; an import refuses them as "evidence ID E1 appears twice"."""
    cli("confirm", "C-0001", "--by", "ISW", ok=True)
    edit_line(built, "1", lambda claim: claim["evidence"][1].__setitem__("id", "e-01"))
    _, report = doctor_json(cli, ok=False)
    said = [(problem["kind"], problem["where"], problem["message"]) for problem in report["database"]["problems"]]
    assert said == [("duplicate-id", "C-0001 e-01", "the evidence IDs 'E1' and 'e-01' are one, E1")], said
    # (review) the one written as the store writes it second: both are named still, in the file's order
    edit_line(built, "1", lambda claim: (claim["evidence"][0].__setitem__("id", "e-01"),
                                         claim["evidence"][1].__setitem__("id", "E1")))
    _, report = doctor_json(cli, ok=False)
    said = [(problem["kind"], problem["where"], problem["message"]) for problem in report["database"]["problems"]]
    assert said == [("duplicate-id", "C-0001 E1", "the evidence IDs 'e-01' and 'E1' are one, E1")], said


def test_evidence_remove_takes_the_item_as_its_id_is_stored_before_another_of_its_number(cli, built):
    """(review) With a hand edit's 'E1' and 'e-01' on one claim, `evidence remove C-0001 e-01`
    withdrew E1, the first of the number, and then said "evidence E1 ... is already withdrawn" of
    e-01, which could never be withdrawn. The ID as stored is found first; of several of one
    number, one in force before one withdrawn. And a stored ID that is no evidence ID ('X1') is
    found as typed, so it can be withdrawn too (it said "'X1' is not an evidence ID")."""
    cli("confirm", "C-0001", "--by", "ISW", ok=True)
    edit_line(built, "1", lambda claim: claim["evidence"][1].__setitem__("id", "e-01"))
    cli("evidence", "remove", "C-0001", "e-01", "--reason", "a slip", ok=True)
    claim = cli("show", "C-0001", "--format", "json", ok=True).json()
    assert [(item["id"], bool(item["withdrawn_at"])) for item in claim["evidence"]] == [("E1", False), ("e-01", True)]
    cli("evidence", "remove", "C-0001", "E1", "--reason", "a slip", ok=True)
    edit_line(built, "1", lambda claim: claim["evidence"][1].update(id="E1", withdrawn_at=None))
    cli("evidence", "remove", "C-0001", "E1", "--reason", "the one in force", ok=True)  # (E1 withdrawn, E1 not)
    claim = cli("show", "C-0001", "--format", "json", ok=True).json()
    assert [(item["id"], bool(item["withdrawn_at"])) for item in claim["evidence"]] == [("E1", True), ("E1", True)]
    edit_line(built, "1", lambda claim: claim["evidence"][0].update(id="X1", withdrawn_at=None))
    cli("evidence", "remove", "C-0001", "X1", "--reason", "a slip", ok=True)
    claim = cli("show", "C-0001", "--format", "json", ok=True).json()
    assert claim["evidence"][0]["id"] == "X1" and claim["evidence"][0]["withdrawn_at"], claim["evidence"]


def test_a_day_in_another_iso_form_is_refused_by_the_contested_ages_on_every_python(cli, built):
    """(review) `contested` counted the age of a claim dated '2025-W49-7' from Python 3.11 on
    (layout.days_since read it with fromisoformat) and refused it as damaged on 3.10."""
    cli("dispute", "C-0001", "--by", "ISW", ok=True)
    raw = edit_line(built, "1", _set("claimed_on", "2025-W49-7"))
    result = cli("contested")
    check_plain_error(result, raw, built)
    assert "damaged records" in result.stderr, result.stderr


@pytest.mark.parametrize("typed", ["E2", "e2"])
@pytest.mark.parametrize("spoil", ["no id", "a number"])
def test_evidence_remove_beside_an_item_without_a_readable_id_is_refused_however_the_id_is_typed(
        cli, built, typed, spoil):
    """(review) With one item's "id" deleted by hand, `evidence remove C-0001 E2` withdrew E2 (found
    as typed) and `... e2` said the database was damaged: one ID typed two ways is one answer, the
    refusal every write gives a record it cannot read (a write would carry the damage on)."""
    cli("confirm", "C-0001", "--by", "ISW", ok=True)
    raw = edit_line(built, "1", (lambda claim: claim["evidence"][0].pop("id")) if spoil == "no id" else
                    _set_evidence("id", 1))
    result = cli("evidence", "remove", "C-0001", typed, "--reason", "a slip")
    check_plain_error(result, raw, built)
    assert "damaged records" in result.stderr, result.stderr


def test_an_empty_evidence_id_is_no_evidence_id_to_remove(cli, built):
    """(review) A hand edit's "id": "" was withdrawn by `evidence remove C-0001 ''`, the change said
    without the item: an empty ID names nothing, as before."""
    raw = edit_line(built, "1", _set_evidence("id", ""))
    result = cli("evidence", "remove", "C-0001", "")
    check_plain_error(result, raw, built)
    assert "is not an evidence ID" in result.stderr, result.stderr


@pytest.mark.parametrize("claim_id", ["X1", ""])
@pytest.mark.parametrize("fmt", ["csv", "json", "markdown", "html"])
def test_an_export_of_a_file_without_the_line_layout_reads_a_hand_edited_claim_id_as_one_with_it(
        cli, built, claim_id, fmt, tmp_path, monkeypatch):
    """(review) A hand edit that gave C-0001 another ID ('X1', '') in a file written otherwise than
    the store writes it (`json.dump`: all on one line) made every export fail with "'X1' is not a
    claim ID", an ID the user never typed, where `list` and `show` read it; the same edit in the
    store's layout exported it. Exported in both files alike (doctor names the record)."""
    from claims_cli import dates

    # (the two exports' time, frozen: a second ticking between them made their bytes differ)
    frozen_day = dates.today()
    monkeypatch.setattr(dates, "utc_now", lambda: "2025-12-10T09:00:00Z")
    monkeypatch.setattr(dates, "today", lambda: frozen_day)
    edit_line(built, "1", _set("id", claim_id))
    laid_out = tmp_path / f"laid-out.{fmt}"
    cli("export", "--format", fmt, "--output", laid_out, ok=True)
    raw = json.dumps(json.loads(built.read_bytes())).encode()  # one line, as json.dump writes it
    built.write_bytes(raw)
    one_line = tmp_path / f"one-line.{fmt}"
    result = cli("export", "--format", fmt, "--output", one_line)
    assert result.exit_code == 0, result.stderr
    assert one_line.read_bytes() == laid_out.read_bytes()
    assert built.read_bytes() == raw


@pytest.mark.parametrize("evidence_id", [1, 1.0, None, True])
@pytest.mark.parametrize("command", [("confirm", "C-0001", "--by", "ISW"),
                                     ("evidence", "add", "C-0001", "--by", "ISW", "--stance", "disputes")])
def test_evidence_added_beside_a_stored_evidence_id_that_is_no_text_is_refused_as_the_stored_ones_fault(
        cli, built, evidence_id, command):
    """(review) A hand edit's evidence ID 1 (a number, not "E1") was read as E1: `evidence add`
    recorded E2 beside it and wrote the damaged item on, where `show`, `evidence remove` and
    doctor call it damaged (and null, true, 1.0 were refused)."""
    raw = edit_line(built, "1", _set_evidence("id", evidence_id))
    result = cli(*command)
    check_plain_error(result, raw, built)
    assert result.stderr.startswith("Error: the stored evidence of C-0001 is not valid: "), result.stderr


@pytest.mark.parametrize("withdrawn_at", ["gone", "", None])
def test_doctor_names_a_withdrawn_item_whose_withdrawal_time_a_hand_edit_took(cli, built, withdrawn_at):
    """(review) An item with withdrawn_by and withdraw_reason but no withdrawn_at counts as live
    again, a dispute the desk withdrew brought back; doctor said only that C-0002's stored status
    is not the rule's, pointing at the status, not the item (an import refuses such an item)."""
    cli("evidence", "remove", "C-0002", "E1", "--reason", "the wrong village", ok=True)

    def took(claim):
        if withdrawn_at == "gone":
            del claim["evidence"][0]["withdrawn_at"]
        else:
            claim["evidence"][0]["withdrawn_at"] = withdrawn_at

    raw = edit_line(built, "2", took)
    _, report = doctor_json(cli, ok=False)
    named = [(problem["where"], problem["message"]) for problem in report["database"]["problems"]
             if problem["where"] == "C-0002 E1"]
    assert named == [("C-0002 E1", "withdrawn_by and withdraw_reason say the item was withdrawn, but it has no "
                                   "withdrawn_at: it counts as live evidence")], report["database"]["problems"]
    assert built.read_bytes() == raw


def _stored_as(db: Path, name: str, stored: str) -> bytes:
    """Hand-edit the source `name`'s stored name to `stored` (in the sources table, as an editor would)."""
    data = orjson.loads(db.read_bytes())
    next(doc for doc in data["sources"].values() if doc["name"] == name)["name"] = stored
    raw = orjson.dumps(data)
    db.write_bytes(raw)
    return raw


@pytest.mark.parametrize("name, stored, command", [
    ("ISW", "ISW ", "`claims sources rename 'ISW ' ISW`"),
    ("ISW", "\u00a0ISW", "`claims sources rename '\u00a0ISW' ISW`"),  # (plain quotes: every shell reads them)
    ("Café", "Cafe\u0301", "`claims sources rename 'Cafe\u0301' 'Café'`"),
])
def test_doctor_names_a_source_stored_otherwise_than_the_commands_write_a_name_and_its_rename_mends_it(
        cli, db, name, stored, command):
    """(review) "ISW " hand-edited in the sources table: `list --source ISW` found nothing, and
    doctor said healthy of the source, naming only the claim citing it, and advised `edit C-0001
    --source 'ISW '`. It names the source record now, no damage, and the rename it advises mends
    the record and the claims and evidence citing it."""
    if name != "ISW":
        cli("sources", "add", name, "--side", "independent", "--kind", "media", ok=True)
    cli("add", "Depot hit near Kupiansk", "--source", name, "--on", "2025-12-01", ok=True)
    cli("confirm", "C-0001", "--by", name, "--kind", "footage", "--on", "2025-12-02", ok=True)
    raw = _stored_as(db, name, stored)
    result, report = doctor_json(cli)
    said = [(problem["kind"], problem["where"], problem["message"]) for problem in report["database"]["problems"]]
    assert len(said) == 1 and said[0][:2] == ("unclean-source-name", f"source {shown(stored)}"), said
    assert report["advice"] and command in report["advice"][0], report["advice"]
    refused = cli("doctor", "--restore-backup", ok=False)
    assert "no damage" in refused.stderr and "sources rename" in refused.stderr and db.read_bytes() == raw
    renamed = cli("sources", "rename", stored, name, ok=True)
    # (review: "Renamed source ISW  to ISW", the space unseen; quoted where the name is written otherwise)
    assert renamed.stderr.startswith(f"Renamed source {shown(stored)} to {name}: "), renamed.stderr
    cli("doctor", ok=True)
    assert [claim["id"] for claim in cli("list", "--source", name, "--format", "json", ok=True).json()] == ["C-0001"]
    assert [claim["id"] for claim in cli("list", "--evidence-by", name, "--format", "json", ok=True).json()] == ["C-0001"]


def test_a_source_stored_with_spaces_whose_name_another_source_holds_is_that_duplicate_alone(cli, db):
    """The rename a source stored as "ISW " would be advised is refused beside another ISW: the
    duplicate is what doctor says, once."""
    cli("sources", "add", "Hand Added", "--side", "independent", "--kind", "media", ok=True)
    _stored_as(db, "Hand Added", "ISW ")
    _, report = doctor_json(cli)
    assert [problem["kind"] for problem in report["database"]["problems"]] == ["duplicate-source"], report


@pytest.mark.parametrize("key", ["02", "002", "\uff12"])
def test_a_claim_stored_under_its_number_written_otherwise_is_named_by_doctor_and_restored(cli, built, key):
    """(review) `sed 's/^"2":{/"02":{/'` (or "002", or a full-width ２): `show C-0002` said "stored
    under number 02 ... run `claims doctor`", but doctor read the key as the number (int() does) and
    called the file healthy, and --restore-backup refused it as healthy: a dead end. Doctor names
    it; the restore it offers mends it, as writing the key back by hand does."""
    raw = built.read_bytes()
    raw = raw.replace(b'\n"2":{"id":"C-0002",', f'\n"{key}":{{"id":"C-0002",'.encode())
    built.write_bytes(raw)
    check_plain_error(cli("show", "C-0002", ok=False), raw, built)
    _, report = doctor_json(cli, ok=False)
    assert ("bad-id", "C-0002", f"the claim is stored under number {shown(key)}, not 2") in [
        (problem["kind"], problem["where"], problem["message"]) for problem in report["database"]["problems"]]
    assert any("--restore-backup" in step for step in report["advice"]), report["advice"]
    cli("doctor", "--restore-backup", ok=True)
    assert doctor_json(cli, ok=True)[1]["database"]["healthy"]
    cli("show", "C-0002", ok=True)


def test_a_claim_key_written_back_by_hand_is_healthy_again(cli, built):
    raw = built.read_bytes()
    built.write_bytes(raw.replace(b'\n"2":{"id":"C-0002",', b'\n"02":{"id":"C-0002",'))
    doctor_json(cli, ok=False)
    built.write_bytes(raw)
    assert doctor_json(cli, ok=True)[1]["database"]["healthy"]


@pytest.mark.parametrize("day", ["01/12/2025", "2025-12-01T00:00:00+02:00", "2025-13-01"])
@pytest.mark.parametrize("command", [
    ["list", "--since", "2025-11-01", "--format", "csv"], ["list", "--until", "2025-12-31", "--format", "csv"],
    ["export", "--format", "csv", "--since", "2025-11-01"], ["contested", "--since", "2025-11-01"],
    ["report", "--until", "2025-12-07", "--format", "json"], ["report", "--format", "json"],
    ["report", "--format", "html"], ["contested"]])  # (the table's Age: review)
def test_a_claim_date_that_is_no_day_is_refused_by_every_command_reading_dates_naming_the_claim(cli, built, day,
                                                                                                 command):
    """(review) A hand edit's claimed_on "07/12/2025" (or a time, or no date) dropped out of `list
    --since`, `export --since` and `report --until`'s counts in silence (28 claims, not 29), while
    `report -f html` refused it: each refuses it, naming the claim, and doctor names it."""
    raw = edit_line(built, "2", _set("claimed_on", day))
    refused = cli(*command, ok=False)
    check_plain_error(refused, raw, built)
    assert "damaged" in refused.stderr and "C-0002" in refused.stderr and "claimed_on" in refused.stderr, refused.stderr
    assert "claims doctor" in refused.stderr
    problems = doctor_json(cli, ok=False)[1]["database"]["problems"]
    assert ("C-0002", f"claimed_on {shown(day)} is not a YYYY-MM-DD date") in [
        (problem["where"], problem["message"]) for problem in problems]


@pytest.mark.parametrize("command", [
    ["list", "--tag", "s"], ["list", "--tag", "siversk"], ["show", "C-0002"], ["show", "C-0002", "--format", "json"],
    ["list", "--format", "json"], ["list", "--format", "csv"], ["export", "--format", "json"],
    ["export", "--format", "markdown"], ["contested", "--tag", "x"]])
def test_tags_stored_as_text_not_a_list_are_refused_naming_the_claim(cli, built, command):
    """(review) "tags": "siversk;x" by hand: `list --tag s` matched it (a character of the text),
    `--tag siversk` left it out, `show` printed "Tags s, i, v, e, r, s, k, ;, x" and `list -f json`
    a string, exit 0. Refused as evidence that is no list is, naming the claim; doctor names it."""
    raw = edit_line(built, "2", _set("tags", "siversk;x"))
    refused = cli(*command, ok=False)
    check_plain_error(refused, raw, built)
    assert "damaged" in refused.stderr and "C-0002's tags 'siversk;x' is not a list of text" in refused.stderr
    assert ("C-0002", "tags 'siversk;x' is not a list of text") in [  # (the value said: review)
        (problem["where"], problem["message"]) for problem in doctor_json(cli, ok=False)[1]["database"]["problems"]]


@pytest.mark.parametrize("written", ["c-0002", "C-2", "c2", "C-00002"])
def test_a_claim_id_stored_in_another_ascii_form_is_noted_by_doctor_and_listed_as_show_says_it(cli, built, written):
    """(review) "c-0002" or "C-2" by hand: doctor called it healthy; `list -f csv` and `export -f
    json` printed it as stored while `show -f json` printed C-0002 (a script joining on IDs missed
    it). Every listing and export says C-0002, as show and the store do; doctor names it (no damage:
    the restore is refused) with its mend, which an edit of the claim is."""
    raw = edit_line(built, "2", _set("id", written))
    for command in (["list", "--format", "csv"], ["export", "--format", "json"], ["list"],
                    ["export", "--format", "jsonl"], ["contested", "--format", "csv"]):
        out = cli(*command, ok=True).stdout
        assert "C-0002" in out and written not in out, (command, out)
    assert cli("show", "C-0002", "--format", "json", ok=True).json()["id"] == "C-0002"
    assert built.read_bytes() == raw
    result, report = doctor_json(cli, ok=False)
    assert [(problem["kind"], problem["where"], problem["message"]) for problem in report["database"]["problems"]] \
        == [("id-form", "C-0002", f"the claim's ID is stored as {shown(written)}, not C-0002")]
    assert any("C-0002" in step and "edit" in step for step in report["advice"]), report["advice"]
    refused = cli("doctor", "--restore-backup", ok=False)
    assert built.read_bytes() == raw and "no damage" in refused.stderr, refused.stderr
    cli("edit", "C-0002", "--place", "Siversk district", ok=True)
    assert doctor_json(cli, ok=True)[1]["database"]["healthy"]


def test_records_in_a_table_claims_does_not_read_are_noted_by_doctor_with_the_import(cli, built):
    """(review) A script's plain TinyDB `db.insert()` puts its records in the `_default` table, which
    no command reads: doctor called the file healthy, and the records were never listed. Doctor
    notes them (no damage: still healthy), with the import that brings them in."""
    from tinydb import TinyDB

    with TinyDB(built) as tiny:
        tiny.insert({"text": "Russian forces took Bakhmut", "source": "MoD", "claimed_on": "2025-12-03"})
        tiny.insert({"text": "Ukraine struck a depot", "source": "Ukraine", "claimed_on": "2025-12-04"})
    result, report = doctor_json(cli, ok=True)
    assert report["database"]["other_tables"] == {"_default": 2}
    said = cli("doctor", ok=True).stdout
    note = [line for line in said.splitlines() if "_default" in line]
    assert len(note) == 1 and note[0].startswith("Note: 2 records") and "claims import" in note[0], said


@pytest.mark.parametrize("change, said", [
    (_set_evidence("stance", "Supports"), "stance 'Supports' is not a stance (supports, disputes or inconclusive)"),
    (_set_evidence("source", 7), "source 7 is not text"),
    (_set_evidence("source", None), "the evidence item has no source")])
def test_doctor_says_the_stance_or_source_of_an_evidence_item_it_cannot_read(cli, built, change, said):
    """(review) A stance typed "Supports" by hand: doctor said only "an evidence item without a
    source or a valid stance", without the value to look for."""
    edit_line(built, "1", change)
    problems = doctor_json(cli, ok=False)[1]["database"]["problems"]
    assert ("C-0001 evidence #1", said) in [(problem["where"], problem["message"]) for problem in problems], problems


@contextmanager
def _ahead(monkeypatch, seconds: int):
    """Within it, this machine's clock runs `seconds` ahead."""
    from claims_cli import dates

    real = dates.time_ns
    with monkeypatch.context() as patch:
        patch.setattr(dates, "time_ns", lambda: real() + seconds * 10**9)
        yield


def test_audit_a_change_restamped_after_a_clock_that_ran_ahead_keeps_its_own_time(cli, db, monkeypatch):
    """(team-desk audit) A machine whose clock ran 3 days fast stamped its entry in the future; every
    other analyst's change after it was stamped a second after it, their real time kept nowhere, and
    doctor flagged their entries too, advising to set the times by hand. The entry keeps this
    machine's own time as `clock_at` where its stamp was moved more than a minute past it; `history`
    and `show` say it, and doctor names the entries whose own clock was right."""
    from claims_cli import dates

    with _ahead(monkeypatch, 3 * 86_400):
        cli("add", "Russian forces took Y", "--source", "Russian MoD", "--on", "2025-12-01", ok=True)
    first = cli("history", "C-0001", "--format", "json", ok=True).json()[0]
    start = dates.utc_now()
    cli("confirm", "C-0001", "--by", "GeoConfirmed", "--kind", "footage", "--on", "2025-12-02", ok=True)
    end = dates.utc_now()
    history = cli("history", "C-0001", "--format", "json", ok=True).json()
    assert history[1]["at"] > first["at"] and start <= history[1]["clock_at"] <= end, history
    assert history[0]["clock_at"] is None  # (stamped by its own clock: nothing moved)
    stored = cli("show", "C-0001", "--format", "json", ok=True).json()["history"]
    assert "clock_at" not in stored[0] and stored[1]["clock_at"] == history[1]["clock_at"], stored
    csv_head = cli("history", "C-0001", "--format", "csv", ok=True).stdout.splitlines()[0]
    assert csv_head.endswith(",assessed_at,assessed_by,clock_at"), csv_head
    said = f"(its own clock: {history[1]['clock_at'][:16].replace('T', ' ')} UTC)"
    for command in ("history", "show"):  # (the table folds the detail at its words)
        assert said in " ".join(cli(command, "C-0001", ok=True).stdout.split()), command
    # doctor: the first entry's clock ran ahead; the second's was right, and doctor says so
    report = cli("doctor", "--format", "json", ok=False).json()
    messages = [problem["message"] for problem in report["database"]["problems"]]
    assert messages == [
        f"history[0]: at {first['at']} is in the future, more than a day after this machine's clock",
        f"history[1]: at {history[1]['at']} is in the future, more than a day after this machine's clock; it was "
        f"stamped so only to follow the entry before it: its own clock said {history[1]['clock_at']} (clock_at)"], messages
    assert report["advice"][-1] == (
        "C-0001 history[1] was stamped later only to follow the entry before it, on a clock that was right: its "
        "\"clock_at\" is when it was made. Set its \"at\" to that, and the entries before it, made on a clock that ran "
        "ahead, to times before it."), report["advice"]
    # a change on a clock that is right, after entries that are not ahead, keeps no second time
    cli("add", "Russian forces took Z", "--source", "Russian MoD", "--on", "2025-12-01", ok=True)
    cli("dispute", "C-0002", "--by", "ISW", ok=True)
    assert all("clock_at" not in entry for entry in cli("show", "C-0002", "--format", "json", ok=True).json()["history"])


def test_audit_a_source_change_restamped_after_a_clock_ahead_keeps_its_own_time(cli, db, monkeypatch):
    """(team-desk audit) A source's history is stamped as a claim's: the same."""
    from claims_cli import dates

    with _ahead(monkeypatch, 3 * 86_400):
        cli("sources", "add", "Rybar", "--side", "russia", ok=True)
    start = dates.utc_now()
    cli("sources", "edit", "Rybar", "--grade", "C", ok=True)
    history = cli("sources", "show", "Rybar", "--format", "json", ok=True).json()["history"]
    assert "clock_at" not in history[0] and start <= history[1]["clock_at"] <= dates.utc_now(), history
    assert f"(its own clock: {history[1]['clock_at'][:16].replace('T', ' ')} UTC)" in \
        " ".join(cli("sources", "show", "Rybar", ok=True).stdout.split())
    report = cli("doctor", "--format", "json", ok=False).json()
    assert report["advice"][-1].startswith("source 'Rybar' history[1] was stamped later only to follow"), report["advice"]


def test_audit_clock_at_goes_out_in_an_export_and_back_in_with_an_import(cli, db, tmp_path, monkeypatch):
    """(team-desk audit) A desk two hours ahead (within the day an import takes): the change after
    its entry keeps its own time, and an export carries it to another desk's import; a clock_at that
    is no time is refused as any history time is."""
    with _ahead(monkeypatch, 2 * 3_600):
        cli("add", "Russian forces took Y", "--source", "Russian MoD", "--on", "2025-12-01", ok=True)
    cli("confirm", "C-0001", "--by", "GeoConfirmed", "--kind", "footage", "--on", "2025-12-02", ok=True)
    kept = cli("show", "C-0001", "--format", "json", ok=True).json()["history"][1]["clock_at"]
    export = tmp_path / "desk.json"
    cli("export", "--format", "json", "--output", export, ok=True)
    other = tmp_path / "other.json"
    cli("--db", other, "import", export, ok=True)
    history = cli("--db", other, "show", "C-0001", "--format", "json", ok=True).json()["history"]
    assert [entry.get("clock_at") for entry in history][:2] == [None, kept], history
    data = json.loads(export.read_text())
    data["claims"][0]["history"][1]["clock_at"] = "yesterday"
    export.write_text(json.dumps(data))
    refused = cli("--db", tmp_path / "third.json", "import", export, ok=False)
    assert "history[1]: clock_at 'yesterday' is not a time such as 2025-12-07T09:30:00Z" in refused.stderr, \
        refused.stderr
    # (review) a clock_at after its own at (one in the future too) is no machine's clock that ran
    # behind it: refused, where it was stored and shown as "its own clock"; a null one is no key
    stamped = data["claims"][0]["history"][1]["at"]
    from datetime import datetime, timedelta

    later = (datetime.fromisoformat(stamped[:-1]) + timedelta(seconds=1)).isoformat() + "Z"
    for wrong in ("2030-01-01T00:00:00Z", later):
        data["claims"][0]["history"][1]["clock_at"] = wrong
        export.write_text(json.dumps(data))
        refused = cli("--db", tmp_path / "third.json", "import", export, ok=False)
        assert f"history[1]: clock_at {wrong} is after the entry's at ({stamped})" in refused.stderr, refused.stderr
    data["claims"][0]["history"][1]["clock_at"] = None
    export.write_text(json.dumps(data))
    cli("--db", tmp_path / "third.json", "import", export, ok=True)
    third = cli("--db", tmp_path / "third.json", "show", "C-0001", "--format", "json", ok=True).json()["history"]
    assert "clock_at" not in third[1], third
