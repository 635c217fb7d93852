"""A consistent copy of an open store (``VACUUM INTO`` + key slots + manifest): the
building block of backups (:mod:`.backup`) and of the copy taken before a schema upgrade
(:mod:`.store`)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from ..core.ids import utc_now
from ..core.messages import UserError
from .connection import DB_NAME, KEYSLOTS_NAME, disk_full_error
from .fsutil import atomic_write_bytes, fsync_dir

BACKUP_DIR = "backups"
MANIFEST = "backup.json"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def snapshot(conn: Any, store_dir: Path, parent: Path, name: str, reason: str) -> Path:
    """Copy an open, unlocked connection's database (``VACUUM INTO``) with the key slots
    and a manifest into ``parent/name`` (written as ``.partial``, then renamed)."""
    final = parent / name
    partial = parent / f"{name}.partial"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir()
        db_copy = partial / DB_NAME
        conn.execute("VACUUM INTO ?", (str(db_copy),))
        fsync_file(db_copy)
        shutil.copyfile(store_dir / KEYSLOTS_NAME, partial / KEYSLOTS_NAME)
        fsync_file(partial / KEYSLOTS_NAME)
        settings = dict(conn.execute("SELECT key, value FROM setting WHERE key IN "
                                     "('audit_head', 'store_id', 'unit_code')"))
        children = conn.execute("SELECT count(*) FROM child WHERE deleted = 0").fetchone()[0]
        manifest = {"format": "leftbehind-backup", "version": 1, "created_at": utc_now(),
                    "store_id": settings.get("store_id", ""),
                    "unit_code": settings.get("unit_code", ""),
                    "schema_version": conn.execute("PRAGMA user_version").fetchone()[0],
                    "audit_head": settings.get("audit_head", ""), "children": children,
                    "reason": reason, "db_sha256": sha256_file(db_copy)}
        atomic_write_bytes(partial / MANIFEST, json.dumps(manifest, indent=2).encode())
        # replace an older backup of the same name by renames only: a crash leaves either
        # the old or the new backup complete under the final name, never a half-deleted one
        old = parent / f"{name}.old"
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            os.replace(final, old)
        os.replace(partial, final)
        fsync_dir(parent)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        if exc.errno == 28 or "full" in str(exc).lower():
            raise disk_full_error() from None
        raise UserError("backup_failed", f"备份失败：无法写入 {parent}",
                        f"Backup failed: cannot write to {parent}") from None
    except Exception as exc:  # sqlcipher3 raises its own error types for VACUUM INTO
        shutil.rmtree(partial, ignore_errors=True)
        if "full" in str(exc).lower():
            raise disk_full_error() from None
        raise
    return final
