"""The shipped catalog loads, is complete and sourced, and a broken file is reported plainly."""

from __future__ import annotations

import json
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


NEW_ROLES = {
    "software-architect",
    "product-manager",
    "ux-designer",
    "game-developer",
    "devsecops-engineer",
    "technical-writer",
    "developer-advocate",
    "it-support-specialist",
    "business-systems-analyst",
    "embedded-engineer",
}


def test_catalog_sizes(catalog: Catalog) -> None:
    assert len(catalog.roles) >= 46 and set(catalog.roles) >= NEW_ROLES
    assert len(catalog.skills) >= 320
    assert len(catalog.certifications) >= 60
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
        # the reference period (May 2025) and the publication (2026) are kept apart
        assert salary.reference_period == "May 2025" and salary.year == 2026
        assert salary.published.startswith("2026-")
        assert role.occupation in role.proxy_note, role.proxy_note
        if market.outlook:
            assert market.outlook.source_url.startswith("https://www.bls.gov/")
            assert market.outlook.period and market.outlook.edition_published
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


def test_the_validated_catalog_is_cached_and_a_change_is_seen(copy: Path, tmp_path: Path) -> None:
    from skillpath.core.catalog_cache import cache_file

    cache = tmp_path / "cache"
    first = load_catalog(copy, cache_dir=cache)
    assert cache_file(copy, cache).exists()
    again = load_catalog(copy, cache_dir=cache)  # read back: the same catalog
    assert (again.skills, again.roles, again.certifications) == (
        first.skills, first.roles, first.certifications,
    )  # fmt: skip
    assert again.projects == first.projects and again.salaries == first.salaries
    # an edit to a file is picked up, and a broken edit is still reported
    _replace(copy / "skills.toml", 'name = "Python"', 'name = "Python (CPython)"')
    assert load_catalog(copy, cache_dir=cache).skills["python"].name == "Python (CPython)"
    _replace(copy / "roles.toml", "level = 4", "level = 9")
    with pytest.raises(CatalogError, match=r"roles\.toml"):
        load_catalog(copy, cache_dir=cache)


def test_a_damaged_cache_is_ignored(copy: Path, tmp_path: Path) -> None:
    from skillpath.core.catalog_cache import cache_file, digest

    cache = tmp_path / "cache"
    cache.mkdir()
    cache_file(copy, cache).write_text("{not json", encoding="utf-8")
    assert "python" in load_catalog(copy, cache_dir=cache).skills
    # well-formed JSON with the right key but not the catalog's shape: validated again
    cache_file(copy, cache).write_text(
        json.dumps({"key": digest(copy), "catalog": {"skills": [{"oops": 1}]}}), encoding="utf-8"
    )
    assert "python" in load_catalog(copy, cache_dir=cache).skills


def test_two_installs_keep_a_cache_each(copy: Path, tmp_path: Path) -> None:
    """One cache entry per install folder: two installs on a machine do not evict each other."""
    import shutil

    from skillpath.core.catalog_cache import cache_file

    other = tmp_path / "other-install"
    shutil.copytree(copy, other)
    cache = tmp_path / "cache"
    load_catalog(copy, cache_dir=cache)
    load_catalog(other, cache_dir=cache)
    assert cache_file(copy, cache) != cache_file(other, cache)
    assert cache_file(copy, cache).exists() and cache_file(other, cache).exists()


