"""The main window: left navigation (工作台 / 儿童档案 / 一人一档 / 数据交换 / 汇总分析 / 审计日志 /
数据安全 / 设置), a status bar with unit, officer and role, auto-lock and Ctrl+L, 帮助 → 关于.

The OS window title never names a child (only the tabs inside the window do)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.messages import UserError
from ..core.units import ROLE_LABELS, Level
from ..store.keyslots import KdfParams
from ..store.registry import SaveResult
from . import dialogs, i18n, jobs, printing
from .childfile_page import ChildFilePage
from .dashboard_page import DashboardPage
from .formdialog import FormDialog, open_form
from .idle import IdleWatcher
from .registry_page import RegistryPage
from .security.audit_page import AuditPage
from .security.backups import daily_backup, exit_backup
from .security.page import SecurityPage
from .session import Session
from .settings_page import SettingsPage
from .sync_page import SyncPage
from .unlock import UnlockDialog
from .widgets import HINT_STYLE, fit_to_screen
from .workbench_page import WorkbenchPage

BACKUP_QUIET_S = 60  # the daily backup waits for a minute without input
NAV_WORKBENCH, NAV_REGISTRY, NAV_FILES, NAV_SYNC, NAV_DASHBOARD, NAV_AUDIT, NAV_SECURITY, NAV_SETTINGS = range(8)
DEMO_BANNER = QT_TRANSLATE_NOOP(
    "MainWindow", "演示数据：本窗口中的儿童、家庭和走访记录全部是程序生成的虚构数据，不是真实人员。")


WORKBENCH_DELAY_MS = 300


class MainWindow(QMainWindow):
    locked = Signal()
    unlocked = Signal()

    def __init__(self, session: Session, *, kdf: KdfParams | None = None,
                 unlock_hint: str = "", on_quit: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = session
        self.kdf = kdf
        self.unlock_hint = unlock_hint
        self.on_quit = on_quit
        self.unlock_dialog: UnlockDialog | None = None
        self._quitting = False
        self._closing = False
        demo = self.tr("【演示数据】") if session.demo else ""
        self.setWindowTitle(demo + self.tr("农村留守儿童信息台账"))
        fit_to_screen(self)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet("QListWidget { font-size: 12pt; } QListWidget::item { padding: 10px; }")
        for text in (self.tr("工作台"), self.tr("儿童档案"), self.tr("一人一档"), self.tr("数据交换"),
                     self.tr("汇总分析"), self.tr("审计日志"), self.tr("数据安全"), self.tr("设置")):
            self.nav.addItem(text)
        self.pages = QStackedWidget()
        self.workbench = WorkbenchPage(session)
        self.registry = RegistryPage(session)
        self.files = QTabWidget()
        self.files.setObjectName("childTabsHost")
        self.files.setTabsClosable(True)
        self.files.tabCloseRequested.connect(self.close_child_tab)
        self.files_empty = QLabel(self.tr("还没有打开任何儿童档案。请在“儿童档案”或“工作台”中双击一名儿童。"))
        self.files_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        files_page = QStackedWidget()
        files_page.addWidget(self.files_empty)
        files_page.addWidget(self.files)
        self.files_page = files_page
        self.sync = SyncPage(session)
        self.dashboard = DashboardPage(session)
        self.audit = AuditPage(session)
        self.audit_loaded = False
        self.security = SecurityPage(session, kdf=kdf, close_store=self.close_for_restore,
                                     reopen=self._unlocked, reopen_failed=self._reopen_failed)
        self.settings_page = SettingsPage(session)
        for w in (self.workbench, self.registry, files_page, self.sync, self.dashboard, self.audit,
                  self.security, self.settings_page):
            self.pages.addWidget(w)
        self.nav.currentRowChanged.connect(self._nav_changed)

        content = QWidget()
        cl = QVBoxLayout(content)
        cl.setContentsMargins(0, 0, 0, 0)
        if session.demo:
            banner = QLabel(QCoreApplication.translate("MainWindow", str(DEMO_BANNER)))
            banner.setObjectName("demoBanner")
            banner.setStyleSheet("background:#fff3cd; color:#7a5b00; padding:6px; font-weight:bold;")
            cl.addWidget(banner)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        cl.addLayout(body, 1)
        self.locked_page = QLabel(self.tr("已锁定。请输入密码解锁。"))
        self.locked_page.setObjectName("lockedPage")
        self.locked_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.locked_page.setStyleSheet("font-size: 16pt; " + HINT_STYLE)
        self.outer = QStackedWidget()
        self.outer.addWidget(content)
        self.outer.addWidget(self.locked_page)
        self.setCentralWidget(self.outer)

        self.unit_label = QLabel()
        self.unit_label.setObjectName("statusUnit")
        # off the window's right edge (maximized there is no size grip to keep it off)
        self.unit_label.setContentsMargins(0, 0, self.unit_label.fontMetrics().horizontalAdvance("汉"), 0)
        self.statusBar().addPermanentWidget(self.unit_label)

        lock = QAction(self.tr("锁定"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        lock.triggered.connect(self.lock)
        self.addAction(lock)
        self.lock_action = lock
        find = QAction(self.tr("查找儿童"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.show_page(NAV_REGISTRY))
        self.addAction(find)
        menu = self.menuBar().addMenu(self.tr("文件"))
        menu.addAction(lock)
        menu.addAction(find)
        table_import = QAction(self.tr("导入已有台账（Excel/WPS/CSV）…"), self)
        table_import.setObjectName("tableImportAction")
        table_import.setShortcut(QKeySequence("Ctrl+I"))
        table_import.triggered.connect(self.open_table_import)
        menu.addAction(table_import)
        self.table_import_action = table_import
        quit_action = QAction(self.tr("退出"), self)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        export_menu = self.menuBar().addMenu(self.tr("导出与打印"))
        ledger = QAction(self.tr("导出信息台账（Excel）…"), self)
        ledger.setObjectName("ledgerAction")
        ledger.triggered.connect(lambda: self._open_export_dialog("ledger"))
        export_menu.addAction(ledger)
        batch = QAction(self.tr("批量打印儿童档案…"), self)
        batch.setObjectName("batchPrintAction")
        batch.triggered.connect(lambda: self._open_export_dialog("print"))
        export_menu.addAction(batch)
        self.ledger_action, self.batch_print_action = ledger, batch
        help_menu = self.menuBar().addMenu(self.tr("帮助"))
        about = QAction(self.tr("关于"), self)
        about.setObjectName("aboutAction")
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self.about_action = about

        self.workbench.open_child.connect(self.open_child)
        self.workbench.action.connect(self.workbench_action)
        self.registry.open_child.connect(self.open_child)
        self.audit.open_child.connect(self.open_child)
        self.dashboard.open_child.connect(self.open_child)
        self.registry.new_child.connect(self.new_child)
        self.registry.print_children.connect(
            lambda ids: printing.print_children(self, self.session, ids))
        self.settings_page.saved.connect(self._settings_saved)
        session.data_changed.connect(self._data_changed)

        self.idle = IdleWatcher(self._idle_lock, self._idle_minutes, parent=self)
        self.backup_quiet_s = BACKUP_QUIET_S
        self._backup_pending = False
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(5000)
        self.backup_timer.timeout.connect(self._maybe_daily_backup)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)

    def open_table_import(self) -> QDialog | None:
        """文件 → 导入已有台账 (only while the store is open)."""
        from .tableimport_wizard import show_wizard

        return show_wizard(self, self.session)

    def _open_export_dialog(self, which: str) -> QDialog | None:
        """导出与打印 → the ledger or batch-print dialog (only while the store is open)."""
        if not self.session.is_open:
            return None
        from . import export_dialogs

        if which == "ledger":
            return export_dialogs.show_ledger_dialog(self, self.session)
        return export_dialogs.show_batch_print_dialog(self, self.session)

    # -- session ------------------------------------------------------------------------------
    def start(self) -> None:
        """The store is open: fill the pages."""
        store = self.session.store
        role = ROLE_LABELS[Level(store.role)][1 if i18n.current() == "en" else 0]
        self.unit_label.setText(self.tr("单位：%1（%2） · 信息员：%3 · 角色：%4")
                                .replace("%1", store.unit_name).replace("%2", store.unit_code)
                                .replace("%3", store.officer).replace("%4", role))
        self.outer.setCurrentIndex(0)
        self._apply_new_rules()
        self.registry.load()
        self.settings_page.load()
        self.security.load()
        self.dashboard.load()
        self.audit_loaded = False
        if self.nav.currentRow() == NAV_AUDIT:
            self._load_audit()
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(NAV_WORKBENCH)
        # the work lists start once the window has painted its first screen: their worker
        # competes with the GUI thread for the interpreter while it runs
        QTimer.singleShot(WORKBENCH_DELAY_MS, self.workbench.refresh)
        self.idle.reset()
        self.idle.enabled = True
        self._backup_pending = True
        self.backup_timer.start()
        self._maybe_daily_backup()

    def _apply_new_rules(self) -> None:
        """Once per rules version, a village store gets the automatic flags that rules added
        since its records were written (issue 11: parents unable, out-of-school ages)."""
        if self.session.store.role != "village":
            return
        with self.session.lock:
            registry = self.session.registry
            if not registry.rules_outdated():
                return
            try:
                raised = registry.apply_rules()
            except UserError as exc:
                dialogs.show_error(self, exc)
                return
        if raised:
            dialogs.info(self, self.tr("重点对象"), self.tr(
                "按现行规则补充标记了 %1 名儿童的重点对象（如父母一方外出另一方服刑、失联，"
                "适龄儿童不在学等），请在工作台查看。").replace("%1", str(len({c for c, _ in raised}))))

    def _maybe_daily_backup(self) -> None:
        """Today's automatic backup, once the officer has left the keyboard alone for
        ``backup_quiet_s`` (copying a large store holds the store for some seconds)."""
        if not self._backup_pending or not self.session.is_open or jobs.running():
            return
        if time.monotonic() - self.idle.last_input < self.backup_quiet_s:
            return
        self._backup_pending = False
        self.backup_timer.stop()
        if daily_backup(self.session, self._backup_status):
            self.statusBar().showMessage(self.tr("正在自动备份……"), 3000)

    def _backup_status(self, problem: str) -> None:
        if problem:
            self.statusBar().showMessage(problem, 15000)
        else:
            self.statusBar().showMessage(self.tr("今天的自动备份已完成"), 5000)
        if self.session.is_open:
            self.security.backups.load()

    def _load_audit(self) -> None:
        if not self.session.is_open:
            return
        if self.audit_loaded:
            self.audit.apply_filter()  # new events since it was last shown
        else:
            self.audit_loaded = True
            self.audit.load()

    def _idle_minutes(self) -> int:
        if not self.session.is_open:
            return 10**6
        return max(1, self.session.store.int_setting("idle_lock_minutes", 10))

    def _idle_lock(self) -> None:
        if self.session.is_open and not jobs.running():
            self.lock()

    def lock(self) -> None:
        """Hide everything, forget the rows, close the store; the unlock dialog comes up."""
        if not self.session.is_open:
            return
        if jobs.running():
            self.statusBar().showMessage(self.tr("后台任务进行中，完成后才能锁定"), 5000)
            return
        self._close_store()
        self.locked.emit()
        self.show_unlock()

    def _close_store(self) -> None:
        self.idle.enabled = False
        self.backup_timer.stop()
        self.outer.setCurrentIndex(1)
        self.audit.cancel()
        jobs.wait_background()
        self.session.close()  # open form dialogs save their drafts and hide
        self.workbench.clear()
        self.registry.clear()
        self.audit.clear()
        self.audit_loaded = False
        self.security.clear()
        self.dashboard.clear()
        while self.files.count():
            w = self.files.widget(0)
            self.files.removeTab(0)
            if w is not None:
                w.deleteLater()
        self.files_page.setCurrentIndex(0)
        self.unit_label.setText("")

    def close_for_restore(self) -> None:
        """Restore from a backup: close the store (as when locking) without the unlock
        dialog; the restore job reopens it."""
        self.locked_page.setText(self.tr("正在从备份恢复……"))
        self._close_store()
        self.locked.emit()

    def _reopen_failed(self) -> None:
        self.show_unlock()

    def show_about(self) -> QDialog:
        from .about_dialog import AboutDialog

        dlg = AboutDialog(self, store_dir=self.session.store_dir)
        dlg.open()
        return dlg

    def show_unlock(self) -> UnlockDialog:
        self.locked_page.setText(self.tr("已锁定。请输入密码解锁。"))
        suffix = self.tr("【演示数据】") if self.session.demo else ""
        dlg = UnlockDialog(self.session.store_dir, kdf=self.kdf, hint=self.unlock_hint,
                           title_suffix=suffix, parent=self)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.unlocked.connect(self._unlocked)
        dlg.rejected.connect(self._quit_from_lock)
        dlg.finished.connect(dlg.deleteLater)  # one per lock: none piles up hidden
        self.unlock_dialog = dlg
        dlg.open()
        return dlg

    def _unlocked(self, store: Any) -> None:
        self.unlock_dialog = None
        self.locked_page.setText(self.tr("已锁定。请输入密码解锁。"))
        self.session.attach(store)
        self.start()
        self.unlocked.emit()

    def _quit_from_lock(self) -> None:
        self.unlock_dialog = None
        self._quitting = True
        self.close()

    # -- navigation ---------------------------------------------------------------------------
    def _nav_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        if row == NAV_REGISTRY:
            self.registry.search.setFocus()
        elif row == NAV_WORKBENCH and self.workbench.workbench is None:
            self.workbench.refresh()
        elif row == NAV_AUDIT:
            self._load_audit()

    def show_page(self, row: int) -> None:
        self.nav.setCurrentRow(row)

    def open_child(self, child_id: str) -> ChildFilePage | None:
        for i in range(self.files.count()):
            w = self.files.widget(i)
            if isinstance(w, ChildFilePage) and w.child_id == child_id:
                self.files.setCurrentIndex(i)
                self.files_page.setCurrentIndex(1)
                self.show_page(NAV_FILES)
                return w
        try:
            page = ChildFilePage(self.session, child_id)
        except Exception as exc:
            dialogs.show_error(self, exc)
            return None
        name = str(page.file["child"]["name"])
        i = self.files.addTab(page, name)
        page.title_changed.connect(lambda text, p=page: self.files.setTabText(self.files.indexOf(p), text))
        self.files.setCurrentIndex(i)
        self.files_page.setCurrentIndex(1)
        self.show_page(NAV_FILES)
        return page

    def close_child_tab(self, index: int) -> None:
        w = self.files.widget(index)
        self.files.removeTab(index)
        if w is not None:
            w.deleteLater()
        if not self.files.count():
            self.files_page.setCurrentIndex(0)

    def current_child(self) -> ChildFilePage | None:
        w = self.files.currentWidget()
        return w if isinstance(w, ChildFilePage) else None

    def new_child(self) -> FormDialog:
        officer = self.session.store.officer
        return open_form(self, self.session, "child", initial={"filled_by": officer},
                         on_saved=lambda r: self._open_saved(r))

    def _open_saved(self, result: SaveResult) -> None:
        self.open_child(str(result.record["id"]))

    def workbench_action(self, action: str, child_id: str) -> None:
        if action.startswith("record:") and self._removed_here(child_id):
            # the street returned the removal of a file (删除): nothing to edit — say so and
            # how to answer (已核实无误 keeps it removed; a wrong removal is entered again)
            dialogs.info(self, self.tr("档案已删除"), self.tr(
                "这名儿童的档案已在本村删除，不能打开修改。请核实街道的意见：删除无误的，在工作台选中该条，"
                "点“已核实无误…”并写明理由；误删的，请重新登记该儿童，随下一个季度数据包报送。"))
            return
        page = self.open_child(child_id)
        if page is None:
            return
        if action.startswith("record:"):  # a record the street returned (退回修改): its form
            kind, record_id = action.split(":")[1:3]
            if kind == "child":
                page.act("edit")
            else:
                try:
                    with self.session.lock:
                        record = self.session.registry.get(kind, record_id)
                except Exception as exc:  # e.g. the record is not held here
                    dialogs.show_error(self, exc)
                    return
                open_form(self, self.session, kind, record=record)
        elif action == "exit":
            reason = next((e["reason"] for e in (self.workbench.workbench.exit_proposals
                                                 if self.workbench.workbench else [])
                           if e["child_id"] == child_id), None)
            page.exit_register(reason)
        elif action == "report":
            reports = [r for r in page.file["mandatory_report"] if r["followup_status"] != "已结案"]
            if reports:
                open_form(self, self.session, "mandatory_report", record=reports[0])
        elif action == "assess":  # rule 6: the assessment of the report that awaits one
            wb = self.workbench.workbench
            report = next((a["report_id"] for a in (wb.awaiting_assessment if wb else [])
                           if a["child_id"] == child_id), None)
            open_form(self, self.session, "assessment", child_id=child_id,
                      initial={"report_ref": report, "assessed_on": self.session.today().isoformat(),
                               "assessor": self.session.store.officer})
        elif action == "dropout":  # rule 3: the 劝返 follow-up lives on the 失学辍学 flag
            flags = [f for f in page.file["priority_flag"]
                     if f["reason"] == "失学辍学" and f["status"] == "开放"]
            if flags:
                open_form(self, self.session, "priority_flag", record=flags[-1])
            else:
                open_form(self, self.session, "priority_flag", child_id=child_id,
                          initial={"reason": "失学辍学", "source": "人工",
                                   "opened_on": self.session.today().isoformat(),
                                   "designated_person": self.session.store.officer})
        else:
            page.act(action)

    def _removed_here(self, child_id: str) -> bool:
        try:
            with self.session.lock:
                return bool(self.session.registry.get("child", child_id, include_deleted=True)["deleted"])
        except Exception:  # not held here at all: open_child says so
            return False

    def _data_changed(self, _child_id: str) -> None:
        if not self.session.is_open:
            return
        self.registry.refresh()
        self.dashboard.stale()
        self.workbench.workbench = None
        if self.pages.currentIndex() == NAV_WORKBENCH:
            self.workbench.refresh()

    def _settings_saved(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            i18n.apply_font_size(app, i18n.saved_font_size())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing:
            event.ignore()  # already closing (waiting for a job below)
            return
        self._closing = True
        if jobs.running(include_background=True):
            # quitting while a job runs: cancel what can be cancelled, wait for the rest
            # (a re-encryption, a restore) with the window still painting; results still land
            self.statusBar().showMessage(self.tr("正在等待后台任务结束，然后退出……"))
            self.setEnabled(False)
            jobs.cancel_all()
            jobs.wait_all()
        for dlg in self.findChildren(FormDialog):
            dlg.save_draft()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.idle.enabled = False
        if self.session.is_open and not self.session.demo:
            self.hide()
            jobs.wait_background()
            exit_backup(self.session)
        self.session.close()
        if self.on_quit is not None:
            self.on_quit()
        super().closeEvent(event)


def store_location_text(path: Path) -> str:
    return str(path)
