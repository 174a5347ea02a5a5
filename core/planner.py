"""The planner: from a gap analysis to a dated roadmap of phases and deliverables.

Deterministic: the same profile, role, catalog and options give the same plan, byte for
byte. The rules (editorial choices, stated so a mentor can argue with them):

What is planned
- Every gap skill of the role, to the level the role asks for, plus every prerequisite the
  person has below working level (2), to level 2, recursively. No skill comes before its
  prerequisites; among the skills that are free to come next, critical before important
  before nice-to-have (a prerequisite takes the priority of the most important skill that
  needs it), then the catalog's order.

How each level is reached (the level rules of `skillpath.core.rules`, applied forward)
- Up to working level (2): one piece of catalog material, chosen for the person's current
  level (intro below 2, intermediate at 2, advanced above) and, among those, the length
  closest to the time the step takes: HOURS_PER_LEVEL hours per level. Its hours are the
  material's own recorded length, never more. When it is shorter than that time by
  MIN_PRACTICE_HOURS or more, the rest is its own deliverable, a practice set with a
  concrete task; the material then earns awareness (1) and the practice set working (2).
- Independent (3): the phase's project, which uses every skill the phase taught.
- Advanced or expert (4, 5): a recommended certification that covers the skill when the
  plan has one, otherwise a piece of sustained applied work (APPLIED_HOURS_PER_LEVEL hours
  per level above 3) whose evidence, once attached, shows the level. Such a skill also gets
  deeper catalog material, when one is left, to prepare that work.
- So when every deliverable is done, with the projects' evidence attached, every required
  skill stands at its required level; courses and readings alone never go above 2.

No resource twice
- A resource (by its address) appears once in a plan. When it serves two planned skills,
  one deliverable advances both, provided the second skill's prerequisites come no later;
  otherwise the second skill takes its next-best resource.

Shape
- The learning is cut into phases (3 by default) of about equal hours, in order. Each
  phase ends with one project that combines its skills (the catalog template that fits
  them best, each template used once), then its applied work, then at most one
  certification: the first one the role recommends whose every skill is planned by the
  end of that phase or already held at working level, and which covers a skill the phase
  teaches.
- Due dates run from the start date at the hours per week, one deliverable after another.

Target date first
- With a target date the plan says whether it fits. When it does not, it offers three
  ways out, each with its figure: the hours a week that fit the whole plan (in steps of
  half an hour), the finish date at the current hours, and a narrower scope: the longest
  run of gap skills, most important first (as the gap analysis orders them), whose plan
  fits the date at the current hours; the rest are deferred to a later plan.
  `PlanOptions(fit_target=True)` builds that narrower plan.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from skillpath.core import planner_text as words
from skillpath.core.catalog import Catalog
from skillpath.core.errors import InputError
from skillpath.core.gap import analyze
from skillpath.core.models import (
    PRIORITY_WEIGHT,
    Certification,
    Deliverable,
    GapItem,
    Phase,
    Plan,
    Profile,
    ProjectTemplate,
    Resource,
    ResourceRef,
    Role,
    RoleRef,
    ScopeOption,
    Skill,
    TargetOptions,
)
from skillpath.core.planner_text import in_sentence, join_names
from skillpath.core.rules import LEARNING_CAP, MAX_HOURS_PER_WEEK, PROJECT_CAP, Kind

__all__ = [
    "MAX_PHASES",
    "PLAN_RULES",
    "PlanOptions",
    "build_plan",
    "choose_resource",
    "in_sentence",
    "join_names",
]

HOURS_PER_LEVEL = 20  # learning time from one level to the next, up to working level
PREREQ_LEVEL = 2
MIN_PRACTICE_HOURS = 4
PROJECT_HOURS_PER_SKILL = 8
PROJECT_HOURS = (16, 60)
APPLIED_HOURS_PER_LEVEL = 30
CERT_REVIEW_SHARE = 0.3
CERT_MIN_HOURS = 10
CERT_UNTAUGHT = 1  # skills a certification may test that the plan does not teach
MAX_PHASES = 6
PHASE_PREFIXES = {
    1: ["Close the gaps"],
    2: ["Foundations", "Specialisation"],
    3: ["Foundations", "Core skills", "Specialisation"],
    4: ["Foundations", "Core skills", "Applied practice", "Specialisation"],
    5: ["Foundations", "Core skills", "Applied practice", "Advanced topics", "Specialisation"],
    6: [
        "Foundations",
        "Core skills",
        "Applied practice",
        "Advanced topics",
        "Production practice",
        "Specialisation",
    ],
}
_DEPTH_FOR_LEVEL = {0: 0, 1: 0, 2: 1, 3: 2, 4: 2, 5: 2}
_DEPTH_RANK = {"intro": 0, "intermediate": 1, "advanced": 2}
_KIND_OF_RESOURCE: dict[str, Kind] = {
    "course": Kind.COURSE,
    "video": Kind.COURSE,
    "book": Kind.READING,
    "docs": Kind.READING,
    "tutorial": Kind.READING,
    "practice": Kind.PRACTICE,
}

# The planner's rules in words, for the reports' "how this was computed".
PLAN_RULES: tuple[str, ...] = (
    "The plan covers every skill the role asks for that you have below its level, plus "
    "every prerequisite you have below working level (2); no skill comes before its "
    "prerequisites, and critical skills come before important ones, then nice-to-haves.",
    "A course or reading shows its own length: the provider's figure where the provider "
    "gives one, otherwise our estimate, labelled as one. Reaching working level takes "
    f"about {HOURS_PER_LEVEL} hours a level; when the material is shorter, the rest is a "
    "practice set of its own with a concrete task.",
    "Each phase ends with a project that uses what the phase taught; it shows independent "
    "level (3).",
    "A skill the role needs at level 4 or 5 is shown by a recommended certification that "
    "covers it, or by sustained applied work with evidence attached "
    f"(about {APPLIED_HOURS_PER_LEVEL} hours a level above 3).",
    "No resource appears twice: one that serves two skills is one deliverable that advances both.",
    "Due dates follow one another from the start date at your hours a week. With a target "
    "date, the plan says whether it fits; when it does not, it gives the hours a week that "
    "would fit, the finish at your current hours, and a narrower plan that fits by keeping "
    "the most important gaps and deferring the rest.",
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


# ------------------------------------------------------------------ drafts (no dates yet)


@dataclass
class _Material:
    """A catalog resource in the plan, with the skills it is taken for."""

    resource: Resource
    skills: list[str]
    targets: dict[str, int]
    roles: dict[str, str]  # skill -> "start", "working" or "deeper"


@dataclass(frozen=True)
class _Text:
    """A deliverable's words and link."""

    title: str
    description: str
    metric: str
    resource: ResourceRef | None = None


