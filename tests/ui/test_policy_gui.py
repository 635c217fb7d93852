"""Issue 11 rules as an officer meets them in the GUI: the report prompt for a parent in
prison, the assessment prompt after the report, a locked-quarter visit that asks for a
reason, and the workbench lists (verify at home, out of school, awaiting assessment,
guardianship to consider revoking) with the child-file header."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store
from leftbehind_desktop.ui.mainwindow import NAV_WORKBENCH, MainWindow
from leftbehind_desktop.ui.session import Session

from .conftest import wait_until
from .helpers import click_yes, fill, message_boxes, visible_dialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

PASS = "春天 大李家村 2026"
CHILD = {"name": "王小红", "sex": "女", "birth_date": "2016-03-15", "id_number": "210213201603150028",
         "residence": "大李家村1组", "schooling": "不在学", "living_arrangement": "与祖辈同住"}


def village_store(folder: Path) -> Store:
    store, _ = Store.init(folder, PASS, role="village", unit_code="210213001001",
                          unit_name="大李家村", officer="刘淑华", kdf=KdfParams.fast())
    return store


def main_window(qtbot: QtBot, store: Store, folder: Path) -> MainWindow:
    """The main window on an open store, started as the program starts it."""
    session = Session(folder)
    session.attach(store)
    win = MainWindow(session, kdf=KdfParams.fast())
    qtbot.addWidget(win)
    win.show()
    win.start()
    return win


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, ui_settings: object):
    store = village_store(tmp_path / "s")
    reg = Registry(store)
    cid = reg.add("child", CHILD).record["id"]
    reg.add("family_member", {"relation": "父亲", "name": "王强", "status": "外出务工",
                              "work_province": "广东省"}, child_id=cid)
    reg.add("visit", {"visit_date": "2026-11-28", "visit_type": "电话随访", "visitor": "刘淑华",
                      "living_arrangement": "与其他亲属同住"}, child_id=cid)
    win = main_window(qtbot, store, tmp_path / "s")
    yield win, cid
    win.close()


def test_parent_in_prison_report_then_assessment_then_lock(window, qtbot: QtBot) -> None:
    win, cid = window
    page = win.open_child(cid)
    assert page is not None
    header = page.header.text()
    assert "待入户核实" in header and "与其他亲属同住" in header and "劝返复学进度：待告知学校" in header

    family = page.act("family_member")
    assert family is not None
    fill(family, {"relation": "母亲", "name": "李梅", "status": "服刑", "status_since": "2025-04-01"})
    family.save()
    [prompt] = message_boxes("reportPrompt")
    assert "边排查、边发现、边报告" in prompt.text() and "父母一方外出另一方无监护能力" in prompt.text()
    click_yes(prompt)
    [report] = set(visible_dialogs("mandatory_report"))
    assert report.form.values()["situation"] == "监护人无力履行或怠于履行监护职责"
    fill(report, {"details": "母亲服刑，父亲在外务工", "police_unit": "金州公安分局",
                  "response_measures": ["确定受委托监护人"]})
    report.save()
    [ask] = message_boxes("assessmentPrompt")
    click_yes(ask)
    [assessment] = set(visible_dialogs("assessment"))
    assert "report_ref" not in assessment.form.rows  # linked by the program, not typed
    fill(assessment, {"safety": "一般", "guardianship": "存在风险", "health": "良好"})
    assessment.save()
    file = win.session.registry.child_file(cid)
    [rep] = file["mandatory_report"]
    assert file["assessment"][0]["report_ref"] == rep["id"]
    assert rep["response_measures"] == ["确定受委托监护人"]

    # 2026Q3 locked: a September visit asks for the reason, then saves with it
    win.session.store.set_setting("locked_through", "2026Q3")
    visit = page.act("visit")
    assert visit is not None
    fill(visit, {"visit_date": "2026-09-15"})
    visit.save()
    assert visit.isVisible() and visit.reason.isVisibleTo(visit)
    assert "2026年第3季度" in visit.status.text()
    visit.reason.setText("补录九月入户走访")
    visit.save()
    assert not visit.isVisible()
    visits = win.session.registry.children_records("visit", cid)
    assert any(v["amendment_reason"] == "补录九月入户走访" for v in visits)


def test_workbench_shows_the_new_lists(window, qtbot: QtBot) -> None:
    win, cid = window
    win.show_page(NAV_WORKBENCH)
    wait_until(lambda: not win.workbench.loading and win.workbench.workbench is not None)
    reg = win.session.registry
    reg.add("family_member", {"relation": "母亲", "name": "李梅", "status": "失联",
                              "status_since": "2026-05-01"}, child_id=cid)
    reg.add("mandatory_report", {"situation": "失踪", "details": "未归", "reported_at": "2026-11-30 21:00",
                                 "police_unit": "金州公安分局"}, child_id=cid)
    first = win.workbench.workbench
    win.workbench.refresh()
    wait_until(lambda: not win.workbench.loading and win.workbench.workbench is not first)
    wb = win.workbench
    assert wb.verify.texts()[0][3] == "与其他亲属同住"
    assert wb.dropout.texts()[0][1:3] == ["10岁", "不在学"]
    assert wb.assess.texts()[0][1] == "失踪"
    assert wb.revoke.texts()[0][1:5] == ["母亲", "失联", "2026-05-01", "2026-11-01"]
    assert wb.revoke.title().endswith("（1）")


def test_an_older_store_gets_the_new_rules_flags_at_start(qtbot: QtBot, tmp_path: Path,
                                                          ui_settings: object) -> None:
    store = village_store(tmp_path / "s")
    reg = Registry(store)
    cid = reg.add("child", {**CHILD, "schooling": "小学"}).record["id"]
    with store.transaction():  # as an older program left it: 不在学 at 10 without a flag
        store.conn.execute("UPDATE child SET schooling = '不在学' WHERE id = ?", (cid,))
    store.set_setting("rules_version", "1")
    win = main_window(qtbot, store, tmp_path / "s")
    boxes = message_boxes()
    assert any("补充标记了 1 名儿童" in b.text() for b in boxes)
    flags = reg.children_records("priority_flag", cid)
    assert [f["reason"] for f in flags] == ["失学辍学"] and flags[0]["source"] == "自动"
    for b in boxes:
        b.close()
    win.close()
