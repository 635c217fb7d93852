"""SQL of the items the parent office returned for correction (退回修改, issue 15):
``returned_item``, filled by an imported ``review`` package (``sync/returns.py``), answered
here (by editing the record, or 已核实无误 with a note) and carried back in the next
quarterly package (``answers.jsonl``, sync/SPEC.md §6).

Status: ``open`` (returned; answered by a change once the record's version passes the one
the street reviewed), ``answered`` (已核实无误, not yet sent), ``sent`` (the answer went out
in a quarterly package). A later review package that returns the item again (a newer
``returned_at``) opens it again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..core.forms import form
from ..core.ids import utc_now
from .audit import AuditLog
from .store import Store

OPEN, ANSWERED, SENT = "open", "answered", "sent"
CHANGED, CONFIRMED = "changed", "confirmed"  # the two answers
_COLS = ("item_id", "package_id", "unit_code", "period", "kind", "record_id", "change",
         "record_version", "comment", "returned_at", "officer", "fields", "status", "answer",
         "note", "answered_at", "answered_by", "sent_package_id", "received_at")


class ReturnedItems:
    """The ``returned_item`` table. Writes run inside the caller's transaction."""

    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    # == filled by a review package ========================================================
    def put(self, items: Iterable[Mapping[str, Any]], package_id: str,
            unit_code: str) -> dict[str, int]:
        """Store the returned items of a review package: new ones open; one the office holds
        already is opened again when the street returned it anew (a newer ``returned_at``),
        else left as it is (the same return, e.g. in a regenerated package)."""
        counts = {"new": 0, "reopened": 0, "unchanged": 0}
        now = utc_now()
        for it in items:
            row = self.conn.execute("SELECT returned_at FROM returned_item WHERE item_id = ?",
                                    (it["item_id"],)).fetchone()
            values = (package_id, unit_code, it["period"], it["kind"], it["record_id"],
                      it["change"], it["record_version"], it["comment"], it["returned_at"],
                      it["officer"], json.dumps(list(it["fields"]), ensure_ascii=False))
            if row is None:
                self.conn.execute(
                    "INSERT INTO returned_item (package_id, unit_code, period, kind, record_id, "
                    "change, record_version, comment, returned_at, officer, fields, item_id, "
                    "status, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (*values, it["item_id"], OPEN, now))
                counts["new"] += 1
            elif str(row[0]) < str(it["returned_at"]):
                self.conn.execute(
                    "UPDATE returned_item SET package_id = ?, unit_code = ?, period = ?, "
                    "kind = ?, record_id = ?, change = ?, record_version = ?, comment = ?, "
                    "returned_at = ?, officer = ?, fields = ?, status = 'open', answer = NULL, "
                    "note = NULL, answered_at = NULL, answered_by = NULL, "
                    "sent_package_id = NULL, received_at = ? WHERE item_id = ?",
                    (*values, now, it["item_id"]))
                counts["reopened"] += 1
            else:
                counts["unchanged"] += 1
        return counts

    # == reads ==============================================================================
    def _record(self, kind: str, record_id: str) -> tuple[int, str | None, str | None] | None:
        """(version, child id, updated_at) of the record here, or None."""
        f = form(kind)
        child = "id" if kind == "child" else "child_id"
        row = self.conn.execute(
            f'SELECT version, {child}, updated_at FROM "{f.table}" WHERE id = ?',
            (record_id,)).fetchone()
        if row is None:
            return None
        return int(row[0]), None if row[1] is None else str(row[1]), str(row[2])

    def _row(self, r: Sequence[Any]) -> dict[str, Any]:
        item = dict(zip(_COLS, r, strict=True))
        item["fields"] = json.loads(item["fields"])
        rec = self._record(item["kind"], item["record_id"])
        item["child_id"] = rec[1] if rec else None
        item["current_version"] = rec[0] if rec else None
        item["updated_at"] = rec[2] if rec else None
        base = item["record_version"]
        item["changed"] = bool(rec and base is not None and rec[0] > int(base))
        name = None
        if item["child_id"] is not None:
            got = self.conn.execute("SELECT name FROM child WHERE id = ?",
                                    (item["child_id"],)).fetchone()
            name = None if got is None else str(got[0])
        item["child_name"] = name
        return item

    def items(self, status: Sequence[str] | None = (OPEN, ANSWERED)) -> list[dict[str, Any]]:
        """The items (by default those not yet sent), newest return first, each with the
        child (``child_id``, ``child_name``) and ``changed``: the record was edited here
        since the street reviewed it (an answer by a change)."""
        sql = f"SELECT {', '.join(_COLS)} FROM returned_item"
        params: list[Any] = []
        if status is not None:
            sql += f" WHERE status IN ({', '.join('?' * len(status))})"
            params.extend(status)
        sql += " ORDER BY returned_at DESC, item_id"
        return [self._row(r) for r in self.conn.execute(sql, params).fetchall()]

    def get(self, item_id: str) -> dict[str, Any] | None:
        r = self.conn.execute(f"SELECT {', '.join(_COLS)} FROM returned_item WHERE item_id = ?",
                              (item_id,)).fetchone()
        return None if r is None else self._row(r)

    # == answers ============================================================================
    def confirm(self, item_id: str, note: str, audit: AuditLog) -> None:
        """已核实无误: answered without a change, with the officer's note."""
        item = self.get(item_id)
        assert item is not None
        self.conn.execute(
            "UPDATE returned_item SET status = 'answered', answer = 'confirmed', note = ?, "
            "answered_at = ?, answered_by = ? WHERE item_id = ?",
            (note, utc_now(), self.store.officer, item_id))
        audit.append("sync.review.answer", "returned_item", item_id, item["child_id"],
                     {"answer": CONFIRMED, "kind": item["kind"], "record_id": item["record_id"]})

    def answers(self) -> list[dict[str, Any]]:
        """The lines of ``answers.jsonl``: every item answered (confirmed, sent before, or
        open with its record changed since the return), by ``item_id``. Sent answers go
        again: the street applies an answer once, to the return it names (``returned_at``)."""
        out = []
        for item in sorted(self.items(status=None), key=lambda i: str(i["item_id"])):
            if item["status"] == OPEN and not item["changed"]:
                continue
            if item["status"] == OPEN:  # answered by the change itself
                answer, note = CHANGED, None
                at, by = item["updated_at"], self.store.officer
            else:
                answer, note = item["answer"], item["note"]
                at, by = item["answered_at"], item["answered_by"]
            out.append({"item_id": item["item_id"], "kind": item["kind"],
                        "record_id": item["record_id"], "returned_at": item["returned_at"],
                        "answer": answer, "note": note, "answered_at": at, "officer": by,
                        "record_version": item["current_version"]})
        return out

    def mark_sent(self, answers: Iterable[Mapping[str, Any]], package_id: str,
                  audit: AuditLog) -> int:
        """After a quarterly package carried ``answers``: those not sent before are ``sent``
        (the answer, its time and officer kept as they went)."""
        n = 0
        for a in answers:
            cur = self.conn.execute(
                "UPDATE returned_item SET status = 'sent', answer = ?, note = ?, "
                "answered_at = ?, answered_by = ?, sent_package_id = ? "
                "WHERE item_id = ? AND status != 'sent'",
                (a["answer"], a["note"], a["answered_at"], a["officer"], package_id,
                 a["item_id"]))
            n += cur.rowcount
        if n:
            audit.append("sync.review.answer", "package", package_id, None, {"sent": n})
        return n


class ReviewAnswers:
    """``review_answer``: at the parent office, the answers a unit's package brought to the
    items it returned (one row per item, the newest answer)."""

    def __init__(self, store: Store):
        self.conn = store.conn

    def put(self, answer: Mapping[str, Any], package_id: str, unit_code: str) -> None:
        self.conn.execute(
            "INSERT INTO review_answer (item_id, package_id, unit_code, answer, note, "
            "answered_at, officer, record_version, received_at) VALUES (?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(item_id) DO UPDATE SET package_id = excluded.package_id, "
            "answer = excluded.answer, note = excluded.note, "
            "answered_at = excluded.answered_at, officer = excluded.officer, "
            "record_version = excluded.record_version, received_at = excluded.received_at",
            (answer["item_id"], package_id, unit_code, answer["answer"], answer["note"],
             answer["answered_at"], answer["officer"], answer["record_version"], utc_now()))

    def get(self, item_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        cols = ("item_id", "package_id", "unit_code", "answer", "note", "answered_at",
                "officer", "record_version", "received_at")
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(item_ids), 500):
            part = list(item_ids[i:i + 500])
            for r in self.conn.execute(
                    f"SELECT {', '.join(cols)} FROM review_answer WHERE item_id IN "
                    f"({', '.join('?' * len(part))})", part):
                out[str(r[0])] = dict(zip(cols, r, strict=True))
        return out
