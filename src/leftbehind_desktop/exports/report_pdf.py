"""The quarterly 分析报告 (汇总分析 on paper, for the office's meeting): the figures of
``store.stats.compute`` as tables and charts — bars for the breakdowns and home-visit
coverage per unit, lines for the trend — the per-unit table, missing and late packages,
and how each figure is counted. Labels come from the forms' codebooks and
``core/stats.py``; no code is printed.

Public entry point: :func:`render_report`. Qt-free (runs in a worker thread). Charts are
drawn with ``reportlab.graphics`` in the embedded CJK font (``exports/fonts.py``), pages
carry the house furniture (``exports/pdfkit.py``: 内部资料 注意保密, 第 X 页 共 Y 页). Every
report written is recorded in the audit chain (``report.export``).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from ..core import stats as defs
from ..core.dates import format_date, local_date_text, quarter_bounds, quarter_label
from ..core.messages import UserError
from ..store import stats
from .fonts import PRIMARY_NAME, font_set
from .pdfkit import (
    FRAME_W,
    GRID,
    HEAD_BG,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    DocInfo,
    DocMarker,
    NumberedCanvas,
    para,
)

TITLE = "农村留守儿童汇总分析报告"
NUMERALS = "一二三四五六七八九十"
BAR = colors.HexColor("#3B6EA5")
BAR_WARN = colors.HexColor("#C0504D")
LINE_2 = colors.HexColor("#C0504D")
SIZE = 9
Progress = Callable[[int, int], None]


class ReportCanvas(NumberedCanvas):
    """The house page furniture with the report's header (no 档案编号: the cut-off date)."""

    FILE_NO_LABEL = ""  # DocInfo.file_no holds the cut-off date line
    DATE_LABEL = "制表日期："

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.setTitle(TITLE)


