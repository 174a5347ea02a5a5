"""The `skillpath cv FILE` verb (a draft profile read from a CV, or its gap analysis) and the
`skillpath job FILE` verb (what a job ad asks for).

Nothing is saved: saving a confirmed draft is `skillpath profile create --from-cv FILE`
(storage), which calls `core.cv.read_cv(path, catalog).to_profile(hours_per_week)`; a role
from an ad is `core.job.read_job(path, catalog).to_role()`, stored by the role verbs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def cmd_cv(args: argparse.Namespace) -> int:
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.cli_common import emit_json
    from skillpath.core.cv import draft_text, read_cv
    from skillpath.core.gap import analyze
    from skillpath.core.text import analysis_text

    catalog = shipped_catalog()
    role = catalog.role(args.role) if args.role else None  # an unknown role fails before reading
    draft = read_cv(args.file, catalog, args.today)
    if role is None:
        if args.json:
            emit_json(draft.model_dump(mode="json"))
        else:
            print(draft_text(draft, args.file.name))
        return 0
    profile = draft.to_profile(name=draft.name or args.file.stem)
    analysis = analyze(profile, role, catalog)
    if args.json:
        emit_json(
            {"draft": draft.model_dump(mode="json"), "analysis": analysis.model_dump(mode="json")}
        )
    else:
        print(analysis_text(analysis, profile))
        if draft.warnings:
            print()
            print("Notes on reading the CV")
            for warning in draft.warnings:
                print(f"  - {warning}")
    return 0


def cmd_job(args: argparse.Namespace) -> int:
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.cli_common import emit_json
    from skillpath.core.job import job_text, read_job

    ad = read_job(args.file, shipped_catalog())
    if args.json:
        emit_json(ad.model_dump(mode="json"))
    else:
        print(job_text(ad, args.file.name))
    return 0


def register(verb: Any, sub: Any) -> None:
    """Add this module's verbs to the parser. `verb(name, handler, help)` returns a parser."""
    from skillpath.core.cli_common import parse_date

    p = verb("cv", cmd_cv, "read a CV (.txt, .md, .pdf, .docx) into a draft profile to check")
    p.add_argument("file", type=Path, metavar="FILE", help="the CV file")
    p.add_argument("--role", metavar="ID", help="print the gap analysis against this role")
    p.add_argument(
        "--today",
        type=parse_date,
        metavar="DATE",
        help="count 'Present' as this date, YYYY-MM-DD (default: today)",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text")

    p = verb(
        "job", cmd_job, "read a job ad (.txt, .md, .html, .pdf, .docx): the skills it asks for"
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the job ad")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
