"""Dates in CV lines: ranges ("Jan 2020 - Mar 2022", "2021–present", "01/09/2019 – current"),
open starts ("since 2024"), seasons ("Summer 2024") and lone months ("06/2020").

Months are counted as indexes (year * 12 + month - 1); a range is [start, end). A range's
end month counts ("Jan 2020 - Mar 2022" is 27 months); a year on its own ends with December
("2021 - 2023" is three years, so "2011 - 2016" then "2017 - Present" leaves no gap);
"Present" counts the current month; a lone month counts as one month.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from skillpath.core.cv_words import CvWords, cv_words


@dataclass(frozen=True)
class _Point:
    year: int
    month: int | None  # None: only the year is known
    season: bool = False


@dataclass(frozen=True)
class DateGrammar:
    """The patterns of dates, built from the word lists once."""

    range: re.Pattern[str]
    parts: re.Pattern[str]
    present: re.Pattern[str]
    lone: re.Pattern[str]
    months: dict[str, int]
    seasons: dict[str, int]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def build_grammar(words: CvWords) -> DateGrammar:
    """The date patterns for these word lists."""
    month_alt = _alternation(words.months)
    season_alt = _alternation(words.seasons)
    date = (
        r"(?:\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d"
        rf"|(?:{month_alt})\.?,?\s*(?:19|20)\d\d"
        rf"|(?:{season_alt})\s+(?:19|20)\d\d"
        r"|\d{1,2}\s*[/.]\s*(?:19|20)\d\d"
        r"|(?:19|20)\d\d\s*[/-]\s*\d{1,2}(?!\d)"
        r"|(?:19|20)\d\d)"
    )
    present = rf"(?:{_alternation(words.present)})"
    sep = rf"\s*(?:-|–|—|−|~|{_alternation(words.range_words)})\s*"
    since = _alternation(words.since)
    pattern = re.compile(
        rf"(?<![\w/.])(?P<start>{date}){sep}(?P<end>{date}|{present})(?![\w/])"
        rf"|(?:{since})\s+(?P<since>{date})(?![\w/])(?!{sep}\w)"
        rf"|(?<![\w/.])(?P<open>{date})\s*(?:-|–|—)\s*$"
        rf"|(?<![\w/.])(?P<season>(?:{season_alt})\s+(?:19|20)\d\d)(?![\w/])",
        re.IGNORECASE,
    )
    parts = re.compile(
        r"(?P<dmy>\d{1,2})[./](?P<dmy_m>\d{1,2})[./](?P<dmy_y>\d{4})"
        rf"|(?P<mname>{month_alt})\.?,?\s*(?P<mname_y>\d{{4}})"
        rf"|(?P<season>{season_alt})\s+(?P<season_y>\d{{4}})"
        r"|(?P<my_m>\d{1,2})\s*[/.]\s*(?P<my_y>\d{4})"
        r"|(?P<ym_y>\d{4})\s*[/-]\s*(?P<ym_m>\d{1,2})"
        r"|(?P<y>\d{4})",
        re.IGNORECASE,
    )
    # A month on its own at the start or the end of a line ("06/2020", "Mar 2019"): a job of
    # a month. Not inside a sentence, where a date is something that happened.
    lone = re.compile(
        rf"^(?P<a>(?:{month_alt})\.?\s*(?:19|20)\d\d|\d{{1,2}}\s*/\s*(?:19|20)\d\d)(?![\w/])"
        rf"|(?:^|[|,–—]\s*)(?P<b>(?:{month_alt})\.?\s*(?:19|20)\d\d|\d{{1,2}}\s*/\s*(?:19|20)\d\d)\s*$",
        re.IGNORECASE,
    )
    return DateGrammar(
        pattern,
        parts,
        re.compile(present, re.IGNORECASE),
        lone,
        dict(words.months),
        dict(words.seasons),
    )


@cache
def grammar() -> DateGrammar:
    """The shipped date patterns, built once per process."""
    return build_grammar(cv_words())


def _parse_date(text: str, g: DateGrammar) -> _Point | None:
    m = g.parts.fullmatch(text.strip())
    if not m:
        return None
    d = m.groupdict()
    if d["dmy"]:
        day, month = int(d["dmy"]), int(d["dmy_m"])
        if month > 12 >= day:  # 09/25/2019: the American order
            month = day
        year = int(d["dmy_y"])
    elif d["mname"]:
        year, month = int(d["mname_y"]), g.months[d["mname"].casefold()]
    elif d["season"]:
        return _Point(int(d["season_y"]), g.seasons[d["season"].casefold()], season=True)
    elif d["my_m"]:
        year, month = int(d["my_y"]), int(d["my_m"])
    elif d["ym_y"]:
        year, month = int(d["ym_y"]), int(d["ym_m"])
    else:
        return _Point(int(d["y"]), None)
    if not 1 <= month <= 12:
        return None
    return _Point(year, month)


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def date_ranges(text: str, today: dt.date, lone: bool = False) -> list[tuple[int, int]]:
    """Date ranges in a line as [start, end) month indexes (year * 12 + month - 1).

    Args:
        text: the line.
        today: the month "Present" stands for.
        lone: also take a month on its own at the start or end of the line as one month.

    Returns:
        The ranges that make sense (start before end, not in the future), in line order.
    """
    g = grammar()
    now = month_index(today.year, today.month) + 1
    out: list[tuple[int, int]] = []
    for m in g.range.finditer(text):
        if m.group("season"):
            point = _parse_date(m.group("season"), g)
            if point and point.month:
                start = month_index(point.year, point.month)
                out.append((start, min(start + 3, now)))
            continue
        start_text = m.group("start") or m.group("since") or m.group("open")
        start_point = _parse_date(start_text, g)
        if start_point is None:
            continue
        start = month_index(start_point.year, start_point.month or 1)
        end_text = m.group("end")
        end_point = _parse_date(end_text, g) if end_text else None
        if end_text and end_point is None and not g.present.fullmatch(end_text):
            continue
        if end_point is None:
            end = now
        elif end_point.month is None:
            # A year on its own ends with December, as a month ends on its last day.
            end = end_point.year * 12 + 12
        elif end_point.season:
            end = month_index(end_point.year, end_point.month) + 3
        else:
            end = month_index(end_point.year, end_point.month) + 1
        end = min(end, now)
        if start_point.year < 1950 or start >= end:
            continue
        out.append((start, end))
    single = g.lone.search(text) if lone and not out else None
    if single:
        point = _parse_date(single.group("a") or single.group("b"), g)
        if point and point.month and point.year >= 1950:
            start = month_index(point.year, point.month)
            if start < now:
                out.append((start, start + 1))
    return out


def merged_months(ranges: Iterable[tuple[int, int]]) -> int:
    """Months covered by the ranges, overlaps counted once."""
    total = 0
    current: tuple[int, int] | None = None
    for start, end in sorted(ranges):
        if current is None or start > current[1]:
            if current:
                total += current[1] - current[0]
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    if current:
        total += current[1] - current[0]
    return total


def month_text(index: int) -> str:
    """A month index as YYYY-MM."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def strip_dates(text: str) -> str:
    """The line with its date ranges blanked out (for finding a job title beside them)."""
    return grammar().range.sub(" ", text)


def parse_month(text: str, end: bool = False) -> int | None:
    """A month index from one date ("Jan 2020", "2020-06", "2020-06-30", "06/2020", "2020").

    Args:
        text: the date.
        end: a year on its own stands for its December (else its January).

    Returns:
        The month index, or None when the text is not a date.
    """
    iso = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-\d{1,2}(?:T[\d:.]+Z?)?\s*", text)
    point = _Point(int(iso.group(1)), int(iso.group(2))) if iso else _parse_date(text, grammar())
    if point is None or point.year < 1900 or (point.month is not None and point.month > 12):
        return None
    if point.month is None:
        return month_index(point.year, 12 if end else 1)
    return month_index(point.year, point.month)
