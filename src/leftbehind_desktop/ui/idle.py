"""Auto-lock after idle: an event filter on the QApplication notes user input; a timer
checks how long it has been quiet."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                          QEvent.Type.MouseMove, QEvent.Type.Wheel,
                          QEvent.Type.InputMethod, QEvent.Type.TouchBegin})


class IdleWatcher(QObject):
    def __init__(self, on_idle: Callable[[], None], minutes: Callable[[], int],
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self._on_idle = on_idle
        self._minutes = minutes
        self._clock = clock
        self.last_input = clock()
        self.enabled = False
        self.timer = QTimer(self)
        self.timer.setInterval(5000)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.last_input = self._clock()
        return False

    def reset(self) -> None:
        self.last_input = self._clock()

    def check(self) -> None:
        if self.enabled and self._clock() - self.last_input >= self._minutes() * 60:
            self.reset()
            self._on_idle()
