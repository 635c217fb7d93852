"""``leftbehind import-table`` / ``import-template`` / ``import-villages`` in process, over a real
store; the template re-read by real readers and imported as filled in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from leftbehind_desktop.cli import main
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store
from leftbehind_desktop.tableimport.template import template_columns

from ..conftest import PASSPHRASE, STREET, make_store
from . import office


@pytest.fixture
def village_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    s, _ = make_store(tmp_path / "store")
    s.close()
    monkeypatch.setenv("LEFTBEHIND_PASSPHRASE", PASSPHRASE)
    return tmp_path / "store"


def cli(store: Path, *args: str) -> int:
    return main(["--store", str(store), *args])


def test_import_table_dry_run_json_then_import_and_rejected_file(village_store: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]):
    grid, merges = office.national_grid([office.child_row(1), office.child_row(2, 性别="男女")])
    path = office.write_xlsx(tmp_path / "台账.xlsx", grid, merges)
    assert cli(village_store, "import-table", str(path), "--dry-run", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["new"] == 1 and out["summary"]["rejected"] == 1
    bad = next(r for r in out["rows"] if r["action"] == "rejected")
    assert bad["problems"][0]["field"] == "性别" and bad["problems"][0]["value"] == "男女"
    assert any(m["column"] == "J" and m["target"] == "father.name" for m in out["mapping"])
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"U": None}), "utf-8")
    rejected = tmp_path / "未导入.xlsx"
    assert cli(village_store, "import-table", str(path), "--mapping", str(mapping),
               "--rejected", str(rejected)) == 0
    text = capsys.readouterr().out
    assert "新增1名儿童" in text and "未导入（有问题）1行" in text and "未导入的行已写入" in text
    assert load_workbook(rejected).active.cell(3, 1).value.startswith("原第5行 C列 性别")
    with Store.open(village_store, PASSPHRASE) as s:
        assert Registry(s).count_children() == 1


def test_import_table_bad_file_is_one_clear_line(village_store: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]):
    p = tmp_path / "x.doc"
    p.write_text("x")
    assert cli(village_store, "import-table", str(p)) == 1
    assert "只能导入" in capsys.readouterr().err


def test_blank_template_has_national_layout_and_drop_downs_and_imports_when_filled(
        village_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "模板.xlsx"
    assert cli(village_store, "import-template", str(path)) == 0
    assert capsys.readouterr().out.strip() == str(path)
    wb = load_workbook(path)
    ws = wb["登记表"]
    assert ws["A1"].value == "农村留守儿童基本情况登记表"
    assert ws.cell(3, 1).value == "姓名" and ws.cell(3, 19).value == "父亲"
    assert ws.cell(4, 19).value == "姓名" and ws.cell(4, 21).value == "身份号码"
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["B5"].startswith("选项!") and lists["O5"] == '"是,否"'  # 性别, 是否寄宿
    assert wb["选项"].sheet_state == "hidden"
    # an office fills two rows (as typed) and imports the template as it is
    cols = template_columns()
    for r, n in ((5, 1), (6, 2)):
        row = office.child_row(n)
        values = {"child.name": row[1], "child.sex": row[2], "child.ethnicity": "汉族",
                  "child.birth_date": row[4], "child.id_number": row[5], "child.residence": row[6],
                  "child.schooling": "小学", "father.name": row[9], "father.status": "外出务工",
                  "father.work_province": "广东省", "mother.name": row[13], "mother.status": "在家",
                  "guardian.guardian_name": row[17], "guardian.relation": "祖母",
                  "guardian.guardian_phone": row[19]}
        for target, v in values.items():
            ws.cell(r, cols.index(target) + 1, v)
    wb.save(path)
    names = CalamineWorkbook.from_path(str(path)).sheet_names
    assert names[0] == "登记表"
    assert cli(village_store, "import-table", str(path), "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["new"] == 2 and out["summary"]["rejected"] == 0
    assert all(m["target"] is not None for m in out["mapping"])  # every column found by itself


def test_street_office_imports_its_villages_then_children_by_village_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    s, _ = make_store(tmp_path / "street", role="street", unit=STREET, name="大李家街道")
    s.close()
    monkeypatch.setenv("LEFTBEHIND_PASSPHRASE", PASSPHRASE)
    store = tmp_path / "street"
    bad = office.write_csv(tmp_path / "村.csv", [["村（社区）名称", "区划代码"], ["前进村", "210213001002"],
                                                 ["外村", "210214001001"]], "gbk")
    assert cli(store, "import-villages", str(bad)) == 1
    assert "不是本单位下辖" in capsys.readouterr().err
    good = office.write_xlsx(tmp_path / "村.xlsx", [["大李家街道村（社区）名单"], ["名称", "区划代码"],
                                                    ["前进村", "210213001002"], ["后石村", "210213001003"]])
    assert cli(store, "import-villages", str(good)) == 0
    assert "已导入2个" in capsys.readouterr().out
    head = ["村（社区）", "姓名", "身份证号", "现居住地", "就学情况", "居住情况"]
    r1, r2 = office.child_row(1), office.child_row(2)
    grid = [head, ["前进村", r1[1], r1[5], r1[6], "小学", "与祖辈同住"],
            ["没有这个村", r2[1], r2[5], r2[6], "小学", "与祖辈同住"]]
    path = office.write_xlsx(tmp_path / "街道台账.xlsx", grid)
    assert cli(store, "import-table", str(path), "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["new"] == 1
    assert "不是本单位辖区内" in out["rows"][-1]["problems"][0]["problem"]
    with Store.open(store, PASSPHRASE) as st:
        reg = Registry(st)
        assert reg.search(r1[1])[0]["unit_code"] == "210213001002"
