"""The target date in the app: the banner on Today, the dashboard and the roadmap, the
plan-and-target dialog's what-if, and the three ways out, each applied for real and undone.

The demo's plan (today 2026-11-26) has about 1,740 h open at a pace of 7.57 h a week: its
forecast ends in April 2031, so a 30-day target cannot be met and a 5-year one is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from skillpath.desktop.dialogs.target import TargetDialog
from tests.gui.conftest import TODAY, open_demo, settle, wait_dialog
from tests.gui.test_layout import cut, outside

IN_30_DAYS = TODAY + dt.timedelta(days=30)
IN_A_YEAR = TODAY + dt.timedelta(days=365)
IN_5_YEARS = TODAY + dt.timedelta(days=5 * 365)
HOSTS = ("today_screen", "dashboard", "roadmap")


def banners(window: Any) -> list[Any]:
    return [getattr(window, name).target_banner for name in HOSTS]


def open_dialog(qtbot: Any, window: Any, host: str = "today") -> TargetDialog:
    """Open the dialog from the banner's button, as a person would."""
    window.go(host)
    settle(qtbot, window)
    screen = window.stack.currentWidget()
    qtbot.mouseClick(screen.target_banner.open_button, Qt.MouseButton.LeftButton)
    return wait_dialog(qtbot, TargetDialog)


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def save_target(qtbot: Any, window: Any, day: dt.date | None) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.has_target.setChecked(day is not None)
    if day is not None:
        dialog.target_edit.setDate(qdate(day))
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)


def ways_ready(qtbot: Any, dialog: TargetDialog) -> None:
    """Wait for the narrower plan, worked out off the UI thread."""
    qtbot.waitUntil(dialog.ready)


def pick(qtbot: Any, dialog: TargetDialog, radio: Any) -> None:
    qtbot.waitUntil(radio.isEnabled)
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.apply_button.isEnabled)


def test_the_banner_says_a_30_day_target_does_not_fit_and_a_5_year_one_fits(
    qtbot: Any, make_window: Any
) -> None:
    window = make_window()
    open_demo(qtbot, window)
    for banner in banners(window):
        assert banner.isVisibleTo(banner.parentWidget())
        assert banner.tone == "quiet" and banner.line.text() == "No target date."
        assert banner.open_button.text() == "Set a target date…"

    save_target(qtbot, window, IN_30_DAYS)
    assert window.view.progress.plan.target == IN_30_DAYS
    assert window.view.profile.profile.target_date == IN_30_DAYS
    for banner in banners(window):
        text = banner.line.text()
        assert text.startswith(f"Does not fit your target date, {IN_30_DAYS}")
        assert "2031-04-20" in text and "after it" in text  # the forecast, and by how much
        assert banner.open_button.text() == "Ways out…"
    # the dashboard's forecast says the same thing
    assert "misses your target date" in window.dashboard.forecast.text()

    save_target(qtbot, window, IN_5_YEARS)
    for banner in banners(window):
        assert banner.line.text().startswith(f"Fits your target date, {IN_5_YEARS}")
        assert "before it" in banner.line.text()
        assert banner.tone == "good"
    assert "meets your target date" in window.dashboard.forecast.text()

    save_target(qtbot, window, None)  # cleared: the quiet link again
    assert window.view.progress.plan.target is None
    assert all(b.tone == "quiet" for b in banners(window))


