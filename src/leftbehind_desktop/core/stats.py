"""What the figures of 汇总分析 mean (the dashboard, ``leftbehind stats`` and the 分析报告 PDF):
the cut-off date of a period, the age bands, who is counted, what home-visit coverage is,
how old an open report is, whether a quarter's package is missing or late. Pure: no clock, no
SQL; ``store/stats.py`` turns these definitions into set-wise queries.

Definitions (``docs/POLICY.md``, ``docs/CLI.md``):

- **cut-off date** (统计截止日期) of a period: its last day, or today while the quarter runs —
  ``min(today, quarter end)``. Ages, open flags and open reports are taken on it.
- **counted child**: on the register on the cut-off date (registered by then, not removed,
  still 在册 or exited only after it) and under 16 on it — the ledger's rule
  (``exports/ledger.py``: children of 16 are 待退出, counted nowhere; 二(二)1, R7).
- **age bands** of 附件3: 0–5, 6–13, 14–15 completed years on the cut-off date.
- **home-visit coverage**: of the counted children, the share with at least one 入户走访
  (``rules.counts_as_home_visit``: a phone call or a school visit does not count) dated in the
  cut-off's calendar month, on or before the cut-off (二(二)2 每月至少走访一次).
- **priority reasons**: the reasons of the 重点对象 flags open on the cut-off date (opened by
  then, not closed by then); a child with two reasons counts under each.
- **open reports**: mandatory reports made by the cut-off date and not 已结案 (R9), of the
  scope's children; their **age** is the days from the report to the cut-off, in bands.
- **entrustment gaps**: counted children for whom R3 holds on the cut-off date
  (``rules.needs_entrustment``).
- **packages**: a unit below this office that reports here (enrolled once, or sent one) and
  has no quarterly package of the period is missing; late when the first one came after the
  deadline (quarter end + ``quarter_deadline_days``), or none came and the deadline passed —
  the rule of the 数据交换 overview (``sync/overview.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import rules
from .codebooks import codebook
from .dates import local_time, quarter_bounds, quarter_of
from .messages import UserError

# (code, lowest age, highest age) — codes are what --json prints; labels below
AGE_BANDS: tuple[tuple[str, int, int], ...] = (("0-5", 0, 5), ("6-13", 6, 13), ("14-15", 14, 15))
AGE_LIMIT = rules.CHILD_AGE_LIMIT  # 16: not counted (待退出)
AGE_BAND_LABELS = {"0-5": ("0-5岁", "0–5"), "6-13": ("6-13岁", "6–13"),
                   "14-15": ("14-15岁", "14–15")}
# how long an open report has been open on the cut-off date: (code, fewest days, most days)
REPORT_AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-7", 0, 7), ("8-30", 8, 30), ("31-90", 31, 90), ("91+", 91, None))
REPORT_AGE_LABELS = {"0-7": ("7天以内", "up to 7 days"), "8-30": ("8-30天", "8–30 days"),
                     "31-90": ("31-90天", "31–90 days"), "91+": ("90天以上", "over 90 days")}
TREND_QUARTERS = 8  # the trend shows at most the last two years
HOME_VISIT = rules.HOME_VISIT
# package states (missing / late) — the 数据交换 overview's words
SENT, SENT_LATE, NOT_SENT, MISSING = "已报送", "已报送（逾期）", "未报送", "逾期未报"
PACKAGE_STATE_EN = {SENT: "sent", SENT_LATE: "sent (late)", NOT_SENT: "not yet sent",
                    MISSING: "missing (late)"}
# dimensions of a bar a user can click through (children_behind)
DIMENSIONS = ("total", "unit", "sex", "age_band", "guardianship", "priority_reason",
              "home_visit", "report_age", "entrustment_gap")
VISITED, NOT_VISITED = "visited", "not_visited"


def bad_period(period: str) -> UserError:
    return UserError("bad_period", f"统计期格式不对：{period}（应为如 2026Q4）",
                     f"Bad period: {period} (expected e.g. 2026Q4)")


def cutoff(period: str, today: date) -> date:
    """统计截止日期: the quarter's last day, or ``today`` while it runs. A quarter that has not
    begun has no figures (a clear error)."""
    try:
        start, end = quarter_bounds(period)
    except (ValueError, IndexError):
        raise bad_period(period) from None
    if start > today:
        raise UserError("period_in_future", f"统计期 {period} 尚未开始",
                        f"The period {period} has not begun")
    return min(today, end)


def born_by(age: int, on: date) -> date:
    """The latest birth date of a child who is at least ``age`` on ``on`` (born 29 February:
    the birthday is 1 March in common years, so the day before is the bound)."""
    try:
        return on.replace(year=on.year - age)
    except ValueError:  # on = 29 February, the year ``age`` before is a common year
        return date(on.year - age, 2, 28)


@dataclass(frozen=True)
class AgeBounds:
    """Birth-date bounds (ISO strings) of the bands on a cut-off date: a child is in
    ``band`` when ``after < birth_date <= on_or_before``; counted when born after
    ``limit`` (under 16)."""

    bands: tuple[tuple[str, str, str], ...]  # (code, after, on_or_before)
    limit: str  # born on or before → 16 or older: not counted


def age_bounds(cut: date) -> AgeBounds:
    bands = tuple((code, born_by(hi + 1, cut).isoformat(), born_by(lo, cut).isoformat())
                  for code, lo, hi in AGE_BANDS)
    return AgeBounds(bands, born_by(AGE_LIMIT, cut).isoformat())


def age_band(age: int | None) -> str | None:
    """The band of an age in completed years (None: none, e.g. 16 or older)."""
    if age is None:
        return None
    for code, lo, hi in AGE_BANDS:
        if lo <= age <= hi:
            return code
    return None


def report_age_bounds(cut: date) -> tuple[tuple[str, str, str | None], ...]:
    """(code, reported on or before, reported after) as ISO dates: a report made on day d is
    in ``code`` when ``after < d <= on_or_before`` (after None: no lower bound)."""
    out = []
    for code, lo, hi in REPORT_AGE_BANDS:
        upper = (cut - timedelta(days=lo)).isoformat()
        lower = None if hi is None else (cut - timedelta(days=hi + 1)).isoformat()
        out.append((code, upper, lower))
    return tuple(out)


def report_age_band(reported: date, cut: date) -> str:
    days = (cut - reported).days
    for code, lo, hi in REPORT_AGE_BANDS:
        if days >= lo and (hi is None or days <= hi):
            return code
    return REPORT_AGE_BANDS[0][0]  # a report dated after the cut-off cannot be open on it


def coverage_month(cut: date) -> date:
    """The first day of the month whose home visits count on the cut-off date."""
    return cut.replace(day=1)


def share(visited: int, active: int) -> float | None:
    """Coverage as a fraction rounded to 4 places; None when nobody is counted."""
    return None if active == 0 else round(visited / active, 4)


def trend_periods(period: str, first: date | None) -> list[str]:
    """The quarters of the trend: from the quarter of the store's first record (``first``) up
    to ``period``, at most :data:`TREND_QUARTERS`, oldest first."""
    year, q = int(period[:4]), int(period[5])
    out: list[str] = []
    for _ in range(TREND_QUARTERS):
        p = f"{year}Q{q}"
        if first is not None and p < quarter_of(first) and out:
            break
        out.append(p)
        q -= 1
        if q == 0:
            year, q = year - 1, 4
    return out[::-1]


def package_deadline(period: str, deadline_days: int) -> date:
    """R6: the quarterly package is due ``deadline_days`` after the quarter's end."""
    return quarter_bounds(period)[1] + timedelta(days=deadline_days)


