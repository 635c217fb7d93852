"""Compile the Qt Linguist sources (``resources/translations/*.ts``) into ``.qm`` files.

Run by ``./dev setup``; a frozen build runs it before bundling. Only sources newer than
their ``.qm`` are compiled.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"


def lrelease_command() -> list[str]:
    """Qt's ``lrelease`` as shipped inside the PySide6 wheel.

    The binary itself (``PySide6/lrelease`` or ``PySide6\\lrelease.exe``) is found through the
    installed package, so neither an activated virtualenv nor the ``pyside6-lrelease`` console
    script (``Scripts\\pyside6-lrelease.exe`` on Windows) has to be on PATH. The console script is
    the fallback for layouts that ship only that.
    """
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin:
        package = Path(spec.origin).parent
        for name in ("lrelease.exe", "lrelease") if sys.platform == "win32" else ("lrelease",):
            if (package / name).is_file():
                return [str(package / name)]
    exe = shutil.which("pyside6-lrelease")
    if exe is None:
        scripts = Path(sys.executable).parent
        for candidate in (scripts / "pyside6-lrelease.exe", scripts / "pyside6-lrelease",
                          scripts / "Scripts" / "pyside6-lrelease.exe"):
            if candidate.is_file():
                exe = str(candidate)
                break
    if exe is None:
        raise SystemExit("pyside6-lrelease not found (install PySide6-Essentials)")
    return [exe]


def build(directory: Path = TRANSLATIONS) -> list[Path]:
    built: list[Path] = []
    for ts in sorted(directory.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run([*lrelease_command(), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


if __name__ == "__main__":
    build()
