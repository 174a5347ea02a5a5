"""The roadmap: phases and deliverables with checkboxes, filters, details, edits, re-plan."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.changes import Changes
from skillpath.core.records import DeliverableDetails, safe_link
from skillpath.core.rules import Status
from skillpath.core.session import Session
from skillpath.desktop.context import AppContext
from skillpath.desktop.dialogs.deliverable import DeliverableDialog, pydate, qdate
from skillpath.desktop.models import FILTERS, RoadmapModel, phase_rows
from skillpath.desktop.operations import profiles as profile_ops
from skillpath.desktop.operations import tracking as tracking_ops
from skillpath.desktop.screens.common import Card, Facts, date_edit, heading, muted

STATUS_CHOICES = tuple(s.value for s in Status)


class RoadmapScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.details: DeliverableDetails | None = None
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
        self.model.toggled.connect(lambda key, done: tracking_ops.toggle(ctx, key, done))
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
        self.replan.clicked.connect(lambda: profile_ops.replan(ctx))
        self.tree.doubleClicked.connect(lambda *_: self._edit())
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.tree)
        space.setContext(Qt.ShortcutContext.WidgetShortcut)
        space.activated.connect(self.toggle_selected)
        self._set_pane_enabled(False)
        ctx.state.changed.connect(self._changed)
        self.refresh()

    # ------------------------------------------------------------ state

    def _changed(self, changes: Changes) -> None:
        view = self.ctx.view
        if view is None:
            return
        wide = changes.plan or changes.profiles or changes.profile_id is not None
        if not wide and changes.deliverables:
            self.model.update_rows([d for d in view.items if d.key in changes.deliverables])
            self._summary()
            key = self.current_key()
            if key in changes.deliverables:
                self._selected()
            return
        self.refresh()

    def refresh(self) -> None:
        state = self.ctx.view
        if state is None:
            return
        key = self.current_key()
        self.model.set_phases(phase_rows(state.items), state.today)
        self._summary()
        self.log_on.setDate(qdate(state.today))
        self.log_on.setMaximumDate(qdate(state.today))
        if key:
            self.select(key)

    def _summary(self) -> None:
        state = self.ctx.view
        if state is None:
            return
        if state.progress is None:
            self.title.setText("Roadmap")
            self.summary.setText("No plan yet: choose a target role to create one.")
        else:
            plan = state.progress.plan
            tally = state.progress.overall
            self.title.setText(f"Roadmap to {plan.role_title}")
            self.summary.setText(
                f"Done: {tally.done} of {tally.total} deliverables, "
                f"{tally.done_hours:g} of {tally.total_hours:g} h ({tally.percent}%). "
                f"Planned {plan.start} at {plan.hours_per_week:g} h a week."
            )

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
        pid = self.ctx.state.profile_id
        if pid is None:
            return

        def read(s: Session) -> DeliverableDetails:
            from skillpath.core.queries import details

            return details(s, pid, key)

        self.ctx.ops.read(read, self.show_details)

    def show_details(self, details: DeliverableDetails) -> None:
        item = details.deliverable
        if item.key != self.current_key():
            return
        self.details = details
        self.card.title.setText(item.title)
        rows: list[tuple[str, str]] = [("What", escape(item.description) or "—")]
        if item.resource:
            url = safe_link(item.resource.url)
            name = escape(item.resource.title or item.resource.url)
            rows.append(("Resource", f"<a href='{escape(url)}'>{name}</a>" if url else name))
        spent = sum(log.hours for log in details.logs)
        rows += [
            ("Hours", f"{item.hours:g} h planned, {spent:g} h spent"),
            ("Dates", f"{item.start} to {item.due}"),
            ("Success", escape(item.metric) or "—"),
        ]
        if item.done_on:
            rows.append(("Completed", str(item.done_on)))
        if item.expires_on:
            rows.append(("Expires", str(item.expires_on)))
        if details.evidence:
            rows.append(
                (
                    "Evidence",
                    "<br>".join(
                        f"{e.on}: <a href='{escape(e.url)}'>{escape(e.value)}</a>"
                        if e.url
                        else f"{e.on}: {escape(e.value)} ({e.kind})"
                        for e in details.evidence
                    ),
                )
            )
        if details.notes:
            rows.append(("Notes", "<br>".join(f"{n.on}: {escape(n.text)}" for n in details.notes)))
        if details.logs:
            rows.append(
                (
                    "Hours log",
                    "<br>".join(
                        f"{log.since} to {log.on}: {log.hours:g} h (when done)"
                        if log.since and log.since != log.on
                        else f"{log.on}: {log.hours:g} h"
                        for log in details.logs
                    ),
                )
            )
        self.facts.set_rows(rows)
        self.status.setCurrentText(str(item.status))

    # ------------------------------------------------------------ actions

    def toggle_selected(self) -> None:
        row = self.model.row_for(self.tree.currentIndex())
        if row is not None and row.counts:
            tracking_ops.toggle(self.ctx, row.key, row.status is not Status.DONE)

    def _status_chosen(self) -> None:
        key = self.current_key()
        if key:
            tracking_ops.set_status(self.ctx, key, Status(self.status.currentText()))

    def _add_evidence(self) -> None:
        key, text = self.current_key(), self.evidence.text().strip()
        if key and text:
            tracking_ops.add_evidence(self.ctx, key, text)
            self.evidence.clear()

    def _add_note(self) -> None:
        key, text = self.current_key(), self.note.text().strip()
        if key and text:
            tracking_ops.add_note(self.ctx, key, text)
            self.note.clear()

    def _log(self) -> None:
        key = self.current_key()
        if key:
            tracking_ops.log_hours(
                self.ctx, key, self.log_hours.value(), pydate(self.log_on.date())
            )

    def _add(self) -> None:
        self.dialog = DeliverableDialog(self, "Add a deliverable", self.ctx.today())
        phase = self.model.phase_of(self.tree.currentIndex())

        def accepted() -> None:
            tracking_ops.add_deliverable(self.ctx, self.dialog.values(), phase)

        self.dialog.accepted.connect(accepted)
        self.dialog.open()

    def _edit(self) -> None:
        if self.details is None:
            return
        item = self.details.deliverable
        self.dialog = DeliverableDialog(self, "Edit deliverable", self.ctx.today(), item)

        def accepted() -> None:
            changed = self.dialog.values()
            if changed:
                tracking_ops.edit_deliverable(self.ctx, item.key, changed)

        self.dialog.accepted.connect(accepted)
        self.dialog.open()

    def _remove(self) -> None:
        key = self.current_key()
        if key:
            tracking_ops.remove_deliverable(self.ctx, key)

    def _move(self, step: int) -> None:
        index = self.tree.currentIndex()
        row = self.model.row_for(index)
        if row is None or self.filter.currentText() != "All":
            if row is not None:
                self.ctx.nav.message.emit("Show all deliverables to reorder them.")
            return
        target = index.row() + step
        if 0 <= target < self.model.rowCount(index.parent()):
            tracking_ops.move_deliverable(self.ctx, row.key, target)

    def current_index(self) -> QModelIndex:
        return self.tree.currentIndex()
