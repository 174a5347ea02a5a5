"""What the executive summary says: its seven sections, short enough to stand alone on two
pages, then the appendices (core/report_appendix.py). Sentences and items, no rendering.

The PDF and Markdown renderers draw exactly what is here, so the two formats never disagree.
Every fact (pay, growth, cost) comes from the catalog with its source and year. Text a
person typed is kept as typed: each renderer escapes it for its own format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from skillpath.core.catalog import Catalog
from skillpath.core.models import Analysis, Profile, Role
from skillpath.core.planner import in_sentence
from skillpath.core.progress import Progress
from skillpath.core.records import Deliverable, PlanRecord
from skillpath.core.report_appendix import Appendix, build_appendix, earned_text
from skillpath.core.report_model import Header, Item, Link, linked
from skillpath.core.report_words import (
    cap,
    count_word,
    cut,
    duration_text,
    hours_text,
    join_list,
    level_text,
    long_date,
    money,
    short_date,
    years_phrase,
)
from skillpath.core.rules import Kind, Status

SECTIONS = (
    "Key Strengths",
    "Primary Recommendations",
    "Market Outlook",
    "Technology Stack Popularity",
    "Skill Gap Analysis",
    "Upskilling Roadmap",
    "Recommended Resources",
)
MAX_STRENGTHS = 6
MAX_CERTS = 3  # certifications named in the recommendations
MAX_PHASES = 6  # phases in the roadmap's lines (the planner makes at most 6)
TOP_GAPS = 5
MAIN_PER_PHASE = 3  # deliverables named in a phase's line
TOP_PROVIDERS = 3
TOP_NAMES = 8  # technologies in a group, growth areas
NAME_WIDTH = 40  # characters of such a name, or of a source
NOTE_WIDTH = 400  # characters of the note on market figures
PHASE_WIDTH = 90
TITLE_WIDTH = 70  # characters of a deliverable or phase title in the first two pages


@dataclass(frozen=True)
class Summary:
    """Everything the executive summary shows, in reading order: the overview and the seven
    sections (each a list of items and a closing note), then the appendices."""

    header: Header
    overview: str
    strengths: list[Item]
    strengths_note: str
    recommendations: list[Item]
    market: list[Item]
    market_note: str
    popularity: list[Item]
    popularity_note: str
    gaps: str
    roadmap: list[Item]
    roadmap_note: str
    resources: list[Item]
    resources_note: str
    appendix: Appendix


@dataclass(frozen=True)
class Roadmap:
    """The plan as the summary reads it: its stored record and deliverables, in plan order."""

    plan: PlanRecord
    items: Sequence[Deliverable]

    @property
    def counted(self) -> list[Deliverable]:
        return [d for d in self.items if d.counts]

    @property
    def total_hours(self) -> float:
        return sum(d.hours for d in self.counted)

    @property
    def finish(self) -> dt.date:
        return max((d.due for d in self.counted), default=self.plan.start)

    @property
    def phases(self) -> list[list[Deliverable]]:
        by_phase: dict[int, list[Deliverable]] = {}
        for d in self.items:
            by_phase.setdefault(d.phase, []).append(d)
        return [by_phase[n] for n in sorted(by_phase)]


def _name(skill_id: str, catalog: Catalog) -> str:
    return in_sentence(catalog.skill_name(skill_id))


def _names(skill_ids: Sequence[str], catalog: Catalog) -> str:
    return join_list([_name(s, catalog) for s in skill_ids])


def _overview(
    profile: Profile, analysis: Analysis, road: Roadmap, catalog: Catalog, st: Progress | None
) -> str:
    name = cut(profile.name, 80)
    focus = cut(profile.focus, 80)
    if profile.years_experience > 0:
        first = f"{name} has {years_phrase(profile.years_experience)} of experience"
        first += f", mostly in {focus}," if focus else ""
    else:
        first = f"{name} is starting out" + (f" in {focus}," if focus else "")
    out = [f"{first} and is aiming for the role of {analysis.role.title}."]
    carried = [s.skill for s in analysis.strengths if s.transferable][:4]
    if carried:
        verb = "carries" if len(carried) == 1 else "carry"
        out.append(f"{cap(_names(carried, catalog))} {verb} over from current work.")
    out.append(f"Readiness for the role today is {analysis.readiness}%.")
    plan = road.plan
    phases = len(road.phases)
    if not road.counted:
        out.append(f"{name} already meets every requirement; there is nothing to plan.")
        return " ".join(out)
    out.append(
        f"At {hours_text(plan.hours_per_week)} hours a week, the roadmap closes the gaps in "
        f"{hours_text(round(road.total_hours))} hours over {count_word(phases)} "
        f"phase{'s' if phases != 1 else ''}, from {long_date(plan.start)} to "
        f"{long_date(road.finish)}."
    )
    out.append(_target_sentence(road))
    if st is not None and (st.overall.done or st.logged_hours) and road.counted:
        out.append(_progress_sentence(st))
    return " ".join(s for s in out if s)


def _target_sentence(road: Roadmap) -> str:
    target = road.plan.target
    if target is None:
        return ""
    if road.finish <= target:
        return f"That is within the target date of {long_date(target)}."
    sentence = f"That is later than the target date of {long_date(target)}"
    weeks = (target - road.plan.start).days / 7
    if weeks <= 0:
        return sentence + "."
    needed = road.total_hours / weeks
    if needed > 80:
        return sentence + "; a later date or a narrower scope is needed."
    return sentence + f"; meeting it would take {hours_text(round(needed * 2) / 2)} hours a week."


def _progress_sentence(st: Progress) -> str:
    t = st.overall
    text = f"So far {t.done} of {t.total} deliverables are done"
    if st.forecast_finish is None:
        return text + "; at the current pace the work would not finish within the calendar."
    rate = "recent pace" if st.pace else "planned pace"
    text += (
        f"; at the {rate} of {hours_text(round(st.rate, 1))} hours a week the rest would be "
        f"finished on {long_date(st.forecast_finish)}"
    )
    if st.schedule.state == "on-track":
        return text + ", on track."
    side = "behind" if st.schedule.state == "behind" else "ahead of"
    return text + f", {duration_text(st.schedule.days)} {side} the plan."


def _strengths(
    profile: Profile, analysis: Analysis, earned: Mapping[str, Deliverable]
) -> tuple[list[Item], str]:
    """Only skills at the role's level, each with where its level comes from."""
    met = [s for s in analysis.strengths if not s.transferable]
    out: list[Item] = []
    for s in met[:MAX_STRENGTHS]:
        level = cap(level_text(s.current))
        if s.required is not None and s.current > s.required:
            level += f", above the level {s.required} the role asks for"
        else:
            level += ", as the role asks"
        out.append(Item(s.name, f"{level}; {_source(profile, s.skill, earned)}."))
    if not met:
        note = (
            "No required skill is at the role's level yet; the roadmap starts from the foundations."
        )
    elif len(met) > MAX_STRENGTHS:
        note = f"And {len(met) - MAX_STRENGTHS} more at the role's level (Appendix A)."
    else:
        note = ""
    return out, note


