"""Flat tables: catalog roles with market facts, the gap analysis, an own role's skills."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from skillpath.core.models import PRIORITY_WEIGHT, GapItem, Role
from skillpath.desktop import theme
from skillpath.desktop.models.base import KEY_ROLE, SORT_ROLE, Index, Table
from skillpath.desktop.models.skills import level_label


def _money(value: int | None) -> str:
    return f"${value:,}" if value else "—"


class RolesModel(Table):
    """Catalog roles with their market facts and the person's readiness for each."""

    headers = ("Role", "Level", "Demand", "Median pay", "Ready")

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
        if role == Qt.ItemDataRole.ToolTipRole and col == 4:
            return "Your readiness for this role: how much of what it asks you have now"
        if role == Qt.ItemDataRole.ToolTipRole and col == 3 and salary:
            return f"{salary.occupation_title} ({salary.occupation}), {salary.release}: proxy"
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class GapModel(Table):
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
            return level_label(level, long=True)
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return QBrush(theme.color("good") if g.gap == 0 else theme.color("bad"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2, 3):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


# ------------------------------------------------------------------ own roles

PRIORITIES = ("critical", "important", "nice-to-have")


@dataclass
class Requirement:
    skill: str
    name: str
    level: int
    priority: str


class RequirementsModel(Table):
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
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole and col == 1:
            return level_label(row.level)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (row.name, row.level, row.priority)[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return level_label(row.level, long=True)
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
