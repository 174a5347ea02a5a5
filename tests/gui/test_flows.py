"""The main flows of the desktop app, end to end, offscreen, as a person would go through them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.gui.conftest import FakeDialogs, settle

pytestmark = pytest.mark.gui
CV_DIR = Path(__file__).resolve().parent.parent / "cv" / "files"


def open_demo(qtbot: Any, window: Any) -> None:
    qtbot.mouseClick(window.welcome.demo, Qt.MouseButton.LeftButton)
    settle(qtbot, window)


def first_open(window: Any) -> str:
    return next(i.key for i in window.state.status.items if i.status in ("todo", "in progress"))


def test_first_start_offers_the_three_ways_in(make_window: Any) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    texts = {b.text() for b in (window.welcome.create, window.welcome.from_cv, window.welcome.demo)}
    assert texts == {"Create my profile", "Start from my CV…", "Open the demo"}


def test_create_a_profile_from_the_welcome_screen_and_get_a_plan(
    qtbot: Any, make_window: Any
) -> None:
    window = make_window()
    qtbot.mouseClick(window.welcome.create, Qt.MouseButton.LeftButton)
    screen = window.profile
    assert window.stack.currentWidget() is screen and screen.creating
    qtbot.keyClicks(screen.name, "Ana <b>Costa</b> & Co")
    screen.years.setValue(4)
    qtbot.keyClicks(screen.search, "Python")
    qtbot.mouseClick(screen.add, Qt.MouseButton.LeftButton)
    assert [line.skill for line in screen.model.lines()] == ["python"]
    qtbot.mouseClick(screen.next, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.roles
    assert window.state.profiles == []  # nothing saved before the plan is made
    window.roles.select("data-scientist")
    qtbot.mouseClick(window.roles.generate, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.stack.currentWidget() is window.dashboard
    assert window.state.profile.name == "Ana <b>Costa</b> & Co"
    assert window.state.status.plan.role_id == "data-scientist"
    assert window.roadmap.model.count() == len(window.state.status.items) > 5
    # typed text is shown as typed, never read as markup
    assert window.dashboard.title.text().startswith("Ana <b>Costa</b> & Co")
    assert window.dashboard.title.textFormat() == Qt.TextFormat.PlainText


def test_tick_changes_progress_survives_a_restart_and_undoes(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    before = window.state.status.overall
    key = first_open(window)
    index = window.roadmap.model.index_of(key)
    window.roadmap.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    settle(qtbot, window)
    after = window.state.status.overall
    assert after.done == before.done + 1 and after.done_hours > before.done_hours
    assert window.dashboard.percent.text() == f"{after.percent}%"
    window.close()

    again = make_window()
    item = next(i for i in again.state.status.items if i.key == key)
    assert item.status == "done"
    assert again.stack.currentWidget() is again.dashboard
    again.undo_action.trigger()
    settle(qtbot, again)
    item = next(i for i in again.state.status.items if i.key == key)
    assert item.status != "done"
    assert again.state.status.overall.done == before.done
    again.redo_action.trigger()
    settle(qtbot, again)
    assert next(i for i in again.state.status.items if i.key == key).status == "done"


def test_space_toggles_the_selected_deliverable(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    window.go("roadmap")
    key = first_open(window)
    window.roadmap.select(key)
    settle(qtbot, window)
    window.roadmap.tree.setFocus()
    QTest.keyClick(window.roadmap.tree, Qt.Key.Key_Space)
    settle(qtbot, window)
    assert next(i for i in window.state.status.items if i.key == key).status == "done"


def test_log_hours_note_and_evidence_show_in_the_details(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    window.go("roadmap")
    key = first_open(window)
    window.roadmap.select(key)
    settle(qtbot, window)
    screen = window.roadmap
    screen.log_hours.setValue(2.5)
    qtbot.mouseClick(screen.log, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.keyClicks(screen.note, "Chapter 3 was hard <b>& worth it</b>")
    qtbot.mouseClick(screen.add_note, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.keyClicks(screen.evidence, "https://example.org/cert/123")
    qtbot.mouseClick(screen.add_evidence, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    details = screen.details
    assert details is not None and details.key == key
    assert sum(h for _, h in details.logs) >= 2.5
    assert ("Chapter 3 was hard <b>& worth it</b>") in [t for _, t in details.notes]
    assert details.evidence[-1][1:] == ("link", "https://example.org/cert/123")


def test_export_the_executive_summary_as_pdf(
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
    # asked again for the same file: it is replaced only after a yes
    first = out.stat().st_mtime_ns
    fake_dialogs.answer = False
    qtbot.mouseClick(window.reports.buttons[("summary", "pdf")], Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert fake_dialogs.said("confirm")[-1].startswith("summary.pdf exists already")
    assert out.stat().st_mtime_ns == first


def test_open_the_demo(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    state = window.state
    assert state.profile.name == "Santana Mena"
    assert state.role.id == "senior-ai-engineer"
    assert state.status.overall.done > 0  # the demo comes with months of history
    assert window.stack.currentWidget() is window.dashboard
    assert window.gaps.readiness.text() == f"{state.analysis.readiness}%"


def test_start_from_a_cv_shows_evidence_and_saves_nothing(
    qtbot: Any, make_window: Any, fake_dialogs: FakeDialogs, tmp_path: Path
) -> None:
    source = sorted(CV_DIR.glob("*.txt"))[0]
    cv = tmp_path / source.name
    shutil.copy(source, cv)
    fake_dialogs.open_path = str(cv)
    window = make_window()
    qtbot.mouseClick(window.welcome.from_cv, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    screen = window.profile
    assert window.stack.currentWidget() is screen and screen.creating
    assert screen.table.model() is screen.cv_model
    lines = screen.cv_model.lines()
    assert len(lines) >= 5 and all(line.evidence for line in lines)
    assert screen.name.text()  # the name was read from the CV
    assert window.state.profiles == []


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

    def broken(store: object) -> None:
        raise RuntimeError("boom")

    window.ops.run(broken)
    settle(qtbot, window)
    logs = list((data_dir / "logs").glob("crash-*.txt"))
    assert len(logs) == 1 and "RuntimeError: boom" in logs[0].read_text()
    assert str(logs[0]) in fake_dialogs.said("error")[-1]


def test_a_second_instance_on_the_same_folder_is_refused_politely(
    qtbot: Any, data_dir: Path, fake_dialogs: FakeDialogs
) -> None:
    import argparse

    from PySide6.QtCore import QLockFile

    from skillpath.desktop.app import run

    data_dir.mkdir(parents=True, exist_ok=True)
    held = QLockFile(str(data_dir / "skillpath.lock"))
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
    window.resize(780, 560)  # the offscreen screen is 800 x 600
    window.close()
    again = make_window()
    assert again.stack.currentWidget() is again.gaps
    assert (again.width(), again.height()) == (780, 560)


def test_replan_previews_date_changes_before_applying(
    qtbot: Any, make_window: Any, fake_dialogs: FakeDialogs
) -> None:
    window = make_window()
    open_demo(qtbot, window)
    before = {i.key: i.due for i in window.state.status.items}
    fake_dialogs.answer = False
    window.replan()
    settle(qtbot, window)
    preview = fake_dialogs.said("confirm")[-1]
    assert "→" in preview
    assert {i.key: i.due for i in window.state.status.items} == before
    fake_dialogs.answer = True
    window.replan()
    settle(qtbot, window)
    assert {i.key: i.due for i in window.state.status.items} != before


def test_editing_the_profile_saves_at_once_and_can_be_undone(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_demo(qtbot, window)
    window.go("profile")
    screen = window.profile
    screen.focus.setText("backend development")
    screen.focus.editingFinished.emit()
    qtbot.waitUntil(lambda: screen.saved.text() == "Saved", timeout=5000)
    assert window.state.profile.profile.focus == "backend development"
    window.undo_action.trigger()
    settle(qtbot, window)
    assert window.state.profile.profile.focus == "web development"


def test_copy_a_role_change_it_plan_for_it_and_delete_it(
    qtbot: Any, make_window: Any, fake_dialogs: FakeDialogs, tmp_path: Path
) -> None:
    window = make_window()
    open_demo(qtbot, window)
    window.go("roles")
    window.roles.select("data-scientist")

    def accept_with_fewer_skills(dialog: Any) -> bool:
        rows = dialog.model.rows()[:6]
        rows[0].level = 5
        dialog.model.set_rows(rows)
        dialog.title.setText("Data scientist, health research")
        return True

    window.run_dialog = accept_with_fewer_skills  # type: ignore[method-assign]
    qtbot.mouseClick(window.roles.copy, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    own = [r for r in window.state.own_roles]
    assert [r.title for r in own] == ["Data scientist, health research"]
    role = own[0]
    assert role.id.startswith("own-") and len(role.required) == 6 and role.required[0].level == 5
    assert window.roles.current_role().id == role.id
    # a plan for it
    qtbot.mouseClick(window.roles.generate, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.state.status.plan.role_id == role.id
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
    assert window.state.own_roles == []
    assert window.state.status.plan.role_id == role.id
    window.go("dashboard")
    # imported back from the file
    fake_dialogs.open_path = str(out)
    window.import_role_file()
    settle(qtbot, window)
    assert [r.title for r in window.state.own_roles] == ["Data scientist, health research"]
