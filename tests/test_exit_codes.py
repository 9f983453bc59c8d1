"""Exit codes are a contract with scripts: each one the README documents, and a test per code."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from filelock import FileLock

from claims_cli import errors
from claims_cli.cli import EXIT_READER_GONE, EXIT_SOFTWARE

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_exit_codes() -> dict[int, str]:
    section = README.read_text().split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(code): meaning.strip() for code, meaning in re.findall(r"^\| (\d+) \| (.+) \|$", section, re.M)}


def test_the_readme_documents_every_exit_code_the_program_uses():
    documented = readme_exit_codes()
    used = {errors.EXIT_OK, errors.EXIT_USER, errors.EXIT_USAGE, errors.EXIT_DATAERR, errors.EXIT_CANTCREAT,
            errors.EXIT_TEMPFAIL, errors.EXIT_OSERR, errors.EXIT_IOERR, EXIT_SOFTWARE, 130, 143, 129,
            EXIT_READER_GONE}
    assert set(documented) == used
    assert errors.StoreLocked.exit_code == 75 and errors.DataError.exit_code == 65
    assert errors.OutputExists.exit_code == 73 and errors.ClaimsError.exit_code == 1
    assert errors.OutputFailed.exit_code == 74


def test_0_success(cli):
    assert cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01").exit_code == 0
    assert cli("list", "--format", "json").exit_code == 0


@pytest.mark.parametrize("args", [
    ["show", "C-0042"],  # unknown ID
    ["add", "A claim", "--source", "Nobody"],  # unknown source
    ["add", "A claim", "--source", "MoD", "--on", "03/04/2025"],  # ambiguous date
    ["add", "A claim", "--source", "MoD", "--on", "2999-01-01"],  # future date
    ["add", "A claim", "--source", "MoD", "--coords", "95,10"],  # bad value
])
def test_1_a_user_error(cli, db, args):
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert not db.exists()


def test_1_a_duplicate(cli):
    cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01", ok=True)
    result = cli("add", "A claim.", "--source", "MoD", "--on", "2025-12-01")
    assert result.exit_code == 1 and "already recorded as C-0001" in result.stderr


def test_1_an_unreadable_database(cli, db):
    db.write_bytes(b"{not json")
    assert cli("list").exit_code == 1


@pytest.mark.parametrize("args", [["list", "--no-such-option"], ["add"], ["show"], ["no-such-command"],
                                  ["list", "--format", "yaml"]])
def test_2_a_usage_error(cli, db, args):
    result = cli(*args)
    assert result.exit_code == 2
    assert not db.exists()


@pytest.mark.parametrize("args, said", [
    # a choice the command needs left out
    (["assess", "C-0001"], "give a status, or --clear"),
    (["edit", "C-0001"], "nothing to change: give a field to change, e.g. --place or --text"),
    (["sources", "edit", "ISW"], "nothing to change: give a field to change, e.g. --side or --grade"),
    # options that cannot go together
    (["assess", "C-0001", "confirmed", "--clear"], "give a status or --clear, not both"),
    (["export", "--format", "json", "--bom"], "--bom is for --format csv (a byte-order mark for Excel)"),
    (["export", "--format", "json", "--review-url", "https://desk.example/{id}"],
     "--review-url is for --format claimreview (the page each review is published at)"),
    (["export", "--format", "csv", "--with-deleted"],
     "--with-deleted is for --format json or jsonl (what another desk imports)"),
    (["export", "--format", "json", "--desk", "Kyiv desk"],
     "--desk is for --format html, markdown or claimreview (which name who publishes)"),
    (["report", "--format", "terminal", "--output", "r.md"], "--output needs --format markdown, html or json"),
    (["doctor", "--restore-backup", "--relayout"], "--restore-backup and --relayout cannot be used together"),
    # a format that cannot be told, as an import's
    (["report", "--output", "r.txt"], "r.txt names no report format (.md, .html, .json): give --format markdown, "
                                      "html or json"),
])
def test_2_options_that_cannot_go_together_or_a_choice_left_out(cli, db, tmp_path, monkeypatch, args, said):
    """(script-user test) These said so with exit 1, a user error of the data, where the README's
    2 is a usage error: found from the command line alone, as Click finds a missing argument."""
    cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01", ok=True)
    monkeypatch.chdir(tmp_path)
    before = db.read_bytes()
    result = cli(*args)
    command = " ".join(args[:2] if args[0] == "sources" else args[:1])
    assert (result.exit_code, result.stdout) == (2, ""), (result.exit_code, result.stderr)
    assert result.stderr == f"Error: {said}\nTry 'claims {command} -h' for help.\n", result.stderr
    assert db.read_bytes() == before and not any(path.name.startswith("r.") for path in tmp_path.iterdir())
    db.write_bytes(b"{not json")  # (found before the database is read, as the README says)
    assert cli(*args).exit_code == 2


def test_75_the_database_is_locked(cli, db, monkeypatch):
    cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01", ok=True)
    before = db.read_bytes()
    monkeypatch.setenv("CLAIMS_LOCK_TIMEOUT", "0")
    with FileLock(str(db.with_name(db.name + ".lock"))):
        result = cli("add", "Another claim", "--source", "MoD", "--on", "2025-12-01")
    assert result.exit_code == 75
    assert f"lock file {db}.lock" in result.stderr
    assert db.read_bytes() == before
    # (bug hunt) the hint said to delete the lock file "if no claims process is running": a held
    # lock always has a process, and a second writer would then lock a new file beside it
    assert "delete the lock file" not in result.stderr
    assert "end it" in result.stderr and "deleting the lock file does not" in result.stderr
    # (messages hunt) "if that process is stuck, end it" left no way to find it
    assert f"(`lsof {db}.lock` names it)" in result.stderr and len(result.stderr.splitlines()) == 2


def test_70_an_internal_error(cli, db, monkeypatch):
    from claims_cli import ledger

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(ledger, "add_claim", broken)
    result = cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01")
    assert result.exit_code == 70
    assert "internal error: RuntimeError: simulated bug" in result.stderr
    assert "CLAIMS_DEBUG=1" in result.stderr
    monkeypatch.setenv("CLAIMS_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01")


def test_130_interrupted(cli, db, monkeypatch):
    from claims_cli import ledger

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ledger, "add_claim", interrupted)
    result = cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01")
    assert result.exit_code == 130
    assert "interrupted" in result.stderr and "the database was not changed" in result.stderr


def test_130_a_read_interrupted_while_it_wrote_says_its_output_is_cut_short(cli, db, monkeypatch):
    """(scripts hunt) Ctrl-C while `list -f json > out.json` wrote said "nothing was written by the
    unfinished command", with 64 KB in out.json: read as "the output file is untouched"."""
    from claims_cli import context

    cli("add", "A first claim", "--source", "MoD", "--on", "2025-12-01", ok=True)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(context, "emit", interrupted)
    result = cli("list", "--format", "json")
    assert result.exit_code == 130
    assert result.stderr == ("Error: interrupted; the database was not changed (what went to standard output or a "
                             "pipe may be cut short)\n")


