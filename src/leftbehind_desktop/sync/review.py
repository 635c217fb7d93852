"""Review queue: field-level conflicts and duplicate cases left by imports."""

from __future__ import annotations

from typing import Any

from ..core.messages import UserError
from ..store.store import Store
from ..store.sync import SyncStore
from .merge import area, owned_elsewhere


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
