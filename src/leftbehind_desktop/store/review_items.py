"""SQL of record-level review (逐条审核): the ``review_item`` rows an import creates, the
officer's decisions, the no-changes confirmations (kept in ``review_mark``, which older
stores also hold as their one mark per unit and quarter) and the review state a street's
package forwarded (``review_forward``).

``sync.review`` decides; this module reads and writes. Writes run inside a transaction of
:meth:`Store.transaction` together with their audit events.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from ..core.forms import form
from ..core.ids import utc_now
from .audit import AuditLog
from .store import Store

ITEM_COLUMNS = ("id", "package_id", "unit_code", "period", "kind", "record_id", "child_id",
                "record_unit", "change", "summary_json", "status", "comment", "decided_at",
                "officer", "answered_package_id", "created_at")
STATUSES = ("pending", "passed", "returned", "answered")
_SELECT = ("SELECT " + ", ".join(f"ri.{c}" for c in ITEM_COLUMNS)
           + ", c.name FROM review_item ri LEFT JOIN child c ON c.id = ri.child_id")


EXTRA_LABELS = {"deleted": ("删除标记", "Deleted"), "unit_code": ("所属单位", "Unit")}


@cache
def _labels(kind: str) -> dict[str, tuple[str, str]]:
    return {**{f.name: (f.zh, f.en) for f in form(kind).fields}, **EXTRA_LABELS}


_N = len(ITEM_COLUMNS)
_LOADS = json.JSONDecoder().decode


def _item(row: Sequence[Any], labelled: bool = True) -> dict[str, Any]:
    """A row as a dict; ``summary_json`` (``[[field, before, after], …]``, compact as the
    import writes it) becomes ``summary``: ``[{field, label_zh, label_en, before, after}]``
    — or, with ``labelled=False``, stays as it is stored until :func:`summary` reads it (a
    list of thousands of items decodes only the rows it shows: decoding them all took most
    of a 12,500-item list's second, on the GUI thread)."""
    item = dict(zip(ITEM_COLUMNS, row[:_N], strict=True))
    if labelled:
        summary(item)
    item["child_name"] = row[_N]
    return item


def _labelled(kind: str, rows: list[Any]) -> list[Any]:
    labels = _labels(kind)
    out = []
    for e in rows:
        if isinstance(e, list):
            zh, en = labels.get(e[0]) or (e[0], e[0])
            e = {"field": e[0], "label_zh": zh, "label_en": en, "before": e[1], "after": e[2]}
        out.append(e)
    return out


def summary(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The item's side-by-side fields with their labels (labelled now, and kept, when the
    item was read with ``labelled=False``)."""
    if "summary" not in item:
        item["summary"] = _labelled(str(item["kind"]), _LOADS(item.pop("summary_json")))
    result: list[dict[str, Any]] = item["summary"]
    return result


class ReviewItems:
    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    # == items ==============================================================================
    def add_many(self, rows: Iterable[Sequence[Any]]) -> int:
        """Insert items (tuples in ``ITEM_COLUMNS`` order) in one statement."""
        cur = self.conn.executemany(
            f"INSERT INTO review_item ({', '.join(ITEM_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(ITEM_COLUMNS))})", rows)
        return int(cur.rowcount)

    def has_open(self, unit_code: str, period: str) -> bool:
        """Whether the unit's quarter has items still pending or returned (which a newer
        package's change of the same record folds into)."""
        return self.conn.execute("SELECT 1 FROM review_item WHERE period = ? AND unit_code = ? "
                                 "AND status IN ('pending', 'returned') LIMIT 1",
                                 (period, unit_code)).fetchone() is not None

    def open_of(self, unit_code: str, period: str, record_ids: Sequence[str]
                   ) -> dict[str, tuple[str, str, list[list[Any]], str]]:
        """``{record_id: (item id, change, compact summary, status)}`` of the items still
        pending or returned."""
        out: dict[str, tuple[str, str, list[list[Any]], str]] = {}
        for i in range(0, len(record_ids), 5000):
            part = list(record_ids[i:i + 5000])
            for iid, rid, change, summary, status in self.conn.execute(
                    "SELECT id, record_id, change, summary_json, status FROM review_item "
                    f"WHERE record_id IN ({','.join('?' * len(part))}) AND unit_code = ? "
                    "AND period = ? AND status IN ('pending', 'returned')",
                    (*part, unit_code, period)):
                rows = json.loads(summary)
                if all(isinstance(e, list) for e in rows):
                    out[str(rid)] = (str(iid), str(change), rows, str(status))
        return out

    def reopen_unanswered(self, item_ids: Sequence[str]) -> int:
        """Returned items whose record a package changed without answering the return (the
        unit never saw it): back to 待审核, the change folded in, so it is reviewed."""
        cur = self.conn.executemany("UPDATE review_item SET status = 'pending' "
                                    "WHERE id = ? AND status = 'returned'",
                                    [(i,) for i in item_ids])
        return int(cur.rowcount)

    def refold(self, package_id: str, folds: Sequence[tuple[str, str, str]],
               drops: Sequence[str]) -> None:
        """Pending items brought up to date by a newer package (``(change, summary_json,
        id)``), or dropped when the record is back as the officer last saw it."""
        self.conn.executemany("UPDATE review_item SET change = ?, summary_json = ?, "
                              "package_id = ? WHERE id = ?",
                              [(c, j, package_id, i) for c, j, i in folds])
        self.conn.executemany("DELETE FROM review_item WHERE id = ? AND status = 'pending'",
                              [(d,) for d in drops])

    def items(self, period: str | None = None, unit_code: str | None = None,
              status: str | None = None, labelled: bool = True) -> list[dict[str, Any]]:
        where, args = [], []
        for col, value in (("period", period), ("unit_code", unit_code), ("status", status)):
            if value is not None:
                where.append(f"ri.{col} = ?")
                args.append(value)
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + \
            " ORDER BY ri.unit_code, ri.created_at, ri.id"
        return [_item(r, labelled) for r in self.conn.execute(sql, args)]

    def item(self, item_id: str) -> dict[str, Any] | None:
        """One item by id, or by a unique prefix of its id (as the CLI shows them)."""
        rows = self.conn.execute(_SELECT + " WHERE ri.id >= ? AND ri.id < ? LIMIT 2",
                                 (item_id, item_id + "\U0010ffff")).fetchall()
        exact = [r for r in rows if r[0] == item_id]
        if exact:
            return _item(exact[0])
        return _item(rows[0]) if len(rows) == 1 else None

    def decide(self, item: dict[str, Any], status: str, comment: str | None,
               audit: AuditLog) -> None:
        now = utc_now()
        self.conn.execute("UPDATE review_item SET status = ?, comment = ?, decided_at = ?, "
                          "officer = ? WHERE id = ?",
                          (status, comment, now, self.store.officer, item["id"]))
        audit.append("sync.review.pass" if status == "passed" else "sync.review.return",
                     "review_item", str(item["id"]), item.get("child_id"),
                     {"kind": item["kind"], "record_id": item["record_id"],
                      "unit": item["unit_code"], "period": item["period"],
                      "change": item["change"], "comment": comment})

    def reopen(self, item: dict[str, Any], audit: AuditLog) -> None:
        """A passed item back to 待审核 (the officer passed it by mistake)."""
        self.conn.execute("UPDATE review_item SET status = 'pending', comment = NULL, "
                          "decided_at = NULL, officer = NULL WHERE id = ? AND status = 'passed'",
                          (item["id"],))
        audit.append("sync.review.reopen", "review_item", str(item["id"]), item.get("child_id"),
                     {"kind": item["kind"], "record_id": item["record_id"],
                      "unit": item["unit_code"], "period": item["period"],
                      "passed_at": item["decided_at"], "passed_by": item["officer"]})

    def mark_answered(self, unit_code: str, record_ids: Sequence[str], package_id: str,
                      audit: AuditLog) -> int:
        """Returned items of ``unit_code`` whose records a later package brought again go
        back to the queue as ``answered`` (to be reviewed again)."""
        n = 0
        for rid in record_ids:
            cur = self.conn.execute(
                "UPDATE review_item SET status = 'answered', answered_package_id = ? "
                "WHERE unit_code = ? AND record_id = ? AND status = 'returned'",
                (package_id, unit_code, rid))
            n += int(cur.rowcount)
        if n:
            audit.append("sync.review.answered", "package", package_id, None,
                         {"unit": unit_code, "items": n})
        return n

    def open_count(self) -> int:
        """Items still to decide (pending or answered), every quarter."""
        return int(self.conn.execute("SELECT count(*) FROM review_item "
                                     "WHERE status IN ('pending', 'answered')").fetchone()[0])

    def counts(self, period: str) -> dict[str, dict[str, int]]:
        """``{unit_code: {status: n}}`` of the period's items."""
        out: dict[str, dict[str, int]] = {}
        for unit, status, n in self.conn.execute(
                "SELECT unit_code, status, count(*) FROM review_item WHERE period = ? "
                "GROUP BY unit_code, status", (period,)):
            out.setdefault(str(unit), dict.fromkeys(STATUSES, 0))[str(status)] = int(n)
        return out

    def last_decision(self, period: str) -> dict[str, tuple[str, str]]:
        """``{unit_code: (decided_at, officer)}`` of the newest decision per unit."""
        return {str(u): (str(a), str(o)) for u, a, o in self.conn.execute(
            "SELECT unit_code, decided_at, officer FROM review_item ri WHERE period = ? "
            "AND decided_at = (SELECT max(decided_at) FROM review_item x "
            "WHERE x.period = ri.period AND x.unit_code = ri.unit_code) GROUP BY unit_code",
            (period,))}

    # == no-changes confirmations (and the old one-mark reviews) ============================
    def confirm(self, unit_code: str, period: str, note: str, audit: AuditLog) -> None:
        self.conn.execute("INSERT OR REPLACE INTO review_mark (unit_code, period, reviewed_at, "
                          "officer, note) VALUES (?,?,?,?,?)",
                          (unit_code, period, utc_now(), self.store.officer, note))
        audit.append("sync.review.confirm", "unit", unit_code, None,
                     {"period": period, "note": note})

    def marks(self, period: str) -> dict[str, dict[str, Any]]:
        cur = self.conn.execute("SELECT unit_code, reviewed_at, officer, note FROM review_mark "
                                "WHERE period = ?", (period,))
        return {str(u): {"reviewed_at": a, "officer": o, "note": n} for u, a, o, n in cur}

    # == the review state a street's package forwarded (at the district) ====================
    def put_forwarded(self, sender_unit: str, package_id: str,
                      states: Sequence[dict[str, Any]]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO review_forward (sender_unit, unit_code, period, package_id, "
            "state) VALUES (?,?,?,?,?)",
            [(sender_unit, s["unit_code"], s["period"], package_id,
              json.dumps(s, ensure_ascii=False, sort_keys=True)) for s in states])

    def forwarded(self, period: str) -> list[dict[str, Any]]:
        """The forwarded states of the period, each with ``sender_unit`` and ``package_id``."""
        return [{**json.loads(state), "sender_unit": s, "package_id": p}
                for s, p, state in self.conn.execute(
                    "SELECT sender_unit, package_id, state FROM review_forward WHERE period = ? "
                    "ORDER BY unit_code", (period,))]
