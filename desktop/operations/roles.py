"""Actions on own roles: copy a role to change it, edit, delete, import and export role files."""

from __future__ import annotations

from pathlib import Path

from skillpath.core.actions import roles
from skillpath.core.changes import Changes
from skillpath.core.models import Role
from skillpath.core.session import Session
from skillpath.desktop import dialogs
from skillpath.desktop.context import AppContext


def copy_role(ctx: AppContext, role_id: str) -> None:
    """Copy a role into an own role, let the person change it, and save it."""
    from skillpath.core.own_roles import copy_role as make_copy

    full = ctx.full_catalog()
    source = full.role(role_id)
    draft = make_copy(full, role_id, f"{source.title} (mine)", taken=set(full.roles))
    edit_own_role(ctx, draft)


def edit_own_role(ctx: AppContext, role: Role) -> None:
    from skillpath.desktop.dialogs.role_editor import RoleEditor

    editor = RoleEditor(ctx.window, role, ctx.catalog)

    def accepted() -> None:
        changed = editor.role()
        saved: list[str] = []

        def act(s: Session) -> Changes:
            changes, role = roles.save_own_role(s, changed)
            saved.append(role.id)
            return changes

        ctx.ops.change(act, done=lambda _: ctx.nav.show_role.emit(saved[-1]))

    editor.accepted.connect(accepted)
    editor.open()


def delete_own_role(ctx: AppContext, role: Role) -> None:
    dialogs.current().confirm(
        ctx.window,
        "Delete role",
        f"Delete your role {role.title}? Plans made for it keep their deliverables. "
        "You can undo it with Ctrl+Z.",
        lambda: ctx.ops.change(lambda s: roles.delete_own_role(s, role.id)),
        yes_text="Delete",
    )


def import_role_file(ctx: AppContext) -> None:
    def chosen(path: str) -> None:
        ctx.ops.change(lambda s: roles.import_role_file(s, Path(path))[0])

    dialogs.current().open_file(ctx.window, "Import a role", "Role files (*.toml)", chosen)


def export_role_file(ctx: AppContext, role: Role) -> None:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in role.id)
    dialogs.current().save_file(
        ctx.window,
        "Export role",
        f"{safe}.toml",
        "Role files (*.toml)",
        lambda chosen: _write_role(ctx, role, Path(chosen)),
    )


def _write_role(ctx: AppContext, role: Role, path: Path) -> None:
    """Write the role file (the save dialog has asked about replacing an existing file)."""

    def write(_: Session) -> Path:
        from skillpath.core.fileio import atomic_write_text
        from skillpath.core.own_roles import role_file_text

        atomic_write_text(path, role_file_text(role), True)
        return path

    ctx.ops.read(write, lambda p: ctx.nav.message.emit(f"Saved {p}"))
