"""Use cases that move a whole profile in or out: export to a file, import from one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from skillpath.core.changes import Changes
from skillpath.core.db import plans, profiles
from skillpath.core.db.undo import operation
from skillpath.core.errors import TransferError
from skillpath.core.inputs import title as clean_title
from skillpath.core.models import Profile
from skillpath.core.records import Earned, Snapshot
from skillpath.core.session import Session
from skillpath.core.transfer import ExportDoc, export_to_file, plan_rows


def export_profile(s: Session, profile_id: int, out: Path, *, force: bool = False) -> Changes:
    """Write the whole profile to `out` (JSON); an existing file is replaced only with `force`.

    Raises:
        OutputExistsError: `out` exists and `force` is off.
        WriteError: it could not be written; nothing half-written is left.
    """
    name = profiles.get_profile(s.store, profile_id).name
    size = export_to_file(s.store, profile_id, out, force=force)
    return Changes(message=f"Exported '{name}' to {out} ({size:,} bytes)", profile_id=profile_id)


def import_profile(
    s: Session,
    doc: ExportDoc,
    *,
    rename: str | None = None,
    replace: bool = False,
    size: int | None = None,
) -> Changes:
    """Store a validated export as a profile, in one undoable change.

    Args:
        rename: import under this name instead.
        replace: replace the profile of the same name (in the same change).
        size: the export file's size, to check there is room before writing (estimated
            from the document when not given).

    Raises:
        TransferError: the name is taken and neither `rename` nor `replace` was given.
    """
    if rename is not None and replace:
        raise TransferError("use either --rename or --replace, not both")
    name = doc.profile.name if rename is None else clean_title(rename, "new name", 200)
    profile = Profile.model_validate(doc.profile.data)
    if rename is not None:
        profile = profile.model_copy(update={"name": name})
    clash = profiles.by_name(s.store, name)
    if clash is not None and not replace:
        raise TransferError(
            f"a profile called '{clash.name}' exists already; "
            "import with --rename NEW-NAME or --replace"
        )
    needed = size if size is not None else len(doc.model_dump_json())
    s.store.ensure_room(needed, "the import", with_backup=clash is not None)
    # the backup and the import under one hold of the folder's lock: no other writer between
    with s.store.lock.hold("an import"):
        if clash is not None:
            s.store.backup(label="before-import")
        return _import(s, doc, name, profile, clash)


def _import(s: Session, doc: ExportDoc, name: str, profile: Profile, clash: Any) -> Changes:
    with operation(s.store, None, f"imported {name}", s.origin) as rec:
        if clash is not None:
            profiles.delete_recorded(rec, clash.id)
        profile_id = profiles.insert_profile(rec, profile, doc.profile.created)
        rec.profile_id = profile_id
        plan_ids = []
        for plan in doc.plans:
            values, phases = plan_rows(plan)
            plan_ids.append(
                plans.insert_plan(
                    rec,
                    profile_id,
                    values,
                    phases,
                    created=plan.created.isoformat(),
                    active=plan.active,
                )
            )
        for e in doc.earned:
            profiles.insert_earned(
                rec,
                profile_id,
                plan_ids[e.plan],
                Earned(
                    0, plan_ids[e.plan], e.skill, e.level, e.previous_level, e.previous_source, e.on
                ),
            )
        for x in doc.snapshots:
            profiles.insert_snapshot(
                rec, profile_id, Snapshot(x.on, x.role_id, x.readiness, x.levels)
            )
    profiles.remember(s.store, profile_id)
    return Changes(
        message=f"Imported '{name}' ({len(doc.plans)} plan{'' if len(doc.plans) == 1 else 's'})",
        profile_id=profile_id,
        profiles=True,
        profile=True,
        plan=True,
        history=True,
    )
