"""Atomic file writes: a temporary file in the same folder, then a rename over the target.

A reader never sees a half-written file and a failed write leaves the old file as it was.
An existing file is replaced only when the caller says so (`force`). Failures the
environment causes (disk full, read-only folder, missing folder) become one-line
`WriteError`s; the temporary file is removed in every case. `require_space` refuses a big
write up front, naming how much to free, rather than failing half-way.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from skillpath.core.errors import OutputExistsError, SkillpathError, WriteError

_TEMP_PREFIX = ".skillpath-"
_TEMP_SUFFIX = ".part"


def _umask() -> int:
    # os.umask can only be read by setting it; done once, at import, single-threaded.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()


def describe_os_error(exc: OSError, path: Path) -> str:
    """One plain line for an OSError met while writing `path`."""
    code = exc.errno
    folder = path.parent
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return (
            f"{path}: the disk is full; nothing was written; free some space on the disk "
            f"holding {folder} and try again"
        )
    if code == errno.EROFS:
        return f"{path}: the folder {folder} is read-only; nothing was written"
    if code in (errno.EACCES, errno.EPERM):
        return f"{path}: permission denied in {folder}; nothing was written"
    if code == errno.ENOENT:
        return f"{path}: the folder {folder} does not exist"
    if code == errno.ENOTDIR:
        return f"{path}: {folder} is not a folder"
    if code == errno.EISDIR:
        return f"{path}: is a folder, not a file"
    if code == errno.ENAMETOOLONG:
        return f"{path}: the file name is too long"
    reason = exc.strerror or exc.__class__.__name__
    return f"{path}: cannot be written ({reason})"


def check_target(path: Path, force: bool) -> None:
    """Refuse early when `path` exists and `force` is off, or is a folder.

    Raises:
        OutputExistsError: the file exists and `force` is off.
        WriteError: the path is a folder.
    """
    if path.is_dir():
        raise WriteError(f"{path}: is a folder, not a file")
    if path.exists() and not force:
        raise OutputExistsError(f"{path} already exists; use --force to replace it", path=str(path))


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], force: bool = False) -> Iterator[BinaryIO]:
    """Open a temporary file next to `path` for writing; on success it becomes `path`.

    The file is flushed and synced before the rename. When the body raises, the temporary
    file is removed and `path` is untouched.

    Args:
        path: the file to create or replace.
        force: replace `path` if it exists; otherwise an existing file is an error.

    Raises:
        OutputExistsError: `path` exists and `force` is off.
        WriteError: the folder is missing, read-only or full.
    """
    target = Path(path)
    check_target(target, force)
    folder = target.parent
    try:
        fd, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise WriteError(describe_os_error(exc, target)) from None
    temp = Path(temp_name)
    done = False
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _set_mode(temp, target)
        _move(temp, target, force)
        done = True
        sync_folder(folder)
    except OSError as exc:
        raise WriteError(describe_os_error(exc, target)) from None
    finally:
        if not done:
            with contextlib.suppress(OSError):
                temp.unlink()


def atomic_write(
    path: str | os.PathLike[str],
    data: bytes | Callable[[BinaryIO], object],
    force: bool = False,
) -> Path:
    """Write `data` (bytes, or a function that writes to a binary file) to `path` atomically.

    Returns:
        The path written.
    """
    target = Path(path)
    with atomic_writer(target, force) as fh:
        if isinstance(data, bytes):
            fh.write(data)
        else:
            data(fh)
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str, force: bool = False) -> Path:
    """Write UTF-8 text with LF line ends to `path` atomically."""
    return atomic_write(path, text.encode("utf-8"), force)


def _set_mode(temp: Path, target: Path) -> None:
    # mkstemp creates 0600; a report should get the mode any new file would get, or keep
    # the mode of the file it replaces.
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_UMASK
    os.chmod(temp, mode)


_NO_LINK = {errno.EPERM, errno.EACCES, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def _move(temp: Path, target: Path, force: bool) -> None:
    if force:
        os.replace(temp, target)
        return
    # Without force, never clobber a file that appeared since check_target: a hard link
    # fails when the name exists. Where links are not supported, check, then rename.
    try:
        os.link(temp, target)
    except FileExistsError:
        raise OutputExistsError(
            f"{target} already exists; use --force to replace it", path=str(target)
        ) from None
    except OSError as exc:
        if exc.errno not in _NO_LINK:
            raise
        if target.exists():
            raise OutputExistsError(
                f"{target} already exists; use --force to replace it", path=str(target)
            ) from None
        os.replace(temp, target)
        return
    with contextlib.suppress(OSError):
        temp.unlink()


def sync_folder(folder: Path) -> None:
    """Make the rename durable where the platform allows syncing a folder."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on a folder; the rename is done regardless
    finally:
        os.close(fd)


def free_bytes(folder: Path) -> int | None:
    """Free space, in bytes, on the disk holding `folder` (or its nearest existing parent);
    None when the platform cannot tell."""
    where = folder
    while not where.exists() and where.parent != where:
        where = where.parent
    try:
        return shutil.disk_usage(where).free
    except OSError:
        return None


def size_text(n: int) -> str:
    """A size for people: 512 bytes, 12 KB, 3.4 MB, 1.2 GB."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{math.ceil(n / 1024)} KB"
    if n < 1024 * 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{n / 1024 / 1024 / 1024:.1f} GB"


def require_space(
    folder: Path,
    needed: int,
    what: str,
    error: type[SkillpathError] = WriteError,
    hint: str = "",
) -> None:
    """Refuse, before writing anything, a write that cannot fit on the disk holding `folder`.

    Args:
        folder: where the write goes.
        needed: bytes the write needs, margins included.
        what: what is about to be written, for the message ("the import").
        error: the SkillpathError child to raise.
        hint: what could be freed, added to the message ("old backups in ...").

    Raises:
        `error`: one line: how much is needed, how much is free, how much to free.
    """
    free = free_bytes(folder)
    if free is None or free >= needed:
        return
    extra = f" ({hint})" if hint else ""
    raise error(
        f"not enough free space for {what}: it needs about {size_text(needed)} on the disk "
        f"holding {folder} and {size_text(free)} is free; free at least "
        f"{size_text(needed - free)} there{extra} and try again; nothing was changed"
    )


def read_limited(
    path: Path, limit: int, what: str, error: type[SkillpathError], *, empty_ok: bool = False
) -> bytes:
    """Read a file a person chose, refusing what cannot be right before reading it all.

    Args:
        path: the file.
        limit: the largest size accepted, in bytes.
        what: what the file should be, for the messages ("a profile file").
        error: the SkillpathError child to raise.
        empty_ok: accept an empty file.

    Raises:
        `error`: one line naming the file: missing, a folder, unreadable, too large, empty.
    """
    path = path.expanduser()
    try:
        if path.is_dir():
            raise error(f"{path}: is a folder, not {what}")
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except PermissionError:
        raise error(f"{path}: permission denied") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > limit:
        size = path.stat().st_size
        shown = f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"
        raise error(f"{path.name}: too large for {what} ({shown}; at most {_size(limit)})")
    if not empty_ok and not raw.strip():
        raise error(f"{path.name}: the file is empty")
    return raw


def _size(n: int) -> str:
    return f"{n // 1024 // 1024} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"
