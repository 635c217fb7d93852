"""备份与恢复: 立即备份到…… (e.g. a USB stick), the automatic backups, 从备份恢复…… (choose
→ the backup's passphrase or recovery key → verify → confirm → close the store, restore
with a safety copy, reopen). Automatic backups after unlock (daily) and on exit.

Backup folders hold no personal data in clear: the database copy is encrypted with the data
key, and ``backup.json`` has only the unit code, time and counts."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.dates import local_time_text
from ...core.messages import UserError
from .. import dialogs, i18n, jobs
from ..logs import describe, log
from ..session import Session
from ..widgets import HINT_STYLE, OK_STYLE, button_row, default_folder, footer

if TYPE_CHECKING:
    from ...store.backup import BackupInfo
    from ...store.store import Store

BACKUP_DIR = "backups"  # = store.backup.BACKUP_DIR
MANIFEST = "backup.json"  # = store.backup.MANIFEST


def read_backup_summary(path: Path) -> dict[str, Any] | None:
    """The manifest of a backup folder (no personal data), or None."""
    try:
        doc = json.loads((path / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) and doc.get("format") == "leftbehind-backup" else None


REASONS = {"daily": "每日自动", "exit": "退出时自动", "manual": "手动", "rekey": "更换密钥后"}


def reason_text(reason: str) -> str:
    return QCoreApplication.translate("backups", REASONS[reason]) if reason in REASONS else reason


def _mark_reasons() -> None:  # pragma: no cover - for pyside6-lupdate only
    QCoreApplication.translate("backups", "每日自动")
    QCoreApplication.translate("backups", "退出时自动")
    QCoreApplication.translate("backups", "手动")
    QCoreApplication.translate("backups", "更换密钥后")


class RestoreSecretDialog(QDialog):
    """The passphrase the backup was made with, or the recovery key."""

    def __init__(self, summary: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreSecretDialog")
        self.setWindowTitle(self.tr("从备份恢复"))
        self.setMinimumWidth(520)
        intro = QLabel(self.tr("备份时间：%1；单位代码：%2。请输入做这个备份时使用的密码，或者恢复密钥。")
                       .replace("%1", local_time_text(summary.get("created_at"), i18n.current()))
                       .replace("%2", str(summary.get("unit_code", ""))))
        intro.setWordWrap(True)
        self.use_pass = QRadioButton(self.tr("密码"))
        self.use_pass.setChecked(True)
        self.use_key = QRadioButton(self.tr("恢复密钥"))
        group = QButtonGroup(self)
        group.addButton(self.use_pass)
        group.addButton(self.use_key)
        self.secret = QLineEdit()
        self.secret.setObjectName("restoreSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.use_key.toggled.connect(lambda on: self.secret.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        row = button_row(self.use_pass, self.use_key)
        bar = footer(self, self.tr("校验备份"), self.tr("取消"), on_ok=self.accept)
        bar.ok.setObjectName("restoreVerify")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(bar.box)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.secret)
        layout.addLayout(buttons)

    def secrets(self) -> dict[str, str]:
        key = "recovery_key" if self.use_key.isChecked() else "passphrase"
        return {key: self.secret.text()}


class BackupPanel(QGroupBox):
    """The 备份与恢复 box of the 数据安全 page."""

    restore_started = Signal()

    def __init__(self, session: Session, close_store: Callable[[], None],
                 reopen: Callable[[Store], None], reopen_failed: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("备份与恢复"), parent)
        self.session = session
        self.close_store = close_store
        self.reopen = reopen
        self.reopen_failed = reopen_failed
        self.secret_dialog: RestoreSecretDialog | None = None
        self.confirm_box: Any = None
        self.last_safety: Path | None = None
        note = QLabel(self.tr("程序每天解锁后（空闲一分钟时）和退出时自动备份到本机（保留最近7天和4周各一份）。"
                              "请定期用“立即备份到……”备份到U盘，并把U盘与电脑分开保管。"
                              "备份是加密的，没有密码或恢复密钥无法打开。"))
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        backup_now = QPushButton(self.tr("立即备份到……"))
        backup_now.setObjectName("backupNow")
        backup_now.clicked.connect(self.choose_backup_folder)
        restore = QPushButton(self.tr("从备份恢复……"))
        restore.setObjectName("restoreFrom")
        restore.clicked.connect(self.choose_restore_folder)
        self.restore_selected = QPushButton(self.tr("用所选备份恢复……"))
        self.restore_selected.setObjectName("restoreSelected")
        self.restore_selected.clicked.connect(self._restore_selected)
        row = button_row(backup_now, restore, self.restore_selected)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels([self.tr("备份时间"), self.tr("儿童人数"),
                                              self.tr("方式")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setMinimumHeight(150)
        self.table.setMaximumHeight(300)
        self.paths: list[Path] = []
        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("本机的自动备份：")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def _error(self, exc: BaseException) -> None:
        dialogs.show_error(self, exc)

    # -- list ----------------------------------------------------------------------------------
    def load(self) -> None:
        parent = self.session.store_dir / BACKUP_DIR
        entries: list[tuple[Path, dict[str, Any]]] = []
        if parent.is_dir():
            for p in sorted(parent.iterdir(), key=lambda p: p.name, reverse=True):
                doc = read_backup_summary(p) if p.is_dir() and not p.name.endswith(".partial") else None
                if doc is not None:
                    entries.append((p, doc))
        self.paths = [p for p, _ in entries]
        self.table.setRowCount(len(entries))
        for r, (_p, doc) in enumerate(entries):
            for c, text in enumerate((local_time_text(doc.get("created_at"), i18n.current()),
                                      str(doc.get("children", "")),
                                      reason_text(str(doc.get("reason", ""))))):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.restore_selected.setEnabled(bool(entries))

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.paths = []
        self.status.setText("")

    # -- backup now ----------------------------------------------------------------------------
    def choose_backup_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择备份位置（例如U盘）"),
                                                  str(default_folder()))
        if folder:
            self.backup_to(Path(folder))

    def backup_to(self, folder: Path) -> None:
        session = self.session

        def work(_p: jobs.Progress, _c: threading.Event) -> Path:
            from ...store.backup import write_backup

            return write_backup(session.store, folder, reason="manual")

        def done(path: Any) -> None:
            self.status.setStyleSheet(OK_STYLE)
            self.status.setText(self.tr("备份完成：%1").replace("%1", str(path)))
            self.load()
            dialogs.info(self, self.tr("备份"), self.tr("备份完成，保存在：\n%1").replace("%1", str(path)))

        jobs.start(work, done, self._error, lock=session.lock,
                   parent=self, title=self.tr("备份"), label=self.tr("正在备份……"),
                   cancellable=False)

    # -- restore -------------------------------------------------------------------------------
    def choose_restore_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择备份文件夹"),
                                                  str(default_folder()))
        if folder:
            self.restore_from(Path(folder))

    def _restore_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.paths):
            self.restore_from(self.paths[row])
        else:
            dialogs.info(self, self.tr("从备份恢复"), self.tr("请先在列表中选择一个备份。"))

    def restore_from(self, folder: Path) -> RestoreSecretDialog | None:
        summary = read_backup_summary(folder)
        if summary is None:
            dialogs.show_error(self, UserError("not_a_backup", "所选文件夹不是本软件的备份",
                                               "The chosen folder is not a backup of this app"))
            return None
        dlg = RestoreSecretDialog(summary, self)
        dlg.accepted.connect(lambda: self._verify(folder, dlg.secrets()))
        self.secret_dialog = dlg
        dlg.open()
        return dlg

    def _verify(self, folder: Path, secrets: dict[str, str]) -> None:
        def work(_p: jobs.Progress, _c: threading.Event) -> BackupInfo:
            from ...store.backup import verify_backup

            return verify_backup(folder, **secrets)

        jobs.start(work, lambda info: self._confirm(info, secrets),
                   self._error, parent=self,
                   title=self.tr("从备份恢复"), label=self.tr("正在校验备份……"), cancellable=False)

    def _confirm(self, info: Any, secrets: dict[str, str]) -> None:
        store = self.session.store
        unit = store.unit_name if info.unit_code == store.unit_code else info.unit_code
        text = (self.tr("备份校验通过。") + "\n\n"
                + self.tr("备份时间：%1").replace("%1", local_time_text(info.created_at, i18n.current())) + "\n"
                + self.tr("单位：%1（%2）").replace("%1", unit).replace("%2", info.unit_code) + "\n"
                + self.tr("在册儿童：%1 名").replace("%1", str(info.children)) + "\n\n"
                + self.tr("恢复后，数据将回到备份时的状态。当前的数据不会删除，会另存为一份安全副本"
                          "（放在数据库文件夹旁边）。确定要恢复吗？"))
        if info.unit_code != store.unit_code:
            text += "\n\n" + self.tr("注意：这个备份属于另一个单位！")
        self.confirm_box = dialogs.ask(self, self.tr("从备份恢复"), text,
                                       lambda: self._restore(info.path, secrets),
                                       yes=self.tr("恢复"), no=self.tr("取消"))

    def _restore(self, folder: Path, secrets: dict[str, str]) -> None:
        directory = self.session.store_dir
        self.restore_started.emit()
        self.close_store()

        def work(_p: jobs.Progress, _c: threading.Event) -> tuple[Path, Store]:
            from ...store.backup import restore_backup
            from ...store.store import Store

            safety = restore_backup(folder, directory, confirm=lambda _info: True, **secrets)
            return safety, Store.open(directory, **secrets)

        def done(value: Any) -> None:
            safety, store = value
            self.last_safety = safety
            log.info("restored from a backup")
            self.reopen(store)
            dialogs.info(self.window(), self.tr("从备份恢复"),
                         self.tr("已从备份恢复。恢复前的数据另存在：\n%1").replace("%1", str(safety)))

        def failed(exc: BaseException) -> None:
            box = dialogs.show_error(self.window(), exc)
            box.finished.connect(lambda _r: self.reopen_failed())

        jobs.start(work, done, failed, parent=self.window(), title=self.tr("从备份恢复"),
                   label=self.tr("正在恢复，请勿关闭程序……"), cancellable=False)


# -- automatic backups ---------------------------------------------------------------------------
def daily_backup(session: Session, on_done: Callable[[str], None]) -> bool:
    """After unlock: today's automatic backup in a quiet background job (if none yet).
    ``on_done`` gets a short status text (empty on success). Returns whether one started."""
    if session.demo or not session.is_open:
        return False
    from ...store.backup import needs_daily_backup

    if not needs_daily_backup(session.store):
        return False

    def work(_p: jobs.Progress, _c: threading.Event) -> Path:
        from ...store.backup import auto_backup

        return auto_backup(session.store, reason="daily")

    def failed(exc: BaseException) -> None:
        log.warning("daily backup failed: %s", describe(exc))
        on_done(QCoreApplication.translate("backups", "今天的自动备份没有完成：") + _short(exc))

    jobs.start(work, lambda _p: on_done(""), failed, lock=session.lock, dialog=False)
    return True


def exit_backup(session: Session) -> str:
    """On quit (window already hidden): the day's automatic backup, in a thread while the
    event loop keeps running. Returns an error text or ""."""
    if session.demo or not session.is_open:
        return ""
    result: list[BaseException] = []

    def run() -> None:
        from ...store.backup import auto_backup

        try:
            with session.lock:
                auto_backup(session.store, reason="exit")
        except BaseException as exc:  # logged below, never shown as a traceback
            result.append(exc)

    t = threading.Thread(target=run, name="exit-backup")
    t.start()
    while t.is_alive():
        QApplication.processEvents()
        t.join(0.02)
    if result:
        log.warning("exit backup failed: %s", describe(result[0]))
        return _short(result[0])
    log.info("exit backup written")
    return ""


def _short(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return exc.text(i18n.current())
    return QCoreApplication.translate("backups", "意外错误，详见日志")
