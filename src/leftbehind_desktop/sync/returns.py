"""退回修改 travels down (issue 15): the items a parent office returned in record-level
review go to the unit as a ``review`` package (the package container, signed and encrypted
like every other, ``sync/SPEC.md`` §5–§6: one member ``review.jsonl``); the unit imports it
into its own ``returned_item`` table (no registry record changes), answers each item (by
editing the record, or 已核实无误 with a note), and its next quarterly package carries the
answers (``answers.jsonl``), which the parent office's import applies to its review items.

Qt-free; may run on a worker thread.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..core import safejson, units
from ..core.dates import local_time_text, quarter_label
from ..core.forms import form
from ..core.ids import utc_now
from ..core.messages import UserError
from ..store.audit import AuditLog, canonical_json
from ..store.returned_items import CHANGED, CONFIRMED, ReturnedItems, ReviewAnswers
from ..store.review_items import ReviewItems
from ..store.schema import RECORD_KINDS
from ..store.store import Store
from ..store.sync import PackageEntry, SyncStore, TrustedKey
from . import container, inbound, review, stream
from . import manifest as mf
from .enroll import escrow_recipients
from .errors import SyncError
from .export import ExportResult, Progress, check_period, seal

KIND = "review"
REVIEW_MEMBER = "review.jsonl"
ANSWERS_MEMBER = "answers.jsonl"
MAX_ITEMS = 10_000  # returned items in one package / answers in one quarterly package
MAX_ID, MAX_TEXT, MAX_FIELDS = 64, 2000, 200
REVIEW_KEYS = frozenset(("item_id", "kind", "record_id", "change", "period", "comment",
                         "returned_at", "officer", "fields", "record_version"))
ANSWER_KEYS = frozenset(("item_id", "kind", "record_id", "returned_at", "answer", "note",
                         "answered_at", "officer", "record_version"))
ANSWERS = (CHANGED, CONFIRMED)


def _noop(done: int, total: int) -> None:
    return None


def _jsonl(items: list[dict[str, Any]]) -> bytes:
    return "".join(canonical_json(i) + "\n" for i in items).encode()


# == street: export =========================================================================
def review_line(store: Store, item: Mapping[str, Any]) -> dict[str, Any]:
    """One line of ``review.jsonl`` from a review item of the parent office (``review_item``
    row, ``sync/review.py``): which record, the fields that changed, the comment."""
    summary = item.get("summary")
    if summary is None:
        summary = json.loads(str(item.get("summary_json") or "[]"))
    kind, rid = str(item["kind"]), str(item["record_id"])
    held = SyncStore(store).existing(kind, [rid]).get(rid)
    return {"item_id": str(item["id"]), "kind": kind, "record_id": rid,
            "change": item.get("change"), "period": str(item["period"]),
            "comment": str(item.get("comment") or ""),
            "returned_at": str(item.get("decided_at") or utc_now()),
            "officer": str(item.get("officer") or store.officer),
            "fields": [] if item.get("change") in review.CHANGES_NEW else [  # what changed
                str(s["field"]) for s in summary
                if isinstance(s, dict) and "field" in s and s.get("before") != s.get("after")],
            "record_version": None if held is None else int(held["version"])}


def export_returns(store: Store, period: str, unit_code: str, out: Path,
                   progress: Progress = _noop) -> ExportResult:
    """生成退回修改文件: the items of a unit's quarter the officer returned (status
    ``returned``) as a ``review`` package for that unit's devices."""
    check_period(period)
    items = review.review_items(store, period, unit_code, status="returned")
    return export_items(store, period, unit_code, items, out, progress)


def export_items(store: Store, period: str, unit_code: str, items: Sequence[Mapping[str, Any]],
                 out: Path, progress: Progress = _noop) -> ExportResult:
    """Write the ``review`` package of ``items`` (review items of ``unit_code``, a unit
    directly below this office) for its active enrolled devices."""
    check_period(period)
    if units.parent_of(unit_code) != store.unit_code:
        raise SyncError("wrong_level", unit=unit_code)
    if not items:
        raise SyncError("no_returns", unit=unit_code, quarter=quarter_label(period))
    keys = SyncStore(store).keys(unit_code=unit_code, relation="child", status="active")
    if not keys:
        raise SyncError("no_recipient", unit=unit_code)
    lines = sorted((review_line(store, i) for i in items), key=lambda x: x["item_id"])
    recipients = [k.age_recipient for k in keys] + escrow_recipients(store)
    return seal(store, KIND, unit_code, period, {REVIEW_MEMBER: _jsonl(lines)}, recipients,
                out, progress=progress)


# == village: import ========================================================================
def _text(v: Any, limit: int, empty: bool = False) -> bool:
    return type(v) is str and len(v) <= limit and (empty or bool(v))


def _version(v: Any) -> bool:
    return v is None or (type(v) is int and 1 <= v <= 2 ** 53)


