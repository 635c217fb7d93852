"""Administrative units: 12-digit statistical division codes (统计用区划代码).

``210213000000`` district (区/县级), ``210213001000`` street/township (街道/乡镇),
``210213001001`` village/community (村/社区). Digits: 2 province, 2 city, 2 county,
3 township, 3 village.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
