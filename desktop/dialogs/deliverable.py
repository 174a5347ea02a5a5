"""Add or edit a deliverable: title, kind, hours, due date, success metric, description."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from skillpath.core.records import Deliverable
from skillpath.core.rules import MAX_DELIVERABLE_HOURS, MAX_TITLE, Kind


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class DeliverableDialog(QDialog):
    """A form for a deliverable; `values()` gives what was entered.

    Attribute names end in `_edit` and the like: a widget attribute named like a Qt method
    (`metric`, `font`, `size`...) hides the method and crashes Qt when it calls it.
    """

    def __init__(
        self, parent: QWidget, title: str, today: dt.date, item: Deliverable | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(min(self.fontMetrics().averageCharWidth() * 70, parent.width()))
        self.item = item
        form = QFormLayout(self)
        self.title_edit = QLineEdit(item.title if item else "")
        self.title_edit.setMaxLength(MAX_TITLE)
        self.kind_box = QComboBox()
        self.kind_box.addItems([k.value for k in Kind])
        self.kind_box.setCurrentText(str(item.kind) if item else Kind.PRACTICE.value)
        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setRange(0.5, MAX_DELIVERABLE_HOURS)
        self.hours_spin.setSuffix(" h")
        self.hours_spin.setValue(item.hours if item else 4)
        self.due_edit = QDateEdit(qdate(item.due if item else today + dt.timedelta(days=14)))
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.metric_edit = QLineEdit(item.metric if item else "")
        self.metric_edit.setCursorPosition(0)  # show how it begins, not how it ends
        self.description_edit = QPlainTextEdit(item.description if item else "")
        self.description_edit.setTabChangesFocus(True)
        for label, widget in (
            ("&Title", self.title_edit),
            ("&Kind", self.kind_box),
            ("&Hours", self.hours_spin),
            ("&Due", self.due_edit),
            ("Success &metric", self.metric_edit),
            ("&Description", self.description_edit),
        ):
            form.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", ""))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.title_edit.setFocus()

    def _accept(self) -> None:
        if not self.title_edit.text().strip():
            self.title_edit.setPlaceholderText("A title is needed")
            self.title_edit.setFocus()
            return
        self.accept()

    def values(self) -> dict[str, object]:
        """What was entered; with an item to edit, only what differs from it."""
        values: dict[str, object] = {
            "title": self.title_edit.text().strip(),
            "kind": self.kind_box.currentText(),
            "hours": round(self.hours_spin.value(), 2),
            "due": pydate(self.due_edit.date()),
            "metric": self.metric_edit.text().strip(),
            "description": self.description_edit.toPlainText().strip(),
        }
        if self.item is None:
            return values
        before = {
            "title": self.item.title,
            "kind": str(self.item.kind),
            "hours": self.item.hours,
            "due": self.item.due,
            "metric": self.item.metric,
            "description": self.item.description,
        }
        return {k: v for k, v in values.items() if v != before[k]}
