"""What needs doing: visits due (R1), missing entrustments (R3), exit proposals (R7), open
reports and priority cases, home visits to verify a phone call (rule 2), out-of-school children
and their 劝返 follow-up (rule 3), reports awaiting their assessment (rule 6) and guardianship
to consider revoking (rule 7).

Every list is one set-wise query: the rule's condition written in SQL over the whole store,
with the constants and cut-off dates of ``core/rules.py`` (``rules.born_by``,
``rules.visit_thresholds``, ``rules.revocation_since_by``, the status words) put into it —
nothing is decided child by child in Python. The pure predicates of ``core/rules.py`` stay
the definition for one child (the child file); ``tests/store/test_worklists_sql.py``
recounts every list from the records with them and asserts the same children, fields and
order, on demo stores and on a store of edge cases.

A list can be asked for its first ``limit`` rows: the query still classifies every child
and returns how many there are in all (``Workbench.totals``), as the workbench shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core import rules, units
from .pending import PendingItem, pending_items


@dataclass(slots=True)
class DueItem:
    child_id: str
    name: str
    unit_code: str
    status: str  # due | overdue
    due_date: date
    days_overdue: int
    priority: bool
    last_visit: str | None


SCREEN_ROWS = 500  # rows per list the workbench shows (its title counts them all)
LISTS = ("due", "priority", "open_reports", "needs_entrustment", "exit_proposals",
         "verify_at_home", "out_of_school", "awaiting_assessment", "revocation", "to_complete")


@dataclass
class Workbench:
    as_of: date
    due: list[DueItem] = field(default_factory=list)
    priority: list[dict[str, Any]] = field(default_factory=list)
    open_reports: list[dict[str, Any]] = field(default_factory=list)
    needs_entrustment: list[dict[str, Any]] = field(default_factory=list)
    exit_proposals: list[dict[str, Any]] = field(default_factory=list)
    verify_at_home: list[dict[str, Any]] = field(default_factory=list)
    out_of_school: list[dict[str, Any]] = field(default_factory=list)
    awaiting_assessment: list[dict[str, Any]] = field(default_factory=list)
    revocation: list[dict[str, Any]] = field(default_factory=list)
    active_children: int = 0
    to_complete: list[PendingItem] = field(default_factory=list)  # 待补充 (from table imports)
    # how many each list holds in all (the lists above may be their first ``limit`` rows)
    totals: dict[str, int] = field(default_factory=dict)
    overdue: int = 0  # of ``totals["due"]``

    def total(self, name: str) -> int:
        return self.totals.get(name, len(getattr(self, name)))


_DUE_SQL = """
    WITH d AS (
        SELECT id, name, unit_code, last_visit, priority, substr(created_at, 1, 10) AS reg,
               coalesce(last_visit, substr(created_at, 1, 10)) AS base
        FROM child INDEXED BY child_due
        WHERE status = '在册' AND deleted = 0
          AND (priority = 1 OR last_visit IS NULL OR last_visit < :ok_since)),
    c AS (
        SELECT *, CASE
            WHEN priority = 1 THEN CASE WHEN base < :p_overdue THEN 2
                                        WHEN base <= :p_due_until THEN 1 ELSE 0 END
            WHEN last_visit >= :due_since OR reg >= :due_since THEN 1 ELSE 2 END AS st
        FROM d)
    SELECT id, name, unit_code, st, priority, last_visit, CASE
            WHEN priority = 1 THEN date(base, :interval)
            WHEN st = 1 THEN :month_end ELSE :missed_end END AS due_date
    FROM c WHERE st > 0
    ORDER BY st DESC, priority DESC, due_date, name, id"""

_STATUS = {1: "due", 2: "overdue"}


def _due_params(t: rules.VisitThresholds) -> dict[str, Any]:
    return {"ok_since": t.ok_since.isoformat(), "due_since": t.due_since.isoformat(),
            "p_overdue": t.priority_overdue_before.isoformat(),
            "p_due_until": t.priority_due_until.isoformat(), "interval": f"+{t.interval} days",
            "month_end": t.month_end.isoformat(), "missed_end": t.missed_month_end.isoformat()}


def due_list(conn: Any, as_of: date, priority_interval_days: int = 14,
             limit: int | None = None, offset: int = 0, overdue_only: bool = False
             ) -> list[DueItem]:
    """R1 for every active child: due and overdue visits, most urgent first (overdue, then
    priority cases, then by due date and name).

    Classifies in SQL with :func:`rules.visit_thresholds` over the trigger-maintained
    ``child.last_visit``/``child.priority`` columns and a covering index, so a district's
    100,000 children need no Python loop; ``limit``/``offset`` page through the list.
    ``overdue_only``: the overdue children only (they come first: a page that holds no
    more than there are overdue is the same, with fewer rows to sort).
    """
    t = rules.visit_thresholds(as_of, priority_interval_days)
    sql = _DUE_SQL if not overdue_only else _DUE_SQL.replace(
        "FROM c WHERE st > 0", "FROM c WHERE st = 2")
    sql += " LIMIT :limit OFFSET :offset" if limit is not None else ""
    params = {**_due_params(t), "limit": limit if limit is not None else -1, "offset": offset}
    items: list[DueItem] = []
    fromiso = date.fromisoformat
    for cid, name, unit, st, prio, last, due in conn.execute(sql, params):
        due_d = fromiso(due)
        items.append(DueItem(cid, name, unit, _STATUS[st], due_d,
                             (as_of - due_d).days if st == 2 else 0, bool(prio), last))
    return items


def due_counts(conn: Any, as_of: date, priority_interval_days: int = 14) -> dict[str, int]:
    """How many children are due and overdue (the work list's headline), without the list."""
    t = rules.visit_thresholds(as_of, priority_interval_days)
    head = _DUE_SQL.split("    SELECT id, name, unit_code, st,")[0]
    sql = head + "    SELECT total(st = 1), total(st = 2) FROM c"
    due, overdue = conn.execute(sql, _due_params(t)).fetchone()
    return {"due": int(due), "overdue": int(overdue)}


# == the rules as SQL ==========================================================================
def _q(value: str) -> str:
    """A constant of ``core/rules.py`` as an SQL literal (written into the statement, not
    bound, so the planner can match the partial indexes of migration
    ``_migration_worklist_indexes``)."""
    return "'" + value.replace("'", "''") + "'"


def _in(values: Iterable[str]) -> str:
    return "(" + ", ".join(_q(v) for v in sorted(values)) + ")"


_ACTIVE = f"c.status = {_q(rules.ACTIVE)} AND c.deleted = 0"
_REPORT_OPEN = f"r.deleted = 0 AND r.followup_status IS NOT {_q(rules.REPORT_CLOSED)}"
_CONTACT = (f"v.deleted = 0 AND coalesce(v.visit_type, {_q(rules.HOME_VISIT)}) "
            f"!= {_q(rules.HOME_VISIT)}")


def _iso(x: str) -> str:
    """``x`` when it is an ISO date (YYYY-MM-DD), else NULL: ``parse_date`` in SQL."""
    return f"CASE WHEN date({x}) = {x} THEN {x} END"


# The child's parents (rules._parents) are the first live 父亲 and 母亲 records: their
# statuses are kept on the child row as c.father / c.mother (NULL: none recorded; '' : no
# status), by the triggers of migration _migration_worklist_state.
_NOCAP = _in(rules.NO_CAPACITY)
_AWAY = _q(rules.PARENT_AWAY)
# rules.parents_unavailable, case by case of the father's status: both away, or one away and
# the other unable to care (NO_CAPACITY), or only one recorded and away
_UNAVAILABLE = f"""(CASE WHEN c.father = {_AWAY}
        THEN c.mother IS NULL OR c.mother = {_AWAY} OR c.mother IN {_NOCAP}
      WHEN c.father IS NULL OR c.father IN {_NOCAP} THEN c.mother IS {_AWAY}
      ELSE 0 END)"""

# rules.entrustment_days / entrustment_active: an entrustment to a guardian with capacity is
# in force from its start or the guardian's 18th birthday, whichever is later, to its end.
# The only such entrustment's days are kept on the child (c.entrust_from/to); with several,
# each is asked. A child without one in force on :as_of is in one of these disjoint ranges
# of index child_entrust (so the list reads about as many entries as it lists):
_IN_FORCE_FROM = (f"max({_iso('e.start_date')}, "
                  f"date({_iso('e.guardian_birth_date')}, '+{rules.ADULT_AGE} years'))")
_NOT_ENTRUSTED = (
    "c.entrust_n = 0",
    "c.entrust_n = 1 AND c.entrust_to < :as_of",
    "c.entrust_n = 1 AND c.entrust_to >= :as_of AND c.entrust_from IS NULL",
    "c.entrust_n = 1 AND c.entrust_to >= :as_of AND c.entrust_from > :as_of",
    "c.entrust_n = 1 AND c.entrust_to IS NULL AND c.entrust_from IS NULL",
    "c.entrust_n = 1 AND c.entrust_to IS NULL AND c.entrust_from > :as_of",
    f"""c.entrust_n > 1 AND NOT EXISTS (
        SELECT 1 FROM entrustment e
        WHERE e.child_id = c.id AND e.deleted = 0 AND e.has_capacity
          AND {_IN_FORCE_FROM} <= :as_of
          AND ({_iso('e.end_date')} IS NULL OR {_iso('e.end_date')} >= :as_of))""")


def _unit_filter(unit_code: str | None) -> tuple[str, dict[str, Any]]:
    """Children of ``unit_code`` (a village, or every village of a street or district)."""
    if unit_code is None:
        return "", {}
    level = units.level_of(unit_code)
    n = {units.Level.VILLAGE: 12, units.Level.STREET: 9, units.Level.DISTRICT: 6}[level]
    return f" AND substr(c.unit_code, 1, {n}) = :unit_prefix", {"unit_prefix": unit_code[:n]}


def _entrustment_body(unit_code: str | None = None) -> tuple[str, dict[str, Any]]:
    where, params = _unit_filter(unit_code)
    sql = "\n    UNION ALL\n".join(
        f"""SELECT c.id AS child_id, c.name, c.unit_code FROM child c INDEXED BY child_entrust
        WHERE {_ACTIVE} AND {cond} AND {_UNAVAILABLE}{where}""" for cond in _NOT_ENTRUSTED)
    return sql, params


def _age_params(as_of: date) -> dict[str, Any]:
    born = {f"born_{n}": rules.born_by(as_of, n).isoformat()
            for n in (rules.CHILD_AGE_LIMIT, rules.COMPULSORY_AGES.start,
                      rules.NEVER_ENROLLED_AGE)}
    return {"as_of": as_of.isoformat(), **born}


_BORN = f":born_{rules.CHILD_AGE_LIMIT}"
_AGED_16 = f"(c.birth_date <= {_BORN} AND date(c.birth_date) = c.birth_date)"
# rules.exit_proposal: 16 (the date: the 16th birthday, rules.birthday_in_year — SQLite's
# '+16 years' on 29 February gives 1 March in a common year too), else both parents home
_EXIT_BODY = f"""SELECT c.id AS child_id, c.name, c.unit_code, {_q("年满16周岁")} AS reason,
           date(c.birth_date, '+{rules.CHILD_AGE_LIMIT} years') AS date
    FROM child c INDEXED BY child_birth WHERE {_ACTIVE} AND {_AGED_16}
    UNION ALL
    SELECT c.id, c.name, c.unit_code, {_q("父母返乡")}, :as_of
    FROM child c INDEXED BY child_work
    WHERE {_ACTIVE} AND c.father = {_q(rules.PARENT_HOME)} AND c.mother = {_q(rules.PARENT_HOME)}
      AND NOT {_AGED_16}"""

# rule 2, rules.verify_at_home: the newest phone/school contact after the newest home visit
# (c.last_visit) that reported another living arrangement; the children listed are those
# whose newest such contact (c.odd_contact, kept by triggers) came after it
_VERIFY_BODY = f"""WITH cand AS (
        SELECT c.id, c.name, c.unit_code, c.living_arrangement AS recorded, c.last_visit
        FROM child c INDEXED BY child_contact
        WHERE {_ACTIVE} AND c.odd_contact IS NOT NULL
          AND c.odd_contact > coalesce(c.last_visit, '')),
    hit AS (
        SELECT v.child_id, cand.name, cand.unit_code, v.visit_date, v.visit_type,
               v.living_arrangement AS reported, cand.recorded,
               row_number() OVER (PARTITION BY v.child_id
                                  ORDER BY v.visit_date DESC, v.created_at DESC) AS rn
        FROM cand JOIN visit v ON v.child_id = cand.id
        WHERE {_CONTACT} AND v.visit_date > coalesce(cand.last_visit, '')
          AND date(v.visit_date) = v.visit_date AND coalesce(v.living_arrangement, '') != ''
          AND v.living_arrangement IS NOT cand.recorded)
    SELECT child_id, name, unit_code, visit_date, visit_type, reported, recorded
    FROM hit WHERE rn = 1"""

# rule 3, rules.out_of_school, or an open 失学辍学 flag (its first by opening date)
_SCHOOL_AGE = f"""(c.birth_date > {_BORN} AND date(c.birth_date) = c.birth_date AND (
        (c.schooling IN {_in(rules.OUT_OF_SCHOOL_COMPULSORY)}
         AND c.birth_date <= :born_{rules.COMPULSORY_AGES.start})
        OR (c.schooling IN {_in(rules.NEVER_ENROLLED)}
            AND c.birth_date <= :born_{rules.NEVER_ENROLLED_AGE})))"""
_DROPOUT_FLAG = f"""f.deleted = 0 AND f.status = {_q(rules.FLAG_OPEN)}
    AND f.reason = {_q(rules.REASON_OUT_OF_SCHOOL)}"""
_SCHOOLING = _in(rules.OUT_OF_SCHOOL_COMPULSORY | rules.NEVER_ENROLLED)
_SCHOOL_BODY = f"""WITH fl AS (
        SELECT f.child_id, f.id, f.opened_on, f.school_notified_on, f.written_report_on,
               f.returned_on,
               row_number() OVER (PARTITION BY f.child_id ORDER BY f.opened_on, f.rowid) AS rn
        FROM priority_flag f WHERE {_DROPOUT_FLAG}),
    ids AS (
        SELECT child_id AS id FROM fl WHERE rn = 1
        UNION
        SELECT c.id FROM child c INDEXED BY child_school
        WHERE {_ACTIVE} AND c.schooling IN {_SCHOOLING} AND {_SCHOOL_AGE})
    SELECT c.id AS child_id, c.name, c.unit_code, c.birth_date, c.schooling,
           fl.id AS flag_id, fl.opened_on, fl.school_notified_on, fl.written_report_on,
           fl.returned_on
    FROM ids JOIN child c ON c.id = ids.id LEFT JOIN fl ON fl.child_id = c.id AND fl.rn = 1
    WHERE {_ACTIVE}"""

# rule 6, rules.reports_awaiting_assessment
_ASSESS_BODY = f"""SELECT r.child_id, c.name, c.unit_code, r.id AS report_id, r.situation,
           r.reported_at, r.followup_status
    FROM mandatory_report r JOIN child c ON c.id = r.child_id
    WHERE r.deleted = 0 AND {_ACTIVE} AND NOT EXISTS (
        SELECT 1 FROM assessment a WHERE a.report_ref = r.id AND a.child_id = r.child_id
          AND a.deleted = 0)"""


def _add_months_sql(d: str, months: int) -> str:
    """rules.add_months in SQL: the same day ``months`` later, or that month's last day."""
    return (f"min(date({d}, 'start of month', '+{months} months', "
            f"'+' || (CAST(strftime('%d', {d}) AS INTEGER) - 1) || ' days'), "
            f"date({d}, 'start of month', '+{months + 1} months', '-1 day'))")


# rule 7, rules.revocation_watch: a first parent 失联 (index family_missing), or an open
# report of 监护人无力履行或怠于履行监护职责, since 6 months
_FIRST = ("m.rowid = (SELECT min(x.rowid) FROM family_member x WHERE x.deleted = 0 "
          f"AND x.relation IN ({_q(rules.FATHER)}, {_q(rules.MOTHER)}) "  # (index family_parent)
          "AND x.child_id = m.child_id AND x.relation = m.relation)")
_REVOKE_BODY = f"""WITH w AS MATERIALIZED (
        SELECT m.child_id, m.relation, {_q(rules.PARENT_MISSING)} AS cause,
               coalesce({_iso('m.status_since')}, {_iso('substr(m.created_at, 1, 10)')}) AS since
        FROM family_member m INDEXED BY family_missing
        WHERE m.deleted = 0 AND m.status = {_q(rules.PARENT_MISSING)}
          AND m.relation IN ({_q(rules.FATHER)}, {_q(rules.MOTHER)}) AND {_FIRST}
        UNION ALL
        SELECT r.child_id, {_q("监护人")}, {_q("拒不履行监护职责")},
               {_iso("substr(r.reported_at, 1, 10)")}
        FROM mandatory_report r
        WHERE {_REPORT_OPEN} AND r.situation = {_q(rules.SITUATION_GUARDIAN)})
    SELECT w.child_id, c.name, c.unit_code, w.relation, w.cause, w.since,
           {_add_months_sql("w.since", rules.REVOKE_AFTER_MONTHS)} AS due
    FROM w JOIN child c ON c.id = w.child_id
    WHERE {_ACTIVE} AND w.since <= :since_by AND NOT EXISTS (
        SELECT 1 FROM mandatory_report x, json_each(CASE WHEN json_valid(x.response_measures)
            AND json_type(x.response_measures) = 'array' THEN x.response_measures ELSE '[]' END) j
        WHERE x.child_id = w.child_id AND x.deleted = 0 AND j.value = {_q(rules.REVOKE_MEASURE)})"""

_REPORTS_BODY = f"""SELECT r.id, r.child_id, c.name, c.unit_code, r.situation, r.severity,
           r.reported_at, r.followup_status
    FROM mandatory_report r JOIN child c ON c.id = r.child_id WHERE {_REPORT_OPEN}"""


def _due_columns() -> tuple[str, str]:
    """R1's status (0 ok, 1 due, 2 overdue) and due date of child ``c`` in SQL, with the
    parameters of :func:`_due_params` (as ``_DUE_SQL`` classifies)."""
    base = "coalesce(c.last_visit, substr(c.created_at, 1, 10))"
    st = f"""CASE WHEN c.priority = 1 THEN CASE WHEN {base} < :p_overdue THEN 2
                                        WHEN {base} <= :p_due_until THEN 1 ELSE 0 END
             WHEN c.last_visit >= :ok_since THEN 0
             WHEN c.last_visit >= :due_since OR substr(c.created_at, 1, 10) >= :due_since THEN 1
             ELSE 2 END"""
    due = f"""CASE WHEN c.priority = 1 THEN date({base}, :interval)
              WHEN ({st}) = 1 THEN :month_end ELSE :missed_end END"""
    return st, due


_ST, _DUE_DATE = _due_columns()
_OPEN_FLAGS = f"f.child_id = c.id AND f.status = {_q(rules.FLAG_OPEN)} AND f.deleted = 0"
# the children with an open flag in the order of their first (c.flag_opened, kept by
# triggers): a page reads the head of one index; reasons and person for its rows only
_PRIORITY_BODY = f"""SELECT c.id AS child_id, c.name, c.unit_code,
           (SELECT group_concat(f.reason, '、') FROM priority_flag f
            WHERE {_OPEN_FLAGS}) AS reasons,
           c.flag_opened AS opened_on,
           (SELECT max(f.designated_person) FROM priority_flag f
            WHERE {_OPEN_FLAGS}) AS designated_person,
           CASE WHEN ({_ST}) > 0 THEN {_DUE_DATE} END AS next_visit
    FROM child c INDEXED BY child_flagged
    WHERE {_ACTIVE} AND c.flag_opened IS NOT NULL"""

_ORDER = {
    "priority": "opened_on, name, child_id",
    "open_reports": "reported_at, id",
    "needs_entrustment": "unit_code, name, child_id",
    "exit_proposals": "date, name, child_id",
    "verify_at_home": "visit_date, name, child_id",
    "out_of_school": "unit_code, name, child_id",
    "awaiting_assessment": "reported_at, name, report_id",
    "revocation": "due, name, child_id, relation",
}


def _page(conn: Any, name: str, body: str, params: dict[str, Any], limit: int | None,
          window: bool = True) -> tuple[list[dict[str, Any]], int]:
    """The rows of one list in its order (the first ``limit``) and how many it has in all:
    counted in the same pass (``window``), or — for a list read in its index's order, whose
    page stops early — by a second, index-only count."""
    sql = f"SELECT *{', count(*) OVER () AS total_' if window else ''} FROM ({body}) " \
          f"ORDER BY {_ORDER[name]}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, row, strict=True)) for row in cur]
    if window:
        total = rows[0].get("total_", 0) if rows else 0
        for r in rows:
            del r["total_"]
        return rows, int(total)
    if limit is None or len(rows) < limit:
        return rows, len(rows)
    total = conn.execute(f"SELECT count(*) FROM ({body})", params).fetchone()[0]
    return rows, int(total)


def needs_entrustment(conn: Any, as_of: date, unit_code: str | None = None,
                      limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """R3: registered children whose parents are unavailable (both away, or one away and the
    other unable to care) with no entrustment in force on ``as_of`` to an adult with
    capacity — ``{child_id, name, unit_code}`` by village and name, and the total. Within
    ``unit_code`` (a village, street or the district) when given. Also the dashboard's
    entrustment gaps (``store/stats.py``): see :func:`entrustment_gap_counts`."""
    body, params = _entrustment_body(unit_code)
    return _page(conn, "needs_entrustment", body, {**_age_params(as_of), **params}, limit)


def entrustment_gap_counts(conn: Any, as_of: date, unit_code: str | None = None
                           ) -> dict[str, int]:
    """R3 per village: ``{village unit_code: children without a valid entrustment}`` (the
    same condition as :func:`needs_entrustment`; villages with none are left out)."""
    body, params = _entrustment_body(unit_code)
    cur = conn.execute(f"SELECT unit_code, count(*) FROM ({body}) GROUP BY unit_code",
                       {**_age_params(as_of), **params})
    return {unit: int(n) for unit, n in cur}


def exit_proposals(conn: Any, as_of: date, limit: int | None = None
                   ) -> tuple[list[dict[str, Any]], int]:
    """R7: registered children aged 16 on ``as_of`` (date: the 16th birthday) or whose
    father and mother are both recorded 在家 (date: ``as_of``)."""
    return _page(conn, "exit_proposals", _EXIT_BODY, _age_params(as_of), limit)


def verify_at_home(conn: Any, limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
    return _page(conn, "verify_at_home", _VERIFY_BODY, {}, limit)


def out_of_school(conn: Any, as_of: date, limit: int | None = None
                  ) -> tuple[list[dict[str, Any]], int]:
    rows, total = _page(conn, "out_of_school", _SCHOOL_BODY, _age_params(as_of), limit)
    out = []
    for r in rows:  # the shown rows' derived fields, with the pure functions
        flag = {k: r.pop(k) for k in ("school_notified_on", "written_report_on", "returned_on")}
        out.append({"child_id": r["child_id"], "name": r["name"], "unit_code": r["unit_code"],
                    "age": rules.child_age(r, as_of), "schooling": r["schooling"],
                    "flag_id": r["flag_id"], "opened_on": r["opened_on"],
                    "state": rules.persuasion_state(flag) if r["flag_id"]
                    else rules.PERSUASION_TODO})
    return out, total


def awaiting_assessment(conn: Any, limit: int | None = None
                        ) -> tuple[list[dict[str, Any]], int]:
    return _page(conn, "awaiting_assessment", _ASSESS_BODY, {}, limit)


def revocation(conn: Any, as_of: date, limit: int | None = None
               ) -> tuple[list[dict[str, Any]], int]:
    params = {"since_by": rules.revocation_since_by(as_of).isoformat()}
    return _page(conn, "revocation", _REVOKE_BODY, params, limit)


def open_reports(conn: Any, limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
    return _page(conn, "open_reports", _REPORTS_BODY, {}, limit)


def priority_cases(conn: Any, as_of: date, priority_interval_days: int = 14,
                   limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """Registered children with an open flag: reasons, first opening, designated person and
    the next visit R1 asks for (None when visited in time)."""
    params = _due_params(rules.visit_thresholds(as_of, priority_interval_days))
    return _page(conn, "priority", _PRIORITY_BODY, params, limit, window=False)


def active_children(conn: Any) -> int:
    return int(conn.execute(
        f"SELECT count(*) FROM child c WHERE {_ACTIVE}").fetchone()[0])


def workbench(conn: Any, as_of: date, priority_interval_days: int = 14,
              limit: int | None = None) -> Workbench:
    """Every work list on ``as_of``; each its first ``limit`` rows when given (the totals
    are always the full counts)."""
    wb = Workbench(as_of)
    counts = due_counts(conn, as_of, priority_interval_days)
    wb.due = due_list(conn, as_of, priority_interval_days, limit,
                      overdue_only=limit is not None and counts["overdue"] >= limit)
    wb.totals["due"] = counts["due"] + counts["overdue"]
    wb.overdue = counts["overdue"]
    lists: dict[str, Callable[[], tuple[list[dict[str, Any]], int]]] = {
        "priority": lambda: priority_cases(conn, as_of, priority_interval_days, limit),
        "open_reports": lambda: open_reports(conn, limit),
        "needs_entrustment": lambda: needs_entrustment(conn, as_of, limit=limit),
        "exit_proposals": lambda: exit_proposals(conn, as_of, limit),
        "verify_at_home": lambda: verify_at_home(conn, limit),
        "out_of_school": lambda: out_of_school(conn, as_of, limit),
        "awaiting_assessment": lambda: awaiting_assessment(conn, limit),
        "revocation": lambda: revocation(conn, as_of, limit),
    }
    for name, call in lists.items():
        rows, total = call()
        setattr(wb, name, rows)
        wb.totals[name] = total
    pending = pending_items(conn, PENDING_LIMIT)  # (counted up to its limit)
    wb.to_complete = pending if limit is None else pending[:limit]
    wb.totals["to_complete"] = len(pending)
    wb.active_children = active_children(conn)
    return wb


PENDING_LIMIT = 500
