"""Deliverables as two-level trees with a checkbox per deliverable: the roadmap (by phase,
with filters, search and drag to reorder) and Today (overdue, due this week, in progress,
next up).

Ticking a checkbox or dropping a row does not change the model: it emits `toggled` or
`moved`; the change runs through the core and comes back as fresh rows (`update_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from skillpath.core.progress import DUE_SOON_DAYS
from skillpath.core.records import Deliverable
from skillpath.core.rules import Status
from skillpath.desktop import theme
from skillpath.desktop.models.base import KEY_ROLE, ROOT, Index

Row = Deliverable  # a row is the stored deliverable itself
MIME = "application/x-skillpath-deliverable"
NEXT_UP = 5  # how many of the next open deliverables Today lists


@dataclass(frozen=True)
class Group:
    """A heading with its deliverables: a phase (numbered from 1) or a Today section."""

    number: int
    title: str
    rows: list[Row] = field(default_factory=list)


PhaseRow = Group


def phase_rows(items: Sequence[Deliverable]) -> list[Group]:
    """Deliverables (in plan order) grouped by phase."""
    out: list[Group] = []
    for item in items:
        if not out or out[-1].number != item.phase:
            out.append(Group(item.phase, item.phase_title, []))
        out[-1].rows.append(item)
    return out


def due_words(due: dt.date, today: dt.date) -> str:
    """'today', 'tomorrow', 'in 3 days', '2 days late' or the date when further off."""
    days = (due - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "1 day late"
    if days < 0:
        return f"{-days} days late"
    if days <= 13:
        return f"in {days} days"
    return str(due)


FILTERS: dict[str, Callable[[Row, dt.date], bool]] = {
    "All": lambda r, today: True,
    "Open": lambda r, today: r.is_open,
    "Overdue": lambda r, today: r.is_open and r.due < today,
    "Due this week": lambda r, today: (
        r.is_open and today <= r.due <= today + dt.timedelta(days=DUE_SOON_DAYS)
    ),
    "Done": lambda r, today: r.status is Status.DONE,
}


def today_groups(items: Sequence[Deliverable], today: dt.date) -> list[Group]:
    """What matters now, each deliverable once: overdue, due this week, in progress, next up.
    Empty sections are left out."""
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    open_items = [r for r in items if r.is_open]
    overdue = sorted((r for r in open_items if r.due < today), key=lambda r: r.due)
    due = sorted((r for r in open_items if today <= r.due <= soon), key=lambda r: r.due)
    taken = {r.key for r in overdue + due}
    started = [r for r in open_items if r.status is Status.IN_PROGRESS and r.key not in taken]
    taken |= {r.key for r in started}
    upcoming = [r for r in open_items if r.key not in taken][:NEXT_UP]
    sections = (
        ("Overdue", overdue),
        ("Due this week", due),
        ("In progress", started),
        ("Next up", upcoming),
    )
    return [Group(n, title, rows) for n, (title, rows) in enumerate(sections, 1) if rows]


_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.AccessibleTextRole,
        KEY_ROLE,
    }
)
_BRUSHES: dict[tuple[str, bool], QBrush] = {}
_F = Qt.ItemFlag
_NO_FLAGS = _F.NoItemFlags
_PLAIN = _F.ItemIsEnabled | _F.ItemIsSelectable
_CHECK = _PLAIN | _F.ItemIsUserCheckable
_GROUP_DROP = _PLAIN | _F.ItemIsDropEnabled
_PLAIN_DRAG = _PLAIN | _F.ItemIsDragEnabled
_CHECK_DRAG = _CHECK | _F.ItemIsDragEnabled


def _brush(name: str) -> QBrush:
    """The theme's colour as a brush, made once per theme (data() runs for every cell)."""
    key = (name, theme.dark_now())
    brush = _BRUSHES.get(key)
    if brush is None:
        brush = _BRUSHES[key] = QBrush(theme.color(name))
    return brush


def _shape(groups: Sequence[Group]) -> list[tuple[str, list[str]]]:
    return [(g.title, [r.key for r in g.rows]) for g in groups]


