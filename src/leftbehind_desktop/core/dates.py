"""Dates and ages: parsing, ages as of a cut-off date, quarters."""

from __future__ import annotations

from datetime import date, datetime


def parse_date(value: object) -> date | None:
    """An ISO date (``2026-03-01``) or None when it is not one."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def parse_datetime(value: object) -> datetime | None:
    """An ISO date-time (``2026-03-01 14:30`` or with T / seconds) or None."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def age_on(birth: date, cutoff: date) -> int:
    """Completed years of age on ``cutoff`` (统计截止日期), not "today"."""
    years = cutoff.year - birth.year
    if (cutoff.month, cutoff.day) < (birth.month, birth.day):
        years -= 1
    return years


def birthday_in_year(birth: date, year: int) -> date:
    try:
        return birth.replace(year=year)
    except ValueError:  # born on 29 February
        return date(year, 3, 1)


def quarter_of(d: date) -> str:
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"


def quarter_bounds(period: str) -> tuple[date, date]:
    """First and last day of a period like ``2026Q4``."""
    year, q = int(period[:4]), int(period[5])
    if period[4] != "Q" or not 1 <= q <= 4 or len(period) != 6:
        raise ValueError(period)
    start = date(year, 3 * q - 2, 1)
    end = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def month_start(d: date) -> date:
    return d.replace(day=1)


def previous_month_start(d: date) -> date:
    return date(d.year - 1, 12, 1) if d.month == 1 else date(d.year, d.month - 1, 1)
