"""The `skillpath` entry point: the desktop app with no subcommand, the core CLI otherwise."""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys
from collections.abc import Sequence


def run_app(args: argparse.Namespace) -> int:
    """Start the desktop app, or its self-test (imported late so CLI verbs never load Qt)."""
    if getattr(args, "self_test", False):
        from skillpath.desktop.selftest import main as self_test

        gc.enable()
        return self_test()
    load_core()
    from skillpath.desktop.app import run

    return run(args)


def load_core() -> None:
    """Import what the first screen's data needs (the store, the catalog, the queries, the
    models and their validators), before Qt.

    Once PySide6 is imported, it reads the source of every module imported after it (its
    `__feature__` import hook looks for the word "PySide6" in each), which makes the core's
    two hundred modules much slower to import then. The window still paints before any of
    the data is read: the worker reads the catalog, the store and the first view after.
    """
    import skillpath.core.actions.history
    import skillpath.core.actions.tracking
    import skillpath.core.catalog_cache
    import skillpath.core.own_roles
    import skillpath.core.queries
    import skillpath.core.session  # noqa: F401  (the store, the catalog, the models)
    from skillpath.core.models import Profile, ResourceRef

    # the checks of what the first view reads (made on first use otherwise, after Qt)
    for model in (Profile, ResourceRef):
        model.model_rebuild()


_exit_quickly = False


def main(argv: Sequence[str] | None = None) -> int:
    """The command line, or the app (no command).

    Python's cyclic garbage collector is off while Skillpath starts: starting makes only
    objects that live as long as the process (modules, the catalog, validators), which the
    collector would scan again and again for nothing (a tenth of a command's time). A
    command runs to its end that way (a short process: what it leaves is freed when it
    exits); the app turns the collector back on once its first screen is shown, with what
    was made so far kept out of later collections (desktop/app.py).
    """
    from skillpath.core.cli import main as cli_main

    global _exit_quickly
    if not _exit_quickly:
        # Python collects once more over every object as it exits: pointless when the
        # process ends (the system takes its memory back), and a tenth of a short
        # command's time. What is alive then is frozen out of that last pass; nothing
        # else changes (stores and files are closed by their context managers, temporary
        # folders by their own exit handlers, objects freed as before).
        atexit.register(gc.freeze)
        _exit_quickly = True
    # pydantic would look through every installed package's metadata for plugins of its
    # own (none is Skillpath's, and none should run inside it) when it builds a validator
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    gc.disable()
    try:
        return cli_main(argv, app=run_app)
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())
