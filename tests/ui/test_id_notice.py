"""R8 in the GUI: an unknown unit code is refused in the first-run wizard; saving a second
child with the same name and birth date shows a notice; the same ID number is refused with
the existing child named in the form."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.ui.app import AppController

from .helpers import fill, fill_unit_page, message_boxes
from .test_flow import first_window, save

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CHILD = {"name": "张小明", "id_number": "210213201503041254", "residence": "大李家村",
         "schooling": "小学", "living_arrangement": "与祖辈同住"}


def test_wizard_refuses_a_made_up_unit_code(qtbot: QtBot, tmp_path: Path) -> None:
    ctl = AppController(tmp_path / "store", kdf=KdfParams.fast())
    ctl.start()
    wiz = ctl.wizard
    assert wiz is not None
    fill_unit_page(wiz, code="210213001099", name="虚构村")  # well-formed, but no such village
    assert wiz.currentPage() is wiz.unit_page
    assert "不是大连金普新区" in wiz.unit_page.error.text()
    wiz.close()


def test_same_name_and_birth_notice_and_duplicate_number_refused(qtbot: QtBot, tmp_path: Path) -> None:
    _ctl, win = first_window(qtbot, tmp_path)
    form = win.new_child()
    fill(form, dict(CHILD))
    save(form)
    # the same number again: refused, the form names the child already registered
    again = win.new_child()
    fill(again, {**CHILD, "name": "张小亮"})
    again.save_button.click()
    assert again.isVisible() and "张小明" in again.status.text()
    again.close()
    # another number, same name and birth date: saved, with a notice to check
    twin = win.new_child()
    fill(twin, {**CHILD, "id_number": "210213201503041270"})
    save(twin)
    boxes = message_boxes("idNotice")
    assert len(boxes) == 1 and "同名" in boxes[0].text() and "张小明" in boxes[0].text()
    win.close()
