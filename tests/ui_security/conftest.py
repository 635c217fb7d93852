"""数据安全 GUI fixtures: offscreen Qt, QSettings in a tmp dir, the Chinese UI, a main
window on a real SQLCipher store (fast KDF) in a tmp dir."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.ui import jobs
from leftbehind_desktop.ui.mainwindow import MainWindow
from leftbehind_desktop.ui.session import Session
from tests.conftest import fill_demo, make_store
from tests.ui_support import ui_settings, wait_until  # noqa: F401  (shared fixtures)


def wait_jobs(timeout: float = 30.0) -> None:
    wait_until(lambda: not jobs.running(include_background=True), timeout)
    for _ in range(5):
        QApplication.processEvents()


def open_window(qtbot: QtBot, store_dir: Path, children: int = 0, role: str = "village",
                unit: str = "210213001001", name: str = "大李家村") -> MainWindow:
    store, _ = make_store(store_dir, role=role, unit=unit, name=name)
    if children:
        fill_demo(Registry(store), children)
    session = Session(store_dir)
    session.attach(store)
    win = MainWindow(session, kdf=KdfParams.fast())
    win.backup_quiet_s = 0  # the daily backup at once (normally after a minute without input)
    qtbot.addWidget(win)
    win.show()
    win.start()
    wait_jobs()
    return win


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    win = open_window(qtbot, tmp_path / "store", children=12)
    yield win
    wait_jobs()
