"""The app's named colours, light and dark: what the palettes, the style, the charts and the
banners are painted with."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

# name: (light, dark)
COLOURS: dict[str, tuple[str, str]] = {
    "window": ("#f4f5f7", "#2b2d30"),
    "base": ("#ffffff", "#1e1f22"),
    "alternate": ("#f7f8fa", "#25272a"),
    "text": ("#1d1f23", "#e6e6e6"),
    "muted": ("#5f6670", "#a0a5ad"),  # secondary text; 4.5:1 on window and base
    "placeholder": ("#6b7280", "#8f959e"),
    "disabled": ("#9aa0a8", "#6d7178"),
    "border": ("#858b94", "#80858e"),  # fields, checkboxes: 3:1 on window and base
    "button": ("#eceef1", "#3a3d41"),
    "accent": ("#2f6fb2", "#6ea8e6"),
    "on-accent": ("#ffffff", "#10131a"),
    "good": ("#1f7a45", "#5cc38a"),
    "warn": ("#a86a00", "#e0b252"),
    "bad": ("#b3261e", "#ef7b7b"),
    "grid": ("#e1e4e8", "#44474c"),
    "required": ("#8d949e", "#8a8f98"),
    "banner": ("#fff4d6", "#3a3320"),
    "sidebar": ("#e9ebef", "#232528"),
    "card": ("#ffffff", "#303236"),
}


def dark_now() -> bool:
    """Whether the dark palette is the one in use."""
    app = QApplication.instance()
    return bool(app.property("skillpath_dark")) if app else False


def color(name: str) -> QColor:
    """A named colour of the palette in use ("accent", "bad", "border", "banner"...)."""
    return QColor(COLOURS[name][1 if dark_now() else 0])
