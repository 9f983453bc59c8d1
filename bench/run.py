"""Benchmark `claims` at 1,000 to 100,000 claims: whole-process wall time and peak memory.

    python bench/run.py --claims 100000          # one size
    python bench/run.py --sizes 1000,10000,100000 --runs 3
    python bench/run.py --quick                  # 1,000 claims, one run: a smoke test

Run it with the Python of the environment `claims` is installed in (e.g. `.venv/bin/python`).
It generates a deterministic synthetic corpus per size (seeded random: statements of realistic
length, Latin and Cyrillic place names, the default sources, 0-4 evidence items per claim, some
assessments, edits and deletions), writes it straight into a database file in the store's own
format (one `ClaimStore.add_claims` in one transaction) plus a CSV and a JSONL copy for the import
benchmarks, and then times fresh `python -m claims_cli ...` processes against the FLOOR: a fresh
Python process that only reads and parses the database file with orjson (garbage collector paused,
as the store does). Each command's peak memory is the ru_maxrss of its own process, or of a helper
process it forked (the larger), read in a wrapper that runs only that command. Write commands start every run from a fresh copy of the database.
One extra, untimed run of each write command counts how many times it replaced the database file.

The table goes to stdout and to bench/RESULTS.md (with the machine it ran on; --quick's to
bench/out/RESULTS-quick.md). Stdlib only; the
project itself is imported only to build the corpus. `sqlite-utils`, the peer an analyst would
otherwise use, is measured on the same CSV when it is available (see --sqlite-utils); it is never a
dependency of the project.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SEED = 20251207
GENERATOR_VERSION = 3  # bump when the corpus changes, so cached corpora are rebuilt (2: the line layout;
# 3: each claim's evidence and history in time order)

# ---------------------------------------------------------------------------------- corpus

PLACES = [  # (place, region, lat, lon)
    ("Pokrovsk", "Donetsk", 48.28, 37.18), ("Myrnohrad", "Donetsk", 48.30, 37.26),
    ("Siversk", "Donetsk", 48.87, 38.10), ("Kostiantynivka", "Donetsk", 48.53, 37.71),
    ("Chasiv Yar", "Donetsk", 48.59, 37.84), ("Toretsk", "Donetsk", 48.40, 37.85),
    ("Kurakhove", "Donetsk", 47.98, 37.28), ("Vuhledar", "Donetsk", 47.78, 37.25),
    ("Rodynske", "Donetsk", 48.35, 37.21), ("Dobropillia", "Donetsk", 48.47, 37.08),
    ("Kupiansk", "Kharkiv", 49.71, 37.62), ("Vovchansk", "Kharkiv", 50.29, 36.94),
    ("Kucherivka", "Kharkiv", 49.76, 37.77), ("Borova", "Kharkiv", 49.38, 37.62),
    ("Huliaipole", "Zaporizhzhia", 47.66, 36.26), ("Stepnohirsk", "Zaporizhzhia", 47.58, 35.46),
    ("Orikhiv", "Zaporizhzhia", 47.57, 35.79), ("Mezhova", "Dnipropetrovsk", 48.25, 36.73),
    ("Sumy", "Sumy", 50.91, 34.80), ("Yunakivka", "Sumy", 51.06, 35.02),
    ("Kherson", "Kherson", 46.64, 32.61), ("Lyman", "Donetsk", 48.99, 37.80),
    ("Покровськ", "Донецька область", 48.28, 37.18), ("Мирноград", "Донецька область", 48.30, 37.26),
    ("Сіверськ", "Донецька область", 48.87, 38.10), ("Куп'янськ", "Харківська область", 49.71, 37.62),
    ("Гуляйполе", "Запорізька область", 47.66, 36.26), ("Часов Яр", "Донецкая область", 48.59, 37.84),
    ("Красноармейск", "Донецкая область", 48.28, 37.18), ("Волчанск", "Харьковская область", 50.29, 36.94),
]
OUTLETS = ["Rybar", "Two Majors", "Военкор Котенок", "Дневник десантника", "WarGonzo", "Colonelcassad",
           "Старше Эдды", "Операция Z"]
CATEGORIES = ["territorial"] * 6 + ["strike"] * 2 + ["casualties", "diplomatic", "other"]
TAGS = ["pokrovsk-axis", "kharkiv-axis", "siversk", "infiltration", "energy", "drones", "glide-bombs",
        "logistics", "encirclement", "counterattack", "hostages", "prisoners", "наступление"]
TEMPLATES = {
    "russia": [
        "Units of the {group} group of forces liberated the settlement of {place} in the {region} direction.",
        "Russian forces took full control of {place}; remaining Ukrainian units are encircled.",
        "Over the past day the enemy lost up to {n} servicemen and {m} armoured vehicles near {place}.",
        "Штурмовые подразделения закрепились в северной части {place}, идёт зачистка кварталов.",
        "Освобождён населённый пункт {place}; противник отступил, потеряв до {n} человек.",
        "Precision strikes hit energy and defence-industry facilities supporting units around {place}.",
    ],
    "ukraine": [
        "Fighting continues in {place}; the defence forces repelled {n} assaults over the past day.",
        "Claims that {place} has fallen are false: our units hold their positions in the town.",
        "Russian sabotage groups infiltrated the outskirts of {place} and were destroyed.",
        "Сили оборони утримують позиції в {place}; за добу відбито {n} штурмів.",
        "A Russian strike on {place} damaged a substation and left {m} thousand homes without power.",
    ],
    "independent": [
        "Geolocated footage shows Russian forces advanced in western {place}.",
        "Geolocated footage published on {day} indicates Ukrainian forces remain in central {place}.",
        "Russian forces likely do not control {place}; available imagery shows contested positions.",
        "Satellite imagery of {place} shows damage consistent with strikes reported over the past week.",
    ],
}
FILLER = [
    "The claim could not be independently verified at the time of recording.",
    "The statement was repeated by several channels within an hour, with the same wording.",
    "Footage accompanying the post shows a flag being raised near an administrative building.",
    "Ukrainian officials said the information was part of an information operation.",
    "DeepState's map showed the area as a grey zone on the same day.",
    "Погода в районе затрудняет применение беспилотников, сообщают военкоры.",
    "The report cites unnamed sources in the command of the group of forces.",
    "Local authorities announced an evacuation of families with children from nearby villages.",
    "The same claim had been made two weeks earlier and later retracted.",
    "Analysts note that the town's northern districts have been contested for over a month.",
]
NOTES = [
    "Check against DeepState's next update.", "Channel has a record of premature claims.",
    "Wait for geolocation; footage lacks landmarks.", "Follow up with the regional administration.",
    "Перевірити через супутникові знімки.", "Possibly the same event as an earlier claim.",
]
EVIDENCE_KINDS = ["footage", "satellite", "map", "statement", "media", "other"]
CLAIMANTS = ["Russian MoD"] * 4 + ["Telegram"] * 4 + ["Ukraine"] * 3 + ["DeepState"] * 2 + \
            ["ISW", "GeoConfirmed", "Reuters", "AP"]
EVIDENCE_SOURCES = ["DeepState", "Ukraine", "ISW", "GeoConfirmed", "Reuters", "AP", "Russian MoD", "Telegram"]
STANCES = ["supports"] * 5 + ["disputes"] * 4 + ["inconclusive"]
ANALYSTS = ["olena", "mark", "sasha", "jt", "anna"]
START_DAY = dt.date(2022, 2, 24)
LAST_DAY = dt.date(2026, 11, 20)


def _timestamp(day: dt.date, rng: random.Random) -> str:
    return f"{day.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z"


def _statement(rng: random.Random, side: str, place: str, region: str, day: dt.date) -> str:
    templates = TEMPLATES.get(side) or TEMPLATES["independent"]
    text = rng.choice(templates).format(
        place=place, region=region, n=rng.randrange(5, 400), m=rng.randrange(1, 60),
        group=rng.choice(["Centre", "South", "East", "West", "Dnepr", "North"]), day=day.isoformat())
    for _ in range(rng.choice((0, 0, 1, 1, 1, 2, 2, 3, 4))):
        text += " " + rng.choice(FILLER)
    return text


def claim_fields(rng: random.Random, number: int, side_of: dict) -> dict:
    """The user-facing fields of one synthetic claim (the import columns)."""
    source = rng.choice(CLAIMANTS)
    place, region, lat, lon = rng.choice(PLACES)
    day = START_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - START_DAY).days))
    with_coords = rng.random() < 0.6
    return {
        "text": _statement(rng, side_of[source], place, region, day),
        "source": source,
        "outlet": rng.choice(OUTLETS) if source == "Telegram" else None,
        "claimed_on": day,
        "event_on": day - dt.timedelta(days=rng.randrange(3)) if rng.random() < 0.3 else None,
        "place": place,
        "region": region,
        "lat": round(lat + rng.uniform(-0.02, 0.02), 4) if with_coords else None,
        "lon": round(lon + rng.uniform(-0.02, 0.02), 4) if with_coords else None,
        "category": rng.choice(CATEGORIES),
        "tags": rng.sample(TAGS, rng.choice((0, 1, 1, 2, 3))),
        "urls": [f"https://t.me/{rng.choice(['rybar', 'mod_russia', 'DeepStateUA', 'GeneralStaffZSU'])}/"
                 f"{rng.randrange(10_000, 99_999)}" for _ in range(rng.choice((0, 1, 1, 2)))],
        "ref": f"desk-{number:06d}" if rng.random() < 0.5 else None,
        "note": rng.choice(NOTES) if rng.random() < 0.25 else None,
    }


def build_records(count: int, seed: int = SEED) -> list[dict]:
    """`count` complete claim records, validated by the project's own ledger functions."""
    from claims_cli.ledger import build_evidence, history_entry, new_claim_record
    from claims_cli.models import DEFAULT_CATEGORIES, DEFAULT_SOURCES, SourceRegistry
    from claims_cli.verification import refresh_status

    registry = SourceRegistry(DEFAULT_SOURCES)
    side_of = {source.name: source.side for source in DEFAULT_SOURCES}
    rng = random.Random(seed)
    records = []
    for number in range(1, count + 1):
        fields = claim_fields(rng, number, side_of)
        analyst = rng.choice(ANALYSTS)
        day = fields["claimed_on"]
        created = _timestamp(min(day + dt.timedelta(days=rng.randrange(2)), LAST_DAY), rng)
        record = new_claim_record(fields, registry, DEFAULT_CATEGORIES, analyst, now=created)
        record["id"] = f"C-{number:04d}"
        updated = created
        # (evidence in the order it came, as every command records it: a history out of time order
        # is one no command writes, which the report reads otherwise than the status it leaves)
        days = sorted(min(day + dt.timedelta(days=rng.randrange(1, 30)), LAST_DAY)
                      for _ in range(rng.choice((0, 0, 1, 1, 2, 2, 3, 4))))
        for index, on in enumerate(days):
            at = max(_timestamp(on, rng), updated)
            source = rng.choice(EVIDENCE_SOURCES)
            item = build_evidence({
                "source": source, "stance": rng.choice(STANCES), "on": on,
                "kind": rng.choice(EVIDENCE_KINDS),
                "url": f"https://example.org/{source.lower().replace(' ', '-')}/{rng.randrange(10**6)}"
                       if rng.random() < 0.7 else None,
                "note": rng.choice(FILLER) if rng.random() < 0.4 else None,
            }, registry, number=index + 1, analyst=rng.choice(ANALYSTS), now=at)
            record["evidence"].append(item)
            before = record["status"]
            refresh_status(record, registry)
            detail = f"{item['id']}: {item['source']} {item['stance']} ({item['kind']})"
            record["history"].append(history_entry("evidence-added", item["analyst"], before,
                                                   record["status"], detail=detail, at=at))
            updated = max(updated, at)
        if rng.random() < 0.05:
            at = max(updated, _timestamp(min(day + dt.timedelta(days=30), LAST_DAY), rng))
            status = rng.choice(["confirmed", "contested", "refuted", "unverified"])
            record["assessment"] = {"status": status, "note": rng.choice(NOTES), "analyst": analyst, "at": at}
            before = record["status"]
            refresh_status(record, registry)
            record["history"].append(history_entry("assessed", analyst, before, record["status"],
                                                   detail=status, at=at))
            updated = at
        if rng.random() < 0.05:
            record["history"].append(history_entry(
                "edited", analyst, record["status"], record["status"],
                changes={"region": [None, record["region"]]}, at=updated))
        if number % 97 == 13:  # a few deleted claims
            record["deleted_at"] = updated
            record["history"].append(history_entry("deleted", analyst, record["status"], record["status"],
                                                   at=updated))
        record["updated_at"] = updated
        records.append(record)
    return records


