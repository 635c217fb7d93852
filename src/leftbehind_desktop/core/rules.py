"""Policy rules R1–R10 (DESIGN §5) as pure functions over plain records.

Records are mappings with the field names of ``forms/*.toml``; dates are ISO strings.
Nothing here reads a clock: every function takes the date it judges ``as_of``.
Each rule cites the clause of 大金普管发〔2017〕28号 it implements; ``docs/POLICY.md`` maps
every operative clause to its function, its test and the screen or export that shows it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .dates import (
    age_on,
    birthday_in_year,
    month_start,
    parse_date,
    previous_month_start,
    quarter_of,
)
from .messages import Message

Record = Mapping[str, Any]

# Bumped when a rule starts to raise flags it did not raise before (issue 11: rule 1 and
# rule 3), so stores written under the older rules get them once (Registry.apply_rules).
RULES_VERSION = 2

ADULT_AGE = 18
CHILD_AGE_LIMIT = 16
COMPULSORY_AGES = range(6, 16)  # 6–15: nine-year compulsory education
PARENT_AWAY = "外出务工"
PARENT_HOME = "在家"
# A parent who cannot care for the child (二(七)1 "另一方无监护能力"), with the parent situations
# the national 事实无人抚养 criteria use (民发〔2019〕62号: 重残、重病、服刑在押、强制隔离戒毒、
# 死亡、失联).
NO_CAPACITY = frozenset({"无监护能力", "死亡", "服刑", "失联", "重残", "重病", "强制隔离戒毒"})
SINCE_STATUSES = frozenset({"失联", "服刑"})  # these carry a "since" date (status_since)
LIVES_ALONE = "单独居住"
HOME_VISIT = "入户走访"
OUT_OF_SCHOOL_COMPULSORY = frozenset({"辍学", "不在学"})  # at 6–15
NEVER_ENROLLED = frozenset({"未入园", "不在学"})  # at 7 and over
NEVER_ENROLLED_AGE = 7
SITUATION_ALONE = "单独居住"
SITUATION_GUARDIAN = "监护人无力履行或怠于履行监护职责"
REVOKE_AFTER_MONTHS = 6

ACTIVE = "在册"  # child_status: on the register
EXITED = "已退出"
FLAG_OPEN = "开放"
REPORT_CLOSED = "已结案"
FATHER = "父亲"
MOTHER = "母亲"
REVOKE_MEASURE = "申请撤销监护人资格"
PARENT_MISSING = "失联"

REASON_UNATTENDED = "无人监护"
REASON_ONE_AWAY_OTHER_INCAPABLE = "父母一方外出另一方无监护能力"
REASON_OUT_OF_SCHOOL = "失学辍学"
REASON_NO_HUKOU = "无户籍"
AUTO_REASONS = (REASON_UNATTENDED, REASON_ONE_AWAY_OTHER_INCAPABLE, REASON_OUT_OF_SCHOOL,
                REASON_NO_HUKOU)


def born_by(as_of: date, years: int) -> date:
    """The latest birth date of someone ``years`` or older on ``as_of``: :func:`age_on` falls
    as the birth date rises, so "age ≥ years" is "born on or before this day". The work
    lists (``store/worklists.py``) compare birth dates with it in SQL; the predicates here
    use it too, so both ask the same question."""
    try:
        return as_of.replace(year=as_of.year - years)
    except ValueError:  # 29 February, the year ``years`` back has none
        return date(as_of.year - years, 2, 28)


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


# -- R2, R4, R5 and rule 1: automatic priority reasons ----------------------------------------
def _parents(family: Sequence[Record]) -> tuple[Record | None, Record | None]:
    """The child's father and mother: the first live 父亲 and 母亲 of ``family`` (in record
    order; the work lists take the first by rowid)."""
    father = mother = None
    for m in family:
        if m.get("deleted"):
            continue
        relation = m.get("relation")
        if relation == FATHER and father is None:
            father = m
        elif relation == MOTHER and mother is None:
            mother = m
    return father, mother


def child_age(child: Record, as_of: date) -> int | None:
    birth = parse_date(child.get("birth_date"))
    return None if birth is None else age_on(birth, as_of)


def lives_alone(child: Record, as_of: date) -> bool:
    """R2 (二(一)1 "不得让不满十六周岁的儿童脱离监护单独居住生活"): a child under 16 living alone."""
    age = child_age(child, as_of)
    return child.get("living_arrangement") == LIVES_ALONE and (age is None or age < 16)


def parent_unable(parent: Record | None) -> bool:
    """A parent who cannot care for the child: 无监护能力, 死亡, 服刑, 失联, 重残, 重病 or
    强制隔离戒毒 (二(七)1 "另一方无监护能力"; the national 事实无人抚养 parent situations)."""
    return parent is not None and parent.get("status") in NO_CAPACITY


def _describe(relation: str, parent: Record) -> str:
    text = f"{relation}{parent.get('status')}"
    since = parse_date(parent.get("status_since"))
    if parent.get("status") in SINCE_STATUSES and since is not None:
        text += f"（自{since.isoformat()}起）"
    return text


def guardianship_causes(family: Sequence[Record]) -> dict[str, str]:
    """Rule 1 (二(七)1, 三(一)2): the parents' situation as a priority reason and its cause.

    - one parent 外出务工 and the other unable (:func:`parent_unable`) →
      父母一方外出另一方无监护能力;
    - neither parent able to care (both unable, whatever the mix) → 无人监护 (the policy's
      first 重点对象; the national 事实无人抚养 case).

    Both parents must be recorded: with one of them unknown nothing is concluded.
    """
    father, mother = _parents(family)
    if father is None or mother is None:
        return {}
    if parent_unable(father) and parent_unable(mother):
        return {REASON_UNATTENDED: "父母均无法履行监护：" + _describe("父亲", father) + "，"
                + _describe("母亲", mother)}
    for away, other, away_rel, other_rel in ((father, mother, "父亲", "母亲"),
                                             (mother, father, "母亲", "父亲")):
        if away.get("status") == PARENT_AWAY and parent_unable(other):
            return {REASON_ONE_AWAY_OTHER_INCAPABLE: f"{away_rel}外出务工，"
                    + _describe(other_rel, other)}
    return {}


def out_of_school(child: Record, as_of: date) -> bool:
    """Rule 3 (二(四)1 控辍保学, 二(七)1 失学辍学): at the cut-off date ``as_of`` a child of
    compulsory-education age (6–15) who is 辍学 or 不在学, or a child of 7 or over who is
    未入园 (never enrolled) or 不在学."""
    schooling = child.get("schooling")
    if schooling not in OUT_OF_SCHOOL_COMPULSORY and schooling not in NEVER_ENROLLED:
        return False
    age = child_age(child, as_of)
    if age is None or age >= CHILD_AGE_LIMIT:
        return False
    return ((schooling in OUT_OF_SCHOOL_COMPULSORY and age in COMPULSORY_AGES)
            or (schooling in NEVER_ENROLLED and age >= NEVER_ENROLLED_AGE))


def auto_flag_causes(child: Record, family: Sequence[Record], as_of: date) -> dict[str, str]:
    """Priority reasons the rules raise by themselves (重点对象, 二(七)1), each with the cause
    written into the flag's 具体情况: R2 living alone → 无人监护; rule 1 (the parents);
    rule 3 out of school → 失学辍学; R5 no household registration → 无户籍."""
    causes: dict[str, str] = {}
    if lives_alone(child, as_of):
        causes[REASON_UNATTENDED] = "未满16周岁单独居住"
    elif child.get("guardianship_grade") == REASON_UNATTENDED:
        causes[REASON_UNATTENDED] = "监护类型为无人监护"
    for reason, cause in guardianship_causes(family).items():
        causes.setdefault(reason, cause)
    if out_of_school(child, as_of):
        age = child_age(child, as_of)
        causes[REASON_OUT_OF_SCHOOL] = f"{age}周岁，就学情况：{child.get('schooling')}"
    if child.get("hukou_registered") is False or child.get("hukou_registered") == 0:
        causes[REASON_NO_HUKOU] = "未登记户口"
    order = {r: i for i, r in enumerate(AUTO_REASONS)}
    return dict(sorted(causes.items(), key=lambda kv: order.get(kv[0], 99)))


def auto_flag_reasons(child: Record, family: Sequence[Record], as_of: date) -> list[str]:
    """Priority reasons the rules raise by themselves (重点对象)."""
    return list(auto_flag_causes(child, family, as_of))


def report_situation(child: Record, family: Sequence[Record], as_of: date) -> str | None:
    """The mandatory-report situation the child is in, if any (三(一)1-2): living alone →
    单独居住; no parent able to care, or one away and the other unable ("边排查、边发现、
    边报告" of 父母一方外出另一方无监护能力或无人监护) → 监护人无力履行或怠于履行监护职责."""
    if lives_alone(child, as_of):
        return SITUATION_ALONE
    if guardianship_causes(family) or child.get("guardianship_grade") == REASON_UNATTENDED:
        return SITUATION_GUARDIAN
    return None


def report_prompt(child: Record, family: Sequence[Record], reports: Sequence[Record],
                  as_of: date) -> str | None:
    """Rule 1 / R2: the situation to prompt a mandatory report for — living alone always
    (三(一)1 第一时间报告); the parents' situation only while the child has no open report."""
    situation = report_situation(child, family, as_of)
    if situation == SITUATION_ALONE:
        return situation
    if situation is not None and not any(report_open(r) for r in reports):
        return situation
    return None


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


def entrustment_days(e: Record) -> tuple[date, date | None] | None:
    """The days an entrustment is in force (R3): to a guardian with capacity, from its start
    or the guardian's 18th birthday, whichever is later, to its end (None: no end); None
    when it never is. The store keeps them for a child's only entrustment (the work list
    compares them in SQL, ``store/worklists.py``)."""
    start = parse_date(e.get("start_date"))
    birth = parse_date(e.get("guardian_birth_date"))
    if start is None or birth is None or not e.get("has_capacity"):
        return None
    adult = birthday_in_year(birth, birth.year + ADULT_AGE)  # the first day of age 18
    return max(start, adult), parse_date(e.get("end_date"))


def entrustment_active(e: Record, as_of: date) -> bool:
    days = entrustment_days(e)
    return days is not None and days[0] <= as_of and (days[1] is None or as_of <= days[1])


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
    if child.get("status") == EXITED:
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
    return report.get("followup_status") != REPORT_CLOSED and not report.get("deleted")


def is_priority(open_flags: Sequence[Record], reports: Sequence[Record]) -> bool:
    """A child is a priority case while a flag is open or a mandatory report is open (R9)."""
    return any(f.get("status") == FLAG_OPEN and not f.get("deleted") for f in open_flags) or any(
        report_open(r) for r in reports
    )


# -- rule 2: which contacts count as the monthly home visit -------------------------------------
def counts_as_home_visit(visit: Record) -> bool:
    """二(二)2 "每月至少走访一次留守儿童家庭": only an 入户走访 is the monthly visit of R1; a
    phone call (电话随访) or a school visit (学校走访) is recorded and shown but does not reset
    the cadence. (A record without a type is a home visit: the form's default.)"""
    return (visit.get("visit_type") or HOME_VISIT) == HOME_VISIT and not visit.get("deleted")


def applies_living_arrangement(visit: Record, recorded: str | None) -> bool:
    """Rule 2: does this contact change the child's recorded living arrangement?

    A home visit does (it saw how the child lives). Another contact does not, with one
    exception that errs on the child's side: a report that the child now lives alone is
    taken at once (R2 flags and prompts the report); but a recorded 单独居住 is only ever
    cleared by a home visit. Any other change a phone or school contact reports becomes a
    "verify at home" item (:func:`verify_at_home`)."""
    found = visit.get("living_arrangement")
    if not found or found == recorded:
        return False
    if counts_as_home_visit(visit):
        return True
    return bool(found == LIVES_ALONE)


@dataclass(frozen=True)
class VerifyAtHome:
    visit_date: date
    visit_type: str
    reported: str
    recorded: str | None


def verify_at_home(recorded: str | None, visits: Sequence[Record]) -> VerifyAtHome | None:
    """Rule 2: the newest phone or school contact after the newest home visit that reported
    a living arrangement other than the recorded one → verify at home (None once a home
    visit came after it)."""
    live = [v for v in visits if not v.get("deleted") and parse_date(v.get("visit_date"))]
    last_home = max((str(v["visit_date"]) for v in live if counts_as_home_visit(v)),
                    default="")
    pending = [v for v in live if not counts_as_home_visit(v)
               and str(v["visit_date"]) > last_home
               and v.get("living_arrangement") and v.get("living_arrangement") != recorded]
    if not pending:
        return None
    v = max(pending, key=lambda r: (str(r["visit_date"]), str(r.get("created_at") or "")))
    d = parse_date(v["visit_date"])
    assert d is not None
    return VerifyAtHome(d, str(v.get("visit_type")), str(v["living_arrangement"]), recorded)


# -- rule 3: the 劝返复学 follow-up of an out-of-school child ----------------------------------------
PERSUASION_TODO = "待告知学校"
PERSUASION_AT_SCHOOL = "已告知学校，劝返中"
PERSUASION_REPORTED = "劝返无效，已书面报告"
PERSUASION_RETURNED = "已复学"


def persuasion_state(flag: Record) -> str:
    """二(四)3 "落实辍学学生登记、劝返复学和书面报告制度，劝返无效的，应书面报告教育行政部门和
    街道办事处": the state of a 失学辍学 flag's follow-up from its dates — 待告知学校 →
    已告知学校，劝返中 → 劝返无效，已书面报告 → 已复学. Tracked until the flag is closed."""
    if flag.get("returned_on"):
        return PERSUASION_RETURNED
    if flag.get("written_report_on"):
        return PERSUASION_REPORTED
    if flag.get("school_notified_on"):
        return PERSUASION_AT_SCHOOL
    return PERSUASION_TODO


# -- R10 / rule 5: which quarter a record belongs to --------------------------------------------
RECORD_DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "visit": ("visit_date",),
    "entrustment": ("start_date", "end_date"),
    "priority_flag": ("opened_on", "closed_on"),
    "mandatory_report": ("reported_at",),
    "assessment": ("assessed_on",),
    "pairing": ("start_date", "end_date"),
    "child": ("exit_date",),
    "family_member": ("status_since",),
}


