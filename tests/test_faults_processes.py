"""Faults with real processes: concurrent writers and readers, SIGKILL mid-command, a stuck lock.

Every test here starts `python -m claims_cli` processes (or a small Python snippet using the store)
against one database file and checks what is on disk afterwards. Kill delays come from a seeded
random generator, scaled to how long the command takes on this machine, so the tests stay bounded
(a few seconds each) and behave the same on a loaded CI machine; they assert states, never times.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import orjson
import pytest

from claims_cli.store import ClaimStore

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and flock are POSIX")

_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def claims_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "claims_cli", *map(str, args)]


def start(argv: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
                            env={**os.environ, **(env or {})})


def normalise(value):
    """Parsed database JSON with every UTC timestamp replaced, so two runs of a command compare."""
    if isinstance(value, dict):
        return {key: normalise(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalise(item) for item in value]
    if isinstance(value, str) and _TIMESTAMP.match(value):
        return "<time>"
    return value


def snapshot(path: Path, *, times: bool = False):
    """The database as parsed (and normalised) JSON; fails the test if the file is not complete JSON.

    `times=True` keeps timestamps, for writers that set them themselves.
    """
    data = orjson.loads(path.read_bytes())
    return data if times else normalise(data)


def snapshot_bytes(data: bytes, times: bool = False):
    parsed = orjson.loads(data)
    return parsed if times else normalise(parsed)


def temporaries(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir()
                  if p.name.startswith(f".{path.name}.") and p.name.endswith(".tmp"))


def seed_database(db: Path, run_claims, claims: int = 3) -> bytes:
    for number in range(claims):
        result = run_claims("add", f"Base claim {number}", "--source", "MoD", "--on", "2025-12-01",
                            "--place", f"Village {number}")
        assert result.returncode == 0, result.stderr
    return db.read_bytes()


# ----------------------------------------------------------------------------- concurrency

def import_file(tmp_path: Path, lane: int, rows: int) -> Path:
    """A CSV of `rows` distinct claims for one import lane."""
    path = tmp_path / f"lane-{lane}.csv"
    lines = ["text,source,claimed_on,place,ref"]
    lines += [f"Import {lane} claim {n},Telegram,2025-12-02,Place {n},imp-{lane}-{n}" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_concurrent_writers_lose_nothing_and_readers_never_see_half_a_file(db, run_claims, tmp_path):
    seed_database(db, run_claims, claims=4)
    lanes, adds_per_lane = 4, 2
    importers, rows_per_import = 2, 300
    import_paths = [import_file(tmp_path, number, rows_per_import) for number in range(importers)]
    env = {"CLAIMS_LOCK_TIMEOUT": "60"}
    failures: list[str] = []
    reads = {"cli": 0, "raw": 0}
    stop = threading.Event()

    def lane(number: int) -> None:
        for index in range(adds_per_lane):
            done = subprocess.run(claims_argv("add", f"Lane {number} claim {index}", "--source", "Telegram",
                                              "--on", "2025-12-02", "--place", f"Lane {number}"),
                                  capture_output=True, cwd=REPO, env={**os.environ, **env}, timeout=120)
            if done.returncode != 0:
                failures.append(f"add {number}/{index}: {done.stderr.decode()}")
        # Each lane also confirms one of the seeded claims, racing the other lanes' writes.
        done = subprocess.run(claims_argv("confirm", f"C-{number + 1}", "--by", "GeoConfirmed", "--kind",
                                          "footage", "--on", "2025-12-03", "--note", f"lane {number}"),
                              capture_output=True, cwd=REPO, env={**os.environ, **env}, timeout=120)
        if done.returncode != 0:
            failures.append(f"confirm {number}: {done.stderr.decode()}")

    def importer(number: int) -> None:
        done = subprocess.run(claims_argv("import", import_paths[number], "--summary", "json"),
                              capture_output=True, cwd=REPO, env={**os.environ, **env}, timeout=120)
        if done.returncode != 0:
            failures.append(f"import {number}: {done.stderr.decode()}")
        elif json.loads(done.stdout)["added"] != rows_per_import:
            failures.append(f"import {number} added {json.loads(done.stdout)['added']}")

    def cli_reader() -> None:
        while not stop.is_set():
            done = subprocess.run(claims_argv("list", "--format", "json", "--limit", "0"),
                                  capture_output=True, cwd=REPO, timeout=120)
            if done.returncode != 0:
                failures.append(f"list: {done.stderr.decode()}")
                continue
            try:
                listed = json.loads(done.stdout)
            except ValueError as err:
                failures.append(f"list printed incomplete JSON: {err}")
                continue
            if len(listed) < 4:
                failures.append(f"list saw {len(listed)} claims, fewer than were there at the start")
            reads["cli"] += 1

    def raw_reader() -> None:
        # The file itself, read as fast as possible: every read must be a complete database.
        while not stop.is_set():
            try:
                data = orjson.loads(db.read_bytes())
            except ValueError as err:
                failures.append(f"half-written database file: {err}")
                return
            if len(data["claims"]) < 4:
                failures.append("the database file lost claims")
            reads["raw"] += 1
            time.sleep(0.002)  # leave the writers some CPU on a 2-core machine

    readers = [threading.Thread(target=cli_reader), threading.Thread(target=raw_reader)]
    writers = [threading.Thread(target=lane, args=(number,)) for number in range(lanes)]
    writers += [threading.Thread(target=importer, args=(number,)) for number in range(importers)]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=300)
    stop.set()
    for thread in readers:
        thread.join(timeout=120)

    assert not failures, failures
    assert reads["cli"] >= 1 and reads["raw"] >= 1
    claims = json.loads(run_claims("list", "--format", "json", "--limit", "0").stdout)
    texts = sorted(claim["text"] for claim in claims)
    expected = sorted([f"Base claim {n}" for n in range(4)] +
                      [f"Lane {n} claim {i}" for n in range(lanes) for i in range(adds_per_lane)] +
                      [f"Import {n} claim {i}" for n in range(importers) for i in range(rows_per_import)])
    assert texts == expected
    ids = [claim["id"] for claim in claims]
    assert len(set(ids)) == len(ids) == 4 + lanes * adds_per_lane + importers * rows_per_import
    for number in range(lanes):
        claim = next(c for c in claims if c["id"] == f"C-{number + 1:04d}")
        assert [item["note"] for item in claim["evidence"]] == [f"lane {number}"]
        assert claim["status"] == "confirmed"
    assert temporaries(db) == []


# ---------------------------------------------------------------------------------- crashes

def reference_after(db: Path, base: bytes, argv: list[str], tmp_path: Path, env: dict | None = None):
    """Run the command to completion on a copy of `base`: the 'after' state to compare with."""
    copy_dir = tmp_path / "reference"
    copy_dir.mkdir(exist_ok=True)
    copy = copy_dir / db.name
    copy.write_bytes(base)
    started = time.monotonic()
    done = subprocess.run([part if part != str(db) else str(copy) for part in argv], capture_output=True,
                          cwd=REPO, env={**os.environ, **(env or {}), "CLAIMS_DB": str(copy)}, timeout=120)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    return snapshot(copy), elapsed


def kill_at_random_moments(db: Path, base: bytes, argv: list[str], after, *, attempts: int, longest: float,
                           earliest: float = 0.0,
                           seed: int, env: dict | None = None, wait_for: bytes | None = None,
                           times: bool = False) -> dict:
    """Start the command `attempts` times from the `base` database and SIGKILL it after a random delay.

    After every kill the file must parse and equal the state before or after the command, and at
    most one interrupted write's temporary files may lie around. Returns how the attempts ended.
    """
    rng = random.Random(seed)
    before = snapshot_bytes(base, times)
    outcomes = {"before": 0, "after": 0}
    for attempt in range(attempts):
        db.write_bytes(base)  # test set-up: every attempt starts from the same state
        process = start(argv, env)
        if wait_for is not None:
            # Sync with the process (e.g. "inside the transaction") so kills land in the write.
            line = process.stdout.readline()
            assert wait_for in line, (line, process.stderr.read() if process.poll() is not None else b"")
        time.sleep(rng.uniform(earliest, longest))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=120)
        state = snapshot(db, times=times)
        if state == before:
            outcomes["before"] += 1
        elif state == after:
            outcomes["after"] += 1
        else:
            pytest.fail(f"attempt {attempt}: the database is neither the state before nor after the command")
        ClaimStore(db).count()  # and it opens
        # A killed writer may leave its own temporary file (and backup link); never more.
        assert len(temporaries(db)) <= 2, temporaries(db)
    return outcomes


def assert_next_write_cleans_up(db: Path, run_claims) -> None:
    result = run_claims("add", "A claim after the crashes", "--source", "ISW", "--on", "2025-12-04")
    assert result.returncode == 0, result.stderr
    assert temporaries(db) == []


@pytest.mark.parametrize("command", ["add", "confirm"])
def test_sigkill_during_a_command_leaves_the_state_before_or_after(db, run_claims, tmp_path, command):
    base = seed_database(db, run_claims, claims=3)
    if command == "add":
        args = ["add", "Russian forces took Kucherivka", "--source", "MoD", "--on", "2025-12-07",
                "--place", "Kucherivka"]
    else:
        args = ["confirm", "C-0002", "--by", "GeoConfirmed", "--kind", "footage", "--on", "2025-12-07",
                "--url", "https://example.org/clip"]
    argv = claims_argv(*args)
    after, elapsed = reference_after(db, base, argv, tmp_path)
    assert after != normalise(orjson.loads(base))
    kill_at_random_moments(db, base, argv, after, attempts=8, earliest=elapsed * 0.4, longest=elapsed * 1.3,
                           seed=7 if command == "add" else 11)
    assert_next_write_cleans_up(db, run_claims)


def test_sigkill_during_a_large_import_leaves_the_state_before_or_after(db, run_claims, tmp_path):
    base = seed_database(db, run_claims, claims=2)
    path = tmp_path / "big.csv"
    lines = ["text,source,claimed_on,place,note"]
    lines += [f"Imported claim {n},Telegram,2025-12-05,Place {n},{'x' * 200}" for n in range(5000)]
    path.write_text("\n".join(lines) + "\n")
    argv = claims_argv("import", path)
    after, elapsed = reference_after(db, base, argv, tmp_path)
    assert len(after["claims"]) == 5002
    outcomes = kill_at_random_moments(db, base, argv, after, attempts=6, earliest=elapsed * 0.3,
                                      longest=elapsed * 1.1, seed=31)
    assert sum(outcomes.values()) == 6
    assert_next_write_cleans_up(db, run_claims)


def output_temporaries(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}."))


@pytest.mark.parametrize("fmt", ["json"])
def test_sigkill_during_export_to_a_file_leaves_the_database_alone_and_the_file_absent_or_whole(
        db, run_claims, tmp_path, fmt):
    seed_database(db, run_claims, claims=1)
    bulk = tmp_path / "bulk_writer.py"
    bulk.write_text(BULK_WRITER)
    done = subprocess.run([sys.executable, str(bulk), str(db), "3000"], capture_output=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    base = db.read_bytes()
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    target = out_dir / f"desk.{fmt}"
    argv = claims_argv("export", "--format", fmt, "--output", target)
    started = time.monotonic()
    complete = subprocess.run(argv, capture_output=True, cwd=REPO, timeout=120)
    elapsed = time.monotonic() - started
    assert complete.returncode == 0, complete.stderr
    whole = target.read_bytes()
    count = (len(orjson.loads(whole)["claims"]) if fmt == "json"
             else len(whole.decode().splitlines()) - 1)
    assert count == 3001
    rng = random.Random(41)
    outcomes = {"absent": 0, "whole": 0}
    for attempt in range(6):
        target.unlink(missing_ok=True)
        process = start(argv)
        time.sleep(rng.uniform(elapsed * 0.3, elapsed * 1.1))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=120)
        assert db.read_bytes() == base, attempt
        if target.exists():
            data = target.read_bytes()
            assert len(data) == len(whole), attempt  # never a partial file
            if fmt == "json":
                assert len(orjson.loads(data)["claims"]) == 3001
            outcomes["whole"] += 1
        else:
            outcomes["absent"] += 1
        # A process killed mid-write may leave its own temporary file; never more than one.
        assert len(output_temporaries(target)) <= 1, output_temporaries(target)
        assert temporaries(db) == []
    assert sum(outcomes.values()) == 6
    # The next export to that name removes what a killed one left, and never follows it.
    stale = out_dir / f".{target.name}.999999.abc123.tmp"
    stale.write_bytes(b"half")
    done = subprocess.run([*argv, "--force"], capture_output=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    assert output_temporaries(target) == []
    assert target.read_bytes()[:20] == whole[:20]


BULK_WRITER = textwrap.dedent("""
    import sys
    from claims_cli.ledger import new_claim_record
    from claims_cli.store import ClaimStore

    store = ClaimStore(sys.argv[1])
    count = int(sys.argv[2])
    template = new_claim_record({"text": "Bulk claim", "source": "Telegram", "claimed_on": "2025-12-05",
                                 "place": "Somewhere", "note": "x" * 2000},
                                store.registry(), store.categories(), "bulk", now="2025-12-05T10:00:00Z")
    records = [{**template, "text": f"Bulk claim {n}", "history": list(template["history"])}
               for n in range(count)]
    with store.transaction():
        store.add_claims(records)
        print("writing", flush=True)  # the write happens as the transaction ends
    print("done", flush=True)
