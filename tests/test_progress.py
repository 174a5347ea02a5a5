"""Progress: done over total, schedule state, pace, forecast, overdue, due soon, re-plan."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from skillpath.core.errors import InputError
from skillpath.core.progress import (
    ON_TRACK_DAYS,
    new_schedule,
    planned_by,
    replan,
    schedule,
    status,
    status_json,
    tally,
)
from skillpath.core.tracking import Item, Tracker, items

D0 = dt.date(2026, 1, 5)


def _item(key: str, hours: float, start: int, due: int, status: str = "todo", **kw) -> Item:  # type: ignore[no-untyped-def]
    return Item(
        id=hash(key) & 0xFFFF, key=key, phase_id=1, phase=kw.pop("phase", 1), phase_title="P",
        position=0, kind="course", title=key, hours=hours,
        start=D0 + dt.timedelta(start), due=D0 + dt.timedelta(due), status=status,  # type: ignore[arg-type]
        started_on=None, done_on=kw.pop("done_on", None), expires_on=None, origin="generated",
        certification=None, targets_json="{}", logged=kw.pop("logged", 0.0),
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


def test_schedule_states() -> None:
    # 7 h a week is 1 h a day, so hours ahead or behind are days.
    rows = [_item("a", 10, 0, 10, "done"), _item("b", 10, 10, 20)]
    on_day = D0 + dt.timedelta(10)
    assert schedule(rows, 7, on_day).state == "on-track"
    behind = schedule(rows, 7, D0 + dt.timedelta(15))
    assert (behind.state, behind.days) == ("behind", 5)
    ahead = schedule(rows, 7, D0 + dt.timedelta(5))
    assert (ahead.state, ahead.days) == ("ahead", 5)
    edge = schedule(rows, 7, D0 + dt.timedelta(10 + ON_TRACK_DAYS))
    assert (edge.state, edge.days) == ("on-track", ON_TRACK_DAYS)


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


def test_status_of_a_tracked_plan(tracked: Tracker, today: dt.date) -> None:
    for week in range(4):
        tracked.log("learn-linear-algebra", 8, on=today - dt.timedelta(days=7 * week + 1))
    tracked.skip("learn-calculus")
    st = status(tracked.store, tracked.profile_id, today)
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


def test_overdue_and_due_soon(tracked: Tracker, today: dt.date) -> None:
    tracked.edit("learn-calculus", start=today - dt.timedelta(20), due=today - dt.timedelta(1))
    tracked.edit("learn-statistics", start=today - dt.timedelta(1), due=today + dt.timedelta(7))
    st = status(tracked.store, tracked.profile_id, today)
    assert "learn-calculus" in st.overdue
    assert "learn-statistics" in st.due_soon
    tracked.tick("learn-calculus")
    st = status(tracked.store, tracked.profile_id, today)
    assert "learn-calculus" not in st.overdue


def test_ticking_only_still_gives_a_pace(tracked: Tracker, today: dt.date) -> None:
    tracked.tick("learn-calculus", on=today - dt.timedelta(days=3))  # 40 h, no hours logged
    st = status(tracked.store, tracked.profile_id, today)
    assert st.pace == 10  # 40 h over four weeks


def test_no_work_means_no_forecast(tracked: Tracker, today: dt.date) -> None:
    st = status(tracked.store, tracked.profile_id, today)
    assert st.pace is None and st.forecast_finish is None
    assert st.schedule.state == "behind"  # four weeks in, nothing done


def test_replan_reschedules_open_work_from_today_and_can_be_undone(
    tracked: Tracker, today: dt.date
) -> None:
    tracked.tick("learn-linear-algebra", on=today - dt.timedelta(days=10))
    before = items(tracked.store, tracked.plan().id)
    line = replan(tracked, today=today)
    assert line.startswith("re-planned")
    after = items(tracked.store, tracked.plan().id)
    assert [i.key for i in after] == [i.key for i in before]
    done = after[0]
    assert (done.key, done.done_on, done.due) == ("learn-linear-algebra", before[0].done_on,
                                                  before[0].due)  # fmt: skip
    open_items = [i for i in after if i.status == "todo"]
    assert open_items[0].start == today
    assert all(a.due <= b.due for a, b in itertools.pairwise(open_items))
    # Finished early, and nothing open is planned before today any more.
    assert status(tracked.store, tracked.profile_id, today).schedule.state == "ahead"
    tracked.undo()
    assert items(tracked.store, tracked.plan().id) == before


def test_replan_at_pace(tracked: Tracker, today: dt.date) -> None:
    with pytest.raises(InputError, match="no pace"):
        replan(tracked, today=today, at_pace=True)
    for week in range(4):
        tracked.log("learn-linear-algebra", 4, on=today - dt.timedelta(days=7 * week + 1))
    assert "at 4 h a week" in replan(tracked, today=today, at_pace=True)
    assert tracked.plan().hours_per_week == 4


def test_replan_puts_a_late_plan_back_on_track(tracked: Tracker, today: dt.date) -> None:
    assert status(tracked.store, tracked.profile_id, today).schedule.state == "behind"
    replan(tracked, today=today)
    st = status(tracked.store, tracked.profile_id, today)
    assert (st.schedule.state, st.schedule.days) == ("on-track", 0)
    assert st.overdue == []
