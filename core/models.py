"""Domain models: catalog entries, the person's profile, the gap analysis and the plan."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Level = Annotated[int, Field(ge=0, le=5)]
RequiredLevel = Annotated[int, Field(ge=1, le=5)]
Priority = Literal["critical", "important", "nice-to-have"]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Url = Annotated[str, Field(pattern=r"^https?://[^\s]+$", max_length=500)]
Year = Annotated[int, Field(ge=1900, le=2100)]

PRIORITY_WEIGHT: dict[str, int] = {"critical": 3, "important": 2, "nice-to-have": 1}
LEVEL_NAMES: dict[int, str] = {
    0: "none",
    1: "awareness",
    2: "working",
    3: "independent",
    4: "advanced",
    5: "expert",
}


class _Strict(BaseModel):
    """Catalog entries reject unknown keys so that a typo in a file is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ------------------------------------------------------------------ catalog


class Resource(_Strict):
    """A learning resource for one skill: a course, a book, documentation or practice."""

    skill: Slug
    title: str = Field(min_length=1)
    provider: str = Field(min_length=1)
    kind: Literal["course", "book", "docs", "tutorial", "practice", "video"]
    depth: Literal["intro", "intermediate", "advanced"]
    free: bool
    hours: int = Field(ge=1, le=400)
    hours_basis: Literal["provider", "estimate"]
    url: Url
    year: Year
    note: str = ""


class Skill(_Strict):
    """A catalog skill. `resources` and `certifications` are filled in by the loader."""

    id: Slug
    name: str = Field(min_length=1)
    category: str = Field(min_length=1)
    aliases: list[str] = []
    prerequisites: list[Slug] = []
    resources: list[Resource] = []
    certifications: list[str] = []


class Certification(_Strict):
    """A professional certification with its exam cost and validity."""

    id: Slug
    vendor: str = Field(min_length=1)
    name: str = Field(min_length=1)
    exam_code: str | None = None
    cost: float = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    cost_note: str = ""
    study_hours: int = Field(ge=1, le=1000)
    study_hours_basis: Literal["vendor", "estimate"]
    validity_years: int | None = Field(default=None, ge=1, le=10)
    skills: list[Slug] = Field(min_length=1)
    url: Url
    source: Url
    year: Year


class RequiredSkill(_Strict):
    """One requirement of a role: a skill at a level, with a priority."""

    skill: Slug
    level: RequiredLevel
    priority: Priority


class Popularity(_Strict):
    """Technologies most used in a role, in three groups, most popular first."""

    languages: list[str] = Field(min_length=1)
    frameworks_tools: list[str] = Field(min_length=1)
    technologies: list[str] = Field(min_length=1)
    source: str = Field(min_length=1)
    year: Year


class Salary(_Strict):
    """An annual wage distribution from a sourced survey."""

    occupation: str
    occupation_title: str
    currency: str
    region: str
    p10: int
    p25: int
    median: int
    p75: int
    p90: int
    topcoded: list[str] = []
    employment: int | None = None
    release: str
    source: str
    source_url: Url
    year: Year


class Outlook(_Strict):
    """Projected employment change for an occupation, from a sourced projection."""

    occupation: str
    title: str
    growth_percent: float
    period: str
    openings_per_year: int | None = None
    source: str
    source_url: Url
    year: Year


Demand = Literal["very high", "high", "moderate", "low", "declining", "not stated"]


class Market(_Strict):
    """Market facts of a role: demand, pay and growth areas, each with where it came from."""

    demand: Demand
    salary: Salary | None
    outlook: Outlook | None
    proxy_note: str
    growth_areas: list[str]
    growth_source: str
    growth_year: Year


class Role(_Strict):
    """A target role: what it requires, its market and the certifications recommended for it."""

    id: Slug
    title: str = Field(min_length=1)
    family: str
    seniority: Literal["junior", "mid", "senior", "lead"]
    summary: str = Field(min_length=1)
    occupation: str = Field(pattern=r"^\d{2}-\d{4}$")
    proxy_note: str = Field(min_length=1)
    certifications: list[Slug] = []
    growth_areas: list[str] = Field(min_length=1)
    growth_source: str = Field(min_length=1)
    growth_year: Year
    popularity: Popularity
    required: list[RequiredSkill] = Field(min_length=12, max_length=25)
    market: Market | None = None

    @field_validator("required")
    @classmethod
    def _unique_skills(cls, value: list[RequiredSkill]) -> list[RequiredSkill]:
        seen: set[str] = set()
        for req in value:
            if req.skill in seen:
                raise ValueError(f"skill '{req.skill}' is listed twice")
            seen.add(req.skill)
        return value


class ProjectTemplate(_Strict):
    """A concrete hands-on project for a skill category, used to build phase projects."""

    category: str
    title: str
    skills: list[Slug] = []
    description: str
    evidence: str


# ------------------------------------------------------------------ the person

SkillSource = Literal["self-rated", "cv", "earned"]


class Profile(BaseModel):
    """The person: who they are, what they know, and how much time they can give."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    years_experience: float = Field(default=0, ge=0, le=70)
    focus: str = Field(default="", max_length=200)
    skills: dict[str, Level] = {}
    skill_sources: dict[str, SkillSource] = {}
    hours_per_week: float = Field(default=8, gt=0, le=80)
    start_date: dt.date | None = None
    target_date: dt.date | None = None

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


# ------------------------------------------------------------------ analysis


class RoleRef(BaseModel):
    id: str
    title: str


class GapItem(BaseModel):
    """One required skill as it stands for the person."""

    skill: str
    name: str
    current: int
    required: int
    gap: int
    priority: Priority
    source: str


class Strength(BaseModel):
    """A skill the person is strong in: meeting the role, or transferable to it."""

    skill: str
    name: str
    current: int
    required: int | None
    transferable: bool


class Analysis(BaseModel):
    """The gap analysis of a profile against a role."""

    role: RoleRef
    readiness: int
    strengths: list[Strength]
    gaps: list[GapItem]
    met: list[GapItem]
    top_gaps: list[str]


# ------------------------------------------------------------------ the plan

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
