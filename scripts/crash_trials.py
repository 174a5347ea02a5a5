"""Kill -9 trials: a child process ticks, logs and notes; it is killed at a random moment;
every change it reported committed must be in the database, which must pass
`PRAGMA integrity_check`.

Run: .venv/bin/python scripts/crash_trials.py [--trials 100] [--ops 500] [--seed 1]
Exit status 0 when every trial passes. The database is kept between trials, so later
trials start from what the kills left behind.

The child prints "begin N KIND KEY" before a change and "ok N KIND KEY STATE" after its
commit. After the kill, the parent checks each reported change; the change that had begun
but was not reported may or may not be there (both are correct).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = dt.date(2026, 6, 1)


def child(folder: Path, trial: int, ops: int, seed: int) -> None:
    from skillpath.core.actions import tracking
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.db import plans
    from skillpath.core.db.store import Store
    from skillpath.core.session import Session

    rng = random.Random(seed * 100_003 + trial)
    with Store.open(folder, daily_backup=False) as store:
        s = Session(store, shipped_catalog(), day=TODAY)
        pid = s.find_profile(None).id
        plan_id = plans.active_plan(store, pid).id
        keys = [i.key for i in plans.deliverables(store, plan_id)][:12]
        out = sys.stdout
        out.write("ready\n")
        out.flush()
        for n in range(ops):
            key = rng.choice(keys)
            kind = rng.choice(("tick", "log", "note"))
            out.write(f"begin {n} {kind} {key}\n")
            out.flush()
            state = ""
            if kind == "tick":
                status = plans.deliverable(store, plan_id, key).status
                if status == "done":
                    tracking.untick(s, pid, key)
                else:
                    tracking.tick(s, pid, key)
                state = "undone" if status == "done" else "done"
            elif kind == "log":
                tracking.log_hours(s, pid, key, 0.25)
            else:
                tracking.add_note(s, pid, key, f"trial-{trial}-op-{n}")
            out.write(f"ok {n} {kind} {key} {state}\n")
            out.flush()


def prepare(folder: Path) -> None:
    from skillpath.core.actions.demo import open_demo
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.db.store import Store
    from skillpath.core.session import Session

    with Store.open(folder, daily_backup=False) as store:
        open_demo(Session(store, shipped_catalog(), day=TODAY))


def counts(path: Path) -> tuple[dict[str, str], int, set[str]]:
    conn = sqlite3.connect(path)
    try:
        statuses = dict(conn.execute("SELECT key, status FROM deliverables").fetchall())
        # hours logged one by one (a tick's declared hours come and go with the tick)
        logs = conn.execute("SELECT count(*) FROM time_logs WHERE since IS NULL").fetchone()[0]
        notes = {r[0] for r in conn.execute("SELECT text FROM notes")}
        return statuses, logs, notes
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return ";".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def trial(folder: Path, number: int, ops: int, seed: int, rng: random.Random) -> str | None:
    """One trial; returns a description of what went wrong, or None."""
    from skillpath.core.db.store import db_path

    path = db_path(folder)
    _, logs_before, _ = counts(path)
    kill_after = rng.randrange(ops)
    cmd = [sys.executable, __file__, "--child", str(folder), "--trial", str(number),
           "--ops", str(ops), "--seed", str(seed)]  # fmt: skip
    with tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors, text=True)
        assert proc.stdout is not None
        lines: list[str] = []
        for line in proc.stdout:
            lines.append(line)
            if line.startswith(f"ok {kill_after} "):
                time.sleep(rng.random() * 0.004)  # land the kill anywhere in the next change
                break
        proc.send_signal(signal.SIGKILL)
        # Read through the same buffered file: communicate() would skip what it holds already.
        lines += proc.stdout.read().splitlines(keepends=True)
        proc.stdout.close()
        proc.wait()
        errors.seek(0)
        err = errors.read()
    if proc.returncode not in (0, -signal.SIGKILL):
        return f"the child failed by itself: {err.strip()[-300:]}"
    complete = [ln.split() for ln in lines if ln.endswith("\n")]
    if not any(p[0] == "ready" for p in complete if p):
        return f"the child did not start: {err.strip()[-300:]}"
    ok = [p for p in complete if p and p[0] == "ok"]
    begun = [p for p in complete if p and p[0] == "begin"]
    in_flight = begun[-1] if begun and (not ok or begun[-1][1] != ok[-1][1]) else None
    result = integrity(path)
    if result != "ok":
        return f"integrity_check: {result}"
    statuses, logs_after, notes = counts(path)
    logged = sum(1 for p in ok if p[2] == "log")
    extra = 1 if in_flight and in_flight[2] == "log" else 0
    if not logged <= logs_after - logs_before <= logged + extra:
        tail = " | ".join(" ".join(p) for p in complete[-3:])
        return f"{logged} logs reported, {logs_after - logs_before} stored (last: {tail})"
    for p in ok:
        if p[2] == "note" and f"trial-{number}-op-{p[1]}" not in notes:
            return f"note of change {p[1]} is missing"
    last: dict[str, str] = {}
    for p in ok:
        if p[2] == "tick":
            last[p[3]] = p[4]
    for key, state in last.items():
        stored = statuses[key]
        expected = "done" if state == "done" else "not done"
        got = "done" if stored == "done" else "not done"
        flight_on_key = in_flight is not None and in_flight[2] == "tick" and in_flight[3] == key
        if got != expected and not flight_on_key:
            return f"tick of {key} reported {state}, stored {stored}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--ops", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", type=Path, help="keep the database here (default: a temp)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trial", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.trial, args.ops, args.seed)
        return 0
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp)
        prepare(folder)
        failures = 0
        started = time.perf_counter()
        for number in range(args.trials):
            problem = trial(folder, number, args.ops, args.seed, rng)
            if problem:
                failures += 1
                print(f"trial {number}: FAILED: {problem}")
        elapsed = time.perf_counter() - started
        print(json.dumps({"trials": args.trials, "ops": args.ops, "failures": failures,
                          "seconds": round(elapsed, 1)}))  # fmt: skip
    return 1 if failures else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
