"""The pieces both reports are made of: the title block, bullet items, links and sources.

A URL gets into these only through `linked`, so only http, https and mailto links ever
reach a renderer; the renderers check again before they write one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from skillpath.core.records import safe_link


def linked(url: str | None) -> str | None:
    """`url` when it may be shown as a link (http, https, mailto), else None."""
    return safe_link(url) if url else None


@dataclass(frozen=True)
class Link:
    """A piece of text that opens `url` (None: shown as plain text), then `after`, unlinked,
    after a space ("($150), due 25 Dec 2030")."""

    text: str
    url: str | None
    after: str = ""


@dataclass(frozen=True)
class Item:
    """A bullet: a bold label (linked when `url` is set), then its links, then its text."""

    label: str
    text: str
    url: str | None = None
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Source:
    """A data source listed at the end of a report."""

    name: str
    detail: str
    licence: str
    url: str | None = None


@dataclass(frozen=True)
class Header:
    """The title block: whose report, about what, and when it was made."""

    title: str
    person: str
    role: str
    generated: dt.date
    subtitle: str
