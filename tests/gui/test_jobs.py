"""Aiming at a real job in the app, each dialog opened for real: a job ad pasted or opened,
checked (keep, drop, level, priority, title) and saved as an own role shown with its
readiness; several targets compared side by side; a profile started from a JSON Resume or
LinkedIn's export through the CV review, and a bad file refused in one line."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QMessageBox

from skillpath.core.db import profiles as stored
from skillpath.core.db.store import Store
from skillpath.desktop.dialogs.job_ad import JobReviewDialog, JobSkillsModel, JobSourceDialog
from skillpath.desktop.screens.compare import SharedModel, TargetsModel
from tests.gui.conftest import open_demo, settle, wait_dialog
from tests.gui.test_dialogs import choose_file, press
from tests.gui.test_layout import CONTROLS, _label_of, cut, outside, shown
from tests.test_resume_import import CERTIFICATIONS, POSITIONS, PROFILE, RESUME, SKILLS

JOBS = Path(__file__).resolve().parent.parent / "jobs" / "files"
AD = JOBS / "09-data-scientist-us.md"


@pytest.fixture(autouse=True)
def _qt_file_dialogs(qapp: QApplication) -> None:
    """Qt's own file dialog (a desktop's native one cannot be driven from a test)."""
    qapp.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def problems_in(dialog: Any) -> list[str]:
    """What is cut, sticks out or has no name in a dialog (as test_layout checks screens)."""
    found = cut(dialog) + outside(dialog)
    found += [
        f"unnamed {type(w).__name__}"
        for w in shown(dialog)
        if isinstance(w, CONTROLS)
        and not _label_of(w)
        and w.metaObject().className() != "QHeaderView"
    ]
    return found


def paste(qtbot: Any, dialog: JobSourceDialog, text: str) -> None:
    """Paste `text` into the ad's box as a person does: copy it, then Ctrl+V."""
    QApplication.clipboard().setText(text)
    dialog.paste.setFocus()
    QTest.keySequence(dialog.paste, QKeySequence.StandardKey.Paste)
    qtbot.waitUntil(lambda: dialog.paste.toPlainText() == text, timeout=3000)


def row_of(model: JobSkillsModel, skill: str) -> int:
    return next(i for i, line in enumerate(model.lines()) if line.skill == skill)


def choose_in_editor(qtbot: Any, dialog: JobReviewDialog, row: int, column: int, text: str) -> None:
    """Open the cell's editor with F2 and pick the entry starting with `text`."""
    table = dialog.table
    table.setFocus()
    table.setCurrentIndex(dialog.model.index(row, column))
    QTest.keyClick(table, Qt.Key.Key_F2)
    box = table.focusWidget()
    assert isinstance(box, QComboBox)
    labels = [box.itemText(i) for i in range(box.count())]
    box.setCurrentIndex(next(i for i, label in enumerate(labels) if label.startswith(text)))
    QTest.keyClick(box, Qt.Key.Key_Return)
    # the delegate commits and closes on the next turn of the event loop
    qtbot.waitUntil(lambda: table.indexWidget(table.currentIndex()) is None, timeout=3000)
    qtbot.wait(10)


# ------------------------------------------------------------------ a job ad


