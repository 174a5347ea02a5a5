"""Backups of the database: their names, listing them oldest first, and pruning old ones.

Backups are named by UTC time plus a counter that only grows, and pruned by that counter:
the newest KEEP_BACKUPS are kept, and so is any taken in the last BACKUP_GRACE (up to
MAX_BACKUPS in all), the one just taken and the one being restored. A clock or time-zone
change can only make more of them stay, never remove a newer one. Older local-time names
(skillpath-YYYYMMDD-HHMMSS.sqlite) are listed and restored as before, older than any new one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from skillpath.core.errors import StorageError

BACKUP_DIR = "backups"
BACKUP_PREFIX = "skillpath-"
KEEP_BACKUPS = 10
BACKUP_GRACE = dt.timedelta(hours=1)  # a backup this young is never pruned...
MAX_BACKUPS = 40  # ...unless there are more than this many


def backup_dir(folder: Path) -> Path:
    return folder / BACKUP_DIR


_NEW_NAME = re.compile(r"^skillpath-(\d{8}T\d{6}Z)-(\d{1,12})(?:-([a-z0-9-]+))?\.sqlite$")
_OLD_NAME = re.compile(r"^skillpath-(\d{8}-\d{6})(?:-(.*?))??(?:-(\d+))?\.sqlite$")


@dataclass(frozen=True)
class _Backup:
    """A backup file and what its name says."""

    path: Path
    key: tuple[int, str, int, str]  # sorts oldest first
    taken: dt.datetime | None  # in UTC; None when the name does not say
    sequence: int | None  # None for an old local-time name

    @classmethod
    def parse(cls, path: Path) -> _Backup:
        name = path.name
        new = _NEW_NAME.match(name)
        if new:
            taken = dt.datetime.strptime(new[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
            sequence = int(new[2])
            return cls(path, (1, "", sequence, name), taken, sequence)
        old = _OLD_NAME.match(name)
        if old:
            local: dt.datetime | None
            try:
                local = dt.datetime.strptime(old[1], "%Y%m%d-%H%M%S").astimezone(dt.UTC)
            except (ValueError, OverflowError, OSError):
                local = None
            return cls(path, (0, old[1], int(old[3] or 1), name), local, None)
        # Another name starting skillpath-: listed and restorable, never pruned.
        return cls(path, (0, "", 0, name), None, None)

    @property
    def prunable(self) -> bool:
        return self.sequence is not None or _OLD_NAME.match(self.path.name) is not None


def _backups(folder: Path) -> list[_Backup]:
    where = backup_dir(folder)
    try:
        found = [p for p in where.glob(f"{BACKUP_PREFIX}*.sqlite") if p.is_file()]
    except OSError:
        return []
    return sorted((_Backup.parse(p) for p in found), key=lambda b: b.key)


def list_backups(folder: Path) -> list[Path]:
    """The backups in a data folder, oldest first (by the order they were taken, which a
    clock or time-zone change does not alter)."""
    return [b.path for b in _backups(folder)]


def newest_backup(folder: Path) -> Path | None:
    found = list_backups(folder)
    return found[-1] if found else None


def offer_backup(folder: Path) -> str:
    """The end of a refusal's message: the newest backup and how to restore it."""
    newest = newest_backup(folder)
    if newest is None:
        return "there is no backup to restore"
    return f"the newest backup is {newest} (use `skillpath restore {newest}`)"


def free_hint(folder: Path) -> str:
    """What in the data folder could be freed, if anything."""
    return f"old backups in {backup_dir(folder)} can be deleted" if list_backups(folder) else ""


def _utc(now: dt.datetime | None) -> dt.datetime:
    """`now` in UTC; a naive time is taken as local time, as datetime.now() gives it."""
    if now is None:
        return dt.datetime.now(dt.UTC)
    return now.astimezone(dt.UTC)


def local_day(now: dt.datetime | None) -> str:
    """The day, in local time, that a daily backup taken at `now` counts for."""
    if now is None:
        return dt.date.today().isoformat()
    if now.tzinfo is None:
        return now.date().isoformat()
    return now.astimezone().date().isoformat()


def _clean_label(label: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    return text[:40].strip("-")


def place_backup(temp: Path, where: Path, now: dt.datetime | None, label: str) -> Path:
    """Give a finished temporary backup its name: UTC time, then the next counter value.

    A hard link never replaces a file, so two writers can never take the same name.
    """
    stamp = _utc(now).strftime("%Y%m%dT%H%M%SZ")
    suffix = f"-{_clean_label(label)}" if _clean_label(label) else ""
    sequence = max((b.sequence or 0 for b in _backups(where.parent)), default=0) + 1
    for _ in range(1000):
        target = where / f"{BACKUP_PREFIX}{stamp}-{sequence:06d}{suffix}.sqlite"
        try:
            os.link(temp, target)
        except FileExistsError:
            sequence += 1
            continue
        except OSError as exc:
            if exc.errno not in _NO_LINK:
                raise
            if target.exists():  # the folder lock is held: nobody else names backups now
                sequence += 1
                continue
            os.replace(temp, target)
            return target
        temp.unlink()
        return target
    raise StorageError(f"cannot name a new backup in {where}: too many backups there")


_NO_LINK = {errno.EPERM, errno.EACCES, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def prune(folder: Path, now: dt.datetime | None, protect: Iterable[Path] = ()) -> list[Path]:
    """Delete backups beyond the newest KEEP_BACKUPS (in the order taken) that are older
    than BACKUP_GRACE, or the oldest beyond MAX_BACKUPS; never one in `protect`.

    Returns:
        The files deleted.
    """
    kept = {_same_key(p) for p in protect}
    found = [b for b in _backups(folder) if b.prunable]
    if len(found) <= KEEP_BACKUPS:
        return []
    cutoff = _utc(now) - BACKUP_GRACE
    left = len(found)
    gone: list[Path] = []
    for backup in found[:-KEEP_BACKUPS]:
        if _same_key(backup.path) in kept:
            continue
        # A time in the future (the clock was set back) counts as young: kept, not lost.
        young = backup.taken is None or backup.taken > cutoff
        if young and left <= MAX_BACKUPS:
            continue
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
        left -= 1
        gone.append(backup.path)
    return gone


def _same_key(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except OSError:
        return str(path)


def clear_old_backup_leftovers(where: Path) -> None:
    # Earlier versions wrote backups as skillpath-*.sqlite.part and could leave -wal/-shm
    # files beside them (the folder lock now keeps two backups from sharing a name).
    with contextlib.suppress(OSError):
        for pattern in ("skillpath-*.sqlite.part", "skillpath-*.sqlite.part-*"):
            for leftover in where.glob(pattern):
                with contextlib.suppress(OSError):
                    leftover.unlink()
