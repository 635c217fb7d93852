"""Helpers of the sync tests: offices with real stores, enrolled with each other."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import DB_NAME, Store
from leftbehind_desktop.sync import enroll
from tests.conftest import PASSPHRASE, make_store


@dataclass
class Office:
    dir: Path
    store: Store
    reg: Registry

    def close(self) -> None:
        self.store.close()

    def reopen(self) -> None:
        self.store = Store.open(self.dir, passphrase=PASSPHRASE)
        self.reg = Registry(self.store)


def office(tmp: Path, name: str, role: str, unit: str, unit_name: str) -> Office:
    store, _ = make_store(tmp / name, role, unit, unit_name, "测试员")
    return Office(tmp / name, store, Registry(store))


def enroll_pair(child: Office, parent: Office) -> None:
    req = enroll.read_request(parent.store, enroll.make_request(child.store))
    resp = enroll.approve(parent.store, req, confirm_fingerprint=req.fingerprint)
    r = enroll.read_response(child.store, resp)
    enroll.accept(child.store, r, confirm_fingerprint=r.fingerprint)


def db_digest(directory: Path) -> str:
    """SHA-256 over registry.db and its WAL/SHM (store closed)."""
    h = hashlib.sha256()
    for suffix in ("", "-wal", "-shm"):
        p = directory / (DB_NAME + suffix)
        h.update(suffix.encode())
        h.update(p.read_bytes() if p.exists() else b"<none>")
    return h.hexdigest()
