"""Ownership of records across every import path: a package may create or change only
records of its sender's area. A record id the receiving office holds for another unit
refuses the whole package, naming the record and both units; the store stays byte-identical
and the owner's later genuine packages still apply."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from leftbehind_desktop.core import units
from leftbehind_desktop.store.sync import MergePlan, SyncStore
from leftbehind_desktop.sync import package, review
from leftbehind_desktop.sync.errors import SyncError
from tests.conftest import CHILD, PASSPHRASE, fill_demo
from tests.sync.helpers import (
    VILLAGE_A,
    VILLAGE_B,
    Office,
    close_all,
    db_digest,
    decrypt_contents,
    enroll_pair,
    office,
    refused_import,
    repack,
    street_world,
)

STREET_2 = "210213002000"
VILLAGE_C = "210213002001"
PERIOD = "2026Q4"

Edit = Callable[[list[dict[str, Any]]], None]


@pytest.fixture
def world(tmp_path: Path) -> Iterator[dict[str, Office]]:
    """The street with villages A and B (3 children each) and a second street with village
    C (2 children), all under the district."""
    o = street_world(tmp_path, (3, 3))
    o["street2"] = office(tmp_path, "street2", "street", STREET_2, "拥政街道")
    o["c"] = office(tmp_path, "c", "village", VILLAGE_C, "拥政村")
    enroll_pair(o["street2"], o["district"])
    enroll_pair(o["c"], o["street2"])
    fill_demo(o["c"].reg, 2, seed=3)
    yield o
    close_all(o)


def rewrite(data: bytes, sender: Office, receiver: Office, edit: Edit) -> bytes:
    """``sender``'s genuine package with its records edited, re-encrypted to ``receiver``
    and re-signed with the sender's own enrolled key — what a hostile enrolled unit can
    make."""
    ident = receiver.store.setting("device_age_identity")
    assert ident
    members = decrypt_contents(data, ident)
    items = [json.loads(line) for line in members["records.jsonl"].splitlines()]
    edit(items)
    members["records.jsonl"] = "".join(
        json.dumps(i, ensure_ascii=False, sort_keys=True) + "\n" for i in items).encode()

    def counts(raw: dict[str, Any]) -> None:
        raw["record_counts"] = {k: sum(1 for i in items if i["kind"] == k)
                                for k in raw["record_counts"]}

    return repack(data, sender, receiver, members, counts)


refused = refused_import


def take_over(victim: dict[str, Any], unit: str) -> Edit:
    """Replace the first child of the package by ``victim`` re-labelled for ``unit``
    (new name, ID number, high version), its records moved to the victim's id."""
    def edit(items: list[dict[str, Any]]) -> None:
        first = next(i for i in items if i["kind"] == "child")["record"]
        old = first["id"]
        first.update(id=victim["id"], name="冒名顶替", version=99, unit_code=unit,
                     id_number=CHILD["id_number"], birth_date=CHILD["birth_date"],
                     sex=CHILD["sex"])
        for i in items:
            if i["record"].get("child_id") == old:
                i["record"]["child_id"] = victim["id"]
    return edit


def test_village_cannot_take_over_another_villages_child(world: dict[str, Office],
                                                         tmp_path: Path) -> None:
    a, b, street = world["a"], world["b"], world["street"]
    pa = package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg")
    package.import_package(street.store, pa.path)
    target = next(iter(SyncStore(street.store).iter_records("child", VILLAGE_A)))

    pb = package.export_package(b.store, PERIOD, tmp_path / "b1.lbpkg")
    bad = tmp_path / "takeover.lbpkg"
    bad.write_bytes(rewrite(pb.path.read_bytes(), b, street, take_over(target, VILLAGE_B)))
    err = refused(street, bad)
    assert err.code == "owned_elsewhere"
    zh, en = err.text("zh"), err.text("en")
    assert target["id"] in zh and "大李家村（210213001001）" in zh and "前进村（210213001002）" in zh
    assert "未做任何修改" in zh and target["id"] in en and "nothing was changed" in en
    assert SyncStore(street.store).existing("child", [target["id"]])[target["id"]] == target

    # the owner's later genuine change still applies (not dropped as "old")
    a.reg.update("child", target["id"], {"residence": "大李家村9组9号"}, reason="更正住址")
    pa2 = package.export_package(a.store, PERIOD, tmp_path / "a2.lbpkg")
    r = package.import_package(street.store, pa2.path)
    assert r.counts["updated"] == 1
    now = SyncStore(street.store).existing("child", [target["id"]])[target["id"]]
    assert now["residence"] == "大李家村9组9号" and now["unit_code"] == VILLAGE_A
    # and B's genuine package imports as usual
    assert package.import_package(street.store, pb.path).counts["new"] > 0


