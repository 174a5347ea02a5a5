"""The roadmap as a person relies on it: true lengths, each resource once, levels that the
work can show, the target date first, dated and repeatable."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from skillpath.core.catalog import Catalog, shipped_catalog
from skillpath.core.demo import DEMO_ROLE, demo_profile
from skillpath.core.errors import InputError
from skillpath.core.gap import analyze
from skillpath.core.models import PRIORITY_WEIGHT, Deliverable, Plan, Profile, Role
from skillpath.core.planner import PlanOptions, build_plan, in_sentence, join_names
from skillpath.core.rules import LEARNING_CAP, PROJECT_CAP, Kind, earned_level

START = dt.date(2026, 12, 1)
ROLES = sorted(shipped_catalog().roles)
PEOPLE = ["empty", "demo"]
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return shipped_catalog()


def person(who: str) -> Profile:
    return demo_profile() if who == "demo" else Profile(name="New")


def plan_for(catalog: Catalog, role_id: str, who: str = "demo", **options: object) -> Plan:
    opts = PlanOptions(start=START, **options)  # type: ignore[arg-type]
    return build_plan(person(who), catalog.role(role_id), catalog, opts)


def demo_plan(catalog: Catalog, **options: object) -> Plan:
    return plan_for(catalog, DEMO_ROLE, "demo", **options)


def deliverables(plan: Plan) -> list[Deliverable]:
    return [d for phase in plan.phases for d in phase.deliverables]


def levels_after(
    profile: Profile, done: list[Deliverable], evidence: bool = True
) -> dict[str, int]:
    """The person's levels once `done` are finished, by the rules the tracker applies."""
    levels = dict(profile.skills)
    for d in done:
        for skill, target in d.targets.items():
            earned = earned_level(Kind(d.kind), target, evidence)
            levels[skill] = max(levels.get(skill, 0), earned)
    return levels


def readiness(profile: Profile, levels: dict[str, int], role: Role, catalog: Catalog) -> int:
    after = profile.model_copy(update={"skills": levels})
    return analyze(after, role, catalog).readiness


# ------------------------------------------------------------------ lengths are true


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("role_id", ROLES)
def test_course_and_reading_hours_are_the_resources_own_length(
    catalog: Catalog, role_id: str, who: str
) -> None:
    for d in deliverables(plan_for(catalog, role_id, who)):
        if d.kind not in ("course", "reading") and not (d.kind == "practice" and d.resource):
            continue
        assert d.resource is not None, d.title
        recorded = next(r for r in catalog.skills[d.skills[0]].resources if r.url == d.resource.url)
        assert d.hours == recorded.hours == d.resource.hours, d.title
        assert d.resource.hours_basis == recorded.hours_basis
        basis = "the provider's figure" if recorded.hours_basis == "provider" else "our estimate"
        assert f"about {recorded.hours} h ({basis})" in d.description


def test_time_beyond_the_material_is_its_own_practice_set(catalog: Catalog) -> None:
    items = deliverables(demo_plan(catalog))
    by_id = {d.id: d for d in items}
    pytorch = by_id["learn-pytorch"]
    assert pytorch.resource and pytorch.hours == pytorch.resource.hours  # a short tutorial
    practice = by_id["practice-pytorch"]
    assert practice.kind == "practice" and practice.resource is None
    assert practice.hours > 0 and practice.targets == {"pytorch": LEARNING_CAP}
    assert "rebuild three of its examples" in practice.description
    assert items.index(practice) > items.index(pytorch)
    # the material alone earns awareness, the practice set working level
    assert pytorch.targets == {"pytorch": 1}
    for d in items:
        assert "spend the other" not in d.description


# ------------------------------------------------------------------ each resource once


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("role_id", ROLES)
def test_no_resource_address_appears_twice_in_a_plan(
    catalog: Catalog, role_id: str, who: str
) -> None:
    for options in ({}, {"prefer_free": True}, {"certifications": False}, {"phases": 6}):
        plan = plan_for(catalog, role_id, who, **options)
        urls = [d.resource.url for d in deliverables(plan) if d.resource]
        assert len(urls) == len(set(urls)), (role_id, who, options)
        ids = [d.id for d in deliverables(plan)]
        assert len(ids) == len(set(ids))


def test_a_resource_for_two_gap_skills_is_one_deliverable_advancing_both(
    catalog: Catalog,
) -> None:
    """Across every role, some resources serve two planned skills; each such resource is one
    deliverable that names (and advances) every skill it serves."""
    merged = []
    for role_id in ROLES:
        for d in deliverables(plan_for(catalog, role_id, "empty")):
            if d.resource is not None and len(d.skills) >= 2 and d.kind in ("course", "reading"):
                merged.append(d)
                for sid in d.skills:
                    urls = {r.url for r in catalog.skills[sid].resources}
                    assert d.resource.url in urls, (role_id, d.id, sid)
                    assert sid in d.targets or d.id.startswith("deepen-"), (role_id, d.id, sid)
    assert merged, "no plan shares a resource between two skills"