class DeliverableTree(QAbstractItemModel):
    """Groups with their deliverables, as a two-level tree with a checkbox per deliverable.

    Signals:
        toggled(str, bool): the person ticked (True) or unticked a deliverable.
    """

    HEADERS = ("Deliverable", "Due", "Status", "Hours", "Kind")
    TITLE, DUE, STATUS, HOURS, KIND = range(5)
    toggled = Signal(str, bool)
    strike_done = False  # draw a done title struck through (Today keeps ticked rows)
    due_in_words = False

    def __init__(self) -> None:
        super().__init__()
        self._groups: list[Group] = []
        self._today = dt.date.today()

    # -- what subclasses provide

    def _regroup(self) -> list[Group]:
        """The groups to show, from the model's current data."""
        return self._groups

    def _replace(self, by_key: dict[str, Deliverable]) -> None:
        """Take these fresh rows into the model's data."""

    def group_text(self, group: Group, column: int) -> str | None:
        if column == self.TITLE:
            return f"{group.title} · {len(group.rows)}"
        return None

    # -- data in

    def _show(self, groups: list[Group]) -> None:
        """Show `groups`: the same rows in the same places repaint only what differs (so
        selection and scroll stay put); anything else resets the tree."""
        if _shape(groups) != _shape(self._groups):
            self.beginResetModel()
            self._groups = groups
            self.endResetModel()
            return
        old, self._groups = self._groups, groups
        last = len(self.HEADERS) - 1
        for g_index, (before, after) in enumerate(zip(old, groups, strict=True)):
            if before.rows == after.rows:
                continue
            parent = self.index(g_index, 0)
            for r_index, (a, b) in enumerate(zip(before.rows, after.rows, strict=True)):
                if a != b:
                    self.dataChanged.emit(
                        self.index(r_index, 0, parent), self.index(r_index, last, parent)
                    )
            self.dataChanged.emit(self.index(g_index, 0), self.index(g_index, last))

    def update_rows(self, fresh: Sequence[Deliverable]) -> None:
        """Replace the rows with these keys and repaint only them (a tick, a note)."""
        by_key = {d.key: d for d in fresh}
        if by_key:
            self._replace(by_key)
            self._show(self._regroup())

    # -- lookups

    def groups(self) -> list[Group]:
        return list(self._groups)

    def row_for(self, index: Index) -> Row | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1].rows[index.row()]

    def group_of(self, index: Index) -> Group | None:
        """The group of a group row or of a deliverable's row."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._groups[row]

    def index_of(self, key: str) -> QModelIndex:
        for g_index, group in enumerate(self._groups):
            for r_index, row in enumerate(group.rows):
                if row.key == key:
                    return self.index(r_index, 0, self.index(g_index, 0))
        return QModelIndex()

    def count(self) -> int:
        return sum(len(g.rows) for g in self._groups)

    def row_keys(self) -> list[str]:
        return [r.key for g in self._groups for r in g.rows]

    # -- Qt's model interface

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        # bounds checked here rather than by hasIndex: this runs for every painted cell
        if row < 0 or not 0 <= column < len(self.HEADERS):
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._groups):
                return QModelIndex()
            return self.createIndex(row, column, 0)
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        group = parent.row()
        if group >= len(self._groups) or row >= len(self._groups[group].rows):
            return QModelIndex()
        return self.createIndex(row, column, group + 1)

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()].rows)
        return 0

    def columnCount(self, parent: Index = ROOT) -> int:
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    dragging = False  # rows can be dragged and dropped between the rows of a group

    def flags(self, index: Index) -> Qt.ItemFlag:
        # the combinations are made once (module constants): this runs for every cell
        if not index.isValid():
            return _NO_FLAGS
        group = index.internalId()
        if group == 0:
            return _GROUP_DROP if self.dragging else _PLAIN
        if index.column() == 0 and self._groups[group - 1].rows[index.row()].counts:
            return _CHECK_DRAG if self.dragging else _CHECK
        return _PLAIN_DRAG if self.dragging else _PLAIN

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None  # most of what a view asks for, cheaply
        col = index.column()
        if index.internalId() == 0:
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return self.group_text(group, col)
            if role == Qt.ItemDataRole.FontRole and col == 0:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.AccessibleTextRole and col == 0:
                return f"{group.title}, {len(group.rows)} deliverables"
            return None
        row = self._groups[index.internalId() - 1].rows[index.row()]
        return self._row_data(row, col, role)

    def _row_data(self, row: Row, col: int, role: int) -> Any:
        if role == _DISPLAY:
            if col == self.TITLE:
                return row.title
            if col == self.DUE:
                return due_words(row.due, self._today) if self.due_in_words else str(row.due)
            if col == self.STATUS:  # the checkbox says done; the column says the rest
                return "" if row.status in (Status.TODO, Status.DONE) else str(row.status)
            if col == self.HOURS:
                return f"{row.hours:g} h"
            if col == self.KIND:
                return str(row.kind) + ("" if row.origin == "generated" else " (own)")
        if role == Qt.ItemDataRole.CheckStateRole and col == self.TITLE:
            if row.status is Status.SKIPPED:
                return None
            return Qt.CheckState.Checked if row.status is Status.DONE else Qt.CheckState.Unchecked
        if role == _FOREGROUND:
            if not row.is_open:
                return _brush("muted")
            if row.due < self._today and col in (self.DUE, self.STATUS):
                return _brush("bad")
        done = row.status is Status.DONE
        if role == Qt.ItemDataRole.FontRole and col == self.TITLE and self.strike_done and done:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.TITLE:
                return row.title
            if col == self.DUE:
                return f"Due {row.due}" + (f", done {row.done_on}" if row.done_on else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.HOURS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == KEY_ROLE:
            return row.key
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.TITLE:
            return f"{row.title}, {row.status}, due {row.due}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        row = self.row_for(index)
        if row is None or not row.counts:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked != (row.status is Status.DONE):
            self.toggled.emit(row.key, checked)
        return True


class RoadmapModel(DeliverableTree):
    """The plan by phase, with a filter, a search and drag to reorder.

    Signals:
        moved(str, int, int): a deliverable was dropped in phase (number) at index (0-based,
            counted without it).
    """

    moved = Signal(str, int, int)

    def __init__(self) -> None:
        super().__init__()
        self._all: list[Group] = []
        self._filter = "All"
        self._search = ""

    def set_phases(self, phases: Sequence[Group], today: dt.date) -> None:
        """Show these phases (a change of rows only repaints them)."""
        self._all = list(phases)
        self._today = today
        self._show(self._regroup())

    def set_filter(self, name: str) -> None:
        self._filter = name if name in FILTERS else "All"
        self._show(self._regroup())

    def set_search(self, text: str) -> None:
        self._search = text.strip().casefold()
        self._show(self._regroup())

    @property
    def reorderable(self) -> bool:
        """Only the whole plan can be reordered (a filtered list hides where rows go)."""
        return self._filter == "All" and not self._search

    def _replace(self, by_key: dict[str, Deliverable]) -> None:
        self._all = [
            Group(p.number, p.title, [by_key.get(r.key, r) for r in p.rows]) for p in self._all
        ]

    def _regroup(self) -> list[Group]:
        keep = FILTERS[self._filter]
        words = self._search

        def shown(r: Row) -> bool:
            if not keep(r, self._today):
                return False
            return not words or words in r.title.casefold() or words in r.description.casefold()

        out = []
        for phase in self._all:
            rows = [r for r in phase.rows if shown(r)]
            if rows or self.reorderable:
                out.append(Group(phase.number, phase.title, rows))
        return out

    def group_text(self, group: Group, column: int) -> str | None:
        if column == self.TITLE:
            return f"Phase {group.number}. {group.title}"
        if column == self.HOURS:
            return f"{sum(r.hours for r in group.rows):g} h"
        if column == self.STATUS:
            done = sum(1 for r in group.rows if r.status is Status.DONE)
            counted = sum(1 for r in group.rows if r.counts)
            return f"{done}/{counted} done"
        return None

    def phase_of(self, index: Index) -> int | None:
        """The phase number of a phase row or of a deliverable's row."""
        group = self.group_of(index)
        return group.number if group else None

    # -- drag and drop

    @property
    def dragging(self) -> bool:  # type: ignore[override]
        return self.reorderable

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        row = next((r for i in indexes if (r := self.row_for(i)) is not None), None)
        if row is not None:
            data.setData(MIME, row.key.encode())
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """A row dropped between the rows of a phase (or on the phase: at its end)."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        if not parent.isValid() or parent.internalId() != 0 or not self.reorderable:
            return False
        key = bytes(data.data(MIME).data()).decode()
        phase = self._groups[parent.row()]
        keys = [r.key for r in phase.rows]
        at = len(keys) if row < 0 else row
        if key in keys:
            if keys.index(key) < at:
                at -= 1  # counted without the row that moves
            if keys.index(key) == at:
                return False
        self.moved.emit(key, phase.number, at)
        return True  # the view's removeRows afterwards is a no-op: fresh rows come back


class TodayModel(DeliverableTree):
    """What matters now. Ticked rows stay where they are (struck through) until the view is
    regrouped, so the list does not jump under the person's hands."""

    HEADERS = ("Deliverable", "Due", "Status", "Hours", "Kind")
    strike_done = True
    due_in_words = True

    def __init__(self) -> None:
        super().__init__()
        self._layout: list[tuple[int, str, list[str]]] = []
        self._rows: dict[str, Deliverable] = {}

    def set_items(self, items: Sequence[Deliverable], today: dt.date) -> None:
        """Regroup from these deliverables."""
        self._today = today
        self._rows = {d.key: d for d in items}
        self._layout = [
            (g.number, g.title, [r.key for r in g.rows]) for g in today_groups(items, today)
        ]
        self._show(self._regroup())

    def _replace(self, by_key: dict[str, Deliverable]) -> None:
        self._rows.update(by_key)

    def _regroup(self) -> list[Group]:
        return [
            Group(n, title, [self._rows[k] for k in keys if k in self._rows])
            for n, title, keys in self._layout
        ]
