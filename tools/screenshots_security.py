"""The 数据安全 screens for ``tools/screenshots.py``: the audit viewer (after 校验审计链), the
数据安全 page with automatic backups, the new recovery key after 更换数据密钥, and the unlock
dialog's countdown after repeated wrong passphrases."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from leftbehind_desktop.ui import jobs

if TYPE_CHECKING:
    from leftbehind_desktop.ui.mainwindow import MainWindow

Grab = Callable[[QWidget, Path, str], Path]


def _wait_jobs(timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while jobs.running(include_background=True) and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()


def render(window: MainWindow, out: Path, grab: Grab, passphrase: str) -> list[Path]:
    from leftbehind_desktop.store.backup import auto_backup
    from leftbehind_desktop.ui.mainwindow import NAV_AUDIT, NAV_SECURITY

    shots: list[Path] = []
    session = window.session
    with session.lock:  # a demo session makes none by itself
        auto_backup(session.store, reason="daily")
    window.show_page(NAV_AUDIT)
    _wait_jobs()
    window.audit.table.selectRow(0)
    window.audit.verify()
    _wait_jobs()
    shots.append(grab(window, out, "security-audit"))

    window.show_page(NAV_SECURITY)
    window.security.load()
    shots.append(grab(window, out, "security-data"))

    dlg = window.security.keys.rekey()
    dlg.resize(700, dlg.sizeHint().height())
    shots.append(grab(dlg, out, "security-rekey-confirm"))
    dlg.passphrase.setText(passphrase)
    dlg.word.setText(dlg.word.placeholderText())
    dlg.submit()
    _wait_jobs()
    shots.append(grab(dlg, out, "security-rekey-newkey"))
    dlg.saved.setChecked(True)
    dlg.accept()

    # the unlock dialog after six wrong passphrases (a folder with only the throttle file)
    from leftbehind_desktop.store import throttle
    from leftbehind_desktop.ui.unlock import UnlockDialog

    scratch = Path(tempfile.mkdtemp(prefix="lb-throttle-"))
    for _ in range(6):
        throttle.record_failure(scratch)
    unlock = UnlockDialog(scratch)
    unlock.show()
    shots.append(grab(unlock, out, "security-unlock-throttle"))
    unlock.countdown.stop()
    unlock.hide()
    unlock.deleteLater()
    shutil.rmtree(scratch, ignore_errors=True)
    return shots
