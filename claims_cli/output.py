"""Writing an export or report to a file: atomically, never over something it must not touch.

* An existing file is replaced only with `force`; without it the new file is put in place with a
  hard link, which fails if the name was taken in the meantime (no check-then-write race).
* The output path must not be a symbolic link (even with `force`): following one could overwrite
  any file the link points at. A link is refused, not replaced.
* The output must not be the database or one of its companion files (`.bak`, `.lock`), nor any
  other claims database (even with `force`: its claims would be lost to an export).
* A named pipe or a character device (/dev/null) is written into, as a shell's `>` would; any
  other file that is not a regular one (a socket, a block device) is refused.
* The data goes to a temporary file in the same directory, is fsynced, and is then renamed into
  place, so a reader never sees half a report and a failure leaves no partial file. The temporary
  is named `.NAME.PID.XXXX.tmp`; one left by a killed process is removed by the next write of NAME.

Standard library only (and storage's look at a claims database's first bytes); raises OutputExists
(exit 73) or ClaimsError.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .errors import ClaimsError, OutputExists, OutputFailed, OutputFileFailed, ReaderGone, path_shown, shown


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file (by its identity if both exist, else by their real paths)."""
    try:
        if first.exists() and second.exists():
            return os.path.samefile(first, second)
    except OSError:
        pass
    return os.path.realpath(first) == os.path.realpath(second)


# The --output files this process was asked to write, and those written whole (`interrupted_said`)
outputs_named: list[Path] = []
outputs_written: list[Path] = []


def interrupted_said() -> str | None:
    """What a Ctrl-C left of the --output files this command was to write: "out.html was written
    whole" or "was not written" (an output is replaced in one step: whole or not at all), or None
    when it had none."""
    if not outputs_named:
        return None
    return ", ".join(f"{path_shown(path)} {'was written whole' if path in outputs_written else 'was not written'}"
                     for path in dict.fromkeys(outputs_named))


def write_output(path: "str | Path", data: bytes | Iterable[bytes], *, force: bool = False,
                 protected: tuple[Path, ...] = ()) -> int:
    """Write `data` to `path` atomically; see the module docstring for what is refused. `data`
    may be given in pieces (a 150 MB page is then never one bytes object): they are written
    one after another to the temporary file. Returns the number of bytes written."""
    path = _named(path)
    mode = _refusal(path, force, protected)
    if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        return _write_into(path, data, pipe=stat.S_ISFIFO(mode))  # (a pipe's reader, /dev/null: as `>` does)
    outputs_named.append(path)
    directory = path.parent if str(path.parent) else Path(".")
    import tempfile  # (here: every command that opens the store imports this module; few write a file)

    try:
        _remove_dead_temporaries(path)
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=directory)
    except OSError as err:
        raise ClaimsError(f"cannot write in {path_shown(directory)}: {err.strerror or err}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, (bytes, bytearray, memoryview)):
                size = len(data)
                stream.write(data)
            else:
                size = 0
                for piece in data:
                    size += len(piece)
                    stream.write(piece)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o666 & ~current_umask())
        with interrupts_held():  # (a Ctrl-C comes after it is said whether the file is in place)
            if force:
                os.replace(temp, path)  # replaces the name; a symlink put there since is replaced, not followed
            else:
                try:
                    os.link(temp, path)  # fails if the name exists: never clobbers
                except FileExistsError:
                    raise OutputExists(f"{path_shown(path)} already exists", hint="Use --force to replace it.") from None
                except OSError:
                    if path.exists() or path.is_symlink():
                        raise OutputExists(f"{path_shown(path)} already exists", hint="Use --force to replace it.") from None
                    os.replace(temp, path)  # a file system without hard links
            outputs_written.append(path)
    except OSError as err:
        raise _not_written(path, err) from None
    finally:
        try:
            temp.unlink()
        except FileNotFoundError:
            pass
    fsync_directory(directory)
    return size


