"""密码与密钥: 修改密码, 更换数据密钥 (then the NEW recovery key, shown once), 托管 (escrow to
the street office) and, for street/district offices, 为村信息员恢复访问 (escrow reset).

Key derivation and re-encryption run in workers under the session lock."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.messages import UserError
from ...core.passphrase import passphrase_problem
from .. import dialogs, i18n, jobs
from ..firstrun import RecoveryKeyView
from ..session import Session
from ..strength import MIN_PASSPHRASE, StrengthMeter
from ..widgets import BOLD, ERROR_STYLE, HINT_STYLE, OK_STYLE, button_row, default_folder, footer

if TYPE_CHECKING:
    from ...store.keyslots import KdfParams

REKEY_WORD = "更换"


def _password_edit(name: str) -> QLineEdit:
    e = QLineEdit()
    e.setObjectName(name)
    e.setEchoMode(QLineEdit.EchoMode.Password)
    return e


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("dialogError")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


class ChangePassphraseDialog(QDialog):
    """Old, new, confirm (with the strength meter). The old passphrase is checked against the
    key slots before the data key is re-wrapped."""

    changed = Signal()

    def __init__(self, session: Session, kdf: KdfParams | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self.setWindowTitle(self.tr("修改密码"))
        self.setMinimumWidth(480)
        self.session = session
        self.kdf = kdf
        self.old = _password_edit("oldPassphrase")
        self.new = _password_edit("newPassphrase")
        self.confirm = _password_edit("confirmPassphrase")
        self.meter = StrengthMeter(self.new)
        self.error = _error_label()
        form = QFormLayout()
        form.addRow(self.tr("当前密码"), self.old)
        form.addRow(self.tr("新密码"), self.new)
        form.addRow("", self.meter)
        form.addRow(self.tr("再次输入新密码"), self.confirm)
        note = QLabel(self.tr("修改密码不会改变恢复密钥，旧的备份仍需用备份当时的密码或恢复密钥打开。"))
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        bar = footer(self, self.tr("修改密码"), self.tr("取消"), on_ok=self.submit)
        self.ok = bar.ok
        self.ok.setObjectName("changePassphraseOk")
        row = QHBoxLayout()
        row.addWidget(self.error, 1)
        row.addWidget(bar.box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(row)

    def submit(self) -> None:
        old, new = self.old.text(), self.new.text()
        problem = passphrase_problem(new)
        if problem is not None:
            self.error.setText(problem.text(i18n.current()))
            return
        if new != self.confirm.text():
            self.error.setText(self.tr("两次输入的新密码不一致"))
            return
        if new == old:
            self.error.setText(self.tr("新密码与当前密码相同"))
            return
        session, kdf = self.session, self.kdf

        def work(_p: jobs.Progress, _c: threading.Event) -> None:
            from ...store.keyslots import KeySlots, normalise_passphrase
            from ...store.store import KEYSLOTS_NAME

            store = session.store
            slots = KeySlots.load(store.dir / KEYSLOTS_NAME)
            if not slots.unwrap("passphrase", normalise_passphrase(old)):
                raise UserError("wrong_passphrase", "当前密码不正确", "The current passphrase is wrong")
            store.change_passphrase(new, kdf)

        self.ok.setEnabled(False)
        self.error.setStyleSheet(HINT_STYLE)
        self.error.setText(self.tr("正在修改……"))
        jobs.start(work, self._done, self._failed, lock=session.lock, parent=self,
                   title=self.tr("修改密码"), label=self.tr("正在用新密码重新保护数据密钥……"),
                   cancellable=False)

    def _done(self, _r: Any) -> None:
        for e in (self.old, self.new, self.confirm):
            e.clear()
        self.changed.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.error.setStyleSheet(ERROR_STYLE)
        if isinstance(exc, UserError):
            self.error.setText(exc.text(i18n.current()))
        else:
            self.error.setText("")
            dialogs.show_error(self, exc)


class RekeyDialog(QDialog):
    """更换数据密钥: explains what happens, asks the current passphrase and the typed word
    更换 (strong confirmation), re-encrypts, then shows the NEW recovery key once."""

    rekeyed = Signal()

    def __init__(self, session: Session, kdf: KdfParams | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rekeyDialog")
        self.setWindowTitle(self.tr("更换数据密钥"))
        self.setMinimumWidth(600)
        self.session = session
        self.kdf = kdf
        self.recovery_key = ""
        head = QLabel(self.tr("只有在怀疑密码、恢复密钥或数据库副本已经泄露时，才需要更换数据密钥。"))
        head.setWordWrap(True)
        head.setStyleSheet("font-weight:bold; color:#b71c1c;")
        explain = QLabel(self.tr(
            "更换后：\n"
            "• 整个数据库用新的密钥重新加密（数据较多时需要几分钟）；\n"
            "• 密码不变；\n"
            "• 旧的恢复密钥立即作废，程序会显示新的恢复密钥，请打印或保存；\n"
            "• 旧的备份仍只能用旧密码或旧恢复密钥打开。如怀疑泄露，请销毁旧备份并立即重新备份。"))
        explain.setWordWrap(True)
        self.passphrase = _password_edit("rekeyPassphrase")
        self.word = QLineEdit()
        self.word.setObjectName("rekeyWord")
        self.word.setPlaceholderText(REKEY_WORD)
        self.error = _error_label()
        form = QFormLayout()
        form.addRow(self.tr("当前密码"), self.passphrase)
        form.addRow(self.tr("请输入“%1”确认").replace("%1", REKEY_WORD), self.word)
        bar = footer(self, self.tr("更换数据密钥"), self.tr("取消"), on_ok=self.submit)
        self.ok, self.cancel = bar.ok, bar.cancel
        self.ok.setObjectName("rekeyOk")
        self.ok.setEnabled(False)  # Enter does nothing until the word is typed
        self.ok.setStyleSheet("color:#b71c1c;")
        self.word.textChanged.connect(lambda t: self.ok.setEnabled(t.strip() == REKEY_WORD))
        row = QHBoxLayout()
        row.addWidget(self.error, 1)
        row.addWidget(bar.box)
        ask = QWidget()
        al = QVBoxLayout(ask)
        al.setContentsMargins(0, 0, 0, 0)
        al.addWidget(head)
        al.addWidget(explain)
        al.addSpacing(8)
        al.addLayout(form)
        al.addStretch(1)
        al.addLayout(row)
        self.ask = ask

        # after: the new recovery key (the first-run wizard's widget)
        shown = QWidget()
        sl = QVBoxLayout(shown)
        sl.setContentsMargins(0, 0, 0, 0)
        done_text = QLabel(self.tr("数据密钥已更换。这是新的恢复密钥，只显示这一次；旧的恢复密钥已经作废。"
                                   "请立即打印或保存到U盘，并妥善保管。"))
        done_text.setWordWrap(True)
        done_text.setStyleSheet("font-weight:bold;")
        self.view = RecoveryKeyView()
        self.saved = QCheckBox(self.tr("我已打印或保存新的恢复密钥，并会妥善保管"))
        self.saved.setObjectName("recoveryDone")
        self.finish = QPushButton(self.tr("完成"))
        self.finish.setObjectName("rekeyFinish")
        self.finish.setEnabled(False)
        self.finish.setAutoDefault(False)
        self.saved.toggled.connect(self.finish.setEnabled)
        self.finish.clicked.connect(self.accept)
        frow = QHBoxLayout()
        frow.addWidget(self.saved, 1)
        frow.addWidget(self.finish)
        sl.addWidget(done_text)
        sl.addWidget(self.view)
        sl.addStretch(1)
        sl.addLayout(frow)
        shown.hide()
        self.shown = shown

        layout = QVBoxLayout(self)
        layout.addWidget(ask)
        layout.addWidget(shown)

    def submit(self) -> None:
        if self.word.text().strip() != REKEY_WORD:
            return
        secret, session, kdf = self.passphrase.text(), self.session, self.kdf

        def work(_p: jobs.Progress, _c: threading.Event) -> str:
            return session.store.rekey(secret, kdf)

        self.ok.setEnabled(False)
        self.cancel.setEnabled(False)
        self.error.setText("")
        jobs.start(work, self._done, self._failed, lock=session.lock, parent=self,
                   title=self.tr("更换数据密钥"),
                   label=self.tr("正在用新的数据密钥重新加密整个数据库，请勿关闭电脑……"),
                   cancellable=False)

    def _done(self, recovery: Any) -> None:
        self.passphrase.clear()
        self.recovery_key = str(recovery)
        store = self.session.store
        self.view.set_key(self.recovery_key, store.unit_name, store.unit_code)
        self.ask.hide()
        self.shown.show()
        self.finish.setDefault(True)  # the new key's page: Enter = 完成 (once ticked)
        self.rekeyed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.cancel.setEnabled(True)
        if isinstance(exc, UserError):
            self.error.setText(exc.text(i18n.current()))
        else:
            dialogs.show_error(self, exc)

    def reject(self) -> None:
        if self.recovery_key and not self.saved.isChecked():
            return  # the new key must not disappear unsaved
        super().reject()

    def accept(self) -> None:
        self.view.clear_key()
        self.recovery_key = ""
        super().accept()


class EscrowResetDialog(QDialog):
    """Street/district office: a village officer lost passphrase AND recovery key. The
    village's ``keyslots.json`` (copied to a USB stick) gets a temporary passphrase, using
    this office's device key (the escrow slot was encrypted to it)."""

    reset_done = Signal(str)

    def __init__(self, session: Session, kdf: KdfParams | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("escrowResetDialog")
        self.setWindowTitle(self.tr("为村信息员恢复访问"))
        self.setMinimumWidth(620)
        self.session = session
        self.kdf = kdf
        steps = QLabel(self.tr(
            "1. 在村里的电脑上，把数据库文件夹中的 keyslots.json 复制到U盘（只复制这一个文件）。\n"
            "2. 在这里选择该文件，设置一个临时密码。\n"
            "3. 把文件放回村里电脑的数据库文件夹（替换原文件），信息员用临时密码解锁后立即修改密码。\n"
            "只有村里事先设置了托管给本单位的，才能恢复。"))
        steps.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setObjectName("escrowKeyslots")
        self.path.setPlaceholderText("keyslots.json")
        browse = QPushButton(self.tr("选择……"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.browse)
        prow = QHBoxLayout()
        prow.addWidget(self.path, 1)
        prow.addWidget(browse)
        self.new = _password_edit("tempPassphrase")
        self.confirm = _password_edit("tempConfirm")
        self.meter = StrengthMeter(self.new)
        form = QFormLayout()
        form.addRow(self.tr("村里的密钥文件"), prow)
        form.addRow(self.tr("临时密码"), self.new)
        form.addRow("", self.meter)
        form.addRow(self.tr("再次输入临时密码"), self.confirm)
        self.error = _error_label()
        bar = footer(self, self.tr("设置临时密码"), self.tr("关闭"), on_ok=self.submit)
        self.ok = bar.ok
        self.ok.setObjectName("escrowResetOk")
        row = QHBoxLayout()
        row.addWidget(self.error, 1)
        row.addWidget(bar.box)
        layout = QVBoxLayout(self)
        layout.addWidget(steps)
        layout.addLayout(form)
        layout.addLayout(row)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择村里的 keyslots.json"),
                                              str(default_folder()),
                                              self.tr("密钥文件 (keyslots.json *.json)"))
        if path:
            self.path.setText(path)

    def submit(self) -> None:
        path = Path(self.path.text().strip())
        new = self.new.text()
        if not self.path.text().strip() or not path.is_file():
            self.error.setText(self.tr("请选择村里的 keyslots.json 文件"))
            return
        if len(new) < MIN_PASSPHRASE:
            self.error.setText(self.tr("临时密码至少需要%1个字符").replace("%1", str(MIN_PASSPHRASE)))
            return
        if new != self.confirm.text():
            self.error.setText(self.tr("两次输入的临时密码不一致"))
            return
        session, kdf = self.session, self.kdf

        def work(_p: jobs.Progress, _c: threading.Event) -> None:
            from ...store.store import escrow_reset

            identity = session.store.setting("device_age_identity")
            if not identity:
                raise UserError("no_device_key", "本机没有设备密钥，无法恢复",
                                "This installation has no device key")
            escrow_reset(path, identity, new, kdf)

        self.ok.setEnabled(False)
        self.error.setText("")
        jobs.start(work, self._done, self._failed, lock=session.lock, parent=self,
                   title=self.tr("为村信息员恢复访问"), label=self.tr("正在设置临时密码……"),
                   cancellable=False)

    def _done(self, _r: Any) -> None:
        self.ok.setEnabled(True)
        self.new.clear()
        self.confirm.clear()
        self.error.setStyleSheet(OK_STYLE + BOLD)
        self.error.setText(self.tr("已设置临时密码。请把该文件放回村里电脑的数据库文件夹，"
                                   "信息员解锁后立即修改密码。"))
        self.reset_done.emit(str(self.path.text()))

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.error.setStyleSheet(ERROR_STYLE)
        if isinstance(exc, UserError):
            self.error.setText(exc.text(i18n.current()))
        else:
            dialogs.show_error(self, exc)


class KeysPanel(QGroupBox):
    """The 密码与密钥 box of the 数据安全 page."""

    def __init__(self, session: Session, kdf: KdfParams | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("密码与密钥"), parent)
        self.session = session
        self.kdf = kdf
        self.dialog: QDialog | None = None
        change = QPushButton(self.tr("修改密码……"))
        change.setObjectName("changePassphrase")
        change.clicked.connect(self.change_passphrase)
        rekey = QPushButton(self.tr("更换数据密钥……"))
        rekey.setObjectName("rekey")
        rekey.clicked.connect(self.rekey)
        row = button_row(change, rekey)

        self.escrow_status = QLabel()
        self.escrow_status.setObjectName("escrowStatus")
        self.escrow_status.setWordWrap(True)
        self.recipient = QLineEdit()
        self.recipient.setObjectName("escrowRecipient")
        self.recipient.setPlaceholderText(self.tr("街道信息员提供的公钥（age1 开头）"))
        self.use_parent = QPushButton(self.tr("使用上级单位的交换密钥"))
        self.use_parent.setObjectName("escrowUseParent")
        self.use_parent.clicked.connect(self._fill_parent)
        self.set_escrow_button = QPushButton(self.tr("设置托管"))
        self.set_escrow_button.setObjectName("setEscrow")
        self.set_escrow_button.clicked.connect(self.set_escrow)
        erow = QHBoxLayout()
        erow.addWidget(self.recipient, 1)
        erow.addWidget(self.use_parent)
        erow.addWidget(self.set_escrow_button)
        self.escrow_box = QWidget()
        el = QVBoxLayout(self.escrow_box)
        el.setContentsMargins(0, 0, 0, 0)
        escrow_note = QLabel(self.tr("把数据密钥加密交给上级（街道）保管。信息员同时忘记密码和恢复密钥时，"
                                     "街道可以帮助重设密码。街道看不到您的数据，只能在您把密钥文件交给街道时帮助恢复。"))
        escrow_note.setWordWrap(True)
        escrow_note.setStyleSheet(HINT_STYLE)
        el.addWidget(escrow_note)
        el.addWidget(self.escrow_status)
        el.addLayout(erow)

        self.reset_box = QWidget()
        rl = QHBoxLayout(self.reset_box)
        rl.setContentsMargins(0, 0, 0, 0)
        reset_note = QLabel(self.tr("下级信息员同时忘记密码和恢复密钥时，可用本单位的设备密钥为其设置临时密码。"))
        reset_note.setWordWrap(True)
        reset_note.setStyleSheet(HINT_STYLE)
        reset = QPushButton(self.tr("为村信息员恢复访问……"))
        reset.setObjectName("escrowReset")
        reset.clicked.connect(self.escrow_reset)
        rl.addWidget(reset_note, 1)
        rl.addWidget(reset)

        keys_note = QLabel(self.tr("密码：每天解锁时使用，可随时修改。"
                                   "恢复密钥：忘记密码时使用（初始化时已打印或保存）。"
                                   "两者保护的是同一把数据密钥。"))
        keys_note.setWordWrap(True)
        keys_note.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("密码和恢复密钥")))
        layout.addWidget(keys_note)
        layout.addLayout(row)
        self.escrow_heading = _heading(self.tr("托管（街道协助恢复）"))
        layout.addSpacing(8)
        layout.addWidget(self.escrow_heading)
        layout.addWidget(self.escrow_box)
        self.reset_heading = _heading(self.tr("为下级恢复访问"))
        layout.addSpacing(8)
        layout.addWidget(self.reset_heading)
        layout.addWidget(self.reset_box)
        self.parent_recipient = ""
        self.parent_unit = ""

    def load(self) -> None:
        from ...store.keyslots import KeySlots
        from ...store.store import KEYSLOTS_NAME
        from ...store.sync import SyncStore

        store = self.session.store
        with self.session.lock:
            parents = SyncStore(store).keys(relation="parent", status="active")
        self.parent_recipient = parents[0].age_recipient if parents else ""
        self.parent_unit = parents[0].unit_name if parents else ""
        self.use_parent.setVisible(bool(parents))
        if parents:
            self.use_parent.setText(self.tr("使用%1的交换密钥").replace("%1", self.parent_unit))
        try:
            slots = KeySlots.load(store.dir / KEYSLOTS_NAME)
            escrow = next((s.recipient for s in slots.slots if s.kind == "escrow"), None)
        except (OSError, UserError, ValueError):
            escrow = None
        if escrow:
            who = self.parent_unit if escrow == self.parent_recipient and self.parent_unit else ""
            text = self.tr("状态：已托管") + (self.tr("给%1").replace("%1", who) if who else "")
            text += self.tr("（公钥 %1）").replace("%1", short_key(escrow))
            self.escrow_status.setStyleSheet(OK_STYLE)
        else:
            text = self.tr("状态：未设置托管")
            self.escrow_status.setStyleSheet("color:#ef6c00;")
        self.escrow_status.setText(text)
        self.escrow_box.setVisible(store.role != "district")
        self.escrow_heading.setVisible(store.role != "district")
        self.reset_box.setVisible(store.role in ("street", "district"))
        self.reset_heading.setVisible(store.role in ("street", "district"))

    def _error(self, exc: BaseException) -> None:
        dialogs.show_error(self, exc)

    def _fill_parent(self) -> None:
        self.recipient.setText(self.parent_recipient)

    def change_passphrase(self) -> ChangePassphraseDialog:
        dlg = ChangePassphraseDialog(self.session, self.kdf, self)
        dlg.changed.connect(lambda: dialogs.info(self, self.tr("修改密码"),
                                                 self.tr("密码已修改。下次解锁请使用新密码。")))
        self.dialog = dlg
        dlg.open()
        return dlg

    def rekey(self) -> RekeyDialog:
        dlg = RekeyDialog(self.session, self.kdf, self)
        dlg.rekeyed.connect(self.load)
        self.dialog = dlg
        dlg.open()
        return dlg

    def escrow_reset(self) -> EscrowResetDialog:
        dlg = EscrowResetDialog(self.session, self.kdf, self)
        self.dialog = dlg
        dlg.open()
        return dlg

    def set_escrow(self) -> None:
        recipient = self.recipient.text().strip()
        if not recipient.startswith("age1"):
            dialogs.show_error(self, UserError("bad_recipient", "请填写以 age1 开头的公钥",
                                               "Enter a public key starting with age1"))
            return
        session = self.session

        def work(_p: jobs.Progress, _c: threading.Event) -> None:
            session.store.set_escrow(recipient)

        def done(_r: Any) -> None:
            self.recipient.clear()
            self.load()
            dialogs.info(self, self.tr("托管"), self.tr("已设置托管。"))

        jobs.start(work, done, self._error, lock=session.lock,
                   parent=self, title=self.tr("托管"), label=self.tr("正在设置托管……"),
                   cancellable=False)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight:bold;")
    return label


def short_key(key: str) -> str:
    return key if len(key) <= 24 else f"{key[:12]}…{key[-8:]}"
