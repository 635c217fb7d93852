"""The street office checks that each village's audit chain continues across quarters."""

from __future__ import annotations

from pathlib import Path

from leftbehind_desktop.store import backup
from leftbehind_desktop.sync import enroll, package
from tests.conftest import PASSPHRASE, STREET, VILLAGE
from tests.sync.helpers import enroll_pair, office

CHILD = {"sex": "女", "birth_date": "2015-06-01", "hukou_registered": False, "residence": "大李家村",
         "schooling": "小学", "living_arrangement": "与祖辈同住"}


def test_a_village_history_rewritten_between_quarters_is_reported(tmp_path: Path):
    village = office(tmp_path, "v", "village", VILLAGE, "大李家村")
    street = office(tmp_path, "s", "street", STREET, "大魏家街道")
    enroll_pair(village, street)
    village.reg.add("child", {**CHILD, "name": "第一季"})
    p1 = package.export_package(village.store, "2026Q1", tmp_path / "q1.lbpkg").path
    old = backup.write_backup(village.store, tmp_path / "usb")
    village.reg.add("child", {**CHILD, "name": "第二季"})
    p2 = package.export_package(village.store, "2026Q2", tmp_path / "q2.lbpkg").path
    r1 = package.import_package(street.store, p1)
    r2 = package.import_package(street.store, p2)
    assert r1.chain_gap_at is None and r2.chain_gap_at is None  # continuous
    assert "不连续" not in r2.headline("zh")

    # the village laptop goes back to the old backup and carries on: its history forks.
    # (Its package sequence is carried over, else the street refuses the package as a
    # rollback before it gets this far.)
    kept = {k: village.store.setting(k) for k in ("sync_sequence", "sync_last_manifest_sha256")}
    village.close()
    backup.restore_backup(old, village.dir, passphrase=PASSPHRASE, confirm=lambda info: True)
    village.reopen()
    with village.store.transaction() as audit:
        for key, value in kept.items():
            assert value is not None
            village.store.set_setting(key, value, audit)
    village.reg.add("child", {**CHILD, "name": "第三季"})
    p3 = package.export_package(village.store, "2026Q3", tmp_path / "q3.lbpkg").path
    r3 = package.import_package(street.store, p3)
    assert r3.chain_gap_at is not None
    assert "审计记录与上次接收的不连续" in r3.headline("zh") and "not continue" in r3.headline("en")
    assert r3.as_dict()["audit_chain_gap_at"] == r3.chain_gap_at
    village.close()
    street.close()
    assert enroll  # the offices were enrolled through the real enrollment API
