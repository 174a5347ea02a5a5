"""Every dialog and window the app can open, opened for real (nothing replaced), answered as
a person would: message boxes, questions, file dialogs (including the one question about
replacing a file), the app's own dialogs, the progress dialog, the shortcuts page.

Under Xvfb these run on a real X server, where a widget attribute hiding a Qt method (the
`DeliverableDialog.metric` crash) kills the process instead of passing offscreen.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLockFile, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
)

from skillpath.desktop import dialogs
from skillpath.desktop.dialogs.deliverable import DeliverableDialog
from skillpath.desktop.dialogs.shortcuts import ShortcutsDialog
from tests.gui.conftest import first_open, open_demo, settle, wait_dialog

CV_DIR = Path(__file__).resolve().parent.parent / "cv" / "files"


@pytest.fixture(autouse=True)
def _qt_file_dialogs(qapp: QApplication) -> None:
    """Qt's own file dialog (a desktop's native one cannot be driven from a test)."""
    qapp.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def choose_file(qtbot: Any, path: Path) -> QFileDialog:
    """Type `path` into the file dialog the app opened and press Enter."""
    box = wait_dialog(qtbot, QFileDialog)
    name = box.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    name.setText(str(path))
    QTest.keyClick(name, Qt.Key.Key_Return)
    return box


def press(qtbot: Any, box: QMessageBox, text: str) -> None:
    names = [b.text().replace("&", "") for b in box.buttons()]
    assert text in names, f"{box.text()!r} offers {names}"
    button = box.buttons()[names.index(text)]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# ------------------------------------------------------------------ the builders


def test_a_message_box_shows_text_as_typed_and_closes_on_ok(qtbot: Any) -> None:
    box = dialogs.message_box(None, "Skillpath", "Saved <b>report</b> & more")
    closed: list[int] = []
    box.finished.connect(closed.append)
    box.open()
    qtbot.waitExposed(box)
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text().endswith("& more")
    press(qtbot, box, "OK")
    qtbot.waitUntil(lambda: bool(closed))


def test_a_question_says_yes_only_when_yes_is_pressed(qtbot: Any) -> None:
    said: list[str] = []
    real = dialogs.Dialogs()
    real.confirm(None, "Remove", "Remove it?", lambda: said.append("yes"), yes_text="Remove")
    box = wait_dialog(qtbot, QMessageBox)
    assert box.defaultButton().text() == "Cancel"  # Enter never destroys anything
    QTest.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert said == []
    real.confirm(None, "Remove", "Remove it?", lambda: said.append("yes"), yes_text="Remove")
    press(qtbot, wait_dialog(qtbot, QMessageBox), "Remove")
    qtbot.waitUntil(lambda: said == ["yes"])


# ------------------------------------------------------------------ in the app


def test_making_a_new_plan_asks_first(qtbot: Any, make_real_window: Any) -> None:
    window = make_real_window()
    open_demo(qtbot, window)
    plan = window.view.progress.plan.id
    window.go("roles")
    window.roles.select("data-scientist")
    qtbot.mouseClick(window.roles.generate, Qt.MouseButton.LeftButton)
    press(qtbot, wait_dialog(qtbot, QMessageBox), "Cancel")
    settle(qtbot, window)
    assert window.view.progress.plan.id == plan
    qtbot.mouseClick(window.roles.generate, Qt.MouseButton.LeftButton)
    box = wait_dialog(qtbot, QMessageBox)
    assert "kept in the history" in box.text()
    press(qtbot, box, "Make a new plan")
    settle(qtbot, window)
    assert window.view.progress.plan.role_id == "data-scientist"


def test_deleting_an_own_role_asks_first(qtbot: Any, make_real_window: Any) -> None:
    from skillpath.desktop.dialogs.role_editor import RoleEditor

    window = make_real_window()
    open_demo(qtbot, window)
    window.go("roles")
    window.roles.select("data-scientist")
    qtbot.mouseClick(window.roles.copy, Qt.MouseButton.LeftButton)
    editor = wait_dialog(qtbot, RoleEditor)
    save = editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert len(window.view.own_roles) == 1
    qtbot.mouseClick(window.roles.delete_own, Qt.MouseButton.LeftButton)
    box = wait_dialog(qtbot, QMessageBox)
    assert "Delete your role" in box.text()
    press(qtbot, box, "Delete")
    settle(qtbot, window)
    assert window.view.own_roles == []


def test_about_and_the_database_check_are_shown_and_closed(
    qtbot: Any, make_real_window: Any, data_dir: Path
) -> None:
    window = make_real_window()
    open_demo(qtbot, window)
    window.about()
    box = wait_dialog(qtbot, QMessageBox)
    assert box.textFormat() == Qt.TextFormat.RichText and str(data_dir) in box.text()
    press(qtbot, box, "OK")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.go("settings")
    qtbot.mouseClick(window.settings_screen.check, Qt.MouseButton.LeftButton)
    box = wait_dialog(qtbot, QMessageBox, timeout=15000)
    assert "healthy" in box.text()
    press(qtbot, box, "OK")


def test_an_error_is_one_plain_line_in_a_warning(
    qtbot: Any, make_real_window: Any, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "skillpath.sqlite").write_bytes(b"this is not a database" * 100)
    window = make_real_window()
    box = wait_dialog(qtbot, QMessageBox)
    assert box.icon() == QMessageBox.Icon.Warning
    assert "\n" not in box.text() and "Traceback" not in box.text()
    press(qtbot, box, "OK")
    assert window.stack.currentWidget() is window.settings_screen


def test_a_crash_is_explained_with_where_its_log_is(
    qtbot: Any, make_real_window: Any, data_dir: Path
) -> None:
    window = make_real_window()

    def broken(session: object) -> None:
        raise RuntimeError("boom")

    window.ops.read(broken, lambda _: None)
    box = wait_dialog(qtbot, QMessageBox)
    logs = list((data_dir / "logs").glob("crash-*.txt"))
    assert len(logs) == 1 and str(logs[0]) in box.text()
    press(qtbot, box, "OK")
    logs[0].unlink()  # provoked on purpose


def test_a_cv_is_chosen_in_the_open_dialog(
    qtbot: Any, make_real_window: Any, tmp_path: Path
) -> None:
    source = sorted(CV_DIR.glob("*.txt"))[0]
    cv = tmp_path / source.name
    shutil.copy(source, cv)
    window = make_real_window()
    qtbot.mouseClick(window.welcome.from_cv_button, Qt.MouseButton.LeftButton)
    choose_file(qtbot, cv)
    settle(qtbot, window)
    assert window.stack.currentWidget() is window.profile
    assert window.profile.table.model() is window.profile.cv_model


def test_an_export_asks_once_about_replacing_a_file(
    qtbot: Any, make_real_window: Any, tmp_path: Path
) -> None:
    window = make_real_window()
    open_demo(qtbot, window)
    window.go("reports")
    out = tmp_path / "summary.md"
    button = window.reports.buttons[("summary", "md")]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    choose_file(qtbot, out)
    settle(qtbot, window)
    assert "Santana Mena" in out.read_text(encoding="utf-8")
    out.write_text("mine", encoding="utf-8")
    questions: list[str] = []

    def answer(word: str) -> None:
        # the file dialog's own question; it waits in Qt's loop, so answer it from a timer
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            questions.append(box.text())
            press(qtbot, box, word)
        else:
            QTimer.singleShot(50, lambda: answer(word))

    for word in ("No", "Yes"):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        QTimer.singleShot(50, lambda w=word: answer(w))
        box = choose_file(qtbot, out)
        if word == "No":  # not replaced: the save dialog stays open to choose another name
            qtbot.waitUntil(lambda: len(questions) == 1)
            assert box.isVisible()
            box.reject()
            settle(qtbot, window)
            assert out.read_text(encoding="utf-8") == "mine"
    settle(qtbot, window)
    assert len(questions) == 2 and "already exists" in questions[0]
    assert "Santana Mena" in out.read_text(encoding="utf-8")  # replaced after one yes
    assert QApplication.activeModalWidget() is None  # and the app asked nothing more


def test_a_role_file_goes_out_and_back_through_the_file_dialogs(
    qtbot: Any, make_real_window: Any, tmp_path: Path
) -> None:
    from skillpath.desktop.dialogs.role_editor import RoleEditor

    window = make_real_window()
    open_demo(qtbot, window)
    window.go("roles")
    window.roles.select("data-scientist")
    qtbot.mouseClick(window.roles.copy, Qt.MouseButton.LeftButton)
    editor = wait_dialog(qtbot, RoleEditor)
    editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    settle(qtbot, window)
    role = window.view.own_roles[0]
    out = tmp_path / "role.toml"
    qtbot.mouseClick(window.roles.export_role, Qt.MouseButton.LeftButton)
    choose_file(qtbot, out)
    settle(qtbot, window)
    assert role.title in out.read_text(encoding="utf-8")
    qtbot.mouseClick(window.roles.delete_own, Qt.MouseButton.LeftButton)
    press(qtbot, wait_dialog(qtbot, QMessageBox), "Delete")
    settle(qtbot, window)
    qtbot.mouseClick(window.roles.import_role, Qt.MouseButton.LeftButton)
    choose_file(qtbot, out)
    settle(qtbot, window)
    assert [r.title for r in window.view.own_roles] == [role.title]


def test_a_profile_goes_out_and_back_through_the_file_dialogs(
    qtbot: Any, make_real_window: Any, tmp_path: Path
) -> None:
    window = make_real_window()
    open_demo(qtbot, window)
    out = tmp_path / "santana.json"
    action = next(a for a in window.menu_actions if a.text() == "&Export profile…")
    action.trigger()
    choose_file(qtbot, out)
    settle(qtbot, window)
    assert out.stat().st_size > 0
    action = next(a for a in window.menu_actions if a.text() == "&Import profile…")
    action.trigger()
    choose_file(qtbot, out)
    box = wait_dialog(qtbot, QMessageBox)  # the name is taken: under another one?
    press(qtbot, box, "Import as Santana Mena (2)")
    settle(qtbot, window)
    assert [p.name for p in window.view.profiles] == ["Santana Mena", "Santana Mena (2)"]
    assert window.view.profile.name == "Santana Mena (2)"


def test_the_deliverable_dialog_adds_and_edits_for_real(qtbot: Any, make_real_window: Any) -> None:
    window = make_real_window()
    open_demo(qtbot, window)
    window.go("roadmap")
    key = first_open(window)
    window.roadmap.select(key)
    qtbot.mouseClick(window.roadmap.add, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, DeliverableDialog)
    qtbot.keyClicks(dialog.title_edit, "Write a blog post about RAG")
    qtbot.keyClicks(dialog.metric_edit, "Published")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, window)
    added = [i for i in window.view.items if i.title == "Write a blog post about RAG"]
    assert len(added) == 1 and added[0].metric == "Published"
    assert window.roadmap.current_key() == added[0].key  # the new one is selected
    assert "own-" not in window.statusBar().currentMessage()  # no internal key shown
    qtbot.mouseClick(window.roadmap.edit, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, DeliverableDialog)
    assert dialog.title_edit.text() == "Write a blog post about RAG"
    dialog.hours_spin.setValue(6)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, window)
    assert window.view.item(added[0].key).hours == 6


def test_the_shortcuts_page_lists_every_command_with_its_keys(
    qtbot: Any, make_real_window: Any
) -> None:
    window = make_real_window()
    open_demo(qtbot, window)
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
    page = wait_dialog(qtbot, ShortcutsDialog)
    rows = dict(page.rows())
    assert rows["Log hours"] == "Ctrl+L" and rows["Skip or unskip"] == "Ctrl+Shift+S"
    assert rows["Undo"] == "Ctrl+Z" and rows["Remove"] == "Del"
    assert "Today" in rows and "Keyboard shortcuts" in rows
    QTest.keyClick(page, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not page.isVisible())


def test_slow_work_shows_a_progress_dialog_that_goes_away(
    qtbot: Any, make_real_window: Any
) -> None:
    window = make_real_window()
    got: list[int] = []

    def slow(session: object) -> int:
        time.sleep(0.9)
        return 42

    window.ops.read(slow, got.append, label="Thinking…")
    progress = wait_dialog(qtbot, QProgressDialog)
    assert progress.labelText() == "Thinking…"
    settle(qtbot, window)
    assert got == [42]
    qtbot.waitUntil(lambda: not isinstance(QApplication.activeModalWidget(), QProgressDialog))


def test_a_second_instance_is_told_in_a_real_box(
    qtbot: Any, data_dir: Path, real_dialogs: None
) -> None:
    from skillpath.desktop.app import run

    data_dir.mkdir(parents=True, exist_ok=True)
    held = QLockFile(str(data_dir / "skillpath-window.lock"))
    assert held.tryLock(100)
    seen: list[str] = []

    def close_it() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            press(qtbot, box, "OK")
        else:
            QTimer.singleShot(50, close_it)

    QTimer.singleShot(50, close_it)
    try:
        assert run(argparse.Namespace(data_dir=str(data_dir))) == 0
    finally:
        held.unlock()
    assert "already open" in seen[0]


def test_an_uncaught_error_on_the_ui_thread_is_logged_and_explained(
    qtbot: Any, data_dir: Path, real_dialogs: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from skillpath.desktop.app import install_crash_handler

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    install_crash_handler(data_dir)
    try:
        raise ValueError("a bug in a slot")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    box = wait_dialog(qtbot, QMessageBox)
    logs = list((data_dir / "logs").glob("crash-*.txt"))
    assert len(logs) == 1 and "ValueError: a bug in a slot" in logs[0].read_text()
    assert str(logs[0]) in box.text() and "Your data is safe" in box.text()
    press(qtbot, box, "OK")
    logs[0].unlink()  # provoked on purpose
