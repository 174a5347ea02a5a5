"""Export and import of a whole profile: exact round trips, validation before writing."""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillpath.core.actions import history, tracking
from skillpath.core.actions.demo import open_demo
from skillpath.core.actions.transfer import export_profile as export_action
from skillpath.core.actions.transfer import import_profile
from skillpath.core.db.profiles import delete_profile, list_profiles
from skillpath.core.db.store import DATA_TABLES, Store
from skillpath.core.errors import OutputExistsError, TransferError
from skillpath.core.session import Session
from skillpath.core.transfer import export_profile, export_to_file, parse_export, read_export


@dataclass
class Demo:
    s: Session
    pid: int

    @property
    def store(self) -> Store:
        return self.s.store


@pytest.fixture
def demo(store: Store, catalog, today) -> Demo:  # type: ignore[no-untyped-def]
    s = Session(store, catalog, day=today)
    pid = open_demo(s).profile_id
    assert pid is not None
    tracking.add_deliverable(s, pid, "Own thing", kind="project", hours=5)
    tracking.add_evidence(s, pid, "own-1", "/home/me/thing.pdf")
    tracking.log_hours(s, pid, "own-1", 2)
    tracking.tick(s, pid, "own-1", hours=7)  # 5 h declared over its days in progress
    return Demo(s, pid)


def _dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {
        t: store.conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in DATA_TABLES
    }


def test_export_import_export_is_exact(demo: Demo, catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = export_profile(demo.store, demo.pid)
    out = tmp_path / "santana.json"
    export_to_file(demo.store, demo.pid, out)
    with Store.open(tmp_path / "other", daily_backup=False) as other:
        pid = import_profile(Session(other, catalog), read_export(out, catalog)).profile_id
        assert pid is not None
        again = export_profile(other, pid)
    assert again == first
    assert first["plans"][0]["phases"][0]["deliverables"][0]["time_logs"]
    assert first["snapshots"] and first["earned"]
    own = next(
        d for ph in first["plans"][0]["phases"] for d in ph["deliverables"] if d["key"] == "own-1"
    )
    assert [log.get("since") is not None for log in own["time_logs"]] == [False, True]


def test_export_refuses_to_overwrite_without_force(demo: Demo, tmp_path: Path) -> None:
    out = tmp_path / "santana.json"
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        export_action(demo.s, demo.pid, out)
    assert out.read_text(encoding="utf-8") == "keep me"
    changes = export_action(demo.s, demo.pid, out, force=True)
    assert changes.message.startswith("Exported 'Santana Mena' to")
    assert json.loads(out.read_text(encoding="utf-8")) == export_profile(demo.store, demo.pid)


def test_an_import_is_one_change_that_can_be_undone(demo: Demo, catalog) -> None:  # type: ignore[no-untyped-def]
    doc = parse_export(json.dumps(export_profile(demo.store, demo.pid)).encode(), catalog)
    before = _dump(demo.store)
    changes = import_profile(demo.s, doc, replace=True)
    assert changes.message == "Imported 'Santana Mena' (1 plan)"
    assert history.undo_last(demo.s).message == "Undid: imported Santana Mena"
    after = _dump(demo.store)
    before["oplog"] = after["oplog"] = []  # the log now holds the undone import, for redo
    before["meta"] = after["meta"] = []  # the default profile is a preference
    assert after == before


def test_a_name_clash_needs_rename_or_replace(demo: Demo, catalog) -> None:  # type: ignore[no-untyped-def]
    doc = parse_export(json.dumps(export_profile(demo.store, demo.pid)).encode(), catalog)
    before = _dump(demo.store)
    with pytest.raises(TransferError, match=r"--rename.*--replace"):
        import_profile(demo.s, doc)
    assert _dump(demo.store) == before
    renamed = import_profile(demo.s, doc, rename="Santana Copy").profile_id
    assert renamed is not None
    assert demo.s.find_profile("Santana Copy").profile.name == "Santana Copy"
    assert sorted(p.name for p in list_profiles(demo.store)) == ["Santana Copy", "Santana Mena"]
    replaced = import_profile(demo.s, doc, replace=True).profile_id
    assert replaced is not None
    assert sorted(p.name for p in list_profiles(demo.store)) == ["Santana Copy", "Santana Mena"]
    assert export_profile(demo.store, replaced) == export_profile(demo.store, renamed) | {
        "profile": export_profile(demo.store, replaced)["profile"]
    }


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["plans"][0]["phases"][0]["deliverables"][0].update(hours="ten"), "hours"),
        (lambda d: d["plans"][0].update(active="yes"), "active"),
        (lambda d: d.update(format="something-else"), "format"),
        (lambda d: d["profile"].update(name=""), "name"),
        (lambda d: d["profile"]["data"]["skills"].update(telepathy=5), "telepathy"),
        (lambda d: d["plans"][0]["phases"][0]["deliverables"][0].update(status="half"), "status"),
        (lambda d: d["plans"].append(copy.deepcopy(d["plans"][0])), "active"),
        (lambda d: d["earned"][0].update(plan=7), "no plan 7"),
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d.update(version=99), "newer"),
        (
            lambda d: d["plans"][0]["phases"][0]["deliverables"].append(
                copy.deepcopy(d["plans"][0]["phases"][0]["deliverables"][0])
            ),
            "twice",
        ),
    ],
)
def test_wrong_content_is_refused_and_nothing_written(
    demo: Demo, catalog, mutate, message: str
) -> None:  # type: ignore[no-untyped-def]
    doc = export_profile(demo.store, demo.pid)
    mutate(doc)
    before = _dump(demo.store)
    with pytest.raises(TransferError, match=message):
        import_profile(demo.s, parse_export(json.dumps(doc).encode(), catalog), replace=True)
    assert _dump(demo.store) == before


