"""Today: what matters now (overdue, due this week, in progress, next up), each ticked in
place, with the details pane to log hours and jot notes."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from skillpath.core.changes import Changes
from skillpath.desktop.context import AppContext
from skillpath.desktop.models import DeliverableTree, TodayModel
from skillpath.desktop.screens.common import heading, muted
from skillpath.desktop.screens.listing import DeliverableList
from skillpath.desktop.screens.target import TargetBanner


def today_line(overdue: int, due: int) -> str:
    """'2 overdue, 1 due this week' or 'Nothing due this week'."""
    parts = []
    if overdue:
        parts.append(f"{overdue} overdue")
    if due:
        parts.append(f"{due} due this week")
    return ", ".join(parts) if parts else "Nothing due this week"


class TodayScreen(DeliverableList):
    model: DeliverableTree

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        self.title = heading("Today")
        layout.addWidget(self.title)
        self.subtitle = muted("")
        layout.addWidget(self.subtitle)
        self.target_banner = TargetBanner(ctx)
        layout.addWidget(self.target_banner)
        self.today_model = TodayModel()
        self.model = self.today_model
        self._build_list(
            "What matters now", {DeliverableTree.DUE: True, DeliverableTree.HOURS: False}
        )
        holder = QWidget()
        left = QVBoxLayout(holder)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.tree, 1)
        self.empty = muted("")
        self.empty.hide()
        left.addWidget(self.empty)
        self.to_roles = QPushButton("Choose a target role…")
        self.to_roles.hide()
        self.to_roles.clicked.connect(lambda: ctx.nav.go.emit("roles"))
        left.addWidget(self.to_roles)
        self.splitter.addWidget(holder)
        self.splitter.addWidget(self.pane)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.tree, self.pane.first_field())
        ctx.state.changed.connect(self._changed)
        self.refresh()

    def shown(self) -> None:
        """Brought to the front: regroup (what was ticked meanwhile leaves the list)."""
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        view = self.ctx.view
        if view is None:
            return
        wide = self.ctx.state.wide(changes)
        if not wide and changes.deliverables:
            # a tick stays in place, struck through, until the screen is shown again
            self.today_model.update_rows([d for d in view.items if d.key in changes.deliverables])
            self._summary()
            return
        if wide:
            self.refresh()

    def refresh(self) -> None:
        view = self.ctx.view
        if view is None:
            return
        key = self.current_key()
        self.today_model.set_items(view.items, view.today)
        self._summary()
        if key and self.model.index_of(key).isValid():
            self.select(key)
        elif self.model.count():
            self.select(self.model.row_keys()[0])
        else:
            self.pane.show_key(None)

    def _summary(self) -> None:
        view = self.ctx.view
        if view is None:
            return
        day = view.today
        self.title.setText(f"Today, {day:%A} {day.day} {day:%B}")
        st = view.progress
        self.to_roles.setVisible(st is None and view.profile is not None)
        if st is None:
            self.subtitle.setText("No plan yet: choose a target role to create one.")
            self.empty.hide()
            return
        self.subtitle.setText(
            today_line(len(st.overdue), len(st.due_soon))
            + f". {st.overall.done} of {st.overall.total} deliverables done."
        )
        nothing = self.model.count() == 0
        self.empty.setVisible(nothing)
        self.empty.setText("Nothing open: every deliverable of the plan is done or skipped.")
