"""The .ics export: one event per open deliverable and per certification expiry, with a
reminder; exporting again updates the same events (stable UIDs) instead of duplicating."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from skillpath.core import queries
from skillpath.core.actions import tracking
from skillpath.core.actions.demo import open_demo
from skillpath.core.calendar_ics import DueItem, Expiry, build_calendar, scope_id, write_calendar
from skillpath.core.catalog import shipped_catalog
from skillpath.core.cli import main
from skillpath.core.db.store import Store
from skillpath.core.errors import OutputExistsError
from skillpath.core.session import Session

NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 26)


def events(data: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_one_event_per_item_with_reminders() -> None:
    due = [
        DueItem("learn-a", "Course <b>&</b> 中文 😀\x07", "course", dt.date(2027, 1, 8), 40, 1,
                "Course finished", "https://example.org/a"),
        DueItem("project-1", "Project", "project", dt.date(2027, 2, 1), 60, 1),
    ]  # fmt: skip
    expiries = [Expiry("cncf-cka", "CKA", dt.date(2028, 5, 1))]
    data = build_calendar("Ann", "Role", due, expiries, scope=scope_id("Ann"), now=NOW)
    found = events(data)
    assert len(found) == 3
    first = next(e for e in found.values() if "Course" in str(e["summary"]))  # type: ignore[index]
    assert str(first["summary"]) == "Due: Course <b>&</b> 中文 😀"  # type: ignore[index]
    assert first["dtstart"].dt == dt.date(2027, 1, 8)  # type: ignore[index]
    alarms = first.walk("VALARM")  # type: ignore[attr-defined]
    assert len(alarms) == 1 and alarms[0]["trigger"].dt == dt.timedelta(hours=-15)
    expiry = next(e for e in found.values() if "expires" in str(e["summary"]))  # type: ignore[index]
    assert expiry["dtstart"].dt == dt.date(2028, 5, 1)  # type: ignore[index]
    assert b"\x07" not in data


def test_uids_are_stable_and_changes_bump_the_sequence(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    item = DueItem("learn-a", "Course", "course", dt.date(2027, 1, 8), 40)
    other = DueItem("learn-b", "Other", "course", dt.date(2027, 2, 8), 40)
    scope = scope_id("Ann", "2026-01-01")
    write_calendar(out, "Ann", "Role", [item, other], [], scope=scope, now=NOW)
    first = events(out.read_bytes())
    with pytest.raises(OutputExistsError):
        write_calendar(out, "Ann", "Role", [item], [], scope=scope, now=NOW)
    moved = DueItem("learn-a", "Course", "course", dt.date(2027, 3, 1), 40)
    write_calendar(out, "Ann", "Role", [moved], [], scope=scope, now=NOW, force=True)
    second = events(out.read_bytes())
    assert set(second) == set(first)  # same UIDs: updated, not duplicated
    uid_a = next(u for u, e in second.items() if "Course" in str(e["summary"]))  # type: ignore[index]
    uid_b = next(u for u in second if u != uid_a)
    assert second[uid_a]["dtstart"].dt == dt.date(2027, 3, 1)  # type: ignore[index]
    assert int(second[uid_a]["sequence"]) == 1  # type: ignore[index]
    assert str(second[uid_b]["status"]) == "CANCELLED"  # type: ignore[index]
    # exporting the same again changes nothing
    write_calendar(out, "Ann", "Role", [moved], [], scope=scope, now=NOW, force=True)
    third = events(out.read_bytes())
    assert int(third[uid_a]["sequence"]) == 1  # type: ignore[index]
    assert int(third[uid_b]["sequence"]) == int(second[uid_b]["sequence"])  # type: ignore[index]


def test_cli_calendar_from_the_store(data_dir: Path, tmp_path: Path) -> None:
    catalog = shipped_catalog()
    with Store.open(data_dir, daily_backup=False) as store:
        pid = open_demo(Session(store, catalog, day=TODAY)).profile_id
        assert pid is not None
    out = tmp_path / "deadlines.ics"
    args = ["calendar", "--data-dir", str(data_dir), "--out", str(out)]
    assert main(args) == 0
    first = events(out.read_bytes())
    with Store.open(data_dir, daily_backup=False) as store:
        s = Session(store, catalog, day=TODAY)
        items = queries.progress(s, pid).items
        assert len(first) == len([i for i in items if i.is_open])  # the open deliverables
        cert_item = next(i for i in items if i.certification and i.is_open)
        cert = cert_item.key
        years = catalog.certifications[str(cert_item.certification)].validity_years
        assert years
        course = next(i.key for i in items if i.status == "todo" and not i.certification)
    assert main(args) == 2  # exists, no --force
    with Store.open(data_dir, daily_backup=False) as store:
        s = Session(store, catalog, day=TODAY)
        tracking.tick(s, pid, cert, on=TODAY)
        tracking.tick(s, pid, course, on=TODAY)
    assert main([*args, "--force"]) == 0
    second = events(out.read_bytes())
    cancelled = [e for e in second.values() if str(e.get("status")) == "CANCELLED"]  # type: ignore[attr-defined]
    expiring = [e for e in second.values() if "expires" in str(e["summary"])]  # type: ignore[index]
    assert len(cancelled) == 2
    assert len(expiring) == 1
    expires = TODAY.replace(year=TODAY.year + years)
    assert expiring[0]["dtstart"].dt == expires  # type: ignore[index]
    assert set(first) <= set(second)


def test_only_http_https_and_mailto_links_are_written() -> None:
    due = [
        DueItem("a", "A", "course", dt.date(2027, 1, 8), 4, url="file:///etc/passwd"),
        DueItem("b", "B", "course", dt.date(2027, 1, 9), 4, url="javascript:alert(1)"),
        DueItem("c", "C", "course", dt.date(2027, 1, 10), 4, url="https://example.org/c"),
    ]
    expiries = [Expiry("x", "X", dt.date(2028, 1, 1), url="smb://host/share")]
    data = build_calendar("Ann", "Role", due, expiries, scope=scope_id("Ann"), now=NOW)
    urls = [str(e["url"]) for e in events(data).values() if "url" in e]  # type: ignore[operator]
    assert urls == ["https://example.org/c"]
    for bad in (b"file:", b"javascript:", b"smb:"):
        assert bad not in data


def test_metrics_lose_a_stored_date() -> None:
    item = DueItem("a", "A", "course", dt.date(2027, 1, 8), 4, metric="Passed A, by 2026-05-01")
    data = build_calendar("Ann", "Role", [item], [], scope=scope_id("Ann"), now=NOW)
    (event,) = events(data).values()
    assert "Success metric: Passed A" in str(event["description"])  # type: ignore[index]
    assert b"2026-05-01" not in data


def test_any_date_the_store_accepts_and_none_it_does_not_crash(tmp_path: Path) -> None:
    days = [dt.date(1900, 1, 1), dt.date(2200, 12, 31), dt.date(9999, 12, 31), dt.date(1, 1, 1)]
    due = [DueItem(f"d{n}", "D", "course", day, 4) for n, day in enumerate(days)]
    expiries = [Expiry(f"e{n}", "E", day) for n, day in enumerate(days)]
    data = build_calendar("Ann", "Role", due, expiries, scope=scope_id("Ann"), now=NOW)
    starts = sorted(e["dtstart"].dt for e in events(data).values())  # type: ignore[index]
    assert starts == [dt.date(1900, 1, 1)] * 2 + [dt.date(2200, 12, 31)] * 2
    # an earlier export holding a date at the end of the calendar is replaced without a crash
    out = tmp_path / "old.ics"
    old = data.replace(b"DTSTART;VALUE=DATE:22001231", b"DTSTART;VALUE=DATE:99991231")
    assert old.count(b"99991231") == 2
    out.write_bytes(old)
    write_calendar(out, "Ann", "Role", due[:1], [], scope=scope_id("Ann"), now=NOW, force=True)
    assert len(events(out.read_bytes())) == 4
