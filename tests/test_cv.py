"""Reading a CV: skills with evidence, years of experience, name and focus, and bad files."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from skillpath.core.catalog import Catalog, load_catalog
from skillpath.core.cli import main
from skillpath.core.cv import (
    CvDraft,
    date_ranges,
    merged_months,
    read_cv,
    read_cv_lines,
    read_cv_text,
)
from skillpath.core.cv_pdf import columns_in_reading_order
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
    assert len(labels["cv"]) >= 30
    tp = fp = fn = 0
    errors: list[float] = []
    for name, label in labels["cv"].items():
        draft = read_cv(CV_DIR / "files" / name, catalog, labels["today"])
        found = {s.skill for s in draft.skills}
        expected = set(label["skills"])
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
        errors.append(abs(draft.years_experience - label["years"]))
        assert errors[-1] <= 1.5, name
        assert draft.name, name
        levels = {s.skill: s.level for s in draft.skills}
        for skill in label.get("learning", []):
            assert levels.get(skill, 0) <= 1, (name, skill)
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + fn) >= 0.92
    assert sum(e <= 1.0 for e in errors) >= 0.9 * len(errors)


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
        # incident response is operations near outages and postmortems, security otherwise
        (
            "Led incident response for P1 outages and wrote the postmortem template",
            {"incident-management"},
            {"incident-response"},
        ),
        (
            "Phishing investigations and incident response runbooks",
            {"incident-response"},
            {"incident-management"},
        ),
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


# ------------------------------------------------------------------ CVs as people send them


def test_a_builder_pdf_that_layout_mode_reads_empty_is_read_the_plain_way(
    catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    path = CV_DIR / "files" / "18-builder-xobject.pdf"
    draft = read_cv(path, catalog, TODAY)
    assert draft.extraction == "pdf-plain"
    assert draft.name == "Sofia Lindqvist"
    assert draft.years_experience >= 8.5
    assert main(["cv", str(path), "--json", "--today", "2026-11-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["extraction"] == "pdf-plain"
    assert data["years_from"][0]["text"].startswith("2021–present ML Engineer")
    layout = read_cv(CV_DIR / "files" / "01-backend-one-column.pdf", catalog, TODAY)
    assert layout.extraction == "pdf-layout"


def test_timeline_with_en_dash_under_experiences_counts_years(catalog: Catalog) -> None:
    draft = read_cv_text(
        "Jane Doe\nEXPERIENCES\n2021–present  ML Engineer, Nordlicht AI, Berlin\n"
        "  Trained models in PyTorch\n2018–2020  Data Analyst, Foo GmbH\n",
        catalog,
        TODAY,
    )
    assert draft.years_experience == 8.9  # 2021-01..2026-11 and 2018-01..2020-12
    assert [y.line_number for y in draft.years_from] == [3, 5]
    assert draft.years_from[0].start == "2021-01" and draft.years_from[0].end == "2026-11"
    assert {s.skill: s.level for s in draft.skills}["pytorch"] >= 3


@pytest.mark.parametrize(
    ("line", "skill"),
    [
        ("Currently learning machine learning on evenings", "machine-learning"),
        ("Interested in Rust and WebAssembly", "rust"),
        ("Familiar with Terraform; strong in Python", "terraform"),
        ("Familiarity with Kubernetes", "kubernetes"),
    ],
)
def test_learning_interested_familiar_give_level_1_with_that_line(
    line: str, skill: str, catalog: Catalog
) -> None:
    draft = read_cv_text(
        f"Jane Doe\nExperience\nEngineer, Acme | 2015 - Present\n- {line}\n", catalog, TODAY
    )
    found = {s.skill: s for s in draft.skills}
    assert found[skill].level == 1 and found[skill].basis == "learning"
    assert found[skill].evidence == line


def test_learning_inside_a_skill_name_caps_nothing(catalog: Catalog) -> None:
    draft = read_cv_text(
        "Jane Doe\nExperience\nML Engineer, Acme | 2015 - Present\n"
        "- Deep learning with PyTorch; machine learning pipelines on Kubernetes\n",
        catalog,
        TODAY,
    )
    levels = {s.skill: s.level for s in draft.skills}
    assert levels["pytorch"] >= 3 and levels["kubernetes"] >= 3 and levels["deep-learning"] >= 3


def test_a_list_ending_with_a_full_stop_keeps_its_last_item(catalog: Catalog) -> None:
    found = skills_of("Cloud & Tools: AWS, RESTful APIs, Git, Figma.", catalog)
    assert {"aws", "rest-apis", "git", "ux-design"} <= found


def test_evidence_shows_no_layout_debris(catalog: Catalog) -> None:
    # A wide gap inside a PDF line arrives as a tab; the person sees words, not bars.
    draft = read_cv_lines(
        [
            "Jane Doe",
            "Experience",
            "Engineer, Acme\t\t2019 - Present",
            "Applied\tcreative\tand careful: Python services\t",
        ],
        catalog,
        TODAY,
    )
    python = next(s for s in draft.skills if s.skill == "python")
    assert python.evidence == "Applied creative and careful: Python services"
    assert "|" not in python.evidence


def test_coverage_and_mentoring_in_a_job_count_as_used(catalog: Catalog) -> None:
    draft = read_cv_text(
        "Jane Doe\nExperience\nBackend Developer, Finly | 2021 - 2023\n"
        "- Raised unit test coverage to 90% code coverage\n- Mentored team of 5\n",
        catalog,
        TODAY,
    )
    levels = {s.skill: (s.level, s.basis) for s in draft.skills}
    assert levels["software-testing"] == (3, "role")
    assert levels["leadership"] == (3, "role")


def test_years_count_work_freelance_internships_not_clubs_or_breaks(catalog: Catalog) -> None:
    draft = read_cv_text(
        "Jane Doe\nExperience\n"
        "Software Engineering Intern, Acme | Jun 2025 - Aug 2025\n"
        "Freelance web developer (self-employed) | Jan 2023 - Dec 2023\n"
        "Treasurer, University Robotics Society | 2019 - 2021\n"
        "Events Committee member, CompSoc | Sep 2017 - May 2018\n"
        "Career break (family) | Jan 2024 - Dec 2024\n",
        catalog,
        TODAY,
    )
    assert draft.years_experience == 1.2  # 3 + 12 months
    assert [y.line_number for y in draft.years_from] == [3, 4]
    assert sum("not counted as work" in w for w in draft.warnings) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("06/2024 - 07/2025", 14),
        ("Feb 2025 – Jul 2025", 6),
        ("2023-2025", 36),
        ("01/09/2019 – 31/08/2022", 36),
        ("01/09/2019 – CURRENT", 87),
        ("2021–present  ML Engineer, Acme", 71),
    ],
)
def test_more_date_shapes(text: str, expected: int) -> None:
    assert months(text) == expected


def test_a_lone_month_counts_as_one_month_only_as_an_entry_date(catalog: Catalog) -> None:
    assert merged_months(date_ranges("06/2024", TODAY, lone=True)) == 1
    assert (
        merged_months(date_ranges("Testing cover, Elbe Digital | 06/2020", TODAY, lone=True)) == 1
    )
    assert date_ranges("06/2024", TODAY) == []
    draft = read_cv_text(
        "Jane Doe\nExperience\nTester, Elbe Digital\n06/2020\n- Released v2 in 03/2021\n",
        catalog,
        TODAY,
    )
    assert draft.years_experience == 0.1
    assert [y.text for y in draft.years_from] == ["06/2020"]


# ------------------------------------------------------------------ hostile and odd files


def _docx(path: Path, document_xml: bytes, extra: dict[str, bytes] | None = None) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _body(inner: str) -> bytes:
    return f"<w:document {W_NS}><w:body>{inner}</w:body></w:document>".encode()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b"<lolz>&lol3;</lolz>"
)


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (b"<w:document><w:body><w:p>", "malformed"),
        (BILLION_LAUGHS, "not allowed"),
        (
            (f"<w:document {W_NS}><w:body>" + "<w:sdt><w:sdtContent>" * 300).encode(),
            "more than 256 levels",
        ),
        (b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', "not allowed"),
    ],
)
def test_hostile_word_xml_gets_one_clear_line(
    tmp_path: Path, xml: bytes, message: str, catalog: Catalog
) -> None:
    path = _docx(tmp_path / "cv.docx", xml)
    with pytest.raises(CvError, match=message) as info:
        read_cv(path, catalog)
    assert "\n" not in str(info.value)


def test_a_word_zip_bomb_is_refused_without_unpacking_it(tmp_path: Path, catalog: Catalog) -> None:
    # 40 MB of spaces packs into about 40 KB; only 16 MB are ever unpacked.
    filler = b" " * (40 * 1024 * 1024)
    path = _docx(
        tmp_path / "bomb.docx", _body("<w:p><w:r><w:t>Jane Doe</w:t></w:r></w:p>") + filler
    )
    assert path.stat().st_size < 200_000
    with pytest.raises(CvError, match="unpacks to more than"):
        read_cv(path, catalog)


def test_word_headers_text_boxes_and_alternate_content_are_read_once(
    tmp_path: Path, catalog: Catalog
) -> None:
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    box = (
        f"<w:p><w:r><mc:AlternateContent {mc}><mc:Choice><w:drawing><w:txbxContent>"
        "<w:p><w:r><w:t>Skills</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Python, Docker, Kubernetes</w:t></w:r></w:p>"
        "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        "<w:p><w:r><w:t>Python, Docker, Kubernetes</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    header = f"<w:hdr {W_NS}><w:p><w:r><w:t>Jane Doe | jane@example.com</w:t></w:r></w:p></w:hdr>"
    path = _docx(
        tmp_path / "cv.docx",
        _body(box),
        {"word/header1.xml": header.encode(), "word/header2.xml": header.encode()},
    )
    draft = read_cv(path, catalog)
    assert draft.name == "Jane Doe" and draft.extraction == "docx"
    assert {"python", "docker", "kubernetes"} <= {s.skill for s in draft.skills}
    from skillpath.core.cv_text import read_cv_file

    lines = [t for t in read_cv_file(path).lines if t.strip()]
    assert lines.count("Python, Docker, Kubernetes") == 1
    assert lines.count("Jane Doe | jane@example.com") == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "token",
    ["a" * (5 * 1024 * 1024), "http://" + "a" * (5 * 1024 * 1024), "a@" * (2 * 1024 * 1024)],
    ids=["letters", "url", "at-signs"],
)
def test_one_huge_token_is_read_in_bounded_time(tmp_path: Path, token: str) -> None:
    import subprocess
    import sys

    path = tmp_path / "cv.txt"
    path.write_text(f"Jane Doe\nSkills\nPython, Docker\n{token}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "skillpath.core.cli", "cv", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,  # quadratic matching took minutes on 5 MB
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert {"python", "docker"} <= {s["skill"] for s in json.loads(done.stdout)["skills"]}


def test_short_latin1_cv_is_read_as_western_not_baltic(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "cv.txt"
    path.write_bytes("José Müller\nSkills: Python, SQL\n".encode("latin-1"))
    draft = read_cv(path, catalog)
    assert draft.name == "José Müller"
    assert any("Windows-1252" in w for w in draft.warnings)


def test_cyrillic_in_a_single_byte_code_page_is_still_detected(
    tmp_path: Path, catalog: Catalog
) -> None:
    path = tmp_path / "cv.txt"
    text = (
        "Иван Петров\nОпыт работы\nРазработчик Python в банке, Москва, 2019 - 2024\n"
        "Навыки: Python, Django, PostgreSQL, Docker\n"
    )
    path.write_bytes(text.encode("cp1251"))
    draft = read_cv(path, catalog)
    assert draft.name == "Иван Петров"
    assert {"python", "django", "postgresql", "docker"} <= {s.skill for s in draft.skills}


def test_a_garbage_pdf_prints_nothing_but_the_error(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    import random

    rng = random.Random(7)
    path = tmp_path / "cv.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(5000)))
    assert main(["cv", str(path)]) == 2
    captured = capfd.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "damaged" in captured.err


def test_reading_a_text_cv_imports_no_pdf_or_word_library(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "cv.txt"
    path.write_text("Jane Doe\nSkills\nPython, Docker\n", encoding="utf-8")
    code = (
        "import sys\nfrom skillpath.core.cli import main\n"
        f"main(['cv', {str(path)!r}, '--json'])\n"
        "heavy = {'pypdf', 'docx', 'charset_normalizer', 'defusedxml', 'lxml'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr


def test_the_matcher_is_built_once_per_catalog(catalog: Catalog) -> None:
    from skillpath.core.cv_match import matcher

    assert matcher(catalog) is matcher(catalog)
