"""Screenshots of every screen and the app's own dialogs, light and dark, at 800x600,
1200x780 and 1920x1080, from the real window (for looking, not testing).

Run:
    .venv/bin/python scripts/screenshots.py OUT_DIR [--scale 2] [--sizes 800x600,1200x780]
It starts its own Xvfb when there is no display and Xvfb is installed (else it draws
offscreen), opens the demo in a temporary data folder and saves
OUT_DIR/<theme>-<width>x<height>[@<scale>x]-<screen>.png.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZES = ((800, 600), (1200, 780), (1920, 1080))


def _display(scale: float) -> None:
    """Use the display there is; else start Xvfb (big enough for 1920x1080 at `scale`)."""
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return
    if shutil.which("Xvfb") is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        print("no display and no Xvfb: drawing offscreen")
        return
    number = 90 + os.getpid() % 100
    w, h = int(1920 * scale) + 200, int(1200 * scale) + 200
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", f"{w}x{h}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    atexit.register(server.terminate)
    time.sleep(1.0)
    os.environ["DISPLAY"] = f":{number}"
    os.environ["QT_QPA_PLATFORM"] = "xcb"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", default="screenshots")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES))
    parser.add_argument("--themes", default="light,dark")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    _display(args.scale)
    if args.scale != 1:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",")]
    tag = "" if args.scale == 1 else f"@{args.scale:g}x"

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from skillpath.core.catalog import shipped_catalog
    from skillpath.desktop import dialogs, theme
    from skillpath.desktop.app import make_app
    from skillpath.desktop.operations import profiles as profile_ops
    from skillpath.desktop.settings import Settings
    from skillpath.desktop.window import SCREENS, MainWindow

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def idle(window: MainWindow) -> None:
        while window.ops.busy:
            wait(50)
        wait(250)

    def save(widget: Any, name: str) -> None:
        picture = widget.grab() if hasattr(widget, "grab") else widget
        picture.save(str(out / f"{name}.png"))

    app = make_app()
    dialogs.use(dialogs.Scripted())
    catalog = shipped_catalog()
    for name in args.themes.split(","):
        folder = Path(tempfile.mkdtemp(prefix="skillpath-shots-"))
        settings = Settings(folder)
        settings.theme = name
        theme.apply(app, name)
        window = MainWindow(folder, catalog, settings, today=dt.date(2026, 11, 26))
        window.resize(*sizes[0])
        window.show()
        window.start()
        idle(window)
        for w, h in sizes:
            window.resize(w, h)
            wait(300)
            save(window, f"{name}-{w}x{h}{tag}-welcome")
        profile_ops.open_demo(window.ctx)
        idle(window)
        for w, h in sizes:
            window.resize(w, h)
            wait(300)
            for key, _ in SCREENS:  # every screen the window has
                window.go(key)
                if key == "roadmap":
                    view = window.view
                    assert view is not None
                    started = next((i for i in view.items if i.status == "in progress"), None)
                    if started is not None:
                        window.roadmap.select(started.key)
                idle(window)
                save(window, f"{name}-{w}x{h}{tag}-{key}")
        _dialogs(window, save, idle, f"{name}-{sizes[0][0]}x{sizes[0][1]}{tag}")
        window.close()
        wait(200)
        shutil.rmtree(folder, ignore_errors=True)
    QApplication.processEvents()
    print(f"saved to {out}")
    return 0


def _dialogs(window: Any, save: Any, idle: Any, prefix: str) -> None:
    """The app's own dialogs, as they open over the window."""
    from PySide6.QtWidgets import QApplication

    from skillpath.desktop.dialogs.deliverable import DeliverableDialog
    from skillpath.desktop.dialogs.hours import HoursSpentDialog

    window.resize(800, 600)
    window.go("roadmap")
    idle(window)
    view = window.view
    item = next(i for i in view.items if i.is_open)
    shown: list[Any] = [
        HoursSpentDialog(window, item),
        DeliverableDialog(window, "Edit deliverable", view.today, item),
    ]
    for dialog in shown:
        dialog.open()
        idle(window)
        save(dialog, f"{prefix}-dialog-{type(dialog).__name__}")
        dialog.reject()
    window.show_shortcuts()
    idle(window)
    page = QApplication.activeModalWidget()
    if page is not None:
        save(page, f"{prefix}-dialog-shortcuts")
        page.close()
    window.go("profile")
    idle(window)
    table = window.profile.table
    index = table.model().index(0, 1)
    table.setCurrentIndex(index)
    table.edit(index)
    idle(window)
    editor = table.focusWidget()
    if editor is not None and hasattr(editor, "showPopup"):
        editor.showPopup()
        idle(window)
        g = window.frameGeometry()
        shot = window.screen().grabWindow(0, g.x(), g.y(), g.width(), g.height())
        save(shot, f"{prefix}-level-picker")
        editor.hidePopup()


if __name__ == "__main__":
    sys.exit(main())
