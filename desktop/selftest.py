"""`skillpath --self-test`: prove a build works on this machine, with no display and no Python.

It opens the main window offscreen on a temporary data folder, opens the demo through the
window's own action, writes the executive summary and the progress report as PDF into a
temporary folder and reads them back. One line per check; exit status 0 when every check
passed, 1 with a one-line message on the first failure. Nothing outside the temporary
folders is touched, so it is safe to run on a person's machine.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from skillpath.core.errors import SkillpathError

WAIT_S = 60.0  # a slow CI machine opens the demo in about a second; a hang is a failure
NAME = "Santana Mena"  # the demo person, whose name every report carries


class SelfTestError(Exception):
    """A check failed; the message says which and why."""


def _check(what: str, ok: bool, why: str = "") -> None:
    if not ok:
        raise SelfTestError(f"{what}: {why}" if why else what)
    print(f"ok    {what}", flush=True)


def _wait(app: Any, until: Callable[[], bool], what: str, errors: list[str]) -> None:
    """Run the event loop until `until()` holds; fail on a timeout or a dialog's error."""
    deadline = time.monotonic() + WAIT_S
    while not until():
        if errors:
            raise SelfTestError(f"{what}: {errors[0]}")
        if time.monotonic() > deadline:
            raise SelfTestError(f"{what}: no answer after {WAIT_S:.0f} s")
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()
    if errors:
        raise SelfTestError(f"{what}: {errors[0]}")


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader

    if not path.is_file() or path.stat().st_size == 0:
        raise SelfTestError(f"{path.name} was not written")
    if not path.read_bytes().startswith(b"%PDF"):
        raise SelfTestError(f"{path.name} does not start with %PDF")
    reader = PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _run(work: Path) -> None:
    # Before Qt loads: draw offscreen, and keep Qt's own files out of the person's home.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    os.environ["SKILLPATH_CACHE_DIR"] = str(work / "cache" / "skillpath")

    from skillpath.core import __version__
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.paths import resources_dir
    from skillpath.desktop import dialogs
    from skillpath.desktop.app import make_app
    from skillpath.desktop.settings import Settings
    from skillpath.desktop.window import MainWindow

    errors: list[str] = []

    class Quiet(dialogs.Scripted):
        """Answers at once: nobody is there to close a dialog."""

        def error(
            self, parent: Any, title: str, text: str, done: Callable[[], None] | None = None
        ) -> None:
            errors.append(" ".join(text.split()))
            super().error(parent, title, text, done)

    previous = dialogs.use(Quiet())
    window: MainWindow | None = None
    try:
        print(f"Skillpath {__version__} self-test, resources in {resources_dir()}", flush=True)
        from importlib.metadata import PackageNotFoundError, version

        try:
            packaged = version("skillpath")
        except PackageNotFoundError:
            packaged = "missing"
        _check(
            f"version {__version__}, the same as the packaged metadata",
            packaged == __version__,
            f"the packaged metadata says {packaged}",
        )
        app = make_app()
        catalog = shipped_catalog()
        _check(
            f"catalog: {len(catalog.roles)} roles, {len(catalog.skills)} skills",
            bool(catalog.roles) and bool(catalog.skills),
            "the catalog is empty",
        )
        folder = work / "data"
        folder.mkdir()
        window = MainWindow(folder, catalog, Settings(folder))

        def crashed(trace: str) -> None:
            # The window shows a bug as a dialog naming a log in the temporary folder, which
            # goes away: print the traceback and put its last line first.
            sys.stderr.write(trace)
            lines = trace.strip().splitlines()
            errors.insert(0, lines[-1] if lines else "a bug on the worker thread")

        window.ops.crashed.connect(crashed)
        _exercise(app, window, work, errors)
        window.close()
        app.processEvents()
        _check("window closed", not window.isVisible(), "the window stayed open")
    finally:
        if window is not None and window.isVisible():
            window.close()  # stops the worker thread, which must not outlive the app
        dialogs.use(previous)


def _exercise(app: Any, window: Any, work: Path, errors: list[str]) -> None:
    """Show the window, open the demo through it, write both reports and read them back."""
    from skillpath.core.exports import write_report
    from skillpath.core.session import Session

    window.show()
    window.start()
    _wait(app, lambda: window.view is not None and not window.ops.busy, "start", errors)
    handle = window.windowHandle()
    _check(
        f"main window shown ({app.platformName()})",
        window.isVisible() and handle is not None and handle.isExposed(),
        "the window did not show",
    )
    _check(
        "window icon",
        handle is not None and not handle.icon().pixmap(64, 64).isNull(),
        "the app icon did not load (is the SVG image plugin in the bundle?)",
    )
    shot = window.grab().toImage()
    colours = {
        shot.pixel(x, y) for x in range(0, shot.width(), 7) for y in range(0, shot.height(), 7)
    }
    _check("window painted", len(colours) > 2, "the window is blank")

    from skillpath.desktop.operations.profiles import open_demo

    open_demo(window.ctx)
    _wait(app, lambda: not window.ops.busy, "open the demo", errors)
    profile = window.view.profile if window.view is not None else None
    _check(
        "demo opened",
        profile is not None and profile.name == NAME,
        f"the window shows {profile.name if profile else 'no profile'}",
    )

    out = work / "reports"
    out.mkdir()
    written: list[Path] = []
    pid = window.state.profile_id

    def job(s: Session) -> list[Path]:
        return [
            write_report(s, pid, kind, "pdf", "a4", out / f"{kind}.pdf", False)
            for kind in ("summary", "progress")
        ]

    window.ops.read(job, written.extend)  # through the worker, which owns the database
    _wait(app, lambda: bool(written) and not window.ops.busy, "write the reports", errors)
    for path, title in zip(written, ("executive summary", "progress report"), strict=True):
        text = _read_pdf(path)
        _check(
            f"{title} PDF ({path.stat().st_size // 1024} KB) names {NAME}",
            NAME in text,
            f"{NAME} not found in {path.name}",
        )


def main() -> int:
    """Run every check; returns the exit status (0 all passed, 1 one failed)."""
    with tempfile.TemporaryDirectory(prefix="skillpath-selftest-") as tmp:
        try:
            _run(Path(tmp))
        except (SelfTestError, SkillpathError) as exc:  # said in plain words already
            print(f"self-test failed: {exc}", file=sys.stderr, flush=True)
            return 1
        except Exception as exc:  # a bug or a missing piece of the bundle: say which, briefly
            traceback.print_exc()
            print(f"self-test failed: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
            return 1
    print("self-test passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