def target_claim(count: int) -> str:
    """A live claim in the middle of the corpus, for show/edit/confirm."""
    number = max(1, count // 2)
    if number % 97 == 13:
        number += 1
    return f"C-{number:04d}"


def corpus_paths(work: Path, count: int) -> dict:
    directory = work / f"corpus-{count}"
    return {"db": directory / "claims.json", "csv": directory / "claims.csv",
            "jsonl": directory / "claims.jsonl", "empty": directory / "empty.json",
            "new_rows": directory / f"new-{NEW_ROWS}.csv", "stamp": directory / "corpus.json"}


NEW_ROWS = 100  # rows of the small import into the full database: a day's batch from a script


def write_new_rows(paths: dict) -> None:
    """A CSV of NEW_ROWS claims the corpus does not hold: its first rows, each statement marked as
    a later report and given a ref of its own, so the import checks them against every stored
    claim and adds them all."""
    with paths["csv"].open(encoding="utf-8", newline="") as source:
        rows = list(itertools.islice(csv.reader(source), NEW_ROWS + 1))
    header, body = rows[0], rows[1:]
    text, ref = header.index("text"), header.index("ref")
    for number, row in enumerate(body, 1):
        row[text] = f"Reported again (bench row {number}): {row[text]}"
        row[ref] = f"bench-new-{number:03d}"
    partial = paths["new_rows"].with_suffix(".partial")
    with partial.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *body])
    os.replace(partial, paths["new_rows"])


