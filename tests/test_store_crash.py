"""kill -9 while a child process ticks, logs and notes: nothing reported is lost, and the file
stays sound. The long version (100 trials of 500 changes) is scripts/crash_trials.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "crash_trials.py"


@pytest.mark.slow
def test_kill_9_loses_nothing_reported(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--trials", "10", "--ops", "200", "--seed", "7",
         "--folder", str(tmp_path)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary == {**summary, "trials": 10, "failures": 0}
