"""Job ads: skill precision and recall, priorities, title, company and years over the labelled
set in tests/jobs/, and the time to read an ad.

Usage:
    .venv/bin/python benchmarks/bench_job.py            # figures over tests/jobs/labels.toml
    .venv/bin/python benchmarks/bench_job.py --verbose  # plus each ad's misses and extras
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from skillpath.core.catalog import load_catalog  # noqa: E402
from skillpath.core.job import read_job  # noqa: E402

JOB_DIR = ROOT / "tests" / "jobs"


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    catalog = load_catalog()
    labels = tomllib.loads((JOB_DIR / "labels.toml").read_text(encoding="utf-8"))["job"]
    tp = fp = fn = right_priority = titles = companies = years = 0
    times = []
    print(f"{'ad':<32} {'tp':>3} {'fp':>3} {'fn':>3} {'prio':>5}  title company years")
    for name, label in labels.items():
        start = time.perf_counter()
        ad = read_job(JOB_DIR / "files" / name, catalog)
        times.append((time.perf_counter() - start) * 1000)
        got = {s.skill: s.priority for s in ad.skills}
        want: dict[str, str] = label["skills"]
        both = set(got) & set(want)
        ok = sum(got[k] == want[k] for k in both)
        tp, fp, fn = tp + len(both), fp + len(set(got) - set(want)), fn + len(set(want) - set(got))
        right_priority += ok
        t, c = _same(ad.title, label["title"]), _same(ad.company, label["company"])
        y = ad.years_required == label.get("years")
        titles, companies, years = titles + t, companies + c, years + y
        print(
            f"{name:<32} {len(both):>3} {len(set(got) - set(want)):>3} "
            f"{len(set(want) - set(got)):>3} {ok:>2}/{len(both):<2}  "
            f"{'ok' if t else 'NO':<5} {'ok' if c else 'NO':<7} {'ok' if y else 'NO'}"
        )
        if args.verbose:
            for k in sorted(set(got) - set(want)):
                print(f"    extra:    {k} ({got[k]})")
            for k in sorted(set(want) - set(got)):
                print(f"    missed:   {k} ({want[k]})")
            for k in sorted(k for k in both if got[k] != want[k]):
                print(f"    priority: {k} {got[k]}, label {want[k]}")
    n = len(labels)
    print()
    print(f"ads: {n}")
    print(f"skill precision:  {tp / (tp + fp):.3f}  (target >= 0.92)")
    print(f"skill recall:     {tp / (tp + fn):.3f}  (target >= 0.88)")
    print(f"priority right:   {right_priority / tp:.3f}  (target >= 0.85, of skills found)")
    print(f"title right:      {titles}/{n}   company right: {companies}/{n}   years: {years}/{n}")
    print(f"read one ad:      median {statistics.median(times):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
