"""Every item model the app shows, checked with pytest-qt's qtmodeltester, plus what a person
sees in them: filters and a search that keep the right rows, ticks and drops that ask the
core instead of lying, Today's sections, levels with words."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QMimeData, Qt

from skillpath.core.catalog import shipped_catalog
from skillpath.core.demo import DEMO_ROLE, demo_profile
from skillpath.core.gap import analyze
from skillpath.core.records import Deliverable
from skillpath.core.rules import Kind, Status
from skillpath.desktop.models import (
    GapModel,
    PhaseRow,
    RoadmapModel,
    RolesModel,
    SkillLine,
    SkillLinesModel,
    TodayModel,
    due_words,
    level_label,
    today_groups,
)
from skillpath.desktop.models.deliverables import MIME

TODAY = dt.date(2027, 3, 1)


def row(
    key: str, kind: Kind, title: str, hours: float, due: dt.date, status: Status,
    done_on: dt.date | None = None, origin: str = "generated", phase: int = 1,
) -> Deliverable:  # fmt: skip
    return Deliverable(
        id=hash(key) % 10_000, key=key, phase_id=phase, phase=phase, phase_title=f"Phase {phase}",
        position=0, kind=kind, title=title, description=f"about {title.lower()}", skills=(),
        targets={}, hours=hours, start=due - dt.timedelta(days=14), due=due, metric="",
        resource=None, certification=None, origin=origin, status=status, started_on=None,
        done_on=done_on, expires_on=None,
    )  # fmt: skip


def phases() -> list[PhaseRow]:
    rows = [
        row(
            "learn-a",
            Kind.COURSE,
            "A course",
            10,
            dt.date(2027, 2, 1),
            Status.DONE,
            dt.date(2027, 1, 30),
        ),
        row("learn-b", Kind.READING, "A book", 8, dt.date(2027, 2, 20), Status.TODO),
        row(
            "learn-c",
            Kind.PRACTICE,
            "Practice",
            6,
            dt.date(2027, 3, 5),
            Status.IN_PROGRESS,
            origin="own",
            phase=2,
        ),
        row(
            "project-1", Kind.PROJECT, "A project", 20, dt.date(2027, 4, 1), Status.SKIPPED, phase=2
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
    at = [r.id for r in catalog.roles.values()].index(DEMO_ROLE)
    assert model.data(model.index(at, 4)) == f"{readiness[DEMO_ROLE]}%"
    assert model.data(model.index(at, 3)).startswith("$")


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
    # the levels say what they mean
    tip = model.data(model.index(python, 2), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("4 · advanced: ")


def test_roadmap_model_tree_filters_and_search(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = RoadmapModel()
    model.set_phases(phases(), TODAY)
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.count() == 4
    first = model.index(0, 0, model.index(0, 0))
    assert model.data(first, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.set_filter("Overdue")
    qtmodeltester.check(model)
    assert model.row_keys() == ["learn-b"]
    model.set_filter("Due this week")
    assert model.count() == 1 and model.index_of("learn-c").isValid()
    model.set_filter("Done")
    assert model.count() == 1 and model.index_of("learn-a").isValid()
    model.set_filter("Open")
    assert model.count() == 2
    model.set_filter("All")
    model.set_search("BOOK")  # titles and descriptions, any case
    assert model.row_keys() == ["learn-b"] and not model.reorderable
    model.set_search("")
    assert model.count() == 4 and model.reorderable


def test_ticking_asks_the_core_instead_of_changing_the_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RoadmapModel()
    model.set_phases(phases(), TODAY)
    index = model.index_of("learn-b")
    with qtbot.waitSignal(model.toggled) as blocker:
        model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert blocker.args == ["learn-b", True]
    assert model.row_for(index).status is Status.TODO  # unchanged until the core says so
    # a skipped item has no checkbox
    skipped = model.index_of("project-1")
    assert not model.flags(skipped) & Qt.ItemFlag.ItemIsUserCheckable


def test_a_status_change_repaints_rows_without_resetting(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RoadmapModel()
    model.set_phases(phases(), TODAY)
    changed = phases()
    changed[0].rows[1] = dataclasses.replace(changed[0].rows[1], status=Status.DONE, done_on=TODAY)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged):
        model.set_phases(changed, TODAY)
    assert resets == []
    assert model.row_for(model.index_of("learn-b")).status is Status.DONE


def test_dropping_a_row_asks_the_core_to_move_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RoadmapModel()
    model.set_phases(phases(), TODAY)
    data = model.mimeData([model.index_of("learn-a")])
    assert data.hasFormat(MIME)
    # dropped below learn-b (row 2 of phase 1): index 1 once learn-a has left its place
    with qtbot.waitSignal(model.moved) as blocker:
        assert model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, model.index(0, 0))
    assert blocker.args == ["learn-a", 1, 1]
    # onto phase 2's heading: to its end
    with qtbot.waitSignal(model.moved) as blocker:
        model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index(1, 0))
    assert blocker.args == ["learn-a", 2, 2]
    # where it already is: nothing to do; and nothing is dropped on a filtered list
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(0, 0))
    model.set_filter("Open")
    assert not model.flags(model.index_of("learn-b")) & Qt.ItemFlag.ItemIsDragEnabled
    stranger = QMimeData()
    assert not model.dropMimeData(stranger, Qt.DropAction.MoveAction, 0, 0, model.index(0, 0))


def test_today_groups_each_deliverable_once_in_order_of_urgency() -> None:
    rows = [r for p in phases() for r in p.rows]
    later = [
        row(
            f"next-{n}",
            Kind.READING,
            f"Later {n}",
            4,
            TODAY + dt.timedelta(days=30 + n),
            Status.TODO,
        )
        for n in range(7)
    ]
    groups = today_groups(rows + later, TODAY)
    assert [(g.title, [r.key for r in g.rows]) for g in groups] == [
        ("Overdue", ["learn-b"]),
        ("Due this week", ["learn-c"]),
        ("Next up", [f"next-{n}" for n in range(5)]),
    ]


def test_today_keeps_a_ticked_row_in_place_until_regrouped(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = TodayModel()
    items = [r for p in phases() for r in p.rows]
    model.set_items(items, TODAY)
    qtmodeltester.check(model)
    assert model.row_keys() == ["learn-b", "learn-c"]
    assert model.data(model.index_of("learn-b").siblingAtColumn(1)) == "9 days late"
    done = dataclasses.replace(items[1], status=Status.DONE, done_on=TODAY)
    model.update_rows([done])
    assert model.row_keys() == ["learn-b", "learn-c"]  # still there, struck through
    font = model.data(model.index_of("learn-b"), Qt.ItemDataRole.FontRole)
    assert font.strikeOut()
    model.set_items([done if r.key == "learn-b" else r for r in items], TODAY)
    assert model.row_keys() == ["learn-c"]


def test_due_words() -> None:
    day = dt.date(2026, 11, 26)
    assert [due_words(day + dt.timedelta(days=n), day) for n in (-3, -1, 0, 1, 5, 40)] == [
        "3 days late",
        "1 day late",
        "today",
        "tomorrow",
        "in 5 days",
        "2027-01-05",
    ]


def test_skill_lines_model_gives_levels_words_and_reasons(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
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
    assert model.data(level) == "4 · advanced"
    assert model.lines()[0].evidence == "Python, Django, PostgreSQL"  # the CV line stays
    # the evidence may be a CV line or a resume's entry ("work: Acme — ..."): the header
    # does not claim a line
    header = model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "Where it was found"
    plain = SkillLinesModel()
    plain.set_lines(
        [
            SkillLine("python", "Python", 3, "self-rated"),
            SkillLine("sql", "SQL", 2, "earned"),
            SkillLine("git", "Git", 2, "cv", "Git, GitHub Actions"),
        ]
    )
    qtmodeltester.check(plain)
    plain.set_evidence({"sql": "SQL: Use The Index, Luke"})
    why = [plain.data(plain.index(r, 2)) for r in range(3)]
    assert why == [
        "self-rated",
        "earned by “SQL: Use The Index, Luke”",
        "from your CV: “Git, GitHub Actions”",
    ]
    # a level changed by hand becomes self-rated
    assert plain.setData(plain.index(1, 1), 3, Qt.ItemDataRole.EditRole)
    assert plain.data(plain.index(1, 2)) == "self-rated"


def test_level_labels() -> None:
    assert level_label(0) == "0 · none"
    assert level_label(5, long=True).startswith("5 · expert: ")


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
    assert model.data(model.index(0, 1)) == "4 · advanced"
    assert [(r.skill, r.level, r.priority) for r in model.rows()] == [
        ("python", 4, "critical"),
        ("sql", 3, "nice-to-have"),
    ]
