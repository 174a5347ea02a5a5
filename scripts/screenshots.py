"""Screenshots of every screen, light and dark, from the real window (for looking, not testing).

Run under a virtual screen:
    xvfb-run -s "-screen 0 1280x860x24" .venv/bin/python scripts/screenshots.py OUT_DIR
It opens the demo in a temporary data folder and saves OUT_DIR/<theme>-<screen>.png.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from skillpath.core.catalog import shipped_catalog
from skillpath.desktop import dialogs, theme
from skillpath.desktop.app import make_app
from skillpath.desktop.settings import Settings
from skillpath.desktop.window import MainWindow


class _Quiet(dialogs.Dialogs):
    def confirm(self, parent: object, title: str, text: str) -> bool:  # type: ignore[override]
        return True

    def info(self, parent: object, title: str, text: str) -> None:  # type: ignore[override]
        print("info:", text)

    def error(self, parent: object, title: str, text: str) -> None:  # type: ignore[override]
        print("error:", text)


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = make_app()
    dialogs.use(_Quiet())
    for name in ("light", "dark"):
        folder = Path(tempfile.mkdtemp(prefix="skillpath-shots-"))
        settings = Settings(folder)
        settings.theme = name
        theme.apply(app, name)
        window = MainWindow(folder, shipped_catalog(), settings, today=dt.date(2026, 11, 26))
        window.resize(1280, 820)
        window.show()
        window.start()
        wait(700)
        window.grab().save(str(out / f"{name}-welcome.png"))
        window.open_demo()
        while window.ops.busy:
            wait(100)
        for key in ("dashboard", "roadmap", "gaps", "roles", "profile", "reports", "settings"):
            window.go(key)
            if key == "roadmap":
                item = next(i for i in window.state.status.items if i.status == "in progress")
                window.roadmap.select(item.key)
            wait(500)
            window.grab().save(str(out / f"{name}-{key}.png"))
        window.close()
        wait(200)
    print(f"saved to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
