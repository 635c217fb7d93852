"""Issue 11 rules 1, 2, 3, 5, 6, 7 as pure functions, at their edges (docs/POLICY.md)."""

from __future__ import annotations

from datetime import date

import pytest

from leftbehind_desktop.core import rules
from leftbehind_desktop.core.codebooks import codebook

AS_OF = date(2026, 12, 1)


def child(**kw):
    base = {"birth_date": "2014-05-01", "living_arrangement": "与祖辈同住", "schooling": "初中",
            "hukou_registered": True, "guardianship_grade": "一般", "status": "在册"}
    return {**base, **kw}


def parents(father_status: str, mother_status: str, **since):
    return [{"relation": "父亲", "status": father_status, "status_since": since.get("father")},
            {"relation": "母亲", "status": mother_status, "status_since": since.get("mother")}]


# rule 1 ----------------------------------------------------------------------------------
@pytest.mark.parametrize("other", ["无监护能力", "死亡", "服刑", "失联", "重残", "重病", "强制隔离戒毒"])
def test_one_parent_away_and_the_other_unable_for_every_national_situation(other):
    assert other in codebook("parent_status").values
    for fam in (parents("外出务工", other), parents(other, "外出务工")):
        assert rules.auto_flag_reasons(child(), fam, AS_OF) == ["父母一方外出另一方无监护能力"]
        assert rules.report_situation(child(), fam, AS_OF) == "监护人无力履行或怠于履行监护职责"


def test_the_cause_names_the_parents_and_the_since_date():
    causes = rules.auto_flag_causes(child(), parents("外出务工", "服刑", mother="2025-03-01"), AS_OF)
    assert causes == {"父母一方外出另一方无监护能力": "父亲外出务工，母亲服刑（自2025-03-01起）"}


def test_no_parent_able_to_care_is_unattended():
    fam = parents("死亡", "服刑")
    assert rules.auto_flag_reasons(child(), fam, AS_OF) == ["无人监护"]
    assert "父母均无法履行监护" in rules.auto_flag_causes(child(), fam, AS_OF)["无人监护"]


@pytest.mark.parametrize("fam", [parents("外出务工", "在家"), parents("在家", "死亡"),
                                 parents("外出务工", "外出务工"),
                                 [{"relation": "父亲", "status": "外出务工"}],
                                 [{"relation": "母亲", "status": "死亡"}]])
def test_not_a_priority_case_when_a_parent_cares_or_one_is_unknown(fam):
    assert rules.auto_flag_reasons(child(), fam, AS_OF) == []
    assert rules.report_situation(child(), fam, AS_OF) is None


def test_report_prompt_for_the_parents_only_while_no_report_is_open():
    fam = parents("外出务工", "失联")
    assert rules.report_prompt(child(), fam, [], AS_OF) == "监护人无力履行或怠于履行监护职责"
    open_report = {"followup_status": "已报告"}
    assert rules.report_prompt(child(), fam, [open_report], AS_OF) is None
    assert rules.report_prompt(child(), fam, [{"followup_status": "已结案"}], AS_OF) is not None
    # living alone is prompted every time (第一时间报告)
    alone = child(living_arrangement="单独居住")
    assert rules.report_prompt(alone, [], [open_report], AS_OF) == "单独居住"


# rule 3 ------------------------------------------------------------------------------------
def born_years_before(years: int, cutoff: date = AS_OF, days: int = 0) -> str:
    return date(cutoff.year - years, cutoff.month, cutoff.day).fromordinal(
        date(cutoff.year - years, cutoff.month, cutoff.day).toordinal() + days).isoformat()


@pytest.mark.parametrize(("schooling", "age", "flagged"), [
    ("辍学", 5, False), ("辍学", 6, True), ("辍学", 15, True), ("辍学", 16, False),
    ("不在学", 5, False), ("不在学", 6, True), ("不在学", 10, True), ("不在学", 15, True),
    ("未入园", 6, False), ("未入园", 7, True), ("未入园", 15, True),
    ("小学", 10, False), ("幼儿园", 7, False)])
