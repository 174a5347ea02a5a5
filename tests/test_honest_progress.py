"""Done, worked and mastered are three things: a tick moves the forecast by that deliverable's
own hours, never by years; the schedule, the forecast and the plan's end agree; the hours
spent are asked for and kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from skillpath.core.actions import history, tracking
from skillpath.core.actions.demo import open_demo
from skillpath.core.catalog import Catalog
from skillpath.core.db.store import Store
from skillpath.core.errors import InputError
from skillpath.core.queries import details, progress
from skillpath.core.rules import Status
from skillpath.core.session import CLI, Session

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def demo(tmp_path: Path, catalog: Catalog) -> tuple[Session, int]:
    store = Store.open(tmp_path / "data", daily_backup=False)
    s = Session(store, catalog, CLI, TODAY)
    pid = open_demo(s).profile_id
    assert pid is not None
    return s, pid


def test_ticking_any_one_deliverable_moves_the_forecast_by_about_its_own_hours(
    demo: tuple[Session, int],
) -> None:
    s, pid = demo
    before = progress(s, pid)
    assert before.pace is not None  # the demo has weeks of logged hours
    open_items = [d for d in before.items if d.is_open]
    assert len(open_items) > 5
    for item in open_items:
        tracking.tick(s, pid, item.key)
        after = progress(s, pid)
        assert before.forecast_finish and after.forecast_finish
        moved_weeks = (before.forecast_finish - after.forecast_finish).days / 7
        bound = 1.25 * item.hours / before.rate + 1 / 7  # a day for rounding to dates
        assert abs(moved_weeks) <= bound, (item.key, moved_weeks, bound)
        history.undo_last(s, pid)
        assert progress(s, pid).forecast_finish == before.forecast_finish


def test_the_schedule_state_agrees_with_the_forecast_and_the_plan_end(
    demo: tuple[Session, int],
) -> None:
    s, pid = demo
    st = progress(s, pid)
    assert st.forecast_finish is not None
    off = (st.forecast_finish - st.planned_finish).days
    if st.schedule.state == "behind":
        assert off > 3 and st.schedule.days == off
    elif st.schedule.state == "ahead":
        assert off < -3 and st.schedule.days == -off
    else:
        assert abs(off) <= 3


def test_a_tick_records_the_hours_spent_and_the_pace_counts_them_from_tomorrow(
    demo: tuple[Session, int],
) -> None:
    s, pid = demo
    st = progress(s, pid)
    item = next(d for d in st.items if d.status is Status.TODO)
    tracking.tick(s, pid, item.key, hours=7.5)
    kept = details(s, pid, item.key)
    assert sum(log.hours for log in kept.logs) == 7.5
    assert progress(s, pid).pace == st.pace  # today's hours count from tomorrow
    s.day = TODAY + dt.timedelta(days=1)
    later = progress(s, pid)
    assert later.pace is not None and st.pace is not None and later.pace > st.pace


def test_hours_spent_default_to_what_was_logged_and_cannot_be_fewer(
    demo: tuple[Session, int],
) -> None:
    s, pid = demo
    item = next(d for d in progress(s, pid).items if d.status is Status.IN_PROGRESS)
    assert item.logged > 0
    with pytest.raises(InputError, match="cannot be fewer"):
        tracking.tick(s, pid, item.key, hours=item.logged / 2)
    changes = tracking.tick(s, pid, item.key)
    assert f"({item.logged:g} h spent)" in changes.message
    assert progress(s, pid).logged_hours == pytest.approx(progress(s, pid).logged_hours)


def test_unticking_gives_back_the_declared_hours(demo: tuple[Session, int]) -> None:
    s, pid = demo
    item = next(d for d in progress(s, pid).items if d.status is Status.TODO)
    spent_before = progress(s, pid).logged_hours
    tracking.tick(s, pid, item.key)  # the estimate, declared
    assert progress(s, pid).logged_hours == pytest.approx(spent_before + item.hours)
    tracking.untick(s, pid, item.key)
    assert progress(s, pid).logged_hours == pytest.approx(spent_before)
    assert next(d for d in progress(s, pid).items if d.key == item.key).status is Status.TODO
