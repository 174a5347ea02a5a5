"""Which skill levels a plan's finished work has earned, by the rules in core/rules.py.

Plain functions over records: the tracker applies what they say to the profile.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from skillpath.core.records import Deliverable
from skillpath.core.rules import Status, earned_level


@dataclass(frozen=True)
class Proof:
    """The level finished work shows in a skill, and the deliverable that shows it."""

    level: int
    deliverable: Deliverable


def earned_by_work(
    items: Iterable[Deliverable], with_evidence: Collection[int], skills: Collection[str]
) -> dict[str, Proof]:
    """For each of `skills`, the highest level a done deliverable shows (absent: none).

    Args:
        items: the plan's deliverables (any that aim at the skills; others are ignored).
        with_evidence: row ids of deliverables the person attached evidence to.
        skills: the skills to look at.
    """
    best: dict[str, Proof] = {}
    for item in items:
        if item.status is not Status.DONE:
            continue
        for skill, target in item.targets.items():
            if skill not in skills:
                continue
            level = earned_level(item.kind, target, item.id in with_evidence)
            if level > 0 and (skill not in best or level > best[skill].level):
                best[skill] = Proof(level, item)
    return best
