"""The local database: one SQLite file in the data folder, its schema, backups and checks.

A `Store` is opened on a folder. A new folder's database is built in a temporary file and
renamed into place, so a first opening cut short leaves nothing behind. Opening refuses,
without writing to it, a file that is not a SQLite database, a damaged one, one holding
code (a trigger or a view) and one written by a newer Skillpath; each message names the
newest backup. A header that looks short is not taken as damage while a -wal file holds
the rest (a checkpoint the disk was too full to finish): SQLite's own check decides.

The schema is versioned with sqlite-utils' `Migrations`, mirrored in `PRAGMA user_version`
so a too-new file is recognised from its header alone. Every write (a transaction, a
backup, a migration, a restore, the first opening) holds the folder's lock (`lock.py`), so
the app and the command line take turns; nothing holds it while idle.

Backups are named by UTC time plus a counter that only grows, and pruned by that counter:
the newest KEEP_BACKUPS are kept, and so is any taken in the last BACKUP_GRACE (up to
MAX_BACKUPS in all), the one just taken and the one being restored. A clock or time-zone
change can only make more of them stay, never remove a newer one. Older local-time names
(skillpath-YYYYMMDD-HHMMSS.sqlite) are listed and restored as before, older than any new one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import secrets
import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillpath.core.db.lock import FolderLock, folder_lock
from skillpath.core.db.store_check import CheckReport, Schema, inspect_database, unexpected_code
from skillpath.core.errors import CorruptDatabaseError, DatabaseTooNewError, StorageError
from skillpath.core.fileio import free_bytes, require_space

DB_NAME = "skillpath.sqlite"
BACKUP_DIR = "backups"
BACKUP_PREFIX = "skillpath-"
KEEP_BACKUPS = 10
BACKUP_GRACE = dt.timedelta(hours=1)  # a backup this young is never pruned...
MAX_BACKUPS = 40  # ...unless there are more than this many
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"
# Free space kept in hand beyond what a write needs: SQLite's journal headers, -shm, the
# file system's own blocks. A disk with less than this free is treated as full.
RESERVE_BYTES = 256 * 1024
NEW_DATABASE_BYTES = 1024 * 1024  # room asked for before building a new database

# Temporary files, all starting with a dot so they never look like a backup or a database.
_NEW_PREFIX = ".skillpath-new-"  # a database being built (first open, restore)
_BACKUP_TEMP_PREFIX = ".skillpath-backup-"  # a backup being written
_SNAPSHOT_PREFIX = ".skillpath-restore-"  # a private copy of a file being restored

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "skillpath"

# Version 1. A released schema is never edited: a change is a new migration below, plus a
# fixture database of the old version in tests/fixtures/db/.
SCHEMA_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE profiles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    data TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created TEXT NOT NULL,
    role_id TEXT NOT NULL,
    role_title TEXT NOT NULL,
    start TEXT NOT NULL,
    hours_per_week REAL NOT NULL CHECK (hours_per_week > 0),
    target TEXT,
    message TEXT NOT NULL DEFAULT '',
    options TEXT NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX plans_one_active ON plans(profile_id) WHERE active = 1;
CREATE INDEX plans_profile ON plans(profile_id);
CREATE TABLE phases (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    skills TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX phases_plan ON phases(plan_id, position);
CREATE TABLE deliverables (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    phase_id INTEGER NOT NULL REFERENCES phases(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('course', 'reading', 'practice', 'project', 'certification')),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    skills TEXT NOT NULL DEFAULT '[]',
    targets TEXT NOT NULL DEFAULT '{}',
    hours REAL NOT NULL CHECK (hours >= 0),
    start TEXT NOT NULL,
    due TEXT NOT NULL,
    metric TEXT NOT NULL DEFAULT '',
    resource TEXT,
    certification TEXT,
    origin TEXT NOT NULL DEFAULT 'generated' CHECK (origin IN ('generated', 'own')),
    status TEXT NOT NULL DEFAULT 'todo'
        CHECK (status IN ('todo', 'in progress', 'done', 'skipped')),
    started_on TEXT,
    done_on TEXT,
    expires_on TEXT,
    UNIQUE (plan_id, key)
);
CREATE INDEX deliverables_phase ON deliverables(phase_id, position);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    deliverable_id INTEGER NOT NULL REFERENCES deliverables(id) ON DELETE CASCADE,
    "on" TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX notes_deliverable ON notes(deliverable_id);
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    deliverable_id INTEGER NOT NULL REFERENCES deliverables(id) ON DELETE CASCADE,
    "on" TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('link', 'certificate', 'file')),
    value TEXT NOT NULL
);
CREATE INDEX evidence_deliverable ON evidence(deliverable_id);
CREATE TABLE time_logs (
    id INTEGER PRIMARY KEY,
    deliverable_id INTEGER NOT NULL REFERENCES deliverables(id) ON DELETE CASCADE,
    "on" TEXT NOT NULL,
    hours REAL NOT NULL CHECK (hours > 0)
);
CREATE INDEX time_logs_deliverable ON time_logs(deliverable_id);
CREATE TABLE earned (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    level INTEGER NOT NULL,
    previous_level INTEGER NOT NULL,
    previous_source TEXT,
    "on" TEXT NOT NULL
);
CREATE INDEX earned_profile ON earned(profile_id, skill);
CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    "on" TEXT NOT NULL,
    role_id TEXT NOT NULL,
    readiness INTEGER NOT NULL,
    levels TEXT NOT NULL
);
CREATE INDEX snapshots_profile ON snapshots(profile_id, "on");
CREATE TABLE oplog (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    summary TEXT NOT NULL,
    changes TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX oplog_profile ON oplog(profile_id, id);
"""


