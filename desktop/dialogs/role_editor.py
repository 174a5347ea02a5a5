"""Edit an own role: its title, summary and required skills with levels and priorities."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from skillpath.core.models import Role
from skillpath.desktop.models import KEY_ROLE, PRIORITIES, Requirement, RequirementsModel
from skillpath.desktop.screens.common import LevelDelegate, SkillPicker

if TYPE_CHECKING:
    from skillpath.core.catalog import Catalog


class _PriorityDelegate(QStyledItemDelegate):
    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        box = QComboBox(parent)
        box.addItems(PRIORITIES)
        box.setAccessibleName("Priority")
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(
        self, editor: QWidget, model: object, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        index.model().setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class RoleEditor(QDialog):
    """The fields of an own role; `role()` gives the changed copy (validated on save)."""

    def __init__(self, parent: QWidget, role: Role, catalog: Catalog) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(f"Own role: {role.title}")
        chars, lines = self.fontMetrics().averageCharWidth(), self.fontMetrics().height()
        self.resize(min(chars * 90, parent.width()), min(lines * 34, parent.height()))
        self._role = role
        self._catalog = catalog
        form = QFormLayout(self)
        self.title = QLineEdit(role.title)
        self.title.setMaxLength(120)
        self.title.setAccessibleName("Role title")
        self.summary = QPlainTextEdit(role.summary)
        self.summary.setTabChangesFocus(True)
        self.summary.setMaximumHeight(80)
        self.summary.setAccessibleName("Role summary")
        form.addRow("&Title", self.title)
        form.addRow("&Summary", self.summary)
        self.picker = SkillPicker(list(catalog.skills.values()), "Add a required skill")
        self.search, self.add, self.remove = self.picker.search, self.picker.add, self.picker.remove
        form.addRow(self.picker)
        self.model = RequirementsModel()
        self.model.set_rows(
            [
                Requirement(r.skill, catalog.skill_name(r.skill), r.level, r.priority)
                for r in role.required
            ]
        )
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setModel(self.model)
        self.table.setAccessibleName("Required skills")
        self.table.setItemDelegateForColumn(1, LevelDelegate(self.table, lowest=1))
        self.table.setItemDelegateForColumn(2, _PriorityDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, chars * 30)
        self.table.setColumnWidth(1, chars * 18)
        form.addRow(self.table)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.add.clicked.connect(self._add)
        self.search.returnPressed.connect(self._add)
        self.remove.clicked.connect(self._remove)

    def _add(self) -> None:
        skill = self.picker.chosen()
        rows = self.model.rows()
        if skill is None or any(r.skill == skill for r in rows):
            return
        rows.append(Requirement(skill, self._catalog.skill_name(skill), 3, "important"))
        self.model.set_rows(rows)
        self.search.clear()

    def _remove(self) -> None:
        chosen = {i.data(KEY_ROLE) for i in self.table.selectionModel().selectedRows()}
        self.model.set_rows([r for r in self.model.rows() if r.skill not in chosen])

    def role(self) -> Role:
        """The edited role (not validated here: saving it through the core does that)."""
        from skillpath.core.models import RequiredSkill

        required = [
            RequiredSkill.model_construct(skill=r.skill, level=r.level, priority=r.priority)
            for r in self.model.rows()
        ]
        return self._role.model_copy(
            update={
                "title": self.title.text().strip(),
                "summary": self.summary.toPlainText().strip() or self._role.summary,
                "required": required,
            }
        )
