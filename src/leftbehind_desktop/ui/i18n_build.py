"""Compile the Qt Linguist sources (``resources/translations/*.ts``) into ``.qm`` files.

Run by ``./dev setup``; a frozen build runs it before bundling. Only sources newer than
their ``.qm`` are compiled.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"


def lrelease_command() -> list[str]:
    exe = shutil.which("pyside6-lrelease")
    if exe is None:
        candidate = Path(sys.executable).with_name("pyside6-lrelease")
        exe = str(candidate) if candidate.exists() else None
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
