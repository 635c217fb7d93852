"""文件 → 导入已有台账: a wizard over the table import (``store.tableimport``).

Choose the file and sheet → the columns as found (each correctable) → a dry run listing every
problem per row (and the rejected rows saved as .xlsx) → the import, off the GUI thread with
progress and 取消, all valid rows in one transaction. The wizard only chooses, runs and shows;
the reading, checking and writing are the Qt-free services."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..core import units
from ..core.messages import UserError
from ..tableimport.report import ACTION_ZH
from . import dialogs, jobs
from .session import Session
from .widgets import Banner, PathField, button_row, default_folder, hint, list_table

FILE_FILTER = "表格文件 (*.xlsx *.xls *.ods *.csv *.xlsm)"
PAGE_FILE, PAGE_MAPPING, PAGE_CHECK, PAGE_RESULT = range(4)
def _action(action: str) -> str:
    """What happens to a row, in the UI language (the words are the report's)."""
    return QCoreApplication.translate("tableimport", ACTION_ZH[action])




def _value(v: Any) -> str:
    if v is None or v == "":
        return "（空）"
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, list):
        return "、".join(str(x) for x in v)
    return str(v)


def _item(text: Any) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setToolTip(item.text())  # a long explanation or suggestion, whole
    return item


class FilePage(QWizardPage):
    def __init__(self, wizard: TableImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("选择表格文件"))
        self.setSubTitle(self.tr("可导入 Excel（.xlsx、.xls）、WPS、LibreOffice（.ods）或 CSV 文件。"
                                 "表头可以有标题行、合并单元格（如“父亲”下分“姓名、身份证号、务工地点”）。"))
        self.path = PathField("open", self.tr("选择要导入的台账"), FILE_FILTER)
        self.path.setObjectName("importFile")
        self.path.edit.setObjectName("importFilePath")
        self.path.changed.connect(self._file_changed)
        self.sheet = QComboBox()
        self.sheet.setObjectName("importSheet")
        self.unit = QComboBox()
        self.unit.setObjectName("importUnit")
        self.banner = Banner("importFileBanner")
        template = QPushButton(self.tr("保存空白模板…"))
        template.setObjectName("importTemplate")
        template.setAutoDefault(False)
        template.clicked.connect(self._save_template)
        form = QFormLayout()
        form.addRow(self.tr("文件："), self.path)
        form.addRow(self.tr("工作表："), self.sheet)
        self.unit_label = QLabel(self.tr("所属村（社区）："))
        form.addRow(self.unit_label, self.unit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(hint(self.tr("还没有电子台账？可以先保存一份国家登记表格式的空白模板（带下拉选项），"
                                      "填好后再导入。")))
        self.villages = QPushButton(self.tr("导入村（社区）名单…"))
        self.villages.setObjectName("importVillages")
        self.villages.setAutoDefault(False)
        self.villages.clicked.connect(self._choose_villages)
        self.villages_hint = hint(self.tr("街道：先导入本街道的村（社区）名单（两列：名称、区划代码），"
                                          "台账中的“村（社区）”一列即可填村名。"))
        layout.addWidget(self.villages_hint)
        layout.addLayout(button_row(self.villages))
        layout.addLayout(button_row(template))

    def initializePage(self) -> None:
        store = self.w.session.store
        self.unit.clear()
        village = units.level_of(store.unit_code) is units.Level.VILLAGE
        if village:
            self.unit.addItem(store.unit_name, store.unit_code)
        else:
            self.unit.addItem(self.tr("按表格中的“村（社区）”列"), None)
            for u in self.w.session.registry.list_units():
                if units.is_unit_code(u.code) and units.level_of(u.code) is units.Level.VILLAGE:
                    self.unit.addItem(f"{u.name}（{u.code}）", u.code)
        self.unit.setVisible(not village)
        self.unit_label.setVisible(not village)
        self.villages.setVisible(units.level_of(store.unit_code) is units.Level.STREET)
        self.villages_hint.setVisible(self.villages.isVisible())

    def _choose_villages(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("选择村（社区）名单"), str(default_folder()),
                                                FILE_FILTER)
        if chosen:
            self.import_villages(Path(chosen))

    def import_villages(self, path: Path) -> None:
        """A street's village list: all rows or none (each wrong row named)."""
        from ..store.tableimport import import_villages
        from ..tableimport.villages import read_villages

        try:
            rows = read_villages(path)
            with self.w.session.lock:
                count, problems = import_villages(self.w.session.registry, rows)
        except UserError as exc:
            self.banner.show_text("bad", dialogs.error_text(exc))
            return
        if problems:
            self.banner.show_text("bad", self.tr("村（社区）名单有误，未导入任何内容：\n%1")
                                  .replace("%1", "\n".join(problems[:20])))
            return
        self.banner.show_text("ok", self.tr("已导入%1个村（社区）。").replace("%1", str(count)))
        self.initializePage()

    def _file_changed(self) -> None:
        self.banner.clear_text()
        self.sheet.clear()
        path = self.path.path()
        if path is not None and path.is_file():
            from ..tableimport.reader import Workbook

            try:
                wb = Workbook(path)
                names = wb.sheet_names
                wb.close()
            except UserError as exc:
                self.banner.show_text("bad", dialogs.error_text(exc))
                names = []
            if len(names) > 1:
                self.sheet.addItem(self.tr("自动（第一个有表头的工作表）"), None)
            for n in names:
                self.sheet.addItem(n, n)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        path = self.path.path()
        return path is not None and path.is_file() and self.sheet.count() > 0

    def validatePage(self) -> bool:
        from ..store.tableimport import saved_mapping
        from ..tableimport.source import open_source

        path = self.path.path()
        assert path is not None
        try:
            source = open_source(path, self.sheet.currentData())
        except UserError as exc:
            self.banner.show_text("bad", dialogs.error_text(exc))
            return False
        try:
            layout = source.layout
            with self.w.session.lock:
                saved = saved_mapping(self.w.session.registry, layout.signature())
            if saved is not None:
                layout = layout.with_mapping(saved, "saved")
            self.w.path, self.w.sheet_name = path, source.sheet_name
            self.w.import_layout, self.w.header_rows = layout, source.header_rows
            self.w.unit = self.unit.currentData()
        finally:
            source.close()
        return True

    def _save_template(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("保存空白模板"),
                                                str(default_folder() / "农村留守儿童基本情况登记表（模板）.xlsx"),
                                                "Excel (*.xlsx)")
        if chosen:
            self.save_template(Path(chosen))

    def save_template(self, path: Path) -> None:
        from ..tableimport.template import write_template

        street = units.level_of(self.w.session.store.unit_code) is not units.Level.VILLAGE
        try:
            write_template(path, with_unit=street)
        except OSError as exc:
            self.banner.show_text("bad", self.tr("无法保存：%1").replace("%1", exc.strerror or str(exc)))
            return
        self.banner.show_text("ok", self.tr("空白模板已保存：%1").replace("%1", str(path)))


class MappingPage(QWizardPage):
    def __init__(self, wizard: TableImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("核对各列对应的项目"))
        self.table = list_table("importMapping", [self.tr("列"), self.tr("表头"), self.tr("导入为")],
                                single=False, row_height=None)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.source_label = QLabel()
        self.source_label.setObjectName("importMappingSource")
        self.banner = Banner("importMappingBanner")
        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.banner)
        self.combos: list[tuple[str, QComboBox]] = []

    def initializePage(self) -> None:
        from ..tableimport.config import vocabulary
        from ..tableimport.headers import describe

        layout = self.w.import_layout
        assert layout is not None
        vocab = vocabulary()
        targets = vocab.targets()
        rows = describe(layout)
        how = {"auto": self.tr("程序自动识别"), "saved": self.tr("上次导入同样格式的表格时保存的对应关系"),
               "file": self.tr("对应关系文件")}[layout.source]
        self.source_label.setText(self.tr("工作表“%1”，表头在第%2–%3行。下面的对应关系来自%4；"
                                          "如有不对，请在“导入为”一栏改正，导入时会保存，下次自动沿用。")
                                  .replace("%1", self.w.sheet_name).replace("%2", str(layout.header_first + 1))
                                  .replace("%3", str(layout.data_start)).replace("%4", how))
        self.table.setRowCount(len(rows))
        self.combos = []
        for r, row in enumerate(rows):
            self.table.setItem(r, 0, _item(row["column"]))
            self.table.setItem(r, 1, _item(row["header"]))
            combo = QComboBox()
            combo.setObjectName(f"map_{row['column']}")
            combo.addItem(self.tr("（不导入）"), None)
            for t in targets:
                combo.addItem(vocab.target_label(t), t)
            combo.setCurrentIndex(max(combo.findData(row["target"]), 0) if row["target"] else 0)
            self.table.setCellWidget(r, 2, combo)
            self.combos.append((row["column"], combo))
        self.banner.clear_text()

    def validatePage(self) -> bool:
        from ..tableimport.config import vocabulary

        assert self.w.import_layout is not None
        layout = self.w.import_layout.with_mapping({col: c.currentData() for col, c in self.combos},
                                            self.w.import_layout.source)
        dups = layout.duplicate_targets()
        if dups:
            labels = "、".join(vocabulary().target_label(t) for t in dups)
            self.banner.show_text("bad", self.tr("同一项目对应了多列：%1。请把其中一列改为“（不导入）”。")
                                  .replace("%1", labels))
            return False
        if not any(t in ("child.name",) for t in layout.mapping().values()):
            self.banner.show_text("bad", self.tr("必须有一列对应儿童“姓名”。"))
            return False
        self.w.import_layout = layout
        return True


