"""PDF rendering of the reports with reportlab: fonts, text safety, page furniture, charts.

Every piece of text goes through `markup()`, which strips control characters, escapes
reportlab's paragraph markup, picks a font per run of characters (DejaVu Sans, else the
CJK fallback font) and replaces what no bundled font can draw (emoji, other scripts) with
a readable stand-in. The fonts are embedded (subset), so text is selectable and searchable.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape, quoteattr

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart  # type: ignore[import-untyped]
from reportlab.graphics.charts.legends import Legend  # type: ignore[import-untyped]
from reportlab.graphics.charts.lineplots import LinePlot  # type: ignore[import-untyped]
from reportlab.graphics.shapes import (  # type: ignore[import-untyped]
    STATE_DEFAULTS,
    Drawing,
    Rect,
    String,
)
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4, LETTER  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from skillpath.core.paths import resources_dir
from skillpath.core.report_data import (
    DoneRow,
    Header,
    Item,
    OpenRow,
    ProgressReport,
    Source,
    Summary,
    clean_text,
    generated_by,
    hours_text,
    long_date,
    short_date,
)

Paper = Literal["a4", "letter"]
PAGE_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}

SANS = "SkillpathSans"
SANS_BOLD = "SkillpathSans-Bold"
CJK = "SkillpathCJK"
FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
}

ACCENT = colors.HexColor("#1F4E79")
ACCENT_LIGHT = colors.HexColor("#A8C1DA")
INK = colors.HexColor("#1E1E1E")
MUTED = colors.HexColor("#5F6B76")
RULE = colors.HexColor("#CDD5DD")
ZEBRA = colors.HexColor("#F4F7FA")
LATE = colors.HexColor("#9C2A1C")

MARGIN = 20 * mm
CELL_LIMIT = 400  # characters of user text in one table cell (a cell cannot break a page)
FOOTER_NAME_LIMIT = 40


# ------------------------------------------------------------------ fonts


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


@cache
def _font(name: str) -> TTFont:
    """Register one bundled font (once per process) and return it."""
    path = fonts_dir() / FONT_FILES[name]
    try:
        font = TTFont(name, str(path))
    except OSError as exc:  # a broken installation, not something a person typed
        raise RuntimeError(f"the bundled font {path} cannot be read: {exc}") from exc
    pdfmetrics.registerFont(font)
    return font


def register_fonts() -> None:
    """Register the Latin fonts and the family so <b> maps to the bold face."""
    _font(SANS)
    _font(SANS_BOLD)
    # Charts start every drawing with the graphics default font (Helvetica), which would
    # put an unembedded font in the PDF; every label here sets its own font anyway.
    STATE_DEFAULTS["fontName"] = SANS
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD
    )


@cache
def _sans_chars() -> frozenset[int]:
    return frozenset(_font(SANS).face.charToGlyph)


@cache
def _cjk_chars() -> frozenset[int]:
    return frozenset(_font(CJK).face.charToGlyph)


# ------------------------------------------------------------------ text safety

_DROP = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xFE0E, 0xFE0F, 0x20E3, 0x00AD}
_BIDI_CONTROLS = (
    set(range(0x200E, 0x2010)) | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
)


# Characters below U+1F000 that emoji fonts draw as colour pictographs by default
# (Emoji_Presentation=Yes in Unicode's emoji data). Other symbols there, such as the check
# mark, stars and card suits, are ordinary text symbols and are drawn with DejaVu Sans.
_BMP_EMOJI = frozenset(
    [0x231A, 0x231B, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23F0, 0x23F3, 0x25FD, 0x25FE, 0x2614,
     0x2615, *range(0x2648, 0x2654), 0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE,
     0x26C4, 0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
     0x270A, 0x270B, 0x2728, 0x274C, 0x274E, 0x2753, 0x2754, 0x2755, 0x2757, 0x2795, 0x2796,
     0x2797, 0x27B0, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B55]
)  # fmt: skip


def _is_emoji(cp: int, next_cp: int | None = None) -> bool:
    """Whether a character shows as an emoji: a pictograph, or a symbol asked to (U+FE0F)."""
    return 0x1F000 <= cp <= 0x1FAFF or cp in _BMP_EMOJI or (next_cp == 0xFE0F and cp > 0xFF)


def _emoji_name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"[{name.lower()}]" if name else "[emoji]"


def _script_of(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0].capitalize() if name else "Unknown"


Run = tuple[str, str]  # (font or "", text); "" is the paragraph's own font

_RTL = ("R", "AL")
_WEAK = ("WS", "ON", "CS", "ES", "ET", "EN", "AN", "NSM", "BN")
_NUMBER = ("EN", "AN")
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")


def _reverse_segment(segment: str) -> str:
    """Reverse an RTL segment for drawing: keep numbers and combining marks in order."""
    tokens: list[str] = []
    for ch in segment:
        kind = unicodedata.bidirectional(ch)
        if tokens and (
            kind == "NSM"
            or (kind in _NUMBER and unicodedata.bidirectional(tokens[-1][-1]) in _NUMBER)
        ):
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return "".join(reversed(tokens)).translate(_MIRROR)


def visual_order(text: str) -> str:
    """Right-to-left runs (Hebrew, Arabic) in the order they are drawn, in a line that reads
    left to right. reportlab draws characters in the order given; a PDF reader's text
    extraction turns the drawn order back into reading order.

    Limits: no Arabic joining forms (letters are drawn in their isolated forms), and a
    right-to-left run that wraps onto a second line keeps its lines in drawing order.
    """
    if not any(unicodedata.bidirectional(c) in _RTL for c in text):
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if unicodedata.bidirectional(text[i]) not in _RTL:
            out.append(text[i])
            i += 1
            continue
        j = last = i
        while j < n and (kind := unicodedata.bidirectional(text[j])) in (*_RTL, *_WEAK):
            if kind in _RTL or kind in _NUMBER:  # a number after RTL text joins its run
                last = j
            j += 1
        out.append(_reverse_segment(text[i : last + 1]))
        i = last + 1
    return "".join(out)


def font_runs(text: str) -> list[Run]:
    """Split cleaned text into runs by the font that can draw them, replacing the rest.

    Emoji become their name in brackets ("[grinning face]"); letters of a script no
    bundled font covers become one stand-in per run ("[Hangul text]").
    """
    sans = _sans_chars()
    runs: list[Run] = []
    buf: list[str] = []
    current = ""
    missing_script = ""

    def flush() -> None:
        nonlocal buf, missing_script
        if missing_script:
            _add(runs, "", f"[{missing_script} text]")
            missing_script = ""
        if buf:
            _add(runs, current, "".join(buf))
            buf = []

    chars = list("\n".join(visual_order(line) for line in text.split("\n")))
    i = 0
    while i < len(chars):
        ch = chars[i]
        cp = ord(ch)
        i += 1
        if (
            cp in _DROP
            or cp in _BIDI_CONTROLS
            or 0x1F3FB <= cp <= 0x1F3FF
            or 0xE0020 <= cp <= 0xE007F
        ):
            continue
        if 0x1F1E6 <= cp <= 0x1F1FF:  # regional indicators: a flag is two of them
            letters = chr(cp - 0x1F1E6 + ord("A"))
            if i < len(chars) and 0x1F1E6 <= ord(chars[i]) <= 0x1F1FF:
                letters += chr(ord(chars[i]) - 0x1F1E6 + ord("A"))
                i += 1
            stand_in = f"[flag {letters}]"
            font = ""
        elif _is_emoji(cp, ord(chars[i]) if i < len(chars) else None):
            stand_in = _emoji_name(ch)
            font = ""
        elif ch == "\n" or cp in sans or unicodedata.category(ch) == "Zs":
            stand_in = ch if ch == "\n" or cp in sans else " "
            font = ""
        elif cp in _cjk_chars():
            stand_in = ch
            font = CJK
        elif unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cn", "Co", "Cc"):
            continue
        else:
            script = _script_of(ch)
            if missing_script and missing_script != script:
                flush()
            if buf:
                _add(runs, current, "".join(buf))
                buf = []
            missing_script = script
            continue
        if missing_script:
            _add(runs, "", f"[{missing_script} text]")
            missing_script = ""
        if font != current and buf:
            _add(runs, current, "".join(buf))
            buf = []
        current = font
        buf.append(stand_in)
    flush()
    return runs


def _add(runs: list[Run], font: str, text: str) -> None:
    if runs and runs[-1][0] == font:
        runs[-1] = (font, runs[-1][1] + text)
    else:
        runs.append((font, text))


def markup(text: str, limit: int | None = None) -> str:
    """Paragraph markup for user or catalog text: safe, drawable and escaped.

    Args:
        text: any text.
        limit: cut to this many characters (with an ellipsis) first; for table cells.
    """
    text = clean_text(text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    out: list[str] = []
    for font, chunk in font_runs(text):
        safe = escape(chunk).replace("\n", "<br/>")
        out.append(f'<font name="{font}">{safe}</font>' if font else safe)
    return "".join(out)


def link(text: str, url: str) -> str:
    """A clickable link; the URL is quoted for the attribute, the text made safe."""
    return f"<a href={quoteattr(url)} color={quoteattr(ACCENT.hexval())}>{markup(text)}</a>"


def plain(text: str) -> str:
    """Text for canvas.drawString and chart labels: cleaned, one font, no markup."""
    return "".join(
        chunk for font, chunk in font_runs(clean_text(text, single_line=True)) if not font
    )


# ------------------------------------------------------------------ styles


class Styles:
    """The report's paragraph styles: one family, a clear hierarchy, one accent colour."""

    def __init__(self) -> None:
        base = ParagraphStyle(
            "body",
            fontName=SANS,
            fontSize=9.5,
            leading=13.5,
            textColor=INK,
            spaceAfter=5,
            bulletFontName=SANS,
        )
        self.body = base
        self.kicker = ParagraphStyle(
            "kicker", parent=base, fontName=SANS_BOLD, fontSize=8.5, leading=11,
            textColor=ACCENT, spaceAfter=4,
        )  # fmt: skip
        self.title = ParagraphStyle(
            "title", parent=base, fontName=SANS_BOLD, fontSize=22, leading=27, spaceAfter=4
        )
        self.subtitle = ParagraphStyle(
            "subtitle", parent=base, fontSize=11.5, leading=15, textColor=MUTED, spaceAfter=2
        )
        self.h1 = ParagraphStyle(
            "h1", parent=base, fontName=SANS_BOLD, fontSize=13, leading=17, textColor=ACCENT,
            spaceBefore=14, spaceAfter=6, keepWithNext=1,
        )  # fmt: skip
        # For a heading followed by a long table: keepWithNext would move the whole table
        # to the next page; a CondPageBreak before the heading keeps them together instead.
        self.h1_loose = ParagraphStyle("h1_loose", parent=self.h1, keepWithNext=0)
        self.h2 = ParagraphStyle(
            "h2", parent=base, fontName=SANS_BOLD, fontSize=10.5, leading=14,
            spaceBefore=10, spaceAfter=3, keepWithNext=1,
        )  # fmt: skip
        self.bullet = ParagraphStyle(
            "bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=3.5
        )
        self.note = ParagraphStyle(
            "note", parent=base, fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=4
        )
        self.note_bullet = ParagraphStyle(
            "note_bullet", parent=self.note, leftIndent=12, bulletIndent=2
        )
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, spaceAfter=0)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.head = ParagraphStyle(
            "head", parent=self.cell, fontName=SANS_BOLD, textColor=MUTED, fontSize=8
        )
        self.head_right = ParagraphStyle("head_right", parent=self.head, alignment=TA_RIGHT)
        self.footer = ParagraphStyle(
            "footer", parent=base, fontSize=7.5, leading=9, textColor=MUTED, spaceAfter=0
        )
        self.footer_right = ParagraphStyle("footer_right", parent=self.footer, alignment=TA_RIGHT)


