"""一人一档: one child's file — sections as tabs, actions that open the forms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import rules
from ..core.codebooks import codebook
from ..core.dates import (
    age_on,
    format_date,
    format_datetime,
    local_time_text,
    parse_date,
    parse_datetime,
)
from ..core.forms import FieldDef, FormDef, form
from ..store.registry import SaveResult
from . import dialogs, i18n, printing
from .formdialog import FormDialog, open_form, report_prefill
from .security import names
from .session import Session
from .widgets import HINT_STYLE, button_row


def list_sep(lang: str) -> str:
    """How items of a list are joined: 、 in Chinese, a comma in English."""
    return ", " if lang == "en" else "、"


def display(fd: FieldDef | None, value: Any, lang: str) -> str:
    if value is None or value == "" or value == []:
        return ""
    if fd is not None and fd.type == "bool":
        return (QCoreApplication.translate("display", "是") if value
                else QCoreApplication.translate("display", "否"))
    if isinstance(value, list | tuple):
        book = fd.book() if fd else None
        return list_sep(lang).join(book.label(v, lang) if book else str(v) for v in value)
    if fd is not None and fd.type == "choice" and fd.book() is not None:
        book = fd.book()
        assert book is not None
        return book.label(str(value), lang)
    if fd is not None and fd.type == "date" and (d := parse_date(value)) is not None:
        return format_date(d, lang)
    if fd is not None and fd.type == "datetime" and (dt := parse_datetime(value)) is not None:
        return format_datetime(dt, lang)
    return str(value)


class RecordTable(QWidget):
    """The records of one kind for this child (newest first); double-click edits."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.form_def: FormDef = form(kind)
        self.columns = self.form_def.table_columns()
        lang = i18n.current()
        self.table = QTableWidget(0, len(self.columns))
        self.table.setObjectName(f"table_{kind}")
        self.table.setHorizontalHeaderLabels([f.label(lang) for f in self.columns])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # the officer drags
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(48)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.records: list[dict[str, Any]] = []
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def set_records(self, records: Sequence[dict[str, Any]]) -> None:
        lang = i18n.current()
        self.records = list(records)
        # R10: a record changed after its quarter was reported shows 更正 and the reason
        amended = any(rec.get("amendment_reason") for rec in self.records)
        n = len(self.columns)
        self.table.setColumnCount(n + 1 if amended else n)
        if amended:
            self.table.setHorizontalHeaderItem(n, QTableWidgetItem(self.tr("更正")))
        self.table.setRowCount(len(self.records))
        for r, rec in enumerate(self.records):
            for c, fd in enumerate(self.columns):
                text = display(fd, rec.get(fd.name), lang)
                item = QTableWidgetItem(" ".join(text.split()))  # one line in the table
                item.setToolTip(text)  # the whole text (notes, long places) on hover
                if self.kind == "priority_flag" and rec.get("status") == "开放":
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(r, c, item)
            if amended:
                reason = rec.get("amendment_reason")
                item = QTableWidgetItem(self.tr("更正：%1").replace("%1", str(reason))
                                        if reason else "")
                item.setForeground(Qt.GlobalColor.darkRed)
                item.setToolTip(item.text())
                self.table.setItem(r, n, item)
        if self.records and not self._sized:
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Start with columns as wide as their contents (capped); the officer may drag them."""
        self._sized = True
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount()):
            header.resizeSection(c, min(max(header.sectionSize(c), 72), 260))

    def current(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None


class ChildFilePage(QWidget):
    title_changed = Signal(str)

    def __init__(self, session: Session, child_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.child_id = child_id
        self.file: dict[str, Any] = {}
        self.setObjectName("childFile")
        self.header = QLabel()
        self.header.setObjectName("childHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)

        actions = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        specs = [("edit", self.tr("编辑基本信息")), ("visit", self.tr("记录走访")),
                 ("entrustment", self.tr("登记委托监护")), ("family_member", self.tr("添加家庭成员")),
                 ("priority_flag", self.tr("标记重点对象")), ("mandatory_report", self.tr("强制报告")),
                 ("assessment", self.tr("评估帮扶")), ("pairing", self.tr("结对帮扶")),
                 ("exit", self.tr("退出登记")), ("print", self.tr("打印/导出PDF"))]
        for i, (key, text) in enumerate(specs):
            b = QPushButton(text)
            b.setObjectName(f"action_{key}")
            b.clicked.connect(lambda _=False, k=key: self.act(k))
            actions.addWidget(b, i // 5, i % 5)
            self.buttons[key] = b

        self.tabs = QTabWidget()
        self.tabs.setObjectName("childTabs")
        self.basic = QWidget()
        self.basic_layout = QVBoxLayout(self.basic)
        basic_scroll = QScrollArea()
        basic_scroll.setWidgetResizable(True)
        basic_scroll.setWidget(self.basic)
        self.tabs.addTab(basic_scroll, self.tr("基本信息"))

        self.tables: dict[str, RecordTable] = {}
        family = QWidget()
        fl = QVBoxLayout(family)
        for kind, title in (("family_member", self.tr("家庭成员（父母务工地点与联系方式）")),
                            ("entrustment", self.tr("委托监护"))):
            box = QGroupBox(title)
            bl = QVBoxLayout(box)
            self.tables[kind] = RecordTable(kind)
            bl.addWidget(self.tables[kind])
            fl.addWidget(box)
        self.tabs.addTab(family, self.tr("家庭与监护"))
        for kind, title in (("visit", self.tr("走访记录")), ("priority_flag", self.tr("重点对象")),
                            ("mandatory_report", self.tr("强制报告")),
                            ("assessment", self.tr("评估帮扶")), ("pairing", self.tr("结对帮扶"))):
            page = QWidget()
            pl = QVBoxLayout(page)
            self.tables[kind] = RecordTable(kind)
            pl.addWidget(self.tables[kind])
            if kind == "visit":
                report = QPushButton(self.tr("由所选走访发起强制报告"))
                report.setObjectName("reportFromVisit")
                report.setToolTip(self.tr("走访发现的情况自动填入强制报告"))
                report.clicked.connect(self.report_from_selected_visit)
                pl.addLayout(button_row(report))
            if kind == "priority_flag":
                close = QPushButton(self.tr("解除所选重点对象"))
                close.setObjectName("closeFlagButton")
                close.clicked.connect(self.close_selected_flag)
                pl.addLayout(button_row(close))
            self.tabs.addTab(page, title)
        for kind, table in self.tables.items():
            table.table.doubleClicked.connect(lambda _i, k=kind: self.edit_selected(k))

        self.history = QTableWidget(0, 4)
        self.history.setObjectName("historyTable")
        self.history.setHorizontalHeaderLabels([self.tr("时间"), self.tr("操作人"),
                                                self.tr("操作"), self.tr("内容")])
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hist_header = self.history.horizontalHeader()
        hist_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hist_header.setStretchLastSection(True)
        for col, width in enumerate((170, 90, 160)):
            self.history.setColumnWidth(col, width)
        self.tabs.addTab(self.history, self.tr("变更记录"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        session.data_changed.connect(self._on_data_changed)
        self.reload()
        self._record_view()

    # -- data ------------------------------------------------------------------------------
    def _record_view(self) -> None:
        with self.session.lock:
            with self.session.store.transaction() as audit:
                audit.append("child.view", "child", self.child_id, self.child_id, {"via": "gui"})

    def _on_data_changed(self, child_id: str) -> None:
        if self.session.is_open and child_id in ("", self.child_id):
            self.reload()

    def reload(self) -> None:
        with self.session.lock:
            self.file = self.session.registry.child_file(self.child_id)
        child = self.file["child"]
        lang = i18n.current()
        today = self.session.today()
        birth = parse_date(child.get("birth_date"))
        age = age_on(birth, today) if birth else None
        flags = [f["reason"] for f in self.file["priority_flag"] if f["status"] == "开放"]
        open_reports = [r for r in self.file["mandatory_report"] if rules.report_open(r)]
        parts = [f"<span style='font-size:16pt;font-weight:bold'>{child['name']}</span>",
                 display(form("child").field("sex"), child.get("sex"), lang), self.tr("%1岁").replace("%1", str(age))
                 if age is not None else "", self.file.get("village_name") or "",
                 self.tr("状态：") + display(form("child").field("status"), child["status"], lang)]
        html = " &nbsp; ".join(p for p in parts if p)
        if flags:
            html += "<br><span style='color:#b71c1c'>" + self.tr("重点对象：") + list_sep(lang).join(
                codebook("flag_reason").label(f, lang) for f in flags) + "</span>"
        if open_reports:
            html += " &nbsp; <span style='color:#b71c1c'>" + self.tr("未结案强制报告：%n 件", "",
                                                                    len(open_reports)) + "</span>"
        alerts = rules.child_alerts(self.file, today)
        if alerts:  # the rules that ask something of the officer now (issue 11)
            html += "".join("<br><span style='color:#8a4b00'>▶ " + a.text(lang) + "</span>" for a in alerts)
        self.header.setText(html)
        self.title_changed.emit(child["name"])
        self._fill_basic(child, lang)
        for kind, table in self.tables.items():
            table.set_records(self.file[kind])
        hist = self.file["history"]
        self.history.setRowCount(len(hist))
        for r, ev in enumerate(hist):
            for c, text in enumerate((local_time_text(ev["at"], lang), ev["officer"] or "",
                                      self._action_text(ev["action"], ev["entity"]),
                                      self._detail_text(ev))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.history.setItem(r, c, item)

    def _fill_basic(self, child: Mapping[str, Any], lang: str) -> None:
        while self.basic_layout.count():
            item = self.basic_layout.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        f = form("child")
        for section in f.sections:
            fields = [fd for fd in f.fields_in(section.id) if fd.visible(child)]
            if not fields:
                continue
            box = QGroupBox(section.label(lang))
            grid = QGridLayout(box)
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(3, 1)
            for i, fd in enumerate(fields):
                label = QLabel(fd.label(lang) + (": " if lang == "en" else "："))
                label.setStyleSheet(HINT_STYLE)
                value = QLabel(display(fd, child.get(fd.name), lang) or "—")
                value.setObjectName(f"value_{fd.name}")
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(True)
                grid.addWidget(label, i // 2, (i % 2) * 2, Qt.AlignmentFlag.AlignRight)
                grid.addWidget(value, i // 2, (i % 2) * 2 + 1)
            self.basic_layout.addWidget(box)
        self.basic_layout.addStretch(1)

    def _action_text(self, action: str, entity: str) -> str:
        # the audit viewer's words (one table of them): 新增记录 · 入户走访记录
        return f"{names.action_text(action)} · {names.entity_text(entity)}"

    def _detail_text(self, ev: Mapping[str, Any]) -> str:
        import json

        try:
            detail = json.loads(ev.get("detail") or "{}")
        except (TypeError, ValueError):
            return ""
        if not isinstance(detail, dict):
            return ""
        lang = i18n.current()
        entity = ev.get("entity") or ""
        names: list[str] = list(detail.get("changes") or detail.get("fields") or [])
        try:
            f = form(entity)
            labels = [f.field(n).label(lang) if f.has_field(n) else n for n in names]
        except KeyError:
            labels = names
        text = list_sep(lang).join(labels)
        if detail.get("reason"):
            text += ("；" if text else "") + self.tr("原因：") + str(detail["reason"])
        if detail.get("auto"):
            text += ("；" if text else "") + self.tr("自动：") + str(detail["auto"])
        return text

    # -- actions ------------------------------------------------------------------------------
    def act(self, key: str) -> FormDialog | None:
        child = self.file["child"]
        today = self.session.today().isoformat()
        officer = self.session.store.officer
        if key == "edit":
            return open_form(self, self.session, "child", record=child)
        if key == "exit":
            return self.exit_register()
        if key == "print":
            printing.print_children(self, self.session, [self.child_id])
            return None
        initial: dict[str, Any] = {}
        if key == "visit":
            initial = {"visit_date": today, "visitor": officer,
                       "living_arrangement": child.get("living_arrangement")}
        elif key == "priority_flag":
            initial = {"opened_on": today, "designated_person": officer}
        elif key == "mandatory_report":
            initial = report_prefill(self.session)
            initial.pop("situation")
        elif key in ("assessment",):
            initial = {"assessed_on": today, "assessor": officer}
        elif key == "entrustment":
            return open_form(self, self.session, key, child_id=self.child_id,
                             initial={"start_date": today}, choices=self.guardian_choices(),
                             choices_label=self.tr("从家庭成员中选择受委托监护人："))
        elif key == "pairing":
            initial = {"start_date": today}
        return open_form(self, self.session, key, child_id=self.child_id, initial=initial)

    def guardian_choices(self) -> list[tuple[str, dict[str, Any]]]:
        """Family members who could be entrusted (not the parents), as entrustment values."""
        lang = i18n.current()
        fam = form("family_member")
        relation = codebook("guardian_relation")
        out: list[tuple[str, dict[str, Any]]] = []
        for m in self.file.get("family_member") or []:
            rel = str(m.get("relation") or "")
            if rel in ("父亲", "母亲"):
                continue
            values: dict[str, Any] = {
                "guardian_name": m.get("name"), "guardian_phone": m.get("phone"),
                "guardian_id_number": m.get("id_number"),
                "guardian_birth_date": m.get("birth_date"),
                "relation": rel if rel in relation else "其他亲属"}
            text = f"{display(fam.field('relation'), rel, lang)} {m.get('name') or ''}"
            if m.get("phone"):
                text += f"（{m['phone']}）" if lang == "zh" else f" ({m['phone']})"
            out.append((text, {k: v for k, v in values.items() if v}))
        # the guardian of an earlier entrustment (a renewal names the same person)
        named = {str(m.get("name") or "") for m in self.file.get("family_member") or []}
        ent = form("entrustment")
        keep = ("guardian_name", "relation", "guardian_birth_date", "guardian_id_number",
                "guardian_phone", "address", "has_capacity")
        for e in self.file.get("entrustment") or []:
            name = str(e.get("guardian_name") or "")
            if not name or name in named:
                continue
            named.add(name)
            text = (self.tr("此前的受委托监护人：") + name + " · "
                    + display(ent.field("relation"), e.get("relation"), lang))
            out.append((text, {k: e[k] for k in keep if e.get(k) is not None}))
        return out

    def report_from_selected_visit(self) -> FormDialog | None:
        visit = self.tables["visit"].current()
        if visit is None:
            dialogs.info(self, self.tr("强制报告"), self.tr("请先在列表中选择一次走访。"))
            return None
        return open_form(self, self.session, "mandatory_report", child_id=self.child_id,
                         initial=report_prefill(self.session, visit))

    def exit_register(self, reason: str | None = None) -> FormDialog:
        initial: dict[str, Any] = {"status": "已退出", "exit_date": self.session.today().isoformat()}
        if reason:
            initial["exit_reason"] = reason
        return open_form(self, self.session, "child", record=self.file["child"], initial=initial,
                         title=self.tr("退出登记（请选择原因）"))

    def edit_selected(self, kind: str) -> FormDialog | None:
        rec = self.tables[kind].current()
        if rec is None:
            return None
        return open_form(self, self.session, kind, record=rec)

    def close_selected_flag(self) -> FormDialog | None:
        rec = self.tables["priority_flag"].current()
        if rec is None or rec.get("status") != "开放":
            dialogs.info(self, self.tr("解除重点对象"), self.tr("请先选择一条未解除的重点对象记录。"))
            return None
        self.tabs.setCurrentIndex(3)
        return open_form(self, self.session, "priority_flag", record=rec,
                         initial={"status": "已关闭", "closed_on": self.session.today().isoformat()},
                         title=self.tr("解除重点对象（请填写解除原因）"))

    def on_saved(self, result: SaveResult) -> None:  # for callers that want to chain
        self.reload()


def today_iso() -> str:
    return date.today().isoformat()
