"""Issue 10 §1 on a real main window: every dialog names its default button (or, for forms,
deliberately has none) and no other button takes Enter over when it gets the focus (a focused
"autoDefault" button becomes the dialog's default in Qt: that is how Enter once fell through to
退出程序); closing the window while a job runs cancels it and waits for its thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QPushButton, QWizard
from pytestqt.qtbot import QtBot

from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.ui.about_dialog import AboutDialog
from leftbehind_desktop.ui.export_dialogs import BatchPrintDialog, LedgerDialog
from leftbehind_desktop.ui.firstrun import FirstRunWizard
from leftbehind_desktop.ui.formdialog import FormDialog
from leftbehind_desktop.ui.mainwindow import MainWindow
from leftbehind_desktop.ui.security.backups import RestoreSecretDialog
from leftbehind_desktop.ui.security.keys import ChangePassphraseDialog, EscrowResetDialog, RekeyDialog
from leftbehind_desktop.ui.unlock import UnlockDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def defaults(dlg: QDialog) -> tuple[list[str], list[str]]:
    """(default buttons, other buttons that would take Enter when focused)."""
    wizard = {dlg.button(b) for b in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton,
                                      QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton,
                                      QWizard.WizardButton.CancelButton)} if isinstance(dlg, QWizard) else set()
    buttons = [b for b in dlg.findChildren(QPushButton) if b not in wizard]
    return ([b.text() for b in buttons if b.isDefault()],
            [b.text() for b in buttons if b.autoDefault() and not b.isDefault()])


def test_each_dialog_has_one_named_default_and_no_stray_enter(qtbot: QtBot, window: MainWindow,
                                                              tmp_path: Path) -> None:
    session = window.session
    fast = KdfParams.fast()
    named = {
        "解锁": UnlockDialog(session.store_dir, parent=window),
        "修改密码": ChangePassphraseDialog(session, fast, window),
        "更换数据密钥": RekeyDialog(session, fast, window),
        "设置临时密码": EscrowResetDialog(session, fast, window),
        "校验备份": RestoreSecretDialog({"created_at": "", "unit_code": "210213001001"}, window),
        "关闭": AboutDialog(window, store_dir=session.store_dir),
        "导出": LedgerDialog(session, window),
        "开始打印": BatchPrintDialog(session, window),
    }
    for default, dlg in named.items():
        dlg.show()
        found, stray = defaults(dlg)
        assert found == [default], (type(dlg).__name__, found)
        assert stray == [], (type(dlg).__name__, stray)
        dlg.close()
    form = FormDialog(session, "visit", child_id=None, parent=window)
    form.show()
    assert defaults(form) == ([], [])  # Enter never saves nor discards a form: Ctrl+S / Esc
    form.form.dirty = False
    form.close()
    wiz = FirstRunWizard(tmp_path / "new", fast)
    qtbot.addWidget(wiz)
    wiz.show()
    for _ in range(3):
        assert defaults(wiz)[1] == [], wiz.currentPage()
        wiz.next()


def test_the_recovery_page_makes_its_own_button_the_default(qtbot: QtBot, window: MainWindow) -> None:
    dlg = UnlockDialog(window.session.store_dir, parent=window)
    dlg.show()
    dlg.forgot.click()
    assert defaults(dlg) == (["重设密码并解锁"], [])
    dlg.back_button.click()
    assert defaults(dlg) == (["解锁"], [])
    dlg.close()


def test_closing_the_window_while_a_job_runs_cancels_and_waits(qtbot: QtBot, window: MainWindow) -> None:
    """Quit (the window's close) while a cancellable job runs: the job is told to stop, the
    window waits for its thread (painting meanwhile) and only then closes the store."""
    import threading
    import time

    from leftbehind_desktop.ui import jobs

    stopped: list[bool] = []
    store_open_when_done: list[bool] = []
    started = threading.Event()

    def work(_p: jobs.Progress, cancel: threading.Event) -> None:
        started.set()
        while not cancel.wait(0.01):
            pass
        time.sleep(0.3)  # winding down takes a moment: the store must stay open meanwhile
        store_open_when_done.append(window.session.is_open)
        stopped.append(True)

    jobs.start(work, lambda _r: None, lambda _e: None, lock=window.session.lock, parent=window,
               title="t", label="t")
    assert started.wait(5)
    window.close()
    assert stopped == [True] and store_open_when_done == [True]
    assert not jobs.running(include_background=True) and not window.session.is_open
