"""History checks at import: the package id is a UUIDv7; a unit's audit chain, once
received, must come again whole (dropped or cut short: refused); a rewritten chain is
reported from the first changed event; each refusal names its real cause."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from leftbehind_desktop.store.audit import GENESIS, event_hash
from leftbehind_desktop.sync import package
from leftbehind_desktop.sync.errors import SyncError
from leftbehind_desktop.sync.identity import DeviceIdentity
from tests.conftest import STREET, fill_demo
from tests.sync.helpers import (
    Office,
    decrypt_contents,
    enroll_pair,
    forge,
    office,
    refused_import,
    repack,
)

VILLAGE = "210213001001"
PERIOD = "2026Q4"


@dataclass
class World:
    tmp: Path
    village: Office
    street: Office

    def export(self, name: str) -> bytes:
        return package.export_package(self.village.store, PERIOD, self.tmp / name).path.read_bytes()

    def members(self, data: bytes) -> dict[str, bytes]:
        ident = self.street.store.setting("device_age_identity")
        assert ident
        return decrypt_contents(data, ident)

    def rebuild(self, data: bytes, members: dict[str, bytes],
                edit: Callable[[dict[str, Any]], None] | None = None) -> bytes:
        return repack(data, self.village, self.street, members, edit)

    def refused(self, data: bytes, code: str) -> SyncError:
        path = self.tmp / "bad.lbpkg"
        path.write_bytes(data)
        err = refused_import(self.street, path)
        assert err.code == code, err.text("zh")
        return err


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    village = office(tmp_path, "v", "village", VILLAGE, "大李家村")
    street = office(tmp_path, "s", "street", STREET, "大魏家街道")
    enroll_pair(village, street)
    fill_demo(village.reg, 3, seed=5)
    w = World(tmp_path, village, street)
    yield w
    village.close()
    street.close()


def _audit(members: dict[str, bytes]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in members["audit.jsonl"].splitlines()]


def _jsonl(items: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(i, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
                   for i in items).encode()


def _rechain(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    prev = GENESIS
    out = []
    for e in events:
        body = {k: v for k, v in e.items() if k not in ("prev_hash", "hash")}
        h = event_hash(prev, body)
        out.append({**body, "prev_hash": prev, "hash": h})
        prev = h
    return out


@pytest.mark.parametrize("bad_id", ["../../etc/passwd", "01234567-89ab-4def-8123-456789abcdef",
                                    "not-a-uuid", "0192F0C8-5A1B-7C2D-8E3F-405162738495"])
def test_package_id_must_be_a_uuid7(world: World, bad_id: str) -> None:
    data = world.export("p.lbpkg")
    err = world.refused(forge(data, DeviceIdentity.of(world.village.store).secret,
                              lambda raw: raw.update(package_id=bad_id)), "bad_manifest")
    assert "UUIDv7" in err.text("zh")


def test_dropped_or_truncated_chain_after_the_first_package_is_refused(world: World) -> None:
    first = world.export("p1.lbpkg")
    package.import_package(world.street.store, first)
    world.village.reg.add("child", {"name": "新来的", "sex": "女", "birth_date": "2016-01-02",
                                    "hukou_registered": False, "residence": "大李家村",
                                    "schooling": "小学", "living_arrangement": "与祖辈同住"},
                      reason="补登")
    second = world.export("p2.lbpkg")
    members = world.members(second)
    events = _audit(members)
    # cut short: a valid prefix of the chain, shorter than the one received before
    short = {**members, "audit.jsonl": _jsonl(events[:3])}
    err = world.refused(world.rebuild(second, short, lambda raw: raw.update(audit_events=3)),
                        "audit_truncated")
    assert "3" in err.text("zh")
    # dropped altogether
    dropped = {k: v for k, v in members.items() if k != "audit.jsonl"}
    world.refused(world.rebuild(second, dropped, lambda raw: raw.update(audit_events=0)),
                  "audit_missing")
    # the genuine second package imports, its history continuous
    report = package.import_package(world.street.store, world.tmp / "p2.lbpkg")
    assert report.chain_gap_at is None


def test_rewritten_chain_is_reported_from_the_first_changed_event(world: World) -> None:
    first = world.export("p1.lbpkg")
    package.import_package(world.street.store, first)
    head = len(_audit(world.members(first)))
    second = world.export("p2.lbpkg")
    members = world.members(second)
    events = _audit(members)
    assert len(events) > head >= 6
    events[4]["officer"] = "改写者"  # event 5 rewritten, the chain re-hashed from there
    rewritten = {**members, "audit.jsonl": _jsonl(_rechain(events))}
    path = world.tmp / "rewritten.lbpkg"
    path.write_bytes(world.rebuild(second, rewritten))
    report = package.import_package(world.street.store, path)
    assert report.chain_gap_at == 5
    assert "自第5条起" in report.headline("zh") and "from event 5" in report.headline("en")


def test_truncated_payload_is_named_as_damaged_not_as_for_another_device(world: World) -> None:
    """A validly signed package whose age payload was cut short (the hash covers the cut
    bytes): the cause is a damaged payload, not "not encrypted to this device"."""
    data = world.export("p1.lbpkg")
    from leftbehind_desktop.sync import container

    payload = container.open_container(data).payload
    cut = forge(data, DeviceIdentity.of(world.village.store).secret,
                payload=payload[: len(payload) - 100])
    world.refused(cut, "payload_damaged")
    # and a changed byte in the payload after signing: the hash says so
    box = bytearray(data)
    box[len(box) // 2] ^= 0x01
    world.refused(bytes(box), "payload_hash")
