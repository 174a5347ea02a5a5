"""Hostile imports: an export document with any field replaced by a hostile value is either
refused in one line with nothing changed, or imported, after which every read, report and
the calendar still work on it."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillpath.core.actions.demo import open_demo
from skillpath.core.actions.transfer import import_profile
from skillpath.core.catalog import Catalog
from skillpath.core.db import profiles
from skillpath.core.db.store import Store
from skillpath.core.errors import SkillpathError
from skillpath.core.exports import write_deadlines, write_report
from skillpath.core.progress import status_json
from skillpath.core.queries import progress
from skillpath.core.session import CLI, Session
from skillpath.core.transfer import export_profile, parse_export

pytestmark = pytest.mark.slow
TODAY = dt.date(2026, 11, 30)

HOSTILE: list[Any] = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x1b[31mred\x1b[0m",
    "<b>bold</b> & <script>alert(1)</script>",
    "שלום עולם مرحبا",
    "中文测试😀",
    "W" * 100_000,
    "javascript:alert(1)",
    "file:///etc/passwd",
    "9999-12-31",
    "1899-12-31",
    "2026-02-30",
    -1,
    0,
    10**30,
    1e308,
    -0.0,
    math.inf,
    True,
    None,
    [],
    {},
    {"evil": 1},
    [None, {"x": []}],
]


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in the document (dict keys and list indexes)."""
    out = [prefix] if prefix else []
    if isinstance(doc, dict):
        for key, value in doc.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc[:3]):  # the first few of each list are enough
            out += _paths(value, (*prefix, index))
    return out


def _replace(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(doc))
    here = copy
    for step in path[:-1]:
        here = here[step]
    here[path[-1]] = value
    return copy


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("source")
    with Store.open(folder, daily_backup=False) as store:
        s = Session(store, catalog, CLI, TODAY)
        pid = open_demo(s).profile_id
        assert pid is not None
        return export_profile(store, pid)


def _everything_works(s: Session, pid: int, out: Path) -> None:
    st_ = progress(s, pid)
    json.dumps(status_json(st_, "x"))
    write_report(s, pid, "summary", "pdf", "a4", out / "summary.pdf", True)
    write_report(s, pid, "summary", "md", "a4", out / "summary.md", True)
    write_report(s, pid, "progress", "pdf", "a4", out / "progress.pdf", True)
    write_deadlines(s, pid, out / "deadlines.ics", True)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_hostile_field_is_refused_or_harmless(
    data: st.DataObject,
    source: dict[str, Any],
    catalog: Catalog,
    tmp_path: Path,
) -> None:
    path = data.draw(st.sampled_from(_paths(source)))
    value = data.draw(st.sampled_from(HOSTILE))
    doc = _replace(source, path, value)
    raw = json.dumps(doc, ensure_ascii=False, allow_nan=True).encode("utf-8")
    folder = tmp_path / f"data-{abs(hash((path, repr(value))))}"
    with Store.open(folder, daily_backup=False) as store:
        s = Session(store, catalog, CLI, TODAY)
        before = profiles.list_profiles(store)
        try:
            parsed = parse_export(raw, catalog)
            changes = import_profile(s, parsed, rename="Imported")
        except SkillpathError as exc:
            assert "\n" not in str(exc)
            assert profiles.list_profiles(store) == before  # nothing changed
            return
        assert changes.profile_id is not None
        out = tmp_path / "out"
        out.mkdir(exist_ok=True)
        _everything_works(s, changes.profile_id, out)


def test_the_untouched_export_imports_and_works(
    source: dict[str, Any], catalog: Catalog, tmp_path: Path
) -> None:
    """The control: the document the fuzzing starts from is itself imported and usable."""
    with Store.open(tmp_path / "data", daily_backup=False) as store:
        s = Session(store, catalog, CLI, TODAY)
        doc = parse_export(json.dumps(source).encode("utf-8"), catalog)
        pid = import_profile(s, doc, rename="Copy").profile_id
        assert pid is not None
        _everything_works(s, pid, tmp_path)
        assert (tmp_path / "progress.pdf").stat().st_size > 10_000
