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
from skillpath.core.models import LEVEL_NAMES, Analysis, GapItem, Profile, Role
from skillpath.core.planner import in_sentence
from skillpath.core.progress import Progress
from skillpath.core.records import Deliverable, PlanRecord
from skillpath.core.report_appendix import Appendix, build_appendix, earned_text
from skillpath.core.report_market import market_items, popularity_items
from skillpath.core.report_model import Header, Item, Link, linked
from skillpath.core.report_words import (
    cap,
    count_word,
    cut,
    duration_text,
    hours_text,
    join_list,
    long_date,
    money,
    plural,
    sentence,
    short_date,
    years_phrase,
)
from skillpath.core.rules import MAX_HOURS_PER_WEEK, Kind, Status

SECTIONS = (
    "Key Strengths",
    "Primary Recommendations",
    "Market Outlook",
    "Technology Stack Popularity",
    "Skill Gap Analysis",
    "Upskilling Roadmap",
    "Recommended Resources",
)
# What the first two pages name, chosen so that they read in about two minutes (under 600
# words) for every catalog role, at six phases; the appendices hold the rest.
MAX_STRENGTHS = 3
MAX_CERTS = 3  # certifications named in the recommendations
MAX_PHASES = 6  # phases in the roadmap's lines (the planner makes at most 6)
TOP_GAPS = 5  # gaps named in the recommendations
NEXT_GAPS = 3  # further gaps named in the gap analysis
MAIN_PER_PHASE = 2  # projects named in a phase's line (certifications are counted)
TOP_PROVIDERS = 3
TOP_LINKS = 2  # practice resources and certifications linked
PROVIDER_WIDTH = 30
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
    def deferred(self) -> list[str]:
        """Gap skills a plan fitted to its target date leaves for a later plan."""
        return [str(x) for x in self.plan.options.get("deferred") or []]

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
        f"At {hours_text(plan.hours_per_week)} hours a week, the roadmap takes "
        f"{hours_text(round(road.total_hours))} hours over {count_word(phases)} "
        f"phase{'s' if phases != 1 else ''}, from {long_date(plan.start)} to "
        f"{long_date(road.finish)}."
    )
    out.append(_targetsentence(road, catalog))
    if st is not None and (st.overall.done or st.logged_hours) and road.counted:
        out.append(_progresssentence(st))
    return " ".join(s for s in out if s)


def _targetsentence(road: Roadmap, catalog: Catalog) -> str:
    """Whether the plan meets its target date and, when not, the planner's ways out (stored
    with the plan) with their figures; a plan fitted to its date names what it leaves out."""
    target = road.plan.target
    if target is None:
        return ""
    options = road.plan.options
    deferred = road.deferred
    if road.finish <= target:
        if not deferred:
            return f"That is within the target date of {long_date(target)}."
        left = [_name(x, catalog) for x in deferred[:3]]
        if len(deferred) > 3:
            left.append(f"{count_word(len(deferred) - 3)} more")
        return (
            f"To meet the target date of {long_date(target)}, it leaves "
            f"{count_word(len(deferred))} gap skill{'s' if len(deferred) != 1 else ''} for a "
            f"later plan: {join_list(left)}."
        )
    sentence = f"That is later than the target date of {long_date(target)}"
    ways = options.get("ways_out")
    if isinstance(ways, dict) and ways.get("hours_per_week"):
        needed = float(ways["hours_per_week"])
    else:  # a plan stored before the planner kept its ways out
        weeks = (target - road.plan.start).days / 7
        if weeks <= 0:
            return sentence + "."
        needed = round(road.total_hours / weeks * 2) / 2
        ways = {}
    if needed > MAX_HOURS_PER_WEEK:
        sentence += (
            f"; meeting it would take {hours_text(needed)} hours a week, more than the "
            f"{hours_text(MAX_HOURS_PER_WEEK)} a plan allows"
        )
    else:
        sentence += f"; meeting it would take {hours_text(needed)} hours a week"
    scope = ways.get("scope") if isinstance(ways, dict) else None
    if isinstance(scope, dict) and scope.get("kept") and scope.get("finish"):
        kept = [str(x) for x in scope["kept"]]
        finish = dt.date.fromisoformat(str(scope["finish"]))
        what = (
            f"the {count_word(len(kept))} most important gaps"
            if len(kept) > 1
            else "the most important gap"
        )
        sentence += (
            f", or a plan of only {what} ({_names(kept[:3], catalog)}"
            f"{' and more' if len(kept) > 3 else ''}), which ends on {long_date(finish)}"
        )
    return sentence + "."


