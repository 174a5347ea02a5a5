"""The built-in demo profile: the person of the career report the product grew from."""

from __future__ import annotations

from skillpath.core.models import Profile

DEMO_ROLE = "senior-ai-engineer"


def demo_profile() -> Profile:
    """Santana Mena: three years of web development, strong in Python and JavaScript.

    The report names Python, JavaScript and problem solving as strengths; the rest are the
    working skills a web developer with three years behind them has, rated modestly.
    """
    return Profile(
        name="Santana Mena",
        years_experience=3,
        focus="web development",
        skills={
            "python": 4,
            "javascript": 4,
            "problem-solving": 4,
            "html-css": 3,
            "git": 3,
            "rest-apis": 3,
            "sql": 2,
            "linux": 2,
            "statistics": 1,
        },
        hours_per_week=8,
    )
