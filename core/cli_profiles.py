"""CLI verbs for profiles: `skillpath profile create|list|show|delete`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from skillpath.core.cli_common import emit_json, say, session
from skillpath.core.cli_store import parse_skill
from skillpath.core.errors import InputError, ProfileError

_emit = emit_json


# ------------------------------------------------------------------ profiles


def cmd_profile_create(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from skillpath.core.actions.planning import create_profile
    from skillpath.core.cli_common import plan_options
    from skillpath.core.models import Profile
    from skillpath.core.planner import build_plan
    from skillpath.core.profile_io import describe_validation, load_profile

    with session(args) as s:
        catalog = s.full_catalog()  # own roles too
        role = catalog.role(args.role)
        base: dict[str, Any] = {}
        if args.source is not None:
            base = load_profile(args.source, catalog).model_dump()
        elif args.cv is not None:
            from skillpath.core.cv import read_cv

            base = read_cv(args.cv, catalog).to_profile(name=args.name).model_dump()
        elif args.resume is not None:
            from skillpath.core.resume_import import read_json_resume

            draft = read_json_resume(args.resume, catalog, s.today)
            base = draft.to_profile(name=args.name).model_dump()
        elif args.linkedin is not None:
            from skillpath.core.resume_import import read_linkedin_export

            draft = read_linkedin_export(args.linkedin, catalog, s.today)
            base = draft.to_profile(name=args.name).model_dump()
        base["name"] = args.name
        skills = dict(base.get("skills", {}))
        sources = dict(base.get("skill_sources", {}))
        for skill, level in args.skill or []:
            if skill not in catalog.skills:
                raise ProfileError(f"unknown skill id '{skill}' (see `skillpath skills`)")
            skills[skill] = level
            sources[skill] = "self-rated"
        base["skills"] = {k: v for k, v in skills.items() if v > 0}
        base["skill_sources"] = {k: v for k, v in sources.items() if k in base["skills"]}
        for key, value in (
            ("years_experience", args.years),
            ("focus", args.focus),
            ("hours_per_week", args.hours),
            ("start_date", args.start),
            ("target_date", args.target),
        ):
            if value is not None:
                base[key] = value
        try:
            profile = Profile.model_validate(base)
        except ValidationError as exc:
            raise ProfileError(describe_validation(exc)) from None
        plan = build_plan(profile, role, catalog, plan_options(args), today=s.today)
        changes = create_profile(s, profile, plan)
    say(changes.message + ".")
    return 0


def cmd_profile_list(args: argparse.Namespace) -> int:
    from skillpath.core.db import plans, profiles

    with session(args) as s:
        every = profiles.list_profiles(s.store)
        default = profiles.default_profile_id(s.store)
        rows = []
        for p in every:
            try:
                role = plans.active_plan(s.store, p.id).role_title
            except ProfileError:
                role = ""
            rows.append((p, role, p.id == default or len(every) == 1))
    if args.json:
        _emit([{"name": p.name, "role": role, "default": d} for p, role, d in rows])
        return 0
    if not rows:
        say("No profiles yet. Create one with `skillpath profile create` or try `skillpath demo`.")
    for p, role, d in rows:
        say(f"{'*' if d else ' '} {p.name}" + (f"  ({role})" if role else ""))
    return 0


def cmd_profile_show(args: argparse.Namespace) -> int:
    from skillpath.core import queries

    with session(args) as s:
        row = s.find_profile(args.name or getattr(args, "profile", None))
        plans = queries.plans_of(s, row.id)
        snaps = queries.snapshots(s, row.id)
    p = row.profile
    if args.json:
        _emit(
            {
                "profile": p.model_dump(mode="json"),
                "created": row.created,
                "plans": [
                    {
                        "role": x.role_id,
                        "created": x.created,
                        "start": x.start.isoformat(),
                        "active": x.active,
                    }
                    for x in plans
                ],
                "snapshots": [
                    {"on": x.on.isoformat(), "readiness": x.readiness, "role": x.role_id}
                    for x in snaps
                ],
            }
        )
        return 0
    out = [
        f"{p.name}: {p.years_experience:g} years, {p.focus or 'no focus given'}",
        f"  {p.hours_per_week:g} h a week; created {row.created}",
    ]
    for skill, level in sorted(p.skills.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"  {skill:<32} level {level}  ({p.source_of(skill)})")
    for x in plans:
        out.append(f"  plan: {x.role_title} from {x.start}{' (active)' if x.active else ''}")
    if snaps:
        out.append(
            f"  readiness {snaps[0].readiness}% on {snaps[0].on} -> {snaps[-1].readiness}% "
            f"on {snaps[-1].on}"
        )
    say("\n".join(out))
    return 0


def cmd_profile_delete(args: argparse.Namespace) -> int:
    from skillpath.core.actions.planning import delete_profile

    with session(args) as s:
        row = s.find_profile(args.name)
        changes, _ = delete_profile(s, row.id)
    say(changes.message + ".")
    return 0


def register(verb: Any, sub: Any) -> None:
    """Add this module's verbs to the parser. `verb(name, handler, help)` returns a parser."""
    from skillpath.core.cli_common import add_plan_flags, subverbs

    def who(p: argparse.ArgumentParser) -> None:
        p.add_argument("--profile", metavar="NAME", help="the profile (default: the last used)")

    def json_flag(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="print JSON instead of text")

    profile = verb("profile", _profile_help, "create, list, show or delete profiles")
    psub = profile.add_subparsers(title="actions", metavar="ACTION")

    action = subverbs(psub)

    p = action("create", cmd_profile_create, "store a new profile with a plan for a role")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, metavar="ID", help="target role id (see `roles`)")
    start_from = p.add_mutually_exclusive_group()
    start_from.add_argument(
        "--from", dest="source", type=Path, metavar="FILE", help="start from a profile JSON file"
    )
    start_from.add_argument(
        "--from-cv",
        dest="cv",
        type=Path,
        metavar="FILE",
        help="start from the skills and experience found in a CV (.txt, .md, .pdf, .docx)",
    )
    start_from.add_argument(
        "--from-resume",
        dest="resume",
        type=Path,
        metavar="FILE",
        help="start from a JSON Resume file (resume.json)",
    )
    start_from.add_argument(
        "--from-linkedin",
        dest="linkedin",
        type=Path,
        metavar="FILE",
        help="start from LinkedIn's data export (the .zip from your LinkedIn settings)",
    )
    p.add_argument(
        "--skill",
        action="append",
        type=parse_skill,
        metavar="ID=LEVEL",
        help="a skill and level 0-5; repeat for more",
    )
    p.add_argument("--years", type=float, metavar="N", help="years of experience")
    p.add_argument("--focus", metavar="TEXT", help="current focus")
    add_plan_flags(p)
    p = action("list", cmd_profile_list, "list the stored profiles (* marks the default)")
    json_flag(p)
    p = action("show", cmd_profile_show, "show a profile")
    p.add_argument("name", nargs="?", metavar="NAME")
    who(p)
    json_flag(p)
    p = action("delete", cmd_profile_delete, "delete a profile with its plans and history")
    p.add_argument("name", metavar="NAME")


def _profile_help(args: argparse.Namespace) -> int:
    raise InputError("say what to do: profile create, list, show or delete")
