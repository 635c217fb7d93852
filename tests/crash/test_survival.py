"""SIGKILL at random moments of writes, imports, backups and passphrase changes.

After every kill the store must open (with one of the two passphrases the worker uses), pass
``integrity_check``, ``cipher_integrity_check`` and the audit chain, and hold all or none of
the interrupted operation. CI runs LEFTBEHIND_CRASH_KILLS (default 50) kills per operation:
200 per run. The count is printed at the end of the run.

Kept quick without fewer kills: the workers are forked by one server process that imported
the program once (``survival_worker.py serve``); the write test starts again from a snapshot
of its store every ``RESET_EVERY`` kills, so the checks after a kill scan a store of bounded
size; the per-child checks read the audit counts in one grouped query.
"""

from __future__ import annotations

import json
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
RESET_EVERY = 10  # the write test's store starts again from its snapshot every 10 kills
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


class Workers:
    """The fork server: ``run`` starts a worker (a fork of a process that has imported the
    program) and returns its pid once it has opened the store; ``reap`` waits for it."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, str(WORKER), "serve"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self._line() == "serving"

    def _line(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def _send(self, *cmd: str | int) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        return self._line()

    def run(self, mode: str, directory: Path, *extra: str) -> int:
        answer = self._send("run", mode, str(directory), *extra)
        assert answer.startswith("ready "), f"worker did not start (server said {answer!r})"
        return int(answer.split()[1])

    def reap(self, pid: int) -> None:
        """Wait for the worker; it must have been running until the SIGKILL."""
        assert self._send("reap", pid) == f"reaped {int(signal.SIGKILL)}", "the worker died by itself"

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def workers() -> Iterator[Workers]:
    w = Workers()
    yield w
    w.close()


def kill_at_random(workers: Workers, mode: str, directory: Path, rng: random.Random, *extra: str) -> None:
    pid = workers.run(mode, directory, *extra)
    time.sleep(rng.uniform(0.0, 0.5))
    os.kill(pid, signal.SIGKILL)
    workers.reap(pid)
    KILL_COUNT[mode] = KILL_COUNT.get(mode, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    print(f"\nSIGKILLs: {KILL_COUNT} total {sum(KILL_COUNT.values())}")


@pytest.mark.slow
def test_kills_during_writes(tmp_path: Path, workers: Workers):
    directory, snapshot = tmp_path / "store", tmp_path / "snapshot"
    make_store(snapshot)[0].close()
    rng = random.Random(1)
    for i in range(KILLS):
        if i % RESET_EVERY == 0:  # a store of bounded size: the checks stay quick
            shutil.rmtree(directory, ignore_errors=True)
            shutil.copytree(snapshot, directory)
        kill_at_random(workers, "write", directory, rng)
        with open_any(directory) as store:
            healthy(store)
            conn = store.conn
            demo = conn.execute("SELECT count(*) FROM child WHERE name NOT LIKE '写入%'").fetchone()[0]
            assert demo % 20 == 0  # bulk inserts of 20 demo children: all or none
            events = dict(conn.execute(
                "SELECT record_id, count(*) FROM audit_event WHERE entity = 'child' GROUP BY record_id"))
            visits = dict(conn.execute("SELECT child_id, count(*) FROM visit GROUP BY child_id"))
            written = conn.execute("SELECT id, version FROM child WHERE name LIKE '写入%'").fetchall()
            for cid, version in written:
                assert events.get(cid, 0) == version  # each child's create/updates and their events: all or none
                assert visits.get(cid, 0) <= 1


@pytest.mark.slow
def test_kills_during_imports(tmp_path: Path, workers: Workers):
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
        kill_at_random(workers, "import", work, rng, *pkgs)
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
def test_kills_during_backups(tmp_path: Path, workers: Workers):
    directory = tmp_path / "store"
    store, _ = make_store(directory)
    Registry(store).add("child", {"name": "备份", "sex": "女", "birth_date": "2015-06-01", "hukou_registered": False,
                                  "residence": "大李家村", "schooling": "小学", "living_arrangement": "与祖辈同住"})
    store.close()
    rng = random.Random(3)
    for i in range(KILLS):
        kill_at_random(workers, "backup", directory, rng)
        with open_any(directory) as s:
            healthy(s)
        if i % 10 == 0:  # every complete backup verifies (slow: not after every kill)
            for b in backup.list_backups(directory / "backups"):
                assert backup.verify_backup(b, passphrase=PASS_A).children == 1


@pytest.mark.slow
def test_kills_during_passphrase_changes(tmp_path: Path, workers: Workers):
    directory = tmp_path / "store"
    make_store(directory)[0].close()
    rng = random.Random(4)
    for _ in range(KILLS):
        kill_at_random(workers, "passwd", directory, rng)
        with open_any(directory) as store:
            healthy(store)
        # a half-written key slot file from the killed process is cleaned up on open
        assert not list(directory.glob(".keyslots.json.tmp-*"))
