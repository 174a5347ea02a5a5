"""The command line of the core: listings, analysis, plans, the demo, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillpath.core.catalog import shipped_catalog
from skillpath.core.cli import main
from skillpath.core.errors import ProfileError
from skillpath.core.profile_io import parse_profile

GOOD = {
    "name": "Santana Mena",
    "years_experience": 3,
    "focus": "web development",
    "skills": {"python": 4, "javascript": 4},
    "hours_per_week": 8,
    "start_date": "2026-12-01",
    "target_date": None,
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse exits for usage errors and --help
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, data: object, name: str = "profile.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_roles_and_skills_list_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "roles", "--json")
    assert code == 0
    assert "senior-ai-engineer" in {r["id"] for r in json.loads(out)}
    code, out, _ = run(capsys, "skills", "--json")
    assert code == 0
    assert "machine-learning" in {s["id"] for s in json.loads(out)}
    code, out, _ = run(capsys, "roles")
    assert code == 0 and "Senior AI Engineer" in out and "median $" in out


def test_analyze_prints_gaps_in_text_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = write(tmp_path, GOOD)
    code, out, _ = run(capsys, "analyze", "--profile", profile, "--role", "senior-ai-engineer")
    assert code == 0 and "Readiness:" in out and "Machine learning" in out
    code, out, _ = run(
        capsys, "analyze", "--profile", profile, "--role", "senior-ai-engineer", "--json"
    )
    data = json.loads(out)
    assert data["role"] == {"id": "senior-ai-engineer", "title": "Senior AI Engineer"}
    assert isinstance(data["readiness"], int)
    assert {"skill", "name", "current", "required"} <= set(data["strengths"][0])
    assert {"skill", "name", "current", "required", "gap", "priority"} <= set(data["gaps"][0])


def test_plan_json_has_the_documented_keys_and_honours_the_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = write(tmp_path, GOOD)
    argv = [
        "plan",
        "--profile",
        profile,
        "--role",
        "backend-engineer",
        "--json",
        "--hours",
        "12",
        "--start",
        "2027-01-04",
        "--phases",
        "4",
        "--no-certs",
    ]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    plan = json.loads(out)
    for key in ("start", "finish", "hours_per_week", "total_hours", "feasible", "phases"):
        assert key in plan
    assert plan["start"] == "2027-01-04" and plan["hours_per_week"] == 12
    assert len(plan["phases"]) == 4
    d = plan["phases"][0]["deliverables"][0]
    assert {"id", "kind", "title", "skills", "hours", "due", "metric"} <= set(d)
    kinds = {d["kind"] for p in plan["phases"] for d in p["deliverables"]}
    assert "certification" not in kinds
    # byte-for-byte repeatable
    assert run(capsys, *argv)[1] == out


def test_plan_with_a_target_too_close_offers_three_ways_out_and_fits_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = write(tmp_path, GOOD)
    argv = ["plan", "--profile", profile, "--role", "senior-ai-engineer", "--hours", "8"]
    argv += ["--start", "2026-12-01", "--target", "2027-12-01", "--json"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    plan = json.loads(out)
    assert plan["feasible"] is False
    ways = plan["options"]
    assert ways["hours_per_week"] > 8
    assert ways["finish_at_current_hours"] == plan["finish"] > "2027-12-01"
    assert set(ways["scope"]) == {"kept", "deferred", "finish", "total_hours"}
    assert ways["scope"]["kept"] and ways["scope"]["deferred"]
    assert ways["scope"]["finish"] <= "2027-12-01"

    code, out, _ = run(capsys, *argv, "--fit-target")
    assert code == 0
    fitted = json.loads(out)
    assert fitted["feasible"] is True and fitted["finish"] == ways["scope"]["finish"]
    assert fitted["deferred"] == ways["scope"]["deferred"] and fitted["options"] is None

    code, out, _ = run(capsys, *argv[:-1])  # as text: the ways out, and how to get the third
    assert code == 0 and "Three ways out" in out and "--fit-target" in out


def test_fit_target_without_a_target_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = write(tmp_path, GOOD)
    code, out, err = run(
        capsys, "plan", "--profile", profile, "--role", "data-scientist", "--fit-target"
    )
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "needs a target date" in err


CV = Path(__file__).parent / "cv" / "files" / "06-career-changer.md"


def test_plan_from_a_cv_gives_its_skills_gaps_and_dated_plan_in_one_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["plan", "--cv", str(CV), "--role", "data-scientist", "--hours", "10"]
    argv += ["--start", "2027-01-04", "--target", "2028-01-04"]
    code, out, _ = run(capsys, *argv, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["start"] == "2027-01-04" and data["hours_per_week"] == 10
    assert data["phases"] and isinstance(data["feasible"], bool)
    assert data["analysis"]["role"]["id"] == "data-scientist"
    found = data["cv"]["skills"]
    assert found and all(s["evidence"] and s["line_number"] > 0 for s in found)
    # the CV's levels are the plan's starting point
    levels = {s["skill"]: s["level"] for s in found}
    for gap in data["analysis"]["gaps"]:
        assert gap["current"] == levels.get(gap["skill"], 0)
    code, out, _ = run(capsys, *argv)
    assert code == 0 and "Readiness:" in out and "Phase 1." in out
    # a profile file and a CV are alternatives, and one of them is needed
    profile = write(tmp_path, GOOD)
    code, _, err = run(capsys, "plan", "--cv", str(CV), "--profile", profile, "--role", "x")
    assert code == 2 and "not allowed with" in err
    code, _, err = run(capsys, "plan", "--role", "data-scientist")
    assert code == 2 and "one of the arguments --profile --cv is required" in err
    code, _, err = run(
        capsys, "plan", "--cv", str(tmp_path / "none.pdf"), "--role", "data-scientist"
    )
    assert code == 2 and err.count("\n") == 1


def test_demo_prints_profile_analysis_and_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo", "--start", "2026-12-01", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"profile", "analysis", "plan"}
    assert data["profile"]["name"] == "Santana Mena"
    assert data["plan"]["start"] == "2026-12-01"
    code, out, _ = run(capsys, "demo", "--start", "2026-12-01")
    assert code == 0 and "Santana Mena -> Senior AI Engineer" in out and "Phase 1." in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ({**GOOD, "years_experience": "three"}, "years_experience"),
        ({**GOOD, "skills": {"pyhton": 3}}, "unknown skill id 'pyhton'"),
        ({**GOOD, "skills": {"python": 7}}, "skills.python"),
        ({**GOOD, "skills": {"python": -1}}, "skills.python"),
        ({**GOOD, "hours_per_week": 0}, "hours_per_week"),
        ({**GOOD, "hours_per_week": 81}, "hours_per_week"),
        ({**GOOD, "target_date": "2026-01-01"}, "before the start date"),
        ({**GOOD, "start_date": "2026-02-30"}, "start_date"),
        ({**GOOD, "name": "   "}, "name"),
        ([1, 2, 3], "JSON object"),
        ({**GOOD, "skils": {}}, "unknown field 'skils'"),
    ],
)
def test_a_bad_profile_exits_2_with_one_line_naming_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: object, expected: str
) -> None:
    profile = write(tmp_path, content)
    code, out, err = run(capsys, "analyze", "--profile", profile, "--role", "data-scientist")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and expected in err, err
    assert "Traceback" not in err


def test_other_bad_input_is_one_line_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = write(tmp_path, GOOD)
    cases = [
        (["analyze", "--profile", profile, "--role", "astronaut"], "unknown role 'astronaut'"),
        (
            ["plan", "--profile", profile, "--role", "data-scientist", "--start", "2026-02-30"],
            "'2026-02-30' is not a valid date",
        ),
        (
            ["plan", "--profile", profile, "--role", "data-scientist", "--hours", "0"],
            "hours per week",
        ),
        (
            ["plan", "--profile", profile, "--role", "data-scientist", "--hours", "nan"],
            "hours per week",
        ),
        (
            [
                "plan",
                "--profile",
                profile,
                "--role",
                "data-scientist",
                "--start",
                "2027-01-01",
                "--target",
                "2026-06-01",
            ],
            "not after the start date",
        ),
        (
            ["analyze", "--profile", str(tmp_path / "missing.json"), "--role", "data-scientist"],
            "no such file",
        ),
        (["analyze", "--profile", str(tmp_path), "--role", "data-scientist"], "is a folder"),
        (["frobnicate"], "invalid choice"),
    ]
    for argv, expected in cases:
        code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert err.count("\n") == 1 and expected in err, (argv, err)


def test_binary_and_non_utf8_profiles_are_refused_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(b"\x00\xff\xfe garbage \x89PNG")
    code, _, err = run(capsys, "analyze", "--profile", str(path), "--role", "data-scientist")
    assert code == 2 and "not a UTF-8 text file" in err
    path.write_text("[" * 100_000, encoding="utf-8")
    code, _, err = run(capsys, "analyze", "--profile", str(path), "--role", "data-scientist")
    assert code == 2 and err.count("\n") == 1


def test_no_subcommand_runs_the_app_it_is_given(capsys: pytest.CaptureFixture[str]) -> None:
    started: list[bool] = []
    assert main([], app=lambda args: started.append(True) or 0) == 0
    assert started == [True]
    # the core alone (python -m core.cli) says where the app is instead
    code, out, _ = run(capsys)
    assert code == 0 and "desktop app" in out


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
profile_like = st.fixed_dictionaries(
    {"name": st.text(max_size=30)},
    optional={
        "years_experience": json_values,
        "skills": st.dictionaries(
            st.sampled_from(["python", "sql", "nope", ""]),
            st.integers(-3, 8) | json_values,
            max_size=3,
        ),
        "hours_per_week": st.floats(allow_nan=True) | json_values,
        "start_date": st.dates().map(str) | json_values,
        "target_date": st.dates().map(str) | json_values,
    },
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=json_values | profile_like)
def test_any_json_is_either_a_profile_or_a_plain_profile_error(data: object) -> None:
    catalog = shipped_catalog()
    try:
        profile = parse_profile(data, catalog)
    except ProfileError as exc:
        assert "\n" not in str(exc) and str(exc)
    else:
        assert profile.name.strip()


def test_the_installed_command_runs_as_a_process(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "skillpath.core.cli", "demo", "--start", "2026-12-01", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["plan"]["role"]["id"] == "senior-ai-engineer"


def test_every_verb_is_mapped_to_the_module_that_adds_it() -> None:
    """A command builds only its own module's part of the parser, found in VERB_MODULES."""
    from skillpath.core.cli import VERB_MODULES, build_parser

    full = build_parser()
    sub = next(a for a in full._actions if a.__class__.__name__ == "_SubParsersAction")
    assert set(sub.choices) == set(VERB_MODULES)  # type: ignore[union-attr]
    for verb in VERB_MODULES:
        part = build_parser(only=verb)
        action = next(a for a in part._actions if a.__class__.__name__ == "_SubParsersAction")
        assert verb in action.choices, verb  # type: ignore[operator]