def _progresssentence(st: Progress) -> str:
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
        above = s.required is not None and s.current > s.required
        level = f"{cap(LEVEL_NAMES.get(s.current, ''))} (level {s.current}"
        level += f"; the role asks {s.required})" if above else ")"
        out.append(Item(s.name, f"{level}, {_source(profile, s.skill, earned)}."))
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


def _top_gaps(analysis: Analysis, road: Roadmap) -> list[GapItem]:
    """The largest gaps the plan works on (not those it leaves for a later plan)."""
    deferred = set(road.deferred)
    return [g for g in analysis.gaps if g.skill in analysis.top_gaps and g.skill not in deferred][
        :TOP_GAPS
    ]


def _recommendations(analysis: Analysis, road: Roadmap, role: Role, catalog: Catalog) -> list[Item]:
    top = _top_gaps(analysis, road)
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
            ground = [_name(s, catalog) for s in first[:3]]
            if len(first) > 3:
                ground.append(f"{count_word(len(first) - 3)} more")
            text += f" First comes the ground they build on: {join_list(ground)}."
        skills = Item("Skill development", text)
    else:
        skills = Item("Skill development", "Every required skill is at its level already.")
    return [skills, _certifications(road, role, catalog)]


def _certifications(road: Roadmap, role: Role, catalog: Catalog) -> Item:
    """The plan's certifications, each linked, with its fee and due date; then how many
    more the role recommends (listed under Recommended Resources)."""
    planned: list[Link] = []
    for d in road.counted:
        if d.kind is not Kind.CERTIFICATION or not d.certification:
            continue
        cert = catalog.certifications.get(d.certification)
        when = (
            f"passed {short_date(d.done_on)}"
            if d.status is Status.DONE and d.done_on
            else f"due {short_date(d.due)}"
        )
        if cert is None:
            planned.append(Link(cut(d.title, TITLE_WIDTH), None, f"({when})"))
        else:
            fee = _cost(cert.cost, cert.currency)
            if cert.source_kind == "third-party":  # Appendix C names the page
                fee += ", third-party figure"
            planned.append(Link(cut(cert.name, TITLE_WIDTH), linked(cert.url), f"({fee}), {when}"))
    seen = {d.certification for d in road.counted if d.certification}
    others = [c for c in role.certifications if c not in seen and c in catalog.certifications]
    text = ""
    if len(planned) > MAX_CERTS:
        text = f"And {len(planned) - MAX_CERTS} more (Appendix B)."
    if others:
        many = f"{cap(count_word(len(others)))} more {'are' if len(others) > 1 else 'is'}"
        if not planned:
            many = "None is in the plan; " + many.replace(" more", "", 1).lower()
        text = f"{text} {many} recommended for the role (Recommended Resources).".strip()
    elif not planned:
        text = "The catalog recommends no certification for this role."
    return Item("Certifications", text, links=tuple(planned[:MAX_CERTS]))


def _cost(cost: float, currency: str) -> str:
    return money(cost, currency) if cost else "no exam fee"


def _gaps(analysis: Analysis, road: Roadmap, catalog: Catalog) -> str:
    """The gaps by priority, then the largest ones the recommendations did not name."""
    required = len(analysis.gaps) + len(analysis.met)
    if not analysis.gaps:
        return f"All {required} skills the role requires are at its level (Appendix A)."
    counts = {
        p: sum(1 for g in analysis.gaps if g.priority == p)
        for p in ("critical", "important", "nice-to-have")
    }
    parts = [f"{n} {p.replace('-', ' ')}" for p, n in counts.items() if n]
    text = f"{len(analysis.gaps)} of the {required} required skills need work: {', '.join(parts)}."
    named = {g.skill for g in _top_gaps(analysis, road)}
    rest = [g for g in analysis.gaps if g.skill not in named][:NEXT_GAPS]
    if rest:
        shown = [f"{_name(g.skill, catalog)} ({g.current} of {g.required})" for g in rest]
        lead = "Next largest" if named else "Largest"
        text += f" {lead}: {', '.join(shown)}."
    if road.deferred:
        text += f" To meet its target date the plan leaves {len(road.deferred)} of them for later."
    return text + " Every skill with its evidence: Appendix A."


