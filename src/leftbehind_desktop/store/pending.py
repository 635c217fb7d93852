"""待补充: fields a form requires that a record still lacks. Typed input cannot leave one
empty, so they come from a table import whose file had no such column (the living
arrangement, a guardian's birth date); the workbench lists them for the next home visit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.forms import PENDING_FORMS, form


@dataclass(frozen=True)
class PendingItem:
    child_id: str
    child_name: str
    unit_code: str
    kind: str
    record_id: str
    fields: tuple[str, ...]  # Chinese labels


def pending_items(conn: Any, limit: int = 500) -> list[PendingItem]:
    """Registered children whose records still miss a field their form requires (only an
    import leaves one so); what to complete at the next home visit."""
    out: list[PendingItem] = []
    for kind in PENDING_FORMS:
        f = form(kind)
        req = f.pending_fields()  # a conditional one may legitimately be empty
        if not req:
            continue
        cond = " OR ".join(f'r."{fd.name}" IS NULL' for fd in req)
        sel = ", ".join(f'r."{fd.name}" IS NULL' for fd in req)
        if kind == "child":  # (+status: read the partial index child_pending, not all children)
            sql = (f"SELECT r.id, r.name, r.unit_code, r.id, {sel} FROM child r "
                   f"WHERE r.deleted = 0 AND +r.status = '在册' AND ({cond}) ORDER BY r.unit_code, r.name")
        else:
            sql = (f"SELECT c.id, c.name, c.unit_code, r.id, {sel} FROM \"{f.table}\" r "
                   f"JOIN child c ON c.id = r.child_id WHERE r.deleted = 0 AND c.deleted = 0 "
                   f"AND c.status = '在册' AND ({cond}) ORDER BY c.unit_code, c.name")
        for row in conn.execute(sql + f" LIMIT {int(limit)}"):
            labels = tuple(fd.zh for fd, missing in zip(req, row[4:], strict=True) if missing)
            out.append(PendingItem(row[0], row[1], row[2], kind, row[3], labels))
    out.sort(key=lambda p: (p.unit_code, p.child_name))
    return out[:limit]


def pending_count(conn: Any) -> int:
    """Live records (of live children) whose 待补充 fields are still NULL: how many a
    quarterly package carries as 待补充 (the parent office accepts them, sync/SPEC.md)."""
    n = 0
    for kind in PENDING_FORMS:
        f = form(kind)
        cond = " OR ".join(f'r."{fd.name}" IS NULL' for fd in f.pending_fields())
        if kind == "child":
            sql = f"SELECT count(*) FROM child r WHERE r.deleted = 0 AND ({cond})"
        else:
            sql = (f'SELECT count(*) FROM "{f.table}" r JOIN child c ON c.id = r.child_id '
                   f"WHERE r.deleted = 0 AND c.deleted = 0 AND ({cond})")
        n += int(conn.execute(sql).fetchone()[0])
    return n
