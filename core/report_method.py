"""How the reports' figures are computed, worded from the rules themselves (core/rules.py,
core/progress.py, core/gap.py), so the stated rules cannot drift from the ones applied."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from skillpath.core import progress as rules_of_progress
from skillpath.core.catalog import DEMAND_THRESHOLDS, Catalog
from skillpath.core.models import LEVEL_NAMES, PRIORITY_WEIGHT
from skillpath.core.records import Deliverable
from skillpath.core.report_words import plural
from skillpath.core.rules import Kind, level_cap


def _level(n: int) -> str:
    return f"{n} ({LEVEL_NAMES[n]})"


def level_rules() -> list[str]:
    """The rules by which finished work earns skill levels (core/rules.py)."""
    learning = level_cap(Kind.COURSE)
    project = level_cap(Kind.PROJECT)
    proven = level_cap(Kind.PROJECT, has_evidence=True)
    cert = level_cap(Kind.CERTIFICATION)
    names = ", ".join(f"{n} {name}" for n, name in LEVEL_NAMES.items())
    return [
        f"Levels run from 0 to 5: {names}.",
        f"Finished work earns a level only as far as it can show it: a course, a reading or a "
        f"practice set up to level {_level(learning)}; a project that uses the skill up to "
        f"level {_level(project)}; a finished project with evidence attached (a repository, "
        f"a write-up) up to level {_level(proven)}; a passed certification that covers the "
        f"skill up to level {_level(cert)}.",
        "A person may always rate themselves; such a level is shown as self-rated. Levels "
        "found in a CV are shown as from the CV, and levels earned by finished work name the "
        "deliverable that earned them.",
    ]


def readiness_rule() -> str:
    weights = ", ".join(
        f"{priority.replace('-', ' ')} {w}" for priority, w in PRIORITY_WEIGHT.items()
    )
    return (
        "Readiness is the share of the role's required levels the person reaches, each skill "
        f"weighted by its priority (weights: {weights}); a level above the one required counts "
        "as met."
    )


def demand_rule() -> str:
    """How the demand word follows from the projected growth (core/catalog.py)."""
    steps = [f"{word} from {floor:g}%" for floor, word in DEMAND_THRESHOLDS]
    return (
        "Demand is worded from the projected ten-year change in employment of the occupation "
        f"the role is measured against: {', '.join(steps)}, declining below that."
    )


def progress_rules() -> list[str]:
    """Done, pace, forecast and schedule as core/progress.py computes them."""
    p = rules_of_progress
    return [
        "Done is a deliverable's status; worked is the hours spent on it; mastered is the skill "
        "levels. Totals leave skipped deliverables out; percentages are by planned hours, "
        "with counts alongside.",
        f"Pace is the hours spent per week over the {p.PACE_DAYS} days before today (or since "
        f"the plan began, when that is shorter but at least {p.MIN_PACE_DAYS} days). Hours "
        "declared when a deliverable is ticked done are spread evenly over the days it was in "
        "progress; today's hours count from tomorrow.",
        "Forecast: today plus the open work (each open deliverable's hours less the hours spent "
        "on it, at least half an hour) at that pace, or at the plan's hours per week when there "
        "is no pace yet.",
        f"Schedule: the forecast against the plan's last due date. More than "
        f"{plural(p.ON_TRACK_DAYS, 'day')} later is behind, more than "
        f"{plural(p.ON_TRACK_DAYS, 'day')} earlier is ahead, anything between is on track.",
    ]


@dataclass(frozen=True)
class LengthBasis:
    """Where the lengths of a plan's resources and certifications come from."""

    stated: int  # a course's or book's length as its provider states it
    estimated: int  # Skillpath's estimate (the provider states none)
    unknown: int  # a resource the catalog does not hold (own or imported deliverables)
    cert_stated: int  # exam preparation hours the vendor states
    cert_estimated: int


def length_basis(items: Iterable[Deliverable], catalog: Catalog) -> LengthBasis:
    """Count the plan's resources by `Resource.hours_basis` and its certifications by
    `Certification.study_hours_basis`, each counted once."""
    by_url = {r.url: r for skill in catalog.skills.values() for r in skill.resources}
    resources: dict[str, str] = {}
    certs: dict[str, str] = {}
    for d in items:
        if d.resource is not None and d.kind is not Kind.CERTIFICATION:
            found = by_url.get(d.resource.url)
            resources[d.resource.url] = found.hours_basis if found else "unknown"
        if d.certification:
            cert = catalog.certifications.get(d.certification)
            if cert is not None:
                certs[cert.id] = cert.study_hours_basis
    bases = list(resources.values())
    return LengthBasis(
        stated=bases.count("provider"),
        estimated=bases.count("estimate"),
        unknown=bases.count("unknown"),
        cert_stated=sum(1 for b in certs.values() if b == "vendor"),
        cert_estimated=sum(1 for b in certs.values() if b == "estimate"),
    )


def length_rule(basis: LengthBasis) -> str:
    """Which lengths the plan takes from providers and which are estimates."""
    total = basis.stated + basis.estimated + basis.unknown
    if not total and not (basis.cert_stated + basis.cert_estimated):
        return "The plan uses no catalog resource or certification, so no length is quoted."
    parts = []
    if total:
        said = [
            f"{basis.stated} as stated by the provider",
            f"{basis.estimated} estimated by Skillpath where the provider states none",
        ]
        if basis.unknown:
            said.append(f"{basis.unknown} not from the catalog (as entered)")
        parts.append(f"Lengths of the {plural(total, 'resource')} in the plan: {', '.join(said)}.")
    certs = basis.cert_stated + basis.cert_estimated
    if certs:
        parts.append(
            f"Exam preparation for {plural(certs, 'certification')}: {basis.cert_stated} from "
            f"the vendor's stated study hours, {basis.cert_estimated} estimated."
        )
    parts.append(
        "A deliverable takes at least the resource's length, and more when the gap it closes "
        "needs practice beyond the material."
    )
    return " ".join(parts)
