"""Several real processes writing at once never lose a claim.

Each worker is a separate Python process that runs the real CLI (`claims_cli.cli.app`, the same
code `python -m claims_cli` runs) for several adds in a row, so the processes contend for the
writers' lock many times without paying a process start-up per claim.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

WORKERS = 6
ADDS_PER_WORKER = 15

WORKER = textwrap.dedent("""
    import sys
    from claims_cli.cli import app

    worker, count = sys.argv[1], int(sys.argv[2])
    for number in range(count):
        try:
            app(["add", f"worker {worker} claim {number}", "--source", "ISW", "--place", f"P{worker}",
                 "--on", "2025-12-07"], standalone_mode=False)
        except SystemExit as stop:
            if stop.code:
                raise
""")


def test_concurrent_processes_lose_no_claim(db, run_claims):
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(worker), str(ADDS_PER_WORKER)], cwd=REPO,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for worker in range(WORKERS)
    ]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    for worker, (out, err) in zip(workers, outputs):
        assert worker.returncode == 0, err.decode()
        assert b"Traceback" not in err
    printed = [line for out, _ in outputs for line in out.decode().split()]
    assert len(printed) == WORKERS * ADDS_PER_WORKER
    assert len(set(printed)) == len(printed)  # every add got its own ID

    listing = run_claims("list", "--format", "json")
    assert listing.returncode == 0, listing.stderr
    claims = json.loads(listing.stdout)
    assert len(claims) == WORKERS * ADDS_PER_WORKER
    assert sorted(claim["id"] for claim in claims) == sorted(printed)
    texts = {claim["text"] for claim in claims}
    assert texts == {f"worker {w} claim {n}" for w in range(WORKERS) for n in range(ADDS_PER_WORKER)}
    # IDs are the numbers 1..90 exactly: none skipped, none handed out twice.
    assert sorted(int(claim["id"][2:]) for claim in claims) == list(range(1, WORKERS * ADDS_PER_WORKER + 1))
    assert json.loads(db.read_bytes())["meta"]["1"]["next_claim"] == WORKERS * ADDS_PER_WORKER + 1


def test_concurrent_module_runs(db, run_claims):
    """A few `python -m claims_cli add` processes started together, as a shell loop with & would."""
    env = {**os.environ}
    processes = [
        subprocess.Popen([sys.executable, "-m", "claims_cli", "add", f"claim {n}", "--source", "Telegram",
                          "--on", "2025-12-07"], cwd=REPO, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for n in range(3)
    ]
    results = [(p.communicate(timeout=60), p.returncode) for p in processes]
    assert all(code == 0 for _, code in results), [err for (_, err), _ in results]
    printed = sorted(out.decode().strip() for (out, _), _ in results)
    assert printed == ["C-0001", "C-0002", "C-0003"]
    listing = json.loads(run_claims("list", "--format", "json").stdout)
    assert sorted(claim["id"] for claim in listing) == printed


LOOPING_WRITER = textwrap.dedent("""
    import sys
    from claims_cli.cli import app

    number = 0
    while True:
        number += 1
        try:
            app(["add", f"{sys.argv[1]} claim {number}", "--source", "ISW", "--on", "2025-12-07"],
                standalone_mode=False)
        except SystemExit as stop:
            if stop.code:
                raise
        sys.stdout.flush()  # the ID, printed by add
""")


def test_a_killed_writer_leaves_a_whole_database(db, cli):
    """SIGKILL at arbitrary moments: the file is always the old or the new version, never broken,
    and the next writer carries on (the lock dies with its holder, stale temp files are cleared)."""
    seen = 0
    for round_number, delay in enumerate((0.6, 0.75, 0.9)):
        writer = subprocess.Popen([sys.executable, "-c", LOOPING_WRITER, f"round{round_number}"], cwd=REPO,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            first = writer.stdout.readline()  # one claim written: the process is in its loop
            time.sleep(delay - 0.5)
        finally:
            writer.kill()
            _, err = writer.communicate(timeout=30)
        assert first.startswith(b"C-"), err.decode()
        data = json.loads(db.read_bytes())  # never a torn file
        count = len(data["claims"])
        assert count > seen, err.decode()
        seen = count
        claims = cli("list", "--format", "json", ok=True).json()
        assert len(claims) == count
        assert len({claim["id"] for claim in claims}) == count
    cli("add", "after the crashes", "--source", "ISW", ok=True)
    leftovers = [path.name for path in db.parent.iterdir() if path.name.endswith(".tmp")]
    assert leftovers == []
    assert len(cli("list", "--format", "json", ok=True).json()) == seen + 1


EVIDENCE_WORKER = textwrap.dedent("""
    import sys
    from claims_cli.cli import app

    for number in range(int(sys.argv[2])):
        try:
            app(["evidence", "add", "C-0001", "--by", "ISW", "--stance", "inconclusive",
                 "--note", f"worker {sys.argv[1]} item {number}"], standalone_mode=False)
        except SystemExit as stop:
            if stop.code:
                raise
