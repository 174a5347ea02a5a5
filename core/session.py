"""A session: what every use case works against (the open store, the catalog, the clock, and
who is making changes).

The CLI makes one per command; the app makes one on its worker thread and keeps it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from skillpath.core.catalog import Catalog
from skillpath.core.db import profiles
from skillpath.core.db.store import Store
from skillpath.core.errors import ProfileError
from skillpath.core.records import ProfileRecord

CLI = "cli"
APP = "app"


@dataclass
class Session:
    """The store, the shipped catalog, the date "today" means, and the origin of changes.

    Attributes:
        origin: "cli" or "app": undo and redo act only on changes of the same origin.
        day: a fixed "today" (tests, the demo's past); the real date when None.
    """

    store: Store
    catalog: Catalog
    origin: str = CLI
    day: dt.date | None = None
    _full: Catalog | None = field(default=None, repr=False)
    role_problems: list[str] = field(default_factory=list, repr=False)

    @property
    def today(self) -> dt.date:
        return self.day or dt.date.today()

    def full_catalog(self) -> Catalog:
        """The shipped catalog with the data file's own roles (read once, until they change)."""
        if self._full is None:
            from skillpath.core.own_roles import catalog_with_own, stored_own_roles

            problems: list[str] = []
            own = stored_own_roles(self.store, self.catalog, problems)
            self._full = catalog_with_own(self.catalog, own)
            self.role_problems = problems
        return self._full

    def roles_changed(self) -> None:
        self._full = None

    def find_profile(self, name: str | None) -> ProfileRecord:
        """The profile called `name`; without a name, the only one or the last one used.

        Raises:
            ProfileError: no such profile, no profile at all, or several and none chosen.
        """
        store = self.store
        if name is not None:
            found = profiles.by_name(store, name)
            if found is None:
                known = ", ".join(p.name for p in profiles.list_profiles(store)) or "none yet"
                raise ProfileError(f"no profile called '{name}' (profiles: {known})")
            return found
        every = profiles.list_profiles(store)
        if not every:
            raise ProfileError(
                "there is no profile yet: create one with `skillpath profile create` "
                "or try `skillpath demo`"
            )
        if len(every) == 1:
            return every[0]
        default = profiles.default_profile_id(store)
        for p in every:
            if p.id == default:
                return p
        names = ", ".join(p.name for p in every)
        raise ProfileError(f"there are several profiles ({names}); choose one with --profile NAME")
