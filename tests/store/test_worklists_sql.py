"""Every work list two ways: the set-wise SQL of ``store/worklists.py`` and a plain Python
recount over the records with the pure rules of ``core/rules.py`` (child by child, records
in insertion order) — on demo stores and on a store of hand-made edge cases. They must give
the same children, the same fields and the same order; a page of a list is its head."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

import pytest
from bench import district_data

from leftbehind_desktop.core import rules
from leftbehind_desktop.core.dates import parse_date
from leftbehind_desktop.core.ids import uuid7
from leftbehind_desktop.store import worklists
from leftbehind_desktop.store.registry import Registry
from tests.conftest import fill_demo

AS_OF = date(2026, 12, 1)
VILLAGE = "210213001001"
OTHER_VILLAGE = "210213001002"


def _rows(conn: Any, sql: str) -> list[dict[str, Any]]:
    cur = conn.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


def recount(conn: Any, as_of: date, interval: int = 14) -> dict[str, list[dict[str, Any]]]:
    """The lists straight from the records and the pure rules, one child at a time."""
    by_child: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for kind in ("family_member", "entrustment", "visit", "priority_flag", "mandatory_report",
                 "assessment"):
        for r in _rows(conn, f"SELECT * FROM {kind} ORDER BY rowid"):
            if kind == "mandatory_report":
                try:
                    r["response_measures"] = json.loads(r["response_measures"] or "[]")
                except ValueError:
                    r["response_measures"] = []
            by_child[r["child_id"]][kind].append(r)
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    kids = _rows(conn, "SELECT * FROM child ORDER BY rowid")
    for c in kids:
        recs = by_child[c["id"]]
        reports = [r for r in recs["mandatory_report"] if not r["deleted"]]
        for r in reports:
            if rules.report_open(r):
                out["open_reports"].append({k: r[k] for k in (
                    "id", "child_id", "situation", "severity", "reported_at", "followup_status")}
                    | {"name": c["name"], "unit_code": c["unit_code"]})
        if c["status"] != rules.ACTIVE or c["deleted"]:
            continue
        base = {"child_id": c["id"], "name": c["name"], "unit_code": c["unit_code"]}
        fam = [m for m in recs["family_member"] if not m["deleted"]]
        if rules.needs_entrustment(fam, recs["entrustment"], as_of):
            out["needs_entrustment"].append(dict(base))
        p = rules.exit_proposal(c, fam, as_of)
        if p is not None:
            out["exit_proposals"].append({**base, "reason": p.reason, "date": p.date.isoformat()})
        v = rules.verify_at_home(c["living_arrangement"], recs["visit"])
        if v is not None:
            out["verify_at_home"].append({**base, "visit_date": v.visit_date.isoformat(),
                                          "visit_type": v.visit_type, "reported": v.reported,
                                          "recorded": v.recorded})
        flags = [f for f in recs["priority_flag"] if not f["deleted"]
                 and f["status"] == rules.FLAG_OPEN]
        dropout = [f for f in flags if f["reason"] == rules.REASON_OUT_OF_SCHOOL]
        if dropout or rules.out_of_school(c, as_of):
            f = min(dropout, key=lambda f: str(f["opened_on"])) if dropout else None
            out["out_of_school"].append({
                **base, "age": rules.child_age(c, as_of), "schooling": c["schooling"],
                "flag_id": f["id"] if f else None, "opened_on": f["opened_on"] if f else None,
                "state": rules.persuasion_state(f) if f else rules.PERSUASION_TODO})
        for r in rules.reports_awaiting_assessment(reports, recs["assessment"]):
            out["awaiting_assessment"].append({**base, "report_id": r["id"],
                                               "situation": r["situation"],
                                               "reported_at": r["reported_at"],
                                               "followup_status": r["followup_status"]})
        for w in rules.revocation_watch(fam, reports, as_of):
            out["revocation"].append({**base, "relation": w.relation, "cause": w.cause,
                                      "since": w.since.isoformat(), "due": w.due.isoformat()})
        if flags:
            home = [x["visit_date"] for x in recs["visit"] if rules.counts_as_home_visit(x)]
            due = rules.visit_due(parse_date(max(home, default=None)),
                                  date.fromisoformat(c["created_at"][:10]),
                                  rules.is_priority(flags, reports), as_of, interval)
            out["priority"].append({
                **base, "reasons": sorted(f["reason"] for f in flags),
                "opened_on": min(f["opened_on"] for f in flags),
                "designated_person": max(f["designated_person"] for f in flags),
                "next_visit": due.due_date.isoformat() if due.status != "ok" else None})
    order = {"priority": ("opened_on", "name", "child_id"),
             "open_reports": ("reported_at", "id"),
             "needs_entrustment": ("unit_code", "name", "child_id"),
             "exit_proposals": ("date", "name", "child_id"),
             "verify_at_home": ("visit_date", "name", "child_id"),
             "out_of_school": ("unit_code", "name", "child_id"),
             "awaiting_assessment": ("reported_at", "name", "report_id"),
             "revocation": ("due", "name", "child_id", "relation")}
    for name, keys in order.items():
        out[name].sort(key=lambda r, keys=keys: tuple(str(r[k]) for k in keys))
    out["active"] = [{"n": sum(1 for c in kids if c["status"] == rules.ACTIVE
                               and not c["deleted"])}]
    return out


def from_sql(conn: Any, as_of: date, limit: int | None = None) -> tuple[
        dict[str, list[dict[str, Any]]], worklists.Workbench]:
    wb = worklists.workbench(conn, as_of, 14, limit)
    got = {name: [dict(r) for r in getattr(wb, name)] for name in recount_names()}
    for r in got["priority"]:
        r["reasons"] = sorted(r["reasons"].split("、"))
    got["active"] = [{"n": wb.active_children}]
    return got, wb


def recount_names() -> tuple[str, ...]:
    return ("priority", "open_reports", "needs_entrustment", "exit_proposals", "verify_at_home",
            "out_of_school", "awaiting_assessment", "revocation")


def assert_same(conn: Any, as_of: date, nonempty: bool) -> None:
    want = recount(conn, as_of)
    got, wb = from_sql(conn, as_of)
    for name in (*recount_names(), "active"):
        assert got[name] == want[name], name
        if nonempty:
            assert want[name], f"{name} is empty: the data does not exercise it"
    assert wb.totals == {**{n: len(want[n]) for n in recount_names()},
                         "due": len(wb.due), "to_complete": len(wb.to_complete)}
    # a page is the head of the list, with the full counts
    page, pwb = from_sql(conn, as_of, limit=3)
    for name in recount_names():
        assert page[name] == want[name][:3], name
    assert pwb.totals == wb.totals and pwb.overdue == sum(d.status == "overdue" for d in wb.due)
    assert pwb.due == wb.due[:3]  # (read from the overdue children alone when they fill it)
    assert worklists.due_list(conn, as_of, limit=3, overdue_only=True) == [
        d for d in wb.due if d.status == "overdue"][:3]
    # R3 for the dashboard: by village, the same children
    assert worklists.entrustment_gap_counts(conn, as_of) == dict(
        Counter(r["unit_code"] for r in want["needs_entrustment"]))


def test_district_data_every_list_agrees(registry: Registry):
    """The benchmark's district generator (every list non-empty), 600 children."""
    for batch in district_data.records(600, seed=5, as_of=AS_OF, batch_size=300):
        registry.bulk_insert(batch, action="record.demo", validate=False)
    for as_of in (AS_OF, AS_OF + timedelta(days=45)):
        assert_same(registry.conn, as_of, nonempty=as_of == AS_OF)


