"""Aim at a job ad: open or paste it, check what was read, save it as an own role (undoable,
with the ad's text kept beside it), then show it on the Target role screen with readiness."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from skillpath.core.actions import roles
from skillpath.core.actions.roles import MAX_SOURCE_CHARS
from skillpath.core.changes import Changes
from skillpath.core.errors import CvError, SkillpathError
from skillpath.core.job import JobAd
from skillpath.core.session import Session
from skillpath.desktop import dialogs
from skillpath.desktop.context import AppContext

PASTED = "you pasted"  # how the role's summary names an ad that came as text
Read = Callable[[Session], tuple[JobAd, str]]


def aim_at_job(ctx: AppContext) -> None:
    """Ask for the ad (a saved file or pasted text), read it off the UI thread, and show
    what was read for the person to check. A file or text that cannot be read, or that names
    no catalog skill, is said in one line in the dialog, and nothing changes."""
    from skillpath.desktop.dialogs.job_ad import JOB_FILTERS, JobSourceDialog

    source = JobSourceDialog(ctx.window)

    def read(job: Read, name: str) -> None:
        source.set_busy(True)

        def done(result: tuple[JobAd, str]) -> None:
            ad, text = result
            if not ad.skills:
                source.show_problem(
                    f"The ad {name} names no skill the catalog knows, so there is nothing to "
                    "aim at."
                )
                return
            source.accept()
            review_job(ctx, ad, text, name)

        def failed(exc: SkillpathError) -> None:
            source.show_problem(str(exc))

        ctx.ops.read(job, done, failed=failed, label="Reading the ad…")

    def from_file(path: str) -> None:
        chosen = Path(path)

        def job(s: Session) -> tuple[JobAd, str]:
            from skillpath.core.job import read_job_and_text

            return read_job_and_text(chosen, s.full_catalog())

        read(job, chosen.name)

    def from_text(pasted: str) -> None:
        def job(s: Session) -> tuple[JobAd, str]:
            from skillpath.core.job import read_job_text

            if len(pasted) > MAX_SOURCE_CHARS:
                raise CvError(
                    f"The pasted text is over {MAX_SOURCE_CHARS:,} characters; paste only the ad."
                )
            return read_job_text(pasted, s.full_catalog()), pasted

        read(job, PASTED)

    source.file_wanted.connect(
        lambda: dialogs.current().open_file(source, "Open a saved job ad", JOB_FILTERS, from_file)
    )
    source.text_given.connect(from_text)
    source.open()


def review_job(ctx: AppContext, ad: JobAd, text: str, name: str) -> None:
    """Show what was read from the ad; on Save, store it as an own role and show it."""
    from skillpath.desktop.dialogs.job_ad import JobReviewDialog

    dialog = JobReviewDialog(ctx.window, ad, name)

    def accepted() -> None:
        save_job_role(ctx, dialog.edited_ad(), text, name)

    dialog.accepted.connect(accepted)
    dialog.open()


def save_job_role(ctx: AppContext, ad: JobAd, text: str, name: str) -> None:
    """Store the checked ad as an own role (undoable), its text kept beside it, and show it
    selected on the Target role screen, its readiness beside the catalog roles'."""
    saved: list[str] = []

    def act(s: Session) -> Changes:
        from skillpath.core.own_roles import role_from_job

        catalog = s.full_catalog()
        role = role_from_job(catalog, ad.to_role(tuple(catalog.roles)), name)
        changes, stored = roles.save_own_role(s, role, replace=False, source=text)
        saved.append(stored.id)
        return changes.with_message(
            f"Saved the job ad as your role {stored.title} ({len(stored.required)} skills); "
            "Ctrl+Z undoes it"
        )

    ctx.ops.change(act, done=lambda _: ctx.nav.show_role.emit(saved[-1]))
