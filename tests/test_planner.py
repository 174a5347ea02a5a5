"""The roadmap as a person relies on it: ordered, dated, honest about time, repeatable."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from skillpath.core.catalog import Catalog, shipped_catalog
from skillpath.core.demo import DEMO_ROLE, demo_profile
from skillpath.core.errors import InputError
from skillpath.core.models import Plan, Profile
from skillpath.core.planner import PlanOptions, build_plan, in_sentence, join_names

START = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return shipped_catalog()


def demo_plan(catalog: Catalog, **options: object) -> Plan:
    opts = PlanOptions(start=START, **options)  # type: ignore[arg-type]
    return build_plan(demo_profile(), catalog.role(DEMO_ROLE), catalog, opts)


def deliverables(plan: Plan) -> list:
    return [d for phase in plan.phases for d in phase.deliverables]


def test_same_inputs_give_the_same_plan_byte_for_byte(catalog: Catalog) -> None:
    assert demo_plan(catalog).model_dump_json() == demo_plan(catalog).model_dump_json()


def test_no_skill_is_learned_before_its_prerequisites(catalog: Catalog) -> None:
    for role in catalog.roles.values():
        plan = build_plan(Profile(name="New"), role, catalog, PlanOptions(start=START))
        position = {}
        for index, d in enumerate(deliverables(plan)):
            for sid in d.targets:
                position[sid] = index
        for sid, index in position.items():
            for pre in catalog.skills[sid].prerequisites:
                if pre in position:
                    assert position[pre] < index, f"{role.id}: {sid} before {pre}"


def test_every_prerequisite_below_working_level_is_planned(catalog: Catalog) -> None:
    plan = demo_plan(catalog)
    planned = {sid for d in deliverables(plan) for sid in d.targets}
    profile = demo_profile()
    for sid in planned:
        for pre in catalog.skills[sid].prerequisites:
            assert pre in planned or profile.skills.get(pre, 0) >= 2, (sid, pre)


def test_dates_run_forward_and_metrics_carry_them(catalog: Catalog) -> None:
    plan = demo_plan(catalog)
    items = deliverables(plan)
    assert items[0].start == START
    for before, after in itertools.pairwise(items):
        assert before.due <= after.due
        assert after.start == before.due
    for d in items:
        assert str(d.due) in d.metric
        assert "deadline" not in d.metric.lower()
    assert plan.finish == items[-1].due
    assert plan.total_hours == sum(d.hours for d in items)


def test_doubling_the_hours_about_halves_the_span(catalog: Catalog) -> None:
    slow = demo_plan(catalog, hours_per_week=8)
    fast = demo_plan(catalog, hours_per_week=16)
    ratio = (fast.finish - START).days / (slow.finish - START).days
    assert 0.48 <= ratio <= 0.52
    assert fast.total_hours == slow.total_hours


def test_span_matches_hours_per_week(catalog: Catalog) -> None:
    plan = demo_plan(catalog, hours_per_week=10)
    weeks = (plan.finish - START).days / 7
    assert plan.total_hours / weeks == pytest.approx(10, rel=0.01)


def test_a_target_too_close_is_infeasible_and_names_the_hours_it_needs(catalog: Catalog) -> None:
    target = START + dt.timedelta(days=365)
    plan = demo_plan(catalog, hours_per_week=8, target=target)
    assert plan.feasible is False
    assert plan.needed_hours_per_week is not None and plan.needed_hours_per_week > 8
    assert f"{plan.needed_hours_per_week:g} h a week" in plan.message
    # and those hours really do make it
    enough = demo_plan(catalog, hours_per_week=plan.needed_hours_per_week, target=target)
    assert enough.feasible is True and enough.finish <= target


def test_a_profile_that_meets_the_role_gets_an_empty_plan_that_says_so(catalog: Catalog) -> None:
    role = catalog.role("data-scientist")
    expert = Profile(name="Dana", skills={r.skill: r.level for r in role.required})
    plan = build_plan(expert, role, catalog, PlanOptions(start=START))
    assert plan.phases == [] and plan.total_hours == 0
    assert "already meets every requirement" in plan.message


def test_phases_are_named_for_what_they_do_and_balanced(catalog: Catalog) -> None:
    plan = demo_plan(catalog)
    assert len(plan.phases) == 3
    assert plan.phases[0].title.startswith("Foundations: ")
    assert plan.phases[-1].title.startswith("Specialisation: ")
    hours = [p.hours for p in plan.phases]
    assert max(hours) <= 2 * min(hours)
    for count in range(1, 7):
        assert len(demo_plan(catalog, phases=count).phases) == count


def test_each_phase_has_a_project_combining_its_skills(catalog: Catalog) -> None:
    for phase in demo_plan(catalog).phases:
        projects = [d for d in phase.deliverables if d.kind == "project"]
        assert len(projects) == 1
        assert set(projects[0].skills) == set(phase.skills)
        assert "{skills}" not in projects[0].description


def test_recommended_certifications_appear_where_the_phase_covers_them(catalog: Catalog) -> None:
    plan = demo_plan(catalog)
    role = catalog.role(DEMO_ROLE)
    certs = [d for d in deliverables(plan) if d.kind == "certification"]
    assert certs, "the demo role recommends certifications covering its gaps"
    for phase in plan.phases:
        for d in phase.deliverables:
            if d.kind == "certification":
                assert d.certification in role.certifications
                cert = catalog.certifications[d.certification]
                assert set(cert.skills) & set(phase.skills)
    assert not [
        d
        for d in deliverables(demo_plan(catalog, certifications=False))
        if d.kind == "certification"
    ]


def test_learning_uses_real_catalog_resources(catalog: Catalog) -> None:
    urls = {r.url for s in catalog.skills.values() for r in s.resources}
    for d in deliverables(demo_plan(catalog)):
        if d.kind in ("course", "reading", "practice") and d.resource:
            assert d.resource.url in urls


def test_prefer_free_picks_free_resources_where_there_are_some(catalog: Catalog) -> None:
    plan = demo_plan(catalog, prefer_free=True)
    for d in deliverables(plan):
        if d.kind == "certification" or d.resource is None:
            continue
        skill = catalog.skills[d.skills[0]]
        if any(r.free for r in skill.resources):
            assert d.resource.free, d.title


def test_bad_options_are_refused_plainly(catalog: Catalog) -> None:
    with pytest.raises(InputError, match="hours per week"):
        demo_plan(catalog, hours_per_week=81)
    with pytest.raises(InputError, match="not after the start date"):
        demo_plan(catalog, target=START)
    with pytest.raises(InputError, match="phases"):
        demo_plan(catalog, phases=7)


def test_names_read_naturally_in_sentences() -> None:
    assert in_sentence("Machine learning") == "machine learning"
    assert in_sentence("Kubernetes") == "Kubernetes"
    assert in_sentence("MLOps") == "MLOps"
    assert join_names(["a", "b", "c"]) == "a, b and c"
