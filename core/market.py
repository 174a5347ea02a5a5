"""The one place that words market facts (pay, demand, technologies, sources) for people."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from skillpath.core.catalog import DEMAND_THRESHOLDS, Catalog
from skillpath.core.models import Role, Salary

# OEWS publishes wage percentiles for an occupation, never pay by seniority. Roles that share
# an occupation would otherwise all print the same median, so each seniority is shown at a
# stated percentile of the occupation's distribution. The percentiles are BLS's; the mapping
# is Skillpath's rule, said wherever the figure is shown.
SENIORITY_PERCENTILE: dict[str, tuple[str, str]] = {
    "junior": ("p25", "25th percentile"),
    "mid": ("median", "median"),
    "senior": ("p75", "75th percentile"),
    "lead": ("p90", "90th percentile"),
}
SENIORITY_RULE = (
    "BLS OEWS publishes no pay by seniority, so Skillpath shows a junior role at its "
    "occupation's 25th wage percentile, a mid-level role at the median, a senior role at the "
    "75th percentile and a lead role at the 90th; actual pay can fall anywhere in the range."
)


@dataclass(frozen=True)
class MarketFact:
    """One market figure as a person sees it, with where and when it was published.

    `label` is "Pay" or "Demand"; `text` is the sentence to print; `period` the reference
    period (OEWS) or projection period (BLS EP); `year` the publication year; `proxy` says the
    figure is borrowed from an occupation that is not the role itself.
    """

    label: str
    text: str
    source: str
    source_url: str
    period: str
    year: int
    proxy: bool


@dataclass(frozen=True)
class SourceLine:
    """One line of a report's Data Sources section: what, which edition and counts, link."""

    name: str
    detail: str
    url: str = ""


def _money(value: int, currency: str) -> str:
    return f"${value:,}" if currency == "USD" else f"{currency} {value:,}"


def _is_proxy(role: Role) -> bool:
    return role.occupation_match != "same"


def sharing_roles(role: Role, catalog: Catalog) -> list[Role]:
    """The other catalog roles whose market figures come from the same occupation."""
    return [
        r for r in catalog.roles.values() if r.occupation == role.occupation and r.id != role.id
    ]


def pay_figure(role: Role) -> tuple[str, int, bool] | None:
    """The pay figure shown for the role: (percentile words, annual amount, top-coded)."""
    salary = role.market.salary if role.market else None
    if salary is None:
        return None
    field, words = SENIORITY_PERCENTILE[role.seniority]
    return words, int(getattr(salary, field)), field in salary.topcoded


def _shared(role: Role, catalog: Catalog, limit: int = 3) -> str:
    others = sharing_roles(role, catalog)
    if not others:
        return ""
    names = [r.title for r in others[:limit]]
    more = f" and {len(others) - limit} more" if len(others) > limit else ""
    return f"shared with {len(others)} other role{'s' if len(others) > 1 else ''}: " + (
        ", ".join(names) + more
    )


def _published(salary: Salary) -> str:
    if salary.published:
        return f"published {salary.year} (BLS data files dated {salary.published})"
    return f"published {salary.year}"


def pay_line(role: Role, catalog: Catalog) -> str:
    """The full pay sentence: figure, percentile rule, occupation, proxy flag, sharing, source.

    Example: "$163,640 a year at the 75th percentile (senior role) of Software Developers
    (SOC 15-1252, a proxy occupation; median $133,080; shared with 16 other roles: ...).
    BLS OEWS, May 2025 estimates, published 2026-05-15."
    """
    figure = pay_figure(role)
    salary = role.market.salary if role.market else None
    if figure is None or salary is None:
        return f"Pay not stated: the catalog holds no BLS wages for SOC {role.occupation}."
    words, amount, topcoded = figure
    shown = _money(amount, salary.currency) + (" or more" if topcoded else "")
    inner = [f"SOC {salary.occupation}" + (", a proxy occupation" if _is_proxy(role) else "")]
    if words != "median":
        inner.append(f"median {_money(salary.median, salary.currency)}")
    shared = _shared(role, catalog)
    if shared:
        inner.append(shared)
    return (
        f"{shown} a year at the {words} ({role.seniority} role) of {salary.occupation_title} "
        f"({'; '.join(inner)}). BLS OEWS, {salary.reference_period or salary.release} "
        f"estimates, {_published(salary)}."
    )


