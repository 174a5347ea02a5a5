"""Read a job ad (.txt, .md, .html, .pdf, .docx) into what it asks for: title, company, years,
and the catalog skills it names, each with its priority, the level implied and its line.

How an ad is read (the words are in resources/job/words.toml):

- Lines are grouped by the ad's own headings: requirements ("Requirements", "Must have",
  "Essential criteria", "You have"), preferred ("Nice to have", "Bonus", "Desirable"), the
  work ("Responsibilities", "What you'll do", "Our stack"), and text that names no
  requirement ("About us", "Benefits", "Salary", "How to apply"), which is skipped.
- Priority: a skill under the requirements is critical, under the work important, under
  preferred nice-to-have. Words in the same clause win over the heading: "must", "required",
  "essential" make it critical; "nice to have", "a plus", "ideally", "preferred",
  "desirable" make it nice-to-have. A skill named in several places keeps the highest.
- Level: see LEVEL_RULE.
- Years of experience asked: the largest "N+ years" / "at least N years" of the ad's
  requirements and work ("3-5 years" asks for 3).
- Lines of the requirements and preferred sections that name no catalog skill are listed as
  `unmatched`, so the person sees what the catalog could not place.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from skillpath.core.catalog import Catalog
from skillpath.core.cv_match import line_skills, matcher
from skillpath.core.cv_sections import GAP, clean_line, evidence_of, title_part
from skillpath.core.errors import CatalogError, CvError
from skillpath.core.fileio import read_limited
from skillpath.core.models import Priority, RequiredLevel
from skillpath.core.models.record import Record
from skillpath.core.paths import resources_dir

MAX_JOB_BYTES = 10 * 1024 * 1024  # a page saved from a browser with its inline scripts
JOB_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".pdf", ".docx")
MAX_ROLE_SKILLS = 25

LEVEL_RULE = """\
The level a job ad asks for, per skill, from the clause that names it:
- years: "5+ years of Python" asks for 4 (advanced); 3 or 4 years for 3 (independent);
  1 or 2 years for 2 (working);
- words: "expert", "expertise", "mastery" ask for 5 (expert); "advanced", "strong",
  "extensive", "deep", "excellent", "fluent" for 4 (advanced); "proficient", "solid",
  "hands-on", "proven", "experience with/in", "production" for 3 (independent); "working
  knowledge", "good understanding", "familiarity with", "exposure to", "basic" for 2
  (working); "awareness of", "interest in" for 1 (awareness);
- the higher of the two counts; with neither, a critical or important skill asks for 3
  and a nice-to-have one for 2.
