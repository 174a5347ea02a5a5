"""Plans in the database: plans, phases and deliverables (what is kept with each deliverable
is in core/db/kept.py). Every statement about them is here; callers get records.

Writes go through a `Recorder` (core/db/undo.py) so that they can be undone.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from skillpath.core.db.kept import (  # re-exported: callers use plans.add_note and so on
    Kept,
    add_evidence,
    add_log,
    add_note,
    count_logs,
    delete_logs,
    details,
    kept,
    plan_logs,
    with_evidence,
)
from skillpath.core.db.rows import build, day, loads, maybe_day, number
from skillpath.core.db.store import Store
from skillpath.core.db.undo import Recorder
from skillpath.core.errors import InputError, ProfileError
from skillpath.core.models import Plan, ResourceRef
from skillpath.core.records import (
    Deliverable,
    PhaseRecord,
    PlanRecord,
)
from skillpath.core.rules import Kind, Status

_PLAN_COLS = (
    "id, profile_id, active, created, role_id, role_title, start, hours_per_week, target, "
    "message, options"
)
_DELIVERABLE_COLS = (
    "id, key, phase_id, position, kind, title, description, skills, targets, hours, start, "
    "due, metric, resource, certification, origin, status, started_on, done_on, expires_on"
)


# ------------------------------------------------------------------ writing a whole plan


@dataclass
class NewDeliverable:
    """A deliverable to insert, with what is kept with it (an import brings these)."""

    values: dict[str, Any]  # column -> value, without id, plan_id, phase_id, position
    notes: list[tuple[dt.date, str]] = field(default_factory=list)
    evidence: list[tuple[dt.date, str, str]] = field(default_factory=list)
    logs: list[tuple[dt.date, float, dt.date | None]] = field(default_factory=list)


@dataclass
class NewPhase:
    title: str
    skills: list[str]
    deliverables: list[NewDeliverable]
    position: int | None = None  # 1, 2, 3... by default


def deliverable_values(d: Any, *, status: str = Status.TODO) -> dict[str, Any]:
    """The columns of a planned deliverable (a `models.Deliverable`).

    The planner's metric ends with the due date (", by 2027-06-30"); it is stored without
    it (schema 3): the due date is kept beside it, and a re-plan would leave it stale.
    """
    tail = f", by {d.due.isoformat()}"
    metric = d.metric[: -len(tail)] if d.metric.endswith(tail) else d.metric
    return {
        "key": d.id,
        "kind": str(d.kind),
        "title": d.title,
        "description": d.description,
        "skills": json.dumps(list(d.skills)),
        "targets": json.dumps(dict(d.targets)),
        "hours": d.hours,
        "start": d.start.isoformat(),
        "due": d.due.isoformat(),
        "metric": metric,
        "resource": d.resource.model_dump_json() if d.resource else None,
        "certification": d.certification,
        "origin": "generated",
        "status": str(status),
    }


def plan_values(plan: Plan) -> dict[str, Any]:
    """The columns of the plans row of a freshly built plan."""
    return {
        "role_id": plan.role.id,
        "role_title": plan.role.title,
        "start": plan.start.isoformat(),
        "hours_per_week": plan.hours_per_week,
        "target": plan.target.isoformat() if plan.target else None,
        "message": plan.message,
        "options": json.dumps(
            {
                "total_hours": plan.total_hours,
                "finish": plan.finish.isoformat(),
                "feasible": plan.feasible,
                "needed_hours_per_week": plan.needed_hours_per_week,
                "ways_out": plan.options.model_dump(mode="json") if plan.options else None,
                "deferred": list(plan.deferred),
            }
        ),
    }


def phases_of(plan: Plan) -> list[NewPhase]:
    """A freshly built plan's phases as rows to insert."""
    return [
        NewPhase(
            title=phase.title,
            skills=list(phase.skills),
            deliverables=[NewDeliverable(deliverable_values(d)) for d in phase.deliverables],
        )
        for phase in plan.phases
    ]


