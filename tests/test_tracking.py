"""Tracking: tick-offs, hours, notes, evidence, own deliverables, earned levels, undo/redo."""

from __future__ import annotations

import datetime as dt

import pytest

from skillpath.core.db.store import Store
from skillpath.core.errors import InputError, ProfileError
from skillpath.core.tracking import (
    Tracker,
    evidence_kind,
    find_profile,
    get_profile,
    items,
    remember_profile,
    snapshots,
)


def _item(tracker: Tracker, key: str):  # type: ignore[no-untyped-def]
    plan = tracker.plan()
    return next(i for i in items(tracker.store, plan.id) if i.key == key)


def test_tick_records_the_date_evidence_and_note(tracked: Tracker, today: dt.date) -> None:
    line = tracked.tick(
        "learn-linear-algebra",
        on=today - dt.timedelta(days=2),
        evidence="https://example.org/cert/1",
        note="done at last",
    )
    assert line.startswith("ticked 'Linear algebra")
    item = _item(tracked, "learn-linear-algebra")
    assert item.status == "done"
    assert item.done_on == today - dt.timedelta(days=2)
    assert tracked.evidence("learn-linear-algebra") == [
        (today - dt.timedelta(days=2), "link", "https://example.org/cert/1")
    ]
    assert tracked.notes("learn-linear-algebra")[0][1] == "done at last"


def test_tick_defaults_to_today(tracked: Tracker, today: dt.date) -> None:
    tracked.tick("learn-calculus")
    assert _item(tracked, "learn-calculus").done_on == today


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("https://coursera.org/verify/ABC", "link"),
        ("UC-1234-ABCD", "certificate"),
        ("/home/me/certs/cka.pdf", "file"),
        ("~/certs/cka.pdf", "file"),
        ("C:\\certs\\cka.pdf", "file"),
    ],
)
def test_evidence_kinds(text: str, kind: str) -> None:
    assert evidence_kind(text) == kind


def test_a_future_completion_date_is_refused(tracked: Tracker, today: dt.date) -> None:
    with pytest.raises(InputError, match="in the future"):
        tracked.tick("learn-calculus", on=today + dt.timedelta(days=1))
    assert _item(tracked, "learn-calculus").status == "todo"


def test_unknown_deliverable_names_the_way_to_find_ids(tracked: Tracker) -> None:
    with pytest.raises(InputError, match=r"no deliverable 'nope'.*status"):
        tracked.tick("nope")


def test_ticking_twice_is_an_error_but_evidence_can_be_added(tracked: Tracker) -> None:
    tracked.tick("learn-calculus")
    with pytest.raises(InputError, match="done already"):
        tracked.tick("learn-calculus")
    assert tracked.tick("learn-calculus", evidence="CERT-9").startswith("added evidence")
    assert [e[2] for e in tracked.evidence("learn-calculus")] == ["CERT-9"]


def test_logging_hours_starts_a_deliverable(tracked: Tracker, today: dt.date) -> None:
    tracked.log("learn-statistics", 1.5, on=today - dt.timedelta(days=1))
    tracked.log("learn-statistics", 2)
    item = _item(tracked, "learn-statistics")
    assert item.status == "in progress"
    assert item.started_on == today - dt.timedelta(days=1)
    assert item.logged == 3.5


@pytest.mark.parametrize("hours", [0, -1, 24.5, float("nan")])
def test_bad_hours_are_refused(tracked: Tracker, hours: float) -> None:
    with pytest.raises(InputError):
        tracked.log("learn-statistics", hours)
    assert _item(tracked, "learn-statistics").logged == 0


def test_start_skip_and_reopen(tracked: Tracker) -> None:
    tracked.start("learn-nlp")
    with pytest.raises(InputError, match="in progress already"):
        tracked.start("learn-nlp")
    tracked.skip("learn-nlp")
    assert _item(tracked, "learn-nlp").status == "skipped"
    tracked.reopen("learn-nlp")
    assert _item(tracked, "learn-nlp").status == "todo"


def test_untick_goes_back_to_in_progress_when_hours_were_logged(tracked: Tracker) -> None:
    tracked.log("learn-calculus", 2)
    tracked.tick("learn-calculus")
    tracked.untick("learn-calculus")
    item = _item(tracked, "learn-calculus")
    assert (item.status, item.done_on) == ("in progress", None)
    tracked.tick("learn-nlp")
    tracked.untick("learn-nlp")
    assert _item(tracked, "learn-nlp").status == "todo"


