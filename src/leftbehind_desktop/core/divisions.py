"""Shipped division data: GB/T 2260 county-level region codes (for ID numbers) and the real
streets and villages of 大连金普新区 with their 12-digit statistical codes (for units).

Both files live in ``resources/divisions/`` and say their source, version and date in their
header lines (``#``); ``tools/build_divisions.py`` rebuilds them from the published packages.
See docs/UNITS.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files("leftbehind_desktop").joinpath("resources", "divisions", name) \
        .read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def header(name: str) -> list[str]:
    """The provenance lines of a data file (without the leading ``# ``)."""
    text = resources.files("leftbehind_desktop").joinpath("resources", "divisions", name) \
        .read_text("utf-8")
    return [line[2:] for line in text.splitlines() if line.startswith("#")]


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    first: str  # YYYYMM of the first revision listing it
    last: str  # YYYYMM of the last revision listing it
    gone: str  # YYYYMM of the first revision without it after ``last`` ("" = in use)


REGIONS_FILE = "gbt2260_regions.tsv"
UNITS_FILE = "jinpu_units.tsv"


@cache
def regions() -> dict[str, Region]:
    return {r[0]: Region(r[0], r[1], r[2], r[3], r[4] if len(r) > 4 else "")
            for r in _rows(REGIONS_FILE)}


def region(code: str) -> Region | None:
    return regions().get(code)


@cache
def jinpu_units() -> dict[str, str]:
    """code → name of 金普新区 (the district row, its streets and villages)."""
    return {r[0]: r[1] for r in _rows(UNITS_FILE)}
