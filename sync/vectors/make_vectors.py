"""Regenerate the test vectors of sync/SPEC.md (sample keys and a sample package).

    .venv/bin/python sync/vectors/make_vectors.py

Writes into this directory:
  sender.pub             minisign public key of the sending village device
  sender.ed25519.hex     its raw Ed25519 secret key (SAMPLE ONLY — never a real key)
  recipient.identity.txt age X25519 identity of the receiving street office (SAMPLE ONLY)
  recipient.txt          its age recipient
  sample.lbpkg           a quarterly package, village 210213001001 → street 210213001000
  expected/manifest.json the manifest inside it
  expected/records.jsonl the records inside its payload (synthetic people only)
  expected/contents.json names and SHA-256 of every payload member
  enroll/request.json    the village's enrollment request (signed by itself)
  enroll/response.json   the street's response (signed by the street)
  enroll/trust_update.json  a trust update of the street (serial 1, the village key revoked)
  enroll/key_rotation.json  the village's key rotation (signed by the old key)
  enroll/*.canonical.json + *.minisig  each document's signed bytes and signature, for
                         stock ``minisign -Vm`` (village.pub / street.pub)
  enroll/expected.json   fingerprints, key ids and signers of the documents above
  restore.lbpkg          a restore package, street → the village (village.identity.txt)
  receipt.lbpkg          the street's receipt (回执) for sample.lbpkg, → the village
                         (village.identity.txt); expected/receipt.json its receipt.json
  negative/*             packages and documents that MUST be refused; negative/expected.json
                         names the refusal (``SyncError.code``) each must get
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pyrage

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from leftbehind_desktop.store.audit import canonical_json  # noqa: E402
from leftbehind_desktop.store.keyslots import KdfParams  # noqa: E402
from leftbehind_desktop.store.registry import Registry  # noqa: E402
from leftbehind_desktop.store.store import Store  # noqa: E402
from leftbehind_desktop.sync import container, enroll, package, receipts  # noqa: E402
from leftbehind_desktop.sync import manifest as mf  # noqa: E402
from leftbehind_desktop.sync.identity import DeviceIdentity  # noqa: E402
from leftbehind_desktop.sync.minisign import SecretKey  # noqa: E402

CHILDREN = [
    {"name": "张小明", "sex": "男", "birth_date": "2015-03-04",
     "id_number": "210213201503041254", "residence": "大李家村3组12号", "schooling": "小学",
     "school_name": "大李家小学", "living_arrangement": "与祖辈同住"},
    {"name": "王丽", "sex": "女", "birth_date": "2013-07-21", "hukou_registered": False,
     "residence": "大李家村1组3号", "schooling": "初中", "school_name": "大李家中学",
     "living_arrangement": "与母亲同住"},
]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        village, _ = Store.init(t / "v", "sample passphrase", role="village",
                                unit_code="210213001001", unit_name="大李家村", officer="示例信息员",
                                kdf=KdfParams.fast())
        street, _ = Store.init(t / "s", "sample passphrase", role="street",
                               unit_code="210213001000", unit_name="大魏家街道", officer="示例审核员",
                               kdf=KdfParams.fast())
        try:
            req_bytes = enroll.make_request(village)
            req = enroll.read_request(street, req_bytes)
            resp_bytes = enroll.approve(street, req, req.fingerprint)
            resp = enroll.read_response(village, resp_bytes)
            enroll.accept(village, resp, resp.fingerprint)
            reg = Registry(village, today=lambda: date(2026, 12, 1))
            ids = [reg.add("child", c).record["id"] for c in CHILDREN]
            reg.add("visit", {"visit_date": "2026-11-20", "visit_type": "入户走访",
                              "visitor": "示例信息员", "living_arrangement": "与祖辈同住",
                              "guardian_present": True, "safety_ok": True, "health_ok": True,
                              "study_ok": True, "findings": "孩子在家写作业，精神状态良好。"},
                    child_id=ids[0])
            out = package.export_package(village, "2026Q4", HERE / "sample.lbpkg", ledger=False)
            me = DeviceIdentity.of(village)
            them = DeviceIdentity.of(street)
            (HERE / "sender.pub").write_text(me.public.file_text())
            (HERE / "sender.ed25519.hex").write_text(me.secret.raw().hex() + "\n")
            (HERE / "recipient.identity.txt").write_text(str(them.age_identity) + "\n")
            (HERE / "recipient.txt").write_text(them.age_recipient + "\n")
            data = out.path.read_bytes()
            box = container.open_container(data)
            (HERE / "expected").mkdir(exist_ok=True)
            (HERE / "expected" / "manifest.json").write_bytes(box.manifest)

            plain = pyrage.decrypt(box.payload, [them.age_identity])
            with zipfile.ZipFile(io.BytesIO(plain)) as zf:
                (HERE / "expected" / "records.jsonl").write_bytes(zf.read("records.jsonl"))
                contents = {n: json.loads(box.manifest)["contents"][n] for n in zf.namelist()}
            (HERE / "expected" / "contents.json").write_text(
                json.dumps(contents, indent=2, sort_keys=True) + "\n")
            _more(village, street, req_bytes, resp_bytes, data, t)
        finally:
            village.close()
            street.close()
    print(f"vectors written to {HERE}")


def _detached(name: str, data: bytes) -> None:
    """A signed document's signed bytes and signature as files (stock minisign)."""
    outer = json.loads(data)
    (HERE / "enroll" / f"{name}.canonical.json").write_bytes(
        canonical_json(outer["document"]).encode())
    (HERE / "enroll" / f"{name}.canonical.json.minisig").write_text(outer["minisig"])


