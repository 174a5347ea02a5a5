"""The app as it is used every day: Today first, ticks with the hours spent, the keyboard all
the way (no mouse event at all in the daily loop), the Deliverable menu's shortcuts, and the
small defects people ran into, each with the test that would have caught it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox

from skillpath.core.records import Snapshot
from skillpath.core.rules import Kind, Status
from skillpath.desktop.dialogs.deliverable import DeliverableDialog
from skillpath.desktop.dialogs.hours import HoursSpentDialog
from skillpath.desktop.dialogs.replan import ReplanDialog
from skillpath.desktop.screens.dashboard import activity_lines, readiness_points
from tests.gui.conftest import TODAY, settle, wait_dialog

KEY = Qt.KeyboardModifier


class MouseWatch(QObject):
    """Counts every mouse button event the app receives."""

    def __init__(self) -> None:
        super().__init__()
        self.events = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        ):
            self.events += 1
        return False


@pytest.fixture
def demo_folder(data_dir: Path) -> Path:
    """A data folder holding the demo, made before the app opens (as by `skillpath demo`)."""
    from skillpath.core.actions.demo import open_demo as make_demo
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.db.store import Store
    from skillpath.core.session import APP, Session

    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store.open(data_dir, daily_backup=False)
    try:
        make_demo(Session(store, shipped_catalog(), APP, TODAY))
    finally:
        store.close()
    return data_dir


@pytest.fixture
def no_mouse(qapp: QApplication) -> Iterator[MouseWatch]:
    watch = MouseWatch()
    qapp.installEventFilter(watch)
    yield watch
    qapp.removeEventFilter(watch)


def key(qtbot: Any, k: Qt.Key, modifier: Qt.KeyboardModifier = KEY.NoModifier) -> None:
    """Press a key where the focus is, as a person at the keyboard does."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, k, modifier)


