"""A small accessibility aid for the real-window tests (``tests/realwin``), OFF by default.

With ``LEFTBEHIND_UI_PROBE=<path>`` in the environment, the program listens on a Unix-domain
socket at that path (the test puts it in a private temporary folder; the socket node is made
readable and writable by its owner only). A client connects, sends one line (``describe``)
and reads, until the program closes the connection, a JSON description of the visible
windows: for each widget its class, object name, on-screen rectangle in X pixels, whether it
is enabled and has the keyboard focus, and the text a screen reader would read (button and
label texts, window titles, tab and list items; never the text of a password field).
This is what an AT-SPI client would see; the tests still drive the program only through
real X input events (keyboard, mouse, clipboard) and read the screen back as screenshots.

The answer goes over the socket only: the program writes nothing to disk for it (the socket
node itself holds no data). Without the variable nothing is installed and nothing listens.

On Windows (the install test runs the frozen program under Wine), which has no Unix-domain
sockets for Python, ``LEFTBEHIND_UI_PROBE=tcp:<port>:<token>`` listens on 127.0.0.1 only and
answers only the line ``describe <token>`` (at least 16 characters, chosen at random by the
test and passed in the environment, so another local user cannot read the screen through it).

Python's own ``socket`` with a ``QSocketNotifier`` rather than ``QLocalServer``: the frozen
bundle leaves QtNetwork out (``packaging/leftbehind.spec``) and the bundle tier runs the same
journey. Where it cannot listen, :func:`install` logs a warning and installs nothing.
The client side is ``tests/realwin/xsession.py``'s :func:`ask_probe`.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from functools import partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QPoint, QSocketNotifier, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from . import jobs

log = logging.getLogger(__name__)
ENV = "LEFTBEHIND_UI_PROBE"
REQUEST = b"describe\n"
MAX_REQUEST = 256
CELL_ROWS = 20  # table rows described


def _text(w: QWidget) -> dict[str, Any]:
    info: dict[str, Any] = {}
    if isinstance(w, QAbstractButton):
        info["text"] = w.text()
        if w.isCheckable():
            info["checked"] = w.isChecked()
    elif isinstance(w, QLabel):
        info["text"] = w.text()
    elif isinstance(w, QLineEdit):
        info["text"] = "" if w.echoMode() != QLineEdit.EchoMode.Normal else w.text()
        info["read_only"] = w.isReadOnly()
    elif isinstance(w, QPlainTextEdit):
        info["text"] = w.toPlainText()
    elif isinstance(w, QAbstractSpinBox):  # dates
        info["text"] = w.text()
    elif isinstance(w, QComboBox):
        info["text"] = w.currentText()
        info["index"] = w.currentIndex()
        info["items"] = [w.itemText(i) for i in range(w.count())]
        info["combo"] = True
    elif isinstance(w, QTabBar):
        info["items"] = [w.tabText(i) for i in range(w.count())]
        info["index"] = w.currentIndex()
        info["item_rects"] = [_rect(w, w.tabRect(i).topLeft(), w.tabRect(i).width(),
                                    w.tabRect(i).height()) for i in range(w.count())]
    items = getattr(w, "probe_items", None)  # a chart's bars (ui/charts.py): label and rectangle
    if callable(items):
        bars = items()
        info["items"] = [label for label, _ in bars]
        info["item_rects"] = [_rect(w, r.topLeft(), r.width(), r.height()) for _, r in bars]
    proxy = w.focusProxy()
    if "text" not in info and isinstance(proxy, QLineEdit | QAbstractSpinBox):
        info["text"] = proxy.text()  # a compound editor (date field): its text box speaks
    if isinstance(w, QMenuBar | QMenu):  # menu titles / entries and where they are
        acts = [a for a in w.actions() if a.isVisible() and not a.isSeparator()]
        info["items"] = [a.text() for a in acts]
        info["item_rects"] = [_rect(w, w.actionGeometry(a).topLeft(), w.actionGeometry(a).width(),
                                    w.actionGeometry(a).height()) for a in acts]
    if isinstance(w, QListWidget):
        info["items"] = [w.item(i).text() for i in range(w.count())]
        info["index"] = w.currentRow()
        info["item_rects"] = []
        for i in range(w.count()):
            r = w.visualItemRect(w.item(i))
            info["item_rects"].append(_rect(w.viewport(), r.topLeft(), r.width(), r.height()))
    elif isinstance(w, QAbstractItemView) and w.model() is not None:
        model = w.model()
        info["rows"] = model.rowCount()
        info["current"] = w.currentIndex().row()  # the selected row (-1: none)
        # what a screen reader reads from a table: its first rows' shown texts
        info["cells"] = [[str(model.index(r, c).data() or "") for c in range(model.columnCount())]
                         for r in range(min(model.rowCount(), CELL_ROWS))]
    return info


def _rect(w: QWidget, origin: QPoint, width: int, height: int) -> list[int]:
    """On-screen rectangle in device (X) pixels: Qt's coordinates are scaled by
    ``QT_SCALE_FACTOR`` (devicePixelRatio) on X11."""
    g = w.mapToGlobal(origin)
    screen = w.screen()
    dpr = screen.devicePixelRatio() if screen is not None else 1.0
    return [round(g.x() * dpr), round(g.y() * dpr), round(width * dpr), round(height * dpr)]


def _visible_tree(top: QWidget) -> list[QWidget]:
    """``top`` and its visible descendants (hidden pages are not walked), in tree order;
    other windows parented here (dialogs) are left to their own entry."""
    out = [top]
    stack = [top]
    while stack:
        w = stack.pop()
        for child in reversed(w.children()):
            if isinstance(child, QWidget) and not child.isWindow() and child.isVisible():
                out.append(child)
                stack.append(child)
    return out


def _entry(w: QWidget, focus: QWidget | None, around_focus: list[QWidget]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "class": type(w).__name__, "name": w.objectName(),
        "rect": _rect(w, QPoint(0, 0), w.width(), w.height()),
        "enabled": w.isEnabled(),
        "focus": focus is not None and (w is focus or w.focusProxy() is focus),
        "focus_within": any(w is a for a in around_focus),
    }
    vr = w.visibleRegion().boundingRect()  # not clipped away by a scroll area
    entry["visible"] = (_rect(w, vr.topLeft(), vr.width(), vr.height())
                        if not vr.isEmpty() else None)
    entry.update(_text(w))
    return entry


def describe(app: QApplication) -> dict[str, Any]:
    focus = app.focusWidget()
    if focus is not None and not shiboken6.isValid(focus):
        focus = None
    around_focus: list[QWidget] = []  # its parents (isAncestorOf() fails on a combo's list view)
    p = focus.parentWidget() if focus is not None else None
    while p is not None:
        around_focus.append(p)
        p = p.parentWidget()
    windows = []
    errors: list[str] = []
    for top in app.topLevelWidgets():
        if not top.isVisible():
            continue
        widgets = []
        for w in _visible_tree(top):
            try:
                widgets.append(_entry(w, focus, around_focus))
            except RuntimeError as exc:  # deleted while being described (deleteLater pending)
                errors.append(str(exc))
        frame = top.frameGeometry()
        screen = top.screen()
        dpr = screen.devicePixelRatio() if screen is not None else 1.0
        status = getattr(top, "statusBar", None)  # a main window's status-bar message
        windows.append({"title": top.windowTitle(), "class": type(top).__name__,
                        "name": top.objectName(), "active": top.isActiveWindow(),
                        "enabled": top.isEnabled(),
                        "status": status().currentMessage() if callable(status) else "",
                        "modal": top.isModal(),
                        "popup": top.windowType() == Qt.WindowType.Popup,
                        "frame": [round(frame.x() * dpr), round(frame.y() * dpr),
                                  round(frame.width() * dpr), round(frame.height() * dpr)],
                        "widgets": widgets})
    return {"windows": windows, "errors": errors,
            "jobs": jobs.running(include_background=True)}  # work still running in threads


class Probe(QObject):
    """Answers each connection's ``describe`` line with :func:`describe` as UTF-8 JSON, then
    closes it (the client reads to the end). Everything runs on the GUI thread, driven by
    socket notifiers, so the answer is the widgets' state between two events."""

    def __init__(self, app: QApplication, address: str) -> None:
        super().__init__(app)
        self.app = app
        self.path: Path | None = None
        if address.startswith("tcp:"):  # Windows (no Unix sockets): loopback + a secret
            _, port, token = address.split(":", 2)
            if len(token) < 16:
                raise ValueError("the token must be at least 16 characters")
            self.request = b"describe " + token.encode("utf-8") + b"\n"
            self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.server.bind(("127.0.0.1", int(port)))
        else:
            self.request = REQUEST
            self.path = Path(address)
            self.path.unlink(missing_ok=True)  # a stale socket node of an earlier run
            self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.server.bind(address)
            os.chmod(self.path, 0o600)
        self.server.listen(4)
        self.server.setblocking(False)
        self.notifier = QSocketNotifier(self.server.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._accept)
        self.clients: dict[int, tuple[socket.socket, QSocketNotifier, bytearray]] = {}
        app.aboutToQuit.connect(self.close)

    def _accept(self) -> None:
        try:
            conn, _ = self.server.accept()
        except OSError:  # BlockingIOError: nothing pending after all
            return
        conn.setblocking(False)
        fd = conn.fileno()
        notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
        self.clients[fd] = (conn, notifier, bytearray())
        notifier.activated.connect(partial(self._read, fd))

    def _read(self, fd: int, *_args: object) -> None:
        if fd not in self.clients:
            return
        conn, _, buf = self.clients[fd]
        try:
            chunk = conn.recv(MAX_REQUEST)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        buf += chunk
        if not chunk or len(buf) > MAX_REQUEST or (b"\n" in buf and bytes(buf) != self.request):
            self._drop(fd)  # gone, or not one of ours
            return
        if bytes(buf) != self.request:
            return  # the rest of the line is still on its way
        reply = json.dumps(describe(self.app), ensure_ascii=False).encode("utf-8")
        try:
            conn.setblocking(True)
            conn.settimeout(5)  # the client reads while we write
            conn.sendall(reply)
        except OSError:
            pass
        self._drop(fd)

    def _drop(self, fd: int) -> None:
        conn, notifier, _ = self.clients.pop(fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        conn.close()

    def close(self) -> None:
        for fd in list(self.clients):
            self._drop(fd)
        self.notifier.setEnabled(False)
        self.server.close()
        if self.path is not None:
            self.path.unlink(missing_ok=True)


def install(app: QApplication) -> Probe | None:
    value = os.environ.get(ENV, "").strip()
    if not value:
        return None
    if not value.startswith("tcp:") and not hasattr(socket, "AF_UNIX"):
        log.warning("%s ignored: this system has no Unix-domain sockets (use tcp:PORT:TOKEN)", ENV)
        return None
    try:
        return Probe(app, value)
    except (OSError, ValueError) as exc:  # a missing folder, a path too long, a bad tcp: form
        log.warning("%s ignored: cannot listen there (%s)", ENV,
                    getattr(exc, "strerror", None) or type(exc).__name__)
        return None
