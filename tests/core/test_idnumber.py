from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from leftbehind_desktop.core import idnumber
from leftbehind_desktop.core.messages import FieldError

births = st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 1, 1))
sexes = st.sampled_from(["男", "女"])
regions = st.sampled_from(["210213", "110105", "440305", "510104", "650102"])


@given(regions, births, st.integers(0, 99), sexes)
def test_generated_numbers_parse_back_with_their_birth_date_and_sex(region, birth, seq, sex):
    number = idnumber.make(region, birth, seq, sex)
    info = idnumber.parse(number)
    assert isinstance(info, idnumber.IdInfo)
    assert (info.birth_date, info.sex, info.region) == (birth, sex, region)


@given(regions, births, st.integers(0, 99), sexes, st.integers(0, 17), st.integers(1, 9))
def test_any_single_character_change_is_rejected(region, birth, seq, sex, pos, delta):
    number = idnumber.make(region, birth, seq, sex)
    chars = "0123456789X" if pos == 17 else "0123456789"
    old = number[pos]
    new = chars[(chars.index(old) + delta) % len(chars)]
    changed = number[:pos] + new + number[pos + 1:]
    # MOD 11-2 detects every single substitution; a region/date change may fail earlier
    assert isinstance(idnumber.parse(changed), FieldError)


@given(st.text(max_size=25))
def test_arbitrary_text_never_raises(text):
    result = idnumber.parse(text)
    assert isinstance(result, idnumber.IdInfo | FieldError)


def test_known_official_example_with_x_check_digit():
    info = idnumber.parse("11010519491231002x")
    assert isinstance(info, idnumber.IdInfo)
    assert info.number == "11010519491231002X" and info.sex == "女"


def test_checksum_error_names_the_reason_in_chinese_and_english():
    err = idnumber.parse("210213201503041255")
    assert isinstance(err, FieldError) and err.message.code == "id_checksum"
    assert "校验位" in err.text("zh") and "check digit" in err.text("en")


def test_impossible_birth_date_is_rejected():
    first17 = "21021320150230123"  # 30 February
    err = idnumber.parse(first17 + idnumber.check_char(first17))
    assert isinstance(err, FieldError) and err.message.code == "id_birth"


def test_future_birth_date_is_rejected():
    first17 = "21021320991231123"
    err = idnumber.parse(first17 + idnumber.check_char(first17), today=date(2026, 1, 1))
    assert isinstance(err, FieldError) and err.message.code == "id_birth"


def test_legacy_15_digit_number_is_converted_to_18():
    info = idnumber.parse("210213850304125")
    assert isinstance(info, idnumber.IdInfo)
    assert info.converted_from_legacy and info.number.startswith("21021319850304125")
    assert len(info.number) == 18 and info.birth_date == date(1985, 3, 4)


def test_bad_length_letters_and_region():
    assert idnumber.parse("12345").message.code == "id_length"  # type: ignore[union-attr]
    assert idnumber.parse("21021320150304125A").message.code == "id_chars"  # type: ignore[union-attr]
    first17 = "99021320150304125"
    assert idnumber.parse(first17 + idnumber.check_char(first17)).message.code == "id_region"  # type: ignore[union-attr]


def test_birth_date_and_sex_must_agree_with_the_record():
    info = idnumber.parse("210213201503041254")
    assert isinstance(info, idnumber.IdInfo)
    assert idnumber.check_against(info, date(2015, 3, 4), "男") == []
    codes = [e.message.code for e in idnumber.check_against(info, date(2015, 3, 5), "女")]
    assert codes == ["id_birth_mismatch", "id_sex_mismatch"]
