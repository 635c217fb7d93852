"""Shared helpers of the export tests: real stores and real external readers."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

NOTE = ("孩子在家写作业，精神状态良好，祖母身体尚可，能照顾孩子饮食起居；已提醒注意防溺水、用电用火安全。"
        "监护人反映孩子沉迷手机（每天约3小时），已进行家庭教育指导！下次走访：2026-12-15。")
EVIL = "=cmd|' /C calc'!A0"


def run(*cmd: str, timeout: float = 120) -> str:
    exe = shutil.which(cmd[0])
    assert exe, f"{cmd[0]} is not installed (poppler-utils / qpdf / libreoffice-calc)"
    proc = subprocess.run([exe, *cmd[1:]], capture_output=True, text=True, timeout=timeout,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def pdftext(path: Path, layout: bool = False) -> str:
    return run("pdftotext", *(["-layout"] if layout else []), str(path), "-")


def pdffonts(path: Path) -> list[list[str]]:
    """Rows of pdffonts: name, …, emb, sub, uni, object, gen."""
    lines = run("pdffonts", str(path)).splitlines()[2:]
    return [line.split() for line in lines if line.strip()]
