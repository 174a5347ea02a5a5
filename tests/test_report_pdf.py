"""The executive summary PDF: the seven sections on the first two pages, appendices after,
facts and rules stated, fonts embedded, safe links only, hostile text printed not parsed;
and the text shaping every PDF goes through."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from skillpath.core import progress as progress_rules
from skillpath.core.catalog import Catalog, shipped_catalog
from skillpath.core.demo import DEMO_ROLE, demo_profile
from skillpath.core.gap import analyze
from skillpath.core.models import Plan, Profile, ResourceRef
from skillpath.core.planner import PlanOptions, build_plan
from skillpath.core.records import Deliverable
from skillpath.core.report_appendix import APPENDICES
from skillpath.core.report_fonts import sans_chars
from skillpath.core.report_load import plan_summary, unsaved
from skillpath.core.report_md import summary_markdown
from skillpath.core.report_pdf_summary import summary_pdf
from skillpath.core.report_summary import SECTIONS, Summary, build_summary
from skillpath.core.report_text import font_runs, markup, pieces, visual_order
from skillpath.core.rules import LEARNING_CAP, PROJECT_CAP, Kind, Status

TODAY = dt.date(2026, 1, 5)
HOSTILE = (
    "<b>Ann & Co</b> <script>alert(1)</script> שלום مرحبا بالعالم Привет Γειά 中文测试 "
    "日本語のテキスト 😀 \x07\x1b\u202e"
)
LONG_WORD = "W" * 5000
UNSAFE = ("file:///etc/passwd", "javascript:alert(1)")
RESOURCES_NOTE = "All resources with links, costs and validity: Appendix C."  # the last words


def text_of(pdf: bytes, first: int = 1, last: int | None = None) -> str:
    """The text of pages `first` to `last` (1-based, inclusive), as pypdf extracts it."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    chosen = pages[first - 1 : last]
    return "\n".join(page.extract_text() or "" for page in chosen)


def squash(text: str) -> str:
    """Text without whitespace or bidi marks, so wrapped lines compare equal."""
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def words(text: str) -> int:
    """Words as a reader counts them: runs with a letter or a digit."""
    return sum(1 for w in text.split() if re.search(r"\w", w))


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


def uris_of(pdf: bytes) -> list[str]:
    """Every link target in the PDF."""
    uris = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annot in page.get("/Annots", []) or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return shipped_catalog()


def summary_for(profile: Profile, catalog: Catalog, plan: Plan | None = None) -> Summary:
    plan = plan or build_plan(profile, catalog.role(DEMO_ROLE), catalog, PlanOptions(start=TODAY))
    return plan_summary(profile, plan, catalog, TODAY)


@pytest.fixture(scope="module")
def demo_pdf(catalog: Catalog) -> bytes:
    return summary_pdf(summary_for(demo_profile(), catalog), "a4")


def test_first_two_pages_hold_the_seven_sections_and_read_in_two_minutes(demo_pdf: bytes) -> None:
    first = text_of(demo_pdf, 1, 2)
    for heading in SECTIONS:
        assert heading in first, heading
    assert squash(RESOURCES_NOTE) in squash(first)
    for heading in APPENDICES:
        assert heading not in first, heading
        assert heading in text_of(demo_pdf, 3), heading
    # the report it grew from has 544 words; two minutes of reading is about 500 to 600
    assert words(first) < 600, words(first)


@pytest.mark.parametrize("role_id", ["full-stack-engineer", "data-engineer"])
def test_first_two_pages_stand_alone_for_a_long_role(catalog: Catalog, role_id: str) -> None:
    """Six phases, every skill a gap, a name of 200 characters, the longest market note
    and US letter paper (shorter than A4)."""
    profile = Profile(name="Maximiliana " + "Bartholomew-Featherstonehaugh " * 6, focus="x" * 200)
    profile = profile.model_copy(update={"name": profile.name[:200].strip()})
    role = catalog.role(role_id)
    plan = build_plan(profile, role, catalog, PlanOptions(start=TODAY, phases=6))
    pdf = summary_pdf(plan_summary(profile, plan, catalog, TODAY), "letter")
    first = text_of(pdf, 1, 2)
    for heading in SECTIONS:
        assert heading in first, heading
    assert squash(RESOURCES_NOTE) in squash(first)  # the last section ends on page 2
    assert APPENDICES[0] in text_of(pdf, 3, 3)


