"""Actions on the data as a whole: back up, check, export and import a profile, write the
reports and the calendar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from skillpath.core.session import Session
from skillpath.desktop import dialogs
from skillpath.desktop.context import AppContext


def back_up(ctx: AppContext, done: Callable[[Path], None] | None = None) -> None:
    def job(s: Session) -> Path:
        return s.store.backup()

    def written(path: Path) -> None:
        ctx.nav.message.emit(f"Backed up to {path}")
        if done is not None:
            done(path)

    ctx.ops.read(job, written, label="Backing up…")


def check_database(ctx: AppContext) -> None:
    def job(s: Session) -> Any:
        return s.store.check()

    def done(report: Any) -> None:
        if report.ok:
            text = (
                f"The database is healthy: {report.profiles} profiles, "
                f"{report.deliverables} deliverables, schema version {report.schema}."
            )
        else:
            text = "The check found problems:\n" + "\n".join(report.problems)
        dialogs.current().info(ctx.window, "Check database", text)  # plain text

    ctx.ops.read(job, done, label="Checking the database…")


def export_profile(ctx: AppContext) -> None:
    view = ctx.view
    if view is None or view.profile is None:
        return
    pid = view.profile.id
    safe = "".join(c if c.isalnum() or c in "-_ " else "-" for c in view.profile.name).strip()

    def chosen(path: str) -> None:
        def job(s: Session) -> str:
            from skillpath.core.actions.transfer import export_profile as write

            # the save dialog has asked about replacing an existing file
            return write(s, pid, Path(path), force=True).message

        ctx.ops.read(job, ctx.nav.message.emit, label="Exporting your profile…")

    dialogs.current().save_file(
        ctx.window,
        "Export profile",
        f"{safe or 'profile'}.json",
        "Skillpath profile (*.json)",
        chosen,
    )


def import_profile(ctx: AppContext) -> None:
    """Ask for an exported profile, read it, and store it; when its name is taken, offer to
    import it under a free one ("Ana (2)")."""

    def chosen(path: str) -> None:
        def read(s: Session) -> Any:
            from skillpath.core.transfer import read_export

            return read_export(Path(path), s.catalog)

        ctx.ops.read(read, lambda doc: _store(ctx, doc), label="Reading the profile…")

    dialogs.current().open_file(ctx.window, "Import profile", "Skillpath profile (*.json)", chosen)


def _store(ctx: AppContext, doc: Any) -> None:
    def act(rename: str | None) -> None:
        def job(s: Session) -> Any:
            from skillpath.core.actions.transfer import import_profile as store

            return store(s, doc, rename=rename)

        ctx.ops.change(job, done=lambda _: ctx.nav.go.emit("today"), label="Importing…")

    taken = {p.name.casefold() for p in (ctx.view.profiles if ctx.view else [])}
    name = doc.profile.name
    if name.casefold() not in taken:
        act(None)
        return
    n = 2
    while f"{name} ({n})".casefold() in taken:
        n += 1
    free = f"{name} ({n})"
    dialogs.current().confirm(
        ctx.window,
        "Import profile",
        f"You have a profile called {name} already. Import this one as {free}?",
        lambda: act(free),
        yes_text=f"Import as {free}",
    )


def export(
    ctx: AppContext,
    kind: str,
    fmt: str,
    paper: str,
    suggested: str,
    filters: str,
    done: Callable[[Path], None],
) -> None:
    """Ask where (the save dialog asks once about replacing a file), then write it off the UI
    thread: a report ("summary", "progress"), the calendar or a profile backup."""
    view = ctx.view
    if view is None or view.profile is None:
        return
    pid = view.profile.id
    dialogs.current().save_file(
        ctx.window,
        "Export",
        suggested,
        filters,
        lambda chosen: _write(ctx, pid, kind, fmt, paper, Path(chosen), done),
    )


def _write(
    ctx: AppContext,
    pid: int,
    kind: str,
    fmt: str,
    paper: str,
    path: Path,
    done: Callable[[Path], None],
) -> None:
    """Write an export off the UI thread (the save dialog asked about replacing it)."""

    def job(s: Session) -> Path:
        from skillpath.core.exports import write_deadlines, write_report

        if kind == "backup":
            from skillpath.core.actions.transfer import export_profile as write

            write(s, pid, path, force=True)
        elif kind == "calendar":
            write_deadlines(s, pid, path, True)
        else:
            write_report(s, pid, kind, fmt, "letter" if paper == "letter" else "a4", path, True)
        return path

    def written(out: Path) -> None:
        ctx.nav.message.emit(f"Saved {out}")
        done(out)

    ctx.ops.read(job, written, label="Writing the file…")
