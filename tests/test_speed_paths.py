"""The fast paths behind bench/ (issue 6), checked for behaviour, never for time.

What must hold: `--version` and machine-readable reads import nothing they do not use; Typer's
option coercion gives the same values and the same errors without Pydantic; a write re-uses the
parse of a file that has not changed, yet never loses another writer's change; the store's direct
table writes leave the file exactly as TinyDB would; the console script flushes all its output
even though it skips the interpreter's teardown.
"""

from __future__ import annotations

import gc
import json
import re
import subprocess
import sys

import pytest
from tinydb import TinyDB

from claims_cli import ledger, storage
from claims_cli.errors import InvalidValue
from claims_cli.models import DEFAULT_CATEGORIES, DEFAULT_SOURCES, SourceRegistry
from claims_cli.store import ClaimStore

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

REGISTRY = SourceRegistry(DEFAULT_SOURCES)


def record(number: int, *, disputed: bool = False) -> dict:
    """A valid claim record; disputed by Ukraine (a weak dispute) makes a MoD claim contested."""
    rec = ledger.new_claim_record(
        {"text": f"Russian forces took village {number}", "source": "Russian MoD",
         "claimed_on": f"2025-{1 + number * 7 % 12:02d}-{1 + number * 13 % 28:02d}", "place": f"Village {number}"},
        REGISTRY, DEFAULT_CATEGORIES, "tester", now="2025-12-09T10:00:00Z")  # (fixed: two stores compared byte
    # for byte were made across a second's tick now and then)
    if disputed:
        rec["evidence"].append(ledger.build_evidence(
            {"source": "Ukraine", "stance": "disputes", "on": "2025-12-08"}, REGISTRY, number=1,
            analyst="tester"))
        from claims_cli.verification import refresh_status

        refresh_status(rec, REGISTRY)
    return rec


def seed(db, count: int, *, disputed: bool = False) -> ClaimStore:
    store = ClaimStore(db)
    with store.transaction():
        store.add_claims([record(n, disputed=disputed) for n in range(1, count + 1)])
    return store


