"""Fixtures for the desktop app: a window on a temporary data folder, under a real X server
when there is one (pytest-xvfb starts Xvfb when it is installed), offscreen otherwise.

Every test here is marked `gui` (so `pytest -m "not gui"` runs the core alone); a Qt
warning fails a test (pyproject's qt_log_level_fail), and so does a crash log written
while it ran.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

# Qt is imported inside the fixtures: with -m "not gui" nothing here loads it
TODAY = dt.date(2026, 11, 26)
GUI = Path(__file__).resolve().parent
W = TypeVar("W")


def _gui_left_out(config: pytest.Config) -> bool:
    words = " ".join(str(config.getoption("markexpr", "") or "").split())
    return "not gui" in words


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With -m "not gui" the GUI test modules are not even imported (no Qt needed)."""
    if collection_path.suffix == ".py" and collection_path.parent == GUI:
        return True if _gui_left_out(config) and collection_path.name != "conftest.py" else None
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if GUI in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def qapp_args(request: pytest.FixtureRequest) -> list[str]:
    """The X server pytest-xvfb started, when it did (falling back to offscreen if the xcb
    plugin cannot load); offscreen otherwise. No test depends on Xvfb being installed."""
    try:
        xvfb = request.getfixturevalue("xvfb")
    except pytest.FixtureLookupError:  # pytest-xvfb is not installed
        xvfb = None
    if xvfb is not None and os.environ.get("DISPLAY"):
        return [sys.argv[0], "-platform", "xcb;offscreen"]
    return [sys.argv[0], "-platform", "offscreen"]


def real_display() -> bool:
    """Whether the tests draw on an X server (Xvfb) rather than offscreen."""
    from PySide6.QtWidgets import QApplication

    return QApplication.platformName() == "xcb"


@pytest.fixture
def fake_dialogs() -> Iterator[Any]:
    """Message boxes and file dialogs that answer at once, for flows whose dialogs have their
    own test in test_dialogs.py."""
    from skillpath.desktop import dialogs

    fake = dialogs.Scripted()
    previous = dialogs.use(fake)
    yield fake
    dialogs.use(previous)


@pytest.fixture
def real_dialogs() -> Iterator[None]:
    """The app's own message boxes and file dialogs, opened for real."""
    from skillpath.desktop import dialogs

    previous = dialogs.use(dialogs.Dialogs())
    yield
    dialogs.use(previous)


@pytest.fixture(autouse=True)
def _no_crash_log(data_dir: Path) -> Iterator[None]:
    """A crash log written during a GUI test fails it (a test that provokes one on purpose
    removes it once it has checked it)."""
    yield
    logs = sorted((data_dir / "logs").glob("crash-*.txt"))
    assert not logs, "a crash was logged:\n" + "\n".join(p.read_text() for p in logs)


def _make_window(qtbot: Any, data_dir: Path) -> Callable[..., Any]:
    from skillpath.core.catalog import shipped_catalog
    from skillpath.desktop.settings import Settings
    from skillpath.desktop.window import MainWindow

    data_dir.mkdir(parents=True, exist_ok=True)

    def make(start: bool = True, size: tuple[int, int] | None = None) -> MainWindow:
        window = MainWindow(data_dir, shipped_catalog(), Settings(data_dir), today=TODAY)
        qtbot.addWidget(window)
        if size is not None:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        if start:
            window.start()
            settle(qtbot, window)
        return window

    return make


@pytest.fixture
def make_window(qtbot: Any, data_dir: Path, fake_dialogs: Any) -> Any:
    """Build (and start) a main window on the test's data folder, with answering dialogs."""
    return _make_window(qtbot, data_dir)


@pytest.fixture
def make_real_window(qtbot: Any, data_dir: Path, real_dialogs: None) -> Any:
    """The same, with every message box and file dialog real."""
    return _make_window(qtbot, data_dir)


def settle(qtbot: Any, window: Any, timeout: int = 15000) -> None:
    """Wait until every job the window started has come back."""
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=timeout)
    qtbot.wait(10)


def open_demo(qtbot: Any, window: Any) -> None:
    from PySide6.QtCore import Qt

    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)


def wait_dialog(qtbot: Any, kind: type[W], timeout: int = 5000) -> W:
    """The modal dialog of this kind the app has just opened."""
    from PySide6.QtWidgets import QApplication

    found: list[Any] = []

    def shown() -> bool:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            found.append(widget)
            return True
        return False

    qtbot.waitUntil(shown, timeout=timeout)
    dialog: Any = found[-1]
    qtbot.waitExposed(dialog)
    # a window manager gives a new dialog the focus; Xvfb has none, so do what it would
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=timeout)
    return dialog  # type: ignore[no-any-return]


def first_open(window: Any) -> str:
    return next(i.key for i in window.view.items if i.is_open)