def test_demo_store_every_list_agrees(registry: Registry):
    fill_demo(registry, 120, seed=11, as_of=AS_OF)
    for as_of in (AS_OF, date(2027, 3, 1)):
        assert_same(registry.conn, as_of, nonempty=False)


# == the edge-case store ======================================================================
class Edge:
    """Records written straight into the store (as an import would), edge by edge."""

    def __init__(self, reg: Registry) -> None:
        self.reg = reg
        self.names: dict[str, str] = {}

    def _meta(self, at: str = "2026-01-05T08:00:00.000Z", unit: str = VILLAGE) -> dict[str, Any]:
        return {"id": uuid7(), "unit_code": unit, "created_at": at, "updated_at": at,
                "updated_by": "test", "version": 1, "deleted": False, "amendment_reason": None}

    def put(self, kind: str, **fields: Any) -> dict[str, Any]:
        rec = {**self._meta(unit=fields.pop("unit_code", VILLAGE)), **fields}
        self.reg.bulk_insert({kind: [rec]}, action="record.create", validate=False)
        return rec

    def child(self, name: str, birth: str = "2015-05-05", **kw: Any) -> str:
        data = {"name": name, "sex": "男", "birth_date": birth, "hukou_registered": True,
                "residence": "一组", "schooling": "小学", "living_arrangement": "与祖辈同住",
                "guardianship_grade": "一般", "status": "在册", **kw}
        rec = self.put("child", **data)
        self.names[rec["id"]] = name
        return str(rec["id"])

    def parent(self, cid: str, relation: str, status: str | None, **kw: Any) -> dict[str, Any]:
        return self.put("family_member", child_id=cid, relation=relation, name="家长",
                        status=status, **kw)

    def away(self, cid: str) -> None:
        self.parent(cid, "父亲", "外出务工")
        self.parent(cid, "母亲", "外出务工")

    def entrust(self, cid: str, **kw: Any) -> dict[str, Any]:
        data = {"guardian_name": "祖母", "relation": "祖母", "guardian_birth_date": "1960-01-01",
                "has_capacity": True, "start_date": "2026-01-05", "end_date": None, **kw}
        return self.put("entrustment", child_id=cid, **data)

    def visit(self, cid: str, day: str, kind: str = "入户走访", living: str = "与祖辈同住",
              **kw: Any) -> dict[str, Any]:
        data = {"visit_date": day, "visit_type": kind, "visitor": "刘",
                "living_arrangement": living, "created_at": f"{day}T10:00:00.000Z", **kw}
        return self.put("visit", child_id=cid, **data)


