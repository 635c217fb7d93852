"""逐条审核 with the INSTALLED program on a real X server: a street store that imported a
village's packages (the second with a changed child, an exited child and a new priority flag)
→ unlock → 数据交换 → the village's row in 季度总览 → 审核… → the items → 退回 with a comment
typed into the comment field → Ctrl+Enter passes the next → 全部通过 (confirmed) → the counts.
Real X input only (xdotool, the clipboard); screenshots under tests/realwin/artifacts/review/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from leftbehind_desktop.sync import package, review
from leftbehind_desktop.ui.sync.common import last_finished_quarter

from ..conftest import CHILD, PASSPHRASE, STREET
from ..sync.helpers import enroll_pair, office
from .xsession import Driver, find_in, session

VILLAGE = "210213001001"
COMMENT = "就读学校名称有误，请核对后重报"


def _street_with_a_village_package(tmp: Path) -> Path:
    street = office(tmp, "street", "street", STREET, "大魏家街道")
    village = office(tmp, "village", "village", VILLAGE, "大李家村")
    enroll_pair(village, street)
    period = last_finished_quarter(date.today())
    ids = [village.reg.add("child", {**CHILD, "name": name, "id_number": number, "sex": sex})
           .record["id"] for name, number, sex in (("张小明", CHILD["id_number"], "男"),
                                                   ("李小军", "210213201503041094", "男"),
                                                   ("王小红", "210213201503041086", "女"))]
    package.import_package(street.store, package.export_package(
        village.store, period, tmp / "q1.lbpkg").path)
    review.pass_all(street.store, period, VILLAGE)
    why = "季度上报后更正"
    village.reg.update("child", ids[0], {"schooling": "初中", "school_name": "大李家中学"},
                       reason=why)
    village.reg.update("child", ids[1], {"status": "已退出", "exit_reason": "迁出本地",
                                         "exit_date": "2026-09-20"}, reason=why)
    village.reg.add("priority_flag", {"reason": "失学辍学", "source": "人工",
                                      "opened_on": "2026-09-02", "designated_person": "刘淑华",
                                      "status": "开放"}, child_id=ids[2], reason=why)
    package.import_package(street.store, package.export_package(
        village.store, period, tmp / "q2.lbpkg").path)
    assert len(review.review_items(street.store, period, VILLAGE, status="pending")) == 3
    village.close()
    street.close()
    return street.dir


def test_the_street_returns_one_item_and_passes_the_rest(tmp_path: Path) -> None:
    store = _street_with_a_village_package(tmp_path)
    with session(tmp_path, "review", store=store) as app:
        d = Driver(app)
        app.active("解锁")
        d.set_text("passphrase", PASSPHRASE, "解锁", check=False)
        app.key("Return")
        app.wait_for("the main window", lambda wins: any(w.name == "mainWindow" and w.active for w in wins))
        nav = d.widget("nav")
        x, y, w, h = nav.data["item_rects"][nav.data["items"].index("数据交换")]
        app.click_at(x + w // 2, y + h // 2)
        table = app.wait_for("the quarter overview", lambda wins: (t := find_in(wins, "overviewTable")) is not None
                             and t.data.get("rows") == 1 and t, 30)
        assert table.data["cells"][0][4] == "3", table.data["cells"]  # 待审核
        tx, ty, _, _ = table.rect
        app.click_at(tx + 60, ty + 26 + 12)  # the village's row
        d.click("openRecordReview")  # 审核…
        items = app.wait_for("the review items", lambda wins: (t := find_in(wins, "reviewItems")) is not None
                             and t.data.get("rows") == 6 and t, 30)
        counts = d.widget("reviewCounts")
        assert counts.text == "待审核 3 · 已通过 3 · 已退回 0", counts.text
        changes = [row[1] for row in items.data["cells"]]
        assert sorted(changes[3:]) == sorted(["变更", "退出", "新增重点对象"]), changes
        # the first item still to decide is selected, its fields side by side
        cur = items.data["current"]
        assert items.data["cells"][cur][0] == "待审核"
        fields = d.widget("reviewFields")
        assert fields.data.get("rows", 0) > 0
        app.shot("items")
        # walk to the changed child with the arrow keys (the list has the focus)
        target = changes.index("变更")
        if not items.focus:
            app.click_at(items.rect[0] + 20, items.rect[1] + 26 + 24 * cur + 12)
        steps = target - cur
        if steps:
            app.key(*(["Down"] * steps if steps > 0 else ["Up"] * -steps))
        app.wait_for("the changed child", lambda wins: (t := find_in(wins, "reviewItems")) is not None
                     and t.data.get("current") == target)
        fields = app.wait_for("its fields", lambda wins: (f := find_in(wins, "reviewFields")) is not None
                              and any(r[0] == "就学情况" for r in f.data.get("cells", [])) and f)
        assert ["就学情况", "小学", "初中"] in fields.data["cells"], fields.data["cells"]
        app.shot("changed-child")
        # 退回 with a comment: typed (pasted) into the comment field, Enter
        d.focus("reviewComment")
        app.paste(COMMENT)
        d.wait_text("reviewComment", COMMENT)
        app.shot_window("review-window", "信息台账", doc="record-review")  # the user guide's picture
        app.key("Return")
        app.wait_for("the return", lambda wins: (c := find_in(wins, "reviewCounts")) is not None
                     and c.text == "待审核 2 · 已通过 3 · 已退回 1")
        banner = d.widget("reviewBanner")
        assert "已退回" in banner.text and COMMENT in banner.text, banner.text
        # the next open item is selected and the list has the focus: Ctrl+Enter passes it
        app.wait_for("the list's focus", lambda wins: (t := find_in(wins, "reviewItems")) is not None and t.focus)
        app.key("ctrl+Return")
        app.wait_for("the pass", lambda wins: (c := find_in(wins, "reviewCounts")) is not None
                     and c.text == "待审核 1 · 已通过 4 · 已退回 1")
        # 全部通过 for the rest, after the question
        d.click("passAllItems")
        box = app.active("全部通过")
        assert any("其余 1 条" in w.text for w in box.widgets), [w.text for w in box.widgets]
        app.click(box.one(cls="QPushButton", text="全部通过"))
        app.wait_for("all decided", lambda wins: (c := find_in(wins, "reviewCounts")) is not None
                     and c.text == "待审核 0 · 已通过 5 · 已退回 1")
        items = d.widget("reviewItems")
        statuses = sorted(row[0] for row in items.data["cells"])
        assert statuses == sorted(["已通过"] * 5 + ["已退回"]), statuses
        returned = next(row for row in items.data["cells"] if row[0] == "已退回")
        assert returned[1] == "变更" and returned[2] == "张小明", returned
        app.shot("decided")
        # 撤销通过 on a passed item (a mouse click on its row, then the button), then pass it again
        row = next(r for r, cells in enumerate(items.data["cells"]) if cells[0] == "已通过")
        app.click_at(items.rect[0] + 20, items.rect[1] + 26 + 24 * row + 12)
        app.wait_for("the undo button", lambda wins: find_in(wins, "reopenItem") is not None)
        d.click("reopenItem")
        app.wait_for("the pass undone", lambda wins: (c := find_in(wins, "reviewCounts")) is not None
                     and c.text == "待审核 1 · 已通过 4 · 已退回 1")
        assert "已撤销通过" in d.widget("reviewBanner").text
        assert d.widget("reviewItems").data["cells"][row][0] == "待审核"
        app.shot("pass-undone")
        app.wait_for("the list's focus", lambda wins: (t := find_in(wins, "reviewItems")) is not None and t.focus)
        app.key("ctrl+Return")
        app.wait_for("passed again", lambda wins: (c := find_in(wins, "reviewCounts")) is not None
                     and c.text == "待审核 0 · 已通过 5 · 已退回 1")
        app.windows_fit()
        app.close_window()
        assert app.wait_exit(60) == 0, app.stderr()
    from leftbehind_desktop.store.store import Store

    st = Store.open(store, passphrase=PASSPHRASE)
    try:
        period = last_finished_quarter(date.today())
        back = review.review_items(st, period, VILLAGE, status="returned")
        assert [(i["change"], i["comment"]) for i in back] == [("changed", COMMENT)]
        assert not review.quarter_review_state(st, period, VILLAGE)["reviewed"]
    finally:
        st.close()
