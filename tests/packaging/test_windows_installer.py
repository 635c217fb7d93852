"""The Windows installer, built by ``./dev bundle-windows``, installed and run under Wine.

For each of two Windows locales — Chinese (code page 936) and English (code page 1252) — a
fresh Wine prefix (Windows 10) gets the test-only stand-in DLLs Wine 8 lacks, then:

* the setup runs silently, per user (no administrator mode, HKCU), into
  ``%LOCALAPPDATA%\\Programs\\LeftbehindDesktop``, with a Start-menu entry and an uninstall
  entry carrying the program's name, version and icon;
* the installed ``leftbehind.exe`` (output through pipes, as redirected output is on Windows):
  ``--version``, ``init`` (the default data folder), ``demo``, ``pdf``, a quarterly export of
  the village and its import by a street office's second store — every message in Chinese,
  never a ``UnicodeEncodeError`` or a traceback;
* ``leftbehind-desktop.exe`` starts in a real window on Xvfb, the passphrase is typed and Enter
  unlocks it; the main window's workbench is screenshotted (build/windows-smoke/ keeps the
  PNGs for a human to look at); ``leftbehind-smoke.exe`` renders the workbench to PNG and
  reports CJK fonts;
* the silent uninstall removes the program and keeps the data folder.

Marked ``windows``: runs when the Windows packaging inputs change or when asked
(``LEFTBEHIND_WINDOWS_TEST=1``), see conftest.py. Minutes of CPU: the build (cached in
~/.cache/leftbehind-windows) is reused while it is newer than every source file;
``LEFTBEHIND_WINDOWS_SETUP=<setup.exe>`` tests a given installer instead (one built on Windows).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import struct
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.realwin.xsession import ask_probe

pytestmark = pytest.mark.windows

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
KEEP = ROOT / "build" / "windows-smoke"
PASS = "windows install check 2026"  # ASCII: the GUI test types it with xdotool
SOURCES = (ROOT / "src" / "leftbehind_desktop", ROOT / "packaging", ROOT / "pyproject.toml", ROOT / "dev")
APP_NAME = "留守儿童信息管理"
APP_ID = "{6F1C2B8E-4D3A-4E7B-9C51-2A8D0F3E7B64}_is1"
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
FINGERPRINT = re.compile(r"\d{4}(?: \d{4}){5}")
LOCALES = {  # name: (LC_ALL for Wine, the ANSI code page Wine derives from it, output decoding)
    "zh": ("zh_CN.UTF-8", 936, "gb18030"),
    "en": ("en_US.UTF-8", 1252, "utf-8"),  # core/console.py switches a cp1252 pipe to UTF-8
}


def version() -> str:
    text = (ROOT / "src" / "leftbehind_desktop" / "__init__.py").read_text("utf-8")
    m = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    assert m
    return m.group(1)


def newest_source() -> float:
    newest = 0.0
    for src in SOURCES:
        files = [src] if src.is_file() else [p for p in src.rglob("*") if p.is_file()
                                               and "__pycache__" not in p.parts and p.suffix != ".qm"]
        newest = max([newest, *(p.stat().st_mtime for p in files)])
    return newest


def setup_exe() -> Path:
    return DIST / f"leftbehind-desktop-{version()}-windows-x64-setup.exe"


def build_if_stale() -> Path:
    given = os.environ.get("LEFTBEHIND_WINDOWS_SETUP", "").strip()
    if given:  # an installer built elsewhere (e.g. on a real Windows machine): test it as it is
        return Path(given)
    exe = setup_exe()
    if not exe.exists() or exe.stat().st_mtime < newest_source():
        proc = subprocess.run([str(ROOT / "dev"), "bundle-windows"], cwd=ROOT, capture_output=True,
                              text=True, timeout=75 * 60)
        assert proc.returncode == 0, proc.stderr[-4000:]
    assert exe.exists() and exe.stat().st_size > 10_000_000
    return exe


def winpath(path: Path) -> str:
    return "Z:" + str(path.resolve()).replace("/", "\\")


@dataclass
class Wine:
    locale: str
    prefix: Path
    env: dict[str, str]
    decoding: str
    outputs: list[str] = field(default_factory=list)

    @property
    def user(self) -> Path:
        return self.prefix / "drive_c" / "users" / os.environ.get("USER", "root")

    @property
    def local(self) -> Path:  # %LOCALAPPDATA%
        return self.user / "AppData" / "Local"

    @property
    def app(self) -> Path:
        return self.local / "Programs" / "LeftbehindDesktop"

    @property
    def data(self) -> Path:
        return self.local / "leftbehind-desktop"

    def wine(self, *args: str, timeout: float = 300,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
        # standard handles must be pipes for Windows programs under Wine
        return subprocess.run(["wine", *args], input=b"", capture_output=True,
                              env={**self.env, **(env or {})}, timeout=timeout, cwd=self.prefix)

    def run(self, exe: str, *args: str, timeout: float = 300,
            env: dict[str, str] | None = None) -> tuple[int, str, str]:
        proc = self.wine(str(self.app / exe), *args, timeout=timeout, env=env)
        out = proc.stdout.decode(self.decoding)  # strict: the bytes are what the console.py promises
        err = proc.stderr.decode(self.decoding, "replace")
        for text in (out, err):
            assert "UnicodeEncodeError" not in text and "Traceback" not in text, (args, out, err)
        self.outputs.append(out + err)
        return proc.returncode, out, err

    def ok(self, exe: str, *args: str, **kw: Any) -> str:
        code, out, err = self.run(exe, *args, **kw)
        assert code == 0, (exe, args, code, out, err[-3000:])
        return out


def wine_env(lc_all: str, prefix: Path, display: str) -> dict[str, str]:
    keep = ("PATH", "HOME", "USER", "LOGNAME", "TMPDIR")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update({"WINEPREFIX": str(prefix), "WINEARCH": "win64", "WINEDEBUG": "-all",
                "WINEDLLOVERRIDES": "mscoree,mshtml=", "LC_ALL": lc_all, "DISPLAY": display,
                "LEFTBEHIND_PASSPHRASE": PASS,
                # Wine has no SimSun: the PDF font an office sets when C:\\Windows\\Fonts lacks one
                "LEFTBEHIND_PDF_FONT": winpath(CJK_FONT) + "#0"})
    return env


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1440x900x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    yield f":{number}"
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module", params=sorted(LOCALES))
def wine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, display: str) -> Iterator[Wine]:
    setup = build_if_stale()
    lc_all, codepage, decoding = LOCALES[request.param]
    prefix = tmp_path_factory.mktemp(f"wine-{request.param}") / "prefix"
    w = Wine(request.param, prefix, wine_env(lc_all, prefix, display), decoding)
    subprocess.run(["wineboot", "-i"], env=w.env, capture_output=True, timeout=600, check=False)
    subprocess.run(["wineserver", "-w"], env=w.env, timeout=600, check=True)
    assert (prefix / "system.reg").exists(), "wineboot did not create the prefix"
    # Inno Setup refuses Windows before 10 1809 (MinVersion): Wine 8 says Windows 7 by default
    w.wine("reg", "add", r"HKCU\Software\Wine", "/v", "Version", "/d", "win10", "/f")
    subprocess.run(["bash", str(ROOT / "packaging" / "windows" / "wine" / "install-standins.sh"), str(prefix),
                    str(ROOT / "build" / "windows" / "standins")], check=True, timeout=300)
    acp = w.wine("reg", "query", r"HKLM\System\CurrentControlSet\Control\Nls\CodePage", "/v", "ACP")
    assert re.search(rf"ACP\s+REG_SZ\s+{codepage}\b", acp.stdout.decode("ascii", "replace")), acp.stdout
    started = time.monotonic()
    proc = w.wine(str(setup), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", r"/LOG=C:\setup.log", timeout=900)
    w.outputs.append(f"install {time.monotonic() - started:.1f} s")
    assert proc.returncode == 0, proc.stderr[-2000:]
    yield w
    subprocess.run(["wineserver", "-k"], env=w.env, timeout=120, check=False)
    shutil.rmtree(prefix.parent, ignore_errors=True)


def ico_images(path: Path) -> list[bytes]:
    data = path.read_bytes()
    _, _, count = struct.unpack_from("<HHH", data, 0)
    images = []
    for i in range(count):
        size, offset = struct.unpack_from("<II", data, 6 + 16 * i + 8)
        images.append(data[offset:offset + size])
    return images


def test_installed_per_user_with_start_menu_icon_and_version(wine: Wine) -> None:
    log = (wine.prefix / "drive_c" / "setup.log").read_text("utf-8", "replace")
    assert "Administrative install mode: No" in log and "Install mode root key: HKEY_CURRENT_USER" in log
    for exe in ("leftbehind-desktop.exe", "leftbehind.exe", "leftbehind-smoke.exe", "unins000.exe"):
        assert (wine.app / exe).is_file(), exe
    for dll in ("bcryptprimitives.dll", "icuuc.dll"):  # the Wine-only stand-ins are never shipped
        assert not list(wine.app.rglob(dll)), dll
    menu = wine.user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    assert (menu / f"{APP_NAME}.lnk").is_file(), sorted(p.name for p in menu.rglob("*"))
    subprocess.run(["wineserver", "-w"], env=wine.env, timeout=120, check=False)  # flush the registry
    user_reg = (wine.prefix / "user.reg").read_text("utf-8", "replace")
    key = user_reg[user_reg.index(APP_ID):]
    key = key[:key.index("\n\n")]
    assert f'"DisplayVersion"="{version()}"' in key, key
    assert "leftbehind-desktop.exe" in key and '"DisplayIcon"' in key, key
    display_name = re.search(r'"DisplayName"="([^"]*)"', key)
    assert display_name and decode_reg(display_name.group(1)) == APP_NAME, key
    # the program's icon: every image of the .ico is inside the executable and the setup
    images = ico_images(ROOT / "packaging" / "icons" / "leftbehind-desktop.ico")
    exe_bytes = (wine.app / "leftbehind-desktop.exe").read_bytes()
    setup_bytes = build_if_stale().read_bytes()
    assert images and all(img in exe_bytes for img in images)
    assert all(img in setup_bytes for img in images)
    # version resource (UTF-16): product name and version
    assert f"{version()}".encode("utf-16-le") in exe_bytes and APP_NAME.encode("utf-16-le") in exe_bytes


def decode_reg(value: str) -> str:
    """Wine's .reg text escapes non-ASCII as \\x{hex}."""
    return re.sub(r"\\x([0-9a-fA-F]{1,4})", lambda m: chr(int(m.group(1), 16)), value)