def imported_modules(*args: str, db) -> str:
    """The -X importtime report of a real `python -m claims_cli ARGS` process."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "claims_cli", "--db", str(db), *args],
                            capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stderr


# ------------------------------------------------------------------------- what is imported

def test_version_imports_no_cli_framework():
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "claims_cli", "--version"],
                            capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.stdout == "claims 0.2.0\n"
    for heavy in ("typer", "rich", "tinydb", "orjson", "dateutil", "pydantic"):
        assert f" {heavy}" not in result.stderr, heavy


def test_json_listing_imports_neither_pydantic_nor_rich(db):
    seed(db, 3)
    report = imported_modules("list", "--side", "russia", "--status", "unverified", "--format", "JSON",
                              "--limit", "2", db=db)
    assert " pydantic" not in report
    assert " rich" not in report
    assert " tempfile" not in report  # only writing an --output file needs it
    assert " tinydb" not in report  # reads go to the storage itself; TinyDB is built for writes
    assert " csv\n" not in report  # the claims' CSV is written without the csv module; JSON needs neither


def test_the_store_builds_its_tinydb_over_its_own_storage_when_a_write_needs_it(db):
    from tinydb.storages import Storage

    seed(db, 2)
    store = ClaimStore(db)
    assert store.count() == 2 and store._tinydb is None
    with store.transaction():
        store.add_claims([record(7)])
    assert store._file_db.storage is store._storage and isinstance(store._storage, Storage)
    assert ClaimStore(db).count() == 3


# ----------------------------------------------------------- option values without Pydantic

def test_plain_option_values_are_coerced_as_typer_does(cli, db):
    seed(db, 3)
    rows = cli("list", "--format", "JSON", "--limit", "2", "--sort", "-id", "--side", "russia", "--side", "ukraine",
               "--db", str(db), ok=True).json()
    assert [row["id"] for row in rows] == ["C-0003", "C-0002"]


@pytest.mark.parametrize("args, words", [
    (("list", "--format", "xml"), ["'xml' is not one of", "'json'"]),
    (("list", "--limit", "-1"), ["--limit '-1' is out of range (0 or more)"]),
    (("list", "--limit", "ten"), ["--limit 'ten' is not a whole number"]),
])
def test_invalid_option_values_keep_typers_errors(cli, db, args, words):
    result = cli(*args, ok=False)
    assert result.exit_code == 2
    for word in words:
        assert word in result.stderr


def test_db_option_that_is_a_directory_is_refused(cli, tmp_path):
    # Typer's own path check is off for --db: the store says it in one line, exit 1 (a user error).
    result = cli("--db", str(tmp_path), "list", ok=False)
    assert result.exit_code == 1
    assert "is a directory" in result.stderr


# ------------------------------------------------------------------- one parse per command

def test_a_write_reuses_the_parse_of_an_unchanged_file(db, monkeypatch):
    seed(db, 5)
    calls = []
    real_load = storage._load
    monkeypatch.setattr(storage, "_load", lambda path: calls.append(path) or real_load(path))
    store = ClaimStore(db)
    before = store.get_claim("C-0003")["status"]
    claim, _ = ledger.add_evidence(store, "C-0003", {"source": "ISW", "stance": "supports"}, "tester")
    assert (before, claim["status"]) == ("unverified", "confirmed")
    assert len(calls) == 1
    assert ClaimStore(db).get_claim("C-0003")["status"] == "confirmed"


def test_a_write_rereads_a_file_another_writer_changed(db):
    seed(db, 2)
    mine = ClaimStore(db)
    assert mine.count() == 2  # parsed and cached
    theirs = ClaimStore(db)
    ledger.add_claim(theirs, {"text": "Theirs", "source": "Ukraine", "claimed_on": "2025-12-07"}, "other")
    added = ledger.add_claim(mine, {"text": "Mine", "source": "ISW", "claimed_on": "2025-12-07"}, "tester")
    assert added["id"] == "C-0004"
    texts = [claim["text"] for claim in ClaimStore(db).claims()]
    assert "Theirs" in texts and "Mine" in texts


def test_a_failed_transaction_forgets_its_changes(db):
    store = seed(db, 2)
    with pytest.raises(InvalidValue):
        with store.transaction():
            store.add_claims([record(9)])
            raise InvalidValue("stop")
    assert store.count() == 2
    assert ClaimStore(db).count() == 2


def test_large_files_are_frozen_out_of_the_collector_and_gc_stays_on(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "FREEZE_BYTES", 10)
    path = tmp_path / "big.json"
    path.write_bytes(json.dumps({"claims": {str(n): {"n": n} for n in range(100)}}).encode())
    gc.unfreeze()
    try:
        assert storage.load_json_file(path)["claims"]["7"] == {"n": 7}
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()



def test_the_start_up_pause_of_the_collector_ends_before_the_command_runs(cli, db, monkeypatch):
    from claims_cli import collector, context

    real_store = context.store
    seen = []

    def store(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_store(*args, **kwargs)

    monkeypatch.setattr(context, "store", store)
    collector.pause_startup()
    try:
        assert not gc.isenabled()
        cli("list", "--format", "json")
        assert seen == [True] and gc.isenabled()  # the command ran with the collector on
        collector.end_startup()  # a second end changes nothing
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


# ------------------------------------------------------------------ the store's direct writes

def test_direct_writes_leave_a_tinydb_file_in_order(db):
    store = seed(db, 3)
    ledger.edit_claim(store, "C-0002", {"place": "Siversk"}, "tester")
    ledger.add_claim(store, {"text": "New", "source": "ISW", "claimed_on": "2025-12-07"}, "tester")
    raw = json.loads(db.read_text(encoding="utf-8"))
    assert list(raw["claims"]) == ["1", "2", "3", "4"]
    plain = TinyDB(db)  # TinyDB's own JSONStorage reads it as it always did
    try:
        assert plain.table("claims").get(doc_id=2)["place"] == "Siversk"
        assert plain.table("claims").get(doc_id=4)["text"] == "New"
        assert plain.table("meta").get(doc_id=1)["next_claim"] == 5
    finally:
        plain.close()


def test_two_claims_with_one_id_in_a_batch_are_refused(db):
    store = seed(db, 1)
    first, second = record(2), record(3)
    first["id"] = second["id"] = "C-0007"
    before = db.read_bytes()
    with pytest.raises(InvalidValue):
        with store.transaction():
            store.add_claims([first, second])
    assert db.read_bytes() == before


def test_add_claims_adopts_records_with_an_id_slot_and_copies_the_rest(db):
    store = seed(db, 1)
    adopted = {"id": None, **record(2)}
    kept = {"id": "c9", **record(3)}
    plain = record(4)
    with store.transaction():
        stored = store.add_claims([kept, adopted, plain], adopt=True)
    assert stored[0] is kept and kept["id"] == "C-0009"  # set in place, written back normalised
    assert stored[1] is adopted and adopted["id"] == "C-0010"
    assert stored[2] is not plain and "id" not in plain and stored[2]["id"] == "C-0011"
    other = record(5)
    with store.transaction():
        (copied,) = store.add_claims([{"id": None, **other}])  # without adopt: always a copy
    assert copied["id"] == "C-0012"
    raw = json.loads(db.read_text(encoding="utf-8"))["claims"]
    assert [list(claim)[0] for claim in raw.values()] == ["id"] * 5
    assert {key: value for key, value in raw["10"].items() if key != "id"} == record(2) | {
        "created_at": raw["10"]["created_at"], "updated_at": raw["10"]["updated_at"],
        "history": raw["10"]["history"]}


def test_a_large_bulk_step_freezes_its_objects_and_leaves_gc_on(monkeypatch):
    from claims_cli import importers

    monkeypatch.setattr(importers, "_FREEZE_OBJECTS", 10)
    gc.unfreeze()
    try:
        with importers._bulk():
            assert not gc.isenabled()
            made = [{"n": n} for n in range(100)]
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        assert made[7] == {"n": 7}
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_imports_planner_is_freed_as_the_import_ends_not_by_the_collector(db, monkeypatch, fmt):
    """(issue 6) Cleaners that referred to the planner's parts made a cycle: the planner and its
    indexes of every row were left to the next collection, which freed them in 0.1-0.4 s of a
    100,000-row import (as the summary was printed)."""
    import weakref

    from claims_cli import importers

    planners = []
    made = importers._Planner.__init__

    def watched(self, *args, **kwargs):
        made(self, *args, **kwargs)
        planners.append(weakref.ref(self))

    monkeypatch.setattr(importers._Planner, "__init__", watched)
    data = (b"text,source,claimed_on,event_on,place,lat,lon,category,tags,url,ref,note\n"
            b"Russian forces took Avdiivka,Russian MoD,yesterday,2025-12-01,Avdiivka,48.1,37.7,other,a;b,"
            b"https://example.org/x,R-1,a note\n"
            b"Ukraine held Kupiansk,ISW,2025-12-02,,Kupiansk,,,,,,,\n") if fmt == "csv" else \
        exported_lines(db, 3)
    store = ClaimStore(db.parent / "other.json")
    gc.disable()
    try:
        importers.import_batch(store, importers.parse(data, fmt), analyst="tester")
        assert planners and planners[0]() is None
    finally:
        gc.enable()


def test_an_import_of_many_sources_builds_the_registrys_lookups_once(db, monkeypatch):
    """(review) Each new source of a file was added by `with_source`, which copies the registry's
    lookups: 3,000 sources took 3.6 s, 12,000 took 34 s. And each source the database has that
    the file gives an alias more was put in by working out every source's names again, after
    reading every source's record for its history: 3,000 such took two minutes. The lookups are
    copied once, each source put in (checked against those before it as ever: a name another
    holds is said), and the histories read once."""
    from claims_cli import importers
    from claims_cli.models import SourceRegistry

    def document(aliases: int) -> bytes:
        sources = [{"name": f"Channel {number}", "side": "russia", "kind": "social",
                    "aliases": [f"ch{number}", f"c{number}"][:aliases]} for number in range(300)]
        sources.append({"name": "Channel X", "side": "russia", "aliases": ["ch7"]})  # (ch7 is Channel 7's)
        return json.dumps({"format": "claims-export", "version": 1, "sources": sources, "claims": []}).encode()

    counted = {"made": 0, "names put": 0, "histories read": 0}

    def counting(method, what):
        def counted_call(*args, **kwargs):
            counted[what] += 1
            return method(*args, **kwargs)
        return counted_call

    monkeypatch.setattr(SourceRegistry, "__init__", counting(SourceRegistry.__init__, "made"))
    monkeypatch.setattr(SourceRegistry, "_add", counting(SourceRegistry._add, "names put"))
    monkeypatch.setattr(ClaimStore, "source_history", counting(ClaimStore.source_history, "histories read"))
    plan = importers.import_batch(ClaimStore(db), importers.parse(document(1), "json"), analyst="tester")
    assert counted["made"] < 10 and counted["names put"] < 2 * 300, counted
    assert [note.message for note in plan.source_notes] == [
        "'ch7' already names the source 'Channel 7' of this file: 'Channel X' is added without that alias"]
    counted.update(dict.fromkeys(counted, 0))
    plan = importers.import_batch(ClaimStore(db), importers.parse(document(2), "json"), analyst="tester")
    assert counted["made"] < 10 and counted["names put"] < 3 * 300 and counted["histories read"] < 10, counted
    assert len(plan.updated_sources) == 300
    registry = ClaimStore(db).registry()
    assert len(registry) == len(DEFAULT_SOURCES) + 301
    assert (registry.get("ch7").name, registry.get("c7").name, registry.get("Channel X").aliases) == \
        ("Channel 7", "Channel 7", [])


# ------------------------------------------------------------ exiting without the teardown

def test_console_script_flushes_large_output_and_messages(db, run_claims):
    seed(db, 300)
    listed = run_claims("list", "--format", "json", "--limit", "0")
    assert listed.returncode == 0
    assert len(json.loads(listed.stdout)) == 300
    missing = run_claims("show", "C-9999")
    assert missing.returncode == 1
    assert missing.stderr.decode().startswith("Error: no claim C-9999")


def test_contested_table_shows_fifty_and_says_how_many_more(db, cli):
    seed(db, 55, disputed=True)
    shown = cli("contested", ok=True)
    # (a message, on stderr: the table on stdout is the data)
    assert shown.stderr.strip() == "50 of 55 claims shown; --limit 0 shows all."
    assert "claims shown" not in shown.stdout and shown.stdout.count("C-") == 50
    assert len(cli("contested", "--format", "json", ok=True).json()) == 55
    every = cli("contested", "--limit", "0", ok=True)
    assert every.stderr == "" and every.stdout.count("C-") == 55


@pytest.mark.parametrize("sort", ["claimed", "-claimed", "place", "-id", "status"])
def test_a_page_is_the_start_of_the_full_order(db, cli, sort):
    seed(db, 40)
    everything = cli("list", "--sort", sort, "--limit", "0", "--format", "json", ok=True).json()
    page = cli("list", "--sort", sort, "--limit", "7", "--format", "json", ok=True).json()
    assert [c["id"] for c in page] == [c["id"] for c in everything[:7]]
    table = cli("list", "--sort", sort, "--limit", "7", ok=True)
    assert table.stderr.strip() == "7 of 40 claims shown; --limit 0 shows all."


def _created_at_aside(raw: bytes) -> bytes:
    """A database file's bytes with its meta's created_at written as one time."""
    return re.sub(rb'"created_at":"[^"]*"', b'"created_at":"T"', raw, count=1)


def test_packed_claims_are_numbered_like_dicts_and_read_back(db, tmp_path):
    """add_packed_claims: kept IDs first move the counter, new ones take the next numbers; the
    file holds what add_claims would have written, and the claims read back whole."""
    packed_store = seed(db, 2)
    kept = {"id": "c7", **record(3)}
    new = {"id": None, **record(4)}
    with packed_store.transaction():
        ids = packed_store.add_packed_claims([packed_store.pack_claim({**kept, "id": "C-0007"}),
                                              packed_store.pack_claim(new)])
        assert packed_store.get_claim("C-0008")["text"] == new["text"]  # read back before the write
    assert ids == ["C-0007", "C-0008"]
    other = tmp_path / "dicts.json"
    dict_store = seed(other, 2)
    with dict_store.transaction():
        dict_store.add_claims([dict(kept), dict(new)], adopt=True)
    # (each file's created_at is its own: the two were made across a second's tick now and then)
    assert _created_at_aside(db.read_bytes()) == _created_at_aside(other.read_bytes())
    assert [claim["id"] for claim in ClaimStore(db).claims()] == ["C-0001", "C-0002", "C-0007", "C-0008"]
    with pytest.raises(InvalidValue):
        with packed_store.transaction():
            packed_store.add_packed_claims([packed_store.pack_claim({"id": "C-0008", **record(5)})])


def test_packed_claims_in_a_database_without_the_line_layout(tmp_path):
    """A file TinyDB wrote itself (no line layout) gets the packed claims as dicts."""
    path = tmp_path / "plain.json"
    store = ClaimStore(path)
    with store.transaction():
        store.add_claims([record(1)])
    data = json.loads(path.read_bytes())
    path.write_text(json.dumps(data))  # one line: not the line layout
    store = ClaimStore(path)
    with store.transaction():
        store.add_packed_claims([store.pack_claim({"id": None, **record(2)})])
        assert [claim["id"] for claim in store.claims()] == ["C-0001", "C-0002"]
    assert [claim["text"] for claim in ClaimStore(path).claims()] == [record(1)["text"], record(2)["text"]]


def test_a_csv_rows_claim_packed_in_two_parts_is_its_record_packed_whole(tmp_path):
    """(issue 6) A CSV row's new claim is packed as its fields and what its source's claims share
    (status to times, packed once a source: pack_claim_with): the bytes pack_claim makes of the
    record planned unpacked, for every source, date read from today, unusual cell and general path."""
    from claims_cli import importers
    from claims_cli.storage import pack_claim

    data = ("text,source,claimed_on,event_on,place,region,lat,lon,category,tags,url,ref,note\n"
            "Took Siversk,Russian MoD,2025-12-01,,Siversk,Donetsk,48.86,38.1,territorial,a;b,https://a.org/1,R-1,\n"
            "Repelled assaults,Ukraine,yesterday,2025-11-30,,,,,,,,,\"two\nlines\"\n"
            'Holds the line,isw,2025-12-03,,"Рівне ",,,,STRIKE,#x #y, https://b.org/2 ,,\n'
            "Shelled Kherson,ISW,2025-12-04,,Kherson,,95,37,,,ftp://x,r-2,bell\x07\n"
            "Quiet day,Ukraine,2025-12-05,,,,,,,,,,\n"
            "A short row (the general path),Ukraine,2025-12-06\n").encode()
    plans = {}
    for packed in (True, False):
        store = ClaimStore(tmp_path / f"{packed}.json")
        plans[packed] = importers._plan(store, importers.parse(data, "csv"), analyst="tester", on_duplicate="skip",
                                        progress=None, now="2025-12-09T10:00:00Z",
                                        pack=store.pack_claim if packed else None)
    assert len(plans[False].added) == 5 and {problem.where for problem in plans[False].problems} == {"row 5 (line 6)"}
    assert plans[True].added == [pack_claim(record) for record in plans[False].added]
    assert plans[True].relative_notes == plans[False].relative_notes != []


def load_bench():
    """bench/run.py as a module (it is a script, not part of the package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).parents[1] / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = bench  # (its dataclasses look their module up)
    try:
        spec.loader.exec_module(bench)
    finally:
        del sys.modules["bench_run"]
    return bench


