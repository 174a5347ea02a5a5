"""The database's schema: every migration in order, applying them, and what each version holds.

The schema is versioned with sqlite-utils' `Migrations`, mirrored in `PRAGMA user_version`
so a too-new file is recognised from its header alone. Code that compares a file's version
with this one's reads `schema.SCHEMA_VERSION` when it runs (tests add a step by patching
STEPS and SCHEMA_VERSION here).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from skillpath.core.db.store_check import Schema

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


def apply_migrations(conn: sqlite3.Connection) -> None:
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


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """The names of the migrations recorded in the database, in the order applied."""
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [r[0] for r in rows]


def known_migrations() -> list[str]:
    """The names of every migration this Skillpath has, in order."""
    return [name for name, _ in STEPS]
