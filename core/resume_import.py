"""Start a profile from a JSON Resume (resume.json) or from LinkedIn's data export (.zip).

Both come out as the same `CvDraft` the CV reader gives, so the app's review step works
unchanged: each skill with the entry it came from, years of experience with the entries they
came from, and the catalog certifications the file says were earned.

- JSON Resume (the open schema of jsonresume.org: basics, work, education, skills with
  keywords, certificates, projects): skills from `skills[].name` and `keywords`, at the level
  `skills[].level` states ("Advanced" 4, "Expert" 5; see SKILL_LEVEL_WORDS) and otherwise
  from the work history (used in a job 3, four years or more 4; in a project 2; listed 1);
  years from the `work[]` dates (overlaps counted once, an entry with no end is current).
- LinkedIn's export ("Get a copy of your data"): Profile.csv, Positions.csv, Skills.csv,
  Education.csv, Certifications.csv and Projects.csv, read from the zip in memory (never
  unpacked to disk), any of them missing; "Jan 2020" dates, an empty "Finished On" is current.

Every text field comes through as plain text: control characters and direction overrides are
dropped, markup is kept as the characters it is, and long fields are cut.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from skillpath.core.catalog import Catalog
from skillpath.core.cv import (
    ADVANCED_YEARS,
    BASIS_LEVEL,
    Basis,
    CvDraft,
    CvSkill,
    YearsSource,
)
from skillpath.core.cv_dates import merged_months, month_index, month_text, parse_month
from skillpath.core.cv_match import certifications_in, line_skills, matcher
from skillpath.core.cv_sections import clean_line
from skillpath.core.errors import CvError
from skillpath.core.fileio import read_limited

MAX_JSON_BYTES = 5 * 1024 * 1024
MAX_EXPORT_BYTES = 32 * 1024 * 1024  # the basic LinkedIn archive is well under 1 MB
MAX_CSV_BYTES = 8 * 1024 * 1024  # one CSV, as actually unpacked
MAX_FIELD = 2000  # characters kept of one text field
MAX_ITEMS = 500  # entries read of one list
SKILL_LEVEL_WORDS: dict[str, int] = {
    "beginner": 1,
    "novice": 1,
    "basic": 1,
    "elementary": 1,
    "learning": 1,
    "awareness": 1,
    "junior": 2,
    "intermediate": 2,
    "working": 2,
    "competent": 3,
    "proficient": 3,
    "experienced": 3,
    "good": 3,
    "advanced": 4,
    "senior": 4,
    "strong": 4,
    "expert": 5,
    "master": 5,
    "guru": 5,
}
_RANK: dict[str, int] = {"listed": 0, "learning": 1, "project": 2, "role": 3}
_BIDI = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0xFEFF])


def plain(value: object, limit: int = MAX_FIELD) -> str:
    """A field as plain text: a string (anything else is ""), without control characters or
    direction overrides, spaces tidied, cut at `limit` characters."""
    if not isinstance(value, str):
        return ""
    text = value.translate(_BIDI)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs", "Co") else ch for ch in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------ the shared draft


@dataclass
class _Entry:
    """One piece of the source: a job, a project, a skills group."""

    where: str  # where it is: "work: Engineer at Acme"
    parts: list[str]  # its texts (title, summary, each highlight), matched one by one
    basis: Basis
    ranges: list[tuple[int, int]] = field(default_factory=list)
    level: int | None = None  # stated by the source (JSON Resume skills[].level)
    work: bool = False  # its dates count towards the years


@dataclass
class _Source:
    name: str = ""
    focus: str = ""
    entries: list[_Entry] = field(default_factory=list)
    certificates: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _draft(source: _Source, catalog: Catalog, extraction: str) -> CvDraft:
    """The draft of a source, by the CV reader's rules."""
    match = matcher(catalog)
    best: dict[str, tuple[Basis, int, str]] = {}
    stated: dict[str, int] = {}
    role_ranges: dict[str, list[tuple[int, int]]] = {}
    for index, entry in enumerate(source.entries):
        for text in (piece for part in entry.parts for piece in _pieces(part)):
            for found in line_skills(clean_line(text), entry.basis == "listed", match):
                basis: Basis = "learning" if found.learning else entry.basis
                if basis == "role":
                    role_ranges.setdefault(found.skill, []).extend(entry.ranges)
                if entry.level is not None:
                    stated[found.skill] = max(stated.get(found.skill, 0), entry.level)
                held = best.get(found.skill)
                if held is None or _RANK[basis] > _RANK[held[0]]:
                    best[found.skill] = (basis, index, text)
    skills: list[CvSkill] = []
    for skill_id, (basis, index, text) in best.items():
        level = BASIS_LEVEL[basis]
        if basis == "role" and merged_months(role_ranges[skill_id]) >= 12 * ADVANCED_YEARS:
            level = 4
        if skill_id in stated:
            level = stated[skill_id]  # what the person wrote wins over what we infer
        entry = source.entries[index]
        evidence = entry.where if text in entry.where else f"{entry.where} — {text}"
        evidence = evidence if len(evidence) <= 200 else evidence[:197] + "..."
        skills.append(
            CvSkill(
                skill=skill_id,
                name=catalog.skill_name(skill_id),
                level=level,
                basis=basis,
                evidence=evidence,
                line_number=index + 1,
            )
        )
    skills.sort(key=lambda s: (-s.level, catalog.order_of(s.skill)))
    work = [e for e in source.entries if e.work]
    years = round(merged_months(r for e in work for r in e.ranges) / 12, 1)
    years_from = [
        YearsSource(
            line_number=source.entries.index(e) + 1,
            text=e.where[:200],
            start=month_text(a),
            end=month_text(b - 1),
            months=b - a,
        )
        for e in work
        for a, b in e.ranges
    ]
    certs: list[str] = []
    for text in source.certificates:
        for cert_id in certifications_in(text, catalog):
            if cert_id not in certs:
                certs.append(cert_id)
    warnings = list(source.warnings)
    if not source.name:
        warnings.append("no name was found; type it in")
    if not skills:
        warnings.append("no skills from the catalog were found; add them by hand")
    return CvDraft(
        name=source.name,
        years_experience=min(years, 70),
        focus=source.focus[:200],
        skills=skills,
        warnings=warnings,
        extraction=extraction,
        years_from=years_from,
        certifications=certs,
    )


