"""The planner: from a gap analysis to a dated roadmap of phases and deliverables.

Deterministic: the same profile, role, catalog and options give the same plan, byte for
byte. The rules (all editorial choices, stated here so they can be argued with):

- The plan covers every gap skill, plus every prerequisite the person has below a working
  level (2), recursively; no skill comes before its prerequisites.
- Learning one level takes about HOURS_PER_LEVEL hours. A learning deliverable uses the
  catalog resource whose depth fits the person's current level and whose length is
  closest to that need; when the resource is shorter than the need, the rest is practice.
- Phases are contiguous runs of that order, balanced by hours. Each ends with one
  project that combines its skills and, where the role recommends a certification whose
  skills the phase covers, that certification.
- Due dates run from the start date at the hours per week, one deliverable after another.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import math
from dataclasses import dataclass

from skillpath.core.catalog import Catalog
from skillpath.core.errors import InputError
from skillpath.core.gap import analyze
from skillpath.core.models import (
    PRIORITY_WEIGHT,
    Analysis,
    Certification,
    Deliverable,
    DeliverableKind,
    Phase,
    Plan,
    Profile,
    ProjectTemplate,
    Resource,
    ResourceRef,
    Role,
    RoleRef,
    Skill,
)

HOURS_PER_LEVEL = 20
PREREQ_LEVEL = 2
PROJECT_SHARE = 0.25
PROJECT_HOURS = (8, 60)
CERT_REVIEW_SHARE = 0.3
CERT_MIN_HOURS = 10
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
_KIND_OF_RESOURCE: dict[str, DeliverableKind] = {
    "course": "course",
    "video": "course",
    "book": "reading",
    "docs": "reading",
    "tutorial": "reading",
    "practice": "practice",
}
# First words of skill names that are ordinary words, lower-cased inside a sentence.
_COMMON_FIRST_WORDS = frozenset(
    [
        "agile",
        "algorithms",
        "app",
        "application",
        "applied",
        "authentication",
        "business",
        "calculus",
        "cloud",
        "code",
        "computer",
        "data",
        "deep",
        "distributed",
        "edge",
        "experiment",
        "experimentation",
        "feature",
        "frontend",
        "governance",
        "identity",
        "incident",
        "large",
        "linear",
        "machine",
        "message",
        "microservices",
        "model",
        "monitoring",
        "natural",
        "network",
        "operating",
        "penetration",
        "probability",
        "problem",
        "prompt",
        "relational",
        "responsible",
        "retrieval",
        "security",
        "serverless",
        "shell",
        "site",
        "software",
        "stakeholder",
        "system",
        "technical",
        "threat",
        "vector",
        "vulnerability",
        "web",
    ]
)


@dataclass(frozen=True)
class PlanOptions:
    """What the person chose for this plan. None means: take it from the profile."""

    hours_per_week: float | None = None
    start: dt.date | None = None
    target: dt.date | None = None
    phases: int = 3
    certifications: bool = True
    prefer_free: bool = False


def in_sentence(name: str) -> str:
    """A skill name as it reads inside a sentence: 'Machine learning' -> 'machine learning'."""
    first = name.split(" ", 1)[0].split("-", 1)[0]
    ordinary = first.isalpha() and first[0].isupper() and first[1:].islower()
    if ordinary and first.lower() in _COMMON_FIRST_WORDS:
        return name[0].lower() + name[1:]
    return name


def join_names(names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'; with semicolons when a name has its own 'and'."""
    if len(names) <= 1:
        return "".join(names)
    if any(" and " in n for n in names):
        return "; ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _targets(analysis: Analysis, profile: Profile, catalog: Catalog) -> dict[str, int]:
    targets = {g.skill: g.required for g in analysis.gaps}
    pending = list(targets)
    while pending:
        skill_id = pending.pop()
        for pre in catalog.skills[skill_id].prerequisites:
            if profile.skills.get(pre, 0) >= PREREQ_LEVEL:
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


def choose_resource(skill: Skill, current: int, target: int, prefer_free: bool) -> Resource | None:
    """The resource that fits the person's level and the size of the gap best."""
    options = list(skill.resources)
    if prefer_free and any(r.free for r in options):
        options = [r for r in options if r.free]
    if not options:
        return None
    need = HOURS_PER_LEVEL * (target - current)
    want_depth = _DEPTH_FOR_LEVEL[current]
    ranked = sorted(
        enumerate(options),
        key=lambda ir: (abs(_DEPTH_RANK[ir[1].depth] - want_depth), abs(ir[1].hours - need), ir[0]),
    )
    return ranked[0][1]