def test_completing_a_skills_learning_earns_the_level(tracked: Tracker, today: dt.date) -> None:
    store = tracked.store
    before = snapshots(store, tracked.profile_id)
    assert get_profile(store, tracked.profile_id).profile.skills.get("linear-algebra", 0) == 0
    tracked.tick("learn-linear-algebra", on=today)
    profile = get_profile(store, tracked.profile_id).profile
    assert profile.skills["linear-algebra"] == 3
    assert profile.skill_sources["linear-algebra"] == "earned"
    after = snapshots(store, tracked.profile_id)
    assert len(after) == len(before) + 1
    assert after[-1].on == today
    assert after[-1].readiness > before[-1].readiness
    assert [e.skill for e in tracked.earned()] == ["linear-algebra"]


def test_a_skill_already_at_the_level_is_not_earned_again(tracked: Tracker) -> None:
    # statistics is at 1 in the demo; the plan aims for 3
    tracked.tick("learn-statistics")
    tracked.untick("learn-statistics")
    profile = get_profile(tracked.store, tracked.profile_id).profile
    assert profile.skills["statistics"] == 1
    assert profile.source_of("statistics") == "self-rated"
    assert tracked.earned() == []


def test_undo_reverses_the_tick_the_level_and_the_snapshot(tracked: Tracker) -> None:
    store = tracked.store
    count = len(snapshots(store, tracked.profile_id))
    tracked.tick("learn-linear-algebra", evidence="CERT-1")
    assert tracked.undo().startswith("Undid: ticked 'Linear algebra")
    assert _item(tracked, "learn-linear-algebra").status == "todo"
    assert "linear-algebra" not in get_profile(store, tracked.profile_id).profile.skills
    assert len(snapshots(store, tracked.profile_id)) == count
    assert tracked.evidence("learn-linear-algebra") == []
    assert tracked.redo().startswith("Redid: ticked")
    assert get_profile(store, tracked.profile_id).profile.skills["linear-algebra"] == 3
    assert len(tracked.evidence("learn-linear-algebra")) == 1


def test_undo_history_survives_a_restart(tracked: Tracker, data_dir) -> None:  # type: ignore[no-untyped-def]
    tracked.note("learn-calculus", "first")
    tracked.log("learn-calculus", 1)
    profile_id = tracked.profile_id
    tracked.store.close()
    with Store.open(data_dir, daily_backup=False) as again:
        tracker = Tracker(again, profile_id, tracked.catalog, today=tracked.today)
        assert tracker.undo() == "Undid: logged 1 h on 'Calculus: Essence of calculus'"
        assert tracker.undo().startswith("Undid: added a note")
        assert tracker.notes("learn-calculus") == []
        with pytest.raises(InputError, match="nothing to undo"):
            tracker.undo()
        tracker.redo()
        assert len(tracker.notes("learn-calculus")) == 1


def test_a_new_change_clears_redo(tracked: Tracker) -> None:
    tracked.note("learn-calculus", "a")
    tracked.undo()
    tracked.note("learn-calculus", "b")
    with pytest.raises(InputError, match="nothing to redo"):
        tracked.redo()
    assert [n[1] for n in tracked.notes("learn-calculus")] == ["b"]


def test_certification_gets_its_expiry(tracked: Tracker, today: dt.date) -> None:
    key = "cert-gcp-professional-ml-engineer"
    years = tracked.catalog.certifications["gcp-professional-ml-engineer"].validity_years
    assert years
    tracked.tick(key, on=today)
    item = _item(tracked, key)
    assert item.expires_on == today.replace(year=today.year + years)
    tracked.undo()
    assert _item(tracked, key).expires_on is None


def test_add_edit_move_and_remove_own_deliverables(tracked: Tracker, today: dt.date) -> None:
    key = tracked.add("Build a RAG demo", kind="project", hours=12, phase=1, index=0)
    assert key == "own-1"
    first = items(tracked.store, tracked.plan().id)[0]
    assert (first.key, first.origin, first.hours) == ("own-1", "own", 12)
    tracked.edit(key, title="Build a bigger RAG demo", hours=20, due=today + dt.timedelta(30))
    item = _item(tracked, key)
    assert (item.title, item.hours, item.due) == (
        "Build a bigger RAG demo",
        20,
        today + dt.timedelta(30),
    )
    tracked.move(key, 2)
    keys = [i.key for i in items(tracked.store, tracked.plan().id) if i.phase == 1]
    assert keys[2] == key
    assert [i.position for i in items(tracked.store, tracked.plan().id) if i.phase == 1] == list(
        range(1, len(keys) + 1)
    )
    tracked.move(key, 0, phase=2)
    assert _item(tracked, key).phase == 2
    assert tracked.add("Second", phase=2) == "own-2"
    tracked.remove(key)
    assert all(i.key != key for i in items(tracked.store, tracked.plan().id))