class CheckPage(QWizardPage):
    """The dry run: nothing is written; every problem per row, and what would change."""

    def __init__(self, wizard: TableImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("导入前检查（尚未写入）"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("开始导入"))
        self.summary = Banner("importCheckSummary")
        self.table = list_table("importProblems", [self.tr("行"), self.tr("姓名"), self.tr("结果"), self.tr("列"),
                                               self.tr("项目"), self.tr("填写的值"), self.tr("说明"),
                                               self.tr("建议")], single=False, row_height=None)
        self.save_button = QPushButton(self.tr("保存未导入的行（Excel）…"))
        self.save_button.setObjectName("importSaveRejected")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self._save_rejected)
        self.saved = Banner("importRejectedSaved")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row(self.save_button))
        layout.addWidget(self.saved)
        self.done = False

    def initializePage(self) -> None:
        self.done = False
        self.table.setRowCount(0)
        self.saved.clear_text()
        self.save_button.setEnabled(False)
        self.summary.show_text("info", self.tr("正在检查……"))
        self.w.run_job(True, self._checked, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.summary.show_text("bad", dialogs.error_text(exc))
        self.completeChanged.emit()

    def _checked(self, report: Any) -> None:
        from ..tableimport.report import summary_text

        self.w.dry_report = report
        self.done = True
        s = report.summary()
        level = "ok" if not s["rejected"] else "info"
        text = summary_text(report)
        if s["rejected"]:
            text += self.tr("\n不能导入的行不会写入；可保存为Excel，在“问题”一栏看原因，改正后再导入。")
        if not s["new"] and not s["update"]:
            text += self.tr("\n没有需要写入的内容。")
        self.summary.show_text(level, text)
        rows: list[list[Any]] = []  # problems first, then what changes; 待补充 is in the summary
        for r in report.rows:
            if r.action == "rejected":
                rows.extend([r.row, r.name, _action(r.action), p.column, p.field, p.value, p.problem, p.suggestion]
                            for p in r.problems)
        for r in report.rows:
            if r.action == "update":
                rows.extend([r.row, r.name, _action(r.action), "", k, _value(new),
                             self.tr("原为：%1").replace("%1", _value(old)), ""]
                            for k, (old, new) in r.changes.items())
        del rows[2000:]
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for c, v in enumerate(row):
                self.table.setItem(i, c, _item(v))
        self.save_button.setEnabled(bool(report.rejected_cells))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        r = self.w.dry_report
        return self.done and r is not None and (r.count("new") + r.count("update")) > 0

    def _save_rejected(self) -> None:
        assert self.w.path is not None
        start = self.w.path.with_name(f"{self.w.path.stem}-未导入的行.xlsx")
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("保存未导入的行"), str(start), "Excel (*.xlsx)")
        if chosen:
            self.save_rejected(Path(chosen))

    def save_rejected(self, path: Path) -> None:
        from ..tableimport.report import write_rejected

        assert self.w.dry_report is not None
        try:
            write_rejected(self.w.dry_report, self.w.header_rows, path)
        except OSError as exc:
            self.saved.show_text("bad", self.tr("无法保存：%1").replace("%1", exc.strerror or str(exc)))
            return
        self.saved.show_text("ok", self.tr("已保存：%1").replace("%1", str(path)))


