"""Fixtures for the desktop app: a window on a temporary data folder with dialogs replaced."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from skillpath.desktop import dialogs

TODAY = dt.date(2026, 11, 26)


@dataclass
class FakeDialogs(dialogs.Dialogs):
    """Answers at once and remembers what was asked; a real modal dialog hangs a test."""

    open_path: str | None = None
    save_path: str | None = None
    answer: bool = True
    asked: list[tuple[str, str]] = field(default_factory=list)

    def open_file(self, parent: Any, title: str, filters: str) -> str | None:
        self.asked.append(("open", title))
        return self.open_path

    def save_file(self, parent: Any, title: str, suggested: str, filters: str) -> str | None:
        self.asked.append(("save", suggested))
        return self.save_path

    def confirm(self, parent: Any, title: str, text: str) -> bool:
        self.asked.append(("confirm", text))
        return self.answer

    def info(self, parent: Any, title: str, text: str) -> None:
        self.asked.append(("info", text))

    def error(self, parent: Any, title: str, text: str) -> None:
        self.asked.append(("error", text))

    def said(self, kind: str) -> list[str]:
        return [text for k, text in self.asked if k == kind]


@pytest.fixture
def fake_dialogs() -> Iterator[FakeDialogs]:
    fake = FakeDialogs()
    previous = dialogs.use(fake)
    yield fake
    dialogs.use(previous)


@pytest.fixture
def make_window(qtbot: Any, data_dir: Path, fake_dialogs: FakeDialogs) -> Any:
    """Build (and start) a main window on the test's data folder; closed at the end."""
    from skillpath.core.catalog import shipped_catalog
    from skillpath.desktop.settings import Settings
    from skillpath.desktop.window import MainWindow

    data_dir.mkdir(parents=True, exist_ok=True)
    made: list[MainWindow] = []

    def make(start: bool = True) -> MainWindow:
        window = MainWindow(data_dir, shipped_catalog(), Settings(data_dir), today=TODAY)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        if start:
            window.start()
            settle(qtbot, window)
        return window

    yield make
    for window in made:
        if window.isVisible():
            window.close()


def settle(qtbot: Any, window: Any, timeout: int = 15000) -> None:
    """Wait until every job the window started has come back."""
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=timeout)
    qtbot.wait(10)
