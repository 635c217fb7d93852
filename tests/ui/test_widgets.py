"""The shared dialog footer: Enter confirms (never the other button, not while disabled),
Esc cancels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout
from pytestqt.qtbot import QtBot

from leftbehind_desktop.ui.widgets import Footer, footer

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def make(qtbot: QtBot) -> tuple[QDialog, QLineEdit, list[str], Footer]:
    dlg = QDialog()
    qtbot.addWidget(dlg)
    pressed: list[str] = []
    edit = QLineEdit()
    bar = footer(dlg, "确定", "取消", on_ok=lambda: pressed.append("ok"))
    bar.cancel.clicked.connect(lambda: pressed.append("cancel"))
    layout = QVBoxLayout(dlg)
    layout.addWidget(edit)
    layout.addWidget(bar.box)
    dlg.show()
    edit.setFocus()
    return dlg, edit, pressed, bar


def test_enter_confirms_and_esc_cancels(qtbot: QtBot) -> None:
    dlg, edit, pressed, bar = make(qtbot)
    assert bar.ok.isDefault() and not bar.cancel.autoDefault()
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert pressed == ["ok"] and dlg.isVisible()
    QTest.keyClick(edit, Qt.Key.Key_Escape)
    assert not dlg.isVisible() and pressed == ["ok"]


def test_enter_does_nothing_while_the_default_is_disabled(qtbot: QtBot) -> None:
    dlg, edit, pressed, bar = make(qtbot)
    bar.ok.setEnabled(False)
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert pressed == [] and dlg.isVisible()
