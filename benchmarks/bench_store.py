"""Benchmarks of the store: tick, `status` of 5,000 deliverables, export, import, backup, check.

Run: .venv/bin/python benchmarks/bench_store.py [--rounds N]
Targets (issue #3): tick < 2 ms median in-process; status of 5,000 deliverables < 50 ms;
export and import of that profile < 1 s each. A backup of that database < 1 s and `check`
of every row < 2 s (the store's own: both run while the person waits).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _plans import big_plan

from skillpath.core import queries
from skillpath.core.actions import planning, tracking
from skillpath.core.actions.demo import open_demo
from skillpath.core.actions.transfer import export_profile, import_profile
from skillpath.core.catalog import shipped_catalog
from skillpath.core.db.store import Store
from skillpath.core.demo import demo_profile
from skillpath.core.progress import status_json
from skillpath.core.session import Session
from skillpath.core.transfer import read_export

TODAY = dt.date(2026, 6, 1)
COUNT = 5000


def timed(fn: Callable[[], object], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def report(name: str, samples: list[float], target: float) -> None:
    med = statistics.median(samples)
    verdict = "ok" if med < target else "SLOW"
    print(f"{name:<44} median {med:8.2f} ms  (p90 {sorted(samples)[int(len(samples) * 0.9)]:8.2f},"
          f" n={len(samples)}, target < {target:g} ms) {verdict}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200, help="ticks to time (default 200)")
    args = parser.parse_args()
    catalog = shipped_catalog()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        with Store.open(folder, daily_backup=False) as store:
            s = Session(store, catalog, day=TODAY)
            demo = open_demo(s).profile_id
            assert demo is not None
            open_keys = [
                r[0] for r in store.conn.execute(
                    "SELECT key FROM deliverables WHERE status != 'done' ORDER BY id"
                )
            ]  # fmt: skip
            samples = []
            for i in range(args.rounds):
                key = open_keys[i % len(open_keys)]
                t0 = time.perf_counter()
                if i // len(open_keys) % 2 == 0:
                    tracking.tick(s, demo, key)
                else:
                    tracking.untick(s, demo, key)
                samples.append((time.perf_counter() - t0) * 1000)
            report("tick, demo profile (35 deliverables)", samples, 2)

            profile = demo_profile().model_copy(update={"name": "Big"})
            big = planning.create_profile(s, profile, big_plan(catalog, TODAY, COUNT)).profile_id
            assert big is not None
            for n in range(0, COUNT, 3):  # some history: hours, notes, done items
                tracking.log_hours(s, big, f"item-{n}", 2, on=TODAY - dt.timedelta(days=n % 60))
            for n in range(0, COUNT // 2, 7):
                tracking.add_note(s, big, f"item-{n}", "a note " * 10)
            keys = [f"item-{n}" for n in range(1, COUNT, 2)]
            samples = []
            for i in range(args.rounds):
                t0 = time.perf_counter()
                tracking.tick(s, big, keys[i], on=TODAY)
                samples.append((time.perf_counter() - t0) * 1000)
            report(f"tick, {COUNT:,} deliverables", samples, 2)
            report(
                f"status + JSON, {COUNT:,} deliverables",
                timed(lambda: status_json(queries.progress(s, big), "Big"), 30),
                50,
            )
            out = Path(tmp) / "big.json"
            report(
                f"export, {COUNT:,} deliverables",
                timed(lambda: export_profile(s, big, out, force=True), 5),
                1000,
            )

            def do_import() -> None:
                doc = read_export(out, catalog)
                import_profile(s, doc, replace=True)

            report(f"import, {COUNT:,} deliverables ({out.stat().st_size / 1e6:.1f} MB)",
                   timed(do_import, 5), 1000)  # fmt: skip
            size = store.path.stat().st_size / 1e6
            report(f"backup, {COUNT:,} deliverables ({size:.1f} MB file)",
                   timed(store.backup, 5), 1000)  # fmt: skip
            report(f"check (every row), {COUNT:,} deliverables",
                   timed(store.check, 5), 2000)  # fmt: skip
        cli = [sys.executable, "-m", "skillpath.core.cli", "--data-dir", str(folder),
               "status", "--json", "--profile", "Big"]  # fmt: skip
        report(
            f"`skillpath status --json`, {COUNT:,} (process)",
            timed(lambda: subprocess.run(cli, check=True, capture_output=True), 5),
            1000,
        )


if __name__ == "__main__":
    main()
