"""The real-window tests' accessibility aid (``ui/probe.py``) answers over a Unix-domain
socket and writes nothing to disk: the widget texts it hands out (a child's name on screen)
exist only in the reply."""

from __future__ import annotations

import json
import secrets
import socket
import stat
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from leftbehind_desktop.ui import probe
from tests.realwin.xsession import ask_probe

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
NAME = "李思雨"


def asked(qtbot: QtBot, address: str, request: bytes | None = None) -> str:
    """The reply, asked from another thread (as the tests' own client does) while the GUI
    thread runs its event loop and answers."""
    out: list[str] = []

    def run() -> None:
        if request is None:
            out.append(ask_probe(address, 10))
            return
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:  # a foreign request
            sock.settimeout(10)
            sock.connect(address)
            sock.sendall(request)
            out.append(sock.recv(4096).decode())

    t = threading.Thread(target=run)
    t.start()
    qtbot.waitUntil(lambda: not t.is_alive(), timeout=10000)
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
        data = json.loads(asked(qtbot, str(sock_path)))
        win_info = next(w for w in data["windows"] if w["title"] == "儿童档案")
        texts = [w.get("text") for w in win_info["widgets"]]
        assert NAME in texts and "my passphrase" not in texts
        assert asked(qtbot, str(sock_path), b"cat /etc/passwd\n") == ""  # not a request: no answer
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


def test_a_path_it_cannot_listen_on_is_a_warning_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(probe.ENV, str(tmp_path / "no such folder" / "ui.sock"))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert probe.install(app) is None
    assert "ignored" in caplog.text


def test_over_tcp_loopback_only_the_token_gets_an_answer(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Windows form (``tcp:<port>:<token>``, for the install test under Wine)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    monkeypatch.setenv(probe.ENV, f"tcp:{port}:{token}")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    win = QLabel(NAME)
    win.setWindowTitle("儿童档案")
    qtbot.addWidget(win)
    win.show()
    p = probe.install(app)
    assert p is not None
    try:
        assert p.server.getsockname()[0] == "127.0.0.1"  # loopback only
        assert asked(qtbot, f"tcp:{port}:{'0' * 32}") == ""  # a wrong token: nothing
        data = json.loads(asked(qtbot, f"tcp:{port}:{token}"))
        assert any(w.get("text") == NAME for win_ in data["windows"] for w in win_["widgets"])
    finally:
        p.close()
        p.deleteLater()
