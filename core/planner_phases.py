"""The planner's phases: learning cut into phases, each with its project, applied work and certs.

The rules are stated in `skillpath.core.planner`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from skillpath.core import planner_text as words
from skillpath.core.catalog import Catalog
from skillpath.core.models import PRIORITY_WEIGHT, Certification, ProjectTemplate, ResourceRef
from skillpath.core.planner_learning import (
    HOURS_PER_LEVEL,
    PREREQ_LEVEL,
    Context,
    Material,
    Text,
    Work,
    learning_units,
    material_work,
    order_skills,
    plan_targets,
    skill_weights,
)
from skillpath.core.planner_text import in_sentence, join_names
from skillpath.core.rules import LEARNING_CAP, PROJECT_CAP, Kind

PROJECT_HOURS_PER_SKILL = 8
PROJECT_HOURS = (16, 60)
APPLIED_HOURS_PER_LEVEL = 30
CERT_REVIEW_SHARE = 0.3
CERT_MIN_HOURS = 10
CERT_UNTAUGHT = 1  # skills a certification may test that the plan does not teach
MAX_PHASES = 6
# Skills shown by leading people rather than by building something: a phase's project does
# not claim them; applied work with people does.
LED_CATEGORIES = frozenset({"Professional", "Engineering management"})
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


@dataclass
class Draft:
    """The plan's content: phases of deliverables, before dates and words."""

    skills: list[str]
    groups: list[list[str]] = field(default_factory=list)
    works: list[list[Work]] = field(default_factory=list)
    salience: dict[str, int] = field(default_factory=dict)
    project_skills: list[list[str]] = field(default_factory=list)
    templates: list[ProjectTemplate] = field(default_factory=list)  # filled by `titles`

    @property
    def total(self) -> int:
        return sum(w.hours for works in self.works for w in works)

    def titles(self, catalog: Catalog) -> list[str]:
        """The phases' titles; also chooses the phases' project templates."""
        self.templates[:] = _assign_projects(catalog, self.project_skills, self.salience)
        count = len(self.groups)
        return [
            _phase_title(k, count, group, self.salience, catalog)
            for k, group in enumerate(self.groups)
        ]


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


def _assign_certs(groups: list[list[str]], ctx: Context) -> dict[str, tuple[int, list[str]]]:
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
        if cert_id in ctx.profile.certifications:
            continue  # held already: nothing to plan
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


