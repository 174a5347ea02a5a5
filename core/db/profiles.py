"""Profiles in the database, with what hangs off a profile rather than a plan: the default
profile, earned skill levels, readiness snapshots, and the data file's own roles.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from skillpath.core.db.rows import build, day, loads
from skillpath.core.db.store import Store
from skillpath.core.db.undo import Recorder
from skillpath.core.errors import ProfileError
from skillpath.core.models import Profile
from skillpath.core.records import Earned, ProfileRecord, Snapshot

DEFAULT_PROFILE_KEY = "default_profile"
_COLS = "id, name, data, created"


def _profile(store: Store, r: Any) -> ProfileRecord:
    return build(
        store,
        "profiles",
        lambda: ProfileRecord(int(r[0]), str(r[1]), Profile.model_validate_json(r[2]), str(r[3])),
    )


def list_profiles(store: Store) -> list[ProfileRecord]:
    rows = store.read(f"SELECT {_COLS} FROM profiles ORDER BY name COLLATE NOCASE")
    return [_profile(store, r) for r in rows]


def get_profile(store: Store, profile_id: int) -> ProfileRecord:
    rows = store.read(f"SELECT {_COLS} FROM profiles WHERE id = ?", [profile_id])
    if not rows:
        raise ProfileError(f"no profile with id {profile_id}")
    return _profile(store, rows[0])


def by_name(store: Store, name: str) -> ProfileRecord | None:
    rows = store.read(f"SELECT {_COLS} FROM profiles WHERE name = ? COLLATE NOCASE", [name.strip()])
    return _profile(store, rows[0]) if rows else None


def id_by_name(store: Store, name: str) -> int | None:
    """The id of the profile of this name (its data not read)."""
    rows = store.read("SELECT id FROM profiles WHERE name = ? COLLATE NOCASE", [name.strip()])
    return int(rows[0][0]) if rows else None


def name_taken(store: Store, name: str, except_id: int | None = None) -> bool:
    rows = store.read(
        "SELECT 1 FROM profiles WHERE name = ? COLLATE NOCASE AND id IS NOT ?",
        [name.strip(), except_id],
    )
    return bool(rows)


def default_profile_id(store: Store) -> int | None:
    value = store.meta(DEFAULT_PROFILE_KEY)
    return int(value) if value and value.isdigit() else None


def remember(store: Store, profile_id: int) -> None:
    """Make this profile the default for commands that do not name one (not undoable: it is
    a preference, not a change to the person's data)."""
    if store.meta(DEFAULT_PROFILE_KEY) != str(profile_id):
        store.set_meta(DEFAULT_PROFILE_KEY, str(profile_id))


def insert_profile(rec: Recorder, profile: Profile, created: dt.date) -> int:
    return rec.insert(
        "profiles",
        {"name": profile.name, "data": profile.model_dump_json(), "created": created.isoformat()},
    )


def update_profile(rec: Recorder, profile_id: int, profile: Profile) -> bool:
    return rec.update(
        "profiles", profile_id, {"name": profile.name, "data": profile.model_dump_json()}
    )


def current_profile(rec: Recorder, profile_id: int) -> Profile:
    """The profile as it is inside the running change."""
    row = rec.conn.execute("SELECT data FROM profiles WHERE id = ?", [profile_id]).fetchone()
    if row is None:
        raise ProfileError(f"no profile with id {profile_id}")
    return Profile.model_validate_json(row[0])


def delete_profile(store: Store, profile_id: int) -> None:
    """Delete a profile with its plans, history and snapshots (not undoable: the CLI and the
    app take a backup first)."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM profiles WHERE id = ?", [profile_id])
        conn.execute("DELETE FROM oplog WHERE profile_id = ?", [profile_id])
        if store.meta(DEFAULT_PROFILE_KEY) == str(profile_id):
            conn.execute("DELETE FROM meta WHERE key = ?", [DEFAULT_PROFILE_KEY])


def delete_recorded(rec: Recorder, profile_id: int) -> None:
    """Delete a profile row by row through the recorder, so that it can be undone (used to
    replace a profile on import)."""
    conn = rec.conn
    plan_ids = [
        int(r[0]) for r in conn.execute("SELECT id FROM plans WHERE profile_id = ?", [profile_id])
    ]
    for plan_id in plan_ids:
        for (did,) in conn.execute(
            "SELECT id FROM deliverables WHERE plan_id = ?", [plan_id]
        ).fetchall():
            for table in ("notes", "evidence", "time_logs"):
                for (child,) in conn.execute(
                    f"SELECT id FROM {table} WHERE deliverable_id = ?", [did]
                ).fetchall():
                    rec.delete(table, int(child))
            rec.delete("deliverables", int(did))
        for (pid,) in conn.execute("SELECT id FROM phases WHERE plan_id = ?", [plan_id]).fetchall():
            rec.delete("phases", int(pid))
    for table in ("earned", "snapshots"):
        for (rowid,) in conn.execute(
            f"SELECT id FROM {table} WHERE profile_id = ?", [profile_id]
        ).fetchall():
            rec.delete(table, int(rowid))
    for plan_id in plan_ids:
        rec.delete("plans", plan_id)
    rec.delete("profiles", profile_id)


# ------------------------------------------------------------------ earned levels


def earned_rows(store: Store, profile_id: int, plan_id: int | None = None) -> list[Earned]:
    sql = (
        'SELECT id, plan_id, skill, level, previous_level, previous_source, "on" FROM earned '
        "WHERE profile_id = ?"
    )
    params: list[Any] = [profile_id]
    if plan_id is not None:
        sql += " AND plan_id = ?"
        params.append(plan_id)
    rows = store.read(sql + " ORDER BY id", params)
    return build(
        store,
        "earned",
        lambda: [
            Earned(int(r[0]), int(r[1]), str(r[2]), int(r[3]), int(r[4]), r[5], day(r[6]))
            for r in rows
        ],
    )


def insert_earned(rec: Recorder, profile_id: int, plan_id: int, earned: Earned) -> int:
    return rec.insert(
        "earned",
        {
            "profile_id": profile_id,
            "plan_id": plan_id,
            "skill": earned.skill,
            "level": earned.level,
            "previous_level": earned.previous_level,
            "previous_source": earned.previous_source,
            "on": earned.on.isoformat(),
        },
    )


def update_earned(rec: Recorder, earned_id: int, level: int, on: dt.date) -> None:
    rec.update("earned", earned_id, {"level": level, "on": on.isoformat()})


def delete_earned(rec: Recorder, earned_id: int) -> None:
    rec.delete("earned", earned_id)


# ------------------------------------------------------------------ snapshots


def snapshots(store: Store, profile_id: int) -> list[Snapshot]:
    """The profile's dated snapshots, oldest first."""
    rows = store.read(
        'SELECT "on", role_id, readiness, levels FROM snapshots WHERE profile_id = ? '
        'ORDER BY "on", id',
        [profile_id],
    )
    return build(
        store,
        "snapshots",
        lambda: [
            Snapshot(
                day(r[0]), str(r[1]), int(r[2]), {str(k): int(v) for k, v in loads(r[3]).items()}
            )
            for r in rows
        ],
    )


def insert_snapshot(rec: Recorder, profile_id: int, snap: Snapshot) -> int:
    return rec.insert(
        "snapshots",
        {
            "profile_id": profile_id,
            "on": snap.on.isoformat(),
            "role_id": snap.role_id,
            "readiness": snap.readiness,
            "levels": json.dumps(snap.levels, sort_keys=True),
        },
    )


# ------------------------------------------------------------------ own roles


def own_role_rows(store: Store) -> list[tuple[str, str]]:
    """(id, JSON definition) of every own role in the data file, by id."""
    return [
        (str(r[0]), str(r[1])) for r in store.read("SELECT id, data FROM own_roles ORDER BY id")
    ]


def own_role_source(store: Store, role_id: str) -> str | None:
    """The text an own role was made from (a job ad), if it was kept."""
    rows = store.read("SELECT source FROM own_roles WHERE id = ?", [role_id])
    return str(rows[0][0]) if rows and rows[0][0] is not None else None


def own_role_exists(store: Store, role_id: str) -> bool:
    return bool(store.read("SELECT 1 FROM own_roles WHERE id = ?", [role_id]))


def save_own_role(
    rec: Recorder, role_id: str, data: str, created: str, source: str | None = None
) -> None:
    """Insert or change an own role; `source` is the text it was made from (a job ad)."""
    # own_roles is keyed by its text id, which is what the recorder keeps as the row's id
    row = rec.conn.execute("SELECT data FROM own_roles WHERE id = ?", [role_id]).fetchone()
    if row is None:
        values = {"id": role_id, "data": data, "created": created, "source": source}
        rec.conn.execute(
            "INSERT INTO own_roles (id, data, created, source) VALUES (?, ?, ?, ?)",
            [role_id, data, created, source],
        )
        rec.changes.append(["own_roles", role_id, None, values])
    elif row[0] != data:
        rec.conn.execute("UPDATE own_roles SET data = ? WHERE id = ?", [data, role_id])
        rec.changes.append(["own_roles", role_id, {"data": row[0]}, {"data": data}])


def delete_own_role(rec: Recorder, role_id: str) -> bool:
    cur = rec.conn.execute("SELECT * FROM own_roles WHERE id = ?", [role_id])
    names = [d[0] for d in cur.description]
    row = cur.fetchone()
    if row is None:
        return False
    rec.conn.execute("DELETE FROM own_roles WHERE id = ?", [role_id])
    rec.changes.append(["own_roles", role_id, dict(zip(names, row, strict=True)), None])
    return True