@dataclass
class _Work:
    """A deliverable before it has dates. Its words are written only for the plan that is
    kept (`text`), not for every narrower plan tried while fitting a target date."""

    id: str
    kind: Kind
    skills: list[str]
    targets: dict[str, int]
    hours: int
    text: Callable[[], _Text]
    certification: str | None = None


@dataclass
class _Unit:
    """A run of learning in the order: material and practice, for one or more skills."""

    skills: list[str]
    items: list[_Material | _Work] = field(default_factory=list)

    @property
    def hours(self) -> int:
        return sum(i.resource.hours if isinstance(i, _Material) else i.hours for i in self.items)


@dataclass
class _Draft:
    """The plan's content: phases of deliverables, before dates and words."""

    skills: list[str]
    groups: list[list[str]] = field(default_factory=list)
    works: list[list[_Work]] = field(default_factory=list)
    salience: dict[str, int] = field(default_factory=dict)
    templates: list[ProjectTemplate] = field(default_factory=list)  # filled by `titles`

    @property
    def total(self) -> int:
        return sum(w.hours for works in self.works for w in works)

    def titles(self, catalog: Catalog) -> list[str]:
        """The phases' titles; also chooses the phases' project templates."""
        self.templates[:] = _assign_projects(catalog, self.groups, self.salience)
        count = len(self.groups)
        return [
            _phase_title(k, count, group, self.salience, catalog)
            for k, group in enumerate(self.groups)
        ]


@dataclass(frozen=True)
class _Context:
    profile: Profile
    role: Role
    catalog: Catalog
    options: PlanOptions

    def current(self, skill: str) -> int:
        return self.profile.skills.get(skill, 0)

    def name(self, skill: str) -> str:
        return self.catalog.skill_name(skill)

    def said(self, skill: str) -> str:
        return in_sentence(self.catalog.skill_name(skill))


