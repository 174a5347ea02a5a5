"""Use cases on one deliverable of a profile's active plan: tick, untick, start, skip, reopen,
log hours, keep a note or evidence, add, edit, move and remove.

Each takes a session, a profile id and a deliverable key, makes one undoable change, and
returns `Changes`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from skillpath.core import inputs
from skillpath.core.actions.common import plan_of, reconcile, short
from skillpath.core.changes import Changes
from skillpath.core.db import plans
from skillpath.core.db.undo import operation
from skillpath.core.errors import InputError
from skillpath.core.records import Deliverable, PlanRecord
from skillpath.core.rules import Kind, Status
from skillpath.core.session import Session

# Evidence is a link, a certificate id or a path: an export allows 2,000 characters of it.
MAX_EVIDENCE = 2000


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def evidence_kind(text: str) -> str:
    """'link' for a URL, 'file' for something that looks like a local path, else
    'certificate' (a certificate or credential id)."""
    value = text.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.IGNORECASE) and not re.match(
        r"^[A-Za-z]:[\\/]", value
    ):
        return "link"
    if (
        value.startswith(("/", "~", "./", "../", "\\\\"))
        or re.match(r"^[A-Za-z]:[\\/]", value)
        or _exists(value)
    ):
        return "file"
    return "certificate"


def _exists(value: str) -> bool:
    """Whether `value` names an existing file; text no file system takes (too long a name,
    say) names none."""
    try:
        return Path(value).exists()
    except (OSError, ValueError):
        return False


def _get(s: Session, profile_id: int, key: str) -> tuple[PlanRecord, Deliverable]:
    plan = plan_of(s, profile_id)
    return plan, plans.deliverable(s.store, plan.id, key)


def _done(
    message: str, profile_id: int, d: Deliverable, levels: list[str], plan: bool = False
) -> Changes:
    line = message[0].upper() + message[1:]
    if levels:
        line += "; " + "; ".join(levels)
    return Changes(
        message=line,
        profile_id=profile_id,
        profile=bool(levels),
        plan=plan,
        deliverables=frozenset({d.key}),
        history=True,
    )


# ------------------------------------------------------------------ status


def tick(
    s: Session,
    profile_id: int,
    key: str,
    *,
    on: dt.date | None = None,
    hours: float | None = None,
    evidence: str | None = None,
    note: str | None = None,
) -> Changes:
    """Mark a deliverable done, with the hours actually spent on it.

    Args:
        on: the day it was done (today).
        hours: the hours spent on it in all; by default the hours logged on it, or its
            estimate when none were logged. What was not logged is recorded as spent over
            the days it was in progress.
        evidence: a link, a certificate id or a file path, kept with it.
        note: a note kept with it.

    A certification gets its expiry date from the catalog's validity period; skill levels
    the finished work shows are earned (core/rules.py) with a readiness snapshot.
    Ticking a done deliverable again only adds the evidence or note.
    """
    day = inputs.past_or_today(on, s.today, "completion date")
    proof = inputs.text(evidence, "evidence", MAX_EVIDENCE) if evidence is not None else None
    kept = inputs.text(note, "note") if note is not None else None
    plan, d = _get(s, profile_id, key)
    if d.status is Status.DONE:
        if hours is not None:
            raise InputError(f"'{key}' is done already (on {d.done_on}); --hours is for ticking")
        if not proof and not kept:
            raise InputError(f"'{key}' is done already (on {d.done_on})")
    spent = None
    if d.status is not Status.DONE:
        if hours is not None:  # what the person says: more than 0, like the CLI's --hours
            spent = inputs.deliverable_hours(hours, "hours spent")
        else:  # what is stored: the hours logged, else the estimate (0 for none)
            spent = d.logged if d.logged > 0 else d.hours
        if spent + 1e-9 < d.logged:
            raise InputError(
                f"{d.logged:g} h are logged on '{key}' already; the hours spent cannot be fewer"
            )
    title = short(d.title)
    if d.status is Status.DONE:
        summary = f"added {'evidence' if proof else 'a note'} to '{title}'"
    else:
        summary = f"ticked '{title}' done"
    levels: list[str] = []
    with operation(s.store, profile_id, summary, s.origin) as rec:
        if d.status is not Status.DONE:
            values: dict[str, Any] = {"status": Status.DONE, "done_on": day.isoformat()}
            if d.kind is Kind.CERTIFICATION and d.certification:
                cert = s.full_catalog().certifications.get(d.certification)
                if cert is not None and cert.validity_years:
                    values["expires_on"] = add_years(day, cert.validity_years).isoformat()
            plans.update_deliverable(rec, d.id, values)
            extra = round((spent or 0.0) - d.logged, 2)
            if extra >= 0.01:
                began = d.started_on if d.started_on and d.started_on < day else day
                plans.add_log(rec, d.id, day, extra, began)
        if proof:
            plans.add_evidence(rec, d.id, day, evidence_kind(proof), proof)
        if kept:
            plans.add_note(rec, d.id, day, kept)
        if d.status is not Status.DONE or (proof and d.kind is Kind.PROJECT):
            levels = reconcile(s, rec, profile_id, plan, d.targets, day)
    if spent is not None:
        summary += f" ({spent:g} h spent)"
    return _done(summary, profile_id, d, levels)


def untick(s: Session, profile_id: int, key: str) -> Changes:
    """Take a done deliverable back to in progress (if hours were logged) or to do; hours
    declared when it was ticked go with the tick."""
    plan, d = _get(s, profile_id, key)
    if d.status is not Status.DONE:
        raise InputError(f"'{key}' is not done (it is {d.status})")
    summary = f"ticked '{short(d.title)}' back"
    with operation(s.store, profile_id, summary, s.origin) as rec:
        plans.delete_logs(rec, d.id, declared_only=True)
        logged = plans.count_logs(rec, d.id)
        status = Status.IN_PROGRESS if logged or d.started_on else Status.TODO
        plans.update_deliverable(rec, d.id, {"status": status, "done_on": None, "expires_on": None})
        levels = reconcile(s, rec, profile_id, plan, d.targets, s.today)
    return _done(f"{summary} to {status}", profile_id, d, levels)


def start(s: Session, profile_id: int, key: str, *, on: dt.date | None = None) -> Changes:
    """Mark a deliverable in progress."""
    day = inputs.past_or_today(on, s.today, "start date")
    _, d = _get(s, profile_id, key)
    if d.status is Status.IN_PROGRESS:
        raise InputError(f"'{key}' is in progress already")
    if d.status is Status.DONE:
        raise InputError(f"'{key}' is done; use `tick {key} --undo` to reopen it")
    summary = f"started '{short(d.title)}'"
    with operation(s.store, profile_id, summary, s.origin) as rec:
        plans.update_deliverable(
            rec,
            d.id,
            {
                "status": Status.IN_PROGRESS,
                "started_on": (d.started_on or day).isoformat(),
            },
        )
    return _done(summary, profile_id, d, [])


def skip(s: Session, profile_id: int, key: str) -> Changes:
    """Mark a deliverable skipped: it leaves the totals and the schedule."""
    return _leave(s, profile_id, key, Status.SKIPPED)


def reopen(s: Session, profile_id: int, key: str) -> Changes:
    """Take a skipped (or done) deliverable back to do."""
    return _leave(s, profile_id, key, Status.TODO)


def _leave(s: Session, profile_id: int, key: str, status: Status) -> Changes:
    """Move a deliverable to skipped or to do. What ticking it did goes with it: the hours
    declared at the tick, and the levels it earned (reconciled again)."""
    verb, state = (status.value,) * 2 if status is Status.SKIPPED else ("reopened", "to do")
    plan, d = _get(s, profile_id, key)
    if d.status is status:
        raise InputError(f"'{key}' is {state} already")
    summary = f"{verb} '{short(d.title)}'"
    with operation(s.store, profile_id, summary, s.origin) as rec:
        if d.status is Status.DONE:  # hours declared when it was ticked go with the tick
            plans.delete_logs(rec, d.id, declared_only=True)
        plans.update_deliverable(rec, d.id, {"status": status, "done_on": None, "expires_on": None})
        levels = (
            reconcile(s, rec, profile_id, plan, d.targets, s.today)
            if d.status is Status.DONE
            else []
        )
    return _done(summary, profile_id, d, levels)


def set_status(s: Session, profile_id: int, key: str, status: Status) -> Changes:
    """Move a deliverable to `status` by the matching use case."""
    if status is Status.DONE:
        return tick(s, profile_id, key)
    if status is Status.IN_PROGRESS:
        return start(s, profile_id, key)
    if status is Status.SKIPPED:
        return skip(s, profile_id, key)
    return reopen(s, profile_id, key)


# ------------------------------------------------------------------ hours, notes, evidence


def log_hours(
    s: Session, profile_id: int, key: str, hours: float, *, on: dt.date | None = None
) -> Changes:
    """Log hours of work on a deliverable; one still to do becomes in progress."""
    amount = inputs.log_hours(hours)
    day = inputs.past_or_today(on, s.today)
    _, d = _get(s, profile_id, key)
    summary = f"logged {amount:g} h on '{short(d.title)}'"
    with operation(s.store, profile_id, summary, s.origin) as rec:
        plans.add_log(rec, d.id, day, amount)
        if d.status is Status.TODO:
            plans.update_deliverable(
                rec,
                d.id,
                {"status": Status.IN_PROGRESS, "started_on": (d.started_on or day).isoformat()},
            )
    return _done(summary, profile_id, d, [])


def add_note(
    s: Session, profile_id: int, key: str, text: str, *, on: dt.date | None = None
) -> Changes:
    """Keep a note (free text) with a deliverable."""
    clean = inputs.text(text, "note")
    day = inputs.past_or_today(on, s.today)
    _, d = _get(s, profile_id, key)
    summary = f"added a note to '{short(d.title)}'"
    with operation(s.store, profile_id, summary, s.origin) as rec:
        plans.add_note(rec, d.id, day, clean)
    return _done(summary, profile_id, d, [])


def add_evidence(
    s: Session, profile_id: int, key: str, value: str, *, on: dt.date | None = None
) -> Changes:
    """Keep evidence (a link, a certificate id or a local file path) with a deliverable. On a
    done project it may show a higher level (core/rules.py)."""
    clean = inputs.text(value, "evidence", MAX_EVIDENCE)
    day = inputs.past_or_today(on, s.today)
    plan, d = _get(s, profile_id, key)
    summary = f"added evidence to '{short(d.title)}'"
    with operation(s.store, profile_id, summary, s.origin) as rec:
        plans.add_evidence(rec, d.id, day, evidence_kind(clean), clean)
        levels = (
            reconcile(s, rec, profile_id, plan, d.targets, day)
            if d.status is Status.DONE and d.kind is Kind.PROJECT
            else []
        )
    return _done(summary, profile_id, d, levels)


# ------------------------------------------------------------------ editing the plan

_EDITABLE = ("title", "description", "metric", "kind", "hours", "start", "due", "targets", "skills")


def _fields(s: Session, values: dict[str, Any]) -> dict[str, Any]:
    """Checked column values for an own or edited deliverable."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "title":
            out[name] = inputs.title(str(value))
        elif name in ("description", "metric"):
            if not isinstance(value, str):
                raise InputError(f"the {name} must be text")
            out[name] = inputs.text(value, name, allow_empty=True)
        elif name == "kind":
            try:
                out[name] = str(Kind(value))
            except ValueError:
                kinds = ", ".join(k.value for k in Kind)
                raise InputError(f"the kind must be one of {kinds}, not {value!r}") from None
        elif name == "hours":
            out[name] = inputs.deliverable_hours(value)
        elif name in ("start", "due"):
            if not isinstance(value, dt.date):
                raise InputError(f"the {name} must be a date")
            out[name] = inputs.date(value, f"{name} date").isoformat()
        elif name == "targets":
            catalog = s.full_catalog()
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and k in catalog.skills and isinstance(v, int) and 1 <= v <= 5
                for k, v in value.items()
            ):
                raise InputError("targets must map catalog skill ids to levels 1-5")
            out[name] = json.dumps(value)
        elif name == "skills":
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise InputError("skills must be a list of skill ids")
            out[name] = json.dumps(value)
        else:
            raise InputError(f"'{name}' cannot be edited")
    if "start" in out and "due" in out and out["due"] < out["start"]:
        raise InputError(f"the due date {out['due']} is before the start {out['start']}")
    return out


