"""The encrypted store: one directory per installation.

``DIR/registry.db``   SQLCipher 4 database (raw 32-byte data key, WAL)
``DIR/keyslots.json`` the data key wrapped per slot (passphrase, recovery key, escrow)
``DIR/.lock``         held while a process has the store open
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ..core import rules, units
from ..core.ids import utc_now, uuid7
from ..core.messages import UserError
from . import throttle
from .audit import AuditLog
from .connection import (
    DB_NAME,
    DISK_FULL,
    KEYSLOTS_NAME,
    LOCK_NAME,
    MIN_PASSPHRASE,
    check_passphrase_strength,
    connect,
    default_store_dir,
    disk_full_error,
    unlock,
)
from .fsutil import StoreLock, fsync_dir
from .keyslots import (
    KdfParams,
    KeySlots,
    new_recovery_key,
    normalise_passphrase,
    normalise_recovery_key,
)
from .location import store_exists
from .schema import migrate
from .snapshot import BACKUP_DIR, snapshot

__all__ = ["DB_NAME", "KEYSLOTS_NAME", "LOCK_NAME", "MIN_PASSPHRASE", "Store",
           "check_passphrase_strength", "default_store_dir", "disk_full_error",
           "escrow_reset", "reset_passphrase"]

def _backup_before_upgrade(conn: Any, directory: Path) -> None:
    """A newer program opening an older store backs it up before migrating it."""
    from .schema import SCHEMA_VERSION

    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if 0 < found < SCHEMA_VERSION:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        snapshot(conn, directory, directory / BACKUP_DIR,
                 f"before-upgrade-v{found}-{stamp}", "upgrade")


class Store:
    """An open, unlocked store. Use :meth:`init` or :meth:`open`."""

    def __init__(self, directory: Path, conn: Any, data_key: bytes, lock: StoreLock,
                 slots: KeySlots):
        self.dir = directory
        self.conn = conn
        self._data_key = data_key
        self._lock = lock
        self._slots = slots
        self._settings: dict[str, str] = dict(conn.execute("SELECT key, value FROM setting"))
        # the read-only connection reader() hands out, kept between uses: its page cache of
        # decrypted pages survives until the data changes, so the district's workbench and
        # dashboard reload from memory instead of decrypting their indexes again
        self._idle_reader: Any | None = None
        self._reader_guard = threading.Lock()

    # -- lifecycle ---------------------------------------------------------------------
    @staticmethod
    def exists(directory: Path) -> bool:
        return store_exists(directory)

    @staticmethod
    def _take_lock(directory: Path) -> StoreLock:
        lock = StoreLock(directory / LOCK_NAME)
        if not lock.acquire():
            raise UserError("store_in_use", "数据库正被另一个程序窗口使用，请先关闭它",
                            "The store is open in another instance of the app; close it first")
        return lock

    @classmethod
    def init(cls, directory: Path, passphrase: str, *, role: str, unit_code: str,
             unit_name: str, officer: str, kdf: KdfParams | None = None
             ) -> tuple[Store, str]:
        """Create a new store; returns it and the recovery key (shown once)."""
        check_passphrase_strength(passphrase, (unit_name, officer, unit_code))
        if not units.is_unit_code(unit_code):
            raise UserError("bad_unit_code", "单位代码必须是12位区划代码",
                            "The unit code must be a 12-digit division code")
        if not units.is_known(unit_code):
            raise UserError("unknown_unit_code",
                            f"区划代码{unit_code}不是大连金普新区的区、街道或村（社区）代码"
                            "（统计用区划代码，国家统计局2023年版）",
                            f"{unit_code} is not a district, street or village code of "
                            "大连金普新区 (statistical division codes, NBS 2023 edition)")
        level = units.level_of(unit_code)
        if level.value != role:
            raise UserError("role_mismatch", "单位代码的级别与所选角色不一致",
                            "The unit code's level does not match the chosen role")
        if not unit_name.strip() or not officer.strip():
            raise UserError("missing_identity", "请填写单位名称和信息员姓名",
                            "Enter the unit name and the officer's name")
        directory.mkdir(parents=True, exist_ok=True)
        if (directory / KEYSLOTS_NAME).exists() or (directory / DB_NAME).exists():
            raise UserError("store_exists", "该位置已有数据库，不能重复创建",
                            "A store already exists there")
        lock = cls._take_lock(directory)
        try:
            data_key = os.urandom(32)
            recovery = new_recovery_key()
            slots = KeySlots.create(data_key, passphrase, recovery, kdf)
            conn = connect(directory / DB_NAME, data_key)
            migrate(conn)
            signing = Ed25519PrivateKey.generate()
            import pyrage

            age_identity = pyrage.x25519.Identity.generate()
            conn.execute("BEGIN IMMEDIATE")
            device_id = uuid7()
            settings = {
                "store_id": slots.store_id, "role": role, "unit_code": unit_code,
                "unit_name": unit_name.strip(), "officer": officer.strip(),
                "device_id": device_id, "created_at": utc_now(),
                "device_signing_key": signing.private_bytes(
                    serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                    serialization.NoEncryption()).hex(),
                "device_age_identity": str(age_identity),
                "priority_interval_days": "14", "quarter_deadline_days": "10",
                "idle_lock_minutes": "10",
                # flags are raised by the rules of this program from the start (issue 11)
                "rules_version": str(rules.RULES_VERSION),
            }
            conn.executemany("INSERT INTO setting (key, value) VALUES (?, ?)", settings.items())
            conn.execute("INSERT INTO unit (code, name, level, parent_code) VALUES (?,?,?,?)",
                         (unit_code, unit_name.strip(), role, units.parent_of(unit_code)))
            # a street (district) knows its real villages (streets and villages) from the start
            conn.executemany(
                "INSERT OR IGNORE INTO unit (code, name, level, parent_code) VALUES (?,?,?,?)",
                [(u.code, u.name, u.level.value, u.parent) for u in units.below(unit_code)])
            AuditLog(conn, device_id, officer.strip()).append(
                "store.init", "store", slots.store_id, None, {"role": role,
                                                             "unit_code": unit_code})
            conn.execute("COMMIT")
            # key slots last: a store without key slots is treated as not created
            slots.save(directory / KEYSLOTS_NAME)
        except BaseException:
            lock.release()
            raise
        return cls(directory, conn, data_key, lock, slots), recovery

    @classmethod
    def open(cls, directory: Path, passphrase: str | None = None,
             recovery_key: str | None = None) -> Store:
        if not cls.exists(directory):
            raise UserError("no_store", "找不到数据库，请先完成初始化（leftbehind init）",
                            "No store there; run the first-run set-up (leftbehind init) first")
        lock = cls._take_lock(directory)
        try:
            throttle.check(directory)
            for stale in directory.glob(f".{KEYSLOTS_NAME}*.tmp-*"):
                stale.unlink()  # a key slot write killed half-way (we hold the lock)
            slots, conn, data_key = unlock(directory, passphrase, recovery_key)
            throttle.reset(directory)
            _backup_before_upgrade(conn, directory)
            migrate(conn)
        except BaseException:
            lock.release()
            raise
        return cls(directory, conn, data_key, lock, slots)

    def close(self) -> None:
        self.release_reader()
        if self.conn is not None:
            try:
                self.conn.execute("PRAGMA analysis_limit = 1000")
                self.conn.execute("PRAGMA optimize")  # keep the planner's statistics fresh
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlcipher3.Error:
                pass
            self.conn.close()
            self.conn = None
        self._data_key = b""
        self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- key slots ---------------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        """Re-wrap the data key under a new passphrase (the database is not re-encrypted)."""
        check_passphrase_strength(new_passphrase, (self.unit_name, self.officer, self.unit_code))
        self._slots.replace_slot("passphrase", normalise_passphrase(new_passphrase),
                                 self._data_key, kdf)
        with self.transaction() as audit:
            audit.append("store.passwd", "store", self._slots.store_id)
        self._slots.save(self.dir / KEYSLOTS_NAME)

    def set_escrow(self, recipient: str) -> None:
        """Add (or replace) the escrow slot for the street office's age recipient."""
        self._slots.add_escrow_slot(recipient, self._data_key)
        with self.transaction() as audit:
            audit.append("store.escrow", "store", self._slots.store_id, None,
                         {"recipient": recipient.strip()})
        self._slots.save(self.dir / KEYSLOTS_NAME)

    def rekey(self, passphrase: str, kdf: KdfParams | None = None) -> str:
        """Suspected key compromise: re-encrypt the database under a NEW random data key.

        New slots (the same passphrase, a NEW recovery key, the escrow recipient if any) are
        written to ``keyslots.json.next`` first, then ``PRAGMA rekey`` runs (one
        transaction), then the file replaces ``keyslots.json``. A crash at any point leaves a
        store that opens (see ``_unlock``). Returns the new recovery key.
        """
        if not self._slots.unwrap("passphrase", normalise_passphrase(passphrase)):
            raise UserError("wrong_passphrase", "密码不正确", "Wrong passphrase")
        new_key = os.urandom(32)
        recovery = new_recovery_key()
        nxt = KeySlots(self._slots.store_id, [])
        nxt.add_slot("passphrase", normalise_passphrase(passphrase), new_key, kdf)
        nxt.add_slot("recovery", normalise_recovery_key(recovery), new_key, kdf)
        for slot in self._slots.slots:
            if slot.kind == "escrow" and slot.recipient:
                nxt.add_escrow_slot(slot.recipient, new_key)
        pending = self.dir / (KEYSLOTS_NAME + ".next")
        nxt.save(pending)
        self.release_reader()  # it holds the old key
        self.conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        os.replace(pending, self.dir / KEYSLOTS_NAME)
        fsync_dir(self.dir)
        self._data_key, self._slots = new_key, nxt
        with self.transaction() as audit:
            audit.append("store.rekey", "store", self._slots.store_id)
        return recovery

    @contextmanager
    def reader(self) -> Iterator[Any]:
        """A second, read-only connection for long reads on a worker thread (work lists at
        district scale): WAL lets it read while the app's own connection stays free."""
        if not self._data_key:
            raise UserError("store_closed", "数据库已锁定", "The store is locked")
        with self._reader_guard:
            conn, self._idle_reader = self._idle_reader, None
        if conn is None:
            conn = connect(self.dir / DB_NAME, self._data_key)
            conn.execute("PRAGMA query_only = ON")
        done = False
        try:
            yield conn
            done = True
        finally:
            with self._reader_guard:  # one kept; a second reader meanwhile is closed
                if (done and self._data_key and not conn.in_transaction
                        and self._idle_reader is None):
                    self._idle_reader, conn = conn, None
            if conn is not None:
                conn.close()

    def release_reader(self) -> None:
        with self._reader_guard:
            conn, self._idle_reader = self._idle_reader, None
        if conn is not None:
            conn.close()

    # -- transactions ------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[AuditLog]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; everything or nothing. Yields the audit log,
        whose appends land in the same transaction."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlcipher3.OperationalError as exc:
            if DISK_FULL.search(str(exc)):
                raise disk_full_error() from None
            raise
        try:
            yield AuditLog(self.conn, self.device_id, self.officer)
            self.conn.execute("COMMIT")
        except sqlcipher3.OperationalError as exc:
            if self.conn.in_transaction:  # SQLite may have rolled back already (SQLITE_FULL)
                self.conn.execute("ROLLBACK")
            if DISK_FULL.search(str(exc)):
                raise disk_full_error() from None
            raise
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    # -- settings ----------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        return self._settings.get(key, default)

    def set_setting(self, key: str, value: str, audit: AuditLog | None = None) -> None:
        """Set a setting; inside a transaction pass its audit log, else one is opened."""
        if audit is None:
            with self.transaction() as a:
                self.set_setting(key, value, a)
            return
        self.conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                          (key, value))
        if not key.startswith("device_"):
            audit.append("setting.set", "setting", key, None, {"key": key, "value": value})
        self._settings[key] = value

    def int_setting(self, key: str, default: int) -> int:
        try:
            return int(self._settings.get(key, default))
        except ValueError:
            return default

    @property
    def store_id(self) -> str:
        return self._slots.store_id

    @property
    def role(self) -> str:
        return self._settings["role"]

    @property
    def unit_code(self) -> str:
        return self._settings["unit_code"]

    @property
    def unit_name(self) -> str:
        return self._settings["unit_name"]

    @property
    def officer(self) -> str:
        return self._settings["officer"]

    @property
    def device_id(self) -> str:
        return self._settings["device_id"]


def escrow_reset(keyslots_path: Path, identity: str, new_passphrase: str,
                 kdf: KdfParams | None = None) -> None:
    """Street office: restore access to a village store whose officer lost both passphrase
    and recovery key. ``keyslots_path`` is (a copy of) the village's ``keyslots.json``;
    ``identity`` is the street office's age identity. The data key is recovered from the
    escrow slot in memory only and re-wrapped under ``new_passphrase`` (which the village
    officer changes at once)."""
    check_passphrase_strength(new_passphrase)
    slots = KeySlots.load(keyslots_path)
    data_key = slots.unwrap_escrow(identity)
    slots.replace_slot("passphrase", normalise_passphrase(new_passphrase), data_key, kdf)
    slots.save(keyslots_path)


def reset_passphrase(directory: Path, recovery_key: str, new_passphrase: str,
                     kdf: KdfParams | None = None) -> Store:
    """Forgot the passphrase: unlock with the recovery key, set a new passphrase."""
    check_passphrase_strength(new_passphrase)
    store = Store.open(directory, recovery_key=recovery_key)
    try:
        store.change_passphrase(new_passphrase, kdf)
    except BaseException:
        store.close()
        raise
    return store
