"""A big generated plan for the benchmarks that measure the store and the app with thousands
of deliverables."""

from __future__ import annotations

import datetime as dt

from skillpath.core.catalog import Catalog
from skillpath.core.demo import DEMO_ROLE
from skillpath.core.models import Deliverable, Phase, Plan, RoleRef


def big_plan(catalog: Catalog, today: dt.date, count: int) -> Plan:
    """A plan of `count` deliverables in 5 phases, one due each day from a year before
    `today`; learning items target the demo role's skills."""
    role = catalog.role(DEMO_ROLE)
    skills = [r.skill for r in role.required]
    start = today - dt.timedelta(days=365)
    phases, day, per_phase = [], start, count // 5
    for p in range(5):
        items = []
        for i in range(per_phase):
            n = p * per_phase + i
            kind = ("course", "reading", "practice", "project", "certification")[n % 5]
            skill = skills[n % len(skills)]
            due = day + dt.timedelta(days=1)
            items.append(
                Deliverable(
                    id=f"item-{n}", kind=kind, title=f"Deliverable number {n} about {skill}",
                    description="A generated deliverable for the benchmark. " * 3,
                    skills=[skill], targets={skill: 4} if kind in ("course", "reading") else {},
                    hours=4, start=day, due=due, metric=f"Done by {due}",
                )
            )  # fmt: skip
            day = due
        phases.append(
            Phase(title=f"Phase {p + 1}", skills=skills, hours=4 * per_phase,
                  start=items[0].start, due=items[-1].due, deliverables=items)
        )  # fmt: skip
    return Plan(
        role=RoleRef(id=role.id, title=role.title), start=start, finish=day, hours_per_week=28,
        total_hours=4 * count, target=None, feasible=None, needed_hours_per_week=None,
        message="benchmark", phases=phases,
    )  # fmt: skip