def _targets(required: dict[str, int], ctx: _Context) -> dict[str, int]:
    targets = dict(required)
    pending = list(targets)
    while pending:
        skill_id = pending.pop()
        for pre in ctx.catalog.skills[skill_id].prerequisites:
            if ctx.current(pre) >= PREREQ_LEVEL:
                continue
            if targets.get(pre, 0) < PREREQ_LEVEL:
                targets[pre] = PREREQ_LEVEL
                pending.append(pre)
    return targets


def _weights(role: Role, targets: dict[str, int], catalog: Catalog) -> dict[str, int]:
    """Priority weight of each plan skill; a prerequisite takes its heaviest dependant's."""
    weight = {r.skill: PRIORITY_WEIGHT[r.priority] for r in role.required if r.skill in targets}
    changed = True
    while changed:
        changed = False
        for sid in targets:
            for pre in catalog.skills[sid].prerequisites:
                if pre in targets and weight.get(pre, 0) < weight.get(sid, 0):
                    weight[pre] = weight[sid]
                    changed = True
    return {sid: weight.get(sid, 1) for sid in targets}


def _order(targets: dict[str, int], weights: dict[str, int], catalog: Catalog) -> list[str]:
    """Topological order of the plan's skills: most important available skill first."""
    blockers = {
        sid: {p for p in catalog.skills[sid].prerequisites if p in targets} for sid in targets
    }
    dependants: dict[str, list[str]] = {sid: [] for sid in targets}
    for sid, pres in blockers.items():
        for pre in pres:
            dependants[pre].append(sid)
    heap = [(-weights[s], catalog.order_of(s), s) for s, pres in blockers.items() if not pres]
    heapq.heapify(heap)
    order: list[str] = []
    while heap:
        _, _, sid = heapq.heappop(heap)
        order.append(sid)
        for dep in dependants[sid]:
            blockers[dep].discard(sid)
            if not blockers[dep]:
                heapq.heappush(heap, (-weights[dep], catalog.order_of(dep), dep))
    return order  # the catalog has no cycles, so every skill is placed


def _ranked(options: Iterable[Resource], depth: int, need: int) -> list[Resource]:
    """Resources best first: depth closest to `depth`, then length closest to `need`."""
    listed = list(options)
    return [
        r
        for _, r in sorted(
            enumerate(listed),
            key=lambda ir: (
                abs(_DEPTH_RANK[ir[1].depth] - depth),
                abs(ir[1].hours - need),
                ir[0],
            ),
        )
    ]


def _offered(resources: list[Resource], prefer_free: bool) -> list[Resource]:
    if prefer_free and any(r.free for r in resources):
        return [r for r in resources if r.free]
    return list(resources)


def choose_resource(skill: Skill, current: int, target: int, prefer_free: bool) -> Resource | None:
    """The resource that fits the person's level and the size of the step best."""
    ranked = _ranked(
        _offered(skill.resources, prefer_free),
        _DEPTH_FOR_LEVEL[current],
        HOURS_PER_LEVEL * max(1, min(target, LEARNING_CAP) - current),
    )
    return ranked[0] if ranked else None


