"""Issue 11 rules through the registry service on a real encrypted store: what an officer
sees after each write and on the work lists (docs/POLICY.md)."""

from __future__ import annotations

from datetime import date

import pytest

from leftbehind_desktop.core.messages import UserError, ValidationFailed
from leftbehind_desktop.store.registry import Registry

TODAY = date(2026, 12, 1)


@pytest.fixture
def reg(store) -> Registry:
    return Registry(store, today=lambda: TODAY)


def add_child(reg: Registry, data, **kw) -> str:
    return str(reg.add("child", {**data, **kw}).record["id"])


def parent(reg: Registry, cid: str, relation: str, status: str, **kw):
    data = {"relation": relation, "name": "张" + relation, "status": status, **kw}
    if status == "外出务工":
        data["work_province"] = "广东省"
    return reg.add("family_member", data, child_id=cid)


# rule 1 ----------------------------------------------------------------------------------
def test_father_away_and_mother_in_prison_flags_and_prompts_the_report(reg, child_data):
    cid = add_child(reg, child_data)
    parent(reg, cid, "父亲", "外出务工")
    result = parent(reg, cid, "母亲", "服刑", status_since="2025-04-01")
    assert result.raised_flags == ["父母一方外出另一方无监护能力"]
    assert result.prompt_report and result.report_situation == "监护人无力履行或怠于履行监护职责"
    [flag] = reg.children_records("priority_flag", cid)
    assert flag["source"] == "自动" and flag["detail"] == "父亲外出务工，母亲服刑（自2025-04-01起）"
    # once the report is recorded the prompt stops; the flag stays
    reg.add("mandatory_report", {"situation": "监护人无力履行或怠于履行监护职责", "details": "母亲服刑",
                                 "reported_at": "2026-12-01 09:00", "police_unit": "金州公安分局"},
            child_id=cid)
    again = reg.update("family_member", result.record["id"], {"phone": "13912345678"})
    assert not again.prompt_report and again.raised_flags == []


def test_both_parents_unable_is_unattended(reg, child_data):
    cid = add_child(reg, child_data)
    parent(reg, cid, "父亲", "死亡")
    result = parent(reg, cid, "母亲", "强制隔离戒毒")
    assert result.raised_flags == ["无人监护"] and result.prompt_report
    assert reg.search("", flag_reason="无人监护")[0]["id"] == cid


def test_since_date_is_only_kept_for_out_of_contact_and_prison(reg, child_data):
    cid = add_child(reg, child_data)
    rec = parent(reg, cid, "母亲", "重病", status_since="2025-01-01").record
    assert rec["status_since"] is None
    with pytest.raises(ValidationFailed):
        parent(reg, cid, "父亲", "失联", status_since="2027-01-01")  # not in the future


# rule 2 ----------------------------------------------------------------------------------
def test_a_phone_call_neither_counts_as_the_visit_nor_clears_living_alone(reg, child_data):
    cid = add_child(reg, child_data, living_arrangement="单独居住")
    assert cid in {d.child_id for d in reg.due_list(TODAY)}
    call = reg.add("visit", {"visit_date": "2026-12-01", "visit_type": "电话随访", "visitor": "刘淑华",
                             "living_arrangement": "与祖辈同住"}, child_id=cid)
    assert reg.get("child", cid)["living_arrangement"] == "单独居住"
    assert any(w.message.code == "verify_at_home" for w in call.warnings)
    due = {d.child_id: d for d in reg.due_list(TODAY)}
    assert due[cid].last_visit is None  # the call is not the monthly home visit
    wb = reg.workbench(TODAY)
    [item] = wb.verify_at_home
    assert (item["child_id"], item["reported"], item["recorded"]) == (cid, "与祖辈同住", "单独居住")
    # the home visit settles it
    reg.add("visit", {"visit_date": "2026-12-01", "visitor": "刘淑华",
                      "living_arrangement": "与祖辈同住"}, child_id=cid)
    assert reg.get("child", cid)["living_arrangement"] == "与祖辈同住"
    due = {d.child_id: d for d in reg.due_list(TODAY)}  # a priority case: next in 14 days
    assert due[cid].last_visit == "2026-12-01" and due[cid].due_date == date(2026, 12, 15)
    assert reg.workbench(TODAY).verify_at_home == []


def test_a_phone_call_reporting_the_child_alone_is_taken_at_once(reg, child_data):
    cid = add_child(reg, child_data)
    result = reg.add("visit", {"visit_date": "2026-11-30", "visit_type": "电话随访", "visitor": "刘",
                               "living_arrangement": "单独居住"}, child_id=cid)
    assert reg.get("child", cid)["living_arrangement"] == "单独居住"
    assert result.raised_flags == ["无人监护"] and result.report_situation == "单独居住"


