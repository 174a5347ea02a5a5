"""Creating a folder's database: built whole in a temporary file, then renamed into place.

A first opening cut short therefore leaves nothing behind. A half-made file an earlier
Skillpath left (only its tables, all empty, no migration recorded) is rebuilt the same way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import secrets
import sqlite3
from pathlib import Path

from skillpath.core.db import schema
from skillpath.core.db.backups import free_hint, list_backups, offer_backup
from skillpath.core.db.files import (
    NEW_DATABASE_BYTES,
    NEW_PREFIX,
    beside,
    clear_leftovers,
    connect,
    fsync_dir,
    fsync_file,
    no_room,
    remove_with_sides,
    store_error,
    wal_size,
)
from skillpath.core.db.lock import folder_lock
from skillpath.core.db.schema import applied_migrations, apply_migrations, expected_schema
from skillpath.core.errors import CorruptDatabaseError, NoRoomError, StorageError
from skillpath.core.fileio import require_space


def holds_nothing(path: Path) -> bool:
    """No database yet: the file is missing, or empty with no -wal content."""
    try:
        return path.stat().st_size == 0 and wal_size(path) == 0
    except FileNotFoundError:
        return True


def is_half_made(conn: sqlite3.Connection) -> bool:
    """A first opening by an earlier Skillpath was cut short: only Skillpath's tables, every
    one of them empty, and no record of any migration."""
    if applied_migrations(conn):
        return False
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    ours = {*expected_schema(schema.SCHEMA_VERSION).tables, "_sqlite_migrations"}
    if not names or not set(names) <= ours:
        return False
    return all(conn.execute(f'SELECT 1 FROM "{n}" LIMIT 1').fetchone() is None for n in names)


def _build_new(folder: Path, path: Path) -> None:
    """Build a complete, migrated WAL database in a temporary file and rename it to `path`,
    so a kill at any moment leaves either no database or a whole one. The caller holds the
    folder lock and has made sure `path` holds nothing of value."""
    require_space(folder, NEW_DATABASE_BYTES, "a new database", NoRoomError, hint=free_hint(folder))
    clear_leftovers(folder, NEW_PREFIX)
    # -wal and -shm left by a file that is not there would be read into the new one.
    wal = beside(path, "-wal")
    if wal_size(path):
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        with contextlib.suppress(OSError):
            wal.rename(beside(path, f"-wal.orphaned-{stamp}"))
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            beside(path, suffix).unlink()
    temp = folder / f"{NEW_PREFIX}{secrets.token_hex(6)}.sqlite"
    try:
        conn = sqlite3.connect(str(temp), isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous = FULL")
            apply_migrations(conn)
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        fsync_file(temp)
        os.replace(temp, path)
    except OSError as exc:
        remove_with_sides(temp)
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            raise no_room(folder, "the new database") from None
        raise StorageError(
            f"cannot create the database in {folder} ({exc.strerror or exc})"
        ) from None
    except sqlite3.Error as exc:
        remove_with_sides(temp)
        raise store_error(exc, path) from None
    except BaseException:
        remove_with_sides(temp)
        raise
    fsync_dir(folder)


def create_database(folder: Path, path: Path, *, half_made: bool) -> None:
    """Create the database of a folder that has none (or only an interrupted first one)."""
    with folder_lock(folder).hold("the creation of the database"):
        if half_made:
            conn = connect(path)
            try:
                still = is_half_made(conn)
            finally:
                conn.close()
            if not still:
                return  # another Skillpath rebuilt it meanwhile
        elif not holds_nothing(path):
            return  # another Skillpath created it meanwhile
        if (half_made or path.exists()) and list_backups(folder):
            what = "holds no data" if half_made else "is empty"
            raise CorruptDatabaseError(
                f"{path.name} {what}; it was left as it is; {offer_backup(folder)}"
            )
        _build_new(folder, path)