def _source(profile: Profile, skill: str, earned: Mapping[str, Deliverable]) -> str:
    source = profile.source_of(skill)
    if source == "earned" and skill in earned:
        return earned_text(earned[skill]).replace("Earned", "earned", 1)
    return {"cv": "found in the CV", "earned": "earned by finished work"}.get(source, "self-rated")


def _recommendations(analysis: Analysis, road: Roadmap, role: Role, catalog: Catalog) -> list[Item]:
    top = [g for g in analysis.gaps if g.skill in analysis.top_gaps][:TOP_GAPS]
    if top:
        names = _names([g.skill for g in top], catalog)
        levels = {(g.current, g.required) for g in top}
        critical = all(g.priority == "critical" for g in top)
        text = f"Start on the {'critical' if critical else 'largest'} gaps: {names}"
        if len(levels) == 1:
            current, required = next(iter(levels))
            each = " each" if len(top) > 1 else ""
            text += f",{each} at level {current} of the {required} the role asks for."
        else:
            text += "."
        top_ids = {g.skill for g in top}
        first: list[str] = []
        for d in road.counted:
            if d.kind in (Kind.PROJECT, Kind.CERTIFICATION):
                continue
            if any(s in top_ids for s in d.skills):
                break
            first.extend(s for s in d.skills if s not in first)
        if first:
            text += f" The roadmap first lays the ground they build on: {_names(first, catalog)}."
        skills = Item("Skill development", text)
    else:
        skills = Item("Skill development", "Every required skill is at its level already.")
    planned: list[str] = []
    seen: set[str] = set()
    for d in road.counted:
        if d.kind is not Kind.CERTIFICATION or not d.certification:
            continue
        cert = catalog.certifications.get(d.certification)
        seen.add(d.certification)
        what = (
            f"{cert.name} ({cert.vendor}, {_cost(cert.cost, cert.currency)})"
            if cert
            else cut(d.title, TITLE_WIDTH)
        )
        when = (
            f"passed {short_date(d.done_on)}"
            if d.status is Status.DONE and d.done_on
            else f"due {short_date(d.due)}"
        )
        planned.append(f"{what}, {when}")
    others = [c for c in role.certifications if c not in seen and c in catalog.certifications]
    if len(planned) > MAX_CERTS:
        planned[MAX_CERTS:] = [f"and {len(planned) - MAX_CERTS} more (Appendix B)"]
    if planned:
        text = "; ".join(planned) + "."
        if others:
            text += f" The role recommends {count_word(len(others))} more (Appendix C)."
    elif others:
        names = join_list([catalog.certifications[c].name for c in others[:3]])
        text = f"None is in the plan; the role recommends {names} (Appendix C)."
    else:
        text = "The catalog recommends no certification for this role."
    return [skills, Item("Certifications", text)]


