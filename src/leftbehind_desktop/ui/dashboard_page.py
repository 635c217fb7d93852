"""汇总分析: the figures of a quarter for this office (village, street or district) or one unit
below it, as charts a user can click through to the children behind a bar, and the same page
as the quarterly 分析报告 PDF.

The figures are ``store.stats.compute`` (its ``as_dict()`` shape: docs/CLI.md ``stats``), the
children behind a bar ``store.stats.children_behind`` — both computed off the GUI thread on a
read-only connection. The shown words of codes (sex, guardianship, priority reasons, bands,
package states) are ``core.stats.label`` (from the forms' codebooks). The charts are
``ui/charts.py``, imported when the page is first shown (the charting library is not loaded at
start-up)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import units
from ..core.dates import format_date, local_time_text, quarter_label
from ..core.messages import UserError
from . import dialogs, i18n, jobs
from .export_dialogs import Outcome, _error_text, _folder, _JobDialog, _write_error, free_path
from .registry_model import ChildTableModel
from .session import Session
from .sync.common import fill_quarters, period_text
from .widgets import HINT_STYLE, TITLE_STYLE, safe_name

if TYPE_CHECKING:
    from .charts import BarChart, LineChart

# columns of the children list (of ui/registry_model.COLUMNS) a narrow panel shows
LIST_COLUMNS = ("name", "sex", "age", "unit_name", "guardianship_grade", "flags", "last_visit")


def _label(dimension: str, value: str) -> str:
    from ..core import stats as defs

    return defs.label(dimension, value, i18n.current())


def _codes(dimension: str) -> tuple[str, ...]:
    from ..core import stats as defs

    return defs.codes(dimension)


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


class ChildIdModel(ChildTableModel):
    """The registry's lazy table model over a fixed list of ids (the children behind a bar):
    rows are fetched a page at a time as the view shows them, so a bar of 50,000 children
    lists at once. The order is the service's (village, name); headers do not re-sort."""

    def set_ids(self, ids: Sequence[str]) -> None:
        self.active = True
        self.beginResetModel()
        self.ids = list(ids)
        self._pages.clear()
        self.endResetModel()

    def reload(self) -> None:
        self.invalidate_rows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        return


@dataclass(frozen=True)
class Query:
    """What a bar stands for: ``children_behind(period, unit, dimension, value)`` for each
    (dimension, value) of ``parts`` (several for a unit's open reports, one per age band)."""

    title: str
    unit: str | None
    parts: tuple[tuple[str, str | None], ...]
    period: str | None = None  # another quarter than the one chosen (a trend's point)


class ChildrenPanel(QWidget):
    """The children behind the last bar clicked: a title with the count, the list (double-click
    or Enter or 打开档案 opens the child file)."""

    open_child = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardChildren")
        self.title = QLabel(self.tr("点击图中的条形，这里列出对应的儿童；双击一名儿童打开其档案。"))
        self.title.setObjectName("dashboardChildrenTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet(HINT_STYLE)
        self.model = ChildIdModel(lambda: session.registry, session.today, self)
        self.model.set_lock(session.lock)
        self.model.active = False
        self.table = QTableView()
        self.table.setObjectName("dashboardChildrenTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        from .registry_model import COLUMNS

        keys = [c[0] for c in COLUMNS]
        widths = {"name": 64, "sex": 36, "age": 36, "unit_name": 90, "guardianship_grade": 90,
                  "flags": 100, "last_visit": 96}
        if i18n.current() == "en":
            widths.update(sex=56, guardianship_grade=130)
        for col, key in enumerate(keys):
            self.table.setColumnHidden(col, key not in LIST_COLUMNS)
            if key in widths:
                self.table.setColumnWidth(col, widths[key])
        self.session = session
        self.unit_column = keys.index("unit_name")
        self.table.doubleClicked.connect(lambda idx: self._open(idx.row()))
        self.table.activated.connect(lambda idx: self._open(idx.row()))
        self.open_button = QPushButton(self.tr("打开档案"))
        self.open_button.setObjectName("dashboardOpenChild")
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex().row()))
        self.open_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_children(self, title: str, ids: Sequence[str]) -> None:
        # a village's children are all its own: the 村（社区）column would say the same
        # name on every row and push 重点对象 and 最近走访 out of the narrow list
        self.table.setColumnHidden(self.unit_column, self.session.is_open
                                   and self.session.store.role == "village")
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setText(self.tr("%1：%n 名儿童", "", len(ids)).replace("%1", title))
        self.model.set_ids(ids)
        self.open_button.setEnabled(bool(ids))
        if ids:
            self.table.selectRow(0)

    def busy(self, title: str) -> None:
        self.title.setText(self.tr("%1：正在查找……").replace("%1", title))

    def clear(self) -> None:
        self.model.clear()
        self.open_button.setEnabled(False)
        self.title.setStyleSheet(HINT_STYLE)
        self.title.setText(self.tr("点击图中的条形，这里列出对应的儿童；双击一名儿童打开其档案。"))

    def _open(self, row: int) -> None:
        cid = self.model.child_id(row)
        if cid:
            self.open_child.emit(cid)


