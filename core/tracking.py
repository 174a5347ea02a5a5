"""Tracking: profiles and their plans in the store, status changes, hours, notes, evidence,
own deliverables, earned skill levels, snapshots, and undo/redo.

Every change a person makes runs in one transaction and is written to the operation log
as the rows it changed (before and after), so undo and redo survive a restart and apply
to whatever the change touched: a tick that earned a skill level is undone together with
the raised level and its snapshot.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple, cast

from pydantic import ValidationError

from skillpath.core.catalog import Catalog
from skillpath.core.db.store import Store, store_error
from skillpath.core.errors import InputError, ProfileError
from skillpath.core.gap import analyze
from skillpath.core.models import Plan, Profile

Status = Literal["todo", "in progress", "done", "skipped"]
STATUSES: tuple[Status, ...] = ("todo", "in progress", "done", "skipped")
LEARNING_KINDS = ("course", "reading", "practice")
KINDS = ("course", "reading", "practice", "project", "certification")
OPLOG_KEEP = 200  # per profile: the undo history a person can walk back through
MAX_LOG_HOURS = 24
MAX_HOURS = 2000
MAX_TEXT = 10_000
DEFAULT_PROFILE_KEY = "default_profile"

Change = list[Any]  # [table, rowid, before | None, after | None]


def _q(name: str) -> str:
    return '"' + name + '"'


def _short(title: str, width: int = 60) -> str:
    return title if len(title) <= width else title[: width - 3] + "..."


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class _Recorder:
    """Applies row changes inside a transaction and remembers how to reverse them."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.changes: list[Change] = []

    def insert(self, table: str, values: Mapping[str, Any]) -> int:
        cols = list(values)
        cur = self.conn.execute(
            f"INSERT INTO {_q(table)} ({', '.join(map(_q, cols))}) "
            f"VALUES ({', '.join('?' * len(cols))})",
            [values[c] for c in cols],
        )
        rowid = int(cur.lastrowid or 0)
        self.changes.append([table, rowid, None, {"id": rowid, **values}])
        return rowid

    def update(self, table: str, rowid: int, values: Mapping[str, Any]) -> None:
        cols = list(values)
        row = self.conn.execute(
            f"SELECT {', '.join(map(_q, cols))} FROM {_q(table)} WHERE id = ?", [rowid]
        ).fetchone()
        before = dict(zip(cols, row, strict=True))
        changed = {c: values[c] for c in cols if before[c] != values[c]}
        if not changed:
            return
        self.conn.execute(
            f"UPDATE {_q(table)} SET {', '.join(_q(c) + ' = ?' for c in changed)} WHERE id = ?",
            [*changed.values(), rowid],
        )
        self.changes.append([table, rowid, {c: before[c] for c in changed}, changed])

    def delete(self, table: str, rowid: int) -> None:
        cur = self.conn.execute(f"SELECT * FROM {_q(table)} WHERE id = ?", [rowid])
        names = [d[0] for d in cur.description]
        row = cur.fetchone()
        if row is None:
            return
        self.conn.execute(f"DELETE FROM {_q(table)} WHERE id = ?", [rowid])
        self.changes.append([table, rowid, dict(zip(names, row, strict=True)), None])


def _replay(conn: sqlite3.Connection, changes: Sequence[Change], backwards: bool) -> None:
    """Apply recorded changes forwards (redo) or in reverse (undo)."""
    for table, rowid, before, after in reversed(changes) if backwards else changes:
        new = before if backwards else after
        old = after if backwards else before
        if new is None:
            conn.execute(f"DELETE FROM {_q(table)} WHERE id = ?", [rowid])
        elif old is None:
            cols = list(new)
            conn.execute(
                f"INSERT INTO {_q(table)} ({', '.join(map(_q, cols))}) "
                f"VALUES ({', '.join('?' * len(cols))})",
                [new[c] for c in cols],
            )
        else:
            conn.execute(
                f"UPDATE {_q(table)} SET {', '.join(_q(c) + ' = ?' for c in new)} WHERE id = ?",
                [*new.values(), rowid],
            )


# ------------------------------------------------------------------ profiles and plans


@dataclass(frozen=True)
class ProfileRow:
    id: int
    name: str
    profile: Profile
    created: str


@dataclass(frozen=True)
class PlanRow:
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


class Item(NamedTuple):
    """A deliverable as stored, with the hours logged against it.

    A named tuple, not a dataclass: `status` builds thousands of these and must stay fast.
    """

    id: int
    key: str
    phase_id: int
    phase: int  # 1-based phase number
    phase_title: str
    position: int
    kind: str
    title: str
    hours: float
    start: dt.date
    due: dt.date
    status: Status
    started_on: dt.date | None
    done_on: dt.date | None
    expires_on: dt.date | None
    origin: str
    certification: str | None
    targets_json: str
    logged: float

    @property
    def targets(self) -> dict[str, int]:
        """Skill id -> the level this deliverable aims for."""
        return cast(dict[str, int], json.loads(self.targets_json))


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _profile_row(row: sqlite3.Row | tuple[Any, ...]) -> ProfileRow:
    return ProfileRow(
        id=row[0], name=row[1], profile=Profile.model_validate_json(row[2]), created=row[3]
    )


def list_profiles(store: Store) -> list[ProfileRow]:
    rows = store.read("SELECT id, name, data, created FROM profiles ORDER BY name COLLATE NOCASE")
    return [_profile_row(r) for r in rows]


