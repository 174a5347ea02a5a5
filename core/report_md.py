"""Markdown rendering of the executive summary (CommonMark with GitHub tables).

Text from the catalog or the person is escaped so that it reads as typed in any Markdown
viewer: `<script>` stays text, `*` and `_` never start emphasis, `|` never ends a cell.
Emoji and every script are kept as they are; only control characters are removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from skillpath.core.records import safe_link
from skillpath.core.report_appendix import APPENDICES
from skillpath.core.report_model import Item, Source
from skillpath.core.report_summary import SECTIONS, Summary
from skillpath.core.report_words import (
    cap,
    clean_text,
    generated_by,
    hours_text,
    long_date,
    sentence,
    short_date,
)

_ALWAYS = re.compile(r"([\\`*_\[\]])")
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^([#>+-]|\d+[.)])")


def md(text: str) -> str:
    """Inline Markdown for any text: one line, markup characters escaped."""
    text = clean_text(text, single_line=True)
    text = _ALWAYS.sub(r"\\\1", text)
    text = _HTML_START.sub(r"\\<", text)
    text = _ENTITY.sub(r"\\&", text)
    return _LINE_START.sub(r"\\\1", text)


def md_cell(text: str) -> str:
    """Inline Markdown for a table cell: also escapes the column separator."""
    return md(text).replace("|", "\\|")


def md_url(url: str) -> str:
    """A URL safe inside `(...)` of a Markdown link."""
    return (
        clean_text(url, single_line=True)
        .replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
        .replace("<", "%3C")
        .replace(">", "%3E")
    )


def md_link(text: str, url: str | None, cell: bool = False) -> str:
    """A link when `url` is an http, https or mailto link; else the text alone."""
    shown = md_cell(text) if cell else md(text)
    target = safe_link(url) if url else None
    return f"[{shown}]({md_url(target)})" if target else shown


def _body(item: Item) -> str:
    """An item's links (each with what follows it), then its text."""
    links = "; ".join(
        md_link(x.text, x.url) + (" " + md(x.after) if x.after else "") for x in item.links
    )
    return " ".join(x for x in (links + ("." if links and item.text else ""), md(item.text)) if x)


def _item(item: Item) -> str:
    label = f"**{md_link(item.label, item.url)}**"
    body = _body(item)
    return f"- {label}: {body}" if body else f"- {label}"


def _items(items: Sequence[Item]) -> list[str]:
    return [_item(i) for i in items]


def level_bars(rows: Sequence[tuple[str, int, int]]) -> list[str]:
    """A text chart: one line per skill, filled blocks up to the current level, light ones
    up to the required level."""
    width = max((len(clean_text(n, single_line=True)) for n, _, _ in rows), default=0)
    width = min(width, 40)
    out = []
    for name, current, required in rows:
        shown = clean_text(name, single_line=True)
        shown = shown if len(shown) <= width else shown[: width - 1] + "…"
        bar = "█" * min(current, 5) + "░" * max(required - current, 0)
        out.append(f"{shown:<{width}}  {bar:<5}  {current} of {required}")
    return out


def _sources(sources: Sequence[Source]) -> list[str]:
    out = []
    for s in sources:
        rest = " ".join(md(sentence(cap(x))) for x in (s.detail, s.licence) if x)
        out.append(f"- **{md_link(s.name, s.url)}**. {rest}")
    return out


def _note(text: str) -> list[str]:
    return ["", f"*{md(text)}*"] if text else []


def summary_markdown(summary: Summary) -> str:
    """The executive summary as a Markdown document (ends with a newline)."""
    h = summary.header
    strengths, recommendations, market, popularity, gaps, roadmap, resources = SECTIONS
    out: list[str] = [
        f"# Executive Summary: {md(h.person)}",
        "",
        f"*{md(h.subtitle)} · {long_date(h.generated)}*",
        "",
        md(summary.overview),
        "",
        f"## {strengths}",
        "",
    ]
    out += _items(summary.strengths) + _note(summary.strengths_note)
    out += ["", f"## {recommendations}", ""]
    for number, item in enumerate(summary.recommendations, start=1):
        out.append(f"{number}. **{md(item.label)}:** {_body(item)}")
    out += ["", f"## {market}", ""]
    out += _items(summary.market) + _note(summary.market_note)
    out += ["", f"## {popularity}", ""]
    out += _items(summary.popularity) + _note(summary.popularity_note)
    out += ["", f"## {gaps}", "", md(summary.gaps)]
    out += ["", f"## {roadmap}", ""]
    out += _items(summary.roadmap) + _note(summary.roadmap_note)
    out += ["", f"## {resources}", ""]
    out += _items(summary.resources) + _note(summary.resources_note)
    out += _appendix(summary)
    out += ["", f"*{md(generated_by(h.generated))}*", ""]
    return "\n".join(out)


def _appendix(summary: Summary) -> list[str]:
    a = summary.appendix
    gaps, deliverables, resources, sources, method = APPENDICES
    out = ["", f"## {gaps}", "", md(a.gap_intro), ""]
    out += [
        "| Skill | Current | Required | Gap | Priority | Evidence |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for g in a.gap_rows:
        gap = str(g.gap) if g.gap else "met"
        out.append(
            f"| {md_cell(g.skill)} | {g.current} | {g.required} | {gap} | {g.priority} | "
            f"{md_cell(g.evidence)} |"
        )
    out += ["", f"{md(a.chart_title)} (█ current, ░ still to gain):", "", "```"]
    out += level_bars([(g.skill, g.current, g.required) for g in a.gap_rows])
    out += ["```", "", f"## {deliverables}", "", md(a.roadmap_intro)]
    if a.metric_keys:
        out += ["", "Success metrics that many deliverables share:", ""]
        out += [f"- {k} {md(m)}" for k, m in a.metric_keys]
    for phase in a.phases:
        out += [
            "",
            f"### Phase {phase.number}. {md(phase.title)}",
            "",
            f"*{short_date(phase.start)} to {short_date(phase.due)} · "
            f"{hours_text(phase.hours)} hours · {len(phase.deliverables)} deliverables*",
            "",
            "| Deliverable | Kind | Hours | Due | Status | Success metric |",
            "| --- | --- | ---: | --- | --- | --- |",
        ]
        for d in phase.deliverables:
            out.append(
                f"| {md_link(d.title, d.url, cell=True)} | {d.kind} | {hours_text(d.hours)} | "
                f"{short_date(d.due)} | {d.status} | {d.key or md_cell(d.metric)} |"
            )
        out += ["", f"**Phase done when:** {md(phase.outcome)}"]
    out += ["", f"## {resources}"]
    for group in a.resources:
        out += ["", f"### {md(group.label)}", ""]
        out += _items(group.items) if group.items else [md(group.empty)]
    out += ["", f"## {sources}", "", "### For this role", ""]
    out += _items(a.role_facts)
    out += ["", "### The catalog", ""]
    out += _sources(a.sources)
    out += ["", f"*{md(a.licences)}*"]
    out += ["", f"## {method}"]
    for heading, paragraphs in a.method:
        out += ["", f"### {md(heading)}", ""]
        out += [f"- {md(p)}" for p in paragraphs]
    return out
