"""Own roles: defined or copied by the person, kept in the data file, shared as role files."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillpath.core import queries
from skillpath.core.actions import history, planning, tracking
from skillpath.core.actions.roles import delete_own_role, import_role_file
from skillpath.core.actions.roles import save_own_role as save_action
from skillpath.core.catalog import Catalog
from skillpath.core.cli import main
from skillpath.core.db.store import SCHEMA_VERSION, Store, db_path, list_backups
from skillpath.core.errors import CatalogError, InputError
from skillpath.core.models import Profile, RequiredSkill, Role
from skillpath.core.own_roles import (
    MAX_FILE_BYTES,
    OwnRole,
    catalog_with_own,
    copy_role,
    own_id,
    parse_role_file,
    read_role_file,
    role_file_text,
    stored_own_roles,
)
from skillpath.core.planner import PlanOptions, build_plan
from skillpath.core.session import Session

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "db"
START = dt.date(2026, 3, 2)


def _small_copy(catalog: Catalog, title: str = "My AI Engineer", n: int = 4):  # type: ignore[no-untyped-def]
    draft = copy_role(catalog, "senior-ai-engineer", title)
    return draft.model_copy(update={"required": draft.required[:n]})


def save_own_role(s: Session, role: Role, *, replace: bool = True) -> Role:
    return save_action(s, role, replace=replace)[1]


def _one_line_error(exc: pytest.ExceptionInfo[BaseException], limit: int = 400) -> str:
    text = str(exc.value)
    assert "\n" not in text and "\r" not in text and len(text) < limit, text
    assert "Traceback" not in text
    return text


# ------------------------------------------------------------------ copy and ids


def test_a_copy_keeps_the_facts_and_says_where_it_came_from(catalog: Catalog) -> None:
    source = catalog.role("senior-ai-engineer")
    copy = copy_role(catalog, source.id, "  Applied AI Engineer (RAG)  ")
    assert copy.id == "own-applied-ai-engineer-rag"
    assert copy.title == "Applied AI Engineer (RAG)"
    assert copy.summary.startswith("Copied from Senior AI Engineer.")
    assert copy.proxy_note == source.proxy_note
    assert copy.popularity == source.popularity
    assert copy.growth_areas == source.growth_areas
    assert copy.required == source.required
    assert copy.market is not None and copy.market.salary == source.market.salary  # type: ignore[union-attr]


def test_copy_ids_never_collide(catalog: Catalog) -> None:
    assert own_id("Ünïcode Rôle!") == "own-unicode-role"
    assert own_id("数据") == "own-role"
    assert own_id("Data", taken={"own-data", "own-data-2"}) == "own-data-3"
    assert len(own_id("x" * 300, taken={own_id("x" * 300)})) <= 80
    copy = copy_role(catalog, "data-analyst", "Data", taken={"own-data"})
    assert copy.id == "own-data-2"
    with pytest.raises(InputError, match="empty"):
        copy_role(catalog, "data-analyst", "   ")


def test_an_own_role_can_never_shadow_a_catalog_role(catalog: Catalog, store: Store) -> None:
    assert not [r for r in catalog.roles if r.startswith("own-")]
    plain = catalog.role("data-analyst")
    with pytest.raises(CatalogError, match="starts with 'own-'") as err:
        save_own_role(Session(store, catalog), plain)
    _one_line_error(err)
    # a shared file of a catalog role imports as an own role beside it
    imported = parse_role_file(role_file_text(plain), catalog)
    assert imported.id == "own-data-analyst"
    assert "data-analyst" in catalog_with_own(catalog, [imported]).roles
    fake = OwnRole.model_validate(imported.model_dump(exclude={"market"}))
    forged = fake.model_copy(update={"id": "data-analyst"})  # only a bug could do this
    with pytest.raises(CatalogError, match="id of a catalog role"):
        catalog_with_own(catalog, [forged])


# ------------------------------------------------------------------ stored roles


def test_save_list_replace_and_delete(catalog: Catalog, store: Store) -> None:
    s = Session(store, catalog)
    changes, role = save_action(s, _small_copy(catalog))
    assert changes.roles and changes.message == "Saved your role My AI Engineer"
    assert role.market is not None and role.market.salary is not None  # occupation 15-1252
    listed = stored_own_roles(store, catalog)
    assert [r.id for r in listed] == ["own-my-ai-engineer"]
    assert listed[0].required == role.required
    assert s.full_catalog().role(role.id).required == role.required
    changed = role.model_copy(update={"required": role.required[:1], "title": "Changed"})
    with pytest.raises(InputError, match="exists already"):
        save_own_role(s, changed, replace=False)
    save_own_role(s, changed)
    (again,) = stored_own_roles(store, catalog)
    assert again.title == "Changed" and len(again.required) == 1
    assert s.full_catalog().role(again.id).title == "Changed"  # the session sees the change
    assert save_action(s, changed)[0].message == "Nothing changed"
    assert delete_own_role(s, again.id).message == f"Deleted your role {again.id}"
    assert stored_own_roles(store, catalog) == []
    assert again.id not in s.full_catalog().roles
    with pytest.raises(CatalogError, match="no own role"):
        delete_own_role(s, again.id)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"required": []}, "field 'required'"),
        ({"required": [RequiredSkill(skill="python", level=3, priority="critical")] * 2}, "twice"),
        (
            {"required": [RequiredSkill(skill="basket-weaving", level=3, priority="critical")]},
            "unknown skill 'basket-weaving'",
        ),
        ({"certifications": ["no-such-cert"]}, "unknown certification 'no-such-cert'"),
        ({"title": "   "}, "field 'title'"),
        ({"occupation": "fifteen"}, "field 'occupation'"),
    ],
)
def test_a_role_that_breaks_a_rule_is_refused_in_one_line(
    catalog: Catalog, store: Store, change: dict[str, object], expected: str
) -> None:
    bad = _small_copy(catalog).model_copy(update=change)  # model_copy does not validate
    with pytest.raises(CatalogError) as err:
        save_own_role(Session(store, catalog), bad)
    assert expected in _one_line_error(err)
    assert stored_own_roles(store, catalog) == []


def test_more_than_25_skills_is_refused(catalog: Catalog, store: Store) -> None:
    required = [
        RequiredSkill(skill=sid, level=2, priority="important") for sid in list(catalog.skills)[:26]
    ]
    with pytest.raises(CatalogError, match="field 'required'"):
        save_own_role(
            Session(store, catalog), _small_copy(catalog).model_copy(update={"required": required})
        )


def test_a_stored_role_the_catalog_no_longer_supports_is_left_out_not_fatal(
    catalog: Catalog, store: Store
) -> None:
    s = Session(store, catalog)
    save_own_role(s, _small_copy(catalog, "Good"))
    broken = save_own_role(s, _small_copy(catalog, "Broken"))
    data = broken.model_dump_json(exclude={"market"}).replace('"python"', '"gone-skill"')
    store.conn.execute("UPDATE own_roles SET data = ? WHERE id = ?", [data, broken.id])
    problems: list[str] = []
    assert [r.id for r in stored_own_roles(store, catalog, problems)] == ["own-good"]
    assert len(problems) == 1 and "gone-skill" in problems[0]
    fresh = Session(store, catalog)
    assert "own-good" in fresh.full_catalog().roles
    assert broken.id not in fresh.full_catalog().roles
    assert len(fresh.role_problems) == 1 and "gone-skill" in fresh.role_problems[0]
    delete_own_role(s, broken.id)  # still removable


# ------------------------------------------------------------------ plans


def test_copy_change_save_plan_track_and_report(catalog: Catalog, store: Store) -> None:
    from skillpath.core.exports import write_report

    s = Session(store, catalog, day=START)
    role = save_own_role(s, _small_copy(catalog, n=3))
    full = s.full_catalog()
    person = Profile(name="Ada", skills={"python": 2})
    plan = build_plan(person, full.role(role.id), full, PlanOptions(start=START))
    assert plan.role.id == role.id and plan.phases and plan.total_hours > 0
    pid = planning.create_profile(s, person, plan).profile_id
    assert pid is not None
    s.day = START + dt.timedelta(days=14)
    first = plan.phases[0].deliverables[0].id
    tracking.tick(s, pid, first, on=START + dt.timedelta(days=7))
    st = queries.progress(s, pid)
    assert st.plan.role_title == "My AI Engineer" and st.overall.done == 1
    # readiness measured on the own role
    assert queries.snapshots(s, pid)[0].role_id == role.id
    out = store.folder / "summary.md"
    write_report(s, pid, "summary", "md", "a4", out, force=False)
    assert "My AI Engineer" in out.read_text(encoding="utf-8")


def test_deleting_an_own_role_leaves_its_plan_usable(catalog: Catalog, store: Store) -> None:
    from skillpath.core.exports import write_deadlines, write_report

    s = Session(store, catalog, day=START)
    role = save_own_role(s, _small_copy(catalog, n=3))
    full = s.full_catalog()
    person = Profile(name="Ada", skills={"python": 2})
    plan = build_plan(person, full.role(role.id), full, PlanOptions(start=START))
    pid = planning.create_profile(s, person, plan).profile_id
    assert pid is not None
    deleted = delete_own_role(s, role.id)
    assert deleted.message.endswith("; one plan made for it keeps its deliverables")

    assert role.id not in s.full_catalog().roles
    today = START + dt.timedelta(days=10)
    s.day = today
    tracking.tick(s, pid, plan.phases[0].deliverables[0].id, on=today)
    tracking.log_hours(s, pid, plan.phases[0].deliverables[1].id, 2, on=today)
    # no role to measure against: no snapshot, no error
    snaps = len(queries.snapshots(s, pid))
    planning.update_profile(s, pid, {}, {"python": 3})
    assert len(queries.snapshots(s, pid)) == snaps
    history.undo_last(s, pid)
    assert queries.details(s, pid, plan.phases[0].deliverables[1].id).logs  # still logged
    st = queries.progress(s, pid)
    assert st.plan.role_title == "My AI Engineer" and st.overall.done == 1
    folder = store.folder
    write_report(s, pid, "progress", "pdf", "a4", folder / "p.pdf", False)
    assert (folder / "p.pdf").read_bytes().startswith(b"%PDF")
    written, due, _ = write_deadlines(s, pid, folder / "d.ics", False)
    assert due == st.overall.total - 1 and written.exists()
    with pytest.raises(CatalogError) as err:  # the summary needs the role: a plain error
        write_report(s, pid, "summary", "md", "a4", folder / "s.md", False)
    assert role.id in _one_line_error(err, limit=2000)  # it lists the known roles


# ------------------------------------------------------------------ role files


def test_a_role_file_round_trips(catalog: Catalog) -> None:
    role = copy_role(catalog, "senior-ai-engineer", 'Quote " back\\slash\ttab')
    role = role.model_copy(
        update={
            "summary": 'Line one\nline two "quoted" \\ \x01 \x7f é 🚀',
            "required": role.required[:2],
        }
    )
    text = role_file_text(role)
    assert text.splitlines().count("[[role]]") == 1 and "[role.popularity]" in text
    back = parse_role_file(text, catalog)
    assert back.model_dump() == role.model_dump()


def test_every_catalog_role_round_trips_through_a_file(catalog: Catalog) -> None:
    for role in catalog.roles.values():
        back = parse_role_file(role_file_text(role), catalog)
        assert back.id == f"own-{role.id}"
        assert back.model_dump(exclude={"id"}) == role.model_dump(exclude={"id"})


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=80))
def test_any_text_round_trips(catalog: Catalog, text: str) -> None:
    base = _small_copy(catalog, n=1)
    role = base.model_copy(update={"proxy_note": text, "growth_areas": [text, "x"]})
    back = parse_role_file(role_file_text(role), catalog)
    assert back.proxy_note == text and back.growth_areas == [text, "x"]


HOSTILE = [
    ("", "no [[role]]"),
    ("this is = not toml [", "not valid TOML"),
    ('title = "x"', "not part of a role file"),
    ("[[role]]\n[[role]]\n", "holds 2 roles"),
    ("role = 3", "no [[role]]"),
    ("role = [1]", "must be a table"),
    ('[[role]]\nid = "own-x"\n', "field 'title'"),
    ("a = " + "[" * 5000 + "]" * 5000, "TOML"),
    ('[[role]]\n"bad\\nkey" = 1\n', "not a known field"),
    ("x" * (MAX_FILE_BYTES + 1), "too large"),
]


@pytest.mark.parametrize(("text", "expected"), HOSTILE)
def test_a_malformed_role_file_is_one_line_error(
    catalog: Catalog, text: str, expected: str
) -> None:
    with pytest.raises(CatalogError) as err:
        parse_role_file(text, catalog, where="evil.toml")
    line = _one_line_error(err)
    assert line.startswith("evil.toml: ") and expected in line


def test_a_role_file_naming_an_unknown_skill_says_which(catalog: Catalog) -> None:
    text = role_file_text(_small_copy(catalog, n=2)).replace('"python"', '"cobol-9000"')
    with pytest.raises(CatalogError) as err:
        parse_role_file(text, catalog, where="r.toml")
    assert "unknown skill 'cobol-9000'" in _one_line_error(err)


def test_importing_a_role_file_stores_it_and_asks_before_replacing(
    catalog: Catalog, store: Store, tmp_path: Path
) -> None:
    s = Session(store, catalog)
    path = tmp_path / "role.toml"
    path.write_text(role_file_text(_small_copy(catalog, "Shared Role")), encoding="utf-8")
    changes, role = import_role_file(s, path)
    assert changes.roles and changes.message == "Imported the role Shared Role as own-shared-role"
    assert s.full_catalog().role("own-shared-role").title == "Shared Role"
    with pytest.raises(InputError, match="exists already"):
        import_role_file(s, path)
    path.write_text(role_file_text(role.model_copy(update={"title": "Renamed"})), encoding="utf-8")
    import_role_file(s, path, replace=True)
    assert s.full_catalog().role("own-shared-role").title == "Renamed"
    assert history.undo_last(s).message == "Undid: changed your role Renamed"
    assert s.full_catalog().role("own-shared-role").title == "Shared Role"


def test_files_that_are_not_role_files(catalog: Catalog, tmp_path: Path) -> None:
    cases = {
        "missing.toml": None,
        "binary.toml": b"\x00\x01\x02PK\x03\x04",
        "latin1.toml": 'title = "café"'.encode("latin-1"),
        "huge.toml": b"#" * (MAX_FILE_BYTES + 10),
    }
    for name, data in cases.items():
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        with pytest.raises(CatalogError) as err:
            read_role_file(path, catalog)
        _one_line_error(err)
    with pytest.raises(CatalogError, match="folder"):
        read_role_file(tmp_path, catalog)
    good = tmp_path / "good.toml"
    good.write_bytes(b"\xef\xbb\xbf" + role_file_text(_small_copy(catalog)).encode())  # a BOM
    assert read_role_file(good, catalog).id == "own-my-ai-engineer"


# ------------------------------------------------------------------ schema


def test_schema_v1_upgrades_to_own_roles_with_every_row_kept(
    data_dir: Path, catalog: Catalog
) -> None:
    data_dir.mkdir()
    shutil.copy(FIXTURES / "schema-v1.sqlite", db_path(data_dir))
    conn = sqlite3.connect(f"file:{FIXTURES / 'schema-v1.sqlite'}?mode=ro&immutable=1", uri=True)
    before = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("profiles", "plans", "deliverables", "notes", "oplog")
    }
    conn.close()
    with Store.open(data_dir, daily_backup=False) as s:
        assert s.schema_version == SCHEMA_VERSION >= 2
        assert any("before-schema" in p.name for p in list_backups(data_dir))
        after = {t: s.read(f"SELECT count(*) FROM {t}")[0][0] for t in before}
        assert after == before
        assert stored_own_roles(s, catalog) == []
        save_own_role(Session(s, catalog), _small_copy(catalog))
        assert s.check().ok


def test_a_backup_from_before_own_roles_can_still_be_restored(
    data_dir: Path, catalog: Catalog
) -> None:
    from skillpath.core.db.restore import restore
    from skillpath.core.db.store import check_file

    old = FIXTURES / "schema-v1.sqlite"
    assert check_file(old).ok  # schema 1 has no own_roles table, and needs none
    with Store.open(data_dir, daily_backup=False) as s:
        save_own_role(Session(s, catalog), _small_copy(catalog))
    kept = restore(data_dir, old)
    assert kept is not None
    with Store.open(data_dir, daily_backup=False) as s:
        assert s.schema_version == SCHEMA_VERSION and stored_own_roles(s, catalog) == []


def test_schema_v2_fixture_keeps_its_own_role_plan(data_dir: Path, catalog: Catalog) -> None:
    data_dir.mkdir()
    shutil.copy(FIXTURES / "schema-v2.sqlite", db_path(data_dir))
    with Store.open(data_dir, daily_backup=False) as s:
        (own,) = stored_own_roles(s, catalog)
        assert own.id == "own-data-analyst-finance" and len(own.required) == 5
        session = Session(s, catalog)
        zoe = session.find_profile("Zoe Own-Role").id
        assert queries.progress(session, zoe).plan.role_id == own.id


# ------------------------------------------------------------------ command line


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_role_verbs_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    code, out, _ = _run(capsys, "role", "copy", "data-analyst", "--title", "Finance Analyst")
    assert code == 0 and "own-finance-analyst" in out
    code, out, _ = _run(capsys, "role", "copy", "data-analyst", "--title", "Finance Analyst")
    assert code == 0 and "own-finance-analyst-2" in out
    code, out, _ = _run(capsys, "role", "list")
    assert "Own roles" in out and "own-finance-analyst-2" in out and "senior-ai-engineer" in out
    code, out, _ = _run(capsys, "role", "show", "own-finance-analyst")
    assert code == 0 and "Finance Analyst" in out and "own role" in out

    path = tmp_path / "role.toml"
    assert _run(capsys, "role", "export", "own-finance-analyst", "--out", str(path))[0] == 0
    code, _, err = _run(capsys, "role", "export", "own-finance-analyst", "--out", str(path))
    assert code == 2 and "--force" in err
    text = path.read_text(encoding="utf-8").replace('title = "Finance Analyst"', 'title = "FA"')
    path.write_text(text, encoding="utf-8")
    code, _, err = _run(capsys, "role", "import", str(path))
    assert code == 2 and "--replace" in err and err.count("\n") == 1
    assert _run(capsys, "role", "import", str(path), "--replace")[0] == 0
    code, out, _ = _run(capsys, "role", "show", "own-finance-analyst", "--json")
    assert '"title": "FA"' in out and '"own": true' in out

    code, out, _ = _run(capsys, "profile", "create", "Bea", "--role", "own-finance-analyst")
    assert code == 0 and "plan for FA" in out
    code, out, _ = _run(capsys, "role", "delete", "own-finance-analyst")
    assert code == 0 and "One plan made for it keeps its deliverables" in out
    code, out, _ = _run(capsys, "status", "--profile", "Bea")
    assert code == 0 and "Bea -> FA" in out

    bad = tmp_path / "bad.toml"
    bad.write_text("[[role]]\nid = 'own-x'\n", encoding="utf-8")
    for argv in (
        ("role", "import", str(bad)),
        ("role", "delete", "senior-ai-engineer"),
        ("role", "delete", "own-nothing"),
        ("role", "show", "own-nothing"),
        ("role",),
    ):
        code, _, err = _run(capsys, *argv)
        assert code == 2 and err.startswith("skillpath: error: ") and err.count("\n") == 1, argv
