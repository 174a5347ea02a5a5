"""Shared fixtures. Every test runs with its data folder and home folder in tmp_path, so no
test ever touches the real home folder, and Qt draws offscreen."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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
def catalog():  # type: ignore[no-untyped-def]
    """The shipped catalog, loaded once. A broken catalog fails the tests that use it."""
    from skillpath.core.catalog import shipped_catalog

    return shipped_catalog()


TODAY = dt.date(2026, 3, 16)  # a Monday; tests that need a fixed "today" use this


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def store(data_dir: Path) -> Iterator[object]:
    """An open, empty Store in the test's data folder."""
    from skillpath.core.db.store import Store

    opened = Store.open(data_dir, daily_backup=False)
    yield opened
    opened.close()


@pytest.fixture
def tracked(store, catalog, today):  # type: ignore[no-untyped-def]
    """A tracker on the demo profile with a plan that started four weeks before `today`."""
    from skillpath.core.demo import DEMO_ROLE, demo_profile
    from skillpath.core.planner import PlanOptions, build_plan
    from skillpath.core.tracking import Tracker, create_profile

    start = today - dt.timedelta(days=28)
    profile = demo_profile()
    plan = build_plan(profile, catalog.role(DEMO_ROLE), catalog, PlanOptions(start=start))
    row = create_profile(store, profile, plan, catalog, today=start)
    return Tracker(store, row.id, catalog, today=today)
