"""Use cases on whole plans: create a profile with its plan, make a new plan, re-plan the open
work from today (with a preview of what moves), and edit or delete a profile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from skillpath.core import inputs
from skillpath.core.actions.common import plan_of, retarget, snapshot
from skillpath.core.changes import Changes
from skillpath.core.db import plans, profiles
from skillpath.core.db.undo import operation
from skillpath.core.errors import InputError, ProfileError
from skillpath.core.models import Plan, Profile
from skillpath.core.progress import new_schedule, pace, progress_of
from skillpath.core.records import PlanRecord
from skillpath.core.rules import Status
from skillpath.core.session import Session


def _checked_profile(s: Session, profile: Profile) -> Profile:
    from pydantic import ValidationError

    from skillpath.core.gap import check_profile_skills
    from skillpath.core.profile_io import describe_validation

    try:
        checked = Profile.model_validate(profile.model_dump())
    except ValidationError as exc:
        raise ProfileError(describe_validation(exc)) from None
    check_profile_skills(checked, s.full_catalog())
    return checked


def create_profile(s: Session, profile: Profile, plan: Plan) -> Changes:
    """Store a new profile with `plan` as its active plan and a first snapshot (undoable).

    Raises:
        ProfileError: the profile is not valid, or a profile of that name exists.
    """
    checked = _checked_profile(s, profile)
    if profiles.name_taken(s.store, checked.name):
        raise ProfileError(f"a profile called '{checked.name}' exists already")
    today = s.today
    summary = f"created the profile of {checked.name}"
    with operation(s.store, None, summary, s.origin) as rec:
        profile_id = profiles.insert_profile(rec, checked, today)
        plans.insert_plan(
            rec,
            profile_id,
            plans.plan_values(plan),
            plans.phases_of(plan),
            created=today.isoformat(),
        )
        snap = snapshot(s, checked, plan.role.id, today)
        if snap is not None:
            profiles.insert_snapshot(rec, profile_id, snap)
        rec.profile_id = profile_id  # the log entry belongs to the profile it created
    profiles.remember(s.store, profile_id)
    return Changes(
        message=(
            f"Created {checked.name}'s profile and plan for {plan.role.title}: "
            f"{plan.total_hours:g} h from {plan.start} to {plan.finish}"
        ),
        profile_id=profile_id,
        profiles=True,
        profile=True,
        plan=True,
        history=True,
    )


def new_plan(s: Session, profile_id: int, plan: Plan) -> Changes:
    """Make `plan` the profile's active plan; the one before is kept as history (undoable)."""
    profiles.get_profile(s.store, profile_id)
    summary = f"made a new plan for {plan.role.title}"
    with operation(s.store, profile_id, summary, s.origin) as rec:
        plans.insert_plan(
            rec,
            profile_id,
            plans.plan_values(plan),
            plans.phases_of(plan),
            created=s.today.isoformat(),
        )
    return Changes(
        message=(
            f"New plan for {plan.role.title}: {plan.total_hours:g} h, from {plan.start} "
            f"to {plan.finish}"
        ),
        profile_id=profile_id,
        profile=True,
        plan=True,
        history=True,
    )


def update_profile(
    s: Session, profile_id: int, changes: Mapping[str, Any], skills: Mapping[str, int] | None = None
) -> Changes:
    """Change some of a profile's details, leaving what was not changed as it is now in the
    file (so a level earned elsewhere meanwhile is kept).

    Args:
        changes: field -> new value, for name, years_experience, focus, hours_per_week,
            start_date, target_date.
        skills: skill -> new level (0 removes it) for the skills the person changed; each
            becomes self-rated.

    Raises:
        ProfileError: the result is not a valid profile, or another profile has its name.
    """
    allowed = {"name", "years_experience", "focus", "hours_per_week", "start_date", "target_date"}
    bad = [k for k in changes if k not in allowed]
    if bad:
        raise ProfileError(f"'{bad[0]}' is not a field of a profile that can be changed")
    current = profiles.get_profile(s.store, profile_id)
    data = current.profile.model_dump()
    data.update(changes)
    if skills:
        levels = dict(data["skills"])
        sources = dict(data["skill_sources"])
        for skill, level in skills.items():
            if level <= 0:
                levels.pop(skill, None)
                sources.pop(skill, None)
            else:
                levels[skill] = level
                sources[skill] = "self-rated"
        data["skills"], data["skill_sources"] = levels, sources
    checked = _checked_profile(s, Profile.model_construct(**data))
    if profiles.name_taken(s.store, checked.name, except_id=profile_id):
        raise ProfileError(f"a profile called '{checked.name}' exists already")
    if checked == current.profile:
        return Changes(message="Nothing changed", profile_id=profile_id)
    summary = f"edited the profile of {checked.name}"
    try:
        plan: PlanRecord | None = plans.active_plan(s.store, profile_id)
    except ProfileError:
        plan = None
    # the target date is the plan's as much as the profile's: keep them in step
    moved = checked.target_date != current.profile.target_date
    target = checked.target_date
    retargets = plan is not None and moved and (target is None or target > plan.start)
    with operation(s.store, profile_id, summary, s.origin) as rec:
        profiles.update_profile(rec, profile_id, checked)
        if plan is not None and checked.skills != current.profile.skills:
            snap = snapshot(s, checked, plan.role_id, s.today)
            if snap is not None:
                profiles.insert_snapshot(rec, profile_id, snap)
        if plan is not None and retargets:
            rows = plans.deliverables(s.store, plan.id)
            ends = max((r.due for r in rows if r.counts), default=plan.start)
            retarget(rec, plan, target, ends)
    return Changes(
        message=f"Saved the profile of {checked.name}",
        profile_id=profile_id,
        profiles=checked.name != current.name,
        profile=True,
        plan=retargets,
        history=True,
    )


