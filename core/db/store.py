"""The local database: a `Store` opened on a data folder, its transactions and backups.

Opening creates a missing database whole (`create.py`), refuses an unusable one untouched
(`file_check.py`) and migrates an older one (`schema.py`) after a backup (`backups.py`).
Every write (a transaction, a backup, a migration, a restore, the first opening) holds the
folder's lock (`lock.py`), so the app and the command line take turns; nothing holds it
while idle. The names callers import from here are re-exported; `restore` is in
`restore.py` (it opens a Store).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillpath.core.db import schema
from skillpath.core.db.backup_copies import back_up
from skillpath.core.db.backups import (
    BACKUP_DIR,
    KEEP_BACKUPS,
    backup_dir,
    free_hint,
    list_backups,
    local_day,
    newest_backup,
    offer_backup,
)
from skillpath.core.db.create import create_database, holds_nothing
from skillpath.core.db.file_check import HalfMade, check_connection, check_file, refuse_unusable
from skillpath.core.db.files import (
    DB_NAME,
    RESERVE_BYTES,
    Header,
    connect,
    db_bytes,
    db_path,
    make_folder,
    read_header,
    store_error,
    too_new,
)
from skillpath.core.db.lock import FolderLock, folder_lock
from skillpath.core.db.schema import (
    DATA_TABLES,
    SCHEMA_VERSION,
    applied_migrations,
    apply_migrations,
    known_migrations,
)
from skillpath.core.db.store_check import CheckReport
from skillpath.core.errors import (
    ChangedElsewhereError,
    CorruptDatabaseError,
    NoRoomError,
    StorageError,
)
from skillpath.core.fileio import free_bytes, require_space

if TYPE_CHECKING:
    from sqlite_utils import Database


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class Store:
    """An open Skillpath database. Use `Store.open(folder)`; close it (or use `with`)."""

    def __init__(self, folder: Path, conn: sqlite3.Connection) -> None:
        self.folder = folder
        self.path = db_path(folder)
        self.conn = conn
        self.lock: FolderLock = folder_lock(folder)
        self._depth = 0
        # One-line messages for the person about what opening could not do (a daily backup
        # the disk had no room for); the CLI prints them on stderr, the app shows them.
        self.notices: list[str] = []
        self._identity = _identity(self.path)
        self._seen = self._data_version()

    # ------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        daily_backup: bool = True,
        now: dt.datetime | None = None,
        synchronous: str = "FULL",
    ) -> Store:
        """Open (creating if needed) the database in `folder`, migrating it if it is older.

        Args:
            folder: the data folder; created if missing.
            daily_backup: take a backup when none was taken today (the app and CLI do).
            now: the clock, for tests.
            synchronous: SQLite's synchronous setting. FULL makes every commit survive a
                power cut; NORMAL only a crash of the process (both keep the file sound).

        Raises:
            DatabaseTooNewError, CorruptDatabaseError: the file is left untouched.
            StorageError: the folder cannot be created or written, or another Skillpath
                kept it busy (creating or upgrading it) for too long.
        """
        if synchronous.upper() not in ("FULL", "NORMAL", "EXTRA"):
            raise ValueError(f"synchronous must be FULL, NORMAL or EXTRA, not {synchronous}")
        make_folder(folder)
        path = db_path(folder)
        created = False
        for attempt in range(2):
            if holds_nothing(path):
                create_database(folder, path, half_made=False)
                created = True
            try:
                header = read_header(path)
            except CorruptDatabaseError as exc:
                raise CorruptDatabaseError(
                    f"{exc}; it was left as it is; {offer_backup(folder)}"
                ) from None
            if header.user_version > schema.SCHEMA_VERSION:
                raise too_new(path, header.user_version)
            try:
                conn = connect(path)
            except sqlite3.Error as exc:
                raise store_error(exc, path) from None
            try:
                store = cls(folder, conn)
                store._prepare(header, daily_backup and not created, now, synchronous)
            except HalfMade:
                conn.close()
                if attempt:
                    raise CorruptDatabaseError(
                        f"{path.name} cannot be rebuilt; it was left as it is"
                    ) from None
                create_database(folder, path, half_made=True)
                created = True
                continue
            except sqlite3.Error as exc:
                conn.close()
                raise store_error(exc, path) from None
            except BaseException:
                conn.close()
                raise
            return store
        raise AssertionError("unreachable")  # pragma: no cover

    def _prepare(
        self, header: Header, daily_backup: bool, now: dt.datetime | None, sync: str
    ) -> None:
        conn = self.conn
        applied = refuse_unusable(conn, header, self.path)
        known = known_migrations()
        conn.execute(f"PRAGMA synchronous = {sync.upper()}")
        if self._journal_mode() != "wal" or len(applied) < len(known):
            with self.lock.hold("an upgrade of the database"):
                self._upgrade(now)
        if daily_backup:
            try:
                self.daily_backup(now)
            except NoRoomError as exc:
                # Reading must not fail for want of room for a backup; it is tried again
                # on the next opening, and the person is told.
                self.notices.append(f"no backup was taken today: {exc}")

    def _journal_mode(self) -> str:
        return str(self.conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()

    def _upgrade(self, now: dt.datetime | None) -> None:
        """Switch to WAL and run pending migrations (the caller holds the lock; another
        Skillpath may have done either meanwhile)."""
        if self._journal_mode() != "wal":
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StorageError(f"cannot switch {self.path.name} to WAL mode (got {mode})")
        applied = applied_migrations(self.conn)
        known = known_migrations()
        if len(applied) >= len(known):
            return
        if applied:
            self.backup(now=now, label=f"before-schema-{len(known)}")
        self.ensure_room(self._size(), "the upgrade of the database")
        apply_migrations(self.conn)

    @property
    def db(self) -> Database:
        """The connection as a sqlite-utils Database (for migrations and introspection)."""
        from sqlite_utils import Database

        return Database(self.conn)

    # ------------------------------------------------------------ basics

    def close(self) -> None:
        # PRAGMA optimize may write statistics: only when no other Skillpath is writing.
        with contextlib.suppress(StorageError, sqlite3.Error), self.lock.hold("tidying", 0):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _data_version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def changed_elsewhere(self) -> bool:
        """Whether another connection (the app, a command, another Store) committed a
        change, or restored the file, since this Store was opened or last asked.

        Cheap (no disk read beyond SQLite's shared memory): call it before acting on data
        read earlier, and read again when it says True. Replaced files (a restore that
        could not copy page by page) are reopened here, so do not keep `store.conn` across
        this call.
        """
        replaced = self._reopen_if_replaced()
        version = self._data_version()
        changed = replaced or version != self._seen
        self._seen = version
        return changed

    def _reopen_if_replaced(self) -> bool:
        now = _identity(self.path)
        if now is None or now == self._identity or self._depth:
            return False
        fresh = connect(self.path)
        sync = self.conn.execute("PRAGMA synchronous").fetchone()[0]
        fresh.execute(f"PRAGMA synchronous = {int(sync)}")
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        self.conn = fresh
        self._identity = now
        self._seen = -1
        return True

    @contextlib.contextmanager
    def transaction(
        self, *, what: str = "a change", expect_unchanged: bool = False
    ) -> Iterator[sqlite3.Connection]:
        """One transaction (nested calls join the outer one); rolled back on any error.

        It holds the folder's lock (waiting up to lock.WAIT_SECONDS for another writer)
        and, when the change makes the file grow, checks before committing that the disk
        has room to move it from the -wal into the file; if not, it is rolled back.

        Args:
            what: what the change is, named to a writer kept waiting.
            expect_unchanged: refuse (ChangedElsewhereError) when another connection has
                committed since `changed_elsewhere()` was last asked: the caller's data is
                stale. Checked under the lock, so nothing can slip in between.

        Raises:
            StorageError: SQLite errors the environment caused, the disk too full, or the
                folder kept busy; nothing was changed.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self.lock.acquire(what)
        try:
            replaced = self._reopen_if_replaced()
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise store_error(exc, self.path) from None
            self._depth = 1
            try:
                if expect_unchanged and (replaced or self._data_version() != self._seen):
                    raise ChangedElsewhereError(
                        "another Skillpath changed this data meanwhile; nothing was changed: "
                        "look again, then repeat the change"
                    )
                pages = self._pages()
                yield self.conn
                self._room_to_commit(pages)
            except sqlite3.Error as exc:
                self._rollback()
                raise store_error(exc, self.path) from None
            except BaseException:
                self._rollback()
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except sqlite3.Error as exc:
                    self._rollback()
                    raise store_error(exc, self.path) from None
            finally:
                self._depth = 0
        finally:
            self.lock.release()

    def _pages(self) -> int:
        return int(self.conn.execute("PRAGMA page_count").fetchone()[0])

    def _page_size(self) -> int:
        return int(self.conn.execute("PRAGMA page_size").fetchone()[0])

    def _size(self) -> int:
        return self._pages() * self._page_size()

    def _room_to_commit(self, pages_before: int) -> None:
        grown = (self._pages() - pages_before) * self._page_size()
        if grown > 0:
            self.ensure_room(grown, "this change")

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def read(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        """Rows of a query, with SQLite errors turned into StorageError."""
        try:
            cur = self.conn.execute(sql, params)
            cur.row_factory = sqlite3.Row
            return list(cur.fetchall())
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction() as conn:
            if value is None:
                conn.execute("DELETE FROM meta WHERE key = ?", [key])
            else:
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )

    # ------------------------------------------------------------ disk space

    def free_bytes(self) -> int | None:
        """Free space on the disk holding the data folder; None when it cannot be told."""
        return free_bytes(self.folder)

    @staticmethod
    def room_needed(nbytes: int) -> int:
        """Free space a write of `nbytes` into the database needs: the -wal first, then the
        same again when the checkpoint copies it into the file, plus RESERVE_BYTES."""
        return 2 * max(nbytes, 0) + RESERVE_BYTES

    def has_room(self, nbytes: int, *, with_backup: bool = False) -> bool:
        """Whether the disk has room to write `nbytes` into the database (and a backup of
        it first, with `with_backup`)."""
        free = self.free_bytes()
        return free is None or free >= self._room_for(nbytes, with_backup)

    def ensure_room(self, nbytes: int, what: str, *, with_backup: bool = False) -> None:
        """Refuse, before writing, a write of `nbytes` the disk has no room for.

        Args:
            nbytes: roughly what the write adds (an import: the size of its file).
            what: the write, for the message ("the import").
            with_backup: a backup of the database is taken first; count it too.

        Raises:
            StorageError: one line: how much is needed, how much is free, what to free.
        """
        require_space(
            self.folder,
            self._room_for(nbytes, with_backup),
            what,
            NoRoomError,
            hint=free_hint(self.folder),
        )

    def _room_for(self, nbytes: int, with_backup: bool) -> int:
        extra = db_bytes(self.path) if with_backup else 0
        return self.room_needed(nbytes) + extra

    def checkpoint(self) -> bool:
        """Move what the -wal holds into the database file now (SQLite otherwise does it
        every 1000 pages and on the last close).

        Returns:
            True when everything was moved; False when the disk had no room or another
            connection was reading (the -wal keeps it: nothing is lost either way).
        """
        with self.lock.hold("a checkpoint"):
            try:
                busy, _, _ = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlite3.Error:
                return False
        return not busy

    # ------------------------------------------------------------ backups and checks

    def backup(
        self, *, now: dt.datetime | None = None, label: str = "", protect: Iterable[Path] = ()
    ) -> Path:
        """Copy the database into backups/ and prune old copies (backups.py says which stay).

        Args:
            now: the clock, for tests.
            label: a word or two added to the name ("before-delete").
            protect: backups that must survive this pruning (a file about to be restored).

        Returns:
            The new backup file, which this pruning never removes.

        Raises:
            StorageError: no room, a read-only folder or another writer for too long;
                nothing was changed.
        """
        with self.lock.hold("a backup"):
            return back_up(self.conn, self.folder, now=now, label=label, protect=protect)

    def daily_backup(self, now: dt.datetime | None = None) -> Path | None:
        """A backup when none was taken today; checks the file first so a damaged copy never
        pushes a good backup out. Of several Skillpaths opening at once, one takes it."""
        today = local_day(now)
        if self.meta("last_backup") == today:
            return None
        with self.lock.hold("the daily backup"):
            if self.meta("last_backup") == today:
                return None
            result = self.conn.execute("PRAGMA quick_check").fetchall()
            if [r[0] for r in result] != ["ok"]:
                raise CorruptDatabaseError(
                    f"{self.path.name} is damaged ({result[0][0]}); it was left as it is; "
                    f"{offer_backup(self.folder)}"
                )
            target = self.backup(now=now)
            self.set_meta("last_backup", today)
        return target

    def check(self) -> CheckReport:
        """SQLite's integrity check, the schema, foreign keys and every row against the
        rules (see `check_file`)."""
        try:
            return check_connection(self.conn, self.path)
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None


__all__ = [
    "BACKUP_DIR",
    "DATA_TABLES",
    "DB_NAME",
    "KEEP_BACKUPS",
    "SCHEMA_VERSION",
    "ChangedElsewhereError",
    "CheckReport",
    "Header",
    "NoRoomError",
    "Store",
    "backup_dir",
    "check_file",
    "db_path",
    "list_backups",
    "newest_backup",
    "read_header",
    "store_error",
]