def test_cli_version_init_demo_pdf_in_the_data_folder(wine: Wine) -> None:
    assert wine.ok("leftbehind.exe", "--version").strip() == f"leftbehind {version()}"
    out = wine.ok("leftbehind.exe", "init", "--role", "village", "--unit", "210213001002", "--unit-name", "前进村",
                  "--officer", "王建国")
    assert out.startswith("已创建数据库：") and "恢复密钥" in out
    assert (wine.data / "store" / "registry.db").is_file()  # the default store: %LOCALAPPDATA%
    out = wine.ok("leftbehind.exe", "demo", "--children", "20", "--seed", "7")
    assert "已生成演示数据：20 名儿童" in out
    code, out, err = wine.run("leftbehind.exe", "child", "show", "no-such-child")
    assert code == 1 and err.strip() and "\n" not in err.strip()  # one Chinese line, no traceback
    pdf_dir = wine.prefix / "drive_c" / "pdf"
    wine.ok("leftbehind.exe", "pdf", "--all", "--out", r"C:\pdf", timeout=600)
    pdfs = sorted(pdf_dir.glob("*.pdf"))
    assert len(pdfs) == 20, [p.name for p in pdfs]
    text = subprocess.run(["pdftotext", "-layout", str(pdfs[0]), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "前进村" in text
    fonts = subprocess.run(["pdffonts", str(pdfs[0])], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts, fonts


def test_quarterly_export_and_import_between_two_stores(wine: Wine) -> None:
    if not (wine.data / "store" / "registry.db").exists():
        test_cli_version_init_demo_pdf_in_the_data_folder(wine)
    street = ["--store", r"C:\street\store"]
    (wine.prefix / "drive_c" / "x").mkdir(exist_ok=True)  # the "USB stick" between the offices
    wine.ok("leftbehind.exe", *street, "init", "--role", "street", "--unit", "210213001000",
            "--unit-name", "测试街道", "--officer", "审核员")
    out = wine.ok("leftbehind.exe", "enroll", "request", "--out", r"C:\x\req.lbenroll")
    village_fp = FINGERPRINT.search(out)
    assert village_fp, out
    out = wine.ok("leftbehind.exe", *street, "enroll", "approve", r"C:\x\req.lbenroll", "--out",
                  r"C:\x\resp.lbenroll", "--fingerprint", village_fp.group(0))
    street_fp = FINGERPRINT.findall(out)[-1]
    wine.ok("leftbehind.exe", "enroll", "accept", r"C:\x\resp.lbenroll", "--fingerprint", street_fp)
    out = wine.ok("leftbehind.exe", "export", "--period", "2026Q4", "--out", r"C:\x\village.lbpkg")
    assert re.search(r"已导出(2026Q4|2026年第4季度)数据包", out), out
    out = wine.ok("leftbehind.exe", *street, "import", r"C:\x\village.lbpkg")
    assert re.search(r"已导入前进村（210213001002）(2026Q4|2026年第4季度)第1号数据包", out), out
    listed = json.loads(wine.ok("leftbehind.exe", *street, "child", "list", "--json"))
    assert len(listed) == 20 and all(c["name"] for c in listed)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def probe(w: Wine, address: str, timeout: float) -> dict[str, Any] | None:
    """Ask the running GUI (LEFTBEHIND_UI_PROBE, its loopback ``tcp:`` form under Wine) what it
    shows; None if it does not answer in time."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            data: dict[str, Any] = json.loads(ask_probe(address, 5))
            return data
        except (OSError, ValueError):
            time.sleep(0.2)
    return None


def wait_for(w: Wine, address: str, cond: Any, timeout: float) -> dict[str, Any]:
    end = time.monotonic() + timeout
    last: dict[str, Any] | None = None
    while time.monotonic() < end:
        last = probe(w, address, 5) or last
        if last and cond(last):
            return last
        time.sleep(0.3)
    raise AssertionError(f"GUI state not reached; last seen: {json.dumps(last, ensure_ascii=False)[:3000]}")


def xdotool(w: Wine, *args: str) -> None:
    subprocess.run(["xdotool", *args], env=w.env, check=True, timeout=60)


def screenshot(w: Wine, name: str) -> Path:
    KEEP.mkdir(parents=True, exist_ok=True)
    out = KEEP / f"{w.locale}-{name}.png"
    subprocess.run(["import", "-window", "root", str(out)], env=w.env, check=True, timeout=60)
    return out


def test_gui_unlocks_with_enter_in_a_real_window(wine: Wine) -> None:
    if not (wine.data / "store" / "registry.db").exists():
        test_cli_version_init_demo_pdf_in_the_data_folder(wine)
    probe_at = f"tcp:{free_port()}:{secrets.token_hex(16)}"  # the probe answers on loopback only
    env = {**wine.env, "LEFTBEHIND_UI_PROBE": probe_at}
    env.pop("LEFTBEHIND_PASSPHRASE")
    started = time.monotonic()
    gui = subprocess.Popen(["wine", str(wine.app / "leftbehind-desktop.exe")], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=wine.prefix)
    try:
        seen = wait_for(wine, probe_at, lambda d: any(
            win["class"] == "UnlockDialog" for win in d["windows"]), timeout=300)
        cold_start = time.monotonic() - started
        wine.outputs.append(f"cold start to the unlock dialog: {cold_start:.1f} s")
        dialog = next(win for win in seen["windows"] if win["class"] == "UnlockDialog")
        field_ = next(x for x in dialog["widgets"] if x["class"] == "QLineEdit")
        x, y, width, height = field_["rect"]
        xdotool(wine, "mousemove", str(x + width // 2), str(y + height // 2), "click", "1")
        time.sleep(0.5)
        screenshot(wine, "unlock")
        xdotool(wine, "type", "--delay", "60", PASS)
        xdotool(wine, "key", "Return")
        seen = wait_for(wine, probe_at, lambda d: any(
            win["title"] == "农村留守儿童信息台账" for win in d["windows"]), timeout=300)
        main = next(win for win in seen["windows"] if win["title"] == "农村留守儿童信息台账")
        texts = " ".join(str(x.get("text", "")) for x in main["widgets"])
        assert "工作台" in texts and "前进村" in texts, texts[:2000]
        time.sleep(3)
        shot = screenshot(wine, "workbench")
        assert shot.stat().st_size > 30_000
        assert gui.poll() is None, "the program quit instead of unlocking"
    finally:
        gui.kill()
        gui.communicate(timeout=60)
        subprocess.run(["wineserver", "-k"], env=wine.env, timeout=120, check=False)


def test_smoke_exe_renders_the_workbench_with_chinese_fonts(wine: Wine) -> None:
    if not (wine.data / "store" / "registry.db").exists():
        test_cli_version_init_demo_pdf_in_the_data_folder(wine)
    KEEP.mkdir(parents=True, exist_ok=True)
    png = KEEP / f"{wine.locale}-smoke-workbench.png"
    png.unlink(missing_ok=True)
    dashboard = KEEP / f"{wine.locale}-smoke-dashboard.png"
    out = wine.ok("leftbehind-smoke.exe", "--out", winpath(png), "--dashboard", winpath(dashboard),
                  timeout=600)
    report = json.loads(out)
    assert report["frozen"] and report["workbench_loaded"] and report["png_saved"], report
    # 汇总分析's charts: pyqtgraph and numpy load in the installed program
    assert report["dashboard_loaded"] and report["dashboard_saved"], report
    assert report["dashboard_charts"] == ["BarChart", "LineChart"], report["dashboard_charts"]
    assert report["cjk_font_families"] > 0 and report["app_font_has_cjk"], report
    assert report["window_title"] == "农村留守儿童信息台账"
    assert any(t.endswith("qtbase_zh_CN.qm") for t in report["translators"]), report["translators"]
    assert png.stat().st_size > 40_000


def test_silent_uninstall_removes_the_program_and_keeps_the_data(wine: Wine) -> None:
    if not (wine.data / "store" / "registry.db").exists():
        test_cli_version_init_demo_pdf_in_the_data_folder(wine)
    proc = wine.wine(str(wine.app / "unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    subprocess.run(["wineserver", "-w"], env=wine.env, timeout=300, check=False)  # the uninstaller's helper
    assert not (wine.app / "leftbehind-desktop.exe").exists() and not (wine.app / "_internal").exists()
    menu = wine.user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    assert not (menu / f"{APP_NAME}.lnk").exists()
    assert (wine.data / "store" / "registry.db").is_file() and (wine.data / "store" / "keyslots.json").is_file()
    assert APP_ID not in (wine.prefix / "user.reg").read_text("utf-8", "replace")
    report = KEEP / f"{wine.locale}-outputs.txt"
    KEEP.mkdir(parents=True, exist_ok=True)
    report.write_text("\n\n".join(wine.outputs), "utf-8")
