"""导出 menu: the quarterly Excel ledger (信息台账) with the copies for 社会事业局 and 公安机关,
and a village's child files printed as one batch — from the GUI, off the GUI thread, with
progress and 取消. The work itself is ``exports.ledger.write_ledger`` and
``exports.child_pdf.render_child_files``; these dialogs only choose, run and report."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core import units
from ..core.messages import UserError
from ..store.search import ChildFilter
from . import dialogs, jobs
from .session import Session
from .sync.common import fill_quarters, period_text
from .widgets import Banner, PathField, button_row, default_folder, footer, hint, safe_name

# the copies exports/ledger.py writes (its profiles), in the order they are offered
LEDGER_COPIES = ("full", "education", "police")


def copy_label(profile: str) -> str:
    return {
        "full": QCoreApplication.translate("LedgerDialog", "完整台账（季度汇总表、信息台账、花名册）"),
        "education": QCoreApplication.translate("LedgerDialog", "抄报社会事业局（就学、辍学、寄宿、结对帮扶）"),
        "police": QCoreApplication.translate("LedgerDialog", "抄报公安机关（无户籍花名册、重点对象名单、强制报告）"),
    }[profile]


def ledger_file_name(unit_name: str, period: str, profile: str) -> str:
    """The file's name holds the office, the quarter and the copy (Chinese: the file goes to
    Chinese offices whatever the UI language)."""
    year, q = period[:4], period[5:]
    part = {"full": "信息台账", "education": "信息台账-抄报社会事业局", "police": "信息台账-抄报公安机关"}[profile]
    return safe_name(f"{unit_name}{year}年第{q}季度{part}") + ".xlsx"


def free_path(path: Path) -> Path:
    """``path``, or ``name（2）.xlsx`` … when a file of that name exists: never overwritten."""
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}（{n}）{path.suffix}")
        n += 1
    return candidate


def open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class _Stop(Exception):
    """取消 pressed: raised from the progress callback, caught by the job itself."""


@dataclass
class Outcome:
    files: list[Path] = field(default_factory=list)
    total: int = 0
    cancelled: bool = False


def _write_error(exc: OSError, folder: Path) -> UserError:
    return UserError("write_failed",
                     f"无法写入文件夹：{folder}（{exc.strerror or exc.__class__.__name__}）。"
                     "请检查文件夹是否存在、U盘是否已插好、是否写保护",
                     f"Cannot write to {folder} ({exc.strerror or exc.__class__.__name__}). "
                     "Check the folder and the USB drive")


def _folder(field: PathField) -> Path:
    folder = field.path()
    if folder is None:
        raise UserError("no_folder", "请先选择保存的文件夹", "Choose a folder first")
    if folder.exists() and not folder.is_dir():
        raise UserError("not_a_folder", f"不是文件夹：{folder}", f"Not a folder: {folder}")
    return folder


class _JobDialog(QDialog):
    """Shared by both dialogs: a result banner, 打开文件夹 after success, the running job."""

    def __init__(self, session: Session, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.session = session
        self.worker: jobs.Worker | None = None
        self.result_folder: Path | None = None
        self.outcome: Outcome | None = None
        self.banner = Banner("exportResult")
        self.open_button = QPushButton(QCoreApplication.translate("LedgerDialog", "打开文件夹"))
        self.open_button.setObjectName("openFolder")
        self.open_button.setAutoDefault(False)
        self.open_button.hide()
        self.open_button.clicked.connect(self._open_result)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        session.closing.connect(self._locking)

    def _update(self) -> None:
        """Enable the dialog's default button when its choices are complete (per dialog)."""

    def _folder_field(self, title: str, name: str) -> PathField:
        """Where the files go: starts in Documents (or a removable drive)."""
        folder = PathField("dir", title)
        folder.setObjectName(name)
        folder.set_path(default_folder())
        folder.changed.connect(self._update)
        return folder

    def _lay_out(self, intro: str, rows: list[tuple[str, QWidget | QLayout]], ok_text: str,
                 on_ok: Callable[[], None], notes: tuple[QWidget, ...] = ()) -> QPushButton:
        """The intro, the choices, any notes, the result banner, 打开文件夹 and the footer
        (关闭 and the default button, which is returned)."""
        form = QFormLayout()
        for label, widget in rows:
            form.addRow(label, widget)
        bar = footer(self, ok_text, QCoreApplication.translate("LedgerDialog", "关闭"), on_ok=on_ok)
        self.buttons = bar.box
        layout = QVBoxLayout(self)
        layout.addWidget(hint(intro))
        layout.addLayout(form)
        for note in notes:
            layout.addWidget(note)
        layout.addWidget(self.banner)
        layout.addLayout(button_row(self.open_button))
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # wrapped text never squeezes rows
        return bar.ok

    def _locking(self) -> None:
        """The store locks: nothing of it stays on screen; a running job is cancelled."""
        if self.worker is not None:
            self.worker.cancel.set()
            self.hide()
        else:
            super().reject()

    def _job_ended(self) -> None:
        self.worker = None
        if not self.isVisible():
            super().reject()

    def _say(self, level: str, text: str) -> None:
        """The outcome in the banner; the dialog grows to hold it (never squeezes the rows)."""
        self.banner.show_text(level, text)
        self.adjustSize()

    def _open_result(self) -> None:
        if self.result_folder is not None:
            open_folder(self.result_folder)

    def busy(self) -> bool:
        return self.worker is not None

    def reject(self) -> None:
        if self.busy():  # the progress dialog's 取消 cancels; closing waits for the job
            return
        super().reject()

    def _done(self, result: Any) -> None:
        self._job_ended()
        outcome: Outcome = result
        self.outcome = outcome
        self._update()
        self._report(outcome)

    def _report(self, outcome: Outcome) -> None:
        """The finished job's outcome in the banner (per dialog)."""

    def _failed(self, exc: BaseException) -> None:
        self._job_ended()
        self._say("bad", _error_text(exc))
        self.open_button.hide()


