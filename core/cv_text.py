"""The text of a CV file (.txt, .md, .pdf, .docx) as lines, with one-line errors for bad files.

Nothing in a file is ever run: PDFs are parsed by pypdf and Word files by python-docx, which
only read. The size is checked before anything is read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from skillpath.core.errors import CvError

MAX_CV_BYTES = 10 * 1024 * 1024
MAX_DOCX_UNPACKED = 200 * 1024 * 1024  # a zip bomb renamed .docx is refused, not unpacked
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
_CELL_GAP = re.compile(r" {3,}")
_LATIN_SINGLE_BYTE = {
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "latin_1",
    "iso8859_2",
    "iso8859_9",
    "iso8859_15",
    "mac_roman",
    "mac_latin2",
    "cp850",
    "cp437",
}


@dataclass
class CvText:
    """The lines of a CV in reading order, and what the person should know about reading it."""

    lines: list[str]
    warnings: list[str] = field(default_factory=list)


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
        data = path.read_bytes()
    except OSError as exc:
        raise CvError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if suffix == ".pdf":
        result = _pdf(data, name)
    elif suffix == ".docx":
        result = _docx(data, name)
    else:
        result = _plain(data, name)
    if not any(line.strip() for line in result.lines):
        raise CvError(f"{name}: the file has no text")
    return result


# ------------------------------------------------------------------ plain text


def _plain(data: bytes, name: str) -> CvText:
    warnings: list[str] = []
    text = decode_text(data, name, warnings)
    return CvText(text.splitlines(), warnings)


def decode_text(data: bytes, name: str, warnings: list[str]) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected encoding.

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
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise CvError(f"{name}: is not a text file (no known text encoding fits it)")
    encoding = best.encoding
    if encoding in _LATIN_SINGLE_BYTE:
        # Short Western texts are often taken for a neighbouring code page; Windows-1252 is
        # by far the most common one for CVs that are not UTF-8.
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = str(best)
    else:
        text = str(best)
    if _control_share(text) > 0.02:
        raise CvError(f"{name}: is not a text file (it holds binary data)")
    warnings.append(f"the file is not UTF-8; it was read as {encoding}")
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


# ------------------------------------------------------------------ PDF


def _pdf(data: bytes, name: str) -> CvText:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    if not data.lstrip()[:5] == b"%PDF-":
        raise CvError(f"{name}: is not a PDF file (its content does not start like one)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise CvError(
                f"{name}: the PDF is encrypted with a password; save a copy without a password "
                "and try again"
            )
        pages = list(reader.pages)
        texts: list[str] = []
        empty = 0
        for page in pages:
            try:
                raw = page.extract_text(extraction_mode="layout")
            except (ValueError, KeyError, ZeroDivisionError, IndexError):
                # The layout mode trips over some odd fonts; the plain mode still reads them.
                raw = page.extract_text()
            if not raw.strip():
                empty += 1
            texts.append(raw)
    except (FileNotDecryptedError, DependencyError):
        raise CvError(
            f"{name}: the PDF is encrypted; save a copy without a password and try again"
        ) from None
    except (PdfReadError, PyPdfError, OSError) as exc:
        raise CvError(f"{name}: the PDF is damaged and cannot be read ({exc})") from None
    if not pages:
        raise CvError(f"{name}: the PDF has no pages")
    if empty == len(pages):
        raise CvError(
            f"{name}: the PDF has no text layer (a scanned image?); export the CV from the "
            "word processor as PDF or .docx, or run it through OCR first"
        )
    warnings = []
    if empty:
        warnings.append(f"{empty} of {len(pages)} PDF pages have no text layer and were skipped")
    lines: list[str] = []
    for raw in texts:
        lines.extend(columns_in_reading_order(raw.splitlines()))
    return CvText(lines, warnings)


def _opens_without_password(reader: object) -> bool:
    """PDFs with only an owner password (print/copy limits) open with an empty password."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    assert isinstance(reader, PdfReader)
    try:
        return bool(reader.decrypt(""))
    except (DependencyError, PdfReadError, NotImplementedError):
        return False


