"""No leaks from the GUI: a full session on a real store (demo children, a new child with a
rare name and ID number, a visit, an unsaved draft across a lock, the audit viewer's child
search, a PDF export to a chosen folder, backups to a USB folder, the automatic backups, quit)
with HOME, the XDG folders (log dir, data dir), TMPDIR and QSettings redirected into the test's
folder. Then every file under it — except the folder the officer chose for the PDF — is
searched for the name, the ID number and the visit note in UTF-8, GBK, UTF-16LE and UTF-16BE.
Positive control: the exported PDF does contain the name (``pdftotext``)."""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from datetime import date
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from leftbehind_desktop.core import idnumber
from leftbehind_desktop.store.backup import BACKUP_DIR, list_backups
from leftbehind_desktop.store.store import default_store_dir
from leftbehind_desktop.ui import printing
from leftbehind_desktop.ui.logs import log_dir, setup_logging
from leftbehind_desktop.ui.mainwindow import NAV_AUDIT, NAV_REGISTRY
from tests.conftest import PASSPHRASE
from tests.ui.helpers import fill, message_boxes

from .conftest import open_window, wait_jobs, wait_until

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

NAME = "郗甄璇"
ID_NUMBER = idnumber.make("210213", date(2016, 7, 9), 37, "女")
NOTE = "祖母说孩子夜里常哭醒想妈妈"
DRAFT = "草稿里写着郗家老屋东厢房"
ENCODINGS = ("utf-8", "gbk", "utf-16-le", "utf-16-be")


def needles() -> dict[bytes, str]:
    out: dict[bytes, str] = {}
    for text in (NAME, ID_NUMBER, NOTE, DRAFT):
        for enc in ENCODINGS:
            out[text.encode(enc)] = f"{text} ({enc})"
    return out


def scan(root: Path, skip: Path) -> list[str]:
    found = []
    wanted = needles()
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink() or skip in path.parents:
            continue
        data = path.read_bytes()
        for needle, what in wanted.items():
            if needle in data:
                found.append(f"{path.relative_to(root)}: {what}")
    return found


@pytest.fixture
def redirected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME, XDG folders and TMPDIR inside tmp_path/"home"; the log file there too."""
    home = tmp_path / "home"
    for sub in ("", "data", "state", "cache", "config", "tmp"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("TMPDIR", str(home / "tmp"))
    monkeypatch.delenv("LEFTBEHIND_STORE", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(home / "tmp"))
    return home


def test_a_full_gui_session_leaves_no_personal_data_in_plain_files(
        qtbot: QtBot, tmp_path: Path, redirected: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root_logger = logging.getLogger("leftbehind_desktop")
    saved = [h for h in root_logger.handlers if isinstance(h, RotatingFileHandler)]
    for h in saved:
        root_logger.removeHandler(h)
    log_file = setup_logging()
    assert redirected in log_file.parents and log_dir() == log_file.parent
    try:
        run_session(qtbot, tmp_path, redirected, monkeypatch)
    finally:
        for h in [h for h in root_logger.handlers if isinstance(h, RotatingFileHandler)]:
            root_logger.removeHandler(h)
            h.close()
        for h in saved:
            root_logger.addHandler(h)

    export = tmp_path / "export"
    # positive control: the chosen export folder has the name; the scan would see it
    [pdf] = list(export.glob("*.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert NAME in text and ID_NUMBER in text
    # and the byte scan itself finds what it looks for, in each encoding
    control = tmp_path / "control"
    control.mkdir()
    for i, enc in enumerate(ENCODINGS):
        (control / f"{i}.bin").write_bytes(b"x" + NAME.encode(enc) + ID_NUMBER.encode(enc))
    hits = scan(control, skip=export)
    assert sorted({h.split(":")[0] for h in hits}) == [f"{i}.bin" for i in range(len(ENCODINGS))]
    assert len(hits) == 2 * len(ENCODINGS)  # the name and the ID number in every file
    shutil.rmtree(control)

    assert log_file.exists() and log_file.stat().st_size > 0
    store_dir = default_store_dir()
    assert redirected in store_dir.parents
    assert len(list_backups(store_dir / BACKUP_DIR)) == 1  # daily + exit: one per day
    assert list_backups(tmp_path / "usb")
    assert list((tmp_path / "qs").rglob("*.ini")), "QSettings were written where we look"
    scanned = {p.name for p in tmp_path.rglob("*") if p.is_file() and export not in p.parents}
    assert {"registry.db", "keyslots.json", "backup.json", log_file.name} <= scanned
    assert scan(tmp_path, skip=export) == []


def run_session(qtbot: QtBot, tmp_path: Path, home: Path,
                monkeypatch: pytest.MonkeyPatch) -> None:
    store_dir = default_store_dir()
    win = open_window(qtbot, store_dir, children=20)
    for w in QApplication.topLevelWidgets():
        assert NAME not in w.windowTitle()

    form = win.new_child()
    fill(form, {"name": NAME, "id_number": ID_NUMBER, "residence": "大李家村5组8号",
                "schooling": "小学", "school_name": "大李家小学",
                "living_arrangement": "与祖辈同住"})
    form.save_button.click()
    assert not form.isVisible(), form.status.text()
    page = win.current_child()
    assert page is not None and page.file["child"]["name"] == NAME
    assert win.files.tabText(win.files.currentIndex()) == NAME  # inside the window: fine
    visit = page.act("visit")
    assert visit is not None
    fill(visit, {"findings": NOTE})
    visit.save_button.click()
    assert not visit.isVisible()

    # an unsaved edit when the screen locks: kept as an (encrypted) draft
    edit = page.act("edit")
    assert edit is not None
    fill(edit, {"residence": DRAFT})
    titles = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert titles and not any(NAME in t or ID_NUMBER in t for t in titles)
    win.lock()
    unlock = win.unlock_dialog
    assert unlock is not None
    unlock.passphrase.setText(PASSPHRASE)
    unlock.unlock_button.click()
    wait_until(lambda: win.session.is_open)
    wait_jobs()
    for dlg in win.findChildren(type(edit)):
        dlg.form.dirty = False
        dlg.reject()

    win.show_page(NAV_REGISTRY)
    win.registry.search.setText(NAME[:2])
    win.registry.apply_filter()
    win.show_page(NAV_AUDIT)
    wait_jobs()
    win.audit.child.setText(NAME)
    win.audit.apply_filter()
    wait_jobs()
    assert win.audit.table.rowCount() >= 2

    # 打印/导出PDF to a folder the officer chooses
    export = tmp_path / "export"
    export.mkdir()
    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(export / "儿童档案.pdf"), ""))
    page = win.open_child(page.child_id)
    assert page is not None
    page.buttons["print"].click()
    wait_jobs(60)
    wait_until(lambda: bool(message_boxes("pdfDone")))
    for box in message_boxes("pdfDone"):
        box.reject()

    win.settings_page.save()  # QSettings (language, font size) are written
    for box in message_boxes():
        box.accept()

    # backup to a USB stick (encrypted: scanned too)
    win.security.backups.backup_to(tmp_path / "usb")
    wait_jobs()
    for box in message_boxes():
        box.accept()
    for w in QApplication.topLevelWidgets():
        assert NAME not in w.windowTitle() and ID_NUMBER not in w.windowTitle()

    win.close()  # quit: the exit backup runs
    wait_jobs()
    assert not win.session.is_open
