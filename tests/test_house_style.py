"""The house style lives in ui/widgets.py: screens name colours by meaning (ERROR, OK, HINT,
HINT_STYLE …) instead of writing the hex codes again."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "src" / "leftbehind_desktop" / "ui"
# the meanings widgets.py names: hint grey, error red, ok green (two shades were in use)
HOUSE = re.compile(r"#(?:555(?:555)?|c62828|2e7d32|1b5e20)\b", re.IGNORECASE)


def test_screens_use_the_named_colours() -> None:
    offenders = [f"{p.relative_to(UI)}:{no}: {line.strip()}"
                 for p in UI.rglob("*.py") if p.name != "widgets.py"
                 for no, line in enumerate(p.read_text("utf-8").splitlines(), 1) if HOUSE.search(line)]
    assert offenders == []


def test_widgets_defines_them() -> None:
    text = (UI / "widgets.py").read_text("utf-8")
    for name in ("ERROR =", "OK =", "HINT =", "HINT_STYLE", "ERROR_STYLE", "TITLE_STYLE", "def footer("):
        assert name in text
