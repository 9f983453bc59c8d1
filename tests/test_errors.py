"""Every user error: one or two plain lines on stderr, the documented exit code, no traceback, and
the database file byte-for-byte unchanged. Reading commands on a missing database create nothing."""

from __future__ import annotations

import json
import os
import shlex

import pytest
from filelock import FileLock

EXIT_USER, EXIT_USAGE, EXIT_LOCKED = 1, 2, 75


def check_error(result, code: int = EXIT_USER, *words: str) -> None:
    output = result.stdout + result.stderr
    assert result.exit_code == code, (result.exit_code, output)
    assert "Traceback" not in output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines and lines[0].startswith("Error: "), result.stderr
    assert 1 <= len(lines) <= 2, result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


@pytest.fixture
def filled(cli, db) -> bytes:
    """A database with one claim that has evidence; returns its bytes."""
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07",
        "--place", "Kucherivka", ok=True)
    cli("confirm", "C-0001", "--by", "DeepState", ok=True)
    return db.read_bytes()


USER_ERRORS = [
    (("add", "x", "--source", "ISW", "--on", "03/04/2025"), "YYYY-MM-DD"),
    (("add", "x", "--source", "ISW", "--on", "2099-12-07"), "future"),
    (("add", "x", "--source", "ISW", "--on", "December 2025"), "lacks a day"),
    (("add", "x", "--source", "ISW", "--on", "sometime in December"), "not a date"),
    (("add", "x", "--source", "Russain MoD"), "Russian MoD"),
    (("add", "x", "--source", "ISW", "--coords", "48.1"), "LAT,LON"),
    (("add", "x", "--source", "ISW", "--coords", "148.1,37"), "out of range"),
    (("add", "x", "--source", "ISW", "--url", "ftp://example.org"), "http"),
    (("add", "x", "--source", "ISW", "--category", "weather"), "category"),
    (("add", "bad\x1b[31m text", "--source", "ISW"), "control character"),
    (("add", "Russian forces took Kucherivka", "--source", "MoD", "--on", "2025-12-07", "--place", "Kucherivka"),
     "C-0001"),
    (("show", "C-0099"), "no claim C-0099"),
    (("show", "not-an-id"), "not a claim ID"),
    (("edit", "C-0099", "--place", "X"), "no claim"),
    (("edit", "C-0001", "--on", "tomorrow"), "not a date"),
    (("delete", "C-0099", "--yes"), "no claim"),
    (("restore", "C-0001"), "not deleted"),
    (("confirm", "C-0099", "--by", "ISW"), "no claim"),
    (("confirm", "C-0001", "--by", "Nobody"), "unknown source"),
    (("dispute", "C-0001", "--by", "ISW", "--on", "2099-01-01"), "future"),
    (("evidence", "add", "C-0001", "--by", "ISW", "--stance", "maybe"), "stance"),
    (("evidence", "remove", "C-0001", "E7"), "no evidence E7"),
    (("assess", "C-0001", "likely"), "status"),
    (("list", "--status", "bogus"), "status"),
    (("list", "--source", "Nobody"), "unknown source"),
    (("list", "--since", "03/04/2025"), "--since"),
    (("contested", "--status", "bogus"), "status"),
    (("unverified", "--side", "neutral"), "side"),
    (("history", "C-0099"), "no claim"),
    (("sources", "add", "ISW", "--side", "independent"), "already exists"),
    (("sources", "edit", "Nobody", "--grade", "A"), "unknown source"),
    (("sources", "edit", "ISW", "--side", "neutral"), "side"),
    (("categories", "add", "Two Words"), "category"),
    (("categories", "add", "territorial"), "already exists"),
    (("import", "", "--format", "csv"), "no file name"),  # (help hunt: it said "cannot read : it is a directory")
    (("import", " ", "--format", "csv"), "no file name"),
]


@pytest.mark.parametrize(("args", "word"), USER_ERRORS, ids=[" ".join(a[:2]) + f"-{i}" for i, (a, _) in
                                                             enumerate(USER_ERRORS)])
def test_user_errors(cli, db, filled, args, word):
    result = cli(*args)
    check_error(result, EXIT_USER, word)
    assert db.read_bytes() == filled


@pytest.mark.parametrize("args", [
    ("add", "x"),  # missing --source
    ("add", "--source", "ISW"),  # missing text
    ("list", "--colour"),
    ("list", "--format", "xml"),
    ("list", "--limit", "-2"),
    ("show",),
    ("frobnicate",),
])
def test_usage_errors_exit_2(cli, db, filled, args):
    result = cli(*args)
    check_error(result, EXIT_USAGE)
    assert db.read_bytes() == filled


# ------------------------------------------------------------------------------ unreadable databases

BROKEN_FILES = {
    "corrupted": b'{"meta": {"1": {"schema_version": 1, "next_cl',
    "empty": b"",
    "blank": b"  \n",
    "newer": json.dumps({"meta": {"1": {"schema_version": 99, "next_claim": 1}}, "claims": {}}).encode(),
    "not-a-claims-db": b'{"users": {"1": {"name": "x"}}}',
    "a-json-array": b"[1, 2, 3]",
    "binary": bytes(range(256)),
}
COMMANDS = [
    ("list",), ("list", "--format", "json"), ("show", "C-0001"), ("contested",), ("sources", "list"),
    ("add", "x", "--source", "ISW"), ("init",), ("confirm", "C-0001", "--by", "ISW"),
    ("sources", "add", "New", "--side", "unknown"), ("categories", "add", "logistics"),
]


@pytest.mark.parametrize("kind", list(BROKEN_FILES))
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
def test_unreadable_database_is_reported_and_never_touched(cli, db, kind, args):
    if args == ("init",) and kind in ("empty", "blank"):
        pytest.skip("init makes an empty file with no backup a new database (test_init_makes_an_empty_file...)")
    db.write_bytes(BROKEN_FILES[kind])
    result = cli(*args)
    check_error(result, EXIT_USER, str(db.name))
    assert db.read_bytes() == BROKEN_FILES[kind]
    assert not db.with_name(db.name + ".bak").exists()


def test_newer_schema_message(cli, db):
    db.write_bytes(BROKEN_FILES["newer"])
    check_error(cli("list"), EXIT_USER, "schema version 99", "Upgrade")


def test_empty_file_message(cli, db):
    db.write_bytes(b"")
    check_error(cli("list"), EXIT_USER, "empty")


@pytest.mark.parametrize("how", ["--db", "command --db", "CLAIMS_DB"])
@pytest.mark.parametrize("args", [("list",), ("add", "x", "--source", "ISW"), ("init",)])
def test_database_path_that_is_a_directory(cli, tmp_path, monkeypatch, how, args):
    directory = tmp_path / "desk.json"
    directory.mkdir()
    if how == "--db":
        result = cli("--db", directory, *args)
    elif how == "command --db":
        result = cli(*args, "--db", directory)
    else:
        monkeypatch.setenv("CLAIMS_DB", str(directory))
        result = cli(*args)
    check_error(result, EXIT_USER, "is a directory")
    assert list(directory.iterdir()) == []


@pytest.mark.parametrize("path", ["", ".", "/", "sub/.."])
@pytest.mark.parametrize("args", [("list",), ("add", "x", "--source", "ISW"), ("init",), ("doctor",)])
def test_a_database_path_without_a_file_name_is_a_directory(cli, tmp_path, monkeypatch, path, args):
    """`--db ""`, `.` or `/` name a directory (Path has no file name to put a lock beside):
    refused as any directory is, not an internal error."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    result = cli("--db", path, *args)
    # ("sub/..": named a directory, refused before anything is read, as "sub/" is; doctor too)
    check_error(result, EXIT_USER, "names a directory" if path == "sub/.." else "--db is empty" if path == "" else
                "is a directory")
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["sub"]


@pytest.mark.parametrize("name", [" ", "  ", "\t", "sub/ "])
def test_a_database_or_output_file_named_by_blanks_is_refused(cli, tmp_path, monkeypatch, name):
    """(bug hunt) `--db " "` made a database named by a space, and `export -o " "` a file so named,
    in the current directory: a slip in a script, never what was meant."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    result = cli("--db", name, "add", "x", "--source", "ISW")
    check_error(result, EXIT_USER, "has no file name")
    monkeypatch.setenv("CLAIMS_DB", str(tmp_path / "desk.json"))
    result = cli("export", "--format", "csv", "--output", name)
    check_error(result, EXIT_USER, "has no file name")
    assert sorted(entry.name for entry in tmp_path.rglob("*")) == ["sub"]


@pytest.mark.parametrize("path", ["", ".", "sub"])
@pytest.mark.parametrize("args", [("export", "--format", "csv"), ("report", "--format", "html")])
def test_an_output_without_a_file_name_is_told_to_name_a_file(cli, db, filled, tmp_path, monkeypatch, path, args):
    """(left from the last session) `export -o ""` gave Typer's "file '' is a directory" as a usage
    error: Typer makes "" the current directory. Now the directory is named, with what to give."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    before = sorted(entry.name for entry in tmp_path.rglob("*"))
    result = cli(*args, "--output", path)
    if path:
        check_error(result, EXIT_USER, f"{path} is a directory", "Give --output the name of a file, not of a directory.")
    else:  # (review: "Error: . is a directory" for an empty value, read from an unset variable)
        check_error(result, EXIT_USER, "--output '' is empty", "Give --output the name of a file")
    assert sorted(entry.name for entry in tmp_path.rglob("*")) == before
    assert db.read_bytes() == filled


@pytest.mark.parametrize("args", [("export", "--format", "csv"), ("report", "--format", "html")])
def test_an_output_path_that_cannot_name_a_file_is_told_plainly(cli, db, filled, tmp_path, monkeypatch, args):
    """(report-reader hunt) A name too long for the file system was an internal error (exit 70);
    `-o notes.txt/x.html` said "directory notes.txt does not exist" of a file that does; and
    `-o new.html/` wrote the file new.html, where a shell's `>` refuses a name ending in a slash."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("kept\n")
    before = sorted(entry.name for entry in tmp_path.rglob("*"))
    for path, words in ((f"{'a' * 300}.html", ("cannot write", "name too long")),
                        ("notes.txt/x.html", ("notes.txt is not a directory",)),
                        ("new.html/", ("new.html/ ends with a slash", "name of a file"))):
        check_error(cli(*args, "--output", path), EXIT_USER, *words)
        assert sorted(entry.name for entry in tmp_path.rglob("*")) == before
    assert db.read_bytes() == filled


def test_a_database_name_too_long_is_told_plainly(cli, tmp_path):
    """(report-reader hunt) `--db` with a name too long for the file system was an internal error."""
    for args in (("list",), ("add", "x", "--source", "ISW", "--on", "2025-12-07"), ("doctor",)):
        result = cli("--db", tmp_path / f"{'b' * 300}.json", *args)
        assert result.exit_code in (1, 74), (args, result.exit_code, result.stderr)
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        assert "name too long" in result.stderr.lower(), result.stderr
        assert len(result.stderr.strip().splitlines()) <= 3, result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, said", [
    (("show", "-1"), "No such option: -1"),
    (("evidence", "add", "1", "--by", "ISW"), "Missing option '--stance'"),
    (("list", "--limit", "-2"), "--limit"),
    (("--bogus", "list"), "No such option: --bogus"),
    (("lisst",), "No such command 'lisst'"),
    (("export", "--format", "pdf"), "pdf"),
])
def test_a_usage_error_is_two_lines_the_error_then_where_to_find_help(cli, args, said):
    """(bug hunt) Typer printed four: the usage line, the hint, a blank line and the error."""
    result = cli(*args)
    check_error(result, EXIT_USAGE, said)
    assert result.stderr.splitlines()[1].startswith("Try 'claims") and "-h' for help." in result.stderr


@pytest.mark.parametrize("args, command", [
    (("delete", "C-0001", "--yes", "--reason"), "delete"),
    (("add", "x", "--on", "2025-12-07", "--source"), "add"),
    (("sources", "add", "ISW", "--side"), "sources add"),
    (("list", "--db"), "list"),
    (("--db",), ""),
])
def test_an_option_given_no_value_says_where_to_find_help_as_every_usage_error(cli, db, filled, args, command):
    """(new-user review) "Error: Option '--reason' requires an argument." came alone, without the
    "Try 'claims delete -h' for help." every other usage error has: Click's parser raises it knowing
    no command."""
    result = cli(*args)
    check_error(result, EXIT_USAGE)
    assert result.stderr.splitlines() == [f"Error: Option '{args[-1]}' requires an argument.",
                                          f"Try '{' '.join(('claims', command)).strip()} -h' for help."], result.stderr
    assert db.read_bytes() == filled


