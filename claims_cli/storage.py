"""Crash-safe, locked JSON storage for TinyDB.

`AtomicJSONStorage` plugs into TinyDB's documented `Storage` extension point. It adds three
things TinyDB's own `JSONStorage` lacks:

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

import gc
import os
import re
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import orjson
from tinydb.storages import Storage

from .errors import StoreError, StoreLocked
from .output import fsync_directory

LOCK_TIMEOUT_SECONDS = 10.0


def lock_timeout() -> float:
    """Seconds a writer waits for the lock: CLAIMS_LOCK_TIMEOUT, else 10."""
    try:
        return max(0.0, float(os.environ.get("CLAIMS_LOCK_TIMEOUT", LOCK_TIMEOUT_SECONDS)))
    except ValueError:
        return LOCK_TIMEOUT_SECONDS


FREEZE_BYTES = 1_000_000  # above this, a parsed database is moved out of the collector's reach


def file_signature(stat: os.stat_result) -> tuple:
    """What identifies one version of the file: every write replaces it (a new inode)."""
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def load_json_file(path: Path) -> Any:
    """Parse a JSON file quickly; StoreError with position on anything unreadable."""
    return _load(path)[0]


def _load(path: Path) -> tuple[Any, tuple | None]:
    """(parsed JSON or None if there is no file, the signature of the version that was read)."""
    try:
        with open(path, "rb") as handle:
            signature = file_signature(os.fstat(handle.fileno()))
            raw = handle.read()
    except FileNotFoundError:
        return None, None
    except IsADirectoryError:
        raise StoreError(f"database {path} is a directory, not a file") from None
    except OSError as err:
        raise StoreError(f"cannot read database {path}: {err.strerror or err}") from None
    if not raw.strip():
        raise StoreError(f"database {path} is empty (0 bytes of JSON)",
                         hint="It was left untouched; run `claims doctor` to see how to recover.")
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        raise StoreError(f"database {path} is not valid JSON ({err})",
                         hint="It was left untouched; run `claims doctor` to see how to recover.") from None
    finally:
        if gc_was_enabled:
            if len(raw) >= FREEZE_BYTES:
                # The millions of new objects would otherwise be walked by the next collections
                # (all of them are young, and survive each pass): move them to the permanent
                # generation instead. They are still freed normally when no longer referenced.
                gc.freeze()
            gc.enable()
    if data is None:  # `null` must not read as "no database yet" and then be written over
        raise StoreError(f"database {path} is JSON but not a claims database (it holds null)",
                         hint="It was left untouched; run `claims doctor` to see how to recover.")
    return data, signature


class AtomicJSONStorage(Storage):
    """TinyDB storage that writes atomically and batches writes inside a locked transaction."""

    def __init__(self, path: str | os.PathLike, **_: Any):
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        self._data: dict | None = None
        self._loaded = False
        self._signature: tuple | None = None  # the file version _data was read from (or written as)
        self._in_transaction = False
        self._dirty = False

    # -- the TinyDB Storage interface -------------------------------------------------------
    def read(self) -> dict | None:
        if not self._loaded:
            data, signature = _load(self.path)
            if data is not None and not isinstance(data, dict):
                raise StoreError(f"database {self.path} is JSON but not a claims database",
                                 hint="Run `claims doctor` to see how to recover.")
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
    def transaction(self) -> Iterator[None]:
        """Hold the writers' lock, re-read the file, and write once if anything changed."""
        if self._in_transaction:  # nested: the outer transaction writes
            yield
            return
        from filelock import FileLock, Timeout  # lazy: readers never need it

        self._ensure_directory()
        lock = FileLock(str(self.lock_path), timeout=lock_timeout())
        try:
            lock.acquire()
        except Timeout:
            raise StoreLocked(
                f"database {self.path} is locked by another writer (lock file {self.lock_path})",
                hint="Try again when it finishes; if no claims process is running, delete the lock file.",
            ) from None
        except OSError as err:
            raise StoreError(f"cannot lock database {self.path}: {err.strerror or err}") from None
        try:
            # Another process may have written since we last read: re-read, unless the file is
            # still the very version we hold (then a second parse would only cost time).
            self._loaded = self._unchanged_on_disk()
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
            lock.release()

    def _ensure_directory(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot create the directory for {self.path}: {err.strerror or err}") from None

    def _flush(self, data: dict) -> None:
        self._write_file(orjson.dumps(data), keep_backup=True)

    def _write_file(self, payload: bytes, *, keep_backup: bool) -> None:
        directory = self.path.parent
        temp_path = directory / f".{self.path.name}.{os.getpid()}.tmp"
        self._remove_stale_temporaries()
        try:
            fd = os.open(temp_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                view = memoryview(payload)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
                os.fsync(fd)
            finally:
                os.close(fd)
            self._copy_mode(temp_path)
            if keep_backup:
                self._keep_backup()
            os.replace(temp_path, self.path)
        except OSError as err:
            try:
                temp_path.unlink()
            except OSError:
                pass
            raise StoreError(
                f"could not write database {self.path}: {err.strerror or err}",
                hint="Nothing was changed; the database is as it was before this command.",
            ) from None
        fsync_directory(directory)
        try:
            self._signature = file_signature(os.stat(self.path))  # what we hold is now on disk
        except OSError:
            self._signature = None

    def _copy_mode(self, temp_path: Path) -> None:
        try:
            os.chmod(temp_path, self.path.stat().st_mode & 0o777)
        except FileNotFoundError:
            pass

    def _keep_backup(self) -> None:
        """Keep the current file as NAME.bak: a hard link, so no copying however large it is."""
        if not self.path.exists():
            return
        link_path = self.path.with_name(f".{self.path.name}.{os.getpid()}.bak.tmp")
        try:
            if link_path.exists():
                link_path.unlink()
            os.link(self.path, link_path)
            os.replace(link_path, self.backup_path)
            if os.path.lexists(link_path):
                # NAME.bak already was this very file (a writer was killed after keeping it):
                # rename() between two links of one file does nothing, so drop our link.
                link_path.unlink()
        except OSError:
            # A filesystem without hard links loses only the backup, never the write.
            try:
                link_path.unlink()
            except OSError:
                pass

    def restore_backup(self, check: Callable[[], None]) -> Path:
        """Put NAME.bak back in place of the database; returns where the replaced file was kept.

        Under the writers' lock: `check()` re-examines both files first and raises to refuse. The
        current file is kept as NAME.damaged-TIME (a hard link, else a copy), never deleted; then a
        copy of the backup replaces it atomically, and NAME.bak stays as it was.
        """
        with self.transaction():
            check()
            aside = None
            if self.path.exists():
                aside = self._keep_aside()
            try:
                payload = self.backup_path.read_bytes()
            except OSError as err:
                raise StoreError(f"cannot read {self.backup_path}: {err.strerror or err}") from None
            self._remove_stale_temporaries()
            self._write_file(payload, keep_backup=False)
            # What we hold in memory is not what is on disk now: read it afresh next time.
            self._loaded = False
            self._data = None
            self._signature = None
            return aside  # type: ignore[return-value]

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
            raise StoreError(f"cannot keep a copy of {self.path} as {aside}: {err.strerror or err}",
                             hint="Nothing was changed.") from None
        return aside

    def _remove_stale_temporaries(self) -> None:
        """Temporary files left by killed writers; safe to remove since we hold the lock."""
        for name in stale_temporaries(self.path):
            try:
                os.unlink(self.path.parent / name)
            except OSError:
                pass



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


def read_for_doctor(path: Path) -> FileRead:
    """Read and parse a database (or backup) file, describing rather than raising any problem."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return FileRead(exists=False)
    except OSError as err:
        return FileRead(exists=True, problem=("unreadable", f"cannot read the file: {err.strerror or err}"))
    found = FileRead(exists=True, size=info.st_size, modified=info.st_mtime)
    if path.is_dir():
        found.problem = ("directory", "it is a directory, not a file")
        return found
    try:
        found.raw = path.read_bytes()
    except OSError as err:
        found.problem = ("unreadable", f"cannot read the file: {err.strerror or err}")
        return found
    if not found.raw.strip():
        found.problem = ("empty", f"the file is empty ({len(found.raw)} bytes, no JSON)")
        return found
    try:
        found.data = orjson.loads(found.raw)
    except orjson.JSONDecodeError as err:
        if "end of data" in str(err) or "EOF" in str(err):
            found.problem = ("truncated", f"the JSON stops short at the end of the file ({err}): the file "
                                          "looks truncated")
        else:
            found.problem = ("not-json", f"the file is not valid JSON ({err})")
    return found


def stale_temporaries(path: Path) -> list[str]:
    """Temporary files left beside the database by interrupted writes (the next write removes them).

    Exactly `.NAME.PID.tmp` and `.NAME.PID.bak.tmp`: a database called `NAME.old` in the same
    directory has its own lock, and its writer's files must be left alone.
    """
    stale = re.compile(re.escape(f".{path.name}.") + r"\d+(\.bak)?\.tmp")
    try:
        return sorted(entry.name for entry in os.scandir(path.parent) if stale.fullmatch(entry.name))
    except OSError:
        return []


def lock_is_held(path: Path) -> bool:
    """Whether a writer holds the database's lock right now (creates no lock file)."""
    lock_path = path.with_name(path.name + ".lock")
    if not lock_path.exists():
        return False
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return True
    except OSError:
        return False
    lock.release()
    return False
