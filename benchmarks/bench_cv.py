"""CV reading: precision, recall and years over the labelled set; speed of a whole process;
build and match time of the skill matcher (Aho-Corasick against one combined pattern).

Usage:
    .venv/bin/python benchmarks/bench_cv.py             # figures over tests/cv/labels.toml
    .venv/bin/python benchmarks/bench_cv.py --verbose   # plus each CV's misses and extras
    .venv/bin/python benchmarks/bench_cv.py --speed     # `skillpath cv sample.txt --json` as a
                                                        # process, against `python -c pass`
    .venv/bin/python benchmarks/bench_cv.py --matchers  # Aho-Corasick vs one combined regex
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
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
SAMPLE = CV_DIR / "files" / "03-ats-plain.txt"


@dataclass
class Score:
    file: str
    true_pos: int
    false_pos: list[str]
    missed: list[str]
    years: float
    expected_years: float
    extraction: str


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
                extraction=draft.extraction,
            )
        )
    return scores


def totals(scores: list[Score]) -> tuple[float, float, float, int, int]:
    """Micro precision, micro recall, the largest years error, CVs with years within 1 and
    within 1.5."""
    tp = sum(s.true_pos for s in scores)
    fp = sum(len(s.false_pos) for s in scores)
    fn = sum(len(s.missed) for s in scores)
    errors = [abs(s.years - s.expected_years) for s in scores]
    return (
        tp / (tp + fp),
        tp / (tp + fn),
        max(errors),
        sum(e <= 1.0 for e in errors),
        sum(e <= 1.5 for e in errors),
    )


def _process_ms(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def speed(runs: int) -> None:
    """Whole-process medians, interleaved so both see the same machine load."""
    exe = shutil.which("skillpath", path=str(Path(sys.executable).parent)) or "skillpath"
    cv = [exe, "cv", str(SAMPLE), "--json"]
    bare = [sys.executable, "-c", "pass"]
    skills = [exe, "skills", "--json"]
    _process_ms(cv, 2)  # warm the catalog cache and the file system
    cv_ms, bare_ms, skills_ms = [], [], []
    for _ in range(runs):
        cv_ms.append(_process_ms(cv, 1))
        bare_ms.append(_process_ms(bare, 1))
        skills_ms.append(_process_ms(skills, 1))
    c, b, s = statistics.median(cv_ms), statistics.median(bare_ms), statistics.median(skills_ms)
    print(f"process medians over {runs} runs each:")
    print(f"  python -c pass                   {b:7.1f} ms")
    print(f"  skillpath skills --json          {s:7.1f} ms  (the CLI with no CV: imports, catalog)")
    print(f"  skillpath cv {SAMPLE.name} --json {c:7.1f} ms  (target well under 300 ms)")
    print(f"  ratio cv / bare python           {c / b:7.1f}")
    print(f"  cv - skills (reading the CV)     {c - s:7.1f} ms")
    read_cv(SPEED_FILE, load_catalog())
    catalog = load_catalog()
    read_cv(SPEED_FILE, catalog)
    times = []
    for _ in range(11):
        start = time.perf_counter()
        read_cv(SPEED_FILE, catalog)
        times.append((time.perf_counter() - start) * 1000)
    print(f"  read the 3-page PDF in-process   {statistics.median(times):7.1f} ms")


def matchers(catalog: Catalog, runs: int = 7) -> None:
    """Build and match time: the Aho-Corasick automaton the reader uses against one combined
    regular expression over the same keys (and the per-letter patterns it replaced)."""
    import ahocorasick

    from skillpath.core import cv_match
    from skillpath.core.cv_text import read_cv_file

    lines = [
        line
        for path in sorted((CV_DIR / "files").iterdir())
        for line in read_cv_file(path).lines
        if line.strip()
    ]
    keys = sorted(
        {
            cv_match.key_of(t.strip())
            for s in catalog.skills.values()
            for t in (s.name, *s.aliases)
            if len(t.strip()) > 1
        },
        key=len,
        reverse=True,
    )

    def build_ac() -> object:
        a = ahocorasick.Automaton()
        for i, k in enumerate(keys):
            a.add_word(k, i)
        a.make_automaton()
        return a

    def build_regex() -> re.Pattern[str]:
        re.purge()  # a new process has no compiled patterns cached
        return re.compile("|".join(re.escape(k) for k in keys))

    def build_reader() -> object:
        return cv_match.build_matcher(catalog)

    def med(fn: object) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()  # type: ignore[operator]
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)

    automaton = build_ac()
    pattern = build_regex()
    flat = [cv_match.key_of(line) for line in lines]

    def match_ac() -> None:
        for text in flat:
            list(automaton.iter(text))  # type: ignore[attr-defined]

    def match_regex() -> None:
        for text in flat:
            for i in range(len(text)):
                pattern.match(text, i)

    m = cv_match.build_matcher(catalog)

    def read_lines() -> None:
        m.cache.clear()
        for line in lines:
            cv_match.line_skills(line, False, m)

    print(f"{len(keys)} keys, {len(lines)} lines of the labelled CVs; medians of {runs} runs")
    print(f"  build  Aho-Corasick automaton      {med(build_ac):8.1f} ms")
    print(f"  build  one combined regex          {med(build_regex):8.1f} ms")
    print(f"  build  the reader's whole matcher  {med(build_reader):8.1f} ms")
    print(f"  find   Aho-Corasick, all lines     {med(match_ac):8.1f} ms")
    print(f"  find   combined regex, all lines   {med(match_regex):8.1f} ms")
    print(f"  match  the reader, all lines       {med(read_lines):8.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--matchers", action="store_true")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--catalog", type=Path, help="a catalog folder (default: the shipped one)")
    args = parser.parse_args()
    catalog = load_catalog(args.catalog)
    if args.speed:
        with tempfile.TemporaryDirectory():
            speed(args.runs)
        return 0
    if args.matchers:
        matchers(catalog)
        return 0
    scores = evaluate(catalog)
    print(f"{'file':<32} {'tp':>3} {'fp':>3} {'fn':>3} {'years':>6} {'label':>6}  read as")
    for s in scores:
        print(
            f"{s.file:<32} {s.true_pos:>3} {len(s.false_pos):>3} {len(s.missed):>3} "
            f"{s.years:>6.1f} {s.expected_years:>6.1f}  {s.extraction}"
        )
        if args.verbose and (s.false_pos or s.missed):
            if s.false_pos:
                print(f"    extra:  {', '.join(s.false_pos)}")
            if s.missed:
                print(f"    missed: {', '.join(s.missed)}")
    precision, recall, worst, within1, within15 = totals(scores)
    n = len(scores)
    print()
    print(f"CVs: {n}")
    print(f"skill precision:   {precision:.3f}  (target >= 0.95)")
    print(f"skill recall:      {recall:.3f}  (target >= 0.92)")
    print(f"years within 1:    {within1}/{n} = {within1 / n:.0%}  (target >= 90%)")
    print(f"years within 1.5:  {within15}/{n}  (target all; largest error {worst:.1f} years)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
