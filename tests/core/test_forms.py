from __future__ import annotations

from datetime import date

import pytest

from leftbehind_desktop.core.codebooks import codebook
from leftbehind_desktop.core.forms import FORM_IDS, form, forms

TODAY = date(2026, 11, 28)
CHILD = {"name": "张小明", "sex": "男", "ethnicity": "汉族", "birth_date": "2015-03-04",
         "hukou_registered": True, "id_number": "210213201503041254", "residence": "大李家村",
         "health": "健康", "schooling": "小学", "living_arrangement": "与祖辈同住",
         "guardianship_grade": "一般", "status": "在册"}


def codes(errors):
    return {(e.field, e.message.code) for e in errors}


def test_all_forms_load_with_versions_and_bilingual_labels():
    assert set(forms()) == set(FORM_IDS)
    for f in forms().values():
        assert f.version >= 1 and f.zh and f.en
        for fd in f.fields:
            assert fd.zh and fd.en, fd.name
            if fd.type in ("choice", "multichoice"):
                assert fd.book() is not None


def test_codebooks_have_the_56_ethnic_groups_and_national_schooling_values():
    assert len(codebook("ethnicity").values) == 56
    assert codebook("schooling").values == ("未入园", "幼儿园", "小学", "初中", "高中", "中职", "辍学", "不在学")
    assert codebook("guardianship_grade").label("较好", "en") == "Good"


def test_valid_child_passes():
    assert form("child").validate(CHILD, TODAY) == []


def test_required_fields_are_named():
    errors = form("child").validate({**CHILD, "name": " ", "residence": None}, TODAY)
    assert codes(errors) == {("name", "required"), ("residence", "required")}
    assert "姓名为必填项" in [e.text("zh") for e in errors]


def test_conditional_fields_show_if_and_required_if():
    f = form("child")
    # disability details are required only when health is 残疾
    assert ("disability_category", "required") in codes(f.validate({**CHILD, "health": "残疾"}, TODAY))
    assert f.validate({**CHILD, "health": "健康"}, TODAY) == []
    # without household registration the ID number is not required
    assert f.validate({**CHILD, "hukou_registered": False, "id_number": None}, TODAY) == []
    assert ("id_number", "required") in codes(f.validate({**CHILD, "id_number": ""}, TODAY))
    # a hidden field is dropped when cleaned
    cleaned = f.clean({**CHILD, "health": "健康", "disability_category": "肢体残疾"})
    assert cleaned["disability_category"] is None


def test_codebook_dates_and_unknown_fields():
    errors = form("child").validate({**CHILD, "schooling": "大学", "birth_date": "2015-02-30",
                                     "nickname": "x"}, TODAY)
    assert codes(errors) >= {("schooling", "not_in_codebook"), ("birth_date", "not_a_date"),
                             ("nickname", "unknown_field")}


def test_future_dates_are_rejected():
    visit = {"visit_date": "2026-12-01", "visit_type": "入户走访", "visitor": "刘", "living_arrangement": "与祖辈同住"}
    assert codes(form("visit").validate(visit, TODAY)) == {("visit_date", "date_in_future")}


def test_id_number_must_match_birth_date_and_sex():
    errors = form("child").validate({**CHILD, "sex": "女", "birth_date": "2015-03-05"}, TODAY)
    assert codes(errors) == {("id_number", "id_birth_mismatch"), ("id_number", "id_sex_mismatch")}


def test_guardian_must_be_adult_at_the_start_of_the_entrustment():
    ent = {"guardian_name": "王芳", "relation": "兄姐", "guardian_birth_date": "2009-01-01",
           "guardian_phone": "13812345678", "has_capacity": True, "start_date": "2026-06-01"}
    errors = form("entrustment").validate(ent, TODAY)
    assert codes(errors) == {("guardian_birth_date", "guardian_under_18")}
    assert "18" in errors[0].text("zh")
    assert form("entrustment").validate({**ent, "guardian_birth_date": "1960-01-01"}, TODAY) == []


@pytest.mark.parametrize("phone,ok", [("13812345678", True), ("0411-87654321", True),
                                      ("041187654321", True), ("12812345678", False),
                                      ("1381234567", False), ("电话", False)])
def test_phone_numbers(phone, ok):
    member = {"relation": "父亲", "name": "张伟", "status": "在家", "phone": phone}
    assert (form("family_member").validate(member, TODAY) == []) is ok


def test_end_date_not_before_start_date():
    pairing = {"partner_name": "李老师", "partner_type": "教师", "start_date": "2026-05-01",
               "end_date": "2026-04-01"}
    assert codes(form("pairing").validate(pairing, TODAY)) == {("end_date", "date_before")}


def test_wrong_types_are_reported_not_raised():
    errors = form("child").validate({**CHILD, "name": 12, "hukou_registered": "yes",
                                     "assistance": "低保"}, TODAY)
    assert codes(errors) == {("name", "not_a_text"), ("hukou_registered", "not_a_bool"),
                             ("assistance", "not_a_list")}
