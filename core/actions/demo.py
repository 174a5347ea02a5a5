"""The demo: Santana Mena's profile with a plan begun about four months ago and a believable
past (weekly hours logged, deliverables done with evidence, a few notes, levels earned)."""

from __future__ import annotations

import datetime as dt
import re

from skillpath.core.actions import planning, tracking
from skillpath.core.changes import Changes
from skillpath.core.db import plans, profiles, undo
from skillpath.core.models import Plan, Profile
from skillpath.core.records import Deliverable
from skillpath.core.rules import MAX_LOG_HOURS, Kind
from skillpath.core.session import Session

DEMO_NOTES = (
    "Harder than it looked; re-did the exercises on gradient descent twice.",
    "Good material. Wrote a one-page summary for myself.",
    "Slipped a week: release crunch at work.",
    "Paired with a colleague on the tricky part; worth it.",
)
DEMO_WEEKLY_HOURS = (8.0, 7.0, 8.5, 6.0, 8.0, 7.5, 9.0, 4.0, 8.0, 7.0)
DEMO_MONTHS_AGO_DAYS = 120
DEMO_ORIGIN = "demo"


def open_demo(s: Session) -> Changes:
    """Store the demo profile with its past, or open it when it is there already.

    Deterministic for a given `s.today`. Its history is not undoable (it is the past).
    """
    from skillpath.core.demo import DEMO_ROLE, demo_profile
    from skillpath.core.planner import PlanOptions, build_plan

    today = s.today
    profile = demo_profile()
    existing = profiles.id_by_name(s.store, profile.name)
    if existing is not None:
        profiles.remember(s.store, existing)
        return Changes(message="Opened the demo profile", profile_id=existing, profiles=True)
    start = today - dt.timedelta(days=DEMO_MONTHS_AGO_DAYS)
    profile = profile.model_copy(update={"start_date": start})
    catalog = s.full_catalog()
    plan = build_plan(profile, catalog.role(DEMO_ROLE), catalog, PlanOptions(start=start))
    # The past is built under an origin of its own and then forgotten, so that it neither
    # clears the person's redo nor pushes their undo history out (OPLOG_KEEP per origin).
    past = Session(s.store, s.catalog, DEMO_ORIGIN, start)
    past._full = catalog
    # one transaction: on a full disk the demo is stored whole or not at all
    with s.store.transaction(what="the demo"):
        pid = _past(past, profile, plan, today)
    return Changes(
        message="Created the demo profile, with four months of history",
        profile_id=pid,
        profiles=True,
        profile=True,
        plan=True,
        history=True,
    )


def _past(past: Session, profile: Profile, plan: Plan, today: dt.date) -> int:
    """Store the demo profile and live its past, from the plan's start to today."""
    start = past.today
    pid = planning.create_profile(past, profile, plan).profile_id
    assert pid is not None
    queue = plans.deliverables(past.store, plans.active_plan(past.store, pid).id)
    position, spent, week = 0, 0.0, 0
    notes_left = list(DEMO_NOTES)
    # sessions on Tuesday-ish, Thursday-ish and Saturday-ish of each week
    while position < len(queue):
        week_start = start + dt.timedelta(days=7 * week)
        if week_start >= today:
            break
        budget = DEMO_WEEKLY_HOURS[week % len(DEMO_WEEKLY_HOURS)]
        for offset, share in ((1, 0.3), (3, 0.3), (5, 0.4)):
            day = week_start + dt.timedelta(days=offset)
            if day >= today or position >= len(queue):
                break
            past.day = day
            item = queue[position]
            chunk = round(min(budget * share, item.hours - spent, MAX_LOG_HOURS), 1)
            if chunk >= 0.1:
                tracking.log_hours(past, pid, item.key, chunk, on=day)
                spent = round(spent + chunk, 1)
            if item.hours - spent <= 0.05:
                tracking.tick(past, pid, item.key, on=day, evidence=_evidence(item, position))
                if notes_left:
                    tracking.add_note(past, pid, item.key, notes_left.pop(0), on=day)
                position += 1
                spent = 0.0
        week += 1
    if position < len(queue) and not spent:
        # the person is always part-way into something: yesterday's session began it
        past.day = today - dt.timedelta(days=1)
        tracking.log_hours(past, pid, queue[position].key, 1.5, on=past.day)
        spent = 1.5
    if notes_left and position < len(queue) and spent:
        past.day = today
        tracking.add_note(past, pid, queue[position].key, notes_left.pop(), on=today)
    undo.forget(past.store, pid)
    return pid


def _evidence(item: Deliverable, position: int) -> str:
    if item.kind is Kind.PROJECT:
        slug = re.sub(r"[^a-z0-9]+", "-", item.title.lower().removeprefix("project: ")).strip("-")
        return f"https://github.com/santana-mena-demo/{slug[:40].rstrip('-')}"
    if item.kind is Kind.CERTIFICATION:
        return f"DEMO-CERT-{position:04d}"
    if item.kind is Kind.COURSE:
        return f"DEMO-COURSE-{position:04d}"
    return f"https://notes.example.org/santana-mena-demo/{item.key}"
