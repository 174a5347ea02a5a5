"""CLI verbs for reports and the calendar: `skillpath report` and `skillpath calendar`.

Both read a stored profile (`--profile NAME`, or the default one) from the data folder and
write one file atomically; an existing file is replaced only with `--force`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from skillpath.core.errors import InputError


def _check_out(args: argparse.Namespace) -> Path:
    from skillpath.core.fileio import check_target

    out: Path = args.out
    check_target(out, args.force)  # fail before any work is done
    return out


def cmd_report(args: argparse.Namespace) -> int:
    from skillpath.core.cli_common import session
    from skillpath.core.exports import write_report

    out = _check_out(args)
    if args.kind == "progress" and args.format == "md":
        raise InputError("the progress report is made as PDF only: use --format pdf")
    with session(args) as s:
        row = s.find_profile(args.profile)
        write_report(s, row.id, args.kind, args.format, args.paper, out, args.force)
    sys.stdout.write(f"Wrote {out}\n")
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    from skillpath.core.cli_common import session
    from skillpath.core.exports import write_deadlines

    out = _check_out(args)
    with session(args) as s:
        row = s.find_profile(args.profile)
        written, due, expiries = write_deadlines(s, row.id, out, args.force)
    sys.stdout.write(f"Wrote {written}: {due} due dates and {expiries} certification expiries\n")
    return 0


def register(verb: Any, sub: Any) -> None:
    """Add this module's verbs to the parser. `verb(name, handler, help)` returns a parser."""

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--profile", metavar="NAME", help="a stored profile (default: the last used)"
        )
        p.add_argument("--out", type=Path, required=True, metavar="FILE", help="the file to write")
        p.add_argument("--force", action="store_true", help="replace FILE if it exists")

    p = verb("report", cmd_report, "write the executive summary or the progress report")
    common(p)
    p.add_argument("--kind", choices=("summary", "progress"), default="summary",
                   help="summary (default) or progress")  # fmt: skip
    p.add_argument("--format", choices=("pdf", "md"), default="pdf",
                   help="pdf (default) or md (Markdown; summary only)")  # fmt: skip
    p.add_argument("--paper", choices=("a4", "letter"), default="a4",
                   help="paper size of the PDF (default a4)")  # fmt: skip

    p = verb("calendar", cmd_calendar, "write the open deadlines and expiries as an .ics file")
    common(p)
