"""Checking a database file: what opening refuses, and `check_file`'s full read-only check.

Opening refuses, without writing to it, a file that is not a SQLite database, a damaged
one, one holding code (a trigger or a view) and one written by a newer Skillpath; each
message names the newest backup. `check_file` runs every rule of `store_check` on a private
copy, so neither the file nor anything beside it changes.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from skillpath.core.db import schema
from skillpath.core.db.backups import offer_backup
from skillpath.core.db.create import is_half_made
from skillpath.core.db.files import (
    DB_NAME,
    SNAPSHOT_PREFIX,
    Header,
    raw_copy,
    read_header,
    too_new,
)
from skillpath.core.db.lock import FolderLock, folder_lock
from skillpath.core.db.schema import (
    MIGRATION_SET,
    applied_migrations,
    expected_schema,
    known_migrations,
)
from skillpath.core.db.store_check import CheckReport, inspect_database, unexpected_code
from skillpath.core.errors import CorruptDatabaseError, StorageError


class HalfMade(Exception):
    """The file is what an earlier Skillpath's first opening left when cut short: Store.open
    rebuilds it (`create.create_database`)."""


def refuse_unusable(conn: sqlite3.Connection, header: Header, path: Path) -> list[str]:
    """Refuse, before anything is written, a database opening must not use: damaged, written
    by a newer Skillpath, not Skillpath's, or holding code.

    Returns:
        The names of the migrations the database records.

    Raises:
        CorruptDatabaseError, DatabaseTooNewError: the file is left untouched.
        HalfMade: an earlier Skillpath's first opening was cut short; it can be rebuilt.
    """
    if header.short:
        # The file is shorter than its header says, with a -wal beside it: sound when
        # SQLite can read every page (a checkpoint that ran out of disk), else damaged.
        found = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        if found != ["ok"]:
            raise CorruptDatabaseError(
                f"{path.name} is damaged ({found[0]}); it was left as it is; "
                f"{offer_backup(path.parent)}"
            )
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > schema.SCHEMA_VERSION:  # the header may be stale while a -wal holds changes
        raise too_new(path, version)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    applied = applied_migrations(conn)
    known = known_migrations()
    if applied != known[: len(applied)]:
        raise too_new(path, max(version, len(applied)))
    if tables and not applied:
        if is_half_made(conn):
            raise HalfMade
        raise CorruptDatabaseError(
            f"{path.name} is a SQLite database but not Skillpath's; it was left as it is"
        )
    code = unexpected_code(conn, None)
    if code and applied:  # only a schema of ours could allow one (none does yet)
        code = unexpected_code(conn, expected_schema(len(applied)))
    if code:
        raise CorruptDatabaseError(
            f"{path.name} holds {code[0]}, which Skillpath never makes (code in a "
            f"database runs on every change); it was left as it is; "
            f"{offer_backup(path.parent)}"
        )
    return applied


def check_connection(conn: sqlite3.Connection, path: Path) -> CheckReport:
    """Every check of `store_check` on an open database, reported as the file `path`."""
    return inspect_database(
        conn,
        path,
        migration_set=MIGRATION_SET,
        migrations=known_migrations(),
        schema=expected_schema,
    )


def check_private(copy: Path, shown: Path) -> CheckReport:
    """Check a private copy, opened for writing (SQLite skips CHECK constraints on a
    read-only connection) though nothing is written."""
    try:
        conn = sqlite3.connect(str(copy), isolation_level=None)
    except sqlite3.Error as exc:
        return CheckReport(shown, [f"SQLite cannot read it: {exc}"], 0, 0, 0)
    try:
        return check_connection(conn, shown)
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
        with tempfile.TemporaryDirectory(prefix=SNAPSHOT_PREFIX) as tmp:
            copy = raw_copy(path, Path(tmp))
            if held is not None:
                held.release()
                held = None
            return check_private(copy, path)
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
