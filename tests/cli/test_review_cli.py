"""``leftbehind review`` as a script uses it: real processes on a street store that imported a
village's package — list (text and JSON), a return without a comment refused with nothing
changed, a return (by a unique beginning of the id), pass-all, the text list, a pass undone (reopen)."""

from __future__ import annotations

from pathlib import Path

from leftbehind_desktop.sync import package
from tests.cli.test_cli import ok_json, run
from tests.conftest import CHILD, PASSPHRASE, STREET
from tests.sync.helpers import enroll_pair, office

VILLAGE = "210213001001"
PERIOD = "2026Q3"


def test_review_commands(tmp_path: Path) -> None:
    street = office(tmp_path, "street", "street", STREET, "大魏家街道")
    village = office(tmp_path, "village", "village", VILLAGE, "大李家村")
    enroll_pair(village, street)
    for name, number, sex in (("张小明", CHILD["id_number"], "男"),
                              ("李小军", "210213201503041094", "男"),
                              ("王小红", "210213201503041086", "女")):
        village.reg.add("child", {**CHILD, "name": name, "id_number": number, "sex": sex})
    package.import_package(street.store, package.export_package(
        village.store, PERIOD, tmp_path / "q.lbpkg").path)
    village.close()
    street.close()
    store = street.dir

    def cli(*args: str):  # type: ignore[no-untyped-def]
        return run(store, "review", *args, passphrase=PASSPHRASE)

    got = ok_json(cli("list", "--period", PERIOD, "--json"))
    assert [(u["unit_code"], u["total"], u["pending"], u["reviewed"]) for u in got["units"]] == [
        (VILLAGE, 3, 3, False)]
    items = got["items"]
    assert sorted(i["child_name"] for i in items) == ["张小明", "李小军", "王小红"]
    assert {i["change"] for i in items} == {"new"}
    first = items[0]["id"]
    refused = cli("return", first)
    assert refused.returncode == 1 and "退回时请填写意见" in refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert cli("return", first[:30], "--comment", "身份证号有误").returncode == 0
    assert cli("pass-all", "--period", PERIOD, "--unit", VILLAGE).returncode == 0
    got = ok_json(cli("list", "--period", PERIOD, "--json"))
    state = got["units"][0]
    assert (state["passed"], state["returned"], state["pending"], state["reviewed"]) == (
        2, 1, 0, False)
    assert [(i["id"], i["comment"]) for i in got["items"] if i["status"] == "returned"] == [
        (first, "身份证号有误")]
    text = cli("list", "--period", PERIOD, "--unit", VILLAGE)
    assert text.returncode == 0 and "已通过 2，已退回 1" in text.stdout
    assert "意见：身份证号有误" in text.stdout and "张小明" in text.stdout
    # 撤销通过: a passed item is pending again; a returned one cannot be reopened
    passed = next(i["id"] for i in got["items"] if i["status"] == "passed")
    out = cli("reopen", passed[:30])
    assert out.returncode == 0 and "重新待审核" in out.stdout
    refused = cli("reopen", first)
    assert refused.returncode == 1 and "只有已通过的条目可以撤销" in refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    state = ok_json(cli("list", "--period", PERIOD, "--json"))["units"][0]
    assert (state["passed"], state["returned"], state["pending"]) == (1, 1, 1)