def test_130_interrupted_after_the_change_was_saved_says_so(cli, db, monkeypatch):
    """(bug hunt) Ctrl-C once the database was written, while the command printed its result,
    said "nothing was written": the claim was in the database."""
    from claims_cli import context

    cli("add", "A first claim", "--source", "MoD", "--on", "2025-12-01", ok=True)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    real_emit = context.emit
    monkeypatch.setattr(context, "emit", interrupted)
    result = cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01")
    assert result.exit_code == 130
    assert "the database was not changed" not in result.stderr
    assert "interrupted after the change was saved" in result.stderr and len(result.stderr.splitlines()) <= 2
    monkeypatch.setattr(context, "emit", real_emit)
    assert "A claim" in cli("show", "C-0002", ok=True).stdout
    # and a command interrupted before it wrote, after one that wrote in this process (the tests'):
    test_130_interrupted(cli, db, monkeypatch)


def test_65_a_malformed_import_file(cli, db, tmp_path):
    cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01", ok=True)
    before = db.read_bytes()
    for name, data in (("bad.json", b"[{"), ("bad.csv", b"text,source\nx,MoD\n"), ("bad.jsonl", b"\xff\n"),
                       ("rows.csv", b"text,source,claimed_on\nA claim,Nobody,2025-12-01\n")):
        path = tmp_path / name
        path.write_bytes(data)
        result = cli("import", path)
        assert result.exit_code == 65, (name, result.stderr)
        assert result.stderr.startswith("Error: ")
        assert db.read_bytes() == before


def test_73_an_output_file_exists(cli, db, tmp_path):
    cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01", ok=True)
    target = tmp_path / "out.csv"
    target.write_text("keep me")
    for args in (["export", "--format", "csv"], ["report", "--format", "markdown"]):
        result = cli(*args, "--output", target)
        assert result.exit_code == 73, (args, result.stderr)
        assert "already exists" in result.stderr and "--force" in result.stderr
        assert target.read_text() == "keep me"