def add_deliverable(
    s: Session,
    profile_id: int,
    title: str,
    *,
    kind: str = Kind.PRACTICE,
    hours: float = 4,
    due: dt.date | None = None,
    phase: int | None = None,
    index: int | None = None,
    description: str = "",
    metric: str = "",
    targets: dict[str, int] | None = None,
) -> Changes:
    """Add an own deliverable to a phase (the last by default), at `index` (0-based) or at its
    end. It starts today and is due `due` (by default a week after the phase's last item).

    Returns:
        Changes whose `deliverables` holds the new key ('own-3').
    """
    fields = _fields(
        s,
        {
            "title": title,
            "kind": kind,
            "hours": hours,
            "description": description,
            "metric": metric,
            "targets": targets or {},
            "skills": sorted(targets or {}),
        },
    )
    plan = plan_of(s, profile_id)
    phase_id = plans.phase_id(s.store, plan.id, phase)
    keys = plans.keys_to_ids(s.store, plan.id)
    number = 1
    while f"own-{number}" in keys:
        number += 1
    key = f"own-{number}"
    same_phase = [d for d in plans.deliverables(s.store, plan.id) if d.phase_id == phase_id]
    begin = s.today
    if due is None:
        last = max((d.due for d in same_phase), default=begin)
        due = max(last, begin) + dt.timedelta(days=7)
    due = inputs.date(due, "due date")
    begin = min(begin, due)
    summary = f"added '{short(fields['title'])}'"
    with operation(s.store, profile_id, summary, s.origin) as rec:
        ids = plans.siblings(rec, phase_id)
        at = len(ids) if index is None else max(0, min(index, len(ids)))
        new_id = plans.insert_deliverable(
            rec,
            plan.id,
            phase_id,
            {
                "key": key,
                "position": at + 1,
                "start": begin.isoformat(),
                "due": due.isoformat(),
                "origin": "own",
                "status": str(Status.TODO),
                **fields,
            },
        )
        ids.insert(at, new_id)
        plans.renumber(rec, ids)
    return Changes(
        message=f"Added '{short(fields['title'])}' as {key}",
        profile_id=profile_id,
        plan=True,
        deliverables=frozenset({key}),
        history=True,
    )