def test_the_benchmark_says_when_its_floor_was_slowed_by_the_exit():
    """(a bench run of this session) The floor's interpreter exit took 1-2 s more on a noisy host:
    every `x floor` ratio at 100,000 claims then passed, HTML export included. The table says so."""
    from types import SimpleNamespace

    bench = load_bench()

    def size(floor, parse, floor_min=None, parse_min=None):
        return [SimpleNamespace(kind="floor", name="floor: read + parse DB",
                                results={"seconds": floor, "min_seconds": floor_min or floor}),
                SimpleNamespace(kind="reference", name="(floor without teardown)",
                                results={"seconds": parse, "min_seconds": parse_min or parse})]

    assert bench.unsteady_floors([(100_000, size(1.256, 1.076, 1.225, 1.037), {})]) == []
    said = bench.unsteady_floors([(1_000, size(0.041, 0.037), {}), (100_000, size(2.213, 1.063), {})])
    assert len(said) == 1 and said[0].startswith("- **Unsteady floor at 100,000 claims:** its median, 2.213 s, is 2.1x")
    # (a later run) the floor's runs themselves far apart: a median 1.747 s against a fastest 1.345 s
    said = bench.unsteady_floors([(100_000, size(1.747, 1.320, 1.345, 1.044), {})])
    assert len(said) == 1 and "runs far apart" in said[0] and "1.747" in said[0], said