""")


def test_sigkill_during_a_large_transaction_leaves_the_state_before_or_after(db, run_claims, tmp_path):
    base = seed_database(db, run_claims, claims=2)
    script = tmp_path / "bulk_writer.py"
    script.write_text(BULK_WRITER)
    argv = [sys.executable, str(script), str(db), "5000"]
    copy_dir = tmp_path / "reference"
    copy_dir.mkdir()
    copy = copy_dir / db.name
    copy.write_bytes(base)
    process = start([sys.executable, str(script), str(copy), "5000"])
    assert process.stdout.readline().strip() == b"writing"
    started = time.monotonic()
    out, err = process.communicate(timeout=120)
    write_time = time.monotonic() - started  # from the marker to the end: the write itself
    assert process.returncode == 0, err
    after = snapshot(copy, times=True)
    assert len(after["claims"]) == 5002
    outcomes = kill_at_random_moments(db, base, argv, after, attempts=8, longest=write_time * 1.2,
                                      seed=23, wait_for=b"writing", times=True)
    assert sum(outcomes.values()) == 8
    assert_next_write_cleans_up(db, run_claims)


def test_a_writer_removes_only_its_own_databases_temporaries(db, run_claims):
    """Stale `.NAME.PID.tmp` files go; another database's in-flight files in the directory stay."""
    seed_database(db, run_claims, claims=1)
    stale = db.parent / f".{db.name}.999999.tmp"
    stale.write_bytes(b"{half")
    stale_link = db.parent / f".{db.name}.999999.bak.tmp"
    stale_link.write_bytes(b"{")
    other = db.parent / f".{db.name}.old.4242.tmp"  # a write in flight to the database NAME.old
    other.write_bytes(b"{}")
    unrelated = db.parent / f".{db.name}.notes.tmp"
    unrelated.write_bytes(b"mine")
    result = run_claims("add", "Another claim", "--source", "ISW", "--on", "2025-12-04")
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and not stale_link.exists()
    assert other.exists() and unrelated.exists()


