"""One writer at a time across processes: a lock file in the data folder, held only while writing.

The app and the command line may have the same data folder open together. Every write
(a transaction, a backup, a restore, the first open of a new folder, a migration) holds the
folder's lock; nothing holds it while idle, so a command can write while the app is open.
A second writer waits for it briefly, then gives up with one line naming who holds it.

The lock is `flock` (Windows: `msvcrt.locking`) on `skillpath.lock`, which is never
deleted: the kernel releases it when its holder exits, even after kill -9, so it cannot go
stale. Within one process there is one lock object per folder (`folder_lock`), re-entrant
for the thread holding it, so nested writes (a backup inside a restore) do not deadlock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from skillpath.core.errors import StorageError

LOCK_NAME = "skillpath.lock"
WAIT_SECONDS = 10.0
_POLL_FIRST = 0.002
_POLL_MAX = 0.05
_HOLDER_BYTES = 120

# Filesystems that cannot lock (some network shares) answer with these; writing then goes
# on without the folder lock, as before it existed: SQLite's own locking still applies.
_NO_LOCKING = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class FolderLock:
    """The write lock of one data folder. Get it with `folder_lock(folder)`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self._guard = threading.RLock()
        self._owner: int | None = None
        self._depth = 0
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether the calling thread holds the lock."""
        return self._depth > 0 and self._owner == threading.get_ident()

    def acquire(self, what: str = "a change", timeout: float | None = None) -> None:
        """Take the lock, waiting up to `timeout` seconds for another writer to finish.

        Args:
            what: what this process is about to do, shown to a writer kept waiting.
            timeout: seconds to wait (default WAIT_SECONDS); 0 tries once.

        Raises:
            StorageError: another process held it all that time, or the lock file cannot
                be created (a read-only folder).
        """
        if timeout is None:
            timeout = WAIT_SECONDS
        deadline = time.monotonic() + timeout
        if not self._guard.acquire(timeout=max(timeout, 0.0)):
            raise self._busy(None)
        try:
            if self._depth == 0:
                self._fd = self._lock_file(deadline, what)
            self._owner = threading.get_ident()
            self._depth += 1
        except BaseException:
            self._guard.release()
            raise

    def release(self) -> None:
        if not self.held:
            raise RuntimeError("release of a folder lock this thread does not hold")
        self._depth -= 1
        if self._depth == 0:
            fd, self._fd, self._owner = self._fd, None, None
            if fd is not None:
                with contextlib.suppress(OSError):
                    _unlock(fd)
                os.close(fd)
        self._guard.release()

    @contextlib.contextmanager
    def hold(self, what: str = "a change", timeout: float | None = None) -> Iterator[None]:
        """The lock for the length of a `with` block (see `acquire`)."""
        self.acquire(what, timeout)
        try:
            yield
        finally:
            self.release()

    def _lock_file(self, deadline: float, what: str) -> int | None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except FileNotFoundError:
            raise StorageError(f"the data folder {self.folder} does not exist") from None
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise StorageError(
                    f"cannot write to the data folder {self.folder} (is it read-only?)"
                ) from None
            if exc.errno == errno.ENOSPC:
                raise StorageError(
                    f"the disk holding {self.folder} is full; free some space on it and try "
                    "again; nothing was changed"
                ) from None
            raise StorageError(
                f"cannot lock the data folder {self.folder} ({exc.strerror or exc})"
            ) from None
        pause = _POLL_FIRST
        try:
            while True:
                try:
                    if _try_lock(fd):
                        break
                except OSError as exc:
                    if exc.errno in _NO_LOCKING:
                        return fd
                    raise
                if time.monotonic() >= deadline:
                    holder = _read_holder(fd)
                    os.close(fd)
                    raise self._busy(holder)
                time.sleep(pause)
                pause = min(pause * 2, _POLL_MAX)
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
        _write_holder(fd, what)
        return fd

    def _busy(self, holder: str | None) -> StorageError:
        who = f" ({holder})" if holder else ""
        return StorageError(
            f"another Skillpath{who} is still writing to the data folder {self.folder}; "
            "nothing was changed; try again in a moment"
        )


def _write_holder(fd: int, what: str) -> None:
    # Only informative: a writer kept waiting names who holds the lock. Fixed width and
    # written in place (truncating is slow on some file systems, and this runs per write).
    text = f"process {os.getpid()}: {what}".encode("utf-8", "replace")[:_HOLDER_BYTES]
    with contextlib.suppress(OSError):
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text.ljust(_HOLDER_BYTES))


def _read_holder(fd: int) -> str | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, _HOLDER_BYTES)
    except OSError:
        return None
    text = raw.decode("utf-8", "replace").strip()
    return text if text.isprintable() and text else None


_LOCKS: dict[str, FolderLock] = {}
_LOCKS_GUARD = threading.Lock()


def folder_lock(folder: Path) -> FolderLock:
    """The one lock object of `folder` in this process (created on first use)."""
    key = os.path.realpath(folder)
    with _LOCKS_GUARD:
        lock = _LOCKS.get(key)
        if lock is None:
            lock = _LOCKS[key] = FolderLock(folder)
        return lock
