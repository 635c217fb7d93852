"""Build-time helpers for ``packaging/leftbehind.spec`` (run by PyInstaller, never by the app).

* :func:`compile_translations` — ``.ts`` → ``.qm`` (the same step as ``./dev setup``);
* :func:`write_build_info` — ``src/leftbehind_desktop/_build_info.py`` (version, build date,
  git commit), read by the About dialog; the spec removes it again after the build;
* :func:`licenses_text` — the licences of every bundled component, from the installed
  distributions' metadata (the runtime dependency tree of ``leftbehind-desktop``) plus the
  non-Python parts (Python, Qt, SQLCipher, OpenSSL, the PyInstaller bootloader);
* :func:`windows_version_file` — the VERSIONINFO resource of the Windows executables.

``python packaging/buildmeta.py licenses`` regenerates the committed
``src/leftbehind_desktop/resources/licenses.txt`` (what a source checkout shows).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = SRC / "leftbehind_desktop"
BUILD_INFO = PACKAGE / "_build_info.py"
LICENSES = PACKAGE / "resources" / "licenses.txt"

APP_NAME_ZH = "留守儿童信息管理"
APP_NAME_EN = "Left-behind Children Registry"
COMPANY = "leftbehind-desktop"

# Licences the metadata does not state in a usable form.
LICENSE_OVERRIDES = {
    "sqlcipher3": "Zlib (pysqlite); SQLCipher library: BSD-3-Clause",
    "pyrage": "MIT",
    "reportlab": "BSD-3-Clause",
    "pillow": "MIT-CMU",
}
def _qt_version() -> str:
    try:
        from PySide6.QtCore import qVersion
    except ImportError:
        return ""
    return str(qVersion())


# Components that are not Python distributions but ship inside the bundle.
NON_PYTHON = (
    ("Python", f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}",
     "PSF-2.0", "https://docs.python.org/3/license.html"),
    ("Qt (QtCore, QtGui, QtWidgets, QtPrintSupport and their plugins)", _qt_version(),
     "LGPL-3.0-only", "https://www.qt.io/licensing/open-source-lgpl-obligations"),
    ("SQLCipher (inside sqlcipher3)", "", "BSD-3-Clause", "https://www.zetetic.net/sqlcipher/license/"),
    ("OpenSSL (inside cryptography)", "", "Apache-2.0", "https://www.openssl.org/source/license.html"),
    ("rage / age (inside pyrage)", "", "MIT OR Apache-2.0", "https://github.com/str4d/rage"),
    ("PyInstaller bootloader", "", "GPL-2.0-or-later WITH Bootloader-exception",
     "https://pyinstaller.org/en/stable/license.html"),
)
# Build and packaging tools are not bundled.
NOT_BUNDLED = {"pip", "setuptools", "wheel", "pyinstaller", "pyinstaller-hooks-contrib"}


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = "leftbehind-desktop") -> list[metadata.Distribution]:
    """The installed distributions ``root`` needs at run time (no extras), root first."""
    from packaging.markers import Marker  # pip's vendored copy is not importable; packaging is

    seen: dict[str, metadata.Distribution] = {}

    def walk(name: str) -> None:
        key = _key(name)
        if key in seen or key in NOT_BUNDLED:
            return
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return
        seen[key] = dist
        for req in dist.requires or []:
            spec, _, marker = req.partition(";")
            if marker.strip():
                try:
                    if not Marker(marker).evaluate({"extra": ""}):
                        continue
                except Exception:  # an unparsable marker: include the requirement
                    pass
            m = re.match(r"[A-Za-z0-9_.-]+", spec.strip())
            if m:
                walk(m.group(0))

    walk(root)
    return list(seen.values())


def license_of(dist: metadata.Distribution) -> str:
    name = _key(dist.metadata["Name"])
    if name in LICENSE_OVERRIDES:
        return LICENSE_OVERRIDES[name]
    expr = dist.metadata.get("License-Expression")
    if expr:
        return str(expr)
    lic = (dist.metadata.get("License") or "").strip()
    if lic and "\n" not in lic and len(lic) < 80:
        return lic
    classifiers = [c.split("::")[-1].strip() for c in dist.metadata.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return ", ".join(classifiers) or "see the project's licence file"


def licenses_text() -> str:
    lines = [
        "留守儿童信息管理（leftbehind-desktop）及其打包组件的许可证",
        "Licences of leftbehind-desktop and the components bundled with it",
        "",
        "本程序以 GPL-3.0-or-later 发布。以下组件随安装包一起分发，各自遵循其许可证。",
        "This program is released under GPL-3.0-or-later. The components below are",
        "distributed with it, each under its own licence.",
        "",
    ]
    rows: list[tuple[str, str, str, str]] = []
    for dist in runtime_distributions():
        meta = dist.metadata
        url = ""
        for entry in meta.get_all("Project-URL") or []:
            label, _, link = entry.partition(",")
            if label.strip().lower() in ("homepage", "home", "source", "repository", "source code"):
                url = link.strip()
                break
        url = url or (meta.get("Home-page") or "")
        rows.append((str(meta["Name"]), dist.version, license_of(dist), url))
    rows += list(NON_PYTHON)
    for name, version, lic, url in rows:
        lines.append(f"{name} {version}".strip())
        lines.append(f"    {lic}" + (f"  <{url}>" if url else ""))
    lines += ["", "完整许可证文本见各组件的项目主页；Qt 的 LGPL 组件以独立的共享库形式提供，可以替换。",
              "Full licence texts are on each project's page; Qt's LGPL libraries ship as separate",
              "shared libraries and can be replaced.", ""]
    return "\n".join(lines)


def git_commit(root: Path = ROOT) -> str:
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
                             capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def app_version() -> str:
    text = (PACKAGE / "__init__.py").read_text("utf-8")
    m = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    if not m:
        raise SystemExit("cannot read __version__ from src/leftbehind_desktop/__init__.py")
    return m.group(1)


def write_build_info(path: Path = BUILD_INFO) -> dict[str, str]:
    info = {
        "version": app_version(),
        "build_date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
        "platform": sys.platform,
    }
    body = "".join(f"{k.upper()} = {v!r}\n" for k, v in info.items())
    path.write_text('"""Generated by packaging/buildmeta.py at build time; not in git."""\n\n' + body,
                    "utf-8")
    return info


def compile_translations() -> None:
    """The translations of the source tree (src/ first on the path, whatever is installed)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH", "")) if p)
    subprocess.run([sys.executable, "-m", "leftbehind_desktop.ui.i18n_build"], check=True,
                   cwd=str(ROOT), env=env)


