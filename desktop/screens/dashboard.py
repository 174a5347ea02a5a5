"""The dashboard: progress, schedule, forecast, what is due, what is late, readiness trend."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.changes import Changes
from skillpath.core.records import Deliverable
from skillpath.desktop.charts import Series, TrendChart
from skillpath.desktop.context import AppContext
from skillpath.desktop.screens.common import Card, heading, muted, wrap
from skillpath.desktop.state import View


def schedule_text(view: View) -> str:
    st = view.progress
    if st is None:
        return ""
    s = st.schedule
    if s.state == "on-track":
        return "On track"
    days = f"{s.days} day{'s' if s.days != 1 else ''}"
    return f"{days} {'ahead' if s.state == 'ahead' else 'behind'}"


class DashboardScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.title = heading("Dashboard")
        layout.addWidget(self.title)
        self.subtitle = muted("")
        layout.addWidget(self.subtitle)
        grid = QGridLayout()
        grid.setSpacing(12)

        progress = Card("Progress")
        self.percent = heading("0%", 2.2)
        self.percent.setAccessibleName("Percent done")
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Overall progress")
        self.counts = muted("")
        progress.body.addWidget(self.percent)
        progress.body.addWidget(self.bar)
        progress.body.addWidget(self.counts)
        self.phase_box = QVBoxLayout()
        self.phase_box.setSpacing(2)
        progress.body.addLayout(self.phase_box)
        progress.body.addStretch(1)
        self._phase_widgets: list[QWidget] = []
        grid.addWidget(progress, 0, 0)

        schedule = Card("Schedule")
        self.state_label = heading("", 1.6)
        self.state_label.setAccessibleName("Schedule")
        self.forecast = wrap("")
        schedule.body.addWidget(self.state_label)
        schedule.body.addWidget(self.forecast)
        schedule.body.addStretch(1)
        grid.addWidget(schedule, 0, 1)

        trend = Card("Readiness over time")
        self.trend = TrendChart("Readiness is recorded each time a skill level changes.", "%")
        trend.body.addWidget(self.trend)
        grid.addWidget(trend, 0, 2)

        due = Card("Due this week")
        self.due = QListWidget()
        self.due.setAccessibleName("Due this week")
        due.body.addWidget(self.due)
        grid.addWidget(due, 1, 0)

        overdue = Card("Overdue")
        self.overdue = QListWidget()
        self.overdue.setAccessibleName("Overdue")
        overdue.body.addWidget(self.overdue)
        grid.addWidget(overdue, 1, 1)

        activity = Card("Recent activity")
        self.activity = QListWidget()
        self.activity.setAccessibleName("Recent activity")
        activity.body.addWidget(self.activity)
        grid.addWidget(activity, 1, 2)
        for col in range(3):
            grid.setColumnStretch(col, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        layout.addLayout(grid, 1)
        for widget in (self.due, self.overdue, self.activity):
            widget.itemActivated.connect(self._open)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        ctx.state.changed.connect(self._changed)
        ctx.nav.theme_changed.connect(self.refresh)
        self.refresh()

    def _open(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if key:
            self.ctx.nav.show_deliverable.emit(str(key))

    def _changed(self, changes: Changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        state = self.ctx.view
        if state is None:
            return
        st = state.progress
        name = state.profile.name if state.profile else ""
        if st is None:
            self.title.setText(f"Dashboard{' for ' + name if name else ''}")
            self.subtitle.setText("No plan yet: choose a target role to create one.")
            for widget in (self.due, self.overdue, self.activity):
                widget.clear()
            return
        self.title.setText(f"{name}: {st.plan.role_title}")
        self.subtitle.setText(
            f"Today is {state.today}. Plan started {st.plan.start} at "
            f"{st.plan.hours_per_week:g} h a week."
        )
        t = st.overall
        self.percent.setText(f"{t.percent}%")
        self.bar.setValue(t.percent)
        self.counts.setText(
            f"{t.done} of {t.total} deliverables, {t.done_hours:g} of {t.total_hours:g} hours"
            + (f"; {t.skipped} skipped" if t.skipped else "")
        )
        for old in self._phase_widgets:
            old.deleteLater()
        self._phase_widgets = []
        for number, title, tally in st.phases:
            label = muted(f"Phase {number}: {tally.done} of {tally.total} done")
            label.setToolTip(title)
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setValue(tally.percent)
            bar.setTextVisible(False)
            bar.setMaximumHeight(8)
            bar.setAccessibleName(f"Phase {number} progress")
            self.phase_box.addWidget(label)
            self.phase_box.addWidget(bar)
            self._phase_widgets += [label, bar]
        self.state_label.setText(schedule_text(state))
        self.forecast.setText(forecast_text(state))
        by_key = {i.key: i for i in st.items}
        self._fill(
            self.due,
            [by_key[k] for k in st.due_soon if k in by_key],
            "Nothing due in the next 7 days.",
        )
        self._fill(self.overdue, [by_key[k] for k in st.overdue if k in by_key], "Nothing overdue.")
        self.activity.clear()
        for change in state.history[:5]:
            line = change.summary[0].upper() + change.summary[1:]
            self.activity.addItem(line + (" (undone)" if change.undone else ""))
        finished = sorted(
            (i for i in st.items if i.done_on), key=lambda i: i.done_on or i.due, reverse=True
        )[:8]
        for item in finished:
            entry = QListWidgetItem(f"{item.done_on}  finished {item.title}")
            entry.setData(Qt.ItemDataRole.UserRole, item.key)
            self.activity.addItem(entry)
        if not state.history and not finished:
            self.activity.addItem("Nothing done yet: tick a deliverable when you finish it.")
        role_id = state.role.id if state.role else None
        points = [(s.on, float(s.readiness)) for s in state.snapshots if s.role_id == role_id]
        if state.analysis and (not points or points[-1][0] != state.today):
            points.append((state.today, float(state.analysis.readiness)))
        self.trend.set_series(
            [Series("Readiness", points, "accent")] if len(points) > 1 else [], ceiling=100
        )

    def _fill(self, widget: QListWidget, items: list[Deliverable], empty: str) -> None:
        widget.clear()
        for item in items:
            entry = QListWidgetItem(f"{item.due}  {item.title}")
            entry.setData(Qt.ItemDataRole.UserRole, item.key)
            widget.addItem(entry)
        if not items:
            entry = QListWidgetItem(empty)
            entry.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(entry)


def forecast_text(view: View) -> str:
    """The forecast in words, with what it assumes; never at odds with the schedule state."""
    st = view.progress
    if st is None:
        return ""
    if st.overall.done == st.overall.total and st.forecast_finish:
        return f"Finished on {st.forecast_finish}."
    rate = (
        f"your pace of the last weeks ({st.pace:g} h a week)"
        if st.pace
        else f"the planned {st.rate:g} h a week (no pace measured yet)"
    )
    finish = (
        f"you finish around {st.forecast_finish}"
        if st.forecast_finish
        else "the finish is further off than the calendar goes"
    )
    text = f"At {rate} {finish}; the plan ends {st.planned_finish}."
    if st.plan.target is not None:
        if st.meets_target:
            text += f" That meets your target date, {st.plan.target}."
        else:
            text += f" That misses your target date, {st.plan.target}: re-plan or change scope."
    return text
