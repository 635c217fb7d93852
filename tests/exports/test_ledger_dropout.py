"""Rule 3 on the education copy (社会事业局): out-of-school children by the rule at the
cut-off date, with where their 劝返复学 follow-up stands."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from leftbehind_desktop.exports.ledger import write_ledger
from leftbehind_desktop.store.registry import Registry

CHILD = {"name": "王小红", "sex": "女", "birth_date": "2016-03-15", "id_number": "210213201603150028",
         "residence": "大李家村1组", "schooling": "不在学", "living_arrangement": "与祖辈同住"}


def test_education_copy_lists_the_out_of_school_child_and_the_follow_up(store, tmp_path: Path):
    reg = Registry(store, today=lambda: date(2026, 12, 1))
    cid = reg.add("child", CHILD).record["id"]
    flag = next(f for f in reg.children_records("priority_flag", cid) if f["reason"] == "失学辍学")
    reg.update("priority_flag", flag["id"], {"school_notified_on": "2026-12-01"})
    reg.add("child", {**CHILD, "name": "李小花", "id_number": None, "hukou_registered": False,
                      "schooling": "小学", "school_name": "大李家小学"})
    out = write_ledger(reg, "2026Q4", tmp_path / "edu.xlsx", profile="education")
    ws = load_workbook(out)["失学辍学名单"]
    header = [c.value for c in ws[3]]
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if any(r)]
    names = [r[header.index("姓名")] for r in rows]
    assert "王小红" in names and "李小花" not in names
    row = rows[names.index("王小红")]
    assert row[header.index("劝返复学进度")] == "已告知学校，劝返中"


def test_police_copy_carries_the_reports_emergency_response(store, tmp_path: Path):
    reg = Registry(store, today=lambda: date(2026, 12, 1))
    cid = reg.add("child", {**CHILD, "schooling": "小学", "school_name": "大李家小学"}).record["id"]
    reg.add("mandatory_report", {"situation": "单独居住", "details": "周末独自在家", "severity": "严重",
                                 "reported_at": "2026-11-30 19:00", "police_unit": "金州公安分局",
                                 "accepted_on": "2026-11-30", "response_on": "2026-12-01",
                                 "response_measures": ["责令父母返回", "训诫父母"]}, child_id=cid)
    out = write_ledger(reg, "2026Q4", tmp_path / "police.xlsx", profile="police")
    ws = load_workbook(out)["强制报告"]
    header = [c.value for c in ws[3]]
    assert {"侵害类型（报告情形）", "案情经过", "严重程度", "应急处置措施", "应急处置日期"} <= set(header)
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    row = next(r for r in rows if "王小红" in r)
    assert row[header.index("应急处置措施")] == "责令父母返回、训诫父母"
