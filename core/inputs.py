"""Checking what a person enters, the same way everywhere (CLI, app, imports): text, hours,
dates. Each check returns the clean value or raises InputError with one line.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from skillpath.core.errors import InputError
from skillpath.core.rules import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_DELIVERABLE_HOURS,
    MAX_HOURS_PER_WEEK,
    MAX_LOG_HOURS,
    MAX_TEXT,
    MAX_TITLE,
    MIN_HOURS_PER_WEEK,
    MIN_LOG_HOURS,
)

# Control characters other than tab and newline (C0, DEL, C1) and the bidi overrides that
# can make text display as something else.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Terminal escape sequences whole (CSI "ESC [ ... letter" and OSC "ESC ] ... BEL or ESC \"), so
# that no "[31m" is left behind when their ESC goes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]{0,64}[ -/]{0,16}[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?"
)
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def strip_controls(text: str) -> str:
    """`text` without terminal escape sequences and control characters (tabs and newlines
    kept)."""
    return _CONTROL.sub("", _ESCAPES.sub("", text) if "\x1b" in text else text)


def text(value: str, what: str, limit: int = MAX_TEXT, *, allow_empty: bool = False) -> str:
    """Free text (a note, a description, evidence): trimmed, NUL refused, other control
    characters dropped, at most `limit` characters."""
    if "\x00" in value:
        raise InputError(f"the {what} contains a NUL character")
    clean = strip_controls(value.replace("\r\n", "\n")).strip()
    if not clean and not allow_empty:
        raise InputError(f"the {what} is empty")
    if len(clean) > limit:
        raise InputError(f"the {what} is longer than {limit:,} characters")
    return clean


def title(value: str, what: str = "title", limit: int = MAX_TITLE) -> str:
    """A one-line name or title: like `text`, with line breaks folded into spaces."""
    return text(_LINE_BREAKS.sub(" ", value), what, limit)


def finite(value: float, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(f"the {what} must be a number")
    return float(value)


def log_hours(value: float) -> float:
    """Hours of work in one entry: at least MIN_LOG_HOURS, at most MAX_LOG_HOURS."""
    hours = finite(value, "hours")
    if not MIN_LOG_HOURS <= hours <= MAX_LOG_HOURS:
        raise InputError(
            f"hours must be from {MIN_LOG_HOURS:g} to {MAX_LOG_HOURS:g}, not {value:g}"
        )
    return round(hours, 2)


def deliverable_hours(value: float, what: str = "hours") -> float:
    hours = finite(value, what)
    if not 0 < hours <= MAX_DELIVERABLE_HOURS:
        raise InputError(f"the {what} must be more than 0 and at most {MAX_DELIVERABLE_HOURS:g}")
    return round(hours, 2)


def hours_per_week(value: float) -> float:
    hours = finite(value, "hours per week")
    if not MIN_HOURS_PER_WEEK <= hours <= MAX_HOURS_PER_WEEK:
        raise InputError(
            f"hours per week must be from {MIN_HOURS_PER_WEEK:g} to {MAX_HOURS_PER_WEEK:g}, "
            f"not {value:g}"
        )
    return hours


def date(value: dt.date, what: str = "date") -> dt.date:
    """A date within the calendar Skillpath works in (1900 to 2200)."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise InputError(f"the {what} {value} is outside {EARLIEST_DATE.year}-{LATEST_DATE.year}")
    return value


def past_or_today(value: dt.date | None, today: dt.date, what: str = "date") -> dt.date:
    """A date of something done: today when not given, never in the future."""
    day = date(value or today, what)
    if day > today:
        raise InputError(f"the {what} {day} is in the future")
    return day
