"""Print how much the shipped catalog covers and how much of it is sourced.

Run from the repository: `.venv/bin/python scripts/catalog_coverage.py`. Read-only; the
numbers come from the same loader and the same wording module (`skillpath.core.market`) the
app uses, so what it prints is what the app sees.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from skillpath.core.catalog import Catalog, find_cycle, load_catalog, registrable_domain
from skillpath.core.market import catalog_counts, technology_flags

SENIORITIES = ("junior", "mid", "senior", "lead")
GOVERNMENT = (".gov",)


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "0/0"


def _filled(*values: object) -> bool:
    return all(v not in (None, "") for v in values)


def _is_government(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host.endswith(GOVERNMENT)


def report(catalog: Catalog) -> list[str]:
    roles = list(catalog.roles.values())
    skills = list(catalog.skills.values())
    certs = list(catalog.certifications.values())
    resources = [r for s in skills for r in s.resources]
    n = catalog_counts(catalog)
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
        "Resource lengths stated by the provider: "
        f"{_share(n['lengths_provider'], len(resources))}; Skillpath estimates: "
        f"{_share(n['lengths_estimate'], len(resources))}",
    ]

    salaries = list(catalog.salaries.values())
    outlooks = list(catalog.outlooks.values())
    vendor = [c for c in certs if c.source_kind == "vendor"]
    facts = [
        (
            "salary rows (BLS OEWS, bls.gov)",
            sum(_filled(s.source, s.year) and _is_government(s.source_url) for s in salaries),
            len(salaries),
        ),
        (
            "outlook rows (BLS Employment Projections, bls.gov)",
            sum(_filled(o.source, o.year) and _is_government(o.source_url) for o in outlooks),
            len(outlooks),
        ),
        (
            "certifications sourced on the vendor's own domain",
            sum(registrable_domain(c.source) == registrable_domain(c.url) for c in vendor),
            len(certs),
        ),
    ]
    out += ["", "Facts with a vendor or government source:"]
    for label, part, whole in facts:
        out.append(f"  {label}: {_share(part, whole)}")
    total_part = sum(p for _, p, _ in facts)
    total_whole = sum(w for _, _, w in facts)
    out.append(f"  all of the above: {_share(total_part, total_whole)}")
    out.append(
        "  certifications sourced only from a third-party page (marked, with a note): "
        f"{_share(n['certs_third_party'], len(certs))}"
    )
    out.append(
        "  learning resources with URL and year: "
        f"{_share(sum(_filled(r.url, r.year) for r in resources), len(resources))}"
    )

    flags = [f for r in roles for f in technology_flags(r, catalog).values()]
    backed = sum(f in ("In Demand", "Hot Technology") for f in flags)
    elsewhere = sum(f == "Hot Technology elsewhere" for f in flags)
    out += [
        "",
        "Technology lists (editorial selection) checked against O*NET:",
        f"  flagged Hot Technology or In Demand for the role's O*NET occupation: "
        f"{_share(backed, len(flags))}",
        f"  flagged only in other occupations (O*NET 30.x list): {_share(elsewhere, len(flags))}",
        f"  not flagged by O*NET (editorial only): "
        f"{_share(len(flags) - backed - elsewhere, len(flags))}",
    ]

    no_salary = [r for r in roles if r.market is None or r.market.salary is None]
    no_outlook = [r for r in roles if r.market is None or r.market.outlook is None]
    proxies = [r for r in roles if r.occupation_match != "same"]
    out += [
        "",
        f"Roles with a salary band: {_share(len(roles) - len(no_salary), len(roles))}",
        f"Roles with a BLS outlook: {_share(len(roles) - len(no_outlook), len(roles))}",
        f"Roles on a proxy occupation (with a proxy note): {_share(len(proxies), len(roles))}",
        "Roles whose salary is missing: "
        + (", ".join(f"{r.id} ({r.occupation})" for r in no_salary) if no_salary else "none"),
        "Roles with no BLS outlook (demand shown as not stated): "
        + (", ".join(f"{r.id} ({r.occupation})" for r in no_outlook) if no_outlook else "none"),
    ]
    unused = sorted(set(catalog.salaries) - {r.occupation for r in roles})
    out.append("Occupations in the market data used by no role: " + (", ".join(unused) or "none"))
    return out


def main() -> None:
    print("\n".join(report(load_catalog())))


if __name__ == "__main__":
    main()
