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
        if imports(p) & {"sqlcipher3", "sqlite3"}:
            offenders.append(f"{p.name}: imports a database driver")
        for no, line in enumerate(p.read_text("utf-8").splitlines(), 1):
            if SQL.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{p.name}:{no}: {line.strip()}")
    assert offenders == []


def test_core_has_no_store_dependency():
    offenders = [p.name for p in (PKG / "core").rglob("*.py")
                 if re.search(r"from \.\.(store|sync|exports|ui)\b", p.read_text("utf-8"))]
    assert offenders == []


CONN = re.compile(r"\.conn\b|\b_conn\(")


@pytest.mark.parametrize("layer", ["core", "sync", "exports", "ui", "cli"])
def test_only_store_touches_the_connection(layer: str):
    """Above store/, code calls Store/Registry methods and store functions taking them; it
    never reaches for the database connection (``.conn``)."""
    offenders = []
    for p in (PKG / layer).rglob("*.py"):
        for no, line in enumerate(p.read_text("utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if CONN.search(code):
                offenders.append(f"{p.relative_to(PKG)}:{no}: {line.strip()}")
    assert offenders == []


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """module → the package's modules it imports (anywhere in the file, lazy imports too;
    ``if TYPE_CHECKING:`` blocks excluded: they do not run)."""
    modules = {module_name(p): p for p in PKG.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text("utf-8"))
        typing_only = {id(n) for block in ast.walk(tree)
                       if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
                       for n in ast.walk(block)}
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        out: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.ImportFrom):
                base = package[:len(package) - node.level + 1] if node.level else []
                prefix = ".".join([*base, *([node.module] if node.module else [])])
                for alias in node.names:
                    target = f"{prefix}.{alias.name}"
                    out.add(target if target in modules else prefix)
            elif isinstance(node, ast.Import):
                out.update(a.name for a in node.names)
        graph[name] = {m for m in out if m in modules and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles():
    graph = import_graph()
    assert "leftbehind_desktop.store.store" in graph["leftbehind_desktop.store.backup"]  # the graph is real
    assert cycles(graph) == []


def test_cycle_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
