"""First start: create a profile, start from a CV, or open the demo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from skillpath.desktop.screens.common import heading, muted

if TYPE_CHECKING:
    from skillpath.desktop.window import MainWindow


class WelcomeScreen(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QVBoxLayout()
        box.setSpacing(14)
        title = heading("Welcome to Skillpath", 2.0)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(title)
        intro = muted(
            "Plan your move into a new role: see where you stand against it, get a dated "
            "roadmap of courses, projects and certifications, and track it as you go. "
            "Everything stays on this computer."
        )
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setFixedWidth(560)
        intro.setMinimumHeight(intro.heightForWidth(560))
        intro_row = QHBoxLayout()
        intro_row.addStretch(1)
        intro_row.addWidget(intro)
        intro_row.addStretch(1)
        box.addLayout(intro_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.setSpacing(12)
        self.create = QPushButton("Create my profile")
        self.from_cv = QPushButton("Start from my CV…")
        self.demo = QPushButton("Open the demo")
        for button, tip in (
            (self.create, "Type in your experience and skills"),
            (self.from_cv, "Read skills and experience from a .txt, .md, .pdf or .docx CV"),
            (self.demo, "Explore with Santana Mena, a web developer aiming at Senior AI Engineer"),
        ):
            button.setMinimumHeight(44)
            button.setFixedWidth(190)
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.create.setDefault(True)
        box.addLayout(buttons)
        outer.addLayout(box)
        outer.addStretch(2)
        self.create.clicked.connect(window.new_profile)
        self.from_cv.clicked.connect(window.start_from_cv)
        self.demo.clicked.connect(window.open_demo)