def test_a_skill_defined_in_two_files_is_named(copy: Path) -> None:
    (copy / "skills-extra.toml").write_text(
        '[[skill]]\nid = "python"\nname = "Python again"\ncategory = "Foundations"\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match=r"skills-extra.toml: skill 'python' is defined twice"):
        load_catalog(copy)


# ------------------------------------------------------------------ sources a person can check

# The vendors' own domains, written out here (not derived from the entries) so that a source
# on a look-alike or exam-prep site cannot pass as the vendor's.
VENDOR_DOMAINS = {
    "Amazon Web Services": {"amazon.com"},
    "Microsoft": {"microsoft.com"},
    "Google Cloud": {"google.com"},
    "The Linux Foundation": {"linuxfoundation.org", "cncf.io"},
    "Cloud Native Computing Foundation": {"linuxfoundation.org", "cncf.io"},
    "ISC2": {"isc2.org"},
    "ISACA": {"isaca.org"},
    "CompTIA": {"comptia.org"},
    "Cisco": {"cisco.com"},
    "Databricks": {"databricks.com"},
    "HashiCorp": {"hashicorp.com"},
    "Red Hat": {"redhat.com"},
    "Scrum.org": {"scrum.org"},
    "Snowflake": {"snowflake.com"},
    "ISTQB": {"istqb.org"},
    "Python Institute": {"pythoninstitute.org"},
    "OpenEDG Python Institute": {"pythoninstitute.org"},
    "GitHub": {"github.com", "microsoft.com"},
    "PeopleCert": {"peoplecert.org"},
}


def _domain(url: str) -> str:
    from urllib.parse import urlsplit

    return ".".join((urlsplit(url).hostname or "").split(".")[-2:])


def test_every_certification_source_is_the_vendors_or_is_marked_third_party(
    catalog: Catalog,
) -> None:
    for cert in catalog.certifications.values():
        domains = VENDOR_DOMAINS.get(cert.vendor)
        assert domains, f"{cert.id}: add the vendor '{cert.vendor}' and its domain to the test"
        assert _domain(cert.url) in domains, f"{cert.id}: url {cert.url} is not the vendor's"
        if cert.source_kind == "vendor":
            assert _domain(cert.source) in domains, f"{cert.id}: {cert.source}"
        else:
            assert _domain(cert.source) not in domains
            # the entry names the page and says which facts it gives
            assert _domain(cert.source) in cert.source_note or "third-party" in cert.source_note
            assert "fee" in cert.source_note.lower(), cert.id


def test_a_source_mislabelled_as_the_vendors_is_a_load_error(copy: Path) -> None:
    path = copy / "certifications.toml"
    text = path.read_text(encoding="utf-8")
    block = re.compile(
        r'(id = "cncf-cka"\n(?:(?!\[\[certification\]\]).)*?)source_kind = "third-party"', re.S
    )
    assert block.search(text)
    path.write_text(block.sub(r'\1source_kind = "vendor"', text, count=1), encoding="utf-8")
    with pytest.raises(CatalogError, match=r"certification 'cncf-cka'.*not on the vendor's domain"):
        load_catalog(copy)


def test_every_resource_says_whether_its_length_is_the_providers_or_an_estimate(
    catalog: Catalog,
) -> None:
    for skill in catalog.skills.values():
        for res in skill.resources:
            assert res.hours_basis in ("provider", "estimate"), res.title
            if res.hours_basis == "provider":
                assert res.hours_source.strip(), f"{res.title}: where does the provider say so?"


def test_a_provider_length_without_its_source_is_a_load_error(copy: Path) -> None:
    _replace(
        copy / "learning" / "careers.toml",
        '\nhours_basis = "estimate"\n',
        '\nhours_basis = "provider"\n',
    )
    with pytest.raises(CatalogError, match=r"careers.toml: resource for .*hours_source"):
        load_catalog(copy)


def test_every_role_shows_occupation_period_year_and_what_it_borrows(catalog: Catalog) -> None:
    from skillpath.core.market import market_facts, pay_line

    for role in catalog.roles.values():
        facts = {f.label: f for f in market_facts(role, catalog)}
        pay = facts["Pay"]
        assert role.occupation in pay.text and "May 2025" in pay.text and "2026" in pay.text
        assert pay.period == "May 2025" and pay.year == 2026
        if role.occupation_match == "proxy":
            assert pay.proxy and "proxy" in pay_line(role, catalog)
            note = role.proxy_note.lower()
            assert "wage" in note, role.id
            if role.market and role.market.outlook:
                assert "growth" in note and "openings" in note, role.id
                assert "proxy" in facts["Demand"].text
        if role.market and role.market.outlook:
            assert role.market.outlook.period in facts["Demand"].text


def test_no_two_roles_print_the_same_pay_line_without_saying_they_share(catalog: Catalog) -> None:
    from skillpath.core.market import pay_line, pay_short

    for wording in (pay_line, pay_short):
        lines: dict[str, list[str]] = {}
        for role in catalog.roles.values():
            lines.setdefault(wording(role, catalog), []).append(role.id)
        for line, ids in lines.items():
            if len(ids) > 1:
                assert "shared" in line, f"{ids} print '{line}'"


def test_junior_and_staff_engineers_are_not_shown_one_median(catalog: Catalog) -> None:
    from skillpath.core.market import pay_figure

    junior = pay_figure(catalog.roles["junior-software-engineer"])
    staff = pay_figure(catalog.roles["staff-software-engineer"])
    assert junior and staff and junior[1] < staff[1]
    assert junior[0] == "25th percentile" and staff[0] == "90th percentile"


def test_fixed_occupations(catalog: Catalog) -> None:
    from skillpath.core.market import demand_line

    cloud = catalog.roles["cloud-engineer"]
    assert cloud.occupation == "15-1252" and cloud.market and cloud.market.demand != "declining"
    assert catalog.roles["senior-frontend-engineer"].occupation == "15-1252"
    analyst = catalog.roles["data-analyst"]
    assert "Borrowed from a proxy occupation" in demand_line(analyst)
    assert "growth" in analyst.proxy_note


def test_corrected_skill_lists(catalog: Catalog) -> None:
    def req(role_id: str) -> dict[str, tuple[int, str]]:
        return {r.skill: (r.level, r.priority) for r in catalog.roles[role_id].required}

    network = catalog.roles["network-engineer"]
    assert "routing-switching" in req("network-engineer")
    assert {"cisco-ccna", "comptia-network-plus"} <= set(network.certifications)
    qa = req("qa-engineer")
    assert qa["technical-writing"][1] != "critical"
    assert qa["test-automation"] >= (3, "critical") and {"selenium", "cypress"} <= set(qa)
    assert req("backend-engineer")["python"][1] != "critical"
    assert {"llm-evaluation", "model-monitoring", "ai-agents"} <= set(req("senior-ai-engineer"))
    assert "stakeholder-management" not in catalog.skills["project-management"].prerequisites
    assert "sql" not in catalog.skills["hadoop"].prerequisites


def test_technology_lists_are_labelled_editorial_and_checked_against_onet(
    catalog: Catalog,
) -> None:
    from skillpath.core.market import popularity_note, technology_flags

    for role in catalog.roles.values():
        assert "not a usage ranking" in role.popularity.source
        assert role.onet_code in catalog.technologies, role.id
        note = popularity_note(role, catalog)
        assert "not a measure of usage" in note and "O*NET" in note
    flags = technology_flags(catalog.roles["backend-engineer"], catalog)
    # O*NET 29.2 flags Java (as "Oracle Java") In Demand for software developers
    assert flags["Java"] == "In Demand"


def test_data_sources_give_exact_counts(catalog: Catalog) -> None:
    from skillpath.core.market import catalog_counts, data_sources

    n = catalog_counts(catalog)
    text = "\n".join(f"{x.name}: {x.detail}" for x in data_sources(catalog))
    resources = sum(len(s.resources) for s in catalog.skills.values())
    assert n["lengths_provider"] + n["lengths_estimate"] == resources
    assert f"{n['lengths_provider']} lengths as stated by the provider" in text
    assert f"{n['lengths_estimate']} Skillpath estimates" in text
    assert f"{n['certs_vendor']} sourced from the vendor's own page" in text
    assert f"{n['certs_third_party']} only from a third-party page" in text
    assert "reference period May 2025" in text and "published 2026" in text
    assert "2024–34 edition" in text and "2025–35" in text


# ------------------------------------------------------------------ the command line


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    from skillpath.core.cli import main

    code = main(list(argv))
    return code, capsys.readouterr().out


def test_catalog_json_prints_the_whole_catalog_with_sources(
    catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    code, out = _run(capsys, "catalog", "--json")
    data = json.loads(out)
    assert code == 0
    assert len(data["roles"]) == len(catalog.roles) and len(data["skills"]) == len(catalog.skills)
    assert len(data["certifications"]) == len(catalog.certifications)
    assert all(r["hours_basis"] in ("provider", "estimate") for r in data["resources"])
    role = next(r for r in data["roles"] if r["id"] == "junior-software-engineer")
    pay = next(f for f in role["market_facts"] if f["label"] == "Pay")
    assert pay["proxy"] and pay["period"] == "May 2025" and pay["year"] == 2026
    assert "staff-software-engineer" in role["shares_occupation_with"]
    assert all(c["source_kind"] in ("vendor", "third-party") for c in data["certifications"])
    code, out = _run(capsys, "catalog")
    assert code == 0 and f"{len(catalog.roles)} roles" in out and "third-party" in out


def test_roles_show_each_figures_source_year_and_proxy_flag(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = _run(capsys, "roles")
    assert code == 0
    block = out.split("junior-software-engineer", 1)[1].split("\n")[1:3]
    assert "OEWS May 2025, pub. 2026" in block[0] and "proxy" in block[0]
    assert "25th percentile" in block[0] and "shared by" in block[0]
    assert "2024–34 BLS" in block[1]
