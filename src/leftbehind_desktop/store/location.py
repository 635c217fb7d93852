"""Where a store lives and whether one is there: its file names and default folder. Light
(no SQLCipher, no Qt), so the program can decide at start-up between the first-run wizard
and the unlock dialog without loading the store layer (``ui/app.py``)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DB_NAME = "registry.db"
KEYSLOTS_NAME = "keyslots.json"
LOCK_NAME = ".lock"


def default_store_dir() -> Path:
    env = os.environ.get("LEFTBEHIND_STORE")
    if env:
        return Path(env)
    return Path(user_data_dir("leftbehind-desktop", appauthor=False)) / "store"


def store_exists(directory: Path) -> bool:
    """A store is there: its key slots and its database."""
    return (directory / KEYSLOTS_NAME).exists() and (directory / DB_NAME).exists()
