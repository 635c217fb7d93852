"""导入已有台账 with the INSTALLED program on a real X server: unlock → Ctrl+I (文件 → 导入已有
台账) → the file path pasted → the columns found → the dry run's report → 开始导入 → the result
→ the workbench's 待补充 list. Real X input only (xdotool, the clipboard); screenshots under
tests/realwin/artifacts/tableimport/."""

from __future__ import annotations

from pathlib import Path

from ..conftest import PASSPHRASE, make_store
from ..tableimport import office
from .xsession import Driver, find_in, session


def test_an_office_brings_in_its_excel_ledger(tmp_path: Path) -> None:
    store, _ = make_store(tmp_path / "store")
    store.close()
    rows = [office.child_row(n) for n in range(1, 13)]
    rows[4][4] = "2015.2.30"  # one row the officer must fix
    grid, merges = office.national_grid(rows)
    ledger = office.write_xls(tmp_path / "大李家村留守儿童台账.xls", grid, merges)
    with session(tmp_path, "tableimport", store=tmp_path / "store") as app:
        d = Driver(app)
        app.active("解锁")
        d.set_text("passphrase", PASSPHRASE, "解锁", check=False)
        app.key("Return")
        app.wait_for("the main window", lambda wins: any(w.name == "mainWindow" and w.active for w in wins))
        app.key("ctrl+i")
        app.active("导入已有台账")
        d.set_text("importFilePath", str(ledger), "导入已有台账")
        app.shot("file")
        app.key("Return")  # 下一步 (the default button)
        app.wait_for("the mapping", lambda wins: (t := find_in(wins, "importMapping")) is not None
                     and t.data.get("rows") == 21)
        app.shot("mapping")
        app.key("Return")
        summary = app.wait_for("the dry run", lambda wins: (w := find_in(wins, "importCheckSummary")) is not None
                               and "试导入" in w.text and w, 60)
        assert "新增11名儿童" in summary.text and "不能导入1行" in summary.text, summary.text
        problems = d.widget("importProblems")
        assert problems.data.get("rows") == 1
        app.shot("check")
        app.key("Return")  # 开始导入
        result = app.wait_for("the import", lambda wins: (w := find_in(wins, "importResult")) is not None
                              and "已导入" in w.text and w, 60)
        assert "新增11名儿童" in result.text, result.text
        app.shot("result")
        app.key("Return")  # 完成
        app.wait_for("the wizard to close", lambda wins: not any("导入已有台账" in w.title for w in wins))
        app.wait_for("the 待补充 list", lambda wins: (t := find_in(wins, "completeListTable")) is not None
                     and (t.data.get("rows") or 0) >= 11, 60)
        app.shot("workbench")
        app.windows_fit()
        app.close_window()
        assert app.wait_exit(60) == 0, app.stderr()
