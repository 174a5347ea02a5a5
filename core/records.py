"""What the data layer hands out: one typed record per stored thing (a profile, a plan, a
deliverable, a note...). Plain frozen dataclasses: cheap to build by the thousand, and the
same shape for the CLI, the reports and the app.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from skillpath.core.models import Profile, ResourceRef
from skillpath.core.rules import OPEN_STATUSES, Kind, Status

_SAFE_LINK = re.compile(r"^(?:https?://[^\s]+|mailto:[^\s]+)$", re.IGNORECASE)


def safe_link(value: str) -> str | None:
    """`value` when it may be shown or written as a link (http, https, mailto), else None.

    Every other scheme (file:, javascript:, smb:...) stays plain text everywhere.
    """
    text = value.strip()
    return text if _SAFE_LINK.match(text) and len(text) <= 2000 else None


@dataclass(frozen=True, slots=True)
class ProfileRecord:
    """A stored profile."""

    id: int
    name: str
    profile: Profile
    created: str


@dataclass(frozen=True, slots=True)
class PlanRecord:
    """A stored plan: the active one of a profile or one kept as history."""

    id: int
    profile_id: int
    active: bool
    created: str
    role_id: str
    role_title: str
    start: dt.date
    hours_per_week: float
    target: dt.date | None
    message: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PhaseRecord:
    """A phase of a stored plan; `number` counts from 1."""

    id: int
    number: int
    title: str
    skills: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Deliverable:
    """A deliverable as stored: what the plan asked for and where the person stands on it.

    `key` is the id a person types (`learn-python`, `own-3`); `id` is the row's id.
    `logged` is the hours spent on it so far (logged, or declared when it was done).
    """

    id: int
    key: str
    phase_id: int
    phase: int
    phase_title: str
    position: int
    kind: Kind
    title: str
    description: str
    skills: tuple[str, ...]
    targets: dict[str, int]
    hours: float
    start: dt.date
    due: dt.date
    metric: str
    resource: ResourceRef | None
    certification: str | None
    origin: str  # generated or own
    status: Status
    started_on: dt.date | None
    done_on: dt.date | None
    expires_on: dt.date | None
    logged: float = 0.0

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def counts(self) -> bool:
        """Part of the totals: everything but skipped work."""
        return self.status is not Status.SKIPPED

    @property
    def remaining(self) -> float:
        """What an open deliverable still takes: its hours less those spent on it, and at
        least half an hour (a started thing is not finished until it is ticked)."""
        if not self.is_open or not self.hours:
            return 0.0
        return max(self.hours - self.logged, 0.5)


@dataclass(frozen=True, slots=True)
class Note:
    on: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """Evidence kept with a deliverable: a link, a certificate id or a file path."""

    on: dt.date
    kind: str  # link, certificate or file
    value: str

    @property
    def url(self) -> str | None:
        """The evidence as a link when it is a safe one (http, https, mailto), else None."""
        return safe_link(self.value)


@dataclass(frozen=True, slots=True)
class TimeLog:
    """Hours spent on a deliverable: on one day, or declared when it was done and spread
    evenly from `since` to `on`."""

    on: dt.date
    hours: float
    since: dt.date | None = None

    @property
    def days(self) -> int:
        return (self.on - self.since).days + 1 if self.since else 1


@dataclass(frozen=True, slots=True)
class DeliverableDetails:
    """A deliverable with everything kept with it, for its details pane."""

    deliverable: Deliverable
    notes: tuple[Note, ...]
    evidence: tuple[Evidence, ...]
    logs: tuple[TimeLog, ...]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A dated copy of the gap analysis: readiness and every skill level."""

    on: dt.date
    role_id: str
    readiness: int
    levels: dict[str, int]


@dataclass(frozen=True, slots=True)
class Earned:
    """A skill level earned by finished work in a plan."""

    id: int
    plan_id: int
    skill: str
    level: int
    previous_level: int
    previous_source: str | None
    on: dt.date


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change in the undo history."""

    id: int
    at: str
    summary: str
    undone: bool
    origin: str
