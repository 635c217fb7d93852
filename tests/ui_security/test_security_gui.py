"""数据安全 in the GUI on real stores: audit viewer (and a tampered event), backup and restore,
change passphrase, rekey, throttle countdown, escrow and escrow reset, quarter-lock amendments
in the child file, 帮助 → 关于."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pyrage
import pytest
from pytestqt.qtbot import QtBot

from leftbehind_desktop.core.dates import quarter_of
from leftbehind_desktop.core.messages import UserError
from leftbehind_desktop.store import throttle
from leftbehind_desktop.store.backup import BACKUP_DIR, list_backups
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.search import ChildFilter
from leftbehind_desktop.store.store import Store
from leftbehind_desktop.ui.about_dialog import AboutDialog
from leftbehind_desktop.ui.mainwindow import NAV_AUDIT, NAV_SECURITY, MainWindow
from leftbehind_desktop.ui.security.keys import REKEY_WORD
from leftbehind_desktop.ui.unlock import UnlockDialog
from tests.conftest import CHILD, PASSPHRASE, STREET
from tests.ui.helpers import click_yes, message_boxes

from .conftest import open_window, wait_jobs, wait_until

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

NEW_PASS = "新的密码 秋天 2026"


def children(win: MainWindow) -> int:
    with win.session.lock:
        return win.session.registry.count_children(ChildFilter(status=None))


def test_audit_viewer_filters_and_detects_a_tampered_event(window: MainWindow) -> None:
    win = window
    reg = win.session.registry
    cid = reg.child_ids(limit=1)[0]
    name = reg.get("child", cid)["name"]
    win.open_child(cid)  # a child.view event
    win.show_page(NAV_AUDIT)
    page = win.audit
    wait_jobs()
    assert page.table.rowCount() > 12
    assert page.table.item(0, 3).text() == "查看档案"
    assert page.table.item(0, 5).text() == name
    assert page.officer.findData("刘淑华") > 0
    words = {page.table.item(r, 3).text() for r in range(page.table.rowCount())}
    assert {"创建数据库", "生成演示数据", "查看档案"} <= words

    page.child.setText(name)
    page.apply_filter()
    wait_jobs()
    assert page.table.rowCount() >= 2
    assert all(page.table.item(r, 5).text() == name for r in range(page.table.rowCount()))
    page.action.setCurrentIndex(page.action.findData("child.view"))
    page.apply_filter()
    wait_jobs()
    assert page.table.rowCount() == 1
    page.clear_filter()
    page.by_date.setChecked(True)
    page.since.setDate(page.since.date().addDays(-3000))
    page.until.setDate(page.since.date().addDays(1))
    page.apply_filter()
    wait_jobs()
    assert page.table.rowCount() == 0 and page.count.text() == "没有符合条件的事件"
    page.clear_filter()
    wait_jobs()
    page.table.selectRow(0)
    assert "查看档案" in page.detail.text()

    page.verify()
    wait_jobs()
    assert page.verify_result.ok
    assert page.verify_label.text().startswith("审计链完整")

    with win.session.lock:
        win.session.store.conn.execute("UPDATE audit_event SET officer = '张三' WHERE seq = 3")
    page.verify()
    wait_jobs()
    assert not page.verify_result.ok and page.verify_result.broken_at == 3
    assert "第 3 条" in page.verify_label.text() and "被修改" in page.verify_label.text()


def test_backup_to_a_folder_then_restore_through_the_gui(window: MainWindow, tmp_path: Path) -> None:
    win = window
    store_dir = win.session.store_dir
    # the daily automatic backup ran after unlock
    assert [p.name[:5] for p in list_backups(store_dir / BACKUP_DIR)] == ["auto-"]
    win.show_page(NAV_SECURITY)
    panel = win.security.backups
    assert panel.table.rowCount() == 1 and panel.table.item(0, 2).text() == "每日自动"
    usb = tmp_path / "usb"
    usb.mkdir()
    panel.backup_to(usb)
    wait_jobs()
    for box in message_boxes():
        box.accept()
    [backup] = list_backups(usb)
    assert children(win) == 12

    with win.session.lock:
        win.session.registry.add("child", dict(CHILD))
    assert children(win) == 13

    secret = panel.restore_from(backup)
    assert secret is not None
    secret.secret.setText(PASSPHRASE)
    secret.accept()
    wait_until(lambda: bool(message_boxes("askBox")))
    [ask] = message_boxes("askBox")
    assert "在册儿童：12 名" in ask.text() and "安全副本" in ask.text()
    click_yes(ask)
    wait_jobs()
    wait_until(lambda: win.session.is_open)
    assert children(win) == 12
    assert win.outer.currentIndex() == 0
    safety = panel.last_safety
    assert safety is not None and safety.exists()
    with Store.open(safety, passphrase=PASSPHRASE) as old:
        assert old.conn.execute("SELECT count(*) FROM child").fetchone()[0] == 13
    for box in message_boxes():
        box.accept()


def test_restore_refuses_a_wrong_passphrase_and_changes_nothing(window: MainWindow,
                                                                tmp_path: Path) -> None:
    win = window
    panel = win.security.backups
    panel.backup_to(tmp_path / "usb")
    wait_jobs()
    for box in message_boxes():
        box.accept()
    [backup] = list_backups(tmp_path / "usb")
    secret = panel.restore_from(backup)
    assert secret is not None
    secret.secret.setText("not the passphrase")
    secret.accept()
    wait_jobs()
    [err] = message_boxes("errorBox")
    assert "密码不正确" in err.text()
    err.accept()
    assert win.session.is_open and not message_boxes("askBox")


def test_change_passphrase(window: MainWindow) -> None:
    win = window
    dlg = win.security.keys.change_passphrase()
    dlg.old.setText("wrong passphrase")
    dlg.new.setText(NEW_PASS)
    dlg.confirm.setText(NEW_PASS)
    assert "强" in dlg.meter.label.text()
    dlg.ok.click()
    wait_jobs()
    assert dlg.isVisible() and "当前密码不正确" in dlg.error.text()
    dlg.old.setText(PASSPHRASE)
    dlg.ok.click()
    wait_jobs()
    assert not dlg.isVisible()
    for box in message_boxes():
        box.accept()
    store_dir = win.session.store_dir
    win.lock()
    unlock = win.unlock_dialog
    assert unlock is not None
    unlock.passphrase.setText(PASSPHRASE)
    unlock.unlock_button.click()
    wait_until(lambda: not unlock.busy)
    assert "密码不正确" in unlock.status.text()
    unlock.passphrase.setText(NEW_PASS)
    unlock.unlock_button.click()
    wait_until(lambda: win.session.is_open)
    assert win.session.store.dir == store_dir


def test_rekey_shows_a_new_recovery_key_that_opens_the_store(window: MainWindow,
                                                            tmp_path: Path) -> None:
    win = window
    store_dir = win.session.store_dir
    dlg = win.security.keys.rekey()
    assert not dlg.ok.isEnabled()
    dlg.passphrase.setText(PASSPHRASE)
    dlg.word.setText(REKEY_WORD)
    assert dlg.ok.isEnabled()
    dlg.ok.click()
    wait_jobs()
    new_key = dlg.view.key.text()
    assert len(new_key.split("-")) == 8 and dlg.shown.isVisible()
    assert dlg.view.save_to(tmp_path / "新恢复密钥.txt")
    assert new_key in (tmp_path / "新恢复密钥.txt").read_text("utf-8")
    dlg.reject()  # not yet confirmed: stays open
    assert dlg.isVisible() and not dlg.finish.isEnabled()
    dlg.saved.setChecked(True)
    dlg.finish.click()
    assert not dlg.isVisible() and dlg.view.key.text() == ""
    assert children(win) == 12
    win.session.close()
    with Store.open(store_dir, recovery_key=new_key) as store:
        assert store.conn.execute("SELECT count(*) FROM child").fetchone()[0] == 12
    with Store.open(store_dir, passphrase=PASSPHRASE):
        pass


def test_throttle_countdown_in_the_unlock_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    win = open_window(qtbot, tmp_path / "store")
    store_dir = win.session.store_dir
    win.session.close()
    now = time.time()
    for _ in range(3):  # three wrong attempts → the next one waits 2 s
        throttle.record_failure(store_dir, now)
    dlg = UnlockDialog(store_dir, kdf=KdfParams.fast())
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.throttled and not dlg.unlock_button.isEnabled()
    assert "秒后再试" in dlg.status.text() and dlg.countdown.isActive()
    dlg.passphrase.setText(PASSPHRASE)
    dlg.unlock()  # refused while the countdown runs
    assert not dlg.busy or dlg.throttled
    wait_until(lambda: dlg.unlock_button.isEnabled(), 5)
    assert dlg.status.text() == "现在可以再试一次。"
    dlg.passphrase.setText("still wrong")
    dlg.unlock_button.click()
    wait_until(lambda: dlg.throttled, 10)  # the 4th failure: 4 s, counted down at once
    assert not dlg.unlock_button.isEnabled() and "秒后再试" in dlg.status.text()
    # the "throttled" refusal from Store.open also starts the countdown
    dlg.wait_until = 0.0
    dlg.countdown.stop()
    dlg._set_busy(False)
    dlg._failed(UserError("throttled", "x", "x", seconds=3))
    assert dlg.throttled and "3 秒" in dlg.status.text()


def test_escrow_to_the_street_then_escrow_reset(qtbot: QtBot, tmp_path: Path) -> None:
    street = open_window(qtbot, tmp_path / "street", role="street", unit=STREET, name="大魏家街道")
    assert street.security.keys.reset_box.isVisibleTo(street.security.keys)
    identity = street.session.store.setting("device_age_identity")
    assert identity is not None
    recipient = str(pyrage.x25519.Identity.from_str(identity).to_public())

    village = open_window(qtbot, tmp_path / "village", children=3)
    keys = village.security.keys
    assert not keys.reset_box.isVisibleTo(keys)
    assert keys.escrow_status.text() == "状态：未设置托管"
    keys.recipient.setText(recipient)
    keys.set_escrow()
    wait_jobs()
    for box in message_boxes():
        box.accept()
    assert keys.escrow_status.text().startswith("状态：已托管")
    village_dir = village.session.store_dir
    village.close()  # the officer forgets everything; the key file goes to the street office

    usb = tmp_path / "usb"
    usb.mkdir()
    shutil.copy(village_dir / "keyslots.json", usb / "keyslots.json")
    dlg = street.security.keys.escrow_reset()
    dlg.path.setText(str(usb / "keyslots.json"))
    dlg.new.setText("临时密码 12345")
    dlg.confirm.setText("临时密码 12345")
    dlg.ok.click()
    wait_jobs()
    assert dlg.error.text().startswith("已设置临时密码"), dlg.error.text()
    shutil.copy(usb / "keyslots.json", village_dir / "keyslots.json")
    with Store.open(village_dir, passphrase="临时密码 12345") as store:
        assert store.conn.execute("SELECT count(*) FROM child").fetchone()[0] == 3


def test_amendment_in_a_locked_quarter_is_shown_in_the_child_file(window: MainWindow) -> None:
    win = window
    reg = win.session.registry
    cid = reg.child_ids(limit=1)[0]
    visit = reg.children_records("visit", cid)[0]
    win.session.store.set_setting("locked_through", quarter_of(win.session.today()))
    reg.update("visit", visit["id"], {"findings": "补充：孩子近期情况稳定。"},
               reason="走访记录漏记内容")
    page = win.open_child(cid)
    assert page is not None
    table = page.tables["visit"].table
    last = table.columnCount() - 1
    assert table.horizontalHeaderItem(last).text() == "更正"
    texts = [table.item(r, last).text() for r in range(table.rowCount())]
    assert "更正：走访记录漏记内容" in texts
    hist = [page.history.item(r, 2).text() + page.history.item(r, 3).text()
            for r in range(page.history.rowCount())]
    assert any(h.startswith("更正") and "走访记录漏记内容" in h for h in hist)
    other = page.tables["priority_flag"].table
    assert other.columnCount() == len(page.tables["priority_flag"].columns)


def test_help_about(window: MainWindow) -> None:
    win = window
    win.about_action.trigger()
    about = win.findChild(AboutDialog)
    assert about is not None and about.isVisible()
    assert str(win.session.store_dir) in about.details.text()
    about.reject()
    assert win.windowTitle() == "农村留守儿童信息台账"


def test_escrow_offers_the_enrolled_parent_office_key(qtbot: QtBot, tmp_path: Path) -> None:
    from leftbehind_desktop.sync import enroll

    street = open_window(qtbot, tmp_path / "street", role="street", unit=STREET, name="大魏家街道")
    village = open_window(qtbot, tmp_path / "village")
    with street.session.lock, village.session.lock:
        s, v = street.session.store, village.session.store
        req = enroll.read_request(s, enroll.make_request(v))
        resp = enroll.approve(s, req, confirm_fingerprint=req.fingerprint)
        r = enroll.read_response(v, resp)
        enroll.accept(v, r, confirm_fingerprint=r.fingerprint)
        identity = s.setting("device_age_identity")
    assert identity is not None
    keys = village.security.keys
    keys.load()
    assert keys.use_parent.isVisibleTo(keys) and "大魏家街道" in keys.use_parent.text()
    keys.use_parent.click()
    assert keys.recipient.text() == str(pyrage.x25519.Identity.from_str(identity).to_public())
    keys.set_escrow()
    wait_jobs()
    for box in message_boxes():
        box.accept()
    assert keys.escrow_status.text().startswith("状态：已托管给大魏家街道")