def _units(
    order: list[str], targets: dict[str, int], ctx: _Context, reserved: frozenset[str]
) -> list[_Unit]:
    """The learning of every plan skill, in order, each resource once (and none of the
    `reserved` addresses)."""
    placed: dict[str, tuple[int, _Material]] = {}  # url -> (unit index, material)
    unit_of: dict[str, int] = {}
    units: list[_Unit] = []
    for sid in order:
        skill = ctx.catalog.skills[sid]
        current, target = ctx.current(sid), targets[sid]
        working = min(target, LEARNING_CAP)
        offered = [r for r in _offered(skill.resources, ctx.options.prefer_free)]
        offered = [r for r in offered if r.url not in reserved]
        ready_at = max((unit_of[p] for p in skill.prerequisites if p in unit_of), default=-1)
        home: int | None = None  # the unit this skill's learning joins
        tail: list[_Material | _Work] = []
        first: _Material | None = None
        if current < working:
            need = HOURS_PER_LEVEL * (working - current)
            ranked = _ranked(offered, _DEPTH_FOR_LEVEL[current], need)
            shared = [r for r in ranked if r.url in placed and placed[r.url][0] >= ready_at]
            fresh = [r for r in ranked if r.url not in placed]
            if shared:
                home, first = placed[shared[0].url]
                first.skills.append(sid)
            elif fresh:
                first = _Material(fresh[0], [sid], {}, {})
                tail.append(first)
            if first is None:
                tail.append(_guided(sid, need, working, ctx))
            else:
                extra = need - first.resource.hours
                if working == LEARNING_CAP and extra >= MIN_PRACTICE_HOURS:
                    first.roles[sid] = "start"
                    if current < 1:
                        first.targets[sid] = 1
                    tail.append(_practice(sid, extra, working, first.resource, ctx))
                else:
                    first.roles[sid] = "working"
                    first.targets[sid] = working
        if target > PROJECT_CAP:
            depth = _DEPTH_RANK[first.resource.depth] + 1 if first else _DEPTH_FOR_LEVEL[current]
            deeper = [
                r
                for r in _ranked(offered, depth, HOURS_PER_LEVEL)
                if r.url not in placed
                and (first is None or _DEPTH_RANK[r.depth] > _DEPTH_RANK[first.resource.depth])
                and r is not (first.resource if first else None)
            ]
            if deeper:
                tail.append(_Material(deeper[0], [sid], {}, {sid: "deeper"}))
        if home is None:
            home = len(units)
            units.append(_Unit([sid]))
        else:
            units[home].skills.append(sid)
        units[home].items.extend(tail)
        unit_of[sid] = home
        for item in tail:
            if isinstance(item, _Material):
                placed[item.resource.url] = (home, item)
    return units


def _guided(sid: str, hours: int, working: int, ctx: _Context) -> _Work:
    def text() -> _Text:
        return _Text(
            words.guided_title(ctx.name(sid)),
            words.guided_description(ctx.said(sid), hours),
            words.GUIDED_METRIC,
        )

    return _Work(f"practice-{sid}", Kind.PRACTICE, [sid], {sid: working}, hours, text)


def _practice(sid: str, hours: int, working: int, after: Resource, ctx: _Context) -> _Work:
    def text() -> _Text:
        category = ctx.catalog.skills[sid].category
        return _Text(
            words.practice_title(ctx.name(sid)),
            words.practice_description(ctx.said(sid), category, hours, after.title),
            words.practice_metric(category),
        )

    return _Work(f"practice-{sid}", Kind.PRACTICE, [sid], {sid: working}, hours, text)


def _material_work(material: _Material, ctx: _Context) -> _Work:
    res = material.resource
    kind = _KIND_OF_RESOURCE[res.kind]
    first = material.skills[0]

    def text() -> _Text:
        def by(role: str) -> list[str]:
            return [ctx.said(s) for s in material.skills if material.roles.get(s) == role]

        return _Text(
            words.material_title([ctx.name(s) for s in material.skills], res),
            words.material_description(
                res,
                [ctx.said(s) for s in material.skills],
                by("start"),
                by("working"),
                by("deeper"),
            ),
            words.material_metric(kind),
            ResourceRef(
                title=res.title,
                provider=res.provider,
                url=res.url,
                free=res.free,
                hours=res.hours,
                hours_basis=res.hours_basis,
            ),
        )

    return _Work(
        f"deepen-{first}" if material.roles.get(first) == "deeper" else f"learn-{first}",
        kind,
        list(material.skills),
        {s: lv for s, lv in material.targets.items() if lv > ctx.current(s)},
        res.hours,
        text,
    )


def _split(hours: list[int], parts: int) -> list[int]:
    """Cut indices splitting `hours` into `parts` non-empty contiguous runs of even sums.

    Minimises the sum of squared run totals (so no run is much larger than the others);
    on ties the earlier cut wins, which keeps the result deterministic.
    """
    n = len(hours)
    prefix = [0]
    for h in hours:
        prefix.append(prefix[-1] + h)
    inf = float("inf")
    # cost[k][i]: best cost of splitting the first i items into k runs
    cost = [[inf] * (n + 1) for _ in range(parts + 1)]
    back = [[0] * (n + 1) for _ in range(parts + 1)]
    cost[0][0] = 0
    for k in range(1, parts + 1):
        for i in range(k, n + 1):
            for j in range(k - 1, i):
                run = prefix[i] - prefix[j]
                value = cost[k - 1][j] + run * run
                if value < cost[k][i]:
                    cost[k][i] = value
                    back[k][i] = j
    cuts: list[int] = []
    i = n
    for k in range(parts, 1, -1):
        i = back[k][i]
        cuts.append(i)
    return sorted(cuts)


