"""Small widgets the screens share: headings, a card frame, a key-value grid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCompleter,
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.models import Skill


def heading(text: str, size: float = 1.6) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles carry typed text: never markup
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def wrap(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Card(QFrame):
    """A framed box with a title, for dashboard tiles and detail panes."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 10, 14, 12)
        self.title = heading(title, 1.1)
        self.body.addWidget(self.title)


class Facts(QWidget):
    """A two-column grid of names and values, rebuilt on `set_rows`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(1, 1)

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        """Show `rows` of (name, value); each value is HTML, with typed text escaped."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        for r, (name, value) in enumerate(rows):
            key = muted(name)
            key.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            val = wrap(value)
            val.setTextFormat(Qt.TextFormat.RichText)  # callers pass escaped HTML
            val.setOpenExternalLinks(True)
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            self.grid.addWidget(key, r, 0)
            self.grid.addWidget(val, r, 1)


def hours_spin(name: str, low: float = 0.5, high: float = 80) -> QDoubleSpinBox:
    """A spin box for hours per week."""
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(1)
    spin.setSuffix(" h a week")
    spin.setAccessibleName(name)
    spin.setMaximumWidth(220)
    return spin


def date_edit(name: str) -> QDateEdit:
    """A date field with a calendar pop-up, shown as YYYY-MM-DD."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    edit.setMaximumWidth(220)
    return edit


class SkillPicker(QWidget):
    """A search field over the catalog's skills (with completion), Add and Remove buttons."""

    def __init__(
        self, skills: list[Skill], placeholder: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setAccessibleName(placeholder)
        self._by_name = {s.name.lower(): s.id for s in skills}
        completer = QCompleter(sorted(s.name for s in skills), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.search.setCompleter(completer)
        self.add = QPushButton("Add")
        self.remove = QPushButton("Remove selected")
        row.addWidget(self.search, 1)
        row.addWidget(self.add)
        row.addWidget(self.remove)

    def chosen(self) -> str | None:
        """The skill id typed: an exact name, or the only name containing the text."""
        text = self.search.text().strip().lower()
        if not text:
            return None
        skill_id = self._by_name.get(text)
        if skill_id is None:
            matches = [sid for name, sid in self._by_name.items() if text in name]
            skill_id = matches[0] if len(matches) == 1 else None
        return skill_id
