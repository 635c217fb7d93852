"""Charts drawn in the app (汇总分析): a bar chart of categories whose bars can be clicked, and a
line chart for trends across quarters. The rest of the UI knows only these two widgets, never
the charting library (pyqtgraph; why that one: docs/ARCHITECTURE.md).

pyqtgraph draws on Qt's QGraphicsView with the CPU raster engine: no OpenGL, no Qt Quick, the
same pixels under Xvfb, Wine and an old Windows laptop without graphics drivers. Its import
costs ~0.7 s, so this module is imported only when the 汇总分析 page is first shown.

Everything the user reads is drawn by Qt text rendering with the application font (Chinese
category names on the axis, the values at the bars' ends); the library's own menus, buttons,
mouse panning and zooming are switched off: these are pictures to read and click, not plots to
explore.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFont, QFontMetrics, QKeyEvent, QPainter, QPaintEvent, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSimpleTextItem,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .widgets import HEADING_STYLE, HINT_STYLE

BAR = "#4a7ab5"
BAR_SELECTED = "#e07b00"
BAR_EMPTY = "#b0bec5"
LINE = "#4a7ab5"
TEXT = "#222"
AXIS = "#888"
ROW_PX = 26  # height of one bar's row
BAR_SHARE = 0.62  # of a row, the bar's thickness
LABEL_SHARE = 0.45  # at most this share of the chart's width for the category names


@dataclass(frozen=True)
class Bar:
    key: str  # what a click reports (a codebook code, a unit code)
    label: str  # the category as shown (never a code)
    value: float
    text: str = ""  # drawn at the bar's end (default: the value)


def _plot(parent: QWidget) -> Any:
    """A PlotWidget with the library's interactions switched off (no pan, zoom, menu, 'A')."""
    widget = pg.PlotWidget(parent=parent, background="w")
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    item = widget.getPlotItem()
    item.setMenuEnabled(False)
    item.hideButtons()
    item.setMouseEnabled(x=False, y=False)
    vb = item.getViewBox()
    vb.setMouseEnabled(x=False, y=False)
    vb.setMenuEnabled(False)
    font = QFont(widget.font())
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setStyle(tickFont=font, tickLength=0)
        axis.setTextPen(pg.mkPen(TEXT))
        axis.setPen(pg.mkPen(AXIS))
    return widget


