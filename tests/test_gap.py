"""Gap analysis as the person reads it: what they lack, what they have, how ready they are."""

from __future__ import annotations

import pytest

from skillpath.core.catalog import Catalog, shipped_catalog
from skillpath.core.demo import DEMO_ROLE, demo_profile
from skillpath.core.errors import ProfileError
from skillpath.core.gap import analyze, check_profile_skills
from skillpath.core.models import PRIORITY_WEIGHT, Profile


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return shipped_catalog()


def test_demo_gaps_and_strengths_match_the_original_report(catalog: Catalog) -> None:
    analysis = analyze(demo_profile(), catalog.role(DEMO_ROLE), catalog)
    gap_ids = {g.skill for g in analysis.gaps}
    assert {"machine-learning", "deep-learning", "mlops", "kubernetes"} <= gap_ids
    strength_ids = {s.skill for s in analysis.strengths}
    assert "python" in strength_ids
    assert "problem-solving" in strength_ids
    # JavaScript is not asked for by the role but is still a strength worth naming
    js = next(s for s in analysis.strengths if s.skill == "javascript")
    assert js.transferable and js.required is None
    assert 0 < analysis.readiness < 50


def test_gaps_come_most_important_first(catalog: Catalog) -> None:
    analysis = analyze(demo_profile(), catalog.role(DEMO_ROLE), catalog)
    keys = [(-PRIORITY_WEIGHT[g.priority], -g.gap) for g in analysis.gaps]
    assert keys == sorted(keys)
    assert analysis.top_gaps == [g.skill for g in analysis.gaps[:5]]


def test_readiness_runs_from_nothing_to_everything(catalog: Catalog) -> None:
    role = catalog.role("backend-engineer")
    empty = Profile(name="Empty")
    full = Profile(name="Full", skills={r.skill: r.level for r in role.required})
    above = Profile(name="Above", skills={r.skill: 5 for r in role.required})
    assert analyze(empty, role, catalog).readiness == 0
    assert analyze(full, role, catalog).readiness == 100
    assert analyze(above, role, catalog).readiness == 100
    assert analyze(full, role, catalog).gaps == []


def test_learning_a_critical_skill_moves_readiness_more_than_a_nice_to_have(
    catalog: Catalog,
) -> None:
    role = catalog.role(DEMO_ROLE)
    critical = next(r for r in role.required if r.priority == "critical" and r.skill != "python")
    nice = next(r for r in role.required if r.priority == "nice-to-have")
    base = demo_profile()
    with_critical = base.model_copy(
        update={"skills": {**base.skills, critical.skill: critical.level}}
    )
    with_nice = base.model_copy(update={"skills": {**base.skills, nice.skill: nice.level}})
    r0 = analyze(base, role, catalog).readiness
    assert (
        analyze(with_critical, role, catalog).readiness
        > analyze(with_nice, role, catalog).readiness
        > r0
    )


def test_each_gap_says_where_the_current_level_came_from(catalog: Catalog) -> None:
    profile = Profile(name="Ana", skills={"statistics": 1, "sql": 2}, skill_sources={"sql": "cv"})
    analysis = analyze(profile, catalog.role("data-scientist"), catalog)
    sources = {g.skill: g.source for g in analysis.gaps + analysis.met}
    assert sources["statistics"] == "self-rated"
    assert sources.get("sql") == "cv"
    assert sources["machine-learning"] == "none"


def test_unknown_skill_ids_are_named(catalog: Catalog) -> None:
    with pytest.raises(ProfileError, match="unknown skill id 'pyhton'"):
        check_profile_skills(Profile(name="X", skills={"pyhton": 3}), catalog)
