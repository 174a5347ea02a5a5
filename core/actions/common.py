"""Pieces every use case shares: the active plan, readiness snapshots, and earning levels."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from typing import Any

from skillpath.core.db import plans, profiles
from skillpath.core.db.undo import Recorder
from skillpath.core.earning import earned_by_work
from skillpath.core.errors import ProfileError
from skillpath.core.gap import analyze
from skillpath.core.models import Profile
from skillpath.core.records import Earned, PlanRecord, Snapshot
from skillpath.core.rules import Status
from skillpath.core.session import Session


def short(title: str, width: int = 60) -> str:
    """A title cut to fit a one-line message."""
    return title if len(title) <= width else title[: width - 3] + "..."


def plan_of(s: Session, profile_id: int) -> PlanRecord:
    """The profile's active plan, with the profile named when there is none.

    Raises:
        ProfileError: the profile has no plan.
    """
    try:
        return plans.active_plan(s.store, profile_id)
    except ProfileError:
        name = profiles.get_profile(s.store, profile_id).name
        raise ProfileError(f"{name} has no plan yet") from None


def snapshot(s: Session, profile: Profile, role_id: str, on: dt.date) -> Snapshot | None:
    """Readiness and levels of `profile` for a role; None when the role is gone."""
    role = s.full_catalog().roles.get(role_id)
    if role is None:  # the role left the catalog: there is nothing to measure against
        return None
    analysis = analyze(profile, role, s.full_catalog())
    return Snapshot(on, role_id, analysis.readiness, dict(profile.skills))


def reconcile(
    s: Session, rec: Recorder, profile_id: int, plan: PlanRecord, skills: Collection[str],
    on: dt.date,
) -> list[str]:  # fmt: skip
    """Earn, raise, lower or give back the levels of `skills` to what the plan's finished work
    shows (core/rules.py), keeping what the person had before to give back.

    Returns:
        One phrase per level that changed ("Python is now level 3, earned").
    """
    if not skills:
        return []
    items = plans.targeting(s.store, plan.id, skills, status=Status.DONE)  # only done work earns
    evidence = plans.with_evidence(s.store, [d.id for d in items])
    best = earned_by_work(items, evidence, set(skills))
    profile = profiles.current_profile(rec, profile_id)
    earned = {e.skill: e for e in profiles.earned_rows(s.store, profile_id, plan.id)}
    levels = dict(profile.skills)
    sources: dict[str, str] = dict(profile.skill_sources)
    said: list[str] = []
    for skill in sorted(skills):
        proof = best.get(skill)
        new = proof.level if proof else 0
        row = earned.get(skill)
        mine = sources.get(skill) == "earned"
        base = row.previous_level if row else levels.get(skill, 0)
        name = s.full_catalog().skill_name(skill) if skill in s.full_catalog().skills else skill
        if new > base:
            if row is None:
                profiles.insert_earned(
                    rec,
                    profile_id,
                    plan.id,
                    Earned(0, plan.id, skill, new, levels.get(skill, 0), sources.get(skill), on),
                )
            elif row.level != new:
                profiles.update_earned(rec, row.id, new, on)
            else:
                continue
            if row is None or (mine and levels.get(skill) == row.level):
                levels[skill] = new
                sources[skill] = "earned"
                said.append(f"{name} is now level {new}, earned")
        elif row is not None:
            profiles.delete_earned(rec, row.id)
            if mine and levels.get(skill) == row.level:
                if row.previous_level:
                    levels[skill] = row.previous_level
                else:
                    levels.pop(skill, None)
                if row.previous_source:
                    sources[skill] = row.previous_source
                else:
                    sources.pop(skill, None)
                said.append(f"{name} is back to level {levels.get(skill, 0)}")
    if not said:
        return []
    updated = profile.model_copy(update={"skills": levels, "skill_sources": sources})
    # model_copy does not validate: the sources above are only ever the profile's own values
    # or "earned"
    profiles.update_profile(rec, profile_id, updated)
    snap = snapshot(s, updated, plan.role_id, on)
    if snap is not None:
        profiles.insert_snapshot(rec, profile_id, snap)
    return said


def retarget(
    rec: Recorder, plan: PlanRecord, target: dt.date | None, ends: dt.date,
    hours_per_week: float | None = None,
) -> None:  # fmt: skip
    """Write a plan's target date (and hours). The ways out the planner stored with the plan
    were worked out for its old target and hours: they are dropped rather than left to say
    something untrue (reports then work the hours needed out from the plan itself).

    Args:
        ends: the plan's last due date after the change.
    """
    options: dict[str, Any] = dict(plan.options)
    options.update(
        ways_out=None,
        needed_hours_per_week=None,
        feasible=None if target is None else ends <= target,
    )
    values: dict[str, Any] = {
        "target": target.isoformat() if target else None,
        "options": json.dumps(options),
    }
    if hours_per_week is not None:
        values["hours_per_week"] = hours_per_week
    plans.update_plan(rec, plan.id, values)
