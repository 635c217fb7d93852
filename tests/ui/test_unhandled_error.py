"""An error nobody caught is not a silent blank page: the officer gets a message in Chinese
that names the log file, and the log line carries no personal data."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from leftbehind_desktop.ui import logs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's


def test_an_unhandled_error_is_told_and_logged(qtbot: QtBot, tmp_path: Path) -> None:
    log_file = logs.setup_logging(tmp_path)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        seen.append(box.windowTitle() + "|" + box.text())
        box.accept()

    try:
        raise RuntimeError("李思雨 210213201605123023")  # a message carrying personal data
    except RuntimeError as exc:
        logs.excepthook(RuntimeError, exc, exc.__traceback__)
        logs.excepthook(RuntimeError, exc, exc.__traceback__)  # a second one: still one box
    QTimer.singleShot(50, answer)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    qtbot.wait(200)
    assert len(seen) == 1
    assert seen[0].startswith("程序出错|") and str(log_file) in seen[0]
    text = log_file.read_text("utf-8")
    assert "unhandled: RuntimeError" in text
    assert "李思雨" not in text and "210213201605123023" not in text
