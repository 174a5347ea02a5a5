"""The validated catalog, kept between runs so that starting needs no TOML parsing and no
validation: validated once when the catalog's files change, then read back as plain data.

- The key is a digest of every catalog file's name and bytes, and of Skillpath's version:
  any edit, or another release, means validating again.
- One cache file per install folder (named by a digest of its path), so two installs on one
  machine do not evict each other.
- The file is JSON (plain data, never pickled code); a cache that is missing, unreadable,
  from another key or not well formed is ignored and rewritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import types
import typing
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, Union

from pydantic import BaseModel

from skillpath.core import __version__

FORMAT = 1
M = TypeVar("M", bound=BaseModel)


def digest(folder: Path) -> str:
    """A digest of the catalog's files (names and contents) and of this Skillpath."""
    h = hashlib.sha256(f"skillpath {__version__} cache {FORMAT}\n".encode())
    for path in sorted(folder.rglob("*.toml")):
        h.update(str(path.relative_to(folder)).encode() + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def cache_file(folder: Path, cache_dir: Path) -> Path:
    where = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return cache_dir / f"catalog-{where}.json"


def read(folder: Path, cache_dir: Path, key: str) -> dict[str, Any] | None:
    """The cached catalog's data when it is there and its key is `key`."""
    try:
        data = json.loads(cache_file(folder, cache_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    body = data.get("catalog")
    return body if isinstance(body, dict) else None


def write(folder: Path, cache_dir: Path, key: str, body: dict[str, Any]) -> None:
    """Keep the catalog's data for the next start; a cache that cannot be written only costs
    that next start some time."""
    path = cache_file(folder, cache_dir)
    try:
        text = json.dumps({"key": key, "catalog": body}, separators=(",", ":"))
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    except (OSError, TypeError, ValueError):
        return


Convert = Callable[[Any], Any] | None  # None: the value is used as it is
_set = object.__setattr__


def build(cls: type[M], data: Any) -> M:
    """A model from data that was validated before (no validation again), applied to nested
    models, lists and dicts of them, and dates.

    What pydantic's `model_construct` makes, made directly: every field is in data the
    cache wrote (a field missing means a cache not as written: KeyError, and the catalog
    is validated again).
    """
    plan, direct = _plan(cls)
    values = {}
    for name, convert in plan:
        value = data[name]
        values[name] = value if convert is None or value is None else convert(value)
    if not direct:
        return cls.model_construct(**values)
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", set(values))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


@cache
def _plan(cls: type[BaseModel]) -> tuple[tuple[tuple[str, Convert], ...], bool]:
    """How to turn each field's plain data back into its value, worked out once per model,
    and whether the model can be made directly (no extra fields kept, no private attributes,
    no post-init hook: then `model_construct` does nothing more than `build`)."""
    plan = tuple((name, _converter(info.annotation)) for name, info in cls.model_fields.items())
    direct = (
        cls.model_config.get("extra") != "allow"
        and not cls.__private_attributes__
        and not cls.__pydantic_post_init__
        and not cls.__pydantic_root_model__
    )
    return plan, direct


def _converter(annotation: Any) -> Convert:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _converter(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _converter(options[0]) if len(options) == 1 else None
    if origin is list:
        (item,) = typing.get_args(annotation)
        inner = _converter(item)
        return None if inner is None else (lambda v: [inner(x) for x in v])
    if origin is dict:
        _, item = typing.get_args(annotation)
        inner_d = _converter(item)
        return None if inner_d is None else (lambda v: {k: inner_d(x) for k, x in v.items()})
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            model = annotation
            return lambda v: build(model, v)
        if annotation is dt.date:
            return dt.date.fromisoformat
        if annotation is dt.datetime:
            return dt.datetime.fromisoformat
        if annotation is float:
            return float
    return None
