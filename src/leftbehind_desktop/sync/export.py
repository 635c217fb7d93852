"""Export: a signed, encrypted ``.lbpkg`` package of this unit's records (``sync/SPEC.md``).

Qt-free; may run on a worker thread (the store's connection only from that thread);
``progress(done, total)`` is called as work advances.
"""

from __future__ import annotations

import functools
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage

from .. import __version__
from ..core import units
from ..core.dates import quarter_bounds
from ..core.forms import forms
from ..core.ids import utc_now, uuid7
from ..core.messages import UserError
from ..store.audit import AuditLog, canonical_json
from ..store.registry import Registry
from ..store.returned_items import ReturnedItems
from ..store.schema import RECORD_KINDS, SCHEMA_VERSION
from ..store.store import Store
from ..store.sync import PackageEntry, SyncStore
from . import container, receipts, review
from . import manifest as mf
from .enroll import escrow_recipients
from .errors import SyncError
from .identity import DeviceIdentity

Progress = Callable[[int, int], None]


def _noop(done: int, total: int) -> None:
    return None


def check_period(period: str) -> str:
    if not mf.PERIOD.match(period or ""):
        raise SyncError("bad_period", period=period)
    quarter_bounds(period)
    return period


@dataclass(frozen=True)
class ExportResult:
    path: Path
    package_id: str
    kind: str
    period: str
    recipient_unit: str
    sequence: int
    size: int
    record_counts: dict[str, int]
    locked_through: str | None


def _jsonl(items: list[dict[str, Any]]) -> bytes:
    return "".join(canonical_json(i) + "\n" for i in items).encode()


def _ledger_xlsx(store: Store, period: str) -> bytes:
    """The human ledger (``exports.ledger.write_ledger``), built fully in memory (never as
    plaintext in a file, not even in a RAM disk). A quarterly package never goes out
    without it: when it cannot be made, the export stops with the reason."""
    from ..exports import ledger as ledger_export  # openpyxl: loaded when a package is made

    buf = io.BytesIO()
    try:
        ledger_export.write_ledger(Registry(store), period, buf, profile="full")
    except UserError as exc:
        raise SyncError("ledger_failed", detail=exc.text("zh")) from None
    return buf.getvalue()


def export_package(store: Store, period: str, out: Path, *, kind: str = "quarterly",
                   recipient_unit: str | None = None, ledger: bool = True,
                   progress: Progress = _noop) -> ExportResult:
    """Write a signed, encrypted package. ``quarterly``: this unit's whole registry to the
    parent office (then the quarter is locked, R10). ``restore``: a village's data as this
    street holds it, to that village's (new) device."""
    check_period(period)
    ex = SyncStore(store)
    progress(0, 100)
    if kind == "quarterly":
        recipient = recipient_unit or store.setting("parent_unit") or units.parent_of(
            store.unit_code)
        if recipient is None:
            raise SyncError("no_recipient", unit="-")
        keys = ex.keys(unit_code=recipient, relation="parent", status="active")
        scope = store.unit_code
    elif kind == "restore":
        if recipient_unit is None or units.parent_of(recipient_unit) != store.unit_code:
            raise SyncError("wrong_level", unit=recipient_unit or "-")
        recipient = recipient_unit
        keys = ex.keys(unit_code=recipient, relation="child", status="active")
        scope = recipient
    else:
        raise SyncError("wrong_kind", kind=kind)
    if not keys:
        raise SyncError("no_recipient", unit=recipient)
    recipients = [k.age_recipient for k in keys] + escrow_recipients(store)

    records: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for i, rkind in enumerate(RECORD_KINDS):
        rows = list(ex.iter_records(rkind, scope))
        counts[rkind] = len(rows)
        records.extend({"kind": rkind, "record": r} for r in rows)
        progress(5 + 4 * i, 100)
    audit_events = ex.audit_events()
    unit_rows = [{"code": c, "name": n} for c, n in ex.unit_list()
                 if units.contains(scope, c) or c == store.unit_code]
    contents: dict[str, bytes] = {
        "records.jsonl": _jsonl(records),
        "audit.jsonl": _jsonl(audit_events),
        "units.jsonl": _jsonl(unit_rows),
    }
    if kind == "quarterly" and units.level_of(store.unit_code) is not units.Level.VILLAGE:
        prov = [{"package_id": p.package_id, "sender_unit": p.sender_unit,
                 "manifest": p.manifest, "minisig": p.minisig, "signing_key": p.signing_key}
                for p in ex.packages(direction="in", period=period)
                if p.kind == "quarterly" and units.contains(store.unit_code, p.sender_unit)]
        contents["provenance.jsonl"] = _jsonl(prov)
    if kind == "quarterly" and (reviewed := review.forward_member(store, period)) is not None:
        contents[review.FORWARD_MEMBER] = reviewed  # what this office reviewed (逐条审核)
    if kind == "quarterly" and (acks := receipts.ack_member(store, recipient)) is not None:
        contents[receipts.ACK_MEMBER] = acks  # the receipts imported from the recipient
    progress(45, 100)
    if ledger and kind == "quarterly":
        contents["ledger.xlsx"] = _ledger_xlsx(store, period)
    after: Callable[[str, AuditLog], object] | None = None
    if kind == "quarterly":  # the answers to items the parent office returned (退回修改)
        returned = ReturnedItems(store)
        answers = returned.answers()
        if answers:
            contents["answers.jsonl"] = _jsonl(answers)
            after = functools.partial(returned.mark_sent, answers)  # sent with the package
    progress(70, 100)
    return seal(store, kind, recipient, period, contents, recipients, out,
                record_counts=counts, audit_events=len(audit_events), progress=progress,
                after=after)


