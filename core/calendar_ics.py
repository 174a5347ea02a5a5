"""Deadlines as an iCalendar (.ics) file: one all-day event per open deliverable's due date
and one per certification expiry, each with a reminder.

UIDs are derived from the profile and the deliverable (or certification), never from a
counter or the clock, so exporting again and importing the file updates the same events
instead of adding copies. When the file being replaced is a previous export, an event whose
content changed gets the next SEQUENCE number (calendar apps apply the higher one), and an
event that is no longer open is kept with STATUS:CANCELLED so the app removes it.

Only http, https and mailto links are written (as URL and in the description); any other
link is left out. Dates outside what the store accepts (1900 to 2200) are left out too, so
no date ever breaks the file or a calendar app.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from icalendar import Alarm, Calendar, Event

from skillpath.core import __version__
from skillpath.core.fileio import atomic_write, check_target
from skillpath.core.records import safe_link
from skillpath.core.report_words import clean_text, hours_text, long_date, metric_text
from skillpath.core.rules import EARLIEST_DATE, LATEST_DATE

PRODID = f"-//Skillpath//Skillpath {__version__}//EN"
UID_DOMAIN = "skillpath.local"
DUE_REMINDER = dt.timedelta(hours=-15)  # 09:00 the day before an all-day event
EXPIRY_REMINDER = dt.timedelta(days=-30)  # a month to renew
MAX_PREVIOUS_BYTES = 20_000_000


@dataclass(frozen=True)
class DueItem:
    """An open deliverable with a due date."""

    key: str
    title: str
    kind: str
    due: dt.date
    hours: float
    phase: int | None = None
    metric: str = ""
    url: str | None = None


@dataclass(frozen=True)
class Expiry:
    """A certification the person holds, with the date it expires."""

    cert_id: str
    name: str
    expires: dt.date
    url: str | None = None


def scope_id(*parts: str) -> str:
    """A short stable id for whose calendar this is (a profile), used inside UIDs."""
    joined = "\x1f".join(p.casefold() for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def uid_for(scope: str, kind: str, key: str) -> str:
    """The UID of one event; the same inputs always give the same UID."""
    safe = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"{kind}-{safe}-{scope}@{UID_DOMAIN}"


def _in_range(day: dt.date) -> bool:
    return EARLIEST_DATE <= day <= LATEST_DATE


def _one_line(text: str, limit: int = 300) -> str:
    text = clean_text(text, single_line=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class _Planned:
    uid: str
    summary: str
    description: str
    day: dt.date
    url: str | None
    reminder: dt.timedelta
    reminder_text: str
    categories: str

    def fingerprint(self) -> tuple[str, str, str, str]:
        return (self.summary, self.description, self.day.isoformat(), self.url or "")


def _previous(path: Path | None) -> dict[str, tuple[int, tuple[str, str, str, str], Any]]:
    """The events of an earlier export at `path`: UID to (sequence, fingerprint, event)."""
    if path is None or not path.is_file():
        return {}
    try:
        if path.stat().st_size > MAX_PREVIOUS_BYTES:
            return {}
        cal = Calendar.from_ical(path.read_bytes())
    except (OSError, ValueError):
        return {}  # not a calendar we can read: it is replaced without history
    out: dict[str, tuple[int, tuple[str, str, str, str], Any]] = {}
    for event in cal.walk("VEVENT"):
        uid = str(event.get("uid", ""))
        if not uid.endswith(f"@{UID_DOMAIN}"):
            continue
        start = event.get("dtstart")
        day = start.dt if start is not None else None
        fingerprint = (
            str(event.get("summary", "")),
            str(event.get("description", "")),
            day.isoformat() if isinstance(day, dt.date) else "",
            str(event.get("url", "")),
        )
        try:
            sequence = int(event.get("sequence", 0))
        except (TypeError, ValueError):
            sequence = 0
        out[uid] = (sequence, fingerprint, event)
    return out


def build_calendar(
    person: str,
    role: str,
    due: Sequence[DueItem],
    expiries: Sequence[Expiry],
    *,
    scope: str,
    now: dt.datetime,
    previous: Path | None = None,
) -> bytes:
    """The .ics bytes.

    Args:
        person: whose deadlines (for the calendar's name and descriptions).
        role: the target role.
        due: the open deliverables.
        expiries: the certifications held, with their expiry dates.
        scope: from `scope_id`, identifies the profile inside every UID.
        now: the export time (DTSTAMP).
        previous: an earlier export this one replaces, for SEQUENCE numbers and
            cancellations.
    """
    name = _one_line(person, 120)
    role_name = _one_line(role, 120)
    planned: list[_Planned] = []
    for item in due:
        if not _in_range(item.due):
            continue
        title = _one_line(item.title)
        url = safe_link(item.url) if item.url else None
        lines = [
            f"{item.kind.capitalize()}, {hours_text(item.hours)} hours"
            + (f", phase {item.phase}" if item.phase else "")
            + f", due {long_date(item.due)}.",
        ]
        metric = metric_text(item.metric)
        if metric:
            lines.append(f"Success metric: {_one_line(metric, 500)}")
        if url:
            lines.append(url)
        lines.append(f"Skillpath: {name}, roadmap to {role_name}.")
        planned.append(
            _Planned(
                uid=uid_for(scope, "due", item.key),
                summary=f"Due: {title}",
                description="\n".join(lines),
                day=item.due,
                url=url,
                reminder=DUE_REMINDER,
                reminder_text=f"Due tomorrow: {title}",
                categories="Skillpath deliverable",
            )
        )
    for exp in expiries:
        if not _in_range(exp.expires):
            continue
        cert = _one_line(exp.name)
        planned.append(
            _Planned(
                uid=uid_for(scope, "expiry", exp.cert_id),
                summary=f"Certification expires: {cert}",
                description=(
                    f"{cert} expires on {long_date(exp.expires)}; renew or recertify before "
                    f"then.\nSkillpath: {name}."
                ),
                day=exp.expires,
                url=safe_link(exp.url) if exp.url else None,
                reminder=EXPIRY_REMINDER,
                reminder_text=f"{cert} expires in 30 days",
                categories="Skillpath certification",
            )
        )

    earlier = _previous(previous)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Skillpath: {name}")
    stamp = now.astimezone(dt.UTC) if now.tzinfo else now.replace(tzinfo=dt.UTC)
    seen: set[str] = set()
    for p in sorted(planned, key=lambda x: (x.day, x.uid)):
        if p.uid in seen:
            continue
        seen.add(p.uid)
        sequence = 0
        if p.uid in earlier:
            old_sequence, old_fingerprint, _ = earlier[p.uid]
            changed = old_fingerprint != p.fingerprint()
            sequence = old_sequence + 1 if changed else old_sequence
        event = Event()
        event.add("uid", p.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("summary", p.summary)
        event.add("description", p.description)
        event.add("dtstart", p.day)
        event.add("dtend", p.day + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("categories", [p.categories])
        if p.url:
            event.add("url", p.url)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", p.reminder_text)
        alarm.add("trigger", p.reminder)
        event.add_component(alarm)
        cal.add_component(event)
    for uid, (old_sequence, _, old) in sorted(earlier.items()):
        if uid in seen:
            continue
        # Done, skipped or removed since the last export: cancel it in the calendar app.
        already = str(old.get("status", "")).upper() == "CANCELLED"
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("sequence", old_sequence if already else old_sequence + 1)
        event.add("status", "CANCELLED")
        event.add("summary", str(old.get("summary", "")))
        start = old.get("dtstart")
        day = start.dt if start is not None else None
        if isinstance(day, dt.date) and not isinstance(day, dt.datetime) and _in_range(day):
            event.add("dtstart", day)
            event.add("dtend", day + dt.timedelta(days=1))
        cal.add_component(event)
    return bytes(cal.to_ical())


def write_calendar(
    path: str | os.PathLike[str],
    person: str,
    role: str,
    due: Sequence[DueItem],
    expiries: Sequence[Expiry],
    *,
    scope: str,
    force: bool = False,
    now: dt.datetime | None = None,
) -> Path:
    """Build the calendar and write it atomically; an existing file needs `force`.

    Returns:
        The path written.
    """
    target = Path(path)
    check_target(target, force)
    data = build_calendar(
        person,
        role,
        due,
        expiries,
        scope=scope,
        now=now or dt.datetime.now(dt.UTC),
        previous=target if force else None,
    )
    return atomic_write(target, data, force)
