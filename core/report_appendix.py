"""The executive summary's appendices: the full gap table, every deliverable, every resource,
the data sources, and how the report is computed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from string import ascii_lowercase

from skillpath.core.catalog import Catalog
from skillpath.core.models import Analysis, Certification, Profile, Role
from skillpath.core.planner import in_sentence
from skillpath.core.records import Deliverable, PlanRecord
from skillpath.core.report_market import catalog_sources, role_sources
from skillpath.core.report_method import (
    demand_rule,
    length_basis,
    length_rule,
    level_rules,
    progress_rules,
    readiness_rule,
)
from skillpath.core.report_model import Item, Link, Source, linked
from skillpath.core.report_words import (
    cap,
    hours_text,
    join_list,
    metric_text,
    money,
    plural,
    sentence,
    short_date,
)
from skillpath.core.rules import Kind, Status

APPENDICES = (
    "Appendix A. Skill Gap Table",
    "Appendix B. Every Deliverable",
    "Appendix C. Resources and Certifications",
    "Appendix D. Data Sources",
    "Appendix E. How This Report Is Computed",
)
BLS_LICENCE = (
    "BLS data are in the public domain (work of the U.S. federal government). BLS.gov cannot "
    "vouch for the data or analyses derived from these data after the data have been "
    "retrieved from BLS.gov."
)
CATALOG_LICENCE = (
    "Skillpath's catalog is editorial content of the Skillpath maintainers, shipped with "
    "Skillpath (MIT)."
)
SHARED_METRIC = 3  # deliverables sharing a success metric before it gets a key
_PRIORITY_LABEL = {"critical": "critical", "important": "important", "nice-to-have": "nice to have"}
_SOURCE_LABEL = {"self-rated": "Self-rated", "cv": "From CV", "earned": "Earned", "none": "—"}


@dataclass(frozen=True)
class GapRow:
    """One row of the skill gap table."""

    skill: str
    current: int
    required: int
    gap: int
    priority: str
    evidence: str


@dataclass(frozen=True)
class DeliverableRow:
    """One deliverable as the appendix lists it."""

    title: str
    kind: str
    hours: float
    due: dt.date
    status: str
    metric: str
    url: str | None
    key: str = ""  # "(a)" when the metric is one many rows share (see Appendix.metric_keys)


@dataclass(frozen=True)
class PhaseBlock:
    """One phase with its deliverables and what 'done' means for it."""

    number: int
    title: str
    start: dt.date
    due: dt.date
    hours: float
    deliverables: list[DeliverableRow]
    outcome: str


@dataclass(frozen=True)
class ResourceGroup:
    """Learning platforms, practice or certifications, each item linked."""

    label: str
    items: list[Item]
    empty: str = ""


@dataclass(frozen=True)
class Appendix:
    """Everything after the first two pages."""

    gap_intro: str
    gap_rows: list[GapRow]
    chart_title: str
    roadmap_intro: str
    metric_keys: list[tuple[str, str]]  # (key, success metric) of metrics many rows share
    phases: list[PhaseBlock]
    resources: list[ResourceGroup]
    role_facts: list[Item]  # the role's market facts in full, and what backs them
    sources: list[Source]  # the catalog's sources, with editions and counts
    licences: str
    method: list[tuple[str, list[str]]]  # (heading, paragraphs)


def status_label(status: Status) -> str:
    """How a status reads in a report: as stored, but "to do" for one still to do."""
    return "to do" if status is Status.TODO else status.value


def earned_text(d: Deliverable) -> str:
    """'Earned by <deliverable> (done 28 Sep 2026)'."""
    when = f" (done {short_date(d.done_on)})" if d.done_on else ""
    return f"Earned by {d.title}{when}"


def _name(skill_id: str, catalog: Catalog) -> str:
    return in_sentence(catalog.skill_name(skill_id))


def _gap_table(
    profile: Profile, analysis: Analysis, earned: Mapping[str, Deliverable]
) -> tuple[str, list[GapRow]]:
    rows = []
    for g in [*analysis.gaps, *analysis.met]:
        source = profile.source_of(g.skill)
        evidence = _SOURCE_LABEL.get(source, source)
        if source == "earned" and g.skill in earned:
            evidence = earned_text(earned[g.skill])
        rows.append(
            GapRow(g.name, g.current, g.required, g.gap, _PRIORITY_LABEL[g.priority], evidence)
        )
    intro = (
        f"The role requires {plural(len(rows), 'skill')}; the largest, most important gaps "
        "come first. Levels run from 0 (none) to 5 (expert); Evidence says where each current "
        "level comes from."
    )
    return intro, rows


def _phase_outcome(items: Sequence[Deliverable], catalog: Catalog) -> str:
    targets: dict[str, int] = {}
    for d in items:
        for sid, level in d.targets.items():
            targets[sid] = max(level, targets.get(sid, 0))
    by_level: dict[int, list[str]] = {}
    for sid, level in targets.items():
        by_level.setdefault(level, []).append(_name(sid, catalog))
    if not by_level:
        return "Every deliverable complete."
    parts = [f"{join_list(names)} at level {level}" for level, names in sorted(by_level.items())]
    return f"Every deliverable complete, with {'; '.join(parts)}."


def metric_keys(items: Sequence[Deliverable]) -> dict[str, str]:
    """Success metric -> its key ("a", "b", ...) for the metrics at least SHARED_METRIC
    deliverables share: the table shows the key, and the legend above it the metric once,
    instead of the same sentence on most of its rows."""
    counts = Counter(metric_text(d.metric) for d in items)
    shared = [m for m, n in counts.items() if n >= SHARED_METRIC and m][: len(ascii_lowercase)]
    return {m: ascii_lowercase[i] for i, m in enumerate(shared)}


def _phases(
    items: Sequence[Deliverable], catalog: Catalog, keys: Mapping[str, str]
) -> list[PhaseBlock]:
    by_phase: dict[int, list[Deliverable]] = {}
    for d in items:
        by_phase.setdefault(d.phase, []).append(d)
    blocks = []
    for number, ds in enumerate((by_phase[n] for n in sorted(by_phase)), start=1):
        counted = [d for d in ds if d.counts] or ds
        rows = [
            DeliverableRow(
                title=d.title,
                kind=d.kind.value.capitalize(),
                hours=d.hours,
                due=d.due,
                status=status_label(d.status),
                metric=metric_text(d.metric),
                url=linked(d.resource.url) if d.resource else None,
                key=_keyed(metric_text(d.metric), keys),
            )
            for d in ds
        ]
        blocks.append(
            PhaseBlock(
                number=number,
                title=ds[0].phase_title,
                start=min(d.start for d in counted),
                due=max(d.due for d in counted),
                hours=sum(d.hours for d in ds if d.counts),
                deliverables=rows,
                outcome=_phase_outcome([d for d in ds if d.counts], catalog),
            )
        )
    return blocks


def _keyed(metric: str, keys: Mapping[str, str]) -> str:
    return f"({keys[metric]})" if metric in keys else ""


def cert_facts(cert: Certification) -> str:
    """'Google Cloud, exam X, $200, valid 2 years'."""
    parts = [cert.vendor]
    if cert.exam_code:
        parts.append(f"exam {cert.exam_code}")
    parts.append(money(cert.cost, cert.currency) if cert.cost else "no exam fee")
    parts.append(
        f"valid {plural(cert.validity_years, 'year')}" if cert.validity_years else "does not expire"
    )
    return ", ".join(parts)


def _cert_item(cert: Certification, where: str) -> Item:
    text = f"{cert_facts(cert)}; {where}."
    if cert.cost_note:
        text = text[:-1] + f" ({cert.cost_note})."
    if cert.source_kind == "third-party":
        text += f" {sentence(cap(cert.source_note))}"  # names the page and what it gives
    return Item(cert.name, text, linked(cert.url))


def _practice_sets(sets: Sequence[Deliverable], catalog: Catalog) -> Item:
    """The plan's practice sets in one item: one set follows each skill's first course or
    reading, so listing them one by one would repeat the same line for every skill."""
    skills = [_name(d.skills[0], catalog) if d.skills else d.title for d in sets]
    low, high = min(d.hours for d in sets), max(d.hours for d in sets)
    span = hours_text(low) if low == high else f"{hours_text(low)} to {hours_text(high)}"
    return Item(
        f"Practice sets ({len(sets)})",
        f"Guided practice with the material closed, after the first course or reading of "
        f"each skill, {span} hours each (Appendix B): {join_list(skills)}.",
    )


def _resources(items: Sequence[Deliverable], role: Role, catalog: Catalog) -> list[ResourceGroup]:
    platforms: dict[str, list[Deliverable]] = {}
    practice: list[Item] = []
    sets: list[Deliverable] = []
    projects: list[Item] = []
    certs: list[Item] = []
    seen: set[str] = set()
    for d in items:
        if not d.counts:
            continue
        if d.kind in (Kind.COURSE, Kind.READING) and d.resource is not None:
            platforms.setdefault(d.resource.provider, []).append(d)
        elif d.kind is Kind.PRACTICE:
            if d.resource is not None:
                r = d.resource
                skills = cap(join_list([_name(s, catalog) for s in d.skills]))
                by = "" if r.provider == r.title else f"{r.provider}; "
                cost = "free" if r.free else "paid"
                practice.append(Item(r.title, f"{by}{cost}; {skills}.", linked(r.url)))
            else:
                sets.append(d)
        elif d.kind is Kind.PROJECT:
            metric = metric_text(d.metric)
            projects.append(
                Item(
                    d.title,
                    f"Phase {d.phase}, {hours_text(d.hours)} hours; "
                    f"{metric[:1].lower()}{metric[1:]}.",
                )
            )
        elif d.kind is Kind.CERTIFICATION and d.certification:
            cert = catalog.certifications.get(d.certification)
            if cert is not None and cert.id not in seen:
                seen.add(cert.id)
                certs.append(_cert_item(cert, f"phase {d.phase}"))
    practice += [_practice_sets(sets, catalog)] if sets else []
    practice += projects
    for cid in role.certifications:
        cert = catalog.certifications.get(cid)
        if cert is not None and cid not in seen:
            seen.add(cid)
            certs.append(_cert_item(cert, "recommended for the role, not in the plan"))
    learning: list[Item] = []
    for provider, ds in platforms.items():
        refs = [d.resource for d in ds if d.resource is not None]
        links = tuple(dict.fromkeys(Link(r.title, linked(r.url)) for r in refs))
        cost = (
            "Free."
            if all(r.free for r in refs)
            else ("Paid." if not any(r.free for r in refs) else "Free and paid.")
        )
        learning.append(Item(provider, cost, links=links))
    return [
        ResourceGroup("Learning platforms", learning, "The plan has no courses or readings."),
        ResourceGroup("Practice", practice, "The plan has no practice or projects."),
        ResourceGroup("Certifications", certs, "No certification is recommended for the role."),
    ]


def _licences(catalog: Catalog) -> str:
    """How the sources may be used, and the O*NET attribution its licence asks for."""
    text = BLS_LICENCE
    versions = [t.version for t in catalog.technologies.values()][:1]
    if catalog.general_technologies is not None:
        versions.append(catalog.general_technologies.version)
    if versions:
        text += (
            f" This report includes information from the O*NET {' and '.join(versions)} "
            f"Database{'s' if len(versions) > 1 else ''} by the U.S. Department of Labor, "
            "Employment and Training Administration "
            "(USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. "
            "Skillpath has modified all or some of this information. USDOL/ETA has not "
            "approved, endorsed, or tested these modifications."
        )
    return f"{text} {CATALOG_LICENCE}"


def _method(items: Sequence[Deliverable], catalog: Catalog) -> list[tuple[str, list[str]]]:
    return [
        ("Readiness and skill levels", [readiness_rule(), *level_rules()]),
        ("Market", [demand_rule()]),
        (
            "Dates",
            [
                "Deliverables come one after another in plan order, each taking its hours at "
                "the plan's hours per week, so due dates assume those hours are kept every "
                "week. Skills come in prerequisite order; each phase ends with a project that "
                "puts its skills to use."
            ],
        ),
        ("Progress, pace and forecast", progress_rules()),
        ("Lengths of resources", [length_rule(length_basis(items, catalog))]),
    ]


def build_appendix(
    profile: Profile,
    analysis: Analysis,
    plan: PlanRecord,
    items: Sequence[Deliverable],
    catalog: Catalog,
    earned: Mapping[str, Deliverable],
) -> Appendix:
    """The appendices of the executive summary."""
    role = catalog.role(analysis.role.id)
    gap_intro, gap_rows = _gap_table(profile, analysis, earned)
    counted = [d for d in items if d.counts]
    if counted:
        finish = max(d.due for d in counted)
        roadmap_intro = (
            f"{plural(len(counted), 'deliverable')}, "
            f"{hours_text(round(sum(d.hours for d in counted)))} hours at "
            f"{hours_text(plan.hours_per_week)} hours a week, from {short_date(plan.start)} to "
            f"{short_date(finish)}."
        )
    else:
        roadmap_intro = "There is nothing to plan: every requirement is met."
    keys = metric_keys(items)
    return Appendix(
        gap_intro=gap_intro,
        gap_rows=gap_rows,
        chart_title="Current and required level of each skill the role requires",
        roadmap_intro=roadmap_intro,
        metric_keys=[(f"({k})", m) for m, k in keys.items()],
        phases=_phases(items, catalog, keys),
        resources=_resources(items, role, catalog),
        role_facts=role_sources(role, catalog),
        sources=catalog_sources(catalog),
        licences=_licences(catalog),
        method=_method(items, catalog),
    )
