from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from leftbehind_desktop.core.messages import UserError
from leftbehind_desktop.store import backup
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.schema import SCHEMA_VERSION
from leftbehind_desktop.store.store import Store
from tests.conftest import PASSPHRASE, fill_demo, make_store


def test_backup_verify_and_restore_round_trip(tmp_path: Path, child_data):
    store_dir = tmp_path / "store"
    store, recovery = make_store(store_dir)
    reg = Registry(store)
    fill_demo(reg, 10)
    kept = reg.add("child", child_data).record["id"]
    usb = tmp_path / "usb"
    path = backup.write_backup(store, usb)
    assert path.name.startswith("leftbehind-backup-210213001001-") and not list(usb.glob("*.partial"))
    # a change after the backup...
    lost = reg.add("child", {**child_data, "name": "李四", "id_number": None, "hukou_registered": False}
                   ).record["id"]
    assert reg.history(kept)  # the backup itself was audited
    store.close()

    info = backup.verify_backup(path, passphrase=PASSPHRASE)
    assert info.children == 11 and info.unit_code == "210213001001"
    assert backup.verify_backup(path, recovery_key=recovery).children == 11
    with pytest.raises(UserError, match="密码不正确"):
        backup.verify_backup(path, passphrase="wrong wrong")

    asked = []
    with pytest.raises(UserError, match="已取消"):
        backup.restore_backup(path, store_dir, passphrase=PASSPHRASE, confirm=lambda i: asked.append(i) or False)
    assert asked and Store.exists(store_dir)
    safety = backup.restore_backup(path, store_dir, passphrase=PASSPHRASE, confirm=lambda i: True)
    with Store.open(store_dir, passphrase=PASSPHRASE) as restored:
        r = Registry(restored)
        assert r.get("child", kept)["name"] == "张小明"
        with pytest.raises(UserError):
            r.get("child", lost)
    # the safety copy still has the newer state
    with Store.open(safety, passphrase=PASSPHRASE) as before:
        assert Registry(before).get("child", lost)["name"] == "李四"


def test_backup_files_hold_no_plaintext(tmp_path: Path, child_data):
    store, _ = make_store(tmp_path / "store")
    Registry(store).add("child", child_data)
    path = backup.write_backup(store, tmp_path / "usb")
    store.close()
    for f in path.iterdir():
        data = f.read_bytes()
        assert "张小明".encode() not in data and b"210213201503041254" not in data


def test_damaged_or_foreign_backup_is_refused(tmp_path: Path):
    store, _ = make_store(tmp_path / "store")
    path = backup.write_backup(store, tmp_path / "usb")
    store.close()
    db = path / "registry.db"
    raw = bytearray(db.read_bytes())
    raw[5000] ^= 0xFF
    db.write_bytes(bytes(raw))
    with pytest.raises(UserError, match="已损坏"):
        backup.verify_backup(path, passphrase=PASSPHRASE)
    with pytest.raises(UserError, match="不是本软件的备份"):
        backup.verify_backup(tmp_path, passphrase=PASSPHRASE)


def test_restore_refused_while_the_store_is_open(tmp_path: Path):
    store, _ = make_store(tmp_path / "store")
    path = backup.write_backup(store, tmp_path / "usb")
    with pytest.raises(UserError, match="另一个程序"):
        backup.restore_backup(path, store.dir, passphrase=PASSPHRASE, confirm=lambda i: True)
    store.close()


def test_daily_backups_rotate_to_seven_daily_and_four_weekly(tmp_path: Path):
    store, _ = make_store(tmp_path / "store")
    start = datetime(2026, 9, 1, 18, 0)
    for day in range(60):
        backup.auto_backup(store, now=start + timedelta(days=day))
    backup.auto_backup(store, reason="exit", now=start + timedelta(days=59, hours=3))  # same day again
    names = [p.name for p in backup.list_backups(store.dir / "backups")]
    store.close()
    days = [n[5:] for n in names]
    assert days[-7:] == [f"{start + timedelta(days=d):%Y-%m-%d}" for d in range(53, 60)]
    assert len(names) <= 7 + 4 and len(names) >= 9
    weeks = {datetime.strptime(d, "%Y-%m-%d").isocalendar()[:2] for d in days}
    assert len(weeks) >= 4
    assert backup.needs_daily_backup is not None


def test_older_store_is_backed_up_then_migrated(tmp_path: Path, child_data):
    store_dir = tmp_path / "store"
    store, _ = make_store(store_dir)
    Registry(store).add("child", child_data)
    # make it look like a store written by the previous schema version
    store.conn.execute("DROP INDEX child_listing")
    store.conn.execute("PRAGMA user_version = 2")
    store.close()
    with Store.open(store_dir, passphrase=PASSPHRASE) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.conn.execute("SELECT name FROM sqlite_master WHERE name = 'child_listing'").fetchone()
    (pre,) = backup.list_backups(store_dir / "backups")
    assert pre.name.startswith("before-upgrade-v2-")
    info = backup.verify_backup(pre, passphrase=PASSPHRASE)
    assert info.schema_version == 2 and info.children == 1


def test_incomplete_backup_is_neither_listed_nor_restorable(tmp_path: Path):
    store, _ = make_store(tmp_path / "store")
    path = backup.auto_backup(store)
    again = backup.auto_backup(store)  # the same day replaces by renames
    assert again == path and not list((store.dir / "backups").glob("*.old"))
    store.close()
    (path / "registry.db").unlink()  # what a crash half-way through deleting would leave
    assert backup.list_backups(path.parent) == []
    with pytest.raises(UserError, match="不完整"):
        backup.verify_backup(path, passphrase=PASSPHRASE)
