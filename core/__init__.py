"""Skillpath core: the domain (catalog, gap analysis, planner, storage, reports) with no Qt."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("skillpath")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

APP_NAME = "Skillpath"
