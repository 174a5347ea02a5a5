"""Item models over core objects: roles, gaps, the roadmap tree, profile skills, CV findings.

Each model holds plain core data (or ids) and answers Qt's questions on demand; edits are
not applied here but announced by a signal, so that every change goes through the one
road into the core (desktop/operations) and comes back as fresh data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush

from skillpath.core.models import LEVEL_NAMES, PRIORITY_WEIGHT, GapItem, Role
from skillpath.core.records import Deliverable
from skillpath.core.rules import Status
from skillpath.desktop import theme

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2

_ROOT = QModelIndex()


def _money(value: int | None) -> str:
    return f"${value:,}" if value else "—"


class _Table(QAbstractTableModel):
    """A flat table with fixed column headers (`headers`)."""

    headers: tuple[str, ...] = ()

    def _count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._count()

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class RolesModel(_Table):
    """Catalog roles with their market facts and the person's readiness for each."""

    headers = ("Role", "Level", "Demand", "Median pay", "Your readiness")

    def __init__(self) -> None:
        super().__init__()
        self._roles: list[Role] = []
        self._readiness: dict[str, int] = {}

    def set_roles(self, roles: Sequence[Role], readiness: dict[str, int]) -> None:
        self.beginResetModel()
        self._roles = list(roles)
        self._readiness = dict(readiness)
        self.endResetModel()

    def role_at(self, row: int) -> Role:
        return self._roles[row]

    def _count(self) -> int:
        return len(self._roles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._roles[index.row()]
        col = index.column()
        salary = r.market.salary if r.market else None
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return r.title
            if col == 1:
                return r.seniority
            if col == 2:
                return r.market.demand if r.market else "not stated"
            if col == 3:
                return _money(salary.median if salary else None)
            readiness = self._readiness.get(r.id)
            return "—" if readiness is None else f"{readiness}%"
        if role == SORT_ROLE:
            if col == 3:
                return salary.median if salary else 0
            if col == 4:
                return self._readiness.get(r.id, -1)
            if col == 2:
                order = ["not stated", "declining", "low", "moderate", "high", "very high"]
                return order.index(r.market.demand) if r.market else 0
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == KEY_ROLE:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole and col == 3 and salary:
            return f"{salary.occupation_title} ({salary.occupation}), {salary.release}: proxy"
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class GapModel(_Table):
    """Every required skill: where the person stands, what the role asks, and the gap."""

    headers = ("Skill", "Now", "Needed", "Gap", "Priority", "Level from")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[GapItem] = []

    def set_rows(self, rows: Sequence[GapItem]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def _count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        g = self._rows[index.row()]
        col = index.column()
        values: tuple[Any, ...] = (g.name, g.current, g.required, g.gap, g.priority, g.source)
        if role == Qt.ItemDataRole.DisplayRole:
            value = values[col]
            if col == 3 and value == 0:
                return "met"
            return str(value)
        if role == SORT_ROLE:
            if col == 4:
                return PRIORITY_WEIGHT[g.priority]
            return values[col]
        if role == KEY_ROLE:
            return g.skill
        if role == Qt.ItemDataRole.ToolTipRole and col in (1, 2):
            level = values[col]
            return f"level {level}: {LEVEL_NAMES[level]}"
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return QBrush(theme.color("good") if g.gap == 0 else theme.color("bad"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2, 3):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


# ------------------------------------------------------------------ roadmap


Row = Deliverable  # a roadmap row is the stored deliverable itself


@dataclass(frozen=True)
class PhaseRow:
    number: int
    title: str
    rows: list[Row]


def phase_rows(items: Sequence[Deliverable]) -> list[PhaseRow]:
    """Deliverables (in plan order) grouped by phase."""
    out: list[PhaseRow] = []
    for item in items:
        if not out or out[-1].number != item.phase:
            out.append(PhaseRow(item.phase, item.phase_title, []))
        out[-1].rows.append(item)
    return out


FILTERS: dict[str, Callable[[Row, dt.date], bool]] = {
    "All": lambda r, today: True,
    "Open": lambda r, today: r.is_open,
    "Overdue": lambda r, today: r.is_open and r.due < today,
    "Due this week": lambda r, today: r.is_open and today <= r.due <= today + dt.timedelta(days=7),
    "Done": lambda r, today: r.status is Status.DONE,
}


class RoadmapModel(QAbstractItemModel):
    """Phases with their deliverables, as a two-level tree with a checkbox per deliverable.

    Ticking a checkbox does not change the model: it emits `toggled(key, done)`; the
    window runs the change through the core and hands back fresh rows (`update_rows`).
    """

    HEADERS = ("Deliverable", "Kind", "Hours", "Due", "Status")
    toggled = Signal(str, bool)

    def __init__(self) -> None:
        super().__init__()
        self._all: list[PhaseRow] = []
        self._phases: list[PhaseRow] = []
        self._filter = "All"
        self._today = dt.date.today()

    # -- data in

    def set_phases(self, phases: Sequence[PhaseRow], today: dt.date) -> None:
        """Show these phases. A change of status only (same keys, same order) repaints the
        changed rows instead of resetting the tree, so selection and scroll stay put."""
        same_shape = [[r.key for r in p.rows] for p in phases] == [
            [r.key for r in p.rows] for p in self._all
        ] and today == self._today
        self._all = list(phases)
        self._today = today
        visible = self._visible()
        if same_shape and [[r.key for r in p.rows] for p in visible] == [
            [r.key for r in p.rows] for p in self._phases
        ]:
            old = self._phases
            self._phases = visible
            for p_index, (before, after) in enumerate(zip(old, visible, strict=True)):
                for r_index, (a, b) in enumerate(zip(before.rows, after.rows, strict=True)):
                    if a != b:
                        parent = self.index(p_index, 0)
                        self.dataChanged.emit(
                            self.index(r_index, 0, parent),
                            self.index(r_index, len(self.HEADERS) - 1, parent),
                        )
            return
        self.beginResetModel()
        self._phases = visible
        self.endResetModel()

    def update_rows(self, fresh: Sequence[Deliverable]) -> None:
        """Replace the rows with these keys and repaint only them (a tick, a note)."""
        by_key = {d.key: d for d in fresh}
        if not by_key:
            return
        self._all = [
            PhaseRow(p.number, p.title, [by_key.get(r.key, r) for r in p.rows]) for p in self._all
        ]
        visible = self._visible()
        if [[r.key for r in p.rows] for p in visible] != [
            [r.key for r in p.rows] for p in self._phases
        ]:
            self.beginResetModel()  # a row left or joined the filter
            self._phases = visible
            self.endResetModel()
            return
        self._phases = visible
        for p_index, phase in enumerate(self._phases):
            for r_index, row in enumerate(phase.rows):
                if row.key in by_key:
                    parent = self.index(p_index, 0)
                    self.dataChanged.emit(
                        self.index(r_index, 0, parent),
                        self.index(r_index, len(self.HEADERS) - 1, parent),
                    )
            self.dataChanged.emit(
                self.index(p_index, 0), self.index(p_index, len(self.HEADERS) - 1)
            )

    def set_filter(self, name: str) -> None:
        self.beginResetModel()
        self._filter = name if name in FILTERS else "All"
        self._phases = self._visible()
        self.endResetModel()

    def _visible(self) -> list[PhaseRow]:
        keep = FILTERS[self._filter]
        out = []
        for phase in self._all:
            rows = [r for r in phase.rows if keep(r, self._today)]
            if rows or self._filter == "All":
                out.append(PhaseRow(phase.number, phase.title, rows))
        return out

    # -- lookups

    def row_for(self, index: Index) -> Row | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._phases[index.internalId() - 1].rows[index.row()]

    def phase_of(self, index: Index) -> int | None:
        """The phase number of a phase row or of a deliverable's row."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._phases[row].number

    def index_of(self, key: str) -> QModelIndex:
        for p_index, phase in enumerate(self._phases):
            for r_index, row in enumerate(phase.rows):
                if row.key == key:
                    return self.index(r_index, 0, self.index(p_index, 0))
        return QModelIndex()

    def count(self) -> int:
        return sum(len(p.rows) for p in self._phases)

    # -- Qt's model interface

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._phases)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._phases[parent.row()].rows)
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != 0 and index.column() == 0:
            row = self.row_for(index)
            if row is not None and row.counts:
                base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = index.column()
        if index.internalId() == 0:
            phase = self._phases[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                if col == 0:
                    return f"Phase {phase.number}. {phase.title}"
                if col == 2:
                    return f"{sum(r.hours for r in phase.rows):g}"
                if col == 4:
                    done = sum(1 for r in phase.rows if r.status is Status.DONE)
                    counted = sum(1 for r in phase.rows if r.counts)
                    return f"{done}/{counted} done"
            if role == Qt.ItemDataRole.FontRole and col == 0:
                from PySide6.QtGui import QFont

                font = QFont()
                font.setBold(True)
                return font
            return None
        row = self._phases[index.internalId() - 1].rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return row.title
            if col == 1:
                return str(row.kind) + ("" if row.origin == "generated" else " (own)")
            if col == 2:
                return f"{row.hours:g}"
            if col == 3:
                return str(row.due)
            if col == 4:
                return str(row.status) + (f" {row.done_on}" if row.done_on else "")
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            if row.status is Status.SKIPPED:
                return None
            return Qt.CheckState.Checked if row.status is Status.DONE else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.is_open and row.due < self._today and col in (3, 4):
                return QBrush(theme.color("bad"))
            if not row.is_open:
                return QBrush(theme.color("muted"))
        if role == KEY_ROLE:
            return row.key
        if role == Qt.ItemDataRole.AccessibleTextRole and col == 0:
            return f"{row.title}, {row.status}, due {row.due}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        row = self.row_for(index)
        if row is None:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked != (row.status is Status.DONE):
            self.toggled.emit(row.key, checked)
        return True


# ------------------------------------------------------------------ profile skills


@dataclass
class SkillLine:
    skill: str
    name: str
    level: int
    source: str
    evidence: str = ""
    keep: bool = True


class SkillLinesModel(_Table):
    """Skills with levels: the profile editor's table, and the CV review (with evidence).

    `levelChanged(skill, level)` and `keepChanged(skill, keep)` announce edits.
    """

    levelChanged = Signal(str, int)
    keepChanged = Signal(str, bool)

    def __init__(self, with_evidence: bool = False) -> None:
        super().__init__()
        self._lines: list[SkillLine] = []
        self._evidence = with_evidence
        self.headers = (
            ("Keep", "Skill", "Level", "Found on this line")
            if with_evidence
            else ("Skill", "Level", "Level from")
        )

    def set_lines(self, lines: Sequence[SkillLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def lines(self) -> list[SkillLine]:
        return list(self._lines)

    def _count(self) -> int:
        return len(self._lines)

    def _column(self, index: Index) -> str:
        return self.headers[index.column()]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        name = self._column(index)
        if name == "Level":
            base |= Qt.ItemFlag.ItemIsEditable
        if name == "Keep":
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        name = self._column(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if name == "Skill":
                return line.name
            if name == "Level":
                if role == Qt.ItemDataRole.EditRole:
                    return line.level
                return f"{line.level} · {LEVEL_NAMES[line.level]}"
            if name == "Level from":
                return line.source
            if name == "Found on this line":
                return line.evidence
        if role == Qt.ItemDataRole.CheckStateRole and name == "Keep":
            return Qt.CheckState.Checked if line.keep else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and name == "Found on this line":
            return line.evidence
        if role == KEY_ROLE:
            return line.skill
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        line = self._lines[index.row()]
        name = self._column(index)
        if name == "Level" and role == Qt.ItemDataRole.EditRole:
            try:
                level = int(value)
            except (TypeError, ValueError):
                return False
            if not 0 <= level <= 5:
                return False
            line.level = level
            self.dataChanged.emit(index, index)
            self.levelChanged.emit(line.skill, level)
            return True
        if name == "Keep" and role == Qt.ItemDataRole.CheckStateRole:
            line.keep = Qt.CheckState(value) == Qt.CheckState.Checked
            self.dataChanged.emit(index, index)
            self.keepChanged.emit(line.skill, line.keep)
            return True
        return False


# ------------------------------------------------------------------ own roles

PRIORITIES = ("critical", "important", "nice-to-have")


@dataclass
class Requirement:
    skill: str
    name: str
    level: int
    priority: str


class RequirementsModel(_Table):
    """An own role's required skills: level (1-5) and priority are edited in place."""

    headers = ("Skill", "Level", "Priority")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Requirement] = []

    def _count(self) -> int:
        return len(self._rows)

    def set_rows(self, rows: Sequence[Requirement]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Requirement]:
        return list(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (row.name, row.level, row.priority)[index.column()]
        if role == KEY_ROLE:
            return row.skill
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        if index.column() == 1:
            try:
                level = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= level <= 5:
                return False
            row.level = level
        elif index.column() == 2 and str(value) in PRIORITIES:
            row.priority = str(value)
        else:
            return False
        self.dataChanged.emit(index, index)
        return True