def type_text(text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClicks(target, text)


def answer_hours(qtbot: Any, hours: float) -> None:
    dialog = wait_dialog(qtbot, HoursSpentDialog)
    dialog.spin.setValue(hours)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


# ------------------------------------------------------------------ Today


def test_the_app_opens_on_today_with_what_is_due_first(
    qtbot: Any, demo_folder: Path, make_window: Any
) -> None:
    window = make_window()
    screen = window.today_screen
    assert window.stack.currentWidget() is screen
    groups = [g.title for g in screen.model.groups()]
    assert groups[0] in ("Overdue", "Due this week") and groups[-1] == "Next up"
    due = set(window.view.progress.due_soon) | set(window.view.progress.overdue)
    assert screen.current_key() in due  # the most urgent one is selected
    assert QApplication.focusWidget() is screen.tree  # and the keyboard starts there


def test_today_ticks_in_place_asking_the_hours_spent(
    qtbot: Any, demo_folder: Path, make_window: Any
) -> None:
    window = make_window()
    screen = window.today_screen
    key_ = screen.model.row_keys()[0]
    index = screen.model.index_of(key_)
    rect = screen.tree.visualRect(index)
    assert rect.isValid()
    screen.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    dialog = wait_dialog(qtbot, HoursSpentDialog)
    assert dialog.spin.value() == window.view.item(key_).logged  # what is logged, to start
    answer_hours(qtbot, 35)
    settle(qtbot, window)
    item = window.view.item(key_)
    assert item.status is Status.DONE and item.logged == 35
    # it stays where it was, ticked and struck through, until Today is shown again
    assert screen.model.row_keys()[0] == key_
    assert screen.model.index_of(key_).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    window.go("roadmap")
    window.go("today")
    assert key_ not in screen.model.row_keys()


def test_the_daily_loop_by_keyboard_alone(
    qtbot: Any, demo_folder: Path, make_window: Any, no_mouse: MouseWatch
) -> None:
    """Open, move to a due item, tick it, log an hour, add a note, undo: no mouse event."""
    window = make_window()
    screen = window.today_screen
    assert QApplication.focusWidget() is screen.tree
    view = window.view
    due = set(view.progress.due_soon) | set(view.progress.overdue)
    key(qtbot, Qt.Key.Key_Home)
    for _ in range(len(screen.model.row_keys()) + 4):
        if screen.current_key() in due:
            break
        key(qtbot, Qt.Key.Key_Down)
    ticked = screen.current_key()
    assert ticked in due
    key(qtbot, Qt.Key.Key_Space)  # tick: how many hours did it take?
    dialog = wait_dialog(qtbot, HoursSpentDialog)
    assert QApplication.focusWidget() is dialog.spin
    key(qtbot, Qt.Key.Key_A, KEY.ControlModifier)
    type_text("31")
    key(qtbot, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.view.item(ticked).status is Status.DONE
    assert window.view.item(ticked).logged == 31
    window.activateWindow()  # what a window manager does when the dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    assert QApplication.focusWidget() is screen.tree
    key(qtbot, Qt.Key.Key_Down)  # the next one
    worked = screen.current_key()
    assert worked is not None and worked != ticked
    before = window.view.item(worked).logged
    key(qtbot, Qt.Key.Key_L, KEY.ControlModifier)  # log hours: 1 h, today
    assert QApplication.focusWidget() is screen.pane.log_hours
    key(qtbot, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.view.item(worked).logged == before + 1
    key(qtbot, Qt.Key.Key_N, KEY.ControlModifier | KEY.ShiftModifier)  # a note
    assert QApplication.focusWidget() is screen.pane.note
    type_text("Read chapter 2")
    key(qtbot, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert [n.text for n in screen.pane.details.notes][-1] == "Read chapter 2"
    key(qtbot, Qt.Key.Key_Escape)  # back to the list
    assert QApplication.focusWidget() is screen.tree
    key(qtbot, Qt.Key.Key_Z, KEY.ControlModifier)  # undo the note
    settle(qtbot, window)
    assert "Read chapter 2" not in [n.text for n in screen.pane.details.notes]
    assert window.view.item(ticked).status is Status.DONE  # only the last change went
    assert no_mouse.events == 0


def test_one_tab_from_the_list_reaches_the_note(
    qtbot: Any, demo_folder: Path, make_window: Any
) -> None:
    window = make_window()
    for name in ("today", "roadmap"):
        window.go(name)
        screen = window.screen_for(name)
        screen.focus_list()
        key(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is screen.pane.note, name


# ------------------------------------------------------------------ the roadmap's keys


def test_roadmap_keys_edit_skip_move_remove_and_undo(
    qtbot: Any, demo_folder: Path, make_window: Any
) -> None:
    window = make_window()
    window.go("roadmap")
    screen = window.roadmap
    screen.focus_list()
    keys = [i.key for i in window.view.items if i.phase == 2]
    screen.select(keys[1])
    key(qtbot, Qt.Key.Key_Return)  # Enter edits
    dialog = wait_dialog(qtbot, DeliverableDialog)
    assert dialog.title_edit.text() == window.view.item(keys[1]).title
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    key(qtbot, Qt.Key.Key_S, KEY.ControlModifier | KEY.ShiftModifier)  # skip
    settle(qtbot, window)
    assert window.view.item(keys[1]).status is Status.SKIPPED
    key(qtbot, Qt.Key.Key_Up, KEY.AltModifier)  # move up
    settle(qtbot, window)
    assert [i.key for i in window.view.items if i.phase == 2][:2] == [keys[1], keys[0]]
    assert screen.current_key() == keys[1]  # the moved row stays selected
    key(qtbot, Qt.Key.Key_Up, KEY.AltModifier)  # past the top: the end of phase 1
    settle(qtbot, window)
    assert window.view.item(keys[1]).phase == 1
    key(qtbot, Qt.Key.Key_Delete)  # remove, no question: it can be undone
    settle(qtbot, window)
    assert window.view.item(keys[1]) is None
    assert "Undo it with Ctrl+Z" in window.statusBar().currentMessage()
    key(qtbot, Qt.Key.Key_Z, KEY.ControlModifier)
    settle(qtbot, window)
    assert window.view.item(keys[1]) is not None


def test_quick_add_search_and_filters(qtbot: Any, demo_folder: Path, make_window: Any) -> None:
    window = make_window()
    window.go("roadmap")
    screen = window.roadmap
    screen.quick_add.setFocus()
    type_text("Pair on a RAG demo")
    key(qtbot, Qt.Key.Key_Return)
    settle(qtbot, window)
    added = [i for i in window.view.items if i.title == "Pair on a RAG demo"]
    assert len(added) == 1 and screen.current_key() == added[0].key
    assert "own-" not in window.statusBar().currentMessage()
    screen.focus_list()
    key(qtbot, Qt.Key.Key_F, KEY.ControlModifier)
    assert QApplication.focusWidget() is screen.search
    type_text("rag demo")
    assert screen.model.row_keys() == [added[0].key]
    key(qtbot, Qt.Key.Key_Escape)  # clears the search, back to the list
    assert screen.search.text() == "" and screen.model.count() == len(window.view.items)
    screen.filter.setCurrentText("Done")
    assert all(window.view.item(k).status is Status.DONE for k in screen.model.row_keys())


def test_the_banner_is_reachable_by_keyboard(
    qtbot: Any, demo_folder: Path, make_window: Any
) -> None:
    window = make_window()
    assert window.banner.isVisible()
    for button in (window.banner_show, window.banner_hide):
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus and button.accessibleName()
    window.banner_show.setFocus(Qt.FocusReason.TabFocusReason)
    key(qtbot, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.roadmap
    assert window.roadmap.filter.currentText() in ("Overdue", "Due this week")
    window.banner_hide.setFocus(Qt.FocusReason.TabFocusReason)
    key(qtbot, Qt.Key.Key_Space)
    assert not window.banner.isVisible()


# ------------------------------------------------------------------ small defects


def test_visiting_the_profile_changes_nothing(
    qtbot: Any, demo_folder: Path, make_window: Any
) -> None:
    from skillpath.core.actions.planning import update_profile
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.db.store import Store
    from skillpath.core.session import APP, Session

    # figures the form rounds and a date it fills in must not count as changes
    store = Store.open(demo_folder, daily_backup=False)
    try:
        session = Session(store, shipped_catalog(), APP, TODAY)
        update_profile(session, 1, {"years_experience": 3.25, "start_date": None})
    finally:
        store.close()
    window = make_window()
    history = len(window.view.history)
    window.go("profile")
    screen = window.profile
    for field in (screen.name, screen.years, screen.focus, screen.hours, screen.start):
        field.setFocus(Qt.FocusReason.TabFocusReason)
        key(qtbot, Qt.Key.Key_Tab)
    window.go("today")
    qtbot.wait(600)  # longer than the save delay
    settle(qtbot, window)
    assert "Nothing changed" not in window.statusBar().currentMessage()
    assert screen.saved.text() == ""
    assert len(window.view.history) == history
    profile = window.view.profile.profile
    assert profile.years_experience == 3.25 and profile.start_date is None


def test_create_my_plan_with_no_profile_starts_one_and_keeps_the_role(
    qtbot: Any, make_window: Any
) -> None:
    window = make_window()
    window.go("roles")
    window.roles.select("data-scientist")
    qtbot.mouseClick(window.roles.generate, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.profile and window.profile.creating
    assert "First tell Skillpath about yourself" in window.statusBar().currentMessage()
    qtbot.keyClicks(window.profile.name, "Ana")
    qtbot.mouseClick(window.profile.next, Qt.MouseButton.LeftButton)
    assert window.roles.current_role().id == "data-scientist"


def test_a_new_profile_gets_its_best_match_selected_and_in_view(
    qtbot: Any, make_window: Any
) -> None:
    window = make_window()
    window.go("roles")
    window.roles.select("senior-ai-engineer")  # a role chosen earlier must not stick
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    screen = window.profile
    qtbot.keyClicks(screen.name, "Sam")
    for skill in ("Linux", "Networking", "Bash"):
        screen.search.setText(skill)
        qtbot.mouseClick(screen.add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.next, Qt.MouseButton.LeftButton)
    roles = window.roles
    table = roles.table
    best = max(
        range(roles.proxy.rowCount()),
        key=lambda r: roles.proxy.index(r, 4).data(Qt.ItemDataRole.UserRole + 1),
    )
    assert table.currentIndex().row() == best == 0
    assert table.viewport().rect().intersects(table.visualRect(table.currentIndex()))
    assert roles.current_role().id != "senior-ai-engineer"


def test_changing_hours_per_week_offers_to_replan(
    qtbot: Any, demo_folder: Path, make_window: Any
) -> None:
    window = make_window()
    window.go("profile")
    screen = window.profile
    assert not screen.replan.isVisible()
    screen.hours.setValue(12)
    screen.hours.editingFinished.emit()
    qtbot.waitUntil(lambda: screen.saved.text() == "Saved", timeout=5000)
    assert screen.replan.isVisible() and "8 h a week" in screen.pace_hint.text()
    qtbot.mouseClick(screen.replan, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, ReplanDialog)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, window)
    assert window.view.progress.plan.hours_per_week == 12
    assert not screen.replan.isVisible()


def test_recent_activity_lists_each_change_once_and_says_undone_first(
    qtbot: Any, demo_folder: Path, make_window: Any
) -> None:
    window = make_window()
    key_ = window.today_screen.model.row_keys()[0]
    title = window.view.item(key_).title
    window.today_screen.toggle_selected()
    answer_hours(qtbot, 40)
    settle(qtbot, window)
    window.undo_action.trigger()
    settle(qtbot, window)
    window.go("dashboard")
    lines = [
        window.dashboard.activity.item(r).text() for r in range(window.dashboard.activity.count())
    ]
    mentions = [line for line in lines if title[:30] in line]
    assert len(mentions) == 1 and mentions[0].startswith("Undone: ticked")


def test_activity_and_readiness_helpers() -> None:
    import dataclasses

    from skillpath.core.records import HistoryEntry
    from tests.gui.test_models import row

    history = [
        HistoryEntry(2, "t", "ticked 'A course' done", False, "app"),
        HistoryEntry(1, "t", "added 'B'", True, "app"),
    ]
    done = [
        dataclasses.replace(row(k, Kind.COURSE, t, 4, TODAY, Status.DONE), done_on=TODAY)
        for k, t in (("a", "A course"), ("c", "Older course"))
    ]
    assert activity_lines(history, done) == [
        "Ticked 'A course' done",  # once, though it is also among the finished
        "Undone: added 'B'",
        f"Finished “Older course” on {TODAY}",
    ]
    day = dt.date(2026, 11, 2)
    snaps = [
        Snapshot(dt.date(2026, 7, 29), "r", 14, {}),
        Snapshot(day, "r", 15, {}),
        Snapshot(day, "r", 17, {}),  # the same day again: no vertical spike
        Snapshot(day, "other", 80, {}),
    ]
    assert readiness_points(snaps, "r", 17, dt.date(2026, 11, 26)) == [
        (dt.date(2026, 7, 29), 14.0),
        (day, 17.0),
        (dt.date(2026, 11, 26), 17.0),
    ]


def test_levels_are_chosen_by_name_and_explained(
    qtbot: Any, demo_folder: Path, make_window: Any
) -> None:
    window = make_window()
    window.go("profile")
    screen = window.profile
    model = screen.model
    names = [line.name for line in model.lines()]
    calculus = names.index("Calculus")
    qtbot.waitUntil(
        lambda: model.data(model.index(calculus, 2)).startswith("earned by “Calculus"),
        timeout=5000,
    )
    level = model.index(0, 1)
    screen.table.setCurrentIndex(level)
    screen.table.edit(level)
    box = screen.table.focusWidget()
    assert isinstance(box, QComboBox)
    labels = [box.itemText(i) for i in range(box.count())]
    assert labels[0].startswith("0 · none: ") and labels[5].startswith("5 · expert: ")
    assert len(labels) == 6  # no 9 to type and lose
    box.setCurrentIndex(5)
    screen.table.commitData(box)
    assert model.lines()[0].level == 5 and model.data(model.index(0, 2)) == "self-rated"