def _cost(cost: float, currency: str) -> str:
    return money(cost, currency) if cost else "no exam fee"


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
        text = (
            f"{cap(market.demand)}: BLS projects employment of {outlook.title.lower()} to "
            f"{change} from {period}"
        )
        if outlook.openings_per_year:
            text += f", about {outlook.openings_per_year:,} openings a year"
        out.append(Item("Demand", text + f" (BLS projections, {outlook.year})."))
    else:
        out.append(Item("Demand", "Not stated: the catalog holds no verified BLS projection."))
    salary = market.salary
    if salary is not None:

        def pay(field_name: str, value: int) -> str:
            shown = money(value, salary.currency)
            return f"{shown} or more" if field_name in salary.topcoded else shown

        out.append(
            Item(
                "Salary range",
                f"Median {pay('median', salary.median)} a year; the middle half earns "
                f"{pay('p25', salary.p25)} to {pay('p75', salary.p75)} "
                f"({salary.occupation_title.lower()}; BLS wage estimates, {salary.release}).",
            )
        )
    else:
        out.append(Item("Salary range", "The catalog holds no wage figures for this occupation."))
    if market.growth_areas:
        areas = join_list(_first(market.growth_areas))
        source = cut(market.growth_source, NAME_WIDTH)
        out.append(Item("Growth areas", f"{areas} ({source}, {market.growth_year})."))
    return out, cut(market.proxy_note, NOTE_WIDTH)


def _popularity(role: Role) -> tuple[list[Item], str]:
    pop = role.popularity

    items = [
        Item("Programming languages", ", ".join(_first(pop.languages))),
        Item("Frameworks and tools", ", ".join(_first(pop.frameworks_tools))),
        Item("Technologies", ", ".join(_first(pop.technologies))),
    ]
    return items, f"Most used first. Source: {cut(pop.source, NAME_WIDTH)}, {pop.year}."


