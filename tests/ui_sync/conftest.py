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
from tests.conftest import DISTRICT, STREET, fill_demo
from tests.sync.helpers import Office, enroll_pair, office

VILLAGE_A = "210213001001"
VILLAGE_B = "210213001002"


from tests.ui_support import ui_settings, wait_until  # noqa: E402, F401  (shared fixtures)


def wait_jobs() -> None:
    wait_until(lambda: not jobs.running(include_background=True))
    for _ in range(5):
        QApplication.processEvents()


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[dict[str, Office]]:
    o = {
        "district": office(tmp_path, "district", "district", DISTRICT, "金普新区民政局"),
        "street": office(tmp_path, "street", "street", STREET, "大魏家街道"),
        "a": office(tmp_path, "a", "village", VILLAGE_A, "大李家村"),
        "b": office(tmp_path, "b", "village", VILLAGE_B, "前进村"),
    }
    enroll_pair(o["street"], o["district"])
    enroll_pair(o["a"], o["street"])
    enroll_pair(o["b"], o["street"])
    fill_demo(o["a"].reg, 8, seed=1)
    fill_demo(o["b"].reg, 6, seed=2)
    yield o
    wait_jobs()
    for x in o.values():
        x.close()


def screens_for(qtbot: QtBot, o: Office) -> SyncScreens:
    """The 数据交换 screens of an office, on an open session (as the main window has it)."""
    session = Session(o.dir)
    session.attach(o.store)
    s = SyncScreens(session)
    qtbot.addWidget(s)
    s.resize(1366, 740)
    s.show()
    return s
