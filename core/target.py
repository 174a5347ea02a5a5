"""What a target date asks of a plan as it stands: when its open work ends at some hours a
week, whether that meets the date, and the three honest ways out when it does not.

The rules, stated so they can be argued with:

- The open work is counted from today (from the plan's start when it has not begun): each
  open deliverable's hours less what was spent on it, as the forecast counts it
  (core/progress.py). So the finish at the forecast's own rate is the forecast, to the day.
- "The current hours" are the hours the forecast assumes: the pace of the last weeks, else
  the plan's hours a week.
- The three ways out of a missed target: the fewest hours a week (in half hours) that end
  the open work by the date; the finish at the current hours (where the target would have
  to move); and a narrower new plan from today at the current hours that fits the date,
  keeping the most important gaps and deferring the rest (the planner's rule,
  `PlanOptions(fit_target=True)`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from skillpath.core import inputs, queries
from skillpath.core.db import profiles
from skillpath.core.errors import InputError
from skillpath.core.models import ScopeOption
from skillpath.core.progress import Progress
from skillpath.core.rules import LATEST_DATE, MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK
from skillpath.core.session import Session

__all__ = ["Outlook", "WaysOut", "current_hours", "hours_needed", "outlook", "span", "ways_out"]


def current_hours(st: Progress) -> float:
    """The hours a week the forecast assumes, within what a plan allows."""
    return min(max(st.rate, MIN_HOURS_PER_WEEK), MAX_HOURS_PER_WEEK)


@dataclass(frozen=True)
class Outlook:
    """When the open work ends at `hours_per_week` from `start`, against `target`.

    `finish` is None when it is further off than the calendar goes (LATEST_DATE).
    """

    start: dt.date
    remaining_hours: float
    hours_per_week: float
    finish: dt.date | None
    target: dt.date | None

    @property
    def fits(self) -> bool | None:
        """Whether the finish is on or before the target (None: no target)."""
        if self.target is None:
            return None
        return self.finish is not None and self.finish <= self.target

    @property
    def days_off(self) -> int | None:
        """Days from the target to the finish: positive late, negative early (None: no
        target, or no finish within the calendar)."""
        if self.target is None or self.finish is None:
            return None
        return (self.finish - self.target).days


def _finish(start: dt.date, hours: float, per_week: float) -> dt.date | None:
    """The day `hours` of work from `start` are done at `per_week` (the forecast's
    arithmetic); None past the last date the app shows."""
    if hours <= 0:
        return start
    days = math.ceil(hours / (per_week / 7) - 1e-9)
    if days > (LATEST_DATE - start).days:
        return None
    return start + dt.timedelta(days=days)


def outlook(st: Progress, hours_per_week: float, target: dt.date | None) -> Outlook:
    """The finish of the plan's open work at `hours_per_week`, against `target` (cheap:
    no reading, no planning; fit to call on every move of a slider).

    A plan with nothing open has finished: its finish is its forecast (the last day
    something was done), whatever the hours.

    Raises:
        InputError: hours per week out of range.
    """
    inputs.hours_per_week(hours_per_week)
    start = max(st.today, st.plan.start)
    if not any(d.is_open for d in st.items):
        return Outlook(start, 0.0, hours_per_week, st.forecast_finish, target)
    if abs(hours_per_week - st.rate) < 0.005:
        # at the forecast's own rate the finish is the forecast (whose rate is not rounded)
        return Outlook(start, st.remaining_hours, hours_per_week, st.forecast_finish, target)
    finish = _finish(start, st.remaining_hours, hours_per_week)
    return Outlook(start, st.remaining_hours, hours_per_week, finish, target)


def hours_needed(start: dt.date, target: dt.date, hours: float) -> float | None:
    """The fewest hours a week, in half hours, that end `hours` of work by `target`; None
    when the target is not after `start`."""
    days = (target - start).days
    if days <= 0:
        return None
    needed = max(MIN_HOURS_PER_WEEK, math.ceil(hours * 7 / days * 2) / 2)
    while (_finish(start, hours, needed) or LATEST_DATE) > target:
        needed += 0.5
    return needed


@dataclass(frozen=True)
class WaysOut:
    """The three ways out of a missed target, each with its figure.

    Attributes:
        now: the open work at the current hours against the target.
        hours_needed: the hours a week that meet the target (it may be over the planner's
            80; None when the target is not after today).
        scope: the narrower new plan from today that fits, or None (`scope_note` says why).
        scope_hours: the hours a week that narrower plan is made at.
        phases: how many phases it has (as many as the plan now has).
    """

    now: Outlook
    hours_needed: float | None
    scope: ScopeOption | None
    scope_note: str
    scope_hours: float
    phases: int

    @property
    def later_finish(self) -> dt.date | None:
        """Where the target would move to, at the current hours."""
        return self.now.finish

    @property
    def hours_possible(self) -> bool:
        return self.hours_needed is not None and self.hours_needed <= MAX_HOURS_PER_WEEK


def ways_out(s: Session, profile_id: int, target: dt.date) -> WaysOut:
    """The ways out for `target` from the profile's active plan as it stands (reads the
    store and plans a narrower plan: run it off the UI thread).

    Args:
        target: the target date to meet (the stored one, or one being tried).

    Raises:
        ProfileError: the profile has no plan.
    """
    # the planner is loaded here, not with the module: Today shows the target's line at start
    from skillpath.core.planner import MAX_PHASES, PlanOptions, build_plan

    st = queries.progress(s, profile_id)
    rate = current_hours(st)
    now = outlook(st, rate, target)
    needed = hours_needed(now.start, target, now.remaining_hours)
    phases = max(1, min(len(st.phases), MAX_PHASES))
    role = s.full_catalog().roles.get(st.plan.role_id)
    scope: ScopeOption | None = None
    if role is None:
        note = "the plan's role is no longer in the catalog, so no new plan can be made for it"
    elif target <= now.start:
        note = "the target date is not after today"
    else:
        profile = profiles.get_profile(s.store, profile_id).profile
        options = PlanOptions(hours_per_week=rate, start=now.start, target=target, phases=phases)
        try:
            whole = build_plan(profile, role, s.full_catalog(), options, s.today)
        except InputError as exc:
            note = str(exc)
        else:
            if whole.options is None:
                note = (
                    "a new plan from today of every gap you still have would fit: "
                    f"{whole.total_hours:g} h, ending {whole.finish}"
                )
            elif whole.options.scope is None:
                note = "even the most important gap alone ends after the target date"
            else:
                scope, note = whole.options.scope, ""
    return WaysOut(now, needed, scope, note, rate, phases)


def span(days: int) -> str:
    """A number of days as a person says it: '12 days', '3 weeks', 'about 5 months',
    'about 2.5 years'."""
    days = abs(days)
    if days < 21:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 63:
        return f"{round(days / 7)} weeks"
    months = days / 30.44
    if months < 23.5:
        return f"about {round(months)} months"
    years = round(days / 365.25 * 2) / 2
    return f"about {years:g} years"
