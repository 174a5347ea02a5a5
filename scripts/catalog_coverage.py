"""Print how much the shipped catalog covers and how much of it is sourced.

Run from the repository: `.venv/bin/python scripts/catalog_coverage.py`. Read-only; the
numbers come from the same loader the app uses, so what it prints is what the app sees.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from skillpath.core.catalog import Catalog, find_cycle, load_catalog

SENIORITIES = ("junior", "mid", "senior", "lead")


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "0/0"


def _filled(*values: object) -> bool:
    return all(v not in (None, "") for v in values)


def report(catalog: Catalog) -> list[str]:
    roles = list(catalog.roles.values())
    skills = list(catalog.skills.values())
    certs = list(catalog.certifications.values())
    resources = [r for s in skills for r in s.resources]
    out = [f"Catalog: {catalog.folder}", "", f"Roles: {len(roles)}"]

    families = sorted({r.family for r in roles})
    by = Counter((r.family, r.seniority) for r in roles)
    width = max(len(f) for f in families)
    out.append(f"  {'family':<{width}}  " + "  ".join(f"{s:>6}" for s in SENIORITIES) + "   all")
    for family in families:
        counts = [by[(family, s)] for s in SENIORITIES]
        cells = "  ".join(f"{c:>6}" for c in counts)
        out.append(f"  {family:<{width}}  {cells}  {sum(counts):>4}")

    free_skills = sum(1 for s in skills if any(r.free for r in s.resources))
    with_prereq = sum(1 for s in skills if s.prerequisites)
    cycle = find_cycle({s.id: s.prerequisites for s in skills})
    out += [
        "",
        f"Skills: {len(skills)} in {len({s.category for s in skills})} categories; "
        f"{with_prereq} with prerequisites; prerequisite cycles: "
        + (" -> ".join(cycle) if cycle else "none"),
        f"Certifications: {len(certs)}",
        f"Learning resources: {len(resources)} ({sum(r.free for r in resources)} free)",
        f"Skills with a free resource: {_share(free_skills, len(skills))}",
    ]

    salaries = list(catalog.salaries.values())
    outlooks = list(catalog.outlooks.values())
    facts = [
        (
            "salary rows (market.toml) with source and URL",
            sum(_filled(s.source, s.source_url, s.year) for s in salaries),
            len(salaries),
        ),
        (
            "outlook rows (outlook.toml) with source and URL",
            sum(_filled(o.source, o.source_url, o.year) for o in outlooks),
            len(outlooks),
        ),
        (
            "certifications with source and year",
            sum(_filled(c.source, c.year) for c in certs),
            len(certs),
        ),
        (
            "learning resources with URL and year",
            sum(_filled(r.url, r.year) for r in resources),
            len(resources),
        ),
        ("roles with a proxy note", sum(_filled(r.proxy_note) for r in roles), len(roles)),
    ]
    out += ["", "Facts with a source:"]
    for label, part, whole in facts:
        out.append(f"  {label}: {_share(part, whole)}")
    total_part = sum(p for _, p, _ in facts)
    total_whole = sum(w for _, _, w in facts)
    out.append(f"  all of the above: {_share(total_part, total_whole)}")
    editorial = sum(
        1 for r in roles if "editorial" in f"{r.popularity.source} {r.growth_source}".lower()
    )
    out.append(
        "  role popularity lists and growth areas marked as Skillpath's editorial judgement "
        f"(not survey data): {_share(editorial, len(roles))}"
    )

    no_salary = [r for r in roles if r.market is None or r.market.salary is None]
    no_outlook = [r for r in roles if r.market is None or r.market.outlook is None]
    out += [
        "",
        f"Roles with a salary band: {_share(len(roles) - len(no_salary), len(roles))}",
        f"Roles with a BLS outlook: {_share(len(roles) - len(no_outlook), len(roles))}",
        "Roles whose salary is missing: "
        + (", ".join(f"{r.id} ({r.occupation})" for r in no_salary) if no_salary else "none"),
        "Roles with no BLS outlook (demand shown as not stated): "
        + (", ".join(f"{r.id} ({r.occupation})" for r in no_outlook) if no_outlook else "none"),
    ]
    return out


def main() -> None:
    print("\n".join(report(load_catalog())))


if __name__ == "__main__":
    main()
