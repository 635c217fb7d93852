"""Check and import ``.lbpkg`` packages (``sync/SPEC.md`` §7), in bounded memory.

Order (DESIGN §7): container layout, manifest and signature (a few KiB read) → sender,
key, sequence / rollback / replay, recipient → the payload's ciphertext hashed as a stream
(nothing decrypted before it matches) → ONE pass that decrypts, unpacks and parses as a
stream: every record validated, owners checked, counts, audit chain, units and provenance.
``verify`` writes nothing; import runs that same pass inside ONE transaction and merges
each checked batch of records as it goes (the file re-hashed as it is read); any refusal
— invalid records, owners, counts, the chain, a file changed since it was hashed — rolls
the transaction back, so the store is as it was.

Qt-free; may run on a worker thread (the store's connection only from that thread).
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from ..core import safejson, units, upgrade
from ..core.dates import local_time_text, quarter_label
from ..core.forms import form
from ..core.ids import utc_now
from ..store.audit import EVENT_FIELDS, GENESIS, event_hash
from ..store.schema import RECORD_KINDS, record_columns
from ..store.store import Store
from ..store.sync import PackageEntry, SyncStore, TrustedKey
from . import container, fastcheck, inbound, receipts, returns, stream
from . import manifest as mf
from .errors import SyncError
from .identity import DeviceIdentity
from .merge import (
    NEW,
    OUTCOME_EN,
    OUTCOME_ZH,
    REJECTED,
    UNCHANGED,
    Merger,
    ReportItem,
    area,
    owned_elsewhere,
    record_outside,
)
from .minisign import MinisignError, PublicKey
from .review import FORWARD_MEMBER, ForwardLines, ItemMaker, put_forwarded

Progress = Callable[[int, int], None]
Source = Path | bytes
BATCH = 5000  # records per owner lookup / merge step
MAX_REJECTED = 2000  # invalid records listed in a refusal (all are counted)
MAX_ROUTINE_ITEMS = 10_000  # "new" / "unchanged" report lines kept (all are counted)
MAX_META = 64  # length of id, created_at, updated_at, updated_by
MAX_REASON = 1000
MAX_VERSION = 2 ** 53  # a record's version (JSON numbers other tools read exactly)
_META_TEXT = ("created_at", "updated_at", "updated_by")
INCOMPLETE_ZH, INCOMPLETE_EN = "待补充", "to complete"  # records with 待补充 fields


def _line(line: bytes, member: str, n: int) -> Any:
    try:
        return safejson.loads_line(line)
    except safejson.JsonLimitError as exc:
        raise SyncError("bad_line", member=member, line=n, detail=str(exc)) from None


class InvalidRecords(SyncError):
    """Records failed validation: the whole package is refused; ``items`` says which
    (at most :data:`MAX_REJECTED`; ``count`` all of them)."""

    def __init__(self, items: list[ReportItem], count: int | None = None):
        super().__init__("invalid_records", count=count if count is not None else len(items))
        self.items = items


def _noop(done: int, total: int) -> None:
    return None


# == the source file ========================================================================
class _Source:
    """A package file, or package bytes (tests, small tools): opened once per pass."""

    def __init__(self, src: Source):
        self.src = src

    def open(self) -> BinaryIO:
        if isinstance(self.src, bytes):
            return io.BytesIO(self.src)
        try:
            return self.src.open("rb")
        except OSError as exc:
            raise SyncError("not_a_file", detail=exc.__class__.__name__) from None

    def container(self) -> container.Opened:
        if isinstance(self.src, bytes):
            return container.open_bytes(self.src)
        return container.open_file(Path(self.src))


# == records ================================================================================
def _problems(kind: str, rec: dict[str, Any], allowed: frozenset[str],
              child_ids: Mapping[str, str], today: date) -> list[tuple[str, str]]:
    """Why a record is refused, in Chinese and in English (empty: it is valid) — the full,
    exact check."""
    problems: list[tuple[str, str]] = []
    extra = set(rec) - allowed
    missing = allowed - set(rec)
    if extra:
        name = sorted(extra)[0][:40]
        problems.append((f"未知字段 {name}", f"unknown field {name}"))
    if missing:
        name = sorted(missing)[0]
        problems.append((f"缺少字段 {name}", f"missing field {name}"))
    v = rec.get("version")
    if not isinstance(v, int) or isinstance(v, bool) or not 1 <= v <= MAX_VERSION:
        problems.append(("版本号无效", "invalid version"))
    if not isinstance(rec.get("deleted"), bool):
        problems.append(("删除标记无效", "invalid deleted flag"))
    for meta in _META_TEXT:
        value = rec.get(meta)
        if not isinstance(value, str) or len(value) > MAX_META:
            problems.append((f"{meta}无效", f"invalid {meta}"))
    reason = rec.get("amendment_reason")
    if not (reason is None or (isinstance(reason, str) and len(reason) <= MAX_REASON)):
        problems.append(("更正原因无效", "invalid amendment reason"))
    f = form(kind)
    if f.parent == "child" and not (isinstance(rec.get("child_id"), str)
                                    and rec["child_id"] in child_ids):
        problems.append(("所属儿童不在数据包中", "its child is not in the package"))
    elif f.parent == "child" and child_ids[rec["child_id"]] != rec.get("unit_code"):
        problems.append(("所属单位与儿童的单位不同", "its unit differs from its child's"))
    if not problems:
        values = {fd.name: rec.get(fd.name) for fd in f.fields}
        # a 待补充 field left NULL (a table import's gap) is no reason to refuse
        problems.extend((e.text("zh"), e.text("en")) for e in f.validate_pending_ok(values, today)
                        if not e.warning)
    return problems


_ITEM_KEYS = frozenset(("kind", "record"))
_PLAIN_KINDS = frozenset(RECORD_KINDS)


def _record_of(n: int, item: Any) -> tuple[str, dict[str, Any]]:
    if type(item) is not dict or item.keys() != _ITEM_KEYS:
        raise SyncError("bad_line", member="records.jsonl", line=n,
                        detail="需要kind和record / needs kind and record")
    kind, rec = item["kind"], item["record"]
    if type(kind) is not str or kind not in RECORD_KINDS or type(rec) is not dict:
        raise SyncError("bad_line", member="records.jsonl", line=n,
                        detail="需要kind和record / needs kind and record")
    if kind == "child" and type(rec.get("income_source")) is str:
        rec = upgrade.child_record(rec)  # a peer still on child form version 1
    return kind, rec


class RecordCheck:
    """``records.jsonl``: every record checked once, as the lines arrive. The
    usual valid record passes a precompiled check (:mod:`.fastcheck`); any other gets the
    full check and its exact reasons. Ids already held here are looked up in batches: one
    owned by a unit outside the sender's area refuses the package. On import each
    checked batch is handed to :class:`_Merge`."""

    def __init__(self, ex: SyncStore, m: mf.Manifest, owns: Callable[[str], bool], today: date,
                 progress: Callable[[], None]):
        self.ex, self.m, self.owns, self.today, self.progress = ex, m, owns, today, progress
        self.allowed = {k: frozenset(record_columns(form(k))) - {"name_initials"}
                        for k in RECORD_KINDS}
        self.fast = {k: fastcheck.checker(form(k), today) for k in RECORD_KINDS}
        self.needs_child = {k: form(k).parent == "child" for k in RECORD_KINDS}
        self.child_ids: dict[str, str] = {}  # child id → its unit
        self.seen: dict[str, set[str]] = {k: set() for k in RECORD_KINDS}
        self.units_ok: set[str] = set()
        self.counts = {k: 0 for k in RECORD_KINDS}
        self.declared = m.record_counts
        self.rejected: list[ReportItem] = []
        self.rejected_count = 0
        self.batch: dict[str, list[dict[str, Any]]] = {k: [] for k in RECORD_KINDS}
        self.pending = 0
        self.incomplete = 0  # valid records with 待补充 fields left NULL
        self.merge: _Merge | None = None  # import: each checked batch merged at once

    def line(self, n: int, line: bytes) -> None:
        try:
            item = safejson.loads_line(line)
        except safejson.JsonLimitError as exc:
            raise SyncError("bad_line", member="records.jsonl", line=n, detail=str(exc)) from None
        if type(item) is dict and len(item) == 2 and type(rec := item.get("record")) is dict \
                and type(kind := item.get("kind")) is str and kind in _PLAIN_KINDS and (
                    kind != "child" or type(rec.get("income_source")) is not str):
            pass  # the usual line (what _record_of accepts as it is)
        else:
            kind, rec = _record_of(n, item)
        rid, unit = rec.get("id"), rec.get("unit_code")
        if type(rid) is not str or not 0 < len(rid) <= MAX_META:
            raise SyncError("bad_line", member="records.jsonl", line=n,
                            detail="缺少id或unit_code / missing id or unit_code")
        if type(unit) is not str or unit not in self.units_ok:
            if not isinstance(unit, str) or not units.is_unit_code(unit):
                raise SyncError("bad_line", member="records.jsonl", line=n,
                                detail="缺少id或unit_code / missing id or unit_code")
            if not self.owns(unit):
                raise record_outside(self.ex, self.m.kind, kind, rid, unit,
                                     self.m.sender_unit, self.m.recipient_unit)
            self.units_ok.add(unit)
        seen = self.seen[kind]
        if rid in seen:
            raise SyncError("bad_line", member="records.jsonl", line=n,
                            detail="记录id重复 / duplicate record id")
        seen.add(rid)
        count = self.counts[kind] = self.counts[kind] + 1
        if count > self.declared.get(kind, 0):  # more than the manifest says
            raise SyncError("count_mismatch", kind=kind, declared=self.declared.get(kind, 0),
                            actual=f"{count}+")
        if kind == "child":
            self.child_ids[rid] = unit  # a rejected child: report only the child
        rec_ = rec
        if not (rec_.keys() == self.allowed[kind] and type(v := rec_["version"]) is int
                and 1 <= v <= MAX_VERSION
                and type(rec_["deleted"]) is bool and type(a1 := rec_["created_at"]) is str
                and type(a2 := rec_["updated_at"]) is str and type(a3 := rec_["updated_by"]) is str
                and len(a1) <= MAX_META and len(a2) <= MAX_META and len(a3) <= MAX_META
                and ((a := rec_["amendment_reason"]) is None
                     or (type(a) is str and len(a) <= MAX_REASON))
                and (not self.needs_child[kind]
                     or (type(c := rec_["child_id"]) is str and self.child_ids.get(c) == unit))
                and self.fast[kind](rec_)):
            problems = _problems(kind, rec, self.allowed[kind], self.child_ids, self.today)
            if problems:
                self.rejected_count += 1
                if len(self.rejected) < MAX_REJECTED:
                    child = rec.get("child_id")
                    self.rejected.append(ReportItem(
                        kind, rid, child if isinstance(child, str) else None, unit, REJECTED,
                        "；".join(zh[:200] for zh, _en in problems[:3]),
                        "; ".join(en[:200] for _zh, en in problems[:3])))
                return
            if rec["deleted"] is False and form(kind).pending_in(rec):
                self.incomplete += 1
        self.batch[kind].append(rec)
        self.pending += 1
        if self.pending >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Ids already held here must belong to the sender's area; on import the batch,
        all of it valid and owned, is then merged into the open transaction (once a record
        is rejected nothing more is merged: the refusal rolls everything back)."""
        for kind, rows in self.batch.items():
            if not rows:
                continue
            held = self.ex.owners(kind, [r["id"] for r in rows])
            for rec in rows if held else ():
                owner = held.get(rec["id"])
                if owner is not None and not self.owns(owner):
                    raise owned_elsewhere(self.ex, kind, rec["id"], owner, rec["unit_code"],
                                          self.m.sender_unit)
        if self.merge is not None and not self.rejected_count and self.pending:
            self.merge.batch(self.batch)
        self.batch = {k: [] for k in RECORD_KINDS}
        self.pending = 0
        self.progress()

    def end(self) -> None:
        self.flush()