# ------------------------------------------------------------------ levels the work can show


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("role_id", ROLES)
def test_doing_everything_reaches_every_level_and_courses_alone_never_pass_working(
    catalog: Catalog, role_id: str, who: str
) -> None:
    role = catalog.role(role_id)
    profile = person(who)
    items = deliverables(plan_for(catalog, role_id, who))
    everything = levels_after(profile, items)
    for req in role.required:
        assert everything.get(req.skill, 0) >= req.level, (role_id, req.skill)
    assert readiness(profile, everything, role, catalog) == 100

    learning = [d for d in items if Kind(d.kind).is_learning]
    assert all(lv <= LEARNING_CAP for d in learning for lv in d.targets.values())
    from_learning = levels_after(Profile(name="Blank"), learning)
    assert max(from_learning.values(), default=0) <= LEARNING_CAP

    # without evidence attached, only a certification shows more than independent
    certified = {s for d in items if d.kind == "certification" for s in d.targets}
    bare = levels_after(Profile(name="Blank"), items, evidence=False)
    assert [s for s, lv in bare.items() if lv > PROJECT_CAP and s not in certified] == []

    # and readiness reaches 100% only with the work that shows the higher levels
    if any(
        r.level > LEARNING_CAP and profile.skills.get(r.skill, 0) < r.level for r in role.required
    ):
        assert readiness(profile, levels_after(profile, learning), role, catalog) < 100


def test_a_level_4_skill_without_a_certification_asks_for_applied_work_with_evidence(
    catalog: Catalog,
) -> None:
    items = deliverables(demo_plan(catalog))
    certified = {s for d in items if d.kind == "certification" for s in d.targets}
    role = catalog.role(DEMO_ROLE)
    advanced = [
        r.skill
        for r in role.required
        if r.level >= 4 and demo_profile().skills.get(r.skill, 0) < r.level
    ]
    assert advanced
    for skill in advanced:
        if skill in certified:
            continue
        applied = [d for d in items if d.id.startswith("applied-") and skill in d.targets]
        assert len(applied) == 1, skill
        assert applied[0].kind == "project" and applied[0].targets[skill] == 4
        assert applied[0].metric.startswith("Evidence attached")


@pytest.mark.parametrize("role_id", ROLES)
def test_each_phase_has_a_project_using_what_it_taught_up_to_independent(
    catalog: Catalog, role_id: str
) -> None:
    role = catalog.role(role_id)
    need = {r.skill: r.level for r in role.required}
    for phase in plan_for(catalog, role_id, "empty").phases:
        projects = [d for d in phase.deliverables if d.id.startswith("project-")]
        assert len(projects) == 1
        project = projects[0]
        assert project.skills and set(project.skills) <= set(phase.skills)
        assert "{skills}" not in project.description
        assert all(level <= PROJECT_CAP for level in project.targets.values())
        led = {"Professional", "Engineering management"}
        for skill in phase.skills:
            if need.get(skill, 0) >= PROJECT_CAP and catalog.skills[skill].category not in led:
                assert project.targets.get(skill) == PROJECT_CAP, (role_id, skill)


# ------------------------------------------------------------------ the target date first


TARGET = START + dt.timedelta(days=548)  # 18 months out


@pytest.mark.parametrize("hours", [8, 15])
def test_a_target_too_close_says_so_and_offers_three_ways_out(
    catalog: Catalog, hours: float
) -> None:
    plan = demo_plan(catalog, hours_per_week=hours, target=TARGET)
    assert plan.feasible is False and plan.finish > TARGET
    ways = plan.options
    assert ways is not None and ways.scope is not None
    # 1. more hours: that many fit, half an hour less does not
    assert ways.hours_per_week > hours
    enough = demo_plan(catalog, hours_per_week=ways.hours_per_week, target=TARGET)
    assert enough.feasible is True and enough.options is None
    short = demo_plan(catalog, hours_per_week=ways.hours_per_week - 0.5, target=TARGET)
    assert short.feasible is False
    # 2. a later finish at the current hours
    assert ways.finish_at_current_hours == plan.finish
    # 3. a narrower scope, most important first
    gaps = {g.skill: g for g in analyze(demo_profile(), catalog.role(DEMO_ROLE), catalog).gaps}
    assert set(ways.scope.kept) | set(ways.scope.deferred) == set(gaps)
    assert ways.scope.kept and ways.scope.deferred
    lowest_kept = min(PRIORITY_WEIGHT[gaps[s].priority] for s in ways.scope.kept)
    highest_deferred = max(PRIORITY_WEIGHT[gaps[s].priority] for s in ways.scope.deferred)
    assert highest_deferred <= lowest_kept
    assert ways.scope.finish <= TARGET
    # the message states all three with their figures
    assert "after the target date" in plan.message
    assert f"{ways.hours_per_week:g} h a week" in plan.message
    assert str(ways.finish_at_current_hours) in plan.message
    assert str(ways.scope.finish) in plan.message


