"""设置: idle lock, visit interval, quarter deadline (in the store); language and font size
(also in QSettings, so they apply before unlock, after a restart)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from . import dialogs, i18n
from .session import Session
from .widgets import HINT_STYLE, TITLE_STYLE, button_row


class SettingsPage(QWidget):
    saved = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.idle = self._spin("idleMinutes", 1, 240, self.tr(" 分钟"))
        self.interval = self._spin("priorityInterval", 1, 31, self.tr(" 天"))
        self.deadline = self._spin("quarterDeadline", 1, 60, self.tr(" 天"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("简体中文", "zh")
        self.language.addItem("English", "en")
        self.font_size = QComboBox()
        self.font_size.setObjectName("fontSize")
        for text, key in ((self.tr("标准"), "normal"), (self.tr("较大"), "large"),
                          (self.tr("特大"), "xlarge")):
            self.font_size.addItem(text, key)
        self.location = QLabel()
        self.location.setObjectName("storeLocation")
        self.location.setWordWrap(True)

        work = QGroupBox(self.tr("工作规则"))
        wf = QFormLayout(work)
        wf.addRow(self.tr("无操作自动锁定"), self.idle)
        wf.addRow(self.tr("重点对象走访间隔"), self.interval)
        wf.addRow(self.tr("季度数据包截止（季度结束后）"), self.deadline)
        look = QGroupBox(self.tr("界面"))
        lf = QFormLayout(look)
        lf.addRow(self.tr("语言（重新启动后生效）"), self.language)
        lf.addRow(self.tr("字体大小"), self.font_size)
        where = QGroupBox(self.tr("数据库"))
        df = QFormLayout(where)
        df.addRow(self.tr("存放位置"), self.location)
        security_hint = QLabel(self.tr("修改密码、更换数据密钥、托管和备份与恢复：请到左侧“数据安全”。"))
        security_hint.setObjectName("securityHint")
        security_hint.setStyleSheet(HINT_STYLE)
        df.addRow("", security_hint)
        save = QPushButton(self.tr("保存设置"))
        save.setObjectName("saveSettings")
        save.clicked.connect(self.save)
        row = button_row(save)
        title = QLabel(self.tr("设置"))
        title.setStyleSheet(TITLE_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(work)
        layout.addWidget(look)
        layout.addWidget(where)
        layout.addLayout(row)
        layout.addStretch(1)

    def _spin(self, name: str, lo: int, hi: int, suffix: str) -> QSpinBox:
        s = QSpinBox()
        s.setObjectName(name)
        s.setRange(lo, hi)
        s.setSuffix(suffix)
        return s

    def load(self) -> None:
        store = self.session.store
        self.idle.setValue(store.int_setting("idle_lock_minutes", 10))
        self.interval.setValue(store.int_setting("priority_interval_days", 14))
        self.deadline.setValue(store.int_setting("quarter_deadline_days", 10))
        self.language.setCurrentIndex(max(0, self.language.findData(
            store.setting("language") or i18n.saved_lang())))
        self.font_size.setCurrentIndex(max(0, self.font_size.findData(i18n.saved_font_size())))
        self.location.setText(str(self.session.store_dir))

    def save(self) -> None:
        lang = str(self.language.currentData())
        size = str(self.font_size.currentData())
        try:
            with self.session.lock:
                store = self.session.store
                with store.transaction() as audit:
                    store.set_setting("idle_lock_minutes", str(self.idle.value()), audit)
                    store.set_setting("priority_interval_days", str(self.interval.value()), audit)
                    store.set_setting("quarter_deadline_days", str(self.deadline.value()), audit)
                    store.set_setting("language", lang, audit)
                    store.set_setting("font_size", size, audit)
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        changed_lang = lang != i18n.saved_lang()
        i18n.save_lang(lang)
        i18n.save_font_size(size)
        self.saved.emit()
        text = self.tr("设置已保存。")
        if changed_lang:
            text += self.tr("界面语言将在重新启动程序后生效。")
        dialogs.info(self, self.tr("设置"), text)