def test_last_visit_of_an_existing_store_counts_home_visits_only(reg, child_data):
    cid = add_child(reg, child_data)
    reg.add("visit", {"visit_date": "2026-11-02", "visitor": "刘", "living_arrangement": "与祖辈同住"},
            child_id=cid)
    call = reg.add("visit", {"visit_date": "2026-11-25", "visit_type": "学校走访", "visitor": "刘",
                             "living_arrangement": "与祖辈同住"}, child_id=cid).record
    row = reg.conn.execute("SELECT last_visit FROM child WHERE id = ?", (cid,)).fetchone()
    assert row[0] == "2026-11-02"
    reg.update("visit", call["id"], {"visit_type": "入户走访"})
    row = reg.conn.execute("SELECT last_visit FROM child WHERE id = ?", (cid,)).fetchone()
    assert row[0] == "2026-11-25"


# rule 3 ----------------------------------------------------------------------------------
def test_a_ten_year_old_not_in_school_is_flagged_and_followed_until_back(reg, child_data):
    data = {**child_data, "birth_date": "2016-03-15", "schooling": "不在学",
            "id_number": "21021320160315001X"}
    result = reg.add("child", data)
    cid = result.record["id"]
    assert "失学辍学" in result.raised_flags
    [item] = reg.workbench(TODAY).out_of_school
    assert (item["age"], item["state"]) == (10, "待告知学校")
    flag = next(f for f in reg.children_records("priority_flag", cid) if f["reason"] == "失学辍学")
    reg.update("priority_flag", flag["id"], {"school_notified_on": "2026-12-01"})
    assert reg.workbench(TODAY).out_of_school[0]["state"] == "已告知学校，劝返中"
    with pytest.raises(ValidationFailed):  # a return before the flag was opened
        reg.update("priority_flag", flag["id"], {"returned_on": "2026-11-01"})
    reg.update("child", cid, {"schooling": "小学"})
    # back at school but the follow-up is open until the flag is closed
    assert reg.workbench(TODAY).out_of_school[0]["state"] == "已告知学校，劝返中"
    reg.update("priority_flag", flag["id"], {"returned_on": "2026-12-01", "status": "已关闭",
                                             "closed_on": "2026-12-01", "close_reason": "已复学"})
    assert reg.workbench(TODAY).out_of_school == []


# rule 5 ----------------------------------------------------------------------------------
def test_a_visit_dated_in_a_locked_quarter_needs_a_reason_even_when_added_today(reg, child_data):
    cid = add_child(reg, child_data)
    reg.store.set_setting("locked_through", "2026Q3")
    visit = {"visit_date": "2026-09-15", "visitor": "刘淑华", "living_arrangement": "与祖辈同住"}
    with pytest.raises(UserError, match="2026年第3季度") as exc:
        reg.add("visit", visit, child_id=cid)
    assert exc.value.code == "locked_quarter"
    assert reg.children_records("visit", cid) == []
    saved = reg.add("visit", visit, child_id=cid, reason="补录九月走访").record
    assert saved["amendment_reason"] == "补录九月走访"
    ev = reg.history(cid)[0]
    assert ev["action"] == "record.create" and "补录九月走访" in ev["detail"]
    # a visit of the open quarter needs none, and moving it into the locked one does
    ok = reg.add("visit", {**visit, "visit_date": "2026-10-01"}, child_id=cid).record
    assert ok["amendment_reason"] is None
    with pytest.raises(UserError, match="2026年第3季度"):
        reg.update("visit", ok["id"], {"visit_date": "2026-09-30"})


def test_a_visit_changing_a_locked_childs_living_arrangement_needs_a_reason(reg, child_data):
    cid = add_child(reg, child_data)
    with reg.store.transaction():  # registered in 2026Q2, reported and locked since
        reg.conn.execute("UPDATE child SET created_at = '2026-05-02T01:00:00Z' WHERE id = ?", (cid,))
    reg.store.set_setting("locked_through", "2026Q3")
    visit = {"visit_date": "2026-12-01", "visitor": "刘淑华", "living_arrangement": "与母亲同住"}
    # the visit itself (December) is open; its side effect on the child is not
    same = reg.add("visit", {**visit, "living_arrangement": "与祖辈同住"}, child_id=cid).record
    assert same["amendment_reason"] is None
    with pytest.raises(UserError, match="2026年第2季度") as exc:
        reg.add("visit", visit, child_id=cid, reason=None)
    assert exc.value.code == "locked_quarter_child"
    assert reg.get("child", cid)["living_arrangement"] == "与祖辈同住"
    assert [v["id"] for v in reg.children_records("visit", cid)] == [same["id"]]  # nothing written
    reg.add("visit", visit, child_id=cid, reason="母亲返乡照料")
    child = reg.get("child", cid)
    assert child["living_arrangement"] == "与母亲同住" and child["amendment_reason"] == "母亲返乡照料"
    amend = [e for e in reg.history(cid) if e["entity"] == "child" and e["action"] == "record.amend"]
    assert amend and "母亲返乡照料" in amend[0]["detail"]


