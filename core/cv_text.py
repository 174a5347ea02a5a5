"""The text of a CV file (.txt, .md, .pdf, .docx) as lines, with one-line errors for bad files.

Nothing in a file is ever run: PDFs are parsed by pypdf (cv_pdf) and Word files by a
hardened XML parser (cv_docx), both imported only when a file needs them. The size is
checked before anything is read. Text files are decoded as UTF-8 when they are UTF-8; short
Western texts that are not are read as Windows-1252 (a superset of Latin-1's letters);
anything else goes to charset detection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from skillpath.core.errors import CvError

MAX_CV_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
SUFFIXES = ", ".join((".txt", ".md", ".pdf", ".docx"))

# Signatures of files that are often renamed by mistake; named in the message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a zip archive (a .docx?)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc or Excel file"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
)
WESTERN_MAX_SHARE = 0.3  # of letters outside ASCII, for a text to be taken as Windows-1252


@dataclass
class CvText:
    """The lines of a CV in reading order, and what the person should know about reading it."""

    lines: list[str]
    warnings: list[str] = field(default_factory=list)
    extraction: str = "text"  # text, docx, pdf-layout, pdf-plain, pdf-layout+plain


def read_cv_file(path: Path) -> CvText:
    """Read the text of a CV.

    Raises:
        CvError: one line naming the file and what is wrong with it.
    """
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise CvError(f"{path}: no such file") from None
    except OSError as exc:
        raise CvError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if path.is_dir():
        raise CvError(f"{name}: is a folder, not a CV file")
    if size > MAX_CV_BYTES:
        raise CvError(
            f"{name}: is {size / 1024 / 1024:.1f} MB; a CV can be at most "
            f"{MAX_CV_BYTES // 1024 // 1024} MB (save it without images?)"
        )
    if size == 0:
        raise CvError(f"{name}: the file is empty")
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | {".pdf", ".docx"}:
        hint = " (save it as .docx or PDF)" if suffix in (".doc", ".odt", ".rtf", ".pages") else ""
        raise CvError(
            f"{name}: '{suffix or 'no extension'}' files are not read; use {SUFFIXES}{hint}"
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_CV_BYTES + 1)
    except OSError as exc:
        raise CvError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_CV_BYTES:
        raise CvError(f"{name}: grew past {MAX_CV_BYTES // 1024 // 1024} MB while being read")
    result = read_cv_bytes(data, name, suffix)
    if not any(line.strip() for line in result.lines):
        raise CvError(f"{name}: the file has no text")
    return result


def read_cv_bytes(data: bytes, name: str, suffix: str) -> CvText:
    """The lines of a CV given as bytes, read as the kind of file `suffix` names."""
    if suffix == ".pdf":
        from skillpath.core.cv_pdf import read_pdf

        lines, notes, extraction = read_pdf(data, name)
        return CvText(lines, notes, extraction)
    if suffix == ".docx":
        from skillpath.core.cv_docx import read_docx

        try:
            return CvText(read_docx(data, name), [], "docx")
        except RecursionError:
            raise CvError(f"{name}: the Word file nests its content too deeply; refused") from None
    warnings: list[str] = []
    text = decode_text(data, name, warnings)
    return CvText(text.splitlines(), warnings, "text")


# ------------------------------------------------------------------ plain text


def decode_text(data: bytes, name: str, warnings: list[str]) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252 for
    Western text, else a detected encoding.

    Raises:
        CvError: when the bytes are not text (a binary file renamed .txt).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise CvError(f"{name}: looks like UTF-16 text but cannot be decoded") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise CvError(
                f"{name}: is not a text file, it looks like {what}; rename it or export "
                "the CV as text"
            )
    head = data[:8192]
    if b"\x00" in head and not _looks_utf16_without_bom(head):
        raise CvError(f"{name}: is not a text file (it holds binary data)")
    if b"\x00" in head:
        encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            raise CvError(f"{name}: is not a text file (it holds binary data)") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        warnings.append("the file is not UTF-8; it was read as Windows-1252 (Western European)")
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise CvError(f"{name}: is not a text file (no known text encoding fits it)")
    text = str(best)
    if _control_share(text) > 0.02:
        raise CvError(f"{name}: is not a text file (it holds binary data)")
    warnings.append(f"the file is not UTF-8; it was read as {best.encoding}")
    return text


def _western(data: bytes) -> str | None:
    """The text as Windows-1252 when it reads as Western European text, else None.

    Short texts defeat statistical detection ("José Müller" comes out as Baltic cp775); a
    text whose letters are mostly ASCII with accented Latin letters among them is Western.
    """
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text or _control_share(text) > 0.02:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    foreign = [ch for ch in letters if ord(ch) > 127]
    if len(foreign) > WESTERN_MAX_SHARE * len(letters):
        return None
    # Accented letters of Western languages sit between ASCII letters ("Müller"); text in
    # another single-byte code page read this way shows runs of them ("Ðóññêèé").
    runs = sum(1 for a, b in pairwise(text) if ord(a) > 191 and ord(b) > 191)
    if runs > 0.25 * len(foreign):
        return None
    return text


def _looks_utf16_without_bom(head: bytes) -> bool:
    """True when every other byte is zero, as in ASCII text saved as UTF-16."""
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return max(even.count(0), odd.count(0)) > 0.9 * min(len(even), len(odd)) and min(
        even.count(0), odd.count(0)
    ) < 0.1 * len(even)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / len(text)