def get_profile(store: Store, profile_id: int) -> ProfileRow:
    rows = store.read("SELECT id, name, data, created FROM profiles WHERE id = ?", [profile_id])
    if not rows:
        raise ProfileError(f"no profile with id {profile_id}")
    return _profile_row(rows[0])


def find_profile(store: Store, name: str | None) -> ProfileRow:
    """The profile called `name`; without a name, the only one or the last one used.

    Raises:
        ProfileError: no such profile, no profile at all, or several and none chosen.
    """
    if name is not None:
        rows = store.read(
            "SELECT id, name, data, created FROM profiles WHERE name = ? COLLATE NOCASE",
            [name.strip()],
        )
        if not rows:
            known = ", ".join(p.name for p in list_profiles(store)) or "none yet"
            raise ProfileError(f"no profile called '{name}' (profiles: {known})")
        return _profile_row(rows[0])
    profiles = list_profiles(store)
    if not profiles:
        raise ProfileError(
            "there is no profile yet: create one with `skillpath profile create` "
            "or try `skillpath demo`"
        )
    if len(profiles) == 1:
        return profiles[0]
    default = store.meta(DEFAULT_PROFILE_KEY)
    for p in profiles:
        if default is not None and str(p.id) == default:
            return p
    names = ", ".join(p.name for p in profiles)
    raise ProfileError(f"there are several profiles ({names}); choose one with --profile NAME")


def remember_profile(store: Store, profile_id: int) -> None:
    """Make this profile the default for commands that do not name one."""
    if store.meta(DEFAULT_PROFILE_KEY) != str(profile_id):
        store.set_meta(DEFAULT_PROFILE_KEY, str(profile_id))


def _insert_plan(conn: sqlite3.Connection, profile_id: int, plan: Plan, created: str) -> int:
    conn.execute("UPDATE plans SET active = 0 WHERE profile_id = ? AND active = 1", [profile_id])
    cur = conn.execute(
        "INSERT INTO plans (profile_id, active, created, role_id, role_title, start, "
        "hours_per_week, target, message, options) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            profile_id,
            created,
            plan.role.id,
            plan.role.title,
            plan.start.isoformat(),
            plan.hours_per_week,
            plan.target.isoformat() if plan.target else None,
            plan.message,
            json.dumps(
                {
                    "total_hours": plan.total_hours,
                    "finish": plan.finish.isoformat(),
                    "feasible": plan.feasible,
                    "needed_hours_per_week": plan.needed_hours_per_week,
                }
            ),
        ],
    )
    plan_id = int(cur.lastrowid or 0)
    rows: list[tuple[Any, ...]] = []
    for number, phase in enumerate(plan.phases, start=1):
        pcur = conn.execute(
            "INSERT INTO phases (plan_id, position, title, skills) VALUES (?, ?, ?, ?)",
            [plan_id, number, phase.title, json.dumps(phase.skills)],
        )
        phase_id = int(pcur.lastrowid or 0)
        for position, d in enumerate(phase.deliverables, start=1):
            rows.append(
                (
                    plan_id,
                    phase_id,
                    d.id,
                    position,
                    d.kind,
                    d.title,
                    d.description,
                    json.dumps(d.skills),
                    json.dumps(d.targets),
                    d.hours,
                    d.start.isoformat(),
                    d.due.isoformat(),
                    d.metric,
                    d.resource.model_dump_json() if d.resource else None,
                    d.certification,
                )
            )
    conn.executemany(
        "INSERT INTO deliverables (plan_id, phase_id, key, position, kind, title, description, "
        "skills, targets, hours, start, due, metric, resource, certification) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return plan_id


def _snapshot_row(
    profile_id: int, profile: Profile, role_id: str, catalog: Catalog, on: dt.date
) -> dict[str, Any] | None:
    role = catalog.roles.get(role_id)
    if role is None:  # the role left the catalog: there is nothing to measure against
        return None
    analysis = analyze(profile, role, catalog)
    return {
        "profile_id": profile_id,
        "on": on.isoformat(),
        "role_id": role_id,
        "readiness": analysis.readiness,
        "levels": json.dumps(profile.skills, sort_keys=True),
    }


def create_profile(
    store: Store,
    profile: Profile,
    plan: Plan,
    catalog: Catalog,
    *,
    today: dt.date | None = None,
) -> ProfileRow:
    """Store a new profile with `plan` as its active plan and a first snapshot.

    Raises:
        ProfileError: a profile of that name exists.
    """
    today = today or dt.date.today()
    with store.transaction() as conn:
        exists = conn.execute(
            "SELECT 1 FROM profiles WHERE name = ? COLLATE NOCASE", [profile.name]
        ).fetchone()
        if exists:
            raise ProfileError(f"a profile called '{profile.name}' exists already")
        cur = conn.execute(
            "INSERT INTO profiles (name, data, created) VALUES (?, ?, ?)",
            [profile.name, profile.model_dump_json(), today.isoformat()],
        )
        profile_id = int(cur.lastrowid or 0)
        _insert_plan(conn, profile_id, plan, today.isoformat())
        snap = _snapshot_row(profile_id, profile, plan.role.id, catalog, today)
        if snap is not None:
            _Recorder(conn).insert("snapshots", snap)
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [DEFAULT_PROFILE_KEY, str(profile_id)],
        )
    return get_profile(store, profile_id)


def replace_plan(store: Store, profile_id: int, plan: Plan, *, today: dt.date | None = None) -> int:
    """Make `plan` the profile's active plan; the previous one is kept as history."""
    today = today or dt.date.today()
    with store.transaction() as conn:
        return _insert_plan(conn, profile_id, plan, today.isoformat())


