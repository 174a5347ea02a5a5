"""The store: opening, refusing bad files untouched, transactions, backups, restore, check."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from skillpath.core.db import backups as backups_mod
from skillpath.core.db import create as create_mod
from skillpath.core.db import lock as lock_mod
from skillpath.core.db import schema as schema_mod
from skillpath.core.db import store as store_mod
from skillpath.core.db.lock import LOCK_NAME
from skillpath.core.db.profiles import list_profiles
from skillpath.core.db.restore import restore
from skillpath.core.db.store import (
    KEEP_BACKUPS,
    SCHEMA_VERSION,
    ChangedElsewhereError,
    Store,
    check_file,
    db_path,
    list_backups,
)
from skillpath.core.errors import CorruptDatabaseError, DatabaseTooNewError, StorageError

NOW = dt.datetime(2026, 3, 16, 9, 30, 0)
UTC_NOW = NOW.replace(tzinfo=dt.UTC)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _fill(folder: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    from skillpath.core.actions.demo import open_demo
    from skillpath.core.session import Session

    with Store.open(folder, daily_backup=False) as s:
        open_demo(Session(s, catalog, day=NOW.date()))


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
            from skillpath.core.actions.tracking import add_note
            from skillpath.core.session import Session

            add_note(
                Session(s, catalog, day=NOW.date()), list_profiles(s)[0].id, "learn-calculus", "x"
            )
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(data_dir)], check=False)
        data_dir.chmod(0o755)
    assert _digest(db_path(data_dir)) == digest


def test_a_failed_change_leaves_nothing_half_written(tracked) -> None:  # type: ignore[no-untyped-def]
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

    monkeypatch.setattr(schema_mod, "STEPS", (*schema_mod.STEPS, ("9999_test_column", add_colour)))
    schema_mod._migrations.cache_clear()
    monkeypatch.setattr(schema_mod, "SCHEMA_VERSION", len(schema_mod.STEPS))
    with Store.open(data_dir, daily_backup=False, now=UTC_NOW) as s:
        assert "colour" in s.db["profiles"].columns_dict
    schema_mod._migrations.cache_clear()
    backups = list_backups(data_dir)
    new = schema_mod.SCHEMA_VERSION
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


def test_check_reports_a_healthy_database(tracked) -> None:  # type: ignore[no-untyped-def]
    report = tracked.store.check()
    assert report.ok
    assert report.profiles == 1 and report.deliverables > 10


# ------------------------------------------------------------ backups: names, order, pruning


def _mark_of(path: Path) -> str | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'mark'").fetchone()
        return None if row is None else str(row[0])
    finally:
        conn.close()


def test_restoring_the_oldest_of_ten_backups_keeps_it(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        made = []
        for i in range(KEEP_BACKUPS):
            s.set_meta("mark", f"backup-{i}")
            made.append(s.backup(now=UTC_NOW + dt.timedelta(hours=i)))
        s.set_meta("mark", "current")
    oldest = list_backups(data_dir)[0]
    assert oldest == made[0]
    kept = restore(data_dir, oldest, now=UTC_NOW + dt.timedelta(hours=KEEP_BACKUPS + 5))
    assert oldest.exists()  # the chosen backup is still there
    assert kept is not None and kept in list_backups(data_dir) and _mark_of(kept) == "current"
    with Store.open(data_dir, daily_backup=False) as s:
        assert s.meta("mark") == "backup-0"
        assert s.check().ok


def test_backups_are_named_by_utc_time_and_a_counter(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    tokyo = dt.datetime(2026, 3, 16, 18, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    with Store.open(data_dir, daily_backup=False) as s:
        first = s.backup(now=tokyo, label="Before Delete!")
        second = s.backup(now=tokyo)
    assert first.name == "skillpath-20260316T093000Z-000001-before-delete.sqlite"
    assert second.name == "skillpath-20260316T093000Z-000002.sqlite"
    assert not any(
        p.name.endswith((".part", "-wal", "-shm", "-journal")) for p in first.parent.iterdir()
    )
    raw = first.read_bytes()
    assert raw[18:20] == b"\x01\x01"  # a self-contained rollback-mode file, never WAL


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="this platform cannot switch time zones")
def test_a_time_zone_change_never_prunes_the_backup_just_promised(
    data_dir: Path, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    try:
        with Store.open(data_dir, daily_backup=False) as s:
            monkeypatch.setenv("TZ", "JST-9")  # POSIX rules: no tz database needed
            time.tzset()
            for _ in range(KEEP_BACKUPS):
                s.backup()
            monkeypatch.setenv("TZ", "PST8PDT")
            time.tzset()
            promised = s.backup(label="before-delete")
    finally:
        monkeypatch.undo()
        time.tzset()
    found = list_backups(data_dir)
    assert promised.exists() and found[-1] == promised
    assert len(found) == KEEP_BACKUPS + 1  # all taken within the hour: none pruned yet


def test_the_repeated_dst_hour_never_prunes_the_backup_just_promised(
    data_dir: Path, catalog
) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    summer = dt.timezone(dt.timedelta(hours=-4))  # New York, before the clocks go back
    winter = dt.timezone(dt.timedelta(hours=-5))  # ...and after: 01:00-02:00 comes twice
    with Store.open(data_dir, daily_backup=False) as s:
        for i in range(KEEP_BACKUPS + 2):
            s.backup(now=dt.datetime(2026, 11, 1, 1, 5 + 4 * i, tzinfo=summer))
        # An hour after 01:05 summer time, the wall clock says 01:00 again.
        promised = s.backup(
            now=dt.datetime(2026, 11, 1, 1, 0, tzinfo=winter), label="before-delete"
        )
    found = list_backups(data_dir)
    assert promised.exists() and found[-1] == promised


def test_a_clock_set_back_or_forward_never_prunes_the_backup_just_promised(
    data_dir: Path, catalog
) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        made = [s.backup(now=UTC_NOW + dt.timedelta(hours=i)) for i in range(KEEP_BACKUPS + 2)]
        back = s.backup(now=UTC_NOW - dt.timedelta(days=30), label="before-delete")
        # Seen from a month earlier every other backup is "in the future": none goes.
        assert list_backups(data_dir) == [*made[-KEEP_BACKUPS:], back]
        ahead = s.backup(now=UTC_NOW + dt.timedelta(days=400), label="before-delete")
    # Seen from a year on, all are old: the newest ten in the order taken stay.
    assert list_backups(data_dir) == [*made[-KEEP_BACKUPS + 2 :], back, ahead]


def test_young_backups_stay_but_never_more_than_the_cap(
    data_dir: Path, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(backups_mod, "MAX_BACKUPS", KEEP_BACKUPS + 4)
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        made = [s.backup(now=UTC_NOW + dt.timedelta(seconds=i)) for i in range(KEEP_BACKUPS + 8)]
    assert list_backups(data_dir) == made[-(KEEP_BACKUPS + 4) :]


def test_old_local_time_backups_are_listed_restored_and_pruned_first(
    data_dir: Path, catalog
) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        s.set_meta("mark", "old")
        made = s.backup(now=UTC_NOW)
    where = made.parent
    old = [
        where / "skillpath-20250101-120000.sqlite",
        where / "skillpath-20250101-120000-2.sqlite",
        where / "skillpath-20250102-080000-before-delete.sqlite",
    ]
    for name in old:
        shutil.copy(made, name)
    mine = where / "skillpath-kept-by-hand.sqlite"
    shutil.copy(made, mine)
    made.unlink()
    assert list_backups(data_dir) == [mine, *old]  # older than any new-style name
    with Store.open(data_dir, daily_backup=False) as s:
        s.set_meta("mark", "new")
    restore(data_dir, old[1], now=UTC_NOW)
    with Store.open(data_dir, daily_backup=False) as s:
        assert s.meta("mark") == "old"
        for i in range(KEEP_BACKUPS):
            s.backup(now=UTC_NOW + dt.timedelta(hours=2 + i))
    found = list_backups(data_dir)
    assert not any(p.exists() for p in old)  # the oldest go first...
    assert mine in found  # ...and a file Skillpath did not name is never pruned


# ------------------------------------------------------------ a full disk


def test_a_change_the_disk_has_no_room_for_is_refused_whole(
    data_dir: Path, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        s.backup(now=UTC_NOW)
        before = s.conn.execute("SELECT count(*) FROM notes").fetchone()[0]
        usage = shutil.disk_usage(data_dir)
        monkeypatch.setattr(shutil, "disk_usage", lambda _: usage._replace(free=300 * 1024))
        with pytest.raises(StorageError) as info, s.transaction() as conn:
            conn.executemany(
                "INSERT INTO notes (deliverable_id, \"on\", text) VALUES (1, '2026-03-16', ?)",
                [("x" * 1000,) for _ in range(600)],
            )
        message = str(info.value)
        assert "not enough free space" in message and "free at least" in message
        assert "old backups in" in message and "nothing was changed" in message
        assert "\n" not in message
        assert s.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == before
        with s.transaction() as conn:  # a change that does not grow the file still goes
            conn.execute("UPDATE notes SET text = 'kept' WHERE id = 1")
        assert s.meta("mark") is None


def test_ensure_room_answers_before_a_big_write(
    data_dir: Path, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        usage = shutil.disk_usage(data_dir)
        monkeypatch.setattr(shutil, "disk_usage", lambda _: usage._replace(free=2 * 1024 * 1024))
        assert s.has_room(100 * 1024)
        assert not s.has_room(1024 * 1024)  # the -wal, then the same again in the file
        assert s.has_room(850 * 1024)
        assert not s.has_room(850 * 1024, with_backup=True)  # plus a copy of the database
        with pytest.raises(StorageError, match=r"for the import: it needs about .* MB .*"):
            s.ensure_room(5 * 1024 * 1024, "the import")
        s.ensure_room(100 * 1024, "the import")


def test_no_room_for_the_daily_backup_still_opens_and_says_so(
    data_dir: Path, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    usage = shutil.disk_usage(data_dir)
    with monkeypatch.context() as m:
        m.setattr(shutil, "disk_usage", lambda _: usage._replace(free=100 * 1024))
        with Store.open(data_dir, now=NOW) as s:
            assert list_profiles(s)  # reading goes on
            assert len(s.notices) == 1 and "no backup was taken today" in s.notices[0]
            assert "not enough free space for a backup" in s.notices[0]
        assert list_backups(data_dir) == []
    with Store.open(data_dir, now=NOW) as s:  # with room again, it is taken
        assert s.notices == []
    assert len(list_backups(data_dir)) == 1


def _cut_checkpoint_short(folder: Path, limit: int) -> None:
    """Commit 600 KB of notes in a child process whose files may not grow past `limit`
    bytes: the -wal fits, the checkpoint into the file does not (a full disk, as near as a
    test without mounting can make one)."""
    code = f"""
