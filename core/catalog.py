"""Load and check the read-only catalog: skills, resources, certifications, roles, market facts.

The catalog is a folder of human-editable TOML files. Loading validates every entry with
pydantic and every cross-reference; a broken file raises CatalogError naming the file, the
entry and the field.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from skillpath.core.errors import CatalogError
from skillpath.core.models import (
    Certification,
    Demand,
    Market,
    Outlook,
    ProjectTemplate,
    Resource,
    Role,
    Salary,
    Skill,
)
from skillpath.core.models.catalog import OnetGeneral, OnetTechnology
from skillpath.core.models.record import Record
from skillpath.core.paths import cache_dir, catalog_dir

if TYPE_CHECKING:
    from pydantic import ValidationError

M = TypeVar("M", bound=Record)

# Demand is derived from BLS projected employment growth. The thresholds are ours
# (BLS's own words for 2024-34 are relative to an all-occupation average of about 3%).
DEMAND_THRESHOLDS: tuple[tuple[float, Demand], ...] = (
    (15.0, "very high"),
    (8.0, "high"),
    (3.0, "moderate"),
    (0.0, "low"),
)


def demand_from_growth(growth_percent: float | None) -> Demand:
    """A demand word from a projected ten-year employment change in percent."""
    if growth_percent is None:
        return "not stated"
    for floor, word in DEMAND_THRESHOLDS:
        if growth_percent >= floor:
            return word
    return "declining"


@dataclass(frozen=True)
class Catalog:
    """The whole catalog, indexed by id. Dicts keep the files' order."""

    skills: dict[str, Skill]
    roles: dict[str, Role]
    certifications: dict[str, Certification]
    projects: list[ProjectTemplate]
    folder: Path
    sources: list[str] = field(default_factory=list)
    salaries: dict[str, Salary] = field(default_factory=dict)
    outlooks: dict[str, Outlook] = field(default_factory=dict)
    technologies: dict[str, OnetTechnology] = field(default_factory=dict)
    general_technologies: OnetGeneral | None = None
    order: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "order", {sid: i for i, sid in enumerate(self.skills)})

    def skill(self, skill_id: str) -> Skill:
        return self.skills[skill_id]

    def role(self, role_id: str) -> Role:
        """The role with this id, or a CatalogError listing close matches."""
        try:
            return self.roles[role_id]
        except KeyError:
            known = ", ".join(self.roles)
            raise CatalogError(f"unknown role '{role_id}'; known roles: {known}") from None

    def skill_name(self, skill_id: str) -> str:
        skill = self.skills.get(skill_id)
        return skill.name if skill else skill_id

    def order_of(self, skill_id: str) -> int:
        """Position of a skill in the catalog file; used for stable tie-breaking."""
        return self.order.get(skill_id, len(self.skills))


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only when the files are validated (a warm start reads the cache)

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise CatalogError(f"{path.name}: the catalog file is missing ({path})") from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{path.name}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path.name}: cannot be read: {exc}") from None


Reader = Callable[[Path], dict[str, Any]]


def _describe(err: ValidationError) -> str:
    errors = err.errors()
    # an unknown key is usually a typo of the missing one: name the typo first
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    where = ".".join(str(p) for p in first["loc"]) or "(entry)"
    if first["type"] == "extra_forbidden":
        return f"field '{where}': not a known field (a typo?)"
    return f"field '{where}': {first['msg']}"


def _entries(path: Path, data: Mapping[str, Any], key: str, model: type[M], label: str) -> list[M]:
    raw = data.get(key, [])
    if not isinstance(raw, list):
        raise CatalogError(f"{path.name}: '{key}' must be an array of tables ([[{key}]])")
    from pydantic import ValidationError  # validating the files (a warm start reads the cache)

    out: list[M] = []
    for index, item in enumerate(raw, start=1):
        name = item.get("id") or item.get("skill") or f"#{index}" if isinstance(item, dict) else ""
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            raise CatalogError(f"{path.name}: {label} '{name}': {_describe(exc)}") from None
    return out


