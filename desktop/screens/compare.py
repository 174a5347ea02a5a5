"""Compare targets: tick several roles (catalog roles, own roles, job ads saved as roles) and
see readiness, gaps, hours to ready and finish side by side, the closest marked, and the
gaps they share ranked (the skills that pay off for most of them); see core/compare.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.changes import Changes
from skillpath.core.compare import Comparison, SharedGap, TargetResult
from skillpath.core.gap import analyze
from skillpath.core.models import Profile, Role
from skillpath.core.session import Session
from skillpath.desktop.context import AppContext
from skillpath.desktop.models import KEY_ROLE, SORT_ROLE, Index, Table
from skillpath.desktop.screens.common import AdaptiveSplit, heading, muted

DEFAULT_TARGETS = 4  # ticked at first: the plan's role, own roles, then the closest


def _table(name: str) -> QTableView:
    table = QTableView()
    table.setAccessibleName(name)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setWordWrap(False)
    return table


def _fit_columns(table: QTableView, stretch: int) -> None:
    """Figures as wide as they and their headers need; `stretch` takes the rest."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    if stretch != 0:
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)


class TargetsModel(Table):
    """One row per target: readiness, gaps, hours to be ready, finish; the closest marked."""

    headers = ("Target", "Ready", "Gaps", "Hours to ready", "Finish")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[TargetResult] = []
        self._closest: str | None = None

    def set_result(self, result: Comparison | None) -> None:
        self.beginResetModel()
        self._rows = list(result.targets) if result else []
        closest = result.closest if result else None
        self._closest = closest.id if closest and len(self._rows) > 1 else None
        self.endResetModel()

    def target(self, row: int) -> TargetResult:
        return self._rows[row]

    def _count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        t = self._rows[index.row()]
        column = index.column()
        closest = t.id == self._closest
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"★ {t.title} (closest)" if closest else t.title
            return (
                None,
                f"{t.readiness}%",
                str(t.gaps),
                f"{t.hours_to_ready:,} h",
                t.finish.isoformat(),
            )[column]
        if role == SORT_ROLE:
            return (
                t.title.casefold(),
                t.readiness,
                t.gaps,
                t.hours_to_ready,
                t.finish.toordinal(),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return critical_words(t)
            if column == 3:
                return "Hours of courses, projects and certifications to be ready, at your pace"
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return f"{t.title}, the closest" if closest else t.title
        if role == Qt.ItemDataRole.FontRole and closest:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == KEY_ROLE:
            return t.id
        return None


def critical_words(t: TargetResult) -> str:
    """'Data Scientist: 16 gaps, critical: pandas, SQL' (what a row's details say)."""
    gaps = f"{t.gaps} gap{'s' * (t.gaps != 1)}"
    if not t.critical_gaps:
        return f"{t.title}: {gaps}, none of them critical."
    return f"{t.title}: {gaps}; critical: {', '.join(t.critical_gaps)}."


class SharedModel(Table):
    """The gaps two or more targets share, in the core's order (most targets first)."""

    headers = ("Skill", "Needed by", "Largest gap", "Targets")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[SharedGap] = []
        self._titles: dict[str, str] = {}
        self._total = 0

    def set_result(self, result: Comparison | None) -> None:
        self.beginResetModel()
        self._rows = list(result.shared) if result else []
        self._titles = {t.id: t.title for t in result.targets} if result else {}
        self._total = len(self._titles)
        self.endResetModel()

    def _count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        g = self._rows[index.row()]
        column = index.column()
        titles = ", ".join(self._titles.get(t, t) for t in g.targets)
        if role == Qt.ItemDataRole.DisplayRole:
            gap = f"{g.largest_gap} level{'s' * (g.largest_gap != 1)}"
            return (g.name, f"{len(g.targets)} of {self._total}", gap, titles)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (g.name, None, "The most any of them asks above where you are", titles)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == KEY_ROLE:
            return g.skill
        return None


def summary_text(result: Comparison) -> str:
    """The comparison in two sentences: the closest, and the gap that pays off most."""
    closest = result.closest
    if closest is None:
        return "Tick two or more targets to compare them."
    if len(result.targets) < 2:
        return f"{closest.title}: {closest.readiness}% ready. Tick another target to compare."
    text = (
        f"Closest of {len(result.targets)}: {closest.title}, {closest.readiness}% ready, about "
        f"{closest.hours_to_ready:,} h of work (ready by {closest.finish.isoformat()})."
    )
    if result.shared:
        top = result.shared[0]
        text += f" {top.name} pays off for {len(top.targets)} of {len(result.targets)}."
    else:
        text += " They share no gap."
    return text


class CompareScreen(QWidget):
    """Several targets side by side for the current profile."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._asked = 0  # the last comparison asked for; older answers are dropped
        self._filled: object = object()
        self._ticked: set[str] = set()
        self._for_profile: int | None = None
        self.result: Comparison | None = None  # the comparison shown
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Compare targets"))
        layout.addWidget(
            muted("Tick the targets to weigh: catalog roles, your own roles, saved job ads.")
        )
        split = AdaptiveSplit(narrow=900, share=0.34, share_below=0.28)
        split.setObjectName("compare-split")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a target")
        self.search.setAccessibleName("Find a target")
        self.search.setClearButtonEnabled(True)
        self.untick = QPushButton("Untick all")
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.untick)
        left_layout.addLayout(row)
        self.targets = QListWidget()
        self.targets.setAccessibleName("Targets to compare")
        self.targets.setAccessibleDescription("Space ticks or unticks the selected target")
        left_layout.addWidget(self.targets, 1)
        split.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right_layout.addWidget(self.summary)
        self.model = TargetsModel()
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.table = _table("Targets side by side")
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        _fit_columns(self.table, stretch=0)
        right_layout.addWidget(self.table, 2)
        self.detail = muted("")
        right_layout.addWidget(self.detail)
        right_layout.addWidget(heading("Gaps they share", 1.15))
        self.shared_model = SharedModel()
        self.shared = _table("Gaps they share")
        self.shared.setModel(self.shared_model)
        _fit_columns(self.shared, stretch=3)
        self.shared.setColumnWidth(0, self.fontMetrics().averageCharWidth() * 24)
        right_layout.addWidget(self.shared, 3)
        split.addWidget(right)
        self.splitter = split
        layout.addWidget(split, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)  # ticking several in a row compares once
        self._timer.timeout.connect(self._compare)
        self.search.textChanged.connect(self._filter)
        self.targets.itemChanged.connect(self._item_changed)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.untick.clicked.connect(self._untick_all)
        ctx.state.changed.connect(self._changed)

    # ------------------------------------------------------------ the list of targets

    def _profile(self) -> Profile | None:
        view = self.ctx.view
        return view.profile.profile if view and view.profile else None

    def shown(self) -> None:
        """Brought to the front: the targets of this data file, the profile's compared."""
        self._fill()
        self.targets.setFocus()

    def _changed(self, changes: Changes) -> None:
        if changes.roles or changes.profile or changes.profiles or self.ctx.state.switched:
            if self.isVisible():
                self._fill()
            else:
                self._filled = object()  # filled again when next shown

    def _fill(self) -> None:
        """List every target, ticking the ones chosen before (or, for a profile seen the
        first time, its plan's role, its own roles and the closest catalog roles)."""
        catalog = self.ctx.full_catalog()
        profile = self._profile()
        view = self.ctx.view
        pid = self.ctx.state.profile_id
        key = (pid, profile, list(catalog.roles))
        if key == self._filled:
            return
        self._filled = key
        if pid != self._for_profile or not self._ticked:
            self._for_profile = pid
            self._ticked = set(self._first_targets(profile, view.role if view else None))
        roles = sorted(
            catalog.roles.values(),
            key=lambda r: (not r.id.startswith("own-"), r.title.casefold()),
        )
        self._ticked &= {r.id for r in roles}
        seen = Counter(r.title.casefold() for r in roles)
        self.targets.blockSignals(True)
        self.targets.clear()
        for role in roles:
            title = role.title
            if seen[title.casefold()] > 1:  # two ads saved under one title
                title += f" [{role.id}]"
            own = role.id.startswith("own-")
            item = QListWidgetItem(f"{title} (yours)" if own else title)
            item.setData(KEY_ROLE, role.id)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(
                Qt.CheckState.Checked if role.id in self._ticked else Qt.CheckState.Unchecked
            )
            item.setToolTip(role.summary)
            self.targets.addItem(item)
        self.targets.blockSignals(False)
        if self.targets.count() and self.targets.currentRow() < 0:
            self.targets.setCurrentRow(0)
        self._filter(self.search.text())
        self._compare()

    def _first_targets(self, profile: Profile | None, current: Role | None) -> list[str]:
        """The plan's role, then own roles, then the catalog roles the person is closest to."""
        catalog = self.ctx.full_catalog()
        chosen = [current.id] if current is not None and current.id in catalog.roles else []
        chosen += [r for r in catalog.roles if r.startswith("own-") and r not in chosen]
        if profile is not None and len(chosen) < DEFAULT_TARGETS:
            ready = sorted(
                (r for r in catalog.roles.values() if r.id not in chosen),
                key=lambda r: -analyze(profile, r, catalog).readiness,
            )
            chosen += [r.id for r in ready[: DEFAULT_TARGETS - len(chosen)]]
        return chosen[: max(DEFAULT_TARGETS, 2)]

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.targets.count()):
            item = self.targets.item(row)
            title = item.text().casefold()
            item.setHidden(not all(w in title for w in words))

    def _item_changed(self, item: QListWidgetItem) -> None:
        role_id = str(item.data(KEY_ROLE))
        if item.checkState() == Qt.CheckState.Checked:
            self._ticked.add(role_id)
        else:
            self._ticked.discard(role_id)
        self._timer.start()

    def _untick_all(self) -> None:
        self.targets.blockSignals(True)
        for row in range(self.targets.count()):
            self.targets.item(row).setCheckState(Qt.CheckState.Unchecked)
        self.targets.blockSignals(False)
        self._ticked.clear()
        self._compare()

    def ticked(self) -> list[str]:
        """The ids of the ticked targets, in the list's order."""
        ids = (str(self.targets.item(row).data(KEY_ROLE)) for row in range(self.targets.count()))
        return [i for i in ids if i in self._ticked]

    # ------------------------------------------------------------ comparing

    def _compare(self) -> None:
        """Compare the ticked targets off the UI thread; show the answer to the last ask."""
        self._timer.stop()
        ids = self.ticked()
        profile = self._profile()
        self._asked += 1
        asked = self._asked
        if profile is None or not ids:
            self._show(None)
            return

        def job(s: Session) -> Comparison:
            from skillpath.core.compare import compare

            catalog = s.full_catalog()
            roles = [catalog.roles[i] for i in ids if i in catalog.roles]
            return compare(profile, roles, catalog, s.today)

        def done(result: Comparison) -> None:
            if asked == self._asked:
                self._show(result)

        self.ctx.ops.read(job, done)

    def _show(self, result: Comparison | None) -> None:
        self.result = result
        self.model.set_result(result)
        self.shared_model.set_result(result)
        if result is None:
            self.summary.setText("Tick two or more targets to compare them.")
        else:
            self.summary.setText(summary_text(result))
        if self.table.model().rowCount():
            self.table.selectRow(0)
        self._show_detail()

    def _show_detail(self) -> None:
        """The selected target's critical gaps, under the table."""
        index = self.table.currentIndex()
        proxy = self.table.model()
        if not index.isValid() or not isinstance(proxy, QSortFilterProxyModel):
            self.detail.setText("")
            return
        row = proxy.mapToSource(index).row()
        self.detail.setText(critical_words(self.model.target(row)))

    def rows(self) -> Sequence[str]:
        """The targets' titles as the table shows them, top to bottom."""
        model = self.table.model()
        return [str(model.index(r, 0).data()) for r in range(model.rowCount())]