import resource, signal, sys
from pathlib import Path
from skillpath.core.db.store import Store
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
s = Store.open(Path({str(folder)!r}), daily_backup=False)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
with s.transaction() as conn:
    conn.executemany(
        "INSERT INTO notes (deliverable_id, \\"on\\", text) VALUES (1, '2026-03-16', ?)",
        [("x" * 1000,) for _ in range(600)],
    )
s.conn.close()
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX only")
def test_a_checkpoint_the_disk_could_not_finish_is_not_damage(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    path = db_path(data_dir)
    with Store.open(data_dir, daily_backup=False) as s:
        notes = s.conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    _cut_checkpoint_short(data_dir, path.stat().st_size + 530 * 1024)
    header = store_mod.read_header(path)
    assert header.short and header.wal  # the header promises pages the file does not have
    report = check_file(path)
    assert report.ok, report.problems
    with Store.open(data_dir, now=NOW) as s:  # no "damaged (the file is truncated)"
        assert s.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == notes + 600
    assert not store_mod.read_header(path).short  # the checkpoint finished on closing
    assert not path.with_name(path.name + "-wal").exists()


def _mount_small_tmpfs(where: Path) -> None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a 4 MB tmpfs needs root and mount(8) on this machine")
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(where)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"this machine does not allow mounting a tmpfs: {done.stderr.strip()}")


