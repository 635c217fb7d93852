"""Every hostile or broken package is refused with a clear message, and the receiving
database file is byte-for-byte what it was (store closed, registry.db + WAL hashed)."""

from __future__ import annotations

import io
import json
import subprocess
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from leftbehind_desktop.store.sync import SyncStore
from leftbehind_desktop.sync import container, enroll, package
from leftbehind_desktop.sync.errors import SyncError
from leftbehind_desktop.sync.identity import DeviceIdentity
from leftbehind_desktop.sync.package import InvalidRecords
from tests.conftest import STREET, fill_demo
from tests.sync.helpers import (
    Office,
    db_digest,
    decrypt_contents,
    enroll_pair,
    forge,
    make_payload,
    office,
    refused_import,
)

VILLAGE = "210213001001"
PERIOD = "2026Q4"


@dataclass
class World:
    tmp: Path
    village: Office
    street: Office
    good: bytes

    @property
    def signer(self) -> object:
        return DeviceIdentity.of(self.village.store).secret

    @property
    def street_recipient(self) -> str:
        return DeviceIdentity.of(self.street.store).age_recipient

    def write(self, data: bytes, name: str = "bad.lbpkg") -> Path:
        p = self.tmp / name
        p.write_bytes(data)
        return p

    def refused(self, data: bytes, code: str | None) -> SyncError:
        """Import must raise; the street's database must be byte-identical."""
        err = refused_import(self.street, self.write(data))
        if code is not None:
            assert err.code == code, err.text("zh")
        text = err.text("zh")
        assert text and "Traceback" not in text
        assert err.text("en") != text
        return err


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    tmp = tmp_path_factory.mktemp("bad")
    village = office(tmp, "v", "village", VILLAGE, "大李家村")
    street = office(tmp, "s", "street", STREET, "大魏家街道")
    enroll_pair(village, street)
    fill_demo(village.reg, 6, seed=3)
    out = package.export_package(village.store, PERIOD, tmp / "good.lbpkg")
    w = World(tmp, village, street, out.path.read_bytes())
    yield w
    village.close()
    street.close()


def _zip(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_STORED) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buf, "w", method) as zf:
            for name, data in members:
                zf.writestr(zipfile.ZipInfo(name, date_time=container.DATE), data,
                            compress_type=method)
    return buf.getvalue()


def _members(data: bytes) -> list[tuple[str, bytes]]:
    box = container.open_container(data)
    return [(container.MANIFEST, box.manifest), (container.SIGNATURE, box.signature),
            (container.PAYLOAD, box.payload)]


# == the container ==========================================================================
def test_every_flipped_byte_is_refused(world: World) -> None:
    data = world.good
    box = container.open_container(data)
    n = len(data)
    # every byte of the headers, manifest and signature; a sample of the payload
    head = len(box.manifest) + len(box.signature) + 200
    positions = list(range(0, min(head, n))) + list(range(head, n - 400, 97)) + \
        list(range(n - 400, n))
    for pos in positions:
        flipped = bytearray(data)
        flipped[pos] ^= 0x01
        with pytest.raises(SyncError):
            package.check_package(world.street.store, bytes(flipped))
    world.refused(bytes(flipped), None)  # and the database stays as it was


@pytest.mark.parametrize("cut", [0, 10, 100, -1, -22, -500])
def test_truncated_file(world: World, cut: int) -> None:
    data = world.good[:cut] if cut > 0 else world.good[:len(world.good) + cut]
    if cut == 0:
        data = b""
    err = world.refused(data, "not_a_zip")
    assert "截断" in err.text("zh")


def test_unsafe_duplicate_extra_and_compressed_members(world: World) -> None:
    m = _members(world.good)
    world.refused(_zip([("../manifest.json", m[0][1]), m[1], m[2]]), "bad_member_name")
    world.refused(_zip([("/etc/manifest.json", m[0][1]), m[1], m[2]]), "bad_member_name")
    world.refused(_zip([m[0], m[0], m[1], m[2]]), "duplicate_member")
    world.refused(_zip([*m, ("notes.txt", b"hello")]), "extra_member")
    world.refused(_zip(m[:2]), "missing_member")
    world.refused(_zip(m, zipfile.ZIP_DEFLATED), "compressed_member")


def test_decompression_bomb_in_the_container(world: World) -> None:
    m = _members(world.good)
    bomb = _zip([m[0], m[1], (container.PAYLOAD, b"\0" * 50_000_000)], zipfile.ZIP_DEFLATED)
    assert len(bomb) < 200_000
    world.refused(bomb, "compressed_member")


def test_member_larger_than_declared(world: World) -> None:
    m = _members(world.good)
    world.refused(container.build(m[0][1], m[1][1], m[2][1] + b"\0" * 5000),
                  "member_too_large")
    world.refused(container.build(b" " * (container.MAX_MANIFEST + 1), m[1][1], m[2][1]),
                  "member_too_large")


# == the manifest and signature =============================================================
def test_future_format_version(world: World) -> None:
    err = world.refused(forge(world.good, world.signer,
                              lambda r: r.update(format_version=2)), "future_format")
    assert "升级" in err.text("zh")


