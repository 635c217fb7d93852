"""What an officer meets in forms and the child file (issue 10 §3): dates typed as people
type them, warnings for contradictions, a summary that follows the fixes, tables with the
columns officers look for, family members reused as guardians, visits carried into reports."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QHeaderView
from pytestqt.qtbot import QtBot

from leftbehind_desktop.core.forms import form
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.ui.childfile_page import ChildFilePage
from leftbehind_desktop.ui.editors import ChoiceEditor, DateEditor, DateField
from leftbehind_desktop.ui.formdialog import FormDialog
from leftbehind_desktop.ui.formwidget import FormWidget
from leftbehind_desktop.ui.session import Session
from tests.conftest import CHILD

from .helpers import fill, fill_unit_page, shown_form, visible_dialogs

TODAY = date(2026, 6, 1)
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _date_row(qtbot: QtBot, name: str = "birth_date") -> tuple[FormWidget, DateEditor]:
    w = shown_form(qtbot, "child", TODAY)
    with warnings.catch_warnings():  # offscreen has no window manager to activate it
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(w)
    qtbot.waitUntil(w.isActiveWindow)
    ed = w.rows[name].editor
    assert isinstance(ed, DateEditor)
    return w, ed


@pytest.mark.parametrize("typed", ["20150316", "2015-03-16", "2015.3.16", "2015/3/16",
                                   "2015年3月16日"])
def test_an_empty_date_field_takes_what_is_typed(qtbot: QtBot, typed: str) -> None:
    w, ed = _date_row(qtbot)
    line = ed.edit.line
    assert line.text() == ""  # empty means empty, not 2000-01-01
    line.setFocus()
    if typed.isascii():
        qtbot.keyClicks(line, typed)
    else:  # keyClicks cannot send Chinese characters (an input method would)
        line.insert(typed)
        line.textEdited.emit(line.text())
    assert w.values()["birth_date"] == "2015-03-16"
    # Tab leaves the field (to the next one) and shows the date the way it is printed
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert not line.hasFocus()
    assert line.text() == "2015年3月16日"
    assert w.values()["birth_date"] == "2015-03-16"
    assert not w.rows["birth_date"].error.isVisible()


def test_half_typed_is_quiet_and_a_wrong_date_is_explained(qtbot: QtBot) -> None:
    w, ed = _date_row(qtbot)
    line = ed.edit.line
    line.setFocus()
    qtbot.keyClicks(line, "2015")  # still typing: no red yet
    assert not w.rows["birth_date"].error.isVisible()
    qtbot.keyClicks(line, "1340")  # 13th month
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert w.rows["birth_date"].error.isVisible()
    assert "不是有效日期" in w.rows["birth_date"].error.text()
    assert "20150316" in w.rows["birth_date"].error.text()  # says how to type one


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "does not support grabbing")
def test_ctrl_a_replaces_a_date_and_the_calendar_keeps_the_year(qtbot: QtBot) -> None:
    w, ed = _date_row(qtbot)
    ed.set_value("2015-03-16")
    line = ed.edit.line
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert line.selectedText() == "2015年3月16日"
    qtbot.keyClicks(line, "2014.1.2")
    assert w.values()["birth_date"] == "2014-01-02"
    # clicks and arrow keys in the field never step the year (or anything else)
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(8, line.height() // 2))
    for key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Down):
        qtbot.keyClick(line, key)
    assert w.values()["birth_date"] == "2014-01-02"
    # the calendar opens on the date's own month (Alt+Down), in Chinese, Monday first
    qtbot.keyClick(line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = ed.edit.popup
    assert popup is not None and popup.isVisible()
    cal = popup.calendar
    assert (cal.yearShown(), cal.monthShown()) == (2014, 1)
    assert cal.locale().language() == QLocale.Language.Chinese
    assert cal.locale().dayName(1, QLocale.FormatType.ShortFormat) == "周一"
    assert cal.firstDayOfWeek() == Qt.DayOfWeek.Monday
    # picking a day changes the day only: the year stays what it was
    cal.clicked.emit(cal.selectedDate().addDays(5))
    assert not popup.isVisible()
    assert w.values()["birth_date"] == "2014-01-07"


def test_the_mouse_wheel_changes_no_answer_while_scrolling(qtbot: QtBot) -> None:
    w, ed = _date_row(qtbot)
    ed.set_value("2015-03-16")
    sex = w.rows["sex"].editor
    assert isinstance(sex, ChoiceEditor)
    sex.set_value("男")
    for target in (ed.edit.line, sex.combo):
        ev = QWheelEvent(QPointF(5, 5), QPointF(target.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                         QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                         Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(target, ev)
    assert w.values()["birth_date"] == "2015-03-16" and w.values()["sex"] == "男"


def test_datetime_field_types_and_picks(qtbot: QtBot) -> None:
    f = DateField(with_time=True)
    qtbot.addWidget(f)
    f.line.setText("2026年5月3日 9:05")
    assert f.parsed() is not None and f.parsed().strftime("%Y-%m-%d %H:%M") == "2026-05-03 09:05"
    f.normalize()
    assert f.text() == "2026年5月3日 09:05"
    assert "T" not in f.text()


def test_an_entrustment_starting_in_the_future_is_warned_not_refused(qtbot: QtBot) -> None:
    w = shown_form(qtbot, "entrustment", TODAY)
    start = w.rows["start_date"].editor
    start.set_value((TODAY + timedelta(days=40)).isoformat())
    row = w.rows["start_date"]
    assert row.error.isVisible() and "晚于今天" in row.error.text()
    assert "e65100" in row.error.styleSheet()  # orange: a warning
    assert all(e.warning for e in w.errors if e.field == "start_date")
    start.set_value(TODAY.isoformat())
    assert not row.error.isVisible()


def test_alone_with_the_guardian_present_is_a_contradiction(qtbot: QtBot) -> None:
    w = shown_form(qtbot, "visit", TODAY)
    fill_values = {"living_arrangement": "单独居住"}
    for k, v in fill_values.items():
        ed = w.rows[k].editor
        assert isinstance(ed, ChoiceEditor)
        ed.combo.setCurrentIndex(ed.combo.findData(v))
    row = w.rows["guardian_present"]
    assert row.error.isVisible() and "请核对" in row.error.text() and "单独居住" in row.error.text()
    w.rows["guardian_present"].editor.set_value(False)
    assert not row.error.isVisible()


def test_messages_do_not_move_the_form(qtbot: QtBot) -> None:
    w = shown_form(qtbot, "child", TODAY, tall=True)
    below = w.rows["residence"].editor.widget
    before = below.mapTo(w, QPoint(0, 0)).y()
    w.set_field("id_number", "210213201503041253")  # wrong check digit: a message appears
    w._on_change("id_number")
    QApplication.processEvents()
    assert w.rows["id_number"].error.isVisible()
    assert below.mapTo(w, QPoint(0, 0)).y() == before


@pytest.fixture
def session(tmp_path: Path, registry: Registry) -> Iterator[Session]:
    s = Session(tmp_path)
    s._store, s._registry = registry.store, registry  # an open store
    yield s
    s._store = s._registry = None


def test_the_error_summary_counts_down_and_clears(qtbot: QtBot, session: Session) -> None:
    dlg = FormDialog(session, "child")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.save()
    assert "需要修改" in dlg.status.text()
    fill(dlg, {k: v for k, v in CHILD.items()})
    assert dlg.status.text() == ""
    dlg.form.dirty = False


def _child_with_family(registry: Registry) -> str:
    child = registry.add("child", dict(CHILD)).record["id"]
    registry.add("family_member", {"relation": "父亲", "name": "张大海", "status": "外出务工",
                                   "work_province": "广东省", "work_city": "东莞市",
                                   "phone": "13800001111"}, child_id=child)
    registry.add("family_member", {"relation": "祖母", "name": "王桂兰", "status": "在家",
                                   "birth_date": "1958-02-03", "phone": "13900002222",
                                   "id_number": "210213195802030020"}, child_id=child)
    registry.add("family_member", {"relation": "兄姐", "name": "张小红", "status": "在家"},
                 child_id=child)
    return str(child)


def test_child_file_tables_show_what_officers_look_for(qtbot: QtBot, session: Session,
                                                       registry: Registry) -> None:
    child = _child_with_family(registry)
    registry.add("visit", {"visit_date": date.today().isoformat(), "visitor": "刘淑华",
                           "living_arrangement": "与祖辈同住",
                           "findings": "祖母身体不好，孩子作业无人辅导。" * 6}, child_id=child)
    page = ChildFilePage(session, child)
    qtbot.addWidget(page)
    page.show()
    fam = page.tables["family_member"].table
    headers = [fam.horizontalHeaderItem(c).text() for c in range(fam.columnCount())]
    assert "务工地点（市）" in headers and "联系电话" in headers
    rows = {fam.item(r, 1).text(): r for r in range(fam.rowCount())}
    father = rows["张大海"]
    assert fam.item(father, headers.index("务工地点（市）")).text() == "东莞市"
    assert fam.item(father, headers.index("联系电话")).text() == "13800001111"
    assert fam.item(rows["张小红"], 0).text() == "兄姐"  # siblings can be recorded
    assert fam.horizontalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Interactive
    ent = page.tables["entrustment"].table
    ent_headers = [ent.horizontalHeaderItem(c).text() for c in range(ent.columnCount())]
    assert {"委托开始日期", "委托结束日期"} <= set(ent_headers)
    visits = page.tables["visit"].table
    v_headers = [visits.horizontalHeaderItem(c).text() for c in range(visits.columnCount())]
    note = visits.item(0, v_headers.index("走访情况记录"))
    assert note.toolTip().startswith("祖母身体不好") and len(note.toolTip()) > 60
    assert "年" in visits.item(0, 0).text()  # 2026年12月1日, not 2026-12-01
    assert visits.columnWidth(v_headers.index("走访情况记录")) <= 260 or \
        v_headers.index("走访情况记录") == visits.columnCount() - 1
    # the history is in Beijing time, in words
    hist = page.history
    times = [hist.item(r, 0).text() for r in range(hist.rowCount())]
    assert times and all("T" not in t and "年" in t for t in times)
    actions = [hist.item(r, 2).text() for r in range(hist.rowCount())]
    assert not any("." in a for a in actions)  # no child.view / record.create


def test_an_entrustment_picks_a_family_member(qtbot: QtBot, session: Session,
                                              registry: Registry) -> None:
    child = _child_with_family(registry)
    page = ChildFilePage(session, child)
    qtbot.addWidget(page)
    dlg = page.act("entrustment")
    assert isinstance(dlg, FormDialog)
    qtbot.addWidget(dlg)
    texts = [dlg.picker.itemText(i) for i in range(dlg.picker.count())]
    assert any("王桂兰" in t for t in texts) and not any("张大海" in t for t in texts)
    i = next(i for i, t in enumerate(texts) if "王桂兰" in t)
    dlg.picker.setCurrentIndex(i)
    dlg.picker.activated.emit(i)
    v = dlg.form.values()
    assert (v["guardian_name"], v["relation"], v["guardian_phone"], v["guardian_birth_date"],
            v["guardian_id_number"]) == ("王桂兰", "祖母", "13900002222", "1958-02-03",
                                         "210213195802030020")
    dlg.save()
    assert registry.children_records("entrustment", child)[0]["guardian_name"] == "王桂兰"


def test_a_report_started_from_a_visit_carries_its_findings(qtbot: QtBot, session: Session,
                                                            registry: Registry) -> None:
    child = _child_with_family(registry)
    registry.add("visit", {"visit_date": "2026-11-20", "visitor": "刘淑华",
                           "living_arrangement": "单独居住", "guardian_present": False,
                           "findings": "祖母住院，孩子一人在家三天。",
                           "next_action": "联系父亲返乡"}, child_id=child)
    page = ChildFilePage(session, child)
    qtbot.addWidget(page)
    page.tabs.setCurrentIndex(2)
    page.tables["visit"].table.selectRow(0)
    dlg = page.report_from_selected_visit()
    assert isinstance(dlg, FormDialog)
    qtbot.addWidget(dlg)
    v = dlg.form.values()
    assert v["situation"] == "单独居住"
    assert "2026年11月20日" in v["details"] and "孩子一人在家三天" in v["details"]
    assert "联系父亲返乡" in v["details"] and "监护人不在场" in v["details"]
    dlg.form.dirty = False
    for d in visible_dialogs("mandatory_report"):
        d.form.dirty = False


def test_the_main_window_fits_small_and_scaled_screens(qtbot: QtBot, session: Session,
                                                       registry: Registry) -> None:
    from PySide6.QtCore import QSize

    from leftbehind_desktop.ui.mainwindow import MainWindow
    from leftbehind_desktop.ui.widgets import FRAME_ALLOWANCE

    registry.add("child", dict(CHILD))
    win = MainWindow(session)
    qtbot.addWidget(win)
    # 1920×1080 at 150 % is 1280×720 logical pixels; a taskbar takes ~40 more
    for screen in (QSize(1366, 768), QSize(1280, 720)):
        room = QSize(screen.width(), screen.height() - 40) - FRAME_ALLOWANCE
        hint = win.minimumSizeHint()
        assert hint.width() <= room.width() and hint.height() <= room.height(), (screen, hint)
    free = win.screen().availableGeometry()
    assert win.width() <= free.width() and win.height() <= free.height()
    if free.width() < 1366 + FRAME_ALLOWANCE.width():
        assert win.windowState() & Qt.WindowState.WindowMaximized
    win.show()
    bar = win.statusBar()
    assert bar.isVisible() and bar.geometry().bottom() <= win.height()


def test_english_ui_shows_codebook_values_and_dates_in_english(qtbot: QtBot,
                                                               registry: Registry) -> None:
    from leftbehind_desktop.ui import i18n
    from leftbehind_desktop.ui.registry_model import COLUMNS, ChildTableModel

    registry.add("child", {**CHILD, "birth_date": "2015-03-04"})
    model = ChildTableModel(lambda: registry)
    model.reload()
    col = {c[0]: i for i, c in enumerate(COLUMNS)}
    i18n.set_current("en")
    try:
        model.invalidate_rows()
        cell = {k: model.data(model.index(0, i)) for k, i in col.items()}
        assert cell["sex"] == "Male" and cell["schooling"] == "Primary school"
        assert cell["living_arrangement"] == "With grandparents" and cell["status"] == "Registered"
        assert cell["birth_date"] == "4 Mar 2015"
        w = FormWidget(form("visit"), "en", lambda: TODAY)
        qtbot.addWidget(w)
        w.rows["visit_date"].editor.set_value("2026-05-03")
        assert w.rows["visit_date"].editor.edit.text() == "3 May 2026"
        assert w.values()["visit_date"] == "2026-05-03"
        from leftbehind_desktop.ui.childfile_page import display
        assert display(form("priority_flag").field("status"), "开放", "en") == "Open"
        # English punctuation: lists joined with commas, not 、
        assert display(form("child").field("assistance"), ["低保", "临时救助"], "en") == \
            "Minimum living allowance, Temporary assistance"
    finally:
        i18n.set_current("zh")
    model.invalidate_rows()
    assert model.data(model.index(0, col["sex"])) == "男"
    assert model.data(model.index(0, col["birth_date"])) == "2015-03-04"
    # a cell cut off by its column shows the whole text on hover
    tip = model.data(model.index(0, col["id_number"]), Qt.ItemDataRole.ToolTipRole)
    assert tip == CHILD["id_number"]
    assert display(form("priority_flag").field("status"), "开放", "zh") == "未解除"


def _english_left(w: object) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget

    assert isinstance(w, QWidget)
    out = []
    for c in [w, *w.findChildren(QWidget)]:
        texts = [c.toolTip()]
        if isinstance(c, QAbstractButton | QLabel):
            texts.append(c.text())
        if isinstance(c, QGroupBox):
            texts.append(c.title())
        out += [t for t in texts if t and t.isascii() and any(ch.isalpha() for ch in t)]
    return out


def test_qt_dialogs_have_no_english_left(qtbot: QtBot) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QFileDialog

    files = QFileDialog(None, "导出PDF", str(Path.home()), "PDF 文件 (*.pdf)")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own, as on Linux
    qtbot.addWidget(files)
    assert _english_left(files) == []
    printer = QPrintDialog(QPrinter())
    qtbot.addWidget(printer)
    assert _english_left(printer) == [] and printer.windowTitle() == "打印"


def test_save_dialog_suggests_the_childs_name_in_documents_never_an_existing_file(
        qtbot: QtBot, session: Session, registry: Registry, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from leftbehind_desktop.ui import printing, widgets

    child = registry.add("child", dict(CHILD)).record["id"]
    docs = tmp_path / "文档"
    docs.mkdir()
    monkeypatch.setattr(printing, "default_folder", lambda: docs)
    first = printing.suggested_path(session, [child])
    assert first == docs / "张小明_档案_210213001001-0001.pdf"
    first.write_bytes(b"%PDF an earlier print")
    assert printing.suggested_path(session, [child]).name == "张小明_档案_210213001001-0001(2).pdf"
    batch = printing.suggested_path(session, [child, child])
    assert batch.parent == docs and "合订本_2人" in batch.name
    # with no USB stick, file dialogs start in Documents, never in the working folder
    monkeypatch.setattr(widgets, "removable_folders", lambda: [])
    assert widgets.default_folder() != Path.cwd()


def test_saving_a_visit_that_finds_a_child_alone_starts_a_report_with_its_findings(
        qtbot: QtBot, session: Session, registry: Registry) -> None:
    from .helpers import click_yes, message_boxes

    child = registry.add("child", dict(CHILD)).record["id"]
    page = ChildFilePage(session, child)  # the dialogs belong to its window, as in the app
    qtbot.addWidget(page)
    page.show()
    dlg = page.act("visit")
    assert isinstance(dlg, FormDialog)
    fill(dlg, {"living_arrangement": "单独居住", "findings": "孩子一人在家，祖母外出打工。"})
    dlg.form.field_editor("guardian_present").set_value(False)
    dlg.save()
    boxes = message_boxes("reportPrompt")
    assert boxes, "no prompt to record the mandatory report"
    click_yes(boxes[0])
    reports = visible_dialogs("mandatory_report")
    assert reports
    v = reports[0].form.values()
    assert v["situation"] == "单独居住" and "孩子一人在家" in v["details"]
    assert "监护人不在场" in v["details"]
    for d in reports:
        d.form.dirty = False
        d.reject()


def test_a_hidden_field_leaves_no_gap(qtbot: QtBot) -> None:
    w = shown_form(qtbot, "child", TODAY, tall=True)
    box = w.groups[w.rows["schooling"].fd.section]
    before = box.sizeHint().height()
    school = w.rows["schooling"].editor
    assert isinstance(school, ChoiceEditor)
    school.combo.setCurrentIndex(school.combo.findData("小学"))  # shows 就读学校, 是否寄宿
    QApplication.processEvents()
    grown = box.sizeHint().height()
    shown = [r for r in w.rows.values() if r.fd.section == w.rows["schooling"].fd.section]
    line = shown[0].error.height()
    editor = max(r.editor.widget.sizeHint().height() for r in shown if r.editor.widget.isVisible())
    assert grown - before >= editor + line  # the hidden row's message line was not kept
    school.combo.setCurrentIndex(school.combo.findData("未入园"))
    QApplication.processEvents()
    assert box.sizeHint().height() == before  # back as it was: no space kept for hidden rows


@pytest.mark.parametrize(("weak", "why"), [("大李家村2026", "单位名称"), ("12345678", "连续"),
                                           ("13812345678", "只有数字")])
def test_first_run_refuses_a_weak_passphrase_and_says_why(qtbot: QtBot, tmp_path: Path,
                                                          weak: str, why: str) -> None:
    from leftbehind_desktop.store.keyslots import KdfParams
    from leftbehind_desktop.store.store import Store
    from leftbehind_desktop.ui.firstrun import FirstRunWizard

    wiz = FirstRunWizard(tmp_path / "store", KdfParams.fast())
    qtbot.addWidget(wiz)
    wiz.show()
    fill_unit_page(wiz)
    wiz.pass_page.passphrase.setText(weak)
    wiz.pass_page.confirm.setText(weak)
    assert "太弱" in wiz.pass_page.meter.label.text()  # the meter already says so
    wiz.next()
    assert wiz.currentPage() is wiz.pass_page  # refused: no store was made
    assert why in wiz.pass_page.error.text()
    assert not Store.exists(tmp_path / "store")