def _pieces(text: str) -> Iterator[str]:
    """A long field in sentence-sized pieces (a skill's clause stays together)."""
    for part in re.split(r"(?<=[.!?])\s+|\n", text):
        if part.strip():
            yield part.strip()


def _range(
    start: str, end: str, today: dt.date, where: str, warnings: list[str]
) -> list[tuple[int, int]]:
    """[start, end) of an entry; no end is the current month; an unreadable date is noted."""
    if not start:
        return []
    now = month_index(today.year, today.month) + 1
    first = parse_month(start)
    if first is None:
        warnings.append(f"{where}: the start date '{plain(start, 40)}' could not be read")
        return []
    last = parse_month(end, end=True) if end else now - 1
    if last is None:
        warnings.append(f"{where}: the end date '{plain(end, 40)}' could not be read")
        return []
    stop = min(last + 1, now)
    return [(first, stop)] if first < stop else []


# ------------------------------------------------------------------ JSON Resume


def _field(item: dict[str, Any], name: str, where: str) -> str:
    value = item.get(name)
    if value is None:
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise CvError(f"{where}.{name} must be text, not {type(value).__name__}")
    return plain(str(value))


def _list(data: dict[str, Any], name: str, where: str) -> list[dict[str, Any]]:
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise CvError(f"{where}: '{name}' must be a list, not {type(value).__name__}")
    for index, item in enumerate(value[:MAX_ITEMS]):
        if not isinstance(item, dict):
            raise CvError(f"{where}: '{name}[{index}]' must be an object")
    return value[:MAX_ITEMS]


