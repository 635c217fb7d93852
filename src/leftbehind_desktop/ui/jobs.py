"""Long work off the GUI thread: a QThread runs a plain function, reports progress, can be
cancelled, and hands back its result (or its exception) to the GUI thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.messages import UserError
from .logs import log, log_exception

Progress = Callable[[int, int], None]
Work = Callable[[Progress, threading.Event], Any]


class Worker(QThread):
    """One job's thread. The outcome is kept on the object and handed to the GUI thread from
    the thread's ``finished`` signal, after ``wait()``: the QThread is never released (nor
    deleted) while its thread still runs (the crash "QThread: Destroyed while thread is still
    running", exit 134, when the result was delivered from inside ``run``)."""

    progressed = Signal(int, int)

    def __init__(self, work: Work, lock: threading.RLock | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._lock = lock
        self.cancel = threading.Event()
        self.background = False  # no progress dialog: quick work the user did not start
        self.result: Any = None
        self.error: BaseException | None = None
        self.discard: Callable[[Any], None] | None = None  # for a result nobody received

    def run(self) -> None:
        def progress(done: int, total: int) -> None:
            self.progressed.emit(done, total)

        try:
            if self._lock is not None:
                with self._lock:
                    self.result = self._work(progress, self.cancel)
            else:
                self.result = self._work(progress, self.cancel)
        except BaseException as exc:  # handed to the GUI thread, shown as a dialog
            if isinstance(exc, UserError):
                log.info("job: %s", exc.code)
            else:
                log_exception("job", exc)
            self.error = exc

    def drop_result(self) -> None:
        """The result will never be delivered (quit, or its window is gone): release it."""
        result, self.result = self.result, None
        if result is not None and self.discard is not None:
            try:
                self.discard(result)
            except Exception as exc:  # a failed release is logged, never shown
                log_exception("job-discard", exc)


_running: set[Worker] = set()


def _alive(obj: QObject | None) -> bool:
    return obj is None or shiboken6.isValid(obj)


def start(work: Work, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
          *, lock: threading.RLock | None = None, parent: QWidget | None = None,
          title: str = "", label: str = "", cancellable: bool = True,
          dialog: bool = True, owner: QObject | None = None,
          discard: Callable[[Any], None] | None = None) -> Worker:
    """Run ``work(progress, cancel)`` in a thread. With ``dialog``, a window-modal progress
    dialog (with 取消 when ``cancellable``) shows while it runs; the window keeps painting.

    ``on_done``/``on_error`` run on the GUI thread once the thread has finished, and only while
    ``owner`` (default: ``parent``) still exists; a result that is not delivered (the owner was
    deleted, or the program quit first) is passed to ``discard`` (e.g. to close a store)."""
    worker = Worker(work, lock)
    worker.background = not dialog
    worker.discard = discard
    _running.add(worker)
    guard = owner if owner is not None else parent
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
            if box is not None and shiboken6.isValid(box):
                box.setMaximum(max(total, 0))
                box.setValue(done)

        worker.progressed.connect(on_progress, Qt.ConnectionType.QueuedConnection)

    def finished() -> None:
        worker.wait()  # run() has returned; let the thread end before anything is released
        if worker not in _running:
            return
        _running.discard(worker)
        if box is not None and shiboken6.isValid(box):
            box.close()
            box.deleteLater()
        if not _alive(guard):
            worker.drop_result()
            return
        if worker.error is not None:
            on_error(worker.error)
        else:
            result, worker.result = worker.result, None
            on_done(result)

    worker.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
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


def cancel_all() -> None:
    for w in list(_running):
        w.cancel.set()


def wait_all(timeout_s: float | None = None, *, deliver: bool = True) -> bool:
    """Wait until every job has finished (their cancel flags are left alone). With ``deliver``
    the event loop keeps running meanwhile, so the results reach their windows; returns
    whether all finished in time."""
    end = None if timeout_s is None else time.monotonic() + timeout_s
    app = QCoreApplication.instance()
    while _running:
        if end is not None and time.monotonic() > end:
            return False
        if deliver and app is not None:
            app.processEvents()
        for w in list(_running):
            if w.wait(20):
                if not deliver:
                    _running.discard(w)
                    w.drop_result()
                break
    return True


def shutdown() -> None:
    """The program is quitting (the event loop has ended): cancel every job, wait for each
    thread to end, and release results nobody will receive. Nothing is left running for the
    interpreter's exit to destroy."""
    cancel_all()
    wait_all(deliver=False)
