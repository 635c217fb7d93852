"""The workbench's quarterly package line follows real exports (R6, R10)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from leftbehind_desktop.core.dates import quarter_bounds, quarter_label, quarter_of
from leftbehind_desktop.sync import package
from leftbehind_desktop.ui.export_dialogs import LedgerDialog
from leftbehind_desktop.ui.session import Session
from leftbehind_desktop.ui.sync.export_panel import ExportWizard
from leftbehind_desktop.ui.workbench_page import WorkbenchPage, previous_quarter
from tests.sync.helpers import Office
from tests.ui_sync.conftest import wait_jobs


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
    label = quarter_label(period)  # 2026年第3季度, never 2026Q3
    assert f"最近一次导出：{label}（" in text and f"已锁定至 {label}" in text
    assert period not in text


def test_a_new_office_is_not_overdue_before_its_first_quarter(qtbot: QtBot, offices: dict[str, Office]):
    a = offices["a"]
    session = Session(a.dir)
    session.attach(a.store)
    page = WorkbenchPage(session)
    qtbot.addWidget(page)
    # set up in the last days of a quarter, looked at long after the previous deadline
    created = a.reg.first_data_day()
    text = page._package_text(created)
    assert "已逾期" not in text and "首次上报" in text
    assert quarter_label(quarter_of(created)) in text
    # one quarter on, the first quarter is due, and later overdue
    _, end = quarter_bounds(quarter_of(created))
    assert "尚未导出，还剩" in page._package_text(date.fromordinal(end.toordinal() + 2))
    assert "已逾期" in page._package_text(date.fromordinal(end.toordinal() + 40))


def test_a_new_office_is_offered_its_first_quarter_everywhere(qtbot: QtBot, offices: dict[str, Office]):
    """The workbench's 首次上报 quarter is the one the 数据包 export and the 信息台账 dialog
    select first (one function, ``ui.sync.common.offered_quarter``), not the empty
    quarter before the office existed."""
    a = offices["a"]
    session = Session(a.dir)
    session.attach(a.store)
    created = a.reg.first_data_day()
    first = quarter_of(created)
    page = WorkbenchPage(session)
    qtbot.addWidget(page)
    assert f"首次上报：{quarter_label(first)}数据包" in page._package_text(created)
    ledger = LedgerDialog(session, today=lambda: created)
    qtbot.addWidget(ledger)
    assert ledger.quarter.currentData() == first and ledger.quarter.currentText() == quarter_label(first)
    session.today = lambda: created
    wizard = ExportWizard(session)
    qtbot.addWidget(wizard)
    assert wizard.period.currentData() == first
    # once the quarter is over, both offer the finished quarter (the office's first one)
    _, end = quarter_bounds(first)
    later = date.fromordinal(end.toordinal() + 3)
    ledger = LedgerDialog(session, today=lambda: later)
    qtbot.addWidget(ledger)
    assert ledger.quarter.currentData() == first and ledger.quarter.itemData(0) == quarter_of(later)
