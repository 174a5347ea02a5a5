"""CLI verbs for roles, the catalog's and the person's own: `skillpath role list|show|copy|
export|import|delete`.

Own roles live in the data file (every verb takes --data-dir); the catalog stays read-only.
To change an own role from a terminal: export it, edit the file, import it with --replace.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from skillpath.core.cli_common import say, session
from skillpath.core.errors import CatalogError, InputError
from skillpath.core.inputs import strip_controls
from skillpath.core.models import LEVEL_NAMES, Role
from skillpath.core.session import Session

_MONEY = "${:,}"


def _catalogs(s: Session, warn: bool = True) -> tuple[Any, list[Role]]:
    """The shipped catalog with the own roles added, and the own roles.

    Own roles the catalog cannot check are reported on stderr and left out.
    """
    catalog = s.full_catalog()
    own = [r for r in catalog.roles.values() if r.id.startswith("own-")]
    if warn:
        for problem in s.role_problems:
            sys.stderr.write(f"skillpath: warning: left out {strip_controls(problem)}\n")
    return catalog, own


def _market_text(role: Role, catalog: Any = None) -> str:
    """Pay and demand, each with its source, year and proxy flag (worded by core.market)."""
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.market import demand_short, pay_short

    if role.market is None:
        return ""
    return f"{pay_short(role, catalog or shipped_catalog())}; {demand_short(role)}"


def cmd_role_list(args: argparse.Namespace) -> int:
    from skillpath.core.cli_common import emit_json

    with session(args) as s:
        catalog, own = _catalogs(s)
    own_ids = {r.id for r in own}
    if args.json:
        emit_json(
            [{**r.model_dump(mode="json"), "own": r.id in own_ids} for r in catalog.roles.values()]
        )
        return 0
    width = max(len(r) for r in catalog.roles)
    lines = []
    for role in catalog.roles.values():
        if role.id in own_ids and "Own roles" not in lines:
            lines += ["", "Own roles"]
        extra = _market_text(role)
        if role.id in own_ids:
            extra = ", ".join(x for x in (f"{len(role.required)} skills", extra) if x)
        lines.append(f"{role.id:<{width}}  {role.title}" + (f"  ({extra})" if extra else ""))
    if not own:
        lines += ["", "No own roles yet: `skillpath role copy ID --title TITLE` makes one."]
    say("\n".join(lines))
    return 0


def cmd_role_show(args: argparse.Namespace) -> int:
    from skillpath.core.cli_common import emit_json

    with session(args) as s:
        catalog, own = _catalogs(s)
    role = catalog.role(args.id)
    if args.json:
        emit_json({**role.model_dump(mode="json"), "own": role.id in {r.id for r in own}})
        return 0
    kind = "own role" if role.id.startswith("own-") else "catalog role"
    out = [
        f"{role.title}  ({role.id}, {kind})",
        f"{role.family}, {role.seniority}. {role.summary}",
        f"Occupation {role.occupation}: {role.proxy_note}",
    ]
    market = _market_text(role)
    if market:
        out.append(f"Market: {market}")
    if role.certifications:
        names = [catalog.certifications[c].name for c in role.certifications]
        out.append("Certifications: " + "; ".join(names))
    out += ["", f"Required skills ({len(role.required)})"]
    width = max(len(catalog.skill_name(r.skill)) for r in role.required)
    for req in role.required:
        name = catalog.skill_name(req.skill)
        out.append(
            f"  {name:<{width}}  level {req.level} ({LEVEL_NAMES[req.level]}), {req.priority}"
        )
    say("\n".join(out))
    return 0


def cmd_role_copy(args: argparse.Namespace) -> int:
    from skillpath.core.actions.roles import save_own_role
    from skillpath.core.own_roles import copy_role

    with session(args) as s:
        catalog, _ = _catalogs(s, warn=False)
        draft = copy_role(catalog, args.id, args.title, taken=set(catalog.roles))
        _, role = save_own_role(s, draft, replace=False)
    say(
        f"Stored the own role '{role.id}' ({role.title}), a copy of {catalog.role(args.id).title}. "
        f"To change it, export it, edit the file and import it with --replace."
    )
    return 0


def cmd_role_export(args: argparse.Namespace) -> int:
    from skillpath.core.fileio import atomic_write_text, check_target
    from skillpath.core.own_roles import role_file_text

    check_target(args.out, args.force)
    with session(args) as s:
        catalog, _ = _catalogs(s, warn=False)
    role = catalog.role(args.id)
    atomic_write_text(args.out, role_file_text(role), args.force)
    say(f"Wrote {role.title} ({role.id}) to {args.out}.")
    return 0


def cmd_role_import(args: argparse.Namespace) -> int:
    from skillpath.core.actions.roles import save_own_role
    from skillpath.core.db.profiles import own_role_exists
    from skillpath.core.own_roles import read_role_file

    with session(args) as s:
        role = read_role_file(args.file, s.catalog)
        if not args.replace and own_role_exists(s.store, role.id):
            raise InputError(
                f"an own role with the id '{role.id}' exists already; use --replace to replace it"
            )
        save_own_role(s, role, replace=args.replace)
    skills = len(role.required)
    say(f"Imported the own role '{role.id}' ({role.title}, {skills} skills).")
    return 0


def cmd_role_delete(args: argparse.Namespace) -> int:
    from skillpath.core.actions.roles import delete_own_role
    from skillpath.core.catalog import shipped_catalog
    from skillpath.core.db.plans import count_for_role

    if args.id in shipped_catalog().roles:
        raise CatalogError(
            f"'{args.id}' is a catalog role; the catalog is read-only, only own roles are deleted"
        )
    with session(args) as s:
        delete_own_role(s, args.id)
        plans = count_for_role(s.store, args.id)
    line = f"Deleted the own role '{args.id}'."
    if plans:
        line += (
            f" {'One plan' if plans == 1 else f'{plans} plans'} made for it "
            f"{'keeps its' if plans == 1 else 'keep their'} deliverables and progress."
        )
    say(line)
    return 0


def cmd_role_from_job(args: argparse.Namespace) -> int:
    from skillpath.core.actions.roles import role_from_job

    with session(args) as s:
        changes, role = role_from_job(s, args.file, title=args.title)
    say(changes.message + ".")
    for req in role.required:
        say(f"  {req.skill:<32} level {req.level} ({LEVEL_NAMES[req.level]}), {req.priority}")
    say(f"Aim at it with `skillpath profile create NAME --role {role.id}` or compare it with "
        f"`skillpath compare {role.id} ...`.")  # fmt: skip
    return 0


def _role_help(args: argparse.Namespace) -> int:
    raise InputError("say what to do: role list, show, copy, export, import or delete")


def register(verb: Any, sub: Any) -> None:
    """Add this module's verbs to the parser. `verb(name, handler, help)` returns a parser."""
    from skillpath.core.cli_common import subverbs

    role = verb("role", _role_help, "list, show, copy, export, import or delete roles")
    rsub = role.add_subparsers(title="actions", metavar="ACTION")

    action = subverbs(rsub)

    def role_id(p: argparse.ArgumentParser) -> None:
        p.add_argument("id", metavar="ID", help="a role id, as `role list` shows it")

    def json_flag(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="print JSON instead of text")

    json_flag(action("list", cmd_role_list, "list the catalog's roles and your own"))
    p = action("show", cmd_role_show, "show a role's requirements and market")
    role_id(p)
    json_flag(p)
    p = action("copy", cmd_role_copy, "store an own copy of a role, to change")
    role_id(p)
    p.add_argument("--title", required=True, metavar="TITLE", help="the copy's title")
    p = action("export", cmd_role_export, "write a role to a TOML role file")
    role_id(p)
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="the file to write")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p = action("import", cmd_role_import, "store an own role from a role file")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--replace", action="store_true", help="replace the own role with the same id")
    p = action("delete", cmd_role_delete, "delete an own role (plans made for it are kept)")
    role_id(p)
    p = action(
        "from-job",
        cmd_role_from_job,
        "save a job ad (.txt, .md, .html, .pdf, .docx) as an own role to aim at",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the job ad")
    p.add_argument("--title", metavar="TEXT", help="the role's title (default: the ad's)")
