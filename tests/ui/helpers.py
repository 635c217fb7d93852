"""Driving the real widgets: Chinese text goes in through ``setText`` (keyClicks aborts on
non-ASCII), choices through the combo boxes' own indexes."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from leftbehind_desktop.core.forms import form
from leftbehind_desktop.ui.editors import (
    BoolEditor,
    ChoiceEditor,
    DateEditor,
    LineEditor,
    MultiChoiceEditor,
    TextAreaEditor,
)
from leftbehind_desktop.ui.firstrun import FirstRunWizard
from leftbehind_desktop.ui.formdialog import FormDialog
from leftbehind_desktop.ui.formwidget import FormWidget


def fill(dlg: FormDialog, values: dict[str, Any]) -> None:
    """Type each value into its editor widget, in order (so show_if fields appear)."""
    for name, value in values.items():
        ed = dlg.form.field_editor(name)
        assert ed.widget.isVisibleTo(dlg), f"{name} is hidden"
        if isinstance(ed, ChoiceEditor):
            i = ed.combo.findData(value)
            assert i > 0, f"{value} not offered for {name}"
            ed.combo.setCurrentIndex(i)
        elif isinstance(ed, LineEditor):
            ed.edit.setText(str(value))
        elif isinstance(ed, TextAreaEditor):
            ed.edit.setPlainText(str(value))
        elif isinstance(ed, BoolEditor):
            ed.box.setChecked(bool(value))
        elif isinstance(ed, DateEditor) or isinstance(ed, MultiChoiceEditor):
            ed.set_value(value)
        else:  # pragma: no cover
            raise AssertionError(name)


def shown_form(qtbot: QtBot, form_id: str, today: date, tall: bool = False) -> FormWidget:
    """A Chinese form widget on screen (``tall``: 900×1400, every row laid out, exposed)."""
    w = FormWidget(form(form_id), "zh", lambda: today)
    qtbot.addWidget(w)
    if tall:
        w.resize(900, 1400)
    w.show()
    if tall:
        qtbot.waitExposed(w)
    return w


def fill_unit_page(wiz: FirstRunWizard, code: str = "210213001001", name: str = "大李家村",
                   officer: str = "刘淑华") -> None:
    """From the first-run wizard's welcome page: on to the unit page, fill it in, 下一步."""
    wiz.next()
    wiz.unit_page.code.setText(code)
    wiz.unit_page.name.setText(name)
    wiz.unit_page.officer.setText(officer)
    wiz.next()


def message_boxes(name: str | None = None) -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and (name is None or w.objectName() == name)]


def click_yes(box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Yes).click()


def visible_dialogs(kind: str) -> list[FormDialog]:
    return [w for w in QApplication.topLevelWidgets() + _children()
            if isinstance(w, FormDialog) and w.kind == kind and w.isVisible()]


def _children() -> list[QWidget]:
    out: list[QWidget] = []
    for top in QApplication.topLevelWidgets():
        out.extend(top.findChildren(FormDialog))
    return out