def insert_plan(
    rec: Recorder,
    profile_id: int,
    values: Mapping[str, Any],
    phases: Sequence[NewPhase],
    *,
    created: str,
    active: bool = True,
) -> int:
    """Insert a plan with its phases and deliverables; an active one retires the profile's
    current plan (kept as history).

    Returns:
        The new plan's id.
    """
    if active:
        current = rec.conn.execute(
            "SELECT id FROM plans WHERE profile_id = ? AND active = 1", [profile_id]
        ).fetchone()
        if current is not None:
            rec.update("plans", int(current[0]), {"active": 0})
    plan_id = rec.insert(
        "plans",
        {"profile_id": profile_id, "active": int(active), "created": created, **values},
    )
    for number_, phase in enumerate(phases, start=1):
        phase_id = rec.insert(
            "phases",
            {
                "plan_id": plan_id,
                "position": phase.position if phase.position is not None else number_,
                "title": phase.title,
                "skills": json.dumps(phase.skills),
            },
        )
        for position, d in enumerate(phase.deliverables, start=1):
            row = {"position": position, **d.values}
            did = rec.insert("deliverables", {"plan_id": plan_id, "phase_id": phase_id, **row})
            for on, text in d.notes:
                add_note(rec, did, on, text)
            for on, kind, value in d.evidence:
                add_evidence(rec, did, on, kind, value)
            for on, hours, since in d.logs:
                add_log(rec, did, on, hours, since)
    return plan_id


# ------------------------------------------------------------------ plans


def _plan(store: Store, r: sqlite3.Row) -> PlanRecord:
    return build(
        store,
        "plans",
        lambda: PlanRecord(
            id=int(r["id"]),
            profile_id=int(r["profile_id"]),
            active=bool(r["active"]),
            created=str(r["created"]),
            role_id=str(r["role_id"]),
            role_title=str(r["role_title"]),
            start=day(r["start"]),
            hours_per_week=number(r["hours_per_week"]),
            target=maybe_day(r["target"]),
            message=str(r["message"]),
            options=dict(loads(r["options"])),
        ),
    )


def active_plan(store: Store, profile_id: int) -> PlanRecord:
    """The profile's active plan.

    Raises:
        ProfileError: the profile has no plan.
    """
    rows = store.read(
        f"SELECT {_PLAN_COLS} FROM plans WHERE profile_id = ? AND active = 1", [profile_id]
    )
    if not rows:
        raise ProfileError("this profile has no plan yet")
    return _plan(store, rows[0])


def plans_of(store: Store, profile_id: int) -> list[PlanRecord]:
    """Every plan of the profile, the oldest first; the last is the active one."""
    rows = store.read(
        f"SELECT {_PLAN_COLS} FROM plans WHERE profile_id = ? ORDER BY active, id", [profile_id]
    )
    return [_plan(store, r) for r in rows]


def update_plan(rec: Recorder, plan_id: int, values: Mapping[str, Any]) -> None:
    rec.update("plans", plan_id, dict(values))


def count_for_role(store: Store, role_id: str) -> int:
    """How many stored plans (of any profile) were made for a role."""
    return int(store.read("SELECT count(*) FROM plans WHERE role_id = ?", [role_id])[0][0])


# ------------------------------------------------------------------ phases and deliverables


def phases(store: Store, plan_id: int) -> list[PhaseRecord]:
    rows = store.read(
        "SELECT id, position, title, skills FROM phases WHERE plan_id = ? ORDER BY position, id",
        [plan_id],
    )
    return build(
        store,
        "phases",
        lambda: [PhaseRecord(int(r[0]), int(r[1]), str(r[2]), tuple(loads(r[3]))) for r in rows],
    )


# A plan's deliverables repeat the same few texts (kinds, statuses, "[]", resources): each
# is parsed once, which makes reading thousands of deliverables several times faster.
_KINDS = {k.value: k for k in Kind}
_STATUSES = {s.value: s for s in Status}


@lru_cache(maxsize=4096)
def _resource(text: Any) -> ResourceRef | None:
    if not text:
        return None
    return ResourceRef.model_validate_json(text)


@lru_cache(maxsize=4096)
def _skills(text: Any) -> tuple[str, ...]:
    return tuple(str(s) for s in loads(text))