@pytest.mark.parametrize("args, said", [
    (("list", "-n", "abc"), "--limit 'abc' is not a whole number"),
    (("list", "--limit", "1.5"), "--limit '1.5' is not a whole number"),
    (("list", "-n", ""), "--limit '' is not a whole number"),
    (("list", "-n", "\udce9"), "--limit '\\xe9' is not a whole number"),  # (a byte that is not UTF-8)
    (("list", "-n", "-2"), "--limit '-2' is out of range (0 or more)"),
    (("contested", "-n", "x"), "--limit 'x' is not a whole number"),
    (("unverified", "--older-than", "abc"), "--older-than 'abc' is not a whole number"),
    (("unverified", "--older-than", "-1"), "--older-than '-1' is out of range (0 or more)"),
    (("unverified", "-n", "many"), "--limit 'many' is not a whole number"),
])
def test_a_number_option_given_no_number_says_the_value_in_the_products_words(cli, filled, db, args, said):
    """(bad-input sweep) `list -n abc` said Pydantic's "Input should be a valid integer, unable to
    parse string as an integer" (a byte not UTF-8: "unable to parse raw data as a unicode string"),
    without the value; now the option, the value and what is wrong, then where to find help."""
    result = cli(*args)
    check_error(result, EXIT_USAGE)
    lines = result.stderr.splitlines()
    assert lines[0] == f"Error: {said}", lines
    assert lines[1] == f"Try 'claims {args[0]} -h' for help.", lines
    assert "Input should" not in result.stderr and "Invalid value" not in result.stderr
    assert db.read_bytes() == filled


