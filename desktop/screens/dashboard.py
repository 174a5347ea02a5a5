"""The dashboard: progress, schedule, forecast, what is due, late and next, what happened
lately, and readiness over time. Cards are as tall as what they hold and reflow into fewer
columns on a narrow window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.actions.common import short
from skillpath.core.changes import Changes
from skillpath.core.records import Deliverable, HistoryEntry, Snapshot
from skillpath.desktop.charts import Series, TrendChart
from skillpath.desktop.context import AppContext
from skillpath.desktop.models import due_words, today_groups
from skillpath.desktop.screens.common import Card, CardGrid, heading, muted, wrap
from skillpath.desktop.screens.target import TargetBanner
from skillpath.desktop.state import View

LIST_ROWS = 6  # the most rows a list card shows before it scrolls


def schedule_text(view: View) -> str:
    st = view.progress
    if st is None:
        return ""
    s = st.schedule
    if s.state == "on-track":
        return "On track"
    days = f"{s.days} day{'s' if s.days != 1 else ''}"
    return f"{days} {'ahead' if s.state == 'ahead' else 'behind'}"


def activity_lines(
    history: list[HistoryEntry], finished: list[Deliverable] | None = None, limit: int = 8
) -> list[str]:
    """One line per change, newest first; an undone one says so first, so that eliding a
    long title never hides it. Finished work the history does not mention (done before it
    was kept, or elsewhere) follows, each once."""
    lines = []
    for change in history[:limit]:
        text = change.summary[:1].upper() + change.summary[1:]
        lines.append(f"Undone: {change.summary}" if change.undone else text)
    said = " ".join(change.summary for change in history)
    for item in finished or []:
        if len(lines) >= limit:
            break
        if f"'{short(item.title)}'" not in said:
            lines.append(f"Finished “{item.title}” on {item.done_on}")
    return lines


def readiness_points(
    snapshots: list[Snapshot], role_id: str | None, now: int | None, today: dt.date
) -> list[tuple[dt.date, float]]:
    """Readiness by day for the role: one point per day (the day's last snapshot), so a day
    with several changes does not draw a vertical spike; today's figure ends the line."""
    by_day: dict[dt.date, float] = {}
    for snap in snapshots:
        if snap.role_id == role_id:
            by_day[snap.on] = float(snap.readiness)
    if now is not None:
        by_day[today] = float(now)
    return sorted(by_day.items())


class _List(QListWidget):
    """A list exactly as tall as its rows (up to LIST_ROWS), so its card fits its content."""

    def fit(self) -> None:
        rows = max(1, min(self.count(), LIST_ROWS))
        row = max(self.sizeHintForRow(0), self.fontMetrics().height() + 4)
        self.setFixedHeight(rows * row + 2 * self.frameWidth() + 4)


class DashboardScreen(QScrollArea):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 4, 0)
        self.title = heading("Dashboard")
        layout.addWidget(self.title)
        self.subtitle = muted("")
        layout.addWidget(self.subtitle)
        self.target_banner = TargetBanner(ctx)
        layout.addWidget(self.target_banner)
        self.grid = CardGrid(min_card=self.fontMetrics().averageCharWidth() * 34)

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
        self._phase_widgets: list[QWidget] = []

        schedule = Card("Schedule")
        self.state_label = heading("", 1.6)
        self.state_label.setAccessibleName("Schedule")
        self.forecast = wrap("")
        schedule.body.addWidget(self.state_label)
        schedule.body.addWidget(self.forecast)

        trend = Card("Readiness over time")
        self.trend = TrendChart("Readiness is recorded each time a skill level changes.", "%")
        trend.body.addWidget(self.trend)

        due, self.due = self._list_card("Due this week")
        overdue, self.overdue = self._list_card("Overdue")
        next_up, self.next_up = self._list_card("Next up")
        activity, self.activity = self._list_card("Recent activity")
        for card in (progress, schedule, trend, overdue, due, next_up, activity):
            card.body.addStretch(1)  # a card taller than its content keeps it at the top
            self.grid.add(card)
        layout.addWidget(self.grid)
        layout.addStretch(1)
        self.setWidget(body)
        ctx.state.changed.connect(self._changed)
        ctx.nav.theme_changed.connect(self.refresh)
        self.refresh()

    def _list_card(self, title: str) -> tuple[Card, _List]:
        card = Card(title)
        widget = _List()
        widget.setAccessibleName(title)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        widget.itemActivated.connect(self._open)
        card.body.addWidget(widget)
        return card, widget

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
            for widget in (self.due, self.overdue, self.next_up, self.activity):
                widget.clear()
                widget.fit()
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
        groups = {g.title: g.rows for g in today_groups(st.items, state.today)}
        self._fill(self.next_up, groups.get("Next up", []), "Nothing left to do.")
        self.activity.clear()
        finished = sorted(
            (i for i in st.items if i.done_on), key=lambda i: i.done_on or i.due, reverse=True
        )
        for line in activity_lines(state.history, finished):
            entry = QListWidgetItem(line)
            entry.setToolTip(line)
            self.activity.addItem(entry)
        if not self.activity.count():
            self.activity.addItem("Nothing done yet: tick a deliverable when you finish it.")
        self.activity.fit()
        role_id = state.role.id if state.role else None
        points = readiness_points(
            state.snapshots,
            role_id,
            state.analysis.readiness if state.analysis else None,
            state.today,
        )
        self.trend.set_series(
            [Series("Readiness", points, "accent")] if len(points) > 1 else [], ceiling=100
        )

    def _fill(self, widget: _List, items: list[Deliverable], empty: str) -> None:
        widget.clear()
        today = self.ctx.today()
        for item in items:
            entry = QListWidgetItem(f"{item.title} · {due_words(item.due, today)}")
            entry.setData(Qt.ItemDataRole.UserRole, item.key)
            entry.setToolTip(f"{item.title}, due {item.due}")
            widget.addItem(entry)
        if not items:
            entry = QListWidgetItem(empty)
            entry.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(entry)
        widget.fit()


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
            text += f" That misses your target date, {st.plan.target}: see the ways out above."
    return text
