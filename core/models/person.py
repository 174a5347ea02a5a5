"""The person (profile) and the gap analysis of a profile against a role."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from skillpath.core.models.common import Level, Priority
from skillpath.core.models.record import Record, check, check_field, field

SkillSource = Literal["self-rated", "cv", "earned"]


class Profile(Record, forbid_extra=True):
    """The person: who they are, what they know, and how much time they can give.

    Made from outside data (a form, a file, a stored row) with `Profile.model_validate`,
    which checks it.
    """

    name: str = field(min_length=1, max_length=200)
    years_experience: float = field(default=0, ge=0, le=70)
    focus: str = field(default="", max_length=200)
    skills: dict[str, Level] = {}
    skill_sources: dict[str, SkillSource] = {}
    # the limits of core/rules.py (not imported: the models stay free of the rules module)
    hours_per_week: float = field(default=8, ge=0.5, le=80, allow_inf_nan=False)
    # catalog certifications the person holds already (from a CV, a resume, an export)
    certifications: list[str] = []
    start_date: dt.date | None = field(
        default=None, ge=dt.date(1900, 1, 1), le=dt.date(2200, 12, 31)
    )
    target_date: dt.date | None = field(
        default=None, ge=dt.date(1900, 1, 1), le=dt.date(2200, 12, 31)
    )

    @check_field("name")
    def _name_not_blank(value: str) -> str:
        if not value.strip():
            raise ValueError("the name is empty")
        return value.strip()

    @check
    def _dates_in_order(self) -> None:
        if self.start_date and self.target_date and self.target_date < self.start_date:
            raise ValueError(
                f"the target date {self.target_date} is before the start date {self.start_date}"
            )

    def source_of(self, skill: str) -> str:
        """Where the level of `skill` came from; 'none' when the person does not have it."""
        if self.skills.get(skill, 0) == 0:
            return "none"
        return self.skill_sources.get(skill, "self-rated")


class RoleRef(Record):
    id: str
    title: str


class GapItem(Record):
    """One required skill as it stands for the person."""

    skill: str
    name: str
    current: int
    required: int
    gap: int
    priority: Priority
    source: str


class Strength(Record):
    """A skill the person is strong in: meeting the role, or transferable to it."""

    skill: str
    name: str
    current: int
    required: int | None
    transferable: bool


class Analysis(Record):
    """The gap analysis of a profile against a role."""

    role: RoleRef
    readiness: int
    strengths: list[Strength]
    gaps: list[GapItem]
    met: list[GapItem]
    top_gaps: list[str]
