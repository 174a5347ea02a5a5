"""Actions on profiles and plans: a new profile (typed in, from a CV, a JSON Resume,
LinkedIn's data export, or the demo), saving changes to one, making a new plan, re-planning
from today, switching profiles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillpath.core.actions import demo, planning
from skillpath.core.models import Profile
from skillpath.core.planner import PlanOptions, build_plan
from skillpath.core.session import Session
from skillpath.desktop import dialogs
from skillpath.desktop.context import AppContext
from skillpath.desktop.file_ways import FILE_WAYS, FileWay
from skillpath.desktop.models import SkillLine

if TYPE_CHECKING:
    from skillpath.core.catalog import Catalog
    from skillpath.core.cv import CvDraft


def start_new(ctx: AppContext) -> None:
    """Begin a new profile on the Profile screen."""
    ctx.new_profile.begin()
    ctx.nav.go.emit("profile")


_WAYS = {way.key: way for way in FILE_WAYS}


def start_from(ctx: AppContext, key: str) -> None:
    """Ask for a file of this kind (cv, resume, linkedin), read its skills (each with where
    it came from) for the person to confirm, and begin a new profile from them."""
    way = _WAYS[key]
    dialogs.current().open_file(
        ctx.window,
        way.button.rstrip("…"),
        way.filters,
        lambda path: read_start_file(ctx, path, key),
    )


def start_from_cv(ctx: AppContext) -> None:
    start_from(ctx, "cv")


def _read_draft(key: str, path: Path, catalog: Catalog, today: dt.date) -> CvDraft:
    if key == "resume":
        from skillpath.core.resume_import import read_json_resume

        return read_json_resume(path, catalog, today)
    if key == "linkedin":
        from skillpath.core.resume_import import read_linkedin_export

        return read_linkedin_export(path, catalog, today)
    from skillpath.core.cv import read_cv

    return read_cv(path, catalog, today)


def read_start_file(ctx: AppContext, path: str, key: str = "cv") -> None:
    """Read a CV, a JSON Resume or a LinkedIn export off the UI thread and begin a new
    profile from it, for the Profile screen's review. A file that cannot be read is said in
    one line and nothing changes."""
    way = _WAYS[key]
    hours = ctx.settings.default_hours
    chosen = Path(path)

    def read(s: Session) -> tuple[CvDraft, Profile]:
        draft = _read_draft(key, chosen, s.full_catalog(), s.today)
        # a file without a name still starts a profile: the person types the name in
        profile = draft.to_profile(hours, name=draft.name or "-")
        return draft, profile if draft.name else profile.model_copy(update={"name": ""})

    def done(result: tuple[CvDraft, Profile]) -> None:
        draft, profile = result
        lines = [SkillLine(x.skill, x.name, x.level, "cv", x.evidence) for x in draft.skills]
        ctx.new_profile.end()  # a profile begun before is replaced, not merged
        note = review_note(draft, chosen.name, way, ctx.catalog)
        ctx.new_profile.begin(profile, lines, note)
        ctx.nav.go.emit("profile")

    ctx.ops.read(read, done, label=way.reading)


def read_cv_file(ctx: AppContext, path: str) -> None:
    """Read a CV's skills off the UI thread and begin a new profile from them."""
    read_start_file(ctx, path, "cv")


def review_note(draft: CvDraft, name: str, way: FileWay, catalog: Catalog) -> str:
    """What the review says above the skills read from a file."""
    note = (
        f"Found {len(draft.skills)} skills in {name}, {way.what}. Untick any that are wrong, "
        "adjust the levels, then continue. Nothing is saved yet."
    )
    if draft.years_from:
        note += f" {draft.years_experience:g} years of experience from its dates."
    if draft.certifications:
        certs = catalog.certifications
        held = [certs[c].name if c in certs else c for c in draft.certifications]
        note += f" Certifications you hold: {', '.join(held)}."
    if draft.warnings:
        note += " " + " ".join(draft.warnings)
    return note


def choose_role_for(ctx: AppContext, draft: Profile) -> None:
    """The profile part of a new profile is done: check it, then choose its target role."""
    from pydantic import ValidationError

    try:
        checked = Profile.model_validate(draft.model_dump())
    except ValidationError as exc:
        from skillpath.core.profile_io import describe_validation

        ctx.nav.message.emit(f"The profile is not complete: {describe_validation(exc)}")
        return
    begun = ctx.new_profile.profile
    if begun is not None and begun.certifications and not checked.certifications:
        # the form has no place for them: the certifications a CV or export named go along
        checked = checked.model_copy(update={"certifications": list(begun.certifications)})
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