"""

_RANK: dict[str, int] = {"nice-to-have": 0, "important": 1, "critical": 2}
_HEADING_PRIORITY: dict[str, Priority] = {
    "required": "critical",
    "duties": "important",
    "preferred": "nice-to-have",
    "header": "important",
    "other": "important",
}
_YEARS = re.compile(
    r"(?:at\s+least|minimum(?:\s+of)?|over|more\s+than)?\s*(?<![\d.])(\d{1,2})\s*\+?"
    r"(?:\s*(?:-|–|to)\s*\d{1,2}\s*\+?)?\s*(?:years?|yrs)\b",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(.+?)\s*#*\s*$")
_BOLD_ONLY = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_LABEL = re.compile(
    r"^(?P<label>job\s+title|title|position|role|company|organi[sz]ation|employer|hiring\s+company)"
    r"\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
_EMOJI = re.compile(r"[\u2190-\u2bff\u2600-\u27bf\ufe0f\U0001f000-\U0001faff]")
_TITLE_SPLIT = re.compile(r"\s+(?:@|at|—|–|-|\|)\s+")
_CLAUSES = re.compile(r"\s*(?:[;()]|,(?!\s*(?:and|or)\b)|\.\s|\s[–—]\s)\s*")
_SMALL = {"of", "and", "the", "in", "at", "to", "for", "or", "with"}


class JobSkill(Record):
    """A catalog skill an ad asks for."""

    skill: str
    name: str
    priority: Priority
    level: RequiredLevel
    evidence: str
    line_number: int


class JobAd(Record):
    """What a job ad asks for, for the person to check before making it a role."""

    title: str = ""
    company: str = ""
    years_required: float | None = None
    skills: list[JobSkill] = []
    unmatched: list[str] = []
    warnings: list[str] = []
    extraction: str = "text"

    def to_role(self, taken: tuple[str, ...] = ()) -> dict[str, Any]:
        """The ad as the definition of an own role: id, title and up to 25 requirements.

        Args:
            taken: ids already in use (the new id gets -2, -3... to stay unique).

        Returns:
            {"id": "own-...", "title": ..., "required": [{"skill", "level", "priority"}]},
            most important first, for `own_roles` to validate and store.
        """
        from skillpath.core.own_roles import own_id

        title = self.title or "Role from a job ad"
        if self.company and self.company.casefold() not in title.casefold():
            title = f"{title} at {self.company}"
        ranked = sorted(self.skills, key=lambda s: -_RANK[s.priority])[:MAX_ROLE_SKILLS]
        return {
            "id": own_id(title, taken),
            "title": title[:200],
            "required": [
                {"skill": s.skill, "level": s.level, "priority": s.priority} for s in ranked
            ],
        }


@dataclass(frozen=True)
class _Words:
    headings: dict[str, str]
    critical: re.Pattern[str]
    nice: re.Pattern[str]
    levels: tuple[tuple[int, re.Pattern[str]], ...]


@cache
def _words() -> _Words:
    path = resources_dir() / "job" / "words.toml"
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        headings = {
            " ".join(h.casefold().split()): kind
            for kind, items in data["headings"].items()
            for h in items
        }
        cues = data["cues"]
        levels = tuple(
            (int(level), re.compile("|".join(items), re.IGNORECASE))
            for level, items in sorted(data["levels"].items(), reverse=True)
        )
        return _Words(
            headings,
            re.compile("|".join(cues["critical"]), re.IGNORECASE),
            re.compile("|".join(cues["nice"]), re.IGNORECASE),
            levels,
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, re.error) as exc:
        raise CatalogError(f"words.toml: the job-ad word list cannot be read: {exc}") from None


# ------------------------------------------------------------------ reading the file


def _ad_lines(path: Path) -> tuple[list[str], str, str, str, str]:
    """The lines of an ad, how they were read, and the title/company/page title the file
    states as data (HTML only)."""
    from skillpath.core.cv_text import decode_text, read_cv_bytes

    suffix = path.suffix.lower()
    if suffix not in JOB_SUFFIXES:
        raise CvError(
            f"{path.name}: '{suffix or 'no extension'}' files are not read; save the ad as "
            ".txt, .md, .html, .pdf or .docx"
        )
    data = read_limited(path, MAX_JOB_BYTES, "a job ad", CvError)
    if suffix in (".pdf", ".docx"):
        text = read_cv_bytes(data, path.name, suffix)
        return text.lines, text.extraction, "", "", ""
    notes: list[str] = []
    source = decode_text(data, path.name, notes)
    if suffix in (".html", ".htm"):
        from skillpath.core.job_html import html_text

        page = html_text(source)
        return page.lines, "html", page.title, page.company, page.page_title
    return source.splitlines(), "text", "", "", ""


def read_job(path: Path, catalog: Catalog) -> JobAd:
    """Read a job ad file into what it asks for.

    Raises:
        CvError: the file cannot be read (missing, too large, wrong kind, damaged, no text).
    """
    return read_job_and_text(path, catalog)[0]


def read_job_and_text(path: Path, catalog: Catalog) -> tuple[JobAd, str]:
    """Read a job ad file: what it asks for, and its readable text (to keep beside a role)."""
    lines, extraction, title, company, page_title = _ad_lines(path)
    if not any(line.strip() for line in lines):
        raise CvError(f"{path.name}: the ad has no text")
    ad = read_job_lines(lines, catalog, title=title, company=company, page_title=page_title)
    ad.extraction = extraction
    return ad, "\n".join(lines)


def read_job_text(text: str, catalog: Catalog) -> JobAd:
    """Read the text of a job ad (see `read_job`)."""
    return read_job_lines(text.splitlines(), catalog)


# ------------------------------------------------------------------ lines and headings


@dataclass
class _Line:
    number: int
    raw: str
    text: str
    kind: str  # required, preferred, duties, none, header, other


def _heading_key(text: str) -> str:
    key = _EMOJI.sub(" ", text).replace("’", "'").casefold()
    key = re.sub(r"[^\w&'+\s-]", " ", key)
    return " ".join(key.split())


def _heading(raw: str, words: _Words) -> str | None:
    """The kind of section a line starts, or None when it is not a heading."""
    md = _MD_HEADING.match(raw) or _BOLD_ONLY.match(raw)
    stripped = _EMOJI.sub(" ", raw).strip()
    bold_emoji = re.match(r"^\s*\**\s*(.+?)\s*\**\s*:?\s*$", stripped)
    text = md.group(1) if md else stripped
    text = re.sub(r"\*\*|__", "", text).strip().rstrip(":").strip()
    if not text or len(text) > 60:
        return None
    key = _heading_key(text)
    kind = words.headings.get(key)
    if kind is None and (key.startswith("about ") or key.startswith("life at ")):
        kind = "none"  # "About Northwind Financial Group"
    if kind is not None:
        plain = not md and not raw.rstrip().endswith(":") and not text.isupper()
        if plain and len(key.split()) > 6:
            return None
        return kind
    marked = md or raw.rstrip().endswith(":") or (text.isupper() and len(text.split()) <= 5)
    if marked and bold_emoji and len(text.split()) <= 6 and not _LABEL.match(text):
        return "other"
    return None


def _lines(raw_lines: list[str], words: _Words) -> tuple[list[_Line], list[tuple[int, str]]]:
    """The ad's lines with their section kind, and the headings met (number, text)."""
    out: list[_Line] = []
    headings: list[tuple[int, str]] = []
    kind = "header"
    for number, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            continue
        found = _heading(raw, words)
        if found == "other" and not out and not headings:
            found = None  # the first line of an ad is its title ("# Data Engineer")
        if found is not None:
            kind = found
            headings.append((number, clean_line(raw).rstrip(":")))
            continue
        text = clean_line(raw)
        if text:
            out.append(_Line(number, raw, text, kind))
    return out, headings


