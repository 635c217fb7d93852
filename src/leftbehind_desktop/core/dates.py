"""Dates and ages: parsing, ages as of a cut-off date, quarters."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone


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


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_typed_date(text: str) -> date | None:
    """A date as an officer types it: ``20150316``, ``2015-03-16``, ``2015.3.16``,
    ``2015/3/16``, ``2015年3月16日`` or ``16 Mar 2015``; None when it is not a real day."""
    import re

    s = text.strip()
    if not s:
        return None
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
    if m is None:
        m = re.fullmatch(r"(\d{4})\s*[-./年\s]\s*(\d{1,2})\s*[-./月\s]\s*(\d{1,2})\s*日?", s)
    if m is not None:
        y, mo, d = (int(g) for g in m.groups())
    else:
        en = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?,?\s+(\d{4})", s)
        if en is None or en.group(2).title() not in _MONTHS_EN:
            return None
        y, mo, d = int(en.group(3)), _MONTHS_EN.index(en.group(2).title()) + 1, int(en.group(1))
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def parse_typed_datetime(text: str) -> datetime | None:
    """A typed date followed by a time (``2026-12-01 14:30``, ``2026年12月1日 9:05``,
    ``202612011430``); a date alone means midnight."""
    import re

    s = text.strip()
    m = re.fullmatch(r"(\d{8})(\d{2})(\d{2})", s)
    if m is not None:
        day, hh, mm = parse_typed_date(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.fullmatch(r"(.*?)[\sT]+(\d{1,2})\s*[:：时]\s*(\d{2})\s*分?", s)
        if m is None:
            d = parse_typed_date(s)
            return None if d is None else datetime(d.year, d.month, d.day)
        day, hh, mm = parse_typed_date(m.group(1)), int(m.group(2)), int(m.group(3))
    if day is None or not (0 <= hh < 24 and 0 <= mm < 60):
        return None
    return datetime(day.year, day.month, day.day, hh, mm)


def format_date(d: date, lang: str = "zh") -> str:
    """A date as shown on screen and paper: ``2015年3月16日`` / ``16 Mar 2015``."""
    if lang == "en":
        return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    return f"{d.year}年{d.month}月{d.day}日"


def format_datetime(dt: datetime, lang: str = "zh") -> str:
    return f"{format_date(dt.date(), lang)} {dt.hour:02d}:{dt.minute:02d}"


def quarter_label(period: str, lang: str = "zh") -> str:
    """``2026Q3`` as people say it: 2026年第3季度 / Q3 2026."""
    if len(period) == 6 and period[4] == "Q" and period[:4].isdigit() and period[5] in "1234":
        return f"Q{period[5]} {period[:4]}" if lang == "en" else f"{period[:4]}年第{period[5]}季度"
    return period


# Beijing time: China keeps UTC+8 all year (no daylight saving since 1991), so a fixed
# offset is exact and needs no time-zone database on Windows.
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")


def local_time(stamp: object) -> datetime | None:
    """A stored UTC time stamp (``2026-12-01T02:30:00Z``) as Beijing time; None if it is
    not a time stamp. A stamp without an offset is taken as UTC (how the store writes)."""
    if not isinstance(stamp, str) or not stamp.strip():
        return None
    try:
        dt = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(BEIJING).replace(tzinfo=None)


def local_time_text(stamp: object, lang: str = "zh", seconds: bool = False) -> str:
    """A stored UTC stamp as people read it: ``2026年12月1日 10:30`` (Beijing time; with
    ``seconds`` ``2026年12月1日 10:30:05``); "" when it is not a time stamp. The one way a
    stored time reaches a screen or paper — never cut to its first ten characters, which
    is the UTC day and a day early from 00:00 to 08:00 Beijing time."""
    dt = local_time(stamp)
    if dt is None:
        return ""
    text = format_datetime(dt, lang)
    return f"{text}:{dt.second:02d}" if seconds else text


def local_date_text(stamp: object, lang: str = "zh") -> str:
    """The Beijing day of a stored UTC stamp: ``2026年12月1日`` / ``1 Dec 2026``."""
    dt = local_time(stamp)
    return "" if dt is None else format_date(dt.date(), lang)


def utc_stamp(local: datetime) -> str:
    """A Beijing wall-clock time as the stored UTC stamp it compares with
    (``2026-11-30T16:00:00.000Z`` for 2026-12-01 00:00), e.g. a day's bounds in a filter."""
    moment = local.replace(tzinfo=BEIJING) if local.tzinfo is None else local
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def next_quarter(period: str) -> str:
    _, end = quarter_bounds(period)
    return quarter_of(date.fromordinal(end.toordinal() + 1))


def previous_quarter(period: str) -> str:
    start, _ = quarter_bounds(period)
    return quarter_of(date.fromordinal(start.toordinal() - 1))


def quarter_to_offer(today: date, first_day: date) -> str:
    """The quarter an export offers first. A package carries the whole registry as it is,
    so this is the last finished quarter — unless all of the office's data lies in the
    running quarter (a new office): then that quarter, not an empty one before it."""
    current = quarter_of(today)
    last_finished = previous_quarter(current)
    return current if quarter_of(first_day) > last_finished else last_finished
