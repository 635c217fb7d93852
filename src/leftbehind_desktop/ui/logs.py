"""Logging to a rotating file in the user's log directory, without personal data.

Only codes, exception types and code locations are logged: never record values, names,
messages built from user input, or tracebacks' locals.
"""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_dir

from ..core.messages import UserError

log = logging.getLogger("leftbehind_desktop.ui")


def log_dir() -> Path:
    return Path(user_log_dir("leftbehind-desktop", appauthor=False))


_log_file: list[Path | None] = [None]


def setup_logging(directory: Path | None = None) -> Path:
    directory = directory or log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "leftbehind-desktop.log"
    _log_file[0] = path
    root = logging.getLogger("leftbehind_desktop")
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path


def describe(exc: BaseException) -> str:
    """A log line for an exception: its type, its code (UserError) and where it happened —
    never its message, which may carry personal data."""
    code = exc.code if isinstance(exc, UserError) else ""
    frames = traceback.extract_tb(exc.__traceback__)
    where = " < ".join(f"{Path(f.filename).name}:{f.lineno}:{f.name}" for f in reversed(frames[-6:]))
    return f"{type(exc).__name__} code={code} at {where}"


def log_exception(context: str, exc: BaseException) -> None:
    log.error("%s: %s", context, describe(exc))


_telling = [False]  # one message box at a time, however many errors follow


def excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    exc.__traceback__ = tb
    log_exception("unhandled", exc)
    if not isinstance(exc, UserError):
        sys.stderr.write(f"leftbehind-desktop: internal error ({kind.__name__}); see the log\n")
        _tell_user()


def _tell_user() -> None:
    """An error nobody caught still reaches the officer as a message (not a silent blank
    screen): what happened in plain words and where the log is, after the current event."""
    from PySide6.QtCore import QCoreApplication, QThread, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance()
    if app is None or _telling[0] or QThread.currentThread() is not app.thread():
        return
    _telling[0] = True

    def show() -> None:
        try:
            QMessageBox.critical(
                None, QCoreApplication.translate("logs", "程序出错"),
                QCoreApplication.translate(
                    "logs", "程序遇到一个内部错误，刚才的操作没有完成。已保存的数据不受影响。\n"
                    "错误已记录在日志中（不含个人信息）：%1\n请联系技术支持并提供该日志。")
                .replace("%1", str(_log_file[0] or log_dir())))
        finally:
            _telling[0] = False

    QTimer.singleShot(0, show)
