"""What every GUI test package shares: offscreen Qt, QSettings in the test's tmp dir, the
Chinese UI, and waiting for the event loop."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog

from leftbehind_desktop.ui import i18n
from leftbehind_desktop.ui.app import make_app


@pytest.fixture(autouse=True)
def ui_settings(tmp_path: Path, qapp: QApplication) -> Iterator[None]:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    make_app(["test"], "zh")
    yield
    i18n.set_current("zh")
    # a dialog a test left open (a message box it did not answer) must not be the next
    # test's: with the suite spread over processes, any test may come next
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QDialog) and w.isVisible():
            w.hide()
            w.deleteLater()


def wait_until(cond: Callable[[], bool], timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise AssertionError("condition not reached in time")
        QApplication.processEvents()
        time.sleep(0.005)
