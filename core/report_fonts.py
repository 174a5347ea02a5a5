"""The fonts the PDF reports embed (bundled in resources/fonts), registered once per process,
and which characters each can draw."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.graphics.shapes import STATE_DEFAULTS  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

from skillpath.core.paths import resources_dir

SANS = "SkillpathSans"
SANS_BOLD = "SkillpathSans-Bold"
CJK = "SkillpathCJK"
FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
}


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


@cache
def font(name: str) -> TTFont:
    """Register one bundled font (once per process) and return it."""
    path = fonts_dir() / FONT_FILES[name]
    try:
        loaded = TTFont(name, str(path))
    except OSError as exc:  # a broken installation, not something a person typed
        raise RuntimeError(f"the bundled font {path} cannot be read: {exc}") from exc
    pdfmetrics.registerFont(loaded)
    return loaded


def register_fonts() -> None:
    """Register the Latin fonts and the family so <b> maps to the bold face."""
    font(SANS)
    font(SANS_BOLD)
    # Charts start every drawing with the graphics default font (Helvetica), which would
    # put an unembedded font in the PDF; every label here sets its own font anyway.
    STATE_DEFAULTS["fontName"] = SANS
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD
    )


@cache
def sans_chars() -> frozenset[int]:
    """The code points DejaVu Sans can draw in both its regular and bold faces."""
    return frozenset(font(SANS).face.charToGlyph) & frozenset(font(SANS_BOLD).face.charToGlyph)


@cache
def cjk_chars() -> frozenset[int]:
    """The code points the CJK fallback font can draw."""
    return frozenset(font(CJK).face.charToGlyph)
