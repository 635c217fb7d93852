"""退回修改 at the village, on screen: the street's review package imported through the
导入数据包 screen, the workbench's 待修改（街道退回） list with the child, what, the street's
comment and the date; double-click opens the record, 已核实无误… answers with a note; an
edit of the record shows as answered."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from leftbehind_desktop.core.dates import local_date_text
from leftbehind_desktop.store.sync import SyncStore
from leftbehind_desktop.sync import package, review
from leftbehind_desktop.ui.session import Session
from leftbehind_desktop.ui.sync import SyncScreens
from leftbehind_desktop.ui.workbench_page import AnswerDialog, WorkbenchPage
from tests.sync.helpers import Office
from tests.ui_sync.conftest import VILLAGE_A, VILLAGE_B, screens_for, wait_jobs
from tests.ui_sync.test_sync_gui import PERIOD, import_through_gui

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _returns_file(qtbot: QtBot, offices: dict[str, Office], tmp: Path,
                  monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[dict[str, Any]], SyncScreens]:
    """The street returns two of village A's children (record-level review) and makes the
    returns file with the overview's 生成退回修改文件… button."""
    a, street = offices["a"], offices["street"]
    for v in (a, offices["b"]):
        made = package.export_package(v.store, PERIOD, tmp / f"{v.store.unit_code}.lbpkg")
        package.import_package(street.store, made.path)
    kids = sorted((i for i in review.review_items(street.store, PERIOD, VILLAGE_A)
                   if i["kind"] == "child"), key=lambda i: str(i["record_id"]))[:2]
    for item, comment in zip(kids, ["住址缺门牌号，请补全", "就学情况与学校名单不符，请核实"], strict=True):
        review.decide(street.store, item["id"], "return", comment)
        item["comment"] = comment
    s = screens_for(qtbot, street)
    s.open_review(PERIOD, VILLAGE_A)  # as from the overview's 审核…
    panel = s.record_review
    assert panel is not None and panel.unit.currentData() == VILLAGE_A
    assert panel.returns_button.isEnabled()
    asked: list[Path] = []
    target = tmp / "U盘" / "大李家村-退回修改.lbpkg"
    target.parent.mkdir()
    monkeypatch.setattr(panel, "ask_path", lambda start: asked.append(start) or target)
    panel.returns_button.click()
    wait_jobs()
    assert asked and asked[0].name.startswith("大李家村-") and asked[0].suffix == ".lbpkg"
    text = panel.banner.text()
    assert panel.banner.level == "ok" and "退回 2 项" in text and str(target) in text, text
    assert target.exists()
    if os.environ.get("LEFTBEHIND_SHOT"):
        s.grab().save(os.environ["LEFTBEHIND_SHOT"].replace(".png", "-street.png"))
    # a unit with nothing returned: the button is off
    panel.select(PERIOD, VILLAGE_B)
    assert panel.unit.currentData() == VILLAGE_B and not panel.returns_button.isEnabled()
    return target, kids, s


