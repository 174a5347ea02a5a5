"""Actions on profiles and plans: a new profile (typed in, from a CV, or the demo), saving
changes to one, making a new plan, re-planning from today, switching profiles."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from skillpath.core.actions import demo, planning
from skillpath.core.models import Profile
from skillpath.core.planner import PlanOptions, build_plan
from skillpath.core.session import Session
from skillpath.desktop import dialogs
from skillpath.desktop.context import AppContext
from skillpath.desktop.models import SkillLine


def start_new(ctx: AppContext) -> None:
    """Begin a new profile on the Profile screen."""
    ctx.new_profile.begin()
    ctx.nav.go.emit("profile")


def start_from_cv(ctx: AppContext) -> None:
    """Ask for a CV, read its skills (each with the line it was found on) for the person to
    confirm, and begin a new profile from them."""
    dialogs.current().open_file(
        ctx.window,
        "Start from my CV",
        "CVs (*.txt *.md *.pdf *.docx);;All files (*)",
        lambda path: read_cv_file(ctx, path),
    )


def read_cv_file(ctx: AppContext, path: str) -> None:
    """Read a CV's skills off the UI thread and begin a new profile from them."""
    hours = ctx.settings.default_hours

    def read(s: Session) -> Any:
        from skillpath.core.cv import read_cv

        return read_cv(Path(path), s.full_catalog(), s.today)

    def done(draft: Any) -> None:
        lines = [SkillLine(x.skill, x.name, x.level, "cv", x.evidence) for x in draft.skills]
        note = (
            f"Found {len(lines)} skills in {Path(path).name}. Untick any that are wrong, "
            "adjust the levels, then continue. Nothing is saved yet."
        )
        if draft.warnings:
            note += " " + " ".join(draft.warnings)
        ctx.new_profile.begin(draft.to_profile(hours), lines, note)
        ctx.nav.go.emit("profile")

    ctx.ops.read(read, done, label="Reading your CV…")


def choose_role_for(ctx: AppContext, draft: Profile) -> None:
    """The profile part of a new profile is done: check it, then choose its target role."""
    try:
        checked = Profile.model_validate(draft.model_dump())
    except ValidationError as exc:
        from skillpath.core.profile_io import describe_validation

        ctx.nav.message.emit(f"The profile is not complete: {describe_validation(exc)}")
        return
    ctx.new_profile.choose_role(checked)
    ctx.nav.go.emit("roles")


def create(ctx: AppContext, draft: Profile, role_id: str, options: PlanOptions) -> None:
    """Store the new profile with its first plan, then show it."""
    profile = draft.model_copy(
        update={
            "hours_per_week": options.hours_per_week or draft.hours_per_week,
            "start_date": options.start,
            "target_date": options.target,
        }
    )

    def act(s: Session) -> Any:
        catalog = s.full_catalog()
        plan = build_plan(profile, catalog.role(role_id), catalog, options, s.today)
        return planning.create_profile(s, profile, plan)

    def done(_: Any) -> None:
        ctx.new_profile.end()
        ctx.nav.go.emit("today")

    ctx.ops.change(act, done=done, label="Creating your plan…")


def open_demo(ctx: AppContext) -> None:
    ctx.ops.change(
        demo.open_demo, done=lambda _: ctx.nav.go.emit("today"), label="Opening the demo…"
    )


def save(
    ctx: AppContext,
    changes: Mapping[str, Any],
    skills: Mapping[str, int],
    done: Any = None,
) -> None:
    """Save what the person changed on the Profile screen (only that: a level earned
    meanwhile elsewhere is kept)."""
    pid = ctx.state.profile_id
    if pid is None or (not changes and not skills):
        return
    fields, levels = dict(changes), dict(skills)
    ctx.ops.change(lambda s: planning.update_profile(s, pid, fields, levels), done=done)


def make_plan(ctx: AppContext, role_id: str, options: PlanOptions) -> None:
    """A new plan for the current profile (the current one is kept as history)."""
    view = ctx.view
    if view is None or view.profile is None:
        return
    if view.has_plan:
        dialogs.current().confirm(
            ctx.window,
            "New plan",
            "Make a new plan? Your current plan and its progress are kept in the history.",
            lambda: _make_plan(ctx, role_id, options),
            yes_text="Make a new plan",
        )
    else:
        _make_plan(ctx, role_id, options)


def _make_plan(ctx: AppContext, role_id: str, options: PlanOptions) -> None:
    view = ctx.view
    if view is None or view.profile is None:
        return
    pid, profile = view.profile.id, view.profile.profile

    def act(s: Session) -> Any:
        catalog = s.full_catalog()
        plan = build_plan(profile, catalog.role(role_id), catalog, options, s.today)
        return planning.new_plan(s, pid, plan)

    ctx.ops.change(act, done=lambda _: ctx.nav.go.emit("roadmap"), label="Creating your plan…")


def replan(ctx: AppContext, hours_per_week: float | None = None) -> None:
    """Show what a re-plan from today would move (old and new finish, how many move and by
    how much), and apply it when the person agrees."""
    pid = ctx.state.profile_id
    if pid is None:
        return

    def preview(s: Session) -> planning.ReplanPreview:
        return planning.preview_replan(s, pid, hours_per_week=hours_per_week)

    def shown(result: planning.ReplanPreview) -> None:
        if not result.moves:
            ctx.nav.message.emit(result.summary)
            return
        from skillpath.desktop.dialogs.replan import ReplanDialog

        dialog = ReplanDialog(ctx.window, result)
        rate = result.hours_per_week
        dialog.accepted.connect(
            lambda: ctx.ops.change(lambda s: planning.replan(s, pid, hours_per_week=rate))
        )
        dialog.open()

    ctx.ops.read(preview, shown)