def pay_short(role: Role, catalog: Catalog) -> str:
    """A compact pay line for lists: figure, percentile, occupation, sharing, source and year."""
    figure = pay_figure(role)
    salary = role.market.salary if role.market else None
    if figure is None or salary is None:
        return "pay not stated"
    words, amount, topcoded = figure
    shown = _money(amount, salary.currency) + ("+" if topcoded else "")
    parts = [f"{words} {shown}" if words != "median" else f"median {shown}"]
    if words != "median":
        parts.append(f"median {_money(salary.median, salary.currency)}")
    occupation = f"SOC {salary.occupation}" + (" proxy" if _is_proxy(role) else "")
    others = len(sharing_roles(role, catalog))
    if others:
        occupation += f", shared by {others + 1} roles"
    parts.append(occupation)
    parts.append(f"OEWS {salary.reference_period or salary.release}, pub. {salary.year}")
    return "pay " + "; ".join(parts)


def demand_line(role: Role) -> str:
    """The demand sentence: rating, BLS growth and openings with edition, and the proxy flag."""
    market = role.market
    outlook = market.outlook if market else None
    if market is None or outlook is None:
        return (
            f"Demand not stated: the catalog holds no verified BLS projection for SOC "
            f"{role.occupation}."
        )
    change = f"{outlook.growth_percent:+g}%"
    floor = next((f for f, word in DEMAND_THRESHOLDS if word == market.demand), None)
    rule = f" (Skillpath rates {floor:g}% or more as {market.demand})" if floor else ""
    text = (
        f"Demand {market.demand}{rule}: BLS projects employment of {outlook.title.lower()} "
        f"to change {change} over {outlook.period}"
    )
    if outlook.openings_per_year:
        text += f", about {outlook.openings_per_year:,} openings a year"
    edition = f"{outlook.period} edition"
    if outlook.edition_published:
        edition += f", published {outlook.edition_published}"
    text += f" (BLS Employment Projections, {edition})."
    if _is_proxy(role):
        text += (
            f" Borrowed from a proxy occupation (SOC {role.occupation}), "
            "not measured for this role."
        )
    if outlook.edition_note:
        text += f" Note: {outlook.edition_note}."
    return text


def demand_short(role: Role) -> str:
    """A compact demand line for lists: rating, growth, edition and proxy flag."""
    market = role.market
    outlook = market.outlook if market else None
    if market is None or outlook is None:
        return "demand not stated"
    proxy = ", proxy" if _is_proxy(role) else ""
    return f"demand {market.demand} ({outlook.growth_percent:+g}% {outlook.period} BLS{proxy})"


def market_facts(role: Role, catalog: Catalog) -> list[MarketFact]:
    """The role's pay and demand, each with its source, period and publication year."""
    out: list[MarketFact] = []
    market = role.market
    proxy = _is_proxy(role)
    if market and market.salary:
        s = market.salary
        out.append(
            MarketFact(
                "Pay",
                pay_line(role, catalog),
                s.source,
                s.source_url,
                s.reference_period or s.release,
                s.year,
                proxy,
            )
        )
    else:
        out.append(MarketFact("Pay", pay_line(role, catalog), "", "", "", 0, proxy))
    if market and market.outlook:
        o = market.outlook
        out.append(
            MarketFact("Demand", demand_line(role), o.source, o.source_url, o.period, o.year, proxy)
        )
    else:
        out.append(MarketFact("Demand", demand_line(role), "", "", "", 0, proxy))
    return out


# ---------------------------------------------------------------- technologies


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9#+]+", " ", text.lower()).strip() + " "


def _matches(name: str, example: str) -> bool:
    """A catalog technology name matches an O*NET example name when its words appear in it
    in order ('Java' in 'Oracle Java', 'AWS' in 'Amazon Web Services AWS software')."""
    return _words(name) in _words(example)


def technology_flags(role: Role, catalog: Catalog) -> dict[str, str]:
    """Each technology of the role's popularity lists with what O*NET says of it.

    Values: "In Demand" or "Hot Technology" (flagged for the role's O*NET occupation),
    "Hot Technology elsewhere" (flagged in another occupation in O*NET's cross-occupation
    list) or "" (no O*NET flag: the catalog's editorial choice).
    """
    table = catalog.technologies.get(role.onet_code)
    general = catalog.general_technologies
    pop = role.popularity
    out: dict[str, str] = {}
    for name in [*pop.languages, *pop.frameworks_tools, *pop.technologies]:
        flag = ""
        if table and any(_matches(name, e) for e in table.in_demand):
            flag = "In Demand"
        elif table and any(_matches(name, e) for e in table.hot):
            flag = "Hot Technology"
        elif general and any(_matches(name, e) for e in general.names):
            flag = "Hot Technology elsewhere"
        out[name] = flag
    return out


