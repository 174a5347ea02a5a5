"""The database file on disk: its name, its header, connecting, copying, syncing, its errors.

A header that looks short is not taken as damage while a -wal file holds the rest (a
checkpoint the disk was too full to finish): SQLite's own check decides.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from skillpath.core.db import schema
from skillpath.core.db.backups import free_hint, offer_backup
from skillpath.core.errors import (
    CorruptDatabaseError,
    DatabaseTooNewError,
    NoRoomError,
    StorageError,
)
from skillpath.core.fileio import sync_folder

DB_NAME = "skillpath.sqlite"
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"
# Free space kept in hand beyond what a write needs: SQLite's journal headers, -shm, the
# file system's own blocks. A disk with less than this free is treated as full.
RESERVE_BYTES = 256 * 1024
NEW_DATABASE_BYTES = 1024 * 1024  # room asked for before building a new database

# Temporary files, all starting with a dot so they never look like a backup or a database
# (a backup being written: backups.BACKUP_TEMP_PREFIX).
NEW_PREFIX = ".skillpath-new-"  # a database being built (first open, restore)
SNAPSHOT_PREFIX = ".skillpath-restore-"  # a private copy of a file being restored


def db_path(folder: Path) -> Path:
    """The database file inside a data folder."""
    return folder / DB_NAME


def beside(path: Path, suffix: str) -> Path:
    """The file SQLite keeps beside `path` ("-wal", "-shm", "-journal")."""
    return path.with_name(path.name + suffix)


def wal_size(path: Path) -> int:
    try:
        return beside(path, "-wal").stat().st_size
    except OSError:
        return 0


def fsync_file(path: Path) -> None:
    # Windows syncs only a handle open for writing.
    fd = os.open(path, os.O_RDWR if os.name == "nt" else os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable where the platform allows it."""
    sync_folder(folder)


def remove_with_sides(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            beside(path, suffix).unlink()


def db_bytes(path: Path) -> int:
    """The size of a database with its -wal: what a copy of it needs at most."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return size + wal_size(path)


def clear_leftovers(folder: Path, prefix: str) -> None:
    """Remove temporary files a killed writer left (the caller holds the folder lock)."""
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f"{prefix}*"):
            with contextlib.suppress(OSError):
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink()


def make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise StorageError(f"the data folder {folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except PermissionError:
        raise StorageError(f"cannot create the data folder {folder}: permission denied") from None
    except OSError as exc:
        raise StorageError(f"cannot create the data folder {folder} ({exc.strerror})") from None


# ------------------------------------------------------------ what went wrong, in plain words


def no_room(folder: Path, what: str) -> NoRoomError:
    return NoRoomError(
        f"the disk holding {folder} is full, so {what} could not be written; {_free_advice(folder)}"
    )


def _free_advice(folder: Path) -> str:
    hint = free_hint(folder)
    return (
        "nothing was changed; free some space on it"
        + (f" ({hint})" if hint else "")
        + (" and try again")
    )


def too_new(path: Path, version: int) -> DatabaseTooNewError:
    return DatabaseTooNewError(
        f"{path.name} was written by a newer Skillpath (schema {version}; this one reads up to "
        f"{schema.SCHEMA_VERSION}); it was left untouched: update Skillpath to open it"
    )


def store_error(exc: sqlite3.Error, path: Path) -> StorageError:
    """A plain-words error for what SQLite reported about the environment."""
    text = str(exc).lower()
    folder = path.parent
    if "locked" in text or "busy" in text:
        return StorageError(
            f"{path.name} is busy: another Skillpath is writing to it; try again in a moment"
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StorageError(f"cannot write to the data folder {folder} (is it read-only?)")
    if "disk is full" in text or "full" in text:
        return NoRoomError(f"the disk holding {folder} is full; {_free_advice(folder)}")
    if "disk i/o" in text:
        return StorageError(f"cannot read or write {path} (a disk error); nothing was changed")
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return CorruptDatabaseError(
            f"{path.name} is damaged ({exc}); it was left as it is; {offer_backup(folder)}"
        )
    return StorageError(f"{path.name}: {exc}")


# ------------------------------------------------------------ reading, connecting, copying


@dataclass(frozen=True)
class Header:
    """The parts of a SQLite file header that tell whether the file is usable."""

    page_size: int
    pages: int | None  # None when the in-header size is not trustworthy
    user_version: int
    wal: bool = False  # a -wal file beside it may hold newer pages than the file
    short: bool = False  # shorter than its header says, or empty, with a -wal beside it


def read_header(path: Path) -> Header:
    """Read and check a SQLite file header without opening it as a database.

    A file shorter than its header says (or empty) is damaged only when no -wal file is
    beside it: with one, a checkpoint the disk was too full to finish leaves exactly that
    and the database is sound, so the result says `short` and SQLite's check decides.

    Raises:
        CorruptDatabaseError: the file is empty, not SQLite or visibly truncated.
    """
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(100)
    except IsADirectoryError:
        raise CorruptDatabaseError(f"{path} is a folder, not a database") from None
    except OSError as exc:
        raise StorageError(f"cannot read {path} ({exc.strerror or exc})") from None
    wal = wal_size(path) > 0
    if size == 0:
        if wal:
            return Header(page_size=0, pages=None, user_version=0, wal=True, short=True)
        raise CorruptDatabaseError(f"{name} is empty")
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise CorruptDatabaseError(f"{name} is not a SQLite database")
    page_size = struct.unpack(">H", head[16:18])[0]
    if page_size == 1:
        page_size = 65536
    if page_size < 512 or page_size & (page_size - 1):
        raise CorruptDatabaseError(f"{name} is damaged (its header is not valid)")
    change_counter, pages = struct.unpack(">II", head[24:32])
    valid_for = struct.unpack(">I", head[92:96])[0]
    user_version = struct.unpack(">i", head[60:64])[0]
    trusted = pages if pages and change_counter == valid_for else None
    short = bool(size % page_size or (trusted is not None and size < trusted * page_size))
    if short and not wal:
        raise CorruptDatabaseError(f"{name} is damaged (the file is truncated)")
    return Header(page_size, None if short else trusted, user_version, wal, short)


def connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are begun explicitly (BEGIN IMMEDIATE) so that a
    # writer never deadlocks upgrading a read lock while a second process writes.
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of an open database in `target` (a new file): self-contained, in
    rollback mode (no -wal beside it, ever), synced to disk."""
    dest = sqlite3.connect(str(target), isolation_level=None)
    try:
        # Exclusive locking: the copy takes the source's WAL flag, and switching it back
        # must not create -wal/-shm files beside it.
        dest.execute("PRAGMA locking_mode = EXCLUSIVE")
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    fsync_file(target)


def raw_copy(path: Path, into: Path) -> Path:
    """Copy a database file and its -wal into the folder `into` (the -wal first, so a
    checkpoint running meanwhile cannot leave the copy short of pages)."""
    copy = into / "copy.sqlite"
    try:
        if wal_size(path):
            shutil.copyfile(beside(path, "-wal"), beside(copy, "-wal"))
        shutil.copyfile(path, copy)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            raise StorageError(
                f"cannot copy {path} to check it: the disk holding {into} is full"
            ) from None
        raise StorageError(f"cannot read {path} ({exc.strerror or exc})") from None
    return copy
