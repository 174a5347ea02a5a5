"""Help > About: the version, where the data is, and where the facts and the software come from."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import QWidget

from skillpath.core import APP_NAME, __version__
from skillpath.desktop import dialogs

ABOUT = """<h3>{name} {version}</h3>
<p>Plan and track your own move into a new role. Offline: your data stays in
<code>{folder}</code>.</p>
<p><b>Data sources</b></p>
<ul>
<li>Wages: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics
(OEWS), May 2025 national estimates. Public domain (U.S. government work).</li>
<li>Demand: U.S. Bureau of Labor Statistics, Employment Projections, as published in the
Occupational Outlook Handbook. Public domain.</li>
<li>Certification names, costs and validity: each entry names its source and year.</li>
<li>Skills, role requirements, growth areas and technology lists: editorial selection of the
Skillpath maintainers (2026).</li>
</ul>
<p><b>Software</b>: Qt and PySide6 (LGPLv3), pydantic (MIT), sqlite-utils (Apache 2.0),
reportlab (BSD), pypdf (BSD), python-docx (MIT), icalendar (BSD), platformdirs (MIT).
Fonts: DejaVu (Bitstream Vera licence), Droid Sans Fallback (Apache 2.0).</p>"""


def show_about(parent: QWidget, folder: Path) -> None:
    text = ABOUT.format(name=APP_NAME, version=__version__, folder=escape(str(folder)))
    dialogs.current().info(parent, f"About {APP_NAME}", text, rich=True)
