"""Registry search and listing.

A query is read by its shape: digits (and a final X) → ID number prefix; Latin letters →
pinyin initials prefix (``zxm`` finds 张小明); Chinese of 3+ characters → FTS5 trigram over
name and address; 1–2 characters → the ``name_gram`` index of every 1- and 2-character
piece of each name (trigram cannot index fewer than 3 characters).
Listing is id-first: :func:`child_ids` returns the ordered ids (cheap even at 100,000),
:func:`child_rows` fetches the few rows a view shows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SORT_COLUMNS = {"name": "c.name_initials", "birth_date": "c.birth_date",
                "unit_code": "c.unit_code", "id_number": "c.id_number",
                "schooling": "c.schooling", "guardianship_grade": "c.guardianship_grade",
                "status": "c.status", "updated_at": "c.updated_at"}
ROW_COLUMNS = ("id", "name", "sex", "birth_date", "id_number", "unit_code", "schooling",
               "guardianship_grade", "living_arrangement", "status")
ID_PREFIX = re.compile(r"^\d{1,17}[\dXx]?$")
INITIALS = re.compile(r"^[A-Za-z]{1,10}$")


@dataclass(frozen=True)
class ChildFilter:
    query: str = ""
    unit_code: str | None = None
    status: str | None = "在册"  # None: all
    flag_reason: str | None = None  # open priority flag with this reason; "*" any
    guardianship_grade: str | None = None
    schooling: str | None = None
    include_deleted: bool = False


def _where(flt: ChildFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if not flt.include_deleted:
        clauses.append("c.deleted = 0")
    q = flt.query.strip()
    if q:
        if ID_PREFIX.match(q):
            lo = q.upper()
            if len(lo) >= 12:
                # region + birth year + month or more: few children, find them by the
                # id_number index first, whatever order was asked for
                clauses.append("c.rowid IN (SELECT rowid FROM child INDEXED BY child_id_number "
                               "WHERE id_number >= ? AND id_number < ?)")
            else:
                # thousands share a short prefix: walk the listing order and stop early
                clauses.append("c.id_number >= ? AND c.id_number < ?")
            params += [lo, lo + "\uffff"]
        elif INITIALS.match(q):
            lo = q.lower()
            clauses.append("c.name_initials >= ? AND c.name_initials < ?")
            params += [lo, lo + "\x7f"]
        elif len(q) >= 3:
            clauses.append("c.rowid IN (SELECT rowid FROM child_fts WHERE child_fts MATCH ?)")
            params.append('"' + q.replace('"', '""') + '"')
        else:
            clauses.append("c.rowid IN (SELECT child_rowid FROM name_gram WHERE gram = ?)")
            params.append(q)
    if flt.unit_code:
        clauses.append("c.unit_code = ?")
        params.append(flt.unit_code)
    if flt.status:
        clauses.append("c.status = ?")
        params.append(flt.status)
    if flt.guardianship_grade:
        clauses.append("c.guardianship_grade = ?")
        params.append(flt.guardianship_grade)
    if flt.schooling:
        clauses.append("c.schooling = ?")
        params.append(flt.schooling)
    if flt.flag_reason:
        sub = ("EXISTS (SELECT 1 FROM priority_flag f WHERE f.child_id = c.id "
               "AND f.status = '开放' AND f.deleted = 0")
        if flt.flag_reason != "*":
            sub += " AND f.reason = ?"
            params.append(flt.flag_reason)
        clauses.append(sub + ")")
    return (" AND ".join(clauses) or "1"), params


def count_children(conn: Any, flt: ChildFilter) -> int:
    where, params = _where(flt)
    return int(conn.execute(f"SELECT count(*) FROM child c WHERE {where}", params).fetchone()[0])


def children_by_unit(conn: Any) -> dict[str, int]:
    """Registered (在册, not deleted) children per unit code."""
    return {str(code): int(n) for code, n in conn.execute(
        "SELECT unit_code, count(*) FROM child WHERE deleted = 0 AND status = '在册' "
        "GROUP BY unit_code ORDER BY unit_code")}


def child_ids(conn: Any, flt: ChildFilter, order_by: str = "name", descending: bool = False,
              limit: int | None = None) -> list[str]:
    where, params = _where(flt)
    col = SORT_COLUMNS.get(order_by, SORT_COLUMNS["name"])
    direction = "DESC" if descending else "ASC"
    sql = f"SELECT c.id FROM child c WHERE {where} ORDER BY {col} {direction}, c.id {direction}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [row[0] for row in conn.execute(sql, params)]


def child_rows(conn: Any, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Display rows for ``ids`` (at most a screenful), with open flags and last visit."""
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    cols = ", ".join(f"c.{c}" for c in ROW_COLUMNS)
    cur = conn.execute(
        f"SELECT {cols}, "
        "(SELECT group_concat(f.reason, '、') FROM priority_flag f WHERE f.child_id = c.id "
        " AND f.status = '开放' AND f.deleted = 0) AS flags, "
        "(SELECT max(v.visit_date) FROM visit v WHERE v.child_id = c.id AND v.deleted = 0) "
        " AS last_visit, u.name AS unit_name "
        f"FROM child c LEFT JOIN unit u ON u.code = c.unit_code WHERE c.id IN ({marks})",
        list(ids))
    names = [d[0] for d in cur.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cur}
