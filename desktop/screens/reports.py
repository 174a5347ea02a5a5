"""Reports: the executive summary and progress report, the calendar, and the JSON backup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.changes import Changes
from skillpath.desktop.context import AppContext
from skillpath.desktop.operations import data
from skillpath.desktop.screens.common import Card, flow, heading, muted

# (kind, format, button text, file filter, suffix, description)
EXPORTS = (
    (
        "summary",
        "pdf",
        "Executive summary (PDF)",
        "PDF (*.pdf)",
        ".pdf",
        "Where you stand, the market, your gaps and your dated roadmap: for you or a mentor.",
    ),
    (
        "summary",
        "md",
        "Executive summary (Markdown)",
        "Markdown (*.md)",
        ".md",
        "The same, as text you can paste or edit.",
    ),
    (
        "progress",
        "pdf",
        "Progress report (PDF)",
        "PDF (*.pdf)",
        ".pdf",
        "Progress, pace, forecast, readiness over time and hours per week.",
    ),
    (
        "calendar",
        "ics",
        "Deadlines (calendar)",
        "Calendar (*.ics)",
        ".ics",
        "Every open deliverable's due date with a reminder; importing again updates them.",
    ),
    (
        "backup",
        "json",
        "Profile backup (JSON)",
        "Skillpath profile (*.json)",
        ".json",
        "Everything about this profile, to keep or to move to another computer.",
    ),
)


class ReportsScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Reports"))
        self.intro = muted("")
        layout.addWidget(self.intro)
        paper_row = QHBoxLayout()
        paper_label = QLabel("&Paper size for PDFs")
        paper_row.addWidget(paper_label)
        self.paper = QComboBox()
        paper_label.setBuddy(self.paper)
        self.paper.addItems(["A4", "US Letter"])
        self.paper.setAccessibleName("Paper size")
        paper_row.addWidget(self.paper)
        paper_row.addStretch(1)
        layout.addLayout(paper_row)
        card = Card("Export")
        grid = QGridLayout()
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        for row, (kind, fmt, text, filters, suffix, about) in enumerate(EXPORTS):
            button = QPushButton(text)
            button.clicked.connect(
                lambda _=False, k=kind, f=fmt, fl=filters, s=suffix: self._export(k, f, fl, s)
            )
            self.buttons[(kind, fmt)] = button
            grid.addWidget(button, row, 0)
            grid.addWidget(muted(about), row, 1)
        grid.setColumnStretch(1, 1)
        card.body.addLayout(grid)
        layout.addWidget(card)
        last = Card("Last export")
        self.last = QLabel("Nothing exported yet.")
        self.last.setWordWrap(True)
        self.open_file = QPushButton("Open it")
        self.open_folder = QPushButton("Show in folder")
        self.open_file.setEnabled(False)
        self.open_folder.setEnabled(False)
        last.body.addWidget(self.last)
        last.body.addWidget(flow(self.open_file, self.open_folder))
        layout.addWidget(last)
        layout.addStretch(1)
        self._path: Path | None = None
        self.open_file.clicked.connect(lambda: self._path and _open_local(self._path))
        self.open_folder.clicked.connect(lambda: self._path and _open_local(self._path.parent))
        ctx.state.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if self.ctx.state.wide(changes):
            self.refresh()

    def refresh(self) -> None:
        state = self.ctx.view
        if state is None:
            return
        has_plan = state.has_plan
        for button in self.buttons.values():
            button.setEnabled(has_plan)
        name = state.profile.name if state.profile else ""
        self.intro.setText(
            f"Documents for {name}, made from your plan as it is today."
            if has_plan
            else "Create a plan first; reports are made from it."
        )

    def _export(self, kind: str, fmt: str, filters: str, suffix: str) -> None:
        state = self.ctx.view
        if state is None or state.profile is None:
            return
        stem = {
            "summary": "executive-summary",
            "progress": "progress-report",
            "calendar": "deadlines",
            "backup": "profile",
        }[kind]
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in state.profile.name)
        suggested = f"{safe.strip('-') or 'skillpath'}-{stem}{suffix}"
        paper = "letter" if self.paper.currentText() == "US Letter" else "a4"
        data.export(self.ctx, kind, fmt, paper, suggested, filters, self.exported)

    def exported(self, path: Path) -> None:
        self._path = path
        self.last.setText(f"Saved {path}")
        self.open_file.setEnabled(True)
        self.open_folder.setEnabled(True)


def _open_local(path: Path) -> None:
    """Open a file or folder Skillpath wrote, with the system's handler."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
