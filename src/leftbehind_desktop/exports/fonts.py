"""CJK fonts for PDF output: find one, embed it, fall back per character for rare ones.

reportlab embeds TrueType outlines only (``.ttf`` / ``.ttc`` with glyf tables); CFF-flavoured
OpenType such as Noto CJK cannot be embedded, so it is never chosen. The primary font is the
first that exists of: ``$LEFTBEHIND_PDF_FONT`` (a path, optionally ``path#index`` for a TTC
member), Windows SimSun / Microsoft YaHei, Linux WenQuanYi Zen Hei / Micro Hei.

Rare characters (生僻字: CJK Extension A such as 䶮, Extension B such as 𠮷) are often missing
from the primary font. Every character is looked up in the primary font's cmap first and
then in the fallback fonts (HanaMin A/B on Linux, SimSun-ExtB / MingLiU-ExtB on Windows); a
run of such characters is written with ``<font name=...>``. :func:`missing_glyphs` tells the
caller, before printing, which characters no available font has, so the user can be warned
instead of getting a silent gap.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)

FONT_ENV = "LEFTBEHIND_PDF_FONT"
PRIMARY_NAME = "LBCJK"
_WINDOWS_FONTS = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"

# (path, subfont index) in order of preference
PRIMARY_CANDIDATES: tuple[tuple[Path, int], ...] = (
    (_WINDOWS_FONTS / "simsun.ttc", 0),
    (_WINDOWS_FONTS / "msyh.ttc", 0),
    (_WINDOWS_FONTS / "msyh.ttf", 0),
    (_WINDOWS_FONTS / "simhei.ttf", 0),
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
    (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0),
    (Path("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"), 0),
    (Path("/System/Library/Fonts/Supplemental/Songti.ttc"), 0),
)
FALLBACK_CANDIDATES: tuple[tuple[Path, int], ...] = (
    (Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"), 0),
    (Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"), 0),
    (_WINDOWS_FONTS / "simsunb.ttf", 0),  # SimSun-ExtB
    (_WINDOWS_FONTS / "mingliub.ttc", 0),  # MingLiU-ExtB
    (_WINDOWS_FONTS / "simsun.ttc", 0),
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
)
# characters that need no glyph (layout only)
_NO_GLYPH = frozenset("\n\r\t\u200b\u200c\u200d\ufeff")


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0

    def __str__(self) -> str:
        return f"{self.path}#{self.index}" if self.index else str(self.path)


class FontNotFound(Exception):
    """No embeddable CJK font exists on this computer."""

    zh = ("找不到可嵌入的中文字体（TrueType）。请安装宋体/微软雅黑或文泉驿正黑，"
          f"或在环境变量 {FONT_ENV} 中指定 .ttf/.ttc 字体文件路径。")
    en = (f"No embeddable Chinese TrueType font found. Install SimSun, Microsoft YaHei or "
          f"WenQuanYi Zen Hei, or set {FONT_ENV} to a .ttf/.ttc file.")


def _parse_env(value: str) -> FontFile:
    path, _, idx = value.partition("#")
    return FontFile(Path(path).expanduser(), int(idx) if idx.isdigit() else 0)


def _is_truetype(path: Path) -> bool:
    """True for TrueType outlines (.ttf or a TrueType collection), not CFF OpenType."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError:
        return False
    return head in (b"\x00\x01\x00\x00", b"true", b"ttcf")


def find_cjk_font() -> FontFile:
    """The primary CJK font file to embed. Raises :class:`FontNotFound` when there is none."""
    env = os.environ.get(FONT_ENV, "").strip()
    candidates: list[FontFile] = []
    if env:
        candidates.append(_parse_env(env))
    candidates += [FontFile(p, i) for p, i in PRIMARY_CANDIDATES]
    for cand in candidates:
        if cand.path.is_file() and _is_truetype(cand.path):
            return cand
        if env and cand == candidates[0]:
            log.warning("%s=%s is not a TrueType font file; ignored", FONT_ENV, env)
    raise FontNotFound(FontNotFound.en)