def test_unknown_key(world: World) -> None:
    stranger = office(world.tmp, "stranger", "village", VILLAGE, "大李家村")
    try:
        fill_demo(stranger.reg, 2)
        enroll.make_request(stranger.store)
        data = forge(world.good, DeviceIdentity.of(stranger.store).secret)
    finally:
        stranger.close()
    world.refused(data, "unknown_key")


def test_key_of_another_unit(world: World) -> None:
    other = office(world.tmp, "v2", "village", "210213001002", "前进村")
    try:
        enroll_pair(other, world.street)
        other_secret = DeviceIdentity.of(other.store).secret
    finally:
        other.close()
    # signed by village 002's key while claiming to come from village 001
    world.refused(forge(world.good, other_secret), "other_unit_key")


def test_village_of_another_street(world: World) -> None:
    data = forge(world.good, world.signer,
                 lambda r: r["sender"].update(unit_code="210213002001"))
    err = world.refused(data, "outside_area")
    assert "210213002001" in err.text("zh")


def test_signature_must_match_manifest(world: World) -> None:
    m = _members(world.good)
    edited = json.loads(m[0][1])
    edited["period"] = "2026Q3"
    from leftbehind_desktop.sync import manifest as mf

    world.refused(container.build(mf.encode(edited), m[1][1], m[2][1]), "bad_signature")


def test_wrong_recipient(world: World) -> None:
    data = forge(world.good, world.signer,
                 lambda r: r["recipient"].update(unit_code="210213002000"))
    world.refused(data, "wrong_recipient")


def test_revoked_key(world: World) -> None:
    ex = SyncStore(world.street.store)
    key = ex.keys(unit_code=VILLAGE, status="active")[0]
    enroll.revoke(world.street.store, key.key_id, "笔记本电脑丢失")
    try:
        world.refused(world.good, "revoked_key")
    finally:
        with world.street.store.transaction() as audit:
            ex = SyncStore(world.street.store)
            ex.set_key_status(key.key_id, "active", audit)


# == the payload ============================================================================
def _records(world: World) -> bytes:
    identity = world.street.store.setting("device_age_identity")
    assert identity
    return decrypt_contents(world.good, identity)["records.jsonl"]


