"""Crash-safe, locked JSON storage for TinyDB.

`AtomicJSONStorage` plugs into TinyDB's documented `Storage` extension point (read, write, close;
it is registered as a `tinydb.storages.Storage` when the store first builds its TinyDB, so that
reading a database imports no TinyDB at all). It adds three things TinyDB's own `JSONStorage` lacks:

* **Atomic writes.** The new content goes to a temporary file in the same directory, is flushed
  and fsynced, then renamed over the database (`os.replace`), and the directory is fsynced. A
  process killed at any instant leaves the old file or the new one, never a mixture.
* **Transactions under a cross-process lock.** `transaction()` takes an exclusive lock beside the
  database (`NAME.lock`), re-reads the file, lets TinyDB apply any number of table operations in
  memory, and writes once at the end; an exception discards every change. Two writers therefore
  never lose each other's updates. Readers need no lock: they always see a complete file.
* **Speed.** orjson parses and serialises, with the cyclic garbage collector paused while the
  object graph is built (it otherwise re-walks the growing heap many times).

It also keeps the previous version as `NAME.bak` (a hard link, so it costs no copy) for
`claims doctor` to recover from. Only this module and `store.py` touch the database file.
"""

from __future__ import annotations

import errno
import math
import os
import re
import shutil
import stat
import time
from collections.abc import Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NoReturn

import orjson

from .collector import NEVER, paused
from .errors import StoreError, StoreLocked, json_kind, out_of_memory, path_shown, shown
from .patterns import LazyPattern
from .models import CLAIM_PREFIX, LAST_CLAIM_NUMBER, format_claim_id, sort_value
from .output import current_umask, fsync_directory, interrupts_held, same_file

LOCK_TIMEOUT_SECONDS = 10.0


def lock_timeout() -> float:
    """Seconds a writer waits for the lock: CLAIMS_LOCK_TIMEOUT, else 10. A value that is no
    number of seconds (0 or more, finite) is a StoreError, raised before the lock is taken."""
    raw = os.environ.get("CLAIMS_LOCK_TIMEOUT", "").strip()
    if not raw:
        return LOCK_TIMEOUT_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < math.inf:  # (negative, NaN, or inf and 1e999: a writer waiting forever)
        raise StoreError(f"CLAIMS_LOCK_TIMEOUT {shown(raw)} is not a number of seconds",
                         hint="Set it to a finite number, 0 or more (e.g. 30), or unset it for 10 seconds.")
    return seconds


FREEZE_BYTES = 1_000_000  # above this, a parsed database is moved out of the collector's reach


def _owned_by_this_user(path: Path) -> bool:
    """Whether this user owns `path` (True where the platform has no owners to tell)."""
    try:
        return os.stat(path).st_uid == os.getuid()
    except (AttributeError, OSError):
        return True


def _kept_by_the_sticky_bit(directory: Path, path: Path) -> int | None:
    """The owner of the file at `path` when its directory has the sticky bit (chmod +t, as /tmp and
    many "everyone may write" shares have) and this user owns neither and is not root: the kernel
    lets no one else rename over it or remove it. Else None (no file yet: anyone may make it)."""
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    if not uid:  # (root, or no owners on this platform)
        return None
    try:
        held = os.stat(directory)
        if not held.st_mode & stat.S_ISVTX or held.st_uid == uid:
            return None
        owner = os.lstat(path).st_uid
    except OSError:
        return None
    return owner if owner != uid else None


