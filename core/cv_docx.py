"""The text of a Word .docx CV, read with a hardened XML parser and within limits.

A .docx is a zip of XML parts. Only the body, headers and footers are read; the XML is
parsed by defusedxml (no DTDs, no entities, so no "billion laughs" and no external files),
nesting deeper than MAX_DEPTH is refused, each part is unpacked only up to MAX_PART_BYTES
and parsing stops after MAX_SECONDS. Nothing in the file is ever run.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Iterator
from typing import Any

from skillpath.core.errors import CvError

GAP = "\t"  # a tab, or a gap between table cells
MAX_DOCX_UNPACKED = 100 * 1024 * 1024  # all parts together, as the zip declares them
MAX_PART_BYTES = 16 * 1024 * 1024  # one XML part, as actually unpacked
MAX_DEPTH = 256
MAX_SECONDS = 10.0
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PART = re.compile(r"^word/(header|footer)\d*\.xml$")


def read_docx(data: bytes, name: str) -> list[str]:
    """The lines of a .docx in reading order: page headers, the body, page footers.

    Raises:
        CvError: not a .docx, too large unpacked, malformed or unsafe XML, too slow.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            if sum(info.file_size for info in infos.values()) > MAX_DOCX_UNPACKED:
                raise CvError(
                    f"{name}: the Word file unpacks to more than "
                    f"{MAX_DOCX_UNPACKED // 1024 // 1024} MB; refused"
                )
            if "word/document.xml" not in infos:
                raise CvError(f"{name}: is not a Word .docx document")
            headers = sorted(n for n in infos if _PART.match(n) and "header" in n)
            footers = sorted(n for n in infos if _PART.match(n) and "footer" in n)
            deadline = time.monotonic() + MAX_SECONDS
            lines: list[str] = []
            seen: set[str] = set()
            for part in [*headers, "word/document.xml", *footers]:
                xml = _unpack(archive, infos[part], name)
                part_lines = _part_lines(xml, name, deadline)
                if part != "word/document.xml":
                    # The same header is often stored once per kind of page.
                    part_lines = [t for t in part_lines if t.strip() and t not in seen]
                    seen.update(part_lines)
                lines.extend(part_lines)
    except zipfile.BadZipFile:
        raise CvError(f"{name}: is not a Word .docx file (it is not a zip package)") from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise CvError(f"{name}: the Word file cannot be unpacked ({exc})") from None
    return lines


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """One part, unpacked up to the limit whatever the zip says its size is."""
    with archive.open(info) as fh:
        data = fh.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise CvError(
            f"{name}: a part of the Word file unpacks to more than "
            f"{MAX_PART_BYTES // 1024 // 1024} MB; refused"
        )
    return data


def _parse(xml: bytes, name: str, deadline: float) -> Any:
    """The XML tree of a part, parsed safely, refused past MAX_DEPTH or the deadline."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
    from defusedxml.ElementTree import iterparse  # type: ignore[import-untyped]

    depth = 0
    root = None
    try:
        for count, (event, element) in enumerate(
            iterparse(io.BytesIO(xml), events=("start", "end"), forbid_dtd=True)
        ):
            if event == "start":
                depth += 1
                if root is None:
                    root = element
                if depth > MAX_DEPTH:
                    raise CvError(
                        f"{name}: the Word file nests its content more than {MAX_DEPTH} "
                        "levels deep; refused"
                    )
            else:
                depth -= 1
            if count % 4096 == 0 and time.monotonic() > deadline:
                raise CvError(f"{name}: the Word file takes too long to read; refused")
    except DefusedXmlException as exc:
        raise CvError(
            f"{name}: the Word file holds XML that is not allowed ({type(exc).__name__}); refused"
        ) from None
    except ParseError as exc:
        raise CvError(f"{name}: the Word file is damaged (its XML is malformed: {exc})") from None
    if root is None:
        raise CvError(f"{name}: the Word file is damaged (an empty part)")
    return root


def _part_lines(xml: bytes, name: str, deadline: float) -> list[str]:
    root = _parse(xml, name, deadline)
    body = root.find(f"{_W}body")
    lines: list[str] = []
    _block(body if body is not None else root, lines)
    return lines


def _children(element: Any) -> Iterator[Any]:
    """Children, with markup-compatibility blocks resolved to their first choice."""
    for child in element:
        if child.tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")
            if choice is None:
                choice = child.find(f"{_MC}Fallback")
            if choice is not None:
                yield from _children(choice)
        else:
            yield child


def _block(element: Any, lines: list[str]) -> None:
    """Paragraphs and tables in document order."""
    for child in _children(element):
        tag = child.tag
        if tag == f"{_W}p":
            boxes: list[str] = []
            lines.extend(_paragraph(child, boxes).split("\n"))
            lines.extend(boxes)
        elif tag == f"{_W}tbl":
            for row in child.findall(f"{_W}tr"):
                _row(row, lines)
        elif tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}smartTag"):
            content = child.find(f"{_W}sdtContent")
            _block(content if content is not None else child, lines)
        elif tag == f"{_W}sdtContent":
            _block(child, lines)


def _row(row: Any, lines: list[str]) -> None:
    """A table row: one line, cells split by a gap; a layout table (a sidebar template,
    cells of many paragraphs) gives each cell's lines in turn."""
    cells: list[list[str]] = []
    for cell in row.findall(f"{_W}tc"):
        inner: list[str] = []
        _block(cell, inner)
        cells.append([t.strip() for t in inner if t.strip()])
    if any(len(c) > 2 for c in cells):
        for cell_lines in cells:
            lines.extend(cell_lines)
            lines.append("")
        return
    texts: list[str] = []
    for cell_lines in cells:
        text = " ".join(cell_lines)
        if text and (not texts or texts[-1] != text):  # merged cells repeat
            texts.append(text)
    lines.append(GAP.join(texts))


def _paragraph(p: Any, boxes: list[str]) -> str:
    """The text of a paragraph; text boxes inside it go to `boxes` as lines of their own."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in _children(node):
            tag = child.tag
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append(GAP)
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}txbxContent":
                _block(child, boxes)
            elif tag in (f"{_W}delText", f"{_W}instrText", f"{_W}del"):
                continue  # deleted text and field codes are not what the page shows
            else:
                walk(child)

    walk(p)
    return "".join(parts)
