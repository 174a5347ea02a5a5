"""Item models over core objects: roles, gaps, deliverables (roadmap and Today), skills.

Each model holds plain core data (or ids) and answers Qt's questions on demand; edits are
not applied here but announced by a signal, so that every change goes through the one
road into the core (desktop/operations) and comes back as fresh data.
"""

from skillpath.desktop.models.base import KEY_ROLE, SORT_ROLE, Index, Table
from skillpath.desktop.models.deliverables import (
    FILTERS,
    DeliverableTree,
    Group,
    PhaseRow,
    RoadmapModel,
    Row,
    TodayModel,
    due_words,
    phase_rows,
    today_groups,
)
from skillpath.desktop.models.skills import (
    LEVEL_HINTS,
    SkillLine,
    SkillLinesModel,
    level_label,
)
from skillpath.desktop.models.tables import (
    PRIORITIES,
    GapModel,
    Requirement,
    RequirementsModel,
    RolesModel,
)

__all__ = [
    "FILTERS",
    "KEY_ROLE",
    "LEVEL_HINTS",
    "PRIORITIES",
    "SORT_ROLE",
    "DeliverableTree",
    "GapModel",
    "Group",
    "Index",
    "PhaseRow",
    "Requirement",
    "RequirementsModel",
    "RoadmapModel",
    "RolesModel",
    "Row",
    "SkillLine",
    "SkillLinesModel",
    "Table",
    "TodayModel",
    "due_words",
    "level_label",
    "phase_rows",
    "today_groups",
]
