"""What a change touched, so that every view refreshes only what it shows (Anki's OpChanges).

Every use case in `skillpath.core.actions` returns a `Changes`: the one line to tell the
person, the profile it was about, and flags for each kind of thing that may have changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

# Tables of the database and which flag a change to a row of each sets.
_TABLE_FLAGS = {
    "profiles": ("profiles", "profile"),
    "plans": ("plan",),
    "phases": ("plan",),
    "deliverables": (),  # by key, see `deliverables`
    "notes": (),
    "evidence": (),
    "time_logs": (),
    "earned": ("profile",),
    "snapshots": ("profile",),
    "own_roles": ("roles",),
    "meta": (),
}


@dataclass(frozen=True)
class Changes:
    """What one change did.

    Attributes:
        message: one line for the person ("Ticked 'Python: ...' done").
        profile_id: the profile the change was about (a new one after creating).
        profiles: the list of profiles changed (created, renamed, deleted, imported).
        profile: the profile's details or skill levels changed (and so its analysis).
        plan: the plan's shape changed: deliverables added, removed, moved or rescheduled,
            or a new plan made; everything about the plan should be read again.
        deliverables: keys of deliverables whose state changed (status, hours, notes...).
        roles: own roles changed.
        history: the undo history changed.
    """

    message: str = ""
    profile_id: int | None = None
    profiles: bool = False
    profile: bool = False
    plan: bool = False
    deliverables: frozenset[str] = field(default_factory=frozenset)
    roles: bool = False
    history: bool = False

    @property
    def anything(self) -> bool:
        return bool(
            self.profiles
            or self.profile
            or self.plan
            or self.deliverables
            or self.roles
            or self.history
        )

    def with_message(self, message: str) -> Changes:
        return replace(self, message=message)

    def merged(self, other: Changes) -> Changes:
        """Both changes at once (the later message wins when it has one)."""
        return Changes(
            message=other.message or self.message,
            profile_id=other.profile_id if other.profile_id is not None else self.profile_id,
            profiles=self.profiles or other.profiles,
            profile=self.profile or other.profile,
            plan=self.plan or other.plan,
            deliverables=self.deliverables | other.deliverables,
            roles=self.roles or other.roles,
            history=self.history or other.history,
        )

    @classmethod
    def everything(cls, message: str = "", profile_id: int | None = None) -> Changes:
        """For a change whose reach cannot be told (a restore, outside changes)."""
        return cls(message, profile_id, True, True, True, frozenset(), True, True)


def from_tables(
    tables: Iterable[str], keys: Iterable[str], message: str, profile_id: int | None
) -> Changes:
    """The Changes of a set of touched tables and deliverable keys (used for undo/redo)."""
    flags: dict[str, bool] = {}
    for table in tables:
        for flag in _TABLE_FLAGS.get(table, ("plan",)):
            flags[flag] = True
    return Changes(
        message=message,
        profile_id=profile_id,
        deliverables=frozenset(keys),
        history=True,
        **flags,
    )
