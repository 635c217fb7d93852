"""The house style: widgets, colours and text styles every screen shares, so a page does not
restyle its own title, hint or error line, and dialogs end with the same footer.

Colours are named for what they mean (``ERROR``, ``OK``, ``HINT`` …); pages use the helpers
(``page_title``, ``heading``, ``hint``, ``error_label``, ``Banner``, ``footer``) rather than
writing style sheets of their own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QSize, QStandardPaths, QStorageInfo, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QWidget,
)

from ..core.messages import UserError

# == colours and text styles =================================================================
ERROR = "#c62828"  # refused input, a broken chain
OK = "#2e7d32"  # done, verified
HINT = "#555"  # explanations under a control
WARN_BG, WARN_BORDER = "#fff8e1", "#ffe082"  # something to read before continuing
RULE = "#ccc"  # separator lines

REQUIRED_MARK = f"<span style='color:{ERROR}'>*</span>"  # after a required field's label
HINT_STYLE = f"color:{HINT};"
ERROR_STYLE = f"color:{ERROR};"
WARN_TEXT_STYLE = "color:#e65100;"  # a warning about what was just entered (orange, not red)
OK_STYLE = f"color:{OK};"
TITLE_STYLE = "font-size: 16pt; font-weight: bold;"
HEADING_STYLE = "font-size: 13pt; font-weight: bold;"
WARN_STYLE = f"background:{WARN_BG}; border:1px solid {WARN_BORDER}; padding:8px;"
BOLD = " font-weight:bold;"


def page_title(text: str) -> QLabel:
    """A page's title (workbench, registry, settings, 数据安全 …)."""
    lab = QLabel(text)
    lab.setStyleSheet(TITLE_STYLE)
    return lab


def heading(text: str) -> QLabel:
    lab = QLabel(text)
    lab.setStyleSheet(HEADING_STYLE)
    return lab


def hint(text: str) -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setStyleSheet(HINT_STYLE)
    return lab


def error_label(text: str = "") -> QLabel:
    """A red line under a control for what is wrong with the input."""
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setStyleSheet(ERROR_STYLE)
    return lab


def list_table(name: str, headers: list[str], *, single: bool = True, elide: bool = False,
               row_height: int | None = 24) -> QTableWidget:
    """A read-only table of whole rows (review queues, import reports): no row numbers,
    columns sized to their contents, the last one stretched."""
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    if row_height is not None:
        t.verticalHeader().setDefaultSectionSize(row_height)
    if elide:
        t.setWordWrap(False)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
    hh = t.horizontalHeader()
    hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    hh.setStretchLastSection(True)
    return t


def hline() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet(f"color: {RULE};")
    return line


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons (or other widgets) in a row at their natural width, left-aligned."""
    layout = QHBoxLayout()
    for b in buttons:
        layout.addWidget(b)
    layout.addStretch(1)
    return layout


@dataclass
class Footer:
    box: QDialogButtonBox
    ok: QPushButton
    cancel: QPushButton


def footer(dialog: QDialog, ok_text: str, cancel_text: str,
           on_ok: Callable[[], object] | None = None) -> Footer:
    """A dialog's footer: the confirming button is the explicit default (Enter; while it is
    disabled Enter does nothing, it never falls through to the other button), the other one
    rejects (Esc and 取消 close the dialog). ``on_ok`` runs when the confirming button is
    pressed (else connect ``box.accepted``)."""
    box = QDialogButtonBox(dialog)  # in the dialog before setDefault: QDialog keeps it as its default
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = box.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
    ok.setObjectName("footerOk")
    cancel.setObjectName("footerCancel")
    ok.setDefault(True)
    ok.setAutoDefault(True)
    cancel.setAutoDefault(False)
    box.rejected.connect(dialog.reject)
    if on_ok is not None:
        box.accepted.connect(on_ok)
    return Footer(box, ok, cancel)


# == windows =================================================================================
FRAME_ALLOWANCE = QSize(16, 48)  # a window manager's title bar and borders, roughly
PREFERRED = QSize(1366, 768)


def fit_to_screen(window: QWidget, preferred: QSize = PREFERRED) -> None:
    """Size a window to fit the screen's free area (without the taskbar) with its frame,
    title bar and status bar on screen — at 1366×768, and at 1920×1080 with 150 % scaling
    (1280×720 logical pixels). Where the preferred size does not fit, it is maximised."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(preferred)
        return
    free = screen.availableGeometry()
    room = free.size() - FRAME_ALLOWANCE
    size = preferred.boundedTo(room)
    window.resize(size)
    window.move(free.left() + max(0, (free.width() - size.width() - FRAME_ALLOWANCE.width()) // 2),
                free.top() + max(0, (free.height() - size.height() - FRAME_ALLOWANCE.height()) // 2))
    if size != preferred:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


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
    """Where file dialogs start: a USB drive if one is plugged in, else 文档 (Documents)."""
    usb = removable_folders()
    if usb:
        return usb[0]
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


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
        self.browse.setAutoDefault(False)  # Enter stays with the dialog's default button
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
