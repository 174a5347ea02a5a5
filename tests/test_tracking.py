"""Tracking: tick-offs, hours, notes, evidence, own deliverables, earned levels, undo/redo."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from skillpath.core import queries
from skillpath.core.actions import history, planning, roles, tracking
from skillpath.core.actions.demo import open_demo
from skillpath.core.actions.tracking import evidence_kind
from skillpath.core.catalog import Catalog
from skillpath.core.db import profiles
from skillpath.core.db.store import Store
from skillpath.core.errors import InputError, ProfileError
from skillpath.core.models import Profile
from skillpath.core.own_roles import copy_role, stored_own_roles
from skillpath.core.planner import build_plan
from skillpath.core.session import APP, CLI, Session

if TYPE_CHECKING:
    from tests.conftest import Tracked


def _notes(t: Tracked, key: str) -> list[tuple[dt.date, str]]:
    return [(n.on, n.text) for n in t.details(key).notes]


def _evidence(t: Tracked, key: str) -> list[tuple[dt.date, str, str]]:
    return [(e.on, e.kind, e.value) for e in t.details(key).evidence]


def test_tick_records_the_date_evidence_and_note(tracked: Tracked, today: dt.date) -> None:
    changes = tracking.tick(
        tracked.s,
        tracked.pid,
        "learn-linear-algebra",
        on=today - dt.timedelta(days=2),
        evidence="https://example.org/cert/1",
        note="done at last",
    )
    assert changes.message.startswith("Ticked 'Linear algebra")
    assert changes.deliverables == {"learn-linear-algebra"}
    item = tracked.item("learn-linear-algebra")
    assert item.status == "done"
    assert item.done_on == today - dt.timedelta(days=2)
    assert _evidence(tracked, "learn-linear-algebra") == [
        (today - dt.timedelta(days=2), "link", "https://example.org/cert/1")
    ]
    assert _notes(tracked, "learn-linear-algebra")[0][1] == "done at last"


def test_tick_defaults_to_today(tracked: Tracked, today: dt.date) -> None:
    tracking.tick(tracked.s, tracked.pid, "learn-calculus")
    assert tracked.item("learn-calculus").done_on == today


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("https://coursera.org/verify/ABC", "link"),
        ("UC-1234-ABCD", "certificate"),
        ("/home/me/certs/cka.pdf", "file"),
        ("~/certs/cka.pdf", "file"),
        ("C:\\certs\\cka.pdf", "file"),
        ("W" * 300, "certificate"),  # longer than any file name: not a path, and no error
    ],
)
def test_evidence_kinds(text: str, kind: str) -> None:
    assert evidence_kind(text) == kind


def test_a_future_completion_date_is_refused(tracked: Tracked, today: dt.date) -> None:
    with pytest.raises(InputError, match="in the future"):
        tracking.tick(tracked.s, tracked.pid, "learn-calculus", on=today + dt.timedelta(days=1))
    assert tracked.item("learn-calculus").status == "todo"


def test_unknown_deliverable_names_the_way_to_find_ids(tracked: Tracked) -> None:
    with pytest.raises(InputError, match=r"no deliverable 'nope'.*status"):
        tracking.tick(tracked.s, tracked.pid, "nope")


def test_ticking_twice_is_an_error_but_evidence_can_be_added(tracked: Tracked) -> None:
    tracking.tick(tracked.s, tracked.pid, "learn-calculus")
    with pytest.raises(InputError, match="done already"):
        tracking.tick(tracked.s, tracked.pid, "learn-calculus")
    added = tracking.tick(tracked.s, tracked.pid, "learn-calculus", evidence="CERT-9")
    assert added.message.startswith("Added evidence")
    assert [e[2] for e in _evidence(tracked, "learn-calculus")] == ["CERT-9"]


def test_logging_hours_starts_a_deliverable(tracked: Tracked, today: dt.date) -> None:
    s, pid = tracked.s, tracked.pid
    tracking.log_hours(s, pid, "learn-statistics", 1.5, on=today - dt.timedelta(days=1))
    tracking.log_hours(s, pid, "learn-statistics", 2)
    item = tracked.item("learn-statistics")
    assert item.status == "in progress"
    assert item.started_on == today - dt.timedelta(days=1)
    assert item.logged == 3.5


@pytest.mark.parametrize("hours", [0, -1, 24.5, float("nan")])
def test_bad_hours_are_refused(tracked: Tracked, hours: float) -> None:
    with pytest.raises(InputError):
        tracking.log_hours(tracked.s, tracked.pid, "learn-statistics", hours)
    assert tracked.item("learn-statistics").logged == 0


def test_start_skip_and_reopen(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    tracking.start(s, pid, "learn-nlp")
    with pytest.raises(InputError, match="in progress already"):
        tracking.start(s, pid, "learn-nlp")
    tracking.skip(s, pid, "learn-nlp")
    assert tracked.item("learn-nlp").status == "skipped"
    tracking.reopen(s, pid, "learn-nlp")
    assert tracked.item("learn-nlp").status == "todo"


def test_untick_goes_back_to_in_progress_when_hours_were_logged(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    tracking.log_hours(s, pid, "learn-calculus", 2)
    tracking.tick(s, pid, "learn-calculus")
    tracking.untick(s, pid, "learn-calculus")
    item = tracked.item("learn-calculus")
    assert (item.status, item.done_on) == ("in progress", None)
    tracking.tick(s, pid, "learn-nlp")
    tracking.untick(s, pid, "learn-nlp")
    assert tracked.item("learn-nlp").status == "todo"


# ------------------------------------------------------------------ hours spent on a tick


def test_a_tick_without_logged_hours_declares_the_estimate_over_the_days_in_progress(
    tracked: Tracked, today: dt.date
) -> None:
    s, pid = tracked.s, tracked.pid
    hours = tracked.item("learn-statistics").hours  # a 40 h course
    tracking.start(s, pid, "learn-statistics", on=today - dt.timedelta(days=9))
    changes = tracking.tick(s, pid, "learn-statistics")
    assert f"done ({hours:g} h spent)" in changes.message
    (log,) = tracked.details("learn-statistics").logs
    assert (log.on, log.hours, log.since) == (today, hours, today - dt.timedelta(days=9))
    assert log.days == 10
    assert tracked.item("learn-statistics").logged == hours


def test_a_tick_asks_for_the_hours_spent_and_declares_what_was_not_logged(
    tracked: Tracked, today: dt.date
) -> None:
    s, pid = tracked.s, tracked.pid
    tracking.log_hours(s, pid, "learn-calculus", 6, on=today - dt.timedelta(days=4))
    changes = tracking.tick(s, pid, "learn-calculus", hours=25)
    assert "(25 h spent)" in changes.message
    logs = tracked.details("learn-calculus").logs
    assert [(x.on, x.hours, x.since) for x in logs] == [
        (today - dt.timedelta(days=4), 6, None),
        (today, 19, today - dt.timedelta(days=4)),  # the rest, since it was started
    ]
    assert tracked.item("learn-calculus").logged == 25
    # fewer hours than are logged already cannot be right
    tracking.log_hours(s, pid, "learn-nlp", 5)
    with pytest.raises(InputError, match="5 h are logged"):
        tracking.tick(s, pid, "learn-nlp", hours=3)
    assert tracked.item("learn-nlp").status == "in progress"


def test_a_tick_with_logged_hours_declares_nothing_more(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    tracking.log_hours(s, pid, "learn-calculus", 3)
    assert "(3 h spent)" in tracking.tick(s, pid, "learn-calculus").message
    assert [x.since for x in tracked.details("learn-calculus").logs] == [None]


def test_unticking_takes_back_the_declared_hours_and_keeps_the_logged(
    tracked: Tracked, today: dt.date
) -> None:
    s, pid = tracked.s, tracked.pid
    tracking.log_hours(s, pid, "learn-calculus", 4)
    tracking.tick(s, pid, "learn-calculus", hours=30)
    assert tracked.item("learn-calculus").logged == 30
    tracking.untick(s, pid, "learn-calculus")
    assert [(x.hours, x.since) for x in tracked.details("learn-calculus").logs] == [(4, None)]
    tracking.tick(s, pid, "learn-nlp", hours=12)
    tracking.reopen(s, pid, "learn-nlp")
    assert tracked.item("learn-nlp").logged == 0


def test_hours_spent_must_be_more_than_nothing(tracked: Tracked) -> None:
    for hours in (0, -2, float("inf")):
        with pytest.raises(InputError, match="hours spent must be"):
            tracking.tick(tracked.s, tracked.pid, "learn-calculus", hours=hours)
    assert tracked.item("learn-calculus").status == "todo"
    assert not history.can_undo(tracked.s, tracked.pid)


def test_skipping_done_work_takes_back_its_declared_hours_and_level(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    planned = tracked.item("learn-nlp")
    tracking.log_hours(s, pid, "learn-nlp", 1)
    tracking.tick(s, pid, "learn-nlp", hours=30)
    assert tracked.profile().skills["nlp"] == planned.targets["nlp"]
    tracking.skip(s, pid, "learn-nlp")
    assert tracked.item("learn-nlp").logged == 1  # the hour logged stays, the 29 declared go
    assert "nlp" not in tracked.profile().skills
    tracking.reopen(s, pid, "learn-nlp")
    item = tracked.item("learn-nlp")
    assert (item.status, item.logged, item.remaining) == ("todo", 1, planned.hours - 1)


def test_evidence_is_at_most_what_an_export_can_carry(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    long = "https://example.org/" + "a" * 1981  # 2,001 characters
    with pytest.raises(InputError, match="longer than 2,000"):
        tracking.tick(s, pid, "learn-calculus", evidence=long)
    with pytest.raises(InputError, match="longer than 2,000"):
        tracking.add_evidence(s, pid, "learn-calculus", long)
    assert tracked.item("learn-calculus").status == "todo"
    tracking.tick(s, pid, "learn-calculus", evidence=long[:-1])
    assert _evidence(tracked, "learn-calculus")[0][2] == long[:-1]


def test_hours_are_refused_on_a_done_deliverable(tracked: Tracked) -> None:
    tracking.tick(tracked.s, tracked.pid, "learn-calculus")
    with pytest.raises(InputError, match="--hours is for ticking"):
        tracking.tick(tracked.s, tracked.pid, "learn-calculus", hours=3, note="more")


# ------------------------------------------------------------------ earned levels


def test_finishing_a_course_earns_working_level_at_most(tracked: Tracked, today: dt.date) -> None:
    # the plan aims linear algebra at 3: its short course starts it (1), the practice set
    # after it shows working level (2); only the phase project can show 3 (core/rules.py)
    before = queries.snapshots(tracked.s, tracked.pid)
    assert tracked.profile().skills.get("linear-algebra", 0) == 0
    changes = tracking.tick(tracked.s, tracked.pid, "learn-linear-algebra", on=today)
    assert "Linear algebra is now level 1, earned" in changes.message
    changes = tracking.tick(tracked.s, tracked.pid, "practice-linear-algebra", on=today)
    assert "Linear algebra is now level 2, earned" in changes.message
    assert changes.profile
    profile = tracked.profile()
    assert profile.skills["linear-algebra"] == 2
    assert profile.skill_sources["linear-algebra"] == "earned"
    after = queries.snapshots(tracked.s, tracked.pid)
    assert len(after) == len(before) + 2
    assert after[-1].on == today
    assert after[-1].readiness > before[-1].readiness
    assert [
        (e.skill, e.level, e.previous_level) for e in queries.earned(tracked.s, tracked.pid)
    ] == [("linear-algebra", 2, 0)]


def test_a_skill_already_at_the_level_is_not_earned_again(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    # SQL is at 2 in the demo (self-rated): a course of one's own that shows 2 earns nothing
    key = _added(tracking.add_deliverable(
        s, pid, "SQL refresher", kind="course", hours=3, targets={"sql": 2}
    ))  # fmt: skip
    tracking.tick(s, pid, key)
    profile = tracked.profile()
    assert profile.skills["sql"] == 2
    assert profile.source_of("sql") == "self-rated"
    assert queries.earned(s, pid) == []
    # statistics is at 1: the course earns 2, and unticking it gives the 1 back
    tracking.tick(s, pid, "learn-statistics")
    assert tracked.profile().skills["statistics"] == 2
    tracking.untick(s, pid, "learn-statistics")
    profile = tracked.profile()
    assert profile.skills["statistics"] == 1
    assert profile.source_of("statistics") == "self-rated"
    assert queries.earned(s, pid) == []


def test_a_project_earns_up_to_3_and_its_target_with_evidence(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    key = next(iter(tracking.add_deliverable(
        s, pid, "Ship a containerised model", kind="project", hours=20, targets={"docker": 4}
    ).deliverables))  # fmt: skip
    tracking.tick(s, pid, key)
    assert tracked.profile().skills["docker"] == 3
    changes = tracking.add_evidence(s, pid, key, "https://github.com/me/model-in-a-box")
    assert "Docker and containers is now level 4, earned" in changes.message
    assert tracked.profile().skills["docker"] == 4
    history.undo_last(s, pid)
    assert tracked.profile().skills["docker"] == 3


def test_a_certification_earns_its_target(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    key = next(iter(tracking.add_deliverable(
        s, pid, "Pass a Kubernetes exam", kind="certification", hours=30,
        targets={"kubernetes": 4},
    ).deliverables))  # fmt: skip
    tracking.tick(s, pid, key)
    assert tracked.profile().skills["kubernetes"] == 4


def test_undo_reverses_the_tick_the_level_and_the_snapshot(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    count = len(queries.snapshots(s, pid))
    tracking.tick(s, pid, "learn-linear-algebra", evidence="CERT-1")
    assert history.undo_last(s, pid).message.startswith("Undid: ticked 'Linear algebra")
    assert tracked.item("learn-linear-algebra").status == "todo"
    assert "linear-algebra" not in tracked.profile().skills
    assert len(queries.snapshots(s, pid)) == count
    assert _evidence(tracked, "learn-linear-algebra") == []
    assert tracked.details("learn-linear-algebra").logs == ()  # the declared hours went too
    assert history.redo_last(s, pid).message.startswith("Redid: ticked")
    assert tracked.profile().skills["linear-algebra"] == 1  # the course starts the skill
    assert len(_evidence(tracked, "learn-linear-algebra")) == 1


def test_undo_history_survives_a_restart(tracked: Tracked, data_dir) -> None:  # type: ignore[no-untyped-def]
    tracking.add_note(tracked.s, tracked.pid, "learn-calculus", "first")
    tracking.log_hours(tracked.s, tracked.pid, "learn-calculus", 1)
    pid, catalog, today = tracked.pid, tracked.s.catalog, tracked.today
    tracked.store.close()
    with Store.open(data_dir, daily_backup=False) as again:
        s = Session(again, catalog, CLI, today)
        undid = history.undo_last(s, pid).message
        assert undid == "Undid: logged 1 h on 'Calculus: Essence of calculus'"
        assert history.undo_last(s, pid).message.startswith("Undid: added a note")
        assert queries.details(s, pid, "learn-calculus").notes == ()
        with pytest.raises(InputError, match="nothing to undo"):
            history.undo_last(s, pid)
        history.redo_last(s, pid)
        assert len(queries.details(s, pid, "learn-calculus").notes) == 1


def test_a_new_change_clears_redo(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    tracking.add_note(s, pid, "learn-calculus", "a")
    history.undo_last(s, pid)
    tracking.add_note(s, pid, "learn-calculus", "b")
    with pytest.raises(InputError, match="nothing to redo"):
        history.redo_last(s, pid)
    assert [n[1] for n in _notes(tracked, "learn-calculus")] == ["b"]


def test_certification_gets_its_expiry(tracked: Tracked, today: dt.date) -> None:
    cert = next(
        tracked.catalog.certifications[i.certification]
        for i in tracked.items()
        if i.certification and tracked.catalog.certifications[i.certification].validity_years
    )
    key = f"cert-{cert.id}"
    years = cert.validity_years
    assert years
    tracking.tick(tracked.s, tracked.pid, key, on=today)
    item = tracked.item(key)
    assert item.expires_on == today.replace(year=today.year + years)
    history.undo_last(tracked.s, tracked.pid)
    assert tracked.item(key).expires_on is None


def _added(changes) -> str:  # type: ignore[no-untyped-def]
    (key,) = changes.deliverables
    return str(key)


def test_add_edit_move_and_remove_own_deliverables(tracked: Tracked, today: dt.date) -> None:
    s, pid = tracked.s, tracked.pid
    added = tracking.add_deliverable(
        s, pid, "Build a RAG demo", kind="project", hours=12, phase=1, index=0
    )
    key = _added(added)
    assert key == "own-1" and added.plan
    first = tracked.items()[0]
    assert (first.key, first.origin, first.hours) == ("own-1", "own", 12)
    tracking.edit_deliverable(
        s, pid, key, title="Build a bigger RAG demo", hours=20, due=today + dt.timedelta(30)
    )
    item = tracked.item(key)
    assert (item.title, item.hours, item.due) == (
        "Build a bigger RAG demo",
        20,
        today + dt.timedelta(30),
    )
    tracking.move_deliverable(s, pid, key, 2)
    keys = [i.key for i in tracked.items() if i.phase == 1]
    assert keys[2] == key
    assert [i.position for i in tracked.items() if i.phase == 1] == list(range(1, len(keys) + 1))
    tracking.move_deliverable(s, pid, key, 0, phase=2)
    assert tracked.item(key).phase == 2
    assert _added(tracking.add_deliverable(s, pid, "Second", phase=2)) == "own-2"
    tracking.remove_deliverable(s, pid, key)
    assert all(i.key != key for i in tracked.items())


def test_generated_deliverables_can_be_edited_and_removed_and_undone(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    tracking.log_hours(s, pid, "learn-calculus", 3)
    tracking.add_note(s, pid, "learn-calculus", "keep me")
    before = tracked.items()
    tracking.edit_deliverable(s, pid, "learn-calculus", hours=10)
    tracking.remove_deliverable(s, pid, "learn-calculus")
    assert len(tracked.items()) == len(before) - 1
    history.undo_last(s, pid)
    history.undo_last(s, pid)
    assert tracked.items() == before
    assert [n[1] for n in _notes(tracked, "learn-calculus")] == ["keep me"]


def test_removing_the_work_that_earned_a_level_gives_it_back(tracked: Tracked) -> None:
    s, pid = tracked.s, tracked.pid
    tracking.add_deliverable(s, pid, "Extra calculus drills", kind="practice", hours=5,
                             targets={"calculus": 2})  # fmt: skip
    tracking.tick(s, pid, "practice-calculus")
    assert tracked.profile().skills["calculus"] == 2
    tracking.remove_deliverable(s, pid, "own-1")  # open work: the level stands
    assert tracked.profile().skills["calculus"] == 2
    changes = tracking.remove_deliverable(s, pid, "practice-calculus")
    assert "Calculus is back to level 0" in changes.message
    assert "calculus" not in tracked.profile().skills
    history.undo_last(s, pid)
    assert tracked.profile().skills["calculus"] == 2


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
def test_bad_edits_are_refused_and_change_nothing(tracked: Tracked, fields: dict) -> None:  # type: ignore[type-arg]
    before = tracked.items()
    with pytest.raises(InputError):
        tracking.edit_deliverable(tracked.s, tracked.pid, "learn-calculus", **fields)
    assert tracked.items() == before
    assert not history.can_undo(tracked.s, tracked.pid)


def _ada(s: Session, catalog: Catalog) -> int:
    from skillpath.core.demo import DEMO_ROLE

    other = Profile(name="Ada", skills={"python": 3})
    pid = planning.create_profile(s, other, build_plan(other, catalog.role(DEMO_ROLE), catalog))
    assert pid.profile_id is not None
    return pid.profile_id


def test_profile_choice(store: Store, tracked: Tracked, catalog: Catalog) -> None:
    from skillpath.core.demo import DEMO_ROLE

    s = tracked.s
    assert s.find_profile(None).id == tracked.pid
    ada = _ada(s, catalog)
    assert s.find_profile(None).id == ada  # the last used
    profiles.remember(store, tracked.pid)
    assert s.find_profile(None).id == tracked.pid
    assert s.find_profile("ada").name == "Ada"
    with pytest.raises(ProfileError, match="no profile called 'Bob'"):
        s.find_profile("Bob")
    other = Profile(name="ADA", skills={"python": 3})
    with pytest.raises(ProfileError, match="exists already"):
        planning.create_profile(s, other, build_plan(other, catalog.role(DEMO_ROLE), catalog))
    store.set_meta("default_profile", None)
    with pytest.raises(ProfileError, match="--profile"):
        s.find_profile(None)


def test_undo_within_an_origin_is_per_profile_when_one_is_named(
    store: Store, tracked: Tracked, catalog: Catalog
) -> None:
    s = tracked.s
    ada = _ada(s, catalog)
    tracking.add_note(s, tracked.pid, "learn-calculus", "mine")
    # Ada's latest change is her creation, not Santana's note made after it
    assert history.undo_last(s, ada).message == "Undid: created the profile of Ada"
    assert s.find_profile(None).id == tracked.pid
    assert _notes(tracked, "learn-calculus")[0][1] == "mine"
    assert history.undo_last(s, tracked.pid).message.startswith("Undid: added a note")


def test_undoing_the_creation_of_a_profile_removes_it_and_redo_brings_it_back(
    store: Store, tracked: Tracked, catalog: Catalog
) -> None:
    s = tracked.s
    ada = _ada(s, catalog)
    assert history.can_undo(s, ada)
    before = queries.progress(s, ada).overall
    changes = history.undo_last(s)
    assert changes.message == "Undid: created the profile of Ada"
    assert changes.profiles and changes.profile_id == ada
    assert [p.name for p in profiles.list_profiles(store)] == ["Santana Mena"]
    assert store.read("SELECT count(*) FROM plans WHERE profile_id = ?", [ada])[0][0] == 0
    assert history.redo_last(s).message == "Redid: created the profile of Ada"
    assert s.find_profile("Ada").id == ada
    assert queries.progress(s, ada).overall == before
    assert len(queries.snapshots(s, ada)) == 1


def test_undoing_an_own_role_change(tracked: Tracked, catalog: Catalog) -> None:
    s = tracked.s
    draft = copy_role(catalog, "data-analyst", "Finance Analyst")
    _, saved = roles.save_own_role(s, draft.model_copy(update={"required": draft.required[:3]}))
    roles.save_own_role(s, saved.model_copy(update={"title": "Finance Analyst II"}))
    assert s.full_catalog().role(saved.id).title == "Finance Analyst II"
    undid = history.undo_last(s, tracked.pid)  # own roles belong to the data file
    assert undid.roles and undid.message == "Undid: changed your role Finance Analyst II"
    assert s.full_catalog().role(saved.id).title == "Finance Analyst"
    assert history.undo_last(s).message == "Undid: saved your role Finance Analyst"
    assert saved.id not in s.full_catalog().roles
    assert stored_own_roles(s.store, catalog) == []
    history.redo_last(s)
    assert s.full_catalog().role(saved.id).title == "Finance Analyst"
    roles.delete_own_role(s, saved.id)
    assert saved.id not in s.full_catalog().roles
    assert history.undo_last(s).message == f"Undid: deleted your role {saved.id}"
    assert [r.id for r in stored_own_roles(s.store, catalog)] == [saved.id]


def test_the_app_never_undoes_a_command_line_change(tracked: Tracked) -> None:
    cli = tracked.s
    app = Session(cli.store, cli.catalog, APP, cli.today)
    tracking.add_note(cli, tracked.pid, "learn-calculus", "from the terminal")
    assert not history.can_undo(app, tracked.pid)
    with pytest.raises(InputError, match="nothing to undo"):
        history.undo_last(app, tracked.pid)
    tracking.log_hours(app, tracked.pid, "learn-nlp", 2)
    tracking.add_note(cli, tracked.pid, "learn-calculus", "later, from the terminal")
    # the app's Ctrl+Z undoes the app's own change, however many the CLI made since
    assert history.undo_last(app, tracked.pid).message.startswith("Undid: logged 2 h")
    assert tracked.item("learn-nlp").logged == 0
    assert [n.text for n in tracked.details("learn-calculus").notes] == [
        "from the terminal",
        "later, from the terminal",
    ]
    assert history.undo_last(cli, tracked.pid).message.startswith("Undid: added a note")
    assert [n.text for n in tracked.details("learn-calculus").notes] == ["from the terminal"]


def test_undo_refuses_a_row_the_other_origin_changed_since(tracked: Tracked) -> None:
    cli = tracked.s
    app = Session(cli.store, cli.catalog, APP, cli.today)
    tracking.tick(app, tracked.pid, "learn-calculus")
    tracking.untick(cli, tracked.pid, "learn-calculus")
    tracking.start(cli, tracked.pid, "learn-calculus")
    before = tracked.item("learn-calculus")
    with pytest.raises(InputError, match="changed again since"):
        history.undo_last(app, tracked.pid)
    assert tracked.item("learn-calculus") == before  # nothing was overwritten
    assert history.can_undo(app, tracked.pid)  # still there, for when the rows agree again
    history.undo_last(cli, tracked.pid)
    history.undo_last(cli, tracked.pid)
    assert history.undo_last(app, tracked.pid).message.startswith("Undid: ticked")
    assert tracked.item("learn-calculus").status == "todo"


def test_history_lists_both_origins_newest_first(tracked: Tracked) -> None:
    cli = tracked.s
    app = Session(cli.store, cli.catalog, APP, cli.today)
    tracking.add_note(cli, tracked.pid, "learn-calculus", "a")
    tracking.add_note(app, tracked.pid, "learn-calculus", "b")
    history.undo_last(app, tracked.pid)
    entries = queries.history(cli, tracked.pid)
    assert [(e.origin, e.undone) for e in entries] == [("app", True), ("cli", False)]
    assert all(e.summary.startswith("added a note") for e in entries)


def test_opening_the_demo_leaves_the_undo_history_alone(tracked: Tracked) -> None:
    app = Session(tracked.store, tracked.s.catalog, APP, tracked.today)
    tracking.add_note(app, tracked.pid, "learn-calculus", "kept")
    tracking.add_note(app, tracked.pid, "learn-calculus", "undone")
    history.undo_last(app, tracked.pid)
    before = queries.history(app, tracked.pid)
    open_demo(app)  # dozens of changes make its past, under an origin of their own
    assert queries.history(app, tracked.pid) == before
    assert history.redo_last(app, tracked.pid).message.startswith("Redid: added a note")
    assert history.undo_last(app).message.startswith("Undid: added a note")
    assert history.undo_last(app).message.startswith("Undid: added a note")
    assert not history.can_undo(app)


def test_open_demo_is_deterministic_and_idempotent(
    store: Store, catalog: Catalog, today: dt.date, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    s = Session(store, catalog, CLI, today)
    pid = open_demo(s).profile_id
    assert pid is not None
    rows = queries.progress(s, pid).items
    done = [i for i in rows if i.status == "done"]
    assert len(done) >= 2
    assert all(i.done_on and i.done_on <= today for i in done)
    assert any(i.status == "in progress" for i in rows)
    assert len(queries.snapshots(s, pid)) >= 2
    assert not history.can_undo(s, pid)  # the demo's past is not something to undo
    again = open_demo(s)
    assert again.profile_id == pid and again.message == "Opened the demo profile"
    assert len(profiles.list_profiles(store)) == 1
    with Store.open(tmp_path / "other", daily_backup=False) as other:
        twin = Session(other, catalog, CLI, today)
        twin_pid = open_demo(twin).profile_id
        assert twin_pid is not None
        assert queries.progress(twin, twin_pid).items == rows
