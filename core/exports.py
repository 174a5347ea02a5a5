"""Write the exports a person asks for: reports, the deadline calendar, a profile backup.

One place for the command line and the desktop app, so both write the same files the
same way (atomically, replacing an existing file only when asked).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from skillpath.core.catalog import Catalog
from skillpath.core.db.store import Store
from skillpath.core.errors import InputError

Paper = Literal["a4", "letter"]


def write_report(
    store: Store,
    catalog: Catalog,
    profile: str | None,
    kind: str,
    fmt: str,
    paper: Paper,
    out: Path,
    force: bool,
    today: dt.date | None = None,
) -> Path:
    """Write the executive summary (PDF or Markdown) or the progress report (PDF).

    Args:
        catalog: the shipped catalog; the data file's own roles are added to it.
        profile: the stored profile's name (None: the default profile).
        kind: "summary" or "progress".
        fmt: "pdf" or "md".
        paper: "a4" or "letter".
        force: replace `out` if it exists.
    """
    from skillpath.core.fileio import atomic_write, atomic_write_text
    from skillpath.core.own_roles import with_own_roles
    from skillpath.core.report_data import load_stored

    today = today or dt.date.today()
    catalog = with_own_roles(store, catalog)
    if kind == "progress" and fmt == "md":
        raise InputError("the progress report is made as PDF only: use --format pdf")
    stored = load_stored(store, profile, catalog)
    if kind == "summary":
        from skillpath.core.gap import analyze
        from skillpath.core.report_data import build_summary

        analysis = analyze(stored.profile, catalog.role(stored.plan.role.id), catalog)
        summary = build_summary(
            stored.profile,
            analysis,
            stored.plan,
            catalog,
            today=today,
            evidence=stored.evidence,
            status=stored.status,
        )
        if fmt == "md":
            from skillpath.core.report_md import summary_markdown

            atomic_write_text(out, summary_markdown(summary), force)
        else:
            from skillpath.core.report_pdf import summary_pdf

            atomic_write(out, summary_pdf(summary, paper), force)
    else:
        from skillpath.core.report_data import build_progress, load_progress
        from skillpath.core.report_pdf import progress_pdf

        data = load_progress(store, stored.profile_id, catalog, today)
        atomic_write(out, progress_pdf(build_progress(data, catalog), paper), force)
    return out


def write_deadlines(
    store: Store, catalog: Catalog, profile: str | None, out: Path, force: bool
) -> tuple[Path, int, int]:
    """Write the .ics calendar: open deliverables' due dates and certification expiries.

    Returns:
        The path written, the number of due dates and the number of expiries.
    """
    from skillpath.core.calendar_ics import DueItem, Expiry, scope_id, write_calendar
    from skillpath.core.own_roles import with_own_roles
    from skillpath.core.report_data import load_stored, strip_due_suffix
    from skillpath.core.tracking import active_plan, items

    catalog = with_own_roles(store, catalog)
    stored = load_stored(store, profile, catalog)
    rows = items(store, active_plan(store, stored.profile_id).id)
    details = {d.id: d for p in stored.plan.phases for d in p.deliverables}
    due: list[DueItem] = []
    expiries: list[Expiry] = []
    for r in rows:
        d = details.get(r.key)
        if r.status in ("todo", "in progress"):
            due.append(
                DueItem(
                    key=r.key,
                    title=r.title,
                    kind=r.kind,
                    due=r.due,
                    hours=r.hours,
                    phase=r.phase,
                    metric=strip_due_suffix(d.metric, d.due) if d else "",
                    url=d.resource.url if d and d.resource else None,
                )
            )
        elif r.status == "done" and r.expires_on and r.certification:
            cert = catalog.certifications.get(r.certification)
            expiries.append(
                Expiry(
                    cert_id=r.certification,
                    name=cert.name if cert else r.title,
                    expires=r.expires_on,
                    url=cert.url if cert else None,
                )
            )
    written = write_calendar(
        out,
        stored.profile.name,
        stored.plan.role.title,
        due,
        expiries,
        scope=scope_id(stored.profile.name, stored.created),
        force=force,
    )
    return written, len(due), len(expiries)
