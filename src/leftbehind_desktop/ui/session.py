"""The unlocked store as the widgets see it: one Store, one Registry, one lock.

The SQLite connection is opened with ``check_same_thread=False`` so a worker thread can open
it and hand it over, but only one thread uses it at a time: every user takes ``lock``.
Widgets keep a reference to the Session, which outlives lock/unlock cycles.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..core.messages import UserError

if TYPE_CHECKING:  # imported when a store is attached: keeps start-up light
    from ..store.registry import Registry
    from ..store.store import Store


class Session(QObject):
    opened = Signal()
    closing = Signal()
    closed = Signal()
    data_changed = Signal(str)  # child id ("" for many)

    def __init__(self, store_dir: Path, *, demo: bool = False,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.store_dir = store_dir
        self.demo = demo
        self.today = today
        self.lock = threading.RLock()
        self._store: Store | None = None
        self._registry: Registry | None = None
        self.busy = False  # a background job holds the store

    @property
    def is_open(self) -> bool:
        return self._store is not None

    @property
    def store(self) -> Store:
        if self._store is None:
            raise UserError("locked", "数据已锁定，请先解锁", "The data is locked; unlock first")
        return self._store

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            raise UserError("locked", "数据已锁定，请先解锁", "The data is locked; unlock first")
        return self._registry

    def attach(self, store: Store) -> None:
        from ..store.registry import Registry

        with self.lock:
            self._store = store
            self._registry = Registry(store, today=self.today)
        self.opened.emit()

    def close(self) -> None:
        if self._store is None:
            return
        self.closing.emit()
        with self.lock:
            store, self._store, self._registry = self._store, None, None
            store.close()
        self.closed.emit()

    def changed(self, child_id: str = "") -> None:
        self.data_changed.emit(child_id)