def _error_text(exc: BaseException) -> str:
    return dialogs.error_text(exc)


# == 导出信息台账 ================================================================================
class LedgerDialog(_JobDialog):
    """Quarter, which copies, folder → one .xlsx per copy, written one after another."""

    def __init__(self, session: Session, parent: QWidget | None = None,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(session, parent)
        self.setObjectName("ledgerDialog")
        self.setMinimumWidth(640)
        self.setWindowTitle(self.tr("导出信息台账（Excel）"))
        self.quarter = QComboBox()
        self.quarter.setObjectName("ledgerQuarter")
        fill_quarters(self.quarter, session, today())  # the same quarter the 数据包 export offers
        self.copies: dict[str, QCheckBox] = {}
        copies = QVBoxLayout()
        for profile in LEDGER_COPIES:
            box = QCheckBox(copy_label(profile))
            box.setObjectName(f"copy_{profile}")
            box.setChecked(profile == "full")
            box.toggled.connect(self._update)
            self.copies[profile] = box
            copies.addWidget(box)
        self.folder = self._folder_field(self.tr("选择保存台账的文件夹"), "ledgerFolder")
        self.export_button = self._lay_out(
            self.tr("按季度最后一天统计（年龄按统计截止日期计算）。每份表一个Excel文件；"
                    "同名文件已存在时另起新名，不会覆盖。导出的文件含有儿童个人信息，请妥善保管。"),
            [(self.tr("统计季度："), self.quarter), (self.tr("导出哪些表："), copies),
             (self.tr("保存到文件夹："), self.folder)],
            self.tr("导出"), self.export)
        self.export_button.setObjectName("ledgerExport")
        self._update()

    def chosen(self) -> list[str]:
        return [p for p, box in self.copies.items() if box.isChecked()]

    def _update(self) -> None:
        self.export_button.setEnabled(bool(self.chosen()) and self.folder.path() is not None
                                      and not self.busy())

    def export(self) -> None:
        if self.busy():
            return
        profiles = self.chosen()
        try:
            if not profiles:
                raise UserError("no_copy", "请至少选择一份要导出的表", "Choose at least one table")
            folder = _folder(self.folder)
        except UserError as exc:
            self._say("bad", _error_text(exc))
            return
        period = str(self.quarter.currentData())
        session = self.session
        unit_name = session.store.unit_name
        self.banner.clear_text()
        self.open_button.hide()

        def work(progress: jobs.Progress, cancel: threading.Event) -> Outcome:
            from ..exports.ledger import write_ledger

            outcome = Outcome(total=len(profiles))
            steps = 1000
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _write_error(exc, folder) from None
            for i, profile in enumerate(profiles):
                def report(done: int, total: int, i: int = i) -> None:
                    if cancel.is_set():
                        raise _Stop()
                    share = steps * done // total if total else steps
                    progress(i * steps + share, len(profiles) * steps)

                path = free_path(folder / ledger_file_name(unit_name, period, profile))
                try:
                    if cancel.is_set():
                        raise _Stop()
                    outcome.files.append(write_ledger(session.registry, period, path, profile=profile,
                                                      progress=report))
                except _Stop:
                    outcome.cancelled = True
                    break
                except OSError as exc:
                    raise _write_error(exc, folder) from None
            return outcome

        self.worker = jobs.start(work, self._done, self._failed, lock=session.lock, parent=self,
                                 title=self.tr("导出信息台账"),
                                 label=self.tr("正在生成%1的信息台账……").replace("%1", period_text(period)))
        self._update()

    def _report(self, outcome: Outcome) -> None:
        names = "\n".join(f"  {p.name}" for p in outcome.files)
        if outcome.files:
            self.result_folder = outcome.files[0].parent
            self.open_button.show()
        if outcome.cancelled:
            text = self.tr("已取消。")
            if outcome.files:
                text += self.tr("已完成的 %1 个文件保留在 %2：\n%3").replace("%1", str(len(outcome.files))) \
                    .replace("%2", str(self.result_folder)).replace("%3", names)
            else:
                text += self.tr("没有生成任何文件。")
            self._say("info", text)
        else:
            self._say("ok", self.tr("已导出 %1 个Excel文件到 %2：\n%3")
                                  .replace("%1", str(len(outcome.files))).replace("%2", str(self.result_folder))
                                  .replace("%3", names))


# == 批量打印儿童档案 ============================================================================
class BatchPrintDialog(_JobDialog):
    """A village's registered children → one PDF each into a folder (or one combined PDF)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("batchPrintDialog")
        self.setMinimumWidth(640)
        self.setWindowTitle(self.tr("批量打印儿童档案"))
        reg = session.registry
        counts = reg.children_by_unit()
        names = {u.code: u.name for u in reg.list_units()}
        store = session.store
        names.setdefault(store.unit_code, store.unit_name)
        self.village = QComboBox()
        self.village.setObjectName("printVillage")
        for code, n in counts.items():
            if not units.is_unit_code(code) or units.level_of(code) is not units.Level.VILLAGE:
                continue
            self.village.addItem(self.tr("%1（%2）· %3 名儿童").replace("%1", names.get(code, code))
                                 .replace("%2", code).replace("%3", str(n)), code)
        self.village.currentIndexChanged.connect(self._update)
        self.each = QRadioButton(self.tr("每名儿童一个PDF文件"))
        self.each.setObjectName("printEach")
        self.combined = QRadioButton(self.tr("合订为一个PDF（带目录和书签）"))
        self.combined.setObjectName("printCombined")
        self.each.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.each)
        group.addButton(self.combined)
        how = QVBoxLayout()
        how.addWidget(self.each)
        how.addWidget(self.combined)
        self.folder = self._folder_field(self.tr("选择保存PDF的文件夹"), "printFolder")
        self.empty = hint(self.tr("没有在册的儿童可打印。"))
        self.empty.setVisible(self.village.count() == 0)
        self.print_button = self._lay_out(
            self.tr("打印该村（社区）全部在册儿童的一人一档。生成的PDF可在阅读器中打印；"
                    "每次打印都记入审计日志。"),
            [(self.tr("村（社区）："), self.village), (self.tr("输出方式："), how),
             (self.tr("保存到文件夹："), self.folder)],
            self.tr("开始打印"), self.start, notes=(self.empty,))
        self.print_button.setObjectName("printStart")
        self._update()

    def _update(self) -> None:
        self.print_button.setEnabled(self.village.count() > 0 and self.folder.path() is not None
                                     and not self.busy())

    def start(self) -> None:
        if self.busy() or self.village.count() == 0:
            return
        try:
            folder = _folder(self.folder)
        except UserError as exc:
            self._say("bad", _error_text(exc))
            return
        code = str(self.village.currentData())
        combined = self.combined.isChecked()
        session = self.session
        village_name = session.registry.unit_name(code)
        out = free_path(folder / (safe_name(f"{village_name}儿童档案") + ".pdf")) if combined else folder
        self.banner.clear_text()
        self.open_button.hide()

        def work(progress: jobs.Progress, cancel: threading.Event) -> Outcome:
            from ..exports.child_pdf import render_child_files
            from ..exports.fonts import FontNotFound

            ids = session.registry.child_ids(ChildFilter(unit_code=code))
            try:
                folder.mkdir(parents=True, exist_ok=True)
                files = render_child_files(session.registry, ids, out, combined=combined,
                                           progress=progress, cancel=cancel.is_set)
            except FontNotFound:
                raise UserError("no_font", FontNotFound.zh, FontNotFound.en) from None
            except OSError as exc:
                raise _write_error(exc, folder) from None
            expected = 1 if combined else len(ids)
            return Outcome(files=list(files), total=len(ids),
                           cancelled=cancel.is_set() and len(files) < expected)

        self.worker = jobs.start(work, self._done, self._failed, lock=session.lock, parent=self,
                                 title=self.tr("批量打印儿童档案"),
                                 label=self.tr("正在生成%1的儿童档案PDF……").replace("%1", village_name))
        self._update()

    def _report(self, outcome: Outcome) -> None:
        folder = self.folder.path()
        self.result_folder = outcome.files[0].parent if outcome.files else folder
        if outcome.files:
            self.open_button.show()
        if outcome.cancelled:
            self._say("info", self.tr("已取消：已生成的 %1 个PDF文件保留在 %2（共 %3 名儿童）。")
                                  .replace("%1", str(len(outcome.files))).replace("%2", str(self.result_folder))
                                  .replace("%3", str(outcome.total)))
        else:
            self._say("ok", self.tr("已为 %1 名儿童生成 %2 个PDF文件，保存在 %3。可在阅读器中打印。")
                                  .replace("%1", str(outcome.total)).replace("%2", str(len(outcome.files)))
                                  .replace("%3", str(self.result_folder)))


def show_ledger_dialog(parent: QWidget | None, session: Session) -> LedgerDialog:
    dlg = LedgerDialog(session, parent)
    dlg.open()
    return dlg


def show_batch_print_dialog(parent: QWidget | None, session: Session) -> BatchPrintDialog:
    dlg = BatchPrintDialog(session, parent)
    dlg.open()
    return dlg
