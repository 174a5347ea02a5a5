"""What every screen and action is given: the road to the data, the state, the settings, and
a way to ask the window to go somewhere. Screens never import the window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from skillpath.desktop.operations import Operations
from skillpath.desktop.settings import Settings
from skillpath.desktop.state import StateStore, View

if TYPE_CHECKING:  # the window's modules do not import the core (desktop/main.py loads it)
    from skillpath.core.catalog import Catalog
    from skillpath.core.models import Profile
    from skillpath.desktop.models import SkillLine


class Navigator(QObject):
    """Requests to the window, as signals: the window listens, screens only ask.

    Signals:
        go(str): show the screen with this key ("today", "roadmap", ...).
        show_deliverable(str): show this deliverable in the roadmap.
        show_role(str): show this role on the Target role screen.
        message(str): a line for the status bar.
        theme_changed(): the colours changed; redraw what is drawn by hand.
        set_theme(str): the person chose a theme ("system", "light", "dark").
    """

    go = Signal(str)
    set_theme = Signal(str)
    show_deliverable = Signal(str)
    show_role = Signal(str)
    message = Signal(str)
    theme_changed = Signal()


class NewProfile(QObject):
    """A profile being made (typed in or read from a CV): nothing is saved until its plan is
    made. Screens show it while `active`.

    Signals:
        changed(): begun, moved on to choosing a role, or ended.
    """

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.active = False
        self.profile: Profile | None = None  # the draft as typed so far
        self.cv_lines: list[SkillLine] | None = None  # skills read from a CV, to confirm
        self.note = ""
        self.ready = False  # the profile part is done: choosing the role
        self.role_id: str | None = None  # a role chosen before there was a profile

    def begin(
        self, profile: Profile | None = None, cv_lines: list[SkillLine] | None = None,
        note: str = "",
    ) -> None:  # fmt: skip
        self.active, self.profile, self.cv_lines, self.note = True, profile, cv_lines, note
        self.ready, self.role_id = False, None
        self.changed.emit()

    def choose_role(self, profile: Profile) -> None:
        self.profile, self.ready = profile, True
        self.changed.emit()

    def end(self) -> None:
        self.active, self.profile, self.cv_lines, self.note, self.ready = (
            False, None, None, "", False,
        )  # fmt: skip
        self.role_id = None
        self.changed.emit()


@dataclass
class AppContext:
    """The app's shared parts, handed to every screen and action."""

    data_dir: Path
    settings: Settings
    ops: Operations
    state: StateStore
    nav: Navigator
    window: QWidget  # the parent of dialogs
    new_profile: NewProfile

    def today(self) -> dt.date:
        return self.ops.today()

    @property
    def catalog(self) -> Catalog:
        """The shipped catalog (own roles come with the view); loaded on first use."""
        return self.ops.catalog

    @property
    def view(self) -> View | None:
        return self.state.view

    def full_catalog(self) -> Catalog:
        """The shipped catalog with this data file's own roles, as last read."""
        return self.state.view.catalog if self.state.view is not None else self.catalog
