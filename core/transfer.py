"""Export a whole profile to JSON and import it back: profile, plans (the active one and
the history), phases, deliverables with their notes, evidence and logged hours, earned
levels and snapshots. The undo history stays behind.

An import validates the whole file before it writes anything, and writes in one
transaction. Export then import then export gives the same document.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sqlite3
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from skillpath.core.catalog import Catalog
from skillpath.core.db.store import Store
from skillpath.core.errors import ProfileError, StorageError, TransferError
from skillpath.core.fileio import read_limited
from skillpath.core.gap import check_profile_skills
from skillpath.core.models import Profile
from skillpath.core.profile_io import describe_validation
from skillpath.core.tracking import DEFAULT_PROFILE_KEY, ProfileRow, find_profile, get_profile

FORMAT = "skillpath-profile"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 200_000_000

Text = Annotated[str, Field(max_length=100_000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class NoteDoc(_Model):
    on: dt.date
    text: Annotated[str, Field(min_length=1, max_length=100_000)]


class EvidenceDoc(_Model):
    on: dt.date
    kind: Literal["link", "certificate", "file"]
    value: Annotated[str, Field(min_length=1, max_length=100_000)]


class TimeLogDoc(_Model):
    on: dt.date
    hours: Annotated[float, Field(gt=0, le=24)]


class DeliverableDoc(_Model):
    key: Annotated[str, Field(min_length=1, max_length=200)]
    position: Annotated[int, Field(ge=0)]
    kind: Literal["course", "reading", "practice", "project", "certification"]
    title: Annotated[str, Field(min_length=1, max_length=100_000)]
    description: Text
    skills: list[Annotated[str, Field(max_length=200)]]
    targets: dict[str, Annotated[int, Field(ge=1, le=5)]]
    hours: Annotated[float, Field(ge=0, le=100_000)]
    start: dt.date
    due: dt.date
    metric: Text
    resource: dict[str, Any] | None
    certification: Annotated[str, Field(max_length=200)] | None
    origin: Literal["generated", "own"]
    status: Literal["todo", "in progress", "done", "skipped"]
    started_on: dt.date | None
    done_on: dt.date | None
    expires_on: dt.date | None
    notes: list[NoteDoc]
    evidence: list[EvidenceDoc]
    time_logs: list[TimeLogDoc]

    @field_validator("due")
    @classmethod
    def _due_after_start(cls, value: dt.date, info: Any) -> dt.date:
        start = info.data.get("start")
        if start is not None and value < start:
            raise ValueError(f"the due date {value} is before the start {start}")
        return value


class PhaseDoc(_Model):
    position: Annotated[int, Field(ge=0)]
    title: Annotated[str, Field(min_length=1, max_length=1000)]
    skills: list[str]
    deliverables: list[DeliverableDoc]


class PlanDoc(_Model):
    active: bool
    created: dt.date
    role_id: Annotated[str, Field(min_length=1, max_length=200)]
    role_title: Annotated[str, Field(min_length=1, max_length=1000)]
    start: dt.date
    hours_per_week: Annotated[float, Field(gt=0, le=80)]
    target: dt.date | None
    message: Text
    options: dict[str, Any]
    phases: list[PhaseDoc]


class EarnedDoc(_Model):
    plan: Annotated[int, Field(ge=0)]
    skill: Annotated[str, Field(min_length=1, max_length=200)]
    level: Annotated[int, Field(ge=0, le=5)]
    previous_level: Annotated[int, Field(ge=0, le=5)]
    previous_source: Literal["self-rated", "cv", "earned"] | None
    on: dt.date


class SnapshotDoc(_Model):
    on: dt.date
    role_id: Annotated[str, Field(min_length=1, max_length=200)]
    readiness: Annotated[int, Field(ge=0, le=100)]
    levels: dict[str, Annotated[int, Field(ge=0, le=5)]]


class ProfileDoc(_Model):
    name: Name
    created: dt.date
    data: dict[str, Any]


class ExportDoc(_Model):
    format: Literal["skillpath-profile"]
    version: Annotated[int, Field(ge=1)]
    profile: ProfileDoc
    plans: list[PlanDoc]
    earned: list[EarnedDoc]
    snapshots: list[SnapshotDoc]


# ------------------------------------------------------------------ export


def export_profile(store: Store, profile_id: int) -> dict[str, Any]:
    """The whole profile as a JSON-ready document."""
    row = get_profile(store, profile_id)
    conn = store.conn
    plans: list[dict[str, Any]] = []
    plan_index: dict[int, int] = {}
    plan_rows = conn.execute(
        "SELECT id, active, created, role_id, role_title, start, hours_per_week, target, message, "
        "options FROM plans WHERE profile_id = ? ORDER BY id",
        [profile_id],
    ).fetchall()
    for index, p in enumerate(plan_rows):
        plan_index[p[0]] = index
        children: dict[str, dict[int, list[dict[str, Any]]]] = {
            "notes": {},
            "evidence": {},
            "time_logs": {},
        }
        for n in conn.execute(
            'SELECT n.deliverable_id, n."on", n.text FROM notes n JOIN deliverables d '
            "ON d.id = n.deliverable_id WHERE d.plan_id = ? ORDER BY n.id",
            [p[0]],
        ):
            children["notes"].setdefault(n[0], []).append({"on": n[1], "text": n[2]})
        for e in conn.execute(
            'SELECT e.deliverable_id, e."on", e.kind, e.value FROM evidence e JOIN deliverables d '
            "ON d.id = e.deliverable_id WHERE d.plan_id = ? ORDER BY e.id",
            [p[0]],
        ):
            children["evidence"].setdefault(e[0], []).append(
                {"on": e[1], "kind": e[2], "value": e[3]}
            )
        for t in conn.execute(
            'SELECT t.deliverable_id, t."on", t.hours FROM time_logs t JOIN deliverables d '
            "ON d.id = t.deliverable_id WHERE d.plan_id = ? ORDER BY t.id",
            [p[0]],
        ):
            children["time_logs"].setdefault(t[0], []).append({"on": t[1], "hours": t[2]})
        phases: list[dict[str, Any]] = []
        by_phase: dict[int, list[dict[str, Any]]] = {}
        for d in conn.execute(
            "SELECT id, phase_id, key, position, kind, title, description, skills, targets, hours, "
            "start, due, metric, resource, certification, origin, status, started_on, done_on, "
            "expires_on FROM deliverables WHERE plan_id = ? ORDER BY phase_id, position, id",
            [p[0]],
        ):
            by_phase.setdefault(d[1], []).append(
                {
                    "key": d[2],
                    "position": d[3],
                    "kind": d[4],
                    "title": d[5],
                    "description": d[6],
                    "skills": json.loads(d[7]),
                    "targets": json.loads(d[8]),
                    "hours": float(d[9]),
                    "start": d[10],
                    "due": d[11],
                    "metric": d[12],
                    "resource": json.loads(d[13]) if d[13] else None,
                    "certification": d[14],
                    "origin": d[15],
                    "status": d[16],
                    "started_on": d[17],
                    "done_on": d[18],
                    "expires_on": d[19],
                    "notes": children["notes"].get(d[0], []),
                    "evidence": children["evidence"].get(d[0], []),
                    "time_logs": children["time_logs"].get(d[0], []),
                }
            )
        for ph in conn.execute(
            "SELECT id, position, title, skills FROM phases WHERE plan_id = ? "
            "ORDER BY position, id",
            [p[0]],
        ):
            phases.append(
                {
                    "position": ph[1],
                    "title": ph[2],
                    "skills": json.loads(ph[3]),
                    "deliverables": by_phase.get(ph[0], []),
                }
            )
        plans.append(
            {
                "active": bool(p[1]),
                "created": p[2],
                "role_id": p[3],
                "role_title": p[4],
                "start": p[5],
                "hours_per_week": float(p[6]),
                "target": p[7],
                "message": p[8],
                "options": json.loads(p[9]),
                "phases": phases,
            }
        )
    earned = [
        {
            "plan": plan_index[e[0]],
            "skill": e[1],
            "level": e[2],
            "previous_level": e[3],
            "previous_source": e[4],
            "on": e[5],
        }
        for e in conn.execute(
            'SELECT plan_id, skill, level, previous_level, previous_source, "on" FROM earned '
            "WHERE profile_id = ? ORDER BY id",
            [profile_id],
        )
    ]
    snaps = [
        {"on": s[0], "role_id": s[1], "readiness": s[2], "levels": json.loads(s[3])}
        for s in conn.execute(
            'SELECT "on", role_id, readiness, levels FROM snapshots WHERE profile_id = ? '
            "ORDER BY id",
            [profile_id],
        )
    ]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "profile": {
            "name": row.name,
            "created": row.created,
            "data": json.loads(row.profile.model_dump_json()),
        },
        "plans": plans,
        "earned": earned,
        "snapshots": snaps,
    }


def export_to_file(store: Store, profile_id: int, out: Path) -> int:
    """Write the profile's export to `out` atomically.

    Returns:
        The number of bytes written.
    """
    data = json.dumps(export_profile(store, profile_id), ensure_ascii=False, indent=1)
    raw = (data + "\n").encode("utf-8")
    out = out.expanduser()
    if out.is_dir():
        raise StorageError(f"{out} is a folder; give a file name to export to")
    partial = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    try:
        with partial.open("wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(f"cannot write {out} ({exc.strerror or exc})") from None
    return len(raw)


# ------------------------------------------------------------------ import


def _describe(exc: ValidationError) -> str:
    first = exc.errors()[0]
    if first["type"] == "json_invalid":
        return f"not valid JSON ({first['msg'].removeprefix('Invalid JSON: ')})"
    if first["type"] in ("json_type", "model_type") and not first["loc"]:
        return "not an export file: the JSON must be an object"
    return describe_validation(exc)


def parse_export(raw: bytes, catalog: Catalog) -> ExportDoc:
    """Validate an export document completely.

    Raises:
        TransferError: one line saying what is wrong and where.
    """
    if len(raw) > MAX_IMPORT_BYTES:
        raise TransferError(f"too large for an export file ({len(raw):,} bytes)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise TransferError("not a UTF-8 text file, so not a Skillpath export") from None
    try:
        doc = ExportDoc.model_validate_json(raw)
    except ValidationError as exc:
        raise TransferError(_describe(exc)) from None
    if doc.version > FORMAT_VERSION:
        raise TransferError(
            f"the export was made by a newer Skillpath (format {doc.version}); update to import it"
        )
    try:
        profile = Profile.model_validate(doc.profile.data)
    except ValidationError as exc:
        raise TransferError(f"profile.data: {describe_validation(exc)}") from None
    if profile.name != doc.profile.name:
        raise TransferError("profile.name and profile.data.name differ")
    try:
        check_profile_skills(profile, catalog)
    except ProfileError as exc:
        raise TransferError(f"profile: {exc}") from None
    active = [i for i, p in enumerate(doc.plans) if p.active]
    if len(active) > 1:
        raise TransferError(f"plans: {len(active)} plans are marked active; at most one may be")
    for i, plan in enumerate(doc.plans):
        keys: set[str] = set()
        positions: set[int] = set()
        for ph in plan.phases:
            if ph.position in positions:
                raise TransferError(f"plans.{i}: phase position {ph.position} is used twice")
            positions.add(ph.position)
            for d in ph.deliverables:
                if d.key in keys:
                    raise TransferError(f"plans.{i}: deliverable '{d.key}' appears twice")
                keys.add(d.key)
                if d.status == "done" and d.done_on is None:
                    raise TransferError(f"plans.{i}: '{d.key}' is done but has no date")
    for j, e in enumerate(doc.earned):
        if e.plan >= len(doc.plans):
            raise TransferError(f"earned.{j}.plan: there is no plan {e.plan}")
    return doc


def read_export(path: Path, catalog: Catalog) -> ExportDoc:
    """Read and validate an export file."""
    raw = read_limited(path, MAX_IMPORT_BYTES, "an export file", TransferError)
    try:
        return parse_export(raw, catalog)
    except TransferError as exc:
        raise TransferError(f"{path.name}: {exc}") from None


def _d(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def import_profile(
    store: Store,
    doc: ExportDoc,
    *,
    rename: str | None = None,
    replace: bool = False,
) -> ProfileRow:
    """Write a validated export as a profile, in one transaction.

    Args:
        rename: import under this name instead.
        replace: delete the profile of the same name first (in the same transaction).

    Raises:
        TransferError: the name is taken and neither `rename` nor `replace` was given.
    """
    if rename is not None and replace:
        raise TransferError("use either --rename or --replace, not both")
    name = doc.profile.name if rename is None else rename.strip()
    if not name or len(name) > 200:
        raise TransferError("the new name must be 1 to 200 characters")
    profile = Profile.model_validate(doc.profile.data)
    if rename is not None:
        profile = profile.model_copy(update={"name": name})
    try:
        clash: ProfileRow | None = find_profile(store, name)
    except ProfileError:
        clash = None
    if clash is not None and not replace:
        raise TransferError(
            f"a profile called '{clash.name}' exists already; "
            "import with --rename NEW-NAME or --replace"
        )
    with store.transaction() as conn:
        if clash is not None:
            conn.execute("DELETE FROM profiles WHERE id = ?", [clash.id])
        cur = conn.execute(
            "INSERT INTO profiles (name, data, created) VALUES (?, ?, ?)",
            [name, profile.model_dump_json(), doc.profile.created.isoformat()],
        )
        profile_id = int(cur.lastrowid or 0)
        plan_ids = [_insert_plan_doc(conn, profile_id, plan) for plan in doc.plans]
        conn.executemany(
            "INSERT INTO earned (profile_id, plan_id, skill, level, previous_level, "
            'previous_source, "on") VALUES (?, ?, ?, ?, ?, ?, ?)',
            [
                (
                    profile_id,
                    plan_ids[e.plan],
                    e.skill,
                    e.level,
                    e.previous_level,
                    e.previous_source,
                    e.on.isoformat(),
                )
                for e in doc.earned
            ],
        )
        conn.executemany(
            'INSERT INTO snapshots (profile_id, "on", role_id, readiness, levels) '
            "VALUES (?, ?, ?, ?, ?)",
            [
                (profile_id, s.on.isoformat(), s.role_id, s.readiness, json.dumps(s.levels))
                for s in doc.snapshots
            ],
        )
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [DEFAULT_PROFILE_KEY, str(profile_id)],
        )
    return get_profile(store, profile_id)


def _insert_plan_doc(conn: sqlite3.Connection, profile_id: int, plan: PlanDoc) -> int:
    cur = conn.execute(
        "INSERT INTO plans (profile_id, active, created, role_id, role_title, start, "
        "hours_per_week, target, message, options) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            profile_id,
            int(plan.active),
            plan.created.isoformat(),
            plan.role_id,
            plan.role_title,
            plan.start.isoformat(),
            plan.hours_per_week,
            _d(plan.target),
            plan.message,
            json.dumps(plan.options),
        ],
    )
    plan_id = int(cur.lastrowid or 0)
    notes: list[tuple[Any, ...]] = []
    evidence: list[tuple[Any, ...]] = []
    logs: list[tuple[Any, ...]] = []
    for ph in plan.phases:
        pcur = conn.execute(
            "INSERT INTO phases (plan_id, position, title, skills) VALUES (?, ?, ?, ?)",
            [plan_id, ph.position, ph.title, json.dumps(ph.skills)],
        )
        phase_id = int(pcur.lastrowid or 0)
        for d in ph.deliverables:
            dcur = conn.execute(
                "INSERT INTO deliverables (plan_id, phase_id, key, position, kind, title, "
                "description, skills, targets, hours, start, due, metric, resource, "
                "certification, origin, status, started_on, done_on, expires_on) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    plan_id,
                    phase_id,
                    d.key,
                    d.position,
                    d.kind,
                    d.title,
                    d.description,
                    json.dumps(d.skills),
                    json.dumps(d.targets),
                    d.hours,
                    d.start.isoformat(),
                    d.due.isoformat(),
                    d.metric,
                    json.dumps(d.resource) if d.resource is not None else None,
                    d.certification,
                    d.origin,
                    d.status,
                    _d(d.started_on),
                    _d(d.done_on),
                    _d(d.expires_on),
                ],
            )
            did = int(dcur.lastrowid or 0)
            notes += [(did, n.on.isoformat(), n.text) for n in d.notes]
            evidence += [(did, e.on.isoformat(), e.kind, e.value) for e in d.evidence]
            logs += [(did, t.on.isoformat(), t.hours) for t in d.time_logs]
    conn.executemany('INSERT INTO notes (deliverable_id, "on", text) VALUES (?, ?, ?)', notes)
    conn.executemany(
        'INSERT INTO evidence (deliverable_id, "on", kind, value) VALUES (?, ?, ?, ?)', evidence
    )
    conn.executemany('INSERT INTO time_logs (deliverable_id, "on", hours) VALUES (?, ?, ?)', logs)
    return plan_id
