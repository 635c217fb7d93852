"""Enrollment (登记) and the trust list.

1. The village (or street) laptop writes an *enrollment request*: its unit, device id, Ed25519
   public key and age recipient, self-signed (proof that it holds the key).
2. The parent office reads it, compares the fingerprint read aloud over the phone, approves,
   and writes a signed *enrollment response*: its own public keys, its unit list and policy
   settings (``priority_interval_days``, ``quarter_deadline_days``).
3. The child accepts the response (after comparing the parent's fingerprint).

Revocation and key rotation travel as signed documents too: a *trust update* (the issuer's
list of keys with their status, serial-numbered) and a *key rotation* (new keys, signed by
the old key and by the new one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyrage

from ..core import safejson, units
from ..core.ids import utc_now, uuid7
from ..store.audit import canonical_json
from ..store.store import Store
from ..store.sync import SyncStore, TrustedKey
from .errors import SyncError
from .identity import (
    MAX_DOCUMENT,
    DeviceIdentity,
    check_age_recipient,
    fingerprint,
    normalise_fingerprint,
    read_signed_document,
    sign_document,
    verify_document,
)
from .minisign import MinisignError, PublicKey, SecretKey

POLICY_KEYS = ("priority_interval_days", "quarter_deadline_days")
CARD_KEYS = ("unit_code", "unit_name", "role", "device_id", "key_id", "signing_key",
             "age_recipient")


def _card(doc: dict[str, Any], key: str, what: str) -> dict[str, str]:
    card = doc.get(key)
    if not isinstance(card, dict) or not all(isinstance(card.get(k), str) for k in CARD_KEYS):
        raise SyncError("bad_document", what=what, detail=f"缺少{key} / missing {key}")
    if not units.is_known(card["unit_code"]):
        raise SyncError("bad_document", what=what,
                        detail="单位代码不是金普新区的区划代码 / not a 金普新区 division code")
    try:
        pub = PublicKey.parse(card["signing_key"])
    except MinisignError:
        raise SyncError("bad_document", what=what, detail="签名公钥无效 / bad key") from None
    if pub.key_id_text != card["key_id"]:
        raise SyncError("bad_document", what=what, detail="密钥编号不符 / key id mismatch")
    check_age_recipient(card["age_recipient"], what)
    return {k: str(card[k]) for k in (*CARD_KEYS, "officer") if k in card}


@dataclass(frozen=True)
class EnrollRequest:
    document: dict[str, Any]
    device: dict[str, str]

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.device["signing_key"], self.device["age_recipient"])


@dataclass(frozen=True)
class EnrollResponse:
    document: dict[str, Any]
    parent: dict[str, str]

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.parent["signing_key"], self.parent["age_recipient"])

    @property
    def units(self) -> list[tuple[str, str]]:
        return [(str(c), str(n)) for c, n in self.document.get("units", [])]

    @property
    def policy(self) -> dict[str, int]:
        return {k: int(v) for k, v in self.document.get("policy", {}).items() if k in POLICY_KEYS}


# == the child side ==========================================================================
def make_request(store: Store) -> bytes:
    """The enrollment request file of this installation."""
    me = DeviceIdentity.of(store)
    if units.parent_of(store.unit_code) is None:
        raise SyncError("wrong_level", unit=store.unit_code)
    doc = {"type": "enroll_request", "id": uuid7(), "created_at": utc_now(),
           "parent_unit": units.parent_of(store.unit_code), "device": me.card()}
    return me.sign_document(doc)


def read_response(store: Store, data: bytes) -> EnrollResponse:
    what = "登记回复 / enrollment response"
    doc, sig = read_signed_document(data, what, "enroll_response")
    parent = _card(doc, "parent", what)
    verify_document(doc, sig, parent["signing_key"], what)
    me = DeviceIdentity.of(store)
    child = doc.get("child") or {}
    if child.get("device_id") != me.device_id or child.get("key_id") != me.key_id:
        raise SyncError("not_for_me", device=str(child.get("device_id")))
    if parent["unit_code"] != units.parent_of(store.unit_code):
        raise SyncError("bad_document", what=what,
                        detail="发件单位不是本单位的上级 / not from this unit's parent office")
    return EnrollResponse(doc, parent)


def accept(store: Store, response: EnrollResponse, confirm_fingerprint: str | None = None
           ) -> TrustedKey:
    """Trust the parent office's keys; take over its unit list and policy settings."""
    if confirm_fingerprint is not None and \
            normalise_fingerprint(confirm_fingerprint) != response.fingerprint:
        raise SyncError("fingerprint_mismatch")
    ex = SyncStore(store)
    p = response.parent
    key = TrustedKey(p["key_id"], p["unit_code"], p["unit_name"], "parent", p["device_id"],
                     p["signing_key"], p["age_recipient"], response.fingerprint)
    with store.transaction() as audit:
        for old in ex.keys(relation="parent", status="active"):
            if old.key_id != key.key_id:
                ex.set_key_status(old.key_id, "rotated", audit, "新登记回复取代 / superseded")
        ex.put_key(key, audit)
        ex.put_units([(p["unit_code"], p["unit_name"]),
                      *[(c, n) for c, n in response.units if units.contains(p["unit_code"], c)]])
        for k, v in response.policy.items():
            store.set_setting(k, str(v), audit)
        store.set_setting("parent_unit", p["unit_code"], audit)
        escrow = response.document.get("escrow_recipient")
        if isinstance(escrow, str) and escrow:
            store.set_setting("escrow_recipient", check_age_recipient(escrow, "escrow"), audit)
        audit.append("sync.enroll.accept", "trust_key", key.key_id, None,
                     {"parent_unit": p["unit_code"], "fingerprint": key.fingerprint})
    return key


