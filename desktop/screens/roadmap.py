"""The roadmap: the plan as a task list by phase, with a quick-add line, a search and
filters, drag to reorder, and the details pane beside (or below) it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.changes import Changes
from skillpath.desktop.context import AppContext
from skillpath.desktop.models import FILTERS, DeliverableTree, RoadmapModel, phase_rows
from skillpath.desktop.operations import profiles as profile_ops
from skillpath.desktop.operations import tracking as tracking_ops
from skillpath.desktop.screens.common import EscapeLine, flow, heading, muted
from skillpath.desktop.screens.listing import DeliverableList
from skillpath.desktop.screens.target import TargetBanner


class RoadmapScreen(DeliverableList):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        self.title = heading("Roadmap")
        layout.addWidget(self.title)
        self.summary = muted("")
        layout.addWidget(self.summary)
        self.target_banner = TargetBanner(ctx)
        layout.addWidget(self.target_banner)
        tools = QHBoxLayout()
        self.search = EscapeLine()
        self.search.setPlaceholderText("Search deliverables (Ctrl+F)")
        self.search.setAccessibleName("Search deliverables")
        self.search.setClearButtonEnabled(True)
        tools.addWidget(self.search, 1)
        show = QLabel("&Show")
        tools.addWidget(show)
        self.filter = QComboBox()
        self.filter.addItems(list(FILTERS))
        self.filter.setAccessibleName("Show deliverables")
        show.setBuddy(self.filter)
        tools.addWidget(self.filter)
        self.replan = QPushButton("Re-plan…")
        self.replan.setToolTip("Reschedule the open deliverables from today; done ones stay")
        self.replan.setAccessibleName("Re-plan from today")
        tools.addWidget(self.replan)
        layout.addLayout(tools)

        self.roadmap_model = RoadmapModel()
        self.model = self.roadmap_model
        self._build_list(
            "Roadmap deliverables",
            {
                DeliverableTree.DUE: True,
                DeliverableTree.STATUS: False,
                DeliverableTree.HOURS: False,
                DeliverableTree.KIND: False,
            },
        )
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        holder = QWidget()
        left = QVBoxLayout(holder)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.tree, 1)
        self.quick_add = EscapeLine()
        self.quick_add.setPlaceholderText("Add a deliverable: type its title, then Enter")
        self.quick_add.setAccessibleName("Quick add a deliverable")
        left.addWidget(self.quick_add)
        self.add = QPushButton("Add…")
        self.add.setToolTip("Add a deliverable with all its details")
        self.edit = QPushButton("Edit…")
        self.skip = QPushButton("Skip")
        self.remove = QPushButton("Remove")
        self.up = QPushButton("Move up")
        self.down = QPushButton("Move down")
        left.addWidget(flow(self.add, self.edit, self.skip, self.remove, self.up, self.down))
        self.splitter.addWidget(holder)
        self.splitter.addWidget(self.pane)
        layout.addWidget(self.splitter, 1)

        self.setTabOrder(self.search, self.filter)
        self.setTabOrder(self.filter, self.replan)
        self.setTabOrder(self.replan, self.tree)
        self.setTabOrder(self.tree, self.pane.first_field())
        self.filter.currentTextChanged.connect(self._filter)
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self.focus_list)
        self.search.left.connect(self._clear_search)
        self.quick_add.returnPressed.connect(self._quick_add)
        self.quick_add.left.connect(self.focus_list)
        self.roadmap_model.moved.connect(
            lambda key, phase, at: tracking_ops.move_deliverable(ctx, key, at, phase)
        )
        self.add.clicked.connect(self.add_new)
        self.edit.clicked.connect(self.edit_selected)
        self.skip.clicked.connect(self.skip_selected)
        self.remove.clicked.connect(self.remove_selected)
        self.up.clicked.connect(lambda: self.move_selected(-1))
        self.down.clicked.connect(lambda: self.move_selected(1))
        self.replan.clicked.connect(lambda: profile_ops.replan(ctx))
        self.tree.doubleClicked.connect(lambda *_: self.edit_selected())
        self._set_buttons()
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._set_buttons())
        ctx.state.changed.connect(self._changed)
        self.refresh()

    # ------------------------------------------------------------ state

    def _changed(self, changes: Changes) -> None:
        view = self.ctx.view
        if view is None:
            return
        wide = self.ctx.state.wide(changes)
        if not wide and changes.deliverables:
            self.roadmap_model.update_rows([d for d in view.items if d.key in changes.deliverables])
            self._summary()
            return
        if wide:
            self.refresh()
            added = [k for k in changes.deliverables if k.startswith("own-")]
            if len(changes.deliverables) == 1 and added and self.model.index_of(added[0]).isValid():
                self.select(added[0])  # a deliverable just added is the one to work on

    def refresh(self) -> None:
        view = self.ctx.view
        if view is None:
            return
        key = self.current_key()
        self.roadmap_model.set_phases(phase_rows(view.items), view.today)
        self._summary()
        if key:
            self.select(key)
        self._set_buttons()

    def _summary(self) -> None:
        view = self.ctx.view
        if view is None:
            return
        if view.progress is None:
            self.title.setText("Roadmap")
            self.summary.setText("No plan yet: choose a target role to create one.")
        else:
            plan = view.progress.plan
            tally = view.progress.overall
            self.title.setText(f"Roadmap to {plan.role_title}")
            self.summary.setText(
                f"Done: {tally.done} of {tally.total} deliverables, "
                f"{tally.done_hours:g} of {tally.total_hours:g} h ({tally.percent}%). "
                f"Planned {plan.start} at {plan.hours_per_week:g} h a week."
            )

    def _set_buttons(self) -> None:
        on = self.current_key() is not None
        for button in (self.edit, self.skip, self.remove, self.up, self.down):
            button.setEnabled(on)
        self.quick_add.setEnabled(self.ctx.view is not None and self.ctx.view.has_plan)
        self.add.setEnabled(self.quick_add.isEnabled())

    def _filter(self, name: str) -> None:
        key = self.current_key()
        self.roadmap_model.set_filter(name)
        if key:
            self.select(key)

    def _search(self, text: str) -> None:
        key = self.current_key()
        self.roadmap_model.set_search(text)
        if key:
            self.select(key)

    def _clear_search(self) -> None:
        self.search.clear()
        self.focus_list()

    def show_all(self) -> None:
        self.search.clear()
        self.filter.setCurrentText("All")

    # ------------------------------------------------------------ commands

    def current_phase(self) -> int | None:
        return self.roadmap_model.phase_of(self.tree.currentIndex())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_quick_add(self) -> None:
        self.quick_add.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _quick_add(self) -> None:
        title = self.quick_add.text().strip()
        if title:
            tracking_ops.quick_add(self.ctx, title, self.current_phase())
            self.quick_add.clear()

    def move_selected(self, step: int) -> None:
        """One place up (-1) or down (1); past a phase's end into the next phase."""
        index = self.tree.currentIndex()
        row = self.model.row_for(index)
        if row is None:
            return
        if not self.roadmap_model.reorderable:
            self.ctx.nav.message.emit("Show all deliverables, without a search, to reorder them.")
            return
        groups = self.model.groups()
        g = index.internalId() - 1
        target, phase = index.row() + step, groups[g].number
        if target < 0:
            if g == 0:
                return
            phase, target = groups[g - 1].number, len(groups[g - 1].rows)
        elif target >= len(groups[g].rows):
            if g == len(groups) - 1:
                return
            phase, target = groups[g + 1].number, 0
        tracking_ops.move_deliverable(self.ctx, row.key, target, phase)
