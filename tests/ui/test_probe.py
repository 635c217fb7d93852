"""The real-window tests' accessibility aid (``ui/probe.py``) answers over a Unix-domain
socket and writes nothing to disk: the widget texts it hands out (a child's name on screen)
exist only in the reply."""

from __future__ import annotations

import json
import socket
import stat
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from leftbehind_desktop.ui import probe

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
NAME = "李思雨"


def ask(path: Path, request: bytes, out: list[bytes]) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(10)
        sock.connect(str(path))
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(4096):
            chunks.append(chunk)
    out.append(b"".join(chunks))


def asked(qtbot: QtBot, path: Path, request: bytes) -> bytes:
    out: list[bytes] = []
    t = threading.Thread(target=ask, args=(path, request, out))
    t.start()
    qtbot.waitUntil(lambda: not t.is_alive(), timeout=10000)  # the GUI thread answers meanwhile
    return out[0]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix-domain sockets only (the tests' Linux)")
def test_probe_answers_over_its_socket_and_writes_nothing(qtbot: QtBot, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    folder = tmp_path / "probe"
    folder.mkdir()
    sock_path = folder / "ui.sock"
    monkeypatch.setenv(probe.ENV, str(sock_path))
    win = QWidget()
    win.setWindowTitle("儿童档案")
    layout = QVBoxLayout(win)
    layout.addWidget(QLabel(NAME))
    secret = QLineEdit("my passphrase")
    secret.setEchoMode(QLineEdit.EchoMode.Password)
    layout.addWidget(secret)
    qtbot.addWidget(win)
    win.show()
    p = probe.install(app)
    assert p is not None
    try:
        assert stat.S_ISSOCK(sock_path.stat().st_mode)
        assert stat.S_IMODE(sock_path.stat().st_mode) == 0o600  # the owner only
        data = json.loads(asked(qtbot, sock_path, probe.REQUEST).decode("utf-8"))
        win_info = next(w for w in data["windows"] if w["title"] == "儿童档案")
        texts = [w.get("text") for w in win_info["widgets"]]
        assert NAME in texts and "my passphrase" not in texts
        assert asked(qtbot, sock_path, b"cat /etc/passwd\n") == b""  # not a request: no answer
        # nothing but the socket node: no file holds the name
        assert [f.name for f in folder.iterdir()] == ["ui.sock"]
        for f in tmp_path.rglob("*"):
            assert not f.is_file() or NAME.encode() not in f.read_bytes(), f
    finally:
        p.close()
        p.deleteLater()
    assert not sock_path.exists()  # removed when the program quits


def test_without_the_variable_nothing_listens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(probe.ENV, raising=False)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert probe.install(app) is None
