"""The three-level round trip of issue 15, with real stores and real packages through the
services (the returns file made by the real CLI process): two villages export → the street
imports both and reviews them record by record, returning one item → the review package
goes down to village A → A corrects that child, its next package answers the item → the
street sees it answered, passes it, both quarters are 已审核 → the street forwards to the
district → the district imports and sees both villages reviewed, and the children."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from leftbehind_desktop.store.sync import SyncStore
from leftbehind_desktop.sync import overview, package, returns, review
from tests.conftest import DISTRICT, PASSPHRASE, STREET, fill_demo
from tests.sync.helpers import Office, enroll_pair, office

VILLAGE_A = "210213001001"
VILLAGE_B = "210213001002"
PERIOD = "2026Q4"


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[dict[str, Office]]:
    o = {
        "district": office(tmp_path, "district", "district", DISTRICT, "金普新区民政局"),
        "street": office(tmp_path, "street", "street", STREET, "大魏家街道"),
        "a": office(tmp_path, "a", "village", VILLAGE_A, "大李家村"),
        "b": office(tmp_path, "b", "village", VILLAGE_B, "前进村"),
    }
    enroll_pair(o["street"], o["district"])
    enroll_pair(o["a"], o["street"])
    enroll_pair(o["b"], o["street"])
    fill_demo(o["a"].reg, 5, seed=11)
    fill_demo(o["b"].reg, 4, seed=12)
    yield o
    for x in o.values():
        x.close()


def cli(o: Office, *args: str) -> subprocess.CompletedProcess[str]:
    """The real ``leftbehind`` program on the office's store (closed meanwhile: one
    process at a time holds a store)."""
    o.close()
    env = {**os.environ, "LEFTBEHIND_PASSPHRASE": PASSPHRASE}
    try:
        return subprocess.run([sys.executable, "-m", "leftbehind_desktop.cli", "--store",
                               str(o.dir), *args], capture_output=True, text=True, env=env,
                              timeout=120)
    finally:
        o.reopen()


def test_returned_item_goes_down_is_answered_and_the_district_sees_it_reviewed(
        offices: dict[str, Office], tmp_path: Path) -> None:
    a, b, street, district = (offices[k] for k in ("a", "b", "street", "district"))

    # -- villages → street ------------------------------------------------------------
    for v in (a, b):
        p = package.export_package(v.store, PERIOD, tmp_path / f"{v.store.unit_code}-1.lbpkg")
        package.import_package(street.store, p.path)
    items_a = review.review_items(street.store, PERIOD, VILLAGE_A)
    kids_a = [i for i in items_a if i["kind"] == "child"]
    assert len(kids_a) == 5 and all(i["status"] == "pending" for i in items_a)
    target = kids_a[0]
    child_id = str(target["record_id"])
    review.decide(street.store, target["id"], "return", "现居住地缺门牌号，请入户核实后补全")
    assert review.pass_all(street.store, PERIOD, VILLAGE_A) == len(items_a) - 1
    review.pass_all(street.store, PERIOD, VILLAGE_B)
    state = review.quarter_review_state(street.store, PERIOD, VILLAGE_A)
    assert state["returned"] == 1 and not state["reviewed"]
    assert review.quarter_review_state(street.store, PERIOD, VILLAGE_B)["reviewed"]

    # -- street → village A: the returns file, written by the CLI ------------------------
    out = tmp_path / "大李家村-退回修改.lbpkg"
    proc = cli(street, "review", "export-returns", "--period", PERIOD, "--unit", VILLAGE_A,
               "--out", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    made = json.loads(proc.stdout)
    assert made["kind"] == "review" and made["items"] == 1 and out.exists()
    # the street's other village gets nothing to do: no returned item, no file
    proc = cli(street, "review", "export-returns", "--period", PERIOD, "--unit", VILLAGE_B,
               "--out", str(tmp_path / "b.lbpkg"))
    assert proc.returncode == 1 and "没有退回修改" in proc.stderr
    assert not (tmp_path / "b.lbpkg").exists()

    before = a.reg.get("child", child_id)
    proc = cli(a, "import", str(out), "--json")  # the village imports it with the CLI too
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert got["kind"] == "review" and "退回1项待修改" in got["message"]
    assert got["detail"]["counts"] == {"new": 1, "reopened": 0, "unchanged": 0}
    [item] = returns.returned_items(a.store)
    assert item["record_id"] == child_id and item["child_name"] == before["name"]
    assert item["comment"] == "现居住地缺门牌号，请入户核实后补全"
    assert a.reg.get("child", child_id) == before  # the import changed no record

    # -- village A corrects the child; its next package answers the item -----------------
    a.reg.update("child", child_id, {"residence": "大李家村3组12号"}, reason="街道退回：补全门牌号")
    p2 = package.export_package(a.store, PERIOD, tmp_path / f"{VILLAGE_A}-2.lbpkg")
    assert returns.returned_items(a.store) == []  # sent back with the package
    r2 = package.import_package(street.store, p2.path)
    assert r2.detail["answered"] == 1 and "答复退回 1" in r2.headline()
    answered = review.review_items(street.store, PERIOD, VILLAGE_A, status="answered")
    assert [i["id"] for i in answered] == [target["id"]]
    assert returns.answer_text(returns.answers_of(street.store, [target["id"]])[target["id"]]) \
        == "已修改"
    assert SyncStore(street.store).existing("child", [child_id])[child_id]["residence"] \
        == "大李家村3组12号"
    state = review.quarter_review_state(street.store, PERIOD, VILLAGE_A)
    assert not state["reviewed"] and (state["answered"], state["pending"]) == (1, 0)
    # ONE item for the corrected child: the answered one, from what the street saw when it
    # returned it to the village's correction (no second item for the same change)
    assert [i["id"] for i in review.review_items(street.store, PERIOD, VILLAGE_A)
            if i["record_id"] == child_id] == [target["id"]]
    side = {e["field"]: (e["before"], e["after"]) for e in answered[0]["summary"]}
    assert side["residence"][1] == "大李家村3组12号"

    # the street re-reviews the answered item: the quarter is reviewed
    review.decide(street.store, target["id"], "pass", "已补全")
    assert review.pass_all(street.store, PERIOD, VILLAGE_A) == 0
    for unit in (VILLAGE_A, VILLAGE_B):
        assert review.quarter_review_state(street.store, PERIOD, unit)["reviewed"], unit
    # importing the same village package again changes nothing (answers applied once)
    assert package.import_package(street.store, p2.path).already_imported
    assert review.quarter_review_state(street.store, PERIOD, VILLAGE_A)["reviewed"]

    # -- street → district ---------------------------------------------------------------
    ps = package.export_package(street.store, PERIOD, tmp_path / "street.lbpkg")
    rd = package.import_package(district.store, ps.path)
    assert rd.counts["new"] == sum(ps.record_counts.values())
    row = next(r for r in overview.overview(district.store, PERIOD).rows if r.unit_code == STREET)
    assert row.forwarded == (2, 2)  # both villages reviewed, as the street's package says
    kids = {r["id"]: r for r in SyncStore(district.store).iter_records("child")}
    assert len([k for k in kids.values() if k["unit_code"] == VILLAGE_A]) == 5
    assert len([k for k in kids.values() if k["unit_code"] == VILLAGE_B]) == 4
    assert kids[child_id]["residence"] == "大李家村3组12号"  # the correction reached the top


def test_a_confirmation_without_change_answers_and_a_stale_answer_does_not(
        offices: dict[str, Office], tmp_path: Path) -> None:
    """已核实无误 with a note travels up and shows at the street; once the street has
    returned the item again, the old answer (to the earlier return) no longer counts."""
    a, street = offices["a"], offices["street"]
    p = package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg")
    package.import_package(street.store, p.path)
    target = review.review_items(street.store, PERIOD, VILLAGE_A)[0]
    review.decide(street.store, target["id"], "return", "请核实")
    out = returns.export_returns(street.store, PERIOD, VILLAGE_A, tmp_path / "r1.lbpkg")
    package.import_package(a.store, out.path)
    [item] = returns.returned_items(a.store)
    returns.confirm(a.store, item["item_id"], "已入户核实，信息无误")
    p2 = package.export_package(a.store, PERIOD, tmp_path / "a2.lbpkg")
    r2 = package.import_package(street.store, p2.path)
    assert r2.detail["answered"] == 1
    got = returns.answers_of(street.store, [target["id"]])[target["id"]]
    assert returns.answer_text(got) == "已核实无误：已入户核实，信息无误"
    # returned again: the answer the village's next package repeats is to the old return
    review.decide(street.store, target["id"], "return", "仍需核实门牌号")
    p3 = package.export_package(a.store, PERIOD, tmp_path / "a3.lbpkg")
    r3 = package.import_package(street.store, p3.path)
    assert not r3.detail.get("answered")
    assert review.review_items(street.store, PERIOD, VILLAGE_A, status="returned")[0]["id"] \
        == target["id"]
