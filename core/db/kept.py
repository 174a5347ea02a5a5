"""What is kept with each deliverable in the database: notes, evidence and the hours spent
(logged day by day, or declared when it was ticked done). Every statement about them is here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from skillpath.core.db.rows import build, day, maybe_day, number
from skillpath.core.db.store import Store
from skillpath.core.db.undo import Recorder
from skillpath.core.records import (
    Deliverable,
    DeliverableDetails,
    Evidence,
    Note,
    TimeLog,
)


def add_note(rec: Recorder, deliverable_id: int, on: dt.date, text: str) -> int:
    return rec.insert(
        "notes", {"deliverable_id": deliverable_id, "on": on.isoformat(), "text": text}
    )


def add_evidence(rec: Recorder, deliverable_id: int, on: dt.date, kind: str, value: str) -> int:
    return rec.insert(
        "evidence",
        {"deliverable_id": deliverable_id, "on": on.isoformat(), "kind": kind, "value": value},
    )


def add_log(
    rec: Recorder, deliverable_id: int, on: dt.date, hours: float, since: dt.date | None = None
) -> int:
    return rec.insert(
        "time_logs",
        {
            "deliverable_id": deliverable_id,
            "on": on.isoformat(),
            "hours": hours,
            "since": since.isoformat() if since else None,
        },
    )


def count_logs(rec: Recorder, deliverable_id: int) -> int:
    """How many hours entries a deliverable has, inside the running change."""
    row = rec.conn.execute(
        "SELECT count(*) FROM time_logs WHERE deliverable_id = ?", [deliverable_id]
    ).fetchone()
    return int(row[0])


def delete_logs(rec: Recorder, deliverable_id: int, *, declared_only: bool) -> None:
    sql = "SELECT id FROM time_logs WHERE deliverable_id = ?"
    if declared_only:
        sql += " AND since IS NOT NULL"
    for (rowid,) in rec.conn.execute(sql, [deliverable_id]).fetchall():
        rec.delete("time_logs", int(rowid))


# ------------------------------------------------------------------ what is kept with them


def details(store: Store, d: Deliverable) -> DeliverableDetails:
    """A deliverable with its notes, evidence and logged hours, oldest first."""
    notes = store.read('SELECT "on", text FROM notes WHERE deliverable_id = ? ORDER BY id', [d.id])
    evidence = store.read(
        'SELECT "on", kind, value FROM evidence WHERE deliverable_id = ? ORDER BY id', [d.id]
    )
    logs = store.read(
        'SELECT "on", hours, since FROM time_logs WHERE deliverable_id = ? ORDER BY "on", id',
        [d.id],
    )
    return build(
        store,
        "notes, evidence or time_logs",
        lambda: DeliverableDetails(
            d,
            tuple(Note(day(r[0]), str(r[1])) for r in notes),
            tuple(Evidence(day(r[0]), str(r[1]), str(r[2])) for r in evidence),
            tuple(TimeLog(day(r[0]), number(r[1]), maybe_day(r[2])) for r in logs),
        ),
    )


@dataclass(frozen=True)
class Kept:
    """Everything kept with a plan's deliverables, by deliverable row id."""

    notes: dict[int, list[Note]]
    evidence: dict[int, list[Evidence]]
    logs: dict[int, list[TimeLog]]


def kept(store: Store, plan_id: int) -> Kept:
    """Notes, evidence and hours of every deliverable of a plan, in one read each."""
    notes: dict[int, list[Note]] = {}
    evidence: dict[int, list[Evidence]] = {}
    logs: dict[int, list[TimeLog]] = {}

    def fill() -> None:
        for r in store.read(
            'SELECT n.deliverable_id, n."on", n.text FROM notes n JOIN deliverables d '
            "ON d.id = n.deliverable_id WHERE d.plan_id = ? ORDER BY n.id",
            [plan_id],
        ):
            notes.setdefault(int(r[0]), []).append(Note(day(r[1]), str(r[2])))
        for r in store.read(
            'SELECT e.deliverable_id, e."on", e.kind, e.value FROM evidence e JOIN deliverables d '
            "ON d.id = e.deliverable_id WHERE d.plan_id = ? ORDER BY e.id",
            [plan_id],
        ):
            evidence.setdefault(int(r[0]), []).append(Evidence(day(r[1]), str(r[2]), str(r[3])))
        for r in store.read(
            'SELECT t.deliverable_id, t."on", t.hours, t.since FROM time_logs t JOIN deliverables '
            "d ON d.id = t.deliverable_id WHERE d.plan_id = ? ORDER BY t.id",
            [plan_id],
        ):
            logs.setdefault(int(r[0]), []).append(TimeLog(day(r[1]), number(r[2]), maybe_day(r[3])))

    build(store, "notes, evidence or time_logs", fill)
    return Kept(notes, evidence, logs)


def plan_logs(store: Store, plan_id: int) -> list[TimeLog]:
    """Every hour logged or declared on the plan, by date."""
    rows = store.read(
        'SELECT t."on", t.hours, t.since FROM time_logs t JOIN deliverables d '
        'ON d.id = t.deliverable_id WHERE d.plan_id = ? ORDER BY t."on", t.id',
        [plan_id],
    )
    return build(
        store,
        "time_logs",
        lambda: [TimeLog(day(r[0]), number(r[1]), maybe_day(r[2])) for r in rows],
    )


def with_evidence(store: Store, ids: Iterable[int]) -> set[int]:
    """Which of these deliverables have evidence attached."""
    wanted = list(set(ids))
    if not wanted:
        return set()
    marks = ",".join("?" * len(wanted))
    rows = store.read(
        f"SELECT DISTINCT deliverable_id FROM evidence WHERE deliverable_id IN ({marks})", wanted
    )
    return {int(r[0]) for r in rows}
