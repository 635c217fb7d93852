"""The read-only connection of worker threads (work lists, 汇总分析) is kept between uses so
its cache of decrypted pages stays warm — and it never shows old data, outlives a lock, or
keeps a replaced key."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlcipher3

from leftbehind_desktop.core.messages import UserError
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store
from tests.conftest import CHILD, PASSPHRASE


def count(conn: object) -> int:
    return int(conn.execute("SELECT count(*) FROM child").fetchone()[0])  # type: ignore[attr-defined]


def test_the_reader_is_kept_and_sees_every_write(registry: Registry) -> None:
    store = registry.store
    with store.reader() as first:
        assert count(first) == 0
    registry.add("child", dict(CHILD))  # written on the app's own connection
    with store.reader() as again:
        assert again is first  # the same connection, its cache warm
        assert count(again) == 1  # and the write is there
        with store.reader() as meanwhile:  # a second reader while the first is busy
            assert meanwhile is not first and count(meanwhile) == 1
        with pytest.raises(sqlcipher3.OperationalError):
            again.execute("DELETE FROM child")  # read-only
    with store.reader() as third:
        assert third is meanwhile  # one connection is kept: the first one given back
    with pytest.raises(sqlcipher3.ProgrammingError):
        first.execute("SELECT 1")  # the other was closed


def test_a_failed_read_does_not_keep_its_connection(store: Store) -> None:
    with pytest.raises(RuntimeError), store.reader() as conn:
        conn.execute("BEGIN")
        raise RuntimeError("the job failed")
    with store.reader() as fresh:
        assert fresh is not conn and not fresh.in_transaction


def test_locking_closes_the_kept_reader(store_dir: Path, store: Store) -> None:
    with store.reader() as conn:
        pass
    store.close()
    with pytest.raises(sqlcipher3.ProgrammingError):
        conn.execute("SELECT 1")  # closed with the store: no key left in memory
    with pytest.raises(UserError), store.reader():
        pass
    again = Store.open(store_dir, passphrase=PASSPHRASE)
    again.close()


def test_a_new_data_key_replaces_the_kept_reader(registry: Registry) -> None:
    store = registry.store
    registry.add("child", dict(CHILD))
    with store.reader() as old:
        assert count(old) == 1
    store.rekey(PASSPHRASE, KdfParams.fast())
    with store.reader() as new:
        assert new is not old and count(new) == 1


def test_readers_from_worker_threads_in_turn(registry: Registry) -> None:
    store = registry.store
    registry.add("child", dict(CHILD))
    seen: list[int] = []

    def work() -> None:
        with registry.reading() as reader:
            seen.append(reader.count_children())

    for _ in range(3):
        t = threading.Thread(target=work)
        t.start()
        t.join()
    assert seen == [1, 1, 1]
    assert store._idle_reader is not None