def package_state(first_received: str | None, deadline: date, today: date) -> tuple[str, bool]:
    """(state, late) of a unit's quarterly package: the first one received (UTC stamp) or
    none, against the deadline — the rule of ``sync/overview.py``, judged by the Beijing day
    the package arrived."""
    if first_received:
        day = local_time(first_received)  # the Beijing day it arrived, not the UTC day
        late = day is not None and day.date() > deadline
        return (SENT_LATE if late else SENT), late
    late = today > deadline
    return (MISSING if late else NOT_SENT), late


# -- labels: what paper and screen show instead of codes ------------------------------------------
def label(dimension: str, value: str, lang: str = "zh") -> str:
    """The shown text of a figure's key: codebook labels for form values, band labels."""
    i = 1 if lang == "en" else 0
    if dimension == "age_band":
        return AGE_BAND_LABELS.get(value, (value, value))[i]
    if dimension == "report_age":
        return REPORT_AGE_LABELS.get(value, (value, value))[i]
    book = {"sex": "sex", "guardianship": "guardianship_grade",
            "priority_reason": "flag_reason"}.get(dimension)
    if book is not None:
        return codebook(book).label(value, lang)
    if dimension == "package_state":
        return PACKAGE_STATE_EN.get(value, value) if lang == "en" else value
    return value


def codes(dimension: str) -> tuple[str, ...]:
    """Every key a breakdown shows, in the codebook's order (zero rows included)."""
    if dimension == "age_band":
        return tuple(b[0] for b in AGE_BANDS)
    if dimension == "report_age":
        return tuple(b[0] for b in REPORT_AGE_BANDS)
    book = {"sex": "sex", "guardianship": "guardianship_grade",
            "priority_reason": "flag_reason"}[dimension]
    return codebook(book).values
