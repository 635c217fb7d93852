"""The connection to an encrypted store's database: file names, opening SQLCipher with the
data key (PRAGMAs), unwrapping the data key from the key slots, and the disk-full message.

Below :mod:`.store` and :mod:`.backup` (both use it; it uses neither)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlcipher3

from ..core.messages import UserError
from ..core.passphrase import MIN_LENGTH, passphrase_problem
from . import throttle
from .keyslots import KeySlots, normalise_passphrase, normalise_recovery_key
from .location import DB_NAME as DB_NAME
from .location import KEYSLOTS_NAME as KEYSLOTS_NAME
from .location import LOCK_NAME as LOCK_NAME
from .location import default_store_dir as default_store_dir

CACHE_KIB = 128 * 1024  # 128 MiB page cache: default cache makes encrypted reads 6–7× slower
MIN_PASSPHRASE = MIN_LENGTH

DISK_FULL = re.compile(r"disk is full|disk I/O error|No space left", re.I)


def disk_full_error() -> UserError:
    return UserError("disk_full", "磁盘空间不足，本次操作未保存任何内容。请清理磁盘后重试",
                     "The disk is full; nothing of this operation was saved. Free space and retry")


def check_passphrase_strength(passphrase: str, avoid: Iterable[str] = ()) -> None:
    """Refuse a new passphrase too weak to protect children's data, saying why."""
    problem = passphrase_problem(passphrase, avoid)
    if problem is not None:
        raise UserError("weak_passphrase", problem.text("zh"), problem.text("en"))


def connect(path: Path, key: bytes) -> Any:
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        conn.close()
        raise UserError("db_key_mismatch", "数据库无法解密：密钥文件与数据库不匹配或数据库已损坏",
                        "The database cannot be decrypted: key slots and database do not match "
                        "or the database is damaged") from None
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA temp_store = MEMORY")  # no plaintext temp files
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def connect_any(path: Path, keys: list[bytes]) -> tuple[Any, bytes]:
    """Connect with the first candidate key that decrypts the database."""
    error: UserError | None = None
    for key in keys:
        try:
            return connect(path, key), key
        except UserError as exc:
            error = exc
    assert error is not None
    raise error


def _candidates(slots: KeySlots, passphrase: str | None, recovery_key: str | None
                ) -> list[bytes]:
    if recovery_key is not None:
        return slots.unwrap("recovery", normalise_recovery_key(recovery_key))
    if passphrase is not None:
        return slots.unwrap("passphrase", normalise_passphrase(passphrase))
    raise UserError("no_passphrase", "请输入密码", "Enter the passphrase")


def unlock(directory: Path, passphrase: str | None, recovery_key: str | None
            ) -> tuple[KeySlots, Any, bytes]:
    """Unwrap the data key and open the database.

    ``keyslots.json.next`` exists only while a rekey runs: the database is encrypted with
    either the current slots' key (rekey not applied: drop the file) or the next slots' key
    (rekey applied, rename not done: finish it).
    """
    slots = KeySlots.load(directory / KEYSLOTS_NAME)
    pending_path = directory / (KEYSLOTS_NAME + ".next")
    pending = KeySlots.load(pending_path) if pending_path.exists() else None
    current = _candidates(slots, passphrase, recovery_key)
    upcoming = _candidates(pending, passphrase, recovery_key) if pending else []
    if not current and not upcoming:
        throttle.record_failure(directory)
        if recovery_key is not None:
            raise UserError("wrong_recovery_key", "恢复密钥不正确，请核对打印的恢复密钥",
                            "Wrong recovery key; check the printed recovery key")
        raise UserError("wrong_passphrase", "密码不正确，请重新输入（如忘记密码，可使用恢复密钥）",
                        "Wrong passphrase; try again (or use the recovery key if you forgot it)")
    if current:
        try:
            conn, key = connect_any(directory / DB_NAME, current)
            if pending is not None:
                pending_path.unlink()
            return slots, conn, key
        except UserError:
            if not upcoming:
                raise
    assert pending is not None
    conn, key = connect_any(directory / DB_NAME, upcoming)
    os.replace(pending_path, directory / KEYSLOTS_NAME)
    return pending, conn, key
