"""The layering rule of DESIGN §3, checked on the source: Qt only in ui/, SQL only in store/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "src" / "leftbehind_desktop"
SQL = re.compile(r"\.execute(many)?\(|\bSELECT\b.+\bFROM\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b|\bDELETE FROM\b")


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("layer", ["core", "store", "sync", "exports"])
def test_lower_layers_never_import_qt(layer: str):
    offenders = [p.name for p in (PKG / layer).rglob("*.py") if imports(p) & {"PySide6", "shiboken6"}]
    assert offenders == []


@pytest.mark.parametrize("layer", ["core", "sync", "exports", "ui", "cli"])
def test_only_store_runs_sql(layer: str):
    offenders = []
    for p in (PKG / layer).rglob("*.py"):
        if imports(p) & {"sqlcipher3", "sqlite3", "sqlite_utils"}:
            offenders.append(f"{p.name}: imports a database driver")
        for no, line in enumerate(p.read_text("utf-8").splitlines(), 1):
            if SQL.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{p.name}:{no}: {line.strip()}")
    assert offenders == []


def test_core_has_no_store_dependency():
    offenders = [p.name for p in (PKG / "core").rglob("*.py")
                 if re.search(r"from \.\.(store|sync|exports|ui)\b", p.read_text("utf-8"))]
    assert offenders == []
