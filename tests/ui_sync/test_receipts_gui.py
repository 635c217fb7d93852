"""Receipts (回执) in the GUI, on real stores and packages: the street imports a village
package through 导入数据包 and is told where the receipt went (beside the package); when it
cannot be written there, 另存回执…; the quarter overview follows the receipt; the village
imports it through its own 导入数据包 tab and its workbench shows the last receipt per
quarter — accepted, or refused with the child and the reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from leftbehind_desktop.core.dates import quarter_label
from leftbehind_desktop.sync import package
from leftbehind_desktop.ui.session import Session
from leftbehind_desktop.ui.sync.common import last_finished_quarter
from leftbehind_desktop.ui.sync.import_panel import ImportPanel
from leftbehind_desktop.ui.workbench_page import WorkbenchPage
from tests.sync.helpers import Office
from tests.sync.test_receipts import _invalid_package

from .conftest import VILLAGE_A, screens_for, wait_jobs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

PERIOD = last_finished_quarter(date.today())


def import_through(panel: ImportPanel, path: Path) -> None:
    panel.file.set_path(path)
    panel.import_button.click()
    wait_jobs()


def workbench_text(qtbot: QtBot, o: Office) -> str:
    session = Session(o.dir)
    session.attach(o.store)
    page = WorkbenchPage(session)
    qtbot.addWidget(page)
    return page._package_text(o.reg.today())


def test_receipt_written_beside_the_package_then_imported_by_the_village(
        qtbot: QtBot, offices: dict[str, Office], tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    stick = tmp_path / "U盘"
    stick.mkdir()
    sent = package.export_package(a.store, PERIOD, stick / "大李家村.lbpkg")
    assert "回执" in workbench_text(qtbot, a) and "未收到回执" in workbench_text(qtbot, a)

    s = screens_for(qtbot, street)
    panel = s.show_tab("import")
    assert isinstance(panel, ImportPanel)
    import_through(panel, sent.path)
    beside = stick / "大李家村-回执.lbpkg"
    assert panel.banner.level == "ok" and beside.exists()
    assert panel.receipt_box.isVisible()
    status = panel.receipt_text.text()
    total = sum(sent.record_counts.values())
    assert f"已写到：{beside}" in status and f"大魏家街道已接收 {total} 条" in status
    assert panel.save_receipt.isEnabled()

    ov = s.show_tab("overview")
    assert s.overview is not None and ov is s.overview
    s.overview.period.setCurrentIndex(s.overview.period.findData(PERIOD))
    s.overview.refresh()
    col = s.overview.table.columnCount() - 1
    assert s.overview.table.horizontalHeaderItem(col).text() == "回执"
    row = [r.unit_code for r in s.overview.rows].index(VILLAGE_A)
    assert s.overview.table.item(row, col).text() == "已写出待确认"

    # the village: its own 导入数据包 tab takes the receipt; nothing in its registry changes
    v = screens_for(qtbot, a)
    vpanel = v.show_tab("import")
    assert isinstance(vpanel, ImportPanel) and vpanel is not v.restore_import
    import_through(vpanel, beside)
    assert vpanel.banner.level == "ok" and "大魏家街道已接收" in vpanel.banner.text()
    assert not vpanel.receipt_box.isVisible()  # no receipt answers a receipt
    text = workbench_text(qtbot, a)
    assert f"回执（{quarter_label(PERIOD)}）：大魏家街道已接收 {total} 条" in text
    assert "未收到回执" not in text


def test_refused_package_and_a_stick_that_cannot_take_the_receipt(
        qtbot: QtBot, offices: dict[str, Office], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    a, street = offices["a"], offices["street"]
    sent = package.export_package(a.store, PERIOD, tmp_path / "good.lbpkg")
    bad = tmp_path / "bad.lbpkg"
    bad.write_bytes(_invalid_package(a, street, sent.path.read_bytes()))
    s = screens_for(qtbot, street)
    panel = s.show_tab("import")
    assert isinstance(panel, ImportPanel)
    import_through(panel, bad)
    assert panel.banner.level == "bad" and "本次没有修改任何数据" in panel.banner.text()
    assert "退回了数据包：退回 1 条" in panel.receipt_text.text()
    refusal = tmp_path / "bad-回执.lbpkg"
    assert refusal.exists()

    # the village sees the refusal with the child's name and the reason, in red
    v = screens_for(qtbot, a)
    vpanel = v.show_tab("import")
    assert isinstance(vpanel, ImportPanel)
    import_through(vpanel, refusal)
    assert "退回了数据包" in vpanel.banner.text() and "请修改这些记录后重新导出" in vpanel.banner.text()
    assert "· " in vpanel.banner.text() and "性别" in vpanel.banner.text()
    text = workbench_text(qtbot, a)
    assert "退回了数据包" in text and "color:" in text and "性别" in text
    names = [str(r[0]) for r in a.store.conn.execute("SELECT name FROM child")]
    assert any(n in text for n in names) and any(n in vpanel.banner.text() for n in names)

    # the genuine package, where its receipt cannot be written (the name is taken by a folder)
    (tmp_path / "good-回执.lbpkg").mkdir()
    import_through(panel, sent.path)
    assert panel.banner.level == "ok"  # the import stands
    assert "无法把回执写到" in panel.receipt_text.text()
    target = tmp_path / "elsewhere.lbpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kw: (str(target), "")))
    panel.save_receipt.click()
    assert target.exists() and f"已写到：{target}" in panel.receipt_text.text()
    import_through(vpanel, target)
    assert "已接收" in workbench_text(qtbot, a).split("回执（")[1]


def test_overview_saves_a_receipt_never_written(
        qtbot: QtBot, offices: dict[str, Office], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    a, street = offices["a"], offices["street"]
    sent = package.export_package(a.store, PERIOD, tmp_path / "a.lbpkg")
    (tmp_path / "a-回执.lbpkg").mkdir()  # the stick cannot take it
    s = screens_for(qtbot, street)
    panel = s.show_tab("import")
    assert isinstance(panel, ImportPanel)
    import_through(panel, sent.path)
    assert "无法把回执写到" in panel.receipt_text.text() and "季度总览" in panel.receipt_text.text()
    s.show_tab("overview")
    ov = s.overview
    assert ov is not None
    ov.period.setCurrentIndex(ov.period.findData(PERIOD))
    ov.refresh()
    col = ov.table.columnCount() - 1
    row = [r.unit_code for r in ov.rows].index(VILLAGE_A)
    assert ov.table.item(row, col).text() == "已生成未写出"
    assert "回执尚未确认 1" in ov.summary.text()
    ov.table.selectRow(row)
    assert ov.save_receipt.isEnabled()
    target = tmp_path / "later.lbpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kw: (str(target), "")))
    ov.save_receipt.click()
    assert target.exists() and str(target) in ov.banner.text()
    row = [r.unit_code for r in ov.rows].index(VILLAGE_A)
    assert ov.table.item(row, col).text() == "已写出待确认"
    # the village imports it; its next quarter's package acknowledges it
    package.import_package(a.store, target)
    year, q = int(PERIOD[:4]), int(PERIOD[5])
    following = f"{year + q // 4}Q{q % 4 + 1}"
    import_through(panel, package.export_package(a.store, following, tmp_path / "a2.lbpkg").path)
    ov.refresh()
    row = [r.unit_code for r in ov.rows].index(VILLAGE_A)
    assert ov.table.item(row, col).text() == "已确认"
    assert "回执尚未确认" not in ov.summary.text()