def _resign(data: bytes, secret: SecretKey, edit: Any = None,
            payload: bytes | None = None) -> bytes:
    box = container.open_container(data)
    raw = json.loads(box.manifest)
    body = box.payload if payload is None else payload
    raw["payload"]["sha256"], raw["payload"]["size"] = mf.sha256_hex(body), len(body)
    if edit is not None:
        edit(raw)
    manifest = mf.encode(raw)
    sig = secret.sign(manifest, mf.trusted_comment(mf.Manifest(raw)))
    return container.build(manifest, sig.encode(), body)


def _more(village: Store, street: Store, req_bytes: bytes, resp_bytes: bytes, sample: bytes,
          t: Path) -> None:
    enroll_dir, neg = HERE / "enroll", HERE / "negative"
    enroll_dir.mkdir(exist_ok=True)
    neg.mkdir(exist_ok=True)
    me, them = DeviceIdentity.of(village), DeviceIdentity.of(street)
    (HERE / "village.pub").write_text(me.public.file_text())
    (HERE / "street.pub").write_text(them.public.file_text())
    (HERE / "village.identity.txt").write_text(str(me.age_identity) + "\n")
    # restore: the street imports the sample, then re-provisions the village
    report = package.import_package(street, HERE / "sample.lbpkg")
    receipt = receipts.for_import(street, report)
    assert receipt is not None
    (HERE / "receipt.lbpkg").write_bytes(receipt.data)
    with zipfile.ZipFile(io.BytesIO(pyrage.decrypt(container.open_container(
            receipt.data).payload, [me.age_identity]))) as zf:
        (HERE / "expected" / "receipt.json").write_bytes(zf.read("receipt.json"))
    package.export_package(street, "2026Q4", HERE / "restore.lbpkg", kind="restore",
                           recipient_unit=village.unit_code)
    trust = enroll.trust_update(street)
    docs = {"request": req_bytes, "response": resp_bytes, "trust_update": trust}
    old_key = me.key_id
    rotation = enroll.rotate(village)
    docs["key_rotation"] = rotation
    for name, data in docs.items():
        (enroll_dir / f"{name}.json").write_bytes(data)
        _detached(name, data)
    new = DeviceIdentity.of(village)
    expected = {
        "request": {"signer": "village.pub", "type": "enroll_request",
                    "fingerprint": me.fingerprint, "key_id": old_key},
        "response": {"signer": "street.pub", "type": "enroll_response",
                     "fingerprint": them.fingerprint, "key_id": them.key_id},
        "trust_update": {"signer": "street.pub", "type": "trust_update"},
        "key_rotation": {"signer": "village.pub", "type": "key_rotation",
                         "old_key_id": old_key, "new_key_id": new.key_id,
                         "new_fingerprint": new.fingerprint},
        "fingerprint_rule": "SHA-256(signing_key_base64 + '\\n' + age_recipient), first 10 "
                            "bytes big-endian mod 10**24, 24 digits in groups of four",
    }
    (enroll_dir / "expected.json").write_text(
        json.dumps(expected, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    # negative vectors, each with the refusal it must get (receiver: recipient.identity.txt,
    # sender trusted: sender.pub for 210213001001)
    secret = SecretKey.from_raw(bytes.fromhex((HERE / "sender.ed25519.hex").read_text().strip()))
    box = container.open_container(sample)
    bad: dict[str, tuple[bytes, str, str]] = {
        "package-id-path.lbpkg": (_resign(sample, secret, lambda r: r.update(
            package_id="../../etc/passwd")), "bad_manifest", "package_id is not a UUIDv7"),
        "long-integer.lbpkg": (_resign(sample, secret, lambda r: r.update(
            audit_events=int("9" * 4000))), "bad_manifest", "a 4,000-digit integer"),
        "truncated-payload.lbpkg": (_resign(sample, secret, payload=box.payload[:-100]),
                                    "payload_damaged", "age payload cut short, then signed"),
        "payload-byte-changed.lbpkg": (_flip_payload(sample), "payload_hash",
                                       "one payload byte changed after signing"),
        "manifest-changed.lbpkg": (_flip_manifest(sample), "bad_signature",
                                   "manifest edited, signature kept"),
        "unknown-key.lbpkg": (_resign(sample, SecretKey.generate(), lambda r: r["sender"].update(
            key_id="0000000000000000")), "unknown_key", "signed by a key nobody enrolled"),
    }
    tampered = json.loads(req_bytes)
    tampered["document"]["device"]["unit_name"] = "别的村"
    request_bad = (json.dumps(tampered, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
                   ).encode()
    listing = {}
    for name, (data, code, why) in bad.items():
        (neg / name).write_bytes(data)
        listing[name] = {"refusal": code, "what": why}
    (neg / "request-tampered.json").write_bytes(request_bad)
    listing["request-tampered.json"] = {"refusal": "bad_document",
                                        "what": "enrollment request edited after signing"}
    (neg / "expected.json").write_text(json.dumps(listing, indent=2, ensure_ascii=False,
                                                  sort_keys=True) + "\n")


def _flip_payload(data: bytes) -> bytes:
    opened = container.open_bytes(data)
    pos = opened.payload_offset + opened.payload_size // 2
    return data[:pos] + bytes([data[pos] ^ 1]) + data[pos + 1:]


def _flip_manifest(data: bytes) -> bytes:
    box = container.open_container(data)
    edited = box.manifest.replace(b'"period":"2026Q4"', b'"period":"2026Q3"')
    return container.build(edited, box.signature, box.payload)


if __name__ == "__main__":
    main()
