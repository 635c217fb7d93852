"""回执 and 退回修改 with the INSTALLED program on real X servers, as two offices meet them.

A village's quarterly package lies on a folder standing for the USB stick (made through the
Qt-free services). The street's program: unlock → 数据交换 → 导入数据包 → 浏览… (Qt's own file
dialog, the path typed) → 导入 → the receipt ``…-回执.lbpkg`` is written next to the package →
逐条审核 → one child returned with a Chinese comment (pasted) → 生成退回修改文件… (the save
dialog, the stick folder) → Alt+F4. The village's program: unlock → 导入数据包 → the receipt,
then the returns file → 工作台 shows 待修改（街道退回） with the street's comment and the
receipt in 季度数据包 → Alt+F4. Real X input only (xdotool, the clipboard); screenshots under
tests/realwin/artifacts/returns-street/ and returns-village/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from leftbehind_desktop.sync import package
from leftbehind_desktop.ui.sync.common import last_finished_quarter

from ..conftest import CHILD, PASSPHRASE, STREET
from ..sync.helpers import enroll_pair, office
from .xsession import App, Driver, Widget, Window, find_in, session

VILLAGE = "210213001001"
CHILDREN = (("张小明", CHILD["id_number"], "男"), ("李小军", "210213201503041094", "男"),
            ("王小红", "210213201503041086", "女"))
COMMENT = "监护人电话号码有误，请入户核实后更正"


def _offices(tmp: Path) -> tuple[Path, Path, Path]:
    """A street and a village enrolled with each other; the village's quarterly package (three
    children) written to ``stick/``. Returns the two store folders and the package."""
    street = office(tmp, "street", "street", STREET, "大魏家街道")
    village = office(tmp, "village", "village", VILLAGE, "大李家村")
    enroll_pair(village, street)
    for name, number, sex in CHILDREN:
        village.reg.add("child", {**CHILD, "name": name, "id_number": number, "sex": sex})
    stick = tmp / "stick"
    stick.mkdir()
    pkg = package.export_package(village.store, last_finished_quarter(date.today()),
                                 stick / "大李家村-季度数据包.lbpkg").path
    village.close()
    street.close()
    return street.dir, village.dir, pkg


def _unlock(app: App, d: Driver) -> None:
    app.active("解锁")
    d.set_text("passphrase", PASSPHRASE, "解锁", check=False)
    app.key("Return")
    app.wait_for("the main window", lambda wins: any(w.name == "mainWindow" and w.active for w in wins), 60)


def _nav(app: App, d: Driver, entry: str) -> None:
    nav = d.widget("nav")
    x, y, w, h = nav.data["item_rects"][nav.data["items"].index(entry)]
    app.click_at(x + w // 2, y + h // 2)


def _unlock_to_import(app: App, d: Driver) -> None:
    """Unlock, then 数据交换 → 导入数据包, by real clicks."""
    _unlock(app, d)
    _nav(app, d, "数据交换")
    _tab(app, "导入数据包")


def _tab(app: App, title: str) -> None:
    """Click the 数据交换 tab whose title starts with ``title`` (逐条审核（3）…)."""
    def find(wins: list[Window]) -> tuple[int, int] | None:
        for x in (x for win in wins for x in win.widgets if x.cls == "QTabBar"):
            for i, item in enumerate(x.data.get("items", [])):
                if item.startswith(title):
                    bx, by, bw, bh = x.data["item_rects"][i]
                    return bx + bw // 2, by + bh // 2
        return None

    app.click_at(*app.wait_for(f"the tab {title}", find))


def _browse(app: App, d: Driver, field: str) -> None:
    """The 浏览… button of the path field ``field``."""
    box = d.widget(field)
    bx, by, bw, bh = box.rect

    def inside(w: Widget) -> bool:
        x, y, ww, hh = w.rect
        return bx <= x and by <= y and x + ww <= bx + bw and y + hh <= by + bh

    button = next(w for win in app.probe() for w in win.widgets
                  if w.cls == "QPushButton" and w.text == "浏览…" and inside(w))
    app.click(button)


def _choose_file(app: App, d: Driver, title: str, path: Path) -> None:
    """Qt's file dialog titled ``title``: the path typed into its file-name box, Enter."""
    app.active(title)
    d.focus("fileNameEdit", title)
    app.key("ctrl+a")
    app.paste(str(path))  # (a Chinese file name)
    # the box reads the path; while its completion list is open, that list (the box's focus
    # proxy) speaks for it: the box itself may then be missing from the probe's answer (a
    # stale PySide wrapper of the previous dialog's box, reported in the answer's errors)
    app.wait_for(f"the file name {path.name}", lambda wins: any(
        w.focus and w.text == str(path) for win in wins for w in win.widgets), 10)
    app.shot("file-dialog")
    app.key("Return")
    app.wait_for(f"the dialog {title} closed", lambda wins: not any(title in w.title for w in wins))


