"""Receipts (回执, ``sync/SPEC.md`` §10): the office that imports a quarterly package tells
its sender what became of it — received, what was accepted, what was refused and why.

A receipt is a package of kind ``receipt`` (signed manifest, age-encrypted payload with one
member ``receipt.json``; it names records and reasons, which is personal data) from the
receiving office to the sending unit. Made:

- after an import that was accepted (stored in ``receipt_out``, to be saved again later);
- after "already imported": the receipt made the first time, again (or, for a package
  imported before receipts existed, an ``already_imported`` one);
- after a refusal of a package whose signature verified: built from the refusal and only
  written to disk — a refused package changes nothing in the store, not even here.

Imported by the sender (the handler :func:`import_receipt`, dispatched by
:mod:`.incoming`): verified against the parent office's key, it fills ``receipt_in`` and
never changes a registry record; the same receipt again is a no-op. The sender's next
quarterly package lists the receipts it imported (``receipts.jsonl``), which marks them
acknowledged in the receiving office's ``receipt_out``. Qt-free.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyrage

from .. import __version__
from ..core import safejson
from ..core.dates import local_time_text, quarter_label
from ..core.forms import form
from ..core.ids import utc_now, uuid7
from ..core.messages import UserError
from ..store.audit import AuditLog, canonical_json
from ..store.receipts import ReceiptIn, ReceiptOut, ReceiptStore
from ..store.schema import RECORD_KINDS, SCHEMA_VERSION
from ..store.store import Store
from ..store.sync import SyncStore, TrustedKey
from . import container, inbound
from . import manifest as mf
from .enroll import escrow_recipients
from .errors import SyncError
from .identity import DeviceIdentity

FORMAT = "leftbehind-receipt/1"
MEMBER = "receipt.json"
ACK_MEMBER = "receipts.jsonl"
ACCEPTED, REFUSED, ALREADY = "accepted", "refused", "already_imported"
OUTCOMES = (ACCEPTED, REFUSED, ALREADY)
COUNT_KEYS = ("new", "updated", "unchanged", "conflict", "duplicate", "incomplete")
MAX_REFUSED = 2000  # refused records listed in a receipt (all are counted)
MAX_ACKS = 100_000
# refusals that say nothing about the package (this office could not read its own copy)
NOT_ABOUT_THE_PACKAGE = frozenset({"not_a_file"})
COUNT_ZH = {"new": "新增", "updated": "更新", "unchanged": "无变化", "conflict": "冲突待审核",
            "duplicate": "疑似重复", "incomplete": "待补充"}
COUNT_EN = {"new": "new", "updated": "updated", "unchanged": "unchanged",
            "conflict": "conflicts to review", "duplicate": "possible duplicates",
            "incomplete": "to complete"}


@dataclass(frozen=True)
class Receipt:
    """A receipt made here, ready to be saved (``data`` is the ``.lbpkg``)."""

    receipt_id: str
    package_id: str  # the package received
    unit_code: str
    period: str
    outcome: str
    content: dict[str, Any]
    data: bytes
    stored: bool  # kept in receipt_out (False: a refusal's receipt, written to disk only)

    def summary(self, lang: str = "zh") -> str:
        return summary_text(self.content, lang)


class _Report(Protocol):  # what :class:`sync.incoming.ImportReport` offers
    package_id: str
    kind: str
    sender_unit: str
    sender_name: str
    period: str
    sequence: int
    already_imported: bool
    imported_at: str
    counts: dict[str, int]
    incomplete: int


# == what a receipt says ====================================================================
def total_accepted(content: Mapping[str, Any]) -> int:
    counts = content.get("counts") or {}
    return sum(int(v) for k, v in counts.items() if k != "incomplete")


def summary_text(content: Mapping[str, Any], lang: str = "zh") -> str:
    """One sentence for the sender's officer: 街道已接收 N 条 / 退回 M 条（原因…）."""
    office = str(content.get("receiver", {}).get("unit_name") or "")
    if content["outcome"] == REFUSED:
        n = int(content.get("refused_count") or 0)
        reason = str(content.get("text_en" if lang == "en" else "text_zh") or "")
        if lang == "en":
            return (f"{office} refused the package" + (f": {n} records returned" if n else "")
                    + (f" ({reason})" if reason else ""))
        return (f"{office}退回了数据包" + (f"：退回 {n} 条" if n else "")
                + (f"（原因：{reason}）" if reason else ""))
    counts = content.get("counts") or {}
    n = total_accepted(content)
    labels = COUNT_EN if lang == "en" else COUNT_ZH
    parts = [f"{labels[k]} {counts[k]}" for k in COUNT_KEYS if counts.get(k)]
    if lang == "en":
        text = f"{office} received {n} records" + (f" ({', '.join(parts)})" if parts else "")
        return text + (" — a package imported before" if content["outcome"] == ALREADY else "")
    text = f"{office}已接收 {n} 条" + (f"（{'，'.join(parts)}）" if parts else "")
    return text + ("（重复报送，此前已导入）" if content["outcome"] == ALREADY else "")