# ------------------------------------------------------------------ page furniture


class _Furniture:
    """Draws the footer (who, what, page N of M) on each page once the count is known."""

    def __init__(self, left: str, styles: Styles) -> None:
        self.left = left
        self.styles = styles

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        width, _ = canvas._pagesize
        y = MARGIN * 0.55
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, y + 11, width - MARGIN, y + 11)
        text_width = width - 2 * MARGIN
        left = Paragraph(self.left, self.styles.footer)
        left.wrapOn(canvas, text_width * 0.75, 20)
        left.drawOn(canvas, MARGIN, y)
        right = Paragraph(f"Page {page} of {total}", self.styles.footer_right)
        right.wrapOn(canvas, text_width * 0.25, 20)
        right.drawOn(canvas, MARGIN + text_width * 0.75, y)
        canvas.restoreState()


def _canvas_class(furniture: _Furniture) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Holds pages back until the end so each footer can say 'of M'."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                furniture.draw(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def title_block(header: Header, kicker: str, styles: Styles) -> list[Flowable]:
    """Kicker, the person's name, the role and the date, then an accent rule."""
    rule = Table([[""]], colWidths=["100%"], rowHeights=[2])
    rule.setStyle(
        TableStyle(
            [("LINEABOVE", (0, 0), (-1, -1), 1.5, ACCENT), ("FONTNAME", (0, 0), (-1, -1), SANS)]
        )
    )
    return [
        Paragraph(escape(kicker.upper()), styles.kicker),
        Paragraph(markup(header.person), styles.title),
        Paragraph(
            f"{markup(header.subtitle)} · {escape(long_date(header.generated))}",
            styles.subtitle,
        ),
        Spacer(1, 6),
        rule,
        Spacer(1, 4),
    ]


