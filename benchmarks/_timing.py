"""Shared timing helpers for the benchmarks: medians of repeated runs, printed as a table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], runs: int, warmup: int = 2) -> float:
    """Median wall time of `fn` in milliseconds over `runs` calls, after `warmup` calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def report(rows: list[tuple[str, float, float]]) -> bool:
    """Print name, median and target for each row; returns True when every target is met."""
    width = max(len(r[0]) for r in rows)
    ok = True
    for name, value, target in rows:
        met = value <= target
        ok &= met
        print(
            f"{name:<{width}}  median {value:9.2f} ms  target < {target:g} ms  "
            f"{'ok' if met else 'MISSED'}"
        )
    return ok
