from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from leftbehind_desktop.core.messages import UserError, ValidationFailed
from leftbehind_desktop.store.audit import verify_chain
from leftbehind_desktop.store.registry import Registry


def audit_count(reg: Registry) -> int:
    return int(reg.conn.execute("SELECT count(*) FROM audit_event").fetchone()[0])


def table_count(reg: Registry, table: str) -> int:
    return int(reg.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_add_child_is_stored_with_meta_and_audited(registry: Registry, child_data: dict[str, Any]):
    before = audit_count(registry)
    result = registry.add("child", child_data)
    rec = registry.get("child", result.record["id"])
    assert rec["name"] == "张小明" and rec["version"] == 1 and rec["unit_code"] == "210213001001"
    assert rec["ethnicity"] == "汉族" and rec["status"] == "在册"  # defaults from the form
    assert len(rec["id"]) == 36 and rec["id"][14] == "7"  # UUIDv7
    assert audit_count(registry) == before + 1
    assert registry.history(rec["id"])[0]["action"] == "record.create"


@pytest.mark.parametrize("change,field,code", [
    ({"id_number": "210213201503041255"}, "id_number", "id_checksum"),
    ({"birth_date": "2015-02-30"}, "birth_date", "not_a_date"),
    ({"sex": "女"}, "id_number", "id_sex_mismatch"),
    ({"birth_date": "2008-01-01", "id_number": None, "hukou_registered": False}, "birth_date",
     "child_too_old"),
])
def test_invalid_child_writes_nothing(registry: Registry, child_data: dict[str, Any], change, field, code):
    before = (audit_count(registry), table_count(registry, "child"))
    with pytest.raises(ValidationFailed) as err:
        registry.add("child", {**child_data, **change})
    assert (field, code) in {(e.field, e.message.code) for e in err.value.errors}
    assert (audit_count(registry), table_count(registry, "child")) == before


def test_visit_before_birth_is_rejected(registry: Registry, child_data: dict[str, Any]):
    cid = registry.add("child", child_data).record["id"]
    with pytest.raises(ValidationFailed) as err:
        registry.add("visit", {"visit_date": "2015-01-01", "visitor": "刘淑华",
                               "living_arrangement": "与祖辈同住"}, child_id=cid)
    assert err.value.errors[0].message.code == "visit_before_birth"
    assert registry.children_records("visit", cid) == []


def test_child_living_alone_is_accepted_flagged_and_prompts_a_report(registry: Registry, child_data):
    result = registry.add("child", {**child_data, "living_arrangement": "单独居住"})
    assert result.raised_flags == ["无人监护"] and result.prompt_report
    assert "强制报告" in result.warnings[0].text("zh")
    flags = registry.children_records("priority_flag", result.record["id"])
    assert [(f["reason"], f["source"], f["status"]) for f in flags] == [("无人监护", "自动", "开放")]


def test_visit_revealing_living_alone_updates_child_and_raises_flag_once(registry: Registry, child_data):
    cid = registry.add("child", child_data).record["id"]
    visit = {"visit_date": "2026-11-01", "visitor": "刘淑华", "living_arrangement": "单独居住"}
    result = registry.add("visit", visit, child_id=cid)
    assert result.prompt_report and result.raised_flags == ["无人监护"]
    assert registry.get("child", cid)["living_arrangement"] == "单独居住"
    again = registry.add("visit", {**visit, "visit_date": "2026-11-02"}, child_id=cid)
    assert again.raised_flags == []  # the open flag is not duplicated
    assert len(registry.children_records("priority_flag", cid)) == 1


def test_older_visit_does_not_overwrite_current_living_arrangement(registry: Registry, child_data):
    cid = registry.add("child", child_data).record["id"]
    registry.add("visit", {"visit_date": "2026-11-01", "visitor": "刘", "living_arrangement": "与母亲同住"},
                 child_id=cid)
    registry.add("visit", {"visit_date": "2026-10-01", "visitor": "刘", "living_arrangement": "与其他亲属同住"},
                 child_id=cid)
    assert registry.get("child", cid)["living_arrangement"] == "与母亲同住"


def test_update_bumps_version_records_diff_and_detects_stale_edits(registry: Registry, child_data):
    cid = registry.add("child", child_data).record["id"]
    result = registry.update("child", cid, {"school_name": "金州小学"}, expected_version=1)
    assert result.record["version"] == 2
    detail = registry.history(cid)[0]
    assert detail["action"] == "record.update" and "金州小学" in detail["detail"]
    with pytest.raises(UserError, match="已被修改"):
        registry.update("child", cid, {"school_name": "别的小学"}, expected_version=1)
    assert registry.update("child", cid, {"school_name": "金州小学"}).changed is False


def test_delete_is_a_tombstone(registry: Registry, child_data):
    cid = registry.add("child", child_data).record["id"]
    with pytest.raises(UserError, match="原因"):
        registry.delete("child", cid, " ")
    registry.delete("child", cid, "重复登记")
    with pytest.raises(UserError):
        registry.get("child", cid)
    assert registry.get("child", cid, include_deleted=True)["deleted"] is True
    assert table_count(registry, "child") == 1


def test_locked_quarter_needs_an_amendment_reason(registry: Registry, child_data):
    cid = registry.add("child", child_data).record["id"]
    registry.store.set_setting("locked_through", "2099Q4")
    with pytest.raises(UserError, match="更正原因"):
        registry.update("child", cid, {"school_name": "金州小学"})
    result = registry.update("child", cid, {"school_name": "金州小学"}, reason="学校名称填错")
    assert result.record["amendment_reason"] == "学校名称填错"
    assert registry.history(cid)[0]["action"] == "record.amend"


def test_parents_away_without_entrustment_shows_in_workbench(registry: Registry, child_data):
    cid = registry.add("child", child_data).record["id"]
    for rel, name in (("父亲", "张伟"), ("母亲", "李娜")):
        registry.add("family_member", {"relation": rel, "name": name, "status": "外出务工",
                                       "work_province": "广东省"}, child_id=cid)
    wb = registry.workbench(date(2026, 11, 28))
    assert cid in {i["child_id"] for i in wb.needs_entrustment}
    registry.add("entrustment", {"guardian_name": "张奶奶", "relation": "祖母",
                                 "guardian_birth_date": "1958-05-06", "guardian_phone": "13912345678",
                                 "start_date": "2026-01-01"}, child_id=cid)
    wb = registry.workbench(date(2026, 11, 28))
    assert cid not in {i["child_id"] for i in wb.needs_entrustment}


def test_one_parent_away_other_incapable_raises_flag(registry: Registry, child_data):
    cid = registry.add("child", child_data).record["id"]
    registry.add("family_member", {"relation": "父亲", "name": "张伟", "status": "外出务工",
                                   "work_province": "广东省"}, child_id=cid)
    result = registry.add("family_member", {"relation": "母亲", "name": "李娜", "status": "无监护能力"},
                          child_id=cid)
    assert result.raised_flags == ["父母一方外出另一方无监护能力"]


def test_child_of_another_unit_is_refused(registry: Registry, child_data):
    with pytest.raises(UserError, match="管辖"):
        registry.add("child", child_data, unit_code="210213002001")


def test_due_list_and_child_file(demo_registry: Registry):
    due = demo_registry.due_list()
    assert due and all(d.status in ("due", "overdue") for d in due)
    overdue_first = [d.status for d in due]
    assert overdue_first == sorted(overdue_first, key=lambda s: s != "overdue")
    cid = due[0].child_id
    file = demo_registry.child_file(cid)
    assert file["child"]["id"] == cid and len(file["family_member"]) == 2
    dates = [v["visit_date"] for v in file["visit"]]
    assert dates == sorted(dates, reverse=True)
    assert verify_chain(demo_registry.conn).ok


def test_drafts_round_trip(registry: Registry):
    registry.save_draft("visit:new", "visit", '{"findings": "未完成的记录"}')
    assert registry.load_draft("visit:new") == '{"findings": "未完成的记录"}'
    registry.drop_draft("visit:new")
    assert registry.load_draft("visit:new") is None


def test_full_disk_is_a_clear_message_and_nothing_half_written(registry: Registry, child_data):
    """SQLite reports a full disk as SQLITE_FULL; max_page_count produces exactly that."""
    from leftbehind_desktop.core import demo

    before = (table_count(registry, "child"), audit_count(registry))
    pages = registry.conn.execute("PRAGMA page_count").fetchone()[0]
    registry.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    batch = next(demo.generate("210213001001", 300, seed=5, batch_size=300))
    with pytest.raises(UserError) as err:
        registry.bulk_insert(batch.records)
    assert err.value.code == "disk_full" and "磁盘空间不足" in str(err.value)
    assert (table_count(registry, "child"), audit_count(registry)) == before
    assert verify_chain(registry.conn).ok
    registry.conn.execute("PRAGMA max_page_count = 1073741823")
    registry.add("child", child_data)  # space again: works as before