def test_generated_deliverables_can_be_edited_and_removed_and_undone(tracked: Tracker) -> None:
    tracked.log("learn-calculus", 3)
    tracked.note("learn-calculus", "keep me")
    before = items(tracked.store, tracked.plan().id)
    tracked.edit("learn-calculus", hours=10)
    tracked.remove("learn-calculus")
    assert len(items(tracked.store, tracked.plan().id)) == len(before) - 1
    tracked.undo()
    tracked.undo()
    after = items(tracked.store, tracked.plan().id)
    assert after == before
    assert [n[1] for n in tracked.notes("learn-calculus")] == ["keep me"]


def test_removing_the_last_open_learning_item_earns_the_skill(tracked: Tracker) -> None:
    tracked.add("Extra calculus drills", kind="practice", hours=5, targets={"calculus": 2})
    tracked.tick("learn-calculus")
    assert "calculus" not in get_profile(tracked.store, tracked.profile_id).profile.skills
    tracked.remove("own-1")
    assert get_profile(tracked.store, tracked.profile_id).profile.skills["calculus"] == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "  "},
        {"hours": 0},
        {"hours": "ten"},
        {"kind": "video"},
        {"colour": "red"},
        {"start": dt.date(2030, 1, 2), "due": dt.date(2030, 1, 1)},
        {"targets": {"calculus": 9}},
    ],
)
def test_bad_edits_are_refused_and_change_nothing(tracked: Tracker, fields: dict) -> None:  # type: ignore[type-arg]
    before = items(tracked.store, tracked.plan().id)
    with pytest.raises(InputError):
        tracked.edit("learn-calculus", **fields)
    assert items(tracked.store, tracked.plan().id) == before
    assert not tracked.can_undo()


def test_profile_choice(store: Store, tracked: Tracker, catalog) -> None:  # type: ignore[no-untyped-def]
    from skillpath.core.demo import DEMO_ROLE
    from skillpath.core.models import Profile
    from skillpath.core.planner import build_plan
    from skillpath.core.tracking import create_profile

    assert find_profile(store, None).id == tracked.profile_id
    other = Profile(name="Ada", skills={"python": 3})
    plan = build_plan(other, catalog.role(DEMO_ROLE), catalog)
    ada = create_profile(store, other, plan, catalog)
    assert find_profile(store, None).id == ada.id  # the last used
    remember_profile(store, tracked.profile_id)
    assert find_profile(store, None).id == tracked.profile_id
    assert find_profile(store, "ada").name == "Ada"
    with pytest.raises(ProfileError, match="no profile called 'Bob'"):
        find_profile(store, "Bob")
    with pytest.raises(ProfileError, match="exists already"):
        create_profile(store, other, plan, catalog)
    store.set_meta("default_profile", None)
    with pytest.raises(ProfileError, match="--profile"):
        find_profile(store, None)


def test_undo_is_per_profile(store: Store, tracked: Tracker, catalog) -> None:  # type: ignore[no-untyped-def]
    from skillpath.core.demo import DEMO_ROLE
    from skillpath.core.models import Profile
    from skillpath.core.planner import build_plan
    from skillpath.core.tracking import create_profile

    other = Profile(name="Ada", skills={"python": 3})
    ada = create_profile(store, other, build_plan(other, catalog.role(DEMO_ROLE), catalog), catalog)
    tracked.note("learn-calculus", "mine")
    ada_tracker = Tracker(store, ada.id, catalog)
    with pytest.raises(InputError):
        ada_tracker.undo()
    assert tracked.undo().startswith("Undid")


def test_store_demo_is_deterministic_and_idempotent(store: Store, catalog, today) -> None:  # type: ignore[no-untyped-def]
    from skillpath.core.tracking import store_demo

    row = store_demo(store, catalog, today=today)
    assert row is not None
    tracker = Tracker(store, row.id, catalog, today=today)
    rows = items(store, tracker.plan().id)
    done = [i for i in rows if i.status == "done"]
    assert len(done) >= 2
    assert all(i.done_on and i.done_on <= today for i in done)
    assert any(i.status == "in progress" for i in rows)
    assert len(snapshots(store, row.id)) >= 2
    assert not tracker.can_undo()  # the demo's past is not something to undo
    assert store_demo(store, catalog, today=today) is None
