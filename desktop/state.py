"""What the window shows, read from the store in one go on the worker thread.

Plain Python (no Qt): every job that changes something returns a fresh AppState, which
the window hands to the screens. Reading it all is cheap (a plan of 5,000 deliverables
reads in a few tens of milliseconds) and keeps every screen consistent with the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from skillpath.core.catalog import Catalog
from skillpath.core.db.store import Store
from skillpath.core.errors import ProfileError
from skillpath.core.gap import analyze
from skillpath.core.models import Analysis, Role
from skillpath.core.own_roles import catalog_with_own, list_own_roles
from skillpath.core.progress import Status, status
from skillpath.core.tracking import (
    ProfileRow,
    Snapshot,
    Tracker,
    list_profiles,
    remember_profile,
    snapshots,
)
from skillpath.desktop.models import PhaseRow, Row


@dataclass(frozen=True)
class AppState:
    """Everything the screens need about the current profile and its plan."""

    today: dt.date
    profiles: list[ProfileRow]
    catalog: Catalog | None = None  # the shipped catalog with this data file's own roles
    own_roles: list[Role] = field(default_factory=list)
    profile: ProfileRow | None = None
    role: Role | None = None
    status: Status | None = None
    analysis: Analysis | None = None
    snapshots: list[Snapshot] = field(default_factory=list)
    history: list[tuple[str, bool]] = field(default_factory=list)
    can_undo: bool = False
    can_redo: bool = False
    message: str = ""  # what the last change did, for the status bar

    @property
    def has_plan(self) -> bool:
        return self.status is not None

    def phases(self) -> list[PhaseRow]:
        """The roadmap rows, grouped by phase."""
        if self.status is None:
            return []
        out: list[PhaseRow] = []
        for item in self.status.items:
            if not out or out[-1].number != item.phase:
                out.append(PhaseRow(item.phase, item.phase_title, []))
            out[-1].rows.append(
                Row(
                    key=item.key,
                    kind=item.kind,
                    title=item.title,
                    hours=item.hours,
                    due=item.due,
                    status=item.status,
                    done_on=item.done_on,
                    origin=item.origin,
                )
            )
        return out


def load_state(
    store: Store,
    catalog: Catalog,
    profile_id: int | None,
    today: dt.date | None = None,
    message: str = "",
) -> AppState:
    """Read the state of `profile_id` (or the last used profile, or the first one)."""
    today = today or dt.date.today()
    own = list_own_roles(store, catalog)
    catalog = catalog_with_own(catalog, own)
    profiles = list_profiles(store)
    if not profiles:
        return AppState(today=today, profiles=[], catalog=catalog, own_roles=own, message=message)
    chosen = next((p for p in profiles if p.id == profile_id), None)
    if chosen is None:
        last = store.meta("default_profile")
        chosen = next((p for p in profiles if str(p.id) == last), profiles[0])
    if store.meta("default_profile") != str(chosen.id):
        remember_profile(store, chosen.id)
    tracker = Tracker(store, chosen.id, catalog, today)
    try:
        st: Status | None = status(store, chosen.id, today)
    except ProfileError:
        st = None
    role = catalog.roles.get(st.plan.role_id) if st else None
    analysis = analyze(chosen.profile, role, catalog) if role else None
    return AppState(
        today=today,
        profiles=profiles,
        catalog=catalog,
        own_roles=own,
        profile=chosen,
        role=role,
        status=st,
        analysis=analysis,
        snapshots=snapshots(store, chosen.id),
        history=tracker.history(12),
        can_undo=tracker.can_undo(),
        can_redo=tracker.can_redo(),
        message=message,
    )


@dataclass(frozen=True)
class Details:
    """One deliverable in full, for the roadmap's details pane."""

    key: str
    kind: str
    title: str
    description: str
    hours: float
    start: dt.date
    due: dt.date
    metric: str
    status: str
    done_on: dt.date | None
    expires_on: dt.date | None
    resource_title: str
    resource_url: str
    origin: str
    notes: list[tuple[dt.date, str]]
    evidence: list[tuple[dt.date, str, str]]
    logs: list[tuple[dt.date, float]]


def load_details(store: Store, catalog: Catalog, profile_id: int, key: str) -> Details:
    """Everything about one deliverable of the profile's active plan."""
    import json

    tracker = Tracker(store, profile_id, catalog)
    rows = store.read(
        "SELECT d.id, d.kind, d.title, d.description, d.hours, d.start, d.due, d.metric, "
        "d.status, d.done_on, d.expires_on, d.resource, d.origin FROM deliverables d "
        "JOIN plans p ON p.id = d.plan_id WHERE p.profile_id = ? AND p.active = 1 "
        "AND d.key = ?",
        [profile_id, key],
    )
    if not rows:
        raise ProfileError(f"no deliverable '{key}' in the active plan")
    r = rows[0]
    resource = json.loads(r[11]) if r[11] else {}
    logs = store.read(
        'SELECT "on", hours FROM time_logs WHERE deliverable_id = ? ORDER BY "on"', [r[0]]
    )
    return Details(
        key=key,
        kind=r[1],
        title=r[2],
        description=r[3],
        hours=float(r[4]),
        start=dt.date.fromisoformat(r[5]),
        due=dt.date.fromisoformat(r[6]),
        metric=r[7],
        status=r[8],
        done_on=dt.date.fromisoformat(r[9]) if r[9] else None,
        expires_on=dt.date.fromisoformat(r[10]) if r[10] else None,
        resource_title=str(resource.get("title", "")),
        resource_url=str(resource.get("url", "")),
        origin=r[12],
        notes=tracker.notes(key),
        evidence=tracker.evidence(key),
        logs=[(dt.date.fromisoformat(d), float(h)) for d, h in logs],
    )