def run_script(db: Database, script: str) -> None:
    """Run the statements of `script` one by one, inside the caller's transaction.

    (`executescript` would commit first, so a migration cut short could leave half a
    schema behind.) Migration steps use this, never `executescript`.
    """
    statement = ""
    for part in script.split(";"):
        statement += part + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \n;"):
                db.execute(statement)
            statement = ""
    if statement.strip(" \n;"):
        db.execute(statement)


def _m0001_initial(db: Database) -> None:
    run_script(db, SCHEMA_V1)
    db.execute("PRAGMA user_version = 1")


# Version 2: roles a person defines or copies (core/own_roles.py), one JSON document each.
SCHEMA_V2 = """
CREATE TABLE own_roles (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    created TEXT NOT NULL
);
"""


def _m0002_own_roles(db: Database) -> None:
    run_script(db, SCHEMA_V2)
    db.execute("PRAGMA user_version = 2")


def _m0003_origins(db: Database) -> None:
    from skillpath.core.db.schema_v3 import migrate

    migrate(db)


# Every migration in order; the schema version is their count. sqlite-utils is imported
# only when one has to run (opening an up-to-date file does not need it). A step runs
# inside the transaction that records it and must not commit (no executescript, no VACUUM).
STEPS: tuple[tuple[str, Callable[[Database], None]], ...] = (
    ("0001_initial", _m0001_initial),
    ("0002_own_roles", _m0002_own_roles),
    ("0003_origins", _m0003_origins),
)
SCHEMA_VERSION = len(STEPS)


@cache
def _migrations() -> Migrations:
    from sqlite_utils.migrations import Migrations

    steps = Migrations(MIGRATION_SET)
    for name, step in STEPS:
        steps(name=name)(step)
    return steps


def _apply_migrations(conn: sqlite3.Connection) -> None:
    """Apply every pending migration in one transaction: all of them or none."""
    from sqlite_utils import Database

    conn.execute("BEGIN IMMEDIATE")
    try:
        _migrations().apply(Database(conn))
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# Tables of schema 1 that hold the person's data, parents before children.
DATA_TABLES = (
    "meta",
    "profiles",
    "plans",
    "phases",
    "deliverables",
    "notes",
    "evidence",
    "time_logs",
    "earned",
    "snapshots",
    "oplog",
)
# Tables added by later schema versions, with the version that added them; a database of an
# older version (a backup about to be restored, say) is sound without them.
LATER_TABLES = {"own_roles": 2}


def expected_schema(version: int) -> Schema:
    """What a database of schema `version` holds: built by running the first `version`
    migrations on an empty in-memory database."""
    return _schema_of_steps(STEPS[:version])


@cache
def _schema_of_steps(steps: tuple[tuple[str, Callable[[Database], None]], ...]) -> Schema:
    from sqlite_utils import Database

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = Database(conn)
        _migrations().ensure_migrations_table(db)
        for _, step in steps:
            step(db)
        return Schema.of(conn, len(steps))
    finally:
        conn.close()


# ------------------------------------------------------------ paths and backups


def db_path(folder: Path) -> Path:
    """The database file inside a data folder."""
    return folder / DB_NAME


def backup_dir(folder: Path) -> Path:
    return folder / BACKUP_DIR


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _wal_size(path: Path) -> int:
    try:
        return _side(path, "-wal").stat().st_size
    except OSError:
        return 0


_NEW_NAME = re.compile(r"^skillpath-(\d{8}T\d{6}Z)-(\d{1,12})(?:-([a-z0-9-]+))?\.sqlite$")
_OLD_NAME = re.compile(r"^skillpath-(\d{8}-\d{6})(?:-(.*?))??(?:-(\d+))?\.sqlite$")


@dataclass(frozen=True)
class _Backup:
    """A backup file and what its name says."""

    path: Path
    key: tuple[int, str, int, str]  # sorts oldest first
    taken: dt.datetime | None  # in UTC; None when the name does not say
    sequence: int | None  # None for an old local-time name

    @classmethod
    def parse(cls, path: Path) -> _Backup:
        name = path.name
        new = _NEW_NAME.match(name)
        if new:
            taken = dt.datetime.strptime(new[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
            sequence = int(new[2])
            return cls(path, (1, "", sequence, name), taken, sequence)
        old = _OLD_NAME.match(name)
        if old:
            local: dt.datetime | None
            try:
                local = dt.datetime.strptime(old[1], "%Y%m%d-%H%M%S").astimezone(dt.UTC)
            except (ValueError, OverflowError, OSError):
                local = None
            return cls(path, (0, old[1], int(old[3] or 1), name), local, None)
        # Another name starting skillpath-: listed and restorable, never pruned.
        return cls(path, (0, "", 0, name), None, None)

    @property
    def prunable(self) -> bool:
        return self.sequence is not None or _OLD_NAME.match(self.path.name) is not None


def _backups(folder: Path) -> list[_Backup]:
    where = backup_dir(folder)
    try:
        found = [p for p in where.glob(f"{BACKUP_PREFIX}*.sqlite") if p.is_file()]
    except OSError:
        return []
    return sorted((_Backup.parse(p) for p in found), key=lambda b: b.key)


def list_backups(folder: Path) -> list[Path]:
    """The backups in a data folder, oldest first (by the order they were taken, which a
    clock or time-zone change does not alter)."""
    return [b.path for b in _backups(folder)]


def newest_backup(folder: Path) -> Path | None:
    found = list_backups(folder)
    return found[-1] if found else None


def _offer_backup(folder: Path) -> str:
    newest = newest_backup(folder)
    if newest is None:
        return "there is no backup to restore"
    return f"the newest backup is {newest} (use `skillpath restore {newest}`)"


def _utc(now: dt.datetime | None) -> dt.datetime:
    """`now` in UTC; a naive time is taken as local time, as datetime.now() gives it."""
    if now is None:
        return dt.datetime.now(dt.UTC)
    return now.astimezone(dt.UTC)


def _local_day(now: dt.datetime | None) -> str:
    if now is None:
        return dt.date.today().isoformat()
    if now.tzinfo is None:
        return now.date().isoformat()
    return now.astimezone().date().isoformat()


def _clean_label(label: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    return text[:40].strip("-")


def _place_backup(temp: Path, where: Path, now: dt.datetime | None, label: str) -> Path:
    """Give a finished temporary backup its name: UTC time, then the next counter value.

    A hard link never replaces a file, so two writers can never take the same name.
    """
    stamp = _utc(now).strftime("%Y%m%dT%H%M%SZ")
    suffix = f"-{_clean_label(label)}" if _clean_label(label) else ""
    sequence = max((b.sequence or 0 for b in _backups(where.parent)), default=0) + 1
    for _ in range(1000):
        target = where / f"{BACKUP_PREFIX}{stamp}-{sequence:06d}{suffix}.sqlite"
        try:
            os.link(temp, target)
        except FileExistsError:
            sequence += 1
            continue
        except OSError as exc:
            if exc.errno not in _NO_LINK:
                raise
            if target.exists():  # the folder lock is held: nobody else names backups now
                sequence += 1
                continue
            os.replace(temp, target)
            return target
        temp.unlink()
        return target
    raise StorageError(f"cannot name a new backup in {where}: too many backups there")


_NO_LINK = {errno.EPERM, errno.EACCES, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def _prune(folder: Path, now: dt.datetime | None, protect: Iterable[Path] = ()) -> list[Path]:
    """Delete backups beyond the newest KEEP_BACKUPS (in the order taken) that are older
    than BACKUP_GRACE, or the oldest beyond MAX_BACKUPS; never one in `protect`.

    Returns:
        The files deleted.
    """
    kept = {_same_key(p) for p in protect}
    found = [b for b in _backups(folder) if b.prunable]
    if len(found) <= KEEP_BACKUPS:
        return []
    cutoff = _utc(now) - BACKUP_GRACE
    left = len(found)
    gone: list[Path] = []
    for backup in found[:-KEEP_BACKUPS]:
        if _same_key(backup.path) in kept:
            continue
        # A time in the future (the clock was set back) counts as young: kept, not lost.
        young = backup.taken is None or backup.taken > cutoff
        if young and left <= MAX_BACKUPS:
            continue
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
        left -= 1
        gone.append(backup.path)
    return gone


def _same_key(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except OSError:
        return str(path)


def _clear_leftovers(folder: Path, prefix: str) -> None:
    """Remove temporary files a killed writer left (the caller holds the folder lock)."""
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f"{prefix}*"):
            with contextlib.suppress(OSError):
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink()


def _clear_old_backup_leftovers(where: Path) -> None:
    # Earlier versions wrote backups as skillpath-*.sqlite.part and could leave -wal/-shm
    # files beside them (the folder lock now keeps two backups from sharing a name).
    with contextlib.suppress(OSError):
        for pattern in ("skillpath-*.sqlite.part", "skillpath-*.sqlite.part-*"):
            for leftover in where.glob(pattern):
                with contextlib.suppress(OSError):
                    leftover.unlink()


# ------------------------------------------------------------ files on disk


def _fsync_file(path: Path) -> None:
    # Windows syncs only a handle open for writing.
    fd = os.open(path, os.O_RDWR if os.name == "nt" else os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse to sync a folder; the rename is done regardless
    finally:
        os.close(fd)


def _remove_with_sides(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            _side(path, suffix).unlink()


def _db_bytes(path: Path) -> int:
    """The size of a database with its -wal: what a copy of it needs at most."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return size + _wal_size(path)


class NoRoomError(StorageError):
    """The disk holding the data folder has no room for a write; nothing was changed. The
    message says how much to free (and where, when old backups could go)."""


def _no_room(folder: Path, what: str) -> NoRoomError:
    return NoRoomError(
        f"the disk holding {folder} is full, so {what} could not be written; {_free_advice(folder)}"
    )


def _free_advice(folder: Path) -> str:
    hint = _free_hint(folder)
    return (
        "nothing was changed; free some space on it"
        + (f" ({hint})" if hint else "")
        + (" and try again")
    )


def _free_hint(folder: Path) -> str:
    """What in the data folder could be freed, if anything."""
    return f"old backups in {backup_dir(folder)} can be deleted" if list_backups(folder) else ""


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
    wal = _wal_size(path) > 0
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


def _too_new(path: Path, version: int) -> DatabaseTooNewError:
    return DatabaseTooNewError(
        f"{path.name} was written by a newer Skillpath (schema {version}; this one reads up to "
        f"{SCHEMA_VERSION}); it was left untouched: update Skillpath to open it"
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
            f"{path.name} is damaged ({exc}); it was left as it is; {_offer_backup(folder)}"
        )
    return StorageError(f"{path.name}: {exc}")


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are begun explicitly (BEGIN IMMEDIATE) so that a
    # writer never deadlocks upgrading a read lock while a second process writes.
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _applied(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [r[0] for r in rows]


def _known_names() -> list[str]:
    return [name for name, _ in STEPS]


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise StorageError(f"the data folder {folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except PermissionError:
        raise StorageError(f"cannot create the data folder {folder}: permission denied") from None
    except OSError as exc:
        raise StorageError(f"cannot create the data folder {folder} ({exc.strerror})") from None


# ------------------------------------------------------------ a new database


def _copy_database(source: sqlite3.Connection, target: Path) -> None:
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
    _fsync_file(target)


def _holds_nothing(path: Path) -> bool:
    """No database yet: the file is missing, or empty with no -wal content."""
    try:
        return path.stat().st_size == 0 and _wal_size(path) == 0
    except FileNotFoundError:
        return True


def _half_made(conn: sqlite3.Connection) -> bool:
    """A first opening by an earlier Skillpath was cut short: only Skillpath's tables, every
    one of them empty, and no record of any migration."""
    if _applied(conn):
        return False
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    ours = {*expected_schema(SCHEMA_VERSION).tables, "_sqlite_migrations"}
    if not names or not set(names) <= ours:
        return False
    return all(conn.execute(f'SELECT 1 FROM "{n}" LIMIT 1').fetchone() is None for n in names)


def _build_new(folder: Path, path: Path) -> None:
    """Build a complete, migrated WAL database in a temporary file and rename it to `path`,
    so a kill at any moment leaves either no database or a whole one. The caller holds the
    folder lock and has made sure `path` holds nothing of value."""
    require_space(
        folder, NEW_DATABASE_BYTES, "a new database", NoRoomError, hint=_free_hint(folder)
    )
    _clear_leftovers(folder, _NEW_PREFIX)
    # -wal and -shm left by a file that is not there would be read into the new one.
    wal = _side(path, "-wal")
    if _wal_size(path):
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        with contextlib.suppress(OSError):
            wal.rename(_side(path, f"-wal.orphaned-{stamp}"))
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            _side(path, suffix).unlink()
    temp = folder / f"{_NEW_PREFIX}{secrets.token_hex(6)}.sqlite"
    try:
        conn = sqlite3.connect(str(temp), isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous = FULL")
            _apply_migrations(conn)
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        _fsync_file(temp)
        os.replace(temp, path)
    except OSError as exc:
        _remove_with_sides(temp)
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            raise _no_room(folder, "the new database") from None
        raise StorageError(
            f"cannot create the database in {folder} ({exc.strerror or exc})"
        ) from None
    except sqlite3.Error as exc:
        _remove_with_sides(temp)
        raise store_error(exc, path) from None
    except BaseException:
        _remove_with_sides(temp)
        raise
    _fsync_dir(folder)


class _HalfMade(Exception):
    """Raised inside Store.open: the file is an earlier version's interrupted first open."""


def _create(folder: Path, path: Path, *, half_made: bool) -> None:
    """Create the database of a folder that has none (or only an interrupted first one)."""
    with folder_lock(folder).hold("the creation of the database"):
        if half_made:
            conn = _connect(path)
            try:
                still = _half_made(conn)
            finally:
                conn.close()
            if not still:
                return  # another Skillpath rebuilt it meanwhile
        elif not _holds_nothing(path):
            return  # another Skillpath created it meanwhile
        if (half_made or path.exists()) and list_backups(folder):
            what = "holds no data" if half_made else "is empty"
            raise CorruptDatabaseError(
                f"{path.name} {what}; it was left as it is; {_offer_backup(folder)}"
            )
        _build_new(folder, path)


# ------------------------------------------------------------ checking a file


def _check_connection(conn: sqlite3.Connection, path: Path) -> CheckReport:
    return inspect_database(
        conn, path, migration_set=MIGRATION_SET, migrations=_known_names(), schema=expected_schema
    )


def _raw_copy(path: Path, into: Path) -> Path:
    """Copy a database file and its -wal into the folder `into` (the -wal first, so a
    checkpoint running meanwhile cannot leave the copy short of pages)."""
    copy = into / "copy.sqlite"
    try:
        if _wal_size(path):
            shutil.copyfile(_side(path, "-wal"), _side(copy, "-wal"))
        shutil.copyfile(path, copy)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            raise StorageError(
                f"cannot copy {path} to check it: the disk holding {into} is full"
            ) from None
        raise StorageError(f"cannot read {path} ({exc.strerror or exc})") from None
    return copy


def _check_private(copy: Path, shown: Path) -> CheckReport:
    """Check a private copy, opened for writing (SQLite skips CHECK constraints on a
    read-only connection) though nothing is written."""
    try:
        conn = sqlite3.connect(str(copy), isolation_level=None)
    except sqlite3.Error as exc:
        return CheckReport(shown, [f"SQLite cannot read it: {exc}"], 0, 0, 0)
    try:
        return _check_connection(conn, shown)
    except sqlite3.DatabaseError as exc:
        return CheckReport(shown, [f"SQLite cannot read it: {exc}"], 0, 0, 0)
    finally:
        conn.close()


def _check_path(path: Path) -> CheckReport:
    """Check a file (known to exist) on a private copy, so neither it nor anything beside
    it changes; the copy includes its -wal."""
    held: FolderLock | None = None
    if path.name == DB_NAME:
        # The folder's own database: hold its lock so no write lands while it is copied.
        try:
            held = folder_lock(path.parent)
            held.acquire("a check")
        except StorageError:
            held = None
    try:
        with tempfile.TemporaryDirectory(prefix=_SNAPSHOT_PREFIX) as tmp:
            copy = _raw_copy(path, Path(tmp))
            if held is not None:
                held.release()
                held = None
            return _check_private(copy, path)
    finally:
        if held is not None:
            held.release()


def check_file(path: Path) -> CheckReport:
    """Run every check every other verb runs, and more, on a file, read-only: its header,
    SQLite's integrity check, the schema (no triggers, views or unknown tables), foreign
    keys and every row's values against core/rules.py. Reads the -wal too.

    Raises:
        CorruptDatabaseError: the file is not a SQLite database at all.
        StorageError: the file cannot be read.
    """
    if not path.exists():
        raise StorageError(f"{path}: no such file")
    read_header(path)
    return _check_path(path)


class ChangedElsewhereError(StorageError):
    """Another Skillpath (the app, a command) changed the data since this one last read it;
    nothing was changed: read again, then repeat the change."""


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
        _make_folder(folder)
        path = db_path(folder)
        created = False
        for attempt in range(2):
            if _holds_nothing(path):
                _create(folder, path, half_made=False)
                created = True
            try:
                header = read_header(path)
            except CorruptDatabaseError as exc:
                raise CorruptDatabaseError(
                    f"{exc}; it was left as it is; {_offer_backup(folder)}"
                ) from None
            if header.user_version > SCHEMA_VERSION:
                raise _too_new(path, header.user_version)
            try:
                conn = _connect(path)
            except sqlite3.Error as exc:
                raise store_error(exc, path) from None
            try:
                store = cls(folder, conn)
                store._prepare(header, daily_backup and not created, now, synchronous)
            except _HalfMade:
                conn.close()
                if attempt:
                    raise CorruptDatabaseError(
                        f"{path.name} cannot be rebuilt; it was left as it is"
                    ) from None
                _create(folder, path, half_made=True)
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
        if header.short:
            # The file is shorter than its header says, with a -wal beside it: sound when
            # SQLite can read every page (a checkpoint that ran out of disk), else damaged.
            found = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
            if found != ["ok"]:
                raise CorruptDatabaseError(
                    f"{self.path.name} is damaged ({found[0]}); it was left as it is; "
                    f"{_offer_backup(self.folder)}"
                )
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:  # the header may be stale while a -wal holds changes
            raise _too_new(self.path, version)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        applied = _applied(conn)
        known = _known_names()
        if applied != known[: len(applied)]:
            raise _too_new(self.path, max(version, len(applied)))
        if tables and not applied:
            if _half_made(conn):
                raise _HalfMade
            raise CorruptDatabaseError(
                f"{self.path.name} is a SQLite database but not Skillpath's; it was left as it is"
            )
        code = unexpected_code(conn, None)
        if code and applied:  # only a schema of ours could allow one (none does yet)
            code = unexpected_code(conn, expected_schema(len(applied)))
        if code:
            raise CorruptDatabaseError(
                f"{self.path.name} holds {code[0]}, which Skillpath never makes (code in a "
                f"database runs on every change); it was left as it is; "
                f"{_offer_backup(self.folder)}"
            )
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
        applied = _applied(self.conn)
        known = _known_names()
        if len(applied) >= len(known):
            return
        if applied:
            self.backup(now=now, label=f"before-schema-{len(known)}")
        self.ensure_room(self._size(), "the upgrade of the database")
        _apply_migrations(self.conn)

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
        fresh = _connect(self.path)
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
            hint=_free_hint(self.folder),
        )

    def _room_for(self, nbytes: int, with_backup: bool) -> int:
        extra = _db_bytes(self.path) if with_backup else 0
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
        """Copy the database into backups/ and prune old copies (see the module's note).

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
        where = backup_dir(self.folder)
        with self.lock.hold("a backup"):
            try:
                where.mkdir(exist_ok=True)
            except OSError as exc:
                raise StorageError(
                    f"cannot write a backup in {where} ({exc.strerror or exc})"
                ) from None
            _clear_leftovers(where, _BACKUP_TEMP_PREFIX)
            _clear_old_backup_leftovers(where)
            require_space(
                where,
                _db_bytes(self.path) + RESERVE_BYTES,
                "a backup",
                NoRoomError,
                hint=_free_hint(self.folder),
            )
            temp = where / f"{_BACKUP_TEMP_PREFIX}{secrets.token_hex(6)}.part"
            try:
                self._copy_to(temp)
                target = _place_backup(temp, where, now, label)
            except OSError as exc:
                if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
                    raise _no_room(self.folder, "a backup") from None
                raise StorageError(
                    f"cannot write a backup in {where} ({exc.strerror or exc})"
                ) from None
            except sqlite3.Error as exc:
                raise store_error(exc, self.path) from None
            finally:
                _remove_with_sides(temp)
            _fsync_dir(where)
            _prune(self.folder, now, [target, *protect])
        return target

    def _copy_to(self, target: Path) -> None:
        _copy_database(self.conn, target)

    def daily_backup(self, now: dt.datetime | None = None) -> Path | None:
        """A backup when none was taken today; checks the file first so a damaged copy never
        pushes a good backup out. Of several Skillpaths opening at once, one takes it."""
        today = _local_day(now)
        if self.meta("last_backup") == today:
            return None
        with self.lock.hold("the daily backup"):
            if self.meta("last_backup") == today:
                return None
            result = self.conn.execute("PRAGMA quick_check").fetchall()
            if [r[0] for r in result] != ["ok"]:
                raise CorruptDatabaseError(
                    f"{self.path.name} is damaged ({result[0][0]}); it was left as it is; "
                    f"{_offer_backup(self.folder)}"
                )
            target = self.backup(now=now)
            self.set_meta("last_backup", today)
        return target

    def check(self) -> CheckReport:
        """SQLite's integrity check, the schema, foreign keys and every row against the
        rules (see `check_file`)."""
        try:
            return _check_connection(self.conn, self.path)
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None


# ------------------------------------------------------------ restore


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
    if header.user_version > SCHEMA_VERSION:
        raise _too_new(source, header.user_version)
    _make_folder(folder)
    path = db_path(folder)
    need = 3 * _db_bytes(source) + _db_bytes(path) + RESERVE_BYTES
    require_space(folder, need, "the restore", NoRoomError, hint=_free_hint(folder))
    with folder_lock(folder).hold("a restore"):
        _clear_leftovers(folder, _SNAPSHOT_PREFIX)
        with tempfile.TemporaryDirectory(prefix=_SNAPSHOT_PREFIX, dir=folder) as tmp:
            copy = Path(tmp) / "restore.sqlite"
            raw = _raw_copy(source, Path(tmp))
            try:
                conn = sqlite3.connect(str(raw), isolation_level=None)
                try:
                    _copy_database(conn, copy)
                finally:
                    conn.close()
            except sqlite3.DatabaseError as exc:
                raise CorruptDatabaseError(
                    f"{source.name} cannot be restored: SQLite cannot read it ({exc}); "
                    "nothing was changed"
                ) from None
            except OSError as exc:
                raise StorageError(f"cannot copy {source} ({exc.strerror or exc})") from None
            _remove_with_sides(raw)
            copied = read_header(copy)
            if copied.user_version > SCHEMA_VERSION:
                raise _too_new(source, copied.user_version)
            report = _check_private(copy, source)
            if not report.ok:
                raise _refusal(source, report)
            kept = _restore_from(folder, path, copy, now, source)
            _prune(folder, now, [p for p in (source, kept) if p is not None])
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
        kept = _keep_damaged(folder, path, now)
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


def _keep_damaged(folder: Path, path: Path, now: dt.datetime | None) -> Path:
    where = backup_dir(folder)
    try:
        where.mkdir(exist_ok=True)
        temp = where / f"{_BACKUP_TEMP_PREFIX}{secrets.token_hex(6)}.part"
        shutil.copyfile(path, temp)
        kept = _place_backup(temp, where, now, "damaged")
        for extra in ("-wal", "-shm"):
            side = _side(path, extra)
            if side.exists():
                shutil.copyfile(side, _side(kept, extra))
    except OSError as exc:
        raise StorageError(
            f"cannot keep a copy of the damaged database ({exc.strerror or exc}); nothing "
            "was changed"
        ) from None
    return kept


def _replace_file(folder: Path, path: Path, copy: Path, kept: Path | None) -> Path | None:
    partial = folder / f"{_NEW_PREFIX}{secrets.token_hex(6)}.sqlite"
    try:
        shutil.copyfile(copy, partial)
        _fsync_file(partial)
        for extra in ("-wal", "-shm", "-journal"):
            _side(path, extra).unlink(missing_ok=True)
        os.replace(partial, path)
    except OSError as exc:
        _remove_with_sides(partial)
        raise StorageError(f"cannot restore into {folder} ({exc.strerror or exc})") from None
    _fsync_dir(folder)
    return kept


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
    "restore",
    "store_error",
]