def opens_as_a_database(path: str | os.PathLike) -> bool:
    """Whether the file begins as a database does, a JSON object (after a byte-order mark and
    blanks): `--db notes.bak` beside a file of notes is no database's backup (context refuses a
    database's own companions, not every name ending so). Its first bytes alone are read."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(256)
    except OSError:
        return False
    return start.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"{"


def begins_as_a_claims_database(path: str | os.PathLike) -> bool:
    """Whether the file is a claims database, as its ends show: a JSON object whose first key is one
    of its tables, of records keyed by number (the meta record's, as claims writes it, pretty-printed
    too; its keys sorted, `jq -S`, the claims'), or whose last 64 KiB hold the meta record with its
    schema_version (a doctor report names one too, but in no such table). Its first and last 64 KiB
    alone are read: a 150 MB database given as --output is known at once, never parsed. OSError if it cannot
    be read (no answer: what it holds is unknown); False for what is no regular file (opened
    without waiting for a pipe's writer)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        start = handle.read(_HEAD_BYTES).removeprefix(b"\xef\xbb\xbf")
        if _TABLE_FIRST.match(start) is not None:
            return True
        if start.lstrip()[:1] != b"{":
            return False
        size = os.fstat(fd).st_size
        if size > _HEAD_BYTES:
            handle.seek(size - _HEAD_BYTES)
            start = handle.read(_HEAD_BYTES)
    return _META_TABLE.search(start) is not None


_HEAD_BYTES = 1 << 16
# (else the meta table among the last, as keys sorted place it: a table of records keyed by number,
# TinyDB's, and no user text, whose quotes are escaped in JSON)
_META_TABLE = LazyPattern(rb'"meta"\s*:\s*\{\s*"\d+"\s*:\s*\{[^{}]*?"schema_version"\s*:')
# (a table first, TinyDB's layout of records keyed by number: the meta table as claims writes it, or
# the claims' with the keys sorted, whose meta record may be in neither end, the sources table after it
# growing past 64 KiB; an export's and a report's first keys, "format", or sorted "as_of" and
# "categories" (a list), are no such table)
_TABLE_FIRST = LazyPattern(rb'\s*\{\s*"(?:claims|meta|sources)"\s*:\s*\{\s*(?:"\d+"\s*:\s*\{|\})')


def database_files(path: str | os.PathLike) -> tuple[Path, Path, Path]:
    """The database file a path names, its backup (NAME.bak) and its lock file (NAME.lock). For a
    symbolic link, the file it points to and that file's companions: a new file renamed over the
    link would split the database in two (the link a file of its own, the real one never written),
    and every writer must take the same lock."""
    path = Path(path)
    try:
        if path.is_symlink():
            path = Path(os.path.realpath(path))
            try:  # (into a directory this user may not enter: said here, not as damage by the reads after)
                os.lstat(path)
            except OSError as err:  # (a file on the way, a loop: doctor's to say, as it did)
                if err.errno in (errno.EACCES, errno.EPERM, errno.ENAMETOOLONG):
                    raise
    except OSError as err:  # (a name too long for the file system: said, not an internal error)
        raise StoreError(f"cannot use database {path_shown(path)}: {err.strerror or err}",
                         hint=_closed_directory(path) if err.errno in (errno.EACCES, errno.EPERM) else None) from None
    length = len(os.fsencode(path.name))
    if length > MAX_NAME_BYTES:
        # (a longer one could be made and locked, but never written or restored: a companion's
        # name would be longer than the 255 bytes a file system allows)
        raise StoreError(f"database name {path.name[:40]}… is {length} bytes long; at most {MAX_NAME_BYTES} leave room "
                         "for its backup, lock and temporary files", hint="Give --db a shorter file name.")
    return path, path.with_name(path.name + ".bak"), path.with_name(path.name + ".lock")


def _closed_directory(path: Path) -> str | None:
    """Which directory on `path` this user may not enter, and the way in, or None (`chmod 700 sub`
    by its owner: "Permission denied" named none)."""
    from .plain import shell_operand

    parts = Path(path).parts
    for end in range(1, len(parts) + 1):  # (as typed first: realpath takes `rc/..` away as text)
        try:
            os.lstat(Path(*parts[:end]))
        except PermissionError:
            path = Path(os.path.realpath(Path(*parts[:end - 1]) if end > 1 else Path("."))) / "-"
            break
        except OSError:
            break
    for directory in reversed(Path(os.path.realpath(path)).parents):  # (a link's chmod is its target's)
        if os.path.isdir(directory) and not os.access(directory, os.X_OK):
            return (f"This user may not enter the directory {directory}: its owner can allow it "
                    f"(chmod a+x {shell_operand(str(directory))}).")
    return None


# The longest companion: NAME.damaged-TIME, the damaged file a restore keeps (a temporary file,
# .NAME.PID.bak.tmp, is shorter: a PID has at most 7 digits on Linux)
MAX_NAME_BYTES = 255 - len(".damaged-20261205T120000Z-99")  # (-2, -3...: a second restore in one second)


def _special_file(path: Path) -> str | None:
    """What `path` is if it is there and neither a regular file nor a directory (said elsewhere)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else file_kind(mode)


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, in words."""
    kinds = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
             stat.S_IFSOCK: "a socket"}
    return kinds.get(stat.S_IFMT(mode), "a special file")


def file_signature(info: os.stat_result) -> tuple:
    """What identifies one version of the file: every write replaces it (a new inode)."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def load_json_file(path: Path) -> Any:
    """Parse a JSON file quickly; StoreError with position on anything unreadable."""
    return _load(path)[0]


def _load(path: Path) -> tuple[Any, tuple | None]:
    """(parsed JSON or None if there is no file, the signature of the version that was read)."""
    try:
        raw, signature = read_database_bytes(path)
    except FileNotFoundError:
        backup = database_files(path)[1]
        if backup.exists():
            # Lost, not new: started anew, it would hand out C-0001 again and its second write
            # would rotate the claims' last copy away.
            raise StoreError(f"database {path_shown(path)} does not exist, but its backup {path_shown(backup.name)} does",
                             hint="If it was lost, `claims doctor --restore-backup` brings the backup back; "
                                  "to start a new database, move the backup away first.") from None
        return None, None
    tables = decode_database(raw, path)
    if tables is not None:
        return tables, signature
    return _parse_whole(raw, path), signature


def read_database_bytes(path: Path) -> tuple[bytes, tuple]:
    """(the database file's bytes, the signature of that version); FileNotFoundError passes (a new
    database, or a lost one: the caller says which), every other problem is a StoreError."""
    try:
        # (O_NONBLOCK: opening a named pipe waits for a writer to it, for ever; opened so, it is
        # seen for what it is below. It changes nothing for a regular file.)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise _not_regular(path, file_kind(info.st_mode))
            raw = handle.read()
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        from .plain import name_a_file

        raise StoreError(f"database {path_shown(path)} is a directory, not a file",
                         hint=name_a_file(path / "claims.json")) from None
    except NotADirectoryError:
        from .plain import name_a_file

        blocker = path_shown(file_in_the_way(path) or path.parent)
        raise StoreError(f"database {path_shown(path)} cannot be: {blocker} is a file, not a directory",
                         hint=name_a_file()) from None
    except OSError as err:
        raise StoreError(f"cannot read database {path_shown(path)}: {err.strerror or err}") from None
    if not raw or raw.isspace() or _without_its_mark(raw) == b"":  # (not raw.strip(): that would copy the whole file)
        # (with no NAME.bak it never was a database written twice: `touch desk.json`)
        hint = "It was left untouched; run `claims doctor` to see how to recover." \
            if os.path.lexists(database_files(path)[1]) else \
            "It holds nothing to lose: `claims init` makes it a new database."
        raise StoreError(f"database {path_shown(path)} is empty (0 bytes of JSON)", hint=hint)
    return raw, file_signature(info)


def _not_regular(path: Path, kind: str) -> StoreError:
    from .plain import NOT_REGULAR_HINT

    return StoreError(f"database {path_shown(path)} is not a regular file ({kind})", hint=NOT_REGULAR_HINT)


def _a_database(raw: bytes) -> dict | None:
    """`raw` parsed, if it is what `--relayout` rewrites: a JSON object with tables in it; else None."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    return data if isinstance(data, dict) and data else None


def file_in_the_way(path: Path) -> Path | None:
    """The file (not a directory) that `path` names as one of its directories ("afile/db.json"),
    or None: the nearest of its directories that is there."""
    for parent in path.parents:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


_BOM = b"\xef\xbb\xbf"  # UTF-8's byte-order mark, which some editors put first (Notepad, PowerShell)
_BOM_FIRST = "it begins with a byte-order mark, as some editors save a file"
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")  # (Notepad's "Unicode", PowerShell 5's `>`: UTF-16 with its mark)
_UTF16 = "it is saved as UTF-16, as some editors and PowerShell's > save a file, not as UTF-8"


def plain_utf8(raw: bytes) -> bytes:
    """`raw` as claims writes a file, UTF-8 without a byte-order mark: an editor's mark dropped, a
    file it saved as UTF-16 (with its mark) decoded (doctor and --relayout read such a file)."""
    if raw.startswith(_BOM):
        return raw[len(_BOM):]
    if raw.startswith(_UTF16_MARKS):
        try:
            return raw.decode("utf-16").encode("utf-8")
        except UnicodeError:
            return raw
    return raw


def _saved_otherwise(raw: bytes) -> str | None:
    """How an editor saved `raw` otherwise than claims writes it (a mark first, UTF-16), or None."""
    return _BOM_FIRST if raw.startswith(_BOM) else _UTF16 if raw.startswith(_UTF16_MARKS) else None


def _without_its_mark(raw: bytes) -> bytes | None:
    """What a small file an editor saved with a byte-order mark (or as UTF-16) holds, its blanks
    removed; None for any other file. One of the mark alone (Notepad's empty file) is read as an
    empty file, and one of `{}` as `{}`: nothing in either to lay out or to lose (a mark on `{}` was
    refused, --relayout refused `{}`, and init sent back to doctor)."""
    if len(raw) > 64 or _saved_otherwise(raw) is None:
        return None
    return b"".join(plain_utf8(raw).split())  # (`{ }` too, as without the mark)


def _parse_whole(raw: bytes, path: Path) -> Any:
    """A file without the line layout (TinyDB's own, a hand edit, an older claims): parse it all."""
    # A large file's objects are frozen out of the collector's reach (they are all young, and
    # would survive every pass of the next collections); a small one's are left to it.
    if _without_its_mark(raw) == b"{}":
        raw = b"{}"
    with paused(0 if len(raw) >= FREEZE_BYTES else NEVER):
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as err:
            out_of_memory(err)
            saved = _saved_otherwise(raw)
            plain = _a_database(plain_utf8(raw)) if saved is not None else None
            if plain is not None:
                backup = database_files(path)[1]
                lost = lost_claims(backup, plain.get(CLAIMS_TABLE))
                if lost:  # (Notepad saves a mark: a claim line deleted there is lost, not only saved otherwise)
                    raise StoreError(f"database {path_shown(path)}: {saved}, and it {lost_claims_said(lost, backup.name)}",
                                     hint="It was left untouched; run `claims doctor` to see how to recover.") from None
                raise StoreError(f"database {path_shown(path)}: {saved}",
                                 hint="It was left untouched; `claims doctor --relayout` writes it as claims does (UTF-8, "
                                      "no mark), losing nothing.") from None
            kind, why = json_problem(raw, err)
            from .migrations import JSON_LINES, export_hint

            if why.startswith(JSON_LINES):  # (`export --format jsonl` given as --db: to import)
                raise StoreError(f"database {path_shown(path)} {why}", hint=export_hint(path, "jsonl")) from None
            if kind == "not-claims" and not os.path.lexists(database_files(path)[1]):  # (beside a backup it was one)
                raise StoreError(f"{path_shown(path)} is not a claims database (it {why})",
                                 hint="Point --db at a claims database, or move this file away.") from None
            raise StoreError(f"database {path_shown(path)} {why}",
                             hint="It was left untouched; run `claims doctor` to see how to recover.") from None
    if data is None:  # `null` must not read as "no database yet" and then be written over
        raise not_an_object(path, data)
    if data == {} and holds_something(database_files(path)[1]):
        # (`{}` is a new database, but not beside a backup: a script or a sync tool emptied one,
        # and the next change would push the backup, every claim, out, as a blank file would)
        raise StoreError(f"database {path_shown(path)} is empty (it holds {{}}), but has a backup beside it",
                         hint="It was left untouched; run `claims doctor` to see how to recover.")
    return data


def not_an_object(path: Path, data: Any) -> StoreError:
    """The error for a database file of JSON that is no object (null, "", 0, true, []), or a list
    of claim records (`list --format json`'s: to import, as store.checked_version says an export)."""
    from .migrations import AN_EXPORT, an_export, export_hint

    if an_export(data):
        return StoreError(f"database {path_shown(path)} is JSON but not a claims database ({AN_EXPORT})", hint=export_hint(path, "json"))
    return StoreError(f"database {path_shown(path)} is JSON but not a claims database (it holds {json_kind(data)})",
                      hint="It was left untouched; run `claims doctor` to see how to recover.")


def _refuse_lost_claims(path: Path, backup: Path, signature: tuple, data: dict) -> None:
    """Refuse a database that lacks claims its backup (the version before the last change) holds:
    no command takes a claim out (`delete` marks it), so their lines were removed by hand, or an
    older copy put in its place, and the next change would push their last copy out, as for `{}`
    (`_parse_whole`). Looked into only when the backup is the bigger by over 1%, which a change
    rarely makes (one that shrinks the file as much: an update of many claims' long notes), and
    only a backup in the store's layout (one laid out by hand, bigger for it, is left to doctor):
    the commands otherwise pay a look at its size. A database read whole (laid out by hand, its
    size says nothing: pretty-printed, it is the bigger) is compared whatever the sizes."""
    try:
        backup_size = os.stat(backup).st_size
    except OSError:
        return
    claims = data.get(CLAIMS_TABLE, {})
    if not isinstance(claims, Mapping):  # (not a table: refused as such)
        return
    if backup_size * 100 <= signature[2] * 101 and isinstance(claims, ClaimLines):
        return
    lost = lost_claims(backup, claims, as_written_only=True)
    if lost and _still(path, signature):  # (a writer between the two reads: the backup is newer than what was read)
        raise StoreError(f"database {path_shown(path)} {lost_claims_said(lost, backup.name)}",
                         hint="It was left untouched; run `claims doctor` to see how to recover.")


def _refuse_keys_written_twice(path: Path, raw: bytes, *, on_line: int | None = None) -> None:
    """Refuse to write over JSON (`raw`, which orjson read whole: a file laid out by hand, or the
    first line of one in the store's layout) that writes a key twice in one object. The parse kept
    the last copy only: the file written from it would lose the first (kept in NAME.bak after one
    change, gone after the next), as a claim line given twice would (`ClaimLines.validate`)."""
    head = raw[:4096]
    if raw.find(b"\n") in (-1, len(raw) - 1) and b'": ' not in head and b', "' not in head:
        # (one line without the spaces TinyDB's own writes: maybe orjson's, which has no key twice;
        # the usual first line, checked so without importing doctor's module, 1% of an `add`)
        try:
            if orjson.dumps(orjson.loads(raw)) == raw:
                return
        except (orjson.JSONDecodeError, orjson.JSONEncodeError):
            pass
    from .health import duplicate_keys  # (pure; the standard parser)

    repeated = duplicate_keys(raw, limit=1)
    if repeated:
        said = f"line {on_line} writes the key {shown(repeated[0])} twice in one object" if on_line else \
            f"the key {shown(repeated[0])} is written twice in one object"
        raise StoreError(f"database {path_shown(path)} is damaged: {said} (JSON keeps only the last copy, and a change would "
                         "lose the first)", hint="It was left untouched; run `claims doctor` to see how to recover.")


def _claim_lines_kept_in(data: dict) -> dict | None:
    """The meta record that keeps the count of claim lines the last change wrote (`CLAIM_LINES`)."""
    meta = data.get(META_TABLE)
    record = meta.get("1") if isinstance(meta, dict) else None
    return record if isinstance(record, dict) else None


def lost_claims_said(lost: list[str], backup_name: str) -> str:
    """"lacks 2 claims its backup NAME.bak holds (C-0005, C-0006): ...", as the commands and doctor say it."""
    from .plain import claims_counted

    named = ", ".join(lost[:3]) + (", …" if len(lost) > 3 else "")
    return (f"lacks {claims_counted(len(lost))} its backup {backup_name} holds ({named}): taken out by hand, or an "
            "older copy put in its place")


def signature_of(path: Path) -> tuple | None:
    """The signature of the file's version now (`file_signature`), None if it cannot be read."""
    try:
        return file_signature(os.stat(path))
    except OSError:
        return None


def _still(path: Path, signature: tuple) -> bool:
    """Whether the file is still the version `signature` was taken of (every write replaces it)."""
    return signature_of(path) == signature


def lost_claims(backup: Path, claims: Any, *, as_written_only: bool = False) -> list[str]:
    """The IDs of the claims the backup holds and `claims` (a database's claims table) lacks, by
    their records' keys, in the backup's order; none when the backup cannot be read as a database
    (doctor says what it is), or, `as_written_only`, is not in the store's layout (parsed whole,
    a big one costs seconds, unless it holds more claim IDs than `claims` has claims)."""
    try:
        raw = plain_utf8(backup.read_bytes())
        tables = decode_database(raw, backup)
        if tables is None:
            # (laid out by hand, bigger for it: parsed whole only if it has more claim IDs than the
            # database has claims, counted in its bytes as its spacing writes them)
            if as_written_only and raw.count(b'"id":"C-') + raw.count(b'"id": "C-') <= len(claims):
                return []
            tables = orjson.loads(raw)
        held = tables.get(CLAIMS_TABLE) if isinstance(tables, dict) else None
    except (OSError, orjson.JSONDecodeError, StoreError):
        return []
    if not isinstance(held, Mapping):
        return []
    here = set(claims.keys()) if isinstance(claims, Mapping) else set()
    lost = [_claim_id_of(key, held) for key in held.keys() if key not in here]
    if lost and isinstance(claims, Mapping) and not isinstance(claims, ClaimLines):
        # (read whole, so its records are at hand: one moved to another key, as TinyDB's own
        # insert or a hand edit does, is not lost; its ID says which it is)
        ids = {claim.get("id") for claim in claims.values() if isinstance(claim, dict)}
        lost = [claim_id for claim_id in lost if claim_id not in ids]
    return lost


def _claim_id_of(key: str, table: Mapping) -> str:
    record = table.get(key)
    claim_id = record.get("id") if isinstance(record, dict) else None
    return claim_id if isinstance(claim_id, str) else f"#{key}"


def _as_an_operand(path: Path) -> str:
    """`path` as a shell command takes it as a file name: quoted, and never read as an option."""
    from .plain import shell_operand

    return shell_operand(str(path))


def holds_something(backup: Path) -> bool:
    """Whether a database's backup is a file that holds more than `{}` or blanks, in any encoding an
    editor saves (a database's, whole or damaged: doctor decides). Read whole: only asked of a
    database that holds `{}`."""
    try:
        raw = backup.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):  # (none, a dangling link: as doctor finds)
        return False
    except OSError:  # (unreadable here: it may hold every claim)
        return True
    return plain_utf8(raw).strip() not in (b"", b"{}")


def is_the_database(backup: Path, path: Path) -> bool:
    """Whether NAME.bak is the database file itself, not a copy (a hard link of it: a writer killed
    between keeping it, `_keep_backup`, and putting its new file in place leaves it so): it holds no
    earlier version. The next change keeps one again (its rename between two links of one file does
    nothing, and the new file goes in under NAME alone)."""
    try:
        return os.path.samestat(os.lstat(backup), os.stat(path))
    except OSError:
        return False


def other_names(path: Path, *its_own: Path) -> int:
    """How many names the file at `path` has besides `path` and those of `its_own` that are this
    very file (NAME.bak, a hard link of it after a writer was killed keeping it), nor the store's
    own leftovers (`_own_leftovers`). Every write
    renames a new file over the database's name, so another name (`ln`) keeps the old file: a
    database of its own from then on. One stat when the file has one name (st_nlink is there on
    Windows too; a file system that counts no links says 1, or 0). Only a regular file's: a
    directory's count is 2 or more (its `.`, each subdirectory's `..`), no name of a database."""
    try:
        info = os.stat(path)
    except OSError:
        return 0
    if not stat.S_ISREG(info.st_mode):
        return 0
    names = info.st_nlink - 1

    def store_names() -> Iterator[Path]:  # (the leftovers looked for only while names are left: rare)
        yield from its_own
        yield from (path.parent / name for name in _own_leftovers(path))

    for own in store_names():
        if names <= 0:
            break
        try:
            if os.path.samestat(info, os.lstat(own)):  # (lstat: a symbolic link to it is no name of the file)
                names -= 1
        except OSError:
            pass
    return max(names, 0)


def _own_leftovers(path: Path) -> list[str]:
    """The names beside the database a killed writer (`stale_temporaries`) or restore (the damaged
    file kept aside, NAME.damaged-TIME, before its replace) leaves: the store's, not a second name."""
    kept = re.compile(re.escape(f"{path.name}.damaged-") + r"\d{8}T\d{6}Z(-\d+)?")
    try:
        aside = [entry.name for entry in os.scandir(path.parent) if kept.fullmatch(entry.name)]
    except OSError:
        aside = []
    return stale_temporaries(path) + aside


@dataclass
class _KeptBackup:
    """NAME.bak as a write found it (`before`: where it is kept aside meanwhile, None if there was
    none), to put back if the write's replace fails (`undo`), or let go once it is done (`settle`)."""

    backup: Path
    before: Path | None

    def undo(self) -> None:
        try:
            if self.before is None:
                self.backup.unlink(missing_ok=True)  # (the database file's second name: it stays)
                return
            try:  # (still NAME.bak too, a second name: the replace did not happen, or NAME.bak was the database)
                put_back = not os.path.samestat(os.lstat(self.before), os.lstat(self.backup))
            except FileNotFoundError:
                put_back = True
            if put_back:
                os.replace(self.before, self.backup)
            self.before.unlink(missing_ok=True)
        except OSError:
            pass  # (left as .NAME.PID.old.tmp, a temporary the next write removes: doctor names it)

    def settle(self) -> None:
        if self.before is not None:
            try:
                self.before.unlink()
            except OSError:
                pass


