"""The writers' lock (storage.FlockLock): the same flock filelock takes, without importing it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from filelock import FileLock, Timeout

from claims_cli.storage import FlockLock, LockTimeout, lock_is_held


@pytest.fixture
def lock_path(tmp_path):
    return tmp_path / "claims.json.lock"


def test_it_and_filelock_exclude_each_other(lock_path):
    ours = FlockLock(lock_path, 0)
    ours.acquire()
    with pytest.raises(Timeout):
        FileLock(str(lock_path), timeout=0).acquire()
    ours.release()
    theirs = FileLock(str(lock_path), timeout=0)
    theirs.acquire()
    with pytest.raises(LockTimeout):
        FlockLock(lock_path, 0).acquire()
    theirs.release()
    again = FlockLock(lock_path, 0)
    again.acquire()
    again.release()


def test_a_writer_waits_for_the_lock_then_gets_it(lock_path):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from claims_cli.storage import FlockLock\n"
        "lock = FlockLock(__import__('pathlib').Path(sys.argv[1]), 0); lock.acquire()\n"
        "print('held', flush=True); time.sleep(0.6)\n"), str(lock_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert lock_is_held(lock_path.with_name("claims.json"))
        with pytest.raises(LockTimeout):
            FlockLock(lock_path, 0.1).acquire()
        started = time.monotonic()
        waiting = FlockLock(lock_path, 10)
        waiting.acquire()  # the holder exits after 0.6 s and its lock goes with it
        assert time.monotonic() - started < 10
        waiting.release()
    finally:
        holder.wait(timeout=10)
    assert not lock_is_held(lock_path.with_name("claims.json"))


def test_after_the_lock_file_is_deleted_writers_lock_the_new_one(lock_path):
    # As with filelock, deleting the lock file under a running writer lets one more writer in (the
    # first then finds its lock gone and writes nothing: test_a_writer_whose_lock_file_was_deleted_
    # under_it_writes_nothing); after that, the new file excludes writers as before.
    first = FlockLock(lock_path, 0)
    first.acquire()
    os.unlink(lock_path)
    second = FlockLock(lock_path, 0)
    second.acquire()
    third = FlockLock(lock_path, 0)
    with pytest.raises(LockTimeout):
        third.acquire()
    second.release()
    first.release()


@pytest.mark.parametrize("command", [["add", "x", "--source", "Nobody", "--on", "2025-12-01"],
                                     ["confirm", "C-0001", "--by", "ISW"],
                                     ["sources", "add", "X", "--side", "nowhere"]])
def test_a_refused_change_to_a_missing_database_leaves_no_lock_file(cli, tmp_path, command):
    """(a mistyped --db, then a bad value: the lock file stayed behind as the only trace)"""
    folder = tmp_path / "desk"
    folder.mkdir()
    cli("--db", folder / "claims.json", *command, ok=False)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", [["add", "x", "--source", "Nobody", "--on", "2025-12-01"],
                                     ["confirm", "C-0001", "--by", "ISW"]])
def test_a_refused_change_to_a_database_in_missing_directories_leaves_no_directory(cli, tmp_path, command):
    """(a mistyped --db path: `desk/2025/` stayed behind, created for the lock file)"""
    cli("--db", tmp_path / "desk" / "2025" / "claims.json", *command, ok=False)
    assert list(tmp_path.iterdir()) == []


def test_a_refused_change_leaves_directories_that_were_there(cli, tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    cli("--db", folder / "2025" / "claims.json", "add", "x", "--source", "Nobody", "--on", "2025-12-01", ok=False)
    assert list(tmp_path.iterdir()) == [folder] and list(folder.iterdir()) == []


def test_a_change_to_a_database_in_missing_directories_creates_them(cli, tmp_path):
    database = tmp_path / "desk" / "2025" / "claims.json"
    cli("--db", database, "add", "Kupiansk is encircled", "--source", "Russian MoD", "--on", "2025-12-01")
    assert database.exists()


def test_a_first_change_whose_new_directories_another_writer_removed_makes_them_again(cli, tmp_path, monkeypatch):
    """(fault injection) Writers' first changes into missing directories at once: one found the
    directories made by another, which was then refused and removed them (after its lock), and it
    failed "cannot create the directory ...: it is not a directory", its claim not recorded. The
    interleaving, played here: every mkdir finds the directory made by the other writer, which
    removes them all just after this writer's last mkdir."""
    desk, database = tmp_path / "desk", tmp_path / "desk" / "2025" / "claims.json"
    real_mkdir, raced = os.mkdir, []

    def mkdir_against_a_refused_writer(path, *args, **kwargs):
        if raced:
            return real_mkdir(path, *args, **kwargs)
        if not os.path.isdir(path):
            real_mkdir(path)  # (the other writer's)
        if os.fspath(path) == os.fspath(database.parent):
            raced.append(path)
            os.rmdir(database.parent)  # (the other writer's `finally`, deepest first)
            os.rmdir(desk)
        raise FileExistsError(17, "File exists", os.fspath(path))

    monkeypatch.setattr(os, "mkdir", mkdir_against_a_refused_writer)
    cli("--db", database, "add", "Kupiansk is encircled", "--source", "ISW", "--on", "2025-12-01", ok=True)
    assert raced and database.exists()
    assert len(cli("--db", database, "list", "--format", "json", ok=True).json()) == 1


