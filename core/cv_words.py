"""The CV reader's word lists (headings, dates, terms, people), read once from resources/cv/."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from skillpath.core.errors import CatalogError
from skillpath.core.paths import resources_dir

SectionKind = str  # "header", "summary", "experience", "education", "skills", ...


@dataclass(frozen=True)
class CvWords:
    """Every word list of resources/cv/, as read from its TOML files."""

    headings: dict[str, SectionKind]  # a heading's key -> the section it starts
    months: dict[str, int]  # "jan", "januar", "janvier" -> 1
    seasons: dict[str, int]  # "summer" -> 6
    present: tuple[str, ...]  # words that end an open range: "present", "heute"
    range_words: tuple[str, ...]  # words between two dates: "to", "bis"
    since: tuple[str, ...]  # words before an open start: "since", "seit"
    weak: frozenset[str]
    ambiguous: frozenset[str]
    capitalised: frozenset[str]
    any_case: frozenset[str]
    not_after: dict[str, str]  # a name -> a pattern of what follows it when it is not the skill
    phrases: dict[str, str]  # an extra phrase -> a catalog skill id
    meaning_near: dict[str, tuple[str, str]]  # a name -> (the skill it means, near this pattern)
    title_words: frozenset[str]
    not_name: frozenset[str]
    not_work: tuple[str, ...]
    learning: tuple[str, ...]


def _read(folder: Path, name: str) -> dict[str, Any]:
    path = folder / name
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise CatalogError(f"{name}: the CV reader's word list is missing ({path})") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"{name}: the CV reader's word list cannot be read: {exc}") from None


def _strings(data: dict[str, Any], key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CatalogError(f"{where}: '{key}' must be a list of strings")
    return [v.casefold() if key not in ("learning",) else v for v in value]


def load_words(folder: Path) -> CvWords:
    """Read the CV word lists from `folder`.

    Raises:
        CatalogError: a file is missing or not valid TOML, or a list is of the wrong type.
    """
    headings_data = _read(folder, "headings.toml")
    headings: dict[str, SectionKind] = {}
    for kind in headings_data:
        for phrase in _strings(headings_data, kind, "headings.toml"):
            headings.setdefault(phrase, kind)
    dates = _read(folder, "dates.toml")
    months: dict[str, int] = {}
    for number, names in enumerate(_strings(dates, "months", "dates.toml"), start=1):
        for name in names.split():
            months[name] = number
    words = dates.get("words", {})
    terms = _read(folder, "terms.toml")
    people = _read(folder, "people.toml")
    phrases = terms.get("phrases", {})
    not_after = terms.get("not_after", {})
    if not all(isinstance(v, str) for v in (*phrases.values(), *not_after.values())):
        raise CatalogError("terms.toml: [phrases] and [not_after] map strings to strings")
    near = terms.get("meaning_near", {})
    meaning_near: dict[str, tuple[str, str]] = {}
    for name, rule in near.items():
        if not (isinstance(rule, dict) and set(rule) == {"skill", "near"}) or not all(
            isinstance(v, str) for v in rule.values()
        ):
            raise CatalogError(f"terms.toml: [meaning_near] '{name}' needs a skill and a near")
        meaning_near[name.casefold()] = (rule["skill"], rule["near"])
    return CvWords(
        headings=headings,
        months=months,
        seasons={k.casefold(): int(v) for k, v in dates.get("seasons", {}).items()},
        present=tuple(_strings(words, "present", "dates.toml")),
        range_words=tuple(_strings(words, "range_words", "dates.toml")),
        since=tuple(_strings(words, "since", "dates.toml")),
        weak=frozenset(_strings(terms, "weak", "terms.toml")),
        ambiguous=frozenset(_strings(terms, "ambiguous", "terms.toml")),
        capitalised=frozenset(_strings(terms, "capitalised", "terms.toml")),
        any_case=frozenset(_strings(terms, "any_case", "terms.toml")),
        not_after={k.casefold(): v for k, v in not_after.items()},
        phrases=dict(phrases),
        meaning_near=meaning_near,
        title_words=frozenset(_strings(people, "title_words", "people.toml")),
        not_name=frozenset(_strings(people, "not_name", "people.toml")),
        not_work=tuple(_strings(people, "not_work", "people.toml")),
        learning=tuple(_strings(people, "learning", "people.toml")),
    )


@cache
def cv_words() -> CvWords:
    """The shipped word lists, read once per process."""
    return load_words(resources_dir() / "cv")
