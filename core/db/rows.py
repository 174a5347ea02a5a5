"""Turning stored rows into records, and refusing damaged ones in plain words.

A row a person could only have made by editing the file by hand (bad JSON, text where hours
belong, an impossible date) is reported as a damaged database, with the way out, instead of
a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any, TypeVar

from skillpath.core.db.store import Store
from skillpath.core.errors import CorruptDatabaseError

T = TypeVar("T")
# (pydantic's ValidationError, of a record checked on reading, is a ValueError)
_BAD = (ValueError, TypeError, KeyError, IndexError, OverflowError)


def damaged(store: Store, table: str, detail: str) -> CorruptDatabaseError:
    """The error for a row that breaks Skillpath's rules."""
    return CorruptDatabaseError(
        f"{store.path.name} has a damaged row in {table} ({detail[:120]}); nothing was "
        "changed; `skillpath check` lists every problem, and `skillpath restore` puts a "
        "backup back"
    )


def build(store: Store, table: str, make: Callable[[], T]) -> T:
    """`make()`, with a damaged row reported as a CorruptDatabaseError."""
    try:
        return make()
    except _BAD as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise damaged(store, table, detail) from None


def day(text: Any) -> dt.date:
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not a date")
    return dt.date.fromisoformat(text)


def maybe_day(text: Any) -> dt.date | None:
    return day(text) if text else None


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{value!r} is not a number")
    return float(value)


def loads(text: Any) -> Any:
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not JSON text")
    return json.loads(text)