@pytest.mark.slow
def test_first_two_pages_stand_alone_for_every_role(catalog: Catalog) -> None:
    """Every catalog role, for someone starting from nothing and for the demo person, at the
    most phases the planner makes: the seven sections fit and read in under 600 words."""
    for profile in (Profile(name="N" * 200), demo_profile()):
        for role in catalog.roles.values():
            plan = build_plan(profile, role, catalog, PlanOptions(start=TODAY, phases=6))
            pdf = summary_pdf(plan_summary(profile, plan, catalog, TODAY), "letter")
            first = text_of(pdf, 1, 2)
            assert all(h in first for h in SECTIONS), role.id
            assert squash(RESOURCES_NOTE) in squash(first), role.id
            assert words(first) < 600, (role.id, profile.name[:10], words(first))


def test_summary_words_and_facts(demo_pdf: bytes) -> None:
    text = squash(text_of(demo_pdf))
    for piece in ("Santana Mena", "$135,980", "5 January 2026", "Appendix A", "Phase 1"):
        assert squash(piece) in text, piece
    assert "deadline date" not in text_of(demo_pdf)


def test_key_strengths_are_only_skills_at_the_role_level_with_their_source(
    catalog: Catalog,
) -> None:
    profile = Profile(
        name="Ann",
        skills={"python": 4, "machine-learning": 4, "javascript": 5, "sql": 1},
        skill_sources={"machine-learning": "cv"},
    )
    summary = summary_for(profile, catalog)
    shown = {i.label: i.text for i in summary.strengths}
    assert set(shown) == {"Python", "Machine learning"}
    assert shown["Python"].endswith("self-rated.")
    assert shown["Machine learning"].endswith("found in the CV.")


def test_a_level_earned_by_work_names_the_deliverable(catalog: Catalog) -> None:
    role = catalog.role(DEMO_ROLE)
    profile = Profile(name="Ann")
    record, items = unsaved(build_plan(profile, role, catalog, PlanOptions(start=TODAY)))
    proof = next(d for d in items if d.kind is Kind.COURSE and "linear-algebra" in d.targets)
    proof = dataclasses.replace(proof, status=Status.DONE, done_on=dt.date(2026, 2, 3))
    items = [proof if d.id == proof.id else d for d in items]
    required = next(r.level for r in role.required if r.skill == "linear-algebra")
    earned = profile.model_copy(
        update={
            "skills": {"linear-algebra": required},
            "skill_sources": {"linear-algebra": "earned"},
        }
    )
    summary = build_summary(earned, analyze(earned, role, catalog), record, items, catalog,
                            today=TODAY, earned={"linear-algebra": proof})  # fmt: skip
    (strength,) = summary.strengths
    assert f"earned by {proof.title} (done 3 Feb 2026)" in strength.text


def test_how_computed_states_the_rules_and_the_length_counts(
    catalog: Catalog, demo_pdf: bytes
) -> None:
    appendix = squash(text_of(demo_pdf, 3))
    for rule in (
        f"up to level {LEARNING_CAP} (working)",
        f"up to level {PROJECT_CAP} (independent)",
        f"over the {progress_rules.PACE_DAYS} days before today",
        f"More than {progress_rules.ON_TRACK_DAYS} days later is behind",
    ):
        assert squash(rule) in appendix, rule
    # the counts come from the catalog's hours_basis of the plan's own resources
    plan = build_plan(demo_profile(), catalog.role(DEMO_ROLE), catalog, PlanOptions(start=TODAY))
    by_url = {r.url: r for s in catalog.skills.values() for r in s.resources}
    used = {d.resource.url for p in plan.phases for d in p.deliverables
            if d.resource and d.kind != "certification"}  # fmt: skip
    stated = sum(1 for u in used if by_url[u].hours_basis == "provider")
    estimated = sum(1 for u in used if by_url[u].hours_basis == "estimate")
    said = f"Lengths of the {len(used)} resources in the plan: {stated} as stated by the provider"
    assert squash(said) in appendix
    assert squash(f"{estimated} estimated by Skillpath") in appendix


def test_every_font_is_embedded(demo_pdf: bytes) -> None:
    fonts = fonts_of(demo_pdf)
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)


def test_page_numbers_on_every_page(demo_pdf: bytes) -> None:
    pages = PdfReader(io.BytesIO(demo_pdf)).pages
    total = len(pages)
    assert total > 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in (page.extract_text() or "")