def _main_deliverables(items: Sequence[Deliverable]) -> str:
    """What a phase's line names: its projects (not its stretches of applied work, which
    every phase with advanced skills has) and how many certifications (named with their
    dates in the recommendations); a phase with neither names its largest course."""
    projects = [d for d in items if d.kind is Kind.PROJECT and not d.key.startswith("applied-")]
    certs = sum(1 for d in items if d.kind is Kind.CERTIFICATION)
    names = [
        cut("project " + d.title.removeprefix("Project: "), TITLE_WIDTH)
        for d in projects[:MAIN_PER_PHASE]
    ]
    if len(projects) > MAIN_PER_PHASE:
        names.append(f"{count_word(len(projects) - MAIN_PER_PHASE)} more projects")
    if certs:
        names.append("a certification" if certs == 1 else f"{count_word(certs)} certifications")
    if not names:
        learning = [d for d in items if d.kind in (Kind.COURSE, Kind.READING)]
        for d in sorted(learning, key=lambda d: -d.hours)[:1]:
            names.append(cut(d.resource.title if d.resource else d.title, TITLE_WIDTH))
    return sentence(cap(join_list(names))) if names else ""


def _span(start: dt.date, end: dt.date) -> str:
    """'5 Jan–22 Jun 2026', '22 Jun 2026–18 Jun 2027'."""
    if start.year == end.year:
        return f"{short_date(start).rsplit(' ', 1)[0]}–{short_date(end)}"
    return f"{short_date(start)}–{short_date(end)}"


def _roadmap(road: Roadmap) -> tuple[list[Item], str]:
    """One line per phase: its dates, hours, purpose and main deliverables."""
    out: list[Item] = []
    for number, items in enumerate(road.phases, start=1):
        counted = [d for d in items if d.counts]
        if not counted:
            continue
        start = min(d.start for d in counted)
        due = max(d.due for d in counted)
        hours = sum(d.hours for d in counted)
        done = sum(1 for d in counted if d.status is Status.DONE)
        label = f"Phase {number}, {_span(start, due)}, {hours_text(round(hours))} h"
        text = sentence(cut(items[0].phase_title, PHASE_WIDTH)) + " "
        text += _main_deliverables(counted)
        if done:
            text += f" {done} of {len(counted)} done."
        out.append(Item(label, text))
    if not out:
        return out, "There is nothing to plan: every requirement is met."
    note = "Every deliverable, with its success metric: Appendix B."
    if len(out) > MAX_PHASES:
        note = f"{len(out) - MAX_PHASES} more phases and every deliverable: Appendix B."
        out = out[:MAX_PHASES]
    step = next((d for d in road.counted if d.status is Status.IN_PROGRESS), None)
    step = step or next((d for d in road.counted if d.is_open), None)
    if step is not None:
        doing = " (in progress)" if step.status is Status.IN_PROGRESS else ""
        title = step.resource.title if step.resource is not None else step.title
        note = f"Next: {cut(title, TITLE_WIDTH)}{doing}, due {short_date(step.due)}. {note}"
    return out, note


def _resources(road: Roadmap, role: Role, catalog: Catalog) -> tuple[list[Item], str]:
    hours: dict[str, float] = {}
    first: dict[str, Link] = {}
    free: set[bool] = set()
    practice: list[Link] = []
    sets = projects = 0
    for d in road.counted:
        if d.kind is Kind.PROJECT:
            projects += 1
        elif d.kind is Kind.PRACTICE and d.resource is None:
            sets += 1
        elif d.resource is not None and d.kind is Kind.PRACTICE:
            practice.append(Link(d.resource.title, linked(d.resource.url)))
        elif d.resource is not None and d.kind in (Kind.COURSE, Kind.READING):
            # "d2l.ai (Zhang, Lipton, Li, Smola)" reads "d2l.ai" here; Appendix C has it all
            provider = cut(d.resource.provider.split(" (", 1)[0], PROVIDER_WIDTH)
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
    kinds = [plural(n, kind) for n, kind in ((sets, "practice set"), (projects, "project")) if n]
    if practice or kinds:
        text = cap(join_list(kinds)) + "." if kinds else ""
        out.append(Item("Practice", text, links=tuple(practice[:TOP_LINKS])))
    # the plan's own certifications are named (and linked) in the recommendations
    planned = {d.certification for d in road.counted if d.certification}
    certs = [
        Link(c.name, linked(c.url))
        for cid in role.certifications
        if cid not in planned and (c := catalog.certifications.get(cid)) is not None
    ]
    if certs:
        more = len(certs) - TOP_LINKS
        text = "Recommended for the role; not in the plan"
        text += f"; {count_word(more)} more in Appendix C." if more > 0 else "."
        out.append(Item("Certifications", text, links=tuple(certs[:TOP_LINKS])))
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
    market, market_note = market_items(role, catalog)
    popularity, popularity_note = popularity_items(role, catalog)
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
        gaps=_gaps(analysis, road, catalog),
        roadmap=roadmap,
        roadmap_note=roadmap_note,
        resources=resources,
        resources_note=resources_note,
        appendix=build_appendix(profile, analysis, plan, items, catalog, earned),
    )
