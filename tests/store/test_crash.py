"""SIGKILL at random moments of writes leaves a consistent store.

The suite runs a few kills per mode; ``LEFTBEHIND_CRASH_KILLS=200 pytest tests/store/test_crash.py``
runs the long version (see docs/SECURITY.md).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from leftbehind_desktop.store.audit import verify_chain
from leftbehind_desktop.store.store import Store
from tests.conftest import PASSPHRASE, make_store

KILLS = int(os.environ.get("LEFTBEHIND_CRASH_KILLS", "6"))
WRITER = Path(__file__).with_name("crash_writer.py")


def check_invariants(directory: Path) -> tuple[int, int]:
    with Store.open(directory, passphrase=PASSPHRASE) as store:
        conn = store.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert verify_chain(conn).ok
        # all or nothing: every record has exactly its audit events and vice versa
        for table in ("child", "visit", "priority_flag", "family_member"):
            records = {r[0]: r[1] for r in conn.execute(f"SELECT id, version FROM {table}")}
            events: dict[str, int] = {}
            for rid, action in conn.execute(
                    "SELECT record_id, action FROM audit_event WHERE entity = ?", (table,)):
                if action in ("record.create", "record.demo", "record.update"):
                    events[rid] = events.get(rid, 0) + 1
            assert set(records) == set(events), table
            if table == "child":
                assert all(events[i] == v for i, v in records.items())
        children = conn.execute("SELECT count(*) FROM child").fetchone()[0]
        return int(children), int(conn.execute("SELECT count(*) FROM audit_event").fetchone()[0])


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["single", "bulk"])
def test_sigkill_during_writes_leaves_a_consistent_store(tmp_path: Path, mode: str):
    directory = tmp_path / "store"
    make_store(directory)[0].close()
    rng = random.Random(mode)
    progress = []
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, str(WRITER), str(directory), PASSPHRASE, mode],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        progress.append(check_invariants(directory))
    # the writer made progress between kills, so kills hit real writes
    assert progress[-1][0] > progress[0][0] > 0
