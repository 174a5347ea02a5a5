"""The target banner shown on Today, the dashboard and the roadmap: whether the plan meets its
target date and by how much, with a button to the plan-and-target dialog (the ways out);
with no target, a quiet link to set one.

It says what the dashboard's forecast says (the forecast against the target, at the rate
the forecast assumes), so the banner, the schedule state and the plan's end never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy

from skillpath.core.changes import Changes
from skillpath.core.progress import Progress
from skillpath.core.target import span
from skillpath.desktop import theme
from skillpath.desktop.context import AppContext
from skillpath.desktop.state import View

WAYS_OUT = "Ways out…"
PLAN_AND_TARGET = "Plan and target…"
SET_TARGET = "Set a target date…"


@dataclass(frozen=True)
class TargetLine:
    """What the banner shows: a tone ("good", "warn", "bad", or "quiet" with no target),
    the sentence, and the button's text."""

    tone: str
    text: str
    button: str

    @property
    def fits(self) -> bool:
        return self.tone == "good"


def rate_words(st: Progress) -> str:
    """The rate the forecast assumes, said with where it comes from."""
    if st.pace:
        return f"your pace of the last weeks ({st.pace:g} h a week)"
    return f"the planned {st.rate:g} h a week"


def target_line(view: View) -> TargetLine | None:
    """The banner's line for the view; None when there is no plan."""
    st = view.progress
    if st is None:
        return None
    target = st.plan.target
    if target is None:
        return TargetLine("quiet", "No target date.", SET_TARGET)
    finish = st.forecast_finish
    done = not any(d.is_open for d in st.items)
    if finish is None:
        return TargetLine(
            "bad",
            f"Does not fit your target date, {target}: at {rate_words(st)} the open work ends "
            "further off than the calendar goes.",
            WAYS_OUT,
        )
    days = (finish - target).days
    if done:
        when = "before" if days <= 0 else "after"
        tone = "good" if days <= 0 else "warn"
        return TargetLine(
            tone,
            f"Finished on {finish}, {span(days)} {when} your target date, {target}.",
            PLAN_AND_TARGET,
        )
    if days <= 0:
        early = f", {span(days)} before it" if days < 0 else ", on the day"
        return TargetLine(
            "good",
            f"Fits your target date, {target}: at {rate_words(st)} you finish around "
            f"{finish}{early}.",
            PLAN_AND_TARGET,
        )
    if target < view.today:
        return TargetLine(
            "bad",
            f"Your target date, {target}, has passed: at {rate_words(st)} you finish around "
            f"{finish}.",
            WAYS_OUT,
        )
    if st.planned_finish <= target:
        return TargetLine(
            "warn",
            f"The plan ends {st.planned_finish}, in time for your target date, {target}; but "
            f"at {rate_words(st)} you finish around {finish}, {span(days)} after it.",
            WAYS_OUT,
        )
    return TargetLine(
        "bad",
        f"Does not fit your target date, {target}: at {rate_words(st)} you finish around "
        f"{finish}, {span(days)} after it.",
        WAYS_OUT,
    )


class TargetBanner(QFrame):
    """The target line of the current plan, with its button; hidden with no plan."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("targetBanner")
        self.setAccessibleName("Target date")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 6, 4)
        self.line = QLabel("")
        self.line.setWordWrap(True)
        self.line.setTextFormat(Qt.TextFormat.PlainText)
        self.line.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.open_button = QPushButton(PLAN_AND_TARGET)
        self.open_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_target)
        row.addWidget(self.line, 1)
        row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.tone = "quiet"
        ctx.state.changed.connect(self._changed)
        ctx.nav.theme_changed.connect(self.refresh)
        self.refresh()

    def open_target(self) -> None:
        # the planner comes with this action, not with Today at start
        from skillpath.desktop.operations import planning

        planning.open_target(self.ctx)

    def _changed(self, changes: Changes) -> None:
        if changes.plan or changes.profile or changes.deliverables or self.ctx.state.switched:
            self.refresh()

    def refresh(self) -> None:
        view = self.ctx.view
        line = target_line(view) if view is not None else None
        if line is None:
            self.hide()
            return
        self.tone = line.tone
        self.line.setText(line.text)
        self.open_button.setText(line.button)
        self.open_button.setAccessibleName(
            "Set a target date" if line.tone == "quiet" else "Plan and target: ways out"
        )
        self.open_button.setFlat(line.tone == "quiet")
        self._paint()
        self.show()

    def _paint(self) -> None:
        border = theme.color("border").name()
        if self.tone == "quiet":
            self.setStyleSheet(
                "QFrame#targetBanner { background: transparent; border: none; }"
                "QFrame#targetBanner QLabel { color: palette(placeholder-text); }"
                f"QFrame#targetBanner QPushButton {{ color: {theme.color('accent').name()};"
                " text-decoration: underline; border: none; padding: 2px 4px; }"
                "QFrame#targetBanner QPushButton:focus { border: 1px solid palette(highlight);"
                " border-radius: 3px; }"
            )
            return
        stripe = theme.color(self.tone).name()
        card = theme.color("card").name()
        self.setStyleSheet(
            f"QFrame#targetBanner {{ background: {card}; border: 1px solid {border};"
            f" border-left: 5px solid {stripe}; border-radius: 6px; }}"
        )
