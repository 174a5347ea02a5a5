"""Benchmark of the reports: the executive summary (PDF and Markdown) of the demo, and the
progress report of a stored plan of 1,000 deliverables with half of them done.

Also the summary at six phases (the most the planner makes) and of the demo as `skillpath
demo` stores it (read from the store, with its progress).

Run: .venv/bin/python benchmarks/bench_report.py [--runs N]
Targets (issue 5): executive summary under 500 ms; progress report for 1,000 deliverables
under 3,000 ms (median, in-process, after a warm-up that loads the fonts; reading the
store is included, building the store is not).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_ms, report

from skillpath.core.actions import planning, tracking
from skillpath.core.actions.demo import open_demo
from skillpath.core.catalog import Catalog, shipped_catalog
from skillpath.core.db import undo
from skillpath.core.db.store import Store
from skillpath.core.demo import DEMO_ROLE, demo_profile
from skillpath.core.models import Deliverable, Phase, Plan
from skillpath.core.planner import PlanOptions, build_plan
from skillpath.core.report_load import load_progress, load_summary, plan_summary
from skillpath.core.report_md import summary_markdown
from skillpath.core.report_pdf_progress import progress_pdf
from skillpath.core.report_pdf_summary import summary_pdf
from skillpath.core.report_progress import build_progress
from skillpath.core.session import Session

START = dt.date(2026, 1, 5)
COUNT = 1000


def big_plan(catalog: Catalog) -> Plan:
    """The demo plan's deliverables repeated to COUNT, in six phases, dated one after another."""
    profile = demo_profile()
    base = build_plan(profile, catalog.role(DEMO_ROLE), catalog, PlanOptions(start=START))
    pool = [d for p in base.phases for d in p.deliverables]
    per_phase = COUNT // 6 + 1
    phases: list[Phase] = []
    day = START
    made = 0
    for number in range(6):
        items: list[Deliverable] = []
        while len(items) < per_phase and made < COUNT:
            src = pool[made % len(pool)]
            due = day + dt.timedelta(days=3)
            items.append(
                src.model_copy(update={"id": f"{src.id}-{made}", "start": day, "due": due,
                                       "hours": 3, "targets": {}})
            )  # fmt: skip
            day = due
            made += 1
        phases.append(
            Phase(title=f"Phase {number + 1}", skills=[], hours=sum(d.hours for d in items),
                  start=items[0].start, due=items[-1].due, deliverables=items)
        )  # fmt: skip
    return base.model_copy(update={"phases": phases, "finish": day, "total_hours": 3 * COUNT})


def build_store(folder: Path, catalog: Catalog) -> tuple[int, dt.date]:
    plan = big_plan(catalog)
    today = START + dt.timedelta(days=3 * COUNT // 2)
    with Store.open(folder, daily_backup=False, synchronous="NORMAL") as store:
        s = Session(store, catalog, day=START)
        pid = planning.create_profile(s, demo_profile(), plan).profile_id
        assert pid is not None
        keys = [d.id for p in plan.phases for d in p.deliverables]
        for n, key in enumerate(keys[: COUNT // 2]):
            s.day = START + dt.timedelta(days=3 * n + 2)
            tracking.log_hours(s, pid, key, 2.5, on=s.day)
            tracking.tick(s, pid, key, on=s.day, evidence=f"https://example.org/certificate/{n}",
                          note="Done; notes kept in the repository.")  # fmt: skip
        undo.forget(store, pid)
    return pid, today


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    catalog = shipped_catalog()
    profile = demo_profile()
    role = catalog.role(DEMO_ROLE)

    def summary_pdf_run() -> bytes:
        plan = build_plan(profile, role, catalog, PlanOptions(start=START))
        return summary_pdf(plan_summary(profile, plan, catalog, START), "a4")

    def summary_six_run() -> bytes:
        plan = build_plan(profile, role, catalog, PlanOptions(start=START, phases=6))
        return summary_pdf(plan_summary(profile, plan, catalog, START), "a4")

    def summary_md_run() -> str:
        plan = build_plan(profile, role, catalog, PlanOptions(start=START))
        return summary_markdown(plan_summary(profile, plan, catalog, START))

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pid, today = build_store(folder, catalog)
        demo_folder = folder / "demo"
        demo_today = START + dt.timedelta(days=120)
        with Store.open(demo_folder, daily_backup=False) as store:
            demo_id = open_demo(Session(store, catalog, day=demo_today)).profile_id
        assert demo_id is not None

        def stored_summary_run() -> bytes:
            with Store.open(demo_folder, daily_backup=False) as store:
                summary = load_summary(Session(store, catalog, day=demo_today), demo_id)
            return summary_pdf(summary, "a4")

        def progress_run() -> bytes:
            with Store.open(folder, daily_backup=False) as store:
                data = load_progress(Session(store, catalog, day=today), pid)
            return progress_pdf(build_progress(data, catalog), "a4")

        pages = progress_run().count(b"/Type /Page\n")
        print(f"progress report: {COUNT} deliverables, {COUNT // 2} done, about {pages} pages")
        progress_runs = max(3, args.runs // 3)
        rows = [
            ("executive summary, PDF (demo)", median_ms(summary_pdf_run, args.runs), 500),
            (
                "executive summary, PDF (demo, six phases)",
                median_ms(summary_six_run, args.runs),
                500,
            ),
            ("executive summary, PDF (stored demo)", median_ms(stored_summary_run, args.runs), 500),
            ("executive summary, Markdown (demo)", median_ms(summary_md_run, args.runs), 500),
            (
                f"progress report, PDF ({COUNT} deliverables)",
                median_ms(progress_run, progress_runs, warmup=1),
                3000,
            ),
        ]
    return 0 if report(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
