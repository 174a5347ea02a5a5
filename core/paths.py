"""Where things live: the shipped resources and the person's data folder.

Every path is chosen here, each overridable by a command-line flag and an environment
variable; the rest of the core receives paths as arguments.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

RESOURCES_ENV = "SKILLPATH_RESOURCES"
DATA_ENV = "SKILLPATH_DATA_DIR"
CACHE_ENV = "SKILLPATH_CACHE_DIR"


def resources_dir() -> Path:
    """The folder holding catalog/, fonts/ and icons/.

    Order: $SKILLPATH_RESOURCES, a PyInstaller bundle's folder, the source tree.
    """
    env = os.environ.get(RESOURCES_ENV)
    if env:
        return Path(env)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def catalog_dir() -> Path:
    """The folder of the shipped catalog's TOML files."""
    return resources_dir() / "catalog"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The person's data folder: the flag, else $SKILLPATH_DATA_DIR, else the platform's.

    The folder is not created here; whoever writes to it creates it.
    """
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs  # imported late: the CLI's read-only verbs never need it

    return Path(platformdirs.user_data_dir("Skillpath", appauthor=False))


def cache_dir() -> Path:
    """Where things that can be rebuilt at any time are kept: $SKILLPATH_CACHE_DIR, else
    the platform's user cache folder."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("Skillpath", appauthor=False))
