"""Domain models: catalog entries, the person's profile, the gap analysis and the plan.

Split by what they describe (`catalog`, `person`, `plan`); every name is importable from
here as well.
"""

from skillpath.core.models.catalog import (
    Certification,
    Demand,
    Market,
    Outlook,
    Popularity,
    ProjectTemplate,
    RequiredSkill,
    Resource,
    Role,
    Salary,
    Skill,
)
from skillpath.core.models.common import (
    LEVEL_NAMES,
    PRIORITY_WEIGHT,
    Level,
    Priority,
    RequiredLevel,
    Slug,
    StrictModel,
    Url,
    Year,
)
from skillpath.core.models.person import (
    Analysis,
    GapItem,
    Profile,
    RoleRef,
    SkillSource,
    Strength,
)
from skillpath.core.models.plan import (
    Deliverable,
    DeliverableKind,
    HoursBasis,
    Phase,
    Plan,
    ResourceRef,
    ScopeOption,
    TargetOptions,
)

__all__ = [
    "LEVEL_NAMES",
    "PRIORITY_WEIGHT",
    "Analysis",
    "Certification",
    "Deliverable",
    "DeliverableKind",
    "Demand",
    "GapItem",
    "HoursBasis",
    "Level",
    "Market",
    "Outlook",
    "Phase",
    "Plan",
    "Popularity",
    "Priority",
    "Profile",
    "ProjectTemplate",
    "RequiredLevel",
    "RequiredSkill",
    "Resource",
    "ResourceRef",
    "Role",
    "RoleRef",
    "Salary",
    "ScopeOption",
    "Skill",
    "SkillSource",
    "Slug",
    "Strength",
    "StrictModel",
    "TargetOptions",
    "Url",
    "Year",
]
