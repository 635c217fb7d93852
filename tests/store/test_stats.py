"""汇总分析 figures (store/stats.py) against an independent recount from the records, on a
demo store and on a hand-made store with the edges: a birthday on the cut-off day, an exited
child, a phone call, a visit last month, a child of another village."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

import pytest

from leftbehind_desktop.core import idnumber, rules, units
from leftbehind_desktop.core.dates import age_on, quarter_bounds
from leftbehind_desktop.core.ids import uuid7
from leftbehind_desktop.core.messages import UserError
from leftbehind_desktop.store import stats
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.sync import SyncStore
from tests.conftest import STREET, fill_demo, make_store

TODAY = date(2026, 12, 1)
KINDS = ("child", "family_member", "entrustment", "visit", "priority_flag", "mandatory_report")


# -- the recount: every record read and judged in Python, no SQL of stats.py --------------------
def recount(store: Any, period: str, today: date, scope: str) -> dict[str, Any]:
    cut = min(today, quarter_bounds(period)[1])
    ex = SyncStore(store)
    recs = {k: [r for r in ex.iter_records(k) if not r["deleted"]] for k in KINDS}
    by_child: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for kind in KINDS[1:]:
        for r in recs[kind]:
            by_child[r["child_id"]][kind].append(r)
    level = units.level_of(scope)

    def unit_of(code: str) -> str:
        return code[:9] + "000" if level is units.Level.DISTRICT else code

    def counted(c: dict[str, Any]) -> bool:
        on_register = c["status"] == "在册" or (c.get("exit_date") and c["exit_date"] > cut.isoformat())
        return (units.contains(scope, c["unit_code"]) and c["created_at"][:10] <= cut.isoformat()
                and bool(on_register)
                and age_on(date.fromisoformat(c["birth_date"]), cut) < 16)

    out: dict[str, Any] = defaultdict(lambda: {
        "total": 0, "sex": Counter(), "band": Counter(), "grade": Counter(),
        "reason": Counter(), "active": 0, "visited": 0, "open_reports": 0, "gaps": 0})
    month0 = cut.replace(day=1)
    for c in recs["child"]:
        if not counted(c):
            continue
        age = age_on(date.fromisoformat(c["birth_date"]), cut)
        band = "0-5" if age <= 5 else "6-13" if age <= 13 else "14-15"
        rel = by_child[c["id"]]
        visited = any(rules.counts_as_home_visit(v)
                      and month0 <= date.fromisoformat(v["visit_date"]) <= cut
                      for v in rel["visit"])
        reasons = {f["reason"] for f in rel["priority_flag"]
                   if f["opened_on"] <= cut.isoformat()
                   and (f["status"] == "开放" or (f.get("closed_on") or "") > cut.isoformat())}
        gap = rules.needs_entrustment(rel["family_member"], rel["entrustment"], cut)
        for key in (unit_of(c["unit_code"]), "total"):
            o = out[key]
            o["total"] += 1
            o["sex"][c["sex"]] += 1
            o["band"][band] += 1
            o["grade"][c["guardianship_grade"]] += 1
            o["reason"].update(reasons)
            o["active"] += 1
            o["visited"] += visited
            o["gaps"] += gap
    for c in recs["child"]:
        if not units.contains(scope, c["unit_code"]):
            continue
        n = sum(1 for r in by_child[c["id"]]["mandatory_report"]
                if rules.report_open(r) and r["reported_at"][:10] <= cut.isoformat())
        for key in (unit_of(c["unit_code"]), "total"):
            if n or key in out:
                out[key]["open_reports"] += n
    return dict(out)


def nonzero(d: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in d.items() if v}


def assert_agree(figs: dict[str, Any], mine: dict[str, Any]) -> None:
    ch = figs["children"]
    assert ch["total"] == mine["total"]
    assert nonzero(ch["by_sex"]) == dict(mine["sex"])
    assert nonzero(ch["by_age_band"]) == dict(mine["band"])
    assert nonzero(ch["by_guardianship"]) == dict(mine["grade"])
    assert nonzero(ch["by_priority_reason"]) == dict(mine["reason"])
    cov = figs["home_visit_coverage"]
    assert (cov["active"], cov["visited"]) == (mine["active"], mine["visited"])
    assert cov["share"] == (round(mine["visited"] / mine["active"], 4) if mine["active"] else None)
    assert figs["reports"]["open"] == mine["open_reports"]
    assert sum(figs["reports"]["by_age"].values()) == mine["open_reports"]
    assert figs["entrustment_gaps"] == mine["gaps"]


def check(store: Any, period: str, scope: str | None = None) -> dict[str, Any]:
    got = stats.compute(store, period, scope, today=TODAY).as_dict()
    mine = recount(store, period, TODAY, scope or store.unit_code)
    assert_agree(got["total"], mine["total"])
    assert {u["unit_code"] for u in got["units"]} == set(mine) - {"total"}
    for u in got["units"]:
        assert_agree(u, mine[u["unit_code"]])
    return got


@pytest.fixture(scope="module")
def demo_street(tmp_path_factory: pytest.TempPathFactory) -> Any:
    store, _ = make_store(tmp_path_factory.mktemp("demo") / "s", role="street", unit=STREET,
                          name="大李家街道")
    fill_demo(Registry(store, today=lambda: TODAY), 240, seed=3, as_of=TODAY)
    yield store
    store.close()


def test_demo_figures_agree_with_a_recount_for_every_unit_and_quarter(demo_street: Any) -> None:
    got = check(demo_street, "2026Q4")
    assert got["total"]["children"]["total"] == 240
    assert len(got["units"]) > 1
    check(demo_street, "2026Q3")
    village = got["units"][0]["unit_code"]
    one = check(demo_street, "2026Q4", village)
    assert one["scope"]["unit_code"] == village and len(one["units"]) == 1


def test_the_trend_is_the_headline_of_each_quarter(demo_street: Any) -> None:
    got = stats.compute(demo_street, "2026Q4", today=TODAY).as_dict()
    periods = [t["period"] for t in got["trend"]]
    assert periods == sorted(periods) and periods[-1] == "2026Q4" and len(periods) <= 8
    q3 = next(t for t in got["trend"] if t["period"] == "2026Q3")
    full = stats.compute(demo_street, "2026Q3", today=TODAY, trend=False).as_dict()["total"]
    assert q3["children_total"] == full["children"]["total"]
    assert q3["home_visit_coverage"] == full["home_visit_coverage"]["share"]
    assert q3["open_reports"] == full["reports"]["open"]


def test_children_behind_a_bar_are_the_bar(demo_street: Any) -> None:
    got = stats.compute(demo_street, "2026Q4", today=TODAY).as_dict()["total"]
    for dim, key in (("sex", "by_sex"), ("age_band", "by_age_band"),
                     ("guardianship", "by_guardianship"),
                     ("priority_reason", "by_priority_reason")):
        for value, n in got["children"][key].items():
            ids = stats.children_behind(demo_street, "2026Q4", None, dim, value, today=TODAY)
            assert len(ids) == len(set(ids)) == n, (dim, value)
    cov = got["home_visit_coverage"]
    visited = stats.children_behind(demo_street, "2026Q4", None, "home_visit", "visited",
                                    today=TODAY)
    not_visited = stats.children_behind(demo_street, "2026Q4", None, "home_visit",
                                        "not_visited", today=TODAY)
    assert (len(visited), len(not_visited)) == (cov["visited"], cov["active"] - cov["visited"])
    gaps = stats.children_behind(demo_street, "2026Q4", None, "entrustment_gap", today=TODAY)
    assert len(gaps) == got["entrustment_gaps"]


# -- the hand-made store ---------------------------------------------------------------------
def _meta(unit: str, created: str) -> dict[str, Any]:
    at = f"{created}T08:00:00.000Z"
    return {"id": uuid7(), "unit_code": unit, "created_at": at, "updated_at": at,
            "updated_by": "test", "version": 1, "deleted": False, "amendment_reason": None}


def _child(unit: str, name: str, birth: str, sex: str = "男", created: str = "2026-01-05",
           **extra: Any) -> dict[str, Any]:
    b = date.fromisoformat(birth)
    return {**_meta(unit, created), "name": name, "sex": sex, "ethnicity": "汉族",
            "birth_date": birth, "hukou_registered": True,
            "id_number": idnumber.make("210213", b, 1, sex), "residence": "一组1号",
            "health": "健康", "schooling": "小学", "living_arrangement": "与祖辈同住",
            "guardianship_grade": "一般", "status": "在册", **extra}


def _parents(child: dict[str, Any], mother: str = "外出务工") -> list[dict[str, Any]]:
    return [{**_meta(child["unit_code"], "2026-01-05"), "child_id": child["id"],
             "relation": rel, "name": name, "status": status,
             "work_province": "辽宁省" if status == "外出务工" else None}
            for rel, name, status in (("父亲", "张大山", "外出务工"), ("母亲", "李小花", mother))]


def _visit(child: dict[str, Any], day: str, kind: str = "入户走访", **extra: Any) -> dict[str, Any]:
    return {**_meta(child["unit_code"], day), "child_id": child["id"], "visit_date": day,
            "visit_type": kind, "visitor": "刘淑华", "living_arrangement": "与祖辈同住", **extra}


@pytest.fixture(scope="module")
def edges(tmp_path_factory: pytest.TempPathFactory) -> Any:
    store, _ = make_store(tmp_path_factory.mktemp("edges") / "s", role="street", unit=STREET,
                          name="大李家街道")
    va, vb = (u.code for u in units.below(STREET)[:2])
    a = _child(va, "甲", "2020-12-01")  # turns 6 on the cut-off day → 6-13
    b = _child(va, "乙", "2020-12-02", sex="女")  # still 5 → 0-5
    c = _child(va, "丙", "2010-12-01")  # turns 16 on the cut-off day → not counted
    d = _child(va, "丁", "2010-12-02", sex="女")  # 15 → 14-15
    e = _child(va, "戊", "2012-12-01", guardianship_grade="较好")  # turns 14 → 14-15
    f = _child(va, "己", "2015-06-01", status="已退出", exit_reason="迁出本地",
               exit_date="2026-11-15")  # exited in the quarter: counted in Q3 only
    g = _child(va, "庚", "2018-05-05", created="2026-11-20")  # registered in Q4
    h = _child(vb, "辛", "2016-01-01", sex="女")  # the other village
    gone = _child(va, "壬", "2016-01-01", deleted=True)
    children = [a, b, c, d, e, f, g, h, gone]
    family = [*_parents(a), *_parents(d), *_parents(e), *_parents(h, mother="在家")]
    entrust = [
        {**_meta(va, "2026-01-05"), "child_id": a["id"], "guardian_name": "张奶奶",
         "relation": "祖母", "guardian_birth_date": "1960-01-01", "guardian_phone": "13800000000",
         "has_capacity": True, "start_date": "2026-01-05"},
        {**_meta(va, "2026-01-05"), "child_id": e["id"], "guardian_name": "戊叔",  # without capacity
         "relation": "其他亲属", "guardian_birth_date": "1950-01-01",
         "guardian_phone": "13800000001", "has_capacity": False, "start_date": "2026-01-05"}]
    visits = [_visit(a, "2026-12-01"), _visit(b, "2026-12-01", "电话随访"),
              _visit(d, "2026-11-30"), _visit(d, "2026-09-10"), _visit(e, "2026-12-01", "学校走访"),
              _visit(e, "2026-12-01", deleted=True), _visit(h, "2026-12-01"),
              _visit(c, "2026-12-01")]
    flags = [
        {**_meta(va, "2026-03-01"), "child_id": a["id"], "reason": "失学辍学", "source": "人工",
         "opened_on": "2026-03-01", "designated_person": "刘淑华", "status": "开放"},
        {**_meta(va, "2026-03-01"), "child_id": b["id"], "reason": "其他", "source": "人工",
         "opened_on": "2026-03-01", "designated_person": "刘淑华", "status": "已关闭",
         "closed_on": "2026-11-01", "close_reason": "情况好转"}]

    def report(child: dict[str, Any], at: str, status: str) -> dict[str, Any]:
        return {**_meta(child["unit_code"], at[:10]), "child_id": child["id"],
                "situation": "疑似遭受意外伤害", "details": "走访发现", "severity": "严重",
                "reported_at": at, "police_unit": "派出所", "followup_status": status}

    reports = [report(d, "2026-11-25 09:00", "处置中"), report(e, "2026-10-01 09:00", "已结案"),
               report(a, "2026-07-01 09:00", "已报告")]
    reg = Registry(store, today=lambda: TODAY)
    reg.bulk_insert({"child": children, "family_member": family, "entrustment": entrust,
                     "visit": visits, "priority_flag": flags, "mandatory_report": reports})
    yield store, va, vb
    store.close()


def test_the_edges_by_hand_and_by_recount(edges: Any) -> None:
    store, va, vb = edges
    got = check(store, "2026Q4")
    assert got["cutoff"] == "2026-12-01"
    t = got["total"]
    assert t["children"]["total"] == 6  # a b d e g h: not c (16), f (exited), the deleted one
    assert t["children"]["by_age_band"] == {"0-5": 1, "6-13": 3, "14-15": 2}
    assert t["children"]["by_sex"] == {"男": 3, "女": 3}
    # a and h visited at home this month; b by phone, d last month, e at school (and deleted)
    assert t["home_visit_coverage"] == {"active": 6, "visited": 2, "share": 0.3333}
    assert t["children"]["by_priority_reason"]["失学辍学"] == 1
    assert t["children"]["by_priority_reason"]["其他"] == 0  # closed before the cut-off
    assert t["reports"] == {"open": 2, "by_age": {"0-7": 1, "8-30": 0, "31-90": 0, "91+": 1}}
    assert t["entrustment_gaps"] == 2  # d (no entrustment), e (guardian without capacity)
    per = {u["unit_code"]: u for u in got["units"]}
    assert set(per) == {va, vb}
    assert per[vb]["home_visit_coverage"] == {"active": 1, "visited": 1, "share": 1.0}
    assert per[va]["children"]["total"] == 5
    only_b = check(store, "2026Q4", vb)
    assert only_b["total"]["children"]["total"] == 1


def test_an_earlier_quarter_counts_what_was_true_at_its_end(edges: Any) -> None:
    store, _, _ = edges
    got = check(store, "2026Q3")
    t = got["total"]
    assert got["cutoff"] == "2026-09-30"
    # c is still 15, f had not exited, g was not yet registered
    assert t["children"]["total"] == 7
    assert t["children"]["by_priority_reason"]["其他"] == 1  # b's flag, closed in November
    assert t["home_visit_coverage"]["visited"] == 1  # d, 10 September


def test_bad_input_is_a_clear_message(edges: Any) -> None:
    store, _, _ = edges
    with pytest.raises(UserError, match="统计期"):
        stats.compute(store, "2026Q5", today=TODAY)
    with pytest.raises(UserError, match="尚未开始"):
        stats.compute(store, "2027Q1", today=TODAY)
    with pytest.raises(UserError, match="不在本单位"):
        stats.compute(store, "2026Q4", "210213002001", today=TODAY)
    with pytest.raises(UserError):
        stats.children_behind(store, "2026Q4", None, "colour", "red", today=TODAY)


def test_age_bounds_agree_with_age_on_around_every_birthday() -> None:
    from leftbehind_desktop.core import stats as defs

    for cut in (date(2026, 12, 1), date(2028, 2, 29), date(2027, 2, 28), date(2026, 3, 1)):
        bounds = defs.age_bounds(cut)
        day = date(cut.year - 17, 1, 1)
        while day <= cut:
            iso = day.isoformat()
            band = next((code for code, after, upto in bounds.bands if after < iso <= upto),
                        None)
            age = age_on(day, cut)
            assert band == defs.age_band(age), (cut, day)
            assert (iso > bounds.limit) == (age < 16), (cut, day)
            day += timedelta(days=1)


def test_a_write_shows_in_the_next_figures(tmp_path: Any) -> None:
    store, _ = make_store(tmp_path / "v")
    try:
        reg = Registry(store, today=lambda: TODAY)
        child = _child(store.unit_code, "癸", "2016-05-05")
        reg.bulk_insert({"child": [child]})
        before = stats.compute(store, "2026Q4", today=TODAY).as_dict()["total"]
        assert before["home_visit_coverage"] == {"active": 1, "visited": 0, "share": 0.0}
        reg.add("visit", {"visit_date": "2026-12-01", "visit_type": "入户走访", "visitor": "刘淑华",
                          "living_arrangement": "与祖辈同住"}, child_id=child["id"])
        after = stats.compute(store, "2026Q4", today=TODAY).as_dict()["total"]
        assert after["home_visit_coverage"] == {"active": 1, "visited": 1, "share": 1.0}

        def q3() -> int:
            return int(stats.compute(store, "2026Q3", today=TODAY).as_dict()[
                "total"]["home_visit_coverage"]["visited"])

        # an earlier quarter (its cut-off a month's end) reads the months kept by trigger
        assert q3() == 0
        sep = reg.add("visit", {"visit_date": "2026-09-10", "visit_type": "入户走访",
                                "visitor": "刘淑华", "living_arrangement": "与祖辈同住"},
                      child_id=child["id"]).record
        assert q3() == 1
        reg.update("visit", sep["id"], {"visit_date": "2026-08-10"})
        assert q3() == 0
        reg.update("visit", sep["id"], {"visit_date": "2026-09-11"})
        assert q3() == 1
        reg.update("visit", sep["id"], {"visit_type": "电话随访"})
        assert q3() == 0
        reg.update("visit", sep["id"], {"visit_type": "入户走访"})
        reg.delete("visit", sep["id"], reason="录入错误")
        assert q3() == 0
    finally:
        store.close()


def test_packages_missing_and_late_as_the_sync_overview_has_them(tmp_path: Any) -> None:
    from leftbehind_desktop.store.sync import PackageEntry, SyncStore, TrustedKey
    from leftbehind_desktop.sync.overview import overview

    store, _ = make_store(tmp_path / "s", role="street", unit=STREET, name="大李家街道")
    try:
        ex = SyncStore(store)
        villages = [u.code for u in units.below(STREET)[:4]]
        with store.transaction() as audit:
            for n, code in enumerate(villages[:3]):  # the fourth never enrolled: not listed
                ex.put_key(TrustedKey(f"k{n}", code, f"村{n}", "child", f"d{n}", "sig", "age",
                                      "fp"), audit)
        # village 0 sent on time, village 1 after the deadline (10 days after 30 Sep), 2 never
        for n, when in ((0, "2026-10-05T02:00:00.000Z"), (1, "2026-10-12T02:00:00.000Z")):
            ex.log_package(PackageEntry(f"p{n}", "in", "quarterly", villages[n], f"k{n}", STREET,
                                        "2026Q3", 1, "h", "{}", "sig", "key", when, when, {}))
        got = {p["unit_code"]: p for p in
               stats.compute(store, "2026Q3", today=TODAY).as_dict()["packages"]}
        assert set(got) == set(villages[:3])
        assert [(got[v]["state"], got[v]["late"]) for v in villages[:3]] == [
            ("已报送", False), ("已报送（逾期）", True), ("逾期未报", True)]
        theirs = {r.unit_code: r for r in overview(store, "2026Q3", today=TODAY).rows}
        for v in villages[:3]:
            assert (got[v]["state"], got[v]["late"], got[v]["received_at"]) == (
                theirs[v].state, theirs[v].late, theirs[v].received_at)
        # before the deadline the one not sent is not late yet
        early = {p["unit_code"]: p for p in stats.compute(
            store, "2026Q3", today=date(2026, 10, 10)).as_dict()["packages"]}
        assert (early[villages[2]]["state"], early[villages[2]]["late"]) == ("未报送", False)
    finally:
        store.close()
