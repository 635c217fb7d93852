"""Dates as officers type and read them; quarters as people say them; Beijing time."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from leftbehind_desktop.core.dates import (
    format_date,
    local_date_text,
    local_time_text,
    parse_typed_date,
    parse_typed_datetime,
    quarter_label,
    quarter_to_offer,
    utc_stamp,
)


@pytest.mark.parametrize("typed", ["20150316", "2015-03-16", "2015.3.16", "2015/3/16",
                                   "2015年3月16日", "2015 3 16", " 2015-3-16 ", "16 Mar 2015"])
def test_typed_dates(typed: str) -> None:
    assert parse_typed_date(typed) == date(2015, 3, 16)


@pytest.mark.parametrize("typed", ["", "2015", "201503", "20151340", "2015-02-30", "16.3.2015",
                                   "abc", "2015-03-16T00:00"])
def test_not_dates(typed: str) -> None:
    assert parse_typed_date(typed) is None


def test_typed_datetimes_and_display() -> None:
    assert parse_typed_datetime("2026-12-01 14:30") == datetime(2026, 12, 1, 14, 30)
    assert parse_typed_datetime("202612011430") == datetime(2026, 12, 1, 14, 30)
    assert parse_typed_datetime("2026年12月1日 9:05") == datetime(2026, 12, 1, 9, 5)
    assert parse_typed_datetime("2026-12-01 25:00") is None
    assert format_date(date(2015, 3, 16)) == "2015年3月16日"
    assert format_date(date(2015, 3, 16), "en") == "16 Mar 2015"
    assert parse_typed_date(format_date(date(2015, 3, 16), "en")) == date(2015, 3, 16)


def test_beijing_time_not_utc() -> None:
    assert local_time_text("2026-12-01T18:30:00.123Z") == "2026年12月2日 02:30"
    assert local_time_text("2026-12-01T01:00:00Z", "en") == "1 Dec 2026 09:00"
    assert local_time_text("garbage") == ""


def test_beijing_day_at_the_midnight_edge() -> None:
    # 16:00 UTC is midnight in Beijing: the UTC date (the first ten characters) is a day early
    assert local_date_text("2026-11-30T16:00:00.000Z") == "2026年12月1日"
    assert local_date_text("2026-11-30T15:59:59.999Z") == "2026年11月30日"
    assert local_date_text("2026-12-31T16:30:00Z", "en") == "1 Jan 2027"
    assert local_date_text("2026-11-30 23:30:00") == "2026年12月1日"  # no offset: the store's UTC
    assert local_date_text(None) == local_date_text("") == local_date_text("2026-13-01") == ""
    assert local_time_text("2026-11-30T16:00:05.000Z", seconds=True) == "2026年12月1日 00:00:05"
    assert local_time_text("2026-11-30T15:59:59Z", "en", seconds=True) == "30 Nov 2026 23:59:59"
    # a Beijing day's bounds as the stored UTC stamps a filter compares with
    assert utc_stamp(datetime(2026, 12, 1)) == "2026-11-30T16:00:00.000Z"
    assert utc_stamp(datetime(2027, 1, 1)) == "2026-12-31T16:00:00.000Z"


def test_quarters_in_words() -> None:
    assert quarter_label("2026Q3") == "2026年第3季度"
    assert quarter_label("2026Q3", "en") == "Q3 2026"


def test_the_export_offers_the_quarter_holding_data() -> None:
    today = date(2026, 12, 1)
    assert quarter_to_offer(today, date(2025, 1, 5)) == "2026Q3"  # the last finished one
    assert quarter_to_offer(today, date(2026, 11, 20)) == "2026Q4"  # a new office: its own
    assert quarter_to_offer(date(2027, 1, 3), date(2026, 11, 20)) == "2026Q4"
