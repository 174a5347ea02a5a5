"""CLI verb: `skillpath compare --profile NAME TARGET...`: readiness for several targets side
by side (catalog roles, own roles, saved job ads) and the gaps they share."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from skillpath.core.cli_common import emit_json, say, session
from skillpath.core.errors import InputError
from skillpath.core.models import Role


def _targets(s: Any, names: list[str]) -> list[Role]:
    """Each name as a role: a role id, or a job ad file read (not saved) as one."""
    from skillpath.core.own_roles import role_from_job

    catalog = s.full_catalog()
    roles: list[Role] = []
    for name in names:
        if name in catalog.roles:
            roles.append(catalog.roles[name])
            continue
        path = Path(name).expanduser()
        if path.suffix and path.exists():
            from skillpath.core.job import read_job

            ad = read_job(path, catalog)
            roles.append(role_from_job(catalog, ad.to_role(tuple(catalog.roles)), path.name))
            continue
        raise InputError(f"'{name}' is neither a role id (see `skillpath roles`) nor a job ad file")
    return roles


def cmd_compare(args: argparse.Namespace) -> int:
    from skillpath.core.compare import compare

    if len(args.targets) < 2:
        raise InputError("give two or more targets to compare (role ids or job ad files)")
    with session(args) as s:
        row = s.find_profile(args.profile)
        roles = _targets(s, args.targets)
        result = compare(row.profile, roles, s.full_catalog(), s.today)
    if args.json:
        emit_json(result.as_json())
        return 0
    width = max(len(t.title) for t in result.targets)
    out = [f"{row.name}: readiness for {len(result.targets)} targets", ""]
    for t in sorted(result.targets, key=lambda t: -t.readiness):
        mark = "*" if result.closest and t.id == result.closest.id else " "
        out.append(
            f"{mark} {t.title:<{width}}  {t.readiness:3d}%  {t.gaps:2d} gaps  "
            f"{t.hours_to_ready:5d} h to be ready ({t.finish})"
        )
    out += ["", "* closest"]
    if result.shared:
        out += ["", "Gaps they share (the skills that pay off for most of them):"]
        for g in result.shared[:12]:
            out.append(f"  {g.name:<36} needed by {len(g.targets)} of {len(result.targets)}")
    else:
        out += ["", "They share no gap."]
    say("\n".join(out))
    return 0


def register(verb: Any, sub: Any) -> None:
    """Add this module's verb to the parser. `verb(name, handler, help)` returns a parser."""
    p = verb("compare", cmd_compare, "readiness for several targets side by side")
    p.add_argument("targets", nargs="+", metavar="TARGET", help="a role id or a job ad file")
    p.add_argument("--profile", metavar="NAME", help="a stored profile (default: the last used)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
