"""逐条审核 with real stores: a village's package becomes review items at the street (new,
changed and exited children, new priority flags and mandatory reports; none for unchanged
records), the officer passes and returns them (a return needs a comment, decisions are
audited and owned), the quarter is 已审核 only when every item passed or, with nothing to
review, once confirmed; the street's package tells the district what is reviewed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from leftbehind_desktop.core.messages import UserError
from leftbehind_desktop.store.review_items import ReviewItems
from leftbehind_desktop.store.sync import SyncStore
from leftbehind_desktop.sync import overview, package, review
from tests.conftest import CHILD, STREET
from tests.sync.helpers import VILLAGE_A, VILLAGE_B, Office, close_all, street_world

PERIOD = "2026Q4"
FLAG = {"reason": "失学辍学", "source": "人工", "opened_on": "2026-11-02",
        "designated_person": "刘淑华", "status": "开放"}
REPORT = {"situation": "失踪", "details": "未归", "reported_at": "2026-11-30 21:00",
          "police_unit": "金州公安分局"}


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[dict[str, Office]]:
    o = street_world(tmp_path)
    yield o
    close_all(o)


def _send(village: Office, street: Office, tmp: Path, name: str,
          period: str = PERIOD) -> package.ImportReport:
    out = package.export_package(village.store, period, tmp / f"{name}.lbpkg")
    return package.import_package(street.store, out.path)


def _ming_and_hong(a: Office) -> tuple[str, str]:
    """Two new children in village A (张小明, 王小红): their ids."""
    ming = a.reg.add("child", dict(CHILD)).record["id"]
    hong = a.reg.add("child", {**CHILD, "name": "王小红", "sex": "女",
                               "id_number": "210213201506070026",
                               "birth_date": "2015-06-07"}).record["id"]
    return str(ming), str(hong)


def _two_children_sent(a: Office, street: Office, tmp: Path) -> None:
    """Two new children in village A, its package imported at the street."""
    _ming_and_hong(a)
    _send(a, street, tmp, "a1")


def _by_change(items: list[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    for i in items:
        out.setdefault(str(i["change"]), []).append(i)
    return out


def test_items_for_new_changed_exited_deleted_flag_report_and_none_for_unchanged(
        offices: dict[str, Office], tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    ming, hong = _ming_and_hong(a)
    a.reg.add("visit", {"visit_date": "2026-11-03", "visit_type": "入户走访", "visitor": "刘淑华",
                        "living_arrangement": "与祖辈同住", "guardian_present": True},
              child_id=ming)
    assert _send(a, street, tmp_path, "a1").review_items == 2  # the import says so
    items = review.review_items(street.store, PERIOD, VILLAGE_A)
    # two new children; the visit makes no item
    assert sorted((i["change"], i["kind"], i["child_name"]) for i in items) == [
        ("new", "child", "张小明"), ("new", "child", "王小红")]
    new = next(i for i in items if i["record_id"] == ming)
    fields = {e["field"]: (e["before"], e["after"]) for e in new["summary"]}
    assert fields["name"] == (None, "张小明") and fields["id_number"][1] == CHILD["id_number"]
    assert "school_name" not in fields  # not a key field of the form's [review]
    assert {i["status"] for i in items} == {"pending"} and all(i["package_id"] for i in items)
    review.pass_all(street.store, PERIOD, VILLAGE_A)

    # the same records again: nothing to review
    assert _send(a, street, tmp_path, "a2").review_items == 0
    assert len(review.review_items(street.store, PERIOD, VILLAGE_A)) == 2

    # a change, an exit, a new flag and a new report
    why = "季度已上报后更正"
    a.reg.update("child", ming, {"schooling": "初中", "school_name": "大李家中学"}, reason=why)
    a.reg.update("child", hong, {"status": "已退出", "exit_reason": "迁出本地",
                                 "exit_date": "2026-11-20"}, reason=why)
    a.reg.add("priority_flag", FLAG, child_id=ming, reason=why)
    a.reg.add("mandatory_report", REPORT, child_id=ming, reason=why)
    _send(a, street, tmp_path, "a3")
    by = _by_change(review.review_items(street.store, PERIOD, VILLAGE_A, status="pending"))
    assert sorted(by) == ["changed", "exited", "flag", "report"]
    changed = by["changed"][0]
    assert changed["record_id"] == ming and changed["child_name"] == "张小明"
    side = {e["field"]: (e["before"], e["after"]) for e in changed["summary"]}
    assert side["schooling"] == ("小学", "初中")
    assert side["school_name"] == ("大李家小学", "大李家中学")  # changed, so shown too
    assert side["name"] == ("张小明", "张小明")  # a key field, unchanged, for context
    assert review.changed_fields(changed) == ["就学情况", "就读学校"]
    exited = by["exited"][0]
    assert exited["record_id"] == hong
    assert {e["field"]: e["after"] for e in exited["summary"]}["status"] == "已退出"
    flag = by["flag"][0]
    assert flag["kind"] == "priority_flag" and flag["child_name"] == "张小明"
    assert {e["field"]: e["after"] for e in flag["summary"]}["reason"] == "失学辍学"
    report = by["report"][0]
    assert report["kind"] == "mandatory_report"
    assert {e["field"]: e["after"] for e in report["summary"]}["situation"] == "失踪"

    # a file the village removed (a tombstone) reads 删除, not 变更
    review.pass_all(street.store, PERIOD, VILLAGE_A)
    a.reg.delete("child", ming, reason="重复建档")
    _send(a, street, tmp_path, "a4")
    by = _by_change(review.review_items(street.store, PERIOD, VILLAGE_A, status="pending"))
    assert sorted(by) == ["deleted"] and by["deleted"][0]["record_id"] == ming
    assert {e["field"]: e["after"] for e in by["deleted"][0]["summary"]}["deleted"] is True
    assert review.change_text("deleted", "zh") == "删除"


def test_an_entrustment_is_reviewed_who_and_until_when(
        offices: dict[str, Office], tmp_path: Path) -> None:
    """委托监护 (R3) is reviewed too: a new entrustment shows the guardian and the term; a
    changed one what changed."""
    a, street = offices["a"], offices["street"]
    ming = a.reg.add("child", dict(CHILD)).record["id"]
    _send(a, street, tmp_path, "a1")
    review.pass_all(street.store, PERIOD, VILLAGE_A)
    why = "补录委托"
    eid = a.reg.add("entrustment", {"guardian_name": "孙德福", "relation": "祖父",
                                    "guardian_birth_date": "1950-02-28",
                                    "guardian_phone": "13900139000", "address": "大李家村2组8号",
                                    "has_capacity": True, "start_date": "2026-01-01"},
                    child_id=ming, reason=why).record["id"]
    _send(a, street, tmp_path, "a2")
    [item] = review.review_items(street.store, PERIOD, VILLAGE_A, status="pending")
    assert (item["kind"], item["change"], item["child_name"]) == ("entrustment", "entrustment", "张小明")
    assert review.change_text("entrustment", "zh") == "新增委托监护"
    shown = {e["label_zh"]: e["after"] for e in item["summary"]}
    assert shown["姓名"] == "孙德福" and shown["与儿童关系"] == "祖父" and shown["委托开始日期"] == "2026-01-01"
    review.decide(street.store, item["id"], "pass")
    a.reg.update("entrustment", eid, {"end_date": "2026-12-31"}, reason=why)
    _send(a, street, tmp_path, "a3")
    [item] = review.review_items(street.store, PERIOD, VILLAGE_A, status="pending")
    assert item["change"] == "changed" and review.changed_fields(item) == ["委托结束日期"]


def test_decide_return_needs_a_comment_is_audited_and_final(
        offices: dict[str, Office], tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    _two_children_sent(a, street, tmp_path)
    first, second = review.review_items(street.store, PERIOD, VILLAGE_A)
    with pytest.raises(UserError, match="退回时请填写意见"):
        review.decide(street.store, first["id"], "return", "   ")
    assert review.review_items(street.store, PERIOD, VILLAGE_A)[0]["status"] == "pending"
    review.decide(street.store, first["id"][:30], "return", "身份证号与户口簿不符，请核对")
    review.decide(street.store, second["id"], "pass")
    items = {i["id"]: i for i in review.review_items(street.store, PERIOD, VILLAGE_A)}
    assert items[first["id"]]["status"] == "returned"
    assert items[first["id"]]["comment"] == "身份证号与户口簿不符，请核对"
    assert items[first["id"]]["officer"] == "测试员" and items[first["id"]]["decided_at"]
    assert items[second["id"]]["status"] == "passed"
    with pytest.raises(UserError, match="已审核"):
        review.decide(street.store, first["id"], "pass")
    with pytest.raises(UserError, match="找不到"):
        review.decide(street.store, "ffffffff", "pass")
    # audited, in the hash chain, with the comment
    events = [e for e in SyncStore(street.store).audit_events()
              if e["action"].startswith("sync.review.")]
    assert [(e["action"], e["record_id"]) for e in events] == [
        ("sync.review.return", first["id"]), ("sync.review.pass", second["id"])]
    detail = events[0]["detail"]
    detail = json.loads(detail) if isinstance(detail, str) else detail
    assert detail["comment"] == "身份证号与户口簿不符，请核对"


def test_a_pass_given_by_mistake_is_reopened_audited_and_the_quarter_waits_again(
        offices: dict[str, Office], tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    _two_children_sent(a, street, tmp_path)
    assert review.pass_all(street.store, PERIOD, VILLAGE_A) == 2  # 全部通过, too quickly
    assert review.quarter_review_state(street.store, PERIOD, VILLAGE_A)["reviewed"]
    first, second = review.review_items(street.store, PERIOD, VILLAGE_A)
    before = review.reopen(street.store, first["id"][:30])
    assert before["status"] == "passed" and before["id"] == first["id"]
    items = {i["id"]: i for i in review.review_items(street.store, PERIOD, VILLAGE_A)}
    assert items[first["id"]]["status"] == "pending"
    assert (items[first["id"]]["decided_at"], items[first["id"]]["officer"]) == (None, None)
    assert items[second["id"]]["status"] == "passed"
    state = review.quarter_review_state(street.store, PERIOD, VILLAGE_A)
    assert (state["pending"], state["passed"], state["reviewed"]) == (1, 1, False)
    # only a passed item: a pending one, and a returned one (it may be at the village already)
    with pytest.raises(UserError, match="只有已通过的条目可以撤销（该条目待审核）"):
        review.reopen(street.store, first["id"])
    review.decide(street.store, first["id"], "return", "出生日期有误")
    with pytest.raises(UserError, match="该条目已退回"):
        review.reopen(street.store, first["id"])
    events = [e for e in SyncStore(street.store).audit_events() if e["action"] == "sync.review.reopen"]
    assert [e["record_id"] for e in events] == [first["id"]]
    detail = events[0]["detail"]
    detail = json.loads(detail) if isinstance(detail, str) else detail
    assert detail["passed_by"] == "测试员" and detail["passed_at"] == first["decided_at"]


def test_a_returned_record_changed_again_is_one_item_back_in_the_queue(
        offices: dict[str, Office], tmp_path: Path) -> None:
    """The village changes a returned child without answering the return (it never got the
    returns file): the change folds into the returned item, which is 待审核 again — not a
    second item beside a return nobody will answer."""
    a, street = offices["a"], offices["street"]
    ming = a.reg.add("child", dict(CHILD)).record["id"]
    _send(a, street, tmp_path, "a1")
    review.pass_all(street.store, PERIOD, VILLAGE_A)
    a.reg.update("child", ming, {"schooling": "初中"}, reason="更正")
    _send(a, street, tmp_path, "a2")
    [item] = review.review_items(street.store, PERIOD, VILLAGE_A, status="pending")
    review.decide(street.store, item["id"], "return", "就读学校也要改")
    # the same values again: the return stands, nothing new to review
    assert _send(a, street, tmp_path, "a3").review_items == 0
    assert review.review_items(street.store, PERIOD, VILLAGE_A, status="returned")[0]["id"] == \
        item["id"]
    a.reg.update("child", ming, {"school_name": "大李家中学"}, reason="更正")
    _send(a, street, tmp_path, "a4")
    mine = [i for i in review.review_items(street.store, PERIOD, VILLAGE_A) if i["record_id"] == ming]
    assert [(i["id"], i["status"]) for i in mine if i["status"] != "passed"] == [(item["id"], "pending")]
    side = {e["field"]: (e["before"], e["after"]) for e in mine[-1]["summary"]}
    assert side["schooling"] == ("小学", "初中")  # from what the street saw before the change
    assert side["school_name"] == ("大李家小学", "大李家中学")


def test_a_street_decides_only_items_of_its_own_villages(
        offices: dict[str, Office], tmp_path: Path) -> None:
    street = offices["street"]
    other_village = "210213002001"  # a village of another street
    ri = ReviewItems(street.store)
    with street.store.transaction():
        ri.add_many([("0190aaaa-0000-7000-8000-000000000001", "p", other_village, PERIOD,
                      "child", "r1", "r1", other_village, "new", "[]", "pending",
                      None, None, None, None, "2026-12-01T00:00:00Z")])
    with pytest.raises(UserError, match="不属于本单位的下级单位"):
        review.decide(street.store, "0190aaaa-0000-7000-8000-000000000001", "pass")
    with pytest.raises(UserError, match="不属于本单位的下级单位"):
        review.reopen(street.store, "0190aaaa-0000-7000-8000-000000000001")
    with pytest.raises(UserError, match="不是本单位的下级单位"):
        review.confirm_no_changes(street.store, PERIOD, other_village)
    assert ri.item("0190aaaa-0000-7000-8000-000000000001")["status"] == "pending"


def test_quarter_state_reviewed_only_when_every_item_passed_or_confirmed(
        offices: dict[str, Office], tmp_path: Path) -> None:
    a, b, street = offices["a"], offices["b"], offices["street"]
    a.reg.add("child", dict(CHILD))
    a.reg.add("child", {**CHILD, "name": "王小红", "id_number": "210213201506070026",
                        "birth_date": "2015-06-07", "sex": "女"})
    with pytest.raises(UserError, match="尚未收到"):
        review.confirm_no_changes(street.store, PERIOD, VILLAGE_A)
    _send(a, street, tmp_path, "a1")
    _send(b, street, tmp_path, "b1")  # a village with nothing to review
    state = review.quarter_review_state(street.store, PERIOD, VILLAGE_A)
    assert (state["total"], state["pending"], state["reviewed"]) == (2, 2, False)
    with pytest.raises(UserError, match="请逐条审核"):
        review.confirm_no_changes(street.store, PERIOD, VILLAGE_A)
    first, second = review.review_items(street.store, PERIOD, VILLAGE_A)
    review.decide(street.store, first["id"], "return", "出生日期有误")
    review.decide(street.store, second["id"], "pass")
    state = review.quarter_review_state(street.store, PERIOD, VILLAGE_A)
    assert (state["passed"], state["returned"], state["reviewed"]) == (1, 1, False)
    ov = {r.unit_code: r for r in overview.overview(street.store, PERIOD).rows}
    assert ov[VILLAGE_A].state == "已报送" and ov[VILLAGE_A].review_returned == 1
    # the village with nothing to review: confirmed once
    assert review.quarter_review_state(street.store, PERIOD, VILLAGE_B)["reviewed"] is False
    review.confirm_no_changes(street.store, PERIOD, VILLAGE_B)
    state_b = review.quarter_review_state(street.store, PERIOD, VILLAGE_B)
    assert state_b["reviewed"] and state_b["confirmed"] and state_b["officer"] == "测试员"
    with pytest.raises(UserError, match="已确认"):
        review.confirm_no_changes(street.store, PERIOD, VILLAGE_B)
    ov = {r.unit_code: r for r in overview.overview(street.store, PERIOD).rows}
    assert ov[VILLAGE_B].state == "已审核" and ov[VILLAGE_A].state != "已审核"
    # a returned item answered by the village goes back to the queue; passing it reviews
    assert review.mark_answered(street.store, "pkg", VILLAGE_A, [first["record_id"]]) == 1
    assert review.quarter_review_state(street.store, PERIOD, VILLAGE_A)["answered"] == 1
    review.decide(street.store, first["id"], "pass")
    state = review.quarter_review_state(street.store, PERIOD, VILLAGE_A)
    assert state["reviewed"] and state["officer"] == "测试员"
    ov = {r.unit_code: r for r in overview.overview(street.store, PERIOD).rows}
    assert ov[VILLAGE_A].state == "已审核" and ov[VILLAGE_A].reviewed_at


def test_an_older_one_mark_review_stays_readable(offices: dict[str, Office],
                                                 tmp_path: Path) -> None:
    street = offices["street"]
    with street.store.transaction() as audit:  # as a store of the one-mark era holds it
        SyncStore(street.store).mark_reviewed(VILLAGE_A, "2026Q3", "已审核", audit)
    state = review.quarter_review_state(street.store, "2026Q3", VILLAGE_A)
    assert state["reviewed"] and state["total"] == 0


def test_the_streets_package_tells_the_district_what_is_reviewed(
        offices: dict[str, Office], tmp_path: Path) -> None:
    a, b, street, district = (offices[k] for k in ("a", "b", "street", "district"))
    a.reg.add("child", dict(CHILD))
    b.reg.add("child", {**CHILD, "name": "王小红", "id_number": "210213201506070026",
                        "birth_date": "2015-06-07", "sex": "女"})
    _send(a, street, tmp_path, "a1")
    _send(b, street, tmp_path, "b1")
    review.pass_all(street.store, PERIOD, VILLAGE_A)
    item_b = review.review_items(street.store, PERIOD, VILLAGE_B)[0]
    review.decide(street.store, item_b["id"], "return", "请补充监护人信息")
    up = package.export_package(street.store, PERIOD, tmp_path / "street.lbpkg")
    package.import_package(district.store, up.path)
    got = {s["unit_code"]: s for s in review.forwarded_states(district.store, PERIOD)}
    assert sorted(got) == [VILLAGE_A, VILLAGE_B]
    assert (got[VILLAGE_A]["reviewed"], got[VILLAGE_A]["passed"], got[VILLAGE_A]["total"]) == (
        True, 1, 1)
    assert (got[VILLAGE_B]["reviewed"], got[VILLAGE_B]["returned"]) == (False, 1)
    assert got[VILLAGE_A]["sender_unit"] == STREET and got[VILLAGE_A]["package_id"] == \
        up.package_id
    # the district's overview: the street reviewed 1 of its 2 villages
    row = next(r for r in overview.overview(district.store, PERIOD).rows if r.unit_code == STREET)
    assert row.forwarded == (1, 2)
    # the district reviews the street's package the same way (level-generic)
    items = review.review_items(district.store, PERIOD, STREET)
    assert sorted(i["child_name"] for i in items) == ["张小明", "王小红"]
    assert {i["record_unit"] for i in items} == {VILLAGE_A, VILLAGE_B}
    review.pass_all(district.store, PERIOD, STREET)
    assert review.quarter_review_state(district.store, PERIOD, STREET)["reviewed"]


def test_a_forged_review_state_line_is_refused() -> None:
    from leftbehind_desktop.sync.errors import SyncError

    good = {"unit_code": VILLAGE_A, "period": PERIOD, "total": 2, "passed": 2, "returned": 0,
            "answered": 0, "pending": 0, "reviewed": True, "confirmed": False,
            "reviewed_at": "2026-12-01T08:00:00.000Z"}
    lines = review.ForwardLines(STREET, PERIOD)
    lines.line(1, json.dumps(good).encode())
    assert lines.items == [good]
    for bad in ({**good, "unit_code": "210213002001"},  # a village of another street
                {**good, "period": "2026Q3"}, {**good, "passed": 1},  # counts do not add up
                {**good, "reviewed": "yes"}, {**good, "extra": 1}):
        with pytest.raises(SyncError, match="不是有效的审核情况"):
            review.ForwardLines(STREET, PERIOD).line(1, json.dumps(bad).encode())


def test_a_corrected_package_before_the_review_updates_the_pending_item(
        offices: dict[str, Office], tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    ming, hong = _ming_and_hong(a)
    _send(a, street, tmp_path, "a1")
    review.pass_all(street.store, PERIOD, VILLAGE_A)
    why = "更正"
    a.reg.update("child", ming, {"schooling": "初中"}, reason=why)
    a.reg.update("child", hong, {"school_name": "前进小学"}, reason=why)
    _send(a, street, tmp_path, "a2")
    pending = {i["record_id"]: i for i in review.review_items(
        street.store, PERIOD, VILLAGE_A, status="pending")}
    assert sorted(pending) == sorted([ming, hong])
    # the village corrects again before the street looked: still one item per child, from
    # what the street last saw to the newest; a change undone leaves no item
    a.reg.update("child", ming, {"schooling": "初中", "school_name": "大李家中学"}, reason=why)
    a.reg.update("child", hong, {"school_name": "大李家小学"}, reason=why)
    third = package.export_package(a.store, PERIOD, tmp_path / "a3.lbpkg")
    assert package.import_package(street.store, third.path).review_items == 1  # updated
    items = review.review_items(street.store, PERIOD, VILLAGE_A, status="pending")
    assert [i["record_id"] for i in items] == [ming]
    side = {e["field"]: (e["before"], e["after"]) for e in items[0]["summary"]}
    assert side["schooling"] == ("小学", "初中")
    assert side["school_name"] == ("大李家小学", "大李家中学")
    assert items[0]["package_id"] == third.package_id and items[0]["change"] == "changed"
    assert review.changed_fields(items[0]) == ["就学情况", "就读学校"]
