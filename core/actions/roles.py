"""Use cases on own roles: save (new or changed), delete, import from a role file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from skillpath.core.changes import Changes
from skillpath.core.db import plans, profiles
from skillpath.core.db.undo import operation
from skillpath.core.errors import CatalogError, InputError
from skillpath.core.models import Role
from skillpath.core.own_roles import checked_own_role, read_role_file, stored_form
from skillpath.core.session import Session

MAX_SOURCE_CHARS = 200_000  # the job ad's text kept beside a role made from it


def save_own_role(
    s: Session, role: Role, *, replace: bool = True, source: str | None = None
) -> tuple[Changes, Role]:
    """Store an own role, inserting it or replacing the one with the same id (undoable).

    Args:
        role: an own role: its id starts with "own-", it requires 1-25 catalog skills and
            names only catalog certifications.
        replace: when False, an own role with the same id is an error.

    Returns:
        The changes and the stored role with its market facts.

    Raises:
        CatalogError: the role breaks a rule; one line naming the field.
        InputError: `replace` is off and the id is taken.
    """
    checked = checked_own_role(role, s.catalog)
    exists = profiles.own_role_exists(s.store, checked.id)
    if exists and not replace:
        raise InputError(f"an own role with the id '{checked.id}' exists already")
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    verb = "changed" if exists else "saved"
    with operation(s.store, None, f"{verb} your role {checked.title}", s.origin) as rec:
        kept = source[:MAX_SOURCE_CHARS] if source is not None else None
        profiles.save_own_role(rec, checked.id, stored_form(checked), created, kept)
        changed = bool(rec.changes)
    s.roles_changed()
    if not changed:
        return Changes(message="Nothing changed"), checked
    return (
        Changes(message=f"Saved your role {checked.title}", roles=True, history=True),
        checked,
    )


def delete_own_role(s: Session, role_id: str) -> Changes:
    """Delete an own role (undoable). Plans made for it keep their deliverables and progress.

    Raises:
        CatalogError: there is no own role with this id.
    """
    with operation(s.store, None, f"deleted your role {role_id}", s.origin) as rec:
        if not profiles.delete_own_role(rec, role_id):
            raise CatalogError(f"there is no own role '{role_id}'")
    s.roles_changed()
    used = plans.count_for_role(s.store, role_id)
    extra = ""
    if used:
        extra = (
            "; one plan made for it keeps its deliverables"
            if used == 1
            else f"; {used} plans made for it keep their deliverables"
        )
    return Changes(message=f"Deleted your role {role_id}{extra}", roles=True, history=True)


def role_from_job(s: Session, path: Path, *, title: str | None = None) -> tuple[Changes, Role]:
    """Make an own role from a saved job ad (its text kept beside the role); undoable.

    Raises:
        CvError: the ad cannot be read. CatalogError: it names no catalog skill.
    """
    from skillpath.core.job import read_job_and_text
    from skillpath.core.own_roles import role_from_job as make

    catalog = s.full_catalog()
    ad, text = read_job_and_text(path, catalog)
    role = make(catalog, ad.to_role(tuple(catalog.roles)), path.name, title=title)
    changes, saved = save_own_role(s, role, replace=False, source=text)
    return (
        changes.with_message(
            f"Saved the job ad as your role {saved.title} ({saved.id}): "
            f"{len(saved.required)} skills"
        ),
        saved,
    )


def import_role_file(s: Session, path: Path, *, replace: bool = False) -> tuple[Changes, Role]:
    """Read a role file and store it as an own role."""
    role = read_role_file(path, s.catalog)
    changes, saved = save_own_role(s, role, replace=replace)
    return changes.with_message(f"Imported the role {saved.title} as {saved.id}"), saved
