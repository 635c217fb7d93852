"""Render every 数据交换 screen offscreen to PNG (1366×768), with real stores: a district,
a street and three villages, enrolled with each other; two villages send their quarter,
the street imports them (a duplicate, then a conflict), one village is late.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tools.screenshots_sync [OUT_DIR] [--lang en]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from leftbehind_desktop.core import demo
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store
from leftbehind_desktop.sync import enroll, package
from leftbehind_desktop.ui.app import make_app
from leftbehind_desktop.ui.mainwindow import NAV_SYNC, MainWindow
from leftbehind_desktop.ui.session import Session
from leftbehind_desktop.ui.sync.common import last_finished_quarter
from leftbehind_desktop.ui.sync.screens import SyncScreens

SIZE = (1366, 768)
PASS = "screens 截图 2026"
CHILD = {"name": "张小明", "sex": "男", "birth_date": "2015-03-04", "id_number": "210213201503041254",
         "residence": "大李家村3组12号", "schooling": "小学", "school_name": "大李家小学",
         "living_arrangement": "与祖辈同住"}


@dataclass
class Office:
    dir: Path
    store: Store
    reg: Registry


def office(tmp: Path, role: str, code: str, name: str, officer: str, children: int = 0, seed: int = 1) -> Office:
    store, _ = Store.init(tmp / code, PASS, role=role, unit_code=code, unit_name=name, officer=officer,
                          kdf=KdfParams.fast())
    reg = Registry(store)
    if children:
        reg.add_demo_units(demo.demo_units(code))
        for batch in demo.generate(code, children, seed=seed, device_id=store.device_id):
            reg.bulk_insert(batch.records, action="record.demo")
    return Office(tmp / code, store, reg)


def enroll_pair(child: Office, parent: Office) -> None:
    req = enroll.read_request(parent.store, enroll.make_request(child.store))
    resp = enroll.approve(parent.store, req, confirm_fingerprint=req.fingerprint)
    enroll.accept(child.store, enroll.read_response(child.store, resp))


def wait(cond: Callable[[], bool], timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not cond() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()


def grab(w: QWidget, out: Path, name: str) -> Path:
    wait(lambda: True)
    path = out / f"{name}.png"
    w.grab().save(str(path))
    return path


def window_for(o: Office) -> tuple[MainWindow, SyncScreens]:
    session = Session(o.dir)
    session.attach(o.store)
    win = MainWindow(session, kdf=KdfParams.fast())
    win.resize(*SIZE)
    win.show()
    win.start()
    win.show_page(NAV_SYNC)
    screens = win.sync.build()
    assert isinstance(screens, SyncScreens)
    return win, screens


def render_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="lb-exchange-screens-"))
    district = office(tmp, "district", "210213000000", "金普新区民政局", "王建国")
    street = office(tmp, "street", "210213019000", "大魏家街道", "陈玉梅")
    a = office(tmp, "village", "210213019202", "后石村", "刘淑华", 40, 1)
    b = office(tmp, "village", "210213019203", "王家村", "赵德明", 25, 2)
    c = office(tmp, "village", "210213019204", "玉田村", "孙桂兰", 10, 3)
    d = office(tmp, "village", "210213019205", "刘家村", "周海燕")
    enroll_pair(street, district)
    for village in (a, b, c):
        enroll_pair(village, street)
    period = last_finished_quarter(date.today())
    dup_a = a.reg.add("child", dict(CHILD)).record["id"]
    b.reg.add("child", {**CHILD, "residence": "王家村1组1号"})
    pa = package.export_package(a.store, period, tmp / "a1.lbpkg")
    pb = package.export_package(b.store, period, tmp / "b1.lbpkg")
    package.import_package(street.store, pa.path)
    package.import_package(street.store, pb.path)
    street.reg.update("child", dup_a, {"residence": "大李家村3组12号（街道核实）"})
    a.reg.update("child", dup_a, {"residence": "大李家村5组1号"}, reason="搬家后更正住址")
    pa2 = package.export_package(a.store, period, tmp / "a2.lbpkg")
    shots: list[Path] = []

    # -- the street ---------------------------------------------------------------------------
    win, s = window_for(street)
    s.show_tab("overview")
    shots.append(grab(win, out, "exchange-street-overview"))
    imp = s.show_tab("import")
    assert s.importer is not None and imp is s.importer
    s.importer.file.set_path(pa2.path)
    s.importer.start(True)
    wait(lambda: s.importer is not None and s.importer.banner.isVisible())
    shots.append(grab(win, out, "exchange-street-import"))
    bad = tmp / "tampered.lbpkg"
    data = bytearray(pb.path.read_bytes())
    data[len(data) // 2] ^= 0x55
    bad.write_bytes(bytes(data))
    s.importer.file.set_path(bad)
    s.importer.start(True)
    wait(lambda: s.importer is not None and s.importer.banner.isVisible())
    shots.append(grab(win, out, "exchange-street-import-rejected"))
    s.show_tab("conflicts")
    assert s.conflicts is not None
    s.conflicts.incoming.radio.setChecked(True)
    shots.append(grab(win, out, "exchange-street-conflicts"))
    s.show_tab("duplicates")
    shots.append(grab(win, out, "exchange-street-duplicates"))
    s.show_tab("export")
    assert s.export is not None
    shots.append(grab(win, out, "exchange-street-report-1"))
    s.export.next.click()
    s.export.folder.set_path(tmp)
    s.export.next.click()
    shots.append(grab(win, out, "exchange-street-report-3"))
    s.show_tab("restore")
    shots.append(grab(win, out, "exchange-street-restore"))
    s.show_tab("enroll")
    req = tmp / "登记申请-西山村.json"
    req.write_bytes(enroll.make_request(d.store))
    s.enroll.request_in.set_path(req)
    s.enroll.read_request()
    s.enroll.typed_fp.setText(s.enroll.child_fp.text()[:14])
    shots.append(grab(win, out, "exchange-street-enroll"))
    s.show_tab("trust")
    shots.append(grab(win, out, "exchange-street-trust"))
    win.hide()

    # -- a village ----------------------------------------------------------------------------
    vwin, v = window_for(c)
    v.show_tab("enroll")
    shots.append(grab(vwin, out, "exchange-village-enroll"))
    v.show_tab("export")
    assert v.export is not None
    shots.append(grab(vwin, out, "exchange-village-export-1"))
    v.export.next.click()
    v.export.folder.set_path(tmp)
    shots.append(grab(vwin, out, "exchange-village-export-2"))
    v.export.next.click()
    shots.append(grab(vwin, out, "exchange-village-export-3"))
    v.export.understood.setChecked(True)
    v.export.export_button.click()
    wait(lambda: v.export is not None and v.export.banner.isVisible())
    shots.append(grab(vwin, out, "exchange-village-export-4"))
    v.show_tab("restore")
    shots.append(grab(vwin, out, "exchange-village-restore"))
    vwin.hide()

    # -- the district -------------------------------------------------------------------------
    dwin, dd = window_for(district)
    dd.show_tab("overview")
    shots.append(grab(dwin, out, "exchange-district-overview"))
    dwin.hide()
    return shots


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    lang = "zh"
    if "--lang" in args:
        i = args.index("--lang")
        lang = args[i + 1]
        del args[i:i + 2]
    out = Path(args[0]) if args else Path("build/screens/exchange")
    make_app(["exchange-screens"], lang)
    for p in render_all(out):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
