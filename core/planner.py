"""The planner: from a gap analysis to a dated roadmap of phases and deliverables.

Deterministic: the same profile, role, catalog and options give the same plan, byte for
byte. The rules (editorial choices, stated so a mentor can argue with them; the figures
are the constants of `planner_learning` and `planner_phases`):

What is planned
- Every gap skill of the role, to the level the role asks for, plus every prerequisite the
  person has below working level (2), to level 2, recursively. No skill comes before its
  prerequisites; among the skills free to come next, critical before important before
  nice-to-have (a prerequisite is as urgent as the most important skill resting on it),
  then the catalog's order.

How each level is reached (the level rules of `skillpath.core.rules`, planned forward)
- Working (2): one piece of catalog material, chosen for the person's level (intro below
  2, intermediate at 2, advanced above) and then for the length closest to the time the
  step takes, HOURS_PER_LEVEL (20) hours a level. The deliverable's hours are the
  material's own recorded length, labelled as the provider's figure or our estimate.
  When the material is shorter than the step by MIN_PRACTICE_HOURS (4) or more, the rest
  is a deliverable of its own, a practice set with a concrete task (three reworked
  examples; a small build with a runbook for cloud and operations skills; three real
  situations written up for people skills). The material then earns awareness (1) and
  the practice set working level (2); otherwise the material earns working level.
- Independent (3): the phase's project, which uses the technical skills the phase taught.
  Leadership and management skills (LED_CATEGORIES) are shown instead by applied work with
  people, APPLIED_HOURS_PER_LEVEL hours a level above working, evidence attached.
- Advanced or expert (4, 5): a certification the plan takes that covers the skill, or else
  sustained applied work, APPLIED_HOURS_PER_LEVEL (30) hours a level above 3, whose
  attached evidence shows the level. Such a skill also gets deeper catalog material, when
  one is left, placed after the project to prepare that work; it earns no level itself.
- So when every deliverable is done, with evidence attached to the projects, every
  required skill stands at its required level; courses, readings and practice sets alone
  never take a skill above 2, and projects without evidence never above 3.

No resource twice
- A resource (by its address) appears once in a plan. When it serves a second planned
  skill, one deliverable advances both, provided the second skill's prerequisites come no
  later; otherwise the second skill takes its next-best resource, or guided practice when
  none is left. Material at a certification's own address makes way for that
  certification's deliverable.

Shape
- The learning is cut into phases (3 by default) of about equal hours, in order. Each
  phase has, after its learning, one project combining its skills (PROJECT_HOURS_PER_SKILL
  (8) hours a skill, from 16 to 60; the catalog template that fits them best, each used
  once), then its deeper material, then its applied work, then its certifications.
- Certifications: in the order the role recommends them, one is taken when the plan
  teaches at least one of its skills, at most CERT_UNTAUGHT (1) of its skills is neither
  planned nor already held at working level (the exam guide covers that one, with
  HOURS_PER_LEVEL more hours), and the certifications already taken cover less than half
  of its planned skills (so not three clouds' versions of one exam). It comes at the end
  of the phase that teaches the last of its planned skills. Preparing and sitting it takes
  CERT_REVIEW_SHARE (30%) of the vendor's study hours, at least CERT_MIN_HOURS (10).
- Due dates run from the start date at the hours per week, one deliverable after another.
  No title, description or metric carries a date.

Target date first
- With a target date the plan says whether it fits. When it does not, it offers three
  ways out, each with its figure: the hours a week that fit the whole plan (in half
  hours), the finish date at the current hours, and a narrower scope: the longest run of
  gap skills, most important first (as the gap analysis orders them), whose plan fits the
  date at the current hours, then any further gap of the same priority as the first that
  did not fit which still fits and does not rest on a deferred one. The rest are deferred
  to a later plan (a deferred skill may still be learned to working level as a
  prerequisite of a kept one). `PlanOptions(fit_target=True)` builds that narrower plan.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from skillpath.core import planner_text as words
from skillpath.core.catalog import Catalog
from skillpath.core.errors import InputError
from skillpath.core.gap import analyze
from skillpath.core.models import (
    Deliverable,
    GapItem,
    Phase,
    Plan,
    Profile,
    Role,
    RoleRef,
    ScopeOption,
    TargetOptions,
)
from skillpath.core.planner_learning import HOURS_PER_LEVEL, Context, choose_resource
from skillpath.core.planner_phases import (
    APPLIED_HOURS_PER_LEVEL,
    MAX_PHASES,
    Draft,
    draft_plan,
)
from skillpath.core.planner_text import in_sentence, join_names
from skillpath.core.rules import MAX_HOURS_PER_WEEK

__all__ = [
    "MAX_PHASES",
    "PLAN_RULES",
    "PlanOptions",
    "build_plan",
    "choose_resource",
    "finish_date",
    "hours_to_fit",
    "in_sentence",
    "join_names",
]

# The planner's rules in words, for the reports' "how this was computed" (with
# `rules.LEVEL_RULES` for how levels are earned).
PLAN_RULES: tuple[str, ...] = (
    "The plan covers every skill the role asks for that you have below its level, and every "
    "prerequisite you have below working level (2). No skill comes before its "
    "prerequisites; critical skills come before important ones, and those before "
    "nice-to-haves.",
    "A course or reading is shown at its own length: the provider's figure where the "
    "provider gives one, otherwise our estimate, labelled as one. Reaching working level "
    f"takes about {HOURS_PER_LEVEL} hours a level; when the material is shorter, the rest "
    "is a practice set of its own with a concrete task.",
    "No resource appears twice in a plan: one that serves two skills is one deliverable "
    "that advances both.",
    "Each phase has a project that uses what the phase taught; done, with its evidence, it "
    "shows independent level (3).",
    "A skill the role needs at level 4 or 5 is shown by a certification the role recommends "
    "that covers it, or else by sustained applied work with evidence attached "
    f"(about {APPLIED_HOURS_PER_LEVEL} hours a level above 3).",
    "Leadership and management skills are shown by applied work with people (leading, "
    "mentoring, facilitating) with evidence attached, not by a project.",
    "So a plan whose every deliverable is done, with its evidence, leaves every required "
    "skill at its required level: readiness 100%.",
    "Due dates follow one another from the start date at your hours a week. With a target "
    "date the plan says whether it fits; when it does not, it gives the hours a week that "
    "would fit, the finish at your current hours, and a narrower plan that fits by keeping "
    "the most important gaps and deferring the rest to a later plan.",
)


@dataclass(frozen=True)
class PlanOptions:
    """What the person chose for this plan. None means: take it from the profile.

    `fit_target`: when the plan misses its target date, plan only the most important gap
    skills that fit (see the module's rules). `keep`: plan only these gap skills (and
    their prerequisites); None plans every gap. Both leave the others in `Plan.deferred`.
    """

    hours_per_week: float | None = None
    start: dt.date | None = None
    target: dt.date | None = None
    phases: int = 3
    certifications: bool = True
    prefer_free: bool = False
    fit_target: bool = False
    keep: tuple[str, ...] | None = None


# ------------------------------------------------------------------ dates


class _Clock:
    """Turns cumulative hours into dates at a fixed number of hours per week."""

    def __init__(self, start: dt.date, hours_per_week: float) -> None:
        self.start = start
        self.per_day = hours_per_week / 7
        self.hours = 0
        self.last_due = start

    def at(self, hours: float) -> dt.date:
        """The day `hours` hours of work from the start are done."""
        return self.start + dt.timedelta(days=math.ceil(hours / self.per_day - 1e-9))

    def add(self, hours: int) -> tuple[dt.date, dt.date]:
        """Schedule the next `hours` of work; returns its start (the last due date) and due."""
        begin = self.last_due
        self.hours += hours
        self.last_due = self.at(self.hours)
        return begin, self.last_due


def finish_date(start: dt.date, hours_per_week: float, total: float) -> dt.date:
    """The day `total` hours of work are done, from `start` at `hours_per_week` (the same
    arithmetic as the plan's due dates)."""
    return _Clock(start, hours_per_week).at(total)


def _dated(draft: Draft, start: dt.date, hours_per_week: float, catalog: Catalog) -> list[Phase]:
    clock = _Clock(start, hours_per_week)
    phases: list[Phase] = []
    titles = draft.titles(catalog)
    for title, skills, works in zip(titles, draft.groups, draft.works, strict=True):
        items: list[Deliverable] = []
        for w in works:
            begin, due = clock.add(w.hours)
            text = w.text()
            items.append(
                Deliverable(
                    id=w.id,
                    kind=w.kind.value,
                    title=text.title,
                    description=text.description,
                    skills=w.skills,
                    targets=w.targets,
                    hours=w.hours,
                    start=begin,
                    due=due,
                    metric=text.metric,
                    resource=text.resource,
                    certification=w.certification,
                )
            )
        phases.append(
            Phase(
                title=title,
                skills=list(skills),
                hours=sum(d.hours for d in items),
                start=items[0].start,
                due=items[-1].due,
                deliverables=items,
            )
        )
    return phases


def hours_to_fit(start: dt.date, target: dt.date, total: float) -> float:
    """The fewest hours a week, in half hours, that finish `total` hours by `target`."""
    days = (target - start).days
    needed = max(0.5, math.ceil(total * 7 / days * 2) / 2)
    while finish_date(start, needed, total) > target:
        needed += 0.5
    return needed


def _scope(
    ctx: Context, gaps: list[GapItem], start: dt.date, per_week: float, target: dt.date
) -> tuple[list[str], Draft] | None:
    """The most important gaps whose plan fits by `target`, with that plan's draft.

    The longest run of gaps, most important first, that fits; then, among the gaps of the
    same priority as the first that did not fit, each one that still fits, in order,
    unless it rests on a gap already deferred. So no deferred gap has a higher priority
    than a kept one.
    """

    def fitting(kept: list[str]) -> Draft | None:
        draft = draft_plan(ctx, frozenset(kept))
        return draft if finish_date(start, per_week, draft.total) <= target else None

    # Hours grow with the gaps kept, so the run is found by halving; `best` only ever
    # holds a choice that was checked to fit.
    ids = [g.skill for g in gaps]
    low, high = 1, len(ids) - 1
    best: tuple[list[str], Draft] | None = None
    while low <= high:
        mid = (low + high) // 2
        draft = fitting(ids[:mid])
        if draft is not None:
            best = (ids[:mid], draft)
            low = mid + 1
        else:
            high = mid - 1
    kept = list(best[0]) if best else []
    missed = len(kept)
    skipped = {ids[missed]}
    for gap in gaps[missed + 1 :]:
        if gap.priority != gaps[missed].priority:
            break
        # a gap built on a deferred one waits for it
        if _needs(gap.skill, ctx.catalog) & skipped:
            skipped.add(gap.skill)
            continue
        draft = fitting([*kept, gap.skill])
        if draft is None:
            skipped.add(gap.skill)
        else:
            kept.append(gap.skill)
            best = (list(kept), draft)
    return best


def _needs(skill: str, catalog: Catalog) -> set[str]:
    """Every skill `skill` rests on, directly or not."""
    found: set[str] = set()
    pending = list(catalog.skills[skill].prerequisites)
    while pending:
        pre = pending.pop()
        if pre not in found:
            found.add(pre)
            pending.extend(catalog.skills[pre].prerequisites)
    return found


# ------------------------------------------------------------------ the plan


def build_plan(
    profile: Profile,
    role: Role,
    catalog: Catalog,
    options: PlanOptions | None = None,
    today: dt.date | None = None,
) -> Plan:
    """The dated roadmap for this person and role.

    Args:
        profile: the person; its hours, start and target dates are used where `options`
            leaves them out.
        role: the target role.
        catalog: the catalog the role and skills come from.
        options: the person's choices for this plan.
        today: the default start date when neither options nor profile give one.

    Raises:
        InputError: hours or phases out of range, a target date before the start, a fit to
            the target without a target, or a target that not even the most important gap
            can meet.
    """
    options = options or PlanOptions()
    hours_per_week = options.hours_per_week or profile.hours_per_week
    if not 0 < hours_per_week <= MAX_HOURS_PER_WEEK:
        raise InputError(
            f"hours per week must be more than 0 and at most {MAX_HOURS_PER_WEEK:g}, "
            f"not {hours_per_week:g}"
        )
    if not 1 <= options.phases <= MAX_PHASES:
        raise InputError(f"phases must be between 1 and {MAX_PHASES}, not {options.phases}")
    start = options.start or profile.start_date or today or dt.date.today()
    target = options.target or profile.target_date
    if target is not None and target <= start:
        raise InputError(f"the target date {target} is not after the start date {start}")
    if options.fit_target and target is None:
        raise InputError("fitting the plan to a target date needs a target date")

    ctx = Context(
        profile, role, catalog, options.phases, options.certifications, options.prefer_free
    )
    gap_items = analyze(profile, role, catalog).gaps
    gaps = [g.skill for g in gap_items]
    keep = None if options.keep is None else frozenset(options.keep)
    draft = draft_plan(ctx, keep)
    deferred = [] if keep is None else [g for g in gaps if g not in keep]
    ref = RoleRef(id=role.id, title=role.title)
    if not draft.works:
        return Plan(
            role=ref,
            start=start,
            finish=start,
            hours_per_week=hours_per_week,
            total_hours=0,
            target=target,
            feasible=True,
            needed_hours_per_week=None,
            phases=[],
            message=words.nothing_to_plan(profile.name, role.title),
            deferred=deferred,
        )

    ways: TargetOptions | None = None
    if target is not None and finish_date(start, hours_per_week, draft.total) > target:
        kept = [g for g in gaps if keep is None or g in keep]
        scope = _scope(
            ctx, [g for g in gap_items if g.skill in kept], start, hours_per_week, target
        )
        if options.fit_target:
            if scope is None:
                first = draft_plan(ctx, frozenset(kept[:1]))
                raise InputError(
                    f"no plan fits by {target} at {hours_per_week:g} h a week: even "
                    f"{in_sentence(catalog.skill_name(kept[0]))} alone takes until "
                    f"{finish_date(start, hours_per_week, first.total)}"
                )
            kept, draft = scope
            deferred = [g for g in gaps if g not in kept]
        else:
            ways = TargetOptions(
                hours_per_week=hours_to_fit(start, target, draft.total),
                finish_at_current_hours=finish_date(start, hours_per_week, draft.total),
                scope=None
                if scope is None
                else ScopeOption(
                    kept=scope[0],
                    deferred=[g for g in kept if g not in scope[0]],
                    finish=finish_date(start, hours_per_week, scope[1].total),
                    total_hours=scope[1].total,
                ),
            )

    phases = _dated(draft, start, hours_per_week, catalog)
    total = draft.total
    finish = phases[-1].due
    message = words.summary(len(draft.skills), len(phases), total, hours_per_week, start, finish)
    feasible: bool | None = None
    needed: float | None = None
    if target is not None:
        feasible = finish <= target
        needed = hours_to_fit(start, target, total)
        if ways is not None:
            names = {s: in_sentence(catalog.skill_name(s)) for s in gaps}
            message += words.target_missed(target, hours_per_week, ways, MAX_HOURS_PER_WEEK, names)
        else:
            message += words.target_met(target)
    if deferred:
        message += words.fitted_scope([in_sentence(catalog.skill_name(s)) for s in deferred])
    return Plan(
        role=ref,
        start=start,
        finish=finish,
        hours_per_week=hours_per_week,
        total_hours=total,
        target=target,
        feasible=feasible,
        needed_hours_per_week=needed,
        message=message,
        phases=phases,
        options=ways,
        deferred=deferred,
    )
