"""Quarter overview (R6): which units below this office have sent their quarterly package,
which are late (deadline = quarter end + ``quarter_deadline_days``), how far their record-level
review (逐条审核, ``sync/review.py``) is — items pending, returned, reviewed (已审核) — and the
open conflicts and duplicate cases per unit, and whether the unit got its receipt (回执).
At the district, a street's row also says how
many of its villages the street reviewed (the state its package forwarded)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..core import units
from ..store.receipts import ReceiptOut
from ..store.review_items import ReviewItems
from ..store.store import Store
from ..store.sync import SyncStore
from . import receipts
from .package import check_period
from .review import quarter_states


@dataclass(frozen=True)
class UnitStatus:
    unit_code: str
    unit_name: str
    enrolled: bool
    received_at: str | None  # first quarterly package of the period
    packages: int
    late: bool
    reviewed_at: str | None
    reviewed_by: str | None
    open_conflicts: int
    open_duplicates: int
    review_total: int = 0
    review_pending: int = 0  # pending or answered (waiting for a decision)
    review_returned: int = 0
    # at the district: (villages the street reviewed, villages it reported on), forwarded
    forwarded: tuple[int, int] | None = None
    # the receipt (回执) of the unit's newest package of the period: "" nothing received,
    # else none (未生成) / made (已生成未写出) / written (已写出待确认) / acknowledged (已确认)
    receipt: str = ""
    receipt_id: str | None = None

    @property
    def receipt_text(self) -> str:
        return receipts.STATE_ZH[self.receipt] if self.receipt else ""

    @property
    def receipt_text_en(self) -> str:
        return receipts.STATE_EN[self.receipt] if self.receipt else ""

    @property
    def state(self) -> str:
        if self.reviewed_at:
            return "已审核"
        if self.received_at:
            return "已报送（逾期）" if self.late else "已报送"
        return "逾期未报" if self.late else "未报送"

    @property
    def state_en(self) -> str:
        return {"已审核": "reviewed", "已报送（逾期）": "sent (late)", "已报送": "sent",
                "逾期未报": "missing (late)", "未报送": "not yet sent"}[self.state]

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "state": self.state, "state_en": self.state_en,
                "receipt_text": self.receipt_text}


@dataclass(frozen=True)
class Overview:
    period: str
    deadline: date
    rows: list[UnitStatus]

    def as_dict(self) -> dict[str, Any]:
        return {"period": self.period, "deadline": self.deadline.isoformat(),
                "units": [r.as_dict() for r in self.rows]}


def _receipt(state: tuple[str, ReceiptOut | None] | None) -> tuple[str, str | None]:
    if state is None:
        return "", None
    return state[0], state[1].receipt_id if state[1] is not None else None


def deadline_of(store: Store, period: str) -> date:
    from ..core.dates import quarter_bounds

    return quarter_bounds(period)[1] + timedelta(days=store.int_setting("quarter_deadline_days",
                                                                        10))


def overview(store: Store, period: str, today: date | None = None) -> Overview:
    check_period(period)
    today = today or date.today()
    ex = SyncStore(store)
    deadline = deadline_of(store, period)
    own = store.unit_code
    enrolled = {k.unit_code for k in ex.keys(relation="child", status="active")}
    ever_enrolled = {k.unit_code for k in ex.keys(relation="child")}
    received: dict[str, list[str]] = {}
    for p in ex.packages(direction="in", period=period):
        if p.kind == "quarterly":
            received.setdefault(p.sender_unit, []).append(p.processed_at)
    # the units that report here: enrolled once or sent something (a store knows all its
    # real villages / streets by name, but one without the app is not "late")
    children = [(c, n) for c, n in ex.unit_list()
                if c != own and units.parent_of(c) == own
                and (c in ever_enrolled or c in received)]
    states = quarter_states(store, period)
    receipt_states = receipts.unit_states(store, period)
    forwarded: dict[str, list[bool]] = {}
    for f in ReviewItems(store).forwarded(period):
        forwarded.setdefault(str(f["sender_unit"]), []).append(bool(f.get("reviewed")))
    conflicts: dict[str, int] = {}
    for c in ex.conflicts():
        key = c["unit_code"] if units.level_of(own) is units.Level.STREET else \
            str(c["unit_code"])[:9] + "000"
        conflicts[key] = conflicts.get(key, 0) + 1
    dups: dict[str, int] = {}
    for d in ex.duplicates():
        for u in d["unit_codes"]:
            key = u if units.level_of(own) is units.Level.STREET else u[:9] + "000"
            dups[key] = dups.get(key, 0) + 1
    rows = []
    for code, name in children:
        got = sorted(received.get(code, []))
        first = got[0] if got else None
        late = (first is not None and date.fromisoformat(first[:10]) > deadline) or (
            first is None and today > deadline)
        st = states.get(code, {})
        fw = forwarded.get(code)
        rows.append(UnitStatus(code, name, code in enrolled, first, len(got), late,
                               st.get("reviewed_at") if st.get("reviewed") else None,
                               st.get("officer") if st.get("reviewed") else None,
                               conflicts.get(code, 0), dups.get(code, 0),
                               st.get("total", 0), st.get("pending", 0) + st.get("answered", 0),
                               st.get("returned", 0),
                               (sum(fw), len(fw)) if fw is not None else None,
                               *_receipt(receipt_states.get(code))))
    return Overview(period, deadline, rows)