def columns_in_reading_order(rows: list[str]) -> list[str]:
    """Lines of a page laid out in fixed-width text, a left column before a right one.

    A two-column page shows as rows with both columns side by side. When a run of blank
    character positions (a gutter) separates text on both sides in most rows, the page is
    split there, so words of different columns are never read as one line. Wide gaps inside
    a line (table cells, a date set to the right margin) become " | " so that no skill name
    is formed across them.

    Returns:
        The lines, left column first.
    """
    text_rows = [r.rstrip() for r in rows]
    gutter = _find_gutter([r for r in text_rows if r.strip()])
    if gutter is None:
        return [_cells(r) for r in text_rows]
    start, end = gutter
    head: list[str] = []
    left: list[str] = []
    right: list[str] = []
    for row in text_rows:
        lpart, rpart = row[:start].strip(), row[end:].strip()
        if not left and not right and not (lpart and rpart):
            head.append(_cells(row))  # above the columns: a name or a title across the page
        elif row[start:end].strip():
            left.append(_cells(row))  # a rare row across the gutter is kept whole
        else:
            if lpart:
                left.append(_cells(lpart))
            if rpart:
                right.append(_cells(rpart))
    return [*head, *left, "", *right]


def _cells(row: str) -> str:
    return _CELL_GAP.sub(" | ", row.strip())


def _find_gutter(rows: list[str]) -> tuple[int, int] | None:
    """The character span of a vertical blank strip with text on both sides, or None."""
    if len(rows) < 6:
        return None
    width = max(len(r) for r in rows)
    if width < 40:
        return None
    padded = [r.ljust(width) for r in rows]
    best: tuple[int, int] | None = None
    best_both = 0
    lo, hi = int(width * 0.15), int(width * 0.8)
    strip = 3
    for x in range(lo, hi):
        crossing = 0
        both = 0
        for r in padded:
            if r[x : x + strip].strip():
                crossing += 1
            elif r[:x].strip() and r[x + strip :].strip():
                both += 1
        if crossing <= 0.08 * len(rows) and both > best_both:
            best_both = both
            best = (x, x + strip)
    if best is None or best_both < max(5, 0.3 * len(rows)):
        return None
    return best


# ------------------------------------------------------------------ Word


def _docx(data: bytes, name: str) -> CvText:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_DOCX_UNPACKED:
                raise CvError(f"{name}: the Word file unpacks to more than 200 MB; refused")
            if "word/document.xml" not in archive.namelist():
                raise CvError(f"{name}: is not a Word .docx document")
    except zipfile.BadZipFile:
        raise CvError(f"{name}: is not a Word .docx file (it is not a zip package)") from None
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CvError(f"{name}: the Word file cannot be read ({exc})") from None
    lines: list[str] = []
    _docx_block(document.element.body, lines)
    return CvText(lines)


def _docx_block(element: object, lines: list[str]) -> None:
    """Paragraphs and tables in document order; a table row is one line, cells split by |."""
    from docx.oxml.ns import qn

    for child in element:  # type: ignore[attr-defined]
        tag = child.tag
        if tag == qn("w:p"):
            lines.extend(_docx_paragraph(child).split("\n"))
        elif tag == qn("w:tbl"):
            for row in child.findall(qn("w:tr")):
                cells: list[str] = []
                for cell in row.findall(qn("w:tc")):
                    inner: list[str] = []
                    _docx_block(cell, inner)
                    text = " ".join(t.strip() for t in inner if t.strip())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                lines.append(" | ".join(cells))
        elif tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _docx_block(content, lines)


def _docx_paragraph(p: object) -> str:
    from docx.oxml.ns import qn

    parts: list[str] = []
    for node in p.iter():  # type: ignore[attr-defined]
        if node.tag == qn("w:t") and node.text:
            parts.append(node.text)
        elif node.tag == qn("w:tab"):
            parts.append(" | ")
        elif node.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
    return "".join(parts)