def _first(names: Sequence[str]) -> list[str]:
    """The first TOP_NAMES names, each cut to NAME_WIDTH, and how many more there are."""
    shown = [cut(n, NAME_WIDTH) for n in names[:TOP_NAMES]]
    if len(names) > TOP_NAMES:
        shown.append(f"{len(names) - TOP_NAMES} more")
    return shown


def _gaps(analysis: Analysis, catalog: Catalog) -> str:
    required = len(analysis.gaps) + len(analysis.met)
    if not analysis.gaps:
        return f"All {required} skills the role requires are at its level (Appendix A)."
    counts = {
        p: sum(1 for g in analysis.gaps if g.priority == p)
        for p in ("critical", "important", "nice-to-have")
    }
    parts = [f"{n} {p.replace('-', ' ')}" for p, n in counts.items() if n]
    text = f"{len(analysis.gaps)} of the {required} required skills need work: {', '.join(parts)}."
    top = analysis.gaps[:TOP_GAPS]
    levels = {(g.current, g.required) for g in top}
    if len(levels) == 1 and len(top) > 1:
        current, need = next(iter(levels))
        text += f" The {count_word(len(top))} largest are named above, all at {current} of {need}."
    else:
        shown = [f"{_name(g.skill, catalog)} ({g.current} of {g.required})" for g in top]
        text += f" Largest: {join_list(shown)}."
    if analysis.met:
        met = [_name(g.skill, catalog) for g in analysis.met[:6]]
        more = len(analysis.met) - len(met)
        text += f" Met: {join_list(met)}" + (f" and {more} more." if more else ".")
    return text + " The full table, with where each level comes from: Appendix A."


def _sentence(text: str) -> str:
    """`text` ending in a full stop (or the ellipsis it was cut with)."""
    return text if text.endswith(("…", ".", "?", "!")) else text + "."


def _main_deliverables(items: Sequence[Deliverable]) -> list[str]:
    """What a phase's line names: its largest learning deliverable, then its projects and
    certifications, MAIN_PER_PHASE at most, in plan order."""
    built = [d for d in items if d.kind in (Kind.PROJECT, Kind.CERTIFICATION)]
    learning = sorted((d for d in items if d.kind.is_learning), key=lambda d: -d.hours)
    chosen = {d.id for d in [*learning[:1], *built]}
    names: list[str] = []
    for d in items:
        if d.id in chosen and len(names) < MAIN_PER_PHASE:
            title = d.resource.title if d.resource is not None else d.title
            if d.kind is Kind.PROJECT:
                title = "project " + title.removeprefix("Project: ")
            names.append(cut(title, TITLE_WIDTH))
    return names


def _roadmap(road: Roadmap) -> tuple[list[Item], str]:
    out: list[Item] = []
    for number, items in enumerate(road.phases, start=1):
        counted = [d for d in items if d.counts]
        if not counted:
            continue
        start = min(d.start for d in counted)
        due = max(d.due for d in counted)
        hours = sum(d.hours for d in counted)
        done = sum(1 for d in counted if d.status is Status.DONE)
        span = f"{short_date(start)} to {short_date(due)}"
        label = f"Phase {number}, {span}, {hours_text(round(hours))} h"
        text = cut(items[0].phase_title, PHASE_WIDTH).rstrip("…") + " — "
        text += _sentence("; ".join(_main_deliverables(counted)))
        if done:
            text += f" {done} of {len(counted)} done."
        out.append(Item(label, text))
    if not out:
        return out, "There is nothing to plan: every requirement is met."
    note = "Every deliverable with its success metric: Appendix B."
    if len(out) > MAX_PHASES:
        note = f"{len(out) - MAX_PHASES} more phases and every deliverable: Appendix B."
        out = out[:MAX_PHASES]
    step = next((d for d in road.counted if d.status is Status.IN_PROGRESS), None)
    step = step or next((d for d in road.counted if d.is_open), None)
    if step is not None:
        doing = " (in progress)" if step.status is Status.IN_PROGRESS else ""
        title = step.resource.title if step.resource is not None else step.title
        note = f"Next step: {cut(title, TITLE_WIDTH)}{doing}, due {short_date(step.due)}. {note}"
    return out, note


