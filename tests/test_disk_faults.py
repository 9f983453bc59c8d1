"""A full disk, a read-only file system or directory, a failing fsync: a clear error, the old
database intact, no temporary file left behind.

Real faults where the machine allows them: a tiny tmpfs (full) or a read-only remount, each in a
private mount namespace (`unshare`) that disappears with the process, so nothing is mounted on the
host; a `chmod 555` directory when the tests do not run as root (root ignores it). Every stage of the
write also fails in-process (os.open, os.write, os.fsync, os.replace raising OSError), so the checks
run everywhere.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claims_cli.storage import AtomicJSONStorage

REPO = Path(__file__).resolve().parent.parent


def seed(cli, claims: int = 3) -> None:
    for number in range(claims):
        cli("add", f"Claim number {number} about a village far away", "--source", "MoD", "--on", "2025-12-01",
            "--place", f"Village {number}", "--note", "n" * 300, ok=True)


def leftovers(db: Path) -> list[str]:
    return [p.name for p in db.parent.iterdir() if p.name.startswith(f".{db.name}.") and p.name.endswith(".tmp")]


# ----------------------------------------------------------------- every stage of the write fails

STAGES = {
    "open": ("open", errno.EACCES, "Permission denied"),
    "write": ("write", errno.ENOSPC, "No space left on device"),
    "fsync": ("fsync", errno.EIO, "Input/output error"),
    "replace": ("replace", errno.EROFS, "Read-only file system"),
}


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_a_failing_write_stage_is_a_clear_error_and_the_old_database_stays(cli, db, monkeypatch, stage):
    seed(cli)
    before = db.read_bytes()
    backup = db.with_name(db.name + ".bak").read_bytes()
    name, code, text = STAGES[stage]
    real = getattr(os, name)

    def failing(*args, **kwargs):
        # Only the database's own temporary file (or its rename) fails; everything else works.
        target = str(args[0]) if name in ("open", "replace") else None
        if name in ("open", "replace") and f".{db.name}." not in target:
            return real(*args, **kwargs)
        raise OSError(code, text)

    monkeypatch.setattr(os, name, failing)
    result = cli("add", "Russian forces took Kucherivka", "--source", "MoD", "--on", "2025-12-07")
    monkeypatch.setattr(os, name, real)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: could not write database {db}: {text}")
    assert "Nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # no ID printed for a claim that was not recorded
    assert db.read_bytes() == before
    assert db.with_name(db.name + ".bak").read_bytes() == backup
    assert leftovers(db) == []
    # Once the fault is gone, the same command works.
    cli("add", "Russian forces took Kucherivka", "--source", "MoD", "--on", "2025-12-07", ok=True)


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_a_full_disk_says_what_moving_the_backup_frees(cli, db, monkeypatch, stage):
    """(messages hunt) On a full disk the database's NAME.bak, a whole copy, is often what fills it;
    the error said nothing of it. Only of a full disk, and only when there is one to move."""
    code = STAGES[stage][1]
    add = ("add", "Russian forces took Kucherivka", "--source", "MoD", "--on", "2025-12-07")
    with monkeypatch.context() as patch:
        fail_stage(patch, db, stage)
        first = cli(*add)  # (a new database: no NAME.bak yet)
    assert first.exit_code == 1 and ".bak" not in first.stderr, first.stderr
    seed(cli)
    size = db.with_name(db.name + ".bak").stat().st_size
    with monkeypatch.context() as patch:
        fail_stage(patch, db, stage)
        result = cli(*add)
    said = f"Moving {db}.bak (the version before the last change) to another disk frees {size:,} bytes."
    assert result.exit_code == 1 and (said in result.stderr) is (code == errno.ENOSPC), result.stderr
    assert len(result.stderr.splitlines()) == 2


def test_a_directory_that_cannot_be_created_is_a_clear_error(cli, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a directory is expected")
    result = cli("--db", str(blocker / "claims.json"), "add", "A claim", "--source", "MoD", "--on", "2025-12-01")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot create the directory for")
    assert blocker.read_text() == "a file where a directory is expected"


def test_a_read_only_directory_when_not_root(cli, db):
    seed(cli)
    before = db.read_bytes()
    os.chmod(db.parent, 0o555)
    try:
        probe = db.parent / "probe"
        try:
            probe.write_text("x")
        except PermissionError:
            pass
        else:
            probe.unlink()
            pytest.skip("running as root: chmod does not stop writes (the mount-namespace tests cover it)")
        result = cli("add", "Russian forces took Kucherivka", "--source", "MoD", "--on", "2025-12-07")
    finally:
        os.chmod(db.parent, 0o755)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


# --------------------------------------------------------------- a real full or read-only disk

def _namespace_available() -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return False
    try:
        probe = subprocess.run(["unshare", "--mount", "--map-root-user", "sh", "-c",
                                "mount -t tmpfs -o size=64k tmpfs /tmp 2>/dev/null"], timeout=30,
                               capture_output=True)
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


namespace = pytest.mark.skipif(not _namespace_available(),
                               reason="needs `unshare --mount --map-root-user` and tmpfs (Linux)")


def run_in_private_mount(tmp_path: Path, base: bytes, *, size: str, read_only: bool) -> dict:
    """Mount a small tmpfs in a private namespace, put the database there, run `claims add` on it,
    and copy out what is left (the namespace, and the mount, end with the shell)."""
    mount_point = tmp_path / "mnt"
    out = tmp_path / "out"
    mount_point.mkdir()
    out.mkdir()
    (out / "base.json").write_bytes(base)
    db = mount_point / "claims.json"
    script = f"""
        set -e
        mount -t tmpfs -o size={size} tmpfs {mount_point}
        cp {out / 'base.json'} {db}
        {"mount -o remount,ro " + str(mount_point) if read_only else "true"}
        set +e
        CLAIMS_DB={db} "{sys.executable}" -m claims_cli add "Russian forces took Kucherivka" \\
            --source MoD --on 2025-12-07 > {out / 'stdout'} 2> {out / 'stderr'}
        echo $? > {out / 'rc'}
        cp {db} {out / 'after.json'}
        ls -a {mount_point} > {out / 'listing'}
    """
    done = subprocess.run(["unshare", "--mount", "--map-root-user", "sh", "-c", script], cwd=REPO,
                          capture_output=True, timeout=120, env={**os.environ, "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    return {
        "rc": int((out / "rc").read_text()),
        "stdout": (out / "stdout").read_text(),
        "stderr": (out / "stderr").read_text(),
        "after": (out / "after.json").read_bytes(),
        "listing": (out / "listing").read_text().split(),
    }


@namespace
def test_a_full_disk_is_a_clear_error_and_the_old_database_stays(cli, db, tmp_path):
    seed(cli, claims=40)  # ~40 kB: fits on the 64 kB disk once, not twice
    base = db.read_bytes()
    assert 32_000 < len(base) < 60_000
    found = run_in_private_mount(tmp_path, base, size="64k", read_only=False)
    assert found["rc"] == 1
    assert found["stderr"].startswith("Error: could not write database ")
    assert "No space left on device" in found["stderr"]
    assert found["stdout"] == ""
    assert found["after"] == base
    assert [name for name in found["listing"] if name.endswith(".tmp")] == []


@namespace
def test_a_read_only_file_system_is_a_clear_error_and_the_old_database_stays(cli, db, tmp_path):
    seed(cli, claims=3)
    base = db.read_bytes()
    found = run_in_private_mount(tmp_path, base, size="1m", read_only=True)
    assert found["rc"] == 1
    assert found["stderr"].startswith("Error: ")
    assert "its file system is read-only" in found["stderr"]  # (said before the lock, as a dry run says it)
    assert "Traceback" not in found["stderr"]
    assert found["after"] == base


def test_the_storage_refuses_to_write_outside_a_transaction(db):
    storage = AtomicJSONStorage(db)
    with pytest.raises(RuntimeError):
        storage.write({})
    assert not db.exists()


# --------------------------------------------------------------- import and export --output

def fail_stage(monkeypatch, db: Path, stage: str) -> None:
    """Make one stage of the database write fail, as in the test above."""
    name, code, text = STAGES[stage]
    real = getattr(os, name)

    def failing(*args, **kwargs):
        if name in ("open", "replace") and f".{db.name}." not in str(args[0]):
            return real(*args, **kwargs)
        raise OSError(code, text)

    monkeypatch.setattr(os, name, failing)


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_a_failing_write_stage_during_import_is_a_clear_error_and_the_old_database_stays(cli, db, tmp_path,
                                                                                        monkeypatch, stage):
    seed(cli)
    before = db.read_bytes()
    path = tmp_path / "day.csv"
    path.write_text("text,source,claimed_on,place\n" +
                    "".join(f"Imported claim {n},Telegram,2025-12-02,Place {n}\n" for n in range(50)))
    with monkeypatch.context() as patch:
        fail_stage(patch, db, stage)
        result = cli("import", path)
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith(f"Error: could not write database {db}: {STAGES[stage][2]}")
    assert "Traceback" not in result.stderr and "Imported" not in result.stderr
    assert db.read_bytes() == before
    assert leftovers(db) == []
    cli("import", path, ok=True)  # once the fault is gone, the same import works
    assert len(cli("list", "--format", "json", ok=True).json()) == 53


class _FullDisk:
    """A file object whose writes fail as on a full disk (the descriptor is still closed)."""

    def __init__(self, fd: int):
        self.fd = fd

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.close(self.fd)

    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("stage", ["write", "fsync"])
@pytest.mark.parametrize("force", [False, True])
def test_a_full_disk_during_export_output_leaves_no_file_and_the_database_alone(cli, db, tmp_path, monkeypatch,
                                                                               stage, force):
    seed(cli)
    files = {path.name: path.read_bytes() for path in db.parent.iterdir() if path.is_file()}
    out = tmp_path / "exports"
    out.mkdir()
    target = out / "desk.json"
    if force:
        target.write_text("the previous export")
    with monkeypatch.context() as patch:
        if stage == "write":
            patch.setattr(os, "fdopen", lambda fd, *args, **kwargs: _FullDisk(fd))
        else:
            def full(fd):
                raise OSError(errno.ENOSPC, "No space left on device")
            patch.setattr(os, "fsync", full)
        result = cli("export", "--format", "json", "--output", target, *(["--force"] if force else []))
    assert result.exit_code == 74  # (an output not written for want of room: as standard output's)
    assert result.stderr.startswith(f"Error: cannot write {target}: No space left on device")
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == (["desk.json"] if force else [])
    if force:
        assert target.read_text() == "the previous export"
    assert {path.name: path.read_bytes() for path in db.parent.iterdir() if path.is_file()} == files
    cli("export", "--format", "json", "--output", target, "--force", ok=True)


# ----------------------------------------------------------------- memory runs out (crash hunt)

class _NoMemoryOrjson:
    """orjson whose loads fails as it does when it cannot allocate its buffer (ulimit -v): a
    JSONDecodeError saying so, not a MemoryError."""

    def __init__(self, real):
        self._real = real
        self.JSONDecodeError = real.JSONDecodeError

    def __getattr__(self, name):
        return getattr(self._real, name)

    def loads(self, data):
        raise self._real.JSONDecodeError("Not enough memory to allocate buffer for parsing", "", 0)


def test_memory_running_out_while_reading_is_not_called_a_damaged_database(cli, db, monkeypatch):
    """(crash hunt) Under `ulimit -v`, an import into a 100,000-claim database said "database ... is
    damaged: line 96260 holds a claim record that is not valid JSON (Not enough memory ...)" and
    sent the analyst to doctor and --relayout, for a healthy file: memory ran out, and it says so."""
    import orjson

    from claims_cli import storage

    seed(cli)
    before = db.read_bytes()
    monkeypatch.setattr(storage, "orjson", _NoMemoryOrjson(orjson))
    for args in (["list"], ["show", "C-0001"], ["add", "Russian forces took Rivne", "--source", "MoD", "--on",
                                                 "2025-12-01"]):
        result = cli(*args)
        assert result.exit_code == 71, (args, result.exit_code, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert lines[0] == "Error: claims ran out of memory; the database was not changed", (args, lines)
        assert len(lines) == 2 and "damaged" not in result.stderr and "doctor" not in result.stderr
    assert db.read_bytes() == before


def test_a_module_that_cannot_be_mapped_for_want_of_memory_is_not_called_a_bug(cli, db, monkeypatch):
    """(README check) Under a small `ulimit -v`, a module imported late failed to map its shared
    object: "internal error: ImportError: ... failed to map segment from shared object ... This is a
    bug in claims" (exit 70). Memory ran out, and it says so (71)."""
    from claims_cli import exporters

    seed(cli)

    def unmapped(*args, **kwargs):
        raise ImportError("/usr/lib/python3.11/lib-dynload/unicodedata.so: failed to map segment from shared object")

    monkeypatch.setattr(exporters, "export_pieces", unmapped)
    result = cli("export", "--format", "json")
    assert result.exit_code == 71, (result.exit_code, result.stderr)
    assert result.stderr.splitlines()[0] == "Error: claims ran out of memory; the database was not changed"


