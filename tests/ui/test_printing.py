"""打印/导出PDF from the GUI: the exports module runs in a worker with progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.ui import jobs, printing
from leftbehind_desktop.ui.session import Session

from .conftest import wait_until

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_export_selected_children(qtbot: QtBot, demo_registry: Registry, tmp_path: Path) -> None:
    assert printing.available()
    session = Session(tmp_path)
    session._store, session._registry = demo_registry.store, demo_registry
    ids = demo_registry.child_ids(limit=2)
    done: list[list[Path]] = []
    progress: list[tuple[int, int]] = []
    worker = printing.export_pdf(None, session, ids, tmp_path / "档案.pdf", combined=True,
                                 on_done=done.append, show_dialog=False)
    assert worker is not None
    worker.progressed.connect(lambda a, b: progress.append((a, b)))
    wait_until(lambda: bool(done) and not jobs.running(include_background=True), 60)
    assert done[0] == [tmp_path / "档案.pdf"]
    assert (tmp_path / "档案.pdf").read_bytes().startswith(b"%PDF")
    actions = [h["action"] for h in demo_registry.history(ids[0])]
    assert any("print" in a for a in actions)
    session._store = session._registry = None
