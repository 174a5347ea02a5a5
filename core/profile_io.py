"""Read a profile from a JSON file, with one-line messages for every way it can be wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from skillpath.core.catalog import Catalog
from skillpath.core.errors import ProfileError
from skillpath.core.fileio import read_limited
from skillpath.core.gap import check_profile_skills
from skillpath.core.models import Profile

if TYPE_CHECKING:
    from pydantic import ValidationError

MAX_PROFILE_BYTES = 1_000_000


def describe_validation(err: ValidationError) -> str:
    """The first problem of a pydantic error as one plain line."""
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    message = first["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    shown = repr(first.get("input"))
    if len(shown) > 40:
        shown = shown[:37] + "..."
    if first["type"] in ("missing", "value_error"):
        return f"{where}: {message}" if where else message
    if first["type"] == "extra_forbidden":
        return f"unknown field '{where}'"
    return f"{where}: {message} (got {shown})"


def parse_profile(data: object, catalog: Catalog) -> Profile:
    """Validate already-decoded JSON as a profile whose skills the catalog knows."""
    if not isinstance(data, dict):
        raise ProfileError("a profile must be a JSON object with a name and skills")
    from pydantic import ValidationError

    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(describe_validation(exc)) from None
    check_profile_skills(profile, catalog)
    return profile


def load_profile(path: Path, catalog: Catalog) -> Profile:
    """Read and validate a profile file.

    Raises:
        ProfileError: one line naming the file and the problem.
    """
    raw = read_limited(path, MAX_PROFILE_BYTES, "a profile file", ProfileError)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileError(f"{path.name}: not a UTF-8 text file") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(
            f"{path.name}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise ProfileError(f"{path.name}: not a profile (nested too deeply)") from None
    except ValueError as exc:  # a number too long to read (Python's int digit limit)
        raise ProfileError(f"{path.name}: not a valid profile ({_number_problem(exc)})") from None
    try:
        return parse_profile(data, catalog)
    except ProfileError as exc:
        raise ProfileError(f"{path.name}: {exc}") from None


def _number_problem(exc: ValueError) -> str:
    """Python's words for a number over its digit limit, in a person's words."""
    text = str(exc)
    if "digits" in text:
        return "it holds a number too long to read"
    return text[:100]