def _phase_title(
    position: int, count: int, skills: list[str], salience: dict[str, int], catalog: Catalog
) -> str:
    prefix = PHASE_PREFIXES[count][position]
    top = sorted(skills, key=lambda s: (-salience[s], skills.index(s)))[:2]
    top.sort(key=skills.index)
    return f"{prefix}: " + join_names([in_sentence(catalog.skill_name(s)) for s in top])


def _assign_projects(
    catalog: Catalog, groups: list[list[str]], salience: dict[str, int]
) -> list[ProjectTemplate]:
    """One project template per phase: the best-fitting pairs first, each template once.

    A template fits a phase by the salience of the phase's skills that it names in
    `skills` (counted twice) or that belong to its category (counted once). The best pair
    overall is taken first, then the best among what is left, so a later phase is not left
    with a poor fit because an earlier one took its template. Ties go to the earlier phase
    and the earlier template in the file.
    """
    templates = catalog.projects
    scores = {
        (g, t): sum(
            salience[s] * (2 if s in template.skills else 1)
            for s in group
            if s in template.skills or catalog.skills[s].category == template.category
        )
        for g, group in enumerate(groups)
        for t, template in enumerate(templates)
    }
    chosen: dict[int, int] = {}
    while len(chosen) < len(groups):
        free = [t for t in range(len(templates)) if t not in chosen.values()]
        if not free:  # more phases than templates: allow reuse
            free = list(range(len(templates)))
        g, t = max(
            ((g, t) for g in range(len(groups)) if g not in chosen for t in free),
            key=lambda gt: (scores[gt], -gt[0], -gt[1]),
        )
        chosen[g] = t
    return [templates[chosen[g]] for g in range(len(groups))]


def _assign_certs(groups: list[list[str]], ctx: _Context) -> dict[str, tuple[int, list[str]]]:
    """The certifications the plan takes: id -> (phase index, skills it tests but the plan
    does not teach).

    In the role's order, a certification is placed at the end of the first phase that
    teaches one of its skills and after which no skill it tests is still to come, with at
    most CERT_UNTAUGHT of its skills neither planned nor held at working level. It is left
    out when the certifications already placed cover half or more of the plan's skills it
    tests.
    """
    held = {s for s, lv in ctx.profile.skills.items() if lv >= PREREQ_LEVEL}
    phase_of = {s: k for k, group in enumerate(groups) for s in group}
    chosen: dict[str, tuple[int, list[str]]] = {}
    covered: set[str] = set()
    for cert_id in ctx.role.certifications:
        cert = ctx.catalog.certifications[cert_id]
        taught = [s for s in cert.skills if s in phase_of]
        if not taught or 2 * len(covered.intersection(taught)) >= len(taught):
            continue
        untaught = [s for s in cert.skills if s not in phase_of and s not in held]
        if len(untaught) > CERT_UNTAUGHT:
            continue
        chosen[cert_id] = (max(phase_of[s] for s in taught), untaught)
        covered |= set(taught)
    return chosen


