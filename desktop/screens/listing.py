"""What Today and the roadmap share: a tree of deliverables with a details pane beside it (or
below, on a narrow window), and the commands of the Deliverable menu acting on the row
that is selected."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeView,
    QWidget,
)

from skillpath.core.rules import Status
from skillpath.desktop.context import AppContext
from skillpath.desktop.models import DeliverableTree
from skillpath.desktop.operations import tracking as tracking_ops
from skillpath.desktop.screens.common import AdaptiveSplit
from skillpath.desktop.screens.pane import DeliverablePane

TITLE_CHARS = 56  # what a title keeps room for before other columns are shown
COLUMN_SAMPLES = {  # the widest text each column shows
    DeliverableTree.DUE: "12 days late",
    DeliverableTree.STATUS: Status.IN_PROGRESS.value,
    DeliverableTree.HOURS: "2000 h",
    DeliverableTree.KIND: "certification (own)",
}


class DeliverableTreeView(QTreeView):
    """A tree whose arrow keys go from deliverable to deliverable, over the group headings
    (a heading has nothing to tick, log or note)."""

    _STEPS = (
        QAbstractItemView.CursorAction.MoveDown,
        QAbstractItemView.CursorAction.MoveUp,
        QAbstractItemView.CursorAction.MoveHome,
        QAbstractItemView.CursorAction.MoveEnd,
        QAbstractItemView.CursorAction.MovePageDown,
        QAbstractItemView.CursorAction.MovePageUp,
        QAbstractItemView.CursorAction.MoveNext,
        QAbstractItemView.CursorAction.MovePrevious,
    )

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        index = super().moveCursor(action, modifiers)
        if action not in self._STEPS or not index.isValid() or index.parent().isValid():
            return index
        A = QAbstractItemView.CursorAction
        down = action in (A.MoveDown, A.MoveHome, A.MovePageDown, A.MoveNext)
        seen = 0
        while index.isValid() and not index.parent().isValid() and seen < 10_000:
            seen += 1
            if down and self.model().rowCount(index) and self.isExpanded(index):
                return self.model().index(0, 0, index)  # a heading's first deliverable
            step = self.indexBelow(index) if down else self.indexAbove(index)
            if not step.isValid():
                return self.currentIndex()  # nothing beyond: stay
            index = step
        return index


class DeliverableList(QWidget):
    """A screen with a list of deliverables: Today or the roadmap.

    Subclasses build `self.model` before calling `_build_list`, and lay out
    `self.splitter` (the list's holder and the pane).
    """

    model: DeliverableTree

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx

    def _build_list(self, name: str, columns: dict[int, bool]) -> None:
        """Make the tree (`name` for screen readers) and its pane.

        Args:
            columns: which columns to show besides the title, and whether each is kept when
                the list is narrow.
        """
        self.tree = DeliverableTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(name)
        self.tree.setUniformRowHeights(True)  # keeps 5,000 rows cheap to lay out
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        self._columns = columns
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 6)
        # widths from the font, not from the rows: measuring 5,000 rows on every scroll
        # would stall it
        fm = self.tree.fontMetrics()
        self._widths = {
            col: max(fm.horizontalAdvance(sample), fm.horizontalAdvance(self.model.HEADERS[col]))
            + 3 * fm.averageCharWidth()
            for col, sample in COLUMN_SAMPLES.items()
        }
        for col in range(1, self.model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, self._widths.get(col, 80))
            header.setSectionHidden(col, col not in columns)
        self.tree.viewport().installEventFilter(self)
        self.pane = DeliverablePane(self.ctx)
        self.pane.left.connect(self.focus_list)
        self.splitter = AdaptiveSplit()
        self.model.modelReset.connect(self.tree.expandAll)
        self.model.modelReset.connect(self._fit_columns)
        self.model.toggled.connect(lambda key, done: tracking_ops.toggle(self.ctx, key, done))
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._selected())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Titles get the width: the other columns show, in order, only while the title
        keeps room for about TITLE_CHARS characters (the pane shows them all anyway)."""
        header = self.tree.header()
        room = self.tree.viewport().width() - self.fontMetrics().averageCharWidth() * TITLE_CHARS
        room -= self.tree.indentation() + 24  # the branch and the checkbox
        fits = True
        for col, keep in self._columns.items():  # in order of importance
            width = self._widths.get(col, 80)
            fits = fits and width <= room
            show = keep or fits
            header.setSectionHidden(col, not show)
            if show:
                room -= width

    # ------------------------------------------------------------ selection

    def current_key(self) -> str | None:
        row = self.model.row_for(self.tree.currentIndex())
        return row.key if row else None

    def current_index(self) -> QModelIndex:
        return self.tree.currentIndex()

    def select(self, key: str) -> None:
        index = self.model.index_of(key)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _selected(self) -> None:
        self.pane.show_key(self.current_key())

    def focus_list(self) -> None:
        """Give the list the keyboard, on a deliverable (the first one when none is)."""
        if self.current_key() is None:
            keys = self.model.row_keys()
            if keys:
                self.select(keys[0])
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------ commands

    def toggle_selected(self) -> None:
        row = self.model.row_for(self.tree.currentIndex())
        if row is not None and row.counts:
            tracking_ops.toggle(self.ctx, row.key, row.status is not Status.DONE)

    def skip_selected(self) -> None:
        row = self.model.row_for(self.tree.currentIndex())
        if row is None:
            return
        status = Status.TODO if row.status is Status.SKIPPED else Status.SKIPPED
        tracking_ops.set_status(self.ctx, row.key, status)

    def start_selected(self) -> None:
        row = self.model.row_for(self.tree.currentIndex())
        if row is not None and row.status is Status.TODO:
            tracking_ops.set_status(self.ctx, row.key, Status.IN_PROGRESS)

    def edit_selected(self) -> None:
        key = self.current_key()
        if key:
            tracking_ops.edit(self.ctx, key)

    def remove_selected(self) -> None:
        key = self.current_key()
        if key:
            tracking_ops.remove_deliverable(self.ctx, key)

    def move_selected(self, step: int) -> None:
        self.ctx.nav.message.emit("Reorder deliverables on the Roadmap.")

    def add_new(self) -> None:
        tracking_ops.add(self.ctx, self.current_phase())

    def current_phase(self) -> int | None:
        row = self.model.row_for(self.tree.currentIndex())
        return row.phase if row else None

    def focus_search(self) -> None:
        self.focus_list()
