"""The reports' market and technology sections, worded by core/market.py (the one place that
words market facts); this module only chooses which of its sentences go where, and bounds
what an own role (read from a job ad) may bring to the first two pages."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from skillpath.core import market
from skillpath.core.catalog import Catalog
from skillpath.core.models import Role
from skillpath.core.own_roles import OWN_PREFIX
from skillpath.core.report_model import Item, Source, linked
from skillpath.core.report_words import cap, cut, join_list, sentence

TOP_NAMES = 8  # technologies in a group, growth areas
NAME_WIDTH = 40  # characters of such a name, or of a source
GROUP_WIDTH = 150  # characters of one group of names on the first two pages
NOTE_WIDTH = 1500  # characters of a note in the appendix (an own role's may be any length)
BACKED = "●"  # flagged Hot Technology or In Demand for the role's occupation (O*NET)
ELSEWHERE = "○"  # flagged only for other occupations
_BACKED_FLAGS = ("In Demand", "Hot Technology")


def shipped_roles(catalog: Catalog) -> Catalog:
    """The catalog without the person's own roles, for the figures market.py counts
    ("shared with N other roles", the Data Sources counts): those describe the catalog."""
    if not any(r.startswith(OWN_PREFIX) for r in catalog.roles):
        return catalog
    roles = {k: v for k, v in catalog.roles.items() if not k.startswith(OWN_PREFIX)}
    return dataclasses.replace(catalog, roles=roles)


def names_within(names: Sequence[str], width: int = GROUP_WIDTH) -> tuple[list[str], int]:
    """The first names (each cut to NAME_WIDTH, TOP_NAMES at most) that fit in `width`
    characters, and how many are left out."""
    shown: list[str] = []
    used = 0
    for name in names[:TOP_NAMES]:
        name = cut(name, NAME_WIDTH)
        if shown and used + len(name) > width:
            break
        shown.append(name)
        used += len(name) + 2
    return shown, len(names) - len(shown)


def _more(shown: list[str], more: int) -> list[str]:
    return [*shown, f"{more} more"] if more else shown


def market_items(role: Role, catalog: Catalog) -> tuple[list[Item], str]:
    """Pay and demand in market.py's short form (each linked to its source), the growth
    areas the catalog names, and a note pointing to the full sentences in Appendix D."""
    shipped = shipped_roles(catalog)
    salary = role.market.salary if role.market else None
    outlook = role.market.outlook if role.market else None
    pay = market.pay_short(role, shipped).removeprefix("pay ")
    demand = market.demand_short(role).removeprefix("demand ")
    out = [
        Item("Pay", sentence(cap(pay)), linked(salary.source_url) if salary else None),
        Item("Demand", sentence(cap(demand)), linked(outlook.source_url) if outlook else None),
    ]
    if role.growth_areas:
        source = cut(role.growth_source, NAME_WIDTH)
        areas = join_list(_more(*names_within(role.growth_areas)))
        out.append(Item("Growth areas", f"{areas} ({source}, {role.growth_year})."))
    note = "In full, with their sources: Appendix D."
    if role.occupation_match != "same" and salary is not None:
        note = f"Proxy: figures of the closest BLS occupation, {salary.occupation_title}. {note}"
    return out, note


def _unlabelled(fact: market.MarketFact) -> str:
    """The fact's sentence without its label, shown beside it ("Demand very high: ..." under
    "Demand" reads "Very high: ...")."""
    label = f"{fact.label} "
    return cap(fact.text.removeprefix(label)) if fact.text.startswith(label) else fact.text


def popularity_items(role: Role, catalog: Catalog) -> tuple[list[Item], str]:
    """The three groups of technologies, each name marked with its O*NET flag, and a note
    saying what the marks and the lists are (market.py's full note is in Appendix D)."""
    flags = market.technology_flags(role, catalog)
    pop = role.popularity

    def marked(names: Sequence[str]) -> str:
        shown, more = names_within(names)
        out = []
        for name, full in zip(shown, names, strict=False):
            flag = flags.get(full, "")
            mark = BACKED if flag in _BACKED_FLAGS else ELSEWHERE if flag else ""
            out.append(f"{name} {mark}" if mark else name)
        return ", ".join(_more(out, more))

    items = [
        Item("Programming languages", marked(pop.languages)),
        Item("Frameworks and tools", marked(pop.frameworks_tools)),
        Item("Technologies", marked(pop.technologies)),
    ]
    table = catalog.technologies.get(role.onet_code)
    legend = []
    if table and any(f in _BACKED_FLAGS for f in flags.values()):
        legend.append(
            f"{BACKED} Hot Technology or In Demand for {table.title.lower()} "
            f"(O*NET {table.version}, {table.year})"
        )
    if any(f and f not in _BACKED_FLAGS for f in flags.values()):
        legend.append(f"{ELSEWHERE} flagged only for other occupations")
    note = cap("; ".join(legend)) + ". " if legend else "O*NET flags none of them. "
    note += f"Lists: {cut(pop.source, NAME_WIDTH * 2)}, {pop.year}."
    return items, note


def role_sources(role: Role, catalog: Catalog) -> list[Item]:
    """The role's own market facts in full, for the Data Sources appendix: pay and demand as
    market.py words them, what the figures are borrowed from, and what backs the lists of
    technologies."""
    shipped = shipped_roles(catalog)
    out = [
        Item(f.label, cut(_unlabelled(f), NOTE_WIDTH), linked(f.source_url))
        for f in market.market_facts(role, shipped)
    ]
    out.append(Item("About these figures", cut(role.proxy_note, NOTE_WIDTH)))
    out.append(Item("Technologies", cut(market.popularity_note(role, catalog), NOTE_WIDTH)))
    out.append(
        Item(
            "Growth areas",
            f"{cut(role.growth_source, NAME_WIDTH * 3)}, {role.growth_year}.",
        )
    )
    return out


def catalog_sources(catalog: Catalog) -> list[Source]:
    """The catalog's data sources with their editions and exact counts (market.py)."""
    return [
        Source(line.name, line.detail, "", linked(line.url) if line.url else None)
        for line in market.data_sources(shipped_roles(catalog))
    ]
