"""Catalog entries: skills, resources, certifications, roles and their market facts."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from skillpath.core.models.common import Priority, RequiredLevel, Slug, StrictModel, Url, Year


class Resource(StrictModel):
    """A learning resource for one skill: a course, a book, documentation or practice."""

    skill: Slug
    title: str = Field(min_length=1)
    provider: str = Field(min_length=1)
    kind: Literal["course", "book", "docs", "tutorial", "practice", "video"]
    depth: Literal["intro", "intermediate", "advanced"]
    free: bool
    hours: int = Field(ge=1, le=400)
    hours_basis: Literal["provider", "estimate"]
    hours_source: str = ""
    url: Url
    year: Year
    note: str = ""

    @model_validator(mode="after")
    def _provider_hours_say_where(self) -> Resource:
        # a length "stated by the provider" must say where, so that anyone can check it
        if self.hours_basis == "provider" and not self.hours_source.strip():
            raise ValueError("hours_basis 'provider' needs hours_source: where it is stated")
        return self


class Skill(StrictModel):
    """A catalog skill. `resources` and `certifications` are filled in by the loader."""

    id: Slug
    name: str = Field(min_length=1)
    category: str = Field(min_length=1)
    aliases: list[str] = []
    prerequisites: list[Slug] = []
    resources: list[Resource] = []
    certifications: list[str] = []


class Certification(StrictModel):
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
    renewal: str = ""
    skills: list[Slug] = Field(min_length=1)
    url: Url
    source: Url
    source_kind: Literal["vendor", "third-party"]
    source_note: str = ""
    year: Year

    @model_validator(mode="after")
    def _third_party_says_what(self) -> Certification:
        if self.source_kind == "third-party" and not self.source_note.strip():
            raise ValueError(
                "source_kind 'third-party' needs source_note: which facts that page gives"
            )
        return self


class RequiredSkill(StrictModel):
    """One requirement of a role: a skill at a level, with a priority."""

    skill: Slug
    level: RequiredLevel
    priority: Priority


class Popularity(StrictModel):
    """Technologies common in a role, in three groups: an editorial selection, not a ranking.

    Which of them O*NET flags as Hot Technology or In Demand for the role's occupation is
    worked out from the catalog's O*NET technology table (see `skillpath.core.market`).
    """

    languages: list[str] = Field(min_length=1)
    frameworks_tools: list[str] = Field(min_length=1)
    technologies: list[str] = Field(min_length=1)
    source: str = Field(min_length=1)
    year: Year


class OnetTechnology(StrictModel):
    """The technologies O*NET flags for one O*NET-SOC occupation (Hot Technology, In Demand)."""

    code: str = Field(pattern=r"^\d{2}-\d{4}\.\d{2}$")
    title: str
    hot: list[str]
    in_demand: list[str]
    source: str
    source_url: Url
    version: str
    year: Year


class OnetGeneral(StrictModel):
    """Technologies O*NET flags Hot Technology or In Demand in any occupation (one release)."""

    version: str
    source: str
    source_url: Url
    year: Year
    names: list[str]


class Salary(StrictModel):
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
    reference_period: str = ""
    published: str = ""
    published_basis: str = ""
    source: str
    source_url: Url
    year: Year


class Outlook(StrictModel):
    """Projected employment change for an occupation, from a sourced projection."""

    occupation: str
    title: str
    growth_percent: float
    period: str
    openings_per_year: int | None = None
    edition: str = ""
    edition_published: str = ""
    edition_note: str = ""
    source: str
    source_url: Url
    year: Year


Demand = Literal["very high", "high", "moderate", "low", "declining", "not stated"]


class Market(StrictModel):
    """Market facts of a role: demand, pay and growth areas, each with where it came from."""

    demand: Demand
    salary: Salary | None
    outlook: Outlook | None
    proxy_note: str
    growth_areas: list[str]
    growth_source: str
    growth_year: Year


class Role(StrictModel):
    """A target role: what it requires, its market and the certifications recommended for it."""

    id: Slug
    title: str = Field(min_length=1)
    family: str
    seniority: Literal["junior", "mid", "senior", "lead"]
    summary: str = Field(min_length=1)
    occupation: str = Field(pattern=r"^\d{2}-\d{4}$")
    occupation_match: Literal["same", "proxy"] = "proxy"
    onet_code: str = Field(default="", pattern=r"^(\d{2}-\d{4}\.\d{2})?$")
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


class ProjectTemplate(StrictModel):
    """A concrete hands-on project for a skill category, used to build phase projects."""

    category: str
    title: str
    skills: list[Slug] = []
    description: str
    evidence: str