def render(
    story: list[Flowable],
    *,
    paper: Paper,
    title: str,
    author: str,
    footer: str,
    styles: Styles,
) -> bytes:
    """Lay out `story` on pages of `paper` size and return the PDF bytes."""
    register_fonts()
    size = PAGE_SIZES[paper]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=plain(title),
        author=plain(author),
        subject=plain(title),
        creator="Skillpath",
        producer="Skillpath (reportlab)",
        invariant=1,
        # Without this each page starts in Helvetica, a font the PDF would not embed.
        initialFontName=SANS,
        initialFontSize=9.5,
    )
    frame = Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    furniture = _Furniture(footer, styles)
    doc.build(story, canvasmaker=_canvas_class(furniture))
    return buffer.getvalue()


# ------------------------------------------------------------------ building blocks


def bullets(items: Sequence[Item], styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for item in items:
        label = link(item.label, item.url) if item.url else markup(item.label)
        parts = [f"<b>{label}</b>"]
        links = "; ".join(link(x.text, x.url) for x in item.links)
        body = " ".join(
            x for x in (links + ("." if links and item.text else ""), markup(item.text)) if x
        )
        if body:
            parts.append(body)
        out.append(Paragraph(": ".join(parts) if body else parts[0], styles.bullet, bulletText="•"))
    return out


def table(
    rows: list[list[Any]],
    widths: Sequence[float],
    styles: Styles,
    *,
    right: Iterable[int] = (),
    zebra: bool = True,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A table with a header row, light rules, no vertical lines; repeats its header."""
    right = set(right)
    head = [
        Paragraph(escape(str(h)), styles.head_right if i in right else styles.head)
        for i, h in enumerate(rows[0])
    ]
    body = rows[1:]
    t = Table([head, *body], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("FONTSIZE", (0, 1), (-1, -1), 8.5),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
    ]
    for col in right:
        commands.append(("ALIGN", (col, 1), (col, -1), "RIGHT"))
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
    commands.extend(extra)
    t.setStyle(TableStyle(commands))
    return t


def cell(text: str, styles: Styles, limit: int = CELL_LIMIT, url: str | None = None) -> Paragraph:
    inner = markup(text, limit)
    if url:
        inner = f"<a href={quoteattr(url)} color={quoteattr(ACCENT.hexval())}>{inner}</a>"
    return Paragraph(inner, styles.cell)


def sources_block(sources: Sequence[Source], today: dt.date, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for s in sources:
        name = link(s.name, s.url) if s.url else markup(s.name)
        out.append(
            Paragraph(
                f"<b>{name}</b>. {markup(s.detail)}. {markup(s.licence)}",
                styles.note_bullet,
                bulletText="•",
            )
        )
    out.append(Paragraph(escape(generated_by(today)), styles.note))
    return out


def _axis_label(value: float) -> str:
    return f"{value:g}"


def _quiet_axis(axis: Any, font_size: float, grid: bool = False) -> None:
    """The house style of a chart axis: small muted labels, a light rule, an optional grid."""
    axis.labels.fontName = SANS
    axis.labels.fontSize = font_size
    axis.labels.fillColor = MUTED
    axis.strokeColor = RULE
    if grid:
        axis.visibleGrid = 1
        axis.gridStrokeColor = RULE
        axis.gridStrokeWidth = 0.3


def level_chart(
    names: Sequence[str], current: Sequence[int], required: Sequence[int], width: float
) -> Drawing:
    """Horizontal bars: current and required level of each skill, in table order."""
    register_fonts()
    bar_row = 17.0
    plot_height = bar_row * len(names)
    label_width = min(190.0, width * 0.42)
    height = plot_height + 48
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 22
    chart.width = width - label_width - 10
    chart.height = plot_height
    # reportlab draws the first category at the bottom; reverse so the table order reads down
    chart.data = [list(reversed(required)), list(reversed(current))]
    chart.categoryAxis.categoryNames = [_short_label(n, 34) for n in reversed(names)]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.visibleTicks = 0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 5
    chart.valueAxis.valueStep = 1
    _quiet_axis(chart.valueAxis, 7.5, grid=True)
    chart.valueAxis.labelTextFormat = _axis_label
    chart.barWidth = 5
    chart.groupSpacing = 5
    chart.barSpacing = 1
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = ACCENT_LIGHT
    chart.bars[1].fillColor = ACCENT
    drawing.add(chart)
    legend = Legend()
    legend.x = label_width
    legend.y = height - 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 90
    legend.dxTextSpace = 4
    legend.fontName = SANS
    legend.fontSize = 7.5
    legend.boxAnchor = "nw"
    legend.strokeColor = None
    legend.colorNamePairs = [(ACCENT, "Current level"), (ACCENT_LIGHT, "Required level")]
    drawing.add(legend)
    drawing.add(
        String(
            label_width + chart.width / 2, 4, "Level (0 none – 5 expert)", fontName=SANS,
            fontSize=7.5, fillColor=MUTED, textAnchor="middle",
        )
    )  # fmt: skip
    return drawing


def _short_label(text: str, width: int) -> str:
    text = plain(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def line_chart(
    series: Sequence[tuple[str, Sequence[tuple[dt.date, float]], colors.Color, bool]],
    width: float,
    height: float,
    *,
    y_label: str,
    y_max: float | None = None,
) -> Drawing:
    """Lines over dates. Each series: (legend name, points, colour, dashed)."""
    register_fonts()
    drawing = Drawing(width, height)
    usable = [(n, pts, c, d) for n, pts, c, d in series if pts]
    if not usable:
        return drawing
    origin = min(p[0] for _, pts, _, _ in usable for p in pts)
    end = max(p[0] for _, pts, _, _ in usable for p in pts)
    span = max((end - origin).days, 1)
    plot = LinePlot()
    plot.x = 44
    plot.y = 30
    plot.width = width - 54
    plot.height = height - 58
    plot.data = [[((d - origin).days, v) for d, v in pts] for _, pts, _, _ in usable]
    for i, (_, _, colour, dashed) in enumerate(usable):
        plot.lines[i].strokeColor = colour
        plot.lines[i].strokeWidth = 1.6 if not dashed else 1.1
        if dashed:
            plot.lines[i].strokeDashArray = [3, 2]
    plot.xValueAxis.valueMin = 0
    plot.xValueAxis.valueMax = span
    step = _date_step(span)
    plot.xValueAxis.valueSteps = list(range(0, span + 1, step))
    plot.xValueAxis.labelTextFormat = lambda v: _date_label(
        origin + dt.timedelta(days=int(v)), step
    )
    _quiet_axis(plot.xValueAxis, 7)
    top = y_max if y_max is not None else max(v for _, pts, _, _ in usable for _, v in pts)
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = max(top, 1) * (1 if y_max is not None else 1.05)
    _quiet_axis(plot.yValueAxis, 7, grid=True)
    plot.yValueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    drawing.add(plot)
    legend = Legend()
    legend.x = plot.x
    legend.y = height - 6
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 120
    legend.dxTextSpace = 4
    legend.fontName = SANS
    legend.fontSize = 7.5
    legend.boxAnchor = "nw"
    legend.strokeColor = None
    legend.colorNamePairs = [(c, n) for n, _, c, _ in usable]
    drawing.add(legend)
    drawing.add(String(4, plot.y + plot.height / 2, "", fontName=SANS, fontSize=7))
    drawing.add(
        String(plot.x, plot.y + plot.height + 4, y_label, fontName=SANS, fontSize=7,
               fillColor=MUTED)
    )  # fmt: skip
    return drawing


def _date_step(span_days: int) -> int:
    for step in (7, 14, 30, 61, 91, 182, 365, 730):
        if span_days / step <= 8:
            return step
    return 1461


def _date_label(day: dt.date, step: int) -> str:
    return f"{day.day} {day:%b}" if step < 30 else f"{day:%b} {day.year}"


def bar_chart(
    labels: Sequence[str], values: Sequence[float], width: float, height: float, y_label: str
) -> Drawing:
    """Vertical bars, one per label (weeks)."""
    register_fonts()
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x = 44
    chart.y = 30
    chart.width = width - 54
    chart.height = height - 48
    chart.data = [list(values)]
    chart.categoryAxis.categoryNames = list(labels)
    _quiet_axis(chart.categoryAxis, 6.5)
    chart.categoryAxis.labels.angle = 45 if len(labels) > 10 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 10 else "n"
    chart.categoryAxis.visibleTicks = 0
    chart.valueAxis.valueMin = 0
    _quiet_axis(chart.valueAxis, 7, grid=True)
    chart.valueAxis.labelTextFormat = _axis_label
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = ACCENT
    chart.barWidth = 6
    drawing.add(chart)
    drawing.add(
        String(chart.x, chart.y + chart.height + 6, y_label, fontName=SANS, fontSize=7,
               fillColor=MUTED)
    )  # fmt: skip
    return drawing


# ------------------------------------------------------------------ executive summary


def summary_story(summary: Summary, width: float, styles: Styles) -> list[Flowable]:
    """The executive summary as flowables."""
    s = styles
    story: list[Flowable] = title_block(summary.header, "Executive summary", s)
    story.append(Paragraph(markup(summary.overview), s.body))

    story.append(Paragraph("Key Strengths", s.h1))
    if summary.strengths:
        story.extend(bullets(summary.strengths, s))
    else:
        story.append(Paragraph(markup(summary.strengths_empty), s.body))

    story.append(Paragraph("Primary Recommendations", s.h1))
    for number, item in enumerate(summary.recommendations, start=1):
        story.append(
            Paragraph(
                f"<b>{markup(item.label)}.</b> {markup(item.text)}",
                s.bullet,
                bulletText=f"{number}.",
            )
        )

    story.append(Paragraph("Market Outlook", s.h1))
    story.extend(bullets(summary.market, s))
    if summary.market_note:
        story.append(Paragraph(f"About these figures: {markup(summary.market_note)}", s.note))

    story.append(Paragraph("Technology Stack Popularity", s.h1))
    story.extend(bullets(summary.popularity, s))
    story.append(Paragraph(markup(summary.popularity_note), s.note))

    story.append(CondPageBreak(120))
    story.append(Paragraph("Skill Gap Analysis", s.h1))
    story.append(Paragraph(markup(summary.gap_intro), s.body))
    rows: list[list[Any]] = [["Skill", "Current", "Required", "Gap", "Priority", "Evidence"]]
    critical_rows: list[int] = []
    for i, g in enumerate(summary.gap_rows, start=1):
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
            critical_rows.append(i)
    fixed = [46, 52, 30, 64]
    evidence_w = 92
    widths = [width - sum(fixed) - evidence_w, *fixed, evidence_w]
    extra = [("FONTNAME", (4, r), (4, r), SANS_BOLD) for r in critical_rows]
    story.append(table(rows, widths, s, right=(1, 2, 3), extra=extra))
    story.append(Spacer(1, 10))
    story.append(Paragraph(escape(summary.chart_title), s.h2))
    story.append(
        level_chart(
            [g.skill for g in summary.gap_rows],
            [g.current for g in summary.gap_rows],
            [g.required for g in summary.gap_rows],
            width,
        )
    )

    story.append(CondPageBreak(160))
    story.append(Paragraph("Upskilling Roadmap", s.h1))
    story.append(Paragraph(markup(summary.roadmap_intro), s.body))
    for phase in summary.phases:
        head = Paragraph(f"Phase {phase.number}. {markup(phase.title)}", s.h2)
        meta = Paragraph(
            f"{escape(short_date(phase.start))} to {escape(short_date(phase.due))} · "
            f"{escape(hours_text(phase.hours))} hours · {len(phase.deliverables)} deliverables",
            s.note,
        )
        rows = [["Deliverable", "Kind", "Hours", "Due", "Success metric"]]
        with_status = any(d.status for d in phase.deliverables)
        for d in phase.deliverables:
            title = d.title + (f" ({d.status})" if with_status and d.status else "")
            rows.append(
                [
                    cell(title, s, url=d.url),
                    d.kind,
                    hours_text(d.hours),
                    short_date(d.due),
                    cell(d.metric, s),
                ]
            )
        fixed = [60, 38, 58]
        rest = width - sum(fixed)
        widths = [rest * 0.52, *fixed, rest * 0.48]
        outcome = Paragraph(f"<b>Phase done when:</b> {markup(phase.outcome)}", s.note)
        story.append(KeepTogether([head, meta]))
        story.append(table(rows, widths, s, right=(2,)))
        story.append(Spacer(1, 3))
        story.append(outcome)

    story.append(CondPageBreak(120))
    story.append(Paragraph("Recommended Resources", s.h1))
    for group in summary.resources:
        story.append(Paragraph(escape(group.label), s.h2))
        if group.items:
            story.extend(bullets(group.items, s))
        else:
            story.append(Paragraph(markup(group.empty), s.body))

    if summary.closing:
        story.append(Paragraph("Next Step", s.h1))
        story.append(Paragraph(markup(summary.closing), s.body))

    story.append(CondPageBreak(100))
    story.append(Paragraph("Data Sources", s.h1))
    story.extend(sources_block(summary.sources, summary.header.generated, s))
    return story


def _document(
    header: Header, kind: str, story: list[Flowable], paper: Paper, styles: Styles
) -> bytes:
    footer = (
        f"{markup(_footer_name(header.person))} · {kind} · {escape(short_date(header.generated))}"
    )
    return render(
        story,
        paper=paper,
        title=header.title,
        author=header.person,
        footer=footer,
        styles=styles,
    )


def summary_pdf(summary: Summary, paper: Paper = "a4") -> bytes:
    """The executive summary as PDF bytes."""
    register_fonts()
    styles = Styles()
    width = PAGE_SIZES[paper][0] - 2 * MARGIN
    story = summary_story(summary, width, styles)
    return _document(summary.header, "Executive summary", story, paper, styles)


def _footer_name(name: str) -> str:
    name = clean_text(name, single_line=True)
    return name if len(name) <= FOOTER_NAME_LIMIT else name[: FOOTER_NAME_LIMIT - 1] + "…"


def write_pdf(data: bytes, path: str | os.PathLike[str], force: bool = False) -> Path:
    """Write PDF bytes atomically (see core.fileio)."""
    from skillpath.core.fileio import atomic_write

    return atomic_write(path, data, force)


# ------------------------------------------------------------------ progress report


def _figures(report: ProgressReport, width: float, styles: Styles) -> Table:
    value_style = ParagraphStyle(
        "figure", parent=styles.body, fontName=SANS_BOLD, fontSize=13, leading=16,
        textColor=ACCENT, spaceAfter=0,
    )  # fmt: skip
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


def _evidence_markup(row: DoneRow) -> str:
    parts = []
    for e in row.evidence:
        shown = link(e.value, e.url) if e.url else markup(e.value, CELL_LIMIT)
        parts.append(f"{escape(e.kind.capitalize())}: {shown}")
    return "; ".join(parts)


def _open_table(rows: list[OpenRow], width: float, styles: Styles, late: bool) -> Table:
    head = ["Deliverable", "Phase", "Hours", "Due", "Days late" if late else "Status"]
    data: list[list[Any]] = [head]
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
    extra: list[tuple[Any, ...]] = []
    if late:
        extra.append(("TEXTCOLOR", (4, 1), (4, -1), LATE))
    return table(data, [width - sum(fixed), *fixed], styles, right=(1, 2, 4) if late else (1, 2),
                 extra=extra)  # fmt: skip


def progress_story(report: ProgressReport, width: float, styles: Styles) -> list[Flowable]:
    """The progress report as flowables."""
    s = styles
    story: list[Flowable] = title_block(report.header, "Progress report", s)
    story.append(Paragraph(markup(report.overview), s.body))
    story.append(Spacer(1, 4))
    story.append(_figures(report, width, s))

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
    story.append(table(rows, [width - sum(fixed), *fixed], s, right=(1, 2, 4), zebra=False,
                       extra=[("VALIGN", (3, 1), (3, -1), "MIDDLE")]))  # fmt: skip

    story.append(Paragraph("Burn-up: Planned and Done Hours", s.h1))
    series = [
        ("Planned", report.planned_recent, ACCENT_LIGHT, True),
        ("Done (estimate of finished work)", report.done, ACCENT, False),
        ("Logged", report.logged, MUTED, False),
    ]
    story.append(Paragraph("So far", s.h2))
    story.append(line_chart(series, width, 190, y_label="Hours"))
    if report.planned and report.planned[-1][0] > report.planned_recent[-1][0]:
        story.append(Paragraph("The whole plan", s.h2))
        story.append(
            line_chart([("Planned", report.planned, ACCENT_LIGHT, True), *series[1:]], width, 130,
                       y_label="Hours")
        )  # fmt: skip
    story.append(Paragraph(markup(report.burnup_note), s.note))

    story.append(CondPageBreak(200))
    story.append(Paragraph("Readiness over Time", s.h1))
    if len(report.readiness) > 1:
        story.append(
            line_chart([("Readiness", report.readiness, ACCENT, False)], width, 150,
                       y_label="Readiness (%)", y_max=100)
        )  # fmt: skip
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

    story.append(CondPageBreak(120))
    story.append(Paragraph("Completed Deliverables", s.h1))
    if not report.completed:
        story.append(Paragraph("Nothing is ticked off yet.", s.body))
    for row in report.completed:
        when = f"done {short_date(row.done_on)}" if row.done_on else "done"
        lines = [
            f"<b>{markup(row.title)}</b> <font color={quoteattr(MUTED.hexval())}>· phase "
            f"{row.phase} · {escape(hours_text(row.hours))} h · {escape(when)} · due "
            f"{escape(short_date(row.due))}</font>"
        ]
        evidence = _evidence_markup(row)
        lines.append(f"Evidence: {evidence}" if evidence else "Evidence: none kept.")
        for on, text in row.notes:
            lines.append(f"Note, {escape(short_date(on))}: {markup(text)}")
        story.append(Paragraph("<br/>".join(lines), s.bullet, bulletText="✓"))

    story.append(CondPageBreak(90))
    story.append(Paragraph("Overdue", s.h1_loose))
    if report.overdue:
        story.append(_open_table(report.overdue, width, s, late=True))
    else:
        story.append(Paragraph("Nothing is overdue.", s.body))
    story.append(CondPageBreak(90))
    story.append(Paragraph("Next Up", s.h1_loose))
    if report.upcoming:
        story.append(_open_table(report.upcoming, width, s, late=False))
    else:
        story.append(Paragraph("Nothing is left to do.", s.body))

    story.append(CondPageBreak(220))
    story.append(Paragraph("Hours Logged per Week", s.h1))
    if report.weeks:
        labels = [f"{w.day} {w:%b}" for w, _ in report.weeks]
        story.append(bar_chart(labels, [h for _, h in report.weeks], width, 170, "Hours"))
    story.append(Paragraph(markup(report.weeks_note), s.note))

    story.append(CondPageBreak(100))
    story.append(Paragraph("How These Figures Are Computed", s.h1))
    for line in report.method:
        story.append(Paragraph(markup(line), s.note_bullet, bulletText="•"))
    story.append(Paragraph(escape(generated_by(report.header.generated)), s.note))
    return story


def progress_pdf(report: ProgressReport, paper: Paper = "a4") -> bytes:
    """The progress report as PDF bytes."""
    register_fonts()
    styles = Styles()
    width = PAGE_SIZES[paper][0] - 2 * MARGIN
    story = progress_story(report, width, styles)
    return _document(report.header, "Progress report", story, paper, styles)