def _words(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise CvError(f"{where} must be a list of text")
    return [plain(v, 200) for v in value[:MAX_ITEMS] if isinstance(v, str)]


def _stated_level(value: str) -> int | None:
    text = value.casefold().strip()
    if not text:
        return None
    number = re.match(r"^(\d{1,3})\s*(%|/\s*(\d{1,2}))?", text)
    if number:
        n = int(number.group(1))
        if number.group(2) == "%":
            return max(1, min(5, -(-n // 20)))
        scale = int(number.group(3)) if number.group(3) else 5
        return max(1, min(5, round(n * 5 / scale))) if scale else None
    for word, level in SKILL_LEVEL_WORDS.items():
        if re.search(rf"\b{word}\b", text):
            return level
    return None


def read_json_resume(path: Path, catalog: Catalog, today: dt.date | None = None) -> CvDraft:
    """Read a JSON Resume (resume.json) into a draft profile.

    Raises:
        CvError: not JSON, not a JSON Resume, a field of the wrong type, too large.
    """
    today = today or dt.date.today()
    raw = read_limited(path, MAX_JSON_BYTES, "a JSON Resume", CvError)
    name = path.name
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CvError(f"{name}: is not UTF-8 text, so not a JSON Resume") from None
    except json.JSONDecodeError as exc:
        raise CvError(f"{name}: is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise CvError(f"{name}: the JSON nests too deeply") from None
    known = ("basics", "work", "skills", "education", "projects", "certificates", "volunteer")
    if not isinstance(data, dict) or not any(k in data for k in known):
        raise CvError(
            f"{name}: is not a JSON Resume (it has none of basics, work, skills, education)"
        )
    try:
        source = _json_resume(data, today)
    except CvError as exc:
        raise CvError(f"{name}: {exc}") from None
    return _draft(source, catalog, "json-resume")


def _json_resume(data: dict[str, Any], today: dt.date) -> _Source:
    source = _Source()
    basics = data.get("basics") or {}
    if not isinstance(basics, dict):
        raise CvError("'basics' must be an object")
    source.name = _field(basics, "name", "basics")[:200]
    source.focus = _field(basics, "label", "basics")
    summary = _field(basics, "summary", "basics")
    if summary:
        source.entries.append(_Entry("basics.summary", [summary], "listed"))
    for i, job in enumerate(_list(data, "work", "work")):
        where = f"work[{i}]"
        position, company = _field(job, "position", where), _field(job, "name", where)
        parts = [position, _field(job, "summary", where), _field(job, "description", where)]
        parts += _words(job.get("highlights"), f"{where}.highlights")
        start, end = _field(job, "startDate", where), _field(job, "endDate", where)
        ranges = _range(start, end, today, where, source.warnings)
        label = " at ".join(x for x in (position, company) if x) or where
        source.entries.append(_Entry(f"work: {label}", parts, "role", ranges, work=True))
    for i, item in enumerate(_list(data, "volunteer", "volunteer")):
        where = f"volunteer[{i}]"
        parts = [_field(item, "position", where), _field(item, "summary", where)]
        parts += _words(item.get("highlights"), f"{where}.highlights")
        source.entries.append(
            _Entry(f"volunteer: {_field(item, 'organization', where)}", parts, "project")
        )
    for i, group in enumerate(_list(data, "skills", "skills")):
        where = f"skills[{i}]"
        group_name = _field(group, "name", where)
        keywords = _words(group.get("keywords"), f"{where}.keywords")
        written = _field(group, "level", where)
        level = _stated_level(written)
        shown = group_name + (f" ({', '.join(keywords)})" if keywords else "")
        shown += f", level: {written}" if level else ""
        text = ", ".join(x for x in [group_name, *keywords] if x)
        source.entries.append(_Entry(f"skills: {shown}", [text], "listed", level=level))
    for i, project in enumerate(_list(data, "projects", "projects")):
        where = f"projects[{i}]"
        parts = [_field(project, "name", where), _field(project, "description", where)]
        parts += _words(project.get("highlights"), f"{where}.highlights")
        parts += [", ".join(_words(project.get("keywords"), f"{where}.keywords"))]
        source.entries.append(_Entry(f"projects: {parts[0] or where}", parts, "project"))
    for i, school in enumerate(_list(data, "education", "education")):
        where = f"education[{i}]"
        courses = _words(school.get("courses"), f"{where}.courses")
        area = _field(school, "area", where)
        text = ", ".join(x for x in [area, *courses] if x)
        source.entries.append(_Entry(f"education: {area or where}", [text], "listed"))
    for i, cert in enumerate(_list(data, "certificates", "certificates")):
        where = f"certificates[{i}]"
        source.certificates.append(f"{_field(cert, 'name', where)} {_field(cert, 'issuer', where)}")
    return source


# ------------------------------------------------------------------ LinkedIn's export

_LINKEDIN_FILES = ("profile.csv", "positions.csv", "skills.csv")


@contextlib.contextmanager
def _csv_fields(limit: int) -> Iterator[None]:
    """Let the csv module read fields up to `limit` (its default refuses long ones)."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, limit))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _rows(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> list[dict[str, str]]:
    with archive.open(info) as fh:
        data = fh.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise CvError(
            f"{name}: {PurePosixPath(info.filename).name} unpacks to more than "
            f"{MAX_CSV_BYTES // 1024 // 1024} MB; refused"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    text = text.replace("\x00", "")
    # LinkedIn puts notes above the header in some files ("Notes: ..."); skip to the header.
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines[:10]) if "," in line), 0)
    try:
        with _csv_fields(MAX_CSV_BYTES):
            reader = csv.DictReader(io.StringIO("".join(lines[start:])))
            return [
                {plain(k, 60): (v if isinstance(v, str) else "") for k, v in row.items() if k}
                for row, _ in zip(reader, range(MAX_ITEMS * 4), strict=False)
            ]
    except csv.Error as exc:
        raise CvError(
            f"{name}: {PurePosixPath(info.filename).name} is not valid CSV ({exc})"
        ) from None


def read_linkedin_export(path: Path, catalog: Catalog, today: dt.date | None = None) -> CvDraft:
    """Read LinkedIn's data export (the .zip from "Get a copy of your data") into a draft.

    Raises:
        CvError: not a zip, too large, a bomb, or none of Profile.csv, Positions.csv and
            Skills.csv in it.
    """
    today = today or dt.date.today()
    name = path.name
    raw = read_limited(path, MAX_EXPORT_BYTES, "a LinkedIn export", CvError)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            files = {
                PurePosixPath(info.filename).name.casefold(): info
                for info in archive.infolist()
                if not info.is_dir()
            }
            if not any(f in files for f in _LINKEDIN_FILES):
                raise CvError(
                    f"{name}: has none of LinkedIn's Profile.csv, Positions.csv or Skills.csv; "
                    "is it the export from LinkedIn's 'Get a copy of your data'?"
                )
            tables = {
                f: _rows(archive, files[f], name)
                for f in (*_LINKEDIN_FILES, "education.csv", "certifications.csv", "projects.csv")
                if f in files
            }
    except zipfile.BadZipFile:
        raise CvError(f"{name}: is not a zip file (LinkedIn's export is a .zip)") from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise CvError(f"{name}: the zip cannot be unpacked ({exc})") from None
    return _draft(_linkedin(tables, today), catalog, "linkedin-export")


def _linkedin(tables: dict[str, list[dict[str, str]]], today: dt.date) -> _Source:
    source = _Source()
    profile = (tables.get("profile.csv") or [{}])[0]
    first, last = plain(profile.get("First Name"), 100), plain(profile.get("Last Name"), 100)
    source.name = " ".join(x for x in (first, last) if x)[:200]
    source.focus = plain(profile.get("Headline"), 200)
    summary = plain(profile.get("Summary"))
    if summary:
        source.entries.append(_Entry("Profile.csv: Summary", [summary], "listed"))
    for i, row in enumerate(tables.get("positions.csv", [])):
        where = f"Positions.csv row {i + 1}"
        title, company = plain(row.get("Title"), 200), plain(row.get("Company Name"), 200)
        start, end = plain(row.get("Started On"), 40), plain(row.get("Finished On"), 40)
        ranges = _range(start, end, today, where, source.warnings)
        label = " at ".join(x for x in (title, company) if x) or where
        parts = [title, plain(row.get("Description"))]
        source.entries.append(_Entry(f"Positions.csv: {label}", parts, "role", ranges, work=True))
    for row in tables.get("skills.csv", []):
        skill = plain(row.get("Name"), 200)
        if skill:
            source.entries.append(_Entry(f"Skills.csv: {skill}", [skill], "listed"))
    for row in tables.get("education.csv", []):
        degree, notes = plain(row.get("Degree Name"), 200), plain(row.get("Notes"))
        school = plain(row.get("School Name"), 200)
        if degree or notes:
            label = f"Education.csv: {degree or school}"
            source.entries.append(_Entry(label, [degree, notes], "listed"))
    for row in tables.get("projects.csv", []):
        title, description = plain(row.get("Title"), 200), plain(row.get("Description"))
        if title or description:
            label = f"Projects.csv: {title}"
            source.entries.append(_Entry(label, [title, description], "project"))
    for row in tables.get("certifications.csv", []):
        source.certificates.append(f"{plain(row.get('Name'))} {plain(row.get('Authority'))}")
    return source
