"""The undo engine: every change runs in one transaction and is written to the operation log
as the rows it changed (before and after), so undo and redo survive a restart and apply to
everything the change touched (a tick that earned a level is undone with the level).

Each entry records its origin ("app" or "cli"): the app undoes only what was done in it,
never a change the command line made meanwhile, and the other way round. An entry belongs to
a profile, or to none (own roles belong to the data file). Undo refuses, rather than
overwrites, a row that something else changed since.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from skillpath.core.db.store import Store
from skillpath.core.errors import InputError
from skillpath.core.records import HistoryEntry

OPLOG_KEEP = 200  # per origin: the undo history a person can walk back through
Change = list[Any]  # [table, rowid, before | None, after | None]


def q(name: str) -> str:
    """A quoted SQL identifier (column names like "on" are keywords)."""
    return '"' + name.replace('"', '""') + '"'


@dataclass
class Recorder:
    """Applies row changes inside a transaction and remembers how to reverse them."""

    conn: sqlite3.Connection
    changes: list[Change] = field(default_factory=list)
    profile_id: int | None = None  # whose change it is; may be set once a profile exists

    def insert(self, table: str, values: Mapping[str, Any]) -> int:
        cols = list(values)
        cur = self.conn.execute(
            f"INSERT INTO {q(table)} ({', '.join(map(q, cols))}) "
            f"VALUES ({', '.join('?' * len(cols))})",
            [values[c] for c in cols],
        )
        rowid = int(cur.lastrowid or 0)
        self.changes.append([table, rowid, None, {"id": rowid, **values}])
        return rowid

    def update(self, table: str, rowid: int, values: Mapping[str, Any]) -> bool:
        """Set columns of one row; returns whether anything changed."""
        cols = list(values)
        row = self.conn.execute(
            f"SELECT {', '.join(map(q, cols))} FROM {q(table)} WHERE id = ?", [rowid]
        ).fetchone()
        if row is None:
            return False
        before = dict(zip(cols, row, strict=True))
        changed = {c: values[c] for c in cols if before[c] != values[c]}
        if not changed:
            return False
        self.conn.execute(
            f"UPDATE {q(table)} SET {', '.join(q(c) + ' = ?' for c in changed)} WHERE id = ?",
            [*changed.values(), rowid],
        )
        self.changes.append([table, rowid, {c: before[c] for c in changed}, changed])
        return True

    def delete(self, table: str, rowid: int) -> None:
        cur = self.conn.execute(f"SELECT * FROM {q(table)} WHERE id = ?", [rowid])
        names = [d[0] for d in cur.description]
        row = cur.fetchone()
        if row is None:
            return
        self.conn.execute(f"DELETE FROM {q(table)} WHERE id = ?", [rowid])
        self.changes.append([table, rowid, dict(zip(names, row, strict=True)), None])

    def tables(self) -> set[str]:
        return {c[0] for c in self.changes}

    def deliverable_keys(self) -> set[str]:
        """Keys of the deliverables this change touched, directly or through their notes,
        evidence and logged hours."""
        return touched_keys(self.conn, self.changes)


def touched_keys(conn: sqlite3.Connection, changes: Sequence[Change]) -> set[str]:
    keys: set[str] = set()
    ids: set[int] = set()
    for table, rowid, before, after in changes:
        if table == "deliverables":
            row = after or before or {}
            if "key" in row:
                keys.add(str(row["key"]))
            else:
                ids.add(int(rowid))
        elif table in ("notes", "evidence", "time_logs"):
            row = after or before or {}
            if "deliverable_id" in row:
                ids.add(int(row["deliverable_id"]))
            else:
                found = conn.execute(
                    f"SELECT deliverable_id FROM {q(table)} WHERE id = ?", [rowid]
                ).fetchone()
                if found is not None:
                    ids.add(int(found[0]))
    if ids:
        marks = ",".join("?" * len(ids))
        keys |= {
            str(r[0])
            for r in conn.execute(f"SELECT key FROM deliverables WHERE id IN ({marks})", [*ids])
        }
    return keys


@contextlib.contextmanager
def operation(
    store: Store, profile_id: int | None, summary: str, origin: str
) -> Iterator[Recorder]:
    """One undoable change: a transaction whose row changes go to the operation log.

    A change that changed nothing leaves no entry. A new change drops what this origin had
    undone (the redo history), and the log keeps the newest OPLOG_KEEP entries per origin.
    """
    with store.transaction() as conn:
        rec = Recorder(conn, profile_id=profile_id)
        yield rec
        if not rec.changes:
            return
        conn.execute("DELETE FROM oplog WHERE undone = 1 AND origin = ?", [origin])
        conn.execute(
            "INSERT INTO oplog (profile_id, at, summary, changes, origin) VALUES (?, ?, ?, ?, ?)",
            [
                rec.profile_id,
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                summary,
                json.dumps(rec.changes, separators=(",", ":")),
                origin,
            ],
        )
        conn.execute(
            "DELETE FROM oplog WHERE origin = ? AND id <= (SELECT id FROM oplog "
            "WHERE origin = ? ORDER BY id DESC LIMIT 1 OFFSET ?)",
            [origin, origin, OPLOG_KEEP],
        )


def _matches(conn: sqlite3.Connection, table: str, rowid: int, want: dict[str, Any] | None) -> bool:
    """Whether a row is as `want` says (None: absent)."""
    if want is None:
        return conn.execute(f"SELECT 1 FROM {q(table)} WHERE id = ?", [rowid]).fetchone() is None
    cols = [c for c in want if c != "id"]
    if not cols:
        return (
            conn.execute(f"SELECT 1 FROM {q(table)} WHERE id = ?", [rowid]).fetchone() is not None
        )
    row = conn.execute(
        f"SELECT {', '.join(map(q, cols))} FROM {q(table)} WHERE id = ?", [rowid]
    ).fetchone()
    return row is not None and list(row) == [want[c] for c in cols]


def _replay(conn: sqlite3.Connection, changes: Sequence[Change], backwards: bool) -> bool:
    """Apply recorded changes forwards (redo) or in reverse (undo).

    Returns False, having changed nothing, when a row is no longer as the change left it
    (something else changed it since); the caller rolls back.
    """
    steps = list(reversed(changes)) if backwards else list(changes)
    for table, rowid, before, after in steps:
        new = before if backwards else after
        old = after if backwards else before
        if not _matches(conn, table, rowid, old):
            return False
        if new is None:
            conn.execute(f"DELETE FROM {q(table)} WHERE id = ?", [rowid])
        elif old is None:
            cols = list(new)
            conn.execute(
                f"INSERT INTO {q(table)} ({', '.join(map(q, cols))}) "
                f"VALUES ({', '.join('?' * len(cols))})",
                [new[c] for c in cols],
            )
        else:
            conn.execute(
                f"UPDATE {q(table)} SET {', '.join(q(c) + ' = ?' for c in new)} WHERE id = ?",
                [*new.values(), rowid],
            )
    return True


@dataclass(frozen=True)
class Replayed:
    """What an undo or redo did: its summary, the tables and deliverables it touched, and
    the profile it was about (None for own roles)."""

    summary: str
    tables: frozenset[str]
    keys: frozenset[str]
    profile_id: int | None


def _scope(origin: str, profile_id: int | None) -> tuple[str, list[Any]]:
    if profile_id is None:
        return "origin = ?", [origin]
    return "origin = ? AND (profile_id = ? OR profile_id IS NULL)", [origin, profile_id]


def step(store: Store, origin: str, backwards: bool, profile_id: int | None = None) -> Replayed:
    """Undo (backwards) the latest change of `origin` not undone, or redo the one undone last.

    Args:
        profile_id: only changes of this profile (and of the data file, like own roles);
            None: the latest change of `origin` whatever it was about.

    Raises:
        InputError: nothing to undo or redo, or the change's rows were changed since.
    """
    word = "undo" if backwards else "redo"
    where, params = _scope(origin, profile_id)
    with store.transaction() as conn:
        if backwards:
            sql = (
                f"SELECT id, summary, changes, profile_id FROM oplog WHERE {where} "
                "AND undone = 0 ORDER BY id DESC LIMIT 1"
            )
        else:
            sql = (
                f"SELECT id, summary, changes, profile_id FROM oplog WHERE {where} "
                "AND undone = 1 ORDER BY id LIMIT 1"
            )
        row = conn.execute(sql, params).fetchone()
        if row is None:
            raise InputError(f"there is nothing to {word}")
        changes = cast(list[Change], json.loads(row[2]))
        keys_before = touched_keys(conn, changes)
        if not _replay(conn, changes, backwards):
            raise InputError(
                f"cannot {word} '{row[1]}': what it changed was changed again since "
                "(elsewhere, or by a later change)"
            )
        conn.execute("UPDATE oplog SET undone = ? WHERE id = ?", [int(backwards), row[0]])
        keys = keys_before | touched_keys(conn, changes)
    return Replayed(str(row[1]), frozenset(c[0] for c in changes), frozenset(keys), row[3])


def history(store: Store, profile_id: int, limit: int = 20) -> list[HistoryEntry]:
    """The latest changes to a profile (and to the data file) from anywhere, newest first."""
    rows = store.read(
        "SELECT id, at, summary, undone, origin FROM oplog "
        "WHERE profile_id = ? OR profile_id IS NULL ORDER BY id DESC LIMIT ?",
        [profile_id, limit],
    )
    return [HistoryEntry(r[0], r[1], r[2], bool(r[3]), r[4]) for r in rows]


def can_step(store: Store, origin: str, backwards: bool, profile_id: int | None = None) -> bool:
    where, params = _scope(origin, profile_id)
    rows = store.read(
        f"SELECT 1 FROM oplog WHERE {where} AND undone = ? LIMIT 1",
        [*params, 0 if backwards else 1],
    )
    return bool(rows)


def forget(store: Store, profile_id: int) -> None:
    """Drop a profile's undo history (after building the demo's past, or deleting it)."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM oplog WHERE profile_id = ?", [profile_id])
