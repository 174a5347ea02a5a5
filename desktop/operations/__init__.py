"""The one road from a click to the data: `Operations.change` runs a core use case on the
worker thread, reads back what it touched, and announces it (Anki's aqt/operations).

The modules beside this one hold the app's actions, grouped by what they act on; each is a
function of the `AppContext` (desktop/context.py) that may ask something of the person in
a dialog, then calls `ctx.ops.change(...)`. Screens call these functions; nothing else in
the app changes data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from skillpath.core.errors import CatalogError, SkillpathError
from skillpath.desktop.state import StateStore, View, read_view
from skillpath.desktop.worker import Worker

if TYPE_CHECKING:
    # The window's own modules do not import the core (the catalog, the store, pydantic's
    # models): the app loads it before Qt (desktop/main.py), the worker uses it.
    from skillpath.core.catalog import Catalog
    from skillpath.core.changes import Changes
    from skillpath.core.session import Session

T = TypeVar("T")
Action = Callable[["Session"], "Changes"]


class BrokenCatalog(SkillpathError):
    """The shipped catalog cannot be loaded: the installation is broken."""


class Operations(QObject):
    """Runs the app's work on the one worker thread and keeps the state up to date.

    Signals:
        message(str): a line for the status bar (what a change did).
        error(str): an error the person can act on (one line, no traceback).
        crashed(str): the traceback of a bug.
    """

    message = Signal(str)
    error = Signal(str)
    crashed = Signal(str)

    def __init__(
        self, catalog: Catalog | None, state: StateStore, today: dt.date | None, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self.state = state
        self._today = today
        self.worker = Worker(parent)
        self.worker.error.connect(self.error)
        self.worker.crashed.connect(self.crashed)

    @property
    def catalog(self) -> Catalog:
        """The shipped catalog: the one given, else loaded on first use (the worker loads it
        when it opens the store, so the window never waits for it at start)."""
        if self._catalog is None:
            from skillpath.core.catalog import shipped_catalog

            self._catalog = shipped_catalog()
        return self._catalog

    @property
    def busy(self) -> bool:
        return self.worker.busy

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # ------------------------------------------------------------ opening

    def open(
        self, folder: Path, done: Callable[[View], None], failed: Callable[[SkillpathError], None]
    ) -> None:
        """Open the data folder's store on the worker, then read the first view.

        All of it is done there, in one trip: the catalog (a broken one fails as
        `BrokenCatalog`), the store and the first view; the window has painted before.
        """
        day = self._today

        def make() -> Session:
            from skillpath.core.db.store import Store
            from skillpath.core.session import APP, Session

            try:
                catalog = self.catalog
            except CatalogError as exc:
                raise BrokenCatalog(
                    f"The catalog shipped with Skillpath is broken: {exc}"
                ) from None
            return Session(Store.open(folder), catalog, APP, day)

        def first(s: Session | None) -> View | None:
            if s is None:  # the store was refused: `failed` has been told
                return None
            from skillpath.core.changes import Changes

            s.store.changed_elsewhere()  # the baseline later reads compare with
            return read_view(s, None, Changes.everything())

        def shown(view: View | None) -> None:
            if view is not None:
                from skillpath.core.changes import Changes

                self.state.apply(view, Changes.everything())
                done(view)

        self.worker.set_context(make, None, failed)
        # queued behind the opening: the first view comes back in the same trip
        self.worker.run(first, shown)

    # ------------------------------------------------------------ the road

    def change(
        self,
        action: Action,
        *,
        done: Callable[[Changes], None] | None = None,
        failed: Callable[[SkillpathError], None] | None = None,
        label: str | None = None,
    ) -> None:
        """Run `action(session)` on the worker, read back what it changed, apply it here.

        Args:
            action: a core use case (or anything returning Changes); runs off the UI thread.
            done: called on the UI thread with the Changes, after every view has seen them.
            failed: called with a SkillpathError instead of showing it.
            label: for work that may take a while: the progress dialog's text.
        """
        previous = self.state.view

        from skillpath.core.changes import Changes

        def job(s: Session) -> tuple[View, Changes]:
            outside = s.store.changed_elsewhere()
            changes = action(s)
            if outside:  # another program wrote meanwhile: read everything again
                changes = Changes.everything(changes.message, changes.profile_id)
            view = read_view(s, None if outside else previous, changes)
            return view, changes

        def applied(result: tuple[View, Changes]) -> None:
            view, changes = result
            self.state.apply(view, changes)
            if changes.message:
                self.message.emit(changes.message)
            if done is not None:
                done(changes)

        self.worker.run(job, applied, failed, label)

    def read(
        self,
        query: Callable[[Session], T],
        done: Callable[[T], None],
        *,
        failed: Callable[[SkillpathError], None] | None = None,
        label: str | None = None,
    ) -> None:
        """Run a read-only `query(session)` on the worker; `done(result)` on the UI thread."""
        self.worker.run(query, done, failed, label)

    def reload_if_changed_elsewhere(self) -> None:
        """Read everything again when another program changed the file (the app calls this
        when its window becomes active)."""

        def check(s: Session) -> bool:
            return s.store.changed_elsewhere()

        def checked(outside: bool) -> None:
            if outside:
                from skillpath.core.changes import Changes

                self.change(
                    lambda s: Changes.everything("Read again: the data was changed outside")
                )

        self.read(check, checked)

    def switch_profile(self, profile_id: int) -> None:
        """Show another profile (remembered as the default)."""
        from skillpath.core.changes import Changes

        self.change(lambda s: Changes.everything("", profile_id))

    def shutdown(self) -> None:
        self.worker.shutdown()

    def set_parent_widget(self, widget: QWidget) -> None:
        self.worker.set_parent_widget(widget)


def first_open_key(view: View | None) -> str | None:
    """The first deliverable still open, in plan order."""
    if view is None:
        return None
    return next((d.key for d in view.items if d.is_open), None)


__all__ = ["Action", "BrokenCatalog", "Operations", "first_open_key"]
