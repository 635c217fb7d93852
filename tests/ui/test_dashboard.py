"""汇总分析 in the GUI: the figures shown are ``store.stats.compute``'s, in words (no codes);
a mouse click on a bar lists exactly ``children_behind`` of that bar; double-clicking a child
opens the child file; the unit selector narrows the figures; English labels."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from leftbehind_desktop.core import stats as defs
from leftbehind_desktop.core.codebooks import codebook
from leftbehind_desktop.store import stats
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.ui import i18n, jobs
from leftbehind_desktop.ui.charts import BarChart, LineChart
from leftbehind_desktop.ui.dashboard_page import DashboardPage, ReportDialog
from leftbehind_desktop.ui.mainwindow import NAV_DASHBOARD, NAV_FILES, MainWindow
from leftbehind_desktop.ui.session import Session

from ..conftest import STREET, fill_demo, make_store
from .conftest import wait_until

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
TODAY = date(2026, 12, 1)  # the page offers 2026Q3 (the last finished quarter) first
PERIOD = "2026Q3"


@dataclass
class Office:
    reg: Registry
    session: Session


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    base = tmp_path_factory.mktemp("office")
    store, _ = make_store(base / "store", role="street", unit=STREET, name="大魏家街道")
    reg = Registry(store, today=lambda: TODAY)
    fill_demo(reg, 160, as_of=TODAY)
    session = Session(base / "store", today=lambda: TODAY)
    session._store, session._registry = store, reg
    yield Office(reg, session)
    session._store = session._registry = None
    store.close()


def settled(page: DashboardPage) -> bool:
    return not page.computing and not page.listing and not jobs.running(include_background=True)


def shown_page(qtbot: QtBot, office: Office) -> DashboardPage:
    page = DashboardPage(office.session)
    qtbot.addWidget(page)
    page.load()
    page.resize(1200, 700)
    page.show()  # the figures are computed on first show, off the GUI thread
    wait_until(lambda: page.stats is not None and settled(page), 60)
    return page


def click_bar(chart: BarChart, label: str) -> None:
    """A real left click (mouse press and release on the picture) in the middle of the bar."""
    rects = dict(chart.bar_rects())
    assert label in rects, (label, list(rects))
    viewport = chart.plot.viewport()
    point = viewport.mapFrom(chart, rects[label].center())
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def values(chart: BarChart) -> dict[str, float]:
    return {b.label: b.value for b in chart.bars}


def test_the_figures_on_screen_are_computes(qtbot: QtBot, office: Office) -> None:
    page = shown_page(qtbot, office)
    assert page.period.currentData() == PERIOD and page.period.currentText() == "2026年第3季度"
    want = stats.compute(office.reg.store, PERIOD, today=TODAY).as_dict()
    kids = want["total"]["children"]
    assert kids["total"] > 100
    assert page.stats == want
    # every breakdown: all the codebook's values in its order, labelled in words, counts as computed
    assert values(page.charts["sex"]) == {"男": kids["by_sex"].get("男", 0), "女": kids["by_sex"].get("女", 0)}
    assert [b.label for b in page.charts["guardianship"].bars] == list(codebook("guardianship_grade").values)
    assert values(page.charts["guardianship"]) == {
        g: kids["by_guardianship"].get(g, 0) for g in codebook("guardianship_grade").values}
    assert values(page.charts["age_band"]) == {"0-5岁": kids["by_age_band"]["0-5"],
                                               "6-13岁": kids["by_age_band"]["6-13"],
                                               "14-15岁": kids["by_age_band"]["14-15"]}
    assert values(page.charts["priority_reason"]) == {
        r: kids["by_priority_reason"].get(r, 0) for r in codebook("flag_reason").values}
    assert values(page.charts["report_age"]) == {
        defs.label("report_age", b): want["total"]["reports"]["by_age"].get(b, 0)
        for b in defs.codes("report_age")}
    units = want["units"]
    assert len(units) >= 4
    assert values(page.charts["unit"]) == {u["unit_name"]: u["children"]["total"] for u in units}
    assert sum(values(page.charts["unit"]).values()) == kids["total"]
    coverage = {b.label: b for b in page.charts["coverage"].bars}
    for u in units:
        cov = u["home_visit_coverage"]
        bar = coverage[u["unit_name"]]
        assert bar.value == pytest.approx((cov["share"] or 0) * 100, abs=0.05)
        assert bar.text == f"{cov['share'] * 100:.1f}%（{cov['visited']}/{cov['active']}）"
    assert values(page.charts["gaps_unit"]) == {u["unit_name"]: u["entrustment_gaps"] for u in units}
    assert values(page.charts["reports_unit"]) == {u["unit_name"]: u["reports"]["open"] for u in units}
    cov = want["total"]["home_visit_coverage"]
    assert values(page.charts["home_visit"]) == {"本月已入户走访": cov["visited"],
                                                  "本月未入户走访": cov["active"] - cov["visited"]}
    headline = page.headline.text()
    assert f"在册儿童 {kids['total']} 名" in headline
    assert f"{cov['share'] * 100:.1f}%（{cov['visited']}/{cov['active']}）" in headline
    assert "2026年9月30日" in headline
    assert page.lines["trend_children"].values == [t["children_total"] for t in want["trend"]]
    assert page.lines["trend_children"].labels[-1] == "2026年第3季度"
    # no internal code anywhere a user reads
    shown = [b.label for c in page.charts.values() for b in c.bars] + page.lines["trend_children"].labels
    assert not any(s in ("0-5", "6-13", "14-15", "91+", PERIOD) or s.isdigit() for s in shown), shown


def test_a_click_on_a_bar_lists_exactly_the_children_behind_it(qtbot: QtBot, office: Office) -> None:
    page = shown_page(qtbot, office)
    model = page.list_panel.model
    cases: list[tuple[str, str, list[str]]] = [
        ("guardianship", "一般", stats.children_behind(office.reg.store, PERIOD, None, "guardianship", "一般",
                                                     today=TODAY)),
        ("age_band", "6-13岁", stats.children_behind(office.reg.store, PERIOD, None, "age_band", "6-13",
                                                    today=TODAY)),
    ]
    unit = page.stats["units"][1] if page.stats else {}
    cases.append(("unit", unit["unit_name"], stats.children_behind(
        office.reg.store, PERIOD, None, "unit", unit["unit_code"], today=TODAY)))
    cases.append(("coverage", unit["unit_name"], stats.children_behind(
        office.reg.store, PERIOD, unit["unit_code"], "home_visit", "not_visited", today=TODAY)))
    for chart_name, label, expected in cases:
        chart = page.charts[chart_name]
        page.tabs.setCurrentWidget(page.tabs.widget(1 if chart_name == "coverage" else 0))
        qtbot.waitUntil(lambda c=chart: bool(c.bar_rects()) and c.isVisible())
        click_bar(chart, label)
        wait_until(lambda: settled(page), 30)
        assert expected, chart_name
        assert model.ids == expected, chart_name
        assert chart.selected is not None
        assert f"{len(expected)} 名儿童" in page.list_panel.title.text()
        # the rows show the children's names from the registry, first screenful fetched lazily
        first = office.reg.child_rows(expected[:1])[expected[0]]
        assert model.index(0, 0).data() == first["name"]
    # a bar of 0 is not clickable: nothing changes
    empty = next((b for b in page.charts["guardianship"].bars if b.value == 0), None)
    if empty is not None:
        before = list(model.ids)
        page.tabs.setCurrentIndex(0)
        click_bar(page.charts["guardianship"], empty.label)
        wait_until(lambda: settled(page), 30)
        assert model.ids == before


def click_point(chart: LineChart, label: str) -> None:
    """A real left click on a trend's dot."""
    rects = dict(chart.point_rects())
    assert label in rects, (label, list(rects))
    point = chart.plot.viewport().mapFrom(chart, rects[label].center())
    QTest.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def test_a_click_on_a_trend_point_lists_that_quarters_children(qtbot: QtBot, office: Office) -> None:
    page = shown_page(qtbot, office)
    wait_until(lambda: not page.trending, 60)
    page.tabs.setCurrentIndex(3)  # 季度趋势
    model = page.list_panel.model
    reg = office.reg.store
    bands = defs.REPORT_AGE_BANDS
    cases = [("trend_children", "total", [(None, None)]),
             ("trend_coverage", "home_visit", [("not_visited", None)]),
             ("trend_reports", "report_age", [(b[0], None) for b in bands])]
    for name, dimension, values_ in cases:
        chart = page.lines[name]
        qtbot.waitUntil(lambda c=chart: bool(c.point_rects()) and c.isVisible())
        label, period = chart.labels[-2], chart.keys[-2]  # the quarter before the chosen one
        assert period == "2026Q2" and label == "2026年第2季度"
        expected: list[str] = []
        for value, _ in values_:
            expected += [c for c in stats.children_behind(reg, period, None, dimension, value, today=TODAY)
                         if c not in expected]
        click_point(chart, label)
        wait_until(lambda: settled(page), 30)
        assert chart.selected == period
        assert model.ids == expected, name
        assert page.list_panel.title.text().startswith("2026年第2季度 · ")
        assert f"{len(expected)} 名儿童" in page.list_panel.title.text()
    # the keyboard: the chart takes the focus, ← moves to the quarter before, Enter lists it
    chart = page.lines["trend_children"]
    chart.setFocus()
    chart.select("2026Q2")
    QTest.keyClick(chart, Qt.Key.Key_Left)
    assert chart.selected == "2026Q1"
    QTest.keyClick(chart, Qt.Key.Key_Return)
    wait_until(lambda: settled(page), 30)
    assert model.ids == stats.children_behind(reg, "2026Q1", None, "total", today=TODAY)
    assert page.lines["trend_coverage"].selected is None  # one selection on the page


