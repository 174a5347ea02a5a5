"""Progress of a plan: done over total, pace, forecast, schedule, what is late or due, and the
dates of a re-plan. Plain functions over records; no SQL.

The rules, stated so they can be argued with:

- Done, worked and mastered are three things. Done is a deliverable's status; worked is the
  hours spent on it (logged day by day, or declared when it was ticked done, spread evenly
  over the days it was in progress); mastered is the skill levels (core/rules.py).
- Totals leave skipped deliverables out. Percentages are by planned hours; counts are given
  alongside.
- Pace: hours spent per week over the PACE_DAYS days before today (or since the plan began,
  when that is shorter but at least a week). Today's hours count from tomorrow, so ticking
  something off moves the forecast by that deliverable's own hours, not by a new pace.
- Forecast: today plus the open work (each open deliverable's hours less the hours spent on
  it, at least half an hour) at that pace; at the plan's hours per week when there is no
  pace yet (the forecast says which). A plan that has not begun is forecast from its start.
- Schedule: the forecast against the plan's own end (the last due date): more than
  ON_TRACK_DAYS days later is behind, earlier is ahead, else on track. So the state, the
  forecast and the plan's end never contradict each other.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from skillpath.core.records import Deliverable, PlanRecord, TimeLog
from skillpath.core.rules import LATEST_DATE, Status

ON_TRACK_DAYS = 3
PACE_DAYS = 28
MIN_PACE_DAYS = 7
DUE_SOON_DAYS = 7

State = Literal["ahead", "on-track", "behind"]


@dataclass(frozen=True)
class Tally:
    """Done over total, by count and by hours; skipped items are in neither."""

    done: int
    total: int
    done_hours: float
    total_hours: float
    skipped: int = 0

    @property
    def percent(self) -> int:
        """Percent done by hours (by count when no item has hours)."""
        if self.total_hours:
            return math.floor(100 * self.done_hours / self.total_hours + 1e-9)
        return self.count_percent

    @property
    def count_percent(self) -> int:
        return math.floor(100 * self.done / self.total) if self.total else 0


def tally(rows: Sequence[Deliverable]) -> Tally:
    done = total = skipped = 0
    done_hours = total_hours = 0.0
    for r in rows:
        if r.status is Status.SKIPPED:
            skipped += 1
            continue
        total += 1
        total_hours += r.hours
        if r.status is Status.DONE:
            done += 1
            done_hours += r.hours
    return Tally(done, total, done_hours, total_hours, skipped)


def planned_by(rows: Sequence[Deliverable], today: dt.date) -> float:
    """Hours the plan expected to be done by the end of `today` (for charts)."""
    total = 0.0
    for r in rows:
        if not r.counts:
            continue
        if today >= r.due:
            total += r.hours
        elif today > r.start:
            total += r.hours * (today - r.start).days / (r.due - r.start).days
    return total


def spent_between(logs: Sequence[TimeLog], first: dt.date, last: dt.date) -> float:
    """Hours spent from `first` to `last` inclusive; a declared span counts pro rata."""
    total = 0.0
    for log in logs:
        begin = log.since or log.on
        lo, hi = max(begin, first), min(log.on, last)
        if lo > hi:
            continue
        total += log.hours * ((hi - lo).days + 1) / log.days
    return total


def pace(logs: Sequence[TimeLog], plan_start: dt.date, today: dt.date) -> float | None:
    """Hours per week spent lately (see the module's rules); None when there is no pace yet."""
    first = max(today - dt.timedelta(days=PACE_DAYS), plan_start)
    days = (today - first).days
    if days < MIN_PACE_DAYS:
        return None
    hours = spent_between(logs, first, today - dt.timedelta(days=1))
    return hours / days * 7 if hours > 0 else None


def _after(today: dt.date, hours: float, per_week: float) -> dt.date | None:
    """The date `hours` of work from today at `per_week`; None past the last date we show."""
    days = math.ceil(hours / (per_week / 7) - 1e-9)
    if days > (LATEST_DATE - today).days:
        return None
    return today + dt.timedelta(days=days)


@dataclass(frozen=True)
class Schedule:
    state: State
    days: int  # how far ahead or behind the plan's end, always >= 0
    planned_hours: float
    done_hours: float


@dataclass(frozen=True)
class Progress:
    """Everything `status` shows about a profile's active plan."""

    plan: PlanRecord
    today: dt.date
    items: list[Deliverable]
    overall: Tally
    phases: list[tuple[int, str, Tally]]
    schedule: Schedule
    pace: float | None  # hours per week lately; None with no work in the window
    rate: float  # what the forecast assumes: the pace, else the plan's hours per week
    forecast_finish: dt.date | None  # None: further off than the calendar we show
    planned_finish: dt.date
    overdue: list[str]
    due_soon: list[str]
    remaining_hours: float
    logged_hours: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def meets_target(self) -> bool | None:
        """Whether the forecast is on or before the plan's target date (None: no target)."""
        if self.plan.target is None:
            return None
        return self.forecast_finish is not None and self.forecast_finish <= self.plan.target

    @property
    def next_up(self) -> list[Deliverable]:
        """Open deliverables in plan order: what is in progress first, then what comes next."""
        open_items = [r for r in self.items if r.is_open]
        return sorted(open_items, key=lambda r: (r.status is not Status.IN_PROGRESS,))


def progress_of(
    plan: PlanRecord, rows: list[Deliverable], logs: Sequence[TimeLog], today: dt.date
) -> Progress:
    """Progress, schedule, pace and forecast of a plan (see the module's rules)."""
    phases: list[tuple[int, str, Tally]] = []
    by_phase: dict[int, list[Deliverable]] = {}
    titles: dict[int, str] = {}
    for r in rows:
        by_phase.setdefault(r.phase, []).append(r)
        titles[r.phase] = r.phase_title
    for number in sorted(by_phase):
        phases.append((number, titles[number], tally(by_phase[number])))
    measured = pace(logs, plan.start, today)
    rate = measured or plan.hours_per_week
    open_rows = [r for r in rows if r.is_open]
    remaining = sum(r.remaining for r in open_rows)
    counted = [r for r in rows if r.counts]
    planned_finish = max((r.due for r in counted), default=plan.start)
    forecast: dt.date | None
    if not open_rows:
        done_dates = [r.done_on for r in rows if r.done_on]
        forecast = max(done_dates) if done_dates else today
    else:
        forecast = _after(max(today, plan.start), remaining, rate)
    off = (forecast - planned_finish).days if forecast else (LATEST_DATE - planned_finish).days
    state: State = "on-track"
    if off > ON_TRACK_DAYS:
        state = "behind"
    elif off < -ON_TRACK_DAYS:
        state = "ahead"
    done_hours = sum(r.hours for r in rows if r.status is Status.DONE)
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    return Progress(
        plan=plan,
        today=today,
        items=rows,
        overall=tally(rows),
        phases=phases,
        schedule=Schedule(state, abs(off), round(planned_by(rows, today), 2), round(done_hours, 2)),
        pace=round(measured, 2) if measured else None,
        rate=round(rate, 2),
        forecast_finish=forecast,
        planned_finish=planned_finish,
        overdue=[r.key for r in open_rows if r.due < today],
        due_soon=[r.key for r in open_rows if today <= r.due <= soon],
        remaining_hours=round(remaining, 2),
        logged_hours=round(sum(log.hours for log in logs), 2),
    )


def status_json(st: Progress, profile_name: str) -> dict[str, Any]:
    """The `status --json` document."""
    return {
        "profile": profile_name,
        "role": {"id": st.plan.role_id, "title": st.plan.role_title},
        "today": st.today.isoformat(),
        "done_hours": round(st.overall.done_hours, 2),
        "total_hours": round(st.overall.total_hours, 2),
        "percent": st.overall.percent,
        "done_count": st.overall.done,
        "total_count": st.overall.total,
        "count_percent": st.overall.count_percent,
        "logged_hours": round(st.logged_hours, 2),
        "remaining_hours": st.remaining_hours,
        "hours_per_week": st.plan.hours_per_week,
        "schedule": {
            "state": st.schedule.state,
            "days": st.schedule.days,
            "planned_hours": st.schedule.planned_hours,
        },
        "pace_hours_per_week": st.pace,
        "forecast_rate_hours_per_week": st.rate,
        "forecast_finish": st.forecast_finish.isoformat() if st.forecast_finish else None,
        "planned_finish": st.planned_finish.isoformat(),
        "target": st.plan.target.isoformat() if st.plan.target else None,
        "meets_target": st.meets_target,
        "overdue": st.overdue,
        "due_soon": st.due_soon,
        "phases": [
            {
                "phase": number,
                "title": title,
                "done": t.done,
                "total": t.total,
                "done_hours": round(t.done_hours, 2),
                "total_hours": round(t.total_hours, 2),
                "percent": t.percent,
            }
            for number, title, t in st.phases
        ],
        "deliverables": [
            {
                "id": r.key,
                "title": r.title,
                "kind": str(r.kind),
                "status": str(r.status),
                "hours": r.hours,
                "logged_hours": r.logged,
                "start": r.start.isoformat(),
                "due": r.due.isoformat(),
                "done_on": r.done_on.isoformat() if r.done_on else None,
                "expires_on": r.expires_on.isoformat() if r.expires_on else None,
                "phase": r.phase,
            }
            for r in st.items
        ],
    }


def new_schedule(
    rows: Sequence[Deliverable], today: dt.date, hours_per_week: float
) -> dict[str, tuple[dt.date, dt.date]]:
    """Start and due dates for the open deliverables, one after another from `today`, in plan
    order, each taking what is left of it. Done and skipped ones keep their dates.
    """
    per_day = hours_per_week / 7
    hours = 0.0
    last = today
    limit = (LATEST_DATE - today).days
    out: dict[str, tuple[dt.date, dt.date]] = {}
    for r in rows:
        if not r.is_open:
            continue
        hours += r.remaining
        days = min(math.ceil(hours / per_day - 1e-9), limit)
        due = today + dt.timedelta(days=days)
        out[r.key] = (last, due)
        last = due
    return out