def test_out_of_school_at_the_age_edges(schooling, age, flagged):
    c = child(schooling=schooling, birth_date=born_years_before(age))
    assert rules.child_age(c, AS_OF) == age
    assert rules.out_of_school(c, AS_OF) is flagged
    assert ("失学辍学" in rules.auto_flag_reasons(c, [], AS_OF)) is flagged


def test_age_is_taken_at_the_cutoff_not_today():
    # turns 6 on 2026-12-02: not yet of compulsory age on the 1 December cut-off
    c = child(schooling="不在学", birth_date="2020-12-02")
    assert not rules.out_of_school(c, date(2026, 12, 1))
    assert rules.out_of_school(c, date(2026, 12, 2))


def test_born_on_29_february_turns_7_on_1_march_in_a_common_year():
    c = child(schooling="未入园", birth_date="2020-02-29")
    assert not rules.out_of_school(c, date(2027, 2, 28))
    assert rules.out_of_school(c, date(2027, 3, 1))


def test_persuasion_follow_up_states_until_back_in_school():
    flag = {"reason": "失学辍学", "opened_on": "2026-11-01"}
    assert rules.persuasion_state(flag) == "待告知学校"
    flag["school_notified_on"] = "2026-11-02"
    assert rules.persuasion_state(flag) == "已告知学校，劝返中"
    flag["written_report_on"] = "2026-11-20"
    assert rules.persuasion_state(flag) == "劝返无效，已书面报告"
    flag["returned_on"] = "2026-11-28"
    assert rules.persuasion_state(flag) == "已复学"


# rule 2 ------------------------------------------------------------------------------------
def visit(d: str, kind: str = "入户走访", living: str = "与祖辈同住"):
    return {"visit_date": d, "visit_type": kind, "living_arrangement": living}


def test_only_a_home_visit_counts_for_the_monthly_visit():
    assert rules.counts_as_home_visit(visit("2026-11-30"))
    assert not rules.counts_as_home_visit(visit("2026-11-30", "电话随访"))
    assert not rules.counts_as_home_visit(visit("2026-11-30", "学校走访"))
    assert not rules.counts_as_home_visit({**visit("2026-11-30"), "deleted": True})


def test_only_a_home_visit_clears_living_alone():
    assert not rules.applies_living_arrangement(visit("2026-11-30", "电话随访"), "单独居住")
    assert rules.applies_living_arrangement(visit("2026-11-30"), "单独居住")
    # other contacts may only make it worse: a report of living alone is taken at once
    assert rules.applies_living_arrangement(visit("2026-11-30", "电话随访", "单独居住"), "与祖辈同住")
    assert not rules.applies_living_arrangement(visit("2026-11-30", "学校走访", "与母亲同住"),
                                                "与祖辈同住")


def test_a_phone_call_reporting_a_change_asks_for_a_home_visit_until_one_is_made():
    visits = [visit("2026-11-03"), visit("2026-11-20", "电话随访", "与其他亲属同住")]
    item = rules.verify_at_home("与祖辈同住", visits)
    assert item is not None and item.visit_date == date(2026, 11, 20)
    assert item.reported == "与其他亲属同住" and item.visit_type == "电话随访"
    assert rules.verify_at_home("与祖辈同住", [*visits, visit("2026-11-21")]) is None
    # same day home visit typed earlier does not settle a later call
    assert rules.verify_at_home("与祖辈同住", [visit("2026-11-20"), *visits[1:]]) is None
    assert rules.verify_at_home("与祖辈同住", [visits[0], visit("2026-11-20", "电话随访")]) is None


# rule 5 --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("day", "locked"), [("2026-09-30", "2026Q3"), ("2026-10-01", None),
                                             ("2026-07-01", "2026Q3"), ("2026-06-30", "2026Q2")])
def test_lock_goes_by_the_records_own_date_at_quarter_ends(day, locked):
    rec = {"visit_date": day, "created_at": "2026-12-01T08:00:00Z"}
    assert rules.locked_quarter("visit", [rec], "2026Q3") == locked