class DashboardPage(QWidget):
    """Quarter and unit at the top; the figures in tabs (children, home visits, reports and
    entrustment, trends, packages); the children behind a clicked bar at the right."""

    open_child = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.session = session
        self.stats: dict[str, Any] | None = None
        self.charts: dict[str, BarChart] = {}
        self.lines: dict[str, LineChart] = {}
        self.queries: dict[tuple[str, str], Query] = {}  # (chart, bar key) → what is behind it
        self._generation = 0  # results of an older selection are dropped
        self._list_generation = 0  # (and lists of an older click)
        self._loaded = False
        self.computing = False
        self.trending = False  # the trend of the figures shown is still being computed
        self.listing = False

        title = QLabel(self.tr("汇总分析"))
        title.setStyleSheet(TITLE_STYLE)
        self.period = QComboBox()
        self.period.setObjectName("dashboardPeriod")
        self.unit = QComboBox()
        self.unit.setObjectName("dashboardUnit")
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit.setMinimumContentsLength(12)
        self.unit_label = QLabel(self.tr("单位："))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setObjectName("dashboardRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("导出分析报告…"))
        self.export_button.setObjectName("dashboardExport")
        self.export_button.clicked.connect(self.export_report)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("统计季度：")))
        top.addWidget(self.period)
        top.addWidget(self.unit_label)
        top.addWidget(self.unit)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.export_button)
        self.period.currentIndexChanged.connect(self._selection_changed)
        self.unit.currentIndexChanged.connect(self._selection_changed)

        self.headline = QLabel()
        self.headline.setObjectName("dashboardHeadline")
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("font-size: 11pt;")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboardTabs")
        self.list_panel = ChildrenPanel(session)
        self.list_panel.open_child.connect(self.open_child)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("dashboardSplit")
        split.addWidget(self.tabs)
        split.addWidget(self.list_panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([720, 460])
        self.split = split
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addWidget(split, 1)

    # -- the pictures, made on first show -------------------------------------------------
    def _tab(self, name: str, title: str, charts: Sequence[tuple[QWidget, int, int, int]]) -> QWidget:
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setVerticalSpacing(10)
        for widget, row, col, span in charts:
            grid.addWidget(widget, row, col, 1, span, Qt.AlignmentFlag.AlignTop)
        grid.setRowStretch(grid.rowCount(), 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        area = QScrollArea()
        area.setObjectName(name)
        area.setWidgetResizable(True)
        area.setWidget(inner)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tabs.addTab(area, title)
        return area

    def _build(self) -> None:
        if self.charts:
            return
        from .charts import BarChart, LineChart

        def bar(name: str, title: str) -> BarChart:
            chart = BarChart(name, title)
            chart.clicked.connect(lambda key, n=name: self.bar_clicked(n, key))
            self.charts[name] = chart
            return chart

        def line(name: str, title: str) -> LineChart:
            chart = LineChart(name, title)
            chart.clicked.connect(lambda key, n=name: self.bar_clicked(n, key))
            self.lines[name] = chart
            return chart

        self._tab("dashboardTabChildren", self.tr("儿童构成"), [
            (bar("age_band", self.tr("按年龄段（统计截止日期）")), 0, 0, 1),
            (bar("sex", self.tr("按性别")), 0, 1, 1),
            (bar("guardianship", self.tr("按监护类型")), 1, 0, 2),
            (bar("priority_reason", self.tr("重点对象（按原因，一人可有多个原因）")), 2, 0, 2),
            (bar("unit", self.tr("按单位")), 3, 0, 2),
        ])
        self._tab("dashboardTabVisits", self.tr("入户走访"), [
            (bar("home_visit", self.tr("本月入户走访")), 0, 0, 2),
            (bar("coverage", self.tr("本月入户走访覆盖率（按单位；点击列出未走访的儿童）")), 1, 0, 2),
        ])
        self._tab("dashboardTabReports", self.tr("强制报告与委托监护"), [
            (bar("report_age", self.tr("未结案强制报告（按已过天数）")), 0, 0, 1),
            (bar("reports_unit", self.tr("未结案强制报告（按单位）")), 0, 1, 1),
            (bar("gaps_unit", self.tr("缺少有效委托监护（按单位）")), 1, 0, 2),
        ])
        self._tab("dashboardTabTrend", self.tr("季度趋势"), [
            (line("trend_children", self.tr("在册儿童")), 0, 0, 2),
            (line("trend_coverage", self.tr("入户走访覆盖率（季度最后一个月）")), 1, 0, 2),
            (line("trend_reports", self.tr("未结案强制报告")), 2, 0, 2),
        ])
        self.packages = QTableWidget(0, 4)
        self.packages.setObjectName("dashboardPackages")
        self.packages.setHorizontalHeaderLabels([self.tr("单位"), self.tr("数据包"), self.tr("收到时间"),
                                                 self.tr("是否逾期")])
        self.packages.verticalHeader().setVisible(False)
        self.packages.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.packages.horizontalHeader().setStretchLastSection(True)
        self.packages.setColumnWidth(0, 200)
        self.packages.setColumnWidth(1, 140)
        self.packages.setColumnWidth(2, 180)
        self.packages_note = QLabel()
        self.packages_note.setObjectName("dashboardPackagesNote")
        self.packages_note.setWordWrap(True)
        self.packages_note.setStyleSheet(HINT_STYLE)
        box = QWidget()
        bl = QVBoxLayout(box)
        bl.addWidget(self.packages_note)
        bl.addWidget(self.packages, 1)
        self.tabs.addTab(box, self.tr("数据包报送"))

    # -- selection ------------------------------------------------------------------------
    def load(self) -> None:
        """After unlock: the quarters and the units to choose from (figures come on show)."""
        self._loaded = False
        self.stats = None
        if not self.session.is_open:
            return
        for combo in (self.period, self.unit):
            combo.blockSignals(True)
        fill_quarters(self.period, self.session)
        store = self.session.store
        with self.session.lock:
            below = [u for u in self.session.registry.list_units()
                     if u.code != store.unit_code and units.contains(store.unit_code, u.code)]
        self.unit.clear()
        self.unit.addItem(self.tr("全部（%1）").replace("%1", store.unit_name), None)
        role = units.level_of(store.unit_code)
        if role is units.Level.DISTRICT:
            streets = [u for u in below if u.level is units.Level.STREET]
            for s in streets:
                self.unit.addItem(s.name, s.code)
                for v in below:
                    if v.level is units.Level.VILLAGE and v.code[:9] == s.code[:9]:
                        self.unit.addItem("　　" + v.name, v.code)
        else:
            for v in below:
                if v.level is units.Level.VILLAGE:
                    self.unit.addItem(v.name, v.code)
        several = self.unit.count() > 1
        self.unit.setVisible(several)
        self.unit_label.setVisible(several)
        for combo in (self.period, self.unit):
            combo.blockSignals(False)

    def clear(self) -> None:
        """The store locks: nothing of it stays on screen."""
        self._generation += 1
        self.stats = None
        self._loaded = False
        self.computing = self.trending = self.listing = False
        self.headline.setText("")
        self.list_panel.clear()
        for chart in self.charts.values():
            chart.set_bars([])
        for lc in self.lines.values():
            lc.set_points([], [])
        if self.charts:
            self.packages.setRowCount(0)

    def stale(self) -> None:
        """The registry changed: the figures are computed again when the page is next shown
        (at once when it is on screen)."""
        self._loaded = False
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded and self.session.is_open:
            QTimer.singleShot(0, self.refresh)

    def selection(self) -> tuple[str, str | None]:
        return str(self.period.currentData()), self.unit.currentData()

    def _selection_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._loaded = False

    # -- figures --------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.session.is_open or self.period.count() == 0:
            return
        self._build()
        self._loaded = True
        self._generation += 1
        generation = self._generation
        period, unit = self.selection()
        self.computing = True
        self.headline.setText(self.tr("正在计算%1的汇总数据……").replace("%1", period_text(period)))
        session = self.session
        store = session.store
        today = session.today()

        def work(with_trend: bool) -> Callable[[jobs.Progress, threading.Event], dict[str, Any]]:
            def run(_progress: jobs.Progress, _cancel: threading.Event) -> dict[str, Any]:
                from ..store import stats

                with store.reader() as conn:  # the app's own connection stays free meanwhile
                    result: dict[str, Any] = stats.compute(conn, period, unit, today=today,
                                                           trend=with_trend).as_dict()
                    return result
            return run

        def figures_shown(result: dict[str, Any]) -> None:
            if not self._shown(generation, result):
                return
            # then the trend (earlier quarters: the slow part at district scale), the figures
            # above already on screen; compute() remembers them, so only the trend is new work
            self.trending = True
            jobs.start(work(True), lambda r: self._trend_shown(generation, r),
                       lambda e: self._failed(generation, e), dialog=False, owner=self)

        jobs.start(work(False), figures_shown, lambda e: self._failed(generation, e),
                   dialog=False, owner=self)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.computing = self.trending = False
        self.headline.setText("")
        if self.session.is_open:
            dialogs.show_error(self, exc)

    def _shown(self, generation: int, result: dict[str, Any]) -> bool:
        """The figures of the selection (the trend follows in :meth:`_trend_shown`); False
        when the result is for an older selection or the store has locked meanwhile."""
        if generation != self._generation or not self.session.is_open:
            return False
        self.computing = False
        self.stats = result
        self.list_panel.clear()
        self.queries.clear()
        lang = i18n.current()
        period = result["period"]
        total = result["total"]
        scope_unit = result["scope"]["unit_code"]
        kids = total["children"]
        cov = total["home_visit_coverage"]
        cutoff = format_date(date.fromisoformat(result["cutoff"]), lang)
        self.headline.setText(
            self.tr("%1 · 统计截止日期 %2：在册儿童 %3 名 · 本月入户走访 %4（%5/%6） · "
                    "未结案强制报告 %7 件 · 缺少有效委托监护 %8 名")
            .replace("%1", result["scope"]["unit_name"]).replace("%2", cutoff)
            .replace("%3", str(kids["total"])).replace("%4", _percent(cov["share"]))
            .replace("%5", str(cov["visited"])).replace("%6", str(cov["active"]))
            .replace("%7", str(total["reports"]["open"])).replace("%8", str(total["entrustment_gaps"])))
        from .charts import Bar

        none = self.tr("没有数据")

        def breakdown(name: str, dimension: str, counts: dict[str, int], heading: str) -> None:
            bars = []
            for code in _codes(dimension):
                text = _label(dimension, code)
                bars.append(Bar(code, text, counts.get(code, 0)))
                self.queries[(name, code)] = Query(f"{heading} · {text}", scope_unit, ((dimension, code),))
            self.charts[name].set_bars(bars, none)

        breakdown("age_band", "age_band", kids["by_age_band"], self.tr("年龄段"))
        breakdown("sex", "sex", kids["by_sex"], self.tr("性别"))
        breakdown("guardianship", "guardianship", kids["by_guardianship"], self.tr("监护类型"))
        breakdown("priority_reason", "priority_reason", kids["by_priority_reason"], self.tr("重点对象"))
        breakdown("report_age", "report_age", total["reports"]["by_age"], self.tr("未结案强制报告"))

        rows = result["units"]
        self.charts["unit"].setVisible(len(rows) > 1)  # a village: its one bar is the headline
        self._unit_bars("unit", rows, lambda u: u["children"]["total"], lambda u: "",
                        lambda u: Query(u["unit_name"], scope_unit, (("unit", u["unit_code"]),)))
        self._unit_bars(
            "coverage", rows,
            lambda u: round((u["home_visit_coverage"]["share"] or 0) * 100, 1),
            lambda u: f"{_percent(u['home_visit_coverage']['share'])}（{u['home_visit_coverage']['visited']}"
                      f"/{u['home_visit_coverage']['active']}）",
            lambda u: Query(self.tr("%1 · 本月未入户走访").replace("%1", u["unit_name"]), u["unit_code"],
                            (("home_visit", "not_visited"),)), scale=100)
        self._unit_bars(
            "reports_unit", rows, lambda u: u["reports"]["open"], lambda u: "",
            lambda u: Query(self.tr("%1 · 未结案强制报告").replace("%1", u["unit_name"]), u["unit_code"],
                            tuple(("report_age", b) for b in _codes("report_age"))))
        self._unit_bars(
            "gaps_unit", rows, lambda u: u["entrustment_gaps"], lambda u: "",
            lambda u: Query(self.tr("%1 · 缺少有效委托监护").replace("%1", u["unit_name"]), u["unit_code"],
                            (("entrustment_gap", None),)))
        visited, active = cov["visited"], cov["active"]
        visit_bars = [Bar("visited", self.tr("本月已入户走访"), visited),
                      Bar("not_visited", self.tr("本月未入户走访"), active - visited)]
        for b in visit_bars:
            self.queries[("home_visit", b.key)] = Query(b.label, scope_unit, (("home_visit", b.key),))
        self.charts["home_visit"].set_bars(visit_bars if active else [], none)

        self._fill_packages(result["packages"], period)
        busy = self.tr("正在计算各季度趋势……")
        for chart in self.lines.values():
            chart.show_empty(busy)
        return True

    def _trend_shown(self, generation: int, result: dict[str, Any]) -> None:
        if generation != self._generation or not self.session.is_open:
            return
        self.trending = False
        self.stats = result
        lang = i18n.current()
        none = self.tr("没有数据")
        trend = result["trend"]
        labels = [quarter_label(t["period"], lang) for t in trend]
        periods = [str(t["period"]) for t in trend]
        unit = result["scope"]["unit_code"]
        # a click on a quarter's point lists its children: on the register, not visited at
        # home in the quarter's last month, with a report open at the quarter's end
        bands = tuple(("report_age", b) for b in _codes("report_age"))
        for name, title, parts in (
                ("trend_children", self.tr("%1 · 在册儿童"), (("total", None),)),
                ("trend_coverage", self.tr("%1 · 季度最后一个月未入户走访"), (("home_visit", "not_visited"),)),
                ("trend_reports", self.tr("%1 · 有未结案强制报告"), bands)):
            for label, p in zip(labels, periods, strict=True):
                self.queries[(name, p)] = Query(title.replace("%1", label), unit, parts, p)
        self.lines["trend_children"].set_points(labels, [t["children_total"] for t in trend],
                                                empty_text=none, keys=periods)
        shares = [None if t["home_visit_coverage"] is None else round(t["home_visit_coverage"] * 100, 1)
                  for t in trend]
        self.lines["trend_coverage"].set_points(
            labels, shares, [_percent(t["home_visit_coverage"]) for t in trend], empty_text=none,
            keys=periods)
        self.lines["trend_reports"].set_points(labels, [t["open_reports"] for t in trend],
                                               empty_text=none, keys=periods)

    def _unit_bars(self, name: str, rows: list[dict[str, Any]], value: Callable[[dict[str, Any]], float],
                   text: Callable[[dict[str, Any]], str], query: Callable[[dict[str, Any]], Query],
                   scale: float | None = None) -> None:
        from .charts import Bar

        bars = []
        for u in rows:
            bars.append(Bar(u["unit_code"], u["unit_name"], value(u), text(u)))
            self.queries[(name, u["unit_code"])] = query(u)
        self.charts[name].set_bars(bars, self.tr("没有数据"), scale)

    def _fill_packages(self, packages: list[dict[str, Any]], period: str) -> None:
        lang = i18n.current()
        table = self.packages
        table.setRowCount(len(packages))
        for r, p in enumerate(packages):
            received = local_time_text(p["received_at"], lang) if p.get("received_at") else ""
            cells = [p["unit_name"], _label("package_state", p["state"]), received,
                     self.tr("逾期") if p["late"] else ""]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if p["late"]:
                    item.setForeground(Qt.GlobalColor.darkRed)
                table.setItem(r, c, item)
        if packages:
            missing = sum(1 for p in packages if not p.get("received_at"))
            late = sum(1 for p in packages if p["late"])
            self.packages_note.setText(self.tr("%1：%2 个单位应报送，未报送 %3 个，逾期 %4 个。")
                                       .replace("%1", period_text(period)).replace("%2", str(len(packages)))
                                       .replace("%3", str(missing)).replace("%4", str(late)))
        else:
            self.packages_note.setText(self.tr("本单位没有需要向本单位报送数据包的下级单位。"))

    # -- click-through ----------------------------------------------------------------------
    def bar_clicked(self, chart: str, key: str) -> None:
        query = self.queries.get((chart, key))
        if query is None or self.stats is None:
            return
        for name, bars in self.charts.items():
            if name != chart and bars.selected is not None:
                bars.select(None)
        for name, points in self.lines.items():
            if name != chart and points.selected is not None:
                points.select(None)
        period = query.period or str(self.stats["period"])
        store = self.session.store
        today = self.session.today()
        # a list of its own: a click while the trend is still coming does not drop the trend
        self._list_generation += 1
        generation, figures = self._list_generation, self._generation
        self.listing = True
        self.list_panel.busy(query.title)

        def work(_progress: jobs.Progress, _cancel: threading.Event) -> list[str]:
            from ..store import stats

            seen: set[str] = set()
            ids: list[str] = []
            with store.reader() as conn:
                for dimension, value in query.parts:
                    for cid in stats.children_behind(conn, period, query.unit, dimension, value, today=today):
                        if cid not in seen:
                            seen.add(cid)
                            ids.append(cid)
            return ids

        def current() -> bool:
            """The newest click's list, for the figures still on screen."""
            if generation != self._list_generation:
                return False
            self.listing = False
            return figures == self._generation and self.session.is_open

        def done(ids: list[str]) -> None:
            if current():
                self.list_panel.show_children(query.title, ids)

        def failed(exc: BaseException) -> None:
            if current():
                self.list_panel.clear()
                dialogs.show_error(self, exc)

        jobs.start(work, done, failed, dialog=False, owner=self)

    # -- 分析报告 ----------------------------------------------------------------------------
    def export_report(self) -> ReportDialog | None:
        if not self.session.is_open:
            return None
        period, unit = self.selection()
        dlg = ReportDialog(self.session, period, unit, self.unit.currentText().strip(), self)
        dlg.open()
        return dlg


def report_file_name(unit_name: str, period: str) -> str:
    """``大李家村2026年第4季度分析报告.pdf`` (Chinese: the file goes to Chinese offices)."""
    return safe_name(f"{unit_name}{period[:4]}年第{period[5:]}季度分析报告") + ".pdf"


class ReportDialog(_JobDialog):
    """导出分析报告: the page's quarter and unit, a folder → the 分析报告 PDF
    (``exports.report_pdf.render_report``), written off the GUI thread with progress."""

    def __init__(self, session: Session, period: str, unit: str | None, unit_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("reportDialog")
        self.setMinimumWidth(600)
        self.setWindowTitle(self.tr("导出分析报告（PDF）"))
        self.period = period
        self.unit = unit
        store = session.store
        self.unit_name = store.unit_name if unit is None else session.registry.unit_name(unit)
        what = QLabel(self.tr("%1，%2").replace("%1", period_text(period))
                      .replace("%2", unit_text or store.unit_name))
        what.setObjectName("reportWhat")
        self.folder = self._folder_field(self.tr("选择保存分析报告的文件夹"), "reportFolder")
        self.export_button = self._lay_out(
            self.tr("分析报告含本页的图表和数据表（基本情况、重点对象、入户走访、强制报告、季度趋势、各单位汇总、"
                    "数据包报送），供季度会议使用。报告中只有汇总数字，没有儿童姓名；同名文件已存在时另起新名。"
                    "每次导出都记入审计日志。"),
            [(self.tr("内容："), what), (self.tr("保存到文件夹："), self.folder)],
            self.tr("导出"), self.export)
        self.export_button.setObjectName("reportExport")
        self._update()

    def _update(self) -> None:
        self.export_button.setEnabled(self.folder.path() is not None and not self.busy())

    def export(self) -> None:
        if self.busy():
            return
        try:
            folder = _folder(self.folder)
        except UserError as exc:
            self._say("bad", _error_text(exc))
            return
        session = self.session
        period, unit, today = self.period, self.unit, session.today()
        path = free_path(folder / report_file_name(self.unit_name, period))
        self.banner.clear_text()
        self.open_button.hide()

        def work(progress: jobs.Progress, _cancel: threading.Event) -> Outcome:
            from ..exports.fonts import FontNotFound
            from ..exports.report_pdf import render_report

            try:
                folder.mkdir(parents=True, exist_ok=True)
                # the store itself (under the session's lock): the export is written in the audit chain
                out: Path = render_report(session.store, period, unit, path, progress, today=today)
            except FontNotFound:
                raise UserError("no_font", FontNotFound.zh, FontNotFound.en) from None
            except OSError as exc:
                raise _write_error(exc, folder) from None
            return Outcome(files=[out], total=1, cancelled=False)

        self.worker = jobs.start(work, self._done, self._failed, lock=session.lock, parent=self,
                                 title=self.tr("导出分析报告"), cancellable=False,
                                 label=self.tr("正在生成%1的分析报告……").replace("%1", period_text(period)))
        self._update()

    def _report(self, outcome: Outcome) -> None:
        if outcome.files:
            self.result_folder = outcome.files[0].parent
            self.open_button.show()
            self._say("ok", self.tr("已导出分析报告：%1").replace("%1", str(outcome.files[0])))