files_written = 0  # database files this process has written (an output error after one is said so)
# (database, its other names) for each write that replaced a file with another name (a hard link):
# that name keeps the version before, and the two are split from then on (said: context.split_databases)
databases_split: list[tuple[Path, int]] = []


class AtomicJSONStorage:
    """TinyDB storage that writes atomically and batches writes inside a locked transaction.

    It implements `tinydb.storages.Storage` (read, write, close) without inheriting from it, so
    that importing this module does not import TinyDB (~4 ms of every read); `store.ClaimStore`
    registers it as a virtual subclass of `Storage` when it builds its TinyDB."""

    def __init__(self, path: str | os.PathLike, **_: Any):
        self.path, self.backup_path, self.lock_path = database_files(path)
        self._data: dict | None = None
        self._loaded = False
        self._signature: tuple | None = None  # the file version _data was read from (or written as)
        self._in_transaction = False
        self._dirty = False
        self._lock = None  # the writers' lock, while a transaction holds it
        self.made_file = False  # a write of this process made the database file (there was none)
        self.made_directories: list[Path] = []  # ... and the directories it made for it, outermost first
        self.backup_missed: str | None = None  # why a write of this process could not keep NAME.bak
        self.replaced_blank = False  # the last transaction took a blank file as no database (`blank_is_new`)

    # -- the TinyDB Storage interface -------------------------------------------------------
    def read(self) -> dict | None:
        if not self._loaded:
            data, signature = _load(self.path)
            if data is not None and not isinstance(data, dict):
                raise not_an_object(self.path, data)
            if data is not None and signature is not None:
                _refuse_lost_claims(self.path, self.backup_path, signature, data)
            self._data = data
            self._signature = signature
            self._loaded = True
        return self._data

    def write(self, data: dict) -> None:
        if not self._in_transaction:
            raise RuntimeError("AtomicJSONStorage.write outside a transaction")  # programming error
        self._data = data
        self._loaded = True
        self._dirty = True

    def close(self) -> None:
        self._data = None
        self._loaded = False
        self._signature = None

    def _unchanged_on_disk(self) -> bool:
        """True if what we hold is exactly the file's current version (no other writer since)."""
        if not self._loaded or self._data is None or self._signature is None:
            return False
        try:
            return file_signature(os.stat(self.path)) == self._signature
        except OSError:
            return False

    # -- transactions -----------------------------------------------------------------------
    @contextmanager
    def transaction(self, *, blank_is_new: bool = False) -> Iterator[None]:
        """Hold the writers' lock, re-read the file, and write once if anything changed.

        With `blank_is_new` (`claims init`), a file of nothing but blanks with no NAME.bak beside
        it (`touch desk.json`) is taken as no database yet, and replaced by a new one."""
        if self._in_transaction:  # nested: the outer transaction writes
            yield
            return
        special = _special_file(self.path)
        if special is not None:  # (before a lock file is made beside it: /dev/null.lock)
            raise _not_regular(self.path, special)
        self._check_directory()  # (as a dry run says it: not "cannot lock ...")
        made = self._ensure_directory()
        found_lock = os.path.lexists(self.lock_path)
        lock = writers_lock(self.lock_path, lock_timeout())
        try:
            lock.acquire()
        except LockTimeout:
            from .plain import lock_holder_named

            raise StoreLocked(
                f"database {path_shown(self.path)} is locked by another writer (lock file {path_shown(self.lock_path)})",
                hint=f"Try again when it finishes; if that process is stuck ({lock_holder_named(self.lock_path)}), "
                     "end it: its lock goes with it, deleting the lock file does not free it.",
            ) from None
        except OSError as err:
            odd = lock_path_problem(self.path, "it")
            if odd is not None:
                why, mend = odd
                raise StoreError(f"cannot lock database {path_shown(self.path)}: {why}", hint=mend) from None
            raise StoreError(f"cannot lock database {path_shown(self.path)}: {err.strerror or err}") from None
        self._lock = lock
        try:
            # Another process may have written since we last read: re-read, unless the file is
            # still the very version we hold (then a second parse would only cost time).
            self._loaded = self._unchanged_on_disk()
            self.replaced_blank = blank_is_new and self._blank_and_alone()
            if self.replaced_blank:  # (read as no database: the write replaces it, keeping no NAME.bak of it)
                self._data, self._signature, self._loaded = None, None, True
            self._in_transaction = True
            self._dirty = False
            try:
                yield
                if self._dirty:
                    self._flush(self._data or {})
            except BaseException:
                self._loaded = False  # discard in-memory changes
                self._data = None
                self._signature = None
                raise
            finally:
                self._in_transaction = False
                self._dirty = False
        finally:
            if isinstance(lock, FlockLock) and lock.held() and (
                    not self.path.exists() or (not found_lock and self._signature is None)):
                # Nothing written and no database (a mistyped --db, a refused value), or a file
                # that is none (day.csv) beside which this made the lock file: no lock file left
                # as its only trace. Unlinked while held, so a writer waiting on it finds it
                # deleted and locks a new one (FlockLock.acquire), never alongside us.
                try:
                    self.lock_path.unlink()
                except OSError:
                    pass
            lock.release()
            if made and not self.path.exists():
                # ... nor the directories made for it: emptied, deepest first (a writer waiting
                # on the lock makes them again, FlockLock.acquire).
                for directory in reversed(made):
                    try:
                        directory.rmdir()
                    except OSError:
                        break
            elif made and self.made_file and not self.made_directories:
                self.made_directories = list(made)
            self._lock = None

    def _ensure_directory(self) -> list[Path]:
        """Make the database's directory if it is missing; returns the directories this made,
        outermost first (made one by one, so that only those are ever removed: a path through
        `..` names directories that were there under other names)."""
        parent = self.path.parent
        if parent.is_dir():
            return []
        made: list[Path] = []
        for tries_left in reversed(range(4)):
            for directory in reversed([parent, *parent.parents]):  # outermost first
                try:
                    os.mkdir(directory)
                except FileExistsError:
                    continue
                except OSError:
                    break  # (said below)
                if directory not in made:
                    made.append(directory)
            if parent.is_dir():
                return made
            dangling = next((directory for directory in [parent, *parent.parents]
                             if directory.is_symlink() and not directory.exists()), None)
            blocker = file_in_the_way(self.path)
            if dangling is not None or blocker is not None or not tries_left:
                break
            # Nothing in the way: another writer's refused first change removed the directories this
            # found it had made (its transaction's `finally`, after its lock, which this has not
            # taken yet). Made again, as FlockLock.acquire makes the lock file's again.
        if not parent.is_dir():
            if dangling is not None:
                reason = (f"{path_shown(dangling)} is a symbolic link to {path_shown(os.readlink(dangling))}, "
                          "which does not exist")
            elif blocker is not None:
                reason = f"{path_shown(blocker)} is a file, not a directory"
            else:
                try:
                    parent.mkdir(parents=True, exist_ok=True)  # (for the reason it cannot be made)
                    reason = "it is not a directory"
                except OSError as err:
                    reason = err.strerror or str(err)
            for directory in reversed(made):
                try:
                    directory.rmdir()
                except OSError:
                    break
            raise StoreError(f"cannot create the directory for {path_shown(self.path)}: {reason}")
        return made

    def _flush(self, data: dict) -> None:
        self._refuse_what_a_write_would_lose(data)
        claims = data.get(CLAIMS_TABLE)
        counted = _claim_lines_kept_in(data)
        if counted is not None:  # (read back by the next change: _refuse_what_a_write_would_lose)
            counted[CLAIM_LINES] = claims.claims_written() if isinstance(claims, ClaimLines) else \
                len(claims) if isinstance(claims, Mapping) else 0
        self._write_file(encode_database(data), keep_backup=not self.replaced_blank)

    def _refuse_what_a_write_would_lose(self, data: dict) -> None:
        """Before anything is written (and in a dry run: `check_writable`), what a write of `data`,
        read from the file, would lose: a damaged line or a claim line given twice (`validate`); a key
        written twice where the file was read whole (the first line; a file laid out by hand); claim
        lines taken out by hand since the last change, whose last copy NAME.bak holds."""
        claims = data.get(CLAIMS_TABLE)
        if isinstance(claims, ClaimLines):
            claims.validate()
            _refuse_keys_written_twice(self.path, claims.first_line(), on_line=1)
            counted = _claim_lines_kept_in(data)
            written = counted.get(CLAIM_LINES) if counted is not None else None
            if type(written) is int and claims.line_count is not None and claims.line_count < written:
                # Fewer claim lines than the last change wrote: taken out by hand (a file smaller by
                # well under the 1% `_refuse_lost_claims` looks for). The backup says which, in
                # whatever layout it is (one laid out by hand holds no more IDs than the file has
                # claims when the last change added one).
                lost = lost_claims(self.backup_path, claims)
                if lost and _still(self.path, self._signature):
                    raise StoreError(f"database {path_shown(self.path)} {lost_claims_said(lost, self.backup_path.name)}",
                                     hint="It was left untouched; run `claims doctor` to see how to recover.")
        elif self._signature is not None:  # read whole: the file read again (the lock keeps writers out)
            try:
                raw = read_database_bytes(self.path)[0]
            except FileNotFoundError:
                raw = None
            if raw is not None:
                _refuse_keys_written_twice(self.path, plain_utf8(raw))

    def _blank_and_alone(self) -> bool:
        """Whether the file is a regular one of nothing but blanks, with no NAME.bak beside it: it
        holds nothing to lose (one with a backup was a database, whose backup a write would rotate)."""
        try:
            info = os.stat(self.path)
            if not stat.S_ISREG(info.st_mode) or os.path.lexists(self.backup_path):
                return False
            with open(self.path, "rb") as handle:  # (a database's first piece says it is none)
                while chunk := handle.read(1 << 16):
                    if not chunk.isspace() and _without_its_mark(chunk) != b"":
                        return False
        except OSError:
            return False
        return True

    def _write_file(self, pieces: Iterable[bytes | memoryview], *, keep_backup: bool,
                    restoring: int | None = None) -> None:
        """`restoring`: the size of the NAME.bak this write copies back (a restore), said of a full disk."""
        directory = self.path.parent
        self.check_writable(directory=False, contents=False)  # (the transaction checked the directory before its
        # lock, and _flush the contents)
        temp_path = directory / f".{self.path.name}.{os.getpid()}.tmp"
        self._remove_stale_temporaries()
        try:
            # Private while it is written (0600): the database may be (a 0644 temporary let another
            # user read a private desk's new version, and a writer killed then left it so).
            # `_copy_mode` then gives it the database's mode, or a new database the usual 0644.
            fd = os.open(temp_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                _write_all(fd, pieces)
                os.fsync(fd)
            finally:
                os.close(fd)
            self._copy_mode(temp_path)
            if self._lock is not None and not self._lock.held():
                raise StoreLocked(
                    f"the lock file {self.lock_path} was deleted while this command held it; another writer "
                    "may have written since, so nothing was written",
                    hint="Run the command again; delete a lock file only when no claims process runs.")
            # A Ctrl-C from here on comes once the file is replaced, made durable and counted (see
            # cli's 130): not between keeping NAME.bak and the replace, nor before the count.
            with interrupts_held():
                # (counted before NAME.bak is linked to it: said at the write that splits them, and
                # not again, since the new file has one name; a `cp -al` snapshot is not refused)
                names = other_names(self.path, self.backup_path)  # (a restore's NAME.damaged-TIME: its leftovers')
                kept = self._keep_backup() if keep_backup else None
                # (under the lock: whether this write made the file, as a writer that found no file
                # before waiting for the lock cannot tell, `store.created`)
                self.made_file = self.made_file or not os.path.lexists(self.path)
                try:
                    os.replace(temp_path, self.path)
                except OSError:
                    if kept is not None:  # (nothing was changed: NAME.bak neither, or a restore would
                        kept.undo()  # bring back a version older than the one before the last change)
                    raise
                if kept is not None:
                    kept.settle()
                global files_written
                files_written += 1
                if names:
                    databases_split.append((self.path, names))
                fsync_directory(directory)
                try:
                    self._signature = file_signature(os.stat(self.path))  # what we hold is now on disk
                except OSError:
                    self._signature = None
        except BaseException as err:
            if os.path.lexists(temp_path):  # (not replaced yet: nothing was written)
                try:
                    temp_path.unlink()
                except OSError:
                    pass
            if not isinstance(err, OSError):
                raise
            raise StoreError(
                f"could not write database {path_shown(self.path)}: {err.strerror or err}",
                hint="Nothing was changed; the database is as it was before this command."
                     + (self._backup_frees(err) if restoring is None else
                        f" The restore writes a copy of {self.backup_path}, which needs {restoring:,} bytes free there."
                        if _disk_full(err) else ""),
            ) from None

    def _backup_frees(self, err: OSError) -> str:
        """Of a full disk: what moving NAME.bak, a whole copy and often what fills it, would free;
        else (or no NAME.bak of its own: one linked to the database frees nothing) ""."""
        if not _disk_full(err):
            return ""
        try:
            backup = os.stat(self.backup_path)
            if not stat.S_ISREG(backup.st_mode) or backup.st_size == 0 or os.path.samefile(self.path, self.backup_path):
                return ""
        except OSError:
            return ""
        return (f" Moving {self.backup_path} (the version before the last change) to another disk frees "
                f"{backup.st_size:,} bytes.")

    def check_writable(self, *, directory: bool = True, contents: bool = True) -> None:
        """A database file without write permission for anyone (`chmod a-w`: a closed year) is not
        replaced: a rename needs only the directory's permission, so the file's own would otherwise
        be ignored. The mode bits decide, not this user's access: root passes every access check,
        and in a shared, group-writable desk directory another analyst's 0644 file is replaced as
        it always was. `directory`: its directory too (`_check_directory`; a write's transaction
        has checked it before its lock). `contents`: what was read, as a write refuses it (a dry run
        foresees it; a write has checked it in `_flush`)."""
        try:
            mode = os.stat(self.path).st_mode
        except OSError:
            mode = 0o200  # (no file yet: the directory decides, and its file system)
        if not mode & 0o222:
            hint = f"Nothing was changed. `chmod u+w {_as_an_operand(self.path)}` allows changes again."
            if not _owned_by_this_user(self.path):  # (chmod of another user's file: "Operation not permitted")
                hint = ("Nothing was changed. The file is another user's: ask them for write permission on it, or copy "
                        "the database to a file of your own and give --db the copy.")
            raise StoreError(f"cannot write database {path_shown(self.path)}: it is read-only (no write permission)",
                             hint=hint)
        if directory:
            self._check_directory()
        if contents and self._loaded and isinstance(self._data, dict):  # (a dry run: what was read, as a
            self._refuse_what_a_write_would_lose(self._data)  # write's first step finds it)

    def _check_directory(self) -> None:
        """A database whose directory (or the nearest one there is, where the others would be made)
        is on a read-only file system, or this user cannot write, is refused, by a dry run and a
        write alike: the write's lock file, temporary file and new directories there fail ("Read-only
        file system", "Permission denied"). (Root passes the access check.) So is one in a sticky
        directory (chmod +t, as /tmp is) whose file is another user's: the rename over it fails
        ("Operation not permitted"), at the write's last step."""
        directory = next((parent for parent in (self.path.parent, *self.path.parent.parents) if parent.is_dir()), None)
        try:
            mounted_read_only = directory is not None and bool(os.statvfs(directory).f_flag & os.ST_RDONLY)
        except (AttributeError, OSError):
            mounted_read_only = False
        if mounted_read_only:
            raise StoreError(f"cannot write database {path_shown(self.path)}: its file system is read-only",
                             hint="Nothing was changed. Copy the database to a writable disk to change it.")
        if directory is None or os.access(directory, os.W_OK):
            owner = _kept_by_the_sticky_bit(directory, self.path) if directory == self.path.parent else None
            if owner is not None:
                raise StoreError(
                    f"cannot write database {path_shown(self.path)}: its directory {path_shown(directory)} is sticky "
                    f"(chmod +t) and the file is {_user_named(owner)}'s: only its owner (or root) may replace it",
                    hint="Nothing was changed. Share a database in a directory of its own that the desk's group may "
                         "write, without the sticky bit (`chgrp GROUP DIR; chmod 2775 DIR`), or copy it to a file of "
                         "your own and give --db the copy.")  # (not `chmod -t` of this one: /tmp, often)
            return
        hint = f"Nothing was changed. `chmod u+w {_as_an_operand(directory)}` allows changes, if it is yours to change."
        if not _owned_by_this_user(directory):  # (user nobody's default database under /nonexistent: `chmod u+w /`)
            hint = ("Nothing was changed. The directory is another user's: ask them for write access there, or copy "
                    "the database to a directory you can write and give --db the copy." if self.path.exists() else
                    "Nothing was changed. Give --db (or $CLAIMS_DB) a file in a directory you can write.")  # (a new one)
        if directory != self.path.parent:
            raise StoreError(f"cannot make the directory of database {path_shown(self.path)}: {path_shown(directory)} is not writable",
                             hint=hint)
        raise StoreError(f"cannot write database {path_shown(self.path)}: its directory {path_shown(directory)} is not writable (a change "
                         "replaces the file there)", hint=hint)

    def _copy_mode(self, temp_path: Path) -> None:
        try:
            info = self.path.stat()
        except FileNotFoundError:
            os.chmod(temp_path, 0o644 & ~current_umask())  # (what the file would have been given, created so)
            return
        os.chmod(temp_path, info.st_mode & 0o777)
        # Root's write (`sudo claims ...`, a root cron job) keeps the file its owner's: made root's,
        # in a sticky directory (as /tmp is) its owner could no longer replace it (review).
        if hasattr(os, "geteuid") and os.geteuid() == 0 and (info.st_uid, info.st_gid) != (0, 0):
            try:
                os.chown(temp_path, info.st_uid, info.st_gid)
            except OSError:
                pass  # (a file system without owners: the write goes on, as before)

    def _keep_backup(self) -> "_KeptBackup | None":
        """Keep the current file as NAME.bak: a hard link, so no copying however large it is.

        Returns what puts NAME.bak back as it was should the write's replace then fail (in a sticky
        directory, another user's file: "Operation not permitted"), None when NAME.bak was not
        changed or cannot be put back: the NAME.bak before is kept aside until then as
        `.NAME.PID.old.tmp`, a second name of it (where none can be made, it is not kept)."""
        if not self.path.exists():
            return None
        link_path = self.path.with_name(f".{self.path.name}.{os.getpid()}.bak.tmp")
        aside = self.path.with_name(f".{self.path.name}.{os.getpid()}.old.tmp")
        kept = None
        try:
            if link_path.exists():
                link_path.unlink()
            try:
                os.link(self.path, link_path)
            except OSError:
                # No hard link here (a filesystem without them; a file of another user where
                # fs.protected_hardlinks is on): a copy, or NAME.bak would stay older than the
                # version before this change, and a restore would lose two changes.
                if not self._copy_for_backup(link_path):
                    return None
            before = self._set_aside(aside)
            kept = None if before is False else _KeptBackup(self.backup_path, before)
            os.replace(link_path, self.backup_path)
            if os.path.lexists(link_path):
                # NAME.bak already was this very file (a writer was killed after keeping it):
                # rename() between two links of one file does nothing, so drop our link.
                link_path.unlink()
            return kept
        except OSError as err:
            # Neither (a full disk, a directory called NAME.bak): the write goes on without its
            # backup, and says so (store.unbacked).
            self.backup_missed = "it is a directory" if os.path.isdir(self.backup_path) else err.strerror or str(err)
            if kept is not None and kept.before is not None:  # (the NAME.bak there was stays: no other is made)
                kept.undo()
            try:
                link_path.unlink()
            except OSError:
                pass
            return None

    def _set_aside(self, aside: Path) -> Path | None | bool:
        """Keep the NAME.bak there is (a file, or a symbolic link) as `aside`, a second name of it,
        until the write is done; None when there is none; False when no second name of it can be
        made (another user's NAME.bak under fs.protected_hardlinks, a file system without links):
        then it is not kept, as before the undo was made, since renaming it aside would leave no
        NAME.bak to a kill before the new one is in place (review)."""
        try:
            if stat.S_ISDIR(os.lstat(self.backup_path).st_mode):  # (refused by the replace: said so)
                return None
        except FileNotFoundError:
            return None
        aside.unlink(missing_ok=True)
        try:
            os.link(self.backup_path, aside, follow_symlinks=False)
        except (OSError, NotImplementedError):
            return False
        return aside

    def _copy_for_backup(self, link_path: Path) -> bool:
        """Copy the database to `link_path`, to become NAME.bak; False when NAME.bak already is this
        very version (a writer was killed after keeping it): nothing to copy. Raises OSError."""
        try:
            shutil.copy2(self.path, link_path)  # (with the database's mode: a private one stays so)
            return True
        except OSError:
            # (a full disk): the older NAME.bak, which this backup replaces, gives way first, its room
            # perhaps enough; kept beside a change with none, doctor would advise restoring it as
            # "the version before the last change", lacking two
            if not os.path.lexists(self.backup_path) or os.path.isdir(self.backup_path):
                raise
            if same_file(self.backup_path, self.path):
                link_path.unlink(missing_ok=True)
                return False
            self.backup_path.unlink()
        shutil.copy2(self.path, link_path)
        return True

    def restore_backup(self, check: Callable[[], None]) -> Path:
        """Put NAME.bak back in place of the database; returns where the replaced file was kept.

        Under the writers' lock: `check()` re-examines both files first and raises to refuse. The
        current file is kept as NAME.damaged-TIME (a hard link, else a copy), never deleted; then a
        copy of the backup replaces it atomically, and NAME.bak stays as it was.
        """
        with self.transaction():
            check()
            self.check_writable(directory=False, contents=False)  # (before the damaged file is kept aside: a refusal leaves
            # nothing; its directory the transaction checked)
            try:  # (read before the damaged file is kept aside: a failed read, or a Ctrl-C, leaves nothing)
                payload = self.backup_path.read_bytes()
            except OSError as err:
                raise StoreError(f"cannot read {path_shown(self.backup_path)}: {err.strerror or err}") from None
            aside = None
            if self.path.exists():
                aside = self._keep_aside()
            self._remove_stale_temporaries()
            try:
                self._write_file((payload,), keep_backup=False, restoring=len(payload))  # (not "move
                # NAME.bak away to free room": it is what this copies back)
            except BaseException:
                if aside is not None and same_file(aside, self.path):  # (a second name of the very
                    aside.unlink()  # file left as it was: "Nothing was changed" stays true)
                raise
            # What we hold in memory is not what is on disk now: read it afresh next time.
            self._loaded = False
            self._data = None
            self._signature = None
            return aside  # type: ignore[return-value]

    def relayout(self, check: Callable[[bytes, dict], None]) -> None:
        """Write the database again in the store's own layout, one claim a line, as any change writes
        it (NAME.bak keeps the file as it was); for a file laid out otherwise by hand.

        Under the writers' lock: the file is parsed whole, and `check(raw, data)` raises to refuse.
        """
        with self.transaction():
            try:
                raw, _ = read_database_bytes(self.path)
            except FileNotFoundError:
                raise StoreError(f"there is no database {path_shown(self.path)} to rewrite") from None
            data = _parse_whole(plain_utf8(raw), self.path)
            if not isinstance(data, dict):
                raise not_an_object(self.path, data)
            check(raw, data)
            self.write(data)  # (written as the transaction ends, as every change is)

    def _keep_aside(self) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        number = 1
        while aside.exists():
            number += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{number}")
        try:
            try:
                os.link(self.path, aside)
            except OSError:
                shutil.copy2(self.path, aside)
        except OSError as err:
            raise StoreError(f"cannot keep a copy of {path_shown(self.path)} as {path_shown(aside)}: "
                             f"{err.strerror or err}",
                             hint="Nothing was changed.") from None
        return aside

    def _remove_stale_temporaries(self) -> None:
        """Temporary files left by killed writers; safe to remove since we hold the lock."""
        for name in stale_temporaries(self.path):
            try:
                os.unlink(self.path.parent / name)
            except OSError:
                pass



def _disk_full(err: OSError) -> bool:
    return err.errno in (errno.ENOSPC, errno.EDQUOT)


WRITE_BATCH_BYTES = 1 << 20


def _write_all(fd: int, pieces: Iterable[bytes | memoryview]) -> None:
    """Write every piece: small ones gathered into batches of about 1 MB, large ones directly."""
    batch: list = []
    batched = 0

    def write(data) -> None:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]

    for piece in pieces:
        size = len(piece)
        if size >= WRITE_BATCH_BYTES:
            if batch:
                write(b"".join(batch))
                batch, batched = [], 0
            write(piece)
            continue
        batch.append(piece)
        batched += size
        if batched >= WRITE_BATCH_BYTES:
            write(b"".join(batch))
            batch, batched = [], 0
    if batch:
        write(b"".join(batch))


