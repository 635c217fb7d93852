"""The 导入已有台账 wizard in a real window (Xvfb), each page captured as the screen shows it.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots_tableimport OUT_DIR

Also writes the rejected-rows workbook of the dry run (OUT_DIR/未导入的行.xlsx) for a look in
LibreOffice. Uses the test suite's office-made file (title row, merged header, a few errors).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtWidgets import QApplication, QMenu, QScrollArea
from tests.tableimport import office

from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.store import Store
from leftbehind_desktop.ui import jobs
from leftbehind_desktop.ui.app import make_app
from leftbehind_desktop.ui.mainwindow import NAV_WORKBENCH, MainWindow
from leftbehind_desktop.ui.session import Session
from leftbehind_desktop.ui.tableimport_wizard import TableImportWizard


def wait(cond: Callable[[], bool], timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while not cond() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)
    for _ in range(20):
        QApplication.processEvents()
        time.sleep(0.02)


def shot(out: Path, name: str) -> Path:
    wait(lambda: True)
    path = out / f"{name}.png"
    subprocess.run(["import", "-window", "root", str(path)], check=True)
    return path


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="lb-import-"))
    app = make_app([], lang="zh")
    rows = [office.child_row(n) for n in range(1, 40)]
    rows[3][4] = "2015.2.30"
    rows[7][5] = rows[7][5][:-1] + ("0" if rows[7][5][-1] != "0" else "1")
    rows[11][7] = "读书"
    rows[15][12] = "12345"
    rows.insert(20, [])
    rows.append(["合计", "39人"])
    grid, merges = office.national_grid(rows)
    path = office.write_xlsx(tmp / "大李家村留守儿童台账2026.xlsx", grid, merges)
    store, _ = Store.init(tmp / "store", "春天来了 大李家 2026", role="village", unit_code="210213001001",
                          unit_name="大李家村", officer="刘淑华", kdf=KdfParams.fast())
    session = Session(tmp / "store")
    session.attach(store)
    window = MainWindow(session, kdf=KdfParams.fast())
    window.resize(1366, 768)
    window.show()
    window.start()
    wait(lambda: window.workbench.workbench is not None)
    file_menu = window.menuBar().findChildren(QMenu)[0]
    file_menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    shot(out, "import-0-menu")
    file_menu.hide()
    wiz = window.open_table_import()
    assert isinstance(wiz, TableImportWizard)
    wiz.move(200, 60)
    wiz.file_page.path.set_path(path)
    wiz.file_page.sheet.setCurrentIndex(0)
    shot(out, "import-1-file")
    wiz.next()
    shot(out, "import-2-mapping")
    wiz.next()
    wait(lambda: wiz.check_page.done and not jobs.running(include_background=True))
    wiz.check_page.save_rejected(out / "未导入的行.xlsx")
    shot(out, "import-3-check")
    wiz.next()
    wait(lambda: wiz.result_page.done and not jobs.running(include_background=True))
    shot(out, "import-4-result")
    wiz.accept()
    window.show_page(NAV_WORKBENCH)
    window.workbench.refresh()
    wait(lambda: window.workbench.workbench is not None and not jobs.running(include_background=True))
    scroll = window.workbench.findChild(QScrollArea)
    if scroll is not None:  # the 待补充 list is at the bottom of the workbench
        scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    shot(out, "import-5-workbench")
    session.close()
    app.quit()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens"))
