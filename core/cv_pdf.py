"""The text of a PDF CV, page by page: pypdf's layout mode (columns kept apart), or its plain
mode where the layout mode reads little or nothing (content in form XObjects, as some CV
builders write it); pypdf's own warnings never reach the person's terminal."""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator
from typing import Any

from skillpath.core.errors import CvError

GAP = "\t"  # a wide gap inside a line: table cells, a date set to the right margin
_CELL_GAP = " {3,}"
MIN_PAGE_CHARS = 40  # a page whose layout text has fewer letters is read the plain way too


@contextlib.contextmanager
def quiet_library(name: str) -> Iterator[list[str]]:
    """Keep a library's log records and warnings off the terminal; yields what it said."""
    said: list[str] = []

    class _Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    logger = logging.getLogger(name)
    handler = _Keep(logging.WARNING)
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield said
        said.extend(str(w.message) for w in caught)
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


def _letters(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def _has_forms(page: Any) -> bool:
    """Whether the page draws form XObjects (where layout mode may miss text)."""
    try:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources else None
        if not xobjects:
            return False
        return any(
            xobjects[key].get_object().get("/Subtype") == "/Form" for key in xobjects.get_object()
        )
    except (KeyError, AttributeError, TypeError, ValueError):
        return False


def _page_text(page: Any) -> tuple[str, str]:
    """The page's text and the mode that read it ("layout" or "plain")."""
    try:
        layout = page.extract_text(extraction_mode="layout")
    except (ValueError, KeyError, ZeroDivisionError, IndexError, TypeError, AttributeError):
        layout = ""  # the layout mode trips over some odd fonts; the plain mode still reads them
    if _letters(layout) >= MIN_PAGE_CHARS and not _has_forms(page):
        return layout, "layout"
    try:
        plain = page.extract_text()
    except (ValueError, KeyError, ZeroDivisionError, IndexError, TypeError, AttributeError):
        plain = ""
    if _letters(plain) > 1.2 * _letters(layout) + 20:
        return plain, "plain"
    return layout, "layout"


def read_pdf(data: bytes, name: str) -> tuple[list[str], list[str], str]:
    """The lines of a PDF in reading order.

    Returns:
        The lines, warnings for the person, and how the text was read ("pdf-layout",
        "pdf-plain" or "pdf-layout+plain").

    Raises:
        CvError: not a PDF, encrypted, damaged, no pages, or no text layer.
    """
    if data.lstrip()[:5] != b"%PDF-":
        raise CvError(f"{name}: is not a PDF file (its content does not start like one)")
    with quiet_library("pypdf"):
        return _read(data, name)


def _read(data: bytes, name: str) -> tuple[list[str], list[str], str]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise CvError(
                f"{name}: the PDF is encrypted with a password; save a copy without a password "
                "and try again"
            )
        pages = list(reader.pages)
        texts: list[tuple[str, str]] = [_page_text(page) for page in pages]
    except (FileNotDecryptedError, DependencyError):
        raise CvError(
            f"{name}: the PDF is encrypted; save a copy without a password and try again"
        ) from None
    except (PdfReadError, PyPdfError, OSError, ValueError, KeyError, TypeError) as exc:
        reason = " ".join(str(exc).split())[:120]
        raise CvError(f"{name}: the PDF is damaged and cannot be read ({reason})") from None
    except RecursionError:
        raise CvError(
            f"{name}: the PDF is damaged and cannot be read (nested too deeply)"
        ) from None
    if not pages:
        raise CvError(f"{name}: the PDF has no pages")
    empty = sum(1 for text, _ in texts if not text.strip())
    if empty == len(pages):
        raise CvError(
            f"{name}: the PDF has no text layer (a scanned image?); export the CV from the "
            "word processor as PDF or .docx, or run it through OCR first"
        )
    notes = []
    if empty:
        notes.append(f"{empty} of {len(pages)} PDF pages have no text layer and were skipped")
    lines: list[str] = []
    modes = set()
    for text, mode in texts:
        if not text.strip():
            continue
        modes.add(mode)
        if mode == "layout":
            lines.extend(columns_in_reading_order(text.splitlines()))
        else:
            lines.extend(text.splitlines())
    extraction = "pdf-" + "+".join(sorted(modes))
    return lines, notes, extraction


def _opens_without_password(reader: Any) -> bool:
    """PDFs with only an owner password (print/copy limits) open with an empty password."""
    from pypdf.errors import DependencyError, PdfReadError

    try:
        return bool(reader.decrypt(""))
    except (DependencyError, PdfReadError, NotImplementedError):
        return False


def columns_in_reading_order(rows: list[str]) -> list[str]:
    """Lines of a page laid out in fixed-width text, a left column before a right one.

    A two-column page shows as rows with both columns side by side. When a run of blank
    character positions (a gutter) separates text on both sides in most rows, the page is
    split there, so words of different columns are never read as one line. Wide gaps inside
    a line (table cells, a date set to the right margin) become a tab (GAP), so that no
    skill name is formed across them.

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
    import re

    return re.sub(_CELL_GAP, GAP, row.strip())


def _find_gutter(rows: list[str]) -> tuple[int, int] | None:
    """The character span of a vertical blank strip with text on both sides, or None."""
    if len(rows) < 6:
        return None
    width = max(len(r) for r in rows)
    if width < 40 or width > 400:
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
