"""Review: record-level review of imported packages (逐条审核), and the queue of field-level
conflicts and duplicate cases left by imports.

逐条审核: every new, changed or exited record of a form with a ``[review]`` table (children,
priority flags, mandatory reports) that a unit's quarterly package brought becomes one
``review_item`` inside the import's transaction (:class:`ItemMaker`); routine unchanged
records make none. The officer passes (通过) or returns (退回, with a comment) each item; a
unit's quarter is reviewed (已审核) when it has items and every one passed, or when its
package had nothing to review and the officer confirmed that once (无变化，审核通过).
Level-generic: a street reviews its villages' packages, a district its streets'.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..core import safejson, units
from ..core.dates import quarter_bounds
from ..core.forms import REVIEW_NEW, Condition, form
from ..core.ids import utc_now, uuid7
from ..core.messages import UserError
from ..store.audit import canonical_json
from ..store.review_items import ReviewItems
from ..store.review_items import summary as summary  # the fields of one item, labelled
from ..store.store import Store
from ..store.sync import SyncStore
from .errors import SyncError
from .manifest import PERIOD
from .merge import area, owned_elsewhere

CHANGES = ("new", "changed", "exited", "deleted", "flag", "report", "entrustment")
CHANGE_ZH = {"new": "新增", "changed": "变更", "exited": "退出", "deleted": "删除",
             "flag": "新增重点对象", "report": "新增强制报告", "entrustment": "新增委托监护"}
CHANGE_EN = {"new": "new", "changed": "changed", "exited": "exited", "deleted": "deleted",
             "flag": "new priority case", "report": "new mandatory report",
             "entrustment": "new entrustment"}
STATUS_ZH = {"pending": "待审核", "passed": "已通过", "returned": "已退回", "answered": "已答复待复核"}
STATUS_EN = {"pending": "pending", "passed": "passed", "returned": "returned",
             "answered": "answered (review again)"}
NO_CHANGES_NOTE = "无变化，审核通过"
_EXTRA = ("deleted", "unit_code")  # compared and shown besides the form's fields


def check_period(period: str) -> str:
    """As ``export.check_period`` (which builds on this module: no import of it here)."""
    if not PERIOD.match(period or ""):
        raise SyncError("bad_period", period=period)
    quarter_bounds(period)
    return period


# == items made at import ====================================================================
@dataclass(frozen=True)
class _Spec:
    """A form's ``[review]`` as the import hook uses it (looked up once per kind)."""

    new: str
    exited_if: Condition | None
    key: frozenset[str]
    every: tuple[str, ...]  # the form's fields in order, then deleted and unit_code


@cache
def _spec(kind: str) -> _Spec:
    f = form(kind)
    assert f.review is not None
    return _Spec(f.review.new, f.review.exited_if, frozenset(f.review.fields),
                 tuple(fd.name for fd in f.fields) + tuple(_EXTRA))


def changes_of(kind: str, before: dict[str, Any] | None,
               after: dict[str, Any]) -> tuple[str, list[list[Any]]] | None:
    """The change type and the side-by-side fields ``[field, before, after]`` of one record,
    or None when nothing the form defines changed. New: the form's review fields that have a
    value; changed: every field that changed and the review fields that have a value, in the
    form's order. (Stored so in ``summary_json``; read back with the labels.)"""
    spec = _spec(kind)
    if before is None:
        return spec.new, [[n, None, v] for n in spec.every
                          if n in spec.key and (v := after.get(n)) not in (None, "", [])]
    out = []
    changed = False
    for n in spec.every:
        b, a = before.get(n), after.get(n)
        if b != a:
            changed = True
        elif n not in spec.key or a in (None, "", []):
            continue
        out.append([n, b, a])
    if not changed:
        return None
    return _change(spec, before, after), out


def _change(spec: _Spec, before: dict[str, Any], after: dict[str, Any]) -> str:
    """A changed record's kind of change: deleted (the village removed the file), exited
    (the form's exit condition now holds), or changed."""
    if after.get("deleted") and not before.get("deleted"):
        return "deleted"
    exit_ = spec.exited_if
    if exit_ is not None and exit_.holds(after) and not exit_.holds(before):
        return "exited"
    return "changed"


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)
dumps = _ENCODER.encode


