"""One table of audit words (core/audit_words.py): the child-file PDF and the audit viewer
say the same Chinese words, every action the program audits has one, and the English audit
viewer shows the English of the .ts (found there by lupdate although the table is Qt-free)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from leftbehind_desktop.core import audit_words
from leftbehind_desktop.exports import child_pdf
from leftbehind_desktop.ui import i18n
from leftbehind_desktop.ui.i18n_build import build
from leftbehind_desktop.ui.mainwindow import NAV_AUDIT, MainWindow
from leftbehind_desktop.ui.security import names

from .conftest import wait_jobs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SRC = Path(child_pdf.__file__).resolve().parent.parent


def test_every_audited_action_has_words_and_the_pdf_uses_them() -> None:
    audited = set()
    for path in SRC.rglob("*.py"):
        audited |= set(re.findall(r"""\.append\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text("utf-8")))
    assert {"child.view", "sync.conflict.resolve", "import.table"} <= audited
    assert audited - set(audit_words.ACTIONS) == set()
    # the PDF's history column and the viewer's action column: the same word for a code
    assert audit_words.action_words("child.view") == names.action_text("child.view") == "查看档案"
    assert audit_words.action_words("no.such.action") == "其他操作"
    assert not hasattr(child_pdf, "ACTION_ZH")


def test_english_audit_viewer_shows_english_words(window: MainWindow) -> None:
    build()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    win = window
    win.open_child(win.session.registry.child_ids(limit=1)[0])  # a child.view event
    assert i18n.install_translators(app, "en")
    i18n.set_current("en")
    try:
        win.show_page(NAV_AUDIT)
        wait_jobs()
        words = {win.audit.table.item(r, 3).text() for r in range(win.audit.table.rowCount())}
        assert {"Viewed a child file", "Created the store"} <= words
        assert not words & {"查看档案", "创建数据库", "其他操作"}
    finally:
        i18n.install_translators(app, "zh")
        i18n.set_current("zh")


def test_audit_viewer_times_and_day_filter_in_beijing_time(window: MainWindow,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """An event at 00:30 Beijing time (16:30 UTC the day before) is shown at 00:30 and found
    under its Beijing day, not under the UTC day."""
    from PySide6.QtCore import QDate

    from leftbehind_desktop.store import audit

    win = window
    monkeypatch.setattr(audit, "utc_now", lambda: "2098-06-30T16:30:00.000Z")  # after all others
    win.open_child(win.session.registry.child_ids(limit=1)[0])
    monkeypatch.undo()
    win.show_page(NAV_AUDIT)
    wait_jobs()
    page = win.audit
    assert page.table.item(0, 3).text() == "查看档案"
    assert page.table.item(0, 1).text() == "2098年7月1日 00:30:00"
    widest = "2098年12月31日 23:59:59"  # the column shows the whole time, never "2098年7月1日 …"
    assert page.table.columnWidth(1) > page.table.fontMetrics().horizontalAdvance(widest)
    page.by_date.setChecked(True)
    for day, rows in ((QDate(2098, 7, 1), 1), (QDate(2098, 6, 30), 0)):
        page.since.setDate(day)
        page.until.setDate(day)
        page.apply_filter()
        wait_jobs()
        assert page.table.rowCount() == rows, day
