"""What the reports are made from, read for a stored profile through the data layer."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from skillpath.core.db import plans, profiles
from skillpath.core.models import Deliverable, Phase, Plan, Profile, RoleRef
from skillpath.core.progress import progress_of
from skillpath.core.records import TimeLog
from skillpath.core.report_data import Evidence, ProgressData, Tracked, short_date
from skillpath.core.rules import Status
from skillpath.core.session import Session


@dataclass(frozen=True)
class Stored:
    """A stored profile with its active plan rebuilt as a core Plan, and tracking state."""

    profile_id: int
    created: str
    profile: Profile
    plan: Plan
    status: dict[str, str]
    evidence: dict[str, str]


def load_stored(s: Session, profile_id: int) -> Stored:
    """A stored profile and its active plan.

    The plan's role need not be in the catalog (an own role may have been deleted since):
    what needs the role's requirements, the executive summary, asks the catalog for it.

    Raises:
        ProfileError: the profile has no plan.
    """
    from skillpath.core.actions.common import plan_of

    row = profiles.get_profile(s.store, profile_id)
    plan_row = plan_of(s, profile_id)
    items = plans.deliverables(s.store, plan_row.id)
    phases: dict[int, tuple[str, list[str], list[Deliverable]]] = {}
    skills_of = {p.number: list(p.skills) for p in plans.phases(s.store, plan_row.id)}
    status: dict[str, str] = {}
    earned_by: dict[str, str] = {}
    for d in items:
        planned = Deliverable(
            id=d.key,
            kind=d.kind.value,
            title=d.title,
            description=d.description,
            skills=list(d.skills),
            targets=dict(d.targets),
            hours=round(d.hours),
            start=d.start,
            due=d.due,
            metric=d.metric,
            resource=d.resource,
            certification=d.certification,
        )
        phases.setdefault(d.phase, (d.phase_title, skills_of.get(d.phase, []), []))[2].append(
            planned
        )
        status[d.key] = str(d.status)
        if d.status is Status.DONE and d.done_on:
            for sid in d.targets:
                earned_by[sid] = f"Earned: {d.title} ({short_date(d.done_on)})"
    plan_phases = [
        Phase(
            title=title,
            skills=skills,
            hours=sum(d.hours for d in ds),
            start=min(d.start for d in ds),
            due=max(d.due for d in ds),
            deliverables=ds,
        )
        for _, (title, skills, ds) in sorted(phases.items())
        if ds
    ]
    finish = max((p.due for p in plan_phases), default=plan_row.start)
    total = sum(p.hours for p in plan_phases)
    feasible = None if plan_row.target is None else finish <= plan_row.target
    needed = None
    if plan_row.target is not None and plan_row.target > plan_row.start:
        weeks = (plan_row.target - plan_row.start).days / 7
        needed = math.ceil(total / weeks * 2) / 2
    plan = Plan(
        role=RoleRef(id=plan_row.role_id, title=plan_row.role_title),
        start=plan_row.start,
        finish=finish,
        hours_per_week=plan_row.hours_per_week,
        total_hours=total,
        target=plan_row.target,
        feasible=feasible,
        needed_hours_per_week=needed,
        message=plan_row.message,
        phases=plan_phases,
    )
    evidence = {
        sid: text for sid, text in earned_by.items() if row.profile.source_of(sid) == "earned"
    }
    return Stored(row.id, row.created, row.profile, plan, status, evidence)


def _daily(logs: list[TimeLog], today: dt.date) -> list[tuple[dt.date, float]]:
    """Hours by day up to today; declared spans spread over their days."""
    out: list[tuple[dt.date, float]] = []
    for log in logs:
        if log.since is None or log.days == 1:
            if log.on <= today:
                out.append((log.on, log.hours))
            continue
        share = log.hours / log.days
        for n in range(log.days):
            day = log.since + dt.timedelta(days=n)
            if day <= today:
                out.append((day, share))
    out.sort(key=lambda x: x[0])
    return out


def load_progress(s: Session, profile_id: int) -> ProgressData:
    """Fill ProgressData for a stored profile's active plan, as of the session's today."""
    from skillpath.core.actions.common import plan_of

    today = s.today
    plan = plan_of(s, profile_id)
    rows = plans.deliverables(s.store, plan.id)
    logs = plans.plan_logs(s.store, plan.id)
    st = progress_of(plan, rows, logs, today)
    profile = profiles.get_profile(s.store, profile_id)
    kept = plans.kept(s.store, plan.id)
    items = [
        Tracked(
            key=i.key,
            phase=i.phase,
            phase_title=i.phase_title,
            kind=str(i.kind),
            title=i.title,
            hours=i.hours,
            start=i.start,
            due=i.due,
            status=str(i.status),
            done_on=i.done_on,
            logged=i.logged,
            evidence=tuple(Evidence(e.on, e.kind, e.value) for e in kept.evidence.get(i.id, ())),
            notes=tuple((n.on, n.text) for n in kept.notes.get(i.id, ())),
        )
        for i in st.items
    ]
    role = s.full_catalog().roles.get(plan.role_id)
    required = {r.skill: r.level for r in role.required} if role else {}
    snaps = [(x.on, x.readiness, x.levels) for x in profiles.snapshots(s.store, profile_id)
             if x.role_id == plan.role_id]  # fmt: skip
    return ProgressData(
        person=profile.profile.name,
        role_title=plan.role_title,
        today=today,
        start=plan.start,
        hours_per_week=plan.hours_per_week,
        target=plan.target,
        items=items,
        state=st.schedule.state,
        days_off=st.schedule.days,
        pace=st.pace,
        forecast=st.forecast_finish,
        snapshots=snaps,
        levels_now=dict(profile.profile.skills),
        required=required,
        time_logs=_daily(logs, today),
    )