def _fold(kind: str, old_change: str, old: list[list[Any]], new: list[list[Any]]
          ) -> tuple[str, list[list[Any]]] | None:
    """A pending item's change and a newer change of the same record as ONE item: before =
    what the officer last saw (the older item's before), after = the newest; None when the
    record is back to that state."""
    spec = _spec(kind)
    before = {f: b for f, b, _a in new} | {f: b for f, b, _a in old}
    after = {f: a for f, _b, a in old} | {f: a for f, _b, a in new}
    if old_change in CHANGES_NEW:
        return old_change, [[f, None, after[f]] for f in spec.every
                            if f in after and after[f] not in (None, "", [])]
    rows = [[f, before.get(f), after[f]] for f in spec.every if f in after
            and (before.get(f) != after[f] or (f in spec.key and after[f] not in (None, "", [])))]
    if all(b == a for _f, b, a in rows):
        return None
    return _change(spec, before, after), rows


CHANGES_NEW = REVIEW_NEW  # the change types of a record new to the parent office


class ItemMaker:
    """Makes the review items of one import, batch by batch, in the import's transaction
    (one ``executemany`` per batch). A record that already has an item of the same unit and
    quarter still pending (a corrected package sent before the officer looked) or returned
    (the unit's correction) gets no second item: that item shows the newest values, from
    what the officer last saw (looked up only when the unit has such items at all). A
    returned item the package changed but did not answer goes back to 待审核 at
    :meth:`finish`; an answered one becomes 已答复 by ``returns.apply_answers``."""

    def __init__(self, store: Store, package_id: str, sender_unit: str, period: str):
        self.items = ReviewItems(store)
        self.package_id, self.sender_unit, self.period = package_id, sender_unit, period
        self.now = utc_now()
        self.count = 0  # items this import made or brought up to date (for its report)
        self.dropped = 0  # pending items of changes the village undid again
        self.open = self.items.has_open(sender_unit, period)
        self.changed_returns: list[str] = []  # returned items this package's changes folded into

    def add(self, changes: Sequence[tuple[str, dict[str, Any] | None, dict[str, Any]]]) -> None:
        rows = []
        held = self.items.open_of(self.sender_unit, self.period, [
            str(after["id"]) for _k, _b, after in changes]) if self.open else {}
        folds: list[tuple[str, str, str]] = []
        drops: list[str] = []
        for kind, before, after in changes:
            made = changes_of(kind, before, after)
            if made is None:
                continue
            change, summary = made
            rid = str(after["id"])
            old = held.get(rid)
            if old is not None:
                merged = _fold(kind, old[1], old[2], summary)
                if merged is None:  # back to what the officer saw
                    if old[3] == "pending":
                        drops.append(old[0])
                    continue  # (a returned item stays: the return is a decision)
                folds.append((merged[0], dumps(merged[1]), old[0]))
                if old[3] == "returned":
                    self.changed_returns.append(old[0])
                continue
            child = rid if kind == "child" else after.get("child_id")
            rows.append((uuid7(), self.package_id, self.sender_unit, self.period, kind, rid,
                         child, str(after["unit_code"]), change,
                         dumps(summary), "pending",
                         None, None, None, None, self.now))
        if rows:
            self.count += self.items.add_many(rows)
        if folds or drops:
            self.items.refold(self.package_id, folds, drops)
            self.count += len(folds)
            self.dropped += len(drops)

    def finish(self) -> None:
        """After the package's answers were applied: a returned item whose record changed
        without an answer is pending again (the change is reviewed like any other)."""
        if self.changed_returns:
            self.items.reopen_unanswered(self.changed_returns)


# == the officer's review ====================================================================
def review_items(store: Store, period: str, unit_code: str | None = None,
                 status: str | None = None, labelled: bool = True) -> list[dict[str, Any]]:
    """The items of a quarter (of one unit, of one status), each a dict of the
    ``review_item`` columns with ``summary`` (the side-by-side fields) and ``child_name``.
    With ``labelled=False`` (a screen's list of thousands) :func:`summary` gives the fields
    of the items actually shown."""
    check_period(period)
    return ReviewItems(store).items(period, unit_code, status, labelled)


def _own_item(store: Store, item_id: str) -> dict[str, Any]:
    item = ReviewItems(store).item(item_id)
    if item is None:
        raise UserError("review_item_missing", "找不到该审核条目", "No such review item")
    if units.parent_of(str(item["unit_code"])) != store.unit_code:
        raise UserError("review_not_own", "该条目不属于本单位的下级单位，不能审核",
                        "This item does not belong to a unit below this office")
    return item


