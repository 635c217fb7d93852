"""``leftbehind import`` writes the receipt beside the package (or ``--receipt-out``, or
none with ``--no-receipt``); ``leftbehind receipt save|list``; the village imports it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from leftbehind_desktop.cli import main
from leftbehind_desktop.sync import package
from tests.conftest import PASSPHRASE, STREET, fill_demo
from tests.sync.helpers import enroll_pair, office
from tests.sync.test_receipts import _invalid_package

VILLAGE = "210213001001"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Path]]:
    monkeypatch.setenv("LEFTBEHIND_PASSPHRASE", PASSPHRASE)
    street = office(tmp_path, "street", "street", STREET, "大魏家街道")
    a = office(tmp_path, "a", "village", VILLAGE, "大李家村")
    enroll_pair(a, street)
    fill_demo(a.reg, 3, seed=4)
    stick = tmp_path / "U盘"
    stick.mkdir()
    good = package.export_package(a.store, "2026Q4", stick / "大李家村-2026Q4.lbpkg").path
    (stick / "bad.lbpkg").write_bytes(_invalid_package(a, street, good.read_bytes()))
    for o in (street, a):
        o.close()
    yield {"street": street.dir, "a": a.dir, "good": good, "bad": stick / "bad.lbpkg",
           "tmp": tmp_path}


def cli(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--store", str(store), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_writes_the_receipt_beside_the_package(world: dict[str, Path],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, world["street"], "import", str(world["good"]))
    beside = world["good"].with_name("大李家村-2026Q4-回执.lbpkg")
    assert code == 0 and f"给发送单位的回执已写到 {beside}" in out
    assert beside.exists()

    code, out, _ = cli(capsys, world["street"], "overview", "--period", "2026Q4")
    assert code == 0 and "回执已写出待确认" in out
    code, out, _ = cli(capsys, world["street"], "overview", "--period", "2026Q4", "--json")
    assert [u["receipt"] for u in json.loads(out)["units"]] == ["written"]

    # the village imports it with the same command; its list shows it
    code, out, _ = cli(capsys, world["a"], "import", str(beside))
    assert code == 0 and "回执" in out and "大魏家街道已接收" in out
    code, out, _ = cli(capsys, world["a"], "receipt", "list", "--received", "--json")
    got = json.loads(out)
    assert [r["outcome"] for r in got] == ["accepted"] and got[0]["period"] == "2026Q4"

    # the street can write it again, byte for byte; the list says it awaits acknowledgement
    code, out, _ = cli(capsys, world["street"], "receipt", "list", "--json")
    rows = json.loads(out)
    assert len(rows) == 1 and rows[0]["state"] == "written"
    again = world["tmp"] / "again.lbpkg"
    code, out, _ = cli(capsys, world["street"], "receipt", "save", "--package",
                       rows[0]["package_id"], "--out", str(again))
    assert code == 0 and again.read_bytes() == beside.read_bytes()

    # a second import: already imported, the receipt kept but not written (--no-receipt)
    beside.unlink()
    code, out, _ = cli(capsys, world["street"], "import", str(world["good"]), "--no-receipt")
    assert code == 0 and "导入过，本次未做任何修改" in out and "receipt save" in out and not beside.exists()


def test_json_and_a_receipt_that_cannot_be_written(world: dict[str, Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = world["tmp"] / "no-such-dir" / "r.lbpkg"
    code, out, _ = cli(capsys, world["street"], "import", str(world["good"]), "--json",
                       "--receipt-out", str(target))
    data = json.loads(out)
    assert code == 0 and data["counts"]["new"] > 0  # the import stands
    assert data["receipt"]["path"] is None and "无法把回执写到" in data["receipt"]["error"]
    code, out, _ = cli(capsys, world["street"], "receipt", "save", "--package",
                       data["package_id"], "--out", str(world["tmp"] / "r.lbpkg"))
    assert code == 0 and (world["tmp"] / "r.lbpkg").exists()
    code, _, err = cli(capsys, world["street"], "receipt", "save", "--package",
                       "01900000-0000-7000-8000-000000000000", "--out", "x.lbpkg")
    assert code == 1 and "没有数据包" in err


def test_refused_import_still_answers_the_sender(world: dict[str, Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out_file = world["tmp"] / "退回.lbpkg"
    code, _, err = cli(capsys, world["street"], "import", str(world["bad"]),
                       "--receipt-out", str(out_file))
    assert code == 3 and "未通过校验" in err and f"给发送单位的回执已写到 {out_file}" in err
    code, out, _ = cli(capsys, world["street"], "receipt", "list", "--json")
    assert json.loads(out) == []  # a refusal keeps nothing
    code, out, _ = cli(capsys, world["a"], "--lang", "en", "import", str(out_file))
    assert code == 0 and "refused the package: 1 records returned" in out
