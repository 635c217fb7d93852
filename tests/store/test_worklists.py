from __future__ import annotations

from datetime import date

from leftbehind_desktop.core import rules
from leftbehind_desktop.core.dates import parse_date
from leftbehind_desktop.store.registry import Registry
from tests.conftest import fill_demo

AS_OF = date(2026, 11, 20)


def brute_force(reg: Registry, as_of: date) -> dict[str, tuple[str, date, int]]:
    """R1 straight from the records and the pure rule, child by child (only home visits
    count: rule 2)."""
    out = {}
    for cid in reg.child_ids(limit=None):
        child = reg.get("child", cid)
        visits = reg.children_records("visit", cid)
        last = max((v["visit_date"] for v in visits if rules.counts_as_home_visit(v)),
                   default=None)
        prio = rules.is_priority(reg.children_records("priority_flag", cid),
                                 reg.children_records("mandatory_report", cid))
        due = rules.visit_due(parse_date(last), parse_date(child["created_at"][:10]) or as_of, prio, as_of)
        if due.status != "ok":
            out[cid] = (due.status, due.due_date, due.days_overdue)
    return out


def test_due_list_agrees_with_the_rule_for_every_child(registry: Registry):
    fill_demo(registry, 60, seed=3, as_of=AS_OF)
    for as_of in (AS_OF, date(2026, 12, 1), date(2027, 1, 31)):
        items = registry.due_list(as_of)
        listed = {d.child_id: (d.status, d.due_date, d.days_overdue) for d in items}
        assert listed == brute_force(registry, as_of)
        statuses = [d.status for d in items]
        assert "overdue" in statuses and ("due" in statuses or as_of.month == 1)
        assert registry.due_counts(as_of) == {"due": statuses.count("due"), "overdue": statuses.count("overdue")}
        # most urgent first, and pages are slices of the whole list
        keys = [(d.status != "overdue", not d.priority, d.due_date, d.name) for d in items]
        assert keys == sorted(keys)
        assert registry.due_list(as_of, limit=5, offset=3) == items[3:8]


def test_work_list_follows_new_visits_flags_and_deletions(registry: Registry, child_data):
    cid = registry.add("child", child_data).record["id"]
    assert cid in {d.child_id for d in registry.due_list(AS_OF)}
    visit = registry.add("visit", {"visit_date": "2026-11-05", "visitor": "刘淑华",
                                   "living_arrangement": "与祖辈同住"}, child_id=cid).record
    assert cid not in {d.child_id for d in registry.due_list(AS_OF)}
    # a priority case is due again 14 days after the visit
    flag = registry.add("priority_flag", {"reason": "其他", "opened_on": "2026-11-05",
                                          "designated_person": "刘淑华"}, child_id=cid).record
    item = next(d for d in registry.due_list(AS_OF) if d.child_id == cid)
    assert item.priority and item.due_date == date(2026, 11, 19) and item.status == "overdue"
    registry.update("priority_flag", flag["id"], {"status": "已关闭", "closed_on": "2026-11-06",
                                                  "close_reason": "情况已好转"})
    assert cid not in {d.child_id for d in registry.due_list(AS_OF)}
    registry.delete("visit", visit["id"], "录入错误")
    assert cid in {d.child_id for d in registry.due_list(AS_OF)}


def test_reading_connection_is_separate_and_read_only(registry: Registry, child_data):
    import pytest

    cid = registry.add("child", child_data).record["id"]
    with registry.reading() as reader:
        assert reader.conn is not registry.conn
        assert [d.child_id for d in reader.due_list(AS_OF)] == [cid]
        # the app's connection can write while the reader is open (WAL)
        registry.add("visit", {"visit_date": "2026-11-05", "visitor": "刘淑华",
                               "living_arrangement": "与祖辈同住"}, child_id=cid)
        with pytest.raises(Exception, match=r"readonly|read-only|query_only"):
            reader.conn.execute("DELETE FROM child")
    assert registry.get("child", cid)["name"] == "张小明"
