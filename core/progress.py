"""Progress of a plan: done over total, schedule state, pace, forecast, what is late or due,
and re-planning the open work from today.

The rules, stated so they can be argued with:

- A deliverable's hours are its estimate. Skipped deliverables count neither as done nor
  in the total. Percentages are by hours; counts are given alongside.
- Planned hours by today: every deliverable's hours pro-rated by how much of its
  start..due window has passed (all of it once due). Done work: hours of done items.
  The difference, turned into days at the plan's hours per week, is how far ahead or
  behind the person is; within ON_TRACK_DAYS days either way is on track.
- Pace: hours per week over the last PACE_WEEKS weeks (or since the start, if later, but
  at least a week): hours logged in that window, plus the estimate of items completed in
  it that had no hours logged at all (so a person who only ticks still has a pace).
- Forecast: today plus the open work (estimates less hours already logged on them) at
  that pace. No pace, no forecast.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from skillpath.core.db.store import Store
from skillpath.core.errors import InputError
from skillpath.core.tracking import Item, PlanRow, Tracker, active_plan, items

ON_TRACK_DAYS = 3
PACE_WEEKS = 4
DUE_SOON_DAYS = 7
MIN_REMAINING = 0.5  # an open item still takes some time, however many hours were logged

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
        return math.floor(100 * self.done / self.total) if self.total else 0

    @property
    def count_percent(self) -> int:
        return math.floor(100 * self.done / self.total) if self.total else 0


def tally(rows: Sequence[Item]) -> Tally:
    done = total = skipped = 0
    done_hours = total_hours = 0.0
    for r in rows:
        if r.status == "skipped":
            skipped += 1
            continue
        total += 1
        total_hours += r.hours
        if r.status == "done":
            done += 1
            done_hours += r.hours
    return Tally(done, total, done_hours, total_hours, skipped)


@dataclass(frozen=True)
class Schedule:
    state: State
    days: int  # how far ahead or behind, always >= 0
    planned_hours: float
    done_hours: float


def planned_by(rows: Sequence[Item], today: dt.date) -> float:
    """Hours the plan expected to be done by the end of `today`."""
    total = 0.0
    for r in rows:
        if r.status == "skipped":
            continue
        if today >= r.due:
            total += r.hours
        elif today > r.start:
            total += r.hours * (today - r.start).days / (r.due - r.start).days
    return total


def schedule(rows: Sequence[Item], hours_per_week: float, today: dt.date) -> Schedule:
    """Ahead, on track or behind, with the number of days (see the module's rules)."""
    planned = planned_by(rows, today)
    done = sum(r.hours for r in rows if r.status == "done")
    days_off = (done - planned) / (hours_per_week / 7)
    days = round(abs(days_off))
    state: State = "on-track"
    if days > ON_TRACK_DAYS:
        state = "ahead" if days_off > 0 else "behind"
    return Schedule(state, days, round(planned, 2), round(done, 2))


@dataclass(frozen=True)
class Status:
    """Everything `status` shows about a profile's active plan."""

    plan: PlanRow
    today: dt.date
    items: list[Item]
    overall: Tally
    phases: list[tuple[int, str, Tally]]
    schedule: Schedule
    pace: float | None  # hours per week; None with no work in the window
    forecast_finish: dt.date | None
    overdue: list[str]
    due_soon: list[str]
    logged_hours: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def _pace(store: Store, plan: PlanRow, today: dt.date) -> tuple[float | None, float]:
    weeks_since_start = (today - plan.start).days / 7
    weeks = max(1.0, min(float(PACE_WEEKS), weeks_since_start))
    since = (today - dt.timedelta(days=round(weeks * 7))).isoformat()
    row = store.read(
        """
        SELECT
          (SELECT coalesce(sum(t.hours), 0) FROM time_logs t JOIN deliverables d
             ON d.id = t.deliverable_id
           WHERE d.plan_id = :plan AND t."on" > :since AND t."on" <= :today),
          (SELECT coalesce(sum(d.hours), 0) FROM deliverables d
           WHERE d.plan_id = :plan AND d.status = 'done' AND d.done_on > :since
             AND d.done_on <= :today
             AND NOT EXISTS (SELECT 1 FROM time_logs t WHERE t.deliverable_id = d.id)),
          (SELECT coalesce(sum(t.hours), 0) FROM time_logs t JOIN deliverables d
             ON d.id = t.deliverable_id WHERE d.plan_id = :plan)
        """,
        {"plan": plan.id, "since": since, "today": today.isoformat()},
    )[0]
    hours = float(row[0]) + float(row[1])
    return (hours / weeks if hours > 0 else None), float(row[2])


def remaining_hours(item: Item) -> float:
    """What an open item still takes: its estimate less the hours logged on it."""
    return max(item.hours - item.logged, MIN_REMAINING) if item.hours else 0.0


def status(store: Store, profile_id: int, today: dt.date | None = None) -> Status:
    """Progress, schedule, pace and forecast of the profile's active plan."""
    today = today or dt.date.today()
    plan = active_plan(store, profile_id)
    rows = items(store, plan.id)
    phases: list[tuple[int, str, Tally]] = []
    by_phase: dict[int, list[Item]] = {}
    titles: dict[int, str] = {}
    for r in rows:
        by_phase.setdefault(r.phase, []).append(r)
        titles[r.phase] = r.phase_title
    for number in sorted(by_phase):
        phases.append((number, titles[number], tally(by_phase[number])))
    pace, logged = _pace(store, plan, today)
    open_rows = [r for r in rows if r.status in ("todo", "in progress")]
    remaining = sum(remaining_hours(r) for r in open_rows)
    forecast: dt.date | None
    if not open_rows:
        done_dates = [r.done_on for r in rows if r.done_on]
        forecast = max(done_dates) if done_dates else today
    elif pace:
        forecast = today + dt.timedelta(days=math.ceil(remaining / (pace / 7)))
    else:
        forecast = None
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    return Status(
        plan=plan,
        today=today,
        items=rows,
        overall=tally(rows),
        phases=phases,
        schedule=schedule(rows, plan.hours_per_week, today),
        pace=round(pace, 2) if pace else None,
        forecast_finish=forecast,
        overdue=[r.key for r in open_rows if r.due < today],
        due_soon=[r.key for r in open_rows if today <= r.due <= soon],
        logged_hours=logged,
    )


def status_json(st: Status, profile_name: str) -> dict[str, Any]:
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
        "hours_per_week": st.plan.hours_per_week,
        "schedule": {
            "state": st.schedule.state,
            "days": st.schedule.days,
            "planned_hours": st.schedule.planned_hours,
        },
        "pace_hours_per_week": st.pace,
        "forecast_finish": st.forecast_finish.isoformat() if st.forecast_finish else None,
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
                "kind": r.kind,
                "status": r.status,
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
    rows: Sequence[Item], today: dt.date, hours_per_week: float
) -> dict[str, tuple[dt.date, dt.date]]:
    """Start and due dates for the open items, one after another from `today`, in plan order.

    Done and skipped items keep their dates.
    """
    per_day = hours_per_week / 7
    hours = 0.0
    last = today
    out: dict[str, tuple[dt.date, dt.date]] = {}
    for r in rows:
        if r.status not in ("todo", "in progress"):
            continue
        hours += remaining_hours(r)
        due = today + dt.timedelta(days=math.ceil(hours / per_day - 1e-9))
        out[r.key] = (last, due)
        last = due
    return out


