"""The lines of a CV cleaned for reading, grouped into sections by their headings; the name
at the top and the job titles."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from skillpath.core.cv_words import cv_words

GAP = "\t"  # cv_text marks a wide gap inside a line (table cells, a right-set date) with a tab
MAX_LINE = 2000  # longer lines are cut into pieces: no pattern ever sees more

_MD = re.compile(r"\*\*|__|`|^#+\s*|^>\s*")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BULLET = re.compile(r"^[\s\-*•▪●◦‣∙·–—>|]+")
_INLINE_HEADING = re.compile(r"^([^:|]{2,40}?)\s*[:|]\s*\S")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_DEBRIS = re.compile(r"(?:\s*\|\s*)+$|^(?:\s*\|\s*)+")
_PIPES = re.compile(r"(?:\s*\|\s*){2,}")


@dataclass
class Line:
    """One non-empty line of the CV, where it sits and how it reads."""

    number: int  # 1-based, in the order the text was read
    raw: str  # as read, stripped
    text: str  # cleaned for matching; a wide gap shows as " | "
    section: str  # the kind of section it is in ("experience", "skills", ...)
    inline_kind: str | None = None  # "Skills: Python, Go" on one line

    @property
    def kind(self) -> str:
        return self.inline_kind or self.section

    @property
    def evidence(self) -> str:
        """The line as shown to the person: a layout gap is a space, not a bar."""
        text = _clean(self.raw.replace(GAP, " "))
        text = _SPACES.sub(" ", text).strip()
        return text if len(text) <= 200 else text[:197] + "..."


def _clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).replace("’", "'").replace(GAP, " | ")
    text = _MD_LINK.sub(r"\1", text)
    text = _MD.sub("", text.strip())
    text = _BULLET.sub("", text).strip()
    text = _PIPES.sub(" | ", _DEBRIS.sub("", text))
    return _SPACES.sub(" ", text).strip()


def _heading_key(text: str) -> str:
    key = text.casefold().strip().strip(":|#*_=-–— ").strip()
    key = key.replace("&", " & ")
    return " ".join(re.sub(r"[^\w&\s'-]", " ", key).split())


def heading_kind(text: str) -> str | None:
    """The section a heading line starts, or None when the line is not a heading."""
    if not text or len(text) > 45:
        return None
    key = _heading_key(text)
    headings = cv_words().headings
    kind = headings.get(key)
    if kind is None and key.endswith("s"):
        kind = headings.get(key[:-1])  # "Experiences", "Certificates"
    return kind


def _pieces(raw: str) -> Iterable[str]:
    """A line, or a very long one cut into pieces at spaces (no piece over MAX_LINE)."""
    while len(raw) > MAX_LINE:
        cut = raw.rfind(" ", 0, MAX_LINE)
        cut = cut if cut > MAX_LINE // 2 else MAX_LINE
        yield raw[:cut]
        raw = raw[cut:]
    yield raw


def sections(raw_lines: Iterable[str]) -> list[Line]:
    """The non-empty lines of a CV, each with the section it is in."""
    out: list[Line] = []
    section = "header"
    for number, whole in enumerate(raw_lines, start=1):
        for raw in _pieces(whole):
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


# ------------------------------------------------------------------ name and titles

_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'.\-]*$|^\([^)]+\)$")
_NAME_LABEL = re.compile(r"^(?:full\s+)?name\s*[:|]\s*(?P<name>.+)$", re.IGNORECASE)
_ICONS = re.compile(r"[\u2190-\u2bff\U0001f300-\U0001faff]")


def _is_cjk(text: str) -> bool:
    return bool(text) and all(
        "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in text
    )


def name_from(text: str) -> str | None:
    """The person's name if the line is one ("Jane Doe", "Name: DOE, Jane"), else None."""
    words = cv_words()
    label = _NAME_LABEL.match(text)
    if label:
        text = label.group("name").split("|")[0].strip()
        if text.count(",") == 1:  # "MÜLLER, Anna"
            surname, _, given = text.partition(",")
            text = f"{given.strip()} {surname.strip()}"
    first = re.split(r"\s+[|·•–—-]\s+|\s*\|\s*|,\s*", text)[0].strip()
    if first.casefold() in words.not_name or "@" in first or _ICONS.search(first):
        return None
    tokens = first.split()
    if len(tokens) == 1 and _is_cjk(tokens[0]) and 2 <= len(tokens[0]) <= 4:
        return first
    if not 2 <= len(tokens) <= 6 or not all(_NAME_TOKEN.match(t) for t in tokens):
        return None
    folded = {t.casefold().strip(".,()") for t in tokens}
    if folded & words.title_words or heading_kind(first):
        return None
    if not any(t[0].isupper() for t in tokens if t[0].isalpha()):
        return None
    # Names set in capitals ("MÜLLER-WEISS", "O'BRIEN") are shown in title case.
    return " ".join(t.title() if t.isupper() and len(t) > 2 else t for t in tokens)


def find_name(lines: list[Line]) -> tuple[str, int | None]:
    """The person's name and the number of its line, or ("", None)."""
    for line in lines[:20]:
        if _NAME_LABEL.match(line.text):
            name = name_from(line.text)
            if name:
                return name, line.number
    for line in lines[:8]:
        if line.section not in ("header", "summary", "other"):
            break
        for part in line.text.split(" | ")[:1] or [line.text]:
            name = name_from(part)
            if name:
                return name, line.number
    return "", None


def title_part(text: str) -> str | None:
    """The part of a line that is a job title, or None."""
    title_words = cv_words().title_words
    for part in re.split(r"\s*[|·•,]\s*|\s+[–—-]\s+|\s+(?:at|@)\s+", text):
        words = part.split()
        if not words or len(words) > 8 or "@" in part or re.search(r"\d{3}", part):
            continue
        if {w.casefold().strip(".,()/") for w in words} & title_words:
            return part.strip(" -–—:")
    return None


def clean_line(raw: str) -> str:
    """A line as the readers match it: NFKC, no Markdown or bullets, a gap as " | "."""
    return _clean(raw)


def evidence_of(raw: str) -> str:
    """A line as the person is shown it: cleaned, a layout gap as a space, at most 200 chars."""
    return Line(0, raw, "", "").evidence
