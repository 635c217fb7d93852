"""Key slots (like LUKS): the random 32-byte data key, stored only wrapped.

Each slot wraps the data key with AES-256-GCM under a key derived by Argon2id from a secret
(the passphrase, or the recovery key shown once at set-up). The file ``keyslots.json`` beside
the database holds the slots; it contains no key material in plaintext. Changing the
passphrase re-wraps the same data key; the database is not re-encrypted.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from ..core.ids import utc_now, uuid7
from ..core.messages import UserError
from .fsutil import atomic_write_bytes

FORMAT = "leftbehind-keyslots"
FORMAT_VERSION = 1
DATA_KEY_BYTES = 32
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
RECOVERY_GROUPS = 8
RECOVERY_GROUP_LEN = 5


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default follows RFC 9106's second recommended option, scaled to
    officers' laptops (about 0.3 s)."""

    iterations: int = 3
    memory_kib: int = 65536
    lanes: int = 4

    @staticmethod
    def fast() -> KdfParams:
        """For tests only: the same algorithm at a low cost."""
        return KdfParams(iterations=1, memory_kib=8192, lanes=1)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def normalise_passphrase(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def new_recovery_key() -> str:
    """40 Crockford base32 characters (200 bits) in 8 groups of 5, for printing."""
    chars = "".join(secrets.choice(RECOVERY_ALPHABET)
                    for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN))
    return "-".join(chars[i:i + RECOVERY_GROUP_LEN]
                    for i in range(0, len(chars), RECOVERY_GROUP_LEN))


