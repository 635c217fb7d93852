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