# rule 6 ----------------------------------------------------------------------------------
def test_a_report_prompts_its_assessment_and_waits_for_it(reg, child_data):
    cid = add_child(reg, child_data)
    report = reg.add("mandatory_report", {
        "situation": "单独居住", "details": "夜间独自在家", "severity": "严重",
        "reported_at": "2026-11-30 20:00", "police_unit": "金州公安分局",
        "accepted_on": "2026-11-30", "response_measures": ["责令父母返回", "训诫父母"],
        "response_on": "2026-12-01", "street_notified_on": "2026-12-01"}, child_id=cid)
    assert report.prompt_assessment
    assert report.record["response_measures"] == ["责令父母返回", "训诫父母"]
    [waiting] = reg.workbench(TODAY).awaiting_assessment
    assert waiting["report_id"] == report.record["id"]
    other = add_child(reg, child_data, name="李四", id_number="210213201503041270")
    other_report = reg.add("mandatory_report", {
        "situation": "失踪", "details": "未归", "reported_at": "2026-11-30 21:00",
        "police_unit": "金州公安分局"}, child_id=other).record
    assessment = {"assessed_on": "2026-12-01", "assessor": "王", "safety": "存在风险",
                  "guardianship": "存在风险", "health": "良好"}
    with pytest.raises(ValidationFailed, match="report_ref"):
        reg.add("assessment", {**assessment, "report_ref": other_report["id"]}, child_id=cid)
    with pytest.raises(ValidationFailed):  # measures before the police accepted it
        reg.update("mandatory_report", report.record["id"], {"response_on": "2026-11-29"})
    reg.add("assessment", {**assessment, "report_ref": report.record["id"]}, child_id=cid)
    assert [w["child_id"] for w in reg.workbench(TODAY).awaiting_assessment] == [other]


# rule 7 ----------------------------------------------------------------------------------
def test_a_parent_out_of_contact_six_months_is_on_the_revocation_list(reg, child_data):
    cid = add_child(reg, child_data)
    parent(reg, cid, "父亲", "外出务工")
    parent(reg, cid, "母亲", "失联", status_since="2026-06-01")
    [item] = reg.workbench(TODAY).revocation
    assert (item["relation"], item["since"], item["due"]) == ("母亲", "2026-06-01", "2026-12-01")
    assert reg.workbench(date(2026, 11, 30)).revocation == []


def test_a_store_written_under_older_rules_gets_its_flags_once(reg, child_data):
    assert not reg.rules_outdated()  # a new store starts under the current rules
    cid = add_child(reg, child_data)
    for rel, status in (("父亲", "外出务工"), ("母亲", "重残")):
        parent(reg, cid, rel, status)
    # as an older program left it: the parents recorded, no flag raised
    with reg.store.transaction():
        reg.conn.execute("UPDATE priority_flag SET deleted = 1 WHERE child_id = ?", (cid,))
        reg.conn.execute("UPDATE child SET schooling = '不在学', school_name = NULL WHERE id = ?", (cid,))
    reg.store.set_setting("rules_version", "1")
    assert reg.rules_outdated()
    raised = reg.apply_rules(TODAY)
    assert sorted(r for c, r in raised if c == cid) == ["失学辍学", "父母一方外出另一方无监护能力"]
    assert not reg.rules_outdated()
    assert reg.apply_rules(TODAY) == []  # nothing twice
    events = [e for e in reg.history(cid) if e["entity"] == "priority_flag"]
    assert any('"rules_version"' in e["detail"] for e in events)


def test_upgrading_a_store_recounts_last_visit_from_home_visits(store_dir, child_data):
    from leftbehind_desktop.store.schema import MIGRATIONS, _migration_5_home_visits
    from leftbehind_desktop.store.store import Store
    from tests.conftest import PASSPHRASE, make_store

    s, _ = make_store(store_dir)
    reg = Registry(s, today=lambda: TODAY)
    cid = add_child(reg, child_data)
    reg.add("visit", {"visit_date": "2026-11-02", "visitor": "刘", "living_arrangement": "与祖辈同住"},
            child_id=cid)
    reg.add("visit", {"visit_date": "2026-11-25", "visit_type": "电话随访", "visitor": "刘",
                      "living_arrangement": "与祖辈同住"}, child_id=cid)
    # as the previous schema left it: every contact counted
    with s.transaction():
        s.conn.execute("UPDATE child SET last_visit = '2026-11-25' WHERE id = ?", (cid,))
    s.conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(_migration_5_home_visits)}")
    s.close()
    with Store.open(store_dir, passphrase=PASSPHRASE) as again:
        row = again.conn.execute("SELECT last_visit FROM child WHERE id = ?", (cid,)).fetchone()
        assert row[0] == "2026-11-02"