def test_the_benchmarks_records_keep_their_history_in_time_order():
    """(scale hunt) The corpus wrote each claim's evidence at random days, not in order: a third of
    its claims had histories out of time order, which no command writes, and the report of the
    benchmark's own database contradicted itself (+737 contested in a month without a change)."""
    bench = load_bench()
    sys.modules["bench_run"] = bench  # (build_records makes dataclasses, which look their module up)
    try:
        records = bench.build_records(400)
    finally:
        del sys.modules["bench_run"]
    for record in records:
        stamps = [entry["at"] for entry in record["history"]]
        assert stamps == sorted(stamps), (record["id"], stamps)
        statuses = [(entry.get("status_before"), entry.get("status_after")) for entry in record["history"]]
        assert all(before == previous[1] for previous, (before, _) in zip(statuses, statuses[1:])), statuses
        assert [item["recorded_at"] for item in record["evidence"]] == sorted(item["recorded_at"] for item in record["evidence"])


def test_the_benchmarks_small_import_adds_every_row_to_its_corpus(tmp_path, cli):
    """The bench's "import 100 new CSV rows" row measures checking new rows against every stored
    claim: its rows must all be added, not skipped as the corpus's own rows (same refs)."""
    bench = load_bench()
    sys.modules["bench_run"] = bench
    try:
        paths = bench.write_corpus(tmp_path, 30)
    finally:
        del sys.modules["bench_run"]
    bench.write_new_rows(paths)
    result = cli("--db", paths["db"], "import", paths["new_rows"], ok=True)
    assert "30 added, 0 updated, 0 skipped as duplicates, 0 invalid" in result.stderr, result.stderr


