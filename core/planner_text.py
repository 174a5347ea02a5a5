"""The planner's wording: deliverable titles, descriptions, success metrics and plan messages.

No text here carries a date (the due date is shown beside it), so a re-plan never leaves a
stale one behind. The plan's message is the one exception: it is rebuilt with the plan.
"""

from __future__ import annotations

import datetime as dt

from skillpath.core.models import Certification, ProjectTemplate, Resource, TargetOptions
from skillpath.core.rules import Kind

# First words of skill names that are ordinary words, lower-cased inside a sentence.
_COMMON_FIRST_WORDS = frozenset(
    [
        "agile",
        "algorithms",
        "app",
        "application",
        "applied",
        "authentication",
        "business",
        "calculus",
        "cloud",
        "code",
        "computer",
        "data",
        "deep",
        "distributed",
        "edge",
        "experiment",
        "experimentation",
        "feature",
        "frontend",
        "governance",
        "identity",
        "incident",
        "large",
        "linear",
        "machine",
        "message",
        "microservices",
        "model",
        "monitoring",
        "natural",
        "network",
        "operating",
        "penetration",
        "probability",
        "problem",
        "prompt",
        "relational",
        "responsible",
        "retrieval",
        "security",
        "serverless",
        "shell",
        "site",
        "software",
        "stakeholder",
        "system",
        "technical",
        "threat",
        "vector",
        "vulnerability",
        "web",
    ]
)

# Skill categories learned by doing them with people rather than by writing code: their
# practice sets are real situations written up, not rebuilt examples.
PEOPLE_CATEGORIES = frozenset({"Professional", "Engineering management", "Practices"})
# Categories learned by standing things up: their practice sets are small builds.
OPERATIONS_CATEGORIES = frozenset({"Cloud", "DevOps and infrastructure"})


def in_sentence(name: str) -> str:
    """A skill name as it reads inside a sentence: 'Machine learning' -> 'machine learning'."""
    first = name.split(" ", 1)[0].split("-", 1)[0]
    ordinary = first.isalpha() and first[0].isupper() and first[1:].islower()
    if ordinary and first.lower() in _COMMON_FIRST_WORDS:
        return name[0].lower() + name[1:]
    return name


