"""The person: name, experience, focus, time, dates and skills; from a CV, with evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.changes import Changes
from skillpath.core.models import Profile
from skillpath.core.session import Session
from skillpath.desktop.context import AppContext
from skillpath.desktop.dialogs.deliverable import pydate, qdate
from skillpath.desktop.models import KEY_ROLE, SkillLine, SkillLinesModel
from skillpath.desktop.operations import profiles as profile_ops
from skillpath.desktop.screens.common import (
    LevelDelegate,
    SkillPicker,
    date_edit,
    heading,
    hours_spin,
    muted,
)

_FIELDS = ("name", "years_experience", "focus", "hours_per_week", "start_date", "target_date")


class ProfileScreen(QWidget):
    """Edits the current profile (saved at once) or a new draft (saved with its plan)."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.creating = False
        self._shown: Profile | None = None  # the stored profile as the form was filled
        self._filled: dict[str, Any] | None = None  # the form's values right after filling
        self._loading = False
        layout = QVBoxLayout(self)
        self.title = heading("Your profile")
        layout.addWidget(self.title)
        self.hint = muted("")
        layout.addWidget(self.hint)

        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.name.setAccessibleName("Name")
        self.years = QDoubleSpinBox()
        self.years.setRange(0, 70)
        self.years.setDecimals(1)
        self.years.setSuffix(" years")
        self.years.setAccessibleName("Years of experience")
        self.years.setMaximumWidth(220)
        self.focus = QLineEdit()
        self.focus.setMaxLength(200)
        self.focus.setPlaceholderText("e.g. web development")
        self.focus.setAccessibleName("Current focus")
        self.hours = hours_spin("Hours per week")
        self.start = date_edit("Start date")
        target_row = QHBoxLayout()
        self.has_target = QCheckBox("by")
        self.has_target.setAccessibleName("Set a target date")
        self.target = date_edit("Target date")
        target_row.addWidget(self.has_target)
        target_row.addWidget(self.target)
        target_row.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Name", self.name)
        form.addRow("&Experience", self.years)
        form.addRow("Current &focus", self.focus)
        form.addRow("&Time", self.hours)
        form.addRow("&Start", self.start)
        form.addRow("Target date", target_row)
        layout.addLayout(form)
        pace_row = QHBoxLayout()
        self.pace_hint = muted("")
        self.replan = QPushButton("Re-plan…")
        self.replan.setAccessibleName("Re-plan at the new hours per week")
        pace_row.addWidget(self.pace_hint, 1)
        pace_row.addWidget(self.replan)
        layout.addLayout(pace_row)
        self.pace_hint.hide()
        self.replan.hide()

        layout.addWidget(heading("Skills", 1.15))
        self.picker = SkillPicker(
            list(ctx.catalog.skills.values()),
            "Find a skill to add (e.g. Kubernetes, pandas, SQL)",
        )
        self.search, self.add, self.remove = self.picker.search, self.picker.add, self.picker.remove
        layout.addWidget(self.picker)
        self.cv_note = QLabel("")
        self.cv_note.setWordWrap(True)
        self.cv_note.hide()
        layout.addWidget(self.cv_note)

        self.model = SkillLinesModel(with_evidence=False)
        self.cv_model = SkillLinesModel(with_evidence=True)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setModel(self.model)
        self.table.setAccessibleName("Your skills")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setItemDelegateForColumn(1, LevelDelegate(self.table))
        self._size_columns(False)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.saved = muted("")
        buttons.addWidget(self.saved)
        self.next = QPushButton("Next: choose a target role")
        self.next.setDefault(True)
        buttons.addWidget(self.next)
        layout.addLayout(buttons)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self._save)

        for edit in (self.name, self.focus):
            edit.editingFinished.connect(self._changed)
        for spin in (self.years, self.hours):
            spin.editingFinished.connect(self._changed)
        self.start.dateChanged.connect(self._changed)
        self.target.dateChanged.connect(self._changed)
        self.has_target.toggled.connect(self._target_toggled)
        self.hours.valueChanged.connect(lambda _: self._show_pace())
        self.model.levelChanged.connect(lambda *_: self._changed())
        self.add.clicked.connect(self._add_skill)
        self.search.returnPressed.connect(self._add_skill)
        self.remove.clicked.connect(self._remove_selected)
        self.next.clicked.connect(self._next)
        self.replan.clicked.connect(
            lambda: profile_ops.replan(self.ctx, hours_per_week=self.hours.value())
        )
        ctx.state.changed.connect(self._changed_outside)
        ctx.new_profile.changed.connect(self._flow_changed)

    # ------------------------------------------------------------ filling

    def _fill(self, profile: Profile) -> None:
        self._loading = True
        try:
            today = self.ctx.today()
            self.name.setText(profile.name)
            self.years.setValue(profile.years_experience)
            self.focus.setText(profile.focus)
            self.hours.setValue(profile.hours_per_week)
            self.start.setDate(qdate(profile.start_date or today))
            self.has_target.setChecked(profile.target_date is not None)
            self.target.setDate(qdate(profile.target_date or today + dt.timedelta(days=365)))
            self.target.setEnabled(profile.target_date is not None)
            lines = [
                SkillLine(
                    sid,
                    self.ctx.catalog.skill_name(sid),
                    level,
                    profile.source_of(sid) if level else "self-rated",
                )
                for sid, level in profile.skills.items()
            ]
            lines.sort(key=lambda line: (-line.level, line.name))
            self.model.set_lines(lines)
        finally:
            self._loading = False
        self._filled = self._form_values()
        self._show_pace()
        if not self.creating and any(line.source == "earned" for line in lines):
            self._read_reasons()

    def _form_values(self) -> dict[str, Any]:
        shown = self.profile()
        return {f: getattr(shown, f) for f in _FIELDS}

    def _read_reasons(self) -> None:
        """Name the deliverable that earned each earned level (read off the UI thread)."""
        pid = self.ctx.state.profile_id
        if pid is None:
            return

        def read(s: Session) -> dict[str, str]:
            from skillpath.core.queries import earned_by

            return earned_by(s, pid)

        self.ctx.ops.read(read, self.model.set_evidence)

    def _show_pace(self) -> None:
        """Say when the plan runs at other hours per week than the profile now gives."""
        view = self.ctx.view
        plan = view.progress.plan if view and view.progress and not self.creating else None
        hours = self.hours.value()
        off = plan is not None and abs(plan.hours_per_week - hours) >= 0.05
        if plan is not None and off:
            self.pace_hint.setText(
                f"Your plan runs at {plan.hours_per_week:g} h a week; you now give {hours:g} h. "
                "Re-plan to move its dates to the new pace."
            )
            self.replan.setText(f"Re-plan at {hours:g} h a week…")
        self.pace_hint.setVisible(off)
        self.replan.setVisible(off)

    def shown(self) -> None:
        """Brought to the front: the new profile being made, or the stored one."""
        flow = self.ctx.new_profile
        if flow.active:
            if not self.creating:
                self.start_new(flow.profile, flow.cv_lines, flow.note)
        else:
            self.edit_current()

    def _flow_changed(self) -> None:
        if not self.ctx.new_profile.active:
            self.creating = False

    def _changed_outside(self, changes: Changes) -> None:
        """The stored profile changed (a level earned, another profile chosen): show it,
        unless the person is typing into it."""
        if changes.plan and not self.creating:
            self._show_pace()
        if self.creating or not (changes.profile or changes.profiles):
            return
        if self._save_timer.isActive() or any(
            w.hasFocus() for w in (self.name, self.focus, self.years, self.hours)
        ):
            return
        self.edit_current()

    def edit_current(self) -> None:
        """Show the stored profile; changes are saved as they are made."""
        state = self.ctx.view
        if state is None or state.profile is None:
            return
        self.creating = False
        self.title.setText("Your profile")
        self.hint.setText("Changes are saved as you make them.")
        self.next.setText("Choose a target role")
        self._show_cv(False)
        self._shown = state.profile.profile
        self._fill(state.profile.profile)
        self.saved.setText("")

    def start_new(
        self, draft: Profile | None = None, cv_lines: list[SkillLine] | None = None, note: str = ""
    ) -> None:
        """Start a new profile (optionally from a CV draft); saved with its first plan."""
        self.creating = True
        self.title.setText("New profile")
        self.hint.setText(
            "Tell Skillpath where you stand. Nothing is saved until you choose a target role "
            "and create your plan."
        )
        self.next.setText("Next: choose a target role")
        self._shown = None
        base = draft or Profile(name="Me", hours_per_week=self.ctx.settings.default_hours)
        self._fill(base)
        if not draft:
            self.name.clear()
        if cv_lines is not None:
            self.cv_model.set_lines(cv_lines)
            self.cv_note.setText(note)
            self._show_cv(True)
        else:
            self._show_cv(False)
        self.name.setFocus()

    def _show_cv(self, on: bool) -> None:
        self.table.setModel(self.cv_model if on else self.model)
        self.table.setItemDelegateForColumn(1, None)  # type: ignore[arg-type]
        self.table.setItemDelegateForColumn(2, None)  # type: ignore[arg-type]
        self.table.setItemDelegateForColumn(2 if on else 1, LevelDelegate(self.table))
        self.cv_note.setVisible(on)
        self._size_columns(on)

    def _size_columns(self, cv: bool) -> None:
        """The skill and level columns sized to their text; the reason or CV line stretches."""
        chars = self.fontMetrics().averageCharWidth()
        widths = (6, 28, 18) if cv else (28, 18)
        for col, n in enumerate(widths):
            self.table.setColumnWidth(col, chars * n)

    # ------------------------------------------------------------ reading the form

    def profile(self) -> Profile:
        """The profile as the form shows it (validated by the caller through the core)."""
        cv = self.table.model() is self.cv_model
        lines = [line for line in (self.cv_model if cv else self.model).lines() if line.keep]
        base = None if self.creating else self._shown
        sources = dict(base.skill_sources) if base else {}
        skills: dict[str, int] = {}
        for line in lines:
            skills[line.skill] = line.level
            if cv:
                sources[line.skill] = "cv"
            elif base is None or base.skills.get(line.skill) != line.level:
                sources[line.skill] = "self-rated"
        sources = {k: v for k, v in sources.items() if k in skills}
        return Profile.model_construct(
            name=self.name.text().strip(),
            years_experience=self.years.value(),
            focus=self.focus.text().strip(),
            skills=skills,
            skill_sources=sources,
            hours_per_week=self.hours.value(),
            start_date=pydate(self.start.date()),
            target_date=pydate(self.target.date()) if self.has_target.isChecked() else None,
        )

    # ------------------------------------------------------------ actions

    def _target_toggled(self, on: bool) -> None:
        self.target.setEnabled(on)
        self._changed()

    def _changed(self) -> None:
        if self._loading or self.creating:
            return
        self.saved.setText("Saving…")
        self._save_timer.start()

    def _save(self) -> None:
        """Save only what the person changed against the profile as it was shown: a level
        earned elsewhere meanwhile is kept."""
        base = self._shown
        if base is None:
            return
        now = self.profile()
        # a field counts as changed when its widget does not show what it was filled with:
        # a date left empty, a figure the box rounds, are not changes the person made
        filled = self._filled or {}
        changes: dict[str, Any] = {
            f: getattr(now, f) for f in _FIELDS if getattr(now, f) != filled.get(f)
        }
        skills = {
            sid: now.skills.get(sid, 0)
            for sid in set(base.skills) | set(now.skills)
            if now.skills.get(sid, 0) != base.skills.get(sid, 0)
        }
        if not changes and not skills:
            self.saved.setText("")
            return

        def done(result: Changes) -> None:
            view = self.ctx.view
            if view is not None and view.profile is not None:
                self._shown = view.profile.profile
            self._filled = self._form_values()
            self.saved.setText("Saved")
            self._show_pace()

        profile_ops.save(self.ctx, changes, skills, done=done)

    def _add_skill(self) -> None:
        skill_id = self.picker.chosen()
        if skill_id is None:
            self.ctx.nav.message.emit(f"No skill called '{self.search.text()}' in the catalog.")
            return
        model = self.table.model()
        assert isinstance(model, SkillLinesModel)
        lines = model.lines()
        if any(line.skill == skill_id for line in lines):
            self.ctx.nav.message.emit("That skill is in your list already.")
            return
        lines.insert(0, SkillLine(skill_id, self.ctx.catalog.skill_name(skill_id), 2, "self-rated"))
        model.set_lines(lines)
        self.search.clear()
        self.table.selectRow(0)
        self._changed()

    def _remove_selected(self) -> None:
        model = self.table.model()
        assert isinstance(model, SkillLinesModel)
        chosen = {i.data(KEY_ROLE) for i in self.table.selectionModel().selectedRows()}
        if not chosen:
            return
        model.set_lines([line for line in model.lines() if line.skill not in chosen])
        self._changed()

    def _next(self) -> None:
        if self.creating:
            profile = self.profile()
            if not profile.name:
                self.ctx.nav.message.emit("Please give your name first.")
                self.name.setFocus()
                return
            profile_ops.choose_role_for(self.ctx, profile)
        else:
            self.ctx.nav.go.emit("roles")