def test_a_writer_whose_lock_directory_went_away_creates_it_again(tmp_path):
    # A refused first change removes the directories it created while another writer waits on
    # the lock file it unlinked: that writer locks a new file in a new directory.
    lock_path = tmp_path / "desk" / "claims.json.lock"
    lock = FlockLock(lock_path, 0)
    lock.acquire()
    assert lock_path.exists()
    lock.release()


def test_a_refused_change_leaves_a_directory_named_through_dotdot(cli, tmp_path):
    """(review) `desk/new/../kept/claims.json`: the walk took `kept`, which was there, for one it
    made, and removed it; `new`, which it made, stayed."""
    kept = tmp_path / "desk" / "kept"
    kept.mkdir(parents=True)
    database = tmp_path / "desk" / "new" / ".." / "kept" / "claims.json"
    cli("--db", str(database), "add", "x", "--source", "Nobody", "--on", "2025-12-01", ok=False)
    assert kept.is_dir() and sorted(path.name for path in (tmp_path / "desk").iterdir()) == ["kept"]


def test_a_dangling_link_in_the_database_path_is_named(cli, tmp_path):
    """(review 23) It said "cannot create the directory ...: File exists"."""
    (tmp_path / "desk").symlink_to(tmp_path / "gone")
    result = cli("--db", tmp_path / "desk" / "claims.json", "add", "x", "--source", "ISW", "--on", "2025-12-01",
                 ok=False)
    assert result.exit_code == 1
    assert f"{tmp_path / 'desk'} is a symbolic link to {tmp_path / 'gone'}, which does not exist" in result.stderr
    assert not (tmp_path / "gone").exists()


def test_a_writer_whose_lock_file_was_deleted_under_it_writes_nothing(cli, tmp_path, monkeypatch):
    """(crash-safety hunt) A writer stuck with the lock, its lock file deleted, a second writer
    locking the new file and adding C-0002: the first then wrote what it had read before, losing
    that claim and handing its ID out again. It now finds its lock gone and writes nothing (75)."""
    from claims_cli import ledger
    from claims_cli.store import ClaimStore

    db = tmp_path / "desk.json"
    monkeypatch.setenv("CLAIMS_DB", str(db))
    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    stuck = ClaimStore(db)
    real_add = ledger.add_claim
    with pytest.raises(Exception) as refused:
        with stuck.transaction():
            real_add(stuck, {"text": "The stuck writer's claim", "source": "ISW", "claimed_on": "2025-12-01"},
                     "stuck")
            os.unlink(str(db) + ".lock")  # someone deletes the lock file of the stuck writer...
            cli("add", "The second writer's claim", "--source", "ISW", "--on", "2025-12-01", ok=True)  # ...and one
    assert "lock" in str(refused.value) and getattr(refused.value, "exit_code", None) == 75
    claims = cli("list", "--format", "json", ok=True).json()
    assert sorted(claim["text"] for claim in claims) == ["First claim", "The second writer's claim"]