def record_dates(kind: str, record: Record) -> list[date]:
    """The record's own dates that place it in quarters (R10, 二(二)1 quarterly ledger): a
    visit by its visit date, a report by its report time, an entrustment or pairing by its
    start and end, a flag by its opening and closing; a child (and a family member, part of
    the child's data) also by the day it was registered. Never by when it was typed."""
    out: list[date] = []
    if kind in ("child", "family_member"):
        reg = parse_date(str(record.get("created_at") or "")[:10])
        if reg is not None:
            out.append(reg)
    for name in RECORD_DATE_FIELDS.get(kind, ()):
        d = parse_date(str(record.get(name) or "")[:10])
        if d is not None:
            out.append(d)
    return out


def locked_quarter(kind: str, versions: Sequence[Record], locked_through: str | None
                   ) -> str | None:
    """R10: the earliest reported (locked) quarter that adding, changing or deleting this
    record touches — any of its dates, before or after the change, in a quarter up to
    ``locked_through`` (e.g. ``2026Q3``) — or None when the write needs no reason."""
    if not locked_through:
        return None
    quarters = sorted(quarter_of(d) for rec in versions for d in record_dates(kind, rec))
    hit = [q for q in quarters if q <= locked_through]
    return hit[0] if hit else None


# -- rule 6: the assessment after a mandatory report ------------------------------------------
def reports_awaiting_assessment(reports: Sequence[Record], assessments: Sequence[Record]
                                ) -> list[Record]:
    """三(三) 健全评估帮扶机制: every mandatory report is followed by an assessment (评估帮扶)
    linked to it (``report_ref``); the reports that still have none."""
    done = {a.get("report_ref") for a in assessments if not a.get("deleted")}
    return [r for r in reports if not r.get("deleted") and r.get("id") not in done]


