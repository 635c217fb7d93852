"""The ledger against the national forms: only children under 16 at the cut-off are counted
(older ones listed apart as 待退出), 实际监护情况, grandparents, guardian's address, the 附件3
summary with its cross-checks and signature lines, the police and education copies. Every
workbook is re-read by LibreOffice (soffice → CSV)."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from leftbehind_desktop.core import idnumber
from leftbehind_desktop.exports.ledger import LedgerCheckFailed, check_summary, write_ledger
from leftbehind_desktop.store.registry import Registry
from tests.conftest import make_store

from .helpers import run

STREET = "210213024000"  # 大李家街道
VILLAGE = "210213024200"  # 大李家村委会
CUTOFF = date(2026, 12, 31)  # 2026Q4


@dataclass
class World:
    reg: Registry
    ids: dict[str, str]  # label → child id
    csv: dict[str, dict[str, list[list[str]]]]  # profile → sheet → rows (LibreOffice)


def child(name: str, sex: str, birth: date, seq: int, **kw: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": name, "sex": sex, "birth_date": birth.isoformat(),
        "id_number": idnumber.make("210213", birth, seq, sex), "residence": "大李家村2组",
        "schooling": "小学", "school_name": "大李家小学", "living_arrangement": "与祖辈同住"}
    data.update(kw)
    return data


def away(reg: Registry, cid: str, relation: str, name: str, **kw: object) -> None:
    data: dict[str, object] = {"relation": relation, "name": name, "status": "外出务工",
                               "work_province": "广东省", "phone": "13800138000"}
    data.update(kw)
    reg.add("family_member", data, child_id=cid)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    base = tmp_path_factory.mktemp("fidelity")
    store, _ = make_store(base / "store", role="street", unit=STREET, name="大李家街道")
    # children are registered while still under 16 (the registry refuses older ones)
    early = Registry(store, today=lambda: date(2024, 1, 1))
    reg = Registry(store, today=lambda: CUTOFF)
    ids: dict[str, str] = {}

    def add(label: str, r: Registry, data: dict[str, object]) -> str:
        ids[label] = str(r.add("child", data, unit_code=VILLAGE).record["id"])
        return ids[label]

    add("exactly18", early, child("王十八", "男", date(2008, 12, 31), 1, schooling="高中",
                                  school_name="金州高中"))
    add("leap16", early, child("李闰年", "女", date(2008, 2, 29), 2, schooling="高中",
                               school_name="金州高中"))
    add("exactly16", early, child("赵十六", "男", date(2010, 12, 31), 3, schooling="初中",
                                  school_name="大李家中学"))
    a = add("fifteen", reg, child("钱十五", "女", date(2011, 1, 1), 4, schooling="初中",
                                  school_name="大李家中学"))
    b = add("six", reg, child("孙六岁", "男", date(2020, 12, 31), 5))
    c = add("five", reg, child("周五岁", "女", date(2021, 1, 1), 6, schooling="幼儿园",
                               school_name="大李家幼儿园"))
    add("dropout", reg, child("吴失学", "男", date(2016, 2, 29), 7, schooling="不在学",
                                  school_name=None))
    e = add("nohukou", reg, child("郑无户", "女", date(2018, 5, 6), 8, hukou_registered=False,
                                  id_number=None))
    # 实际监护情况: both away (a); one away and the other in prison (b); entrusted (b)
    away(reg, a, "父亲", "钱大山", id_number=idnumber.make("210213", date(1985, 3, 4), 11, "男"))
    away(reg, a, "母亲", "孔秀英")
    away(reg, b, "父亲", "孙建军")
    reg.add("family_member", {"relation": "母亲", "name": "李桂香", "status": "服刑",
                              "status_since": "2025-06-01"}, child_id=b)
    reg.add("family_member", {"relation": "祖父", "name": "孙德福", "birth_date": "1950-02-28",
                              "status": "在家"}, child_id=b)
    reg.add("family_member", {"relation": "外祖母", "name": "刘桂芝", "birth_date": "1956-10-01",
                              "status": "在家"}, child_id=b)
    reg.add("entrustment", {"guardian_name": "孙德福", "relation": "祖父",
                            "guardian_birth_date": "1950-02-28", "guardian_phone": "13900139000",
                            "address": "大李家村2组8号", "has_capacity": True,
                            "start_date": "2026-01-01"}, child_id=b)
    # no-hukou child: parents and guardian for the police
    away(reg, e, "父亲", "郑国强", id_number=idnumber.make("210213", date(1988, 7, 1), 21, "男"),
         phone="13700137000")
    away(reg, e, "母亲", "王小燕")
    reg.add("entrustment", {"guardian_name": "郑老汉", "relation": "祖父",
                            "guardian_birth_date": "1955-01-01", "guardian_phone": "13600136000",
                            "address": "大李家村5组1号", "has_capacity": True,
                            "start_date": "2026-02-01"}, child_id=e)
    # a teacher paired with one pupil only
    reg.add("pairing", {"partner_name": "冯老师", "partner_type": "教师",
                        "start_date": "2026-09-01"}, child_id=a)
    # mandatory reports: one still open from an earlier quarter, one closed
    for status in ("处置中", "已结案"):
        reg.add("mandatory_report", {"situation": "疑似遭受意外伤害", "details": f"摔伤（{status}）",
                                     "severity": "一般", "reported_at": "2026-09-10T09:00",
                                     "police_unit": "金州公安分局大李家派出所",
                                     "followup_status": status}, child_id=c)
    out = base / "csv"
    out.mkdir()
    paths = [write_ledger(reg, "2026Q4", base / f"{p}.xlsx", profile=p)
             for p in ("full", "education", "police")]
    run("soffice", f"-env:UserInstallation=file://{base}/lo-profile", "--headless",
        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir", str(out), *map(str, paths), timeout=240)
    sheets: dict[str, dict[str, list[list[str]]]] = {}
    for path in out.glob("*.csv"):
        profile, sheet = path.stem.split("-", 1)
        with path.open(encoding="utf-8", newline="") as fh:
            sheets.setdefault(profile, {})[sheet] = list(csv.reader(fh))
    yield World(reg, ids, sheets)
    store.close()


def table(rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(rows[2], r, strict=False)) for r in rows[3:] if r and r[0].isdigit()]


def names(rows: list[list[str]]) -> list[str]:
    return [r["姓名"] for r in table(rows)]


def test_only_children_under_16_at_the_cut_off_are_counted(world: World) -> None:
    full = world.csv["full"]
    counted = set(names(full["信息台账"]))
    assert counted == {"钱十五", "孙六岁", "周五岁", "吴失学", "郑无户"}
    assert counted == set(names(full["花名册"]))
    leaving = {r["姓名"]: r for r in table(full["待退出"])}
    assert set(leaving) == {"王十八", "李闰年", "赵十六"}  # exactly 18, 18 (born 29 Feb), exactly 16
    assert leaving["赵十六"]["年龄（截至统计日）"] == "16"
    assert leaving["赵十六"]["年满16周岁日期"] == "2026-12-31"
    assert leaving["李闰年"]["年满16周岁日期"] == "2024-02-29"
    assert leaving["王十八"]["年龄（截至统计日）"] == "18"
    assert "不计入" in full["待退出"][0][0]
    for profile in ("education", "police"):
        assert not {"王十八", "李闰年", "赵十六"} & set(names(world.csv[profile]["信息台账"]
                                                          if profile == "education" else
                                                          world.csv[profile]["重点对象名单"]))


def test_care_items_grandparents_and_guardian_address(world: World) -> None:
    rows = {r["姓名"]: r for r in table(world.csv["full"]["信息台账"])}
    a, b, c = rows["钱十五"], rows["孙六岁"], rows["周五岁"]
    assert (a["实际监护情况-双方外出"], a["实际监护情况-一方外出另一方无监护能力"],
            a["实际监护情况-父或母无监护能力"], a["实际监护情况-有委托监护"]) == ("是", "否", "否", "否")
    assert (b["实际监护情况-双方外出"], b["实际监护情况-一方外出另一方无监护能力"],
            b["实际监护情况-父或母无监护能力"], b["实际监护情况-有委托监护"]) == ("否", "是", "是", "是")
    assert c["实际监护情况-双方外出"] == "否" and c["实际监护情况-有委托监护"] == "否"
    assert (b["祖父姓名"], b["祖父出生日期"], b["外祖母姓名"], b["外祖母出生日期"]) == (
        "孙德福", "1950-02-28", "刘桂芝", "1956-10-01")
    assert b["祖母姓名"] == "" and b["监护人住址"] == "大李家村2组8号"


def summary_row(world: World, name: str) -> dict[str, int]:
    rows = world.csv["full"]["季度汇总表"]
    group, key = rows[2], rows[3]
    current, headers = "", []
    for g, k in zip(group, key, strict=False):
        current = g or current
        headers.append(f"{current}:{k}")
    row = next(r for r in rows if r and r[0] == name)
    return {h: int(v) for h, v in zip(headers, row, strict=False) if v.isdigit()}


def test_summary_follows_annex_3_and_adds_up(world: World) -> None:
    total = summary_row(world, "合计")
    village = summary_row(world, "大李家村委会")
    assert {k: v for k, v in village.items() if k != "区划代码:"} == {
        k: v for k, v in total.items() if k != "区划代码:"}
    assert total["留守儿童:总数"] == 5
    assert (total["性别:男"], total["性别:女"]) == (2, 3)
    assert (total["年龄（截至统计日）:0-5岁"], total["年龄（截至统计日）:6-13岁"],
            total["年龄（截至统计日）:14-15岁"]) == (1, 3, 1)
    assert total["年龄段×性别:6-13岁男"] == 2 and total["年龄段×性别:14-15岁女"] == 1
    assert total["年龄段×性别:0-5岁女"] == 1 and total["年龄段×性别:6-13岁女"] == 1
    schooling = {k: v for k, v in total.items() if k.startswith("就学情况:")}
    assert len(schooling) == 8 and sum(schooling.values()) == 5
    assert total["就学情况:不在学"] == 1 and total["就学情况:幼儿园"] == 1
    assert total["实际监护情况:双方外出"] == 2 and total["实际监护情况:一方外出另一方无监护能力"] == 1
    assert total["强制报告:未结案（件）"] == 1
    text = "\n".join(",".join(r) for r in world.csv["full"]["季度汇总表"])
    for sign in ("填表人：", "复核人：", "单位负责人：", "填报日期："):
        assert sign in text
    assert "未满16周岁" in text


def test_cross_checks_refuse_a_breakdown_that_does_not_sum() -> None:
    good: Counter[str] = Counter({"留守儿童:总数": 2, "性别:男": 1, "性别:女": 1,
                                  "年龄（截至统计日）:6-13岁": 2, "年龄段×性别:6-13岁男": 1,
                                  "年龄段×性别:6-13岁女": 1, "就学情况:小学": 2, "监护类型:一般": 2})
    check_summary({"v": good}, good.copy(), 2)
    for key, value, match in (("年龄段×性别:6-13岁女", 0, "男\\+女"), ("就学情况:小学", 1, "就学"),
                              ("实际监护情况:双方外出", 3, "实际监护")):
        bad = good.copy()
        bad[key] = value
        with pytest.raises(LedgerCheckFailed, match=match):
            check_summary({"v": bad}, bad.copy())


def test_police_copy_no_hukou_roster_dna_note_and_open_reports(world: World) -> None:
    police = world.csv["police"]
    roster = table(police["无户籍花名册"])
    assert [r["姓名"] for r in roster] == ["郑无户"]
    r = roster[0]
    assert r["父亲姓名"] == "郑国强" and r["父亲身份号码"].startswith("21021319880701")
    assert r["父亲联系电话"] == "13700137000" and r["母亲姓名"] == "王小燕"
    assert (r["受委托监护人"], r["监护人联系电话"], r["监护人住址"]) == ("郑老汉", "13600136000", "大李家村5组1号")
    text = "\n".join(",".join(x) for x in police["无户籍花名册"])
    assert "非亲生落户" in text and "DNA" in text and "二（三）3" in text
    reports = table(police["强制报告"])
    assert [x["案情经过"] for x in reports] == ["摔伤（处置中）"]  # open, from an earlier quarter


def test_education_copy_ids_out_of_school_persuasion_and_unpaired(world: World) -> None:
    edu = world.csv["education"]
    rows = {r["姓名"]: r for r in table(edu["信息台账"])}
    assert rows["钱十五"]["公民身份号码"] == world.reg.get("child", world.ids["fifteen"])["id_number"]
    assert rows["钱十五"]["就读学校"] == "大李家中学"
    dropouts = table(edu["失学辍学名单"])
    assert [x["姓名"] for x in dropouts] == ["吴失学"]
    # rule 3 raised the 失学辍学 flag by itself; its 劝返 follow-up has not started
    assert dropouts[0]["失学辍学"] == "是" and dropouts[0]["劝返复学进度"] == "待告知学校"
    unpaired = set(names(edu["未结对帮扶教师"]))
    # in school or kindergarten without a teacher; 钱十五 has one, 吴失学 is not in school
    assert unpaired == {"孙六岁", "周五岁", "郑无户"}
    assert "家庭经济来源" not in edu["信息台账"][2] and "父亲姓名" not in edu["信息台账"][2]


def test_an_empty_list_says_so(registry: Registry, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = write_ledger(registry, "2026Q4", tmp_path / "police.xlsx", profile="police")
    rows = [r[0] for r in load_workbook(out)["无户籍花名册"].iter_rows(min_row=4, values_only=True)]
    texts = [str(x) for x in rows if x]
    assert texts[0] == "（本期无符合条件的儿童）" and "非亲生落户" in texts[-1]


def test_first_quarter_cut_off_31_march_and_29_february(registry: Registry, tmp_path: Path) -> None:
    """2027Q1 ends on 31 March: born 31 March 2011 is exactly 16 then (待退出), born 1 April
    2011 is 15 (counted); born 29 February 2012 is 15 and turns 16 on 1 March 2028."""
    from openpyxl import load_workbook

    for name, birth, seq in (("甲", date(2011, 3, 31), 31), ("乙", date(2011, 4, 1), 32),
                             ("丙", date(2012, 2, 29), 33)):
        registry.add("child", child(name, "男", birth, seq, schooling="初中", school_name="大李家中学"))
    wb = load_workbook(write_ledger(registry, "2027Q1", tmp_path / "q1.xlsx"))

    def rows(sheet: str) -> dict[str, tuple[object, ...]]:
        ws = wb[sheet]
        header = [c.value for c in ws[3]]
        return {str(r[header.index("姓名")]): r for r in ws.iter_rows(min_row=4, values_only=True)
                if isinstance(r[0], int)}

    assert set(rows("信息台账")) == {"乙", "丙"} and set(rows("待退出")) == {"甲"}
    header = [c.value for c in wb["信息台账"][3]]
    assert rows("信息台账")["丙"][header.index("年龄（截至统计日）")] == 15
    assert "统计截止日期：2027-03-31" in str(wb["信息台账"]["A2"].value)
