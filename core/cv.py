"""Read a CV into a draft profile: name, years of experience, focus and skills with evidence.

The draft is for the person to confirm; nothing here saves anything. Storage turns a
confirmed draft into a profile with `read_cv(path, catalog).to_profile(hours_per_week)`.

How it reads a CV (the parts live in cv_text, cv_sections, cv_dates and cv_match):

- The file becomes lines of text (cv_text); lines are grouped into sections by their
  headings (Experience, Skills, Projects, ...).
- Years of experience are the date ranges of the experience section, overlaps merged
  (cv_dates). Paid and freelance work and internships count; an entry whose title names a
  club, a society, a committee, volunteering or a career break does not. `years_from` lists
  the lines the years came from.
- Skills are the catalog's names and aliases (cv_match), each with the line it was found on.
- A suggested level from how a skill appears: only listed 1 (awareness), learning or
  "familiar with" 1, used in a project or studies 2 (working), used in a job 3
  (independent), in jobs lasting 4 years or more 4 (advanced). The person raises or lowers
  it when confirming.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from skillpath.core.catalog import Catalog
from skillpath.core.cv_dates import date_ranges, merged_months, month_text, strip_dates
from skillpath.core.cv_match import certifications_in, line_skills, matcher
from skillpath.core.cv_sections import Line, find_name, heading_kind, sections, title_part
from skillpath.core.cv_text import read_cv_file
from skillpath.core.cv_words import cv_words
from skillpath.core.errors import CvError
from skillpath.core.models import LEVEL_NAMES, Level, Profile
from skillpath.core.models.record import Record
from skillpath.core.models.record import field as record_field

__all__ = [
    "CvDraft",
    "CvSkill",
    "YearsSource",
    "date_ranges",
    "draft_text",
    "heading_kind",
    "merged_months",
    "read_cv",
    "read_cv_lines",
    "read_cv_text",
]

Basis = Literal["listed", "learning", "project", "role"]
BASIS_LEVEL: dict[str, int] = {"listed": 1, "learning": 1, "project": 2, "role": 3}
ADVANCED_YEARS = 4.0  # used in jobs this long: suggested level 4
_BASIS_RANK: dict[str, int] = {"listed": 0, "learning": 1, "project": 2, "role": 3}


class CvSkill(Record):
    """A catalog skill found in the CV, with the line that shows it."""

    skill: str
    name: str
    level: Level
    basis: Basis
    evidence: str
    line_number: int


class YearsSource(Record):
    """A line whose dates count towards the years of experience."""

    line_number: int
    text: str
    start: str  # YYYY-MM
    end: str  # YYYY-MM, the last month counted
    months: int


class CvDraft(Record):
    """What a CV says about the person, for them to confirm before anything is saved."""

    name: str = ""
    years_experience: float = record_field(default=0.0, ge=0)
    focus: str = ""
    skills: list[CvSkill] = []
    warnings: list[str] = []
    extraction: str = "text"  # how the text was read: text, docx, pdf-layout, pdf-plain, ...
    years_from: list[YearsSource] = []
    certifications: list[str] = []  # catalog certification ids the source says were earned

    def to_profile(self, hours_per_week: float = 8, name: str | None = None) -> Profile:
        """The confirmed draft as a profile; every skill's source is "cv".

        Args:
            hours_per_week: the hours the person can give each week.
            name: the name to use when the CV gave none (or a corrected one).

        Raises:
            CvError: when there is no name to give the profile.
        """
        chosen = (name or self.name).strip()
        if not chosen:
            raise CvError("the CV gave no name; type the name in")
        return Profile(
            name=chosen,
            years_experience=min(self.years_experience, 70),
            focus=self.focus[:200],
            skills={s.skill: s.level for s in self.skills},
            skill_sources={s.skill: "cv" for s in self.skills},
            certifications=list(self.certifications),
            hours_per_week=hours_per_week,
        )


def read_cv(path: Path, catalog: Catalog, today: dt.date | None = None) -> CvDraft:
    """Read a CV file (.txt, .md, .pdf, .docx) into a draft profile.

    Args:
        path: the CV file.
        catalog: skills are matched against its names and aliases.
        today: the date "Present" stands for (default: today).

    Raises:
        CvError: the file cannot be read (empty, too large, encrypted, no text, binary).
    """
    text = read_cv_file(path)
    draft = read_cv_lines(text.lines, catalog, today)
    draft.warnings[:0] = text.warnings
    draft.extraction = text.extraction
    return draft


def read_cv_text(text: str, catalog: Catalog, today: dt.date | None = None) -> CvDraft:
    """Read the text of a CV into a draft profile (see `read_cv`)."""
    return read_cv_lines(text.splitlines(), catalog, today)


# ------------------------------------------------------------------ experience


@dataclass
class _Entry:
    ranges: list[tuple[int, int]]
    line_index: int
    work: bool = True
    lines: list[Line] = field(default_factory=list)


_YEARS_CLAIM = re.compile(
    r"(\d{1,2}(?:\.\d)?)\+?\s*(?:years|yrs)\s+(?:of\s+)?(?:professional\s+|industry\s+|"
    r"hands-on\s+|work\s+)?experience",
    re.IGNORECASE,
)
_BULLET_START = re.compile(r"^\s*[-*•▪●◦‣∙·>]")


def _not_work() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in cv_words().not_work)
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


def _entry_title(lines: list[Line], i: int) -> str:
    """The text that names an entry: its dated line, and the line above or below when the
    dated line holds little more than the dates."""
    text = strip_dates(lines[i].text)
    if len(re.findall(r"[^\W\d_]{2,}", text)) >= 2:
        return lines[i].text
    near = [
        lines[j].text
        for j in (i - 1, i + 1)
        if 0 <= j < len(lines)
        and lines[j].section == "experience"
        and not _BULLET_START.match(lines[j].raw)
    ]
    return " ".join([lines[i].text, *near])


def _entries(lines: list[Line], today: dt.date) -> tuple[list[_Entry], dict[int, _Entry]]:
    """Experience entries (each starts at a dated line) and the entry of each line number."""
    not_work = _not_work()
    entries: list[_Entry] = []
    entry_of: dict[int, _Entry] = {}
    experience = [i for i, line in enumerate(lines) if line.section == "experience"]
    for i in experience:
        line = lines[i]
        lone = not _BULLET_START.match(line.raw) and len(line.text) <= 120
        ranges = date_ranges(line.text, today, lone=lone)
        if ranges:
            work = not not_work.search(_entry_title(lines, i))
            entries.append(_Entry(ranges, i, work))
        if entries:
            entries[-1].lines.append(line)
            entry_of[line.number] = entries[-1]
    if experience and entries and experience[0] < entries[0].line_index:
        for i in experience:
            if i >= entries[0].line_index:
                break
            entry_of[lines[i].number] = entries[0]  # a title above the first dates
    return entries, entry_of


def _years_from(lines: list[Line], entries: list[_Entry]) -> list[YearsSource]:
    out = []
    for entry in entries:
        if not entry.work:
            continue
        line = lines[entry.line_index]
        for start, end in entry.ranges:
            out.append(
                YearsSource(
                    line_number=line.number,
                    text=line.evidence,
                    start=month_text(start),
                    end=month_text(end - 1),
                    months=end - start,
                )
            )
    return out


# ------------------------------------------------------------------ reading


def read_cv_lines(raw_lines: list[str], catalog: Catalog, today: dt.date | None = None) -> CvDraft:
    """Read the lines of a CV in reading order into a draft profile."""
    today = today or dt.date.today()
    lines = sections(raw_lines)
    warnings: list[str] = []
    if not lines:
        raise CvError("the CV has no text")

    name, name_line = find_name(lines)
    if not name:
        warnings.append("no name was found; type it in")

    entries, entry_of = _entries(lines, today)
    work = [e for e in entries if e.work]
    years = round(merged_months(r for e in work for r in e.ranges) / 12, 1)
    experience = any(line.section == "experience" for line in lines)
    if not experience:
        warnings.append("no experience section was found; years of experience not counted")
    elif not entries:
        warnings.append("the experience section has no dates that could be read")
    for entry in entries:
        if not entry.work:
            line = lines[entry.line_index]
            warnings.append(
                f"line {line.number} ({line.evidence[:60]}) is not counted as work experience"
            )
    if not work:
        for line in lines:
            claim = _YEARS_CLAIM.search(line.text)
            if claim and line.section in ("header", "summary"):
                years = float(claim.group(1))
                warnings.append(f"years of experience taken from line {line.number}")
                break

    focus = _find_focus(lines, work, name_line)
    skills = _skills(lines, catalog, entry_of, name_line)
    if not skills:
        warnings.append("no skills from the catalog were found; add them by hand")
    return CvDraft(
        name=name,
        years_experience=years,
        focus=focus,
        skills=skills,
        warnings=warnings,
        years_from=_years_from(lines, entries),
        certifications=_certifications(lines, catalog),
    )


def _certifications(lines: list[Line], catalog: Catalog) -> list[str]:
    """Catalog certifications named in the certifications section (or a "Certifications:"
    line), as the CV states them."""
    out: list[str] = []
    for line in lines:
        if line.kind == "certifications":
            for cert_id in certifications_in(line.text, catalog):
                if cert_id not in out:
                    out.append(cert_id)
    return out


def _skills(
    lines: list[Line], catalog: Catalog, entry_of: dict[int, _Entry], name_line: int | None
) -> list[CvSkill]:
    match = matcher(catalog)
    best: dict[str, tuple[Basis, Line]] = {}
    role_ranges: dict[str, list[tuple[int, int]]] = {}
    for line in lines:
        if line.number == name_line:
            continue
        basis: Basis = "listed"
        entry = entry_of.get(line.number)
        if line.section == "experience" and entry is not None and line.inline_kind is None:
            basis = "role" if entry.work else "project"
        elif line.section == "projects" or (
            line.section == "education" and re.search(r"project|thesis|capstone", line.text, re.I)
        ):
            basis = "project"
        for found in line_skills(line.text, line.kind == "skills", match):
            found_basis: Basis = "learning" if found.learning else basis
            if found_basis == "role" and entry is not None:
                role_ranges.setdefault(found.skill, []).extend(entry.ranges)
            held = best.get(found.skill)
            if held is None or _BASIS_RANK[found_basis] > _BASIS_RANK[held[0]]:
                best[found.skill] = (found_basis, line)

    skills: list[CvSkill] = []
    for skill_id, (found_basis, line) in best.items():
        level = BASIS_LEVEL[found_basis]
        if (
            found_basis == "role"
            and merged_months(role_ranges.get(skill_id, [])) >= 12 * ADVANCED_YEARS
        ):
            level = 4
        skills.append(
            CvSkill(
                skill=skill_id,
                name=catalog.skill_name(skill_id),
                level=level,
                basis=found_basis,
                evidence=line.evidence,
                line_number=line.number,
            )
        )
    skills.sort(key=lambda s: (-s.level, catalog.order_of(s.skill)))
    return skills


def _find_focus(lines: list[Line], entries: list[_Entry], name_line: int | None) -> str:
    """A headline under the name, else the title of the most recent job."""
    if name_line is not None:
        after = [line for line in lines if line.number > name_line][:3]
        for line in after:
            if line.section != "header":
                break
            title = title_part(line.text)
            if title:
                return title[:200]
    if not entries:
        return ""
    latest = max(entries, key=lambda e: (max(end for _, end in e.ranges), -e.line_index))
    i = latest.line_index
    candidates = [strip_dates(lines[i].text)]
    candidates += [
        lines[j].text
        for j in (i - 1, i + 1, i - 2)
        if 0 <= j < len(lines) and lines[j].section == "experience"
    ]
    for text in candidates:
        title = title_part(text)
        if title:
            return title[:200]
    return ""


# ------------------------------------------------------------------ text


def draft_text(draft: CvDraft, source: str) -> str:
    """The draft as plain text, for the person to check."""
    out = [
        f"Draft profile from {source} (check it; nothing has been saved)",
        f"  Name:        {draft.name or '(not found)'}",
        f"  Experience:  {draft.years_experience:g} years",
        f"  Focus:       {draft.focus or '(not found)'}",
        "",
        f"Skills found ({len(draft.skills)})",
    ]
    if not draft.skills:
        out.append("  (none)")
    width = max((len(s.name) for s in draft.skills), default=10)
    for s in draft.skills:
        level = f"{s.level} {LEVEL_NAMES[s.level]}"
        out.append(f"  {s.name:<{width}}  {level:<13} line {s.line_number}: {s.evidence}")
    if draft.years_from:
        out += ["", "Years of experience counted from"]
        for y in draft.years_from:
            out.append(f"  line {y.line_number}: {y.start} to {y.end}  {y.text}")
    if draft.warnings:
        out += ["", "Notes"] + [f"  - {w}" for w in draft.warnings]
    return "\n".join(out)
