"""Plain-text renderings of the catalog, a gap analysis and a plan, for the terminal."""

from __future__ import annotations

from skillpath.core.catalog import Catalog
from skillpath.core.models import Analysis, Plan, Profile


def roles_text(catalog: Catalog) -> str:
    """Each role with its pay and demand figures, each with source, year and proxy flag."""
    from skillpath.core.market import SENIORITY_RULE, demand_short, pay_short

    lines = []
    width = max(len(r) for r in catalog.roles)
    for role in catalog.roles.values():
        lines.append(f"{role.id:<{width}}  {role.title}")
        lines.append(f"{'':<{width}}    {pay_short(role, catalog)}")
        lines.append(f"{'':<{width}}    {demand_short(role)}")
    lines += [
        "",
        "Pay: " + SENIORITY_RULE,
        "'proxy': the figure is borrowed from an occupation that is not the role itself "
        "(`skillpath role show ID` says which figures and why).",
    ]
    return "\n".join(lines)


def skills_text(catalog: Catalog) -> str:
    lines: list[str] = []
    width = max(len(s) for s in catalog.skills)
    category = ""
    for skill in catalog.skills.values():
        if skill.category != category:
            category = skill.category
            lines.append(("" if not lines else "\n") + category)
        lines.append(f"  {skill.id:<{width}}  {skill.name}")
    return "\n".join(lines)


def analysis_text(analysis: Analysis, profile: Profile) -> str:
    out = [
        f"{profile.name} -> {analysis.role.title}",
        f"Readiness: {analysis.readiness}%",
        "",
        "Strengths",
    ]
    if not analysis.strengths:
        out.append("  (none yet at the level the role asks for)")
    for s in analysis.strengths:
        note = "transferable" if s.transferable else f"role needs {s.required}"
        out.append(f"  {s.name:<40} level {s.current}  ({note})")
    out += ["", "Gaps, most important first"]
    if not analysis.gaps:
        out.append("  None: every requirement is met.")
    else:
        out.append(f"  {'skill':<40} {'now':>3} {'need':>4} {'gap':>3}  {'priority':<12} source")
        for g in analysis.gaps:
            out.append(
                f"  {g.name:<40} {g.current:>3} {g.required:>4} {g.gap:>3}  {g.priority:<12} "
                f"{g.source}"
            )
    return "\n".join(out)


def plan_text(plan: Plan) -> str:
    out = [f"Roadmap to {plan.role.title}", plan.message]
    for number, phase in enumerate(plan.phases, start=1):
        out += [
            "",
            f"Phase {number}. {phase.title}",
            f"  {phase.start} to {phase.due}, {phase.hours} h",
        ]
        for d in phase.deliverables:
            out.append(f"  - [{d.kind}] {d.title}  ({d.hours} h, due {d.due})")
            if d.resource:
                out.append(f"      {d.resource.url}{'  (free)' if d.resource.free else ''}")
            out.append(f"      Success: {d.metric}")
    return "\n".join(out)
