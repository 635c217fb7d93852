"""Chinese on any console, pipe or redirected file, on any code page.

Python writes a redirected ``stdout``/``stderr`` (``leftbehind … > log.txt``, a pipe, CI) in
the locale's encoding: the ANSI code page on Windows. On English Windows (cp1252) every
Chinese message then ends in ``UnicodeEncodeError``. :func:`make_streams_safe` fixes the
standard streams once, at start-up (the CLI, the desktop app and the frozen entry points
call it):

* a stream whose encoding can write Chinese keeps it; GBK/cp936 (Chinese Windows) becomes
  GB18030, its superset that can write every character (rare name characters included),
  byte-identical for everything GBK has;
* a stream whose encoding cannot (cp1252, ASCII, Latin-1 …) becomes UTF-8 — unless the
  user chose the encoding with ``PYTHONIOENCODING``: then it is kept and what it cannot
  write is escaped (``\\u7559``) instead of failing;
* a Windows console is left alone (Python writes to it in UTF-16 whatever its code page);
* streams that do not exist (a windowed Windows program has none) are skipped.

Logging handlers created afterwards write to the same, now safe, stream objects.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from typing import TextIO

SAMPLE = "留守儿童信息管理"
WIDEN = {"gbk": "gb18030", "gb2312": "gb18030"}  # codecs.lookup names


def can_write(encoding: str, text: str = SAMPLE) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _is_windows_console(stream: TextIO) -> bool:
    buffer = getattr(stream, "buffer", None)
    raw = getattr(buffer, "raw", None)
    return type(raw).__name__ == "_WindowsConsoleIO"


def safe_encoding(current: str, *, user_chose: bool) -> tuple[str, str | None]:
    """(encoding, errors) for a stream now written in ``current``; errors None = unchanged."""
    try:
        name = codecs.lookup(current).name
    except LookupError:
        name = current
    if name in WIDEN:
        return WIDEN[name], None
    if can_write(name):
        return name, None
    if user_chose:
        return name, "backslashreplace"
    return "utf-8", None


def make_stream_safe(stream: TextIO | None, *, user_chose: bool | None = None) -> TextIO | None:
    """Reconfigure one text stream in place (see the module docstring); returns it."""
    if stream is None or not isinstance(stream, io.TextIOWrapper) or _is_windows_console(stream):
        return stream
    if user_chose is None:
        user_chose = bool(os.environ.get("PYTHONIOENCODING"))
    encoding, errors = safe_encoding(stream.encoding, user_chose=user_chose)
    if codecs.lookup(encoding).name == codecs.lookup(stream.encoding).name and errors is None:
        return stream
    try:
        stream.flush()
        if errors is None:
            # surrogateescape (POSIX C locale) writes undecodable command-line bytes back as they were
            keep = stream.errors if stream.errors == "surrogateescape" else "strict"
            stream.reconfigure(encoding=encoding, errors=keep)
        else:
            stream.reconfigure(errors=errors)
    except (OSError, ValueError):  # closed, or already read from: leave it
        pass
    return stream


def make_streams_safe() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` able to print Chinese (see the module docstring)."""
    for stream in (sys.stdout, sys.stderr):
        make_stream_safe(stream)
