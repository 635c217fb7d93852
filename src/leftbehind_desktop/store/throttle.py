"""Slow down passphrase guessing: after 3 wrong attempts each further attempt waits longer
(2 s, 4 s, 8 s … up to 5 minutes). The count is kept in ``DIR/unlock-throttle.json`` so that
restarting the app does not reset it. The file holds no secret (a count and a time)."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

from ..core.messages import UserError
from .fsutil import atomic_write_bytes

FILE_NAME = "unlock-throttle.json"
FREE_ATTEMPTS = 3
MAX_DELAY_S = 300.0


def delay_after(failures: int) -> float:
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_S, 2.0 ** (failures - FREE_ATTEMPTS + 1))


def _read(directory: Path) -> tuple[int, float]:
    try:
        doc = json.loads((directory / FILE_NAME).read_text("utf-8"))
        return int(doc["failures"]), float(doc["last"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0, 0.0


def wait_seconds(directory: Path, now: float | None = None) -> float:
    failures, last = _read(directory)
    remaining = last + delay_after(failures) - (now if now is not None else time.time())
    return max(0.0, remaining)


def check(directory: Path, now: float | None = None) -> None:
    """Refuse an attempt made before the waiting time is over."""
    wait = wait_seconds(directory, now)
    if wait > 0:
        secs = math.ceil(wait)
        raise UserError("throttled", f"密码错误次数过多，请在 {secs} 秒后再试",
                        f"Too many wrong attempts; try again in {secs} s", seconds=secs)


def record_failure(directory: Path, now: float | None = None) -> None:
    failures, _ = _read(directory)
    doc = {"failures": failures + 1, "last": now if now is not None else time.time()}
    try:
        atomic_write_bytes(directory / FILE_NAME, json.dumps(doc).encode())
    except OSError:
        pass  # a read-only medium must not turn a wrong passphrase into a crash


def reset(directory: Path) -> None:
    try:
        (directory / FILE_NAME).unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass
