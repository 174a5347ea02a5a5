"""The local database: one SQLite file in the data folder, its schema, backups and checks.

A `Store` is opened on a folder. Opening refuses, without writing to it, a file that is not
a SQLite database, a damaged one and one written by a newer Skillpath; each message names
the newest backup. The schema is versioned with sqlite-utils' `Migrations`, mirrored in
`PRAGMA user_version` so a too-new file is recognised from its header alone. A backup is
taken with SQLite's backup API before every migration and at most once a day on opening;
the last KEEP_BACKUPS are kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import shutil
import sqlite3
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillpath.core.errors import CorruptDatabaseError, DatabaseTooNewError, StorageError

DB_NAME = "skillpath.sqlite"
BACKUP_DIR = "backups"
BACKUP_PREFIX = "skillpath-"
KEEP_BACKUPS = 10
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"

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


def _m0001_initial(db: Database) -> None:
    db.executescript(SCHEMA_V1)
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
    db.executescript(SCHEMA_V2)
    db.execute("PRAGMA user_version = 2")


def _m0003_origins(db: Database) -> None:
    from skillpath.core.db.schema_v3 import migrate

    migrate(db)


# Every migration in order; the schema version is their count. sqlite-utils is imported
# only when one has to run (opening an up-to-date file does not need it).
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


def db_path(folder: Path) -> Path:
    """The database file inside a data folder."""
    return folder / DB_NAME


def backup_dir(folder: Path) -> Path:
    return folder / BACKUP_DIR


def list_backups(folder: Path) -> list[Path]:
    """The backups in a data folder, oldest first."""
    where = backup_dir(folder)
    if not where.is_dir():
        return []
    return sorted(p for p in where.glob(f"{BACKUP_PREFIX}*.sqlite") if p.is_file())


def newest_backup(folder: Path) -> Path | None:
    found = list_backups(folder)
    return found[-1] if found else None


def _offer_backup(folder: Path) -> str:
    newest = newest_backup(folder)
    if newest is None:
        return "there is no backup to restore"
    return f"the newest backup is {newest} (use `skillpath restore {newest}`)"


@dataclass(frozen=True)
class Header:
    """The parts of a SQLite file header that tell whether the file is usable."""

    page_size: int
    pages: int | None  # None when the in-header size is not trustworthy
    user_version: int


def read_header(path: Path) -> Header:
    """Read and check a SQLite file header without opening it as a database.

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
    if size == 0:
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
    if size % page_size or (trusted is not None and size < trusted * page_size):
        raise CorruptDatabaseError(f"{name} is damaged (the file is truncated)")
    return Header(page_size=page_size, pages=trusted, user_version=user_version)


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
        return StorageError(f"the disk holding {folder} is full; nothing was changed")
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


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to, lock or create files next to `path`."""
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


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


def _backup_into(source: sqlite3.Connection, target: Path) -> None:
    """Copy a live database to `target` with SQLite's backup API, atomically."""
    partial = target.with_name(target.name + ".part")
    dest = sqlite3.connect(str(partial))
    try:
        source.backup(dest)
    finally:
        dest.close()
    os.replace(partial, target)


def _backup_name(folder: Path, now: dt.datetime, label: str = "") -> Path:
    where = backup_dir(folder)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    suffix = f"-{label}" if label else ""
    candidate = where / f"{BACKUP_PREFIX}{stamp}{suffix}.sqlite"
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = where / f"{BACKUP_PREFIX}{stamp}{suffix}-{counter}.sqlite"
    return candidate


def _prune(folder: Path) -> None:
    for old in list_backups(folder)[:-KEEP_BACKUPS]:
        with contextlib.suppress(OSError):
            old.unlink()


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise StorageError(f"the data folder {folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except PermissionError:
        raise StorageError(f"cannot create the data folder {folder}: permission denied") from None
    except OSError as exc:
        raise StorageError(f"cannot create the data folder {folder} ({exc.strerror})") from None


@dataclass(frozen=True)
class CheckReport:
    """What `check` found: `problems` is empty when the database is healthy."""

    path: Path
    problems: list[str]
    profiles: int
    deliverables: int
    schema: int

    @property
    def ok(self) -> bool:
        return not self.problems


def _inspect(conn: sqlite3.Connection, path: Path) -> CheckReport:
    problems: list[str] = []
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        problems += [f"integrity: {r}" for r in rows[:20]]
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        problems.append(f"{len(fk)} rows point at rows that do not exist (first in {fk[0][0]})")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = [t for t in DATA_TABLES if t not in tables] + [
        t for t, since in LATER_TABLES.items() if version >= since and t not in tables
    ]
    profiles = deliverables = 0
    if missing:
        problems.append("not a Skillpath database: missing tables " + ", ".join(missing))
    else:
        profiles = conn.execute("SELECT count(*) FROM profiles").fetchone()[0]
        deliverables = conn.execute("SELECT count(*) FROM deliverables").fetchone()[0]
        doubled = conn.execute(
            "SELECT count(*) FROM (SELECT profile_id FROM plans WHERE active = 1 "
            "GROUP BY profile_id HAVING count(*) > 1)"
        ).fetchone()[0]
        if doubled:
            problems.append(f"{doubled} profiles have more than one active plan")
    if version > SCHEMA_VERSION:
        problems.append(f"written by a newer Skillpath (schema {version})")
    return CheckReport(path, problems, profiles, deliverables, version)


def check_file(path: Path) -> CheckReport:
    """Run SQLite's integrity check and Skillpath's own checks on a file, read-only.

    Raises:
        CorruptDatabaseError: the file is not a SQLite database at all.
        StorageError: the file cannot be read.
    """
    if not path.exists():
        raise StorageError(f"{path}: no such file")
    read_header(path)
    try:
        conn = _connect_readonly(path)
        try:
            return _inspect(conn, path)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return CheckReport(path, [f"SQLite cannot read it: {exc}"], 0, 0, 0)


class Store:
    """An open Skillpath database. Use `Store.open(folder)`; close it (or use `with`)."""

    def __init__(self, folder: Path, conn: sqlite3.Connection) -> None:
        self.folder = folder
        self.path = db_path(folder)
        self.conn = conn
        self._depth = 0
        self._data_version: int | None = None

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
            StorageError: the folder cannot be created or written.
        """
        now = now or dt.datetime.now()
        _make_folder(folder)
        path = db_path(folder)
        existed = path.exists()
        if existed:
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
            store._prepare(existed, daily_backup, now, synchronous)
        except sqlite3.Error as exc:
            conn.close()
            raise store_error(exc, path) from None
        except BaseException:
            conn.close()
            raise
        return store

    def _prepare(self, existed: bool, daily_backup: bool, now: dt.datetime, sync: str) -> None:
        conn = self.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:  # the header may be stale while a -wal holds changes
            raise _too_new(self.path, version)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        applied = _applied(conn)
        known = _known_names()
        if applied != known[: len(applied)]:
            raise _too_new(self.path, max(version, len(applied)))
        if tables and not applied:
            raise CorruptDatabaseError(
                f"{self.path.name} is a SQLite database but not Skillpath's; it was left as it is"
            )
        if sync.upper() not in ("FULL", "NORMAL", "EXTRA"):
            raise ValueError(f"synchronous must be FULL, NORMAL or EXTRA, not {sync}")
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StorageError(f"cannot switch {self.path.name} to WAL mode (got {mode})")
        conn.execute(f"PRAGMA synchronous = {sync.upper()}")
        pending = [name for name in known if name not in applied]
        if pending and applied:
            self.backup(now=now, label=f"before-schema-{len(known)}")
        if pending:
            _migrations().apply(self.db)
        if existed and applied and daily_backup:
            self.daily_backup(now)

    @property
    def db(self) -> Database:
        """The connection as a sqlite-utils Database (for migrations and introspection)."""
        from sqlite_utils import Database

        return Database(self.conn)

    # ------------------------------------------------------------ basics

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def changed_elsewhere(self) -> bool:
        """Whether another connection (the CLI, another program) committed a change since this
        was last asked (never on the first call)."""
        try:
            version = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        seen, self._data_version = self._data_version, version
        return seen is not None and version != seen

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction (nested calls join the outer one); rolled back on any error.

        SQLite errors the environment caused become StorageError.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        self._depth = 1
        try:
            yield self.conn
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

    # ------------------------------------------------------------ backups and checks

    def backup(self, *, now: dt.datetime | None = None, label: str = "") -> Path:
        """Copy the database into backups/ and keep the newest KEEP_BACKUPS copies.

        Returns:
            The new backup file.
        """
        now = now or dt.datetime.now()
        where = backup_dir(self.folder)
        try:
            where.mkdir(exist_ok=True)
            target = _backup_name(self.folder, now, label)
            _backup_into(self.conn, target)
        except OSError as exc:
            raise StorageError(f"cannot write a backup in {where} ({exc.strerror})") from None
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        _prune(self.folder)
        return target

    def daily_backup(self, now: dt.datetime) -> Path | None:
        """A backup when none was taken today; checks the file first so a damaged copy never
        pushes a good backup out."""
        today = now.date().isoformat()
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
        """SQLite's integrity check, foreign keys and Skillpath's own rules."""
        try:
            return _inspect(self.conn, self.path)
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None


# ------------------------------------------------------------ restore


def restore(folder: Path, source: Path, *, now: dt.datetime | None = None) -> Path | None:
    """Replace the database in `folder` with `source`, a backup or another Skillpath file.

    The source is checked first (readable, healthy, a Skillpath schema this version
    reads); the current database is backed up before it is replaced (a damaged one is
    copied aside as it is). No connection to the database may be open in this process.

    Returns:
        The backup of the replaced database, or None when there was none.

    Raises:
        CorruptDatabaseError, DatabaseTooNewError, StorageError: nothing was changed.
    """
    now = now or dt.datetime.now()
    source = source.expanduser()
    if not source.exists():
        raise StorageError(f"{source}: no such file")
    if source.is_dir():
        raise StorageError(f"{source} is a folder, not a backup file")
    header = read_header(source)
    if header.user_version > SCHEMA_VERSION:
        raise _too_new(source, header.user_version)
    report = check_file(source)
    if not report.ok:
        raise CorruptDatabaseError(
            f"{source.name} cannot be restored: {report.problems[0]}; nothing was changed"
        )
    _make_folder(folder)
    path = db_path(folder)
    kept: Path | None = None
    if path.exists():
        try:
            backup_dir(folder).mkdir(exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot write a backup in {backup_dir(folder)} ({exc})") from None
        try:
            current = Store.open(folder, daily_backup=False, now=now)
        except StorageError:
            current = None
        if current is not None:
            try:
                kept = current.backup(now=now, label="before-restore")
                # Copy page by page into the live file: SQLite keeps the -wal consistent.
                src = _connect_readonly(source)
                try:
                    src.backup(current.conn)
                except sqlite3.Error as exc:
                    raise store_error(exc, path) from None
                finally:
                    src.close()
            finally:
                current.close()
            return kept
        # The current file is damaged: move it (and any -wal) aside, then copy in.
        kept = _backup_name(folder, now, "damaged")
        try:
            shutil.copy2(path, kept)
            for extra in ("-wal", "-shm"):
                side = path.with_name(path.name + extra)
                if side.exists():
                    shutil.copy2(side, kept.with_name(kept.name + extra))
        except OSError as exc:
            raise StorageError(f"cannot keep a copy of the damaged database ({exc})") from None
    partial = path.with_name(f"{path.name}.{secrets.token_hex(4)}.part")
    src = _connect_readonly(source)
    try:
        dest = sqlite3.connect(str(partial))
        try:
            src.backup(dest)
        finally:
            dest.close()
        for extra in ("-wal", "-shm"):
            side = path.with_name(path.name + extra)
            side.unlink(missing_ok=True)
        os.replace(partial, path)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(f"cannot restore into {folder} ({exc})") from None
    finally:
        src.close()
    return kept
