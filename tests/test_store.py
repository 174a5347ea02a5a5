"""The store: opening, refusing bad files untouched, transactions, backups, restore, check."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import struct
import subprocess
from pathlib import Path

import pytest

from skillpath.core.db import store as store_mod
from skillpath.core.db.store import (
    KEEP_BACKUPS,
    SCHEMA_VERSION,
    Store,
    check_file,
    db_path,
    list_backups,
    restore,
)
from skillpath.core.errors import CorruptDatabaseError, DatabaseTooNewError, StorageError
from skillpath.core.tracking import Tracker, list_profiles

NOW = dt.datetime(2026, 3, 16, 9, 30, 0)
UTC_NOW = NOW.replace(tzinfo=dt.UTC)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _fill(folder: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    from skillpath.core.tracking import store_demo

    with Store.open(folder, daily_backup=False) as s:
        store_demo(s, catalog, today=NOW.date())


def test_open_creates_the_folder_and_a_wal_database(data_dir: Path) -> None:
    assert not data_dir.exists()
    with Store.open(data_dir) as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s.schema_version == SCHEMA_VERSION
    assert db_path(data_dir).is_file()
    assert list_backups(data_dir) == []  # a new, empty file is not backed up


def test_data_survives_reopening(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        assert [p.name for p in list_profiles(s)] == ["Santana Mena"]


def _refused_untouched(folder: Path, error: type[Exception], match: str) -> None:
    path = db_path(folder)
    digest = _digest(path)
    names = _siblings(folder)
    with pytest.raises(error, match=match):
        Store.open(folder)
    assert _digest(path) == digest
    assert _siblings(folder) == names  # no -wal, -shm or backup next to it


def test_a_newer_schema_is_refused_and_left_untouched(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    conn = sqlite3.connect(db_path(data_dir))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _refused_untouched(data_dir, DatabaseTooNewError, "newer Skillpath.*left untouched")


def test_a_newer_migration_name_is_refused(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    conn = sqlite3.connect(db_path(data_dir))
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('skillpath', '0099_future', 'x')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseTooNewError):
        Store.open(data_dir)


def test_not_a_database_is_refused_and_the_newest_backup_named(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        newest = s.backup(now=NOW)
    db_path(data_dir).write_text("these are my notes, not a database\n" * 100)
    _refused_untouched(data_dir, CorruptDatabaseError, f"not a SQLite database.*{newest.name}")


def test_an_empty_file_beside_backups_is_refused(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        newest = s.backup(now=NOW)
    db_path(data_dir).write_bytes(b"")
    _refused_untouched(data_dir, CorruptDatabaseError, f"empty.*{newest.name}")


def test_a_truncated_file_is_refused(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    path = db_path(data_dir)
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2 + 100])
    _refused_untouched(data_dir, CorruptDatabaseError, "truncated")
    path.write_bytes(raw[: len(raw) // 2 // 4096 * 4096])  # whole pages, too few of them
    _refused_untouched(data_dir, CorruptDatabaseError, "truncated")


def test_corrupt_pages_are_found_on_the_daily_check(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    path = db_path(data_dir)
    raw = bytearray(path.read_bytes())
    for page in range(2, len(raw) // 4096):  # scribble over every page but the first
        raw[page * 4096 + 8 : page * 4096 + 200] = os.urandom(192)
    path.write_bytes(bytes(raw))
    digest = _digest(path)
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        Store.open(data_dir, now=NOW)
    assert _digest(path) == digest
    assert not any(p.name.endswith(("-wal", "-shm")) for p in data_dir.iterdir())
    report = check_file(path)
    assert not report.ok


def test_someone_elses_sqlite_file_is_refused(data_dir: Path) -> None:
    data_dir.mkdir()
    conn = sqlite3.connect(db_path(data_dir))
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    _refused_untouched(data_dir, CorruptDatabaseError, "not Skillpath's")


def test_a_data_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("x")
    with pytest.raises(StorageError, match="is a file"):
        Store.open(tmp_path / "data")


def test_a_read_only_folder_is_reported(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    digest = _digest(db_path(data_dir))
    data_dir.chmod(0o555)
    locked = ["chattr", "+i", str(data_dir)]
    immutable = False
    try:
        if os.geteuid() == 0:  # root writes anywhere; an immutable folder stops even root
            if shutil.which("chattr") is None:
                pytest.skip("running as root without chattr")
            done = subprocess.run(locked, capture_output=True, check=False)
            if done.returncode != 0:
                pytest.skip("cannot make a read-only folder here")
            immutable = True
        with (
            pytest.raises(StorageError, match=r"read-only|cannot write"),
            Store.open(data_dir, now=NOW) as s,
        ):
            Tracker(s, list_profiles(s)[0].id, catalog, today=NOW.date()).note(
                "learn-calculus", "x"
            )
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(data_dir)], check=False)
        data_dir.chmod(0o755)
    assert _digest(db_path(data_dir)) == digest


def test_a_failed_change_leaves_nothing_half_written(tracked: Tracker) -> None:
    store = tracked.store
    count = store.conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute("INSERT INTO notes (deliverable_id, \"on\", text) VALUES (1, 'x', 'y')")
        raise RuntimeError("boom")
    assert store.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == count
    with pytest.raises(StorageError), store.transaction() as conn:
        conn.execute("INSERT INTO notes (deliverable_id, \"on\", text) VALUES (1, 'x', 'y')")
        conn.execute("INSERT INTO notes (deliverable_id, \"on\", text) VALUES (999999, 'x', 'y')")
    assert store.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == count


def test_backups_keep_the_last_ten(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        made = [s.backup(now=UTC_NOW + dt.timedelta(hours=i)) for i in range(KEEP_BACKUPS + 3)]
    kept = list_backups(data_dir)
    assert kept == made[-KEEP_BACKUPS:]
    assert kept[0].name == "skillpath-20260316T123000Z-000004.sqlite"
    with Store.open(kept[-1].parent.parent / "restored-check", daily_backup=False):
        pass
    report = check_file(kept[-1])
    assert report.ok and report.profiles == 1


def test_a_backup_at_most_once_a_day_on_opening(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    for minute in range(3):
        Store.open(data_dir, now=NOW + dt.timedelta(minutes=minute)).close()
    assert len(list_backups(data_dir)) == 1
    Store.open(data_dir, now=NOW + dt.timedelta(days=1)).close()
    assert len(list_backups(data_dir)) == 2


def test_a_backup_before_every_migration(
    data_dir: Path, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)

    def add_colour(db: object) -> None:
        db.execute("ALTER TABLE profiles ADD COLUMN colour TEXT")  # type: ignore[attr-defined]

    monkeypatch.setattr(store_mod, "STEPS", (*store_mod.STEPS, ("9999_test_column", add_colour)))
    store_mod._migrations.cache_clear()
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", len(store_mod.STEPS))
    with Store.open(data_dir, daily_backup=False, now=UTC_NOW) as s:
        assert "colour" in s.db["profiles"].columns_dict
    store_mod._migrations.cache_clear()
    backups = list_backups(data_dir)
    new = store_mod.SCHEMA_VERSION
    assert [b.name for b in backups] == [
        f"skillpath-20260316T093000Z-000001-before-schema-{new}.sqlite"
    ]
    old = sqlite3.connect(backups[0])
    assert "colour" not in [r[1] for r in old.execute("PRAGMA table_info(profiles)")]
    old.close()


def test_restore_puts_a_backup_back_and_keeps_the_replaced_one(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        saved = s.backup(now=NOW)
        s.conn.execute("DELETE FROM profiles")
    kept = restore(data_dir, saved, now=NOW + dt.timedelta(seconds=1))
    assert kept is not None and kept.exists()
    with Store.open(data_dir, daily_backup=False) as s:
        assert len(list_profiles(s)) == 1
        assert s.check().ok
    assert check_file(kept).profiles == 0


def test_restore_over_a_damaged_database(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        saved = s.backup(now=NOW)
    db_path(data_dir).write_text("garbage")
    kept = restore(data_dir, saved, now=NOW)
    assert kept is not None and kept.read_text() == "garbage"
    with Store.open(data_dir, daily_backup=False) as s:
        assert len(list_profiles(s)) == 1


@pytest.mark.parametrize(
    "content", [b"", b"not sqlite at all" * 20, b"SQLite format 3\x00" + b"\x00" * 50]
)
def test_restore_refuses_a_bad_file_and_changes_nothing(
    data_dir: Path, catalog, tmp_path: Path, content: bytes
) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    digest = _digest(db_path(data_dir))
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(content)
    with pytest.raises(StorageError):
        restore(data_dir, bad)
    assert _digest(db_path(data_dir)) == digest
    assert list_backups(data_dir) == []


def test_restore_refuses_a_newer_file(data_dir: Path, catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    newer = tmp_path / "newer.sqlite"
    shutil.copy(db_path(data_dir), newer)
    raw = bytearray(newer.read_bytes())
    raw[60:64] = struct.pack(">i", SCHEMA_VERSION + 5)
    newer.write_bytes(bytes(raw))
    with pytest.raises(DatabaseTooNewError):
        restore(data_dir, newer)


def test_check_reports_a_healthy_database(tracked: Tracker) -> None:
    report = tracked.store.check()
    assert report.ok
    assert report.profiles == 1 and report.deliverables > 10