def delete_profile(store: Store, profile_id: int) -> None:
    """Delete a profile with its plans, history and snapshots."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM profiles WHERE id = ?", [profile_id])
        if store.meta(DEFAULT_PROFILE_KEY) == str(profile_id):
            conn.execute("DELETE FROM meta WHERE key = ?", [DEFAULT_PROFILE_KEY])


def _plan_row(row: Sequence[Any]) -> PlanRow:
    return PlanRow(
        id=row[0],
        profile_id=row[1],
        active=bool(row[2]),
        created=row[3],
        role_id=row[4],
        role_title=row[5],
        start=dt.date.fromisoformat(row[6]),
        hours_per_week=row[7],
        target=_date(row[8]),
        message=row[9],
    )


_PLAN_COLS = (
    "id, profile_id, active, created, role_id, role_title, start, hours_per_week, target, message"
)


def active_plan(store: Store, profile_id: int) -> PlanRow:
    rows = store.read(
        f"SELECT {_PLAN_COLS} FROM plans WHERE profile_id = ? AND active = 1", [profile_id]
    )
    if not rows:
        raise ProfileError("this profile has no plan yet")
    return _plan_row(rows[0])


def plans_of(store: Store, profile_id: int) -> list[PlanRow]:
    """Every plan of the profile, the oldest first; the last is the active one."""
    rows = store.read(
        f"SELECT {_PLAN_COLS} FROM plans WHERE profile_id = ? ORDER BY active, id", [profile_id]
    )
    return [_plan_row(r) for r in rows]


_ITEM_SQL = """
SELECT id, key, phase_id, position, kind, title, hours, start, due, status, started_on,
       done_on, expires_on, origin, certification, targets
FROM deliverables WHERE plan_id = ?
"""
_LOGGED_SQL = """
SELECT l.deliverable_id, sum(l.hours) FROM time_logs l
JOIN deliverables d ON d.id = l.deliverable_id WHERE d.plan_id = ?
GROUP BY l.deliverable_id
"""


def items(store: Store, plan_id: int) -> list[Item]:
    """The plan's deliverables in plan order (phase, then position)."""
    try:
        conn = store.conn
        phases = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                "SELECT id, position, title FROM phases WHERE plan_id = ?", [plan_id]
            )
        }
        logged = dict(conn.execute(_LOGGED_SQL, [plan_id]).fetchall())
        rows = conn.execute(_ITEM_SQL, [plan_id]).fetchall()
    except sqlite3.Error as exc:
        raise store_error(exc, store.path) from None
    # Sorting here is cheaper than a join and ORDER BY in SQLite for thousands of rows.
    rows.sort(key=lambda r: (phases[r[2]][0], r[3], r[0]))
    iso = dt.date.fromisoformat
    return [
        Item(
            r[0], r[1], r[2], phases[r[2]][0], phases[r[2]][1], r[3], r[4], r[5], r[6],
            iso(r[7]), iso(r[8]), r[9], iso(r[10]) if r[10] else None,
            iso(r[11]) if r[11] else None, iso(r[12]) if r[12] else None, r[13], r[14], r[15],
            float(logged.get(r[0], 0.0)),
        )
        for r in rows
    ]  # fmt: skip


@dataclass(frozen=True)
class Snapshot:
    on: dt.date
    role_id: str
    readiness: int
    levels: dict[str, int]


def snapshots(store: Store, profile_id: int) -> list[Snapshot]:
    """The profile's dated snapshots, oldest first."""
    rows = store.read(
        'SELECT "on", role_id, readiness, levels FROM snapshots WHERE profile_id = ? '
        'ORDER BY "on", id',
        [profile_id],
    )
    return [Snapshot(dt.date.fromisoformat(r[0]), r[1], r[2], json.loads(r[3])) for r in rows]


def evidence_kind(text: str) -> str:
    """'link' for a URL, 'file' for something that looks like a local path, else
    'certificate' (a certificate or credential id)."""
    value = text.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE):
        return "link"
    if (
        value.startswith(("/", "~", "./", "../", "\\\\"))
        or re.match(r"^[A-Za-z]:[\\/]", value)
        or Path(value).expanduser().exists()
    ):
        return "file"
    return "certificate"


# ------------------------------------------------------------------ the tracker


@dataclass(frozen=True)
class Earned:
    skill: str
    level: int
    previous_level: int
    on: dt.date


