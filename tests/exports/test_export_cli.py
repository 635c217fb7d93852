"""``leftbehind pdf`` and ``leftbehind ledger``: outputs and exit codes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from leftbehind_desktop.cli import main
from leftbehind_desktop.store.registry import Registry
from tests.conftest import PASSPHRASE, fill_demo, make_store

from .helpers import pdftext


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[str], Path]:
    base = tmp_path_factory.mktemp("cli")
    store, _ = make_store(base / "store")
    reg = Registry(store)
    fill_demo(reg, 3, as_of=date(2026, 11, 20))
    ids = reg.child_ids()
    store.close()
    pw = base / "pw.txt"
    pw.write_text(PASSPHRASE + "\n", "utf-8")
    return ["--store", str(base / "store"), "--passphrase-file", str(pw)], ids, base


def test_pdf_one_child(cli_store: tuple[list[str], list[str], Path], tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    common, ids, _ = cli_store
    out = tmp_path / "one.pdf"
    assert main([*common, "pdf", ids[0], "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert "一人一档" in pdftext(out)


def test_pdf_village_folder_and_combined(cli_store: tuple[list[str], list[str], Path],
                                         tmp_path: Path) -> None:
    common, ids, _ = cli_store
    assert main([*common, "pdf", "--village", "210213001001", "--out", str(tmp_path / "d")]) == 0
    assert len(list((tmp_path / "d").glob("*.pdf"))) == len(ids)
    assert main([*common, "pdf", "--all", "--combined", "--out", str(tmp_path / "a.pdf")]) == 0
    assert (tmp_path / "a.pdf").stat().st_size > 0


def test_pdf_exit_codes(cli_store: tuple[list[str], list[str], Path], tmp_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    common, _, _ = cli_store
    assert main([*common, "pdf", "no-such-child", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "找不到" in capsys.readouterr().err
    assert main([*common, "pdf", "--all", "--out", str(tmp_path / "x.pdf")]) == 2
    assert main([*common, "pdf", "--village", "210213001099", "--out", str(tmp_path)]) == 1
    with pytest.raises(SystemExit) as exc:
        main([*common, "pdf", "--out", str(tmp_path / "x.pdf")])
    assert exc.value.code == 2


def test_ledger_cli(cli_store: tuple[list[str], list[str], Path], tmp_path: Path,
                    capsys: pytest.CaptureFixture[str]) -> None:
    common, _, _ = cli_store
    out = tmp_path / "l.xlsx"
    assert main([*common, "ledger", "--period", "2026Q4", "--out", str(out)]) == 0
    assert out.stat().st_size > 0
    assert main([*common, "ledger", "--period", "2026Q4", "--profile", "police",
                 "--out", str(tmp_path / "p.xlsx")]) == 0
    assert main([*common, "ledger", "--period", "2026-4", "--out", str(out)]) == 1
    assert "统计期" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main([*common, "ledger", "--period", "2026Q4", "--profile", "x", "--out", str(out)])
    assert exc.value.code == 2