# -- rule 7: guardianship watch ------------------------------------------------------------------
def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (the last day of the month when it has none: 31 August
    + 6 months = 28/29 February)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return min(d.replace(year=year, month=month, day=1) + timedelta(days=d.day - 1),
               _month_end(date(year, month, 1)))


def revocation_since_by(as_of: date) -> date:
    """The latest "since" date that is :data:`REVOKE_AFTER_MONTHS` months old on ``as_of``
    (:func:`add_months` never falls as its date rises, so "due on or before ``as_of``" is
    "since on or before this day"); what the work list compares in SQL."""
    d = as_of - timedelta(days=31 * REVOKE_AFTER_MONTHS)
    while add_months(d + timedelta(days=1), REVOKE_AFTER_MONTHS) <= as_of:
        d += timedelta(days=1)
    return d


@dataclass(frozen=True)
class RevocationWatch:
    relation: str  # 父亲 / 母亲 / 监护人
    cause: str
    since: date
    due: date


def revocation_watch(family: Sequence[Record], reports: Sequence[Record], as_of: date
                     ) -> list[RevocationWatch]:
    """三(四)3: a parent out of contact (失联), or a guardian not caring for the child
    (an open report of 监护人无力履行或怠于履行监护职责), for 6 months or more → consider
    applying to the court to revoke guardianship (法发〔2014〕24号). Due 6 months after the
    "since" date (or, without one, the day the situation was recorded). Not listed once a
    report records 申请撤销监护人资格 among its measures."""
    if any(REVOKE_MEASURE in (r.get("response_measures") or []) for r in reports
           if not r.get("deleted")):
        return []
    out: list[RevocationWatch] = []
    father, mother = _parents(family)
    for rel, parent in ((FATHER, father), (MOTHER, mother)):
        if parent is None or parent.get("status") != PARENT_MISSING:
            continue
        since = parse_date(parent.get("status_since")) or parse_date(
            str(parent.get("created_at") or "")[:10])
        if since is None:
            continue
        due = add_months(since, REVOKE_AFTER_MONTHS)
        if due <= as_of:
            out.append(RevocationWatch(rel, PARENT_MISSING, since, due))
    for r in reports:
        if r.get("situation") != SITUATION_GUARDIAN or not report_open(r):
            continue
        since = parse_date(str(r.get("reported_at") or "")[:10])
        if since is None:
            continue
        due = add_months(since, REVOKE_AFTER_MONTHS)
        if due <= as_of:
            out.append(RevocationWatch("监护人", "拒不履行监护职责", since, due))
    return sorted(out, key=lambda w: w.due)


