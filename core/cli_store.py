"""CLI verbs for local storage and progress tracking: profiles, status, tick-offs, hours,
notes, undo/redo, re-plan, export/import, backup/restore and check.

Every verb takes --data-dir. A verb that acts on a profile takes --profile NAME, which
may be left out when there is one profile or a last-used one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from skillpath.core import inputs
from skillpath.core.cli_common import say, session
from skillpath.core.db.store import Store
from skillpath.core.errors import InputError, StorageError
from skillpath.core.paths import data_dir
from skillpath.core.records import ProfileRecord
from skillpath.core.rules import Status
from skillpath.core.session import Session

TRUNCATE = 64


def _folder(args: argparse.Namespace) -> Path:
    return data_dir(getattr(args, "data_dir", None))


def _open(args: argparse.Namespace) -> Store:
    return Store.open(_folder(args))


def parse_log_hours(text: str) -> float:
    """Hours of work in one entry (core/rules.py's limits)."""
    try:
        return inputs.log_hours(float(text))
    except (ValueError, InputError) as exc:
        if isinstance(exc, InputError):
            raise argparse.ArgumentTypeError(str(exc)) from None
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of hours") from None


def parse_spent_hours(text: str) -> float:
    """Hours spent on a deliverable in all."""
    try:
        return inputs.deliverable_hours(float(text), "hours spent")
    except (ValueError, InputError) as exc:
        if isinstance(exc, InputError):
            raise argparse.ArgumentTypeError(str(exc)) from None
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of hours") from None


def parse_text(text: str) -> str:
    try:
        return inputs.text(text, "text")
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parse_skill(text: str) -> tuple[str, int]:
    """ID=LEVEL, the level 0-5."""
    skill, sep, level = text.partition("=")
    if not sep or not skill.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not SKILL=LEVEL (like python=3)")
    try:
        value = int(level)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{level}' is not a level 0-5") from None
    if not 0 <= value <= 5:
        raise argparse.ArgumentTypeError(f"the level must be 0-5, not {value}")
    return skill.strip(), value


def _emit(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _short(text: str, width: int = TRUNCATE) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _who(s: Session, args: argparse.Namespace) -> ProfileRecord:
    """The profile a command acts on, remembered as the default."""
    from skillpath.core.db.profiles import remember

    row = s.find_profile(getattr(args, "profile", None))
    remember(s.store, row.id)
    return row


# ------------------------------------------------------------------ status

_MARK = {
    Status.TODO: "[ ]",
    Status.IN_PROGRESS: "[>]",
    Status.DONE: "[x]",
    Status.SKIPPED: "[-]",
}


def cmd_status(args: argparse.Namespace) -> int:
    from skillpath.core import queries
    from skillpath.core.progress import ON_TRACK_DAYS, status_json

    with session(args) as s:
        row = _who(s, args)
        st = queries.progress(s, row.id)
        snaps = queries.snapshots(s, row.id)
    name = row.name
    if args.json:
        data = status_json(st, name)
        if snaps:
            data["readiness"] = {
                "first": {"on": snaps[0].on.isoformat(), "percent": snaps[0].readiness},
                "latest": {"on": snaps[-1].on.isoformat(), "percent": snaps[-1].readiness},
            }
        _emit(data)
        return 0
    o = st.overall
    out = [
        f"{name} -> {st.plan.role_title}",
        f"Done {o.done} of {o.total} deliverables ({o.count_percent}%), "
        f"{o.done_hours:g} of {o.total_hours:g} h ({o.percent}%); {st.logged_hours:g} h spent",
    ]
    finish = st.forecast_finish
    at = f"{st.pace:g} h a week lately" if st.pace else f"the planned {st.rate:g} h a week"
    if o.done == o.total and finish:
        out.append(f"Finished on {finish}")
    else:
        when = f"forecast finish {finish}" if finish else "no finish in sight at this pace"
        out.append(f"At {at}: {when}; the plan ends {st.planned_finish}")
        sch = st.schedule
        if sch.state == "on-track":
            out.append(f"Schedule: on track (within {ON_TRACK_DAYS} days of the plan's end)")
        else:
            out.append(f"Schedule: {sch.state} by {sch.days} days")
    if st.plan.target:
        meets = "on or before it" if st.meets_target else "after it"
        out.append(f"Target date {st.plan.target}: the forecast is {meets}")
    if len(snaps) > 1 and snaps[0].readiness != snaps[-1].readiness:
        out.append(
            f"Readiness: {snaps[0].readiness}% -> {snaps[-1].readiness}% since {snaps[0].on}"
        )
    by_key = {r.key: r for r in st.items}
    if st.overdue:
        out.append("Overdue: " + ", ".join(f"{k} (due {by_key[k].due})" for k in st.overdue))
    if st.due_soon:
        out.append(
            "Due in the next 7 days: "
            + ", ".join(f"{k} (due {by_key[k].due})" for k in st.due_soon)
        )
    for number, title, t in st.phases:
        out += [
            "",
            f"Phase {number}. {title}  {t.done}/{t.total} done, "
            f"{t.done_hours:g} of {t.total_hours:g} h ({t.percent}%)",
        ]
        for r in (x for x in st.items if x.phase == number):
            when = f"done {r.done_on}" if r.done_on else f"due {r.due}"
            out.append(
                f"  {_MARK[r.status]} {r.key:<28} {_short(r.title)}  ({r.hours:g} h, {when})"
            )
    say("\n".join(out))
    return 0


# ------------------------------------------------------------------ changes


def _change(args: argparse.Namespace, action: str) -> int:
    from skillpath.core.actions import history, planning, tracking

    with session(args) as s:
        row = _who(s, args)
        pid = row.id
        if action == "tick":
            if args.undo:
                if any(x is not None for x in (args.on, args.evidence, args.note, args.hours)):
                    raise InputError("--undo takes no --on, --hours, --evidence or --note")
                changes = tracking.untick(s, pid, args.id)
            else:
                changes = tracking.tick(
                    s, pid, args.id, on=args.on, hours=args.hours, evidence=args.evidence,
                    note=args.note,
                )  # fmt: skip
        elif action == "start":
            changes = tracking.start(s, pid, args.id, on=args.on)
        elif action == "skip":
            changes = tracking.skip(s, pid, args.id)
        elif action == "log":
            changes = tracking.log_hours(s, pid, args.id, args.hours, on=args.on)
        elif action == "note":
            changes = tracking.add_note(s, pid, args.id, args.text, on=args.on)
        elif action == "undo":
            changes = history.undo_last(s, pid)
        elif action == "redo":
            changes = history.redo_last(s, pid)
        else:  # replan
            if args.preview:
                preview = planning.preview_replan(
                    s, pid, hours_per_week=args.hours, at_pace=args.at_pace
                )
                say(preview.summary)
                for m in preview.moves[:20]:
                    say(f"  {m.key:<28} {m.old_due} -> {m.new_due} ({m.days:+d} days)")
                if len(preview.moves) > 20:
                    say(f"  ...and {len(preview.moves) - 20} more")
                return 0
            changes = planning.replan(s, pid, hours_per_week=args.hours, at_pace=args.at_pace)
    line = changes.message
    say(line + ("" if line.endswith(".") else "."))
    return 0


def cmd_tick(args: argparse.Namespace) -> int:
    return _change(args, "tick")


def cmd_start(args: argparse.Namespace) -> int:
    return _change(args, "start")


def cmd_skip(args: argparse.Namespace) -> int:
    return _change(args, "skip")


def cmd_log(args: argparse.Namespace) -> int:
    return _change(args, "log")


def cmd_note(args: argparse.Namespace) -> int:
    return _change(args, "note")


def cmd_undo(args: argparse.Namespace) -> int:
    return _change(args, "undo")


def cmd_redo(args: argparse.Namespace) -> int:
    return _change(args, "redo")


def cmd_replan(args: argparse.Namespace) -> int:
    return _change(args, "replan")


# ------------------------------------------------------------------ transfer


def cmd_export(args: argparse.Namespace) -> int:
    from skillpath.core.actions.transfer import export_profile
    from skillpath.core.fileio import check_target

    check_target(args.out, args.force)  # before any work
    with session(args) as s:
        row = s.find_profile(args.profile)
        changes = export_profile(s, row.id, args.out, force=args.force)
    say(changes.message + ".")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from skillpath.core.actions.transfer import import_profile
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.transfer import read_export

    doc = read_export(args.file, shipped_catalog())
    with session(args) as s:
        changes = import_profile(s, doc, rename=args.rename, replace=args.replace)
    say(changes.message + ".")
    return 0


# ------------------------------------------------------------------ backups


def cmd_backup(args: argparse.Namespace) -> int:
    with _open(args) as store:
        path = store.backup()
    say(f"Backed up to {path}.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from skillpath.core.db.restore import restore

    kept = restore(_folder(args), args.file)
    with _open(args) as store:  # migrates an older backup and proves it opens
        schema = store.schema_version
    extra = f" The database it replaced is kept in {kept}." if kept else ""
    say(f"Restored {args.file} (schema {schema}).{extra}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from skillpath.core.db.store import check_file, db_path, newest_backup

    folder = _folder(args)
    path = db_path(folder)
    if not path.exists():
        raise StorageError(f"there is no database in {folder} yet")
    report = check_file(path)
    if report.ok:
        say(
            f"{path}: healthy (integrity ok, schema {report.schema}, {report.profiles} profiles, "
            f"{report.deliverables} deliverables)."
        )
        return 0
    say(f"{path}: {len(report.problems)} problems found:")
    for problem in report.problems:
        say(f"  {problem}")
    newest = newest_backup(folder)
    if newest:
        say(f"The newest backup is {newest}; `skillpath restore {newest}` puts it back.")
    return 1


# ------------------------------------------------------------------ parser


def register(verb: Any, sub: Any) -> None:
    """Add this module's verbs to the parser. `verb(name, handler, help)` returns a parser."""
    from skillpath.core.cli_common import parse_date, parse_hours

    def who(p: argparse.ArgumentParser) -> None:
        p.add_argument("--profile", metavar="NAME", help="the profile (default: the last used)")

    def json_flag(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="print JSON instead of text")

    def deliverable(p: argparse.ArgumentParser) -> None:
        p.add_argument("id", metavar="ID", help="a deliverable id, as `status` shows it")

    p = verb("status", cmd_status, "progress, schedule, pace and what is due")
    who(p)
    json_flag(p)

    p = verb("tick", cmd_tick, "mark a deliverable done")
    deliverable(p)
    who(p)
    p.add_argument("--undo", action="store_true", help="take a done deliverable back")
    p.add_argument("--on", type=parse_date, metavar="DATE", help="done on, YYYY-MM-DD (today)")
    p.add_argument(
        "--hours",
        type=parse_spent_hours,
        metavar="N",
        help="hours spent on it in all (default: the hours logged on it, else its estimate)",
    )
    p.add_argument(
        "--evidence",
        type=parse_text,
        metavar="TEXT",
        help="a link, a certificate id or a file path",
    )
    p.add_argument("--note", type=parse_text, metavar="TEXT", help="a note to keep with it")

    p = verb("start", cmd_start, "mark a deliverable in progress")
    deliverable(p)
    who(p)
    p.add_argument("--on", type=parse_date, metavar="DATE", help="started on (today)")

    p = verb("skip", cmd_skip, "skip a deliverable: it leaves the totals")
    deliverable(p)
    who(p)

    p = verb("log", cmd_log, "log hours of work on a deliverable")
    deliverable(p)
    p.add_argument("hours", type=parse_log_hours, metavar="HOURS", help="hours (0-24]")
    who(p)
    p.add_argument("--on", type=parse_date, metavar="DATE", help="worked on (today)")

    p = verb("note", cmd_note, "keep a note with a deliverable")
    deliverable(p)
    p.add_argument("text", type=parse_text, metavar="TEXT")
    who(p)
    p.add_argument("--on", type=parse_date, metavar="DATE", help="dated (today)")

    who(verb("undo", cmd_undo, "undo the latest change"))
    who(verb("redo", cmd_redo, "redo the change undone last"))

    p = verb("replan", cmd_replan, "reschedule the open deliverables from today")
    who(p)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--at-pace", action="store_true", help="at the measured pace")
    group.add_argument("--hours", type=parse_hours, metavar="N", help="at N hours per week")
    p.add_argument(
        "--preview", action="store_true", help="show what would move, and change nothing"
    )

    p = verb("export", cmd_export, "export a whole profile to a JSON file")
    who(p)
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")

    p = verb("import", cmd_import, "import a profile from an export file")
    p.add_argument("file", type=Path, metavar="FILE")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--rename", type=parse_text, metavar="NAME", help="import under this name")
    group.add_argument(
        "--replace", action="store_true", help="replace the profile of the same name"
    )

    verb("backup", cmd_backup, "back up the database now")
    p = verb("restore", cmd_restore, "replace the database with a backup")
    p.add_argument("file", type=Path, metavar="FILE")
    verb("check", cmd_check, "check the database; exit status 1 when it finds problems")
