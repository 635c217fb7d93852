"""数据交换 GUI fixtures: offscreen Qt, QSettings in a tmp dir, the Chinese UI, and real
offices (SQLCipher stores in tmp dirs) enrolled with each other through the sync API."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from leftbehind_desktop.ui import jobs
from leftbehind_desktop.ui.session import Session
from leftbehind_desktop.ui.sync import SyncScreens
from tests.sync.helpers import VILLAGE_A as VILLAGE_A
from tests.sync.helpers import VILLAGE_B as VILLAGE_B
from tests.sync.helpers import Office, close_all, street_world
from tests.ui_support import ui_settings, wait_until  # noqa: F401  (shared fixtures)


def wait_jobs() -> None:
    wait_until(lambda: not jobs.running(include_background=True))
    for _ in range(5):
        QApplication.processEvents()


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[dict[str, Office]]:
    o = street_world(tmp_path, (8, 6))
    yield o
    wait_jobs()
    close_all(o)


def screens_for(qtbot: QtBot, o: Office) -> SyncScreens:
    """The 数据交换 screens of an office, on an open session (as the main window has it)."""
    session = Session(o.dir)
    session.attach(o.store)
    s = SyncScreens(session)
    qtbot.addWidget(s)
    s.resize(1366, 740)
    s.show()
    return s