class ReviewLines:
    """``review.jsonl``: each line one returned item, every key present and no other."""

    def __init__(self, m: mf.Manifest):
        self.m = m
        self.items: list[dict[str, Any]] = []
        self.ids: set[str] = set()

    def line(self, n: int, line: bytes) -> None:
        try:
            it = safejson.loads_line(line)
        except safejson.JsonLimitError as exc:
            raise SyncError("bad_line", member=REVIEW_MEMBER, line=n, detail=str(exc)) from None
        ok = (type(it) is dict and it.keys() == REVIEW_KEYS
              and _text(it["item_id"], MAX_ID) and it["kind"] in RECORD_KINDS
              and _text(it["record_id"], MAX_ID)
              and (it["change"] is None or _text(it["change"], 16))
              and it["period"] == self.m.period and _text(it["comment"], MAX_TEXT)
              and _text(it["returned_at"], MAX_ID) and _text(it["officer"], 100, empty=True)
              and type(it["fields"]) is list and len(it["fields"]) <= MAX_FIELDS
              and all(_text(f, MAX_ID) for f in it["fields"])
              and _version(it["record_version"]))
        if not ok:
            raise SyncError("bad_line", member=REVIEW_MEMBER, line=n,
                            detail="不是有效的退回修改条目 / not a valid returned item")
        if it["item_id"] in self.ids or len(self.items) >= MAX_ITEMS:
            raise SyncError("bad_line", member=REVIEW_MEMBER, line=n,
                            detail="条目重复或过多 / duplicate or too many items")
        self.ids.add(it["item_id"])
        self.items.append(it)

    def end(self) -> None:
        return None


def _read(store: Store, opener: inbound.Opener, opened: container.Opened,
          m: mf.Manifest) -> list[dict[str, Any]]:
    lines = ReviewLines(m)
    reader = stream.Lines(REVIEW_MEMBER, lines.line)
    reader.feed(inbound.read_small(store, opener, opened, m)[REVIEW_MEMBER])
    reader.end()
    if not lines.items:
        raise SyncError("bad_payload", detail="没有退回修改的条目 / no returned items")
    return lines.items


def import_review(store: Store, opener: inbound.Opener, opened: container.Opened,
                  m: mf.Manifest, key: TrustedKey, write: bool) -> inbound.Handled:
    """The handler of kind ``review`` (sender and signature already verified against the
    parent office's trusted key): the same package again is a no-op; an older one than the
    last imported from that key is refused (replay, as for restore packages); then the
    items are read and, with ``write``, stored in ``returned_item`` and the package logged,
    in one transaction. No registry record changes."""
    ex = SyncStore(store)
    where = f"{m.sender_name}（{m.sender_unit}）{quarter_label(m.period)}第{m.sequence}号"
    where_en = (f"{m.sender_name} ({m.sender_unit}), {quarter_label(m.period, 'en')}, "
                f"no. {m.sequence}")

    def handled(zh: str, en: str, counts: dict[str, int], **kw: Any) -> inbound.Handled:
        return inbound.Handled(m.package_id, m.kind, m.sender_unit, m.sender_name, m.period,
                               m.sequence, zh, en, detail={"counts": counts}, **kw)
    known = ex.package(m.package_id)
    if known is not None:
        return handled(SyncError("already_imported", package_id=where,
                                 when=local_time_text(known.processed_at)).text("zh"),
                       SyncError("already_imported", package_id=where_en,
                                 when=local_time_text(known.processed_at, "en")).text("en"),
                       dict(known.summary.get("counts", {})), already_imported=True,
                       imported_at=known.processed_at)
    last = ex.last_incoming(key.key_id)
    if last is not None:
        if m.sequence <= last[0]:
            raise SyncError("rollback", sequence=m.sequence, last=last[0])
        if m.sequence == last[0] + 1 and m.previous != last[1]:
            raise SyncError("broken_chain", sequence=m.sequence)
    items = _read(store, opener, opened, m)
    if not write:
        return handled(f"检查通过：{where}退回修改文件，共{len(items)}项（尚未导入）",
                       f"Check passed: the returns file from {where_en}, {len(items)} items "
                       f"(not imported yet)", {"returned": len(items)})
    now = utc_now()
    with store.transaction() as audit:
        counts = ReturnedItems(store).put(items, m.package_id, store.unit_code)
        ex.log_package(PackageEntry(
            m.package_id, "in", m.kind, m.sender_unit, m.sender_key_id, m.recipient_unit,
            m.period, m.sequence, mf.sha256_hex(opened.manifest), opened.manifest.decode(),
            opened.signature.decode(), key.signing_key, m.created_at, now,
            {"counts": counts, "items": len(items)}))
        audit.append("sync.import", "package", m.package_id, None,
                     {"kind": m.kind, "sender": m.sender_unit, "period": m.period,
                      "sequence": m.sequence, "counts": counts})
    return handled(
        f"已导入{where}退回修改文件：街道退回{len(items)}项待修改"
        f"（新{counts['new']}项，再次退回{counts['reopened']}项，已有{counts['unchanged']}项）。"
        f"请在工作台“待修改（街道退回）”中逐项修改或核实。",
        f"Imported the returns file from {where_en}: {len(items)} items returned for "
        f"correction ({counts['new']} new, {counts['reopened']} returned again, "
        f"{counts['unchanged']} already here). Work through them in the workbench's "
        f"\u201cTo correct (returned by the street)\u201d list.", counts, imported_at=now)


