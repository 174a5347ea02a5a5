"""The executive summary as PDF: the seven sections on the first two pages, then appendices."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
)

from skillpath.core.report_appendix import APPENDICES, Appendix
from skillpath.core.report_charts import level_chart
from skillpath.core.report_fonts import SANS_BOLD, register_fonts
from skillpath.core.report_pdf import (
    MARGIN,
    PAGE_SIZES,
    Paper,
    Styles,
    bullets,
    cell,
    colophon,
    item_body,
    render,
    sources_block,
    table,
    title_block,
)
from skillpath.core.report_summary import SECTIONS, Summary
from skillpath.core.report_text import markup
from skillpath.core.report_words import hours_text, short_date


def _section(title: str, s: Styles) -> Paragraph:
    return Paragraph(escape(title), s.h1)


def _note(text: str, s: Styles) -> list[Flowable]:
    return [Paragraph(markup(text), s.note)] if text else []


def main_story(summary: Summary, s: Styles) -> list[Flowable]:
    """The overview and the seven sections: what the first two pages hold."""
    strengths, recommendations, market, popularity, gaps, roadmap, resources = SECTIONS
    story: list[Flowable] = title_block(summary.header, "Executive summary", s)
    story.append(Paragraph(markup(summary.overview), s.body))
    story.append(_section(strengths, s))
    story += bullets(summary.strengths, s) + _note(summary.strengths_note, s)
    story.append(_section(recommendations, s))
    for number, item in enumerate(summary.recommendations, start=1):
        story.append(
            Paragraph(
                f"<b>{markup(item.label)}.</b> {item_body(item)}",
                s.bullet,
                bulletText=f"{number}.",
            )
        )
    story.append(_section(market, s))
    story += bullets(summary.market, s) + _note(summary.market_note, s)
    story.append(_section(popularity, s))
    story += bullets(summary.popularity, s) + _note(summary.popularity_note, s)
    story.append(_section(gaps, s))
    story.append(Paragraph(markup(summary.gaps), s.body))
    story.append(_section(roadmap, s))
    story += bullets(summary.roadmap, s) + _note(summary.roadmap_note, s)
    story.append(_section(resources, s))
    story += bullets(summary.resources, s) + _note(summary.resources_note, s)
    return story


def _gap_table(a: Appendix, width: float, s: Styles) -> list[Flowable]:
    rows: list[list[Any]] = [["Skill", "Current", "Required", "Gap", "Priority", "Evidence"]]
    critical: list[int] = []
    for i, g in enumerate(a.gap_rows, start=1):
        rows.append(
            [
                cell(g.skill, s),
                str(g.current),
                str(g.required),
                str(g.gap) if g.gap else "met",
                g.priority,
                cell(g.evidence, s),
            ]
        )
        if g.priority == "critical" and g.gap:
            critical.append(i)
    fixed, evidence = [46, 52, 30, 64], 110
    extra = [("FONTNAME", (4, r), (4, r), SANS_BOLD) for r in critical]
    return [
        Paragraph(markup(a.gap_intro), s.body),
        table(
            rows, [width - sum(fixed) - evidence, *fixed, evidence], s, right=(1, 2, 3), extra=extra
        ),
        Spacer(1, 10),
        KeepTogether(
            [
                Paragraph(escape(a.chart_title), s.h2),
                level_chart(
                    [g.skill for g in a.gap_rows],
                    [g.current for g in a.gap_rows],
                    [g.required for g in a.gap_rows],
                    width,
                ),
            ]
        ),
    ]


def _deliverables(a: Appendix, width: float, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(markup(a.roadmap_intro), s.body)]
    if a.metric_keys:
        story.append(Paragraph("Success metrics that many deliverables share:", s.note))
        story += [Paragraph(markup(m), s.note_key, bulletText=k) for k, m in a.metric_keys]
        story.append(Spacer(1, 4))
    # The title cell also holds a metric no other row shares; shared ones are keyed to the
    # legend above, so most rows take one line.
    fixed = [50, 38, 60, 50, 38]
    widths = [width - sum(fixed), *fixed]
    for phase in a.phases:
        head = Paragraph(f"Phase {phase.number}. {markup(phase.title)}", s.h2)
        meta = Paragraph(
            f"{escape(short_date(phase.start))} to {escape(short_date(phase.due))} · "
            f"{escape(hours_text(phase.hours))} hours · {len(phase.deliverables)} deliverables",
            s.note,
        )
        rows: list[list[Any]] = [["Deliverable", "Kind", "Hours", "Due", "Status", "Metric"]]
        for d in phase.deliverables:
            title: Any = cell(d.title, s, url=d.url)
            if not d.key and d.metric:
                title = [title, Paragraph(f"Done when: {markup(d.metric, 400)}", s.cell_note)]
            rows.append([title, d.kind, hours_text(d.hours), short_date(d.due), d.status, d.key])
        story += [CondPageBreak(90), KeepTogether([head, meta])]
        story += [table(rows, widths, s, right=(2,)), Spacer(1, 3)]
        story.append(Paragraph(f"<b>Phase done when:</b> {markup(phase.outcome)}", s.note))
    return story


def appendix_story(summary: Summary, width: float, s: Styles) -> list[Flowable]:
    a = summary.appendix
    gaps, deliverables, resources, sources, method = APPENDICES
    story: list[Flowable] = [PageBreak(), Paragraph(escape(gaps), s.h1_loose)]
    story += _gap_table(a, width, s)
    story += [CondPageBreak(160), Paragraph(escape(deliverables), s.h1)]
    story += _deliverables(a, width, s)
    story += [CondPageBreak(120), Paragraph(escape(resources), s.h1)]
    for group in a.resources:
        story.append(Paragraph(escape(group.label), s.h2))
        story += (
            bullets(group.items, s) if group.items else [Paragraph(markup(group.empty), s.body)]
        )
    story += [CondPageBreak(100), Paragraph(escape(sources), s.h1)]
    story.append(Paragraph("For this role", s.h2))
    story += bullets(a.role_facts, s, s.note_bullet)
    story.append(Paragraph("The catalog", s.h2))
    story += sources_block(a.sources, s)
    story += _note(a.licences, s)
    story += [CondPageBreak(120), Paragraph(escape(method), s.h1)]
    for heading, paragraphs in a.method:
        story.append(Paragraph(escape(heading), s.h2))
        story += [Paragraph(markup(p), s.note_bullet, bulletText="•") for p in paragraphs]
    story.append(colophon(summary.header, s))
    return story


def summary_pdf(summary: Summary, paper: Paper = "a4") -> bytes:
    """The executive summary as PDF bytes."""
    register_fonts()
    styles = Styles()
    width = PAGE_SIZES[paper][0] - 2 * MARGIN
    story = main_story(summary, styles) + appendix_story(summary, width, styles)
    return render(story, summary.header, "Executive summary", paper, styles)