def corpus_is_current(paths: dict, count: int) -> bool:
    stamp = {"count": count, "seed": SEED, "generator": GENERATOR_VERSION}
    return paths["stamp"].exists() and all(paths[k].exists() for k in ("db", "csv", "jsonl", "empty")) \
        and json.loads(paths["stamp"].read_text()) == stamp


def ensure_corpus(work: Path, count: int) -> dict:
    """The corpus files for one size, built in a separate process (it needs a lot of memory,
    and a large benchmark process would distort the measurements of the processes it starts)."""
    paths = corpus_paths(work, count)
    if not corpus_is_current(paths, count):
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--build-corpus", str(count),
                        "--work", str(work)], check=True)
    if not paths["new_rows"].exists() or paths["new_rows"].stat().st_mtime < paths["csv"].stat().st_mtime:
        write_new_rows(paths)
    return paths


def write_corpus(work: Path, count: int) -> dict:
    """Build the database, CSV and JSONL files for one size; returns their paths."""
    paths = corpus_paths(work, count)
    paths["db"].parent.mkdir(parents=True, exist_ok=True)
    stamp = {"count": count, "seed": SEED, "generator": GENERATOR_VERSION}
    from claims_cli.store import ClaimStore

    started = time.perf_counter()
    records = build_records(count)
    built = time.perf_counter()
    for key in ("db", "empty"):
        for suffix in ("", ".bak", ".lock"):
            Path(str(paths[key]) + suffix).unlink(missing_ok=True)
    store = ClaimStore(paths["db"])
    with store.transaction():
        store.add_claims(records)
    with ClaimStore(paths["empty"]).transaction():
        pass  # an empty, initialised database for the import benchmarks
    stored = time.perf_counter()
    for key in ("db", "empty"):
        Path(str(paths[key]) + ".bak").unlink(missing_ok=True)
        Path(str(paths[key]) + ".lock").unlink(missing_ok=True)
    with paths["jsonl"].open("wb") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
    columns = ["text", "source", "claimed_on", "ref", "outlet", "event_on", "place", "region", "lat", "lon",
               "category", "tags", "url", "note"]
    with paths["csv"].open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for record in records:
            row = {**record, "tags": ";".join(record["tags"]),
                   "url": record["urls"][0] if record["urls"] else None}
            writer.writerow(["" if row.get(column) is None else row[column] for column in columns])
    paths["stamp"].write_text(json.dumps(stamp))
    print(f"  corpus of {count:,}: built in {built - started:.1f} s, stored in {stored - built:.1f} s "
          f"({paths['db'].stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return paths


# ------------------------------------------------------------------------------- measuring

@dataclass
class Sample:
    seconds: float
    max_rss_kb: int
    code: int
    stderr: str = ""


# Runs one command and reports its wall time and ITS OWN peak RSS. It runs in a small, fresh
# wrapper process: a child's ru_maxrss starts from the RSS of the process that spawned it, so
# spawning from the (larger) benchmark process itself would overstate small commands.
MEASURE = r"""
import json, os, resource, subprocess, sys, time
out_path, err_path, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(out_path, "wb") as out, open(err_path, "wb") as err:
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
process.returncode = os.waitstatus_to_exitcode(status)
# The largest of the command and any helper it forked and waited for (this wrapper has no other child)
largest = max(usage.ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "max_rss_kb": largest, "code": process.returncode}))
"""


def measure(argv: list[str], *, cwd: Path, env: dict, stdout_path: Path) -> Sample:
    """Run one process in the wrapper; wall time around it and its own peak RSS."""
    err_path = cwd / "stderr.txt"
    result = subprocess.run([sys.executable, "-I", "-S", "-c", MEASURE, str(stdout_path), str(err_path), *argv],
                            cwd=cwd, env=env, capture_output=True, text=True, check=True)
    data = json.loads(result.stdout)
    return Sample(data["seconds"], data["max_rss_kb"], data["code"], err_path.read_text(errors="replace"))


# Counts how many times a process replaces the database file: wraps os.replace, then runs the CLI.
# Counts how many times a process replaces the database file: wraps os.replace, then runs the
# CLI. The count is written at every replacement (the CLI may end with os._exit: no atexit).
WRITE_COUNTER = r"""
import os, sys
target = os.path.realpath(os.environ["CLAIMS_DB"])
count = [0]
real_replace = os.replace
def counting_replace(src, dst, *a, **k):
    result = real_replace(src, dst, *a, **k)
    if os.path.realpath(dst) == target:
        count[0] += 1
        with open(os.environ["BENCH_WRITES"], "w") as out:
            out.write(str(count[0]))
    return result
os.replace = counting_replace
sys.argv = ["claims"] + sys.argv[1:]
from claims_cli.cli import main
main()
"""

FLOOR = "import gc, orjson, sys; gc.disable(); data = orjson.loads(open(sys.argv[1], 'rb').read())"
# The same, leaving without the interpreter's teardown (as `claims` itself does): for reference.
FLOOR_NO_TEARDOWN = FLOOR + "; import os; os._exit(0)"


@dataclass
class Case:
    name: str
    args: list[str]             # arguments after `claims`, or a full argv when `raw`
    kind: str                   # "read", "write", "import", "version", "floor", "reference", "peer"
    needs: str | None = None    # the subcommand that must exist
    raw: bool = False
    db: str = "db"              # which corpus database a run starts from
    results: dict = field(default_factory=dict)


def cases(paths: dict, count: int, sqlite_utils: str | None) -> list[Case]:
    cid = target_claim(count)
    out = [
        Case("floor: read + parse DB", [sys.executable, "-c", FLOOR, str(paths["db"])], "floor", raw=True),
        Case("(floor without teardown)", [sys.executable, "-c", FLOOR_NO_TEARDOWN, str(paths["db"])],
             "reference", raw=True),
        # How fast this machine is right now: a shared host's slow moments show here first (an
        # empty interpreter starts in about 0.012 s on a quiet 2-core EPYC).
        Case("(python -c pass)", [sys.executable, "-c", "pass"], "reference", raw=True),
        Case("--version", ["--version"], "version"),
        Case("list --side russia --status contested -f json",
             ["list", "--side", "russia", "--status", "contested", "--format", "json"], "read"),
        Case("list (table, 50 newest)", ["list"], "read"),
        Case("list -f jsonl (every claim, newest first)", ["list", "--format", "jsonl"], "read"),
        Case("contested", ["contested"], "read"),
        Case(f"show {cid}", ["show", cid], "read"),
        Case("export --format csv", ["export", "--format", "csv"], "read", needs="export"),
        Case("export --format html", ["export", "--format", "html"], "read", needs="export"),
        Case("export --format markdown", ["export", "--format", "markdown"], "read", needs="export"),
        Case("export --format json", ["export", "--format", "json"], "read", needs="export"),
        Case("export --format claimreview", ["export", "--format", "claimreview"], "read", needs="export"),
        Case("export --format geojson", ["export", "--format", "geojson"], "read", needs="export"),
        Case("report", ["report"], "read", needs="report"),
        Case("report --format html", ["report", "--format", "html"], "read", needs="report"),
        Case("report --since 2025-06-01 --until 2025-12-31", ["report", "--since", "2025-06-01", "--until",
                                                             "2025-12-31"], "read", needs="report"),
        Case("doctor", ["doctor"], "read"),
        Case("add", ["add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07",
                     "--place", "Kucherivka", "--region", "Kharkiv"], "write"),
        Case(f"confirm {cid}", ["confirm", cid, "--by", "GeoConfirmed", "--kind", "footage"], "write"),
        Case(f"edit {cid}", ["edit", cid, "--place", "Siversk", "--region", "Donetsk"], "write"),
        # Changes to a source that reach many claims: Telegram is the claimant of about a quarter
        # of them and gives evidence on more; ISW's new side re-weighs every item it gave.
        Case("sources rename Telegram (a source on ~38% of claims)",
             ["sources", "rename", "Telegram", "Russian Telegram channels"], "write"),
        Case("sources edit ISW --side ukraine", ["sources", "edit", "ISW", "--side", "ukraine"], "write"),
        Case(f"import {NEW_ROWS} new CSV rows (into this DB)", ["import", str(paths["new_rows"])], "write",
             needs="import"),
        Case("import CSV (empty DB)", ["import", str(paths["csv"])], "import", needs="import", db="empty"),
        Case("import JSONL (empty DB)", ["import", str(paths["jsonl"])], "import", needs="import", db="empty"),
    ]
    if sqlite_utils:
        out.append(Case("peer: sqlite-utils insert --csv",
                        [sqlite_utils, "insert", "peer.db", "claims", str(paths["csv"]), "--csv"],
                        "peer", raw=True))
    return out


def available_commands(claims: list[str], env: dict) -> set[str]:
    found = set()
    for name in ("import", "export", "report"):
        result = subprocess.run([*claims, name, "--help"], env=env, capture_output=True)
        if result.returncode == 0:
            found.add(name)
    return found


def find_sqlite_utils(option: str | None, install: bool) -> tuple[str | None, str]:
    """The sqlite-utils executable to compare with, or None and why not."""
    if option == "none":
        return None, "skipped (--sqlite-utils none)"
    if option:
        return option, f"{option} (given with --sqlite-utils)"
    on_path = shutil.which("sqlite-utils")
    if on_path:
        return on_path, f"{on_path} (on PATH)"
    venv = HERE / ".peer-venv"
    exe = venv / "bin" / "sqlite-utils"
    if exe.exists():
        return str(exe), "bench/.peer-venv"
    if not install:
        return None, "not installed (run without --no-install to pip-install it into bench/.peer-venv)"
    print("  installing sqlite-utils into bench/.peer-venv (a separate venv, not a project dependency)",
          file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "sqlite-utils"], check=True,
                       capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError) as err:
        return None, f"could not be installed ({type(err).__name__})"
    return (str(exe), "bench/.peer-venv") if exe.exists() else (None, "could not be installed")


