from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import CHILD, ok_json, run


def test_backup_restore_rekey_and_escrow_through_the_cli(tmp_path: Path):
    village, street = tmp_path / "village", tmp_path / "street"
    ok_json(run(village, "init", "--role", "village", "--unit", "210213001001", "--unit-name", "大李家村",
                "--officer", "刘淑华", "--json"))
    cid = ok_json(run(village, "child", "add", "--json", stdin=json.dumps(CHILD)))["record"]["id"]
    usb = tmp_path / "usb"
    assert run(village, "backup", "create", "--to", str(usb)).returncode == 0
    (backup_path,) = list(usb.iterdir())
    verified = ok_json(run(village, "backup", "verify", str(backup_path), "--json"))
    assert verified["children"] == 1
    assert run(village, "child", "update", cid, "--json", stdin='{"notes": "备份之后的修改"}').returncode == 0
    proc = run(village, "backup", "restore", str(backup_path))
    assert proc.returncode == 1 and "--yes" in proc.stderr
    assert run(village, "backup", "restore", str(backup_path), "--yes").returncode == 0
    assert ok_json(run(village, "child", "show", cid, "--json"))["child"]["notes"] is None

    proc = run(village, "rekey")
    assert proc.returncode == 0 and "新的恢复密钥" in proc.stdout
    new_key = proc.stdout.strip().splitlines()[-1].strip()
    assert len(new_key) == 47

    ok_json(run(street, "init", "--role", "street", "--unit", "210213001000", "--unit-name", "大魏家街道",
                "--officer", "王建国", "--json"))
    from leftbehind_desktop.store.store import Store
    from tests.cli.test_cli import PASS

    with Store.open(street, passphrase=PASS) as s:
        import pyrage

        recipient = str(pyrage.x25519.Identity.from_str(s.setting("device_age_identity")).to_public())
    assert run(village, "escrow", "set", "--recipient", recipient).returncode == 0
    copy = tmp_path / "village-keyslots.json"
    copy.write_bytes((village / "keyslots.json").read_bytes())
    newpass = tmp_path / "np.txt"
    newpass.write_text("temporary street passphrase\n")
    assert run(street, "escrow", "reset", "--keyslots", str(copy), "--new-passphrase-file", str(newpass)
               ).returncode == 0
    (village / "keyslots.json").write_bytes(copy.read_bytes())
    assert run(village, "child", "list", passphrase="temporary street passphrase").returncode == 0
    bad = run(village, "escrow", "set", "--recipient", "age1notakey", passphrase="temporary street passphrase")
    assert bad.returncode == 1 and "托管公钥格式不正确" in bad.stderr
