"""How the reports word things: dates, counts, hours, money, lists, levels, and user text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from skillpath.core import __version__
from skillpath.core.models import LEVEL_NAMES

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NUMBER_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
)


def long_date(day: dt.date) -> str:
    """'5 January 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """'5 Jan 2026'."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def month_label(day: dt.date) -> str:
    """'Jan 2026' (chart axes)."""
    return f"{MONTHS[day.month - 1][:3]} {day.year}"


def count_word(n: int) -> str:
    """'three' for 3, '12' for 12."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else f"{n:,}"


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 phase', '3 phases'."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def hours_text(hours: float) -> str:
    """'8', '7.5', '1,940' (no trailing zeros)."""
    if float(hours).is_integer():
        return f"{int(hours):,}"
    return f"{hours:,.1f}".rstrip("0").rstrip(".")


def money(value: float, currency: str) -> str:
    """'$135,980' for USD, '150 EUR' otherwise."""
    amount = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"${amount}" if currency == "USD" else f"{amount} {currency}"


def join_list(names: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'; with a serial comma when a name itself holds ' and '."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    serial = "," if any(" and " in n for n in names) else ""
    return ", ".join(names[:-1]) + f"{serial} and " + names[-1]


def level_text(level: int) -> str:
    """'advanced (level 4)'."""
    return f"{LEVEL_NAMES.get(level, str(level))} (level {level})"


def years_phrase(years: float) -> str:
    """'three years', 'one year', '2.5 years'."""
    if float(years).is_integer():
        n = int(years)
        return f"{count_word(n)} year" + ("" if n == 1 else "s")
    return f"{years:g} years"


def duration_text(days: int) -> str:
    """'5 days', '3 weeks', 'about 11 months', 'about 2.5 years'."""
    if days < 14:
        return plural(days, "day")
    if days < 90:
        return plural(round(days / 7), "week")
    if days < 730:
        return f"about {plural(round(days / 30.44), 'month')}"
    return f"about {round(days / 365.25 * 2) / 2:g} years"


def sentence(text: str) -> str:
    """`text` ending in a full stop (or the ellipsis it was cut with)."""
    return text if text.endswith(("…", ".", "?", "!")) else text + "."


def cap(text: str) -> str:
    """The text with its first letter in capitals."""
    return text[:1].upper() + text[1:]


def generated_by(today: dt.date) -> str:
    """The colophon line."""
    return f"Made with Skillpath {__version__} on {long_date(today)}."


# ------------------------------------------------------------------ user text

# C0 and C1 controls, and the bidi embeddings, overrides and isolates: a right-to-left
# override in a name would otherwise turn the rest of the sentence around it backwards.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str, single_line: bool = False) -> str:
    """User text with control characters (and bidi overrides) removed, line ends normalised.

    Tabs become spaces; with `single_line`, line breaks become spaces too. Format and
    private characters are left for the renderers, which know what their fonts can draw.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub("", text)
    text = _SURROGATE.sub("", text)  # lone surrogates cannot be encoded
    if single_line:
        text = " ".join(text.split("\n"))
    return text.strip()


def cut(text: str, limit: int) -> str:
    """One line of `text`, cut to `limit` characters with an ellipsis."""
    text = clean_text(text, single_line=True)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# The tail plans made before schema 3 wrote into every success metric (", by 2027-06-30"):
# the same pattern as the schema-3 migration (core/db/schema_v3.py). A report shows the due
# date beside the metric, from the deliverable's own date, never from the metric's text.
_DUE_SUFFIX = re.compile(r",? by \d{4}-\d{2}-\d{2}\.?$")


def metric_text(metric: str) -> str:
    """A success metric as the reports show it: one line, without a stored due date."""
    return _DUE_SUFFIX.sub("", clean_text(metric, single_line=True))
