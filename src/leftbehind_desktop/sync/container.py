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
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

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


DOS_DATE = (DATE[0] - 1980) << 9 | DATE[1] << 5 | DATE[2]
EXTERNAL = 0o100644 << 16


def layout(manifest: bytes, signature: bytes, payload_size: int, payload_crc: int
           ) -> tuple[bytes, bytes]:
    """The canonical container's bytes before and after the payload's data: local headers
    with the manifest and signature, then the payload's local header; after the payload
    the central directory and its end record (what ``zipfile`` writes for three stored
    members, byte for byte)."""
    members = ((MANIFEST, len(manifest), zlib.crc32(manifest)),
               (SIGNATURE, len(signature), zlib.crc32(signature)),
               (PAYLOAD, payload_size, payload_crc))
    head, central, offset = bytearray(), bytearray(), 0
    datas = (manifest, signature)
    for i, (name, size, crc) in enumerate(members):
        raw = name.encode("ascii")
        local = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, DOS_DATE, crc,
                            size, size, len(raw), 0) + raw
        central += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, 0, 0, 0,
                               DOS_DATE, crc, size, size, len(raw), 0, 0, 0, 0, EXTERNAL,
                               offset) + raw
        head += local
        if i < 2:
            head += datas[i]
        offset += len(local) + size
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 3, 3, len(central), offset, 0)
    return bytes(head), bytes(central) + end


def build(manifest: bytes, signature: bytes, payload: bytes) -> bytes:
    head, tail = layout(manifest, signature, len(payload), zlib.crc32(payload))
    return head + payload + tail


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


@dataclass(frozen=True)
class Opened:
    """A container file whose layout was checked; the payload not yet read."""

    path: Path
    manifest: bytes
    signature: bytes
    payload_offset: int
    payload_size: int
    payload_crc: int


def _check_members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The member set and sizes (from the central directory), before anything is read."""
    try:
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SyncError("not_a_zip") from None
    seen: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        if _unsafe(name) or _unsafe(info.orig_filename):
            raise SyncError("bad_member_name", name=name[:80])
        if name in seen:
            raise SyncError("duplicate_member", name=name[:80])
        seen[name] = info
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
    return seen


def _open(fh: BinaryIO, size: int, path: Path) -> Opened:
    if size > MAX_FILE:
        raise SyncError("too_large", limit=f"{MAX_FILE // 1024 // 1024} MiB")
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SyncError("not_a_zip") from None
    infos = _check_members(zf)
    try:
        manifest = zf.read(MANIFEST)
        signature = zf.read(SIGNATURE)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SyncError("not_a_zip") from None
    payload = infos[PAYLOAD]
    head, tail = layout(manifest, signature, payload.file_size, payload.CRC)
    try:
        fh.seek(0)
        got_head = fh.read(len(head))
        fh.seek(max(size - len(tail), 0))
        got_tail = fh.read(len(tail) + 1)
    except OSError as exc:
        raise SyncError("not_a_file", detail=exc.__class__.__name__) from None
    if got_head != head or got_tail != tail or size != len(head) + payload.file_size + len(tail):
        raise SyncError("not_a_zip")
    return Opened(path, manifest, signature, len(head), payload.file_size, payload.CRC)


def open_file(path: Path) -> Opened:
    """Check a container file's layout and read its manifest and signature (a few KiB);
    the payload is not read (see :mod:`.stream`)."""
    try:
        with path.open("rb") as fh:
            size = path.stat().st_size
            return _open(fh, size, path)
    except OSError as exc:
        raise SyncError("not_a_file", detail=exc.__class__.__name__) from None


def open_bytes(data: bytes) -> Opened:
    """:func:`open_file` of a container held in memory."""
    return _open(io.BytesIO(data), len(data), Path("-"))


def open_container(data: bytes) -> Container:
    """The three members of a container held in memory (small packages and tests)."""
    opened = _open(io.BytesIO(data), len(data), Path("-"))
    payload = data[opened.payload_offset:opened.payload_offset + opened.payload_size]
    if zlib.crc32(payload) != opened.payload_crc:
        raise SyncError("not_a_zip")
    return Container(opened.manifest, opened.signature, payload)