@pytest.mark.parametrize("hours", [8, 15])
def test_fit_target_builds_the_narrower_plan_that_meets_the_date(
    catalog: Catalog, hours: float
) -> None:
    whole = demo_plan(catalog, hours_per_week=hours, target=TARGET)
    fitted = demo_plan(catalog, hours_per_week=hours, target=TARGET, fit_target=True)
    assert whole.options and whole.options.scope
    assert fitted.feasible is True and fitted.finish <= TARGET
    assert fitted.finish == whole.options.scope.finish
    assert fitted.total_hours == whole.options.scope.total_hours
    assert fitted.deferred == whole.options.scope.deferred
    assert "deferred to a later plan" in fitted.message
    # every kept gap is planned to the level the role needs
    role = catalog.role(DEMO_ROLE)
    levels = levels_after(demo_profile(), deliverables(fitted))
    for req in role.required:
        if req.skill in whole.options.scope.kept:
            assert levels.get(req.skill, 0) >= req.level, req.skill


@pytest.mark.parametrize("role_id", ROLES)
def test_every_role_has_a_narrower_plan_for_a_close_target(catalog: Catalog, role_id: str) -> None:
    target = START + dt.timedelta(days=180)
    plan = plan_for(catalog, role_id, "empty", hours_per_week=10, target=target)
    assert plan.feasible is False and plan.options is not None
    assert plan.options.scope is not None
    fitted = plan_for(catalog, role_id, "empty", hours_per_week=10, target=target, fit_target=True)
    assert fitted.finish <= target and fitted.deferred == plan.options.scope.deferred
    role = catalog.role(role_id)
    levels = levels_after(Profile(name="New"), deliverables(fitted))
    for req in role.required:
        if req.skill in plan.options.scope.kept:
            assert levels.get(req.skill, 0) >= req.level, req.skill


def test_a_30_day_target_is_called_unrealistic_with_its_figures(catalog: Catalog) -> None:
    plan = demo_plan(catalog, hours_per_week=8, target=START + dt.timedelta(days=30))
    assert plan.feasible is False and plan.options is not None
    assert plan.options.hours_per_week > 80
    assert "more than the 80 h a week the planner allows" in plan.message
    assert plan.options.finish_at_current_hours == plan.finish


def test_a_target_far_enough_is_met_and_offers_nothing(catalog: Catalog) -> None:
    plan = demo_plan(catalog, target=START + dt.timedelta(days=365 * 10))
    assert plan.feasible is True and plan.options is None and plan.deferred == []
    assert "meets the target date" in plan.message
    fitted = demo_plan(catalog, target=START + dt.timedelta(days=365 * 10), fit_target=True)
    assert fitted.model_dump_json() == plan.model_dump_json()


def test_fit_target_needs_a_target_and_a_target_something_fits(catalog: Catalog) -> None:
    with pytest.raises(InputError, match="needs a target date"):
        demo_plan(catalog, fit_target=True)
    with pytest.raises(InputError, match="no plan fits by"):
        demo_plan(catalog, target=START + dt.timedelta(days=7), fit_target=True)


# ------------------------------------------------------------------ dates and text


def test_same_inputs_give_the_same_plan_byte_for_byte(catalog: Catalog) -> None:
    assert demo_plan(catalog).model_dump_json() == demo_plan(catalog).model_dump_json()
    a = demo_plan(catalog, hours_per_week=15, target=TARGET)
    b = demo_plan(catalog, hours_per_week=15, target=TARGET)
    assert a.model_dump_json() == b.model_dump_json()


def test_dates_run_forward_and_no_text_carries_a_date(catalog: Catalog) -> None:
    plan = demo_plan(catalog)
    items = deliverables(plan)
    assert items[0].start == START
    for before, after in itertools.pairwise(items):
        assert before.due <= after.due
        assert after.start == before.due
    for d in items:
        assert not ISO_DATE.search(d.metric) and not ISO_DATE.search(d.description), d.id
        assert not ISO_DATE.search(d.title)
    for phase in plan.phases:
        assert phase.start == phase.deliverables[0].start
        assert phase.due == phase.deliverables[-1].due
        assert not ISO_DATE.search(phase.title)
    assert plan.finish == items[-1].due
    assert plan.total_hours == sum(d.hours for d in items)


