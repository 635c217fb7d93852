"""导出与打印 from the GUI: the quarterly ledger and its copies for 社会事业局 / 公安机关, and a
village's child files as one batch — off the GUI thread, with progress and 取消. The files
are read back by openpyxl, LibreOffice and pdftotext."""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from leftbehind_desktop.exports.ledger import write_ledger
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.search import ChildFilter
from leftbehind_desktop.ui import jobs
from leftbehind_desktop.ui.export_dialogs import BatchPrintDialog, LedgerDialog
from leftbehind_desktop.ui.session import Session

from ..conftest import STREET, fill_demo, make_store
from .conftest import wait_until

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
AS_OF = date(2026, 12, 31)
TODAY = date(2027, 1, 12)  # the last finished quarter is 2026Q4


@dataclass
class Office:
    reg: Registry
    session: Session


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    base = tmp_path_factory.mktemp("office")
    store, _ = make_store(base / "store", role="street", unit=STREET, name="大魏家街道")
    reg = Registry(store, today=lambda: AS_OF)
    fill_demo(reg, 40, as_of=date(2026, 12, 20))
    session = Session(base / "store")
    session._store, session._registry = store, reg
    yield Office(reg, session)
    session._store = session._registry = None
    store.close()


def finished(dlg: LedgerDialog | BatchPrintDialog) -> bool:
    return dlg.outcome is not None and not dlg.busy() and not jobs.running(include_background=True)


def test_ledger_and_both_copies_exported_from_the_gui(qtbot: QtBot, office: Office, tmp_path: Path) -> None:
    dlg = LedgerDialog(office.session, today=lambda: TODAY)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.quarter.currentText() == "2026年第4季度" and dlg.quarter.currentData() == "2026Q4"
    assert dlg.copies["full"].isChecked() and not dlg.copies["police"].isChecked()
    assert dlg.export_button.isDefault()
    for box in dlg.copies.values():
        box.setChecked(True)
    out = tmp_path / "台账"
    dlg.folder.set_path(out)
    progress: list[tuple[int, int]] = []
    dlg.export_button.click()
    assert dlg.worker is not None
    dlg.worker.progressed.connect(lambda a, b: progress.append((a, b)))
    wait_until(lambda: finished(dlg), 120)
    assert dlg.outcome is not None and not dlg.outcome.cancelled
    names = sorted(p.name for p in out.iterdir())
    assert names == ["大魏家街道2026年第4季度信息台账-抄报公安机关.xlsx",
                     "大魏家街道2026年第4季度信息台账-抄报社会事业局.xlsx",
                     "大魏家街道2026年第4季度信息台账.xlsx"]
    assert dlg.banner.level == "ok" and "已导出 3 个Excel文件" in dlg.banner.text()
    assert dlg.open_button.isVisible()
    assert progress and progress[-1][0] == progress[-1][1]
    QTest.qWait(50)  # the grown banner never squeezes the rows above it
    assert all(b.height() >= b.sizeHint().height() for b in dlg.copies.values())

    full = load_workbook(out / names[2], read_only=True)
    assert full.sheetnames[:3] == ["季度汇总表", "信息台账", "花名册"]
    rows = [r for r in full["信息台账"].iter_rows(min_row=4, values_only=True) if r[0] is not None]
    # the same rows as exports.ledger writes for that quarter (the GUI passes the right arguments)
    direct = io.BytesIO()
    write_ledger(office.reg, "2026Q4", direct, profile="full")
    expected = [r for r in load_workbook(direct, read_only=True)["信息台账"].iter_rows(min_row=4, values_only=True)
                if r[0] is not None]
    assert rows == expected and len(rows) > 20
    edu = load_workbook(out / names[1], read_only=True)
    assert "失学辍学名单" in edu.sheetnames and "花名册" not in edu.sheetnames
    police = load_workbook(out / names[0], read_only=True)
    assert {"无户籍花名册", "重点对象名单", "强制报告"} <= set(police.sheetnames)
    assert "信息台账" not in police.sheetnames

    # LibreOffice reads the full ledger: every registered child is a row of 信息台账
    csv_dir = tmp_path / "csv"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
                    "--outdir", str(csv_dir), str(out / names[2])], check=True, capture_output=True, timeout=180)
    (sheet,) = csv_dir.glob("*.csv")
    with sheet.open(encoding="utf-8", newline="") as fh:
        lo_rows = list(csv.reader(fh))
    name_col = lo_rows[2].index("姓名")
    lo_names = {r[name_col] for r in lo_rows[3:] if r and r[0].isdigit()}
    header = list(next(full["信息台账"].iter_rows(min_row=3, max_row=3, values_only=True)))
    assert lo_names == {str(r[header.index("姓名")]) for r in rows}

    # the same export again never overwrites: new names
    dlg.export_button.click()
    wait_until(lambda: finished(dlg) and len(list(out.iterdir())) == 6, 120)
    assert (out / "大魏家街道2026年第4季度信息台账（2）.xlsx").is_file()


