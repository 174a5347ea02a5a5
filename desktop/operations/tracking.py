"""Actions on one deliverable: tick (asking the hours spent), status, hours, notes, evidence,
add, edit, move, remove."""

from __future__ import annotations

import datetime as dt
from typing import Any

from skillpath.core.actions import tracking
from skillpath.core.rules import Status
from skillpath.desktop import dialogs
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
    ctx.ops.change(lambda s: tracking.add_deliverable(s, pid, title, phase=phase, **fields))


def edit_deliverable(ctx: AppContext, key: str, values: dict[str, Any]) -> None:
    pid = _profile(ctx)
    if pid is not None:
        ctx.ops.change(lambda s: tracking.edit_deliverable(s, pid, key, **values))


def remove_deliverable(ctx: AppContext, key: str) -> None:
    pid = _profile(ctx)
    if pid is None:
        return
    if dialogs.current().confirm(
        ctx.window,
        "Remove deliverable",
        "Remove this deliverable with its notes and hours? You can undo it with Ctrl+Z.",
    ):
        ctx.ops.change(lambda s: tracking.remove_deliverable(s, pid, key))


def move_deliverable(ctx: AppContext, key: str, index: int) -> None:
    pid = _profile(ctx)
    if pid is not None:
        ctx.ops.change(lambda s: tracking.move_deliverable(s, pid, key, index))


def undo(ctx: AppContext) -> None:
    from skillpath.core.actions.history import undo_last

    ctx.ops.change(lambda s: undo_last(s))


def redo(ctx: AppContext) -> None:
    from skillpath.core.actions.history import redo_last

    ctx.ops.change(lambda s: redo_last(s))
