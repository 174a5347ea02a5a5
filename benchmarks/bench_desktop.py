"""Benchmark of the desktop app (issue 6).

Run: .venv/bin/python benchmarks/bench_desktop.py [--runs N]
(offscreen by default; set QT_QPA_PLATFORM=xcb under Xvfb to measure a real X server)

Targets:
- process start to the first screen (Today) painted with the demo profile: under 1.5 x a bare
  PySide6 window's start, both measured in this run;
- ticking a deliverable repaints and commits in under 50 ms;
- a plan of 5,000 deliverables opens and scrolls with no visible stall (no frame over
  100 ms), in under 200 MB of memory (peak resident set).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BIG_TODAY = dt.date(2026, 6, 1)
COUNT = 5000

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1200, 780); w.show()
w.repaint(); print("painted", flush=True)
QTimer.singleShot(0, app.quit); app.exec()
"""


def _process_ms(cmd: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        elapsed = (time.perf_counter() - t0) * 1000
        if "painted" not in done.stdout:
            raise SystemExit(f"{cmd[0]} did not paint: {done.stderr.strip()[-400:]}")
        times.append(elapsed)
    return statistics.median(times[1:])  # the first run warms the disk cache


def startup(runs: int) -> tuple[float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    bare = _process_ms([sys.executable, "-c", BARE], env, runs)
    folder = tempfile.mkdtemp(prefix="skillpath-bench-")
    exe = Path(sys.executable).with_name("skillpath")
    base = [str(exe)] if exe.exists() else [sys.executable, "-m", "skillpath.desktop.main"]
    subprocess.run([*base, "demo", "--data-dir", folder], env=env, capture_output=True, check=True)
    app_env = {**env, "SKILLPATH_EXIT_AFTER_PAINT": "1"}
    app = _process_ms([*base, "--data-dir", folder], app_env, runs)
    return bare, app


def in_process(runs: int) -> tuple[float, float, float, float]:
    """Tick latency (median ms), 5,000-row open (ms), worst scroll frame (ms), peak RSS (MB)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from _plans import big_plan
    from PySide6.QtWidgets import QApplication

    from skillpath.core.actions.planning import create_profile
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.db.store import Store
    from skillpath.core.demo import demo_profile
    from skillpath.core.session import APP, Session
    from skillpath.desktop import dialogs
    from skillpath.desktop.app import make_app
    from skillpath.desktop.operations import profiles as profile_ops
    from skillpath.desktop.operations import tracking as tracking_ops
    from skillpath.desktop.settings import Settings
    from skillpath.desktop.window import MainWindow

    dialogs.use(dialogs.Scripted())
    app = make_app()
    catalog = shipped_catalog()

    def wait_idle(window: MainWindow) -> None:
        while window.ops.busy:
            app.processEvents()
            time.sleep(0.0005)
        app.processEvents()

    # tick on the demo, in the roadmap (the hours are given, as the dialog would)
    folder = Path(tempfile.mkdtemp(prefix="skillpath-bench-"))
    window = MainWindow(folder, catalog, Settings(folder), today=dt.date(2026, 11, 26))
    window.resize(1200, 780)
    window.show()
    window.start()
    wait_idle(window)
    profile_ops.open_demo(window.ctx)
    wait_idle(window)
    window.go("roadmap")
    app.processEvents()
    assert window.view is not None
    keys = [i.key for i in window.view.items if i.is_open][: runs + 1]
    ticks = []
    for key in keys:
        t0 = time.perf_counter()
        tracking_ops.tick(window.ctx, key, ask=False)
        wait_idle(window)
        window.roadmap.tree.viewport().repaint()
        ticks.append((time.perf_counter() - t0) * 1000)
    window.close()

    # 5,000 deliverables
    folder = Path(tempfile.mkdtemp(prefix="skillpath-bench-"))
    store = Store.open(folder, daily_backup=False)
    try:
        profile = demo_profile().model_copy(update={"name": "Big plan"})
        session = Session(store, catalog, APP, BIG_TODAY)
        create_profile(session, profile, big_plan(catalog, BIG_TODAY, COUNT))
    finally:
        store.close()
    window = MainWindow(folder, catalog, Settings(folder), today=BIG_TODAY)
    window.resize(1200, 780)
    window.show()
    t0 = time.perf_counter()
    window.start()
    wait_idle(window)
    window.go("roadmap")
    window.roadmap.tree.viewport().repaint()
    opened = (time.perf_counter() - t0) * 1000
    bar = window.roadmap.tree.verticalScrollBar()
    worst = 0.0
    for value in range(0, bar.maximum() + 1, max(1, bar.pageStep())):
        f0 = time.perf_counter()
        bar.setValue(value)
        window.roadmap.tree.viewport().repaint()
        app.processEvents()
        worst = max(worst, (time.perf_counter() - f0) * 1000)
    rows = window.roadmap.model.count()
    window.close()
    QApplication.processEvents()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(5,000-deliverable plan: {rows} rows shown)")
    return statistics.median(ticks[1:]), opened, worst, peak_mb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bare, app = startup(args.runs)
    tick, opened, worst, peak = in_process(max(args.runs, 15))
    ratio = app / bare
    rows = [
        (f"bare PySide6 window start to paint (median of {args.runs})", f"{bare:.0f} ms", ""),
        (
            "Skillpath start to first screen (Today) painted, demo",
            f"{app:.0f} ms",
            f"{ratio:.2f} x bare, target < 1.5 x: {'ok' if ratio < 1.5 else 'MISSED'}",
        ),
        (
            "tick: commit and repaint (median)",
            f"{tick:.1f} ms",
            f"target < 50 ms: {'ok' if tick < 50 else 'MISSED'}",
        ),
        ("5,000 deliverables: open to roadmap painted", f"{opened:.0f} ms", ""),
        (
            "5,000 deliverables: worst scroll frame",
            f"{worst:.1f} ms",
            f"target < 100 ms: {'ok' if worst < 100 else 'MISSED'}",
        ),
        (
            "peak memory (resident)",
            f"{peak:.0f} MB",
            f"target < 200 MB: {'ok' if peak < 200 else 'MISSED'}",
        ),
    ]
    for name, value, verdict in rows:
        print(f"{name:<58} {value:>9}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
