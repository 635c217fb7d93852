"""导出季度数据包 (village, and the street's 上报 to the district) as a four-step wizard:
quarter and recipient → where to save → confirm (the quarter lock, R10) → result.
Also the street's 恢复数据包 for a replaced village laptop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...core import units
from ...core.dates import local_date_text
from ...core.forms import form
from ...store.sync import SyncStore
from ...sync import package
from ...sync.package import ExportResult
from .. import dialogs
from ..session import Session
from ..widgets import (
    ERROR_STYLE,
    WARN_STYLE,
    Banner,
    PathField,
    button_row,
    default_folder,
    heading,
    hint,
    removable_folders,
    safe_name,
)
from .common import (
    Cancelled,
    fill_quarters,
    lang,
    period_text,
    run_job,
    unit_label,
)


def _counts_text(counts: dict[str, int]) -> str:
    return "，".join(f"{form(k).title(lang())} {v}" for k, v in counts.items() if v) or "0"


class ExportWizard(QWidget):
    """Quarterly package to the parent office."""

    STEPS = 4

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.result: ExportResult | None = None
        self.recipient: tuple[str, str] | None = None
        store = session.store
        is_village = units.level_of(store.unit_code) is units.Level.VILLAGE
        title = self.tr("导出季度数据包") if is_village else self.tr("上报区数据包")

        self.step_label = QLabel()
        self.step_label.setObjectName("exportStep")
        self.stack = QStackedWidget()

        # 1: quarter, recipient, counts
        p1 = QWidget()
        self.period = QComboBox()
        self.period.setObjectName("exportPeriod")
        self.period.setMinimumWidth(140)
        self.period.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.recipient_label = QLabel()
        self.recipient_label.setObjectName("exportRecipient")
        self.recipient_label.setWordWrap(True)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("exportCounts")
        self.counts_label.setWordWrap(True)
        self.period_state = QLabel()
        self.period_state.setWordWrap(True)
        self.pending_label = QLabel()  # 待补充 records travel too: a notice, not a refusal
        self.pending_label.setObjectName("exportPending")
        self.pending_label.setWordWrap(True)
        self.pending_label.setStyleSheet(WARN_STYLE)
        self.pending_label.hide()
        f1 = QFormLayout(p1)
        f1.addRow(self.tr("报送季度："), self.period)
        f1.addRow(self.tr("发送给："), self.recipient_label)
        f1.addRow(self.tr("数据包内容："), self.counts_label)
        f1.addRow(self.tr("状态："), self.period_state)
        f1.addRow("", self.pending_label)
        f1.addRow("", hint(self.tr(
            "数据包包含本单位全部台账记录、全部走访等事件、审计记录和一份可阅读的 Excel 台账；"
            "经过签名和加密，只有收件单位能打开。")))

        # 2: where
        p2 = QWidget()
        self.folder = PathField("dir", self.tr("选择保存文件夹（U盘）"))
        self.folder.setObjectName("exportFolder")
        self.file_name = QLineEdit()
        self.file_name.setObjectName("exportFileName")
        self.usb = QLabel()
        self.usb.setWordWrap(True)
        f2 = QFormLayout(p2)
        f2.addRow(self.tr("保存到文件夹："), self.folder)
        f2.addRow(self.tr("文件名："), self.file_name)
        f2.addRow("", self.usb)

        # 3: confirm
        p3 = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("exportSummary")
        self.summary.setWordWrap(True)
        self.lock_text = QLabel()
        self.lock_text.setObjectName("lockText")
        self.lock_text.setWordWrap(True)
        self.lock_text.setStyleSheet(WARN_STYLE)
        self.understood = QCheckBox(self.tr("我已了解：导出后该季度锁定，以后修改需填写更正原因"))
        self.understood.setObjectName("lockUnderstood")
        self.understood.toggled.connect(self._update_buttons)
        l3 = QVBoxLayout(p3)
        l3.addWidget(self.summary)
        l3.addWidget(self.lock_text)
        l3.addWidget(self.understood)
        l3.addStretch(1)

        # 4: result
        p4 = QWidget()
        self.banner = Banner("exportBanner")
        l4 = QVBoxLayout(p4)
        l4.addWidget(self.banner)
        l4.addStretch(1)

        for p in (p1, p2, p3, p4):
            self.stack.addWidget(p)

        self.back = QPushButton(self.tr("上一步"))
        self.back.setObjectName("exportBack")
        self.back.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next = QPushButton(self.tr("下一步"))
        self.next.setObjectName("exportNext")
        self.next.clicked.connect(self._next)
        self.export_button = QPushButton(self.tr("导出"))
        self.export_button.setObjectName("exportRun")
        self.export_button.clicked.connect(self.export)
        self.again = QPushButton(self.tr("重新开始"))
        self.again.setObjectName("exportAgain")
        self.again.clicked.connect(self.restart)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.back, self.next, self.export_button, self.again):
            buttons.addWidget(b)

        box = QGroupBox()
        bl = QVBoxLayout(box)
        bl.addWidget(self.step_label)
        bl.addWidget(self.stack, 1)
        bl.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title))
        layout.addWidget(box, 1)
        self.restart()

    # -- steps --------------------------------------------------------------------------------
    def restart(self) -> None:
        if not self.session.is_open:
            return
        today = self.session.today()
        self.period.blockSignals(True)
        # offer the quarter that holds data not yet exported (a new office: its first one)
        fill_quarters(self.period, self.session, today)
        self.period.blockSignals(False)
        self.folder.set_path(default_folder())
        usb = removable_folders()
        self.usb.setText(self.tr("检测到U盘：%1").replace("%1", "、".join(str(u) for u in usb)) if usb
                         else self.tr("未检测到U盘：插入U盘后点“浏览…”选择U盘，或先保存到电脑再拷贝。"))
        self.understood.setChecked(False)
        self.banner.clear_text()
        self.result = None
        self._period_changed()
        self.go(0)

    def clear(self) -> None:
        self.counts_label.setText("")
        self.pending_label.setText("")
        self.pending_label.hide()
        self.recipient_label.setText("")
        self.summary.setText("")
        self.banner.clear_text()

    def _period_changed(self) -> None:
        if not self.session.is_open:
            return
        store = self.session.store
        period = str(self.period.currentData() or "")
        with self.session.lock:
            ex = SyncStore(store)
            names = dict(ex.unit_list())
            target = store.setting("parent_unit") or units.parent_of(store.unit_code) or ""
            keys = ex.keys(unit_code=target, relation="parent", status="active")
            counts = ex.record_counts(include_deleted=False)
            pending = self.session.registry.pending_count()
            sent = [p for p in ex.packages(direction="out", period=period) if p.kind == "quarterly"]
            locked = store.setting("locked_through")
        self.recipient = (target, names.get(target, target)) if keys else None
        if keys:
            self.recipient_label.setText(unit_label(names, target))
            self.recipient_label.setStyleSheet("")
        else:
            self.recipient_label.setText(self.tr("尚未登记到上级单位：请先在“设备登记”中完成登记。"))
            self.recipient_label.setStyleSheet(ERROR_STYLE)
        self.counts_label.setText(_counts_text(counts))
        self.pending_label.setText(self.tr(
            "提示：有 %1 条记录的必填项尚待补充（导入台账时表格中没有，见工作台“待补充”清单）。"
            "可以照常导出，上级会收到并看到待补充的数量；请在下次走访时补全。")
            .replace("%1", str(pending)) if pending else "")
        self.pending_label.setVisible(bool(pending))
        states = []
        if sent:
            states.append(self.tr("本季度已导出 %1 次（最近一次 %2，第%3号）")
                          .replace("%1", str(len(sent))).replace("%2", local_date_text(sent[-1].processed_at, lang()))
                          .replace("%3", str(sent[-1].sequence)))
        else:
            states.append(self.tr("本季度尚未导出"))
        if locked:
            states.append(self.tr("已锁定至 %1").replace("%1", period_text(locked)))
        self.period_state.setText("；".join(states))
        name = f"{store.unit_name}-{period_text(period)}.lbpkg"
        self.file_name.setText(safe_name(name))
        self._update_buttons()

    def out_path(self) -> Path | None:
        folder = self.folder.path()
        name = self.file_name.text().strip()
        if folder is None or not name:
            return None
        if not name.endswith(".lbpkg"):
            name += ".lbpkg"
        return folder / safe_name(name)

    def _next(self) -> None:
        i = self.stack.currentIndex()
        if i == 1:
            out = self.out_path()
            if out is None or not out.parent.is_dir():
                dialogs.info(self, self.tr("保存位置"), self.tr("请选择一个存在的文件夹（例如U盘）并填写文件名。"))
                return
        if i == 0 or i == 1:
            self._prepare_confirm()
        self.go(i + 1)

    def _prepare_confirm(self) -> None:
        period = str(self.period.currentData() or "")
        rec = self.recipient
        self.summary.setText(self.tr("即将导出%1数据包，发给 %2。\n内容：%3\n保存为：%4")
                             .replace("%1", period_text(period)).replace("%2", rec[1] if rec else "-")
                             .replace("%3", self.counts_label.text()).replace("%4", str(self.out_path()))
                             + ("\n" + self.pending_label.text() if self.pending_label.text() else ""))
        self.lock_text.setText(self.tr(
            "季度锁定：导出后，%1及以前各季度的记录将被锁定。以后再修改这些记录，"
            "软件会要求填写“更正原因”，更正内容随下一次数据包报送给上级，上级可以看到修改前后的内容。"
            "同一季度可以再次导出（例如更正后），上级按序号自动识别新旧。").replace("%1", period_text(period)))

    def go(self, i: int) -> None:
        i = max(0, min(i, self.STEPS - 1))
        self.stack.setCurrentIndex(i)
        names = [self.tr("选择季度"), self.tr("保存位置"), self.tr("确认导出"), self.tr("完成")]
        self.step_label.setText(self.tr("第 %1 步（共 4 步）：%2").replace("%1", str(i + 1)).replace("%2", names[i]))
        self._update_buttons()

    def _update_buttons(self) -> None:
        i = self.stack.currentIndex()
        self.back.setVisible(0 < i < 3)
        self.next.setVisible(i < 2)
        self.next.setEnabled(self.recipient is not None)
        self.export_button.setVisible(i == 2)
        self.export_button.setEnabled(self.understood.isChecked() and self.recipient is not None)
        self.again.setVisible(i == 3)

    # -- the work -----------------------------------------------------------------------------
    def export(self) -> None:
        out = self.out_path()
        period = str(self.period.currentData() or "")
        if out is None or not self.understood.isChecked():
            return
        if out.exists():
            dialogs.ask(self, self.tr("文件已存在"),
                        self.tr("%1 已存在，要覆盖吗？").replace("%1", str(out)), lambda: self._run(out, period))
            return
        self._run(out, period)

    def _run(self, out: Path, period: str) -> None:
        store = self.session.store

        def work(progress: Any) -> ExportResult:
            return package.export_package(store, period, out, progress=progress)

        self.export_button.setEnabled(False)
        run_job(self, self.session, work, self._done, self._failed,
                title=self.tr("导出数据包"), label=self.tr("正在导出%1数据包……").replace("%1", period_text(period)))

    def _done(self, result: Any) -> None:
        assert isinstance(result, ExportResult)
        self.result = result
        lines = [self.tr("已导出%1数据包（第%2号），发给 %3。").replace("%1", period_text(result.period))
                 .replace("%2", str(result.sequence)).replace("%3", self.recipient[1] if self.recipient else
                                                             result.recipient_unit),
                 self.tr("文件：%1（%2 KB）").replace("%1", str(result.path))
                 .replace("%2", f"{max(1, result.size // 1024):,}"),
                 self.tr("记录：%1").replace("%1", _counts_text(result.record_counts))]
        if result.locked_through:
            lines.append(self.tr("%1及以前的记录已锁定：今后修改需填写更正原因。")
                         .replace("%1", period_text(result.locked_through)))
        lines.append(self.tr("请把文件交给上级单位（U盘拷贝后请安全弹出）。"))
        self.banner.show_text("ok", "\n".join(lines))
        self.go(3)
        self.session.changed()

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        if isinstance(exc, Cancelled):
            self.banner.show_text("info", exc.text(lang()))
            self.go(3)
            return
        dialogs.show_error(self, exc, self.tr("导出未完成"))


class RestorePanel(QWidget):
    """(street) 恢复数据包: a village's data as this office holds it, for its new laptop."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.village = QComboBox()
        self.village.setObjectName("restoreVillage")
        self.period = QComboBox()
        self.period.setObjectName("restorePeriod")
        self.out = PathField("save", self.tr("保存恢复数据包"), self.tr("数据包 (*.lbpkg)"))
        self.out.setObjectName("restoreOut")
        self.village.currentIndexChanged.connect(self._suggest)
        self.run_button = QPushButton(self.tr("生成恢复数据包"))
        self.run_button.setObjectName("restoreRun")
        self.run_button.clicked.connect(self.run)
        self.banner = Banner("restoreBanner")
        form_ = QFormLayout()
        form_.addRow(self.tr("村（社区）："), self.village)
        form_.addRow(self.tr("数据截至季度："), self.period)
        form_.addRow(self.tr("保存为："), self.out)
        row = button_row(self.run_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("为村生成恢复数据包")))
        layout.addWidget(hint(self.tr(
            "村里的电脑更换或重装后：新电脑先完成初始化并重新登记（列表中只显示已登记设备的村），"
            "再在这里生成恢复数据包，交给村里在“从恢复包恢复”中导入。数据包只能由该村新登记的设备打开。")))
        layout.addLayout(form_)
        layout.addLayout(row)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        if not self.session.is_open:
            return
        store = self.session.store
        with self.session.lock:
            ex = SyncStore(store)
            keys = ex.keys(relation="child", status="active")
            names = dict(ex.unit_list())
        current = self.village.currentData()
        self.village.clear()
        for code in sorted({k.unit_code for k in keys if units.parent_of(k.unit_code) == store.unit_code}):
            self.village.addItem(unit_label(names, code), code)
        if current is not None and self.village.findData(current) >= 0:
            self.village.setCurrentIndex(self.village.findData(current))
        today = self.session.today()
        # offer the quarter that holds data not yet exported (a new office: its first one)
        fill_quarters(self.period, self.session, today)
        self.run_button.setEnabled(self.village.count() > 0)
        self._suggest()

    def clear(self) -> None:
        self.village.clear()
        self.banner.clear_text()

    def _suggest(self) -> None:
        text = self.village.currentText().split("（")[0]
        if text:
            self.out.set_path(default_folder() / safe_name(self.tr("恢复-%1.lbpkg").replace("%1", text)))

    def run(self) -> None:
        code = self.village.currentData()
        out = self.out.path()
        period = str(self.period.currentData() or "")
        if code is None or out is None:
            return
        store = self.session.store

        def work(progress: Any) -> ExportResult:
            return package.export_package(store, period, out, kind="restore", recipient_unit=str(code),
                                          progress=progress)

        run_job(self, self.session, work, self._done, self._failed,
                title=self.tr("恢复数据包"), label=self.tr("正在生成恢复数据包……"))

    def _done(self, result: Any) -> None:
        assert isinstance(result, ExportResult)
        self.banner.show_text("ok", self.tr("已生成%1的恢复数据包：%2（记录：%3）。请交给村里导入。")
                              .replace("%1", self.village.currentText()).replace("%2", str(result.path))
                              .replace("%3", _counts_text(result.record_counts)))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.banner.show_text("info", exc.text(lang()))
            return
        dialogs.show_error(self, exc, self.tr("恢复数据包未生成"))
