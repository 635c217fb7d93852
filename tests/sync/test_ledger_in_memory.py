"""The human ledger inside a quarterly package is built fully in memory: no plaintext
file is written anywhere (not even to a RAM disk), and the .xlsx opens in a real reader."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from leftbehind_desktop.exports import ledger
from leftbehind_desktop.sync import package
from tests.conftest import STREET, fill_demo
from tests.sync.helpers import decrypt_contents, enroll_pair, office

VILLAGE = "210213001001"


def _files(root: Path) -> set[Path]:
    """Files under ``root``; pytest's own temporary trees (``pytest-of-*``: other test runs
    on the same machine write their exports there) are left out — this test's tree is
    watched on its own. ``os.walk`` passes over folders other processes remove meanwhile."""
    out: set[Path] = set()
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith("pytest-of-")]
        out.update(Path(folder, n) for n in names if Path(folder, n).is_file())
    return out


def test_ledger_is_built_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    village = office(tmp_path, "v", "village", VILLAGE, "大李家村")
    street = office(tmp_path, "s", "street", STREET, "大魏家街道")
    try:
        enroll_pair(village, street)
        fill_demo(village.reg, 5, seed=4)
        targets: list[Any] = []
        real = ledger.write_ledger

        def spy(*args: Any, **kwargs: Any) -> Any:
            targets.append(args[2])
            return real(*args, **kwargs)

        monkeypatch.setattr(ledger, "write_ledger", spy)
        shm = Path("/dev/shm")
        watched = [shm, Path(tempfile.gettempdir())]
        before = {d: _files(d) for d in watched}
        before_tree = _files(tmp_path)
        out = package.export_package(village.store, "2026Q4", tmp_path / "v.lbpkg")
        assert len(targets) == 1 and isinstance(targets[0], io.BytesIO)
        # no new file anywhere but the package (and the stores' own files)
        new = _files(tmp_path) - before_tree
        assert {p.name for p in new} <= {"v.lbpkg", "registry.db-wal", "registry.db-shm"}
        for d in watched:
            leaked = {p for p in _files(d) - before[d] if "xlsx" in p.name}
            assert not leaked, leaked
        contents = decrypt_contents(out.path.read_bytes(), str(
            street.store.setting("device_age_identity")))
        wb = openpyxl.load_workbook(io.BytesIO(contents["ledger.xlsx"]), read_only=True)
        assert "信息台账" in wb.sheetnames and "季度汇总表" in wb.sheetnames
        wb.close()
        # the street can import the package with its ledger
        report = package.import_package(street.store, out.path)
        assert report.counts["new"] == sum(out.record_counts.values())
    finally:
        village.close()
        street.close()


def test_write_ledger_accepts_a_path_and_a_stream(tmp_path: Path) -> None:
    v = office(tmp_path, "v", "village", VILLAGE, "大李家村")
    try:
        fill_demo(v.reg, 3, seed=5)
        path = ledger.write_ledger(v.reg, "2026Q4", tmp_path / "x" / "ledger.xlsx")
        assert path.read_bytes()[:2] == b"PK"
        buf = io.BytesIO()
        assert ledger.write_ledger(v.reg, "2026Q4", buf) is buf
        assert buf.getvalue()[:2] == b"PK"
        assert not buf.closed
        wb = openpyxl.load_workbook(io.BytesIO(buf.getvalue()), read_only=True)
        assert wb.sheetnames == openpyxl.load_workbook(path, read_only=True).sheetnames
        assert os.listdir(tmp_path / "x") == ["ledger.xlsx"]
    finally:
        v.close()