def edit_deliverable(s: Session, profile_id: int, key: str, **values: Any) -> Changes:
    """Change a deliverable's title, description, kind, hours, start, due, metric or targets."""
    if not values:
        raise InputError("nothing to change")
    unknown = [k for k in values if k not in _EDITABLE]
    if unknown:
        raise InputError(f"'{unknown[0]}' cannot be edited")
    fields = _fields(s, values)
    plan, d = _get(s, profile_id, key)
    begin = fields.get("start", d.start.isoformat())
    due = fields.get("due", d.due.isoformat())
    if due < begin:
        raise InputError(f"the due date {due} is before the start {begin}")
    if "targets" in fields and "skills" not in fields:
        fields["skills"] = json.dumps(sorted(set(d.skills) | set(values["targets"])))
    summary = f"edited '{short(d.title)}'"
    with operation(s.store, profile_id, summary, s.origin) as rec:
        changed = plans.update_deliverable(rec, d.id, fields)
        levels: list[str] = []
        if changed and ("targets" in fields or "kind" in fields):
            skills = set(d.targets) | set(values.get("targets", {}))
            levels = reconcile(s, rec, profile_id, plan, skills, s.today)
    if not changed:
        return Changes(message="Nothing changed", profile_id=profile_id)
    dated = "start" in fields or "due" in fields or "hours" in fields
    return _done(summary, profile_id, d, levels, plan=dated)


