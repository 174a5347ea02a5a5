"""Skill levels in words, and the table of a person's skills (the profile and the CV review)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal

from skillpath.core.models import LEVEL_NAMES
from skillpath.desktop.models.base import KEY_ROLE, Index, Table

# One line per level, so a person can pick by what they can do rather than by a number.
LEVEL_HINTS: dict[int, str] = {
    0: "not used yet",
    1: "knows what it is and when it is used",
    2: "uses it with guidance or the documentation at hand",
    3: "uses it alone in real work",
    4: "handles the hard cases and helps others with it",
    5: "others come to them; shapes how it is used",
}


def level_label(level: int, long: bool = False) -> str:
    """'3 · independent', or with `long` its one-line description too."""
    name = LEVEL_NAMES.get(level, "?")
    if long:
        return f"{level} · {name}: {LEVEL_HINTS.get(level, '')}"
    return f"{level} · {name}"


SOURCE_WORDS = {
    "self-rated": "self-rated",
    "cv": "from your CV",
    "earned": "earned by finished work",
    "none": "—",
}


# the CV line, or the resume entry (JSON Resume, LinkedIn export), that shows a skill
FOUND = "Where it was found"


@dataclass
class SkillLine:
    """A skill with its level, where the level came from and why (a CV line, a deliverable).

    Attributes:
        source: self-rated, cv or earned (as stored).
        evidence: the CV line the skill was found on, or the deliverable that earned it.
    """

    skill: str
    name: str
    level: int
    source: str
    evidence: str = ""
    keep: bool = True

    @property
    def reason(self) -> str:
        """Why the level is what it is, in words."""
        words = SOURCE_WORDS.get(self.source, self.source)
        if self.source == "earned" and self.evidence:
            return f"earned by “{self.evidence}”"
        if self.source == "cv" and self.evidence:
            return f"from your CV: “{self.evidence}”"
        return words


class SkillLinesModel(Table):
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
            ("Keep", "Skill", "Level", FOUND)
            if with_evidence
            else ("Skill", "Level", "Why this level")
        )

    def set_lines(self, lines: Sequence[SkillLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def lines(self) -> list[SkillLine]:
        return list(self._lines)

    def set_evidence(self, found: dict[str, str]) -> None:
        """Name what earned each skill (skill -> deliverable title) and repaint."""
        for line in self._lines:
            if line.source == "earned":
                line.evidence = found.get(line.skill, "")
        if self._lines:
            last = len(self.headers) - 1
            self.dataChanged.emit(self.index(0, last), self.index(len(self._lines) - 1, last))

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
                return line.level if role == Qt.ItemDataRole.EditRole else level_label(line.level)
            if name == "Why this level":
                return line.reason
            if name == FOUND:
                return line.evidence
        if role == Qt.ItemDataRole.ToolTipRole:
            if name == FOUND:
                return line.evidence
            if name == "Level":
                return level_label(line.level, long=True)
            if name == "Why this level":
                return line.reason
        if role == Qt.ItemDataRole.CheckStateRole and name == "Keep":
            return Qt.CheckState.Checked if line.keep else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole and name == "Keep":
            return f"Keep {line.name}"
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
            if level != line.level:
                line.level = level
                if not self._evidence:  # the CV review keeps the line it was found on
                    line.source, line.evidence = "self-rated", ""
                self.dataChanged.emit(index, self.index(index.row(), len(self.headers) - 1))
                self.levelChanged.emit(line.skill, level)
            return True
        if name == "Keep" and role == Qt.ItemDataRole.CheckStateRole:
            line.keep = Qt.CheckState(value) == Qt.CheckState.Checked
            self.dataChanged.emit(index, index)
            self.keepChanged.emit(line.skill, line.keep)
            return True
        return False
