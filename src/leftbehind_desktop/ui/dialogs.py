"""Readable messages instead of tracebacks. Boxes are opened with ``open()`` (no nested
event loop), so the window keeps working and tests can answer them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.messages import UserError, ValidationFailed
from . import i18n
from .logs import log_exception


def error_text(exc: BaseException) -> str:
    lang = i18n.current()
    if isinstance(exc, ValidationFailed):
        return "\n".join(e.text(lang) for e in exc.errors)
    if isinstance(exc, UserError):
        return exc.text(lang)
    return QCoreApplication.translate(
        "dialogs", "发生了意外错误，本次操作没有完成。详细信息已写入日志文件，可交给技术支持人员查看。"
    )


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> QMessageBox:
    if not isinstance(exc, UserError):
        log_exception("shown", exc)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title or QCoreApplication.translate("dialogs", "无法完成操作"),
        error_text(exc),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("errorBox")
    box.open()
    return box


def info(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.open()
    return box


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    on_yes: Callable[[], object],
    on_no: Callable[[], object] | None = None,
    yes: str | None = None,
    no: str | None = None,
) -> QMessageBox:
    """A yes/no question answered later (the callbacks run when a button is clicked)."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent
    )
    box.setObjectName("askBox")
    if yes:
        b = box.button(QMessageBox.StandardButton.Yes)
        b.setText(yes)
    if no:
        box.button(QMessageBox.StandardButton.No).setText(no)
    box.setDefaultButton(QMessageBox.StandardButton.No)

    def done(result: int) -> None:
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            on_yes()
        elif on_no is not None:
            on_no()

    box.finished.connect(done)
    box.open()
    return box