class Tracker:
    """Changes to one profile's active plan. Each public method is one undoable change.

    Args:
        store: the open store.
        profile_id: whose plan.
        catalog: needed to measure readiness for snapshots and certification expiry;
            loaded from the shipped catalog when first needed if not given.
        today: the date "today" means; the real date when not given.
    """

    def __init__(
        self,
        store: Store,
        profile_id: int,
        catalog: Catalog | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.store = store
        self.profile_id = profile_id
        self._catalog = catalog
        self._today = today
        self._name: str | None = None

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    @today.setter
    def today(self, value: dt.date | None) -> None:
        self._today = value

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            from skillpath.core.catalog import shipped_catalog

            self._catalog = shipped_catalog()
        return self._catalog

    @property
    def name(self) -> str:
        if self._name is None:
            self._name = get_profile(self.store, self.profile_id).name
        return self._name

    def plan(self) -> PlanRow:
        return active_plan(self.store, self.profile_id)

    # ------------------------------------------------------------ plumbing

    @contextlib.contextmanager
    def _op(self, summary: str) -> Iterator[_Recorder]:
        with self.store.transaction() as conn:
            rec = _Recorder(conn)
            yield rec
            if not rec.changes:
                return
            conn.execute("DELETE FROM oplog WHERE profile_id = ? AND undone = 1", [self.profile_id])
            conn.execute(
                "INSERT INTO oplog (profile_id, at, summary, changes) VALUES (?, ?, ?, ?)",
                [
                    self.profile_id,
                    dt.datetime.now().isoformat(timespec="seconds"),
                    summary,
                    json.dumps(rec.changes, separators=(",", ":")),
                ],
            )
            conn.execute(
                "DELETE FROM oplog WHERE profile_id = ? AND id <= (SELECT id FROM oplog "
                "WHERE profile_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)",
                [self.profile_id, self.profile_id, OPLOG_KEEP],
            )

    def _plan_id(self, conn: sqlite3.Connection) -> int:
        row = conn.execute(
            "SELECT id FROM plans WHERE profile_id = ? AND active = 1", [self.profile_id]
        ).fetchone()
        if row is None:
            raise ProfileError(f"{self.name} has no plan yet")
        return int(row[0])

    def _row(self, conn: sqlite3.Connection, key: str) -> dict[str, Any]:
        plan_id = self._plan_id(conn)
        cur = conn.execute(
            "SELECT * FROM deliverables WHERE plan_id = ? AND key = ?", [plan_id, key]
        )
        row = cur.fetchone()
        if row is None:
            raise InputError(
                f"no deliverable '{key}' in the plan of {self.name} (`skillpath status` lists them)"
            )
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def _day(self, on: dt.date | None, what: str = "date") -> dt.date:
        day = on or self.today
        if day > self.today:
            raise InputError(f"the {what} {day} is in the future")
        if day.year < 1990:
            raise InputError(f"the {what} {day} is too long ago")
        return day

    # ------------------------------------------------------------ status

    def tick(
        self,
        key: str,
        *,
        on: dt.date | None = None,
        evidence: str | None = None,
        note: str | None = None,
    ) -> str:
        """Mark a deliverable done on `on` (today), with optional evidence and a note.

        A certification gets its expiry date from the catalog's validity period. When this
        completes every learning deliverable for a skill, the skill is raised to the plan's
        target level as earned, and a snapshot is taken.

        Returns:
            What was done, in one line.
        """
        day = self._day(on, "completion date")
        evidence = self._clean(evidence, "evidence") if evidence is not None else None
        note = self._clean(note, "note") if note is not None else None
        with self.store.transaction() as conn:
            row = self._row(conn, key)
        title = _short(row["title"])
        if row["status"] == "done" and not evidence and not note:
            raise InputError(f"'{key}' is done already (on {row['done_on']})")
        summary = f"ticked '{title}' done"
        if row["status"] == "done":
            summary = f"added {'evidence' if evidence else 'a note'} to '{title}'"
        with self._op(summary) as rec:
            if row["status"] != "done":
                values: dict[str, Any] = {"status": "done", "done_on": day.isoformat()}
                if row["kind"] == "certification" and row["certification"]:
                    cert = self.catalog.certifications.get(row["certification"])
                    if cert is not None and cert.validity_years:
                        values["expires_on"] = add_years(day, cert.validity_years).isoformat()
                rec.update("deliverables", row["id"], values)
            if evidence:
                rec.insert(
                    "evidence",
                    {
                        "deliverable_id": row["id"],
                        "on": day.isoformat(),
                        "kind": evidence_kind(evidence),
                        "value": evidence,
                    },
                )
            if note:
                rec.insert(
                    "notes", {"deliverable_id": row["id"], "on": day.isoformat(), "text": note}
                )
            if row["status"] != "done":
                self._reconcile(rec, row, day)
        return summary

    def untick(self, key: str) -> str:
        """Take a done deliverable back to in progress (if hours were logged) or to do."""
        with self.store.transaction() as conn:
            row = self._row(conn, key)
            logged = conn.execute(
                "SELECT count(*) FROM time_logs WHERE deliverable_id = ?", [row["id"]]
            ).fetchone()[0]
        if row["status"] != "done":
            raise InputError(f"'{key}' is not done (it is {row['status']})")
        status = "in progress" if logged or row["started_on"] else "todo"
        summary = f"ticked '{_short(row['title'])}' back to {status}"
        with self._op(summary) as rec:
            rec.update(
                "deliverables", row["id"], {"status": status, "done_on": None, "expires_on": None}
            )
            self._reconcile(rec, row, self.today)
        return summary

    def start(self, key: str, *, on: dt.date | None = None) -> str:
        """Mark a deliverable in progress."""
        day = self._day(on, "start date")
        with self.store.transaction() as conn:
            row = self._row(conn, key)
        if row["status"] == "in progress":
            raise InputError(f"'{key}' is in progress already")
        if row["status"] == "done":
            raise InputError(f"'{key}' is done; use `tick {key} --undo` to reopen it")
        summary = f"started '{_short(row['title'])}'"
        with self._op(summary) as rec:
            rec.update(
                "deliverables",
                row["id"],
                {"status": "in progress", "started_on": row["started_on"] or day.isoformat()},
            )
        return summary

    def skip(self, key: str) -> str:
        """Mark a deliverable skipped: it leaves the totals and the schedule."""
        with self.store.transaction() as conn:
            row = self._row(conn, key)
        if row["status"] == "skipped":
            raise InputError(f"'{key}' is skipped already")
        summary = f"skipped '{_short(row['title'])}'"
        with self._op(summary) as rec:
            rec.update(
                "deliverables",
                row["id"],
                {"status": "skipped", "done_on": None, "expires_on": None},
            )
            if row["status"] == "done":
                self._reconcile(rec, row, self.today)
        return summary

    def reopen(self, key: str) -> str:
        """Take a skipped (or done) deliverable back to do."""
        with self.store.transaction() as conn:
            row = self._row(conn, key)
        if row["status"] == "todo":
            raise InputError(f"'{key}' is to do already")
        summary = f"reopened '{_short(row['title'])}'"
        with self._op(summary) as rec:
            rec.update(
                "deliverables", row["id"], {"status": "todo", "done_on": None, "expires_on": None}
            )
            if row["status"] == "done":
                self._reconcile(rec, row, self.today)
        return summary

    # ------------------------------------------------------------ hours, notes, evidence

    def log(self, key: str, hours: float, *, on: dt.date | None = None) -> str:
        """Log hours of work on a deliverable; one still to do becomes in progress."""
        if not (0 < hours <= MAX_LOG_HOURS):  # also refuses nan
            raise InputError(
                f"hours must be more than 0 and at most {MAX_LOG_HOURS}, not {hours:g}"
            )
        day = self._day(on)
        with self.store.transaction() as conn:
            row = self._row(conn, key)
        summary = f"logged {hours:g} h on '{_short(row['title'])}'"
        with self._op(summary) as rec:
            rec.insert(
                "time_logs", {"deliverable_id": row["id"], "on": day.isoformat(), "hours": hours}
            )
            if row["status"] == "todo":
                rec.update(
                    "deliverables",
                    row["id"],
                    {"status": "in progress", "started_on": row["started_on"] or day.isoformat()},
                )
        return summary

    @staticmethod
    def _clean(text: str, what: str) -> str:
        value = text.strip()
        if not value:
            raise InputError(f"the {what} is empty")
        if len(value) > MAX_TEXT:
            raise InputError(f"the {what} is longer than {MAX_TEXT:,} characters")
        if "\x00" in value:
            raise InputError(f"the {what} contains a NUL character")
        return value

    def note(self, key: str, text: str, *, on: dt.date | None = None) -> str:
        """Add a note (free text) to a deliverable."""
        text = self._clean(text, "note")
        day = self._day(on)
        with self.store.transaction() as conn:
            row = self._row(conn, key)
        summary = f"added a note to '{_short(row['title'])}'"
        with self._op(summary) as rec:
            rec.insert("notes", {"deliverable_id": row["id"], "on": day.isoformat(), "text": text})
        return summary

    def add_evidence(self, key: str, value: str, *, on: dt.date | None = None) -> str:
        """Add evidence (a link, a certificate id or a local file path) to a deliverable."""
        value = self._clean(value, "evidence")
        day = self._day(on)
        with self.store.transaction() as conn:
            row = self._row(conn, key)
        summary = f"added evidence to '{_short(row['title'])}'"
        with self._op(summary) as rec:
            rec.insert(
                "evidence",
                {
                    "deliverable_id": row["id"],
                    "on": day.isoformat(),
                    "kind": evidence_kind(value),
                    "value": value,
                },
            )
        return summary

    def notes(self, key: str) -> list[tuple[dt.date, str]]:
        with self.store.transaction() as conn:
            row = self._row(conn, key)
        rows = self.store.read(
            'SELECT "on", text FROM notes WHERE deliverable_id = ? ORDER BY id', [row["id"]]
        )
        return [(dt.date.fromisoformat(r[0]), r[1]) for r in rows]

    def evidence(self, key: str) -> list[tuple[dt.date, str, str]]:
        with self.store.transaction() as conn:
            row = self._row(conn, key)
        rows = self.store.read(
            'SELECT "on", kind, value FROM evidence WHERE deliverable_id = ? ORDER BY id',
            [row["id"]],
        )
        return [(dt.date.fromisoformat(r[0]), r[1], r[2]) for r in rows]

    # ------------------------------------------------------------ editing the plan

    def _phase_id(self, conn: sqlite3.Connection, plan_id: int, phase: int | None) -> int:
        rows = conn.execute(
            "SELECT id, position FROM phases WHERE plan_id = ? ORDER BY position", [plan_id]
        ).fetchall()
        if not rows:
            raise InputError("the plan has no phases to add to")
        if phase is None:
            return int(rows[-1][0])
        for pid, position in rows:
            if position == phase:
                return int(pid)
        raise InputError(f"there is no phase {phase} (the plan has {len(rows)})")

    @staticmethod
    def _check_fields(values: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in values.items():
            if name in ("title", "description", "metric"):
                if not isinstance(value, str):
                    raise InputError(f"the {name} must be text")
                value = value.strip()
                if name == "title" and not value:
                    raise InputError("the title is empty")
                if len(value) > MAX_TEXT:
                    raise InputError(f"the {name} is too long")
            elif name == "kind":
                if value not in KINDS:
                    raise InputError(f"the kind must be one of {', '.join(KINDS)}, not {value!r}")
            elif name == "hours":
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise InputError("the hours must be a number")
                if not 0 < value <= MAX_HOURS:
                    raise InputError(f"the hours must be more than 0 and at most {MAX_HOURS}")
            elif name in ("start", "due"):
                if not isinstance(value, dt.date):
                    raise InputError(f"the {name} must be a date")
                value = value.isoformat()
            elif name == "targets":
                if not isinstance(value, dict) or not all(
                    isinstance(k, str) and isinstance(v, int) and 1 <= v <= 5
                    for k, v in value.items()
                ):
                    raise InputError("targets must map skill ids to levels 1-5")
                value = json.dumps(value)
            elif name == "skills":
                if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
                    raise InputError("skills must be a list of skill ids")
                value = json.dumps(value)
            else:
                raise InputError(f"'{name}' cannot be edited")
            out[name] = value
        if "start" in out and "due" in out and out["due"] < out["start"]:
            raise InputError(f"the due date {out['due']} is before the start {out['start']}")
        return out

    def add(
        self,
        title: str,
        *,
        kind: str = "practice",
        hours: float = 4,
        due: dt.date | None = None,
        phase: int | None = None,
        index: int | None = None,
        description: str = "",
        metric: str = "",
        targets: dict[str, int] | None = None,
    ) -> str:
        """Add an own deliverable to a phase (the last by default), at `index` (0-based) or at
        its end. It starts today and is due `due` (by default, after the phase's last item).

        Returns:
            The new deliverable's id, like 'own-3'.
        """
        fields = self._check_fields(
            {
                "title": title,
                "kind": kind,
                "hours": hours,
                "description": description,
                "metric": metric,
                "targets": targets or {},
                "skills": sorted(targets or {}),
            }
        )
        with self.store.transaction() as conn:
            plan_id = self._plan_id(conn)
            phase_id = self._phase_id(conn, plan_id, phase)
            keys = {
                r[0]
                for r in conn.execute("SELECT key FROM deliverables WHERE plan_id = ?", [plan_id])
            }
            number = 1
            while f"own-{number}" in keys:
                number += 1
            key = f"own-{number}"
            last = conn.execute(
                "SELECT max(due) FROM deliverables WHERE phase_id = ?", [phase_id]
            ).fetchone()[0]
        start = self.today
        if due is None:
            base = max(dt.date.fromisoformat(last), start) if last else start
            due = base + dt.timedelta(days=7)
        if due < start:
            start = due
        with self._op(f"added '{_short(fields['title'])}'") as rec:
            siblings = self._siblings(rec.conn, phase_id)
            at = len(siblings) if index is None else max(0, min(index, len(siblings)))
            new_id = rec.insert(
                "deliverables",
                {
                    "plan_id": plan_id,
                    "phase_id": phase_id,
                    "key": key,
                    "position": at + 1,
                    "start": start.isoformat(),
                    "due": due.isoformat(),
                    "origin": "own",
                    "status": "todo",
                    **fields,
                },
            )
            siblings.insert(at, new_id)
            self._renumber(rec, siblings)
        return key

    def edit(self, key: str, **fields: Any) -> str:
        """Change a deliverable's title, description, kind, hours, start, due, metric or targets."""
        if not fields:
            raise InputError("nothing to change")
        values = self._check_fields(fields)
        with self.store.transaction() as conn:
            row = self._row(conn, key)
        start = values.get("start", row["start"])
        due = values.get("due", row["due"])
        if due < start:
            raise InputError(f"the due date {due} is before the start {start}")
        if "targets" in values and "skills" not in values:
            values["skills"] = json.dumps(
                sorted(set(json.loads(row["skills"])) | set(fields["targets"]))
            )
        summary = f"edited '{_short(row['title'])}'"
        with self._op(summary) as rec:
            rec.update("deliverables", row["id"], values)
            if "targets" in values or "kind" in values:
                merged = {**row, **values}
                self._reconcile(rec, row, self.today, also=merged)
        return summary

    def _siblings(self, conn: sqlite3.Connection, phase_id: int) -> list[int]:
        return [
            int(r[0])
            for r in conn.execute(
                "SELECT id FROM deliverables WHERE phase_id = ? ORDER BY position, id", [phase_id]
            )
        ]

    @staticmethod
    def _renumber(rec: _Recorder, ids: Sequence[int]) -> None:
        for position, rowid in enumerate(ids, start=1):
            rec.update("deliverables", rowid, {"position": position})

    def move(self, key: str, index: int, *, phase: int | None = None) -> str:
        """Move a deliverable to `index` (0-based) within its phase or within `phase`."""
        with self.store.transaction() as conn:
            row = self._row(conn, key)
            target = (
                row["phase_id"] if phase is None else self._phase_id(conn, row["plan_id"], phase)
            )
        summary = f"moved '{_short(row['title'])}'"
        with self._op(summary) as rec:
            if target != row["phase_id"]:
                old = [i for i in self._siblings(rec.conn, row["phase_id"]) if i != row["id"]]
                self._renumber(rec, old)
                rec.update("deliverables", row["id"], {"phase_id": target})
            siblings = [i for i in self._siblings(rec.conn, target) if i != row["id"]]
            siblings.insert(max(0, min(index, len(siblings))), row["id"])
            self._renumber(rec, siblings)
        return summary

    def remove(self, key: str) -> str:
        """Remove a deliverable with its notes, evidence and logged hours."""
        with self.store.transaction() as conn:
            row = self._row(conn, key)
        summary = f"removed '{_short(row['title'])}'"
        with self._op(summary) as rec:
            for table in ("notes", "evidence", "time_logs"):
                for (child,) in rec.conn.execute(
                    f"SELECT id FROM {table} WHERE deliverable_id = ?", [row["id"]]
                ).fetchall():
                    rec.delete(table, child)
            rec.delete("deliverables", row["id"])
            self._renumber(rec, self._siblings(rec.conn, row["phase_id"]))
            self._reconcile(rec, row, self.today)
        return summary

    def reschedule(
        self,
        dates: Mapping[str, tuple[dt.date, dt.date]],
        summary: str,
        plan_values: Mapping[str, Any] | None = None,
    ) -> str:
        """Set new start and due dates for deliverables (by id) in one change."""
        with self.store.transaction() as conn:
            plan_id = self._plan_id(conn)
            ids = dict(
                conn.execute(
                    "SELECT key, id FROM deliverables WHERE plan_id = ?", [plan_id]
                ).fetchall()
            )
        with self._op(summary) as rec:
            for key, (start, due) in dates.items():
                rec.update(
                    "deliverables", ids[key], {"start": start.isoformat(), "due": due.isoformat()}
                )
            if plan_values:
                rec.update("plans", plan_id, dict(plan_values))
        return summary

    # ------------------------------------------------------------ earned levels

    def _reconcile(
        self,
        rec: _Recorder,
        row: Mapping[str, Any],
        day: dt.date,
        also: Mapping[str, Any] | None = None,
    ) -> None:
        """Earn or give back the skill levels the changed deliverable targets."""
        skills = set(json.loads(row["targets"]))
        if also is not None:
            skills |= set(json.loads(also["targets"]))
        if not skills:
            return
        plan_id = int(row["plan_id"])
        conn = rec.conn
        prow = conn.execute("SELECT data FROM profiles WHERE id = ?", [self.profile_id]).fetchone()
        profile = Profile.model_validate_json(prow[0])
        levels = dict(profile.skills)
        sources = dict(profile.skill_sources)
        changed = False
        for skill in sorted(skills):
            found = conn.execute(
                "SELECT d.status, t.value FROM deliverables d, json_each(d.targets) t "
                "WHERE d.plan_id = ? AND t.key = ? AND d.kind IN ('course', 'reading', 'practice')",
                [plan_id, skill],
            ).fetchall()
            counted = [(status, int(level)) for status, level in found if status != "skipped"]
            complete = bool(counted) and all(status == "done" for status, _ in counted)
            target = max((level for _, level in counted), default=0)
            earned = conn.execute(
                "SELECT id, level, previous_level, previous_source FROM earned "
                "WHERE profile_id = ? AND plan_id = ? AND skill = ?",
                [self.profile_id, plan_id, skill],
            ).fetchone()
            if complete and earned is None and levels.get(skill, 0) < target:
                rec.insert(
                    "earned",
                    {
                        "profile_id": self.profile_id,
                        "plan_id": plan_id,
                        "skill": skill,
                        "level": target,
                        "previous_level": levels.get(skill, 0),
                        "previous_source": sources.get(skill),
                        "on": day.isoformat(),
                    },
                )
                levels[skill] = target
                sources[skill] = "earned"
                changed = True
            elif not complete and earned is not None:
                rec.delete("earned", int(earned[0]))
                if levels.get(skill) == earned[1] and sources.get(skill) == "earned":
                    if earned[2]:
                        levels[skill] = int(earned[2])
                    else:
                        levels.pop(skill, None)
                    if earned[3]:
                        sources[skill] = earned[3]
                    else:
                        sources.pop(skill, None)
                changed = True
        if not changed:
            return
        updated = profile.model_copy(update={"skills": levels, "skill_sources": sources})
        rec.update("profiles", self.profile_id, {"data": updated.model_dump_json()})
        role_id = conn.execute("SELECT role_id FROM plans WHERE id = ?", [plan_id]).fetchone()[0]
        snap = _snapshot_row(self.profile_id, updated, role_id, self.catalog, day)
        if snap is not None:
            rec.insert("snapshots", snap)

    def update_profile(self, profile: Profile) -> str:
        """Replace the profile's details (name, experience, focus, time, dates, skills).

        A change of skill levels takes a dated snapshot against the active plan's role, so
        the readiness trend shows it. Undoable like every other change.

        Raises:
            ProfileError: the profile is not valid, or another profile has its name.
        """
        try:
            checked = Profile.model_validate(profile.model_dump())
        except ValidationError as exc:
            from skillpath.core.profile_io import describe_validation

            raise ProfileError(describe_validation(exc)) from None
        from skillpath.core.gap import check_profile_skills

        check_profile_skills(checked, self.catalog)
        current = get_profile(self.store, self.profile_id)
        clash = self.store.read(
            "SELECT 1 FROM profiles WHERE name = ? COLLATE NOCASE AND id != ?",
            [checked.name, self.profile_id],
        )
        if clash:
            raise ProfileError(f"a profile called '{checked.name}' exists already")
        if checked == current.profile:
            return "nothing changed"
        with self._op(f"edited the profile of {checked.name}") as rec:
            rec.update(
                "profiles",
                self.profile_id,
                {"name": checked.name, "data": checked.model_dump_json()},
            )
            if checked.skills != current.profile.skills:
                plan = rec.conn.execute(
                    "SELECT role_id FROM plans WHERE profile_id = ? AND active = 1",
                    [self.profile_id],
                ).fetchone()
                if plan is not None:
                    snap = _snapshot_row(
                        self.profile_id, checked, plan[0], self.catalog, self.today
                    )
                    if snap is not None:
                        rec.insert("snapshots", snap)
        self._name = checked.name
        return f"saved the profile of {checked.name}"

    def earned(self) -> list[Earned]:
        rows = self.store.read(
            'SELECT skill, level, previous_level, "on" FROM earned WHERE profile_id = ? '
            "ORDER BY id",
            [self.profile_id],
        )
        return [Earned(r[0], r[1], r[2], dt.date.fromisoformat(r[3])) for r in rows]

    # ------------------------------------------------------------ undo and redo

    def history(self, limit: int = 20) -> list[tuple[str, bool]]:
        """The latest changes, newest first, each with whether it is undone."""
        rows = self.store.read(
            "SELECT summary, undone FROM oplog WHERE profile_id = ? ORDER BY id DESC LIMIT ?",
            [self.profile_id, limit],
        )
        return [(r[0], bool(r[1])) for r in rows]

    def can_undo(self) -> bool:
        return bool(
            self.store.read(
                "SELECT 1 FROM oplog WHERE profile_id = ? AND undone = 0 LIMIT 1", [self.profile_id]
            )
        )

    def can_redo(self) -> bool:
        return bool(
            self.store.read(
                "SELECT 1 FROM oplog WHERE profile_id = ? AND undone = 1 LIMIT 1", [self.profile_id]
            )
        )

    def undo(self) -> str:
        """Reverse the latest change that is not undone.

        Returns:
            'Undid: ' and what the change was.

        Raises:
            InputError: there is nothing to undo.
        """
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT id, summary, changes FROM oplog WHERE profile_id = ? AND undone = 0 "
                "ORDER BY id DESC LIMIT 1",
                [self.profile_id],
            ).fetchone()
            if row is None:
                raise InputError("there is nothing to undo")
            _replay(conn, cast(list[Change], json.loads(row[2])), backwards=True)
            conn.execute("UPDATE oplog SET undone = 1 WHERE id = ?", [row[0]])
        return f"Undid: {row[1]}"

    def redo(self) -> str:
        """Apply again the change undone most recently.

        Raises:
            InputError: there is nothing to redo.
        """
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT id, summary, changes FROM oplog WHERE profile_id = ? AND undone = 1 "
                "ORDER BY id LIMIT 1",
                [self.profile_id],
            ).fetchone()
            if row is None:
                raise InputError("there is nothing to redo")
            _replay(conn, cast(list[Change], json.loads(row[2])), backwards=False)
            conn.execute("UPDATE oplog SET undone = 0 WHERE id = ?", [row[0]])
        return f"Redid: {row[1]}"

    def forget_history(self) -> None:
        """Drop the undo history (used after building the demo's past)."""
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM oplog WHERE profile_id = ?", [self.profile_id])


