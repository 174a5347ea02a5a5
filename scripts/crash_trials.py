"""Kill -9 trials: a child process works on a data folder and is killed at a random moment;
afterwards the folder must open, pass every check and hold everything the child reported.

Run: .venv/bin/python scripts/crash_trials.py [--mode ops|first-open|backup|restore|all]
     [--trials 100] [--ops 500] [--seed 1]
Exit status 0 when every trial passes; the last line is a JSON summary per mode.

Modes:
- ops: the child ticks, logs and notes. It prints "begin N KIND KEY" before a change and
  "ok N KIND KEY STATE" after its commit; every reported change must be stored (the one
  that had begun but was not reported may or may not be). The database is kept between
  trials, so later trials start from what the kills left behind.
- first-open: the child opens a new data folder (creating its database) and is killed
  somewhere in it; the folder must then open, at the current schema, with nothing left over.
- backup: the child takes backups one after another with a clock two hours apart each time,
  so every one prunes; every backup left must be a whole, sound database, the last one the
  child reported must be there, and no more than KEEP_BACKUPS + 1 may remain.
- restore: the child restores backups marked with different values; the database must be
  sound and hold either the mark it had or the one being restored.
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


# ------------------------------------------------------------------ kills in other places

BASE = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
# How often the kill landed before the child finished, and how many backups it reported:
# figures that show the kills fell inside the work, not after it.
STATS = {"killed_midway": 0, "backups_reported": 0}


def _kill_after(cmd: list[str], delay: float) -> tuple[int, list[str], str]:
    """Start `cmd`, wait for its "go" line, kill it `delay` seconds later.

    Returns:
        Its exit status, the lines it printed, what it wrote on stderr.
    """
    with tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors, text=True)
        assert proc.stdout is not None
        lines: list[str] = []
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("go"):
                break
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        lines += proc.stdout.read().splitlines(keepends=True)
        proc.stdout.close()
        proc.wait()
        errors.seek(0)
        return proc.returncode, lines, errors.read()


def child_first_open(folder: Path) -> None:
    from skillpath.core.db.store import Store

    sys.stdout.write("go\n")
    sys.stdout.flush()
    with Store.open(folder) as store:
        store.set_meta("made", "yes")
    sys.stdout.write("ok\n")
    sys.stdout.flush()


def trial_first_open(root: Path, number: int, rng: random.Random, window: float) -> str | None:
    from skillpath.core.db.store import SCHEMA_VERSION, Store
    from skillpath.core.errors import SkillpathError

    folder = root / f"first-{number}"
    cmd = [sys.executable, __file__, "--child-first-open", str(folder)]
    code, lines, err = _kill_after(cmd, rng.random() * window)
    if code not in (0, -signal.SIGKILL):
        return f"the child failed by itself: {err.strip()[-300:]}"
    reported = any(line.startswith("ok") for line in lines)
    STATS["killed_midway"] += not reported
    try:
        with Store.open(folder) as store:
            if store.schema_version != SCHEMA_VERSION:
                return f"opened at schema {store.schema_version}"
            report = store.check()
            if not report.ok:
                return f"check: {report.problems[0]}"
            if reported and store.meta("made") != "yes":
                return "the reported change is missing"
    except SkillpathError as exc:
        return f"refused after the kill: {exc}"
    left = sorted(p.name for p in folder.iterdir() if p.name.startswith(".skillpath-"))
    if left:
        return f"left over: {', '.join(left)}"
    return None


def prepare_backups(folder: Path) -> None:
    from skillpath.core.db.store import KEEP_BACKUPS, Store

    prepare(folder)
    with Store.open(folder, daily_backup=False) as store:
        for n in range(KEEP_BACKUPS):
            store.set_meta("mark", f"prepared-{n}")
            store.backup(now=BASE + dt.timedelta(hours=2 * n))


def child_backup(folder: Path, trial: int) -> None:
    from skillpath.core.db.store import Store

    with Store.open(folder, daily_backup=False) as store:
        sys.stdout.write("go\n")
        sys.stdout.flush()
        for n in range(1000):
            when = BASE + dt.timedelta(hours=2 * (1000 * (trial + 1) + n))
            path = store.backup(now=when, label="before-delete" if n % 2 else "")
            sys.stdout.write(f"ok {path}\n")
            sys.stdout.flush()


def _sound(path: Path) -> str | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        result = ";".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
        if result != "ok":
            return result
        if conn.execute("SELECT count(*) FROM profiles").fetchone()[0] < 1:
            return "no profile in it"
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    return None


def trial_backup(folder: Path, number: int, rng: random.Random, window: float) -> str | None:
    from skillpath.core.db.store import KEEP_BACKUPS, Store, backup_dir, list_backups

    cmd = [sys.executable, __file__, "--child-backup", str(folder), "--trial", str(number)]
    code, lines, err = _kill_after(cmd, rng.random() * window)
    if code not in (0, -signal.SIGKILL):
        return f"the child failed by itself: {err.strip()[-300:]}"
    promised = [Path(line.split(" ", 1)[1].strip()) for line in lines if line.startswith("ok ")]
    STATS["killed_midway"] += code == -signal.SIGKILL
    STATS["backups_reported"] += len(promised)
    found = list_backups(folder)
    for backup in found:
        problem = _sound(backup)
        if problem:
            return f"{backup.name} is not sound: {problem}"
    if promised and promised[-1] not in found:
        return f"the backup reported last, {promised[-1].name}, is gone"
    if len(found) > KEEP_BACKUPS + 1:
        return f"{len(found)} backups left (at most {KEEP_BACKUPS + 1} expected)"
    problem = integrity(folder / "skillpath.sqlite")
    if problem != "ok":
        return f"the database: {problem}"
    with Store.open(folder, daily_backup=False) as store:  # a backup tidies what a kill left
        store.backup(now=BASE + dt.timedelta(hours=2 * (1000 * (number + 1) + 999)))
    left = [p.name for p in backup_dir(folder).iterdir() if not p.name.endswith(".sqlite")]
    if left:
        return f"left over in backups/: {', '.join(left)}"
    return None


def child_restore(folder: Path, source: Path) -> None:
    from skillpath.core.db.restore import restore

    sys.stdout.write("go\n")
    sys.stdout.flush()
    restore(folder, source, now=BASE)
    sys.stdout.write("ok\n")
    sys.stdout.flush()


def _mark(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'mark'").fetchone()
        return None if row is None else str(row[0])
    finally:
        conn.close()


def trial_restore(folder: Path, number: int, rng: random.Random, window: float) -> str | None:
    from skillpath.core.db.store import Store, list_backups

    sources = [b for b in list_backups(folder) if "before" not in b.name]
    source = rng.choice(sources)
    wanted = _mark(source)
    had = _mark(folder / "skillpath.sqlite")
    cmd = [sys.executable, __file__, "--child-restore", str(folder), "--source", str(source)]
    code, lines, err = _kill_after(cmd, rng.random() * window)
    if code not in (0, -signal.SIGKILL):
        return f"the child failed by itself: {err.strip()[-300:]}"
    if not source.exists():
        return f"the backup being restored, {source.name}, is gone"
    problem = integrity(folder / "skillpath.sqlite")
    if problem != "ok":
        return f"the database: {problem}"
    STATS["killed_midway"] += not any(ln.startswith("ok") for ln in lines)
    now = _mark(folder / "skillpath.sqlite")
    if now not in (had, wanted) or (any(ln.startswith("ok") for ln in lines) and now != wanted):
        return f"the database holds mark {now}, neither {had} (before) nor {wanted} (restored)"
    with Store.open(folder, daily_backup=False) as store:
        report = store.check()
        if not report.ok:
            return f"check: {report.problems[0]}"
        store.set_meta("mark", f"after-{number}")
    return None


def run_mode(mode: str, args: argparse.Namespace, root: Path) -> dict[str, object]:
    rng = random.Random(f"{args.seed}-{mode}")
    folder = root / mode
    folder.mkdir(parents=True, exist_ok=True)
    if mode == "ops":
        prepare(folder)
    elif mode in ("backup", "restore"):
        prepare_backups(folder)
    failures = 0
    started = time.perf_counter()
    STATS.update(killed_midway=0, backups_reported=0)
    for number in range(args.trials):
        if mode == "ops":
            problem = trial(folder, number, args.ops, args.seed, rng)
        elif mode == "first-open":
            problem = trial_first_open(folder, number, rng, args.window)
        elif mode == "backup":
            problem = trial_backup(folder, number, rng, args.window)
        else:
            problem = trial_restore(folder, number, rng, args.window)
        if problem:
            failures += 1
            print(f"{mode} trial {number}: FAILED: {problem}", flush=True)
    elapsed = time.perf_counter() - started
    summary: dict[str, object] = {"mode": mode, "trials": args.trials, "failures": failures}
    if mode != "ops":
        summary["killed_midway"] = STATS["killed_midway"]
    if mode == "backup":
        summary["backups_reported"] = STATS["backups_reported"]
    return {**summary, "seconds": round(elapsed, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", default="ops", choices=[*MODES, "all"])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--ops", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--window", type=float, default=0.25,
        help="kill within this many seconds of the child starting its work (not for ops)",
    )  # fmt: skip
    parser.add_argument("--folder", type=Path, help="keep the databases here (default: a temp)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-first-open", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-backup", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-restore", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trial", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.trial, args.ops, args.seed)
        return 0
    if args.child_first_open:
        child_first_open(args.child_first_open)
        return 0
    if args.child_backup:
        child_backup(args.child_backup, args.trial)
        return 0
    if args.child_restore:
        child_restore(args.child_restore, args.source)
        return 0
    modes = list(MODES) if args.mode == "all" else [args.mode]
    summaries = []
    with tempfile.TemporaryDirectory() as tmp:
        root = args.folder or Path(tmp)
        for mode in modes:
            summaries.append(run_mode(mode, args, root))
            print(json.dumps(summaries[-1]), flush=True)
    failures = sum(int(str(s["failures"])) for s in summaries)
    if len(summaries) == 1:
        summary = {**summaries[0], "ops": args.ops}
    else:
        summary = {"trials": args.trials * len(summaries), "failures": failures,
                   "modes": {str(s["mode"]): s["failures"] for s in summaries}}  # fmt: skip
    print(json.dumps(summary))
    return 1 if failures else 0


MODES = ("ops", "first-open", "backup", "restore")

if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
