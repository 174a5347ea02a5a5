"""First start: create a profile, start from a CV, or open the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from skillpath.desktop.context import AppContext
from skillpath.desktop.operations import profiles
from skillpath.desktop.screens.common import heading, muted


class WelcomeScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
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
        self.create_button = QPushButton("Create my profile")
        self.from_cv_button = QPushButton("Start from my CV…")
        self.demo_button = QPushButton("Open the demo")
        for button, tip in (
            (self.create_button, "Type in your experience and skills"),
            (self.from_cv_button, "Read skills and experience from a .txt, .md, .pdf or .docx CV"),
            (
                self.demo_button,
                "Explore with Santana Mena, a web developer aiming at Senior AI Engineer",
            ),
        ):
            button.setMinimumHeight(44)
            button.setFixedWidth(190)
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.create_button.setDefault(True)
        box.addLayout(buttons)
        outer.addLayout(box)
        outer.addStretch(2)
        self.create_button.clicked.connect(lambda: profiles.start_new(ctx))
        self.from_cv_button.clicked.connect(lambda: profiles.start_from_cv(ctx))
        self.demo_button.clicked.connect(lambda: profiles.open_demo(ctx))
