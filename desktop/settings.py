"""The app's own settings (window geometry, last screen, theme), kept in the data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from skillpath.desktop import theme


class Settings:
    """A small typed face over an INI file in the data folder (never the real home in tests)."""

    def __init__(self, folder: Path) -> None:
        self._q = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)

    def bytes(self, key: str) -> QByteArray | None:
        value = self._q.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self._q.setValue(key, value)

    def text(self, key: str, default: str = "") -> str:
        value = self._q.value(key, default)
        return value if isinstance(value, str) else default

    def set_text(self, key: str, value: str) -> None:
        self._q.setValue(key, value)

    @property
    def theme(self) -> str:
        value = self.text("theme", "system")
        return value if value in theme.THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self.set_text("theme", value)

    @property
    def default_hours(self) -> float:
        try:
            value = float(self.text("default_hours", "8"))
        except ValueError:
            return 8.0
        return value if 0 < value <= 80 else 8.0

    @default_hours.setter
    def default_hours(self, value: float) -> None:
        self.set_text("default_hours", f"{value:g}")

    def sync(self) -> None:
        self._q.sync()
