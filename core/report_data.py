"""What the reports say, assembled from core objects: sentences, tables and series, no rendering.

The PDF and Markdown renderers draw exactly what is here, so the two formats never disagree
and the wording is tested once. Every fact (pay, growth, cost, validity) comes from the
catalog with its source and year; nothing here is invented. Text a person typed (names,
titles, notes, evidence) is kept as typed: each renderer escapes it for its own format.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from skillpath.core import __version__
from skillpath.core.catalog import DEMAND_THRESHOLDS, Catalog
from skillpath.core.models import (
    LEVEL_NAMES,
    Analysis,
    Certification,
    Deliverable,
    Plan,
    Profile,
    Role,
)
from skillpath.core.planner import in_sentence

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NUMBER_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
)
_PRIORITY_LABEL = {"critical": "critical", "important": "important", "nice-to-have": "nice to have"}
_KIND_LABEL = {
    "course": "Course",
    "reading": "Reading",
    "practice": "Practice",
    "project": "Project",
    "certification": "Certification",
}
_SOURCE_LABEL = {"self-rated": "Self-rated", "cv": "From CV", "earned": "Earned", "none": "—"}
MAX_STRENGTHS = 8
TOP_RECOMMENDED = 5
BLS_LICENCE = (
    "Public domain (work of the U.S. federal government). BLS.gov cannot vouch for the "
    "data or analyses derived from these data after the data have been retrieved from BLS.gov."
)
CATALOG_LICENCE = "Editorial content of the Skillpath maintainers, shipped with Skillpath (MIT)."


# ------------------------------------------------------------------ words


def long_date(day: dt.date) -> str:
    """'5 January 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """'5 Jan 2026'."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def count_word(n: int) -> str:
    """'three' for 3, '12' for 12."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else f"{n:,}"


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 phase', '3 phases'."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def hours_text(hours: float) -> str:
    """'8', '7.5', '1,940' (no trailing zeros)."""
    if float(hours).is_integer():
        return f"{int(hours):,}"
    return f"{hours:,.1f}".rstrip("0").rstrip(".")


def money(value: float, currency: str) -> str:
    """'$135,980' for USD, '150 EUR' otherwise."""
    amount = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"${amount}" if currency == "USD" else f"{amount} {currency}"


def join_list(names: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'; with a serial comma when a name itself holds ' and '."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    serial = "," if any(" and " in n for n in names) else ""
    return ", ".join(names[:-1]) + f"{serial} and " + names[-1]


def level_text(level: int) -> str:
    """'advanced (level 4)'."""
    return f"{LEVEL_NAMES.get(level, str(level))} (level {level})"


def years_phrase(years: float) -> str:
    """'three years', 'one year', '2.5 years'."""
    if float(years).is_integer():
        n = int(years)
        return f"{count_word(n)} year" + ("" if n == 1 else "s")
    return f"{years:g} years"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str, single_line: bool = False) -> str:
    """User text with control characters removed and line ends normalised.

    Tabs become spaces; with `single_line`, line breaks become spaces too. Format and
    private characters are left for the renderers, which know what their fonts can draw.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub("", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cs")  # lone surrogates
    if single_line:
        text = " ".join(text.split("\n"))
    return text.strip()


def strip_due_suffix(metric: str, due: dt.date) -> str:
    """A planner metric without its ', by YYYY-MM-DD' tail (the table has a due column)."""
    tail = f", by {due.isoformat()}"
    return metric[: -len(tail)] if metric.endswith(tail) else metric


# ------------------------------------------------------------------ shared pieces


@dataclass(frozen=True)
class Link:
    """A piece of text that opens `url`."""

    text: str
    url: str


@dataclass(frozen=True)
class Item:
    """A bullet: a bold label (linked when `url` is set), then its links, then its text."""

    label: str
    text: str
    url: str | None = None
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Source:
    """A data source listed at the end of a report."""

    name: str
    detail: str
    licence: str
    url: str | None = None


@dataclass(frozen=True)
class Header:
    """The title block: whose report, about what, and when it was made."""

    title: str
    person: str
    role: str
    generated: dt.date
    subtitle: str


# ------------------------------------------------------------------ executive summary


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
    """One deliverable of the roadmap, as the summary lists it."""

    title: str
    kind: str
    hours: float
    due: dt.date
    metric: str
    url: str | None
    status: str | None = None


@dataclass(frozen=True)
class PhaseBlock:
    """One phase of the roadmap with its deliverables and what 'done' means for it."""

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
class Summary:
    """Everything the executive summary shows, in reading order."""

    header: Header
    overview: str
    strengths: list[Item]
    strengths_empty: str
    recommendations: list[Item]
    market: list[Item]
    market_note: str
    popularity: list[Item]
    popularity_note: str
    gap_intro: str
    gap_rows: list[GapRow]
    roadmap_intro: str
    phases: list[PhaseBlock]
    resources: list[ResourceGroup]
    closing: str
    sources: list[Source]
    chart_title: str = "Current and required level of each skill the role requires"


def _overview(profile: Profile, analysis: Analysis, plan: Plan, catalog: Catalog) -> str:
    name = profile.name
    focus = clean_text(profile.focus, single_line=True)
    if profile.years_experience > 0:
        first = f"{name} has {years_phrase(profile.years_experience)} of experience"
        first += f", mostly in {focus}," if focus else ""
    else:
        first = f"{name} is starting out" + (f" in {focus}," if focus else "")
    sentences = [f"{first} and is aiming for the role of {analysis.role.title}."]

    met = [s for s in analysis.strengths if not s.transferable]
    carried = [s for s in analysis.strengths if s.transferable][:4]
    if met and carried:
        sentences.append(
            f"{_cap(join_list([_name(s.skill, catalog) for s in met]))} already "
            f"{'meets' if len(met) == 1 else 'meet'} the role's level, and "
            f"{join_list([_name(s.skill, catalog) for s in carried])} "
            f"{'carries' if len(carried) == 1 else 'carry'} over from current work."
        )
    elif met:
        sentences.append(
            f"{_cap(join_list([_name(s.skill, catalog) for s in met]))} already "
            f"{'meets' if len(met) == 1 else 'meet'} the role's level."
        )
    elif carried:
        sentences.append(
            f"None of the role's skills is at its required level yet, but "
            f"{join_list([_name(s.skill, catalog) for s in carried])} "
            f"{'carries' if len(carried) == 1 else 'carry'} over from current work."
        )

    required = len(analysis.gaps) + len(analysis.met)
    sentences.append(
        f"Measured against the {required} skills the role requires, weighted by priority, "
        f"readiness today is {analysis.readiness}%."
    )
    top = [g for g in analysis.gaps if g.skill in analysis.top_gaps]
    if top:
        names = join_list([_name(g.skill, catalog) for g in top])
        priorities = {g.priority for g in top}
        tail = ""
        if priorities == {"critical"}:
            tail = ", all critical to the role"
        elif "critical" in priorities:
            tail = ", most of them critical to the role"
        if all(g.current == 0 for g in top):
            tail += " and not yet started" if tail else ", none of them started yet"
        sentences.append(f"The largest gaps are in {names}{tail}.")
    if plan.phases:
        sentences.append(
            f"At {hours_text(plan.hours_per_week)} hours a week, the roadmap below closes them "
            f"in {hours_text(plan.total_hours)} hours over {count_word(len(plan.phases))} "
            f"phase{'s' if len(plan.phases) != 1 else ''}, from {long_date(plan.start)} to "
            f"{long_date(plan.finish)}."
        )
        sentences.append(_target_sentence(plan))
    else:
        sentences.append(f"{name} already meets every requirement; there is nothing to plan.")
    return " ".join(s for s in sentences if s)


def _target_sentence(plan: Plan) -> str:
    if plan.target is None or plan.feasible is None:
        return ""
    if plan.feasible:
        return f"That is within the target date of {long_date(plan.target)}."
    needed = plan.needed_hours_per_week or 0
    if needed > 80:
        return (
            f"That is later than the target date of {long_date(plan.target)}; meeting it "
            f"would take {hours_text(needed)} hours a week, more than is realistic, so a "
            "later date or a narrower scope is needed."
        )
    return (
        f"That is later than the target date of {long_date(plan.target)}; meeting it "
        f"would take {hours_text(needed)} hours a week."
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name(skill_id: str, catalog: Catalog) -> str:
    return in_sentence(catalog.skill_name(skill_id))


def _strengths(analysis: Analysis) -> list[Item]:
    out: list[Item] = []
    for s in analysis.strengths[:MAX_STRENGTHS]:
        if s.transferable:
            text = (
                f"{_cap(level_text(s.current))}. Not listed for the role, but it carries over "
                "and shortens the way in."
            )
        elif s.required is not None and s.current > s.required:
            text = f"{_cap(level_text(s.current))}, above the level {s.required} the role asks for."
        else:
            text = f"{_cap(level_text(s.current))}, the level the role asks for."
        out.append(Item(s.name, text))
    return out


def _plan_deliverables(plan: Plan) -> list[tuple[int, Deliverable]]:
    return [(n, d) for n, p in enumerate(plan.phases, start=1) for d in p.deliverables]


def _recommendations(analysis: Analysis, plan: Plan, role: Role, catalog: Catalog) -> list[Item]:
    out: list[Item] = []
    top = [g for g in analysis.gaps if g.skill in analysis.top_gaps][:TOP_RECOMMENDED]
    if top:
        names = join_list([_name(g.skill, catalog) for g in top])
        criticals = all(g.priority == "critical" for g in top)
        text = f"Develop {names} first: " + (
            "they are critical to the role and furthest from the required level."
            if criticals
            else "they matter most to the role and are furthest from the required level."
        )
        top_ids = {g.skill for g in top}
        first_learning: list[str] = []
        for _, d in _plan_deliverables(plan):
            if d.kind == "project" or d.kind == "certification":
                continue
            if any(s in top_ids for s in d.skills):
                break
            first_learning.extend(d.skills)
        if first_learning:
            text += (
                f" The roadmap starts with {join_list([_name(s, catalog) for s in first_learning])}"
                ", which they build on."
            )
        out.append(Item("Skill development", text))
    else:
        out.append(Item("Skill development", "Every required skill is at its level already."))

    planned: list[str] = []
    planned_ids: set[str] = set()
    for number, d in _plan_deliverables(plan):
        if d.kind != "certification" or not d.certification:
            continue
        cert = catalog.certifications.get(d.certification)
        if cert is None:
            planned.append(f"{d.title}, due {long_date(d.due)}")
            continue
        planned_ids.add(cert.id)
        planned.append(
            f"{cert.name} ({_cert_facts(cert)}) at the end of phase {number}, due "
            f"{long_date(d.due)}"
        )
    others = [
        catalog.certifications[c]
        for c in role.certifications
        if c not in planned_ids and c in catalog.certifications
    ]
    if planned:
        text = "Plan for " + "; then ".join(planned) + "."
        if others:
            text += (
                " Also recommended for the role: "
                + "; ".join(f"{c.name} ({_cert_facts(c)})" for c in others)
                + "."
            )
    elif others:
        text = (
            "The role's recommended certifications: "
            + "; ".join(f"{c.name} ({_cert_facts(c)})" for c in others)
            + "."
        )
    else:
        text = "The catalog recommends no certification for this role."
    out.append(Item("Certifications", text))
    return out


def _cert_facts(cert: Certification) -> str:
    parts = [cert.vendor]
    if cert.exam_code:
        parts.append(f"exam {cert.exam_code}")
    parts.append(money(cert.cost, cert.currency) if cert.cost else "no exam fee")
    parts.append(
        f"valid {plural(cert.validity_years, 'year')}" if cert.validity_years else "does not expire"
    )
    return ", ".join(parts)


def _market(role: Role) -> tuple[list[Item], str]:
    market = role.market
    if market is None:
        return [Item("Demand", "The catalog has no market facts for this role.")], ""
    out: list[Item] = []
    outlook = market.outlook
    if outlook is not None:
        change = (
            f"grow {outlook.growth_percent:g}%"
            if outlook.growth_percent >= 0
            else f"decline {abs(outlook.growth_percent):g}%"
        )
        period = outlook.period.replace("–", " to 20") if "–" in outlook.period else outlook.period
        floor = next((f for f, word in DEMAND_THRESHOLDS if word == market.demand), None)
        rating = (
            f" (Skillpath rates projected growth of {floor:g}% or more as {market.demand})"
            if floor is not None and floor > 0
            else ""
        )
        text = (
            f"{_cap(market.demand)}{rating}. BLS projects employment of {outlook.title.lower()} to "
            f"{change} from {period}"
        )
        if outlook.openings_per_year:
            text += f", with about {outlook.openings_per_year:,} openings a year"
        text += f". Source: {outlook.source}."
        out.append(Item("Demand", text))
    else:
        out.append(
            Item(
                "Demand",
                "Not stated: the catalog holds no verified BLS projection for the occupation "
                "this role is measured against.",
            )
        )
    salary = market.salary
    if salary is not None:

        def pay(field_name: str, value: int) -> str:
            shown = money(value, salary.currency)
            return f"{shown} or more" if field_name in salary.topcoded else shown

        text = (
            f"Median {pay('median', salary.median)} a year for "
            f"{salary.occupation_title.lower()} (SOC {salary.occupation}). The middle half "
            f"earns {pay('p25', salary.p25)} to {pay('p75', salary.p75)}; from the 10th to the "
            f"90th percentile, pay runs from {pay('p10', salary.p10)} to {pay('p90', salary.p90)}."
            f" Region: {salary.region}. Source: {salary.source} ({salary.year})."
        )
        out.append(Item("Salary band", text))
    else:
        out.append(Item("Salary band", "The catalog holds no wage figures for this occupation."))
    if market.growth_areas:
        out.append(
            Item(
                "Growth areas",
                f"{join_list(market.growth_areas)} ({market.growth_source}, {market.growth_year}).",
            )
        )
    return out, market.proxy_note


def _popularity(role: Role) -> tuple[list[Item], str]:
    pop = role.popularity
    items = [
        Item("Programming languages", ", ".join(pop.languages)),
        Item("Frameworks and tools", ", ".join(pop.frameworks_tools)),
        Item("Technologies", ", ".join(pop.technologies)),
    ]
    return items, f"Most used first. Source: {pop.source}, {pop.year}."


def _evidence(source: str, skill: str, evidence: Mapping[str, str]) -> str:
    given = evidence.get(skill)
    if given:
        return given
    return _SOURCE_LABEL.get(source, source)


def _gaps(
    analysis: Analysis, catalog: Catalog, evidence: Mapping[str, str]
) -> tuple[str, list[GapRow]]:
    rows = [
        GapRow(
            skill=g.name,
            current=g.current,
            required=g.required,
            gap=g.gap,
            priority=_PRIORITY_LABEL[g.priority],
            evidence=_evidence(g.source, g.skill, evidence),
        )
        for g in [*analysis.gaps, *analysis.met]
    ]
    counts = {p: sum(1 for g in analysis.gaps if g.priority == p) for p in _PRIORITY_LABEL}
    parts = [f"{counts[p]} {_PRIORITY_LABEL[p]}" for p in _PRIORITY_LABEL if counts[p]]
    total = len(rows)
    if analysis.gaps:
        intro = (
            f"The role requires {plural(total, 'skill')}: {len(analysis.met)} "
            f"{'is' if len(analysis.met) == 1 else 'are'} met and {len(analysis.gaps)} "
            f"{'needs' if len(analysis.gaps) == 1 else 'need'} work ({', '.join(parts)}). "
            "Levels run from 0 (none) to 5 (expert); the largest, most important gaps come "
            "first. Evidence says where each current level comes from."
        )
    else:
        intro = f"The role requires {plural(total, 'skill')}, and every one is met."
    return intro, rows


def _phase_outcome(phase_targets: Mapping[str, int], catalog: Catalog) -> str:
    by_level: dict[int, list[str]] = {}
    for sid, level in phase_targets.items():
        by_level.setdefault(level, []).append(_name(sid, catalog))
    if not by_level:
        return "Every deliverable complete."
    parts = [f"{join_list(names)} at level {level}" for level, names in sorted(by_level.items())]
    return f"Every deliverable complete, with {'; '.join(parts)}."


def _status_label(state: str | None) -> str | None:
    """The status shown next to a deliverable: nothing for one still to do."""
    return None if state in (None, "todo") else state


def _roadmap(
    plan: Plan, catalog: Catalog, status: Mapping[str, str]
) -> tuple[str, list[PhaseBlock]]:
    blocks: list[PhaseBlock] = []
    for number, phase in enumerate(plan.phases, start=1):
        rows = [
            DeliverableRow(
                title=d.title,
                kind=_KIND_LABEL.get(d.kind, d.kind),
                hours=d.hours,
                due=d.due,
                metric=strip_due_suffix(d.metric, d.due),
                url=d.resource.url if d.resource else None,
                status=_status_label(status.get(d.id)),
            )
            for d in phase.deliverables
        ]
        targets: dict[str, int] = {}
        for d in phase.deliverables:
            for sid, level in d.targets.items():
                targets[sid] = max(level, targets.get(sid, 0))
        blocks.append(
            PhaseBlock(
                number=number,
                title=phase.title,
                start=phase.start,
                due=phase.due,
                hours=phase.hours,
                deliverables=rows,
                outcome=_phase_outcome(targets, catalog),
            )
        )
    if not plan.phases:
        return "There is nothing to plan: every requirement is met.", blocks
    intro = (
        f"{_cap(count_word(len(plan.phases)))} phase{'s' if len(plan.phases) != 1 else ''}, "
        f"{hours_text(plan.total_hours)} hours at {hours_text(plan.hours_per_week)} hours a "
        f"week, from {long_date(plan.start)} to {long_date(plan.finish)}. Skills come in "
        "prerequisite order; each phase ends with a project that puts its skills to use. "
        "Due dates assume the weekly hours are kept every week."
    )
    return intro, blocks


def _resources(plan: Plan, role: Role, catalog: Catalog) -> list[ResourceGroup]:
    platforms: dict[str, list[Deliverable]] = {}
    practice: list[Item] = []
    certs: list[Item] = []
    seen_certs: set[str] = set()
    for number, d in _plan_deliverables(plan):
        if d.kind in ("course", "reading") and d.resource is not None:
            platforms.setdefault(d.resource.provider, []).append(d)
        elif d.kind == "practice":
            if d.resource is not None:
                practice.append(
                    Item(
                        d.resource.title,
                        f"{d.resource.provider}; {'free' if d.resource.free else 'paid'}; "
                        f"{_skill_names(d.skills, catalog)}.",
                        d.resource.url,
                    )
                )
            else:
                practice.append(Item(d.title, f"Guided practice, phase {number}."))
        elif d.kind == "project":
            practice.append(
                Item(
                    d.title,
                    f"Phase {number}, {hours_text(d.hours)} hours; "
                    f"{strip_due_suffix(d.metric, d.due)[:1].lower()}"
                    f"{strip_due_suffix(d.metric, d.due)[1:]}.",
                )
            )
        elif d.kind == "certification" and d.certification:
            cert = catalog.certifications.get(d.certification)
            if cert is not None and cert.id not in seen_certs:
                seen_certs.add(cert.id)
                certs.append(_cert_item(cert, f"phase {number}"))
    for cid in role.certifications:
        cert = catalog.certifications.get(cid)
        if cert is not None and cid not in seen_certs:
            seen_certs.add(cid)
            certs.append(_cert_item(cert, "recommended for the role, not in the plan"))
    learning: list[Item] = []
    for provider, ds in platforms.items():
        refs = [d.resource for d in ds if d.resource is not None]
        links = tuple(dict.fromkeys(Link(r.title, r.url) for r in refs))
        if all(r.free for r in refs):
            cost = "Free."
        elif not any(r.free for r in refs):
            cost = "Paid."
        else:
            cost = "Free and paid."
        learning.append(Item(provider, cost, links=links))
    return [
        ResourceGroup("Learning platforms", learning, "The plan has no courses or readings."),
        ResourceGroup("Practice", practice, "The plan has no practice or projects."),
        ResourceGroup("Certifications", certs, "No certification is recommended for the role."),
    ]


def _skill_names(skills: Iterable[str], catalog: Catalog) -> str:
    return _cap(join_list([_name(s, catalog) for s in skills]))


def _cert_item(cert: Certification, where: str) -> Item:
    text = f"{_cert_facts(cert)}; {where}."
    if cert.cost_note:
        text = text[:-1] + f" ({cert.cost_note})."
    return Item(cert.name, text, cert.url)


def _sources(role: Role, plan: Plan, catalog: Catalog) -> list[Source]:
    out: list[Source] = []
    market = role.market
    if market and market.salary:
        s = market.salary
        out.append(
            Source(
                s.source, f"{s.release} estimates, published {s.year}", BLS_LICENCE, s.source_url
            )
        )
    if market and market.outlook:
        o = market.outlook
        out.append(
            Source(
                o.source, f"Projections {o.period}, published {o.year}", BLS_LICENCE, o.source_url
            )
        )
    cert_years = [
        catalog.certifications[d.certification].year
        for _, d in _plan_deliverables(plan)
        if d.certification and d.certification in catalog.certifications
    ] + [catalog.certifications[c].year for c in role.certifications if c in catalog.certifications]
    if cert_years:
        out.append(
            Source(
                "Certification vendors' pages (exam cost, validity)",
                f"Checked {max(cert_years)}",
                "Facts quoted with a link to each vendor's page.",
            )
        )
    res_years = (
        [
            r.year
            for _, d in _plan_deliverables(plan)
            for sid in d.skills
            for r in catalog.skills[sid].resources
            if d.resource and r.url == d.resource.url
        ]
        if plan.phases
        else []
    )
    if res_years:
        out.append(
            Source(
                "Learning providers' pages (titles, length, free or paid)",
                "Checked 2026" if max(res_years) >= 2026 else f"Checked {max(res_years)}",
                "Facts quoted with a link to each provider's page.",
            )
        )
    out.append(
        Source(
            "Skillpath catalog: required skills, levels and priorities, technology "
            "popularity, growth areas, project templates",
            f"Edition {max(role.growth_year, role.popularity.year)}",
            CATALOG_LICENCE,
        )
    )
    return out


def build_summary(
    profile: Profile,
    analysis: Analysis,
    plan: Plan,
    catalog: Catalog,
    *,
    today: dt.date,
    evidence: Mapping[str, str] | None = None,
    status: Mapping[str, str] | None = None,
) -> Summary:
    """Assemble the executive summary.

    Args:
        profile: the person.
        analysis: the profile's gap analysis against the plan's role.
        plan: the roadmap (generated now, or the stored one).
        catalog: where the role, skills, certifications and market facts come from.
        today: the date printed in the title block.
        evidence: per skill id, a better 'evidence' text than the level's source (the CV
            line a skill was found on, the deliverable that earned it).
        status: per deliverable id, its tracking status, shown next to it when given.

    Returns:
        The summary, ready for a renderer.
    """
    role = catalog.role(analysis.role.id)
    strengths_empty = (
        "No skill is at the level the role asks for yet, and none carries over strongly; "
        "the roadmap starts from the foundations."
    )
    market, market_note = _market(role)
    popularity, popularity_note = _popularity(role)
    gap_intro, gap_rows = _gaps(analysis, catalog, evidence or {})
    roadmap_intro, phases = _roadmap(plan, catalog, status or {})
    states = status or {}
    first = next(
        (
            d
            for _, d in _plan_deliverables(plan)
            if states.get(d.id, "todo") in ("todo", "in progress")
        ),
        None,
    )
    closing = ""
    if first is not None:
        started = states.get(first.id) == "in progress"
        which = "current" if started else ("next" if states else "first")
        closing = (
            f"The {which} step is {first.title} ({hours_text(first.hours)} hours), due "
            f"{long_date(first.due)}. Ticking deliverables off in Skillpath as they are done "
            "keeps this roadmap, the readiness score and the forecast finish date current."
        )
    return Summary(
        header=Header(
            title=f"Executive Summary: {profile.name}",
            person=profile.name,
            role=analysis.role.title,
            generated=today,
            subtitle=f"Target role: {analysis.role.title}",
        ),
        overview=_overview(profile, analysis, plan, catalog),
        strengths=_strengths(analysis),
        strengths_empty=strengths_empty,
        recommendations=_recommendations(analysis, plan, role, catalog),
        market=market,
        market_note=market_note,
        popularity=popularity,
        popularity_note=popularity_note,
        gap_intro=gap_intro,
        gap_rows=gap_rows,
        roadmap_intro=roadmap_intro,
        phases=phases,
        resources=_resources(plan, role, catalog),
        closing=closing,
        sources=_sources(role, plan, catalog),
    )


def generated_by(today: dt.date) -> str:
    """The colophon line."""
    return f"Made with Skillpath {__version__} on {long_date(today)}."


# ------------------------------------------------------------------ progress report


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence kept with a deliverable: a link, a certificate id, a file."""

    on: dt.date
    kind: str
    value: str

    @property
    def url(self) -> str | None:
        value = self.value.strip()
        return value if re.match(r"^https?://\S+$", value) else None


@dataclass(frozen=True)
class Tracked:
    """A stored deliverable with its tracking state, evidence and notes."""

    key: str
    phase: int
    phase_title: str
    kind: str
    title: str
    hours: float
    start: dt.date
    due: dt.date
    status: str
    done_on: dt.date | None
    logged: float
    evidence: tuple[Evidence, ...] = ()
    notes: tuple[tuple[dt.date, str], ...] = ()


@dataclass(frozen=True)
class ProgressData:
    """Everything the progress report is computed from; the storage layer fills it.

    `state`, `days_off`, `pace` and `forecast` are core.progress's figures, so the report
    and `skillpath status` always agree.
    """

    person: str
    role_title: str
    today: dt.date
    start: dt.date
    hours_per_week: float
    target: dt.date | None
    items: list[Tracked]
    state: str  # ahead, on-track, behind
    days_off: int
    pace: float | None
    forecast: dt.date | None
    snapshots: list[tuple[dt.date, int, dict[str, int]]]
    levels_now: dict[str, int]
    required: dict[str, int]
    time_logs: list[tuple[dt.date, float]]


@dataclass(frozen=True)
class Figure:
    """A headline number with its label and a short gloss."""

    label: str
    value: str
    note: str


@dataclass(frozen=True)
class PhaseProgress:
    number: int
    title: str
    done: int
    total: int
    done_hours: float
    total_hours: float
    percent: int
    due: dt.date | None


@dataclass(frozen=True)
class LevelRow:
    skill: str
    required: int | None
    then: int
    now: int


@dataclass(frozen=True)
class DoneRow:
    title: str
    phase: int
    done_on: dt.date | None
    due: dt.date
    hours: float
    evidence: tuple[Evidence, ...]
    notes: tuple[tuple[dt.date, str], ...]


@dataclass(frozen=True)
class OpenRow:
    title: str
    phase: int
    due: dt.date
    hours: float
    status: str
    days_late: int


@dataclass(frozen=True)
class ProgressReport:
    """Everything the progress report shows, in reading order."""

    header: Header
    overview: str
    figures: list[Figure]
    phases: list[PhaseProgress]
    planned: list[tuple[dt.date, float]]
    planned_recent: list[tuple[dt.date, float]]
    done: list[tuple[dt.date, float]]
    logged: list[tuple[dt.date, float]]
    burnup_note: str
    readiness: list[tuple[dt.date, float]]
    readiness_note: str
    levels: list[LevelRow]
    levels_note: str
    completed: list[DoneRow]
    overdue: list[OpenRow]
    upcoming: list[OpenRow]
    weeks: list[tuple[dt.date, float]]
    weeks_note: str
    method: list[str]


UPCOMING = 10
MAX_POINTS = 160
WEEKS_SHOWN = 26


def _percent(done: float, total: float) -> int:
    return int(100 * done / total + 1e-9) if total else 0


def _planned_curve(
    items: Sequence[Tracked], start: dt.date, end: dt.date
) -> list[tuple[dt.date, float]]:
    """Cumulative planned hours over time: each item's hours spread over its start..due."""
    live = [i for i in items if i.status != "skipped"]
    if not live:
        return []
    span = max((end - start).days, 1)
    step = max(1, -(-span // MAX_POINTS))
    # Piecewise-linear: add each item's daily rate between its start and due, via a
    # difference array over the sampled days, so 1,000 items stay fast.
    days = span + 1
    rate = [0.0] * (days + 2)
    lump = [0.0] * (days + 2)
    for i in live:
        a = (i.start - start).days
        b = (i.due - start).days
        if b <= a:
            lump[min(max(b, 0), days)] += i.hours
            continue
        per_day = i.hours / (b - a)
        lo, hi = max(a, 0), min(b, days)
        if a < 0:
            lump[0] += per_day * min(-a, b - a)
        if hi > lo:
            rate[lo] += per_day
            rate[hi] -= per_day
        if b > days:
            pass  # the part after `end` is not drawn
    points: list[tuple[dt.date, float]] = []
    total = 0.0
    current_rate = 0.0
    for day in range(days):
        total += lump[day]
        if day % step == 0 or day == days - 1:
            points.append((start + dt.timedelta(days=day), round(total, 2)))
        current_rate += rate[day]
        total += current_rate
    return points


def _cumulative(
    events: Sequence[tuple[dt.date, float]], start: dt.date, today: dt.date
) -> list[tuple[dt.date, float]]:
    if not events:
        return [(start, 0.0), (today, 0.0)] if today > start else []
    # A step line: the total holds until the day something was added.
    points = [(start, 0.0)]
    total = 0.0
    for day, hours in sorted(events):
        if points[-1][0] == day:
            total += hours
            points[-1] = (day, round(total, 2))
            continue
        if (day - points[-1][0]).days > 1:
            points.append((day - dt.timedelta(days=1), round(total, 2)))
        total += hours
        points.append((day, round(total, 2)))
    if points[-1][0] < today:
        points.append((today, round(total, 2)))
    return points


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _weeks(logs: Sequence[tuple[dt.date, float]], today: dt.date) -> list[tuple[dt.date, float]]:
    """Hours logged per week (weeks start on Monday), the last WEEKS_SHOWN weeks to today."""
    last = _week_start(today)
    first = last - dt.timedelta(weeks=WEEKS_SHOWN - 1)
    if logs:
        first = max(first, _week_start(min(d for d, _ in logs)))
    totals: dict[dt.date, float] = {}
    week = first
    while week <= last:
        totals[week] = 0.0
        week += dt.timedelta(weeks=1)
    for day, hours in logs:
        wk = _week_start(day)
        if wk in totals:
            totals[wk] += hours
    return [(w, round(h, 2)) for w, h in totals.items()]


def duration_text(days: int) -> str:
    """'5 days', '3 weeks', 'about 11 months', 'about 2.5 years'."""
    if days < 14:
        return plural(days, "day")
    if days < 90:
        return plural(round(days / 7), "week")
    if days < 730:
        return f"about {plural(round(days / 30.44), 'month')}"
    return f"about {round(days / 365.25 * 2) / 2:g} years"


def _state_text(state: str, days: int) -> str:
    if state == "ahead":
        return f"{plural(days, 'day')} ahead of the plan"
    if state == "behind":
        return f"{plural(days, 'day')} behind the plan"
    return "on track"


def build_progress(data: ProgressData, catalog: Catalog) -> ProgressReport:
    """Assemble the progress report from tracking data.

    Returns:
        The report, ready for a renderer.
    """
    items = data.items
    live = [i for i in items if i.status != "skipped"]
    done_items = [i for i in live if i.status == "done"]
    total_hours = sum(i.hours for i in live)
    done_hours = sum(i.hours for i in done_items)
    percent = _percent(done_hours, total_hours)
    planned_finish = max((i.due for i in live), default=data.start)
    logged_total = sum(h for _, h in data.time_logs)
    today = data.today

    # -- overview
    sentences = [
        f"{data.person} has completed {percent}% of the roadmap to {data.role_title} by "
        f"estimated hours: {plural(len(done_items), 'deliverable')} of {len(live)}, "
        f"{hours_text(round(done_hours, 1))} of {hours_text(round(total_hours, 1))} hours."
    ]
    state = _state_text(data.state, data.days_off)
    sentences.append(
        f"As of {long_date(today)}, the work is {state}"
        + (" of the plan." if data.state == "on-track" else ".")
    )
    open_items = [i for i in live if i.status in ("todo", "in progress")]
    if not open_items:
        sentences.append("Every deliverable is done.")
    elif data.pace and data.forecast:
        shift = (data.forecast - planned_finish).days
        when = (
            "on the planned date"
            if abs(shift) <= 3
            else (
                f"{duration_text(abs(shift))} "
                + ("after" if shift > 0 else "before")
                + f" the planned {long_date(planned_finish)}"
            )
        )
        sentences.append(
            f"At the recent pace of {hours_text(round(data.pace, 1))} hours a week, the work "
            f"left would be finished on {long_date(data.forecast)}, {when}."
        )
    else:
        sentences.append(
            "No work has been logged or ticked off recently, so there is no pace to forecast "
            f"from; the plan finishes on {long_date(planned_finish)}."
        )
    overdue_items = sorted((i for i in open_items if i.due < today), key=lambda i: (i.due, i.key))
    if overdue_items:
        sentences.append(
            f"{_cap(plural(len(overdue_items), 'deliverable'))} "
            f"{'is' if len(overdue_items) == 1 else 'are'} overdue."
        )
    if data.target:
        ok = (data.forecast or planned_finish) <= data.target
        sentences.append(
            f"The target date is {long_date(data.target)}; "
            + ("the forecast meets it." if ok else "the forecast misses it.")
        )

    # -- figures
    figures = [
        Figure("Done", f"{percent}%", f"{hours_text(round(done_hours, 1))} of "
               f"{hours_text(round(total_hours, 1))} h"),
        Figure(
            "Schedule",
            _cap(state.replace(" the plan", "").replace(" of", "")),
            "against the plan today",
        ),
        Figure(
            "Pace",
            f"{hours_text(round(data.pace, 1))} h/week" if data.pace else "—",
            f"planned {hours_text(data.hours_per_week)} h/week",
        ),
        Figure(
            "Forecast finish",
            short_date(data.forecast) if data.forecast else "—",
            f"planned {short_date(planned_finish)}",
        ),
        Figure("Hours logged", hours_text(round(logged_total, 1)), "in all"),
    ]  # fmt: skip

    # -- phases
    phases: list[PhaseProgress] = []
    by_phase: dict[int, list[Tracked]] = {}
    titles: dict[int, str] = {}
    for i in items:
        by_phase.setdefault(i.phase, []).append(i)
        titles.setdefault(i.phase, i.phase_title)
    for number in sorted(by_phase):
        rows = [i for i in by_phase[number] if i.status != "skipped"]
        d_hours = sum(i.hours for i in rows if i.status == "done")
        t_hours = sum(i.hours for i in rows)
        phases.append(
            PhaseProgress(
                number=number,
                title=titles[number],
                done=sum(1 for i in rows if i.status == "done"),
                total=len(rows),
                done_hours=d_hours,
                total_hours=t_hours,
                percent=_percent(d_hours, t_hours),
                due=max((i.due for i in rows), default=None),
            )
        )

    # -- burn-up
    end = max(planned_finish, today)
    planned = _planned_curve(items, data.start, end)
    elapsed = max((today - data.start).days, 0)
    window_end = min(end, today + dt.timedelta(days=max(56, elapsed // 4)))
    planned_recent = _planned_curve(items, data.start, window_end)
    done_curve = _cumulative(
        [(i.done_on or today, i.hours) for i in done_items], data.start, min(today, end)
    )
    logged_curve = _cumulative(list(data.time_logs), data.start, min(today, end))
    burnup_note = (
        f"Planned: each deliverable's estimated hours spread from its start to its due date. "
        f"Done: the estimate of each deliverable on the day it was ticked off. Logged: the "
        f"hours recorded as worked. Total: {hours_text(round(total_hours, 1))} hours."
    )

    # -- readiness
    readiness: list[tuple[dt.date, float]] = []
    for day, value, _ in data.snapshots:  # a step line: readiness holds between snapshots
        if readiness and (day - readiness[-1][0]).days > 1:
            readiness.append((day - dt.timedelta(days=1), readiness[-1][1]))
        readiness.append((day, float(value)))
    if readiness and readiness[-1][0] < today:
        readiness.append((today, readiness[-1][1]))
    if readiness:
        first, last = data.snapshots[0], data.snapshots[-1]
        readiness_note = (
            f"Readiness for {data.role_title} went from {first[1]}% on {long_date(first[0])} "
            f"to {last[1]}% on {long_date(last[0])}, over "
            f"{plural(len(data.snapshots), 'snapshot')}."
            if len(data.snapshots) > 1
            else f"Readiness was {first[1]}% on {long_date(first[0])}, the only snapshot so far."
        )
    else:
        readiness_note = "There are no snapshots yet."

    # -- skill levels then and now
    then = data.snapshots[0][2] if data.snapshots else {}
    skill_ids = list(data.required) + [
        s
        for s in data.levels_now
        if s not in data.required and data.levels_now[s] != then.get(s, 0)
    ]
    levels = [
        LevelRow(
            skill=catalog.skill_name(s),
            required=data.required.get(s),
            then=then.get(s, 0),
            now=data.levels_now.get(s, 0),
        )
        for s in skill_ids
    ]
    levels.sort(key=lambda r: (-(r.now - r.then), -((r.required or 0) - r.now), r.skill))
    gained = sum(1 for r in levels if r.now > r.then)
    since = long_date(data.snapshots[0][0]) if data.snapshots else long_date(data.start)
    levels_note = (
        f"Levels when the plan was made ({since}) and now; {plural(gained, 'skill')} "
        f"{'has' if gained == 1 else 'have'} moved up."
    )

    # -- lists
    completed = [
        DoneRow(i.title, i.phase, i.done_on, i.due, i.hours, i.evidence, i.notes)
        for i in sorted(done_items, key=lambda i: (i.done_on or today, i.key), reverse=True)
    ]
    overdue = [
        OpenRow(i.title, i.phase, i.due, i.hours, i.status, (today - i.due).days)
        for i in overdue_items
    ]
    upcoming = [
        OpenRow(i.title, i.phase, i.due, i.hours, i.status, 0)
        for i in sorted((i for i in open_items if i.due >= today), key=lambda i: (i.due, i.key))[
            :UPCOMING
        ]
    ]
    weeks = _weeks(data.time_logs, today)
    shown = sum(h for _, h in weeks)
    weeks_note = (
        f"{hours_text(round(shown, 1))} hours logged in the {plural(len(weeks), 'week')} shown "
        f"(weeks start on Monday); the plan assumes {hours_text(data.hours_per_week)} a week."
    )
    method = [
        "Percentages are by estimated hours; skipped deliverables are left out of every total.",
        "Ahead or behind compares the hours done with the hours the plan expected by today, "
        "turned into days at the planned weekly hours; within 3 days either way is on track.",
        "Pace is the hours logged over the last four weeks, plus the estimate of deliverables "
        "ticked off in that time without logged hours. The forecast is today plus the open "
        "work at that pace.",
        "Readiness is the priority-weighted share of the role's required levels reached, "
        "recorded in a snapshot whenever a level changes.",
    ]
    return ProgressReport(
        header=Header(
            title=f"Progress Report: {data.person}",
            person=data.person,
            role=data.role_title,
            generated=today,
            subtitle=f"Roadmap to {data.role_title}",
        ),
        overview=" ".join(sentences),
        figures=figures,
        phases=phases,
        planned=planned,
        planned_recent=planned_recent,
        done=done_curve,
        logged=logged_curve,
        burnup_note=burnup_note,
        readiness=readiness,
        readiness_note=readiness_note,
        levels=levels,
        levels_note=levels_note,
        completed=completed,
        overdue=overdue,
        upcoming=upcoming,
        weeks=weeks,
        weeks_note=weeks_note,
        method=method,
    )
