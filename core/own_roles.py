"""Own roles: target roles a person defines or copies, kept in their data file, not the catalog.

An own role is a `Role` whose id starts with "own-", so it can never shadow a catalog role.
It may require 1 to 25 skills (a catalog role 12 to 25). Own roles are stored per data file
in the `own_roles` table, one JSON document per role; market facts are not stored but
joined in from the occupation code on every read, like the catalog's. A role file is TOML
with one [[role]] table in the format of resources/catalog/roles.toml, so a role can be
shared, edited by hand, or moved into the catalog as it is.

Plans keep their role's id and title, so a plan outlives the own role it was made for.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from skillpath.core.catalog import Catalog, _describe, check_role, with_market
from skillpath.core.db.profiles import own_role_rows
from skillpath.core.db.store import Store
from skillpath.core.errors import CatalogError, InputError
from skillpath.core.fileio import read_limited
from skillpath.core.models import RequiredSkill, Role
from skillpath.core.models.record import check_field, field

OWN_PREFIX = "own-"
MAX_ID = 80  # the Slug limit of models.py
MAX_TITLE = 200
MAX_FILE_BYTES = 64 * 1024  # a role of 25 skills is about 4 KB
MAX_MESSAGE = 300
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_HEADER = (
    "# A Skillpath role: one [[role]] table in the format of the catalog's roles.toml.\n"
    "# Import it in the app or with `skillpath role import FILE`. Levels are 1-5\n"
    "# (1 awareness, 2 working, 3 independent, 4 advanced, 5 expert); priority is\n"
    "# critical, important or nice-to-have. Market facts come from the occupation code.\n"
)


class OwnRole(Role, frozen=True):
    """A role of the person's own: an "own-" id and 1-25 required skills."""

    title: str = field(min_length=1, max_length=MAX_TITLE)
    required: list[RequiredSkill] = field(min_length=1, max_length=25)

    @check_field("id")
    def _own_id(value: str) -> str:
        if not value.startswith(OWN_PREFIX):
            raise ValueError(f"an own role's id starts with '{OWN_PREFIX}'")
        return value

    @check_field("title", "summary")
    def _not_blank(value: str) -> str:
        if not value.strip():
            raise ValueError("is empty")
        return value.strip()


# ------------------------------------------------------------------ ids and validation


def _one_line(text: str) -> str:
    """A message safe to show on one line, whatever a hostile file put into it."""
    flat = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return flat if len(flat) <= MAX_MESSAGE else flat[: MAX_MESSAGE - 3] + "..."


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: "Data Engineer (Rust)" -> "data-engineer-rust"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def own_id(title: str, taken: Collection[str] = ()) -> str:
    """An own role id for a title: own-<slug>, with -2, -3... when the id is taken."""
    base = slug(title) or "role"
    n = 1
    while True:
        suffix = f"-{n}" if n > 1 else ""
        room = MAX_ID - len(OWN_PREFIX) - len(suffix)
        candidate = OWN_PREFIX + base[:room].strip("-") + suffix
        if candidate not in taken:
            return candidate
        n += 1


def _validated(data: Mapping[str, Any], where: str) -> OwnRole:
    from pydantic import ValidationError

    try:
        return OwnRole.model_validate(data)
    except ValidationError as exc:
        raw_id = data.get("id")
        name = f"role '{raw_id}'" if isinstance(raw_id, str) and _SLUG.match(raw_id) else "role"
        raise CatalogError(_one_line(f"{where}: {name}: {_describe(exc)}")) from None


def _checked(data: Mapping[str, Any], catalog: Catalog, where: str) -> Role:
    """A role definition validated by the own-role rules and the catalog, with its market."""
    own = _validated(data, where)
    check_role(own, catalog.skills, catalog.certifications, where)
    return with_market(own, catalog.salaries, catalog.outlooks)


def _definition(role: Role) -> dict[str, Any]:
    """What defines a role: everything but the market facts, which are joined in on reading."""
    return role.model_dump(mode="json", exclude={"market"})


# ------------------------------------------------------------------ stored roles


