"""First start: the ways to begin a profile (type it in, a CV, a JSON Resume, LinkedIn's data
export) and the demo, each with a line saying what it takes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from skillpath.desktop.context import AppContext
from skillpath.desktop.file_ways import FILE_WAYS
from skillpath.desktop.operations import profiles
from skillpath.desktop.screens.common import heading, muted, text_width

_FILE_BUTTONS = {
    "cv": "from_cv_button",
    "resume": "from_resume_button",
    "linkedin": "from_linkedin_button",
}


class WelcomeScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        column = QWidget()
        column.setMaximumWidth(text_width(self, 84))
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

        ways: list[tuple[str, str, str]] = [
            ("create_button", "Create my profile", "Type in your experience and skills."),
        ]
        ways += [(_FILE_BUTTONS[w.key], w.button, w.tip + ".") for w in FILE_WAYS]
        ways.append(
            (
                "demo_button",
                "Open the demo",
                "Explore with Santana Mena, a web developer aiming at Senior AI Engineer.",
            )
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setColumnStretch(1, 1)
        for row, (name, text, tip) in enumerate(ways):
            button = QPushButton(text)
            button.setMinimumHeight(button.sizeHint().height() + 8)
            button.setAccessibleDescription(tip)
            setattr(self, name, button)
            grid.addWidget(button, row, 0)
            grid.addWidget(muted(tip), row, 1)
        box.addLayout(grid)
        box.addWidget(
            muted(
                "From a file, you check each skill found, with the line or entry it came "
                "from, before anything is saved."
            )
        )
        self.create_button.setDefault(True)
        middle = QHBoxLayout()  # centred, as wide as it may be: its text wraps to fit
        middle.addStretch(1)
        middle.addWidget(column, 100)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self.create_button.clicked.connect(lambda: profiles.start_new(ctx))
        for way in FILE_WAYS:
            button = getattr(self, _FILE_BUTTONS[way.key])
            button.clicked.connect(lambda _=False, key=way.key: profiles.start_from(ctx, key))
        self.demo_button.clicked.connect(lambda: profiles.open_demo(ctx))

    create_button: QPushButton
    from_cv_button: QPushButton
    from_resume_button: QPushButton
    from_linkedin_button: QPushButton
    demo_button: QPushButton
