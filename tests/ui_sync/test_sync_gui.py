"""The 数据交换 screens driven like a user would, on real stores and real packages: a village
exports through the wizard, the street imports and reads the report, a tampered package is
refused with nothing changed, a conflict and a duplicate are resolved in the review screens,
enrollment request → approve → accept, the quarter overview shows sent and late units."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from leftbehind_desktop.core.dates import quarter_label
from leftbehind_desktop.store.store import DB_NAME
from leftbehind_desktop.store.sync import SyncStore
from leftbehind_desktop.sync import package, review
from leftbehind_desktop.ui.mainwindow import NAV_SYNC, MainWindow
from leftbehind_desktop.ui.session import Session
from leftbehind_desktop.ui.sync.common import last_finished_quarter
from leftbehind_desktop.ui.sync.import_panel import ImportPanel
from tests.conftest import CHILD
from tests.sync.helpers import Office, office

from .conftest import VILLAGE_A, VILLAGE_B, screens_for, wait_jobs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

PERIOD = last_finished_quarter(date.today())


def files_digest(directory: Path) -> str:
    h = hashlib.sha256()
    for suffix in ("", "-wal", "-shm"):
        p = directory / (DB_NAME + suffix)
        h.update(p.read_bytes() if p.exists() else b"<none>")
    return h.hexdigest()


def import_through_gui(panel: ImportPanel, path: Path) -> None:
    panel.file.set_path(path)
    assert panel.import_button.isEnabled()
    panel.import_button.click()
    wait_jobs()


def test_village_exports_and_street_imports(qtbot: QtBot, offices: dict[str, Office], tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    v = screens_for(qtbot, a)
    titles = [v.tabs.tabText(i) for i in range(v.tabs.count())]
    assert titles == ["设备登记", "导出季度数据包", "导入数据包", "从恢复包恢复", "信任列表"]
    w = v.show_tab("export")
    assert w is v.export and v.export is not None
    wiz = v.export
    assert wiz.period.currentData() == PERIOD  # the last finished quarter
    assert "大魏家街道" in wiz.recipient_label.text()
    assert "儿童基本信息 8" in wiz.counts_label.text()
    assert "第 1 步" in wiz.step_label.text()
    wiz.next.click()
    out_dir = tmp_path / "U盘"
    out_dir.mkdir()
    wiz.folder.set_path(out_dir)
    assert wiz.file_name.text() == f"大李家村-{quarter_label(PERIOD)}.lbpkg"  # 2026年第3季度
    assert wiz.period.currentText() == quarter_label(PERIOD)
    wiz.next.click()
    # the quarter lock is explained before anything is written
    assert "季度锁定" in wiz.lock_text.text() and "更正原因" in wiz.lock_text.text()
    assert "R10" not in wiz.lock_text.text() and PERIOD not in wiz.lock_text.text()
    assert wiz.export_button.isVisible() and not wiz.export_button.isEnabled()
    wiz.understood.setChecked(True)
    wiz.export_button.click()
    wait_jobs()
    out = out_dir / f"大李家村-{quarter_label(PERIOD)}.lbpkg"
    assert out.exists()
    assert wiz.banner.level == "ok" and "第1号" in wiz.banner.text() and "已锁定" in wiz.banner.text()
    assert "第 4 步" in wiz.step_label.text()
    assert a.store.setting("locked_through") == PERIOD

    s = screens_for(qtbot, street)
    assert s.tabs.tabText(0) == "季度总览" and "上报区" in [s.tabs.tabText(i) for i in range(s.tabs.count())]
    assert s.importer is not None
    s.show_tab("import")
    # check only: nothing is imported
    s.importer.file.set_path(out)
    s.importer.check_button.click()
    wait_jobs()
    assert "尚未导入" in s.importer.banner.text()
    assert SyncStore(street.store).record_counts()["child"] == 0
    import_through_gui(s.importer, out)
    banner = s.importer.banner.text()
    assert s.importer.banner.level == "ok" and "已导入大李家村" in banner
    total = sum(SyncStore(a.store).record_counts().values())
    assert s.importer.counts["new"].text() == str(total)
    assert s.importer.counts["rejected"].text() == "0"
    # the per-record table: all records, in Chinese
    s.importer.show_filter.setCurrentIndex(s.importer.show_filter.findData(None))
    model = s.importer.model
    assert model.rowCount() == total
    assert model.headerData(0, Qt.Orientation.Horizontal) == "结果"
    assert model.data(model.index(0, 0)) == "新增"
    names = {str(model.data(model.index(r, 1))) for r in range(model.rowCount())}
    child = next(SyncStore(a.store).iter_records("child"))
    assert child["name"] in names
    # again: nothing changes, and it says so
    import_through_gui(s.importer, out)
    assert "导入过" in s.importer.banner.text()
    assert SyncStore(street.store).record_counts()["child"] == 8


def test_tampered_package_is_refused_and_nothing_changes(qtbot: QtBot, offices: dict[str, Office],
                                                         tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    good = package.export_package(a.store, PERIOD, tmp_path / "a.lbpkg")
    data = bytearray(good.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / "tampered.lbpkg"
    bad.write_bytes(bytes(data))
    s = screens_for(qtbot, street)
    assert s.importer is not None
    s.show_tab("import")
    before = files_digest(street.dir)
    import_through_gui(s.importer, bad)
    text = s.importer.banner.text()
    assert s.importer.banner.level == "bad"
    assert text.startswith("数据包已拒绝：") and "本次没有修改任何数据" in text
    assert "Traceback" not in text
    assert s.importer.isVisible() and not s.importer.table_box.isVisible()
    assert files_digest(street.dir) == before
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    # a package for another office: the reason names both offices
    other = office(tmp_path, "other-street", "street", "210213002000", "其他街道")
    try:
        o = screens_for(qtbot, other)
        assert o.importer is not None
        import_through_gui(o.importer, good.path)
        assert "不属于本单位" in o.importer.banner.text() and "210213002000" in o.importer.banner.text()
    finally:
        wait_jobs()
        other.close()


def test_conflict_and_duplicate_resolved_in_review(qtbot: QtBot, offices: dict[str, Office],
                                                   tmp_path: Path) -> None:
    a, b, street = offices["a"], offices["b"], offices["street"]
    dup_a = a.reg.add("child", dict(CHILD)).record["id"]
    dup_b = b.reg.add("child", {**CHILD, "residence": "前进村1组1号"}).record["id"]
    s = screens_for(qtbot, street)
    assert s.importer is not None and s.conflicts is not None and s.duplicates is not None
    import_through_gui(s.importer, package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg").path)
    import_through_gui(s.importer, package.export_package(b.store, PERIOD, tmp_path / "b1.lbpkg").path)
    assert s.importer.counts["duplicate"].text() == "1" and "重复登记审核" in s.importer.banner.text()
    street.reg.update("child", dup_a, {"residence": "大李家村3组12号（街道核实）"})
    a.reg.update("child", dup_a, {"residence": "大李家村5组1号"}, reason="搬家后更正住址")
    import_through_gui(s.importer, package.export_package(a.store, PERIOD, tmp_path / "a2.lbpkg").path)
    assert s.importer.counts["conflict"].text() == "1"
    assert s.tabs.tabText(s.tabs.indexOf(s.conflicts)) == "冲突审核（1）"

    # conflict: both values side by side, the officer picks one
    c = s.show_tab("conflicts")
    assert c is s.conflicts
    assert s.conflicts.table.rowCount() == 1
    assert s.conflicts.table.item(0, 1).text() == "张小明"
    assert s.conflicts.table.item(0, 3).text() == "现居住地"
    assert s.conflicts.local.value.text() == "大李家村3组12号（街道核实）"
    assert s.conflicts.incoming.value.text() == "大李家村5组1号"
    assert "大李家村3组12号" in s.conflicts.base.text()
    assert not s.conflicts.resolve_button.isEnabled()
    s.conflicts.incoming.radio.setChecked(True)
    assert s.conflicts.resolve_button.isEnabled()
    s.conflicts.resolve_button.click()
    assert s.conflicts.banner.level == "ok" and "仍保存在冲突记录中" in s.conflicts.banner.text()
    assert s.conflicts.table.rowCount() == 0
    assert street.reg.get("child", dup_a)["residence"] == "大李家村5组1号"
    kept = SyncStore(street.store).conflicts(status=None)[0]
    assert kept["status"] == "resolved" and kept["local_value"] == "大李家村3组12号（街道核实）"
    assert s.tabs.tabText(s.tabs.indexOf(s.conflicts)) == "冲突审核"

    # duplicate: the two children side by side, keep one with a note
    s.show_tab("duplicates")
    d = s.duplicates
    assert d.table.rowCount() == 1 and "大李家村" in d.table.item(0, 1).text()
    assert d.table.item(0, 0).text().endswith("1254") and "********" in d.table.item(0, 0).text()
    assert len(d.radios) == 2
    keep = next(i for i, r in enumerate(d.records) if r["id"] == dup_a)
    d.radios[keep].setChecked(True)
    assert not d.resolve_button.isEnabled()  # the note is required
    d.note.setText("儿童已迁至大李家村")
    d.resolve_button.click()
    assert d.banner.level == "ok" and d.table.rowCount() == 0
    assert street.reg.get("child", dup_b, include_deleted=True)["deleted"] is True
    assert review.open_duplicates(street.store) == []


def test_enrollment_request_approve_accept(qtbot: QtBot, offices: dict[str, Office], tmp_path: Path) -> None:
    street = offices["street"]
    new = office(tmp_path, "c", "village", "210213001003", "后石村")
    try:
        v = screens_for(qtbot, new)
        ve = v.enroll
        assert "尚未登记" in ve.status.text()
        assert len(ve.own_fp.text().split()) == 6
        req = tmp_path / "登记申请.json"
        ve.request_out.set_path(req)
        ve.write_request_button.click()
        assert req.exists() and ve.up_banner.level == "ok"

        s = screens_for(qtbot, street)
        se = s.show_tab("enroll")
        assert se is s.enroll
        se_ = s.enroll
        se_.request_in.set_path(req)
        se_.read_request_button.click()
        assert "后石村" in se_.child_info.text()
        assert se_.child_fp.text() == ve.own_fp.text()  # what the village reads over the phone
        assert not se_.approve_button.isEnabled()
        se_.typed_fp.setText("0000 0000 0000 0000 0000 0000")
        se_.child_checked.setChecked(True)
        assert se_.match.text() == "✘ 不一致" and not se_.approve_button.isEnabled()
        se_.typed_fp.setText(ve.own_fp.text())
        assert se_.match.text() == "✔ 一致" and se_.approve_button.isEnabled()
        resp = tmp_path / "登记回复.json"
        se_.response_out.set_path(resp)
        se_.approve_button.click()
        assert resp.exists() and se_.down_banner.level == "ok" and "已批准后石村" in se_.down_banner.text()
        assert any(k.unit_code == "210213001003" for k in SyncStore(street.store).keys(relation="child"))

        ve.response_in.set_path(resp)
        ve.read_response_button.click()
        assert "大魏家街道" in ve.parent_info.text()
        assert ve.parent_fp.text() == se_.own_fp.text()
        assert not ve.accept_button.isEnabled()
        ve.parent_checked.setChecked(True)
        ve.accept_button.click()
        assert ve.up_banner.level == "ok" and "已登记" in ve.status.text()
        assert [k.unit_code for k in SyncStore(new.store).keys(relation="parent")] == [street.store.unit_code]
        # a response for another device is refused with the reason
        ve.response_in.set_path(req)
        ve.read_response_button.click()
        assert ve.up_banner.level == "bad" and "登记回复" in ve.up_banner.text()
    finally:
        wait_jobs()
        new.close()


def test_overview_shows_sent_late_and_reviewed(qtbot: QtBot, offices: dict[str, Office], tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    package.import_package(street.store, package.export_package(a.store, PERIOD, tmp_path / "a.lbpkg").path)
    street.store.set_setting("quarter_deadline_days", "3650")  # the deadline is far ahead
    s = screens_for(qtbot, street)
    ov = s.overview
    assert ov is not None and ov.period.currentData() == PERIOD
    states = {ov.table.item(r, 0).text(): ov.table.item(r, 1).text() for r in range(ov.table.rowCount())}
    assert states == {f"大李家村（{VILLAGE_A}）": "已报送", f"前进村（{VILLAGE_B}）": "未报送"}
    street.store.set_setting("quarter_deadline_days", "0")
    ov.refresh()
    states = {ov.table.item(r, 0).text(): ov.table.item(r, 1).text() for r in range(ov.table.rowCount())}
    assert states == {f"大李家村（{VILLAGE_A}）": "已报送（逾期）", f"前进村（{VILLAGE_B}）": "逾期未报"}
    assert "已报送 1，逾期 2，已审核 0" in ov.summary.text()
    pending = len(review.review_items(street.store, PERIOD, VILLAGE_A))
    assert pending > 0 and ov.table.item(0, 4).text() == str(pending)  # 待审核
    ov.table.selectRow(0)
    assert ov.review_button.isEnabled() and not ov.mark_button.isEnabled()  # items to review
    review.pass_all(street.store, PERIOD, VILLAGE_A)
    ov.refresh()
    assert ov.table.item(0, 1).text() == "已审核" and "已审核 1" in ov.summary.text()
    assert ov.table.item(0, 4).text() == "" and "测试员" in ov.table.item(0, 8).text()


def test_main_window_page_by_role_and_cleared_on_lock(qtbot: QtBot, tmp_path: Path) -> None:
    district = office(tmp_path, "d", "district", "210213000000", "金普新区民政局")
    session = Session(district.dir)
    session.attach(district.store)
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.start()
    assert win.sync.screens is None  # built when first shown
    win.show_page(NAV_SYNC)
    screens = win.sync.screens
    assert screens is not None
    titles = [screens.tabs.tabText(i) for i in range(screens.tabs.count())]  # type: ignore[attr-defined]
    assert titles == ["季度总览", "导入数据包", "逐条审核", "冲突审核", "重复登记审核", "设备登记", "信任列表"]
    win.idle.enabled = False
    session.close()  # what locking does: the screens and their data go away
    assert win.sync.screens is None and win.sync.placeholder.isVisible()


def test_cancelled_import_changes_nothing(qtbot: QtBot, offices: dict[str, Office], tmp_path: Path) -> None:
    from leftbehind_desktop.ui import jobs

    a, street = offices["a"], offices["street"]
    pkg = package.export_package(a.store, PERIOD, tmp_path / "a.lbpkg").path
    s = screens_for(qtbot, street)
    assert s.importer is not None
    s.importer.file.set_path(pkg)
    before = files_digest(street.dir)
    with s.session.lock:  # the worker waits for the store: press 取消 before it starts
        s.importer.import_button.click()
        workers = list(jobs._running)
        assert len(workers) == 1
        workers[0].cancel.set()
    wait_jobs()
    assert s.importer.banner.level == "info" and "已取消" in s.importer.banner.text()
    assert files_digest(street.dir) == before
    assert SyncStore(street.store).packages(direction="in") == []


def test_sync_screens_in_english(qtbot: QtBot, offices: dict[str, Office]) -> None:
    """(That every string has its English: tests/test_translations.py.)"""
    from leftbehind_desktop.ui import i18n
    from leftbehind_desktop.ui.i18n_build import build

    build()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translators(app, "en")
    i18n.set_current("en")
    try:
        s = screens_for(qtbot, offices["street"])
        titles = [s.tabs.tabText(i) for i in range(s.tabs.count())]
        assert titles == ["Quarter overview", "Import package", "Record review", "Conflicts", "Duplicates",
                          "Report to district", "Restore package", "Enrollment", "Trust list"]
        assert s.overview is not None and s.overview.table.horizontalHeaderItem(1).text() == "Status"
        from leftbehind_desktop.ui.sync.common import fmt_value
        assert [fmt_value(True), fmt_value(None)] == ["Yes", "(empty)"]
    finally:
        i18n.install_translators(app, "zh")
        i18n.set_current("zh")


def test_invalid_records_listed_and_nothing_imported(qtbot: QtBot, offices: dict[str, Office],
                                                     tmp_path: Path) -> None:
    import json

    from leftbehind_desktop.sync.minisign import SecretKey
    from tests.sync.helpers import decrypt_contents, forge, make_payload

    a, street = offices["a"], offices["street"]
    good = package.export_package(a.store, PERIOD, tmp_path / "a.lbpkg", ledger=False)
    members = decrypt_contents(good.path.read_bytes(), str(street.store.setting("device_age_identity")))
    lines = members["records.jsonl"].decode().splitlines()
    i = next(n for n, line in enumerate(lines) if json.loads(line)["kind"] == "child")
    item = json.loads(lines[i])
    item["record"]["sex"] = "未知值"
    lines[i] = json.dumps(item, ensure_ascii=False)
    members["records.jsonl"] = ("\n".join(lines) + "\n").encode()
    from leftbehind_desktop.sync.identity import DeviceIdentity

    recipient = DeviceIdentity.of(street.store).age_recipient
    payload, contents = make_payload(members, recipient)
    signer = SecretKey.from_raw(bytes.fromhex(str(a.store.setting("device_signing_key"))))
    bad = tmp_path / "invalid.lbpkg"
    bad.write_bytes(forge(good.path.read_bytes(), signer, payload=payload, contents=contents))
    s = screens_for(qtbot, street)
    assert s.importer is not None
    s.show_tab("import")
    before = files_digest(street.dir)
    import_through_gui(s.importer, bad)
    assert s.importer.banner.level == "bad" and "1条记录未通过校验" in s.importer.banner.text()
    assert "本次没有修改任何数据" in s.importer.banner.text()
    assert s.importer.counts["rejected"].text() == "1" and s.importer.table_box.isVisible()
    model = s.importer.model
    assert model.rowCount() == 1 and model.data(model.index(0, 0)) == "拒绝"
    assert model.data(model.index(0, 2)) == "儿童基本信息" and model.data(model.index(0, 4))
    assert model.headerData(2, Qt.Orientation.Horizontal) == "记录类型"  # never "表"
    assert files_digest(street.dir) == before


def test_revoke_through_trust_list(qtbot: QtBot, offices: dict[str, Office], tmp_path: Path) -> None:
    street = offices["street"]
    s = screens_for(qtbot, street)
    t = s.show_tab("trust")
    assert t is s.trust
    row = next(r for r, k in enumerate(s.trust.keys) if k.unit_code == VILLAGE_B)
    s.trust.table.selectRow(row)
    assert not s.trust.revoke_button.isEnabled()  # a reason is required
    s.trust.reason.setText("笔记本电脑丢失")
    s.trust.revoke_button.click()
    boxes = [w for w in QApplication.topLevelWidgets() + s.findChildren(QMessageBox)
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "不能撤销" in boxes[0].text()
    boxes[0].button(QMessageBox.StandardButton.Yes).click()
    key = next(k for k in SyncStore(street.store).keys() if k.unit_code == VILLAGE_B)
    assert key.status == "revoked"
    assert s.trust.banner.level == "ok"
    status = s.trust.table.item(next(r for r, k in enumerate(s.trust.keys) if k.unit_code == VILLAGE_B), 2)
    assert status.text() == "已吊销"
    out = tmp_path / "update.json"
    s.trust.update_out.set_path(out)
    s.trust.update_button.click()
    assert out.exists()


def test_rotate_own_key_and_the_street_imports_it(qtbot: QtBot, offices: dict[str, Office], tmp_path: Path) -> None:
    """更换本机密钥 without the command line: the village writes the rotation file, the street
    imports it on its 信任列表 page, and the village's next package is accepted."""
    from leftbehind_desktop.sync.identity import DeviceIdentity

    village, street = offices["a"], offices["street"]
    old = DeviceIdentity.of(village.store).key_id
    v = screens_for(qtbot, village)
    v.show_tab("trust")
    out = tmp_path / "更换密钥.json"
    v.trust.rotate_out.set_path(out)
    v.trust.rotate_button.click()
    boxes = [w for w in QApplication.topLevelWidgets() + v.findChildren(QMessageBox)
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "上级和下级单位必须导入" in boxes[0].text()
    boxes[0].button(QMessageBox.StandardButton.Yes).click()
    assert v.trust.banner.level == "ok" and "新指纹" in v.trust.banner.text()
    new = DeviceIdentity.of(village.store).key_id
    assert new != old and out.read_bytes().startswith(b"{")
    s = screens_for(qtbot, street)
    s.show_tab("trust")
    s.trust.update_in.set_path(out)
    s.trust.apply_button.click()
    assert s.trust.banner.level == "ok", s.trust.banner.text()
    keys = {k.key_id: k.status for k in SyncStore(street.store).keys() if k.unit_code == VILLAGE_A}
    assert keys[old] == "rotated" and keys[new] == "active"
    pkg = package.export_package(village.store, last_finished_quarter(date.today()), tmp_path / "a.lbpkg")
    package.import_package(street.store, pkg.path)  # signed by the new key: accepted
