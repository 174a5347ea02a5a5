"""Asked when a deliverable is ticked done: how many hours did it really take?"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.records import Deliverable
from skillpath.core.rules import MAX_DELIVERABLE_HOURS


class HoursSpentDialog(QDialog):
    """The hours spent on a deliverable in all: the hours logged on it, or its estimate.

    Done, worked and mastered are three things: the answer is what the pace and forecast
    are made of, so it is asked for, not assumed.
    """

    def __init__(self, parent: QWidget, item: Deliverable) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Done: hours spent")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        question = QLabel(f"How many hours did “{item.title}” take in all?")
        question.setTextFormat(Qt.TextFormat.PlainText)
        question.setWordWrap(True)
        layout.addWidget(question)
        hint = (
            f"{item.logged:g} h are logged on it."
            if item.logged > 0
            else f"It was planned at {item.hours:g} h."
        )
        note = QLabel(hint + " The answer keeps your pace and forecast honest.")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(note)
        self.spin = QDoubleSpinBox()
        self.spin.setRange(max(0.0, item.logged), MAX_DELIVERABLE_HOURS)
        self.spin.setDecimals(1)
        self.spin.setSingleStep(0.5)
        self.spin.setSuffix(" h")
        self.spin.setValue(item.logged if item.logged > 0 else item.hours)
        self.spin.setAccessibleName("Hours spent")
        question.setBuddy(self.spin)
        layout.addWidget(self.spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Mark done")
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.spin.selectAll()
        self.spin.setFocus()

    def hours(self) -> float:
        return round(self.spin.value(), 2)
