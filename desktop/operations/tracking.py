"""Actions on one deliverable: tick (asking the hours spent), status, hours, notes, evidence,
add (in full or by its title alone), edit, move, remove (undoable, so not asked about)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from skillpath.core.actions import tracking
from skillpath.core.actions.common import short
from skillpath.core.rules import Status
from skillpath.desktop.context import AppContext


def _profile(ctx: AppContext) -> int | None:
    return ctx.state.profile_id


def tick(ctx: AppContext, key: str, *, ask: bool = True) -> None:
    """Mark `key` done, first asking the hours actually spent (the estimate by default)."""
    pid = _profile(ctx)
    item = ctx.view.item(key) if ctx.view else None
    if pid is None or item is None:
        return
    if not ask:
        ctx.ops.change(lambda s: tracking.tick(s, pid, key))
        return
    from skillpath.desktop.dialogs.hours import HoursSpentDialog

    dialog = HoursSpentDialog(ctx.window, item)

    def accepted() -> None:
        hours = dialog.hours()
        ctx.ops.change(lambda s: tracking.tick(s, pid, key, hours=hours))

    dialog.accepted.connect(accepted)
    dialog.open()


def untick(ctx: AppContext, key: str) -> None:
    pid = _profile(ctx)
    if pid is not None:
        ctx.ops.change(lambda s: tracking.untick(s, pid, key))


def toggle(ctx: AppContext, key: str, done: bool) -> None:
    if done:
        tick(ctx, key)
    else:
        untick(ctx, key)


def set_status(ctx: AppContext, key: str, status: Status) -> None:
    if status is Status.DONE:
        tick(ctx, key)
        return
    pid = _profile(ctx)
    if pid is not None:
        ctx.ops.change(lambda s: tracking.set_status(s, pid, key, status))


def log_hours(ctx: AppContext, key: str, hours: float, on: dt.date) -> None:
    pid = _profile(ctx)
    if pid is not None:
        ctx.ops.change(lambda s: tracking.log_hours(s, pid, key, hours, on=on))


def add_note(ctx: AppContext, key: str, text: str) -> None:
    pid = _profile(ctx)
    if pid is not None:
        ctx.ops.change(lambda s: tracking.add_note(s, pid, key, text))


def add_evidence(ctx: AppContext, key: str, text: str) -> None:
    pid = _profile(ctx)
    if pid is not None:
        ctx.ops.change(lambda s: tracking.add_evidence(s, pid, key, text))


def add_deliverable(ctx: AppContext, values: dict[str, Any], phase: int | None) -> None:
    pid = _profile(ctx)
    if pid is None:
        return
    fields = dict(values)
    title = str(fields.pop("title"))
    said = f"Added “{short(title)}”"  # the key (own-3) means nothing to a person
    ctx.ops.change(
        lambda s: tracking.add_deliverable(s, pid, title, phase=phase, **fields).with_message(said)
    )


def quick_add(ctx: AppContext, title: str, phase: int | None) -> None:
    """Add a deliverable by its title alone (practice, 4 h, due after the phase's last)."""
    pid = _profile(ctx)
    if pid is None:
        return
    said = f"Added “{short(title)}”. Press Enter on it to give its details."
    ctx.ops.change(
        lambda s: tracking.add_deliverable(s, pid, title, phase=phase).with_message(said)
    )


def add(ctx: AppContext, phase: int | None) -> None:
    """Ask for a new deliverable's details in the deliverable dialog, then add it."""
    if _profile(ctx) is None or ctx.view is None or not ctx.view.has_plan:
        return
    from skillpath.desktop.dialogs.deliverable import DeliverableDialog

    dialog = DeliverableDialog(ctx.window, "Add a deliverable", ctx.today())
    dialog.accepted.connect(lambda: add_deliverable(ctx, dialog.values(), phase))
    dialog.open()


def edit(ctx: AppContext, key: str) -> None:
    """Change a deliverable in the deliverable dialog."""
    item = ctx.view.item(key) if ctx.view else None
    if item is None:
        return
    from skillpath.desktop.dialogs.deliverable import DeliverableDialog

    dialog = DeliverableDialog(ctx.window, "Edit deliverable", ctx.today(), item)

    def accepted() -> None:
        changed = dialog.values()
        if changed:
            edit_deliverable(ctx, key, changed)

    dialog.accepted.connect(accepted)
    dialog.open()


def edit_deliverable(ctx: AppContext, key: str, values: dict[str, Any]) -> None:
    pid = _profile(ctx)
    if pid is not None:
        ctx.ops.change(lambda s: tracking.edit_deliverable(s, pid, key, **values))


def remove_deliverable(ctx: AppContext, key: str) -> None:
    """Remove at once: the message says how to undo it (a question every time would teach
    people to click Yes without reading)."""
    pid = _profile(ctx)
    item = ctx.view.item(key) if ctx.view else None
    if pid is None or item is None:
        return
    said = f"Removed “{short(item.title)}”. Undo it with Ctrl+Z."
    ctx.ops.change(lambda s: tracking.remove_deliverable(s, pid, key).with_message(said))


def move_deliverable(ctx: AppContext, key: str, index: int, phase: int | None = None) -> None:
    pid = _profile(ctx)
    if pid is not None:
        ctx.ops.change(lambda s: tracking.move_deliverable(s, pid, key, index, phase=phase))


def undo(ctx: AppContext) -> None:
    from skillpath.core.actions.history import undo_last

    ctx.ops.change(lambda s: undo_last(s))


def redo(ctx: AppContext) -> None:
    from skillpath.core.actions.history import redo_last

    ctx.ops.change(lambda s: redo_last(s))