def test_an_imports_duplicate_index_holds_no_stored_claim_parsed(db):
    """(issue 6) The duplicate checks of an import kept every stored claim parsed, all at once: a
    one-row import into 100,000 claims peaked near 800 MB, 5.3 times the file. They keep where
    each claim is in the file and what they compare (ref, source, date, place, statement), and
    parse a claim again when a row may be it. (Memory, not time: what the index holds is counted,
    a claim's dict being several times its line.)"""
    import tracemalloc

    from claims_cli import importers

    seed(db, 2000, disputed=True)
    store = ClaimStore(db)
    store.count()  # (the file is read, and kept, before the count)
    batch = importers.parse(b"text,source,claimed_on\nA new claim,ISW,2025-12-01\n", "csv")
    tracemalloc.start()
    try:
        planner = importers._Planner(store, batch, analyst="tester", on_duplicate="skip", now="2025-12-09T10:00:00Z")
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert planner.stored_any
    assert held < db.stat().st_size, (held, db.stat().st_size)  # (parsed: 4.3 times the file; now a third)


# ------------------------------------------------------------------------- JSON claims parsed once

def exported_lines(db, count: int) -> bytes:
    """A JSON Lines export of `count` claims with evidence, assessments and history."""
    seed(db, count, disputed=True)
    store = ClaimStore(db)
    ledger.add_evidence(store, "C-0002", {"source": "ISW", "stance": "supports", "url": "https://example.org/a"},
                        "tester")
    return b"".join(json.dumps(claim, ensure_ascii=False).encode() + b"\n"
                    for claim in ClaimStore(db).claims(include_deleted=True))


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_json_claims_are_kept_parsed_within_the_budget_and_as_bytes_past_it(db, cli, monkeypatch, fmt):
    from claims_cli import importers

    exported_lines(db, 6)
    data = cli("export", "--format", fmt).stdout.encode()  # (json: laid out, read claim by claim)
    assert all(type(kept) is dict for _, kept in importers.parse(data, fmt).claims)
    monkeypatch.setattr(importers, "KEEP_PARSED_BYTES", 1)
    kinds = [type(kept) for _, kept in importers.parse(data, fmt).claims]
    assert kinds[0] is dict and len(kinds) == 6
    assert all(kind is not dict for kind in kinds[1:]), kinds


def test_an_import_plans_alike_from_parsed_claims_and_from_bytes(db, tmp_path, monkeypatch):
    from claims_cli import importers

    data = exported_lines(db, 8)
    plans = []
    for budget in (importers.KEEP_PARSED_BYTES, 0):
        monkeypatch.setattr(importers, "KEEP_PARSED_BYTES", budget)
        batch = importers.parse(data, "jsonl")
        assert {type(kept) for _, kept in batch.claims} == ({dict} if budget else {bytes})
        plan = importers.plan_import(ClaimStore(tmp_path / f"other-{budget}.json"), batch, analyst="tester",
                                     now="2100-01-01T00:00:00Z")  # (fixed: after the records' stamps)
        plans.append(vars(plan))
    assert plans[0] == plans[1]
    assert len(plans[0]["added"]) == 8 and not plans[0]["problems"]
    assert any(claim["evidence"] and claim["history"] for claim in plans[0]["added"])


def test_a_kept_json_claim_is_as_parsed_after_its_check(db, cli):
    """(review) The check of a laid-out export's claim added its `url` to the record's own `urls`
    list, so the record kept for the planner was no longer as parsed (the planner added it again)."""
    from claims_cli import importers

    exported_lines(db, 2)
    data = cli("export", "--format", "json").stdout
    data = data.replace('"urls": []', '"url": "https://example.org/b", "urls": ["https://example.org/a"]', 1)
    kept = importers.parse(data.encode(), "json").claims
    assert type(kept[0][1]) is dict and kept[0][1]["urls"] == ["https://example.org/a"], kept[0]


def test_an_imports_plan_starts_empty_without_dataclass_machinery():
    """(perf, 1,000 claims) An import's Plan was a dataclass of 48 fields: the __init__, __eq__ and
    __repr__ that dataclasses writes for them, as source compiled at every start, took about 19
    million instructions (2%) of every import. A plain class now, no plan being compared or
    printed: each plan has its own empty lists, and its problems are said as an import's."""
    import dataclasses

    from claims_cli.importers import Plan, Problem, Problems

    assert not dataclasses.is_dataclass(Plan)
    one = Plan()
    given = Plan(records=3, problems=[Problem("line 2", "text", "text is missing")])
    one.added.append({"id": None})
    one.source_notes.append(Problem("line 1", None, "a note"))
    one.renamed_sources["ISW"] = "Institute for the Study of War"
    assert given.added == [] and given.source_notes == [] and given.renamed_sources == {}
    assert isinstance(one.problems, Problems) and one.problems.total == 0 and one.records == 0
    assert isinstance(given.problems, Problems) and given.problems.total == 1 and given.records == 3
    assert given.invalid == 1 and given.invalid_text("day.jsonl") == "1 of 3 records in day.jsonl is invalid"
    assert one.writes  # (a planned claim is a write)
    assert Plan().writes is False and Plan().summary()["added"] == 0


def test_claims_and_settings_are_written_without_building_tinydb(db, tmp_path):
    """(perf, 1,000 claims) Every write built TinyDB (importing it, about 7 million instructions)
    for what the store already does on its own storage's tables: the claims (`_write_claims`) and,
    through TinyDB's table update, the settings record (the next claim number, the categories). An
    import or an `add` built it for nothing else: the settings are now written as TinyDB writes them,
    and only a change of sources (or a migration) builds it."""
    import shutil

    from claims_cli.store import META, META_DOC_ID

    seed(db, 2)
    other = tmp_path / "other.json"
    shutil.copyfile(db, other)
    store = ClaimStore(db)
    with store.transaction():
        store.add_claims([record(7)])
        store.add_category("sieges")
        store.save_sources([])  # (nothing to write: an import of claims alone)
    assert store._tinydb is None
    by_tinydb = ClaimStore(other)  # the same changes, the settings through TinyDB's own table update
    with by_tinydb.transaction():
        by_tinydb.add_claims([record(7)])
        by_tinydb._file_db.table(META).update({"categories": [*DEFAULT_CATEGORIES, "sieges"]}, doc_ids=[META_DOC_ID])
    assert db.read_bytes() == other.read_bytes()
    assert " tinydb" not in imported_modules("add", "Russian forces took Rivne", "--source", "ISW", "--on",
                                             "2025-12-07", db=db)


