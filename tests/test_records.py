"""Records (core/models/record.py): plain data classes that the planner and the catalog cache
make without checking, and that data from outside (a file, a form, a stored row) reaches only
through pydantic's checks, with the same messages and the same JSON as before."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from skillpath.core.models import Phase, Plan, Profile, Resource, Role
from skillpath.core.models.catalog import Certification

if TYPE_CHECKING:
    from skillpath.core.catalog import Catalog

CV = Path(__file__).parent / "cv" / "files" / "03-ats-plain.txt"


def _demo_plan(catalog: Catalog) -> Plan:
    from skillpath.core.demo import DEMO_ROLE, demo_profile
    from skillpath.core.planner import PlanOptions, build_plan

    profile = demo_profile()
    role = catalog.role(DEMO_ROLE)
    return build_plan(profile, role, catalog, PlanOptions(start=dt.date(2026, 12, 1)))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"name": "   "}, "the name is empty"),
        ({"name": "x" * 201}, "at most 200 characters"),
        ({"hours_per_week": 100}, "less than or equal to 80"),
        ({"hours_per_week": float("nan")}, "finite number"),
        ({"skills": {"python": 7}}, "less than or equal to 5"),
        ({"skill_sources": {"python": "rumour"}}, "'self-rated', 'cv' or 'earned'"),
        ({"start_date": "2027-01-01", "target_date": "2026-01-01"}, "is before the start date"),
        ({"start_date": "2027-02-30"}, "date"),
        ({"favourite_colour": "blue"}, "Extra inputs are not permitted"),
    ],
)
def test_a_profile_from_outside_is_checked_and_refused_in_words(
    change: dict[str, Any], words: str
) -> None:
    from pydantic import ValidationError

    data = {"name": "Ada", "skills": {"python": 3}, **change}
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate(data)
    assert words in str(caught.value)
    with pytest.raises(ValidationError):
        Profile.model_validate_json(json.dumps(data))


def test_a_profile_from_outside_is_cleaned_and_typed() -> None:
    profile = Profile.model_validate(
        {"name": "  Ada Lovelace ", "hours_per_week": 6, "start_date": "2026-12-01"}
    )
    assert profile.name == "Ada Lovelace"
    assert profile.start_date == dt.date(2026, 12, 1)
    assert profile.model_dump_json().startswith('{"name":"Ada Lovelace","years_experience":0,')
    assert '"hours_per_week":6.0' in profile.model_dump_json()
    assert isinstance(profile, Profile)


def test_catalog_entries_keep_their_checks(catalog: Catalog) -> None:
    from pydantic import ValidationError

    resource = next(r for s in catalog.skills.values() for r in s.resources)
    data = resource.model_dump() | {"hours_basis": "provider", "hours_source": ""}
    with pytest.raises(ValidationError, match="needs hours_source"):
        Resource.model_validate(data)
    cert = next(iter(catalog.certifications.values()))
    data = cert.model_dump() | {"source_kind": "third-party", "source_note": " "}
    with pytest.raises(ValidationError, match="needs source_note"):
        Certification.model_validate(data)
    role = catalog.role("senior-ai-engineer")
    required = [r.model_dump() for r in role.required]
    with pytest.raises(ValidationError, match="is listed twice"):
        Role.model_validate(role.model_dump() | {"required": [*required[:-1], required[0]]})
    with pytest.raises(ValidationError, match="pattern"):
        Role.model_validate(role.model_dump() | {"id": "Not A Slug"})


def test_catalog_entries_cannot_be_changed_by_accident(catalog: Catalog) -> None:
    role = catalog.role("senior-ai-engineer")
    with pytest.raises(AttributeError):
        role.title = "Chief Everything Officer"  # type: ignore[misc]
    assert catalog.role("senior-ai-engineer").title == "Senior AI Engineer"
    assert hash(catalog.skills["python"].resources[0]) == hash(
        catalog.skills["python"].resources[0].model_copy()
    )


def test_a_plan_survives_its_json_whole(catalog: Catalog) -> None:
    plan = _demo_plan(catalog)
    again = Plan.model_validate_json(plan.model_dump_json())
    assert again == plan
    assert isinstance(again.phases[0], Phase)
    assert again.phases[0].deliverables[0].start == plan.phases[0].deliverables[0].start
    # and as the plain data the catalog cache keeps (checked before, not checked again)
    assert Plan.from_data(json.loads(plan.model_dump_json())) == plan


def test_made_records_own_their_values_and_keep_float_fields_floats(catalog: Catalog) -> None:
    plan = _demo_plan(catalog)
    phases = list(plan.phases)
    copy = plan.model_copy(update={"phases": phases, "hours_per_week": 8})
    made = Plan(**(copy.model_dump() | {"phases": phases, "hours_per_week": 8}))
    phases.clear()
    assert len(made.phases) == len(plan.phases)  # the record keeps its own list
    assert made.model_dump(mode="json")["hours_per_week"] == 8.0
    assert '"hours_per_week":8.0' in made.model_dump_json()
    with pytest.raises(TypeError, match="no field 'colour'"):
        plan.model_copy(update={"colour": "red"})
    with pytest.raises(TypeError, match="no field 'colour'"):
        Profile(name="Ada", colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="needs the field 'name'"):
        Profile()  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "command",
    [
        ["demo", "--json"],
        ["plan", "--cv", str(CV), "--role", "senior-ai-engineer", "--json"],
        ["cv", str(CV), "--json"],
    ],
)
def test_planning_commands_do_not_load_pydantic(command: list[str], tmp_path: Path) -> None:
    """What makes these commands fast: nothing they do checks outside data with pydantic (the
    catalog comes from its checked cache; the demo, once stored, is only looked up)."""
    code = (
        "import sys\n"
        "from skillpath.desktop.main import main\n"
        f"main({command!r})\n"
        "sys.stdout.flush()\n"
        "print('PYDANTIC' if 'pydantic' in sys.modules else 'NO-PYDANTIC', file=sys.stderr)\n"
    )
    env = dict(os.environ)
    env["SKILLPATH_DATA_DIR"] = str(tmp_path / "data")
    env["SKILLPATH_CACHE_DIR"] = str(tmp_path / "cache")
    # the first run fills the catalog cache (and stores the demo), as a first start does
    subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True)
    second = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert second.stderr.strip().splitlines()[-1] == "NO-PYDANTIC"
    assert json.loads(second.stdout)


def test_json_has_no_infinity(catalog: Catalog) -> None:
    """JSON has no infinity: a figure that is infinite (hours a week no plan can reach) is
    written as null, as pydantic wrote it, and the text stays valid JSON."""
    from skillpath.core.models import TargetOptions

    ways = TargetOptions(
        hours_per_week=float("inf"), finish_at_current_hours=dt.date(2030, 1, 1), scope=None
    )
    assert json.loads(ways.model_dump_json())["hours_per_week"] is None
    assert ways.model_dump(mode="json")["hours_per_week"] is None
    assert ways.model_dump()["hours_per_week"] == float("inf")
