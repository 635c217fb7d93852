"""R8 in the store: one ID number per child in a store, a visible notice for a converted
15-digit number, a warning for the same name and birth date; real unit codes only."""

from __future__ import annotations

from pathlib import Path

import pytest

from leftbehind_desktop.core.messages import UserError, ValidationFailed
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store
from tests.conftest import PASSPHRASE, make_store


def test_fullwidth_number_is_stored_as_ascii(registry: Registry, child_data):
    child_data["id_number"] = "２１０２１３２０１５０３０４１２５４"
    rec = registry.add("child", child_data).record
    assert registry.get("child", rec["id"])["id_number"] == "210213201503041254"


def test_the_same_id_number_twice_is_refused_naming_the_existing_child(registry: Registry, child_data):
    registry.add("child", child_data)
    other = {**child_data, "name": "张小亮", "id_number": "２１０２１３２０１５０３０４１２５４"}
    with pytest.raises(ValidationFailed) as err:
        registry.add("child", other)
    text = err.value.errors[0].text("zh")
    assert err.value.errors[0].message.code == "id_duplicate"
    assert "张小明" in text and "2015-03-04" in text and "大李家村" in text
    assert "张小明" in err.value.errors[0].text("en")
    assert registry.count_children() == 1


def test_changing_a_child_to_another_childs_number_is_refused(registry: Registry, child_data):
    registry.add("child", child_data)
    second = registry.add("child", {**child_data, "name": "李小花", "sex": "女",
                                    "id_number": "210213201503041262"}).record
    with pytest.raises(ValidationFailed) as err:
        registry.update("child", second["id"], {"id_number": "210213201503041254", "sex": "男"})
    assert err.value.errors[0].message.code == "id_duplicate"
    # saving the child itself with its own number is fine
    assert registry.update("child", second["id"], {"notes": "复核"}).changed


def test_a_deleted_childs_number_can_be_registered_again(registry: Registry, child_data):
    first = registry.add("child", child_data).record
    registry.delete("child", first["id"], "重复登记")
    assert registry.add("child", child_data).record["id_number"] == "210213201503041254"


def test_same_name_and_birth_date_warns_but_saves(registry: Registry, child_data):
    registry.add("child", child_data)
    twin = {**child_data, "id_number": "210213201503041270"}
    result = registry.add("child", twin)
    codes = [w.message.code for w in result.warnings]
    assert "name_birth_duplicate" in codes and registry.count_children() == 2
    assert all(w.warning for w in result.warnings)


def test_a_15_digit_parent_number_is_converted_with_a_visible_notice(registry: Registry, child_data):
    child = registry.add("child", child_data).record
    result = registry.add("family_member", {"relation": "父亲", "name": "张大山",
                                            "id_number": "210213850304125", "status": "外出务工",
                                            "work_province": "广东省"}, child_id=child["id"])
    notice = [w for w in result.warnings if w.message.code == "id_legacy_converted"]
    assert notice and notice[0].warning
    stored = result.record["id_number"]
    assert len(stored) == 18 and stored.startswith("21021319850304125") and stored in notice[0].text("zh")


def test_init_refuses_an_unknown_unit_code(tmp_path: Path):
    for code, role in (("999999999999", "village"), ("210213099000", "street"),
                       ("210214005000", "street")):
        with pytest.raises(UserError) as err:
            make_store(tmp_path / code, role=role, unit=code)
        assert err.value.code == "unknown_unit_code" and code in str(err.value)
        assert not (tmp_path / code / "keyslots.json").exists()


def test_a_street_store_starts_with_its_real_villages(tmp_path: Path):
    store, _ = make_store(tmp_path / "s", role="street", unit="210213024000", name="大李家街道")
    try:
        names = {u.name for u in Registry(store).list_units()}
        assert {"大李家街道", "大李家村委会", "正明寺村委会"} <= names
        reg = Registry(store)
        with pytest.raises(UserError) as err:
            reg.add_unit("210213024299", "虚构村")
        assert err.value.code == "unknown_unit_code"
    finally:
        store.close()
    again = Store.open(tmp_path / "s", PASSPHRASE)
    again.close()
