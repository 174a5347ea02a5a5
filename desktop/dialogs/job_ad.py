"""Aim at a job ad: open or paste it (`JobSourceDialog`), then check what was read before
anything is saved (`JobReviewDialog`): each skill found with its line, level and priority,
kept or dropped; the title and company; the lines that named no catalog skill."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.job import MAX_ROLE_SKILLS, JobAd, JobSkill
from skillpath.core.models import Priority
from skillpath.desktop import theme
from skillpath.desktop.models import KEY_ROLE, PRIORITIES, Index, Table, level_label
from skillpath.desktop.screens.common import AnyIndex, LevelDelegate, heading, muted

JOB_FILTERS = "Job ads (*.txt *.md *.markdown *.text *.html *.htm *.pdf *.docx);;All files (*)"


def _window_modal(dialog: QDialog, parent: QWidget, title: str, chars: int, lines: int) -> None:
    """Window-modal, deleted on close, sized in characters but never beyond the window."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setWindowTitle(title)
    metrics = dialog.fontMetrics()
    dialog.resize(
        min(metrics.averageCharWidth() * chars, parent.width()),
        min(metrics.height() * lines, parent.height()),
    )


def _problem_label() -> QLabel:
    """A line saying what is wrong, in the palette's warning colour, hidden until needed."""
    label = QLabel("")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {theme.color('bad').name()};")
    label.hide()
    return label


# ------------------------------------------------------------------ open or paste


