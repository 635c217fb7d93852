"""The registry table model, without any widget."""

from __future__ import annotations

from PySide6.QtCore import Qt

from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.search import ChildFilter
from leftbehind_desktop.ui.registry_model import COLUMNS, PAGE, ChildTableModel
from tests.conftest import fill_demo


def col(key: str) -> int:
    return [c[0] for c in COLUMNS].index(key)


def test_lazy_rows_sort_and_filter(registry: Registry) -> None:
    fill_demo(registry, PAGE + 50)
    model = ChildTableModel(lambda: registry)
    model.reload()
    n = registry.count_children()
    assert model.rowCount() == n == PAGE + 50
    assert model.columnCount() == len(COLUMNS)
    # all ids, but rows only for the first screenful (fetched with the ids, so the table
    # shows at once even while a background job holds the store)
    assert model.fetches == 1
    first = model.data(model.index(0, col("name")))
    assert first and model.fetches == 1
    model.data(model.index(PAGE - 1, col("name")))
    assert model.fetches == 1  # same page
    model.data(model.index(PAGE, col("name")))
    assert model.fetches == 2
    assert model.headerData(0, Qt.Orientation.Horizontal) == "姓名"

    # server-side sort by birth date, descending
    model.sort(col("birth_date"), Qt.SortOrder.DescendingOrder)
    dates = [model.data(model.index(r, col("birth_date"))) for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)
    ages = [int(model.data(model.index(r, col("age")))) for r in range(20)]
    assert ages == sorted(ages)
    # unsortable column: order unchanged
    before = list(model.ids)
    model.sort(col("flags"))
    assert model.ids == before

    # filters: open flags only; every row shows its flag
    model.set_filter(ChildFilter(flag_reason="*"))
    assert 0 < model.rowCount() == registry.count_children(ChildFilter(flag_reason="*"))
    assert all(model.data(model.index(r, col("flags"))) for r in range(model.rowCount()))
    # search by an ID-number prefix
    rec = model.row_record(0)
    assert rec is not None
    model.set_filter(ChildFilter(query=str(rec["id_number"] or "")[:14]) if rec["id_number"]
                     else ChildFilter(query=str(rec["name"])))
    assert rec["id"] in model.ids
    assert model.data(model.index(model.ids.index(rec["id"]), 0), Qt.ItemDataRole.UserRole) == rec["id"]

    model.clear()
    assert model.rowCount() == 0