def _learning(
    skill: Skill, current: int, target: int, prefer_free: bool
) -> tuple[DeliverableKind, str, str, int, ResourceRef | None]:
    need = HOURS_PER_LEVEL * (target - current)
    resource = choose_resource(skill, current, target, prefer_free)
    name = in_sentence(skill.name)
    span = f"from level {current} to {target}"
    if resource is None:
        return (
            "practice",
            f"Practise {name}",
            f"Take {name} {span} through guided practice of your choice.",
            need,
            None,
        )
    hours = max(resource.hours, need)
    extra = hours - resource.hours
    description = f"Take {name} {span} with {resource.title} ({resource.provider})."
    if extra:
        description += (
            f" The material takes about {resource.hours} h; spend the other {extra} h "
            f"applying it to exercises of your own."
        )
    ref = ResourceRef(
        title=resource.title, provider=resource.provider, url=resource.url, free=resource.free
    )
    title = f"{skill.name}: {resource.title}"
    return _KIND_OF_RESOURCE[resource.kind], title, description, hours, ref


def _metric(kind: DeliverableKind, title: str, due: dt.date, evidence: str = "") -> str:
    if kind == "course":
        return f"Course finished, with its completion record or your exercises kept, by {due}"
    if kind == "reading":
        return f"Worked through with notes and exercises kept, by {due}"
    if kind == "practice":
        return f"Practice logged with a short write-up of what you built, by {due}"
    if kind == "project":
        return f"{evidence[0].upper()}{evidence[1:]}, by {due}"
    return f"Passed {title}, by {due}"


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


class _Clock:
    """Turns cumulative hours into dates at a fixed number of hours per week."""

    def __init__(self, start: dt.date, hours_per_week: float) -> None:
        self.start = start
        self.per_day = hours_per_week / 7
        self.hours = 0
        self.last_due = start

    def add(self, hours: int) -> tuple[dt.date, dt.date]:
        """Schedule the next `hours` of work; returns its start (the last due date) and due."""
        begin = self.last_due
        self.hours += hours
        self.last_due = self.start + dt.timedelta(days=math.ceil(self.hours / self.per_day - 1e-9))
        return begin, self.last_due


def _phase_title(
    position: int, count: int, skills: list[str], hours: dict[str, int], catalog: Catalog
) -> str:
    prefix = PHASE_PREFIXES[count][position]
    top = sorted(skills, key=lambda s: (-hours[s], skills.index(s)))[:2]
    top.sort(key=skills.index)
    return f"{prefix}: " + join_names([in_sentence(catalog.skill_name(s)) for s in top])