def stored_own_roles(
    store: Store, catalog: Catalog, problems: list[str] | None = None
) -> list[Role]:
    """The own roles in the data file, by title, each checked and with its market facts.

    A stored role the catalog no longer supports (say, it names a skill a newer catalog
    dropped) is left out and described in `problems`, so that the others stay usable; it
    can still be deleted.
    """
    from pydantic import ValidationError

    out: list[Role] = []
    for row_id, data in own_role_rows(store):
        where = f"own role '{row_id}'"
        try:
            role = OwnRole.model_validate_json(data)
            out.append(_checked(_definition(role), catalog, "own roles"))
        except ValidationError as exc:
            if problems is not None:
                problems.append(_one_line(f"{where}: {_describe(exc)}"))
        except CatalogError as exc:
            if problems is not None:
                problems.append(str(exc))
    out.sort(key=lambda r: (r.title.casefold(), r.id))
    return out


def checked_own_role(role: Role, catalog: Catalog) -> Role:
    """An own role validated again (model_copy(update=...) skips validation), with its market.

    Raises:
        CatalogError: the role breaks a rule; one line naming the field.
    """
    return _checked(_definition(role), catalog, "own role")


def stored_form(role: Role) -> str:
    """The JSON kept in the data file for an own role (its market facts are joined on read)."""
    return role.model_dump_json(exclude={"market"})


def catalog_with_own(catalog: Catalog, own_roles: Iterable[Role]) -> Catalog:
    """The catalog with own roles added after its own, for analysis, plans and reports.

    Raises:
        CatalogError: an own role has the id of a catalog role.
    """
    roles = dict(catalog.roles)
    for role in own_roles:
        existing = catalog.roles.get(role.id)
        # a catalog that already has the own roles (added earlier) takes the fresh copy
        if existing is not None and not isinstance(existing, OwnRole):
            raise CatalogError(f"own role '{role.id}' has the id of a catalog role")
        roles[role.id] = role
    return dataclasses.replace(catalog, roles=roles)


def copy_role(
    catalog: Catalog, role_id: str, new_title: str, *, taken: Collection[str] = ()
) -> Role:
    """A draft own role copied from a catalog (or own) role, to change and then save.

    Args:
        role_id: the role to copy.
        new_title: the copy's title; its id is own-<slug of the title>.
        taken: ids already in use; the copy's id gets a -2, -3... suffix to avoid them.

    Returns:
        The copy, not stored yet, with its market facts.
    """
    source = catalog.role(role_id)
    title = new_title.strip()
    if not title:
        raise InputError("the title of the copy is empty")
    data = _definition(source)
    data["id"] = own_id(title, set(taken) | set(catalog.roles))
    data["title"] = title
    data["summary"] = f"Copied from {source.title}. {source.summary}"
    return _checked(data, catalog, "copy")


def closest_role(catalog: Catalog, skills: Mapping[str, int]) -> Role:
    """The catalog role whose requirements overlap most with `skills` (by priority-free
    Jaccard similarity of the skill sets; the earlier role in the catalog on a tie)."""
    wanted = set(skills)
    best: tuple[float, int] = (-1.0, 0)
    chosen: Role | None = None
    for order, role in enumerate(catalog.roles.values()):
        if role.id.startswith(OWN_PREFIX):
            continue
        have = {r.skill for r in role.required}
        score = len(wanted & have) / len(wanted | have) if wanted | have else 0.0
        if (score, -order) > best:
            best, chosen = (score, -order), role
    if chosen is None:
        raise CatalogError("the catalog has no roles")
    return chosen


def role_from_job(
    catalog: Catalog, definition: Mapping[str, Any], source: str, *, title: str | None = None
) -> Role:
    """An own role made from a job ad's requirements (`JobAd.to_role()`), not stored yet.

    What an ad does not say (family, seniority, occupation, market, technologies) comes from
    the closest catalog role, and the role says so in its summary and proxy note.

    Raises:
        CatalogError: the ad named no catalog skill, or the result breaks a rule.
    """
    required = list(definition.get("required", []))
    if not required:
        raise CatalogError("the ad names no skill the catalog knows, so there is nothing to aim at")
    base = closest_role(catalog, {r["skill"]: r["level"] for r in required})
    data = _definition(base)
    name = (title or str(definition.get("title", "")) or "Role from a job ad").strip()[:MAX_TITLE]
    data["id"] = own_id(name, set(catalog.roles))
    data["title"] = name
    data["summary"] = _one_line(
        f"From the job ad {source}. Family, seniority and market facts are those of the "
        f"closest catalog role, {base.title}."
    )
    data["proxy_note"] = _one_line(
        f"Market facts borrowed from {base.title} (the closest catalog role by skills), "
        f"itself: {base.proxy_note}"
    )[:MAX_MESSAGE]
    data["required"] = required
    known = set(catalog.certifications)
    data["certifications"] = [c for c in data.get("certifications", []) if c in known]
    return _checked(data, catalog, "job ad")


