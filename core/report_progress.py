"""What the progress report says: figures, series for the charts, and lists, computed from
records and core.progress (so the report and `skillpath status` always agree). No rendering.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from skillpath.core.catalog import Catalog
from skillpath.core.progress import Progress
from skillpath.core.records import Deliverable, Evidence, Note, Snapshot, TimeLog
from skillpath.core.report_appendix import status_label
from skillpath.core.report_method import level_rules, progress_rules, readiness_rule
from skillpath.core.report_model import Header
from skillpath.core.report_words import (
    cap,
    duration_text,
    hours_text,
    long_date,
    plural,
    short_date,
)
from skillpath.core.rules import Status

UPCOMING = 10
MAX_POINTS = 160
WEEKS_SHOWN = 26

Series = list[tuple[dt.date, float]]


@dataclass(frozen=True)
class ProgressData:
    """Everything the progress report is computed from; report_load fills it.

    `notes` and `evidence` are by deliverable row id; `snapshots` are those of the plan's
    role, oldest first.
    """

    person: str
    progress: Progress
    logs: Sequence[TimeLog]
    notes: Mapping[int, Sequence[Note]]
    evidence: Mapping[int, Sequence[Evidence]]
    snapshots: Sequence[Snapshot]
    levels_now: Mapping[str, int]
    required: Mapping[str, int]


@dataclass(frozen=True)
class Figure:
    """A headline number with its label and a short gloss."""

    label: str
    value: str
    note: str


@dataclass(frozen=True)
class PhaseProgress:
    number: int
    title: str
    done: int
    total: int
    done_hours: float
    total_hours: float
    percent: int
    due: dt.date | None


@dataclass(frozen=True)
class LevelRow:
    skill: str
    required: int | None
    then: int
    now: int


@dataclass(frozen=True)
class DoneRow:
    """A finished deliverable with what was kept with it."""

    deliverable: Deliverable
    evidence: tuple[Evidence, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class OpenRow:
    title: str
    phase: int
    due: dt.date
    hours: float
    status: str
    days_late: int


@dataclass(frozen=True)
class ProgressReport:
    """Everything the progress report shows, in reading order."""

    header: Header
    overview: str
    figures: list[Figure]
    phases: list[PhaseProgress]
    planned: Series
    planned_recent: Series
    done: Series
    logged: Series
    burnup_note: str
    readiness: Series
    readiness_note: str
    levels: list[LevelRow]
    levels_note: str
    completed: list[DoneRow]
    overdue: list[OpenRow]
    upcoming: list[OpenRow]
    weeks: Series
    weeks_note: str
    method: list[str]


def planned_curve(items: Sequence[Deliverable], start: dt.date, end: dt.date) -> Series:
    """Cumulative planned hours from `start` to `end`, at most MAX_POINTS points: each
    deliverable's hours spread evenly from its start to its due date (core.progress's
    `planned_by`, computed for every day at once)."""
    live = [i for i in items if i.counts]
    if not live or end < start:
        return []
    days = (end - start).days + 1
    step = max(1, -(-days // MAX_POINTS))
    # Each deliverable adds a constant rate over its days (a difference array of rates) and
    # its whole hours when it has no days: linear in the deliverables and the days.
    rate = [0.0] * (days + 1)
    lump = [0.0] * (days + 1)
    base = 0.0
    for i in live:
        a, b = (i.start - start).days, (i.due - start).days
        if b <= a:
            if b < 0:
                base += i.hours
            elif b < days:
                lump[b] += i.hours
            continue
        per_day = i.hours / (b - a)
        lo, hi = max(a, 0), min(b, days)
        base += per_day * (lo - a)  # the part before `start`
        if hi > lo:
            rate[lo] += per_day
            rate[hi] -= per_day
    points: Series = []
    total, current = base, 0.0
    for day in range(days):
        total += lump[day]
        if day % step == 0 or day == days - 1:
            points.append((start + dt.timedelta(days=day), round(total, 2)))
        current += rate[day]
        total += current
    return points


def cumulative(events: Sequence[tuple[dt.date, float]], start: dt.date, today: dt.date) -> Series:
    """A step line of the running total of `events` from `start` to `today`."""
    if not events:
        return [(start, 0.0), (today, 0.0)] if today > start else []
    points: Series = [(start, 0.0)]
    total = 0.0
    for day, hours in sorted(events):
        if day < start:
            day = start
        if points[-1][0] == day:
            total += hours
            points[-1] = (day, round(total, 2))
            continue
        if (day - points[-1][0]).days > 1:
            points.append((day - dt.timedelta(days=1), round(total, 2)))
        total += hours
        points.append((day, round(total, 2)))
    if points[-1][0] < today:
        points.append((today, round(total, 2)))
    return points


def daily(logs: Sequence[TimeLog], first: dt.date, today: dt.date) -> list[tuple[dt.date, float]]:
    """Hours by day from `first` to `today`; a declared span spread evenly over its days."""
    out: list[tuple[dt.date, float]] = []
    for log in logs:
        if log.since is None or log.days <= 1:
            if log.on <= today:
                out.append((max(log.on, first), log.hours))
            continue
        share = log.hours / log.days
        lo, hi = max(log.since, first), min(log.on, today)
        before = max((lo - log.since).days, 0)
        if before:
            out.append((lo, share * before))  # days before `first` land on `first`
        for n in range((hi - lo).days + 1):
            out.append((lo + dt.timedelta(days=n), share))
    out.sort(key=lambda x: x[0])
    return out


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekly(days: Sequence[tuple[dt.date, float]], today: dt.date) -> Series:
    """Hours per week (weeks start on Monday), the last WEEKS_SHOWN weeks to today."""
    last = week_start(today)
    first = last - dt.timedelta(weeks=WEEKS_SHOWN - 1)
    if days:
        first = max(first, week_start(min(d for d, _ in days)))
    totals: dict[dt.date, float] = {}
    week = first
    while week <= last:
        totals[week] = 0.0
        week += dt.timedelta(weeks=1)
    for day, hours in days:
        wk = week_start(day)
        if wk in totals:
            totals[wk] += hours
    return [(w, round(h, 2)) for w, h in totals.items()]


def _state_text(state: str, days: int) -> str:
    if state == "ahead":
        return f"{duration_text(days)} ahead of the plan"
    if state == "behind":
        return f"{duration_text(days)} behind the plan"
    return "on track"


def _overview(data: ProgressData) -> str:
    st = data.progress
    t = st.overall
    role = st.plan.role_title
    out = [
        f"{data.person} has completed {t.percent}% of the roadmap to {role} by planned hours: "
        f"{plural(t.done, 'deliverable')} of {t.total}, {hours_text(round(t.done_hours, 1))} of "
        f"{hours_text(round(t.total_hours, 1))} hours."
    ]
    state = _state_text(st.schedule.state, st.schedule.days)
    out.append(f"As of {long_date(st.today)}, the work is {state}.")
    if not any(d.is_open for d in st.items):
        out.append("Every deliverable is done.")
    elif st.forecast_finish is None:
        out.append("At the current pace the work left would not be finished within the calendar.")
    else:
        rate = "recent pace" if st.pace else "planned pace (no work logged lately)"
        out.append(
            f"At the {rate} of {hours_text(round(st.rate, 1))} hours a week, the work left "
            f"({hours_text(round(st.remaining_hours, 1))} hours) would be finished on "
            f"{long_date(st.forecast_finish)}; the plan ends on {long_date(st.planned_finish)}."
        )
    if st.overdue:
        are = "is" if len(st.overdue) == 1 else "are"
        out.append(f"{cap(plural(len(st.overdue), 'deliverable'))} {are} overdue.")
    if st.plan.target:
        met = "the forecast meets it." if st.meets_target else "the forecast misses it."
        out.append(f"The target date is {long_date(st.plan.target)}; {met}")
    return " ".join(out)


def _figures(st: Progress) -> list[Figure]:
    t = st.overall
    state = st.schedule.state
    schedule = "On track" if state == "on-track" else f"{plural(st.schedule.days, 'day')} {state}"
    return [
        Figure(
            "Done",
            f"{t.percent}%",
            f"{hours_text(round(t.done_hours, 1))} of {hours_text(round(t.total_hours, 1))} h",
        ),
        Figure("Schedule", schedule, "forecast against the plan's end"),
        Figure(
            "Pace",
            f"{hours_text(round(st.pace, 1))} h/week" if st.pace else "—",
            f"planned {hours_text(st.plan.hours_per_week)} h/week",
        ),
        Figure(
            "Forecast finish",
            short_date(st.forecast_finish) if st.forecast_finish else "—",
            f"planned {short_date(st.planned_finish)}",
        ),
        Figure("Hours worked", hours_text(round(st.logged_hours, 1)), "logged and declared"),
    ]


def _readiness(data: ProgressData) -> tuple[Series, str]:
    snaps = list(data.snapshots)
    today = data.progress.today
    role = data.progress.plan.role_title
    series: Series = []
    for s in snaps:  # a step line: readiness holds between snapshots
        if series and (s.on - series[-1][0]).days > 1:
            series.append((s.on - dt.timedelta(days=1), series[-1][1]))
        series.append((s.on, float(s.readiness)))
    if series and series[-1][0] < today:
        series.append((today, series[-1][1]))
    if not snaps:
        return series, "There are no snapshots yet."
    first, last = snaps[0], snaps[-1]
    if len(snaps) == 1:
        return (
            series,
            f"Readiness was {first.readiness}% on {long_date(first.on)}, the only snapshot.",
        )
    return series, (
        f"Readiness for {role} went from {first.readiness}% on {long_date(first.on)} to "
        f"{last.readiness}% on {long_date(last.on)}, over {plural(len(snaps), 'snapshot')}."
    )


def _levels(data: ProgressData, catalog: Catalog) -> tuple[list[LevelRow], str]:
    """Skills that moved, and those the phase under way works on; the other required skills,
    unchanged and not yet worked on, are counted in the note (a plan of twenty-five skills
    would otherwise list a page of zeros)."""
    then = data.snapshots[0].levels if data.snapshots else {}
    now = data.levels_now
    ids = list(data.required) + [
        s for s in now if s not in data.required and now[s] != then.get(s, 0)
    ]
    open_items = [i for i in data.progress.items if i.is_open]
    phase = min((i.phase for i in open_items), default=None)
    current = {s for i in open_items if i.phase == phase for s in i.targets}
    rows = [
        LevelRow(catalog.skill_name(s), data.required.get(s), then.get(s, 0), now.get(s, 0))
        for s in ids
        if now.get(s, 0) != then.get(s, 0) or s in current
    ]
    rows.sort(key=lambda r: (-(r.now - r.then), -((r.required or 0) - r.now), r.skill))
    gained = sum(1 for r in rows if r.now > r.then)
    since = data.snapshots[0].on if data.snapshots else data.progress.plan.start
    note = (
        f"Levels when the plan was made ({long_date(since)}) and now; "
        f"{plural(gained, 'skill')} {'has' if gained == 1 else 'have'} moved up."
    )
    rest = len(ids) - len(rows)
    if rest:
        shown = "those and the skills of phase {phase}, under way" if phase else "those"
        note += (
            f" Below: {shown.format(phase=phase)}; the other {plural(rest, 'skill')} the role "
            f"requires {'is' if rest == 1 else 'are'} unchanged."
        )
    return rows, note


def build_progress(data: ProgressData, catalog: Catalog) -> ProgressReport:
    """Assemble the progress report."""
    st = data.progress
    today, plan = st.today, st.plan
    live = [i for i in st.items if i.counts]
    done_items = [i for i in live if i.status is Status.DONE]
    total_hours = st.overall.total_hours

    end = max(st.planned_finish, today)
    elapsed = max((today - plan.start).days, 0)
    window_end = min(end, today + dt.timedelta(days=max(56, elapsed // 4)))
    worked = daily(data.logs, plan.start, today)
    last = min(today, end)
    readiness, readiness_note = _readiness(data)
    levels, levels_note = _levels(data, catalog)
    by_key = {i.key: i for i in st.items}
    overdue = [by_key[k] for k in st.overdue]
    overdue.sort(key=lambda i: (i.due, i.key))
    upcoming = sorted(
        (i for i in live if i.is_open and i.due >= today), key=lambda i: (i.due, i.key)
    )
    weeks = weekly(worked, today)
    shown = sum(h for _, h in weeks)
    due_of = {n: max((i.due for i in live if i.phase == n), default=None) for n, _, _ in st.phases}
    return ProgressReport(
        header=Header(
            title=f"Progress Report: {data.person}",
            person=data.person,
            role=plan.role_title,
            generated=today,
            subtitle=f"Roadmap to {plan.role_title}",
        ),
        overview=_overview(data),
        figures=_figures(st),
        phases=[
            PhaseProgress(
                n, title, t.done, t.total, t.done_hours, t.total_hours, t.percent, due_of.get(n)
            )
            for n, title, t in st.phases
        ],
        planned=planned_curve(live, plan.start, end),
        planned_recent=planned_curve(live, plan.start, window_end),
        done=cumulative([(i.done_on or today, i.hours) for i in done_items], plan.start, last),
        logged=cumulative(worked, plan.start, last),
        burnup_note=(
            "Planned: each deliverable's hours spread from its start to its due date. Done: the "
            "planned hours of each deliverable on the day it was ticked off. Worked: the hours "
            f"logged or declared. Total: {hours_text(round(total_hours, 1))} hours."
        ),
        readiness=readiness,
        readiness_note=readiness_note,
        levels=levels,
        levels_note=levels_note,
        completed=[
            DoneRow(i, tuple(data.evidence.get(i.id, ())), tuple(data.notes.get(i.id, ())))
            for i in sorted(done_items, key=lambda i: (i.done_on or today, i.key), reverse=True)
        ],
        overdue=[
            OpenRow(i.title, i.phase, i.due, i.hours, status_label(i.status), (today - i.due).days)
            for i in overdue
        ],
        upcoming=[
            OpenRow(i.title, i.phase, i.due, i.hours, status_label(i.status), 0)
            for i in upcoming[:UPCOMING]
        ],
        weeks=weeks,
        weeks_note=(
            f"{hours_text(round(shown, 1))} hours in the {plural(len(weeks), 'week')} shown "
            f"(weeks start on Monday); the plan assumes {hours_text(plan.hours_per_week)} a week."
        ),
        method=[*progress_rules(), readiness_rule(), *level_rules()[1:]],
    )
