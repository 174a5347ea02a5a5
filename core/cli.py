"""The `skillpath` command: the catalog, gap analysis and plans from a terminal, with no display.

With no subcommand it starts the desktop app. Every error a person can cause ends with
exit status 2 and one line on stderr; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from skillpath.core import __version__
from skillpath.core.cli_common import (
    DATA_DIR_HELP,
    EXIT_USAGE,
    Handler,
    Parser,
    add_plan_flags,
    emit_json,
    parse_date,
    plan_options,
    subverbs,
)
from skillpath.core.errors import InputError, SkillpathError
from skillpath.core.inputs import strip_controls

# ------------------------------------------------------------------ verbs


def cmd_roles(args: argparse.Namespace) -> int:
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.text import roles_text

    catalog = shipped_catalog()
    if args.json:
        emit_json([r.model_dump(mode="json") for r in catalog.roles.values()])
    else:
        print(roles_text(catalog))
    return 0


def cmd_skills(args: argparse.Namespace) -> int:
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.text import skills_text

    catalog = shipped_catalog()
    if args.json:
        emit_json([s.model_dump(mode="json") for s in catalog.skills.values()])
    else:
        print(skills_text(catalog))
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.gap import analyze
    from skillpath.core.profile_io import load_profile
    from skillpath.core.text import analysis_text

    catalog = shipped_catalog()
    profile = load_profile(args.profile, catalog)
    analysis = analyze(profile, catalog.role(args.role), catalog)
    if args.json:
        emit_json(analysis.model_dump(mode="json"))
    else:
        print(analysis_text(analysis, profile))
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.planner import build_plan
    from skillpath.core.text import plan_text

    catalog = shipped_catalog()
    role = catalog.role(args.role)  # an unknown role fails before a CV is read
    draft = None
    if args.cv is not None:
        from skillpath.core.cv import read_cv

        draft = read_cv(args.cv, catalog)
        name = (draft.name or args.cv.stem or "CV")[:200]
        profile = draft.to_profile(hours_per_week=args.hours or 8, name=name)
    else:
        from skillpath.core.profile_io import load_profile

        profile = load_profile(args.profile, catalog)
    plan = build_plan(profile, role, catalog, plan_options(args))
    analysis = None
    if draft is not None:
        from skillpath.core.gap import analyze

        analysis = analyze(profile, role, catalog)
    if args.json:
        data = plan.model_dump(mode="json")
        if draft is not None and analysis is not None:
            data["analysis"] = analysis.model_dump(mode="json")
            data["cv"] = draft.model_dump(mode="json")
        emit_json(data)
        return 0
    if draft is not None and analysis is not None:
        from skillpath.core.text import analysis_text

        print(analysis_text(analysis, profile))
        print()
    print(plan_text(plan))
    if plan.options is not None and plan.options.scope is not None:
        print()
        print("Run again with --fit-target to see the narrower plan that meets the target date.")
    if draft is not None and draft.warnings:
        print()
        print("Notes on reading the CV")
        for warning in draft.warnings:
            print(f"  - {warning}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.demo import DEMO_ROLE, demo_profile
    from skillpath.core.gap import analyze
    from skillpath.core.planner import build_plan
    from skillpath.core.text import analysis_text, plan_text

    catalog = shipped_catalog()
    profile = demo_profile()
    role = catalog.role(DEMO_ROLE)
    analysis = analyze(profile, role, catalog)
    plan = build_plan(profile, role, catalog, plan_options(args))
    if args.json:
        emit_json(
            {
                "profile": profile.model_dump(mode="json"),
                "analysis": analysis.model_dump(mode="json"),
                "plan": plan.model_dump(mode="json"),
            }
        )
    else:
        print(analysis_text(analysis, profile))
        print()
        print(plan_text(plan))
    _store_demo(args, catalog)
    return 0


def _store_demo(args: argparse.Namespace, catalog: Any) -> None:
    """Keep the demo profile, with a few months of history, in the data folder when absent.

    The printed demo does not depend on it, so a folder that cannot be written only earns
    a warning on stderr.
    """
    from skillpath.core.actions.demo import open_demo
    from skillpath.core.db.store import Store
    from skillpath.core.paths import data_dir
    from skillpath.core.session import CLI, Session

    try:
        with Store.open(data_dir(args.data_dir)) as store:
            changes = open_demo(Session(store, catalog, CLI))
    except SkillpathError as exc:
        sys.stderr.write(f"skillpath: the demo profile was not stored: {exc}\n")
        return
    if changes.plan and not args.json:
        sys.stderr.write(
            "Stored the demo profile with four months of history; see `skillpath status`.\n"
        )


def cmd_app(args: argparse.Namespace) -> int:
    print(
        "This is the core's command line; the desktop app starts with `skillpath` "
        "(no subcommand). Subcommands: see `skillpath --help`."
    )
    return 0


# ------------------------------------------------------------------ parser


# Which module adds each verb, so that a command builds only its own part of the parser
# (building every verb's options is a good part of a short command's time). tests/
# test_cli_core.py checks this table against the full parser.
VERB_MODULES: dict[str, str] = {
    "roles": "",
    "skills": "",
    "analyze": "",
    "plan": "",
    "demo": "",
    "profile": "cli_profiles",
    "status": "cli_store",
    "tick": "cli_store",
    "start": "cli_store",
    "skip": "cli_store",
    "log": "cli_store",
    "note": "cli_store",
    "undo": "cli_store",
    "redo": "cli_store",
    "replan": "cli_store",
    "export": "cli_store",
    "import": "cli_store",
    "backup": "cli_store",
    "restore": "cli_store",
    "check": "cli_store",
    "role": "cli_roles",
    "cv": "cli_cv",
    "job": "cli_cv",
    "report": "cli_report",
    "calendar": "cli_report",
    "catalog": "cli_catalog",
    "compare": "cli_compare",
}
_ALL_MODULES = (
    "cli_profiles",
    "cli_store",
    "cli_roles",
    "cli_cv",
    "cli_report",
    "cli_catalog",
    "cli_compare",
)


def _verb_of(argv: Sequence[str]) -> str | None:
    """The command named in `argv` (skipping the global options), if any."""
    args = list(argv)
    while args:
        head = args.pop(0)
        if head == "--data-dir":
            if args:
                args.pop(0)
            continue
        if head.startswith("--data-dir=") or head in ("--verbose", "--self-test"):
            continue
        return None if head.startswith("-") else head
    return None


def build_parser(only: str | None = None, *, bare: bool = False) -> Parser:
    """The command line's parser; with `only`, just the part that command needs (its module's
    verbs), which is all a command uses; `bare`, no other module's verbs (the app's start)."""
    parser = Parser(
        prog="skillpath",
        description="Plan and track your move into a new role. Without a subcommand, "
        "starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"skillpath {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works: open the window offscreen, open the demo, "
        "write its PDF reports to a temporary folder; exit 0 when all is well",
    )
    parser.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    parser.add_argument(
        "--verbose", action="store_true", help="print what Skillpath logs (and warnings)"
    )
    parser.set_defaults(handler=cmd_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    verb = subverbs(sub)

    def json_flag(p: Parser) -> None:
        p.add_argument("--json", action="store_true", help="print JSON instead of text")

    json_flag(verb("roles", cmd_roles, "list the catalog's target roles"))
    json_flag(verb("skills", cmd_skills, "list the catalog's skills"))
    p = verb("analyze", cmd_analyze, "gap analysis of a profile against a role")
    p.add_argument("--profile", type=Path, required=True, metavar="FILE")
    p.add_argument("--role", required=True, metavar="ID")
    json_flag(p)
    p = verb("plan", cmd_plan, "a dated roadmap for a profile (or a CV) and a role")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--profile", type=Path, metavar="FILE", help="a profile JSON file")
    source.add_argument(
        "--cv",
        type=Path,
        metavar="FILE",
        help="a CV (.txt, .md, .pdf, .docx): its skills make the profile, nothing is saved",
    )
    p.add_argument("--role", required=True, metavar="ID")
    add_plan_flags(p)
    json_flag(p)
    p = verb("demo", cmd_demo, "gap analysis and roadmap of the built-in demo profile")
    p.add_argument("--start", type=parse_date, metavar="DATE", help="start date, YYYY-MM-DD")
    json_flag(p)

    # Verbs of the other core modules register themselves here, each from its own file.
    import importlib

    wanted = "" if bare else VERB_MODULES.get(only) if only else None
    for name in _ALL_MODULES if wanted is None else (wanted,) if wanted else ():
        importlib.import_module(f"skillpath.core.{name}").register(verb, sub)
    return parser


def main(argv: Sequence[str] | None = None, app: Handler | None = None) -> int:
    """Run the command line; returns the exit status.

    Args:
        argv: the arguments (default: sys.argv[1:]).
        app: what to run when no subcommand is given (also with --self-test): the desktop
            app's entry, passed in by `desktop.main` so that the core never imports the GUI.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    named = _verb_of(words)
    asks_help = any(w in ("-h", "--help") for w in words)
    parser = build_parser(only=named, bare=named is None and not asks_help)
    args = parser.parse_args(words)
    if args.self_test and args.handler is not cmd_app:
        parser.error("--self-test takes no command")
    if args.self_test and app is None:
        parser.error("--self-test needs the desktop app: run it as `skillpath --self-test`")
    if args.handler is cmd_app and app is not None:
        return int(app(args))
    from skillpath.core import logs
    from skillpath.core.paths import data_dir

    logs.setup(data_dir(args.data_dir), verbose=args.verbose)
    try:
        return int(args.handler(args))
    except (SkillpathError, InputError) as exc:
        import logging

        logging.getLogger("skillpath").info("refused: %s", exc)
        sys.stderr.write(f"skillpath: error: {strip_controls(str(exc))}\n")
        return EXIT_USAGE
    except BrokenPipeError:  # `skillpath skills | head`
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
