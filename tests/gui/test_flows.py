"""The main flows of the desktop app, end to end, as a person would go through them.

Message boxes and file dialogs answer at once here (`fake_dialogs`); each of them is also
opened for real in test_dialogs.py. The app's own dialogs (hours spent, deliverable, re-plan,
role editor) are always the real ones, filled in as a person would.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from skillpath.core.rules import Status
from skillpath.desktop.dialogs import Scripted as FakeDialogs
from skillpath.desktop.dialogs.hours import HoursSpentDialog
from skillpath.desktop.dialogs.replan import ReplanDialog
from skillpath.desktop.dialogs.role_editor import RoleEditor
from tests.gui.conftest import first_open, open_demo, settle, wait_dialog

CV_DIR = Path(__file__).resolve().parent.parent / "cv" / "files"


def answer_hours(qtbot: Any, hours: float | None = None) -> None:
    """Answer the hours-spent question the tick opens (with its default, or `hours`)."""
    dialog = wait_dialog(qtbot, HoursSpentDialog)
    if hours is not None:
        dialog.spin.setValue(hours)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_first_start_offers_the_three_ways_in(make_window: Any) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    welcome = window.welcome
    buttons = (welcome.create_button, welcome.from_cv_button, welcome.demo_button)
    assert {b.text() for b in buttons} == {
        "Create my profile",
        "Start from my CV…",
        "Open the demo",
    }


def test_create_a_profile_from_the_welcome_screen_and_get_a_plan(
    qtbot: Any, make_window: Any
) -> None:
    window = make_window()
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    screen = window.profile
    assert window.stack.currentWidget() is screen and screen.creating
    qtbot.keyClicks(screen.name, "Ana <b>Costa</b> & Co")
    screen.years.setValue(4)
    qtbot.keyClicks(screen.search, "Python")
    qtbot.mouseClick(screen.add, Qt.MouseButton.LeftButton)
    assert [line.skill for line in screen.model.lines()] == ["python"]
    qtbot.mouseClick(screen.next, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.roles
    assert window.view.profiles == []  # nothing saved before the plan is made
    window.roles.select("data-scientist")
    qtbot.mouseClick(window.roles.generate, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.stack.currentWidget() is window.today_screen
    assert window.view.profile.name == "Ana <b>Costa</b> & Co"
    assert window.view.progress.plan.role_id == "data-scientist"
    assert window.roadmap.model.count() == len(window.view.items) > 5
    # typed text is shown as typed, never read as markup
    window.go("dashboard")
    assert window.dashboard.title.text().startswith("Ana <b>Costa</b> & Co")
    assert window.dashboard.title.textFormat() == Qt.TextFormat.PlainText


def test_tick_asks_the_hours_changes_progress_survives_a_restart_and_undoes(
    qtbot: Any, make_window: Any
) -> None:
    window = make_window()
    open_demo(qtbot, window)
    before = window.view.progress.overall
    key = first_open(window)
    window.go("roadmap")
    index = window.roadmap.model.index_of(key)
    window.roadmap.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    answer_hours(qtbot, 30)
    settle(qtbot, window)
    after = window.view.progress.overall
    assert after.done == before.done + 1 and after.done_hours > before.done_hours
    assert window.view.item(key).logged == 30  # the hours spent, as answered
    window.go("dashboard")
    assert window.dashboard.percent.text() == f"{after.percent}%"
    window.close()

    again = make_window()
    assert again.view.item(key).status is Status.DONE
    assert again.stack.currentWidget() is again.dashboard  # the last screen shown
    again.undo_action.trigger()
    settle(qtbot, again)
    assert again.view.item(key).status is not Status.DONE
    assert again.view.progress.overall.done == before.done
    again.redo_action.trigger()
    settle(qtbot, again)
    assert again.view.item(key).status is Status.DONE


def test_cancelling_the_hours_question_leaves_it_open(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    key = first_open(window)
    window.show_deliverable(key)
    QTest.keyClick(window.roadmap.tree, Qt.Key.Key_Space)
    dialog = wait_dialog(qtbot, HoursSpentDialog)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert window.view.item(key).is_open
    index = window.roadmap.model.index_of(key)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_space_toggles_the_selected_deliverable(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    key = first_open(window)
    window.show_deliverable(key)
    QTest.keyClick(window.roadmap.tree, Qt.Key.Key_Space)
    answer_hours(qtbot)
    settle(qtbot, window)
    assert window.view.item(key).status is Status.DONE


def test_log_hours_note_and_evidence_show_in_the_details(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    key = first_open(window)
    window.show_deliverable(key)
    settle(qtbot, window)
    pane = window.roadmap.pane
    pane.log_hours.setValue(2.5)
    qtbot.mouseClick(pane.log, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.keyClicks(pane.note, "Chapter 3 was hard <b>& worth it</b>")
    qtbot.mouseClick(pane.add_note, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.keyClicks(pane.evidence, "https://example.org/cert/123")
    qtbot.mouseClick(pane.add_evidence, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    details = pane.details
    assert details is not None and details.deliverable.key == key
    assert sum(log.hours for log in details.logs) >= 2.5
    assert "Chapter 3 was hard <b>& worth it</b>" in [n.text for n in details.notes]
    assert (details.evidence[-1].kind, details.evidence[-1].value) == (
        "link",
        "https://example.org/cert/123",
    )
    # typed text is shown escaped in the facts, never as markup
    shown = "".join(label.text() for label in pane.facts.findChildren(type(pane.heading)))
    assert "&lt;b&gt;&amp; worth it&lt;/b&gt;" in shown


def test_export_the_executive_summary_as_pdf_asks_where_once(
    qtbot: Any, make_window: Any, fake_dialogs: FakeDialogs, tmp_path: Path
) -> None:
    window = make_window()
    open_demo(qtbot, window)
    window.go("reports")
    out = tmp_path / "summary.pdf"
    fake_dialogs.save_path = str(out)
    qtbot.mouseClick(window.reports.buttons[("summary", "pdf")], Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in window.reports.last.text()
    # again to the same file: the save dialog is the only question (it asks about replacing,
    # see test_dialogs); the app does not ask a second time
    qtbot.mouseClick(window.reports.buttons[("summary", "pdf")], Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert fake_dialogs.said("confirm") == []
    assert len(fake_dialogs.said("save")) == 2


def test_open_the_demo(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    view = window.view
    assert view.profile.name == "Santana Mena"
    assert view.role.id == "senior-ai-engineer"
    assert view.progress.overall.done > 0  # the demo comes with months of history
    assert window.stack.currentWidget() is window.today_screen
    assert window.gaps.readiness.text() == f"{view.analysis.readiness}%"


def test_start_from_a_cv_shows_evidence_and_saves_nothing(
    qtbot: Any, make_window: Any, fake_dialogs: FakeDialogs, tmp_path: Path
) -> None:
    source = sorted(CV_DIR.glob("*.txt"))[0]
    cv = tmp_path / source.name
    shutil.copy(source, cv)
    fake_dialogs.open_path = str(cv)
    window = make_window()
    qtbot.mouseClick(window.welcome.from_cv_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    screen = window.profile
    assert window.stack.currentWidget() is screen and screen.creating
    assert screen.table.model() is screen.cv_model
    lines = screen.cv_model.lines()
    assert len(lines) >= 5 and all(line.evidence for line in lines)
    assert screen.name.text()  # the name was read from the CV
    assert window.view.profiles == []


def test_a_corrupt_database_is_reported_in_plain_words_and_left_alone(
    qtbot: Any, make_window: Any, fake_dialogs: FakeDialogs, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    db = data_dir / "skillpath.sqlite"
    garbage = b"this is not a database" * 100
    db.write_bytes(garbage)
    window = make_window()
    errors = fake_dialogs.said("error")
    assert len(errors) == 1 and "\n" not in errors[0] and "Traceback" not in errors[0]
    assert db.read_bytes() == garbage
    assert window.stack.currentWidget() is window.settings_screen


def test_a_bug_in_a_job_is_logged_and_explained(
    qtbot: Any, make_window: Any, fake_dialogs: FakeDialogs, data_dir: Path
) -> None:
    window = make_window()

    def broken(session: object) -> None:
        raise RuntimeError("boom")

    window.ops.read(broken, lambda _: None)
    settle(qtbot, window)
    logs = list((data_dir / "logs").glob("crash-*.txt"))
    assert len(logs) == 1 and "RuntimeError: boom" in logs[0].read_text()
    assert str(logs[0]) in fake_dialogs.said("error")[-1]
    logs[0].unlink()  # provoked on purpose: not a crash of the app


def test_a_second_instance_on_the_same_folder_is_refused_politely(
    qtbot: Any, data_dir: Path, fake_dialogs: FakeDialogs
) -> None:
    import argparse

    from PySide6.QtCore import QLockFile

    from skillpath.desktop.app import run

    data_dir.mkdir(parents=True, exist_ok=True)
    held = QLockFile(str(data_dir / "skillpath-window.lock"))
    assert held.tryLock(100)
    try:
        assert run(argparse.Namespace(data_dir=str(data_dir))) == 0
    finally:
        held.unlock()
    assert "already open" in fake_dialogs.said("info")[-1]


def test_window_size_and_last_screen_are_remembered(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    window.go("gaps")
    window.resize(780, 560)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (780, 560))
    window.close()
    again = make_window()
    assert again.stack.currentWidget() is again.gaps
    assert (again.width(), again.height()) == (780, 560)


def test_replan_previews_date_changes_before_applying(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    before = {i.key: i.due for i in window.view.items}
    window.go("roadmap")
    qtbot.mouseClick(window.roadmap.replan, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, ReplanDialog)
    assert dialog.moves.count() > 0 and "→" in dialog.moves.item(0).text()
    dialog.reject()
    settle(qtbot, window)
    assert {i.key: i.due for i in window.view.items} == before
    qtbot.mouseClick(window.roadmap.replan, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, ReplanDialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Re-plan"
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert {i.key: i.due for i in window.view.items} != before


def test_editing_the_profile_saves_at_once_and_can_be_undone(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    window.go("profile")
    screen = window.profile
    screen.focus.setText("backend development")
    screen.focus.editingFinished.emit()
    qtbot.waitUntil(lambda: screen.saved.text() == "Saved", timeout=5000)
    assert window.view.profile.profile.focus == "backend development"
    window.undo_action.trigger()
    settle(qtbot, window)
    assert window.view.profile.profile.focus == "web development"


def test_copy_a_role_change_it_plan_for_it_and_delete_it(
    qtbot: Any, make_window: Any, fake_dialogs: FakeDialogs, tmp_path: Path
) -> None:
    window = make_window()
    open_demo(qtbot, window)
    window.go("roles")
    window.roles.select("data-scientist")
    qtbot.mouseClick(window.roles.copy, Qt.MouseButton.LeftButton)
    editor = wait_dialog(qtbot, RoleEditor)  # the real editor, filled in as a person would
    rows = editor.model.rows()[:6]
    editor.model.set_rows(rows)
    level = editor.model.index(0, 1)
    editor.table.setCurrentIndex(level)
    editor.table.edit(level)
    box = editor.table.indexWidget(level) or editor.table.focusWidget()
    box.setCurrentIndex(box.findData(5))  # level 5 · expert, picked by name
    editor.table.commitData(box)
    editor.title.clear()
    qtbot.keyClicks(editor.title, "Data scientist, health research")
    save = editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    own = list(window.view.own_roles)
    assert [r.title for r in own] == ["Data scientist, health research"]
    role = own[0]
    assert role.id.startswith("own-") and len(role.required) == 6 and role.required[0].level == 5
    assert window.roles.current_role().id == role.id
    # a plan for it (the question about replacing the current plan says yes)
    qtbot.mouseClick(window.roles.generate, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert "Make a new plan?" in fake_dialogs.said("confirm")[-1]
    assert window.view.progress.plan.role_id == role.id
    # shared as a file, and deleted: the plan stays usable
    out = tmp_path / "role.toml"
    fake_dialogs.save_path = str(out)
    window.go("roles")
    window.roles.select(role.id)
    qtbot.mouseClick(window.roles.export_role, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert 'title = "Data scientist, health research"' in out.read_text(encoding="utf-8")
    qtbot.mouseClick(window.roles.delete_own, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.view.own_roles == []
    assert window.view.progress.plan.role_id == role.id
    # imported back from the file
    fake_dialogs.open_path = str(out)
    qtbot.mouseClick(window.roles.import_role, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert [r.title for r in window.view.own_roles] == ["Data scientist, health research"]


def test_the_app_starts_after_the_command_line_wrote_to_its_folder(tmp_path: Path) -> None:
    """The real entry point, as a person starts it: the command line's brief folder lock
    must never read as "Skillpath is already open"."""
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    env.update(
        SKILLPATH_DATA_DIR=str(tmp_path / "data"),
        SKILLPATH_CACHE_DIR=str(tmp_path / "cache"),
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        SKILLPATH_EXIT_AFTER_PAINT="1",
    )
    command = [sys.executable, "-m", "skillpath.desktop.main"]
    subprocess.run([*command, "demo", "--json"], env=env, check=True, capture_output=True)
    started = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stderr
    assert "painted" in started.stdout
