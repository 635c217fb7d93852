"""The real-window tier's driver: an X server of our own (Xvfb on a display number it picks),
a window manager (openbox), the INSTALLED program started as its own process, real X input
(xdotool: keys, typing, mouse; Chinese through the clipboard with xclip + Ctrl+V), and the
screen read back (ImageMagick ``import``: screenshots kept as artifacts).

Where widgets are comes from the program's off-by-default probe (``ui/probe.py``), the same
facts an accessibility client would get; nothing is driven through it. It answers over a
Unix-domain socket in a private temporary folder (the program writes nothing to disk for it);
the last answer is kept in memory and written next to a failure's screenshot.

What makes a run fail, besides the test's own assertions: the process ending unasked, a line
on its stderr that is not on the short allow-list below (Qt warnings, ``QThread: Destroyed``,
tracebacks, the app's "internal error"), an ERROR line in its log file, and a window larger
than the screen or outside it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

TOOLS = ("Xvfb", "openbox", "xdotool", "xclip", "import", "xprop")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("LEFTBEHIND_REALWIN_ARTIFACTS", ROOT / "tests" / "realwin" / "artifacts"))

# stderr lines a healthy run may print: platform chatter, not the program's fault. Keep short.
ALLOWED_STDERR = (
    # Xvfb has no GL; Qt says so once when it probes for it
    re.compile(r"^qt\.glx: qglx_findConfig: Failed to finding matching FBConfig"),
    re.compile(r"^Failed to create OpenGL context for format"),
    # no D-Bus session bus in the test environment (no portal, no accessibility bus)
    re.compile(r"^qt\.qpa\.theme\.dbus|^qt\.dbus\.integration"),
)
DOC_SCREENS = ROOT / "docs" / "screens"
BAD_LOG = re.compile(r" (ERROR|CRITICAL) ")


def require_tools() -> None:
    """``./dev`` installs these: a missing one is a broken set-up, not a reason to skip."""
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.fail("real-window tests need " + ", ".join(missing)
                    + " (./dev setup installs them: xvfb, openbox, xdotool, xclip, imagemagick, x11-utils)",
                    pytrace=False)


def installed_program() -> list[str]:
    """The entry point a user runs: ``leftbehind-desktop`` next to this interpreter (the venv's
    bin), or the frozen executable named by ``LEFTBEHIND_REALWIN_EXE`` (bundle tier)."""
    exe = os.environ.get("LEFTBEHIND_REALWIN_EXE")
    if exe:
        return [exe]
    path = Path(sys.executable).parent / "leftbehind-desktop"
    assert path.exists(), f"{path} missing: ./dev setup installs the project into the venv"
    return [str(path)]


def ask_probe(address: str, timeout: float) -> str:
    """One answer of the program's UI probe (``ui/probe.py``) at ``address`` — the
    ``LEFTBEHIND_UI_PROBE`` value: a Unix-socket path, or ``tcp:<port>:<token>`` (Windows
    under Wine). Raises OSError while it is not listening or does not answer in time."""
    if address.startswith("tcp:"):
        _, port, token = address.split(":", 2)
        sock = socket.create_connection(("127.0.0.1", int(port)), timeout=max(0.1, timeout))
        request = f"describe {token}\n".encode()
    else:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(max(0.1, timeout))
        request = b"describe\n"
    with sock:
        if not address.startswith("tcp:"):
            sock.connect(address)
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(1 << 16):
            chunks.append(chunk)
    return b"".join(chunks).decode("utf-8")


class Display:
    """Xvfb + openbox on a free display number (Xvfb -displayfd chooses it)."""

    def __init__(self, workdir: Path, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.workdir = workdir
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24",
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(write,), stdout=subprocess.DEVNULL,
            stderr=(workdir / "xvfb.log").open("wb"))
        os.close(write)
        number = b""
        deadline = time.monotonic() + 20
        while not number.endswith(b"\n"):
            chunk = os.read(read, 16)
            if not chunk or time.monotonic() > deadline:
                raise AssertionError("Xvfb did not start: " + (workdir / "xvfb.log").read_text(errors="replace"))
            number += chunk
        os.close(read)
        self.name = ":" + number.decode().strip()
        self.env = {**os.environ, "DISPLAY": self.name}
        self.wm = subprocess.Popen(["openbox", "--sm-disable"], env=self.env,
                                   stdout=subprocess.DEVNULL,
                                   stderr=(workdir / "openbox.log").open("wb"))
        deadline = time.monotonic() + 20
        while True:  # the window manager is up once it has set its check window on the root
            out = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=self.env,
                                 capture_output=True, text=True).stdout
            if "window id" in out:
                break
            if time.monotonic() > deadline or self.wm.poll() is not None:
                raise AssertionError("openbox did not start")
            time.sleep(0.05)

    def close(self) -> None:
        for p in (self.wm, self.xvfb):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()


@dataclass
class Widget:
    cls: str
    name: str
    rect: list[int]
    enabled: bool
    focus: bool
    data: dict[str, Any]

    @property
    def text(self) -> str:
        return str(self.data.get("text", ""))

    @property
    def center(self) -> tuple[int, int]:
        """The middle of the part that is on screen (a form scrolls its fields)."""
        x, y, w, h = self.data.get("visible") or self.rect
        return x + w // 2, y + h // 2

    @property
    def clickable(self) -> bool:
        vis = self.data.get("visible")
        return bool(vis) and vis[3] >= min(self.rect[3], 12) and vis[2] >= min(self.rect[2], 12)


@dataclass
class Window:
    title: str
    cls: str
    name: str
    active: bool
    frame: list[int]
    popup: bool = False
    widgets: list[Widget] = field(default_factory=list)

    def find(self, name: str = "", cls: str = "", text: str = "") -> list[Widget]:
        return [w for w in self.widgets if (not name or w.name == name) and (not cls or w.cls == cls)
                and (not text or w.text == text)]

    def one(self, name: str = "", cls: str = "", text: str = "") -> Widget:
        found = self.find(name, cls, text)
        assert found, f"no widget name={name!r} cls={cls!r} text={text!r} in window {self.title!r}"
        return found[0]

    def focused(self) -> Widget | None:
        return next((w for w in self.widgets if w.focus), None)


class App:
    """The installed program as its own process, with a fresh HOME/XDG tree and store."""

    def __init__(self, display: Display, workdir: Path, store: Path, *, lang_args: Sequence[str] = (),
                 env: dict[str, str] | None = None, shots: Path | None = None) -> None:
        self.display = display
        self.workdir = workdir
        self.store = store
        home = workdir / "home"
        for d in ("", ".config", ".local/share", ".local/state", ".cache", "Documents"):
            (home / d).mkdir(parents=True, exist_ok=True)
        self.home = home
        # a short private path (a Unix socket path is limited to ~107 bytes)
        self.probe_dir = Path(tempfile.mkdtemp(prefix="lb-probe-"))
        self.probe_socket = self.probe_dir / "ui.sock"
        self.last_probe = ""  # the last answer (synthetic test data), for dump()
        self.stderr_path = workdir / "app.stderr"
        base = {k: v for k, v in display.env.items()
                if k not in ("LEFTBEHIND_STORE", "QT_SCALE_FACTOR", "QT_QPA_PLATFORM")}
        self.env = {
            **base, "QT_QPA_PLATFORM": "xcb", "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_STATE_HOME": str(home / ".local/state"), "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_DOCUMENTS_DIR": str(home / "Documents"),
            "LEFTBEHIND_UI_PROBE": str(self.probe_socket), "LANG": "zh_CN.UTF-8",
            **(env or {}),
        }
        self.shots = shots or workdir
        self.shots.mkdir(parents=True, exist_ok=True)
        self.shot_count = 0
        self.stderr_file = self.stderr_path.open("wb")
        self.proc = subprocess.Popen([*installed_program(), "--store", str(store), *lang_args],
                                     env=self.env, cwd=home, stdout=subprocess.DEVNULL,
                                     stderr=self.stderr_file)
        self.expected_exit = False

    # -- state -----------------------------------------------------------------------------
    def alive(self) -> bool:
        return self.proc.poll() is None

    def stderr(self) -> str:
        if not self.stderr_file.closed:
            self.stderr_file.flush()
        return self.stderr_path.read_text("utf-8", errors="replace")

    def assert_alive(self) -> None:
        if not self.alive():
            raise AssertionError(f"the program died (exit {self.proc.returncode}); stderr:\n{self.stderr()}")

    def probe(self, timeout: float = 15) -> list[Window]:
        deadline = time.monotonic() + timeout
        while True:
            self.assert_alive()
            try:
                raw = ask_probe(str(self.probe_socket), deadline - time.monotonic())
                data = json.loads(raw)
                self.last_probe = raw
                break
            except (OSError, ValueError):  # not listening yet, no answer in time, or cut short
                pass
            if time.monotonic() > deadline:
                if os.environ.get("LEFTBEHIND_REALWIN_GDB"):  # where the GUI thread hangs
                    bt = subprocess.run(["gdb", "-p", str(self.proc.pid), "-batch", "-ex",
                                         "thread apply all bt 30"], capture_output=True, text=True)
                    (self.workdir / "hang.txt").write_text(bt.stdout + bt.stderr)
                raise AssertionError("the program did not answer the probe (GUI thread blocked?)")
            time.sleep(0.02)
        return [Window(w["title"], w["class"], w["name"], w["active"], w["frame"], w["popup"],
                       [Widget(x["class"], x["name"], x["rect"], x["enabled"], x["focus"], x)
                        for x in w["widgets"]]) for w in data["windows"]]

    def wait_for(self, what: str, cond: Callable[[list[Window]], Any], timeout: float = 20) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            wins = self.probe()
            value = cond(wins)
            if value:
                return value
            if time.monotonic() > deadline:
                self.dump("timeout")
                titles = [w.title for w in wins]
                raise AssertionError(f"waited {timeout:.0f} s for {what}; windows: {titles}")
            time.sleep(0.02)

    def window(self, title_part: str, timeout: float = 20) -> Window:
        def find(wins: list[Window]) -> Window | None:
            return next((w for w in wins if title_part in w.title), None)

        win: Window = self.wait_for(f"a window titled …{title_part}…", find, timeout)
        return win

    def active(self, title_part: str, timeout: float = 20) -> Window:
        """The window with that title once it has the keyboard focus (so keys reach it)."""
        def find(wins: list[Window]) -> Window | None:
            return next((w for w in wins if title_part in w.title and w.active), None)

        win: Window = self.wait_for(f"the active window …{title_part}…", find, timeout)
        return win

    # -- input -----------------------------------------------------------------------------
    def xdotool(self, *args: str) -> str:
        self.assert_alive()
        out = subprocess.run(["xdotool", *args], env=self.display.env, capture_output=True,
                             text=True, timeout=30)
        assert out.returncode == 0, f"xdotool {args}: {out.stderr}"
        return out.stdout

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "20", *keys)

    def type(self, text: str, before: Sequence[str] = ()) -> None:
        """Type ASCII ``text`` key by key (after the xdotool commands ``before``, in the same
        call: each xdotool run costs ~0.15 s)."""
        assert text.isascii(), "Chinese goes through paste()"
        self.xdotool(*before, "type", "--delay", "8", text)

    def close_window(self, title_part: str = "信息台账") -> None:
        """Alt+F4 as a user presses it: on the window in front, once it has the keyboard
        focus (the window manager closes the active window, none when none is active)."""
        self.active(title_part)
        self.key("alt+F4")

    def paste(self, text: str) -> None:
        """Put ``text`` on the clipboard (xclip keeps serving it) and press Ctrl+V."""
        subprocess.run(["xclip", "-selection", "clipboard", "-i"], input=text.encode("utf-8"),
                       env=self.display.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True, timeout=10)
        # the new owner must be serving before Ctrl+V: asking the old one while it exits
        # leaves Qt waiting out its clipboard timeout
        deadline = time.monotonic() + 10
        while subprocess.run(["xclip", "-selection", "clipboard", "-o"], env=self.display.env,
                             capture_output=True, timeout=10).stdout != text.encode("utf-8"):
            assert time.monotonic() < deadline, "the clipboard did not take the text"
            time.sleep(0.02)
        self.key("ctrl+v")

    def click(self, w: Widget) -> None:
        self.xdotool(*self.click_args(w))

    @staticmethod
    def click_args(w: Widget) -> list[str]:
        x, y = w.center
        return ["mousemove", "--sync", str(x), str(y), "click", "1"]

    def click_at(self, x: int, y: int) -> None:
        self.xdotool("mousemove", "--sync", str(x), str(y), "click", "1")

    # -- screen ----------------------------------------------------------------------------
    def shot(self, label: str) -> Path:
        self.shot_count += 1
        path = self.shots / f"{self.shot_count:02d}-{label}.png"
        subprocess.run(["import", "-display", self.display.name, "-window", "root", str(path)],
                       check=True, timeout=30, capture_output=True)
        return path

    def shot_window(self, label: str, title_part: str, doc: str = "") -> Path:
        """One window's inside (no window-manager frame) as its own PNG. With ``doc`` and
        ``LEFTBEHIND_REALWIN_DOCS=1`` it also becomes ``docs/screens/<doc>.png`` (the user
        guide's picture: at most 1000 px wide, 256 colours)."""
        win = self.active(title_part)
        x, y, w, h = win.widgets[0].rect
        self.shot_count += 1
        path = self.shots / f"{self.shot_count:02d}-{label}.png"
        subprocess.run(["import", "-display", self.display.name, "-window", "root", "-crop",
                        f"{w}x{h}+{x}+{y}", "+repage", str(path)],
                       check=True, timeout=30, capture_output=True)
        if doc and os.environ.get("LEFTBEHIND_REALWIN_DOCS") == "1":
            from PIL import Image

            img = Image.open(path).convert("RGB")
            if img.width > 1000:
                img = img.resize((1000, round(img.height * 1000 / img.width)), Image.Resampling.LANCZOS)
            img.quantize(256).save(DOC_SCREENS / f"{doc}.png", optimize=True)
        return path

    def dump(self, label: str) -> None:
        """A screenshot and the last probe answer, for a failure's post-mortem."""
        path = self.shot(label)
        if self.last_probe:
            path.with_suffix(".json").write_text(self.last_probe, "utf-8")

    def windows_fit(self) -> None:
        """Every window of the program lies inside the screen (frame included)."""
        sw, sh = self.display.width, self.display.height
        for win in self.probe():
            x, y, w, h = win.frame
            assert w <= sw and h <= sh and x >= 0 and y >= 0 and x + w <= sw and y + h <= sh, (
                f"window {win.title!r} {w}x{h}+{x}+{y} does not fit the {sw}x{sh} screen")

    # -- end -------------------------------------------------------------------------------
    def wait_exit(self, timeout: float = 30) -> int:
        self.expected_exit = True
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired as exc:
            # for the post-mortem: what is on screen, and whether the GUI thread still answers
            try:
                wins = self.probe(5)
                raw = json.loads(self.last_probe or "{}")
                shown = [{k: w.get(k) for k in ("title", "active", "enabled", "status")}
                         for w in raw.get("windows", [])]
                state = (f"it still answers; jobs running: {raw.get('jobs')}; windows: {shown}; "
                         f"X focus: {self.focused_window_name()!r}") if wins is not None else ""
            except AssertionError as probe_failed:
                state = str(probe_failed)
            self.dump("no-exit")
            # CI keeps only the output: the program's last words go into the message
            logs = "".join(p.read_text("utf-8", errors="replace")[-3000:]
                           for p in self.home.rglob("leftbehind-desktop.log"))
            raise AssertionError(f"the program did not quit ({state})\nstderr (end):\n"
                                 f"{self.stderr()[-3000:]}\nlog (end):\n{logs}") from exc

    def focused_window_name(self) -> str:
        """The window X gives the keyboard to (what Alt+F4 closes), by its title."""
        out = subprocess.run(["xdotool", "getwindowfocus", "getwindowname"], env=self.display.env,
                             capture_output=True, text=True, timeout=30)
        return out.stdout.strip() or out.stderr.strip()

    def problems(self) -> list[str]:
        bad = []
        for line in self.stderr().splitlines():
            if line.strip() and not any(p.search(line) for p in ALLOWED_STDERR):
                bad.append("stderr: " + line)
        logs = list(self.home.rglob("leftbehind-desktop.log"))
        for log in logs:
            bad += ["log: " + line for line in log.read_text("utf-8", errors="replace").splitlines()
                    if BAD_LOG.search(line)]
        return bad

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.stderr_file.close()
        shutil.rmtree(self.probe_dir, ignore_errors=True)


@contextmanager
def session(tmp_path: Path, name: str, width: int = 1366, height: int = 768,
            env: dict[str, str] | None = None, store: Path | None = None,
            args: Sequence[str] = ()) -> Iterator[App]:
    """An X display with a window manager and the program on it; on leaving, the program must
    have quit by itself (or still be alive when the test ended early) without any problem."""
    require_tools()
    shots = ARTIFACTS / name
    if shots.exists():
        shutil.rmtree(shots)
    display = Display(tmp_path, width, height)
    app = App(display, tmp_path, store or tmp_path / "store", lang_args=args, env=env, shots=shots)
    print(f"\nreal-window artifacts: {shots}")
    try:
        yield app
        if not app.expected_exit:
            app.assert_alive()
        problems = app.problems()
        assert not problems, "the program reported problems:\n" + "\n".join(problems)
    finally:
        app.close()
        display.close()


# -- what a user does with widgets ---------------------------------------------------------------
def find_in(wins: list[Window], name: str, title_part: str = "") -> Widget | None:
    for win in wins:
        if title_part and title_part not in win.title:
            continue
        for w in win.widgets:
            if w.name == name:
                return w
    return None


class Driver:
    """Higher-level user actions on top of :class:`App` (click a field, type or paste into it,
    pick from a drop-down, tick a box), each checked through the probe afterwards."""

    def __init__(self, app: App) -> None:
        self.app = app

    def widget(self, name: str, title_part: str = "", timeout: float = 20) -> Widget:
        w: Widget = self.app.wait_for(f"widget {name!r}",
                                      lambda wins: find_in(wins, name, title_part), timeout)
        return w

    def focus(self, name: str, title_part: str = "") -> Widget:
        """Give ``name`` the keyboard focus: a click when it is on screen (not scrolled out of
        its form), else Tab, as a user moves through a long form."""
        w = self.widget(name, title_part)
        if w.focus:
            return w
        if w.clickable:
            self.app.click(w)
        for _ in range(60):
            wins = self.app.probe()
            found = find_in(wins, name, title_part)
            assert found is not None, name
            w = found
            if w.focus or (w.data.get("combo") and any(x.popup for x in wins)) or (
                    w.data.get("focus_within") and w.cls not in ("QWidget", "QFrame", "QGroupBox")
                    and not w.cls.endswith(("Dialog", "Window", "Page"))):
                return w  # a drop-down's list pops up on the click
            self.app.key("Tab")
        self.app.dump("no-focus")
        raise AssertionError(f"could not reach {name!r} with Tab")

    def set_text(self, name: str, text: str, title_part: str = "", check: bool = True) -> None:
        """Click into the field (or Tab to it), select all, type ASCII or paste Chinese."""
        w = self.widget(name, title_part)
        if text.isascii() and w.clickable and not w.focus:
            self.app.type(text, before=[*App.click_args(w), "key", "ctrl+a"])
        else:
            self.focus(name, title_part)
            if text.isascii():
                self.app.type(text, before=["key", "ctrl+a"])
            else:
                self.app.key("ctrl+a")
                self.app.paste(text)
        if check:
            self.app.wait_for(f"{name!r} to read {text!r}",
                              lambda wins: (w := find_in(wins, name, title_part)) is not None
                              and w.text == text, 10)

    def wait_text(self, name: str, text: str, title_part: str = "") -> None:
        self.app.wait_for(f"{name!r} to read {text!r}",
                          lambda wins: (w := find_in(wins, name, title_part)) is not None
                          and w.text == text, 10)

    def wait_date(self, name: str, iso: str, title_part: str = "") -> None:
        """A date field shows ``iso`` (in whatever display form: 2016年5月12日, 2016-05-12)."""
        want = [int(p) for p in iso.split("-")]
        self.app.wait_for(f"{name!r} to show {iso}",
                          lambda wins: (w := find_in(wins, name, title_part)) is not None
                          and [int(n) for n in re.findall(r"\d+", w.text)][:3] == want, 10)

    def choose(self, name: str, item: str, title_part: str = "") -> None:
        """Pick ``item`` from a drop-down with the arrow keys (its list pops up on the click)."""
        w = self.focus(name, title_part)
        items: list[str] = list(w.data.get("items", []))
        assert item in items, f"{item!r} not offered in {name!r}: {items}"
        steps = items.index(item) - int(w.data.get("index", 0))
        keys = ["Down"] * steps if steps > 0 else ["Up"] * -steps
        if any(win.popup for win in self.app.probe()):
            keys.append("Return")
        if keys:
            self.app.key(*keys)
        self.app.wait_for(f"{name!r} to show {item!r}",
                          lambda wins: (x := find_in(wins, name, title_part)) is not None
                          and x.text == item, 10)

    def tick(self, name: str, on: bool = True, title_part: str = "") -> None:
        w = self.focus(name, title_part)
        if bool(w.data.get("checked")) != on:
            self.app.key("space")
        self.app.wait_for(f"{name!r} checked={on}",
                          lambda wins: (x := find_in(wins, name, title_part)) is not None
                          and bool(x.data.get("checked")) == on, 10)

    def menu(self, *path: str) -> None:
        """Click through the menu bar: ``menu("导出与打印", "导出信息台账（Excel）…")``."""
        wins = self.app.probe()
        bar = next((w for win in wins for w in win.widgets if w.cls == "QMenuBar"), None)
        assert bar is not None, "no menu bar"
        items: list[str] = bar.data["items"]
        assert path[0] in items, items
        x, y, w, h = bar.data["item_rects"][items.index(path[0])]
        self.app.click_at(x + w // 2, y + h // 2)
        for entry in path[1:]:
            menu: Widget = self.app.wait_for(f"the menu entry {entry!r}", lambda ws, e=entry: next(
                (x for win in ws if win.popup for x in win.widgets
                 if x.cls == "QMenu" and e in x.data.get("items", [])), None), 10)
            x, y, w, h = menu.data["item_rects"][menu.data["items"].index(entry)]
            self.app.click_at(x + w // 2, y + h // 2)

    def click(self, name: str, title_part: str = "") -> None:
        w: Widget = self.app.wait_for(
            f"{name!r} enabled", lambda wins: (x := find_in(wins, name, title_part)) is not None
            and x.enabled and x, 20)
        self.app.click(w)
