"""数据交换: the sync module's screens live here once it has a GUI."""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .session import Session


def sync_gui_available() -> bool:
    try:
        importlib.import_module("leftbehind_desktop.ui.exchange")
    except ImportError:
        return False
    return True


class ExchangePage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        title = QLabel(self.tr("数据交换"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        text = QLabel(self.tr(
            "季度数据包的导出（上报到街道）、导入（街道、区接收下级数据）和设备登记由同步模块提供，"
            "其界面尚未接入本程序。\n\n目前可以使用命令行工具 leftbehind 完成这些操作。"))
        text.setObjectName("exchangeText")
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addStretch(1)