def test_a_lock_file_this_user_may_not_write_is_locked_read_only(lock_path, monkeypatch):
    """(crash-safety hunt) In a desk's shared directory NAME.lock belongs to whoever wrote first; the
    others could not open it for writing and could not write at all. flock needs no write access."""
    lock_path.write_bytes(b"")
    real_open = os.open

    def as_another_user(path, flags, *args):
        if str(path) == str(lock_path) and flags & (os.O_RDWR | os.O_WRONLY):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", as_another_user)
    first = FlockLock(lock_path, 0)
    first.acquire()
    second = FlockLock(lock_path, 0)
    with pytest.raises(LockTimeout):
        second.acquire()
    first.release()
    second.acquire()
    second.release()


def test_a_refused_first_change_removes_only_its_own_lock_file(tmp_path):
    """(review) A first change refused for a database that does not exist removes its lock file:
    if that file was deleted and another writer holds a new one, the new one stays (it removed it,
    and that writer's write was then refused as unlocked)."""
    from claims_cli.errors import InvalidValue
    from claims_cli.store import ClaimStore

    db = tmp_path / "fresh.json"
    store = ClaimStore(db)
    other = FlockLock(tmp_path / "fresh.json.lock", 0)
    with pytest.raises(InvalidValue):
        with store.transaction():
            os.unlink(tmp_path / "fresh.json.lock")
            other.acquire()  # a second writer, on a new lock file
            raise InvalidValue("refused")
    assert other.held()
    other.release()


def test_a_lock_file_that_cannot_be_made_says_permission_denied(lock_path, monkeypatch):
    """(review) the read-only fallback made "Permission denied" read "No such file or directory"."""
    real_open = os.open

    def not_allowed(path, flags, *args):
        if str(path) == str(lock_path):
            if flags & os.O_CREAT:
                raise PermissionError(13, "Permission denied", str(path))
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", not_allowed)
    with pytest.raises(PermissionError):
        FlockLock(lock_path, 0).acquire()


def test_holding_back_interrupts_leaves_the_signal_mask_as_it_was():
    """(review) a process started with SIGINT blocked had it unblocked by a write."""
    import signal

    from claims_cli.output import interrupts_held

    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        with interrupts_held():
            pass
        assert signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set())
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
    with interrupts_held():
        assert signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set())
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())


def test_a_lock_path_that_is_a_directory_is_named_and_doctor_says_so(cli, db):
    """(crash hunt) With NAME.lock a directory, every write said "cannot lock database NAME: Is a
    directory", of the database, and doctor called all healthy: the lock file is named, with how
    to mend it, and doctor names it too."""
    import shlex

    cli("add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-01", ok=True)
    lock = db.with_name(db.name + ".lock")
    lock.unlink()
    lock.mkdir()
    before = db.read_bytes()
    result = cli("add", "Russian forces took Yampil", "--source", "Russian MoD", "--on", "2025-12-01")
    assert result.exit_code == 1 and db.read_bytes() == before
    assert result.stderr.splitlines() == [
        f"Error: cannot lock database {db}: its lock file {lock} is a directory",
        f"Remove it (rmdir {shlex.quote(str(lock))} if it is empty); the next change makes the lock file again."], \
        result.stderr
    checked = cli("doctor")
    assert checked.exit_code != 0 and f"{lock} is a directory" in checked.stdout + checked.stderr, checked
    report = cli("doctor", "--format", "json").json()
    assert report["ok"] is False


