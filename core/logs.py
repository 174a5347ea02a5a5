"""Logging: a rotating log file in the data folder's logs/, and the terminal only when asked.

Library warnings (pypdf's, say) go to the log, never onto the person's terminal, unless
`--verbose` is given. The crash report (desktop) stays a file of its own.
"""

from __future__ import annotations

import logging
import logging.handlers
import warnings
from pathlib import Path

LOG_NAME = "skillpath.log"
MAX_BYTES = 1_000_000
KEEP = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup(folder: Path | None, *, verbose: bool = False, app: bool = False) -> Path | None:
    """Send Skillpath's log records (and Python's warnings) to `folder/logs/skillpath.log`.

    Args:
        folder: the data folder; no file is written when it does not exist yet (a command
            that only reads the catalog should not create it).
        verbose: also print INFO and above on stderr.
        app: the desktop app (it creates the folder anyway).

    Returns:
        The log file, when one is written.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_skillpath", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.captureWarnings(True)
    warnings.simplefilter("default")
    path: Path | None = None
    if folder is not None and (folder.is_dir() or app):
        try:
            logs = folder / "logs"
            logs.mkdir(parents=True, exist_ok=True)
            path = logs / LOG_NAME
            rotating = logging.handlers.RotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8"
            )
            rotating.setFormatter(logging.Formatter(_FORMAT))
            rotating._skillpath = True  # type: ignore[attr-defined]
            root.addHandler(rotating)
        except OSError:
            path = None  # a read-only folder: no log, and no complaint about it
    if verbose:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("skillpath: %(levelname)s: %(message)s"))
        stream._skillpath = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    elif not root.handlers:
        # without this, logging's last resort would print warnings on stderr
        null = logging.NullHandler()
        null._skillpath = True  # type: ignore[attr-defined]
        root.addHandler(null)
    return path