# == the parent side =========================================================================
def read_request(store: Store, data: bytes) -> EnrollRequest:
    what = "登记申请 / enrollment request"
    doc, sig = read_signed_document(data, what, "enroll_request")
    device = _card(doc, "device", what)
    verify_document(doc, sig, device["signing_key"], what)
    if units.parent_of(device["unit_code"]) != store.unit_code:
        raise SyncError("wrong_level", unit=device["unit_code"])
    return EnrollRequest(doc, device)


def approve(store: Store, request: EnrollRequest, confirm_fingerprint: str | None = None
            ) -> bytes:
    """Trust the child device (after the fingerprint was compared); returns the signed
    enrollment response file."""
    if confirm_fingerprint is not None and \
            normalise_fingerprint(confirm_fingerprint) != request.fingerprint:
        raise SyncError("fingerprint_mismatch")
    me = DeviceIdentity.of(store)
    ex = SyncStore(store)
    d = request.device
    key = TrustedKey(d["key_id"], d["unit_code"], d["unit_name"], "child", d["device_id"],
                     d["signing_key"], d["age_recipient"], request.fingerprint)
    with store.transaction() as audit:
        ex.put_key(key, audit)
        ex.put_units([(d["unit_code"], d["unit_name"])])
        audit.append("sync.enroll.approve", "trust_key", key.key_id, None,
                     {"unit_code": d["unit_code"], "fingerprint": key.fingerprint})
    own = [(c, n) for c, n in ex.unit_list() if units.contains(store.unit_code, c)]
    doc: dict[str, Any] = {
        "type": "enroll_response", "id": uuid7(), "created_at": utc_now(),
        "parent": me.card(),
        "child": {"unit_code": d["unit_code"], "device_id": d["device_id"],
                  "key_id": d["key_id"]},
        "units": [list(u) for u in own],
        "policy": {k: store.int_setting(k, 14 if k == "priority_interval_days" else 10)
                   for k in POLICY_KEYS},
    }
    escrow = store.setting("escrow_recipient")
    if escrow:
        doc["escrow_recipient"] = escrow
    return me.sign_document(doc)


# == revocation, rotation, trust updates =====================================================
def revoke(store: Store, key_id: str, reason: str) -> TrustedKey:
    ex = SyncStore(store)
    key = ex.key(key_id.upper())
    if key is None:
        raise SyncError("unknown_key", key_id=key_id)
    with store.transaction() as audit:
        ex.set_key_status(key.key_id, "revoked", audit, reason)
        store.set_setting("trust_serial", str(store.int_setting("trust_serial", 0) + 1), audit)
    return key


def trust_update(store: Store) -> bytes:
    """A signed list of the keys this office enrolled (with their status) — sent to the
    children and the parent so that revocations reach them."""
    me = DeviceIdentity.of(store)
    ex = SyncStore(store)
    serial = store.int_setting("trust_serial", 0) + 1
    store.set_setting("trust_serial", str(serial))
    keys = [{"key_id": k.key_id, "unit_code": k.unit_code, "device_id": k.device_id,
             "signing_key": k.signing_key, "age_recipient": k.age_recipient,
             "status": k.status} for k in ex.keys(relation="child")]
    doc = {"type": "trust_update", "id": uuid7(), "created_at": utc_now(), "serial": serial,
           "issuer": me.card(), "keys": keys}
    return me.sign_document(doc)