def test_a_pasted_ad_is_checked_saved_as_a_role_shown_with_readiness_and_undone(
    qtbot: Any, make_real_window: Any, data_dir: Path
) -> None:
    window = make_real_window()
    open_demo(qtbot, window)
    window.go("roles")
    before = {r.id for r in window.view.own_roles}
    qtbot.mouseClick(window.roles.aim_at_job, Qt.MouseButton.LeftButton)
    source = wait_dialog(qtbot, JobSourceDialog)
    # nothing pasted yet: said in the dialog, which stays open
    qtbot.mouseClick(source.read_button, Qt.MouseButton.LeftButton)
    assert source.isVisible() and "Paste the ad's text first" in source.problem.text()
    ad_text = AD.read_text(encoding="utf-8")
    paste(qtbot, source, ad_text)
    qtbot.mouseClick(source.read_button, Qt.MouseButton.LeftButton)

    review = wait_dialog(qtbot, JobReviewDialog)
    assert not shiboken6.isValid(source)  # closed (and deleted) once the ad was read
    model = review.model
    found = {line.skill: line for line in model.lines()}
    assert {"python", "sql", "statistics", "dbt"} <= set(found)
    assert found["python"].evidence == "Fluent SQL and Python (pandas)"  # the line it came from
    assert review.job_title.text() == "Data Scientist, Growth"
    assert review.company.text() == "Parcelly"
    assert review.unmatched.count() >= 1  # the lines no catalog skill was found on
    assert problems_in(review) == []
    # drop dbt with Space on its Keep box; raise SQL to expert; make Python important
    review.table.setFocus()
    review.table.setCurrentIndex(model.index(row_of(model, "dbt"), 0))
    QTest.keyClick(review.table, Qt.Key.Key_Space)
    assert not model.lines()[row_of(model, "dbt")].keep
    assert review.count.text().startswith(f"{len(found) - 1} of {len(found)} skills kept")
    choose_in_editor(qtbot, review, row_of(model, "sql"), 2, "5 · expert")
    choose_in_editor(qtbot, review, row_of(model, "python"), 3, "important")
    review.job_title.selectAll()
    qtbot.keyClicks(review.job_title, "Growth Data Scientist")
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)

    # the role is stored, shown selected on the Target role screen with its readiness
    own = [r for r in window.view.own_roles if r.id not in before]
    assert len(own) == 1
    role = own[0]
    assert role.title == "Growth Data Scientist at Parcelly"
    required = {r.skill: r for r in role.required}
    assert "dbt" not in required
    assert required["sql"].level == 5 and required["python"].priority == "important"
    assert window.stack.currentWidget() is window.roles
    assert window.roles.current_role() is not None
    assert window.roles.current_role().id == role.id
    row = window.roles.table.currentIndex().row()
    ready = window.roles.proxy.index(row, 4).data()
    assert ready.endswith("%")  # beside the catalog roles', in the same column
    facts = " ".join(
        label.text() for label in window.roles.facts.findChildren(type(window.roles.summary))
    )
    assert f"{ready} ready" in facts
    assert "Saved the job ad as your role" in window.statusBar().currentMessage()
    with Store.open(data_dir, daily_backup=False) as store:
        kept = stored.own_role_source(store, role.id)
    assert kept is not None and "Parcelly" in kept  # the ad's text beside the role
    # and saving it is undone like any change
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert role.id not in {r.id for r in window.view.own_roles}


def test_an_ad_file_is_opened_for_real_and_a_bad_one_gets_one_line(
    qtbot: Any, make_real_window: Any, tmp_path: Path
) -> None:
    window = make_real_window()
    open_demo(qtbot, window)
    window.go("roles")
    qtbot.mouseClick(window.roles.aim_at_job, Qt.MouseButton.LeftButton)
    source = wait_dialog(qtbot, JobSourceDialog)
    bad = {
        "vague.txt": b"Great team player wanted.\nMust be passionate about synergy.\n",
        "ad.exe": b"MZ\x90\x00",
        "damaged.pdf": b"%PDF-1.4 not really",
    }
    for name, content in bad.items():
        path = tmp_path / name
        path.write_bytes(content)
        qtbot.mouseClick(source.open_ad, Qt.MouseButton.LeftButton)
        choose_file(qtbot, path)
        settle(qtbot, window)
        assert source.isVisible() and source.problem.isVisible()
        message = source.problem.text()
        assert name in message and "\n" not in message and "Traceback" not in message
        assert source.open_ad.isEnabled()  # ready to try another
        assert window.view.own_roles == []  # nothing changed
    # a page saved from a browser: its title and company come from the page
    qtbot.mouseClick(source.open_ad, Qt.MouseButton.LeftButton)
    choose_file(qtbot, JOBS / "06-saved-page-sre.html")
    review = wait_dialog(qtbot, JobReviewDialog)
    assert review.job_title.text() and review.model.rowCount() >= 3
    assert all(line.evidence for line in review.model.lines())
    # untick every skill: nothing to save, and the dialog says why
    for row in range(review.model.rowCount()):
        review.model.setData(
            review.model.index(row, 0),
            Qt.CheckState.Unchecked.value,
            Qt.ItemDataRole.CheckStateRole,
        )
    assert not review.save_button.isEnabled() and "at least one skill" in review.problem.text()
    review.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
    settle(qtbot, window)
    assert window.view.own_roles == []  # cancelled: nothing saved


def test_the_job_dialogs_fit_at_800_by_600_and_name_their_controls(
    qtbot: Any, make_window: Any
) -> None:
    from skillpath.core.job import read_job

    window = make_window(size=(800, 600))
    open_demo(qtbot, window)
    made = [
        JobSourceDialog(window),
        JobReviewDialog(window, read_job(AD, window.view.catalog), AD.name),
    ]
    problems = {}
    for dialog in made:
        dialog.open()
        qtbot.waitExposed(dialog)
        qtbot.wait(30)
        assert dialog.width() <= window.width() and dialog.height() <= window.height()
        found = problems_in(dialog)
        if found:
            problems[type(dialog).__name__] = found
        dialog.reject()
    assert problems == {}


# ------------------------------------------------------------------ compare


