"""The quarterly Excel ledger, read back by LibreOffice (soffice → CSV) and openpyxl."""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from leftbehind_desktop.core.dates import age_on, parse_date
from leftbehind_desktop.core.messages import UserError
from leftbehind_desktop.exports.ledger import (
    SUMMARY_KEYS,
    LedgerCheckFailed,
    check_summary,
    write_ledger,
)
from leftbehind_desktop.store import bulk_reads
from leftbehind_desktop.store.audit import verify_chain
from leftbehind_desktop.store.registry import Registry
from tests.conftest import STREET, fill_demo, make_store

from .helpers import EVIL, run

AS_OF = date(2026, 12, 31)


@dataclass
class Ledgers:
    reg: Registry
    full: Path
    education: Path
    police: Path
    csv: dict[str, list[list[str]]]  # sheet name → rows (LibreOffice's reading)
    evil_id: str


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledgers]:
    base = tmp_path_factory.mktemp("ledger")
    store, _ = make_store(base / "store", role="street", unit=STREET, name="大魏家街道")
    reg = Registry(store, today=lambda: AS_OF)
    fill_demo(reg, 80, as_of=date(2026, 12, 20))
    evil = reg.child_ids()[0]
    reg.update("child", evil, {"notes": EVIL, "residence": "+86 大李家村1组"})
    full = write_ledger(reg, "2026Q4", base / "ledger.xlsx")
    education = write_ledger(reg, "2026Q4", base / "edu.xlsx", profile="education")
    police = write_ledger(reg, "2026Q4", base / "police.xlsx", profile="police")
    out = base / "csv"
    out.mkdir()
    # one soffice run for the module, with its own profile dir; all sheets (token 12 = -1)
    run("soffice", f"-env:UserInstallation=file://{base}/lo-profile", "--headless",
        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir", str(out), str(full), timeout=180)
    sheets: dict[str, list[list[str]]] = {}
    for path in out.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            sheets[path.stem.split("-", 1)[1]] = list(csv.reader(fh))
    yield Ledgers(reg, full, education, police, sheets, evil)
    store.close()


def table(rows: list[list[str]]) -> list[dict[str, str]]:
    header = rows[2]
    return [dict(zip(header, r, strict=False)) for r in rows[3:] if r and r[0].isdigit()]


def under_16(reg: Registry) -> list[tuple[str, str]]:
    """The children the ledger counts: on the register and under 16 on the cut-off date."""
    return [(u, c) for u, c in bulk_reads.ledger_child_ids(reg.conn, AS_OF.isoformat())
            if age_on(parse_date(reg.get("child", c)["birth_date"]), AS_OF) < 16]


def test_libreoffice_reads_the_ledger_rows_as_in_the_store(ledgers: Ledgers) -> None:
    rows = table(ledgers.csv["信息台账"])
    expected = under_16(ledgers.reg)
    assert len(rows) == len(expected) > 0
    assert [r["区划代码"] for r in rows] == [u for u, _ in expected]  # grouped by village
    for row, (_, cid) in zip(rows, expected, strict=True):
        child = ledgers.reg.get("child", cid)
        assert row["姓名"] == child["name"]
        assert row["公民身份号码"] == (child["id_number"] or "")
        assert row["出生日期"] == child["birth_date"]
        assert row["年龄（截至统计日）"] == str(age_on(parse_date(child["birth_date"]), AS_OF))
        assert row["就学情况"] == child["schooling"]
        assert row["是否登记户口"] == ("是" if child["hukou_registered"] else "否")
        father = [m for m in ledgers.reg.children_records("family_member", cid)
                  if m["relation"] == "父亲"]
        assert row["父亲姓名"] == (father[0]["name"] if father else "")
        flags = sorted(f["reason"] for f in ledgers.reg.children_records("priority_flag", cid)
                       if f["status"] == "开放")
        assert sorted(filter(None, row["重点对象（未解除）"].split("、"))) == flags
    roster = table(ledgers.csv["花名册"])
    assert [r["姓名"] for r in roster] == [r["姓名"] for r in rows]


def test_summary_adds_up_and_matches_the_ledger(ledgers: Ledgers) -> None:
    rows = ledgers.csv["季度汇总表"]
    data = [r for r in rows[4:] if r and r[1].isdigit()]
    total = next(r for r in rows if r and r[0] == "合计")
    nums = [[int(x) for x in r[2:2 + len(SUMMARY_KEYS)]] for r in data]
    tot = [int(x) for x in total[2:2 + len(SUMMARY_KEYS)]]
    assert tot == [sum(col) for col in zip(*nums, strict=True)]
    key = {k: i for i, k in enumerate(SUMMARY_KEYS)}
    assert tot[key["留守儿童:总数"]] == tot[key["性别:男"]] + tot[key["性别:女"]]
    assert tot[key["留守儿童:总数"]] == len(table(ledgers.csv["信息台账"]))
    ledger = table(ledgers.csv["信息台账"])
    assert tot[key["性别:女"]] == sum(r["性别"] == "女" for r in ledger)
    assert tot[key["重点对象:人数"]] == sum(bool(r["重点对象（未解除）"]) for r in ledger)


def test_check_summary_rejects_inconsistent_counts() -> None:
    good: Counter[str] = Counter({"留守儿童:总数": 2, "性别:男": 1, "性别:女": 1,
                                  "年龄（截至统计日）:6-13岁": 2, "年龄段×性别:6-13岁男": 1,
                                  "年龄段×性别:6-13岁女": 1, "就学情况:小学": 2, "监护类型:一般": 2})
    check_summary({"v": good}, good.copy(), 2)
    bad = good.copy()
    bad["性别:女"] = 0
    with pytest.raises(LedgerCheckFailed, match="男"):
        check_summary({"v": bad}, bad.copy())
    with pytest.raises(LedgerCheckFailed, match="行数"):
        check_summary({"v": good}, good.copy(), 3)


def test_formula_text_stays_text(ledgers: Ledgers) -> None:
    wb = load_workbook(ledgers.full)
    ws = wb["信息台账"]
    header = [c.value for c in ws[3]]
    notes, residence = header.index("备注") + 1, header.index("现居住地") + 1
    cells = [(row[notes - 1], row[residence - 1]) for row in ws.iter_rows(min_row=4)
             if row[notes - 1].value == EVIL]
    assert len(cells) == 1
    assert cells[0][0].data_type == "s"
    assert cells[0][1].value == "+86 大李家村1组" and cells[0][1].data_type == "s"
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    assert EVIL in {r["备注"] for r in table(ledgers.csv["信息台账"])}


def test_sheet_setup(ledgers: Ledgers) -> None:
    wb = load_workbook(ledgers.full)
    assert wb.sheetnames[:3] == ["季度汇总表", "信息台账", "花名册"]
    assert wb["代码表"].sheet_state == "hidden"
    ws = wb["信息台账"]
    assert ws.freeze_panes == "C4"
    assert ws.print_title_rows.replace("$", "") == "1:3"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.column_dimensions["E"].width and ws.column_dimensions["E"].width >= 8
    lists = {next(iter(dv.sqref.ranges)).min_col: dv.formula1 for dv in ws.data_validations.dataValidation}
    header = [c.value for c in ws[3]]
    assert "'代码表'!" in lists[header.index("性别") + 1]
    assert "统计截止日期：2026-12-31" in str(ws["A2"].value)


def test_recipient_copies_have_only_their_fields(ledgers: Ledgers) -> None:
    edu = load_workbook(ledgers.education)
    assert "季度汇总表" not in edu.sheetnames and "失学辍学名单" in edu.sheetnames
    headers = [c.value for c in edu["信息台账"][3]]
    # schools match the copy against 学籍 by ID number (二(四)2)
    assert {"公民身份号码", "就学情况", "就读学校", "是否寄宿", "结对帮扶-结对人"} <= set(headers)
    assert not {"父亲姓名", "现居住地", "监护类型"} & set(headers)
    pol = load_workbook(ledgers.police)
    assert pol.sheetnames[:3] == ["无户籍花名册", "重点对象名单", "强制报告"]
    headers = [c.value for c in pol["重点对象名单"][3]]
    assert {"公民身份号码", "现居住地", "重点对象原因"} <= set(headers)
    assert not {"就学情况", "父亲姓名", "家庭经济来源"} & set(headers)
    no_hukou = [r for r in pol["无户籍花名册"].iter_rows(min_row=4, values_only=True)
                if isinstance(r[0], int)]
    expected = [c for c in (ledgers.reg.get("child", i) for _, i in under_16(ledgers.reg))
                if c["hukou_registered"] is False]
    assert len(no_hukou) == len(expected)


def test_export_is_audited_and_bad_input_refused(ledgers: Ledgers, tmp_path: Path) -> None:
    rows = ledgers.reg.conn.execute(
        "SELECT detail FROM audit_event WHERE action = 'ledger.export'").fetchall()
    profiles = {json.loads(r[0])["profile"] for r in rows}
    assert profiles == {"full", "education", "police"}
    assert verify_chain(ledgers.reg.conn).ok
    with pytest.raises(UserError):
        write_ledger(ledgers.reg, "2026Q5", tmp_path / "x.xlsx")
    with pytest.raises(UserError):
        write_ledger(ledgers.reg, "2026Q4", tmp_path / "x.xlsx", profile="press")
    assert not os.listdir(tmp_path)
