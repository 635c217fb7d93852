"""数据安全: backups and restore on the left, passphrase and keys on the right."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..session import Session
from ..widgets import TITLE_STYLE
from .backups import BackupPanel
from .keys import KeysPanel

if TYPE_CHECKING:
    from ...store.keyslots import KdfParams
    from ...store.store import Store


class SecurityPage(QWidget):
    def __init__(self, session: Session, *, kdf: KdfParams | None,
                 close_store: Callable[[], None], reopen: Callable[[Store], None],
                 reopen_failed: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("securityPage")
        self.session = session
        title = QLabel(self.tr("数据安全"))
        title.setStyleSheet(TITLE_STYLE)
        self.backups = BackupPanel(session, close_store, reopen, reopen_failed)
        self.keys = KeysPanel(session, kdf)
        cols = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.backups)
        left.addStretch(1)
        cols.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(self.keys)
        right.addStretch(1)
        cols.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(cols, 1)

    def load(self) -> None:
        self.backups.load()
        self.keys.load()

    def clear(self) -> None:
        self.backups.clear()
