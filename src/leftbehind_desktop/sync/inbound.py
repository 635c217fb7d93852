"""What every incoming package shares, whatever its kind (``sync/SPEC.md`` §7 steps 1–4,
6–8): the sender within reach, its enrolled key, the signature; for the small kinds that
travel down (receipts 回执, …) also the recipient, the payload's hash and the decrypted
members in memory.

Registry packages (``quarterly``, ``restore``) go on to :mod:`.incoming`; each other kind
has a handler module (``sync/receipts.py`` …) that :mod:`.incoming` dispatches to. A
handler never changes a registry record: it fills its own tables only. Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from ..core import units
from ..store.store import Store
from ..store.sync import SyncStore, TrustedKey
from . import container, stream
from . import manifest as mf
from .errors import SyncError
from .identity import DeviceIdentity
from .minisign import MinisignError, PublicKey

Opener = Callable[[], BinaryIO]
MAX_SMALL_MEMBER = 8 * 1024 * 1024  # a receipt lists at most a few thousand records


def check_sender(ex: SyncStore, m: mf.Manifest, own: str) -> TrustedKey:
    """§7 steps 3–4 (without the signature): ``quarterly`` only from a unit directly below
    this office, a kind travelling down only from its parent office; the key enrolled for
    that unit with that relation, and active."""
    if m.kind == "quarterly":
        if units.parent_of(m.sender_unit) != own:
            raise SyncError("outside_area", unit=m.sender_unit, own=own)
        relation = "child"
    elif m.kind in mf.DOWN_KINDS:
        if m.sender_unit != units.parent_of(own):
            raise SyncError("outside_area", unit=m.sender_unit, own=own)
        relation = "parent"
    else:
        raise SyncError("wrong_kind", kind=m.kind)
    key = ex.key(m.sender_key_id)
    if key is None:
        raise SyncError("unknown_key", key_id=m.sender_key_id)
    if key.unit_code != m.sender_unit or key.relation != relation:
        raise SyncError("other_unit_key", key_id=key.key_id, key_unit=key.unit_code,
                        unit=m.sender_unit)
    if key.status != "active":
        raise SyncError("revoked_key", key_id=key.key_id)
    return key


def verify_signature(key: TrustedKey, opened: container.Opened, m: mf.Manifest) -> None:
    try:
        comment = PublicKey.parse(key.signing_key).verify(opened.manifest,
                                                          opened.signature.decode("utf-8"))
    except (MinisignError, UnicodeDecodeError):
        raise SyncError("bad_signature") from None
    if comment != mf.trusted_comment(m):
        raise SyncError("bad_signature")


def authenticate(store: Store, opened: container.Opened) -> tuple[mf.Manifest, TrustedKey]:
    """Manifest, sender, key and signature of an opened container (steps 2–4)."""
    m = mf.parse(opened.manifest)
    key = check_sender(SyncStore(store), m, store.unit_code)
    verify_signature(key, opened, m)
    return m, key


@dataclass
class Handled:
    """What a handler module made of a package of its kind (shown like an import report)."""

    package_id: str
    kind: str
    sender_unit: str
    sender_name: str
    period: str
    sequence: int
    text_zh: str
    text_en: str
    already_imported: bool = False
    imported_at: str = ""
    detail: dict[str, Any] = field(default_factory=dict)


Handler = Callable[[Store, Opener, container.Opened, mf.Manifest, TrustedKey, bool], Handled]


class _Collect:
    def __init__(self) -> None:
        self.data = bytearray()

    def feed(self, data: bytes) -> None:
        self.data += data

    def end(self) -> None:
        return None


def read_small(store: Store, opener: Opener, opened: container.Opened,
               m: mf.Manifest) -> dict[str, bytes]:
    """§7 steps 6–9 for a small kind: the recipient is this office, the payload's size and
    hash equal the manifest, then it is decrypted and its members (exactly ``contents``,
    each at most :data:`MAX_SMALL_MEMBER`, sizes and hashes checked) returned."""
    if m.recipient_unit != store.unit_code:
        raise SyncError("wrong_recipient", recipient=m.recipient_unit, own=store.unit_code)
    for name, item in m.contents.items():
        if int(item["size"]) > MAX_SMALL_MEMBER:
            raise SyncError("member_too_large", name=name, actual=item["size"],
                            declared=MAX_SMALL_MEMBER)
    if opened.payload_size != m.payload_size:
        raise SyncError("payload_hash")
    with opener() as fh:
        digest, crc = stream.hash_region(fh, opened.payload_offset, opened.payload_size)
    if digest != m.payload_sha256:
        raise SyncError("payload_hash")
    if crc != opened.payload_crc:
        raise SyncError("not_a_zip")
    sinks = {name: _Collect() for name in m.contents}
    archive = stream.Archive(m.contents, sinks)
    with opener() as fh:
        stream.decrypt_into(fh, opened.payload_offset, opened.payload_size, m.payload_sha256,
                            DeviceIdentity.of(store).age_identity, archive)
    return {name: bytes(sink.data) for name, sink in sinks.items()}