def test_a_files_last_block_of_lines_is_not_counted(monkeypatch):
    """(perf, 1,000 claims) Each block of lines a file is read in was counted (a scan of its every
    byte, 8 instructions each: 13 million for a 1.6 MB import) to number the block after it, the last
    one's too, after which there is nothing to number: a file of one block was counted for nothing.
    Only a block something follows is counted now; every line is numbered as before."""
    import io

    from claims_cli import importers

    def counts(data: bytes) -> tuple[list, int]:
        counted = []  # (the bytes each count scanned)

        def watch(frame, event, arg):
            if event == "c_call" and getattr(arg, "__name__", "") == "count" and frame.f_code.co_name == "_blocks":
                counted.append(len(arg.__self__))

        sys.setprofile(watch)
        try:
            blocks = list(importers._blocks(io.BytesIO(data), "day.jsonl", sheet=False))
        finally:
            sys.setprofile(None)
        return blocks, sum(counted)

    lines = b"".join(b'{"n": %d}\n' % number for number in range(1, 41))
    assert counts(lines) == ([(1, 0, lines)], 0)
    monkeypatch.setattr(importers, "_CHUNK", 64)  # (blocks of a few lines, and a last line cut short)
    for data in (lines, lines + b'{"n": 41}', b"\xef\xbb\xbf" + lines + b"\n\n" + b'{"n": 43}'):
        blocks, counted = counts(data)
        assert len(blocks) > 5 and counted == sum(len(block) for _, _, block in blocks[:-1])
        for number, offset, block in blocks:  # (each block's first line, and its byte offset, as read)
            assert data[offset:offset + len(block)] == block
            assert data[:offset].count(b"\n") + 1 == number


def test_a_parsed_batch_starts_empty_without_dataclass_machinery():
    """(perf, 1,000 claims) As the plan (above), the batch `parse` fills was a dataclass, about 4
    million instructions of every import's start: a plain class now, each batch with its own lists."""
    import dataclasses

    from claims_cli.importers import Batch, Problems

    assert not dataclasses.is_dataclass(Batch)
    one, other = Batch("day.jsonl", "jsonl"), Batch(name="day.csv", fmt="csv")
    one.claims.append(("line 1", {"text": "x"}))
    one.categories.append("sieges")
    assert (other.name, other.fmt, other.claims, other.categories, other.sources, other.layout) == \
        ("day.csv", "csv", [], [], [], None)
    assert isinstance(other.problems, Problems) and other.problems.total == 0 and other.parsed_kept == 0
    assert one.records == 1 and other.records == 0


def test_an_exported_claims_history_is_walked_once_for_where_it_leaves_the_claim(db, monkeypatch):
    """(perf, 1,000 claims) Where an exported claim's history leaves it (its status before the
    `imported` entry, and whether it is deleted) was found by walking the history again after it
    had been put in order, entry by entry as the report reads it: 6 million instructions of an
    import of 1,000 exported claims. It is found on the first walk."""
    from claims_cli import importers

    data = exported_lines(db, 3)
    walked = []
    after_entry = importers.after_entry

    def counted(entry, status, gone):
        walked.append(entry["action"])
        return after_entry(entry, status, gone)

    monkeypatch.setattr(importers, "after_entry", counted)
    store = ClaimStore(db.parent / "other.json")
    plan = importers.import_batch(store, importers.parse(data, "jsonl"), analyst="tester")
    entries = sum(len(json.loads(line)["history"]) for line in data.splitlines())
    assert len(plan.added) == 3 and len(walked) == entries
    for claim in store.claims(include_deleted=True):  # (each walked to its end: the imported entry follows on)
        imported = claim["history"][-1]
        assert imported["action"] == "imported" and imported["status_before"] == claim["history"][-2]["status_after"]


def test_an_evidence_items_analyst_is_cleaned_once_a_name(db, monkeypatch):
    """(perf, 1,000 claims) Each evidence item's analyst was cleaned as it was read (strip, NFC,
    the control scan): 1,600 times for the few names of a desk. Each name is cleaned once; a name
    refused is still refused, and each item keeps its analyst."""
    from claims_cli import importers

    data = exported_lines(db, 4)
    cleaned = []
    clean_text = importers.clean_text

    def counted(value, field_name, **options):
        if field_name == "analyst":
            cleaned.append(value)
        return clean_text(value, field_name, **options)

    monkeypatch.setattr(importers, "clean_text", counted)
    lines = [json.loads(line) for line in data.splitlines()]
    items = [item for line in lines for item in line["evidence"]]
    assert len(items) > 3 and {item["analyst"] for item in items} == {"tester"}
    lines[-1]["evidence"][-1]["analyst"] = "  Mark "
    lines[0]["evidence"][0]["analyst"] = "Mark\x1b[31m"
    batch = importers.parse(b"".join(json.dumps(line).encode() + b"\n" for line in lines), "jsonl")
    plan = importers.plan_import(ClaimStore(db.parent / "other.json"), batch, analyst="tester")
    assert sorted(cleaned) == ["  Mark ", "Mark\x1b[31m", "tester"]
    assert [str(problem) for problem in plan.problems] == [
        "line 1 (C-0001), evidence 1 analyst: analyst has a control character '\\x1b' at position 5"]
    analysts = [item["analyst"] for claim in plan.added for item in claim["evidence"]]
    assert analysts[-1] == "Mark" and set(analysts[:-1]) == {"tester"}