def test_database_in_a_path_under_a_file(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    check_error(cli("--db", blocker / "claims.json", "add", "x", "--source", "ISW"), EXIT_USER)
    assert blocker.read_text() == "x"


def test_locked_database_exits_75_and_changes_nothing(cli, db, filled, monkeypatch):
    monkeypatch.setenv("CLAIMS_LOCK_TIMEOUT", "0.2")
    with FileLock(str(db) + ".lock"):
        result = cli("add", "another", "--source", "ISW")
        # Reading needs no lock.
        assert [c["id"] for c in cli("list", "--format", "json", ok=True).json()] == ["C-0001"]
    check_error(result, EXIT_LOCKED, "locked")
    assert db.read_bytes() == filled
    cli("add", "another", "--source", "ISW", ok=True)  # once the lock is free


@pytest.mark.parametrize("value", ["abc", "-1", "10s", "nan", "inf", "1e999", "-inf"])
def test_a_lock_timeout_that_is_no_number_of_seconds_is_refused(cli, db, filled, monkeypatch, value):
    """CLAIMS_LOCK_TIMEOUT mistyped: said so before anything is written, not silently 10 s. (stress
    hunt) inf, or 1e999, was taken, and the writer waited for a stuck lock forever."""
    monkeypatch.setenv("CLAIMS_LOCK_TIMEOUT", value)
    check_error(cli("add", "another", "--source", "ISW"), EXIT_USER, "CLAIMS_LOCK_TIMEOUT")
    assert db.read_bytes() == filled


# ------------------------------------------------------------------------------ creating nothing

READING = [
    ("list",), ("list", "--format", "json"), ("list", "--status", "confirmed", "--side", "russia"),
    ("show", "C-0001"), ("history", "C-0001"), ("contested",), ("unverified", "--format", "csv"),
    ("sources", "list"), ("categories", "list"),
]


@pytest.mark.parametrize("args", READING, ids=[" ".join(a) for a in READING])
def test_reading_a_missing_database_creates_nothing(cli, tmp_path, db, args):
    before = sorted(os.listdir(tmp_path))
    result = cli(*args)
    assert "Traceback" not in result.stdout + result.stderr
    assert not db.exists()
    assert sorted(os.listdir(tmp_path)) == before


def test_a_deleted_claim_is_called_deleted_not_missing(cli, db):
    """(README hunt) `delete` of a deleted claim, and `edit` or `confirm` of one, said "no claim
    C-0001", which `show C-0001` (the claim, marked deleted) contradicts."""
    cli("add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("delete", "C-0001", "--yes", ok=True)
    before = db.read_bytes()
    check_error(cli("delete", "C-0001", "--yes"), EXIT_USER, "Error: claim C-0001 is already deleted",
                "claims restore C-0001")
    for args in (("edit", "C-0001", "--place", "Rivne"), ("confirm", "C-0001", "--by", "ISW")):
        result = cli(*args)
        check_error(result, EXIT_USER, "claims restore C-0001")
        assert result.stderr.startswith("Error: claim C-0001 is deleted"), result.stderr
    assert db.read_bytes() == before


def test_missing_database_reads_as_empty(cli, db):
    assert cli("list", "--format", "json", ok=True).json() == []
    assert cli("contested", "--format", "json", ok=True).json() == []
    assert "Russian MoD" in {s["name"] for s in cli("sources", "list", "--format", "json", ok=True).json()}
    check_error(cli("show", "C-0001"), EXIT_USER, "no claim C-0001")
    assert not db.exists()


@pytest.mark.parametrize("args", [("list", "--help"), ("--help",), ("add", "--help"), ("sources", "--help"),
                                  ("--version",), ("evidence", "add", "--help")])
def test_help_and_version_create_nothing(cli, tmp_path, db, args):
    before = sorted(os.listdir(tmp_path))
    result = cli(*args, ok=True)
    assert result.stdout
    assert not db.exists()
    assert sorted(os.listdir(tmp_path)) == before


# ------------------------------------------------------------------------------ real processes

def test_errors_in_a_real_process_have_no_traceback(run_claims, db):
    first = run_claims("add", "x", "--source", "Russain MoD")
    assert first.returncode == 1 and b"Russian MoD" in first.stderr and first.stdout == b""
    db.write_bytes(b"{not json")
    second = run_claims("add", "x", "--source", "ISW")
    assert second.returncode == 1 and b"not valid JSON" in second.stderr
    for result in (first, second):
        assert b"Traceback" not in result.stdout + result.stderr
        assert len(result.stderr.strip().splitlines()) <= 2
    assert db.read_bytes() == b"{not json"


@pytest.mark.parametrize("how", ["root option", "command option", "env"])
def test_analyst_with_control_characters_is_refused(cli, db, filled, monkeypatch, how):
    bad = "eve\x1b]0;pwned\x07"
    if how == "root option":
        result = cli("--analyst", bad, "confirm", "C-0001", "--by", "ISW")
    elif how == "command option":
        result = cli("confirm", "C-0001", "--by", "ISW", "--analyst", bad)
    else:
        monkeypatch.setenv("CLAIMS_ANALYST", bad)
        result = cli("confirm", "C-0001", "--by", "ISW")
    check_error(result, EXIT_USER, "$CLAIMS_ANALYST" if how == "env" else "--analyst", "control character")
    assert db.read_bytes() == filled


@pytest.mark.parametrize("where", ["root option", "command option"])
def test_an_empty_analyst_option_is_refused(cli, db, filled, where):
    """(bug hunt) `--analyst ""` passed to the login name in silence, while "  " was refused."""
    args = ["confirm", "C-0001", "--by", "ISW"]
    result = cli("--analyst", "", *args) if where == "root option" else cli(*args, "--analyst", "")
    # (new-user pass: "analyst is missing" of a value given, and empty)
    check_error(result, EXIT_USER, "--analyst is empty", "Give a name, or leave --analyst out")
    assert db.read_bytes() == filled


def test_a_blank_analyst_variable_is_told_how_to_mend_it(cli, db, filled, monkeypatch):
    """(audit hunt) CLAIMS_ANALYST="  " said "analyst is missing", with no word of the variable."""
    monkeypatch.setenv("CLAIMS_ANALYST", "  ")
    result = cli("confirm", "C-0001", "--by", "ISW")
    check_error(result, EXIT_USER, "$CLAIMS_ANALYST is blank", "Set it to a name, or unset it to use your login name.")
    assert db.read_bytes() == filled


@pytest.mark.parametrize("given", ["root option", "command option", "variable", "login"])
def test_a_too_long_analyst_is_named_where_it_came_from(cli, db, filled, monkeypatch, given):
    """(new-user pass) "analyst is 201 characters long" named no option, variable or login."""
    name = "x" * 201
    args = ["confirm", "C-0001", "--by", "ISW"]
    monkeypatch.delenv("CLAIMS_ANALYST", raising=False)
    if given == "variable":
        monkeypatch.setenv("CLAIMS_ANALYST", name)
    elif given == "login":
        monkeypatch.setenv("LOGNAME", name)
        monkeypatch.setenv("USER", name)
    result = cli("--analyst", name, *args) if given == "root option" else \
        cli(*args, "--analyst", name) if given == "command option" else cli(*args)
    said = {"variable": "$CLAIMS_ANALYST", "login": "your login name"}.get(given, "--analyst")
    check_error(result, EXIT_USER, f"{said} is 201 characters long; the limit is 200")
    assert db.read_bytes() == filled
    # (review) a login name, which the user did not type here, is told how to name the analyst instead
    hint = result.stderr.strip().splitlines()[1:]
    assert hint == (["Give --analyst NAME, or set $CLAIMS_ANALYST."] if given == "login" else []), result.stderr


def test_a_login_name_with_a_control_character_says_how_to_give_another(cli, db, filled, monkeypatch):
    """(review) "your login name has a control character" was told to remove it, which the user
    cannot do here: the hint is the one of a login name too long, or blank."""
    monkeypatch.delenv("CLAIMS_ANALYST", raising=False)
    monkeypatch.setenv("LOGNAME", "a\tb")
    monkeypatch.setenv("USER", "a\tb")
    result = cli("confirm", "C-0001", "--by", "ISW")
    check_error(result, EXIT_USER, "your login name has a control character")
    assert result.stderr.splitlines()[1] == "Give --analyst NAME, or set $CLAIMS_ANALYST.", result.stderr
    assert db.read_bytes() == filled


@pytest.mark.parametrize("path", ["", "."])
@pytest.mark.parametrize("where", ["root option", "command option"])
def test_an_empty_db_option_is_told_to_name_a_file(cli, tmp_path, monkeypatch, path, where):
    """(new-user pass) `--db ""` said "database . is a directory, not a file": Typer makes "" the
    current directory. Either way the answer says what to give."""
    monkeypatch.chdir(tmp_path)
    result = cli("--db", path, "list") if where == "root option" else cli("list", "--db", path)
    # (scripts hunt: "" is not ".", which the user never typed)
    check_error(result, EXIT_USER, "--db is empty" if path == "" else "database . is a directory, not a file",
                "Give --db (or $CLAIMS_DB) the name of a file, e.g. --db desk.json.")


@pytest.mark.parametrize("where", ["root option", "command option", "variable"])
@pytest.mark.parametrize("command", [("list",), ("add", "x", "--source", "ISW"), ("init",), ("doctor",)])
def test_a_db_of_a_dash_is_refused_not_made_a_file_named_dash(cli, tmp_path, monkeypatch, where, command):
    """(script-user tester) `claims --db - add x --source ISW` made a database file named `-` (and
    `-.lock`): `-` is standard input or output to import and export, and --db /dev/stdin is refused."""
    monkeypatch.chdir(tmp_path)
    if where == "variable":
        monkeypatch.setenv("CLAIMS_DB", "-")
        result = cli(*command)
    else:
        result = cli("--db", "-", *command) if where == "root option" else cli(*command, "--db", "-")
    check_error(result, EXIT_USER, "Error: database - names no file: a database cannot be kept on standard input "
                                   "or output",
                "Give --db (or $CLAIMS_DB) the name of a file, e.g. --db desk.json; a file named - is ./-.")
    assert list(tmp_path.iterdir()) == []
    cli("--db", "./-", "add", "x", "--source", "ISW")  # (a file named -, if one is wanted)
    assert (tmp_path / "-").is_file()


def _files_in(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("where", ["root option", "command option", "variable"])
@pytest.mark.parametrize("command", [("list",), ("add", "x", "--source", "ISW"), ("init",), ("doctor",),
                                     ("doctor", "--restore-backup")])
@pytest.mark.parametrize("companion, said", [("lock", "the lock file of"), ("bak", "the backup of")])
def test_a_db_naming_a_databases_lock_or_backup_is_refused(cli, tmp_path, monkeypatch, where, command, companion, said):
    """(fault injection) `--db lo/db.json.lock list` said the lock file "is empty (0 bytes of JSON)"
    and advised `init`, which made db.json's lock file a database (later writes replaced it, and
    db.json's writers aborted); `--db db.json.bak add ...` wrote into the backup, making
    db.json.bak.bak. Refused as --output refuses them, nothing touched."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lo").mkdir()
    for text in ("one", "two"):  # (db.json, db.json.bak, db.json.lock)
        cli("--db", "lo/db.json", "add", text, "--source", "ISW", "--on", "2025-12-01", ok=True)
    before = _files_in(tmp_path / "lo")
    assert set(before) == {"db.json", "db.json.bak", "db.json.lock"}
    named = f"lo/db.json.{companion}"
    if where == "variable":
        monkeypatch.setenv("CLAIMS_DB", named)
        result = cli(*command)
    else:
        result = cli("--db", named, *command) if where == "root option" else cli(*command, "--db", named)
    check_error(result, EXIT_USER, f"Error: database {named} is {said} lo/db.json", "--db lo/db.json")
    assert _files_in(tmp_path / "lo") == before


def test_a_db_named_as_a_lock_or_backup_of_no_database_is_one(cli, tmp_path, monkeypatch):
    """(what is refused is another database's file: with no such database beside it, the name is the user's)"""
    monkeypatch.chdir(tmp_path)
    for named in ("old.json.bak", "x.lock", ".bak"):
        cli("--db", named, "add", "x", "--source", "ISW", "--on", "2025-12-01", ok=True)
        assert len(cli("--db", named, "list", "--format", "json", ok=True).json()) == 1
    (tmp_path / "dir").mkdir()  # (a directory is no database)
    cli("--db", "dir.bak", "add", "x", "--source", "ISW", "--on", "2025-12-01", ok=True)
    # (review) nor is a file of text: notes.bak, a copy of a database, was refused as the "backup of
    # notes", and --db notes advised
    (tmp_path / "notes").write_text("call Kyiv desk at 10:00\n")
    (tmp_path / "notes.bak").write_bytes((tmp_path / "old.json.bak").read_bytes())
    assert len(cli("--db", "notes.bak", "list", "--format", "json", ok=True).json()) == 1


def test_a_db_through_a_link_to_a_databases_backup_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for text in ("one", "two"):
        cli("--db", "db.json", "add", text, "--source", "ISW", "--on", "2025-12-01", ok=True)
    (tmp_path / "peek.json").symlink_to(tmp_path / "db.json.bak")
    before = _files_in(tmp_path)
    check_error(cli("--db", "peek.json", "add", "x", "--source", "ISW"), EXIT_USER, "the backup of")
    assert _files_in(tmp_path) == before


@pytest.mark.parametrize("where", ["root option", "command option", "variable"])
@pytest.mark.parametrize("command", [("list",), ("add", "x", "--source", "ISW")])
def test_a_db_naming_an_existing_directory_is_told_to_name_a_file(cli, tmp_path, monkeypatch, where, command):
    """(README hunt) `--db dir/` was told what to give, `--db dir` (the commoner spelling) only that
    it is a directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "desk").mkdir()
    if where == "variable":
        monkeypatch.setenv("CLAIMS_DB", "desk")
        result = cli(*command)
    else:
        result = cli("--db", "desk", *command) if where == "root option" else cli(*command, "--db", "desk")
    check_error(result, EXIT_USER, "database desk is a directory, not a file",
                "Give --db (or $CLAIMS_DB) the name of a file, e.g. --db desk/claims.json.")
    assert list(tmp_path.iterdir()) == [tmp_path / "desk"] and list((tmp_path / "desk").iterdir()) == []


@pytest.mark.parametrize("path", ["newdir/", "newdir/.", "newdir//", "newdir/.."])
@pytest.mark.parametrize("where", ["root option", "command option", "variable"])
def test_a_db_path_ending_as_a_directory_is_told_to_name_a_file(cli, tmp_path, monkeypatch, path, where):
    """(new-user hunt) `--db newdir/ init` made a database file called newdir: the slash, which
    says a directory, was dropped with the path's parsing."""
    monkeypatch.chdir(tmp_path)
    if where == "variable":
        monkeypatch.setenv("CLAIMS_DB", path)
        result = cli("init")
    else:
        result = cli("--db", path, "init") if where == "root option" else cli("init", "--db", path)
    example = "newdir/../claims.json" if path.endswith("..") else "newdir/claims.json"
    check_error(result, EXIT_USER, f"database {path} names a directory, not a file",
                f"Give --db (or $CLAIMS_DB) the name of a file, e.g. --db {example}.")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", ["db.json/", "db.json/."])
def test_a_db_path_with_a_slash_after_a_file_says_to_drop_the_slash(cli, tmp_path, monkeypatch, path):
    """(hunt) `--db db.json/` of an existing file: "names a directory, not a file", then "e.g. --db
    db.json/claims.json", which failed as "db.json is a file, not a directory"."""
    monkeypatch.chdir(tmp_path)
    cli("--db", "db.json", "add", "A claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    before = {entry.name: entry.read_bytes() for entry in tmp_path.iterdir()}
    result = cli("--db", path, "list")
    check_error(result, EXIT_USER, f"database {path} names a directory, but db.json is a file",
                "Drop the slash: --db (or $CLAIMS_DB) db.json.")
    assert "claims.json" not in result.stderr
    # (review) the slash may be $CLAIMS_DB's, as a name with none is said of either
    monkeypatch.setenv("CLAIMS_DB", path)
    check_error(cli("list"), EXIT_USER, f"database {path} names a directory, but db.json is a file",
                "Drop the slash: --db (or $CLAIMS_DB) db.json.")
    assert {entry.name: entry.read_bytes() for entry in tmp_path.iterdir()} == before


def test_sources_edit_with_nothing_to_change(cli, db, filled):
    check_error(cli("sources", "edit", "ISW"), EXIT_USAGE, "nothing to change")
    assert db.read_bytes() == filled


@pytest.mark.parametrize("value, text", [
    ("C-1", "'C-1'"), ("a\\x07'b", '"a\\x07\'b"'), (True, "true"), (None, "null"), (3, "3"), (2.5, "2.5"),
    (["x", None, False], '["x", null, false]'), ({"a": "й"}, '{"a": "й"}'), (float("nan"), "NaN"),
    ("ISW", "'ISW'"), ("Ukrains'ka Pravda", '"Ukrains\'ka Pravda"'),
    # (hunt) both quote kinds: no backslash the name has not; one it has, and a control, escaped
    ('Two "Ma\'jors"', "'Two \"Ma'jors\"'"), ('a\\\'"\n', "'a\\'\"\\n'"),
    # a backslash is said once, as it was typed (repr doubled it: --category 'cat\\'); what does
    # not print is escaped, so the message stays one line and shows it
    ("cat\\", "'cat\\'"), ("C\\1", "'C\\1'"), ("a\tb\x1b[0m\u202e", "'a\\tb\\x1b[0m\\u202e'"),
    ("Russian\xa0MoD\u200b", "'Russian\\xa0MoD\\u200b'"), ("Мин\\обороны", "'Мин\\обороны'"),
])
def test_a_value_in_a_message_is_quoted_as_json_writes_it_unless_text(value, text):
    from claims_cli.errors import shown

    assert shown(value) == text


def test_a_long_value_in_a_message_is_cut_and_its_length_said():
    """(bad-input sweep) `list --side <10,000 x>` said all 10,000 characters on one line: a value
    is said in at most 80 characters, then its length, as a length check says it; a short one stays
    whole; an escape is never cut in two, nor a letter and its accent."""
    from claims_cli.errors import shown

    assert shown("x" * 10000) == "'" + "x" * 79 + "…' (10000 characters long)"
    assert shown("x" * 80) == "'" + "x" * 80 + "'"
    assert shown("x" * 81) == "'" + "x" * 79 + "…' (81 characters long)"
    escaped = shown("\x01" * 3000)
    assert escaped == "'" + "\\x01" * 19 + "…' (3000 characters long)", escaped
    accented = shown("e\u0301" * 100)  # (é as e and a combining accent: 200 characters)
    assert accented == "'" + "e\u0301" * 39 + "…' (200 characters long)", accented


LONG = "x" * 10000


@pytest.mark.parametrize("args", [
    ("list", "--side", LONG), ("list", "--sort", LONG), ("list", "--status", LONG), ("list", "--category", LONG),
    ("list", "--since", LONG), ("list", "--until", LONG), ("list", "--source", LONG), ("list", "--format", LONG),
    ("add", "x y", "--source", "ISW", "--on", LONG), ("add", "x y", "--source", "ISW", "--coords", LONG),
    ("add", "x y", "--source", LONG), ("show", LONG), ("show", "C-" + LONG), ("sources", "show", LONG),
    ("report", "-o", LONG), ("import", LONG), ("import", "--format", "csv", LONG),
])
def test_a_long_value_is_not_echoed_whole_in_an_error(cli, filled, db, args):
    result = cli(*args)
    assert result.exit_code in (1, 2, 65), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    longest = max(result.stderr.splitlines(), key=len)
    assert len(longest) < 300, longest[:300]
    assert "10000 characters long" in result.stderr or "10002 characters long" in result.stderr, result.stderr
    assert db.read_bytes() == filled


def test_a_hint_gives_no_command_with_a_value_it_had_to_cut(cli, filled):
    """A command to paste is given whole or not at all: an unknown source too long to be a source's
    name gets no `sources add` (which would refuse it), a --tag filter with commas no --tag to paste."""
    said = cli("list", "--source", "y" * 81).stderr
    assert "sources add --side" not in said and len(max(said.splitlines(), key=len)) < 300, said
    assert "(81 characters long)" in said, said
    fitting = cli("list", "--source", "y" * 80).stderr
    assert "claims sources add --side SIDE " + "y" * 80 in fitting, fitting
    tags = ",".join(["tag"] * 40)
    said = cli("list", "--tag", tags).stderr
    assert "--tag '" + ";".join(["tag"] * 40) not in said and "tag;tag;tag" not in said, said
    assert "is one tag: tags are separated by ';'" in said, said
    assert "(--tag 'a;b')" in cli("list", "--tag", "a,b").stderr


def _run_with(args, db, stdout=None, stderr=None, close=()):
    import subprocess
    import sys

    def closing():
        for descriptor in close:
            os.close(descriptor)

    return subprocess.run([sys.executable, "-m", "claims_cli", "--db", str(db), *args], stdin=subprocess.DEVNULL,
                          stdout=stdout if stdout is not None else subprocess.PIPE,
                          stderr=stderr if stderr is not None else subprocess.PIPE,
                          preexec_fn=closing if close else None)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args, saved", [(("list", "--format", "json"), False),
                                         (("add", "Village Z taken", "--source", "AP", "--on", "2025-12-01"), True)])
def test_an_output_that_cannot_be_written_is_a_plain_error(tmp_path, args, saved):
    db = tmp_path / "claims.json"
    with open("/dev/full", "wb") as full:
        result = _run_with(args, db, stdout=full)
    message = result.stderr.decode()
    assert result.returncode == 74 and "Traceback" not in message and "internal error" not in message
    assert message.startswith(("Recorded C-0001 (unverified).\n" if saved else "")  # (the saved claim's ID first)
                              + "Error: cannot write to standard output: No space left on device"), message
    assert ("was saved" in message) is saved  # (a script must not take a recorded claim for a failure)
    for other in (("--version",), ("--help",), ("list", "--help")):  # (help is written by Click itself)
        with open("/dev/full", "wb") as full:
            result = _run_with(other, db, stdout=full)
        assert result.returncode == 74, other
        assert result.stderr.decode().startswith("Error: cannot write to standard output"), (other, result.stderr)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_named_output_on_a_full_device_exits_as_standard_output_does(tmp_path):
    """(scripts review) `export --output /dev/full` (or a file on a full disk) exited 1, a user
    error to a cron script, where `> /dev/full` exits 74: an output that could not be written."""
    db = tmp_path / "claims.json"
    result = _run_with(("export", "--format", "csv", "--output", "/dev/full"), db)
    assert result.returncode == 74, result.stderr
    assert result.stderr.decode().splitlines()[-1] == "Error: cannot write /dev/full: No space left on device"


def test_a_named_output_file_on_a_full_disk_exits_74_and_leaves_nothing(cli, tmp_path, monkeypatch):
    import errno

    from claims_cli import output

    cli("add", "Village Z taken", "--source", "AP", "--on", "2025-12-01", ok=True)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    path = tmp_path / "out.csv"
    result = cli("export", "--format", "csv", "--output", path)
    assert result.exit_code == 74 and result.stderr.splitlines() == [
        f"Error: cannot write {path}: No space left on device"], result.stderr
    assert sorted(item.name for item in tmp_path.iterdir() if item.name.startswith(".out")) == [] and not path.exists()


def test_a_closed_stdout_or_stderr_is_no_internal_error(tmp_path):
    db = tmp_path / "claims.json"
    closed_out = _run_with(("list", "--format", "json"), db, close=(1,))
    assert closed_out.returncode == 74
    assert b"Traceback" not in closed_out.stderr and b"internal error" not in closed_out.stderr
    assert b"standard output" in closed_out.stderr
    closed_err = _run_with(("list", "--format", "json"), db, close=(2,))
    assert closed_err.returncode == 0 and closed_err.stdout == b"[]\n"


def test_an_unexpected_os_error_in_a_command_is_still_an_internal_error(cli, monkeypatch):
    """(only a full disk is said as an output failure: any other OSError keeps the generic path,
    a one-line internal error, not a traceback)"""
    import errno

    from claims_cli import context

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(context, "store", refuse)
    result = cli("list")
    assert result.exit_code == 70 and result.stderr.startswith("Error: internal error: PermissionError")


@pytest.mark.parametrize("args, said", [
    (("add", "x y", "--source", "ISW", "--on", "31 Feb 2025"), "--on '31 Feb 2025' is not a valid date"),
    (("add", "x y", "--source", "ISW", "--on", "2025-12-01", "--event-on", "garbage"), "--event-on 'garbage'"),
    (("add", "x y", "--source", "ISW", "--on", "2025-12-01", "--tag", "t" * 61), "--tag is 61 characters long"),
    (("edit", "C-0001", "--on", "31 Feb 2025"), "--on '31 Feb 2025' is not a valid date"),
    (("edit", "C-0001", "--category", "rumours"), "--category 'rumours'"),
    (("add", "x y", "--source", "ISW", "--on", "2025-12-01", "--url", "notaurl"), "--url 'notaurl' is not"),
    (("edit", "C-0001", "--add-url", "notaurl"), "--add-url 'notaurl' is not"),
    (("edit", "C-0001", "--add-tag", "t" * 61), "--add-tag is 61 characters long"),
    (("add", "x y", "--source", "ISW", "--on", "2025-12-01", "--coords", "nan,0"), "--coords: lat 'nan' is not"),
    (("edit", "C-0001", "--coords", "48,nan"), "--coords: lon 'nan' is not"),
    (("edit", "C-0001", "--url", "https://ok.example", "--add-url", "ftp://z"), "--add-url 'ftp://z' is not"),
    (("edit", "C-0001", "--tag", "fine", "--add-tag", "t" * 61), "--add-tag is 61 characters long"),
])
def test_a_bad_value_typed_is_named_by_the_option_it_was_typed_in(cli, db, args, said):
    """(bug hunt) the messages named the stored field (`claimed_on '31 Feb 2025'`), not the option."""
    cli("add", "A claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    before = db.read_bytes()
    result = cli(*args)
    check_error(result, EXIT_USER, said)
    assert db.read_bytes() == before


def test_a_future_date_is_named_once():
    from datetime import date

    from claims_cli.dates import parse_date
    from claims_cli.errors import InvalidValue

    with pytest.raises(InvalidValue) as typed:
        parse_date("2099-01-01", field="--on")
    assert typed.value.message == "--on '2099-01-01' is in the future"
    with pytest.raises(InvalidValue) as relative:
        parse_date("1 Jan 2099", field="--on")
    assert relative.value.message == "--on '1 Jan 2099' is in the future (2099-01-01)"
    assert typed.value.hint == "Claims are recorded after they are made; check the year."
    # (new-user pass) a filter is told what it filters: no claim is dated after the last day one may
    # have (dates hunt: not "today", a claim may be dated tomorrow where the day is furthest on)
    with pytest.raises(InvalidValue) as since:
        parse_date("2099-01-01", field="--since", reference=date(2025, 12, 7))
    assert since.value.hint == "No claim is dated after 2025-12-08, so none would match; check the year."


@pytest.mark.parametrize("coords", ["nan,0", "49_76,37", "inf,1", "0x1f,2"])
def test_coordinates_that_are_no_plain_number_are_said_to_be_no_number(cli, db, coords):
    """(bug hunt) `49_76` read as 4976 (Python's digit grouping) and `nan` were "out of range"."""
    result = cli("add", "x y", "--source", "ISW", "--on", "2025-12-01", "--coords", coords)
    check_error(result, EXIT_USER, "is not a number")
    assert not db.exists()


@pytest.mark.parametrize("option", ["--since", "--until", "--tag", "--region", "--place", "--source", "--side",
                                    "--status", "--category", "--text"])
@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_filter_value_is_refused_alike(cli, db, option, value):
    """(bug hunt) `--since ""` was no filter, `--since " "` an error, `--tag ""` matched nothing and
    `--region ""` the claims without a region: a script's empty variable got any of these."""
    cli("add", "A claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    for command in (("list",), ("export", "--format", "csv")):
        check_error(cli(*command, option, value), EXIT_USER, f"{option} is empty")
    if option in ("--since", "--until"):  # (the same words: review)
        check_error(cli("report", option, value), EXIT_USER, f"{option} is empty", f"Leave {option} out")


@pytest.mark.parametrize("statement", ["-10 танків знищено", "-Удар по Одесі"])
def test_a_statement_starting_with_a_dash_is_told_to_go_after_two_dashes(cli, db, statement):
    """(analyst pass) `claims add "-10 танків..."` said "No such option: -1", and no more."""
    result = cli("add", statement, "--source", "Ukraine", "--on", "2025-12-07")
    check_error(result, 2, "No such option", "goes after the options and --: claims add [OPTIONS] -- \"-10 ...\".")
    assert not db.exists()
    cli("add", "--source", "Ukraine", "--on", "2025-12-07", "--", statement, ok=True)
    for other in (("list", "--sourc", "x"), ("list", "-5"), ("show", "-1")):  # (review: no text argument)
        result = cli(*other, ok=False)
        assert "goes after" not in result.stderr and f"Try 'claims {other[0]} -h' for help." in result.stderr


UNQUOTED = [
    (("add", "Russian", "forces", "took", "Rivne", "--source", "ISW", "--on", "2025-12-07"), "the statement",
     "claims add 'Russian forces took Rivne' --source ISW --on 2025-12-07"),
    (("add", "--source", "ISW", "--on", "2025-12-07", "Russian", "forces", "took", "Rivne"), "the statement",
     "claims add --source ISW --on 2025-12-07 'Russian forces took Rivne'"),
    (("add", "Russian forces took Rivne", "--source", "ISW", "--note", "per", "the", "map"), "the value of --note",
     "claims add 'Russian forces took Rivne' --source ISW --note 'per the map'"),
    (("add", "--source", "ISW", "--", "-10", "tanks", "destroyed"), "the statement",
     "claims add --source ISW -- '-10 tanks destroyed'"),
    (("edit", "C-0001", "--text", "Russian", "forces", "took", "Rivne"), "the value of --text",
     "claims edit C-0001 --text 'Russian forces took Rivne'"),
    (("edit", "C-0001", "--text=Russian", "forces"), "the value of --text", "claims edit C-0001 --text='Russian forces'"),
    (("delete", "C-0001", "--yes", "--reason", "footage", "was", "from", "2023"), "the value of --reason",
     "claims delete C-0001 --yes --reason 'footage was from 2023'"),
    (("list", "--text", "Kupiansk", "axis"), "the value of --text", "claims list --text 'Kupiansk axis'"),
    (("sources", "add", "Black", "Bird", "Group", "--side", "independent"), "the name",
     "claims sources add 'Black Bird Group' --side independent"),
    (("sources", "show", "Black", "Bird", "Group"), "the name", "claims sources show 'Black Bird Group'"),
    (("sources", "edit", "Russian", "MoD", "--grade", "C"), "the name", "claims sources edit 'Russian MoD' --grade C"),
    (("categories", "add", "front", "line"), "the name", "claims categories add 'front line'"),
    # (review) a source's, outlet's, place's or region's name typed so as an option's value
    (("confirm", "C-0001", "--by", "Russian", "MoD"), "the value of --by", "claims confirm C-0001 --by 'Russian MoD'"),
    (("add", "Russian forces took Rivne", "--source", "Russian", "MoD", "--on", "2025-12-07"), "the value of --source",
     "claims add 'Russian forces took Rivne' --source 'Russian MoD' --on 2025-12-07"),
    (("add", "Strike on Kyiv", "-s", "Ukraine", "--outlet", "Ukrainska", "Pravda", "--on", "2025-12-07"),
     "the value of --outlet", "claims add 'Strike on Kyiv' -s Ukraine --outlet 'Ukrainska Pravda' --on 2025-12-07"),
    (("list", "--place", "Chasiv", "Yar"), "the value of --place", "claims list --place 'Chasiv Yar'"),
    (("edit", "C-0001", "--region", "Kharkiv", "Oblast"), "the value of --region",
     "claims edit C-0001 --region 'Kharkiv Oblast'"),
    (("list", "--evidence-by", "Black", "Bird", "Group"), "the value of --evidence-by",
     "claims list --evidence-by 'Black Bird Group'"),
    # (review) a date of several words, as the README's tour writes them
    (("add", "Russian forces took Rivne", "-s", "ISW", "--on", "7", "Dec", "2025"), "the value of --on",
     "claims add 'Russian forces took Rivne' -s ISW --on '7 Dec 2025'"),
    (("list", "--since", "30", "days", "ago"), "the value of --since", "claims list --since '30 days ago'"),
    (("report", "--until", "7", "Dec", "2025"), "the value of --until", "claims report --until '7 Dec 2025'"),
]


@pytest.mark.parametrize("args, what, suggested", UNQUOTED, ids=[" ".join(a) for a, _, _ in UNQUOTED])
def test_the_words_of_an_unquoted_statement_or_name_are_told_to_go_in_quotes(cli, db, filled, args, what, suggested):
    """(new-user review) `claims add Russian forces took Rivne --source ISW ...` said Click's "Got
    unexpected extra argument(s) (forces took Rivne)" and where to find help: the statement (a name,
    a note) must be one argument, and the command is shown with it in quotes (exit 2, nothing written)."""
    result = cli(*args)
    check_error(result, EXIT_USAGE)
    assert result.stderr.splitlines() == [f"Error: {what} must be one argument: put it in quotes", suggested], \
        result.stderr
    assert db.read_bytes() == filled
    if args[0] == "add":  # (the command shown runs)
        cli(*shlex.split(suggested)[1:], ok=True)


def test_an_unquoted_statement_shows_the_database_it_was_given(cli, db, tmp_path):
    other = tmp_path / "desk two.json"
    result = cli("--db", other, "add", "Strike", "on", "Sumy", "--source", "Ukraine", "--on", "2025-12-07")
    check_error(result, EXIT_USAGE, "the statement must be one argument")
    assert result.stderr.splitlines()[1] == \
        f"claims --db '{other}' add 'Strike on Sumy' --source Ukraine --on 2025-12-07", result.stderr
    assert not other.exists() and not db.exists()


@pytest.mark.parametrize("args, extra", [
    (("show", "C-0001", "C-0002"), "C-0002"),  # (a claim ID is no text)
    (("add", "Russian forces took Rivne", "--source", "ISW", "2025-12-07"), "2025-12-07"),  # (--on left out)
    (("add", "Russian forces", "took", "--source", "ISW"), "took"),  # (not the words of one quoted)
    (("add", "--source", "Black", "Bird", "Russian forces took Rivne"), "Russian forces took Rivne"),
    (("sources", "rename", "Black", "Bird", "BBG"), "BBG"),  # (two names: which words are whose?)
    (("evidence", "remove", "C-0001", "E1", "E2"), "E2"),
    # (review) a claim or evidence ID after a text or a name: another argument, not its words
    (("delete", "C-0001", "--reason", "dup", "C-0002"), "C-0002"),
    (("delete", "C-0001", "--yes", "--reason", "dup", "c-12"), "c-12"),
    (("evidence", "remove", "C-0001", "E1", "--reason", "misread", "E3"), "E3"),
    (("confirm", "C-0001", "--by", "ISW", "C-0002"), "C-0002"),
    (("add", "Russian forces took Rivne", "--source", "Russian", "MoD", "7.12.2025"), "MoD 7.12.2025"),  # (--on left out)
    (("add", "Russian forces took Yar", "-s", "ISW", "--on", "2025-12-07", "--place", "Chasiv", "Yar", "--region",
      "Donetsk", "Oblast"), "Yar Oblast"),  # (two values' words: not one after another)
    # (review) a date in words, then an unquoted statement: whose are the words? (the statement's was
    # offered, `--on 7 'Dec 2025 Russian forces took Rivne'`, which its --on then refused)
    (("add", "--on", "7", "Dec", "2025", "Russian", "forces", "took", "Rivne", "-s", "ISW"),
     "2025 Russian forces took Rivne"),
])
def test_other_extra_arguments_are_said_as_click_says_them(cli, db, filled, args, extra):
    result = cli(*args)
    check_error(result, EXIT_USAGE)
    assert result.stderr.splitlines() == [f"Error: Got unexpected extra argument(s) ({extra})",
                                          f"Try 'claims {' '.join(args[:2 if args[0] in ('sources', 'evidence') else 1])} -h' for help."], \
        result.stderr
    assert db.read_bytes() == filled


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_review_a_new_database_is_named_when_the_output_then_fails(tmp_path):
    """(review) "Created a new database" was said only when the command ended well: a mistyped
    --db in a script whose output failed (a full disk, a closed pipe) made the file in silence."""
    import subprocess
    import sys

    db = tmp_path / "claism.json"
    with open("/dev/full", "wb") as full:
        result = _run_with(("add", "Village Z taken", "--source", "AP", "--on", "2025-12-01"), db, stdout=full)
    assert result.returncode == 74 and f"Created a new database: {db}" in result.stderr.decode()
    other = tmp_path / "other.json"
    piped = subprocess.run(f"{sys.executable} -m claims_cli --db {other} import - --format jsonl --summary json "
                           "| head -c 1", shell=True, capture_output=True,
                           input=b'{"text": "x", "source": "AP", "claimed_on": "2025-12-01"}\n')
    assert other.exists() and f"Created a new database: {other}" in piped.stderr.decode(), piped.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_database_path_that_is_a_named_pipe_is_refused_not_waited_on(run_claims, tmp_path):
    """(crash-safety hunt) `--db fifo.json list` waited for a writer to the pipe for ever; `add`
    did so holding the writers' lock, so every other writer waited too."""
    pipe = tmp_path / "fifo.json"
    os.mkfifo(pipe)
    for args in (("list",), ("add", "x", "--source", "ISW", "--on", "2025-12-07"), ("doctor",)):
        done = run_claims("--db", pipe, *args, timeout=20)
        lines = done.stderr.decode().strip().splitlines()
        assert done.returncode not in (0, 70), (args, done.returncode, lines)
        assert "not a regular file" in done.stderr.decode() + done.stdout.decode(), (args, lines)
        assert "Traceback" not in done.stderr.decode()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fifo.json"]  # (review: no fifo.json.lock)
    advice = run_claims("--db", pipe, "doctor", timeout=20).stdout.decode()
    assert "1. Point --db (or $CLAIMS_DB) at the database file." in advice and "by hand" not in advice


def test_a_database_name_too_long_for_its_companion_files_is_refused_at_once(cli, tmp_path):
    """(crash-safety hunt) A database named by 246 to 250 bytes could be made and locked, but never
    written: its temporary file, .NAME.PID.tmp, is longer than a file name may be."""
    for length in (228, 231, 239, 250, 255):  # (review: 228 to 238 could be written, but not always restored)
        result = cli("--db", tmp_path / ("a" * (length - 5) + ".json"), "add", "x", "--source", "ISW",
                     "--on", "2025-12-07")
        check_error(result, EXIT_USER, f"is {length} bytes long", "at most 227")
    assert list(tmp_path.iterdir()) == []
    cli("--db", tmp_path / ("a" * 222 + ".json"), "add", "x", "--source", "ISW", "--on", "2025-12-07", ok=True)


def test_a_path_under_the_home_of_a_user_who_does_not_exist_is_told_plainly(cli, tmp_path):
    """(review) `--db ~nosuchuser/x.json`, `-o ~nosuchuser/x.html` and `import ~nosuchuser/x.csv`
    stopped on an internal error: the home of no such user cannot be found."""
    for args in (("--db", "~nosuchuser-claims/x.json", "list"),
                 ("--db", tmp_path / "desk.json", "export", "--format", "csv", "-o", "~nosuchuser-claims/x.csv"),
                 ("--db", tmp_path / "desk.json", "import", "~nosuchuser-claims/x.csv")):
        result = cli(*args)
        assert result.exit_code == 1, (args, result.exit_code, result.stderr)
        check_error(result, EXIT_USER, "~nosuchuser-claims", "no such user")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, said", [
    (("list", "--text", "."), "--text '.' has no word to look for"),
    (("list", "--text", "!;"), "--text '!;' has no word to look for"),
    (("list", "--tag", ";"), "--tag is empty"),
    (("list", "--tag", " ; "), "--tag is empty"),
    (("list", "--sort", ""), "--sort is empty"),
    (("list", "--sort=--id"), "cannot sort by '--id'"),
    (("export", "--format", "claimreview", "--desk", ""), "--desk is empty"),
])
def test_a_filter_that_would_select_nothing_or_everything_unsaid_is_refused(cli, db, filled, args, said):
    """(export and filter hunt) `--text .` dropped the filter (a page said "filtered: --text ." and
    held every claim), `--tag ;` matched nothing, `--sort ""` and `--sort=--id` were taken, and
    `--desk ""` was ignored."""
    check_error(cli(*args), EXIT_USER, said)
    assert db.read_bytes() == filled


@pytest.mark.parametrize("desk", ["  ", "x\x07"])
def test_a_bad_desk_name_troubles_only_the_documents_that_print_it(cli, db, filled, monkeypatch, desk):
    """(export and filter hunt) $CLAIMS_DESK was checked for every format: a CSV export failed with
    "desk is missing", naming nothing the user had typed."""
    monkeypatch.setenv("CLAIMS_DESK", desk)
    for fmt in ("csv", "json", "jsonl", "geojson"):
        cli("export", "--format", fmt, ok=True)
    check_error(cli("export", "--format", "claimreview"), EXIT_USER, "$CLAIMS_DESK")


def test_an_empty_claims_desk_is_unset_as_an_empty_claims_analyst_is(cli, db, filled, monkeypatch):
    """(export hunt) A script's environment with CLAIMS_DESK= (from a template) failed every
    document export with "$CLAIMS_DESK is empty", where an empty $CLAIMS_ANALYST counts as unset;
    blanks are still refused, as for the analyst."""
    monkeypatch.setenv("CLAIMS_DESK", "")
    assert "claims desk" in cli("export", "--format", "markdown", ok=True).stdout


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_write_whose_messages_cannot_be_written_still_ends_well(tmp_path):
    """(crash hunt) With stderr on a full disk, `add` saved its claim and printed its ID, then
    failed writing "Recorded C-0001" and exited 1: a script took the claim for not recorded, and
    its retry was refused as a duplicate. Messages are said if they can be; the exit status is the
    command's."""
    db = tmp_path / "claims.json"
    args = ("add", "Village Z taken", "--source", "AP", "--on", "2025-12-01")
    with open("/dev/full", "wb") as full:
        result = _run_with(args, db, stderr=full)
    assert (result.returncode, result.stdout) == (0, b"C-0001\n")
    closed = _run_with(("add", "Village Y taken", "--source", "AP", "--on", "2025-12-01"), db, close=(2,))
    assert (closed.returncode, closed.stdout) == (0, b"C-0002\n")
    with open("/dev/full", "wb") as full:  # (a user error is still one: its status says so)
        refused = _run_with(args, db, stderr=full)
    assert refused.returncode == 1 and refused.stdout == b""


@pytest.mark.parametrize("args", [
    ["list", "--text", "Kupiansk", "--text", "Siversk"],
    ["list", "--since", "2025-12-08", "--since", "2025-12-01"],
    ["export", "--format", "csv", "--until=2025-12-08", "--until", "2025-12-01"],
    ["add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-01", "--on", "2025-12-02"],
    ["sources", "add", "Rybar", "--side", "russia", "--side", "ukraine"],
    ["--analyst", "a", "--analyst", "b", "add", "Russian forces took Rivne", "--source", "Russian MoD"],
])
def test_an_option_that_takes_one_value_given_twice_is_refused(cli, db, args):
    """(filters hunt) `list --text Kupiansk --text Siversk` listed Siversk's claims alone, and a
    Markdown export's scope then said "--text Siversk": an option that takes one value kept the
    last one given, without a word (repeatable ones, --tag, --source, --url, say so in --help)."""
    cli("add", "Russian forces took Kupiansk", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    before = db.read_bytes()
    result = cli(*args)
    assert result.exit_code == 2 and result.stdout == "", (args, result.exit_code, result.stderr)
    lines = result.stderr.strip().splitlines()
    option = next(arg.split("=")[0] for arg in args if arg.startswith("--") and args.count(arg) > 1 or
                  arg.startswith("--until"))
    assert lines[0] == f"Error: {option} takes one value, and was given more than once.", lines
    assert len(lines) == 2 and db.read_bytes() == before
    assert cli("list", "--tag", "a", "--tag", "b", "--source", "Russian MoD", "--source", "Telegram").exit_code == 0


def test_help_and_version_are_given_with_a_repeated_option(cli):
    """(review) `claims list --text a --text b --help` was refused for the repeat: help and the
    version are given whatever else the line holds, as Click gives them."""
    for args in (["list", "--text", "a", "--text", "b", "--help"], ["--db", "x", "--db", "y", "--help"],
                 ["--db", "a", "--db", "b", "--version"]):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
    refused = cli("list", "-n", "1", "-n", "2")
    assert refused.stderr.startswith("Error: -n/--limit takes one value"), refused.stderr


# ------------------------------------------------- --db at a file that is no database (new-user hunt)

@pytest.mark.parametrize("content", [b"id,text,source\n1,x,ISW\n", b"PK\x03\x04\x14\x00\x06\x00", b"<!DOCTYPE html>\n",
                                     b"\xef\xbb\xbftext,source,claimed_on\n"])  # (review: Excel's UTF-8 CSV)
@pytest.mark.parametrize("args", [("add", "x", "--source", "ISW"), ("list",)])
def test_a_db_that_is_not_json_is_not_a_claims_database_and_gets_no_lock_file(cli, tmp_path, content, args):
    """(new-user hunt) `--db day.csv add ...` called a spreadsheet a damaged database ("not valid
    JSON ... run `claims doctor` to see how to recover", and doctor advised repairing it by hand),
    and left day.csv.lock beside it. A claims database is a JSON object: a file that does not start
    as one is said to be no claims database, as a JSON file that is not one is."""
    path = tmp_path / "day.csv"
    path.write_bytes(content)
    result = cli("--db", path, *args)
    check_error(result, EXIT_USER, f"{path} is not a claims database (it is not JSON: it starts with ",
                "Point --db at a claims database, or move this file away.")
    assert sorted(tmp_path.iterdir()) == [path] and path.read_bytes() == content


def test_a_json_file_that_is_no_claims_database_gets_no_lock_file_either(cli, tmp_path):
    path = tmp_path / "obj.json"
    path.write_bytes(b'{"a": 1}')
    check_error(cli("--db", path, "add", "x", "--source", "ISW"), EXIT_USER, "is not a claims database")
    assert sorted(tmp_path.iterdir()) == [path]


def test_a_json_file_with_a_schema_version_of_its_own_is_said_to_lack_one_where_claims_keeps_it(cli, tmp_path):
    """(messages hunt) `{"schema_version": 1}` was said to have "no schema_version", which the file
    visibly has: claims keeps its own elsewhere. (review) Said so, without "meta table", jargon."""
    path = tmp_path / "v.json"
    path.write_bytes(b'{"schema_version": 1}')
    said = "not a claims database (it has no schema_version where claims keeps it)"
    check_error(cli("--db", path, "add", "x", "--source", "ISW"), EXIT_USER, said)
    doctor = cli("--db", path, "doctor").stdout
    assert said in " ".join(doctor.split()) and "meta table" not in doctor, doctor


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
@pytest.mark.parametrize("listing", [False, True])
def test_a_claims_export_given_as_the_database_is_told_to_be_imported(cli, tmp_path, listing, fmt):
    """(review) A `claims export` file (or a `list --format json`'s claims) given as --db was "not a
    claims database (it has no meta table ...)", or one that "holds a JSON array": it is an export,
    which `claims import` reads into a database. (bad-input hunt) So is one in JSON Lines, which
    was "not valid JSON (unexpected content after document ...)", and doctor said to repair it by
    hand at that position."""
    desk, path = tmp_path / "desk.json", tmp_path / f"export.{fmt}"
    cli("--db", desk, "add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("--db", desk, "add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    if listing:
        path.write_text(cli("--db", desk, "list", "--format", fmt, ok=True).stdout)
    else:
        cli("--db", desk, "export", "--format", fmt, "--output", path, ok=True)
    content = path.read_bytes()
    what = "JSON but not" if fmt == "json" else "JSON Lines, not"
    check_error(cli("--db", path, "add", "x", "--source", "ISW"), EXIT_USER,
                f"Error: database {path} is {what} a claims database (it looks like a claims export)\n"
                f"To read it into a database: `claims --db DATABASE import {path}`; if it was written over one, "
                f"run `claims --db {path} doctor`.")
    doctor = cli("--db", path, "doctor")
    said = " ".join(doctor.stdout.split())
    assert f"the file is {what} a claims database (it looks like a claims export)" in said, doctor.stdout
    assert f"{path.name} looks like a claims export: `claims --db DATABASE import {path}` reads it into a database." \
        in said, doctor.stdout
    assert "by hand" not in said, doctor.stdout
    assert path.read_bytes() == content and sorted(tmp_path.glob(f"export.{fmt}*")) == [path]  # (no lock, no backup)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
@pytest.mark.parametrize("name", ["ex.db", "ex"])
def test_an_export_given_as_the_database_under_another_name_is_imported_as_the_hint_says(cli, tmp_path, name, fmt):
    """(hint hunt) A JSON export copied to ex.db (or ex) and given as --db was told `claims --db
    DATABASE import ex.db`, which, pasted, could not tell the format from the name (exit 2): the
    hint, and doctor's, give the --format that reads it, as they did for JSON Lines."""
    import re
    import shlex

    desk, path = tmp_path / "desk.json", tmp_path / name
    cli("--db", desk, "add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("--db", desk, "add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("--db", desk, "export", "--format", fmt, "--output", path, ok=True)
    hints = [cli("--db", path, "list", ok=False).stderr, " ".join(cli("--db", path, "doctor", ok=False).stdout.split())]
    for number, said in enumerate(hints):
        pasted = re.search(r"`claims --db DATABASE (import [^`]+)`", said)
        assert pasted and pasted.group(1) == f"import {path} --format {fmt}", said
        into = tmp_path / f"new-{number}.json"
        imported = cli("--db", into, *shlex.split(pasted.group(1)), "--summary", "json", ok=True).json()
        assert imported["added"] == 2, imported


def test_a_one_claim_listing_given_as_the_database_is_told_to_be_imported(cli, tmp_path):
    """(review) `list -n 1 --format jsonl > one.json` given as --db, one claim's record, said "it has no
    schema_version where claims keeps it", where a longer one is said to be an export to import."""
    desk, path = tmp_path / "desk.json", tmp_path / "one.json"
    cli("--db", desk, "add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    path.write_text(cli("--db", desk, "list", "--format", "jsonl", ok=True).stdout)
    check_error(cli("--db", path, "list"), EXIT_USER,
                f"Error: database {path} is JSON but not a claims database (it looks like a claims export)\n"
                f"To read it into a database: `claims --db DATABASE import {path}`")
    assert cli("--db", tmp_path / "new.json", "import", path, "--summary", "json", ok=True).json()["added"] == 1


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_an_export_written_over_a_database_is_restored_and_then_imported(cli, tmp_path, monkeypatch, fmt):
    """(review) `claims export -f jsonl > claims.json` over the database: the command said only to
    run doctor, and doctor to restore the backup (losing the claims the export holds beyond it) or
    "repair the file by hand at the position shown", with none shown; an export named .json in
    JSON Lines was told to be imported without the --format that reads it. Doctor says to restore
    the backup, then to import the kept file; following it loses nothing. (hint hunt) The kept file
    was named by its name alone, which, pasted in another directory than the database's, named no
    file: it is named by its path, quoted, and the restore says the import again, with its real name."""
    import re
    import shlex

    desk = tmp_path / "my desk"
    desk.mkdir()
    db = desk / "claims.json"
    cli("--db", db, "add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("--db", db, "add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("--db", db, "export", "--format", fmt, "--output", tmp_path / "out", ok=True)
    db.write_bytes((tmp_path / "out").read_bytes())
    monkeypatch.chdir(tmp_path)  # (not the database's directory)
    said = " ".join(cli("--db", db, "doctor").stdout.split())
    assert "by hand" not in said, said
    kept_here = shlex.quote(f"{db}.damaged-TIME")
    # (review) the import is for an export of this database: another database's export so imported
    # brings that desk's claims in; its file is kept aside, the backup being this database
    assert (f"claims.json, which looks like a claims export written over the database, is kept beside it as "
            f"claims.json.damaged-TIME. If it is an export of this database, `claims --db {shlex.quote(str(db))} "
            f"import {kept_here} --format {fmt}` then brings back the claims it holds that the backup lacks (the "
            "others are skipped as duplicates); if it is another database's, keep it aside: the backup is this "
            "database but for its last change before the export (lost with it), and the import would bring that "
            "database's claims into it.") in said, said
    restored = cli("--db", db, "doctor", "--restore-backup", ok=True).stderr
    kept = next(desk.glob("claims.json.damaged-*"))
    assert f"the damaged file is kept as {kept.name}. If it is an export of this database, `claims --db " in restored, restored
    # (review) the backup lacks the last change made before the export was written over the database
    assert ("; if it is another database's, keep it aside: the backup is this database but for its last change "
            "before the export (lost with it).") in " ".join(restored.split()), restored
    pasted = re.search(r"this database, `claims (--db [^`]+)`", restored)
    assert pasted and shlex.split(pasted.group(1))[2:] == ["import", str(kept), "--format", fmt], restored
    imported = cli(*shlex.split(pasted.group(1)), "--summary", "json", ok=True).json()
    assert (imported["added"], imported["skipped"]) == (1, 1), imported
    assert [claim["id"] for claim in cli("--db", db, "list", "--format", "json", ok=True).json()] == ["C-0002", "C-0001"]
    if fmt == "jsonl":  # (without the backup: named .json, it is imported with --format jsonl)
        db.write_bytes((tmp_path / "out").read_bytes())
        for backup in desk.glob("claims.json.bak"):
            backup.unlink()
        assert f"`claims --db DATABASE import {shlex.quote(str(db))} --format jsonl`" in cli("--db", db, "list").stderr


def test_a_restore_of_other_damage_says_no_import(cli, tmp_path):
    """(hint hunt) The import step the restore repeats is an export's: a file damaged otherwise
    (cut short) is only said to be kept."""
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    cli("add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    db = tmp_path / "claims.json"
    db.write_bytes(db.read_bytes()[:-20])
    restored = cli("doctor", "--restore-backup", ok=True).stderr
    assert "the damaged file is kept as claims.json.damaged-" in restored and "import" not in restored, restored


def test_readme_s_export_written_over_the_database_happens_as_it_says(db):
    """(hint hunt, review) README gave `claims export > claims.json` in the database's directory as a
    way an export ends up written over it, and its test wrote the export after the command had read
    the file, which no shell does: the shell empties claims.json before claims reads it, so the
    database is left empty (doctor's advice for an empty file), never an export. Each command the
    paragraph names is run as written, in bash, in the database's directory: another database's
    export (`--db other.json`) or an export copied over it is said to be an export written over
    the database; the database's own export leaves it empty."""
    import re
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import REPO

    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    paragraph = readme.split("An export written over the database (", 1)[1].split(" A writer stuck", 1)[0]
    # (review) the import of the kept file is for an export of this database; another's brings its claims in
    assert "If the export was of this database (an earlier one copied over it), `claims import NAME.damaged-TIME" \
        in paragraph, paragraph
    assert ("if it was another database's, keep the kept file aside: the backup is this database but for its last "
            "change before the export (lost with it), and that import would bring the other desk's claims into it") \
        in paragraph, paragraph
    # (the commands that write to claims.json: the database, named as README does, in its directory)
    ways = [way for way in re.findall(r"`((?:claims|cp) [^`]*)`", paragraph) if way.endswith(f" {db.name}")]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}

    def run(command: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "-c", command], cwd=db.parent, env=env, capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL)

    other = db.with_name("other.json")
    run(f"claims --db {other.name} add 'Russian forces took Rivne' --source 'Russian MoD' --on 2025-12-07")
    assert run(f"claims --db {other.name} export -o export.json").returncode == 0
    run("claims add 'Russian forces took Kucherivka' --source 'Russian MoD' --on 2025-12-07")
    said_of = {}
    for way in ways:
        run("claims add 'Russian forces took Kupiansk' --source 'Russian MoD' --on 2025-12-07")  # (a backup)
        done = run(way)
        if "--db" in way or way.startswith("cp "):  # (another database's export, an export file)
            assert done.returncode == 0, (way, done.stderr)
            said = " ".join(run("claims doctor").stdout.split())
            assert "looks like a claims export written over the database" in said, (way, said)
            said_of[way] = "written over"
        else:  # (the database's own export: the shell empties the file before claims reads it)
            assert done.returncode == 1 and "is empty (0 bytes of JSON)" in done.stderr, (way, done.stderr)
            doctor = json.loads(run("claims doctor --format json").stdout)
            kinds = {problem["kind"] for problem in doctor["database"]["problems"]}
            assert db.stat().st_size == 0 and kinds == {"empty"}, (way, kinds)
            said_of[way] = "empty"
        assert run("claims doctor --restore-backup").returncode == 0, way
    assert said_of == {f"claims --db other.json export > {db.name}": "written over",
                       f"cp export.json {db.name}": "written over", f"claims export > {db.name}": "empty"}, said_of


@pytest.mark.parametrize("content, kind", [(b"null", "JSON null"), (b'""', "a JSON string"), (b"0", "a JSON number"),
                                           (b"true", "a JSON boolean"), (b"[]", "a JSON array")])
def test_a_json_file_that_is_no_object_says_what_it_holds(cli, tmp_path, content, kind):
    """(messages hunt) `null` was said to be "JSON but not a claims database (it holds null)", and
    `""`, `0`, `true` or `[]` the same without the parenthesis, and with another hint."""
    path = tmp_path / "v.json"
    path.write_bytes(content)
    check_error(cli("--db", path, "add", "x", "--source", "ISW"), EXIT_USER,
                f"Error: database {path} is JSON but not a claims database (it holds {kind})\n"
                f"It was left untouched; run `claims --db {path} doctor` to see how to recover.")
    assert path.read_bytes() == content


def test_doctor_says_a_file_that_is_not_json_is_no_claims_database(cli, tmp_path):
    path = tmp_path / "day.csv"
    path.write_bytes(b"id,text,source\n1,x,ISW\n")
    result = cli("--db", path, "doctor")
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert "not JSON: it starts with 'id,text,source'" in result.stdout
    assert "does not look like a claims database" in result.stdout + result.stderr
    assert "position shown" not in result.stdout + result.stderr


# (review: over 4 KB, init refused what its hint offered; hunt: a byte-order mark alone, Notepad's empty
# UTF-8 or UTF-16 file, was "Repair the file by hand at the position shown")
@pytest.mark.parametrize("content", [b"", b"  \n", b"\n" * 5000, b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n", b"\xff\xfe"])
def test_init_makes_an_empty_file_a_new_database(cli, tmp_path, content):
    """(new-user hunt) `touch desk.json; claims --db desk.json init` was refused ("is empty ... run
    `claims doctor`"), and doctor advised repairing it "at the position shown". An empty file with
    no backup holds nothing to lose: init sets it up. Other commands say init does."""
    path = tmp_path / "desk.json"
    path.write_bytes(content)
    refused = cli("--db", path, "add", "x", "--source", "ISW")
    check_error(refused, EXIT_USER, "is empty", f"`claims --db {path} init` makes it a new database")
    assert sorted(tmp_path.iterdir()) == [path] and path.read_bytes() == content
    doctor = cli("--db", path, "doctor")
    assert f"`claims --db {path} init`" in doctor.stdout + doctor.stderr and "position shown" not in doctor.stdout + doctor.stderr
    made = cli("--db", path, "init", ok=True)
    assert f"Created database {path}" in made.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk.json", "desk.json.lock"]  # (no empty NAME.bak)
    cli("--db", path, "add", "x", "--source", "ISW", "--on", "2025-12-01", ok=True)
    assert len(cli("--db", path, "list", "--format", "json", ok=True).json()) == 1


def test_init_leaves_an_empty_file_with_a_backup_to_doctor(cli, tmp_path):
    """An empty database beside its NAME.bak was a database: init does not start it anew (a write
    would rotate the backup, its last copy, away)."""
    path = tmp_path / "desk.json"
    cli("--db", path, "add", "x", "--source", "ISW", "--on", "2025-12-01", ok=True)
    cli("--db", path, "add", "y", "--source", "ISW", "--on", "2025-12-01", ok=True)
    path.write_bytes(b"")
    backup = (tmp_path / "desk.json.bak").read_bytes()
    check_error(cli("--db", path, "init"), EXIT_USER, "is empty", f"claims --db {path} doctor")
    assert path.read_bytes() == b"" and (tmp_path / "desk.json.bak").read_bytes() == backup


@pytest.mark.parametrize("damage", ["conflict", "bom"])
@pytest.mark.parametrize("backup", [False, True])
def test_a_damaged_database_is_not_called_no_claims_database(cli, tmp_path, damage, backup):
    """(review) A claims database whose start was spoilt (a merge's conflict marker, an editor's
    byte-order mark) was called no claims database and its user told to move it away, its backup
    beside it: what names a claims database (its schema_version, or a backup) sends it to doctor."""
    path = tmp_path / "desk.json"
    cli("--db", path, "add", "x took y", "--source", "ISW", "--on", "2025-12-01", ok=True)
    if backup:
        cli("--db", path, "sources", "edit", "ISW", "--grade", "B", ok=True)
    raw = path.read_bytes()
    path.write_bytes((b"<<<<<<< HEAD\n" if damage == "conflict" else b"\xef\xbb\xbf") + raw)
    result = cli("--db", path, "list")
    check_error(result, EXIT_USER, f"claims --db {path} doctor")  # (doctor hunt: the database given)
    assert "not a claims database" not in result.stderr
    doctor = cli("--db", path, "doctor")
    assert "does not look like a claims database" not in doctor.stdout + doctor.stderr


def test_a_db_path_through_a_missing_directory_and_back_leaves_no_stray_directory(cli, tmp_path, monkeypatch):
    """(review) `--db nd/a/../x.json` made nd/x.json, and the directory nd/a, which the path only
    passed through, was left behind."""
    monkeypatch.chdir(tmp_path)
    cli("--db", "nd/a/../x.json", "add", "hello there", "--source", "ISW", "--on", "2025-01-01", ok=True)
    assert sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*")) == [
        "nd", "nd/x.json", "nd/x.json.lock"]


def test_a_db_path_through_a_link_and_back_follows_the_link(cli, tmp_path, monkeypatch):
    """(review) `real/lnk/../newdir/a/../f.json`, lnk a link elsewhere: the `..` after the link was
    collapsed with the one after the missing `a`, and the database made beside the link, not where
    `real/lnk/../newdir/f.json` (the same file, named otherwise) is. And a file inside the path
    (`z.json/../x.json`) is refused as the file system refuses it, not read through."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real").mkdir()
    (tmp_path / "p" / "other").mkdir(parents=True)
    (tmp_path / "real" / "lnk").symlink_to(tmp_path / "p" / "other")
    cli("--db", "real/lnk/../newdir/f.json", "add", "one", "--source", "ISW", "--on", "2025-01-01", ok=True)
    cli("--db", "real/lnk/../newdir/a/../f.json", "add", "two", "--source", "ISW", "--on", "2025-01-01", ok=True)
    assert len(cli("--db", tmp_path / "p" / "newdir" / "f.json", "list", "--format", "json", ok=True).json()) == 2
    assert not (tmp_path / "real" / "newdir").exists()
    (tmp_path / "z.json").write_text("{}")
    result = cli("--db", "z.json/../q.json", "init")
    assert result.exit_code != 0 and "Traceback" not in result.stderr and not (tmp_path / "q.json").exists()
    # (review: a `..` after a link or a file that comes after the missing name is the file system's too)
    (tmp_path / "nd").mkdir()
    cli("--db", "nd/a/../../real/lnk/../ls.json", "init", ok=True)
    assert (tmp_path / "p" / "ls.json").exists() and not (tmp_path / "real" / "ls.json").exists()
    (tmp_path / "nd" / "x.json").write_text("{}")
    result = cli("--db", "nd/a/../x.json/../w.json", "init")
    assert result.exit_code != 0 and "Traceback" not in result.stderr and not (tmp_path / "nd" / "w.json").exists()


def test_an_evidence_date_in_the_future_is_told_of_evidence(cli, db):
    """The hint spoke of claims ('Claims are recorded after they are made')."""
    cli("add", "Russian forces took Kucherivka", "--source", "Russian MoD", "--on", "2025-12-07", ok=True)
    before = db.read_bytes()
    refused = cli("confirm", "C-0001", "--by", "ISW", "--on", "2030-01-01", ok=False)
    assert refused.stderr.splitlines() == ["Error: evidence date '2030-01-01' is in the future",
                                           "Evidence is dated when it was seen or published; check the year."]
    assert db.read_bytes() == before


def test_a_blank_login_name_is_told_how_to_name_the_analyst(cli, db, filled, monkeypatch):
    """(life-cycle hunt) With no --analyst or $CLAIMS_ANALYST, a blank login name (LOGNAME=" ")
    said "analyst is missing", of nothing the user gave."""
    monkeypatch.delenv("CLAIMS_ANALYST")
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, " ")
    result = cli("confirm", "C-0001", "--by", "ISW")
    check_error(result, EXIT_USER, "your login name is blank", "Give --analyst NAME, or set $CLAIMS_ANALYST.")
    assert db.read_bytes() == filled


def test_hunt_the_unknown_id_hint_names_the_db_given(cli, tmp_path):
    """(hunt) "`claims list` shows the IDs" named no --db: pasted, it listed the default database."""
    desk = tmp_path / "desk.json"
    cli("--db", desk, "add", "Strike on Kharkiv", "--source", "Ukraine", "--on", "2025-12-07", ok=True)
    refused = cli("--db", desk, "show", "C-9999", ok=False)
    assert refused.stderr.splitlines()[1] == f"`claims --db {desk} list` shows the IDs.", refused.stderr
    # (a command named, not to run, is left alone)
    listing = tmp_path / "listing.csv"
    listing.write_text(cli("--db", desk, "list", "-f", "csv", ok=True).stdout, encoding="utf-8")
    said = cli("--db", desk, "import", listing, ok=False).stderr
    assert "(`claims list` or `export --format csv`)" in said, said


def test_a_database_behind_a_directory_this_user_may_not_enter_names_that_directory(cli, tmp_path, monkeypatch):
    """(review) `chmod 700 sub` by its owner, then `claims --db sub/deep/d.json doctor` (or any
    command) by another user: "cannot use database ...: Permission denied", with no word of which
    directory stops it. It is named, with the way to let this user in."""
    import os
    from pathlib import Path

    closed = tmp_path / "sub"
    desk = closed / "deep" / "d.json"
    cli("--db", desk, "add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    real_is_symlink, real_access = Path.is_symlink, os.access

    def is_symlink(self):
        if str(self).startswith(str(closed) + os.sep):
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_symlink(self)

    monkeypatch.setattr(Path, "is_symlink", is_symlink)
    monkeypatch.setattr(os, "access", lambda path, mode, *args, **kwargs: False if str(path) == str(closed)
                        else real_access(path, mode, *args, **kwargs))
    for command in (("doctor",), ("list",)):
        result = cli("--db", desk, *command)
        lines = result.stderr.splitlines()
        assert result.exit_code == 1 and len(lines) == 2 and "Traceback" not in result.stderr, result.stderr
        assert lines[0] == f"Error: cannot use database {desk}: Permission denied", lines
        assert str(closed) in lines[1] and "chmod a+x" in lines[1], lines


def test_a_database_path_too_long_blames_no_directory(cli, tmp_path):
    """(review) A directory name too long for the file system, or one that is not there, was said
    to be a directory "this user may not enter", with a chmod of it as the way in."""
    result = cli("--db", tmp_path / ("A" * 300) / "d.json", "list")
    lines = result.stderr.splitlines()
    assert result.exit_code == 1 and "File name too long" in lines[0], result.stderr
    assert "may not enter" not in result.stderr and "chmod" not in result.stderr, result.stderr


def _closed(monkeypatch, closed):
    """`closed` as a directory its owner keeps 700 is to another user (root here enters any)."""
    import os
    from pathlib import Path

    real_lstat, real_stat, real_access = os.lstat, os.stat, os.access

    def enters(path) -> bool:  # (a name after `closed`, `..` too, is looked up in it)
        parts = Path(os.path.join(os.getcwd(), os.fspath(path))).parts
        return any(os.path.normpath(Path(*parts[:end])) == str(closed) for end in range(1, len(parts)))

    def lstat(path, *args, **kwargs):
        if enters(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_lstat(path, *args, **kwargs)

    def stat(path, *args, **kwargs):
        if isinstance(path, (str, os.PathLike)) and enters(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", lstat)
    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "access", lambda path, mode, *args, **kwargs: False if Path(path) == closed
                        else real_access(path, mode, *args, **kwargs))


def test_a_closed_directory_reached_through_a_linked_one_is_named_not_the_link(tmp_path, monkeypatch):
    """(review) Through a linked directory, the hint named the link: its chmod changes the
    directory it points to, open already, not the closed one on the way."""
    import os

    from claims_cli import storage

    closed = tmp_path / "sub"
    (closed / "deep").mkdir(parents=True)
    (tmp_path / "ln").symlink_to(closed / "deep")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, *args, **kwargs: False if str(path) == str(closed)
                        else real_access(path, mode, *args, **kwargs))
    assert storage._closed_directory(tmp_path / "ln" / "d.json") == (
        f"This user may not enter the directory {closed}: its owner can allow it (chmod a+x {closed}).")


def test_a_database_linked_into_a_closed_directory_names_it_not_damage(cli, tmp_path, monkeypatch):
    """(review) A database that is a link into a directory this user may not enter: doctor and
    add said it had damaged records and sent the user to doctor, which said the same."""
    closed = tmp_path / "sub"
    desk = closed / "deep" / "d.json"
    cli("--db", desk, "add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    given = tmp_path / "dl.json"
    given.symlink_to(desk)
    _closed(monkeypatch, closed)
    for command in (("doctor",), ("list",), ("add", "Second", "--source", "ISW", "--on", "2025-12-01")):
        result = cli("--db", given, *command)
        lines = result.stderr.splitlines()
        assert result.exit_code == 1 and len(lines) == 2 and "damaged" not in result.stderr, (command, result.stderr)
        assert lines[1] == (f"This user may not enter the directory {closed}: its owner can allow it "
                            f"(chmod a+x {closed})."), (command, lines)


def test_a_database_path_up_through_a_closed_directory_is_said_not_a_bug(cli, tmp_path, monkeypatch):
    """(review) `--db sub/../f.json` with sub closed to this user: an internal error, exit 70."""
    closed = tmp_path / "sub"
    closed.mkdir()
    _closed(monkeypatch, closed)
    result = cli("--db", str(closed) + "/../f.json", "list")
    assert result.exit_code == 1 and "internal error" not in result.stderr, result.stderr
    assert f"may not enter the directory {closed}" in result.stderr, result.stderr


def test_a_database_linked_through_a_file_is_still_diagnosed_by_doctor(cli, tmp_path):
    """(review) A link to file.json/x.json: the check added for a link into a closed directory
    stopped every command at "cannot use database ...: Not a directory", and doctor with it, which
    had said the file in the way and how to point --db at a file."""
    (tmp_path / "file.json").write_text("{}")
    link = tmp_path / "l.json"
    link.symlink_to("file.json/x.json")
    said = " ".join(cli("--db", link, "doctor").stdout.split())
    assert "is a file, not a directory" in said, said
    # (the way out is the link's to mend: --db names a file already)
    assert f"ln -sfn FILE {link}" in said and "Give --db" not in said, said


def test_a_closed_directory_after_a_dot_dot_is_named(cli, tmp_path, monkeypatch):
    """(review) `--db ../rc/../x.json` (the closed directory after the first ..) said only
    "Permission denied", where `rc/../x.json` named rc."""
    closed = tmp_path / "rc"
    closed.mkdir()
    (tmp_path / "open").mkdir()
    monkeypatch.chdir(tmp_path / "open")
    _closed(monkeypatch, closed)
    for given in ("../rc/../x.json", "../rc/deep/../../open/z.json"):
        result = cli("--db", given, "list")
        assert result.exit_code == 1 and f"may not enter the directory {closed}:" in result.stderr, (given, result.stderr)


def test_a_file_named_dash_with_a_slash_is_offered_as_dot_slash_dash(tmp_path, monkeypatch):
    """(review) With a file ./- present, `--db -/` was told "Drop the slash: --db -", a value refused
    since (- is standard input or output): offered as ./-, the file."""
    from typer.testing import CliRunner

    from claims_cli.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_text("{}")
    result = CliRunner().invoke(app, ["--db", "-/", "list"])
    assert result.exit_code == 1, result.output
    assert "Drop the slash: --db (or $CLAIMS_DB) ./-." in result.output, result.output


def test_a_database_named_dash_is_named_dot_slash_dash_in_the_commands_hints_give(tmp_path, monkeypatch):
    """(review) The hints' commands gave a database file named - as `claims --db - init`, a value
    refused (standard input or output): ./- is the file."""
    from typer.testing import CliRunner

    from claims_cli.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_bytes(b"")
    result = CliRunner().invoke(app, ["--db", "./-", "list"])
    assert result.exit_code == 1, result.output
    assert "`claims --db ./- init`" in result.output, result.output


def test_a_quoted_value_that_is_not_utf8_is_said_by_its_byte():
    """(review) A value quoted in an error, `'C-0001\\udce9' is not a claim ID`, gave Python's lone
    surrogate where every other message gives the byte: 'C-0001\\xe9'. A backslash typed before
    'udce9' is text, said once as typed."""
    from claims_cli.errors import shown

    assert shown("C-0001\udce9") == "'C-0001\\xe9'"
    assert shown("a\\udce9") == "'a\\udce9'"
    assert shown("a\\\udce9") == "'a\\\\xe9'"


def test_a_backslash_in_a_value_an_error_quotes_is_said_once_as_typed(cli, db, filled, tmp_path):
    """(human test) `--category 'cat\\'` was said as 'cat\\\\': the quoting was repr's, which doubles a
    backslash, so the value in the message was not the one typed (nor one to paste back). Each
    message that quotes a value says it once: a category, a source, an ID, a date, a tag, a
    coordinate, an import file's name and its columns, a choice no option has."""
    sheet = tmp_path / "we\\ird.csv"
    sheet.write_text("text,source,claimed_on,Sta\\te,C\\laim\nRussian forces took X,MoD,2025-12-01,a,b\n",
                     encoding="utf-8")
    for args, said in [
        (["add", "x y", "--source", "Russian MoD", "--category", "cat\\"], "--category 'cat\\' is unknown"),
        (["add", "x y", "--source", "Russian\\MoD"], "unknown source 'Russian\\MoD'"),
        (["show", "C\\1"], "'C\\1' is not a claim ID"),
        (["show", "C-1\\"], "'C-1\\' is not a claim ID"),
        (["add", "x y", "--source", "MoD", "--on", "2025\\12\\01"], "--on '2025\\12\\01' is not a date"),
        (["list", "--since", "yester\\day"], "--since 'yester\\day' is not a date"),
        (["edit", "C-0001", "--remove-tag", "a\\b"], "'a\\b' is not a tag of C-0001"),
        (["add", "x y", "--source", "MoD", "--coords", "4\\8,37"], "lat '4\\8' is not a number"),
        (["import", str(sheet)], "we\\ird.csv: unknown columns 'Sta\\te', 'C\\laim'"),
        (["list", "--format", "js\\on"], "'js\\on' is not one of 'table', 'json'"),  # (Click's words: its repr)
    ]:
        result = cli(*args)
        check_error(result, result.exit_code or 1, said)
        assert "\\\\" not in result.stderr, (args, result.stderr)
    assert db.read_bytes() == filled


@pytest.fixture
def deep(tmp_path) -> "os.PathLike":
    """A directory whose path is over 1,000 characters (five names of 200), as a paste would give."""
    from pathlib import Path

    path = Path(tmp_path, *(f"{letter}" * 200 for letter in "abcde"))
    path.mkdir(parents=True)
    return path


def _said_cut(result, path) -> None:
    """No line of the output says `path` whole (a hint's command to paste may: shell-quoted), and
    the path is said cut, with its length."""
    said = result.stdout + result.stderr
    assert "Traceback" not in said and "internal error" not in said, said[:400]
    for line in said.splitlines():
        assert str(path) not in line or f"'{path}" in line, line[:300]
    assert f"({len(str(path))} characters long)" in said, said[:600]


def test_every_message_naming_a_long_path_says_it_cut(cli, filled, deep):
    """(review) 1fa10ab cut a long path in some messages (cannot read, cannot use database, report
    -o's name); the rest printed 1,000 characters whole: an output that exists, is a directory or
    is in no directory, an import file that is not JSON, holds invalid records or was imported, a
    database that does not exist or was created, and the report written."""
    taken = deep / "taken.json"
    taken.write_text("{}")
    for command in (("export", "--format", "json"), ("report", "--format", "json")):
        _said_cut(cli(*command, "-o", str(taken)), taken)  # (already exists)
        _said_cut(cli(*command, "-o", str(deep)), deep)  # (is a directory)
        missing = deep / "nowhere"
        _said_cut(cli(*command, "-o", str(missing / "out.json")), missing)  # (directory does not exist)
    written = deep / "report.md"
    _said_cut(cli("report", "-o", str(written), ok=True), written)  # (Wrote ... to)
    bad = deep / "bad.json"
    bad.write_text("{not json")
    _said_cut(cli("import", str(bad)), bad)
    some = deep / "some.jsonl"
    some.write_text('{"text": "Russian forces took Y", "source": "ISW", "claimed_on": "2025-12-06"}\n{}\n')
    _said_cut(cli("import", str(some)), some)  # (1 of 2 records in X is invalid)
    good = deep / "good.jsonl"
    good.write_text('{"text": "Russian forces took Z", "source": "ISW", "claimed_on": "2025-12-06"}\n')
    _said_cut(cli("import", str(good), ok=True), good)  # (Imported X)
    new = deep / "new.json"
    _said_cut(cli("--db", str(new), "list", ok=True), new)  # (No claims: X does not exist)
    _said_cut(cli("--db", str(new), "init", ok=True), new)  # (Created database)
    in_the_way = deep / "note.txt"  # (a file where the database's directory would be: named cut too)
    in_the_way.write_text("x")
    _said_cut(cli("--db", str(in_the_way / "x.json"), "list"), in_the_way)
    _said_cut(cli("--db", str(in_the_way / "x.json"), "add", "Russian forces took V", "--source", "ISW", "--on",
                  "2025-12-06"), in_the_way)
    added = deep / "added.json"  # (Created a new database: X)
    _said_cut(cli("--db", str(added), "add", "Russian forces took W", "--source", "ISW", "--on", "2025-12-06",
                  ok=True), added)


def test_a_restore_that_cannot_keep_the_damaged_file_names_where_it_would_cut(cli, deep, monkeypatch):
    """(review) `doctor --restore-backup` that could neither link nor copy the damaged file aside
    said "cannot keep a copy of X as Y": X, the database, cut when long (path_shown), and Y, its
    NAME.damaged-TIME beside it, 1,000 characters whole. Both are said cut, the database as it was."""
    from claims_cli import storage

    db = deep / "claims.json"
    cli("--db", db, "add", "Russian forces took V", "--source", "ISW", "--on", "2025-12-06", ok=True)
    cli("--db", db, "confirm", "C-0001", "--by", "DeepState", ok=True)  # (a second write: NAME.bak)
    db.write_bytes(db.read_bytes()[:-40])  # damaged
    raw, before = db.read_bytes(), sorted(path.name for path in deep.iterdir())

    def refused(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(storage.os, "link", refused)
    monkeypatch.setattr(storage.shutil, "copy2", refused)
    result = cli("--db", db, "doctor", "--restore-backup")
    assert result.exit_code == 1 and "cannot keep a copy of" in result.stderr, result.stderr[:600]
    _said_cut(result, db)  # (no line says the database's path whole, nor so NAME.damaged-TIME's)
    aside = len(str(db)) + len(".damaged-20251207T093000Z")
    assert f"({aside} characters long)" in result.stderr, result.stderr[:600]
    assert db.read_bytes() == raw and sorted(path.name for path in deep.iterdir()) == before


def test_a_file_name_holding_a_newline_is_said_on_one_line(cli, db, filled, tmp_path):
    """A file name may hold a newline (a name pasted with its line end); an error naming it printed it
    raw, so the one-line error broke in two at a place the reader cannot tell from the message's own
    line break. The name is said with the newline escaped, as other unprintable characters are."""
    odd = tmp_path / "bad\nname.csv"
    odd.write_text("a,b\n", encoding="utf-8")
    result = cli("import", odd)
    check_error(result, 65, "bad\\nname.csv: unknown columns")
    assert db.read_bytes() == filled
    result = cli("--db", tmp_path / "x\ny" / "db.json", "list")
    assert result.exit_code == 0 and "x\\ny" in result.stderr and "x\ny" not in result.stderr, result.stderr


@pytest.mark.parametrize(("args", "meant"), [
    (("dispute", "C-0001", "--source", "ISW"), "(Possible options: --by)"),  # (the evidence commands' word)
    (("confirm", "C-0001", "-s", "ISW"), "(Possible options: --by)"),
    (("evidence", "add", "C-0001", "-s", "ISW", "--stance", "supports"), "(Possible options: --by)"),
    (("add", "x", "--by", "ISW", "--on", "2025-12-07"), "(Possible options: --source)"),  # (was: --db)
    (("list", "--by", "ISW"), "(Possible options: --evidence-by, --source)"),
    (("add", "x", "-s", "ISW", "--date", "2025-12-07"), "(Possible options: --on)"),
    (("list", "--from", "2025-12-01"), "(Possible options: --since)"),  # (was: --format)
    (("list", "--after", "2025-12-01"), "(Possible options: --since)"),
    (("contested", "--before", "2025-12-01"), "(Possible options: --until)"),
    (("add", "x", "-s", "ISW", "--location", "Pokrovsk"), "(Possible options: --place)"),
    (("list", "--search", "Pokrovsk"), "(Possible options: --text)"),
    (("list", "--date", "2025-12-01"), "(Possible options: --since, --until)"),  # (review: was --deleted, --side, --text)
    (("report", "--date", "2025-12"), "(Possible options: --since, --until)"),  # (was --db)
])
def test_an_option_of_another_command_is_offered_this_ones_word(cli, db, filled, args, meant):
    """(analyst pass) The claim commands name the source --source/-s, the evidence commands --by;
    typed the other way, Click offered what was nearest in letters: `list --by` "--db" (followed, it
    reads or makes a database named ISW), `dispute --source` "--url", `evidence add -s` nothing. An
    option an analyst types for a date, place or search (--date, --from, --location, --search) was
    offered --format or --category. Each is offered the option this command has for it."""
    result = cli(*args)
    check_error(result, EXIT_USAGE, "No such option", meant)
    assert "--db" not in result.stderr.splitlines()[0] and db.read_bytes() == filled


@pytest.mark.parametrize(("args", "meant"), [
    (("assess", "C-0001", "confirmd"), "Did you mean confirmed for 'confirmd'?"),
    (("list", "--side", "russian"), "Did you mean russia for 'russian'?"),
    (("sources", "add", "Foo", "--side", "Ukrainian"), "Did you mean ukraine for 'Ukrainian'?"),
    (("list", "--status", "contsted"), "Did you mean contested for 'contsted'?"),
    (("confirm", "C-0001", "--by", "ISW", "--kind", "vidoe"), None),  # (no near value: none offered)
    (("evidence", "add", "C-0001", "--by", "ISW", "--stance", "support"), "Did you mean supports for 'support'?"),
    # (review: a choice and its opposite differ by a prefix alone: never offered for the other)
    (("assess", "C-0001", "verified"), None),
    (("assess", "C-0001", "unconfirmed"), None),
    (("list", "--status", "uncontested"), None),
    (("evidence", "add", "C-0001", "--by", "ISW", "--stance", "conclusive"), None),
])
def test_a_value_one_letter_or_an_ending_off_a_choice_is_offered_it(cli, db, filled, args, meant):
    """(analyst pass) `assess C-1 confirmd`, `--side russian`, `--stance support` were told the
    choices, not which one was meant, where a mistyped source or category is."""
    result = cli(*args)
    check_error(result, EXIT_USER, "is not one of")
    lines = result.stderr.strip().splitlines()
    assert (lines[1] if len(lines) > 1 else None) == meant, result.stderr
    assert db.read_bytes() == filled


def test_every_message_naming_a_file_whose_name_holds_a_newline_says_it_escaped(cli, tmp_path):
    """(review) path_shown escaped a newline in a file name, but messages that named a file by its
    name alone printed it raw: an export's "x<newline>y.csv2's ending names no export format", doctor's
    "Restored we<newline>ird.json from ...", its rewrite's and the store's refusals."""
    odd = tmp_path / "we\nird.json"
    cli("--db", odd, "add", "Russian forces took V", "--source", "ISW", "--on", "2025-12-06", ok=True)
    cli("--db", odd, "confirm", "C-0001", "--by", "DeepState", ok=True)  # (a second write: NAME.bak)
    said = cli("--db", odd, "export", "-o", tmp_path / "x\ny.csv2", ok=True).stderr
    assert "x\\ny.csv2's ending" in said and "x\ny" not in said, said
    odd.write_bytes(odd.read_bytes()[:-40])  # damaged
    said = cli("--db", odd, "doctor", "--restore-backup", ok=True).stderr
    assert "we\\nird.json" in said and "we\nird" not in said, said
    odd.unlink()
    said = cli("--db", odd, "doctor").stderr + cli("--db", odd, "doctor").stdout
    assert "we\\nird.json.bak" in said and "we\nird" not in said, said


@pytest.mark.parametrize("args", [("show", "C-0001", "--date", "x"), ("sources", "list", "--date", "x"),
                                  ("history", "C-0001", "--when", "x")])
def test_an_analysts_word_for_an_option_the_command_lacks_is_offered_none(cli, db, filled, args):
    """(review) `show --date` and `sources list --date` were offered --db (followed, a database named
    x), `history --when` --help: Click's nearest in letters. A command with no such option offers none."""
    result = cli(*args)
    check_error(result, EXIT_USAGE, "No such option")
    assert "Possible options" not in result.stderr, result.stderr


def _no_login_name(monkeypatch) -> None:
    """As in a container run with --user UID and no passwd entry, or a cron account without one:
    no $CLAIMS_ANALYST, no login variable, and no name for the user ID."""
    import getpass
    import pwd

    monkeypatch.delenv("CLAIMS_ANALYST")
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)

    def no_entry(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    with pytest.raises((KeyError, OSError)):  # (the real getuser, failing as it does there)
        getpass.getuser()


UNKNOWN_ANALYST_SAID = ('Warning: no analyst name was found (no --analyst, no $CLAIMS_ANALYST, no login name): '
                        'this change is recorded as made by "unknown"; give --analyst NAME or set $CLAIMS_ANALYST.')


def test_audit_a_write_with_no_analyst_found_is_recorded_as_unknown_and_says_so(cli, db, filled, monkeypatch):
    """(team-desk audit) With no login name every change was credited to "unknown" in silence: it
    still is (a cron job is not refused), but each write says so, once, on stderr."""
    _no_login_name(monkeypatch)
    result = cli("confirm", "C-0001", "--by", "ISW", ok=True)
    assert result.stderr.splitlines().count(UNKNOWN_ANALYST_SAID) == 1, result.stderr
    assert result.stdout == "E2\n"  # (data on stdout, the warning on stderr)
    added = cli("add", "No user", "--source", "Ukraine", "--on", "2025-12-01", ok=True)
    assert UNKNOWN_ANALYST_SAID in added.stderr.splitlines(), added.stderr
    history = cli("history", "C-0002", "--format", "json", ok=True).json()
    assert [entry["analyst"] for entry in history] == ["unknown"]
    assert cli("history", "C-0001", "--format", "json", ok=True).json()[-1]["analyst"] == "unknown"
    # a source's change too; a reading command, a refused write and a named analyst say nothing of it
    assert UNKNOWN_ANALYST_SAID in cli("sources", "add", "Lonely Desk", "--side", "independent", ok=True).stderr
    assert "unknown" not in cli("list", ok=True).stderr
    before = db.read_bytes()
    refused = cli("confirm", "C-0099", "--by", "ISW", ok=False)
    check_error(refused, EXIT_USER, "no claim C-0099")
    assert db.read_bytes() == before
    named = cli("--analyst", "alice", "confirm", "C-0002", "--by", "ISW", ok=True)
    assert "Warning" not in named.stderr, named.stderr
    monkeypatch.setenv("CLAIMS_ANALYST", "bob")
    assert "Warning" not in cli("confirm", "C-0002", "--by", "DeepState", ok=True).stderr


def test_audit_a_dry_run_with_no_analyst_found_says_nothing_of_it(cli, db, tmp_path, monkeypatch):
    """(team-desk audit) Only a write says it: an import's dry run records nothing."""
    _no_login_name(monkeypatch)
    sheet = tmp_path / "day.csv"
    sheet.write_text("text,source,claimed_on\nRussian forces took X,ISW,2025-12-07\n")
    result = cli("import", sheet, "--dry-run", ok=True)
    assert "Warning: no analyst" not in result.stderr, result.stderr
    written = cli("import", sheet, ok=True)
    assert written.stderr.splitlines().count(UNKNOWN_ANALYST_SAID) == 1, written.stderr