def _with_records(world: World, records: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    payload, contents = make_payload({"records.jsonl": records, **(extra or {})},
                                     world.street_recipient)
    return forge(world.good, world.signer, payload=payload, contents=contents)


def test_malformed_json_lines(world: World) -> None:
    lines = _records(world).split(b"\n")
    lines[3] = b'{"kind": "child", "record": {'
    err = world.refused(_with_records(world, b"\n".join(lines)), "bad_line")
    assert "第4行" in err.text("zh")


def test_records_failing_validation(world: World) -> None:
    lines = _records(world).split(b"\n")
    item = json.loads(lines[0])
    assert item["kind"] == "child"
    item["record"]["sex"] = "未知"
    lines[0] = json.dumps(item, ensure_ascii=False).encode()
    path = world.write(_with_records(world, b"\n".join(lines)))
    with pytest.raises(InvalidRecords) as info:
        package.import_package(world.street.store, path)
    assert len(info.value.items) == 1
    assert "性别" in info.value.items[0].detail
    world.refused(path.read_bytes(), "invalid_records")


def test_refusal_after_merged_batches_rolls_everything_back(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Import checks and merges in one pass: with batches of 2 records, batches are merged
    into the transaction before the refusal (a last invalid record, a record missing
    against the declared count, a changed audit chain) — the store is still byte-identical,
    and the invalid records are all listed."""
    from leftbehind_desktop.sync import incoming

    monkeypatch.setattr(incoming, "BATCH", 2)
    merged: list[int] = []
    batch = incoming._Merge.batch

    def counting(self: incoming._Merge, rows: dict[str, list[dict[str, object]]]) -> None:
        merged.append(sum(len(r) for r in rows.values()))
        batch(self, rows)

    monkeypatch.setattr(incoming._Merge, "batch", counting)
    identity = world.street.store.setting("device_age_identity")
    assert identity
    members = decrypt_contents(world.good, identity)
    lines = members["records.jsonl"].rstrip(b"\n").split(b"\n")
    extra = {k: v for k, v in members.items() if k != "records.jsonl"}

    def invalid(line: bytes) -> bytes:
        item = json.loads(line)
        item["record"]["version"] = 0
        return json.dumps(item, ensure_ascii=False).encode()

    # the last two records invalid: refused after the batches before them were merged
    bad = [*lines[:-2], invalid(lines[-2]), invalid(lines[-1])]
    data = _with_records(world, b"\n".join(bad) + b"\n", extra)
    err = world.refused(data, "invalid_records")
    assert sum(merged) >= len(lines) - 3  # all but the batch the first invalid one is in
    assert isinstance(err, InvalidRecords) and len(err.items) == 2
    assert all("版本号无效" in i.detail for i in err.items)
    # one record fewer than the manifest declares: found only at the end
    merged.clear()
    world.refused(_with_records(world, b"\n".join(lines[:-1]) + b"\n", extra),
                  "count_mismatch")
    assert sum(merged) == len(lines) - 1
    # the audit chain broken in its last event: everything merged first
    merged.clear()
    audit = members["audit.jsonl"].rstrip(b"\n").split(b"\n")
    last = json.loads(audit[-1])
    last["hash"] = "0" * 64
    audit[-1] = json.dumps(last, ensure_ascii=False).encode()
    chain = {**extra, "audit.jsonl": b"\n".join(audit) + b"\n"}
    world.refused(_with_records(world, members["records.jsonl"], chain), "audit_broken")
    assert sum(merged) >= len(lines) - 1  # (the last, odd record waits for the end)


def test_record_of_a_unit_outside_the_sender(world: World) -> None:
    text = _records(world).replace(b'"unit_code":"210213001001"',
                                   b'"unit_code":"210213002001"', 1)
    world.refused(_with_records(world, text), "record_outside")


def test_decompression_bomb_in_the_payload(world: World) -> None:
    records = _records(world)
    bomb = records + b" " * 30_000_000
    payload, contents = make_payload({"records.jsonl": bomb}, world.street_recipient)
    contents["records.jsonl"]["size"] = len(records)  # lies about the expanded size
    assert len(payload) < 200_000
    world.refused(forge(world.good, world.signer, payload=payload, contents=contents), "bomb")
    contents["records.jsonl"]["size"] = 10 ** 12  # declares an absurd size
    world.refused(forge(world.good, world.signer, payload=payload, contents=contents), "bomb")


def test_payload_for_another_office(world: World) -> None:
    other = office(world.tmp, "s2", "street", "210213002000", "杏树街道")
    try:
        recipient = DeviceIdentity.of(other.store).age_recipient
    finally:
        other.close()
    payload, contents = make_payload({"records.jsonl": _records(world)}, recipient)
    world.refused(forge(world.good, world.signer, payload=payload, contents=contents),
                  "decrypt_failed")


# == sequence: replay and rollback ==========================================================
def test_replay_and_rollback(world: World) -> None:
    v, s = world.village, world.street
    p1 = package.export_package(v.store, PERIOD, world.tmp / "s1.lbpkg")
    p2 = package.export_package(v.store, PERIOD, world.tmp / "s2.lbpkg")
    report = package.import_package(s.store, p2.path)
    assert not report.already_imported
    # the older package after the newer one: a rollback
    err = world.refused(p1.path.read_bytes(), "rollback")
    assert str(p1.sequence) in err.text("zh")
    # the same package again: a no-op that says so, database unchanged
    s.close()
    before = db_digest(s.dir)
    s.reopen()
    again = package.import_package(s.store, p2.path)
    s.close()
    assert db_digest(s.dir) == before
    s.reopen()
    assert again.already_imported
    assert "已" in again.headline() and "未做任何修改" in again.headline()
    assert "already imported" in again.headline("en")


# == stock tools ============================================================================
def test_stock_minisign_and_age_accept_a_real_package(world: World) -> None:
    out = world.tmp / "stock"
    out.mkdir(exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(world.good)) as zf:
        zf.extractall(out)
    (out / "sender.pub").write_text(DeviceIdentity.of(world.village.store).public.file_text())
    identity = world.street.store.setting("device_age_identity")
    assert identity
    (out / "identity.txt").write_text(identity + "\n")
    sig = subprocess.run(["minisign", "-Vm", "manifest.json", "-p", "sender.pub"], cwd=out,
                         capture_output=True, text=True, check=False)
    assert sig.returncode == 0, sig.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert f"package_id:{manifest['package_id']}" in sig.stdout
    dec = subprocess.run(["age", "-d", "-i", "identity.txt", "-o", "payload.zip", "payload.age"],
                         cwd=out, capture_output=True, check=False)
    assert dec.returncode == 0, dec.stderr
    with zipfile.ZipFile(out / "payload.zip") as zf:
        assert set(zf.namelist()) >= {"records.jsonl", "audit.jsonl", "units.jsonl"}
        first = json.loads(zf.read("records.jsonl").split(b"\n")[0])
    assert first["kind"] == "child"
    # a tampered manifest fails stock minisign too
    (out / "manifest.json").write_text((out / "manifest.json").read_text().replace(
        PERIOD, "2025Q1"))
    bad = subprocess.run(["minisign", "-Vm", "manifest.json", "-p", "sender.pub"], cwd=out,
                         capture_output=True, check=False)
    assert bad.returncode != 0


def test_verify_checks_without_importing(world: World) -> None:
    fresh = package.export_package(world.village.store, PERIOD, world.tmp / "fresh.lbpkg")
    s = world.street
    s.close()
    before = db_digest(s.dir)
    s.reopen()
    report = package.verify_package(s.store, fresh.path)
    s.close()
    assert db_digest(s.dir) == before
    s.reopen()
    assert not report.already_imported and report.counts["child"] == 6


Check = Callable[[World], None]
