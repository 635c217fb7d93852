"""Refresh the English translations, ``resources/translations/leftbehind_en.ts`` — the one
home of the UI's English — with ONE ``pyside6-lupdate`` pass over the package's sources.

    ./dev i18n            # refresh the .ts, compile the .qm, list entries still lacking English
    ./dev i18n --check    # change nothing; fail if the .ts is stale or has unfinished entries

The .ts is written without line locations (``-locations none``: parallel branches do not
conflict on line numbers) and without obsolete entries (``-no-obsolete``). New strings
arrive marked ``type="unfinished"``; open the .ts (or ``pyside6-linguist``), write the English
and remove the ``type="unfinished"`` attribute. ``tests/test_translations.py`` fails while any
entry is unfinished or the .ts lags behind the sources.

Source strings are Simplified Chinese. lupdate only finds literals in ``self.tr("…")``,
``QCoreApplication.translate("context", "…")`` and ``QT_TRANSLATE_NOOP("context", "…")``
(for strings kept in tables and translated later with ``QCoreApplication.translate``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "leftbehind_desktop"
TS = PACKAGE / "resources" / "translations" / "leftbehind_en.ts"

Key = tuple[str, str, str]  # context, source, disambiguation comment


def lupdate_command() -> list[str]:
    exe = shutil.which("pyside6-lupdate")
    if exe is None:
        candidate = Path(sys.executable).with_name("pyside6-lupdate")
        exe = str(candidate) if candidate.exists() else None
    if exe is None:
        raise SystemExit("pyside6-lupdate not found (run ./dev setup)")
    return [exe]


def sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def lupdate(ts: Path) -> None:
    """The one pass: every Python source of the package into ``ts``."""
    subprocess.run([*lupdate_command(), "-silent", "-locations", "none", "-no-obsolete",
                    "-source-language", "zh_CN", "-target-language", "en",
                    *map(str, sources()), "-ts", str(ts)], check=True)


def entries(ts: Path) -> dict[Key, ET.Element]:
    out: dict[Key, ET.Element] = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            out[(name, m.findtext("source") or "", m.findtext("comment") or "")] = m
    return out


def unfinished(ts: Path) -> list[Key]:
    """Entries without a finished English translation."""
    out = []
    for key, m in entries(ts).items():
        tr = m.find("translation")
        text = "" if tr is None else "".join(tr.itertext()).strip()
        if tr is None or tr.get("type") is not None or not text:
            out.append(key)
    return out


@dataclass
class Report:
    new: list[Key] = field(default_factory=list)  # in the sources, not yet in the .ts
    gone: list[Key] = field(default_factory=list)  # in the .ts, no longer in the sources
    unfinished: list[Key] = field(default_factory=list)
    stale: bool = False  # the refreshed file would differ (order, format, attributes)

    def problems(self) -> list[str]:
        lines = [f"not in the .ts yet: {k[0]}: {k[1]!r}" for k in self.new]
        lines += [f"no longer in the sources: {k[0]}: {k[1]!r}" for k in self.gone]
        lines += [f"no English yet: {k[0]}: {k[1]!r}" for k in self.unfinished if k not in self.new]
        if self.stale and not lines:
            lines.append("the .ts is not in lupdate's format")
        return lines


def check(ts: Path = TS) -> Report:
    """What a refresh would change, without changing anything."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / ts.name
        shutil.copyfile(ts, copy)
        lupdate(copy)
        before, after = entries(ts), entries(copy)
        return Report(new=sorted(set(after) - set(before)), gone=sorted(set(before) - set(after)),
                      unfinished=unfinished(copy), stale=copy.read_bytes() != ts.read_bytes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if the .ts needs work")
    args = parser.parse_args(argv)
    if args.check:
        problems = check().problems()
        for line in problems:
            print(line)
        if problems:
            print("run ./dev i18n, then write the English of the unfinished entries", file=sys.stderr)
        return 1 if problems else 0
    lupdate(TS)
    sys.path.insert(0, str(ROOT / "src"))
    from leftbehind_desktop.ui.i18n_build import build

    build()
    todo = unfinished(TS)
    for ctx, source, _ in todo:
        print(f"no English yet: {ctx}: {source!r}")
    print(f"{TS.relative_to(ROOT)}: {len(entries(TS))} entries, {len(todo)} unfinished")
    return 1 if todo else 0


if __name__ == "__main__":
    raise SystemExit(main())
