"""逐条审核 on screen (offscreen): from the overview's 审核… the street sees the village's
items, a return without a comment is refused with nothing changed, a return with one and a
pass by keyboard move on to the next item, 全部通过 asks first; a changed child shows its
values before and after side by side; the counts and the overview follow."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from leftbehind_desktop.sync import package, review
from leftbehind_desktop.ui.sync.common import last_finished_quarter
from tests.conftest import CHILD
from tests.sync.helpers import Office

from .conftest import VILLAGE_A, screens_for

PERIOD = last_finished_quarter(date.today())
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def cell(p: object, row: int, col: int) -> str:
    """What the item list shows in a cell (its model, as a screen reader reads it)."""
    model = p.table.model()  # type: ignore[attr-defined]
    return str(model.index(row, col).data() or "")


def _box() -> QMessageBox:
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


def test_review_a_villages_items_on_screen(qtbot: QtBot, offices: dict[str, Office],
                                           tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    package.import_package(street.store, package.export_package(
        a.store, PERIOD, tmp_path / "a1.lbpkg").path)
    total = len(review.review_items(street.store, PERIOD, VILLAGE_A))
    assert total > 3
    s = screens_for(qtbot, street)
    assert s.tabs.tabText(s.tabs.indexOf(s.record_review)) == f"逐条审核（{total}）"
    ov = s.overview
    assert ov is not None and s.record_review is not None
    row = next(r for r in range(ov.table.rowCount()) if VILLAGE_A in ov.table.item(r, 0).text())
    ov.table.selectRow(row)
    qtbot.mouseClick(ov.review_button, Qt.MouseButton.LeftButton)
    p = s.record_review
    assert s.tabs.currentWidget() is p and p.unit.currentData() == VILLAGE_A
    assert p.model.rowCount() == total
    assert p.counts.text() == f"待审核 {total} · 已通过 0 · 已退回 0"
    first = p.current()
    assert first is not None and first["status"] == "pending"
    # the detail: the key fields of a new record, 原值 empty
    labels = [p.fields.item(r, 0).text() for r in range(p.fields.rowCount())]
    assert labels and p.fields.item(0, 1).text() == ""
    assert any(p.fields.item(r, 2).text() for r in range(p.fields.rowCount()))

    # 退回 without a comment: refused, nothing changed
    qtbot.mouseClick(p.return_button, Qt.MouseButton.LeftButton)
    assert p.banner.level == "bad" and "请填写意见" in p.banner.text()
    assert review.review_items(street.store, PERIOD, VILLAGE_A, status="returned") == []
    # with a comment (typed, Enter in the comment field returns)
    p.comment.setFocus()
    p.comment.setText("出生日期与户口簿不符")  # (QTest types Latin-1 only)
    qtbot.keyClick(p.comment, Qt.Key.Key_Return)
    returned = review.review_items(street.store, PERIOD, VILLAGE_A, status="returned")
    assert [(i["id"], i["comment"]) for i in returned] == [(first["id"], "出生日期与户口簿不符")]
    second = p.current()
    assert second is not None and second["id"] != first["id"] and second["status"] == "pending"
    assert cell(p, 0, 0) == "已退回"
    # 通过 by keyboard
    qtbot.keyClick(p.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert review.review_items(street.store, PERIOD, VILLAGE_A, status="passed")[0]["id"] == \
        second["id"]
    assert p.counts.text() == f"待审核 {total - 2} · 已通过 1 · 已退回 1"

    # 全部通过 asks first; 取消 changes nothing, 全部通过 passes the rest
    qtbot.mouseClick(p.pass_all_button, Qt.MouseButton.LeftButton)
    box = _box()
    assert f"其余 {total - 2} 条" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert len(review.review_items(street.store, PERIOD, VILLAGE_A, status="pending")) == \
        total - 2
    qtbot.mouseClick(p.pass_all_button, Qt.MouseButton.LeftButton)
    _box().button(QMessageBox.StandardButton.Yes).click()
    assert p.counts.text() == f"待审核 0 · 已通过 {total - 1} · 已退回 1"
    assert not p.pass_all_button.isEnabled() and not p.pass_button.isEnabled()
    state = review.quarter_review_state(street.store, PERIOD, VILLAGE_A)
    assert (state["reviewed"], state["returned"]) == (False, 1)
    # 撤销通过: only on a passed item; the item is pending again and stays selected
    p.table.selectRow(0)
    assert p.current()["status"] == "returned" and p.reopen_button.isHidden()
    p.table.selectRow(1)
    assert p.current()["id"] == second["id"] and not p.reopen_button.isHidden()
    qtbot.mouseClick(p.reopen_button, Qt.MouseButton.LeftButton)
    assert p.current()["id"] == second["id"] and cell(p, 1, 0) == "待审核"
    assert "已撤销通过" in p.banner.text() and p.pass_button.isEnabled()
    assert p.reopen_button.isHidden()
    assert p.counts.text() == f"待审核 1 · 已通过 {total - 2} · 已退回 1"
    assert review.review_items(street.store, PERIOD, VILLAGE_A, status="pending")[0]["id"] == \
        second["id"]
    qtbot.mouseClick(p.pass_button, Qt.MouseButton.LeftButton)
    assert p.counts.text() == f"待审核 0 · 已通过 {total - 1} · 已退回 1"
    s.tabs.setCurrentWidget(ov)
    row = next(r for r in range(ov.table.rowCount()) if VILLAGE_A in ov.table.item(r, 0).text())
    assert ov.table.item(row, 5).text() == "1" and ov.table.item(row, 1).text() != "已审核"
    assert s.tabs.tabText(s.tabs.indexOf(p)) == "逐条审核"


def test_a_changed_child_shows_before_and_after(qtbot: QtBot, offices: dict[str, Office],
                                                tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    cid = a.reg.add("child", dict(CHILD)).record["id"]
    package.import_package(street.store, package.export_package(
        a.store, PERIOD, tmp_path / "a1.lbpkg").path)
    review.pass_all(street.store, PERIOD, VILLAGE_A)
    a.reg.update("child", cid, {"schooling": "初中", "school_name": "大李家中学"},
                 reason="升学后更正")
    package.import_package(street.store, package.export_package(
        a.store, PERIOD, tmp_path / "a2.lbpkg").path)
    s = screens_for(qtbot, street)
    p = s.record_review
    assert p is not None
    s.tabs.setCurrentWidget(p)
    assert p.unit.currentData() == VILLAGE_A and "待审核 1" in p.unit.currentText()
    p.show_filter.setCurrentIndex(p.show_filter.findData("open"))
    assert p.model.rowCount() == 1
    assert cell(p, 0, 1) == "变更" and cell(p, 0, 2) == "张小明"
    assert cell(p, 0, 4) == "就学情况、就读学校"
    rows = {p.fields.item(r, 0).text(): (p.fields.item(r, 1).text(), p.fields.item(r, 2).text())
            for r in range(p.fields.rowCount())}
    assert rows["就学情况"] == ("小学", "初中")
    assert rows["就读学校"] == ("大李家小学", "大李家中学")
    assert rows["姓名"] == ("张小明", "张小明")
    assert rows["出生日期"] == ("2015年3月4日", "2015年3月4日")  # as people read dates
    assert p.fields.item(0, 0).background().color() != \
        p.fields.item(list(rows).index("就学情况"), 0).background().color()
    qtbot.mouseClick(p.pass_button, Qt.MouseButton.LeftButton)
    assert review.quarter_review_state(street.store, PERIOD, VILLAGE_A)["reviewed"]
    assert "本季度已审核" in p.counts.text()