# ------------------------------------------------------------------ the demo's past

DEMO_NOTES = (
    "Harder than it looked; re-did the exercises on gradient descent twice.",
    "Good material. Wrote a one-page summary for myself.",
    "Slipped a week: release crunch at work.",
    "Paired with a colleague on the tricky part; worth it.",
)
DEMO_WEEKLY_HOURS = (8.0, 7.0, 8.5, 6.0, 8.0, 7.5, 9.0, 4.0, 8.0, 7.0)
DEMO_MONTHS_AGO_DAYS = 120


def store_demo(store: Store, catalog: Catalog, today: dt.date | None = None) -> ProfileRow | None:
    """Store the demo profile with a plan that began about four months ago and a believable
    past: weekly hours logged, deliverables done with dates, evidence and a few notes, skill
    levels earned along the way and their snapshots. Deterministic for a given `today`.

    Returns:
        The stored profile, or None when a profile of that name exists (nothing changes).
    """
    from skillpath.core.demo import DEMO_ROLE, demo_profile
    from skillpath.core.planner import PlanOptions, build_plan

    today = today or dt.date.today()
    profile = demo_profile()
    exists = store.read("SELECT 1 FROM profiles WHERE name = ? COLLATE NOCASE", [profile.name])
    if exists:
        return None
    start = today - dt.timedelta(days=DEMO_MONTHS_AGO_DAYS)
    profile = profile.model_copy(update={"start_date": start})
    role = catalog.role(DEMO_ROLE)
    plan = build_plan(profile, role, catalog, PlanOptions(start=start))
    row = create_profile(store, profile, plan, catalog, today=start)
    tracker = Tracker(store, row.id, catalog, today=start)
    queue = [i for i in items(store, active_plan(store, row.id).id)]
    position = 0
    spent = 0.0
    notes_left = list(DEMO_NOTES)
    week = 0
    # Sessions on Tuesday-ish, Thursday-ish and Saturday-ish of each week.
    while position < len(queue):
        week_start = start + dt.timedelta(days=7 * week)
        if week_start >= today:
            break
        budget = DEMO_WEEKLY_HOURS[week % len(DEMO_WEEKLY_HOURS)]
        sessions = [(1, budget * 0.3), (3, budget * 0.3), (5, budget * 0.4)]
        for offset, hours in sessions:
            day = week_start + dt.timedelta(days=offset)
            if day >= today or position >= len(queue):
                break
            tracker.today = day
            item = queue[position]
            left = item.hours - spent
            chunk = round(min(hours, left, MAX_LOG_HOURS), 1)
            if chunk > 0:
                tracker.log(item.key, chunk, on=day)
                spent += chunk
            if item.hours - spent <= 0.05:
                evidence = _demo_evidence(item, position)
                tracker.tick(item.key, on=day, evidence=evidence)
                if notes_left:
                    tracker.note(item.key, notes_left.pop(0), on=day)
                position += 1
                spent = 0.0
        week += 1
    if notes_left and position < len(queue) and spent:
        tracker.today = today
        tracker.note(queue[position].key, notes_left.pop(), on=today)
    tracker.today = None
    tracker.forget_history()
    return get_profile(store, row.id)


def _demo_evidence(item: Item, position: int) -> str:
    if item.kind == "project":
        slug = re.sub(r"[^a-z0-9]+", "-", item.title.lower().removeprefix("project: ")).strip("-")
        return f"https://github.com/santana-mena-demo/{slug[:40].rstrip('-')}"
    if item.kind == "certification":
        return f"DEMO-CERT-{position:04d}"
    if item.kind == "course":
        return f"DEMO-COURSE-{position:04d}"
    return f"https://notes.example.org/santana-mena-demo/{item.key}"
