"""The rules every part of Skillpath follows, in one place: statuses, kinds, limits on what a
person can enter, and how finished work earns skill levels.

Stated here so they can be argued with, and so the planner, the tracker, the reports and
the app cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class Status(StrEnum):
    """Where a deliverable stands. Stored and printed as its value."""

    TODO = "todo"
    IN_PROGRESS = "in progress"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def is_open(self) -> bool:
        """Still to be worked on: counts towards what is left, can be overdue."""
        return self in OPEN_STATUSES

    @property
    def counts(self) -> bool:
        """Part of the plan's totals (a skipped deliverable is not)."""
        return self is not Status.SKIPPED


OPEN_STATUSES = frozenset({Status.TODO, Status.IN_PROGRESS})


class Kind(StrEnum):
    """What sort of work a deliverable is."""

    COURSE = "course"
    READING = "reading"
    PRACTICE = "practice"
    PROJECT = "project"
    CERTIFICATION = "certification"

    @property
    def is_learning(self) -> bool:
        """Material to work through (as opposed to something built or passed)."""
        return self in LEARNING_KINDS


LEARNING_KINDS = frozenset({Kind.COURSE, Kind.READING, Kind.PRACTICE})


# ------------------------------------------------------------------ limits on input

MIN_LOG_HOURS = 0.01  # per entry of logged time (36 seconds)
MAX_LOG_HOURS = 24.0  # per entry: a day
MIN_HOURS_PER_WEEK = 0.5
MAX_HOURS_PER_WEEK = 80.0
MAX_DELIVERABLE_HOURS = 2000.0
MAX_TEXT = 10_000  # characters of a note, a description, a piece of evidence
MAX_TITLE = 300  # characters of a title or a name
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2200, 12, 31)


# ------------------------------------------------------------------ levels earned by work
#
# Levels (0 none, 1 awareness, 2 working, 3 independent, 4 advanced, 5 expert) are earned
# only as far as the finished work can show:
#
# - finishing a course, a reading or a practice set earns at most level 2 (working);
# - a finished project that uses the skill earns up to level 3 (independent);
# - level 4 or 5 needs a passed certification that covers the skill, or a finished project
#   of sustained applied work with evidence the person attached (a repository, a write-up);
# - a person may always rate themselves; the level is then shown as self-rated.
#
# A deliverable names, in `targets`, the level it aims at in each skill; when it is done it
# earns `earned_level(kind, target, has_evidence)` in each, and a skill's earned level is
# the highest over its done deliverables. The planner plans with the same rules, so a plan
# whose every deliverable is done (projects with their evidence attached) leaves every
# required skill at its required level. LEVEL_RULES says it in words for the reports.

LEARNING_CAP = 2
PROJECT_CAP = 3
TOP_LEVEL = 5

LEVEL_RULES: tuple[str, ...] = (
    "Levels run from 0 (none) through 1 (awareness), 2 (working), 3 (independent) and "
    "4 (advanced) to 5 (expert).",
    "Finishing a course, a reading or a practice set earns at most level 2 (working).",
    "A finished project that uses a skill earns up to level 3 (independent).",
    "Level 4 (advanced) or 5 (expert) needs a passed certification that covers the skill, "
    "or a finished piece of sustained applied work with evidence attached to it "
    "(a repository, a work log, a write-up).",
    "A level the person gives themselves is always allowed, and is shown as self-rated.",
    "A skill stands at the highest level any of its finished deliverables earned, or the "
    "level the person had before, whichever is higher.",
)


def level_cap(kind: Kind, has_evidence: bool = False) -> int:
    """The highest level a finished deliverable of `kind` can show.

    Args:
        kind: what the deliverable is.
        has_evidence: whether the person attached evidence to it (matters for projects).
    """
    if kind.is_learning:
        return LEARNING_CAP
    if kind is Kind.PROJECT:
        return TOP_LEVEL if has_evidence else PROJECT_CAP
    return TOP_LEVEL


def earned_level(kind: Kind, target: int, has_evidence: bool = False) -> int:
    """The level a finished deliverable earns for a skill it aims at `target` in."""
    return min(target, level_cap(kind, has_evidence))
