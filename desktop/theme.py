"""Light and dark palettes on the Fusion style, following the system unless told otherwise."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = QColor("#2f6fb2")
ACCENT_DARK = QColor("#6ea8e6")
THEMES = ("system", "light", "dark")


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def is_dark(theme: str) -> bool:
    return theme == "dark" or (theme == "system" and system_is_dark())


def _palette(dark: bool) -> QPalette:
    p = QPalette()
    if dark:
        base, window, text, mid = "#1e1f22", "#2b2d30", "#e6e6e6", "#3c3f41"
        accent = ACCENT_DARK
    else:
        base, window, text, mid = "#ffffff", "#f4f5f7", "#1d1f23", "#d5d8dc"
        accent = ACCENT
    role = QPalette.ColorRole
    p.setColor(role.Window, QColor(window))
    p.setColor(role.WindowText, QColor(text))
    p.setColor(role.Base, QColor(base))
    p.setColor(role.AlternateBase, QColor(window))
    p.setColor(role.Text, QColor(text))
    p.setColor(role.Button, QColor(window))
    p.setColor(role.ButtonText, QColor(text))
    p.setColor(role.ToolTipBase, QColor(base))
    p.setColor(role.ToolTipText, QColor(text))
    p.setColor(role.PlaceholderText, QColor("#8a8f98"))
    p.setColor(role.Mid, QColor(mid))
    p.setColor(role.Midlight, QColor(mid))
    p.setColor(role.Highlight, accent)
    p.setColor(role.HighlightedText, QColor("#ffffff" if not dark else "#10131a"))
    p.setColor(role.Link, accent)
    p.setColor(role.BrightText, QColor("#ff6b6b"))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.Text, role.ButtonText, role.WindowText):
        p.setColor(disabled, r, QColor("#7d828a"))
    return p


def apply(app: QApplication, theme: str) -> None:
    """Apply `theme` ('system', 'light' or 'dark') to the whole app."""
    app.setStyle("Fusion")
    dark = is_dark(theme)
    app.setPalette(_palette(dark))
    app.setProperty("skillpath_dark", dark)


def color(name: str) -> QColor:
    """Semantic colours used by charts and banners, for the current palette."""
    app = QApplication.instance()
    dark = bool(app.property("skillpath_dark")) if app else False
    table = {
        "accent": ACCENT_DARK if dark else ACCENT,
        "good": QColor("#5cc38a" if dark else "#1f8a4c"),
        "warn": QColor("#e0b252" if dark else "#a86a00"),
        "bad": QColor("#ef7b7b" if dark else "#b3261e"),
        "muted": QColor("#8a8f98"),
        "grid": QColor("#44474c" if dark else "#e1e4e8"),
        "required": QColor("#8a8f98" if dark else "#b8bec6"),
        "banner": QColor("#3a3320" if dark else "#fff4d6"),
    }
    return table[name]