def run_size(count: int, runs: int, work: Path, claims: list[str], base_env: dict,
             sqlite_utils: str | None, warm: bool) -> tuple[list[Case], dict]:
    paths = ensure_corpus(work, count)
    run_dir = work / "run"
    env = {**base_env, "CLAIMS_DB": str(run_dir / "claims.json")}
    present = available_commands(claims, env | {"CLAIMS_DB": str(paths["db"])})
    todo = cases(paths, count, sqlite_utils)
    for case in todo:
        if case.needs and case.needs not in present:
            case.results = {"na": "n/a (command missing)"}
    active = [case for case in todo if not case.results]

    def fresh_run_dir(case: Case) -> None:
        shutil.rmtree(run_dir, ignore_errors=True)
        run_dir.mkdir(parents=True)
        if case.kind in ("write", "import"):
            shutil.copyfile(paths[case.db], run_dir / "claims.json")

    def argv(case: Case) -> list[str]:
        if case.raw:
            return list(case.args)
        return [*claims, "--db", str(paths["db"]), *case.args] if case.kind == "read" else \
            [*claims, *case.args]

    samples: dict[str, list[Sample]] = {case.name: [] for case in active}
    for round_number in range(runs + (1 if warm else 0)):
        for case in active:
            fresh_run_dir(case)
            sample = measure(argv(case), cwd=run_dir, env=env, stdout_path=run_dir / "stdout.out")
            if sample.code != 0:
                case.results = {"na": f"failed (exit {sample.code}): {sample.stderr.strip().splitlines()[-1:]}"}
                continue
            if warm and round_number == 0:
                continue  # the first pass warms caches (.pyc files, page cache) and is not counted
            samples[case.name].append(sample)
        active = [case for case in active if not case.results]
    for case in active:
        taken = samples[case.name]
        case.results = {"seconds": statistics.median(s.seconds for s in taken),
                        "min_seconds": min(s.seconds for s in taken),
                        "max_rss_mb": max(s.max_rss_kb for s in taken) / 1024, "runs": len(taken)}
    for case in active:  # one untimed run to count database writes
        if case.kind in ("write", "import", "read"):
            fresh_run_dir(case)
            counter = run_dir / "writes.txt"
            db = run_dir / "claims.json" if case.kind != "read" else paths["db"]
            done = subprocess.run([sys.executable, "-c", WRITE_COUNTER, *case.args], cwd=run_dir,
                                  env=env | {"CLAIMS_DB": str(db), "BENCH_WRITES": str(counter)},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if done.returncode == 0:
                case.results["writes"] = int(counter.read_text()) if counter.exists() else 0
    shutil.rmtree(run_dir, ignore_errors=True)
    info = {"db_mb": paths["db"].stat().st_size / 1e6, "csv_mb": paths["csv"].stat().st_size / 1e6}
    return todo, info


# ------------------------------------------------------------------------------- reporting

def verdict(case: Case, count: int, floor: float | None, db_mb: float) -> tuple[str, str]:
    """(target, pass/fail) for one measured case."""
    seconds = case.results["seconds"]
    checks: list[tuple[str, bool]] = []
    if case.kind == "version":
        checks.append(("< 0.1 s", seconds < 0.1))
    elif case.kind in ("read", "write", "import") and count <= 1000:
        checks.append(("< 0.15 s", seconds < 0.15))
    if count >= 100_000 and floor:
        if case.kind == "read":
            checks.append(("<= 1.3x floor", seconds <= 1.3 * floor))
        elif case.kind == "write":
            checks.append(("<= 2x floor", seconds <= 2 * floor))
        elif case.kind == "import" and "CSV" in case.name:
            checks.append(("<= 3 s", seconds <= 3.0))
    if count >= 100_000 and case.kind in ("read", "write", "import"):
        checks.append(("mem <= 4x DB", case.results["max_rss_mb"] * 1.048576 <= 4 * db_mb))
    if case.kind in ("write", "import") and case.results.get("writes") is not None:
        checks.append(("1 write", case.results["writes"] <= 1))
    if case.kind == "read" and case.results.get("writes"):
        checks.append(("no write", False))
    if not checks:
        return "", ""
    failed = [name for name, ok in checks if not ok]
    return ", ".join(name for name, _ in checks), "pass" if not failed else "FAIL: " + ", ".join(failed)


def table(all_results: list[tuple[int, list[Case], dict]]) -> list[str]:
    lines = ["| command | claims | median s | min s | x floor | peak MB | writes | target | result |",
             "|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for count, todo, info in all_results:
        floor = next((c.results.get("seconds") for c in todo if c.kind == "floor"), None)
        peer = next((c.results.get("seconds") for c in todo if c.kind == "peer"), None)
        for case in todo:
            if "na" in case.results:
                lines.append(f"| {case.name} | {count:,} | {case.results['na']} | | | | | | |")
                continue
            seconds = case.results["seconds"]
            target, result = verdict(case, count, floor, info["db_mb"])
            if case.kind == "import" and "CSV" in case.name and peer and count >= 100_000:  # (issue 6: at 100,000 rows)
                ok = seconds <= peer / 2
                target = (target + ", " if target else "") + "<= 0.5x sqlite-utils"
                result = result if ok else ("FAIL: " + ("" if result == "pass" else result[6:] + ", ")
                                            + "vs sqlite-utils")
            ratio = f"{seconds / floor:.2f}" if floor and case.kind != "floor" else ""
            writes = case.results.get("writes")
            lines.append(f"| {case.name} | {count:,} | {seconds:.3f} | {case.results['min_seconds']:.3f} | {ratio} | "
                         f"{case.results['max_rss_mb']:.0f} | {'' if writes is None else writes} | "
                         f"{target} | {result} |")
    return lines


# A floor this many times the same parse without its teardown was slow to exit (a shared host
# reclaiming the memory freed: seen at 100,000 claims as 2-3 s against the usual 1.25 s; the
# teardown is normally a sixth of the floor)
UNSTEADY_FLOOR = 1.5
UNSTEADY_SPREAD = 1.2  # a floor median this far above its fastest run: a busy machine


def unsteady_floors(all_results: list[tuple[int, list, dict]]) -> list[str]:
    """A warning for each size whose floor was slowed by its interpreter's exit: its `x floor`
    ratios and verdicts are then too kind, and the run should be repeated on a quiet machine."""
    said = []
    for count, todo, _ in all_results:
        floor = next((c.results.get("seconds") for c in todo if c.kind == "floor"), None)
        parse = next((c.results.get("seconds") for c in todo if c.kind == "reference" and "teardown" in c.name), None)
        if floor and parse and floor > UNSTEADY_FLOOR * parse:
            said.append(f"- **Unsteady floor at {count:,} claims:** its median, {floor:.3f} s, is {floor / parse:.1f}x "
                        f"the same parse without teardown ({parse:.3f} s; usually about 1.2x): the interpreter's "
                        "exit was slow on this machine while it ran, so the x floor ratios and verdicts at this "
                        "size are too kind. Run again on a quiet machine.")
            continue
        fastest = next((c.results.get("min_seconds") for c in todo if c.kind == "floor"), None)
        if floor and fastest and floor > UNSTEADY_SPREAD * fastest:
            said.append(f"- **Unsteady floor at {count:,} claims:** its runs far apart (median {floor:.3f} s, fastest "
                        f"{fastest:.3f} s): the machine was busy while it ran, so the x floor ratios and verdicts "
                        "at this size may be too kind. Run again on a quiet machine.")
    return said


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        commit, dirty = "", ""
    versions = []
    for name in ("orjson", "tinydb", "typer", "rich"):
        try:
            from importlib.metadata import version

            versions.append(f"{name} {version(name)}")
        except Exception:
            pass
    return [
        f"- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({sys.executable}); {', '.join(versions)}",
        f"- code: commit {commit or '?'}{' with local changes' if dirty else ''}",
        "- load average (1, 5, 15 min) at the end: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
        + " (other work on the machine shows up as noise; compare medians, and min s)",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, help="one corpus size (e.g. 100000)")
    parser.add_argument("--sizes", help="comma-separated sizes (default 1000,10000,100000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command; the median is reported")
    parser.add_argument("--quick", action="store_true", help="1,000 claims, one run, no peer: a smoke test")
    parser.add_argument("--work", type=Path, help="where corpora are kept (default: $TMPDIR/claims-bench)")
    parser.add_argument("--output", type=Path, help="the Markdown report (default bench/RESULTS.md; with --quick, "
                                                    "bench/out/RESULTS-quick.md: a smoke test leaves the committed "
                                                    "results alone)")
    parser.add_argument("--sqlite-utils", dest="sqlite_utils",
                        help="sqlite-utils executable for the peer comparison; 'none' to skip")
    parser.add_argument("--no-install", action="store_true", help="never pip-install sqlite-utils")
    parser.add_argument("--build-corpus", type=int, help=argparse.SUPPRESS)  # internal: one corpus
    args = parser.parse_args(argv)
    if args.build_corpus:
        write_corpus(args.work, args.build_corpus)
        return 0

    if args.output is None:
        args.output = HERE / "out" / "RESULTS-quick.md" if args.quick else HERE / "RESULTS.md"
        args.output.parent.mkdir(exist_ok=True)
    if args.quick:
        sizes, runs = [1000], 1
    else:
        sizes = [args.claims] if args.claims else [int(s.replace("_", "")) for s in
                                                  (args.sizes or "1000,10000,100000").split(",")]
        runs = max(1, args.runs)
    try:
        import claims_cli  # noqa: F401
    except ImportError:
        parser.error(f"{sys.executable} cannot import claims_cli; run with the Python of its venv "
                     "(e.g. .venv/bin/python bench/run.py)")
    work = args.work or Path(tempfile.gettempdir()) / "claims-bench"
    claims = [sys.executable, "-m", "claims_cli"]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "CLAIMS_ANALYST": "bench",
           "TZ": "UTC"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("CLAIMS_DEBUG", None)
    peer, peer_note = (None, "skipped (--quick)") if args.quick else \
        find_sqlite_utils(args.sqlite_utils, not args.no_install)
    if peer:
        try:
            version = subprocess.run([peer, "--version"], capture_output=True, text=True, timeout=60).stdout
            peer_note = f"{version.strip() or 'sqlite-utils'}, {peer_note}"
        except (OSError, subprocess.SubprocessError):
            pass

    all_results = []
    for index, count in enumerate(sizes):
        print(f"{count:,} claims: {runs} run(s) per command", file=sys.stderr)
        todo, info = run_size(count, runs, work, claims, env, peer, warm=index == 0)
        all_results.append((count, todo, info))
        for line in table([(count, todo, info)])[2:]:
            print(line, file=sys.stderr)

    lines = table(all_results)
    print("\n".join(lines))
    warnings = unsteady_floors(all_results)
    for warning in warnings:
        print(warning, file=sys.stderr)
    sizes_text = ", ".join(f"{count:,} claims: DB {info['db_mb']:.1f} MB, CSV {info['csv_mb']:.1f} MB"
                           for count, _, info in all_results)
    report = [
        "# Benchmark results",
        "",
        "Produced by `python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]) + "`"
        " (see bench/README.md for what each row measures).",
        "",
        *machine(),
        f"- corpora: {sizes_text}",
        f"- runs per command: {runs} (median wall time; peak memory is the largest ru_maxrss of the runs)",
        f"- sqlite-utils: {peer_note}",
        "",
        *lines,
        "",
        *([*warnings, ""] if warnings else []),
        "Targets (issue 6): at 100,000 claims every read command <= 1.3x the floor and a one-claim write",
        "<= 2x; a 100,000-row CSV import <= 3 s and <= half of `sqlite-utils insert --csv`; at 1,000",
        "claims every command < 0.15 s and `--version` < 0.1 s; peak memory <= 4x the database file;",
        "no command writes the database more than once (the `writes` column counts replacements of",
        "the database file in one extra, untimed run).",
        "",
    ]
    args.output.write_text("\n".join(report), encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