def seal(store: Store, kind: str, recipient: str, period: str, contents: dict[str, bytes],
         recipients: list[str], out: Path, *, record_counts: dict[str, int] | None = None,
         audit_events: int = 0, progress: Progress = _noop,
         after: Callable[[str, AuditLog], object] | None = None) -> ExportResult:
    """Pack ``contents`` (member name → bytes) into the payload archive, encrypt it to
    ``recipients``, sign the manifest with this device's key and write the container to
    ``out`` (atomically); then this device's sequence advances, the package is logged and
    audited (a ``quarterly`` package locks its quarter, R10) — with ``after(package_id,
    audit)`` in the same transaction. Every kind goes out here."""
    me = DeviceIdentity.of(store)
    ex = SyncStore(store)
    counts = dict(record_counts or {})
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in contents.items():
            info = zipfile.ZipInfo(name, date_time=container.DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            zf.writestr(info, data)
    payload = pyrage.encrypt(inner.getvalue(),
                             [pyrage.x25519.Recipient.from_str(r) for r in recipients])
    progress(85, 100)
    sequence = store.int_setting("sync_sequence", 0) + 1
    previous = store.setting("sync_last_manifest_sha256") or None
    raw = {
        "format": mf.FORMAT, "format_version": mf.FORMAT_VERSION, "package_id": uuid7(),
        "kind": kind,
        "sender": {"unit_code": store.unit_code, "unit_name": store.unit_name,
                   "device_id": store.device_id, "key_id": me.key_id},
        "recipient": {"unit_code": recipient,
                      "unit_name": dict(ex.unit_list()).get(recipient, recipient)},
        "period": period, "sequence": sequence, "previous_manifest_sha256": previous,
        "created_at": utc_now(),
        "payload": {"sha256": mf.sha256_hex(payload), "size": len(payload),
                    "encryption": "age-x25519", "recipients": len(recipients)},
        "contents": {n: {"size": len(d), "sha256": mf.sha256_hex(d)} for n, d in contents.items()},
        "record_counts": counts, "audit_events": audit_events,
        "schema_version": SCHEMA_VERSION,
        "forms": {f.id: f.version for f in forms().values()},
        "software": f"leftbehind-desktop {__version__}",
    }
    manifest_bytes = mf.encode(raw)
    m = mf.Manifest(raw)
    sig = me.secret.sign(manifest_bytes, mf.trusted_comment(m),
                         f"signature from {store.unit_code} key {me.key_id}")
    data = container.build(manifest_bytes, sig.encode(), payload)
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SyncError("not_a_file", detail=exc.__class__.__name__) from None
    locked = store.setting("locked_through")
    try:
        with store.transaction() as audit:
            store.set_setting("sync_sequence", str(sequence), audit)
            store.set_setting("sync_last_manifest_sha256", mf.sha256_hex(manifest_bytes), audit)
            if kind == "quarterly" and (locked is None or period > locked):
                store.set_setting("locked_through", period, audit)
                locked = period
            ex.log_package(PackageEntry(
                m.package_id, "out", kind, store.unit_code, me.key_id, recipient, period,
                sequence, mf.sha256_hex(manifest_bytes), manifest_bytes.decode(), sig,
                me.signing_key, m.created_at, utc_now(),
                {"record_counts": counts, "size": len(data)}))
            audit.append("sync.export", "package", m.package_id, None,
                         {"kind": kind, "period": period, "recipient": recipient,
                          "sequence": sequence, "record_counts": counts})
            if after is not None:
                after(m.package_id, audit)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    progress(100, 100)
    return ExportResult(out, m.package_id, kind, period, recipient, sequence, len(data), counts,
                        locked)
