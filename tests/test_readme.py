"""README states the rules the code follows: the level rules, the plan's rules and the job-ad
level rule are quoted from the modules that apply them, so they cannot drift apart."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("- ", " ")).strip()


def test_readme_states_the_level_plan_and_job_ad_rules() -> None:
    from skillpath.core.job import LEVEL_RULE
    from skillpath.core.planner import PLAN_RULES
    from skillpath.core.rules import LEVEL_RULES

    readme = flat(README.read_text(encoding="utf-8"))
    for rule in (*LEVEL_RULES, *PLAN_RULES):
        assert flat(rule) in readme, rule
    for line in LEVEL_RULE.split("\n- "):
        assert flat(line) in readme, line


def test_readme_keeps_the_two_commands_near_the_top() -> None:
    head = README.read_text(encoding="utf-8")[:1500]
    assert "scripts/setup.sh && .venv/bin/skillpath" in head
    assert "scripts/setup.sh && .venv/bin/python -m pytest" in head