# == building blocks ==========================================================================
def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose default font is the embedded CJK font (reportlab's default,
    Helvetica, would otherwise be set up on the page unembedded)."""
    d = Drawing(width, height)
    d.initialFontName = PRIMARY_NAME
    d.initialFontSize = 8
    return d


def _heading(n: int, text: str) -> list[Flowable]:
    t = Table([[para(f"{NUMERALS[n]}、{text}", FRAME_W, 11.5)]], colWidths=[FRAME_W])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), PRIMARY_NAME),
        ("LINEBELOW", (0, 0), (-1, -1), 1.0, GRID), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return [CondPageBreak(60 * mm), Spacer(1, 4 * mm), t, Spacer(1, 2.5 * mm)]


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def _table(head: list[str], rows: list[list[str]], widths: list[float],
           total_row: bool = False) -> Table:
    t = Table([head, *rows], colWidths=widths, repeatRows=1)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), PRIMARY_NAME), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if total_row:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F3F3F3")))
    fs = font_set()
    for i, row in enumerate(rows, start=1):  # a long label shrinks to its column
        wide = fs.width(row[0], 8.5)
        if wide > widths[0] - 6:
            style.append(("FONTSIZE", (0, i), (0, i), max(5.5, 8.5 * (widths[0] - 6) / wide)))
    t.setStyle(TableStyle(style))
    return t


def _fit_font(texts: Sequence[str], width: float, size: float) -> float:
    """The largest size ≤ ``size`` at which the widest text fits ``width``."""
    fs = font_set()
    widest = max((fs.width(t, size) for t in texts), default=0.0)
    return size if widest <= width or widest == 0 else max(5.5, size * width / widest)


def _axis(axis: Any, values: Sequence[float | None], value_max: float | None) -> None:
    """A value axis from 0 with round steps (whole numbers for counts) and room above the
    highest value for its label."""
    if value_max is not None:
        top, step = value_max, value_max / 5
    else:
        high = max((v or 0 for v in values), default=0)
        step = 1.0
        for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000,
                  10_000, 20_000, 25_000, 50_000, 100_000, 200_000, 250_000, 500_000):
            step = float(s)
            if high / s < 5:
                break
        top = step * (int(high // step) + 1)
    axis.valueMin = 0
    axis.valueMax = top
    axis.valueStep = step
    axis.labels.fontName = PRIMARY_NAME
    axis.labels.fontSize = 7


def _axes(chart: Any, labels: Sequence[str], values: Sequence[float | None],
          value_max: float | None, fmt: str, label_size: float) -> None:
    """A vertical chart's category labels below (fitted to their slots, two lines where a
    label has a line break) and its value axis (percent when ``fmt`` is one)."""
    chart.categoryAxis.categoryNames = list(labels)
    slot = chart.width / max(1, len(labels))
    chart.categoryAxis.labels.fontName = PRIMARY_NAME
    chart.categoryAxis.labels.fontSize = _fit_font(
        [p for lb in labels for p in lb.split("\n")], slot - 2, label_size)
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    _axis(chart.valueAxis, values, value_max)
    if fmt.endswith("%%"):
        chart.valueAxis.labelTextFormat = "%d%%"


def vbar_chart(labels: Sequence[str], values: Sequence[float], width: float, height: float,
               fmt: str = "%d", colour: Any = BAR, value_max: float | None = None) -> Drawing:
    """Vertical bars, the value on each bar, category labels below (two lines if needed)."""
    d = _drawing(width, height)
    bc = VerticalBarChart()
    bc.x, bc.y = 30, 28
    bc.width, bc.height = width - 40, height - 40
    bc.data = [list(values)]
    _axes(bc, labels, values, value_max, fmt, 8)
    bc.bars[0].fillColor = colour
    bc.bars[0].strokeColor = None
    bc.barLabelFormat = fmt
    bc.barLabels.fontName = PRIMARY_NAME
    bc.barLabels.fontSize = 7.5
    bc.barLabels.nudge = 6
    bc.barWidth = 10
    d.add(bc)
    return d


def hbar_chart(labels: Sequence[str], values: Sequence[float], width: float,
               fmt: str = "%d", colour: Any = BAR, value_max: float | None = None,
               row: float = 14.0) -> Drawing:
    """Horizontal bars for long labels (reasons, units): labels left, values at the bars."""
    fs = font_set()
    size = 8.0
    label_w = min(width * 0.45, max((fs.width(lb, size) for lb in labels), default=20) + 6)
    height = row * max(1, len(labels)) + 26
    d = _drawing(width, height)
    bc = HorizontalBarChart()
    bc.x, bc.y = label_w, 16
    bc.width, bc.height = width - label_w - 36, height - 24
    # top to bottom in the given order
    bc.data = [list(values)[::-1]]
    bc.categoryAxis.categoryNames = list(labels)[::-1]
    bc.categoryAxis.labels.fontName = PRIMARY_NAME
    bc.categoryAxis.labels.fontSize = _fit_font(labels, label_w - 6, size)
    bc.categoryAxis.labels.boxAnchor = "e"
    bc.categoryAxis.labels.dx = -4
    _axis(bc.valueAxis, values, value_max)
    bc.valueAxis.labels.fontSize = 6.5
    if fmt.endswith("%%"):
        bc.valueAxis.labelTextFormat = "%d%%"
    bc.bars[0].fillColor = colour
    bc.bars[0].strokeColor = None
    bc.barLabelFormat = fmt
    bc.barLabels.fontName = PRIMARY_NAME
    bc.barLabels.fontSize = 7.5
    bc.barLabels.boxAnchor = "w"
    bc.barLabels.dx = 3
    bc.barWidth = row * 0.6
    d.add(bc)
    return d


def line_chart(labels: Sequence[str], values: Sequence[float | None], width: float,
               height: float, title: str, fmt: str = "%d", colour: Any = BAR,
               value_max: float | None = None) -> Drawing:
    """One series over the quarters, the value at each point."""
    d = _drawing(width, height)
    d.add(String(4, height - 10, title, fontName=PRIMARY_NAME, fontSize=8.5))
    lc = HorizontalLineChart()
    lc.x, lc.y = 34, 30
    lc.width, lc.height = width - 50, height - 52
    lc.data = [[v if v is not None else 0 for v in values]]
    _axes(lc, labels, values, value_max, fmt, 7.5)
    lc.lines[0].strokeColor = colour
    lc.lines[0].strokeWidth = 1.6
    lc.joinedLines = 1
    lc.lineLabelFormat = fmt
    lc.lineLabels.fontName = PRIMARY_NAME
    lc.lineLabels.fontSize = 7
    lc.lineLabels.dy = 3
    from reportlab.graphics.widgets.markers import makeMarker

    lc.lines[0].symbol = makeMarker("FilledCircle", size=3.5, fillColor=colour)
    d.add(lc)
    return d


def _side_by_side(left: Flowable, right: Flowable, left_w: float) -> Table:
    t = Table([[left, right]], colWidths=[left_w, FRAME_W - left_w])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("FONTNAME", (0, 0), (-1, -1), PRIMARY_NAME),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def _breakdown(dim: str, figures: dict[str, int], title: str, horizontal: bool,
               total: int | None = None) -> list[Flowable]:
    """A breakdown as a chart (left) and a table (right): label, 人数, 占比."""
    items = [(defs.label(dim, code) if code else "未填写", n) for code, n in figures.items()]
    labels = [lb for lb, _ in items]
    values = [n for _, n in items]
    chart_w = FRAME_W * 0.58
    if horizontal:
        chart: Flowable = hbar_chart(labels, values, chart_w)
    else:
        chart = vbar_chart([lb.replace("（", "\n（") for lb in labels], values, chart_w,
                           46 * mm)
    base = total if total is not None else sum(values)
    rows = [[lb, str(n), _pct(n / base if base else None)] for lb, n in items]
    table_w = FRAME_W - chart_w - 4 * mm
    name_w = table_w - 2 * 15 * mm
    tab = _table([title, "人数", "占比"], rows, [name_w, 15 * mm, 15 * mm])
    return [KeepTogether([_side_by_side(chart, tab, chart_w + 4 * mm), Spacer(1, 3 * mm)])]


def _key_figures(t: dict[str, Any]) -> Table:
    ch, cov = t["children"], t["home_visit_coverage"]
    cells = [("在册留守儿童", f"{ch['total']}人"),
             ("当月入户走访覆盖率", _pct(cov["share"])),
             ("未结案强制报告", f"{t['reports']['open']}件"),
             ("缺少有效委托监护", f"{t['entrustment_gaps']}人")]
    w = FRAME_W / len(cells)
    tab = Table([[para(v, w - 4, 15, "center") for _, v in cells],
                 [para(k, w - 4, 8.5, "center") for k, _ in cells]], colWidths=[w] * len(cells))
    tab.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), PRIMARY_NAME),
                             ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                             ("LINEAFTER", (0, 0), (-2, -1), 0.4, GRID),
                             ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F5F8FC")),
                             ("TOPPADDING", (0, 0), (-1, -1), 4),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return tab


def _unit_table(d: dict[str, Any]) -> Table:
    sexes, bands = defs.codes("sex"), defs.codes("age_band")
    head = ["单位", "儿童数", *(defs.label("sex", s) for s in sexes),
            *(defs.label("age_band", b) for b in bands), "当月\n入户走访", "覆盖率",
            "未结案\n强制报告", "缺少有效\n委托监护"]

    def row(name: str, f: dict[str, Any]) -> list[str]:
        ch, cov = f["children"], f["home_visit_coverage"]
        return [name, str(ch["total"]), *(str(ch["by_sex"].get(s, 0)) for s in sexes),
                *(str(ch["by_age_band"].get(b, 0)) for b in bands), str(cov["visited"]),
                _pct(cov["share"]), str(f["reports"]["open"]), str(f["entrustment_gaps"])]

    rows = [row(u["unit_name"], u) for u in d["units"]]
    rows.append(row("合计", d["total"]))
    small = 12 * mm
    rest = [small] * (len(head) - 5) + [14 * mm, small, 14 * mm, 15 * mm]
    name_w = FRAME_W - sum(rest)
    t = _table(head, rows, [name_w, *rest], total_row=True)
    t.setStyle(TableStyle([("FONTSIZE", (1, 0), (-1, 0), 7.5)]))
    return t


DEFINITIONS = (
    "统计口径：统计截止日期为季度末日（本季度未结束时为制表当日）。在册留守儿童指截至统计截止日期已登记、"
    "未删除、仍在册（或在统计截止日期后才退出）且未满16周岁的儿童（已满16周岁的为待退出，不计入）；"
    "年龄按统计截止日期的周岁计算。当月入户走访覆盖率＝统计截止日期所在月份内有入户走访记录（电话随访、"
    "学校走访不计）的在册儿童÷在册儿童。重点对象原因按截至统计截止日期未解除的重点对象标记统计，"
    "一名儿童有多个原因的分别计入。未结案强制报告指截至统计截止日期已报告、跟进状态不是已结案的强制报告，"
    "按已报告天数分组。缺少有效委托监护指父母双方外出务工（或一方外出、另一方无监护能力）而在统计截止日期"
    "没有有效委托监护（受委托人年满18周岁且有监护能力）的在册儿童。数据包逾期以季度末加报送期限天数为准。")


def report_story(d: dict[str, Any], info: DocInfo, store_unit: str, printed: date
                 ) -> list[Flowable]:
    """The report's flowables from the figures (``Stats.as_dict()``)."""
    t = d["total"]
    ch = t["children"]
    scope = d["scope"]
    cut = format_date(date.fromisoformat(d["cutoff"]))
    story: list[Flowable] = [DocMarker(info), Spacer(1, 2 * mm),
                             para(f"{scope['unit_name']}{TITLE}", FRAME_W, 17, "center"),
                             Spacer(1, 2.5 * mm),
                             para(f"{quarter_label(d['period'])}　统计截止日期：{cut}", FRAME_W, 10.5,
                                  "center"),
                             para(f"填报单位：{store_unit}　制表日期：{format_date(printed)}",
                                  FRAME_W, 9, "center"),
                             Spacer(1, 5 * mm), _key_figures(t)]
    n = 0
    story += _heading(n, "留守儿童基本情况")
    story += _breakdown("sex", ch["by_sex"], "性别", False)
    story += _breakdown("age_band", ch["by_age_band"], "年龄段（周岁）", False)
    story += _breakdown("guardianship", ch["by_guardianship"], "监护类型", True)
    n += 1
    story += _heading(n, "重点对象")
    story.append(para(f"截至统计截止日期未解除的重点对象标记，按原因统计人数（一名儿童有多个原因的分别计入；"
                      f"在册儿童 {ch['total']} 人）。", FRAME_W, SIZE))
    story.append(Spacer(1, 2 * mm))
    story += _breakdown("priority_reason", ch["by_priority_reason"], "重点对象原因", True,
                        total=ch["total"])
    n += 1
    cov = t["home_visit_coverage"]
    story += _heading(n, "入户走访")
    story.append(para(f"统计截止日期所在月份，在册儿童 {cov['active']} 人中有入户走访记录的 "
                      f"{cov['visited']} 人，覆盖率 {_pct(cov['share'])}（电话随访、学校走访不计）。",
                      FRAME_W, SIZE))
    if len(d["units"]) > 1:
        story.append(Spacer(1, 2 * mm))
        labels = [u["unit_name"] for u in d["units"]]
        shares = [round((u["home_visit_coverage"]["share"] or 0) * 100, 1) for u in d["units"]]
        story.append(para("各单位当月入户走访覆盖率（%）", FRAME_W, SIZE))
        story.append(hbar_chart(labels, shares, FRAME_W, fmt="%.1f%%", value_max=100,
                                colour=BAR, row=12.5 if len(labels) > 20 else 14))
    n += 1
    rep = t["reports"]
    story += _heading(n, "强制报告")
    story.append(para(f"截至统计截止日期未结案的强制报告 {rep['open']} 件，按已报告时长统计：",
                      FRAME_W, SIZE))
    story.append(Spacer(1, 2 * mm))
    story += _breakdown("report_age", rep["by_age"], "已报告时长", False)
    story.append(para(f"缺少有效委托监护的在册儿童 {t['entrustment_gaps']} 人"
                      "（父母均不能履行监护而无有效委托监护，应督促落实委托监护）。", FRAME_W, SIZE))
    if d["trend"]:
        n += 1
        story += _heading(n, "季度趋势")
        labels = [quarter_label(p["period"]).replace("年", "年\n") for p in d["trend"]]
        story.append(line_chart(labels, [p["children_total"] for p in d["trend"]], FRAME_W,
                                52 * mm, "在册留守儿童（人）"))
        story.append(line_chart(labels, [None if p["home_visit_coverage"] is None else
                                         round(p["home_visit_coverage"] * 100, 1)
                                         for p in d["trend"]], FRAME_W, 52 * mm,
                                "当月入户走访覆盖率（%）", fmt="%.1f%%", colour=LINE_2,
                                value_max=100))
        if d["cutoff"] < quarter_bounds(d["period"])[1].isoformat():
            story.append(para(f"注：{quarter_label(d['period'])}尚未结束，其覆盖率为统计截止日期（{cut}）"
                              "所在月份截至当日的入户走访情况。", FRAME_W, 8))
        story.append(Spacer(1, 2 * mm))
        story.append(_table(["季度", "在册留守儿童", "当月入户走访覆盖率", "未结案强制报告"],
                            [[quarter_label(p["period"]), str(p["children_total"]),
                              _pct(p["home_visit_coverage"]), str(p["open_reports"])]
                             for p in d["trend"]],
                            [FRAME_W * 0.31, FRAME_W * 0.23, FRAME_W * 0.23, FRAME_W * 0.23]))
    n += 1
    story += _heading(n, "各单位汇总")
    story.append(_unit_table(d))
    n += 1
    story += _heading(n, "季度数据包报送")
    if d["packages"]:
        late = [p for p in d["packages"] if p["late"]]
        missing = [p for p in d["packages"] if not p["received_at"]]
        story.append(para(f"应报送单位 {len(d['packages'])} 个，未报送 {len(missing)} 个，"
                          f"逾期 {len(late)} 个。", FRAME_W, SIZE))
        story.append(Spacer(1, 2 * mm))
        story.append(_table(
            ["单位", "报送状态", "收到日期"],
            [[p["unit_name"], defs.label("package_state", p["state"]),
              local_date_text(p["received_at"]) or "—"] for p in d["packages"]],
            [FRAME_W * 0.5, FRAME_W * 0.25, FRAME_W * 0.25]))
    else:
        story.append(para("（暂无应向本单位报送季度数据包的下级单位：下级单位登记本单位的数据交换后列出）",
                          FRAME_W, SIZE))
    story += [Spacer(1, 6 * mm), para(DEFINITIONS, FRAME_W, 7.5),
              Spacer(1, 10 * mm), _signatures()]
    return story


