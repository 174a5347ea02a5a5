"""What `check` finds in a database: SQLite's integrity, the schema, and every row's values.

Every problem is one line that names the table, the column and the first row it was found
in. Besides what SQLite checks, a Skillpath database holds no code (triggers, views), no
tables, indexes or columns its schema version does not have, no row pointing at a missing
row, and only values the rules in core/rules.py allow: statuses and kinds from their
enums, hours within the limits, dates that parse and lie between EARLIEST_DATE and
LATEST_DATE, JSON that parses to the shape the code reads.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillpath.core.rules import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_DELIVERABLE_HOURS,
    MAX_HOURS_PER_WEEK,
    MAX_LOG_HOURS,
    TOP_LEVEL,
    Kind,
    Status,
)

MIGRATIONS_TABLE = "_sqlite_migrations"
MAX_INTEGRITY_LINES = 10


@dataclass(frozen=True)
class CheckReport:
    """What `check` found: `problems` is empty when the database is healthy."""

    path: Path
    problems: list[str]
    profiles: int
    deliverables: int
    schema: int

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Schema:
    """The tables, indexes, triggers and views a database of one schema version holds."""

    version: int
    objects: frozenset[tuple[str, str, str]]  # (type, name, table)
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def tables(self) -> list[str]:
        return sorted(name for kind, name, _ in self.objects if kind == "table")

    @classmethod
    def of(cls, conn: sqlite3.Connection, version: int) -> Schema:
        objects = _objects(conn)
        columns = {
            name: _columns(conn, name) for kind, name, _ in objects if kind == "table"
        }  # fmt: skip
        return cls(version, frozenset(objects), columns)


def _objects(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    """Schema objects, without SQLite's own and the migration record's (whose indexes
    depend on the sqlite-utils version that made it)."""
    rows = conn.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
    return {
        (str(kind), str(name), str(table))
        for kind, name, table in rows
        if not str(name).startswith("sqlite_") and str(table) != MIGRATIONS_TABLE
    }


def _columns(conn: sqlite3.Connection, table: str) -> tuple[str, ...]:
    quoted = table.replace('"', '""')
    return tuple(str(r[1]) for r in conn.execute(f'PRAGMA table_info("{quoted}")'))


def _describe(kind: str, name: str, table: str) -> str:
    on = f" on {table}" if kind in ("trigger", "index") and table != name else ""
    article = "an" if kind[0] in "aeiou" else "a"
    return f"{article} {kind} '{_shown(name)}'{on}"


def unexpected_code(conn: sqlite3.Connection, schema: Schema | None) -> list[str]:
    """Triggers and views the schema does not have, described ("a trigger 'x' on notes").

    Code in a database runs on every change the app makes: one is never accepted.
    """
    rows = conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('trigger', 'view')"
    ).fetchall()
    allowed = schema.objects if schema is not None else frozenset()
    found = [(str(k), str(n), str(t)) for k, n, t in rows]
    return [_describe(*item) for item in found if item not in allowed]


def inspect_database(
    conn: sqlite3.Connection,
    path: Path,
    *,
    migration_set: str,
    migrations: Sequence[str],
    schema: Callable[[int], Schema],
) -> CheckReport:
    """Every check on an open connection (read-only: nothing is written).

    Args:
        conn: the database.
        path: its file, for the report.
        migration_set: the name under which Skillpath records its migrations.
        migrations: the names of every migration this Skillpath knows, in order.
        schema: the expected schema of a version.
    """
    problems: list[str] = []
    # Code first: it is what a restore most needs to refuse, and the first line is shown.
    code = unexpected_code(conn, None)
    found = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if found != ["ok"]:
        problems += [f"integrity: {_shown(r, 200)}" for r in found[:MAX_INTEGRITY_LINES]]
        if len(found) > MAX_INTEGRITY_LINES:
            problems.append(f"integrity: {len(found) - MAX_INTEGRITY_LINES} more problems")
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    objects = _objects(conn)
    tables = {name for kind, name, _ in objects if kind == "table"}
    applied = _applied(conn, migration_set)
    known_version = _schema_problems(problems, version, applied, migrations, tables)
    expected = schema(known_version) if known_version else None
    if expected is not None:
        code = unexpected_code(conn, expected)
    problems[:0] = [f"it holds {c}, which Skillpath never makes" for c in code]
    # Rows are checked only in tables whose columns are those of a known schema version.
    good_tables = _compare_schema(problems, conn, objects, expected) if expected else set()
    problems += _foreign_keys(conn)
    profiles = deliverables = 0
    if "profiles" in good_tables:
        profiles = int(conn.execute("SELECT count(*) FROM profiles").fetchone()[0])
    if "deliverables" in good_tables:
        deliverables = int(conn.execute("SELECT count(*) FROM deliverables").fetchone()[0])
    if {"plans", "deliverables", "phases"} <= good_tables:
        problems += _plan_shape(conn)
    if expected is not None:
        problems += RowChecker(conn, good_tables, set(expected.tables)).run()
    return CheckReport(path, problems, profiles, deliverables, version)


def _applied(conn: sqlite3.Connection, migration_set: str) -> list[str]:
    try:
        rows = conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
            [migration_set],
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [str(r[0]) for r in rows]


def _schema_problems(
    problems: list[str],
    version: int,
    applied: list[str],
    migrations: Sequence[str],
    tables: set[str],
) -> int:
    """Check the schema version against the migration record.

    Returns:
        The schema version the file is, when it is one this Skillpath knows; else 0.
    """
    if version > len(migrations):
        problems.append(f"written by a newer Skillpath (schema {version})")
        return 0
    if not applied:
        if tables:
            problems.append(
                "not a Skillpath database: it has no record of Skillpath's schema "
                f"(tables: {', '.join(sorted(_shown(t) for t in tables)[:8])})"
            )
        else:
            problems.append("not a Skillpath database: it holds no tables")
        return 0
    if applied != list(migrations[: len(applied)]):
        unknown = next(
            (n for i, n in enumerate(applied) if i >= len(migrations) or migrations[i] != n), "?"
        )
        problems.append(
            f"written by a newer Skillpath (its schema step '{_shown(unknown)}' is unknown here)"
        )
        return 0
    if version != len(applied):
        problems.append(
            f"its schema version ({version}) does not match its record of schema steps "
            f"({len(applied)})"
        )
        return 0
    return version


def _compare_schema(
    problems: list[str],
    conn: sqlite3.Connection,
    objects: set[tuple[str, str, str]],
    expected: Schema,
) -> set[str]:
    """Unknown and missing tables, indexes and columns.

    Returns:
        The tables whose columns are exactly Skillpath's (their rows can be checked).
    """
    for kind, name, table in sorted(objects - expected.objects):
        if kind == "table":
            problems.append(f"it holds an unknown table '{_shown(name)}'")
        elif kind == "index":
            problems.append(f"it holds {_describe(kind, name, table)}, unknown to Skillpath")
    for kind, name, _ in sorted(expected.objects - objects):
        if kind in ("table", "index"):
            problems.append(f"the {kind} '{name}' is missing")
    good: set[str] = set()
    for name, want in sorted(expected.columns.items()):
        if ("table", name, name) not in objects:
            continue
        have = _columns(conn, name)
        if have == want:
            good.add(name)
            continue
        missing = [c for c in want if c not in have]
        extra = [c for c in have if c not in want]
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing))
        if extra:
            parts.append("unknown " + ", ".join(_shown(c) for c in extra))
        detail = "; ".join(parts) or "in another order"
        problems.append(f"the table '{name}' does not have Skillpath's columns ({detail})")
    return good


def _foreign_keys(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    groups: dict[tuple[str, str], list[int]] = {}
    for table, rowid, parent, _ in rows:
        groups.setdefault((str(table), str(parent)), []).append(int(rowid))
    out = []
    for (table, parent), ids in sorted(groups.items()):
        out.append(
            f"{_shown(table)}: {_rows(len(ids))} {'points' if len(ids) == 1 else 'point'} at "
            f"a row of {_shown(parent)} that does not exist (first: id {ids[0]})"
        )
    return out


def _plan_shape(conn: sqlite3.Connection) -> list[str]:
    out = []
    doubled = conn.execute(
        "SELECT count(*) FROM (SELECT profile_id FROM plans WHERE active = 1 "
        "GROUP BY profile_id HAVING count(*) > 1)"
    ).fetchone()[0]
    if doubled:
        out.append(f"{doubled} profiles have more than one active plan")
    astray = conn.execute(
        "SELECT d.id FROM deliverables d JOIN phases p ON p.id = d.phase_id "
        "WHERE p.plan_id != d.plan_id ORDER BY d.id"
    ).fetchall()
    if astray:
        out.append(
            f"deliverables: {_rows(len(astray))} in a phase of another plan "
            f"(first: id {astray[0][0]})"
        )
    return out


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def _shown(value: object, width: int = 40) -> str:
    """A value as it may be printed: control characters escaped, long text cut."""
    text = value if isinstance(value, str) else repr(value)
    text = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return text if len(text) <= width else text[: width - 3] + "..."


# ------------------------------------------------------------------ rows against the rules

# A rule takes a stored value and returns what is wrong with it, or None.
Rule = Callable[[Any], str | None]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RANGE = f"{EARLIEST_DATE.isoformat()}..{LATEST_DATE.isoformat()}"


def _date(optional: bool = False, with_time: bool = False) -> Rule:
    what = "a date or a time" if with_time else "a date (YYYY-MM-DD)"

    def rule(value: Any) -> str | None:
        if value is None:
            return None if optional else "empty"
        if not isinstance(value, str):
            return f"not {what}"
        try:
            if with_time and not _DATE.match(value):
                day = dt.datetime.fromisoformat(value).date()
            elif _DATE.match(value):
                day = dt.date.fromisoformat(value)
            else:
                return f"not {what}"
        except ValueError:
            return f"not {what}"
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            return f"a date outside {_RANGE}"
        return None

    return rule


def _number(low: float, high: float, *, above: bool = False) -> Rule:
    shown = f"not more than {low:g} and at most {high:g}" if above else f"not {low:g} to {high:g}"

    def rule(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "not a number"
        if not math.isfinite(value) or value > high or value < low or (above and value == low):
            return shown
        return None

    return rule


def _whole(low: int, high: int) -> Rule:
    def rule(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return "not a whole number"
        if not low <= value <= high:
            return f"not {low} to {high}"
        return None

    return rule


def _choice(values: Sequence[str]) -> Rule:
    allowed = frozenset(values)
    shown = ", ".join(values)

    def rule(value: Any) -> str | None:
        return None if value in allowed else f"not one of {shown}"

    return rule


def _text(optional: bool = False) -> Rule:
    def rule(value: Any) -> str | None:
        if value is None and optional:
            return None
        return None if isinstance(value, str) else "not text"

    return rule


def _json(shape: str) -> Rule:
    """JSON of a shape: 'list' of strings, 'levels' (object of skill: level 0-5), 'object'."""

    def rule(value: Any) -> str | None:
        if not isinstance(value, str):
            return "not JSON text"
        try:
            data = json.loads(value)
        except ValueError:
            return "not valid JSON"
        if shape == "list":
            if not isinstance(data, list) or not all(isinstance(x, str) for x in data):
                return "not a JSON list of names"
        elif shape == "levels":
            if not isinstance(data, dict) or not all(
                isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= TOP_LEVEL
                for v in data.values()
            ):
                return f"not a JSON object of levels 0 to {TOP_LEVEL}"
        elif not isinstance(data, dict):
            return "not a JSON object"
        return None

    return rule


def _profile(value: Any) -> str | None:
    from pydantic import ValidationError

    from skillpath.core.models import Profile

    if not isinstance(value, str):
        return "not JSON text"
    try:
        json.loads(value)
    except ValueError:
        return "not valid JSON"
    try:
        Profile.model_validate_json(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "the profile"
        return f"not a valid profile ({_shown(where)}: {_shown(first.get('msg', ''), 60)})"
    return None


def _changes(tables: frozenset[str]) -> Rule:
    """The undo record: a list of [table, row id, values before or null, after or null]."""

    def rule(value: Any) -> str | None:
        if not isinstance(value, str):
            return "not JSON text"
        try:
            data = json.loads(value)
        except ValueError:
            return "not valid JSON"
        if not isinstance(data, list):
            return "not a list of changes"
        for change in data:
            if not (
                isinstance(change, list)
                and len(change) == 4
                and change[0] in tables
                # rows are named by id; own roles by their text id
                and (
                    isinstance(change[1], int)
                    or (change[0] == "own_roles" and isinstance(change[1], str))
                )
                and all(side is None or isinstance(side, dict) for side in change[2:])
            ):
                return "not a list of changes to Skillpath's tables"
        return None

    return rule


_STATUSES = [s.value for s in Status]
_KINDS = [k.value for k in Kind]

RULES: dict[str, dict[str, Rule]] = {
    "profiles": {"name": _text(), "data": _profile, "created": _date(with_time=True)},
    "plans": {
        "active": _whole(0, 1),
        "created": _date(with_time=True),
        "role_id": _text(),
        "role_title": _text(),
        "start": _date(),
        "hours_per_week": _number(0, MAX_HOURS_PER_WEEK, above=True),
        "target": _date(optional=True),
        "message": _text(),
        "options": _json("object"),
    },
    "phases": {"position": _whole(0, 10**9), "title": _text(), "skills": _json("list")},
    "deliverables": {
        "key": _text(),
        "position": _whole(0, 10**9),
        "kind": _choice(_KINDS),
        "title": _text(),
        "description": _text(),
        "skills": _json("list"),
        "targets": _json("levels"),
        "hours": _number(0, MAX_DELIVERABLE_HOURS),
        "start": _date(),
        "due": _date(),
        "metric": _text(),
        "resource": _text(optional=True),
        "certification": _text(optional=True),
        "origin": _choice(["generated", "own"]),
        "status": _choice(_STATUSES),
        "started_on": _date(optional=True),
        "done_on": _date(optional=True),
        "expires_on": _date(optional=True),
    },
    "notes": {"on": _date(), "text": _text()},
    "evidence": {"on": _date(), "kind": _choice(["link", "certificate", "file"]), "value": _text()},
    "time_logs": {"on": _date(), "hours": _number(0, MAX_LOG_HOURS, above=True)},
    "earned": {
        "skill": _text(),
        "level": _whole(0, TOP_LEVEL),
        "previous_level": _whole(0, TOP_LEVEL),
        "previous_source": _text(optional=True),
        "on": _date(),
    },
    "snapshots": {
        "on": _date(),
        "role_id": _text(),
        "readiness": _whole(0, 100),
        "levels": _json("levels"),
    },
    "oplog": {"at": _date(with_time=True), "summary": _text(), "undone": _whole(0, 1)},
    "own_roles": {"id": _text(), "data": _json("object"), "created": _date(with_time=True)},
}
MAX_ROW_PROBLEMS = 50


class RowChecker:
    """Every row of the tables whose columns are Skillpath's, against RULES."""

    def __init__(self, conn: sqlite3.Connection, tables: set[str], known_tables: set[str]) -> None:
        self.conn = conn
        self.tables = tables
        self.rules = dict(RULES)
        self.rules["oplog"] = {
            **RULES["oplog"],
            "changes": _changes(frozenset(known_tables - {"meta"})),
        }

    def run(self) -> list[str]:
        # (table, column, problem) -> [count, first id, first value]
        found: dict[tuple[str, str, str], list[Any]] = {}
        for table, rules in self.rules.items():
            if table not in self.tables:
                continue
            names = list(rules)
            listed = ", ".join(f'"{n}"' for n in names)
            for row in self.conn.execute(f'SELECT rowid, {listed} FROM "{table}" ORDER BY rowid'):
                for name, value in zip(names, row[1:], strict=True):
                    problem = rules[name](value)
                    if problem is None:
                        continue
                    entry = found.setdefault((table, name, problem), [0, row[0], value])
                    entry[0] += 1
        lines = [
            f"{table}.{column}: {problem} in {_rows(count)} "
            f"(first: id {first}, {_shown(repr(value))})"
            for (table, column, problem), (count, first, value) in found.items()
        ]
        if len(lines) > MAX_ROW_PROBLEMS:
            lines = [*lines[:MAX_ROW_PROBLEMS], f"{len(lines) - MAX_ROW_PROBLEMS} more problems"]
        return lines