# SIGTERM (`timeout`, systemd, `docker stop`) and SIGHUP (a terminal closed, an ssh session gone)
# end a command as a Ctrl-C does: said, the temporary removed, the lock released.
TERMINATIONS = ("SIGTERM", "SIGHUP")


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where a Ctrl-C's KeyboardInterrupt is: every handling of an
    interruption (whether the change was saved, the new ID given first) is the same; only the exit
    status differs, 128 + the signal, as a shell and `timeout` read a process it ended."""

    def __init__(self, signum: int):
        super().__init__()
        self.exit_code = 128 + signum


def interrupted_status(error: BaseException) -> int:
    """The exit status of a command `error` interrupted: 130 for a Ctrl-C, 143 for SIGTERM, 129 for SIGHUP."""
    return getattr(error, "exit_code", 130)


def interrupt_on_termination() -> None:
    """Make SIGTERM and SIGHUP raise Terminated (at start-up: setting a handler takes microseconds).
    One the process was started ignoring (`nohup`) stays ignored. A forked worker catches it as a
    Ctrl-C and leaves saying nothing (workers._fork)."""
    import signal

    for name in TERMINATIONS:
        number = getattr(signal, name, None)  # (Windows has no SIGHUP)
        try:
            if number is not None and signal.getsignal(number) == signal.SIG_DFL:
                signal.signal(number, _terminated)
        except (OSError, ValueError):  # (not the main thread, which alone sets handlers)
            pass


def _terminated(signum, frame) -> None:
    raise Terminated(signum)


def _interruption(signum: int) -> KeyboardInterrupt:
    import signal

    return KeyboardInterrupt() if signum == signal.SIGINT else Terminated(signum)


def interruption_signals() -> set:
    """SIGINT and the terminations this platform has."""
    import signal

    return {signal.SIGINT, *(getattr(signal, name) for name in TERMINATIONS if hasattr(signal, name))}


@contextmanager
def interrupts_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP held back for the length of the block (where the platform can): one
    arriving then is raised just after it, not inside it."""
    import signal

    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    try:
        before = mask(signal.SIG_BLOCK, interruption_signals())
    except (OSError, ValueError):  # (a platform without the signal)
        yield
        return
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, before)  # (as it was: a process started with SIGINT blocked keeps it so)


@contextmanager
def interrupts_held_once_saved() -> Iterator[None]:
    """A Ctrl-C (or SIGTERM, SIGHUP) arriving once the database is written (storage's
    `files_written`) raised at the block's end, not inside it: the new ID a command prints after
    its change is saved is given first (it was not, and the analyst was told only that the change
    was saved). One arriving before the write is raised at once, as always."""
    import signal

    held: list = []

    def written() -> int:
        return getattr(sys.modules.get(f"{__package__}.storage"), "files_written", 0)

    before = written()  # (the count is the process's: a test run writes many databases before this one)

    def hold_once_saved(signum, frame) -> None:
        if written() == before:
            raise _interruption(signum)
        held.append(signum)

    # (only an interruption's own handler is replaced: one ignored, or another's, is left so)
    replaced = {number: handler for number in interruption_signals()
                if (handler := signal.getsignal(number)) in (signal.default_int_handler, _terminated)}
    try:
        for number in replaced:
            signal.signal(number, hold_once_saved)
    except ValueError:  # (not the main thread, which alone sets handlers)
        replaced = {}
    try:
        yield
    finally:
        for number, handler in replaced.items():
            signal.signal(number, handler)
    if held:
        raise _interruption(held[0])


