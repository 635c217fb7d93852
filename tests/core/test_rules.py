from __future__ import annotations

from datetime import date

from leftbehind_desktop.core import rules
from leftbehind_desktop.core.dates import age_on, quarter_bounds, quarter_of

AS_OF = date(2026, 11, 20)
FATHER_AWAY = {"relation": "父亲", "status": "外出务工"}
MOTHER_AWAY = {"relation": "母亲", "status": "外出务工"}


def test_age_is_computed_on_the_cutoff_date_not_today():
    assert age_on(date(2010, 12, 31), date(2026, 12, 30)) == 15
    assert age_on(date(2010, 12, 31), date(2026, 12, 31)) == 16
    assert quarter_of(date(2026, 11, 20)) == "2026Q4"
    assert quarter_bounds("2026Q4") == (date(2026, 10, 1), date(2026, 12, 31))


# R1 ------------------------------------------------------------------------------------
def test_monthly_visit_done_this_month_is_ok():
    due = rules.visit_due(date(2026, 11, 3), date(2025, 1, 1), False, AS_OF)
    assert due.status == "ok" and due.due_date == date(2026, 12, 31)


def test_no_visit_this_month_is_due_by_month_end():
    due = rules.visit_due(date(2026, 10, 15), date(2025, 1, 1), False, AS_OF)
    assert due.status == "due" and due.due_date == date(2026, 11, 30)


def test_a_missed_month_is_overdue():
    due = rules.visit_due(date(2026, 9, 10), date(2025, 1, 1), False, AS_OF)
    assert due.status == "overdue" and due.due_date == date(2026, 10, 31)
    assert due.days_overdue == 20


def test_never_visited_child_registered_long_ago_is_overdue_but_new_one_only_due():
    assert rules.visit_due(None, date(2026, 1, 1), False, AS_OF).status == "overdue"
    assert rules.visit_due(None, date(2026, 11, 2), False, AS_OF).status == "due"


def test_priority_cases_every_n_days():
    assert rules.visit_due(date(2026, 11, 1), date(2025, 1, 1), True, AS_OF, 14).status == "overdue"
    due = rules.visit_due(date(2026, 11, 15), date(2025, 1, 1), True, AS_OF, 14)
    assert due.status == "due" and due.due_date == date(2026, 11, 29)
    assert rules.visit_due(date(2026, 11, 19), date(2025, 1, 1), True, AS_OF, 30).status == "ok"


# R2, R4, R5, one-away ------------------------------------------------------------------
def child(**kw):
    base = {"birth_date": "2014-05-01", "living_arrangement": "与祖辈同住", "schooling": "初中",
            "hukou_registered": True, "guardianship_grade": "一般", "status": "在册"}
    return {**base, **kw}


def test_child_under_16_living_alone_is_unattended():
    assert rules.lives_alone(child(living_arrangement="单独居住"), AS_OF)
    assert rules.auto_flag_reasons(child(living_arrangement="单独居住"), [], AS_OF) == ["无人监护"]


def test_one_parent_away_other_incapable():
    fam = [FATHER_AWAY, {"relation": "母亲", "status": "无监护能力"}]
    assert rules.auto_flag_reasons(child(), fam, AS_OF) == ["父母一方外出另一方无监护能力"]


def test_dropout_in_compulsory_age_and_not_in_school_at_14_to_16():
    assert rules.auto_flag_reasons(child(schooling="辍学"), [], AS_OF) == ["失学辍学"]
    assert rules.auto_flag_reasons(child(schooling="不在学", birth_date="2011-01-01"), [], AS_OF) == ["失学辍学"]
    # 不在学 at 4 is pre-school age, not a dropout
    assert rules.auto_flag_reasons(child(schooling="不在学", birth_date="2022-01-01"), [], AS_OF) == []


def test_no_household_registration():
    assert rules.auto_flag_reasons(child(hukou_registered=False), [], AS_OF) == ["无户籍"]


# R3 ------------------------------------------------------------------------------------
def entrustment(**kw):
    base = {"start_date": "2026-01-01", "end_date": None, "has_capacity": True,
            "guardian_birth_date": "1960-01-01"}
    return {**base, **kw}


def test_both_parents_away_without_entrustment_needs_one():
    assert rules.needs_entrustment([FATHER_AWAY, MOTHER_AWAY], [], AS_OF)
    assert not rules.needs_entrustment([FATHER_AWAY, MOTHER_AWAY], [entrustment()], AS_OF)


def test_expired_incapable_or_minor_guardian_does_not_count():
    fam = [FATHER_AWAY, MOTHER_AWAY]
    assert rules.needs_entrustment(fam, [entrustment(end_date="2026-06-30")], AS_OF)
    assert rules.needs_entrustment(fam, [entrustment(has_capacity=False)], AS_OF)
    assert rules.needs_entrustment(fam, [entrustment(guardian_birth_date="2010-01-01")], AS_OF)


def test_one_parent_at_home_needs_no_entrustment():
    assert not rules.needs_entrustment([FATHER_AWAY, {"relation": "母亲", "status": "在家"}], [], AS_OF)
    assert rules.needs_entrustment([FATHER_AWAY, {"relation": "母亲", "status": "服刑"}], [], AS_OF)


# R7 ------------------------------------------------------------------------------------
def test_exit_proposed_at_16_with_the_birthday_as_date():
    p = rules.exit_proposal(child(birth_date="2010-11-01"), [], AS_OF)
    assert p is not None and p.reason == "年满16周岁" and p.date == date(2026, 11, 1)
    assert rules.exit_proposal(child(birth_date="2010-11-21"), [], AS_OF) is None


def test_exit_proposed_when_both_parents_are_back():
    fam = [{"relation": "父亲", "status": "在家"}, {"relation": "母亲", "status": "在家"}]
    p = rules.exit_proposal(child(), fam, AS_OF)
    assert p is not None and p.reason == "父母返乡"
    assert rules.exit_proposal(child(status="已退出"), fam, AS_OF) is None


# R9 ------------------------------------------------------------------------------------
def test_open_report_keeps_child_priority():
    assert rules.is_priority([], [{"followup_status": "处置中"}])
    assert not rules.is_priority([{"status": "已关闭"}], [{"followup_status": "已结案"}])
    assert rules.is_priority([{"status": "开放"}], [])
