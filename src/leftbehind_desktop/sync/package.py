"""Build, verify and import ``.lbpkg`` packages (the format is specified in ``sync/SPEC.md``).

Import order (DESIGN §7): bounded read of the container and manifest → signature by a
trusted key enrolled for the claimed unit → sequence / rollback / replay → recipient →
payload hash → decrypt → bounded parse → validate → merge in ONE transaction → report.
Nothing is written before every check passed.

All functions are Qt-free and may run on a worker thread (the store's connection must be
used only from that thread); ``progress(done, total)`` is called as work advances.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import io
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyrage

from .. import __version__
from ..core import units
from ..core.dates import quarter_bounds
from ..core.forms import form, forms
from ..core.ids import utc_now, uuid7
from ..store.audit import EVENT_FIELDS, GENESIS, canonical_json, event_hash
from ..store.exchange import Exchange, PackageEntry, TrustedKey
from ..store.schema import RECORD_KINDS, SCHEMA_VERSION, record_columns
from ..store.store import Store
from . import container, fastcheck
from . import manifest as mf
from .enroll import escrow_recipients
from .errors import SyncError
from .identity import DeviceIdentity
from .merge import NEW, OUTCOME_EN, OUTCOME_ZH, REJECTED, ReportItem, check_owners, plan_merge
from .merge import area as merge_area
from .minisign import MinisignError, PublicKey

Progress = Callable[[int, int], None]
MAX_LINE = 1024 * 1024
META_KEYS = frozenset(("id", "unit_code", "created_at", "updated_at", "updated_by", "version",
                       "deleted", "amendment_reason", "child_id"))


class InvalidRecords(SyncError):
    """Records failed validation: the whole package is refused; ``items`` says which."""

    def __init__(self, items: list[ReportItem]):
        super().__init__("invalid_records", count=len(items))
        self.items = items


def _noop(done: int, total: int) -> None:
    return None


def check_period(period: str) -> str:
    if not mf.PERIOD.match(period or ""):
        raise SyncError("bad_period", period=period)
    quarter_bounds(period)
    return period


# == export ==================================================================================
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


def _ledger_xlsx(store: Store, period: str) -> bytes | None:
    """The human ledger from ``exports.ledger.write_ledger``, built fully in memory (never
    as plaintext in a file, not even in a RAM disk). Without the exports module or when
    the ledger cannot be made, the package goes without it (the manifest's ``contents``
    says)."""
    try:
        module = importlib.import_module("leftbehind_desktop.exports.ledger")
    except ImportError:
        return None
    write_ledger = getattr(module, "write_ledger", None)
    if write_ledger is None:
        return None
    from ..core.messages import UserError
    from ..store.registry import Registry

    buf = io.BytesIO()
    try:
        write_ledger(Registry(store), period, buf, profile="full")
    except (UserError, ValueError, OSError, TypeError, AttributeError):
        return None
    return buf.getvalue() or None


def export_package(store: Store, period: str, out: Path, *, kind: str = "quarterly",
                   recipient_unit: str | None = None, ledger: bool = True,
                   progress: Progress = _noop) -> ExportResult:
    """Write a signed, encrypted package. ``quarterly``: this unit's whole registry to the
    parent office (then the quarter is locked, R10). ``restore``: a village's data as this
    street holds it, to that village's (new) device."""
    check_period(period)
    me = DeviceIdentity.of(store)
    ex = Exchange(store)
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
    progress(45, 100)
    if ledger and kind == "quarterly":
        xlsx = _ledger_xlsx(store, period)
        if xlsx is not None:
            contents["ledger.xlsx"] = xlsx
    progress(70, 100)
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
        "record_counts": counts, "audit_events": len(audit_events),
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
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    progress(100, 100)
    return ExportResult(out, m.package_id, kind, period, recipient, sequence, len(data), counts,
                        locked)