# == the audit chain ========================================================================
_PLAIN = re.compile(r"[A-Za-z0-9_.:+-]*")
_SORTED_FIELDS = tuple(sorted(EVENT_FIELDS))
_EVENT_KEYS = (*EVENT_FIELDS, "prev_hash", "hash")


def _event_hash(prev: str, e: Mapping[str, Any]) -> str:
    """``audit.event_hash`` in one pass: the canonical JSON of the usual event (an int
    seq, text or null elsewhere) is built directly; anything else goes the long way."""
    parts = []
    for key in _SORTED_FIELDS:
        v = e[key]
        if key == "seq" and type(v) is int:
            parts.append(f'"seq":{v}')
        elif v is None:
            parts.append(f'"{key}":null')
        elif type(v) is str:
            parts.append(f'"{key}":"{v}"' if _PLAIN.fullmatch(v) else
                         f'"{key}":{json.dumps(v, ensure_ascii=False)}')
        else:
            return event_hash(prev, dict(e))
    body = "{" + ",".join(parts) + "}"
    return hashlib.sha256(f"{prev}\n{body}".encode()).hexdigest()


class AuditCheck:
    """The sender's audit chain, one event at a time: consecutive ``seq`` from 1, each
    ``prev_hash`` the hash before it, each hash recomputed. ``previous``: (seq, hash) of
    the chain received last time from the same unit, compared in step: ``first_changed``
    is the first seq whose hash differs (history rewritten from there)."""

    def __init__(self, previous: Iterator[tuple[int, str]] | None = None,
                 declared: int | None = None):
        self.prev, self.expected = GENESIS, 1
        self.declared = declared
        self.previous = previous
        self.first_changed: int | None = None

    def line(self, n: int, line: bytes) -> None:
        e = _line(line, "audit.jsonl", n)
        if type(e) is not dict or not all(k in e for k in _EVENT_KEYS) \
                or not all(e[k] is None or type(e[k]) in (str, int) for k in _EVENT_KEYS):
            raise SyncError("audit_broken", seq=self.expected, reason="fields")
        if e["seq"] != self.expected:
            raise SyncError("audit_broken", seq=self.expected, reason="missing")
        if self.declared is not None and self.expected > self.declared:
            raise SyncError("count_mismatch", kind="audit", declared=self.declared,
                            actual=f"{self.expected}+")
        if e["prev_hash"] != self.prev or _event_hash(self.prev, e) != e["hash"]:
            raise SyncError("audit_broken", seq=e["seq"], reason="hash")
        if self.previous is not None and self.first_changed is None:
            old = next(self.previous, None)
            if old is None:
                self.previous = None  # the new chain goes on past the old one
            elif old != (self.expected, e["hash"]):
                self.first_changed = self.expected
                self.previous = None
        self.prev, self.expected = str(e["hash"]), self.expected + 1

    @property
    def count(self) -> int:
        return self.expected - 1

    def end(self) -> None:
        return None


