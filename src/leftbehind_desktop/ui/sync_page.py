"""数据交换: the sync module's screens (``ui/sync``), built when the store is open and
shown, torn down when it locks (no personal data stays in the widgets)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from . import dialogs
from .session import Session


class SyncPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.screens: QWidget | None = None
        self.placeholder = QLabel(self.tr("数据已锁定，请先解锁。"))
        self.placeholder.setObjectName("syncText")
        self.placeholder.setWordWrap(True)
        self.box = QVBoxLayout(self)
        self.box.addWidget(self.placeholder)
        session.opened.connect(self._opened)
        session.closing.connect(self.teardown)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.build()

    def _opened(self) -> None:
        if self.isVisible():
            self.build()

    def build(self) -> QWidget | None:
        """The screens for this office's role (once per unlock)."""
        if self.screens is not None or not self.session.is_open:
            return self.screens
        from .sync import SyncScreens  # on first show: start-up stays light

        try:
            self.screens = SyncScreens(self.session)
        except Exception as exc:
            dialogs.show_error(self, exc)
            return None
        self.placeholder.hide()
        self.box.addWidget(self.screens)
        return self.screens

    def teardown(self) -> None:
        if self.screens is None:
            return
        screens, self.screens = self.screens, None
        clear = getattr(screens, "clear", None)
        if clear is not None:
            clear()
        self.box.removeWidget(screens)
        screens.hide()
        screens.deleteLater()
        self.placeholder.show()
