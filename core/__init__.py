"""Skillpath core: the domain (catalog, gap analysis, planner, storage, reports) with no Qt."""

APP_NAME = "Skillpath"
# The one place the version is written: pyproject.toml reads it from here at build time
# (dynamic version), and the app, the reports and build.spec read it from here.
__version__ = "0.2.0"
