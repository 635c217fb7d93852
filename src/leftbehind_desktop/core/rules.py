"""Policy rules R1–R9 (DESIGN §5) as pure functions over plain records.

Records are mappings with the field names of ``forms/*.toml``; dates are ISO strings.
Nothing here reads a clock: every function takes the date it judges ``as_of``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .dates import age_on, birthday_in_year, month_start, parse_date, previous_month_start

Record = Mapping[str, Any]

ADULT_AGE = 18
CHILD_AGE_LIMIT = 16
COMPULSORY_AGES = range(6, 16)  # 6–15: nine-year compulsory education
PARENT_AWAY = "外出务工"
NO_CAPACITY = frozenset({"无监护能力", "死亡", "服刑", "失联"})
LIVES_ALONE = "单独居住"

REASON_UNATTENDED = "无人监护"
REASON_ONE_AWAY_OTHER_INCAPABLE = "父母一方外出另一方无监护能力"
REASON_OUT_OF_SCHOOL = "失学辍学"
REASON_NO_HUKOU = "无户籍"
AUTO_REASONS = (REASON_UNATTENDED, REASON_ONE_AWAY_OTHER_INCAPABLE, REASON_OUT_OF_SCHOOL,
                REASON_NO_HUKOU)


def _month_end(d: date) -> date:
    nxt = date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)
    return nxt - timedelta(days=1)


# -- R1 visit cadence ---------------------------------------------------------------------
@dataclass(frozen=True)
class VisitDue:
    status: str  # "ok" | "due" | "overdue"
    due_date: date
    days_overdue: int = 0


@dataclass(frozen=True)
class VisitThresholds:
    """The dates R1 compares against on ``as_of``. :func:`visit_due` is defined by them, and
    the work-list query classifies 100,000 children with the same thresholds in SQL
    (``store/worklists.py``; a test checks both agree child by child)."""

    as_of: date
    interval: int
    ok_since: date  # monthly: visited on or after → ok
    due_since: date  # monthly: visited (or registered) on or after → due, else overdue
    month_end: date  # monthly: due date when due
    next_month_end: date  # monthly: next due date when ok
    missed_month_end: date  # monthly: due date when overdue (end of the missed month)
    priority_overdue_before: date  # priority: last visit (or registration) before → overdue
    priority_due_until: date  # priority: … on or before → due, after → ok


def visit_thresholds(as_of: date, priority_interval_days: int = 14) -> VisitThresholds:
    this_month = month_start(as_of)
    end = _month_end(as_of)
    interval = timedelta(days=priority_interval_days)
    return VisitThresholds(
        as_of=as_of, interval=priority_interval_days, ok_since=this_month,
        due_since=previous_month_start(as_of), month_end=end,
        next_month_end=_month_end(end + timedelta(days=1)),
        missed_month_end=this_month - timedelta(days=1),
        priority_overdue_before=as_of - interval,
        priority_due_until=max(end, as_of + timedelta(days=7)) - interval)


def monthly_ok_since(as_of: date) -> date:
    """A non-priority child visited on or after this date is ``ok`` on ``as_of``."""
    return month_start(as_of)


def visit_due(
    last_visit: date | None,
    registered_on: date,
    is_priority: bool,
    as_of: date,
    priority_interval_days: int = 14,
) -> VisitDue:
    """R1: every active child at least one visit per calendar month; priority cases every
    ``priority_interval_days`` days.

    Monthly: a visit this month → ok (next due at the end of next month); none yet → due by
    the end of this month; none this month nor last month (and registered before last
    month) → overdue since the end of last month.
    Priority: due ``interval`` days after the last visit (or registration); listed as due
    from the start of that month or a week ahead, overdue once the day has passed.
    """
    t = visit_thresholds(as_of, priority_interval_days)
    if is_priority:
        base = last_visit or registered_on
        due = base + timedelta(days=priority_interval_days)
        if base < t.priority_overdue_before:
            return VisitDue("overdue", due, (as_of - due).days)
        if base <= t.priority_due_until:
            return VisitDue("due", due)
        return VisitDue("ok", due)
    if last_visit is not None and last_visit >= t.ok_since:
        return VisitDue("ok", t.next_month_end)
    if (last_visit is not None and last_visit >= t.due_since) or registered_on >= t.due_since:
        return VisitDue("due", t.month_end)
    return VisitDue("overdue", t.missed_month_end, (as_of - t.missed_month_end).days)


# -- R2, R4, R5 and the one-away rule: automatic priority reasons ----------------------------
def _parents(family: Sequence[Record]) -> tuple[Record | None, Record | None]:
    father = next((m for m in family if m.get("relation") == "父亲"), None)
    mother = next((m for m in family if m.get("relation") == "母亲"), None)
    return father, mother


def child_age(child: Record, as_of: date) -> int | None:
    birth = parse_date(child.get("birth_date"))
    return None if birth is None else age_on(birth, as_of)


def lives_alone(child: Record, as_of: date) -> bool:
    """R2: a child under 16 living alone."""
    age = child_age(child, as_of)
    return child.get("living_arrangement") == LIVES_ALONE and (age is None or age < 16)


def auto_flag_reasons(child: Record, family: Sequence[Record], as_of: date) -> list[str]:
    """Priority reasons the rules raise by themselves (重点对象)."""
    reasons: list[str] = []
    age = child_age(child, as_of)
    if lives_alone(child, as_of) or child.get("guardianship_grade") == REASON_UNATTENDED:
        reasons.append(REASON_UNATTENDED)
    father, mother = _parents(family)
    if father is not None and mother is not None:
        statuses = {father.get("status"), mother.get("status")}
        if PARENT_AWAY in statuses and "无监护能力" in statuses:
            reasons.append(REASON_ONE_AWAY_OTHER_INCAPABLE)
    schooling = child.get("schooling")
    if age is not None and (
        (schooling == "辍学" and age in COMPULSORY_AGES)
        or (schooling == "不在学" and 14 <= age < 16)
    ):
        reasons.append(REASON_OUT_OF_SCHOOL)
    if child.get("hukou_registered") is False or child.get("hukou_registered") == 0:
        reasons.append(REASON_NO_HUKOU)
    return reasons


# -- R3 entrustment --------------------------------------------------------------------------
def parents_unavailable(family: Sequence[Record]) -> bool:
    """Both parents away, or one away and the other without guardianship capacity."""
    father, mother = _parents(family)
    statuses = [m.get("status") for m in (father, mother) if m is not None]
    if not statuses:
        return False
    away = sum(1 for s in statuses if s == PARENT_AWAY)
    unable = sum(1 for s in statuses if s in NO_CAPACITY)
    return (away >= 1 and away + unable == 2) or (len(statuses) == 1 and away == 1)


def entrustment_active(e: Record, as_of: date) -> bool:
    start = parse_date(e.get("start_date"))
    end = parse_date(e.get("end_date"))
    if start is None or start > as_of or (end is not None and end < as_of):
        return False
    birth = parse_date(e.get("guardian_birth_date"))
    adult = birth is not None and age_on(birth, as_of) >= ADULT_AGE
    return bool(e.get("has_capacity")) and adult


def needs_entrustment(
    family: Sequence[Record], entrustments: Sequence[Record], as_of: date
) -> bool:
    """R3: parents unavailable and no active entrustment to an adult with capacity."""
    if not parents_unavailable(family):
        return False
    return not any(entrustment_active(e, as_of) for e in entrustments
                   if not e.get("deleted"))


# -- R7 exit proposals -----------------------------------------------------------------------
@dataclass(frozen=True)
class ExitProposal:
    reason: str
    date: date


def exit_proposal(child: Record, family: Sequence[Record], as_of: date) -> ExitProposal | None:
    """R7: a child reaching 16, or both parents back home, is proposed for exit."""
    if child.get("status") == "已退出":
        return None
    birth = parse_date(child.get("birth_date"))
    if birth is not None and age_on(birth, as_of) >= CHILD_AGE_LIMIT:
        return ExitProposal("年满16周岁", birthday_in_year(birth, birth.year + CHILD_AGE_LIMIT))
    father, mother = _parents(family)
    parents = [p for p in (father, mother) if p is not None]
    if parents and all(p.get("status") == "在家" for p in parents) and len(parents) == 2:
        return ExitProposal("父母返乡", as_of)
    return None


# -- R9 priority persists while a report is open ------------------------------------------------
def report_open(report: Record) -> bool:
    return report.get("followup_status") != "已结案" and not report.get("deleted")


def is_priority(open_flags: Sequence[Record], reports: Sequence[Record]) -> bool:
    """A child is a priority case while a flag is open or a mandatory report is open (R9)."""
    return any(f.get("status") == "开放" and not f.get("deleted") for f in open_flags) or any(
        report_open(r) for r in reports
    )