class ResultPage(QWizardPage):
    def __init__(self, wizard: TableImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("导入结果"))
        self.summary = Banner("importResult")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(hint(self.tr("每条导入的记录都在审计日志中注明来自哪个文件的哪一行。"
                                      "标为“待补充”的项目列在工作台上，请在下次入户走访时补齐。")))
        layout.addStretch(1)
        self.done = False

    def initializePage(self) -> None:
        self.done = False
        self.summary.show_text("info", self.tr("正在导入……"))
        self.w.run_job(False, self._imported, self._failed)

    def _imported(self, report: Any) -> None:
        from ..tableimport.report import summary_text

        self.w.report = report
        self.done = True
        self.summary.show_text("ok", summary_text(report))
        self.w.session.changed("")
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.done = True
        self.summary.show_text("bad", dialogs.error_text(exc))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done


class TableImportWizard(QWizard):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tableImportWizard")
        self.session = session
        self.setWindowTitle(self.tr("导入已有台账"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(960, 640)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in ((QWizard.WizardButton.NextButton, self.tr("下一步")),
                             (QWizard.WizardButton.BackButton, self.tr("上一步")),
                             (QWizard.WizardButton.CancelButton, self.tr("取消")),
                             (QWizard.WizardButton.FinishButton, self.tr("完成"))):
            self.setButtonText(button, text)
        self.path: Path | None = None
        self.sheet_name = ""
        self.import_layout: Any = None
        self.header_rows: list[list[Any]] = []
        self.unit: str | None = None
        self.dry_report: Any = None
        self.report: Any = None
        self.worker: jobs.Worker | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.result_page = ResultPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.result_page):
            self.addPage(page)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        session.closing.connect(self._locking)

    def run_job(self, dry_run: bool, on_done: Any, on_error: Any) -> None:
        from ..store.tableimport import TableImport, save_mapping
        from ..tableimport.source import open_source

        session, path, sheet, layout, unit = self.session, self.path, self.sheet_name, self.import_layout, self.unit
        assert path is not None

        def work(progress: jobs.Progress, cancel: threading.Event) -> Any:
            source = open_source(path, sheet)  # opened on this thread: the reader stays on it
            try:
                reg = session.registry
                job = TableImport(reg, source.sheet, layout, file_name=path.name, sheet_name=sheet, unit=unit)
                report = job.run(dry_run=dry_run, progress=progress, cancel=cancel)
                if not dry_run:
                    save_mapping(reg, layout)
                report.header_merges = source.header_merges
                return report
            finally:
                source.close()

        def done(result: Any) -> None:
            self.worker = None
            on_done(result)

        def failed(exc: BaseException) -> None:
            self.worker = None
            on_error(exc)

        self.worker = jobs.start(work, done, failed, lock=session.lock, parent=self,
                                 title=self.tr("导入已有台账"),
                                 label=self.tr("正在检查表格……") if dry_run else self.tr("正在导入……"))

    def _locking(self) -> None:
        if self.worker is not None:
            self.worker.cancel.set()
        self.hide()

    def reject(self) -> None:
        if self.worker is not None:  # the progress dialog's 取消 cancels the running job
            return
        super().reject()


def show_wizard(parent: QWidget, session: Session) -> TableImportWizard | None:
    if not session.is_open:
        return None
    wizard = TableImportWizard(session, parent)
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.show()
    return wizard
