"""审计日志: the hash-chained audit events, newest first, filtered by child, officer, action
and date; 校验审计链 recomputes the chain in a worker and names the first broken event.

Queries run off the GUI thread (under the session lock) and fetch at most ``PAGE`` rows at a
time (keyset paging on ``seq``, in ``store/audit_pages.py``), so the page stays quick with
millions of events.
"""

from __future__ import annotations

import json
import threading
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.audit_words import ACTIONS
from ...core.dates import local_time_text, utc_stamp
from ...core.messages import UserError
from ...store import audit_pages
from .. import dialogs, i18n, jobs
from ..session import Session
from ..widgets import BOLD, ERROR_STYLE, HINT_STYLE, OK_STYLE, TITLE_STYLE
from . import names

PAGE = audit_pages.PAGE
SCAN = audit_pages.SCAN  # tests narrow it
VERIFY_STEP = audit_pages.VERIFY_STEP


class AuditPage(QWidget):
    open_child = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditPage")
        self.session = session
        self.events: list[dict[str, Any]] = []
        self.loading = False
        self.verify_result: Any = None
        self.next_before: int | None = None  # where 加载更早的事件 continues
        self._worker: jobs.Worker | None = None
        self._generation = 0

        title = QLabel(self.tr("审计日志"))
        title.setStyleSheet(TITLE_STYLE)
        intro = QLabel(self.tr("每一次新增、修改、查看、打印、导出、导入和备份都记录在这里，"
                               "并以哈希链相连：任何删改都能被“校验审计链”发现。"))
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)

        self.child = QLineEdit()
        self.child.setObjectName("auditChild")
        self.child.setPlaceholderText(self.tr("儿童姓名、身份证号或拼音首字母"))
        self.child.setClearButtonEnabled(True)
        self.child.returnPressed.connect(self.apply_filter)
        self.officer = QComboBox()
        self.officer.setObjectName("auditOfficer")
        self.officer.setMinimumContentsLength(8)
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.action.addItem(self.tr("全部操作"), "")
        for code in ACTIONS:
            self.action.addItem(names.action_text(code), code)
        self.by_date = QCheckBox(self.tr("日期"))
        self.by_date.setObjectName("auditByDate")
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30))
        self.since.setObjectName("auditSince")
        self.until = QDateEdit(today)
        self.until.setObjectName("auditUntil")
        for d in (self.since, self.until):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.setEnabled(False)
        self.by_date.toggled.connect(self.since.setEnabled)
        self.by_date.toggled.connect(self.until.setEnabled)
        search = QPushButton(self.tr("查询"))
        search.setObjectName("auditSearch")
        search.clicked.connect(self.apply_filter)
        clear = QPushButton(self.tr("清除条件"))
        clear.clicked.connect(self.clear_filter)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("儿童")))
        filters.addWidget(self.child, 2)
        filters.addWidget(QLabel(self.tr("信息员")))
        filters.addWidget(self.officer, 1)
        filters.addWidget(QLabel(self.tr("操作")))
        filters.addWidget(self.action, 1)
        filters.addWidget(self.by_date)
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("至")))
        filters.addWidget(self.until)
        filters.addWidget(search)
        filters.addWidget(clear)

        self.table = QTableWidget(0, 6)
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels([self.tr("序号"), self.tr("时间"), self.tr("信息员"),
                                              self.tr("操作"), self.tr("记录类型"),
                                              self.tr("儿童")])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # the time column holds the longest time as shown (2026年12月31日 23:59:59) and a margin
        widest = local_time_text("2026-12-31T15:59:59Z", i18n.current(), seconds=True)
        time_w = self.table.fontMetrics().horizontalAdvance(widest) + 24
        for col, width in enumerate((70, max(160, time_w), 110, 170, 130)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.currentCellChanged.connect(lambda *_a: self._show_detail())
        self.detail = QLabel()
        self.detail.setObjectName("auditDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet("color:#333; background:#f7f7f7; padding:4px;")
        self.detail.setMinimumHeight(40)

        self.count = QLabel()
        self.count.setObjectName("auditCount")
        self.more = QPushButton(self.tr("加载更早的事件"))
        self.more.setObjectName("auditMore")
        self.more.clicked.connect(self.load_more)
        self.more.setEnabled(False)
        self.verify_button = QPushButton(self.tr("校验审计链"))
        self.verify_button.setObjectName("verifyChain")
        self.verify_button.clicked.connect(self.verify)
        self.verify_label = QLabel()
        self.verify_label.setObjectName("verifyResult")
        self.verify_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.more)
        bottom.addStretch(1)
        bottom.addWidget(self.verify_label, 2)
        bottom.addWidget(self.verify_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(bottom)

    # -- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        """The store is open: fill the officer choices and the newest events."""
        session = self.session

        def work(_p: jobs.Progress, _c: threading.Event) -> list[str]:
            return audit_pages.officers(session.store)

        jobs.start(work, self._officers_loaded, self._failed, lock=session.lock, dialog=False)
        self.apply_filter()

    def _officers_loaded(self, officers: Any) -> None:
        current = self.officer.currentData()
        self.officer.clear()
        self.officer.addItem(self.tr("全部信息员"), "")
        for name in officers:
            self.officer.addItem(str(name), str(name))
        self.officer.setCurrentIndex(max(0, self.officer.findData(current)))

    def cancel(self) -> None:
        """Stop a running query (before the store closes)."""
        self._generation += 1
        if self._worker is not None:
            self._worker.cancel.set()
            self._worker = None

    def clear(self) -> None:
        """Locked: forget every row."""
        self.cancel()
        self.events = []
        self.table.setRowCount(0)
        self.detail.setText("")
        self.count.setText("")
        self.verify_label.setText("")
        self.officer.clear()

    def clear_filter(self) -> None:
        self.child.clear()
        self.officer.setCurrentIndex(0)
        self.action.setCurrentIndex(0)
        self.by_date.setChecked(False)
        self.apply_filter()

    def _filters(self) -> dict[str, Any]:
        f: dict[str, Any] = {"query": self.child.text().strip(),
                             "officer": self.officer.currentData() or None,
                             "action": self.action.currentData() or None}
        if self.by_date.isChecked():
            lo, hi = qdate(self.since.date()), qdate(self.until.date())
            if hi < lo:
                lo, hi = hi, lo
            f["since"] = utc_stamp(datetime.combine(lo, time()))
            f["until"] = utc_stamp(datetime.combine(hi + timedelta(days=1), time()))
        return f

    def apply_filter(self) -> None:
        self._fetch(self._filters(), None)

    def load_more(self) -> None:
        if self.next_before is not None:
            self._fetch(self._filters(), self.next_before)

    def _fetch(self, f: dict[str, Any], before: int | None) -> None:
        if not self.session.is_open:
            return
        session = self.session
        self._generation += 1
        generation = self._generation
        if self._worker is not None:
            self._worker.cancel.set()  # a newer query replaces it
        self.loading = True
        self.count.setText(self.tr("正在查询……"))

        def work(_p: jobs.Progress, cancel: threading.Event) -> list[dict[str, Any]]:
            flt = audit_pages.EventFilter(query=f["query"], officer=f["officer"],
                                          actions=[f["action"]] if f["action"] else None,
                                          since=f.get("since"), until=f.get("until"))
            return audit_pages.page(session.store, flt, before, lock=session.lock,
                                    cancelled=cancel.is_set, limit=PAGE, scan=SCAN)

        def done(rows: Any) -> None:
            if generation != self._generation:
                return
            self._worker = None
            self.loading = False
            rows = list(rows)
            self.next_before = int(rows[-1]["seq"]) if len(rows) >= PAGE else None
            self._show(rows, append=before is not None)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._worker = None
            self.loading = False
            self._failed(exc)

        self._worker = jobs.start(work, done, failed, dialog=False)

    def _failed(self, exc: BaseException) -> None:
        self.count.setText("")
        if self.session.is_open:
            dialogs.show_error(self, exc)

    def _show(self, rows: list[dict[str, Any]], append: bool) -> None:
        if not append:
            self.events = []
            self.table.setRowCount(0)
        start = len(self.events)
        self.events.extend(rows)
        self.table.setRowCount(len(self.events))
        for r, ev in enumerate(rows, start):
            cells = (str(ev["seq"]), local_time_text(ev["at"], i18n.current(), seconds=True), str(ev["officer"] or ""),
                     names.action_text(str(ev["action"])), names.entity_text(str(ev["entity"])),
                     str(ev["child_name"] or ""))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if ev["action"] in ("record.amend", "record.delete"):
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(r, c, item)
        self.more.setEnabled(self.next_before is not None)
        if not self.events:
            self.count.setText(self.tr("没有符合条件的事件"))
        elif self.next_before is not None:
            self.count.setText(self.tr("显示最新的 %1 条事件").replace("%1", str(len(self.events))))
        else:
            self.count.setText(self.tr("共 %1 条事件").replace("%1", str(len(self.events))))
        self._show_detail()

    def _show_detail(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.events):
            self.detail.setText(self.tr("选中一条事件可查看详情；双击带儿童的事件可打开该儿童的档案。"))
            return
        ev = self.events[row]
        self.detail.setText(detail_text(ev))

    def _double_clicked(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.events) and self.events[row].get("child_name"):
            self.open_child.emit(str(self.events[row]["child_id"]))

    # -- chain ---------------------------------------------------------------------------------
    def verify(self) -> None:
        if not self.session.is_open:
            return
        session = self.session

        def work(progress: jobs.Progress, cancel: threading.Event
                 ) -> tuple[Any, dict[str, Any] | None]:
            with session.lock:
                check = audit_pages.ChainCheck.start(session.store)
            while True:  # the lock is let go between steps: the window keeps working
                if cancel.is_set():
                    raise UserError("cancelled", "已取消校验", "Verification cancelled")
                with session.lock:
                    outcome = check.step(VERIFY_STEP)
                if outcome is not None:
                    return outcome
                progress(check.done, max(check.total, check.done))

        self.verify_label.setText(self.tr("正在校验……"))
        self.verify_label.setStyleSheet(HINT_STYLE)
        jobs.start(work, self._verified, self._verify_failed, parent=self,
                   title=self.tr("校验审计链"), label=self.tr("正在逐条校验审计事件……"))

    def _verify_failed(self, exc: BaseException) -> None:
        self.verify_label.setText("")
        if isinstance(exc, UserError) and exc.code == "cancelled":
            return
        self._failed(exc)

    def _verified(self, value: Any) -> None:
        result, broken = value
        self.verify_result = result
        if result.ok:
            self.verify_label.setStyleSheet(OK_STYLE + BOLD)
            self.verify_label.setText(self.tr("审计链完整：共 %1 条事件，未发现删改。")
                                      .replace("%1", str(result.events)))
            return
        text = (self.tr("审计链已断开：第 %1 条事件起无法验证（%2）。")
                .replace("%1", str(result.broken_at)).replace("%2", names.break_text(result.reason)))
        if broken is not None:
            text += " " + self.tr("该事件：%1，%2，%3。").replace(
                "%1", local_time_text(broken["at"], i18n.current(), seconds=True)).replace(
                "%2", str(broken["officer"])).replace("%3", names.action_text(str(broken["action"])))
            for r, ev in enumerate(self.events):
                if ev["seq"] == result.broken_at:
                    self.table.selectRow(r)
                    break
        self.verify_label.setStyleSheet(ERROR_STYLE + BOLD)
        self.verify_label.setText(text)
        QTimer.singleShot(0, self._show_detail)


def detail_text(ev: dict[str, Any]) -> str:
    """What changed, for the detail line (field names only, as in the child file's history)."""
    try:
        detail = json.loads(ev.get("detail") or "{}")
    except (TypeError, ValueError):
        detail = {}
    parts = [QCoreApplication.translate("audit", "第 %1 条").replace("%1", str(ev["seq"])),
             local_time_text(ev["at"], i18n.current(), seconds=True), str(ev["officer"] or ""),
             names.action_text(str(ev["action"])), names.entity_text(str(ev["entity"]))]
    if ev.get("child_name"):
        parts.append(str(ev["child_name"]))
    if isinstance(detail, dict):
        changes = detail.get("changes")
        if isinstance(changes, dict) and changes:
            from ...core.forms import FORM_IDS, form

            entity = str(ev["entity"])
            f = form(entity) if entity in FORM_IDS else None
            labels = [f.field(n).label(i18n.current()) if f is not None and f.has_field(n) else n
                      for n in changes]
            parts.append(QCoreApplication.translate("audit", "改动：") + "、".join(labels))
        if ev["action"] == "store.backup" and detail.get("reason"):
            from .backups import reason_text

            parts.append(QCoreApplication.translate("audit", "方式：")
                         + reason_text(str(detail["reason"])))
        elif detail.get("reason"):
            parts.append(QCoreApplication.translate("audit", "原因：") + str(detail["reason"]))
        if detail.get("via"):
            parts.append(QCoreApplication.translate("audit", "方式：") + str(detail["via"]))
    return " · ".join(p for p in parts if p)


def qdate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())
