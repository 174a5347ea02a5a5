"""Undo and redo: each origin (the app, the command line) walks back only its own changes."""

from __future__ import annotations

from skillpath.core.changes import Changes, from_tables
from skillpath.core.db import undo
from skillpath.core.session import Session


def _step(s: Session, backwards: bool, profile_id: int | None) -> Changes:
    done = undo.step(s.store, s.origin, backwards, profile_id)
    if "own_roles" in done.tables:
        s.roles_changed()
    word = "Undid" if backwards else "Redid"
    return from_tables(done.tables, done.keys, f"{word}: {done.summary}", done.profile_id)


def undo_last(s: Session, profile_id: int | None = None) -> Changes:
    """Undo the latest change of this session's origin (of `profile_id` when given).

    Raises:
        InputError: nothing to undo, or what it changed was changed again since.
    """
    return _step(s, True, profile_id)


def redo_last(s: Session, profile_id: int | None = None) -> Changes:
    """Redo the change of this session's origin undone most recently."""
    return _step(s, False, profile_id)


def can_undo(s: Session, profile_id: int | None = None) -> bool:
    return undo.can_step(s.store, s.origin, True, profile_id)


def can_redo(s: Session, profile_id: int | None = None) -> bool:
    return undo.can_step(s.store, s.origin, False, profile_id)
