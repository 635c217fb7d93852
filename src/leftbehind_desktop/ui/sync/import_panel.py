"""导入数据包 (street, district; a village: what its street sends down — receipts 回执,
退回修改) and 从恢复包恢复 (village): pick a ``.lbpkg``, check it (optional) or import it on
a worker thread, then the per-record report in Chinese. A refused package shows the reason
and that nothing was changed. After importing a quarterly package the receipt for its
sender is written beside it (另存回执… to put it elsewhere)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import units
from ...core.forms import form
from ...core.messages import UserError
from ...sync import package, receipts
from ...sync.merge import OUTCOME_EN, OUTCOME_ZH, REJECTED, ReportItem
from ...sync.package import ImportReport, InvalidRecords
from .. import dialogs
from ..session import Session
from ..widgets import ERROR, Banner, PathField, button_row, heading, hint
from .common import Cancelled, lang, period_text, run_job

OUTCOMES = ("new", "updated", "unchanged", "conflict", "duplicate", "rejected")
COLORS = {"conflict": "#b26a00", "duplicate": "#b26a00", "rejected": ERROR}
Index = QModelIndex | QPersistentModelIndex


def outcome_label(outcome: str) -> str:
    return OUTCOME_EN[outcome] if lang() == "en" else OUTCOME_ZH[outcome]


class ReportModel(QAbstractTableModel):
    """The report's items (any number: a street package holds 100,000 records)."""

    def __init__(self) -> None:
        super().__init__()
        self.all: list[ReportItem] = []
        self.items: list[ReportItem] = []
        self.names: dict[str, str] = {}
        self.child_name: Callable[[str], str] = lambda cid: ""
        self._child_names: dict[str, str] = {}
        self.headers = [QCoreApplication.translate("sync", "结果"),
                        QCoreApplication.translate("sync", "儿童"),
                        QCoreApplication.translate("sync", "记录类型"),
                        QCoreApplication.translate("sync", "单位"),
                        QCoreApplication.translate("sync", "说明")]

    def set_items(self, items: list[ReportItem], names: dict[str, str],
                  child_name: Callable[[str], str] | None = None) -> None:
        self.beginResetModel()
        self._child_names = {}
        if child_name is not None:
            self.child_name = child_name
        self.all = list(items)
        self.items = list(items)
        self.names = names
        self.endResetModel()

    def filter(self, outcome: str | None) -> None:
        self.beginResetModel()
        self.items = [i for i in self.all if outcome is None or i.outcome == outcome]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            col = index.column()
            if col == 0:
                return outcome_label(item.outcome)
            if col == 1:
                cid = item.child_id or (item.record_id if item.kind == "child" else "")
                if cid not in self._child_names:
                    self._child_names[cid] = self.child_name(cid) if cid else ""
                return self._child_names[cid]
            if col == 2:
                return form(item.kind).title(lang())
            if col == 3:
                return self.names.get(item.unit_code, item.unit_code)
            return item.detail_text(lang())  # (no record ids on screen: the child and kind say which)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0 and item.outcome in COLORS:
            return QColor(COLORS[item.outcome])
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.text(lang())
        return None


