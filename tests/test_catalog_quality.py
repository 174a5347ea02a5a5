"""The whole shipped catalog is usable: every role plans, every skill can be learned for free,
prerequisites make an order, and every fact carries its year."""

from __future__ import annotations

import datetime as dt
import tomllib
import urllib.parse
from collections import Counter
from pathlib import Path

import pytest

from skillpath.core.catalog import Catalog, find_cycle
from skillpath.core.models import Profile
from skillpath.core.paths import catalog_dir
from skillpath.core.planner import PlanOptions, build_plan

START = dt.date(2026, 3, 2)
THIS_YEAR = dt.date.today().year
ROLE_IDS = sorted(
    role["id"]
    for path in catalog_dir().glob("roles*.toml")
    for role in tomllib.loads(path.read_text(encoding="utf-8")).get("role", [])
)


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_every_role_gives_an_empty_profile_a_plan_that_reaches_every_level(
    catalog: Catalog, role_id: str
) -> None:
    role = catalog.role(role_id)
    plan = build_plan(Profile(name="New"), role, catalog, PlanOptions(start=START))
    assert plan.phases and plan.total_hours > 0 and plan.finish > plan.start
    reached: dict[str, int] = {}
    for phase in plan.phases:
        assert phase.deliverables, f"{role_id}: phase '{phase.title}' is empty"
        for d in phase.deliverables:
            for sid, level in d.targets.items():
                reached[sid] = max(reached.get(sid, 0), level)
    for req in role.required:
        assert reached.get(req.skill, 0) >= req.level, f"{role_id}: {req.skill} is not reached"
    # no skill is learned before its prerequisites
    first = {}
    for index, d in enumerate(d for p in plan.phases for d in p.deliverables):
        for sid in d.targets:
            first.setdefault(sid, index)
    for sid, at in first.items():
        for pre in catalog.skills[sid].prerequisites:
            if pre in first:
                assert first[pre] <= at, f"{role_id}: {sid} comes before its prerequisite {pre}"


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_a_profile_that_meets_a_role_gets_an_empty_plan_that_says_so(
    catalog: Catalog, role_id: str
) -> None:
    role = catalog.role(role_id)
    ready = Profile(name="Ready", skills={r.skill: r.level for r in role.required})
    plan = build_plan(ready, role, catalog, PlanOptions(start=START))
    assert plan.phases == [] and plan.total_hours == 0 and plan.finish == plan.start
    assert plan.message == (
        f"Ready already meets every requirement of {role.title}: there is nothing to plan."
    )


def test_every_skill_has_a_free_resource(catalog: Catalog) -> None:
    without = [s.id for s in catalog.skills.values() if not any(r.free for r in s.resources)]
    assert without == []


def test_prerequisites_form_no_cycle_and_a_short_order(catalog: Catalog) -> None:
    graph = {s.id: s.prerequisites for s in catalog.skills.values()}
    assert find_cycle(graph) is None
    depth: dict[str, int] = {}

    def chain(sid: str) -> int:
        if sid not in depth:
            depth[sid] = 1 + max((chain(p) for p in graph[sid]), default=0)
        return depth[sid]

    for sid, pres in graph.items():
        assert sid not in pres, f"{sid} lists itself"
        assert len(pres) == len(set(pres)), f"{sid} lists a prerequisite twice"
        assert len(pres) <= 4, f"{sid} has {len(pres)} direct prerequisites"
        # a long chain means someone must learn many things before starting this one
        assert chain(sid) <= 7, f"{sid} sits at the end of a chain of {chain(sid)} skills"


def test_no_role_asks_far_less_of_a_prerequisite_than_of_what_rests_on_it(
    catalog: Catalog,
) -> None:
    """Python at level 1 for PyTorch at level 4 would be a typo: a role may ask less of a
    prerequisite than of the skill built on it, but by at most two levels."""
    odd = []
    for role in catalog.roles.values():
        level = {r.skill: r.level for r in role.required}
        for req in role.required:
            for pre in catalog.skills[req.skill].prerequisites:
                if pre in level and level[pre] < req.level - 2:
                    odd.append(f"{role.id}: {req.skill} {req.level}, {pre} {level[pre]}")
    assert odd == []


def test_every_fact_has_a_plausible_year(catalog: Catalog) -> None:
    for cert in catalog.certifications.values():
        assert 2020 <= cert.year <= THIS_YEAR, f"certification {cert.id}: year {cert.year}"
        assert cert.source.startswith("https://"), cert.id
    for skill in catalog.skills.values():
        for res in skill.resources:
            assert 1900 < res.year <= THIS_YEAR, f"{skill.id}: '{res.title}' year {res.year}"


def test_every_resource_points_at_a_real_looking_page(catalog: Catalog) -> None:
    seen: Counter[tuple[str, str]] = Counter()
    for skill in catalog.skills.values():
        for res in skill.resources:
            url = urllib.parse.urlsplit(res.url)
            host = url.hostname or ""
            assert url.scheme in ("https", "http") and "." in host, res.url
            assert not host.endswith(("example.com", "example.org", "localhost")), res.url
            seen[(skill.id, res.url)] += 1
    assert [k for k, n in seen.items() if n > 1] == []


def _ids(stem: str, key: str) -> list[str]:
    folder = catalog_dir()
    paths = [folder / f"{stem}.toml", *sorted(folder.glob(f"{stem}-*.toml"))]
    out: list[str] = []
    for path in (p for p in paths if p.exists()):
        out += [e["id"] for e in tomllib.loads(path.read_text(encoding="utf-8")).get(key, [])]
    return out


@pytest.mark.parametrize(
    ("stem", "key"), [("roles", "role"), ("skills", "skill"), ("certifications", "certification")]
)
def test_ids_are_unique_across_files(stem: str, key: str) -> None:
    ids = _ids(stem, key)
    assert ids, stem
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_no_catalog_role_uses_the_own_role_prefix(catalog: Catalog) -> None:
    assert [r for r in catalog.roles if r.startswith("own-")] == []
    assert sorted(catalog.roles) == ROLE_IDS


def test_the_coverage_script_runs(catalog: Catalog) -> None:
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "catalog_coverage.py"
    spec = importlib.util.spec_from_file_location("catalog_coverage", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    lines = module.report(catalog)
    assert f"Roles: {len(catalog.roles)}" in lines
    assert f"Skills with a free resource: {len(catalog.skills)}/{len(catalog.skills)} (100%)" in (
        lines
    )
