"""The ``.lbpkg`` container: a canonical ZIP with exactly three STORED members.

Canonical means byte-exact: members in the order ``manifest.json``,
``manifest.json.minisig``, ``payload.age``; method 0 (stored); date 1980-01-01 00:00:00;
no extra fields, no comments, no data descriptors; "version made by" 3.20 (Unix), version
needed 2.0, external attributes ``0o100644 << 16``, general-purpose flags 0. A reader
rebuilds the container from the three members and requires identical bytes, so any
flipped byte anywhere in the file is detected (the data bytes are also covered by the
signature and the payload hash; the zip headers by this rule).

Reading is bounded: the file size, each member's size and the member set are checked
before anything is decompressed or parsed.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import SyncError

MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.minisig"
PAYLOAD = "payload.age"
MEMBERS = (MANIFEST, SIGNATURE, PAYLOAD)
MAX_MANIFEST = 64 * 1024
MAX_SIGNATURE = 4 * 1024
MAX_PAYLOAD = 1024 * 1024 * 1024  # 1 GiB (a district holds ~100 MB)
MAX_FILE = MAX_PAYLOAD + 1024 * 1024
DATE = (1980, 1, 1, 0, 0, 0)


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=DATE)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3
    info.create_version = 20
    info.extract_version = 20
    info.external_attr = 0o100644 << 16
    return info


def build(manifest: bytes, signature: bytes, payload: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, data in zip(MEMBERS, (manifest, signature, payload), strict=True):
            zf.writestr(_info(name), data)
    return buf.getvalue()


def _unsafe(name: str) -> bool:
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return ".." in parts or name != name.strip()


@dataclass(frozen=True)
class Container:
    manifest: bytes
    signature: bytes
    payload: bytes


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise SyncError("too_large", limit=f"{MAX_FILE // 1024 // 1024} MiB")
        with path.open("rb") as fh:
            return fh.read(MAX_FILE + 1)
    except OSError as exc:
        raise SyncError("not_a_file", detail=exc.__class__.__name__) from None


def open_container(data: bytes) -> Container:
    """Check the member set and sizes; read manifest and signature (bounded)."""
    if len(data) > MAX_FILE:
        raise SyncError("too_large", limit=f"{MAX_FILE // 1024 // 1024} MiB")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SyncError("not_a_zip") from None
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if _unsafe(name) or _unsafe(info.orig_filename):
            raise SyncError("bad_member_name", name=name[:80])
        if name in seen:
            raise SyncError("duplicate_member", name=name[:80])
        seen.add(name)
        if name not in MEMBERS:
            raise SyncError("extra_member", name=name[:80])
        if info.compress_type != zipfile.ZIP_STORED or info.file_size != info.compress_size:
            raise SyncError("compressed_member", name=name)
        if info.flag_bits & 0x1:
            raise SyncError("not_a_zip")
    for name in MEMBERS:
        if name not in seen:
            raise SyncError("missing_member", name=name)
    limits = {MANIFEST: MAX_MANIFEST, SIGNATURE: MAX_SIGNATURE, PAYLOAD: MAX_PAYLOAD}
    for info in infos:
        if info.file_size > limits[info.filename]:
            raise SyncError("member_too_large", name=info.filename, actual=info.file_size,
                            declared=limits[info.filename])
    try:
        manifest = zf.read(MANIFEST)
        signature = zf.read(SIGNATURE)
        payload = zf.read(PAYLOAD)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SyncError("not_a_zip") from None
    if build(manifest, signature, payload) != data:
        raise SyncError("not_a_zip")
    return Container(manifest, signature, payload)
