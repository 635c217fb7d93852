"""The audit viewer's reads (store/audit.py): filters, keyset paging and scan windows, date
bounds by binary search, and the stepwise chain verification agreeing with verify_chain."""

from __future__ import annotations

from pathlib import Path

import pytest

from leftbehind_desktop.store import audit
from leftbehind_desktop.store.registry import Registry
from tests.conftest import CHILD, fill_demo, make_store


@pytest.fixture
def reg(tmp_path: Path) -> Registry:
    store, _ = make_store(tmp_path / "s")
    r = Registry(store)
    fill_demo(r, 8)
    return r


def steps(conn: object, size: int) -> audit.VerifyResult:
    cursor = audit.ChainCursor()
    while True:
        result = audit.verify_chain_step(conn, cursor, size)
        if result is not None:
            return result


def test_query_filters_and_paging(reg: Registry) -> None:
    conn = reg.store.conn
    child = reg.add("child", dict(CHILD)).record
    with reg.store.transaction() as a:
        a.append("child.view", "child", child["id"], child["id"], {"via": "gui"})
    total = audit.event_count(conn)
    newest = audit.query_events(conn, limit=5)
    assert [e["seq"] for e in newest] == list(range(total, total - 5, -1))
    assert newest[0]["action"] == "child.view" and newest[0]["child_name"] == CHILD["name"]
    mine = audit.query_events(conn, child_ids=[child["id"]])
    assert {e["action"] for e in mine} == {"record.create", "child.view"}
    older = audit.query_events(conn, before_seq=newest[-1]["seq"], limit=3)
    assert [e["seq"] for e in older] == [newest[-1]["seq"] - i for i in (1, 2, 3)]
    window = audit.query_events(conn, actions=["store.init"], before_seq=total + 1,
                                after_seq=total - 3)
    assert window == []
    assert [e["seq"] for e in audit.query_events(conn, actions=["store.init"])] == [1]
    assert audit.event_officers(conn) == ["刘淑华"]
    assert audit.query_events(conn, officer="nobody") == []
    assert audit.query_events(conn, child_ids=[]) == []
    first_at = str(audit.event_by_seq(conn, 1)["at"])  # type: ignore[index]
    assert audit.first_seq_at_or_after(conn, first_at) == 1
    assert audit.first_seq_at_or_after(conn, "2000-01-01") == 1
    assert audit.first_seq_at_or_after(conn, "9999-01-01") == total + 1
    assert audit.query_events(conn, since="9999-01-01") == []


@pytest.mark.parametrize("edit", ["none", "officer", "delete", "cut_tail"])
def test_stepwise_verification_equals_verify_chain(reg: Registry, edit: str) -> None:
    conn = reg.store.conn
    n = audit.event_count(conn)
    if edit == "officer":
        conn.execute("UPDATE audit_event SET officer = 'x' WHERE seq = ?", (n // 2,))
    elif edit == "delete":
        conn.execute("DELETE FROM audit_event WHERE seq = ?", (n // 3,))
    elif edit == "cut_tail":
        conn.execute("DELETE FROM audit_event WHERE seq = ?", (n,))
    expected = audit.verify_chain(conn)
    assert expected.ok == (edit == "none")
    for size in (1, 7, n + 5):
        assert steps(conn, size) == expected
