from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from leftbehind_desktop.core.messages import UserError
from leftbehind_desktop.store import throttle
from leftbehind_desktop.store.keyslots import KdfParams, normalise_recovery_key
from leftbehind_desktop.store.store import DB_NAME, KEYSLOTS_NAME, Store, reset_passphrase
from tests.conftest import PASSPHRASE, VILLAGE, make_store


def test_init_creates_encrypted_db_and_keyslots_without_plain_key(store_dir: Path):
    store, recovery = make_store(store_dir)
    key_hex = store._data_key.hex()
    store.close()
    assert (store_dir / DB_NAME).read_bytes()[:16] != b"SQLite format 3\x00"
    slots = json.loads((store_dir / KEYSLOTS_NAME).read_text())
    assert {s["kind"] for s in slots["slots"]} == {"passphrase", "recovery"}
    for path in store_dir.iterdir():
        if path.is_file():
            assert key_hex.encode() not in path.read_bytes()
    assert len(recovery) == 47 and recovery.count("-") == 7


def test_reopen_with_passphrase_and_settings_survive(store_dir: Path):
    store, _ = make_store(store_dir)
    store.close()
    with Store.open(store_dir, passphrase=PASSPHRASE) as again:
        assert again.unit_code == VILLAGE and again.role == "village" and again.officer == "刘淑华"


def test_wrong_passphrase_is_a_clear_error_and_changes_nothing(store_dir: Path):
    store, _ = make_store(store_dir)
    store.close()
    before = {p.name: p.read_bytes() for p in store_dir.iterdir() if p.is_file()}
    with pytest.raises(UserError) as err:
        Store.open(store_dir, passphrase="not the passphrase")
    assert "密码不正确" in str(err.value) and err.value.code == "wrong_passphrase"
    after = {p.name: p.read_bytes() for p in store_dir.iterdir() if p.is_file()}
    # only the attempt counter (no secret, see throttle.py) is new
    assert after.pop(throttle.FILE_NAME) and before == after


def test_recovery_key_resets_the_passphrase(store_dir: Path):
    store, recovery = make_store(store_dir)
    store.close()
    with pytest.raises(UserError, match="恢复密钥不正确"):
        Store.open(store_dir, recovery_key="ABCDE-ABCDE-ABCDE-ABCDE-ABCDE-ABCDE-ABCDE-ABCDE")
    # typed in lower case with spaces instead of dashes still works
    reset_passphrase(store_dir, recovery.lower().replace("-", " "), "a new passphrase",
                     KdfParams.fast()).close()
    with pytest.raises(UserError):
        Store.open(store_dir, passphrase=PASSPHRASE)
    Store.open(store_dir, passphrase="a new passphrase").close()


def test_malformed_recovery_key_is_explained():
    with pytest.raises(UserError, match="8组"):
        normalise_recovery_key("12345")


def test_change_passphrase_rewraps_and_is_audited(store_dir: Path):
    store, _ = make_store(store_dir)
    db_before = (store_dir / DB_NAME).stat().st_size
    store.change_passphrase("second passphrase", KdfParams.fast())
    actions = [r[0] for r in store.conn.execute("SELECT action FROM audit_event")]
    store.close()
    assert actions[-1] == "store.passwd"
    Store.open(store_dir, passphrase="second passphrase").close()
    with pytest.raises(UserError):
        Store.open(store_dir, passphrase=PASSPHRASE)
    assert (store_dir / DB_NAME).stat().st_size >= db_before


def test_short_passphrase_refused(store_dir: Path):
    with pytest.raises(UserError, match="至少"):
        Store.init(store_dir, "short", role="village", unit_code=VILLAGE, unit_name="x", officer="y")
    assert not Store.exists(store_dir)


def test_unit_code_must_match_role(store_dir: Path):
    with pytest.raises(UserError, match="级别"):
        Store.init(store_dir, PASSPHRASE, role="street", unit_code=VILLAGE, unit_name="x",
                   officer="y", kdf=KdfParams.fast())


def test_missing_store_is_a_clear_error(tmp_path: Path):
    with pytest.raises(UserError, match="找不到数据库"):
        Store.open(tmp_path / "nothing", passphrase=PASSPHRASE)


def test_second_process_is_refused_while_store_is_open(store: Store):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from leftbehind_desktop.store.store import Store\n"
        "from leftbehind_desktop.core.messages import UserError\n"
        "try:\n"
        f"    Store.open(Path({str(store.dir)!r}), passphrase={PASSPHRASE!r})\n"
        "except UserError as e:\n"
        "    print(e.code); sys.exit(0)\n"
        "print('opened'); sys.exit(1)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "store_in_use", out.stderr


