"""The workbench's quarterly package line follows real exports (R6, R10)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from leftbehind_desktop.sync import package
from leftbehind_desktop.ui.session import Session
from leftbehind_desktop.ui.workbench_page import WorkbenchPage, previous_quarter
from tests.sync.helpers import Office
from tests.ui_exchange.conftest import wait_jobs


def test_workbench_shows_the_last_export_and_the_lock(qtbot: QtBot, offices: dict[str, Office], tmp_path: Path):
    a = offices["a"]
    session = Session(a.dir)
    session.attach(a.store)
    page = WorkbenchPage(session)
    qtbot.addWidget(page)
    period = previous_quarter(a.reg.today())
    text = page._package_text(a.reg.today())
    assert "尚未导出" in text and "最近一次导出" not in text
    package.export_package(a.store, period, tmp_path / "p.lbpkg")
    wait_jobs()
    text = page._package_text(a.reg.today())
    assert f"最近一次导出：{period}（" in text and f"已锁定至 {period}" in text
