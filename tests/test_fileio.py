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
