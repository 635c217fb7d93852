"""Values as people type them in spreadsheets, read into the form's stored form.

Each reader returns the value, or raises :class:`Unreadable` with what is wrong and a
suggestion, both in Chinese. Nothing is guessed: a value that cannot be read for certain
is an error for the officer to fix in the file.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from ..core.codebooks import codebook
from ..core.forms import FieldDef
from .config import Vocabulary

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 (with Lotus's leap-year bug)
TRUE = frozenset({"是", "√", "✓", "✔", "有", "y", "yes", "true", "1", "对", "已", "已签订", "具备",
                  "寄宿", "住校", "已登记", "登记"})
FALSE = frozenset({"否", "×", "✗", "✘", "无", "n", "no", "false", "0", "不", "未", "未签订", "不具备",
                   "走读", "未登记", "没有"})
_DATE = re.compile(r"^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?$")
_DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(:\d{2})?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SPLIT = re.compile(r"[、,，;；/\s]+")


class Unreadable(Exception):
    def __init__(self, problem: str, suggestion: str = ""):
        super().__init__(problem)
        self.problem = problem
        self.suggestion = suggestion


def text_of(value: Any) -> str:
    """A cell as text: NFKC (fullwidth digits and letters to halfwidth), trimmed; integral
    numbers without ``.0`` (a phone number read as 13800138000.0)."""
    if value is None:
        return ""
    if type(value) is str:  # the common case first
        if value.isascii():
            return value.strip().lstrip("'").strip()
        return unicodedata.normalize("NFKC", value).strip().lstrip("'").strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip().lstrip("'").strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 19000101 <= value <= 29991231:
            return read_date(str(int(value)))
        if 1 <= value < 2958466 and float(value).is_integer():
            return (EXCEL_EPOCH + timedelta(days=int(value))).isoformat()
        raise Unreadable("不是日期", "请写成 2015-03-16 这样的日期")
    text = text_of(value)
    m = _DATE.match(text) or _COMPACT.match(text)
    if m is None:
        m2 = _DATE_TIME.match(text)
        if m2:
            return read_date(m2.group(1))
        if text.isdigit() and len(text) == 5:  # a serial number stored as text (1927–2173)
            return read_date(int(text))
        raise Unreadable("无法识别为日期", "请写成 2015-03-16、2015.3.16、2015年3月16日 或 20150316")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        raise Unreadable("日期不存在", "请核对年、月、日") from None


def read_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = text_of(value).lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise Unreadable("无法识别为“是/否”", "请填写 是 或 否（也可用 √ ×、有 无）")


def read_id_number(value: Any) -> str:
    if (isinstance(value, float) and not value.is_integer()) or (
            isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e15):
        raise Unreadable("身份证号被表格存成了数字，后几位已丢失",
                         "请把该列设为“文本”格式后重新填写完整的号码")
    text = re.sub(r"\s+", "", text_of(value)).upper()
    return text


def read_phone(value: Any) -> str:
    return re.sub(r"\s+", "", text_of(value))


def read_choice(value: Any, f: FieldDef, vocab: Vocabulary) -> str:
    assert f.codebook is not None
    text = text_of(value)
    return _choice_text(text, f.codebook, vocab)


def _choice_text(text: str, book_name: str, vocab: Vocabulary) -> str:
    book = codebook(book_name)
    if text in book.values:
        return text
    compact = text.replace(" ", "")
    if compact in book.values:
        return compact
    mapped = vocab.value_synonyms.get(book_name, {}).get(compact)
    if mapped is not None:
        return mapped
    if book_name in vocab.prefix_books:
        if compact + "族" in book.values:
            return compact + "族"
        if len(compact) >= 2:
            hits = [v for v in book.values if v.startswith(compact)]
            if len(hits) == 1:
                return hits[0]
    shown = "、".join(book.values[:8]) + ("……" if len(book.values) > 8 else "")
    raise Unreadable("不是可选的值", f"可填：{shown}")


@cache
def _province_stems() -> tuple[tuple[str, str], ...]:
    """(prefix, province), longest first: 内蒙古自治区, 内蒙古, 广东省, 广东 …"""
    stems: list[tuple[str, str]] = []
    for v in codebook("province").values:
        for stem in {v, v.removesuffix("省").removesuffix("市").removesuffix("自治区")}:
            if len(stem) >= 2:
                stems.append((stem, v))
    return tuple(sorted(stems, key=lambda s: len(s[0]), reverse=True))


def split_province(value: Any, vocab: Vocabulary) -> tuple[str, str]:
    """A work place typed in one cell (广东省深圳市, 广东深圳) → (province, city)."""
    text = text_of(value).replace(" ", "")
    for stem, v in _province_stems():
        if text.startswith(stem):
            return v, text[len(stem):].lstrip("省市")
    return _choice_text(text, "province", vocab), ""


def read_multichoice(value: Any, f: FieldDef, vocab: Vocabulary) -> list[str]:
    assert f.codebook is not None
    text = text_of(value)
    if text in FALSE or text in ("无", "没有", "-", "—"):
        return []
    out: list[str] = []
    for part in _SPLIT.split(text):
        if part:
            v = _choice_text(part, f.codebook, vocab)
            if v not in out:
                out.append(v)
    return out


def read_int(value: Any) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    text = text_of(value)
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise Unreadable("不是整数", "请填写整数")


def read_value(value: Any, f: FieldDef, vocab: Vocabulary) -> Any:
    """The stored form of one cell for field ``f``."""
    t = f.type
    if t == "date":
        return read_date(value)
    if t == "datetime":
        d = read_date(value) if not isinstance(value, datetime) else value.isoformat(" ", "minutes")
        return d
    if t == "bool":
        return read_bool(value)
    if t == "id_number":
        return read_id_number(value)
    if t == "phone":
        return read_phone(value)
    if t == "choice":
        return read_choice(value, f, vocab)
    if t == "multichoice":
        return read_multichoice(value, f, vocab)
    if t == "int":
        return read_int(value)
    return text_of(value)
