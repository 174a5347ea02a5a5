"""The commands of the Deliverable menu, each with its shortcut, acting on the deliverable
selected on the screen in front (Today or the roadmap).

Keys a text field also uses (Space, Return, Delete, Alt+arrows) act only while a list has
the focus: those actions are added to each list with a widget-with-children context, so
typing a space in a note never ticks anything. The others work anywhere in the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget


class DeliverableTarget(Protocol):
    """What a screen with a list of deliverables offers the commands."""

    def current_key(self) -> str | None: ...
    def toggle_selected(self) -> None: ...
    def edit_selected(self) -> None: ...
    def skip_selected(self) -> None: ...
    def start_selected(self) -> None: ...
    def remove_selected(self) -> None: ...
    def move_selected(self, step: int) -> None: ...
    def add_new(self) -> None: ...
    def focus_search(self) -> None: ...
    def focus_list(self) -> None: ...


@dataclass(frozen=True)
class Command:
    name: str  # what the menu says
    keys: str  # the shortcut, as QKeySequence reads it
    run: Callable[[DeliverableTarget], None]
    in_list: bool = False  # a key a text field uses too: only while a list has the focus
    needs_row: bool = True


def _pane(target: DeliverableTarget) -> object:
    return getattr(target, "pane", None)


def _focus(field: str) -> Callable[[DeliverableTarget], None]:
    def run(target: DeliverableTarget) -> None:
        pane = _pane(target)
        if pane is not None:
            getattr(pane, field)()

    return run


COMMANDS = (
    Command("&Tick or untick", "Space", lambda t: t.toggle_selected(), in_list=True),
    Command("&Edit…", "Return", lambda t: t.edit_selected(), in_list=True),
    Command("&Log hours", "Ctrl+L", _focus("focus_log")),
    Command("Add a &note", "Ctrl+Shift+N", _focus("focus_note")),
    Command("Add e&vidence", "Ctrl+Shift+E", _focus("focus_evidence")),
    Command("&Start working on it", "Ctrl+Shift+I", lambda t: t.start_selected()),
    Command("S&kip or unskip", "Ctrl+Shift+S", lambda t: t.skip_selected()),
    Command("Move &up", "Alt+Up", lambda t: t.move_selected(-1), in_list=True),
    Command("Move &down", "Alt+Down", lambda t: t.move_selected(1), in_list=True),
    Command("&Remove", "Delete", lambda t: t.remove_selected(), in_list=True),
    Command("&Add a deliverable…", "Ctrl+Shift+A", lambda t: t.add_new(), needs_row=False),
    Command("&Find", "Ctrl+F", lambda t: t.focus_search(), needs_row=False),
    Command("Back to the &list", "Ctrl+0", lambda t: t.focus_list(), needs_row=False),
)


class DeliverableCommands(QObject):
    """The Deliverable menu's actions; `target()` gives the screen they act on (or None)."""

    def __init__(
        self, parent: QWidget, target: Callable[[], DeliverableTarget | None],
        say: Callable[[str], None],
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._target = target
        self._say = say
        self.actions: list[QAction] = []
        self._in_list: list[QAction] = []
        for command in COMMANDS:
            action = QAction(command.name, parent)
            action.setShortcut(QKeySequence(command.keys))
            if command.in_list:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self._in_list.append(action)
            else:
                parent.addAction(action)
            action.triggered.connect(lambda _=False, c=command: self._run(c))
            action.setData(command.needs_row)
            self.actions.append(action)

    def attach(self, view: QWidget) -> None:
        """Let the list-only keys (Space, Return, Delete, Alt+arrows) work in `view`."""
        for action in self._in_list:
            view.addAction(action)

    def fill(self, menu: QMenu) -> None:
        for n, action in enumerate(self.actions):
            if n in (2, 7, 10):
                menu.addSeparator()
            menu.addAction(action)
        menu.aboutToShow.connect(self._update)
        menu.aboutToHide.connect(self._enable_all)

    def _update(self) -> None:
        """Grey out in the menu what has nothing to act on."""
        target = self._target()
        selected = target is not None and target.current_key() is not None
        for action in self.actions:
            action.setEnabled(target is not None and (selected or not action.data()))

    def _enable_all(self) -> None:
        for action in self.actions:  # shortcuts say why when there is nothing to act on
            action.setEnabled(True)

    def _run(self, command: Command) -> None:
        target = self._target()
        if target is None:
            self._say("Go to Today or the Roadmap to work on a deliverable.")
            return
        if command.needs_row and target.current_key() is None:
            self._say("Select a deliverable first.")
            return
        command.run(target)


def shortcut_rows(commands: list[QAction], others: list[QAction]) -> list[tuple[str, str]]:
    """(what it does, keys) for every action with a shortcut, as the shortcuts page lists."""
    rows = []
    for action in [*commands, *others]:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append((action.text().replace("&", ""), keys))
    return rows
