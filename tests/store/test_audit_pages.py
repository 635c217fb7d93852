"""The audit viewer's reads in store/: keyset pages, rare filters walked in windows, a child
filter, and the chain verified in steps — on a real store."""

from __future__ import annotations

import threading

from leftbehind_desktop.store import audit_pages
from leftbehind_desktop.store.registry import Registry

from ..conftest import fill_demo


def all_events(reg: Registry) -> list[int]:
    rows = audit_pages.page(reg.store, audit_pages.EventFilter(), limit=1_000_000)
    return [int(r["seq"]) for r in rows]


def test_pages_follow_each_other_newest_first(registry: Registry) -> None:
    fill_demo(registry, 30)
    seqs = all_events(registry)
    assert len(seqs) > 100 and seqs == sorted(seqs, reverse=True)
    first = audit_pages.page(registry.store, audit_pages.EventFilter(), limit=40)
    second = audit_pages.page(registry.store, audit_pages.EventFilter(), int(first[-1]["seq"]), limit=40)
    assert [int(r["seq"]) for r in first + second] == seqs[:80]


def test_a_rare_filter_walks_windows_and_takes_the_lock_per_window(registry: Registry) -> None:
    fill_demo(registry, 30)
    store = registry.store
    with store.transaction() as audit:  # one event by another officer, deep in the log
        audit.append("setting.set", "setting", "x", None, {"key": "x"})
    fill_demo(registry, 10, seed=9)
    rare = [r for r in audit_pages.page(store, audit_pages.EventFilter(actions=["setting.set"]),
                                        limit=1_000_000) if r["record_id"] == "x"]
    assert len(rare) == 1

    class CountingLock:
        def __init__(self) -> None:
            self.lock, self.holds = threading.RLock(), 0

        def __enter__(self) -> None:
            self.holds += 1
            self.lock.acquire()

        def __exit__(self, *exc: object) -> None:
            self.lock.release()

    lock = CountingLock()
    rows = audit_pages.page(store, audit_pages.EventFilter(actions=["setting.set"]), lock=lock, scan=25)
    assert rare[0]["seq"] in [r["seq"] for r in rows]
    assert lock.holds > 3  # several windows, the lock let go in between
    assert audit_pages.page(store, audit_pages.EventFilter(actions=["setting.set"]), scan=25,
                            cancelled=lambda: True) == []


def test_child_filter_and_chain_in_steps(registry: Registry, child_data: dict[str, object]) -> None:
    fill_demo(registry, 20)
    cid = registry.add("child", child_data).record["id"]
    registry.update("child", cid, {"notes": "复查"})
    rows = audit_pages.page(registry.store, audit_pages.EventFilter(query="张小明"))
    assert len(rows) == 2 and {r["child_id"] for r in rows} == {cid}
    assert {r["child_name"] for r in rows} == {"张小明"}
    check = audit_pages.ChainCheck.start(registry.store)
    steps = 0
    while (outcome := check.step(50)) is None:
        steps += 1
    result, broken = outcome
    assert result.ok and broken is None and steps > 1
    assert result.events == check.total == audit_pages.verify(registry.store).events