def popularity_note(role: Role, catalog: Catalog) -> str:
    """What the technology lists are (an editorial selection) and what backs them (O*NET)."""
    flags = technology_flags(role, catalog)
    table = catalog.technologies.get(role.onet_code)
    backed = [n for n, f in flags.items() if f in ("In Demand", "Hot Technology")]
    text = (
        f"Technologies common in the role: an editorial choice of the Skillpath maintainers "
        f"({role.popularity.year}); the order is not a measure of usage."
    )
    if table:
        text += (
            f" {len(backed)} of {len(flags)} are flagged Hot Technology or In Demand for "
            f"{table.title} ({table.code}) in {table.source}, CC BY 4.0"
        )
        text += f": {', '.join(backed)}." if backed else "."
    general = catalog.general_technologies
    elsewhere = [n for n, f in flags.items() if f == "Hot Technology elsewhere"]
    if general and elsewhere:
        text += (
            f" Flagged only for other occupations in O*NET {general.version}: "
            f"{', '.join(elsewhere)}."
        )
    unbacked = [n for n, f in flags.items() if not f]
    if unbacked:
        text += f" Not flagged by O*NET (editorial only): {', '.join(unbacked)}."
    return text


# ---------------------------------------------------------------- data sources


def catalog_counts(catalog: Catalog) -> dict[str, int]:
    """The counts the Data Sources section and the coverage script quote."""
    resources = [r for s in catalog.skills.values() for r in s.resources]
    certs = list(catalog.certifications.values())
    return {
        "roles": len(catalog.roles),
        "skills": len(catalog.skills),
        "certifications": len(certs),
        "resources": len(resources),
        "lengths_provider": sum(r.hours_basis == "provider" for r in resources),
        "lengths_estimate": sum(r.hours_basis == "estimate" for r in resources),
        "certs_vendor": sum(c.source_kind == "vendor" for c in certs),
        "certs_third_party": sum(c.source_kind == "third-party" for c in certs),
        "certs_with_note": sum(bool(c.source_note) for c in certs),
        "roles_proxy": sum(r.occupation_match != "same" for r in catalog.roles.values()),
    }


def data_sources(catalog: Catalog) -> list[SourceLine]:
    """The Data Sources section's lines, with exact counts, ready to print as they are."""
    n = catalog_counts(catalog)
    out: list[SourceLine] = []
    salaries = list(catalog.salaries.values())
    if salaries:
        s = salaries[0]
        periods = sorted({x.reference_period or x.release for x in salaries})
        published = sorted({_published(x) for x in salaries})
        out.append(
            SourceLine(
                "Wages: U.S. Bureau of Labor Statistics, Occupational Employment and Wage "
                "Statistics (OEWS), national estimates",
                f"reference period {', '.join(periods)}; {', '.join(published)}; "
                f"{len(salaries)} occupations. {SENIORITY_RULE}",
                s.source_url,
            )
        )
    outlooks = list(catalog.outlooks.values())
    if outlooks:
        editions = Counter(
            f"{o.period} edition (published {o.edition_published or o.year})" for o in outlooks
        )
        detail = "; ".join(f"{k}: {v} occupations" for k, v in sorted(editions.items()))
        notes = sorted({o.edition_note for o in outlooks if o.edition_note})
        if notes:
            detail += ". " + " ".join(f"{x}." for x in notes)
        out.append(
            SourceLine(
                "Demand: BLS Employment Projections, as published in the Occupational Outlook "
                "Handbook",
                detail,
                "https://www.bls.gov/ooh/",
            )
        )
    out.append(
        SourceLine(
            "Occupation mappings",
            f"{n['roles']} roles; {n['roles_proxy']} use a proxy occupation, and each says which "
            "figures it borrows; roles sharing an occupation say so beside the figure.",
        )
    )
    if catalog.technologies:
        table = next(iter(catalog.technologies.values()))
        general = catalog.general_technologies
        detail = f"{table.source}: Hot Technology and In Demand flags per occupation"
        if general:
            detail += f"; {general.source}"
        out.append(
            SourceLine(
                "Technologies: O*NET Technology Skills (O*NET Resource Center, USDOL/ETA, "
                "CC BY 4.0); the lists themselves are a Skillpath editorial selection",
                detail,
                "https://www.onetcenter.org/database.html",
            )
        )
    out.append(
        SourceLine(
            "Certifications: exam code, fee, validity and renewal",
            f"{n['certifications']} certifications: {n['certs_vendor']} sourced from the "
            f"vendor's own page, {n['certs_third_party']} only from a third-party page (each "
            "such entry names the page and the facts it gives).",
        )
    )
    out.append(
        SourceLine(
            "Learning resources: titles, providers, links and lengths",
            f"{n['resources']} resources: {n['lengths_provider']} lengths as stated by the "
            f"provider, {n['lengths_estimate']} Skillpath estimates of the resource's own length.",
        )
    )
    out.append(
        SourceLine(
            "Skillpath catalog: required skills, levels and priorities, growth areas, project "
            "templates",
            "editorial judgements of the Skillpath maintainers, 2026",
        )
    )
    return out


def source_host(url: str) -> str:
    """The host of a source URL, for short citations."""
    return urlsplit(url).hostname or url