def test_unit_selector_narrows_the_figures(qtbot: QtBot, office: Office) -> None:
    page = shown_page(qtbot, office)
    items = [page.unit.itemText(i) for i in range(page.unit.count())]
    assert items[0] == "全部（大魏家街道）" and len(items) >= 5
    village = str(page.unit.itemData(2))
    page.unit.setCurrentIndex(2)
    wait_until(lambda: settled(page) and page.stats is not None and page.stats["scope"]["unit_code"] == village, 60)
    want = stats.compute(office.reg.store, PERIOD, village, today=TODAY).as_dict()
    assert page.stats == want
    assert sum(values(page.charts["sex"]).values()) == want["total"]["children"]["total"]
    assert list(values(page.charts["unit"])) == [want["scope"]["unit_name"]]
    page.period.setCurrentIndex(page.period.findData("2026Q2"))
    wait_until(lambda: settled(page) and page.stats is not None and page.stats["period"] == "2026Q2", 60)
    assert page.stats == stats.compute(office.reg.store, "2026Q2", village, today=TODAY).as_dict()


def test_village_double_click_opens_the_child_file(qtbot: QtBot, tmp_path: Path) -> None:
    """A village office: no unit selector; a bar clicked, a child double-clicked → its file."""
    store, _ = make_store(tmp_path / "v")
    fill_demo(Registry(store, today=lambda: TODAY), 40, as_of=TODAY)
    session = Session(tmp_path / "v", today=lambda: TODAY)
    session.attach(store)
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    win.start()
    assert win.nav.item(NAV_DASHBOARD).text() == "汇总分析"
    win.show_page(NAV_DASHBOARD)
    page = win.dashboard
    wait_until(lambda: page.stats is not None and settled(page), 60)
    assert not page.unit.isVisible()
    assert page.stats == stats.compute(store, PERIOD, today=TODAY).as_dict()
    click_bar(page.charts["sex"], "女")
    wait_until(lambda: settled(page) and bool(page.list_panel.model.ids), 30)
    table = page.list_panel.table
    ids = page.list_panel.model.ids
    assert ids == stats.children_behind(store, PERIOD, None, "sex", "女", today=TODAY)
    rect = table.visualRect(table.model().index(2, 0))
    assert table.viewport().rect().contains(rect.center())
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      rect.center())
    assert win.nav.currentRow() == NAV_FILES
    child = win.current_child()
    assert child is not None and child.child_id == ids[2]
    win.close()