def test_memory_running_out_is_not_called_a_bug(cli, db, monkeypatch):
    """(crash hunt) `export -f json` under `ulimit -v` ended "internal error: MemoryError ... This is
    a bug in claims" (exit 70): a resource limit, said as one, with whether the change was saved."""
    from claims_cli import exporters

    seed(cli)
    before = db.read_bytes()

    def no_memory(*args, **kwargs):
        raise MemoryError()

    monkeypatch.setattr(exporters, "export_pieces", no_memory)
    result = cli("export", "--format", "json")
    assert result.exit_code == 71 and result.stdout == "", (result.exit_code, result.stderr)
    assert result.stderr.splitlines() == [
        "Error: claims ran out of memory; the database was not changed",
        "Close other programs or raise the memory limit (ulimit -v), then run the command again."]
    assert db.read_bytes() == before
    from claims_cli import context

    monkeypatch.setattr(context, "say_status", no_memory)  # (after its one write: the change is saved)
    result = cli("confirm", "C-0001", "--by", "ISW", "--on", "2025-12-02")
    assert result.exit_code == 71, (result.exit_code, result.stderr)
    assert result.stderr.splitlines()[0] == "Error: claims ran out of memory after the change to the database was saved"
    assert [item["source"] for item in cli("show", "C-0001", "--format", "json", ok=True).json()["evidence"]] == ["ISW"]
