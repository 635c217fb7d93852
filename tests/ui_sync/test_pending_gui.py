"""A village that imported its Excel 台账 (records with 待补充 fields) exports through the
wizard, which says beforehand how many records are still 待补充; the street imports the
package through the GUI and reads 待补充 N in the headline, the counts and its workbench."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from leftbehind_desktop.store.sync import SyncStore
from leftbehind_desktop.sync.incoming import ImportReport
from leftbehind_desktop.ui import jobs
from leftbehind_desktop.ui.session import Session
from leftbehind_desktop.ui.workbench_page import WorkbenchPage
from tests.sync.helpers import Office
from tests.tableimport import office as tof
from tests.tableimport.test_import import national_xlsx, run
from tests.ui_support import wait_until

from .conftest import screens_for, wait_jobs
from .test_sync_gui import import_through_gui

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_pending_records_announced_on_export_and_counted_on_import(
        qtbot: QtBot, offices: dict[str, Office], tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    report, _ = run(a.reg, national_xlsx(tmp_path, [tof.child_row(n) for n in range(1, 4)]))
    assert report.summary()["pending"] == 3
    v = screens_for(qtbot, a)
    wiz = v.show_tab("export")
    assert wiz is v.export and wiz is not None
    wiz._period_changed()  # the table import happened after the screen was built
    assert wiz.pending_label.isVisibleTo(wiz)
    notice = wiz.pending_label.text()
    assert "有 6 条记录的必填项尚待补充" in notice and "可以照常导出" in notice
    if os.environ.get("LB_SHOTS"):
        v.grab().save(os.environ["LB_SHOTS"] + "/export_pending.png")
    wiz.next.click()
    out_dir = tmp_path / "U盘"
    out_dir.mkdir()
    wiz.folder.set_path(out_dir)
    wiz.next.click()
    assert "6 条记录的必填项尚待补充" in wiz.summary.text()  # repeated on the confirm page
    wiz.understood.setChecked(True)
    wiz.export_button.click()
    wait_jobs()
    assert wiz.banner.level == "ok"  # a notice, not a refusal
    out = next(out_dir.glob("*.lbpkg"))

    s = screens_for(qtbot, street)
    s.show_tab("import")
    assert s.importer is not None
    s.importer.file.set_path(out)
    s.importer.check_button.click()
    wait_jobs()
    assert "尚未导入" in s.importer.banner.text() and "其中 6 条记录有待补充" in s.importer.banner.text()
    import_through_gui(s.importer, out)
    banner = s.importer.banner.text()
    assert s.importer.banner.level == "ok" and "待补充 6" in banner.splitlines()[0]
    assert "已列入工作台“待补充”清单" in banner
    assert s.importer.incomplete.text() == "6"
    assert isinstance(s.importer.report, ImportReport) and s.importer.report.incomplete == 6
    if os.environ.get("LB_SHOTS"):
        s.grab().save(os.environ["LB_SHOTS"] + "/import_pending.png")
    assert SyncStore(street.store).record_counts()["child"] == 8 + 3
    # the street's workbench lists the village's children to complete
    todo = street.reg.workbench().to_complete
    assert len(todo) == 6 and {p.unit_code for p in todo} == {"210213001001"}
    session = Session(street.dir)
    session.attach(street.store)
    bench = WorkbenchPage(session)
    qtbot.addWidget(bench)
    bench.resize(1366, 740)
    bench.show()
    bench.refresh()
    wait_until(lambda: bench.workbench is not None and not jobs.running(include_background=True))
    texts = bench.complete.texts()
    assert len(texts) == 6
    assert len([t for t in texts if "居住情况" in t[3]]) == 3  # the 3 children's living arrangement
    if os.environ.get("LB_SHOTS"):
        bench.complete.grab().save(os.environ["LB_SHOTS"] + "/street_workbench.png")
