"""Export a whole profile to JSON and import it back: profile, plans (the active one and
the history), phases, deliverables with their notes, evidence and logged hours, earned
levels and snapshots. The undo history stays behind.

An import validates the whole file before it writes anything, and writes in one
transaction. Export then import then export gives the same document.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from skillpath.core.catalog import Catalog
from skillpath.core.db import plans, profiles
from skillpath.core.db.plans import NewDeliverable, NewPhase
from skillpath.core.db.store import Store
from skillpath.core.errors import ProfileError, TransferError
from skillpath.core.fileio import atomic_write, read_limited, require_space
from skillpath.core.gap import check_profile_skills
from skillpath.core.inputs import strip_controls
from skillpath.core.models import Profile
from skillpath.core.profile_io import describe_validation
from skillpath.core.rules import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_DELIVERABLE_HOURS,
    MAX_HOURS_PER_WEEK,
    MAX_LOG_HOURS,
    MAX_TEXT,
    MAX_TITLE,
    MIN_HOURS_PER_WEEK,
    Kind,
    Status,
)

FORMAT = "skillpath-profile"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 200_000_000


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("contains a NUL character")
    return strip_controls(value)


def _in_calendar(value: dt.date) -> dt.date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"{value} is outside {EARLIEST_DATE.year}-{LATEST_DATE.year}")
    return value


# The same limits as what a person can type (core/rules.py), so an import can hold nothing
# the app could not have made.
Day = Annotated[dt.date, AfterValidator(_in_calendar)]
Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_no_nul)]
Line = Annotated[str, Field(min_length=1, max_length=MAX_TITLE), AfterValidator(_no_nul)]
LongLine = Annotated[str, Field(min_length=1, max_length=MAX_TEXT), AfterValidator(_no_nul)]
Id = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_nul)]
Name = Line


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class NoteDoc(_Model):
    on: Day
    text: Annotated[Text, Field(min_length=1)]


class EvidenceDoc(_Model):
    on: Day
    kind: Literal["link", "certificate", "file"]
    value: Annotated[Text, Field(min_length=1, max_length=2000)]


class TimeLogDoc(_Model):
    on: Day
    hours: Annotated[float, Field(gt=0, le=MAX_DELIVERABLE_HOURS)]
    since: Day | None = None  # hours declared when the deliverable was done, spread from here

    @model_validator(mode="after")
    def _a_day_at_most(self) -> TimeLogDoc:
        if self.since is None and self.hours > MAX_LOG_HOURS:
            raise ValueError(f"{self.hours:g} hours logged on one day (at most {MAX_LOG_HOURS:g})")
        if self.since is not None and self.since > self.on:
            raise ValueError(f"the hours' span starts {self.since}, after it ends {self.on}")
        return self


class ResourceDoc(_Model):
    title: LongLine
    provider: Annotated[Text, Field(max_length=MAX_TITLE)]
    url: Annotated[Text, Field(max_length=2000)]
    free: bool
    hours: Annotated[float, Field(gt=0, le=MAX_DELIVERABLE_HOURS)] | None = None
    hours_basis: Literal["provider", "estimate"] | None = None


class DeliverableDoc(_Model):
    key: Id
    position: Annotated[int, Field(ge=0, le=1_000_000)]
    kind: Kind
    title: LongLine
    description: Text
    skills: list[Id]
    targets: dict[str, Annotated[int, Field(ge=1, le=5)]]
    hours: Annotated[float, Field(ge=0, le=MAX_DELIVERABLE_HOURS)]
    start: Day
    due: Day
    metric: Text
    resource: ResourceDoc | None
    certification: Id | None
    origin: Literal["generated", "own"]
    status: Status
    started_on: Day | None
    done_on: Day | None
    expires_on: Day | None
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
    position: Annotated[int, Field(ge=0, le=1_000_000)]
    title: LongLine
    skills: list[Id]
    deliverables: list[DeliverableDoc]


class PlanDoc(_Model):
    active: bool
    created: Day
    role_id: Id
    role_title: LongLine
    start: Day
    hours_per_week: Annotated[float, Field(ge=MIN_HOURS_PER_WEEK, le=MAX_HOURS_PER_WEEK)]
    target: Day | None
    message: Text
    options: dict[str, Any]
    phases: list[PhaseDoc]


class EarnedDoc(_Model):
    plan: Annotated[int, Field(ge=0, le=1_000_000)]
    skill: Id
    level: Annotated[int, Field(ge=0, le=5)]
    previous_level: Annotated[int, Field(ge=0, le=5)]
    previous_source: Literal["self-rated", "cv", "earned"] | None
    on: Day


class SnapshotDoc(_Model):
    on: Day
    role_id: Id
    readiness: Annotated[int, Field(ge=0, le=100)]
    levels: dict[str, Annotated[int, Field(ge=0, le=5)]]


class ProfileDoc(_Model):
    name: Name
    created: Day
    data: dict[str, Any]


class ExportDoc(_Model):
    format: Literal["skillpath-profile"]
    version: Annotated[int, Field(ge=1)]
    profile: ProfileDoc
    plans: list[PlanDoc]
    earned: list[EarnedDoc]
    snapshots: list[SnapshotDoc]


# ------------------------------------------------------------------ export


def _d(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def export_profile(store: Store, profile_id: int) -> dict[str, Any]:
    """The whole profile as a JSON-ready document."""
    row = profiles.get_profile(store, profile_id)
    docs: list[dict[str, Any]] = []
    index: dict[int, int] = {}
    for number, plan in enumerate(sorted(plans.plans_of(store, profile_id), key=lambda p: p.id)):
        index[plan.id] = number
        kept = plans.kept(store, plan.id)
        items = plans.deliverables(store, plan.id)
        phases = []
        for phase in plans.phases(store, plan.id):
            phases.append(
                {
                    "position": phase.number,
                    "title": phase.title,
                    "skills": list(phase.skills),
                    "deliverables": [
                        {
                            "key": d.key,
                            "position": d.position,
                            "kind": str(d.kind),
                            "title": d.title,
                            "description": d.description,
                            "skills": list(d.skills),
                            "targets": d.targets,
                            "hours": d.hours,
                            "start": d.start.isoformat(),
                            "due": d.due.isoformat(),
                            "metric": d.metric,
                            "resource": d.resource.model_dump() if d.resource else None,
                            "certification": d.certification,
                            "origin": d.origin,
                            "status": str(d.status),
                            "started_on": _d(d.started_on),
                            "done_on": _d(d.done_on),
                            "expires_on": _d(d.expires_on),
                            "notes": [
                                {"on": n.on.isoformat(), "text": n.text}
                                for n in kept.notes.get(d.id, [])
                            ],
                            "evidence": [
                                {"on": e.on.isoformat(), "kind": e.kind, "value": e.value}
                                for e in kept.evidence.get(d.id, [])
                            ],
                            "time_logs": [
                                {"on": t.on.isoformat(), "hours": t.hours}
                                | ({"since": t.since.isoformat()} if t.since else {})
                                for t in kept.logs.get(d.id, [])
                            ],
                        }
                        for d in items
                        if d.phase_id == phase.id
                    ],
                }
            )
        docs.append(
            {
                "active": plan.active,
                "created": plan.created,
                "role_id": plan.role_id,
                "role_title": plan.role_title,
                "start": plan.start.isoformat(),
                "hours_per_week": plan.hours_per_week,
                "target": _d(plan.target),
                "message": plan.message,
                "options": plan.options,
                "phases": phases,
            }
        )
    earned = [
        {
            "plan": index[e.plan_id],
            "skill": e.skill,
            "level": e.level,
            "previous_level": e.previous_level,
            "previous_source": e.previous_source,
            "on": e.on.isoformat(),
        }
        for e in profiles.earned_rows(store, profile_id)
        if e.plan_id in index
    ]
    snaps = [
        {"on": x.on.isoformat(), "role_id": x.role_id, "readiness": x.readiness, "levels": x.levels}
        for x in profiles.snapshots(store, profile_id)
    ]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "profile": {
            "name": row.name,
            "created": row.created,
            "data": json.loads(row.profile.model_dump_json()),
        },
        "plans": docs,
        "earned": earned,
        "snapshots": snaps,
    }


def export_to_file(store: Store, profile_id: int, out: Path, *, force: bool = False) -> int:
    """Write the profile's export to `out` atomically; an existing file only with `force`.

    Returns:
        The number of bytes written.

    Raises:
        OutputExistsError: `out` exists and `force` is off.
        WriteError: the file could not be written (nothing half-written is left).
    """
    data = json.dumps(export_profile(store, profile_id), ensure_ascii=False, indent=1)
    raw = (data + "\n").encode("utf-8")
    target = out.expanduser()
    require_space(target.parent, len(raw), "the export")
    atomic_write(target, raw, force)
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
    except ValueError as exc:  # a number too long to read, say
        reason = "a number too long to read" if "digits" in str(exc) else str(exc)[:120]
        raise TransferError(f"not a valid export file ({reason})") from None
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
                where = f"plans.{i}: deliverable '{d.key[:60]}'"
                if d.key in keys:
                    raise TransferError(f"{where} appears twice")
                keys.add(d.key)
                if d.status is Status.DONE and d.done_on is None:
                    raise TransferError(f"{where} is done but has no date")
                if d.due < d.start:
                    raise TransferError(f"{where} is due {d.due}, before it starts {d.start}")
                unknown = [x for x in [*d.targets, *d.skills] if x not in catalog.skills]
                if unknown:
                    raise TransferError(f"{where} names an unknown skill '{unknown[0][:60]}'")
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


def plan_rows(plan: PlanDoc) -> tuple[dict[str, Any], list[NewPhase]]:
    """An exported plan as the rows the data layer inserts."""
    values = {
        "role_id": plan.role_id,
        "role_title": plan.role_title,
        "start": plan.start.isoformat(),
        "hours_per_week": plan.hours_per_week,
        "target": _d(plan.target),
        "message": plan.message,
        "options": json.dumps(plan.options),
    }
    phases = [
        NewPhase(
            title=ph.title,
            skills=list(ph.skills),
            position=ph.position,
            deliverables=[
                NewDeliverable(
                    values={
                        "key": d.key,
                        "kind": str(d.kind),
                        "title": d.title,
                        "description": d.description,
                        "skills": json.dumps(d.skills),
                        "targets": json.dumps(d.targets),
                        "hours": d.hours,
                        "start": d.start.isoformat(),
                        "due": d.due.isoformat(),
                        "metric": d.metric,
                        "resource": d.resource.model_dump_json() if d.resource else None,
                        "certification": d.certification,
                        "origin": d.origin,
                        "status": str(d.status),
                        "started_on": _d(d.started_on),
                        "done_on": _d(d.done_on),
                        "expires_on": _d(d.expires_on),
                    },
                    notes=[(n.on, n.text) for n in d.notes],
                    evidence=[(e.on, e.kind, e.value) for e in d.evidence],
                    logs=[(t.on, t.hours, t.since) for t in d.time_logs],
                )
                for d in sorted(ph.deliverables, key=lambda x: x.position)
            ],
        )
        for ph in sorted(plan.phases, key=lambda p: p.position)
    ]
    return values, phases
