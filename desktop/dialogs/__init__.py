"""The app's message boxes and file dialogs, and its own dialogs (the modules beside this).

Every dialog is window-modal and shown with `open()`, never `exec()`: the event loop keeps
running, so a test can fill and answer the real dialog, and nothing waits in a nested loop.
Answers arrive through callbacks. The builders (`message_box`, `question_box`,
`file_dialog`) make the real widgets; `Dialogs` shows them. Tests of flows whose dialogs
have their own test may swap `Dialogs` for one that answers at once (`use`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

Done = Callable[[], None]
_SHOWN: set[QDialog] = set()  # boxes without a parent, kept alive until they close


def show(box: QDialog) -> None:
    """Open `box` (window-modal, no nested loop), keeping it alive while it is shown."""
    if box.parent() is None:
        _SHOWN.add(box)
        box.finished.connect(lambda _: _SHOWN.discard(box))
    box.open()


def message_box(
    parent: QWidget | None, title: str, text: str, *, warning: bool = False, rich: bool = False
) -> QMessageBox:
    """An information (or warning) box with one OK button; `text` is plain text (it may
    carry what a person typed) unless `rich`."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(
        Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    return box


def question_box(
    parent: QWidget | None, title: str, text: str, yes: str = "Yes", no: str = "Cancel"
) -> QMessageBox:
    """A question with a yes button (named for what it does) and a no button (the default,
    so Enter on it never destroys anything). `box.property("yes")` holds the yes button."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(
        Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.setProperty("yes", yes_button)
    return box


def file_dialog(
    parent: QWidget | None, title: str, filters: str, *, save: bool = False, suggested: str = ""
) -> QFileDialog:
    """An open or save dialog. A save dialog asks once whether to replace an existing file
    (the app never asks a second time)."""
    box = QFileDialog(parent, title, suggested if save else "", filters)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    if save:
        box.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        box.setFileMode(QFileDialog.FileMode.AnyFile)
        if suggested:
            box.selectFile(suggested)
    else:
        box.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        box.setFileMode(QFileDialog.FileMode.ExistingFile)
    return box


class Dialogs:
    """Shows the app's message boxes and file dialogs (window-modal, answers by callback)."""

    def open_file(
        self, parent: QWidget | None, title: str, filters: str, chosen: Callable[[str], None]
    ) -> None:
        box = file_dialog(parent, title, filters)
        box.fileSelected.connect(chosen)
        show(box)

    def save_file(
        self,
        parent: QWidget | None,
        title: str,
        suggested: str,
        filters: str,
        chosen: Callable[[str], None],
    ) -> None:
        box = file_dialog(parent, title, filters, save=True, suggested=suggested)
        box.fileSelected.connect(chosen)
        show(box)

    def confirm(
        self, parent: QWidget | None, title: str, text: str, yes: Done, *, yes_text: str = "Yes"
    ) -> None:
        """Ask; call `yes()` only when the person says yes."""
        box = question_box(parent, title, text, yes_text)
        button = box.property("yes")
        box.buttonClicked.connect(lambda clicked: yes() if clicked is button else None)
        show(box)

    def info(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        done: Done | None = None,
        *,
        rich: bool = False,
    ) -> None:
        box = message_box(parent, title, text, rich=rich)
        if done is not None:
            box.finished.connect(lambda _: done())
        show(box)

    def error(
        self, parent: QWidget | None, title: str, text: str, done: Done | None = None
    ) -> None:
        box = message_box(parent, title, text, warning=True)
        if done is not None:
            box.finished.connect(lambda _: done())
        show(box)


class Scripted(Dialogs):
    """Answers at once, as told, and remembers what was asked: for the self-test, the
    benchmarks and flow tests whose dialogs have their own test (nobody is there to click).

    Attributes:
        open_path / save_path: what the file dialogs answer (None: cancelled).
        answer: what questions answer.
        asked: (kind, text) of every dialog shown, kind being open, save, confirm, info or
            error (for a save dialog the text is the suggested name).
    """

    def __init__(
        self, open_path: str | None = None, save_path: str | None = None, answer: bool = True
    ) -> None:
        self.open_path = open_path
        self.save_path = save_path
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def open_file(
        self, parent: QWidget | None, title: str, filters: str, chosen: Callable[[str], None]
    ) -> None:
        self.asked.append(("open", title))
        if self.open_path:
            chosen(self.open_path)

    def save_file(
        self,
        parent: QWidget | None,
        title: str,
        suggested: str,
        filters: str,
        chosen: Callable[[str], None],
    ) -> None:
        self.asked.append(("save", suggested))
        if self.save_path:
            chosen(self.save_path)

    def confirm(
        self, parent: QWidget | None, title: str, text: str, yes: Done, *, yes_text: str = "Yes"
    ) -> None:
        self.asked.append(("confirm", text))
        if self.answer:
            yes()

    def info(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        done: Done | None = None,
        *,
        rich: bool = False,
    ) -> None:
        self.asked.append(("info", text))
        if done is not None:
            done()

    def error(
        self, parent: QWidget | None, title: str, text: str, done: Done | None = None
    ) -> None:
        self.asked.append(("error", text))
        if done is not None:
            done()

    def said(self, kind: str) -> list[str]:
        return [text for k, text in self.asked if k == kind]


_current = Dialogs()


def current() -> Dialogs:
    """The dialogs in use."""
    return _current


def use(replacement: Dialogs) -> Dialogs:
    """Replace the app's dialogs (tests); returns the previous ones."""
    global _current
    previous, _current = _current, replacement
    return previous
