"""Write an export for the Reports screen through the core's one export path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from skillpath.core.catalog import Catalog
from skillpath.core.db.store import Store
from skillpath.core.tracking import get_profile


def write_export(
    store: Store,
    catalog: Catalog,
    profile_id: int,
    kind: str,
    fmt: str,
    paper: str,
    path: Path,
    force: bool,
    today: dt.date,
) -> None:
    """Write one export atomically to `path` (replacing it only when `force`)."""
    if kind == "backup":
        from skillpath.core.transfer import export_to_file

        export_to_file(store, profile_id, path)
        return
    name = get_profile(store, profile_id).name
    if kind == "calendar":
        from skillpath.core.exports import write_deadlines

        write_deadlines(store, catalog, name, path, force)
        return
    from skillpath.core.exports import write_report

    write_report(
        store, catalog, name, kind, fmt, "letter" if paper == "letter" else "a4", path, force, today
    )