def _signatures() -> Table:
    t = Table([["填表人：", "", "复核人：", "", "单位负责人：", ""]],
              colWidths=[16 * mm, 30 * mm, 16 * mm, 30 * mm, 22 * mm, 30 * mm])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), PRIMARY_NAME),
                           ("FONTSIZE", (0, 0), (-1, -1), 9),
                           ("LINEBELOW", (1, 0), (1, 0), 0.5, GRID),
                           ("LINEBELOW", (3, 0), (3, 0), 0.5, GRID),
                           ("LINEBELOW", (5, 0), (5, 0), 0.5, GRID)]))
    return t


def report_bytes(d: dict[str, Any], store_unit: str, printed: date) -> bytes:
    """The report of the figures ``d`` as PDF bytes."""
    buf = io.BytesIO()
    cut = format_date(date.fromisoformat(d["cutoff"]))
    info = DocInfo(key="report", title=f"{TITLE}（{quarter_label(d['period'])}）",
                   unit=d["scope"]["unit_name"], file_no=f"统计截止日期：{cut}",
                   printed=format_date(printed))
    doc = SimpleDocTemplate(buf, pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=TITLE,
                            author="leftbehind-desktop", subject="内部资料 注意保密",
                            creator="leftbehind-desktop")
    doc.build(report_story(d, info, store_unit, printed), canvasmaker=ReportCanvas)
    return buf.getvalue()


