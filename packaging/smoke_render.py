"""``leftbehind-smoke``: the bundle's self-test, a third frozen executable.

    LEFTBEHIND_PASSPHRASE=... leftbehind-smoke --out workbench.png [--store DIR]
                                               [--about about.png] [--dashboard d.png]
                                               [--lang zh|en]

Opens the store (the user data folder when ``--store`` is not given, exactly as the GUI
does), builds the real main window of ``leftbehind_desktop.ui``, waits for the workbench to
load and saves ``window.grab()`` as PNG; optionally also the About dialog. Prints one JSON
object on stdout describing what the frozen app found inside itself (Qt translations, CJK
fonts, where its forms and resources come from), so the packaging test can check that
nothing is read from the source tree. Run it offscreen: ``QT_QPA_PLATFORM=offscreen``.

IT staff can run it after installing to check an installation (exit code 0 = fine).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _wait(cond: Callable[[], bool], timeout: float = 60.0) -> bool:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while not cond() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()
    return cond()


def run(args: argparse.Namespace) -> dict[str, Any]:
    from PySide6.QtCore import QLibraryInfo, Qt, qVersion
    from PySide6.QtGui import QFontDatabase, QFontMetrics, QGuiApplication
    from PySide6.QtWidgets import QWidget

    import leftbehind_desktop
    from leftbehind_desktop.core import forms
    from leftbehind_desktop.store.store import Store
    from leftbehind_desktop.ui import i18n
    from leftbehind_desktop.ui.about_dialog import LICENSES, AboutDialog, build_info
    from leftbehind_desktop.ui.app import default_store_dir, make_app
    from leftbehind_desktop.ui.mainwindow import NAV_DASHBOARD, NAV_WORKBENCH, MainWindow
    from leftbehind_desktop.ui.session import Session

    app = make_app([sys.argv[0]], args.lang)
    store_dir = Path(args.store) if args.store else default_store_dir()
    passphrase = os.environ.get("LEFTBEHIND_PASSPHRASE", "")
    if not passphrase:
        raise SystemExit("leftbehind-smoke: set LEFTBEHIND_PASSPHRASE")
    store = Store.open(store_dir, passphrase=passphrase)
    session = Session(store_dir)
    session.attach(store)
    window = MainWindow(session)
    # the window fits itself to the screen (maximised where 1366×768 does not fit, as on the
    # offscreen platform's small screen); the smoke picture is always 1366×768
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 768)
    window.show()
    window.start()
    loaded = _wait(lambda: window.workbench.workbench is not None)
    window.show_page(NAV_WORKBENCH)
    _wait(lambda: True, 0)
    image = window.grab()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    saved = image.save(str(out))

    # 汇总分析: its charts load pyqtgraph and numpy, the bundle's largest native parts
    window.show_page(NAV_DASHBOARD)
    dashboard_loaded = _wait(lambda: window.dashboard.stats is not None
                             and not window.dashboard.computing)
    charts = sorted({type(w).__name__ for w in window.dashboard.findChildren(QWidget)
                     if type(w).__name__ in ("BarChart", "LineChart")})
    dashboard_saved = False
    if args.dashboard:
        _wait(lambda: True, 0)
        dashboard_saved = window.grab().save(str(args.dashboard))
    window.show_page(NAV_WORKBENCH)

    about_saved = False
    if args.about:
        dlg = AboutDialog(window, store_dir=store_dir)
        dlg.show()
        _wait(lambda: True, 0)
        about_saved = dlg.grab().save(str(args.about))
        dlg.close()

    import reportlab.lib.rl_accel  # noqa: F401 - loads _rl_accel when it is there
    from openpyxl.xml import LXML

    cjk = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    metrics = QFontMetrics(QGuiApplication.font())
    report = {
        "frozen": bool(getattr(sys, "frozen", False)),
        "meipass": getattr(sys, "_MEIPASS", ""),
        "executable": sys.executable,
        "version": leftbehind_desktop.__version__,
        "build_info": build_info(),
        "qt_version": qVersion(),
        "platform": QGuiApplication.platformName(),
        "qt_translations_dir": QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        "translators": [t.filePath() for t in i18n._installed],
        "app_translations_dir": str(i18n.TRANSLATIONS),
        "forms_module": str(Path(forms.__file__).resolve()),
        "package_dir": str(Path(leftbehind_desktop.__file__).resolve().parent),
        "licenses_file": str(LICENSES),
        "licenses_present": LICENSES.is_file(),
        "cjk_font_families": len(cjk),
        "app_font": QGuiApplication.font().family(),
        "app_font_has_cjk": all(metrics.inFontUcs4(ord(c)) for c in "留守儿童工作台"),
        "native": {"rl_accel": "_rl_accel" in sys.modules, "openpyxl_lxml": bool(LXML)},
        "store_dir": str(store_dir),
        "workbench_loaded": loaded,
        "window_title": window.windowTitle(),
        "png": str(out),
        "png_saved": saved,
        "png_size": [image.width(), image.height()],
        "about_saved": about_saved,
        "dashboard_loaded": dashboard_loaded,
        "dashboard_charts": charts,
        "dashboard_saved": dashboard_saved,
    }
    window.idle.enabled = False
    session.close()
    window.hide()
    app.processEvents()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="leftbehind-smoke",
                                     description="安装自检：打开数据库并把工作台保存为图片 / bundle self-test")
    parser.add_argument("--out", required=True, help="PNG of the workbench")
    parser.add_argument("--store", help="store directory (default: the user data folder)")
    parser.add_argument("--about", help="also save the About dialog as PNG")
    parser.add_argument("--dashboard", help="also save the 汇总分析 page (charts) as PNG")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = parser.parse_args(argv)
    from leftbehind_desktop.core.console import make_streams_safe

    make_streams_safe()
    report = run(args)
    sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    ok = report["png_saved"] and report["workbench_loaded"] and report["licenses_present"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