def decide(store: Store, item_id: str, decision: str, comment: str = "") -> dict[str, Any]:
    """Pass (``pass``) or return (``return``, a comment required) one pending item of a unit
    below this office; audited. Returns the item as it was before."""
    if decision not in ("pass", "return"):
        raise UserError("bad_choice", "请选择通过（pass）或退回（return）",
                        "Choose pass or return")
    comment = (comment or "").strip()
    if decision == "return" and not comment:
        raise UserError("comment_required", "退回时请填写意见，说明需要修改什么",
                        "Give a comment when returning an item: what must be corrected")
    if len(comment) > 1000:
        raise UserError("comment_too_long", "意见过长（最多1000字）",
                        "The comment is too long (at most 1000 characters)")
    item = _own_item(store, item_id)
    if item["status"] not in ("pending", "answered"):
        raise UserError("review_decided",
                        f"该条目已审核（{STATUS_ZH[str(item['status'])]}），不能再次决定",
                        f"This item was already decided ({STATUS_EN[str(item['status'])]})")
    ri = ReviewItems(store)
    with store.transaction() as audit:
        ri.decide(item, "passed" if decision == "pass" else "returned", comment or None, audit)
    return item


def reopen(store: Store, item_id: str) -> dict[str, Any]:
    """撤销通过: a passed item back to 待审核, audited (a pass given by mistake, one by one or
    with 全部通过). Only passed items: a returned item may already be at the village, which
    answers it. The quarter is again not reviewed until the item is decided; the next package
    to the parent office says so. Returns the item as it was before."""
    item = _own_item(store, item_id)
    if item["status"] != "passed":
        raise UserError("review_not_passed",
                        f"只有已通过的条目可以撤销（该条目{STATUS_ZH[str(item['status'])]}）",
                        f"Only a passed item can be reopened (this one is "
                        f"{STATUS_EN[str(item['status'])]})")
    with store.transaction() as audit:
        ReviewItems(store).reopen(item, audit)
    return item


def pass_all(store: Store, period: str, unit_code: str, comment: str = "") -> int:
    """全部通过: pass every item of the unit's quarter still waiting (pending or answered),
    in one transaction; returns how many."""
    items = [i for i in review_items(store, period, unit_code)
             if i["status"] in ("pending", "answered")]
    if not items:
        return 0
    for i in items[:1]:
        _own_item(store, str(i["id"]))
    ri = ReviewItems(store)
    with store.transaction() as audit:
        for i in items:
            ri.decide(i, "passed", comment.strip() or None, audit)
    return len(items)


def open_count(store: Store) -> int:
    """Review items still to decide (pending or answered), every quarter and unit."""
    return ReviewItems(store).open_count()


def quarter_review_state(store: Store, period: str, unit_code: str) -> dict[str, Any]:
    """``{total, passed, returned, answered, pending, reviewed, confirmed, received,
    reviewed_at, officer}`` of one unit's quarter. ``reviewed``: it has items and all
    passed, or it has none and the officer confirmed it (or an older one-mark review)."""
    check_period(period)
    return _states(store, period).get(unit_code) or _state(
        {}, None, None, _received(store, period).get(unit_code, False))


def _state(counts: dict[str, int], mark: dict[str, Any] | None,
           last: tuple[str, str] | None, received: bool) -> dict[str, Any]:
    total = sum(counts.values())
    passed = counts.get("passed", 0)
    confirmed = mark is not None and total == 0
    reviewed = (total > 0 and passed == total) or confirmed
    at, by = (None, None)
    if reviewed:
        at, by = (mark["reviewed_at"], mark["officer"]) if confirmed and mark else (
            last or (None, None))
    return {"total": total, "passed": passed, "returned": counts.get("returned", 0),
            "answered": counts.get("answered", 0), "pending": counts.get("pending", 0),
            "reviewed": reviewed, "confirmed": confirmed, "received": received,
            "reviewed_at": at, "officer": by}


def _received(store: Store, period: str) -> dict[str, bool]:
    return {p.sender_unit: True for p in SyncStore(store).packages(direction="in", period=period)
            if p.kind == "quarterly"}


