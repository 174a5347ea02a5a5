"""A plan's target date: the finish of the open work at some hours a week, the three ways out
of a missed target with their figures, and the use cases that apply them (one undoable
change each)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from skillpath.core import queries
from skillpath.core.actions import history
from skillpath.core.actions import target as target_actions
from skillpath.core.catalog import Catalog
from skillpath.core.db import profiles
from skillpath.core.errors import InputError
from skillpath.core.gap import analyze
from skillpath.core.models import PRIORITY_WEIGHT
from skillpath.core.target import hours_needed, outlook, span, ways_out

if TYPE_CHECKING:
    from tests.conftest import Tracked


def _in(t: Tracked, days: int) -> dt.date:
    return t.today + dt.timedelta(days=days)


def test_at_the_forecasts_rate_the_finish_is_the_forecast(tracked: Tracked) -> None:
    st = queries.progress(tracked.s, tracked.pid)
    at_rate = outlook(st, st.rate, None)
    assert at_rate.finish == st.forecast_finish and at_rate.fits is None
    fewer = outlook(st, st.rate / 2, None)
    assert fewer.finish is not None and at_rate.finish is not None
    assert fewer.finish > at_rate.finish
    target = at_rate.finish - dt.timedelta(days=10)
    late = outlook(st, st.rate, target)
    assert late.fits is False and late.days_off == 10
    assert outlook(st, st.rate, at_rate.finish).fits is True
    with pytest.raises(InputError, match="hours per week"):
        outlook(st, 0, None)


def test_the_hours_needed_are_the_fewest_half_hours_that_fit() -> None:
    start, target = dt.date(2026, 1, 1), dt.date(2026, 7, 1)
    needed = hours_needed(start, target, 400)
    assert needed is not None and needed * 2 == int(needed * 2)
    assert needed == 15.5  # 400 h over 26 weeks is 15.4 h a week
    assert hours_needed(start, start, 400) is None


def test_the_ways_out_of_a_missed_year(tracked: Tracked) -> None:
    st = queries.progress(tracked.s, tracked.pid)
    target = _in(tracked, 365)
    ways = ways_out(tracked.s, tracked.pid, target)
    assert ways.now.fits is False
    # more hours: that many fit, half an hour less does not
    assert ways.hours_needed is not None and ways.hours_possible
    assert outlook(st, ways.hours_needed, target).fits
    assert not outlook(st, ways.hours_needed - 0.5, target).fits
    # a later finish: where the forecast ends
    assert ways.later_finish == st.forecast_finish
    # a narrower plan: most important gaps kept, the rest deferred, ending by the date
    scope = ways.scope
    assert scope is not None and scope.finish <= target and ways.scope_note == ""
    profile = profiles.get_profile(tracked.store, tracked.pid).profile
    gaps = analyze(profile, tracked.catalog.role(st.plan.role_id), tracked.catalog).gaps
    assert sorted(scope.kept + scope.deferred) == sorted(g.skill for g in gaps)
    weight = {g.skill: PRIORITY_WEIGHT[g.priority] for g in gaps}
    assert min(weight[k] for k in scope.kept) >= max(weight[d] for d in scope.deferred)
    assert scope.kept[0] == gaps[0].skill


def test_a_target_days_away_has_only_a_later_finish(tracked: Tracked) -> None:
    ways = ways_out(tracked.s, tracked.pid, _in(tracked, 30))
    assert ways.hours_needed is not None and not ways.hours_possible
    assert ways.scope is None and "most important gap alone" in ways.scope_note
    assert ways.later_finish is not None


def test_setting_moving_and_clearing_the_target(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    first, later = _in(tracked, 365), _in(tracked, 900)
    assert "Set the target date" in target_actions.set_target(s, pid, first).message
    assert tracked.plan().target == first
    assert profiles.get_profile(s.store, pid).profile.target_date == first
    assert tracked.plan().options["ways_out"] is None  # no figures for another date
    target_actions.set_target(s, pid, later)
    assert queries.progress(s, pid).plan.target == later
    target_actions.set_target(s, pid, None)
    assert tracked.plan().target is None
    history.undo_last(s)
    assert tracked.plan().target == later
    history.undo_last(s)
    assert tracked.plan().target == first
    for bad in (tracked.today, _in(tracked, -3)):
        with pytest.raises(InputError, match="not after today"):
            target_actions.set_target(s, pid, bad)
    assert tracked.plan().target == first


def test_more_hours_is_one_change_that_undoes_whole(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    target = _in(tracked, 365)
    before_plan, before_items = tracked.plan(), tracked.items()
    needed = ways_out(s, pid, target).hours_needed
    assert needed is not None
    changes = target_actions.replan_to(s, pid, needed, target)
    assert changes.plan and changes.profile
    st = queries.progress(s, pid)
    assert st.plan.hours_per_week == needed and st.plan.target == target
    assert st.planned_finish <= target
    assert profiles.get_profile(s.store, pid).profile.hours_per_week == needed
    history.undo_last(s)
    assert tracked.plan().hours_per_week == before_plan.hours_per_week
    assert tracked.plan().target is None
    assert [d.due for d in tracked.items()] == [d.due for d in before_items]
    assert profiles.get_profile(s.store, pid).profile.hours_per_week == 8


def test_a_narrower_plan_fits_keeps_the_old_one_and_undoes(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    target = _in(tracked, 365)
    old = tracked.plan()
    ways = ways_out(s, pid, target)
    assert ways.scope is not None
    target_actions.narrow_plan(
        s, pid, target, tuple(ways.scope.kept), ways.scope_hours, ways.phases
    )
    st = queries.progress(s, pid)
    assert st.plan.id != old.id and st.plan.target == target
    assert st.planned_finish == ways.scope.finish <= target
    assert st.plan.options["deferred"] == ways.scope.deferred
    assert [p.id for p in queries.plans_of(s, pid)] == [old.id, st.plan.id]
    history.undo_last(s)
    assert tracked.plan().id == old.id
    # a scope that no longer fits is refused, not stored
    with pytest.raises(InputError, match="after the target date"):
        target_actions.narrow_plan(
            s, pid, _in(tracked, 60), tuple(ways.scope.kept), ways.scope_hours, ways.phases
        )
    assert tracked.plan().id == old.id


def test_spans_are_said_as_a_person_says_them() -> None:
    assert span(1) == "1 day"
    assert span(-12) == "12 days"
    assert span(30) == "4 weeks"
    assert span(150) == "about 5 months"
    assert span(1606) == "about 4.5 years"


def test_changing_the_profiles_target_date_moves_the_plans_too(
    tmp_path: Path, catalog: Catalog
) -> None:
    """The Profile screen's target date and the plan's are one: no screen can disagree."""
    from skillpath.core.actions import history, planning
    from skillpath.core.actions.demo import open_demo
    from skillpath.core.db import plans
    from skillpath.core.db.store import Store
    from skillpath.core.session import APP, Session

    with Store.open(tmp_path / "data", daily_backup=False) as store:
        s = Session(store, catalog, APP, dt.date(2026, 11, 30))
        pid = open_demo(s).profile_id
        assert pid is not None
        target = dt.date(2028, 6, 1)
        changes = planning.update_profile(s, pid, {"target_date": target})
        assert changes.plan
        assert plans.active_plan(store, pid).target == target
        history.undo_last(s, pid)
        assert plans.active_plan(store, pid).target is None
