"""Reading a job ad: skills with priority, level and evidence; title, company, years; bad files."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from skillpath.core.catalog import Catalog
from skillpath.core.cli import main
from skillpath.core.errors import CvError
from skillpath.core.job import JobAd, read_job, read_job_text
from skillpath.core.models import RequiredSkill

JOB_DIR = Path(__file__).parent / "jobs"


def asked(text: str, catalog: Catalog) -> dict[str, tuple[str, int]]:
    ad = read_job_text(text, catalog)
    return {s.skill: (s.priority, s.level) for s in ad.skills}


def test_labelled_ads_meet_the_targets(catalog: Catalog) -> None:
    labels = tomllib.loads((JOB_DIR / "labels.toml").read_text(encoding="utf-8"))["job"]
    assert len(labels) >= 15
    tp = fp = fn = right = titles = companies = 0
    for name, label in labels.items():
        ad = read_job(JOB_DIR / "files" / name, catalog)
        got = {s.skill: s.priority for s in ad.skills}
        want = label["skills"]
        both = set(got) & set(want)
        tp, fp, fn = tp + len(both), fp + len(set(got) - set(want)), fn + len(set(want) - set(got))
        right += sum(got[k] == want[k] for k in both)
        titles += ad.title == label["title"]
        companies += ad.company == label["company"]
        assert ad.years_required == label.get("years"), name
    assert tp / (tp + fp) >= 0.92
    assert tp / (tp + fn) >= 0.88
    assert right / tp >= 0.85
    assert titles >= len(labels) - 1 and companies >= len(labels) - 1


def test_salary_benefits_and_about_us_name_no_skills(catalog: Catalog) -> None:
    ad = read_job(JOB_DIR / "files" / "05-salary-benefits.md", catalog)
    found = {s.skill for s in ad.skills}
    assert "kubernetes" not in found  # only in "Learning budget ... AWS or Kubernetes"
    assert all("conference" not in s.evidence and "budget" not in s.evidence for s in ad.skills)
    python = next(s for s in ad.skills if s.skill == "python")
    assert python.evidence == "Strong Python and PyTorch" and python.priority == "critical"


def test_a_saved_page_reads_only_visible_text_and_runs_nothing(catalog: Catalog) -> None:
    ad = read_job(JOB_DIR / "files" / "06-saved-page-sre.html", catalog)
    found = {s.skill for s in ad.skills}
    # named only in <script>, <style>, <noscript> and <template>
    assert not {"haskell", "rust", "elixir"} & found
    assert (ad.title, ad.company, ad.extraction) == (
        "Site Reliability Engineer",
        "Larkfield Games",
        "html",
    )


def test_hidden_html_and_markup_in_text(tmp_path: Path, catalog: Catalog) -> None:
    page = tmp_path / "ad.html"
    page.write_text(
        "<html><body><h1>Data Engineer</h1><h2>Requirements</h2><ul>"
        "<li>Python &amp; SQL</li><li hidden>Haskell</li>"
        "<li style='display: none'>Scala</li><li>&lt;b&gt;Airflow&lt;/b&gt;</li>"
        "<li><img src=x onerror=alert(1)>Docker</li></ul></body></html>",
        encoding="utf-8",
    )
    ad = read_job(page, catalog)
    assert {s.skill for s in ad.skills} == {"python", "sql", "airflow", "docker"}
    assert ad.title == "Data Engineer"


@pytest.mark.parametrize(
    ("line", "skill", "priority", "level"),
    [
        ("5+ years of Python", "python", "critical", 4),
        ("Expert knowledge of SQL", "sql", "critical", 5),
        ("Familiarity with Docker", "docker", "critical", 2),
        ("Strong Kubernetes skills", "kubernetes", "critical", 4),
        ("Experience with Terraform", "terraform", "critical", 3),
        ("Docker and AWS (SageMaker a plus)", "docker", "critical", 3),
        ("Relational databases, ideally PostgreSQL", "postgresql", "nice-to-have", 2),
        ("Go is a must", "go", "critical", 3),
    ],
)
def test_priority_and_level_follow_the_rule(
    line: str, skill: str, priority: str, level: int, catalog: Catalog
) -> None:
    got = asked(f"Backend Engineer\nRequirements\n- {line}\n", catalog)
    assert got[skill] == (priority, level)


def test_headings_set_priority_and_a_skill_keeps_its_highest(catalog: Catalog) -> None:
    got = asked(
        "Backend Engineer\nWhat you'll do\n- Build services in Go on Kubernetes\n"
        "Must have\n- Go\nNice to have\n- Kubernetes, Rust\nBenefits\n- Python conference\n",
        catalog,
    )
    assert got["go"][0] == "critical"
    assert got["kubernetes"][0] == "important"
    assert got["rust"][0] == "nice-to-have"
    assert "python" not in got


def test_years_unmatched_lines_and_role_dict(catalog: Catalog) -> None:
    ad = read_job_text(
        "Senior Data Engineer at Acme\nRequirements\n- 3-5 years of experience\n"
        "- Python and dbt\n- A driving licence\n- Excellent written English\n",
        catalog,
    )
    assert ad.years_required == 3
    assert ad.title == "Senior Data Engineer" and ad.company == "Acme"
    assert ad.unmatched == [
        "3-5 years of experience",
        "A driving licence",
        "Excellent written English",
    ]
    role = ad.to_role(taken=("own-senior-data-engineer-at-acme",))
    assert role["id"] == "own-senior-data-engineer-at-acme-2"
    assert role["title"] == "Senior Data Engineer at Acme"
    assert [RequiredSkill.model_validate(r).skill for r in role["required"]] == ["python", "dbt"]


def test_a_role_keeps_at_most_25_skills_most_important_first(catalog: Catalog) -> None:
    names = [s.name for s in list(catalog.skills.values())[:40]]
    ad = JobAd.model_validate(
        {
            "title": "Everything Engineer",
            "skills": [
                {
                    "skill": sid,
                    "name": sid,
                    "priority": "nice-to-have" if i < 30 else "critical",
                    "level": 2,
                    "evidence": "x",
                    "line_number": 1,
                }
                for i, sid in enumerate(list(catalog.skills)[:40])
            ],
        }
    )
    role = ad.to_role()
    assert len(role["required"]) == 25 and len(names) == 40
    assert [r["priority"] for r in role["required"][:10]] == ["critical"] * 10


def test_cli_job_json_has_the_agreed_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["job", str(JOB_DIR / "files" / "02-startup-bullets.md"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"title", "company", "years_required", "skills", "unmatched"} <= set(data)
    assert {"skill", "priority", "level", "evidence"} <= set(data["skills"][0])
    assert data["title"] == "Founding Full-Stack Engineer" and data["company"] == "Tiny Otter"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ad.rtf", b"{\\rtf1 hello}", "not read"),
        ("ad.txt", b"", "empty"),
        ("ad.pdf", b"not a pdf", "not a PDF"),
        ("ad.docx", b"not a zip", "not a Word .docx"),
        ("ad.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
    ],
)
def test_bad_ad_files_get_one_clear_line(
    tmp_path: Path, name: str, content: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CvError, match=message):
        read_job(path, catalog=None)  # type: ignore[arg-type]  # refused before matching
    assert main(["job", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1


def test_an_ad_over_10_mb_is_refused(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "ad.html"
    with path.open("wb") as fh:
        fh.truncate(11 * 1024 * 1024)
    with pytest.raises(CvError, match="too large"):
        read_job(path, catalog)