def draft_plan(
    ctx: Context, keep: frozenset[str] | None, reserved: frozenset[str] = frozenset()
) -> Draft:
    """What the plan holds, phase by phase, for the role's gaps (or the kept ones)."""
    role, catalog = ctx.role, ctx.catalog
    required = {
        r.skill: r.level
        for r in role.required
        if ctx.current(r.skill) < r.level and (keep is None or r.skill in keep)
    }
    targets = plan_targets(required, ctx)
    if not targets:
        return Draft([])
    weights = skill_weights(role, targets, catalog)
    order = order_skills(targets, weights, catalog)
    units = learning_units(order, targets, ctx, reserved)
    own_weight = {r.skill: PRIORITY_WEIGHT[r.priority] for r in role.required}
    # what a phase is "about": the role's own priority times the levels to gain, so a
    # phase with MLOps and a few foundations is about MLOps
    salience = {s: own_weight.get(s, 1) * (targets[s] - ctx.current(s)) for s in order}
    count = min(ctx.phases, len(units))
    cuts = _split([u.hours for u in units], count)
    bounds = [0, *cuts, len(units)]
    unit_groups = [units[a:b] for a, b in itertools.pairwise(bounds) if b > a]
    groups = [[s for u in ug for s in u.skills] for ug in unit_groups]
    certs = _assign_certs(groups, ctx) if ctx.certifications else {}
    # a certification's page is its own deliverable's link: material at the same address
    # makes way for it (another resource, or guided practice)
    taken = {i.resource.url for u in units for i in u.items if isinstance(i, Material)}
    clash = {ctx.catalog.certifications[c].url for c in certs} & taken
    if clash:
        return draft_plan(ctx, keep, reserved | clash)
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
    by_cert = {s for t in cert_targets.values() for s in t}
    people = {s for s in order if catalog.skills[s].category in LED_CATEGORIES}

    draft = Draft(order, groups, [], salience)
    for k, (unit_group, group) in enumerate(zip(unit_groups, groups, strict=True)):
        items = [item for unit in unit_group for item in unit.items]
        # material that only prepares applied work comes after the phase's project
        later = [i for i in items if isinstance(i, Material) and _only_deeper(i)]
        works = [
            material_work(i, ctx) if isinstance(i, Material) else i
            for i in items
            if not any(i is x for x in later)
        ]
        # the project uses the phase's technical skills; people skills are shown by
        # applied work with people instead
        built = [s for s in group if s not in people] or group
        draft.project_skills.append(built)
        works.append(_project(k, built, draft.templates, targets, ctx))
        works += [material_work(i, ctx) for i in later if isinstance(i, Material)]
        advanced = [s for s in built if targets[s] > PROJECT_CAP and s not in by_cert]
        if advanced:
            works.append(_applied(f"applied-{k + 1}", advanced, PROJECT_CAP, targets, ctx))
        led = [s for s in group if s in people and targets[s] > LEARNING_CAP]
        led = [s for s in led if s not in by_cert]
        if led:
            works.append(_applied(f"applied-{k + 1}-people", led, LEARNING_CAP, targets, ctx))
        for cid, (at, untaught) in certs.items():
            if at == k:
                cert = ctx.catalog.certifications[cid]
                works.append(_cert(cert, cert_targets[cid], untaught, planned_by[k], ctx))
        draft.works.append(works)
    return draft


def _only_deeper(material: Material) -> bool:
    return all(material.roles.get(s) == "deeper" for s in material.skills)


def _project(
    k: int,
    skills: list[str],
    templates: list[ProjectTemplate],
    targets: dict[str, int],
    ctx: Context,
) -> Work:
    """The phase's project: it names the skills that need it for independent level (3), or,
    when none does, every skill it uses."""
    raised = {
        s: min(targets[s], PROJECT_CAP)
        for s in skills
        if targets[s] >= PROJECT_CAP and min(targets[s], PROJECT_CAP) > ctx.current(s)
    }
    named = list(raised) or skills
    hours = min(max(PROJECT_HOURS_PER_SKILL * len(named), PROJECT_HOURS[0]), PROJECT_HOURS[1])

    def text() -> Text:
        template = templates[k]  # chosen once the phases are final
        return Text(
            words.project_title(template),
            words.project_description(
                template, [ctx.said(s) for s in named], [ctx.said(s) for s in raised]
            ),
            words.project_metric(template),
        )

    return Work(f"project-{k + 1}", Kind.PROJECT, list(named), raised, hours, text)


def _applied(key: str, skills: list[str], base: int, targets: dict[str, int], ctx: Context) -> Work:
    """Sustained applied work that shows `skills` above `base` once its evidence is attached."""
    levels = sum(targets[s] - max(ctx.current(s), base) for s in skills)
    people = base < PROJECT_CAP

    def text() -> Text:
        said = [ctx.said(s) for s in skills]
        shown = [f"{ctx.said(s)} at level {targets[s]}" for s in skills]
        return Text(
            words.applied_title([ctx.name(s) for s in skills]),
            words.applied_description(said, shown, people),
            words.applied_metric(said, people),
        )

    return Work(
        key,
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
    ctx: Context,
) -> Work:
    def text() -> Text:
        return Text(
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

    return Work(
        f"cert-{cert.id}",
        Kind.CERTIFICATION,
        [s for s in cert.skills if s in planned],
        dict(raised),
        max(CERT_MIN_HOURS, round(cert.study_hours * CERT_REVIEW_SHARE))
        + HOURS_PER_LEVEL * len(untaught),
        text,
        certification=cert.id,
    )
