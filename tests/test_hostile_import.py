"""Hostile import files: each a clear error with its position, exit 65, nothing written, bounded memory.

The limits are documented in the README ("Importing"): a line of a CSV or JSON Lines file at most
4 MB, a CSV field at most 1 MB, a CSV header at most 100 columns, JSON nested at most 1024 deep.
Control characters in a field are refused with the row, the field and the position (never stripped).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims_cli import importers

REPO = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
HEADER = b"text,source,claimed_on\n"
GOOD_ROW = b"Russian forces took Kucherivka,MoD,2025-12-01\n"
GOOD_LINE = b'{"text": "Russian forces took Kucherivka", "source": "MoD", "claimed_on": "2025-12-01"}\n'


@pytest.fixture
def seeded(cli, db) -> bytes:
    cli("add", "A claim already recorded", "--source", "ISW", "--on", "2025-12-01", ok=True)
    return db.read_bytes()


def refused(cli, db, before: bytes, path: Path, *expected: str) -> str:
    result = cli("import", path)
    assert result.exit_code == 65, (result.exit_code, result.stderr[:500])
    assert result.stderr.startswith("Error: "), result.stderr[:500]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert len(result.stderr) < 2000, "an error message, not a dump of the file"
    for words in expected:
        assert words in result.stderr, (words, result.stderr)
    assert result.stdout == ""
    assert db.read_bytes() == before
    return result.stderr


HOSTILE = {
    "csv-invalid-utf8": ("day.csv", HEADER + GOOD_ROW + b"Kucheriv\xffka,MoD,2025-12-01\n",
                         ["not UTF-8", "line 3, column 9", "byte offset 77"]),
    "jsonl-invalid-utf8": ("day.jsonl", GOOD_LINE + b'{"text": "\xc3\x28"}\n',
                           ["not UTF-8", "line 2, column 11", f"byte offset {len(GOOD_LINE) + 10}"]),
    "json-invalid-utf8": ("day.json", b'[\n  {"text": "ok \xfe"}\n]', ["not UTF-8", "line 2, column 16", "byte offset 17"]),
    "csv-png": ("image.csv", PNG, ["not UTF-8", "byte offset 0", "binary"]),
    "json-png": ("image.json", PNG, ["not UTF-8", "byte offset 0", "binary"]),
    "jsonl-random-bytes": ("noise.jsonl", bytes(range(256)) * 8, ["not UTF-8", "byte offset 128"]),
    "json-nested": ("deep.json", b"[" * 100_000 + b"]" * 100_000, ["nests arrays or objects more than 1024 deep",
                                                                    "column 1026", "more than claims reads"]),
    "json-nested-object": ("deep.json", b'{"claims": ' + b'{"a": ' * 2000 + b"1" + b"}" * 2001,
                           ["nests arrays or objects more than 1024 deep"]),
    # (left from the last session: its position read "(line 1, column 1026)" of line 2)
    "jsonl-nested": ("deep.jsonl", GOOD_LINE + b"[" * 5000 + b"]" * 5000 + b"\n",
                     ["line 2: nests arrays or objects more than 1024 deep (column 1026): more than claims reads"]),
    "csv-100000-columns": ("wide.csv", b"text,source,claimed_on," + b",".join(b"c%d" % n for n in range(100_000))
                           + b"\n", ["100003 columns", "the limit is 100"]),
    "csv-unknown-columns": ("wide.csv", b"text,source,claimed_on," + b",".join(b"c%d" % n for n in range(90))
                            + b"\n", ["unknown columns " + ", ".join(f"'c{n}'" for n in range(50)) + " and 40 more\n"]),
    "csv-row-of-100000-fields": ("wide.csv", HEADER + b"x,MoD,2025-12-01" + b"," * 100_000 + b"\n",
                                 ["row 2", "100003 fields"]),
    "csv-quoted-field-over-1mb": ("long.csv", HEADER + b'"' + (b"a" * 1000 + b"\n") * 1100 + b'",MoD,2025-12-01\n',
                                  ["a field is over 1,048,576 characters",
                                   # (new-user pass: it said "Quote fields that contain commas...", of a
                                   # field quoted as it should be)
                                   "If no field is meant to be that long, a quote before it is never closed"]),
}



@pytest.mark.parametrize("name, data", [("deep.json", b"[" * 2000 + b"]" * 2000),
                                        ("deep.jsonl", GOOD_LINE + b"[" * 2000 + b"]" * 2000 + b"\n")])
def test_json_nested_past_the_limit_is_not_called_invalid(cli, db, seeded, tmp_path, name, data):
    """(import hunt) JSON nested 1,100 deep, which a validator passes, was "not valid JSON", with
    "Check the file with a JSON validator": it is past what claims reads, and said so."""
    path = tmp_path / name
    path.write_bytes(data)
    said = refused(cli, db, seeded, path, "more than claims reads")
    assert "not valid JSON" not in said and "validator" not in said, said

def test_json_saved_as_csv_keeps_its_hint_when_a_field_is_over_the_limit(cli, db, seeded, tmp_path):
    """(review) The field-limit hint replaced the one that says the file looks like JSON."""
    path = tmp_path / "export.csv"
    path.write_bytes(b'{"claims": [{"text": "' + b"a" * (2 ** 20 + 10) + b'"}]}\n')
    refused(cli, db, seeded, path, "a field is over 1,048,576 characters", "It looks like JSON")


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_file_is_a_clear_error_with_its_position_and_nothing_is_written(cli, db, seeded, tmp_path,
                                                                                 case):
    name, data, expected = HOSTILE[case]
    path = tmp_path / name
    path.write_bytes(data)
    refused(cli, db, seeded, path, *expected)


@pytest.mark.parametrize("name, data, where", [
    ("huge.jsonl", GOOD_LINE + b'{"text": "' + b"a" * (5 * 2**20) + b'"}\n', "line 2 is over 4 MB"),
    ("huge.csv", HEADER + GOOD_ROW + b'"' + b"a" * (5 * 2**20) + b'",MoD,2025-12-01\n', "line 3 is over 4 MB"),
    ("huge.csv", HEADER + b"a" * (5 * 2**20) + b",MoD,2025-12-01\n", "line 2 is over 4 MB"),
])
def test_a_line_over_the_limit_is_named(cli, db, seeded, tmp_path, name, data, where):
    path = tmp_path / name
    path.write_bytes(data)
    refused(cli, db, seeded, path, where)


@pytest.mark.parametrize("name, data, problems", [
    ("day.csv", b"text,source,claimed_on,note\nab\x00c,MoD,2025-12-01,fine\nok,MoD,2025-12-01,x\x1b[2J\n",
     ["row 2, text: text has a control character '\\x00' at position 3",
      "row 3, note: note has a control character '\\x1b' at position 2"]),
    ("day.jsonl", b'{"text": "ab\\u0000c", "source": "MoD", "claimed_on": "2025-12-01"}\n'
                  b'{"text": "ok", "source": "MoD", "claimed_on": "2025-12-01", "place": "x\\u009b31m"}\n',
     ["line 1, text: text has a control character '\\x00' at position 3",
      "line 2, place: place has a control character '\\x9b' at position 2"]),
    ("day.json", b'[{"text": "ok", "source": "MoD", "claimed_on": "2025-12-01", "evidence": '
                 b'[{"source": "ISW", "stance": "supports", "note": "\\u0007bell"}]}]',
     ["claim 1, evidence 1 note: note has a control character '\\x07' at position 1"]),
])
def test_control_characters_are_refused_with_row_field_and_position(cli, db, seeded, tmp_path, name, data,
                                                                   problems):
    path = tmp_path / name
    path.write_bytes(data)
    result = cli("import", path)
    assert result.exit_code == 65
    for problem in problems:
        assert problem in result.stderr, result.stderr
    assert "\x1b" not in result.stderr and "\x9b" not in result.stderr and "\x00" not in result.stderr
    assert db.read_bytes() == seeded


def test_the_limits_are_the_documented_ones():
    readme = (REPO / "README.md").read_text()
    assert importers.MAX_LINE_BYTES == 4 * 2**20 and "4 MB" in readme
    assert importers.MAX_FIELD_CHARS == 2**20 and "1 MB" in readme
    assert importers.MAX_COLUMNS == 100 and "100 columns" in readme


MEASURE = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "claims_cli", "import", sys.argv[1]], stdout=subprocess.DEVNULL)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX")
@pytest.mark.parametrize("name", ["line.jsonl", "line.csv"])
def test_a_30_mb_line_is_refused_in_bounded_memory(tmp_path, name):
    """The importer never holds the whole line: the process's peak memory stays far below what
    reading a 30 MB line (and decoding and parsing it) would take."""
    path = tmp_path / name
    with path.open("wb") as stream:
        stream.write(HEADER if name.endswith(".csv") else b"")
        stream.write(b'{"text": "' if name.endswith(".jsonl") else b'"')
        stream.write(b"a" * (30 * 2**20))
        stream.write(b'"}\n' if name.endswith(".jsonl") else b'",MoD,2025-12-01\n')
    db = tmp_path / "claims.json"
    # A small parent measures the import: a child forked straight from this (large) pytest process
    # would count pytest's own pages, resident before the exec, in its peak.
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=REPO, capture_output=True,
                          env={**os.environ, "CLAIMS_DB": str(db)}, timeout=120)
    returncode, peak_kb = map(int, done.stdout.split())
    assert returncode == 65, done.stderr
    assert b"is over 4 MB" in done.stderr
    peak = peak_kb * (1 if sys.platform == "darwin" else 1024)  # bytes
    assert peak < 150 * 2**20, f"peak memory {peak / 2**20:.0f} MB"
    assert not db.exists()


def test_escapes_in_a_label_or_problem_are_inert_on_stderr_and_in_the_summary(cli, db, seeded, tmp_path):
    """A JSON claim is labelled by its ref or id (`claim 1 (ref)`): user text in a message."""
    path = tmp_path / "day.json"
    path.write_bytes(b'[{"ref": "\\u001b]0;pwned\\u0007", "text": "x"}, {"id": "\\u009b31m", "text": "y"},'
                     b' {"ref": "ok", "text": "z", "source": "\\u009bMoD"}]')
    result = cli("import", path, "--summary", "json")
    assert result.exit_code == 65
    for output in (result.stdout, result.stderr):
        assert "\x1b" not in output and "\x07" not in output and "\x9b" not in output, repr(output)
    assert "claim 1 (\\x1b]0;pwned\\x07)" in result.stderr
    problems = result.json()["problems"]
    assert problems[0]["where"] == "claim 1 (\\x1b]0;pwned\\x07)"
    assert db.read_bytes() == seeded


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_positions_stay_right_across_read_chunks(cli, db, seeded, tmp_path, fmt):
    """Files are read in 1 MB chunks: a problem deep in a large file still names its own line."""
    if fmt == "csv":
        head = HEADER + b'"Quoted\nacross lines",MoD,2025-12-01\n'  # row 2 spans lines 2-3
        row = b"Russian forces took place %d,MoD,2025-12-01\n"
        bad_row = b"Russian forces took place %d,MoD,not a date\n"
    else:
        head = b""
        row = b'{"text": "Russian forces took place %d", "source": "MoD", "claimed_on": "2025-12-01"}\n'
        bad_row = b'{"text": "Russian forces took place %d", "source": "MoD", "claimed_on": "not a date"}\n'
    lines = [row % n for n in range(25_000)]
    lines[24_000] = bad_row % 24_000
    path = tmp_path / f"big.{fmt}"
    path.write_bytes(head + b"".join(lines))
    result = cli("import", path)
    assert result.exit_code == 65
    first = len(head.split(b"\n")) if fmt == "csv" else 1  # the line of lines[0]
    where = f"row {24_000 + 3} (line {24_000 + first})" if fmt == "csv" else f"line {24_000 + first}"
    assert f"  {where}, claimed_on:" in result.stderr, result.stderr
    # and a bad byte deep in the file
    lines[24_000] = row % 24_000
    lines[24_500] = lines[24_500].replace(b"place ", b"place \xff")
    data = head + b"".join(lines)
    path.write_bytes(data)
    result = cli("import", path)
    assert result.exit_code == 65
    offset, column = data.index(b"\xff"), 27 if fmt == "csv" else 37
    assert f"line {24_500 + first}, column {column} (byte offset {offset})" in result.stderr, result.stderr
    assert db.read_bytes() == seeded


@pytest.mark.parametrize("separator", [b",", b";", b"\t"])
def test_a_csv_with_lone_carriage_returns_is_explained(cli, db, tmp_path, separator):
    """(tester) with semicolons (Excel for Mac's "CSV (Macintosh)") it said the header mixes separators."""
    path = tmp_path / "mac.csv"
    path.write_bytes(b"text,source,claimed_on\rx,ISW,2025-12-01\r".replace(b",", separator))
    result = cli("import", path, ok=False)
    assert result.exit_code == 65 and "carriage return alone" in result.stderr and "LF or CRLF" in result.stderr
    assert "universal-newline" not in result.stderr and "mixes separators" not in result.stderr and not db.exists()


@pytest.mark.parametrize("data", [b"\r\x00", b"text,source\r\x00", b"Date;Source\rx;y\r",
                                  b'Title line\r"x"\ntext,source,claimed_on\n', b'\r"\nsource\tclaimed_on'])
def test_a_header_of_unknown_names_with_a_lone_carriage_return_is_explained(cli, db, tmp_path, data):
    """(property test) A header naming no known column is counted in cells to choose its
    separator, and a first line above a header is read as a title; one with a carriage return
    alone in it stopped the import with an internal error (exit 70, csv's "new-line character seen
    in unquoted field"), not the malformed-line message."""
    path = tmp_path / "odd.csv"
    path.write_bytes(data)
    result = cli("import", path, ok=False)
    assert result.exit_code == 65 and "internal error" not in result.stderr, result.stderr
    assert "malformed CSV" in result.stderr and not db.exists(), result.stderr


BAD_LINES = 100  # records of 3 problems each ({}: no text, source or claimed_on)


@pytest.mark.parametrize("name", ["bad.jsonl", "bad.json", "bad.csv"])
def test_problems_past_those_kept_are_counted_not_kept(cli, db, seeded, tmp_path, monkeypatch, name):
    """(bad-input sweep) 1,000,000 lines of `{}` (3 MB) took 970 MB and 42 s to refuse: each record's
    three problems were kept, every one. The first PROBLEMS_KEPT are kept whole; the rest are counted,
    and the records they are about still counted exactly (a record whose problems the limit cuts in
    two is one record), so memory is bounded whatever the file holds."""
    monkeypatch.setattr(importers, "PROBLEMS_KEPT", 40)  # (40 = 13 records and one problem of the 14th)
    good = {"bad.csv": b"x,MoD,2025-12-01\n"}.get(name, GOOD_LINE)
    bad = {"bad.jsonl": b"{}\n", "bad.json": b"{},\n", "bad.csv": b",,\n"}[name]
    body = bad * BAD_LINES + good
    path = tmp_path / name
    path.write_bytes({"bad.json": b"[" + body.rstrip(b"\n") + b"]", "bad.csv": b"text,source,claimed_on\n" + body.replace(
        b",,\n", b' , ,\n')}.get(name, body))
    result = cli("import", path, "--summary", "json")
    assert result.exit_code == 65, result.stderr
    summary = result.json()
    problems = summary["problems"]
    total = 3 * BAD_LINES
    assert len(problems) == 40 and summary["problems_left_off"] == total - 40, (len(problems), summary)
    assert summary["invalid"] == BAD_LINES and summary["records"] == BAD_LINES + 1, summary
    unit, first = {"bad.jsonl": ("line", 1), "bad.json": ("claim", 1), "bad.csv": ("row", 2)}[name]
    assert [problem["where"] for problem in problems[::3]] == [f"{unit} {first + n}" for n in range(14)], problems
    assert f"  ... and {total - 20} more problems (--summary json lists the first 40)\n" in result.stderr, result.stderr
    assert f"{BAD_LINES} of {BAD_LINES + 1} records" in result.stderr
    assert db.read_bytes() == seeded
    # --skip-invalid writes the valid record, and counts the invalid ones exactly
    result = cli("import", path, "--skip-invalid", "--summary", "json")
    summary = result.json()
    assert result.exit_code == 65 and summary["added"] == 1 and summary["invalid"] == BAD_LINES, summary
    assert summary["written"] and len(summary["problems"]) == 40 and summary["problems_left_off"] == total - 40


def test_category_list_problems_past_those_kept_are_counted(cli, db, seeded, tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "PROBLEMS_KEPT", 10)
    path = tmp_path / "cats.json"
    path.write_bytes(b'{"claims": [], "categories": [' + b",".join([b"1"] * 25) + b"]}")
    summary = cli("import", path, "--summary", "json").json()
    assert summary["categories_invalid"] == 25 and summary["invalid"] == 0, summary
    assert len(summary["problems"]) == 10 and summary["problems_left_off"] == 15, summary


def test_a_short_problem_list_leaves_none_off(cli, db, seeded, tmp_path):
    path = tmp_path / "few.jsonl"
    path.write_bytes(b"{}\n" + GOOD_LINE)
    summary = cli("import", path, "--summary", "json").json()
    assert len(summary["problems"]) == 3 and summary["problems_left_off"] == 0, summary


def test_a_refused_records_history_is_not_said_when_its_problem_is_past_those_kept(cli, db, seeded, tmp_path,
                                                                                   monkeypatch):
    """A history put in time order is said of records stored only; a refused record's problem past
    PROBLEMS_KEPT is not kept, and its note was then said (`finish` read the kept problems)."""
    monkeypatch.setattr(importers, "PROBLEMS_KEPT", 3)
    history = [{"at": "2025-12-03T10:00:00Z", "action": "edited", "analyst": "x"},
               {"at": "2025-12-02T10:00:00Z", "action": "created", "analyst": "x"}]
    lines = [json.dumps({"text": f"Claim {n}", "source": "Ukraine", "claimed_on": "2025-12-01", "history": history,
                         "category": "nonsense"}) for n in range(5)]
    lines.append(json.dumps({"text": "Stored", "source": "Ukraine", "claimed_on": "2025-12-01", "history": history}))
    path = tmp_path / "h.jsonl"
    path.write_text("\n".join(lines) + "\n")
    summary = cli("import", path, "--skip-invalid", "--summary", "json").json()
    assert (summary["added"], summary["invalid"], summary["problems_left_off"]) == (1, 5, 2), summary
    assert [note["where"] for note in summary["notes"] if note["kind"] == "history-order"] == ["line 6"], summary


def test_a_json_documents_records_share_the_set_of_fields_they_give():
    """(bad-input sweep) A JSON array of a million `{}` (3 MB) took 520 MB: each record's read fields
    held a set of the fields it gives of its own (216 bytes, empty). Records giving the same fields
    share one, so the memory a record takes is what it holds."""
    batch = importers.parse(b"[" + b",".join([b"{}"] * 3 + [GOOD_LINE.strip()] * 2) + b"]", "json", "x.json")
    first, second, third, good, again = batch.claims
    assert first.present is second.present is third.present and good.present is again.present
    assert good.present == {"text", "source", "claimed_on"}


def test_an_unknown_source_past_the_problems_kept_is_counted_in_its_line(cli, db, seeded, tmp_path, monkeypatch):
    """(review) 20,000 rows citing NoSuchSrc (each with a bad date too) said "unknown source
    'NoSuchSrc' in 5000 rows": the rows of the problems kept only. Every row citing it is counted."""
    monkeypatch.setattr(importers, "PROBLEMS_KEPT", 10)  # (10 = 5 rows of two problems each)
    path = tmp_path / "unknown.csv"
    path.write_bytes(HEADER + b"x,NoSuchSrc,notadate\n" * 20 + GOOD_ROW * 5)
    result = cli("import", path, "--summary", "json")
    assert result.exit_code == 65, result.stderr
    summary = result.json()
    assert summary["invalid"] == 20 and summary["problems_left_off"] == 30, summary
    assert "source: unknown source 'NoSuchSrc' in 20 rows (2, 3, 4, 5, 6 and 15 more)\n" in result.stderr, result.stderr
    # the line says 20 problems, 5 more lines the dates of the rows kept: 15 problems are left to count
    assert "  ... and 15 more problems (--summary json lists the first 10)\n" in result.stderr, result.stderr
