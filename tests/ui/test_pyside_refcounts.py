"""Guard against a Qt binding that corrupts None's reference count (PySide6 6.12.0 on
Python 3.11: each QTableWidget.setItem / appendRow took one reference from None, so a
district workbench crashed the app with "deallocating None")."""

from __future__ import annotations

import gc
import sys

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem, QTreeWidget, QTreeWidgetItem


def none_refs_after(work) -> int:  # type: ignore[no-untyped-def]
    gc.collect()
    before = sys.getrefcount(None)
    work()
    gc.collect()
    return sys.getrefcount(None) - before


def test_filling_item_views_leaves_none_alone(qapp: QApplication):
    table = QTableWidget(100, 10)
    model = QStandardItemModel()
    tree = QTreeWidget()
    deltas = [
        none_refs_after(lambda: [table.setItem(r, c, QTableWidgetItem("x")) for r in range(100) for c in range(10)]),
        none_refs_after(lambda: [model.appendRow([QStandardItem("x") for _ in range(10)]) for _ in range(100)]),
        none_refs_after(lambda: [tree.addTopLevelItem(QTreeWidgetItem(["x"] * 10)) for _ in range(100)]),
    ]
    # a few references come and go with caches; a binding bug shows as -100 … -1000
    assert all(d > -20 for d in deltas), deltas
