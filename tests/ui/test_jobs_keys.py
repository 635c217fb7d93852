"""Background jobs keep their thread alive until it has finished, quitting waits or cancels,
and Enter/Esc in the unlock dialog mean what a user expects (issue 10 §1). The real-window
tier (tests/realwin) repeats this against the installed program; these run offscreen."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWizard
from pytestqt.qtbot import QtBot

from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.store import Store
from leftbehind_desktop.ui import jobs
from leftbehind_desktop.ui.firstrun import FirstRunWizard
from leftbehind_desktop.ui.unlock import UnlockDialog

from .conftest import wait_until
from .helpers import fill_unit_page

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

PASS = "春天 大李家村 2026"


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "store"
    store, _key = Store.init(directory, PASS, role="village", unit_code="210213001001",
                             unit_name="大李家村", officer="刘淑华", kdf=KdfParams.fast())
    store.close()
    return directory


def test_a_result_arrives_only_after_its_thread_has_finished(qtbot: QtBot) -> None:
    seen: list[tuple[bool, Any]] = []
    worker: list[jobs.Worker] = []

    def work(_p: jobs.Progress, _c: threading.Event) -> int:
        return 42

    def done(value: Any) -> None:
        seen.append((worker[0].isFinished(), value))

    worker.append(jobs.start(work, done, pytest.fail, dialog=False))
    wait_until(lambda: bool(seen), 10)
    assert seen == [(True, 42)]
    assert not jobs.running(include_background=True)


def test_a_result_for_a_deleted_window_is_released_not_delivered(qtbot: QtBot, store_dir: Path) -> None:
    dlg = UnlockDialog(store_dir)
    gate = threading.Event()
    opened: list[Store] = []
    delivered: list[Any] = []

    def work(_p: jobs.Progress, _c: threading.Event) -> Store:
        gate.wait(10)
        store = Store.open(store_dir, passphrase=PASS)
        opened.append(store)
        return store

    jobs.start(work, delivered.append, delivered.append, dialog=False, owner=dlg,
               discard=lambda s: s.close())
    try:
        dlg.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not _valid(dlg)
    finally:
        gate.set()
    wait_until(lambda: not jobs.running(include_background=True), 10)
    QApplication.processEvents()
    assert delivered == [] and len(opened) == 1
    with Store.open(store_dir, passphrase=PASS):  # closed again: the single-instance lock is free
        pass


def _valid(obj: Any) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))


def test_shutdown_cancels_and_waits_for_every_thread(qtbot: QtBot) -> None:
    started = threading.Event()
    stopped: list[float] = []

    def work(_p: jobs.Progress, cancel: threading.Event) -> None:
        started.set()
        while not cancel.wait(0.01):
            pass
        time.sleep(0.2)  # cleaning up after the cancel takes a moment
        stopped.append(time.monotonic())

    w = jobs.start(work, lambda _r: None, lambda _e: None, dialog=False)
    assert started.wait(5)
    jobs.shutdown()
    assert stopped and w.isFinished() and not jobs.running(include_background=True)


def test_enter_in_the_passphrase_box_unlocks_and_never_quits(qtbot: QtBot, store_dir: Path) -> None:
    """The bug: while unlocking, the disabled 解锁 let Enter fall to 退出程序 (exit 134)."""
    dlg = UnlockDialog(store_dir)
    qtbot.addWidget(dlg)
    opened: list[Store] = []
    dlg.unlocked.connect(opened.append)
    rejected: list[bool] = []
    dlg.rejected.connect(lambda: rejected.append(True))
    dlg.show()
    dlg.activateWindow()
    qtbot.waitExposed(dlg)
    assert dlg.unlock_button.isDefault()
    assert [b.objectName() for b in dlg.findChildren(QPushButton) if b.autoDefault()] == []
    dlg.passphrase.setFocus()
    QTest.keyClicks(dlg.passphrase, "wrong passphrase")
    QTest.keyClick(dlg.passphrase, Qt.Key.Key_Return)
    assert dlg.busy and dlg.focusWidget() is dlg.passphrase  # read-only, not disabled: focus stays
    QTest.keyClick(dlg.passphrase, Qt.Key.Key_Return)  # a second Enter while busy: nothing
    wait_until(lambda: not dlg.busy, 10)
    assert not rejected and dlg.isVisible() and "密码" in dlg.status.text()
    dlg.passphrase.setText(PASS)
    QTest.keyClick(dlg.passphrase, Qt.Key.Key_Enter)  # the keypad's Enter too
    wait_until(lambda: bool(opened), 10)
    assert not rejected and not dlg.isVisible()
    opened[0].close()


def test_quit_while_unlocking_waits_and_closes_the_store(qtbot: QtBot, store_dir: Path) -> None:
    dlg = UnlockDialog(store_dir)
    qtbot.addWidget(dlg)
    opened: list[Any] = []
    dlg.unlocked.connect(opened.append)
    dlg.show()
    dlg.passphrase.setText(PASS)
    dlg.unlock()
    dlg.quit_button.click()  # 退出程序 while the worker derives the key
    assert dlg.isVisible() and dlg.quit_pending and "完成后退出" in dlg.status.text()
    wait_until(lambda: not dlg.isVisible(), 10)
    assert dlg.result() == 0 and opened == [] and not jobs.running(include_background=True)
    with Store.open(store_dir, passphrase=PASS):  # the store it opened was closed again
        pass


def test_recovery_page_enter_confirms_and_esc_goes_back(qtbot: QtBot, store_dir: Path) -> None:
    dlg = UnlockDialog(store_dir)
    qtbot.addWidget(dlg)
    rejected: list[bool] = []
    dlg.rejected.connect(lambda: rejected.append(True))
    dlg.show()
    dlg.forgot.click()
    assert dlg.stack.currentIndex() == 1 and dlg.reset_button.isDefault()
    assert not dlg.unlock_button.isDefault()
    QTest.keyClick(dlg.recovery, Qt.Key.Key_Return)  # empty key: a message, nothing else
    assert dlg.status.text() == "请输入恢复密钥" and not dlg.busy
    dlg.recovery.setText("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH")
    dlg.new_pass.setText("新的密码 abc123")
    dlg.confirm.setText("新的密码 abc123")
    QTest.keyClick(dlg.confirm, Qt.Key.Key_Return)
    assert dlg.busy
    wait_until(lambda: not dlg.busy, 10)
    assert dlg.status.text() and dlg.focusWidget() is dlg.recovery and not rejected
    QTest.keyClick(dlg.recovery, Qt.Key.Key_Escape)
    assert dlg.stack.currentIndex() == 0 and dlg.unlock_button.isDefault() and not rejected
    QTest.keyClick(dlg.passphrase, Qt.Key.Key_Escape)
    assert rejected == [True]


def test_the_wizard_keeps_an_unacknowledged_recovery_key_on_screen(qtbot: QtBot, tmp_path: Path) -> None:
    wiz = FirstRunWizard(tmp_path / "store", KdfParams.fast())
    qtbot.addWidget(wiz)
    created: list[Store] = []
    wiz.created.connect(created.append)
    wiz.show()
    fill_unit_page(wiz)
    wiz.pass_page.passphrase.setText(PASS)
    wiz.pass_page.confirm.setText(PASS)
    wiz.next()
    assert wiz.currentPage() is wiz.recovery_page
    assert [b.objectName() for b in wiz.recovery_page.findChildren(QPushButton) if b.autoDefault()] == []
    QTest.keyClick(wiz, Qt.Key.Key_Escape)
    assert wiz.isVisible() and not created  # the key must not vanish unacknowledged
    finish = wiz.button(QWizard.WizardButton.FinishButton)
    assert finish.isDefault() and not finish.isEnabled()
    wiz.recovery_page.done.setChecked(True)
    QTest.keyClick(wiz, Qt.Key.Key_Escape)  # acknowledged: Esc finishes like 完成
    assert not wiz.isVisible() and len(created) == 1
    created[0].close()
