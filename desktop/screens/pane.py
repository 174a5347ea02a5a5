"""The details of one deliverable, with what a person does to it day to day: a note, hours,
evidence, its status. Today and the roadmap show it beside (or below) their list."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.changes import Changes
from skillpath.core.records import DeliverableDetails, safe_link
from skillpath.core.rules import MAX_LOG_HOURS, Status
from skillpath.core.session import Session
from skillpath.desktop.context import AppContext
from skillpath.desktop.dialogs.deliverable import pydate, qdate
from skillpath.desktop.operations import tracking as tracking_ops
from skillpath.desktop.screens.common import (
    EnterSpin,
    EscapeLine,
    Facts,
    date_edit,
    heading,
    muted,
)

STATUS_CHOICES = tuple(s.value for s in Status)


def detail_rows(details: DeliverableDetails) -> list[tuple[str, str]]:
    """The facts of a deliverable as (name, HTML value) rows, typed text escaped."""
    item = details.deliverable
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
    return rows


class DeliverablePane(QScrollArea):
    """One deliverable: the note, hours and evidence fields first (so they are a Tab away
    from the list), then its status and facts.

    Signals:
        left(): Escape in a field: the screen gives the focus back to its list.
    """

    left = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.key: str | None = None
        self.details: DeliverableDetails | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a Tab stop with nothing to do
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Deliverable details")
        body = QWidget()
        body.setObjectName("pane")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 4, 8, 8)
        self.heading = heading("Select a deliverable", 1.15)
        layout.addWidget(self.heading)
        self.hint = muted("Its notes, hours and evidence show here.")
        layout.addWidget(self.hint)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.note = EscapeLine()
        self.note.setPlaceholderText("Jot a note, then Enter")
        self.note.setAccessibleName("Note")
        self.add_note = QPushButton("Add note")
        form.addRow(self._label("&Note", self.note), self._row(self.note, self.add_note))
        self.log_hours = EnterSpin()
        self.log_hours.setRange(0.25, MAX_LOG_HOURS)
        self.log_hours.setSingleStep(0.5)
        self.log_hours.setDecimals(2)
        self.log_hours.setValue(1)
        self.log_hours.setSuffix(" h")
        self.log_hours.setAccessibleName("Hours to log")
        self.log_on = date_edit("Date of the hours")
        self.log = QPushButton("Log hours")
        form.addRow(
            self._label("&Hours", self.log_hours), self._row(self.log_hours, self.log_on, self.log)
        )
        self.evidence = EscapeLine()
        self.evidence.setPlaceholderText("A link, a certificate id or a file path")
        self.evidence.setAccessibleName("Evidence")
        self.add_evidence = QPushButton("Add evidence")
        form.addRow(
            self._label("E&vidence", self.evidence), self._row(self.evidence, self.add_evidence)
        )
        self.status = QComboBox()
        self.status.addItems(STATUS_CHOICES)
        self.status.setAccessibleName("Status")
        form.addRow(self._label("S&tatus", self.status), self.status)
        layout.addLayout(form)
        self.facts = Facts()
        layout.addWidget(self.facts)
        layout.addStretch(1)
        self.setWidget(body)

        self.note.returnPressed.connect(self._add_note)
        self.add_note.clicked.connect(self._add_note)
        self.log_hours.entered.connect(self._log)
        self.log.clicked.connect(self._log)
        self.evidence.returnPressed.connect(self._add_evidence)
        self.add_evidence.clicked.connect(self._add_evidence)
        self.status.activated.connect(self._status_chosen)
        for signal in (self.note.left, self.log_hours.left, self.evidence.left):
            signal.connect(self.left)
        self.setTabOrder(self.note, self.add_note)
        self.setTabOrder(self.add_note, self.log_hours)
        self.setTabOrder(self.log_hours, self.log_on)
        self.setTabOrder(self.log_on, self.log)
        self.setTabOrder(self.log, self.evidence)
        self.setTabOrder(self.evidence, self.add_evidence)
        self.setTabOrder(self.add_evidence, self.status)
        self._enable(False)
        ctx.state.changed.connect(self._changed)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    @staticmethod
    def _row(*widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for n, widget in enumerate(widgets):
            row.addWidget(widget, 1 if n == 0 else 0)
        return row

    def first_field(self) -> QWidget:
        return self.note

    def _enable(self, on: bool) -> None:
        for widget in (
            self.note, self.add_note, self.log_hours, self.log_on, self.log, self.evidence,
            self.add_evidence, self.status,
        ):  # fmt: skip
            widget.setEnabled(on)

    # ------------------------------------------------------------ showing

    def show_key(self, key: str | None) -> None:
        """Show this deliverable (None: nothing selected)."""
        self.key = key
        view = self.ctx.view
        item = view.item(key) if view and key else None
        if item is None:
            self.key, self.details = None, None
            self._enable(False)
            self.heading.setText("Select a deliverable")
            self.hint.setText("Its notes, hours and evidence show here.")
            self.hint.show()
            self.facts.set_rows([])
            return
        self._enable(True)
        self.heading.setText(item.title)
        self.hint.hide()
        self.status.setCurrentText(str(item.status))
        today = self.ctx.today()
        self.log_on.setMaximumDate(qdate(today))
        if pydate(self.log_on.date()) > today or self.details is None:
            self.log_on.setDate(qdate(today))
        pid = self.ctx.state.profile_id
        if pid is None:
            return

        def read(s: Session) -> DeliverableDetails:
            from skillpath.core.queries import details

            return details(s, pid, item.key)

        self.ctx.ops.read(read, self.show_details)

    def show_details(self, details: DeliverableDetails) -> None:
        item = details.deliverable
        if item.key != self.key:
            return  # the person moved on meanwhile
        self.details = details
        self.heading.setText(item.title)
        self.status.setCurrentText(str(item.status))
        self.facts.set_rows(detail_rows(details))

    def _changed(self, changes: Changes) -> None:
        if self.key is None:
            return
        wide = self.ctx.state.wide(changes)
        if wide or self.key in changes.deliverables:
            self.show_key(self.key)

    # ------------------------------------------------------------ acting

    def focus_note(self) -> None:
        if self.key is not None:
            self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_log(self) -> None:
        if self.key is not None:
            self.log_hours.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.log_hours.selectAll()

    def focus_evidence(self) -> None:
        if self.key is not None:
            self.evidence.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _status_chosen(self) -> None:
        if self.key:
            tracking_ops.set_status(self.ctx, self.key, Status(self.status.currentText()))

    def _add_evidence(self) -> None:
        text = self.evidence.text().strip()
        if self.key and text:
            tracking_ops.add_evidence(self.ctx, self.key, text)
            self.evidence.clear()

    def _add_note(self) -> None:
        text = self.note.text().strip()
        if self.key and text:
            tracking_ops.add_note(self.ctx, self.key, text)
            self.note.clear()

    def _log(self) -> None:
        if self.key:
            tracking_ops.log_hours(
                self.ctx, self.key, self.log_hours.value(), pydate(self.log_on.date())
            )