def normalise_recovery_key(text: str) -> bytes:
    """Accept what people type: lower case, spaces, O for 0, I/L for 1."""
    cleaned = "".join(c for c in text.upper() if c.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != RECOVERY_GROUPS * RECOVERY_GROUP_LEN or any(
        c not in RECOVERY_ALPHABET for c in cleaned
    ):
        raise UserError("bad_recovery_format", "恢复密钥格式不对：应为8组、每组5个字母或数字",
                        "The recovery key has the wrong format: 8 groups of 5 letters or digits")
    return cleaned.encode("ascii")


def _derive(secret: bytes, salt: bytes, kdf: KdfParams) -> bytes:
    return Argon2id(salt=salt, length=32, iterations=kdf.iterations, lanes=kdf.lanes,
                    memory_cost=kdf.memory_kib).derive(secret)


@dataclass
class Slot:
    id: str
    kind: str  # passphrase | recovery | escrow
    kdf: dict[str, Any]
    salt: str
    nonce: str
    wrapped: str
    created_at: str
    recipient: str | None = None  # escrow: the age recipient the data key is encrypted to

    def aad(self, store_id: str) -> bytes:
        return f"{FORMAT}/{FORMAT_VERSION}|{store_id}|{self.id}|{self.kind}".encode()


@dataclass
class KeySlots:
    store_id: str
    slots: list[Slot]

    # -- creating and changing ---------------------------------------------------------
    @staticmethod
    def create(data_key: bytes, passphrase: str, recovery_key: str,
               kdf: KdfParams | None = None) -> KeySlots:
        ks = KeySlots(uuid7(), [])
        ks.add_slot("passphrase", normalise_passphrase(passphrase), data_key, kdf)
        ks.add_slot("recovery", normalise_recovery_key(recovery_key), data_key, kdf)
        return ks

    def add_slot(self, kind: str, secret: bytes, data_key: bytes,
                 kdf: KdfParams | None = None) -> None:
        kdf = kdf or KdfParams()
        salt, nonce = os.urandom(16), os.urandom(12)
        slot = Slot(uuid7(), kind, asdict(kdf), _b64(salt), _b64(nonce), "", utc_now())
        key = _derive(secret, salt, kdf)
        slot.wrapped = _b64(AESGCM(key).encrypt(nonce, data_key, slot.aad(self.store_id)))
        self.slots.append(slot)

    def add_escrow_slot(self, recipient: str, data_key: bytes) -> None:
        """Escrow: the data key age-encrypted (X25519) to the street office's recipient, so
        the street office can restore access for an officer who lost passphrase and recovery
        key. The street office's identity never leaves its own encrypted store."""
        import pyrage

        try:
            rcpt = pyrage.x25519.Recipient.from_str(recipient.strip())
        except Exception:  # pyrage raises its own error types for malformed keys
            raise UserError("bad_recipient", "托管公钥格式不正确（应以 age1 开头）",
                            "The escrow public key is malformed (it starts with age1)") from None
        self.slots = [s for s in self.slots if s.kind != "escrow"]
        wrapped = pyrage.encrypt(data_key, [rcpt])
        self.slots.append(Slot(uuid7(), "escrow", {}, "", "", _b64(wrapped), utc_now(),
                               recipient.strip()))

    def unwrap_escrow(self, identity: str) -> bytes:
        import pyrage

        ident = pyrage.x25519.Identity.from_str(identity)
        for slot in self.slots:
            if slot.kind == "escrow":
                try:
                    key = bytes(pyrage.decrypt(_unb64(slot.wrapped), [ident]))
                except Exception:  # not encrypted to this identity
                    continue
                if len(key) == DATA_KEY_BYTES:
                    return key
        raise UserError("escrow_mismatch", "此密钥文件没有托管给本单位，无法恢复",
                        "This key file is not escrowed to this office; access cannot be restored")

    def replace_slot(self, kind: str, secret: bytes, data_key: bytes,
                     kdf: KdfParams | None = None) -> None:
        self.slots = [s for s in self.slots if s.kind != kind]
        self.add_slot(kind, secret, data_key, kdf)

    # -- unlocking ---------------------------------------------------------------------
    def unwrap(self, kind: str, secret: bytes) -> list[bytes]:
        """Every data key a slot of ``kind`` yields for ``secret`` (two during a rekey)."""
        keys: list[bytes] = []
        derived: dict[tuple[str, str], bytes] = {}
        for slot in self.slots:
            if slot.kind != kind:
                continue
            kdf = KdfParams(**slot.kdf)
            cache_key = (slot.salt, repr(slot.kdf))
            if cache_key not in derived:
                derived[cache_key] = _derive(secret, _unb64(slot.salt), kdf)
            try:
                data_key = AESGCM(derived[cache_key]).decrypt(
                    _unb64(slot.nonce), _unb64(slot.wrapped), slot.aad(self.store_id))
            except InvalidTag:
                continue
            if len(data_key) == DATA_KEY_BYTES and data_key not in keys:
                keys.append(data_key)
        return keys

    # -- file --------------------------------------------------------------------------
    def to_json(self) -> bytes:
        doc = {"format": FORMAT, "version": FORMAT_VERSION, "store_id": self.store_id,
               "slots": [asdict(s) for s in self.slots]}
        return json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8")

    def save(self, path: Path) -> None:
        atomic_write_bytes(path, self.to_json())

    @staticmethod
    def load(path: Path) -> KeySlots:
        try:
            doc = json.loads(path.read_bytes())
            if doc.get("format") != FORMAT:
                raise ValueError("format")
            if doc.get("version") != FORMAT_VERSION:
                raise UserError("keyslots_version", "密钥文件版本过新，请升级本软件",
                                "The key slot file is from a newer version; upgrade the app")
            return KeySlots(str(doc["store_id"]), [Slot(**s) for s in doc["slots"]])
        except FileNotFoundError:
            raise UserError("no_keyslots", "找不到密钥文件 keyslots.json，无法打开数据库",
                            "keyslots.json is missing; the store cannot be opened") from None
        except UserError:
            raise
        except (ValueError, KeyError, TypeError):
            raise UserError("bad_keyslots", "密钥文件 keyslots.json 已损坏",
                            "keyslots.json is damaged") from None
