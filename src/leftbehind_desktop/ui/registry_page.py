"""儿童档案: the registry table with search-as-you-type, filters and counts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core import units
from ..core.codebooks import codebook
from ..store.search import ChildFilter
from . import i18n
from .registry_model import ChildTableModel
from .session import Session
from .widgets import TITLE_STYLE

SEARCH_DEBOUNCE_MS = 250


class RegistryPage(QWidget):
    open_child = Signal(str)
    new_child = Signal()
    print_children = Signal(list)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ChildTableModel(lambda: session.registry, session.today, self)
        self.model.set_lock(session.lock)
        self.model.active = False  # until load(): the store may still be locked
        lang = i18n.current()

        self.search = QLineEdit()
        self.search.setObjectName("registrySearch")
        self.search.setPlaceholderText(self.tr("搜索：姓名、身份证号开头或拼音首字母（如 zxm）"))
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._open_first)

        self.village = QComboBox()
        self.village.setObjectName("filterVillage")
        self.status = self._combo("filterStatus", [(self.tr("在册"), "在册"),
                                                    (self.tr("已退出"), "已退出"),
                                                    (self.tr("全部"), None)], first_all=False)
        self.flag = self._combo("filterFlag", [(self.tr("任一重点原因"), "*")] + [
            (codebook("flag_reason").label(v, lang), v) for v in codebook("flag_reason").values])
        self.grade = self._combo("filterGrade", [
            (codebook("guardianship_grade").label(v, lang), v)
            for v in codebook("guardianship_grade").values])
        self.schooling = self._combo("filterSchooling", [
            (codebook("schooling").label(v, lang), v) for v in codebook("schooling").values])
        self.count = QLabel()
        self.count.setObjectName("registryCount")

        filters = QHBoxLayout()
        for label, w in ((self.tr("村（社区）"), self.village), (self.tr("状态"), self.status),
                         (self.tr("重点对象"), self.flag), (self.tr("监护类型"), self.grade),
                         (self.tr("就学"), self.schooling)):
            filters.addWidget(QLabel(label))
            filters.addWidget(w)
        filters.addStretch(1)
        for w in (self.village, self.status, self.flag, self.grade, self.schooling):
            w.currentIndexChanged.connect(self.apply_filter)

        self.table = QTableView()
        self.table.setObjectName("registryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setVisible(False)
        # English words are longer than the Chinese terms: sex, schooling, living arrangement
        widths = ((80, 60, 110, 44, 168, 110, 120, 150, 150, 150, 110, 84) if i18n.current() == "en"
                  else (80, 44, 96, 44, 168, 110, 76, 140, 110, 150, 96, 60))
        for col, width in enumerate(widths):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda idx: self._open_row(idx.row()))
        self.table.installEventFilter(self)

        new = QPushButton(self.tr("登记新儿童"))
        new.setObjectName("newChildButton")
        new.clicked.connect(self.new_child)
        export = QPushButton(self.tr("打印/导出PDF（所选）"))
        export.setObjectName("printSelectedButton")
        export.clicked.connect(self._print_selected)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(new)
        top.addWidget(export)

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("儿童档案"))
        title.setStyleSheet(TITLE_STYLE)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.setFocusProxy(self.search)

    def _combo(self, name: str, items: Sequence[tuple[str, str | None]],
               first_all: bool = True) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        # long codebook texts (English especially) must not widen the window: the closed box
        # shows about 10 characters, the drop-down list shows the full text
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        if first_all:
            combo.addItem(self.tr("全部"), None)
        for text, value in items:
            combo.addItem(text, value)
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        return combo

    # -- data ------------------------------------------------------------------------------
    def load(self) -> None:
        """Fill the village filter and the table (after unlock)."""
        with self.session.lock:
            villages = [u for u in self.session.registry.list_units()
                        if u.level is units.Level.VILLAGE]
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(self.tr("全部"), None)
        for u in villages:
            self.village.addItem(u.name, u.code)
        self.village.blockSignals(False)
        self.apply_filter()

    def clear(self) -> None:
        self._debounce.stop()
        self.model.clear()
        self.count.setText("")

    def current_filter(self) -> ChildFilter:
        return ChildFilter(query=self.search.text().strip(), unit_code=self.village.currentData(),
                           status=self.status.currentData(), flag_reason=self.flag.currentData(),
                           guardianship_grade=self.grade.currentData(),
                           schooling=self.schooling.currentData())

    def apply_filter(self) -> None:
        self._debounce.stop()
        if not self.session.is_open:
            return
        self.model.set_filter(self.current_filter())
        self.count.setText(self.tr("共 %n 名儿童", "", len(self.model.ids)))
        if self.model.ids:
            self.table.selectRow(0)

    def refresh(self) -> None:
        if self.session.is_open:
            self.apply_filter()

    # -- keyboard ----------------------------------------------------------------------------
    def _open_row(self, row: int) -> None:
        cid = self.model.child_id(row)
        if cid:
            self.open_child.emit(cid)

    def _open_first(self) -> None:
        if self._debounce.isActive():
            self.apply_filter()
        idx = self.table.currentIndex()
        self._open_row(idx.row() if idx.isValid() else 0)

    def _print_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [cid for r in rows if (cid := self.model.child_id(r))]
        self.print_children.emit(ids)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_row(self.table.currentIndex().row())
                return True
            text = event.text()
            if text and text.isprintable() and not event.modifiers() & (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                self.search.setFocus()
                self.search.insert(text)
                return True
        return super().eventFilter(obj, event)