def test_sub_record_of_another_village_is_refused(world: dict[str, Office], tmp_path: Path) -> None:
    """A visit id of village A's child, re-used under B's own child."""
    a, b, street = world["a"], world["b"], world["street"]
    package.import_package(street.store,
                           package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg").path)
    visit = next(iter(SyncStore(street.store).iter_records("visit", VILLAGE_A)))

    def edit(items: list[dict[str, Any]]) -> None:
        mine = next(i for i in items if i["kind"] == "visit")["record"]
        mine.update(id=visit["id"], version=50)

    pb = package.export_package(b.store, PERIOD, tmp_path / "b1.lbpkg")
    bad = tmp_path / "visit.lbpkg"
    bad.write_bytes(rewrite(pb.path.read_bytes(), b, street, edit))
    err = refused(street, bad)
    assert err.code == "owned_elsewhere" and visit["id"] in err.text("zh")
    assert SyncStore(street.store).existing("visit", [visit["id"]])[visit["id"]] == visit


def test_record_of_another_village_than_the_sender_is_refused(world: dict[str, Office],
                                                              tmp_path: Path) -> None:
    """A record filed under another village than the sender is refused, naming the record
    and both units."""
    b, street = world["b"], world["street"]
    pb = package.export_package(b.store, PERIOD, tmp_path / "b1.lbpkg")

    moved: list[str] = []

    def edit(items: list[dict[str, Any]]) -> None:
        child = next(i for i in items if i["kind"] == "child")["record"]
        child["unit_code"] = VILLAGE_A
        moved.append(child["id"])

    bad = tmp_path / "mixed.lbpkg"
    bad.write_bytes(rewrite(pb.path.read_bytes(), b, street, edit))
    err = refused(street, bad)
    assert err.code == "record_outside"
    zh, en = err.text("zh"), err.text("en")
    # the record and both units named: the unit it claims and the sender
    assert moved[0] in zh and "大李家村（210213001001）" in zh and "前进村（210213001002）" in zh
    assert moved[0] in en and "nothing was changed" in en


def test_street_forwarding_cannot_take_over_another_streets_child(world: dict[str, Office],
                                                                  tmp_path: Path) -> None:
    a, c, street, street2, district = (world[k] for k in ("a", "c", "street", "street2",
                                                           "district"))
    package.import_package(street2.store,
                           package.export_package(c.store, PERIOD, tmp_path / "c.lbpkg").path)
    package.import_package(district.store, package.export_package(
        street2.store, PERIOD, tmp_path / "s2.lbpkg").path)
    target = next(iter(SyncStore(district.store).iter_records("child", VILLAGE_C)))

    package.import_package(street.store,
                           package.export_package(a.store, PERIOD, tmp_path / "a.lbpkg").path)
    ps = package.export_package(street.store, PERIOD, tmp_path / "s1.lbpkg")
    bad = tmp_path / "forward.lbpkg"
    bad.write_bytes(rewrite(ps.path.read_bytes(), street, district,
                            take_over(target, VILLAGE_A)))
    err = refused(district, bad)
    assert err.code == "owned_elsewhere"
    assert "拥政村（210213002001）" in err.text("zh") and target["id"] in err.text("zh")
    assert SyncStore(district.store).existing("child", [target["id"]])[target["id"]] == target
    # the genuine street package still imports
    assert package.import_package(district.store, ps.path).counts["new"] > 0


def test_restore_carrying_another_villages_child_is_refused_by_the_cli(
        world: dict[str, Office], tmp_path: Path) -> None:
    """A restore package (street → village) may carry only the receiving village's own
    records. The street's real restore for village A, carrying also a child the street holds
    for village B (re-signed with the street's enrolled key and encrypted to A: what a
    hostile or broken street office can make), is refused by A's ``leftbehind import``
    naming the record and both units; A's store stays byte-identical."""
    a, b, street = world["a"], world["b"], world["street"]
    for office_, name in ((a, "a.lbpkg"), (b, "b.lbpkg")):
        package.import_package(street.store, package.export_package(
            office_.store, PERIOD, tmp_path / name).path)
    foreign = next(iter(SyncStore(street.store).iter_records("child", VILLAGE_B)))
    rp = package.export_package(street.store, PERIOD, tmp_path / "r.lbpkg", kind="restore",
                                recipient_unit=VILLAGE_A)
    assert package.verify_package(a.store, rp.path).kind == "restore"  # the genuine one is fine

    def edit(items: list[dict[str, Any]]) -> None:
        items.append({"kind": "child", "record": foreign})

    bad = tmp_path / "restore.lbpkg"
    bad.write_bytes(rewrite(rp.path.read_bytes(), street, a, edit))
    proc, changed = run_cli_import(a, bad)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert foreign["id"] in proc.stderr and VILLAGE_B in proc.stderr
    assert "大李家村（210213001001）" in proc.stderr and "恢复数据包" in proc.stderr
    # the other village by its official name (the shipped codes), though A holds no row of it
    assert f"{units.known_name(VILLAGE_B)}（{VILLAGE_B}）" in proc.stderr, proc.stderr
    assert not changed, "the village's store changed although the restore was refused"
    assert foreign["id"] not in {c["id"] for c in SyncStore(a.store).iter_records("child")}


def test_conflict_resolution_cannot_move_a_child_out_of_the_senders_area(
        world: dict[str, Office], tmp_path: Path) -> None:
    """A conflict filed under the wrong unit (as the old importer did): "keep incoming"
    would move the child to the other village — refused, the child unchanged."""
    a, b, street = world["a"], world["b"], world["street"]
    package.import_package(street.store,
                           package.export_package(a.store, PERIOD, tmp_path / "a.lbpkg").path)
    rb = package.import_package(street.store,
                                package.export_package(b.store, PERIOD, tmp_path / "b.lbpkg").path)
    ex = SyncStore(street.store)
    target = next(iter(ex.iter_records("child", VILLAGE_A)))
    plan = MergePlan(conflicts=[
        {"package_id": rb.package_id, "kind": "child", "record_id": target["id"],
         "child_id": target["id"], "unit_code": VILLAGE_B, "field": "unit_code",
         "local": VILLAGE_A, "incoming": VILLAGE_B},
        {"package_id": rb.package_id, "kind": "child", "record_id": target["id"],
         "child_id": target["id"], "unit_code": VILLAGE_B, "field": "name",
         "local": target["name"], "incoming": "冒名顶替"}])
    with street.store.transaction() as audit:
        ex.apply(plan, audit)
    for c in review.open_conflicts(street.store):
        with pytest.raises(SyncError) as info:
            review.resolve_conflict(street.store, c["id"], "incoming")
        assert info.value.code == "owned_elsewhere" and target["id"] in info.value.text("zh")
    assert ex.existing("child", [target["id"]])[target["id"]] == target


def run_cli_import(receiver: Office, path: Path) -> tuple[subprocess.CompletedProcess[str], bool]:
    """``leftbehind --store DIR import PATH`` in its own process (the store closed here
    meanwhile); the result and whether the store's files changed."""
    receiver.close()
    before = db_digest(receiver.dir)
    env = {**os.environ, "LEFTBEHIND_PASSPHRASE": PASSPHRASE}
    proc = subprocess.run([sys.executable, "-m", "leftbehind_desktop.cli", "--store",
                           str(receiver.dir), "import", str(path)], capture_output=True,
                          text=True, env=env, timeout=120)
    changed = db_digest(receiver.dir) != before
    receiver.reopen()
    return proc, changed


def test_cli_refuses_takeover_with_the_message_and_exit_code(world: dict[str, Office],
                                                             tmp_path: Path) -> None:
    a, b, street = world["a"], world["b"], world["street"]
    package.import_package(street.store,
                           package.export_package(a.store, PERIOD, tmp_path / "a.lbpkg").path)
    target = next(iter(SyncStore(street.store).iter_records("child", VILLAGE_A)))
    pb = package.export_package(b.store, PERIOD, tmp_path / "b.lbpkg")
    bad = tmp_path / "takeover.lbpkg"
    bad.write_bytes(rewrite(pb.path.read_bytes(), b, street, take_over(target, VILLAGE_B)))
    proc, changed = run_cli_import(street, bad)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert target["id"] in proc.stderr and "大李家村（210213001001）" in proc.stderr
    assert not changed
