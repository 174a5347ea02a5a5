"""The planner's learning: which skills, in which order, with what material and practice.

The rules are stated in `skillpath.core.planner`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from skillpath.core import planner_text as words
from skillpath.core.catalog import Catalog
from skillpath.core.models import PRIORITY_WEIGHT, Profile, Resource, ResourceRef, Role, Skill
from skillpath.core.planner_text import in_sentence
from skillpath.core.rules import LEARNING_CAP, PROJECT_CAP, Kind

HOURS_PER_LEVEL = 20  # learning time from one level to the next, up to working level
PREREQ_LEVEL = 2
MIN_PRACTICE_HOURS = 4
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


@dataclass
class Material:
    """A catalog resource in the plan, with the skills it is taken for."""

    resource: Resource
    skills: list[str]
    targets: dict[str, int]
    roles: dict[str, str]  # skill -> "start", "working" or "deeper"


@dataclass(frozen=True)
class Text:
    """A deliverable's words and link."""

    title: str
    description: str
    metric: str
    resource: ResourceRef | None = None


@dataclass
class Work:
    """A deliverable before it has dates. Its words are written only for the plan that is
    kept (`text`), not for every narrower plan tried while fitting a target date."""

    id: str
    kind: Kind
    skills: list[str]
    targets: dict[str, int]
    hours: int
    text: Callable[[], Text]
    certification: str | None = None


@dataclass
class Unit:
    """A run of learning in the order: material and practice, for one or more skills."""

    skills: list[str]
    items: list[Material | Work] = field(default_factory=list)

    @property
    def hours(self) -> int:
        return sum(i.resource.hours if isinstance(i, Material) else i.hours for i in self.items)


@dataclass(frozen=True)
class Context:
    """What a plan is drafted from: the person, the role, the catalog and the choices that
    shape the content (not the dates)."""

    profile: Profile
    role: Role
    catalog: Catalog
    phases: int = 3
    certifications: bool = True
    prefer_free: bool = False

    def current(self, skill: str) -> int:
        return self.profile.skills.get(skill, 0)

    def name(self, skill: str) -> str:
        return self.catalog.skill_name(skill)

    def said(self, skill: str) -> str:
        return in_sentence(self.catalog.skill_name(skill))


def plan_targets(required: dict[str, int], ctx: Context) -> dict[str, int]:
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


def skill_weights(role: Role, targets: dict[str, int], catalog: Catalog) -> dict[str, int]:
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


def order_skills(targets: dict[str, int], weights: dict[str, int], catalog: Catalog) -> list[str]:
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


def learning_units(
    order: list[str], targets: dict[str, int], ctx: Context, reserved: frozenset[str]
) -> list[Unit]:
    """The learning of every plan skill, in order, each resource once (and none of the
    `reserved` addresses)."""
    placed: dict[str, tuple[int, Material]] = {}  # url -> (unit index, material)
    unit_of: dict[str, int] = {}
    units: list[Unit] = []
    for sid in order:
        skill = ctx.catalog.skills[sid]
        current, target = ctx.current(sid), targets[sid]
        working = min(target, LEARNING_CAP)
        offered = [r for r in _offered(skill.resources, ctx.prefer_free)]
        offered = [r for r in offered if r.url not in reserved]
        ready_at = max((unit_of[p] for p in skill.prerequisites if p in unit_of), default=-1)
        home: int | None = None  # the unit this skill's learning joins
        tail: list[Material | Work] = []
        first: Material | None = None
        if current < working:
            need = HOURS_PER_LEVEL * (working - current)
            ranked = _ranked(offered, _DEPTH_FOR_LEVEL[current], need)
            shared = [r for r in ranked if r.url in placed and placed[r.url][0] >= ready_at]
            fresh = [r for r in ranked if r.url not in placed]
            if shared:
                home, first = placed[shared[0].url]
                first.skills.append(sid)
            elif fresh:
                first = Material(fresh[0], [sid], {}, {})
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
                tail.append(Material(deeper[0], [sid], {}, {sid: "deeper"}))
        if home is None:
            home = len(units)
            units.append(Unit([sid]))
        else:
            units[home].skills.append(sid)
        units[home].items.extend(tail)
        unit_of[sid] = home
        for item in tail:
            if isinstance(item, Material):
                placed[item.resource.url] = (home, item)
    return units


def _guided(sid: str, hours: int, working: int, ctx: Context) -> Work:
    def text() -> Text:
        return Text(
            words.guided_title(ctx.name(sid)),
            words.guided_description(ctx.said(sid), hours),
            words.GUIDED_METRIC,
        )

    return Work(f"practice-{sid}", Kind.PRACTICE, [sid], {sid: working}, hours, text)


def _practice(sid: str, hours: int, working: int, after: Resource, ctx: Context) -> Work:
    def text() -> Text:
        category = ctx.catalog.skills[sid].category
        return Text(
            words.practice_title(ctx.name(sid)),
            words.practice_description(ctx.said(sid), category, hours, after.title),
            words.practice_metric(category),
        )

    return Work(f"practice-{sid}", Kind.PRACTICE, [sid], {sid: working}, hours, text)


def material_work(material: Material, ctx: Context) -> Work:
    res = material.resource
    kind = _KIND_OF_RESOURCE[res.kind]
    first = material.skills[0]

    def text() -> Text:
        def by(role: str) -> list[str]:
            return [ctx.said(s) for s in material.skills if material.roles.get(s) == role]

        return Text(
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

    return Work(
        f"deepen-{first}" if material.roles.get(first) == "deeper" else f"learn-{first}",
        kind,
        list(material.skills),
        {s: lv for s, lv in material.targets.items() if lv > ctx.current(s)},
        res.hours,
        text,
    )
