"""The validated catalog, kept between runs so that starting needs no TOML parsing and no
validation: validated once when the catalog's files change, then read back as plain data.

- The key is a digest of every catalog file's name and bytes, and of Skillpath's version:
  any edit, or another release, means validating again.
- One cache file per install folder (named by a digest of its path), so two installs on one
  machine do not evict each other.
- The file is JSON (plain data, never pickled code); a cache that is missing, unreadable,
  from another key or not well formed is ignored and rewritten.
- The records are made from it with `Record.from_data` (core/models/record.py), unchecked.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from skillpath.core import __version__

FORMAT = 1


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