def test_an_unreadable_database_given_with_db_is_the_databases_error_not_a_usage_error(cli, db, monkeypatch):
    """--db of a file this user cannot read was refused by Click's own check as a usage error
    (exit 2), before `claims doctor` could look at it; $CLAIMS_DB gave the database's error (1)."""
    cli("add", "A claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: False if str(path) == str(db) and mode == os.R_OK
                        else real_access(path, mode, *a, **k))
    for command in (["--db", db, "list"], ["list", "--db", db], ["--db", db, "doctor"]):
        result = cli(*command)
        assert result.exit_code != 2, (command, result.stderr)
        assert "is not readable" not in result.stderr
    # (this user, root here, reads it: the store read it and doctor looked at it, past Click's check)
    assert cli("--db", db, "list", "--format", "json", ok=True).json()[0]["text"] == "A claim"
    assert "healthy" in cli("--db", db, "doctor", ok=True).stderr + cli("--db", db, "doctor", ok=True).stdout


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_a_database_this_user_cannot_read_is_exit_1_and_doctor_says_so(cli, db):
    cli("add", "A claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    db.chmod(0)
    try:
        listed = cli("--db", db, "list")
        assert listed.exit_code == 1 and "cannot read" in listed.stderr
        doctor = cli("--db", db, "doctor")
        assert doctor.exit_code == 1 and "unreadable" in doctor.stdout + doctor.stderr
    finally:
        db.chmod(0o644)


@pytest.mark.parametrize("command", [["list", "--format", "xml"], ["report", "--format", "csv"],
                                     ["import", "x.json", "--on-duplicate", "maybe"]])
def test_a_value_outside_an_options_choices_is_said_plainly(cli, db, command):
    """(Typer's validation put "Value error, " before the message)"""
    result = cli(*command, ok=False)
    assert result.exit_code == 2
    assert f"Invalid value for '{command[-2]}'" in result.stderr or "Invalid value for '--format'" in result.stderr
    assert f"'{command[-1]}' is not one of" in result.stderr and "Value error" not in result.stderr


@pytest.mark.parametrize("command, said", [
    (["list", "--format", "\u0458son"], "its Cyrillic \u0458 only looks Latin"),
    (["report", "--format", "\u041cARKDOWN"], "its Cyrillic \u041c only looks Latin"),
    # (review) full-width letters are Latin ones, only wide; a real Cyrillic word is no choice mistyped
    (["list", "--format", "\uff4a\uff53\uff4f\uff4e"], "it is written in full-width letters"),
    (["list", "--format", "\uff4as\u043en"], "its Cyrillic \u043e only looks Latin, and its \uff4a is full-width"),
    (["list", "--format", "\u0436\u0441\u043e\u043d"], None),  # (жсон: ж and н look like nothing Latin)
    (["list", "--format", "\u0441sv\u0445"], None),  # (csvx: no choice)
])
def test_an_options_choice_typed_with_letters_that_look_latin_names_them(cli, db, command, said):
    """(tester) A --format's choices are Typer's to check (exit 2), not the tool's: "'јson' is not one
    of 'table', 'json', ..." contradicted itself. It names the letter that only looks Latin, where
    the value so read is a choice."""
    result = cli(*command, ok=False)
    assert result.exit_code == 2
    assert f"'{command[-1]}' is not one of" in result.stderr
    if said:
        assert f"({said})." in result.stderr, result.stderr
    else:
        assert "Latin" not in result.stderr and "full-width" not in result.stderr, result.stderr


@pytest.mark.parametrize("args", [("list", "-n", "0"), ("list", "-n", "0", "--format", "json"),
                                  ("export", "--format", "csv"), ("show", "C-0001"), ("--help",),
                                  ("export", "--format", "csv", "--output", "/dev/stdout"),
                                  ("export", "--format", "markdown", "--output", "/dev/stdout")])
def test_141_the_reader_of_the_output_went_away(cli, db, tmp_path, args):
    """`claims list | head`: the reader leaves early. Every command said nothing and exited 0 or 1
    depending on when its write found the pipe closed; now, as `seq 1000000 | head -1`, 141
    (128 + SIGPIPE), whatever the format, and nothing on stderr. (listings hunt) So does an
    --output that is a pipe (/dev/stdout, `>(head -1)`): "Error: cannot write /dev/stdout: Broken
    pipe", exit 1."""
    import subprocess
    import sys

    rows = "".join(f"Claim number {n} about a place,ISW,2025-11-{n % 28 + 1:02d},Place {n}\n" for n in range(3000))
    day = tmp_path / "day.csv"
    day.write_text("text,source,claimed_on,place\n" + rows, encoding="utf-8")
    cli("import", day, ok=True)
    if args[0] == "show":  # (a short output: a note long enough to fill the pipe)
        cli("edit", "C-0001", "--note", "x" * 9000, ok=True)
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before the first write
    env = {**os.environ, "CLAIMS_DB": str(db)}
    done = subprocess.run([sys.executable, "-m", "claims_cli", *args], stdout=writer, stderr=subprocess.PIPE,
                          env=env, timeout=60)
    os.close(writer)
    assert (done.returncode, done.stderr) == (141, b"")


@pytest.mark.parametrize("tab", [False, True], ids=["plain rows", "a row with a tab"])
@pytest.mark.parametrize("unbuffered", ["", "1"])
@pytest.mark.parametrize("args", [("list", "-n", "0"), ("list", "-n", "0", "--format", "csv")])
def test_141_when_the_reader_leaves_in_the_middle_of_a_write(cli, db, tmp_path, args, unbuffered, tab):
    """(review) With PYTHONUNBUFFERED=1 stdout writes straight to the pipe: a reader leaving in the
    middle of a large write made it return short, without an error, and the command exited 0.
    (documents hunt) So did a table with a tab in a row, which Rich lays out and prints."""
    import subprocess
    import sys

    rows = "".join(f"Claim number {n} about a place,ISW,2025-11-{n % 28 + 1:02d},Place {n}\n" for n in range(3000))
    day = tmp_path / "day.csv"
    day.write_text("text,source,claimed_on,place\n" + rows, encoding="utf-8")
    cli("import", day, ok=True)
    if tab:
        cli("add", "Tab\there", "--source", "ISW", "--on", "2025-11-02", ok=True)
    env = {**os.environ, "CLAIMS_DB": str(db), "PYTHONUNBUFFERED": unbuffered}
    process = subprocess.Popen([sys.executable, "-m", "claims_cli", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env)
    assert process.stdout.read(100)  # the head of the output, then the reader goes
    process.stdout.close()
    assert process.wait(timeout=60) == 141
    assert process.stderr.read() == b""


def test_130_an_interrupt_arriving_as_the_file_is_replaced_says_the_change_was_saved(cli, db, monkeypatch):
    """(crash-safety hunt) Ctrl-C delivered while rename(2) ran was raised before the write was
    counted: "nothing was written", and the claim was there."""
    import signal

    real_replace = os.replace

    def replace_then_interrupt(source, target, *args, **kwargs):
        real_replace(source, target, *args, **kwargs)
        if str(target) == str(db):
            os.kill(os.getpid(), signal.SIGINT)

    # (a run started in the background by a shell without job control ignores SIGINT from its
    # start, and Python then leaves it ignored: the Ctrl-C this test stands for is a live one)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    try:
        result = cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01")
    finally:
        signal.signal(signal.SIGINT, previous)
    monkeypatch.setattr(os, "replace", real_replace)
    assert result.exit_code == 130
    assert "interrupted after the change was saved" in result.stderr
    assert "A claim" in cli("show", "C-0001", ok=True).stdout


@pytest.mark.parametrize("command, new_id, said", [
    (("add", "Another claim", "--source", "MoD"), "C-0002", "Recorded C-0002 (unverified)"),
    (("confirm", "C-0001", "--by", "ISW"), "E1", "; recorded as E1"),
    (("dispute", "C-0001", "--by", "ISW"), "E1", "; recorded as E1"),
    (("evidence", "add", "C-0001", "--by", "ISW", "--stance", "inconclusive"), "E1", "; recorded as E1"),
])
def test_130_an_interrupt_as_the_file_is_replaced_still_gives_the_new_id(cli, db, monkeypatch, command, new_id,
                                                                          said):
    """(interrupt hunt) Ctrl-C just after `add` saved its claim said only "interrupted after the
    change was saved": the claim was there, and its ID was not given. It is held until the ID is."""
    import signal

    cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01", ok=True)
    real_replace = os.replace

    def replace_then_interrupt(source, target, *args, **kwargs):
        real_replace(source, target, *args, **kwargs)
        if str(target) == str(db):
            os.kill(os.getpid(), signal.SIGINT)

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # (live: see the test above)
    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    try:
        result = cli(*command)
    finally:
        signal.signal(signal.SIGINT, previous)
    monkeypatch.setattr(os, "replace", real_replace)
    assert result.exit_code == 130
    assert result.stdout == new_id + "\n"
    assert said in result.stderr, result.stderr
    assert result.stderr.endswith("Error: interrupted after the change was saved to the database\n"), result.stderr


def test_130_an_interrupt_while_the_command_line_is_read_is_said_too(cli, db, monkeypatch):
    """(crash-safety hunt) Ctrl-C while Typer read the command line exited 130 saying nothing, or,
    earlier still, with a Python traceback."""
    import subprocess
    import sys

    from claims_cli import cli as cli_module

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "app_for", lambda args: interrupted)
    monkeypatch.setattr(cli_module, "exit_now", lambda code: (_ for _ in ()).throw(SystemExit(code)))
    with pytest.raises(SystemExit) as done:
        cli_module.main()
    assert done.value.code == 130
    code = ("import sys, builtins; real = builtins.__import__\n"
            "def slow(name, *a, **k):\n"
            "    if name == 'typer': raise KeyboardInterrupt\n"
            "    return real(name, *a, **k)\n"
            "builtins.__import__ = slow\n"
            "sys.argv = ['claims', 'list']\n"
            "from claims_cli.__main__ import main\n"
            "main()\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode == 130
    assert result.stderr == (b"Error: interrupted; the database was not changed (what went to standard output or a "
                             b"pipe may be cut short)\n")


def test_a_write_to_a_stdout_that_takes_nothing_for_now_waits_and_writes_it_all():
    """(review) unbuffered and non-blocking, a full pipe's write returns None: the piece was dropped."""
    from claims_cli.context import _write_all

    reader, writer = os.pipe()

    class Raw:  # a raw file that takes nothing the first time, then a little at a time
        def __init__(self):
            self.calls = 0

        def write(self, data):
            self.calls += 1
            if self.calls == 1:
                return None
            return os.write(writer, bytes(data[:3]))

        def fileno(self):
            return writer

    _write_all(Raw(), b"0123456789")
    os.close(writer)
    assert os.read(reader, 100) == b"0123456789"
    os.close(reader)


def test_141_after_a_write_says_the_change_was_saved(cli, db, tmp_path):
    """(batch-import hunt) `claims import day.csv --summary json | head -c 1` exited 141 in
    silence, the import saved: on stderr it now says so, as for a full disk."""
    import subprocess
    import sys

    rows = "".join(f"Claim number {n},ISW,2025-11-{n % 28 + 1:02d}\n" for n in range(50))
    day = tmp_path / "day.csv"
    day.write_text("text,source,claimed_on\n" + rows, encoding="utf-8")
    reader, writer = os.pipe()
    os.close(reader)
    env = {**os.environ, "CLAIMS_DB": str(db)}
    done = subprocess.run([sys.executable, "-m", "claims_cli", "import", str(day), "--summary", "json"],
                          stdout=writer, stderr=subprocess.PIPE, env=env, timeout=60)
    os.close(writer)
    assert done.returncode == 141
    assert b"saved" in done.stderr and len(done.stderr.splitlines()) <= 2
    assert len(cli("list", "-n", "0", "--format", "json", ok=True).json()) == 50


@pytest.mark.parametrize("stdout", ["/dev/full", "a closed pipe"])
@pytest.mark.parametrize("command, said", [
    (("add", "Another claim", "--source", "MoD", "--on", "2025-12-01"), "Recorded C-0002 (unverified)"),
    (("confirm", "C-0001", "--by", "ISW"), "; recorded as E1"),
    (("dispute", "C-0001", "--by", "ISW"), "; recorded as E1"),
    (("evidence", "add", "C-0001", "--by", "ISW", "--stance", "inconclusive"), "; recorded as E1"),
])
def test_an_output_failing_after_the_change_was_saved_still_gives_the_new_id(cli, db, command, said, stdout):
    """(messages hunt) `add ... > /dev/full` (or into a pipe whose reader went away) said "the
    change ... was saved before its output failed" and never which claim: its ID went to the
    failing stdout first, and "Recorded C-0002" was never reached. It is said first, on stderr, as
    the evidence commands say theirs."""
    import subprocess
    import sys

    if stdout == "/dev/full" and not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01", ok=True)
    env = {**os.environ, "CLAIMS_DB": str(db)}
    if stdout == "/dev/full":
        with open("/dev/full", "wb") as full:
            done = subprocess.run([sys.executable, "-m", "claims_cli", *command], stdout=full,
                                  stderr=subprocess.PIPE, env=env, timeout=60)
    else:
        reader, writer = os.pipe()
        os.close(reader)
        done = subprocess.run([sys.executable, "-m", "claims_cli", *command], stdout=writer,
                              stderr=subprocess.PIPE, env=env, timeout=60)
        os.close(writer)
    assert done.returncode == (74 if stdout == "/dev/full" else 141)
    assert said in done.stderr.decode() and b"saved" in done.stderr, done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_output_pipe_whose_reader_died_is_said_as_cut_short(cli, db, tmp_path):
    """(review) An --output FIFO or `>(gzip > x.gz)` whose reader died (gzip on a full disk) cut the
    export short with 141 and nothing said, as `| head` would; only this process's own stdout
    (/dev/stdout, above) leaves in silence. Exit 141 still: the reader went away."""
    import subprocess
    import sys
    import threading

    rows = "".join(f"Claim number {n} about a place,ISW,2025-11-{n % 28 + 1:02d},Place {n}\n" for n in range(3000))
    cli("import", write_file(tmp_path / "day.csv", "text,source,claimed_on,place\n" + rows), ok=True)
    pipe = tmp_path / "out.fifo"
    os.mkfifo(pipe)

    def read_a_little() -> None:
        with open(pipe, "rb") as reader:
            reader.read(100)

    reading = threading.Thread(target=read_a_little)
    reading.start()
    done = subprocess.run([sys.executable, "-m", "claims_cli", "export", "--format", "jsonl", "--output", str(pipe)],
                          capture_output=True, env={**os.environ, "CLAIMS_DB": str(db)}, timeout=60)
    reading.join()
    assert done.returncode == 141
    said = [line for line in done.stderr.decode().splitlines() if not line.startswith("Waiting for a reader")]
    assert said == [f"Error: the reader of {pipe} went away: the output was cut short"]


def write_file(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("written", [True, False])
def test_130_an_interrupted_export_says_whether_its_output_was_written(cli, db, tmp_path, monkeypatch, written):
    """(crash hunt) Ctrl-C of `export --output out.html` said only "the database was not changed
    (what went to standard output or a pipe may be cut short)", whether out.html was written or not."""
    from claims_cli import output

    cli("add", "A first claim", "--source", "MoD", "--on", "2025-12-01", ok=True)
    real = output.fsync_directory

    def interrupted(*args, **kwargs):
        if written:
            real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "fsync_directory" if written else "_remove_dead_temporaries", interrupted)
    target = tmp_path / "out.html"
    result = cli("export", "--format", "html", "--output", target)
    assert result.exit_code == 130 and target.exists() == written
    said = "was written whole" if written else "was not written"
    assert result.stderr == f"Error: interrupted; {target} {said}, and the database was not changed\n", result.stderr


@pytest.mark.parametrize("args", [["list"], ["export", "--format", "csv"], ["doctor"], ["sources", "list"]])
def test_a_ctrl_c_is_held_back_while_orjson_sets_itself_up(tmp_path, args):
    """(crash hunt) Ctrl-C in the first tenth of a second could land inside orjson's module set-up:
    a segmentation fault (exit 139, nothing said), or a KeyboardInterrupt 'ignored' with a traceback
    and the import run to its end. SIGINT is held back while it loads."""
    import subprocess
    import sys

    probe = tmp_path / "probe.txt"
    hook = (
        "import sys, signal, importlib.abc\n"
        "class Probe(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'orjson':\n"
        f"            open({str(probe)!r}, 'a').write(str(signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])) + '\\n')\n"
        "        return None\n"
        "sys.meta_path.insert(0, Probe())\n"
        "from claims_cli.__main__ import main\n"
        "main()\n")
    result = subprocess.run([sys.executable, "-c", hook, "--db", str(tmp_path / "x.json"), *args],
                            capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent, timeout=60)
    assert result.returncode == 0, result.stderr
    assert probe.read_text().splitlines() == ["True"], probe.read_text()


def test_130_an_export_interrupted_before_it_writes_says_its_output_was_not_written(cli, db, tmp_path, monkeypatch):
    """(review) Interrupted while the claims were read (most of a large export), the message spoke
    of standard output, not of out.html."""
    from claims_cli import storage

    cli("add", "A first claim", "--source", "MoD", "--on", "2025-12-01", ok=True)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(storage, "_load", interrupted)
    target = tmp_path / "out.html"
    for command in (["export", "--format", "html"], ["report", "--format", "html"]):
        result = cli(*command, "--output", target)
        assert result.exit_code == 130 and not target.exists()
        assert result.stderr == f"Error: interrupted; {target} was not written, and the database was not changed\n", \
            result.stderr


@pytest.mark.parametrize("raised, said, code", [
    (KeyboardInterrupt, "Error: interrupted", 130),
    (MemoryError, "Error: claims ran out of memory; the database was not changed", None)])
def test_an_interrupt_or_no_memory_as_storage_loads_is_said(cli, db, monkeypatch, raised, said, code):
    """(review) Where SIGINT cannot be held back (no pthread_sigmask), a Ctrl-C as storage loaded
    ended in an UnboundLocalError traceback and exit 1 (the handler read storage's count); the
    MemoryError handler beside it read it too."""
    from contextlib import contextmanager

    from claims_cli import output

    @contextmanager
    def failing():
        raise raised
        yield

    monkeypatch.setattr(output, "interrupts_held", failing)
    result = cli("list")
    assert result.stderr.startswith(said), result.stderr
    assert result.exit_code == code if code else result.exit_code not in (0, 1), result.exit_code


def _killed_at(signal_name: str, moment: str, db: Path, *args: str, preexec_fn=None):
    """A real `claims` process that sends itself `signal_name` at `moment`: "saved" just after the
    database file is replaced, "writing" while its new version is written (before the replace),
    as `timeout`, systemd, `docker stop` or a closed terminal would. -> CompletedProcess."""
    import subprocess
    import sys

    code = ("import os, signal, sys\n"
            f"db, moment, number = {str(db)!r}, {moment!r}, signal.{signal_name}\n"
            "real_replace, real_fsync = os.replace, os.fsync\n"
            "def replace(source, target, *a, **k):\n"
            "    real_replace(source, target, *a, **k)\n"
            "    if moment == 'saved' and str(target) == db: os.kill(os.getpid(), number)\n"
            "def fsync(fd):\n"
            "    real_fsync(fd)\n"
            "    if moment == 'writing' and os.readlink(f'/proc/self/fd/{fd}').endswith('.tmp'):\n"
            "        os.kill(os.getpid(), number)\n"
            "os.replace, os.fsync = replace, fsync\n"
            f"sys.argv = ['claims', *{list(args)!r}]\n"
            "from claims_cli.__main__ import main\n"
            "main()\n")
    env = {**os.environ, "CLAIMS_DB": str(db)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
                          preexec_fn=preexec_fn)


@pytest.mark.parametrize("signal_name, code", [("SIGTERM", 143), ("SIGHUP", 129)])
def test_143_and_129_a_termination_once_saved_is_said_as_a_ctrl_c_is(cli, db, signal_name, code):
    """(unattended-use hunt) `timeout 60 claims add ...` killed just after the claim was saved
    exited 143 saying nothing, the claim recorded: a retry was "already recorded as C-0002"."""
    cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01", ok=True)
    done = _killed_at(signal_name, "saved", db, "add", "Another claim", "--source", "MoD", "--on", "2025-12-01")
    assert done.returncode == code, done.stderr
    assert done.stdout == "C-0002\n"
    assert done.stderr.endswith("Error: interrupted after the change was saved to the database\n"), done.stderr
    assert "Another claim" in cli("show", "C-0002", ok=True).stdout


@pytest.mark.parametrize("signal_name, code", [("SIGTERM", 143), ("SIGHUP", 129)])
def test_143_and_129_a_termination_while_the_database_is_written_leaves_it_and_no_temporary(
        cli, db, tmp_path, signal_name, code):
    """(unattended-use hunt) Killed while an import wrote, its `.DB.PID.tmp` (12 MB) was left behind."""
    cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01", ok=True)
    before = db.read_bytes()
    rows = tmp_path / "rows.csv"
    rows.write_text("text,source,claimed_on\n" + "".join(f"Claim {n},ISW,2025-11-02\n" for n in range(50)))
    done = _killed_at(signal_name, "writing", db, "import", str(rows))
    assert done.returncode == code, done.stderr
    assert done.stderr == ("Error: interrupted; the database was not changed (what went to standard output or a "
                           "pipe may be cut short)\n")
    assert db.read_bytes() == before
    assert sorted(path.name for path in db.parent.iterdir() if path.name.startswith(".")) == []
    cli("add", "A third claim", "--source", "MoD", "--on", "2025-12-01", ok=True)  # (the lock was released)


def test_a_hangup_ignored_from_the_start_stays_ignored(cli, db):
    """`nohup claims import ...`: a SIGHUP the process was started ignoring is not made an interruption."""
    import signal

    done = _killed_at("SIGHUP", "saved", db, "add", "A claim", "--source", "MoD", "--on", "2025-12-01",
                      preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "C-0001\n"


@pytest.mark.parametrize("stdout", ["/dev/full", "closed"])
@pytest.mark.parametrize("command, saved, said", [
    (("list", "--format", "json"), False, None),
    (("add", "New", "--source", "ISW", "--on", "2025-12-01"), True, "Recorded C-0002 (unverified)"),
    (("confirm", "C-0001", "--by", "ISW"), True, "; recorded as E1"),
    (("edit", "C-0001", "--note", "seen", "-f", "json"), True, "Edited C-0001"),
    (("import", "-", "--format", "jsonl", "--summary", "json"), True,
     "Imported standard input: 1 added, 0 updated, 0 skipped as duplicates, 0 invalid."),
    # (session 41's note: `claims --help >&-` exited 0, its help written nowhere)
    (("--help",), False, None),
    (("sources", "add", "-h"), False, None),
])
def test_74_an_output_that_cannot_be_written(cli, db, stdout, command, saved, said):
    """(unattended-use hunt) `claims add ... >/dev/full` (or `>&-`) saved the claim and exited 1,
    which README gives a user error that leaves the database as it was: a script retrying on it
    was told "already recorded". An output failure is 74 (sysexits' EX_IOERR), a read's as a
    write's; and `import --summary json` still says its summary line on stderr."""
    import subprocess
    import sys

    if stdout == "/dev/full" and not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01", ok=True)
    record = b'{"text": "Another", "source": "ISW", "claimed_on": "2025-12-01"}\n'
    env = {**os.environ, "CLAIMS_DB": str(db)}
    with open("/dev/full" if stdout == "/dev/full" else os.devnull, "wb") as target:
        done = subprocess.run([sys.executable, "-m", "claims_cli", *command], stdout=target,
                              stderr=subprocess.PIPE, input=record, env=env, timeout=60,
                              preexec_fn=(lambda: os.close(1)) if stdout == "closed" else None)
    message = done.stderr.decode()
    assert done.returncode == 74, message
    assert "Error: cannot write to standard output: " in message
    assert ("The change the command made to the database was saved before its output failed." in message) is saved
    assert said is None or said in message, message


@pytest.fixture
def no_home(monkeypatch):
    """No HOME and no passwd entry (a container run with --user UID and a stripped environment)."""
    import pwd

    def no_entry(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    for name in ("HOME", "CLAIMS_DB", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)


@pytest.mark.parametrize("args, said, hint", [
    (("list",), "Error: no home directory to keep the default database in", "Give --db PATH or set CLAIMS_DB."),
    (("--db", "~/x.json", "list"), "Error: no home directory for ~",
     "Give the path without ~, or with the home directory written out."),
])
def test_1_no_home_directory(cli, no_home, args, said, hint):
    """(unattended-use hunt) With no HOME and no passwd entry, `claims list` was an internal error
    (70, platformdirs' RuntimeError), and `--db ~/x.json` said "cannot find the home directory of
    ~: no such user"."""
    result = cli(*args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{said}\n{hint}\n", result.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0 or not Path("/usr/bin/setpriv").exists(),
                    reason="needs root and setpriv to run as a user with no passwd entry")
def test_1_no_home_directory_in_a_stripped_container_environment(tmp_path):
    import subprocess
    import sys

    as_nobody = ["/usr/bin/setpriv", "--reuid", "54321", "--regid", "54321", "--clear-groups", sys.executable]
    checkout = Path(__file__).resolve().parent.parent
    # (a checkout in a directory only its owner may enter, as `mktemp -d` makes: that user cannot
    # import claims at all; the in-process test above says the same of the code)
    if subprocess.run([*as_nobody, "-c", "import claims_cli"], env={"PATH": "/usr/bin:/bin"}, capture_output=True,
                      timeout=60, cwd=checkout).returncode != 0:
        pytest.skip("this checkout is not readable by another user")
    done = subprocess.run([*as_nobody, "-m", "claims_cli", "list"], env={"PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=60, cwd=checkout)
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    assert done.stderr == "Error: no home directory to keep the default database in\nGive --db PATH or set CLAIMS_DB.\n"


START_OUT_OF_MEMORY = """
import builtins, errno, sys
real_import = builtins.__import__
def short_of_memory(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 1 and name == "cli":  # (the CLI's modules, as a `ulimit -v` of about 20 MB refused them)
        raise %s
    return real_import(name, globals, locals, fromlist, level)
builtins.__import__ = short_of_memory
sys.argv = ["claims", "list"]
from claims_cli.__main__ import main
main()
"""


@pytest.mark.parametrize("failure", [
    "MemoryError",
    # (review: the same limit failed so too, as a module's shared object or a buffer found no room)
    "ImportError('libfoo.so: failed to map segment from shared object')",
    "OSError(errno.ENOMEM, 'Cannot allocate memory')"])
def test_71_out_of_memory_as_the_program_starts(db, failure):
    """(new-user walk) Under `ulimit -v` of 15-22 MB, the CLI's own modules found no memory as the
    program started: a Python traceback, exit 1, where README's table says 71 and plainly."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", START_OUT_OF_MEMORY % failure], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "CLAIMS_DB": str(db)})
    assert (done.returncode, done.stdout) == (71, ""), done.stderr
    assert done.stderr.splitlines()[0] == "Error: claims ran out of memory; the database was not changed", done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) <= 2


def test_a_shared_object_the_loader_may_not_map_is_no_memory_to_raise():
    """(review) "failed to map segment from shared object: Operation not permitted" (a noexec mount, a
    security policy) was said as out of memory, with `ulimit -v` as the way out."""
    from claims_cli.errors import no_memory_for

    assert no_memory_for(ImportError("libx.so: failed to map segment from shared object"))
    assert no_memory_for(ImportError("libx.so: failed to map segment from shared object: Cannot allocate memory"))
    assert not no_memory_for(ImportError("libx.so: failed to map segment from shared object: Operation not permitted"))
    assert not no_memory_for(ImportError("libx.so: failed to map segment from shared object: Permission denied"))
    assert not no_memory_for(ImportError("No module named 'x'")) and no_memory_for(MemoryError())


def test_an_interruption_on_a_terminal_is_said_on_a_line_of_its_own(monkeypatch):
    """(terminal hunt) Ctrl-C at delete's question, or as a listing wrote to the terminal, said
    "[y/N]: ^CError: interrupted; ..." and '"lat": nu^CError: ...': glued to the line the ^C cut."""
    import io
    import sys

    from claims_cli import cli, context

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, first in ((Terminal(), "\n"), (io.StringIO(), "E")):  # (a file or pipe: no blank line)
        monkeypatch.setattr(sys, "stderr", stream)
        monkeypatch.setattr(context, "notify", lambda kind, message, hint=None: stream.write(f"Error: {message}\n"))
        cli._say_interrupted()
        assert stream.getvalue()[:1] == first and "Error: interrupted" in stream.getvalue(), stream.getvalue()


@pytest.mark.skipif(not os.path.exists("/dev/full") or not os.path.exists("/dev/stdout"), reason="needs /dev/full")
def test_74_output_to_dev_stdout_on_a_full_disk(db):
    """(review) `export --output /dev/stdout >/dev/full` exited 1 ("cannot write /dev/stdout"),
    where `--output -` exits 74: one failure, two codes for a script."""
    import subprocess
    import sys

    env = {**os.environ, "CLAIMS_DB": str(db)}
    subprocess.run([sys.executable, "-m", "claims_cli", "add", "Russian forces took Kucherivka", "--source", "ISW",
                    "--on", "2025-12-07"], env=env, capture_output=True, check=True, timeout=60)
    for output in ("-", "/dev/stdout"):
        with open("/dev/full", "wb") as full:
            done = subprocess.run([sys.executable, "-m", "claims_cli", "export", "--format", "csv", "--output", output],
                                  stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=60)
        assert done.returncode == 74, (output, done.stderr)
        assert done.stderr.startswith("Error: cannot write to standard output: No space left on device"), done.stderr
