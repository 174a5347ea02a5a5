"""First start: create a profile, start from a CV, or open the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from skillpath.desktop.context import AppContext
from skillpath.desktop.operations import profiles
from skillpath.desktop.screens.common import flow, heading, muted, text_width

WAYS = (
    ("create_button", "Create my profile", "Type in your experience and skills"),
    (
        "from_cv_button",
        "Start from my CV…",
        "Read skills and experience from a .txt, .md, .pdf or .docx CV",
    ),
    (
        "demo_button",
        "Open the demo",
        "Explore with Santana Mena, a web developer aiming at Senior AI Engineer",
    ),
)


class WelcomeScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        column = QWidget()
        column.setMaximumWidth(text_width(self, 80))
        box = QVBoxLayout(column)
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
        box.addWidget(intro)
        buttons = []
        for name, text, tip in WAYS:
            button = QPushButton(text)
            button.setMinimumHeight(button.sizeHint().height() + 16)
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)
            setattr(self, name, button)
            buttons.append(button)
        self.create_button.setDefault(True)
        row = flow(*buttons)
        box.addWidget(row, 0, Qt.AlignmentFlag.AlignHCenter)
        middle = QHBoxLayout()  # centred, as wide as it may be: its text wraps to fit
        middle.addStretch(1)
        middle.addWidget(column, 100)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self.create_button.clicked.connect(lambda: profiles.start_new(ctx))
        self.from_cv_button.clicked.connect(lambda: profiles.start_from_cv(ctx))
        self.demo_button.clicked.connect(lambda: profiles.open_demo(ctx))

    create_button: QPushButton
    from_cv_button: QPushButton
    demo_button: QPushButton
