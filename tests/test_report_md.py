"""The Markdown executive summary: the example's sections, real data, escaped user text."""

from __future__ import annotations

import datetime as dt

from skillpath.core import market
from skillpath.core.catalog import shipped_catalog
from skillpath.core.demo import DEMO_ROLE, demo_profile
from skillpath.core.planner import PlanOptions, build_plan
from skillpath.core.report_appendix import APPENDICES
from skillpath.core.report_load import plan_summary
from skillpath.core.report_md import md, md_cell, md_link, summary_markdown
from skillpath.core.report_summary import SECTIONS
from skillpath.core.report_words import cap, join_list, long_date, metric_text, short_date

TODAY = dt.date(2026, 1, 5)


def demo_markdown(name: str | None = None) -> str:
    catalog = shipped_catalog()
    profile = demo_profile()
    if name is not None:
        profile = profile.model_copy(update={"name": name})
    role = catalog.role(DEMO_ROLE)
    plan = build_plan(profile, role, catalog, PlanOptions(start=TODAY))
    return summary_markdown(plan_summary(profile, plan, catalog, TODAY))


def test_sections_in_the_example_order_then_the_appendices() -> None:
    text = demo_markdown()
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[:7] == [
        "## Key Strengths",
        "## Primary Recommendations",
        "## Market Outlook",
        "## Technology Stack Popularity",
        "## Skill Gap Analysis",
        "## Upskilling Roadmap",
        "## Recommended Resources",
    ]
    assert headings == [f"## {h}" for h in (*SECTIONS, *APPENDICES)]
    assert "### Learning platforms" in text and "### Practice" in text
    assert "### Certifications" in text


def test_facts_are_sourced_and_dated() -> None:
    text = demo_markdown()
    assert "$135,980" in text and "May 2025" in text
    assert "Occupational Outlook Handbook" in text and "15%" in text
    assert "public domain" in text
    assert "| Machine learning | 0 | 4 | 4 | critical |" in text
    assert "deadline date" not in text and "TODO" not in text and "{" not in text
    # every deliverable's real due date, and the roadmap's first and last, are printed
    catalog = shipped_catalog()
    plan = build_plan(demo_profile(), catalog.role(DEMO_ROLE), catalog, PlanOptions(start=TODAY))
    dues = [d.due for p in plan.phases for d in p.deliverables]
    table = text.split("## Appendix B")[1].split("## Appendix C")[0]
    assert all(f"| {short_date(due)} |" in table for due in dues)
    assert long_date(plan.start) in text and long_date(max(dues)) in text


def test_market_facts_are_worded_by_the_market_module() -> None:
    """Pay and demand on the first pages in market.py's short form, in full in Appendix D,
    with the catalog's exact counts; technologies flagged, never 'most used first'."""
    catalog = shipped_catalog()
    role = catalog.role(DEMO_ROLE)
    text = demo_markdown()
    first, appendix = text.split("## Appendix A")
    pay = market.pay_short(role, catalog).removeprefix("pay ")
    assert f"**[Pay](https://www.bls.gov/oes/)**: {md(cap(pay))}." in first
    assert "shared by" in first and "proxy" in first and "pub. 2026" in first
    assert "2024–34" in first  # the demand's edition
    assert md(market.pay_line(role, catalog)) in appendix
    demand = market.demand_line(role).removeprefix("Demand ")  # shown under the label Demand
    assert f"**: {md(cap(demand))}" in appendix
    for line in market.data_sources(catalog):
        assert md(line.name) in appendix and md(line.detail[1:]) in appendix
    assert "most used first" not in text.lower()
    flags = market.technology_flags(role, catalog)
    backed = next(n for n, f in flags.items() if f == "In Demand")
    plain = next(n for n, f in flags.items() if not f)
    assert f"{md(backed)} ●" in first and f"{md(plain)} ●" not in first
    assert "Used under the CC BY 4.0 license" in appendix


def test_user_text_is_escaped() -> None:
    text = demo_markdown("<script>alert(1)</script> *Ann* _&amp;_ [x](y) | 😀\x07")
    first = text.splitlines()[0]
    assert first == (
        "# Executive Summary: \\<script>alert(1)\\</script> \\*Ann\\* \\_\\&amp;\\_ \\[x\\](y) | 😀"
    )
    assert md_cell("a|b") == "a\\|b"
    assert md("- item") == "\\- item"
    assert md("1. item") == "\\1. item"
    assert md("line\nbreak") == "line break"


def test_only_safe_links_are_links() -> None:
    assert md_link("a", "https://example.org/x(1)") == "[a](https://example.org/x%281%29)"
    assert md_link("a", "mailto:ann@example.org") == "[a](mailto:ann@example.org)"
    for url in ("file:///etc/passwd", "javascript:alert(1)", "smb://host/share", "data:x"):
        assert md_link("a", url) == "a"


def test_words() -> None:
    assert join_list(["a"]) == "a"
    assert join_list(["a", "b", "c"]) == "a, b and c"
    assert join_list(["HTML and CSS", "Git", "SQL"]) == "HTML and CSS, Git, and SQL"
    assert long_date(dt.date(2026, 3, 9)) == "9 March 2026"
    assert metric_text("Passed X, by 2027-06-30") == "Passed X"
    assert metric_text("Passed X") == "Passed X"
