"""汇总分析 page benchmark at district scale: what the officer waits for on screen.

    .venv/bin/python -m bench.bench_dashboard [--children 100000] [--dir /tmp/lb-bench-dashboard]
                                              [--source DISTRICT_STORE]  # e.g. an older cached one

On a private copy of the cached district store (``bench/district_data.py``, 100,000 children
over 25 streets and 371 villages; opening the copy applies any newer migration), offscreen Qt:

1. first show → figures drawn: the page's first ``refresh`` (imports the charting library,
   builds the charts, ``store.stats.compute`` in its worker with a cold cache, draws);
2. refresh → figures drawn (median of 5): compute in the worker + the draw on the GUI thread;
3. draw only (median of 5): ``DashboardPage._shown`` with the figures already computed — the
   GUI thread's share, what blocks input;
4. a mouse click on a bar → its children listed (median of 3): ``children_behind`` in the
   worker and the first screenful of rows, for the district's largest bar (男) and one street.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bench import district_data
from leftbehind_desktop.ui.app import make_app
from leftbehind_desktop.ui.charts import BarChart
from leftbehind_desktop.ui.dashboard_page import DashboardPage
from leftbehind_desktop.ui.session import Session

TODAY = date.today()


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def wait(app: QApplication, cond: Callable[[], bool], timeout: float = 600) -> None:
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise SystemExit("timed out")
        app.processEvents()
        time.sleep(0.001)


def click(chart: BarChart, label: str | None) -> None:
    rects = chart.bar_rects()
    _, rect = rects[0] if label is None else next(r for r in rects if r[0] == label)
    viewport = chart.plot.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     viewport.mapFrom(chart, rect.center()))


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--children", type=int, default=100_000)
    p.add_argument("--dir", type=Path, default=Path("/tmp/lb-bench-dashboard"))
    p.add_argument("--source", type=Path, help="a district store to copy (default: the cached one)")
    args = p.parse_args(argv)
    app = make_app(["bench"], "zh")
    source = args.source or district_data.cached(args.children, as_of=TODAY)
    store_dir = district_data.copy_to(source, args.dir)
    t = time.perf_counter()
    store = district_data.open_store(store_dir)
    opened = time.perf_counter() - t
    session = Session(store_dir, today=lambda: TODAY)
    session.attach(store)
    page = DashboardPage(session)
    page.load()
    page.resize(1200, 700)
    out: dict[str, Any] = {"children": args.children, "period": page.period.currentData(),
                           "open_store_s": round(opened, 1)}
    try:
        t = time.perf_counter()
        page.show()
        wait(app, lambda: page.stats is not None and not page.computing)
        out["first_show_ms"] = ms(time.perf_counter() - t)
        times = []
        for _ in range(5):
            t = time.perf_counter()
            page.refresh()
            wait(app, lambda: not page.computing)
            times.append(time.perf_counter() - t)
        out["refresh_ms_median"] = ms(statistics.median(times))
        figures = page.stats
        assert figures is not None
        draws = []
        for _ in range(5):
            t = time.perf_counter()
            page._shown(page._generation, figures)
            app.processEvents()
            draws.append(time.perf_counter() - t)
        out["draw_ms_median"] = ms(statistics.median(draws))
        for name, label, key in (("sex", "男", "click_largest_bar"), ("unit", None, "click_one_street")):
            clicks = []
            for _ in range(3):
                page.list_panel.clear()
                t = time.perf_counter()
                click(page.charts[name], label)
                wait(app, lambda: not page.listing and bool(page.list_panel.model.ids))
                page.list_panel.model.index(0, 0).data()  # the first screenful fetched
                clicks.append(time.perf_counter() - t)
            out[key] = {"children": len(page.list_panel.model.ids), "ms_median": ms(statistics.median(clicks))}
    finally:
        session.close()
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