def _states(store: Store, period: str) -> dict[str, dict[str, Any]]:
    ri = ReviewItems(store)
    counts, marks, last = ri.counts(period), ri.marks(period), ri.last_decision(period)
    received = _received(store, period)
    return {u: _state(counts.get(u, {}), marks.get(u), last.get(u), received.get(u, False))
            for u in sorted({*counts, *marks, *received})}


def quarter_states(store: Store, period: str) -> dict[str, dict[str, Any]]:
    """:func:`quarter_review_state` of every unit that sent, has items or a mark."""
    check_period(period)
    return _states(store, period)


def confirm_no_changes(store: Store, period: str, unit_code: str) -> None:
    """无变化，审核通过: the unit's package of the quarter had nothing to review; the officer
    confirms it once (audited)."""
    check_period(period)
    if units.parent_of(unit_code) != store.unit_code:
        raise UserError("review_not_own", "该单位不是本单位的下级单位，不能审核",
                        "That unit is not below this office")
    state = quarter_review_state(store, period, unit_code)
    if not state["received"]:
        raise UserError("review_no_package", "尚未收到该单位本季度的数据包",
                        "No quarterly package of that unit has arrived for the quarter")
    if state["total"]:
        raise UserError("review_has_items",
                        f"该单位本季度有{state['total']}条变化，请逐条审核",
                        f"That unit's quarter has {state['total']} changes: review them one "
                        f"by one")
    if state["confirmed"]:
        raise UserError("review_confirmed", "该单位本季度已确认审核通过",
                        "That unit's quarter was already confirmed as reviewed")
    with store.transaction() as audit:
        ReviewItems(store).confirm(unit_code, period, NO_CHANGES_NOTE, audit)


def mark_answered(store: Store, package_id: str, unit_code: str,
                  record_ids: Sequence[str]) -> int:
    """Returned items of ``unit_code`` for these records go back to the queue as answered
    (a later package brought them again); returns how many. For the caller's transaction
    use :meth:`ReviewItems.mark_answered` directly."""
    with store.transaction() as audit:
        return ReviewItems(store).mark_answered(unit_code, record_ids, package_id, audit)


# == forwarded up: what is reviewed (review_state.jsonl of a street's package) ===============
FORWARD_MEMBER = "review_state.jsonl"
FORWARD_KEYS = frozenset({"unit_code", "period", "total", "passed", "returned", "answered",
                          "pending", "reviewed", "confirmed", "reviewed_at"})
MAX_FORWARD = 10_000  # lines (a street has a few dozen villages)


def forward_member(store: Store, period: str) -> bytes | None:
    """``review_state.jsonl`` of this office's quarterly package: one canonical line per
    unit below it that sent a package of the period or has review items for it
    (``sync/SPEC.md`` §6); None when there is none (a village has nobody below)."""
    if units.level_of(store.unit_code) is units.Level.VILLAGE:
        return None
    lines = []
    for unit, st in _states(store, period).items():
        if units.parent_of(unit) != store.unit_code:
            continue
        lines.append(canonical_json({"unit_code": unit, "period": period,
                                     **{k: st[k] for k in sorted(FORWARD_KEYS - {
                                         "unit_code", "period"})}}) + "\n")
    return "".join(lines).encode() if lines else None


class ForwardLines:
    """``review_state.jsonl`` read line by line (a :class:`sync.stream.Lines` handler): every
    key present and no other, units directly below the sender, the package's period."""

    def __init__(self, sender_unit: str, period: str):
        self.sender_unit, self.period = sender_unit, period
        self.items: list[dict[str, Any]] = []

    def line(self, n: int, line: bytes) -> None:
        try:
            s = safejson.loads_line(line)
        except safejson.JsonLimitError as exc:
            raise SyncError("bad_line", member=FORWARD_MEMBER, line=n,
                            detail=str(exc)) from None
        counts = ("total", "passed", "returned", "answered", "pending")
        ok = (type(s) is dict and s.keys() == FORWARD_KEYS
              and type(s["unit_code"]) is str and units.is_unit_code(s["unit_code"])
              and units.parent_of(s["unit_code"]) == self.sender_unit
              and s["period"] == self.period
              and all(type(s[k]) is int and 0 <= s[k] <= 10_000_000 for k in counts)
              and s["passed"] + s["returned"] + s["answered"] + s["pending"] == s["total"]
              and type(s["reviewed"]) is bool and type(s["confirmed"]) is bool
              and (s["reviewed_at"] is None or (type(s["reviewed_at"]) is str
                                                and len(s["reviewed_at"]) <= 64)))
        if not ok or len(self.items) >= MAX_FORWARD:
            raise SyncError("bad_line", member=FORWARD_MEMBER, line=n,
                            detail="不是有效的审核情况 / not a valid review state")
        self.items.append(s)

    def end(self) -> None:
        return None


