"""Stored UTC times on the 数据交换 screens are shown as the Beijing day: a key added at
00:30 Beijing time (16:30 UTC the day before) is listed under its Beijing date."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from leftbehind_desktop.store.sync import SyncStore
from tests.sync.helpers import Office

from .conftest import VILLAGE_A, VILLAGE_B, screens_for

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_trust_list_shows_the_beijing_day_at_midnight(qtbot: QtBot, offices: dict[str, Office]) -> None:
    street = offices["street"]
    ex = SyncStore(street.store)
    stamps = {VILLAGE_A: "2026-11-30T16:30:00.000Z", VILLAGE_B: "2026-11-30T15:59:00.000Z"}
    with street.store.transaction() as audit:
        for key in ex.keys():
            if key.unit_code in stamps:
                ex.put_key(replace(key, added_at=stamps[key.unit_code]), audit)
    s = screens_for(qtbot, street)
    s.show_tab("trust")
    t = s.trust
    assert t is not None
    added = {k.unit_code: t.table.item(r, 5).text() for r, k in enumerate(t.keys)}
    assert added[VILLAGE_A] == "2026年12月1日"  # not the UTC date 2026-11-30
    assert added[VILLAGE_B] == "2026年11月30日"