def test_a_lock_path_doctor_names_is_one_no_writer_can_lock(cli, db, tmp_path):
    """(review) A FIFO at NAME.lock locks as well as a file (writes go on) but doctor called it
    unwritable; a link to a directory was missed (the old "Is a directory" of the database); a
    socket was told to `rmdir`; a damaged database with a lock directory counted one problem."""
    import shlex
    import socket

    cli("add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-01", ok=True)
    lock = db.with_name(db.name + ".lock")
    lock.unlink()
    os.mkfifo(lock)
    cli("add", "Russian forces took Yampil", "--source", "Russian MoD", "--on", "2025-12-01", ok=True)
    assert cli("doctor").exit_code == 0
    lock.unlink()
    (tmp_path / "elsewhere").mkdir()
    lock.symlink_to(tmp_path / "elsewhere")
    result = cli("add", "Russian forces took Siversk", "--source", "Russian MoD", "--on", "2025-12-01")
    assert result.stderr.splitlines() == [
        f"Error: cannot lock database {db}: its lock file {lock} is a directory",
        f"Remove it (rm {shlex.quote(str(lock))}: a link); the next change makes the lock file again."], result.stderr
    assert cli("doctor").exit_code == 1
    lock.unlink()
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(lock))
        result = cli("add", "Russian forces took Siversk", "--source", "Russian MoD", "--on", "2025-12-01")
        assert result.stderr.splitlines()[1] == \
            f"Remove it (rm {shlex.quote(str(lock))}); the next change makes the lock file again.", result.stderr
    finally:
        server.close()
    lock.unlink()
    lock.mkdir()
    db.write_text(db.read_text().replace('"text":', '"txt":', 1))  # (a damaged record too)
    found = cli("doctor", "--format", "json").json()["database"]
    result = cli("doctor")
    damage = len(found["problems"]) + found["more_problems"]
    assert damage and result.exit_code == 1, result.stderr
    assert f"Error: database {db} has {damage + 1} problems" in result.stderr, result.stderr  # (the lock's too)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_lock_file_a_writer_makes_can_be_read_by_whoever_can_read_the_database(cli, tmp_path):
    """A shared desk (a group-writable database): one analyst with umask 077 made NAME.lock
    mode 0600, and every other analyst's writes failed for good ('Permission denied')."""
    db = tmp_path / "desk.json"
    cli("--db", db, "add", "Fighting near Siversk", "--source", "Ukraine", "--on", "2025-12-01", ok=True)
    (tmp_path / "desk.json.lock").unlink()
    os.chmod(db, 0o664)
    old = os.umask(0o077)
    try:
        cli("--db", db, "add", "Strike on Odesa port", "--source", "Ukraine", "--on", "2025-12-01", ok=True)
    finally:
        os.umask(old)
    assert os.stat(tmp_path / "desk.json.lock").st_mode & 0o777 == 0o664
    assert os.stat(db).st_mode & 0o777 == 0o664


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_lock_file_this_user_cannot_read_is_named_and_doctor_says_so(cli, tmp_path, monkeypatch):
    """(crash-safety hunt) A desk made under umask 077, its database opened up later with
    `chmod 644`: NAME.lock stayed 0600, every other analyst's write said only "cannot lock
    database desk.json: Permission denied", and doctor told them the database was healthy. The
    lock file is named, with how to mend it, and doctor names it too. (This process runs as
    root in CI, which may open anything: another user's refusal is played here.)"""
    import shlex

    from claims_cli import storage

    db = tmp_path / "desk.json"
    cli("--db", db, "add", "Fighting near Siversk", "--source", "Ukraine", "--on", "2025-12-01", ok=True)
    lock = tmp_path / "desk.json.lock"
    real_access = os.access

    def refused(path, mode, *args, **kwargs):
        return False if str(path) == str(lock) else real_access(path, mode, *args, **kwargs)

    def cannot_open(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "access", refused)
    monkeypatch.setattr(storage, "_open_lock_file", cannot_open)
    os.chmod(lock, 0o600)
    before = db.read_bytes()
    result = cli("--db", db, "add", "Strike on Odesa port", "--source", "Ukraine", "--on", "2025-12-01")
    quoted = shlex.quote(str(lock))
    assert result.exit_code == 1 and db.read_bytes() == before
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"Error: cannot lock database {db}: its lock file {lock} cannot be read by this user "
                               "(mode 0600, owned by "), lines
    assert lines[1] == (f"Remove it (rm {quoted}: the next change makes the lock file again), or have its owner "
                        f"make it readable (chmod a+r {quoted})."), lines
    checked = cli("--db", db, "doctor")
    assert checked.exit_code == 1 and f"{lock} cannot be read by this user" in checked.stdout + checked.stderr, checked