def join_names(names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'; with semicolons when a name has its own 'and'."""
    if len(names) <= 1:
        return "".join(names)
    if any(" and " in n for n in names):
        return "; ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def length_text(resource: Resource) -> str:
    """'about 15 h (the provider's figure)' or 'about 4 h (our estimate)'."""
    basis = "the provider's figure" if resource.hours_basis == "provider" else "our estimate"
    return f"about {resource.hours} h ({basis})"


# ------------------------------------------------------------------ learning


def material_title(skill_names: list[str], resource: Resource) -> str:
    return f"{join_names(skill_names)}: {resource.title}"


def material_description(
    resource: Resource, names: list[str], start: list[str], working: list[str], deeper: list[str]
) -> str:
    """What a piece of material is for.

    Args:
        resource: the catalog resource.
        names: every skill it is taken for, as they read in a sentence.
        start: those it gives awareness of, a practice set following it.
        working: those it takes to working level on its own.
        deeper: those it prepares for applied work, earning no level itself.
    """
    text = (
        f"Work through {resource.title} from {resource.provider}, {length_text(resource)}, "
        f"for {join_names(names)}."
    )
    if start:
        text += (
            f" It gives you awareness of {join_names(start)}; the practice set after it "
            "takes you to working level."
        )
    if working:
        text += f" It takes {join_names(working)} to working level on its own."
    if deeper:
        text += (
            f" For {join_names(deeper)} it is deeper material: it earns no level by "
            "itself, it prepares the advanced work later in the plan."
        )
    return text


def material_metric(kind: Kind) -> str:
    if kind is Kind.COURSE:
        return "Course finished, with its completion record or your exercises kept"
    if kind is Kind.READING:
        return "Worked through, with your notes and exercises kept"
    return "Exercises done, with a short write-up of what you built"


def practice_title(skill_name: str) -> str:
    return f"{skill_name}: practice set"


def practice_description(name: str, category: str, hours: int, after: str | None) -> str:
    """A concrete practice set: the time beyond the material, with a task to show for it."""
    lead = f"About {hours} h of practice in {name}"
    lead += f" beyond {after}" if after else ""
    if category in PEOPLE_CATEGORIES:
        return (
            f"{lead}: use {name} in three real situations (at work, in a club, in an "
            "open-source community) and write half a page on each: what you did, what "
            "happened, what you would do differently."
        )
    if category in OPERATIONS_CATEGORIES:
        return (
            f"{lead}, as a small build: set up {name} for a small service of your own "
            "from nothing, tear it all down, then set it up again from your own notes "
            "alone, and turn those notes into a one-page runbook."
        )
    return (
        f"{lead}, with the material closed: rebuild three of its examples from a blank "
        "file, change each one (other data, another parameter, a new requirement), and "
        "write half a page on what broke and why."
    )


def practice_metric(category: str) -> str:
    if category in PEOPLE_CATEGORIES:
        return "Three written accounts kept, each with what you would do differently"
    if category in OPERATIONS_CATEGORIES:
        return "The rebuilt setup in a repository, with its one-page runbook"
    return "Three reworked examples in a repository, each with its half-page note"


def guided_title(skill_name: str) -> str:
    return f"{skill_name}: guided practice"


def guided_description(name: str, hours: int) -> str:
    return (
        f"No catalog material for {name} is left for this step (a resource appears once "
        f"in a plan): choose a course or book you trust and give it about {hours} h (our "
        "estimate), exercises included."
    )


GUIDED_METRIC = "Material finished, with your notes and exercises kept"


# ------------------------------------------------------------------ projects and applied work


def project_title(template: ProjectTemplate) -> str:
    return f"Project: {template.title}"


def project_description(template: ProjectTemplate, names: list[str], raised: list[str]) -> str:
    text = template.description.format(skills=join_names(names))
    if raised:
        text += f" Done, with its evidence, it shows {join_names(raised)} at independent level (3)."
    return text


def project_metric(template: ProjectTemplate) -> str:
    return cap(template.evidence) + ", attached as evidence"


def applied_title(skill_names: list[str]) -> str:
    return f"Applied work: {join_names(skill_names)}"


def applied_description(names: list[str], levels: list[str], people: bool = False) -> str:
    if people:
        where = (
            "in your job, in an open-source project or in a community you belong to: lead, "
            "mentor or facilitate for real, not as an exercise"
        )
    else:
        where = (
            "in your job, in an open-source project, or by taking this phase's project to "
            "real users and real data"
        )
    return (
        f"Sustained applied work with {join_names(names)}, spread over several weeks: "
        f"{where}. Keep a short log of what you did and decided. Attached evidence of it "
        f"is what shows {join_names(levels)}."
    )


def applied_metric(names: list[str], people: bool = False) -> str:
    if people:
        return (
            f"Evidence attached: a log of weeks of {join_names(names)} in practice, with a "
            "note from someone you worked with or led"
        )
    return (
        f"Evidence attached: a repository or work log showing {join_names(names)} in use "
        "over weeks, and a one-page write-up of the hardest problem you solved"
    )


# ------------------------------------------------------------------ certifications


def cert_description(
    cert: Certification, covered: list[str], raised: list[str], untaught: list[str]
) -> str:
    exam = f", exam {cert.exam_code}" if cert.exam_code else ""
    text = (
        f"Prepare for and sit {cert.name} ({cert.vendor}{exam}, {cert.cost:g} "
        f"{cert.currency}): review the exam guide, take practice questions and book the "
        f"exam. It covers {join_names(covered)}."
    )
    if untaught:
        text += (
            f" This plan does not teach {join_names(untaught)}: learn it from the exam "
            "guide's own section, which the hours here allow for."
        )
    if raised:
        text += f" Passing it shows {join_names(raised)} at the level this plan aims for."
    return text


def cert_metric(cert: Certification) -> str:
    return f"Passed {cert.name}, with the credential ID attached"


# ------------------------------------------------------------------ the plan as a whole


def nothing_to_plan(person: str, role: str) -> str:
    return f"{person} already meets every requirement of {role}: there is nothing to plan."


def summary(
    skills: int, phases: int, hours: int, per_week: float, start: dt.date, finish: dt.date
) -> str:
    return (
        f"{skills} skills in {phases} phase{'s' if phases != 1 else ''}, {hours} hours at "
        f"{per_week:g} h a week: from {start} to {finish}."
    )


def target_met(target: dt.date) -> str:
    return f" That meets the target date {target}."


def target_missed(
    target: dt.date,
    per_week: float,
    options: TargetOptions,
    max_per_week: float,
    names: dict[str, str],
) -> str:
    """The plain statement that the plan misses its target, with the three ways out."""
    needed = options.hours_per_week
    more = f"give {needed:g} h a week instead of {per_week:g}"
    if needed > max_per_week:
        more += f" (more than the {max_per_week:g} h a week the planner allows)"
    text = (
        f" That is after the target date {target}. Three ways out: {more}; or keep "
        f"{per_week:g} h a week and move the target to {options.finish_at_current_hours}; "
    )
    scope = options.scope
    if scope is None:
        return text + (
            "a narrower plan does not help, as even the most important gap alone ends after "
            "the target."
        )
    kept = [names[s] for s in scope.kept]
    deferred = [names[s] for s in scope.deferred]
    if len(kept) <= len(deferred):
        choice = (
            f"or keep only {join_names(kept)} (the {_count(kept, 'most important gap')}) "
            f"and defer the other {len(deferred)} to a later plan"
        )
    else:
        choice = (
            f"or keep the {_count(kept, 'most important gap')} and defer "
            f"{join_names(deferred)} to a later plan"
        )
    return text + (
        f"{choice}: the narrower plan, each kept skill at the level the role needs, ends "
        f"on {scope.finish}."
    )


def _count(items: list[str], noun: str) -> str:
    return f"{len(items)} {noun}{'s' if len(items) != 1 else ''}"


def fitted_scope(deferred: list[str]) -> str:
    verb = "is" if len(deferred) == 1 else "are"
    return f" Narrowed to fit: {join_names(deferred)} {verb} deferred to a later plan."
