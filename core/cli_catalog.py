"""CLI verb `skillpath catalog`: the whole catalog as the app uses it, for anyone to review."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from skillpath.core.catalog import Catalog


def catalog_document(catalog: Catalog) -> dict[str, Any]:
    """The whole catalog as plain data: skills, roles with their market facts worded as the app
    shows them (and their sources), certifications, resources with `hours_basis`, sources."""
    from skillpath.core.market import (
        catalog_counts,
        data_sources,
        market_facts,
        popularity_note,
        technology_flags,
    )

    roles = []
    for role in catalog.roles.values():
        data = role.model_dump(mode="json")
        data["market_facts"] = [asdict(f) for f in market_facts(role, catalog)]
        data["technology_flags"] = technology_flags(role, catalog)
        data["popularity_note"] = popularity_note(role, catalog)
        data["shares_occupation_with"] = [
            r.id
            for r in catalog.roles.values()
            if r.occupation == role.occupation and r.id != role.id
        ]
        roles.append(data)
    skills = [s.model_dump(mode="json", exclude={"resources"}) for s in catalog.skills.values()]
    resources = [r.model_dump(mode="json") for s in catalog.skills.values() for r in s.resources]
    return {
        "counts": catalog_counts(catalog),
        "sources": [asdict(line) for line in data_sources(catalog)],
        "skills": skills,
        "roles": roles,
        "certifications": [c.model_dump(mode="json") for c in catalog.certifications.values()],
        "resources": resources,
        "occupations": {
            "wages": {k: v.model_dump(mode="json") for k, v in catalog.salaries.items()},
            "outlook": {k: v.model_dump(mode="json") for k, v in catalog.outlooks.items()},
            "technologies": {k: v.model_dump(mode="json") for k, v in catalog.technologies.items()},
        },
    }


def catalog_text(catalog: Catalog) -> str:
    """A short summary: the counts and the Data Sources lines."""
    from skillpath.core.market import catalog_counts, data_sources

    n = catalog_counts(catalog)
    out = [
        f"Catalog: {n['roles']} roles, {n['skills']} skills, {n['certifications']} "
        f"certifications, {n['resources']} learning resources",
        "",
        "Data sources",
    ]
    for line in data_sources(catalog):
        out.append(f"- {line.name}: {line.detail}" + (f" <{line.url}>" if line.url else ""))
    out += ["", "`skillpath catalog --json` prints every entry with its sources."]
    return "\n".join(out)


def cmd_catalog(args: argparse.Namespace) -> int:
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.cli_common import emit_json

    catalog = shipped_catalog()
    if args.json:
        emit_json(catalog_document(catalog))
    else:
        print(catalog_text(catalog))
    return 0


def register(verb: Any, sub: Any) -> None:
    """Add this module's verb to the parser. `verb(name, handler, help)` returns a parser."""
    p = verb("catalog", cmd_catalog, "the whole catalog with its sources, for review")
    p.add_argument("--json", action="store_true", help="print every entry as JSON")
