from __future__ import annotations

from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.search import ChildFilter


def names(rows):
    return {r["name"] for r in rows}


def _add(reg: Registry, child_data, **kw) -> str:
    return reg.add("child", {**child_data, **kw}).record["id"]


def test_search_by_pinyin_initials_name_and_id_prefix(demo_registry: Registry, child_data):
    cid = _add(demo_registry, child_data)
    assert "张小明" in names(demo_registry.search("zxm"))
    assert "张小明" in names(demo_registry.search("ZX"))
    assert "张小明" in names(demo_registry.search("小明"))  # 2 characters: substring
    assert "张小明" in names(demo_registry.search("张小明"))  # 3+: FTS5 trigram
    assert [r["id"] for r in demo_registry.search("210213201503041")] == [cid]
    assert demo_registry.search("zxq") == [] or "张小明" not in names(demo_registry.search("zxq"))


def test_trigram_search_finds_address_too(demo_registry: Registry, child_data):
    _add(demo_registry, child_data, residence="杏树屯镇后石村7号")
    assert "张小明" in names(demo_registry.search("后石村"))


def test_one_character_and_like_wildcards_are_literal(demo_registry: Registry, child_data):
    _add(demo_registry, child_data)
    assert "张小明" in names(demo_registry.search("明"))
    assert demo_registry.search("%") == [] and demo_registry.search("_") == []


def test_filters_by_village_flag_and_status(demo_registry: Registry, child_data):
    cid = _add(demo_registry, child_data, living_arrangement="单独居住")
    flagged = demo_registry.child_ids(ChildFilter(flag_reason="无人监护"))
    assert cid in flagged
    rows = demo_registry.child_rows([cid])
    assert rows[cid]["flags"] == "无人监护" and rows[cid]["unit_name"] == "大李家村"
    total = demo_registry.count_children()
    assert demo_registry.count_children(ChildFilter(unit_code="210213001001")) == total
    demo_registry.update("child", cid, {"status": "已退出", "exit_reason": "迁出本地",
                                        "exit_date": "2026-11-01"})
    assert demo_registry.count_children() == total - 1
    assert demo_registry.count_children(ChildFilter(status=None)) == total


def test_ordering_is_stable_and_sortable(demo_registry: Registry):
    ids = demo_registry.child_ids(order_by="birth_date")
    rows = demo_registry.child_rows(ids)
    births = [rows[i]["birth_date"] for i in ids]
    assert births == sorted(births)
    assert demo_registry.child_ids(order_by="birth_date", descending=True)[0] == ids[-1]


def test_short_name_index_follows_renames(registry: Registry, child_data):
    cid = _add(registry, child_data)
    assert [r["id"] for r in registry.search("小明")] == [cid]
    registry.update("child", cid, {"name": "李四"})
    assert registry.search("小明") == [] and registry.search("明") == []
    assert [r["id"] for r in registry.search("李四")] == [cid]
    assert [r["id"] for r in registry.search("四")] == [cid]
    grams = {g for (g,) in registry.conn.execute("SELECT gram FROM name_gram")}
    assert grams == {"李", "四", "李四"}
