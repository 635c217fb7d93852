"""Is a new passphrase good enough to protect children's data? (first run, change, reset)

Length alone is not enough: ``12345678``, ``88888888``, a phone number or ``password`` are
the first guesses of anyone holding a stolen laptop. The checks are deliberately few and
explained to the officer in one sentence each; a sentence of a few words (Chinese welcome)
passes them all.
"""

from __future__ import annotations

from collections.abc import Iterable

from .messages import Message

MIN_LENGTH = 8

# the passwords tried first everywhere (compared without spaces, case-insensitive)
COMMON = frozenset({
    "password", "password1", "password123", "passw0rd", "iloveyou", "admin123", "admin1234",
    "administrator", "qwertyuiop", "qwerty123", "1qaz2wsx", "1q2w3e4r", "1q2w3e4r5t",
    "abc12345", "abcd1234", "a1234567", "a12345678", "aa123456", "qq123456", "woaini1314",
    "woaini520", "5201314520", "asdfghjkl", "zxcvbnm123", "letmein1", "welcome1",
    "leftbehind", "留守儿童", "留守儿童信息", "密码密码密码密码", "changeme",
})
_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz")


def _sequence(text: str) -> bool:
    """A run along the keyboard or the alphabet (forwards or backwards): 12345678, abcdefgh."""
    for row in _ROWS:
        for seq in (row, row[::-1]):
            if len(text) >= 6 and text in seq * 2:
                return True
    return False


def passphrase_problem(passphrase: str, avoid: Iterable[str] = ()) -> Message | None:
    """Why ``passphrase`` is too weak (a message to show), or None when it is acceptable.

    ``avoid``: words anyone in the office knows (unit name, officer name, unit code)."""
    text = passphrase.strip()
    if len(text) < MIN_LENGTH:
        return Message("pass_too_short", {"value": MIN_LENGTH})
    squeezed = "".join(text.split()).lower()
    if squeezed in COMMON:
        return Message("pass_common")
    if len(set(squeezed)) <= 2 or (len(set(squeezed)) <= 3 and len(squeezed) < 12):
        return Message("pass_repeated")
    if _sequence(squeezed):
        return Message("pass_sequence")
    if squeezed.isdigit() and len(squeezed) < 16:
        return Message("pass_digits")
    letters = "".join(c for c in squeezed if not c.isdigit())
    for word in avoid:
        w = "".join(str(word).split()).lower()
        # the unit's or officer's name, alone or with a number (大李家村2026)
        if w and (squeezed == w or letters == w):
            return Message("pass_known_word")
    return None


__all__ = ["COMMON", "MIN_LENGTH", "passphrase_problem"]
