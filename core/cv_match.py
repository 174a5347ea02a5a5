"""Catalog skills named in a line of text, matched on word boundaries, built once per catalog.

How a name is found: every name and alias of the catalog (and the extra phrases of
resources/cv/terms.toml) is reduced to a key (lower case, no spaces, no ".", "-" or "_"
between letters), and one Aho-Corasick automaton finds every key in a line reduced the same
way, in one pass. Each hit is then checked against the line itself: it must start and end
on a word boundary, keep the name's capitals where they matter ("Go", "ML"), and have
separators only where the name has them ("Node.js" = "NodeJS" = "node js", but "Java Script"
is not "JavaScript"). At each position the longest name wins.

What a name counts for: aliases that are ordinary words ("monitoring", "caching") count only
in a list of skills; capitalised ordinary words ("Go", "Swift", "Chef") need another skill on
the same line, a list of skills, or "in/with/using" before them; the letters C and R count
only in a list of languages or as "in C", "R programming". A name after "learning",
"interested in" or "familiar with" in the same clause is marked as being learnt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from skillpath.core.catalog import Catalog
from skillpath.core.cv_words import CvWords, cv_words

_CASE_SENSITIVE_MAX = 4  # acronyms up to this length keep their capitals
_SINGLE_LETTERS = frozenset({"c", "r"})
_LONG_TOKEN = re.compile(r"\S{80,}")  # no name is this long: a URL, a hash, a blob
_DROP = re.compile(r"\s+|(?<=[^\W_])[._-](?=[^\W_])")
_CHUNKS = re.compile(r"[^\W_]+|\s+|.")
_START = re.compile(r"(?<![\w.@#+])[^\W_]|(?<![\w@])\.(?=[a-zA-Z])")
_END_BLOCK = re.compile(r"[^\W_]|@|\.[^\W\d_]")
# Linear: a scheme of at most 20 letters, an address of bounded parts, a bare host.
_URLISH = re.compile(
    r"(?<![\w+.-])[A-Za-z][\w+.-]{0,20}://\S*"
    r"|(?<![\w.])www\.\S*"
    r"|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+"
    r"|\b(?:github|gitlab|linkedin|bitbucket)\.(?:com|org)/\S*",
    re.IGNORECASE,
)
# A consent clause for personal data is boilerplate, not a skill in GDPR.
_BOILERPLATE = re.compile(
    r"(consent|authori[sz]e|permission).{0,80}?(personal data|data protection)", re.IGNORECASE
)
_LIST_SPLIT = re.compile(r"\s*(?:[,;|/·•]|\band\b|\s&\s)\s*")
_ITEM_SPLIT = re.compile(r"\s*[,;|·•]\s*")
_LIST_LABEL = re.compile(r"^[^:,;|]{1,40}:\s+")
_TECH_BEFORE = re.compile(r"(?:\b(?:in|with|using|via)\s+|[(/,]\s*)$", re.IGNORECASE)
_LETTER_CONTEXT = re.compile(
    r"\b(?i:in|with|using|language|languages|programming)\s+(?P<a>[CR])\b(?![-+#&'.]\w|\+\+|#)"
    r"|\b(?P<b>[CR])\s+(?:programming|language|scripts?|code|development|packages?|shiny)\b"
)
_CLAUSE_END = re.compile(r"[.;!?]\s|[.;!?]$")


@dataclass(frozen=True)
class Term:
    """One name of a skill as the matcher knows it."""

    skill: str
    text: str
    size: int  # length of its key
    chunks: tuple[str, ...]
    case_sensitive: bool
    weak: bool
    ambiguous: bool


@dataclass(frozen=True)
class Found:
    """A skill named in a line: which, where, and whether the line says it is being learnt."""

    skill: str
    start: int
    end: int
    learning: bool = False


@dataclass
class Matcher:
    """The catalog's names, ready to be found in lines; build it with `matcher(catalog)`."""

    terms: list[Term]
    automaton: Any  # ahocorasick.Automaton: key -> index in terms
    letters: dict[str, str]  # "C" -> skill id
    not_after: dict[str, re.Pattern[str]]
    learning: re.Pattern[str]
    # a name -> the skill it means instead when the line matches the pattern
    meaning_near: dict[str, tuple[str, re.Pattern[str]]] = field(default_factory=dict)
    cache: dict[str, list[Found]] = field(default_factory=dict)


def key_of(text: str) -> str:
    """The reduced form in which names and lines are compared."""
    return _DROP.sub("", text.lower())