def _fill_disk(folder: Path, leave: int) -> Path:
    filler = folder.parent / "filler"
    free = shutil.disk_usage(folder).free
    with filler.open("wb") as fh:
        fh.write(b"\0" * max(free - leave, 0))
    return filler


def test_a_real_full_disk_never_loses_or_half_writes_a_change(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    small = tmp_path / "small"
    _mount_small_tmpfs(small)
    try:
        folder = small / "data"
        _fill(folder, catalog)
        count = "SELECT count(*) FROM notes"
        with Store.open(folder, daily_backup=False) as s:
            before = s.conn.execute(count).fetchone()[0]
        # 1. A big change with 700 KB free: refused whole, or stored whole.
        filler = _fill_disk(folder, 700 * 1024)
        stored = 0
        try:
            with Store.open(folder, daily_backup=False) as s, s.transaction() as conn:
                conn.executemany(
                    "INSERT INTO notes (deliverable_id, \"on\", text) VALUES (1, '2026-03-16', ?)",
                    [("x" * 1000,) for _ in range(1200)],
                )
            stored = 1200
        except StorageError as exc:
            assert "free" in str(exc)
        filler.unlink()
        with Store.open(folder, daily_backup=False) as s:
            assert s.conn.execute(count).fetchone()[0] == before + stored
            before += stored
        # 2. A change that fits, then the disk fills before the checkpoint on closing.
        s = Store.open(folder, daily_backup=False)
        with s.transaction() as conn:
            conn.executemany(
                "INSERT INTO notes (deliverable_id, \"on\", text) VALUES (1, '2026-03-16', ?)",
                [("y" * 1000,) for _ in range(150)],
            )
        filler = _fill_disk(folder, 0)
        s.conn.close()
        assert store_mod.read_header(db_path(folder)).short  # the checkpoint ran out of disk
        filler.unlink()
        report = check_file(db_path(folder))
        assert report.ok, report.problems
        with Store.open(folder, now=NOW) as s:
            assert s.conn.execute(count).fetchone()[0] == before + 150
    finally:
        subprocess.run(["umount", str(small)], check=False)


# ------------------------------------------------------------ the first opening


def test_a_first_opening_cut_short_leaves_nothing_behind(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def killed(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE meta (key TEXT)")
        raise KeyboardInterrupt  # as near to kill -9 half-way as a test gets

    monkeypatch.setattr(create_mod, "apply_migrations", killed)
    with pytest.raises(KeyboardInterrupt):
        Store.open(data_dir)
    assert _siblings(data_dir) <= {LOCK_NAME}  # no database, no temporary file
    monkeypatch.undo()
    with Store.open(data_dir) as s:
        assert s.schema_version == SCHEMA_VERSION and s.check().ok


def _half_made(folder: Path, state: str) -> None:
    folder.mkdir()
    path = db_path(folder)
    if state == "empty file":
        path.write_bytes(b"")
        return
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(
        "CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, "
        "name TEXT, applied_at TEXT)"
    )
    if state == "some empty tables":
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("CREATE TABLE profiles (id INTEGER PRIMARY KEY, name TEXT)")
    conn.close()


@pytest.mark.parametrize("state", ["empty file", "migration record only", "some empty tables"])
def test_an_earlier_versions_cut_short_first_opening_is_rebuilt(data_dir: Path, state: str) -> None:
    _half_made(data_dir, state)
    with Store.open(data_dir) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.check().ok


def test_a_database_holding_data_is_never_rebuilt(data_dir: Path) -> None:
    _half_made(data_dir, "some empty tables")
    conn = sqlite3.connect(db_path(data_dir))
    conn.execute("INSERT INTO profiles (name) VALUES ('mine')")
    conn.commit()
    conn.close()
    with pytest.raises(CorruptDatabaseError, match="not Skillpath's"):
        Store.open(data_dir)


def test_a_stale_wal_without_its_database_is_set_aside(data_dir: Path) -> None:
    data_dir.mkdir()
    stale = db_path(data_dir).with_name("skillpath.sqlite-wal")
    stale.write_bytes(b"frames of a database that is gone" * 100)
    with Store.open(data_dir) as s:
        assert s.check().ok
    aside = [p for p in data_dir.iterdir() if p.name.startswith("skillpath.sqlite-wal.orphaned-")]
    assert len(aside) == 1 and aside[0].read_bytes() == b"frames of a database that is gone" * 100


# ------------------------------------------------------------ check and code in a database


def _craft(path: Path, *statements: str) -> None:
    """Change a database behind Skillpath's back, past its constraints."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("PRAGMA foreign_keys = OFF")
    for sql in statements:
        conn.execute(sql)
    conn.close()


def test_check_names_each_crafted_problem_in_one_line(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    _craft(
        db_path(data_dir),
        'UPDATE profiles SET data = \'{"name": "Santana\' WHERE id = 1',
        "UPDATE deliverables SET hours = 'forty' WHERE id = 2",
        "UPDATE deliverables SET due = '2026-02-30' WHERE id = 3",
        "UPDATE deliverables SET plan_id = 999 WHERE id = 4",
    )
    report = check_file(db_path(data_dir))
    assert not report.ok
    assert all("\n" not in p for p in report.problems)
    expected = [
        "profiles.data: not valid JSON in 1 row (first: id 1",
        "deliverables.hours: not a number in 1 row (first: id 2, 'forty')",
        "deliverables.due: not a date (YYYY-MM-DD) in 1 row (first: id 3, '2026-02-30')",
        "deliverables: 1 row points at a row of plans that does not exist (first: id 4)",
    ]
    for line in expected:
        assert any(p.startswith(line) for p in report.problems), (line, report.problems)


def test_check_finds_what_every_other_verb_calls_damaged(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    _craft(
        db_path(data_dir),
        "UPDATE deliverables SET status = 'bogus' WHERE id = 1",
        "UPDATE deliverables SET hours = -4 WHERE id = 2",
        "UPDATE plans SET hours_per_week = 0",
        "UPDATE time_logs SET hours = 30 WHERE id = 1",
        "UPDATE notes SET \"on\" = '1800-01-01' WHERE id = 1",
        "UPDATE earned SET level = 9 WHERE id = 1",
        "UPDATE snapshots SET levels = '[1, 2]' WHERE id = 1",
        'UPDATE deliverables SET targets = \'{"python": "high"}\' WHERE id = 5',
    )
    problems = check_file(db_path(data_dir)).problems
    for start in (
        "integrity: CHECK constraint failed in deliverables",
        "integrity: CHECK constraint failed in plans",
        "deliverables.status: not one of todo, in progress, done, skipped",
        "deliverables.hours: not 0 to 2000 in 1 row (first: id 2, -4.0)",
        "plans.hours_per_week: not more than 0 and at most 80",
        "time_logs.hours: not more than 0 and at most 24",
        "notes.on: a date outside 1900-01-01..2200-12-31",
        "earned.level: not 0 to 5",
        "snapshots.levels: not a JSON object of levels 0 to 5",
        "deliverables.targets: not a JSON object of levels 0 to 5",
    ):
        assert any(p.startswith(start) for p in problems), (start, problems)
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        Store.open(data_dir, now=NOW)  # the daily check finds the same file damaged


def test_check_reads_what_the_wal_holds_and_changes_nothing(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    path = db_path(data_dir)
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("PRAGMA ignore_check_constraints = ON")
        writer.execute("UPDATE deliverables SET status = 'bogus' WHERE id = 1")
        wal = path.with_name(path.name + "-wal")
        assert wal.stat().st_size > 0
        before = {p.name: _digest(p) for p in data_dir.iterdir() if p.name != LOCK_NAME}
        problems = check_file(path).problems
        assert any(p.startswith("deliverables.status: not one of") for p in problems)
        assert {p.name: _digest(p) for p in data_dir.iterdir() if p.name != LOCK_NAME} == before
    finally:
        writer.close()


def _with_trigger(source: Path, target: Path) -> None:
    shutil.copy(source, target)
    _craft(target, "CREATE TRIGGER wipe AFTER INSERT ON notes BEGIN DELETE FROM deliverables; END")


def test_a_database_with_a_trigger_is_refused_by_check_restore_and_open(
    data_dir: Path, catalog, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    evil = tmp_path / "evil.sqlite"
    _with_trigger(db_path(data_dir), evil)
    report = check_file(evil)
    assert report.problems[0] == "it holds a trigger 'wipe' on notes, which Skillpath never makes"
    digest = _digest(db_path(data_dir))
    with pytest.raises(CorruptDatabaseError) as info:
        restore(data_dir, evil)
    assert "trigger 'wipe'" in str(info.value) and "\n" not in str(info.value)
    assert _digest(db_path(data_dir)) == digest
    assert list_backups(data_dir) == []
    shutil.copy(evil, db_path(data_dir))
    _refused_untouched(data_dir, CorruptDatabaseError, "trigger 'wipe'.*never makes")
    conn = sqlite3.connect(f"file:{db_path(data_dir)}?mode=ro&immutable=1", uri=True)
    assert conn.execute("SELECT count(*) FROM deliverables").fetchone()[0] > 30
    conn.close()


def test_check_names_views_and_unknown_tables_indexes_and_columns(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    _craft(
        db_path(data_dir),
        "CREATE VIEW everything AS SELECT * FROM deliverables",
        "CREATE TABLE extra (x)",
        "CREATE INDEX by_title ON deliverables(title)",
        "ALTER TABLE notes ADD COLUMN mood TEXT",
        "DROP INDEX oplog_profile",
    )
    problems = check_file(db_path(data_dir)).problems
    for line in (
        "it holds a view 'everything', which Skillpath never makes",
        "it holds an unknown table 'extra'",
        "it holds an index 'by_title' on deliverables, unknown to Skillpath",
        "the table 'notes' does not have Skillpath's columns (unknown mood)",
        "the index 'oplog_profile' is missing",
    ):
        assert line in problems, (line, problems)
    with pytest.raises(CorruptDatabaseError, match="view 'everything'"):
        Store.open(data_dir)


# ------------------------------------------------------------ two writers: lock, data_version

HOLDER = """
import sys, time
from pathlib import Path
from skillpath.core.db.lock import folder_lock
with folder_lock(Path(sys.argv[1])).hold("an import"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _hold_elsewhere(folder: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_writer_waits_for_the_first(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        other = _hold_elsewhere(data_dir, 0.6)
        try:
            started = time.monotonic()
            s.set_meta("mark", "after the wait")
            waited = time.monotonic() - started
        finally:
            other.wait(timeout=30)
        assert waited >= 0.3
        assert s.meta("mark") == "after the wait"


def test_a_writer_kept_waiting_too_long_gives_up_with_one_line(
    data_dir: Path, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    monkeypatch.setattr(lock_mod, "WAIT_SECONDS", 0.3)
    with Store.open(data_dir, daily_backup=False) as s:
        other = _hold_elsewhere(data_dir, 20)
        try:
            with pytest.raises(StorageError) as info:
                s.set_meta("mark", "never")
        finally:
            other.kill()
            other.wait()
        message = str(info.value)
        assert f"process {other.pid}: an import" in message and "nothing was changed" in message
        assert "\n" not in message
        assert s.meta("mark") is None


CHILD_WRITER = """
import sys
from pathlib import Path
from skillpath.core.db.store import Store
with Store.open(Path(sys.argv[1]), daily_backup=False) as s:
    s.set_meta("mark", "from the command line")
"""


def test_an_idle_open_store_never_blocks_another_writer(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as app:
        assert not app.changed_elsewhere()
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", CHILD_WRITER, str(data_dir)], capture_output=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert time.monotonic() - started < lock_mod.WAIT_SECONDS
        assert app.changed_elsewhere()
        assert app.meta("mark") == "from the command line"
        assert not app.changed_elsewhere()


def test_changed_elsewhere_counts_other_connections_only(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with (
        Store.open(data_dir, daily_backup=False) as a,
        Store.open(data_dir, daily_backup=False) as b,
    ):
        assert not a.changed_elsewhere()
        a.set_meta("mark", "a")
        assert not a.changed_elsewhere()  # its own change
        b.set_meta("mark", "b")
        assert a.changed_elsewhere()
        assert not a.changed_elsewhere()  # asked and answered


def test_a_write_from_stale_data_is_refused_under_the_lock(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with (
        Store.open(data_dir, daily_backup=False) as a,
        Store.open(data_dir, daily_backup=False) as b,
    ):
        b.set_meta("mark", "b")
        with pytest.raises(ChangedElsewhereError), a.transaction(expect_unchanged=True) as conn:
            conn.execute("UPDATE meta SET value = 'a' WHERE key = 'mark'")
        assert a.meta("mark") == "b"
        assert a.changed_elsewhere()  # the app reloads here...
        with a.transaction(expect_unchanged=True) as conn:  # ...and then its change goes in
            conn.execute("UPDATE meta SET value = 'a' WHERE key = 'mark'")
        assert b.meta("mark") == "a"


def test_an_open_store_sees_a_restore(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as app:
        app.set_meta("mark", "saved")
        saved = app.backup(now=UTC_NOW)
        app.set_meta("mark", "changed")
        assert not app.changed_elsewhere()
        restore(data_dir, saved, now=UTC_NOW)
        assert app.changed_elsewhere()
        assert app.meta("mark") == "saved"


def test_the_lock_is_reentrant_and_held_only_while_writing(data_dir: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    _fill(data_dir, catalog)
    with Store.open(data_dir, daily_backup=False) as s:
        assert not s.lock.held
        with s.lock.hold("an import"):
            s.backup(now=UTC_NOW)  # takes the lock again inside
            s.set_meta("mark", "x")
            assert s.lock.held
        assert not s.lock.held
        with s.transaction():
            assert s.lock.held
        assert not s.lock.held
