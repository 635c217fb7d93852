"""R8 at enrollment: a device card whose unit code is not a real 金普新区 unit is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leftbehind_desktop.sync import enroll
from leftbehind_desktop.sync.errors import SyncError
from tests.conftest import STREET, VILLAGE
from tests.sync.helpers import office


def test_a_request_for_a_made_up_village_is_refused(tmp_path: Path) -> None:
    village = office(tmp_path, "v", "village", VILLAGE, "古城甲区社区")
    street = office(tmp_path, "s", "street", STREET, "拥政街道")
    try:
        raw = json.loads(enroll.make_request(village.store))
        assert enroll.read_request(street.store, json.dumps(raw).encode()).device["unit_code"] == VILLAGE
        raw["document"]["device"]["unit_code"] = "210213001099"  # well-formed, no such village
        with pytest.raises(SyncError) as err:
            enroll.read_request(street.store, json.dumps(raw).encode())
        assert "金普新区" in str(err.value)
    finally:
        village.close()
        street.close()
