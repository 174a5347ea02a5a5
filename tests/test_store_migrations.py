"""Every released schema version, kept as a fixture database, upgrades with every row intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from skillpath.core.db.store import DATA_TABLES, SCHEMA_VERSION, Store, db_path
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