def render_report(store: Any, period: str, unit_code: str | None, path: Path | str,
                  progress: Progress | None = None, *, today: date | None = None) -> Path:
    """Write the 分析报告 of ``period`` for ``unit_code`` (None: this office) to ``path``
    (.pdf, replaced atomically) and record it in the audit chain. ``store`` is the open
    ``Store`` (or ``Registry``). Raises :class:`UserError` for a bad period or unit and
    ``exports.fonts.FontNotFound`` without a CJK font."""
    real = getattr(store, "store", store)  # a Registry's store
    today = today or date.today()
    step = progress or (lambda done, total: None)
    step(0, 3)
    d = stats.compute(real, period, unit_code, today=today).as_dict()
    step(1, 3)
    data = report_bytes(d, real.unit_name, today)
    step(2, 3)
    out = Path(path)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, out)
    except OSError as exc:
        raise UserError("report_write", f"无法写入：{exc.strerror or exc.__class__.__name__}",
                        f"Cannot write: {exc.strerror or exc.__class__.__name__}") from None
    finally:
        tmp.unlink(missing_ok=True)
    with real.transaction() as audit:
        audit.append("report.export", "report", period, None,
                     {"period": period, "unit_code": d["scope"]["unit_code"],
                      "file": out.name, "children": d["total"]["children"]["total"]})
    step(3, 3)
    return out
