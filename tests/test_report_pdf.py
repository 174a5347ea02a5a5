"""PDF reports: the words come back out, fonts are embedded, hostile text never crashes,
CJK is drawn with the CJK font, paper sizes, page numbers and links."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from skillpath.core.catalog import Catalog, shipped_catalog
from skillpath.core.demo import DEMO_ROLE, demo_profile
from skillpath.core.gap import analyze
from skillpath.core.models import Plan, Profile
from skillpath.core.planner import PlanOptions, build_plan
from skillpath.core.report_data import Summary, build_summary
from skillpath.core.report_pdf import font_runs, markup, summary_pdf, visual_order

TODAY = dt.date(2026, 1, 5)
HOSTILE = (
    "<b>Ann & Co</b> <script>alert(1)</script> שלום Привет Γειά 中文测试 日本語のテキスト "
    "😀 \x07\x1b"
)
LONG_WORD = "W" * 5000


def text_of(pdf: bytes) -> str:
    """The PDF's text: pdftotext when installed (it restores right-to-left order), else pypdf."""
    if shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
        )
        return done.stdout.decode("utf-8")
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def squash(text: str) -> str:
    """Text without whitespace or bidi marks, so wrapped lines compare equal."""
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def fonts_of(pdf: bytes) -> dict[str, bool]:
    """Font name -> embedded, over every page."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            embedded = False
            for desc in font.get("/DescendantFonts", [font]):
                descriptor = desc.get_object().get("/FontDescriptor")
                if descriptor is not None:
                    d = descriptor.get_object()
                    embedded = any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return shipped_catalog()


def summary_for(profile: Profile, catalog: Catalog, plan: Plan | None = None) -> Summary:
    role = catalog.role(DEMO_ROLE)
    plan = plan or build_plan(profile, role, catalog, PlanOptions(start=TODAY))
    return build_summary(profile, analyze(profile, role, catalog), plan, catalog, today=TODAY)


@pytest.fixture(scope="module")
def demo_pdf(catalog: Catalog) -> bytes:
    return summary_pdf(summary_for(demo_profile(), catalog), "a4")


def test_summary_words_come_back(demo_pdf: bytes) -> None:
    text = squash(text_of(demo_pdf))
    for words in (
        "Santana Mena",
        "Key Strengths",
        "Primary Recommendations",
        "Market Outlook",
        "$135,980",
        "Technology Stack Popularity",
        "Skill Gap Analysis",
        "Upskilling Roadmap",
        "Recommended Resources",
        "Data Sources",
        "5 January 2026",
    ):
        assert squash(words) in text, words
    assert "deadline date" not in text_of(demo_pdf)


def test_every_font_is_embedded(demo_pdf: bytes) -> None:
    fonts = fonts_of(demo_pdf)
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)


def test_page_numbers_on_every_page(demo_pdf: bytes) -> None:
    pages = PdfReader(io.BytesIO(demo_pdf)).pages
    total = len(pages)
    assert total > 1
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in (page.extract_text() or "")


def test_links_are_clickable(demo_pdf: bytes) -> None:
    uris = []
    for page in PdfReader(io.BytesIO(demo_pdf)).pages:
        for annot in page.get("/Annots", []) or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert "https://www.bls.gov/oes/" in uris
    assert "https://course.fast.ai/" in uris


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.3, 841.9)), ("letter", (612.0, 792.0))])
def test_paper_sizes(catalog: Catalog, paper: str, size: tuple[float, float]) -> None:
    pdf = summary_pdf(summary_for(demo_profile(), catalog), paper)  # type: ignore[arg-type]
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == size


def test_hostile_text_everywhere_is_printed_not_parsed(catalog: Catalog) -> None:
    profile = demo_profile().model_copy(update={"name": HOSTILE, "focus": HOSTILE[:200]})
    role = catalog.role(DEMO_ROLE)
    plan = build_plan(profile, role, catalog, PlanOptions(start=TODAY))
    first = plan.phases[0]
    mean = first.deliverables[0].model_copy(
        update={"title": HOSTILE + " " + LONG_WORD, "metric": LONG_WORD}
    )
    first = first.model_copy(update={"deliverables": [mean, *first.deliverables[1:]]})
    plan = plan.model_copy(update={"phases": [first, *plan.phases[1:]]})
    summary = build_summary(
        profile, analyze(profile, role, catalog), plan, catalog, today=TODAY,
        evidence={"python": HOSTILE + LONG_WORD},
    )  # fmt: skip
    pdf = summary_pdf(summary, "letter")
    text = squash(text_of(pdf))
    for piece in ("<b>Ann&Co</b>", "<script>alert(1)</script>", "Привет", "Γειά", "中文测试",
                  "日本語のテキスト", "[grinningface]", "WWWWWWWWWWWWWWWWWWWW"):  # fmt: skip
        assert piece in text, piece
    # The Hebrew word is drawn right to left; text extractors give it back in logical
    # order (pdftotext, pypdf 7) or in drawn order (older pypdf): either shows it printed.
    assert "שלום" in text or "םולש" in text
    assert "\x07" not in text and "\x1b" not in text
    fonts = fonts_of(pdf)
    assert any("DroidSansFallback" in name for name in fonts), fonts
    assert all(fonts.values())


def test_cjk_runs_use_the_cjk_font() -> None:
    runs = font_runs("Ann 中文 and かな")
    assert ("SkillpathCJK", "中文") in runs
    assert ("SkillpathCJK", "かな") in runs
    assert all(font == "" for font, chunk in runs if chunk.strip() in ("Ann", "and"))


def test_markup_escapes_and_replaces() -> None:
    assert markup("<b>&") == "&lt;b&gt;&amp;"
    assert markup("ok 😀") == "ok [grinning face]"
    assert markup("🇫🇷") == "[flag FR]"
    assert markup("a\x00b\x7fc") == "abc"
    assert markup("한국어") == "[Hangul text]"
    assert markup("x" * 10, limit=5).endswith("…")


def test_right_to_left_is_drawn_in_visual_order() -> None:
    assert visual_order("abc שלום def") == "abc םולש def"
    assert visual_order("שלום 123") == "123 םולש"
    assert visual_order("plain") == "plain"


def test_empty_plan_and_no_strengths(catalog: Catalog) -> None:
    empty = Profile(name="Nobody")
    pdf = summary_pdf(summary_for(empty, catalog))
    assert "Nobody" in text_of(pdf)
    expert = Profile(
        name="Expert",
        skills={r.skill: 5 for r in catalog.role(DEMO_ROLE).required},
    )
    pdf = summary_pdf(summary_for(expert, catalog))
    assert "nothing to plan" in squash(text_of(pdf)).lower() or "nothingtoplan" in squash(
        text_of(pdf)
    )


def test_summary_pdf_written_atomically(tmp_path: Path, demo_pdf: bytes) -> None:
    from skillpath.core.report_pdf import write_pdf

    out = write_pdf(demo_pdf, tmp_path / "s.pdf")
    assert out.read_bytes()[:5] == b"%PDF-"
