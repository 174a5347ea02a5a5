"""Every released schema version, kept as a fixture database, upgrades with every row intact."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from skillpath.core import queries
from skillpath.core.actions import history, planning
from skillpath.core.db import schema as schema_mod
from skillpath.core.db.profiles import list_profiles
from skillpath.core.db.store import (
    DATA_TABLES,
    SCHEMA_VERSION,
    Store,
    check_file,
    db_path,
    list_backups,
)
from skillpath.core.errors import InputError
from skillpath.core.models import Profile
from skillpath.core.planner import build_plan
from skillpath.core.session import APP, CLI, Session

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "db"
RELEASED = sorted(FIXTURES.glob("schema-v*.sqlite"))
BEFORE_3 = [p for p in RELEASED if p.stem in ("schema-v1", "schema-v2")]
DUE = re.compile(r", by \d{4}-\d{2}-\d{2}$")


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    # immutable: reading a committed fixture must not leave -wal/-shm files beside it
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        out = {}
        for table in DATA_TABLES:
            cur = conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
            names = [d[0] for d in cur.description]
            out[table] = [tuple(zip(names, row, strict=True)) for row in cur.fetchall()]
        return out
    finally:
        conn.close()


def _open_copy(fixture: Path, data_dir: Path) -> Store:
    data_dir.mkdir()
    shutil.copy(fixture, db_path(data_dir))
    return Store.open(data_dir, daily_backup=False)


def test_every_released_schema_has_a_fixture() -> None:
    versions = {int(p.stem.removeprefix("schema-v")) for p in RELEASED}
    assert versions == set(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.stem)
def test_a_released_schema_upgrades_with_every_row_intact(
    fixture: Path, data_dir: Path, catalog
) -> None:  # type: ignore[no-untyped-def]
    before = _rows(fixture)
    with _open_copy(fixture, data_dir) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.check().ok
    after = _rows(db_path(data_dir))
    for table, rows in before.items():
        kept = after[table]
        assert len(kept) == len(rows), table
        for old, new in zip(rows, kept, strict=True):
            # each old column keeps its value; a later schema may add columns, and schema 3
            # takes the due date out of success metrics
            was = dict(old)
            if table == "deliverables":
                was["metric"] = DUE.sub("", str(was["metric"]))
            assert was.items() <= dict(new).items(), table
    with Store.open(data_dir, daily_backup=False) as s:
        app = Session(s, catalog, APP)
        profile = list_profiles(s)[0]
        assert queries.progress(app, profile.id).overall.done > 0
        # the undo history works: the fixtures' undone change is the app's
        assert history.redo_last(app, profile.id).message.startswith("Redid: added a note")
        assert history.undo_last(app, profile.id).message.startswith("Undid: added a note")


@pytest.mark.parametrize("fixture", BEFORE_3, ids=lambda p: p.stem)
def test_schema_3_gives_the_old_undo_history_to_the_app(
    fixture: Path, data_dir: Path, catalog
) -> None:  # type: ignore[no-untyped-def]
    with _open_copy(fixture, data_dir) as s:
        origins = [r[0] for r in s.read("SELECT origin FROM oplog")]
        assert origins and set(origins) == {"app"}
        pid = list_profiles(s)[0].id
        cli, app = Session(s, catalog, CLI), Session(s, catalog, APP)
        assert history.can_undo(app, pid) and not history.can_undo(cli, pid)
        with pytest.raises(InputError, match="nothing to undo"):
            history.undo_last(cli, pid)
        # the log no longer points at profiles: it may hold own roles' changes, and the
        # creation of a profile, undone
        assert s.read("PRAGMA foreign_key_list(oplog)") == []
        (profile_col,) = [r for r in s.read("PRAGMA table_info(oplog)") if r[1] == "profile_id"]
        assert profile_col[3] == 0  # NULL allowed
        ada = Profile(name="Ada", skills={"python": 3})
        made = planning.create_profile(
            cli, ada, build_plan(ada, catalog.role("senior-ai-engineer"), catalog)
        )
        assert history.undo_last(cli).message == "Undid: created the profile of Ada"
        assert made.profile_id not in [p.id for p in list_profiles(s)]
        assert history.redo_last(cli).message == "Redid: created the profile of Ada"


@pytest.mark.parametrize("fixture", BEFORE_3, ids=lambda p: p.stem)
def test_schema_3_takes_the_due_date_out_of_metrics_and_adds_declared_hours(
    fixture: Path, data_dir: Path
) -> None:
    old = {dict(r)["id"]: dict(r)["metric"] for r in _rows(fixture)["deliverables"]}
    dated = {k: m for k, m in old.items() if DUE.search(str(m))}
    assert len(dated) > 30  # the planner's metrics ended with their due date
    with _open_copy(fixture, data_dir) as s:
        now = {r[0]: r[1] for r in s.read("SELECT id, metric FROM deliverables")}
        assert not any(DUE.search(m) or re.search(r"\d{4}-\d{2}-\d{2}", m) for m in now.values())
        for rowid, metric in dated.items():
            assert now[rowid] == str(metric).rsplit(", by ", 1)[0]
            assert now[rowid] and not now[rowid].endswith(",")
        assert "since" in s.db["time_logs"].columns_dict  # type: ignore[union-attr]
        assert s.read("SELECT count(*) FROM time_logs WHERE since IS NOT NULL")[0][0] == 0
        assert s.read("SELECT count(*) FROM time_logs")[0][0] > 0


def test_the_schema_3_fixture_holds_both_origins_and_declared_hours(data_dir: Path) -> None:
    fixture = FIXTURES / "schema-v3.sqlite"
    rows = _rows(fixture)
    assert {dict(r)["origin"] for r in rows["oplog"]} == {"app", "cli"}
    assert any(dict(r)["profile_id"] is None for r in rows["oplog"])  # an own role's change
    assert any(dict(r)["since"] is not None for r in rows["time_logs"])
    assert not any(DUE.search(str(dict(r)["metric"])) for r in rows["deliverables"])


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.stem)
def test_every_released_schema_passes_check_untouched(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    before = copy.read_bytes()
    report = check_file(copy)
    assert report.ok, report.problems  # no rule of check calls a real old file damaged
    assert copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [fixture.name]


def test_a_failing_migration_changes_nothing(
    data_dir: Path, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    data_dir.mkdir()
    shutil.copy(RELEASED[0], db_path(data_dir))
    old = _rows(db_path(data_dir))

    def half_done(db: object) -> None:
        db.execute("CREATE TABLE later (x)")  # type: ignore[attr-defined]
        raise RuntimeError("a bug in a migration")

    monkeypatch.setattr(schema_mod, "STEPS", (*schema_mod.STEPS, ("9999_broken", half_done)))
    schema_mod._migrations.cache_clear()
    monkeypatch.setattr(schema_mod, "SCHEMA_VERSION", len(schema_mod.STEPS))
    try:
        with pytest.raises(RuntimeError):
            Store.open(data_dir, daily_backup=False)
    finally:
        schema_mod._migrations.cache_clear()
    conn = sqlite3.connect(db_path(data_dir))
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert version == 1 and "later" not in tables and "own_roles" not in tables  # all or none
    assert _rows(db_path(data_dir)) == old
    assert list_backups(data_dir)[0].name.endswith(f"before-schema-{len(schema_mod.STEPS)}.sqlite")
    monkeypatch.undo()
    with Store.open(data_dir, daily_backup=False) as s:
        assert s.schema_version == SCHEMA_VERSION and s.check().ok