""")


def test_concurrent_evidence_on_one_claim(cli):
    """Writers that change the same claim at once: every item kept, every evidence ID distinct."""
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", ok=True)
    workers, items = 4, 6
    processes = [subprocess.Popen([sys.executable, "-c", EVIDENCE_WORKER, str(w), str(items)], cwd=REPO,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for w in range(workers)]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    claim = cli("show", "C-0001", "--format", "json", ok=True).json()
    assert sorted(item["note"] for item in claim["evidence"]) == \
        sorted(f"worker {w} item {n}" for w in range(workers) for n in range(items))
    assert sorted(int(item["id"][1:]) for item in claim["evidence"]) == list(range(1, workers * items + 1))
    assert len(claim["history"]) == 1 + workers * items


def _asked(db, *args: str) -> subprocess.Popen:
    """A real `claims ARGS` process that has asked its question and waits for the answer (its
    stderr read up to the question's "[y/N]: ")."""
    process = subprocess.Popen([sys.executable, "-m", "claims_cli", "--db", str(db), *args], cwd=REPO,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    said = b""
    while not said.endswith(b"[y/N]: "):
        byte = process.stderr.read(1)
        assert byte, (said, process.wait(timeout=30), process.stdout.read())
        said += byte
    return process


def _answered(process: subprocess.Popen, answer: bytes) -> tuple[int, str]:
    out, err = process.communicate(answer, timeout=60)
    # (the question's line, ended after the answer from a pipe, and the --db a hint names, left out)
    return process.returncode, (out + err).decode().strip().replace(f"--db {process.args[4]} ", "")


def test_audit_a_delete_refuses_a_claim_that_changed_while_the_analyst_was_asked(cli, db):
    """(team-desk audit) `claims delete C-0001` asked of an unverified claim; while Alice read the
    question ISW confirmed it, and her yes deleted the confirmed claim. What she was asked of is
    checked again under the lock: changed, nothing is deleted."""
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    asked = _asked(db, "delete", "C-0001", "--reason", "slip")
    cli("confirm", "C-0001", "--by", "ISW", ok=True)  # (another analyst, meanwhile)
    before = db.read_bytes()
    code, said = _answered(asked, b"y\n")
    assert code == 1, said
    assert said.splitlines() == [
        "Error: C-0001 changed while you were asked (now confirmed): nothing was deleted",
        "Run `claims delete C-0001` again to be asked about it as it is now."], said
    assert db.read_bytes() == before
    # a change that leaves the status as it was is one too, said so
    asked = _asked(db, "delete", "C-0001")
    cli("edit", "C-0001", "--place", "Kucherivka", ok=True)
    code, said = _answered(asked, b"y\n")
    assert code == 1 and said.splitlines()[0] == \
        "Error: C-0001 changed while you were asked (edited, still confirmed): nothing was deleted", said
    # unchanged, the yes deletes it; --yes asks nothing and deletes what it finds under the lock
    code, said = _answered(_asked(db, "delete", "C-0001"), b"y\n")
    assert code == 0 and "Deleted C-0001" in said, said
    assert cli("show", "C-0001", "--format", "json", ok=True).json()["deleted_at"]


def test_audit_a_merge_refuses_sources_that_changed_while_the_analyst_was_asked(cli, db):
    """(team-desk audit) The merge checked, after the answer, the two names and the side of the
    source kept, not the merged one's side (the question names it where the two differ), nor a grade,
    kind, note or alias: each change another writer made between question and answer refuses it."""
    cli("sources", "add", "Rybar", "--side", "russia", ok=True)
    cli("sources", "add", "Two Majors", "--side", "russia", ok=True)
    cli("add", "Russian forces took Kucherivka", "--source", "Rybar", "--on", "2025-12-07", ok=True)
    for change, now in ((("sources", "edit", "Rybar", "--side", "ukraine"), "Rybar changed while you were asked "
                         "(its side now ukraine)"),
                        (("sources", "edit", "Two Majors", "--grade", "D"), "Two Majors changed while you were asked "
                         "(its grade now D)"),
                        (("sources", "edit", "Two Majors", "--side", "independent"), "Two Majors changed while you "
                         "were asked (its side now independent)")):
        asked = _asked(db, "sources", "merge", "Rybar", "Two Majors")
        cli(*change, ok=True)
        before = db.read_bytes()
        code, said = _answered(asked, b"y\n")
        assert code == 1, said
        assert said.splitlines() == [f"Error: source {now}: nothing was merged",
                                     "Run `claims sources merge Rybar 'Two Majors'` again to be asked about them as "
                                     "they are now."], said
        assert db.read_bytes() == before
    code, said = _answered(_asked(db, "sources", "merge", "Rybar", "Two Majors"), b"y\n")
    assert code == 0 and "Merged source Rybar into Two Majors" in said, said