def test_links_are_clickable(demo_pdf: bytes) -> None:
    uris = uris_of(demo_pdf)
    assert "https://www.bls.gov/oes/" in uris
    assert "https://course.fast.ai/" in uris


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.3, 841.9)), ("letter", (612.0, 792.0))])
def test_paper_sizes(catalog: Catalog, paper: str, size: tuple[float, float]) -> None:
    pdf = summary_pdf(summary_for(demo_profile(), catalog), paper)  # type: ignore[arg-type]
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == size


def _with(items: list[Deliverable], n: int, **changes: object) -> list[Deliverable]:
    return [dataclasses.replace(d, **changes) if i == n else d for i, d in enumerate(items)]  # type: ignore[arg-type]


def test_only_http_https_and_mailto_become_links(catalog: Catalog) -> None:
    profile = demo_profile()
    role = catalog.role(DEMO_ROLE)
    record, items = unsaved(build_plan(profile, role, catalog, PlanOptions(start=TODAY)))
    learning = [i for i, d in enumerate(items) if d.kind is Kind.COURSE][:3]
    for n, url in zip(learning, [*UNSAFE, "mailto:ann@example.org"], strict=True):
        ref = ResourceRef(title=f"Resource at {url}", provider="Someone", url=url, free=True)
        items = _with(items, n, resource=ref)
    summary = build_summary(profile, analyze(profile, role, catalog), record, items, catalog,
                            today=TODAY)  # fmt: skip
    pdf = summary_pdf(summary)
    uris = uris_of(pdf)
    assert uris and all(u.startswith(("https://", "http://", "mailto:")) for u in uris), uris
    assert "mailto:ann@example.org" in uris
    text = squash(text_of(pdf))
    assert squash("Resource at file:///etc/passwd") in text  # shown, as plain text
    md = summary_markdown(summary)
    assert "](file:" not in md and "](javascript:" not in md
    assert "](mailto:ann@example.org)" in md


def test_no_stored_date_is_printed_inside_a_metric(catalog: Catalog) -> None:
    profile = demo_profile()
    role = catalog.role(DEMO_ROLE)
    record, items = unsaved(build_plan(profile, role, catalog, PlanOptions(start=TODAY)))
    items = [dataclasses.replace(d, metric=f"Done properly, by 2027-06-{10 + n % 18:02d}")
             for n, d in enumerate(items)]  # fmt: skip
    summary = build_summary(profile, analyze(profile, role, catalog), record, items, catalog,
                            today=TODAY)  # fmt: skip
    for text in (text_of(summary_pdf(summary)), summary_markdown(summary)):
        assert "Done properly" in text
        assert "2027-06-" not in text


def test_hostile_text_everywhere_is_printed_not_parsed(catalog: Catalog) -> None:
    profile = demo_profile().model_copy(update={"name": HOSTILE[:200], "focus": HOSTILE[:200]})
    role = catalog.role(DEMO_ROLE)
    record, items = unsaved(build_plan(profile, role, catalog, PlanOptions(start=TODAY)))
    items = _with(items, 0, title=HOSTILE + " " + LONG_WORD, metric=HOSTILE + LONG_WORD)
    items = _with(items, 1, title="long title " * 400)
    summary = build_summary(profile, analyze(profile, role, catalog), record, items, catalog,
                            today=TODAY)  # fmt: skip
    pdf = summary_pdf(summary, "letter")
    text = squash(text_of(pdf))
    for piece in ("<b>Ann&Co</b>", "<script>alert(1)</script>", "Привет", "Γειά", "中文测试",
                  "日本語のテキスト", "[grinningface]", "WWWWWWWWWWWWWWWWWWWW"):  # fmt: skip
        assert piece in text, piece
    # Hebrew is drawn right to left; extractors give it back in reading or in drawn order
    assert "שלום" in text or "םולש" in text
    # Arabic is drawn joined (presentation forms), which read back as the same letters
    assert any(0xFE70 <= ord(c) <= 0xFEFF for c in text)
    joined = unicodedata.normalize("NFKC", text)
    assert "مرحبا" in joined or "ابحرم" in joined
    assert "\x07" not in text and "\x1b" not in text and "\x00" not in text
    fonts = fonts_of(pdf)
    assert any("DroidSansFallback" in name for name in fonts), fonts
    assert all(fonts.values())
    assert summary_markdown(summary).startswith("# Executive Summary: \\<b>Ann & Co\\</b>")


