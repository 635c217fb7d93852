"""季度总览 (R6): which units below this office sent their package, which are late, how far
their record-level review is (待审核 / 已退回 / 已审核, from the review items); a package with
nothing to review is confirmed here (无变化，审核通过); whether each unit got its receipt
(回执: 未生成 / 已生成未写出 / 已写出待确认 / 已确认), and 另存回执… to write it again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.dates import format_date, local_date_text, local_time_text
from ...sync import overview, receipts, review
from ...sync.overview import UnitStatus
from .. import dialogs
from ..session import Session
from ..widgets import ERROR, HINT, OK, Banner, heading, hint
from .common import lang, last_finished_quarter, period_text, recent_quarters

RECEIPT_COLORS = {"none": ERROR, "made": "#b26a00", "written": "#0d47a1", "acknowledged": OK}
STATE_COLORS = {"已审核": OK, "已报送": "#0d47a1", "已报送（逾期）": "#b26a00",
                "逾期未报": ERROR, "未报送": HINT}


class OverviewPanel(QWidget):
    review_requested = Signal(str, str)  # period, unit code: open 逐条审核 for that unit

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[UnitStatus] = []
        self.period = QComboBox()
        self.period.setObjectName("overviewPeriod")
        self.period.currentIndexChanged.connect(self.refresh)
        self.deadline = QLabel()
        self.deadline.setObjectName("overviewDeadline")
        headers = [self.tr("单位"), self.tr("状态"), self.tr("收到时间"), self.tr("数据包"), self.tr("待审核"),
                   self.tr("已退回"), self.tr("待处理冲突"), self.tr("疑似重复"), self.tr("审核"),
                   self.tr("设备登记"), self.tr("回执")]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("overviewTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(26)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.open_review())
        self.review_button = QPushButton(self.tr("审核…"))
        self.review_button.setObjectName("openRecordReview")
        self.review_button.setToolTip(self.tr("逐条审核所选单位本季度的变化"))
        self.review_button.clicked.connect(self.open_review)
        self.mark_button = QPushButton(self.tr("无变化，审核通过"))
        self.mark_button.setObjectName("confirmNoChanges")
        self.mark_button.setToolTip(self.tr("所选单位的数据包没有需要审核的变化时，确认一次即为已审核"))
        self.mark_button.clicked.connect(self.mark)
        self.save_receipt = QPushButton(self.tr("另存回执…"))
        self.save_receipt.setObjectName("overviewSaveReceipt")
        self.save_receipt.setToolTip(self.tr("把所选单位最近一个数据包的回执写到U盘等处，交给该单位导入"))
        self.save_receipt.clicked.connect(self.save_selected_receipt)
        self.summary = QLabel()
        self.summary.setObjectName("overviewSummary")
        self.banner = Banner("overviewBanner")
        head = QHBoxLayout()
        head.addWidget(heading(self.tr("季度总览")))
        head.addSpacing(20)
        head.addWidget(QLabel(self.tr("季度：")))
        head.addWidget(self.period)
        head.addWidget(self.deadline, 1)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        head.addWidget(refresh)
        row = QHBoxLayout()
        row.addWidget(self.review_button)
        row.addWidget(self.mark_button)
        row.addStretch(1)
        row.addWidget(self.save_receipt)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(hint(self.tr(
            "截止日期 = 季度末 + 报送期限天数。导入数据包后，逐条审核新增、变更、退出的儿童和新增的重点对象、"
            "强制报告（双击一行或点“审核…”）；全部通过即为已审核。")))
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.banner)
        self.fill_periods()

    def fill_periods(self) -> None:
        if not self.session.is_open:
            return
        today = self.session.today()
        self.period.blockSignals(True)
        self.period.clear()
        for q in recent_quarters(today):
            self.period.addItem(period_text(q), q)
        self.period.setCurrentIndex(max(0, self.period.findData(last_finished_quarter(today))))
        self.period.blockSignals(False)
        self.refresh()

    def clear(self) -> None:
        self.rows = []
        self.table.setRowCount(0)
        self.summary.setText("")
        self.banner.clear_text()

    def refresh(self) -> None:
        if not self.session.is_open:
            return
        period = str(self.period.currentData() or "")
        if not period:
            return
        try:
            with self.session.lock:
                ov = overview.overview(self.session.store, period, today=self.session.today())
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        self.rows = ov.rows
        self.deadline.setText(self.tr("报送截止：%1").replace("%1", format_date(ov.deadline, lang())))
        en = lang() == "en"
        self.table.setRowCount(len(ov.rows))
        for r, s in enumerate(ov.rows):
            cells = [f"{s.unit_name}（{s.unit_code}）", s.state_en if en else s.state,
                     local_time_text(s.received_at, lang()), str(s.packages) if s.packages else "",
                     str(s.review_pending) if s.review_pending else "",
                     str(s.review_returned) if s.review_returned else "",
                     str(s.open_conflicts) if s.open_conflicts else "",
                     str(s.open_duplicates) if s.open_duplicates else "",
                     self._review_text(s),
                     self.tr("已登记") if s.enrolled else self.tr("未登记"),
                     s.receipt_text_en if en else s.receipt_text]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 1:
                    item.setForeground(QColor(STATE_COLORS.get(s.state, "#000")))
                if c == 5 and s.review_returned:
                    item.setForeground(QColor(ERROR))
                if c == 9 and not s.enrolled:
                    item.setForeground(QColor(ERROR))
                if c == 10 and s.receipt:
                    item.setForeground(QColor(RECEIPT_COLORS[s.receipt]))
                self.table.setItem(r, c, item)
        sent = sum(1 for s in ov.rows if s.received_at)
        late = sum(1 for s in ov.rows if s.late)
        reviewed = sum(1 for s in ov.rows if s.reviewed_at)
        waiting = sum(1 for s in ov.rows if s.receipt in ("none", "made", "written"))
        self.summary.setText(self.tr("共 %1 个单位：已报送 %2，逾期 %3，已审核 %4")
                             .replace("%1", str(len(ov.rows))).replace("%2", str(sent))
                             .replace("%3", str(late)).replace("%4", str(reviewed))
                             + (self.tr("；回执尚未确认 %1").replace("%1", str(waiting)) if waiting else ""))
        self._update_buttons()

    def _review_text(self, s: UnitStatus) -> str:
        """已审核 with the day and officer; at the district, how many villages the street
        reviewed (what its package said)."""
        parts = []
        if s.reviewed_at:
            parts.append(self.tr("%1 %2").replace("%1", local_date_text(s.reviewed_at, lang()))
                         .replace("%2", s.reviewed_by or ""))
        if s.forwarded is not None:
            parts.append(self.tr("下级已审核 %1/%2").replace("%1", str(s.forwarded[0]))
                         .replace("%2", str(s.forwarded[1])))
        return self.tr("；").join(parts)

    def current(self) -> UnitStatus | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _update_buttons(self) -> None:
        s = self.current()
        self.save_receipt.setEnabled(s is not None and s.receipt_id is not None)
        self.review_button.setEnabled(s is not None and s.review_total > 0)
        self.mark_button.setEnabled(s is not None and s.received_at is not None
                                    and s.review_total == 0 and s.reviewed_at is None)

    def save_selected_receipt(self) -> None:
        """另存回执…: the kept receipt of the selected unit's newest package, to a file."""
        s = self.current()
        if s is None or s.receipt_id is None:
            return
        with self.session.lock:
            receipt = receipts.stored_for(self.session.store, s.receipt_id)
        if receipt is None:
            return
        suggested = Path.home() / f"{s.unit_name}-{period_text(receipt.period)}-回执.lbpkg"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("另存回执"), str(suggested),
                                                self.tr("数据包 (*.lbpkg)"))
        if not chosen:
            return
        try:
            with self.session.lock:
                out = receipts.save(self.session.store, receipt, Path(chosen))
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        self.banner.show_text("ok", self.tr("%1 的回执已写到：%2。请交给该单位在“导入数据包”中导入。")
                              .replace("%1", s.unit_name).replace("%2", str(out)))
        self.refresh()

    def open_review(self) -> None:
        s = self.current()
        if s is not None:
            self.review_requested.emit(str(self.period.currentData() or ""), s.unit_code)

    def mark(self) -> None:
        s = self.current()
        if s is None:
            return
        period = str(self.period.currentData() or "")
        try:
            with self.session.lock:
                review.confirm_no_changes(self.session.store, period, s.unit_code)
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        self.banner.show_text("ok", self.tr("%1 的 %2 数据：无变化，审核通过。").replace("%1", s.unit_name)
                              .replace("%2", period_text(period)))
        self.refresh()
