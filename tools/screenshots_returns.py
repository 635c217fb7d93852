"""退回修改 in real windows (Xvfb), as the screen shows them: the street's 逐条审核 after it
returned two of a village's children and made the returns file, the village's 导入数据包
after importing it, and the village's workbench with its 待修改（街道退回） list.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots_returns OUT_DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from tests.conftest import STREET, fill_demo
from tests.sync.helpers import enroll_pair, office

from leftbehind_desktop.sync import package, review
from leftbehind_desktop.ui import jobs
from leftbehind_desktop.ui.app import make_app
from leftbehind_desktop.ui.mainwindow import NAV_SYNC, NAV_WORKBENCH
from leftbehind_desktop.ui.sync import SyncScreens
from leftbehind_desktop.ui.sync.import_panel import ImportPanel
from tools.screenshots_receipts import shot, wait, window_of

PERIOD = "2026Q3"
COMMENTS = ("现居住地缺门牌号，请入户核实后补全", "就学情况与学校名单不符，请核实")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="lb-returns-"))
    app = make_app([], lang="zh")
    street = office(tmp, "street", "street", STREET, "大魏家街道")
    a = office(tmp, "a", "village", "210213001001", "大李家村")
    enroll_pair(a, street)
    fill_demo(a.reg, 30, seed=5)
    stick = tmp / "U盘"
    stick.mkdir()
    q3 = package.export_package(a.store, PERIOD, stick / "大李家村-2026年第3季度.lbpkg")
    package.import_package(street.store, q3.path)
    kids = [i for i in review.review_items(street.store, PERIOD, a.store.unit_code)
            if i["kind"] == "child"]
    for item, comment in zip(kids[:2], COMMENTS, strict=True):
        review.decide(street.store, item["id"], "return", comment)
    for item in kids[2:6]:
        review.decide(street.store, item["id"], "pass", "")

    s_session, s_win = window_of(street)
    s_win.show_page(NAV_SYNC)
    screens = s_win.sync.screens
    assert isinstance(screens, SyncScreens) and screens.record_review is not None
    screens.open_review(PERIOD, a.store.unit_code)
    panel = screens.record_review
    target = stick / "大李家村-2026年第3季度-退回修改.lbpkg"
    setattr(panel, "ask_path", lambda start: target)  # noqa: B010  (instead of the save dialog)
    panel.returns_button.click()
    wait(lambda: not jobs.running(include_background=True) and target.exists())
    panel.table.selectRow(0)
    shot(out, "returns-street-review")
    s_session.close()
    s_win.close()

    v_session, v_win = window_of(a)
    v_win.show_page(NAV_SYNC)
    v_screens = v_win.sync.screens
    assert isinstance(v_screens, SyncScreens)
    importer = v_screens.show_tab("import")
    assert isinstance(importer, ImportPanel)
    importer.file.set_path(target)
    importer.import_button.click()
    wait(lambda: not jobs.running(include_background=True) and importer.banner.level == "ok")
    shot(out, "returns-village-import")
    v_win.show_page(NAV_WORKBENCH)
    v_win.workbench.refresh()
    wait(lambda: v_win.workbench.workbench is not None and not jobs.running(include_background=True))
    shot(out, "returns-village-workbench")
    v_session.close()
    app.quit()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens"))
