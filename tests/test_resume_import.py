"""Starting a profile from a JSON Resume or LinkedIn's data export: the same draft as a CV,
certifications, and the same one-line refusals of bad files."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from skillpath.core.catalog import Catalog
from skillpath.core.errors import CvError
from skillpath.core.resume_import import (
    MAX_FIELD,
    read_json_resume,
    read_linkedin_export,
)

TODAY = dt.date(2026, 11, 1)

# A resume in the published schema (jsonresume.org schema.json: basics, work, education,
# skills with level and keywords, certificates, projects).
RESUME: dict[str, Any] = {
    "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    "basics": {
        "name": "Amina Yusuf",
        "label": "Backend Engineer",
        "email": "amina@example.com",
        "summary": "Backend engineer; currently learning Rust.",
        "location": {"city": "Leeds", "countryCode": "GB"},
        "profiles": [
            {"network": "GitHub", "username": "aminay", "url": "https://github.com/aminay"}
        ],
    },
    "work": [
        {
            "name": "Acme Ltd",
            "position": "Backend Engineer",
            "startDate": "2019-03-01",
            "endDate": "2024-02",
            "summary": "Payments APIs in Python and FastAPI.",
            "highlights": ["Moved billing to PostgreSQL", "Ran Kubernetes clusters"],
        },
        {
            "name": "Foo",
            "position": "Developer",
            "startDate": "2024-03",
            "highlights": ["Services in Go"],
        },
    ],
    "volunteer": [{"organization": "Code Club", "position": "Mentor", "startDate": "2015"}],
    "education": [
        {
            "institution": "University of Leeds",
            "area": "Computer Science",
            "studyType": "BSc",
            "startDate": "2015",
            "endDate": "2018",
            "courses": ["Algorithms", "Statistics"],
        }
    ],
    "skills": [
        {"name": "Web Development", "level": "Advanced", "keywords": ["HTML", "CSS", "Django"]},
        {"name": "Docker", "level": "Beginner", "keywords": []},
        {"name": "Databases", "keywords": ["PostgreSQL", "Redis"]},
    ],
    "certificates": [
        {
            "name": "AWS Certified Solutions Architect – Associate",
            "date": "2022-05-01",
            "issuer": "Amazon Web Services",
        },
        {"name": "CKA: Certified Kubernetes Administrator", "issuer": "CNCF"},
        {"name": "First Aid at Work", "issuer": "Red Cross"},
    ],
    "projects": [{"name": "Home lab", "description": "A Terraform setup", "keywords": ["Ansible"]}],
}


def write_json(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_json_resume_becomes_a_draft_like_a_cv(tmp_path: Path, catalog: Catalog) -> None:
    draft = read_json_resume(write_json(tmp_path, RESUME), catalog, TODAY)
    assert (draft.name, draft.focus, draft.extraction) == (
        "Amina Yusuf",
        "Backend Engineer",
        "json-resume",
    )
    assert draft.years_experience == 7.8  # 2019-03..2024-02 and 2024-03..now; volunteer not
    assert [y.start for y in draft.years_from] == ["2019-03", "2024-03"]
    skills = {s.skill: s for s in draft.skills}
    assert skills["html-css"].level == 4 and "level: Advanced" in skills["html-css"].evidence
    assert skills["django"].level == 4  # the stated level wins
    assert skills["docker"].level == 1  # "Beginner"
    assert skills["python"].level == 4 and skills["python"].basis == "role"  # 5 years in a job
    assert skills["go"].level == 3  # in the current job, under four years
    assert skills["postgresql"].level == 4  # listed, and used at Acme for five years
    assert skills["terraform"].basis == "project" and skills["terraform"].level == 2
    assert skills["rust"].level == 1 and skills["rust"].basis == "learning"
    assert (
        skills["python"].evidence
        == "work: Backend Engineer at Acme Ltd — Payments APIs in Python and FastAPI."
    )
    assert draft.certifications == ["aws-solutions-architect-associate", "cncf-cka"]
    profile = draft.to_profile(hours_per_week=6)
    assert profile.skills["python"] == 4 and set(profile.skill_sources.values()) == {"cv"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2, 3], "not a JSON Resume"),
        ({"name": "Jane"}, "not a JSON Resume"),
        ({"basics": "Jane"}, "'basics' must be an object"),
        ({"work": "Acme 2019-2024"}, "'work' must be a list"),
        ({"work": ["Acme"]}, r"'work\[0\]' must be an object"),
        ({"work": [{"name": {"x": 1}}]}, r"work\[0\]\.name must be text"),
        ({"skills": [{"name": "Python", "keywords": "Django"}]}, "keywords must be a list"),
    ],
)
def test_a_wrong_schema_gets_one_clear_line(
    tmp_path: Path, data: object, message: str, catalog: Catalog
) -> None:
    with pytest.raises(CvError, match=message) as info:
        read_json_resume(write_json(tmp_path, data), catalog, TODAY)
    assert "\n" not in str(info.value) and str(info.value).startswith("resume.json: ")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe{\x00}\x00", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nests too deeply|not a JSON Resume"),
        (b"", "empty"),
    ],
)
def test_bad_json_files_get_one_clear_line(
    tmp_path: Path, content: bytes, message: str, catalog: Catalog
) -> None:
    path = tmp_path / "resume.json"
    path.write_bytes(content)
    with pytest.raises(CvError, match=message) as info:
        read_json_resume(path, catalog, TODAY)
    assert "\n" not in str(info.value)


def test_a_50_mb_file_is_refused_before_reading(tmp_path: Path, catalog: Catalog) -> None:
    for name, reader in (("resume.json", read_json_resume), ("export.zip", read_linkedin_export)):
        path = tmp_path / name
        with path.open("wb") as fh:
            fh.truncate(50 * 1024 * 1024)
        with pytest.raises(CvError, match="too large"):
            reader(path, catalog, TODAY)


def test_hostile_text_comes_through_as_plain_text(tmp_path: Path, catalog: Catalog) -> None:
    data = {
        "basics": {
            "name": "<script>alert('x')</script> Jane\u202e\u0000 Doe\x07",
            "label": "مهندسة برمجيات",  # Arabic, right to left: kept
            "summary": "Python " + "x" * 1_000_000,
        },
        "skills": [{"name": "<b>Docker</b>", "keywords": ["Kubernetes\u0000", "\u202eGo"]}],
    }
    draft = read_json_resume(write_json(tmp_path, data), catalog, TODAY)
    assert draft.name == "<script>alert('x')</script> Jane Doe"
    assert draft.focus == "مهندسة برمجيات"
    assert {"python", "docker", "kubernetes", "go"} <= {s.skill for s in draft.skills}
    for skill in draft.skills:
        assert len(skill.evidence) <= 200
        assert not any(ord(ch) < 32 or 0x202A <= ord(ch) <= 0x202E for ch in skill.evidence)
    assert MAX_FIELD < 1_000_000


# ------------------------------------------------------------------ LinkedIn's export

# The headers of LinkedIn's "Get a copy of your data" CSVs.
PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    "Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    'Kwame,Mensah,,,,Android Developer,"Android developer; interested in Flutter.",'
    'Software Development,,"Accra, Ghana",,,\n'
)
POSITIONS = (
    "Company Name,Title,Description,Location,Started On,Finished On\n"
    'Pesa Mobile,Android Developer,"Jetpack Compose rewrite of the wallet app, in Kotlin.\n'
    'Espresso UI tests.",Accra,Nov 2020,\n'
    "Savannah Apps,Mobile Developer,Java Android apps with Firebase,Kumasi,Jan 2018,Oct 2020\n"
)
SKILLS = "Name\nKotlin\nJava\nGit\nLeadership\n"
EDUCATION = (
    "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
    "KNUST,2013,2017,,BSc Computer Science,Robotics club\n"
)
CERTIFICATIONS = (
    "Name,Url,Authority,Started On,Finished On,License Number\n"
    "Associate Android Developer,,Google,Mar 2021,,\n"
    "Certified Kubernetes Administrator (CKA),https://example.com,The Linux Foundation,"
    "Jun 2023,Jun 2026,LF-1\n"
)


def write_zip(tmp_path: Path, files: dict[str, str | bytes], name: str = "export.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for member, content in files.items():
            z.writestr(member, content)
    return path


def test_linkedin_export_becomes_a_draft(tmp_path: Path, catalog: Catalog) -> None:
    path = write_zip(
        tmp_path,
        {
            "Basic_LinkedInDataExport_11-01-2026/Profile.csv": PROFILE,
            "Basic_LinkedInDataExport_11-01-2026/Positions.csv": POSITIONS,
            "Basic_LinkedInDataExport_11-01-2026/Skills.csv": SKILLS,
            "Basic_LinkedInDataExport_11-01-2026/Education.csv": EDUCATION,
            "Basic_LinkedInDataExport_11-01-2026/Certifications.csv": CERTIFICATIONS,
            "Basic_LinkedInDataExport_11-01-2026/messages.csv": "CONVERSATION ID,FROM\n1,x\n",
        },
    )
    draft = read_linkedin_export(path, catalog, TODAY)
    assert (draft.name, draft.focus, draft.extraction) == (
        "Kwame Mensah",
        "Android Developer",
        "linkedin-export",
    )
    assert draft.years_experience == 8.9  # Jan 2018 .. now, the current job has no end
    skills = {s.skill: s for s in draft.skills}
    assert skills["kotlin"].level == 4 and skills["kotlin"].basis == "role"
    assert skills["jetpack-compose"].evidence.startswith(
        "Positions.csv: Android Developer at Pesa Mobile"
    )
    assert skills["git"].level == 1 and skills["git"].evidence == "Skills.csv: Git"
    assert skills["flutter"].basis == "learning"
    assert draft.certifications == ["cncf-cka"]


def test_linkedin_export_with_only_skills(tmp_path: Path, catalog: Catalog) -> None:
    draft = read_linkedin_export(write_zip(tmp_path, {"Skills.csv": SKILLS}), catalog, TODAY)
    assert {"kotlin", "java", "git"} <= {s.skill for s in draft.skills}
    assert draft.years_experience == 0 and draft.name == ""
    assert "no name was found; type it in" in draft.warnings


def test_unreadable_linkedin_dates_are_noted_not_fatal(tmp_path: Path, catalog: Catalog) -> None:
    positions = (
        "Company Name,Title,Description,Location,Started On,Finished On\nA,Dev,,,sometime,\n"
    )
    draft = read_linkedin_export(write_zip(tmp_path, {"Positions.csv": positions}), catalog, TODAY)
    assert draft.years_experience == 0
    assert any("could not be read" in w for w in draft.warnings)


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Positions.csv", b"Company Name,Title\n" + b"a" * (30 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip at all", "not a zip file"),
        ("zip:Connections.csv", "none of LinkedIn's Profile.csv"),
        ("bomb", "unpacks to more than"),
        (b"", "empty"),
    ],
)
def test_bad_exports_get_one_clear_line(
    tmp_path: Path, content: bytes | str, message: str, catalog: Catalog
) -> None:
    path = tmp_path / "export.zip"
    if content == "bomb":
        path.write_bytes(_bomb())
        assert path.stat().st_size < 200_000
    elif isinstance(content, str):
        write_zip(tmp_path, {content[4:]: "First Name,Last Name\nA,B\n"})
    else:
        path.write_bytes(content)
    with pytest.raises(CvError, match=message) as info:
        read_linkedin_export(path, catalog, TODAY)
    assert "\n" not in str(info.value)


def test_hostile_csv_fields_come_through_as_plain_text(tmp_path: Path, catalog: Catalog) -> None:
    huge = "Python " * 300_000  # a field far beyond the csv module's default limit
    profile = (
        "First Name,Last Name,Headline,Summary\n"
        f'"<img src=x onerror=alert(1)>","Ab\u202e\x00dul","\u05de\u05e4\u05ea\u05d7","{huge}"\n'
    )
    draft = read_linkedin_export(write_zip(tmp_path, {"Profile.csv": profile}), catalog, TODAY)
    assert draft.name == "<img src=x onerror=alert(1)> Abdul"
    assert draft.focus == "מפתח"
    python = next(s for s in draft.skills if s.skill == "python")
    assert len(python.evidence) <= 200