# ------------------------------------------------------------------ title and company


def _tidy_title(text: str) -> str:
    text = " ".join(_EMOJI.sub(" ", text).split()).strip(" -–—|·:")
    if text.isupper():
        words = text.split()
        text = " ".join(
            w.lower() if w.lower() in _SMALL and i else (w.capitalize() if len(w) > 2 else w)
            for i, w in enumerate(words)
        )
    return text[:200]


def _company_from(text: str) -> str:
    first = re.split(r"\s*[·|•]\s*|\s+[-–—]\s+|,\s*", text)[0]
    first = re.sub(r"\s*\([^)]*\)\s*$", "", first).strip(" *_")
    words = first.split()
    if not 1 <= len(words) <= 6 or not first[:1].isupper():
        return ""
    if re.search(r"\d|remote|hybrid|full-time|part-time|contract|permanent", first, re.I):
        return ""
    return first


def _title_and_company(
    lines: list[_Line], headings: list[tuple[int, str]], title: str, company: str
) -> tuple[str, str]:
    for line in lines[:12]:
        label = _LABEL.match(line.text)
        if not label:
            continue
        value = label.group("value").split(" | ")[0].strip()
        if label.group("label").lower().startswith(("company", "organ", "employer", "hiring")):
            company = company or re.sub(r"\s*\([^)]*\)\s*$", "", value).strip()
        else:
            title = title or value
    header = [line for line in lines if line.kind == "header"][:4]
    if not title and header:
        first = header[0].text
        parts = _TITLE_SPLIT.split(first, maxsplit=1)
        below = _company_from(header[1].text) if len(header) > 1 else ""
        strong = re.search(r"\s(?:@|at|—|\|)\s", first)
        if len(parts) == 2 and title_part(parts[0]) and (strong or not below):
            title, company = parts[0], company or _company_from(parts[1])
        else:
            title = first
    if title and not company:
        # "Title @ Company" as the first line, or the company first on the next line.
        for i, line in enumerate(header):
            parts = _TITLE_SPLIT.split(line.text, maxsplit=1)
            if len(parts) == 2 and _tidy_title(parts[0]) == _tidy_title(title):
                company = _company_from(parts[1])
            elif _tidy_title(line.text).startswith(_tidy_title(title)) and i + 1 < len(header):
                candidate = header[i + 1].text
                if not _LABEL.match(candidate):
                    company = _company_from(candidate)
            if company:
                break
    if not company:
        for _, text in headings:
            about = re.match(r"^about\s+(?!the\b|us\b|you\b|the role\b)(.+)$", text, re.I)
            if about and _company_from(about.group(1)):
                company = _company_from(about.group(1))
                break
    return _tidy_title(title), company.strip()[:200]


