"""关于（About）: version, build date, where the data lives, licences of bundled components.

The build date and commit come from ``leftbehind_desktop/_build_info.py``, which
``packaging/leftbehind.spec`` generates for a frozen build; a source checkout has none and
shows 开发版本 (development build). The licences are ``resources/licenses.txt`` (regenerated
for each bundle by ``packaging/buildmeta.py``).

Wiring (main window's 帮助 menu)::

    about = QAction(self.tr("关于"), self)
    about.triggered.connect(lambda: AboutDialog(self, store_dir=self.session.store_dir).exec())
"""

from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .. import __version__

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
LICENSES = RESOURCES / "licenses.txt"
ICON = RESOURCES / "icons" / "leftbehind-desktop.png"


def build_info() -> dict[str, str]:
    """``{"build_date": ..., "commit": ...}`` of a frozen build; empty in a source checkout."""
    try:
        mod = importlib.import_module("leftbehind_desktop._build_info")
    except ImportError:
        return {}
    return {key.lower(): str(getattr(mod, key)) for key in ("BUILD_DATE", "COMMIT", "PLATFORM")
            if getattr(mod, key, "")}


def licenses_text() -> str:
    try:
        return LICENSES.read_text("utf-8")
    except OSError:
        return ""


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, store_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("关于"))
        self.resize(640, 520)
        info = build_info()

        title = QLabel(self.tr("农村留守儿童信息台账（离线版）"))
        title.setObjectName("aboutTitle")
        font = QFont(title.font())
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        title.setFont(font)

        lines = [self.tr("版本：%1").replace("%1", __version__)]
        if info.get("build_date"):
            lines.append(self.tr("构建日期：%1").replace("%1", info["build_date"]))
            if info.get("commit"):
                lines.append(self.tr("源代码版本：%1").replace("%1", info["commit"]))
        else:
            lines.append(self.tr("构建日期：%1").replace("%1", self.tr("开发版本")))
        if store_dir is not None:
            lines.append(self.tr("数据保存位置：%1").replace("%1", str(store_dir)))
        lines.append(self.tr("本程序以 GPL-3.0-or-later 许可证发布。"))
        self.details = QLabel("\n".join(lines))
        self.details.setObjectName("aboutDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        head = QHBoxLayout()
        icon = QPixmap(str(ICON)) if ICON.is_file() else QPixmap()
        if not icon.isNull():
            pic = QLabel()
            pic.setPixmap(icon.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation))
            head.addWidget(pic, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(self.details)
        text.addStretch(1)
        head.addLayout(text, 1)

        self.licenses = QPlainTextEdit()
        self.licenses.setObjectName("aboutLicenses")
        self.licenses.setReadOnly(True)
        self.licenses.setPlainText(licenses_text() or self.tr("找不到许可证清单（resources/licenses.txt）。"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("关闭"))
            close.setDefault(True)  # Enter and Esc both close

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(QLabel(self.tr("随附组件及其许可证：")))
        layout.addWidget(self.licenses, 1)
        layout.addWidget(buttons)
