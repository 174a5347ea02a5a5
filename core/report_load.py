"""What the reports are made from, read for a stored profile through the data layer (or, for
a plan made now and not stored, turned into the same records)."""

from __future__ import annotations

import datetime as dt
import json

from skillpath.core.actions.common import plan_of
from skillpath.core.catalog import Catalog
from skillpath.core.db import plans, profiles
from skillpath.core.earning import earned_by_work
from skillpath.core.gap import analyze
from skillpath.core.models import Plan, Profile
from skillpath.core.progress import progress_of
from skillpath.core.records import Deliverable, PlanRecord
from skillpath.core.report_progress import ProgressData
from skillpath.core.report_summary import Summary, build_summary
from skillpath.core.rules import Kind, Status
from skillpath.core.session import Session


def unsaved(plan: Plan) -> tuple[PlanRecord, list[Deliverable]]:
    """A plan made now and not stored, as the records a stored one reads as (all to do)."""
    record = PlanRecord(
        id=0,
        profile_id=0,
        active=True,
        created="",
        role_id=plan.role.id,
        role_title=plan.role.title,
        start=plan.start,
        hours_per_week=plan.hours_per_week,
        target=plan.target,
        message=plan.message,
        # what a stored plan keeps beside its rows: its target-date ways out and deferred skills
        options=json.loads(plans.plan_values(plan)["options"]),
    )
    items: list[Deliverable] = []
    for number, phase in enumerate(plan.phases, start=1):
        for d in phase.deliverables:
            items.append(
                Deliverable(
                    id=len(items) + 1,
                    key=d.id,
                    phase_id=number,
                    phase=number,
                    phase_title=phase.title,
                    position=len(items),
                    kind=Kind(d.kind),
                    title=d.title,
                    description=d.description,
                    skills=tuple(d.skills),
                    targets=dict(d.targets),
                    hours=float(d.hours),
                    start=d.start,
                    due=d.due,
                    metric=d.metric,
                    resource=d.resource,
                    certification=d.certification,
                    origin="generated",
                    status=Status.TODO,
                    started_on=None,
                    done_on=None,
                    expires_on=None,
                )
            )
    return record, items


def plan_summary(profile: Profile, plan: Plan, catalog: Catalog, today: dt.date) -> Summary:
    """The executive summary of a plan made now for `profile` (nothing stored)."""
    record, items = unsaved(plan)
    analysis = analyze(profile, catalog.role(plan.role.id), catalog)
    return build_summary(profile, analysis, record, items, catalog, today=today)


def load_summary(s: Session, profile_id: int) -> Summary:
    """The executive summary of a stored profile's active plan, as of the session's today.

    Raises:
        ProfileError: the profile has no plan.
        CatalogError: the plan's role is no longer in the catalog (an own role deleted).
    """
    catalog = s.full_catalog()
    profile = profiles.get_profile(s.store, profile_id).profile
    plan = plan_of(s, profile_id)
    items = plans.deliverables(s.store, plan.id)
    analysis = analyze(profile, catalog.role(plan.role_id), catalog)
    earned_skills = {sid for sid in profile.skills if profile.source_of(sid) == "earned"}
    proofs = earned_by_work(
        items, plans.with_evidence(s.store, [d.id for d in items]), earned_skills
    )
    st = progress_of(plan, items, plans.plan_logs(s.store, plan.id), s.today)
    return build_summary(
        profile,
        analysis,
        plan,
        items,
        catalog,
        today=s.today,
        earned={sid: p.deliverable for sid, p in proofs.items()},
        progress=st,
    )


def load_progress(s: Session, profile_id: int) -> ProgressData:
    """What the progress report of a stored profile's active plan is made from, as of the
    session's today. The plan's role need not be in the catalog any more.

    Raises:
        ProfileError: the profile has no plan.
    """
    plan = plan_of(s, profile_id)
    rows = plans.deliverables(s.store, plan.id)
    logs = plans.plan_logs(s.store, plan.id)
    profile = profiles.get_profile(s.store, profile_id)
    kept = plans.kept(s.store, plan.id)
    role = s.full_catalog().roles.get(plan.role_id)
    return ProgressData(
        person=profile.profile.name,
        progress=progress_of(plan, rows, logs, s.today),
        logs=logs,
        notes=kept.notes,
        evidence=kept.evidence,
        snapshots=[x for x in profiles.snapshots(s.store, profile_id) if x.role_id == plan.role_id],
        levels_now=dict(profile.profile.skills),
        required={r.skill: r.level for r in role.required} if role else {},
    )