# ------------------------------------------------------------------------------ stuck lock

LOCK_HOLDER = textwrap.dedent("""
    import sys, time
    from filelock import FileLock
    lock = FileLock(sys.argv[1])
    lock.acquire()
    print("locked", flush=True)
    time.sleep(120)
""")


def test_a_stuck_writer_makes_others_give_up_with_exit_75_naming_the_lock(db, run_claims, tmp_path):
    seed_database(db, run_claims, claims=1)
    before = db.read_bytes()
    lock_path = db.with_name(db.name + ".lock")
    holder = start([sys.executable, "-c", LOCK_HOLDER, str(lock_path)])
    try:
        assert holder.stdout.readline().strip() == b"locked"
        result = run_claims("add", "Blocked claim", "--source", "MoD", "--on", "2025-12-07",
                            env={"CLAIMS_LOCK_TIMEOUT": "0.5", "COLUMNS": "60"}, timeout=60)
        assert result.returncode == 75
        stderr = result.stderr.decode()
        # The lock's path whole, on one line (not folded at the terminal width): a script can grep it.
        assert str(lock_path) in stderr
        assert len(stderr.strip().splitlines()) == 2  # the error and its hint
        assert "Traceback" not in stderr
        assert result.stdout == b""
        assert db.read_bytes() == before
        # Readers need no lock: listing still works while the writer is stuck.
        listed = run_claims("list", "--format", "json", timeout=60)
        assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 1
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate(timeout=60)
    # A killed holder releases the lock with it: the next writer goes through.
    result = run_claims("add", "Unblocked claim", "--source", "MoD", "--on", "2025-12-07",
                        env={"CLAIMS_LOCK_TIMEOUT": "30"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == "C-0002"
