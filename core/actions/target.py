"""Use cases on a plan's target date: set, move or clear it, and the ways out of a missed
one (more hours a week, or a narrower plan that fits). Each is one undoable change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from skillpath.core import inputs
from skillpath.core.actions.common import plan_of, retarget
from skillpath.core.actions.planning import preview_replan
from skillpath.core.changes import Changes
from skillpath.core.db import plans, profiles
from skillpath.core.db.undo import Recorder, operation
from skillpath.core.errors import InputError
from skillpath.core.planner import MAX_PHASES, PlanOptions, build_plan, in_sentence, join_names
from skillpath.core.records import PlanRecord
from skillpath.core.session import Session


def _checked_target(s: Session, plan: PlanRecord, target: dt.date | None) -> dt.date | None:
    """A target date a plan can have: after today and after the plan's start.

    Raises:
        InputError: it is not.
    """
    if target is None:
        return None
    inputs.date(target, "target date")
    if target <= s.today:
        raise InputError(f"the target date {target} is not after today ({s.today})")
    if target <= plan.start:
        raise InputError(f"the target date {target} is not after the plan's start {plan.start}")
    return target


def _store_target(
    rec: Recorder, profile_id: int, plan: PlanRecord, target: dt.date | None, ends: dt.date,
    hours_per_week: float | None = None,
) -> None:  # fmt: skip
    """Write the plan's target (and hours) and keep the profile's in step; `ends` is the
    plan's last due date after the change.

    The ways out the planner stored with the plan were worked out for its old target and
    hours: they are dropped rather than left to say something untrue (reports then work the
    hours needed out from the plan itself).
    """
    retarget(rec, plan, target, ends, hours_per_week)
    current = profiles.current_profile(rec, profile_id)
    changes: dict[str, Any] = {}
    # a profile's target may not come before its start date (an older plan's start)
    if current.start_date is None or target is None or target >= current.start_date:
        changes["target_date"] = target
    if hours_per_week is not None:
        changes["hours_per_week"] = hours_per_week
    updated = current.model_copy(update=changes)
    if updated != current:
        profiles.update_profile(rec, profile_id, updated)


def set_target(s: Session, profile_id: int, target: dt.date | None) -> Changes:
    """Set, move or clear the target date of the profile's plan (and of the profile).

    Raises:
        InputError: the date is not after today and after the plan's start.
        ProfileError: the profile has no plan.
    """
    plan = plan_of(s, profile_id)
    target = _checked_target(s, plan, target)
    if target == plan.target:
        return Changes(message="Nothing changed", profile_id=profile_id)
    if target is None:
        summary = f"cleared the target date {plan.target}"
    elif plan.target is None:
        summary = f"set the target date to {target}"
    else:
        summary = f"moved the target date from {plan.target} to {target}"
    rows = plans.deliverables(s.store, plan.id)
    ends = max((r.due for r in rows if r.counts), default=plan.start)
    with operation(s.store, profile_id, summary, s.origin) as rec:
        _store_target(rec, profile_id, plan, target, ends)
    return Changes(
        message=summary[0].upper() + summary[1:],
        profile_id=profile_id,
        profile=True,
        plan=True,
        history=True,
    )


def replan_to(
    s: Session, profile_id: int, hours_per_week: float, target: dt.date | None
) -> Changes:
    """Re-plan the open work from today at `hours_per_week`, save those hours as the
    profile's, and set the target: one undoable change (the "more hours" way out).

    Done, skipped and own deliverables keep their place, as in any re-plan.

    Raises:
        InputError: hours out of range, nothing open, or a target not after today.
    """
    plan = plan_of(s, profile_id)
    target = _checked_target(s, plan, target)
    preview = preview_replan(s, profile_id, hours_per_week=hours_per_week)
    ids = plans.keys_to_ids(s.store, plan.id)
    summary = (
        f"re-planned {len(preview.dates)} open deliverables at {preview.hours_per_week:g} h a "
        f"week, finishing {preview.new_finish}"
    )
    if target is not None:
        summary += f" (target {target})"
    with operation(s.store, profile_id, summary, s.origin) as rec:
        for key, (begin, due) in preview.dates.items():
            plans.update_deliverable(
                rec, ids[key], {"start": begin.isoformat(), "due": due.isoformat()}
            )
        _store_target(rec, profile_id, plan, target, preview.new_finish, preview.hours_per_week)
    return Changes(
        message=summary[0].upper() + summary[1:],
        profile_id=profile_id,
        profile=True,
        plan=True,
        history=True,
    )


def narrow_plan(
    s: Session,
    profile_id: int,
    target: dt.date,
    keep: tuple[str, ...],
    hours_per_week: float,
    phases: int = 3,
) -> Changes:
    """A new plan from today of only the gap skills in `keep` (and what they rest on), which
    must end by `target`; the current plan is kept as history (the "narrower scope" way out).

    Raises:
        InputError: nothing to keep, or the narrower plan does not end by the target (the
            profile changed since the ways out were worked out).
        ProfileError: the profile has no plan.
    """
    plan = plan_of(s, profile_id)
    _checked_target(s, plan, target)
    if not keep:
        raise InputError("a narrower plan needs at least one skill to keep")
    profile = profiles.get_profile(s.store, profile_id).profile
    catalog = s.full_catalog()
    role = catalog.role(plan.role_id)
    rate = inputs.hours_per_week(hours_per_week)
    options = PlanOptions(
        hours_per_week=rate,
        start=s.today,
        target=target,
        phases=max(1, min(phases, MAX_PHASES)),
        keep=keep,
    )
    new = build_plan(profile, role, catalog, options, s.today)
    if new.finish > target:
        raise InputError(
            f"the narrower plan now ends {new.finish}, after the target date {target}: "
            "look at the ways out again"
        )
    names = [in_sentence(catalog.skill_name(x)) for x in new.deferred]
    summary = (
        f"made a narrower plan for {new.role.title} that ends {new.finish}, by the target "
        f"{target}; {len(new.deferred)} gap skills deferred to a later plan"
    )
    with operation(s.store, profile_id, summary, s.origin) as rec:
        plans.insert_plan(
            rec,
            profile_id,
            plans.plan_values(new),
            plans.phases_of(new),
            created=s.today.isoformat(),
        )
        current = profiles.current_profile(rec, profile_id)
        if current.target_date != target and (
            current.start_date is None or target >= current.start_date
        ):
            profiles.update_profile(
                rec, profile_id, current.model_copy(update={"target_date": target})
            )
    shown = names[:3] + ([f"{len(names) - 3} more"] if len(names) > 3 else [])
    deferred = f"; deferred to a later plan: {join_names(shown)}" if names else ""
    return Changes(
        message=(
            f"New plan for {new.role.title} fitted to {target}: {new.total_hours:g} h, ending "
            f"{new.finish}{deferred}"
        ),
        profile_id=profile_id,
        profile=True,
        plan=True,
        history=True,
    )
