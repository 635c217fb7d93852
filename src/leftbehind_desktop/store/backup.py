"""Encrypted backups of the store, rotation, verification and restore.

A backup is a folder ``leftbehind-backup-<unit>-<YYYYmmdd-HHMMSS>/`` holding
``registry.db`` (``VACUUM INTO``: a consistent, compacted copy encrypted with the same data
key), ``keyslots.json`` (so a backup is useless without a key slot secret: the passphrase at
the time of the backup, the recovery key or the escrow) and ``backup.json`` (no personal data:
store id, unit code, time, schema version, audit head, SHA-256 of the database file).
A backup is written into ``<name>.partial`` and renamed when complete, so a crash never
leaves something that looks like a backup.

Automatic backups live in ``DIR/backups/``: one per day (the newest of the day wins, e.g. the
one on exit) and the newest of each ISO week; 7 daily and 4 weekly are kept.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core.messages import UserError
from .audit import verify_chain
from .connection import DB_NAME, KEYSLOTS_NAME, LOCK_NAME, unlock
from .fsutil import StoreLock, fsync_dir
from .snapshot import BACKUP_DIR as BACKUP_DIR  # the folder of automatic backups
from .snapshot import MANIFEST, fsync_file, sha256_file, snapshot
from .store import Store

KEEP_DAILY = 7
KEEP_WEEKLY = 4


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: str
    unit_code: str
    store_id: str
    schema_version: int
    audit_head: str
    children: int


def write_backup(store: Store, parent: Path, name: str | None = None,
                 reason: str = "manual") -> Path:
    """Write a complete backup folder under ``parent``; returns its path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = name or f"leftbehind-backup-{store.unit_code}-{stamp}"
    final = snapshot(store.conn, store.dir, parent, name, reason)
    with store.transaction() as audit:
        audit.append("store.backup", "store", store.store_id, None,
                     {"reason": reason, "name": name})
    return final


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads((path / MANIFEST).read_text("utf-8"))
        if doc.get("format") != "leftbehind-backup":
            raise ValueError
        return dict(doc)
    except (OSError, ValueError):
        raise UserError("not_a_backup", "所选文件夹不是本软件的备份",
                        "The chosen folder is not a backup of this app") from None


def verify_backup(path: Path, passphrase: str | None = None,
                  recovery_key: str | None = None) -> BackupInfo:
    """Check a backup completely without changing it: file hash, key slot secret,
    ``integrity_check``, ``cipher_integrity_check`` and the audit chain."""
    doc = read_manifest(path)
    if not (path / DB_NAME).is_file() or not (path / KEYSLOTS_NAME).is_file():
        raise UserError("backup_damaged", "备份不完整（缺少文件），不能用于恢复",
                        "The backup is incomplete (files are missing) and cannot be restored")
    if sha256_file(path / DB_NAME) != doc.get("db_sha256"):
        raise UserError("backup_damaged", "备份文件已损坏（校验值不符），不能用于恢复",
                        "The backup is damaged (checksum mismatch) and cannot be restored")
    work = path.parent / f".verify-{path.name}-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(path, work)
    try:
        _, conn, _ = unlock(work, passphrase, recovery_key)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            ok = ok and conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
            chain = verify_chain(conn)
            children = conn.execute("SELECT count(*) FROM child WHERE deleted = 0").fetchone()[0]
        finally:
            conn.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not ok or not chain.ok:
        raise UserError("backup_damaged", "备份数据校验未通过，不能用于恢复",
                        "The backup failed its integrity checks and cannot be restored")
    return BackupInfo(path, str(doc["created_at"]), str(doc["unit_code"]),
                      str(doc["store_id"]), int(doc["schema_version"]),
                      str(doc["audit_head"]), int(children))


def restore_backup(path: Path, store_dir: Path, passphrase: str | None = None,
                   recovery_key: str | None = None,
                   confirm: Callable[[BackupInfo], bool] = lambda info: False) -> Path:
    """Replace the store in ``store_dir`` with a verified backup.

    ``confirm`` is asked (with the backup's details) before anything changes; the current
    store is first copied to ``<store_dir>-before-restore-<time>`` (the safety copy, returned).
    The store must not be open in another instance.
    """
    info = verify_backup(path, passphrase, recovery_key)
    if not confirm(info):
        raise UserError("restore_cancelled", "已取消恢复，当前数据未改变",
                        "Restore cancelled; the current data is unchanged")
    store_dir.mkdir(parents=True, exist_ok=True)
    lock = StoreLock(store_dir / LOCK_NAME)
    if not lock.acquire():
        raise UserError("store_in_use", "数据库正被另一个程序窗口使用，请先关闭它",
                        "The store is open in another instance of the app; close it first")
    try:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        safety = store_dir.parent / f"{store_dir.name}-before-restore-{stamp}"
        if Store.exists(store_dir):
            shutil.copytree(store_dir, safety, ignore=shutil.ignore_patterns(LOCK_NAME))
        # stage next to the store, then swap files by rename (each rename is atomic)
        staged_db = store_dir / f".{DB_NAME}.restore"
        staged_slots = store_dir / f".{KEYSLOTS_NAME}.restore"
        shutil.copyfile(path / DB_NAME, staged_db)
        fsync_file(staged_db)
        shutil.copyfile(path / KEYSLOTS_NAME, staged_slots)
        fsync_file(staged_slots)
        for suffix in ("-wal", "-shm"):
            (store_dir / f"{DB_NAME}{suffix}").unlink(missing_ok=True)
        os.replace(staged_db, store_dir / DB_NAME)
        os.replace(staged_slots, store_dir / KEYSLOTS_NAME)
        fsync_dir(store_dir)
    finally:
        lock.release()
    return safety


def list_backups(parent: Path) -> list[Path]:
    if not parent.exists():
        return []
    return sorted((p for p in parent.iterdir()
                   if p.is_dir() and not p.name.endswith((".partial", ".old"))
                   and all((p / f).is_file() for f in (MANIFEST, DB_NAME, KEYSLOTS_NAME))),
                  key=lambda p: p.name)


def auto_backup(store: Store, reason: str = "daily", now: datetime | None = None) -> Path:
    """Today's automatic backup (replacing an earlier one of the same day), then rotation:
    the newest 7 days and the newest backup of each of the last 4 weeks are kept."""
    now = now or datetime.now()
    parent = store.dir / BACKUP_DIR
    path = write_backup(store, parent, f"auto-{now:%Y-%m-%d}", reason)
    rotate(parent)
    return path


def needs_daily_backup(store: Store, now: datetime | None = None) -> bool:
    now = now or datetime.now()
    return not (store.dir / BACKUP_DIR / f"auto-{now:%Y-%m-%d}").exists()


def rotate(parent: Path) -> list[Path]:
    """Delete automatic backups beyond 7 daily + 4 weekly; returns what was deleted."""
    autos = [p for p in list_backups(parent) if p.name.startswith("auto-")]
    days = sorted(((datetime.strptime(p.name[5:15], "%Y-%m-%d"), p) for p in autos), reverse=True)
    keep = {p for _, p in days[:KEEP_DAILY]}
    weeks: dict[tuple[int, int], Path] = {}
    for day, p in days:
        week = day.isocalendar()[:2]
        weeks.setdefault((week[0], week[1]), p)
    keep.update(list(weeks.values())[:KEEP_WEEKLY])
    removed = [p for _, p in days if p not in keep]
    for p in removed:
        shutil.rmtree(p, ignore_errors=True)
    return removed