def current_umask() -> int:
    """This process's umask (read by setting it, then set back: there is no other way to read it)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


def check_output(path: "str | Path", *, force: bool = False, protected: tuple[Path, ...] = ()) -> None:
    """Refuse now what `write_output` would refuse (an existing file without `force`, a link, the
    database...), before a command spends seconds on what it would write; `write_output` checks
    again, since the file system may change in between."""
    named = _named(path)
    mode = _refusal(named, force, protected)
    if mode is None or not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):  # (a file, said if interrupted)
        outputs_named.append(named)


def _named(path: "str | Path") -> Path:
    """The file --output names, as given (a Path has lost an empty value and a closing slash)."""
    if isinstance(path, str):
        if not path:  # (an unset variable in a script: "." would be named a directory)
            raise ClaimsError("--output '' is empty", hint="Give --output the name of a file, or - for standard output.")
        if path.endswith(("/", os.sep)) and not os.path.isdir(path):
            # (Path drops the slash: new.html/ was written as new.html, where a shell's > refuses it)
            raise ClaimsError(f"{path_shown(path)} ends with a slash: a directory's name",
                              hint="Give --output the name of a file, not of a directory.")
    return expanded(path)


def expanded(path: "str | Path") -> Path:
    """`path` with a leading ~ or ~user made that home directory; a user that does not exist is
    a user error, not Path's RuntimeError."""
    if not isinstance(path, Path) and not path.isascii() and sys.getfilesystemencoding() != "utf-8":
        try:  # (an argument cli._read_as_utf8 read as UTF-8, back in the form this locale's file system takes)
            path = os.fsdecode(path.encode("utf-8"))
        except UnicodeError:  # (already in that form: $CLAIMS_DB, which is not read again)
            pass
    try:
        return Path(path).expanduser()
    except RuntimeError:
        user = str(path).split("/", 1)[0]
        # (a bare ~ is this user's: with no HOME and no passwd entry, a container's --user UID)
        raise ClaimsError("no home directory for ~" if user == "~" else
                          f"cannot find the home directory of {user}: no such user",
                          hint=f"Give the path without {user}, or with the home directory written out.") from None


def _refusal(path: Path, force: bool, protected: tuple[Path, ...]) -> "int | None":
    """Raise if `path` is not to be written; else its mode if something is there (a pipe or a
    device is written into), or None."""
    try:
        return _refused_or_mode(path, force, protected)
    except OSError as err:  # (a name too long for the file system; a directory that cannot be searched)
        raise ClaimsError(f"cannot write {path_shown(path)}: {err.strerror or err}") from None


def _refused_or_mode(path: Path, force: bool, protected: tuple[Path, ...]) -> "int | None":
    if path.name.isspace():  # (a slip in a script: a file named " " is never what was meant)
        raise ClaimsError(f"--output {shown(str(path))} has no file name, only blanks")
    if path.is_symlink():
        # A link to a pipe or a device (/dev/stdout into a pipe, a shell's >(gzip) as /dev/fd/63)
        # is written into as the pipe itself (`_write_into` checks what it opened); to a file, never.
        try:
            mode = os.stat(path).st_mode
        except OSError:
            mode = None
        if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            return mode
        raise ClaimsError(f"{path_shown(path)} is a symbolic link; not writing through it",
                          hint="Give the path of a regular file (the link's target itself), or, for standard "
                               "output, give - (--output -).")
    for other in protected:
        if same_file(path, Path(other)):
            raise ClaimsError(f"{path_shown(path)} is the claims database (or its backup or lock); not overwriting it",
                              hint="Choose another --output file.")
    if path.is_dir():
        raise ClaimsError(f"{path_shown(path)} is a directory", hint="Give --output the name of a file, not of a directory.")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
            return mode
        raise ClaimsError(f"{path_shown(path)} is not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'a special file')}); "
                          "not writing to it", hint="Give the name of a file, or - for standard output.")
    if mode is not None:
        from .storage import begins_as_a_claims_database

        try:
            database = begins_as_a_claims_database(path)
        except OSError as err:  # (taken for no database, --force replaced whatever it held)
            raise ClaimsError(f"cannot check whether {path_shown(path)} is a claims database "
                              f"({err.strerror or err}); not writing over it",
                              hint="Choose another --output file, or let this user read it and run the command again.") from None
        if database:
            # (another database, or a backup: replaced, its claims were lost; --force too, which a
            # user gives to replace an earlier export, not knowing which file the name holds)
            raise ClaimsError(f"{path_shown(path)} is a claims database; not writing over it",
                              hint="Choose another --output file (or delete that database first, if its claims are no "
                                   "longer wanted).")
    if path.exists() and not force:
        raise OutputExists(f"{path_shown(path)} already exists", hint="Use --force to replace it.")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        if directory.exists():
            raise ClaimsError(f"{path_shown(directory)} is not a directory", hint="Give --output the name of a file in a directory.")
        raise ClaimsError(f"directory {path_shown(directory)} does not exist")
    return mode


