"""汇总分析: the figures of a period, per unit and in total, in a few set-wise queries.

The definitions (cut-off date, who is counted, age bands, coverage, report age, package
states) are ``core/stats.py``; this module only turns them into SQL. One query groups the
counted children by unit × sex × guardianship × age band × visited-at-home; one the open
priority flags by unit × reason; one the open reports by unit × age; R3 (entrustment gaps)
and the packages come from their own small queries. ``compute`` returns :class:`Stats`, whose
``as_dict()`` is what ``leftbehind stats --json`` prints (shape fixed in the issue's
contract); ``children_behind`` lists the children behind one bar.

Every function takes the ``Store`` (or ``Registry``), or a read connection from
``Store.reader()`` for a worker thread.
"""

from __future__ import annotations

import copy
import functools
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..core import rules, units
from ..core import stats as defs
from ..core.dates import parse_date
from ..core.messages import UserError
from .audit import HEAD_KEY
from .worklists import _NOT_ENTRUSTED, _UNAVAILABLE  # R3 as the work list has it


def _conn(source: Any) -> Any:
    return getattr(source, "conn", source)


def _setting(conn: Any, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return default if row is None else str(row[0])


@dataclass(frozen=True)
class Scope:
    """The unit the figures are for and how its children are grouped (the level below)."""

    unit_code: str
    unit_name: str
    own: str  # the store's unit

    @property
    def level(self) -> units.Level:
        return units.level_of(self.unit_code)

    def where(self, alias: str = "c") -> tuple[str, dict[str, Any]]:
        """The SQL condition of a child (``alias``) being in the scope."""
        if self.level is units.Level.VILLAGE:
            return f"{alias}.unit_code = :scope", {"scope": self.unit_code}
        n = 6 if self.level is units.Level.DISTRICT else 9
        return f"substr({alias}.unit_code, 1, {n}) = :scope", {"scope": self.unit_code[:n]}

    def group(self, alias: str = "c") -> str:
        """The SQL expression of the unit a child is counted under (one level below)."""
        if self.level is units.Level.DISTRICT:
            return f"substr({alias}.unit_code, 1, 9) || '000'"
        return f"{alias}.unit_code"


def _unit_names(conn: Any) -> dict[str, str]:
    return {str(c): str(n) for c, n in conn.execute("SELECT code, name FROM unit")}


def _name_of(code: str, names: dict[str, str]) -> str:
    return names.get(code) or units.known_name(code) or code


def scope_of(source: Any, unit_code: str | None) -> Scope:
    conn = _conn(source)
    own = _setting(conn, "unit_code") or ""
    code = unit_code or own
    if not units.is_unit_code(code) or not units.contains(own, code):
        raise UserError("stats_unit", f"单位代码 {code} 不在本单位（{own}）范围内",
                        f"Unit {code} is not within this office's area ({own})")
    names = _unit_names(conn)
    name = (_setting(conn, "unit_name") if code == own else None) or _name_of(code, names)
    return Scope(code, name, own)


def _counted(cut: date, scope: Scope, alias: str = "c") -> tuple[str, dict[str, Any]]:
    """Counted children on the cut-off date (core/stats: on the register, under 16)."""
    where, params = scope.where(alias)
    a = alias
    sql = (f"{a}.deleted = 0 AND substr({a}.created_at, 1, 10) <= :cut "
           f"AND ({a}.status = '在册' OR ({a}.exit_date IS NOT NULL AND {a}.exit_date > :cut)) "
           f"AND ({a}.birth_date IS NULL OR {a}.birth_date > :limit) AND {where}")
    return sql, {**params, "cut": cut.isoformat(),
                 "limit": defs.age_bounds(cut).limit}


def _band_case(cut: date, alias: str = "c") -> tuple[str, dict[str, Any]]:
    bounds = defs.age_bounds(cut)
    whens = " ".join(f"WHEN {alias}.birth_date > :band{i} THEN '{code}'"
                     for i, (code, after, _) in enumerate(bounds.bands))
    return f"CASE {whens} END", {f"band{i}": after for i, (_, after, _) in enumerate(bounds.bands)}


_HOME = f"coalesce(v.visit_type, '{defs.HOME_VISIT}') = '{defs.HOME_VISIT}'"


def _month_end(cut: date) -> bool:
    return (cut + timedelta(days=1)).day == 1


def _visited(alias: str = "c", cut: date | None = None) -> str:
    """Whether the child had a home visit in the coverage month, up to the cut-off. When the
    cut-off is the month's last day (every earlier quarter) the months with a home visit kept
    on the child (``child.home_months``, by trigger) answer; otherwise (a running quarter)
    see below."""
    if cut is not None and _month_end(cut):
        return f"(instr(coalesce({alias}.home_months, ''), substr(:month0, 1, 7)) > 0)"
    return _visited_running(alias)


def _visited_running(alias: str = "c") -> str:
    """Whether the child had a home visit in the coverage month, up to the cut-off. The
    trigger-kept ``child.last_visit`` (the newest home visit) answers without a look at the
    visits unless it lies after the cut-off (an earlier quarter): then the visit index is
    asked (``visit_home``)."""
    a = alias
    return (f"CASE WHEN {a}.last_visit IS NULL OR {a}.last_visit < :month0 THEN 0 "
            f"WHEN {a}.last_visit <= :cut THEN 1 ELSE EXISTS (SELECT 1 FROM visit v "
            f"WHERE v.child_id = {a}.id AND v.visit_date >= :month0 AND v.visit_date <= :cut "
            f"AND v.deleted = 0 AND {_HOME}) END")


def _report_case(cut: date, alias: str = "r") -> tuple[str, dict[str, Any]]:
    parts, params = [], {}
    for i, (code, _, after) in enumerate(defs.report_age_bounds(cut)):
        if after is None:
            parts.append(f"ELSE '{code}'")
        else:
            parts.append(f"WHEN substr({alias}.reported_at, 1, 10) > :rep{i} THEN '{code}'")
            params[f"rep{i}"] = after
    return "CASE " + " ".join(parts) + " END", params


def _open_report(alias: str = "r") -> str:
    return (f"{alias}.deleted = 0 AND {alias}.followup_status IS NOT '已结案' "
            f"AND substr({alias}.reported_at, 1, 10) <= :cut")


def _open_flag(alias: str = "f") -> str:
    return (f"{alias}.deleted = 0 AND {alias}.opened_on <= :cut "
            f"AND ({alias}.status = '开放' OR {alias}.closed_on > :cut)")


# -- figures ----------------------------------------------------------------------------------
def _empty_figures() -> dict[str, Any]:
    return {
        "children": {"total": 0, "by_sex": {c: 0 for c in defs.codes("sex")},
                     "by_age_band": {c: 0 for c in defs.codes("age_band")},
                     "by_guardianship": {c: 0 for c in defs.codes("guardianship")},
                     "by_priority_reason": {c: 0 for c in defs.codes("priority_reason")}},
        "home_visit_coverage": {"active": 0, "visited": 0, "share": None},
        "reports": {"open": 0, "by_age": {c: 0 for c in defs.codes("report_age")}},
        "entrustment_gaps": 0,
    }


def _add(counts: dict[str, int], key: Any, n: int) -> None:
    k = "" if key is None else str(key)  # "" = not filled in
    counts[k] = counts.get(k, 0) + n


def _gap_children(conn: Any, cut: date, scope: Scope) -> dict[str, str]:
    """child id → unit group of the counted children for whom R3 holds on the cut-off date:
    the work list's own set-wise R3 (``store/worklists.py``: ``rules.parents_unavailable``
    over the parents' statuses kept on the child, no entrustment in force on ``:as_of``),
    over the counted children instead of today's register."""
    counted, params = _counted(cut, scope)
    g = scope.group()
    on_register = f"c.status = '{rules.ACTIVE}' AND c.deleted = 0"
    parts = [f"SELECT c.id, {g} FROM child c INDEXED BY child_entrust WHERE {on_register} "
             f"AND {cond} AND {_UNAVAILABLE} AND {counted}"
             for cond in _NOT_ENTRUSTED]
    # exited after the cut-off (an earlier quarter): few, read by the register status
    parts.append(f"SELECT c.id, {g} FROM child c INDEXED BY child_status "
                 f"WHERE c.status != '{rules.ACTIVE}' AND c.deleted = 0 AND {counted} "
                 f"AND {_UNAVAILABLE} AND ("
                 + " OR ".join(f"({cond})" for cond in _NOT_ENTRUSTED) + ")")
    cur = conn.execute(" UNION ALL ".join(parts), {**params, "as_of": cut.isoformat()})
    return {str(cid): str(grp) for cid, grp in cur}


def _figures(conn: Any, cut: date, scope: Scope) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(total, unit group → figures) on the cut-off date."""
    by_unit: dict[str, dict[str, Any]] = defaultdict(_empty_figures)
    total = _empty_figures()
    counted, params = _counted(cut, scope)
    band, bparams = _band_case(cut)
    g = scope.group()
    params = {**params, **bparams, "month0": defs.coverage_month(cut).isoformat()}
    # one pass over the children (a covering index), conditional sums per unit: no sort of
    # 100,000 rows, no look at the child table
    sums: list[tuple[str, str]] = []  # (breakdown key, code) per column
    cols: list[str] = []
    for key, col, dim in (("by_sex", "c.sex", "sex"),
                          ("by_guardianship", "c.guardianship_grade", "guardianship")):
        for code in defs.codes(dim):
            params[f"k{len(cols)}"] = code
            cols.append(f"total({col} = :k{len(cols)})")
            sums.append((key, code))
    for code in defs.codes("age_band"):
        params[f"k{len(cols)}"] = code
        cols.append(f"total({band} = :k{len(cols)})")
        sums.append(("by_age_band", code))
    cur = conn.execute(
        f"SELECT {g}, count(*), total({_visited('c', cut)}), {', '.join(cols)} FROM child c "
        f"INDEXED BY child_trend "
        f"WHERE {counted} GROUP BY 1", params)
    for grp, n, visited, *values in cur:
        n, visited = int(n), int(visited)
        for figs in (by_unit[grp], total):
            ch = figs["children"]
            ch["total"] += n
            cov = figs["home_visit_coverage"]
            cov["active"] += n
            cov["visited"] += visited
            for (key, code), v in zip(sums, values, strict=True):
                ch[key][code] += int(v)
    for figs in (*by_unit.values(), total):
        ch = figs["children"]
        for key in ("by_sex", "by_guardianship"):  # not filled in (or not a code): ""
            rest = ch["total"] - sum(ch[key].values())
            if rest:
                ch[key][""] = rest
    counted_p, params = _counted(cut, scope)
    for grp, reason, n in conn.execute(
            f"SELECT {g}, f.reason, count(DISTINCT f.child_id) FROM priority_flag f "
            f"JOIN child c ON c.id = f.child_id WHERE {_open_flag()} AND {counted_p} "
            "GROUP BY 1, 2", params):
        for figs in (by_unit[grp], total):
            _add(figs["children"]["by_priority_reason"], reason, n)
    where, sparams = scope.where()
    case, rparams = _report_case(cut)
    for grp, age, n in conn.execute(
            f"SELECT {g}, {case}, count(*) FROM mandatory_report r "
            f"JOIN child c ON c.id = r.child_id WHERE {_open_report()} AND c.deleted = 0 "
            f"AND {where} GROUP BY 1, 2", {**sparams, **rparams, "cut": cut.isoformat()}):
        for figs in (by_unit[grp], total):
            figs["reports"]["open"] += n
            _add(figs["reports"]["by_age"], age, n)
    for grp in _gap_children(conn, cut, scope).values():
        by_unit[grp]["entrustment_gaps"] += 1
        total["entrustment_gaps"] += 1
    for figs in (*by_unit.values(), total):
        cov = figs["home_visit_coverage"]
        cov["share"] = defs.share(cov["visited"], cov["active"])
    return total, dict(by_unit)


def _headlines(conn: Any, cuts: Sequence[date], scope: Scope
               ) -> dict[date, dict[str, tuple[int, int, int]]]:
    """cut-off date → village → (counted children, visited at home, open reports), for the
    earlier quarters of the trend (summed over the villages of any scope): one pass over the
    child index for all of them — each quarter's counted children and, from the months with
    a home visit kept on the child, whether its cut-off's month is among them."""
    out: dict[date, dict[str, tuple[int, int, int]]] = {}
    if not cuts:
        return out
    where, sparams = scope.where()
    params: dict[str, Any] = dict(sparams)
    cols = []
    for i, cut in enumerate(cuts):
        counted, p = _counted(cut, scope)
        p["month0"] = defs.coverage_month(cut).isoformat()
        for name, value in p.items():  # the same predicate with this quarter's parameters
            counted = counted.replace(f":{name}", f":{name}_{i}")
            params[f"{name}_{i}"] = value
        visited = _visited("c", cut).replace(":month0", f":month0_{i}").replace(
            ":cut", f":cut_{i}")
        cols += [f"total({counted})", f"total(({counted}) AND {visited})"]
    per: dict[date, dict[str, list[int]]] = {cut: defaultdict(lambda: [0, 0, 0]) for cut in cuts}
    for unit, *values in conn.execute(
            f"SELECT c.unit_code, {', '.join(cols)} FROM child c INDEXED BY child_trend "
            f"WHERE c.deleted = 0 AND {where} GROUP BY 1", params):
        for i, cut in enumerate(cuts):
            per[cut][str(unit)][0:2] = [int(values[2 * i]), int(values[2 * i + 1])]
    for cut in cuts:
        for unit, n in conn.execute(
                f"SELECT c.unit_code, count(*) FROM mandatory_report r JOIN child c "
                f"ON c.id = r.child_id WHERE {_open_report()} AND c.deleted = 0 AND {where} "
                "GROUP BY 1", {**sparams, "cut": cut.isoformat()}):
            per[cut][str(unit)][2] = int(n)
        out[cut] = {u: (v[0], v[1], v[2]) for u, v in per[cut].items()}
    return out


# -- memo: figures do not change until the store does --------------------------------------------
_MEMO: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_MEMO_LOCK = threading.Lock()
_MEMO_SIZE = 128


def _stamp(conn: Any) -> str:
    """What changes with every write: the audit chain's head (``seq:hash``; every write,
    import and setting appends an event in its own transaction)."""
    return _setting(conn, HEAD_KEY) or ""


def _memo(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    with _MEMO_LOCK:
        if key in _MEMO:
            _MEMO.move_to_end(key)
            return copy.deepcopy(_MEMO[key])
    value = make()
    with _MEMO_LOCK:
        _MEMO[key] = value
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    return copy.deepcopy(value)


def clear_memo() -> None:
    """Forget every remembered figure (benchmarks measure the first computation)."""
    with _MEMO_LOCK:
        _MEMO.clear()


def _first_day(conn: Any, scope: Scope) -> date | None:
    where, params = scope.where()
    (first,) = conn.execute(f"SELECT min(c.created_at) FROM child c INDEXED BY child_trend WHERE {where}",
                            params).fetchone()
    return parse_date(str(first)[:10]) if first else None


# -- packages (R6) ----------------------------------------------------------------------------
def _packages(conn: Any, period: str, scope: Scope, today: date) -> list[dict[str, Any]]:
    """The quarterly package of every unit below this office that reports here (enrolled
    once, or sent one) within the scope: received when, missing, late."""
    own = scope.own
    if units.level_of(own) is units.Level.VILLAGE:
        return []
    days = int(_setting(conn, "quarter_deadline_days", "10") or 10)
    deadline = defs.package_deadline(period, days)
    enrolled = {str(u) for (u,) in conn.execute(
        "SELECT DISTINCT unit_code FROM trust_key WHERE relation = 'child'")}
    received = {str(u): str(first) for u, first in conn.execute(
        "SELECT sender_unit, min(processed_at) FROM package_log WHERE direction = 'in' "
        "AND kind = 'quarterly' AND period = ? GROUP BY sender_unit", (period,))}
    rows = []
    for code, name in conn.execute("SELECT code, name FROM unit ORDER BY code"):
        code = str(code)
        if code == own or units.parent_of(code) != own:
            continue
        if scope.unit_code != own and not units.contains(code, scope.unit_code):
            continue  # the scope is one unit below: its own package only
        if code not in enrolled and code not in received:
            continue
        state, late = defs.package_state(received.get(code), deadline, today)
        rows.append({"unit_code": code, "unit_name": str(name), "state": state,
                     "received_at": received.get(code), "late": late})
    return rows


# -- the API ---------------------------------------------------------------------------------
@dataclass
class Stats:
    period: str
    cutoff: date
    scope: Scope
    total: dict[str, Any]
    units: list[dict[str, Any]] = field(default_factory=list)
    trend: list[dict[str, Any]] = field(default_factory=list)
    packages: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"period": self.period, "cutoff": self.cutoff.isoformat(),
                "scope": {"unit_code": self.scope.unit_code, "unit_name": self.scope.unit_name},
                "total": self.total, "units": self.units, "trend": self.trend,
                "packages": self.packages}


def compute(store: Any, period: str, unit_code: str | None = None, *,
            today: date | None = None, trend: bool = True) -> Stats:
    """The figures of ``period`` (e.g. ``2026Q4``) for ``unit_code`` (default: this office),
    per unit one level below and in total, with the trend and the packages."""
    conn = _conn(store)
    today = today or date.today()
    cut = defs.cutoff(period, today)
    scope = scope_of(conn, unit_code)
    stamp = _stamp(conn)
    total, by_unit = _memo(("figures", stamp, cut, scope.unit_code),
                           lambda: _figures(conn, cut, scope))
    names = _unit_names(conn)
    rows = [{"unit_code": code, "unit_name": _name_of(code, names), **figs}
            for code, figs in sorted(by_unit.items())]
    result = Stats(period, cut, scope, total, rows)
    if trend:
        own = scope_of(conn, None)
        first = _memo(("first", stamp, scope.unit_code), lambda: _first_day(conn, scope))
        periods = defs.trend_periods(period, first)
        cuts = tuple(defs.cutoff(p, today) for p in periods if p != period)
        earlier = _memo(("headlines", stamp, cuts), functools.partial(_headlines, conn, cuts, own))
        for p in periods:
            if p == period:
                n = total["children"]["total"]
                visited = total["home_visit_coverage"]["visited"]
                reports = total["reports"]["open"]
            else:
                per_village = earlier[defs.cutoff(p, today)]
                mine = [v for u, v in per_village.items() if units.contains(scope.unit_code, u)]
                n, visited, reports = (sum(v[i] for v in mine) for i in range(3))
            result.trend.append({"period": p, "children_total": n,
                                 "home_visit_coverage": defs.share(visited, n),
                                 "open_reports": reports})
    result.packages = _packages(conn, period, scope, today)
    return result


def children_behind(store: Any, period: str, unit_code: str | None, dimension: str,
                    value: str | None = None, *, today: date | None = None) -> list[str]:
    """The ids of the counted children behind one bar of the figures (``dimension`` one of
    ``core.stats.DIMENSIONS``; ``value`` the bar's key: a codebook code, a band, a unit code,
    ``visited``/``not_visited``), in the ledger's order (village, name)."""
    if dimension not in defs.DIMENSIONS:
        raise UserError("stats_dimension", f"未知的分类：{dimension}",
                        f"Unknown breakdown: {dimension}")
    conn = _conn(store)
    cut = defs.cutoff(period, today or date.today())
    scope = scope_of(conn, unit_code)
    counted, params = _counted(cut, scope)
    cond = "1"
    if dimension == "unit":
        if value is None or not units.is_unit_code(value):
            return []
        cond = f"{scope.group()} = :value"
    elif dimension in ("sex", "guardianship"):
        col = "c.sex" if dimension == "sex" else "c.guardianship_grade"
        cond = f"coalesce({col}, '') = :value"
    elif dimension == "age_band":
        band, bparams = _band_case(cut)
        cond = f"{band} = :value"
        params.update(bparams)
    elif dimension == "priority_reason":
        cond = (f"EXISTS (SELECT 1 FROM priority_flag f WHERE f.child_id = c.id "
                f"AND {_open_flag()} AND f.reason = :value)")
    elif dimension == "home_visit":
        params["month0"] = defs.coverage_month(cut).isoformat()
        cond = _visited("c", cut) if value == defs.VISITED else f"NOT {_visited('c', cut)}"
    elif dimension == "report_age":
        case, rparams = _report_case(cut)
        params.update(rparams)
        cond = (f"EXISTS (SELECT 1 FROM mandatory_report r WHERE r.child_id = c.id "
                f"AND {_open_report()} AND {case} = :value)")
    elif dimension == "entrustment_gap":
        gaps = _gap_children(conn, cut, scope)
        return _ordered(conn, gaps)
    params["value"] = value
    if dimension == "report_age":
        # open reports count children of the scope whatever their register state
        where, sparams = scope.where()
        sql = f"SELECT c.id FROM child c WHERE c.deleted = 0 AND {where} AND {cond} "
        params = {**params, **sparams}
    else:
        sql = f"SELECT c.id FROM child c WHERE {counted} AND {cond} "
    sql += "ORDER BY c.unit_code, c.name_initials, c.name, c.id"
    return [str(i) for (i,) in conn.execute(sql, params)]


def _ordered(conn: Any, ids: Iterable[str]) -> list[str]:
    wanted = list(ids)
    out: list[tuple[str, str, str, str]] = []
    for pos in range(0, len(wanted), 500):
        chunk = wanted[pos:pos + 500]
        marks = ",".join("?" for _ in chunk)
        out.extend(conn.execute(
            f"SELECT unit_code, coalesce(name_initials, ''), name, id FROM child "
            f"WHERE id IN ({marks})", chunk))
    return [str(r[3]) for r in sorted(out)]