@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_doctor_of_a_reader_who_may_not_write_there_names_no_lock_file(cli, tmp_path, monkeypatch):
    """(review) A viewer (or a monitoring job) who may not write the database's directory was told
    "no change can be written: its lock file ... cannot be read", exit 1, and to `rm` it, which it
    may not: the directory is what stops its writes, as `add` says, not the lock file."""
    db = tmp_path / "desk.json"
    cli("--db", db, "add", "Fighting near Siversk", "--source", "Ukraine", "--on", "2025-12-01", ok=True)
    lock = tmp_path / "desk.json.lock"
    real_access = os.access

    def reader(path, mode, *args, **kwargs):
        if str(path) == str(lock) or (str(path) == str(tmp_path) and mode & os.W_OK):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", reader)
    checked = cli("--db", db, "doctor")
    assert checked.exit_code == 0 and "lock file" not in checked.stdout + checked.stderr, checked


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_write_leaves_the_permissions_of_a_file_its_lock_path_links_to(cli, tmp_path):
    """(review) NAME.lock a link (to a shared lock file, or to /dev/null): each write gave the file
    it points to the database's permissions (as root, /dev/null 0644). Only a lock file itself is
    shared as the database is."""
    db = tmp_path / "desk.json"
    cli("--db", db, "add", "Fighting near Siversk", "--source", "Ukraine", "--on", "2025-12-01", ok=True)
    lock = tmp_path / "desk.json.lock"
    lock.unlink()
    shared = tmp_path / "shared.lock"
    shared.touch()
    os.chmod(shared, 0o600)
    lock.symlink_to(shared)
    os.chmod(db, 0o644)
    cli("--db", db, "add", "Strike on Odesa port", "--source", "Ukraine", "--on", "2025-12-01", ok=True)
    assert os.stat(shared).st_mode & 0o777 == 0o600

@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="POSIX modes; root opens any file")
def test_a_lock_file_no_one_may_read_is_named_as_it_is(cli, tmp_path):
    """The same, for real: a lock file of mode 0000 (root, as in CI, would open it anyway)."""
    db = tmp_path / "desk.json"
    cli("--db", db, "add", "Fighting near Siversk", "--source", "Ukraine", "--on", "2025-12-01", ok=True)
    lock = tmp_path / "desk.json.lock"
    os.chmod(lock, 0)
    result = cli("--db", db, "add", "Strike on Odesa port", "--source", "Ukraine", "--on", "2025-12-01")
    assert result.exit_code == 1 and f"its lock file {lock} cannot be read by this user" in result.stderr, \
        result.stderr
    assert cli("--db", db, "doctor").exit_code == 1


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_write_gives_its_lock_file_the_permissions_the_database_has_now(cli, tmp_path):
    """(crash-safety hunt) The lock file took the database's permissions only when it was made: a
    database opened up later (`chmod 644` after a start under umask 077) kept a lock file only its
    owner could open. Its owner's next change shares it as the database is."""
    db = tmp_path / "desk.json"
    old = os.umask(0o077)
    try:
        cli("--db", db, "add", "Fighting near Siversk", "--source", "Ukraine", "--on", "2025-12-01", ok=True)
    finally:
        os.umask(old)
    lock = tmp_path / "desk.json.lock"
    assert os.stat(lock).st_mode & 0o777 == 0o600
    os.chmod(db, 0o644)
    cli("--db", db, "add", "Strike on Odesa port", "--source", "Ukraine", "--on", "2025-12-01", ok=True)
    assert os.stat(lock).st_mode & 0o777 == 0o644
    assert os.stat(db).st_mode & 0o777 == 0o644


