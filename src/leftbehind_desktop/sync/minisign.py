"""The minisign signature format (https://jedisct1.github.io/minisign/), with Ed25519 from
``cryptography``. What we write verifies with stock ``minisign -V``.

Public key file::

    untrusted comment: minisign public key <KEYID>
    base64( "Ed" ‖ key_id[8] ‖ ed25519_public[32] )

Signature file (``ED`` = pre-hashed, the default of minisign ≥ 0.10)::

    untrusted comment: <text>
    base64( "ED" ‖ key_id[8] ‖ ed25519_sign(BLAKE2b-512(message))[64] )
    trusted comment: <text>
    base64( ed25519_sign(signature[64] ‖ trusted_comment_bytes)[64] )

Legacy ``Ed`` signatures (the message itself signed) are verified too.
``key_id`` is 8 bytes; minisign prints it as the little-endian 64-bit number in upper-case hex.
Here the key id is the first 8 bytes of SHA-256 of the public key (any 8 bytes are valid).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

MAX_SIG_FILE = 4096
MAX_COMMENT = 1024


class MinisignError(ValueError):
    """A malformed key or signature, or a signature that does not verify."""


def key_id_bytes(public_raw: bytes) -> bytes:
    return hashlib.sha256(public_raw).digest()[:8]


def key_id_text(kid: bytes) -> str:
    """The key id as minisign prints it (little-endian u64, upper-case hex)."""
    return kid[::-1].hex().upper()


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes
    raw: bytes  # 32-byte Ed25519 public key

    @classmethod
    def from_raw(cls, raw: bytes) -> PublicKey:
        if len(raw) != 32:
            raise MinisignError("public key must be 32 bytes")
        return cls(key_id_bytes(raw), raw)

    @property
    def key_id_text(self) -> str:
        return key_id_text(self.key_id)

    def base64(self) -> str:
        """The second line of a minisign public key file."""
        return base64.b64encode(b"Ed" + self.key_id + self.raw).decode()

    def file_text(self) -> str:
        return f"untrusted comment: minisign public key {self.key_id_text}\n{self.base64()}\n"

    @classmethod
    def parse(cls, text: str) -> PublicKey:
        """A public key file's text, or only its base64 line."""
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        if lines and lines[0].startswith("untrusted comment:"):
            lines = lines[1:]
        if len(lines) != 1:
            raise MinisignError("not a minisign public key")
        try:
            blob = base64.b64decode(lines[0], validate=True)
        except (binascii.Error, ValueError):
            raise MinisignError("public key is not base64") from None
        if len(blob) != 42 or blob[:2] != b"Ed":
            raise MinisignError("not an Ed25519 minisign public key")
        return cls(blob[2:10], blob[10:])

    def verify(self, message: bytes, sig_text: str) -> str:
        """Verify a minisign signature; returns the trusted comment."""
        sig = Signature.parse(sig_text)
        if sig.key_id != self.key_id:
            raise MinisignError("signature made with another key")
        pub = Ed25519PublicKey.from_public_bytes(self.raw)
        signed = hashlib.blake2b(message, digest_size=64).digest() if sig.prehashed else message
        try:
            pub.verify(sig.signature, signed)
            pub.verify(sig.global_signature, sig.signature + sig.trusted_comment.encode())
        except InvalidSignature:
            raise MinisignError("signature verification failed") from None
        return sig.trusted_comment


@dataclass(frozen=True)
class Signature:
    prehashed: bool
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes
    untrusted_comment: str = ""

    @classmethod
    def parse(cls, text: str) -> Signature:
        if len(text) > MAX_SIG_FILE:
            raise MinisignError("signature file too large")
        lines = text.rstrip("\n").split("\n")
        lines = [ln.rstrip("\r") for ln in lines]
        if len(lines) != 4 or not lines[0].startswith("untrusted comment:") \
                or not lines[2].startswith("trusted comment: "):
            raise MinisignError("not a minisign signature")
        try:
            blob = base64.b64decode(lines[1], validate=True)
            global_sig = base64.b64decode(lines[3], validate=True)
        except (binascii.Error, ValueError):
            raise MinisignError("signature is not base64") from None
        if len(blob) != 74 or blob[:2] not in (b"Ed", b"ED") or len(global_sig) != 64:
            raise MinisignError("not an Ed25519 minisign signature")
        return cls(blob[:2] == b"ED", blob[2:10], blob[10:], lines[2][len("trusted comment: "):],
                   global_sig, lines[0][len("untrusted comment:"):].strip())


@dataclass(frozen=True)
class SecretKey:
    """An Ed25519 key pair used to make minisign signatures (not a minisign secret-key file:
    the key lives inside the encrypted store)."""

    private: Ed25519PrivateKey

    @classmethod
    def from_raw(cls, raw: bytes) -> SecretKey:
        return cls(Ed25519PrivateKey.from_private_bytes(raw))

    @classmethod
    def generate(cls) -> SecretKey:
        return cls(Ed25519PrivateKey.generate())

    def raw(self) -> bytes:
        return self.private.private_bytes(serialization.Encoding.Raw,
                                          serialization.PrivateFormat.Raw,
                                          serialization.NoEncryption())

    @property
    def public(self) -> PublicKey:
        return PublicKey.from_raw(self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw))

    def sign(self, message: bytes, trusted_comment: str,
             untrusted_comment: str = "signature from leftbehind-desktop") -> str:
        """A minisign signature file's text (pre-hashed ``ED``)."""
        if "\n" in trusted_comment or "\r" in trusted_comment or len(trusted_comment) > MAX_COMMENT:
            raise MinisignError("bad trusted comment")
        pub = self.public
        sig = self.private.sign(hashlib.blake2b(message, digest_size=64).digest())
        global_sig = self.private.sign(sig + trusted_comment.encode())
        return (f"untrusted comment: {untrusted_comment}\n"
                f"{base64.b64encode(b'ED' + pub.key_id + sig).decode()}\n"
                f"trusted comment: {trusted_comment}\n"
                f"{base64.b64encode(global_sig).decode()}\n")
