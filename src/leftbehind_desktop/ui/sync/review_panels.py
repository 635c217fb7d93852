"""冲突审核 and 重复登记审核: the review queue left by imports. For a conflict the officer
sees both values side by side and picks one (the other stays in the conflict row); for a
duplicate case the child records side by side, keep one or mark them different children."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.dates import local_date_text
from ...core.forms import form
from ...sync import review
from .. import dialogs
from ..session import Session
from ..widgets import HINT_STYLE, Banner, heading, hint, list_table
from .common import fmt_value, lang, unit_label


def _review_layout(panel: Any, title: str, refresh_text: str, explanation: str,
                   sizes: tuple[int, int]) -> None:
    """The layout both review panels share: heading with count and 刷新, an explanation,
    the banner, then the list over the detail in a splitter."""
    split = QSplitter(Qt.Orientation.Vertical)
    split.addWidget(panel.table)
    split.addWidget(panel.detail)
    split.setSizes(list(sizes))
    head = QHBoxLayout()
    head.addWidget(heading(title))
    head.addWidget(panel.count, 1)
    refresh = QPushButton(refresh_text)
    refresh.clicked.connect(panel.refresh)
    head.addWidget(refresh)
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(head)
    layout.addWidget(hint(explanation))
    layout.addWidget(panel.banner)
    layout.addWidget(split, 1)


def _set_rows(t: QTableWidget, rows: list[list[str]]) -> None:
    t.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            t.setItem(r, c, QTableWidgetItem(text))


class ValueCard(QFrame):
    """One side of a conflict: whose value, the value in large type, a radio button."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"QFrame#{name} {{ border: 1px solid #b0bec5; border-radius: 6px; background: #fafcfe; }}")
        self.radio = QRadioButton(title)
        self.radio.setStyleSheet("font-weight: bold;")
        self.value = QLabel()
        self.value.setObjectName(name + "Value")
        self.value.setWordWrap(True)
        self.value.setStyleSheet("font-size: 14pt; padding: 6px 2px;")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.radio)
        layout.addWidget(self.value)
        layout.addWidget(self.meta)
        layout.addStretch(1)


class ConflictPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.items: list[dict[str, Any]] = []
        self.table = list_table("conflictTable", [self.tr("单位"), self.tr("儿童"), self.tr("记录类型"),
                                                  self.tr("字段"), self.tr("本单位的值"), self.tr("报来的值")])
        self.table.itemSelectionChanged.connect(self._selected)
        self.count = QLabel()
        self.count.setObjectName("conflictCount")

        self.detail = QGroupBox(self.tr("逐项裁决"))
        self.what = QLabel()
        self.what.setObjectName("conflictWhat")
        self.what.setWordWrap(True)
        self.local = ValueCard(self.tr("保留本单位的值"), "localCard")
        self.incoming = ValueCard(self.tr("采用报来的值"), "incomingCard")
        self.group = QButtonGroup(self)
        self.group.addButton(self.local.radio)
        self.group.addButton(self.incoming.radio)
        self.group.buttonToggled.connect(lambda *_: self._update_buttons())
        self.base = QLabel()
        self.base.setWordWrap(True)
        self.base.setStyleSheet(HINT_STYLE)
        self.resolve_button = QPushButton(self.tr("确认裁决"))
        self.resolve_button.setObjectName("resolveConflict")
        self.resolve_button.clicked.connect(self.resolve)
        self.banner = Banner("conflictBanner")
        cards = QHBoxLayout()
        cards.addWidget(self.local, 1)
        cards.addWidget(self.incoming, 1)
        dl = QVBoxLayout(self.detail)
        dl.addWidget(self.what)
        dl.addLayout(cards)
        dl.addWidget(self.base)
        row = QHBoxLayout()
        row.addWidget(hint(self.tr("未选中的值不会丢失，仍保存在冲突记录中，可随时查阅。")), 1)
        row.addWidget(self.resolve_button)
        dl.addLayout(row)

        _review_layout(self, self.tr("冲突审核"), self.tr("刷新"), self.tr(
            "同一条记录在本单位和报送单位都被修改、且改的是同一项时，形成冲突。请核实后逐项选择保留哪一个值。"),
            (330, 250))
        self.refresh()

    def clear(self) -> None:
        self.items = []
        self.table.setRowCount(0)
        self._show(None)
        self.banner.clear_text()

    def refresh(self) -> None:
        if not self.session.is_open:
            return
        with self.session.lock:
            items = review.open_conflicts(self.session.store)
            reg = self.session.registry
            names = {u.code: u.name for u in reg.list_units()}
            children: dict[str, str] = {}
            for c in items:
                cid = c["child_id"] or (c["record_id"] if c["kind"] == "child" else None)
                if cid and cid not in children:
                    try:
                        children[cid] = str(reg.get("child", cid, include_deleted=True)["name"])
                    except Exception:  # the child may be unknown here: show the id
                        children[cid] = cid[:8]
        self.items = items
        self.names = names
        self.child_names = children
        rows = []
        for c in items:
            cid = c["child_id"] or (c["record_id"] if c["kind"] == "child" else "")
            rows.append([names.get(c["unit_code"], c["unit_code"]), children.get(cid, ""),
                         form(c["kind"]).title(lang()), self._field_label(c),
                         fmt_value(c["local_value"]), fmt_value(c["incoming_value"])])
        _set_rows(self.table, rows)
        self.count.setText(self.tr("待处理 %1 项").replace("%1", str(len(items))))
        if items:
            self.table.selectRow(0)
        else:
            self._show(None)

    @staticmethod
    def _field_label(c: dict[str, Any]) -> str:
        f = form(c["kind"])
        return f.field(c["field"]).label(lang()) if f.has_field(c["field"]) else str(c["field"])

    def current(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _selected(self) -> None:
        self._show(self.current())

    def _show(self, c: dict[str, Any] | None) -> None:
        self.detail.setEnabled(c is not None)
        self.group.setExclusive(False)
        self.local.radio.setChecked(False)
        self.incoming.radio.setChecked(False)
        self.group.setExclusive(True)
        if c is None:
            self.what.setText(self.tr("没有待处理的冲突。") if not self.items else "")
            for card in (self.local, self.incoming):
                card.value.setText("")
                card.meta.setText("")
            self.base.setText("")
            self._update_buttons()
            return
        cid = c["child_id"] or (c["record_id"] if c["kind"] == "child" else "")
        self.what.setText(self.tr("%1 · %2 · %3的“%5”")
                          .replace("%1", unit_label(self.names, c["unit_code"]))
                          .replace("%2", self.child_names.get(cid, "")).replace("%3", form(c["kind"]).title(lang()))
                          .replace("%5", self._field_label(c)))
        self.local.value.setText(fmt_value(c["local_value"]))
        self.local.meta.setText(self.tr("本单位（%1）修改后的值").replace("%1", self.session.store.unit_name))
        self.incoming.value.setText(fmt_value(c["incoming_value"]))
        self.incoming.meta.setText(self.tr("%1 报来的值（导入于 %2）")
                                   .replace("%1", self.names.get(c["unit_code"], c["unit_code"]))
                                   .replace("%2", local_date_text(c["created_at"], lang())))
        self.base.setText(self.tr("上次报送时的值：%1").replace("%1", fmt_value(c["base_value"])))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.resolve_button.setEnabled(self.current() is not None and self.group.checkedButton() is not None)

    def resolve(self) -> None:
        c = self.current()
        if c is None or self.group.checkedButton() is None:
            return
        choose = "local" if self.local.radio.isChecked() else "incoming"
        try:
            with self.session.lock:
                review.resolve_conflict(self.session.store, c["id"], choose)
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        kept = c["local_value"] if choose == "local" else c["incoming_value"]
        other = c["incoming_value"] if choose == "local" else c["local_value"]
        self.banner.show_text("ok", self.tr("已裁决“%1”：保留“%2”；另一个值“%3”仍保存在冲突记录中。")
                              .replace("%1", self._field_label(c)).replace("%2", fmt_value(kept))
                              .replace("%3", fmt_value(other)))
        self.session.changed(c.get("child_id") or "")
        self.refresh()


DUP_FIELDS = ("name", "sex", "birth_date", "residence", "school_name", "living_arrangement", "status")


class DuplicatePanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.items: list[dict[str, Any]] = []
        self.records: list[dict[str, Any]] = []
        self.table = list_table("duplicateTable", [self.tr("身份证号"), self.tr("涉及单位"), self.tr("记录数"),
                                                   self.tr("发现时间")])
        self.table.itemSelectionChanged.connect(self._selected)
        self.count = QLabel()
        self.count.setObjectName("duplicateCount")
        self.detail = QGroupBox(self.tr("比较并处理"))
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.group = QButtonGroup(self)
        self.different = QRadioButton(self.tr("是两名不同的儿童（都保留）"))
        self.different.setObjectName("dupDifferent")
        self.group.addButton(self.different)
        self.group.buttonToggled.connect(lambda *_: self._update_buttons())
        self.note = QLineEdit()
        self.note.setObjectName("dupNote")
        self.note.setPlaceholderText(self.tr("处理说明（必填），例如：儿童已迁至大李家村"))
        self.note.textChanged.connect(self._update_buttons)
        self.resolve_button = QPushButton(self.tr("确认处理"))
        self.resolve_button.setObjectName("resolveDuplicate")
        self.resolve_button.clicked.connect(self.resolve)
        self.banner = Banner("duplicateBanner")
        dl = QVBoxLayout(self.detail)
        dl.addWidget(self.grid_host)
        dl.addWidget(self.different)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.resolve_button)
        dl.addLayout(row)
        dl.addWidget(hint(self.tr("保留一条时，其余记录标记为删除（不会真正删除，可在历史中查到）。")))
        self.radios: list[QRadioButton] = []

        _review_layout(self, self.tr("重复登记审核"), self.tr("刷新"), self.tr(
            "同一身份证号在两个村（社区）都有登记。请与两村核实：儿童搬家的，保留现居住地的那一条。"),
            (200, 360))
        self.refresh()

    def clear(self) -> None:
        self.items = []
        self.records = []
        self.table.setRowCount(0)
        self._show(None)
        self.banner.clear_text()

    def refresh(self) -> None:
        if not self.session.is_open:
            return
        with self.session.lock:
            items = review.open_duplicates(self.session.store)
            names = {u.code: u.name for u in self.session.registry.list_units()}
        self.items = items
        self.names = names
        _set_rows(self.table, [[f"{d['id_number'][:6]}********{d['id_number'][-4:]}",
                                "、".join(names.get(u, u) for u in d["unit_codes"]),
                                str(len(d["record_ids"])), local_date_text(d["created_at"], lang())] for d in items])
        self.count.setText(self.tr("待处理 %1 项").replace("%1", str(len(items))))
        if items:
            self.table.selectRow(0)
        else:
            self._show(None)

    def current(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _selected(self) -> None:
        self._show(self.current())

    def _show(self, case: dict[str, Any] | None) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        for old in self.radios:
            self.group.removeButton(old)
        self.radios = []
        self.records = []
        self.group.setExclusive(False)
        self.different.setChecked(False)
        self.group.setExclusive(True)
        self.note.clear()
        self.detail.setEnabled(case is not None)
        if case is None:
            self._update_buttons()
            return
        f = form("child")
        with self.session.lock:
            for rid in case["record_ids"]:
                try:
                    self.records.append(self.session.registry.get("child", rid, include_deleted=True))
                except Exception:  # not held here: show the id only
                    self.records.append({"id": rid})
        for r, name in enumerate(DUP_FIELDS, start=1):
            lab = QLabel(f.field(name).label(lang()) + "：")
            lab.setStyleSheet(HINT_STYLE)
            self.grid.addWidget(lab, r, 0, Qt.AlignmentFlag.AlignRight)
        unit_row = len(DUP_FIELDS) + 1
        lab = QLabel(self.tr("所属单位："))
        lab.setStyleSheet(HINT_STYLE)
        self.grid.addWidget(lab, unit_row, 0, Qt.AlignmentFlag.AlignRight)
        for c, rec in enumerate(self.records, start=1):
            radio = QRadioButton(self.tr("保留第%1条").replace("%1", str(c)))
            radio.setObjectName(f"dupKeep{c - 1}")
            self.group.addButton(radio)
            self.radios.append(radio)
            self.grid.addWidget(radio, 0, c)
            for r, name in enumerate(DUP_FIELDS, start=1):
                v = QLabel(fmt_value(rec.get(name)))
                v.setWordWrap(True)
                self.grid.addWidget(v, r, c)
            self.grid.addWidget(QLabel(unit_label(self.names, str(rec.get("unit_code", "")))), unit_row, c)
        self.grid.setColumnStretch(len(self.records) + 1, 1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.resolve_button.setEnabled(self.current() is not None and self.group.checkedButton() is not None
                                       and bool(self.note.text().strip()))

    def resolve(self) -> None:
        case = self.current()
        if case is None or self.group.checkedButton() is None:
            return
        keep: str | None = None
        kept = 0
        for n, (radio, rec) in enumerate(zip(self.radios, self.records, strict=True), start=1):
            if radio.isChecked():
                keep, kept = str(rec["id"]), n
        try:
            with self.session.lock:
                review.resolve_duplicate(self.session.store, case["id"], keep, self.note.text())
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        self.banner.show_text("ok", self.tr("已处理：保留第%1条，其余记录已标记删除。").replace("%1", str(kept))
                              if keep else self.tr("已处理：确认是不同的儿童，两条记录都保留。"))
        self.session.changed()
        self.refresh()
