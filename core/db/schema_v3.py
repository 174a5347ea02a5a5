"""Schema version 3: undo that knows where a change came from, declared hours, dateless
success metrics.

- `oplog` loses its foreign key to `profiles` (undoing the creation of a profile deletes the
  profile, and its log entry must survive for redo), may belong to no profile (own roles),
  and records its `origin` ("app" or "cli") so each undoes only its own changes.
- `time_logs.since`: hours declared when a deliverable was ticked done are spread evenly
  from `since` to `on` (the days it was in progress).
- `own_roles.source`: the text an own role was made from (a job ad), kept beside it.
- Success metrics no longer carry their due date (it is shown beside them, and a re-plan
  would leave the old one in the text): ", by 2027-06-30" is taken off stored metrics.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

_DUE_SUFFIX = re.compile(r",? by \d{4}-\d{2}-\d{2}\.?$")


def migrate(db: Database) -> None:
    """Bring a version-2 database to version 3 (inside the migration's transaction)."""
    oplog = db["oplog"]
    oplog.add_column("origin", str, not_null_default="app")  # type: ignore[union-attr]
    oplog.transform(  # type: ignore[union-attr]
        not_null={"profile_id": False},
        drop_foreign_keys=["profile_id"],
    )
    db.execute("CREATE INDEX IF NOT EXISTS oplog_origin ON oplog(origin, id)")
    db["time_logs"].add_column("since", str)  # type: ignore[union-attr]
    db["own_roles"].add_column("source", str)  # type: ignore[union-attr]
    rows = db.execute("SELECT id, metric FROM deliverables WHERE metric LIKE '% by %'").fetchall()
    fixed = [
        (_DUE_SUFFIX.sub("", metric), rowid) for rowid, metric in rows if _DUE_SUFFIX.search(metric)
    ]
    db.conn.executemany("UPDATE deliverables SET metric = ? WHERE id = ?", fixed)
    db.execute("PRAGMA user_version = 3")