# ------------------------------------------------------------------ skills


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a line; a table row (cells split by " | ") is one clause."""
    if " | " in text:
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSES.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _level(clause: str, words: _Words) -> int | None:
    """The level a clause asks for, by LEVEL_RULE, or None when it says nothing."""
    level: int | None = None
    for value, pattern in words.levels:
        if pattern.search(clause):
            level = value
            break
    years = [int(m.group(1)) for m in _YEARS.finditer(clause)]
    if years:
        n = max(years)
        by_years = 4 if n >= 5 else 3 if n >= 3 else 2
        level = max(level or 0, by_years)
    return level


def _priority(base: Priority, clause: str, words: _Words) -> Priority:
    if words.nice.search(clause):
        return "nice-to-have"
    if words.critical.search(clause):
        return "critical"
    return base


def read_job_lines(
    raw_lines: list[str],
    catalog: Catalog,
    title: str = "",
    company: str = "",
    page_title: str = "",
) -> JobAd:
    """Read the lines of a job ad into what it asks for (see the module's docstring)."""
    words = _words()
    lines, headings = _lines(raw_lines, words)
    if not lines:
        raise CvError("the ad has no text")
    title, company = _title_and_company(lines, headings, title, company)
    if not title and page_title:
        title = _tidy_title(_TITLE_SPLIT.split(page_title)[0])
    match = matcher(catalog)
    best: dict[str, tuple[Priority, int, _Line]] = {}
    levels: dict[str, int] = {}
    unmatched: list[str] = []
    years: list[int] = []
    title_key = title.casefold()
    for line in lines:
        if line.kind == "none":
            continue
        if line.kind in ("required", "duties", "header", "other"):
            years += [int(m.group(1)) for m in _YEARS.finditer(line.text)]
        if line.kind == "header" and (line.text.casefold() == title_key or _LABEL.match(line.text)):
            continue  # the job's name is not a requirement ("Platform Engineer")
        base = _HEADING_PRIORITY[line.kind]
        # A requirements list names skills, so ordinary-word names ("Go") count there.
        found = line_skills(line.text, line.kind in ("required", "preferred"), match)
        if not found and line.kind in ("required", "preferred") and len(line.text.split()) >= 2:
            unmatched.append(evidence_of(line.raw))
        spans = _clauses(line.text)
        for hit in found:
            clause = next((line.text[a:b] for a, b in spans if a <= hit.start <= b), line.text)
            priority = _priority(base, clause, words)
            level = _level(clause, words)
            if level is None:
                level = 2 if priority == "nice-to-have" else 3
            held = best.get(hit.skill)
            if held is None or _RANK[priority] > _RANK[held[0]]:
                best[hit.skill] = (priority, level, line)
            levels[hit.skill] = max(levels.get(hit.skill, 0), level)
    skills = [
        JobSkill(
            skill=skill_id,
            name=catalog.skill_name(skill_id),
            priority=priority,
            level=max(1, min(5, levels[skill_id])),
            evidence=evidence_of(line.raw),
            line_number=line.number,
        )
        for skill_id, (priority, _, line) in best.items()
    ]
    skills.sort(key=lambda s: (-_RANK[s.priority], -s.level, catalog.order_of(s.skill)))
    warnings = []
    if not skills:
        warnings.append("the ad names no skill of the catalog")
    if not any(line.kind == "required" for line in lines):
        warnings.append("no requirements heading was found; priorities are guesses")
    return JobAd(
        title=title,
        company=company,
        years_required=float(max(years)) if years else None,
        skills=skills,
        unmatched=unmatched,
        warnings=warnings,
    )


def job_text(ad: JobAd, source: str) -> str:
    """The ad as plain text, for the person to check."""
    years = f"{ad.years_required:g}" if ad.years_required is not None else "(not stated)"
    out = [
        f"Job ad from {source}",
        f"  Title:    {ad.title or '(not found)'}",
        f"  Company:  {ad.company or '(not found)'}",
        f"  Years:    {years}",
        "",
        f"Skills asked for ({len(ad.skills)})",
    ]
    if not ad.skills:
        out.append("  (none)")
    width = max((len(s.name) for s in ad.skills), default=10)
    for s in ad.skills:
        out.append(
            f"  {s.name:<{width}}  {s.priority:<12} level {s.level}  line {s.line_number}: "
            f"{s.evidence}"
        )
    if ad.unmatched:
        out += ["", "Requirements that named no catalog skill"]
        out += [f"  - {text}" for text in ad.unmatched]
    if ad.warnings:
        out += ["", "Notes"] + [f"  - {w}" for w in ad.warnings]
    return "\n".join(out)


__all__ = ["GAP", "LEVEL_RULE", "JobAd", "JobSkill", "job_text", "read_job", "read_job_text"]
