"""Every form fits a 1366×768 screen, and 1920×1080 at 150 % (1280 logical pixels), without a
horizontal scroll bar: the form dialog is as wide as its form needs, and long check-box lists
(the emergency measures) wrap instead of widening the form past the screen."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from leftbehind_desktop.core.forms import form
from leftbehind_desktop.ui.editors import MultiChoiceEditor
from leftbehind_desktop.ui.formdialog import SCROLL_ROOM
from leftbehind_desktop.ui.formwidget import FormWidget
from leftbehind_desktop.ui.widgets import FRAME_ALLOWANCE

FORMS = ["child", "family_member", "entrustment", "visit", "priority_flag", "mandatory_report",
         "assessment", "pairing"]
SMALLEST_SCREEN = 1280  # logical pixels: 1920 at 150 %, and less than 1366


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("form_id", FORMS)
def test_form_fits_the_screen_width(qtbot: QtBot, form_id: str, lang: str) -> None:
    w = FormWidget(form(form_id), lang, lambda: date(2026, 12, 1))  # labels and values in lang
    qtbot.addWidget(w)
    needed = w.minimumSizeHint().width() + SCROLL_ROOM + FRAME_ALLOWANCE.width()
    assert needed <= SMALLEST_SCREEN, (form_id, lang, needed)


def test_long_check_box_labels_wrap_into_fewer_columns() -> None:
    assert MultiChoiceEditor.columns_for(["低保", "临时救助"]) == 4
    assert MultiChoiceEditor.columns_for(["确定受委托监护人", "训诫父母"]) == 3
    assert MultiChoiceEditor.columns_for(["护送至救助管理机构或福利机构临时监护"]) == 2