# ------------------------------------------------------------------------- for `claims doctor`

@dataclass
class FileRead:
    """A file as `claims doctor` found it: its size, bytes and parsed JSON, or what stopped the parse."""

    exists: bool
    size: int | None = None
    modified: float | None = None  # seconds since the epoch
    raw: bytes | None = None
    data: Any = None
    problem: tuple[str, str] | None = None  # (kind, message)


def read_for_doctor(path: Path, *, parse: bool = True) -> FileRead:
    """Read and parse a database (or backup) file, describing rather than raising any problem.

    With parse=False the bytes are read but not parsed (`claims_as_written` may check them line by
    line instead; `parse_for_doctor` parses them whole).
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return FileRead(exists=False)
    except NotADirectoryError:  # ("afile/db.json": no such file can be)
        return FileRead(exists=True, problem=("in-the-way", f"{path_shown(file_in_the_way(path) or path.parent)} is a file, "
                                                           "not a directory"))
    except OSError as err:
        return FileRead(exists=True, problem=("unreadable", _unreadable_said(path, err)))
    found = FileRead(exists=True, size=info.st_size, modified=info.st_mtime)
    if path.is_dir():
        found.problem = ("directory", "it is a directory, not a file")
        return found
    if not stat.S_ISREG(info.st_mode):  # (a named pipe would be waited on for ever)
        found.problem = ("special", f"it is not a regular file ({file_kind(info.st_mode)})")
        return found
    try:
        found.raw = path.read_bytes()
    except OSError as err:
        found.problem = ("unreadable", _unreadable_said(path, err, info))
        return found
    if not found.raw or found.raw.isspace() or _without_its_mark(found.raw) == b"":  # (not raw.strip(): that
        # would copy the whole file)
        found.problem = ("empty", f"the file is empty ({len(found.raw)} bytes, no JSON)")
        return found
    if _without_its_mark(found.raw) == b"{}":  # (as the commands read it: _parse_whole)
        found.raw = b"{}"
    if parse:
        parse_for_doctor(found)
    return found


def _unreadable_said(path: Path, err: OSError, info: os.stat_result | None = None) -> str:
    """Why a file could not be read, as doctor says it after "NAME is" (its advice reads the
    words: a file this user may not read, or a link in a loop, is no damage to restore over)."""
    from .plain import LINK_LOOP, MODE_ALLOWS, UNREADABLE_HERE

    why = err.strerror or str(err)
    if err.errno in (errno.EACCES, errno.EPERM):
        if info is None:  # (a directory on its path this user may not enter)
            return f"{UNREADABLE_HERE} ({why}: a directory on its path may not be entered)"
        if os.name == "posix" and os.access(path, os.R_OK):  # (macOS's privacy controls, a security
            return f"{UNREADABLE_HERE} ({why}, though {MODE_ALLOWS})"  # policy: no chmod changes it)
        if os.name != "posix":  # (Windows: another program holding it open; no mode, no owner to name)
            return f"{UNREADABLE_HERE} ({why})"
        return f"{UNREADABLE_HERE} (mode {stat.S_IMODE(info.st_mode):04o}, owned by {_user_named(info.st_uid)})"
    if err.errno == errno.ELOOP:
        return f"{LINK_LOOP}, which leads to no file" if os.path.islink(path) else \
            f"reached through {LINK_LOOP} (a directory on its path)"
    return f"unreadable ({why})"


def parse_for_doctor(found: FileRead) -> None:
    """Parse a file `read_for_doctor` read (with parse=False) whole: its data, or why it is not JSON."""
    try:
        with paused():
            found.data = orjson.loads(plain_utf8(found.raw))  # type: ignore[arg-type]
    except orjson.JSONDecodeError as err:
        out_of_memory(err)
        kind, why = json_problem(found.raw, err)  # type: ignore[arg-type]
        found.problem = (kind, "the file " + why)
        if kind in ("truncated", "not-json"):
            damaged = _damaged_line(found.raw)  # type: ignore[arg-type]
            if damaged is not None:
                found.problem = ("not-json", f"{damaged}: mend that line by hand")


def _damaged_line(raw: bytes, *, keys: bool = True) -> str | None:
    """Where a file laid out one claim a line is damaged, as the commands say it ("line 6 holds a
    claim record that is not valid JSON"; with `keys`, a claim line given again too); None for a
    file without that layout, or whole. (A brace taken out in an editor read to orjson as the
    file's end at its last line: "truncated".)"""
    try:
        found = ClaimLines.from_bytes(plain_utf8(raw))
        if found is not None:
            found[1].validate(keys=keys)
    except DamagedLine as err:
        return err.where
    except (StoreError, orjson.JSONDecodeError, UnicodeDecodeError):
        return None
    return None


def json_problem(raw: bytes, err: orjson.JSONDecodeError) -> tuple[str, str]:
    """(kind, "is not valid JSON (...)") for a file orjson refused. Bytes that are not UTF-8 are
    placed by their byte (orjson says "line 1 column 1" for them): a file cut inside a letter
    of more than one byte (Cyrillic) is truncated, as one cut anywhere else. One that does not
    start as a JSON object or array (a spreadsheet, a page, a zip: a mistyped --db) is
    ("not-claims", "is not JSON: it starts with ..."), unless it names a schema_version near its
    start (a claims database whose first line was spoilt: a merge's conflict marker) or begins
    with a byte-order mark (an editor's, saving one); one of NUL bytes is damage, as before."""
    start = raw[:256].lstrip()
    if start.startswith(b"\xef\xbb\xbf"):  # (what follows an editor's byte-order mark says: Excel's CSV has one)
        start = start[3:].lstrip()
    if start and start[0] >= 0x20 and start[:1] not in b"{[" and b'"schema_version"' not in raw[:1 << 16]:
        first = start.split(b"\n", 1)[0].decode("utf-8", errors="replace")[:20].rstrip()
        return "not-claims", f"is not JSON: it starts with {shown(first)}"
    if _json_lines_export(raw):
        from .migrations import AN_EXPORT, JSON_LINES

        return "not-claims", f"{JSON_LINES} ({AN_EXPORT})"
    if "UTF-8" in str(err):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:
            if bad.end == len(raw) and bad.reason == "unexpected end of data":
                return "truncated", "stops short inside a character at its end: it looks truncated"
            return "not-json", f"is not valid JSON: byte {bad.start + 1} is not UTF-8 (0x{raw[bad.start]:02x})"
    if "end of data" in str(err) or "EOF" in str(err):
        return "truncated", f"stops short ({err}): it looks truncated"
    return "not-json", f"is not valid JSON ({err})"


def _json_lines_export(raw: bytes) -> bool:
    """Whether `raw`, refused as one JSON document, is JSON Lines as `export --format jsonl` or
    `list --format jsonl` writes it: a first line that is a source's, a category's or a claim's
    record, and more lines after it (to import, as a JSON export given as --db is said to be)."""
    first, newline, rest = raw.removeprefix(b"\xef\xbb\xbf").lstrip().partition(b"\n")
    if not newline or not rest.strip():
        return False
    try:
        record = orjson.loads(first)
    except orjson.JSONDecodeError:
        return False
    from .migrations import an_export  # (a claim's record, as a one-line listing's is)

    return type(record) is dict and (record.get("type") in ("source", "category") or an_export(record))


def stale_temporaries(path: Path) -> list[str]:
    """Temporary files left beside the database by interrupted writes (the next write removes them).

    Exactly `.NAME.PID.tmp`, `.NAME.PID.bak.tmp` and `.NAME.PID.old.tmp` (the NAME.bak before, kept
    until the write is done): a database called `NAME.old` in the same directory has its own lock, and
    its writer's files must be left alone.
    """
    stale = re.compile(re.escape(f".{path.name}.") + r"\d+(\.bak|\.old)?\.tmp")
    try:
        return sorted(entry.name for entry in os.scandir(path.parent) if stale.fullmatch(entry.name))
    except OSError:
        return []


def conflict_copies(path: Path) -> list[str]:
    """The names beside the database of what look like a sync tool's conflict copies of it: the
    version of one machine that the tool kept aside when two machines changed the file at once
    (Syncthing's `desk.sync-conflict-20261208-060200-ABCDEF7.json`, Dropbox's `desk (Alice's
    conflicted copy 2026-12-08).json`, Nextcloud's `desk (conflicted copy 2026-12-08 060200).json`
    or `desk_conflict-20261208-060200.json`, OneDrive's `desk-MACHINENAME.json`, Google Drive's
    `desk (1).json`), each a claims database by its first bytes (`desk-NOTES.json`, a list, is
    none). One listing of the directory, and the start of each name that matches."""
    stem, suffix = re.escape(path.stem), re.escape(path.suffix)
    pattern = re.compile(
        stem + r"(?:\.sync-conflict-\d{8}-\d{6}(?:-[A-Za-z0-9]+)?"  # Syncthing (its device's short ID)
        r"| \([^()]*(?i:conflicted copy)[^()]*(?:\(\d+\)[^()]*)?\)"  # Dropbox, Nextcloud, ownCloud
        r"|_conflict-\d{8}-\d{6}"  # Nextcloud, before
        r"|(?P<loose>-(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{0,62}"  # OneDrive: Windows' COMPUTERNAME, in capitals
        r"| \(\d+\)))" + suffix)  # Google Drive
    try:
        # (files alone: a sync tool writes files, never a directory or a link)
        entries = sorted((entry.name, match) for entry in os.scandir(path.parent)
                         if (match := pattern.fullmatch(entry.name)) and entry.name != path.name
                         and entry.is_file(follow_symlinks=False))
    except OSError:
        return []
    made = None  # when the database was made (`_made_at`), read once a loosely named copy asks
    found = []
    for name, match in entries:
        copy = path.parent / name
        try:
            if not begins_as_a_claims_database(copy) or (path.exists() and os.path.samefile(copy, path)):
                continue
            if match["loose"] is not None:
                # (review) a name so loose may be another desk's database or a copy kept on purpose
                # (desk-UA.json, desk (2).json): a conflict copy began as this database, made when it
                # was. Where that cannot be read of either (the database damaged, removed, laid out by
                # hand: when its copies may hold all there is), the copy is noted, as its name says.
                made = _made_at(path) if made is None else made
                theirs = _made_at(copy)
                if made and theirs and theirs != made:
                    continue
        except OSError:  # (unreadable here: what it holds is unknown, and its name says what it is)
            pass
        found.append(name)
    return found


_MADE_AT = re.compile(rb'"meta":\{"1":\{[^{}]*?"created_at":"([^"]+)"')


def _made_at(path: Path) -> bytes | bool:
    """When the database was made (its meta record's created_at, on its first line as claims writes
    it: a copy of it has it, another desk's database, even one an export of it began, its own), or
    False where it cannot be read so."""
    try:
        with open(path, "rb") as handle:
            line = handle.readline(1 << 24)
    except OSError:
        return False
    found = _MADE_AT.search(line)
    return found[1] if found else False


def why_read_only(path: Path) -> str | None:
    """Why no change can be written to the database at `path` (a file without write permission, a
    read-only file system, a directory this user may not write: one not made yet, none can make), as
    a write says it after "cannot write database NAME: "; None when one can be."""
    storage = AtomicJSONStorage(path)
    try:
        storage.check_writable(contents=False)
    except StoreError as err:
        return err.message.removeprefix(f"cannot write database {storage.path}: ")
    return None


def lock_path_problem(path: Path, subject: str) -> tuple[str, str] | None:
    """(why, the way out: "Remove `subject` (...); ...") when the database's lock file is one no
    writer can lock: a directory (or a link to one: a hand's mkdir, a restore gone astray) or a
    socket, which cannot be opened; or one this user may not read (another analyst's 0600: flock
    needs no more than reading), where this user could otherwise write (a reader who may not write
    the directory is stopped by that, as the writes say); None for a file, a FIFO (it locks as
    well) or none."""
    import stat

    from .plain import shell_quoted

    lock_path = path.with_name(path.name + ".lock")
    quoted = shell_quoted(str(lock_path))
    again = "the next change makes the lock file again"
    link = os.path.islink(lock_path)
    try:
        found = os.stat(lock_path)  # (through a link: what a writer opens)
    except OSError as err:
        why = _dangling(lock_path, err) if link else None  # (none at all: the next change makes it)
        if why is None:
            return None
        return (f"its lock file {lock_path} is a symbolic link to {os.readlink(lock_path)}, which {why}",
                f"Remove {subject} (rm {quoted}: a link); {again}.")
    mode = found.st_mode
    if stat.S_ISDIR(mode):
        why = f"its lock file {lock_path} is a directory"
    elif stat.S_ISSOCK(mode):
        why = f"its lock file {lock_path} is a socket"
    elif not os.access(lock_path, os.R_OK) and os.access(lock_path.parent, os.W_OK | os.X_OK):
        return (f"its lock file {lock_path} cannot be read by this user (mode {stat.S_IMODE(mode):04o}, owned by "
                f"{_user_named(found.st_uid)})",
                f"Remove {subject} (rm {quoted}: {again}), or have its owner make it readable (chmod a+r {quoted}).")
    else:
        return None
    remove = f"rm {quoted}: a link" if link else f"rmdir {quoted} if it is empty" if stat.S_ISDIR(mode) else \
        f"rm {quoted}"
    return why, f"Remove {subject} ({remove}); {again}."


def _dangling(lock_path: Path, err: OSError) -> str | None:
    """Why no writer can lock through `lock_path`, a link that leads to no file (a writer's open
    makes the file it points to where it can), or None: it can, or this user writes nothing there
    anyway (as `lock_path_problem`'s reader)."""
    if not os.access(lock_path.parent, os.W_OK | os.X_OK):
        return None
    if not isinstance(err, FileNotFoundError):  # (a loop; a directory on the way this user may not enter)
        return f"this user cannot follow ({err.strerror or err})"
    target = lock_path.parent / os.readlink(lock_path)
    if not target.parent.is_dir():
        return "does not exist, in a directory that does not exist either"
    if not os.access(target.parent, os.W_OK | os.X_OK):
        return f"does not exist, and this user may not make it in {target.parent}"
    return None


def _user_named(uid: int) -> str:
    """A user's name, else their number."""
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"


def lock_is_held(path: Path) -> bool:
    """Whether a writer holds the database's lock right now (creates no lock file)."""
    lock_path = path.with_name(path.name + ".lock")
    if not lock_path.exists():
        return False
    lock = writers_lock(lock_path, 0)
    try:
        lock.acquire()
    except LockTimeout:
        return True
    except OSError:
        return False
    lock.release()
    return False


class LockTimeout(Exception):
    """Another writer held the lock for the whole wait."""


class FlockLock:
    """An exclusive `flock` on NAME.lock, waited for up to `timeout` seconds.

    The same lock filelock's UnixFileLock takes (the two exclude each other), without importing
    filelock's API, which pulls in asyncio and logging: about 25 ms of every write.
    """

    POLL_SECONDS = 0.05

    def __init__(self, path: Path, timeout: float):
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        import fcntl

        deadline = time.monotonic() + self.timeout
        remade = 0
        while True:
            try:
                fd = _open_lock_file(self.path)
            except FileNotFoundError:
                # its directory is gone: a refused first change removed what it had made for
                # the database (AtomicJSONStorage.transaction) while this writer waited
                remade += 1
                if remade > 3:
                    raise
                self.path.parent.mkdir(parents=True, exist_ok=True)
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise LockTimeout(str(self.path)) from None
                time.sleep(self.POLL_SECONDS)
                continue
            except BaseException:
                os.close(fd)
                raise
            if not _is_at(fd, self.path):  # the file was deleted (or replaced) while we waited: lock the new one
                os.close(fd)
                continue
            if not os.path.islink(self.path) and stat.S_ISREG(os.fstat(fd).st_mode):
                # (as the database is now: it may have been opened up since; a file a link points
                # to, or a device, is left as it is)
                _shared_like_database(fd, self.path)
            self._fd = fd
            _locks_held.append(self)
            return

    def held(self) -> bool:
        """Whether the lock file is still the one locked: deleted or replaced meanwhile (by hand),
        another writer may have locked the new one and written."""
        return self._fd is not None and _is_at(self._fd, self.path)

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            if self in _locks_held:
                _locks_held.remove(self)
            os.close(fd)  # closing the only descriptor releases the flock


# The writers' locks this process holds, whose descriptors a forked child closes (a worker,
# workers.py): flock's lock belongs to the open file, which the child's copy of the descriptor
# keeps open, so a worker whose writer ended, or was killed with -9, held the lock until its work
# was done. Closed, not unlocked: an unlock through the child's copy would free the writer's lock.
_locks_held: list[FlockLock] = []


def _close_locks_in_child() -> None:
    for lock in _locks_held:
        fd, lock._fd = lock._fd, None  # (the child never releases it: its number may be reused)
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass
    _locks_held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_locks_in_child)


def _is_at(fd: int, path: Path) -> bool:
    """Whether the open file `fd` is the file at `path` now (its inode and device: a count of links
    does not tell on NFS, which renames a deleted open file)."""
    try:
        now = os.stat(path)
    except OSError:
        return False
    locked = os.fstat(fd)
    return (now.st_ino, now.st_dev) == (locked.st_ino, locked.st_dev)


def _open_lock_file(path: Path) -> int:
    """NAME.lock, made if missing, readable by whoever may read the database (see
    _shared_like_database). One made by another user may be read-only here: flock needs no write
    access."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
    except (FileExistsError, PermissionError):
        pass  # (one there, a link, or this user may not make one here: opened as before)
    else:
        _shared_like_database(fd, path)
        return fd
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except PermissionError as denied:
        try:
            return os.open(path, os.O_RDONLY)
        except FileNotFoundError:  # (none to read: this user may not make one here)
            raise denied from None


def _shared_like_database(fd: int, lock_path: Path) -> None:
    """A new lock file given the database's permissions (as a rewritten database keeps them): on
    a shared desk, one analyst's umask 077 made a lock file no other analyst could open, and every
    other writer failed for good."""
    database = lock_path.with_name(lock_path.name[:-len(".lock")]) if lock_path.name.endswith(".lock") else None
    try:
        mode = os.stat(database).st_mode & 0o666 if database is not None else None
        if mode is not None and stat.S_IMODE(os.fstat(fd).st_mode) != mode | stat.S_IRUSR | stat.S_IWUSR:
            os.fchmod(fd, mode | stat.S_IRUSR | stat.S_IWUSR)
    except OSError:  # (no database yet, a file system without modes, another user's lock file: as it is)
        pass


class _PortableLock:
    """filelock's lock, where there is no flock (Windows)."""

    def __init__(self, path: Path, timeout: float):
        from filelock import FileLock

        self._lock = FileLock(str(path), timeout=timeout)

    def acquire(self) -> None:
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise LockTimeout(self._lock.lock_file) from None

    def held(self) -> bool:
        return True  # (filelock's lock file cannot be deleted while held where it is used: Windows)

    def release(self) -> None:
        self._lock.release()


def writers_lock(path: Path, timeout: float):
    """The writers' lock on `path`: flock on POSIX, filelock elsewhere."""
    return FlockLock(path, timeout) if os.name == "posix" else _PortableLock(path, timeout)


# ----------------------------------------------------------------- the file's one-claim-per-line layout

CLAIMS_TABLE = "claims"
META_TABLE = "meta"
CLAIM_LINES = "claim_lines"  # meta's count of the claim lines the last change wrote (AtomicJSONStorage._flush)
_CLAIMS_OPEN = b'"claims":{'
_TAILS = (b"\n}}\n", b"\n}}")
# Look a few claims up by searching the bytes, and index the file (one pass) for more, or once the
# searches have covered the file's length one and a half times: a search runs from the file's end
# (the last copy of a key is the one a JSON parser keeps), so each of the oldest claims' reads the
# whole file (0.13-0.16 s at 100,000 claims: 16 of them were 2.7 s of an import of records keeping
# their IDs)
_INDEX_AFTER_LOOKUPS = 16
_INDEX_AFTER_SEARCHING = 1.5  # the file's lengths searched (an index costs about 1.4 searches of it all)


_LIVE_END = b',"deleted_at":null}'  # how a live claim's line ends (see ClaimLines.span_is_live)
_CLAIMED_ON_KEY = b'"claimed_on"'  # see ClaimLines.claimed_on
_STAMPS_END = b'","deleted_at":null}'  # see ClaimLines.stamps
_UPDATED_KEY = b'","updated_at":"'
_CREATED_KEY = b',"created_at":"'
_BEFORE_KEY = b",{"  # what comes just before a member's key (the store writes no spaces)


class ClaimLines(MutableMapping):
    """The claims table of a database file, parsed one claim at a time, only when asked for.

    The store writes the file as ordinary TinyDB JSON with one claim per line:

        {"meta":{...},"sources":{...},"claims":{
        "1":{...claim 1...},
        "2":{...claim 2...}
        }}

    (orjson escapes every newline inside a string, so a raw newline only ever ends a line.) A
    listing then parses each claim as it goes and drops it, rather than holding 100,000 parsed
    claims at once (7 times the file in memory); a one-claim change parses that claim alone and
    copies every other line from the file's bytes unchanged. Changed and new claims are held as
    dicts until the write. The mapping behaves like the dict TinyDB would have read, in file order.

    A new claim may also be held packed (`pack_claim`: the JSON bytes of its line, a quarter of
    the memory of the dict): an import of 100,000 claims holds them so until the write, which
    copies the bytes as they are. Reading one parses it, like a claim on a line of the file.
    """

    def __init__(self, raw: bytes, body_start: int, body_end: int, path: Any = None):
        self._raw = raw
        self._view = memoryview(raw)
        self._start = body_start  # the first claim line (just after the header's newline)
        self._end = body_end  # the newline before the closing "}}"
        self._path = path
        self._changed: dict[str, dict] = {}  # claims on a line of the file, replaced in memory
        self._added: dict[str, dict | bytes] = {}  # claims not in the file (dicts, or packed)
        self._removed: set[str] = set()
        self._index: dict[str, int] | None = None  # key -> line start, built after many lookups
        self._lookups = 0
        self._searched = 0  # bytes the lookups have searched, while there is no index
        self._last_found: tuple[str, Any] | None = None  # (key, what _find gave for it) of the last lookup
        self.validated = False  # every line has been parsed once, without a problem
        self.line_count: int | None = None  # the file's claim lines, once a pass has read them all
        self._keys_checked = False  # no key is given twice (validate: a write's first step)

    @classmethod
    def empty(cls, path: Any = None) -> "ClaimLines":
        """A claims table with no claims (for a database that has none yet)."""
        return cls(b"", 0, 0, path)

    @classmethod
    def from_bytes(cls, raw: bytes, path: Any = None) -> tuple[dict, "ClaimLines"] | None:
        """(the other tables, the lazy claims table) if `raw` has the line layout, else None."""
        if not raw.startswith(b"{"):
            return None
        header_end = raw.find(b"\n")
        if header_end < 0 or not raw.endswith(_CLAIMS_OPEN, 0, header_end):
            return None
        for tail in _TAILS:
            if raw.endswith(tail) and len(raw) - len(tail) >= header_end:
                body_end = len(raw) - len(tail)
                break
        else:
            return None
        try:
            tables = orjson.loads(raw[:header_end] + b"}}")
        except orjson.JSONDecodeError:
            return None
        if not isinstance(tables, dict) or tables.get(CLAIMS_TABLE) != {}:
            return None
        return tables, cls(raw, header_end + 1, max(body_end, header_end + 1), path)

    def first_line(self) -> bytes:
        """The file's first line, its other tables, as JSON of its own (the claims table empty)."""
        return self._raw[:self._start - 1] + b"}}"

    # -- reading lines ------------------------------------------------------------------------
    def _lines(self, between: tuple[int, int] | None = None) -> Iterator[tuple[int, int, int]]:
        """(line start, value start, value end) of each claim line, in file order (of the lines
        that start `between` two offsets, one of them a line's start: `line_ranges`)."""
        raw, pos, end = self._raw, self._start, self._end
        stop = end
        if between is not None:
            pos, stop = between
        find = raw.find
        while pos < stop:
            line_end = find(b"\n", pos, end)
            if line_end < 0:
                line_end = end
            comma = raw[line_end - 1] == 44  # every line but the last ends with a comma
            value_end = line_end - 1 if comma else line_end
            key_end = find(b'":', pos + 1, line_end)
            if raw[pos] != 34 or key_end < 0 or comma != (line_end < end):  # 34: the key's quote
                self._damaged(pos, "a line that is not one claim record")
            if line_end + 1 == end:  # (the last claim's comma, then an empty line: not JSON)
                self._damaged(end, "nothing: an empty line after the last claim, whose line ends with a comma")
            yield pos, key_end + 2, value_end
            pos = line_end + 1

    def _parse(self, start: int, end: int) -> dict:
        try:
            doc = orjson.loads(self._view[start:end])
        except orjson.JSONDecodeError as err:
            out_of_memory(err)
            self._damaged(start, f"a claim record that is not valid JSON ({err.msg})")
        if type(doc) is not dict:
            self._damaged(start, "a claim record that is not a JSON object")
        return doc

    def _damaged(self, position: int, what: str, *, repeated: bool = False) -> NoReturn:
        line = self._raw.count(b"\n", 0, position) + 1
        if repeated:  # (no layout to mend: doctor names the key written twice)
            hint = "It was left untouched; run `claims doctor` to see how to recover."
        else:
            hint = ("It was left untouched; run `claims doctor` to see how to recover (`claims doctor --relayout` if "
                    "it finds the file only laid out otherwise by hand).")
        raise (RepeatedLine if repeated else DamagedLine)(
            f"database {self._path} is damaged: line {line} holds {what}", hint=hint, where=f"line {line} holds {what}")

    def _key(self, start: int, value_start: int) -> str:
        return self._raw[start + 1:value_start - 2].decode()

    def _locate(self, key: str) -> tuple[int, int, int] | None:
        """(line start, value start, value end) of the claim stored under `key` in the file."""
        return None if key in self._removed else self._find(key)

    def _find(self, key: str) -> tuple[int, int, int] | None:
        """Where `key`'s line is in the file's bytes, removed from the table or not."""
        if self._last_found is not None and self._last_found[0] == key:
            return self._last_found[1]  # (a change looks its claim up to read it, then to write it)
        found = self._last_found = (key, self._search(key))
        return found[1]

    def _search(self, key: str) -> tuple[int, int, int] | None:
        if self._index is None:
            self._lookups += 1
            if self._lookups > _INDEX_AFTER_LOOKUPS or self._searched >= _INDEX_AFTER_SEARCHING * (self._end - self._start):
                self._indexed()
        if self._index is not None:
            start = self._index.get(key)
        else:
            # The last copy, as a JSON parser keeps the last of two equal keys.
            found = self._raw.rfind(b'\n"' + key.encode() + b'":', self._start - 1, self._end)
            start = found + 1 if found >= 0 else None
            self._searched += self._end - (self._start if start is None else start)
            if start is None and self._raw.find(b'"' + key.encode() + b'":', self._start, self._end) >= 0:
                # Not at a line's start, yet there (indented, after another claim on its line: a
                # hand edit): not "no claim", but the damaged line, said as every line is read. (Only
                # on a miss, an unknown ID, and only until the index is built: it reads each line.)
                self.validate()
        if start is None:
            return None
        value_start = start + len(key.encode()) + 3
        line_end = self._raw.find(b"\n", start, self._end)
        if line_end < 0:
            line_end = self._end
        return start, value_start, line_end - 1 if self._raw[line_end - 1] == 44 else line_end

    def holding(self, pattern: "re.Pattern[bytes]") -> Iterator[tuple[str, dict]]:
        """(key, claim) of each claim, deleted ones too, whose line `pattern` finds a match in
        (a search of the file's bytes: only those lines are parsed; an unknown ID's hint at
        100,000 claims takes a tenth of a second, not a second), then every claim held in memory.
        The claims' lines each begin after a newline, so a pattern may begin with one."""
        raw, body_start, body_end = self._raw, self._start, self._end
        starts: set[int] = set()
        for found in pattern.finditer(raw, max(body_start - 1, 0), body_end):
            at = found.start() + (raw[found.start()] == 10)  # (past the newline the pattern began with)
            starts.add(raw.rfind(b"\n", body_start, at + 1) + 1 or body_start)
        overlay = self._changed.keys() | self._removed
        for start in sorted(starts):
            key_end = raw.find(b'":', start + 1, body_end)
            if start < body_start or raw[start] != 34 or key_end < 0:  # (no claim line: a hand edit's, said elsewhere)
                continue
            key = self._key(start, key_end + 2)
            if key in overlay:
                continue
            line_end = raw.find(b"\n", start, body_end)
            line_end = body_end if line_end < 0 else line_end
            yield key, self._parse(key_end + 2, line_end - 1 if raw[line_end - 1] == 44 else line_end)
        yield from self._changed.items()
        for key, doc in self._added.items():
            yield key, unpack_claim(doc, key)

    # -- the mapping ----------------------------------------------------------------------------
    def __getitem__(self, key: str) -> dict:
        if key in self._changed:
            return self._changed[key]
        if key in self._added:
            return unpack_claim(self._added[key], key)
        found = self._locate(key)
        if found is None:
            raise KeyError(key)
        return self._parse(found[1], found[2])

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        return key in self._changed or key in self._added or self._locate(key) is not None

    def __setitem__(self, key: str, doc: dict) -> None:
        if key in self._added or self._locate(key) is None:
            self._added[key] = doc
        else:
            self._changed[key] = doc

    def put_all(self, documents: dict[str, dict | bytes]) -> None:
        """`self[key] = doc` for each, in order (one index lookup each, for 100,000 at a time)."""
        index = self._indexed()
        changed, added, removed = self._changed, self._added, self._removed
        if index.keys().isdisjoint(documents):  # all new (an import): no lookup per claim
            added.update(documents)
            return
        for key, doc in documents.items():
            if key in index and key not in removed and key not in added:
                changed[key] = doc
            else:
                added[key] = doc

    def key_set(self) -> set[str]:
        """Every key of the table, as a set."""
        return (set(self._indexed()) - self._removed) | set(self._added)

    def _indexed(self) -> dict[str, int]:
        if self._index is None:
            index, lines = {}, 0
            for start, value_start, _ in self._lines():
                index[self._key(start, value_start)] = start
                lines += 1
            self._keep_index(index, lines)
        return self._index

    def _keep_index(self, index: dict[str, int], lines: int) -> None:
        """Keep `index` (each key's line start, read from `lines` lines) as the table's."""
        self._index = index
        self.line_count = lines
        # (a key for each line: none is given twice, and validate need not read the keys again)
        self._keys_checked = self._keys_checked or len(index) == lines

    def __delitem__(self, key: str) -> None:
        if key in self._added:
            del self._added[key]
        elif self._locate(key) is not None:
            self._changed.pop(key, None)
            self._removed.add(key)
        else:
            raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        for start, value_start, _ in self._lines():
            key = self._key(start, value_start)
            if key not in self._removed:
                yield key
        yield from self._added

    def __bool__(self) -> bool:  # (without counting every line, as len() would)
        if self._added:
            return True
        if self._end <= self._start:
            return False
        return not self._removed or len(self) > 0

    def __len__(self) -> int:
        lines = self._raw.count(b"\n", self._start, self._end) + 1 if self._end > self._start else 0
        return lines - len(self._removed) + len(self._added)

    def values(self) -> Iterator[dict]:  # type: ignore[override]
        for _, doc in self._documents():
            yield doc

    def items(self) -> Iterator[tuple[str, dict]]:  # type: ignore[override]
        yield from self._documents(keys=True)

    def indexing_items(self) -> Iterator[tuple[str, dict]]:
        """`items()`, which also builds the table's key index (`_indexed`) on the way, if it has
        none, from the keys it reads anyway: a change to many of the claims read so
        (`store.change_claims`) is then put and written without reading every line's key a second
        time (a rename at 100,000 claims: a tenth of a second). Kept only when every line was read:
        a pass stopped part-way (a damaged line, a caller done early) leaves the table as it was."""
        if self._index is not None or self._changed or self._removed:
            yield from self._documents(keys=True)
            return
        index: dict[str, int] = {}
        lines = 0
        with paused():  # (as _documents)
            for start, value_start, value_end in self._lines():
                key = self._key(start, value_start)
                index[key] = start  # (a key given twice: the last, as _indexed keeps it)
                lines += 1
                yield key, self._parse(value_start, value_end)
            self.validated = True
            self.line_count = lines
            if self._index is None and not (self._changed or self._removed):  # (nothing changed it meanwhile)
                self._keep_index(index, lines)
            for key, doc in self._added.items():
                yield key, unpack_claim(doc, key)

    def _documents(self, keys: bool = False, added: bool = True) -> Iterator[tuple[str | None, dict]]:
        """Every claim in file order (then the added ones, unless not `added`), parsed as it is
        reached (and not kept)."""
        overlay = bool(self._changed or self._removed)
        lines = 0
        with paused():  # (claims a caller keeps are frozen on the way out)
            for start, value_start, value_end in self._lines():
                lines += 1
                key = self._key(start, value_start) if keys or overlay else None
                if overlay and key in self._removed:
                    continue
                if overlay and key in self._changed:
                    yield key, self._changed[key]
                else:
                    yield key, self._parse(value_start, value_end)
            self.validated = True
            self.line_count = lines
            if added:
                for key, doc in self._added.items():
                    yield key, unpack_claim(doc, key)

    def spans(self) -> Iterator[tuple[str, dict | tuple[int, int]]]:
        """(key, the claim's dict if it is held in memory, else the (start, end) of its JSON in
        the file) for every claim in file order, parsing nothing: `parse_span` parses one later."""
        overlay = bool(self._changed or self._removed)
        for start, value_start, value_end in self._lines():
            key = self._key(start, value_start)
            if overlay and key in self._removed:
                continue
            yield key, self._changed[key] if overlay and key in self._changed else (value_start, value_end)
        for key, doc in self._added.items():
            yield key, unpack_claim(doc, key)

    def every_span(self) -> list:
        """`[item for _, item in self.spans()]`: every claim, deleted ones included, in file order,
        without its key (the table read from the file and not changed: its lines' spans alone)."""
        if self._changed or self._removed or self._added:
            return [item for _, item in self.spans()]
        return [(value_start, value_end) for _, value_start, value_end in self._lines()]

    def live_spans_by_number(self) -> list[tuple[int, int]] | None:
        """The (start, end) of every live claim's JSON, by ID number: `store.select(None, BY_ID)`
        for a table read from the file and not changed since (else None: the caller takes the
        general path over `spans`). One loop over the lines, parsing only a line that may hold a
        deleted claim (see span_is_live); lines are normally in ID order, so nothing is sorted
        then. Issue 6: 100,000 claims selected in about two thirds of the time."""
        if self._changed or self._removed or self._added:
            return None
        raw, endswith, parse = self._raw, self._raw.endswith, self._parse
        numbers: list[int] = []
        spans: list[tuple[int, int]] = []
        add_number, add_span = numbers.append, spans.append
        for start, value_start, value_end in self._lines():
            if endswith(_LIVE_END, value_start, value_end) or not parse(value_start, value_end).get("deleted_at"):
                add_number(int(raw[start + 1:value_start - 2].decode()))
                add_span((value_start, value_end))
        if any(map(int.__gt__, numbers, numbers[1:])):  # not in ID order (a hand-edited file)
            order = sorted(range(len(numbers)), key=numbers.__getitem__)
            spans = [spans[index] for index in order]
        return spans

    def live_spans_by(self, name: str, descending: bool = False) -> list[tuple[int, int]] | None:
        """`live_spans_by_number`, ordered by `sort_value(claim, name)` (name: claimed_on,
        updated_at or created_at), then ID number: `store.select(None, BY_CLAIMED)` (the listings'
        default order), BY_UPDATED, BY_CREATED. Each value is read from its line where it can be
        (claimed_on, stamps), else from the parsed claim. Issue 6: 100,000 claims selected by
        date in a third of the time of parsing each (0.5 s)."""
        if self._changed or self._removed or self._added:
            return None
        raw, endswith, parse = self._raw, self._raw.endswith, self._parse
        read = self.sort_key_reader(name)
        numbers: list[int] = []
        values: list[str] = []
        spans: list[tuple[int, int]] = []
        add_number, add_value, add_span = numbers.append, values.append, spans.append
        for start, value_start, value_end in self._lines():
            span = (value_start, value_end)
            value = read(span) if endswith(_LIVE_END, value_start, value_end) else None
            if value is None:
                claim = parse(value_start, value_end)
                if claim.get("deleted_at"):
                    continue
                value = sort_value(claim, name)
                if type(value) is not str:  # (a hand edit: the general path's keys compare it as before)
                    return None
            key = raw[start + 1:value_start - 2]
            if not key.isdigit():  # a key that is no number (a hand edit): the general path sorts it
                return None
            add_number(int(key))
            add_value(value)
            add_span(span)
        # Two stable sorts of positions, by ID number and then by value (the first is nearly free
        # when the lines are in ID order, as the store writes them): cheaper than tuple keys.
        order = sorted(range(len(numbers)), key=numbers.__getitem__, reverse=descending)
        order.sort(key=values.__getitem__, reverse=descending)
        return [spans[index] for index in order]

    def sort_key_reader(self, name: str) -> Callable[[tuple[int, int]], str | None]:
        """`span -> sort_value(claim, name)` read from the line, or None (parse to know)."""
        return self.claimed_on if name == "claimed_on" else self._stamp_reader(name)

    def _stamp_reader(self, name: str) -> Callable[[tuple[int, int]], str | None]:
        which = ("created_at", "updated_at").index(name)
        stamps = self.stamps

        def read(span: tuple[int, int]) -> str | None:
            found = stamps(span)
            return None if found is None else found[which]
        return read

    def parse_span(self, span: tuple[int, int]) -> dict:
        return self._parse(*span)

    def span_is_live(self, span: tuple[int, int]) -> bool | None:
        """True if the claim at `span` is surely not deleted, without parsing it; None: parse to know.

        Claims are written with `deleted_at` last, so a live one ends `,"deleted_at":null}`: the
        object's last member (the final brace closes the line's object, and a quote inside a string
        would be escaped). JSON keeps the last of repeated keys, so that member decides.
        """
        return True if self._raw.endswith(_LIVE_END, *span) else None

    def stamps(self, span: tuple[int, int]) -> tuple[str, str] | None:
        """(created_at, updated_at) of a live claim, read from the end of its line without parsing
        it, when that is surely what parsing gives; None: parse to know.

        The store writes them last but for `deleted_at`: a live claim's line ends
        `,"created_at":"A","updated_at":"B","deleted_at":null}`. Read from that end, with no quote
        or backslash in A or B, these are the claim's own last members (see span_is_live), so no
        repeated key can come after them (JSON keeps the last of repeated keys)."""
        raw = self._raw
        start, end = span
        if not raw.endswith(_STAMPS_END, start, end):
            return None
        updated_end = end - len(_STAMPS_END)
        updated_start = raw.rfind(b'"', start, updated_end) + 1  # (no quote in B: just after its opening one)
        created_end = updated_start - len(_UPDATED_KEY)
        if updated_start <= 0 or not raw.startswith(_UPDATED_KEY, created_end, updated_start):
            return None
        created_start = raw.rfind(b'"', start, created_end) + 1
        if created_start <= 0 or not raw.startswith(_CREATED_KEY, created_start - len(_CREATED_KEY), created_start):
            return None
        created, updated = raw[created_start:created_end], raw[updated_start:updated_end]
        if 92 in created or 92 in updated or not (created.isascii() and updated.isascii()):  # 92: a backslash
            return None
        return created.decode("ascii"), updated.decode("ascii")

    def claimed_on(self, span: tuple[int, int]) -> str | None:
        """The claim's `claimed_on` read from its line's bytes, without parsing it, when that is
        surely what parsing gives; None: parse to know. (Sorting 100,000 claims by date parsed
        each one only for its date, issue 6.)

        The value is taken only when `"claimed_on"` occurs once in the line, with no `{` or `[`
        before it (the store writes only plain values before the date), and the line spells no
        character as a \\u escape. That occurrence is then the claim's own member, not a nested
        object's (without escapes, a key can only be written so), and it is not repeated (JSON
        keeps the last of repeated keys). It must be followed by a colon and a string of ten plain
        characters: a day.
        """
        raw = self._raw
        start, end = span
        find = raw.find
        at = find(_CLAIMED_ON_KEY, start, end)
        after = at + len(_CLAIMED_ON_KEY)
        if at < 0 or raw[at - 1] not in _BEFORE_KEY or raw[after] != 58 or find(_CLAIMED_ON_KEY, after, end) >= 0:
            return None  # (58: a colon)
        if find(b"{", start + 1, at) >= 0 or find(b"[", start + 1, at) >= 0:
            return None  # perhaps a nested object's (then the claim has none of its own)
        if find(b"\\", start, end) >= 0 and find(b"\\u", start, end) >= 0:  # (no backslash: a memchr)
            return None
        if after + 13 >= end or raw[after + 1] != 34 or raw[after + 12] != 34:  # 34: a quote
            return None
        day = raw[after + 2:after + 12]
        if 92 in day or 34 in day or not day.isascii():  # 92: a backslash
            return None
        return day.decode("ascii")

    def holds_lines(self, count: int) -> bool:
        """Whether the file has at least `count` claim lines (as written; found without counting
        them all: bytes.count reads 150 MB in about 0.2 s)."""
        raw, pos, end = self._raw, self._start, self._end
        find = raw.find
        for _ in range(count - 1):
            pos = find(b"\n", pos, end) + 1
            if pos <= 0:
                return False
        return count <= 0 or pos < end

    def line_ranges(self, parts: int) -> list[tuple[int, int]]:
        """The claim lines as at most `parts` ranges of offsets of about the same size, each
        starting at a line's start, for `as_written` to read in parts (`claims doctor`)."""
        raw, start, end = self._raw, self._start, self._end
        ranges = []
        for part in range(1, parts):
            middle = start + (end - start) // (parts - part + 1)
            cut = raw.find(b"\n", middle, end) + 1  # (the start of the line after the middle)
            if cut <= start:  # (no line starts after it)
                break
            ranges.append((start, cut))
            start = cut
        if start < end:
            ranges.append((start, end))
        return ranges

    def as_written(self, between: tuple[int, int] | None = None,
                   keys: set[bytes] | None = None) -> Iterator[tuple[str, Any, bytes]]:
        """(key, parsed value, the value's JSON) of each line, in file order, for `claims doctor`
        (of the lines in one of the `line_ranges`, if given; the key of each line read is added
        to `keys`, if given: a key in two ranges is for the caller to find).

        Raises NotAsWritten at the first line that is not exactly what `encode_line` writes for
        its key and value: a key that is not a number or is used twice, JSON that does not parse,
        or that orjson would write otherwise (spaces, other escapes, a key written twice in one
        object). A table that gets to the end is therefore valid JSON without a repeated key,
        and parsing the whole file would give the same claims in the same order.
        """
        raw, view = self._raw, self._view
        loads, dumps = orjson.loads, orjson.dumps
        if keys is None:
            keys = set()
        try:
            for start, value_start, value_end in self._lines(between):
                key = raw[start + 1:value_start - 2]
                if not key.isdigit() or key in keys:
                    raise NotAsWritten(start)
                keys.add(key)
                value = loads(view[value_start:value_end])
                written = dumps(value)
                if len(written) != value_end - value_start or not raw.startswith(written, value_start):
                    raise NotAsWritten(start)
                yield key.decode(), value, written
        except (StoreError, orjson.JSONDecodeError, orjson.JSONEncodeError):
            raise NotAsWritten(None) from None

    def validate(self, *, keys: bool = True) -> None:
        """Parse every line once (and keep nothing): a damaged file is never written over. A key
        given again (a line copied in an editor) is damage too: listed twice, counted twice by a
        report, and written into NAME.bak as it is."""
        if self.validated and (self._keys_checked or not keys):
            return
        raw, parse = self._raw, None if self.validated else self._parse  # (parsed already: a listing's pass)
        seen: set[bytes] = set()
        lines = 0
        with paused():
            for start, value_start, value_end in self._lines():
                lines += 1
                key = raw[start:value_start]
                if keys and key in seen:
                    name = key[:-1].decode(errors="replace")
                    number = name.strip('"')
                    said = f"{name} ({format_claim_id(int(number))})" if number.isdecimal() and \
                        0 < int(number) <= LAST_CLAIM_NUMBER else name
                    self._damaged(start, f"the claim record {said} again (a line before it holds it too)",
                                  repeated=True)
                seen.add(key)
                if parse is not None:
                    parse(value_start, value_end)
        self.validated = True
        self.line_count = lines
        self._keys_checked = self._keys_checked or keys

    def claims_written(self) -> int:
        """How many claim lines the file written from this table holds (after `validate`)."""
        return (self.line_count or 0) - len(self._removed) + len(self._added)

    # -- writing --------------------------------------------------------------------------------
    def segments(self) -> Iterator[bytes | memoryview]:
        """The claim lines of the new file, without their separators: runs of unchanged lines are
        slices of the old file's bytes; changed and new claims are serialised."""
        touched = []
        for key in (*self._changed, *self._removed):
            found = self._find(key)
            if found is not None:
                touched.append((found[0], key))
        cursor = self._start
        raw = self._raw
        for start, key in sorted(touched):
            if start > cursor:
                yield self._view[cursor:start - 2]  # up to the ",\n" before this line
            if key in self._changed:
                yield encode_line(key, self._changed[key])
            line_end = raw.find(b"\n", start, self._end)
            cursor = self._end + 1 if line_end < 0 else line_end + 1
        if cursor < self._end:
            yield self._view[cursor:self._end]
        yield from encode_lines(self._added.items())


def encode_line(key: str, doc: dict | bytes) -> bytes:
    return b"".join(_line_parts(key, doc))


def _line_parts(key: str, doc: dict | bytes) -> tuple:
    if type(doc) is not bytes:
        return f'"{key}":'.encode(), orjson.dumps(doc)
    if doc.startswith(_NEW_HEAD):  # a packed new claim: its ID is its key's
        return f'"{key}":{{"id":"{CLAIM_PREFIX}{int(key):04d}",'.encode(), memoryview(doc)[len(_NEW_HEAD):]
    return f'"{key}":'.encode(), doc


def encode_lines(items: Iterable[tuple[str, dict | bytes]], per_piece: int = 1000) -> Iterator[bytes]:
    """Claim lines, `per_piece` of them joined in each piece (one piece a line costs more calls
    than the serialising itself when 100,000 claims are imported). A packed claim's bytes are
    copied once, into its piece."""
    parts: list = []
    lines = 0
    for key, doc in items:
        parts.extend(_line_parts(key, doc))
        parts.append(b",\n")
        lines += 1
        if lines == per_piece:
            parts.pop()
            yield b"".join(parts)
            parts = []
            lines = 0
    if parts:
        parts.pop()
        yield b"".join(parts)


# ------------------------------------------------------------------------------ packed claims
# A new claim can be handed to the store as the JSON bytes of its line (`pack_claim`) rather than
# as a dict: an import holds 100,000 of them until its one write, in a quarter of the memory, and
# the write copies the bytes as they are. Its first key is "id": a kept ID, or null for "the ID
# of the key it is stored under" (a claim's key is the number of its ID), so a new claim is
# numbered without being copied.

_NEW_HEAD = b'{"id":null,'
_ID_HEAD = b'{"id":"'


def pack_claim(doc: dict) -> bytes:
    """A claim whose first key is "id" (None, or the ID it keeps) as the JSON of its line."""
    # A copy of exactly its size: orjson's own result keeps its working buffer (about 8 KB
    # for a claim of 1 KB), which 100,000 claims held until the write would multiply.
    return bytes(memoryview(orjson.dumps(doc)))


def pack_claim_with(doc: dict, packed: bytes) -> bytes:
    """`pack_claim` of `doc` followed by the members of `packed` (a dict `pack_claim` packed, with
    none of `doc`'s keys): what many new claims share (status, history, times) is serialised once.
    (One copy, of exactly its size.)"""
    return b",".join((memoryview(orjson.dumps(doc))[:-1], memoryview(packed)[1:]))


def unpack_claim(doc: dict | bytes, key: str) -> dict:
    """The claim stored under `key`, if it is packed (a dict is returned as it is)."""
    if type(doc) is not bytes:
        return doc  # type: ignore[return-value]
    claim = orjson.loads(doc)
    if claim.get("id") is None:
        claim["id"] = f"{CLAIM_PREFIX}{int(key):04d}"
    return claim


def packed_id(packed: bytes) -> str | None:
    """The ID a packed claim keeps, or None for a new one; ValueError if it does not start with
    its "id"."""
    if packed.startswith(_NEW_HEAD):
        return None
    if not packed.startswith(_ID_HEAD):
        raise ValueError('a packed claim must start with its "id"')
    position = len(_ID_HEAD)
    while True:  # to the string's closing quote (one not escaped by a backslash)
        quote = packed.index(b'"', position)
        backslashes = 0
        while packed[quote - 1 - backslashes] == 92:  # a backslash
            backslashes += 1
        if backslashes % 2 == 0:
            return orjson.loads(packed[len(_ID_HEAD) - 1:quote + 1])
        position = quote + 1


def with_packed_id(packed: bytes, claim_id: str) -> bytes:
    """The packed claim with its "id" set to `claim_id`."""
    claim = orjson.loads(packed)
    claim["id"] = claim_id
    return pack_claim(claim)


class DamagedLine(StoreError):
    """A line of the claims table that is not one claim record (`where`: "line N holds ...")."""

    def __init__(self, message: str, *, hint: str, where: str):
        super().__init__(message, hint=hint)
        self.where = where


class RepeatedLine(DamagedLine):
    """A claim line whose key a line before it has (a line copied in an editor): no layout problem,
    but a key written twice, which doctor names as such."""


def layout_problem(raw: bytes) -> str | None:
    """For a file that parses whole as JSON: "line N holds ..." when the commands, which read it a
    claim a line (`ClaimLines`), cannot (a blank line, a trailing space, an indented claim, two
    claims on one line, a comma moved); None when they can, or when it has no line layout at all
    (they then parse it whole)."""
    saved = _saved_otherwise(raw)
    if saved is not None:
        return saved
    return _damaged_line(raw, keys=False)  # (a claim line copied: the key written twice is said, not a layout)


class NotAsWritten(Exception):
    """A database file is not byte for byte what the store writes (`ClaimLines.as_written`)."""


def claims_as_written(raw: bytes) -> tuple[dict, ClaimLines] | None:
    """For `claims doctor`: a file in the line layout as (its other tables, with "claims" empty;
    the claims table, to read with `ClaimLines.as_written`), so each claim can be checked as it is parsed
    and dropped; None if the file does not have the layout, or its first line is not exactly what
    `encode_database` writes for those tables (the caller then parses the file whole)."""
    found = ClaimLines.from_bytes(raw)
    if found is None:
        return None
    tables, lines = found
    try:
        others = orjson.dumps({name: table for name, table in tables.items() if name != CLAIMS_TABLE})
    except orjson.JSONEncodeError:
        return None
    header = (others[:-1] + b"," if len(others) > 2 else b"{") + _CLAIMS_OPEN
    if len(header) != lines._start - 1 or not raw.startswith(header):
        return None
    return tables, lines


def decode_database(raw: bytes, path: Any) -> Any:
    """The parsed database: its claims table lazy (ClaimLines) if the file has the line layout."""
    found = ClaimLines.from_bytes(raw, path)
    if found is None:
        return None
    tables, lines = found
    tables[CLAIMS_TABLE] = lines
    return tables


def encode_database(data: dict) -> Iterator[bytes | memoryview]:
    """The file's bytes, in pieces: every other table on the first line, then one claim a line."""
    claims = data.get(CLAIMS_TABLE) or {}
    others = orjson.dumps({name: table for name, table in data.items() if name != CLAIMS_TABLE})
    yield (others[:-1] + b"," if len(others) > 2 else b"{") + _CLAIMS_OPEN + b"\n"
    if isinstance(claims, ClaimLines):
        claims.validate()
        pieces = claims.segments()
    else:
        pieces = encode_lines(claims.items())
    first = True
    for piece in pieces:
        if not first:
            yield b",\n"
        first = False
        yield piece
    yield b"\n}}\n"
