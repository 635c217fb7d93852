"""工作台: what needs doing now, from ``Registry.workbench()`` (computed off the GUI thread)."""

from __future__ import annotations

import html
import threading
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.codebooks import codebook
from ..core.dates import format_date, local_date_text, parse_date, quarter_bounds, quarter_label, quarter_of
from ..store.sync import SyncStore
from ..store.worklists import SCREEN_ROWS, Workbench
from ..sync import receipts, returns
from . import dialogs, i18n, jobs
from .session import Session
from .widgets import ERROR, TITLE_STYLE, footer, hint

MAX_ROWS = SCREEN_ROWS  # per list on screen; the count shows the full number
FILL_CHUNK = 50  # rows put into a list at a time (the rest follow between events)


def previous_quarter(d: date) -> str:
    start, _ = quarter_bounds(quarter_of(d))
    return quarter_of(start - timedelta(days=1))


def _words(book: str, value: object) -> str:
    """Codebook terms (、-joined) in the UI language: English labels in the English UI."""
    if value is None or value == "":
        return ""
    if i18n.current() != "en":
        return str(value)
    cb = codebook(book)
    return ", ".join(cb.label(v, "en") for v in str(value).split("、"))


def _day(value: object) -> str:
    """A stored date or date-time as shown: as stored (no T) in Chinese, 3 May 2026 in English."""
    if value is None or value == "":
        return ""
    text = str(value).replace("T", " ")[:16]
    if i18n.current() == "en":
        d = parse_date(text[:10])
        if d is not None:
            return format_date(d, "en") + text[10:]
    return text


