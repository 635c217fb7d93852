"""End to end on a real store: first run → unlock → register a child → visit → family and
entrustment → raise and close a flag → workbench and registry follow → lock/unlock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard
from pytestqt.qtbot import QtBot

from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.search import ChildFilter
from leftbehind_desktop.ui.app import AppController
from leftbehind_desktop.ui.childfile_page import ChildFilePage
from leftbehind_desktop.ui.formdialog import FormDialog
from leftbehind_desktop.ui.mainwindow import MainWindow

from .conftest import wait_until
from .helpers import click_yes, fill, fill_unit_page, message_boxes

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

PASS = "春天 大李家村 2026"
TODAY = date.today()


def first_run(qtbot: QtBot, store_dir: Path, tmp_path: Path) -> AppController:
    ctl = AppController(store_dir, kdf=KdfParams.fast())
    ctl.start()
    wiz = ctl.wizard
    assert wiz is not None and wiz.isVisible()
    fill_unit_page(wiz, code="210213001000")  # a street code for a village role
    assert wiz.currentPage() is wiz.unit_page
    assert "不一致" in wiz.unit_page.error.text()
    wiz.unit_page.code.setText("210213001001")
    wiz.next()
    assert wiz.currentPage() is wiz.pass_page
    wiz.pass_page.passphrase.setText(PASS)
    wiz.pass_page.confirm.setText(PASS + "x")
    wiz.next()
    assert wiz.pass_page.error.text() == "两次输入的密码不一致"
    wiz.pass_page.confirm.setText(PASS)
    assert "强" in wiz.pass_page.meter.label.text()
    wiz.next()
    assert wiz.currentPage() is wiz.recovery_page
    key = wiz.recovery_key
    assert len(key.split("-")) == 8
    assert not wiz.button(QWizard.WizardButton.FinishButton).isEnabled()
    wiz.recovery_page.save_to(tmp_path / "恢复密钥.txt")
    assert key in (tmp_path / "恢复密钥.txt").read_text("utf-8")
    wiz.recovery_page.done.setChecked(True)
    wiz.button(QWizard.WizardButton.FinishButton).click()
    assert ctl.window is not None and ctl.session.is_open
    return ctl


def first_window(qtbot: QtBot, tmp_path: Path) -> tuple[AppController, MainWindow]:
    """The first-run wizard completed for a store in ``tmp_path / "store"``: its main window."""
    ctl = first_run(qtbot, tmp_path / "store", tmp_path)
    win = ctl.window
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    return ctl, win


def save(dlg: FormDialog) -> None:
    dlg.save_button.click()
    assert not dlg.isVisible(), dlg.status.text()


def test_officer_day(qtbot: QtBot, tmp_path: Path) -> None:
    ctl, win = first_window(qtbot, tmp_path)
    assert "大李家村" in win.unit_label.text() and "刘淑华" in win.unit_label.text()
    assert "角色：村" in win.unit_label.text()

    # lock right away, then unlock: a wrong passphrase keeps the dialog open
    win.lock()
    dlg = win.unlock_dialog
    assert dlg is not None and not ctl.session.is_open
    dlg.passphrase.setText("wrong passphrase")
    dlg.unlock_button.click()
    wait_until(lambda: not dlg.busy)
    assert "密码" in dlg.status.text() and dlg.isVisible()
    dlg.passphrase.setText(PASS)
    dlg.unlock_button.click()
    wait_until(lambda: ctl.session.is_open)
    wait_until(lambda: win.workbench.workbench is not None)

    # register a child (Chinese through setText)
    form = win.new_child()
    fill(form, {"name": "王小红", "id_number": "210213201503041262", "residence": "大李家村3组12号",
                "schooling": "小学", "school_name": "大李家小学",
                "living_arrangement": "与祖辈同住"})
    # the ID number filled in birth date and sex
    assert form.form.values()["birth_date"] == "2015-03-04"
    assert form.form.values()["sex"] == "女"
    assert form.form.field_editor("boarding").widget.isVisibleTo(form)  # show_if
    save(form)
    page = win.current_child()
    assert isinstance(page, ChildFilePage)
    cid = page.child_id
    assert page.file["child"]["name"] == "王小红"
    assert win.registry.model.rowCount() == 1
    assert win.registry.count.text() == "共 1 名儿童"
    win.workbench.refresh()
    wait_until(lambda: not win.workbench.loading)
    assert [d.child_id for d in win.workbench.workbench.due] == [cid]  # never visited

    # record a visit → no longer due
    visit = page.act("visit")
    assert visit is not None
    assert visit.form.values()["visitor"] == "刘淑华"
    visit_day = visit.form.values()["visit_date"]  # the form's default: today
    fill(visit, {"findings": "孩子在家写作业，祖母身体尚可。"})
    save(visit)
    assert page.tables["visit"].table.rowCount() == 1
    win.workbench.refresh()
    wait_until(lambda: not win.workbench.loading)
    assert cid not in [d.child_id for d in win.workbench.workbench.due]
    assert visit_day in (TODAY.isoformat(), date.today().isoformat())
    assert win.registry.model.data(win.registry.model.index(0, 10)) == visit_day

    # both parents away → needs an entrustment (R3) → add one → resolved
    for relation, name in (("父亲", "王大军"), ("母亲", "李秀英")):
        fm = page.act("family_member")
        assert fm is not None
        fill(fm, {"relation": relation, "name": name, "status": "外出务工",
                  "work_province": "广东省", "work_city": "深圳市", "phone": "13812345678"})
        save(fm)
    win.workbench.refresh()
    wait_until(lambda: not win.workbench.loading)
    assert [e["child_id"] for e in win.workbench.workbench.needs_entrustment] == [cid]
    assert win.workbench.entrust.table.item(0, 0).text() == "王小红"
    ent = page.act("entrustment")
    assert ent is not None
    fill(ent, {"guardian_name": "王秀兰", "relation": "祖母",
               "guardian_birth_date": "1958-05-06", "guardian_phone": "13912345678",
               "has_capacity": True})
    save(ent)
    win.workbench.refresh()
    wait_until(lambda: not win.workbench.loading)
    assert win.workbench.workbench.needs_entrustment == []

    # raise a flag by hand → workbench and registry filter show it; close it with a reason
    flag = page.act("priority_flag")
    assert flag is not None
    fill(flag, {"reason": "其他", "detail": "家中老人近期住院"})
    save(flag)
    assert "重点对象：其他" in page.header.text()
    win.workbench.refresh()
    wait_until(lambda: not win.workbench.loading)
    assert [p["child_id"] for p in win.workbench.workbench.priority] == [cid]
    win.registry.flag.setCurrentIndex(win.registry.flag.findData("*"))
    assert win.registry.model.ids == [cid]
    page.tables["priority_flag"].table.selectRow(0)
    close = page.close_selected_flag()
    assert close is not None
    assert close.form.field_editor("close_reason").widget.isVisibleTo(close)
    close.save_button.click()  # the reason is required
    assert close.isVisible()
    assert close.form.rows["close_reason"].error.text() == "解除原因为必填项"
    fill(close, {"close_reason": "老人已出院，监护恢复正常"})
    save(close)
    assert page.file["priority_flag"][0]["status"] == "已关闭"
    win.registry.apply_filter()
    assert win.registry.model.ids == []
    win.registry.flag.setCurrentIndex(0)
    win.workbench.refresh()
    wait_until(lambda: not win.workbench.loading)
    assert win.workbench.workbench.priority == []
    history = [page.history.item(r, 2).text() for r in range(page.history.rowCount())]
    assert "新增记录 · 入户走访记录" in history and "查看档案 · 儿童基本信息" in history
    assert not any("child" in h or "." in h for h in history)  # words, never codes

    # an unsaved form survives the lock (Ctrl+L)
    pending = page.act("assessment")
    assert pending is not None
    fill(pending, {"notes": "需要心理疏导"})
    pending.activateWindow()
    qtbot.waitUntil(lambda: pending.isActiveWindow())
    qtbot.keyClick(pending.form.field_editor("notes").widget, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier)
    assert not ctl.session.is_open
    assert not pending.isVisible()
    assert win.registry.model.rowCount() == 0 and win.files.count() == 0
    dlg = win.unlock_dialog
    assert dlg is not None
    dlg.passphrase.setText(PASS)
    dlg.unlock_button.click()
    wait_until(lambda: ctl.session.is_open)
    assert pending.isVisible()
    assert pending.form.values()["notes"] == "需要心理疏导"
    pending.form.dirty = False
    pending.reject()

    # data still there
    assert win.registry.model.rowCount() == 1
    page = win.open_child(cid)
    assert page is not None
    assert len(page.file["visit"]) == 1 and len(page.file["entrustment"]) == 1
    assert ctl.session.registry.count_children(ChildFilter()) == 1
    win.close()
    assert not ctl.session.is_open


def test_r2_prompt_and_drafts(qtbot: QtBot, tmp_path: Path) -> None:
    ctl, win = first_window(qtbot, tmp_path)
    form = win.new_child()
    fill(form, {"name": "张小明", "id_number": "210213201503041254", "residence": "大李家村",
                "schooling": "小学", "living_arrangement": "与祖辈同住"})
    save(form)
    page = win.current_child()
    assert page is not None

    # a draft is kept in the store when a form is abandoned by a crash (here: just closed)
    visit = page.act("visit")
    assert visit is not None
    fill(visit, {"living_arrangement": "单独居住", "findings": "祖母住院，孩子独自在家"})
    visit.save_draft()
    assert ctl.session.registry.load_draft(visit.key)
    save(visit)
    assert ctl.session.registry.load_draft(visit.key) is None

    boxes = message_boxes("reportPrompt")
    assert len(boxes) == 1
    assert "单独居住" in boxes[0].text() and "无人监护" in boxes[0].text()
    click_yes(boxes[0])
    report = [w for w in win.findChildren(FormDialog) if w.kind == "mandatory_report" and w.isVisible()]
    assert len(report) == 1
    assert report[0].form.values()["situation"] == "单独居住"
    fill(report[0], {"details": "孩子独自在家三天", "police_unit": "大李家派出所"})
    save(report[0])
    file = ctl.session.registry.child_file(page.child_id)
    assert len(file["mandatory_report"]) == 1
    assert {f["reason"] for f in file["priority_flag"]} == {"无人监护"}

    # Esc on a changed form asks before discarding
    edit = page.act("edit")
    assert edit is not None
    fill(edit, {"residence": "大李家村5组"})
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    ask = message_boxes("askBox")
    assert ask and edit.isVisible()
    click_yes(ask[0])
    assert not edit.isVisible()
    assert ctl.session.registry.get("child", page.child_id)["residence"] == "大李家村"
    win.close()


def test_forgot_passphrase(qtbot: QtBot, tmp_path: Path) -> None:
    ctl = first_run(qtbot, tmp_path / "store", tmp_path)
    key = (tmp_path / "恢复密钥.txt").read_text("utf-8").strip().splitlines()[-1]
    assert ctl.window is not None
    ctl.window.close()
    ctl2 = AppController(tmp_path / "store", kdf=KdfParams.fast())
    ctl2.start()
    dlg = ctl2.unlock
    assert dlg is not None
    dlg.forgot.click()
    assert dlg.stack.currentIndex() == 1
    dlg.recovery.setText("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH")
    dlg.new_pass.setText("新的密码 abc123")
    dlg.confirm.setText("新的密码 abc123")
    dlg.reset_button.click()
    wait_until(lambda: not dlg.busy)
    assert dlg.status.text() and not ctl2.session.is_open
    dlg.recovery.setText(key.lower())
    dlg.reset_button.click()
    wait_until(lambda: ctl2.session.is_open)
    assert ctl2.window is not None
    qtbot.addWidget(ctl2.window)
    ctl2.window.lock()
    again = ctl2.window.unlock_dialog
    assert again is not None
    again.passphrase.setText("新的密码 abc123")
    again.unlock_button.click()
    wait_until(lambda: ctl2.session.is_open)
    ctl2.window.close()


def test_idle_lock(qtbot: QtBot, tmp_path: Path) -> None:
    ctl, win = first_window(qtbot, tmp_path)
    now = [1000.0]
    win.idle._clock = lambda: now[0]
    win.idle.reset()
    now[0] += 9 * 60
    win.idle.check()
    assert ctl.session.is_open
    now[0] += 2 * 60
    win.idle.check()
    assert not ctl.session.is_open and win.unlock_dialog is not None
    win.unlock_dialog.reject()
    assert not win.isVisible()


def test_demo_mode(qtbot: QtBot) -> None:
    ctl = AppController(Path("unused"), demo_mode=True, demo_children=20)
    ctl.start()
    wait_until(lambda: ctl.session.is_open and ctl.window is not None, 60)
    win = ctl.window
    assert win is not None
    qtbot.addWidget(win)
    assert win.windowTitle().startswith("【演示数据】")
    assert win.findChild(QLabel, "demoBanner") is not None
    assert win.registry.model.rowCount() == 20
    demo_dir = ctl.store_dir
    assert demo_dir.exists()
    win.close()
    assert not demo_dir.exists()  # the demo store goes away with the window
