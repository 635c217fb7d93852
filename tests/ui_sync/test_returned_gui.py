"""退回修改 at the village, on screen: the street's review package imported through the
导入数据包 screen, the workbench's 待修改（街道退回） list with the child, what, the street's
comment and the date; double-click opens the record, 已核实无误… answers with a note; an
edit of the record shows as answered."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from leftbehind_desktop.core.dates import local_date_text
from leftbehind_desktop.core.ids import uuid7
from leftbehind_desktop.store.sync import SyncStore
from leftbehind_desktop.sync import package, returns
from leftbehind_desktop.ui.session import Session
from leftbehind_desktop.ui.workbench_page import AnswerDialog, WorkbenchPage
from tests.sync.helpers import Office
from tests.ui_sync.conftest import VILLAGE_A, screens_for, wait_jobs
from tests.ui_sync.test_sync_gui import PERIOD, import_through_gui

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _returns_file(offices: dict[str, Office], tmp: Path) -> tuple[Path, list[dict[str, Any]]]:
    a, street = offices["a"], offices["street"]
    package.import_package(street.store, package.export_package(a.store, PERIOD, tmp / "a1.lbpkg").path)
    kids = sorted(SyncStore(street.store).iter_records("child", VILLAGE_A), key=lambda r: r["id"])
    items = [{"id": uuid7(), "kind": "child", "record_id": kids[i]["id"], "change": "new",
              "period": PERIOD, "status": "returned", "comment": comment,
              "summary_json": json.dumps([{"field": f, "label_zh": "", "label_en": "",
                                           "before": None, "after": None} for f in fields]),
              "decided_at": "2026-12-01T03:00:00Z", "officer": "王街道"}
             for i, (comment, fields) in enumerate([
                 ("住址缺门牌号，请补全", ["residence"]),
                 ("就学情况与学校名单不符，请核实", ["schooling", "school_name"])])]
    out = returns.export_items(street.store, PERIOD, VILLAGE_A, items, tmp / "退回修改.lbpkg")
    return out.path, items


def test_village_imports_returns_and_answers_them_on_the_workbench(
        qtbot: QtBot, offices: dict[str, Office], tmp_path: Path) -> None:
    a = offices["a"]
    path, items = _returns_file(offices, tmp_path)
    s = screens_for(qtbot, a)
    assert s.importer is not None
    s.importer.file.set_path(path)
    s.importer.check_button.click()
    wait_jobs()
    assert "检查通过" in s.importer.banner.text() and "共2项" in s.importer.banner.text()
    import_through_gui(s.importer, path)
    assert s.importer.banner.level == "ok"
    assert "退回2项待修改" in s.importer.banner.text() and "待修改（街道退回）" in s.importer.banner.text()

    session = Session(a.dir)
    session.attach(a.store)
    page = WorkbenchPage(session)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    page.refresh()
    wait_jobs()
    assert page.returned.isVisible() and page.returned.title() == "待修改（街道退回）（2）"
    rows = {r[2]: r for r in page.returned.texts()}
    first = rows["住址缺门牌号，请补全"]
    name = a.reg.get("child", items[0]["record_id"])["name"]
    assert first[0] == name and first[1] == "儿童基本信息：现居住地"
    assert first[3] == local_date_text("2026-12-01T03:00:00Z") and first[4] == "待修改"
    assert rows["就学情况与学校名单不符，请核实"][1] == "儿童基本信息：就学情况、就读学校"
    if os.environ.get("LEFTBEHIND_SHOT"):
        page.grab().save(os.environ["LEFTBEHIND_SHOT"])

    # double-click: the child file opens on the returned record's form
    row = next(r for r in range(page.returned.table.rowCount())
               if page.returned.table.item(r, 2).text() == "住址缺门牌号，请补全")
    with qtbot.waitSignal(page.action) as sig:
        page.returned.table.doubleClicked.emit(page.returned.table.model().index(row, 0))
    assert sig.args == [f"record:child:{items[0]['record_id']}", items[0]["record_id"]]

    # 已核实无误… on the other one: a note is required, then it is answered
    other = 1 - row
    page.returned.table.selectRow(other)
    action = page.returned.findChild(QPushButton, "returnedListAction")
    assert action is not None
    action.click()
    dialog = page.findChild(AnswerDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.buttons.ok.isEnabled()
    dialog.note.setPlainText("已到学校核实，名单有误，档案无需修改")
    assert dialog.buttons.ok.isEnabled()
    dialog.buttons.ok.click()
    QApplication.processEvents()
    states = {r[2]: r[4] for r in page.returned.texts()}
    assert states["就学情况与学校名单不符，请核实"] == "已核实无误，随下次数据包报送"

    # the officer corrects the address: that one shows as answered by the change
    a.reg.update("child", items[0]["record_id"], {"residence": "大李家村3组12号"},
                 reason="街道退回：补全门牌号")
    page.refresh()
    wait_jobs()
    states = {r[2]: r[4] for r in page.returned.texts()}
    assert states["住址缺门牌号，请补全"] == "已修改，随下次数据包报送"

    # the next quarterly package carries both answers; the list is then empty and hidden
    package.export_package(a.store, PERIOD, tmp_path / "a2.lbpkg")
    page.refresh()
    wait_jobs()
    assert not page.returned.isVisible()