def test_village_imports_returns_and_answers_them_on_the_workbench(
        qtbot: QtBot, offices: dict[str, Office], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    a = offices["a"]
    path, items, street_screens = _returns_file(qtbot, offices, tmp_path, monkeypatch)
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
    rows = {r[4]: r for r in page.returned.texts()}  # by the street's comment
    first = rows["住址缺门牌号，请补全"]
    name = a.reg.get("child", items[0]["record_id"])["name"]
    assert first[0] == name and first[1] == "儿童基本信息（新增）"
    assert first[2] == local_date_text(str(review.review_items(
        offices["street"].store, PERIOD, VILLAGE_A, status="returned")[0]["decided_at"]))
    assert first[3] == "待修改"
    if os.environ.get("LEFTBEHIND_SHOT"):
        page.grab().save(os.environ["LEFTBEHIND_SHOT"])

    # double-click: the child file opens on the returned record's form
    row = next(r for r in range(page.returned.table.rowCount())
               if page.returned.table.item(r, 4).text() == "住址缺门牌号，请补全")
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
    states = {r[4]: r[3] for r in page.returned.texts()}
    assert states["就学情况与学校名单不符，请核实"] == "已核实无误，随下次数据包报送"

    # the officer corrects the address: that one shows as answered by the change
    a.reg.update("child", items[0]["record_id"], {"residence": "大李家村3组12号"},
                 reason="街道退回：补全门牌号")
    page.refresh()
    wait_jobs()
    states = {r[4]: r[3] for r in page.returned.texts()}
    assert states["住址缺门牌号，请补全"] == "已修改，随下次数据包报送"

    # the next quarterly package carries both answers; the list is then empty and hidden
    p2 = package.export_package(a.store, PERIOD, tmp_path / "a2.lbpkg")
    page.refresh()
    wait_jobs()
    assert not page.returned.isVisible()

    # at the street: both back in the queue, the village's answer shown with the item
    package.import_package(offices["street"].store, p2.path)
    panel = street_screens.record_review
    assert panel is not None
    panel.select(PERIOD, VILLAGE_A)
    answered = {str(i["id"]): r for r, i in enumerate(panel.items) if i["status"] == "answered"}
    assert set(answered) == {str(i["id"]) for i in items}
    panel.table.selectRow(answered[str(items[1]["id"])])
    assert "答复：已核实无误：已到学校核实，名单有误，档案无需修改" in panel.decided.text()
    panel.table.selectRow(answered[str(items[0]["id"])])
    assert "答复：已修改" in panel.decided.text()


def test_double_click_in_the_main_window_opens_the_child_file_and_the_record_form(
        qtbot: QtBot, offices: dict[str, Office], tmp_path: Path, ui_settings: object) -> None:
    """The main window's answer to the list's double-click: the child file opens on its
    tab, with the returned record's form to edit (a child: the child form; a flag: its own)."""
    from leftbehind_desktop.store.keyslots import KdfParams
    from leftbehind_desktop.ui.formdialog import FormDialog
    from leftbehind_desktop.ui.mainwindow import MainWindow

    a = offices["a"]
    child_id = next(iter(SyncStore(a.store).iter_records("child")))["id"]
    flag = a.reg.add("priority_flag", {"reason": "失学辍学", "source": "人工",
                                       "opened_on": a.reg.today().isoformat(),
                                       "designated_person": "刘淑华"}, child_id=child_id).record
    session = Session(a.dir)
    session.attach(a.store)
    win = MainWindow(session, kdf=KdfParams.fast())
    qtbot.addWidget(win)
    win.show()
    win.start()
    wait_jobs()
    win.workbench.action.emit(f"record:child:{child_id}", child_id)
    QApplication.processEvents()
    page = win.current_child()
    assert page is not None and page.child_id == child_id
    forms = [d for d in win.findChildren(FormDialog) if d.isVisible()]
    assert [(d.kind, (d.record or {}).get("id")) for d in forms] == [("child", child_id)]
    for d in forms:
        d.reject()
    win.workbench.action.emit(f"record:priority_flag:{flag['id']}", str(flag["child_id"]))
    QApplication.processEvents()
    forms = [d for d in win.findChildren(FormDialog) if d.isVisible()]
    assert [(d.kind, (d.record or {}).get("id")) for d in forms] == [("priority_flag", flag["id"])]
    assert win.current_child() is not None and win.current_child().child_id == flag["child_id"]
    for d in forms:
        d.reject()
    win.close()


def test_a_returned_removal_says_the_file_is_removed_and_how_to_answer(
        qtbot: QtBot, offices: dict[str, Office]) -> None:
    """The street returned the removal (删除) of a child file: the village's double-click in
    待修改（街道退回） cannot open it — it says so and how to answer, with no error and no
    empty file tab."""
    from PySide6.QtWidgets import QMessageBox

    from leftbehind_desktop.ui.mainwindow import MainWindow
    from tests.conftest import CHILD

    a = offices["a"]
    cid = a.reg.add("child", dict(CHILD)).record["id"]
    a.reg.delete("child", cid, reason="重复建档")
    session = Session(a.dir)
    session.attach(a.store)
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    win.workbench_action(f"record:child:{cid}", cid)  # what the list's double-click asks
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert [b.windowTitle() for b in boxes] == ["档案已删除"]
    assert "已核实无误" in boxes[0].text() and "重新登记" in boxes[0].text()
    assert win.files.count() == 0
    boxes[0].accept()
    session._store = None  # the fixture closes the store
