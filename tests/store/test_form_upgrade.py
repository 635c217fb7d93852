"""Child form version 2: 家庭经济来源 multiple choice with the national values, 其他救助;
version-1 records are upgraded in the store (migration 7) and on package import."""

from __future__ import annotations

from pathlib import Path

import pytest

from leftbehind_desktop.core import upgrade
from leftbehind_desktop.core.codebooks import codebook
from leftbehind_desktop.core.forms import form
from leftbehind_desktop.core.messages import ValidationFailed
from leftbehind_desktop.store import schema
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store
from tests.conftest import PASSPHRASE


def test_national_values_and_other_assistance():
    assert codebook("income_source").values == ("打工收入", "种养殖业", "政府救助", "亲朋接济", "其他")
    assert "其他救助" in codebook("assistance").values
    assert form("child").field("income_source").type == "multichoice"
    assert form("child").version == 2


def test_several_income_sources_are_stored_and_a_v1_value_is_refused(registry: Registry, child_data):
    rec = registry.add("child", {**child_data, "income_source": ["打工收入", "亲朋接济"],
                                 "assistance": ["低保", "其他救助"]}).record
    got = registry.get("child", rec["id"])
    assert got["income_source"] == ["打工收入", "亲朋接济"] and got["assistance"] == ["低保", "其他救助"]
    with pytest.raises(ValidationFailed):
        registry.add("child", {**child_data, "id_number": None, "hukou_registered": False,
                               "income_source": ["务工收入"]})


@pytest.mark.parametrize(("old", "new"), [("务工收入", ["打工收入"]), ("务农收入", ["种养殖业"]),
                                          ("经营收入", ["其他"]), ("政府补助", ["政府救助"]),
                                          ("其他", ["其他"]), ("", None)])
def test_v1_values_map_to_the_national_terms(old: str, new: list[str] | None):
    assert upgrade.child_record({"income_source": old})["income_source"] == new


def test_upgrade_is_idempotent():
    rec = {"income_source": ["打工收入"]}
    assert upgrade.child_record(rec) is rec


def test_store_migration_upgrades_old_records(store_dir: Path, store: Store, child_data):
    reg = Registry(store)
    ids = [reg.add("child", {**child_data, "id_number": None, "hukou_registered": False,
                             "name": f"孩子{i}", "income_source": ["打工收入"]}).record["id"]
           for i in range(3)]
    # make the store look like one written by version 1 of the child form
    store.conn.execute("UPDATE child SET income_source = ? WHERE id = ?", ("务工收入", ids[0]))
    store.conn.execute("UPDATE child SET income_source = ? WHERE id = ?", ("政府补助", ids[1]))
    # (the version before the child form's migration; later migrations run again after it)
    before = schema.MIGRATIONS.index(schema._migration_7_child_form_v2)
    store.conn.execute(f"PRAGMA user_version = {before}")
    store.close()
    again = Store.open(store_dir, PASSPHRASE)
    try:
        reg = Registry(again)
        assert [reg.get("child", i)["income_source"] for i in ids] == [["打工收入"], ["政府救助"], ["打工收入"]]
        # and the record saves again without complaint
        assert reg.update("child", ids[0], {"notes": "迁移后复核"}).changed
    finally:
        again.close()


def test_a_version_1_child_record_in_a_package_is_upgraded_as_it_is_read():
    from leftbehind_desktop.sync import incoming

    kind, rec = incoming._record_of(1, {"kind": "child", "record": {"id": "c1", "income_source": "务农收入"}})
    assert kind == "child" and rec["income_source"] == ["种养殖业"]
    _, same = incoming._record_of(2, {"kind": "child", "record": {"id": "c2", "income_source": ["亲朋接济"]}})
    assert same["income_source"] == ["亲朋接济"]
