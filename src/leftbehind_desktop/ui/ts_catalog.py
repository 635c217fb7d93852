"""Shared by the developer tools that add English translations to ``leftbehind_en.ts``
(``ui/exchange/catalog.py``, ``ui/security/catalog.py``): find the strings with
``pyside6-lupdate`` and insert the missing ones, leaving every other entry untouched."""

from __future__ import annotations

import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from .i18n_build import lrelease_command


def found_messages(sources: Sequence[Path], default_context: str = "") -> dict[str, list[str]]:
    """context → source strings, as pyside6-lupdate finds them in ``sources``."""
    lupdate = Path(lrelease_command()[0]).with_name("pyside6-lupdate")
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / "x.ts"
        subprocess.run([str(lupdate), "-silent", *map(str, sources), "-ts", str(ts)], check=True)
        root = ET.parse(ts).getroot()
    out: dict[str, list[str]] = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or default_context
        out.setdefault(name, [])
        for m in ctx.iter("message"):
            src = m.findtext("source") or ""
            if src not in out[name]:
                out[name].append(src)
    return out


def _message(source: str, english: str) -> str:
    return (f"    <message>\n        <source>{escape(source)}</source>\n"
            f"        <translation>{escape(english)}</translation>\n    </message>\n")


def insert_missing(catalog: Path, found: Mapping[str, Sequence[str]],
                   english: Mapping[str, str]) -> list[tuple[str, str]]:
    """Insert the (context, source) pairs of ``found`` that ``catalog`` lacks, with their
    English from ``english``; returns what was added."""
    text = catalog.read_text("utf-8")
    root = ET.fromstring(text.encode())
    have = {(c.findtext("name"), m.findtext("source"))
            for c in root.iter("context") for m in c.iter("message")}
    added: list[tuple[str, str]] = []
    for ctx, sources in found.items():
        missing = [s for s in sources if (ctx, s) not in have]
        if not missing:
            continue
        absent = [s for s in missing if s not in english]
        if absent:
            raise SystemExit(f"no English for: {absent}")
        block = "".join(_message(s, english[s]) for s in missing)
        marker = f"    <name>{ctx}</name>\n"
        if marker in text:
            start = text.index(marker)
            end = text.index("</context>", start)
            text = text[:end] + block + text[end:]
        else:
            end = text.rindex("</TS>")
            text = text[:end] + f"<context>\n{marker}{block}</context>\n" + text[end:]
        added.extend((ctx, s) for s in missing)
    if added:
        catalog.write_text(text, "utf-8")
    return added