class ImportPanel(QWidget):
    def __init__(self, session: Session, restore: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.restore = restore
        self.report: ImportReport | None = None
        self.receipt: receipts.Receipt | None = None  # the receipt of the last import
        self.village = units.level_of(session.store.unit_code) is units.Level.VILLAGE
        self.file = PathField("open", self.tr("选择数据包"), self.tr("数据包 (*.lbpkg)"))
        self.file.setObjectName("importFile")
        self.check_button = QPushButton(self.tr("仅检查（不导入）"))
        self.check_button.setObjectName("checkPackage")
        self.check_button.clicked.connect(lambda: self.start(False))
        self.import_button = QPushButton(self.tr("从恢复包恢复") if restore else self.tr("导入"))
        self.import_button.setObjectName("importPackage")
        self.import_button.clicked.connect(lambda: self.start(True))
        self.file.changed.connect(self._update_buttons)
        self.banner = Banner("importBanner")
        self.receipt_text = QLabel()
        self.receipt_text.setObjectName("receiptStatus")
        self.receipt_text.setWordWrap(True)
        self.receipt_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_receipt = QPushButton(self.tr("另存回执…"))
        self.save_receipt.setObjectName("saveReceipt")
        self.save_receipt.clicked.connect(self._save_receipt)
        self.receipt_box = QGroupBox(self.tr("给发送单位的回执"))
        rl = QHBoxLayout(self.receipt_box)
        rl.addWidget(self.receipt_text, 1)
        rl.addWidget(self.save_receipt, 0, Qt.AlignmentFlag.AlignTop)
        self.receipt_box.hide()

        self.counts: dict[str, QLabel] = {}
        counts_box = QGroupBox(self.tr("导入结果"))
        grid = QGridLayout(counts_box)
        for i, outcome in enumerate(OUTCOMES):
            name = QLabel(outcome_label(outcome))
            value = QLabel("–")
            value.setObjectName(f"count_{outcome}")
            value.setStyleSheet("font-size: 15pt; font-weight: bold;"
                                + (f" color:{COLORS[outcome]};" if outcome in COLORS else ""))
            grid.addWidget(value, 0, i, Qt.AlignmentFlag.AlignHCenter)
            grid.addWidget(name, 1, i, Qt.AlignmentFlag.AlignHCenter)
            self.counts[outcome] = value
        # records accepted with 待补充 fields (also counted among new/updated/unchanged)
        self.incomplete = QLabel("–")
        self.incomplete.setObjectName("count_incomplete")
        self.incomplete.setStyleSheet("font-size: 15pt; font-weight: bold; color:#b26a00;")
        grid.addWidget(self.incomplete, 0, len(OUTCOMES), Qt.AlignmentFlag.AlignHCenter)
        grid.addWidget(QLabel(self.tr("待补充")), 1, len(OUTCOMES), Qt.AlignmentFlag.AlignHCenter)
        self.counts_box = counts_box
        counts_box.hide()

        self.model = ReportModel()
        self.table = QTableView()
        self.table.setObjectName("reportTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        hh = self.table.horizontalHeader()
        for c in range(5):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        self.show_filter = QComboBox()
        self.show_filter.setObjectName("reportFilter")
        self.show_filter.addItem(self.tr("需要注意的记录（更新、冲突、重复、拒绝）"), "notable")
        self.show_filter.addItem(self.tr("全部记录"), None)
        for outcome in OUTCOMES:
            self.show_filter.addItem(outcome_label(outcome), outcome)
        self.show_filter.currentIndexChanged.connect(self._apply_filter)
        self.table_box = QGroupBox(self.tr("逐条报告"))
        tl = QVBoxLayout(self.table_box)
        tl.addLayout(button_row(QLabel(self.tr("显示：")), self.show_filter))
        tl.addWidget(self.table)
        self.table_box.hide()

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("数据包文件：")))
        row.addWidget(self.file, 1)
        row.addWidget(self.check_button)
        row.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if restore:
            layout.addWidget(heading(self.tr("从恢复包恢复")))
            layout.addWidget(hint(self.tr(
                "电脑更换或重装后：先在“设备登记”中重新登记，再请街道生成本村的恢复数据包，在这里导入。"
                "导入前会核验签名、解密并校验全部记录；有任何问题都不会修改数据。")))
        elif self.village:
            layout.addWidget(heading(self.tr("导入数据包")))
            layout.addWidget(hint(self.tr(
                "选择街道发来的文件（.lbpkg）：回执（街道收到本村数据包后写出的接收情况）或退回修改文件。"
                "导入前核验街道的签名与收件单位并解密；导入不会修改任何档案。回执列入工作台“季度数据包”一栏，"
                "退回的条目列入工作台“待修改（街道退回）”。")))
        else:
            layout.addWidget(heading(self.tr("导入数据包")))
            layout.addWidget(hint(self.tr(
                "选择下级交来的数据包（.lbpkg）。导入前依次核验签名、序号、收件单位，解密并校验全部记录，"
                "全部通过后一次性合并；有任何问题都不会修改数据。导入后自动在数据包旁边写出给下级的回执。")))
        layout.addLayout(row)
        layout.addWidget(self.banner)
        layout.addWidget(self.receipt_box)
        layout.addWidget(counts_box)
        layout.addWidget(self.table_box, 1)
        layout.addStretch(1)
        self.tail = layout.count() - 1
        self._update_buttons()

    def _update_buttons(self) -> None:
        ok = self.file.path() is not None
        self.check_button.setEnabled(ok)
        self.import_button.setEnabled(ok)

    def clear(self) -> None:
        self.report = None
        self.receipt = None
        self.receipt_box.hide()
        self.banner.clear_text()
        self.model.set_items([], {})
        self.counts_box.hide()
        self.table_box.hide()
        self._stretch(True)

    def _stretch(self, on: bool) -> None:
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.setStretch(self.tail, 1 if on else 0)

    def refresh(self) -> None:
        return None

    # -- the work -----------------------------------------------------------------------------
    def start(self, do_import: bool) -> None:
        path = self.file.path()
        if path is None:
            return
        self.clear()
        store = self.session.store
        made: list[receipts.Written] = []  # the receipt for the sender, made on the worker

        def work(progress: Any) -> ImportReport:
            if not do_import:
                return package.verify_package(store, path, progress=progress, today=self.session.today())
            try:
                report = package.import_package(store, path, progress=progress, today=self.session.today())
            except UserError as exc:  # a refusal after the signature verified still answers
                refused = receipts.answer_refusal(store, path, exc, receipts.default_path(path))
                made.extend([refused] if refused else [])
                raise
            # the import stands whether or not the receipt can be made or written
            written = receipts.answer_import(store, report, receipts.default_path(path))
            made.extend([written] if written else [])
            return report

        def done(result: Any) -> None:
            self._show_receipt(made[0] if made else None)
            self._done(result, do_import)

        def failed(exc: BaseException) -> None:
            self._show_receipt(made[0] if made else None)
            self._failed(exc)

        run_job(self, self.session, work, done, failed,
                title=self.tr("导入数据包") if do_import else self.tr("检查数据包"),
                label=self.tr("正在核验并导入 %1 ……").replace("%1", path.name) if do_import
                else self.tr("正在检查 %1 ……").replace("%1", path.name))

    def _names(self) -> dict[str, str]:
        with self.session.lock:
            return {u.code: u.name for u in self.session.registry.list_units()}

    def _child_name(self, child_id: str) -> str:
        """The child's name as stored here (a refused package's children are not)."""
        if not self.session.is_open:
            return ""
        with self.session.lock:
            try:
                return str(self.session.registry.get("child", child_id, include_deleted=True)["name"])
            except Exception:  # not in this store
                return ""

    # -- the receipt for the sender -------------------------------------------------------------
    def _show_receipt(self, written: receipts.Written | None) -> None:
        if written is None:
            return
        self.receipt = r = written.receipt
        if r is None:  # could not be made (the import stands)
            self.receipt_text.setText(written.error.text(lang()) if written.error else "")
            self.save_receipt.hide()
            self.receipt_box.show()
            return
        self.save_receipt.show()
        what = r.summary(lang())
        if written.path is not None:
            text = (self.tr("已写到：%1").replace("%1", str(written.path)) + "\n"
                    + self.tr("请把回执交给发送单位（可放在同一U盘中带回），由对方在“导入数据包”中导入。"))
        elif written.error is not None:
            text = written.error.text(lang())
            if not r.stored:  # a refusal's receipt is not kept: save it now or import again
                text = self.tr("无法在数据包旁边写出回执（%1）。请点“另存回执…”保存到别处。").replace(
                    "%1", str(written.error.params.get("detail", "")))
        else:
            text = ""
        self.receipt_text.setText(self.tr("回执内容：%1").replace("%1", what) + "\n" + text)
        self.receipt_box.show()

    def _save_receipt(self) -> None:
        if self.receipt is None:
            return
        start = self.file.path()
        suggested = receipts.default_path(start) if start else Path.home() / "回执.lbpkg"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("另存回执"), str(suggested),
                                                self.tr("数据包 (*.lbpkg)"))
        if not chosen:
            return
        try:
            with self.session.lock:
                out = receipts.save(self.session.store, self.receipt, Path(chosen))
        except UserError as exc:
            dialogs.show_error(self, exc)
            return
        self.receipt_text.setText(self.tr("回执内容：%1").replace("%1", self.receipt.summary(lang()))
                                  + "\n" + self.tr("已写到：%1").replace("%1", str(out)))
        self.session.changed()

    def _done(self, result: Any, imported: bool) -> None:
        assert isinstance(result, ImportReport)
        self.report = result
        if result.message_zh:  # a kind with its own handler (回执, 退回修改): one sentence
            text = result.headline(lang())
            receipt = result.detail.get("receipt")
            refused = isinstance(receipt, dict) and receipt.get("outcome") == "refused"
            if isinstance(receipt, dict) and receipt.get("refused"):  # which records, and why
                with self.session.lock:
                    names = receipts.record_names(self.session.store, receipt)
                lines = receipts.refused_lines(receipt, names, lang(), limit=10)
                more = int(receipt.get("refused_count") or 0) - len(lines)
                text += "\n" + "\n".join("· " + line for line in lines) + (
                    "\n" + self.tr("……另有 %1 条").replace("%1", str(more)) if more > 0 else "")
                text += "\n" + self.tr("请修改这些记录后重新导出本季度数据包。工作台“季度数据包”一栏也列出了它们。")
            self.banner.show_text("info" if result.already_imported or refused else "ok", text)
            if imported and not result.already_imported:
                self.session.changed()
            return
        if result.already_imported:
            self.banner.show_text("info", result.headline(lang()))
            return
        if not imported:
            total = sum(result.counts.values())
            self.banner.show_text("ok", self.tr(
                "数据包有效：来自%1（%2），%3，第%4号；签名、加密与全部 %5 条记录均通过校验。尚未导入。")
                .replace("%1", result.sender_name).replace("%2", result.sender_unit)
                .replace("%3", period_text(result.period)).replace("%4", str(result.sequence))
                .replace("%5", str(total))
                + (self.tr("其中 %1 条记录有待补充的必填项（导入台账时表格中没有），导入后列入工作台“待补充”清单。")
                   .replace("%1", str(result.incomplete)) if result.incomplete else ""))
            return
        text = result.headline(lang())
        follow = []
        if result.counts.get("conflict"):
            follow.append(self.tr("有 %1 处冲突，请在“冲突审核”中逐项选择。")
                          .replace("%1", str(result.counts["conflict"])))
        if result.counts.get("duplicate"):
            follow.append(self.tr("有 %1 名儿童疑似重复登记，请在“重复登记审核”中处理。")
                          .replace("%1", str(result.counts["duplicate"])))
        if result.review_items:
            follow.append(self.tr("有 %1 条变化待逐条审核（新增、变更、退出的儿童和新增或变更的重点对象、强制报告），"
                                  "请在“逐条审核”中通过或退回。").replace("%1", str(result.review_items)))
        elif result.kind == "quarterly":
            follow.append(self.tr("本次导入没有带来需要逐条审核的变化（没有新增、变更或退出的记录）。"))
        if result.incomplete:
            follow.append(self.tr("有 %1 条记录的必填项待补充（导入台账时表格中没有），已列入工作台“待补充”清单，"
                                  "请在下次走访时补全。").replace("%1", str(result.incomplete)))
        self.banner.show_text("ok", "\n".join([text, *follow]))
        self._show_counts(result.counts)
        self.incomplete.setText(str(result.incomplete))
        self.model.set_items(result.items, self._names(), self._child_name)
        self._apply_filter()
        self.table_box.show()
        self._stretch(False)
        self.session.changed()

    def _show_counts(self, counts: dict[str, int]) -> None:
        for outcome, lab in self.counts.items():
            lab.setText(str(counts.get(outcome, 0)))
        self.counts_box.show()

    def _apply_filter(self) -> None:
        key = self.show_filter.currentData()
        if key == "notable":
            self.model.beginResetModel()
            self.model.items = [i for i in self.model.all if i.outcome not in ("new", "unchanged")]
            self.model.endResetModel()
        else:
            self.model.filter(key)

    def _failed(self, exc: BaseException) -> None:
        nothing = self.tr("本次没有修改任何数据。")
        if isinstance(exc, Cancelled):
            self.banner.show_text("info", exc.text(lang()))
            return
        if isinstance(exc, InvalidRecords):
            self.banner.show_text("bad", self.tr("数据包已拒绝：%1").replace("%1", exc.text(lang())) + "\n" + nothing)
            counts = {o: 0 for o in OUTCOMES}
            counts[REJECTED] = len(exc.items)
            self._show_counts(counts)
            self.model.set_items(exc.items, self._names(), self._child_name)
            self.show_filter.setCurrentIndex(self.show_filter.findData(REJECTED))
            self._apply_filter()
            self.table_box.show()
            self._stretch(False)
            return
        if isinstance(exc, UserError):
            self.banner.show_text("bad", self.tr("数据包已拒绝：%1").replace("%1", exc.text(lang())) + "\n" + nothing)
            return
        self.banner.show_text("bad", dialogs.error_text(exc) + "\n" + nothing)
        dialogs.show_error(self, exc)
