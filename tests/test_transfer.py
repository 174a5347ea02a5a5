"""Export and import of a whole profile: exact round trips, validation before writing."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillpath.core.db.store import DATA_TABLES, Store
from skillpath.core.errors import TransferError
from skillpath.core.tracking import Tracker, delete_profile, list_profiles, store_demo
from skillpath.core.transfer import (
    export_profile,
    export_to_file,
    import_profile,
    parse_export,
    read_export,
)


@pytest.fixture
def demo(store: Store, catalog, today) -> Tracker:  # type: ignore[no-untyped-def]
    row = store_demo(store, catalog, today=today)
    assert row is not None
    tracker = Tracker(store, row.id, catalog, today=today)
    tracker.add("Own thing", kind="project", hours=5)
    tracker.add_evidence("own-1", "/home/me/thing.pdf")
    return tracker


def _dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {
        t: store.conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in DATA_TABLES
    }


def test_export_import_export_is_exact(demo: Tracker, catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = export_profile(demo.store, demo.profile_id)
    out = tmp_path / "santana.json"
    export_to_file(demo.store, demo.profile_id, out)
    with Store.open(tmp_path / "other", daily_backup=False) as other:
        row = import_profile(other, read_export(out, catalog))
        again = export_profile(other, row.id)
    assert again == first
    assert first["plans"][0]["phases"][0]["deliverables"][0]["time_logs"]
    assert first["snapshots"] and first["earned"]


def test_a_name_clash_needs_rename_or_replace(demo: Tracker, catalog) -> None:  # type: ignore[no-untyped-def]
    doc = parse_export(json.dumps(export_profile(demo.store, demo.profile_id)).encode(), catalog)
    before = _dump(demo.store)
    with pytest.raises(TransferError, match=r"--rename.*--replace"):
        import_profile(demo.store, doc)
    assert _dump(demo.store) == before
    renamed = import_profile(demo.store, doc, rename="Santana Copy")
    assert renamed.profile.name == "Santana Copy"
    assert sorted(p.name for p in list_profiles(demo.store)) == ["Santana Copy", "Santana Mena"]
    replaced = import_profile(demo.store, doc, replace=True)
    assert sorted(p.name for p in list_profiles(demo.store)) == ["Santana Copy", "Santana Mena"]
    assert export_profile(demo.store, replaced.id) == export_profile(demo.store, renamed.id) | {
        "profile": export_profile(demo.store, replaced.id)["profile"]
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
    demo: Tracker, catalog, mutate, message: str
) -> None:  # type: ignore[no-untyped-def]
    doc = export_profile(demo.store, demo.profile_id)
    mutate(doc)
    before = _dump(demo.store)
    with pytest.raises(TransferError, match=message):
        import_profile(demo.store, parse_export(json.dumps(doc).encode(), catalog), replace=True)
    assert _dump(demo.store) == before


def test_truncated_json_garbage_and_empty_files(demo: Tracker, catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.json"
    export_to_file(demo.store, demo.profile_id, good)
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
def test_any_damaged_export_imports_whole_or_not_at_all(demo: Tracker, catalog, mutations) -> None:  # type: ignore[no-untyped-def]
    doc = export_profile(demo.store, demo.profile_id)
    for path, value in mutations:
        _apply(doc, path, value)
    raw = json.dumps(doc).encode()
    before = _dump(demo.store)
    try:
        parsed = parse_export(raw, catalog)
        row = import_profile(demo.store, parsed, rename="Imported copy")
    except TransferError as exc:
        assert "\n" not in str(exc)
        assert _dump(demo.store) == before
    else:
        again = export_profile(demo.store, row.id)
        count = sum(len(ph.deliverables) for plan in parsed.plans for ph in plan.phases)
        assert count == sum(
            len(ph["deliverables"]) for plan in again["plans"] for ph in plan["phases"]
        )
        assert len(again["snapshots"]) == len(parsed.snapshots)
        delete_profile(demo.store, row.id)