def test_cancelled_ledger_writes_nothing(qtbot: QtBot, office: Office, tmp_path: Path) -> None:
    dlg = LedgerDialog(office.session, today=lambda: TODAY)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.copies["police"].setChecked(True)
    out = tmp_path / "台账"
    dlg.folder.set_path(out)
    with office.session.lock:  # the job waits for the lock: 取消 is pressed before it starts
        dlg.export_button.click()
        assert dlg.worker is not None and dlg.busy()
        assert not dlg.export_button.isEnabled()
        dlg.reject()  # Esc / 关闭 while it runs: the dialog stays until the job ends
        assert dlg.isVisible()
        dlg.worker.cancel.set()
    wait_until(lambda: finished(dlg), 60)
    assert dlg.outcome is not None and dlg.outcome.cancelled and dlg.outcome.files == []
    assert dlg.banner.level == "info" and "已取消" in dlg.banner.text() and "没有生成任何文件" in dlg.banner.text()
    assert not out.exists() or list(out.iterdir()) == []
    assert dlg.export_button.isEnabled()


def test_ledger_refuses_a_file_as_folder_and_no_copy(qtbot: QtBot, office: Office, tmp_path: Path) -> None:
    dlg = LedgerDialog(office.session, today=lambda: TODAY)
    qtbot.addWidget(dlg)
    dlg.show()
    not_a_folder = tmp_path / "note.txt"
    not_a_folder.write_text("x")
    dlg.folder.set_path(not_a_folder)
    dlg.export_button.click()
    assert dlg.worker is None and dlg.banner.level == "bad" and "不是文件夹" in dlg.banner.text()
    for box in dlg.copies.values():
        box.setChecked(False)
    assert not dlg.export_button.isEnabled()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt"]
    QTest.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()


def test_a_villages_child_files_print_as_one_batch(qtbot: QtBot, office: Office, tmp_path: Path) -> None:
    dlg = BatchPrintDialog(office.session)
    qtbot.addWidget(dlg)
    dlg.show()
    counts = office.reg.children_by_unit()
    assert dlg.village.count() == len(counts) > 1
    code = str(dlg.village.itemData(1))
    dlg.village.setCurrentIndex(1)
    assert f"{counts[code]} 名儿童" in dlg.village.currentText()
    out = tmp_path / "打印"
    dlg.folder.set_path(out)
    assert dlg.print_button.isDefault()
    dlg.print_button.click()
    wait_until(lambda: finished(dlg), 120)
    files = sorted(out.glob("*.pdf"))
    ids = office.reg.child_ids(ChildFilter(unit_code=code))
    assert len(files) == len(ids) == counts[code]
    assert all(f.read_bytes().startswith(b"%PDF") for f in files)
    child = office.reg.get("child", ids[0])
    number = office.reg.file_number(child)  # files are named 姓名_档案_档案编号.pdf
    text = subprocess.run(["pdftotext", str(next(f for f in files if number in f.name)), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert str(child["name"]) in text
    assert dlg.banner.level == "ok" and f"已为 {len(ids)} 名儿童生成 {len(ids)} 个PDF文件" in dlg.banner.text()
    QTest.qWait(50)
    assert all(b.height() >= b.sizeHint().height() for b in (dlg.each, dlg.combined))
    assert any(h["action"] == "child.print" for h in office.reg.history(ids[0]))


def test_batch_print_combined_and_cancelled(qtbot: QtBot, office: Office, tmp_path: Path) -> None:
    dlg = BatchPrintDialog(office.session)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.combined.setChecked(True)
    out = tmp_path / "打印"
    dlg.folder.set_path(out)
    with office.session.lock:
        dlg.print_button.click()
        assert dlg.worker is not None
        dlg.worker.cancel.set()
    wait_until(lambda: finished(dlg), 60)
    assert dlg.outcome is not None and dlg.outcome.cancelled
    assert list(out.glob("*.pdf")) == []
    assert "已取消" in dlg.banner.text()
    dlg.print_button.click()
    wait_until(lambda: finished(dlg) and not dlg.outcome.cancelled, 120)  # type: ignore[union-attr]
    (combined,) = out.glob("*.pdf")
    village = office.reg.unit_name(str(dlg.village.currentData()))
    assert combined.name == f"{village}儿童档案.pdf"


def test_dialogs_from_the_menu_and_closed_on_lock(qtbot: QtBot, office: Office) -> None:
    from leftbehind_desktop.ui.mainwindow import MainWindow

    win = MainWindow(office.session)
    qtbot.addWidget(win)
    menus = [a.text() for a in win.menuBar().actions()]
    assert "导出与打印" in menus
    win.ledger_action.trigger()
    dlg = win.findChild(LedgerDialog)
    assert dlg is not None and dlg.isVisible()
    win.batch_print_action.trigger()
    pdlg = win.findChild(BatchPrintDialog)
    assert pdlg is not None and pdlg.isVisible()
    office.session.closing.emit()  # the store locks: nothing of it stays on screen
    assert not dlg.isVisible() and not pdlg.isVisible()