def _resources(road: Roadmap, role: Role, catalog: Catalog) -> tuple[list[Item], str]:
    hours: dict[str, float] = {}
    first: dict[str, Link] = {}
    free: set[bool] = set()
    practice: list[Link] = []
    projects = 0
    for d in road.counted:
        if d.kind is Kind.PROJECT:
            projects += 1
        elif d.resource is not None and d.kind is Kind.PRACTICE:
            practice.append(Link(d.resource.title, linked(d.resource.url)))
        elif d.resource is not None and d.kind in (Kind.COURSE, Kind.READING):
            provider = d.resource.provider
            hours[provider] = hours.get(provider, 0) + d.hours
            first.setdefault(
                provider, Link(f"{provider}: {d.resource.title}", linked(d.resource.url))
            )
            free.add(d.resource.free)
    out: list[Item] = []
    if first:
        top = sorted(first, key=lambda p: -hours[p])[:TOP_PROVIDERS]
        cost = "All free." if free == {True} else ""
        out.append(Item("Learning platforms", cost, links=tuple(first[p] for p in top)))
    shown = (
        [f"{count_word(projects)} hands-on project{'s' if projects != 1 else ''}"]
        if projects
        else []
    )
    if practice or shown:
        text = cap(join_list(shown)) + "." if shown else ""
        out.append(Item("Practice", text, links=tuple(practice[:2])))
    certs: list[Link] = []
    for cid in [d.certification for d in road.counted if d.certification] + role.certifications:
        cert = catalog.certifications.get(cid or "")
        if cert is not None and all(c.text != cert.name for c in certs):
            certs.append(Link(cert.name, linked(cert.url)))
    if certs:
        out.append(Item("Certifications", "", links=tuple(certs[:3])))
    return out, "All resources with links, costs and validity: Appendix C."


def build_summary(
    profile: Profile,
    analysis: Analysis,
    plan: PlanRecord,
    items: Sequence[Deliverable],
    catalog: Catalog,
    *,
    today: dt.date,
    earned: Mapping[str, Deliverable] | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Assemble the executive summary.

    Args:
        profile: the person.
        analysis: the profile's gap analysis against the plan's role.
        plan: the plan (stored, or made now and not stored: see report_load.unsaved).
        items: the plan's deliverables in plan order, with their status.
        catalog: where the role, skills, certifications and market facts come from.
        today: the date printed in the title block.
        earned: per skill id, the finished deliverable that earned its current level.
        progress: the plan's progress, for a stored plan with work done.
    """
    role = catalog.role(analysis.role.id)
    road = Roadmap(plan, items)
    earned = earned or {}
    strengths, strengths_note = _strengths(profile, analysis, earned)
    market, market_note = _market(role)
    popularity, popularity_note = _popularity(role)
    roadmap, roadmap_note = _roadmap(road)
    resources, resources_note = _resources(road, role, catalog)
    return Summary(
        header=Header(
            title=f"Executive Summary: {profile.name}",
            person=profile.name,
            role=analysis.role.title,
            generated=today,
            subtitle=f"Target role: {analysis.role.title}",
        ),
        overview=_overview(profile, analysis, road, catalog, progress),
        strengths=strengths,
        strengths_note=strengths_note,
        recommendations=_recommendations(analysis, road, role, catalog),
        market=market,
        market_note=market_note,
        popularity=popularity,
        popularity_note=popularity_note,
        gaps=_gaps(analysis, catalog),
        roadmap=roadmap,
        roadmap_note=roadmap_note,
        resources=resources,
        resources_note=resources_note,
        appendix=build_appendix(profile, analysis, plan, items, catalog, earned),
    )
