"""This installation's keys, fingerprints people can read aloud, and signed JSON documents.

The Ed25519 signing key and the X25519 age identity are generated at first run and kept
inside the encrypted store (settings ``device_signing_key`` and ``device_age_identity``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import pyrage

from ..core import safejson
from ..store.audit import canonical_json
from ..store.store import Store
from .errors import SyncError
from .minisign import MinisignError, PublicKey, SecretKey

SIGNED_FORMAT = "leftbehind-signed/1"
MAX_DOCUMENT = 1024 * 1024


def fingerprint(signing_key: str, age_recipient: str) -> str:
    """Six groups of four digits over both public keys, e.g. ``0481 7723 …``: easy to read
    aloud over the phone in Chinese (数字逐位念), 80 bits of the SHA-256."""
    digest = hashlib.sha256(f"{signing_key}\n{age_recipient}".encode()).digest()
    number = int.from_bytes(digest[:10], "big") % 10 ** 24
    digits = f"{number:024d}"
    return " ".join(digits[i:i + 4] for i in range(0, 24, 4))


def normalise_fingerprint(text: str) -> str:
    digits = "".join(ch for ch in text if ch.isdigit())
    return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))


@dataclass(frozen=True)
class DeviceIdentity:
    unit_code: str
    unit_name: str
    role: str
    device_id: str
    officer: str
    secret: SecretKey
    age_identity: pyrage.x25519.Identity

    @classmethod
    def of(cls, store: Store) -> DeviceIdentity:
        raw = store.setting("device_signing_key")
        age = store.setting("device_age_identity")
        if not raw or not age:
            raise SyncError("not_enrolled")
        return cls(store.unit_code, store.unit_name, store.role, store.device_id, store.officer,
                   SecretKey.from_raw(bytes.fromhex(raw)), pyrage.x25519.Identity.from_str(age))

    @property
    def public(self) -> PublicKey:
        return self.secret.public

    @property
    def key_id(self) -> str:
        return self.public.key_id_text

    @property
    def signing_key(self) -> str:
        return self.public.base64()

    @property
    def age_recipient(self) -> str:
        return str(self.age_identity.to_public())

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_key, self.age_recipient)

    def card(self) -> dict[str, str]:
        """The public description of this device (goes into enrollment files)."""
        return {"unit_code": self.unit_code, "unit_name": self.unit_name, "role": self.role,
                "device_id": self.device_id, "officer": self.officer,
                "key_id": self.key_id, "signing_key": self.signing_key,
                "age_recipient": self.age_recipient}

    def sign_document(self, document: dict[str, Any]) -> bytes:
        return sign_document(self.secret, document)


def sign_document(secret: SecretKey, document: dict[str, Any]) -> bytes:
    """``{"format", "document", "minisig"}``; the signature covers the UTF-8 bytes of
    the canonical JSON of ``document``."""
    body = canonical_json(document).encode()
    sig = secret.sign(body, f"{document.get('type', 'document')} {document.get('id', '')}".strip())
    return (json.dumps({"format": SIGNED_FORMAT, "document": document, "minisig": sig},
                       ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def read_signed_document(data: bytes, what: str, expected_type: str
                         ) -> tuple[dict[str, Any], str]:
    """Parse a signed document; returns (document, minisig). The signature is NOT yet
    verified (the caller picks the key)."""
    if len(data) > MAX_DOCUMENT:
        raise SyncError("bad_document", what=what, detail="文件过大 / too large")
    try:
        outer = safejson.loads(data)
    except safejson.JsonLimitError as exc:
        raise SyncError("bad_document", what=what, detail=str(exc)) from None
    if not isinstance(outer, dict) or outer.get("format") != SIGNED_FORMAT \
            or not isinstance(outer.get("document"), dict) \
            or not isinstance(outer.get("minisig"), str):
        raise SyncError("bad_document", what=what, detail="格式不符 / wrong format")
    doc: dict[str, Any] = outer["document"]
    if doc.get("type") != expected_type:
        raise SyncError("bad_document", what=what,
                        detail=f"类型为{doc.get('type')!s} / type is {doc.get('type')!s}")
    return doc, outer["minisig"]


def verify_document(doc: dict[str, Any], minisig: str, signing_key: str, what: str) -> None:
    try:
        PublicKey.parse(signing_key).verify(canonical_json(doc).encode(), minisig)
    except MinisignError:
        raise SyncError("bad_document", what=what,
                        detail="签名无效 / the signature does not verify") from None


def check_age_recipient(text: str, what: str) -> str:
    try:
        pyrage.x25519.Recipient.from_str(text)
    except Exception:  # pyrage raises its own error types
        raise SyncError("bad_document", what=what,
                        detail="加密公钥无效 / bad age recipient") from None
    return text