def verify_audit(events: list[dict[str, Any]]) -> None:
    """The chain check over events held in memory (the same rules as :class:`AuditCheck`)."""
    check = AuditCheck()
    for n, e in enumerate(events, 1):
        check.line(n, json.dumps(e, ensure_ascii=False).encode())


# == units and provenance ===================================================================
class UnitLines:
    def __init__(self, m: mf.Manifest, own: str):
        self.m, self.own = m, own
        self.units: list[tuple[str, str]] = []

    def line(self, n: int, line: bytes) -> None:
        u = _line(line, "units.jsonl", n)
        if type(u) is not dict:
            raise SyncError("bad_line", member="units.jsonl", line=n,
                            detail="不是对象 / not an object")
        code, name = u.get("code"), u.get("name")
        if isinstance(code, str) and isinstance(name, str) and units.is_unit_code(code) and (
                units.contains(self.m.sender_unit, code) or units.contains(self.own, code)) \
                and len(self.units) < 10_000:
            self.units.append((code, name[:100]))

    def end(self) -> None:
        return None


class ProvenanceLines:
    """Street → district: each incorporated village package's manifest must verify with
    the key given and belong to a village of the sender."""

    def __init__(self, m: mf.Manifest):
        self.m = m
        self.items: list[dict[str, str]] = []

    def line(self, n: int, line: bytes) -> None:
        p = _line(line, "provenance.jsonl", n)
        bad = SyncError("bad_line", member="provenance.jsonl", line=n,
                        detail="村级数据包签名无效 / village package signature invalid")
        if type(p) is not dict or not all(type(p.get(k)) is str for k in (
                "manifest", "minisig", "signing_key", "package_id")):
            raise bad
        try:
            inner = mf.parse(p["manifest"].encode())
            pub = PublicKey.parse(p["signing_key"])
            comment = pub.verify(p["manifest"].encode(), p["minisig"])
        except (MinisignError, SyncError):
            raise bad from None
        if comment != mf.trusted_comment(inner) or pub.key_id_text != inner.sender_key_id or \
                not units.contains(self.m.sender_unit, inner.sender_unit) or \
                inner.package_id != p["package_id"]:
            raise SyncError("bad_line", member="provenance.jsonl", line=n,
                            detail="村级数据包不属于发送单位 / not the sender's village")
        self.items.append({"package_id": inner.package_id, "sender_unit": inner.sender_unit,
                           "manifest": p["manifest"], "minisig": p["minisig"],
                           "signing_key": p["signing_key"]})

    def end(self) -> None:
        return None


