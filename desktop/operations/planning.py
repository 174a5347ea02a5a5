"""Actions on a plan's target date: the plan-and-target dialog, setting, moving or clearing
the date, and the ways out of a missed one (more hours a week, a later finish, a narrower
plan). Each applies as one undoable change."""

from __future__ import annotations

import datetime as dt

from skillpath.core.actions import target as target_actions
from skillpath.core.changes import Changes
from skillpath.core.session import Session
from skillpath.desktop.context import AppContext


def open_target(ctx: AppContext) -> None:
    """Open the plan-and-target dialog for the current plan (window-modal); with no target
    yet, it starts with one to set."""
    from skillpath.desktop.dialogs.target import Choice, TargetDialog

    view = ctx.view
    if view is None or view.progress is None or view.profile is None:
        ctx.nav.message.emit("There is no plan yet: choose a target role to create one.")
        return
    dialog = TargetDialog(ctx.window, view, ctx.ops)
    if view.progress.plan.target is None:
        dialog.set_target_on()

    def chosen(choice: Choice) -> None:
        if choice.way in ("target", "later"):
            set_target(ctx, choice.target)
        elif choice.way == "hours" and choice.target is not None:
            more_hours(ctx, choice.hours, choice.target)
        elif choice.way == "scope" and choice.target is not None:
            narrower_plan(ctx, choice.target, choice.keep, choice.hours, choice.phases)

    dialog.chosen.connect(chosen)
    dialog.open()


def set_target(ctx: AppContext, target: dt.date | None) -> None:
    """Set, move or clear the plan's target date (undoable)."""
    pid = ctx.state.profile_id
    if pid is not None:
        ctx.ops.change(lambda s: _said(target_actions.set_target(s, pid, target)))


def more_hours(ctx: AppContext, hours: float, target: dt.date) -> None:
    """Re-plan the open work at `hours` a week, keep those hours, set the target (undoable)."""
    pid = ctx.state.profile_id
    if pid is not None:
        ctx.ops.change(lambda s: _said(target_actions.replan_to(s, pid, hours, target)))


def narrower_plan(
    ctx: AppContext, target: dt.date, keep: tuple[str, ...], hours: float, phases: int
) -> None:
    """A new plan of only the kept skills that ends by the target; the current plan stays in
    the history (undoable)."""
    pid = ctx.state.profile_id
    if pid is None:
        return

    def act(s: Session) -> Changes:
        return _said(target_actions.narrow_plan(s, pid, target, keep, hours, phases))

    ctx.ops.change(act, label="Making the narrower plan…")


def _said(changes: Changes) -> Changes:
    """The change's line, with the way back."""
    if not changes.history:
        return changes
    return changes.with_message(f"{changes.message}. Undo it with Ctrl+Z.")
