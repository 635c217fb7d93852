"""Reading a package's payload as a stream, in bounded memory (``sync/SPEC.md`` §6–§7).

``payload.age`` is read from the file in chunks: hashed (SHA-256 and the container's CRC-32)
before anything is decrypted, then decrypted with age's STREAM (pyrage's ``decrypt_io``:
64 KiB chunks, each authenticated), the decrypted ZIP archive parsed by its local headers
as the bytes arrive, each member inflated with a running limit (its declared size), hashed,
and handed on — JSON Lines members line by line. Nothing of the payload is ever held whole.

The ciphertext is hashed once before anything is decrypted; the decrypting pass (check,
or check and merge) re-reads the file and re-hashes it, so a file changed in between is
noticed.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Callable, Mapping
from typing import Any, BinaryIO

import pyrage

from .errors import SyncError

CHUNK = 1 << 20
MAX_LINE = 1024 * 1024
MAX_NAME = 255
MAX_TRAILER = 64 * 1024  # the archive's central directory and end record
LOCAL = b"PK\x03\x04"
CENTRAL = b"PK\x01\x02"
DESCRIPTOR = b"PK\x07\x08"

# what a member's bytes are handed to: feed(plain bytes), then end()
Sink = Any


def bad(detail: str) -> SyncError:
    return SyncError("bad_payload", detail=detail)


class _Region:
    """A file-like reader of ``size`` bytes at ``offset`` that hashes what it hands out."""

    def __init__(self, fh: BinaryIO, offset: int, size: int):
        fh.seek(offset)
        self.fh = fh
        self.left = size
        self.sha = hashlib.sha256()
        self.crc = 0

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0 or n > self.left:
            n = self.left
        data = self.fh.read(min(n, CHUNK))
        self.left -= len(data)
        self.sha.update(data)
        self.crc = zlib.crc32(data, self.crc)
        return data

    def readinto(self, buf: Any) -> int:
        data = self.read(len(buf))
        buf[:len(data)] = data
        return len(data)


def hash_region(fh: BinaryIO, offset: int, size: int) -> tuple[str, int]:
    """(SHA-256 hex, CRC-32) of a region of a file, read in chunks."""
    try:
        region = _Region(fh, offset, size)
        while region.left and region.read(CHUNK):
            pass
    except OSError as exc:
        raise SyncError("not_a_file", detail=exc.__class__.__name__) from None
    if region.left:
        raise SyncError("payload_hash")
    return region.sha.hexdigest(), region.crc


class Lines:
    """Splits a member's bytes into lines (``\\n``-terminated, at most :data:`MAX_LINE`,
    none empty) and calls ``handle(number, line)`` for each."""

    def __init__(self, member: str, handle: Callable[[int, bytes], None]):
        self.member = member
        self.handle = handle
        self.rest = b""
        self.n = 0

    def feed(self, data: bytes) -> None:
        if self.rest:
            data = self.rest + data
        start = 0
        find, handle = data.find, self.handle
        while (end := find(b"\n", start)) >= 0:
            self.n += 1
            if end - start > MAX_LINE:
                raise self.too_long()
            if end == start:  # (a gigabyte of newlines would be a billion empty lines)
                raise SyncError("bad_line", member=self.member, line=self.n,
                                detail="空行 / empty line")
            handle(self.n, data[start:end])
            start = end + 1
        self.rest = data[start:]
        if len(self.rest) > MAX_LINE:
            raise self.too_long(self.n + 1)

    def too_long(self, line: int | None = None) -> SyncError:
        return SyncError("bad_line", member=self.member, line=line or self.n,
                         detail="行过长 / line too long")

    def end(self) -> None:
        if self.rest:
            raise SyncError("bad_line", member=self.member, line=self.n + 1,
                            detail="缺少换行 / no final newline")


class Discard:
    """A member that is only checked (size and hash), e.g. ``ledger.xlsx``."""

    def feed(self, data: bytes) -> None:
        return None

    def end(self) -> None:
        return None


class Archive:
    """Push parser of the decrypted ZIP archive: ``write`` it the decrypted bytes.

    Members are read by their local headers: no encryption, method stored or deflate; the
    sizes in the local header, or — deflate only — a data descriptor after the data. Every
    member must be declared in the manifest (once); its output is stopped at its declared
    size + 1 (larger: a bomb), and its size and SHA-256 must equal the declaration.
    ``raw(name, method, compressed bytes)`` sees each member's stored bytes (the merge base
    is kept as it came)."""

    def __init__(self, declared: Mapping[str, Mapping[str, Any]], sinks: Mapping[str, Sink],
                 raw: Callable[[str, int, bytes], None] | None = None):
        self.declared = declared
        self.sinks = sinks
        self.raw = raw
        self.buf = bytearray()
        self.state = "header"
        self.seen: list[str] = []
        self.trailer = 0
        self.error: BaseException | None = None
        # the member being read
        self.name = ""
        self.method = 0
        self.left = 0  # compressed bytes still to come (sizes known)
        self.descriptor = False
        self.inflate: Any = None
        self.out = 0
        self.sha: Any = None
        self.crc = 0
        self.want_crc = 0

    # -- the file-like side (pyrage calls these) ----------------------------------------
    def write(self, data: bytes) -> int:
        if self.error is not None:  # the first error stands (the writer may be called again)
            raise self.error
        try:
            self._push(bytes(data))
        except BaseException as exc:  # re-raised by :func:`decrypt_into`
            self.error = exc
            raise
        return len(data)

    def flush(self) -> None:
        return None

    # -- parsing -------------------------------------------------------------------------
    def _push(self, data: bytes) -> None:
        if self.state == "data":
            data = self._data(data)
        if not data:
            return
        self.buf += data
        while self.buf:
            if self.state == "header":
                if not self._header():
                    return
            elif self.state == "data":
                rest = bytes(self.buf)
                self.buf.clear()
                rest = self._data(rest)
                self.buf += rest
                if self.state == "data":
                    return
            elif self.state == "descriptor":
                if not self._descriptor():
                    return
            else:  # trailer: the central directory, not used (the local headers are read)
                self.trailer += len(self.buf)
                self.buf.clear()
                if self.trailer > MAX_TRAILER:
                    raise bad("目录过大 / central directory too large")
                return

    def _header(self) -> bool:
        if len(self.buf) < 4:
            return False
        sig = bytes(self.buf[:4])
        if sig == CENTRAL or sig == b"PK\x05\x06":
            self.state = "trailer"
            return True
        if sig != LOCAL:
            raise bad("不是ZIP / not a zip")
        if len(self.buf) < 30:
            return False
        (_, _, flags, method, _, _, crc, csize, usize, nlen, xlen) = struct.unpack(
            "<4sHHHHHIIIHH", bytes(self.buf[:30]))
        if nlen > MAX_NAME or xlen > 1024:
            raise bad("文件名过长 / name too long")
        if len(self.buf) < 30 + nlen + xlen:
            return False
        try:
            name = bytes(self.buf[30:30 + nlen]).decode("utf-8")
        except UnicodeDecodeError:
            raise bad("文件名无效 / bad member name") from None
        del self.buf[:30 + nlen + xlen]
        if name not in self.declared or name in self.seen:
            raise bad("文件清单与清单不符 / members differ from manifest")
        if flags & 0x1 or method not in (0, 8) or (flags & 0x8 and method != 8):
            raise bad(f"{name} 的压缩方式不支持 / unsupported method")
        want = int(self.declared[name]["size"])
        if not flags & 0x8 and usize != want:
            raise SyncError("bomb") if usize > want else bad(f"{name} 与清单不符 / differs")
        self.seen.append(name)
        self.name, self.method, self.descriptor = name, method, bool(flags & 0x8)
        self.left = -1 if self.descriptor else csize
        self.want_crc = crc
        self.inflate = zlib.decompressobj(-15) if method == 8 else None
        self.out, self.sha, self.crc = 0, hashlib.sha256(), 0
        self.state = "data"
        if self.left == 0:
            self._finish()
        return True

    def _data(self, data: bytes) -> bytes:
        """Consume a member's stored bytes; returns what follows the member."""
        if self.left >= 0:
            take, rest = data[:self.left], data[self.left:]
            self.left -= len(take)
        else:
            take, rest = data, b""
        if self.raw is not None and take:
            self.raw(self.name, self.method, take)  # a deflate reader stops at its end
        if self.inflate is None:
            self._emit(take)
        else:
            self._inflate(take)
            if self.inflate.eof:
                tail = self.inflate.unused_data
                if self.left > 0 or (self.left == 0 and tail):
                    raise bad(f"{self.name} 已损坏 / damaged")
                rest = tail + rest
                self.left = 0
        if self.left == 0:
            if self.inflate is not None and not self.inflate.eof:
                raise bad(f"{self.name} 已损坏 / damaged")
            if self.descriptor:
                self.state = "descriptor"
            else:
                self._finish()
        return rest

    def _inflate(self, data: bytes) -> None:
        want = int(self.declared[self.name]["size"])
        d = self.inflate
        while data:
            try:
                out = d.decompress(data, CHUNK)
            except zlib.error:
                raise bad(f"{self.name} 已损坏 / damaged") from None
            self._emit(out)
            if d.eof:
                return
            data = d.unconsumed_tail
            if self.out > want:
                raise SyncError("bomb")

    def _emit(self, out: bytes) -> None:
        if not out:
            return
        self.out += len(out)
        if self.out > int(self.declared[self.name]["size"]):
            raise SyncError("bomb")
        self.sha.update(out)
        self.crc = zlib.crc32(out, self.crc)
        self.sinks[self.name].feed(out)

    def _descriptor(self) -> bool:
        if len(self.buf) < 16:
            return False
        if bytes(self.buf[:4]) == DESCRIPTOR:
            crc, _, usize = struct.unpack("<III", bytes(self.buf[4:16]))
            del self.buf[:16]
        else:
            crc, _, usize = struct.unpack("<III", bytes(self.buf[:12]))
            del self.buf[:12]
        self.want_crc = crc
        if usize != self.out:
            raise bad(f"{self.name} 与清单不符 / differs")
        self._finish()
        return True

    def _finish(self) -> None:
        spec = self.declared[self.name]
        if self.out != int(spec["size"]) or self.sha.hexdigest() != spec["sha256"] \
                or self.crc != self.want_crc:
            raise bad(f"{self.name} 与清单不符 / differs")
        self.sinks[self.name].end()
        self.state = "header"

    def close(self) -> None:
        if self.state not in ("header", "trailer") or (self.buf and self.state == "header"):
            raise bad("数据被截断 / truncated")
        if sorted(self.seen) != sorted(self.declared):
            raise bad("文件清单与清单不符 / members differ from manifest")


def decrypt_into(fh: BinaryIO, offset: int, size: int, sha256: str,
                 identity: pyrage.x25519.Identity, archive: Archive) -> None:
    """Decrypt the payload region of ``fh`` into ``archive`` (age STREAM, chunk by chunk),
    re-hashing the ciphertext as it is read: a file that changed since it was checked is
    refused (``payload_hash``)."""
    region = _Region(fh, offset, size)
    try:
        pyrage.decrypt_io(region, archive, [identity])
    except Exception as exc:  # pyrage's errors, or ours raised from archive.write
        if archive.error is not None:
            raise archive.error from None
        if isinstance(exc, SyncError):
            raise
        try:
            while region.left and region.read(CHUNK):
                pass
        except OSError as err:
            raise SyncError("not_a_file", detail=err.__class__.__name__) from None
        if region.left or region.sha.hexdigest() != sha256:
            raise SyncError("payload_hash") from None
        if "no matching keys" in str(exc).lower():
            raise SyncError("decrypt_failed") from None
        raise SyncError("payload_damaged") from None
    if region.left or region.sha.hexdigest() != sha256:
        raise SyncError("payload_hash")
    archive.close()