# == the checks ==============================================================================
@dataclass
class Checked:
    """A package that passed every check (nothing written yet)."""

    source: _Source
    opened: container.Opened
    manifest: mf.Manifest
    key: TrustedKey
    counts: dict[str, int] = field(default_factory=dict)
    audit_count: int = 0
    audit_head: str = GENESIS
    chain_gap_at: int | None = None  # first event of the sender's chain rewritten
    incomplete: int = 0  # records with 待补充 fields left NULL (sync/SPEC.md)
    units: list[tuple[str, str]] = field(default_factory=list)
    provenance: list[dict[str, str]] = field(default_factory=list)
    acks: receipts.AckLines = field(default_factory=receipts.AckLines)  # receipts it imported
    review_states: list[dict[str, Any]] = field(default_factory=list)  # 逐条审核 forwarded
    answers: list[dict[str, Any]] = field(default_factory=list)  # to returned items (退回修改)

    @property
    def minisig(self) -> str:
        return self.opened.signature.decode()


# kinds other than registry packages: one handler module each (they never change records)
HANDLERS: dict[str, inbound.Handler] = {"receipt": receipts.import_receipt,
                                        "review": returns.import_review}


def _dispatch(store: Store, src: Source, write: bool) -> ImportReport | None:
    """A package of a kind with its own handler: its report; ``None`` for the others."""
    source = _Source(src)
    opened = source.container()
    m = mf.parse(opened.manifest)
    handler = HANDLERS.get(m.kind)
    if handler is None:
        return None
    key = inbound.check_sender(SyncStore(store), m, store.unit_code)
    inbound.verify_signature(key, opened, m)
    h = handler(store, source.open, opened, m, key, write)
    return ImportReport(h.package_id, h.kind, h.sender_unit, h.sender_name, h.period,
                        h.sequence, h.already_imported, h.imported_at, message_zh=h.text_zh,
                        message_en=h.text_en, detail=h.detail)