def test_english_labels_come_from_the_codebooks(qtbot: QtBot, office: Office) -> None:
    i18n.set_current("en")
    try:
        page = shown_page(qtbot, office)
        assert [b.label for b in page.charts["sex"].bars] == ["Male", "Female"]
        assert [b.label for b in page.charts["age_band"].bars] == ["0–5", "6–13", "14–15"]
        assert [b.label for b in page.charts["guardianship"].bars] == [
            codebook("guardianship_grade").label(v, "en") for v in codebook("guardianship_grade").values]
        assert page.lines["trend_children"].labels[-1] == "Q3 2026"
    finally:
        i18n.set_current("zh")


def test_keyboard_reaches_the_bars(qtbot: QtBot, office: Office) -> None:
    """Tab to a chart, ↓ to a bar, Enter: the same list as a click (no mouse needed)."""
    page = shown_page(qtbot, office)
    chart = page.charts["guardianship"]
    chart.setFocus()
    assert chart.hasFocus()
    for _ in range(4):  # the first ↓ selects 无人监护, three more reach 一般 (the codebook's 4th)
        QTest.keyClick(chart, Qt.Key.Key_Down)
    assert chart.selected == "一般"
    QTest.keyClick(chart, Qt.Key.Key_Return)
    wait_until(lambda: settled(page) and bool(page.list_panel.model.ids), 30)
    assert page.list_panel.model.ids == stats.children_behind(office.reg.store, PERIOD, None, "guardianship",
                                                              "一般", today=TODAY)


