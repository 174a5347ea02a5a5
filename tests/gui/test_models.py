"""Every item model the app shows, checked with pytest-qt's qtmodeltester, plus what a person
sees in them: filters that keep the right rows, ticks that ask the core instead of lying."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from skillpath.core.catalog import shipped_catalog
from skillpath.core.demo import DEMO_ROLE, demo_profile
from skillpath.core.gap import analyze
from skillpath.desktop.models import (
    GapModel,
    PhaseRow,
    RoadmapModel,
    RolesModel,
    Row,
    SkillLine,
    SkillLinesModel,
)

pytestmark = pytest.mark.gui
TODAY = dt.date(2027, 3, 1)


def phases() -> list[PhaseRow]:
    rows = [
        Row(
            "learn-a",
            "course",
            "A course",
            10,
            dt.date(2027, 2, 1),
            "done",
            dt.date(2027, 1, 30),
            "generated",
        ),
        Row("learn-b", "reading", "A book", 8, dt.date(2027, 2, 20), "todo", None, "generated"),
        Row("learn-c", "practice", "Practice", 6, dt.date(2027, 3, 5), "in progress", None, "own"),
        Row(
            "project-1",
            "project",
            "A project",
            20,
            dt.date(2027, 4, 1),
            "skipped",
            None,
            "generated",
        ),
    ]
    return [PhaseRow(1, "Foundations: a and b", rows[:2]), PhaseRow(2, "Core: c", rows[2:])]


def test_roles_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    catalog = shipped_catalog()
    model = RolesModel()
    profile = demo_profile()
    readiness = {r.id: analyze(profile, r, catalog).readiness for r in catalog.roles.values()}
    model.set_roles(list(catalog.roles.values()), readiness)
    qtmodeltester.check(model)
    assert model.rowCount() == len(catalog.roles)
    row = [r.id for r in catalog.roles.values()].index(DEMO_ROLE)
    assert model.data(model.index(row, 4)) == f"{readiness[DEMO_ROLE]}%"
    assert model.data(model.index(row, 3)).startswith("$")


def test_gap_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    catalog = shipped_catalog()
    analysis = analyze(demo_profile(), catalog.role(DEMO_ROLE), catalog)
    model = GapModel()
    model.set_rows(analysis.gaps + analysis.met)
    qtmodeltester.check(model)
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert "Machine learning" in names
    python = names.index("Python")
    assert model.data(model.index(python, 3)) == "met"


def test_roadmap_model_tree_and_filters(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = RoadmapModel()
    model.set_phases(phases(), TODAY)
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.count() == 4
    first = model.index(0, 0, model.index(0, 0))
    assert model.data(first, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.set_filter("Overdue")
    qtmodeltester.check(model)
    assert [model.row_for(model.index(0, 0, model.index(0, 0))).key] == ["learn-b"]
    model.set_filter("Due this week")
    assert model.count() == 1 and model.index_of("learn-c").isValid()
    model.set_filter("Done")
    assert model.count() == 1 and model.index_of("learn-a").isValid()
    model.set_filter("Open")
    assert model.count() == 2


def test_ticking_asks_the_core_instead_of_changing_the_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RoadmapModel()
    model.set_phases(phases(), TODAY)
    index = model.index_of("learn-b")
    with qtbot.waitSignal(model.toggled) as blocker:
        model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert blocker.args == ["learn-b", True]
    assert model.row_for(index).status == "todo"  # unchanged until the core says so
    # a skipped item has no checkbox
    skipped = model.index_of("project-1")
    assert not model.flags(skipped) & Qt.ItemFlag.ItemIsUserCheckable


def test_a_status_change_repaints_rows_without_resetting(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RoadmapModel()
    model.set_phases(phases(), TODAY)
    changed = phases()
    row = changed[0].rows[1]
    changed[0].rows[1] = Row(
        row.key, row.kind, row.title, row.hours, row.due, "done", TODAY, row.origin
    )
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged):
        model.set_phases(changed, TODAY)
    assert resets == []
    assert model.row_for(model.index_of("learn-b")).status == "done"


def test_skill_lines_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = SkillLinesModel(with_evidence=True)
    model.set_lines(
        [
            SkillLine("python", "Python", 3, "cv", "Python, Django, PostgreSQL"),
            SkillLine("go", "Go", 2, "cv", "Services in Go"),
        ]
    )
    qtmodeltester.check(model)
    keep = model.index(1, 0)
    model.setData(keep, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert [line.skill for line in model.lines() if line.keep] == ["python"]
    level = model.index(0, 2)
    assert model.setData(level, 4, Qt.ItemDataRole.EditRole)
    assert not model.setData(level, 9, Qt.ItemDataRole.EditRole)
    assert model.lines()[0].level == 4
    plain = SkillLinesModel()
    plain.set_lines([SkillLine("python", "Python", 3, "self-rated")])
    qtmodeltester.check(plain)


def test_requirements_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from skillpath.desktop.models import Requirement, RequirementsModel

    model = RequirementsModel()
    model.set_rows(
        [Requirement("python", "Python", 4, "critical"), Requirement("sql", "SQL", 3, "important")]
    )
    qtmodeltester.check(model)
    assert model.setData(model.index(1, 2), "nice-to-have")
    assert not model.setData(model.index(1, 2), "urgent")
    assert not model.setData(model.index(0, 1), 0)  # a required level is 1-5
    assert [(r.skill, r.level, r.priority) for r in model.rows()] == [
        ("python", 4, "critical"),
        ("sql", 3, "nice-to-have"),
    ]
