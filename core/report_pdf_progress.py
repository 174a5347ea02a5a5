"""The progress report as PDF: figures, progress by phase, charts and lists."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from reportlab.graphics.shapes import Drawing, Rect  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from skillpath.core.report_charts import bar_chart, line_chart
from skillpath.core.report_fonts import SANS, SANS_BOLD, register_fonts
from skillpath.core.report_pdf import (
    ACCENT,
    ACCENT_LIGHT,
    LATE,
    MARGIN,
    MUTED,
    PAGE_SIZES,
    RULE,
    ZEBRA,
    Paper,
    Styles,
    cell,
    colophon,
    link,
    long_text,
    render,
    table,
    title_block,
)
from skillpath.core.report_progress import DoneRow, OpenRow, ProgressReport
from skillpath.core.report_text import PIECE, markup
from skillpath.core.report_words import hours_text, short_date
from skillpath.core.rules import Status


def _figures(report: ProgressReport, width: float, styles: Styles) -> Table:
    value_style = ParagraphStyle(
        "figure",
        parent=styles.body,
        fontName=SANS_BOLD,
        fontSize=13,
        leading=16,
        textColor=ACCENT,
        spaceAfter=0,
    )
    cells = [
        [
            Paragraph(escape(f.label.upper()), styles.head),
            Paragraph(escape(f.value), value_style),
            Paragraph(escape(f.note), styles.footer),
        ]
        for f in report.figures
    ]
    count = len(cells)
    t = Table([cells], colWidths=[width / count] * count, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.25, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return t


def _progress_bar(percent: int, width: float) -> Drawing:
    drawing = Drawing(width, 8)
    drawing.add(Rect(0, 1, width, 6, fillColor=ZEBRA, strokeColor=RULE, strokeWidth=0.3))
    if percent > 0:
        drawing.add(
            Rect(0, 1, width * min(percent, 100) / 100, 6, fillColor=ACCENT, strokeColor=None)
        )
    return drawing


def _open_table(rows: list[OpenRow], width: float, styles: Styles, late: bool) -> Table:
    data: list[list[Any]] = [
        ["Deliverable", "Phase", "Hours", "Due", "Days late" if late else "Status"]
    ]
    for r in rows:
        data.append(
            [
                cell(r.title, styles, 200),
                str(r.phase),
                hours_text(r.hours),
                short_date(r.due),
                str(r.days_late) if late else r.status,
            ]
        )
    fixed = [38, 40, 62, 62]
    extra: list[tuple[Any, ...]] = [("TEXTCOLOR", (4, 1), (4, -1), LATE)] if late else []
    return table(
        data, [width - sum(fixed), *fixed], styles, right=(1, 2, 4) if late else (1, 2), extra=extra
    )


def _completed(row: DoneRow, s: Styles) -> list[Flowable]:
    """A finished deliverable: its line, then its evidence and notes. One paragraph when they
    are short; long text in paragraphs of bounded length (report_text.pieces)."""
    d = row.deliverable
    when = f"{Status.DONE} {short_date(d.done_on)}" if d.done_on else Status.DONE.value
    lines = [
        f"<b>{markup(d.title)}</b> <font color={quoteattr(MUTED.hexval())}>· phase {d.phase} · "
        f"{escape(hours_text(d.hours))} h · {escape(when)} · due {escape(short_date(d.due))}"
        "</font>"
    ]
    long: list[tuple[str, str]] = []  # (lead, text) of what goes in paragraphs of its own
    if not row.evidence:
        lines.append("Evidence: none kept.")
    for e in row.evidence:
        lead = f"Evidence ({escape(e.kind)}, {escape(short_date(e.on))}): "
        if e.url:
            lines.append(lead + link(e.value, e.url))
        else:
            long.append((lead, e.value))
    long += [(f"Note, {escape(short_date(n.on))}: ", n.text) for n in row.notes]
    if sum(len(text) for _, text in long) <= PIECE:
        lines += [lead + markup(text) for lead, text in long]
        long = []
    out: list[Flowable] = [Paragraph("<br/>".join(lines), s.bullet, bulletText="✓")]
    for lead, text in long:
        out += long_text(text, s.more, lead)
    if long:
        out.append(Spacer(1, 4))
    return out


def progress_story(report: ProgressReport, width: float, s: Styles) -> list[Flowable]:
    """The progress report as flowables."""
    story: list[Flowable] = title_block(report.header, "Progress report", s)
    story += [Paragraph(markup(report.overview), s.body), Spacer(1, 4), _figures(report, width, s)]

    story.append(Paragraph("Progress by Phase", s.h1))
    rows: list[list[Any]] = [["Phase", "Done", "Hours", "", "%", "Due"]]
    bar_w = 90.0
    for p in report.phases:
        rows.append(
            [
                cell(f"{p.number}. {p.title}", s, 200),
                f"{p.done} of {p.total}",
                f"{hours_text(round(p.done_hours, 1))} of {hours_text(round(p.total_hours, 1))}",
                _progress_bar(p.percent, bar_w),
                f"{p.percent}%",
                short_date(p.due) if p.due else "—",
            ]
        )
    fixed = [52, 78, bar_w + 8, 32, 60]
    story.append(
        table(
            rows,
            [width - sum(fixed), *fixed],
            s,
            right=(1, 2, 4),
            zebra=False,
            extra=[("VALIGN", (3, 1), (3, -1), "MIDDLE")],
        )
    )

    story.append(Paragraph("Burn-up: Planned and Done Hours", s.h1))
    series = [
        ("Planned", report.planned_recent, ACCENT_LIGHT, True),
        ("Done (planned hours of finished work)", report.done, ACCENT, False),
        ("Worked", report.logged, MUTED, False),
    ]
    story.append(Paragraph("So far", s.h2))
    story.append(line_chart(series, width, 190, y_label="Hours"))
    if (
        report.planned
        and report.planned_recent
        and report.planned[-1][0] > report.planned_recent[-1][0]
    ):
        story.append(Paragraph("The whole plan", s.h2))
        story.append(
            line_chart(
                [("Planned", report.planned, ACCENT_LIGHT, True), *series[1:]],
                width,
                130,
                y_label="Hours",
            )
        )
    story.append(Paragraph(markup(report.burnup_note), s.note))

    story += [CondPageBreak(200), Paragraph("Readiness over Time", s.h1)]
    if len(report.readiness) > 1:
        story.append(
            line_chart(
                [("Readiness", report.readiness, ACCENT, False)],
                width,
                150,
                y_label="Readiness (%)",
                y_max=100,
            )
        )
    story.append(Paragraph(markup(report.readiness_note), s.note))

    story.append(Paragraph("Skill Levels Then and Now", s.h1))
    story.append(Paragraph(markup(report.levels_note), s.body))
    rows = [["Skill", "Required", "Then", "Now", "Change"]]
    for lv in report.levels:
        change = lv.now - lv.then
        rows.append(
            [
                cell(lv.skill, s),
                str(lv.required) if lv.required is not None else "—",
                str(lv.then),
                str(lv.now),
                f"+{change}" if change > 0 else (str(change) if change else "—"),
            ]
        )
    fixed = [56, 44, 44, 52]
    gained = [i for i, lv in enumerate(report.levels, start=1) if lv.now > lv.then]
    extra = [("FONTNAME", (0, r), (-1, r), SANS_BOLD) for r in gained]
    story.append(table(rows, [width - sum(fixed), *fixed], s, right=(1, 2, 3, 4), extra=extra))

    story += [CondPageBreak(120), Paragraph("Completed Deliverables", s.h1)]
    if not report.completed:
        story.append(Paragraph("Nothing is ticked off yet.", s.body))
    for row in report.completed:
        story += _completed(row, s)

    story += [CondPageBreak(90), Paragraph("Overdue", s.h1_loose)]
    story.append(
        _open_table(report.overdue, width, s, late=True)
        if report.overdue
        else Paragraph("Nothing is overdue.", s.body)
    )
    story += [CondPageBreak(90), Paragraph("Next Up", s.h1_loose)]
    story.append(
        _open_table(report.upcoming, width, s, late=False)
        if report.upcoming
        else Paragraph("Nothing is left to do.", s.body)
    )

    story += [CondPageBreak(220), Paragraph("Hours Worked per Week", s.h1)]
    if report.weeks:
        labels = [f"{w.day} {short_date(w).split()[1]}" for w, _ in report.weeks]
        story.append(bar_chart(labels, [h for _, h in report.weeks], width, 170, "Hours"))
    story.append(Paragraph(markup(report.weeks_note), s.note))

    story += [CondPageBreak(100), Paragraph("How These Figures Are Computed", s.h1)]
    story += [Paragraph(markup(line), s.note_bullet, bulletText="•") for line in report.method]
    story.append(colophon(report.header, s))
    return story


def progress_pdf(report: ProgressReport, paper: Paper = "a4") -> bytes:
    """The progress report as PDF bytes."""
    register_fonts()
    styles = Styles()
    width = PAGE_SIZES[paper][0] - 2 * MARGIN
    return render(
        progress_story(report, width, styles), report.header, "Progress report", paper, styles
    )
