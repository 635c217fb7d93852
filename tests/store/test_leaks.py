"""No personal data in plaintext on disk: a session through the CLI (its own TMPDIR), then a
scan of every file under the store directory and that temp dir, in UTF-8, GBK and UTF-16."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NAME = "欧阳璇玑"
ID_NUMBER = "210213201409095627"
NOTE = "走访记录机密内容甲乙丙"
PASS = "leak test passphrase"


def encodings(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("gbk"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def scan(root: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}: {n!r}" for n in needles if n in data]
    return found


def test_no_personal_data_in_any_file_after_a_session(tmp_path: Path):
    store, tmp = tmp_path / "store", tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "LEFTBEHIND_PASSPHRASE": PASS, "TMPDIR": str(tmp)}

    def cli(*args: str, stdin: str | None = None) -> str:
        proc = subprocess.run([sys.executable, "-m", "leftbehind_desktop.cli", "--store", str(store), *args],
                              input=stdin, capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    cli("init", "--role", "village", "--unit", "210213001001", "--unit-name", "大李家村", "--officer", "刘淑华")
    cli("demo", "--children", "30")
    child = {"name": NAME, "sex": "女", "birth_date": "2014-09-09", "id_number": ID_NUMBER,
             "residence": "大李家村1组", "schooling": "小学", "living_arrangement": "与祖辈同住"}
    cid = json.loads(cli("child", "add", "--json", stdin=json.dumps(child)))["record"]["id"]
    cli("visit", "add", "--child", cid, stdin=json.dumps(
        {"visit_date": "2026-11-02", "visitor": "刘淑华", "living_arrangement": "与祖辈同住", "findings": NOTE}))
    cli("child", "list", "--search", "oyxj")
    cli("child", "show", cid)
    cli("check")
    needles = [n for text in (NAME, ID_NUMBER, NOTE) for n in encodings(text)]
    # the check is real: the same scan finds the data in a plaintext copy
    (tmp_path / "control.txt").write_bytes(NAME.encode("gbk"))
    assert scan(tmp_path, needles) == ["control.txt: " + repr(NAME.encode("gbk"))]
    assert scan(store, needles) == []
    assert scan(tmp, needles) == []
    assert {p.name for p in store.iterdir()} <= {"registry.db", "registry.db-wal", "registry.db-shm",
                                                  "keyslots.json", ".lock"}
