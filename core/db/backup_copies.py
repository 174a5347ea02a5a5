"""Writing a backup: a copy of the open database, or a damaged file kept aside as it is."""

from __future__ import annotations

import datetime as dt
import errno
import secrets
import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from skillpath.core.db.backups import (
    backup_dir,
    clear_old_backup_leftovers,
    free_hint,
    place_backup,
    prune,
)
from skillpath.core.db.files import (
    RESERVE_BYTES,
    beside,
    clear_leftovers,
    copy_database,
    db_bytes,
    db_path,
    fsync_dir,
    no_room,
    remove_with_sides,
    store_error,
)
from skillpath.core.errors import NoRoomError, StorageError
from skillpath.core.fileio import require_space

# A backup being written; it starts with a dot so it never looks like a backup.
BACKUP_TEMP_PREFIX = ".skillpath-backup-"


def back_up(
    conn: sqlite3.Connection,
    folder: Path,
    *,
    now: dt.datetime | None,
    label: str,
    protect: Iterable[Path],
) -> Path:
    """Copy the open database of `folder` into backups/ and prune old copies (backups.py
    says which stay). The caller holds the folder lock.

    Returns:
        The new backup file, which this pruning never removes.

    Raises:
        StorageError: no room or a read-only folder; nothing was changed.
    """
    where = backup_dir(folder)
    path = db_path(folder)
    try:
        where.mkdir(exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot write a backup in {where} ({exc.strerror or exc})") from None
    clear_leftovers(where, BACKUP_TEMP_PREFIX)
    clear_old_backup_leftovers(where)
    require_space(
        where,
        db_bytes(path) + RESERVE_BYTES,
        "a backup",
        NoRoomError,
        hint=free_hint(folder),
    )
    temp = where / f"{BACKUP_TEMP_PREFIX}{secrets.token_hex(6)}.part"
    try:
        copy_database(conn, temp)
        target = place_backup(temp, where, now, label)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            raise no_room(folder, "a backup") from None
        raise StorageError(f"cannot write a backup in {where} ({exc.strerror or exc})") from None
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None
    finally:
        remove_with_sides(temp)
    fsync_dir(where)
    prune(folder, now, [target, *protect])
    return target


def keep_damaged(folder: Path, path: Path, now: dt.datetime | None) -> Path:
    """Copy a damaged database `path` (and its -wal and -shm) into backups/ as it is.

    Returns:
        The copy, named as any backup (labelled "damaged").
    """
    where = backup_dir(folder)
    try:
        where.mkdir(exist_ok=True)
        temp = where / f"{BACKUP_TEMP_PREFIX}{secrets.token_hex(6)}.part"
        shutil.copyfile(path, temp)
        kept = place_backup(temp, where, now, "damaged")
        for extra in ("-wal", "-shm"):
            side = beside(path, extra)
            if side.exists():
                shutil.copyfile(side, beside(kept, extra))
    except OSError as exc:
        raise StorageError(
            f"cannot keep a copy of the damaged database ({exc.strerror or exc}); nothing "
            "was changed"
        ) from None
    return kept
