"""What needs doing: visits due (R1), missing entrustments (R3), exit proposals (R7), open
reports and priority cases — computed from a few set-wise queries plus the pure rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core import rules


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
    active_children: int = 0


def due_list(conn: Any, as_of: date, priority_interval_days: int = 14,
             include_ok: bool = False) -> list[DueItem]:
    """R1 for every active child: due and overdue visits, most urgent first.

    Reads the derived ``child.last_visit``/``child.priority`` columns (kept by triggers) through
    a covering index. Children visited this month that are not priority cases are ``ok`` by
    :func:`rules.visit_due`, so SQL leaves them out unless ``include_ok``.
    """
    sql = ("SELECT id, name, unit_code, substr(created_at, 1, 10), last_visit, priority "
           "FROM child INDEXED BY child_due WHERE status = '在册' AND deleted = 0")
    params: list[Any] = []
    if not include_ok:
        sql += " AND (priority = 1 OR last_visit IS NULL OR last_visit < ?)"
        params.append(rules.monthly_ok_since(as_of).isoformat())
    items: list[DueItem] = []
    visit_due = rules.visit_due
    fromiso = date.fromisoformat
    for cid, name, unit, created, last, prio in conn.execute(sql, params):
        due = visit_due(fromiso(last) if last else None, fromiso(created), bool(prio), as_of,
                        priority_interval_days)
        if due.status == "ok" and not include_ok:
            continue
        items.append(DueItem(cid, name, unit, due.status, due.due_date, due.days_overdue,
                             bool(prio), last))
    items.sort(key=lambda i: (i.status != "overdue", not i.priority, i.due_date, i.name))
    return items


def _group(conn: Any, sql: str) -> dict[str, list[dict[str, Any]]]:
    cur = conn.execute(sql)
    names = [d[0] for d in cur.description]
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in cur:
        rec = dict(zip(names, row, strict=True))
        out[rec["child_id"]].append(rec)
    return out


def workbench(conn: Any, as_of: date, priority_interval_days: int = 14) -> Workbench:
    wb = Workbench(as_of, due=due_list(conn, as_of, priority_interval_days))
    children = conn.execute(
        "SELECT id, name, unit_code, birth_date, status FROM child "
        "WHERE status = '在册' AND deleted = 0").fetchall()
    wb.active_children = len(children)
    family = _group(conn, "SELECT child_id, relation, status FROM family_member "
                          "WHERE deleted = 0 AND relation IN ('父亲', '母亲')")
    entrust = _group(conn, "SELECT child_id, start_date, end_date, has_capacity, "
                           "guardian_birth_date FROM entrustment WHERE deleted = 0")
    for cid, name, unit, birth, status in children:
        child = {"id": cid, "name": name, "birth_date": birth, "status": status}
        fam = family.get(cid, [])
        if rules.needs_entrustment(fam, entrust.get(cid, []), as_of):
            wb.needs_entrustment.append({"child_id": cid, "name": name, "unit_code": unit})
        proposal = rules.exit_proposal(child, fam, as_of)
        if proposal is not None:
            wb.exit_proposals.append({"child_id": cid, "name": name, "unit_code": unit,
                                      "reason": proposal.reason,
                                      "date": proposal.date.isoformat()})
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
