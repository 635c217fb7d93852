"""文件 → 导入已有台账: the wizard end to end (offscreen, pytest-qt) over a real store — the
file and sheet, the mapping corrected by hand, the dry run and its rejected-rows workbook,
the import off the GUI thread, cancel, and the workbench's 待补充 list afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from leftbehind_desktop.core import units
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.ui import jobs
from leftbehind_desktop.ui.session import Session
from leftbehind_desktop.ui.tableimport_wizard import PAGE_CHECK, PAGE_MAPPING, PAGE_RESULT, TableImportWizard
from leftbehind_desktop.ui.workbench_page import WorkbenchPage

from ..conftest import STREET, make_store
from ..tableimport import office
from .conftest import wait_until

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    store, _ = make_store(tmp_path / "store")
    s = Session(tmp_path / "store")
    s._store, s._registry = store, Registry(store)
    yield s
    s._store = s._registry = None
    store.close()


def idle() -> bool:
    return not jobs.running(include_background=True)


def test_wizard_imports_a_national_ledger_with_a_corrected_mapping(qtbot: QtBot, session: Session,
                                                                   tmp_path: Path) -> None:
    rows = [office.child_row(n) for n in range(1, 6)]
    rows.append(office.child_row(6, 出生日期="2015.2.30"))
    grid, merges = office.national_grid(rows)
    path = office.write_xlsx(tmp_path / "大李家村台账.xlsx", grid, merges)
    wiz = TableImportWizard(session)
    qtbot.addWidget(wiz)
    wiz.show()
    page = wiz.file_page
    page.path.set_path(path)
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())][1:] == ["说明", "台账"]
    assert page.isComplete()
    wiz.next()
    assert wiz.currentId() == PAGE_MAPPING
    mapping = wiz.mapping_page
    combos = dict(mapping.combos)
    assert combos["J"].currentData() == "father.name" and combos["B"].currentData() == "child.name"
    assert "自动识别" in mapping.source_label.text()
    combos["U"].setCurrentIndex(0)  # 备注: the officer decides not to import it
    combos["C"].setCurrentIndex(combos["C"].findData("child.name"))  # a mistake: two columns → 姓名
    wiz.next()
    assert wiz.currentId() == PAGE_MAPPING and "多列" in mapping.banner.text()
    combos["C"].setCurrentIndex(combos["C"].findData("child.sex"))
    wiz.next()
    assert wiz.currentId() == PAGE_CHECK
    check = wiz.check_page
    wait_until(lambda: check.done and idle())
    assert "新增5名儿童" in check.summary.text() and "不能导入1行" in check.summary.text()
    assert session.registry.count_children() == 0  # the dry run wrote nothing
    cells = [[check.table.item(r, c).text() for c in range(check.table.columnCount())]
             for r in range(check.table.rowCount())]
    assert ["9", office.name_of(6), "不能导入", "E", "出生日期", "2015.2.30", "日期不存在", "请核对年、月、日"] in cells
    assert "待补充" in check.summary.text() and "居住情况5名" in check.summary.text()
    assert cells[0][2] == "不能导入"  # problems first
    out = tmp_path / "未导入.xlsx"
    check.save_rejected(out)
    assert load_workbook(out).active.cell(3, 1).value.startswith("原第9行 E列 出生日期")
    assert check.isComplete()
    wiz.next()
    assert wiz.currentId() == PAGE_RESULT
    wait_until(lambda: wiz.result_page.done and idle())
    assert "已导入" in wiz.result_page.summary.text() and "未导入（有问题）1行" in wiz.result_page.summary.text()
    assert session.registry.count_children() == 5
    # the corrected mapping is saved: the next file of that shape is offered it
    wiz2 = TableImportWizard(session)
    qtbot.addWidget(wiz2)
    wiz2.show()
    wiz2.file_page.path.set_path(path)
    wiz2.next()
    assert "上次导入" in wiz2.mapping_page.source_label.text()
    assert dict(wiz2.mapping_page.combos)["U"].currentData() is None
    # the workbench lists what to complete at the next visit
    bench = WorkbenchPage(session)
    qtbot.addWidget(bench)
    bench.refresh()
    wait_until(lambda: bench.workbench is not None and idle())
    texts = bench.complete.texts()
    assert len([t for t in texts if t[2] == "儿童基本信息"]) == 5
    assert all("居住情况" in t[3] for t in texts if t[2] == "儿童基本信息")


def test_wizard_import_cancelled_changes_nothing(qtbot: QtBot, session: Session, tmp_path: Path) -> None:
    grid, merges = office.national_grid([office.child_row(n) for n in range(1, 600)])
    path = office.write_xlsx(tmp_path / "大.xlsx", grid, merges)
    wiz = TableImportWizard(session)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.file_page.path.set_path(path)
    wiz.next()
    wiz.next()
    wait_until(lambda: wiz.check_page.done and idle())
    wiz.next()
    assert wiz.worker is not None
    wiz.worker.cancel.set()  # what the progress dialog's 取消 does
    wiz.reject()  # closing while it runs does not abandon the job
    assert wiz.isVisible()
    wait_until(lambda: wiz.result_page.done and idle())
    assert "已取消" in wiz.result_page.summary.text() and "未作任何修改" in wiz.result_page.summary.text()
    assert session.registry.count_children() == 0


def test_a_file_that_is_not_a_ledger_is_refused_on_the_first_page(qtbot: QtBot, session: Session,
                                                                   tmp_path: Path) -> None:
    path = office.write_xlsx(tmp_path / "工资表.xlsx", [["月份", "金额"], ["1月", 3000]])
    wiz = TableImportWizard(session)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.file_page.path.set_path(path)
    wiz.next()
    assert wiz.currentId() == 0 and "没有找到表头" in wiz.file_page.banner.text()
    # the template button writes the national-layout template
    tpl = tmp_path / "模板.xlsx"
    wiz.file_page.save_template(tpl)
    assert load_workbook(tpl)["登记表"]["A1"].value == "农村留守儿童基本情况登记表"
    assert isinstance(wiz.file_page.sheet, QComboBox)


def test_street_office_brings_in_its_villages_then_a_ledger_by_village_name(qtbot: QtBot, tmp_path: Path) -> None:
    store, _ = make_store(tmp_path / "street", role="street", unit=STREET, name="大李家街道")
    session = Session(tmp_path / "street")
    session._store, session._registry = store, Registry(store)
    try:
        wiz = TableImportWizard(session)
        qtbot.addWidget(wiz)
        wiz.show()
        page = wiz.file_page
        assert page.villages.isVisible() and page.unit.isVisible()
        bad = office.write_csv(tmp_path / "村.csv", [["名称", "区划代码"], ["前进村", "2102130010"]], "gbk")
        page.import_villages(bad)
        assert "未导入任何内容" in page.banner.text() and "第2行" in page.banner.text()
        good = office.write_csv(tmp_path / "村2.csv", [["名称", "区划代码"], ["前进村", "210213001002"],
                                                       ["后石村", "210213001003"]], "gbk")
        page.import_villages(good)
        assert "已导入2个" in page.banner.text()
        # the street knows its real villages from the start (R8); the imported names are used
        codes = [page.unit.itemData(i) for i in range(page.unit.count())]
        assert codes[0] is None and codes[1:] == [u.code for u in units.below(STREET)]
        assert Registry(store).unit_name("210213001003") == "后石村"
        head = ["村（社区）", "姓名", "身份证号", "现居住地", "就学情况", "居住情况"]
        r = office.child_row(1)
        path = office.write_xlsx(tmp_path / "街道.xlsx", [head, ["后石", r[1], r[5], r[6], "小学", "与祖辈同住"]])
        page.path.set_path(path)
        wiz.next()
        wiz.next()
        wait_until(lambda: wiz.check_page.done and idle())
        wiz.next()
        wait_until(lambda: wiz.result_page.done and idle())
        assert session.registry.search(r[1])[0]["unit_code"] == "210213001003"  # 后石 → 后石村
    finally:
        session._store = session._registry = None
        store.close()
