"""Render every main screen offscreen to PNG (1366×768) for review and the user guide.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tools.screenshots [OUT_DIR] [--lang en]

Screens: first-run pages, unlock, workbench, registry (demo data), child file tabs, each form,
导出与打印 (ledger, batch print), 数据安全 (audit viewer, backups and keys, rekey).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from leftbehind_desktop.core.forms import FORM_IDS
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.store import Store
from leftbehind_desktop.ui.app import DEMO_PASSPHRASE, build_demo, make_app
from leftbehind_desktop.ui.export_dialogs import BatchPrintDialog, LedgerDialog
from leftbehind_desktop.ui.firstrun import FirstRunWizard
from leftbehind_desktop.ui.formdialog import FormDialog
from leftbehind_desktop.ui.mainwindow import NAV_REGISTRY, NAV_SETTINGS, NAV_WORKBENCH, MainWindow
from leftbehind_desktop.ui.session import Session
from tools import screenshots_security as security_shots

SIZE = (1366, 768)


def wait(cond: Callable[[], bool], timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not cond() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def grab(w: QWidget, out: Path, name: str) -> Path:
    settle()
    path = out / f"{name}.png"
    w.grab().save(str(path))
    return path


def export_shots(window: MainWindow, out: Path, tmp: Path) -> list[Path]:
    """导出与打印: the ledger dialog after an export, the batch-print dialog before one."""
    shots: list[Path] = []
    ledger = window._open_export_dialog("ledger")
    assert isinstance(ledger, LedgerDialog)
    for box in ledger.copies.values():
        box.setChecked(True)
    ledger.folder.set_path(tmp / "台账")
    ledger.export_button.click()
    wait(lambda: ledger.outcome is not None, 120)
    shots.append(grab(ledger, out, "export-ledger"))
    ledger.close()
    batch = window._open_export_dialog("print")
    assert isinstance(batch, BatchPrintDialog)
    batch.folder.set_path(tmp / "打印")
    shots.append(grab(batch, out, "export-batch-print"))
    batch.close()
    settle()
    return shots


def render_all(out: Path, children: int = 300) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    tmp = Path(tempfile.mkdtemp(prefix="lb-screens-"))

    wizard = FirstRunWizard(tmp / "new", KdfParams.fast())
    wizard.resize(720, 520)
    wizard.show()
    shots.append(grab(wizard, out, "firstrun-1-role"))
    wizard.next()
    wizard.unit_page.code.setText("210213024200")
    wizard.unit_page.name.setText("大李家村")
    wizard.unit_page.officer.setText("刘淑华")
    shots.append(grab(wizard, out, "firstrun-2-unit"))
    wizard.next()
    wizard.pass_page.passphrase.setText("春天来了 大李家 2026")
    wizard.pass_page.confirm.setText("春天来了 大李家 2026")
    shots.append(grab(wizard, out, "firstrun-3-passphrase"))
    wizard.next()
    shots.append(grab(wizard, out, "firstrun-4-recovery"))
    if wizard.store is not None:
        wizard.store.close()
    wizard.hide()
    wizard.deleteLater()

    store = build_demo(tmp / "demo", children)
    session = Session(tmp / "demo", demo=True)
    session.attach(store)
    window = MainWindow(session, kdf=KdfParams.fast(),
                        unlock_hint="演示数据库的密码是：" + DEMO_PASSPHRASE)
    window.resize(*SIZE)
    window.show()
    window.start()
    wait(lambda: window.workbench.workbench is not None)
    window.show_page(NAV_WORKBENCH)
    shots.append(grab(window, out, "workbench"))
    window.show_page(NAV_REGISTRY)
    shots.append(grab(window, out, "registry"))
    window.registry.search.setText("zh")
    window.registry.apply_filter()
    shots.append(grab(window, out, "registry-search"))
    window.registry.search.setText("")
    window.registry.apply_filter()

    prio = window.workbench.workbench.priority if window.workbench.workbench else []
    cid = prio[0]["child_id"] if prio else window.registry.model.ids[0]
    page = window.open_child(cid)
    assert page is not None
    names = ["basic", "family", "visits", "flags", "reports", "assessment", "pairing", "history"]
    for i, name in enumerate(names):
        page.tabs.setCurrentIndex(i)
        shots.append(grab(window, out, f"childfile-{name}"))
    page.tabs.setCurrentIndex(0)

    for kind in FORM_IDS:
        if kind == "child":
            dlg: FormDialog = window.new_child()
        else:
            action = page.act(kind)
            assert action is not None
            dlg = action
        dlg.resize(940, 640)
        shots.append(grab(dlg, out, f"form-{kind}"))
        if kind == "child":
            # inline validation as typed: a wrong ID number
            dlg.form.set_field("name", "王小红")
            dlg.form.set_field("id_number", "210213201503041253")
            dlg.form.rows["id_number"].touched = True
            dlg.form.set_field("health", "残疾")
            shots.append(grab(dlg, out, "form-child-validation"))
        dlg.form.dirty = False
        dlg.reject()
        settle()

    shots.extend(export_shots(window, out, tmp))
    window.show_page(NAV_SETTINGS)
    shots.append(grab(window, out, "settings"))
    shots.extend(security_shots.render(window, out, grab, DEMO_PASSPHRASE))
    window.show_page(NAV_WORKBENCH)
    window.lock()
    dlg_unlock = window.unlock_dialog
    assert dlg_unlock is not None
    shots.append(grab(window, out, "locked"))
    shots.append(grab(dlg_unlock, out, "unlock"))
    dlg_unlock.stack.setCurrentIndex(1)
    shots.append(grab(dlg_unlock, out, "unlock-recovery"))
    dlg_unlock.stack.setCurrentIndex(0)
    dlg_unlock.hide()
    window.hide()
    Store.exists(tmp)  # nothing else to close: the session is locked
    return shots


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    lang = "zh"
    if "--lang" in args:
        i = args.index("--lang")
        lang = args[i + 1]
        del args[i:i + 2]
    out = Path(args[0]) if args else Path("build/screens")
    make_app(["screenshots"], lang)
    for p in render_all(out):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