def _fold(text: str) -> str:
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    # A few letters grow when lowered ("İ"); keep every position where it was.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _fits(term: Term, text: str) -> bool:
    """Whether `text` spells the term: its words, with at most one separator where the term
    has one ("Node.js" fits "NodeJS", "Node js"), its capitals where they matter."""
    i, n, last = 0, len(text), len(term.chunks) - 1
    for index, chunk in enumerate(term.chunks):
        if chunk[0].isalnum():
            got = text[i : i + len(chunk)]
            if got != chunk if term.case_sensitive else got.lower() != chunk.lower():
                return False
            i += len(chunk)
        elif 0 < index < last and (chunk.isspace() or chunk in "-._"):
            allowed = " _-" if chunk.isspace() else " ._-"
            if i < n and text[i] in allowed:
                i += 1
        elif chunk in "/&":
            while i < n and text[i].isspace():
                i += 1
            if text[i : i + 1] != chunk:
                return False
            i += 1
            while i < n and text[i].isspace():
                i += 1
        else:
            if text[i : i + len(chunk)] != chunk:
                return False
            i += len(chunk)
    return i == n


def _term(skill: str, text: str, key: str, words: CvWords, phrase: bool) -> Term:
    folded = text.casefold()
    ambiguous = folded in words.ambiguous
    if phrase and text[:1].isupper() and " " not in text:
        ambiguous = True  # "Vault", "Excel": a product named like an ordinary word
    case_sensitive = (
        ambiguous
        or folded in words.capitalised
        or (phrase and text != folded)
        or (
            text.isupper()
            and len(text) <= _CASE_SENSITIVE_MAX
            and " " not in text
            and folded not in words.any_case
        )
    )
    return Term(
        skill,
        text,
        len(key),
        tuple(_CHUNKS.findall(text)),
        case_sensitive,
        folded in words.weak,
        ambiguous,
    )


def build_matcher(catalog: Catalog, words: CvWords | None = None) -> Matcher:
    """A matcher for the catalog's skills (a few milliseconds; `matcher` keeps one per catalog)."""
    import ahocorasick  # type: ignore[import-not-found]

    words = words or cv_words()
    terms: list[Term] = []
    seen: set[str] = set()
    letters: dict[str, str] = {}
    automaton = ahocorasick.Automaton()
    names = [(s.id, text, False) for s in catalog.skills.values() for text in (s.name, *s.aliases)]
    names += [(sid, text, True) for text, sid in words.phrases.items() if sid in catalog.skills]
    for skill_id, raw, phrase in names:
        text = raw.strip()
        if len(text) == 1 and text.casefold() in _SINGLE_LETTERS:
            letters.setdefault(text.upper(), skill_id)
            continue
        key = key_of(text)
        if not key or key in seen:
            continue
        seen.add(key)
        automaton.add_word(key, len(terms))
        terms.append(_term(skill_id, text, key, words, phrase))
    automaton.make_automaton()
    not_after = {name: re.compile(p, re.IGNORECASE) for name, p in words.not_after.items()}
    learning = re.compile("|".join(f"(?:{p})" for p in words.learning), re.IGNORECASE)
    meaning_near = {
        name: (skill, re.compile(p, re.IGNORECASE))
        for name, (skill, p) in words.meaning_near.items()
        if skill in catalog.skills
    }
    return Matcher(terms, automaton, letters, not_after, learning, meaning_near)


_MATCHERS: dict[int, tuple[Catalog, Matcher]] = {}


def matcher(catalog: Catalog) -> Matcher:
    """The matcher of this catalog, built on first use and kept for the process."""
    cached = _MATCHERS.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        cached = (catalog, build_matcher(catalog))
        _MATCHERS[id(catalog)] = cached
    return cached[1]


def _names(text: str, m: Matcher) -> list[tuple[Term, int, int]]:
    """Every catalog name in the text, the longest at each place, left to right."""
    folded = _fold(text)
    squeezed: list[str] = []
    where: list[int] = []
    prev = 0
    for drop in _DROP.finditer(folded):
        squeezed.append(folded[prev : drop.start()])
        where.extend(range(prev, drop.start()))
        prev = drop.end()
    squeezed.append(folded[prev:])
    where.extend(range(prev, len(folded)))
    flat = "".join(squeezed)
    starts = {s.start() for s in _START.finditer(text)}
    best: dict[int, tuple[int, Term]] = {}
    for last, index in m.automaton.iter(flat):
        term = m.terms[index]
        first = last - term.size + 1
        begin = where[first]
        if begin not in starts:
            continue
        end = where[last] + 1
        if _END_BLOCK.match(text, end) or not _fits(term, text[begin:end]):
            continue
        held = best.get(begin)
        if held is None or end > held[0]:
            best[begin] = (end, term)
    out: list[tuple[Term, int, int]] = []
    reached = 0
    for begin in sorted(best):
        end, term = best[begin]
        if begin >= reached:
            out.append((term, begin, end))
            reached = end
    return out


def is_list_like(text: str) -> bool:
    """A line that lists short items: "Tools: Docker, Helm, Terraform"."""
    label = _LIST_LABEL.match(text)
    items = [i for i in _ITEM_SPLIT.split(text[label.end() if label else 0 :]) if i.strip()]
    return len(items) >= 3 and sum(len(i.split()) <= 3 for i in items) >= 0.8 * len(items)