def _draft(
    ctx: _Context, keep: frozenset[str] | None, reserved: frozenset[str] = frozenset()
) -> _Draft:
    """What the plan holds, phase by phase, for the role's gaps (or the kept ones)."""
    role, catalog = ctx.role, ctx.catalog
    required = {
        r.skill: r.level
        for r in role.required
        if ctx.current(r.skill) < r.level and (keep is None or r.skill in keep)
    }
    targets = _targets(required, ctx)
    if not targets:
        return _Draft([])
    weights = _weights(role, targets, catalog)
    order = _order(targets, weights, catalog)
    units = _units(order, targets, ctx, reserved)
    own_weight = {r.skill: PRIORITY_WEIGHT[r.priority] for r in role.required}
    # what a phase is "about": the role's own priority times the levels to gain, so a
    # phase with MLOps and a few foundations is about MLOps
    salience = {s: own_weight.get(s, 1) * (targets[s] - ctx.current(s)) for s in order}
    count = min(ctx.options.phases, len(units))
    cuts = _split([u.hours for u in units], count)
    bounds = [0, *cuts, len(units)]
    unit_groups = [units[a:b] for a, b in itertools.pairwise(bounds) if b > a]
    groups = [[s for u in ug for s in u.skills] for ug in unit_groups]
    certs = _assign_certs(groups, ctx) if ctx.options.certifications else {}
    # a certification's page is its own deliverable's link: material at the same address
    # makes way for it (another resource, or guided practice)
    taken = {i.resource.url for u in units for i in u.items if isinstance(i, _Material)}
    clash = {ctx.catalog.certifications[c].url for c in certs} & taken
    if clash:
        return _draft(ctx, keep, reserved | clash)
    planned_by: list[set[str]] = []
    for group in groups:
        planned_by.append(set(group).union(*planned_by[-1:]))
    cert_targets = {
        cid: {
            s: targets[s]
            for s in ctx.catalog.certifications[cid].skills
            if s in planned_by[k] and targets[s] > ctx.current(s)
        }
        for cid, (k, _) in certs.items()
    }
    by_cert = {s for t in cert_targets.values() for s in t if targets[s] > PROJECT_CAP}

    draft = _Draft(order, groups, [], salience)
    for k, (unit_group, group) in enumerate(zip(unit_groups, groups, strict=True)):
        items = [item for unit in unit_group for item in unit.items]
        # material that only prepares applied work comes after the phase's project
        later = [i for i in items if isinstance(i, _Material) and _only_deeper(i)]
        works = [
            _material_work(i, ctx) if isinstance(i, _Material) else i
            for i in items
            if not any(i is x for x in later)
        ]
        works.append(_project(k, group, draft.templates, targets, ctx))
        works += [_material_work(i, ctx) for i in later if isinstance(i, _Material)]
        advanced = [s for s in group if targets[s] > PROJECT_CAP and s not in by_cert]
        if advanced:
            works.append(_applied(k, advanced, targets, ctx))
        for cid, (at, untaught) in certs.items():
            if at == k:
                cert = ctx.catalog.certifications[cid]
                works.append(_cert(cert, cert_targets[cid], untaught, planned_by[k], ctx))
        draft.works.append(works)
    return draft


def _only_deeper(material: _Material) -> bool:
    return all(material.roles.get(s) == "deeper" for s in material.skills)


def _project(
    k: int,
    group: list[str],
    templates: list[ProjectTemplate],
    targets: dict[str, int],
    ctx: _Context,
) -> _Work:
    raised = {
        s: min(targets[s], PROJECT_CAP)
        for s in group
        if targets[s] >= PROJECT_CAP and min(targets[s], PROJECT_CAP) > ctx.current(s)
    }
    hours = min(max(PROJECT_HOURS_PER_SKILL * len(group), PROJECT_HOURS[0]), PROJECT_HOURS[1])

    def text() -> _Text:
        template = templates[k]  # chosen once the phases are final
        return _Text(
            words.project_title(template),
            words.project_description(
                template, [ctx.said(s) for s in group], [ctx.said(s) for s in raised]
            ),
            words.project_metric(template),
        )

    return _Work(f"project-{k + 1}", Kind.PROJECT, list(group), raised, hours, text)


def _applied(k: int, skills: list[str], targets: dict[str, int], ctx: _Context) -> _Work:
    levels = sum(targets[s] - max(ctx.current(s), PROJECT_CAP) for s in skills)

    def text() -> _Text:
        said = [ctx.said(s) for s in skills]
        shown = [f"{ctx.said(s)} at level {targets[s]}" for s in skills]
        return _Text(
            words.applied_title([ctx.name(s) for s in skills]),
            words.applied_description(said, shown),
            words.applied_metric(said),
        )

    return _Work(
        f"applied-{k + 1}",
        Kind.PROJECT,
        list(skills),
        {s: targets[s] for s in skills},
        APPLIED_HOURS_PER_LEVEL * levels,
        text,
    )


