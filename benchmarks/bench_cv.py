"""CV reading: precision and recall of skills and the error of years on the labelled set, and speed.

Usage:
    .venv/bin/python benchmarks/bench_cv.py            # figures over tests/cv/labels.toml
    .venv/bin/python benchmarks/bench_cv.py --verbose  # plus each CV's misses and extras
    .venv/bin/python benchmarks/bench_cv.py --speed    # median time to read the 3-page PDF
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from skillpath.core.catalog import Catalog, load_catalog  # noqa: E402
from skillpath.core.cv import read_cv  # noqa: E402

CV_DIR = ROOT / "tests" / "cv"
SPEED_FILE = CV_DIR / "files" / "07-distinguished-engineer.pdf"


@dataclass
class Score:
    file: str
    true_pos: int
    false_pos: list[str]
    missed: list[str]
    years: float
    expected_years: float


def evaluate(catalog: Catalog, folder: Path = CV_DIR) -> list[Score]:
    """Read every labelled CV and compare it with its label."""
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    today = labels["today"]
    scores = []
    for name, label in labels["cv"].items():
        draft = read_cv(folder / "files" / name, catalog, today)
        found = {s.skill for s in draft.skills}
        expected = set(label["skills"])
        scores.append(
            Score(
                file=name,
                true_pos=len(found & expected),
                false_pos=sorted(found - expected),
                missed=sorted(expected - found),
                years=draft.years_experience,
                expected_years=float(label["years"]),
            )
        )
    return scores


def totals(scores: list[Score]) -> tuple[float, float, float, int]:
    """Micro precision, micro recall, the largest years error, CVs with years within 1."""
    tp = sum(s.true_pos for s in scores)
    fp = sum(len(s.false_pos) for s in scores)
    fn = sum(len(s.missed) for s in scores)
    errors = [abs(s.years - s.expected_years) for s in scores]
    return tp / (tp + fp), tp / (tp + fn), max(errors), sum(e <= 1.0 for e in errors)


def speed(catalog: Catalog, runs: int = 21) -> float:
    """Median milliseconds to read and analyse the 3-page PDF (matcher already built)."""
    read_cv(SPEED_FILE, catalog)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read_cv(SPEED_FILE, catalog)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--catalog", type=Path, help="a catalog folder (default: the shipped one)")
    args = parser.parse_args()
    catalog = load_catalog(args.catalog)
    scores = evaluate(catalog)
    print(f"{'file':<32} {'tp':>3} {'fp':>3} {'fn':>3} {'years':>6} {'label':>6}")
    for s in scores:
        print(
            f"{s.file:<32} {s.true_pos:>3} {len(s.false_pos):>3} {len(s.missed):>3} "
            f"{s.years:>6.1f} {s.expected_years:>6.1f}"
        )
        if args.verbose and (s.false_pos or s.missed):
            if s.false_pos:
                print(f"    extra:  {', '.join(s.false_pos)}")
            if s.missed:
                print(f"    missed: {', '.join(s.missed)}")
    precision, recall, worst, within = totals(scores)
    print()
    print(f"CVs: {len(scores)}")
    print(f"skill precision: {precision:.3f}  (target >= 0.95)")
    print(f"skill recall:    {recall:.3f}  (target >= 0.90)")
    print(f"years within 1:  {within}/{len(scores)}  (largest error {worst:.1f} years)")
    if args.speed:
        pages = 3
        print(
            f"speed: median {speed(catalog):.1f} ms to read and analyse "
            f"{SPEED_FILE.name} ({pages} pages; target < 300 ms)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
