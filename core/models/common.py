"""Types shared by every model: levels, priorities, ids, URLs and years."""

from __future__ import annotations

from typing import Annotated, Literal

from skillpath.core.models.record import Limits, Record

Level = Annotated[int, Limits(ge=0, le=5)]
RequiredLevel = Annotated[int, Limits(ge=1, le=5)]
Priority = Literal["critical", "important", "nice-to-have"]
Slug = Annotated[str, Limits(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Url = Annotated[str, Limits(pattern=r"^https?://[^\s]+$", max_length=500)]
Year = Annotated[int, Limits(ge=1900, le=2100)]

PRIORITY_WEIGHT: dict[str, int] = {"critical": 3, "important": 2, "nice-to-have": 1}
LEVEL_NAMES: dict[int, str] = {
    0: "none",
    1: "awareness",
    2: "working",
    3: "independent",
    4: "advanced",
    5: "expert",
}


class StrictModel(Record, frozen=True, forbid_extra=True):
    """Catalog entries reject unknown keys so that a typo in a file is reported, not ignored."""