def rotate(store: Store) -> bytes:
    """Replace this device's keys; returns the key-rotation file for the parent and
    children (signed by the old key and by the new one)."""
    old = DeviceIdentity.of(store)
    new_secret = SecretKey.generate()
    new_age = pyrage.x25519.Identity.generate()
    new_card = {**old.card(), "key_id": new_secret.public.key_id_text,
                "signing_key": new_secret.public.base64(),
                "age_recipient": str(new_age.to_public())}
    proof = new_secret.sign(canonical_json(new_card).encode(), f"rotation {new_card['key_id']}")
    doc = {"type": "key_rotation", "id": uuid7(), "created_at": utc_now(),
           "old_key_id": old.key_id, "new": new_card, "new_minisig": proof}
    data = old.sign_document(doc)
    with store.transaction() as audit:
        store.set_setting("device_signing_key", new_secret.raw().hex(), audit)
        store.set_setting("device_age_identity", str(new_age), audit)
        audit.append("sync.key.rotate", "device", store.device_id, None,
                     {"old_key_id": old.key_id, "new_key_id": new_card["key_id"]})
    return data


def import_trust_document(store: Store, data: bytes) -> list[str]:
    """Apply a trust update or key rotation from a trusted office; returns what changed."""
    what = "信任列表更新 / trust update"
    try:
        outer = safejson.loads(data[:MAX_DOCUMENT + 1]) if len(data) <= MAX_DOCUMENT else None
        inner = outer.get("document") if isinstance(outer, dict) else None
        kind = inner.get("type") if isinstance(inner, dict) else None
    except safejson.JsonLimitError:
        kind = None
    ex = SyncStore(store)
    changes: list[str] = []
    if kind == "key_rotation":
        doc, sig = read_signed_document(data, what, "key_rotation")
        old = ex.key(str(doc.get("old_key_id", "")))
        if old is None or old.status != "active":
            raise SyncError("unknown_key", key_id=str(doc.get("old_key_id")))
        verify_document(doc, sig, old.signing_key, what)
        new = _card(doc, "new", what)
        try:
            PublicKey.parse(new["signing_key"]).verify(
                canonical_json(doc["new"]).encode(), str(doc.get("new_minisig", "")))
        except MinisignError:
            raise SyncError("bad_document", what=what, detail="新密钥签名无效") from None
        if new["unit_code"] != old.unit_code:
            raise SyncError("other_unit_key", key_id=new["key_id"], key_unit=old.unit_code,
                            unit=new["unit_code"])
        key = TrustedKey(new["key_id"], old.unit_code, old.unit_name, old.relation,
                         new["device_id"], new["signing_key"], new["age_recipient"],
                         fingerprint(new["signing_key"], new["age_recipient"]))
        with store.transaction() as audit:
            ex.set_key_status(old.key_id, "rotated", audit, f"→ {key.key_id}")
            ex.put_key(key, audit)
        return [f"{old.unit_code}: {old.key_id} → {key.key_id}"]
    doc, sig = read_signed_document(data, what, "trust_update")
    issuer = _card(doc, "issuer", what)
    known = ex.key(issuer["key_id"])
    if known is None or known.status != "active":
        raise SyncError("unknown_key", key_id=issuer["key_id"])
    verify_document(doc, sig, known.signing_key, what)
    serial = int(doc.get("serial", 0))
    last = ex.trust_serial(known.unit_code)
    if serial <= last:
        raise SyncError("stale_update", serial=serial, last=last)
    with store.transaction() as audit:
        for entry in doc.get("keys", []):
            mine = ex.key(str(entry.get("key_id", "")))
            if mine is None or not units.contains(known.unit_code, mine.unit_code):
                continue
            status = str(entry.get("status"))
            if status in ("revoked", "rotated") and mine.status == "active":
                ex.set_key_status(mine.key_id, status, audit, f"trust update {serial}")
                changes.append(f"{mine.unit_code}: {mine.key_id} {status}")
        ex.set_trust_serial(known.unit_code, serial)
        audit.append("sync.trust.update", "trust_key", known.key_id, None,
                     {"serial": serial, "changes": changes})
    return changes


def escrow_recipients(store: Store) -> list[str]:
    escrow = store.setting("escrow_recipient")
    return [escrow] if escrow else []


def sign_with(secret: SecretKey, doc: dict[str, Any]) -> bytes:
    return sign_document(secret, doc)