def delete_profile(s: Session, profile_id: int) -> tuple[Changes, Any]:
    """Delete a profile with its plans and history, after a backup (which is the way back).

    Returns:
        The changes and the backup's path.
    """
    row = profiles.get_profile(s.store, profile_id)
    with s.store.lock.hold("deleting a profile"):  # the backup is of just before
        kept = s.store.backup(label="before-delete", protect=())
        profiles.delete_profile(s.store, profile_id)
    return (
        Changes(
            message=f"Deleted the profile of {row.name}; a backup from just before is in {kept}",
            profile_id=None,
            profiles=True,
            profile=True,
            plan=True,
            history=True,
        ),
        kept,
    )


# ------------------------------------------------------------------ re-planning


@dataclass(frozen=True)
class Move:
    key: str
    title: str
    old_due: dt.date
    new_due: dt.date

    @property
    def days(self) -> int:
        return (self.new_due - self.old_due).days


@dataclass(frozen=True)
class ReplanPreview:
    """What a re-plan from today would do, before it is done."""

    hours_per_week: float
    old_finish: dt.date
    new_finish: dt.date
    moves: list[Move]
    dates: dict[str, tuple[dt.date, dt.date]]

    @property
    def summary(self) -> str:
        if not self.moves:
            return "Nothing moves: every open deliverable is on schedule."
        later = [m for m in self.moves if m.days > 0]
        earlier = [m for m in self.moves if m.days < 0]
        parts = []
        if later:
            parts.append(f"{len(later)} later by up to {max(m.days for m in later)} days")
        if earlier:
            parts.append(f"{len(earlier)} earlier by up to {max(-m.days for m in earlier)} days")
        return (
            f"At {self.hours_per_week:g} h a week the plan ends {self.new_finish} instead of "
            f"{self.old_finish}: {len(self.moves)} deliverables move ({', '.join(parts)})."
        )


def preview_replan(
    s: Session, profile_id: int, *, hours_per_week: float | None = None, at_pace: bool = False
) -> ReplanPreview:
    """The new dates of the open deliverables, one after another from today, in plan order,
    each taking what is left of it; done, skipped and own deliverables keep their place.

    Raises:
        InputError: nothing open, no pace yet (with `at_pace`), or hours out of range.
    """
    today = s.today
    plan = plan_of(s, profile_id)
    rows = plans.deliverables(s.store, plan.id)
    if hours_per_week is None:
        if at_pace:
            measured = pace(plans.plan_logs(s.store, plan.id), plan.start, today)
            if not measured:
                raise InputError("there is no pace yet: it needs a week of logged hours or ticks")
            hours_per_week = round(measured, 2)
        else:
            hours_per_week = profiles.get_profile(s.store, profile_id).profile.hours_per_week
    rate = inputs.hours_per_week(hours_per_week)
    dates = new_schedule(rows, today, rate)
    if not dates:
        raise InputError("there is nothing open to re-plan: every deliverable is done or skipped")
    before = progress_of(plan, rows, [], today).planned_finish
    moves = [
        Move(r.key, r.title, r.due, dates[r.key][1])
        for r in rows
        if r.key in dates and dates[r.key][1] != r.due
    ]
    after = max(
        [due for _, due in dates.values()] + [r.due for r in rows if r.status is Status.DONE]
    )
    return ReplanPreview(rate, before, after, moves, dates)


def replan(
    s: Session, profile_id: int, *, hours_per_week: float | None = None, at_pace: bool = False
) -> Changes:
    """Reschedule the open deliverables from today (see `preview_replan`); undoable."""
    preview = preview_replan(s, profile_id, hours_per_week=hours_per_week, at_pace=at_pace)
    plan = plan_of(s, profile_id)
    ids = plans.keys_to_ids(s.store, plan.id)
    summary = (
        f"re-planned {len(preview.dates)} open deliverables from {s.today} at "
        f"{preview.hours_per_week:g} h a week, finishing {preview.new_finish}"
    )
    with operation(s.store, profile_id, summary, s.origin) as rec:
        for key, (begin, due) in preview.dates.items():
            plans.update_deliverable(
                rec, ids[key], {"start": begin.isoformat(), "due": due.isoformat()}
            )
        plans.update_plan(rec, plan.id, {"hours_per_week": preview.hours_per_week})
    return Changes(
        message=summary[0].upper() + summary[1:],
        profile_id=profile_id,
        plan=True,
        history=True,
    )
