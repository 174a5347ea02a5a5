"""Aiming at a real job from the terminal: a job ad saved as an own role (with its text), a
profile and a plan for it, several targets compared, profiles from JSON Resume and LinkedIn."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from skillpath.core.catalog import Catalog
from skillpath.core.cli import main
from skillpath.core.db import profiles
from skillpath.core.db.store import Store

JOBS = Path(__file__).resolve().parent / "jobs" / "files"
AD = JOBS / "09-data-scientist-us.md"


def run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def test_a_job_ad_becomes_an_own_role_with_its_text_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert run(data, "role", "from-job", str(AD)) == 0
    out = capsys.readouterr().out
    assert "Saved the job ad as your role" in out
    role_id = next(w for w in out.split() if w.startswith("(own-")).strip("():")
    with Store.open(data, daily_backup=False) as store:
        text = profiles.own_role_source(store, role_id)
    assert text is not None and "Data Scientist" in text
    assert run(data, "role", "show", role_id, "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["own"] and len(shown["required"]) >= 5
    assert "closest catalog role" in shown["summary"]
    # a profile and its plan aim at it like at any role
    assert run(data, "profile", "create", "Robin", "--role", role_id, "--skill", "python=3") == 0
    capsys.readouterr()
    assert run(data, "status", "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["role"]["id"] == role_id and status["total_count"] > 3
    # and saving it can be undone like any change
    assert run(data, "undo") == 0


def test_an_ad_that_names_no_known_skill_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ad = tmp_path / "vague.txt"
    ad.write_text("Great team player wanted.\nMust be passionate about synergy.\n")
    assert run(tmp_path / "data", "role", "from-job", str(ad)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no skill" in err


def test_compare_shows_readiness_side_by_side_and_the_shared_gaps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert run(data, "demo") == 0
    capsys.readouterr()
    code = run(
        data, "compare", "senior-ai-engineer", "data-scientist", str(AD), "--json"
    )  # fmt: skip
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    by_id = {t["id"]: t for t in result["targets"]}
    assert len(by_id) == 3
    closest = max(result["targets"], key=lambda t: t["readiness"])
    assert result["closest"] == closest["id"]
    assert all(0 <= t["readiness"] <= 100 and t["hours_to_ready"] > 0 for t in by_id.values())
    shared = result["shared_gaps"]
    assert shared and all(len(g["targets"]) >= 2 for g in shared)
    counts = [len(g["targets"]) for g in shared]
    assert counts == sorted(counts, reverse=True)  # the skills that pay off most come first


def test_compare_needs_two_targets_and_known_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    run(data, "demo")
    capsys.readouterr()
    assert run(data, "compare", "data-scientist") == 2
    assert run(data, "compare", "data-scientist", "no-such-role") == 2
    assert "neither a role id" in capsys.readouterr().err


def test_a_profile_from_a_json_resume_holds_its_certifications(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    resume = tmp_path / "resume.json"
    resume.write_text(
        json.dumps(
            {
                "basics": {"name": "Amina Yusuf", "label": "Backend Engineer"},
                "work": [
                    {
                        "name": "Acme",
                        "position": "Backend Engineer",
                        "startDate": "2019-03-01",
                        "highlights": ["Python and PostgreSQL services on Kubernetes"],
                    }
                ],
                "skills": [{"name": "Docker", "level": "Intermediate"}],
                "certificates": [{"name": "CKA: Certified Kubernetes Administrator"}],
            }
        )
    )
    data = tmp_path / "data"
    code = run(data, "profile", "create", "Amina", "--role", "devops-engineer",
               "--from-resume", str(resume))  # fmt: skip
    assert code == 0, capsys.readouterr().err
    with Store.open(data, daily_backup=False) as store:
        found = profiles.by_name(store, "Amina")
    assert found is not None
    assert "cncf-cka" in found.profile.certifications
    assert {"python", "kubernetes"} <= set(found.profile.skills)


def test_a_profile_from_linkedins_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "Basic_LinkedInDataExport.zip"
    with zipfile.ZipFile(export, "w") as z:
        z.writestr("Profile.csv", "First Name,Last Name,Headline\nKwame,Mensah,Android Developer\n")
        z.writestr(
            "Positions.csv",
            "Company Name,Title,Description,Location,Started On,Finished On\n"
            "Pesa,Android Developer,Kotlin and Jetpack Compose,Accra,Jan 2018,\n",
        )
        z.writestr("Skills.csv", "Name\nKotlin\nGit\n")
    data = tmp_path / "data"
    code = run(data, "profile", "create", "Kwame", "--role", "android-engineer",
               "--from-linkedin", str(export))  # fmt: skip
    assert code == 0, capsys.readouterr().err
    with Store.open(data, daily_backup=False) as store:
        found = profiles.by_name(store, "Kwame")
    assert found is not None and found.profile.skills["kotlin"] >= 3
    assert found.profile.years_experience > 5


def test_a_zip_without_the_expected_files_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "other.zip"
    with zipfile.ZipFile(export, "w") as z:
        z.writestr("notes.txt", "hello")
    data = tmp_path / "data"
    code = run(data, "profile", "create", "X", "--role", "android-engineer",
               "--from-linkedin", str(export))  # fmt: skip
    assert code == 2
    assert capsys.readouterr().err.count("\n") == 1
    with Store.open(data, daily_backup=False) as store:
        assert profiles.list_profiles(store) == []