def _version_tuple(version: str) -> tuple[int, int, int, int]:
    nums = [int(x) for x in re.findall(r"\d+", version)[:4]]
    nums += [0] * (4 - len(nums))
    return nums[0], nums[1], nums[2], nums[3]


def windows_version_file(path: Path, exe_name: str, description: str) -> Path:
    """A PyInstaller VSVersionInfo file for one Windows executable."""
    version = app_version()
    vt = _version_tuple(version)
    path.write_text(f"""# generated by packaging/buildmeta.py
VSVersionInfo(
  ffi=FixedFileInfo(filevers={vt}, prodvers={vt}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('080404b0', [
        StringStruct('CompanyName', {COMPANY!r}),
        StringStruct('FileDescription', {description!r}),
        StringStruct('FileVersion', {version!r}),
        StringStruct('InternalName', {exe_name!r}),
        StringStruct('LegalCopyright', 'GPL-3.0-or-later'),
        StringStruct('OriginalFilename', {exe_name + '.exe'!r}),
        StringStruct('ProductName', {APP_NAME_ZH!r}),
        StringStruct('ProductVersion', {version!r})])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200])])
  ]
)
""", "utf-8")
    return path


if __name__ == "__main__":
    if sys.argv[1:] == ["licenses"]:
        LICENSES.write_text(licenses_text(), "utf-8")
        print(LICENSES)
    elif sys.argv[1:] == ["version"]:
        print(app_version())
    else:
        raise SystemExit("usage: python packaging/buildmeta.py licenses|version")
