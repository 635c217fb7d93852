"""``manifest.json``: the small, plaintext, signed description of a package."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from ..core import safejson, units
from ..store.audit import canonical_json
from ..store.schema import RECORD_KINDS
from .errors import SyncError

FORMAT = "leftbehind-package"
FORMAT_VERSION = 1
KINDS = ("quarterly", "restore", "receipt", "review", "copy")
# kinds sent by the parent office down to a unit below it (verified against the parent's key)
DOWN_KINDS = frozenset({"restore", "receipt", "review"})
PERIOD = re.compile(r"^\d{4}Q[1-4]$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
KEY_ID = re.compile(r"^[0-9A-F]{16}$")
UUID7 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
CONTENT_NAMES = ("records.jsonl", "audit.jsonl", "units.jsonl", "provenance.jsonl",
                 "receipts.jsonl", "ledger.xlsx", "answers.jsonl",
                 "review_state.jsonl")  # 逐条审核 forwarded (sync/review.py)
# payload members per kind: (allowed, required); a kind not listed has the registry ones
KIND_MEMBERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "receipt": (("receipt.json",), ("receipt.json",)),
    "review": (("review.jsonl",), ("review.jsonl",)),  # 退回修改 (sync/returns.py)
}
REGISTRY_MEMBERS = (CONTENT_NAMES, ("records.jsonl",))
MAX_CONTENT_TOTAL = 4 * 1024 * 1024 * 1024  # 4 GiB expanded, at most
MAX_RATIO = 400  # expanded size / encrypted size


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encode(manifest: dict[str, Any]) -> bytes:
    """Canonical JSON (sorted keys, no spaces, UTF-8) followed by one newline."""
    return (canonical_json(manifest) + "\n").encode()


def trusted_comment(m: Manifest) -> str:
    return (f"package_id:{m.package_id} kind:{m.kind} sender:{m.sender_unit} "
            f"recipient:{m.recipient_unit} period:{m.period} sequence:{m.sequence}")


@dataclass(frozen=True)
class Manifest:
    raw: dict[str, Any]

    @property
    def package_id(self) -> str:
        return str(self.raw["package_id"])

    @property
    def kind(self) -> str:
        return str(self.raw["kind"])

    @property
    def sender_unit(self) -> str:
        return str(self.raw["sender"]["unit_code"])

    @property
    def sender_name(self) -> str:
        return str(self.raw["sender"]["unit_name"])

    @property
    def sender_key_id(self) -> str:
        return str(self.raw["sender"]["key_id"])

    @property
    def recipient_unit(self) -> str:
        return str(self.raw["recipient"]["unit_code"])

    @property
    def period(self) -> str:
        return str(self.raw["period"])

    @property
    def sequence(self) -> int:
        return int(self.raw["sequence"])

    @property
    def previous(self) -> str | None:
        value = self.raw["previous_manifest_sha256"]
        return None if value is None else str(value)

    @property
    def payload_sha256(self) -> str:
        return str(self.raw["payload"]["sha256"])

    @property
    def payload_size(self) -> int:
        return int(self.raw["payload"]["size"])

    @property
    def contents(self) -> dict[str, dict[str, Any]]:
        return dict(self.raw["contents"])

    @property
    def record_counts(self) -> dict[str, int]:
        return {k: int(v) for k, v in self.raw["record_counts"].items()}

    @property
    def audit_events(self) -> int:
        return int(self.raw["audit_events"])

    @property
    def created_at(self) -> str:
        return str(self.raw["created_at"])


def _bad(detail: str) -> SyncError:
    return SyncError("bad_manifest", detail=detail)


def parse(data: bytes) -> Manifest:
    """Parse and check the manifest's shape (not yet its signature)."""
    try:
        raw = safejson.loads(data, max_depth=8, max_string=4096, max_items=1000)
    except safejson.JsonLimitError as exc:
        raise _bad(str(exc)) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _bad("不是本软件的数据包 / not a leftbehind package")
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _bad("format_version")
    if version > FORMAT_VERSION:
        raise SyncError("future_format", found=version, supported=FORMAT_VERSION)
    if encode(raw) != data:
        raise _bad("不是规范JSON / not canonical JSON")

    def need(cond: bool, what: str) -> None:
        if not cond:
            raise _bad(what)

    need(isinstance(raw.get("package_id"), str) and bool(UUID7.match(raw["package_id"])),
         "package_id（须为UUIDv7 / must be a UUIDv7）")
    need(raw.get("kind") in KINDS, "kind")
    sender, recipient = raw.get("sender"), raw.get("recipient")
    need(isinstance(sender, dict) and isinstance(sender.get("unit_code"), str)
         and units.is_unit_code(sender["unit_code"]) and isinstance(sender.get("unit_name"), str)
         and isinstance(sender.get("device_id"), str)
         and isinstance(sender.get("key_id"), str) and bool(KEY_ID.match(sender["key_id"])),
         "sender")
    need(isinstance(recipient, dict) and isinstance(recipient.get("unit_code"), str)
         and units.is_unit_code(recipient["unit_code"]), "recipient")
    need(isinstance(raw.get("period"), str) and bool(PERIOD.match(raw["period"])), "period")
    seq = raw.get("sequence")
    need(isinstance(seq, int) and not isinstance(seq, bool) and seq >= 1, "sequence")
    prev = raw.get("previous_manifest_sha256")
    need(prev is None or (isinstance(prev, str) and bool(HEX64.match(prev))),
         "previous_manifest_sha256")
    need(isinstance(raw.get("created_at"), str), "created_at")
    payload = raw.get("payload")
    need(isinstance(payload, dict) and isinstance(payload.get("sha256"), str)
         and bool(HEX64.match(payload["sha256"])) and isinstance(payload.get("size"), int)
         and 0 < payload["size"], "payload")
    contents = raw.get("contents")
    allowed, required = KIND_MEMBERS.get(raw["kind"], REGISTRY_MEMBERS)
    need(isinstance(contents, dict) and all(n in contents for n in required), "contents")
    assert isinstance(contents, dict) and isinstance(payload, dict)
    total = 0
    for name, item in contents.items():
        need(name in allowed and isinstance(item, dict)
             and isinstance(item.get("size"), int) and item["size"] >= 0
             and isinstance(item.get("sha256"), str) and bool(HEX64.match(item["sha256"])),
             f"contents/{name}")
        total += int(item["size"])
    if total > MAX_CONTENT_TOTAL or total > MAX_RATIO * max(int(payload["size"]), 1024):
        raise SyncError("bomb")
    counts = raw.get("record_counts")
    need(isinstance(counts, dict) and set(counts) <= set(RECORD_KINDS)
         and all(isinstance(v, int) and v >= 0 for v in counts.values()), "record_counts")
    need(isinstance(raw.get("audit_events"), int), "audit_events")
    need(isinstance(raw.get("schema_version"), int), "schema_version")
    return Manifest(raw)
