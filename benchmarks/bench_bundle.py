"""Benchmark of the desktop bundle (issue 7): its size, and how fast it starts compared with
running from source, both measured in this run.

Run: .venv/bin/python benchmarks/bench_bundle.py [--runs N] [--bundle DIR] [--build]
(offscreen by default; set QT_QPA_PLATFORM=xcb under an X server to measure a real one).
It measures the bundle in dist/skillpath/ and builds nothing unless given --build, which
runs `pyinstaller build.spec` first (pip install -e ".[build]" for that).

Targets:
- the one-folder bundle under 160 MB (10^6 bytes; the MiB that `du -h` shows are printed
  too);
- start to painted window within 1.3 x running from source: the time from starting the
  process to its "painted" line (desktop/window.py prints it, with SKILLPATH_EXIT_AFTER_PAINT
  set, once the first screen is painted), on a data folder holding the demo profile;
  medians of N runs each, after one warm-up run each, bundle and source taking turns.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE_TARGET_MB = 160.0
START_TARGET_RATIO = 1.3
MARKER = "painted"


def folder_bytes(folder: Path) -> int:
    """The size of every file under `folder` (symbolic links counted as links)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def time_to_paint(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from starting `cmd` to its marker line; the process is then waited for."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    painted = None
    for line in proc.stdout:
        if line.strip() == MARKER:
            painted = time.perf_counter() - t0
            break
    _, err = proc.communicate(timeout=60)
    if painted is None:
        raise SystemExit(f"{cmd[0]} did not paint (exit {proc.returncode}): {err.strip()[-400:]}")
    return painted


def source_command() -> list[str]:
    exe = Path(sys.executable).with_name("skillpath")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "skillpath.desktop.main"]


def build() -> None:
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    if pyinstaller is None:
        raise SystemExit('pyinstaller is not installed: pip install -e ".[build]"')
    subprocess.run(
        [pyinstaller, "--noconfirm", "--log-level", "WARN", str(ROOT / "build.spec")],
        cwd=ROOT,
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed starts of each (default 7)")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "skillpath")
    parser.add_argument("--build", action="store_true", help="build the bundle first")
    args = parser.parse_args()
    if args.build:
        build()
    exe = args.bundle / "skillpath"
    if not exe.is_file():
        raise SystemExit(f"no bundle at {args.bundle}: build it (--build, or see README)")

    size = folder_bytes(args.bundle)
    work = Path(tempfile.mkdtemp(prefix="skillpath-bench-bundle-"))
    try:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "SKILLPATH_CACHE_DIR": str(work / "cache-source"),
        }
        # as installed: Python keeps compiled bytecode (some shells here turn that off, which
        # would time the compiler at every start from source, and flatter the bundle)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        data = work / "data"
        subprocess.run(
            [*source_command(), "demo", "--data-dir", str(data)],
            env=env,
            capture_output=True,
            check=True,
        )
        paint = {**env, "SKILLPATH_EXIT_AFTER_PAINT": "1"}
        commands = {
            # each its own catalog cache: the cache keeps one catalog folder at a time
            "source": ([*source_command(), "--data-dir", str(data)], paint),
            "bundle": (
                [str(exe), "--data-dir", str(data)],
                {**paint, "SKILLPATH_CACHE_DIR": str(work / "cache-bundle")},
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for run in range(args.runs + 1):
            for name, (cmd, run_env) in commands.items():
                seconds = time_to_paint(cmd, run_env)
                if run:  # the first run of each warms the disk cache and the catalog cache
                    times[name].append(seconds * 1000)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    source = statistics.median(times["source"])
    bundle = statistics.median(times["bundle"])
    ratio = bundle / source
    mb = size / 1e6
    size_ok = mb < SIZE_TARGET_MB
    start_ok = ratio <= START_TARGET_RATIO
    rows = [
        (
            "one-folder bundle size",
            f"{mb:.1f} MB ({size / 2**20:.1f} MiB)",
            f"target < {SIZE_TARGET_MB:g} MB: {'ok' if size_ok else 'MISSED'}",
        ),
        (f"start to painted window, from source (median of {args.runs})", f"{source:.0f} ms", ""),
        (
            f"start to painted window, bundle (median of {args.runs})",
            f"{bundle:.0f} ms",
            f"{ratio:.2f} x source, target <= {START_TARGET_RATIO:g} x: "
            f"{'ok' if start_ok else 'MISSED'}",
        ),
    ]
    for name, value, verdict in rows:
        print(f"{name:<52} {value:>22}  {verdict}")
    return 0 if size_ok and start_ok else 1


if __name__ == "__main__":
    sys.exit(main())
