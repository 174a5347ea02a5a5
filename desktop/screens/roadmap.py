"""The roadmap: phases and deliverables with checkboxes, filters, details, edits, re-plan."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from skillpath.desktop.models import FILTERS, RoadmapModel
from skillpath.desktop.screens.common import Card, Facts, date_edit, heading, muted
from skillpath.desktop.screens.profile import pydate, qdate

if TYPE_CHECKING:
    from skillpath.desktop.state import AppState, Details
    from skillpath.desktop.window import MainWindow

STATUS_CHOICES = ("todo", "in progress", "done", "skipped")
KINDS = ("course", "reading", "practice", "project", "certification")


class DeliverableDialog(QDialog):
    """Add or edit a deliverable: title, kind, hours, due date, success metric, description."""

    def __init__(
        self, parent: QWidget, title: str, today: dt.date, details: Details | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.title = QLineEdit(details.title if details else "")
        self.title.setMaxLength(300)
        self.kind = QComboBox()
        self.kind.addItems(KINDS)
        self.kind.setCurrentText(details.kind if details else "practice")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.5, 1000)
        self.hours.setValue(details.hours if details else 4)
        self.due = QDateEdit(qdate(details.due if details else today + dt.timedelta(days=14)))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.metric = QLineEdit(details.metric if details else "")
        self.description = QPlainTextEdit(details.description if details else "")
        self.description.setTabChangesFocus(True)
        form.addRow("&Title", self.title)
        form.addRow("&Kind", self.kind)
        form.addRow("&Hours", self.hours)
        form.addRow("&Due", self.due)
        form.addRow("Success &metric", self.metric)
        form.addRow("&Description", self.description)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, object]:
        return {
            "title": self.title.text().strip(),
            "kind": self.kind.currentText(),
            "hours": self.hours.value(),
            "due": pydate(self.due.date()),
            "metric": self.metric.text().strip(),
            "description": self.description.toPlainText().strip(),
        }


class RoadmapScreen(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.details: Details | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = heading("Roadmap")
        top.addWidget(self.title, 1)
        top.addWidget(QLabel("Show"))
        self.filter = QComboBox()
        self.filter.addItems(list(FILTERS))
        self.filter.setAccessibleName("Show deliverables")
        top.addWidget(self.filter)
        self.replan = QPushButton("Re-plan from today…")
        self.replan.setToolTip("Reschedule the open deliverables from today; done ones stay")
        top.addWidget(self.replan)
        layout.addLayout(top)
        self.summary = muted("")
        layout.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("roadmap-split")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model = RoadmapModel()
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Roadmap deliverables")
        self.tree.setUniformRowHeights(True)  # keeps 5,000 rows cheap to lay out
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 95), (2, 55), (3, 90), (4, 140)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        left_layout.addWidget(self.tree, 1)
        edit_row = QHBoxLayout()
        self.add = QPushButton("Add…")
        self.edit = QPushButton("Edit…")
        self.remove = QPushButton("Remove")
        self.up = QPushButton("Move up")
        self.down = QPushButton("Move down")
        for button in (self.add, self.edit, self.remove, self.up, self.down):
            edit_row.addWidget(button)
        edit_row.addStretch(1)
        left_layout.addLayout(edit_row)
        split.addWidget(left)

        pane = QWidget()
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(8, 0, 0, 0)
        self.card = Card("Select a deliverable")
        self.facts = Facts()
        self.card.body.addWidget(self.facts)
        status_row = QHBoxLayout()
        status_row.addWidget(QLabel("Status"))
        self.status = QComboBox()
        self.status.addItems(STATUS_CHOICES)
        self.status.setAccessibleName("Status")
        status_row.addWidget(self.status, 1)
        self.card.body.addLayout(status_row)
        ev_row = QHBoxLayout()
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText("Evidence: a link, a certificate id or a file path")
        self.evidence.setAccessibleName("Evidence")
        self.add_evidence = QPushButton("Add evidence")
        ev_row.addWidget(self.evidence, 1)
        ev_row.addWidget(self.add_evidence)
        self.card.body.addLayout(ev_row)
        note_row = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setPlaceholderText("Jot a note")
        self.note.setAccessibleName("Note")
        self.add_note = QPushButton("Add note")
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.add_note)
        self.card.body.addLayout(note_row)
        log_row = QHBoxLayout()
        self.log_hours = QDoubleSpinBox()
        self.log_hours.setRange(0.25, 24)
        self.log_hours.setSingleStep(0.5)
        self.log_hours.setValue(1)
        self.log_hours.setSuffix(" h")
        self.log_hours.setAccessibleName("Hours to log")
        self.log_on = date_edit("Date of the hours")
        self.log = QPushButton("Log hours")
        log_row.addWidget(self.log_hours)
        log_row.addWidget(self.log_on)
        log_row.addWidget(self.log)
        self.card.body.addLayout(log_row)
        self.card.body.addStretch(1)
        self.card.title.setWordWrap(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.card)
        pane_layout.addWidget(scroll)
        split.addWidget(pane)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([640, 360])
        self.splitter = split
        layout.addWidget(split, 1)

        # a reset (a new plan, a filter) shows every phase open; a tick only repaints its row
        self.model.modelReset.connect(self.tree.expandAll)
        self.filter.currentTextChanged.connect(self._filter)
        self.model.toggled.connect(window.toggle)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._selected())
        self.status.activated.connect(self._status_chosen)
        self.add_evidence.clicked.connect(self._add_evidence)
        self.evidence.returnPressed.connect(self._add_evidence)
        self.add_note.clicked.connect(self._add_note)
        self.note.returnPressed.connect(self._add_note)
        self.log.clicked.connect(self._log)
        self.add.clicked.connect(self._add)
        self.edit.clicked.connect(self._edit)
        self.remove.clicked.connect(self._remove)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.replan.clicked.connect(window.replan)
        self.tree.doubleClicked.connect(lambda *_: self._edit())
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.tree)
        space.setContext(Qt.ShortcutContext.WidgetShortcut)
        space.activated.connect(self.toggle_selected)
        self._set_pane_enabled(False)

    # ------------------------------------------------------------ state

    def set_state(self, state: AppState) -> None:
        key = self.current_key()
        self.model.set_phases(state.phases(), state.today)
        if state.status is None:
            self.title.setText("Roadmap")
            self.summary.setText("No plan yet: choose a target role to create one.")
        else:
            plan = state.status.plan
            tally = state.status.overall
            self.title.setText(f"Roadmap to {plan.role_title}")
            self.summary.setText(
                f"Done: {tally.done} of {tally.total} deliverables, "
                f"{tally.done_hours:g} of {tally.total_hours:g} h ({tally.percent}%). "
                f"Planned {plan.start} at {plan.hours_per_week:g} h a week."
            )
        self.log_on.setDate(qdate(state.today))
        self.log_on.setMaximumDate(qdate(state.today))
        if key:
            self.select(key)

    def select(self, key: str) -> None:
        index = self.model.index_of(key)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def current_key(self) -> str | None:
        row = self.model.row_for(self.tree.currentIndex())
        return row.key if row else None

    def _filter(self, name: str) -> None:
        key = self.current_key()
        self.model.set_filter(name)
        if key:
            self.select(key)

    def _set_pane_enabled(self, on: bool) -> None:
        for widget in (
            self.status,
            self.evidence,
            self.add_evidence,
            self.note,
            self.add_note,
            self.log_hours,
            self.log_on,
            self.log,
            self.edit,
            self.remove,
            self.up,
            self.down,
        ):
            widget.setEnabled(on)

    def _selected(self) -> None:
        key = self.current_key()
        self._set_pane_enabled(key is not None)
        if key is None:
            self.card.title.setText("Select a deliverable")
            self.facts.set_rows([])
            self.details = None
            return
        self.window_.load_details(key, self.show_details)

    def show_details(self, details: Details) -> None:
        if details.key != self.current_key():
            return
        self.details = details
        self.card.title.setText(details.title)
        rows: list[tuple[str, str]] = [("What", escape(details.description) or "—")]
        if details.resource_url:
            rows.append(
                (
                    "Resource",
                    f"<a href='{escape(details.resource_url)}'>"
                    f"{escape(details.resource_title or details.resource_url)}</a>",
                )
            )
        rows += [
            (
                "Hours",
                f"{details.hours:g} h estimated, {sum(h for _, h in details.logs):g} h logged",
            ),
            ("Dates", f"{details.start} to {details.due}"),
            ("Success", escape(details.metric) or "—"),
        ]
        if details.done_on:
            rows.append(("Completed", str(details.done_on)))
        if details.expires_on:
            rows.append(("Expires", str(details.expires_on)))
        if details.evidence:
            rows.append(
                (
                    "Evidence",
                    "<br>".join(
                        f"{on}: <a href='{escape(v)}'>{escape(v)}</a>"
                        if kind == "link"
                        else f"{on}: {escape(v)} ({kind})"
                        for on, kind, v in details.evidence
                    ),
                )
            )
        if details.notes:
            rows.append(("Notes", "<br>".join(f"{on}: {escape(t)}" for on, t in details.notes)))
        if details.logs:
            rows.append(("Hours log", "<br>".join(f"{on}: {h:g} h" for on, h in details.logs)))
        self.facts.set_rows(rows)
        self.status.setCurrentText(details.status)

    # ------------------------------------------------------------ actions

    def toggle_selected(self) -> None:
        row = self.model.row_for(self.tree.currentIndex())
        if row is not None and row.status != "skipped":
            self.window_.toggle(row.key, row.status != "done")

    def _status_chosen(self) -> None:
        key = self.current_key()
        if key:
            self.window_.set_status(key, self.status.currentText())

    def _add_evidence(self) -> None:
        key, text = self.current_key(), self.evidence.text().strip()
        if key and text:
            self.window_.add_evidence(key, text)
            self.evidence.clear()

    def _add_note(self) -> None:
        key, text = self.current_key(), self.note.text().strip()
        if key and text:
            self.window_.add_note(key, text)
            self.note.clear()

    def _log(self) -> None:
        key = self.current_key()
        if key:
            self.window_.log_hours(key, self.log_hours.value(), pydate(self.log_on.date()))

    def _add(self) -> None:
        dialog = DeliverableDialog(self, "Add a deliverable", self.window_.today())
        if self.window_.run_dialog(dialog):
            values = dialog.values()
            if values["title"]:
                phase = self.model.phase_of(self.tree.currentIndex())
                self.window_.add_deliverable(values, phase)

    def _edit(self) -> None:
        if self.details is None:
            return
        dialog = DeliverableDialog(self, "Edit deliverable", self.window_.today(), self.details)
        if self.window_.run_dialog(dialog):
            values = dialog.values()
            changed = {k: v for k, v in values.items() if v != getattr(self.details, k)}
            if changed:
                self.window_.edit_deliverable(self.details.key, changed)

    def _remove(self) -> None:
        key = self.current_key()
        if key:
            self.window_.remove_deliverable(key)

    def _move(self, step: int) -> None:
        index = self.tree.currentIndex()
        row = self.model.row_for(index)
        if row is None or self.filter.currentText() != "All":
            if row is not None:
                self.window_.show_message("Show all deliverables to reorder them.")
            return
        target = index.row() + step
        if 0 <= target < self.model.rowCount(index.parent()):
            self.window_.move_deliverable(row.key, target)

    def current_index(self) -> QModelIndex:
        return self.tree.currentIndex()
