"""Pinyin initials for quick search: 张小明 → ``zxm``."""

from __future__ import annotations

from functools import lru_cache

# Surnames whose reading differs from the common reading of the character.
SURNAME_READINGS = {"单": "s", "曾": "z", "解": "x", "仇": "q", "朴": "p", "查": "z", "区": "o",
                    "盖": "g", "乐": "y", "尉": "y", "万俟": "mq", "尉迟": "yc"}


@lru_cache(maxsize=65536)
def initials(name: str) -> str:
    """Lower-case pinyin initials of a Chinese name; other letters kept, rest dropped."""
    name = name.strip()
    if not name:
        return ""
    prefix = ""
    for surname in sorted(SURNAME_READINGS, key=len, reverse=True):
        if name.startswith(surname):
            prefix, name = SURNAME_READINGS[surname], name[len(surname):]
            break
    # imported on first use: pypinyin's phrase dictionary costs ~0.5 s at every start of the
    # program (and of each CLI command) otherwise
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")
    return (prefix + "".join(letters)).lower()
