"""SQL of sync (数据交换, packages): trusted device keys, the package log, merge
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
from ..core.forms import FormDef, form
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


def _lines_of(chunks: Iterator[tuple[int, bytes]]) -> Iterator[bytes]:
    """The non-empty lines of a member stored as (method, bytes) chunks: 8 raw deflate,
    0 plain, -1 a zlib stream (older stores), decompressed as a stream."""
    rest = b""
    d: Any = None
    for method, data in chunks:
        if d is None and method != 0:
            d = zlib.decompressobj(-15 if method == 8 else zlib.MAX_WBITS)
        while data:
            out = d.decompress(data, 1 << 20) if d is not None else data
            data = d.unconsumed_tail if d is not None and not d.eof else b""
            lines = (rest + out).split(b"\n")
            rest = lines.pop()
            yield from (line for line in lines if line)
    if rest:
        yield rest


class PartWriter:
    """Stores members of an incoming package as they stream past (their bytes as stored in
    the archive), in parts of about 1 MiB: bounded memory, no second compression."""

    PART = 1 << 20

    def __init__(self, conn: Any, package_id: str, members: Sequence[str]):
        self.conn, self.package_id, self.members = conn, package_id, set(members)
        self.buf: dict[str, bytearray] = {}
        self.method: dict[str, int] = {}
        self.n: dict[str, int] = {}

    def add(self, member: str, method: int, data: bytes) -> None:
        if member not in self.members:
            return
        buf = self.buf.setdefault(member, bytearray())
        self.method[member] = method
        buf += data
        if len(buf) >= self.PART:
            self._flush(member)

    def _flush(self, member: str) -> None:
        buf = self.buf.get(member)
        if not buf:
            return
        n = self.n.get(member, 0)
        self.conn.execute("INSERT INTO package_part (package_id, member, part, method, data) "
                          "VALUES (?,?,?,?,?)", (self.package_id, member, n, self.method[member],
                                                 bytes(buf)))
        self.n[member] = n + 1
        buf.clear()

    def close(self) -> None:
        for member in list(self.buf):
            self._flush(member)


class SyncStore:
    """SyncStore data of one open store."""

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

    # -- merge bases (the records of the last package from each sender) -----------------
    def snapshot_lines(self, sender_unit: str) -> Iterator[bytes]:
        """The JSON Lines of the last package imported from ``sender_unit``, decompressed
        as a stream (kept as the package's own deflate stream in ``package_part``; older
        stores: one zlib blob)."""
        row = self.conn.execute("SELECT package_id, records FROM package_snapshot WHERE "
                                "sender_unit = ?", (sender_unit,)).fetchone()
        if row is None:
            return
        if row[1]:
            chunks: Iterator[tuple[int, bytes]] = iter([(-1, bytes(row[1]))])
        else:
            chunks = self.parts(str(row[0]), "records.jsonl")
        yield from _lines_of(chunks)

    def snapshot_records(self, sender_unit: str, ids: set[str]) -> dict[str, dict[str, Any]]:
        """Record id → record, of those of ``ids`` in the sender's last snapshot."""
        out: dict[str, dict[str, Any]] = {}
        if not ids:
            return out
        for line in self.snapshot_lines(sender_unit):
            item = json.loads(line)
            rec = item.get("record") if isinstance(item, dict) else None
            if isinstance(rec, dict) and rec.get("id") in ids:
                out[str(rec["id"])] = rec
        return out

    def changed_here_ids(self, device_id: str) -> set[str]:
        """Ids of the records last written by this device (of every kind)."""
        out: set[str] = set()
        for kind in RECORD_KINDS:
            out.update(str(r[0]) for r in self.conn.execute(
                f'SELECT id FROM "{form(kind).table}" WHERE updated_by = ?', (device_id,)))
        return out

    def put_snapshot(self, sender_unit: str, package_id: str) -> None:
        """The package's ``records.jsonl`` (stored with :meth:`part_writer`) becomes the
        merge base of its sender; the previous one's parts are dropped."""
        row = self.conn.execute("SELECT package_id FROM package_snapshot WHERE "
                                "sender_unit = ?", (sender_unit,)).fetchone()
        if row is not None and str(row[0]) != package_id:
            self.conn.execute("DELETE FROM package_part WHERE package_id = ? AND "
                              "member = 'records.jsonl'", (str(row[0]),))
        self.conn.execute("INSERT OR REPLACE INTO package_snapshot (sender_unit, package_id, "
                          "records) VALUES (?,?,?)", (sender_unit, package_id, b""))

    def part_writer(self, package_id: str, members: Sequence[str]) -> PartWriter:
        return PartWriter(self.conn, package_id, members)

    def parts(self, package_id: str, member: str) -> Iterator[tuple[int, bytes]]:
        """(method, bytes) of a stored member, in order (method 8: raw deflate, 0: plain)."""
        cur = self.conn.execute("SELECT method, data FROM package_part WHERE package_id = ? "
                                "AND member = ? ORDER BY part", (package_id, member))
        for method, data in cur:
            yield int(method), bytes(data)

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

    def put_foreign_audit(self, package_id: str, sender_unit: str, first_seq: int,
                          last_seq: int, head_hash: str) -> None:
        """The sender's audit chain as received (its events: ``audit.jsonl`` stored with
        :meth:`part_writer`)."""
        self.conn.execute(
            "INSERT OR REPLACE INTO foreign_audit (package_id, sender_unit, first_seq, last_seq, "
            "head_hash, events) VALUES (?,?,?,?,?,?)",
            (package_id, sender_unit, first_seq, last_seq, head_hash, b""))

    def last_foreign(self, sender_unit: str) -> tuple[str, int, str] | None:
        """(package id, last seq, its hash) of the newest audit chain from ``sender_unit``."""
        row = self.conn.execute(
            "SELECT package_id, last_seq, head_hash FROM foreign_audit WHERE sender_unit = ? "
            "ORDER BY last_seq DESC LIMIT 1", (sender_unit,)).fetchone()
        return None if row is None else (str(row[0]), int(row[1]), str(row[2]))

    def foreign_hashes(self, package_id: str) -> Iterator[tuple[int, str]]:
        """(seq, hash) of a received audit chain, in order, read as a stream."""
        row = self.conn.execute("SELECT events FROM foreign_audit WHERE package_id = ?",
                                (package_id,)).fetchone()
        if row is None:
            return
        if row[0]:
            chunks: Iterator[tuple[int, bytes]] = iter([(-1, bytes(row[0]))])
        else:
            chunks = self.parts(package_id, "audit.jsonl")
        for line in _lines_of(chunks):
            e = json.loads(line)
            yield int(e["seq"]), str(e["hash"])

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
        if row[0]:
            return [json.loads(line) for line in zlib.decompress(row[0]).decode().splitlines()]
        d = zlib.decompressobj(-15)
        data = b"".join(d.decompress(chunk) if method == 8 else chunk
                        for method, chunk in self.parts(package_id, "audit.jsonl"))
        return [json.loads(line) for line in data.decode().splitlines() if line]

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

    def empty_kinds(self) -> set[str]:
        """The record kinds of which this store holds no row at all."""
        return {k for k in RECORD_KINDS if self.conn.execute(
            f'SELECT 1 FROM "{form(k).table}" LIMIT 1').fetchone() is None}

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

    def _update_records(self, f: FormDef, records: Iterable[Mapping[str, Any]]) -> None:
        """Write whole records over the rows of the same ids."""
        cols = [c for c in record_columns(f) if c != "id"]
        sql = (f'UPDATE "{f.table}" SET {", ".join(chr(34) + c + chr(34) + " = ?" for c in cols)}'
               " WHERE id = ?")
        params = []
        for r in records:
            row = to_row(f, r)
            params.append((*(row[c] for c in cols), r["id"]))
        self.conn.executemany(sql, params)

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
            if rows:
                self._update_records(form(kind), rows)
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
    def _cases(self, sql: str, status: str | None, json_columns: tuple[str, ...]
               ) -> list[dict[str, Any]]:
        """Rows of ``sql`` (of one status, None: all), oldest first, as dicts with the JSON
        columns decoded."""
        params: tuple[Any, ...] = ()
        if status is not None:
            sql += " WHERE status = ?"
            params = (status,)
        cur = self.conn.execute(sql + " ORDER BY created_at, id", params)
        names = [d[0] for d in cur.description]
        out = []
        for row in cur:
            rec = dict(zip(names, row, strict=True))
            for k in json_columns:
                rec[k] = json.loads(rec[k]) if rec[k] is not None else None
            out.append(rec)
        return out

    def conflicts(self, status: str | None = "open") -> list[dict[str, Any]]:
        return self._cases(
            "SELECT id, package_id, kind, record_id, child_id, unit_code, field, local_value, "
            "incoming_value, base_value, status, chosen, resolved_at, resolved_by, created_at "
            "FROM conflict", status, ("local_value", "incoming_value", "base_value"))

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
            self._update_records(f, [rec])
        self.conn.execute("UPDATE conflict SET status = 'resolved', chosen = ?, resolved_at = ?, "
                          "resolved_by = ? WHERE id = ?",
                          (chosen, utc_now(), self.store.officer, conflict["id"]))
        audit.append("sync.conflict.resolve", f.id, str(conflict["record_id"]),
                     conflict.get("child_id") or str(conflict["record_id"]),
                     {"field": conflict["field"], "chosen": chosen,
                      "local": conflict["local_value"], "incoming": conflict["incoming_value"]})

    def duplicates(self, status: str | None = "open") -> list[dict[str, Any]]:
        return self._cases(
            "SELECT id, package_id, id_number, record_ids, unit_codes, status, kept_id, "
            "resolved_at, resolved_by, note, created_at FROM duplicate_case", status,
            ("record_ids", "unit_codes"))

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
                self._update_records(f, [rec])
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
