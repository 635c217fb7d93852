"""The audit viewer's reads: pages of events (newest first, keyset paging on ``seq``) under a
filter, the officers seen, and the chain verified step by step.

The caller (the GUI's worker thread) passes the session lock: every step takes it and lets it
go in between, so a long walk never holds up the window's own reads and writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from . import audit, search
from .store import Store

PAGE = 500
CHILD_MATCHES = 200  # a child search narrows to at most this many children
SCAN = 200_000  # events walked per query when a filter matches rarely (≈ 1 s at most)
VERIFY_STEP = 20_000  # events verified per hold of the lock

Lock = AbstractContextManager[Any]  # the session lock (an RLock) or any context manager


@dataclass(frozen=True)
class EventFilter:
    query: str = ""  # child's name, ID number or pinyin initials
    officer: str | None = None
    actions: Sequence[str] | None = None
    since: str | None = None  # ISO UTC bounds of ``at`` (since ≤ at < until)
    until: str | None = None


def officers(store: Store) -> list[str]:
    return audit.event_officers(store.conn)


def page(store: Store, flt: EventFilter, before: int | None = None, *, lock: Lock | None = None,
         cancelled: Callable[[], bool] = lambda: False, limit: int = PAGE,
         scan: int = SCAN) -> list[dict[str, Any]]:
    """Up to ``limit`` events matching ``flt``, newest first, with ``seq`` below ``before``
    (the last ``seq`` of the previous page; None for the first page). A filter by officer or
    action that matches rarely walks windows of ``scan`` events, taking ``lock`` per window."""
    guard: Lock = lock if lock is not None else nullcontext()
    with guard:
        conn = store.conn
        child_ids: list[str] | None = None
        top = before if before is not None else audit.event_count(conn) + 1
        floor = 0
        if flt.query:  # the audit_child index: no window needed
            child_ids = search.child_ids(conn, search.ChildFilter(query=flt.query, status=None),
                                         limit=CHILD_MATCHES)
        else:  # narrow the walk to the date range (binary search on seq)
            if flt.until:
                top = min(top, audit.first_seq_at_or_after(conn, flt.until))
            if flt.since:
                floor = max(0, audit.first_seq_at_or_after(conn, flt.since) - 1)
    rows: list[dict[str, Any]] = []
    actions = list(flt.actions) if flt.actions else None
    while not cancelled():
        low, windowed = floor, False
        if child_ids is None and (flt.officer or actions) and top - scan > floor:
            low, windowed = top - scan, True
        with guard:
            rows += audit.query_events(
                store.conn, child_ids=child_ids, officer=flt.officer, actions=actions,
                since=flt.since, until=flt.until, before_seq=top, after_seq=low or None,
                limit=limit - len(rows))
        if len(rows) >= limit or not windowed:
            break
        top = low + 1
    return rows


@dataclass
class ChainCheck:
    """The chain verified in steps: ``step()`` until it returns a result."""

    store: Store
    cursor: audit.ChainCursor
    total: int

    @classmethod
    def start(cls, store: Store) -> ChainCheck:
        return cls(store, audit.ChainCursor(), audit.event_count(store.conn))

    @property
    def done(self) -> int:
        return self.cursor.count

    def step(self, max_events: int = VERIFY_STEP
             ) -> tuple[audit.VerifyResult, dict[str, Any] | None] | None:
        """Verify the next events; None while unfinished, else the result and the first
        broken event (None when the chain is intact)."""
        result = audit.verify_chain_step(self.store.conn, self.cursor, max_events)
        if result is None:
            return None
        broken = (audit.event_by_seq(self.store.conn, result.broken_at)
                  if result.broken_at is not None else None)
        return result, broken


def verify(store: Store) -> audit.VerifyResult:
    """The whole chain at once (``leftbehind audit verify``)."""
    return audit.verify_chain(store.conn)
