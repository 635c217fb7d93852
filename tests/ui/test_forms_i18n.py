"""Generic forms (inline validation, ID number fill, show_if, Tab order) and translations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from leftbehind_desktop.core.forms import FORM_IDS, form
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.ui import i18n
from leftbehind_desktop.ui.editors import ChoiceEditor, DateEditor
from leftbehind_desktop.ui.formwidget import FormWidget
from leftbehind_desktop.ui.mainwindow import MainWindow
from leftbehind_desktop.ui.session import Session

from .helpers import shown_form

TODAY = date(2026, 6, 1)
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_inline_validation_and_id_fill(qtbot: QtBot) -> None:
    w = shown_form(qtbot, "child", TODAY)
    name = w.rows["name"]
    assert "*" in name.label.text() and "*" not in w.rows["notes"].label.text()
    # nothing shouts before the officer has typed
    assert not any(r.error.isVisible() for r in w.rows.values())
    idr = w.rows["id_number"]
    w.set_field("id_number", "210213201503041253")  # wrong check digit
    w._on_change("id_number")
    assert idr.error.isVisible()
    assert idr.error.text() == "公民身份号码校验位错误，请核对号码是否抄错"
    assert "c62828" in idr.editor.widget.styleSheet()
    w.set_field("id_number", "210213201503041262")
    w._on_change("id_number")
    assert not idr.error.isVisible() and idr.editor.widget.styleSheet() == ""
    assert w.values()["birth_date"] == "2015-03-04" and w.values()["sex"] == "女"
    # the sex no longer agrees with the number
    sex = w.rows["sex"].editor
    assert isinstance(sex, ChoiceEditor)
    sex.combo.setCurrentIndex(sex.combo.findData("男"))
    assert idr.error.text() == "公民身份号码显示性别为女，与填写的性别不一致"
    # show_if: disability fields appear and disappear
    assert not w.rows["disability_category"].editor.widget.isVisible()
    health = w.rows["health"].editor
    assert isinstance(health, ChoiceEditor)
    health.combo.setCurrentIndex(health.combo.findData("残疾"))
    assert w.rows["disability_category"].editor.widget.isVisible()
    errors = {e.field for e in w.validate()}
    assert {"disability_category", "disability_grade", "residence"} <= errors
    assert w.rows["residence"].error.text() == "现居住地为必填项"
    health.combo.setCurrentIndex(health.combo.findData("健康"))
    assert not w.rows["disability_category"].editor.widget.isVisible()
    assert "disability_category" not in w.values()
    # Tab order follows the layout
    nxt = name.editor.widget.nextInFocusChain()
    while nxt.focusPolicy() == Qt.FocusPolicy.NoFocus:
        nxt = nxt.nextInFocusChain()
    assert nxt is w.rows["sex"].editor.widget
    # a date in the future is refused inline
    bd = w.rows["birth_date"].editor
    assert isinstance(bd, DateEditor)
    bd.set_date(date(2027, 1, 1))
    assert w.rows["birth_date"].error.text() == "出生日期不能晚于今天"
    # an empty date shows as empty, not as a made-up day
    bd.edit.clear_value()
    assert bd.value() is None and bd.edit.text() == "" and "未填写" in bd.edit.line.placeholderText()


def test_entrusted_guardian_must_be_adult(qtbot: QtBot) -> None:
    w = FormWidget(form("entrustment"), "zh", lambda: TODAY)
    qtbot.addWidget(w)
    w.set_values({"start_date": "2026-05-01"})
    w.set_field("guardian_birth_date", "2010-01-01")
    w._on_change("guardian_birth_date")
    assert w.rows["guardian_birth_date"].error.text() == "委托监护人必须年满18周岁（目前16岁）"


@pytest.mark.parametrize("kind", FORM_IDS)
def test_every_form_renders_every_field(qtbot: QtBot, kind: str) -> None:
    f = form(kind)
    w = FormWidget(f, "zh")
    qtbot.addWidget(w)
    assert set(w.rows) == {fd.name for fd in f.fields if not fd.system}
    assert [g.title() for g in w.groups.values()] == [
        s.zh for s in f.sections if any(not fd.system for fd in f.fields_in(s.id))]


def test_a_system_field_is_kept_but_not_an_editor(qtbot: QtBot) -> None:
    w = FormWidget(form("assessment"), "zh")
    qtbot.addWidget(w)
    assert "report_ref" not in w.rows
    w.set_values({"report_ref": "01a2-report", "assessor": "王"})
    assert w.values()["report_ref"] == "01a2-report" and w.values()["assessor"] == "王"


def test_qt_dialogs_are_chinese(qtbot: QtBot) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, "标题", "内容",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Ok).text() == "确定"
    bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(bb)
    assert bb.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_english_ui(qtbot: QtBot, registry: Registry, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    loaded = i18n.install_translators(app, "en")
    i18n.set_current("en")
    try:
        assert loaded, "leftbehind_en.qm missing: run ./dev setup (ui/i18n_build.py)"
        session = Session(tmp_path)
        session._store, session._registry = registry.store, registry  # an open store
        win = MainWindow(session)
        qtbot.addWidget(win)
        texts = [win.nav.item(i).text() for i in range(win.nav.count())]
        assert texts == ["Workbench", "Children", "Child files", "Data exchange", "Analysis", "Audit log",
                         "Data security", "Settings"]
        assert win.registry.model.headerData(0, Qt.Orientation.Horizontal) == "Name"
        w = FormWidget(form("visit"), "en")
        qtbot.addWidget(w)
        assert w.groups["visit"].title() == "Visit"
        session._store = session._registry = None
    finally:
        i18n.install_translators(app, "zh")
        i18n.set_current("zh")


def test_light_startup_helpers_agree_with_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from leftbehind_desktop.store import store as store_mod
    from leftbehind_desktop.ui import app, strength

    assert strength.MIN_PASSPHRASE == store_mod.MIN_PASSPHRASE
    monkeypatch.delenv("LEFTBEHIND_STORE", raising=False)
    assert app.default_store_dir() == store_mod.default_store_dir()
    monkeypatch.setenv("LEFTBEHIND_STORE", str(tmp_path / "x"))
    assert app.default_store_dir() == store_mod.default_store_dir()
    assert not app.store_exists(tmp_path / "s")
    from tests.conftest import make_store

    s, _ = make_store(tmp_path / "s")
    s.close()
    assert app.store_exists(tmp_path / "s") and store_mod.Store.exists(tmp_path / "s")
