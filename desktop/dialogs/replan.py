"""The preview of a re-plan: old and new finish, what moves and by how much."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.actions.planning import ReplanPreview


class ReplanDialog(QDialog):
    """Asks before a re-plan, showing what it does; accept applies it (undoable)."""

    def __init__(self, parent: QWidget, preview: ReplanPreview) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Re-plan from today")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        self.summary = QLabel(
            preview.summary + " Done deliverables keep their dates; the open ones, your own "
            "included, keep their order. You can undo it."
        )
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.moves = QListWidget()
        self.moves.setAccessibleName("Deliverables that move")
        for move in preview.moves:
            self.moves.addItem(
                f"{move.title}: due {move.old_due} → {move.new_due} ({move.days:+d} days)"
            )
        layout.addWidget(self.moves, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Re-plan")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