def test_the_what_if_shows_a_later_finish_at_fewer_hours(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    save_target(qtbot, window, IN_5_YEARS)
    dialog = open_dialog(qtbot, window, "dashboard")
    # at rest, the what-if is the forecast the banner and the dashboard show
    assert dialog.whatif.finish == window.view.progress.forecast_finish
    assert "It fits" in dialog.whatif_line.text()
    at_pace = dialog.whatif.finish
    dialog.hours_spin.setFocus()
    dialog.hours_spin.selectAll()
    qtbot.keyClicks(dialog.hours_spin, "4")
    assert dialog.hours() == 4
    assert dialog.whatif.finish > at_pace
    assert str(dialog.whatif.finish) in dialog.whatif_line.text()
    assert "It does not fit" in dialog.whatif_line.text()  # 4 h a week misses the 5 years
    # dragging the slider answers on every step, without asking the worker anything
    dialog.hours_slider.setFocus()
    finishes = []
    for half_hours in range(8, 161, 4):
        dialog.hours_slider.setValue(half_hours)
        finishes.append(dialog.whatif.finish)
        assert not window.ops.busy
    assert finishes == sorted(finishes, reverse=True) and finishes[0] > finishes[-1]
    assert dialog.hours() == 80
    # an earlier target at the same hours: the what-if says by how much it misses
    dialog.hours_spin.setValue(window.view.progress.rate)
    dialog.target_edit.setDate(qdate(IN_A_YEAR))
    assert "does not fit" in dialog.whatif_line.text()
    assert not dialog.ways_box.isHidden()
    dialog.reject()
    settle(qtbot, window)
    assert window.view.progress.plan.target == IN_5_YEARS  # nothing applied


def test_more_hours_re_plans_keeps_the_hours_and_undoes(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    save_target(qtbot, window, IN_A_YEAR)
    before = window.view.progress
    assert window.dashboard.target_banner.line.text().startswith("Does not fit")
    dialog = open_dialog(qtbot, window, "roadmap")
    assert "33.5 h a week instead of 7.57" in dialog.more_text.text()
    pick(qtbot, dialog, dialog.more_radio)
    preview = dialog.preview.text()
    assert "instead of 2031-01-11" in preview and "deliverables move" in preview
    assert "earlier by up to" in preview
    assert dialog.apply_button.text() == "Re-plan at 33.5 h a week"
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    after = window.view.progress
    assert after.plan.hours_per_week == 33.5
    assert window.view.profile.profile.hours_per_week == 33.5
    assert after.planned_finish <= IN_A_YEAR < before.planned_finish
    assert window.roadmap.summary.text().endswith("at 33.5 h a week.")
    # the plan now ends in time; the forecast still follows the hours logged, and says so
    text = window.roadmap.target_banner.line.text()
    assert text.startswith(f"The plan ends {after.planned_finish}, in time")
    assert "your pace of the last weeks" in text
    assert "Undo it with Ctrl+Z" in window.statusBar().currentMessage()

    window.undo_action.trigger()
    settle(qtbot, window)
    assert window.view.progress.plan.hours_per_week == 8
    assert window.view.profile.profile.hours_per_week == 8
    assert window.view.progress.planned_finish == before.planned_finish
    assert window.roadmap.target_banner.line.text().startswith("Does not fit")


def test_a_later_finish_moves_the_target_and_undoes(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    save_target(qtbot, window, IN_A_YEAR)
    forecast = window.view.progress.forecast_finish
    dialog = open_dialog(qtbot, window)
    assert f"move the target to {forecast}" in dialog.later_text.text()
    pick(qtbot, dialog, dialog.later_radio)
    assert f"moves from {IN_A_YEAR} to {forecast}" in dialog.preview.text()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.view.progress.plan.target == forecast
    assert window.view.progress.meets_target
    assert window.today_screen.target_banner.line.text().startswith(
        f"Fits your target date, {forecast}"
    )
    window.undo_action.trigger()
    settle(qtbot, window)
    assert window.view.progress.plan.target == IN_A_YEAR
    assert window.today_screen.target_banner.line.text().startswith("Does not fit")


def test_a_narrower_scope_makes_a_new_plan_that_fits_and_undoes(
    qtbot: Any, make_window: Any
) -> None:
    window = make_window()
    open_demo(qtbot, window)
    save_target(qtbot, window, IN_A_YEAR)
    before = window.view.progress
    dialog = open_dialog(qtbot, window)
    ways_ready(qtbot, dialog)
    scope = dialog.ways.scope
    assert scope is not None and scope.finish <= IN_A_YEAR
    assert f"defer {len(scope.deferred)}" in dialog.scope_text.text()
    pick(qtbot, dialog, dialog.scope_radio)
    preview = dialog.preview.text()
    assert "machine learning" in preview and "to a later plan" in preview
    assert f"ending {scope.finish}" in preview and "kept in the history" in preview
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    after = window.view.progress
    assert after.plan.id != before.plan.id
    assert after.plan.options["deferred"] == scope.deferred
    assert after.planned_finish == scope.finish and after.plan.target == IN_A_YEAR
    assert window.roadmap.model.count() == len(after.items) < len(before.items)
    assert window.dashboard.target_banner.line.text().startswith("Fits your target date")
    window.undo_action.trigger()
    settle(qtbot, window)
    assert window.view.progress.plan.id == before.plan.id
    assert len(window.view.items) == len(before.items)
    assert window.dashboard.target_banner.line.text().startswith("Does not fit")


def test_a_target_too_close_offers_only_what_is_possible(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    save_target(qtbot, window, IN_30_DAYS)
    dialog = open_dialog(qtbot, window)
    ways_ready(qtbot, dialog)
    assert not dialog.more_radio.isEnabled()
    assert "more than the 80 h a week a plan allows" in dialog.more_text.text()
    assert not dialog.scope_radio.isEnabled()
    assert "even the most important gap alone" in dialog.scope_text.text()
    assert dialog.later_radio.isEnabled()
    dialog.reject()


def test_the_controls_are_reached_and_used_by_keyboard_alone(qtbot: Any, make_window: Any) -> None:
    window = make_window(size=(800, 600))
    open_demo(qtbot, window)
    window.go("today")
    settle(qtbot, window)
    banner = window.today_screen.target_banner
    window.nav_list.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(40):
        if QApplication.focusWidget() is banner.open_button:
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is banner.open_button
    QTest.keyClick(banner.open_button, Qt.Key.Key_Space)
    dialog = wait_dialog(qtbot, TargetDialog)
    # "Set a target date" opens with a date to set, in the field
    assert dialog.has_target.isChecked() and dialog.target_edit.hasFocus()
    QTest.keyClick(dialog.target_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.target_edit, "2027-06-30")
    assert dialog.target() == dt.date(2027, 6, 30)
    QTest.keyClick(dialog.target_edit, Qt.Key.Key_Down)  # on the day: a day earlier
    assert dialog.target() == dt.date(2027, 6, 29)
    wanted: list[QWidget] = [
        dialog.has_target,
        dialog.target_edit,
        dialog.hours_slider,
        dialog.hours_spin,
        dialog.more_radio,
        dialog.save_button,
        dialog.close_button,
    ]
    seen = set()
    for _ in range(30):
        focus = QApplication.focusWidget()
        seen.add(id(focus))
        QTest.keyClick(focus, Qt.Key.Key_Tab)
    assert [w.accessibleName() or w.text() for w in wanted if id(w) not in seen] == []
    # the ways out by their keys: Alt+L picks the later finish, then Tab to Apply
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.later_radio.isChecked)  # a mnemonic clicks after its animation
    assert dialog.apply_button.isEnabled()
    for _ in range(10):
        if QApplication.focusWidget() is dialog.apply_button:
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.apply_button
    QTest.keyClick(dialog.apply_button, Qt.Key.Key_Space)
    settle(qtbot, window)
    assert window.view.progress.plan.target == window.view.progress.forecast_finish
    assert banner.line.text().startswith("Fits your target date")


def test_the_dialog_fits_at_800_by_600_with_nothing_cut(qtbot: Any, make_window: Any) -> None:
    window = make_window(size=(800, 600))
    open_demo(qtbot, window)
    save_target(qtbot, window, IN_A_YEAR)
    dialog = open_dialog(qtbot, window)
    ways_ready(qtbot, dialog)
    pick(qtbot, dialog, dialog.scope_radio)
    qtbot.wait(30)
    assert dialog.width() <= 800 and dialog.height() <= 600
    problems = cut(dialog) + outside(dialog)
    assert problems == []
    for name in ("today", "dashboard", "roadmap"):
        window.go(name)
        settle(qtbot, window)
        banner = window.stack.currentWidget().target_banner
        assert cut(banner) == []
    dialog.reject()


def test_closing_while_the_ways_out_are_worked_out_is_safe(qtbot: Any, make_window: Any) -> None:
    """The View menu opens the dialog too; closing it before the worker answers drops the
    answer (no crash, nothing changed)."""
    window = make_window()
    open_demo(qtbot, window)
    save_target(qtbot, window, IN_A_YEAR)
    entry = next(a for a in window.menu_actions if a.text() == "&Plan and target date…")
    for days in (300, 200):
        entry.trigger()
        dialog = wait_dialog(qtbot, TargetDialog)
        # closed the moment the question goes to the worker: its answer comes too late
        dialog._timer.timeout.connect(dialog.reject)
        closed: list[int] = []
        dialog.finished.connect(closed.append)
        dialog.target_edit.setDate(qdate(TODAY + dt.timedelta(days=days)))
        qtbot.waitUntil(lambda c=closed: bool(c))
        settle(qtbot, window)
        qtbot.wait(50)
    assert window.view.progress.plan.target == IN_A_YEAR


def test_the_ways_out_follow_the_date_as_it_moves(qtbot: Any, make_window: Any) -> None:
    """Stepping the date day by day answers the quick figures at once and works out the
    narrower plan for the date it stops on (answers for dates passed are not shown)."""
    window = make_window()
    open_demo(qtbot, window)
    save_target(qtbot, window, IN_A_YEAR)
    dialog = open_dialog(qtbot, window)
    ways_ready(qtbot, dialog)
    first = dialog.ways.scope
    last = IN_A_YEAR + dt.timedelta(days=200)
    for days in range(0, 201, 10):
        day = IN_A_YEAR + dt.timedelta(days=days)
        dialog.target_edit.setDate(qdate(day))
        assert f"ends the open work by {day}" in dialog.more_text.text()
        qtbot.wait(15)
    assert dialog.target() == last
    ways_ready(qtbot, dialog)
    assert dialog.ways_for == last
    assert dialog.ways.scope.finish <= last
    assert len(dialog.ways.scope.kept) > len(first.kept)  # more time, more kept
    assert dialog.ways.scope.finish.isoformat() in dialog.scope_text.text()
    dialog.reject()