def test_a_replan_at_other_hours_keeps_every_text_and_moves_every_date(catalog: Catalog) -> None:
    slow = deliverables(demo_plan(catalog, hours_per_week=8))
    fast = deliverables(demo_plan(catalog, hours_per_week=16))
    assert [(d.title, d.description, d.metric) for d in slow] == [
        (d.title, d.description, d.metric) for d in fast
    ]
    assert slow[-1].due != fast[-1].due


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


# ------------------------------------------------------------------ order and shape


def test_no_skill_is_learned_before_its_prerequisites(catalog: Catalog) -> None:
    for role in catalog.roles.values():
        plan = build_plan(Profile(name="New"), role, catalog, PlanOptions(start=START))
        first: dict[str, int] = {}
        for index, d in enumerate(deliverables(plan)):
            for sid in d.skills:
                first.setdefault(sid, index)
        for sid, index in first.items():
            for pre in catalog.skills[sid].prerequisites:
                if pre in first:
                    assert first[pre] <= index, f"{role.id}: {sid} before {pre}"


def test_every_prerequisite_below_working_level_is_planned(catalog: Catalog) -> None:
    plan = demo_plan(catalog)
    planned = {sid for d in deliverables(plan) for sid in d.targets}
    profile = demo_profile()
    for sid in planned:
        for pre in catalog.skills[sid].prerequisites:
            assert pre in planned or profile.skills.get(pre, 0) >= 2, (sid, pre)


@pytest.mark.parametrize("role_id", ROLES)
def test_critical_gaps_come_before_nice_to_haves_unless_a_prerequisite_says_otherwise(
    catalog: Catalog, role_id: str
) -> None:
    role = catalog.role(role_id)
    weight = {r.skill: PRIORITY_WEIGHT[r.priority] for r in role.required}
    changed = True
    while changed:  # a prerequisite is as urgent as the most important skill needing it
        changed = False
        for sid in list(weight):
            for pre in catalog.skills[sid].prerequisites:
                if weight.get(pre, 0) < weight[sid]:
                    weight[pre] = weight[sid]
                    changed = True
    plan = plan_for(catalog, role_id, "empty")
    firsts = [
        d.skills[0] for d in deliverables(plan) if d.id.startswith("learn-") and len(d.skills) == 1
    ]
    ranks = [weight.get(s, 1) for s in firsts]
    assert ranks == sorted(ranks, reverse=True), role_id


def test_a_profile_that_meets_the_role_gets_an_empty_plan_that_says_so(catalog: Catalog) -> None:
    role = catalog.role("data-scientist")
    expert = Profile(name="Dana", skills={r.skill: r.level for r in role.required})
    plan = build_plan(expert, role, catalog, PlanOptions(start=START))
    assert plan.phases == [] and plan.total_hours == 0
    assert "already meets every requirement" in plan.message


def test_phases_are_named_for_what_they_do(catalog: Catalog) -> None:
    plan = demo_plan(catalog)
    assert len(plan.phases) == 3
    assert plan.phases[0].title.startswith("Foundations: ")
    assert plan.phases[-1].title.startswith("Specialisation: ")
    for count in range(1, 7):
        assert len(demo_plan(catalog, phases=count).phases) == count


def test_certifications_are_the_roles_and_come_after_the_skills_they_cover(
    catalog: Catalog,
) -> None:
    role = catalog.role(DEMO_ROLE)
    for role_id in ROLES:
        plan = plan_for(catalog, role_id, "empty")
        role = catalog.role(role_id)
        seen: set[str] = set()
        for phase in plan.phases:
            seen |= set(phase.skills)
            for d in phase.deliverables:
                if d.kind != "certification":
                    continue
                assert d.certification in role.certifications
                cert = catalog.certifications[d.certification or ""]
                assert set(cert.skills) & set(phase.skills), (role_id, cert.id)
                assert set(d.targets) <= seen
                untaught = [s for s in cert.skills if s not in seen]
                assert len(untaught) <= 1, (role_id, cert.id, untaught)
    certs = [d for d in deliverables(demo_plan(catalog)) if d.kind == "certification"]
    assert certs, "the demo role recommends certifications covering its gaps"
    assert not [
        d
        for d in deliverables(demo_plan(catalog, certifications=False))
        if d.kind == "certification"
    ]


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