@dataclass
class FontSet:
    """The registered fonts: primary name, fallbacks (name, cmap), primary cmap."""

    primary: str
    primary_file: FontFile
    cmap: frozenset[int]
    fallback_files: tuple[FontFile, ...]
    fallbacks: list[tuple[str, frozenset[int]]]
    _loaded_fallbacks: bool = False
    _chars: dict[str, tuple[str, float]] = field(default_factory=dict)

    def _load_fallbacks(self) -> None:
        with _lock:
            if self._loaded_fallbacks:
                return
            for n, ff in enumerate(self.fallback_files):
                name = f"LBCJKFallback{n}"
                font = _register(name, ff)
                if font is not None:
                    self.fallbacks.append((name, frozenset(font.face.charToGlyph)))
            self._loaded_fallbacks = True

    def font_for(self, ch: str) -> str | None:
        """The font that has a glyph for ``ch`` (primary first), or None when none has."""
        cp = ord(ch)
        if cp in self.cmap or ch in _NO_GLYPH or cp < 0x20:
            return self.primary
        self._load_fallbacks()
        for name, cmap in self.fallbacks:
            if cp in cmap:
                return name
        return None

    def runs(self, text: str) -> list[tuple[str, str]]:
        """``text`` split into (font name, run) pieces; uncovered characters stay in the
        primary font (they show as a box, and :func:`missing_glyphs` warns about them)."""
        out: list[tuple[str, str]] = []
        chars = self._chars
        for ch in text:
            name = (chars.get(ch) or self.char_info(ch))[0]
            if out and out[-1][0] == name:
                out[-1] = (name, out[-1][1] + ch)
            else:
                out.append((name, ch))
        return out

    def markup(self, text: str) -> str:
        """Paragraph markup for plain ``text``: escaped, with ``<font>`` runs for fallbacks."""
        parts = []
        for name, run in self.runs(text):
            esc = escape(run)
            parts.append(esc if name == self.primary else f'<font name="{name}">{esc}</font>')
        return "".join(parts)

    def char_info(self, ch: str) -> tuple[str, float]:
        """(font name, advance width at 1 pt) of one character, cached."""
        info = self._chars.get(ch)
        if info is None:
            name = self.font_for(ch) or self.primary
            info = (name, pdfmetrics.stringWidth(ch, name, 1.0))
            self._chars[ch] = info
        return info

    def width(self, text: str, size: float) -> float:
        chars = self._chars
        total = 0.0
        for ch in text:
            info = chars.get(ch) or self.char_info(ch)
            total += info[1]
        return total * size


def _utf16_hex(cp: int) -> str:
    return chr(cp).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode CMap writes code points above U+FFFF as five hex digits
    (``<20BB7>``), which PDF readers misread (𠮷 came out as ₻ in pdftotext). The CMap
    destination must be UTF-16BE, i.e. a surrogate pair (``<D842DFB7>``)."""
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


ttfonts.makeToUnicodeCMap = _to_unicode_cmap

_lock = threading.RLock()
_fontset: FontSet | None = None


def _register(name: str, ff: FontFile) -> TTFont | None:
    if not ff.path.is_file() or not _is_truetype(ff.path):
        return None
    try:
        font = TTFont(name, str(ff.path), subfontIndex=ff.index)
    except (TTFError, OSError, ValueError) as exc:
        log.warning("font %s cannot be used: %s", ff, exc)
        return None
    pdfmetrics.registerFont(font)
    return font


def font_set() -> FontSet:
    """The registered fonts (registered once per process; fallbacks only when needed)."""
    global _fontset
    with _lock:
        if _fontset is not None:
            return _fontset
        primary = find_cjk_font()
        font = _register(PRIMARY_NAME, primary)
        if font is None:
            raise FontNotFound(FontNotFound.en)
        fallbacks = tuple(FontFile(p, i) for p, i in FALLBACK_CANDIDATES
                          if p != primary.path)
        _fontset = FontSet(PRIMARY_NAME, primary, frozenset(font.face.charToGlyph),
                           fallbacks, [])
        return _fontset


def reset_font_set() -> None:
    """Forget the chosen fonts (after the user changed the configured font)."""
    global _fontset
    with _lock:
        _fontset = None


def missing_glyphs(text: str | Iterable[str]) -> set[str]:
    """Characters of ``text`` that no available font can draw (empty set: all fine).

    Call before printing and warn the user with the returned characters."""
    fs = font_set()
    chunks: Sequence[str] = [text] if isinstance(text, str) else list(text)
    return {ch for chunk in chunks for ch in chunk
            if not ch.isspace() and fs.font_for(ch) is None}
