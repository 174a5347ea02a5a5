"""Several targets side by side: readiness for each, and the gaps they share, so a person sees
which target (a catalog role, an own role, a saved job ad) is closest and which skill pays off
for most of them.

The rules, stated so they can be argued with:
- Readiness and gaps are the gap analysis's (core/gap.py), target by target.
- The hours to be ready are the planner's total for an empty start from today, at the
  profile's hours per week (the same plan `skillpath plan` makes).
- A shared gap is a skill below the level two or more targets require. They are ranked by how
  many targets need it, then by the sum of the targets' priority weights (critical 3,
  important 2, nice-to-have 1), then by the largest gap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from skillpath.core.catalog import Catalog
from skillpath.core.gap import analyze
from skillpath.core.models import PRIORITY_WEIGHT, Profile, Role


@dataclass(frozen=True)
class TargetResult:
    id: str
    title: str
    readiness: int
    gaps: int
    critical_gaps: list[str]
    hours_to_ready: int
    finish: dt.date


@dataclass(frozen=True)
class SharedGap:
    skill: str
    name: str
    targets: list[str]
    weight: int
    largest_gap: int


@dataclass(frozen=True)
class Comparison:
    profile: str
    targets: list[TargetResult]
    shared: list[SharedGap] = field(default_factory=list)

    @property
    def closest(self) -> TargetResult | None:
        """The target with the highest readiness (fewest hours on a tie)."""
        if not self.targets:
            return None
        return max(self.targets, key=lambda t: (t.readiness, -t.hours_to_ready))

    def as_json(self) -> dict[str, object]:
        return {
            "profile": self.profile,
            "closest": self.closest.id if self.closest else None,
            "targets": [
                {
                    "id": t.id,
                    "title": t.title,
                    "readiness": t.readiness,
                    "gaps": t.gaps,
                    "critical_gaps": t.critical_gaps,
                    "hours_to_ready": t.hours_to_ready,
                    "finish": t.finish.isoformat(),
                }
                for t in self.targets
            ],
            "shared_gaps": [
                {
                    "skill": g.skill,
                    "name": g.name,
                    "targets": g.targets,
                    "weight": g.weight,
                    "largest_gap": g.largest_gap,
                }
                for g in self.shared
            ],
        }


def compare(profile: Profile, roles: list[Role], catalog: Catalog, today: dt.date) -> Comparison:
    """Readiness for each role and the gaps they share (see the module's rules)."""
    from skillpath.core.planner import PlanOptions, build_plan

    results: list[TargetResult] = []
    needed: dict[str, list[tuple[str, int, int]]] = {}
    for role in roles:
        analysis = analyze(profile, role, catalog)
        plan = build_plan(profile, role, catalog, PlanOptions(start=today), today)
        results.append(
            TargetResult(
                id=role.id,
                title=role.title,
                readiness=analysis.readiness,
                gaps=len(analysis.gaps),
                critical_gaps=[g.name for g in analysis.gaps if g.priority == "critical"],
                hours_to_ready=plan.total_hours,
                finish=plan.finish,
            )
        )
        for gap in analysis.gaps:
            needed.setdefault(gap.skill, []).append(
                (role.id, PRIORITY_WEIGHT[gap.priority], gap.gap)
            )
    shared = [
        SharedGap(
            skill=skill,
            name=catalog.skill_name(skill),
            targets=[t for t, _, _ in rows],
            weight=sum(w for _, w, _ in rows),
            largest_gap=max(g for _, _, g in rows),
        )
        for skill, rows in needed.items()
        if len(rows) >= 2
    ]
    shared.sort(key=lambda g: (-len(g.targets), -g.weight, -g.largest_gap, g.name))
    return Comparison(profile.name, results, shared)
