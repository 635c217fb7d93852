"""Helpers of the sync tests: offices with real stores, enrolled with each other."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import DB_NAME, Store
from leftbehind_desktop.sync import enroll, package
from leftbehind_desktop.sync.errors import SyncError
from leftbehind_desktop.sync.identity import DeviceIdentity
from tests.conftest import DISTRICT, PASSPHRASE, STREET, fill_demo, make_store

VILLAGE_A = "210213001001"  # 大李家村
VILLAGE_B = "210213001002"  # 前进村


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


def street_world(tmp: Path, children: tuple[int, int] = (0, 0)) -> dict[str, Office]:
    """The district, its street 大魏家街道 and two of the street's villages (大李家村, 前进村)
    with ``children`` demo children each (none: empty registries), enrolled up the chain
    (``close_all`` after)."""
    o = {
        "district": office(tmp, "district", "district", DISTRICT, "金普新区民政局"),
        "street": office(tmp, "street", "street", STREET, "大魏家街道"),
        "a": office(tmp, "a", "village", VILLAGE_A, "大李家村"),
        "b": office(tmp, "b", "village", VILLAGE_B, "前进村"),
    }
    enroll_pair(o["street"], o["district"])
    enroll_pair(o["a"], o["street"])
    enroll_pair(o["b"], o["street"])
    for key, n, seed in (("a", children[0], 1), ("b", children[1], 2)):
        if n:
            fill_demo(o[key].reg, n, seed=seed)
    return o


def close_all(offices: dict[str, Office]) -> None:
    for o in offices.values():
        o.close()


def db_digest(directory: Path) -> str:
    """SHA-256 over registry.db and its WAL/SHM (store closed)."""
    h = hashlib.sha256()
    for suffix in ("", "-wal", "-shm"):
        p = directory / (DB_NAME + suffix)
        h.update(suffix.encode())
        h.update(p.read_bytes() if p.exists() else b"<none>")
    return h.hexdigest()


def refused_import(receiver: Office, path: Path) -> SyncError:
    """Import ``path`` into ``receiver``: it must be refused and the store's files stay
    byte-identical (``registry.db`` + WAL + SHM hashed with the store closed)."""
    receiver.close()
    before = db_digest(receiver.dir)
    receiver.reopen()
    try:
        with pytest.raises(SyncError) as info:
            package.import_package(receiver.store, path)
    finally:
        receiver.close()
        after = db_digest(receiver.dir)
        receiver.reopen()
    assert before == after, "the store changed although the package was refused"
    return info.value


def repack(data: bytes, sender: Office, receiver: Office, members: dict[str, bytes],
           edit: object = None) -> bytes:
    """``data`` with its payload made of ``members``, encrypted to ``receiver`` and re-signed
    with ``sender``'s own enrolled key (``edit`` may change the manifest) — what an enrolled
    but hostile sender can make."""
    payload, contents = make_payload(members, DeviceIdentity.of(receiver.store).age_recipient)
    return forge(data, DeviceIdentity.of(sender.store).secret, edit, payload, contents)


def forge(data: bytes, signer: object, edit: object = None, payload: bytes | None = None,
          contents: dict[str, dict[str, object]] | None = None) -> bytes:
    """Rebuild a package with an edited manifest (and payload), re-signed by ``signer``
    (a minisign SecretKey) — what a malicious but key-holding sender could make."""
    import json

    from leftbehind_desktop.sync import container
    from leftbehind_desktop.sync import manifest as mf
    from leftbehind_desktop.sync.minisign import SecretKey

    assert isinstance(signer, SecretKey)
    box = container.open_container(data)
    raw = json.loads(box.manifest)
    body = box.payload if payload is None else payload
    raw["payload"]["sha256"] = mf.sha256_hex(body)
    raw["payload"]["size"] = len(body)
    raw["sender"]["key_id"] = signer.public.key_id_text
    if contents is not None:
        raw["contents"] = contents
    if callable(edit):
        edit(raw)
    manifest_bytes = mf.encode(raw)
    sig = signer.sign(manifest_bytes, mf.trusted_comment(mf.Manifest(raw)))
    return container.build(manifest_bytes, sig.encode(), body)


def make_payload(members: dict[str, bytes], recipient: str
                 ) -> tuple[bytes, dict[str, dict[str, object]]]:
    """An age-encrypted payload archive of ``members`` and its manifest ``contents``."""
    import io
    import zipfile

    import pyrage

    from leftbehind_desktop.sync import manifest as mf

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    payload = pyrage.encrypt(buf.getvalue(), [pyrage.x25519.Recipient.from_str(recipient)])
    return payload, {n: {"size": len(d), "sha256": mf.sha256_hex(d)} for n, d in members.items()}


def decrypt_contents(data: bytes, identity: str) -> dict[str, bytes]:
    import io
    import zipfile

    import pyrage

    from leftbehind_desktop.sync import container

    box = container.open_container(data)
    plain = pyrage.decrypt(box.payload, [pyrage.x25519.Identity.from_str(identity)])
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}
