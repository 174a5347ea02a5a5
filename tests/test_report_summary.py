"""What the executive summary chooses to say about an honest plan: one line per phase with
its dates and projects, the planner's ways out of a missed target date, shared success
metrics said once, practice sets in one item."""

from __future__ import annotations

import datetime as dt

import pytest

from skillpath.core.catalog import Catalog, shipped_catalog
from skillpath.core.demo import DEMO_ROLE, demo_profile
from skillpath.core.models import Plan
from skillpath.core.planner import PlanOptions, build_plan
from skillpath.core.report_load import plan_summary
from skillpath.core.report_md import md, summary_markdown
from skillpath.core.report_summary import Summary
from skillpath.core.report_words import count_word, hours_text, long_date, metric_text, short_date

TODAY = dt.date(2026, 1, 5)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return shipped_catalog()


def demo(catalog: Catalog, **options: object) -> tuple[Plan, Summary]:
    plan = build_plan(
        demo_profile(),
        catalog.role(DEMO_ROLE),
        catalog,
        PlanOptions(start=TODAY, **options),  # type: ignore[arg-type]
    )
    return plan, plan_summary(demo_profile(), plan, catalog, TODAY)


@pytest.mark.parametrize("phases", [3, 6])
def test_one_line_per_phase_with_its_dates_and_projects(catalog: Catalog, phases: int) -> None:
    plan, summary = demo(catalog, phases=phases)
    assert len(summary.roadmap) == len(plan.phases) == phases
    for n, (line, phase) in enumerate(zip(summary.roadmap, plan.phases, strict=True), start=1):
        assert line.label.startswith(f"Phase {n}, ")
        assert short_date(phase.due) in line.label
        assert str(phase.start.day) in line.label and f"{hours_text(phase.hours)} h" in line.label
        projects = [d for d in phase.deliverables if d.id.startswith("project-")]
        for project in projects:
            assert project.title.removeprefix("Project: ") in line.text
        # the main deliverables, not every one: no practice set, no applied work by name
        assert "practice set" not in line.text and "Applied work" not in line.text
    assert "Appendix B" in summary.roadmap_note


def test_a_missed_target_date_shows_the_planners_ways_out(catalog: Catalog) -> None:
    target = dt.date(2027, 6, 1)
    plan, summary = demo(catalog, target=target)
    ways = plan.options
    assert ways is not None and ways.scope is not None
    assert f"later than the target date of {long_date(target)}" in summary.overview
    assert f"would take {hours_text(ways.hours_per_week)} hours a week" in summary.overview
    assert f"ends on {long_date(ways.scope.finish)}" in summary.overview
    # the report is as stored: the same sentence from the plan's stored options
    md_text = summary_markdown(summary)
    assert md(summary.overview) in md_text


def test_a_plan_fitted_to_its_date_names_what_it_leaves_for_later(catalog: Catalog) -> None:
    plan, summary = demo(catalog, target=dt.date(2027, 6, 1), fit_target=True)
    assert plan.deferred
    assert f"leaves {count_word(len(plan.deferred))} gap skills for a later plan" in (
        summary.overview
    )
    assert f"leaves {len(plan.deferred)} of them for later" in summary.gaps
    # the recommendations start on gaps the plan works on, never on a deferred one
    skills = summary.recommendations[0].text.split(":", 1)[1].split(",")[0]
    deferred = {catalog.skill_name(s).lower() for s in plan.deferred}
    assert skills.strip().lower() not in deferred


def test_shared_success_metrics_are_said_once(catalog: Catalog) -> None:
    plan, summary = demo(catalog)
    metrics = [metric_text(d.metric) for p in plan.phases for d in p.deliverables]
    keys = dict(summary.appendix.metric_keys)
    assert keys, "a plan of 70 deliverables shares its course, reading and practice metrics"
    for key, metric in keys.items():
        assert metrics.count(metric) >= 3
        rows = [r for b in summary.appendix.phases for r in b.deliverables if r.key == key]
        assert len(rows) == metrics.count(metric)
    text = summary_markdown(summary)
    table = text.split("## Appendix B")[1].split("## Appendix C")[0]
    for metric in keys.values():
        assert table.count(md(metric)) == 1  # in the legend only
    unique = next(m for m in metrics if metrics.count(m) == 1)
    assert md(unique) in table  # a metric no other row shares stays in its row


def test_practice_sets_are_one_item_and_projects_each_their_own(catalog: Catalog) -> None:
    plan, summary = demo(catalog)
    sets = [
        d for p in plan.phases for d in p.deliverables if d.kind == "practice" and not d.resource
    ]
    projects = [d for p in plan.phases for d in p.deliverables if d.kind == "project"]
    practice = next(g for g in summary.appendix.resources if g.label == "Practice")
    labels = [i.label for i in practice.items]
    assert labels.count(f"Practice sets ({len(sets)})") == 1
    assert not any(label.endswith("practice set") for label in labels)
    assert all(p.title in labels for p in projects)
    line = next(i for i in summary.resources if i.label == "Practice")
    assert f"{len(sets)} practice sets and {len(projects)} projects" in line.text


def test_a_fee_only_a_third_party_page_states_is_marked(catalog: Catalog) -> None:
    plan, summary = demo(catalog)
    planned = [catalog.certifications[d.certification] for p in plan.phases
               for d in p.deliverables if d.certification]  # fmt: skip
    third = [c for c in planned if c.source_kind == "third-party"]
    vendor = [c for c in planned if c.source_kind == "vendor"]
    assert third and vendor, "the demo plans one of each"
    links = {x.text: x.after for x in summary.recommendations[1].links}
    assert all("third-party figure" in links[c.name] for c in third)
    assert not any("third-party" in links[c.name] for c in vendor)
    certs = next(g for g in summary.appendix.resources if g.label == "Certifications")
    said = {i.label: i.text for i in certs.items}
    assert all(c.source_note in said[c.name] for c in third)
