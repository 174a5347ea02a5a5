"""Every dialog the app shows goes through here, so tests can replace them (a real modal
dialog in a test hangs it)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Dialogs:
    """The app's dialogs. Tests swap the instance (see `use`) for one that answers at once."""

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return path or None

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path or None

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        return QMessageBox.question(parent, title, text, yes | no, no) == yes

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)


_current = Dialogs()


def current() -> Dialogs:
    """The dialogs in use."""
    return _current


def use(replacement: Dialogs) -> Dialogs:
    """Replace the app's dialogs (tests); returns the previous ones."""
    global _current
    previous, _current = _current, replacement
    return previous