def edge_store(reg: Registry) -> dict[str, str]:
    e = Edge(reg)
    ids: dict[str, str] = {}
    cut = AS_OF.isoformat()
    # -- R3 entrustment ----------------------------------------------------------------------
    ids["ends_on_cutoff"] = c = e.child("委托到截止日")
    e.away(c)
    e.entrust(c, end_date=cut)  # in force on the cut-off day
    ids["ended_day_before"] = c = e.child("委托前一天到期")
    e.away(c)
    e.entrust(c, end_date=(AS_OF - timedelta(days=1)).isoformat())
    ids["starts_on_cutoff"] = c = e.child("委托截止日开始")
    e.away(c)
    e.entrust(c, start_date=cut)
    ids["starts_tomorrow"] = c = e.child("委托明天开始")
    e.away(c)
    e.entrust(c, start_date=(AS_OF + timedelta(days=1)).isoformat())
    ids["guardian_18_today"] = c = e.child("监护人今天满18")
    e.away(c)
    e.entrust(c, guardian_birth_date="2008-12-01")
    ids["guardian_18_tomorrow"] = c = e.child("监护人明天满18")
    e.away(c)
    e.entrust(c, guardian_birth_date="2008-12-02")
    ids["no_capacity"] = c = e.child("监护人无能力")
    e.away(c)
    e.entrust(c, has_capacity=False)
    ids["deleted_entrustment"] = c = e.child("委托已删除")
    e.away(c)
    e.entrust(c, deleted=True)
    ids["sibling_entrusted"] = c = e.child("委托给了别的孩子")
    e.away(c)
    sibling = e.child("有委托的孩子")
    e.away(sibling)
    e.entrust(sibling)
    ids["one_parent_away"] = c = e.child("只登记了父亲")
    e.parent(c, "父亲", "外出务工")
    ids["away_and_prison"] = c = e.child("母亲服刑")
    e.parent(c, "父亲", "外出务工")
    e.parent(c, "母亲", "服刑", status_since="2026-01-01")
    ids["parent_status_unknown"] = c = e.child("母亲情况未填")
    e.parent(c, "父亲", "外出务工")
    e.parent(c, "母亲", None)
    ids["deleted_father"] = c = e.child("父亲记录已删除")
    e.parent(c, "父亲", "在家", deleted=True)
    e.parent(c, "父亲", "外出务工")
    e.parent(c, "母亲", "外出务工")
    ids["two_fathers"] = c = e.child("两条父亲记录")  # the first one counts
    e.parent(c, "父亲", "在家")
    e.parent(c, "父亲", "外出务工")
    e.parent(c, "母亲", "在家")
    # -- R7 exit -----------------------------------------------------------------------------
    ids["sixteen_today"] = e.child("今天满16", birth="2010-12-01", schooling="初中")
    ids["sixteen_tomorrow"] = e.child("明天满16", birth="2010-12-02", schooling="初中")
    ids["leap_day"] = e.child("闰日出生", birth="2008-02-29", schooling="高中")
    ids["parents_home"] = c = e.child("父母返乡")
    e.parent(c, "父亲", "在家")
    e.parent(c, "母亲", "在家")
    ids["exited"] = c = e.child("已退出的孩子", birth="2010-01-01", status="已退出",
                                exit_reason="迁出本地", exit_date="2026-10-01", schooling="辍学")
    e.away(c)
    e.put("priority_flag", child_id=c, reason="其他", opened_on="2026-02-01",
          designated_person="刘", status="开放", source="人工")
    ids["deleted_child"] = c = e.child("已删除的孩子", birth="2010-01-01", deleted=True)
    e.away(c)
    # -- rule 2 verify at home ---------------------------------------------------------------
    ids["phone_after_home"] = c = e.child("电话说住校")
    e.visit(c, "2026-11-02")
    e.visit(c, "2026-11-20", "电话随访", "寄宿学校")
    e.visit(c, "2026-11-25", "学校走访", "与父亲同住")  # the newest contact is shown
    ids["phone_same"] = c = e.child("电话说一样")
    e.visit(c, "2026-11-02")
    e.visit(c, "2026-11-20", "电话随访", "与祖辈同住")
    ids["home_after_phone"] = c = e.child("已入户核实")
    e.visit(c, "2026-11-10", "电话随访", "寄宿学校")
    e.visit(c, "2026-11-12")
    ids["deleted_phone"] = c = e.child("电话记录已删除")
    e.visit(c, "2026-11-02")
    e.visit(c, "2026-11-20", "电话随访", "寄宿学校", deleted=True)
    ids["never_home_visited"] = c = e.child("从未入户", living_arrangement=None)
    e.visit(c, "2026-10-20", "电话随访", "与其他亲属同住")
    ids["record_caught_up"] = c = e.child("档案已改为住校")  # the record now says what was heard
    e.visit(c, "2026-11-02")
    e.visit(c, "2026-11-20", "电话随访", "寄宿学校")
    ids["record_changed_away"] = c = e.child("档案改了")  # heard the old arrangement
    e.visit(c, "2026-11-02")
    e.visit(c, "2026-11-20", "电话随访", "与祖辈同住")
    reg.conn.execute("UPDATE child SET living_arrangement = '寄宿学校' WHERE id = ?",
                     (ids["record_caught_up"],))
    reg.conn.execute("UPDATE child SET living_arrangement = '与父亲同住' WHERE id = ?",
                     (ids["record_changed_away"],))
    # -- rule 3 out of school ----------------------------------------------------------------
    ids["dropout_6_today"] = e.child("今天满6辍学", birth="2020-12-01", schooling="辍学")
    ids["dropout_5"] = e.child("5岁辍学", birth="2020-12-02", schooling="辍学")
    ids["never_7"] = e.child("7岁未入园", birth="2019-12-01", schooling="未入园")
    ids["never_6"] = e.child("6岁未入园", birth="2019-12-02", schooling="未入园")
    ids["out_15"] = e.child("15岁不在学", birth="2010-12-02", schooling="不在学")
    ids["flagged_at_school"] = c = e.child("有辍学标记")
    e.put("priority_flag", child_id=c, reason="失学辍学", opened_on="2026-09-01",
          designated_person="刘", status="开放", source="自动", school_notified_on="2026-09-03")
    e.put("priority_flag", child_id=c, reason="失学辍学", opened_on="2026-10-01",
          designated_person="王", status="开放", source="自动")
    # -- rule 6 assessment after a report ------------------------------------------------------
    def report(cid: str, **kw: Any) -> dict[str, Any]:
        data = {"situation": "疑似遭受意外伤害", "details": "情况", "severity": "严重",
                "reported_at": "2026-06-01 09:30", "police_unit": "派出所",
                "followup_status": "处置中", **kw}
        return e.put("mandatory_report", child_id=cid, **data)

    ids["assessed"] = c = e.child("已评估")
    r = report(c)
    e.put("assessment", child_id=c, report_ref=r["id"], assessed_on="2026-06-05", assessor="刘")
    ids["assessed_other_child"] = c = e.child("评估记在别人名下")
    r = report(c)
    e.put("assessment", child_id=ids["assessed"], report_ref=r["id"], assessed_on="2026-06-05",
          assessor="刘")
    ids["assessment_deleted"] = c = e.child("评估已删除")
    r = report(c, followup_status="已结案")
    e.put("assessment", child_id=c, report_ref=r["id"], assessed_on="2026-06-05", assessor="刘",
          deleted=True)
    # -- rule 7 revocation -------------------------------------------------------------------
    since_by = rules.revocation_since_by(AS_OF).isoformat()
    ids["missing_due_today"] = c = e.child("父亲失联满6个月")
    e.parent(c, "父亲", "失联", status_since=since_by)
    e.parent(c, "母亲", "外出务工")
    ids["missing_due_tomorrow"] = c = e.child("父亲失联差一天")
    e.parent(c, "父亲", "失联",
             status_since=(date.fromisoformat(since_by) + timedelta(days=1)).isoformat())
    ids["missing_no_since"] = c = e.child("失联无日期")
    e.put("family_member", child_id=c, relation="母亲", name="母", status="失联",
          created_at="2026-03-01T08:00:00.000Z")
    ids["month_end"] = c = e.child("5月31日起失联")
    e.parent(c, "父亲", "失联", status_since="2026-05-31")
    ids["guardian_report"] = c = e.child("监护人不履职")
    report(c, situation="监护人无力履行或怠于履行监护职责", reported_at="2026-05-20 10:00")
    ids["revocation_applied"] = c = e.child("已申请撤销")
    e.parent(c, "父亲", "失联", status_since="2025-01-01")
    report(c, situation="监护人无力履行或怠于履行监护职责", reported_at="2026-01-20 10:00",
           followup_status="已结案", response_measures=["申请撤销监护人资格"])
    ids["report_null_status"] = c = e.child("跟进状态未填")
    report(c, followup_status=None, situation="监护人无力履行或怠于履行监护职责",
           reported_at="2026-03-01 10:00")
    # -- priority --------------------------------------------------------------------------
    ids["flag_closed"] = c = e.child("标记已关闭")
    e.put("priority_flag", child_id=c, reason="其他", opened_on="2026-02-01",
          designated_person="刘", status="已关闭", closed_on="2026-03-01", close_reason="好转")
    ids["flag_visited"] = c = e.child("重点对象刚走访")
    e.put("priority_flag", child_id=c, reason="其他", opened_on="2026-02-01",
          designated_person="刘", status="开放", source="人工")
    e.put("priority_flag", child_id=c, reason="无户籍", opened_on="2026-01-01",
          designated_person="王", status="开放", source="自动")
    e.visit(c, "2026-11-28")
    return ids


