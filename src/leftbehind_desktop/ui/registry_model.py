"""The registry table model: id-first and lazy (like Anki's browser).

``reload()`` asks the service for the ordered ids only (cheap at 100,000 children); rows
are fetched a page at a time, when the view first asks for one of them, and kept in a
small cache. Sorting is done by the store (``order_by``), never in Python.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ..core.codebooks import codebook
from ..core.dates import age_on, format_date, parse_date
from ..store.registry import Registry
from ..store.search import SORT_COLUMNS, ChildFilter
from . import i18n

PAGE = 200
MAX_PAGES = 40
Index = QModelIndex | QPersistentModelIndex


# (key in the row dict, header, sort key or None)
COLUMNS: tuple[tuple[str, object, str | None], ...] = (
    ("name", QT_TRANSLATE_NOOP("ChildTableModel", "姓名"), "name"),
    ("sex", QT_TRANSLATE_NOOP("ChildTableModel", "性别"), None),
    ("birth_date", QT_TRANSLATE_NOOP("ChildTableModel", "出生日期"), "birth_date"),
    ("age", QT_TRANSLATE_NOOP("ChildTableModel", "年龄"), None),
    ("id_number", QT_TRANSLATE_NOOP("ChildTableModel", "公民身份号码"), "id_number"),
    ("unit_name", QT_TRANSLATE_NOOP("ChildTableModel", "村（社区）"), "unit_code"),
    ("schooling", QT_TRANSLATE_NOOP("ChildTableModel", "就学情况"), "schooling"),
    ("guardianship_grade", QT_TRANSLATE_NOOP("ChildTableModel", "监护类型"), "guardianship_grade"),
    ("living_arrangement", QT_TRANSLATE_NOOP("ChildTableModel", "居住情况"), None),
    ("flags", QT_TRANSLATE_NOOP("ChildTableModel", "重点对象"), None),
    ("last_visit", QT_TRANSLATE_NOOP("ChildTableModel", "最近入户走访"), None),
    ("status", QT_TRANSLATE_NOOP("ChildTableModel", "状态"), "status"),
)
assert all(c[2] is None or c[2] in SORT_COLUMNS for c in COLUMNS)
# columns holding codebook terms: shown in the UI language (English labels in English)
BOOKS = {"sex": "sex", "schooling": "schooling", "guardianship_grade": "guardianship_grade",
         "living_arrangement": "living_arrangement", "status": "child_status",
         "flags": "flag_reason"}
DATES = frozenset({"birth_date", "last_visit"})


class ChildTableModel(QAbstractTableModel):
    def __init__(self, registry: Callable[[], Registry], today: Callable[[], date] = date.today,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._registry = registry  # a callable: the registry changes across lock/unlock
        self._today = today
        self._lock: Any = None
        self.filter = ChildFilter()
        self.order_by = "name"
        self.descending = False
        self.ids: list[str] = []
        self._pages: OrderedDict[int, dict[str, dict[str, Any]]] = OrderedDict()
        self.fetches = 0  # pages fetched (tests, bench)
        self.active = True  # False while the store is locked: nothing is fetched
        self._headers = [QCoreApplication.translate("ChildTableModel", str(h)) for _, h, _ in COLUMNS]

    def set_lock(self, lock: Any) -> None:
        self._lock = lock

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        if not self.active:
            return
        self.beginResetModel()
        self._pages.clear()
        if self._lock is not None:
            with self._lock:
                self.ids = self._registry().child_ids(self.filter, self.order_by, self.descending)
        else:
            self.ids = self._registry().child_ids(self.filter, self.order_by, self.descending)
        if self.ids:
            self._page(0)  # the first screenful now, before background jobs take the store
        self.endResetModel()

    def clear(self) -> None:
        """Forget every row (the store is being locked)."""
        self.active = False
        self.beginResetModel()
        self.ids = []
        self._pages.clear()
        self.endResetModel()

    def set_filter(self, flt: ChildFilter) -> None:
        self.active = True
        self.filter = flt
        self.reload()

    def invalidate_rows(self) -> None:
        """Rows changed (not the id list): drop cached pages and repaint."""
        self._pages.clear()
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(COLUMNS) - 1))

    def _page(self, n: int) -> dict[str, dict[str, Any]]:
        page = self._pages.get(n)
        if page is not None:
            self._pages.move_to_end(n)
            return page
        ids = self.ids[n * PAGE:(n + 1) * PAGE]
        if self._lock is not None:
            with self._lock:
                page = self._registry().child_rows(ids)
        else:
            page = self._registry().child_rows(ids)
        self.fetches += 1
        self._pages[n] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def row_record(self, row: int) -> dict[str, Any] | None:
        if not 0 <= row < len(self.ids):
            return None
        return self._page(row // PAGE).get(self.ids[row])

    def child_id(self, row: int) -> str | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    # -- Qt model interface -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self._headers[section]
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rec = self.row_record(index.row())
        if rec is None:
            return None
        key = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(rec, key)
            if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cut-off cell
                return text or None
            return text
        if role == Qt.ItemDataRole.ForegroundRole and key == "flags" and rec.get("flags"):
            return QBrush(QColor("#b71c1c"))
        if role == Qt.ItemDataRole.UserRole:
            return rec["id"]
        return None

    def _text(self, rec: dict[str, Any], key: str) -> str:
        if key == "age":
            birth = parse_date(rec.get("birth_date"))
            return "" if birth is None else str(age_on(birth, self._today()))
        value = rec.get(key)
        if key == "unit_name" and not value:
            value = rec.get("unit_code")
        if value is None:
            return ""
        lang = i18n.current()
        if key in BOOKS and lang == "en":
            book = codebook(BOOKS[key])
            return ", ".join(book.label(v, lang) for v in str(value).split("、"))
        if key in DATES and lang == "en" and (d := parse_date(value)) is not None:
            return format_date(d, lang)
        return str(value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][2] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self.order_by = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def sortable(self, column: int) -> bool:
        return COLUMNS[column][2] is not None