def test_store_written_by_newer_version_is_refused(store_dir: Path):
    store, _ = make_store(store_dir)
    store.conn.execute("PRAGMA user_version = 999")
    store.close()
    with pytest.raises(UserError, match="更新版本"):
        Store.open(store_dir, passphrase=PASSPHRASE)


def test_pragmas_wal_and_large_cache(store: Store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA cache_size").fetchone()[0] <= -65536
    assert store.conn.execute("PRAGMA temp_store").fetchone()[0] == 2


def test_wrong_attempts_are_slowed_down_and_the_count_survives_restarts(store_dir: Path):
    make_store(store_dir)[0].close()
    for _ in range(3):
        with pytest.raises(UserError, match="密码不正确"):
            Store.open(store_dir, passphrase="guess guess")
    # the 4th attempt within the waiting time is refused before any key derivation
    with pytest.raises(UserError, match="秒后再试") as err:
        Store.open(store_dir, passphrase=PASSPHRASE)
    assert err.value.code == "throttled"
    assert throttle.delay_after(3) == 2 and throttle.delay_after(10) == 256
    assert throttle.delay_after(30) == throttle.MAX_DELAY_S
    # the counter is on disk: a "restarted app" (a fresh check) still waits
    assert throttle.wait_seconds(store_dir) > 0
    # once the time has passed the right passphrase works and resets the counter
    throttle.check(store_dir, now=time.time() + 3)
    (store_dir / throttle.FILE_NAME).write_text('{"failures": 3, "last": 0}')
    Store.open(store_dir, passphrase=PASSPHRASE).close()
    assert not (store_dir / throttle.FILE_NAME).exists()


def test_rekey_changes_the_data_key_and_recovery_key(store_dir: Path):
    store, old_recovery = make_store(store_dir)
    old_key = store._data_key
    new_recovery = store.rekey(PASSPHRASE, KdfParams.fast())
    assert store._data_key != old_key and new_recovery != old_recovery
    store.close()
    with pytest.raises(UserError):
        Store.open(store_dir, recovery_key=old_recovery)
    with Store.open(store_dir, recovery_key=new_recovery) as again:
        assert again.conn.execute("SELECT value FROM setting WHERE key='unit_code'").fetchone()[0] == VILLAGE
        assert again._data_key != old_key
    assert not (store_dir / "keyslots.json.next").exists()


def test_interrupted_rekey_opens_either_way(store_dir: Path):
    """A crash between writing keyslots.json.next, PRAGMA rekey and the rename."""
    import shutil

    from leftbehind_desktop.store.keyslots import KeySlots

    store, _ = make_store(store_dir)
    store.close()
    snapshot = store_dir.parent / "before"
    shutil.copytree(store_dir, snapshot)
    with Store.open(store_dir, passphrase=PASSPHRASE) as s:
        s.rekey(PASSPHRASE, KdfParams.fast())
    rekeyed_slots = (store_dir / "keyslots.json").read_bytes()
    # (a) crash after .next was written, before PRAGMA rekey: old db, old slots, .next present
    case_a = store_dir.parent / "a"
    shutil.copytree(snapshot, case_a)
    (case_a / "keyslots.json.next").write_bytes(rekeyed_slots)
    Store.open(case_a, passphrase=PASSPHRASE).close()
    assert not (case_a / "keyslots.json.next").exists()
    # (b) crash after PRAGMA rekey, before the rename: new db, old slots, .next present
    case_b = store_dir.parent / "b"
    shutil.copytree(store_dir, case_b)
    (case_b / "keyslots.json.next").write_bytes(rekeyed_slots)
    (case_b / "keyslots.json").write_bytes((snapshot / "keyslots.json").read_bytes())
    Store.open(case_b, passphrase=PASSPHRASE).close()
    assert (case_b / "keyslots.json").read_bytes() == rekeyed_slots
    assert KeySlots.load(case_b / "keyslots.json").store_id


def test_escrow_lets_the_street_office_restore_access(store_dir: Path, tmp_path: Path):
    import pyrage

    from leftbehind_desktop.store.store import escrow_reset

    street_identity = pyrage.x25519.Identity.generate()
    store, _ = make_store(store_dir)
    store.set_escrow(str(street_identity.to_public()))
    store.close()
    # the officer lost passphrase and recovery key; the street office works on the key file
    other = pyrage.x25519.Identity.generate()
    with pytest.raises(UserError, match="没有托管给本单位"):
        escrow_reset(store_dir / "keyslots.json", str(other), "temporary passphrase", KdfParams.fast())
    escrow_reset(store_dir / "keyslots.json", str(street_identity), "temporary passphrase", KdfParams.fast())
    Store.open(store_dir, passphrase="temporary passphrase").close()
    slots = json.loads((store_dir / "keyslots.json").read_text())
    assert {s["kind"] for s in slots["slots"]} == {"passphrase", "recovery", "escrow"}