def test_truncated_json_garbage_and_empty_files(demo: Demo, catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.json"
    export_to_file(demo.store, demo.pid, good)
    raw = good.read_bytes()
    cases = {
        "truncated.json": (raw[: len(raw) // 2], "not valid JSON"),
        "garbage.bin": (os.urandom(10_000_000), "not a UTF-8 text file|not valid JSON"),
        "text.json": (b"{" * 10_000_000, "not valid JSON"),
        "empty.json": (b"", "empty"),
        "list.json": (b"[1, 2, 3]", "must be an object|not an export"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(TransferError, match=message) as info:
            read_export(path, catalog)
        assert "\n" not in str(info.value)
        assert len(str(info.value)) < 300
    with pytest.raises(TransferError, match="no such file"):
        read_export(tmp_path / "missing.json", catalog)


def _mutations() -> st.SearchStrategy[list[tuple[list[Any], Any]]]:
    values = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-10, 10**12),
        st.floats(allow_nan=True),
        st.text(max_size=20),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    )
    paths = st.lists(st.integers(0, 30), min_size=1, max_size=6)
    return st.lists(st.tuples(paths, values), min_size=1, max_size=3)


def _apply(doc: Any, path: list[int], value: Any) -> None:
    """Walk into the document by position and replace what is there."""
    node = doc
    for step in path[:-1]:
        if isinstance(node, dict) and node:
            node = node[list(node)[step % len(node)]]
        elif isinstance(node, list) and node:
            node = node[step % len(node)]
        else:
            break
    if isinstance(node, dict) and node:
        node[list(node)[path[-1] % len(node)]] = value
    elif isinstance(node, list) and node:
        node[path[-1] % len(node)] = value


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mutations=_mutations())
def test_any_damaged_export_imports_whole_or_not_at_all(demo: Demo, catalog, mutations) -> None:  # type: ignore[no-untyped-def]
    doc = export_profile(demo.store, demo.pid)
    for path, value in mutations:
        _apply(doc, path, value)
    raw = json.dumps(doc).encode()
    before = _dump(demo.store)
    try:
        parsed = parse_export(raw, catalog)
        pid = import_profile(demo.s, parsed, rename="Imported copy").profile_id
    except TransferError as exc:
        assert "\n" not in str(exc)
        assert _dump(demo.store) == before
    else:
        assert pid is not None
        again = export_profile(demo.store, pid)
        count = sum(len(ph.deliverables) for plan in parsed.plans for ph in plan.phases)
        assert count == sum(
            len(ph["deliverables"]) for plan in again["plans"] for ph in plan["phases"]
        )
        assert len(again["snapshots"]) == len(parsed.snapshots)
        delete_profile(demo.store, pid)
