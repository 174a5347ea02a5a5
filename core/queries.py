"""Read-only use cases: what the CLI and the app show about a profile and its plan."""

from __future__ import annotations

from dataclasses import dataclass

from skillpath.core.actions.common import plan_of
from skillpath.core.changes import Changes
from skillpath.core.db import plans, profiles, undo
from skillpath.core.errors import ProfileError
from skillpath.core.gap import analyze
from skillpath.core.models import Analysis, Role
from skillpath.core.progress import Progress, progress_of
from skillpath.core.records import (
    DeliverableDetails,
    Earned,
    HistoryEntry,
    PlanRecord,
    ProfileRecord,
    Snapshot,
)
from skillpath.core.session import Session


def progress(s: Session, profile_id: int) -> Progress:
    """Progress, schedule, pace and forecast of the profile's active plan.

    Raises:
        ProfileError: the profile has no plan.
    """
    plan = plan_of(s, profile_id)
    rows = plans.deliverables(s.store, plan.id)
    return progress_of(plan, rows, plans.plan_logs(s.store, plan.id), s.today)


def details(s: Session, profile_id: int, key: str) -> DeliverableDetails:
    """One deliverable of the active plan with its notes, evidence and hours."""
    plan = plan_of(s, profile_id)
    return plans.details(s.store, plans.deliverable(s.store, plan.id, key))


def earned_by(s: Session, profile_id: int) -> dict[str, str]:
    """For each skill whose level was earned, the title of the finished deliverable of the
    active plan that shows it (by the rules of core/rules.py); skills earned in an earlier
    plan are left out."""
    from skillpath.core.earning import earned_by_work

    profile = profiles.get_profile(s.store, profile_id).profile
    skills = {k for k, v in profile.skill_sources.items() if v == "earned"}
    if not skills:
        return {}
    try:
        plan = plan_of(s, profile_id)
    except ProfileError:
        return {}
    items = plans.targeting(s.store, plan.id, skills)
    evidence = plans.with_evidence(s.store, [d.id for d in items])
    return {k: p.deliverable.title for k, p in earned_by_work(items, evidence, skills).items()}


def snapshots(s: Session, profile_id: int) -> list[Snapshot]:
    return profiles.snapshots(s.store, profile_id)


def earned(s: Session, profile_id: int) -> list[Earned]:
    return profiles.earned_rows(s.store, profile_id)


def plans_of(s: Session, profile_id: int) -> list[PlanRecord]:
    return plans.plans_of(s.store, profile_id)


def history(s: Session, profile_id: int, limit: int = 20) -> list[HistoryEntry]:
    return undo.history(s.store, profile_id, limit)


@dataclass(frozen=True)
class Overview:
    """Everything the app's screens show about one profile, read in one go.

    `progress`, `role` and `analysis` are None when the profile has no plan (or its role
    left the catalog).
    """

    profiles: list[ProfileRecord]
    profile: ProfileRecord | None
    role: Role | None
    progress: Progress | None
    analysis: Analysis | None
    snapshots: list[Snapshot]
    history: list[HistoryEntry]
    own_roles: list[Role]


def overview(s: Session, profile_id: int | None) -> Overview:
    """The overview of `profile_id` (or the last used profile, or the first one)."""
    catalog = s.full_catalog()
    own = [r for r in catalog.roles.values() if r.id.startswith("own-")]
    every = profiles.list_profiles(s.store)
    chosen = next((p for p in every if p.id == profile_id), None)
    if chosen is None and every:
        default = profiles.default_profile_id(s.store)
        chosen = next((p for p in every if p.id == default), every[0])
    if chosen is None:
        return Overview(every, None, None, None, None, [], [], own)
    profiles.remember(s.store, chosen.id)
    try:
        prog: Progress | None = progress(s, chosen.id)
    except ProfileError:
        prog = None
    role = catalog.roles.get(prog.plan.role_id) if prog else None
    analysis = analyze(chosen.profile, role, catalog) if role else None
    return Overview(
        profiles=every,
        profile=chosen,
        role=role,
        progress=prog,
        analysis=analysis,
        snapshots=profiles.snapshots(s.store, chosen.id),
        history=undo.history(s.store, chosen.id, 12),
        own_roles=own,
    )


def refresh(s: Session, previous: Overview | None, changes: Changes) -> Overview:
    """The overview after `changes`, reading again only what they touched.

    A change to a few deliverables (a tick, a note, logged hours) re-reads those rows and the
    plan's hours and recomputes the figures; anything wider reads the whole overview.
    """
    wanted = (
        changes.profile_id
        if changes.profile_id is not None
        else (previous.profile.id if previous and previous.profile else None)
    )
    narrow = (
        previous is not None
        and previous.profile is not None
        and previous.progress is not None
        and wanted == previous.profile.id
        and not (changes.plan or changes.profiles or changes.roles)
    )
    if not narrow or previous is None or previous.progress is None or previous.profile is None:
        return overview(s, wanted)
    old = previous.progress
    fresh = {d.key: d for d in plans.some(s.store, old.plan.id, changes.deliverables)}
    if set(fresh) != set(changes.deliverables) & {d.key for d in old.items}:
        return overview(s, wanted)  # a row came or went: read it all
    rows = [fresh.get(d.key, d) for d in old.items]
    prog = progress_of(old.plan, rows, plans.plan_logs(s.store, old.plan.id), s.today)
    profile = previous.profile
    analysis = previous.analysis
    snaps = previous.snapshots
    if changes.profile:
        profile = profiles.get_profile(s.store, profile.id)
        role = previous.role
        analysis = analyze(profile.profile, role, s.full_catalog()) if role else None
        snaps = profiles.snapshots(s.store, profile.id)
    return Overview(
        profiles=previous.profiles,
        profile=profile,
        role=previous.role,
        progress=prog,
        analysis=analysis,
        snapshots=snaps,
        history=undo.history(s.store, profile.id, 12),
        own_roles=previous.own_roles,
    )