def test_export_writes_the_analysis_report_pdf(qtbot: QtBot, office: Office, tmp_path: Path) -> None:
    """导出分析报告…: the page's quarter and unit, a folder → the PDF, written off the GUI thread;
    pdftotext reads the office, the quarter and the page's total back out of it."""
    page = shown_page(qtbot, office)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dlg = page.findChild(ReportDialog)
    assert dlg is not None and dlg.isVisible()
    assert dlg.export_button.isDefault()
    out = tmp_path / "报告"
    dlg.folder.set_path(out)
    qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    assert dlg.worker is not None
    wait_until(lambda: dlg.outcome is not None and not dlg.busy() and not jobs.running(include_background=True), 120)
    assert dlg.banner.level == "ok", dlg.banner.text()
    pdf = out / "大魏家街道2026年第3季度分析报告.pdf"
    assert pdf.is_file() and dlg.outcome is not None and dlg.outcome.files == [pdf]
    assert dlg.open_button.isVisible()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    total = page.stats["total"]["children"]["total"] if page.stats else 0
    assert "大魏家街道" in text and "2026年第3季度" in text and str(total) in text
    # again: a new name, the first file is never overwritten
    qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    wait_until(lambda: not dlg.busy() and (out / "大魏家街道2026年第3季度分析报告（2）.pdf").is_file(), 120)
    dlg.close()


def test_the_figures_are_shown_before_the_trend(qtbot: QtBot, office: Office,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """At district scale the trend (earlier quarters) is the slow part: the figures of the
    quarter are on screen first, the trend charts say they are being computed, then fill in."""
    import threading

    release = threading.Event()
    real = stats.compute

    def slow_trend(*args: object, **kwargs: object) -> stats.Stats:
        if kwargs.get("trend", True):
            assert release.wait(30)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stats, "compute", slow_trend)
    page = DashboardPage(office.session)
    qtbot.addWidget(page)
    page.load()
    page.resize(1200, 700)
    page.show()
    wait_until(lambda: page.stats is not None and not page.computing, 60)
    assert page.trending and "在册儿童" in page.headline.text()
    assert values(page.charts["sex"]) and page.lines["trend_children"].values == []
    # a bar clicked meanwhile lists its children and does not drop the trend
    page.bar_clicked("sex", "男")
    wait_until(lambda: not page.listing, 30)
    assert page.list_panel.model.ids == stats.children_behind(office.reg.store, PERIOD, None, "sex", "男",
                                                               today=TODAY)
    release.set()
    wait_until(lambda: settled(page) and not page.trending, 60)
    want = real(office.reg, PERIOD, None, today=TODAY)
    assert page.lines["trend_children"].values == [t["children_total"] for t in want.trend]
