"""JSON from outside (packages, enrollment files, trust updates, form input) read with
limits, so that no input ends in a traceback or takes unbounded time or memory:
integers of at most :data:`MAX_INT_DIGITS` digits (Python refuses to convert very long
ones with a ``ValueError`` that ``json`` does not wrap, and the conversion is quadratic),
no ``NaN``/``Infinity``, nesting at most ``max_depth`` levels, strings at most
``max_string`` characters, at most ``max_items`` values in all.

:func:`loads` raises :class:`JsonLimitError` (a ``ValueError``) for anything refused —
invalid JSON included — with a short bilingual reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

MAX_INT_DIGITS = 20
MAX_FLOAT_CHARS = 40
MAX_DEPTH = 32
MAX_STRING = 64 * 1024
MAX_ITEMS = 100_000


class JsonLimitError(ValueError):
    """Not JSON, or JSON beyond the limits. ``str(exc)`` is a short reason (zh / en)."""


def _int(text: str) -> int:
    if len(text) > MAX_INT_DIGITS:
        raise JsonLimitError("整数过长 / integer too long")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_FLOAT_CHARS:
        raise JsonLimitError("数字过长 / number too long")
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise JsonLimitError("数字超出范围 / number out of range")
    return value


def _surrogates(value: Any) -> bool:
    """Whether a lone surrogate (``"\\ud800"``, not encodable as UTF-8) is in any string."""
    stack = [value]
    while stack:
        v = stack.pop()
        if type(v) is str:
            try:
                v.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif type(v) is dict:
            stack.extend(v.keys())
            stack.extend(v.values())
        elif type(v) is list:
            stack.extend(v)
    return False


def _no_surrogates(text: str, value: Any) -> Any:
    if ("\\ud" in text or "\\uD" in text) and _surrogates(value):
        raise JsonLimitError("文本含无效字符 / invalid character in text")
    return value


def _constant(text: str) -> Any:
    raise JsonLimitError("不是有效的JSON数值 / not a JSON number")


DECODER = json.JSONDecoder(parse_int=_int, parse_float=_float, parse_constant=_constant)
# the C scanner json.loads runs, with the bounded number hooks above
SCAN: Callable[[str, int], tuple[Any, int]] = DECODER.__dict__["scan_once"]


def check_shape(value: Any, max_depth: int = MAX_DEPTH, max_string: int = MAX_STRING,
                max_items: int = MAX_ITEMS) -> None:
    """Nesting depth, string lengths (keys included) and the number of values."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    items = 0
    while stack:
        v, depth = stack.pop()
        items += 1
        if items > max_items:
            raise JsonLimitError("内容过多 / too many values")
        if type(v) is str:
            if len(v) > max_string:
                raise JsonLimitError("文本过长 / string too long")
        elif type(v) is dict or type(v) is list:
            if depth > max_depth:
                raise JsonLimitError("嵌套过深 / nested too deeply")
            if type(v) is dict:
                for k, x in v.items():
                    if len(k) > max_string:
                        raise JsonLimitError("文本过长 / string too long")
                    stack.append((x, depth + 1))
            else:
                stack.extend((x, depth + 1) for x in v)


def loads(data: bytes | str, *, max_depth: int = MAX_DEPTH, max_string: int = MAX_STRING,
          max_items: int = MAX_ITEMS) -> Any:
    """``json.loads`` of UTF-8 text within the limits (see the module docstring)."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise JsonLimitError("不是UTF-8文本 / not UTF-8 text") from None
    try:
        value = DECODER.decode(text)
    except JsonLimitError:
        raise
    except (json.JSONDecodeError, RecursionError, ValueError, StopIteration):
        raise JsonLimitError("不是有效的JSON / not valid JSON") from None
    check_shape(value, max_depth, max_string, max_items)
    return _no_surrogates(text, value)


def loads_line(line: bytes) -> Any:
    """One JSON Lines line (at most a line's length of text): the scanner ``json.loads``
    runs, called directly; the same result or refusal as :func:`loads` without the shape
    walk (the caller checks the shape it expects)."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise JsonLimitError("不是UTF-8文本 / not UTF-8 text") from None
    try:
        try:
            value, end = SCAN(text, 0)
        except StopIteration:
            end = -1
        if end != len(text):  # whitespace around it, or not JSON: as json.loads
            value = DECODER.decode(text)
    except JsonLimitError:
        raise
    except (json.JSONDecodeError, RecursionError, ValueError, StopIteration):
        raise JsonLimitError("不是有效的JSON / not valid JSON") from None
    return _no_surrogates(text, value)