def move_deliverable(
    s: Session, profile_id: int, key: str, index: int, *, phase: int | None = None
) -> Changes:
    """Move a deliverable to `index` (0-based) within its phase or within `phase`."""
    plan, d = _get(s, profile_id, key)
    target = d.phase_id if phase is None else plans.phase_id(s.store, plan.id, phase)
    summary = f"moved '{short(d.title)}'"
    with operation(s.store, profile_id, summary, s.origin) as rec:
        if target != d.phase_id:
            plans.renumber(rec, [i for i in plans.siblings(rec, d.phase_id) if i != d.id])
            plans.update_deliverable(rec, d.id, {"phase_id": target})
        ids = [i for i in plans.siblings(rec, target) if i != d.id]
        ids.insert(max(0, min(index, len(ids))), d.id)
        plans.renumber(rec, ids)
        moved = bool(rec.changes)
    if not moved:
        return Changes(message="Nothing changed", profile_id=profile_id)
    return _done(summary, profile_id, d, [], plan=True)


def remove_deliverable(s: Session, profile_id: int, key: str) -> Changes:
    """Remove a deliverable with its notes, evidence and logged hours (undoable)."""
    plan, d = _get(s, profile_id, key)
    summary = f"removed '{short(d.title)}'"
    with operation(s.store, profile_id, summary, s.origin) as rec:
        plans.delete_deliverable(rec, d.id)
        plans.renumber(rec, plans.siblings(rec, d.phase_id))
        levels = reconcile(s, rec, profile_id, plan, d.targets, s.today)
    return _done(summary, profile_id, d, levels, plan=True)
