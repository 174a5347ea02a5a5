"""Plan and target: the target date (set, move, clear), a what-if on the hours a week and the
date that shows the finish as either moves, and the three ways out of a missed target, each
with its figure and a preview of what it changes before it is applied."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.actions.planning import ReplanPreview, preview_replan
from skillpath.core.errors import SkillpathError
from skillpath.core.planner import in_sentence, join_names
from skillpath.core.progress import Progress
from skillpath.core.rules import LATEST_DATE, MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK
from skillpath.core.session import Session
from skillpath.core.target import (
    Outlook,
    WaysOut,
    current_hours,
    hours_needed,
    outlook,
    span,
    ways_out,
)
from skillpath.desktop import theme
from skillpath.desktop.operations import Operations
from skillpath.desktop.state import View

WAIT_MS = 200  # the pause in moving the date after which the narrower plan is worked out
MAX_NAMES = 8  # deferred skills named in the preview; the rest are counted


@dataclass(frozen=True)
class Choice:
    """What the person chose to apply.

    `way`: "target" (save or clear the date), "hours" (re-plan at `hours` a week), "later"
    (move the target to `target`) or "scope" (a new plan of the skills in `keep`).
    """

    way: str
    target: dt.date | None
    hours: float = 0.0
    keep: tuple[str, ...] = ()
    phases: int = 3


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def finish_words(o: Outlook) -> str:
    """'At 8 h a week you finish around 2027-05-02: 3 weeks after your target date.'"""
    at = f"At {o.hours_per_week:g} h a week"
    if o.finish is None:
        return f"{at} the open work ends further off than the calendar goes."
    text = f"{at} you finish around {o.finish}"
    off = o.days_off
    if off is None:
        return text + "."
    if off > 0:
        return text + f": {span(off)} after your target date. It does not fit."
    if off < 0:
        return text + f": {span(off)} before your target date. It fits."
    return text + ", on your target date. It fits."


class TargetDialog(QDialog):
    """The plan's target date and the ways to meet it; `chosen(Choice)` when the person
    applies something (the dialog then closes; the change is undoable)."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget, view: View, ops: Operations) -> None:
        super().__init__(parent)
        assert view.progress is not None and view.profile is not None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Plan and target")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(
            min(self.fontMetrics().averageCharWidth() * 100, max(parent.width() - 40, 360))
        )
        self.view = view
        self.ops = ops
        self.st: Progress = view.progress
        self.rate = current_hours(self.st)  # the hours a week the forecast assumes
        self.profile_id = view.profile.id
        self.stored = self.st.plan.target
        self.ways: WaysOut | None = None  # the last ways out worked out, for `ways_for`
        self.ways_for: dt.date | None = None
        self._asked: dt.date | None = None  # the date the ways out were last asked for
        self.replan: ReplanPreview | None = None
        self._replan_at: float | None = None  # the hours `replan` is for
        self._replan_asked: float | None = None  # the hours last asked about
        self.whatif: Outlook = outlook(self.st, self.rate, self.stored)
        self.now: Outlook = self.whatif
        self._gone = False  # closed: answers from the worker that come later are dropped
        self.finished.connect(self._closing)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(WAIT_MS)
        self._timer.timeout.connect(self._ask_ways)

        layout = self.column = QVBoxLayout(self)
        intro = QLabel(
            f"{self.st.remaining_hours:g} h of open work in your plan for "
            f"{self.st.plan.role_title}. Move the date or the hours to see when you would "
            "finish; nothing changes until you apply something, and that can be undone."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)

        form = QFormLayout()
        target_row = QHBoxLayout()
        self.has_target = QCheckBox("by")
        self.has_target.setAccessibleName("Have a target date")
        self.target_edit = QDateEdit()
        self.target_edit.setCalendarPopup(True)
        self.target_edit.setDisplayFormat("yyyy-MM-dd")
        self.target_edit.setAccessibleName("Target date")
        first = max(view.today, self.st.plan.start) + dt.timedelta(days=1)
        self.target_edit.setDateRange(_qdate(first), _qdate(LATEST_DATE))
        default = self.stored or max(first, view.today + dt.timedelta(days=365))
        self.target_edit.setDate(_qdate(max(default, first)))
        self.has_target.setChecked(self.stored is not None)
        self.target_edit.setEnabled(self.stored is not None)
        target_row.addWidget(self.has_target)
        target_row.addWidget(self.target_edit)
        target_row.addStretch(1)
        target_label = QLabel("&Target date")
        target_label.setBuddy(self.target_edit)
        form.addRow(target_label, target_row)

        hours_row = QHBoxLayout()
        self.hours_slider = QSlider(Qt.Orientation.Horizontal)
        self.hours_slider.setRange(int(MIN_HOURS_PER_WEEK * 2), int(MAX_HOURS_PER_WEEK * 2))
        self.hours_slider.setSingleStep(1)
        self.hours_slider.setPageStep(4)
        self.hours_slider.setAccessibleName("Hours a week, what if")
        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setRange(MIN_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK)
        self.hours_spin.setDecimals(2)
        self.hours_spin.setSingleStep(0.5)
        self.hours_spin.setSuffix(" h a week")
        self.hours_spin.setAccessibleName("Hours a week")
        self.hours_spin.setValue(self.rate)
        self.hours_slider.setValue(round(self.rate * 2))
        hours_row.addWidget(self.hours_slider, 1)
        hours_row.addWidget(self.hours_spin)
        hours_label = QLabel("&Hours a week")
        hours_label.setBuddy(self.hours_spin)
        form.addRow(hours_label, hours_row)
        layout.addLayout(form)
        plan_hours = f"{self.st.plan.hours_per_week:g} h a week"
        self.hours_note = QLabel(
            f"Your pace of the last weeks is {self.st.pace:g} h a week and the plan's "
            f"{plan_hours}; the forecast follows your pace."
            if self.st.pace
            else f"The plan's hours, {plan_hours}: no pace measured yet."
        )
        self.hours_note.setWordWrap(True)
        self.hours_note.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.hours_note)

        self.whatif_line = QLabel("")
        self.whatif_line.setWordWrap(True)
        self.whatif_line.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.whatif_line.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        self.whatif_line.setFont(bold)
        self.whatif_line.setAccessibleName("What if")
        layout.addWidget(self.whatif_line)

        self.ways_box = QGroupBox("Ways out")
        grid = QGridLayout(self.ways_box)
        grid.setColumnStretch(1, 1)
        self.way_group = QButtonGroup(self)
        self.more_radio = QRadioButton("&More hours")
        self.later_radio = QRadioButton("&Later finish")
        self.scope_radio = QRadioButton("&Narrower scope")
        self.more_text = self._figure()
        self.later_text = self._figure()
        self.scope_text = self._figure()
        for row, (radio, text) in enumerate(
            (
                (self.more_radio, self.more_text),
                (self.later_radio, self.later_text),
                (self.scope_radio, self.scope_text),
            )
        ):
            self.way_group.addButton(radio, row)
            grid.addWidget(radio, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1)
        layout.addWidget(self.ways_box)

        # the preview scrolls when a long list of deferred skills is more than fits
        self.preview_frame = QScrollArea()
        self.preview_frame.setWidgetResizable(True)
        self.preview_frame.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview_frame.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview = QLabel("")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setAccessibleName("What it changes")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setContentsMargins(8, 6, 8, 6)
        self.preview_frame.setWidget(self.preview)
        self.preview_frame.setMinimumHeight(self.fontMetrics().lineSpacing() * 5 + 16)
        layout.addWidget(self.preview_frame, 1)

        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton("Save target date")
        self.apply_button = QPushButton("Apply")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in (self.save_button, self.apply_button, self.close_button):
            button.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.has_target.toggled.connect(self._target_toggled)
        self.target_edit.dateChanged.connect(lambda _: self._moved())
        self.hours_slider.valueChanged.connect(self._slid)
        self.hours_spin.valueChanged.connect(self._typed)
        self.way_group.idToggled.connect(lambda _id, on: self._picked() if on else None)
        self.save_button.clicked.connect(self._save)
        self.apply_button.clicked.connect(self._apply)
        self._moved()
        (self.target_edit if self.stored else self.has_target).setFocus()

    def _closing(self, _result: int) -> None:
        self._gone = True
        self._timer.stop()

    def _figure(self) -> QLabel:
        label = QLabel("")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    # ------------------------------------------------------------ what the controls say

    def target(self) -> dt.date | None:
        """The target date as the dialog has it now (None: no target)."""
        return _pydate(self.target_edit.date()) if self.has_target.isChecked() else None

    def hours(self) -> float:
        return round(self.hours_spin.value(), 2)

    def set_target_on(self) -> None:
        """Start with a target (the banner's "Set a target date" opens the dialog so)."""
        self.has_target.setChecked(True)
        self.target_edit.setFocus()

    def _target_toggled(self, on: bool) -> None:
        self.target_edit.setEnabled(on)
        self._moved()

    def _slid(self, half_hours: int) -> None:
        if round(self.hours_spin.value() * 2) != half_hours:
            self.hours_spin.setValue(half_hours / 2)

    def _typed(self, value: float) -> None:
        self.hours_slider.blockSignals(True)
        self.hours_slider.setValue(round(value * 2))
        self.hours_slider.blockSignals(False)
        self._moved()

    def _moved(self) -> None:
        """Anything moved: the what-if and the quick figures at once, the narrower plan
        after a pause (it is worked out off the UI thread)."""
        target = self.target()
        self.whatif = outlook(self.st, self.hours(), target)
        self.whatif_line.setText(finish_words(self.whatif))
        tone = {True: "good", False: "bad", None: "text"}[self.whatif.fits]
        self.whatif_line.setStyleSheet(f"color: {theme.color(tone).name()};")
        self.now = outlook(self.st, self.rate, target)
        missed = self.now.fits is False
        self.ways_box.setVisible(missed)
        if missed and target is not None:
            self._quick_ways(target)
            if target == self.ways_for:
                self._show_scope()
            else:
                self.scope_text.setText("Working out the narrower plan…")
                self.scope_radio.setEnabled(False)
                if target != self._asked:
                    self._timer.start()
        changed = target != self.stored
        self.save_button.setText(
            "Clear target date" if target is None and self.stored else "Save target date"
        )
        self.save_button.setEnabled(changed)
        self._picked()

    def _quick_ways(self, target: dt.date) -> None:
        rate = self.rate
        needed = hours_needed(self.now.start, target, self.now.remaining_hours)
        if needed is None or needed > MAX_HOURS_PER_WEEK:
            figure = f"{needed:g} h a week" if needed else "More hours than there are"
            self.more_text.setText(
                f"{figure}: more than the {MAX_HOURS_PER_WEEK:g} h a week a plan allows."
            )
            self.more_radio.setEnabled(False)
        else:
            self.more_text.setText(
                f"{needed:g} h a week instead of {rate:g} ends the open work by {target}."
            )
            self.more_radio.setEnabled(True)
        finish = self.now.finish
        if finish is None:
            self.later_text.setText(
                f"At {rate:g} h a week the work ends further off than the calendar goes."
            )
            self.later_radio.setEnabled(False)
        else:
            self.later_text.setText(
                f"Keep {rate:g} h a week and move the target to {finish} "
                f"({span((finish - target).days)} later)."
            )
            self.later_radio.setEnabled(True)
        for radio, text in (
            (self.more_radio, self.more_text),
            (self.later_radio, self.later_text),
            (self.scope_radio, self.scope_text),
        ):
            radio.setAccessibleDescription(text.text())

    def _ask_ways(self) -> None:
        target = self.target()
        if target is None or self.now.fits is not False:
            return
        self._asked = target
        pid = self.profile_id

        def ask(s: Session) -> WaysOut:
            return ways_out(s, pid, target)

        self.ops.read(ask, lambda ways: self._got_ways(target, ways), failed=self._failed)

    def _got_ways(self, target: dt.date, ways: WaysOut) -> None:
        if self._gone:
            return
        self.ways, self.ways_for = ways, target
        if target == self.target():  # else the date moved on: its own answer is on the way
            self._show_scope()
            self._picked()

    def ready(self) -> bool:
        """Whether the ways out for the date shown are all worked out."""
        return self.ways is not None and self.ways_for == self.target()

    def _show_scope(self) -> None:
        ways = self.ways
        if ways is None:
            return
        scope = ways.scope
        if scope is None:
            self.scope_text.setText(f"No narrower plan: {ways.scope_note}.")
            self.scope_radio.setEnabled(False)
        else:
            kept = len(scope.kept)
            first = in_sentence(self.view.catalog.skill_name(scope.kept[0]))
            self.scope_text.setText(
                f"Keep {kept} gap skill{'s' if kept != 1 else ''} ({first} first), defer "
                f"{len(scope.deferred)}: a new plan of {scope.total_hours:g} h ending "
                f"{scope.finish}."
            )
            self.scope_radio.setEnabled(True)
        self.scope_radio.setAccessibleDescription(self.scope_text.text())

    def _failed(self, exc: SkillpathError) -> None:
        if self._gone:
            return
        self.scope_text.setText(f"No narrower plan: {exc}")
        self.scope_radio.setEnabled(False)
        self._picked()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    # ------------------------------------------------------------ the preview

    def way(self) -> str | None:
        """The way out picked, while the ways out are shown and it can be applied."""
        if self.ways_box.isHidden():
            return None
        button = self.way_group.checkedButton()
        if button is None or not button.isEnabled():
            return None
        return {0: "hours", 1: "later", 2: "scope"}[self.way_group.id(button)]

    def _picked(self) -> None:
        """Show what the picked way changes, and whether it can be applied."""
        way = self.way()
        target = self.target()
        self.apply_button.setVisible(not self.ways_box.isHidden())
        self.preview_frame.setVisible(not self.ways_box.isHidden())
        ready = False
        if way is None or target is None:
            self.preview.setText("Pick a way out to see what it changes.")
            self.apply_button.setText("Apply")
        elif way == "hours":
            needed = hours_needed(self.now.start, target, self.now.remaining_hours) or 0.0
            self.apply_button.setText(f"Re-plan at {needed:g} h a week")
            if self.replan is not None and self._replan_at == needed:
                self.preview.setText(self._hours_preview(self.replan, target))
                ready = True
            else:
                self.preview.setText("Working out what moves…")
                self._ask_replan(needed)
        elif way == "later":
            finish = self.now.finish
            self.apply_button.setText("Move the target")
            before = f"from {self.stored} " if self.stored else ""
            self.preview.setText(
                f"Your target date moves {before}to {finish}. The plan, its dates and your "
                f"hours stay as they are: at {self.rate:g} h a week you finish around "
                f"{finish}, on the day."
            )
            ready = True
        else:
            self.apply_button.setText("Make the narrower plan")
            ways = self.ways
            if ways is not None and ways.scope is not None and self.ready():
                self.preview.setText(self._scope_preview(ways, target))
                ready = True
            else:
                self.preview.setText("Working out the narrower plan…")
        self.apply_button.setEnabled(ready)
        self._fit()

    def _fit(self) -> None:
        """Grow to what the wrapped lines now need (a window does not by itself), up to the
        height of the window it is over; the preview scrolls beyond that."""
        lines = self.fontMetrics().lineSpacing()
        width = self.preview_frame.viewport().width() or self.width() - 60
        text = self.preview.heightForWidth(width) + 2 * self.preview_frame.frameWidth()
        self.preview_frame.setMinimumHeight(min(max(text, lines * 5 + 16), lines * 11))
        self.column.activate()
        need = self.column.totalHeightForWidth(self.width())
        parent = self.parentWidget()
        limit = parent.height() if parent is not None else need
        if need > self.height():
            self.resize(self.width(), min(need, limit))

    def _ask_replan(self, hours: float) -> None:
        if self._replan_asked == hours:
            return  # asked already: the answer is on the way
        self._replan_asked = hours
        pid = self.profile_id

        def ask(s: Session) -> ReplanPreview:
            return preview_replan(s, pid, hours_per_week=hours)

        def got(preview: ReplanPreview) -> None:
            if not self._gone:
                self.replan, self._replan_at = preview, hours
                self._picked()

        def failed(exc: SkillpathError) -> None:
            if not self._gone:
                self._replan_asked = None
                self.preview.setText(str(exc))

        self.ops.read(ask, got, failed=failed)

    def _hours_preview(self, preview: ReplanPreview, target: dt.date) -> str:
        text = (
            f"{preview.summary} Your target date becomes {target} and your hours a week "
            f"{preview.hours_per_week:g}, in the plan and in your profile. Done deliverables "
            "keep their dates; the open ones, your own included, keep their order."
        )
        if self.st.pace and self.st.pace < preview.hours_per_week:
            text += (
                f" Your pace of the last weeks is {self.st.pace:g} h a week: the forecast "
                "follows the hours you log, so it says you are late until your pace rises."
            )
        return text

    def _scope_preview(self, ways: WaysOut, target: dt.date) -> str:
        assert ways.scope is not None
        catalog = self.view.catalog
        kept = [in_sentence(catalog.skill_name(x)) for x in ways.scope.kept]
        deferred = [in_sentence(catalog.skill_name(x)) for x in ways.scope.deferred]
        if len(deferred) > MAX_NAMES:
            deferred = [*deferred[:MAX_NAMES], f"{len(deferred) - MAX_NAMES} more"]
        return (
            f"A new plan from today at {ways.scope_hours:g} h a week: "
            f"{ways.scope.total_hours:g} h in {ways.phases} phases, ending {ways.scope.finish}, "
            f"by your target date {target}. It keeps {join_names(kept)}, each to the level "
            f"the role needs, and defers {join_names(deferred)} to a later plan. Your current "
            "plan and its progress are kept in the history; the levels you earned stay."
        )

    # ------------------------------------------------------------ applying

    def _save(self) -> None:
        self.chosen.emit(Choice("target", self.target()))
        self.accept()

    def _apply(self) -> None:
        way, target = self.way(), self.target()
        if way is None or target is None or not self.apply_button.isEnabled():
            return
        if way == "hours":
            needed = hours_needed(self.now.start, target, self.now.remaining_hours) or 0.0
            self.chosen.emit(Choice("hours", target, hours=needed))
        elif way == "later":
            self.chosen.emit(Choice("later", self.now.finish))
        else:
            ways = self.ways
            assert ways is not None and ways.scope is not None
            self.chosen.emit(
                Choice(
                    "scope",
                    target,
                    hours=ways.scope_hours,
                    keep=tuple(ways.scope.kept),
                    phases=ways.phases,
                )
            )
        self.accept()
