"""Benchmark of starting fast (the start-fast issue): each figure as a ratio against a
baseline measured in the same run, because these machines are noisy and a ratio holds
where an absolute time does not.

Run: .venv/bin/python benchmarks/bench_start.py [--runs N] [--skillpath PATH]
(offscreen by default; set QT_QPA_PLATFORM=xcb under an X server to measure a real one).
`--skillpath` measures another install's `skillpath` (say, an older checkout's .venv/bin).

Rows, medians of N runs after a warm-up, the two sides of each row taking turns:
- the app from start to its first screen painted with its data (the demo's Today items)
  against a bare PySide6 window (a QMainWindow with a label, painted, then quit): target at
  most 1.5x; also, the app from start to its window painted before the data came (the
  "shell"), against the same bare window;
- `skillpath cv FILE --json`, whole process, against `python -c pass`;
- `skillpath plan --cv FILE --role ID --json` (a CV to a gap analysis and a dated plan),
  whole process: target under 0.3 s and under 8x `python -c pass`;
- `skillpath demo --json`, whole process: target under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CV = ROOT / "tests" / "cv" / "files" / "03-ats-plain.txt"
ROLE = "senior-ai-engineer"
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow()
w.setCentralWidget(QLabel("Hello"))
w.resize(1200, 780)
w.show()
app.processEvents()
w.repaint()
print("painted", flush=True)
QTimer.singleShot(0, app.quit)
app.exec()
"""


def time_to(cmd: list[str], env: dict[str, str], markers: tuple[str, ...] = ()) -> list[float]:
    """Seconds from starting `cmd` to each of its `markers` lines (or, without markers, to
    its exit)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    seen: dict[str, float] = {}
    if markers:
        for line in proc.stdout:
            if line.strip() in markers and line.strip() not in seen:
                seen[line.strip()] = time.perf_counter() - t0
                if len(seen) == len(markers):
                    break
    _, err = proc.communicate(timeout=120)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.strip()[-400:]}")
    if not markers:
        return [time.perf_counter() - t0]
    missing = [m for m in markers if m not in seen]
    if missing:
        raise SystemExit(f"{' '.join(cmd)} never printed {missing[0]!r}")
    return [seen[m] for m in markers]


def paired(a: list[str], b: list[str], env: dict[str, str], runs: int,
           markers: tuple[str, ...] = (), b_markers: tuple[str, ...] = ()
           ) -> tuple[list[float], float]:  # fmt: skip
    """Medians of `a` (one per marker) and of `b` (its last marker, or its exit), run in
    turns after one warm-up each."""
    time_to(a, env, markers)
    time_to(b, env, b_markers)
    ta: list[list[float]] = []
    tb: list[float] = []
    for _ in range(runs):
        ta.append(time_to(a, env, markers))
        tb.append(time_to(b, env, b_markers)[-1])
    return [statistics.median(column) for column in zip(*ta, strict=True)], statistics.median(tb)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--skillpath", type=Path, default=Path(sys.executable).with_name("skillpath")
    )
    parser.add_argument(
        "--no-shell",
        dest="shell",
        action="store_false",
        help="an install whose app does not say 'shell painted' (one from before it did)",
    )
    args = parser.parse_args()
    exe = str(args.skillpath)
    python = str(args.skillpath.with_name("python"))
    with tempfile.TemporaryDirectory(prefix="skillpath-bench-") as tmp:
        env = dict(os.environ)
        # as installed: Python keeps compiled bytecode (some shells here turn that off, which
        # would time the compiler at every run instead of the program)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["SKILLPATH_DATA_DIR"] = str(Path(tmp) / "data")
        env["SKILLPATH_CACHE_DIR"] = str(Path(tmp) / "cache")
        env["HOME"] = tmp
        env["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        subprocess.run([exe, "demo", "--json"], env=env, check=True, capture_output=True)
        app_env = dict(env, SKILLPATH_EXIT_AFTER_PAINT="1")
        rows: list[tuple[str, float, float, str]] = []
        # the app paints its window first ("shell painted"), then the first screen with the
        # demo's items on it ("painted"): the target is compared with the second
        app_markers = ("shell painted", "painted") if args.shell else ("painted",)
        bare_cmd = [python, "-c", BARE]
        app, bare = paired([exe], bare_cmd, app_env, args.runs, app_markers, ("painted",))
        if args.shell:
            rows.append(("start to the window painted (no data yet)", app[0], bare, "bare window"))
        rows.append(("start to first screen painted (data)", app[-1], bare, "bare PySide6 window"))
        nothing = [python, "-c", "pass"]
        (cv,), base = paired([exe, "cv", str(CV), "--json"], nothing, env, args.runs)
        rows.append(("`skillpath cv FILE --json`", cv, base, "`python -c pass`"))
        plan_cmd = [exe, "plan", "--cv", str(CV), "--role", ROLE, "--json"]
        try:
            (plan,), base = paired(plan_cmd, nothing, env, args.runs)
            rows.append(
                ("`skillpath plan --cv FILE --role ID --json`", plan, base, "`python -c pass`")
            )
        except SystemExit as exc:
            print(f"plan --cv: not available in this install ({str(exc)[:80]})")
        (demo,), base = paired([exe, "demo", "--json"], nothing, env, args.runs)
        rows.append(("`skillpath demo --json`", demo, base, "`python -c pass`"))
    width = max(len(r[0]) for r in rows)
    for name, value, baseline, what in rows:
        print(
            f"{name:<{width}}  median {value * 1000:7.0f} ms  {baseline * 1000:6.0f} ms for "
            f"{what}  ratio {value / baseline:5.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
