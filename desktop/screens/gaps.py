"""Skills and gaps: readiness, what changed since the last snapshot, the gap table and chart."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.changes import Changes
from skillpath.desktop.charts import LevelBar, LevelChart
from skillpath.desktop.context import AppContext
from skillpath.desktop.models import SORT_ROLE, GapModel
from skillpath.desktop.screens.common import Card, heading, muted, wrap
from skillpath.desktop.state import View


def since_text(state: View) -> str:
    """'Readiness 14% -> 31% since 2026-09-02' from the snapshots, or a plain first note."""
    snaps = [s for s in state.snapshots if state.role and s.role_id == state.role.id]
    if not snaps or state.analysis is None:
        return "No earlier snapshot yet: one is kept each time a skill level changes."
    first = snaps[0]
    now = state.analysis.readiness
    if len(snaps) == 1 and first.readiness == now:
        return f"First snapshot on {first.on}: readiness {now}%."
    catalog = state.catalog
    changed = [
        f"{catalog.skill_name(sid) if catalog else sid} {first.levels.get(sid, 0)} → {level}"
        for sid, level in sorted(snaps[-1].levels.items())
        if level != first.levels.get(sid, 0)
    ]
    text = f"Readiness {first.readiness}% → {now}% since {first.on}."
    if changed:
        text += " Changed: " + ", ".join(changed[:6]) + ("…" if len(changed) > 6 else "") + "."
    return text


class GapsScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.readiness = heading("—", 2.4)
        self.readiness.setAccessibleName("Readiness")
        top.addWidget(self.readiness)
        words = QVBoxLayout()
        self.role_line = heading("Skills and gaps", 1.2)
        self.since = muted("")
        words.addWidget(self.role_line)
        words.addWidget(self.since)
        top.addLayout(words, 1)
        layout.addLayout(top)

        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("gaps-split")
        self.model = GapModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Gap analysis")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        split.addWidget(self.table)

        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        chart_card = Card("Now against required")
        self.chart = LevelChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        chart_card.body.addWidget(scroll)
        lower_layout.addWidget(chart_card, 3)
        strengths = Card("Strengths")
        self.strengths = wrap("")
        self.strengths.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        holder = QScrollArea()
        holder.setWidgetResizable(True)
        holder.setFrameShape(QFrame.Shape.NoFrame)
        holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder.setWidget(self.strengths)
        strengths.body.addWidget(holder)
        lower_layout.addWidget(strengths, 2)
        split.addWidget(lower)
        self.splitter = split
        layout.addWidget(split, 1)
        ctx.state.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.profile or changes.plan or changes.profiles or changes.roles:
            self.refresh()

    def refresh(self) -> None:
        state = self.ctx.view
        if state is None:
            return
        analysis = state.analysis
        if analysis is None:
            self.readiness.setText("—")
            self.role_line.setText("Skills and gaps")
            self.since.setText("Choose a target role to see how you stand against it.")
            self.model.set_rows([])
            self.chart.set_bars([])
            self.strengths.setText("")
            return
        self.readiness.setText(f"{analysis.readiness}%")
        self.role_line.setText(f"Readiness for {analysis.role.title}")
        self.since.setText(since_text(state))
        rows = analysis.gaps + analysis.met
        self.model.set_rows(rows)
        self.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.chart.set_bars([LevelBar(g.name, g.current, g.required) for g in rows])
        if analysis.strengths:
            self.strengths.setText(
                "\n".join(
                    f"• {s.name}: level {s.current}"
                    + (" (transferable)" if s.transferable else f" (needs {s.required})")
                    for s in analysis.strengths
                )
            )
        else:
            self.strengths.setText("None at the level the role asks for yet.")
