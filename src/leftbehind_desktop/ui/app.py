"""The desktop app's entry point: ``leftbehind-desktop`` / ``python -m leftbehind_desktop.ui.app``.

    leftbehind-desktop                 the store in the user's data folder
    leftbehind-desktop --store DIR     another store
    leftbehind-desktop --demo          a demo store filled with synthetic children (演示数据)
    leftbehind-desktop --lang en       English UI (default: Simplified Chinese)

No store yet → first-run wizard; otherwise the unlock dialog.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from .. import __version__
from ..core.console import make_streams_safe
from ..store.location import default_store_dir, store_exists
from . import dialogs, i18n, jobs
from .logs import excepthook, log, setup_logging
from .session import Session
from .unlock import UnlockDialog

if TYPE_CHECKING:  # heavy modules load after the first dialog is up (DESIGN §9: ≤ 1 s)
    from ..store.keyslots import KdfParams
    from ..store.store import Store
    from .firstrun import FirstRunWizard
    from .mainwindow import MainWindow

HEAVY_MODULES = ("leftbehind_desktop.store.store", "leftbehind_desktop.ui.mainwindow")


_PRELOADS: list[threading.Thread] = []


def preload() -> threading.Thread:
    """Import the store layer and the main window in the background while the officer types.

    :func:`main` joins it before the interpreter shuts down: a daemon thread still importing
    extension modules while Python finalises can crash the process on exit."""

    def run() -> None:
        for name in HEAVY_MODULES:
            importlib.import_module(name)

    t = threading.Thread(target=run, name="preload", daemon=True)
    _PRELOADS.append(t)
    t.start()
    return t


def join_preloads(timeout: float = 30.0) -> None:
    for t in _PRELOADS:
        t.join(timeout)
    _PRELOADS.clear()

DEMO_PASSPHRASE = "demo-演示密码"
STARTUP_PROBE = "LEFTBEHIND_STARTUP_PROBE"
DEMO_CHILDREN = 300
DEMO_UNIT = ("210213024200", "大李家村（演示）", "演示信息员")  # 大李家街道 大李家村委会


def build_demo(directory: Path, children: int = DEMO_CHILDREN,
               progress: jobs.Progress | None = None,
               cancel: threading.Event | None = None) -> Store:
    """A demo store of ``children`` synthetic children (core.demo), opened."""
    from ..core import demo
    from ..store.keyslots import KdfParams
    from ..store.registry import Registry
    from ..store.store import Store

    code, name, officer = DEMO_UNIT
    store, _ = Store.init(directory, DEMO_PASSPHRASE, role="village", unit_code=code,
                          unit_name=name, officer=officer, kdf=KdfParams.fast())
    try:
        reg = Registry(store)
        reg.add_demo_units(demo.demo_units(code) + demo.street_units(code))
        done = 0
        for batch in demo.generate(code, children, seed=2017, device_id=store.device_id):
            if cancel is not None and cancel.is_set():
                break
            reg.bulk_insert(batch.records, action="record.demo")
            done += len(batch.records.get("child", []))
            if progress is not None:
                progress(done, children)
        store.set_setting("demo", "1")
    except BaseException:
        store.close()
        raise
    return store


class AppController(QObject):
    """Decides what comes first (wizard, unlock, demo) and owns the main window."""

    ready = Signal()  # the main window shows an open store

    def __init__(self, store_dir: Path, *, demo_mode: bool = False,
                 kdf: KdfParams | None = None, demo_children: int = DEMO_CHILDREN) -> None:
        super().__init__()
        self.store_dir = store_dir
        self.demo_mode = demo_mode
        self.kdf = kdf
        self.demo_children = demo_children
        self._demo_tmp: str | None = None
        self.session = Session(store_dir, demo=demo_mode)
        self.window: MainWindow | None = None
        self.wizard: FirstRunWizard | None = None
        self.unlock: UnlockDialog | None = None
        self._retired: list[QObject] = []  # dialogs done with, deleted by the event loop
        self.started_at = time.perf_counter()

    def _window(self) -> MainWindow:
        from .mainwindow import MainWindow

        if self.window is None:
            hint = (QCoreApplication.translate("App", "演示数据库的密码是：") + DEMO_PASSPHRASE
                    if self.demo_mode else "")
            self.window = MainWindow(self.session, kdf=self.kdf, unlock_hint=hint,
                                     on_quit=self.cleanup)
        return self.window

    def start(self) -> None:
        if self.demo_mode:
            self._start_demo()
        elif not store_exists(self.store_dir):
            from .firstrun import FirstRunWizard

            self.wizard = FirstRunWizard(self.store_dir, self.kdf)
            self.wizard.created.connect(self._opened)
            self.wizard.rejected.connect(self._quit)
            self.wizard.show()
        else:
            self.unlock = UnlockDialog(self.store_dir, kdf=self.kdf)
            self.unlock.unlocked.connect(self._opened)
            self.unlock.rejected.connect(self._quit)
            self.unlock.show()
            preload()
            log.info("unlock dialog shown after %.3f s", time.perf_counter() - self.started_at)
            if os.environ.get(STARTUP_PROBE):
                # bench/bench_startup.py: report the wall-clock time the dialog is up, then quit
                QTimer.singleShot(0, self._probe)

    def _probe(self) -> None:
        print(f"unlock-shown {time.time():.6f}", flush=True)
        self._quit()

    def _start_demo(self) -> None:
        self._demo_tmp = tempfile.mkdtemp(prefix="leftbehind-demo-")
        directory = Path(self._demo_tmp) / "store"
        self.session.store_dir = directory
        self.store_dir = directory
        n = self.demo_children
        window = self._window()
        window.show()

        def work(progress: jobs.Progress, cancel: threading.Event) -> Store:
            return build_demo(directory, n, progress, cancel)

        jobs.start(work, self._opened, self._failed_start, parent=window,
                   title=QCoreApplication.translate("App", "演示数据"),
                   label=QCoreApplication.translate("App", "正在生成演示数据……"))

    def _failed_start(self, exc: BaseException) -> None:
        box = dialogs.show_error(self.window, exc)
        box.finished.connect(lambda _r: self._quit())

    def _opened(self, store: Any) -> None:
        self.session.attach(store)
        window = self._window()
        window.show()
        window.start()
        # this runs inside the dialog's own accept(): dropping the last reference here would
        # delete it under its caller; it is deleted by the event loop instead
        for dlg in (self.wizard, self.unlock):
            if dlg is not None:
                self._retired.append(dlg)
                dlg.deleteLater()
        self.wizard = None
        self.unlock = None
        log.info("registry ready")
        self.ready.emit()

    def _quit(self) -> None:
        self.cleanup()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def cleanup(self) -> None:
        if self.session.is_open and not self.demo_mode:
            # quit without the window's close (e.g. the session ends): still back up
            from .security.backups import exit_backup

            exit_backup(self.session)
        self.session.close()
        if self._demo_tmp:
            shutil.rmtree(self._demo_tmp, ignore_errors=True)
            self._demo_tmp = None


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="leftbehind-desktop",
                                description="农村留守儿童信息台账 / Left-behind children registry")
    p.add_argument("--store", type=Path, help="数据库目录 / store directory")
    p.add_argument("--demo", action="store_true", help="打开演示数据库 / open a demo store")
    p.add_argument("--lang", choices=i18n.LANGS, help="界面语言 / UI language (zh, en)")
    p.add_argument("--version", action="version", version=f"leftbehind-desktop {__version__}")
    return p.parse_known_args(list(argv))[0]


def make_app(argv: Sequence[str], lang: str | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setApplicationName("leftbehind-desktop")
    app.setOrganizationName("leftbehind-desktop")
    chosen = lang or i18n.saved_lang()
    i18n.set_current(chosen)
    i18n.install_translators(app, chosen)
    i18n.apply_font_size(app, i18n.saved_font_size())
    return app


def main(argv: Sequence[str] | None = None) -> int:
    make_streams_safe()
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])
    setup_logging()
    sys.excepthook = excepthook
    app = make_app(argv, args.lang)
    if os.environ.get("LEFTBEHIND_UI_PROBE"):  # the real-window tests' aid (ui/probe.py)
        from . import probe

        probe.install(app)
    controller = AppController(args.store or default_store_dir(), demo_mode=args.demo)
    controller.start()
    code = app.exec()
    jobs.shutdown()  # no thread is left running (or its QThread destroyed) at exit
    controller.cleanup()
    join_preloads()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
