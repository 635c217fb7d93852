"""The hash-chained audit log.

Every write, export, import and print appends one ``audit_event`` in the SAME transaction as
the change. ``hash = SHA-256(prev_hash ‖ "\\n" ‖ canonical_json(event))``; the first event's
``prev_hash`` is 64 zeros. The newest (seq, hash) is also kept in ``setting`` so that cutting
events off the end is detected as well as editing or removing one in the middle.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from ..core.ids import utc_now, uuid7

GENESIS = "0" * 64
HEAD_KEY = "audit_head"
EVENT_FIELDS = ("seq", "id", "at", "device_id", "officer", "action", "entity", "record_id",
                "child_id", "detail")


def canonical_json(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 text (not ASCII escapes)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(prev_hash: str, event: dict[str, Any]) -> str:
    body = canonical_json({k: event[k] for k in EVENT_FIELDS})
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


_PLAIN = re.compile(r"^[A-Za-z0-9_.:+-]*$")
_SORTED = sorted(EVENT_FIELDS)


def _json_str(value: Any) -> str:
    """JSON of a string or None; the common ASCII-identifier case without json.dumps."""
    if value is None:
        return "null"
    if isinstance(value, str) and _PLAIN.match(value):
        return f'"{value}"'
    return json.dumps(value, ensure_ascii=False)


def _fast_event_hash(prev_hash: str, event: dict[str, Any]) -> str:
    """Exactly :func:`event_hash` (a test checks it), faster for bulk appends."""
    parts = []
    for key in _SORTED:
        value = event[key]
        parts.append(f'"{key}":{value if key == "seq" else _json_str(value)}')
    body = "{" + ",".join(parts) + "}"
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


class AuditLog:
    """Appends to and verifies the chain. The caller holds the transaction."""

    def __init__(self, conn: Any, device_id: str, officer: str):
        self.conn = conn
        self.device_id = device_id
        self.officer = officer

    def _head(self) -> tuple[int, str]:
        row = self.conn.execute("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1"
                                ).fetchone()
        return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))

    def append(self, action: str, entity: str, record_id: str | None = None,
               child_id: str | None = None, detail: dict[str, Any] | None = None) -> str:
        seq, prev = self._head()
        return self.append_many([(action, entity, record_id, child_id, detail or {})],
                                start=(seq, prev))

    def append_many(
        self,
        events: list[tuple[str, str, str | None, str | None, dict[str, Any]]],
        start: tuple[int, str] | None = None,
    ) -> str:
        """Append several events (bulk writes); returns the new head hash."""
        seq, prev = start or self._head()
        at = utc_now()
        rows = []
        detail_cache: dict[str, str] = {}
        for action, entity, record_id, child_id, detail in events:
            seq += 1
            event = {"seq": seq, "id": uuid7(), "at": at, "device_id": self.device_id,
                     "officer": self.officer, "action": action, "entity": entity,
                     "record_id": record_id, "child_id": child_id,
                     "detail": _detail_json(detail, detail_cache)}
            h = _fast_event_hash(prev, event)
            rows.append((*(event[k] for k in EVENT_FIELDS), prev, h))
            prev = h
        self.conn.executemany(
            "INSERT INTO audit_event (seq, id, at, device_id, officer, action, entity, "
            "record_id, child_id, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        self.conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                          (HEAD_KEY, f"{seq}:{prev}"))
        return prev


def _detail_json(detail: dict[str, Any], cache: dict[str, str]) -> str:
    if len(detail) == 1 and "version" in detail:  # the bulk case: {"version": n}
        key = str(detail["version"])
        if key not in cache:
            cache[key] = canonical_json(detail)
        return cache[key]
    return canonical_json(detail)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    events: int
    broken_at: int | None = None  # seq of the first bad event
    reason: str = ""


def verify_chain(conn: Any) -> VerifyResult:
    """Recompute the chain; report the first broken link."""
    prev, expected_seq, count = GENESIS, 1, 0
    cur = conn.execute(
        "SELECT seq, id, at, device_id, officer, action, entity, record_id, child_id, detail, "
        "prev_hash, hash FROM audit_event ORDER BY seq")
    for row in cur:
        event = dict(zip(EVENT_FIELDS, row[:10], strict=True))
        seq = int(event["seq"])
        if seq != expected_seq:
            return VerifyResult(False, count, expected_seq, "missing")
        if row[10] != prev:
            return VerifyResult(False, count, seq, "prev_hash")
        if event_hash(prev, event) != row[11]:
            return VerifyResult(False, count, seq, "hash")
        prev, expected_seq, count = row[11], seq + 1, count + 1
    head = conn.execute("SELECT value FROM setting WHERE key = ?", (HEAD_KEY,)).fetchone()
    if head is not None and head[0] != f"{count}:{prev}":
        return VerifyResult(False, count, count + 1, "truncated")
    return VerifyResult(True, count)


# -- reading (the GUI's audit viewer) ------------------------------------------------------------
EVENT_COLUMNS = ("seq", "at", "officer", "action", "entity", "record_id", "child_id", "detail")
OFFICER_SAMPLE = 200_000  # distinct officers are looked up among the newest events only


def query_events(conn: Any, *, child_ids: list[str] | None = None, officer: str | None = None,
                 actions: list[str] | None = None, since: str | None = None,
                 until: str | None = None, before_seq: int | None = None,
                 after_seq: int | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """Audit events, newest first, with the child's name (``child_name``) when the event has
    a child. ``since``/``until`` compare with ``at`` (ISO UTC, ``until`` exclusive);
    ``before_seq``/``after_seq`` (exclusive) bound the walk: keyset paging, and a bounded
    scan window for filters that match rarely. Walks ``seq`` downwards and stops after
    ``limit`` matches; a child filter uses the ``audit_child`` index."""
    where: list[str] = []
    params: list[Any] = []
    if after_seq is not None:
        where.append("e.seq > ?")
        params.append(after_seq)
    if child_ids is not None:
        if not child_ids:
            return []
        where.append(f"e.child_id IN ({','.join('?' * len(child_ids))})")
        params.extend(child_ids)
    if officer:
        where.append("e.officer = ?")
        params.append(officer)
    if actions:
        where.append(f"e.action IN ({','.join('?' * len(actions))})")
        params.extend(actions)
    if since:
        where.append("e.at >= ?")
        params.append(since)
    if until:
        where.append("e.at < ?")
        params.append(until)
    if before_seq is not None:
        where.append("e.seq < ?")
        params.append(before_seq)
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    inner = f"SELECT {cols} FROM audit_event e"
    if where:
        inner += " WHERE " + " AND ".join(where)
    inner += " ORDER BY e.seq DESC LIMIT ?"
    params.append(max(1, int(limit)))
    # names are looked up for the (at most ``limit``) events found, not for every event walked
    sql = (f"SELECT {', '.join(f'e.{c}' for c in EVENT_COLUMNS)}, c.name FROM ({inner}) e "
           "LEFT JOIN child c ON c.id = e.child_id ORDER BY e.seq DESC")
    out = []
    for row in conn.execute(sql, params):
        event = dict(zip(EVENT_COLUMNS, row[:-1], strict=True))
        event["child_name"] = row[-1]
        out.append(event)
    return out


def event_officers(conn: Any, sample: int = OFFICER_SAMPLE) -> list[str]:
    """Officers who wrote the newest ``sample`` events (the filter's choices), sorted."""
    rows = conn.execute(
        "SELECT DISTINCT officer FROM (SELECT officer FROM audit_event "
        "ORDER BY seq DESC LIMIT ?)", (sample,))
    return sorted(str(r[0]) for r in rows)


def event_actions(conn: Any, sample: int = OFFICER_SAMPLE) -> list[str]:
    """Action codes among the newest ``sample`` events, sorted."""
    rows = conn.execute(
        "SELECT DISTINCT action FROM (SELECT action FROM audit_event "
        "ORDER BY seq DESC LIMIT ?)", (sample,))
    return sorted(str(r[0]) for r in rows)


def event_count(conn: Any) -> int:
    """Number of events (= the newest seq; the chain has no gaps when intact)."""
    row = conn.execute("SELECT max(seq) FROM audit_event").fetchone()
    return int(row[0] or 0)


def event_by_seq(conn: Any, seq: int) -> dict[str, Any] | None:
    row = conn.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM audit_event WHERE seq = ?",
                       (seq,)).fetchone()
    return None if row is None else dict(zip(EVENT_COLUMNS, row, strict=True))


