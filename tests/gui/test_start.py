"""Starting the app: the window paints before its data is read, then the first screen with
its data; what only other screens use is not loaded to get there; a broken shipped catalog
is told in one box and the app quits."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

# what the first screen (Today) does not need: the other screens, the reports, CV reading,
# the planner and the PDF library, loaded when first used (the driver imports the window
# module first, to watch it)
NOT_AT_START = (
    "skillpath.desktop.screens.dashboard",
    "skillpath.desktop.screens.roadmap",
    "skillpath.desktop.screens.gaps",
    "skillpath.desktop.screens.roles",
    "skillpath.desktop.screens.profile",
    "skillpath.desktop.screens.reports",
    "skillpath.desktop.screens.settings",
    "skillpath.desktop.screens.compare",
    "skillpath.desktop.charts",
    "skillpath.core.planner",
    "skillpath.core.cv",
    "skillpath.core.job",
    "skillpath.core.transfer",
    "skillpath.core.report_pdf",
    "reportlab",
)
DRIVER = """
import json, sys
import skillpath.desktop.window as window
from skillpath.desktop.main import main

first = window.MainWindow._first_screen
def shown(self, view):
    first(self, view)
    screen = self.stack.currentWidget()
    print("screen " + json.dumps([type(screen).__name__, screen.model.count()]), flush=True)
window.MainWindow._first_screen = shown
status = main([])
wanted = json.loads(sys.argv[1])
print("loaded " + json.dumps([m for m in wanted if m in sys.modules]), flush=True)
sys.exit(status)
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SKILLPATH_DATA_DIR=str(tmp_path / "data"),
        SKILLPATH_CACHE_DIR=str(tmp_path / "cache"),
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        SKILLPATH_EXIT_AFTER_PAINT="1",
    )
    return env


def test_the_window_paints_before_its_data_then_today_with_the_demo(tmp_path: Path) -> None:
    env = _env(tmp_path)
    entry = [sys.executable, "-m", "skillpath.desktop.main"]
    subprocess.run([*entry, "demo", "--json"], env=env, check=True, capture_output=True)
    started = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(NOT_AT_START)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    lines = started.stdout.splitlines()
    assert lines.index("shell painted") < lines.index("painted")
    name, rows = json.loads(next(x for x in lines if x.startswith("screen "))[len("screen ") :])
    assert name == "TodayScreen" and rows > 0  # the demo's items, on the first screen shown
    loaded = json.loads(next(x for x in lines if x.startswith("loaded "))[len("loaded ") :])
    assert loaded == []


def test_a_broken_shipped_catalog_is_told_and_the_app_quits(
    tmp_path: Path, data_dir: Path, fake_dialogs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skillpath.core import catalog
    from skillpath.core.paths import resources_dir
    from skillpath.desktop.app import run

    resources = tmp_path / "resources"
    shutil.copytree(resources_dir() / "catalog", resources / "catalog")
    roles = resources / "catalog" / "roles.toml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("level = 4", "level = 9", 1))
    monkeypatch.setenv("SKILLPATH_RESOURCES", str(resources))
    monkeypatch.setenv("SKILLPATH_CACHE_DIR", str(tmp_path / "cache"))
    catalog._shipped.cache_clear()
    try:
        assert run(argparse.Namespace(data_dir=str(data_dir))) == 2
    finally:
        catalog._shipped.cache_clear()
    said = fake_dialogs.said("error")
    assert len(said) == 1
    assert said[0].startswith("The catalog shipped with Skillpath is broken: roles.toml")