def _receiver(store: Store) -> dict[str, str]:
    return {"unit_code": store.unit_code, "unit_name": store.unit_name,
            "officer": store.officer}


def _refused_items(exc: SyncError) -> tuple[list[dict[str, Any]], int]:
    items = getattr(exc, "items", None)
    if items is not None:  # InvalidRecords: every record that failed, with its reason
        out = [{"kind": i.kind, "record_id": i.record_id, "reason_code": "invalid_record",
                "text_zh": i.detail or "未通过校验",
                "text_en": "failed validation" + (f": {i.detail_en}" if i.detail_en else "")}
               for i in items[:MAX_REFUSED]]
        return out, int(exc.params.get("count", len(items)))
    if exc.code == "owned_elsewhere":
        p = exc.params
        return [{"kind": str(p.get("kind", "")), "record_id": str(p.get("record", "")),
                 "reason_code": exc.code, "text_zh": exc.text("zh"),
                 "text_en": exc.text("en")}], 1
    return [], 0


def _content(store: Store, package_id: str, sequence: int, period: str, sender_unit: str,
             received_at: str, outcome: str, counts: Mapping[str, int],
             exc: SyncError | None = None) -> dict[str, Any]:
    refused, n = _refused_items(exc) if exc is not None else ([], 0)
    content: dict[str, Any] = {
        "format": FORMAT, "package_id": package_id, "sequence": sequence, "period": period,
        "sender_unit": sender_unit, "received_at": received_at, "outcome": outcome,
        "counts": {k: int(counts.get(k, 0)) for k in COUNT_KEYS}, "refused": refused,
        "refused_count": n, "reason_code": exc.code if exc is not None else None,
        "text_zh": exc.text("zh") if exc is not None else None,
        "text_en": exc.text("en") if exc is not None else None,
        "receiver": _receiver(store)}
    return content