def test_a_records_lists_are_checked_for_text_without_a_generator():
    """(perf, 1,000 claims) A record's tags and urls were checked as lists of text by `all` over a
    generator, made anew twice for each record read: a loop (`_all_text`) costs half as much, and
    says the same."""
    from claims_cli import importers

    class Text(str):
        pass

    assert importers._all_text([]) and importers._all_text(["a", Text("b")])
    assert not importers._all_text(["a", 1]) and not importers._all_text([None, "a"])
    record = {"text": "x", "source": "ISW", "claimed_on": "2025-12-07"}
    assert importers._claim_problems("line 1", {**record, "tags": ["front", "east"], "urls": []}) == []
    assert [str(problem) for problem in importers._claim_problems(
        "line 2", {**record, "tags": ["front", None], "urls": ["https://example.org/a", 1]})] == \
        ["line 2, tags: must be a list of text", "line 2, urls: must be a list of text"]


def test_an_exported_historys_entries_are_checked_without_work_they_do_not_need(db, monkeypatch):
    """(perf, 1,000 claims) For each history entry of each record, the times of the edits an
    `imported` entry carries were looked for (a call) though the entry carried none, and whether
    sorting moved an entry was asked of a generator made for each record: 6.6 million instructions
    of an import of 1,000 exported claims. Only an entry carrying edit times is looked at for them,
    and a history out of time order is still said so."""
    from claims_cli import importers

    lines = [json.loads(line) for line in exported_lines(db, 3).splitlines()]
    looked = []
    carried = importers._Planner.carried

    def counted(self, entry):
        looked.append(entry["action"])
        return carried(self, entry)

    monkeypatch.setattr(importers._Planner, "carried", counted)
    history = lines[0]["history"]
    history.append({**history[-1], "action": "imported", "edited_at": {"place": history[-1]["at"]},
                    "edited_by": {"place": "mark"}})
    assert lines[1]["history"][0]["at"] < lines[1]["history"][-1]["at"]
    lines[1]["history"].reverse()
    batch = importers.parse(b"".join(json.dumps(line).encode() + b"\n" for line in lines), "jsonl")
    plan = importers.plan_import(ClaimStore(db.parent / "other.json"), batch, analyst="tester")
    assert looked == ["imported"] and len(plan.added) == 3 and not plan.problems
    assert [(note.where, note.field) for note in plan.order_notes] == [("line 2 (C-0002)", "history")]


def test_doctors_own_claims_are_checked_into_its_report_not_handed_over_as_json(cli, db, monkeypatch):
    """(perf, doctor at 100,000 claims) This process's half of the claims was checked by a copy of
    the checker, written out as JSON and read back in (`add_part`), as the worker's half must be:
    a tenth of the serial tail. Its half is now checked into the checker itself; only the worker's
    is handed over, and the findings are the same (test_doctor_hand_edits checks them)."""
    from claims_cli import health, workers

    seed(db, 30)
    added = []
    add_part = health._ClaimChecker.add_part
    monkeypatch.setattr(health._ClaimChecker, "add_part", lambda self, part: added.append(part) or add_part(self, part))
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    alone = cli("doctor", "--format", "json", ok=True).json()
    assert alone["database"]["claims"] == 30 and added == []  # (one process: every claim checked here)
    monkeypatch.delenv("CLAIMS_WORKERS")
    monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
    shared = cli("doctor", "--format", "json", ok=True).json()
    assert shared == alone
    if workers.workers_allowed():
        assert len(added) == 1  # the worker's half alone


def test_json_lines_are_split_from_their_block_without_a_scan_of_each_byte(monkeypatch):
    """(perf, 1,000 claims) Each block of a JSON Lines file was split into its lines by bytes.split,
    a loop over every byte (5 instructions each: 8 million for a 1.6 MB import); the lines are now
    read off the block with memchr (BytesIO), each without its line end, numbered as before."""
    import io

    from claims_cli import importers

    split = []

    def watch(frame, event, arg):
        if event == "c_call" and getattr(arg, "__name__", "") == "split" and frame.f_code.co_name == "_parse_jsonl":
            split.append(arg)

    data = (b'{"text": "Russian forces took Rivne", "source": "ISW", "claimed_on": "2025-12-07", "ref": "a"}\r\n'
            b"\n   \n"
            b'{"text": "Russian forces took Lutsk", "source": "ISW", "claimed_on": "2025-12-07"}\n'
            b'{"text": "broken\n'
            b'{"text": "Russian forces took Dubno", "source": "ISW", "claimed_on": "2025-12-07", "id": "C-0007"}')
    for chunk in (64, 1 << 20):  # (blocks of a line or two, the last one cut short; one block)
        monkeypatch.setattr(importers, "_CHUNK", chunk)
        split.clear()
        sys.setprofile(watch)
        try:
            batch = importers.parse(io.BytesIO(data), "jsonl", "day.jsonl")
        finally:
            sys.setprofile(None)
        assert split == []
        assert [(where, item["text"]) for where, item in batch.claims] == [
            ("line 1 (a)", "Russian forces took Rivne"), ("line 4", "Russian forces took Lutsk"),
            ("line 6 (C-0007)", "Russian forces took Dubno")]
        assert [str(problem) for problem in batch.problems] == [
            "line 5: not valid JSON (unexpected end of data: column 17)"]  # (the line without its end)


