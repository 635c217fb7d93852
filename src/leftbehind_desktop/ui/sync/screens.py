"""The 数据交换 screens as tabs, chosen by the office's role:

- village: 设备登记, 导出季度数据包, 导入数据包 (回执, 退回修改), 从恢复包恢复, 信任列表
- street: 季度总览, 导入数据包, 逐条审核, 冲突审核, 重复登记审核, 上报区, 恢复数据包, 设备登记,
  信任列表
- district: 季度总览, 导入数据包, 逐条审核, 冲突审核, 重复登记审核, 设备登记, 信任列表
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...core import units
from ...sync import review
from ..session import Session
from .enroll_panel import EnrollPanel
from .export_panel import ExportWizard, RestorePanel
from .import_panel import ImportPanel
from .overview_panel import OverviewPanel
from .record_review_panel import RecordReviewPanel
from .review_panels import ConflictPanel, DuplicatePanel
from .trust_panel import TrustPanel


class Panel(Protocol):
    def refresh(self) -> None: ...
    def clear(self) -> None: ...


class SyncScreens(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        store = session.store
        self.level = units.level_of(store.unit_code)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("syncTabs")
        self.tabs.setDocumentMode(True)
        self.panels: dict[str, QWidget] = {}
        self.titles: dict[str, str] = {}
        self.enroll = EnrollPanel(session)
        self.trust = TrustPanel(session)
        self.export: ExportWizard | None = None
        self.restore_import: ImportPanel | None = None
        self.importer: ImportPanel | None = None
        self.conflicts: ConflictPanel | None = None
        self.duplicates: DuplicatePanel | None = None
        self.overview: OverviewPanel | None = None
        self.record_review: RecordReviewPanel | None = None
        self.restore_export: RestorePanel | None = None
        if self.level is units.Level.VILLAGE:
            self.export = ExportWizard(session)
            self.restore_import = ImportPanel(session, restore=True)
            self.importer = ImportPanel(session)  # what the street sends down (回执, 退回修改)
            self._add("enroll", self.enroll, self.tr("设备登记"))
            self._add("export", self.export, self.tr("导出季度数据包"))
            self._add("import", self.importer, self.tr("导入数据包"))
            self._add("restore", self.restore_import, self.tr("从恢复包恢复"))
            self._add("trust", self.trust, self.tr("信任列表"))
        else:
            self.overview = OverviewPanel(session)
            self.importer = ImportPanel(session)
            self.conflicts = ConflictPanel(session)
            self.duplicates = DuplicatePanel(session)
            self.record_review = RecordReviewPanel(session)
            self.overview.review_requested.connect(self.open_review)
            self.record_review.items_decided.connect(self.update_counts)
            self._add("overview", self.overview, self.tr("季度总览"))
            self._add("import", self.importer, self.tr("导入数据包"))
            self._add("record_review", self.record_review, self.tr("逐条审核"))
            self._add("conflicts", self.conflicts, self.tr("冲突审核"))
            self._add("duplicates", self.duplicates, self.tr("重复登记审核"))
            if self.level is units.Level.STREET:
                self.export = ExportWizard(session)
                self.restore_export = RestorePanel(session)
                self._add("export", self.export, self.tr("上报区"))
                self._add("restore", self.restore_export, self.tr("恢复数据包"))
            self._add("enroll", self.enroll, self.tr("设备登记"))
            self._add("trust", self.trust, self.tr("信任列表"))
        self.tabs.currentChanged.connect(self._tab_changed)
        session.data_changed.connect(self._data_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.update_counts()

    def _add(self, key: str, panel: QWidget, title: str) -> None:
        self.panels[key] = panel
        self.titles[key] = title
        self.tabs.addTab(panel, title)

    def show_tab(self, key: str) -> QWidget:
        panel = self.panels[key]
        self.tabs.setCurrentWidget(panel)
        return panel

    def open_review(self, period: str, unit_code: str) -> None:
        """逐条审核 of one unit's quarter (the overview's 审核…)."""
        if self.record_review is None:
            return
        self.tabs.blockSignals(True)
        self.show_tab("record_review")
        self.tabs.blockSignals(False)
        self.record_review.select(period, unit_code)

    def _tab_changed(self, index: int) -> None:
        w = self.tabs.widget(index)
        if w is None or not self.session.is_open:
            return
        if w is self.export:
            if self.export.stack.currentIndex() in (0, ExportWizard.STEPS - 1):
                self.export.restart()  # fresh counts; a wizard in progress is left as it is
        elif w is self.record_review:
            self.record_review.fill_units()
            self.record_review.refresh()
        elif w is not self.importer and w is not self.restore_import:
            refresh = getattr(w, "refresh", None)
            if refresh is not None:
                refresh()

    def _data_changed(self, _child_id: str) -> None:
        self.update_counts()

    def update_counts(self) -> None:
        """Open review items in the tab titles, e.g. 冲突审核（3）."""
        if self.conflicts is None or self.duplicates is None or not self.session.is_open:
            return
        with self.session.lock:
            n_conf = len(review.open_conflicts(self.session.store))
            n_dup = len(review.open_duplicates(self.session.store))
            n_items = review.open_count(self.session.store)
        for key, n in (("conflicts", n_conf), ("duplicates", n_dup), ("record_review", n_items)):
            title = self.titles[key] + (f"（{n}）" if n else "")
            self.tabs.setTabText(self.tabs.indexOf(self.panels[key]), title)

    def clear(self) -> None:
        for panel in self.panels.values():
            clear = getattr(panel, "clear", None)
            if clear is not None:
                clear()
