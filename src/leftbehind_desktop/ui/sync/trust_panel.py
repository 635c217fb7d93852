"""信任列表: the keys this office trusts (devices enrolled below it, the parent office),
revoke a lost device's key, write and apply signed trust-list updates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import units
from ...core.dates import local_date_text
from ...store.sync import SyncStore, TrustedKey
from ...sync import enroll
from ...sync.identity import DeviceIdentity
from .. import dialogs
from ..session import Session
from ..widgets import (
    ERROR,
    HINT,
    OK,
    Banner,
    PathField,
    default_folder,
    heading,
    hint,
    read_file,
    safe_name,
    write_file,
)
from .common import lang


class TrustPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.keys: list[TrustedKey] = []
        self.has_children = units.level_of(session.store.unit_code) is not units.Level.VILLAGE
        headers = [self.tr("单位"), self.tr("关系"), self.tr("状态"), self.tr("密钥编号"), self.tr("指纹"),
                   self.tr("登记时间"), self.tr("备注")]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("trustTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.banner = Banner("trustBanner")

        self.reason = QLineEdit()
        self.reason.setObjectName("revokeReason")
        self.reason.setPlaceholderText(self.tr("吊销原因（必填），例如：笔记本电脑丢失"))
        self.reason.textChanged.connect(self._update_buttons)
        self.revoke_button = QPushButton(self.tr("吊销所选设备…"))
        self.revoke_button.setObjectName("revokeKey")
        self.revoke_button.clicked.connect(self.revoke)
        self.update_out = PathField("save", self.tr("保存信任列表更新"), self.tr("登记文件 (*.json)"))
        self.update_out.setObjectName("trustUpdateOut")
        self.update_button = QPushButton(self.tr("生成信任列表更新"))
        self.update_button.setObjectName("writeTrustUpdate")
        self.update_button.clicked.connect(self.write_update)
        self.update_in = PathField("open", self.tr("选择信任列表更新或更换密钥文件"), self.tr("登记文件 (*.json)"))
        self.update_in.setObjectName("trustUpdateIn")
        self.apply_button = QPushButton(self.tr("导入"))
        self.apply_button.setObjectName("applyTrustUpdate")
        self.apply_button.clicked.connect(self.apply_update)

        self.rotate_out = PathField("save", self.tr("保存更换密钥文件"), self.tr("登记文件 (*.json)"))
        self.rotate_out.setObjectName("rotateOut")
        self.rotate_button = QPushButton(self.tr("更换本机密钥…"))
        self.rotate_button.setObjectName("rotateKey")
        self.rotate_button.clicked.connect(self.rotate)

        actions = QGroupBox(self.tr("吊销与更新"))
        form = QFormLayout(actions)
        if self.has_children:
            r1 = QHBoxLayout()
            r1.addWidget(self.reason, 1)
            r1.addWidget(self.revoke_button)
            form.addRow(self.tr("吊销设备："), r1)
            r2 = QHBoxLayout()
            r2.addWidget(self.update_out, 1)
            r2.addWidget(self.update_button)
            form.addRow(self.tr("信任列表更新："), r2)
        r3 = QHBoxLayout()
        r3.addWidget(self.update_in, 1)
        r3.addWidget(self.apply_button)
        form.addRow(self.tr("导入更新文件："), r3)
        r4 = QHBoxLayout()
        r4.addWidget(self.rotate_out, 1)
        r4.addWidget(self.rotate_button)
        form.addRow(self.tr("更换本机密钥："), r4)

        head = QHBoxLayout()
        head.addWidget(heading(self.tr("信任列表")))
        head.addStretch(1)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        head.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(hint(self.tr(
            "本单位信任的设备密钥：只接收这些设备签名的数据包。设备丢失时立即吊销，此后该设备的数据包一律拒收；"
            "再生成信任列表更新交给上级单位导入。上级或下级更换密钥后，把对方给的文件在这里导入。")))
        layout.addWidget(self.table, 1)
        layout.addWidget(actions)
        layout.addWidget(self.banner)
        self.refresh()

    def clear(self) -> None:
        self.keys = []
        self.table.setRowCount(0)
        self.banner.clear_text()

    def refresh(self) -> None:
        if not self.session.is_open:
            return
        with self.session.lock:
            self.keys = SyncStore(self.session.store).keys()
        rel = {"child": self.tr("下级"), "parent": self.tr("上级")}
        st = {"active": self.tr("有效"), "revoked": self.tr("已吊销"), "rotated": self.tr("已更换")}
        colors = {"active": OK, "revoked": ERROR, "rotated": HINT}
        self.table.setRowCount(len(self.keys))
        for r, k in enumerate(self.keys):
            cells = [f"{k.unit_name}（{k.unit_code}）", rel.get(k.relation, k.relation), st.get(k.status, k.status),
                     k.key_id, k.fingerprint, local_date_text(k.added_at, lang()), k.note or ""]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 2:
                    item.setForeground(QColor(colors.get(k.status, "#000")))
                self.table.setItem(r, c, item)
        if not self.update_out.edit.text():
            self.update_out.set_path(default_folder() / safe_name(
                self.tr("信任列表更新-%1.json").replace("%1", self.session.store.unit_name)))
        if not self.rotate_out.edit.text():
            self.rotate_out.set_path(default_folder() / safe_name(
                self.tr("更换密钥-%1.json").replace("%1", self.session.store.unit_name)))
        self._update_buttons()

    def current(self) -> TrustedKey | None:
        row = self.table.currentRow()
        return self.keys[row] if 0 <= row < len(self.keys) else None

    def _update_buttons(self) -> None:
        k = self.current()
        self.revoke_button.setEnabled(k is not None and k.relation == "child" and k.status == "active"
                                      and bool(self.reason.text().strip()))

    def revoke(self) -> None:
        k = self.current()
        reason = self.reason.text().strip()
        if k is None or not reason:
            return
        dialogs.ask(self, self.tr("吊销设备"), self.tr(
            "确定吊销 %1 的设备（密钥 %2）吗？\n吊销后该设备的数据包一律拒收，且不能撤销；"
            "该单位需要用新设备重新登记。").replace("%1", k.unit_name).replace("%2", k.key_id),
            lambda: self._revoke(k, reason), yes=self.tr("吊销"), no=self.tr("取消"))

    def _revoke(self, k: TrustedKey, reason: str) -> None:
        try:
            with self.session.lock:
                enroll.revoke(self.session.store, k.key_id, reason)
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        self.reason.clear()
        self.banner.show_text("ok", self.tr("已吊销 %1 的设备密钥 %2。请生成信任列表更新并交给上级单位。")
                              .replace("%1", k.unit_name).replace("%2", k.key_id))
        self.refresh()

    def rotate(self) -> None:
        """Replace this device's keys (suspected leak); the signed rotation file goes to the
        parent and the offices below, which import it on this page."""
        out = self.rotate_out.path()
        if out is None:
            self.banner.show_text("bad", self.tr("请先选择更换密钥文件的保存位置。"))
            return
        dialogs.ask(self, self.tr("更换本机密钥"), self.tr(
            "确定更换本设备的交换密钥吗？\n更换后，上级和下级单位必须导入更换密钥文件，"
            "才能继续接收本设备的数据包。文件将保存到：%1").replace("%1", str(out)),
            lambda: self._rotate(out), yes=self.tr("更换"), no=self.tr("取消"))

    def _rotate(self, out: Path) -> None:
        try:
            write_file(out, b"")  # the file can be written before the keys change
            with self.session.lock:
                data = enroll.rotate(self.session.store)
            write_file(out, data)
            with self.session.lock:
                fingerprint = DeviceIdentity.of(self.session.store).fingerprint
        except Exception as exc:
            self.banner.show_text("bad", dialogs.error_text(exc))
            return
        self.banner.show_text("ok", self.tr("本设备已更换密钥（新指纹 %1）。更换密钥文件已保存到 %2，"
                                            "请交给上级和下级单位在“信任列表”页导入。")
                              .replace("%1", fingerprint).replace("%2", str(out)))
        self.refresh()

    def write_update(self) -> None:
        out: Path | None = self.update_out.path()
        try:
            if out is None:
                write_file(None, b"")
            with self.session.lock:
                data = enroll.trust_update(self.session.store)
            write_file(out, data)
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        self.banner.show_text("ok", self.tr("信任列表更新已保存到 %1。").replace("%1", str(out)))

    def apply_update(self) -> None:
        try:
            data = read_file(self.update_in.path())
            with self.session.lock:
                changes = enroll.import_trust_document(self.session.store, data)
        except Exception as exc:
            self.banner.show_text("bad", dialogs.error_text(exc))
            return
        self.banner.show_text("ok", self.tr("已导入：%1").replace("%1", "；".join(changes) if changes
                                                                else self.tr("没有变化")))
        self.refresh()
