"""设备登记: the child office writes its request and accepts the parent's response; the
parent office reads a request, compares the fingerprint read over the phone, approves and
saves the signed response. A street does both (with the district above, villages below)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core import units
from ...store.sync import SyncStore
from ...sync import enroll
from ...sync.enroll import EnrollRequest, EnrollResponse
from ...sync.identity import DeviceIdentity, normalise_fingerprint
from .. import dialogs
from ..session import Session
from ..widgets import (
    BOLD,
    ERROR_STYLE,
    HINT_STYLE,
    OK_STYLE,
    Banner,
    FingerprintView,
    PathField,
    button_row,
    default_folder,
    heading,
    hint,
    read_file,
    safe_name,
    write_file,
)


class EnrollPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        store = session.store
        self.has_parent = units.parent_of(store.unit_code) is not None
        self.has_children = units.level_of(store.unit_code) is not units.Level.VILLAGE
        self.request: EnrollRequest | None = None
        self.response: EnrollResponse | None = None

        # -- this device --------------------------------------------------------------------
        own = QGroupBox(self.tr("本设备"))
        self.own_fp = FingerprintView()
        self.own_info = QLabel()
        self.own_info.setObjectName("ownInfo")
        self.own_info.setWordWrap(True)
        ol = QVBoxLayout(own)
        ol.addWidget(self.own_info)
        ol.addWidget(QLabel(self.tr("本设备指纹（电话核对时逐组读给对方）：")))
        ol.addWidget(self.own_fp)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(own)

        # -- upwards: request and accept ----------------------------------------------------
        self.up: QGroupBox | None = None
        if self.has_parent:
            up = QGroupBox(self.tr("向上级单位登记"))
            self.up = up
            self.status = QLabel()
            self.status.setObjectName("enrollStatus")
            self.status.setWordWrap(True)
            self.request_out = PathField("save", self.tr("保存登记申请"), self.tr("登记文件 (*.json)"))
            self.request_out.setObjectName("requestOut")
            self.write_request_button = QPushButton(self.tr("① 导出登记申请"))
            self.write_request_button.setObjectName("writeRequest")
            self.write_request_button.clicked.connect(self.write_request)
            self.response_in = PathField("open", self.tr("选择上级的登记回复"), self.tr("登记文件 (*.json)"))
            self.response_in.setObjectName("responseIn")
            self.read_response_button = QPushButton(self.tr("② 读取登记回复"))
            self.read_response_button.setObjectName("readResponse")
            self.read_response_button.clicked.connect(self.read_response)
            self.parent_info = QLabel()
            self.parent_info.setWordWrap(True)
            self.parent_fp = FingerprintView()
            self.parent_checked = QCheckBox(self.tr("已电话核对指纹，与上级单位读出的一致"))
            self.parent_checked.setObjectName("parentChecked")
            self.accept_button = QPushButton(self.tr("③ 接受登记回复"))
            self.accept_button.setObjectName("acceptResponse")
            self.accept_button.clicked.connect(self.accept_response)
            self.parent_checked.toggled.connect(self._update_buttons)
            self.up_banner = Banner("upBanner")
            form = QFormLayout()
            form.addRow(self.tr("登记申请保存到："), self.request_out)
            form.addRow("", button_row(self.write_request_button))
            form.addRow(self.tr("上级的登记回复："), self.response_in)
            form.addRow("", button_row(self.read_response_button))
            self.parent_box = QWidget()
            pb = QVBoxLayout(self.parent_box)
            pb.setContentsMargins(0, 0, 0, 0)
            pb.addWidget(self.parent_info)
            pb.addWidget(self.parent_fp)
            pb.addWidget(self.parent_checked)
            pb.addLayout(button_row(self.accept_button))
            self.parent_box.hide()
            ul = QVBoxLayout(up)
            ul.addWidget(self.status)
            ul.addWidget(hint(self.tr(
                "步骤：① 导出登记申请，用U盘交给上级单位，并电话把本设备指纹读给对方；"
                "② 上级批准后，读取对方交回的登记回复；③ 请对方读出其指纹，核对一致后接受。")))
            ul.addLayout(form)
            ul.addWidget(self.parent_box)
            ul.addWidget(self.up_banner)
            self._up_widget = up

        # -- downwards: approve -------------------------------------------------------------
        self.down: QGroupBox | None = None
        if self.has_children:
            down = QGroupBox(self.tr("批准下级设备登记"))
            self.down = down
            self.request_in = PathField("open", self.tr("选择下级的登记申请"), self.tr("登记文件 (*.json)"))
            self.request_in.setObjectName("requestIn")
            self.read_request_button = QPushButton(self.tr("读取登记申请"))
            self.read_request_button.setObjectName("readRequest")
            self.read_request_button.clicked.connect(self.read_request)
            self.child_info = QLabel()
            self.child_info.setObjectName("childInfo")
            self.child_info.setWordWrap(True)
            self.child_fp = FingerprintView()
            self.typed_fp = QLineEdit()
            self.typed_fp.setObjectName("typedFingerprint")
            self.typed_fp.setPlaceholderText(self.tr("对方电话中读出的指纹（可选，例如 1419 8380 …）"))
            self.typed_fp.textChanged.connect(self._update_buttons)
            self.match = QLabel()
            self.match.setObjectName("fingerprintMatch")
            self.child_checked = QCheckBox(self.tr("已电话核对指纹"))
            self.child_checked.setObjectName("childChecked")
            self.child_checked.toggled.connect(self._update_buttons)
            self.response_out = PathField("save", self.tr("保存登记回复"), self.tr("登记文件 (*.json)"))
            self.response_out.setObjectName("responseOut")
            self.approve_button = QPushButton(self.tr("批准并保存登记回复"))
            self.approve_button.setObjectName("approve")
            self.approve_button.clicked.connect(self.approve)
            self.down_banner = Banner("downBanner")
            self.child_box = QWidget()
            cb = QVBoxLayout(self.child_box)
            cb.setContentsMargins(0, 0, 0, 0)
            cb.addWidget(self.child_info)
            cb.addWidget(QLabel(self.tr("申请设备的指纹：")))
            cb.addWidget(self.child_fp)
            typed = QHBoxLayout()
            typed.addWidget(self.typed_fp, 1)
            typed.addWidget(self.match)
            cb.addLayout(typed)
            cb.addWidget(self.child_checked)
            out = QFormLayout()
            out.addRow(self.tr("登记回复保存到："), self.response_out)
            cb.addLayout(out)
            cb.addLayout(button_row(self.approve_button))
            self.child_box.hide()
            dl = QVBoxLayout(down)
            dl.addWidget(hint(self.tr(
                "读取下级交来的登记申请，电话请对方逐组读出指纹，与下面显示的一致才批准。"
                "批准后把登记回复交回对方，并把本设备指纹读给对方核对。")))
            form2 = QFormLayout()
            form2.addRow(self.tr("登记申请文件："), self.request_in)
            form2.addRow("", button_row(self.read_request_button))
            dl.addLayout(form2)
            dl.addWidget(self.child_box)
            dl.addWidget(self.down_banner)
            layout.addWidget(down)
        if self.up is not None:
            layout.addWidget(self.up)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(heading(self.tr("设备登记")))
        outer.addWidget(scroll, 1)
        self.refresh()

    # -- state --------------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.session.is_open:
            return
        store = self.session.store
        with self.session.lock:
            me = DeviceIdentity.of(store)
            parents = SyncStore(store).keys(relation="parent", status="active")
        self.own_fp.set_fingerprint(me.fingerprint)
        self.own_info.setText(self.tr("单位：%1（%2） · 密钥编号：%4")
                              .replace("%1", store.unit_name).replace("%2", store.unit_code)
                              .replace("%4", me.key_id))
        if self.up is not None:
            if parents:
                p = parents[0]
                self.status.setText(self.tr("已登记：本设备的数据包发给%1（%2），对方指纹 %3。")
                                    .replace("%1", p.unit_name).replace("%2", p.unit_code)
                                    .replace("%3", p.fingerprint))
                self.status.setStyleSheet(OK_STYLE)
            else:
                self.status.setText(self.tr("尚未登记到上级单位：登记完成后才能报送数据包。"))
                self.status.setStyleSheet("color: #8a1c1c;")
            if not self.request_out.edit.text():
                self.request_out.set_path(default_folder() / safe_name(
                    self.tr("登记申请-%1.json").replace("%1", store.unit_name)))
        self._update_buttons()

    def clear(self) -> None:
        self.request = self.response = None
        self.own_fp.set_fingerprint("")
        self.own_info.setText("")
        if self.up is not None:
            self.parent_box.hide()
            self.up_banner.clear_text()
        if self.down is not None:
            self.child_box.hide()
            self.down_banner.clear_text()

    def _update_buttons(self) -> None:
        if self.up is not None:
            self.accept_button.setEnabled(self.response is not None and self.parent_checked.isChecked())
        if self.down is not None:
            typed = normalise_fingerprint(self.typed_fp.text())
            ok = self.request is not None and self.child_checked.isChecked()
            digits = typed.replace(" ", "")
            if digits and self.request is not None and len(digits) < 24:
                self.match.setText(self.tr("已输入 %1/24 位").replace("%1", str(len(digits))))
                self.match.setStyleSheet(HINT_STYLE)
                ok = False
            elif typed and self.request is not None:
                same = typed == self.request.fingerprint
                self.match.setText(self.tr("✔ 一致") if same else self.tr("✘ 不一致"))
                self.match.setStyleSheet(OK_STYLE if same else ERROR_STYLE + BOLD)
                ok = ok and same
            else:
                self.match.setText("")
            self.approve_button.setEnabled(ok)

    # -- child side ---------------------------------------------------------------------------
    def write_request(self) -> None:
        try:
            with self.session.lock:
                data = enroll.make_request(self.session.store)
            path = self.request_out.path()
            write_file(path, data)
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        self.up_banner.show_text("ok", self.tr(
            "登记申请已保存到 %1。请交给上级单位，并电话读出本设备指纹：%2")
            .replace("%1", str(path)).replace("%2", self.own_fp.text()))

    def read_response(self) -> None:
        try:
            data = read_file(self.response_in.path())
            with self.session.lock:
                resp = enroll.read_response(self.session.store, data)
        except Exception as exc:
            self.response = None
            self.parent_box.hide()
            self.up_banner.show_text("bad", dialogs.error_text(exc))
            return
        self.response = resp
        p = resp.parent
        names = "、".join(n for _, n in resp.units[:8]) + ("……" if len(resp.units) > 8 else "")
        self.parent_info.setText(self.tr("上级单位：%1（%2） · 信息员：%3\n所辖单位：%4\n上级单位的指纹：")
                                 .replace("%1", p["unit_name"]).replace("%2", p["unit_code"])
                                 .replace("%3", p.get("officer", "")).replace("%4", names or "-"))
        self.parent_fp.set_fingerprint(resp.fingerprint)
        self.parent_checked.setChecked(False)
        self.parent_box.show()
        self.up_banner.show_text("info", self.tr("请电话请上级单位读出其指纹，与上面显示的逐组核对。"))
        self._update_buttons()

    def accept_response(self) -> None:
        resp = self.response
        if resp is None or not self.parent_checked.isChecked():
            return
        try:
            with self.session.lock:
                enroll.accept(self.session.store, resp, confirm_fingerprint=resp.fingerprint)
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        self.response = None
        self.parent_box.hide()
        self.up_banner.show_text("ok", self.tr("登记完成：本设备的数据包今后发给%1。")
                                 .replace("%1", resp.parent["unit_name"]))
        self.session.changed()
        self.refresh()

    # -- parent side --------------------------------------------------------------------------
    def read_request(self) -> None:
        path = self.request_in.path()
        try:
            data = read_file(path)
            with self.session.lock:
                req = enroll.read_request(self.session.store, data)
        except Exception as exc:
            self.request = None
            self.child_box.hide()
            self.down_banner.show_text("bad", dialogs.error_text(exc))
            self._update_buttons()
            return
        self.request = req
        d = req.device
        self.child_info.setText(self.tr("申请单位：%1（%2） · 信息员：%3")
                                .replace("%1", d["unit_name"]).replace("%2", d["unit_code"])
                                .replace("%3", d.get("officer", "")))
        self.child_fp.set_fingerprint(req.fingerprint)
        self.typed_fp.clear()
        self.child_checked.setChecked(False)
        assert path is not None
        self.response_out.set_path(path.with_name(safe_name(
            self.tr("登记回复-%1.json").replace("%1", d["unit_name"]))))
        self.child_box.show()
        self.down_banner.clear_text()
        self._update_buttons()

    def approve(self) -> None:
        req = self.request
        if req is None or not self.child_checked.isChecked():
            return
        typed = normalise_fingerprint(self.typed_fp.text())
        try:
            out = self.response_out.path()
            if out is None:
                write_file(None, b"")
            with self.session.lock:
                data = enroll.approve(self.session.store, req, confirm_fingerprint=typed or req.fingerprint)
            write_file(out, data)
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        self.request = None
        self.child_box.hide()
        self.down_banner.show_text("ok", self.tr(
            "已批准%1的设备。登记回复已保存到 %2，请交回对方，并电话读出本设备指纹：%3")
            .replace("%1", req.device["unit_name"]).replace("%2", str(out))
            .replace("%3", self.own_fp.text()))
        self.session.changed()
        self._update_buttons()
