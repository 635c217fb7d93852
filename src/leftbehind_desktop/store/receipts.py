"""SQL of receipts (回执): ``receipt_out`` (what this office wrote for the packages it
imported) and ``receipt_in`` (what its parent office wrote about this office's packages).
``sync/receipts.py`` decides; this module reads and writes, inside the caller's
transaction where it changes anything."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .audit import canonical_json
from .store import Store


@dataclass(frozen=True)
class ReceiptOut:
    receipt_id: str
    package_id: str  # the package received
    unit_code: str  # its sender, the receipt's recipient
    period: str
    outcome: str
    made_at: str
    summary: dict[str, Any]
    saved_to: str | None
    saved_at: str | None
    acknowledged_at: str | None


@dataclass(frozen=True)
class ReceiptIn:
    receipt_id: str
    package_id: str  # this office's package it answers
    sender_unit: str
    period: str
    outcome: str
    made_at: str
    imported_at: str
    content: dict[str, Any]  # receipt.json


_OUT = ("receipt_id, package_id, unit_code, period, outcome, made_at, summary, saved_to, "
        "saved_at, acknowledged_at")
_IN = "receipt_id, package_id, sender_unit, period, outcome, made_at, imported_at, content"


def _out(r: Sequence[Any]) -> ReceiptOut:
    return ReceiptOut(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]),
                      json.loads(r[6]), r[7], r[8], r[9])


def _in(r: Sequence[Any]) -> ReceiptIn:
    return ReceiptIn(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]),
                     str(r[6]), json.loads(r[7]))


class ReceiptStore:
    def __init__(self, store: Store):
        self.conn = store.conn

    # == written here ======================================================================
    def put_out(self, r: ReceiptOut, data: bytes) -> None:
        self.conn.execute(
            f"INSERT INTO receipt_out ({_OUT}, data) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (r.receipt_id, r.package_id, r.unit_code, r.period, r.outcome, r.made_at,
             canonical_json(r.summary), r.saved_to, r.saved_at, r.acknowledged_at, data))

    def out_for_package(self, package_id: str) -> ReceiptOut | None:
        row = self.conn.execute(f"SELECT {_OUT} FROM receipt_out WHERE package_id = ? "
                                "ORDER BY made_at DESC LIMIT 1", (package_id,)).fetchone()
        return None if row is None else _out(row)

    def out(self, receipt_id: str) -> ReceiptOut | None:
        row = self.conn.execute(f"SELECT {_OUT} FROM receipt_out WHERE receipt_id = ?",
                                (receipt_id,)).fetchone()
        return None if row is None else _out(row)

    def out_data(self, receipt_id: str) -> bytes | None:
        row = self.conn.execute("SELECT data FROM receipt_out WHERE receipt_id = ?",
                                (receipt_id,)).fetchone()
        return None if row is None else bytes(row[0])

    def outs(self, period: str | None = None, unit_code: str | None = None) -> list[ReceiptOut]:
        where, params = [], []
        for col, val in (("period", period), ("unit_code", unit_code)):
            if val is not None:
                where.append(f"{col} = ?")
                params.append(val)
        sql = f"SELECT {_OUT} FROM receipt_out"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_out(r) for r in self.conn.execute(sql + " ORDER BY made_at", params)]

    def set_saved(self, receipt_id: str, saved_to: str, saved_at: str) -> None:
        self.conn.execute("UPDATE receipt_out SET saved_to = ?, saved_at = ? WHERE receipt_id = ?",
                          (saved_to, saved_at, receipt_id))

    def acknowledge(self, unit_code: str, receipt_ids: Iterable[str], at: str) -> list[str]:
        """Mark receipts to ``unit_code`` as acknowledged (first time only); the ids marked."""
        marked = []
        for rid in receipt_ids:
            cur = self.conn.execute("UPDATE receipt_out SET acknowledged_at = ? WHERE "
                                    "receipt_id = ? AND unit_code = ? AND acknowledged_at IS NULL",
                                    (at, rid, unit_code))
            if cur.rowcount:
                marked.append(rid)
        return marked

    # == received here =====================================================================
    def put_in(self, r: ReceiptIn, manifest: str, minisig: str) -> None:
        self.conn.execute(
            f"INSERT INTO receipt_in ({_IN}, manifest, minisig) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (r.receipt_id, r.package_id, r.sender_unit, r.period, r.outcome, r.made_at,
             r.imported_at, canonical_json(r.content), manifest, minisig))

    def in_(self, receipt_id: str) -> ReceiptIn | None:
        row = self.conn.execute(f"SELECT {_IN} FROM receipt_in WHERE receipt_id = ?",
                                (receipt_id,)).fetchone()
        return None if row is None else _in(row)

    def ins(self, sender_unit: str | None = None) -> list[ReceiptIn]:
        sql = f"SELECT {_IN} FROM receipt_in"
        params: list[str] = []
        if sender_unit is not None:
            sql += " WHERE sender_unit = ?"
            params.append(sender_unit)
        return [_in(r) for r in self.conn.execute(sql + " ORDER BY made_at, receipt_id",
                                                  params)]
