"""解锁: passphrase, or 忘记密码 → recovery key → new passphrase. The key derivation and
opening run off the GUI thread; a wrong passphrase leaves the dialog open with a message.
After repeated wrong attempts (``store.throttle``) the buttons stay disabled while a
countdown runs; the wait survives restarts, so the dialog checks it when it opens.

Keys: Enter always means the page's action (解锁, or 重设密码并解锁 on the recovery page), never
another button: the dialog handles Enter itself, the action buttons are the page's explicit
default and no other button is ever default. While a job runs (or the countdown), Enter does
nothing and the fields keep focus (read-only, not disabled, so focus never falls to 退出程序).
Esc goes back from the recovery page, and on the passphrase page means 退出程序; quitting while
an unlock is running waits for it (the store it opened is closed again)."""

from __future__ import annotations

import math
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.messages import UserError
from . import dialogs, i18n, jobs
from .strength import StrengthMeter
from .widgets import ERROR_STYLE, HINT_STYLE

if TYPE_CHECKING:  # the store modules load in the worker thread: the dialog comes up fast
    from ..store.keyslots import KdfParams
    from ..store.store import Store


class UnlockDialog(QDialog):
    unlocked = Signal(object)  # Store

    def __init__(self, store_dir: Path, *, kdf: KdfParams | None = None, hint: str = "",
                 title_suffix: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.store_dir = store_dir
        self.kdf = kdf
        self.busy = False
        self.job: jobs.Worker | None = None  # the unlock/reset running now
        self.quit_pending = False  # 退出程序 while a job runs: quit once it has finished
        self.setWindowTitle(self.tr("解锁 · 农村留守儿童信息台账") + title_suffix)
        self.setMinimumWidth(520)
        self.stack = QStackedWidget()

        # page 0: passphrase
        p0 = QWidget()
        l0 = QVBoxLayout(p0)
        intro = QLabel(self.tr("数据已加密保存。请输入密码解锁。"))
        intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("密码"))
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.unlock)
        self.forgot = QPushButton(self.tr("忘记密码？使用恢复密钥"))
        self.forgot.setObjectName("forgotButton")
        self.forgot.setFlat(True)
        self.forgot.setCursor(Qt.CursorShape.PointingHandCursor)
        self.forgot.setStyleSheet("color:#1565c0; text-decoration: underline;")
        self.forgot.clicked.connect(lambda: self.show_page(1))
        l0.addWidget(intro)
        if hint:
            h = QLabel(hint)
            h.setObjectName("demoHint")
            h.setStyleSheet("background:#fff8e1; padding:6px;")
            l0.addWidget(h)
        l0.addWidget(self.passphrase)
        row = QHBoxLayout()
        row.addWidget(self.forgot)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        l0.addLayout(row)
        l0.addStretch(1)  # spare height below the buttons, not between the lines

        # page 1: recovery
        p1 = QWidget()
        l1 = QVBoxLayout(p1)
        r_intro = QLabel(self.tr("请输入初始化时打印或保存的恢复密钥，并设置新密码。"))
        r_intro.setWordWrap(True)
        self.recovery = QLineEdit()
        self.recovery.setObjectName("recoveryKey")
        self.recovery.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.new_pass = QLineEdit()
        self.new_pass.setObjectName("newPassphrase")
        self.new_pass.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("confirmPassphrase")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = StrengthMeter(self.new_pass)
        form = QFormLayout()
        form.addRow(self.tr("恢复密钥"), self.recovery)
        form.addRow(self.tr("新密码"), self.new_pass)
        form.addRow("", self.meter)
        form.addRow(self.tr("再次输入新密码"), self.confirm)
        back = QPushButton(self.tr("返回"))
        back.setObjectName("backButton")
        back.clicked.connect(lambda: self.show_page(0))
        self.back_button = back
        self.reset_button = QPushButton(self.tr("重设密码并解锁"))
        self.reset_button.setObjectName("resetButton")
        self.reset_button.clicked.connect(self.reset)
        row1 = QHBoxLayout()
        row1.addWidget(back)
        row1.addStretch(1)
        row1.addWidget(self.reset_button)
        l1.addWidget(r_intro)
        l1.addLayout(form)
        l1.addLayout(row1)
        l1.addStretch(1)

        self.stack.addWidget(p0)
        self.stack.addWidget(p1)
        self.status = QLabel()
        self.status.setObjectName("unlockStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(ERROR_STYLE)
        quit_button = QPushButton(self.tr("退出程序"))
        quit_button.setObjectName("quitButton")
        quit_button.clicked.connect(self.reject)
        self.quit_button = quit_button
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(quit_button)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("农村留守儿童信息台账"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(self.stack)
        layout.addLayout(bottom)
        for b in (self.unlock_button, self.forgot, back, self.reset_button, quit_button):
            b.setAutoDefault(False)  # a focused button never takes over Enter
        self.show_page(0)

        self.wait_until = 0.0  # time.time() when the next attempt is allowed
        self.countdown = QTimer(self)
        self.countdown.setInterval(250)
        self.countdown.timeout.connect(self._tick)
        self._check_throttle()

    # -- pages and keys ------------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        """0: passphrase, 1: recovery key. The page's action button is the default button."""
        if self.stack.currentIndex() != index and not self.throttled:
            self.status.setText("")  # the other page's message does not apply here
        self.stack.setCurrentIndex(index)
        # the dialog is as tall as the page shown (a stack is as tall as its tallest page)
        page = self.stack.widget(index)
        if page is not None:
            self.stack.setFixedHeight(page.sizeHint().height())
        self.adjustSize()
        self.unlock_button.setDefault(index == 0)
        self.reset_button.setDefault(index == 1)
        (self.passphrase if index == 0 else self.recovery).setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            if self.busy:
                return  # unlocking (or waiting out the countdown): Enter does nothing
            if self.stack.currentIndex() == 0:
                self.unlock()
            else:
                self.reset()
            return
        if key == Qt.Key.Key_Escape:
            event.accept()
            if self.stack.currentIndex() == 1 and self.job is None:
                self.show_page(0)
            else:
                self.reject()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self.job is not None:  # the thread must finish first; the result is let go then
            self.quit_pending = True
            self.status.setStyleSheet(HINT_STYLE)
            self.status.setText(self.tr("正在解锁，完成后退出……"))
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    # -- throttle ------------------------------------------------------------------------------
    def _check_throttle(self) -> None:
        from ..store import throttle

        wait = throttle.wait_seconds(self.store_dir)
        if wait > 0:
            self._start_countdown(wait)

    def _start_countdown(self, seconds: float) -> None:
        self.wait_until = time.time() + seconds
        self._tick()
        self.countdown.start()

    @property
    def throttled(self) -> bool:
        return self.wait_until > time.time()

    def _tick(self) -> None:
        left = self.wait_until - time.time()
        if left <= 0:
            self.countdown.stop()
            self.wait_until = 0.0
            self._set_busy(False)
            self.status.setText(self.tr("现在可以再试一次。"))
            (self.passphrase if self.stack.currentIndex() == 0 else self.recovery).setFocus()
            return
        self._set_busy(True)
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(self.tr("密码错误次数过多，请在 %1 秒后再试。")
                            .replace("%1", str(math.ceil(left))))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        for b in (self.unlock_button, self.forgot, self.reset_button, self.back_button):
            b.setEnabled(not busy)
        for e in (self.passphrase, self.recovery, self.new_pass, self.confirm):
            e.setReadOnly(busy)  # not disabled: the focus stays in the field
        self.status.setStyleSheet(HINT_STYLE if busy else ERROR_STYLE)
        self.status.setText(text)

    def unlock(self) -> None:
        if self.busy or self.throttled:
            return
        secret = self.passphrase.text()
        if not secret:
            self.status.setText(self.tr("请输入密码"))
            return
        directory = self.store_dir

        def work(_p: jobs.Progress, _c: threading.Event) -> Store:
            from ..store.store import Store

            return Store.open(directory, passphrase=secret)

        self._set_busy(True, self.tr("正在解锁……"))
        self._start(work)

    def reset(self) -> None:
        if self.busy or self.throttled:
            return
        if not self.recovery.text().strip():
            self.status.setText(self.tr("请输入恢复密钥"))
            self.recovery.setFocus()
            return
        if self.new_pass.text() != self.confirm.text():
            self.status.setText(self.tr("两次输入的新密码不一致"))
            return
        key, new, directory, kdf = self.recovery.text(), self.new_pass.text(), self.store_dir, self.kdf

        def work(_p: jobs.Progress, _c: threading.Event) -> Store:
            from ..store.store import reset_passphrase

            return reset_passphrase(directory, key, new, kdf)

        self._set_busy(True, self.tr("正在验证恢复密钥……"))
        self._start(work)

    def _start(self, work: jobs.Work) -> None:
        self.job = jobs.start(work, self._opened, self._failed, dialog=False, owner=self,
                              discard=_close_store)

    def _opened(self, store: Any) -> None:
        self.job = None
        if self.quit_pending:  # 退出程序 was pressed while unlocking
            _close_store(store)
            super().reject()
            return
        self._set_busy(False)
        self.passphrase.clear()
        self.recovery.clear()
        self.new_pass.clear()
        self.confirm.clear()
        self.unlocked.emit(store)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        if self.quit_pending:
            super().reject()
            return
        self._set_busy(False)
        if isinstance(exc, UserError) and exc.code == "throttled":
            self._start_countdown(float(exc.params.get("seconds", 1)))
            return
        if isinstance(exc, UserError):
            self.status.setText(exc.text(i18n.current()))
            field = self.passphrase if self.stack.currentIndex() == 0 else self.recovery
            field.selectAll()
            field.setFocus()
            if exc.code in ("wrong_passphrase", "wrong_recovery_key"):
                from ..store import throttle

                wait = throttle.wait_seconds(self.store_dir)
                if wait > 0:  # the next attempt must wait: show it now
                    self._start_countdown(wait)
        else:
            self.status.setText("")
            dialogs.show_error(self, exc)


def _close_store(store: Any) -> None:
    """A store opened for a dialog that is gone (or quitting)."""
    close = getattr(store, "close", None)
    if callable(close):
        close()
