"""Render the CV test set in src/ into files/ as PDF (reportlab), Word (python-docx) and text.

Run from the repository: `.venv/bin/python tests/cv/make_cvs.py`. The output is committed, so
tests do not depend on fonts; rendering needs DejaVu Sans (for the Vietnamese name).

Source markup: "# " the name, "## " a heading, "### " a bold line, "- " a bullet, "a >> b"
a line with b set to the right margin, "| a | b |" a table row (Word only).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE / "files"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
rl_config.invariant = True  # no creation date or random id: the same sources give the same PDFs
FIXED_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

PDF = [
    "01-backend-one-column",
    "07-distinguished-engineer",
    "09-non-english-name",
    "13-data-scientist-r",
    "15-icons-contact-line",
    "20-europass",
    "25-engineering-manager",
    "27-pdf-header-footer",
    "30-skill-ratings",
]
DOCX = [
    "04-devops-skills-table",
    "05-european-cv",
    "08-student",
    "12-security-analyst",
    "16-table-layout",
    "17-header-footer",
]
COPY = [
    "03-ats-plain.txt",
    "06-career-changer.md",
    "10-ml-engineer.md",
    "19-student-internships.md",
    "21-month-year-ranges.txt",
    "22-freelance-and-clubs.md",
    "23-experiences-timeline.txt",
    "29-security-career-changer.md",
    "31-career-break.txt",
]
CP1252 = ["11-fullstack-cp1252.txt"]
LATIN1 = ["26-latin1-data.txt"]


def fonts() -> tuple[str, str]:
    try:
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    except Exception:  # no DejaVu: the Vietnamese name will not render, the rest will
        return "Helvetica", "Helvetica-Bold"
    return "DejaVu", "DejaVu-Bold"


def _plain(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text.replace("**", "")


# ------------------------------------------------------------------ one-column PDF


def render_pdf(
    source: Path, target: Path, size: float = 9.5, forms: bool = False, pages: int = 0
) -> int:
    """One column; `forms` puts each page's content in a form XObject, as some CV builders
    do (pypdf's layout mode then reads nothing); "@header"/"@footer" lines repeat on every
    page ("{page}" and "{pages}" filled in). Returns the number of pages."""
    regular, bold = fonts()
    width, height = A4
    margin = 50
    c = canvas.Canvas(str(target), pagesize=A4)
    c.setTitle(source.stem)
    y = height - margin
    leading = size * 1.4
    text_lines = source.read_text(encoding="utf-8").splitlines()
    header = next((t[8:] for t in text_lines if t.startswith("@header ")), "")
    footer = next((t[8:] for t in text_lines if t.startswith("@footer ")), "")
    page = 1

    def furniture() -> None:
        c.setFont(regular, 8)
        if header:
            c.drawString(margin, height - 30, header)
        if footer:
            c.drawCentredString(width / 2, 25, footer.format(page=page, pages=pages or "?"))

    def open_page() -> None:
        if forms:
            c.beginForm(f"page{page}")
        furniture()

    def close_page() -> None:
        if forms:
            c.endForm()
            c.doForm(f"page{page}")

    def need(space: float) -> None:
        nonlocal y, page
        if y - space < margin:
            close_page()
            c.showPage()
            page += 1
            open_page()
            y = height - margin

    open_page()
    for raw in text_lines:
        if raw.startswith(("@header ", "@footer ")):
            continue
        line = _plain(raw.rstrip())
        if not line:
            y -= 6
            continue
        if line.startswith("# "):
            need(26)
            c.setFont(bold, 18)
            c.drawString(margin, y - 18, line[2:])
            y -= 28
            continue
        if line.startswith("## "):
            need(28)
            y -= 8
            c.setFont(bold, 11)
            c.drawString(margin, y - 11, line[3:].upper())
            c.line(margin, y - 14, width - margin, y - 14)
            y -= 20
            continue
        font, indent, text = regular, 0.0, line
        if line.startswith("### "):
            font, text = bold, line[4:]
        elif line.startswith("- "):
            indent, text = 12.0, line[2:]
            need(leading)
            c.setFont(regular, size)
            c.drawString(margin + 2, y - size, "•")
        right = ""
        if " >> " in text:
            text, right = text.split(" >> ", 1)
            font = bold
        avail = width - 2 * margin - indent - (c.stringWidth(right, regular, size) + 20)
        for piece in simpleSplit(text, font, size, avail):
            need(leading)
            c.setFont(font, size)
            c.drawString(margin + indent, y - size, piece)
            if right:
                c.setFont(regular, size)
                c.drawRightString(width - margin, y - size, right)
                right = ""
            y -= leading
    close_page()
    c.save()
    return page


# ------------------------------------------------------------------ justified PDF


def render_justified(source: Path, target: Path) -> None:
    """Paragraphs set justified (platypus): wide word gaps that layout extraction keeps."""
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    regular, bold = fonts()
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14)
    justified = ParagraphStyle("justified", parent=body, alignment=TA_JUSTIFY)
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=12, spaceBefore=8)
    title = ParagraphStyle("title", parent=styles["Title"], fontName=bold, alignment=0)
    story: list[object] = []
    for raw in source.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line:
            story.append(Spacer(1, 4))
        elif line.startswith("# "):
            story.append(Paragraph(escape(line[2:]), title))
        elif line.startswith("## "):
            story.append(Paragraph(escape(line[3:].upper()), heading))
        elif line.startswith("@p "):
            story.append(Paragraph(escape(line[3:]), justified))
        elif " >> " in line:
            left, right = line.split(" >> ", 1)
            cells = [[Paragraph(f"<b>{escape(left)}</b>", body), Paragraph(escape(right), body)]]
            story.append(Table(cells, colWidths=[360, 120]))
        else:
            story.append(Paragraph(escape(line), body))
    SimpleDocTemplate(str(target), pagesize=A4, title=source.stem).build(story)  # type: ignore[arg-type]


# ------------------------------------------------------------------ sidebar PDF


def render_sidebar(source: Path, target: Path) -> None:
    """A CV-builder page: a shaded sidebar and a main column, each drawn on its own with its
    own line spacing, so the rows of the two columns do not line up."""
    regular, bold = fonts()
    _, height = A4
    text = source.read_text(encoding="utf-8")
    side_text, main_text = text.split("@main\n", 1)
    side = side_text.replace("@sidebar\n", "").splitlines()
    main = main_text.splitlines()
    c = canvas.Canvas(str(target), pagesize=A4)
    c.setTitle(source.stem)
    c.setFillColorRGB(0.16, 0.22, 0.33)
    c.rect(0, 0, 190, height, stroke=0, fill=1)
    c.setFillGray(1)
    y = height - 60
    for index, line in enumerate(side):
        if index == 0:
            c.setFont(bold, 17)
        elif line.isupper():
            y -= 12
            c.setFont(bold, 11)
        else:
            c.setFont(regular, 9.5)
        c.drawString(24, y, line)
        y -= 22 if index == 0 else 17
    c.setFillGray(0)
    y = height - 60
    for line in main:
        if not line:
            continue
        if line.isupper():
            y -= 10
            c.setFont(bold, 12)
            c.drawString(215, y, line)
            y -= 18
            continue
        c.setFont(bold if not line.startswith("•") and len(line) < 40 else regular, 10)
        for piece in simpleSplit(line, regular, 10, 340):
            c.drawString(215, y, piece)
            y -= 13.5
    c.save()


# ------------------------------------------------------------------ two-column PDF

TWO_COLUMN_LEFT = [
    "CONTACT",
    "lukas.novak@example.cz",
    "Prague, Czechia",
    "",
    "SKILLS",
    "TypeScript",
    "JavaScript",
    "React",
    "Vue.js",
    "HTML & CSS",
    "Tailwind CSS",
    "Spring",
    "Go",
    "Java",
    "Figma",
    "",
    "LANGUAGES",
    "Czech (native)",
    "English (C1)",
    "German (B2)",
]
# Row for row beside the sidebar: "React" sits next to "Native ...", "Spring" next to
# "Boot camp ...", "Go" next to "Google ...", "Java" next to "Script ...". Glued across the
# gutter they would read "React Native", "Spring Boot", "GoGoogle" and "JavaScript".
TWO_COLUMN_RIGHT = [
    "EXPERIENCE",
    "Senior Frontend Engineer — Kiwi Travel, Prague",
    "04/2022 – Present",
    "Built the booking flow in React and TypeScript",
    "Cut bundle size by 40% with code splitting",
    "Led the migration from class components to hooks",
    "Ran the weekly frontend guild",
    "Native app team partner: shared design tokens with the mobile team",
    "Wrote the team's accessibility checklist",
    "Reviewed pull requests for the design system",
    "Mentored two junior developers",
    "Boot camp mentor for new frontend hires",
    "Google Analytics funnels for the checkout team",
    "Script library for visual regression tests with Jest",
    "Frontend Developer — Listopad Media, Prague",
    "09/2019 – 03/2022",
    "Vue.js dashboards for advertisers",
    "Small Java and Spring Boot endpoints for the ad API",
    "Accessibility audits against WCAG 2.1",
    "Junior Web Developer — Agentura Nula, Brno",
    "07/2018 – 08/2019",
    "HTML, CSS and jQuery landing pages",
    "EDUCATION",
    "Bc. Informatics, Czech Technical University, 2015 – 2018",
]


def render_two_column(target: Path) -> None:
    regular, bold = fonts()
    _, height = A4
    c = canvas.Canvas(str(target), pagesize=A4)
    c.setTitle("two-column CV")
    c.setFont(bold, 20)
    c.drawString(40, height - 60, "Lukas Novák")
    c.setFont(regular, 11)
    c.drawString(40, height - 78, "Frontend Engineer")
    c.setFillGray(0.93)
    c.rect(30, 40, 160, height - 140, stroke=0, fill=1)
    c.setFillGray(0)
    y = height - 120
    rows = max(len(TWO_COLUMN_LEFT), len(TWO_COLUMN_RIGHT))
    for i in range(rows):
        left = TWO_COLUMN_LEFT[i] if i < len(TWO_COLUMN_LEFT) else ""
        right = TWO_COLUMN_RIGHT[i] if i < len(TWO_COLUMN_RIGHT) else ""
        # Both columns of a row are drawn in one text object, one after the other.
        text = c.beginText()
        heading_left = left.isupper()
        heading_right = right.isupper()
        text.setTextOrigin(40, y)
        text.setFont(bold if heading_left else regular, 10)
        text.textOut(left)
        text.setTextOrigin(205, y)
        text.setFont(bold if heading_right else regular, 10)
        text.textOut(right)
        c.drawText(text)
        y -= 15
    c.save()


# ------------------------------------------------------------------ Word


def render_docx(source: Path, target: Path) -> None:
    """Headings, bullets, tables ("| a | b |"); "@header"/"@footer" lines go to the page
    header and footer; "@cell" blocks become the cells of one layout table (a sidebar
    template)."""
    document = Document()
    document.core_properties.title = source.stem
    document.core_properties.created = FIXED_TIME
    document.core_properties.modified = FIXED_TIME
    style = document.styles["Normal"]
    style.font.size = Pt(10)
    table_rows: list[list[str]] = []
    text = source.read_text(encoding="utf-8")
    if text.startswith("@cell\n"):
        blocks = [b.strip("\n").splitlines() for b in text.split("@cell\n") if b.strip()]
        table = document.add_table(rows=1, cols=len(blocks))
        for cell, block in zip(table.rows[0].cells, blocks, strict=True):
            cell.text = block[0]
            for line in block[1:]:
                paragraph = cell.add_paragraph()
                paragraph.add_run(line).bold = line.isupper()
        document.save(str(target))
        return

    def flush() -> None:
        if not table_rows:
            return
        columns = max(len(r) for r in table_rows)
        table = document.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        for row in table_rows:
            cells = table.add_row().cells
            for index, value in enumerate(row):
                cells[index].text = value
        table_rows.clear()

    for raw in text.splitlines():
        line = _plain(raw.rstrip())
        if line.startswith("@header "):
            document.sections[0].header.paragraphs[0].text = line[8:]
            continue
        if line.startswith("@footer "):
            document.sections[0].footer.paragraphs[0].text = line[8:]
            continue
        if line.startswith("|"):
            table_rows.append([cell.strip() for cell in line.strip("|").split("|")])
            continue
        flush()
        if not line:
            continue
        if line.startswith("# "):
            document.add_heading(line[2:], level=0)
        elif line.startswith("## "):
            document.add_heading(line[3:], level=1)
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif " >> " in line:
            left, right = line.split(" >> ", 1)
            paragraph = document.add_paragraph()
            paragraph.add_run(left).bold = True
            paragraph.add_run("\t" + right)
        else:
            document.add_paragraph(line)
    flush()
    document.save(str(target))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for stem in PDF:
        # The senior engineer's CV is the three-page one the speed benchmark reads.
        size = 11.5 if stem.startswith("07-") else 9.5
        size = 12.5 if stem.startswith("27-") else size  # two pages, a footer on each
        pages = render_pdf(SRC / f"{stem}.md", OUT / f"{stem}.pdf", size)
        render_pdf(SRC / f"{stem}.md", OUT / f"{stem}.pdf", size, pages=pages)
    render_pdf(SRC / "18-builder-xobject.md", OUT / "18-builder-xobject.pdf", 13, forms=True)
    render_two_column(OUT / "02-frontend-two-column.pdf")
    render_sidebar(SRC / "14-sidebar-builder.md", OUT / "14-sidebar-builder.pdf")
    render_justified(SRC / "24-justified-pdf.md", OUT / "24-justified-pdf.pdf")
    for stem in [*DOCX, "28-ios-sidebar-table"]:
        render_docx(SRC / f"{stem}.md", OUT / f"{stem}.docx")
    for name in COPY:
        shutil.copyfile(SRC / name, OUT / name)
    for name in CP1252:
        text = (SRC / name).read_text(encoding="utf-8")
        (OUT / name).write_bytes(text.encode("cp1252"))
    for name in LATIN1:
        text = (SRC / name).read_text(encoding="utf-8")
        (OUT / name).write_bytes(text.encode("latin-1"))
    for path in sorted(OUT.iterdir()):
        print(f"{path.name:<40} {path.stat().st_size:>8,} bytes")


if __name__ == "__main__":
    main()