def check_package(store: Store, src: Source, progress: Progress = _noop,
                  today: date | None = None) -> Checked | PackageEntry:
    """Every check of DESIGN §7 in order, without writing. Returns the checked package, or
    the package-log entry when this exact package was imported before. Raises
    :class:`SyncError` (:class:`InvalidRecords` for invalid records)."""
    checked = _check_outside(store, src, progress)
    if isinstance(checked, Checked):
        _read_payload(store, checked, progress, today or date.today())
        progress(100, 100)
    return checked


def _check_outside(store: Store, src: Source, progress: Progress) -> Checked | PackageEntry:
    """Container, manifest, signature, sender, sequence, recipient, and the payload's size
    and hash — before anything is decrypted (a few KiB read, then one hashing read)."""
    progress(0, 100)
    source = _Source(src)
    opened = source.container()
    m = mf.parse(opened.manifest)
    if m.kind in HANDLERS:  # not a registry package (import_package dispatches it)
        raise SyncError("wrong_kind", kind=m.kind)
    ex = SyncStore(store)
    own = store.unit_code
    key = inbound.check_sender(ex, m, own)
    inbound.verify_signature(key, opened, m)
    known = ex.package(m.package_id)
    if known is not None:
        return known
    last = ex.last_incoming(key.key_id)
    if last is not None:
        if m.sequence <= last[0]:
            raise SyncError("rollback", sequence=m.sequence, last=last[0])
        if m.sequence == last[0] + 1 and m.previous != last[1]:
            raise SyncError("broken_chain", sequence=m.sequence)
    if m.recipient_unit != own:
        raise SyncError("wrong_recipient", recipient=m.recipient_unit, own=own)
    # the payload: size and hash before anything is decrypted
    if opened.payload_size > m.payload_size:
        raise SyncError("member_too_large", name=container.PAYLOAD, actual=opened.payload_size,
                        declared=m.payload_size)
    if opened.payload_size != m.payload_size:
        raise SyncError("payload_hash")
    with source.open() as fh:
        digest, crc = stream.hash_region(fh, opened.payload_offset, opened.payload_size)
    if digest != m.payload_sha256:
        raise SyncError("payload_hash")
    if crc != opened.payload_crc:
        raise SyncError("not_a_zip")
    progress(10, 100)
    return Checked(source, opened, m, key)


