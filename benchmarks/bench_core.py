"""Benchmark of the core engine: gap analysis and plan generation, and `skillpath demo --json`.

Run: .venv/bin/python benchmarks/bench_core.py [--runs N]
Targets (issue 2): analysis and plan in-process under 20 ms median each, for the demo and
for the largest role; `skillpath demo --json` as a whole process under 0.6 s. A plan that
misses its target date also works out the narrower plan that fits (several drafts): under
50 ms for the demo at 8 and 15 h a week with a target 18 months out, and for the largest
role from an empty profile.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_ms, report

from skillpath.core.catalog import shipped_catalog
from skillpath.core.demo import DEMO_ROLE, demo_profile
from skillpath.core.gap import analyze
from skillpath.core.models import Profile
from skillpath.core.planner import PlanOptions, build_plan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--process-runs", type=int, default=15)
    args = parser.parse_args()

    catalog = shipped_catalog()
    options = PlanOptions(start=dt.date(2026, 12, 1))
    demo = demo_profile()
    demo_role = catalog.role(DEMO_ROLE)
    largest = max(catalog.roles.values(), key=lambda r: len(r.required))
    empty = Profile(name="Empty")
    print(f"largest role: {largest.id} ({len(largest.required)} required skills), empty profile")

    close = dt.date(2026, 12, 1) + dt.timedelta(days=548)

    def missed(hours: float) -> PlanOptions:
        return PlanOptions(start=dt.date(2026, 12, 1), hours_per_week=hours, target=close)

    rows = [
        ("analysis, demo", median_ms(lambda: analyze(demo, demo_role, catalog), args.runs), 20),
        (
            "plan, demo",
            median_ms(lambda: build_plan(demo, demo_role, catalog, options), args.runs),
            20,
        ),
        (
            f"analysis, {largest.id}",
            median_ms(lambda: analyze(empty, largest, catalog), args.runs),
            20,
        ),
        (
            f"plan, {largest.id}",
            median_ms(lambda: build_plan(empty, largest, catalog, options), args.runs),
            20,
        ),
        (
            "plan, demo, target missed (8 h a week)",
            median_ms(lambda: build_plan(demo, demo_role, catalog, missed(8)), args.runs),
            50,
        ),
        (
            "plan, demo, target missed (15 h a week)",
            median_ms(lambda: build_plan(demo, demo_role, catalog, missed(15)), args.runs),
            50,
        ),
        (
            f"plan, {largest.id}, target missed (15 h a week)",
            median_ms(lambda: build_plan(empty, largest, catalog, missed(15)), args.runs),
            50,
        ),
    ]
    exe = Path(sys.executable).with_name("skillpath")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "skillpath.core.cli"]
    env = {**os.environ}

    def run_demo() -> None:
        subprocess.run(
            [*command, "demo", "--json", "--start", "2026-12-01"],
            env=env,
            stdout=subprocess.DEVNULL,
            check=True,
        )

    rows.append(
        ("skillpath demo --json (process)", median_ms(run_demo, args.process_runs, warmup=1), 600)
    )
    return 0 if report(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
