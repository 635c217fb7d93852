"""Bulk reads for ledgers and exports at district scale (100,000 children): ids in ledger
order, records of many children in batches, visit figures by SQL aggregate. Read-only.

Each function takes the ``Registry`` (or ``Store``) to read from — layers above ``store/``
never hold the connection — or, inside ``store/``, the connection itself."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..core.forms import form
from .records import from_row
from .schema import record_columns

BATCH = 500


def _conn(source: Any) -> Any:
    """The connection of a Registry or Store; a connection as it is."""
    return getattr(source, "conn", source)


def ledger_child_ids(source: Any, as_of: str, unit_prefix: str = "") -> list[tuple[str, str]]:
    """(unit_code, id) of the children on the register on ``as_of`` (ISO date): created by
    then, not deleted, and still registered or exited only after ``as_of``; in village
    order, then name (pinyin initials) order."""
    cur = _conn(source).execute(
        "SELECT unit_code, id FROM child WHERE deleted = 0 AND substr(created_at, 1, 10) <= ? "
        "AND (status = '在册' OR (exit_date IS NOT NULL AND exit_date > ?)) "
        "AND unit_code LIKE ? ORDER BY unit_code, name_initials, name, id",
        (as_of, as_of, unit_prefix + "%"))
    return [(str(u), str(i)) for u, i in cur]


def records_for(source: Any, kind: str, ids: Sequence[str], by: str = "child_id"
                ) -> Iterator[dict[str, Any]]:
    """Non-deleted records of ``kind`` whose ``id`` (by="id") or ``child_id`` is in ``ids``."""
    if by not in ("id", "child_id"):
        raise ValueError(by)
    f = form(kind)
    cols = ", ".join(f'"{c}"' for c in record_columns(f))
    for start in range(0, len(ids), BATCH):
        chunk = list(ids[start:start + BATCH])
        marks = ",".join("?" for _ in chunk)
        cur = _conn(source).execute(f'SELECT {cols} FROM "{f.table}" WHERE "{by}" IN ({marks}) '
                           "AND deleted = 0", chunk)
        names = [d[0] for d in cur.description]
        for row in cur:
            yield from_row(f, dict(zip(names, row, strict=True)))


def visit_figures(source: Any, ids: Sequence[str], start: str, end: str
                  ) -> dict[str, tuple[str | None, int]]:
    """child id → (last visit date on or before ``end``, visits between ``start`` and
    ``end`` inclusive)."""
    out: dict[str, tuple[str | None, int]] = {}
    for pos in range(0, len(ids), BATCH):
        chunk = list(ids[pos:pos + BATCH])
        marks = ",".join("?" for _ in chunk)
        cur = _conn(source).execute(
            "SELECT child_id, max(visit_date), "
            "sum(CASE WHEN visit_date >= ? THEN 1 ELSE 0 END) FROM visit "
            f"WHERE child_id IN ({marks}) AND deleted = 0 AND visit_date <= ? GROUP BY child_id",
            [start, *chunk, end])
        for cid, last, count in cur:
            out[str(cid)] = (None if last is None else str(last), int(count or 0))
    return out


def unit_names(source: Any) -> dict[str, str]:
    return {str(c): str(n) for c, n in _conn(source).execute("SELECT code, name FROM unit")}