def _import(app: App, d: Driver, path: Path, expect: str) -> str:
    """导入数据包 of ``path`` through 浏览… and 导入: the result banner (must contain ``expect``)."""
    _browse(app, d, "importFile")
    _choose_file(app, d, "选择数据包", path)
    d.click("importPackage")
    banner: Widget = app.wait_for(f"the banner …{expect}…", lambda wins: (
        b := find_in(wins, "importBanner")) is not None and expect in b.text and b, 60)
    return banner.text


def test_street_returns_an_item_and_the_village_sees_it_with_the_receipt(tmp_path: Path) -> None:
    street_store, village_store, pkg = _offices(tmp_path)
    stick = pkg.parent
    receipt = stick / "大李家村-季度数据包-回执.lbpkg"
    returns_file = stick / "退回修改.lbpkg"

    # -- the street: import, the receipt beside the package, return one child, the returns file
    (tmp_path / "s").mkdir()
    with session(tmp_path / "s", "returns-street", store=street_store) as app:
        d = Driver(app)
        _unlock_to_import(app, d)
        text = _import(app, d, pkg, "已导入")
        assert "大李家村" in text and "新增 3" in text and "逐条审核" in text, text
        status = d.widget("receiptStatus")
        assert "已写到" in status.text and str(receipt) in status.text, status.text
        assert receipt.is_file() and receipt.stat().st_size > 0, sorted(p.name for p in stick.iterdir())
        app.shot("imported")

        _tab(app, "逐条审核")
        items = app.wait_for("the three new children", lambda wins: (
            t := find_in(wins, "reviewItems")) is not None and t.data.get("rows") == 3 and t, 30)
        assert d.widget("reviewCounts").text == "待审核 3 · 已通过 0 · 已退回 0"
        if items.data.get("current", -1) < 0:  # nothing selected yet: the first row
            app.click_at(items.rect[0] + 20, items.rect[1] + 26 + 12)
        app.wait_for("an item selected", lambda wins: (t := find_in(wins, "reviewItems")) is not None
                     and t.data.get("current", -1) >= 0)
        items = d.widget("reviewItems")
        child = items.data["cells"][items.data["current"]][2]
        assert child in {c[0] for c in CHILDREN}, items.data["cells"]
        d.focus("reviewComment")
        app.paste(COMMENT)
        d.wait_text("reviewComment", COMMENT)
        app.key("Return")  # Enter in the comment returns the item
        app.wait_for("the return", lambda wins: (c := find_in(wins, "reviewCounts")) is not None
                     and c.text == "待审核 2 · 已通过 0 · 已退回 1")
        app.shot("returned")

        d.click("exportReturns")  # 生成退回修改文件…
        _choose_file(app, d, "保存退回修改文件", returns_file)
        banner = app.wait_for("the returns file banner", lambda wins: (
            b := find_in(wins, "reviewBanner")) is not None and "已生成" in b.text and b, 60)
        assert str(returns_file) in banner.text and "退回 1 项" in banner.text, banner.text
        assert returns_file.is_file() and returns_file.stat().st_size > 0
        app.shot("returns-written")
        app.windows_fit()
        app.close_window()
        assert app.wait_exit(60) == 0, app.stderr()

    # -- the village: the receipt, then the returns file; the workbench shows both
    (tmp_path / "v").mkdir()
    with session(tmp_path / "v", "returns-village", store=village_store) as app:
        d = Driver(app)
        _unlock_to_import(app, d)
        text = _import(app, d, receipt, "回执")
        assert "大魏家街道已接收 3 条" in text, text
        app.shot("receipt-imported")
        text = _import(app, d, returns_file, "退回修改文件")
        assert "退回1项" in text and text.endswith("。"), text  # one whole sentence
        app.shot("returns-imported")

        _nav(app, d, "工作台")
        table = app.wait_for("待修改（街道退回）", lambda wins: (
            t := find_in(wins, "returnedListTable")) is not None and t.data.get("rows") == 1 and t, 30)
        row = table.data["cells"][0]
        assert row[0] == child and row[3] == "待修改" and row[4] == COMMENT, row
        pkg_line = d.widget("packageStatus")
        assert "回执（" in pkg_line.text and "大魏家街道已接收 3 条" in pkg_line.text, pkg_line.text
        assert "未收到回执" not in pkg_line.text, pkg_line.text
        app.shot("workbench-returned")
        # 季度数据包 lies further down the workbench: the mouse wheel brings it on screen
        dx, dy, dw, _ = d.widget("dueList").rect
        for _ in range(10):
            line = d.widget("packageStatus")
            if (line.data.get("visible") or [0, 0, 0, 0])[3] >= line.rect[3]:
                break
            app.xdotool("mousemove", "--sync", str(dx + dw // 2), str(dy + 10), "click", "--repeat", "3", "5")
        else:
            raise AssertionError("季度数据包 did not come on screen")
        app.shot("workbench-receipt")
        app.windows_fit()
        app.close_window()
        assert app.wait_exit(60) == 0, app.stderr()
