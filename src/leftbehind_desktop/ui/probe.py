"""A small accessibility aid for the real-window tests (``tests/realwin``), OFF by default.

With ``LEFTBEHIND_UI_PROBE=<file>`` in the environment, the program answers a request file
``<file>.req`` (written by the test) by writing a JSON description of its visible windows to
``<file>``: for each widget its class, object name, on-screen rectangle in X pixels, whether it
is enabled and has the keyboard focus, and the text a screen reader would read (button and
label texts, window titles, tab and list items; never the text of a password field). This is
what an AT-SPI client would see; the tests still drive the program only through real X input
events (keyboard, mouse, clipboard) and read the screen back as screenshots.

Without the variable nothing is installed and nothing is written. The tests run it on
synthetic data in temporary folders only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt, QTimer
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

ENV = "LEFTBEHIND_UI_PROBE"
POLL_MS = 20


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
        info["rows"] = w.model().rowCount()
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
        windows.append({"title": top.windowTitle(), "class": type(top).__name__,
                        "name": top.objectName(), "active": top.isActiveWindow(),
                        "modal": top.isModal(),
                        "popup": top.windowType() == Qt.WindowType.Popup,
                        "frame": [round(frame.x() * dpr), round(frame.y() * dpr),
                                  round(frame.width() * dpr), round(frame.height() * dpr)],
                        "widgets": widgets})
    return {"windows": windows, "errors": errors}


class Probe(QObject):
    def __init__(self, app: QApplication, path: Path) -> None:
        super().__init__(app)
        self.app = app
        self.path = path
        self.request = path.with_name(path.name + ".req")
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        try:
            token = self.request.read_text("utf-8")
        except OSError:
            return
        self.request.unlink(missing_ok=True)
        data = describe(self.app)
        data["token"] = token
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(tmp, self.path)


def install(app: QApplication) -> Probe | None:
    value = os.environ.get(ENV, "").strip()
    if not value:
        return None
    return Probe(app, Path(value))