def replan(
    tracker: Tracker,
    *,
    today: dt.date | None = None,
    at_pace: bool = False,
    hours_per_week: float | None = None,
) -> str:
    """Reschedule the open deliverables from today, keeping done ones, dates and order.

    Args:
        tracker: the profile's tracker; the change can be undone.
        today: the new start (default: the tracker's today).
        at_pace: use the measured pace instead of the profile's hours per week.
        hours_per_week: an explicit rate, overriding both.

    Returns:
        One line saying what changed.
    """
    today = today or tracker.today
    store = tracker.store
    plan = active_plan(store, tracker.profile_id)
    rows = items(store, plan.id)
    if hours_per_week is None:
        if at_pace:
            pace, _ = _pace(store, plan, today)
            if not pace:
                raise InputError("there is no pace yet: log some hours or tick something first")
            hours_per_week = round(pace, 2)
        else:
            from skillpath.core.tracking import get_profile

            hours_per_week = get_profile(store, tracker.profile_id).profile.hours_per_week
    if not 0 < hours_per_week <= 80:
        raise InputError(
            f"hours per week must be more than 0 and at most 80, not {hours_per_week:g}"
        )
    dates = new_schedule(rows, today, hours_per_week)
    if not dates:
        raise InputError("there is nothing open to re-plan: every deliverable is done or skipped")
    finish = max(due for _, due in dates.values())
    summary = (
        f"re-planned {len(dates)} open deliverables from {today} at {hours_per_week:g} h a week, "
        f"finishing {finish}"
    )
    tracker.reschedule(dates, summary, {"hours_per_week": hours_per_week})
    return summary