def test_what_a_record_says_is_read_off_its_evidence_without_a_generator(db, monkeypatch):
    """(perf, 1,000 claims) `_Planner.said` read each evidence item's seven values by a generator of
    seven dict.get calls, made anew for each record; one itemgetter (`_EVIDENCE_SAID`) reads them,
    every item `evidence` builds holding each key. The hash is the one the generator made."""
    from claims_cli import importers

    said = importers._Planner.said
    seen = []

    def watched(self, base, extra):
        made = []

        def watch(frame, event, arg):
            if event == "call" and frame.f_code.co_name == "<genexpr>":
                made.append(frame.f_code)

        sys.setprofile(watch)
        try:
            value = said(self, base, extra)
        finally:
            sys.setprofile(None)
        assessment = extra.get("assessment")
        before = hash((importers._said(base, None), assessment.get("status") if type(assessment) is dict else None,
                       *((item.get("source"), item.get("stance"), item.get("on"), item.get("kind"), item.get("url"),
                          item.get("note"), item.get("withdrawn_at")) for item in extra.get("evidence") or ())))
        seen.append((value == before, made, len(extra.get("evidence") or ())))
        return value

    monkeypatch.setattr(importers._Planner, "said", watched)
    batch = importers.parse(exported_lines(db, 4), "jsonl")
    plan = importers.plan_import(ClaimStore(db.parent / "other.json"), batch, analyst="tester")
    assert len(plan.added) == 4 and len(seen) == 4 and sum(items for _, _, items in seen) > 3
    assert all(same and not made for same, made, _ in seen)


def test_doctor_imports_its_rendering_while_the_worker_checks_its_half(cli, db, monkeypatch):
    """(perf, doctor at 100,000 claims) Rich and the report's rendering (about 140 million
    instructions) were imported after the worker's half of the claims was read back, on the path
    the command waits for, while this process, done with its own half first, sat waiting. They are
    imported while it waits now; a JSON report, which needs neither, still imports none of them."""
    import claims_cli
    from claims_cli import workers

    if not workers.workers_allowed():
        pytest.skip("no worker is started on this machine")
    seed(db, 30)
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    alone = cli("doctor", ok=True).stdout
    monkeypatch.delenv("CLAIMS_WORKERS")
    monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
    rendering_there = []  # whether the rendering was imported when the worker's half was read back
    gathered_by = workers._gathered_by
    monkeypatch.setattr(workers, "_gathered_by", lambda pid, file: rendering_there.append(
        "claims_cli.render" in sys.modules) or gathered_by(pid, file))
    for fmt, imported in (("json", False), ("table", True)):
        monkeypatch.delitem(sys.modules, "claims_cli.render", raising=False)  # (as in a fresh process)
        monkeypatch.delattr(claims_cli, "render", raising=False)
        rendering_there.clear()
        result = cli("doctor", "--format", fmt, ok=True)
        assert rendering_there == [imported], fmt
    assert result.stdout == alone


def test_an_imports_outlet_check_weighs_only_the_items_by_the_outlet(cli, db, tmp_path, monkeypatch):
    """(review, 20,000 records) An import asked `relayed_by_outlet` (a weight and a registry lookup
    of both names) of every live item of every claim with an outlet: 0.10 s of `_relays` became 0.48 s.
    The outlet is named once a claim (its registered source, else its own name, as `same_source`
    compares them) and each item's source compared with it; only an item by it is weighed. The
    notes are as before: of the outlet's support, by any name or alias of its source."""
    from claims_cli import importers

    asked = []
    relayed_by_outlet = importers.relayed_by_outlet

    def counted(claim, item, registry):
        asked.append(item["source"])
        return relayed_by_outlet(claim, item, registry)

    monkeypatch.setattr(importers, "relayed_by_outlet", counted)
    outlets = ["Reuters", "Associated Press", "Kyiv Independent", "reuters "]
    lines = [json.dumps({"text": f"Russian forces took village {number}", "source": "Russian MoD",
                         "outlet": outlets[number % 4], "claimed_on": "2025-12-01", "evidence": [
                             {"source": source, "stance": stance, "on": "2025-12-02"}
                             for source, stance in (("ISW", "supports"), ("GeoConfirmed", "supports"),
                                                    ("AP", "supports"), ("Reuters", "supports"),
                                                    ("Ukraine", "disputes"), ("Reuters", "disputes"))]})
             for number in range(12)]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    result = cli("import", path, "--summary", "json", ok=True)
    assert result.json()["added"] == 12
    noted = [(note["where"], note["message"].split(",")[0]) for note in result.json()["notes"] if note["kind"] == "evidence-outlet"]
    assert noted == [(f"line {number + 1}", f"E{3 if number % 4 == 1 else 4} is by {'AP' if number % 4 == 1 else 'Reuters'}")
                     for number in range(12) if number % 4 != 2], noted
    assert sorted(asked) == ["AP"] * 3 + ["Reuters"] * 6, asked  # (its supports alone: not ISW's, nor its dispute)


@pytest.mark.parametrize("url, key", [
    ("https://www.example7.org/news/123", "example7.org/news/123"),
    ("https://x.com/user1/status/55?s=20", "x.com/user1/status/55"),
    ("https://twitter.com/user1/status/55?s=20&t=AbC", "x.com/user1/status/55"),
    ("https://youtu.be/v123?si=abc", "youtube.com/watch?v=v123"),
    ("https://www.youtube.com/watch?si=abc&v=V123&t=30", "youtube.com/watch?v=v123"),
    ("https://t.me/s/chan3/77", "t.me/chan3/77"),
    ("https://news.site/99?utm_source=tw&id=99", "news.site/99"),
    ("http://Example.org/A/", "example.org/a"),
])
def test_the_imports_loose_key_of_a_share_buttons_link_is_read_without_page_key(url, key, monkeypatch):
    """(review, 48,000 links) `loose_page_key` fell back to the whole `page_key` for every link with a
    "?" (a share button's ?s=20, ?si=, utm_): 51 ms where the plain key took 7. It reads the common
    writings itself, dropping the query (but a YouTube watch link's v=) and the fragment: coarser
    than `page_key`, which the property test holds it to never telling apart two links it joins."""
    from claims_cli import models

    def refused(*args):
        raise AssertionError("page_key asked")

    monkeypatch.setattr(models, "page_key", refused)
    monkeypatch.setattr(models, "_reworded_page", refused)
    assert models.loose_page_key(url) == key
