"""Atomic writes: never a half-written file, never a silent overwrite, plain errors."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from skillpath.core import fileio
from skillpath.core.errors import OutputExistsError, WriteError
from skillpath.core.fileio import atomic_write, atomic_write_text, atomic_writer


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    atomic_write_text(target, "héllo\n")
    assert target.read_text(encoding="utf-8") == "héllo\n"
    assert leftovers(tmp_path) == []


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    atomic_write(target, b"%PDF")
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o666 & ~fileio._UMASK


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    with pytest.raises(OutputExistsError, match="already exists; use --force"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_force_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    atomic_write(target, b"new", force=True)
    assert target.read_bytes() == b"new"


def test_failure_mid_write_leaves_the_original_untouched(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the original")

    def half(fh: object) -> None:
        fh.write(b"half a rep")  # type: ignore[attr-defined]
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        atomic_write(target, half, force=True)
    assert target.read_bytes() == b"the original"
    assert leftovers(tmp_path) == []


def test_disk_full_is_one_plain_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the original")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", full)
    with pytest.raises(WriteError) as info, atomic_writer(target, force=True) as fh:
        fh.write(b"x" * 1000)
    assert "disk is full" in str(info.value)
    assert "\n" not in str(info.value)
    assert target.read_bytes() == b"the original"
    assert leftovers(tmp_path) == []


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="does not exist"):
        atomic_write(tmp_path / "nope" / "report.pdf", b"x")


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated: the tests may run as root, which ignores folder permissions.
    def denied(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(fileio.tempfile, "mkstemp", denied)
    with pytest.raises(WriteError, match="permission denied"):
        atomic_write(tmp_path / "report.pdf", b"x")


def test_read_only_message() -> None:
    error = OSError(errno.EROFS, "Read-only file system")
    assert "read-only" in fileio.describe_os_error(error, Path("/mnt/x/report.pdf"))


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="is a folder"):
        atomic_write(tmp_path, b"x", force=True)


def test_file_appearing_meanwhile_is_not_clobbered(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    with pytest.raises(OutputExistsError), atomic_writer(target) as fh:
        fh.write(b"mine")
        target.write_bytes(b"someone else's")
    assert target.read_bytes() == b"someone else's"
    assert leftovers(tmp_path) == []


def test_a_big_write_is_refused_up_front_naming_what_to_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usage = fileio.shutil.disk_usage(tmp_path)
    monkeypatch.setattr(fileio.shutil, "disk_usage", lambda _: usage._replace(free=1536 * 1024))
    fileio.require_space(tmp_path, 1024 * 1024, "the export")  # fits: nothing happens
    with pytest.raises(WriteError) as info:
        fileio.require_space(tmp_path, 4 * 1024 * 1024, "the export", hint="old reports")
    assert str(info.value) == (
        f"not enough free space for the export: it needs about 4.0 MB on the disk holding "
        f"{tmp_path} and 1.5 MB is free; free at least 2.5 MB there (old reports) and try "
        "again; nothing was changed"
    )


def test_free_space_of_a_folder_not_made_yet(tmp_path: Path) -> None:
    free = fileio.free_bytes(tmp_path / "not" / "yet")
    assert free is not None and free > 0  # the nearest folder that exists answers


def test_disk_full_says_what_to_free() -> None:
    error = OSError(errno.ENOSPC, "No space left on device")
    message = fileio.describe_os_error(error, Path("/mnt/x/report.pdf"))
    assert "the disk is full" in message and "free some space on the disk holding /mnt/x" in message


@pytest.mark.parametrize(
    ("size", "text"),
    [(512, "512 bytes"), (1500, "2 KB"), (3 * 1024 * 1024 + 1, "3.0 MB"), (5 * 1024**3, "5.0 GB")],
)
def test_sizes_for_people(size: int, text: str) -> None:
    assert fileio.size_text(size) == text
