from __future__ import annotations

from leftbehind_desktop.store.audit import GENESIS, event_hash, verify_chain
from leftbehind_desktop.store.registry import Registry


def _fill(reg: Registry, child_data) -> str:
    cid = reg.add("child", child_data).record["id"]
    for day in ("2026-09-01", "2026-10-01", "2026-11-01"):
        reg.add("visit", {"visit_date": day, "visitor": "刘淑华", "living_arrangement": "与祖辈同住"},
                child_id=cid)
    return cid


def test_chain_links_every_event(registry: Registry, child_data):
    _fill(registry, child_data)
    rows = registry.conn.execute("SELECT seq, prev_hash, hash FROM audit_event ORDER BY seq").fetchall()
    assert rows[0][1] == GENESIS
    assert all(rows[i][1] == rows[i - 1][2] for i in range(1, len(rows)))
    assert verify_chain(registry.conn).ok


def test_edited_event_is_detected_at_its_position(registry: Registry, child_data):
    _fill(registry, child_data)
    registry.conn.execute("UPDATE audit_event SET officer = '别人' WHERE seq = 3")
    result = verify_chain(registry.conn)
    assert not result.ok and result.broken_at == 3 and result.reason == "hash"


def test_edited_event_with_recomputed_hash_breaks_the_next_link(registry: Registry, child_data):
    _fill(registry, child_data)
    row = registry.conn.execute(
        "SELECT seq, id, at, device_id, officer, action, entity, record_id, child_id, detail, prev_hash "
        "FROM audit_event WHERE seq = 3").fetchone()
    keys = ("seq", "id", "at", "device_id", "officer", "action", "entity", "record_id", "child_id", "detail")
    event = dict(zip(keys, row[:10], strict=True))
    event["officer"] = "别人"
    registry.conn.execute("UPDATE audit_event SET officer = '别人', hash = ? WHERE seq = 3",
                          (event_hash(row[10], event),))
    result = verify_chain(registry.conn)
    assert not result.ok and result.broken_at == 4 and result.reason == "prev_hash"


def test_removed_event_is_detected(registry: Registry, child_data):
    _fill(registry, child_data)
    registry.conn.execute("DELETE FROM audit_event WHERE seq = 2")
    result = verify_chain(registry.conn)
    assert not result.ok and result.broken_at == 2 and result.reason == "missing"


def test_cut_off_tail_is_detected(registry: Registry, child_data):
    _fill(registry, child_data)
    last = registry.conn.execute("SELECT max(seq) FROM audit_event").fetchone()[0]
    registry.conn.execute("DELETE FROM audit_event WHERE seq = ?", (last,))
    result = verify_chain(registry.conn)
    assert not result.ok and result.reason == "truncated"


def test_fast_hash_equals_canonical_hash_for_any_text():
    from hypothesis import given
    from hypothesis import strategies as st

    from leftbehind_desktop.store.audit import _fast_event_hash

    texts = st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["abc-123", "record.create", "a\"b"]))

    @given(texts, texts, texts, st.integers(1, 10**9))
    def check(officer, record_id, child_id, seq):
        event = {"seq": seq, "id": "01a2-x", "at": "2026-11-28T10:00:00.000Z", "device_id": "dev",
                 "officer": officer, "action": "record.create", "entity": "child", "record_id": record_id,
                 "child_id": child_id, "detail": '{"version":1}'}
        assert _fast_event_hash("0" * 64, event) == event_hash("0" * 64, event)

    check()