# == making one =============================================================================
def _build(store: Store, recipient_unit: str, recipient_name: str, period: str,
           content: dict[str, Any]) -> tuple[str, bytes]:
    """The receipt package: ``receipt.json`` encrypted to the sender unit's active devices,
    the manifest signed by this device. Receipts stand outside the package chain:
    ``sequence`` is the making time in milliseconds, ``previous_manifest_sha256`` null."""
    me = DeviceIdentity.of(store)
    keys = SyncStore(store).keys(unit_code=recipient_unit, relation="child", status="active")
    if not keys:
        raise SyncError("no_recipient", unit=recipient_unit)
    recipients = [k.age_recipient for k in keys] + escrow_recipients(store)
    body = (canonical_json(content) + "\n").encode()
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo(MEMBER, date_time=container.DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o100644 << 16
        zf.writestr(info, body)
    payload = pyrage.encrypt(inner.getvalue(),
                             [pyrage.x25519.Recipient.from_str(r) for r in recipients])
    raw = {
        "format": mf.FORMAT, "format_version": mf.FORMAT_VERSION, "package_id": uuid7(),
        "kind": "receipt",
        "sender": {"unit_code": store.unit_code, "unit_name": store.unit_name,
                   "device_id": store.device_id, "key_id": me.key_id},
        "recipient": {"unit_code": recipient_unit, "unit_name": recipient_name},
        "period": period, "sequence": time.time_ns() // 1_000_000,
        "previous_manifest_sha256": None, "created_at": utc_now(),
        "payload": {"sha256": mf.sha256_hex(payload), "size": len(payload),
                    "encryption": "age-x25519", "recipients": len(recipients)},
        "contents": {MEMBER: {"size": len(body), "sha256": mf.sha256_hex(body)}},
        "record_counts": {}, "audit_events": 0, "schema_version": SCHEMA_VERSION,
        "forms": {}, "software": f"leftbehind-desktop {__version__}",
    }
    manifest = mf.encode(raw)
    m = mf.Manifest(raw)
    sig = me.secret.sign(manifest, mf.trusted_comment(m),
                         f"receipt from {store.unit_code} key {me.key_id}")
    return m.package_id, container.build(manifest, sig.encode(), payload)


def _stored(store: Store, out: ReceiptOut) -> Receipt:
    data = ReceiptStore(store).out_data(out.receipt_id)
    assert data is not None
    return Receipt(out.receipt_id, out.package_id, out.unit_code, out.period, out.outcome,
                   dict(out.summary), data, True)


def for_import(store: Store, report: _Report) -> Receipt | None:
    """The receipt of an import that went through (accepted, or already imported): made and
    kept in ``receipt_out`` (its own transaction, after the import's). ``None`` for kinds
    other than ``quarterly``."""
    if report.kind != "quarterly":
        return None
    rs = ReceiptStore(store)
    if report.already_imported:
        known = rs.out_for_package(report.package_id)
        if known is not None:  # the receipt of the first import, once more
            return _stored(store, known)
    counts = {**report.counts, "incomplete": report.incomplete}
    outcome = ALREADY if report.already_imported else ACCEPTED
    content = _content(store, report.package_id, report.sequence, report.period,
                       report.sender_unit, report.imported_at or utc_now(), outcome, counts)
    receipt_id, data = _build(store, report.sender_unit, report.sender_name, report.period,
                              content)
    out = ReceiptOut(receipt_id, report.package_id, report.sender_unit, report.period, outcome,
                     utc_now(), content, None, None, None)
    with store.transaction() as audit:
        rs.put_out(out, data)
        audit.append("sync.receipt.make", "package", receipt_id, None,
                     {"package_id": report.package_id, "unit": report.sender_unit,
                      "period": report.period, "outcome": outcome})
    return Receipt(receipt_id, report.package_id, report.sender_unit, report.period, outcome,
                   content, data, True)


def for_refusal(store: Store, src: Path | bytes, exc: BaseException) -> Receipt | None:
    """The receipt of a refused quarterly package whose signature verified (else ``None``:
    nobody to answer). Built from the refusal; nothing is written to the store."""
    if not isinstance(exc, SyncError) or exc.code in NOT_ABOUT_THE_PACKAGE:
        return None
    try:
        opened = container.open_bytes(src) if isinstance(src, bytes) else \
            container.open_file(Path(src))
        m, _key = inbound.authenticate(store, opened)
    except SyncError:
        return None
    if m.kind != "quarterly":
        return None
    content = _content(store, m.package_id, m.sequence, m.period, m.sender_unit, utc_now(),
                       REFUSED, {}, exc)
    receipt_id, data = _build(store, m.sender_unit, m.sender_name, m.period, content)
    return Receipt(receipt_id, m.package_id, m.sender_unit, m.period, REFUSED, content, data,
                   False)


def stored_for(store: Store, package_id: str) -> Receipt | None:
    """The latest receipt kept for a received package (by its id, or the receipt's)."""
    rs = ReceiptStore(store)
    out = rs.out_for_package(package_id) or rs.out(package_id)
    return None if out is None else _stored(store, out)


def default_path(package_path: Path) -> Path:
    """Where a receipt goes by default: beside the package it answers."""
    return package_path.with_name(f"{package_path.stem}-回执.lbpkg")


def save(store: Store, receipt: Receipt, out: Path) -> Path:
    """Write the receipt file (atomically); a kept receipt remembers where it went. Raises
    :class:`SyncError` ``receipt_write`` when the file cannot be written (read-only stick,
    full disk) — the receipt stays kept, to be saved again."""
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    try:
        with tmp.open("wb") as fh:
            fh.write(receipt.data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise SyncError("receipt_write", path=str(out), detail=exc.__class__.__name__) from None
    if receipt.stored:
        with store.transaction() as audit:
            ReceiptStore(store).set_saved(receipt.receipt_id, str(out), utc_now())
            audit.append("sync.receipt.save", "package", receipt.receipt_id, None,
                         {"package_id": receipt.package_id, "unit": receipt.unit_code})
    return out


@dataclass
class Written:
    """A receipt and where it went (``path``) or why not (``error``); ``receipt`` is None
    when it could not be made at all (the import stands all the same)."""

    receipt: Receipt | None
    path: Path | None = None
    error: SyncError | None = None


def write(store: Store, receipt: Receipt, out: Path) -> Written:
    try:
        return Written(receipt, save(store, receipt, out))
    except SyncError as exc:
        return Written(receipt, None, exc)


def answer_import(store: Store, report: _Report, out: Path | None) -> Written | None:
    """After an import that went through: its receipt made, kept and written to ``out``
    (``None``: kept only). Never raises for the receipt's sake: the import stands."""
    try:
        receipt = for_import(store, report)
    except UserError as exc:  # e.g. the sender has no active device any more, a full disk
        return Written(None, None, SyncError("receipt_failed", detail=exc.text("zh"),
                                             detail_en=exc.text("en")))
    if receipt is None:
        return None
    return write(store, receipt, out) if out is not None else Written(receipt)


def answer_refusal(store: Store, src: Path | bytes, exc: BaseException,
                   out: Path) -> Written | None:
    """After a refused import: its receipt (when the package authenticated) written to
    ``out`` — and nowhere else."""
    try:
        receipt = for_refusal(store, src, exc)
    except UserError as err:
        return Written(None, None, SyncError("receipt_failed", detail=err.text("zh"),
                                             detail_en=err.text("en")))
    return None if receipt is None else write(store, receipt, out)


# == importing one (the sender) =============================================================
def _bad(detail: str) -> SyncError:
    return SyncError("bad_receipt", detail=detail)


def _is_count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def parse_content(data: bytes) -> dict[str, Any]:
    """``receipt.json``: canonical JSON and a newline, every field of its kind."""
    try:
        raw = safejson.loads(data, max_depth=8)
    except safejson.JsonLimitError as exc:
        raise _bad(str(exc)) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _bad("不是回执 / not a receipt")
    if (canonical_json(raw) + "\n").encode() != data:
        raise _bad("不是规范JSON / not canonical JSON")

    def need(cond: bool, what: str) -> None:
        if not cond:
            raise _bad(what)

    need(isinstance(raw.get("package_id"), str) and bool(mf.UUID7.match(raw["package_id"])),
         "package_id")
    need(_is_count(raw.get("sequence")), "sequence")
    need(isinstance(raw.get("period"), str) and bool(mf.PERIOD.match(raw["period"])), "period")
    need(isinstance(raw.get("sender_unit"), str), "sender_unit")
    need(isinstance(raw.get("received_at"), str) and len(raw["received_at"]) <= 64,
         "received_at")
    need(raw.get("outcome") in OUTCOMES, "outcome")
    counts = raw.get("counts")
    need(isinstance(counts, dict) and set(counts) <= set(COUNT_KEYS)
         and all(_is_count(v) for v in counts.values()), "counts")
    refused = raw.get("refused")
    need(isinstance(refused, list) and all(
        isinstance(r, dict) and set(r) == {"kind", "record_id", "reason_code", "text_zh",
                                           "text_en"}
        and all(isinstance(v, str) for v in r.values()) and r["kind"] in (*RECORD_KINDS, "")
        for r in refused), "refused")
    need(_is_count(raw.get("refused_count")), "refused_count")
    for key in ("reason_code", "text_zh", "text_en"):
        need(raw.get(key) is None or isinstance(raw.get(key), str), key)
    receiver = raw.get("receiver")
    need(isinstance(receiver, dict) and all(isinstance(receiver.get(k), str)
                                            for k in ("unit_code", "unit_name", "officer")),
         "receiver")
    return raw


def import_receipt(store: Store, opener: inbound.Opener, opened: container.Opened,
                   m: mf.Manifest, key: TrustedKey, write: bool) -> inbound.Handled:
    """The handler of kind ``receipt`` (sender and signature already verified): the same
    receipt again is a no-op; it must be addressed here, answer a quarterly package this
    office sent to that office for that quarter; then one row in ``receipt_in``."""
    rs = ReceiptStore(store)
    known = rs.in_(m.package_id)
    if known is not None:
        when = local_time_text(known.imported_at)
        return inbound.Handled(
            m.package_id, m.kind, m.sender_unit, m.sender_name, m.period, m.sequence,
            f"该回执已于{when}导入过，本次未做任何修改。" + summary_text(known.content),
            f"This receipt was already imported on {local_time_text(known.imported_at, 'en')}; "
            "nothing was changed. " + summary_text(known.content, "en"),
            already_imported=True, imported_at=known.imported_at,
            detail={"receipt": known.content})
    members = inbound.read_small(store, opener, opened, m)
    content = parse_content(members[MEMBER])
    ours = SyncStore(store).package(content["package_id"])
    if (ours is None or ours.direction != "out" or ours.kind != "quarterly"
            or ours.recipient_unit != m.sender_unit or ours.period != m.period
            or content["period"] != m.period or content["sender_unit"] != store.unit_code
            or content["receiver"]["unit_code"] != m.sender_unit):
        raise SyncError("receipt_unknown_package", period=quarter_label(m.period),
                        sender=m.sender_name)
    label_zh, label_en = quarter_label(m.period), quarter_label(m.period, "en")
    text_zh = f"已导入{label_zh}第{ours.sequence}号数据包的回执：" + summary_text(content)
    text_en = (f"Imported the receipt for the {label_en} package no. {ours.sequence}: "
               + summary_text(content, "en"))
    imported_at = utc_now()
    if not write:
        return inbound.Handled(m.package_id, m.kind, m.sender_unit, m.sender_name, m.period,
                               m.sequence, "回执有效（尚未导入）：" + summary_text(content),
                               "The receipt is valid (not imported yet): "
                               + summary_text(content, "en"), detail={"receipt": content})
    row = ReceiptIn(m.package_id, content["package_id"], m.sender_unit, m.period,
                    content["outcome"], m.created_at, imported_at, content)
    with store.transaction() as audit:
        rs.put_in(row, opened.manifest.decode(), opened.signature.decode())
        audit.append("sync.receipt.import", "package", m.package_id, None,
                     {"package_id": content["package_id"], "sender": m.sender_unit,
                      "period": m.period, "outcome": content["outcome"]})
    return inbound.Handled(m.package_id, m.kind, m.sender_unit, m.sender_name, m.period,
                           m.sequence, text_zh, text_en, imported_at=imported_at,
                           detail={"receipt": content})


# == acknowledgement (the sender's next package lists the receipts it imported) =============
def ack_member(store: Store, recipient_unit: str) -> bytes | None:
    """``receipts.jsonl`` of a quarterly package to ``recipient_unit``: one line per receipt
    imported from it, ``{receipt_id, package_id, imported_at}``; ``None`` when there is none."""
    rows = ReceiptStore(store).ins(sender_unit=recipient_unit)
    if not rows:
        return None
    return "".join(canonical_json({"receipt_id": r.receipt_id, "package_id": r.package_id,
                                   "imported_at": r.imported_at}) + "\n"
                   for r in rows).encode()


_ACK_KEYS = frozenset(("receipt_id", "package_id", "imported_at"))


@dataclass
class AckLines:
    """``receipts.jsonl`` read line by line (a :class:`sync.stream.Lines` handler)."""

    receipt_ids: list[str] = field(default_factory=list)

    def line(self, n: int, line: bytes) -> None:
        try:
            item = safejson.loads_line(line)
        except safejson.JsonLimitError as exc:
            raise SyncError("bad_line", member=ACK_MEMBER, line=n, detail=str(exc)) from None
        if (type(item) is not dict or item.keys() != _ACK_KEYS
                or not all(isinstance(v, str) for v in item.values())
                or not mf.UUID7.match(item["receipt_id"])):
            raise SyncError("bad_line", member=ACK_MEMBER, line=n,
                            detail="需要receipt_id、package_id、imported_at / needs receipt_id, "
                                   "package_id, imported_at")
        if len(self.receipt_ids) >= MAX_ACKS:
            raise SyncError("bad_line", member=ACK_MEMBER, line=n, detail="行数过多 / too many")
        self.receipt_ids.append(item["receipt_id"])


def acknowledge(store: Store, sender_unit: str, receipt_ids: Sequence[str], at: str,
                audit: AuditLog) -> list[str]:
    """Inside an import's transaction: the receipts to ``sender_unit`` its package lists are
    acknowledged (ids this office never wrote are ignored)."""
    if not receipt_ids:
        return []
    marked = ReceiptStore(store).acknowledge(sender_unit, receipt_ids, at)
    if marked:
        audit.append("sync.receipt.ack", "package", None, None,
                     {"unit": sender_unit, "receipts": marked})
    return marked


# == what the screens show ==================================================================
def last_received(store: Store) -> dict[str, ReceiptIn]:
    """Per quarter, the newest receipt imported (by the time it was made)."""
    out: dict[str, ReceiptIn] = {}
    for r in ReceiptStore(store).ins():
        if r.period not in out or r.made_at >= out[r.period].made_at:
            out[r.period] = r
    return out


@dataclass(frozen=True)
class QuarterReceipt:
    """A quarter this office sent packages for: the last receipt about it (or none), and
    whether the newest package of that quarter is still unanswered."""

    period: str
    receipt: ReceiptIn | None
    newest_sequence: int  # the newest package sent for the quarter
    newest_answered: bool


def quarters(store: Store, limit: int = 4) -> list[QuarterReceipt]:
    """The last ``limit`` quarters with a quarterly package sent from here, newest first."""
    sent: dict[str, tuple[int, str]] = {}
    for p in SyncStore(store).packages(direction="out"):
        if p.kind == "quarterly" and (p.period not in sent or p.sequence > sent[p.period][0]):
            sent[p.period] = (p.sequence, p.package_id)
    last = last_received(store)
    answered = {r.package_id for r in ReceiptStore(store).ins()}
    return [QuarterReceipt(period, last.get(period), seq, pid in answered)
            for period, (seq, pid) in sorted(sent.items(), reverse=True)[:limit]]


def record_names(store: Store, content: Mapping[str, Any]) -> dict[str, str]:
    """Record id → the name of the child it belongs to, for the refused records this office
    holds (its own records: a receipt comes back to the office that sent them)."""
    ex = SyncStore(store)
    names: dict[str, str] = {}
    by_kind: dict[str, list[str]] = {}
    for r in content.get("refused", []):
        if r["kind"] in RECORD_KINDS:
            by_kind.setdefault(r["kind"], []).append(r["record_id"])
    child_of: dict[str, str] = {}
    for kind, ids in by_kind.items():
        for rid, rec in ex.existing(kind, ids).items():
            child_of[rid] = rid if kind == "child" else str(rec.get("child_id") or "")
    children = ex.existing("child", sorted({c for c in child_of.values() if c}))
    for rid, cid in child_of.items():
        if cid in children:
            names[rid] = str(children[cid].get("name") or "")
    return names


def refused_lines(content: Mapping[str, Any], names: Mapping[str, str],
                  lang: str = "zh", limit: int = 5) -> list[str]:
    """The refused records, one line each (the child's name where this office has it)."""
    lines = []
    for r in content.get("refused", [])[:limit]:
        who = names.get(r["record_id"], "")
        title = form(r["kind"]).title(lang) if r["kind"] in RECORD_KINDS else ""
        text = r["text_en"] if lang == "en" else r["text_zh"]
        lines.append(" ".join(p for p in (who, title, text) if p))
    return lines


RECEIPT_STATES = ("none", "made", "written", "acknowledged")
STATE_ZH = {"none": "未生成", "made": "已生成未写出", "written": "已写出待确认",
            "acknowledged": "已确认"}
STATE_EN = {"none": "not made", "made": "made, not saved", "written": "written, awaiting "
            "acknowledgement", "acknowledged": "acknowledged"}


def out_state(out: ReceiptOut | None) -> str:
    if out is None:
        return "none"
    if out.acknowledged_at:
        return "acknowledged"
    return "written" if out.saved_to else "made"


def unit_states(store: Store, period: str) -> dict[str, tuple[str, ReceiptOut | None]]:
    """Per unit that sent a quarterly package for ``period``: the state of the receipt of
    its newest package (未生成 / 已生成未写出 / 已写出待确认 / 已确认) and that receipt."""
    ex = SyncStore(store)
    newest: dict[str, str] = {}
    for p in ex.packages(direction="in", period=period):
        if p.kind == "quarterly":
            newest[p.sender_unit] = p.package_id
    rs = ReceiptStore(store)
    states: dict[str, tuple[str, ReceiptOut | None]] = {}
    for unit, package_id in newest.items():
        out = rs.out_for_package(package_id)
        states[unit] = (out_state(out), out)
    return states
