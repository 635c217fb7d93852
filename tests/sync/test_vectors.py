"""The committed test vectors (sync/vectors) still verify and decrypt — with our code and
with the stock minisign and age — and the JSON Schemas match the forms."""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import zipfile
from pathlib import Path
from types import ModuleType

import pyrage

from leftbehind_desktop.sync import container
from leftbehind_desktop.sync import manifest as mf
from leftbehind_desktop.sync.minisign import PublicKey, SecretKey

ROOT = Path(__file__).resolve().parents[2] / "sync"
VEC = ROOT / "vectors"


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_package_verifies_and_decrypts() -> None:
    box = container.open_container((VEC / "sample.lbpkg").read_bytes())
    assert box.manifest == (VEC / "expected" / "manifest.json").read_bytes()
    m = mf.parse(box.manifest)
    pub = PublicKey.parse((VEC / "sender.pub").read_text())
    assert pub.verify(box.manifest, box.signature.decode()) == mf.trusted_comment(m)
    secret = SecretKey.from_raw(bytes.fromhex((VEC / "sender.ed25519.hex").read_text().strip()))
    assert secret.public == pub and pub.key_id_text == m.sender_key_id
    assert mf.sha256_hex(box.payload) == m.payload_sha256 and len(box.payload) == m.payload_size
    identity = pyrage.x25519.Identity.from_str((VEC / "recipient.identity.txt").read_text().strip())
    assert str(identity.to_public()) == (VEC / "recipient.txt").read_text().strip()
    with zipfile.ZipFile(io.BytesIO(pyrage.decrypt(box.payload, [identity]))) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    assert members["records.jsonl"] == (VEC / "expected" / "records.jsonl").read_bytes()
    for name, data in members.items():
        assert m.contents[name] == {"size": len(data), "sha256": mf.sha256_hex(data)}
    expected = json.loads((VEC / "expected" / "contents.json").read_text())
    assert expected == m.contents


def test_stock_tools_on_the_vector(tmp_path: Path) -> None:
    with zipfile.ZipFile(VEC / "sample.lbpkg") as zf:
        zf.extractall(tmp_path)
    sig = subprocess.run(["minisign", "-Vm", str(tmp_path / "manifest.json"),
                          "-p", str(VEC / "sender.pub")], capture_output=True, text=True,
                         check=False)
    assert sig.returncode == 0, sig.stderr
    dec = subprocess.run(["age", "-d", "-i", str(VEC / "recipient.identity.txt"),
                          str(tmp_path / "payload.age")], capture_output=True, check=False)
    assert dec.returncode == 0, dec.stderr
    with zipfile.ZipFile(io.BytesIO(dec.stdout)) as zf:
        assert zf.read("records.jsonl") == (VEC / "expected" / "records.jsonl").read_bytes()


def test_schemas_match_the_forms_and_the_vector() -> None:
    gen = _load(ROOT / "schemas" / "make_schemas.py")
    for name, schema in (("manifest", gen.manifest_schema()), ("record-line", gen.record_schema()),
                         ("audit-line", gen.audit_schema())):
        on_disk = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8"))
        assert on_disk == json.loads(json.dumps(schema)), f"{name}: run make_schemas.py"
    manifest = json.loads((VEC / "expected" / "manifest.json").read_text())
    assert set(gen.manifest_schema()["required"]) <= set(manifest)
    variants = {v["properties"]["kind"]["const"]: v for v in gen.record_schema()["oneOf"]}
    for line in (VEC / "expected" / "records.jsonl").read_text("utf-8").splitlines():
        item = json.loads(line)
        props = variants[item["kind"]]["properties"]["record"]
        assert set(item["record"]) == set(props["required"])
        for key, value in item["record"].items():
            enum = next((o.get("enum") for o in props["properties"][key].get("oneOf", [])
                         if "enum" in o), None)
            if enum and value is not None:
                assert value in enum


# == enrollment, trust update, key rotation, restore and negative vectors =====================
def _stock_minisign(message: Path, pub: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["minisign", "-Vm", str(message), "-x", str(message) + ".minisig",
                           "-p", str(pub)], capture_output=True, text=True, check=False)


def test_signed_document_vectors_verify_with_stock_minisign_and_fingerprints() -> None:
    from leftbehind_desktop.store.audit import canonical_json
    from leftbehind_desktop.sync.identity import fingerprint

    expected = json.loads((VEC / "enroll" / "expected.json").read_text("utf-8"))
    for name in ("request", "response", "trust_update", "key_rotation"):
        outer = json.loads((VEC / "enroll" / f"{name}.json").read_text("utf-8"))
        doc = outer["document"]
        assert doc["type"] == expected[name]["type"]
        canonical = VEC / "enroll" / f"{name}.canonical.json"
        assert canonical.read_bytes() == canonical_json(doc).encode()
        assert (VEC / "enroll" / f"{name}.canonical.json.minisig").read_text() == outer["minisig"]
        proc = _stock_minisign(canonical, VEC / expected[name]["signer"])
        assert proc.returncode == 0, (name, proc.stderr)
    req = json.loads((VEC / "enroll" / "request.json").read_text("utf-8"))["document"]["device"]
    assert fingerprint(req["signing_key"], req["age_recipient"]) == \
        expected["request"]["fingerprint"]
    resp = json.loads((VEC / "enroll" / "response.json").read_text("utf-8"))["document"]["parent"]
    assert fingerprint(resp["signing_key"], resp["age_recipient"]) == \
        expected["response"]["fingerprint"]
    rot = json.loads((VEC / "enroll" / "key_rotation.json").read_text("utf-8"))["document"]
    assert rot["old_key_id"] == expected["key_rotation"]["old_key_id"]
    assert fingerprint(rot["new"]["signing_key"], rot["new"]["age_recipient"]) == \
        expected["key_rotation"]["new_fingerprint"]
    # the rotation's second signature: the NEW key over the canonical JSON of "new"
    PublicKey.parse(rot["new"]["signing_key"]).verify(canonical_json(rot["new"]).encode(),
                                                      rot["new_minisig"])


