"""The PDF reports' layout (reportlab): colours, paragraph styles, page furniture, and the
blocks both reports are built of. Every piece of text goes through report_text."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4, LETTER  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from skillpath.core.report_fonts import SANS, SANS_BOLD, register_fonts
from skillpath.core.report_model import Header, Item, Source
from skillpath.core.report_text import link_markup, markup, pieces, plain
from skillpath.core.report_words import (
    cap,
    clean_text,
    generated_by,
    long_date,
    sentence,
    short_date,
)

Paper = Literal["a4", "letter"]
PAGE_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}

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
LONG_NAME = 48  # characters of a name from which the title is set smaller


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
            "kicker",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=8.5,
            leading=11,
            textColor=ACCENT,
            spaceAfter=4,
        )
        self.title = ParagraphStyle(
            "title", parent=base, fontName=SANS_BOLD, fontSize=22, leading=27, spaceAfter=4
        )
        self.title_long = ParagraphStyle("title_long", parent=self.title, fontSize=14, leading=18)
        self.subtitle = ParagraphStyle(
            "subtitle", parent=base, fontSize=11.5, leading=15, textColor=MUTED, spaceAfter=2
        )
        self.h1 = ParagraphStyle(
            "h1",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=13,
            leading=17,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        )
        # For a heading followed by a long table: keepWithNext would move the whole table
        # to the next page; a CondPageBreak before the heading keeps them together instead.
        self.h1_loose = ParagraphStyle("h1_loose", parent=self.h1, keepWithNext=0)
        self.h2 = ParagraphStyle(
            "h2",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=10,
            spaceAfter=3,
            keepWithNext=1,
        )
        self.bullet = ParagraphStyle(
            "bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=3.5
        )
        self.more = ParagraphStyle("more", parent=self.bullet, spaceBefore=0, spaceAfter=0)
        self.note = ParagraphStyle(
            "note", parent=base, fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=4
        )
        self.note_bullet = ParagraphStyle(
            "note_bullet", parent=self.note, leftIndent=12, bulletIndent=2
        )
        self.note_key = ParagraphStyle(
            "note_key", parent=self.note, leftIndent=18, bulletIndent=2, spaceAfter=1
        )
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, spaceAfter=0)
        self.cell_note = ParagraphStyle(
            "cell_note", parent=self.cell, fontSize=7.5, leading=9.5, textColor=MUTED, spaceBefore=1
        )
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
    long = len(clean_text(header.person, single_line=True)) > LONG_NAME
    return [
        Paragraph(escape(kicker.upper()), styles.kicker),
        Paragraph(markup(header.person), styles.title_long if long else styles.title),
        Paragraph(
            f"{markup(header.subtitle)} · {escape(long_date(header.generated))}", styles.subtitle
        ),
        Spacer(1, 6),
        rule,
        Spacer(1, 4),
    ]


def _footer_name(name: str) -> str:
    name = clean_text(name, single_line=True)
    return name if len(name) <= FOOTER_NAME_LIMIT else name[: FOOTER_NAME_LIMIT - 1] + "…"


def render(story: list[Flowable], header: Header, kind: str, paper: Paper, styles: Styles) -> bytes:
    """Lay out `story` on pages of `paper` size, with a footer naming the person, the kind
    of report and the date, and return the PDF bytes."""
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
        title=plain(header.title),
        author=plain(header.person),
        subject=plain(header.title),
        creator="Skillpath",
        producer="Skillpath (reportlab)",
        invariant=1,
        # Without this each page starts in Helvetica, a font the PDF would not embed.
        initialFontName=SANS,
        initialFontSize=9.5,
    )
    frame = Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    footer = (
        f"{markup(_footer_name(header.person))} · {kind} · {escape(short_date(header.generated))}"
    )
    doc.build(story, canvasmaker=_canvas_class(_Furniture(footer, styles)))
    return buffer.getvalue()


# ------------------------------------------------------------------ building blocks


def link(text: str, url: str | None) -> str:
    """Markup for `text` that opens `url` when it is an http, https or mailto link."""
    return link_markup(markup(text), url, ACCENT.hexval())


def bullets(
    items: Sequence[Item], styles: Styles, style: ParagraphStyle | None = None
) -> list[Flowable]:
    """One bullet per item: the bold label (linked if it has a URL), its links, its text."""
    out: list[Flowable] = []
    for item in items:
        parts = [f"<b>{link(item.label, item.url)}</b>"]
        body = item_body(item)
        if body:
            parts.append(body)
        out.append(Paragraph(": ".join(parts), style or styles.bullet, bulletText="•"))
    return out


def item_body(item: Item) -> str:
    """Markup of an item's links (each with what follows it), then its text."""
    links = "; ".join(
        link(x.text, x.url) + (" " + markup(x.after) if x.after else "") for x in item.links
    )
    return " ".join(
        x for x in (links + ("." if links and item.text else ""), markup(item.text)) if x
    )


def long_text(text: str, style: ParagraphStyle, lead: str = "", **kwargs: Any) -> list[Paragraph]:
    """User text of any length as paragraphs of bounded length (see report_text.pieces),
    the first one starting with `lead` (markup), the others continuing without a gap."""
    out: list[Paragraph] = []
    for n, piece in enumerate(pieces(text)):
        first = n == 0
        out.append(
            Paragraph(
                (lead if first else "") + markup(piece),
                style
                if first
                else ParagraphStyle(f"{style.name}-more", parent=style, spaceBefore=0),
                **(kwargs if first else {}),
            )
        )
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
    t = Table([head, *rows[1:]], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
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
    commands.extend(("ALIGN", (col, 1), (col, -1), "RIGHT") for col in right)
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
    commands.extend(extra)
    t.setStyle(TableStyle(commands))
    return t


def cell(text: str, styles: Styles, limit: int = CELL_LIMIT, url: str | None = None) -> Paragraph:
    """A table cell of user or catalog text, cut to `limit` characters, linked if `url`."""
    return Paragraph(link_markup(markup(text, limit), url, ACCENT.hexval()), styles.cell)


def sources_block(sources: Sequence[Source], styles: Styles) -> list[Flowable]:
    return [
        Paragraph(
            f"<b>{link(s.name, s.url)}</b>. "
            + " ".join(markup(sentence(cap(x))) for x in (s.detail, s.licence) if x),
            styles.note_bullet,
            bulletText="•",
        )
        for s in sources
    ]


def colophon(header: Header, styles: Styles) -> Paragraph:
    return Paragraph(escape(generated_by(header.generated)), styles.note)
