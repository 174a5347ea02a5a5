"""The `skillpath` entry point: the desktop app with no subcommand, the core CLI otherwise."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def run_app(args: argparse.Namespace) -> int:
    """Start the desktop app, or its self-test (imported late so CLI verbs never load Qt)."""
    if getattr(args, "self_test", False):
        from skillpath.desktop.selftest import main as self_test

        return self_test()
    from skillpath.desktop.app import run

    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    from skillpath.core.cli import main as cli_main

    return cli_main(argv, app=run_app)


if __name__ == "__main__":
    sys.exit(main())
