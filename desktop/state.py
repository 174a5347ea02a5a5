"""What the screens show: one `View` of the current profile, replaced after every change.

The view is read on the worker thread through the core (`core.queries.refresh`, which
re-reads only what a change touched) and handed to the UI thread, where `StateStore` keeps
it and tells every subscriber what changed. Screens read `store.view` and refresh only the
parts the `Changes` name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the window's modules do not import the core; the worker reads the views
    from skillpath.core.catalog import Catalog
    from skillpath.core.changes import Changes
    from skillpath.core.models import Analysis, Role
    from skillpath.core.progress import Progress
    from skillpath.core.queries import Overview
    from skillpath.core.records import Deliverable, HistoryEntry, ProfileRecord, Snapshot
    from skillpath.core.session import Session


@dataclass(frozen=True)
class View:
    """Everything the screens need about the current profile and its plan."""

    today: dt.date
    catalog: Catalog  # the shipped catalog with this data file's own roles
    overview: Overview
    can_undo: bool = False
    can_redo: bool = False
    outside: bool = False  # another program (the CLI) changed the file since the last read
    role_problems: list[str] = field(default_factory=list)

    @property
    def profiles(self) -> list[ProfileRecord]:
        return self.overview.profiles

    @property
    def profile(self) -> ProfileRecord | None:
        return self.overview.profile

    @property
    def progress(self) -> Progress | None:
        return self.overview.progress

    @property
    def role(self) -> Role | None:
        return self.overview.role

    @property
    def analysis(self) -> Analysis | None:
        return self.overview.analysis

    @property
    def snapshots(self) -> list[Snapshot]:
        return self.overview.snapshots

    @property
    def history(self) -> list[HistoryEntry]:
        return self.overview.history

    @property
    def own_roles(self) -> list[Role]:
        return self.overview.own_roles

    @property
    def has_plan(self) -> bool:
        return self.overview.progress is not None

    @property
    def items(self) -> list[Deliverable]:
        return self.overview.progress.items if self.overview.progress else []

    def item(self, key: str) -> Deliverable | None:
        return next((d for d in self.items if d.key == key), None)


def read_view(s: Session, previous: View | None, changes: Changes) -> View:
    """The view after `changes` (worker thread)."""
    from skillpath.core.actions.history import can_redo, can_undo
    from skillpath.core.queries import refresh

    if changes.roles:
        s.roles_changed()
    overview = refresh(s, previous.overview if previous else None, changes)
    return View(
        today=s.today,
        catalog=s.full_catalog(),
        overview=overview,
        can_undo=can_undo(s),
        can_redo=can_redo(s),
        role_problems=list(s.role_problems),
    )


class StateStore(QObject):
    """Holds the current view on the UI thread and announces each change.

    Signals:
        changed(Changes): the view was replaced; the Changes say what is new in it.
    """

    changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.view: View | None = None
        self.switched = False  # the last change showed another profile (or the first one)

    @property
    def profile_id(self) -> int | None:
        if self.view is None or self.view.profile is None:
            return None
        return self.view.profile.id

    def apply(self, view: View, changes: Changes) -> None:
        before = self.profile_id
        self.view = view
        self.switched = before != self.profile_id or before is None
        self.changed.emit(changes)

    def wide(self, changes: Changes) -> bool:
        """Whether a change reaches beyond some deliverables' rows: a new plan, another
        profile shown, the list of profiles (screens then read everything again)."""
        return changes.plan or changes.profiles or self.switched
