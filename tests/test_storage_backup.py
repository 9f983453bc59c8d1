"""NAME.bak handling in the storage layer."""

import os
from pathlib import Path

import pytest


def test_a_write_when_the_backup_already_is_the_database_leaves_no_temporary(cli, db):
    # A writer killed between keeping the backup (a hard link) and renaming its new file into place
    # leaves NAME.bak and NAME as the same file. rename() between two links of one file does
    # nothing, so the next writer's backup link used to stay behind as .NAME.PID.bak.tmp.
    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    backup = db.with_name(db.name + ".bak")
    backup.unlink(missing_ok=True)
    os.link(db, backup)
    before = db.read_bytes()
    cli("add", "Second claim", "--source", "ISW", "--on", "2025-12-02", ok=True)
    leftovers = [p.name for p in db.parent.iterdir() if p.name.startswith(f".{db.name}.")]
    assert leftovers == []
    assert backup.read_bytes() == before  # the backup is the version before the last write
    assert not os.path.samefile(db, backup)


def test_a_database_reached_through_a_symbolic_link_is_written_where_the_link_points(cli, tmp_path):
    """Replacing the link by the new file split the database in two: the link became a file of
    its own, and everyone else using the real file never saw the write."""
    real = tmp_path / "shared" / "real.json"
    real.parent.mkdir()
    cli("--db", real, "add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    cli("--db", link, "add", "Second claim", "--source", "ISW", "--on", "2025-12-02", ok=True)
    cli("--db", link, "confirm", "C-0002", "--by", "AP", ok=True)
    assert link.is_symlink() and os.readlink(link) == str(real)
    texts = [claim["text"] for claim in cli("--db", real, "list", "--format", "json", ok=True).json()]
    assert sorted(texts) == ["First claim", "Second claim"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["link.json", "shared"]  # (lock, backup: there)
    assert (real.parent / "real.json.bak").exists()


def test_doctor_and_report_output_see_the_files_of_a_linked_database(cli, tmp_path):
    real = tmp_path / "shared" / "real.json"
    real.parent.mkdir()
    cli("--db", real, "add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    cli("--db", real, "add", "Second claim", "--source", "ISW", "--on", "2025-12-02", ok=True)  # (a .bak)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    report = cli("--db", link, "doctor", "--format", "json", ok=True).json()
    assert report["backup"]["exists"] is True
    refused = cli("--db", link, "report", "--format", "html", "--output", real.parent / "real.json.bak", "--force",
                  ok=False)
    assert "is the claims database (or its backup or lock)" in refused.stderr


def test_a_database_without_write_permission_is_never_written(cli, db):
    """(a desk keeps a closed year with `chmod a-w`; renaming a new file over it ignored that,
    for root and for the file's owner alike)"""
    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    db.chmod(0o444)
    before = db.read_bytes()
    try:
        refused = cli("add", "Second claim", "--source", "ISW", "--on", "2025-12-02", ok=False)
        assert refused.exit_code == 1
        assert f"cannot write database {db}: it is read-only" in refused.stderr
        assert db.read_bytes() == before and (db.stat().st_mode & 0o777) == 0o444
        assert cli("list", "--format", "json", ok=True).json()[0]["text"] == "First claim"  # (reads are fine)
    finally:
        db.chmod(0o644)


def test_a_dry_run_import_into_a_read_only_database_is_refused_as_the_import_is(cli, db, tmp_path):
    """(scripts hunt) --dry-run said the row would be added, and the import then failed: a script
    using the dry run as a gate was told wrong."""
    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    sheet = tmp_path / "one.csv"
    sheet.write_text("text,source,claimed_on\nA,Ukraine,2025-12-07\n", encoding="utf-8")
    db.chmod(0o444)
    try:
        for args in (["--dry-run"], []):
            refused = cli("import", sheet, *args, ok=False)
            assert refused.exit_code == 1 and "it is read-only" in refused.stderr, (args, refused.stderr)
        # (review) one that would write nothing passes either way, as a closed year's nightly feed does
        repeat = tmp_path / "repeat.csv"
        repeat.write_text("text,source,claimed_on\nFirst claim,ISW,2025-12-01\n", encoding="utf-8")
        for args in (["--dry-run"], []):
            assert "1 " in cli("import", repeat, *args, ok=True).stderr
    finally:
        db.chmod(0o644)


def test_the_chmod_hint_of_a_read_only_database_is_one_a_shell_takes_as_written(cli, tmp_path):
    """(store hunt) `chmod u+w /x/d x/my desk.json`, pasted, ran chmod on other files' names."""
    db = tmp_path / "d x" / "my desk.json"
    db.parent.mkdir()
    cli("--db", db, "add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    db.chmod(0o444)
    try:
        refused = cli("--db", db, "add", "Second claim", "--source", "ISW", "--on", "2025-12-02", ok=False)
        assert f"`chmod u+w '{db}'` allows changes again" in refused.stderr, refused.stderr
    finally:
        db.chmod(0o644)


def test_the_chmod_hint_of_a_database_named_as_an_option_names_it_as_a_file(cli, tmp_path, monkeypatch):
    """(review) `chmod u+w -ro.json`: chmod took the name for an invalid mode."""
    monkeypatch.chdir(tmp_path)
    cli("--db", "-ro.json", "add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    (tmp_path / "-ro.json").chmod(0o444)
    try:
        refused = cli("--db", "-ro.json", "add", "Second", "--source", "ISW", "--on", "2025-12-02", ok=False)
        assert "`chmod u+w ./-ro.json` allows changes again" in refused.stderr, refused.stderr
    finally:
        (tmp_path / "-ro.json").chmod(0o644)


def test_a_restore_onto_a_database_without_write_permission_leaves_nothing_beside_it(cli, db):
    """(review: the damaged file was first kept aside as NAME.damaged-TIME, then the write was
    refused; each retry added a copy)"""
    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    cli("add", "Second claim", "--source", "ISW", "--on", "2025-12-02", ok=True)
    db.write_bytes(db.read_bytes()[:40])  # damaged
    db.chmod(0o444)
    before = sorted(path.name for path in db.parent.iterdir())
    try:
        refused = cli("doctor", "--restore-backup", ok=False)
        assert "it is read-only" in refused.stderr
        assert sorted(path.name for path in db.parent.iterdir()) == before
    finally:
        db.chmod(0o644)


def test_a_database_another_user_may_replace_is_written(cli, db, monkeypatch):
    """Write permission on the file is asked of its mode bits only: in a shared, group-writable
    desk directory a 0644 file another analyst created is replaced by a rename, as before (review).
    (audit) Only the exit status was checked: now the second claim must be in the file."""
    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    real_access = os.access
    with monkeypatch.context() as patch:  # (undo() would undo conftest's isolation too)
        patch.setattr(os, "access", lambda path, mode, *a, **k: False if str(path) == str(db) and mode == os.W_OK
                      else real_access(path, mode, *a, **k))
        cli("add", "Second claim", "--source", "ISW", "--on", "2025-12-02", ok=True)
    listed = cli("list", "--sort", "id", "--format", "json", ok=True).json()
    assert [(claim["text"], claim["claimed_on"]) for claim in listed] == [
        ("First claim", "2025-12-01"), ("Second claim", "2025-12-02")], listed


def test_the_backup_is_copied_where_a_hard_link_is_refused(cli, db, monkeypatch):
    """(crash-safety hunt) Where a hard link is refused (fs.protected_hardlinks, a file of another
    user in a shared directory) NAME.bak silently stayed older than the change before the last:
    a restore would lose two changes. It is copied instead."""
    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    cli("add", "Second claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    before = db.read_bytes()

    def refused(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", refused)
    db.chmod(0o640)  # (a private database: its copy must not be readable by all, review)
    cli("add", "Third claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    assert db.with_name(db.name + ".bak").read_bytes() == before
    assert db.with_name(db.name + ".bak").stat().st_mode & 0o777 == 0o640
    assert not [path.name for path in db.parent.iterdir() if path.name.endswith(".tmp")]


@pytest.mark.parametrize("room_after_the_old_backup", [True, False])
def test_a_backup_copy_that_finds_no_room_leaves_no_older_backup_to_restore(cli, db, monkeypatch,
                                                                          room_after_the_old_backup):
    """(crash hunt) Where no hard link could be made and the copy found the disk full, the older
    NAME.bak stayed: the change went on "with no backup", yet doctor later advised restoring that
    file, losing "at most the last change", when it lacked two. The older backup, replaced by
    every backup kept, gives way first: the room it frees keeps this one (else none is left)."""
    import shutil

    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    cli("add", "Second claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    before = db.read_bytes()
    backup = db.with_name(db.name + ".bak")
    assert backup.exists() and backup.read_bytes() != before

    def refused(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    copy = shutil.copy2

    def full(source, target, *args, **kwargs):
        if backup.exists() or not room_after_the_old_backup:
            raise OSError(28, "No space left on device")
        return copy(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "link", refused)
    monkeypatch.setattr(shutil, "copy2", full)
    added = cli("add", "Third claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    if room_after_the_old_backup:
        assert backup.read_bytes() == before and "Warning" not in added.stderr, added.stderr
    else:
        assert not backup.exists() and "no backup to restore" in added.stderr, added.stderr
    assert not [path.name for path in db.parent.iterdir() if path.name.endswith(".tmp")]


def test_a_backup_that_already_is_the_database_stays_when_no_copy_finds_room(cli, db, monkeypatch):
    """(review) NAME.bak already the database itself (a writer killed after keeping it), no hard
    link to be made and a full disk: the right backup was removed as an older one, and the change
    went on with none."""
    import shutil

    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    backup = db.with_name(db.name + ".bak")
    backup.unlink(missing_ok=True)  # (the first change had no file to keep)
    os.link(db, backup)
    before = db.read_bytes()

    def refused(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", refused)
    monkeypatch.setattr(shutil, "copy2", full)
    added = cli("add", "Second claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    assert backup.read_bytes() == before and "Warning" not in added.stderr, added.stderr
    assert not [path.name for path in db.parent.iterdir() if path.name.endswith(".tmp")]


def test_a_private_database_is_never_written_through_a_file_others_can_read(cli, db, monkeypatch):
    """(crash-safety hunt) The new version of a 0600 database was written to a 0644 temporary file
    and only then given the database's mode: another user could read it while it was written,
    and a writer killed then left it so. It is private from the start; a new database still
    gets the usual mode."""
    from claims_cli import storage

    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    assert db.stat().st_mode & 0o777 == 0o644 & ~_umask()
    db.chmod(0o600)
    modes = []
    write_all = storage._write_all

    def watched(fd, pieces):
        modes.append(os.fstat(fd).st_mode & 0o777)
        return write_all(fd, pieces)

    monkeypatch.setattr(storage, "_write_all", watched)
    cli("add", "Second claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    assert modes == [0o600] and db.stat().st_mode & 0o777 == 0o600


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_change_that_cannot_keep_its_backup_says_so(cli, tmp_path):
    """(crash hunt) With NAME.bak a directory (or a full disk), changes went on with no backup,
    unsaid: the first crash after would have nothing to restore."""
    db = tmp_path / "desk.json"
    cli("--db", db, "add", "Fighting near Siversk", "--source", "Ukraine", "--on", "2025-12-01", ok=True)
    (tmp_path / "desk.json.bak").unlink(missing_ok=True)
    (tmp_path / "desk.json.bak").mkdir()
    added = cli("--db", db, "add", "Strike on Odesa port", "--source", "Ukraine", "--on", "2025-12-01", ok=True)
    assert added.stdout.strip() == "C-0002"
    warning = [line for line in added.stderr.splitlines() if line.startswith("Warning:")]
    assert warning == [f"Warning: {db}.bak could not be kept (it is a directory): this change has no backup "
                       "to restore"], added.stderr
    assert len(cli("--db", db, "list", "-f", "json", ok=True).json()) == 2


@pytest.mark.skipif(not hasattr(os, "statvfs"), reason="no statvfs here")
def test_a_dry_run_import_on_a_read_only_file_system_is_refused_as_the_import_is(cli, db, tmp_path, monkeypatch):
    """(doctor hunt) On a read-only mount the import failed ("cannot lock ... Read-only file
    system") while --dry-run said the row would be added: the gate a script trusts said yes."""
    from types import SimpleNamespace

    from claims_cli import storage

    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    sheet = tmp_path / "one.csv"
    sheet.write_text("text,source,claimed_on\nA,Ukraine,2025-12-07\n", encoding="utf-8")
    real = os.statvfs
    monkeypatch.setattr(storage.os, "statvfs", lambda path: SimpleNamespace(f_flag=os.ST_RDONLY)
                        if Path(path) == db.parent else real(path))
    refused = cli("import", sheet, "--dry-run", ok=False)
    assert refused.exit_code == 1 and "its file system is read-only" in refused.stderr, refused.stderr
    assert len(refused.stderr.splitlines()) == 2
    # (review) and a database not made yet there: the import cannot make it
    refused = cli("--db", db.with_name("new.json"), "import", sheet, "--dry-run", ok=False)
    assert refused.exit_code == 1 and "its file system is read-only" in refused.stderr, refused.stderr


def test_hunt_a_dry_run_import_into_a_directory_it_cannot_write_is_refused_as_the_import_is(cli, db, tmp_path,
                                                                                              monkeypatch):
    """(crash hunt) In a read-only directory --dry-run said the rows would be added; the import then
    failed "Permission denied". (Root passes any permission: the access check is stood in for.)"""
    from claims_cli import storage

    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    sheet = tmp_path / "one.csv"
    sheet.write_text("text,source,claimed_on\nA,Ukraine,2025-12-07\n", encoding="utf-8")
    real = os.access
    monkeypatch.setattr(storage.os, "access", lambda path, mode, **kwargs: False
                        if Path(path) == db.parent and mode == os.W_OK else real(path, mode, **kwargs))
    before = db.read_bytes()
    refused = cli("import", sheet, "--dry-run", ok=False)
    assert refused.exit_code == 1 and refused.stderr.splitlines()[0] == (
        f"Error: cannot write database {db}: its directory {db.parent} is not writable (a change replaces the "
        "file there)"), refused.stderr
    assert len(refused.stderr.splitlines()) == 2 and db.read_bytes() == before


def test_review_a_write_into_a_directory_it_cannot_write_says_so_as_its_dry_run_does(cli, db, tmp_path, monkeypatch):
    """(review) The write said "cannot lock database ...: Permission denied" where the dry run named
    the directory; for a database in a directory not made yet, the dry run named the wrong one."""
    from claims_cli import storage

    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    real = os.access
    monkeypatch.setattr(storage.os, "access", lambda path, mode, **kwargs: False
                        if Path(path) == db.parent and mode == os.W_OK else real(path, mode, **kwargs))
    before = db.read_bytes()
    refused = cli("add", "Second claim", "--source", "ISW", "--on", "2025-12-01", ok=False)
    assert refused.stderr.splitlines()[0] == (
        f"Error: cannot write database {db}: its directory {db.parent} is not writable (a change replaces the "
        "file there)"), refused.stderr
    assert db.read_bytes() == before
    deeper = db.parent / "new" / "sub" / "x.json"
    sheet = tmp_path / "one.csv"
    sheet.write_text("text,source,claimed_on\nA,Ukraine,2025-12-07\n", encoding="utf-8")
    for args in (["add", "A claim", "--source", "ISW", "--on", "2025-12-01"], ["import", sheet, "--dry-run"]):
        refused = cli("--db", deeper, *args, ok=False)
        assert refused.stderr.splitlines()[0] == (
            f"Error: cannot make the directory of database {deeper}: {db.parent} is not writable"), refused.stderr
    assert not (db.parent / "new").exists()


def test_doctor_says_a_database_not_made_yet_cannot_be_made_in_a_directory_it_may_not_write(cli, tmp_path,
                                                                                         monkeypatch):
    """(review) `claims --db rd/new.json doctor` of a directory this user may not write said "There
    is no database yet; the first change creates it.", exit 0: the first add then failed."""
    closed = tmp_path / "rd"
    closed.mkdir()
    real_access = os.access
    from claims_cli import storage

    monkeypatch.setattr(storage.os, "access", lambda path, mode, **kwargs: False
                        if Path(path) == closed and mode == os.W_OK else real_access(path, mode, **kwargs))
    told = cli("--db", closed / "new.json", "doctor", ok=True)
    said = " ".join(told.stdout.split())
    why = f"its directory {closed} is not writable (a change replaces the file there)"
    assert f"There is no database yet, and no change can make it: {why}." in said, told.stdout
    report = cli("--db", closed / "new.json", "doctor", "--format", "json", ok=True).json()
    assert report["read_only"] == why, report
    assert list(closed.iterdir()) == []
    monkeypatch.setattr(storage.os, "access", real_access)
    told = cli("--db", closed / "new.json", "doctor", ok=True)
    assert "There is no database yet; the first change creates it." in " ".join(told.stdout.split()), told.stdout


@pytest.mark.parametrize("how", ["file", "file system", "directory"])
def test_doctor_says_a_healthy_read_only_database_takes_no_change(cli, db, monkeypatch, how):
    """(hunt) On a read-only mount, in a read-only directory or of a `chmod a-w` file (a closed year),
    doctor said only "The database is healthy.", though no change can be written: the README's exit 0
    read "healthy ... and a change can be written". It says so, as the writes do (a read-only archive
    is kept so on purpose: still exit 0, and "read_only" says why for a script)."""
    from types import SimpleNamespace

    from claims_cli import storage

    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    if how == "file":
        db.chmod(0o444)
        why = "it is read-only (no write permission)"
    elif how == "file system":
        real_statvfs = os.statvfs
        monkeypatch.setattr(storage.os, "statvfs", lambda path: SimpleNamespace(f_flag=os.ST_RDONLY)
                            if Path(path) == db.parent else real_statvfs(path))
        why = "its file system is read-only"
    else:
        real_access = os.access
        monkeypatch.setattr(storage.os, "access", lambda path, mode, **kwargs: False
                            if Path(path) == db.parent and mode == os.W_OK else real_access(path, mode, **kwargs))
        why = f"its directory {db.parent} is not writable (a change replaces the file there)"
    try:
        told = cli("doctor", ok=True)
        said = " ".join(told.stdout.split())  # (wrapped at the width)
        assert f"The database is healthy, but no change can be written to it: {why}." in said, told.stdout
        report = cli("doctor", "--format", "json", ok=True).json()
        assert report["ok"] is True and report["read_only"] == why, report
    finally:
        db.chmod(0o644)
    if how == "file":
        assert cli("doctor", "--format", "json", ok=True).json()["read_only"] is None


# ----------------------------------------------------------------------- a second name (hard link)

HARD_LINK_SAID = "another name (a hard link)"


def _texts(cli, path: Path) -> list[str]:
    return sorted(claim["text"] for claim in cli("--db", path, "list", "--format", "json", ok=True).json())


def test_a_write_that_splits_a_hard_linked_database_says_so_once(cli, tmp_path):
    """(stress hunt) Every write renames a new file over the database's name, so a second name made
    with `ln` kept the old file: two databases, each with its own lock, and nothing said. The write
    still goes on (the atomic replace is the crash safety), and says so as it splits them."""
    db = tmp_path / "db.json"
    cli("--db", db, "init", ok=True)
    hard = tmp_path / "hard.json"
    os.link(db, hard)
    result = cli("--db", hard, "add", "one", "--source", "ISW", ok=True)
    warning = [line for line in result.stderr.splitlines() if HARD_LINK_SAID in line]
    assert warning == [f"Warning: {hard} had {HARD_LINK_SAID}: this change replaced the file at this name only, "
                       "and the other name keeps the version before it."]
    assert "A second name for the database should be a symbolic link (ln -s)" in result.stderr
    assert "Traceback" not in result.stderr
    assert _texts(cli, hard) == ["one"] and _texts(cli, db) == []  # (the split it names)
    # After it, the file at hard.json has one name: said once, at the write that split them.
    assert HARD_LINK_SAID not in cli("--db", hard, "add", "two", "--source", "ISW", ok=True).stderr


def test_a_backup_that_is_the_database_is_no_second_name(cli, db):
    """A writer killed after keeping NAME.bak (a hard link of the file) leaves NAME and NAME.bak one
    file: the store's own names, said by no warning; nor at a write that keeps NAME.bak, nor at a
    restore, which keeps the damaged file aside as a hard link of it."""
    result = cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    assert HARD_LINK_SAID not in result.stderr
    assert HARD_LINK_SAID not in cli("add", "Second claim", "--source", "ISW", ok=True).stderr
    backup = db.with_name(db.name + ".bak")
    backup.unlink()
    os.link(db, backup)
    assert HARD_LINK_SAID not in cli("add", "Third claim", "--source", "ISW", ok=True).stderr
    db.write_bytes(db.read_bytes()[:50])
    assert HARD_LINK_SAID not in cli("doctor", "--restore-backup", ok=True).stderr


def test_doctor_notes_a_database_with_another_name(cli, tmp_path):
    db = tmp_path / "db.json"
    cli("--db", db, "add", "one", "--source", "ISW", ok=True)
    cli("--db", db, "add", "two", "--source", "ISW", ok=True)
    report = cli("--db", db, "doctor", "--format", "json", ok=True).json()
    assert report["hard_links"] == 0
    os.link(db, tmp_path / "hard.json")
    result = cli("--db", db, "doctor", ok=True)  # (a note, not damage: exit 0)
    text = " ".join(result.stdout.split())
    assert f"Note: db.json has {HARD_LINK_SAID}: a change replaces the file at this name only" in text
    assert "A second name for the database should be a symbolic link (ln -s)" in text
    assert "The database is healthy." in text
    report = cli("--db", db, "doctor", "--format", "json", ok=True).json()
    assert report["ok"] is True and report["hard_links"] == 1
    # NAME.bak as the very file (a writer killed after keeping it) is the store's own name
    (tmp_path / "hard.json").unlink()
    backup = tmp_path / "db.json.bak"
    backup.unlink()
    os.link(db, backup)
    assert cli("--db", db, "doctor", "--format", "json", ok=True).json()["hard_links"] == 0


def test_a_directory_given_as_the_database_has_no_second_name(cli, tmp_path):
    """(review) A directory's link count is 2 or more (its `.` and each subdirectory's `..`), so
    doctor, besides "it is a directory, not a file", noted the database had another name (a hard
    link) and counted "hard_links": 1. Only a regular file's other names are hard links."""
    db = tmp_path / "dirdb.json"
    db.mkdir()
    (db / "sub").mkdir()  # (a link count of 3)
    result = cli("--db", db, "doctor")
    assert result.exit_code == 1 and "it is a directory, not a file" in result.stdout
    assert "hard link" not in " ".join((result.stdout + result.stderr).split())  # (the note wraps)
    result = cli("--db", db, "doctor", "--format", "json")
    assert result.exit_code == 1 and result.json()["hard_links"] == 0
    assert "hard link" not in cli("--db", db, "add", "one", "--source", "ISW", ok=False).stderr


def test_the_stores_own_leftovers_are_no_second_name(cli, tmp_path):
    """(review) A restore killed after keeping the damaged file aside (NAME.damaged-TIME, a hard
    link of it) and before its replace, or a writer killed keeping NAME.bak by way of a temporary
    (.NAME.PID.bak.tmp), leaves the database with a second name of the store's own: doctor
    advised `ln -s`, and the next write warned of a split."""
    db = tmp_path / "db.json"
    cli("--db", db, "add", "one", "--source", "ISW", ok=True)
    for leftover in (tmp_path / "db.json.damaged-20260101T000000Z", tmp_path / ".db.json.4242.bak.tmp"):
        os.link(db, leftover)
        assert cli("--db", db, "doctor", "--format", "json", ok=True).json()["hard_links"] == 0, leftover
        assert HARD_LINK_SAID not in cli("--db", db, "doctor", ok=True).stdout
        assert HARD_LINK_SAID not in cli("--db", db, "add", "two " + leftover.name, "--source", "ISW", ok=True).stderr
        leftover.unlink(missing_ok=True)
    os.link(db, tmp_path / "db.json.damaged-elsewhere.json")  # (a name of the user's own: said)
    assert cli("--db", db, "doctor", "--format", "json", ok=True).json()["hard_links"] == 1


def test_a_directory_of_another_user_is_not_offered_a_chmod(cli, tmp_path, monkeypatch):
    """(fault injection) With HOME unset, the user nobody's default database lay under /nonexistent,
    and the refusal advised `chmod u+w /`, no command of theirs: a directory another user owns is
    not offered a chmod, but another place for the database."""
    from claims_cli import storage

    db = tmp_path / "theirs" / "new" / "x.json"
    (tmp_path / "theirs").mkdir()
    real = os.access
    monkeypatch.setattr(storage.os, "access", lambda path, mode, **kwargs: False
                        if Path(path) == db.parent.parent and mode == os.W_OK else real(path, mode, **kwargs))
    monkeypatch.setattr(storage.os, "getuid", lambda: os.stat(tmp_path).st_uid + 1)
    refused = cli("--db", db, "add", "A claim", "--source", "ISW", "--on", "2025-12-01", ok=False)
    assert refused.exit_code == 1 and refused.stderr.splitlines() == [
        f"Error: cannot make the directory of database {db}: {db.parent.parent} is not writable",
        "Nothing was changed. Give --db (or $CLAIMS_DB) a file in a directory you can write."], refused.stderr
    assert not db.parent.exists()


def test_a_read_only_database_of_another_user_is_not_offered_a_chmod(cli, tmp_path, monkeypatch):
    """(hint hunt) A read-only database file was always told "`chmod u+w FILE` allows changes again",
    which, for a file another user owns, fails (Operation not permitted): as for the directory, it
    says whose permission it takes, or to copy the database. (Root passes every access check, but
    the file's mode bits decide here: the owner is played.)"""
    from claims_cli import storage

    db = tmp_path / "desk.json"
    cli("--db", db, "add", "A claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    db.chmod(0o444)
    before = db.read_bytes()
    monkeypatch.setattr(storage.os, "getuid", lambda: os.stat(db).st_uid + 1)
    try:
        refused = cli("--db", db, "add", "Another claim", "--source", "ISW", "--on", "2025-12-01", ok=False)
    finally:
        db.chmod(0o644)
    assert refused.exit_code == 1 and refused.stderr.splitlines() == [
        f"Error: cannot write database {db}: it is read-only (no write permission)",
        "Nothing was changed. The file is another user's: ask them for write permission on it, or copy the "
        "database to a file of your own and give --db the copy."], refused.stderr
    assert db.read_bytes() == before


def test_a_desk_database_in_another_user_s_directory_is_not_offered_a_new_one(cli, tmp_path, monkeypatch):
    """(review) For an existing desk database in a directory another user owns, the hint said to give
    --db a file elsewhere: a new, empty database, the desk's records split in two. It says whose
    permission it takes, or to copy the database."""
    from claims_cli import storage

    db = tmp_path / "shared" / "desk.json"
    cli("--db", db, "add", "A claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    before = db.read_bytes()
    real = os.access
    monkeypatch.setattr(storage.os, "access", lambda path, mode, **kwargs: False
                        if Path(path) == db.parent and mode == os.W_OK else real(path, mode, **kwargs))
    monkeypatch.setattr(storage.os, "getuid", lambda: os.stat(tmp_path).st_uid + 1)
    refused = cli("--db", db, "add", "Another claim", "--source", "ISW", "--on", "2025-12-01", ok=False)
    assert refused.exit_code == 1 and refused.stderr.splitlines()[1] == (
        "Nothing was changed. The directory is another user's: ask them for write access there, or copy the "
        "database to a directory you can write and give --db the copy."), refused.stderr
    assert db.read_bytes() == before


def test_doctor_says_a_backup_that_is_the_database_itself_holds_no_earlier_version(cli, db):
    """(crash-safety hunt) A writer killed between keeping NAME.bak (a hard link of the database) and
    renaming its new file into place leaves NAME.bak the database itself: the version before the last
    change is gone, and doctor said "Backup healthy". It says what it is, in text and in JSON (the
    database itself stays healthy: exit 0); the next change keeps a real backup again."""
    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    cli("add", "Second claim", "--source", "ISW", "--on", "2025-12-02", ok=True)
    backup = db.with_name(db.name + ".bak")
    os.link(db, db.with_name("linked"))
    os.replace(db.with_name("linked"), backup)  # (ln -f db.json db.json.bak)
    said = ("the backup is the database itself (the same file, a hard link): it holds no earlier version, as when a "
            "writer is killed keeping it; the next change keeps one again")
    result = cli("doctor", ok=True)
    text = " ".join(result.stdout.split())
    assert f"Backup {backup} 1 problem found" in text and "Backup healthy" not in text, result.stdout
    assert f"file: {said}" in text and "The database is healthy." in text, result.stdout
    report = cli("doctor", "--format", "json", ok=True).json()
    assert report["ok"] is True and report["database"]["healthy"] is True and report["hard_links"] == 0
    assert report["backup"]["healthy"] is False
    assert report["backup"]["problems"] == [{"kind": "same-file", "where": "file", "message": said}]
    before = db.read_bytes()
    cli("add", "Third claim", "--source", "ISW", "--on", "2025-12-03", ok=True)
    assert backup.read_bytes() == before and not os.path.samefile(db, backup)
    report = cli("doctor", "--format", "json", ok=True).json()
    assert report["backup"]["healthy"] is True and report["backup"]["claims"] == 2


def test_a_damaged_database_whose_backup_is_itself_is_told_there_is_nothing_to_restore(cli, db):
    """The same backup beside a database damaged since: not "damaged too" (it is the damaged file),
    and --restore-backup refuses it as holding no earlier version."""
    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-01", ok=True)
    cli("add", "Second claim", "--source", "ISW", "--on", "2025-12-02", ok=True)
    backup = db.with_name(db.name + ".bak")
    backup.unlink()
    db.write_bytes(db.read_bytes()[:-40])
    os.link(db, backup)
    report = cli("doctor", "--format", "json", ok=False).json()
    assert [problem["message"] for problem in report["backup"]["problems"] if problem["kind"] == "same-file"] == [
        "the backup is the database itself (the same file, a hard link): it holds no earlier version, as when a "
        "writer is killed keeping it; the next change made to it, once it is mended, keeps one again"], \
        report["backup"]  # (not "the next change keeps one": a damaged database's changes may be refused)
    assert any(f"{backup.name} is the database itself" in step for step in report["advice"]), report["advice"]
    assert not any("damaged too" in step or "--restore-backup" in step for step in report["advice"]), report["advice"]
    damaged = db.read_bytes()
    refused = cli("doctor", "--restore-backup", ok=False)
    assert "the backup is the database itself" in refused.stderr, refused.stderr
    assert db.read_bytes() == damaged and os.path.samefile(db, backup)


# ------------------------------------------------------------- a shared directory with the sticky bit

@pytest.mark.parametrize("before", ["a backup", "no backup", "a backup no link can be made of",
                                    "a backup that is the database"])
def test_a_write_whose_replace_fails_leaves_the_backup_as_it_was(cli, db, monkeypatch, before):
    """(team-desk review) In a sticky directory another analyst's write failed at the rename of its new
    file over the database ("Operation not permitted", "Nothing was changed") after NAME.bak had been
    rotated: NAME.bak was then the version the database still is, and theirs, so every later change by
    the owner could keep none, and a restore lost the changes before. A failed replace puts NAME.bak
    back as it was (none, where there was none)."""
    import errno

    add = ("--source", "ISW", "--on", "2025-12-01")
    cli("add", "First claim", *add, ok=True)  # (a new file: no NAME.bak)
    backup = db.with_name(db.name + ".bak")
    if before != "no backup":
        cli("add", "Second claim", *add, ok=True)
        assert backup.exists()
    if before == "a backup that is the database":  # (a writer killed keeping it)
        backup.unlink()
        os.link(db, backup)
    kept = backup.read_bytes() if backup.exists() else None
    database = db.read_bytes()
    real_replace, real_link = os.replace, os.link

    def replace(source, target, *args, **kwargs):
        if Path(target) == db:  # (the database's rename alone fails, as rename(2) in a sticky directory)
            raise PermissionError(errno.EPERM, "Operation not permitted")
        return real_replace(source, target, *args, **kwargs)

    def link(source, target, *args, **kwargs):  # (another user's NAME.bak: fs.protected_hardlinks)
        if Path(source) == backup:
            raise PermissionError(errno.EPERM, "Operation not permitted")
        return real_link(source, target, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", replace)
        if before == "a backup no link can be made of":
            patch.setattr(os, "link", link)
        refused = cli("add", "Third claim", *add, ok=False)
    assert refused.exit_code == 1 and refused.stderr.splitlines() == [
        f"Error: could not write database {db}: Operation not permitted",
        "Nothing was changed; the database is as it was before this command."], refused.stderr
    assert db.read_bytes() == database
    if before == "a backup no link can be made of":
        # (review) no second name of it can be made, and renaming it aside left no NAME.bak at all to a
        # kill in between: it is replaced as it always was, by a copy of the database, which the failed
        # write left as it was; the version before that is gone, as before the undo was made
        kept = database
    assert (backup.read_bytes() if os.path.lexists(backup) else None) == kept
    assert os.path.lexists(backup) and os.path.samefile(backup, db) if before in (
        "a backup that is the database", "a backup no link can be made of") else \
        not os.path.lexists(backup) or not os.path.samefile(backup, db)
    assert not [path.name for path in db.parent.iterdir() if path.name.endswith(".tmp")]
    # The next change keeps the version before it, as every change does: a restore loses at most it.
    added = cli("add", "Third claim", *add, ok=True)
    assert "Warning" not in added.stderr, added.stderr
    assert backup.read_bytes() == database


@pytest.mark.parametrize("links", [True, False])
def test_there_is_a_backup_at_every_step_of_a_write(cli, db, monkeypatch, links):
    """(review) Where no hard link of NAME.bak could be made (another analyst's, fs.protected_hardlinks;
    a file system without links), the write renamed NAME.bak aside before putting the new one in its
    place: killed in between, it left none, and the next change deleted the aside copy as a leftover.
    At every rename of the write NAME.bak is there."""
    import errno

    add = ("--source", "ISW", "--on", "2025-12-01")
    cli("add", "First claim", *add, ok=True)
    cli("add", "Second claim", *add, ok=True)
    backup = db.with_name(db.name + ".bak")
    real_replace, real_rename, real_link = os.replace, os.rename, os.link
    missing = []

    def checked(real):
        def call(source, target, *args, **kwargs):
            if not os.path.lexists(backup):
                missing.append((Path(source).name, Path(target).name))
            return real(source, target, *args, **kwargs)
        return call

    def link(source, target, *args, **kwargs):
        if Path(source) == backup:
            raise PermissionError(errno.EPERM, "Operation not permitted")
        return real_link(source, target, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", checked(real_replace))
        patch.setattr(os, "rename", checked(real_rename))
        if not links:
            patch.setattr(os, "link", link)
        cli("add", "Third claim", *add, ok=True)
    assert missing == []
    assert backup.exists() and not [path.name for path in db.parent.iterdir() if path.name.endswith(".tmp")]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root writes another user's file")
def test_a_write_by_root_leaves_the_file_its_owners(cli, db):
    """(review) `sudo claims ...` or a root cron job against an analyst's database made the file root's:
    in a sticky directory (chmod 1777, as /tmp is) its owner was refused from then on. Root's write keeps
    the file's owner and group, as its mode."""
    add = ("--source", "ISW", "--on", "2025-12-01")
    cli("add", "First claim", *add, ok=True)
    os.chown(db, 4242, 4343)
    cli("add", "Second claim", *add, ok=True)
    info = os.stat(db)
    assert (info.st_uid, info.st_gid) == (4242, 4343)


def test_a_sticky_directory_where_the_file_is_another_users_is_refused_before_anything_is_touched(
        cli, db, tmp_path, monkeypatch):
    """(team-desk review) In a directory with the sticky bit (chmod 1777, as /tmp is) only a file's
    owner (or the directory's, or root) may rename over it: another analyst's write failed at its
    last step. It is foreseen, by a write, a dry run and doctor alike, and said with the way out.
    (The other analyst is played: this user's number is another.)"""
    import stat

    from claims_cli import storage

    add = ("--source", "ISW", "--on", "2025-12-01")
    cli("add", "First claim", *add, ok=True)
    cli("add", "Second claim", *add, ok=True)
    sheet = tmp_path / "one.csv"
    sheet.write_text("text,source,claimed_on\nA,Ukraine,2025-12-07\n", encoding="utf-8")
    mode = db.parent.stat().st_mode
    db.parent.chmod(mode | stat.S_ISVTX)
    files = {path.name: path.read_bytes() for path in db.parent.iterdir() if path.is_file()}
    owner = storage._user_named(db.stat().st_uid)
    why = (f"its directory {db.parent} is sticky (chmod +t) and the file is {owner}'s: only its owner (or root) may "
           "replace it")
    try:
        with monkeypatch.context() as patch:
            patch.setattr(storage.os, "geteuid", lambda: db.stat().st_uid + 4242)
            for args in (("add", "Third claim", *add), ("import", sheet, "--dry-run"), ("import", sheet)):
                refused = cli(*args, ok=False)
                assert refused.exit_code == 1 and refused.stderr.splitlines() == [
                    f"Error: cannot write database {db}: {why}",
                    "Nothing was changed. Share a database in a directory of its own that the desk's group may "
                    "write, without the sticky bit (`chgrp GROUP DIR; chmod 2775 DIR`), or copy it to a file of "
                    "your own and give --db the copy."], (args, refused.stderr)
            report = cli("doctor", "--format", "json", ok=True).json()
            assert report["ok"] is True and report["read_only"] == why, report
            patch.setattr(storage.os, "geteuid", lambda: db.stat().st_uid)  # (the file's owner may)
            assert cli("doctor", "--format", "json", ok=True).json()["read_only"] is None
        assert {path.name: path.read_bytes() for path in db.parent.iterdir() if path.is_file()} == files
        cli("add", "Third claim", *add, ok=True)  # (the file's owner: as ever)
    finally:
        db.parent.chmod(mode)
