"""Catalog entries: skills, resources, certifications, roles and their market facts."""

from __future__ import annotations

from typing import Literal

from skillpath.core.models.common import Priority, RequiredLevel, Slug, StrictModel, Url, Year
from skillpath.core.models.record import check, check_field, field


class Resource(StrictModel, frozen=True):
    """A learning resource for one skill: a course, a book, documentation or practice."""

    skill: Slug
    title: str = field(min_length=1)
    provider: str = field(min_length=1)
    kind: Literal["course", "book", "docs", "tutorial", "practice", "video"]
    depth: Literal["intro", "intermediate", "advanced"]
    free: bool
    hours: int = field(ge=1, le=400)
    hours_basis: Literal["provider", "estimate"]
    hours_source: str = ""
    url: Url
    year: Year
    note: str = ""

    @check
    def _provider_hours_say_where(self) -> None:
        # a length "stated by the provider" must say where, so that anyone can check it
        if self.hours_basis == "provider" and not self.hours_source.strip():
            raise ValueError("hours_basis 'provider' needs hours_source: where it is stated")


class Skill(StrictModel, frozen=True):
    """A catalog skill. `resources` and `certifications` are filled in by the loader."""

    id: Slug
    name: str = field(min_length=1)
    category: str = field(min_length=1)
    aliases: list[str] = []
    prerequisites: list[Slug] = []
    resources: list[Resource] = []
    certifications: list[str] = []


class Certification(StrictModel, frozen=True):
    """A professional certification with its exam cost and validity."""

    id: Slug
    vendor: str = field(min_length=1)
    name: str = field(min_length=1)
    exam_code: str | None = None
    cost: float = field(ge=0)
    currency: str = field(pattern=r"^[A-Z]{3}$")
    cost_note: str = ""
    study_hours: int = field(ge=1, le=1000)
    study_hours_basis: Literal["vendor", "estimate"]
    validity_years: int | None = field(default=None, ge=1, le=10)
    renewal: str = ""
    skills: list[Slug] = field(min_length=1)
    url: Url
    source: Url
    source_kind: Literal["vendor", "third-party"]
    source_note: str = ""
    year: Year

    @check
    def _third_party_says_what(self) -> None:
        if self.source_kind == "third-party" and not self.source_note.strip():
            raise ValueError(
                "source_kind 'third-party' needs source_note: which facts that page gives"
            )


class RequiredSkill(StrictModel, frozen=True):
    """One requirement of a role: a skill at a level, with a priority."""

    skill: Slug
    level: RequiredLevel
    priority: Priority


class Popularity(StrictModel, frozen=True):
    """Technologies common in a role, in three groups: an editorial selection, not a ranking.

    Which of them O*NET flags as Hot Technology or In Demand for the role's occupation is
    worked out from the catalog's O*NET technology table (see `skillpath.core.market`).
    """

    languages: list[str] = field(min_length=1)
    frameworks_tools: list[str] = field(min_length=1)
    technologies: list[str] = field(min_length=1)
    source: str = field(min_length=1)
    year: Year


class OnetTechnology(StrictModel, frozen=True):
    """The technologies O*NET flags for one O*NET-SOC occupation (Hot Technology, In Demand)."""

    code: str = field(pattern=r"^\d{2}-\d{4}\.\d{2}$")
    title: str
    hot: list[str]
    in_demand: list[str]
    source: str
    source_url: Url
    version: str
    year: Year


class OnetGeneral(StrictModel, frozen=True):
    """Technologies O*NET flags Hot Technology or In Demand in any occupation (one release)."""

    version: str
    source: str
    source_url: Url
    year: Year
    names: list[str]


class Salary(StrictModel, frozen=True):
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


class Outlook(StrictModel, frozen=True):
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


class Market(StrictModel, frozen=True):
    """Market facts of a role: demand, pay and growth areas, each with where it came from."""

    demand: Demand
    salary: Salary | None
    outlook: Outlook | None
    proxy_note: str
    growth_areas: list[str]
    growth_source: str
    growth_year: Year


class Role(StrictModel, frozen=True):
    """A target role: what it requires, its market and the certifications recommended for it."""

    id: Slug
    title: str = field(min_length=1)
    family: str
    seniority: Literal["junior", "mid", "senior", "lead"]
    summary: str = field(min_length=1)
    occupation: str = field(pattern=r"^\d{2}-\d{4}$")
    occupation_match: Literal["same", "proxy"] = "proxy"
    onet_code: str = field(default="", pattern=r"^(\d{2}-\d{4}\.\d{2})?$")
    proxy_note: str = field(min_length=1)
    certifications: list[Slug] = []
    growth_areas: list[str] = field(min_length=1)
    growth_source: str = field(min_length=1)
    growth_year: Year
    popularity: Popularity
    required: list[RequiredSkill] = field(min_length=12, max_length=25)
    market: Market | None = None

    @check_field("required")
    def _unique_skills(value: list[RequiredSkill]) -> list[RequiredSkill]:
        seen: set[str] = set()
        for req in value:
            if req.skill in seen:
                raise ValueError(f"skill '{req.skill}' is listed twice")
            seen.add(req.skill)
        return value


class ProjectTemplate(StrictModel, frozen=True):
    """A concrete hands-on project for a skill category, used to build phase projects."""

    category: str
    title: str
    skills: list[Slug] = []
    description: str
    evidence: str
