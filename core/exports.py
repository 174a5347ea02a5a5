"""Write the exports a person asks for: the two reports and the deadline calendar.

One place for the command line and the desktop app, so both write the same files the
same way (atomically, replacing an existing file only when asked).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from skillpath.core.errors import InputError
from skillpath.core.session import Session

Paper = Literal["a4", "letter"]


def write_report(
    s: Session, profile_id: int, kind: str, fmt: str, paper: Paper, out: Path, force: bool
) -> Path:
    """Write the executive summary (PDF or Markdown) or the progress report (PDF).

    Args:
        kind: "summary" or "progress".
        fmt: "pdf" or "md".
        paper: "a4" or "letter".
        force: replace `out` if it exists.
    """
    from skillpath.core.fileio import atomic_write, atomic_write_text
    from skillpath.core.report_load import load_progress, load_summary

    if kind == "progress" and fmt == "md":
        raise InputError("the progress report is made as PDF only: use --format pdf")
    if kind == "summary":
        summary = load_summary(s, profile_id)
        if fmt == "md":
            from skillpath.core.report_md import summary_markdown

            atomic_write_text(out, summary_markdown(summary), force)
        else:
            from skillpath.core.report_pdf_summary import summary_pdf

            atomic_write(out, summary_pdf(summary, paper), force)
    else:
        from skillpath.core.report_pdf_progress import progress_pdf
        from skillpath.core.report_progress import build_progress

        data = load_progress(s, profile_id)
        atomic_write(out, progress_pdf(build_progress(data, s.full_catalog()), paper), force)
    return out


def write_deadlines(s: Session, profile_id: int, out: Path, force: bool) -> tuple[Path, int, int]:
    """Write the .ics calendar: open deliverables' due dates and certification expiries.

    Returns:
        The path written, the number of due dates and the number of expiries.
    """
    from skillpath.core.calendar_ics import DueItem, Expiry, scope_id, write_calendar
    from skillpath.core.db import profiles
    from skillpath.core.queries import progress
    from skillpath.core.rules import Status

    catalog = s.full_catalog()
    row = profiles.get_profile(s.store, profile_id)
    st = progress(s, profile_id)
    due: list[DueItem] = []
    expiries: list[Expiry] = []
    for r in st.items:
        if r.is_open:
            due.append(
                DueItem(
                    key=r.key,
                    title=r.title,
                    kind=str(r.kind),
                    due=r.due,
                    hours=r.hours,
                    phase=r.phase,
                    metric=r.metric,
                    url=r.resource.url if r.resource else None,
                )
            )
        elif r.status is Status.DONE and r.expires_on and r.certification:
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
        row.name,
        st.plan.role_title,
        due,
        expiries,
        scope=scope_id(row.name, row.created),
        force=force,
    )
    return written, len(due), len(expiries)