# == reading (no store needed) ===============================================================
def open_payload(plain: bytes, m: mf.Manifest) -> dict[str, bytes]:
    """Bounded parse of the decrypted payload archive against the manifest's contents."""
    declared = m.contents
    try:
        zf = zipfile.ZipFile(io.BytesIO(plain))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SyncError("bad_payload", detail="不是ZIP / not a zip") from None
    names = [i.filename for i in infos]
    if len(names) != len(set(names)) or set(names) != set(declared):
        raise SyncError("bad_payload", detail="文件清单与清单不符 / members differ from manifest")
    out: dict[str, bytes] = {}
    for info in infos:
        want = int(declared[info.filename]["size"])
        if info.file_size > want:
            raise SyncError("bomb")
        buf = bytearray()
        try:
            with zf.open(info) as fh:
                while chunk := fh.read(1 << 20):
                    buf += chunk
                    if len(buf) > want:
                        raise SyncError("bomb")
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise SyncError("bad_payload", detail=f"{info.filename} 已损坏 / damaged") from None
        data = bytes(buf)
        if len(data) != want or mf.sha256_hex(data) != declared[info.filename]["sha256"]:
            raise SyncError("bad_payload", detail=f"{info.filename} 与清单不符 / differs")
        out[info.filename] = data
    return out


# the scanner json.loads runs (set on each decoder in its __init__)
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().__dict__["scan_once"]


def _raw_member(archive: bytes, name: str) -> bytes | None:
    """The raw deflate stream of a member of an (already checked) archive, or None.
    Only an optimisation: whoever uses it checks that it decompresses to the member."""
    try:
        info = zipfile.ZipFile(io.BytesIO(archive)).getinfo(name)
        if info.compress_type != zipfile.ZIP_DEFLATED:
            return None
        head = archive[info.header_offset:info.header_offset + 30]
        if len(head) != 30 or head[:4] != b"PK\x03\x04":
            return None
        start = info.header_offset + 30 + int.from_bytes(head[26:28], "little") + \
            int.from_bytes(head[28:30], "little")
        raw = archive[start:start + info.compress_size]
        return raw if len(raw) == info.compress_size else None
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return None