class JobSourceDialog(QDialog):
    """Where the ad comes from: a file the person saved, or its text pasted.

    The dialog only asks; the caller reads (off the UI thread) and then either closes it
    (`accept`) or says what was wrong (`show_problem`), leaving it open to try again.

    Signals:
        file_wanted(): "Open a saved ad…" was pressed.
        text_given(str): "Read the ad" was pressed with text pasted.
    """

    file_wanted = Signal()
    text_given = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        _window_modal(self, parent, "Aim at a job ad", 80, 26)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Open a job ad you saved (.txt, .md, .html, .pdf or .docx), or paste its text "
            "below. You check every skill read from it before anything is saved."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.open_ad = QPushButton("Open a saved ad…")
        self.open_ad.setAccessibleDescription("Choose a job ad saved as a file")
        layout.addWidget(self.open_ad, 0, Qt.AlignmentFlag.AlignLeft)
        label = QLabel("Or &paste the ad's text:")
        self.paste = QPlainTextEdit()
        self.paste.setAccessibleName("The ad's text")
        self.paste.setPlaceholderText("Paste the whole ad here: title, requirements, and so on")
        self.paste.setTabChangesFocus(True)
        label.setBuddy(self.paste)
        layout.addWidget(label)
        layout.addWidget(self.paste, 1)
        self.problem = _problem_label()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.read_button = self.buttons.addButton(
            "Read the ad", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.read_button.setDefault(False)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.open_ad.clicked.connect(self.file_wanted)
        self.read_button.clicked.connect(self._read)

    def _read(self) -> None:
        pasted = self.paste.toPlainText()
        if not pasted.strip():
            self.show_problem("Paste the ad's text first, or open a saved ad.")
            self.paste.setFocus()
            return
        self.text_given.emit(pasted)

    def set_busy(self, on: bool) -> None:
        """While the ad is being read: nothing to press twice."""
        for widget in (self.open_ad, self.paste, self.read_button):
            widget.setEnabled(not on)
        if on:
            self.problem.hide()

    def show_problem(self, text: str) -> None:
        """Say in one line what was wrong; the dialog stays open to try again."""
        self.set_busy(False)
        self.problem.setText(text)
        self.problem.show()


# ------------------------------------------------------------------ review


@dataclass
class JobLine:
    """A skill the ad asks for, as the person is checking it."""

    skill: str
    name: str
    level: int
    priority: str
    evidence: str
    keep: bool = True


class JobSkillsModel(Table):
    """The skills read from an ad: keep or drop each, change its level (1-5) or priority.

    `edited()` announces a change (to update the count of kept skills).
    """

    edited = Signal()
    headers = ("Keep", "Skill", "Level", "Priority", "Found on this line")

    def __init__(self) -> None:
        super().__init__()
        self._lines: list[JobLine] = []

    def set_lines(self, lines: Sequence[JobLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def lines(self) -> list[JobLine]:
        return list(self._lines)

    def _count(self) -> int:
        return len(self._lines)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = index.column()
        if column == 0:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        if column in (2, 3):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole and column == 2:
            return level_label(line.level)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole) and column:
            return (None, line.name, line.level, line.priority, line.evidence)[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if line.keep else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return f"Keep {line.name}" if line.keep else f"Dropped: {line.name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return line.name
            if column == 2:
                return level_label(line.level, long=True)
            if column == 4:
                return line.evidence
        if role == Qt.ItemDataRole.ForegroundRole and not line.keep and column:
            return theme.color("placeholder")
        if role == KEY_ROLE:
            return line.skill
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        line = self._lines[index.row()]
        column = index.column()
        if column == 0 and role == Qt.ItemDataRole.CheckStateRole:
            line.keep = Qt.CheckState(value) == Qt.CheckState.Checked
        elif column == 2 and role == Qt.ItemDataRole.EditRole:
            try:
                level = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= level <= 5:
                return False
            line.level = level
        elif column == 3 and role == Qt.ItemDataRole.EditRole and str(value) in PRIORITIES:
            line.priority = str(value)
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 4))
        self.edited.emit()
        return True


class PriorityDelegate(QStyledItemDelegate):
    """Edits a priority by choosing it from the three."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        box = QComboBox(parent)
        box.addItems(PRIORITIES)
        box.setAccessibleName("Priority")
        return box

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class JobReviewDialog(QDialog):
    """What was read from an ad, to check before it becomes an own role. Accepting it (Save
    as my role) saves nothing by itself: the caller saves `edited_ad()`."""

    def __init__(self, parent: QWidget, ad: JobAd, source: str) -> None:
        super().__init__(parent)
        _window_modal(self, parent, "Check the job ad", 150, 40)
        self._ad = ad
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"What the ad {source} asks for", 1.2))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.job_title = QLineEdit(ad.title)
        self.job_title.setMaxLength(120)
        self.job_title.setAccessibleName("Job title")
        self.job_title.setPlaceholderText("Role from a job ad")
        self.company = QLineEdit(ad.company)
        self.company.setMaxLength(80)
        self.company.setAccessibleName("Company")
        self.company.setPlaceholderText("not stated in the ad")
        form.addRow("Job &title", self.job_title)
        form.addRow("&Company", self.company)
        layout.addLayout(form)
        said = list(ad.warnings)
        if ad.years_required:
            said.insert(0, f"It asks for {ad.years_required:g} years of experience.")
        if said:
            layout.addWidget(muted(" ".join(said)))

        self.count = muted("")
        layout.addWidget(self.count)
        self.model = JobSkillsModel()
        self.model.set_lines(
            [JobLine(s.skill, s.name, s.level, s.priority, s.evidence) for s in ad.skills]
        )
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setModel(self.model)
        self.table.setAccessibleName("Skills found in the ad")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setItemDelegateForColumn(2, LevelDelegate(self.table, lowest=1))
        self.table.setItemDelegateForColumn(3, PriorityDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, self.fontMetrics().averageCharWidth() * 30)
        layout.addWidget(self.table, 3)

        self.unmatched = QListWidget()
        self.unmatched.setAccessibleName("Lines that named no catalog skill")
        self.unmatched.addItems(ad.unmatched)
        self.unmatched.setWordWrap(True)
        if ad.unmatched:
            label = QLabel(
                f"&Lines that named no skill in the catalog ({len(ad.unmatched)}); "
                "add what matters with Edit… once the role is saved:"
            )
            label.setWordWrap(True)
            label.setBuddy(self.unmatched)
            layout.addWidget(label)
            rows = min(len(ad.unmatched), 4)
            self.unmatched.setMaximumHeight((rows + 1) * (self.fontMetrics().height() + 6))
            layout.addWidget(self.unmatched, 1)
        else:
            self.unmatched.hide()

        self.problem = _problem_label()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            "Save as my role", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._save)
        layout.addWidget(self.buttons)
        self.model.edited.connect(self._count_kept)
        self._count_kept()
        if ad.skills:
            self.table.selectRow(0)

    def _count_kept(self) -> None:
        lines = self.model.lines()
        kept = sum(1 for line in lines if line.keep)
        text = (
            f"{kept} of {len(lines)} skills kept. Untick a wrong one; change a level or a "
            "priority with a double click or F2."
        )
        if kept > MAX_ROLE_SKILLS:
            text += f" A role holds {MAX_ROLE_SKILLS}: the most important are kept."
        self.count.setText(text)
        self.save_button.setEnabled(kept > 0)
        if kept:
            self.problem.hide()
        else:
            self.problem.setText("Keep at least one skill: a role needs something to aim at.")
            self.problem.show()

    def _save(self) -> None:
        if any(line.keep for line in self.model.lines()):
            self.accept()

    def edited_ad(self) -> JobAd:
        """The ad as checked: the title and company typed, only the skills kept, at the
        levels and priorities chosen."""
        skills = [
            JobSkill.model_construct(
                skill=line.skill,
                name=line.name,
                priority=cast(Priority, line.priority),
                level=line.level,
                evidence=line.evidence,
                line_number=0,
            )
            for line in self.model.lines()
            if line.keep
        ]
        numbers = {s.skill: s.line_number for s in self._ad.skills}
        for skill in skills:
            skill.line_number = numbers.get(skill.skill, 0)
        return self._ad.model_copy(
            update={
                "title": self.job_title.text().strip(),
                "company": self.company.text().strip(),
                "skills": skills,
            }
        )
