"""Shared fixtures. Every test runs with its data folder and home folder in tmp_path, so no
test ever touches the real home folder, and Qt draws offscreen."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from skillpath.core.catalog import Catalog
    from skillpath.core.db.store import Store
    from skillpath.core.models import Profile
    from skillpath.core.records import Deliverable, DeliverableDetails, PlanRecord
    from skillpath.core.session import Session

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Point $HOME, the XDG folders and $SKILLPATH_DATA_DIR at a fresh temporary folder."""
    root = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(root))
    monkeypatch.setenv("USERPROFILE", str(root))
    for var, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(var, str(root / sub))
    monkeypatch.setenv("SKILLPATH_DATA_DIR", str(root / "skillpath-data"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    yield


@pytest.fixture
def data_dir() -> Path:
    """The data folder every test gets ($SKILLPATH_DATA_DIR); not created yet."""
    return Path(os.environ["SKILLPATH_DATA_DIR"])


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The shipped catalog, loaded once. A broken catalog fails the tests that use it."""
    from skillpath.core.catalog import shipped_catalog

    return shipped_catalog()


TODAY = dt.date(2026, 3, 16)  # a Monday; tests that need a fixed "today" use this


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """An open, empty Store in the test's data folder."""
    from skillpath.core.db.store import Store

    opened = Store.open(data_dir, daily_backup=False)
    yield opened
    opened.close()


class Tracked:
    """The demo profile in a session: what the tracking tests change and read back.

    `s` is a command-line session whose "today" is fixed; `pid` the profile's id.
    """

    def __init__(self, s: Session, pid: int) -> None:
        self.s = s
        self.pid = pid

    @property
    def store(self) -> Store:
        return self.s.store

    @property
    def catalog(self) -> Catalog:
        return self.s.full_catalog()

    @property
    def today(self) -> dt.date:
        return self.s.today

    def plan(self) -> PlanRecord:
        from skillpath.core.db import plans

        return plans.active_plan(self.s.store, self.pid)

    def items(self) -> list[Deliverable]:
        from skillpath.core.db import plans

        return plans.deliverables(self.s.store, self.plan().id)

    def item(self, key: str) -> Deliverable:
        return next(i for i in self.items() if i.key == key)

    def details(self, key: str) -> DeliverableDetails:
        from skillpath.core import queries

        return queries.details(self.s, self.pid, key)

    def profile(self) -> Profile:
        from skillpath.core.db import profiles

        return profiles.get_profile(self.s.store, self.pid).profile


@pytest.fixture
def tracked(store: Store, catalog: Catalog, today: dt.date) -> Tracked:
    """The demo profile with a plan that started four weeks before `today`, nothing done.

    Its creation is left out of the undo history, so each test's history is its own.
    """
    from skillpath.core.actions.planning import create_profile
    from skillpath.core.db import undo
    from skillpath.core.demo import DEMO_ROLE, demo_profile
    from skillpath.core.planner import PlanOptions, build_plan
    from skillpath.core.session import Session

    start = today - dt.timedelta(days=28)
    profile = demo_profile()
    plan = build_plan(profile, catalog.role(DEMO_ROLE), catalog, PlanOptions(start=start))
    pid = create_profile(Session(store, catalog, day=start), profile, plan).profile_id
    assert pid is not None
    undo.forget(store, pid)
    return Tracked(Session(store, catalog, day=today), pid)
