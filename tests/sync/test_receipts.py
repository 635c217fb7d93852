"""Receipts (回执): the street answers every authenticated import of a village package; the
village imports the receipt (never a registry change); its next package acknowledges it.
Real stores, real packages; refusals leave the stores byte-identical."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from leftbehind_desktop.store.receipts import ReceiptStore
from leftbehind_desktop.store.sync import SyncStore
from leftbehind_desktop.sync import container, overview, package, receipts
from leftbehind_desktop.sync import manifest as mf
from leftbehind_desktop.sync.errors import SyncError
from leftbehind_desktop.sync.identity import DeviceIdentity
from leftbehind_desktop.sync.package import InvalidRecords
from tests.conftest import STREET, fill_demo
from tests.sync.helpers import Office, db_digest, decrypt_contents, enroll_pair, forge, make_payload, office

VILLAGE_A, VILLAGE_B, PERIOD = "210213001001", "210213001002", "2026Q4"


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[dict[str, Office]]:
    o = {"street": office(tmp_path, "street", "street", STREET, "大魏家街道"),
         "a": office(tmp_path, "a", "village", VILLAGE_A, "大李家村"),
         "b": office(tmp_path, "b", "village", VILLAGE_B, "前进村")}
    enroll_pair(o["a"], o["street"])
    enroll_pair(o["b"], o["street"])
    fill_demo(o["a"].reg, 4, seed=1)
    fill_demo(o["b"].reg, 3, seed=2)
    yield o
    for x in o.values():
        x.close()


def unchanged(who: Office, action: Callable[[], Any]) -> Any:
    """Run ``action`` and require the office's store to be byte-identical afterwards."""
    who.close()
    before = db_digest(who.dir)
    who.reopen()
    try:
        return action()
    finally:
        who.close()
        assert db_digest(who.dir) == before, "the store changed"
        who.reopen()


def refused(who: Office, data: bytes | Path, code: str) -> SyncError:
    def run() -> SyncError:
        with pytest.raises(SyncError) as info:
            package.import_package(who.store, data)
        return info.value
    err: SyncError = unchanged(who, run)
    assert err.code == code, err.text("zh")
    return err


def registry_counts(who: Office) -> dict[str, int]:
    return SyncStore(who.store).record_counts()


