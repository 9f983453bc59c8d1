"""NAME.bak handling in the storage layer."""

import os


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