def test_restore_vector_with_stock_tools(tmp_path: Path) -> None:
    with zipfile.ZipFile(VEC / "restore.lbpkg") as zf:
        zf.extractall(tmp_path)
    sig = subprocess.run(["minisign", "-Vm", str(tmp_path / "manifest.json"),
                          "-p", str(VEC / "street.pub")], capture_output=True, text=True,
                         check=False)
    assert sig.returncode == 0, sig.stderr
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["kind"] == "restore" and manifest["recipient"]["unit_code"] == "210213001001"
    dec = subprocess.run(["age", "-d", "-i", str(VEC / "village.identity.txt"),
                          str(tmp_path / "payload.age")], capture_output=True, check=False)
    assert dec.returncode == 0, dec.stderr
    with zipfile.ZipFile(io.BytesIO(dec.stdout)) as zf:
        records = zf.read("records.jsonl").decode().splitlines()
    assert records and all(json.loads(r)["record"]["unit_code"] == "210213001001"
                           for r in records)


def test_receipt_vector_with_stock_tools(tmp_path: Path) -> None:
    """The street's receipt (回执) for sample.lbpkg: signed by the street, encrypted to the
    village, naming the sample package, in its canonical form."""
    from leftbehind_desktop.sync import receipts

    with zipfile.ZipFile(VEC / "receipt.lbpkg") as zf:
        zf.extractall(tmp_path)
    sig = subprocess.run(["minisign", "-Vm", str(tmp_path / "manifest.json"),
                          "-p", str(VEC / "street.pub")], capture_output=True, text=True,
                         check=False)
    assert sig.returncode == 0, sig.stderr
    m = mf.parse((tmp_path / "manifest.json").read_bytes())
    assert (m.kind, m.sender_unit, m.recipient_unit) == ("receipt", "210213001000", "210213001001")
    assert m.previous is None and list(m.contents) == ["receipt.json"]
    dec = subprocess.run(["age", "-d", "-i", str(VEC / "village.identity.txt"),
                          str(tmp_path / "payload.age")], capture_output=True, check=False)
    assert dec.returncode == 0, dec.stderr
    with zipfile.ZipFile(io.BytesIO(dec.stdout)) as zf:
        body = zf.read("receipt.json")
    assert body == (VEC / "expected" / "receipt.json").read_bytes()
    content = receipts.parse_content(body)
    sample = mf.parse((VEC / "expected" / "manifest.json").read_bytes())
    assert content["package_id"] == sample.package_id and content["outcome"] == "accepted"
    assert receipts.total_accepted(content) == sum(sample.record_counts.values())


def test_negative_vectors_get_their_refusal(tmp_path: Path) -> None:
    """A street office holding the sample recipient identity, with the sample sender
    enrolled, refuses each negative vector with exactly the refusal named for it."""
    from leftbehind_desktop.core.messages import UserError
    from leftbehind_desktop.store.sync import SyncStore, TrustedKey
    from leftbehind_desktop.sync import enroll, package
    from leftbehind_desktop.sync.identity import fingerprint
    from tests.conftest import make_store

    store, _ = make_store(tmp_path / "s", "street", "210213001000", "大魏家街道", "测试员")
    try:
        pub = PublicKey.parse((VEC / "sender.pub").read_text())
        age = (VEC / "recipient.txt").read_text().strip()
        with store.transaction() as audit:
            store.set_setting("device_age_identity",
                              (VEC / "recipient.identity.txt").read_text().strip(), audit)
            SyncStore(store).put_key(TrustedKey(
                pub.key_id_text, "210213001001", "大李家村", "child", "sample-device",
                pub.base64(), age, fingerprint(pub.base64(), age)), audit)
        package.check_package(store, (VEC / "sample.lbpkg").read_bytes())  # the positive one
        listing = json.loads((VEC / "negative" / "expected.json").read_text("utf-8"))
        assert len(listing) >= 7
        for name, spec in listing.items():
            data = (VEC / "negative" / name).read_bytes()
            try:
                if name.endswith(".lbpkg"):
                    package.check_package(store, data)
                else:
                    enroll.read_request(store, data)
            except UserError as exc:
                assert exc.code == spec["refusal"], (name, exc.text("en"))
            else:
                raise AssertionError(f"{name} was accepted")
    finally:
        store.close()
