"""The English catalog (``leftbehind_en.ts``) is what one ``pyside6-lupdate`` pass over the
sources makes of it (``./dev i18n``), and every entry has its English."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tools import i18n


def test_catalog_is_current_and_complete() -> None:
    report = i18n.check()
    assert not report.problems(), "\n".join(["run ./dev i18n and write the English:", *report.problems()])
    assert len(i18n.entries(i18n.TS)) > 600
    assert "<location" not in i18n.TS.read_text("utf-8")


def test_check_finds_a_string_without_english(tmp_path: Path) -> None:
    """The check is not vacuous: a catalog missing one entry, or with one unfinished, fails."""
    root = ET.parse(i18n.TS).getroot()
    ctx = next(c for c in root.iter("context") if c.findtext("name") == "MainWindow")
    first = ctx.findall("message")[0]
    ctx.remove(first)
    second = ctx.findall("message")[0]
    tr = second.find("translation")
    assert tr is not None
    tr.set("type", "unfinished")
    damaged = tmp_path / "leftbehind_en.ts"
    ET.ElementTree(root).write(damaged, encoding="utf-8", xml_declaration=True)
    report = i18n.check(damaged)
    assert [k[1] for k in report.new] == [first.findtext("source")]
    assert second.findtext("source") in [k[1] for k in report.unfinished]
    assert report.problems()


def test_no_python_dicts_of_english_in_the_package() -> None:
    """English lives in the .ts only: no translation tables or catalog tools in the package;
    developer tools (screenshots, translations) are not shipped."""
    pkg = i18n.PACKAGE / "ui"
    for name in ("ts_catalog.py", "sync/catalog.py", "security/catalog.py",  # tools/ holds them now
                 "screenshots.py", "sync/shots.py", "security/shots.py"):
        assert not (pkg / name).exists(), name
    offenders = [p for p in pkg.rglob("*.py")
                 if "EN: dict[str, str]" in p.read_text("utf-8") or "def tr(" in p.read_text("utf-8")]
    assert not offenders
