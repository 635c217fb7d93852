"""退回修改 travels down: a street's ``review`` package of returned items, imported by the
village into ``returned_item`` (no registry record changes), refused when tampered with,
foreign or replayed (the store byte-identical), and answered in the village's next
quarterly package."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from leftbehind_desktop.core.ids import uuid7
from leftbehind_desktop.store.returned_items import ReturnedItems
from leftbehind_desktop.store.sync import SyncStore
from leftbehind_desktop.sync import container, package, returns
from leftbehind_desktop.sync.errors import SyncError
from leftbehind_desktop.sync.identity import DeviceIdentity
from tests.conftest import STREET, fill_demo
from tests.sync.helpers import (
    Office,
    db_digest,
    decrypt_contents,
    enroll_pair,
    forge,
    make_payload,
    office,
)

SCHEMAS = Path(__file__).resolve().parents[2] / "sync" / "schemas"
VILLAGE_A = "210213001001"
VILLAGE_B = "210213001002"
PERIOD = "2026Q4"


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[dict[str, Office]]:
    o = {
        "street": office(tmp_path, "street", "street", STREET, "大魏家街道"),
        "a": office(tmp_path, "a", "village", VILLAGE_A, "大李家村"),
        "b": office(tmp_path, "b", "village", VILLAGE_B, "前进村"),
    }
    enroll_pair(o["a"], o["street"])
    enroll_pair(o["b"], o["street"])
    fill_demo(o["a"].reg, 4, seed=3)
    yield o
    for x in o.values():
        x.close()


def _schema(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8")))


def _street_items(street: Office, a: Office, tmp: Path) -> list[dict[str, Any]]:
    """The village's package imported at the street; two review items as 15a's
    ``review_item`` rows look (returned, with comments)."""
    p = package.export_package(a.store, PERIOD, tmp / "a1.lbpkg")
    package.import_package(street.store, p.path)
    kids = [r for r in SyncStore(street.store).iter_records("child", VILLAGE_A)]
    return [{"id": uuid7(), "package_id": p.package_id, "unit_code": VILLAGE_A,
             "period": PERIOD, "kind": "child", "record_id": kids[i]["id"], "change": "changed",
             "summary_json": json.dumps([  # a key field as it was, a changed and a new one
                 {"field": "name", "label_zh": "姓名", "label_en": "Name",
                  "before": kids[i]["name"], "after": kids[i]["name"]},
                 {"field": "residence", "label_zh": "现住址", "label_en": "Address",
                  "before": "大李家村", "after": kids[i]["residence"]},
                 {"field": "school_name", "label_zh": "就读学校", "label_en": "School",
                  "before": None, "after": "大李家小学"}]),
             "status": "returned", "comment": f"住址不详，请核实门牌号（{i}）",
             "decided_at": f"2026-12-0{i + 1}T02:00:00Z", "officer": "王街道"}
            for i in range(2)]


def test_review_package_goes_down_and_fills_the_village_list(
        offices: dict[str, Office], tmp_path: Path) -> None:
    street, a = offices["street"], offices["a"]
    items = _street_items(street, a, tmp_path)
    out = returns.export_items(street.store, PERIOD, VILLAGE_A, items, tmp_path / "r.lbpkg")
    assert out.kind == "review" and out.recipient_unit == VILLAGE_A
    # encrypted to the village: its own identity reads review.jsonl, one line per item
    members = decrypt_contents(out.path.read_bytes(), str(a.store.setting("device_age_identity")))
    assert set(members) == {"review.jsonl"}
    lines = [json.loads(x) for x in members["review.jsonl"].decode().splitlines()]
    assert {x["item_id"] for x in lines} == {i["id"] for i in items}
    assert all(x["fields"] == ["residence", "school_name"] and x["record_version"] == 1 for x in lines)
    for x in lines:  # the published schemas say the same (sync/schemas)
        _schema("review-line").validate(x)
    _schema("manifest").validate(json.loads(container.open_container(
        out.path.read_bytes()).manifest))

    report = package.import_package(a.store, out.path)
    assert report.kind == "review"
    assert "退回2项待修改" in report.headline() and "returned for" in report.headline("en")
    listed = returns.returned_items(a.store)
    assert {i["item_id"] for i in listed} == {i["id"] for i in items}
    kid = next(i for i in listed if i["comment"].endswith("（0）"))
    assert kid["child_name"] == a.reg.get("child", kid["record_id"])["name"]
    assert kid["status"] == "open" and not kid["changed"]
    assert returns.what_text(kid) == "儿童基本信息（变更）：现居住地、就读学校"
    assert returns.what_text(kid, "en") == "Child registration (changed): Current address, School"
    # no registry record changed
    assert all(r["version"] == 1 for r in SyncStore(a.store).iter_records("child"))

    # the same file again: already imported, nothing changed
    again = package.import_package(a.store, out.path)
    assert again.already_imported
    assert len(returns.returned_items(a.store)) == 2


def test_check_only_writes_nothing(offices: dict[str, Office], tmp_path: Path) -> None:
    street, a = offices["street"], offices["a"]
    out = returns.export_items(street.store, PERIOD, VILLAGE_A,
                               _street_items(street, a, tmp_path), tmp_path / "r.lbpkg")
    report = package.verify_package(a.store, out.path)
    assert "检查通过" in report.headline() and "共2项" in report.headline()
    assert returns.returned_items(a.store) == []


def _refused(o: Office, data: bytes, tmp: Path, code: str) -> None:
    """Importing ``data`` is refused with ``code`` and the store stays byte-identical."""
    f = tmp / "bad.lbpkg"
    f.write_bytes(data)
    o.close()
    before = db_digest(o.dir)
    o.reopen()
    with pytest.raises(SyncError) as exc:
        package.import_package(o.store, f)
    assert exc.value.code == code, exc.value
    assert str(exc.value)  # a Chinese sentence
    o.close()
    assert db_digest(o.dir) == before
    o.reopen()


def test_tampered_foreign_and_replayed_review_packages_are_refused(
        offices: dict[str, Office], tmp_path: Path) -> None:
    street, a, b = offices["street"], offices["a"], offices["b"]
    items = _street_items(street, a, tmp_path)
    first = returns.export_items(street.store, PERIOD, VILLAGE_A, items[:1], tmp_path / "r1.lbpkg")
    good = returns.export_items(street.store, PERIOD, VILLAGE_A, items, tmp_path / "r2.lbpkg")
    data = good.path.read_bytes()

    # one byte of the payload changed
    bad = bytearray(data)
    bad[data.index(b"age-encryption.org") + 300] ^= 0x01
    _refused(a, bytes(bad), tmp_path, "payload_hash")
    # the manifest edited (another quarter) without the street's key, container rebuilt
    box = container.open_container(data)
    edited = box.manifest.replace(b'"period":"2026Q4"', b'"period":"2026Q3"')
    _refused(a, container.build(edited, box.signature, box.payload), tmp_path, "bad_signature")
    # to the other village: not its file
    _refused(b, data, tmp_path, "wrong_recipient")
    # signed by a key the village does not trust (the village B's own, posing as the street)
    b_secret = DeviceIdentity.of(b.store).secret
    _refused(a, forge(data, b_secret), tmp_path, "unknown_key")
    # a well-signed file from the street whose payload is not a list of returned items
    street_secret = DeviceIdentity.of(street.store).secret
    payload, contents = make_payload({"review.jsonl": b'{"item_id":"x"}\n'},
                                     DeviceIdentity.of(a.store).age_recipient)
    _refused(a, forge(data, street_secret, payload=payload, contents=contents), tmp_path,
             "bad_line")

    package.import_package(a.store, good.path)
    assert len(returns.returned_items(a.store)) == 2
    # an older review package after the newer one: replay refused
    _refused(a, first.path.read_bytes(), tmp_path, "rollback")
    # the street cannot import the village's review package (not a parent's file for it)
    with pytest.raises(SyncError) as exc:
        package.import_package(street.store, good.path)
    assert exc.value.code == "outside_area"


def test_no_items_no_file_and_only_for_a_unit_below(offices: dict[str, Office],
                                                    tmp_path: Path) -> None:
    street = offices["street"]
    with pytest.raises(SyncError) as exc:
        returns.export_items(street.store, PERIOD, VILLAGE_A, [], tmp_path / "r.lbpkg")
    assert exc.value.code == "no_returns" and "没有退回修改" in str(exc.value)
    with pytest.raises(SyncError) as exc:
        returns.export_items(street.store, PERIOD, "210213002001", [{"id": "x"}],
                             tmp_path / "r.lbpkg")
    assert exc.value.code == "wrong_level"
    assert not (tmp_path / "r.lbpkg").exists()


def test_village_answers_go_up_in_the_next_quarterly_package(
        offices: dict[str, Office], tmp_path: Path) -> None:
    street, a = offices["street"], offices["a"]
    items = _street_items(street, a, tmp_path)
    out = returns.export_items(street.store, PERIOD, VILLAGE_A, items, tmp_path / "r.lbpkg")
    package.import_package(a.store, out.path)
    edited, checked = sorted(returns.returned_items(a.store), key=lambda i: i["comment"])
    # one answered by editing the record (the quarter is locked: an amendment)
    a.reg.update("child", edited["record_id"], {"residence": "大李家村3组12号"},
                 reason="街道退回：补全门牌号")
    assert ReturnedItems(a.store).get(edited["item_id"])["changed"]  # type: ignore[index]
    # one answered without a change
    with pytest.raises(Exception, match="核实说明"):
        returns.confirm(a.store, checked["item_id"], "  ")
    returns.confirm(a.store, checked["item_id"], "已入户核实，住址无误")

    p2 = package.export_package(a.store, PERIOD, tmp_path / "a2.lbpkg")
    members = decrypt_contents(p2.path.read_bytes(), str(street.store.setting("device_age_identity")))
    answers = {x["item_id"]: x for x in
               (json.loads(line) for line in members["answers.jsonl"].decode().splitlines())}
    assert answers[edited["item_id"]]["answer"] == "changed"
    assert answers[edited["item_id"]]["record_version"] == 2
    assert answers[checked["item_id"]]["answer"] == "confirmed"
    assert answers[checked["item_id"]]["note"] == "已入户核实，住址无误"
    assert answers[checked["item_id"]]["returned_at"] == checked["returned_at"]
    for x in answers.values():
        _schema("answer-line").validate(x)
    # sent: off the village's to-do list, still on record
    assert returns.returned_items(a.store) == []
    assert {i["status"] for i in returns.returned_items(a.store, include_sent=True)} == {"sent"}
    with pytest.raises(Exception, match="已答复"):
        returns.confirm(a.store, checked["item_id"], "再次")

    # the street imports that package (the record's version 2), returns the edited one
    # again: it is open again at the village
    package.import_package(street.store, p2.path)
    again = [dict(items[0], decided_at="2026-12-05T02:00:00Z", comment="门牌号仍不对")]
    out2 = returns.export_items(street.store, PERIOD, VILLAGE_A, again, tmp_path / "r3.lbpkg")
    report = package.import_package(a.store, out2.path)
    assert report.detail["counts"]["reopened"] == 1
    reopened = returns.returned_items(a.store)
    assert [(i["item_id"], i["status"], i["comment"]) for i in reopened] == [
        (items[0]["id"], "open", "门牌号仍不对")]
