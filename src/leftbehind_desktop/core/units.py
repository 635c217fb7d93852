"""Administrative units: 12-digit statistical division codes (统计用区划代码).

``210213000000`` district (区/县级), ``210213001000`` street/township (街道/乡镇),
``210213001001`` village/community (村/社区). Digits: 2 province, 2 city, 2 county,
3 township, 3 village.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from . import divisions


class Level(StrEnum):
    DISTRICT = "district"
    STREET = "street"
    VILLAGE = "village"


ROLE_LABELS = {Level.VILLAGE: ("村", "Village"), Level.STREET: ("街道", "Street office"),
               Level.DISTRICT: ("区", "District")}


def is_unit_code(code: str) -> bool:
    return len(code) == 12 and code.isdigit() and code[:6] != "000000"


def level_of(code: str) -> Level:
    if not is_unit_code(code):
        raise ValueError("not a 12-digit division code")
    if code[6:] == "000000":
        return Level.DISTRICT
    if code[9:] == "000":
        return Level.STREET
    return Level.VILLAGE


def parent_of(code: str) -> str | None:
    level = level_of(code)
    if level is Level.VILLAGE:
        return code[:9] + "000"
    if level is Level.STREET:
        return code[:6] + "000000"
    return None


def contains(outer: str, inner: str) -> bool:
    """Whether unit ``inner`` lies within (or is) unit ``outer``."""
    level = level_of(outer)
    if level is Level.DISTRICT:
        return inner[:6] == outer[:6]
    if level is Level.STREET:
        return inner[:9] == outer[:9]
    return inner == outer


def region_of(code: str) -> str:
    """The 6-digit county-level region code (first digits of local ID numbers)."""
    return code[:6]


@dataclass(frozen=True)
class Unit:
    code: str
    name: str

    @property
    def level(self) -> Level:
        return level_of(self.code)

    @property
    def parent(self) -> str | None:
        return parent_of(self.code)


# == the real units of 大连金普新区 (shipped data, see docs/UNITS.md) ==========================
def known_name(code: str) -> str | None:
    """The official name of a real 金普新区 unit (district, street or village), else None."""
    return divisions.jinpu_units().get(code)


def is_known(code: str) -> bool:
    """Whether ``code`` is a real unit of 金普新区 in the shipped statistical codes (R8)."""
    return is_unit_code(code) and code in divisions.jinpu_units()


def below(code: str) -> list[Unit]:
    """The real units strictly below ``code``: a street's villages; a district's streets and
    villages; nothing for a village. Sorted by code."""
    if not is_known(code):
        return []
    return [Unit(c, n) for c, n in sorted(divisions.jinpu_units().items())
            if c != code and contains(code, c)]


def streets() -> list[Unit]:
    return [Unit(c, n) for c, n in sorted(divisions.jinpu_units().items())
            if level_of(c) is Level.STREET]


def source_note() -> str:
    """Where the unit codes come from (for messages and the about box)."""
    head = divisions.header(divisions.UNITS_FILE)
    return " ".join(line.strip() for line in head[2:4])
