"""The storage and tracking verbs of the command line, end to end in-process."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillpath.core.cli import main
from skillpath.core.db.store import DATA_TABLES, db_path, list_backups


@pytest.fixture(autouse=True)
def _catalog(catalog) -> None:  # type: ignore[no-untyped-def]
    """Make sure the CLI finds a loadable catalog (see conftest)."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _dump(folder: Path) -> dict[str, Any]:
    import sqlite3

    path = db_path(folder)
    if not path.exists():
        return {}
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in DATA_TABLES
        }
    finally:
        conn.close()


@pytest.fixture
def demo(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Path:
    code, _, err = run(capsys, "demo")
    assert code == 0, err
    assert run(capsys, "status")[0] == 0  # takes today's backup, so later runs only read
    return data_dir


def test_demo_stores_the_profile_once(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _dump(demo)
    assert len(first["profiles"]) == 1
    assert any(r for r in first["time_logs"])
    code, out, _err = run(capsys, "demo", "--json")
    assert code == 0
    assert json.loads(out)["profile"]["name"] == "Santana Mena"  # the output is unchanged
    second = _dump(demo)
    second["meta"] = first["meta"] = []  # the daily backup's date is bookkeeping
    assert second == first


def test_status_json_has_the_promised_fields(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "status", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["profile"] == "Santana Mena"
    for key in ("done_hours", "total_hours", "percent", "forecast_finish", "overdue", "due_soon"):
        assert key in data
    assert data["schedule"]["state"] in ("ahead", "on-track", "behind")
    assert isinstance(data["schedule"]["days"], int)
    first = data["deliverables"][0]
    assert {"id", "title", "status", "due", "phase"} <= set(first)
    assert first["status"] == "done"
    assert dt.date.fromisoformat(data["forecast_finish"]) > dt.date.today()


def test_status_text(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status")
    assert code == 0
    assert out.startswith("Santana Mena -> Senior AI Engineer")
    assert "Schedule:" in out and "Readiness:" in out


def _first(capsys: pytest.CaptureFixture[str], status: str) -> str:
    _, out, _ = run(capsys, "status", "--json")
    return next(d["id"] for d in json.loads(out)["deliverables"] if d["status"] == status)


def test_tick_undo_redo(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = _first(capsys, "todo")
    code, out, _ = run(capsys, "tick", key, "--evidence", "https://example.org/x")
    assert code == 0 and out.startswith("Ticked '")
    code, out, _ = run(capsys, "undo")
    assert code == 0 and out.startswith("Undid: ticked '")
    assert _first(capsys, "todo") == key
    code, out, _ = run(capsys, "redo")
    assert code == 0 and out.startswith("Redid: ticked")
    code, out, _ = run(capsys, "tick", key, "--undo")
    assert code == 0 and "back to" in out


def test_start_skip_log_note_replan(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = _first(capsys, "todo")
    assert run(capsys, "start", key)[0] == 0
    assert run(capsys, "log", key, "1.5")[0] == 0
    assert run(capsys, "note", key, "half way")[0] == 0
    assert run(capsys, "skip", key)[0] == 0
    code, out, _ = run(capsys, "replan")
    assert code == 0 and out.startswith("Re-planned")
    code, out, _ = run(capsys, "replan", "--at-pace")
    assert code == 0


def _deliverable(capsys: pytest.CaptureFixture[str], key: str) -> dict[str, Any]:
    _, out, _ = run(capsys, "status", "--json")
    return next(d for d in json.loads(out)["deliverables"] if d["id"] == key)


def test_tick_with_the_hours_spent_declares_what_was_not_logged(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    key = _first(capsys, "todo")
    assert run(capsys, "log", key, "2")[0] == 0
    code, out, _ = run(capsys, "tick", key, "--hours", "12.5")
    assert code == 0 and "(12.5 h spent)" in out
    found = _deliverable(capsys, key)
    assert (found["status"], found["logged_hours"]) == ("done", 12.5)
    conn = sqlite3.connect(db_path(demo))
    try:
        rows = conn.execute(
            "SELECT t.hours, t.since IS NOT NULL FROM time_logs t JOIN deliverables d "
            "ON d.id = t.deliverable_id WHERE d.key = ? ORDER BY t.id",
            [key],
        ).fetchall()
    finally:
        conn.close()
    assert rows == [(2.0, 0), (10.5, 1)]  # logged, then the rest declared
    code, out, _ = run(capsys, "tick", key, "--undo")
    assert code == 0 and _deliverable(capsys, key)["logged_hours"] == 2
    code, _, err = run(capsys, "tick", key, "--hours", "1")
    assert code == 2 and "2 h are logged" in err and err.count("\n") == 1


def test_export_refuses_to_replace_a_file_without_force(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "me.json"
    out_file.write_text("my own notes", encoding="utf-8")
    code, _, err = run(capsys, "export", "--out", str(out_file))
    assert code == 2 and "--force" in err and err.count("\n") == 1
    assert out_file.read_text(encoding="utf-8") == "my own notes"
    code, out, _ = run(capsys, "export", "--out", str(out_file), "--force")
    assert code == 0 and out.startswith("Exported 'Santana Mena'")
    assert json.loads(out_file.read_text(encoding="utf-8"))["profile"]["name"] == "Santana Mena"


def test_replan_preview_shows_the_moves_and_changes_nothing(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _dump(demo)
    code, out, _ = run(capsys, "replan", "--preview", "--hours", "4")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("At 4 h a week the plan ends") and "later by up to" in lines[0]
    assert " -> " in lines[1] and "days)" in lines[1]
    assert _dump(demo) == before
    code, out, _ = run(capsys, "replan", "--hours", "4")
    assert code == 0 and "at 4 h a week" in out


def test_verbose_prints_what_is_logged(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--verbose", "tick", "no-such-id")
    assert code == 2
    assert "INFO: refused: no deliverable 'no-such-id'" in err
    assert err.splitlines()[-1].startswith("skillpath: error: no deliverable")
    log = (demo / "logs" / "skillpath.log").read_text(encoding="utf-8")
    assert "refused: no deliverable 'no-such-id'" in log
    code, _, err = run(capsys, "tick", "no-such-id")
    assert code == 2 and err.count("\n") == 1  # quiet without it


@pytest.mark.parametrize(
    "argv",
    [
        ["tick", "no-such-id"],
        ["tick", "learn-calculus", "--on", "2999-01-01"],
        ["tick", "learn-calculus", "--on", "yesterday"],
        ["log", "learn-calculus", "0"],
        ["log", "learn-calculus", "lots"],
        ["note", "learn-calculus", "   "],
        ["status", "--profile", "Nobody"],
        ["import", "missing.json"],
        ["restore", "missing.sqlite"],
        ["profile", "create", "Santana Mena", "--role", "senior-ai-engineer"],
        ["profile", "create", "X", "--role", "astronaut"],
        ["export", "--out", "/nonexistent-folder/x.json"],
        ["undo", "--profile", "Nobody"],
        ["tick", "learn-calculus", "--undo", "--on", "2026-01-01"],
        ["tick", "learn-calculus", "--undo", "--hours", "3"],
        ["tick", "learn-calculus", "--hours", "0"],
        ["tick", "learn-calculus", "--hours", "ten"],
        ["replan", "--preview", "--hours", "0"],
    ],
)
def test_errors_exit_2_with_one_line_and_change_nothing(
    demo: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    before = _dump(demo)
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("skillpath")
    assert _dump(demo) == before


def test_data_dir_before_or_after_the_verb(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    args = ["Ada", "--role", "senior-ai-engineer", "--skill", "python=3"]
    assert run(capsys, "--data-dir", str(a), "profile", "create", *args)[0] == 0
    assert run(capsys, "profile", "create", *args, "--data-dir", str(b))[0] == 0
    for folder in (a, b):
        code, out, _ = run(capsys, "status", "--json", "--data-dir", str(folder))
        assert code == 0 and json.loads(out)["profile"] == "Ada"


def test_profiles(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "profile", "create", "Ada", "--role", "backend-engineer", "--skill", "python=3")
    code, out, _ = run(capsys, "profile", "list")
    assert "* Ada" in out and "  Santana Mena" in out
    code, out, _ = run(capsys, "status", "--profile", "Santana Mena", "--json")
    assert json.loads(out)["profile"] == "Santana Mena"
    code, out, _ = run(capsys, "status", "--json")  # the last used
    assert json.loads(out)["profile"] == "Santana Mena"
    code, out, _ = run(capsys, "profile", "show", "Ada", "--json")
    assert json.loads(out)["profile"]["skills"] == {"python": 3}
    code, out, _ = run(capsys, "profile", "delete", "Ada")
    assert code == 0 and "backup" in out
    assert list_backups(demo)


def test_export_import_backup_restore_check(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "me.json"
    assert run(capsys, "export", "--profile", "Santana Mena", "--out", str(out_file))[0] == 0
    code, _, err = run(capsys, "import", str(out_file))
    assert code == 2 and "--rename" in err
    assert run(capsys, "import", str(out_file), "--rename", "Twin")[0] == 0
    assert run(capsys, "import", str(out_file), "--replace")[0] == 0
    code, out, _ = run(capsys, "backup")
    assert code == 0
    saved = Path(out.strip().removeprefix("Backed up to ").rstrip("."))
    assert saved.exists()
    run(capsys, "profile", "delete", "Twin")
    code, out, _ = run(capsys, "restore", str(saved))
    assert code == 0, out
    code, out, _ = run(capsys, "profile", "list", "--json")
    assert {p["name"] for p in json.loads(out)} == {"Santana Mena", "Twin"}
    code, out, _ = run(capsys, "check")
    assert code == 0 and "healthy" in out


def test_check_reports_damage(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "backup")
    path = db_path(demo)
    raw = bytearray(path.read_bytes())
    for page in range(2, len(raw) // 4096):
        raw[page * 4096 + 8 : page * 4096 + 100] = b"\xff" * 92
    path.write_bytes(bytes(raw))
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert "problems found" in out and "restore" in out
    code, _, err = run(capsys, "status")
    assert code == 2 and "damaged" in err and "restore" in err


# ------------------------------------------------------------------ any arguments

VERBS = [
    ["status"], ["tick"], ["start"], ["skip"], ["log"], ["note"], ["undo"], ["redo"],
    ["replan"], ["export"], ["import"], ["backup"], ["restore"], ["check"],
    ["profile", "create"], ["profile", "list"], ["profile", "show"], ["profile", "delete"],
]  # fmt: skip
WORDS = st.one_of(
    st.sampled_from(
        ["learn-calculus", "project-1", "--on", "--undo", "--evidence", "--note", "--profile",
         "Santana Mena", "--json", "--rename", "--replace", "--out", "--role", "2026-01-01",
         "1.5", "-3", "nan", "inf", "1e9", "--at-pace", "--hours", "0", "--skill", "x=9", ""]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            max_size=12),
)  # fmt: skip


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(verb=st.sampled_from(VERBS), words=st.lists(WORDS, max_size=5))
def test_any_arguments_end_cleanly(
    demo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    verb: list[str],
    words: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # files an example names land here
    before = _dump(demo)
    try:
        code = main([*verb, *words])
    except SystemExit as exc:  # argparse: usage errors and --help
        code = int(exc.code or 0)
    _out, err = capsys.readouterr()
    assert code in (0, 1, 2), (verb, words, err)
    if code == 2:
        # One line, though a newline the person typed may be echoed back in it.
        echoed = sum(w.count("\n") + w.count("\r") for w in words)
        assert err.strip().count("\n") <= echoed or err.startswith("usage:"), err
        assert _dump(demo) == before