# -- what the child file shows: the rules that hold for this child now ---------------------------
def child_alerts(file: Mapping[str, Any], as_of: date) -> list[Message]:
    """The rules that ask something of the officer for this child on ``as_of`` — the same
    pure functions the work lists use — as messages for the child file (screen and PDF)."""
    child = file["child"]
    if child.get("status") != "在册":
        return []
    family = file.get("family_member") or []
    reports = file.get("mandatory_report") or []
    flags = [f for f in file.get("priority_flag") or [] if f.get("status") == "开放"]
    out: list[Message] = []
    situation = report_prompt(child, family, reports, as_of)
    if situation is not None and not any(report_open(r) for r in reports):
        out.append(Message("alert_report", {"situation": situation}))
    item = verify_at_home(child.get("living_arrangement"), file.get("visit") or [])
    if item is not None:
        out.append(Message("alert_verify_home", {
            "date": item.visit_date.isoformat(), "type": item.visit_type,
            "reported": item.reported, "recorded": item.recorded or ""}))
    dropout = [f for f in flags if f.get("reason") == REASON_OUT_OF_SCHOOL]
    if dropout or out_of_school(child, as_of):
        state = persuasion_state(dropout[0]) if dropout else PERSUASION_TODO
        out.append(Message("alert_out_of_school", {
            "age": child_age(child, as_of), "schooling": child.get("schooling") or "",
            "state": state}))
    for r in reports_awaiting_assessment(reports, file.get("assessment") or []):
        out.append(Message("alert_assessment", {
            "reported_at": str(r.get("reported_at") or "")[:16]}))
    for w in revocation_watch(family, reports, as_of):
        out.append(Message("alert_revocation", {
            "relation": w.relation, "cause": w.cause, "since": w.since.isoformat(),
            "due": w.due.isoformat()}))
    return out
