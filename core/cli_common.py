"""What every CLI module shares: the parser that fails in one line, argument types, the
plan flags, a session on the data folder, and printing. The verb modules import this, never
each other or cli.py, so the CLI has no import circles.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn

from skillpath.core.errors import InputError
from skillpath.core.inputs import strip_controls

if TYPE_CHECKING:  # the session (the store, the catalog) is imported by the verbs that use it
    from skillpath.core.session import Session

EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are a single line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def parse_date(text: str) -> dt.date:
    """A YYYY-MM-DD date from 1900 to 2200, or an argparse error naming what is wrong."""
    from skillpath.core.inputs import date

    try:
        return date(dt.date.fromisoformat(text))
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    except ValueError as exc:
        reason = str(exc)
        if "Invalid isoformat" in reason:
            reason = "use YYYY-MM-DD"
        raise argparse.ArgumentTypeError(f"'{text}' is not a valid date ({reason})") from None


def parse_hours(text: str) -> float:
    """Hours per week (core/rules.py's limits)."""
    from skillpath.core.inputs import hours_per_week

    try:
        return hours_per_week(float(text))
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of hours") from None


def parse_phases(text: str) -> int:
    from skillpath.core.planner import MAX_PHASES

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= MAX_PHASES:
        raise argparse.ArgumentTypeError(f"phases must be between 1 and {MAX_PHASES}, not {text}")
    return value


DATA_DIR_HELP = "the data folder (default: $SKILLPATH_DATA_DIR or the platform's)"


def subverbs(sub: Any) -> Callable[[str, Handler, str], Parser]:
    """A maker of verbs under `sub` (what `add_subparsers` returned): each verb runs its
    handler and takes --data-dir after it too."""

    def verb(name: str, handler: Handler, help_text: str) -> Parser:
        p: Parser = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        # SUPPRESS: given after the verb it wins; absent, the global one (or None) stays.
        p.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=DATA_DIR_HELP)
        return p

    return verb


def add_plan_flags(p: argparse.ArgumentParser, certs_and_free: bool = True) -> None:
    """The options every verb that makes a plan takes."""
    p.add_argument("--hours", type=parse_hours, metavar="N", help="hours per week (0-80]")
    p.add_argument("--start", type=parse_date, metavar="DATE", help="start date, YYYY-MM-DD")
    p.add_argument("--target", type=parse_date, metavar="DATE", help="target date, YYYY-MM-DD")
    p.add_argument(
        "--phases",
        type=parse_phases,
        default=3,
        metavar="N",
        help="number of phases (1-6, default 3)",
    )
    p.add_argument(
        "--fit-target",
        action="store_true",
        help="when the plan misses --target, plan only the most important gaps that fit "
        "by then and defer the rest",
    )
    if certs_and_free:
        p.add_argument("--no-certs", action="store_true", help="leave certifications out")
        p.add_argument(
            "--prefer-free",
            action="store_true",
            help="use free resources where the catalog has one",
        )


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def plan_options(args: argparse.Namespace) -> Any:
    from skillpath.core.planner import PlanOptions

    return PlanOptions(
        hours_per_week=getattr(args, "hours", None),
        start=getattr(args, "start", None),
        target=getattr(args, "target", None),
        phases=getattr(args, "phases", 3),
        certifications=not getattr(args, "no_certs", False),
        prefer_free=getattr(args, "prefer_free", False),
        fit_target=getattr(args, "fit_target", False),
    )


def say(text: str) -> None:
    """Print text made from the person's data: control characters (escape sequences that
    could rewrite the terminal) are dropped."""
    sys.stdout.write(strip_controls(text) + "\n")


@contextlib.contextmanager
def session(args: argparse.Namespace) -> Iterator[Session]:
    """The command's session: the data folder's store, the shipped catalog, origin "cli"."""
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.db.store import Store
    from skillpath.core.paths import data_dir
    from skillpath.core.session import CLI, Session

    with Store.open(data_dir(getattr(args, "data_dir", None))) as store:
        for notice in store.notices:  # what opening could not do (a daily backup, say)
            sys.stderr.write(f"skillpath: note: {strip_controls(notice)}\n")
        yield Session(store, shipped_catalog(), CLI)
