"""Gap analysis: a profile held against a role's requirements."""

from __future__ import annotations

from skillpath.core.catalog import Catalog
from skillpath.core.errors import ProfileError
from skillpath.core.models import (
    PRIORITY_WEIGHT,
    Analysis,
    GapItem,
    Profile,
    Role,
    RoleRef,
    Strength,
)

TRANSFERABLE_MIN_LEVEL = 3  # a skill the role does not list counts as a strength from here
TOP_GAPS = 5


def check_profile_skills(profile: Profile, catalog: Catalog) -> None:
    """Raise ProfileError naming the first skill (or certification) id the catalog does not
    know."""
    for skill_id in profile.skills:
        if skill_id not in catalog.skills:
            raise ProfileError(
                f"unknown skill id '{skill_id}' (see `skillpath skills` for the known ids)"
            )
    for cert_id in profile.certifications:
        if cert_id not in catalog.certifications:
            raise ProfileError(f"unknown certification id '{cert_id[:80]}'")


def gap_sort_key(item: GapItem, catalog: Catalog) -> tuple[int, int, int]:
    """Most important first: priority, then the size of the gap, then catalog order."""
    return (-PRIORITY_WEIGHT[item.priority], -item.gap, catalog.order_of(item.skill))


def analyze(profile: Profile, role: Role, catalog: Catalog) -> Analysis:
    """Compare the profile with the role.

    Readiness is the priority-weighted share of the required levels the person reaches
    (a skill above its required level counts as exactly met), from 0 to 100.

    Returns:
        The analysis: gaps ordered by importance, met requirements, strengths and readiness.
    """
    gaps: list[GapItem] = []
    met: list[GapItem] = []
    strengths: list[Strength] = []
    earned = 0.0
    possible = 0.0
    required_ids = set()
    for req in role.required:
        required_ids.add(req.skill)
        current = profile.skills.get(req.skill, 0)
        weight = PRIORITY_WEIGHT[req.priority]
        earned += weight * min(current, req.level) / req.level
        possible += weight
        item = GapItem(
            skill=req.skill,
            name=catalog.skill_name(req.skill),
            current=current,
            required=req.level,
            gap=max(0, req.level - current),
            priority=req.priority,
            source=profile.source_of(req.skill),
        )
        if item.gap:
            gaps.append(item)
        else:
            met.append(item)
            strengths.append(
                Strength(
                    skill=req.skill,
                    name=item.name,
                    current=current,
                    required=req.level,
                    transferable=False,
                )
            )
    gaps.sort(key=lambda g: gap_sort_key(g, catalog))
    strengths.sort(key=lambda s: (-s.current, catalog.order_of(s.skill)))
    transferable = [
        Strength(
            skill=sid,
            name=catalog.skill_name(sid),
            current=level,
            required=None,
            transferable=True,
        )
        for sid, level in profile.skills.items()
        if sid not in required_ids and level >= TRANSFERABLE_MIN_LEVEL
    ]
    transferable.sort(key=lambda s: (-s.current, catalog.order_of(s.skill)))
    readiness = round(100 * earned / possible) if possible else 100
    return Analysis(
        role=RoleRef(id=role.id, title=role.title),
        readiness=readiness,
        strengths=strengths + transferable,
        gaps=gaps,
        met=met,
        top_gaps=[g.skill for g in gaps[:TOP_GAPS]],
    )