def _cert(
    cert: Certification,
    raised: dict[str, int],
    untaught: list[str],
    planned: set[str],
    ctx: _Context,
) -> _Work:
    def text() -> _Text:
        return _Text(
            cert.name,
            words.cert_description(
                cert,
                [ctx.said(s) for s in cert.skills],
                [ctx.said(s) for s in raised],
                [ctx.said(s) for s in untaught],
            ),
            words.cert_metric(cert),
            ResourceRef(title=cert.name, provider=cert.vendor, url=cert.url, free=cert.cost == 0),
        )

    return _Work(
        f"cert-{cert.id}",
        Kind.CERTIFICATION,
        [s for s in cert.skills if s in planned],
        dict(raised),
        max(CERT_MIN_HOURS, round(cert.study_hours * CERT_REVIEW_SHARE))
        + HOURS_PER_LEVEL * len(untaught),
        text,
        certification=cert.id,
    )


# ------------------------------------------------------------------ dates


class _Clock:
    """Turns cumulative hours into dates at a fixed number of hours per week."""

    def __init__(self, start: dt.date, hours_per_week: float) -> None:
        self.start = start
        self.per_day = hours_per_week / 7
        self.hours = 0
        self.last_due = start

    def at(self, hours: int) -> dt.date:
        """The day `hours` hours of work from the start are done."""
        return self.start + dt.timedelta(days=math.ceil(hours / self.per_day - 1e-9))

    def add(self, hours: int) -> tuple[dt.date, dt.date]:
        """Schedule the next `hours` of work; returns its start (the last due date) and due."""
        begin = self.last_due
        self.hours += hours
        self.last_due = self.at(self.hours)
        return begin, self.last_due


def _finish(start: dt.date, hours_per_week: float, total: int) -> dt.date:
    return _Clock(start, hours_per_week).at(total)


def _dated(draft: _Draft, start: dt.date, hours_per_week: float, catalog: Catalog) -> list[Phase]:
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


def _hours_to_fit(start: dt.date, target: dt.date, total: int) -> float:
    """The fewest hours a week, in half hours, that finish `total` hours by `target`."""
    days = (target - start).days
    needed = max(0.5, math.ceil(total * 7 / days * 2) / 2)
    while _finish(start, needed, total) > target:
        needed += 0.5
    return needed


def _scope(
    ctx: _Context, gaps: list[GapItem], start: dt.date, per_week: float, target: dt.date
) -> tuple[list[str], _Draft] | None:
    """The most important gaps whose plan fits by `target`, with that plan's draft.

    The longest run of gaps, most important first, that fits; then, among the gaps of the
    same priority as the first that did not fit, each one that still fits, in order,
    unless it rests on a gap already deferred. So no deferred gap has a higher priority
    than a kept one.
    """

    def fitting(kept: list[str]) -> _Draft | None:
        draft = _draft(ctx, frozenset(kept))
        return draft if _finish(start, per_week, draft.total) <= target else None

    # Hours grow with the gaps kept, so the run is found by halving; `best` only ever
    # holds a choice that was checked to fit.
    ids = [g.skill for g in gaps]
    low, high = 1, len(ids) - 1
    best: tuple[list[str], _Draft] | None = None
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

    ctx = _Context(profile, role, catalog, options)
    gap_items = analyze(profile, role, catalog).gaps
    gaps = [g.skill for g in gap_items]
    keep = None if options.keep is None else frozenset(options.keep)
    draft = _draft(ctx, keep)
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
    if target is not None and _finish(start, hours_per_week, draft.total) > target:
        kept = [g for g in gaps if keep is None or g in keep]
        scope = _scope(
            ctx, [g for g in gap_items if g.skill in kept], start, hours_per_week, target
        )
        if options.fit_target:
            if scope is None:
                first = _draft(ctx, frozenset(kept[:1]))
                raise InputError(
                    f"no plan fits by {target} at {hours_per_week:g} h a week: even "
                    f"{in_sentence(catalog.skill_name(kept[0]))} alone takes until "
                    f"{_finish(start, hours_per_week, first.total)}"
                )
            kept, draft = scope
            deferred = [g for g in gaps if g not in kept]
        else:
            ways = TargetOptions(
                hours_per_week=_hours_to_fit(start, target, draft.total),
                finish_at_current_hours=_finish(start, hours_per_week, draft.total),
                scope=None
                if scope is None
                else ScopeOption(
                    kept=scope[0],
                    deferred=[g for g in kept if g not in scope[0]],
                    finish=_finish(start, hours_per_week, scope[1].total),
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
        needed = _hours_to_fit(start, target, total)
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