# == village: answers =======================================================================
def confirm(store: Store, item_id: str, note: str) -> None:
    """Answer a returned item without a change (已核实无误), with a note."""
    ri = ReturnedItems(store)
    item = ri.get(item_id)
    if item is None:
        raise UserError("not_found")
    if item["status"] != "open":
        raise UserError("answer_closed", "该条目已答复过", "That item was already answered")
    if not note.strip():
        raise UserError("reason_required", "请填写核实说明", "Give a note on what was checked")
    with store.transaction() as audit:
        ri.confirm(item_id, note.strip()[:MAX_TEXT], audit)


def what_text(item: Mapping[str, Any], lang: str = "zh") -> str:
    """What was returned, as the officer reads it: the record's form, the change the street
    reviewed and the fields that changed (儿童基本信息（变更）：现居住地、就学情况)."""
    f = form(str(item["kind"]))
    labels = [f.field(n).label(lang) for n in item["fields"] if f.has_field(n)]
    sep, colon = (", ", ": ") if lang == "en" else ("、", "：")
    change = review.change_text(str(item["change"]), lang) if item.get("change") else ""
    text = f.title(lang) + ((f" ({change})" if lang == "en" else f"（{change}）") if change else "")
    return text + (colon + sep.join(labels[:6]) if labels else "")


def returned_items(store: Store, include_sent: bool = False) -> list[dict[str, Any]]:
    """The returned items for the workbench (by default those not yet sent back)."""
    return ReturnedItems(store).items(status=None if include_sent else ("open", "answered"))


# == street: answers in a quarterly package =================================================
class AnswerLines:
    """``answers.jsonl`` of a quarterly package: each line one answer to a returned item."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def line(self, n: int, line: bytes) -> None:
        try:
            a = safejson.loads_line(line)
        except safejson.JsonLimitError as exc:
            raise SyncError("bad_line", member=ANSWERS_MEMBER, line=n, detail=str(exc)) from None
        ok = (type(a) is dict and a.keys() == ANSWER_KEYS and _text(a["item_id"], MAX_ID)
              and a["kind"] in RECORD_KINDS and _text(a["record_id"], MAX_ID)
              and _text(a["returned_at"], MAX_ID) and a["answer"] in ANSWERS
              and (a["note"] is None or _text(a["note"], MAX_TEXT, empty=True))
              and (a["answered_at"] is None or _text(a["answered_at"], MAX_ID))
              and (a["officer"] is None or _text(a["officer"], 100, empty=True))
              and _version(a["record_version"]))
        if not ok or len(self.items) >= MAX_ITEMS:
            raise SyncError("bad_line", member=ANSWERS_MEMBER, line=n,
                            detail="不是有效的答复 / not a valid answer")
        self.items.append(a)

    def end(self) -> None:
        return None


def apply_answers(store: Store, unit_code: str, package_id: str,
                  answers: list[dict[str, Any]], audit: AuditLog) -> int:
    """In the import transaction of ``unit_code``'s quarterly package: each answer to an
    item this office returned to that unit — the return it names (``returned_at`` = the
    decision's time) still standing — is kept (``review_answer``) and the item goes back to
    the review queue as ``answered``. An answer to anything else (passed since, returned
    again later, another unit's item) is ignored. Returns how many items were answered."""
    items, kept = ReviewItems(store), ReviewAnswers(store)
    records: list[str] = []
    for a in answers:
        item = items.item(str(a["item_id"]))
        if (item is None or item["unit_code"] != unit_code or item["status"] != "returned"
                or item["decided_at"] != a["returned_at"]):
            continue
        kept.put(a, package_id, unit_code)
        records.append(str(item["record_id"]))
    return items.mark_answered(unit_code, records, package_id, audit) if records else 0


def answers_of(store: Store, item_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The units' answers to review items (for the review screen): item id → ``{answer:
    changed|confirmed, note, answered_at, officer, record_version, package_id}``."""
    return ReviewAnswers(store).get(item_ids)


def answer_text(answer: Mapping[str, Any], lang: str = "zh") -> str:
    """村里的答复 as one phrase: 已修改 / 已核实无误：<note>."""
    if answer["answer"] == CHANGED:
        return "corrected" if lang == "en" else "已修改"
    text = "checked, correct as is" if lang == "en" else "已核实无误"
    if answer.get("note"):
        text += (": " if lang == "en" else "：") + str(answer["note"])
    return text