def _unique(path: Path, label: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise CatalogError(f"{path.name}: {label} '{item}' is defined twice")
        seen.add(item)


def find_cycle(graph: Mapping[str, Iterable[str]]) -> list[str] | None:
    """A prerequisite cycle as a path of ids (first == last), or None."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    for root in graph:
        if state.get(root):
            continue
        stack: list[tuple[str, Iterable[str]]] = [(root, iter(graph.get(root, ())))]
        path = [root]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(iter(children), None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            if state.get(child) == 1:
                return [*path[path.index(child) :], child]
            if not state.get(child):
                state[child] = 1
                stack.append((child, iter(graph.get(child, ()))))
                path.append(child)
    return None


def with_market(
    role: Role, salaries: Mapping[str, Salary], outlooks: Mapping[str, Outlook]
) -> Role:
    """The role with its market facts joined in from the occupation it uses as a proxy."""
    outlook = outlooks.get(role.occupation)
    market = Market(
        demand=demand_from_growth(outlook.growth_percent if outlook else None),
        salary=salaries.get(role.occupation),
        outlook=outlook,
        proxy_note=role.proxy_note,
        growth_areas=role.growth_areas,
        growth_source=role.growth_source,
        growth_year=role.growth_year,
    )
    return role.model_copy(update={"market": market})


def _markets(folder: Path, read: Reader) -> tuple[dict[str, Salary], dict[str, Outlook]]:
    from pydantic import ValidationError

    salaries: dict[str, Salary] = {}
    outlooks: dict[str, Outlook] = {}
    market_path = folder / "market.toml"
    if market_path.exists():
        for code, row in read(market_path).get("occupation", {}).items():
            try:
                salaries[code] = Salary.model_validate(
                    dict(
                        occupation=code,
                        occupation_title=row["title"],
                        currency=row["currency"],
                        region=row["region"],
                        p10=row["annual_p10"],
                        p25=row["annual_p25"],
                        median=row["annual_median"],
                        p75=row["annual_p75"],
                        p90=row["annual_p90"],
                        topcoded=row.get("topcoded", []),
                        employment=row.get("employment"),
                        release=row["release"],
                        reference_period=row.get("reference_period", row["release"]),
                        published=row.get("published", ""),
                        published_basis=row.get("published_basis", ""),
                        source=row["source"],
                        source_url=row["source_url"],
                        year=row["year"],
                    )
                )
            except KeyError as exc:
                raise CatalogError(
                    f"market.toml: occupation '{code}': field '{exc.args[0]}' is missing"
                ) from None
            except ValidationError as exc:
                raise CatalogError(f"market.toml: occupation '{code}': {_describe(exc)}") from None
    outlook_path = folder / "outlook.toml"
    if outlook_path.exists():
        for code, row in read(outlook_path).get("occupation", {}).items():
            try:
                outlooks[code] = Outlook.model_validate(
                    dict(
                        occupation=code,
                        title=row["title"],
                        growth_percent=row["growth_percent"],
                        period=row["period"],
                        openings_per_year=row.get("openings_per_year"),
                        edition=row["period"],
                        edition_published=row.get("edition_published", ""),
                        edition_note=row.get("edition_note", ""),
                        source=row["source"],
                        source_url=row["source_url"],
                        year=row["year"],
                    )
                )
            except KeyError as exc:
                raise CatalogError(
                    f"outlook.toml: occupation '{code}': field '{exc.args[0]}' is missing"
                ) from None
            except ValidationError as exc:
                raise CatalogError(f"outlook.toml: occupation '{code}': {_describe(exc)}") from None
    return salaries, outlooks


def _technologies(
    folder: Path, read: Reader
) -> tuple[dict[str, OnetTechnology], OnetGeneral | None]:
    """The O*NET technology flags per occupation, and O*NET's cross-occupation list."""
    from pydantic import ValidationError

    path = folder / "technology.toml"
    if not path.exists():
        return {}, None
    data = read(path)
    out: dict[str, OnetTechnology] = {}
    for code, row in data.get("occupation", {}).items():
        try:
            out[code] = OnetTechnology.model_validate({"code": code, **row})
        except (ValidationError, TypeError) as exc:
            detail = _describe(exc) if isinstance(exc, ValidationError) else "not a table"
            raise CatalogError(f"technology.toml: occupation '{code}': {detail}") from None
    general = None
    if "general" in data:
        try:
            general = OnetGeneral.model_validate(data["general"])
        except ValidationError as exc:
            raise CatalogError(f"technology.toml: [general]: {_describe(exc)}") from None
    return out, general


def registrable_domain(url: str) -> str:
    """The last two labels of a URL's host: 'aws.amazon.com' -> 'amazon.com'."""
    host = (urlsplit(url).hostname or "").lower()
    return ".".join(host.split(".")[-2:])


def check_certification(cert: Certification, where: str) -> None:
    """A source marked as the vendor's must be on the vendor's domain (that of `url`), and one
    marked third-party must not be: the mark is what the report tells the person."""
    on_vendor = registrable_domain(cert.source) == registrable_domain(cert.url)
    if cert.source_kind == "vendor" and not on_vendor:
        raise CatalogError(
            f"{where}: certification '{cert.id}': field 'source': marked as the vendor's page "
            f"but not on the vendor's domain ({registrable_domain(cert.url)}); "
            'mark it source_kind = "third-party" and say what it gives in source_note'
        )
    if cert.source_kind == "third-party" and on_vendor:
        raise CatalogError(
            f"{where}: certification '{cert.id}': field 'source_kind': the source is the "
            "vendor's own page, so it is not third-party"
        )


def _load_family(
    folder: Path,
    stem: str,
    key: str,
    model: type[M],
    label: str,
    read: Reader,
    required: bool = True,
) -> list[tuple[str, M]]:
    """Entries of `stem.toml` and any `stem-*.toml` beside it, each with its file's name.

    Splitting a large list over several files (say, by domain) keeps them editable.
    """
    paths = [folder / f"{stem}.toml", *sorted(folder.glob(f"{stem}-*.toml"))]
    if not required and not paths[0].exists():
        paths = paths[1:]
    out: list[tuple[str, M]] = []
    seen: dict[str, str] = {}
    for path in paths:
        for entry in _entries(path, read(path), key, model, label):
            entry_id = str(getattr(entry, "id", ""))
            if entry_id in seen:
                raise CatalogError(
                    f"{path.name}: {label} '{entry_id}' is defined twice (also in {seen[entry_id]})"
                )
            seen[entry_id] = path.name
            out.append((path.name, entry))
    return out


def check_role(
    role: Role,
    skill_ids: set[str] | dict[str, Skill],
    cert_ids: set[str] | dict[str, Certification],
    where: str,
) -> None:
    """Raise CatalogError if the role names a skill or certification that does not exist."""
    for index, req in enumerate(role.required):
        if req.skill not in skill_ids:
            raise CatalogError(
                f"{where}: role '{role.id}': field 'required.{index}.skill': "
                f"unknown skill '{req.skill}'"
            )
    for cid in role.certifications:
        if cid not in cert_ids:
            raise CatalogError(
                f"{where}: role '{role.id}': field 'certifications': unknown certification '{cid}'"
            )


def load_catalog(folder: Path | None = None, cache_dir: Path | None = None) -> Catalog:
    """Read, validate and cross-check the catalog in `folder` (default: the shipped one).

    Args:
        folder: the catalog's folder.
        cache_dir: where to keep the validated catalog between runs (core/catalog_cache.py):
            while no catalog file changes, it is read back instead of parsed and validated.

    Raises:
        CatalogError: naming the file, the entry and the field at fault.
    """
    folder = folder or catalog_dir()
    if not folder.is_dir():
        raise CatalogError(f"the catalog folder is missing: {folder}")
    if cache_dir is None:
        return _validated(folder)
    from skillpath.core import catalog_cache

    key = catalog_cache.digest(folder)
    body = catalog_cache.read(folder, cache_dir, key)
    if body is not None:
        try:
            return _from_body(folder, body)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a cache not as written: validate the files again
    catalog = _validated(folder)
    catalog_cache.write(folder, cache_dir, key, _to_body(catalog))
    return catalog


def _to_body(catalog: Catalog) -> dict[str, Any]:
    """The validated catalog as plain data, for the cache."""

    def dump(model: Record) -> Any:
        return model.model_dump(mode="json")

    return {
        "skills": [dump(s) for s in catalog.skills.values()],
        "roles": [dump(r) for r in catalog.roles.values()],
        "certifications": [dump(c) for c in catalog.certifications.values()],
        "projects": [dump(p) for p in catalog.projects],
        "sources": list(catalog.sources),
        "salaries": {k: dump(v) for k, v in catalog.salaries.items()},
        "outlooks": {k: dump(v) for k, v in catalog.outlooks.items()},
        "technologies": {k: dump(v) for k, v in catalog.technologies.items()},
        "general": dump(catalog.general_technologies) if catalog.general_technologies else None,
    }


def _from_body(folder: Path, body: dict[str, Any]) -> Catalog:
    """The catalog from its cached, validated data (no validation again)."""
    skills = [Skill.from_data(s) for s in body["skills"]]
    roles = [Role.from_data(r) for r in body["roles"]]
    certs = [Certification.from_data(c) for c in body["certifications"]]
    general = body.get("general")
    return Catalog(
        skills={s.id: s for s in skills},
        roles={r.id: r for r in roles},
        certifications={c.id: c for c in certs},
        projects=[ProjectTemplate.from_data(p) for p in body["projects"]],
        folder=folder,
        sources=list(body["sources"]),
        salaries={k: Salary.from_data(v) for k, v in body["salaries"].items()},
        outlooks={k: Outlook.from_data(v) for k, v in body["outlooks"].items()},
        technologies={k: OnetTechnology.from_data(v) for k, v in body["technologies"].items()},
        general_technologies=OnetGeneral.from_data(general) if general else None,
    )


def _validated(folder: Path) -> Catalog:
    """Parse, validate and cross-check every file of the catalog in `folder`."""
    read: Reader = _read_toml
    skill_rows = _load_family(folder, "skills", "skill", Skill, "skill", read)
    skill_list = [s for _, s in skill_rows]
    skill_ids = {s.id for s in skill_list}
    for where, skill in skill_rows:
        for pre in skill.prerequisites:
            if pre not in skill_ids:
                raise CatalogError(
                    f"{where}: skill '{skill.id}': field 'prerequisites': unknown skill '{pre}'"
                )
            if pre == skill.id:
                raise CatalogError(
                    f"{where}: skill '{skill.id}': field 'prerequisites': lists itself"
                )
    cycle = find_cycle({s.id: s.prerequisites for s in skill_list})
    if cycle:
        raise CatalogError("skills: prerequisites form a cycle: " + " -> ".join(cycle))

    resources: dict[str, list[Resource]] = {s.id: [] for s in skill_list}
    learning = folder / "learning"
    for path in sorted(learning.glob("*.toml")) if learning.is_dir() else []:
        for res in _entries(path, read(path), "resource", Resource, "resource for"):
            if res.skill not in skill_ids:
                raise CatalogError(
                    f"{path.name}: resource '{res.title}': field 'skill': "
                    f"unknown skill '{res.skill}'"
                )
            resources[res.skill].append(res)

    cert_rows = _load_family(
        folder,
        "certifications",
        "certification",
        Certification,
        "certification",
        read,
        required=False,
    )
    covered_by: dict[str, list[str]] = {s.id: [] for s in skill_list}
    for where, cert in cert_rows:
        check_certification(cert, where)
        for sid in cert.skills:
            if sid not in skill_ids:
                raise CatalogError(
                    f"{where}: certification '{cert.id}': field 'skills': unknown skill '{sid}'"
                )
            covered_by[sid].append(cert.id)
    certs = {c.id: c for _, c in cert_rows}

    skills = {
        s.id: s.model_copy(
            update={"resources": resources[s.id], "certifications": covered_by[s.id]}
        )
        for s in skill_list
    }

    salaries, outlooks = _markets(folder, read)
    technologies, general = _technologies(folder, read)
    roles: dict[str, Role] = {}
    for where, role in _load_family(folder, "roles", "role", Role, "role", read):
        check_role(role, skill_ids, certs, where)
        if technologies and role.onet_code and role.onet_code not in technologies:
            raise CatalogError(
                f"{where}: role '{role.id}': field 'onet_code': no O*NET technology table "
                f"for '{role.onet_code}' in technology.toml"
            )
        roles[role.id] = with_market(role, salaries, outlooks)

    projects_path = folder / "projects.toml"
    project_list = _entries(
        projects_path, read(projects_path), "project", ProjectTemplate, "project"
    )
    project_categories = {p.category for p in project_list}
    for project in project_list:
        for sid in project.skills:
            if sid not in skill_ids:
                raise CatalogError(
                    f"projects.toml: project '{project.title}': field 'skills': "
                    f"unknown skill '{sid}'"
                )
    for skill in skill_list:
        if skill.category not in project_categories:
            raise CatalogError(
                f"projects.toml: no project for category '{skill.category}' "
                f"(used by skill '{skill.id}')"
            )

    sources = sorted({s.source for s in salaries.values()} | {o.source for o in outlooks.values()})
    return Catalog(
        skills=skills,
        roles=roles,
        certifications=certs,
        projects=project_list,
        folder=folder,
        sources=sources,
        salaries=salaries,
        outlooks=outlooks,
        technologies=technologies,
        general_technologies=general,
    )


_shipped_lock = threading.Lock()


def shipped_catalog() -> Catalog:
    """The shipped catalog, loaded once per process (parsed TOML cached between runs).

    Safe to call from two threads at once (the app's worker loads it while the window
    paints; a screen may ask for it meanwhile): the second waits for the first's load.
    """
    with _shipped_lock:
        return _shipped()


@cache
def _shipped() -> Catalog:
    return load_catalog(cache_dir=cache_dir())
