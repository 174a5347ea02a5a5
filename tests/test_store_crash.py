"""kill -9 and many processes at once: nothing reported is lost, no folder is left refused,
no backup is half-written or eaten. The long runs are scripts/crash_trials.py."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from skillpath.core.db.store import Store, backup_dir, check_file, db_path, list_backups

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "crash_trials.py"


def _trials(folder: Path, *args: str, timeout: float = 300) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--seed", "7", "--folder", str(folder), *args],
        capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    summary: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return summary


@pytest.mark.slow
def test_kill_9_loses_nothing_reported(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    summary = _trials(tmp_path, "--mode", "ops", "--trials", "10", "--ops", "200")
    assert summary == {**summary, "trials": 10, "failures": 0}


@pytest.mark.slow
def test_kill_9_during_the_first_opening_never_leaves_a_folder_refused(tmp_path: Path) -> None:
    summary = _trials(tmp_path, "--mode", "first-open", "--trials", "30")
    assert summary == {**summary, "trials": 30, "failures": 0}


@pytest.mark.slow
def test_kill_9_during_backups_and_their_pruning(tmp_path: Path) -> None:
    summary = _trials(tmp_path, "--mode", "backup", "--trials", "12")
    assert summary == {**summary, "trials": 12, "failures": 0}


@pytest.mark.slow
def test_kill_9_during_a_restore(tmp_path: Path) -> None:
    summary = _trials(tmp_path, "--mode", "restore", "--trials", "12")
    assert summary == {**summary, "trials": 12, "failures": 0}


WRITER = """
import sys
from pathlib import Path
from skillpath.core.db.store import Store
with Store.open(Path(sys.argv[1])) as s, s.transaction() as conn:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, 'written')", [f"writer-{sys.argv[2]}"])
"""


@pytest.mark.slow
def test_eight_writers_at_once_on_a_folder_with_no_backup_today(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    from skillpath.core.actions.demo import open_demo
    from skillpath.core.session import Session

    for run in range(4):
        folder = tmp_path / f"run-{run}"
        with Store.open(folder, daily_backup=False) as store:  # a new folder: no backup yet
            open_demo(Session(store, catalog))
        started = time.monotonic()
        command = [sys.executable, "-c", WRITER, str(folder)]
        procs = [
            subprocess.Popen([*command, str(n)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for n in range(8)
        ]
        results = [(*p.communicate(timeout=120), p.returncode) for p in procs]
        assert time.monotonic() - started < 120
        failed = [err.decode() for _, err, code in results if code != 0]
        assert failed == [], failed
        assert len(list_backups(folder)) == 1  # one of them took today's backup
        assert sorted(p.name for p in backup_dir(folder).iterdir()) == [
            p.name for p in list_backups(folder)
        ]  # no .part, -wal or -shm left beside it
        report = check_file(db_path(folder))
        assert report.ok, report.problems
        with Store.open(folder, daily_backup=False) as store:
            written = store.read("SELECT count(*) FROM meta WHERE key LIKE 'writer-%'")[0][0]
        assert written == 8
