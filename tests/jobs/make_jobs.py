"""Render the job ads in src/ into files/ as PDF (reportlab) and Word (python-docx).

Run from the repository: `.venv/bin/python tests/jobs/make_jobs.py`. The other ads (.txt, .md,
.html) are written by hand in files/. Source markup: "# " the title, "## " a heading, "- " a
bullet, "| a | b |" a table row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate, Spacer

HERE = Path(__file__).resolve().parent
rl_config.invariant = True  # the same sources give the same PDFs

PDF = ["07-frontend-pdf", "14-analyst-pdf"]
DOCX = ["03-skills-table", "11-qa-docx"]


def render_pdf(source: Path, target: Path) -> None:
    styles = getSampleStyleSheet()
    story: list[object] = []
    bullets: list[object] = []

    def flush() -> None:
        if bullets:
            story.append(ListFlowable(list(bullets), bulletType="bullet"))
            bullets.clear()

    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("- "):
            bullets.append(Paragraph(escape(line[2:]), styles["BodyText"]))
            continue
        flush()
        if line.startswith("# "):
            story.append(Paragraph(escape(line[2:]), styles["Title"]))
        elif line.startswith("## "):
            story.append(Paragraph(escape(line[3:]), styles["Heading2"]))
        elif line.strip():
            story.append(Paragraph(escape(line), styles["BodyText"]))
        else:
            story.append(Spacer(1, 6))
    flush()
    SimpleDocTemplate(str(target), pagesize=A4, title=source.stem).build(story)  # type: ignore[arg-type]


def render_docx(source: Path, target: Path) -> None:
    document = Document()
    document.core_properties.created = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            table = document.add_table(rows=0, cols=len(rows[0]))
            for row in rows:
                for cell, value in zip(table.add_row().cells, row, strict=False):
                    cell.text = value
            rows.clear()

    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
            continue
        flush()
        if line.startswith("# "):
            document.add_heading(line[2:], level=0)
        elif line.startswith("## "):
            document.add_heading(line[3:], level=1)
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif line.strip():
            document.add_paragraph(line)
    flush()
    document.save(str(target))


def main() -> None:
    for stem in PDF:
        render_pdf(HERE / "src" / f"{stem}.md", HERE / "files" / f"{stem}.pdf")
    for stem in DOCX:
        render_docx(HERE / "src" / f"{stem}.md", HERE / "files" / f"{stem}.docx")
    for path in sorted((HERE / "files").iterdir()):
        print(f"{path.name:<36} {path.stat().st_size:>8,} bytes")


if __name__ == "__main__":
    main()
