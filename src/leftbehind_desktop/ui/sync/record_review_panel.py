"""逐条审核: after importing a unit's quarterly package, the officer reviews what changed —
new, changed and exited children, new priority flags and mandatory reports — one item at a
time, the key fields side by side (原值 → 新值), and passes (通过) or returns (退回, with a
comment) each. 全部通过 passes what is left after a confirmation. The unit's quarter is
已审核 when every item passed (``sync/review.py``).

Keyboard: the item list has the focus; ↑/↓ pick an item, Ctrl+Enter passes it, Alt+R goes to
the comment, where Enter returns it (Ctrl+Shift+Enter in the list does too); after a decision
the next item still to decide is selected and the list has the focus again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.dates import local_time_text
from ...core.forms import form
from ...core.ids import utc_now
from ...sync import returns, review
from ...sync.export import ExportResult
from .. import dialogs
from ..childfile_page import display
from ..session import Session
from ..widgets import ERROR, HINT, OK, Banner, button_row, default_folder, heading, hint, list_table, safe_name
from .common import Cancelled, lang, last_finished_quarter, period_text, recent_quarters, run_job

STATUS_COLORS = {"pending": "#0d47a1", "answered": "#6a1b9a", "passed": OK, "returned": ERROR}
CHANGED_BG = QColor("#fff8e1")  # a field whose value changed


class ItemsModel(QAbstractTableModel):
    """The item list, read lazily by the view (a unit's quarter may hold thousands): status,
    change, child, village, what changed."""

    def __init__(self, panel: RecordReviewPanel, headers: list[str]) -> None:
        super().__init__(panel)
        self.panel = panel
        self.items: list[dict[str, Any]] = []
        self.headers = headers
        self._cache: dict[int, list[str]] = {}

    def set_items(self, items: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.items = items
        self._cache = {}
        self.endResetModel()

    def row_changed(self, row: int) -> None:
        self._cache.pop(row, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def _cells(self, row: int) -> list[str]:
        cells = self._cache.get(row)
        if cells is None:
            it, p = self.items[row], self.panel
            cells = [review.status_text(it["status"], lang()), p._change(it),
                     it["child_name"] or "", p._unit_name(str(it["record_unit"])),
                     p._what_changed(it)]
            self._cache[row] = cells
        return cells

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and index.column() != 4:
                return None
            return self._cells(index.row())[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QColor(STATUS_COLORS.get(str(self.items[index.row()]["status"]), "#000"))
        return None




class RecordReviewPanel(QWidget):
    items_decided = Signal()  # an item was decided or a quarter confirmed
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.items: list[dict[str, Any]] = []
        self.state: dict[str, Any] = {}
        self.names: dict[str, str] = {}
        self.period = QComboBox()
        self.period.setObjectName("reviewPeriod")
        self.period.currentIndexChanged.connect(self._period_changed)
        self.unit = QComboBox()
        self.unit.setObjectName("reviewUnit")
        self.unit.setMinimumContentsLength(14)
        self.unit.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_filter = QComboBox()
        self.show_filter.setObjectName("reviewFilter")
        for text, data in ((self.tr("全部条目"), None), (self.tr("待审核"), "open"),
                           (self.tr("已通过"), "passed"), (self.tr("已退回"), "returned")):
            self.show_filter.addItem(text, data)
        self.show_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        self.counts = QLabel()
        self.counts.setObjectName("reviewCounts")
        self.counts.setStyleSheet("font-weight: bold;")
        self.banner = Banner("reviewBanner")

        self.model = ItemsModel(self, [self.tr("状态"), self.tr("变化"), self.tr("儿童"),
                                       self.tr("村（社区）"), self.tr("变化内容")])
        self.table = QTableView()
        self.table.setObjectName("reviewItems")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        ih = self.table.horizontalHeader()
        ih.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ih.setStretchLastSection(True)
        ih.setResizeContentsPrecision(200)  # the first rows decide a column's width
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.table.setMinimumWidth(430)

        self.detail = QGroupBox(self.tr("原值与新值"))
        self.what = QLabel()
        self.what.setObjectName("reviewWhat")
        self.what.setWordWrap(True)
        self.what.setStyleSheet("font-weight: bold;")
        self.fields = list_table("reviewFields", [self.tr("项目"), self.tr("原值"), self.tr("新值")], elide=True)
        self.fields.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.fields.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        fh = self.fields.horizontalHeader()
        fh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        fh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        fh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.fields.setWordWrap(True)
        self.decided = QLabel()
        self.decided.setObjectName("reviewDecided")
        self.decided.setWordWrap(True)
        self.comment = QLineEdit()
        self.comment.setObjectName("reviewComment")
        self.comment.setMaxLength(1000)
        self.comment.setPlaceholderText(self.tr("审核意见（退回时必填：说明需要修改什么）"))
        comment_label = QLabel(self.tr("意见(&R)："))
        comment_label.setBuddy(self.comment)
        self.pass_button = QPushButton(self.tr("通过"))
        self.pass_button.setObjectName("passItem")
        self.pass_button.setToolTip(self.tr("通过所选条目（Ctrl+Enter）"))
        self.pass_button.clicked.connect(self.pass_current)
        self.return_button = QPushButton(self.tr("退回（需填写意见）"))
        self.return_button.setObjectName("returnItem")
        self.return_button.setToolTip(self.tr("退回所选条目，请报送单位修改（Ctrl+Shift+Enter）"))
        self.return_button.clicked.connect(self.return_current)
        self.reopen_button = QPushButton(self.tr("撤销通过"))
        self.reopen_button.setObjectName("reopenItem")
        self.reopen_button.setToolTip(self.tr("所选条目是误点通过的：撤销通过，重新待审核"))
        self.reopen_button.clicked.connect(self.reopen_current)
        self.pass_all_button = QPushButton(self.tr("全部通过…"))
        self.pass_all_button.setObjectName("passAllItems")
        self.pass_all_button.setToolTip(self.tr("通过本单位本季度其余全部待审核条目"))
        self.pass_all_button.clicked.connect(self.pass_all)
        self.returns_button = QPushButton(self.tr("生成退回修改文件…"))
        self.returns_button.setObjectName("exportReturns")
        self.returns_button.setToolTip(self.tr("把退回该单位修改的条目写成签名、加密的文件，交给该单位导入"))
        self.returns_button.clicked.connect(self.export_returns)
        self.confirm_button = QPushButton(self.tr("无变化，审核通过"))
        self.confirm_button.setObjectName("confirmNoChangesReview")
        self.confirm_button.clicked.connect(self.confirm_no_changes)
        self.comment.returnPressed.connect(self.return_current)

        dl = QVBoxLayout(self.detail)
        dl.addWidget(self.what)
        dl.addWidget(self.fields, 1)
        dl.addWidget(self.decided)
        crow = QHBoxLayout()
        crow.addWidget(comment_label)
        crow.addWidget(self.comment, 1)
        dl.addLayout(crow)
        dl.addLayout(button_row(self.pass_button, self.return_button, self.reopen_button))

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("reviewSplit")
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 6)
        split.setChildrenCollapsible(False)

        head = QHBoxLayout()
        head.addWidget(heading(self.tr("逐条审核")))
        head.addSpacing(16)
        head.addWidget(QLabel(self.tr("季度：")))
        head.addWidget(self.period)
        head.addWidget(QLabel(self.tr("单位：")))
        head.addWidget(self.unit)
        head.addWidget(QLabel(self.tr("显示：")))
        head.addWidget(self.show_filter)
        head.addStretch(1)
        head.addWidget(refresh)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(self.confirm_button)
        bottom.addWidget(self.pass_all_button)
        bottom.addWidget(self.returns_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(hint(self.tr(
            "导入数据包后，新增、变更、退出的儿童和新增或变更的重点对象、强制报告、委托监护各为一条，右侧对照原值和新值。"
            "逐条点“通过”，或填写意见后“退回”请报送单位修改；全部通过后，该单位本季度即为已审核。")))
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self.table.installEventFilter(self)
        self.setTabOrder(self.table, self.comment)
        self.setTabOrder(self.comment, self.pass_button)
        self.setTabOrder(self.pass_button, self.return_button)
        self.setTabOrder(self.return_button, self.pass_all_button)
        self.fill_periods(load=False)  # the items are read when the tab is shown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the item list: Ctrl+Enter passes, Ctrl+Shift+Enter returns (with the comment)."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            mods = event.modifiers()
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    mods & Qt.KeyboardModifier.ControlModifier:
                if mods & Qt.KeyboardModifier.ShiftModifier:
                    self.return_current()
                else:
                    self.pass_current()
                return True
        return super().eventFilter(watched, event)

    # == choosing the quarter and the unit ==================================================
    def fill_periods(self, load: bool = True) -> None:
        if not self.session.is_open:
            return
        today = self.session.today()
        self.period.blockSignals(True)
        self.period.clear()
        for q in recent_quarters(today):
            self.period.addItem(period_text(q), q)
        self.period.setCurrentIndex(max(0, self.period.findData(last_finished_quarter(today))))
        self.period.blockSignals(False)
        if load:
            self._period_changed()

    def _period_changed(self) -> None:
        self.fill_units()
        self.refresh()

    def fill_units(self, keep: str | None = None) -> None:
        """The units below this office with a package or items in the quarter; those with
        items still to decide first."""
        if not self.session.is_open:
            return
        keep = keep or str(self.unit.currentData() or "")
        period = str(self.period.currentData() or "")
        with self.session.lock:
            states = review.quarter_states(self.session.store, period) if period else {}
            names = {u.code: u.name for u in self.session.registry.list_units()}
        self.names = names
        self.unit.blockSignals(True)
        self.unit.clear()
        for code, st in states.items():
            waiting = st["pending"] + st["answered"]
            name = names.get(code, code)
            if waiting:
                text = self.tr("%1（待审核 %2）").replace("%1", name).replace("%2", str(waiting))
            elif st["returned"]:
                text = self.tr("%1（已退回 %2）").replace("%1", name).replace(
                    "%2", str(st["returned"]))
            else:
                text = self.tr("%1（已审核）").replace("%1", name) if st["reviewed"] else name
            self.unit.addItem(text, code)
        index = self.unit.findData(keep) if keep else -1
        if index < 0:  # the first with something to decide
            index = next((i for i, st in enumerate(states.values())
                          if st["pending"] + st["answered"]), 0)
        self.unit.setCurrentIndex(index if self.unit.count() else -1)
        self.unit.blockSignals(False)

    def select(self, period: str, unit_code: str) -> None:
        """Show one unit's quarter (from the overview's 审核…)."""
        i = self.period.findData(period)
        if i >= 0:
            self.period.blockSignals(True)
            self.period.setCurrentIndex(i)
            self.period.blockSignals(False)
        self.fill_units(keep=unit_code)
        self.refresh()
        self.table.setFocus()

    def clear(self) -> None:
        self.items = []
        self.state = {}
        self.model.set_items([])
        self.unit.clear()
        self._show(None)
        self.counts.setText("")
        self.banner.clear_text()

    # == the list ===========================================================================
    def refresh(self, select_id: str | None = None) -> None:
        if not self.session.is_open:
            return
        period = str(self.period.currentData() or "")
        unit = str(self.unit.currentData() or "")
        current = self.current()
        select_id = select_id or (str(current["id"]) if current else None)
        if not period or not unit:
            self.items, self.state = [], {}
            self.model.set_items([])
            self._show(None)
            self.counts.setText(self.tr("本季度还没有收到下级单位的数据包。"))
            self._update_buttons()
            return
        wanted = self.show_filter.currentData()
        try:
            with self.session.lock:
                items = review.review_items(self.session.store, period, unit, labelled=False)
                self.state = review.quarter_review_state(self.session.store, period, unit)
                self.names = {u.code: u.name for u in self.session.registry.list_units()}
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        if wanted == "open":
            items = [i for i in items if i["status"] in ("pending", "answered")]
        elif wanted:
            items = [i for i in items if i["status"] == wanted]
        self.items = items
        self.model.set_items(items)
        self._show_counts()
        row = next((r for r, it in enumerate(items) if it["id"] == select_id), -1)
        if row < 0:
            row = next((r for r, it in enumerate(items)
                        if it["status"] in ("pending", "answered")), 0 if items else -1)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._show(None)
        self._update_buttons()

    def _show_counts(self) -> None:
        st = self.state
        text = self.tr("待审核 %1 · 已通过 %2 · 已退回 %3").replace(
            "%1", str(st["pending"] + st["answered"])).replace("%2", str(st["passed"])).replace(
            "%3", str(st["returned"]))
        if st["reviewed"]:
            text += self.tr(" — 本季度已审核")
            self.counts.setStyleSheet(f"font-weight: bold; color: {OK};")
        else:
            self.counts.setStyleSheet("font-weight: bold;")
        if not st["total"] and not st["reviewed"]:
            text = self.tr("该单位本季度的数据包没有需要审核的变化：确认一次即为已审核。")
        self.counts.setText(text)

    def _unit_name(self, code: str) -> str:
        return self.names.get(code, code)

    def _change(self, it: dict[str, Any]) -> str:
        text = review.change_text(str(it["change"]), lang())
        if it["change"] == "changed" and it["kind"] != "child":
            text = self.tr("%1变更").replace("%1", form(str(it["kind"])).title(lang()))
        return text

    def _what_changed(self, it: dict[str, Any]) -> str:
        if it["change"] in review.CHANGES_NEW:
            f = form(str(it["kind"]))
            shown = [display(f.field(e["field"]) if f.has_field(e["field"]) else None,
                             e["after"], lang()) for e in review.summary(it)[:3]]
            return self.tr("，").join(s for s in shown if s)
        return self.tr("、").join(review.changed_fields(it, lang()))

    def current(self) -> dict[str, Any] | None:
        row = self.table.currentIndex().row()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _selected(self) -> None:
        self._show(self.current())
        self._update_buttons()

    # == the detail =========================================================================
    def _show(self, it: dict[str, Any] | None) -> None:
        if it is None:
            self.what.setText(self.tr("没有审核条目。") if not self.items else "")
            self.fields.setRowCount(0)
            self.decided.setText("")
            return
        f = form(str(it["kind"]))
        self.what.setText(self.tr("%1 · %2 · %3").replace("%1", self._change(it))
                          .replace("%2", it["child_name"] or "")
                          .replace("%3", self._unit_name(str(it["record_unit"]))))
        rows = review.summary(it)
        self.fields.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for r, e in enumerate(rows):
            fd = f.field(e["field"]) if f.has_field(e["field"]) else None
            label = e["label_en"] if lang() == "en" else e["label_zh"]
            before = "" if e["before"] is None and it["change"] in review.CHANGES_NEW \
                else display(fd, e["before"], lang())
            cells = [label, before, display(fd, e["after"], lang())]
            changed = e["before"] != e["after"]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if changed:
                    cell.setBackground(CHANGED_BG)
                    if c == 2:
                        cell.setFont(bold)
                self.fields.setItem(r, c, cell)
        self.fields.resizeRowsToContents()
        status = str(it["status"])
        if status in ("passed", "returned"):
            text = self.tr("%1：%2 %3").replace("%1", review.status_text(status, lang())).replace(
                "%2", local_time_text(it["decided_at"], lang())).replace("%3", it["officer"] or "")
            if it["comment"]:
                text += self.tr("；意见：%1").replace("%1", str(it["comment"]))
            self.decided.setText(text)
            self.decided.setStyleSheet(f"color: {STATUS_COLORS[status]};")
        elif status == "answered":
            text = self.tr("报送单位已答复退回意见（原意见：%1），请再审核。").replace("%1", str(it["comment"] or ""))
            with self.session.lock:
                answer = returns.answers_of(self.session.store, [str(it["id"])]).get(str(it["id"]))
            if answer is not None:  # what the unit's package said (answers.jsonl)
                text += self.tr("答复：%1").replace("%1", returns.answer_text(answer, lang()))
            self.decided.setText(text)
            self.decided.setStyleSheet(f"color: {STATUS_COLORS['answered']};")
        else:
            self.decided.setText("")
            self.decided.setStyleSheet(f"color: {HINT};")

    def _update_buttons(self) -> None:
        it = self.current()
        open_ = it is not None and it["status"] in ("pending", "answered")
        self.pass_button.setEnabled(open_)
        self.return_button.setEnabled(open_)
        self.comment.setEnabled(open_)
        self.reopen_button.setVisible(it is not None and it["status"] == "passed")
        st = self.state
        waiting = (st.get("pending", 0) + st.get("answered", 0)) if st else 0
        self.pass_all_button.setEnabled(waiting > 0)
        self.returns_button.setEnabled(bool(st) and st.get("returned", 0) > 0)
        self.confirm_button.setVisible(bool(st) and not st.get("total") and not st.get("reviewed")
                                       and bool(st.get("received")))

    # == decisions ==========================================================================
    def pass_current(self) -> None:
        self._decide("pass")

    def return_current(self) -> None:
        self._decide("return")

    def _decide(self, decision: str) -> None:
        it = self.current()
        if it is None or it["status"] not in ("pending", "answered"):
            return
        comment = self.comment.text().strip()
        if decision == "return" and not comment:
            self.banner.show_text("bad", self.tr("退回时请填写意见，说明需要修改什么。"))
            self.comment.setFocus()
            return
        try:
            with self.session.lock:
                review.decide(self.session.store, str(it["id"]), decision, comment)
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        it.update(status="passed" if decision == "pass" else "returned", comment=comment or None,
                  decided_at=utc_now(), officer=self.session.store.officer)
        who = it["child_name"] or ""
        if decision == "pass":
            self.banner.show_text("ok", self.tr("已通过：%1 %2").replace("%1", self._change(it))
                                  .replace("%2", who))
        else:
            self.banner.show_text("ok", self.tr("已退回：%1 %2（意见：%3）").replace(
                "%1", self._change(it)).replace("%2", who).replace("%3", comment))
        self.comment.clear()
        self._after_decision(str(it["id"]))

    def reopen_current(self) -> None:
        """撤销通过: the selected passed item is pending again; it stays selected."""
        it = self.current()
        if it is None or it["status"] != "passed":
            return
        try:
            with self.session.lock:
                review.reopen(self.session.store, str(it["id"]))
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        it.update(status="pending", comment=None, decided_at=None, officer=None)
        self.banner.show_text("ok", self.tr("已撤销通过：%1 %2，重新待审核。").replace(
            "%1", self._change(it)).replace("%2", it["child_name"] or ""))
        self._after_decision(str(it["id"]), advance=False)

    def _after_decision(self, decided_id: str, advance: bool = True) -> None:
        """The decided row shows its new status (the list is not read again: a unit may
        have thousands of items), the counts are read again, the next item still to decide
        is selected; the list keeps the focus."""
        index = next((i for i, x in enumerate(self.items) if x["id"] == decided_id), 0)
        self.model.row_changed(index)
        following = [r for r in [*range(index + 1, len(self.items)), *range(index)]
                     if self.items[r]["status"] in ("pending", "answered")]
        period = str(self.period.currentData() or "")
        unit = str(self.unit.currentData() or "")
        with self.session.lock:
            self.state = review.quarter_review_state(self.session.store, period, unit)
        self._show_counts()
        self.fill_units()
        if advance and following:
            self.table.selectRow(following[0])
        self._show(self.current())
        self._update_buttons()
        self.items_decided.emit()  # the tab title's count (no registry record changed)
        self.table.setFocus()

    def pass_all(self) -> None:
        st = self.state
        waiting = st.get("pending", 0) + st.get("answered", 0) if st else 0
        if not waiting:
            return
        period = str(self.period.currentData() or "")
        unit = str(self.unit.currentData() or "")
        dialogs.ask(self, self.tr("全部通过"), self.tr(
            "将 %1 %2 其余 %3 条待审核条目全部通过。确定吗？").replace("%1", self._unit_name(unit))
            .replace("%2", period_text(period)).replace("%3", str(waiting)),
            lambda: self._pass_all(period, unit), yes=self.tr("全部通过"), no=self.tr("取消"))

    def _pass_all(self, period: str, unit: str) -> None:
        try:
            with self.session.lock:
                n = review.pass_all(self.session.store, period, unit, self.comment.text())
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        self.comment.clear()
        self.banner.show_text("ok", self.tr("已通过 %1 条。").replace("%1", str(n)))
        self.fill_units()
        self.refresh()
        self.items_decided.emit()  # the tab title's count (no registry record changed)
        self.table.setFocus()

    def confirm_no_changes(self) -> None:
        period = str(self.period.currentData() or "")
        unit = str(self.unit.currentData() or "")
        try:
            with self.session.lock:
                review.confirm_no_changes(self.session.store, period, unit)
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        self.banner.show_text("ok", self.tr("%1 %2：无变化，审核通过。").replace(
            "%1", self._unit_name(unit)).replace("%2", period_text(period)))
        self.fill_units()
        self.refresh()
        self.items_decided.emit()  # the tab title's count (no registry record changed)

    def ask_path(self, start: Path) -> Path | None:
        """Where to save the returns file (a U盘 if one is plugged in, else 文档)."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存退回修改文件"), str(start),
                                              self.tr("数据包 (*.lbpkg)"))
        return Path(path) if path else None

    def export_returns(self) -> None:
        """生成退回修改文件…: the items of the unit's quarter returned so far, for its devices."""
        period = str(self.period.currentData() or "")
        unit = str(self.unit.currentData() or "")
        count = int(self.state.get("returned", 0)) if self.state else 0
        if not period or not unit or not count:
            return
        unit_name = self._unit_name(unit)
        name = self.tr("%1-%2-退回修改.lbpkg").replace("%1", unit_name).replace("%2", period_text(period))
        out = self.ask_path(default_folder() / safe_name(name))
        if out is None:
            return
        if out.suffix != ".lbpkg":
            out = out.with_name(out.name + ".lbpkg")
        store = self.session.store

        def work(progress: Any) -> ExportResult:
            return returns.export_returns(store, period, unit, out, progress)

        def done(result: Any) -> None:
            assert isinstance(result, ExportResult)
            self.banner.show_text("ok", self.tr(
                "已生成%1 %2的退回修改文件：%3（退回 %4 项）。请交给该单位在“数据交换 → 导入数据包”中导入；"
                "该单位答复后，下次数据包导入时这些条目回到待审核。")
                .replace("%1", unit_name).replace("%2", period_text(period))
                .replace("%3", str(result.path)).replace("%4", str(count)))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, Cancelled):
                self.banner.show_text("info", exc.text(lang()))
                return
            dialogs.show_error(self, exc, self.tr("退回修改文件未生成"))

        run_job(self, self.session, work, done, failed, title=self.tr("生成退回修改文件"),
                label=self.tr("正在生成退回修改文件……"))