def _lines(data: bytes, member: str) -> list[dict[str, Any]]:
    """The JSON objects of a JSON Lines member, one ``json.loads`` per line.

    Exactly the result of ``json.loads`` on each line's bytes (what the format says); the
    text is decoded once, and lines whose bytes ``json.loads`` would not read as plain
    UTF-8 (a BOM, NUL bytes, lone surrogates) take the bytes path."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _lines_of_bytes(data, member)
    out: list[dict[str, Any]] = []
    append, loads, quarter = out.append, json.loads, MAX_LINE // 4
    scan = _SCAN  # what json.loads runs; the usual line needs nothing more
    for n, line in enumerate(text.split("\n"), start=1):
        if not line:
            continue
        if len(line) > quarter and len(line.encode()) > MAX_LINE:
            raise SyncError("bad_line", member=member, line=n, detail="行过长 / line too long")
        try:
            if line[0] in "\x00\ufeff" or line[1:2] == "\x00":
                item = loads(line.encode())
            else:
                try:
                    item, end = scan(line, 0)
                except (StopIteration, ValueError):
                    end = -1
                if end != len(line):  # whitespace around it, or not JSON: as json.loads
                    item = loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise SyncError("bad_line", member=member, line=n,
                            detail="不是JSON / not JSON") from None
        if type(item) is not dict:
            raise SyncError("bad_line", member=member, line=n,
                            detail="不是对象 / not an object")
        append(item)
    if data and not data.endswith(b"\n"):
        raise SyncError("bad_line", member=member, line=data.count(b"\n") + 1,
                        detail="缺少换行 / no final newline")
    return out


def _lines_of_bytes(data: bytes, member: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n, line in enumerate(data.split(b"\n"), start=1):
        if not line:
            continue
        if len(line) > MAX_LINE:
            raise SyncError("bad_line", member=member, line=n, detail="行过长 / line too long")
        try:
            item = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise SyncError("bad_line", member=member, line=n,
                            detail="不是JSON / not JSON") from None
        if not isinstance(item, dict):
            raise SyncError("bad_line", member=member, line=n,
                            detail="不是对象 / not an object")
        out.append(item)
    if data and not data.endswith(b"\n"):
        raise SyncError("bad_line", member=member, line=data.count(b"\n") + 1,
                        detail="缺少换行 / no final newline")
    return out


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


def verify_audit(events: list[dict[str, Any]]) -> None:
    """The sender's audit chain: consecutive seq from 1, each ``prev_hash`` the hash
    before it, each hash recomputed — one pass."""
    prev, expected = GENESIS, 1
    for e in events:
        if not all(k in e for k in _EVENT_KEYS):
            raise SyncError("audit_broken", seq=expected, reason="fields")
        if e["seq"] != expected:
            raise SyncError("audit_broken", seq=expected, reason="missing")
        if e["prev_hash"] != prev or _event_hash(prev, e) != e["hash"]:
            raise SyncError("audit_broken", seq=e["seq"], reason="hash")
        prev, expected = e["hash"], expected + 1


@dataclass
class Checked:
    """A package that passed every check (nothing written yet)."""

    manifest: mf.Manifest
    manifest_bytes: bytes
    minisig: str
    key: TrustedKey
    contents: dict[str, bytes]
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    audit: list[dict[str, Any]] = field(default_factory=list)
    units: list[tuple[str, str]] = field(default_factory=list)
    provenance: list[dict[str, str]] = field(default_factory=list)
    rejected: list[ReportItem] = field(default_factory=list)
    records_deflated: bytes | None = None  # records.jsonl as compressed in the payload


_META_TEXT = ("created_at", "updated_at", "updated_by")


def _problems(kind: str, rec: dict[str, Any], allowed: frozenset[str], child_ids: dict[str, str],
              today: date) -> list[str]:
    """Why a record is refused (empty: it is valid) — the full, exact check."""
    problems: list[str] = []
    extra = set(rec) - allowed
    missing = allowed - set(rec)
    if extra:
        problems.append(f"未知字段 {sorted(extra)[0]}")
    if missing:
        problems.append(f"缺少字段 {sorted(missing)[0]}")
    v = rec.get("version")
    if not isinstance(v, int) or isinstance(v, bool) or v < 1:
        problems.append("版本号无效")
    if not isinstance(rec.get("deleted"), bool):
        problems.append("删除标记无效")
    for meta in _META_TEXT:
        if not isinstance(rec.get(meta), str):
            problems.append(f"{meta}无效")
    if not (rec.get("amendment_reason") is None or isinstance(rec.get("amendment_reason"), str)):
        problems.append("更正原因无效")
    f = form(kind)
    if f.parent == "child" and not (isinstance(rec.get("child_id"), str)
                                    and rec["child_id"] in child_ids):
        problems.append("所属儿童不在数据包中")
    elif f.parent == "child" and child_ids[rec["child_id"]] != rec.get("unit_code"):
        problems.append("所属单位与儿童的单位不同")
    if not problems:
        values = {fd.name: rec.get(fd.name) for fd in f.fields}
        problems.extend(e.text("zh") for e in f.validate(values, today) if not e.warning)
    return problems


def _validate_records(items: list[dict[str, Any]], m: mf.Manifest, scope_ok: Callable[[str], bool],
                      today: date, progress: Callable[[int], None]) -> tuple[
                          dict[str, list[dict[str, Any]]], list[ReportItem]]:
    """Every record checked once. The usual valid record passes a precompiled check
    (:mod:`.fastcheck`); any other gets the full check and its exact reasons."""
    by_kind: dict[str, list[dict[str, Any]]] = {k: [] for k in RECORD_KINDS}
    rejected: list[ReportItem] = []
    allowed = {k: frozenset(record_columns(form(k))) - {"name_initials"} for k in RECORD_KINDS}
    fast = {k: fastcheck.checker(form(k), today) for k in RECORD_KINDS}
    needs_child = {k: form(k).parent == "child" for k in RECORD_KINDS}
    child_ids: dict[str, str] = {}  # child id → its unit
    seen: dict[str, set[str]] = {k: set() for k in RECORD_KINDS}
    units_ok: set[str] = set()  # unit codes that passed the format and scope checks
    item_keys = frozenset(("kind", "record"))
    for n, item in enumerate(items, start=1):
        kind, rec = item.get("kind"), item.get("record")
        if type(kind) is not str or kind not in allowed or type(rec) is not dict \
                or item.keys() != item_keys:
            raise SyncError("bad_line", member="records.jsonl", line=n,
                            detail="需要kind和record / needs kind and record")
        rid = rec.get("id")
        unit = rec.get("unit_code")
        if not isinstance(rid, str) or not 0 < len(rid) <= 64:
            raise SyncError("bad_line", member="records.jsonl", line=n,
                            detail="缺少id或unit_code / missing id or unit_code")
        if type(unit) is not str or unit not in units_ok:
            if not isinstance(unit, str) or not units.is_unit_code(unit):
                raise SyncError("bad_line", member="records.jsonl", line=n,
                                detail="缺少id或unit_code / missing id or unit_code")
            if not scope_ok(unit):
                raise SyncError("record_outside", unit=unit, sender=m.sender_unit)
            units_ok.add(unit)
        if rid in seen[kind]:
            raise SyncError("bad_line", member="records.jsonl", line=n,
                            detail="记录id重复 / duplicate record id")
        seen[kind].add(rid)
        if kind == "child":
            child_ids[rid] = unit  # a rejected child: report only the child, not its records
        # the usual record: exactly the expected keys (so rec[...] cannot fail), plain types
        if (rec.keys() == allowed[kind] and type(v := rec["version"]) is int and v >= 1
                and type(rec["deleted"]) is bool and type(rec["created_at"]) is str
                and type(rec["updated_at"]) is str and type(rec["updated_by"]) is str
                and ((a := rec["amendment_reason"]) is None or type(a) is str)
                and (not needs_child[kind] or (type(c := rec["child_id"]) is str
                                               and child_ids.get(c) == unit))
                and fast[kind](rec)):
            by_kind[kind].append(rec)
        else:
            problems = _problems(kind, rec, allowed[kind], child_ids, today)
            if problems:
                rejected.append(ReportItem(kind, rid, rec.get("child_id") if isinstance(
                    rec.get("child_id"), str) else None, unit, REJECTED, "；".join(problems[:3])))
                continue
            by_kind[kind].append(rec)
        if n % 5000 == 0:
            progress(n)
    for kind, declared in m.record_counts.items():
        actual = len(by_kind[kind]) + sum(1 for r in rejected if r.kind == kind)
        if actual != declared:
            raise SyncError("count_mismatch", kind=kind, declared=declared, actual=actual)
    return by_kind, rejected


def area_of(m: mf.Manifest, own: str) -> Callable[[str], bool]:
    return merge_area(m.kind, m.sender_unit, own)


def check_package(store: Store, data: bytes, progress: Progress = _noop,
                  today: date | None = None) -> Checked | PackageEntry:
    """Every check of DESIGN §7 in order. Returns the checked package, or the package-log
    entry when this exact package was imported before. Raises :class:`SyncError`."""
    today = today or date.today()
    progress(0, 100)
    box = container.open_container(data)
    m = mf.parse(box.manifest)
    ex = Exchange(store)
    own = store.unit_code
    # who may send what to us
    if m.kind == "quarterly":
        if units.parent_of(m.sender_unit) != own:
            raise SyncError("outside_area", unit=m.sender_unit, own=own)
        relation = "child"
    elif m.kind == "restore":
        if m.sender_unit != units.parent_of(own):
            raise SyncError("outside_area", unit=m.sender_unit, own=own)
        relation = "parent"
    else:
        raise SyncError("wrong_kind", kind=m.kind)
    key = ex.key(m.sender_key_id)
    if key is None:
        raise SyncError("unknown_key", key_id=m.sender_key_id)
    if key.unit_code != m.sender_unit or key.relation != relation:
        raise SyncError("other_unit_key", key_id=key.key_id, key_unit=key.unit_code,
                        unit=m.sender_unit)
    if key.status != "active":
        raise SyncError("revoked_key", key_id=key.key_id)
    try:
        comment = PublicKey.parse(key.signing_key).verify(box.manifest,
                                                          box.signature.decode("utf-8"))
    except (MinisignError, UnicodeDecodeError):
        raise SyncError("bad_signature") from None
    if comment != mf.trusted_comment(m):
        raise SyncError("bad_signature")
    progress(10, 100)
    # sequence, replay, rollback
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
    # payload
    if len(box.payload) > m.payload_size:
        raise SyncError("member_too_large", name=container.PAYLOAD, actual=len(box.payload),
                        declared=m.payload_size)
    if len(box.payload) != m.payload_size or mf.sha256_hex(box.payload) != m.payload_sha256:
        raise SyncError("payload_hash")
    me = DeviceIdentity.of(store)
    try:
        plain = pyrage.decrypt(box.payload, [me.age_identity])
    except Exception:  # pyrage.DecryptError and friends
        raise SyncError("decrypt_failed") from None
    progress(25, 100)
    contents = open_payload(plain, m)
    checked = Checked(m, box.manifest, box.signature.decode(), key, contents)
    checked.records_deflated = _raw_member(plain, "records.jsonl")
    del plain
    items = _lines(contents["records.jsonl"], "records.jsonl")
    progress(35, 100)
    scope_ok = area_of(m, own)
    total = max(len(items), 1)
    checked.records, checked.rejected = _validate_records(
        items, m, scope_ok, today, lambda n: progress(35 + 30 * n // total, 100))
    if checked.rejected:
        raise InvalidRecords(checked.rejected)
    check_owners(ex, checked.records, m.sender_unit, scope_ok)
    checked.audit = _lines(contents.get("audit.jsonl", b""), "audit.jsonl")
    verify_audit(checked.audit)
    for u in _lines(contents.get("units.jsonl", b""), "units.jsonl"):
        code, name = u.get("code"), u.get("name")
        if isinstance(code, str) and isinstance(name, str) and units.is_unit_code(code) and (
                units.contains(m.sender_unit, code) or units.contains(own, code)):
            checked.units.append((code, name[:100]))
    for n, p in enumerate(_lines(contents.get("provenance.jsonl", b""), "provenance.jsonl"), 1):
        checked.provenance.append(_check_provenance(p, m, n))
    progress(70, 100)
    return checked


def _check_provenance(p: Mapping[str, Any], m: mf.Manifest, line: int) -> dict[str, str]:
    """An incorporated village package: its manifest must verify with the key given."""
    try:
        inner = mf.parse(str(p["manifest"]).encode())
        pub = PublicKey.parse(str(p["signing_key"]))
        comment = pub.verify(str(p["manifest"]).encode(), str(p["minisig"]))
    except (KeyError, MinisignError, SyncError):
        raise SyncError("bad_line", member="provenance.jsonl", line=line,
                        detail="村级数据包签名无效 / village package signature invalid") from None
    if comment != mf.trusted_comment(inner) or pub.key_id_text != inner.sender_key_id or \
            not units.contains(m.sender_unit, inner.sender_unit) or \
            inner.package_id != str(p.get("package_id")):
        raise SyncError("bad_line", member="provenance.jsonl", line=line,
                        detail="村级数据包不属于发送单位 / not the sender's village")
    return {"package_id": inner.package_id, "sender_unit": inner.sender_unit,
            "manifest": str(p["manifest"]), "minisig": str(p["minisig"]),
            "signing_key": str(p["signing_key"])}


# == import ==================================================================================
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
    items: list[ReportItem] = field(default_factory=list)
    chain_gap_at: int | None = None  # the sender's audit chain does not extend the last one

    def headline(self, lang: str = "zh") -> str:
        if self.already_imported:
            return SyncError("already_imported", package_id=self.package_id[:8],
                             when=self.imported_at[:19]).text(lang)
        labels = OUTCOME_EN if lang == "en" else OUTCOME_ZH
        parts = [f"{labels[k]} {v}" for k, v in self.counts.items() if v]
        if lang == "en":
            text = (f"Imported package {self.package_id[:8]} from {self.sender_name} "
                    f"({self.sender_unit}), {self.period}, no. {self.sequence}: "
                    + ", ".join(parts))
            if self.chain_gap_at is not None:
                text += (f". Note: its audit history does not continue the one received last "
                         f"time (from event {self.chain_gap_at}); history may have been rewritten "
                         f"or the laptop restored from an old backup — check with the sender")
            return text
        text = (f"已导入{self.sender_name}（{self.sender_unit}）{self.period}第{self.sequence}号"
                f"数据包 {self.package_id[:8]}：" + "，".join(parts))
        if self.chain_gap_at is not None:
            text += (f"。注意：该单位的审计记录与上次接收的不连续（自第{self.chain_gap_at}条起），"
                     f"可能被改写或从旧备份恢复过，请与该单位核实")
        return text

    def notable(self) -> list[ReportItem]:
        return [i for i in self.items if i.outcome not in (NEW, "unchanged")]

    def as_dict(self) -> dict[str, Any]:
        return {"package_id": self.package_id, "kind": self.kind,
                "sender_unit": self.sender_unit, "sender_name": self.sender_name,
                "period": self.period, "sequence": self.sequence,
                "already_imported": self.already_imported, "imported_at": self.imported_at,
                "counts": self.counts, "message": self.headline("zh"),
                "audit_chain_gap_at": self.chain_gap_at,
                "items": [i.as_dict() for i in self.notable()]}


def _report_of(entry: PackageEntry) -> ImportReport:
    m = mf.Manifest(json.loads(entry.manifest))
    return ImportReport(entry.package_id, entry.kind, entry.sender_unit, m.sender_name,
                        entry.period, entry.sequence, True, entry.processed_at,
                        dict(entry.summary.get("counts", {})))


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Reading a package makes hundreds of thousands of small dicts and no reference
    cycles; the cyclic collector would walk all of them again and again while they are
    made (the import became several times slower at street scale). Reference counting
    still frees everything; the collector runs again afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def verify_package(store: Store, path: Path, progress: Progress = _noop,
                   today: date | None = None) -> ImportReport:
    """Run every check (including decryption and validation) without importing."""
    with _no_cyclic_gc():
        return _verify_package(store, path, progress, today)


def _verify_package(store: Store, path: Path, progress: Progress,
                    today: date | None) -> ImportReport:
    result = check_package(store, container.read_bytes(Path(path)), progress, today)
    if isinstance(result, PackageEntry):
        return _report_of(result)
    m = result.manifest
    counts = {kind: len(rows) for kind, rows in result.records.items()}
    progress(100, 100)
    return ImportReport(m.package_id, m.kind, m.sender_unit, m.sender_name, m.period,
                        m.sequence, counts=counts)


def import_package(store: Store, path: Path, progress: Progress = _noop,
                   today: date | None = None) -> ImportReport:
    """Verify, check, decrypt, validate and merge a package in ONE transaction."""
    with _no_cyclic_gc():
        return _import_package(store, path, progress, today)


def _import_package(store: Store, path: Path, progress: Progress,
                    today: date | None) -> ImportReport:
    result = check_package(store, container.read_bytes(Path(path)), progress, today)
    if isinstance(result, PackageEntry):
        return _report_of(result)
    m = result.manifest
    ex = Exchange(store)
    total = max(sum(len(v) for v in result.records.values()), 1)
    merged = plan_merge(ex, result.records, m.package_id, m.sender_unit, store.device_id,
                        lambda n: progress(70 + 15 * n // total, 100))
    merged.plan.units = result.units
    counts = {k: 0 for k in OUTCOME_ZH}
    for item in merged.items:
        counts[item.outcome] += 1
    report = ImportReport(m.package_id, m.kind, m.sender_unit, m.sender_name, m.period,
                          m.sequence, counts=counts, items=merged.items, imported_at=utc_now())
    report.chain_gap_at = _chain_gap(ex.last_foreign_head(m.sender_unit), result.audit)
    notable = [i.as_dict() for i in report.notable()[:2000]]
    with store.transaction() as audit:
        ex.apply(merged.plan, audit)
        ex.log_package(PackageEntry(
            m.package_id, "in", m.kind, m.sender_unit, m.sender_key_id, m.recipient_unit,
            m.period, m.sequence, mf.sha256_hex(result.manifest_bytes),
            result.manifest_bytes.decode(), result.minisig, result.key.signing_key,
            m.created_at, report.imported_at,
            {"counts": counts, "items": notable, "record_counts": m.record_counts}))
        ex.put_snapshot(m.sender_unit, m.package_id, result.contents["records.jsonl"],
                        deflated=result.records_deflated)
        if result.provenance:
            ex.put_provenance(m.package_id, result.provenance)
        ex.put_foreign_audit(m.package_id, m.sender_unit, result.audit)
        audit.append("sync.import", "package", m.package_id, None,
                     {"kind": m.kind, "sender": m.sender_unit, "period": m.period,
                      "sequence": m.sequence, "counts": counts,
                      "audit_chain_gap_at": report.chain_gap_at})
    progress(100, 100)
    return report


def _chain_gap(previous: tuple[int, str] | None, events: list[dict[str, Any]]) -> int | None:
    """Continuity across quarters: the sender's new chain must contain, unchanged, the head
    of the chain received last time. Returns the first seq where it does not, else None."""
    if previous is None:
        return None
    seq, head = previous
    by_seq = {int(e["seq"]): str(e["hash"]) for e in events}
    if by_seq.get(seq) == head:
        return None
    if seq not in by_seq:
        return (max(by_seq) + 1) if by_seq else 1
    return seq