class _Chart(QWidget):
    """A title above the picture; a hint instead of it when there is nothing to show."""

    def __init__(self, name: str, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.title = QLabel(title)
        self.title.setObjectName(name + "Title")
        self.title.setStyleSheet(HEADING_STYLE.replace("13pt", "11pt"))
        self.title.setWordWrap(True)
        self.plot: Any = _plot(self)
        self.plot.setObjectName(name + "Plot")
        self.empty = QLabel()
        self.empty.setObjectName(name + "Empty")
        self.empty.setStyleSheet(HINT_STYLE)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._texts: list[QGraphicsSimpleTextItem] = []
        self.stack = QStackedWidget()
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)

    def show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)
        self.stack.setFixedHeight(self.empty.sizeHint().height() + 8)

    def _text_item(self, text: str, anchor: tuple[float, float], pos: tuple[float, float],
                   dx: float = 0) -> QGraphicsSimpleTextItem:
        """A value drawn at a data point, unscaled (the view's scaling and flip ignored), moved
        by ``anchor`` (fractions of its own width and height). A plain Qt item: pyqtgraph's
        TextItem costs ~5 ms each, a district's page draws ~150 of them."""
        item = QGraphicsSimpleTextItem(text)
        item.setFont(QFont(self.font()))
        item.setBrush(QColor(TEXT))
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        r = item.boundingRect()
        item.setTransform(QTransform.fromTranslate(dx - anchor[0] * r.width(), -anchor[1] * r.height()))
        item.setPos(*pos)
        self.plot.getPlotItem().getViewBox().addItem(item, ignoreBounds=True)
        self._texts.append(item)
        return item

    def _clear_texts(self) -> None:
        vb = self.plot.getPlotItem().getViewBox()
        for item in self._texts:
            vb.removeItem(item)
        self._texts = []

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():  # the keyboard is here: a frame in the margin around the chart
            painter = QPainter(self)
            painter.setPen(QPen(QColor(BAR_SELECTED), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
            painter.end()


class BarChart(_Chart):
    """Horizontal bars, one row per category, the first at the top; the category names on the
    left, each bar's value at its end. A left click on a bar's row (bar or name) emits
    ``clicked`` with the bar's key; that bar is then drawn highlighted. Bars of value 0 are
    not clickable (nobody is behind them)."""

    clicked = Signal(str)

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(name, title, parent)
        self.bars: list[Bar] = []
        self.selected: str | None = None
        self.scale: float | None = None
        self._graph: Any = None
        item = self.plot.getPlotItem()
        item.hideAxis("bottom")
        item.getViewBox().invertY(True)
        item.getViewBox().setDefaultPadding(0.0)
        self.plot.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.plot.scene().sigMouseClicked.connect(self._scene_clicked)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # keyboard: Tab reaches the chart, ↑/↓ move between bars, Enter or Space opens one
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # -- data ------------------------------------------------------------------------------
    def set_bars(self, bars: Sequence[Bar], empty_text: str = "", scale: float | None = None) -> None:
        """Show ``bars`` (none: ``empty_text`` instead); ``scale`` is the value of a full-width
        bar (100 for percentages), else the largest value."""
        self.bars = list(bars)
        self.scale = scale
        if self.selected not in {b.key for b in self.bars}:
            self.selected = None
        if not self.bars:
            self.show_empty(empty_text)
            return
        self.stack.setCurrentWidget(self.plot)
        self.stack.setFixedHeight(len(self.bars) * ROW_PX + 10)
        self._draw()

    def select(self, key: str | None) -> None:
        """Highlight the bar of ``key`` (None: none), as after a click."""
        self.selected = key
        if self._graph is not None:
            self._graph.setOpts(brushes=self._brushes())

    def _brushes(self) -> list[Any]:
        return [pg.mkBrush(BAR_SELECTED if b.key == self.selected else BAR if b.value else BAR_EMPTY)
                for b in self.bars]

    def _draw(self) -> None:
        """The bars and their values (once per data), then the layout."""
        item = self.plot.getPlotItem()
        if self._graph is not None:
            item.removeItem(self._graph)
        self._clear_texts()
        n = len(self.bars)
        self._graph = pg.BarGraphItem(x0=[0] * n, y=list(range(n)), height=BAR_SHARE,
                                      width=[b.value for b in self.bars], brushes=self._brushes(),
                                      pen=pg.mkPen(None))
        item.addItem(self._graph)
        for i, b in enumerate(self.bars):
            self._text_item(b.text or _number(b.value), (0, 0.5), (b.value, i), dx=5)
        self._lay_out()

    def _lay_out(self) -> None:
        """The room for the names at the left and for the values at the right follow the width."""
        item = self.plot.getPlotItem()
        n = len(self.bars)
        top = self.scale or max((b.value for b in self.bars), default=0) or 1
        metrics = QFontMetrics(QFont(self.font()))
        width = self._label_width(metrics)
        # room at the right for the longest value text: measured in pixels, turned into data units
        plot_px = max(self.plot.width() - width, 80)
        widest = max(metrics.horizontalAdvance(b.text or _number(b.value)) for b in self.bars) + 14
        right = top / max(1 - widest / plot_px, 0.3)
        item.getViewBox().setRange(xRange=(0, right), yRange=(-0.5, n - 0.5), padding=0)
        left = item.getAxis("left")
        left.setWidth(width)
        left.setTicks([[(i, metrics.elidedText(b.label, Qt.TextElideMode.ElideRight, width - 10))
                        for i, b in enumerate(self.bars)], []])

    def _label_width(self, metrics: QFontMetrics) -> int:
        longest = max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0) + 14
        return max(40, min(longest, int(max(self.width(), 300) * LABEL_SHARE)))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.bars and self._graph is not None:
            self._lay_out()

    # -- keyboard --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = [b.key for b in self.bars]
        if not keys:
            super().keyPressEvent(event)
            return
        at = keys.index(self.selected) if self.selected in keys else -1
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.select(keys[max(0, min(len(keys) - 1, at + step if at >= 0 else 0))])
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and at >= 0:
            if self.bars[at].value > 0:
                self.clicked.emit(keys[at])
        else:
            super().keyPressEvent(event)

    # -- clicks ----------------------------------------------------------------------------
    def _scene_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.bars:
            return
        key = self.key_at_scene(event.scenePos())
        if key is not None:
            self.select(key)
            self.clicked.emit(key)

    def key_at_scene(self, scene_pos: QPointF) -> str | None:
        """The key of the bar whose row lies under a point of the picture (or None)."""
        vb = self.plot.getPlotItem().getViewBox()
        if scene_pos.y() < vb.sceneBoundingRect().top() or scene_pos.y() > vb.sceneBoundingRect().bottom():
            return None
        y = vb.mapSceneToView(scene_pos).y()
        i = round(y)
        if not 0 <= i < len(self.bars) or abs(y - i) > 0.45:
            return None
        bar = self.bars[i]
        return bar.key if bar.value > 0 else None

    def bar_rects(self) -> list[tuple[str, QRect]]:
        """Each bar's label and its rectangle in this widget's coordinates (a bar of value 0
        gets its row's first pixels): where a user would click it."""
        if not self.bars or self.stack.currentIndex() != 0:  # the picture, not the hint
            return []
        vb = self.plot.getPlotItem().getViewBox()
        out = []
        for i, b in enumerate(self.bars):
            view = QRectF(0, i - BAR_SHARE / 2, max(b.value, 0), BAR_SHARE)
            scene = vb.mapViewToScene(view).boundingRect()
            poly = self.plot.mapFromScene(scene)
            r = poly.boundingRect()
            top_left = self.plot.viewport().mapTo(self, r.topLeft())
            out.append((b.label, QRect(top_left.x(), top_left.y(), max(r.width(), 2), max(r.height(), 2))))
        return out

    def probe_items(self) -> list[tuple[str, QRect]]:
        """For ``ui/probe.py``: each bar as a screen reader would read it (its name and its
        value) and where it is."""
        return [(f"{b.label} {b.text or _number(b.value)}", r) for b, (_, r) in zip(self.bars, self.bar_rects(),
                                                                                  strict=False)]


class LineChart(_Chart):
    """One line across quarters (or any ordered labels), a dot and its value at each point;
    a missing value (None) leaves a gap. With ``keys``, a left click in a point's column (or
    ←/→ then Enter) emits ``clicked`` with that point's key; the point is then drawn
    highlighted."""

    clicked = Signal(str)

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(name, title, parent)
        self.labels: list[str] = []
        self.values: list[float | None] = []
        self.texts: list[str] = []
        self.keys: list[str] = []
        self.selected: str | None = None
        self._mark: Any = None
        item = self.plot.getPlotItem()
        item.showGrid(y=True, alpha=0.15)
        item.hideAxis("left")
        self.stack.setFixedHeight(180)
        self.plot.scene().sigMouseClicked.connect(self._scene_clicked)

    def set_points(self, labels: Sequence[str], values: Sequence[float | None],
                   texts: Sequence[str] = (), empty_text: str = "",
                   keys: Sequence[str] = ()) -> None:
        self.labels = list(labels)
        self.values = list(values)
        self.texts = list(texts) or [("" if v is None else _number(v)) for v in self.values]
        self.keys = list(keys)
        if self.selected not in self.keys:
            self.selected = None
        clickable = bool(self.keys)
        self.plot.viewport().setCursor(Qt.CursorShape.PointingHandCursor if clickable
                                       else Qt.CursorShape.ArrowCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if clickable else Qt.FocusPolicy.NoFocus)
        if not any(v is not None for v in self.values):
            self.show_empty(empty_text)
            return
        self.stack.setCurrentWidget(self.plot)
        self.stack.setFixedHeight(180)
        item = self.plot.getPlotItem()
        item.clear()
        self._mark = None
        self._clear_texts()
        xs = [float(i) for i in range(len(self.values))]
        ys = [float("nan") if v is None else float(v) for v in self.values]
        item.plot(xs, ys, pen=pg.mkPen(LINE, width=2), symbol="o", symbolSize=7, connect="finite",
                  symbolBrush=pg.mkBrush(LINE), symbolPen=pg.mkPen(LINE), antialias=True)
        ys = [float(v) for v in self.values if v is not None]
        for i, v in enumerate(self.values):
            if v is not None:
                self._text_item(self.texts[i], (0.5, 1.2), (i, v))
        top = max(ys) or 1
        n = len(self.labels)
        item.getViewBox().setRange(xRange=(-0.5, n - 0.5), yRange=(-top * 0.12, top * 1.35), padding=0)
        self._ticks()
        self._draw_mark()

    def select(self, key: str | None) -> None:
        """Highlight the point of ``key`` (None: none), as after a click."""
        self.selected = key
        self._draw_mark()

    def _draw_mark(self) -> None:
        item = self.plot.getPlotItem()
        if self._mark is not None:
            item.removeItem(self._mark)
            self._mark = None
        i = self.keys.index(self.selected) if self.selected in self.keys else -1
        if i >= 0 and i < len(self.values) and self.values[i] is not None:
            self._mark = pg.ScatterPlotItem([float(i)], [float(self.values[i] or 0)], size=13,
                                            brush=pg.mkBrush(BAR_SELECTED), pen=pg.mkPen(BAR_SELECTED))
            item.addItem(self._mark)

    def _ticks(self) -> None:
        n = len(self.labels)
        bottom = self.plot.getPlotItem().getAxis("bottom")
        # 2026年第3季度 on two lines (2026年 / 第3季度) once the labels would not fit side by side
        metrics = QFontMetrics(QFont(self.font()))
        widest = max((metrics.horizontalAdvance(t) for t in self.labels), default=0) + 8
        wrap = widest * n > self.plot.width() * 0.95
        ticks = [(i, t.replace("年", "年\n", 1) if wrap else t) for i, t in enumerate(self.labels)]
        bottom.setHeight(metrics.height() * (2 if wrap else 1) + 8)
        bottom.setTicks([ticks, []])

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if any(v is not None for v in self.values):
            self._ticks()

    # -- clicks and keys -------------------------------------------------------------------
    def _point(self, i: int) -> bool:
        return 0 <= i < min(len(self.keys), len(self.values)) and self.values[i] is not None

    def _scene_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.keys:
            return
        vb = self.plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        x = vb.mapSceneToView(event.scenePos()).x()
        i = round(x)
        if abs(x - i) <= 0.45 and self._point(i):
            self.select(self.keys[i])
            self.clicked.emit(self.keys[i])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        points = [i for i in range(len(self.keys)) if self._point(i)]
        if not points:
            super().keyPressEvent(event)
            return
        at = self.keys.index(self.selected) if self.selected in self.keys else -1
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = 1 if event.key() == Qt.Key.Key_Right else -1
            after = [i for i in points if (i > at if step > 0 else i < at)] if at >= 0 else points
            if after:
                self.select(self.keys[after[0] if step > 0 else after[-1]])
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and at >= 0:
            self.clicked.emit(self.keys[at])
        else:
            super().keyPressEvent(event)

    def point_rects(self) -> list[tuple[str, QRect]]:
        """Each point's label and a small square around its dot in this widget's coordinates
        (where a user would click it); none for a gap or before the line is drawn."""
        if not self.values or self.stack.currentIndex() != 0:
            return []
        vb = self.plot.getPlotItem().getViewBox()
        out = []
        for i, v in enumerate(self.values):
            if v is None:
                continue
            scene = vb.mapViewToScene(QPointF(float(i), float(v)))
            at = self.plot.viewport().mapTo(self, self.plot.mapFromScene(scene))
            out.append((self.labels[i], QRect(at.x() - 6, at.y() - 6, 13, 13)))
        return out

    def probe_items(self) -> list[tuple[str, QRect]]:
        """For ``ui/probe.py``: each point as a screen reader would read it (quarter and
        value) and where it is."""
        texts = [t for t, v in zip(self.texts, self.values, strict=False) if v is not None]
        return [(f"{label} {text}", r) for (label, r), text in zip(self.point_rects(), texts,
                                                                   strict=False)]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
