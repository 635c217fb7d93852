"""What needs doing: visits due (R1), missing entrustments (R3), exit proposals (R7), open
reports and priority cases, home visits to verify a phone call (rule 2), out-of-school children
and their 劝返 follow-up (rule 3), reports awaiting their assessment (rule 6) and guardianship
to consider revoking (rule 7) — computed from a few set-wise queries plus the pure rules."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core import rules
from .pending import PendingItem, pending_items


def _json_list(value: Any) -> list[Any]:
    if not value:
        return []
    try:
        out = json.loads(value)
    except (TypeError, ValueError):
        return []
    return out if isinstance(out, list) else []


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
             limit: int | None = None, offset: int = 0) -> list[DueItem]:
    """R1 for every active child: due and overdue visits, most urgent first (overdue, then
    priority cases, then by due date and name).

    Classifies in SQL with :func:`rules.visit_thresholds` over the trigger-maintained
    ``child.last_visit``/``child.priority`` columns and a covering index, so a district's
    100,000 children need no Python loop; ``limit``/``offset`` page through the list.
    """
    t = rules.visit_thresholds(as_of, priority_interval_days)
    sql = _DUE_SQL + (" LIMIT :limit OFFSET :offset" if limit is not None else "")
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


def _group(conn: Any, sql: str) -> dict[str, list[dict[str, Any]]]:
    cur = conn.execute(sql)
    names = [d[0] for d in cur.description]
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in cur:
        rec = dict(zip(names, row, strict=True))
        out[rec["child_id"]].append(rec)
    return out


_VERIFY_SQL = """
    SELECT v.child_id, v.visit_date, v.visit_type, v.living_arrangement, v.created_at,
           v.deleted
    FROM visit v JOIN child c ON c.id = v.child_id
    WHERE v.deleted = 0 AND coalesce(v.visit_type, '入户走访') != '入户走访'
      AND c.status = '在册' AND c.deleted = 0
      AND v.visit_date > coalesce(c.last_visit, '')
      AND v.living_arrangement IS NOT c.living_arrangement"""


def workbench(conn: Any, as_of: date, priority_interval_days: int = 14) -> Workbench:
    wb = Workbench(as_of, due=due_list(conn, as_of, priority_interval_days),
                   to_complete=pending_items(conn))
    children = conn.execute(
        "SELECT id, name, unit_code, birth_date, status, schooling, living_arrangement "
        "FROM child WHERE status = '在册' AND deleted = 0").fetchall()
    wb.active_children = len(children)
    family = _group(conn, "SELECT child_id, relation, status, status_since, created_at "
                          "FROM family_member WHERE deleted = 0 AND relation IN ('父亲', '母亲')")
    entrust = _group(conn, "SELECT child_id, start_date, end_date, has_capacity, "
                           "guardian_birth_date FROM entrustment WHERE deleted = 0")
    reports = _group(conn, "SELECT id, child_id, situation, reported_at, followup_status, "
                           "response_measures, deleted FROM mandatory_report WHERE deleted = 0")
    for recs in reports.values():
        for r in recs:
            r["response_measures"] = _json_list(r["response_measures"])
    verify = _group(conn, _VERIFY_SQL)
    dropout_flags = _group(conn, "SELECT id, child_id, opened_on, school_notified_on, "
                                 "written_report_on, returned_on FROM priority_flag "
                                 "WHERE deleted = 0 AND status = '开放' AND reason = '失学辍学'")
    for cid, name, unit, birth, status, schooling, living in children:
        child = {"id": cid, "name": name, "birth_date": birth, "status": status,
                 "schooling": schooling}
        base = {"child_id": cid, "name": name, "unit_code": unit}
        fam = family.get(cid, [])
        if rules.needs_entrustment(fam, entrust.get(cid, []), as_of):
            wb.needs_entrustment.append(dict(base))
        proposal = rules.exit_proposal(child, fam, as_of)
        if proposal is not None:
            wb.exit_proposals.append({**base, "reason": proposal.reason,
                                      "date": proposal.date.isoformat()})
        item = rules.verify_at_home(living, verify[cid]) if cid in verify else None
        if item is not None:
            wb.verify_at_home.append({**base, "visit_date": item.visit_date.isoformat(),
                                      "visit_type": item.visit_type, "reported": item.reported,
                                      "recorded": item.recorded})
        flags = dropout_flags.get(cid, [])
        if flags or rules.out_of_school(child, as_of):
            flag = min(flags, key=lambda f: str(f["opened_on"])) if flags else None
            wb.out_of_school.append({
                **base, "age": rules.child_age(child, as_of), "schooling": schooling,
                "flag_id": flag["id"] if flag else None,
                "opened_on": flag["opened_on"] if flag else None,
                "state": rules.persuasion_state(flag) if flag else rules.PERSUASION_TODO})
        watch = (rules.revocation_watch(fam, reports.get(cid, []), as_of)
                 if cid in reports or any(m["status"] == "失联" for m in fam) else [])
        for w in watch:
            wb.revocation.append({**base, "relation": w.relation, "cause": w.cause,
                                  "since": w.since.isoformat(), "due": w.due.isoformat()})
    wb.revocation.sort(key=lambda r: (r["due"], r["name"]))
    wb.verify_at_home.sort(key=lambda r: (r["visit_date"], r["name"]))
    assessed = _group(conn, "SELECT child_id, report_ref, deleted FROM assessment "
                            "WHERE deleted = 0 AND report_ref IS NOT NULL")
    who = {c[0]: (c[1], c[2]) for c in children}
    for cid, recs in reports.items():
        if cid not in who:
            continue
        for rep in rules.reports_awaiting_assessment(recs, assessed.get(cid, [])):
            wb.awaiting_assessment.append({
                "child_id": cid, "name": who[cid][0], "unit_code": who[cid][1],
                "report_id": rep["id"], "situation": rep["situation"],
                "reported_at": rep["reported_at"], "followup_status": rep["followup_status"]})
    wb.awaiting_assessment.sort(key=lambda r: (str(r["reported_at"]), r["name"]))
    cur = conn.execute(
        "SELECT f.child_id, c.name, c.unit_code, group_concat(f.reason, '、'), "
        "min(f.opened_on), max(f.designated_person) FROM priority_flag f "
        "JOIN child c ON c.id = f.child_id "
        "WHERE f.status = '开放' AND f.deleted = 0 AND c.deleted = 0 AND c.status = '在册' "
        "GROUP BY f.child_id ORDER BY min(f.opened_on)")
    due_by_child = {d.child_id: d for d in wb.due}
    for cid, name, unit, reasons, opened, person in cur:
        d = due_by_child.get(cid)
        wb.priority.append({"child_id": cid, "name": name, "unit_code": unit,
                            "reasons": reasons, "opened_on": opened,
                            "designated_person": person,
                            "next_visit": d.due_date.isoformat() if d else None})
    cur = conn.execute(
        "SELECT r.id, r.child_id, c.name, c.unit_code, r.situation, r.severity, "
        "r.reported_at, r.followup_status FROM mandatory_report r "
        "JOIN child c ON c.id = r.child_id "
        "WHERE r.followup_status != '已结案' AND r.deleted = 0 ORDER BY r.reported_at")
    names = [d[0] for d in cur.description]
    wb.open_reports = [dict(zip(names, row, strict=True)) for row in cur]
    return wb