class WorkList(QGroupBox):
    """A titled list of children; double-click (or Enter) opens, the button acts."""

    activated = Signal(str, str)  # action, child id

    def __init__(
        self,
        name: str,
        title: str,
        headers: Sequence[str],
        action: tuple[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self.base_title = title
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName(name + "Table")
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # columns can be dragged
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(110)
        header.setResizeContentsPrecision(FILL_CHUNK)  # sized by the first rows, not all 500
        self.table.setMinimumHeight(150)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.doubleClicked.connect(lambda idx: self._emit("open", idx.row()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        open_button = QPushButton(self.tr("打开档案"))
        open_button.clicked.connect(lambda: self._emit("open", self.table.currentRow()))
        buttons.addWidget(open_button)
        if action is not None:
            b = QPushButton(action[1])
            b.setObjectName(name + "Action")
            b.clicked.connect(lambda: self._emit(action[0], self.table.currentRow()))
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.ids: list[str] = []
        self._sized = False
        self._filling = 0

    def _emit(self, action: str, row: int) -> None:
        if 0 <= row < len(self.ids):
            self.activated.emit(action, self.ids[row])

    def set_rows(self, rows: Sequence[tuple[str, Sequence[str]]], total: int | None = None) -> None:
        shown = list(rows)[:MAX_ROWS]
        self.ids = [cid for cid, _ in shown]
        self._filling += 1  # a fill still under way for the previous rows stops
        self.table.clearContents()
        self.table.setRowCount(len(shown))
        self._fill(shown, 0, self._filling)
        if shown and not self._sized:  # start as wide as the contents (capped), then the officer's
            self._sized = True
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            for c in range(self.table.columnCount()):
                header.resizeSection(c, min(max(header.sectionSize(c), 72), 220))
        n = len(rows) if total is None else total
        self.setTitle(f"{self.base_title} ({n})" if i18n.current() == "en" else f"{self.base_title}（{n}）")
        if shown:
            self.table.selectRow(0)

    def _fill(self, shown: list[tuple[str, Sequence[str]]], start: int, filling: int) -> None:
        """Rows from ``start`` in chunks, the next chunk after the events waiting meanwhile:
        ten lists of 500 rows at district scale would hold the window for a second or more."""
        if filling != self._filling:
            return
        end = min(len(shown), start + FILL_CHUNK)
        for r in range(start, end):
            for c, text in enumerate(shown[r][1]):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a cut-off reason or date in full on hover
                self.table.setItem(r, c, item)
        if end < len(shown):
            QTimer.singleShot(0, self, lambda: self._fill(shown, end, filling))

    def texts(self) -> list[list[str]]:
        return [
            [it.text() if (it := self.table.item(r, c)) else "" for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]


class AnswerDialog(QDialog):
    """已核实无误: answer a returned item without a change, with a note of what was checked."""

    def __init__(self, item: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerDialog")
        self.setWindowTitle(self.tr("已核实无误"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("answerNote")
        self.note.setPlaceholderText(self.tr("例如：已入户核实，住址与户口簿一致"))
        self.note.setMinimumSize(420, 90)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("街道意见：%1").replace("%1", str(item["comment"]))))
        layout.addWidget(hint(self.tr("档案无需修改时，请说明核实的情况；说明随下次季度数据包报送街道。")))
        layout.addWidget(self.note)
        self.buttons = footer(self, self.tr("确认答复"), self.tr("取消"), self.accept)
        layout.addWidget(self.buttons.box)
        self.buttons.ok.setEnabled(False)
        self.note.textChanged.connect(
            lambda: self.buttons.ok.setEnabled(bool(self.note.toPlainText().strip())))


class WorkbenchPage(QWidget):
    open_child = Signal(str)
    action = Signal(str, str)  # action (visit, entrustment, exit, report), child id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.loading = False
        self.workbench: Workbench | None = None
        self.summary = QLabel()
        self.summary.setObjectName("workbenchSummary")
        self.package = QLabel()
        self.package.setObjectName("packageStatus")
        self.package.setWordWrap(True)
        self.due = WorkList(
            "dueList",
            self.tr("本月待走访 / 逾期"),
            [self.tr("姓名"), self.tr("村（社区）"), self.tr("状态"), self.tr("应走访日期"), self.tr("最近入户走访")],
            ("visit", self.tr("记录走访")),
        )
        self.priority = WorkList(
            "priorityList",
            self.tr("重点对象"),
            [self.tr("姓名"), self.tr("原因"), self.tr("标记日期"), self.tr("专人负责"), self.tr("下次走访")],
            ("visit", self.tr("记录走访")),
        )
        self.reports = WorkList(
            "reportList",
            self.tr("未结案的强制报告"),
            [self.tr("姓名"), self.tr("报告情形"), self.tr("严重程度"), self.tr("报告时间"), self.tr("跟进状态")],
            ("report", self.tr("更新跟进")),
        )
        self.entrust = WorkList(
            "entrustList",
            self.tr("缺少有效委托监护"),
            [self.tr("姓名"), self.tr("村（社区）")],
            ("entrustment", self.tr("登记委托监护")),
        )
        self.exits = WorkList(
            "exitList",
            self.tr("建议退出登记"),
            [self.tr("姓名"), self.tr("原因"), self.tr("日期")],
            ("exit", self.tr("办理退出")),
        )
        self.complete = WorkList(
            "completeList",
            self.tr("待补充（导入的台账中没有的项目，下次入户走访时补齐）"),
            [self.tr("姓名"), self.tr("村（社区）"), self.tr("记录"), self.tr("待补充项目")],
        )
        self.verify = WorkList(
            "verifyList",
            self.tr("待入户核实（电话/学校了解到居住情况变化）"),
            [self.tr("姓名"), self.tr("了解日期"), self.tr("方式"), self.tr("了解到"), self.tr("档案记载")],
            ("visit", self.tr("记录入户走访")),
        )
        self.dropout = WorkList(
            "dropoutList",
            self.tr("失学辍学 · 劝返复学跟进"),
            [self.tr("姓名"), self.tr("年龄"), self.tr("就学情况"), self.tr("标记日期"), self.tr("劝返进度")],
            ("dropout", self.tr("登记劝返进度")),
        )
        self.assess = WorkList(
            "assessList",
            self.tr("强制报告后待评估帮扶"),
            [self.tr("姓名"), self.tr("报告情形"), self.tr("报告时间"), self.tr("跟进状态")],
            ("assess", self.tr("记录评估帮扶")),
        )
        self.revoke = WorkList(
            "revokeList",
            self.tr("考虑申请撤销监护人资格（法发〔2014〕24号）"),
            [self.tr("姓名"), self.tr("对象"), self.tr("情形"), self.tr("起始日期"), self.tr("满6个月日期")],
        )
        self.returned = WorkList(
            "returnedList",
            self.tr("待修改（街道退回）"),
            [self.tr("姓名"), self.tr("退回内容"), self.tr("退回日期"), self.tr("状态"), self.tr("街道意见")],
            ("answer", self.tr("已核实无误…")),
        )
        self.returned.table.setMinimumHeight(90)
        self.returned.setMaximumHeight(200)
        self.returned.activated.connect(self._returned_activated)
        self.returned.hide()
        self.returned_items: dict[str, dict[str, Any]] = {}
        self.report_ids: dict[str, str] = {}
        self.lists = (self.due, self.priority, self.reports, self.entrust, self.exits, self.verify,
                      self.dropout, self.assess, self.revoke, self.complete)
        for w in self.lists:
            w.activated.connect(self._activated)
        content = QWidget()
        grid = QGridLayout(content)
        grid.addWidget(self.due, 0, 0)
        grid.addWidget(self.priority, 0, 1)
        grid.addWidget(self.reports, 1, 0)
        grid.addWidget(self.entrust, 1, 1)
        grid.addWidget(self.exits, 2, 0)
        quarter = QGroupBox(self.tr("季度数据包"))
        ql = QVBoxLayout(quarter)
        ql.addWidget(self.package)
        ql.addStretch(1)
        grid.addWidget(quarter, 2, 1)
        grid.addWidget(self.verify, 3, 0)
        grid.addWidget(self.dropout, 3, 1)
        grid.addWidget(self.assess, 4, 0)
        grid.addWidget(self.revoke, 4, 1)
        grid.addWidget(self.complete, 5, 0, 1, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        title = QLabel(self.tr("工作台"))
        title.setStyleSheet(TITLE_STYLE)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.summary, 1)
        head.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.returned)
        layout.addWidget(scroll, 1)

    def _activated(self, action: str, child_id: str) -> None:
        if action == "open":
            self.open_child.emit(child_id)
        else:
            self.action.emit(action, child_id)

    def _returned_activated(self, action: str, item_id: str) -> None:
        item = self.returned_items.get(item_id)
        if item is None:
            return
        if action == "answer":
            if item["status"] != "open":
                dialogs.info(self, self.tr("已核实无误"), self.tr("该条目已答复，将随下次季度数据包报送街道。"))
                return
            dialog = AnswerDialog(item, self)
            dialog.accepted.connect(lambda: self._answer(item_id, dialog.note.toPlainText()))
            dialog.open()
        elif item["child_id"]:  # open: the child file, and the returned record's form
            self.action.emit(f"record:{item['kind']}:{item['record_id']}", str(item["child_id"]))

    def _answer(self, item_id: str, note: str) -> None:
        try:
            with self.session.lock:
                returns.confirm(self.session.store, item_id, note)
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        self._load_returned()

    def _load_returned(self) -> None:
        """待修改（街道退回）: the items the street returned, shown only while there are any."""
        with self.session.lock:
            items = returns.returned_items(self.session.store)
        lang = i18n.current()
        self.returned_items = {str(i["item_id"]): i for i in items}
        state = {"open": self.tr("待修改"), "changed": self.tr("已修改，随下次数据包报送"),
                 "answered": self.tr("已核实无误，随下次数据包报送")}
        self.returned.set_rows([
            (str(i["item_id"]), [i["child_name"] or self.tr("（本机无此记录）"), returns.what_text(i, lang),
                                 local_date_text(i["returned_at"], lang),
                                 state["changed" if i["status"] == "open" and i["changed"] else i["status"]],
                                 str(i["comment"])])  # the comment last: it takes the width left
            for i in items])
        self.returned.setVisible(bool(items))

    def clear(self) -> None:
        self.workbench = None
        self.returned_items = {}
        self.returned.hide()
        for w in self.lists:
            w.set_rows([])
        self.summary.setText("")
        self.package.setText("")

    def refresh(self) -> None:
        if not self.session.is_open or self.loading:
            return
        self.loading = True
        self.summary.setText(self.tr("正在加载……"))
        session = self.session

        with session.lock:
            registry = session.registry

        def work(_progress: jobs.Progress, _cancel: threading.Event) -> Workbench:
            # its own read-only connection: the registry and forms stay responsive while a
            # district's work lists are computed
            with registry.reading() as reader:
                return reader.workbench(limit=MAX_ROWS)  # each list's head, totals in full

        jobs.start(work, self._loaded, self._failed, dialog=False)

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.summary.setText("")
        if self.session.is_open:  # a store locked meanwhile is not an error to show
            dialogs.show_error(self, exc)

    def _loaded(self, result: Any) -> None:
        self.loading = False
        if not self.session.is_open:
            return
        assert isinstance(result, Workbench)
        wb = self.workbench = result
        names = self._unit_names()
        self.summary.setText(
            self.tr("在册儿童 %1 名 · 待走访 %2 名（其中逾期 %3 名） · 截至 %4")
            .replace("%1", str(wb.active_children))
            .replace("%2", str(wb.total("due")))
            .replace("%3", str(wb.overdue))
            .replace("%4", _day(wb.as_of.isoformat()))
        )
        status = {"overdue": self.tr("逾期%1天"), "due": self.tr("本月待走访")}
        self.due.set_rows(
            [
                (
                    d.child_id,
                    [
                        d.name,
                        names.get(d.unit_code, d.unit_code),
                        status[d.status].replace("%1", str(d.days_overdue)) if d.status in status else d.status,
                        _day(d.due_date.isoformat()),
                        _day(d.last_visit) or self.tr("尚未入户走访"),
                    ],
                )
                for d in wb.due
            ],
            wb.total("due"),
        )
        self.priority.set_rows(
            [
                (
                    p["child_id"],
                    [
                        p["name"],
                        _words("flag_reason", p["reasons"]),
                        _day(p["opened_on"]),
                        p["designated_person"] or "",
                        _day(p["next_visit"]) or self.tr("本月已走访"),
                    ],
                )
                for p in wb.priority
            ],
            wb.total("priority"),
        )
        self.report_ids = {r["child_id"]: r["id"] for r in wb.open_reports}
        self.reports.set_rows(
            [
                (
                    r["child_id"],
                    [
                        r["name"],
                        _words("report_situation", r["situation"]),
                        _words("severity", r["severity"]),
                        _day(r["reported_at"]),
                        _words("report_followup", r["followup_status"]),
                    ],
                )
                for r in wb.open_reports
            ],
            wb.total("open_reports"),
        )
        self.entrust.set_rows(
            [(e["child_id"], [e["name"], names.get(e["unit_code"], e["unit_code"])]) for e in wb.needs_entrustment],
            wb.total("needs_entrustment"),
        )
        self.exits.set_rows([(e["child_id"], [e["name"], _words("exit_reason", e["reason"]),
                                              _day(e["date"])]) for e in wb.exit_proposals],
                           wb.total("exit_proposals"))
        kinds = {"child": self.tr("儿童基本信息"), "family_member": self.tr("家庭成员"),
                 "entrustment": self.tr("委托监护")}
        self.complete.set_rows([(p.child_id, [p.child_name, names.get(p.unit_code, p.unit_code),
                                              kinds.get(p.kind, p.kind), "、".join(p.fields)])
                                for p in wb.to_complete], wb.total("to_complete"))
        self.verify.set_rows(
            [
                (v["child_id"], [v["name"], _day(v["visit_date"]), _words("visit_type", v["visit_type"]),
                                 _words("living_arrangement", v["reported"]),
                                 _words("living_arrangement", v["recorded"])])
                for v in wb.verify_at_home
            ],
            wb.total("verify_at_home"),
        )
        self.dropout.set_rows(
            [
                (
                    d["child_id"],
                    [
                        d["name"],
                        self.tr("%1岁").replace("%1", str(d["age"])) if d["age"] is not None else "",
                        _words("schooling", d["schooling"]),
                        _day(d["opened_on"]) or self.tr("尚未标记"),
                        d["state"],
                    ],
                )
                for d in wb.out_of_school
            ],
            wb.total("out_of_school"),
        )
        self.assess.set_rows(
            [
                (a["child_id"], [a["name"], a["situation"] or "", a["reported_at"] or "", a["followup_status"] or ""])
                for a in wb.awaiting_assessment
            ],
            wb.total("awaiting_assessment"),
        )
        self.revoke.set_rows(
            [(r["child_id"], [r["name"], r["relation"], r["cause"], r["since"], r["due"]]) for r in wb.revocation],
            wb.total("revocation"),
        )
        self.package.setText(self._package_text(wb.as_of))
        self._load_returned()

    def _unit_names(self) -> dict[str, str]:
        with self.session.lock:
            return {u.code: u.name for u in self.session.registry.list_units()}

    def _package_text(self, today: date) -> str:
        store = self.session.store
        lang = i18n.current()
        period = previous_quarter(today)
        with self.session.lock:
            first = self.session.registry.first_data_day()
            outgoing = [p for p in SyncStore(store).packages(direction="out") if p.kind == "quarterly"]
        days = store.int_setting("quarter_deadline_days", 10)
        locked = store.setting("locked_through")
        if quarter_of(first) > period and not (locked and locked >= period):
            # a new office: its first quarter is still running, nothing is due (or overdue) yet
            first_q = quarter_of(first)
            _, end = quarter_bounds(first_q)
            deadline = end + timedelta(days=days)
            lines = [self.tr("首次上报：%1数据包，截止 %2").replace("%1", quarter_label(first_q, lang))
                     .replace("%2", format_date(deadline, lang)),
                     self.tr("状态：尚未导出；本季度结束后上报（还没有到期的季度）")]
        else:
            _, end = quarter_bounds(period)
            deadline = end + timedelta(days=days)
            lines = [self.tr("应上报：%1数据包，截止 %2").replace("%1", quarter_label(period, lang))
                     .replace("%2", format_date(deadline, lang))]
            if locked and locked >= period:
                lines.append(self.tr("状态：已导出上报（已锁定至 %1）").replace("%1", quarter_label(locked, lang)))
            elif today > deadline:
                lines.append(f"<span style='color:{ERROR}'>" + self.tr("状态：已逾期，尚未导出") + "</span>")
            else:
                lines.append(self.tr("状态：尚未导出，还剩 %1 天").replace("%1", str((deadline - today).days)))
        if outgoing:
            sent = local_date_text(outgoing[-1].processed_at, lang)
            lines.append(self.tr("最近一次导出：%1").replace(
                "%1", quarter_label(outgoing[-1].period, lang) + (f"（{sent}）" if sent else "")))
        lines.extend(self._receipt_lines())
        lines.append(self.tr("数据包的导出与导入在“数据交换”页进行。"))
        return "<br>".join(lines)

    def _receipt_lines(self) -> list[str]:
        """Per quarter sent, the last receipt (回执) from the parent office: 街道已接收 N 条 /
        退回 M 条（原因…）, or 未收到回执."""
        lang = i18n.current()
        with self.session.lock:
            store = self.session.store
            quarters = receipts.quarters(store)
            names = {q.period: receipts.record_names(store, q.receipt.content)
                     for q in quarters if q.receipt is not None and q.receipt.outcome == "refused"}
        lines = []
        for q in quarters:
            head = self.tr("回执（%1）：").replace("%1", quarter_label(q.period, lang))
            r = q.receipt
            if r is None:
                lines.append(head + self.tr("未收到回执"))
                continue
            when = local_date_text(r.made_at, lang)
            text = html.escape(receipts.summary_text(r.content, lang)) + (f"（{when}）" if when else "")
            if r.outcome == "refused":
                lines.append(f"<span style='color:{ERROR}'>" + head + text + "</span>")
                for line in receipts.refused_lines(r.content, names.get(q.period, {}), lang, limit=3):
                    lines.append("&nbsp;&nbsp;· " + html.escape(line))
                if int(r.content.get("refused_count") or 0) > 3:
                    lines.append("&nbsp;&nbsp;" + self.tr("……共 %1 条，请修正后重新导出")
                                 .replace("%1", str(r.content["refused_count"])))
            else:
                lines.append(head + text)
            if not q.newest_answered:
                lines.append("&nbsp;&nbsp;" + self.tr("（最近导出的第%1号数据包尚未收到回执）")
                             .replace("%1", str(q.newest_sequence)))
        return lines


__all__ = ["Qt", "WorkList", "WorkbenchPage"]
