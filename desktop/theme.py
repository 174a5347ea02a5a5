"""Light and dark palettes on the Fusion style, following the system unless told otherwise.

"system" follows Qt's `QStyleHints.colorScheme` and its `colorSchemeChanged` signal (the
window listens and calls `follow_system`); "light" and "dark" are the person's choice.
Both palettes are complete (fields, checkboxes, focus rings and charts read from them), and
the app's proxy style (desktop/style.py) draws what Fusion draws too faintly in the dark.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from skillpath.desktop.colours import COLOURS as _COLOURS
from skillpath.desktop.colours import color, dark_now

THEMES = ("system", "light", "dark")
__all__ = ["THEMES", "apply", "color", "dark_now", "follow_system", "is_dark", "system_is_dark"]

_system_scheme: Qt.ColorScheme | None = None  # as last announced by colorSchemeChanged


def system_is_dark() -> bool:
    """Whether the system asks for dark colours (as last announced, else as Qt reads it)."""
    scheme = _system_scheme
    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    return scheme == Qt.ColorScheme.Dark


def is_dark(theme: str) -> bool:
    return theme == "dark" or (theme == "system" and system_is_dark())


def follow_system(scheme: Qt.ColorScheme) -> None:
    """Remember the scheme the system announced (QStyleHints.colorSchemeChanged)."""
    global _system_scheme
    _system_scheme = scheme


def _palette(dark: bool) -> QPalette:
    def c(name: str) -> QColor:
        return QColor(_COLOURS[name][1 if dark else 0])

    p = QPalette()
    role = QPalette.ColorRole
    for r, name in (
        (role.Window, "window"),
        (role.WindowText, "text"),
        (role.Base, "base"),
        (role.AlternateBase, "alternate"),
        (role.Text, "text"),
        (role.Button, "button"),
        (role.ButtonText, "text"),
        (role.ToolTipBase, "base"),
        (role.ToolTipText, "text"),
        (role.PlaceholderText, "placeholder"),
        (role.Highlight, "accent"),
        (role.HighlightedText, "on-accent"),
        (role.Link, "accent"),
        (role.LinkVisited, "accent"),
        (role.Accent, "accent"),
        (role.Mid, "border"),
        (role.Midlight, "grid"),
    ):
        p.setColor(r, c(name))
    p.setColor(role.BrightText, c("bad"))
    p.setColor(role.Light, c("window").lighter(130 if dark else 110))
    p.setColor(role.Dark, c("window").darker(160))
    p.setColor(role.Shadow, QColor("#000000"))
    # the selection stays as visible when the window is not the active one
    inactive = QPalette.ColorGroup.Inactive
    p.setColor(inactive, role.Highlight, c("accent"))
    p.setColor(inactive, role.HighlightedText, c("on-accent"))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.Text, role.ButtonText, role.WindowText):
        p.setColor(disabled, r, c("disabled"))
    p.setColor(disabled, role.Base, c("window"))
    p.setColor(disabled, role.Highlight, c("disabled"))
    return p


def apply(app: QApplication, theme: str) -> None:
    """Apply `theme` ('system', 'light' or 'dark') to the whole app."""
    from skillpath.desktop.style import SkillpathStyle

    if not isinstance(app.style(), SkillpathStyle):
        app.setStyle(SkillpathStyle())
    dark = is_dark(theme)
    app.setProperty("skillpath_dark", dark)
    app.setPalette(_palette(dark))
