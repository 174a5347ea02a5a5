"""Progress: done over total, schedule state, pace, forecast, overdue, due soon, re-plan."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import TYPE_CHECKING, Any

import pytest

from skillpath.core import queries
from skillpath.core.actions import history, planning, tracking
from skillpath.core.errors import InputError
from skillpath.core.progress import (
    ON_TRACK_DAYS,
    new_schedule,
    pace,
    planned_by,
    progress_of,
    spent_between,
    status_json,
    tally,
)
from skillpath.core.records import Deliverable, PlanRecord, TimeLog
from skillpath.core.rules import Kind, Status

if TYPE_CHECKING:
    from tests.conftest import Tracked

D0 = dt.date(2026, 1, 5)


def _item(
    key: str, hours: float, start: int, due: int, status: str = "todo", **kw: Any
) -> Deliverable:
    return Deliverable(
        id=hash(key) & 0xFFFF, key=key, phase_id=1, phase=kw.pop("phase", 1), phase_title="P",
        position=0, kind=Kind.COURSE, title=key, description="", skills=(), targets={},
        hours=hours, start=D0 + dt.timedelta(start), due=D0 + dt.timedelta(due), metric="",
        resource=None, certification=None, origin="generated", status=Status(status),
        started_on=None, done_on=kw.pop("done_on", None), expires_on=None,
        logged=kw.pop("logged", 0.0),
    )  # fmt: skip


def _plan(hours_per_week: float = 7) -> PlanRecord:
    return PlanRecord(
        id=1, profile_id=1, active=True, created=D0.isoformat(), role_id="r", role_title="R",
        start=D0, hours_per_week=hours_per_week, target=None, message="",
    )  # fmt: skip


def test_skipped_items_are_neither_done_nor_in_the_total() -> None:
    rows = [
        _item("a", 10, 0, 7, "done"),
        _item("b", 30, 7, 14),
        _item("c", 60, 14, 21, "skipped"),
    ]
    t = tally(rows)
    assert (t.done, t.total, t.done_hours, t.total_hours, t.skipped) == (1, 2, 10, 40, 1)
    assert t.percent == 25
    assert t.count_percent == 50


def test_planned_hours_pro_rate_the_item_under_way() -> None:
    rows = [_item("a", 14, 0, 14), _item("b", 14, 14, 28)]
    assert planned_by(rows, D0) == 0
    assert planned_by(rows, D0 + dt.timedelta(7)) == 7
    assert planned_by(rows, D0 + dt.timedelta(21)) == 21
    assert planned_by(rows, D0 + dt.timedelta(99)) == 28


def test_schedule_states_are_the_forecast_against_the_plans_end() -> None:
    # 7 h a week is 1 h a day, so hours of open work are days; the plan ends on day 20.
    rows = [_item("a", 10, 0, 10, "done"), _item("b", 10, 10, 20)]

    def state(day: int) -> tuple[str, int, dt.date | None]:
        st = progress_of(_plan(), rows, [], D0 + dt.timedelta(day))
        assert st.planned_finish == D0 + dt.timedelta(20)
        return st.schedule.state, st.schedule.days, st.forecast_finish

    assert state(10) == ("on-track", 0, D0 + dt.timedelta(20))
    assert state(15) == ("behind", 5, D0 + dt.timedelta(25))
    assert state(5) == ("ahead", 5, D0 + dt.timedelta(15))
    assert state(10 + ON_TRACK_DAYS) == ("on-track", ON_TRACK_DAYS, D0 + dt.timedelta(23))
    assert state(11 + ON_TRACK_DAYS)[:2] == ("behind", ON_TRACK_DAYS + 1)


def test_the_forecast_uses_the_pace_and_else_the_planned_hours() -> None:
    rows = [_item("a", 10, 0, 10, "done"), _item("b", 10, 10, 20)]
    today = D0 + dt.timedelta(10)
    # 20 h over the ten days before today: 14 h a week, 2 h a day
    logs = [TimeLog(D0 + dt.timedelta(9), 20, since=D0)]
    st = progress_of(_plan(), rows, logs, today)
    assert (st.pace, st.rate) == (14, 14)
    assert st.forecast_finish == today + dt.timedelta(5)
    assert (st.schedule.state, st.schedule.days) == ("ahead", 5)
    slow = progress_of(_plan(), rows, [], today)
    assert (slow.pace, slow.rate, slow.forecast_finish) == (None, 7, today + dt.timedelta(10))


def test_a_plan_that_has_not_begun_is_forecast_from_its_start() -> None:
    rows = [_item("a", 10, 0, 10), _item("b", 10, 10, 20)]
    st = progress_of(_plan(), rows, [], D0 - dt.timedelta(14))  # two weeks before it begins
    assert st.forecast_finish == D0 + dt.timedelta(20) == st.planned_finish
    assert (st.schedule.state, st.schedule.days) == ("on-track", 0)


def test_pace_counts_the_28_days_before_today_and_todays_hours_from_tomorrow() -> None:
    start = D0
    today = D0 + dt.timedelta(40)
    logs = [
        TimeLog(today - dt.timedelta(29), 50),  # before the window
        TimeLog(today - dt.timedelta(28), 8),
        TimeLog(today - dt.timedelta(1), 8),
        TimeLog(today, 30),  # today: counts from tomorrow
    ]
    assert pace(logs, start, today) == 4  # 16 h over four weeks
    assert pace(logs, start, today + dt.timedelta(1)) == pytest.approx((8 + 30) / 4)
    assert pace([], start, today) is None
    assert pace(logs, start, start + dt.timedelta(6)) is None  # less than a week in


def test_declared_hours_count_pro_rata_over_their_days() -> None:
    log = TimeLog(D0 + dt.timedelta(9), 20, since=D0)  # 2 h a day for ten days
    assert log.days == 10
    assert spent_between([log], D0, D0 + dt.timedelta(9)) == 20
    assert spent_between([log], D0 + dt.timedelta(5), D0 + dt.timedelta(30)) == 10
    assert spent_between([log], D0 + dt.timedelta(10), D0 + dt.timedelta(30)) == 0


def test_new_schedule_keeps_order_and_done_dates() -> None:
    rows = [
        _item("a", 14, 0, 14, "done", done_on=D0),
        _item("b", 14, 14, 28, "in progress", logged=7),
        _item("c", 7, 28, 35, "skipped"),
        _item("d", 14, 35, 49),
    ]
    today = D0 + dt.timedelta(40)
    dates = new_schedule(rows, today, 7)
    assert list(dates) == ["b", "d"]
    assert dates["b"] == (today, today + dt.timedelta(7))
    assert dates["d"] == (today + dt.timedelta(7), today + dt.timedelta(21))


def test_status_of_a_tracked_plan(tracked: Tracked, today: dt.date) -> None:
    s, pid = tracked.s, tracked.pid
    for week in range(4):
        tracking.log_hours(
            s, pid, "learn-linear-algebra", 8, on=today - dt.timedelta(days=7 * week + 1)
        )
    tracking.skip(s, pid, "learn-calculus")
    st = queries.progress(s, pid)
    assert st.pace == 8
    assert st.forecast_finish is not None and st.forecast_finish > today
    assert "learn-calculus" not in st.overdue
    data = status_json(st, "Santana Mena")
    for key in ("profile", "done_hours", "total_hours", "percent", "schedule",
                "forecast_finish", "overdue", "due_soon", "deliverables"):  # fmt: skip
        assert key in data
    assert data["schedule"]["state"] in ("ahead", "on-track", "behind")
    assert {"id", "title", "status", "due", "phase"} <= set(data["deliverables"][0])
    calc = next(d for d in data["deliverables"] if d["id"] == "learn-calculus")
    assert calc["status"] == "skipped"
    assert data["total_hours"] == sum(
        d["hours"] for d in data["deliverables"] if d["status"] != "skipped"
    )
    assert data["forecast_rate_hours_per_week"] == 8
    assert data["logged_hours"] == 32


def test_overdue_and_due_soon(tracked: Tracked, today: dt.date) -> None:
    s, pid = tracked.s, tracked.pid
    tracking.edit_deliverable(
        s, pid, "learn-calculus", start=today - dt.timedelta(20), due=today - dt.timedelta(1)
    )
    tracking.edit_deliverable(
        s, pid, "learn-statistics", start=today - dt.timedelta(1), due=today + dt.timedelta(7)
    )
    st = queries.progress(s, pid)
    assert "learn-calculus" in st.overdue
    assert "learn-statistics" in st.due_soon
    tracking.tick(s, pid, "learn-calculus")
    st = queries.progress(s, pid)
    assert "learn-calculus" not in st.overdue


def test_ticking_only_still_gives_a_pace(tracked: Tracked, today: dt.date) -> None:
    # a 40 h course, no hours logged: the tick declares its length as the hours spent
    assert tracked.item("learn-statistics").hours == 40
    tracking.tick(tracked.s, tracked.pid, "learn-statistics", on=today - dt.timedelta(days=3))
    st = queries.progress(tracked.s, tracked.pid)
    assert st.pace == 10  # 40 h over four weeks


def test_the_hours_given_on_a_tick_are_the_pace(tracked: Tracked, today: dt.date) -> None:
    tracking.tick(tracked.s, tracked.pid, "learn-calculus", on=today - dt.timedelta(days=3),
                  hours=20)  # fmt: skip
    assert queries.progress(tracked.s, tracked.pid).pace == 5  # 20 h over four weeks


def test_a_tick_today_moves_the_forecast_by_its_own_hours(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    before = queries.progress(s, pid)
    tracking.tick(s, pid, "learn-statistics")  # 40 h, at the plan's 8 h a week: 35 days
    after = queries.progress(s, pid)
    assert after.pace is None  # today's hours count from tomorrow
    assert before.forecast_finish and after.forecast_finish
    assert (before.forecast_finish - after.forecast_finish).days == 35


def test_no_work_forecasts_at_the_planned_hours(tracked: Tracked, today: dt.date) -> None:
    st = queries.progress(tracked.s, tracked.pid)
    assert st.pace is None and st.rate == st.plan.hours_per_week == 8
    per_day = st.plan.hours_per_week / 7
    assert st.forecast_finish == today + dt.timedelta(math.ceil(st.remaining_hours / per_day))
    # four weeks in with nothing done: the forecast is four weeks after the plan's end
    assert (st.schedule.state, st.schedule.days) == ("behind", 28)
    assert status_json(st, "x")["pace_hours_per_week"] is None


def test_replan_reschedules_open_work_from_today_and_can_be_undone(
    tracked: Tracked, today: dt.date
) -> None:
    s, pid = tracked.s, tracked.pid
    tracking.tick(s, pid, "learn-linear-algebra", on=today - dt.timedelta(days=10), hours=60)
    before = tracked.items()
    changes = planning.replan(s, pid)
    assert changes.message.startswith("Re-planned") and changes.plan
    after = tracked.items()
    assert [i.key for i in after] == [i.key for i in before]
    done = after[0]
    assert (done.key, done.done_on, done.due) == ("learn-linear-algebra", before[0].done_on,
                                                  before[0].due)  # fmt: skip
    open_items = [i for i in after if i.status == "todo"]
    assert open_items[0].start == today
    # metrics are stored without their due date, so none is left stale by the move
    assert all(i.metric and str(i.due.year) not in i.metric for i in after)
    assert all(a.due <= b.due for a, b in itertools.pairwise(open_items))
    # 60 h spent in the last four weeks is 15 h a week, ahead of the 8 h the plan assumes
    st = queries.progress(s, pid)
    assert (st.schedule.state, st.rate) == ("ahead", 15)
    assert st.overdue == []
    history.undo_last(s, pid)
    assert tracked.items() == before


def test_replan_preview_changes_nothing_and_agrees_with_the_replan(
    tracked: Tracked, today: dt.date
) -> None:
    s, pid = tracked.s, tracked.pid
    before = tracked.items()
    preview = planning.preview_replan(s, pid)
    assert tracked.items() == before
    assert not history.can_undo(s, pid)
    assert preview.moves and all(m.new_due != m.old_due for m in preview.moves)
    assert preview.old_finish == queries.progress(s, pid).planned_finish
    assert preview.summary.startswith("At 8 h a week the plan ends")
    planning.replan(s, pid)
    after = {i.key: i for i in tracked.items()}
    assert all(after[m.key].due == m.new_due for m in preview.moves)
    assert queries.progress(s, pid).planned_finish == preview.new_finish


def test_replan_at_pace(tracked: Tracked, today: dt.date) -> None:
    s, pid = tracked.s, tracked.pid
    with pytest.raises(InputError, match="no pace"):
        planning.replan(s, pid, at_pace=True)
    for week in range(4):
        tracking.log_hours(
            s, pid, "learn-linear-algebra", 4, on=today - dt.timedelta(days=7 * week + 1)
        )
    assert "at 4 h a week" in planning.replan(s, pid, at_pace=True).message
    assert tracked.plan().hours_per_week == 4
    st = queries.progress(s, pid)
    assert (st.schedule.state, st.schedule.days) == ("on-track", 0)


def test_replan_puts_a_late_plan_back_on_track(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    assert queries.progress(s, pid).schedule.state == "behind"
    planning.replan(s, pid)
    st = queries.progress(s, pid)
    assert (st.schedule.state, st.schedule.days) == ("on-track", 0)
    assert st.overdue == []


def test_nothing_open_cannot_be_replanned(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    for item in tracked.items():
        tracking.skip(s, pid, item.key)
    with pytest.raises(InputError, match="nothing open"):
        planning.preview_replan(s, pid)
