"""SQL of the data exchange (sync packages): trusted device keys, the package log, merge
bases, provenance, conflicts, duplicate cases, review marks and foreign audit chains.

The ``sync`` package decides; this module reads and writes. Every write runs inside a
transaction of :meth:`Store.transaction` together with its audit events.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core import units
from ..core.forms import form
from ..core.ids import utc_now, uuid7
from .audit import EVENT_FIELDS, AuditLog, canonical_json
from .records import from_row, row_tuples, to_row
from .schema import RECORD_KINDS, record_columns
from .store import Store

CHUNK = 500
BIG_CHUNK = 10_000  # primary-key lookups per statement (SQLite allows 32,766 variables)

@dataclass(frozen=True)
class TrustedKey:
    key_id: str
    unit_code: str
    unit_name: str
    relation: str  # "child" (enrolled below us) | "parent" (the office we report to)
    device_id: str
    signing_key: str  # minisign public key, base64 line
    age_recipient: str
    fingerprint: str
    status: str = "active"  # active | revoked | rotated
    added_at: str = ""
    changed_at: str = ""
    note: str | None = None


_KEY_COLS = ("key_id", "unit_code", "unit_name", "relation", "device_id", "signing_key",
             "age_recipient", "fingerprint", "status", "added_at", "changed_at", "note")


@dataclass
class MergePlan:
    """What an accepted package changes (computed by ``sync.merge``)."""

    inserts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    updates: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    units: list[tuple[str, str]] = field(default_factory=list)
    events: list[tuple[str, str, str | None, str | None, dict[str, Any]]] = \
        field(default_factory=list)


@dataclass(frozen=True)
class PackageEntry:
    package_id: str
    direction: str  # "in" | "out"
    kind: str
    sender_unit: str
    sender_key_id: str
    recipient_unit: str
    period: str
    sequence: int
    manifest_sha256: str
    manifest: str
    minisig: str
    signing_key: str
    created_at: str
    processed_at: str
    summary: dict[str, Any]


def _entry(r: Sequence[Any]) -> PackageEntry:
    return PackageEntry(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]),
                        str(r[6]), int(r[7]), str(r[8]), str(r[9]), str(r[10]), str(r[11]),
                        str(r[12]), str(r[13]), json.loads(r[14]))


def _chunks(items: Sequence[Any], n: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _zlib_of(data: bytes, deflated: bytes) -> bytes | None:
    """A zlib stream of ``data`` made from its raw deflate stream, or None when that
    stream does not decompress to exactly ``data``."""
    blob = b"\x78\x01" + deflated + zlib.adler32(data).to_bytes(4, "big")
    d = zlib.decompressobj()
    try:
        if d.decompress(blob, len(data) + 1) != data or not d.eof or d.unused_data:
            return None
    except zlib.error:
        return None
    return blob


class Exchange:
    """Exchange data of one open store."""

    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    # == trusted keys =======================================================================
    def keys(self, unit_code: str | None = None, relation: str | None = None,
             status: str | None = None) -> list[TrustedKey]:
        where, params = [], []
        for col, val in (("unit_code", unit_code), ("relation", relation), ("status", status)):
            if val is not None:
                where.append(f"{col} = ?")
                params.append(val)
        sql = f"SELECT {', '.join(_KEY_COLS)} FROM trust_key"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY unit_code, added_at"
        return [TrustedKey(*row) for row in self.conn.execute(sql, params)]

    def key(self, key_id: str) -> TrustedKey | None:
        row = self.conn.execute(f"SELECT {', '.join(_KEY_COLS)} FROM trust_key WHERE key_id = ?",
                                (key_id,)).fetchone()
        return None if row is None else TrustedKey(*row)

    def put_key(self, key: TrustedKey, audit: AuditLog) -> None:
        now = utc_now()
        row = {**key.__dict__, "added_at": key.added_at or now, "changed_at": now}
        self.conn.execute(
            f"INSERT OR REPLACE INTO trust_key ({', '.join(_KEY_COLS)}) "
            f"VALUES ({', '.join('?' for _ in _KEY_COLS)})", tuple(row[c] for c in _KEY_COLS))
        audit.append("trust.put", "trust_key", key.key_id, None,
                     {"unit_code": key.unit_code, "relation": key.relation,
                      "status": key.status, "fingerprint": key.fingerprint})

    def set_key_status(self, key_id: str, status: str, audit: AuditLog,
                       note: str | None = None) -> None:
        self.conn.execute("UPDATE trust_key SET status = ?, changed_at = ?, note = "
                          "coalesce(?, note) WHERE key_id = ?", (status, utc_now(), note, key_id))
        audit.append("trust.status", "trust_key", key_id, None, {"status": status})

    def trust_serial(self, issuer_unit: str) -> int:
        row = self.conn.execute("SELECT serial FROM trust_serial WHERE issuer_unit = ?",
                                (issuer_unit,)).fetchone()
        return 0 if row is None else int(row[0])

    def set_trust_serial(self, issuer_unit: str, serial: int) -> None:
        self.conn.execute("INSERT OR REPLACE INTO trust_serial (issuer_unit, serial) VALUES (?,?)",
                          (issuer_unit, serial))

    def put_units(self, unit_list: Iterable[tuple[str, str]]) -> int:
        n = 0
        for code, name in unit_list:
            if not units.is_unit_code(code):
                continue
            self.conn.execute(
                "INSERT INTO unit (code, name, level, parent_code) VALUES (?,?,?,?) "
                "ON CONFLICT(code) DO UPDATE SET name = excluded.name",
                (code, name, units.level_of(code).value, units.parent_of(code)))
            n += 1
        return n

    def unit_name(self, code: str) -> str | None:
        row = self.conn.execute("SELECT name FROM unit WHERE code = ?", (code,)).fetchone()
        return None if row is None else str(row[0])

    def unit_list(self) -> list[tuple[str, str]]:
        return [(str(c), str(n)) for c, n in
                self.conn.execute("SELECT code, name FROM unit ORDER BY code")]

    # == package log ========================================================================
    def package(self, package_id: str) -> PackageEntry | None:
        row = self.conn.execute(
            "SELECT package_id, direction, kind, sender_unit, sender_key_id, recipient_unit, "
            "period, sequence, manifest_sha256, manifest, minisig, signing_key, created_at, "
            "processed_at, summary FROM package_log WHERE package_id = ?",
            (package_id,)).fetchone()
        if row is None:
            return None
        return _entry(row)

    def packages(self, direction: str | None = None, period: str | None = None,
                 sender_unit: str | None = None) -> list[PackageEntry]:
        where, params = [], []
        for col, val in (("direction", direction), ("period", period),
                         ("sender_unit", sender_unit)):
            if val is not None:
                where.append(f"{col} = ?")
                params.append(val)
        sql = ("SELECT package_id, direction, kind, sender_unit, sender_key_id, recipient_unit, "
               "period, sequence, manifest_sha256, manifest, minisig, signing_key, created_at, "
               "processed_at, summary FROM package_log")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY processed_at"
        return [_entry(r) for r in self.conn.execute(sql, params)]

    def last_incoming(self, sender_key_id: str) -> tuple[int, str] | None:
        """(sequence, manifest SHA-256) of the newest package imported from that key."""
        row = self.conn.execute(
            "SELECT sequence, manifest_sha256 FROM package_log WHERE direction = 'in' AND "
            "sender_key_id = ? ORDER BY sequence DESC LIMIT 1", (sender_key_id,)).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def log_package(self, entry: PackageEntry) -> None:
        self.conn.execute(
            "INSERT INTO package_log (package_id, direction, kind, sender_unit, sender_key_id, "
            "recipient_unit, period, sequence, manifest_sha256, manifest, minisig, signing_key, "
            "created_at, processed_at, summary) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (entry.package_id, entry.direction, entry.kind, entry.sender_unit,
             entry.sender_key_id, entry.recipient_unit, entry.period, entry.sequence,
             entry.manifest_sha256, entry.manifest, entry.minisig, entry.signing_key,
             entry.created_at, entry.processed_at, canonical_json(entry.summary)))

    def snapshot(self, sender_unit: str) -> bytes | None:
        """The records (JSON Lines) of the last package imported from ``sender_unit``."""
        row = self.conn.execute("SELECT records FROM package_snapshot WHERE sender_unit = ?",
                                (sender_unit,)).fetchone()
        return None if row is None else zlib.decompress(row[0])

    def put_snapshot(self, sender_unit: str, package_id: str, records_jsonl: bytes,
                     deflated: bytes | None = None) -> None:
        """Keep the records of a package as the merge base of its sender (zlib stream).
        ``deflated``: the raw deflate stream of ``records_jsonl`` as it came in the package;
        when it decompresses to exactly those bytes it is stored as is (zlib header and
        Adler-32 added) instead of compressing again."""
        blob = _zlib_of(records_jsonl, deflated) if deflated is not None else None
        self.conn.execute("INSERT OR REPLACE INTO package_snapshot (sender_unit, package_id, "
                          "records) VALUES (?,?,?)",
                          (sender_unit, package_id, blob or zlib.compress(records_jsonl, 1)))

    def put_provenance(self, package_id: str, items: Iterable[Mapping[str, str]]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO provenance (package_id, incorporated_id, sender_unit, "
            "manifest, minisig, signing_key) VALUES (?,?,?,?,?,?)",
            [(package_id, i["package_id"], i["sender_unit"], i["manifest"], i["minisig"],
              i["signing_key"]) for i in items])

    def provenance(self, package_id: str) -> list[dict[str, str]]:
        cur = self.conn.execute("SELECT incorporated_id, sender_unit, manifest, minisig, "
                                "signing_key FROM provenance WHERE package_id = ?", (package_id,))
        return [{"package_id": a, "sender_unit": b, "manifest": c, "minisig": d,
                 "signing_key": e} for a, b, c, d, e in cur]

    def put_foreign_audit(self, package_id: str, sender_unit: str,
                          events: Sequence[Mapping[str, Any]]) -> None:
        if not events:
            return
        blob = zlib.compress("\n".join(canonical_json(dict(e)) for e in events).encode(), 6)
        self.conn.execute(
            "INSERT OR REPLACE INTO foreign_audit (package_id, sender_unit, first_seq, last_seq, "
            "head_hash, events) VALUES (?,?,?,?,?,?)",
            (package_id, sender_unit, int(events[0]["seq"]), int(events[-1]["seq"]),
             str(events[-1]["hash"]), blob))

    def last_foreign_head(self, sender_unit: str) -> tuple[int, str] | None:
        """(last seq, its hash) of the newest audit chain received from ``sender_unit``."""
        row = self.conn.execute(
            "SELECT last_seq, head_hash FROM foreign_audit WHERE sender_unit = ? "
            "ORDER BY last_seq DESC LIMIT 1", (sender_unit,)).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def foreign_audit(self, package_id: str) -> list[dict[str, Any]]:
        row = self.conn.execute("SELECT events FROM foreign_audit WHERE package_id = ?",
                                (package_id,)).fetchone()
        if row is None:
            return []
        return [json.loads(line) for line in zlib.decompress(row[0]).decode().splitlines()]

    # == records ============================================================================
    def iter_records(self, kind: str, unit_code: str | None = None) -> Iterator[dict[str, Any]]:
        """All records of a kind (tombstones included), optionally of one unit's area."""
        f = form(kind)
        cols = list(record_columns(f))
        sql = f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{f.table}"'
        params: tuple[Any, ...] = ()
        if unit_code is not None and units.level_of(unit_code) is not units.Level.DISTRICT:
            if units.level_of(unit_code) is units.Level.VILLAGE:
                sql += " WHERE unit_code = ?"
                params = (unit_code,)
            else:
                sql += " WHERE substr(unit_code, 1, 9) = ?"
                params = (unit_code[:9],)
        sql += " ORDER BY id"
        for row in self.conn.execute(sql, params):
            rec = from_row(f, dict(zip(cols, row, strict=True)))
            rec.pop("name_initials", None)
            yield rec

    def existing_ids(self, kind: str, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` are rows of ``kind`` here (tombstones included); one look at an
        empty table, else set-wise lookups of the primary key only."""
        f = form(kind)
        if not ids or self.conn.execute(f'SELECT 1 FROM "{f.table}" LIMIT 1').fetchone() is None:
            return set()
        out: set[str] = set()
        for part in _chunks(list(ids), BIG_CHUNK):
            marks = ",".join("?" for _ in part)
            out.update(str(r[0]) for r in self.conn.execute(
                f'SELECT id FROM "{f.table}" WHERE id IN ({marks})', tuple(part)))
        return out

    def owners(self, kind: str, ids: Sequence[str]) -> dict[str, str]:
        """Record id → owning unit of those of ``ids`` held here (tombstones included)."""
        f = form(kind)
        if not ids or self.conn.execute(f'SELECT 1 FROM "{f.table}" LIMIT 1').fetchone() is None:
            return {}
        out: dict[str, str] = {}
        for part in _chunks(list(ids), BIG_CHUNK):
            marks = ",".join("?" for _ in part)
            out.update((str(r[0]), str(r[1])) for r in self.conn.execute(
                f'SELECT id, unit_code FROM "{f.table}" WHERE id IN ({marks})', tuple(part)))
        return out

    def existing(self, kind: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        f = form(kind)
        cols = [c for c in record_columns(f) if c != "name_initials"]
        out: dict[str, dict[str, Any]] = {}
        select = ", ".join(f'"{c}"' for c in cols)
        for part in _chunks(list(ids)):
            marks = ",".join("?" for _ in part)
            for row in self.conn.execute(
                    f'SELECT {select} FROM "{f.table}" WHERE id IN ({marks})', tuple(part)):
                rec = from_row(f, dict(zip(cols, row, strict=True)))
                out[rec["id"]] = rec
        return out

    def children_by_id_number(self, numbers: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """ID number → [(child id, unit code)] of live children holding it."""
        out: dict[str, list[tuple[str, str]]] = {}
        for part in _chunks(list(numbers)):
            marks = ",".join("?" for _ in part)
            for num, cid, unit in self.conn.execute(
                    f"SELECT id_number, id, unit_code FROM child WHERE deleted = 0 AND "
                    f"id_number IN ({marks})", tuple(part)):
                out.setdefault(str(num), []).append((str(cid), str(unit)))
        return out

    def open_duplicate_numbers(self) -> set[str]:
        return {str(r[0]) for r in self.conn.execute(
            "SELECT id_number FROM duplicate_case WHERE status = 'open'")}

    def record_counts(self, include_deleted: bool = True) -> dict[str, int]:
        out = {}
        for kind in RECORD_KINDS:
            table = form(kind).table
            where = "" if include_deleted else " WHERE deleted = 0"
            out[kind] = int(self.conn.execute(f'SELECT count(*) FROM "{table}"{where}'
                                              ).fetchone()[0])
        return out

    def audit_events(self, after_seq: int = 0) -> list[dict[str, Any]]:
        cols = (*EVENT_FIELDS, "prev_hash", "hash")
        cur = self.conn.execute(f"SELECT {', '.join(cols)} FROM audit_event WHERE seq > ? "
                                "ORDER BY seq", (after_seq,))
        return [dict(zip(cols, row, strict=True)) for row in cur]

    def apply(self, plan: MergePlan, audit: AuditLog) -> None:
        """Write a merge plan (the caller holds the transaction)."""
        for kind, rows in plan.inserts.items():
            if not rows:
                continue
            f = form(kind)
            cols = list(record_columns(f))
            sql = (f'INSERT INTO "{f.table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                   f'VALUES ({", ".join("?" for _ in cols)})')
            self.conn.executemany(sql, map(row_tuples(f), rows))
        for kind, rows in plan.updates.items():
            if not rows:
                continue
            f = form(kind)
            cols = [c for c in record_columns(f) if c != "id"]
            sql = (f'UPDATE "{f.table}" SET {", ".join(chr(34) + c + chr(34) + " = ?" for c in cols)}'
                   " WHERE id = ?")
            params = []
            for r in rows:
                row = to_row(f, r)
                params.append((*(row[c] for c in cols), r["id"]))
            self.conn.executemany(sql, params)
        now = utc_now()
        for c in plan.conflicts:
            self.conn.execute(
                "INSERT INTO conflict (id, package_id, kind, record_id, child_id, unit_code, "
                "field, local_value, incoming_value, base_value, status, created_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,'open',?)",
                (c.get("id") or uuid7(), c["package_id"], c["kind"], c["record_id"],
                 c.get("child_id"), c["unit_code"], c["field"], canonical_json(c["local"]),
                 canonical_json(c["incoming"]), canonical_json(c.get("base")), now))
        for d in plan.duplicates:
            self.conn.execute(
                "INSERT INTO duplicate_case (id, package_id, id_number, record_ids, unit_codes, "
                "status, created_at) VALUES (?,?,?,?,?,'open',?)",
                (d.get("id") or uuid7(), d["package_id"], d["id_number"],
                 canonical_json(d["record_ids"]), canonical_json(d["unit_codes"]), now))
        if plan.units:
            self.put_units(plan.units)
        if plan.events:
            audit.append_many(plan.events)

    # == conflicts and duplicates ===========================================================
    def conflicts(self, status: str | None = "open") -> list[dict[str, Any]]:
        sql = ("SELECT id, package_id, kind, record_id, child_id, unit_code, field, local_value, "
               "incoming_value, base_value, status, chosen, resolved_at, resolved_by, created_at "
               "FROM conflict")
        params: tuple[Any, ...] = ()
        if status is not None:
            sql += " WHERE status = ?"
            params = (status,)
        cur = self.conn.execute(sql + " ORDER BY created_at, id", params)
        names = [d[0] for d in cur.description]
        out = []
        for row in cur:
            rec = dict(zip(names, row, strict=True))
            for k in ("local_value", "incoming_value", "base_value"):
                rec[k] = json.loads(rec[k]) if rec[k] is not None else None
            out.append(rec)
        return out

    def conflict(self, conflict_id: str) -> dict[str, Any] | None:
        for c in self.conflicts(status=None):
            if c["id"] == conflict_id or c["id"].startswith(conflict_id):
                return c
        return None

    def resolve_conflict(self, conflict: Mapping[str, Any], chosen: str, value: Any,
                         audit: AuditLog) -> None:
        """Apply the chosen value to the record (a new version) and close the conflict.
        Both values stay in the conflict row."""
        f = form(str(conflict["kind"]))
        rec = self.existing(f.id, [str(conflict["record_id"])])[str(conflict["record_id"])]
        if rec.get(str(conflict["field"])) != value:
            rec[str(conflict["field"])] = value
            rec.update(version=int(rec["version"]) + 1, updated_at=utc_now(),
                       updated_by=self.store.device_id, amendment_reason="审核裁决数据冲突")
            row = to_row(f, rec)
            cols = [c for c in row if c != "id"]
            self.conn.execute(
                f'UPDATE "{f.table}" SET {", ".join(chr(34) + c + chr(34) + " = ?" for c in cols)}'
                " WHERE id = ?", (*(row[c] for c in cols), rec["id"]))
        self.conn.execute("UPDATE conflict SET status = 'resolved', chosen = ?, resolved_at = ?, "
                          "resolved_by = ? WHERE id = ?",
                          (chosen, utc_now(), self.store.officer, conflict["id"]))
        audit.append("sync.conflict.resolve", f.id, str(conflict["record_id"]),
                     conflict.get("child_id") or str(conflict["record_id"]),
                     {"field": conflict["field"], "chosen": chosen,
                      "local": conflict["local_value"], "incoming": conflict["incoming_value"]})

    def duplicates(self, status: str | None = "open") -> list[dict[str, Any]]:
        sql = ("SELECT id, package_id, id_number, record_ids, unit_codes, status, kept_id, "
               "resolved_at, resolved_by, note, created_at FROM duplicate_case")
        params: tuple[Any, ...] = ()
        if status is not None:
            sql += " WHERE status = ?"
            params = (status,)
        cur = self.conn.execute(sql + " ORDER BY created_at, id", params)
        names = [d[0] for d in cur.description]
        out = []
        for row in cur:
            rec = dict(zip(names, row, strict=True))
            rec["record_ids"] = json.loads(rec["record_ids"])
            rec["unit_codes"] = json.loads(rec["unit_codes"])
            out.append(rec)
        return out

    def resolve_duplicate(self, case: Mapping[str, Any], keep_id: str | None, note: str,
                          audit: AuditLog) -> None:
        """Close a duplicate case. With ``keep_id`` the other children are tombstoned
        (never hard-deleted) with the note as amendment reason; without it both stay
        (different children after all)."""
        f = form("child")
        if keep_id is not None:
            others = [r for r in case["record_ids"] if r != keep_id]
            for rid, rec in self.existing("child", others).items():
                if rec["deleted"]:
                    continue
                rec.update(deleted=True, version=int(rec["version"]) + 1, updated_at=utc_now(),
                           updated_by=self.store.device_id,
                           amendment_reason=f"重复登记（保留{keep_id[:8]}）：{note}")
                row = to_row(f, rec)
                cols = [c for c in row if c != "id"]
                self.conn.execute(
                    f'UPDATE "{f.table}" SET {", ".join(chr(34) + c + chr(34) + " = ?" for c in cols)}'
                    " WHERE id = ?", (*(row[c] for c in cols), rid))
                audit.append("record.delete", "child", rid, rid,
                             {"reason": rec["amendment_reason"], "version": rec["version"]})
        self.conn.execute("UPDATE duplicate_case SET status = 'resolved', kept_id = ?, "
                          "resolved_at = ?, resolved_by = ?, note = ? WHERE id = ?",
                          (keep_id, utc_now(), self.store.officer, note, case["id"]))
        audit.append("sync.duplicate.resolve", "duplicate_case", str(case["id"]), keep_id,
                     {"kept": keep_id, "note": note})

    # == review marks =======================================================================
    def mark_reviewed(self, unit_code: str, period: str, note: str | None,
                      audit: AuditLog) -> None:
        self.conn.execute("INSERT OR REPLACE INTO review_mark (unit_code, period, reviewed_at, "
                          "officer, note) VALUES (?,?,?,?,?)",
                          (unit_code, period, utc_now(), self.store.officer, note))
        audit.append("sync.review", "unit", unit_code, None, {"period": period, "note": note})

    def review_marks(self, period: str) -> dict[str, dict[str, Any]]:
        cur = self.conn.execute("SELECT unit_code, reviewed_at, officer, note FROM review_mark "
                                "WHERE period = ?", (period,))
        return {str(u): {"reviewed_at": a, "officer": o, "note": n} for u, a, o, n in cur}
