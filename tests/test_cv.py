"""Reading a CV: skills with evidence, years of experience, name and focus, and bad files."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from skillpath.core.catalog import Catalog, load_catalog
from skillpath.core.cli import main
from skillpath.core.cv import CvDraft, date_ranges, merged_months, read_cv, read_cv_text
from skillpath.core.cv_text import columns_in_reading_order
from skillpath.core.errors import CvError

CV_DIR = Path(__file__).parent / "cv"
TODAY = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def skills_of(text: str, catalog: Catalog) -> set[str]:
    return {s.skill for s in read_cv_text(text, catalog, TODAY).skills}


# ------------------------------------------------------------------ the labelled set


def test_labelled_set_meets_the_targets(catalog: Catalog) -> None:
    labels = tomllib.loads((CV_DIR / "labels.toml").read_text(encoding="utf-8"))
    assert len(labels["cv"]) >= 12
    tp = fp = fn = 0
    for name, label in labels["cv"].items():
        draft = read_cv(CV_DIR / "files" / name, catalog, labels["today"])
        found = {s.skill for s in draft.skills}
        expected = set(label["skills"])
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
        assert abs(draft.years_experience - label["years"]) <= 1.0, name
        assert draft.name, name
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + fn) >= 0.90


def test_every_skill_comes_with_the_line_it_was_found_on(catalog: Catalog) -> None:
    path = CV_DIR / "files" / "06-career-changer.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    for skill in read_cv(path, catalog, TODAY).skills:
        assert skill.evidence in lines[skill.line_number - 1].replace("**", "")


def test_two_column_pdf_does_not_glue_the_columns(catalog: Catalog) -> None:
    draft = read_cv(CV_DIR / "files" / "02-frontend-two-column.pdf", catalog, TODAY)
    found = {s.skill for s in draft.skills}
    # "React" beside "Native ...", "Go" beside "Google ...", "Java" beside "Script ..."
    assert "react-native" not in found
    assert {"react", "go", "java"} <= found
    assert "gcp" not in found
    go = next(s for s in draft.skills if s.skill == "go")
    assert go.evidence == "Go"


def test_columns_are_read_left_then_right() -> None:
    rows = [
        f"{left:<30}{right}"
        for left, right in [
            ("SKILLS", "EXPERIENCE"),
            ("Python", "Engineer, Acme  2020 - Present"),
            ("React", "Native apps for banks"),
            ("Go", "Google Cloud migration"),
            ("Java", "Script automation"),
            ("Docker", "Wrote the deploy tooling"),
        ]
    ]
    lines = columns_in_reading_order(["Jane Doe", *rows])
    assert lines[0] == "Jane Doe"
    assert lines.index("Java") < lines.index("EXPERIENCE")
    assert "React" in lines and "Native apps for banks" in lines


# ------------------------------------------------------------------ matching


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Skills: JavaScript, HTML", {"javascript"}, {"java"}),
        ("Worked at Google on search ranking", set(), {"go", "gcp"}),
        ("Skills: Go, Python", {"go", "python"}, set()),
        ("I was the go-to person for releases. Go-to-market launch.", set(), {"go"}),
        ("Built services in NodeJS and Node.js", {"nodejs"}, set()),
        ("Skills: C/C++, Rust", {"c", "cpp", "rust"}, set()),
        ("Built the UI in JavaScript/TypeScript", {"javascript", "typescript"}, set()),
        (
            "Ran k8s clusters with sklearn models on Postgres",
            {"kubernetes", "scikit-learn", "postgresql"},
            set(),
        ),
        ("Reported to the C-level; ran R&D for vitamin C products", set(), {"c", "r"}),
        ("Statistics in R and Python", {"r", "python"}, set()),
        ("Head Chef at La Tavola; kept HACCP compliance", set(), {"ansible", "grc"}),
        ("Shipped React Native apps", {"react-native"}, {"react"}),
        ("Went back to university in Spring 2019", set(), {"spring-boot"}),
        ("Contact: jane@github.com, https://gitlab.com/jane", set(), {"git"}),
        (
            "Administered 5 ml doses; patient monitoring",
            set(),
            {"machine-learning", "observability"},
        ),
        ("Skills: ES6+, TypeScript", {"javascript", "typescript"}, set()),
    ],
)
def test_matching(text: str, present: set[str], absent: set[str], catalog: Catalog) -> None:
    found = skills_of("Jane Doe\n" + text, catalog)
    assert present <= found
    assert not absent & found


def test_levels_follow_how_a_skill_appears(catalog: Catalog) -> None:
    draft = read_cv_text(
        "Jane Doe\nExperience\nEngineer, Acme | Jan 2018 - Present\n- Built APIs in Python\n"
        "Analyst, Foo | 2016 - 2017\n- SQL reports\nProjects\n- A Rust toy compiler\n"
        "Skills\nPython, SQL, Rust, Docker\n",
        catalog,
        TODAY,
    )
    levels = {s.skill: (s.level, s.basis) for s in draft.skills}
    assert levels["python"] == (4, "role")  # in a job held for years
    assert levels["sql"] == (3, "role")
    assert levels["rust"] == (2, "project")
    assert levels["docker"] == (1, "listed")
    assert draft.focus == "Engineer"


# ------------------------------------------------------------------ dates


def months(text: str) -> int:
    return merged_months(date_ranges(text, TODAY))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan 2020 - Mar 2022", 27),
        ("January 2020 – March 2022", 27),
        ("06/2024 - 08/2024", 3),
        ("2021 - 2023", 36),
        ("2024-01 to 2024-06", 6),
        ("15.03.2016 – 30.06.2018", 28),
        ("Sept. 2026 – current", 3),
        ("Sep 2026 - now", 3),
        ("Sep 2026 - Present", 3),
        ("since March 2026", 9),
        ("Summer 2024", 3),
        ("Phone +49 170 1234 5678", 0),
    ],
)
def test_date_ranges(text: str, expected: int) -> None:
    assert months(text) == expected


def test_overlapping_ranges_are_counted_once(catalog: Catalog) -> None:
    draft = read_cv_text(
        "Jane Doe\nWork experience\nEngineer | Jan 2020 - Dec 2021\n"
        "Consultant (part-time) | Jan 2021 - Dec 2022\nEducation\nBSc, 2010 - 2014\n",
        catalog,
        TODAY,
    )
    assert draft.years_experience == 3.0


def test_names_in_other_scripts_and_capitals(catalog: Catalog) -> None:
    assert read_cv_text("MICHAEL O'BRIEN\nData Engineer", catalog).name == "Michael O'Brien"
    assert read_cv_text("# Zhang Wei (张伟)\n", catalog).name == "Zhang Wei (张伟)"
    assert read_cv_text("Curriculum Vitae\nName: MÜLLER, Anna\n", catalog).name == "Anna Müller"


# ------------------------------------------------------------------ the profile


def test_draft_becomes_a_profile_only_with_a_name(catalog: Catalog) -> None:
    draft = read_cv(CV_DIR / "files" / "01-backend-one-column.pdf", catalog, TODAY)
    profile = draft.to_profile(hours_per_week=6)
    assert profile.name == "Aisha Rahman"
    assert profile.hours_per_week == 6
    assert set(profile.skill_sources.values()) == {"cv"}
    assert profile.skills["python"] >= 3
    with pytest.raises(CvError, match="no name"):
        CvDraft().to_profile()


# ------------------------------------------------------------------ bad files


def _write_pdf(path: Path, text: str | None, password: str | None = None) -> Path:
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    if text:
        c.drawString(72, 720, text)
    else:
        c.rect(72, 500, 300, 200, fill=1)  # a "scan": shapes and no text
    c.save()
    if password:
        writer = PdfWriter(clone_from=PdfReader(path))
        writer.encrypt(user_password=password, algorithm="RC4-128")
        writer.write(path)
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "no text"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        ("random.txt", bytes(range(256)) * 8, "not a text file"),
        ("cv.doc", b"\xd0\xcf\x11\xe0 old word", "save it as .docx or PDF"),
        ("cv.docx", b"this is not a zip", "not a Word .docx"),
        ("cv.pdf", b"hello, not a pdf", "not a PDF"),
    ],
)
def test_bad_files_get_a_clear_message(
    tmp_path: Path, name: str, content: bytes, message: str, catalog: Catalog
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CvError, match=message) as info:
        read_cv(path, catalog)
    assert "\n" not in str(info.value)


def test_image_only_pdf_says_there_is_no_text_layer(tmp_path: Path, catalog: Catalog) -> None:
    path = _write_pdf(tmp_path / "scan.pdf", None)
    with pytest.raises(CvError, match="no text layer"):
        read_cv(path, catalog)


def test_encrypted_pdf_is_refused(tmp_path: Path, catalog: Catalog) -> None:
    path = _write_pdf(tmp_path / "locked.pdf", "Jane Doe, Python", password="secret")
    with pytest.raises(CvError, match="encrypted"):
        read_cv(path, catalog)


def test_a_50_mb_file_is_refused_before_reading(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: instant
    with pytest.raises(CvError, match=r"50\.0 MB"):
        read_cv(path, catalog)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_text_in_other_encodings_is_read(tmp_path: Path, encoding: str, catalog: Catalog) -> None:
    path = tmp_path / "cv.txt"
    text = "José Müller-Señor\nSkills\nPython, Django, PostgreSQL, Docker, Kubernetes\n"
    path.write_bytes(text.encode(encoding))
    draft = read_cv(path, catalog)
    assert draft.name == "José Müller-Señor"
    assert {"python", "django", "postgresql", "docker", "kubernetes"} <= {
        s.skill for s in draft.skills
    }


# ------------------------------------------------------------------ command line


def test_cli_prints_json_with_the_agreed_keys(capsys: pytest.CaptureFixture[str]) -> None:
    path = CV_DIR / "files" / "03-ats-plain.txt"
    assert main(["cv", str(path), "--json", "--today", "2026-11-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "Michael O'Brien"
    assert data["years_experience"] == 7.7
    assert {"skill", "name", "level", "evidence"} <= set(data["skills"][0])


def test_cli_role_prints_the_gap_analysis(
    capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    role = next(iter(catalog.roles))
    assert main(["cv", str(CV_DIR / "files" / "10-ml-engineer.md"), "--role", role]) == 0
    out = capsys.readouterr().out
    assert "Readiness:" in out and "Zhang Wei" in out


def test_cli_bad_file_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert main(["cv", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty" in err


def test_profile_create_from_a_cv_saves_the_detected_skills_as_cv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from skillpath.core.cli import main
    from skillpath.core.db.profiles import by_name
    from skillpath.core.db.store import Store

    source = sorted((Path(__file__).parent / "cv" / "files").glob("*.txt"))[0]
    data = tmp_path / "data"
    code = main(
        [
            "profile",
            "create",
            "Lee Park",
            "--role",
            "backend-engineer",
            "--from-cv",
            str(source),
            "--data-dir",
            str(data),
        ]
    )
    assert code == 0, capsys.readouterr().err
    with Store.open(data, daily_backup=False) as store:
        found = by_name(store, "Lee Park")
        assert found is not None
        profile = found.profile
    assert profile.name == "Lee Park" and len(profile.skills) >= 5
    assert set(profile.skill_sources.values()) == {"cv"}
    assert profile.years_experience > 0