# ------------------------------------------------------------------ role files


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml_string(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04x}")
        elif 0xD800 <= code <= 0xDFFF:  # a lone surrogate cannot be written as UTF-8
            out.append("\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list) and not any(isinstance(v, dict) for v in value):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")  # a new kind of field: a bug


def _toml_table(data: Mapping[str, Any]) -> list[str]:
    return [f"{key} = {_toml_value(value)}" for key, value in data.items() if value is not None]


def role_file_text(role: Role) -> str:
    """The role as a TOML role file: one [[role]] table, in the catalog's format."""
    data = _definition(role)
    scalars = {k: v for k, v in data.items() if not isinstance(v, dict) and k != "required"}
    lines = [_HEADER, "[[role]]", *_toml_table(scalars)]
    for key, value in data.items():
        if isinstance(value, dict):
            lines += ["", f"[role.{key}]", *_toml_table(value)]
    for req in data["required"]:
        lines += ["", "[[role.required]]", *_toml_table(req)]
    return "\n".join(lines) + "\n"


def parse_role_file(text: str, catalog: Catalog, where: str = "role file") -> Role:
    """Read a role file's text: one [[role]] table, checked against the catalog.

    An id that does not start with "own-" gets the prefix (a catalog role exported and
    imported becomes an own role); a missing id is made from the title. Nothing in the
    file is executed: TOML is data.

    Raises:
        CatalogError: one line naming the file and what is wrong.
    """

    def fail(reason: str) -> CatalogError:
        return CatalogError(_one_line(f"{where}: {reason}"))

    if len(text) > MAX_FILE_BYTES:
        raise fail(f"too large for a role file (at most {MAX_FILE_BYTES // 1024} KB)")
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise fail(f"not valid TOML: {exc}") from None
    except RecursionError:
        raise fail("not valid TOML: nested too deeply") from None
    except ValueError as exc:  # a number too long to read (Python's int digit limit)
        reason = "a number too long to read" if "digits" in str(exc) else str(exc)[:100]
        raise fail(f"not valid TOML: {reason}") from None
    extra = [k for k in data if k != "role"]
    if extra:
        raise fail(f"'{extra[0]}' is not part of a role file (a role file holds one [[role]])")
    roles = data.get("role")
    if isinstance(roles, dict):
        roles = [roles]
    if not isinstance(roles, list) or not roles:
        raise fail("no [[role]] table: is this a Skillpath role file?")
    if len(roles) != 1:
        raise fail(f"holds {len(roles)} roles; a role file holds exactly one")
    item = roles[0]
    if not isinstance(item, dict):
        raise fail("'role' must be a table ([[role]])")
    item = dict(item)
    raw_id, title = item.get("id"), item.get("title")
    if raw_id is None and isinstance(title, str):
        item["id"] = own_id(title)
    elif isinstance(raw_id, str) and not raw_id.startswith(OWN_PREFIX):
        item["id"] = (OWN_PREFIX + raw_id)[:MAX_ID].rstrip("-")
    return _checked(item, catalog, where)


def read_role_file(path: Path, catalog: Catalog) -> Role:
    """Read and check a role file from disk (at most MAX_FILE_BYTES, UTF-8).

    Raises:
        CatalogError: one line naming the file and what is wrong with it.
    """
    raw = read_limited(path, MAX_FILE_BYTES, "a role file", CatalogError)
    if b"\x00" in raw:
        raise CatalogError(f"{path.name}: not a text file (a role file is TOML)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CatalogError(f"{path.name}: not UTF-8 text (a role file is TOML)") from None
    return parse_role_file(text, catalog, where=path.name)
