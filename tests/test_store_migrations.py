"""Every released schema version, kept as a fixture database, upgrades with every row intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from skillpath.core.db import store as store_mod
from skillpath.core.db.store import (
    DATA_TABLES,
    SCHEMA_VERSION,
    Store,
    check_file,
    db_path,
    list_backups,
)
from skillpath.core.progress import status
from skillpath.core.tracking import Tracker, list_profiles

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "db"
RELEASED = sorted(FIXTURES.glob("schema-v*.sqlite"))


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


def test_every_released_schema_has_a_fixture() -> None:
    versions = {int(p.stem.removeprefix("schema-v")) for p in RELEASED}
    assert versions == set(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.stem)
def test_a_released_schema_upgrades_with_every_row_intact(
    fixture: Path, data_dir: Path, catalog
) -> None:  # type: ignore[no-untyped-def]
    data_dir.mkdir()
    shutil.copy(fixture, db_path(data_dir))
    before = _rows(fixture)
    with Store.open(data_dir, daily_backup=False) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.check().ok
    after = _rows(db_path(data_dir))
    for table, rows in before.items():
        kept = after[table]
        assert len(kept) == len(rows), table
        for old, new in zip(rows, kept, strict=True):
            # each old column keeps its value; a later schema may add columns
            assert dict(old).items() <= dict(new).items(), table
    with Store.open(data_dir, daily_backup=False) as s:
        profile = list_profiles(s)[0]
        assert status(s, profile.id).overall.done > 0
        tracker = Tracker(s, profile.id, catalog)
        assert tracker.redo().startswith("Redid: added a note")  # the undo history works
        assert tracker.undo().startswith("Undid: added a note")


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

    monkeypatch.setattr(store_mod, "STEPS", (*store_mod.STEPS, ("9999_broken", half_done)))
    store_mod._migrations.cache_clear()
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", len(store_mod.STEPS))
    try:
        with pytest.raises(RuntimeError):
            Store.open(data_dir, daily_backup=False)
    finally:
        store_mod._migrations.cache_clear()
    conn = sqlite3.connect(db_path(data_dir))
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert version == 1 and "later" not in tables and "own_roles" not in tables  # all or none
    assert _rows(db_path(data_dir)) == old
    assert list_backups(data_dir)[0].name.endswith("before-schema-3.sqlite")
    monkeypatch.undo()
    with Store.open(data_dir, daily_backup=False) as s:
        assert s.schema_version == SCHEMA_VERSION and s.check().ok
