"""Sanity checks on the shipped market-salary and outlook catalog data."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import urlparse

import pytest

CATALOG = Path(__file__).resolve().parent.parent / "resources" / "catalog"
PERCENTILES = ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90")
SOC = re.compile(r"^\d{2}-\d{4}$")


def _load(name: str) -> dict[str, dict[str, object]]:
    with (CATALOG / name).open("rb") as f:
        data = tomllib.load(f)
    rows = data["occupation"]
    assert rows, f"{name} has no occupations"
    return rows


MARKET = _load("market.toml")
OUTLOOK = _load("outlook.toml")


def _is_bls_url(url: object) -> bool:
    if not isinstance(url, str):
        return False
    parsed = urlparse(url)
    return parsed.scheme == "https" and (
        parsed.hostname == "bls.gov" or (parsed.hostname or "").endswith(".bls.gov")
    )


@pytest.mark.parametrize("code", sorted(MARKET))
def test_salary_row_is_sane(code: str) -> None:
    row = MARKET[code]
    assert SOC.match(code)
    assert isinstance(row["title"], str) and row["title"]
    assert row["currency"] == "USD"
    assert isinstance(row["source"], str) and row["source"]
    assert _is_bls_url(row["source_url"])
    assert isinstance(row["year"], int) and 2000 <= row["year"] <= 2100
    # the reference period (May of the survey year) is not the publication date
    assert row["reference_period"] == row["release"]
    assert str(row["published"]).startswith(str(row["year"]))
    assert row["year"] > int(str(row["reference_period"])[-4:]), "published before the period ends?"
    topcoded = row["topcoded"]
    assert isinstance(topcoded, list) and set(topcoded) <= {"annual_mean", *PERCENTILES}
    published = [row[key] for key in PERCENTILES if key in row]
    assert len(published) == len(PERCENTILES), f"{code} is missing a percentile"
    assert all(isinstance(v, int) and v > 0 for v in published)
    assert published == sorted(published), f"{code}: percentiles out of order {published}"
    assert row["annual_p10"] <= row["annual_mean"] <= row["annual_p90"] or row["topcoded"]
    if "employment" in row:
        assert isinstance(row["employment"], int) and row["employment"] > 0


@pytest.mark.parametrize("code", sorted(OUTLOOK))
def test_outlook_row_is_sane(code: str) -> None:
    row = OUTLOOK[code]
    assert SOC.match(code)
    assert isinstance(row["title"], str) and row["title"]
    assert _is_bls_url(row["source_url"])
    assert isinstance(row["source"], str) and row["source"]
    assert isinstance(row["year"], int) and 2000 <= row["year"] <= 2100
    growth = row["growth_percent"]
    assert isinstance(growth, int | float) and -100 < growth < 100
    # every figure says which projections edition it is from, and when BLS published it
    assert re.fullmatch(r"20\d\d–\d\d", str(row["period"])), row["period"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(row["edition_published"]))
    assert str(row["period"]) in str(row["source"])
    if "openings_per_year" in row:
        assert isinstance(row["openings_per_year"], int) and row["openings_per_year"] > 0


def test_outlook_codes_have_salary_rows() -> None:
    assert set(OUTLOOK) <= set(MARKET)
