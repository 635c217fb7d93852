"""No jargon on screen or paper: no rule numbers (R10), no 2026Q3, no ISO "T" times, no 开放
for an open flag, no column headed 表 — in any translatable UI string (both languages, as
``pyside6-lupdate`` collected them into the .ts), in the core's messages and in codebook
labels. (Printed child files are checked by tests/exports/test_child_pdf_words.py.)"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from leftbehind_desktop.core.codebooks import codebooks
from leftbehind_desktop.core.messages import CATALOG
from leftbehind_desktop.ui import i18n

JARGON = re.compile(r"(?<![A-Za-z])R\d{1,2}(?![\d.])|\d{4}Q[1-4]|开放|^表$|\d{4}-\d{2}-\d{2}T\d")


def test_no_jargon_in_ui_strings() -> None:
    root = ET.parse(i18n.TRANSLATIONS / "leftbehind_en.ts").getroot()
    found = []
    for ctx in root.iter("context"):
        for m in ctx.iter("message"):
            for text in (m.findtext("source") or "", m.findtext("translation") or ""):
                if JARGON.search(text):
                    found.append((ctx.findtext("name"), text[:80]))
    assert found == []


def test_no_jargon_in_core_messages_and_codebook_labels() -> None:
    assert [k for k, (zh, en) in CATALOG.items() if JARGON.search(zh) or JARGON.search(en)] == []
    shown = [(b.name, b.label(v, lang)) for b in codebooks().values() for v in b.values
             for lang in ("zh", "en")]
    assert [s for s in shown if JARGON.search(s[1])] == []
    assert codebooks()["open_closed"].label("开放") == "未解除"


def test_the_pattern_catches_what_it_should() -> None:
    for bad in ("季度锁定（R10）", "2026Q3 季度数据包", "2026-12-01T09:30", "开放", "表"):
        assert JARGON.search(bad), bad
    for fine in ("2026年第3季度", "2026-12-01 09:30", "表头", "Q3 2026", "PySide6"):
        assert not JARGON.search(fine), fine