_KINDS = {stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket"}


def _write_into(path: Path, data: bytes | Iterable[bytes], *, pipe: bool) -> int:
    """Write `data` into a named pipe or a character device, which cannot be replaced by a file
    (renamed over, a pipe's reader got nothing and /dev/null became a file) and has no whole
    version to keep: nothing to refuse without --force either. Opened without following a link
    and checked again once open: what was checked by name may have been swapped since."""
    pieces = [data] if isinstance(data, (bytes, bytearray, memoryview)) else data
    size = 0
    # (no O_CREAT: if it went away, no file is made; a link only to a pipe or a device, checked below)
    flags = os.O_WRONLY | (0 if os.path.islink(path) else getattr(os, "O_NOFOLLOW", 0))
    ours = False
    try:
        try:
            fd = os.open(path, flags | os.O_NONBLOCK)
            os.set_blocking(fd, True)
        except OSError as err:
            if err.errno != errno.ENXIO or not pipe:
                raise  # (ENXIO of a pipe: no one reads it yet; wait, as a shell's `>` does)
            sys.stderr.write(f"Waiting for a reader of {path_shown(path)}...\n")
            sys.stderr.flush()
            fd = os.open(path, flags)
        opened = os.fstat(fd)
        if not (stat.S_ISFIFO(opened.st_mode) or stat.S_ISCHR(opened.st_mode)):
            os.close(fd)
            raise ClaimsError(f"{path_shown(path)} changed while it was being opened; not writing to it")
        ours = _is_stdout(opened)
        with os.fdopen(fd, "wb") as stream:
            for piece in pieces:
                size += len(piece)
                stream.write(piece)
    except BrokenPipeError:
        if ours:  # (/dev/stdout into `head`: as stdout itself, `cli` says nothing and exits 141)
            raise
        raise ReaderGone(f"the reader of {path_shown(path)} went away: the output was cut short") from None
    except OSError as err:
        if ours:  # (/dev/stdout onto a full disk: standard output's failure, 74, as `--output -` says it)
            raise OutputFailed(err.strerror or str(err)) from None
        raise _not_written(path, err) from None
    return size


# (want of room or the device's fault: 74, as for standard output; a directory not writable, a
# name too long, are the user's to mend: 1)
_NO_ROOM = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") if hasattr(errno, name))


def _not_written(path: Path, err: OSError) -> ClaimsError:
    """The error for an --output `path` that could not be written."""
    kind = OutputFileFailed if err.errno in _NO_ROOM else ClaimsError
    return kind(f"cannot write {path_shown(path)}: {err.strerror or err}")


def _is_stdout(opened: os.stat_result) -> bool:
    """Whether a file opened is this process's standard output (`--output /dev/stdout`)."""
    try:
        stdout = os.fstat(1)
    except OSError:
        return False
    return (stdout.st_dev, stdout.st_ino) == (opened.st_dev, opened.st_ino)


def _remove_dead_temporaries(path: Path) -> None:
    """`.NAME.PID.XXXX.tmp` files a killed writer of this output left behind (its PID is gone)."""
    pattern = re.compile(re.escape(f".{path.name}.") + r"(\d+)\.\w+\.tmp")
    try:
        entries = [entry.name for entry in os.scandir(path.parent if str(path.parent) else ".")]
    except OSError:
        return
    for name in entries:
        found = pattern.fullmatch(name)
        if found is None or _alive(int(found.group(1))):
            continue
        try:
            os.unlink(path.with_name(name))
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or cannot tell: leave its file alone
    return True


def fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable (best effort: some file systems refuse)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
