"""A full quarter with real stores: two villages export, the street imports, resolves a
conflict and a duplicate, forwards to the district; the district's counts equal the
villages' sum. Then a restore package re-provisions a wiped village laptop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from leftbehind_desktop.core.messages import UserError
from leftbehind_desktop.store.sync import SyncStore
from leftbehind_desktop.sync import overview, package, review
from tests.conftest import CHILD, STREET
from tests.sync.helpers import (
    VILLAGE_A,
    VILLAGE_B,
    Office,
    close_all,
    enroll_pair,
    office,
    street_world,
)

PERIOD = "2026Q4"


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[dict[str, Office]]:
    o = street_world(tmp_path, (12, 9))
    yield o
    close_all(o)


def test_enrollment_exchanges_keys_units_and_policy(offices: dict[str, Office]) -> None:
    a, street = offices["a"], offices["street"]
    keys = SyncStore(street.store).keys(relation="child")
    assert {k.unit_code for k in keys} == {VILLAGE_A, VILLAGE_B}
    parent = SyncStore(a.store).keys(relation="parent")
    assert [k.unit_code for k in parent] == [STREET]
    assert a.store.setting("parent_unit") == STREET
    assert a.store.setting("quarter_deadline_days") == "10"
    # the village now knows its street (and villages enrolled before it) by name
    assert a.reg.unit_name(STREET) == "大魏家街道"
    assert offices["b"].reg.unit_name(VILLAGE_A) == "大李家村"


def test_full_quarter_round_trip(offices: dict[str, Office], tmp_path: Path) -> None:
    a, b, street, district = (offices[k] for k in ("a", "b", "street", "district"))
    # the same child registered in both villages (moved house, registered twice)
    dup_a = a.reg.add("child", dict(CHILD)).record["id"]
    dup_b = b.reg.add("child", {**CHILD, "residence": "前进村1组1号"}).record["id"]

    pa1 = package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg")
    pb1 = package.export_package(b.store, PERIOD, tmp_path / "b1.lbpkg")
    assert a.store.setting("locked_through") == PERIOD
    ra = package.import_package(street.store, pa1.path)
    assert ra.counts["new"] == sum(pa1.record_counts.values())
    rb = package.import_package(street.store, pb1.path)
    assert rb.counts["duplicate"] == 1
    assert any(i.outcome == "duplicate" and i.record_id == dup_b for i in rb.items)
    assert "前进村" in rb.headline() and "疑似重复登记 1" in rb.headline()
    dup = next(i for i in rb.items if i.outcome == "duplicate")
    assert dup.text("zh").endswith(f"疑似重复登记（身份证号与{VILLAGE_A}的儿童相同）")
    assert dup.text("en").endswith(f"possible duplicate (same ID number as a child of {VILLAGE_A})")

    # the street corrects the child's address while the village changes it too
    street.reg.update("child", dup_a, {"residence": "大李家村3组12号（街道核实）"})
    with pytest.raises(UserError):  # R10: the village's quarter is locked
        a.reg.update("child", dup_a, {"residence": "大李家村5组1号"})
    a.reg.update("child", dup_a, {"residence": "大李家村5组1号", "notes": "已搬家"},
                 reason="搬家后更正住址")
    pa2 = package.export_package(a.store, PERIOD, tmp_path / "a2.lbpkg")
    assert pa2.sequence == 2
    ra2 = package.import_package(street.store, pa2.path)
    assert ra2.counts["conflict"] == 1
    clash = next(i for i in ra2.items if i.outcome == "conflict")
    assert (clash.detail_text("zh"), clash.detail_text("en")) == ("现居住地", "Current address")
    conflicts = review.open_conflicts(street.store)
    assert [(c["field"], c["local_value"], c["incoming_value"]) for c in conflicts] == [
        ("residence", "大李家村3组12号（街道核实）", "大李家村5组1号")]
    # the field only the village changed was taken over, without a conflict
    assert street.reg.get("child", dup_a)["notes"] == "已搬家"

    review.resolve_conflict(street.store, conflicts[0]["id"], "incoming")
    assert street.reg.get("child", dup_a)["residence"] == "大李家村5组1号"
    kept = SyncStore(street.store).conflicts(status=None)[0]
    assert kept["status"] == "resolved"
    assert kept["local_value"] == "大李家村3组12号（街道核实）"  # the losing value is kept

    case = review.open_duplicates(street.store)[0]
    assert sorted(case["record_ids"]) == sorted([dup_a, dup_b])
    review.resolve_duplicate(street.store, case["id"], dup_a, "儿童已迁至大李家村")
    assert street.reg.get("child", dup_b, include_deleted=True)["deleted"] is True

    review.pass_all(street.store, PERIOD, VILLAGE_A)
    ov = {r.unit_code: r for r in overview.overview(street.store, PERIOD).rows}
    assert ov[VILLAGE_A].state == "已审核" and ov[VILLAGE_B].received_at is not None
    assert ov[VILLAGE_B].reviewed_at is None

    fwd = package.export_package(street.store, PERIOD, tmp_path / "street.lbpkg")
    rd = package.import_package(district.store, fwd.path)
    assert rd.counts["new"] == sum(fwd.record_counts.values())
    ex_d = SyncStore(district.store)
    district_counts = ex_d.record_counts()
    villages = [SyncStore(v.store).record_counts() for v in (a, b)]
    assert district_counts == {k: villages[0][k] + villages[1][k] for k in district_counts}
    live = ex_d.record_counts(include_deleted=False)
    assert live["child"] == district_counts["child"] - 1  # the resolved duplicate
    assert district.reg.get("child", dup_a)["residence"] == "大李家村5组1号"
    # provenance: the three village packages the street incorporated
    prov = ex_d.provenance(fwd.package_id)
    assert sorted(p["package_id"] for p in prov) == sorted(
        [pa1.package_id, pb1.package_id, pa2.package_id])
    # re-import at the district: a no-op that says so
    again = package.import_package(district.store, fwd.path)
    assert again.already_imported and "已" in again.headline() and "导入过" in again.headline()
    assert ex_d.record_counts() == district_counts
    # the street's overview at the district
    dov = overview.overview(district.store, PERIOD).rows
    assert [(r.unit_code, r.received_at is not None) for r in dov] == [(STREET, True)]
    # the district knows every real street of 金普新区 by name; only enrolled ones report
    assert len(district.reg.list_units()) > 25


def test_restore_package_reprovisions_a_wiped_village(offices: dict[str, Office],
                                                      tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    pa = package.export_package(a.store, PERIOD, tmp_path / "a.lbpkg")
    package.import_package(street.store, pa.path)
    # the laptop is replaced: a new store, a new device, enrolled again
    new = office(tmp_path, "a-new", "village", VILLAGE_A, "大李家村")
    try:
        enroll_pair(new, street)
        out = package.export_package(street.store, PERIOD, tmp_path / "restore.lbpkg",
                                     kind="restore", recipient_unit=VILLAGE_A)
        report = package.import_package(new.store, out.path)
        assert report.kind == "restore"
        assert SyncStore(new.store).record_counts() == SyncStore(a.store).record_counts()
        child = next(SyncStore(a.store).iter_records("child"))
        assert new.reg.get("child", child["id"])["name"] == child["name"]
    finally:
        new.close()


def test_progress_is_reported(offices: dict[str, Office], tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    seen: list[tuple[int, int]] = []
    pa = package.export_package(a.store, PERIOD, tmp_path / "a.lbpkg",
                                progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 100) and seen[-1] == (100, 100)
    seen.clear()
    package.import_package(street.store, pa.path, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (100, 100)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
