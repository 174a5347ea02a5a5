"""The plan: a dated roadmap of phases, each with its deliverables."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from skillpath.core.models.person import RoleRef
from skillpath.core.models.record import Record

DeliverableKind = Literal["course", "reading", "practice", "project", "certification"]
HoursBasis = Literal["provider", "estimate"]


class ResourceRef(Record):
    """What a deliverable is built on: a catalog resource, or a certification's page.

    `hours` is the resource's own recorded length (None for a certification, whose
    deliverable hours are the planner's allowance for preparing and sitting it), and
    `hours_basis` says whether that length is the provider's figure or an estimate.
    """

    title: str
    provider: str
    url: str
    free: bool
    hours: int | None = None
    hours_basis: HoursBasis | None = None


class Deliverable(Record):
    """One unit of work in a plan, with its hours, due date and success metric.

    Neither `description` nor `metric` carries a date: the due date is shown beside them,
    so a re-plan never leaves a stale date in text.
    """

    id: str
    kind: DeliverableKind
    title: str
    description: str
    skills: list[str]
    targets: dict[str, int]
    hours: int
    start: dt.date
    due: dt.date
    metric: str
    resource: ResourceRef | None = None
    certification: str | None = None


class Phase(Record):
    """A group of deliverables with one purpose, in prerequisite order."""

    title: str
    skills: list[str]
    hours: int
    start: dt.date
    due: dt.date
    deliverables: list[Deliverable]


class ScopeOption(Record):
    """A narrower plan that meets the target date at the same hours a week.

    `kept` and `deferred` are the role's gap skills (ids), most important first; the kept
    ones are planned to the level the role needs, the deferred ones are left for a later
    plan. `finish` is when the narrower plan ends.
    """

    kept: list[str]
    deferred: list[str]
    finish: dt.date
    total_hours: int


class TargetOptions(Record):
    """The three honest ways out when a plan does not meet its target date.

    `hours_per_week`: the hours a week that meet the target with the whole plan (it may be
    more than the 80 a week the planner allows; the plan's message then says so).
    `finish_at_current_hours`: when the whole plan ends at the current hours.
    `scope`: the narrower plan that fits, or None when even the most important gap alone
    does not.
    """

    hours_per_week: float
    finish_at_current_hours: dt.date
    scope: ScopeOption | None


class Plan(Record):
    """A dated roadmap from a start date, at a number of hours per week.

    `options` is set when a target date is missed; `deferred` lists the gap skills a plan
    fitted to its target date left for later (empty for a whole plan).
    """

    role: RoleRef
    start: dt.date
    finish: dt.date
    hours_per_week: float
    total_hours: int
    target: dt.date | None
    feasible: bool | None
    needed_hours_per_week: float | None
    message: str
    phases: list[Phase]
    options: TargetOptions | None = None
    deferred: list[str] = []
