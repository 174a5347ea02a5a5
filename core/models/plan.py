"""The plan: a dated roadmap of phases, each with its deliverables."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel

from skillpath.core.models.person import RoleRef

DeliverableKind = Literal["course", "reading", "practice", "project", "certification"]


class ResourceRef(BaseModel):
    title: str
    provider: str
    url: str
    free: bool


class Deliverable(BaseModel):
    """One unit of work in a plan, with its hours, due date and success metric."""

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


class Phase(BaseModel):
    """A group of deliverables with one purpose, in prerequisite order."""

    title: str
    skills: list[str]
    hours: int
    start: dt.date
    due: dt.date
    deliverables: list[Deliverable]


class Plan(BaseModel):
    """A dated roadmap from a start date, at a number of hours per week."""

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
