"""The visible text of a job ad saved from a browser, with the standard library's HTML parser.

Nothing is run: scripts, styles, templates and hidden elements are dropped; the JSON-LD data
block a job page carries (schema.org JobPosting) is read as data for the title and company.
Headings come out as "# " lines and list items as "- " lines, so the ad reader sees the
same shapes as in a Markdown ad.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

GAP = "\t"
_DROP = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "ul",
    "ol",
    "table",
    "tr",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "form",
    "fieldset",
    "figure",
    "figcaption",
    "address",
    "details",
    "summary",
    "body",
    "html",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
MAX_JSON_LD = 256 * 1024


@dataclass
class HtmlText:
    """What a page shows, and what its own data says of the job."""

    lines: list[str]
    page_title: str = ""
    title: str = ""  # from JSON-LD or the first <h1>
    company: str = ""  # from JSON-LD
    notes: list[str] = field(default_factory=list)


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []  # open elements whose content is not shown
        self.in_title = False
        self.page_title: list[str] = []
        self.json_ld: list[str] = []
        self.in_json_ld = False
        self.h1: list[str] = []
        self.in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if self.skip:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        style = values.get("style", "").replace(" ", "").lower()
        hidden = (
            "hidden" in values or "display:none" in style or values.get("aria-hidden") == "true"
        )
        if tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self.in_json_ld = True
            self.skip.append(tag)
            return
        if tag in _DROP or (hidden and tag not in _VOID):
            self.skip.append(tag)
            return
        if tag == "title":
            self.in_title = True
        elif tag in _HEADINGS:
            self.parts.append("\n# ")
            self.in_h1 = tag == "h1" and not self.h1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("td", "th"):
            self.parts.append(GAP)
        elif tag == "br" or tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            if not self.skip:
                self.in_json_ld = False
            return
        if tag == "title":
            self.in_title = False
        elif tag in _HEADINGS:
            self.parts.append("\n")
            self.in_h1 = False
        elif tag in _BLOCK or tag == "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_json_ld and sum(len(t) for t in self.json_ld) < MAX_JSON_LD:
            self.json_ld.append(data)
        if self.skip:
            return
        if self.in_title:
            self.page_title.append(data)
            return
        if self.in_h1:
            self.h1.append(data)
        self.parts.append(data)


def _posting(text: str) -> dict[str, object]:
    """The schema.org JobPosting in a JSON-LD block, or {} (parsed as data, never run)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    items = data if isinstance(data, list) else [data]
    for item in items:
        if isinstance(item, dict) and item.get("@graph") and isinstance(item["@graph"], list):
            items.extend(item["@graph"])
    for item in items:
        if isinstance(item, dict) and item.get("@type") == "JobPosting":
            return item
    return {}


def html_text(source: str) -> HtmlText:
    """The visible lines of an HTML page, its <title>, and the job's title and company."""
    parser = _Visible()
    parser.feed(source)
    parser.close()
    text = "".join(parser.parts)
    lines = [
        " ".join(line.replace(GAP, " \x00 ").split()).replace("\x00", GAP)
        for line in text.split("\n")
    ]
    lines = [line.strip(GAP + " ") for line in lines]
    out = HtmlText(
        lines=[line for line in lines if line and line not in ("#", "-", "# ", "- ")],
        page_title=" ".join("".join(parser.page_title).split()),
        title=" ".join("".join(parser.h1).split()),
    )
    posting = _posting("".join(parser.json_ld)) if parser.json_ld else {}
    if isinstance(posting.get("title"), str):
        out.title = " ".join(str(posting["title"]).split())[:200]
    org = posting.get("hiringOrganization")
    if isinstance(org, dict) and isinstance(org.get("name"), str):
        out.company = " ".join(str(org["name"]).split())[:200]
    elif isinstance(org, str):
        out.company = " ".join(org.split())[:200]
    return out
