"""Benchmark of starting fast (the start-fast issue): each figure as a ratio against a
baseline measured in the same run, because these machines are noisy and a ratio holds
where an absolute time does not.

Run: .venv/bin/python benchmarks/bench_start.py [--runs N] [--skillpath PATH] [--rev REV]
     [--against REV]
(offscreen by default; set QT_QPA_PLATFORM=xcb under an X server to measure a real one).
`--skillpath` measures another install's `skillpath` (say, an older checkout's .venv/bin);
`--rev` a git revision of this repository instead; `--against REV` measures a revision
too, in turns with the rest, so that before and after are taken in the same conditions
(`--against 8bc06e8`: the figures before the start-fast work).

Rows, medians of N runs after a warm-up, the sides of each row taking turns:
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


Run = tuple[list[str], dict[str, str], tuple[str, ...]]  # command, environment, markers


def turns(runs: int, *commands: Run) -> list[list[float]]:
    """For each command, the median seconds to each of its markers (or to its exit), the
    commands run in turns, `runs` times after one warm-up each."""
    for cmd, env, markers in commands:
        time_to(cmd, env, markers)
    times: list[list[list[float]]] = [[] for _ in commands]
    for _ in range(runs):
        for seen, (cmd, env, markers) in zip(times, commands, strict=True):
            seen.append(time_to(cmd, env, markers))
    return [[statistics.median(col) for col in zip(*seen, strict=True)] for seen in times]


def launcher(
    args: argparse.Namespace, rev: str | None, python: str, env: dict[str, str], folder: Path
) -> tuple[list[str], dict[str, str]]:
    """The `skillpath` command to measure, and its environment: the install's, or a git
    revision's (extracted into `folder`, run with this environment's packages)."""
    if rev is None:
        return [str(args.skillpath)], dict(env)
    from same_output import extract

    return [python, "-m", "skillpath.desktop.main"], dict(env, PYTHONPATH=str(extract(rev, folder)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--skillpath", type=Path, default=Path(sys.executable).with_name("skillpath")
    )
    parser.add_argument(
        "--rev",
        metavar="REV",
        help="measure this git revision of the repository instead of the install (extracted "
        "to a temporary folder, run as `python -m skillpath.desktop.main` with this "
        "environment's packages)",
    )
    parser.add_argument(
        "--against",
        metavar="REV",
        help="also measure this git revision, in turns with the rest (the figures before a "
        "change, taken in the same conditions: `--against 8bc06e8`)",
    )
    args = parser.parse_args()
    python = str(args.skillpath.with_name("python"))
    with tempfile.TemporaryDirectory(prefix="skillpath-bench-") as tmp:
        env = dict(os.environ)
        # as installed: Python keeps compiled bytecode (some shells here turn that off, which
        # would time the compiler at every run instead of the program)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["HOME"] = tmp
        env["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        sides = [("this", args.rev)] + ([("before", args.against)] if args.against else [])
        measured = []  # (name, command, environment, says "shell painted")
        for name, rev in sides:
            cmd, sp_env = launcher(args, rev, python, env, Path(tmp) / name / "rev")
            sp_env["SKILLPATH_DATA_DIR"] = str(Path(tmp) / name / "data")
            sp_env["SKILLPATH_CACHE_DIR"] = str(Path(tmp) / name / "cache")
            subprocess.run([*cmd, "demo", "--json"], env=sp_env, check=True, capture_output=True)
            # the app paints its window first ("shell painted"), then the first screen with
            # the demo's items on it ("painted"): the target is compared with the second (a
            # revision from before the window painted first says only "painted")
            paint_env = dict(sp_env, SKILLPATH_EXIT_AFTER_PAINT="1")
            first = subprocess.run(cmd, env=paint_env, capture_output=True, text=True, timeout=120)
            measured.append((name, cmd, sp_env, "shell painted" in first.stdout.splitlines()))

        rows: list[tuple[str, list[float], float, str]] = []
        bare: Run = ([python, "-c", BARE], env, ("painted",))
        apps: list[Run] = [
            (cmd, dict(sp_env, SKILLPATH_EXIT_AFTER_PAINT="1"),
             ("shell painted", "painted") if shell else ("painted",))
            for _, cmd, sp_env, shell in measured
        ]  # fmt: skip
        *app_times, (bare_time,) = turns(args.runs, *apps, bare)
        if measured[0][3]:
            shells = [
                t[0] if says else float("nan")
                for t, (*_, says) in zip(app_times, measured, strict=True)
            ]
            rows.append(("start to the window painted (no data yet)", shells, bare_time,
                         "bare PySide6 window"))  # fmt: skip
        rows.append(("start to first screen painted (data)", [t[-1] for t in app_times],
                     bare_time, "bare PySide6 window"))  # fmt: skip
        nothing: Run = ([python, "-c", "pass"], env, ())
        verbs = (
            ("`skillpath cv FILE --json`", ["cv", str(CV), "--json"]),
            ("`skillpath plan --cv FILE --role ID --json`",
             ["plan", "--cv", str(CV), "--role", ROLE, "--json"]),
            ("`skillpath demo --json`", ["demo", "--json"]),
        )  # fmt: skip
        for label, words in verbs:
            runs = [([*cmd, *words], sp_env, ()) for _, cmd, sp_env, _ in measured]
            *verb_times, (base,) = turns(args.runs, *runs, nothing)
            rows.append((label, [t[0] for t in verb_times], base, "`python -c pass`"))
    width = max(len(r[0]) for r in rows)
    names = [name for name, *_ in measured]
    for label, values, baseline, what in rows:
        figures = "  ".join(
            f"{name} {value * 1000:5.0f} ms {value / baseline:5.2f}x"
            if value == value  # NaN: that side has no such figure
            else f"{name} {'-':>5}         "
            for name, value in zip(names, values, strict=True)
        )
        print(f"{label:<{width}}  {figures}  (median; {baseline * 1000:.0f} ms for {what})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
