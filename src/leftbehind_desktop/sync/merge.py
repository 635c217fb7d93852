"""Merge an accepted package into the store: by record id and version, field-level
conflicts kept for review (the losing value is never dropped), duplicate ID numbers across
villages become duplicate cases.

Three-way: the *base* of a record is its state in the last package imported from the same
sender unit (kept in ``package_snapshot``). A local row whose ``updated_by`` is this device
was changed here since it arrived.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core import units
from ..core.forms import form
from ..core.ids import utc_now, uuid7
from ..store.audit import AuditLog
from ..store.schema import RECORD_KINDS
from ..store.sync import MergePlan, SyncStore
from .errors import SyncError

NEW, UPDATED, UNCHANGED, CONFLICT, DUPLICATE, REJECTED = (
    "new", "updated", "unchanged", "conflict", "duplicate", "rejected")
OUTCOME_ZH = {NEW: "新增", UPDATED: "更新", UNCHANGED: "无变化", CONFLICT: "冲突待审核",
              DUPLICATE: "疑似重复登记", REJECTED: "拒绝"}
OUTCOME_EN = {NEW: "new", UPDATED: "updated", UNCHANGED: "unchanged",
              CONFLICT: "conflict (review)", DUPLICATE: "possible duplicate", REJECTED: "rejected"}


@dataclass(frozen=True)
class ReportItem:
    kind: str
    record_id: str
    child_id: str | None
    unit_code: str
    outcome: str
    detail: str = ""  # Chinese
    detail_en: str = ""  # the same in English

    def detail_text(self, lang: str = "zh") -> str:
        return self.detail_en if lang == "en" and self.detail_en else self.detail

    def text(self, lang: str = "zh") -> str:
        title = form(self.kind).title(lang)
        outcome = OUTCOME_EN[self.outcome] if lang == "en" else OUTCOME_ZH[self.outcome]
        sep = ": " if lang == "en" else "："
        detail = self.detail_text(lang)
        tail = f"（{detail}）" if detail and lang != "en" else (f" ({detail})" if detail else "")
        return f"{title} {self.record_id[:8]} [{self.unit_code}]{sep}{outcome}{tail}"

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "record_id": self.record_id, "child_id": self.child_id,
                "unit_code": self.unit_code, "outcome": self.outcome, "detail": self.detail,
                "detail_en": self.detail_en}


def _item(kind: str, record_id: str, child_id: str | None, unit_code: str, outcome: str,
          detail: str = "", detail_en: str = "") -> ReportItem:
    """``ReportItem(...)`` without the frozen dataclass's per-field ``__setattr__`` calls
    (one item per imported record)."""
    item = object.__new__(ReportItem)
    item.__dict__.update(kind=kind, record_id=record_id, child_id=child_id,
                         unit_code=unit_code, outcome=outcome, detail=detail,
                         detail_en=detail_en)
    return item


@dataclass
class MergeResult:
    plan: MergePlan
    items: list[ReportItem] = field(default_factory=list)
    # (kind, local row or None, incoming) of records the parent office reviews (forms'
    # ``[review]``) that arrived new or changed: the items of sync/review.py
    changes: list[tuple[str, dict[str, Any] | None, dict[str, Any]]] = \
        field(default_factory=list)


def _fields(kind: str) -> list[str]:
    return [f.name for f in form(kind).fields] + ["deleted", "unit_code"]


def _same(kind: str, a: Mapping[str, Any], b: Mapping[str, Any], names: list[str]) -> bool:
    return all(a.get(n) == b.get(n) for n in names)


def area(kind: str, sender_unit: str, own: str) -> Callable[[str], bool]:
    """The units whose records a package may create or change (who owns what): a restore,
    the receiving village itself; a village's quarterly package, that village; a street's,
    its villages."""
    if kind == "restore":
        return lambda u: u == own
    if units.level_of(sender_unit) is units.Level.VILLAGE:
        return lambda u: u == sender_unit
    return lambda u: units.contains(sender_unit, u) and units.level_of(u) is units.Level.VILLAGE


def unit_label(ex: SyncStore, code: str) -> str:
    """``大李家村（210213001001）`` when the unit is known here or is a real 金普新区 unit (the
    shipped statistical codes: a village knows its neighbours' names too), else the code."""
    name = ex.unit_name(code) or units.known_name(code)
    return f"{name}（{code}）" if name and name != code else code


def owned_elsewhere(ex: SyncStore, kind: str, record_id: str, owner: str, claimed: str,
                    sender_unit: str) -> SyncError:
    """The refusal when a package touches a record owned by a unit outside its sender's
    area: names the record and both units."""
    return SyncError("owned_elsewhere", record=record_id, kind=form(kind).title("zh"),
                     kind_en=form(kind).title("en"), owner=unit_label(ex, owner),
                     unit=unit_label(ex, claimed), sender=unit_label(ex, sender_unit))


def record_outside(ex: SyncStore, package_kind: str, kind: str, record_id: str, unit: str,
                   sender_unit: str, own: str) -> SyncError:
    """The refusal when a package carries a record of a unit outside its area (a restore:
    of another unit than the receiving one): names the record and both units."""
    names = {"record": record_id, "kind": form(kind).title("zh"),
             "kind_en": form(kind).title("en"), "unit": unit_label(ex, unit),
             "sender": unit_label(ex, sender_unit)}
    if package_kind == "restore":
        return SyncError("restore_outside", own=unit_label(ex, own), **names)
    return SyncError("record_outside", **names)


class Merger:
    """Merges a package's validated records batch by batch (``plan`` then ``apply``) into
    the transaction the caller holds. The merge base of a record changed here is read
    from the sender's last snapshot once, for the records changed here only."""

    def __init__(self, ex: SyncStore, audit: AuditLog, package_id: str, sender_unit: str,
                 device_id: str):
        self.ex, self.audit = ex, audit
        self.package_id, self.sender_unit, self.device_id = package_id, sender_unit, device_id
        self._base: dict[str, dict[str, Any]] | None = None
        self.now = utc_now()
        # kinds of which nothing was held before this import: a package holds each id
        # once, so no record of theirs can be present (no lookups, batch after batch)
        self.empty = ex.empty_kinds()

    def base(self, record_id: str) -> dict[str, Any] | None:
        if self._base is None:
            self._base = self.ex.snapshot_records(
                self.sender_unit, self.ex.changed_here_ids(self.device_id))
        return self._base.get(record_id)

    def apply(self, result: MergeResult) -> None:
        self.ex.apply(result.plan, self.audit)

    def finish(self, unit_list: list[tuple[str, str]]) -> None:
        if unit_list:
            self.ex.put_units(unit_list)

    def plan(self, incoming: Mapping[str, list[dict[str, Any]]]) -> MergeResult:
        """The plan of one batch of records (ownership already checked)."""
        ex, package_id, device_id, now = self.ex, self.package_id, self.device_id, self.now
        result = MergeResult(MergePlan())
        plan = result.plan
        base = self.base
        for kind in RECORD_KINDS:
            rows = incoming.get(kind, [])
            if not rows:
                continue
            changes = result.changes if form(kind).review is not None else None
            if kind in self.empty:  # none held before: every record of the kind is new
                is_child = kind == "child"
                result.items.extend(
                    _item(kind, r["id"], r.get("child_id") or (r["id"] if is_child else None),
                          r["unit_code"], NEW) for r in rows)
                if changes is not None:
                    changes.extend((kind, None, r) for r in rows)
                plan.inserts[kind] = list(rows)
                plan.updates[kind] = []
                continue
            names = _fields(kind)
            ids = [r["id"] for r in rows]
            present = ex.existing_ids(kind, ids)
            local = ex.existing(kind, [i for i in ids if i in present]) if present else {}
            inserts: list[dict[str, Any]] = []
            updates: list[dict[str, Any]] = []
            for r in rows:
                rid = r["id"]
                child_id = r.get("child_id") or (rid if kind == "child" else None)
                item = (kind, rid, child_id, r["unit_code"])
                loc = local.get(rid)
                if loc is None:
                    inserts.append(r)
                    result.items.append(_item(*item, NEW))
                    if changes is not None:
                        changes.append((kind, None, r))
                    continue
                if _same(kind, loc, r, names):
                    if int(r["version"]) > int(loc["version"]):
                        updates.append(r)
                    result.items.append(ReportItem(*item, UNCHANGED))
                    continue
                changed_here = loc.get("updated_by") == device_id
                if not changed_here and int(r["version"]) != int(loc["version"]):
                    if int(r["version"]) > int(loc["version"]):
                        updates.append(r)
                        if changes is not None:
                            changes.append((kind, loc, r))
                        changed = [n for n in names if loc.get(n) != r.get(n)]
                        plan.events.append(("sync.merge.update", kind, rid, child_id,
                                            {"package_id": package_id, "fields": changed,
                                             "version": r["version"]}))
                        result.items.append(ReportItem(*item, UPDATED, *_labels(kind, changed)))
                    else:
                        result.items.append(ReportItem(*item, UNCHANGED, "收到的是旧版本",
                                                       "an older version"))
                    continue
                b = base(rid) if changed_here else None
                if b is not None and int(r["version"]) <= int(b["version"]):
                    result.items.append(ReportItem(*item, UNCHANGED, "本单位已修改，对方未修改",
                                                   "changed here, not by the sender"))
                    continue
                merged = dict(loc)
                taken: list[str] = []
                conflicts: list[str] = []
                for n in names:
                    rv, lv = r.get(n), loc.get(n)
                    if rv == lv:
                        continue
                    if b is not None and rv == b.get(n):
                        continue  # only changed here: keep ours
                    if b is not None and lv == b.get(n):
                        merged[n] = rv  # only changed there: take theirs
                        taken.append(n)
                        continue
                    conflicts.append(n)
                    plan.conflicts.append({
                        "id": uuid7(), "package_id": package_id, "kind": kind, "record_id": rid,
                        "child_id": child_id, "unit_code": r["unit_code"], "field": n,
                        "local": lv, "incoming": rv, "base": None if b is None else b.get(n)})
                merged.update(version=max(int(loc["version"]), int(r["version"])) + 1,
                              updated_at=now, updated_by=device_id)
                updates.append(merged)
                if changes is not None:
                    changes.append((kind, loc, r))
                plan.events.append(("sync.merge.conflict" if conflicts else "sync.merge.update",
                                    kind, rid, child_id,
                                    {"package_id": package_id, "taken": taken,
                                     "conflicts": conflicts, "version": merged["version"]}))
                if conflicts:
                    result.items.append(ReportItem(*item, CONFLICT, *_labels(kind, conflicts)))
                else:
                    result.items.append(ReportItem(*item, UPDATED, *_labels(kind, taken)))
            plan.inserts[kind] = inserts
            plan.updates[kind] = updates
        _duplicates(ex, incoming.get("child", []), package_id, result)
        return result


_EXTRA_LABELS = {"deleted": ("删除标记", "deleted"), "unit_code": ("所属单位", "unit")}


def _label(kind: str, name: str, lang: str = "zh") -> str:
    f = form(kind)
    if f.has_field(name):
        return f.field(name).en if lang == "en" else f.field(name).zh
    zh, en = _EXTRA_LABELS.get(name, (name, name))
    return en if lang == "en" else zh


def _labels(kind: str, names: list[str]) -> tuple[str, str]:
    """The fields' labels in Chinese and in English, as a report item's details."""
    return ("、".join(_label(kind, n) for n in names),
            ", ".join(_label(kind, n, "en") for n in names))


def _duplicates(ex: SyncStore, children: list[dict[str, Any]], package_id: str,
                result: MergeResult) -> None:
    """Same ID number held by another live child (another village, or twice) → a case."""
    live = [c for c in children if c.get("id_number") and not c.get("deleted")]
    if not live:
        return
    holders = ex.children_by_id_number(sorted({str(c["id_number"]) for c in live}))
    for c in live:
        holders.setdefault(str(c["id_number"]), [])
        if (c["id"], c["unit_code"]) not in holders[str(c["id_number"])]:
            holders[str(c["id_number"])].append((c["id"], c["unit_code"]))
    known: dict[str, set[str]] = {}
    for case in ex.duplicates(status=None):
        known.setdefault(case["id_number"], set()).update(case["record_ids"])
    by_id = {c["id"]: c for c in live}
    index: dict[str, int] | None = None  # child id → position in the report (when needed)
    for number, holders_of in holders.items():
        ids = sorted({h[0] for h in holders_of})
        if len(ids) < 2 or set(ids) <= known.get(number, set()):
            continue
        unit_codes = sorted({h[1] for h in holders_of})
        result.plan.duplicates.append({"id": uuid7(), "package_id": package_id,
                                       "id_number": number, "record_ids": ids,
                                       "unit_codes": unit_codes})
        for rid in ids:
            if rid not in by_id:
                continue
            result.plan.events.append(("sync.duplicate", "child", rid, rid,
                                       {"package_id": package_id, "units": unit_codes}))
            if index is None:
                index = {it.record_id: i for i, it in enumerate(result.items)
                         if it.kind == "child"}
            pos = index.get(rid)
            if pos is not None:
                old = result.items[pos]
                others = [u for u in unit_codes if u != old.unit_code]
                result.items[pos] = ReportItem(
                    old.kind, old.record_id, old.child_id, old.unit_code, DUPLICATE,
                    f"身份证号与{'、'.join(others) or '本村另一条记录'}的儿童相同",
                    f"same ID number as a child of {', '.join(others)}" if others
                    else "same ID number as another child of this village")
