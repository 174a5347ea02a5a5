"""Read a CV into a draft profile: name, years of experience, focus and skills with evidence.

The draft is for the person to confirm; nothing here saves anything. Storage turns a
confirmed draft into a profile with `read_cv(path, catalog).to_profile(hours_per_week)`.

How it reads a CV:

- Lines are grouped into sections by their headings (Experience, Skills, Projects, ...).
- Years of experience are the date ranges of the experience section, overlaps merged.
  "Jan 2020 - Mar 2022" counts both end months (27 months); a year on its own counts whole
  ("2021 - 2023" is three years, so "2011 - 2016" then "2017 - Present" leaves no gap);
  "Present" counts the current month.
- Skills are the catalog's names and aliases, matched on word boundaries. Aliases that are
  ordinary words ("monitoring", "caching") count only in a list of skills; names that are
  capitalised ordinary words ("Go", "Swift", "Chef") need another skill on the same line
  or a list of skills; the letters C and R count only in a list of languages or as
  "in C", "R programming".
- A suggested level from how a skill appears: only listed 1 (awareness), used in a project
  or studies 2 (working), used in a job 3 (independent), in jobs lasting 4 years or more
  4 (advanced). The person raises or lowers it when confirming.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from skillpath.core.catalog import Catalog
from skillpath.core.cv_text import read_cv_file
from skillpath.core.errors import CvError
from skillpath.core.models import LEVEL_NAMES, Level, Profile

Basis = Literal["listed", "project", "role"]
BASIS_LEVEL: dict[str, int] = {"listed": 1, "project": 2, "role": 3}
ADVANCED_YEARS = 4.0  # used in jobs this long: suggested level 4
_BASIS_RANK: dict[str, int] = {"listed": 0, "project": 1, "role": 2}


class CvSkill(BaseModel):
    """A catalog skill found in the CV, with the line that shows it."""

    skill: str
    name: str
    level: Level
    basis: Basis
    evidence: str
    line_number: int


class CvDraft(BaseModel):
    """What a CV says about the person, for them to confirm before anything is saved."""

    name: str = ""
    years_experience: float = Field(default=0.0, ge=0)
    focus: str = ""
    skills: list[CvSkill] = []
    warnings: list[str] = []

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
    return draft


def read_cv_text(text: str, catalog: Catalog, today: dt.date | None = None) -> CvDraft:
    """Read the text of a CV into a draft profile (see `read_cv`)."""
    return read_cv_lines(text.splitlines(), catalog, today)


# ------------------------------------------------------------------ lines and sections

SectionKind = Literal[
    "header", "summary", "experience", "education", "skills", "projects", "certifications", "other"
]

_HEADINGS: dict[SectionKind, tuple[str, ...]] = {
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "relevant experience",
        "professional background",
        "career",
        "previous career",
        "earlier career",
        "previous experience",
        "other experience",
        "industry experience",
        "internships",
        "internship experience",
        "experience and internships",
        "berufserfahrung",
        "experiencia laboral",
        "experiencia profesional",
        "expérience professionnelle",
        "experience professionnelle",
        "positions",
    ),
    "education": (
        "education",
        "education and training",
        "academic background",
        "qualifications",
        "academic qualifications",
        "ausbildung",
        "formación",
        "formation",
        "studies",
        "education & training",
        "degrees",
    ),
    "skills": (
        "skills",
        "technical skills",
        "core skills",
        "key skills",
        "core competencies",
        "competencies",
        "technologies",
        "tech stack",
        "technical expertise",
        "tools",
        "tools and technologies",
        "tools & technologies",
        "toolbox",
        "expertise",
        "skills and tools",
        "skill set",
        "skillset",
        "digital skills",
        "job-related skills",
        "programming languages",
        "languages and frameworks",
        "areas of expertise",
        "kenntnisse",
        "competences",
        "technical summary",
        "stack",
        "languages",
        "language skills",
        "skills summary",
        "technical proficiencies",
        "it skills",
        "computer skills",
        "frameworks",
        "platforms",
        "databases",
        "cloud",
        "devops",
        "skills & tools",
        "skills and technologies",
        "technical skills and tools",
    ),
    "projects": (
        "projects",
        "personal projects",
        "side projects",
        "selected projects",
        "open source",
        "open-source",
        "academic projects",
        "portfolio",
        "hackathons",
        "key projects",
        "open source contributions",
        "projects and open source",
    ),
    "certifications": (
        "certifications",
        "certificates",
        "licenses and certifications",
        "licenses & certifications",
        "courses",
        "training",
        "courses and certifications",
        "certifications and training",
        "awards",
        "certifications & training",
    ),
    "summary": (
        "summary",
        "profile",
        "professional summary",
        "about",
        "about me",
        "objective",
        "career objective",
        "personal statement",
        "overview",
        "personal profile",
        "executive summary",
        "career summary",
    ),
    "other": (
        "interests",
        "hobbies",
        "references",
        "volunteering",
        "volunteer experience",
        "publications",
        "personal information",
        "personal details",
        "contact",
        "achievements",
        "activities",
        "extracurricular activities",
        "talks",
        "patents",
        "additional information",
    ),
}
_HEADING_KIND: dict[str, SectionKind] = {
    phrase: kind for kind, phrases in _HEADINGS.items() for phrase in phrases
}
_MD = re.compile(r"\*\*|__|`|^#+\s*|^>\s*")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BULLET = re.compile(r"^[\s\-*•▪●◦‣∙·–—>|]+")
_URLISH = re.compile(
    r"\S+://\S+|www\.\S+|\S+@\S+\.\S+|\b(?:github|gitlab|linkedin|bitbucket)\.(?:com|org)/\S*",
    re.IGNORECASE,
)
_INLINE_HEADING = re.compile(r"^([^:|]{2,40}?)\s*[:|]\s*\S")
# A consent clause for personal data is boilerplate, not a skill in GDPR.
_BOILERPLATE = re.compile(
    r"(consent|authori[sz]e|permission).{0,80}(personal data|data protection)", re.IGNORECASE
)


@dataclass
class Line:
    number: int  # 1-based, in the order the text was read
    raw: str  # as shown for evidence
    text: str  # cleaned for matching
    section: SectionKind
    inline_kind: SectionKind | None = None  # "Skills: Python, Go" on one line

    @property
    def kind(self) -> SectionKind:
        return self.inline_kind or self.section


def _clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).replace("’", "'").replace("\t", " | ")
    text = _MD_LINK.sub(r"\1", text)
    text = _MD.sub("", text.strip())
    return _BULLET.sub("", text).strip()


def _heading_key(text: str) -> str:
    key = text.casefold().strip().strip(":|#*_=-–— ").strip()
    key = key.replace("&", " & ")
    return " ".join(re.sub(r"[^\w&\s-]", " ", key).split())


def heading_kind(text: str) -> SectionKind | None:
    """The section a heading line starts, or None when the line is not a heading."""
    if not text or len(text) > 45:
        return None
    return _HEADING_KIND.get(_heading_key(text))


def _sections(raw_lines: Iterable[str]) -> list[Line]:
    out: list[Line] = []
    section: SectionKind = "header"
    for number, raw in enumerate(raw_lines, start=1):
        text = _clean(raw)
        if not text:
            continue
        kind = heading_kind(text)
        if kind is not None:
            section = kind
            continue
        line = Line(number, raw.strip(), text, section)
        inline = _INLINE_HEADING.match(text)
        if inline:
            line.inline_kind = heading_kind(inline.group(1))
        out.append(line)
    return out


# ------------------------------------------------------------------ dates

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar enero ene janvier janv",
        "february feb februar febrero février fevrier févr fevr fév",
        "march mar märz maerz mrz marzo mars",
        "april apr abril abr avril avr",
        "may mai mayo",
        "june jun juni junio juin",
        "july jul juli julio juillet juil",
        "august aug agosto ago août aout",
        "september sep sept septembre septiembre setiembre",
        "october oct oktober okt octubre octobre",
        "november nov noviembre novembre",
        "december dec dezember dez diciembre dic décembre decembre déc",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_SEASON_ALT = "|".join(_SEASONS)
_DATE = (
    r"(?:\d{1,2}\.\d{1,2}\.(?:19|20)\d\d"
    rf"|(?:{_MONTH_ALT})\.?,?\s*(?:19|20)\d\d"
    rf"|(?:{_SEASON_ALT})\s+(?:19|20)\d\d"
    r"|\d{1,2}\s*[/.]\s*(?:19|20)\d\d"
    r"|(?:19|20)\d\d\s*[/-]\s*\d{1,2}(?!\d)"
    r"|(?:19|20)\d\d)"
)
_PRESENT = (
    r"(?:present|now|current(?:ly)?|today|ongoing|date|heute|aktuell|actualidad|actual"
    r"|presente|aujourd'hui|jetzt|dato)"
)
_SEP = r"\s*(?:-|–|—|−|~|to|until|till|through|thru|bis|hasta|au|à|a)\s*"
_RANGE = re.compile(
    rf"(?<![\w/.])(?P<start>{_DATE}){_SEP}(?P<end>{_DATE}|{_PRESENT})(?![\w/])"
    rf"|(?:since|seit|desde|depuis|from)\s+(?P<since>{_DATE})(?![\w/])(?!{_SEP}\w)"
    rf"|(?<![\w/.])(?P<open>{_DATE})\s*(?:-|–|—)\s*$"
    rf"|(?<![\w/.])(?P<season>(?:{_SEASON_ALT})\s+(?:19|20)\d\d)(?![\w/])",
    re.IGNORECASE,
)
_DATE_PARTS = re.compile(
    r"(?P<dmy>\d{1,2})\.(?P<dmy_m>\d{1,2})\.(?P<dmy_y>\d{4})"
    rf"|(?P<mname>{_MONTH_ALT})\.?,?\s*(?P<mname_y>\d{{4}})"
    rf"|(?P<season>{_SEASON_ALT})\s+(?P<season_y>\d{{4}})"
    r"|(?P<my_m>\d{1,2})\s*[/.]\s*(?P<my_y>\d{4})"
    r"|(?P<ym_y>\d{4})\s*[/-]\s*(?P<ym_m>\d{1,2})"
    r"|(?P<y>\d{4})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Point:
    year: int
    month: int | None  # None: only the year is known
    season: bool = False


def _parse_date(text: str) -> _Point | None:
    m = _DATE_PARTS.fullmatch(text.strip())
    if not m:
        return None
    g = m.groupdict()
    if g["dmy"]:
        year, month = int(g["dmy_y"]), int(g["dmy_m"])
    elif g["mname"]:
        year, month = int(g["mname_y"]), _MONTHS[g["mname"].casefold()]
    elif g["season"]:
        return _Point(int(g["season_y"]), _SEASONS[g["season"].casefold()], season=True)
    elif g["my_m"]:
        year, month = int(g["my_y"]), int(g["my_m"])
    elif g["ym_y"]:
        year, month = int(g["ym_y"]), int(g["ym_m"])
    else:
        return _Point(int(g["y"]), None)
    if not 1 <= month <= 12:
        return None
    return _Point(year, month)


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def date_ranges(text: str, today: dt.date) -> list[tuple[int, int]]:
    """Date ranges in a line as [start, end) month indexes (year * 12 + month - 1).

    Returns:
        The ranges that make sense (start before end, not in the future), in line order.
    """
    now = _month_index(today.year, today.month) + 1
    out: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text):
        if m.group("season"):
            point = _parse_date(m.group("season"))
            if point and point.month:
                start = _month_index(point.year, point.month)
                out.append((start, min(start + 3, now)))
            continue
        start_text = m.group("start") or m.group("since") or m.group("open")
        start_point = _parse_date(start_text)
        if start_point is None:
            continue
        start = _month_index(start_point.year, start_point.month or 1)
        end_text = m.group("end")
        end_point = _parse_date(end_text) if end_text else None
        if end_text and end_point is None and not re.fullmatch(_PRESENT, end_text, re.I):
            continue
        if end_point is None:
            end = now
        elif end_point.month is None:
            # A year on its own ends with December, as a month ends on its last day, so that
            # "2011 - 2016" then "2017 - Present" leaves no gap.
            end = end_point.year * 12 + 12
        elif end_point.season:
            end = _month_index(end_point.year, end_point.month) + 3
        else:
            end = _month_index(end_point.year, end_point.month) + 1
        end = min(end, now)
        if start_point.year < 1950 or start >= end:
            continue
        out.append((start, end))
    return out


def merged_months(ranges: Iterable[tuple[int, int]]) -> int:
    """Months covered by the ranges, overlaps counted once."""
    total = 0
    current: tuple[int, int] | None = None
    for start, end in sorted(ranges):
        if current is None or start > current[1]:
            if current:
                total += current[1] - current[0]
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    if current:
        total += current[1] - current[0]
    return total


# ------------------------------------------------------------------ skills

# Aliases that are ordinary words: evidence only in a list of skills.
WEAK_TERMS = frozenset(
    {
        "caching",
        "containers",
        "monitoring",
        "logging",
        "documentation",
        "compliance",
        "dashboards",
        "inference",
        "consensus",
        "concurrency",
        "encryption",
        "probability",
        "networking",
        "presentations",
        "experimentation",
        "scalability",
        "troubleshooting",
        "risk management",
        "on-call",
        "normalization",
        "high availability",
        "embeddings",
        "capacity planning",
        "explainability",
        "firewalls",
        "open source",
        "forecasting",
        "profiling",
        "debugging",
        "refactoring",
        "hiring",
        "recruiting",
        "negotiation",
        "negotiating",
        "roadmaps",
        "roadmapping",
        "goal setting",
        "spreadsheets",
        "time series",
        "time-series",
        "benchmarking",
        "interpreters",
        "compilers",
        "legacy code",
        "tech debt",
        "technical debt",
        "design docs",
        "data products",
        "push notifications",
        "code quality",
        "linting",
        "linters",
        "performance reviews",
        "career development",
        "direct reports",
        "team structure",
        "release management",
        "machine images",
        "golden images",
        "reverse proxy",
        "evals",
        "data validation",
        "static analysis",
        "manual testing",
        "test plan",
        "project planning",
        "product thinking",
        "user stories",
        "data protection",
        "fraud detection",
        "business continuity",
        "profilers",
        "regex",
        "engineering metrics",
        "developer productivity",
        "code smells",
    }
)
# Capitalised names that are also ordinary words: need another skill on the line, a list of
# skills, or "in/with/using" before them; matched only with the catalog's capitals.
AMBIGUOUS_NAMES = frozenset(
    {
        "go",
        "swift",
        "spring",
        "express",
        "chef",
        "puppet",
        "spark",
        "helm",
        "flux",
        "expo",
        "apollo",
        "compose",
        "chroma",
        "node",
        "ruby",
        "rails",
    }
)
# Names that are ordinary words in lower case: matched only with the catalog's capitals.
CAPITALISED_NAMES = frozenset(
    {
        "angular",
        "flutter",
        "kafka",
        "vite",
        "lighthouse",
        "redshift",
        "pinecone",
        "okta",
        "rust",
        "airflow",
        "torch",
        "babel",
        "celery",
        "yarn",
        "dart",
        "solid",
        "flask",
        "jest",
        "looker",
        "prefect",
        "kanban",
        "scrum",
        "agile",
    }
)
# Short acronyms are matched with their capitals ("ML" is not "ml"), except these.
_CASE_SENSITIVE_MAX = 4
_ANY_CASE = frozenset({"sql", "aws", "gcp", "php", "css", "css3", "html", "jvm", "scss", "html5"})
_SINGLE_LETTERS = frozenset({"c", "r"})
_LIST_SPLIT = re.compile(r"\s*(?:[,;|/·•]|\band\b|\s&\s)\s*")
_TECH_BEFORE = re.compile(r"(?:\b(?:in|with|using|via)\s+|[(/,]\s*)$", re.IGNORECASE)
_LETTER_CONTEXT = re.compile(
    r"\b(?i:in|with|using|language|languages|programming)\s+(?P<a>[CR])\b(?![-+#&'.]\w|\+\+|#)"
    r"|\b(?P<b>[CR])\s+(?:programming|language|scripts?|code|development|packages?|shiny)\b"
)
# Capitalised words that mean something else next to what follows them.
_NOT_AFTER: dict[str, re.Pattern[str]] = {
    "go": re.compile(r"^(?:-to\b|-live\b|\s+live\b|-getter|\s+to\b)", re.IGNORECASE),
    "spring": re.compile(r"^\s*(?:'?\d{2,4}\b|semester|term|break|break)", re.IGNORECASE),
    "swift": re.compile(r"^\s+(?:code|payments?|network|transfer)", re.IGNORECASE),
}


@dataclass(frozen=True)
class _Term:
    skill: str
    text: str
    weak: bool
    ambiguous: bool


@dataclass
class _Matcher:
    by_first: dict[str, re.Pattern[str]]
    terms: dict[str, _Term]
    letters: dict[str, str]  # "C" -> skill id


def _term_key(text: str) -> str:
    return re.sub(r"[\s._\-]+", "", text.casefold())


def _term_regex(term: str, case_sensitive: bool) -> str:
    out: list[str] = []
    chunks = re.findall(r"[^\W_]+|\s+|.", term)
    for index, chunk in enumerate(chunks):
        between = 0 < index < len(chunks) - 1
        if chunk[0].isalnum():
            out.append(re.escape(chunk))
        elif between and (chunk.isspace() or chunk in "-._"):
            out.append(r"[\s._-]?" if chunk in "-._" else r"[\s_-]?")
        elif chunk in "/&":
            out.append(r"\s*" + re.escape(chunk) + r"\s*")
        else:
            out.append(re.escape(chunk))
    body = "".join(out)
    return body if case_sensitive else f"(?i:{body})"


def _build_matcher(catalog: Catalog) -> _Matcher:
    terms: dict[str, _Term] = {}
    patterns: dict[str, list[tuple[int, str]]] = {}
    letters: dict[str, str] = {}
    for skill in catalog.skills.values():
        for text in (skill.name, *skill.aliases):
            text = text.strip()
            key = _term_key(text)
            if not key or key in terms:
                continue
            if key in _SINGLE_LETTERS and len(text) == 1:
                letters[text.upper()] = skill.id
                continue
            folded = text.casefold()
            weak = folded in WEAK_TERMS
            ambiguous = folded in AMBIGUOUS_NAMES
            case_sensitive = (
                ambiguous
                or folded in CAPITALISED_NAMES
                or (
                    text.isupper()
                    and len(text) <= _CASE_SENSITIVE_MAX
                    and " " not in text
                    and folded not in _ANY_CASE
                )
            )
            terms[key] = _Term(skill.id, text, weak, ambiguous)
            first = text[0].casefold()
            patterns.setdefault(first, []).append((len(text), _term_regex(text, case_sensitive)))
    by_first: dict[str, re.Pattern[str]] = {}
    for first, items in patterns.items():
        items.sort(key=lambda item: -item[0])
        alternation = "|".join(body for _, body in items)
        by_first[first] = re.compile(rf"(?:{alternation})(?![^\W_]|@|\.[^\W\d_])")
    return _Matcher(by_first, terms, letters)


_MATCHERS: dict[int, tuple[Catalog, _Matcher]] = {}


def _matcher(catalog: Catalog) -> _Matcher:
    cached = _MATCHERS.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        cached = (catalog, _build_matcher(catalog))
        _MATCHERS[id(catalog)] = cached
    return cached[1]


_START = re.compile(r"(?<![\w.@#+])[^\W_]|(?<![\w@])\.(?=[a-zA-Z])")


def _is_list_like(text: str) -> bool:
    """A line that lists short items: "Tools: Docker, Helm, Terraform"."""
    items = [i for i in re.split(r"\s*[,;|·•]\s*", text) if i.strip()]
    return len(items) >= 3 and sum(len(i.split()) <= 3 for i in items) >= 0.8 * len(items)


def _line_skills(line: Line, matcher: _Matcher) -> list[str]:
    """Skill ids found on one line, in order."""
    text = _URLISH.sub(" ", line.text)
    if _BOILERPLATE.search(text):
        return []
    found: list[tuple[_Term, int, int]] = []
    pos = 0
    while True:
        start = _START.search(text, pos)
        if start is None:
            break
        at = start.start()
        pattern = matcher.by_first.get(text[at].casefold())
        m = pattern.match(text, at) if pattern else None
        if m is None:
            pos = at + 1
            continue
        term = matcher.terms.get(_term_key(m.group()))
        if term is not None:
            found.append((term, m.start(), m.end()))
        pos = m.end()
    in_list = line.kind == "skills" or _is_list_like(text)
    kept: list[str] = []
    solid = {t.skill for t, _, _ in found if not t.weak and not t.ambiguous}
    for term, begin, end in found:
        if term.weak and not in_list:
            continue
        if term.ambiguous:
            blocker = _NOT_AFTER.get(term.text.casefold())
            if (blocker and blocker.match(text[end:])) or text[end:].startswith("'s"):
                continue  # "Go-to person", "Spring 2023", "the Chef's table"
            others = solid - {term.skill} or {
                t.skill for t, b, _ in found if t.ambiguous and b != begin
            }
            if not (in_list or others or _TECH_BEFORE.search(text[:begin])):
                continue
        kept.append(term.skill)
    kept.extend(_letter_skills(text, kept, line.kind == "skills", matcher))
    return kept


def _letter_skills(text: str, others: list[str], in_skills: bool, matcher: _Matcher) -> list[str]:
    """C and R, only where they are clearly languages."""
    out: list[str] = []
    for m in _LETTER_CONTEXT.finditer(text):
        letter = m.group("a") or m.group("b")
        if letter in matcher.letters:
            out.append(matcher.letters[letter])
    if others or in_skills:
        items = [i.strip() for i in _LIST_SPLIT.split(text)]
        for item in items:
            bare = re.sub(r"\s*\([^)]*\)$", "", item).strip()
            bare = re.sub(r"^[^:]{1,30}:\s*", "", bare)
            if bare in matcher.letters and (len(items) >= 2):
                out.append(matcher.letters[bare])
    return out


# ------------------------------------------------------------------ name and focus

_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'.\-]*$|^\([^)]+\)$")
_NAME_LABEL = re.compile(r"^(?:full\s+)?name\s*[:|]\s*(?P<name>.+)$", re.IGNORECASE)
_NOT_NAME = {"curriculum vitae", "resume", "résumé", "cv", "lebenslauf", "page", "confidential"}
TITLE_WORDS = frozenset(
    {
        "engineer",
        "developer",
        "scientist",
        "analyst",
        "architect",
        "manager",
        "designer",
        "consultant",
        "lead",
        "administrator",
        "specialist",
        "researcher",
        "programmer",
        "student",
        "intern",
        "director",
        "officer",
        "head",
        "cto",
        "vp",
        "sre",
        "devops",
        "tester",
        "technician",
        "nurse",
        "chef",
        "teacher",
        "accountant",
        "principal",
        "fellow",
        "founder",
        "freelancer",
        "contractor",
        "coordinator",
        "trainee",
        "apprentice",
        "entwickler",
        "ingenieur",
        "desarrollador",
        "ingeniero",
        "développeur",
        "ingénieur",
        "graduate",
        "undergraduate",
        "owner",
        "assistant",
        "associate",
        "pentester",
        "maintainer",
        "advocate",
        "executive",
        "partner",
        "instructor",
    }
)


def _is_cjk(text: str) -> bool:
    return bool(text) and all(
        "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in text
    )


def _name_from(text: str) -> str | None:
    label = _NAME_LABEL.match(text)
    if label:
        text = label.group("name").split("|")[0].strip()
        if text.count(",") == 1:  # "MÜLLER, Anna"
            surname, _, given = text.partition(",")
            text = f"{given.strip()} {surname.strip()}"
    first = re.split(r"\s+[|·•–—-]\s+|\s*\|\s*|,\s*", text)[0].strip()
    if first.casefold() in _NOT_NAME or "@" in first:
        return None
    tokens = first.split()
    if len(tokens) == 1 and _is_cjk(tokens[0]) and 2 <= len(tokens[0]) <= 4:
        return first
    if not 2 <= len(tokens) <= 6 or not all(_NAME_TOKEN.match(t) for t in tokens):
        return None
    words = {t.casefold().strip(".,()") for t in tokens}
    if words & TITLE_WORDS or heading_kind(first):
        return None
    if not any(t[0].isupper() for t in tokens if t[0].isalpha()):
        return None
    # Names set in capitals ("MÜLLER-WEISS", "O'BRIEN") are shown in title case.
    return " ".join(t.title() if t.isupper() and len(t) > 2 else t for t in tokens)


def _find_name(lines: list[Line]) -> tuple[str, int | None]:
    for line in lines[:20]:
        label = _NAME_LABEL.match(line.text)
        if label:
            name = _name_from(line.text)
            if name:
                return name, line.number
    for line in lines[:8]:
        if line.section not in ("header", "summary", "other"):
            break
        name = _name_from(line.text)
        if name:
            return name, line.number
    return "", None


def _title_part(text: str) -> str | None:
    """The part of a line that is a job title, or None."""
    for part in re.split(r"\s*[|·•,]\s*|\s+[–—-]\s+|\s+(?:at|@)\s+", text):
        words = part.split()
        if not words or len(words) > 8 or "@" in part or re.search(r"\d{3}", part):
            continue
        if {w.casefold().strip(".,()/") for w in words} & TITLE_WORDS:
            return part.strip(" -–—:")
    return None


# ------------------------------------------------------------------ reading


@dataclass
class _Entry:
    ranges: list[tuple[int, int]]
    line_index: int
    lines: list[Line] = field(default_factory=list)


_YEARS_CLAIM = re.compile(
    r"(\d{1,2}(?:\.\d)?)\+?\s*(?:years|yrs)\s+(?:of\s+)?(?:professional\s+|industry\s+|"
    r"hands-on\s+|work\s+)?experience",
    re.IGNORECASE,
)


def read_cv_lines(raw_lines: list[str], catalog: Catalog, today: dt.date | None = None) -> CvDraft:
    """Read the lines of a CV in reading order into a draft profile."""
    today = today or dt.date.today()
    lines = _sections(raw_lines)
    warnings: list[str] = []
    if not lines:
        raise CvError("the CV has no text")

    name, name_line = _find_name(lines)
    if not name:
        warnings.append("no name was found; type it in")

    # Experience entries: each line with a date range starts one.
    entries: list[_Entry] = []
    entry_of: dict[int, _Entry] = {}
    experience = [i for i, line in enumerate(lines) if line.section == "experience"]
    for i in experience:
        ranges = date_ranges(lines[i].text, today)
        if ranges:
            entries.append(_Entry(ranges, i))
        if entries:
            entries[-1].lines.append(lines[i])
            entry_of[lines[i].number] = entries[-1]
    if experience and entries and experience[0] < entries[0].line_index:
        for i in experience:
            if i >= entries[0].line_index:
                break
            entry_of[lines[i].number] = entries[0]

    months = merged_months(r for e in entries for r in e.ranges)
    years = round(months / 12, 1)
    if not experience:
        warnings.append("no experience section was found; years of experience not counted")
    elif not entries:
        warnings.append("the experience section has no dates that could be read")
    if not entries:
        for line in lines:
            claim = _YEARS_CLAIM.search(line.text)
            if claim and line.section in ("header", "summary"):
                years = float(claim.group(1))
                warnings.append(f"years of experience taken from line {line.number}")
                break

    focus = _find_focus(lines, entries, name_line)

    matcher = _matcher(catalog)
    best: dict[str, tuple[Basis, Line]] = {}
    role_ranges: dict[str, list[tuple[int, int]]] = {}
    for line in lines:
        if line.number == name_line:
            continue
        basis: Basis = "listed"
        entry = entry_of.get(line.number)
        if line.section == "experience" and entry is not None and line.inline_kind is None:
            basis = "role"
        elif line.section == "projects" or (
            line.section == "education" and re.search(r"project|thesis|capstone", line.text, re.I)
        ):
            basis = "project"
        for skill_id in _line_skills(line, matcher):
            if basis == "role" and entry is not None:
                role_ranges.setdefault(skill_id, []).extend(entry.ranges)
            held = best.get(skill_id)
            if held is None or _BASIS_RANK[basis] > _BASIS_RANK[held[0]]:
                best[skill_id] = (basis, line)

    skills: list[CvSkill] = []
    for skill_id, (found_basis, line) in best.items():
        level = BASIS_LEVEL[found_basis]
        if (
            found_basis == "role"
            and merged_months(role_ranges.get(skill_id, [])) >= 12 * ADVANCED_YEARS
        ):
            level = 4
        evidence = line.text if len(line.text) <= 200 else line.text[:197] + "..."
        skills.append(
            CvSkill(
                skill=skill_id,
                name=catalog.skill_name(skill_id),
                level=level,
                basis=found_basis,
                evidence=evidence,
                line_number=line.number,
            )
        )
    skills.sort(key=lambda s: (-s.level, catalog.order_of(s.skill)))
    if not skills:
        warnings.append("no skills from the catalog were found; add them by hand")
    return CvDraft(name=name, years_experience=years, focus=focus, skills=skills, warnings=warnings)


def _find_focus(lines: list[Line], entries: list[_Entry], name_line: int | None) -> str:
    """A headline under the name, else the title of the most recent job."""
    if name_line is not None:
        after = [line for line in lines if line.number > name_line][:3]
        for line in after:
            if line.section != "header":
                break
            title = _title_part(line.text)
            if title:
                return title[:200]
    if not entries:
        return ""
    latest = max(entries, key=lambda e: (max(end for _, end in e.ranges), -e.line_index))
    i = latest.line_index
    candidates = [_RANGE.sub(" ", lines[i].text)]
    candidates += [
        lines[j].text
        for j in (i - 1, i + 1, i - 2)
        if 0 <= j < len(lines) and lines[j].section == "experience"
    ]
    for text in candidates:
        title = _title_part(text)
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
    if draft.warnings:
        out += ["", "Notes"] + [f"  - {w}" for w in draft.warnings]
    return "\n".join(out)