def test_empty_plan_and_no_strengths(catalog: Catalog) -> None:
    pdf = summary_pdf(summary_for(Profile(name="Nobody"), catalog))
    assert "Nobody" in text_of(pdf)
    expert = Profile(name="Expert", skills={r.skill: 5 for r in catalog.role(DEMO_ROLE).required})
    text = squash(text_of(summary_pdf(summary_for(expert, catalog)))).lower()
    assert "nothingtoplan" in text


# ------------------------------------------------------------------ text shaping


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


def test_right_to_left_is_drawn_in_visual_order_with_mirrored_brackets() -> None:
    assert visual_order("abc שלום def") == "abc םולש def"
    assert visual_order("שלום 123") == "123 םולש"
    assert visual_order("abc (שלום) def") == "abc (םולש) def"
    assert visual_order("abc שלום (עולם) שלום def") == "abc םולש (םלוע) םולש def"
    assert visual_order("plain") == "plain"


def test_arabic_is_joined_and_drawable() -> None:
    drawn = visual_order("مرحبا")
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in drawn)  # initial, medial, final forms
    assert unicodedata.normalize("NFKC", drawn)[::-1] == "مرحبا"
    assert all(ord(c) in sans_chars() for c in visual_order("السلام عليكم لا إله"))


def test_pieces_keep_every_character_and_stay_short() -> None:
    text = ("word " * 700 + "\n" + "W" * 4000 + "\nend").strip()
    cut = pieces(text, 1500)
    assert all(len(p) <= 1500 for p in cut)
    assert squash("".join(cut)) == squash(text)


def test_hostile_own_role_and_profile_reach_every_export_unharmed(
    data_dir: Path, tmp_path: Path
) -> None:
    """A role read from a job ad: markup, right-to-left text, CJK, emoji, control characters
    and long strings in every field it has, then in the person's own notes and evidence."""
    from skillpath.core.actions import planning, roles, tracking
    from skillpath.core.db.store import Store
    from skillpath.core.exports import write_deadlines, write_report
    from skillpath.core.session import Session

    catalog = shipped_catalog()
    base = catalog.role(DEMO_ROLE)
    long_item = HOSTILE + " " + "x" * 2000
    pop = base.popularity.model_copy(
        update={"languages": [long_item] * 30, "frameworks_tools": [HOSTILE] * 30,
                "technologies": [long_item], "source": long_item}
    )  # fmt: skip
    hostile = base.model_copy(
        update={"id": "own-hostile", "title": HOSTILE[:200], "summary": long_item,
                "proxy_note": long_item * 3, "growth_areas": [long_item] * 20,
                "growth_source": long_item, "popularity": pop}
    )  # fmt: skip
    with Store.open(data_dir, daily_backup=False) as store:
        s = Session(store, catalog, day=TODAY)
        _, role = roles.save_own_role(s, hostile)
        profile = Profile(name=HOSTILE[:200], focus=HOSTILE[:200], skills={"python": 4})
        plan = build_plan(profile, role, s.full_catalog(), PlanOptions(start=TODAY, phases=6))
        pid = planning.create_profile(s, profile, plan).profile_id
        assert pid is not None
        first = plan.phases[0].deliverables[0].id
        tracking.add_note(s, pid, first, long_item, on=TODAY)
        tracking.tick(s, pid, first, on=TODAY, evidence=HOSTILE, note=HOSTILE)
        out = {kind: tmp_path / f"{kind}.{fmt}" for kind, fmt in
               (("summary", "pdf"), ("progress", "pdf"), ("md", "md"))}  # fmt: skip
        write_report(s, pid, "summary", "pdf", "letter", out["summary"], False)
        write_report(s, pid, "progress", "pdf", "a4", out["progress"], False)
        write_report(s, pid, "summary", "md", "a4", out["md"], False)
        write_deadlines(s, pid, tmp_path / "d.ics", False)
    summary = out["summary"].read_bytes()
    assert all(h in text_of(summary, 1, 2) for h in SECTIONS)
    assert squash(RESOURCES_NOTE) in squash(text_of(summary, 1, 2))
    for pdf in (summary, out["progress"].read_bytes()):
        text = squash(text_of(pdf))
        for piece in ("<b>Ann&Co</b>", "<script>alert(1)</script>", "中文测试", "[grinningface]"):
            assert piece in text, piece
        assert "\x07" not in text and "\x1b" not in text
        assert all(fonts_of(pdf).values())
    md = out["md"].read_text(encoding="utf-8")
    assert "\\<script>alert(1)\\</script>" in md and "\x07" not in md
