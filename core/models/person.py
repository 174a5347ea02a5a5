"""The person (profile) and the gap analysis of a profile against a role."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from skillpath.core.models.common import Level, Priority

SkillSource = Literal["self-rated", "cv", "earned"]
# validators and serializers are built when a model is first used, not at import: a command
# that reads the catalog only, or starting the app, does not pay for the rest
_LAZY = ConfigDict(defer_build=True)


class Profile(BaseModel):
    """The person: who they are, what they know, and how much time they can give."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: str = Field(min_length=1, max_length=200)
    years_experience: float = Field(default=0, ge=0, le=70)
    focus: str = Field(default="", max_length=200)
    skills: dict[str, Level] = {}
    skill_sources: dict[str, SkillSource] = {}
    # the limits of core/rules.py (not imported: the models stay free of the rules module)
    hours_per_week: float = Field(default=8, ge=0.5, le=80, allow_inf_nan=False)
    # catalog certifications the person holds already (from a CV, a resume, an export)
    certifications: list[str] = []
    start_date: dt.date | None = Field(
        default=None, ge=dt.date(1900, 1, 1), le=dt.date(2200, 12, 31)
    )
    target_date: dt.date | None = Field(
        default=None, ge=dt.date(1900, 1, 1), le=dt.date(2200, 12, 31)
    )

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the name is empty")
        return value.strip()

    @model_validator(mode="after")
    def _dates_in_order(self) -> Profile:
        if self.start_date and self.target_date and self.target_date < self.start_date:
            raise ValueError(
                f"the target date {self.target_date} is before the start date {self.start_date}"
            )
        return self

    def source_of(self, skill: str) -> str:
        """Where the level of `skill` came from; 'none' when the person does not have it."""
        if self.skills.get(skill, 0) == 0:
            return "none"
        return self.skill_sources.get(skill, "self-rated")


class RoleRef(BaseModel):
    model_config = _LAZY

    id: str
    title: str


class GapItem(BaseModel):
    """One required skill as it stands for the person."""

    model_config = _LAZY

    skill: str
    name: str
    current: int
    required: int
    gap: int
    priority: Priority
    source: str


class Strength(BaseModel):
    """A skill the person is strong in: meeting the role, or transferable to it."""

    model_config = _LAZY

    skill: str
    name: str
    current: int
    required: int | None
    transferable: bool


class Analysis(BaseModel):
    """The gap analysis of a profile against a role."""

    model_config = _LAZY

    role: RoleRef
    readiness: int
    strengths: list[Strength]
    gaps: list[GapItem]
    met: list[GapItem]
    top_gaps: list[str]