def _read_payload(store: Store, checked: Checked, progress: Progress, today: date,
                  merge: _Merge | None = None) -> None:
    """The one pass over the payload: decrypted, unpacked, parsed and every record, the
    audit chain, units and provenance checked as the bytes arrive; on import (``merge``)
    each checked batch of records is merged into the transaction the caller holds, which
    any refusal raised here rolls back. The file is hashed again as it is read."""
    m = checked.manifest
    ex = SyncStore(store)
    own = store.unit_code
    owns = area(m.kind, m.sender_unit, own)
    total = max(sum(m.record_counts.values()), 1)
    records = RecordCheck(ex, m, owns, today, lambda: progress(
        10 + 85 * min(sum(records.counts.values()), total) // total, 100))
    records.merge = merge
    previous = ex.last_foreign(m.sender_unit)
    audit = AuditCheck(ex.foreign_hashes(previous[0]) if previous else None, m.audit_events)
    unit_lines = UnitLines(m, own)
    prov = ProvenanceLines(m)
    answers = returns.AnswerLines()
    reviewed = ForwardLines(m.sender_unit, m.period)
    sinks: dict[str, Any] = {
        "records.jsonl": stream.Lines("records.jsonl", records.line),
        "audit.jsonl": stream.Lines("audit.jsonl", audit.line),
        "units.jsonl": stream.Lines("units.jsonl", unit_lines.line),
        "provenance.jsonl": stream.Lines("provenance.jsonl", prov.line),
        receipts.ACK_MEMBER: stream.Lines(receipts.ACK_MEMBER, checked.acks.line),
        "ledger.xlsx": stream.Discard(),
        returns.ANSWERS_MEMBER: stream.Lines(returns.ANSWERS_MEMBER, answers.line),
        FORWARD_MEMBER: stream.Lines(FORWARD_MEMBER, reviewed.line),
    }
    archive = stream.Archive(m.contents, sinks, raw=merge.parts.add if merge else None)
    with checked.source.open() as fh:
        stream.decrypt_into(fh, checked.opened.payload_offset, checked.opened.payload_size,
                            m.payload_sha256, DeviceIdentity.of(store).age_identity, archive)
    records.end()
    if records.rejected_count:
        raise InvalidRecords(records.rejected, records.rejected_count)
    for kind in RECORD_KINDS:
        declared = m.record_counts.get(kind, 0)
        if records.counts[kind] != declared:
            raise SyncError("count_mismatch", kind=kind, declared=declared,
                            actual=records.counts[kind])
    if audit.count != m.audit_events:
        raise SyncError("count_mismatch", kind="audit", declared=m.audit_events,
                        actual=audit.count)
    checked.counts = dict(records.counts)
    checked.incomplete = records.incomplete
    checked.audit_count, checked.audit_head = audit.count, audit.prev
    if previous is not None:
        # after the first package a unit's chain must come, whole (never shorter)
        if "audit.jsonl" not in m.contents or audit.count == 0:
            raise SyncError("audit_missing", seq=previous[1])
        if audit.first_changed is None and audit.count < previous[1]:
            raise SyncError("audit_truncated", count=audit.count, seq=previous[1])
        checked.chain_gap_at = audit.first_changed
    checked.units, checked.provenance = unit_lines.units, prov.items
    checked.review_states = reviewed.items
    checked.answers = answers.items


# == report =================================================================================
@dataclass
class ImportReport:
    package_id: str
    kind: str
    sender_unit: str
    sender_name: str
    period: str
    sequence: int
    already_imported: bool = False
    imported_at: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    items: list[ReportItem] = field(default_factory=list)  # routine lines capped, see counts
    chain_gap_at: int | None = None  # the sender's audit chain does not extend the last one
    incomplete: int = 0  # records accepted with 待补充 fields (to complete at a home visit)
    review_items: int = 0  # 逐条审核 items this import made (sync/review.py)
    # a kind with its own handler (receipt …): its sentence and what it carried
    message_zh: str = ""
    message_en: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    def headline(self, lang: str = "zh") -> str:
        if self.message_zh:
            return self.message_en if lang == "en" else self.message_zh
        if self.already_imported:
            return SyncError("already_imported", package_id=quarter_label(self.period, lang)
                             + (f" no. {self.sequence}" if lang == "en" else f"第{self.sequence}号"),
                             when=local_time_text(self.imported_at, lang)).text(lang)
        labels = OUTCOME_EN if lang == "en" else OUTCOME_ZH
        parts = [f"{labels[k]} {v}" for k, v in self.counts.items() if v]
        if self.incomplete:
            parts.append(f"{INCOMPLETE_EN if lang == 'en' else INCOMPLETE_ZH} {self.incomplete}")
        if self.detail.get("answered"):  # answers to items returned for correction (退回修改)
            parts.append(f"{'answered returns' if lang == 'en' else '答复退回'} "
                         f"{self.detail['answered']}")
        if lang == "en":
            text = (f"Imported the package from {self.sender_name} "
                    f"({self.sender_unit}), {quarter_label(self.period, lang)}, "
                    f"no. {self.sequence}: "
                    + ", ".join(parts))
            if self.chain_gap_at is not None:
                text += (f". Note: its audit history does not continue the one received last "
                         f"time (from event {self.chain_gap_at}); history may have been rewritten "
                         f"or the laptop restored from an old backup — check with the sender")
            return text
        text = (f"已导入{self.sender_name}（{self.sender_unit}）{quarter_label(self.period)}"
                f"第{self.sequence}号数据包：" + "，".join(parts))
        if self.chain_gap_at is not None:
            text += (f"。注意：该单位的审计记录与上次接收的不连续（自第{self.chain_gap_at}条起），"
                     f"可能被改写或从旧备份恢复过，请与该单位核实")
        return text

    def notable(self) -> list[ReportItem]:
        return [i for i in self.items if i.outcome not in (NEW, UNCHANGED)]

    def as_dict(self) -> dict[str, Any]:
        return {"package_id": self.package_id, "kind": self.kind,
                "sender_unit": self.sender_unit, "sender_name": self.sender_name,
                "period": self.period, "sequence": self.sequence,
                "already_imported": self.already_imported, "imported_at": self.imported_at,
                "counts": self.counts, "message": self.headline("zh"),
                "audit_chain_gap_at": self.chain_gap_at, "incomplete": self.incomplete,
                "review_items": self.review_items,
                "items": [i.as_dict() for i in self.notable()],
                **({"detail": self.detail} if self.message_zh else {})}


def _report_of(entry: PackageEntry) -> ImportReport:
    m = mf.Manifest(json.loads(entry.manifest))
    return ImportReport(entry.package_id, entry.kind, entry.sender_unit, m.sender_name,
                        entry.period, entry.sequence, True, entry.processed_at,
                        dict(entry.summary.get("counts", {})),
                        incomplete=int(entry.summary.get("incomplete", 0)))


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Reading a package makes hundreds of thousands of small dicts and no reference
    cycles; the cyclic collector would walk them again and again while they are made.
    Reference counting still frees everything; the collector runs again afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def verify_package(store: Store, path: Source, progress: Progress = _noop,
                   today: date | None = None) -> ImportReport:
    """Run every check (including decryption and validation) without importing."""
    if (handled := _dispatch(store, path, False)) is not None:
        return handled
    with _no_cyclic_gc():
        result = check_package(store, path, progress, today)
    if isinstance(result, PackageEntry):
        return _report_of(result)
    m = result.manifest
    progress(100, 100)
    return ImportReport(m.package_id, m.kind, m.sender_unit, m.sender_name, m.period,
                        m.sequence, counts=dict(result.counts), incomplete=result.incomplete)


# == import: merge ==========================================================================
class _Merge:
    """Checked batches of records merged into the open transaction; the raw members kept."""

    def __init__(self, merger: Merger, parts: Any, review_items: ItemMaker | None = None):
        self.merger, self.parts, self.review_items = merger, parts, review_items
        self.counts = {k: 0 for k in OUTCOME_ZH}
        self.items: list[ReportItem] = []
        self.routine = 0

    def batch(self, batch: Mapping[str, list[dict[str, Any]]]) -> None:
        result = self.merger.plan(batch)
        self.merger.apply(result)
        if self.review_items is not None and result.changes:
            self.review_items.add(result.changes)  # 逐条审核 (sync/review.py)
        counts, items = self.counts, self.items
        for item in result.items:
            outcome = item.outcome
            counts[outcome] += 1
            if outcome not in (NEW, UNCHANGED):
                items.append(item)
            elif self.routine < MAX_ROUTINE_ITEMS:
                self.routine += 1
                items.append(item)


def import_package(store: Store, path: Source, progress: Progress = _noop,
                   today: date | None = None) -> ImportReport:
    """Verify the manifest, signature and payload hash, then in ONE transaction and one
    pass decrypt, check and merge; any refusal rolls the transaction back."""
    if (handled := _dispatch(store, path, True)) is not None:
        return handled
    with _no_cyclic_gc():
        return _import_package(store, path, progress, today or date.today())


def _import_package(store: Store, path: Source, progress: Progress,
                    today: date) -> ImportReport:
    checked = _check_outside(store, path, progress)
    if isinstance(checked, PackageEntry):
        return _report_of(checked)
    m = checked.manifest
    ex = SyncStore(store)
    imported_at = utc_now()
    with store.transaction() as audit:
        merger = Merger(ex, audit, m.package_id, m.sender_unit, store.device_id)
        parts = ex.part_writer(m.package_id, ("records.jsonl", "audit.jsonl"))
        merged = _Merge(merger, parts, ItemMaker(store, m.package_id, m.sender_unit, m.period)
                        if m.kind == "quarterly" else None)
        _read_payload(store, checked, progress, today, merged)
        parts.close()
        gap = checked.chain_gap_at
        merger.finish(checked.units)
        counts = merged.counts
        report = ImportReport(m.package_id, m.kind, m.sender_unit, m.sender_name, m.period,
                              m.sequence, counts=counts, items=merged.items,
                              imported_at=imported_at, chain_gap_at=gap,
                              incomplete=checked.incomplete, review_items=merged.review_items.count
                              if merged.review_items is not None else 0)
        notable = [i.as_dict() for i in report.notable()[:2000]]
        ex.log_package(PackageEntry(
            m.package_id, "in", m.kind, m.sender_unit, m.sender_key_id, m.recipient_unit,
            m.period, m.sequence, mf.sha256_hex(checked.opened.manifest),
            checked.opened.manifest.decode(), checked.minisig, checked.key.signing_key,
            m.created_at, imported_at,
            {"counts": counts, "items": notable, "record_counts": m.record_counts,
             "incomplete": checked.incomplete}))
        ex.put_snapshot(m.sender_unit, m.package_id)
        if checked.provenance:
            ex.put_provenance(m.package_id, checked.provenance)
        receipts.acknowledge(store, m.sender_unit, checked.acks.receipt_ids, imported_at, audit)
        put_forwarded(store, m.sender_unit, m.package_id, checked.review_states)
        if checked.answers and m.kind == "quarterly":
            report.detail["answered"] = returns.apply_answers(
                store, m.sender_unit, m.package_id, checked.answers, audit)
        if merged.review_items is not None:
            merged.review_items.finish()
        if checked.audit_count:
            ex.put_foreign_audit(m.package_id, m.sender_unit, 1, checked.audit_count,
                                 checked.audit_head)
        audit.append("sync.import", "package", m.package_id, None,
                     {"kind": m.kind, "sender": m.sender_unit, "period": m.period,
                      "sequence": m.sequence, "counts": counts, "audit_chain_gap_at": gap,
                      "incomplete": checked.incomplete})
    progress(100, 100)
    return report