@lru_cache(maxsize=4096)
def _targets(text: Any) -> tuple[tuple[str, int], ...]:
    return tuple((str(k), int(v)) for k, v in loads(text).items())


def _deliverable(
    r: sqlite3.Row | tuple[Any, ...], phase: tuple[int, str], logged: float
) -> Deliverable:
    return Deliverable(
        id=int(r[0]),
        key=str(r[1]),
        phase_id=int(r[2]),
        phase=phase[0],
        phase_title=phase[1],
        position=int(r[3]),
        kind=_KINDS[r[4]],
        title=str(r[5]),
        description=str(r[6]),
        skills=_skills(r[7]),
        targets=dict(_targets(r[8])),
        hours=number(r[9]),
        start=day(r[10]),
        due=day(r[11]),
        metric=str(r[12]),
        resource=_resource(r[13]),
        certification=r[14],
        origin=str(r[15]),
        status=_STATUSES[r[16]],
        started_on=maybe_day(r[17]),
        done_on=maybe_day(r[18]),
        expires_on=maybe_day(r[19]),
        logged=logged,
    )


def _phase_names(store: Store, plan_id: int) -> dict[int, tuple[int, str]]:
    return {
        int(r[0]): (int(r[1]), str(r[2]))
        for r in store.read("SELECT id, position, title FROM phases WHERE plan_id = ?", [plan_id])
    }


def deliverables(store: Store, plan_id: int) -> list[Deliverable]:
    """The plan's deliverables in plan order (phase, then position), with hours spent."""
    names = _phase_names(store, plan_id)
    spent = {
        int(r[0]): float(r[1])
        for r in store.read(
            "SELECT l.deliverable_id, sum(l.hours) FROM time_logs l JOIN deliverables d "
            "ON d.id = l.deliverable_id WHERE d.plan_id = ? GROUP BY l.deliverable_id",
            [plan_id],
        )
    }
    try:
        rows = store.conn.execute(
            f"SELECT {_DELIVERABLE_COLS} FROM deliverables WHERE plan_id = ?", [plan_id]
        ).fetchall()
    except sqlite3.Error as exc:
        from skillpath.core.db.store import store_error

        raise store_error(exc, store.path) from None
    # sorting here is cheaper than a join and ORDER BY in SQLite for thousands of rows
    rows.sort(key=lambda r: (names.get(r[2], (0, ""))[0], r[3], r[0]))
    return build(
        store,
        "deliverables",
        lambda: [_deliverable(r, names[r[2]], spent.get(r[0], 0.0)) for r in rows],
    )


def deliverable(store: Store, plan_id: int, key: str) -> Deliverable:
    """One deliverable of a plan by its key.

    Raises:
        InputError: there is no such deliverable.
    """
    rows = store.read(
        f"SELECT {_DELIVERABLE_COLS} FROM deliverables WHERE plan_id = ? AND key = ?",
        [plan_id, key],
    )
    if not rows:
        raise InputError(f"no deliverable '{key}' in the plan (`skillpath status` lists them)")
    return _one(store, rows[0])


def deliverable_by_id(store: Store, row_id: int) -> Deliverable | None:
    rows = store.read(f"SELECT {_DELIVERABLE_COLS} FROM deliverables WHERE id = ?", [row_id])
    return _one(store, rows[0]) if rows else None


def _one(store: Store, r: sqlite3.Row) -> Deliverable:
    phase = store.read("SELECT position, title FROM phases WHERE id = ?", [r[2]])
    spent = store.read(
        "SELECT coalesce(sum(hours), 0) FROM time_logs WHERE deliverable_id = ?", [r[0]]
    )
    return build(
        store,
        "deliverables",
        lambda: _deliverable(
            r, (int(phase[0][0]), str(phase[0][1])) if phase else (0, ""), float(spent[0][0])
        ),
    )


