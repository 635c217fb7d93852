"""SIGKILL at random moments of writes, imports, backups and passphrase changes.

After every kill the store must open (with one of the two passphrases the worker uses), pass
``integrity_check``, ``cipher_integrity_check`` and the audit chain, and hold all or none of
the interrupted operation. CI runs LEFTBEHIND_CRASH_KILLS (default 50) kills per operation:
200 per run. The count is printed at the end of the run.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from leftbehind_desktop.store import backup
from leftbehind_desktop.store.audit import verify_chain
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store
from leftbehind_desktop.sync import package
from tests.conftest import STREET, VILLAGE, make_store
from tests.crash.survival_worker import PASS_A, PASS_B
from tests.sync.helpers import enroll_pair, office

KILLS = int(os.environ.get("LEFTBEHIND_CRASH_KILLS", "50"))
WORKER = Path(__file__).with_name("survival_worker.py")
BATCH = 15
KILL_COUNT: dict[str, int] = {}


def open_any(directory: Path) -> Store:
    for p in (PASS_A, PASS_B):
        try:
            return Store.open(directory, passphrase=p)
        except Exception as exc:  # wrong passphrase: try the other one
            last = exc
    raise AssertionError(f"store does not open: {last}")


def healthy(store: Store) -> None:
    conn = store.conn
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    assert verify_chain(conn).ok


def kill_at_random(mode: str, directory: Path, rng: random.Random, *extra: str) -> None:
    proc = subprocess.Popen([sys.executable, str(WORKER), mode, str(directory), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    line = proc.stdout.readline().strip()
    assert line == "ready", proc.stderr.read()
    time.sleep(rng.uniform(0.0, 0.5))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    KILL_COUNT[mode] = KILL_COUNT.get(mode, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    print(f"\nSIGKILLs: {KILL_COUNT} total {sum(KILL_COUNT.values())}")


@pytest.mark.slow
def test_kills_during_writes(tmp_path: Path):
    directory = tmp_path / "store"
    make_store(directory)[0].close()
    rng = random.Random(1)
    for _ in range(KILLS):
        kill_at_random("write", directory, rng)
        with open_any(directory) as store:
            healthy(store)
            demo = store.conn.execute("SELECT count(*) FROM child WHERE name NOT LIKE '写入%'").fetchone()[0]
            assert demo % 20 == 0  # bulk inserts of 20 demo children: all or none
            for cid, version in store.conn.execute("SELECT id, version FROM child WHERE name LIKE '写入%'"):
                events = store.conn.execute(
                    "SELECT count(*) FROM audit_event WHERE record_id = ? AND entity = 'child'", (cid,)
                ).fetchone()[0]
                assert events == version  # each child's create/updates and their events: all or none
                visits = store.conn.execute("SELECT count(*) FROM visit WHERE child_id = ?", (cid,)).fetchone()[0]
                assert visits <= 1


@pytest.mark.slow
def test_kills_during_imports(tmp_path: Path):
    village = office(tmp_path, "v", "village", VILLAGE, "大李家村")
    street = office(tmp_path, "s", "street", STREET, "大魏家街道")
    enroll_pair(village, street)
    pkgs = []
    for k, period in enumerate(("2026Q1", "2026Q2", "2026Q3"), 1):
        for i in range(BATCH):
            village.reg.add("child", {"name": f"批{k}号{i}", "sex": "男", "birth_date": "2014-01-01",
                                      "hukou_registered": False, "residence": "大李家村", "schooling": "小学",
                                      "living_arrangement": "与祖辈同住"})
        pkgs.append(str(package.export_package(village.store, period, tmp_path / f"{period}.lbpkg").path))
    village.close()
    street.close()
    snapshot, work = tmp_path / "street-snapshot", tmp_path / "street-work"
    shutil.copytree(street.dir, snapshot)
    rng = random.Random(2)
    outcomes = set()
    for _ in range(KILLS):
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(snapshot, work)
        kill_at_random("import", work, rng, *pkgs)
        with open_any(work) as store:
            healthy(store)
            names = [r[0] for r in store.conn.execute("SELECT name FROM child")]
            per_batch = [sum(1 for n in names if n.startswith(f"批{k}号")) for k in (1, 2, 3)]
            # every package is in completely or not at all, and in order
            expected = [[0, 0, 0], [BATCH, 0, 0], [BATCH, BATCH, 0], [BATCH, BATCH, BATCH]]
            assert per_batch in expected
            outcomes.add(tuple(per_batch))
    assert len(outcomes) >= 2  # the kills really landed before and after imports


@pytest.mark.slow
def test_kills_during_backups(tmp_path: Path):
    directory = tmp_path / "store"
    store, _ = make_store(directory)
    Registry(store).add("child", {"name": "备份", "sex": "女", "birth_date": "2015-06-01", "hukou_registered": False,
                                  "residence": "大李家村", "schooling": "小学", "living_arrangement": "与祖辈同住"})
    store.close()
    rng = random.Random(3)
    for i in range(KILLS):
        kill_at_random("backup", directory, rng)
        with open_any(directory) as s:
            healthy(s)
        if i % 10 == 0:  # every complete backup verifies (slow: not after every kill)
            for b in backup.list_backups(directory / "backups"):
                assert backup.verify_backup(b, passphrase=PASS_A).children == 1


@pytest.mark.slow
def test_kills_during_passphrase_changes(tmp_path: Path):
    directory = tmp_path / "store"
    make_store(directory)[0].close()
    rng = random.Random(4)
    for _ in range(KILLS):
        kill_at_random("passwd", directory, rng)
        with open_any(directory) as store:
            healthy(store)
        # a half-written key slot file from the killed process is cleaned up on open
        assert not list(directory.glob(".keyslots.json.tmp-*"))
