"""Writing the files people ask for (exports, dossiers, backups): private, whole or not at all, never the database.

Every writer goes through `write_private` (bytes, or a function that writes to a binary file) or, when a
library wants a path of its own (SQLite's backup), through `replacing`. Either way the content goes to a
temporary file in the target's folder, created 0600 whatever the umask, is flushed and fsynced, and is then
renamed into place, so a failed write (a full disk, `ulimit -f`) leaves the old file as it was and no
temporary file behind. An existing file is only replaced with `overwrite=True` (the CLI's `--force`); the
open database, its `-wal`, `-shm` or `-journal`, or a link to any of them is refused always. Folders the
writer creates are 0700.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from planner.i18n import _
from planner.services.errors import PlannerError

Writer = Callable[[BinaryIO], object]
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


class FileRefused(PlannerError):
    """The target may not be written: it exists (and overwriting was not asked for), is a folder, or is the
    database itself. Nothing was written."""

    exit_code = 2

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class FileNotWritten(PlannerError):
    """Writing failed part way (no space, no permission); the previous file, if any, is unchanged."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


def database_files(database: Path | None) -> list[Path]:
    """A SQLite database and the files SQLite keeps beside it; none for a server database."""
    if database is None:
        return []
    return [database, *(Path(f"{database}{suffix}") for suffix in ("-wal", "-shm", "-journal"))]


def _same(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)  # a hard link to the database is the database
    except OSError:
        return False


def check_target(path: Path, *, overwrite: bool = False, protected: Iterable[Path] = ()) -> Path:
    """The target as an absolute path, or FileRefused saying why it may not be written."""
    path = Path(path).expanduser().absolute()
    for guarded in protected:
        if _same(path, Path(guarded)):
            raise FileRefused(_("{path} is the open database (or one of its files); it is never overwritten. "
                                "Choose another file name.").format(path=path), path)
    if path.is_dir():
        raise FileRefused(_("{path} is a folder; give a file name.").format(path=path), path)
    if os.path.lexists(path) and not overwrite:
        raise FileRefused(_("{path} already exists; add --force to replace it, or choose another name.")
                          .format(path=path), path)
    return path


def private_folder(folder: Path) -> Path:
    """Create a folder (and missing parents) readable by its owner only; tighten an existing one to 0700."""
    folder = Path(folder).expanduser().absolute()
    _make_parents(folder)
    if stat.S_IMODE(folder.stat().st_mode) != PRIVATE_FOLDER:
        os.chmod(folder, PRIVATE_FOLDER)
    return folder


def _make_parents(folder: Path) -> None:
    """Create the missing folders down to `folder`, each 0700; existing ones are left as they are."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for created in reversed(missing):
        try:
            created.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            continue
        os.chmod(created, PRIVATE_FOLDER)


def free_name(path: Path) -> Path:
    """`path` itself when nothing is there, else `name-2.ext`, `name-3.ext` ... (for names the program chose)."""
    path = Path(path)
    n = 2
    candidate = path
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is synced
    finally:
        os.close(fd)


def not_written(path: Path, exc: OSError) -> FileNotWritten:
    """The error for a write to `path` that failed with `exc` (for writers that fail before the file is made)."""
    reason = exc.strerror or str(exc)
    return FileNotWritten(_("{path} could not be written ({reason}); nothing was changed.")
                          .format(path=path, reason=reason), path)


def _put_in_place(temp: Path, path: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)  # fails if a file appeared meanwhile: never replaces one
    except FileExistsError:
        raise FileRefused(_("{path} already exists; add --force to replace it, or choose another name.")
                          .format(path=path), path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if os.path.lexists(path):  # a file system without hard links: check, then rename
            raise FileRefused(_("{path} already exists; add --force to replace it, or choose another name.")
                              .format(path=path), path) from None
        os.replace(temp, path)
        return
    os.unlink(temp)


@contextmanager
def replacing(path: Path, *, overwrite: bool = False, protected: Iterable[Path] = ()) -> Iterator[Path]:
    """A private, empty temporary file beside `path` to fill; renamed onto `path` when the block succeeds.

    On any error the temporary file is removed and the target is as it was.
    """
    guarded = list(protected)
    path = check_target(path, overwrite=overwrite, protected=guarded)
    try:
        _make_parents(path.parent)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise not_written(path, exc) from None
    temp = Path(name)
    try:
        os.fchmod(fd, PRIVATE_FILE)
        os.close(fd)
        yield temp
        with temp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(temp, PRIVATE_FILE)
        check_target(path, overwrite=overwrite, protected=guarded)
        _put_in_place(temp, path, overwrite)
    except OSError as exc:
        _discard(temp)
        raise not_written(path, exc) from None
    except BaseException:
        _discard(temp)
        raise
    _fsync_folder(path.parent)


def _discard(temp: Path) -> None:
    try:
        temp.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass  # nothing more can be done; the error that brought us here is the one to report


def write_private(path: Path, data: bytes | Writer, *, overwrite: bool = False,
                  protected: Iterable[Path] = ()) -> Path:
    """Write bytes (or whatever `data(file)` writes) to `path`, 0600, whole or not at all; returns the path."""
    with replacing(path, overwrite=overwrite, protected=protected) as temp:
        with temp.open("wb") as fh:
            if isinstance(data, bytes | bytearray | memoryview):
                fh.write(data)
            else:
                data(fh)
            fh.flush()
            os.fsync(fh.fileno())
    return Path(path).expanduser().absolute()
