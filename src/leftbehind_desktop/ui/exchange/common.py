"""Pieces shared by the 数据交换 screens: file pickers, the fingerprint shown in read-aloud
groups, a result banner, value formatting, quarters, and running sync work off the GUI
thread with progress and cancel."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QStorageInfo, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...core.dates import quarter_bounds, quarter_of
from ...core.messages import UserError
from .. import dialogs, i18n, jobs
from ..session import Session

PACKAGE_FILTER = "数据包 (*.lbpkg)"
JSON_FILTER = "登记文件 (*.json)"


class Cancelled(UserError):
    def __init__(self) -> None:
        super().__init__("cancelled", "已取消，没有修改任何数据", "Cancelled; nothing was changed")


# == quarters ================================================================================
def last_finished_quarter(today: date) -> str:
    start, _ = quarter_bounds(quarter_of(today))
    return quarter_of(start - timedelta(days=1))


def recent_quarters(today: date, n: int = 8) -> list[str]:
    """The current quarter and the ``n - 1`` before it, newest first."""
    out = [quarter_of(today)]
    d = today
    for _ in range(n - 1):
        start, _ = quarter_bounds(quarter_of(d))
        d = start - timedelta(days=1)
        out.append(quarter_of(d))
    return out


# == values ==================================================================================
def fmt_value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return QCoreApplication.translate("exchange", "（空）")
    if isinstance(value, bool):
        return (QCoreApplication.translate("exchange", "是") if value
                else QCoreApplication.translate("exchange", "否"))
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def unit_label(names: dict[str, str], code: str) -> str:
    name = names.get(code)
    return f"{name}（{code}）" if name else code


def error_message(exc: BaseException) -> str:
    return dialogs.error_text(exc)


# == files ===================================================================================
def removable_folders() -> list[Path]:
    """Mounted removable drives (U盘) the officer is likely to copy to."""
    out: list[Path] = []
    for vol in QStorageInfo.mountedVolumes():
        if not vol.isValid() or not vol.isReady() or vol.isReadOnly():
            continue
        root = vol.rootPath()
        if sys.platform == "win32":
            system = os.environ.get("SystemDrive", "C:").upper()
            if root.upper().startswith(system):
                continue
        elif not root.startswith(("/media/", "/run/media/", "/mnt/", "/Volumes/")):
            continue
        out.append(Path(root))
    return out


def default_folder() -> Path:
    usb = removable_folders()
    return usb[0] if usb else Path.home()


class PathField(QWidget):
    """A path in a line edit (typed or chosen with 浏览…). ``mode``: open, save or dir."""

    changed = Signal(str)

    def __init__(self, mode: str, caption: str, file_filter: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.caption = caption
        self.file_filter = file_filter
        self.edit = QLineEdit()
        self.edit.setMinimumWidth(360)
        self.edit.textChanged.connect(self.changed)
        self.browse = QPushButton(self.tr("浏览…"))
        self.browse.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None

    def set_path(self, path: Path | str) -> None:
        self.edit.setText(str(path))

    def choose(self) -> None:
        start = str(self.path() or default_folder())
        if self.mode == "dir":
            chosen = QFileDialog.getExistingDirectory(self, self.caption, start)
        elif self.mode == "save":
            chosen, _ = QFileDialog.getSaveFileName(self, self.caption, start, self.file_filter)
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, self.caption, start, self.file_filter)
        if chosen:
            self.set_path(chosen)


def read_file(path: Path | None) -> bytes:
    if path is None:
        raise UserError("no_file", "请先选择文件", "Choose a file first")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError("read_failed", f"无法读取文件：{path}（{exc.__class__.__name__}）",
                        f"Cannot read {path} ({exc.__class__.__name__})") from None


def write_file(path: Path | None, data: bytes) -> None:
    if path is None:
        raise UserError("no_file", "请先选择保存位置", "Choose where to save first")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise UserError("write_failed", f"无法写入文件：{path}（{exc.__class__.__name__}）。"
                        "请检查U盘是否已插好、是否写保护",
                        f"Cannot write {path} ({exc.__class__.__name__}). Check the USB drive") from None


def safe_name(text: str) -> str:
    return "".join(ch for ch in text if ch not in '\\/:*?"<>|').strip() or "file"


# == widgets =================================================================================
class FingerprintView(QWidget):
    """Six groups of four digits in large type, one box per group: read aloud group by group."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fingerprint")
        self.groups: list[QLabel] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for _ in range(6):
            lab = QLabel("----")
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lab.setStyleSheet("font-size: 18pt; font-family: monospace; font-weight: bold; "
                              "border: 1px solid #9aa5b1; border-radius: 4px; padding: 2px 8px; "
                              "background: #f4f7fa;")
            layout.addWidget(lab)
            self.groups.append(lab)
        layout.addStretch(1)

    def set_fingerprint(self, text: str) -> None:
        parts = text.split()
        for i, lab in enumerate(self.groups):
            lab.setText(parts[i] if i < len(parts) else "----")

    def text(self) -> str:
        return " ".join(g.text() for g in self.groups)


class Banner(QLabel):
    """The outcome of the last action: green (done), red (refused, nothing changed), grey."""

    STYLES: ClassVar[dict[str, str]] = {
        "ok": "background:#e8f5e9; color:#1b5e20; border:1px solid #a5d6a7;",
        "bad": "background:#fdecea; color:#8a1c1c; border:1px solid #f5c2c0;",
        "info": "background:#eef3f8; color:#23395d; border:1px solid #c5d3e3;",
    }

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.level = ""
        self.hide()

    def show_text(self, level: str, text: str) -> None:
        self.level = level
        self.setStyleSheet(f"QLabel {{ {self.STYLES[level]} padding: 8px; border-radius: 4px; }}")
        self.setText(text)
        self.show()

    def clear_text(self) -> None:
        self.level = ""
        self.setText("")
        self.hide()


def heading(text: str) -> QLabel:
    lab = QLabel(text)
    lab.setStyleSheet("font-size: 13pt; font-weight: bold;")
    return lab


def hint(text: str) -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setStyleSheet("color: #555;")
    return lab


def hline() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet("color: #ccc;")
    return line


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons at their natural width, left-aligned."""
    layout = QHBoxLayout()
    for b in buttons:
        layout.addWidget(b)
    layout.addStretch(1)
    return layout


# == work off the GUI thread =================================================================
def run_job(parent: QWidget, session: Session, work: Callable[[jobs.Progress], Any],
            on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
            *, title: str, label: str, cancellable: bool = True) -> jobs.Worker:
    """Run ``work(progress)`` on a worker thread holding the session lock, with a progress
    dialog. 取消 is honoured at the next progress report before the work is complete; the
    sync functions write nothing until their last step (and roll back on an exception), so a
    cancelled job changes nothing."""

    def wrapped(progress: jobs.Progress, cancel: threading.Event) -> Any:
        def report(done: int, total: int) -> None:
            if cancel.is_set() and done < total:
                raise Cancelled()
            progress(done, total)

        return work(report)

    return jobs.start(wrapped, on_done, on_error, lock=session.lock, parent=parent, title=title,
                      label=label, cancellable=cancellable)


def lang() -> str:
    return i18n.current()
