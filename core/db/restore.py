"""Restoring a backup (or another Skillpath file) in place of a folder's database."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import sqlite3
import tempfile
from pathlib import Path

from skillpath.core.db import schema
from skillpath.core.db.backup_copies import keep_damaged
from skillpath.core.db.backups import free_hint, prune
from skillpath.core.db.file_check import check_private
from skillpath.core.db.files import (
    NEW_PREFIX,
    RESERVE_BYTES,
    SNAPSHOT_PREFIX,
    beside,
    clear_leftovers,
    copy_database,
    db_bytes,
    db_path,
    fsync_dir,
    fsync_file,
    make_folder,
    raw_copy,
    read_header,
    remove_with_sides,
    store_error,
    too_new,
)
from skillpath.core.db.lock import folder_lock
from skillpath.core.db.store import Store
from skillpath.core.db.store_check import CheckReport
from skillpath.core.errors import CorruptDatabaseError, NoRoomError, StorageError
from skillpath.core.fileio import require_space


def _refusal(source: Path, report: CheckReport) -> CorruptDatabaseError:
    more = len(report.problems) - 1
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
    return CorruptDatabaseError(
        f"{source.name} cannot be restored: {report.problems[0]}{extra}; nothing was changed"
    )


def restore(folder: Path, source: Path, *, now: dt.datetime | None = None) -> Path | None:
    """Replace the database in `folder` with `source`, a backup or another Skillpath file.

    A private copy of the source is taken first and everything else works from it, so
    pruning can never remove what is being restored. The copy is checked (readable,
    healthy, a Skillpath schema this version reads, no code in it, every row within the
    rules); the current database is backed up before it is replaced (a damaged one is
    copied aside as it is). Connections open elsewhere see the change as any other commit
    (`Store.changed_elsewhere`).

    Returns:
        The backup of the replaced database, or None when there was none.

    Raises:
        CorruptDatabaseError, DatabaseTooNewError, StorageError: nothing was changed.
    """
    source = source.expanduser()
    if not source.exists():
        raise StorageError(f"{source}: no such file")
    if source.is_dir():
        raise StorageError(f"{source} is a folder, not a backup file")
    header = read_header(source)
    if header.user_version > schema.SCHEMA_VERSION:
        raise too_new(source, header.user_version)
    make_folder(folder)
    path = db_path(folder)
    need = 3 * db_bytes(source) + db_bytes(path) + RESERVE_BYTES
    require_space(folder, need, "the restore", NoRoomError, hint=free_hint(folder))
    with folder_lock(folder).hold("a restore"):
        clear_leftovers(folder, SNAPSHOT_PREFIX)
        with tempfile.TemporaryDirectory(prefix=SNAPSHOT_PREFIX, dir=folder) as tmp:
            copy = Path(tmp) / "restore.sqlite"
            raw = raw_copy(source, Path(tmp))
            try:
                conn = sqlite3.connect(str(raw), isolation_level=None)
                try:
                    copy_database(conn, copy)
                finally:
                    conn.close()
            except sqlite3.DatabaseError as exc:
                raise CorruptDatabaseError(
                    f"{source.name} cannot be restored: SQLite cannot read it ({exc}); "
                    "nothing was changed"
                ) from None
            except OSError as exc:
                raise StorageError(f"cannot copy {source} ({exc.strerror or exc})") from None
            remove_with_sides(raw)
            copied = read_header(copy)
            if copied.user_version > schema.SCHEMA_VERSION:
                raise too_new(source, copied.user_version)
            report = check_private(copy, source)
            if not report.ok:
                raise _refusal(source, report)
            kept = _restore_from(folder, path, copy, now, source)
            prune(folder, now, [p for p in (source, kept) if p is not None])
    return kept


def _restore_from(
    folder: Path, path: Path, copy: Path, now: dt.datetime | None, source: Path
) -> Path | None:
    """Put the checked `copy` of `source` in place of `path` (the caller holds the folder
    lock); the backup taken first never prunes `source`."""
    current: Store | None = None
    if path.exists():
        try:
            current = Store.open(folder, daily_backup=False, now=now)
        except StorageError:
            current = None
    else:
        return _replace_file(folder, path, copy, kept=None)
    if current is None:
        # The current file is damaged: copy it (and any -wal) aside as it is.
        kept = keep_damaged(folder, path, now)
        return _replace_file(folder, path, copy, kept)
    try:
        kept = current.backup(now=now, label="before-restore", protect=[source])
        src = sqlite3.connect(str(copy), isolation_level=None)
        try:
            same_pages = src.execute("PRAGMA page_size").fetchone()[0] == current._page_size()
            if same_pages:
                # Page by page into the live file: SQLite keeps the -wal consistent and
                # other connections see an ordinary commit.
                try:
                    src.backup(current.conn)
                except sqlite3.Error as exc:
                    raise store_error(exc, path) from None
        finally:
            src.close()
    finally:
        current.close()
    if not same_pages:
        return _replace_file(folder, path, copy, kept)
    return kept


def _replace_file(folder: Path, path: Path, copy: Path, kept: Path | None) -> Path | None:
    partial = folder / f"{NEW_PREFIX}{secrets.token_hex(6)}.sqlite"
    try:
        shutil.copyfile(copy, partial)
        fsync_file(partial)
        for extra in ("-wal", "-shm", "-journal"):
            beside(path, extra).unlink(missing_ok=True)
        os.replace(partial, path)
    except OSError as exc:
        remove_with_sides(partial)
        raise StorageError(f"cannot restore into {folder} ({exc.strerror or exc})") from None
    fsync_dir(folder)
    return kept