def some(store: Store, plan_id: int, keys: Iterable[str]) -> list[Deliverable]:
    """The deliverables with these keys (those that still exist), in no particular order."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    rows = store.read(
        f"SELECT {_DELIVERABLE_COLS} FROM deliverables WHERE plan_id = ? AND key IN ({marks})",
        [plan_id, *wanted],
    )
    return [_one(store, r) for r in rows]


def keys_to_ids(store: Store, plan_id: int) -> dict[str, int]:
    return {
        str(r[0]): int(r[1])
        for r in store.read("SELECT key, id FROM deliverables WHERE plan_id = ?", [plan_id])
    }


def phase_id(store: Store, plan_id: int, number_: int | None) -> int:
    """The id of phase `number_` (1-based) of a plan; the last phase when None.

    Raises:
        InputError: the plan has no phases, or not that one.
    """
    rows = store.read(
        "SELECT id, position FROM phases WHERE plan_id = ? ORDER BY position", [plan_id]
    )
    if not rows:
        raise InputError("the plan has no phases to add to")
    if number_ is None:
        return int(rows[-1][0])
    for pid, position in rows:
        if position == number_:
            return int(pid)
    raise InputError(f"there is no phase {number_} (the plan has {len(rows)})")


def siblings(rec: Recorder, phase_id_: int) -> list[int]:
    """Row ids of a phase's deliverables in order."""
    return [
        int(r[0])
        for r in rec.conn.execute(
            "SELECT id FROM deliverables WHERE phase_id = ? ORDER BY position, id", [phase_id_]
        )
    ]


def renumber(rec: Recorder, ids: Sequence[int]) -> None:
    for position, rowid in enumerate(ids, start=1):
        rec.update("deliverables", rowid, {"position": position})


def targeting(
    store: Store, plan_id: int, skills: Iterable[str], *, status: Status | None = None
) -> list[Deliverable]:
    """The plan's deliverables that aim at any of these skills (only those in `status`, when
    given), in no particular order."""
    wanted = sorted(set(skills))
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    params: list[Any] = [plan_id]
    only = ""
    if status is not None:
        only = "AND d.status = ? "
        params.append(str(status))
    # One read for all of them (a skill may be aimed at by hundreds of deliverables); rows
    # that aim at nothing, or are not in `status`, are passed over before their JSON is read.
    rows = store.read(
        f"SELECT {_DELIVERABLE_COLS}, (SELECT coalesce(sum(l.hours), 0) FROM time_logs l "
        "WHERE l.deliverable_id = deliverables.id) FROM deliverables WHERE id IN ("
        "SELECT DISTINCT d.id FROM deliverables d, json_each(d.targets) t "
        f"WHERE d.plan_id = ? AND d.targets != '{{}}' {only}AND t.key IN ({marks}))",
        [*params, *wanted],
    )
    if not rows:
        return []
    names = _phase_names(store, plan_id)
    return build(
        store,
        "deliverables",
        lambda: [_deliverable(r, names[r[2]], number(r[20])) for r in rows],
    )


# ------------------------------------------------------------------ changing deliverables


def insert_deliverable(
    rec: Recorder, plan_id: int, phase_id_: int, values: Mapping[str, Any]
) -> int:
    return rec.insert("deliverables", {"plan_id": plan_id, "phase_id": phase_id_, **values})


def update_deliverable(rec: Recorder, row_id: int, values: Mapping[str, Any]) -> bool:
    out = {k: (str(v) if isinstance(v, Status | Kind) else v) for k, v in values.items()}
    return rec.update("deliverables", row_id, out)


def delete_deliverable(rec: Recorder, row_id: int) -> None:
    """Delete a deliverable with its notes, evidence and hours (each recorded, for undo)."""
    for table in ("notes", "evidence", "time_logs"):
        for (child,) in rec.conn.execute(
            f"SELECT id FROM {table} WHERE deliverable_id = ?", [row_id]
        ).fetchall():
            rec.delete(table, int(child))
    rec.delete("deliverables", row_id)


__all__ = [
    "Kept",
    "NewDeliverable",
    "NewPhase",
    "add_evidence",
    "add_log",
    "add_note",
    "count_logs",
    "delete_logs",
    "details",
    "kept",
    "plan_logs",
    "with_evidence",
]
