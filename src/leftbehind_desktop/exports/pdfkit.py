"""Building blocks of our PDFs: paragraphs with our own Chinese line breaking and font runs,
and a canvas that numbers pages as 第 X 页 共 Y 页 (per document inside a combined file)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from .fonts import FontSet, font_set
from .linebreak import break_lines

PAGE = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_W = PAGE[0] - 2 * MARGIN_X
SECRET = "内部资料 注意保密"
GRID = colors.HexColor("#555555")
HEAD_BG = colors.HexColor("#E6E6E6")
LABEL_BG = colors.HexColor("#F3F3F3")
RED = colors.HexColor("#B00000")


class TextBlock(Flowable):  # type: ignore[misc]
    """Lines of text already broken by our rules, drawn with per-character font runs.

    Much faster than a reportlab Paragraph for CJK text (which re-measures every glyph)
    and it can split between lines when a table row runs over a page."""

    def __init__(self, lines: list[str], width: float, size: float, align: str,
                 leading: float):
        super().__init__()
        self.lines = lines
        self.avail = width
        self.size = size
        self.align = align
        self.leading = leading
        self.width = width
        self.height = leading * len(lines)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.avail, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        n = int(ah // self.leading)
        if n <= 0 or n >= len(self.lines):
            return []
        return [TextBlock(self.lines[:n], self.avail, self.size, self.align, self.leading),
                TextBlock(self.lines[n:], self.avail, self.size, self.align, self.leading)]

    def draw(self) -> None:
        fs = font_set()
        c = self.canv
        y = self.height - self.size * 1.02 - (self.leading - self.size * 1.2) / 2
        for line in self.lines:
            if line:
                x = {"left": 0.0, "center": self.avail / 2, "right": self.avail}[self.align]
                draw_text(c, x, y, line, self.size, self.align, fs)
            y -= self.leading


def para(text: str, width: float, size: float = 9, align: str = "left",
         leading: float | None = None) -> TextBlock:
    """A block of plain ``text`` broken into lines for ``width`` points by our rules."""
    fs = font_set()
    lines = break_lines(text, max(width - 0.5, size), lambda s: fs.width(s, size))
    return TextBlock(lines, width, size, align, leading or round(size * 1.35, 1))


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float,
              align: str = "left", fs: FontSet | None = None) -> float:
    """Draw one line of ``text`` with fallback font runs; returns its width."""
    fs = fs or font_set()
    runs = fs.runs(text)
    width = fs.width(text, size)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    if len(runs) == 1:
        canvas.setFont(runs[0][0], size)
        canvas.drawString(x, y, text)
        return width
    for name, run in runs:
        canvas.setFont(name, size)
        canvas.drawString(x, y, run)
        x += fs.width(run, size)
    return width


@dataclass
class DocInfo:
    """What the header and footer of one document (one child file) show."""

    key: str
    title: str
    unit: str
    file_no: str
    printed: str
    officer: str = ""


class DocMarker(Flowable):  # type: ignore[misc]
    """Zero-size flowable: the pages from here on belong to document ``info`` (and, in a
    combined file, an outline entry and a link target)."""

    def __init__(self, info: DocInfo, outline: str | None = None,
                 on_page: Callable[[str, int], None] | None = None):
        super().__init__()
        self.info = info
        self.outline = outline
        self.on_page = on_page
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        c = self.canv
        c._lb_doc = self.info
        if self.outline is not None:
            c.bookmarkPage(self.info.key)
            c.addOutlineEntry(self.outline, self.info.key, level=0)
        if self.on_page is not None:
            self.on_page(self.info.key, c.getPageNumber())


@dataclass
class _PageState:
    state: dict[str, Any]
    doc: DocInfo | None
    extra: list[Callable[[Canvas], None]] = field(default_factory=list)


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """Defers the page furniture until the page count is known: header (unit, title,
    file number, secret marking), footer (print date, 第 X 页 共 Y 页)."""

    after_layout: Callable[[NumberedCanvas, int, DocInfo | None], None] | None = None
    FILE_NO_LABEL = "档案编号："  # before DocInfo.file_no, top right
    DATE_LABEL = "打印日期："  # before DocInfo.printed, bottom left

    def __init__(self, *args: Any, **kwargs: Any):
        # no unembedded Helvetica: the page's initial font is our embedded CJK font
        kwargs["initialFontName"] = kwargs.get("initialFontName") or font_set().primary
        kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 9
        super().__init__(*args, **kwargs)
        self._pages: list[_PageState] = []
        self._lb_doc: DocInfo | None = None
        self.setTitle("农村留守儿童档案（一人一档）")
        self.setCreator("leftbehind-desktop")

    def showPage(self) -> None:
        self._pages.append(_PageState(dict(self.__dict__), self._lb_doc))
        self._startPage()

    def save(self) -> None:
        counts: dict[str, int] = {}
        for p in self._pages:
            if p.doc is not None:
                counts[p.doc.key] = counts.get(p.doc.key, 0) + 1
        seen: dict[str, int] = {}
        for n, p in enumerate(self._pages, start=1):
            self.__dict__.update(p.state)
            if p.doc is not None:
                seen[p.doc.key] = seen.get(p.doc.key, 0) + 1
                self._furniture(p.doc, seen[p.doc.key], counts[p.doc.key], n,
                                len(self._pages))
            hook = type(self).after_layout
            if hook is not None:
                hook(self, n, p.doc)
            super().showPage()
        super().save()

    def _furniture(self, doc: DocInfo, page: int, pages: int, overall: int,
                   overall_pages: int) -> None:
        fs = font_set()
        w, h = PAGE
        top = h - 14 * mm
        self.saveState()
        self.setFillColor(colors.black)
        draw_text(self, MARGIN_X, top, doc.unit, 8, fs=fs)
        draw_text(self, w / 2, top, doc.title, 8, "center", fs)
        draw_text(self, w - MARGIN_X, top, f"{self.FILE_NO_LABEL}{doc.file_no}", 7, "right", fs)
        self.setStrokeColor(GRID)
        self.setLineWidth(0.6)
        self.line(MARGIN_X, top - 3, w - MARGIN_X, top - 3)
        # the secret marking, boxed, top right above the rule
        self.setFillColor(RED)
        self.setStrokeColor(RED)
        sw = draw_text(self, w - MARGIN_X, h - 8 * mm, SECRET, 8, "right", fs)
        self.rect(w - MARGIN_X - sw - 3, h - 8 * mm - 2.5, sw + 6, 11, stroke=1, fill=0)
        self.setFillColor(colors.black)
        self.setStrokeColor(GRID)
        bottom = 11 * mm
        self.line(MARGIN_X, bottom + 9, w - MARGIN_X, bottom + 9)
        draw_text(self, MARGIN_X, bottom, f"{self.DATE_LABEL}{doc.printed}", 8, fs=fs)
        draw_text(self, w / 2, bottom, f"第 {page} 页 共 {pages} 页", 9, "center", fs)
        right = SECRET if overall_pages == pages else f"合订本第 {overall}/{overall_pages} 页"
        draw_text(self, w - MARGIN_X, bottom, right, 7, "right", fs)
        self.restoreState()