def names(rows: list[dict[str, Any]]) -> set[str]:
    return {r["name"] for r in rows}


def test_edge_cases_agree_and_mean_what_the_rules_say(registry: Registry):
    ids = edge_store(registry)
    conn = registry.conn
    assert_same(conn, AS_OF, nonempty=True)
    wb = worklists.workbench(conn, AS_OF)
    listed = {r["child_id"] for r in wb.needs_entrustment}
    for key in ("ended_day_before", "starts_tomorrow", "guardian_18_tomorrow", "no_capacity",
                "deleted_entrustment", "sibling_entrusted", "one_parent_away", "away_and_prison",
                "deleted_father"):
        assert ids[key] in listed, key
    for key in ("ends_on_cutoff", "starts_on_cutoff", "guardian_18_today",
                "parent_status_unknown", "two_fathers", "exited", "deleted_child"):
        assert ids[key] not in listed, key
    exits = {r["child_id"]: (r["reason"], r["date"]) for r in wb.exit_proposals}
    assert exits[ids["sixteen_today"]] == ("年满16周岁", "2026-12-01")
    assert exits[ids["leap_day"]] == ("年满16周岁", "2024-02-29")
    assert exits[ids["parents_home"]] == ("父母返乡", "2026-12-01")
    assert exits[ids["two_fathers"]] == ("父母返乡", "2026-12-01")  # the first father is home
    assert ids["sixteen_tomorrow"] not in exits and ids["exited"] not in exits
    verify = {r["child_id"]: r for r in wb.verify_at_home}
    assert set(verify) == {ids["phone_after_home"], ids["never_home_visited"],
                           ids["record_changed_away"]}
    assert (verify[ids["phone_after_home"]]["visit_type"],
            verify[ids["phone_after_home"]]["reported"]) == ("学校走访", "与父亲同住")
    school = {r["child_id"]: r for r in wb.out_of_school}
    assert set(school) >= {ids["dropout_6_today"], ids["never_7"], ids["out_15"],
                           ids["flagged_at_school"]}
    assert not set(school) & {ids["dropout_5"], ids["never_6"], ids["exited"]}
    assert school[ids["flagged_at_school"]]["state"] == "已告知学校，劝返中"
    assert school[ids["flagged_at_school"]]["opened_on"] == "2026-09-01"
    waiting = {r["child_id"] for r in wb.awaiting_assessment}
    assert ids["assessed_other_child"] in waiting and ids["assessment_deleted"] in waiting
    assert ids["assessed"] not in waiting
    revoke = {(r["child_id"], r["relation"]): r for r in wb.revocation}
    assert revoke[(ids["missing_due_today"], "父亲")]["due"] == "2026-12-01"
    assert revoke[(ids["month_end"], "父亲")]["due"] == "2026-11-30"
    assert (ids["missing_no_since"], "母亲") in revoke
    assert revoke[(ids["guardian_report"], "监护人")]["since"] == "2026-05-20"
    assert revoke[(ids["report_null_status"], "监护人")]  # no follow-up status: still open
    assert ids["missing_due_tomorrow"] not in {k[0] for k in revoke}
    assert ids["revocation_applied"] not in {k[0] for k in revoke}
    prio = {r["child_id"]: r for r in wb.priority}
    assert ids["flag_closed"] not in prio and ids["exited"] not in prio
    assert prio[ids["flag_visited"]]["next_visit"] == "2026-12-12"
    assert prio[ids["flag_visited"]]["opened_on"] == "2026-01-01"
    assert ids["report_null_status"] in {r["child_id"] for r in wb.open_reports}


@pytest.mark.parametrize("offset", [-1, 1, 60])
def test_edge_cases_agree_on_other_days(registry: Registry, offset: int):
    edge_store(registry)
    assert_same(registry.conn, AS_OF + timedelta(days=offset), nonempty=False)


def test_entrustment_gaps_by_unit(registry: Registry):
    e = Edge(registry)
    a = e.child("甲")
    e.away(a)
    b = e.put("child", **{**registry.get("child", a), "id": uuid7(), "unit_code": OTHER_VILLAGE,
                          "name": "乙"})["id"]
    e.away(b)
    assert worklists.entrustment_gap_counts(registry.conn, AS_OF) == {VILLAGE: 1,
                                                                      OTHER_VILLAGE: 1}
    rows, total = worklists.needs_entrustment(registry.conn, AS_OF, unit_code=OTHER_VILLAGE)
    assert [r["child_id"] for r in rows] == [b] and total == 1
    rows, total = worklists.needs_entrustment(registry.conn, AS_OF, unit_code="210213001000")
    assert total == 2
    assert worklists.entrustment_gap_counts(registry.conn, AS_OF, unit_code=VILLAGE) == {
        VILLAGE: 1}