def test_init_of_a_database_there_needs_no_lock(cli, tmp_path, monkeypatch):
    """(crash hunt) `claims init && claims list` in a script failed (exit 75) while an import
    held the lock, and in a read-only directory: init had nothing to write."""
    db = tmp_path / "desk.json"
    cli("--db", db, "add", "Fighting near Siversk", "--source", "Ukraine", "--on", "2025-12-01", ok=True)
    before = db.read_bytes()
    monkeypatch.setenv("CLAIMS_LOCK_TIMEOUT", "0.2")
    with FileLock(str(tmp_path / "desk.json.lock")):
        done = cli("--db", db, "init", ok=True)
    assert done.stderr.splitlines() == [f"Using existing database {db} (1 claim, 8 sources)"], done.stderr
    assert db.read_bytes() == before
    with FileLock(str(tmp_path / "new.json.lock")):  # (a new one is made under the lock)
        assert cli("--db", tmp_path / "new.json", "init").exit_code == 75


@pytest.mark.parametrize("why", ["no-directory", "not-writable"])
def test_a_lock_file_that_is_a_dangling_link_is_named_and_doctor_says_so(cli, db, tmp_path, monkeypatch, why):
    """(hunt) NAME.lock a link to a file in a directory that is not there (or that this user may not
    write): every write said "cannot lock database NAME: No such file or directory" (or "Permission
    denied"), with no way out, and doctor called the database healthy, exit 0, "lock_problem": null.
    (os.stat follows the link: a dangling one read as no lock file at all.)"""
    import shlex

    cli("add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-01", ok=True)
    lock = db.with_name(db.name + ".lock")
    lock.unlink()
    if why == "no-directory":
        target = tmp_path / "nowhere" / "x.lock"
    else:
        (tmp_path / "closed").mkdir()
        target = tmp_path / "closed" / "x.lock"
        real_open, real_access = os.open, os.access

        def closed(path, *args, **kwargs):  # (root writes anywhere: another user's directory played here)
            if str(path) in (str(lock), str(target)) and os.path.islink(lock):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", closed)  # (harmless once the link is gone)
        monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: False if str(path) == str(target.parent)
                            else real_access(path, mode, *a, **k))
    lock.symlink_to(target)
    before = db.read_bytes()
    result = cli("add", "Russian forces took Yampil", "--source", "Russian MoD", "--on", "2025-12-01")
    lines = result.stderr.splitlines()
    assert result.exit_code == 1 and db.read_bytes() == before
    assert lines[0].startswith(f"Error: cannot lock database {db}: its lock file {lock} is a symbolic link to "
                               f"{target}, which "), lines
    assert lines[1] == f"Remove it (rm {shlex.quote(str(lock))}: a link); the next change makes the lock file again.", \
        lines
    checked = cli("doctor")
    assert checked.exit_code == 1 and f"{lock} is a symbolic link to {target}" in checked.stdout + checked.stderr, \
        checked
    report = cli("doctor", "--format", "json").json()
    assert report["ok"] is False and report["lock_problem"], report
    assert os.path.islink(lock) and not os.path.exists(target)
    lock.unlink()  # (the way out said)
    cli("add", "Russian forces took Yampil", "--source", "Russian MoD", "--on", "2025-12-01", ok=True)