def _learning_spans(text: str, m: Matcher, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the line says "learning X" / "familiar with X": from the cue to the clause's end."""
    spans: list[tuple[int, int]] = []
    for cue in m.learning.finditer(text):
        if any(b <= cue.end() - 1 and cue.end() - 1 < e for b, e in taken):
            continue  # "learning" inside "Machine learning"
        stop = _CLAUSE_END.search(text, cue.end())
        spans.append((cue.end(), stop.start() if stop else len(text)))
    return spans


def line_skills(text: str, in_skills: bool, m: Matcher) -> list[Found]:
    """Skills found in one cleaned line, in order.

    Args:
        text: the line, cleaned.
        in_skills: the line is in a skills section (ordinary-word names count there).
        m: the catalog's matcher.
    """
    key = f"{int(in_skills)}{text}"
    cached = m.cache.get(key)
    if cached is not None:
        return cached
    text = _URLISH.sub(" ", _LONG_TOKEN.sub(" ", text))
    if _BOILERPLATE.search(text):
        return []
    found = _names(text, m)
    in_list = in_skills or is_list_like(text)
    solid = {t.skill for t, _, _ in found if not t.weak and not t.ambiguous}
    learning = _learning_spans(text, m, [(b, e) for _, b, e in found])
    out: list[Found] = []
    for term, begin, end in found:
        if term.weak and not in_list:
            continue
        if term.ambiguous:
            blocker = m.not_after.get(term.text.casefold())
            if (blocker and blocker.match(text[end:])) or text[end:].startswith("'s"):
                continue  # "Go-to person", "Spring 2023", "the Chef's table"
            others = solid - {term.skill} or {
                t.skill for t, b, _ in found if t.ambiguous and b != begin
            }
            if not (in_list or others or _TECH_BEFORE.search(text[:begin])):
                continue
        learnt = any(b <= begin < e for b, e in learning)
        skill = term.skill
        instead = m.meaning_near.get(term.text.casefold())
        if instead is not None and instead[1].search(text):
            skill = instead[0]  # "incident response for P1 outages": incident management
        out.append(Found(skill, begin, end, learnt))
    out.extend(_letter_skills(text, [f.skill for f in out], in_skills, m))
    if len(m.cache) < 5000:
        m.cache[key] = out
    return out


def _letter_skills(text: str, others: list[str], in_skills: bool, m: Matcher) -> list[Found]:
    """C and R, only where they are clearly languages."""
    out: list[Found] = []
    for hit in _LETTER_CONTEXT.finditer(text):
        letter = hit.group("a") or hit.group("b")
        if letter in m.letters:
            out.append(Found(m.letters[letter], hit.start(), hit.end()))
    if others or in_skills:
        items = [i.strip() for i in _LIST_SPLIT.split(text)]
        for item in items:
            bare = re.sub(r"\s*\([^)]*\)$", "", item).strip()
            bare = re.sub(r"^[^:]{1,30}:\s*", "", bare)
            if bare in m.letters and len(items) >= 2:
                out.append(Found(m.letters[bare], 0, 0))
    return out


# ------------------------------------------------------------------ certifications


def _alnum(text: str) -> str:
    return re.sub(r"[^0-9a-z+]+", "", text.casefold())


def certifications_in(text: str, catalog: Catalog) -> list[str]:
    """Catalog certification ids a certificate's text names ("AWS Certified Solutions
    Architect – Associate", "CKA", "AZ-104")."""
    key = _alnum(text)
    if not key:
        return []
    out: list[str] = []
    for cert in catalog.certifications.values():
        vendor = _alnum(cert.vendor.split()[0])
        bare = re.sub(r"\s*\([^)]*\)", "", cert.name)
        short = re.sub(
            r"^microsoft certified:\s*|\bcertified\b|\bcertification\b", " ", bare, flags=re.I
        )
        names = {_alnum(n) for n in (cert.name, bare, short)}
        # A short name ("Professional Data Engineer") counts only with its vendor beside it.
        hit = any(
            len(n) >= 10 and n in key and (len(n) >= 30 or vendor in n or vendor in key)
            for n in names
        )
        codes = re.findall(r"\(([A-Z][A-Z0-9+ ]{2,9})\)", cert.name)
        if cert.exam_code and re.fullmatch(r"[A-Z]{2,4}-[A-Z0-9-]{2,8}", cert.exam_code):
            codes.append(cert.exam_code)
        for code in codes:
            if (len(code) >= 4 or code.startswith("CK")) and re.search(
                rf"(?<![\w-]){re.escape(code)}(?![\w-])", text
            ):
                hit = True
        if hit:
            out.append(cert.id)
    return out
