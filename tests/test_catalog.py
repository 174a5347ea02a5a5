"""The shipped catalog loads, is complete and sourced, and a broken file is reported plainly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from skillpath.core.catalog import (
    Catalog,
    demand_from_growth,
    find_cycle,
    load_catalog,
    shipped_catalog,
)
from skillpath.core.errors import CatalogError
from skillpath.core.paths import catalog_dir

ORIGINAL_ROLES = {
    "senior-ai-engineer": "Senior AI Engineer",
    "backend-engineer": "Backend Engineer",
    "devops-engineer": "DevOps Engineer",
    "frontend-engineer": "Frontend Engineer",
    "data-scientist": "Data Scientist",
    "full-stack-engineer": "Full-Stack Engineer",
    "mobile-engineer": "Mobile Engineer",
    "security-engineer": "Security Engineer",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return shipped_catalog()


def test_the_eight_roles_of_the_original_report_are_there(catalog: Catalog) -> None:
    titles = {rid: catalog.roles[rid].title for rid in ORIGINAL_ROLES if rid in catalog.roles}
    assert titles == ORIGINAL_ROLES


def test_catalog_sizes(catalog: Catalog) -> None:
    assert len(catalog.skills) >= 100
    assert len(catalog.certifications) >= 25
    for role in catalog.roles.values():
        assert 12 <= len(role.required) <= 25, role.id


def test_every_skill_has_one_to_three_real_looking_resources(catalog: Catalog) -> None:
    for skill in catalog.skills.values():
        assert 1 <= len(skill.resources) <= 3, f"{skill.id} has {len(skill.resources)} resources"
        for res in skill.resources:
            assert res.url.startswith(("https://", "http://")), res.url
            assert res.provider and res.title


def test_every_role_has_sourced_market_facts(catalog: Catalog) -> None:
    for role in catalog.roles.values():
        market = role.market
        assert market is not None
        salary = market.salary
        assert salary is not None, f"{role.id}: no salary for {role.occupation}"
        assert salary.p10 <= salary.p25 <= salary.median <= salary.p75 <= salary.p90
        assert salary.currency == "USD" and "Bureau of Labor Statistics" in salary.source
        assert salary.year >= 2025
        assert role.occupation in role.proxy_note, role.proxy_note
        if market.outlook:
            assert market.outlook.source_url.startswith("https://www.bls.gov/")
        assert market.growth_areas and market.growth_source
        pop = role.popularity
        assert pop.languages and pop.frameworks_tools and pop.technologies and pop.source


def test_every_certification_is_sourced_and_resolves(catalog: Catalog) -> None:
    for cert in catalog.certifications.values():
        assert cert.source.startswith("https://") and cert.url.startswith("https://")
        assert cert.year >= 2023
        assert all(sid in catalog.skills for sid in cert.skills)
    for role in catalog.roles.values():
        assert all(cid in catalog.certifications for cid in role.certifications)


def test_skills_know_the_certifications_that_cover_them(catalog: Catalog) -> None:
    for cert in catalog.certifications.values():
        for sid in cert.skills:
            assert cert.id in catalog.skills[sid].certifications


def test_demand_words_follow_projected_growth() -> None:
    assert demand_from_growth(None) == "not stated"
    assert demand_from_growth(33) == "very high"
    assert demand_from_growth(10) == "high"
    assert demand_from_growth(4) == "moderate"
    assert demand_from_growth(1) == "low"
    assert demand_from_growth(-5) == "declining"


def test_find_cycle() -> None:
    assert find_cycle({"a": ["b"], "b": ["c"], "c": []}) is None
    cycle = find_cycle({"a": ["b"], "b": ["c"], "c": ["a"]})
    assert cycle is not None and cycle[0] == cycle[-1] and set(cycle) == {"a", "b", "c"}


# ------------------------------------------------------------------ broken files


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    shutil.copytree(catalog_dir(), target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_bad_field_names_the_file_entry_and_field(copy: Path) -> None:
    _replace(copy / "roles.toml", "level = 4", "level = 9")
    with pytest.raises(CatalogError) as err:
        load_catalog(copy)
    message = str(err.value)
    assert message.startswith("roles.toml: role '")
    assert "level" in message and "less than or equal to 5" in message
    assert "\n" not in message


def test_a_prerequisite_cycle_is_a_load_error(copy: Path) -> None:
    # python gets machine learning as a prerequisite: ML -> python -> ML
    path = copy / "skills.toml"
    text = path.read_text(encoding="utf-8")
    block = re.compile(r'(id = "python"\n(?:(?!\[\[skill\]\]).)*?prerequisites = )\[\]', re.S)
    assert block.search(text)
    path.write_text(block.sub(r'\1["machine-learning"]', text, count=1), encoding="utf-8")
    with pytest.raises(CatalogError, match=r"skills: prerequisites form a cycle: .*python"):
        load_catalog(copy)


def test_an_unknown_reference_is_named(copy: Path) -> None:
    _replace(copy / "roles.toml", 'skill = "python"', 'skill = "pythn"')
    with pytest.raises(CatalogError, match=r"roles.toml: role '.*': .*unknown skill 'pythn'"):
        load_catalog(copy)


def test_invalid_toml_names_the_file_and_line(copy: Path) -> None:
    (copy / "skills.toml").write_text('[[skill]]\nid = "x"\nname = \n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"^skills.toml: not valid TOML: .*line 3"):
        load_catalog(copy)


def test_a_typo_in_a_key_is_reported_not_ignored(copy: Path) -> None:
    _replace(copy / "skills.toml", 'category = "Foundations"', 'categroy = "Foundations"')
    with pytest.raises(CatalogError, match=r"skills.toml: skill '.*': field 'categroy'"):
        load_catalog(copy)


def test_a_missing_file_is_named(copy: Path) -> None:
    (copy / "roles.toml").unlink()
    with pytest.raises(CatalogError, match=r"roles.toml: the catalog file is missing"):
        load_catalog(copy)


def test_the_parsed_catalog_is_cached_and_a_change_is_seen(copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_catalog(copy, cache_dir=cache)
    assert (cache / "catalog-parsed.json").exists()
    assert load_catalog(copy, cache_dir=cache).skills == first.skills
    # an edit to a file is picked up, and a broken edit is still reported
    _replace(copy / "skills.toml", 'name = "Python"', 'name = "Python (CPython)"')
    assert load_catalog(copy, cache_dir=cache).skills["python"].name == "Python (CPython)"
    _replace(copy / "roles.toml", "level = 4", "level = 9")
    with pytest.raises(CatalogError, match=r"roles\.toml"):
        load_catalog(copy, cache_dir=cache)


def test_a_damaged_cache_is_ignored(copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "catalog-parsed.json").write_text("{not json", encoding="utf-8")
    assert "python" in load_catalog(copy, cache_dir=cache).skills


def test_a_skill_defined_in_two_files_is_named(copy: Path) -> None:
    (copy / "skills-extra.toml").write_text(
        '[[skill]]\nid = "python"\nname = "Python again"\ncategory = "Foundations"\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match=r"skills-extra.toml: skill 'python' is defined twice"):
        load_catalog(copy)