def test_accepted_import_writes_a_receipt_the_village_imports(
        offices: dict[str, Office], tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    sent = package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg")
    report = package.import_package(street.store, sent.path)
    receipt = receipts.for_import(street.store, report)
    assert receipt is not None and receipt.outcome == "accepted" and receipt.stored
    written = receipts.write(street.store, receipt, receipts.default_path(sent.path))
    assert written.path == tmp_path / "a1-回执.lbpkg" and written.path.exists()
    out = ReceiptStore(street.store).out(receipt.receipt_id)
    assert out is not None and out.saved_to == str(written.path) and out.acknowledged_at is None
    assert receipts.unit_states(street.store, PERIOD)[VILLAGE_A][0] == "written"

    # the receipt is a real package: signed manifest (kind receipt), encrypted payload
    box = container.open_container(written.path.read_bytes())
    m = mf.parse(box.manifest)
    assert (m.kind, m.sender_unit, m.recipient_unit, m.period) == \
        ("receipt", STREET, VILLAGE_A, PERIOD)
    # what it says travels encrypted (the manifest names only the offices)
    assert sent.package_id.encode() not in written.path.read_bytes()
    assert "测试员".encode() not in written.path.read_bytes()

    before = registry_counts(a)
    got = package.import_package(a.store, written.path)
    assert got.kind == "receipt" and not got.already_imported
    total = sum(sent.record_counts.values())
    assert f"大魏家街道已接收 {total} 条" in got.headline()
    assert f"received {total} records" in got.headline("en")
    assert registry_counts(a) == before  # a receipt never changes a registry record
    last = receipts.last_received(a.store)[PERIOD]
    assert last.package_id == sent.package_id and last.outcome == "accepted"
    assert receipts.total_accepted(last.content) == total

    # the same receipt again: a no-op, byte for byte
    path = written.path
    again = unchanged(a, lambda: package.import_package(a.store, path))
    assert again.already_imported and "未做任何修改" in again.headline()


def test_next_package_acknowledges_the_receipt(offices: dict[str, Office],
                                               tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    sent = package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg")
    receipt = receipts.for_import(street.store, package.import_package(street.store, sent.path))
    assert receipt is not None
    path = receipts.save(street.store, receipt, tmp_path / "r.lbpkg")
    # before the village imported it, its next package acknowledges nothing
    nxt = package.export_package(a.store, "2027Q1", tmp_path / "a2.lbpkg")
    ident = street.store.setting("device_age_identity")
    assert ident and receipts.ACK_MEMBER not in decrypt_contents(nxt.path.read_bytes(), ident)
    package.import_package(street.store, nxt.path)
    assert ReceiptStore(street.store).out(receipt.receipt_id).acknowledged_at is None  # type: ignore[union-attr]

    package.import_package(a.store, path)
    third = package.export_package(a.store, "2027Q1", tmp_path / "a3.lbpkg")
    acks = decrypt_contents(third.path.read_bytes(), ident)[receipts.ACK_MEMBER]
    line = json.loads(acks.splitlines()[0])
    assert line["receipt_id"] == receipt.receipt_id and line["package_id"] == sent.package_id
    package.import_package(street.store, third.path)
    out = ReceiptStore(street.store).out(receipt.receipt_id)
    assert out is not None and out.acknowledged_at
    assert receipts.unit_states(street.store, PERIOD)[VILLAGE_A][0] == "acknowledged"
    rows = {r.unit_code: r for r in overview.overview(street.store, PERIOD).rows}
    assert rows[VILLAGE_A].receipt_text == "已确认" and rows[VILLAGE_B].receipt == ""
    assert rows[VILLAGE_A].receipt_id == receipt.receipt_id


def test_duplicate_import_gives_the_first_receipt_again(offices: dict[str, Office],
                                                        tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    sent = package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg")
    first = receipts.for_import(street.store, package.import_package(street.store, sent.path))
    assert first is not None

    def again() -> receipts.Receipt | None:
        return receipts.for_import(street.store, package.import_package(street.store, sent.path))
    second = unchanged(street, again)  # nothing new in the store
    assert second is not None and second.receipt_id == first.receipt_id
    assert second.data == first.data

    # a package imported before receipts existed: an "already imported" receipt
    street.store.conn.execute("DELETE FROM receipt_out")
    late = receipts.for_import(street.store, package.import_package(street.store, sent.path))
    assert late is not None and late.outcome == "already_imported"
    path = receipts.save(street.store, late, tmp_path / "late.lbpkg")
    got = package.import_package(a.store, path)
    assert "重复报送" in got.headline()


def _invalid_package(a: Office, street: Office, good: bytes) -> bytes:
    """The village's genuine package with one child's sex made invalid, re-signed with the
    village's own key (what a broken exporter could send)."""
    ident = street.store.setting("device_age_identity")
    assert ident
    members = decrypt_contents(good, ident)
    lines = members["records.jsonl"].split(b"\n")
    item = json.loads(lines[0])
    assert item["kind"] == "child"
    item["record"]["sex"] = "未知"
    lines[0] = json.dumps(item, ensure_ascii=False).encode()
    members["records.jsonl"] = b"\n".join(lines)
    payload, contents = make_payload(members, DeviceIdentity.of(street.store).age_recipient)
    return forge(good, DeviceIdentity.of(a.store).secret, payload=payload, contents=contents)


def test_refused_package_gets_a_receipt_and_changes_nothing(offices: dict[str, Office],
                                                            tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    sent = package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg")
    bad = tmp_path / "bad.lbpkg"
    bad.write_bytes(_invalid_package(a, street, sent.path.read_bytes()))
    child_id = json.loads(decrypt_contents(
        bad.read_bytes(), street.store.setting("device_age_identity") or "")[
        "records.jsonl"].split(b"\n")[0])["record"]["id"]

    def refuse() -> receipts.Receipt | None:
        with pytest.raises(InvalidRecords) as info:
            package.import_package(street.store, bad)
        return receipts.for_refusal(street.store, bad, info.value)
    receipt = unchanged(street, refuse)  # the refusal and its receipt: the store as it was
    assert receipt is not None and receipt.outcome == "refused" and not receipt.stored
    assert receipt.content["refused_count"] == 1
    assert receipt.content["refused"][0]["record_id"] == child_id
    # the reason in both languages
    why = receipt.content["refused"][0]
    assert "性别" in why["text_zh"] and why["text_en"].startswith("failed validation: ")
    assert why["text_en"] == "failed validation: Sex: “未知” is not one of the allowed values"  # (the value as sent)
    path = receipts.save(street.store, receipt, receipts.default_path(bad))
    assert ReceiptStore(street.store).outs() == []
    assert receipts.unit_states(street.store, PERIOD) == {}  # nothing received

    got = package.import_package(a.store, path)
    assert "大魏家街道退回了数据包：退回 1 条" in got.headline()
    assert "未通过校验" in got.headline()
    last = receipts.last_received(a.store)[PERIOD]
    assert last.outcome == "refused"
    name = a.reg.get("child", child_id)["name"]
    lines = receipts.refused_lines(last.content, {child_id: name})
    assert lines[0].startswith(name) and "性别" in lines[0]


def test_no_receipt_for_a_package_that_did_not_authenticate(offices: dict[str, Office],
                                                            tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    sent = package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg")
    data = bytearray(sent.path.read_bytes())
    data[60] ^= 1  # in the manifest: the signature no longer verifies
    with pytest.raises(SyncError) as info:
        package.import_package(street.store, bytes(data))
    assert receipts.for_refusal(street.store, bytes(data), info.value) is None


def test_tampered_foreign_and_misaddressed_receipts_are_refused(
        offices: dict[str, Office], tmp_path: Path) -> None:
    a, b, street = offices["a"], offices["b"], offices["street"]
    sent = package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg")
    receipt = receipts.for_import(street.store, package.import_package(street.store, sent.path))
    assert receipt is not None
    good = receipt.data
    opened = container.open_bytes(good)

    flipped = bytearray(good)
    flipped[opened.payload_offset + opened.payload_size // 2] ^= 1
    assert "已损坏或被篡改" in refused(a, bytes(flipped), "payload_hash").text("zh")
    box = container.open_container(good)  # the manifest edited, the signature kept
    edited = box.manifest.replace(b"2026Q4", b"2026Q3")
    refused(a, container.build(edited, box.signature, box.payload), "bad_signature")
    # addressed to village A: village B refuses it before decrypting anything
    assert "不是发给本单位" in refused(b, good, "wrong_recipient").text("zh")
    # signed by a key the village does not trust (another street's laptop)
    other = office(tmp_path, "other", "street", STREET, "大魏家街道")
    try:
        forged = forge(good, DeviceIdentity.of(other.store).secret)
    finally:
        other.close()
    refused(a, forged, "unknown_key")

    # genuinely signed by the street, but answering a package A never sent
    def elsewhere(raw: dict[str, Any]) -> None:
        raw["sequence"] += 1
    secret = DeviceIdentity.of(street.store).secret
    content = dict(receipt.content, package_id="01900000-0000-7000-8000-000000000000")
    body = (json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            + "\n").encode()
    payload, contents = make_payload({"receipt.json": body},
                                     DeviceIdentity.of(a.store).age_recipient)
    stray = forge(good, secret, elsewhere, payload, contents)
    assert "不是本单位发给" in refused(a, stray, "receipt_unknown_package").text("zh")
    # a receipt.json that is not a receipt
    payload, contents = make_payload({"receipt.json": b'{"format":"x"}\n'},
                                     DeviceIdentity.of(a.store).age_recipient)
    refused(a, forge(good, secret, elsewhere, payload, contents), "bad_receipt")
    # the genuine one still imports afterwards
    assert not package.import_package(a.store, good).already_imported


def test_check_only_of_a_receipt_writes_nothing(offices: dict[str, Office],
                                                tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    sent = package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg")
    receipt = receipts.for_import(street.store, package.import_package(street.store, sent.path))
    assert receipt is not None
    report = unchanged(a, lambda: package.verify_package(a.store, receipt.data))
    assert "回执有效" in report.headline()


def test_a_receipt_that_cannot_be_made_leaves_the_import_standing(
        offices: dict[str, Office], tmp_path: Path) -> None:
    a, street = offices["a"], offices["street"]
    sent = package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg")
    report = package.import_package(street.store, sent.path)
    ex = SyncStore(street.store)
    key = ex.keys(unit_code=VILLAGE_A, relation="child")[0]
    with street.store.transaction() as audit:  # the village's laptop revoked meanwhile
        ex.set_key_status(key.key_id, "revoked", audit)
    written = receipts.answer_import(street.store, report, tmp_path / "r.lbpkg")
    assert written is not None and written.receipt is None and written.error is not None
    assert "无法生成给发送单位的回执" in written.error.text("zh")
    assert "找不到" in written.error.text("zh") and "import stands" in written.error.text("en")
    assert not (tmp_path / "r.lbpkg").exists()
    assert ex.package(sent.package_id) is not None  # imported all the same


def test_the_district_answers_the_street(tmp_path: Path) -> None:
    """The same at the next level: the district's receipt for a street's package, imported
    by the street; the street's next package to the district acknowledges it."""
    from tests.conftest import DISTRICT
    district = office(tmp_path, "district", "district", DISTRICT, "金普新区民政局")
    street = office(tmp_path, "street", "street", STREET, "大魏家街道")
    a = office(tmp_path, "a", "village", VILLAGE_A, "大李家村")
    try:
        enroll_pair(street, district)
        enroll_pair(a, street)
        fill_demo(a.reg, 3, seed=3)
        package.import_package(street.store, package.export_package(
            a.store, PERIOD, tmp_path / "a.lbpkg").path)
        up = package.export_package(street.store, PERIOD, tmp_path / "s.lbpkg")
        receipt = receipts.for_import(district.store,
                                      package.import_package(district.store, up.path))
        assert receipt is not None and receipt.unit_code == STREET
        got = package.import_package(street.store, receipt.data)
        assert "金普新区民政局已接收" in got.headline()
        assert receipts.last_received(street.store)[PERIOD].package_id == up.package_id
        nxt = package.export_package(street.store, PERIOD, tmp_path / "s2.lbpkg")
        package.import_package(district.store, nxt.path)
        out = ReceiptStore(district.store).out(receipt.receipt_id)
        assert out is not None and out.acknowledged_at
    finally:
        for o in (district, street, a):
            o.close()