def _assign_projects(
    catalog: Catalog, groups: list[list[str]], salience: dict[str, int]
) -> list[ProjectTemplate]:
    """One project template per phase: the best-fitting pairs first, each template once.

    A template fits a phase by the priority-weighted hours of the phase's skills that it
    names in `skills` (counted twice) or that belong to its category (counted once). The
    best pair overall is taken first, then the best among what is left, so a later phase
    is not left with a poor fit because an earlier one took its template. Ties go to the
    earlier phase and the earlier template in the file.
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


def _assign_certs(
    role: Role, groups: list[list[str]], catalog: Catalog
) -> dict[int, Certification]:
    best: dict[int, Certification] = {}
    for cert_id in role.certifications:
        cert = catalog.certifications[cert_id]
        overlaps = [len(set(cert.skills) & set(group)) for group in groups]
        top = max(overlaps, default=0)
        if top == 0:
            continue
        phase = overlaps.index(top)
        best.setdefault(phase, cert)  # role order: the first recommended wins the phase
    return best


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
        InputError: hours or phases out of range, or a target date before the start.
    """
    options = options or PlanOptions()
    hours_per_week = options.hours_per_week or profile.hours_per_week
    if not 0 < hours_per_week <= 80:
        raise InputError(
            f"hours per week must be more than 0 and at most 80, not {hours_per_week:g}"
        )
    if not 1 <= options.phases <= MAX_PHASES:
        raise InputError(f"phases must be between 1 and {MAX_PHASES}, not {options.phases}")
    start = options.start or profile.start_date or today or dt.date.today()
    target = options.target or profile.target_date
    if target is not None and target <= start:
        raise InputError(f"the target date {target} is not after the start date {start}")

    analysis = analyze(profile, role, catalog)
    ref = RoleRef(id=role.id, title=role.title)
    targets = _targets(analysis, profile, catalog)
    if not targets:
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
            message=(
                f"{profile.name} already meets every requirement of {role.title}: "
                "there is nothing to plan."
            ),
        )

    weights = _weights(role, targets, catalog)
    order = _order(targets, weights, catalog)
    learning = {
        sid: _learning(
            catalog.skills[sid], profile.skills.get(sid, 0), targets[sid], options.prefer_free
        )
        for sid in order
    }
    learn_hours = {sid: learning[sid][3] for sid in order}
    # what a phase is "about": hours weighted by the role's own priority for the skill
    # (a prerequisite the role does not list counts once), so a phase with MLOps and a
    # few foundations is about MLOps
    own_weight = {r.skill: PRIORITY_WEIGHT[r.priority] for r in role.required}
    salience = {sid: learn_hours[sid] * own_weight.get(sid, 1) for sid in order}
    count = min(options.phases, len(order))
    cuts = _split([learn_hours[s] for s in order], count)
    bounds = [0, *cuts, len(order)]
    groups = [order[a:b] for a, b in itertools.pairwise(bounds) if b > a]
    certs = _assign_certs(role, groups, catalog) if options.certifications else {}

    clock = _Clock(start, hours_per_week)
    phases: list[Phase] = []
    projects = _assign_projects(catalog, groups, salience)
    for position, group in enumerate(groups):
        items: list[Deliverable] = []
        for sid in group:
            kind, title, description, hours, resource = learning[sid]
            begin, due = clock.add(hours)
            items.append(
                Deliverable(
                    id=f"learn-{sid}",
                    kind=kind,
                    title=title,
                    description=description,
                    skills=[sid],
                    targets={sid: targets[sid]},
                    hours=hours,
                    start=begin,
                    due=due,
                    metric=_metric(kind, title, due),
                    resource=resource,
                )
            )
        group_hours = sum(learn_hours[s] for s in group)
        template = projects[position]
        names = join_names([in_sentence(catalog.skill_name(s)) for s in group])
        p_hours = min(max(round(group_hours * PROJECT_SHARE), PROJECT_HOURS[0]), PROJECT_HOURS[1])
        begin, due = clock.add(p_hours)
        items.append(
            Deliverable(
                id=f"project-{position + 1}",
                kind="project",
                title=f"Project: {template.title}",
                description=template.description.format(skills=names),
                skills=list(group),
                targets={},
                hours=p_hours,
                start=begin,
                due=due,
                metric=_metric("project", template.title, due, template.evidence),
            )
        )
        cert = certs.get(position)
        if cert is not None:
            c_hours = max(CERT_MIN_HOURS, round(cert.study_hours * CERT_REVIEW_SHARE))
            covered = [s for s in cert.skills if s in group]
            begin, due = clock.add(c_hours)
            items.append(
                Deliverable(
                    id=f"cert-{cert.id}",
                    kind="certification",
                    title=cert.name,
                    description=(
                        f"Prepare for and sit {cert.name} ({cert.vendor}"
                        + (f", exam {cert.exam_code}" if cert.exam_code else "")
                        + f", {cert.cost:g} {cert.currency}): review the exam guide, take "
                        "practice questions and book the exam. This phase covers "
                        + join_names([in_sentence(catalog.skill_name(s)) for s in covered])
                        + "."
                    ),
                    skills=covered,
                    targets={},
                    hours=c_hours,
                    start=begin,
                    due=due,
                    metric=_metric("certification", cert.name, due),
                    resource=ResourceRef(
                        title=cert.name, provider=cert.vendor, url=cert.url, free=cert.cost == 0
                    ),
                    certification=cert.id,
                )
            )
        phases.append(
            Phase(
                title=_phase_title(position, len(groups), group, salience, catalog),
                skills=list(group),
                hours=sum(d.hours for d in items),
                start=items[0].start,
                due=items[-1].due,
                deliverables=items,
            )
        )

    total = sum(p.hours for p in phases)
    finish = phases[-1].due
    feasible: bool | None = None
    needed: float | None = None
    message = (
        f"{len(order)} skills in {len(phases)} phases, {total} hours at "
        f"{hours_per_week:g} h a week: from {start} to {finish}."
    )
    if target is not None:
        feasible = finish <= target
        weeks = (target - start).days / 7
        needed = math.ceil(total / weeks * 2) / 2
        if not feasible:
            message += (
                f" That is after the target date {target}; finishing by then takes "
                f"{needed:g} h a week"
                + (", more than the 80 h a week the planner allows." if needed > 80 else ".")
            )
        else:
            message += f" That meets the target date {target}."
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
    )