def test_lock_by_report_time_start_dates_and_the_childs_registration():
    assert rules.locked_quarter("mandatory_report", [{"reported_at": "2026-09-30 23:59"}],
                                "2026Q3") == "2026Q3"
    assert rules.locked_quarter("entrustment", [{"start_date": "2026-10-01"}], "2026Q3") is None
    assert rules.locked_quarter("entrustment", [{"start_date": "2026-10-01"},
                                                {"start_date": "2026-09-01"}], "2026Q3") == "2026Q3"
    assert rules.locked_quarter("priority_flag", [{"opened_on": "2024-02-29"}], "2026Q3") == "2024Q1"
    assert rules.locked_quarter("child", [{"created_at": "2026-05-02T01:00:00Z"}], "2026Q3") == "2026Q2"
    assert rules.locked_quarter("child", [{"created_at": "2026-11-02T01:00:00Z"}], "2026Q3") is None
    assert rules.locked_quarter("visit", [{"visit_date": "2026-09-15"}], None) is None


# rule 6 --------------------------------------------------------------------------------------
def test_reports_without_a_linked_assessment():
    reports = [{"id": "r1"}, {"id": "r2"}, {"id": "r3", "deleted": True}]
    assert [r["id"] for r in rules.reports_awaiting_assessment(reports, [{"report_ref": "r1"}])] \
        == ["r2"]
    assert rules.reports_awaiting_assessment(reports, [{"report_ref": "r1"}, {"report_ref": "r2"}]) == []


# rule 7 --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("since", "due"), [("2026-06-01", "2026-12-01"), ("2026-05-31", "2026-11-30"),
                                            ("2025-08-31", "2026-02-28"), ("2023-08-31", "2024-02-29")])
def test_six_months_at_month_ends_and_29_february(since, due):
    assert rules.add_months(date.fromisoformat(since), 6) == date.fromisoformat(due)


def test_a_parent_out_of_contact_for_six_months_is_due_on_the_day():
    fam = parents("外出务工", "失联", mother="2026-06-01")
    assert rules.revocation_watch(fam, [], date(2026, 11, 30)) == []
    [w] = rules.revocation_watch(fam, [], date(2026, 12, 1))
    assert (w.relation, w.cause, w.since, w.due) == ("母亲", "失联", date(2026, 6, 1), date(2026, 12, 1))


def test_without_a_since_date_the_day_it_was_recorded_counts():
    fam = [{"relation": "父亲", "status": "失联", "created_at": "2026-03-15T02:00:00Z"},
           {"relation": "母亲", "status": "外出务工"}]
    [w] = rules.revocation_watch(fam, [], AS_OF)
    assert w.since == date(2026, 3, 15) and w.due == date(2026, 9, 15)


def test_a_guardian_not_caring_for_six_months_and_the_application_made():
    report = {"situation": "监护人无力履行或怠于履行监护职责", "reported_at": "2026-05-31 10:00",
              "followup_status": "处置中"}
    [w] = rules.revocation_watch(parents("外出务工", "在家"), [report], AS_OF)
    assert w.due == date(2026, 11, 30) and w.cause == "拒不履行监护职责"
    assert rules.revocation_watch([], [{**report, "followup_status": "已结案"}], AS_OF) == []
    done = {**report, "response_measures": ["申请撤销监护人资格"]}
    assert rules.revocation_watch([], [done], AS_OF) == []


def test_demo_flags_are_the_rules_own():
    from leftbehind_desktop.core import demo

    [batch] = list(demo.generate("210213001001", 300, seed=5, as_of=AS_OF))
    recs = batch.records
    family: dict[str, list[dict]] = {}
    for m in recs["family_member"]:
        family.setdefault(m["child_id"], []).append(m)
    auto: dict[str, set[str]] = {}
    for f in recs["priority_flag"]:
        if f["source"] == "自动":
            auto.setdefault(f["child_id"], set()).add(f["reason"])
    for c in recs["child"]:
        assert auto.get(c["id"], set()) == set(rules.auto_flag_reasons(c, family[c["id"]], AS_OF))
    assert any("服刑" in (f["detail"] or "") or "失联" in (f["detail"] or "")
               for f in recs["priority_flag"])