@dataclass
class ChainCursor:
    """Where a stepwise verification stands (see :func:`verify_chain_step`)."""

    prev: str = GENESIS
    next_seq: int = 1
    count: int = 0


def verify_chain_step(conn: Any, cursor: ChainCursor, max_events: int = 20_000
                      ) -> VerifyResult | None:
    """:func:`verify_chain` in steps of ``max_events`` (so a caller can release a lock,
    report progress or stop between steps; events are only ever appended, so later steps
    simply reach the newer head). Returns the result when the chain ends or breaks, else
    None and ``cursor`` moves on."""
    rows = conn.execute(
        "SELECT seq, id, at, device_id, officer, action, entity, record_id, child_id, detail, "
        "prev_hash, hash FROM audit_event WHERE seq >= ? ORDER BY seq LIMIT ?",
        (cursor.next_seq, max_events)).fetchall()
    for row in rows:
        event = dict(zip(EVENT_FIELDS, row[:10], strict=True))
        seq = int(event["seq"])
        if seq != cursor.next_seq:
            return VerifyResult(False, cursor.count, cursor.next_seq, "missing")
        if row[10] != cursor.prev:
            return VerifyResult(False, cursor.count, seq, "prev_hash")
        if _fast_event_hash(cursor.prev, event) != row[11]:
            return VerifyResult(False, cursor.count, seq, "hash")
        cursor.prev, cursor.next_seq, cursor.count = row[11], seq + 1, cursor.count + 1
    if len(rows) == max_events:
        return None
    head = conn.execute("SELECT value FROM setting WHERE key = ?", (HEAD_KEY,)).fetchone()
    if head is not None and head[0] != f"{cursor.count}:{cursor.prev}":
        return VerifyResult(False, cursor.count, cursor.count + 1, "truncated")
    return VerifyResult(True, cursor.count)


def first_seq_at_or_after(conn: Any, at: str) -> int:
    """The first ``seq`` whose ``at`` is ≥ ``at`` (binary search on the primary key; one
    past the newest if none). Events are appended in time order, so ``at`` grows with
    ``seq``; after a clock set backwards the bound is approximate, which is why callers
    keep their ``at`` condition as well and use this only to narrow the walk."""
    lo, hi = 1, event_count(conn) + 1
    while lo < hi:
        mid = (lo + hi) // 2
        row = conn.execute("SELECT at FROM audit_event WHERE seq >= ? ORDER BY seq LIMIT 1",
                           (mid,)).fetchone()
        if row is None or str(row[0]) >= at:
            hi = mid
        else:
            lo = mid + 1
    return lo
