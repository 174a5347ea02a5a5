"""Start the desktop app: Qt, the theme, one instance per data folder, the crash handler."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEventLoop, QLockFile, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from skillpath.core import APP_NAME, __version__
from skillpath.core.paths import data_dir, resources_dir
from skillpath.desktop import dialogs, theme
from skillpath.desktop.settings import Settings
from skillpath.desktop.worker import log_crash


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with the app's names and icon."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if getattr(sys, "frozen", False) and os.environ.get("QT_QPA_PLATFORM") == "wayland":
        # the bundle carries no Wayland plugin (see build.spec): fall back to XWayland
        os.environ["QT_QPA_PLATFORM"] = "wayland;xcb"
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("skillpath")
    icon = resources_dir() / "icons" / "skillpath.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def install_crash_handler(folder: Path) -> None:
    """Uncaught exceptions: write the traceback to the data folder, tell the person where."""

    def handler(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        trace = "".join(traceback.format_exception(kind, value, tb))
        sys.stderr.write(trace)
        try:
            where = str(log_crash(folder, trace))
        except OSError:
            where = "(the log could not be written)"
        dialogs.current().error(
            None,
            APP_NAME,
            "Something went wrong inside Skillpath. Your data is safe; the last change may "
            f"not have been saved. The details are in {where}.",
        )

    sys.excepthook = handler


def tell(text: str, *, problem: bool = True) -> None:
    """Say something before the window exists, and wait until the person has read it (the
    box is opened, not exec'd; an event loop runs until it is closed)."""
    closed: list[bool] = []
    loop = QEventLoop()

    def done() -> None:
        closed.append(True)
        loop.quit()

    say = dialogs.current().error if problem else dialogs.current().info
    say(None, APP_NAME, text, done)
    if not closed:
        loop.exec()


def run(args: argparse.Namespace) -> int:
    """Run the app until its window closes; returns the exit status."""
    folder = data_dir(getattr(args, "data_dir", None))
    app = make_app()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        tell(f"Skillpath cannot use its data folder {folder}: {exc.strerror}.")
        return 2
    # one window per data folder (not the folder lock of core/db/lock.py, which every
    # writer takes briefly, the command line included)
    lock = QLockFile(str(folder / "skillpath-window.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(200):
        tell(
            f"Skillpath is already open with the data folder {folder}. "
            "Switch to that window instead.",
            problem=False,
        )
        return 0
    settings = Settings(folder)
    theme.apply(app, settings.theme)
    install_crash_handler(folder)
    from skillpath.desktop.window import MainWindow

    # The window paints at once, before the data: the worker then loads the catalog, opens
    # the store and reads the first screen's data (desktop/operations/__init__.py); the core
    # was imported before Qt (desktop/main.py).
    window = MainWindow(folder, None, settings)

    def broken(message: str) -> None:
        window.hide()
        tell(message)
        app.exit(2)

    window.catalog_broken = broken

    def started() -> None:
        # the first screen is shown (or the store was refused): the collector back on, the
        # objects made while starting kept out of its scans (desktop/main.py turned it off)
        window.ops.worker.idle.disconnect(started)
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    window.ops.worker.idle.connect(started)
    window.show()
    # The window painted first; then the worker starts on the data (the UI thread is idle
    # meanwhile: two threads running Python at once would slow each other down).
    app.processEvents()
    window.repaint()
    if os.environ.get("SKILLPATH_EXIT_AFTER_PAINT"):
        # benchmarks: the window painted before its data came (the data's paint says
        # "painted", desktop/window.py)
        print("shell painted", flush=True)
    window.start()
    status = app.exec()
    window.ops.shutdown()  # when the app quit without closing the window (a benchmark)
    lock.unlock()
    return int(status)
