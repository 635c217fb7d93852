"""汇总分析 with the INSTALLED program on a real X server: the demo store (``--demo``) → a real
mouse click on 汇总分析 in the side list → the charts → a real mouse click on a bar → the list of
the children behind it (as many as the bar says) → a double-click on a child → the child's
file. Real X input only (xdotool); screenshots under tests/realwin/artifacts/dashboard/."""

from __future__ import annotations

from pathlib import Path

from .xsession import find_in, session


def test_click_a_bar_see_the_children_open_one(tmp_path: Path) -> None:
    with session(tmp_path, "dashboard", args=["--demo"]) as app:
        app.wait_for("the demo's main window", lambda wins: any(w.name == "mainWindow" and w.active for w in wins)
                     and "在册儿童" in getattr(find_in(wins, "workbenchSummary"), "text", ""), 60)
        nav = find_in(app.probe(), "nav")
        assert nav is not None
        x, y, w, h = nav.data["item_rects"][nav.data["items"].index("汇总分析")]
        app.click_at(x + w // 2, y + h // 2)
        chart = app.wait_for("the guardianship chart", lambda wins: (c := find_in(wins, "guardianship")) is not None
                             and c.data.get("items") and c, 60)
        headline = find_in(app.probe(), "dashboardHeadline")
        assert headline is not None and "在册儿童" in headline.text and "统计截止日期" in headline.text
        app.shot("dashboard")
        # the tallest bar (its label reads "一般 123": name, then the count)
        counts = [int(item.rsplit(" ", 1)[1]) for item in chart.data["items"]]
        i = counts.index(max(counts))
        name = chart.data["items"][i].rsplit(" ", 1)[0]
        bx, by, bw, bh = chart.data["item_rects"][i]
        app.click_at(bx + bw // 2, by + bh // 2)
        table = app.wait_for("the children behind the bar", lambda wins: (t := find_in(
            wins, "dashboardChildrenTable")) is not None and t.data.get("rows") == counts[i] and t, 30)
        title = find_in(app.probe(), "dashboardChildrenTitle")
        assert title is not None and f"{name}：{counts[i]} 名儿童" in title.text, title.text if title else ""
        assert all(row[7] == name for row in table.data["cells"]), table.data["cells"][:3]  # 监护类型 column
        app.shot("children-behind-bar")
        app.shot_window("dashboard-window", "信息台账", doc="dashboard")  # the user guide's picture
        # 季度趋势: a real click on the dot of the quarter before lists that quarter's children
        tabs = next(x for win in app.probe() for x in win.widgets
                    if x.cls == "QTabBar" and "季度趋势" in x.data.get("items", []))
        x, y, w, h = tabs.data["item_rects"][tabs.data["items"].index("季度趋势")]
        app.click_at(x + w // 2, y + h // 2)
        line = app.wait_for("the trend of children", lambda wins: (c := find_in(wins, "trend_children")) is not None
                            and len(c.data.get("items") or []) >= 2 and c.data["item_rects"][-2][2] > 0 and c, 60)
        label, count = line.data["items"][-2].rsplit(" ", 1)
        px, py, pw, ph = line.data["item_rects"][-2]
        app.click_at(px + pw // 2, py + ph // 2)
        app.wait_for("that quarter's children", lambda wins: (t := find_in(wins, "dashboardChildrenTitle")) is not None
                     and t.text == f"{label} · 在册儿童：{count} 名儿童", 30)
        app.shot("trend-point")
        # back to 儿童构成 and the list of the bar, for the double-click below
        app.click_at(*next(((r[0] + r[2] // 2, r[1] + r[3] // 2) for i, r in enumerate(tabs.data["item_rects"])
                            if tabs.data["items"][i] == "儿童构成")))
        app.click_at(bx + bw // 2, by + bh // 2)
        table = app.wait_for("the children behind the bar again", lambda wins: (t := find_in(
            wins, "dashboardChildrenTable")) is not None and t.data.get("rows") == counts[i]
            and (tt := find_in(wins, "dashboardChildrenTitle")) is not None and name in tt.text and t, 30)
        first = table.data["cells"][0][0]
        tx, ty, _, _ = table.rect
        app.xdotool("mousemove", "--sync", str(tx + 30), str(ty + 24 + 12), "click", "--repeat", "2", "1")
        app.wait_for("the child's file", lambda wins: any(
            x.cls == "QTabBar" and first in x.data.get("items", []) for win in wins for x in win.widgets), 30)
        app.shot("child-file")
        app.windows_fit()
        app.close_window()
        assert app.wait_exit(60) == 0, app.stderr()
