"""Chinese line breaking (禁则) for PDF text.

reportlab's CJK wrapping only knows Japanese kinsoku and hangs at most one character, so a
line could start with ，；：？！》” and a date or an ID number could be cut in the middle. We
break lines ourselves with the real glyph widths and hand reportlab lines that already fit:

* no line starts with closing punctuation (``CANNOT_START``): the character is hung at the
  end of the line when it fits in a small overhang, otherwise the preceding character is
  carried to the next line with it;
* no line ends with opening punctuation (``CANNOT_END``);
* runs of Latin letters and digits (numbers, dates, ID numbers, phone numbers) stay whole
  unless a run is longer than a line.
"""

from __future__ import annotations

from collections.abc import Callable

CANNOT_START = frozenset(
    "，。、；：？！）》」』】〕〗］｝〉”’…‥—～·・%％‰℃°′″!),.:;?]}"
    "ーぁぃぅぇぉっゃゅょ々〻"
)
CANNOT_END = frozenset("（《「『【〔〖［｛〈“‘([{$￥＄£")
# characters that belong to an unbreakable Latin/number run
_RUN = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_./:@+#%'&")
HANG_LIMIT = 1  # at most this many closing marks may hang past the right edge


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: one CJK character, or a whole Latin/number run."""
    out: list[str] = []
    buf = ""
    for ch in text:
        if ch in _RUN:
            buf += ch
            continue
        if buf:
            out.append(buf)
            buf = ""
        out.append(ch)
    if buf:
        out.append(buf)
    return out


def _split_long(token: str, width: float, measure: Callable[[str], float]) -> list[str]:
    pieces: list[str] = []
    cur = ""
    for ch in token:
        if cur and measure(cur + ch) > width:
            pieces.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        pieces.append(cur)
    return pieces


def break_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (``measure`` gives a string's
    width); explicit newlines are kept."""
    lines: list[str] = []
    for para in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        lines.extend(_break_para(para, width, measure))
    return lines


def _break_para(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    if not text:
        return [""]
    tokens: list[str] = []
    for tok in _tokens(text):
        if len(tok) > 1 and measure(tok) > width:
            tokens.extend(_split_long(tok, width, measure))
        else:
            tokens.append(tok)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        w = measure(tok)
        if not line or used + w <= width:
            line.append(tok)
            used += w
            i += 1
            continue
        # tok does not fit
        if tok[0] in CANNOT_START:
            # hang one closing mark past the edge
            if HANG_LIMIT and not (i + 1 < len(tokens) and tokens[i + 1][0] in CANNOT_START):
                line.append(tok)
                i += 1
                lines.append("".join(line))
                line, used = [], 0.0
                continue
            # carry characters back until the next line starts with a breakable one
            carry: list[str] = []
            while len(line) > 1 and (tokens[i - len(carry)][0] in CANNOT_START):
                carry.insert(0, line.pop())
                if carry[0][0] not in CANNOT_START:
                    break
            lines.append("".join(line))
            line, used = carry, sum(measure(t) for t in carry)
            continue
        # do not end a line with an opening mark: carry it over
        carry = []
        while len(line) > 1 and line[-1][-1] in CANNOT_END:
            carry.insert(0, line.pop())
        lines.append("".join(line))
        line, used = carry, sum(measure(t) for t in carry)
    if line:
        lines.append("".join(line))
    return lines
