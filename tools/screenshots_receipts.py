"""Receipts (回执) in real windows (Xvfb), as the screen shows them: the street imports a
village's package (the receipt written beside it), its quarter overview (回执 column: four
villages, each state), the village's workbench after it imported two receipts (one quarter
accepted, one refused).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots_receipts OUT_DIR
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

from PySide6.QtWidgets import QApplication, QScrollArea
from tests.conftest import STREET, fill_demo
from tests.sync.helpers import enroll_pair, office
from tests.sync.test_receipts import _invalid_package

from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.sync import package, receipts
from leftbehind_desktop.ui import jobs
from leftbehind_desktop.ui.app import make_app
from leftbehind_desktop.ui.mainwindow import NAV_SYNC, NAV_WORKBENCH, MainWindow
from leftbehind_desktop.ui.session import Session
from leftbehind_desktop.ui.sync import SyncScreens
from leftbehind_desktop.ui.sync.import_panel import ImportPanel


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


def window_of(o: object) -> tuple[Session, MainWindow]:
    session = Session(o.dir)  # type: ignore[attr-defined]
    session.attach(o.store)  # type: ignore[attr-defined]
    window = MainWindow(session, kdf=KdfParams.fast())
    window.resize(1366, 768)
    window.show()
    window.start()
    return session, window


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="lb-receipts-"))
    app = make_app([], lang="zh")
    street = office(tmp, "street", "street", STREET, "大魏家街道")
    a = office(tmp, "a", "village", "210213001001", "大李家村")
    enroll_pair(a, street)
    fill_demo(a.reg, 30, seed=5)
    # three more villages for the overview: one sends and gets its receipt back (已确认), one
    # sends and its receipt was never saved (已生成未写出), one has not sent (未报送)
    others = [office(tmp, code, "village", code, name) for code, name in
              (("210213001002", "前进村"), ("210213001003", "后进村"), ("210213001004", "红旗村"))]
    for n, o in enumerate(others):
        enroll_pair(o, street)
        fill_demo(o.reg, 8, seed=10 + n)
    b, c, _d = others
    rb = package.import_package(street.store, package.export_package(
        b.store, "2026Q2", tmp / "b2.lbpkg").path)
    got = receipts.for_import(street.store, rb)
    assert got is not None
    package.import_package(b.store, receipts.save(street.store, got, tmp / "b2-回执.lbpkg"))
    package.import_package(street.store, package.export_package(
        b.store, "2026Q3", tmp / "b3.lbpkg").path)  # carries the acknowledgement
    receipts.for_import(street.store, package.import_package(street.store, package.export_package(
        c.store, "2026Q2", tmp / "c2.lbpkg").path))  # kept, not saved to a file
    for o in others:
        o.close()
    stick = tmp / "U盘"
    stick.mkdir()
    q2 = package.export_package(a.store, "2026Q2", stick / "大李家村-2026年第2季度.lbpkg")
    q3 = package.export_package(a.store, "2026Q3", stick / "大李家村-2026年第3季度.lbpkg")
    bad = stick / "大李家村-2026年第3季度（有误）.lbpkg"
    bad.write_bytes(_invalid_package(a, street, q3.path.read_bytes()))
    # the Q3 package with an invalid record is refused; its receipt says why
    try:
        package.import_package(street.store, bad)
    except Exception as exc:
        refusal = receipts.for_refusal(street.store, bad, exc)
        assert refusal is not None
        receipts.save(street.store, refusal, receipts.default_path(bad))

    s_session, s_win = window_of(street)
    s_win.show_page(NAV_SYNC)
    screens = s_win.sync.screens
    assert isinstance(screens, SyncScreens)
    panel = screens.show_tab("import")
    assert isinstance(panel, ImportPanel)
    panel.file.set_path(q2.path)
    panel.import_button.click()
    wait(lambda: not jobs.running(include_background=True) and panel.receipt_box.isVisible())
    shot(out, "receipt-street-import")
    ov = screens.show_tab("overview")
    assert screens.overview is not None and ov is screens.overview
    screens.overview.period.setCurrentIndex(screens.overview.period.findData("2026Q2"))
    screens.overview.refresh()
    screens.overview.table.selectRow([r.unit_code for r in screens.overview.rows].index(
        "210213001003"))
    shot(out, "receipt-overview")
    s_session.close()
    s_win.close()

    # the village imports both receipts; its workbench shows the last one per quarter
    for path in (receipts.default_path(q2.path), receipts.default_path(bad)):
        package.import_package(a.store, path)
    v_session, v_win = window_of(a)
    v_win.show_page(NAV_WORKBENCH)
    v_win.workbench.refresh()
    wait(lambda: v_win.workbench.workbench is not None and not jobs.running(include_background=True))
    scroll = v_win.workbench.findChild(QScrollArea)
    if scroll is not None:  # the 季度数据包 box is in the third row
        scroll.ensureWidgetVisible(v_win.workbench.package)
    shot(out, "receipt-village-workbench")
    v_session.close()
    app.quit()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens"))
