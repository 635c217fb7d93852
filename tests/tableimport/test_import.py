"""Table import end to end: files as offices make them, into a real SQLCipher store."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from leftbehind_desktop.core.messages import UserError
from leftbehind_desktop.store import tableimport as service
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.tableimport import report as rep
from leftbehind_desktop.tableimport.outcome import ImportReport
from leftbehind_desktop.tableimport.source import open_source

from . import office


def run(reg: Registry, path: Path, *, dry_run: bool = False, sheet: str | None = None,
        mapping: dict[str, str | None] | None = None, cancel: threading.Event | None = None,
        unit: str | None = None) -> tuple[ImportReport, Any]:
    source = open_source(path, sheet)
    layout = source.layout.with_mapping(mapping, "file") if mapping else source.layout
    job = service.TableImport(reg, source.sheet, layout, file_name=path.name,
                              sheet_name=source.sheet_name, unit=unit)
    try:
        report = job.run(dry_run=dry_run, cancel=cancel)
    finally:
        source.close()
    report.header_merges = source.header_merges
    return report, source


def count(reg: Registry, table: str) -> int:
    return int(reg.conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0])


def audit_count(reg: Registry) -> int:
    return int(reg.conn.execute("SELECT count(*) FROM audit_event").fetchone()[0])


def national_xlsx(tmp_path: Path, rows: list[list[Any]], name: str = "台账.xlsx") -> Path:
    grid, merges = office.national_grid(rows)
    return office.write_xlsx(tmp_path / name, grid, merges)


def test_national_layout_with_title_and_merged_header_imports_every_person(registry: Registry,
                                                                            tmp_path: Path):
    path = national_xlsx(tmp_path, [office.child_row(n) for n in range(1, 4)])
    report, source = run(registry, path)
    assert source.sheet_name == "台账"  # the first sheet (说明) has no header: skipped
    assert (source.layout.header_first, source.layout.header_rows) == (1, 2)
    mapping = source.layout.mapping()
    assert mapping["J"] == "father.name" and mapping["K"] == "father.id_number"
    assert mapping["L"] == "father.work_province" and mapping["R"] == "guardian.guardian_name"
    assert mapping["A"] is None  # 序号
    assert report.summary()["new"] == 3 and report.summary()["rejected"] == 0
    assert count(registry, "child") == 3 and count(registry, "family_member") == 6
    assert count(registry, "entrustment") == 3
    child_id = registry.search(office.name_of(2))[0]["id"]
    f = registry.child_file(child_id)
    c = f["child"]
    assert (c["ethnicity"], c["sex"], c["boarding"]) == ("汉族", "女", False)  # 汉 → 汉族, 否
    assert c["living_arrangement"] is None  # not in the national form: 待补充, not guessed
    father = next(m for m in f["family_member"] if m["relation"] == "父亲")
    assert (father["work_province"], father["work_city"]) == ("广东省", "深圳市")
    assert father["status"] == "外出务工"  # 务工地点 filled, no 状况 column: implied (and reported)
    assert any("外出务工" in note for note in report.rows[1].notes)
    assert father["birth_date"] == "1980-01-03"  # read from his ID number
    mother = next(m for m in f["family_member"] if m["relation"] == "母亲")
    assert (mother["work_province"], mother["work_city"]) == ("辽宁省", "大连")
    guardian = f["entrustment"][0]
    assert guardian["relation"] == "外祖母" and guardian["guardian_birth_date"] is None
    # each record audited as imported from that file and row
    details = [json.loads(h["detail"]) for h in f["history"] if h["action"] == "record.create"]
    assert {d.get("row") for d in details} == {5}
    assert all(d["source"] == "table_import" and d["file"] == "台账.xlsx" for d in details)
    child_detail = next(d for d in details if "role" not in d)
    assert "living_arrangement" in child_detail["pending"]
    # the workbench's 待补充 list names what to complete at the next visit
    items = [p for p in service.pending_items(registry.conn) if p.child_id == child_id]
    labels = {label for p in items for label in p.fields}
    assert {"居住情况", "出生日期", "委托开始日期"} <= labels


def test_rules_run_on_the_imported_children(registry: Registry, tmp_path: Path):
    row = office.child_row(2000, 就学情况="辍学")  # born 2016: compulsory-education age
    row[4] = ""  # birth date left blank: read from the ID number
    report, _ = run(registry, national_xlsx(tmp_path, [row]))
    assert report.summary()["new"] == 1
    assert registry.conn.execute("SELECT birth_date FROM child").fetchone()[0] == "2016-06-23"
    flags = [r for (r,) in registry.conn.execute("SELECT reason FROM priority_flag")]
    assert flags == ["失学辍学"] and report.flags_raised == 1


def test_xls_from_an_old_excel_with_serial_dates_fullwidth_ids_and_yes_no_variants(registry: Registry,
                                                                                   tmp_path: Path):
    rows = []
    for n, (boarding, serial) in enumerate([("√", True), ("×", False), ("有", True), ("无", False)], start=1):
        r = office.child_row(n, 是否寄宿=boarding)
        birth = office.child_birth(n)
        if serial:
            r[4] = (birth - date(1899, 12, 30)).days  # an Excel serial number
        else:
            r[4] = f"{birth.year}年{birth.month}月{birth.day}日"
        r[5] = r[5].translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))  # fullwidth
        rows.append(r)
    grid, merges = office.national_grid(rows)
    path = office.write_xls(tmp_path / "台账.xls", grid, merges)
    report, source = run(registry, path)
    assert source.layout.mapping()["J"] == "father.name"
    assert report.summary() == {**report.summary(), "new": 4, "rejected": 0}
    got = {r["name"]: r for r in registry.search("李", limit=10)}
    assert len(got) == 4
    boarding = sorted(bool(v) for (v,) in registry.conn.execute("SELECT boarding FROM child"))
    assert boarding == [False, False, True, True]
    births = {b for (b,) in registry.conn.execute("SELECT birth_date FROM child")}
    assert births == {office.child_birth(n).isoformat() for n in range(1, 5)}


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_every_encoding_offices_save(registry: Registry, tmp_path: Path, encoding: str):
    grid, _ = office.national_grid([office.child_row(n) for n in range(1, 3)])
    path = office.write_csv(tmp_path / "台账.csv", grid, encoding)
    report, source = run(registry, path)  # no merge information in CSV: the group carries right
    assert source.layout.mapping()["N"] == "mother.name"
    assert report.summary()["new"] == 2
    assert registry.search("李")[0]["name"].startswith("李")


def test_single_row_header_with_prefixed_names_and_blank_and_subtotal_rows(registry: Registry,
                                                                         tmp_path: Path):
    head = ["儿童姓名", "性别", "出生年月", "公民身份号码", "家庭住址", "在校情况", "父亲姓名", "父亲状况",
            "母亲姓名", "母亲状况", "受委托监护人", "与儿童关系", "居住情况"]
    def row(n: int) -> list[Any]:
        r = office.child_row(n)
        return [r[1], r[2], r[4].replace("-", "."), r[5], r[6], "小学", r[9], "外出", r[13], "在家",
                r[17], "奶奶", "祖辈"]
    grid = [head, row(1), [], ["", "", "", "", "", "", "", "", "", "", "", "", ""], row(2),
            ["合计", "2人"]]
    path = office.write_xlsx(tmp_path / "花名册.xlsx", grid)
    report, source = run(registry, path)
    m = source.layout.mapping()
    assert (m["G"], m["H"], m["K"], m["L"]) == ("father.name", "father.status", "guardian.guardian_name",
                                                "guardian.relation")
    assert [r.row for r in report.rows] == [2, 5]  # blank rows and the 合计 row skipped
    assert report.summary()["new"] == 2 and report.summary()["rejected"] == 0
    assert {s for (s,) in registry.conn.execute("SELECT status FROM family_member")} == {"外出务工", "在家"}
    assert {s for (s,) in registry.conn.execute("SELECT living_arrangement FROM child")} == {"与祖辈同住"}
    assert {s for (s,) in registry.conn.execute("SELECT relation FROM entrustment")} == {"祖母"}


ERROR_ROWS: list[tuple[dict[str, Any], str, str]] = [
    ({"身份证号": "210213201503041253"}, "F", "校验位错误"),
    ({"性别": "男", "身份证号": None}, "F", "性别"),  # filled below with a female number
    ({"出生日期": "2015.2.30"}, "E", "日期不存在"),
    ({"出生日期": "去年春天"}, "E", "无法识别为日期"),
    ({"就学情况": "读书"}, "H", "不是可选的值"),
    ({"是否寄宿": "偶尔"}, "I", "是/否"),
    ({"父亲联系电话": "12345"}, "M", "电话号码"),
    ({"民族": "火星族"}, "D", "不是可选的值"),
    ({"姓名": ""}, "B", "必填"),
    ({"出生日期": "2008-01-01", "身份证号": None}, "E", "已满16周岁"),
]


def test_a_row_per_error_kind_is_reported_in_chinese_and_nothing_is_guessed(registry: Registry,
                                                                             tmp_path: Path):
    rows = []
    for k, (over, _col, _text) in enumerate(ERROR_ROWS, start=1):
        r = office.child_row(k, **{key: v for key, v in over.items() if v is not None})
        if "身份证号" in over and over["身份证号"] is None:
            if "性别" in over:
                r[5] = office.child_id(k, office.child_birth(k), "女")
            else:
                r[5] = ""
        rows.append(r)
    rows.append(office.child_row(50))
    rows.append(office.child_row(51))
    rows[-1][5] = rows[-2][5]  # the same ID number twice in the file
    rows.append(office.child_row(60))  # one good row
    before = audit_count(registry)
    path = national_xlsx(tmp_path, rows)
    report, _ = run(registry, path, dry_run=True)
    assert audit_count(registry) == before and count(registry, "child") == 0  # a dry run writes nothing
    by_row = {r.row: r for r in report.rows}
    for k, (_over, col, text) in enumerate(ERROR_ROWS):
        item = by_row[4 + k]
        assert item.action == "rejected", (k, item)
        assert any(p.column == col and text in p.problem for p in item.problems), (k, item.problems)
        assert all(p.text().startswith(f"第{4 + k}行") for p in item.problems)
    dup = [by_row[4 + len(ERROR_ROWS)], by_row[5 + len(ERROR_ROWS)]]
    assert all(r.action == "rejected" and any("重复" in p.problem for p in r.problems) for r in dup)
    assert by_row[6 + len(ERROR_ROWS)].action == "new"
    lines = rep.row_lines(report)
    assert any("校验位错误" in line and "核对" in line for line in lines)  # with a suggestion
    report, _ = run(registry, path)
    assert count(registry, "child") == 1  # the valid row only, the others reported


def test_an_id_number_excel_stored_as_a_number_is_an_error(registry: Registry, tmp_path: Path):
    r = office.child_row(1)
    r[5] = float(r[5])  # Excel keeps 15 significant digits: the last ones are gone
    report, _ = run(registry, national_xlsx(tmp_path, [r]), dry_run=True)
    assert "已丢失" in report.rows[0].problems[0].problem


def test_rejected_rows_workbook_fixed_imports_again(registry: Registry, tmp_path: Path):
    good = office.child_row(1)
    bad = office.child_row(2, 出生日期="2015.2.30")
    path = national_xlsx(tmp_path, [good, bad])
    report, source = run(registry, path)
    assert report.summary()["new"] == 1 and report.summary()["rejected"] == 1
    out = rep.write_rejected(report, source.header_rows, tmp_path / "未导入.xlsx")
    wb = load_workbook(out)  # re-read by a real reader
    ws = wb.active
    assert ws.cell(1, 1).value == "问题"
    assert "日期不存在" in ws.cell(3, 1).value and "原第5行 E列" in ws.cell(3, 1).value
    assert ws.cell(3, 3).value == bad[1]  # the row as it was, shifted by the 问题 column
    assert ws.cell(3, 12).value == bad[10]  # ID number kept as text
    ws.cell(3, 6).value = office.child_birth(2).isoformat()  # the officer fixes the date
    wb.save(out)
    again, src2 = run(registry, out)
    assert src2.layout.mapping()["A"] is None  # 问题 is not a field
    assert again.summary()["new"] == 1 and again.summary()["rejected"] == 0
    assert count(registry, "child") == 2


def test_reimport_changes_nothing_and_a_corrected_file_updates_showing_what_changes(
        registry: Registry, tmp_path: Path):
    rows = [office.child_row(n) for n in range(1, 4)]
    path = national_xlsx(tmp_path, rows)
    run(registry, path)
    before = audit_count(registry)
    again, _ = run(registry, path)
    assert again.summary()["unchanged"] == 3 and again.summary()["new"] == 0
    assert count(registry, "child") == 3 and count(registry, "family_member") == 6
    assert audit_count(registry) == before + 1  # only the import's own summary event
    rows[1][6] = "大李家村9组新址"
    rows[1][12] = "13900000999"
    path2 = national_xlsx(tmp_path, rows, "台账-改.xlsx")
    dry, _ = run(registry, path2, dry_run=True)
    upd = [r for r in dry.rows if r.action == "update"]
    assert len(upd) == 1
    assert upd[0].changes["现居住地"][1] == "大李家村9组新址"
    assert upd[0].changes["父亲联系电话"] == [f"139{2:08d}", "13900000999"]
    done, _ = run(registry, path2)
    assert done.summary()["update"] == 1 and count(registry, "child") == 3
    child_id = registry.search(office.name_of(2))[0]["id"]
    assert registry.get("child", child_id)["residence"] == "大李家村9组新址"
    ev = registry.conn.execute("SELECT detail FROM audit_event WHERE action = 'record.update' "
                               "ORDER BY seq DESC LIMIT 1").fetchone()[0]
    assert json.loads(ev)["row"] == 5


def test_match_without_id_number_by_name_birth_and_parents(registry: Registry, tmp_path: Path):
    head = ["姓名", "性别", "出生日期", "身份证号", "是否登记户口", "现居住地", "就学情况", "居住情况",
            "父亲姓名", "母亲姓名"]
    grid = [head, ["王无户", "男", "2016-05-01", "", "否", "大李家村1组", "小学", "与祖辈同住", "王大", "李二"]]
    path = office.write_xlsx(tmp_path / "无户籍.xlsx", grid)
    first, _ = run(registry, path)
    assert first.summary()["new"] == 1
    assert [r for (r,) in registry.conn.execute("SELECT reason FROM priority_flag")] == ["无户籍"]
    again, _ = run(registry, path)
    assert again.summary()["unchanged"] == 1 and count(registry, "child") == 1
    grid[1][9] = "李三"  # another mother: another child
    other, _ = run(registry, office.write_xlsx(tmp_path / "无户籍2.xlsx", grid))
    assert other.summary()["new"] == 1


def test_cancel_writes_nothing(registry: Registry, tmp_path: Path):
    path = national_xlsx(tmp_path, [office.child_row(n) for n in range(1, 30)])
    cancel = threading.Event()
    cancel.set()
    before = audit_count(registry)
    with pytest.raises(service.Cancelled):
        run(registry, path, cancel=cancel)
    assert count(registry, "child") == 0 and audit_count(registry) == before


def test_a_failure_mid_import_rolls_back_every_row(registry: Registry, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch):
    path = national_xlsx(tmp_path, [office.child_row(n) for n in range(1, 1200)])
    calls = {"n": 0}
    real = service._Batch.flush

    def flaky(self: Any, reg: Registry, audit: Any, report: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk")
        return real(self, reg, audit, report)

    monkeypatch.setattr(service._Batch, "flush", flaky)
    with pytest.raises(OSError):
        run(registry, path)
    assert count(registry, "child") == 0  # the first 500 rows written were rolled back


def test_mapping_corrected_is_saved_and_offered_for_the_same_shape(registry: Registry, tmp_path: Path):
    path = national_xlsx(tmp_path, [office.child_row(1)])
    source = open_source(path)
    layout = source.layout.with_mapping({"U": None, "备注": None}, "file")
    source.close()
    service.save_mapping(registry, layout)
    other = national_xlsx(tmp_path, [office.child_row(2)], "另一个月.xlsx")
    src2 = open_source(other)
    assert src2.layout.signature() == layout.signature()
    saved = service.saved_mapping(registry, src2.layout.signature())
    src2.close()
    assert saved is not None and saved["U"] is None and saved["J"] == "father.name"


def test_a_mapping_naming_an_unknown_field_or_column_is_refused(tmp_path: Path):
    path = national_xlsx(tmp_path, [office.child_row(1)])
    source = open_source(path)
    try:
        with pytest.raises(UserError, match="不是可导入的字段"):
            source.layout.with_mapping({"B": "child.shoe_size"}, "file")
        with pytest.raises(UserError, match="找不到"):
            source.layout.with_mapping({"鞋码": "child.name"}, "file")
    finally:
        source.close()


def test_not_a_spreadsheet_is_a_clear_message(tmp_path: Path):
    p = tmp_path / "x.xlsx"
    p.write_bytes(b"not a zip")
    with pytest.raises(UserError, match="无法读取表格文件"):
        open_source(p)
    q = tmp_path / "x.csv"
    q.write_text("a,b\n1,2\n", "utf-8")
    with pytest.raises(UserError, match="没有找到表头"):
        open_source(q)


@pytest.mark.slow
def test_an_ods_saved_by_libreoffice_imports_the_same(registry: Registry, tmp_path: Path):
    """The national-layout workbook saved again by LibreOffice as .ods (.xls files are made
    by xlwt above): merged header, title row, the same children."""
    import subprocess

    rows = [office.child_row(n) for n in range(1, 4)]
    src = national_xlsx(tmp_path, rows, "原表.xlsx")
    out, fmt = tmp_path / "lo", "ods"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), str(src)], check=True, capture_output=True,
                   timeout=180)
    converted = out / f"原表.{fmt}"
    report, source = run(registry, converted, sheet="台账")
    assert source.layout.mapping()["K"] == "father.id_number"
    assert report.summary()["new"] == 3 and report.summary()["rejected"] == 0
    assert {n for (n,) in registry.conn.execute("SELECT name FROM child")} == {office.name_of(n) for n in (1, 2, 3)}


def test_a_child_living_alone_is_flagged_and_the_report_asks_for_a_mandatory_report(
        registry: Registry, tmp_path: Path):
    head = ["姓名", "身份证号", "现居住地", "就学情况", "居住情况"]
    r1, r2 = office.child_row(2000), office.child_row(2001)
    grid = [head, [r1[1], r1[5], r1[6], "小学", "独居"], [r2[1], r2[5], r2[6], "小学", "与祖辈同住"]]
    report, _ = run(registry, office.write_xlsx(tmp_path / "独居.xlsx", grid))
    assert report.summary()["new"] == 2
    assert [(row, name) for row, name, _ in report.report_prompts] == [(2, r1[1])]
    assert "强制报告" in rep.summary_text(report) and f"第2行{r1[1]}" in rep.summary_text(report)
    flags = registry.conn.execute("SELECT c.name, f.reason FROM priority_flag f JOIN child c ON c.id = f.child_id"
                                  ).fetchall()
    assert flags == [(r1[1], "无人监护")]