def put_forwarded(store: Store, sender_unit: str, package_id: str,
                  states: Sequence[dict[str, Any]]) -> None:
    """Keep what a street's package said is reviewed (in the import's transaction)."""
    if states:
        ReviewItems(store).put_forwarded(sender_unit, package_id, states)


def forwarded_states(store: Store, period: str) -> list[dict[str, Any]]:
    """What the packages from below said is reviewed, per unit below them and quarter."""
    check_period(period)
    return ReviewItems(store).forwarded(period)


def change_text(change: str, lang: str = "zh") -> str:
    return (CHANGE_EN if lang == "en" else CHANGE_ZH).get(change, change)


def status_text(status: str, lang: str = "zh") -> str:
    return (STATUS_EN if lang == "en" else STATUS_ZH).get(status, status)


def changed_fields(item: dict[str, Any], lang: str = "zh") -> list[str]:
    """The labels of the fields that changed (all shown fields of a new record)."""
    key = "label_en" if lang == "en" else "label_zh"
    return [str(e[key]) for e in summary(item) if e["before"] != e["after"]]


# == conflicts and duplicate cases ============================================================


def open_conflicts(store: Store) -> list[dict[str, Any]]:
    return SyncStore(store).conflicts()


def open_duplicates(store: Store) -> list[dict[str, Any]]:
    return SyncStore(store).duplicates()


def resolve_conflict(store: Store, conflict_id: str, choose: str) -> dict[str, Any]:
    """``choose`` is ``local`` (keep this office's value) or ``incoming`` (the sender's).
    Both values stay on record in the conflict row."""
    ex = SyncStore(store)
    c = ex.conflict(conflict_id)
    if c is None:
        raise UserError("not_found")
    if c["status"] != "open":
        raise UserError("conflict_closed", "该冲突已处理过", "That conflict was already resolved")
    if choose not in ("local", "incoming"):
        raise UserError("bad_choice", "请选择保留本单位的值（local）或对方的值（incoming）",
                        "Choose local or incoming")
    value = c["local_value"] if choose == "local" else c["incoming_value"]
    _check_owner(ex, store.unit_code, c, value)
    with store.transaction() as audit:
        ex.resolve_conflict(c, choose, value, audit)
    return c


def _check_owner(ex: SyncStore, own: str, c: dict[str, Any], value: Any) -> None:
    """Resolving a conflict is a change made in the name of the package that filed it: the
    record must belong to that sender's area, and so must a unit it would move to."""
    entry = ex.package(str(c["package_id"]))
    rows = ex.existing(str(c["kind"]), [str(c["record_id"])])
    rec = rows.get(str(c["record_id"]))
    if entry is None or rec is None:
        raise UserError("not_found")
    owns = area(entry.kind, entry.sender_unit, own)
    owner = str(rec["unit_code"])
    target = str(value) if c["field"] == "unit_code" else owner
    for unit in (owner, target):
        if not owns(unit):
            raise owned_elsewhere(ex, str(c["kind"]), str(c["record_id"]), owner, target,
                                  entry.sender_unit)


def resolve_duplicate(store: Store, case_id: str, keep: str | None, note: str) -> dict[str, Any]:
    """Close a duplicate case: ``keep`` = the child record to keep (others are tombstoned
    with the note as reason), or None when they are different children."""
    ex = SyncStore(store)
    case = next((d for d in ex.duplicates(status=None)
                 if d["id"] == case_id or d["id"].startswith(case_id)), None)
    if case is None:
        raise UserError("not_found")
    if case["status"] != "open":
        raise UserError("case_closed", "该重复登记已处理过", "That case was already resolved")
    if keep is not None:
        match = [r for r in case["record_ids"] if r == keep or r.startswith(keep)]
        if len(match) != 1:
            raise UserError("bad_choice", "要保留的记录不属于该重复登记",
                            "The record to keep is not part of this case")
        keep = match[0]
    if not note.strip():
        raise UserError("reason_required", "请填写处理说明", "Give a note")
    with store.transaction() as audit:
        ex.resolve_duplicate(case, keep, note.strip(), audit)
    return case
