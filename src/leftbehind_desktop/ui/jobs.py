"""Long work off the GUI thread: a QThread runs a plain function, reports progress, can be
cancelled, and hands back its result (or its exception) to the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.messages import UserError
from .logs import log, log_exception

Progress = Callable[[int, int], None]
Work = Callable[[Progress, threading.Event], Any]


class Worker(QThread):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, lock: threading.RLock | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._lock = lock
        self.cancel = threading.Event()
        self.background = False  # no progress dialog: quick work the user did not start

    def run(self) -> None:
        def progress(done: int, total: int) -> None:
            self.progressed.emit(done, total)

        try:
            if self._lock is not None:
                with self._lock:
                    result = self._work(progress, self.cancel)
            else:
                result = self._work(progress, self.cancel)
        except BaseException as exc:  # handed to the GUI thread, shown as a dialog
            if isinstance(exc, UserError):
                log.info("job: %s", exc.code)
            else:
                log_exception("job", exc)
            self.failed.emit(exc)
            return
        self.succeeded.emit(result)


_running: set[Worker] = set()


def start(work: Work, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
          *, lock: threading.RLock | None = None, parent: QWidget | None = None,
          title: str = "", label: str = "", cancellable: bool = True,
          dialog: bool = True) -> Worker:
    """Run ``work(progress, cancel)`` in a thread. With ``dialog``, a window-modal progress
    dialog (with 取消 when ``cancellable``) shows while it runs; the window keeps painting."""
    worker = Worker(work, lock)
    worker.background = not dialog
    _running.add(worker)
    box: QProgressDialog | None = None
    if dialog:
        box = QProgressDialog(label, QCoreApplication.translate("jobs", "取消") if cancellable else "", 0, 0, parent)
        box.setWindowTitle(title)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setMinimumDuration(300)
        box.setAutoClose(False)
        box.setAutoReset(False)
        if not cancellable:
            box.setCancelButton(None)
        box.canceled.connect(worker.cancel.set)

        def on_progress(done: int, total: int) -> None:
            assert box is not None
            box.setMaximum(max(total, 0))
            box.setValue(done)

        worker.progressed.connect(on_progress)

    def finish() -> None:
        _running.discard(worker)
        if box is not None:
            box.close()
            box.deleteLater()
        worker.deleteLater()

    def ok(result: object) -> None:
        finish()
        on_done(result)

    def bad(exc: object) -> None:
        finish()
        assert isinstance(exc, BaseException)
        on_error(exc)

    worker.succeeded.connect(ok)
    worker.failed.connect(bad)
    worker.start()
    return worker


def running(include_background: bool = False) -> int:
    """Jobs in progress (by default only those the user started, with a progress dialog)."""
    return sum(1 for w in _running if include_background or not w.background)


def wait_background(timeout_ms: int = 10_000) -> None:
    """Let quick background jobs finish (before the store closes)."""
    for w in list(_running):
        if w.background:
            w.wait(timeout_ms)