def test_compare_shows_targets_side_by_side_the_closest_and_shared_gaps(
    qtbot: Any, make_window: Any
) -> None:
    window = make_window(size=(800, 600))
    open_demo(qtbot, window)
    window.go("compare")
    settle(qtbot, window)
    screen = window.screen_for("compare")
    assert window.stack.currentWidget() is screen
    ticked = screen.ticked()
    assert window.view.role.id in ticked and len(ticked) >= 2  # the plan's role, and others
    result = screen.result
    assert result is not None and len(result.targets) == len(ticked)
    rows = screen.rows()
    assert len(rows) == len(ticked)
    assert rows[0] == f"★ {result.closest.title} (closest)"  # most ready first, marked
    assert sum("(closest)" in r for r in rows) == 1
    assert screen.summary.text().startswith(f"Closest of {len(ticked)}: {result.closest.title}")
    assert result.shared and screen.shared.model().rowCount() == len(result.shared)
    top = result.shared[0]
    assert screen.shared.model().index(0, 1).data() == f"{len(top.targets)} of {len(ticked)}"
    assert "critical" in screen.detail.text() or "none of them critical" in screen.detail.text()
    # the keyboard ticks one more: found by typing, ticked with Space
    qtbot.keyClicks(screen.search, "cloud eng")
    visible = [
        screen.targets.item(r)
        for r in range(screen.targets.count())
        if not screen.targets.item(r).isHidden()
    ]
    assert "Cloud Engineer" in [i.text() for i in visible]
    assert all("Cloud" in i.text() and "Engineer" in i.text() for i in visible)
    screen.targets.setCurrentItem(next(i for i in visible if i.text() == "Cloud Engineer"))
    screen.targets.setFocus()
    QTest.keyClick(screen.targets, Qt.Key.Key_Space)
    qtbot.waitUntil(
        lambda: screen.result is not None and len(screen.result.targets) == len(ticked) + 1
    )
    assert "Cloud Engineer" in {t.title for t in screen.result.targets}
    # untick all: nothing to compare, said in words
    qtbot.mouseClick(screen.untick, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert screen.ticked() == [] and screen.table.model().rowCount() == 0
    assert screen.summary.text() == "Tick two or more targets to compare them."


def test_the_compare_screen_fits_and_is_named_and_reachable_by_tab(
    qtbot: Any, make_window: Any
) -> None:
    from PySide6.QtWidgets import QHeaderView, QPlainTextEdit

    for size in ((800, 600), (1200, 780)):
        window = make_window(size=size)
        open_demo(qtbot, window)
        window.go("compare")
        settle(qtbot, window)
        qtbot.wait(30)
        screen = window.stack.currentWidget()
        assert cut(screen) + outside(screen) == []
        controls = [
            w
            for w in shown(screen)
            if isinstance(w, (*CONTROLS, QPlainTextEdit))
            and not isinstance(w, QHeaderView)
            and w.isEnabled()
        ]
        assert [type(w).__name__ for w in controls if not _label_of(w)] == []
        window.nav_list.setFocus(Qt.FocusReason.TabFocusReason)
        seen: set[int] = set()
        for _ in range(3 * len(controls) + 20):
            focus = QApplication.focusWidget()
            assert focus is not None
            seen.add(id(focus))
            QTest.keyClick(focus, Qt.Key.Key_Tab)
        assert [_label_of(w) for w in controls if id(w) not in seen] == []
        window.close()


def test_compare_and_job_models(qtmodeltester: Any) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.compare import compare
    from skillpath.core.models import Profile
    from skillpath.desktop.dialogs.job_ad import JobLine

    catalog = shipped_catalog()
    profile = Profile(name="Ana", skills={"python": 3, "sql": 2}, hours_per_week=8)
    roles = [catalog.role(r) for r in ("data-scientist", "data-analyst", "backend-engineer")]
    result = compare(profile, roles, catalog, dt.date(2026, 11, 26))
    targets, shared = TargetsModel(), SharedModel()
    targets.set_result(result)
    shared.set_result(result)
    qtmodeltester.check(targets)
    qtmodeltester.check(shared)
    assert targets.rowCount() == 3 and shared.rowCount() == len(result.shared)
    jobs = JobSkillsModel()
    jobs.set_lines([JobLine("python", "Python", 4, "critical", "Fluent Python")])
    qtmodeltester.check(jobs)
    assert not jobs.setData(jobs.index(0, 2), 0)  # a role asks for 1-5
    assert not jobs.setData(jobs.index(0, 3), "urgent")
    assert (
        jobs.setData(jobs.index(0, 3), "nice-to-have")
        and jobs.lines()[0].priority == "nice-to-have"
    )


# ------------------------------------------------------------------ start from…


def test_the_ways_to_start_are_on_the_welcome_screen_and_in_the_file_menu(
    make_window: Any,
) -> None:
    window = make_window()
    welcome = window.welcome
    assert [
        b.text()
        for b in (
            welcome.create_button,
            welcome.from_cv_button,
            welcome.from_resume_button,
            welcome.from_linkedin_button,
            welcome.demo_button,
        )
    ] == [
        "Create my profile",
        "Start from my CV…",
        "Start from my JSON Resume…",
        "Start from my LinkedIn export…",
        "Open the demo",
    ]
    assert cut(window) + outside(welcome) == []
    file_menu = window.menuBar().actions()[0].menu()
    entries = [a.text().replace("&", "") for a in file_menu.actions()]
    for entry in (
        "New profile…",
        "Start from a CV…",
        "Start from a JSON Resume…",
        "Start from LinkedIn's data export…",
    ):
        assert entry in entries


def test_a_json_resume_goes_through_the_cv_review_and_keeps_its_certifications(
    qtbot: Any, make_real_window: Any, tmp_path: Path
) -> None:
    resume = tmp_path / "resume.json"
    resume.write_text(json.dumps(RESUME), encoding="utf-8")
    window = make_real_window()
    qtbot.mouseClick(window.welcome.from_resume_button, Qt.MouseButton.LeftButton)
    choose_file(qtbot, resume)
    settle(qtbot, window)
    screen = window.profile
    assert window.stack.currentWidget() is screen and screen.creating
    assert screen.table.model() is screen.cv_model
    lines = {line.skill: line for line in screen.cv_model.lines()}
    assert lines["python"].evidence.startswith("work: Backend Engineer at Acme Ltd")
    assert screen.name.text() == "Amina Yusuf" and screen.years.value() == pytest.approx(7.8)
    assert (
        "resume.json" in screen.cv_note.text() and "Certified Kubernetes" in screen.cv_note.text()
    )
    assert window.view.profiles == []  # nothing saved yet
    qtbot.mouseClick(screen.next, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.roles
    qtbot.mouseClick(window.roles.generate, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    profile = window.view.profile.profile
    assert profile.name == "Amina Yusuf" and profile.skills["python"] == lines["python"].level
    assert profile.certifications == ["aws-solutions-architect-associate", "cncf-cka"]


def test_a_linkedin_export_without_a_name_starts_a_review_to_type_it_in(
    qtbot: Any, make_real_window: Any, tmp_path: Path
) -> None:
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Skills.csv", SKILLS)
        z.writestr("Positions.csv", POSITIONS)
        z.writestr("Certifications.csv", CERTIFICATIONS)
    window = make_real_window()
    qtbot.mouseClick(window.welcome.from_linkedin_button, Qt.MouseButton.LeftButton)
    choose_file(qtbot, export)
    settle(qtbot, window)
    screen = window.profile
    assert window.stack.currentWidget() is screen and screen.creating
    assert screen.name.text() == ""  # none in the export: typed in
    assert "kotlin" in {line.skill for line in screen.cv_model.lines()}
    assert "type it in" in screen.cv_note.text()
    # a second file replaces the first review instead of keeping it
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Profile.csv", PROFILE)
        z.writestr("Skills.csv", SKILLS)
    window.menuBar().actions()[0].menu()  # the File menu holds the same way in
    action = next(
        a for a in window.menu_actions if a.text() == "Start from &LinkedIn's data export…"
    )
    action.trigger()
    choose_file(qtbot, export)
    settle(qtbot, window)
    assert screen.name.text() == "Kwame Mensah"


@pytest.mark.parametrize(
    ("button", "name", "content", "said"),
    [
        ("from_resume_button", "resume.json", json.dumps({"name": "Jane"}), "not a JSON Resume"),
        ("from_resume_button", "resume.json", "{not json", "not valid JSON"),
        ("from_linkedin_button", "export.zip", "zip:Connections.csv", "none of LinkedIn's"),
        ("from_linkedin_button", "export.zip", "not a zip", "not a zip file"),
    ],
)
def test_a_bad_file_to_start_from_gets_one_clear_line_and_changes_nothing(
    qtbot: Any,
    make_real_window: Any,
    tmp_path: Path,
    button: str,
    name: str,
    content: str,
    said: str,
) -> None:
    path = tmp_path / name
    if content.startswith("zip:"):
        with zipfile.ZipFile(path, "w") as z:
            z.writestr(content[4:], "First Name,Last Name\nA,B\n")
    else:
        path.write_text(content, encoding="utf-8")
    window = make_real_window()
    qtbot.mouseClick(getattr(window.welcome, button), Qt.MouseButton.LeftButton)
    choose_file(qtbot, path)
    box = wait_dialog(qtbot, QMessageBox)
    text = box.text()
    assert said in text and text.startswith(name) and "\n" not in text
    press(qtbot, box, "OK")
    settle(qtbot, window)
    assert not window.ctx.new_profile.active  # no review begun
    assert window.stack.currentWidget() is window.welcome
    assert window.view.profiles == []
