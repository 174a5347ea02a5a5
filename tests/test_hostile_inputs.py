"""Nothing lost, whatever is typed or imported: the data-safety issue's cases 5, 6, 8, 9 and 14,
each as a person would meet it at the command line (one line, exit 2, nothing changed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillpath.core.cli import main

DEMO_ID = "learn-statistics"


def run(data: Path, *args: str) -> int:
    """The exit status, as the shell would see it (argparse's own refusals exit 2 too)."""
    try:
        return main(["--data-dir", str(data), *args])
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "data"
    assert run(data, "demo") == 0
    capsys.readouterr()
    return data


def one_line_refusal(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("skillpath") and "error:" in err, err
    return err


def status(data: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert run(data, "status", "--json") == 0
    return dict(json.loads(capsys.readouterr().out))


# ------------------------------------------------------------------ 5: export overwrites


def test_export_refuses_to_overwrite_without_force(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "keep.json"
    out.write_text("precious")
    assert run(demo, "export", "--out", str(out)) == 2
    assert "--force" in one_line_refusal(capsys)
    assert out.read_text() == "precious"
    assert run(demo, "export", "--out", str(out), "--force") == 0
    assert json.loads(out.read_text())["format"] == "skillpath-profile"


# ------------------------------------------------------------------ 6: tiny and huge numbers


@pytest.mark.parametrize("hours", ["0.001", "1e-320", "25", "nan", "inf", "-1"])
def test_impossible_hours_are_refused_and_status_still_works(
    demo: Path, hours: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = status(demo, capsys)
    assert run(demo, "log", DEMO_ID, hours) == 2
    one_line_refusal(capsys)
    assert status(demo, capsys) == before


@pytest.mark.parametrize(
    "flags",
    [
        ["--hours", "0.001"],
        ["--hours", "1e-320"],
        ["--start", "9999-12-01"],
        ["--target", "9999-12-31"],
        ["--start", "0001-01-01"],
    ],
)
def test_impossible_plan_options_are_refused(
    tmp_path: Path, flags: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "me.json"
    profile.write_text(json.dumps({"name": "Me", "skills": {"python": 2}}))
    assert run(tmp_path / "d", "plan", "--profile", str(profile), "--role", "data-scientist",
               *flags) == 2  # fmt: skip
    one_line_refusal(capsys)


@pytest.mark.parametrize(
    "field", [{"hours_per_week": 0.001}, {"start_date": "9999-12-01"}, {"hours_per_week": 1e308}]
)
def test_a_profile_with_impossible_time_is_refused(
    tmp_path: Path, field: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "me.json"
    profile.write_text(json.dumps({"name": "Me", **field}))
    assert run(tmp_path / "d", "plan", "--profile", str(profile), "--role", "data-scientist") == 2
    one_line_refusal(capsys)


def test_replan_at_an_impossible_rate_is_refused(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = status(demo, capsys)
    assert run(demo, "replan", "--hours", "0.001") == 2
    one_line_refusal(capsys)
    assert status(demo, capsys) == before


# ------------------------------------------------------------------ 8: imports that break later


def _export(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    out = tmp_path / "demo.json"
    assert run(demo, "export", "--out", str(out)) == 0
    capsys.readouterr()
    return dict(json.loads(out.read_text()))


def _first_deliverable(doc: dict[str, object]) -> dict[str, object]:
    plans = doc["plans"]
    assert isinstance(plans, list)
    return dict(plans[0]["phases"][0]["deliverables"][0])


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(resource={"evil": 1}),
        lambda d: d.update(targets={"telepathy": 3}),
        lambda d: d.update(due="9999-12-31"),
        lambda d: d["notes"].append({"on": "2026-01-01", "text": "a\x00b"}),
    ],
    ids=["resource", "unknown-skill", "due-9999", "nul-note"],
)
def test_an_import_that_would_break_later_is_refused_with_nothing_changed(
    demo: Path, tmp_path: Path, change: object, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _export(demo, tmp_path, capsys)
    plans = doc["plans"]
    assert isinstance(plans, list)
    deliverable = plans[0]["phases"][0]["deliverables"][0]
    change(deliverable)  # type: ignore[operator]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    assert run(demo, "profile", "list", "--json") == 0
    before = capsys.readouterr().out
    assert run(demo, "import", str(bad), "--rename", "Copy") == 2
    one_line_refusal(capsys)
    assert run(demo, "profile", "list", "--json") == 0
    assert capsys.readouterr().out == before


# ------------------------------------------------------------------ 9: numbers too long to read


def test_a_5000_digit_number_in_a_profile_or_a_role_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "me.json"
    profile.write_text('{"name": "Me", "years_experience": ' + "9" * 5000 + "}")
    assert run(tmp_path / "d", "plan", "--profile", str(profile), "--role", "data-scientist") == 2
    assert "too long" in one_line_refusal(capsys)
    role = tmp_path / "role.toml"
    role.write_text('[[role]]\ntitle = "X"\nsummary = ' + "9" * 5000 + "\n")
    assert run(tmp_path / "d", "role", "import", str(role)) == 2
    assert "too long" in one_line_refusal(capsys)


# ------------------------------------------------------------------ 14: escapes on the terminal


def test_escape_sequences_in_data_never_reach_the_terminal(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _export(demo, tmp_path, capsys)
    deliverable = _first_deliverable(doc)
    plans = doc["plans"]
    assert isinstance(plans, list)
    plans[0]["phases"][0]["deliverables"][0]["title"] = "Evil \x1b[2J\x1b]0;pwned\x07 title"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(doc))
    assert run(demo, "import", str(path), "--rename", "Evil \x1b[31mName") == 0
    for verb in (["profile", "list"], ["status", "--profile", "Evil Name"]):
        assert run(demo, *verb) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out
    assert deliverable  # the document had deliverables to poison
