"""Precompiled per-form record checks for bulk imports.

:func:`checker` compiles a form into one function that answers ``True`` when a record is
certainly valid — :meth:`FormDef.validate` would report no error for it — and ``False``
when it cannot tell quickly. The importer then runs ``FormDef.validate`` on exactly those
records for the exact messages, so the outcome is always that of ``FormDef.validate``;
this module only makes the common valid case cheap (imports check hundreds of thousands
of records). A test checks the one-sided agreement on valid and on broken records.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from operator import mul
from typing import Any

from ..core import idnumber
from ..core.codebooks import codebook
from ..core.dates import age_on, parse_date, parse_datetime
from ..core.forms import LANDLINE, MOBILE, FieldDef, FormDef, form

Check = Callable[[Mapping[str, Any]], bool]
_ID18 = re.compile(r"\d{17}[\dX]", re.ASCII)
_ID_OFFSET = 48 * sum(idnumber.WEIGHTS)  # sum((ord(c) - 48) * w) == sum(ord(c) * w) - this


def _never(record: Mapping[str, Any]) -> bool:
    return False


def _date_rules(fd: FieldDef, today: date) -> Callable[[date, Mapping[str, Any]], bool]:
    """``forms._check_date`` as a yes/no: not in the future, not before another date,
    minimum age."""
    not_future, not_before = fd.not_future, fd.not_before
    min_age, min_age_at = fd.min_age, fd.min_age_at

    def ok(d: date, record: Mapping[str, Any]) -> bool:
        if not_future and d > today:
            return False
        if not_before:
            other = parse_date(record.get(not_before))
            if other is not None and d < other:
                return False
        if min_age is not None:
            at = parse_date(record.get(min_age_at)) if min_age_at else None
            if age_on(d, at or today) < min_age:
                return False
        return True

    return ok


def _value_check(fd: FieldDef, today: date) -> Callable[[Any, Mapping[str, Any]], bool] | None:
    """The check of a non-empty value; None when the type has no fast path."""
    t = fd.type
    if t == "choice":
        allowed = frozenset(codebook(fd.codebook).values) if fd.codebook else None
        if allowed is None:
            return lambda v, r: isinstance(v, str)
        return lambda v, r: isinstance(v, str) and v in allowed
    if t in ("text", "textarea"):
        limit = fd.max_length
        if limit is None:
            return lambda v, r: isinstance(v, str)
        return lambda v, r: isinstance(v, str) and len(v) <= limit
    if t == "bool":
        return lambda v, r: isinstance(v, bool)
    if t == "int":
        lo, hi = fd.min, fd.max

        def int_ok(v: Any, r: Mapping[str, Any]) -> bool:
            return (isinstance(v, int) and not isinstance(v, bool)
                    and (lo is None or v >= lo) and (hi is None or v <= hi))
        return int_ok
    if t == "phone":
        def phone_ok(v: Any, r: Mapping[str, Any]) -> bool:
            if not isinstance(v, str):
                return False
            digits = v.strip().replace(" ", "")
            return bool(MOBILE.match(digits) or LANDLINE.match(digits))
        return phone_ok
    if t == "multichoice":
        book = frozenset(codebook(fd.codebook).values) if fd.codebook else None

        def multi_ok(v: Any, r: Mapping[str, Any]) -> bool:
            if not isinstance(v, list | tuple):
                return False
            return book is None or all(type(x) is str and x in book for x in v)
        return multi_ok
    if t in ("date", "datetime"):
        rules = _date_rules(fd, today)
        plain = not (fd.not_future or fd.not_before or fd.min_age is not None)
        if t == "date":
            iso = date.fromisoformat

            def date_ok(v: Any, r: Mapping[str, Any]) -> bool:
                if not isinstance(v, str):
                    return False
                if len(v) == 10:  # YYYY-MM-DD: no blanks to strip if it parses as is
                    try:
                        d: date | None = iso(v)
                    except ValueError:
                        return False
                else:
                    d = parse_date(v)
                return d is not None and d.year >= 1900 and (plain or rules(d, r))
            return date_ok

        def datetime_ok(v: Any, r: Mapping[str, Any]) -> bool:
            if not isinstance(v, str):
                return False
            dt = parse_datetime(v)
            return dt is not None and dt.year >= 1900 and rules(dt.date(), r)
        return datetime_ok
    if t == "id_number":
        return _id_check(fd, today)
    return None


def _id_check(fd: FieldDef, today: date) -> Callable[[Any, Mapping[str, Any]], bool]:
    """The valid case of ``idnumber.parse`` + ``check_against`` for a plain 18-character
    number (legacy 15-digit, lower-case x or spaces: not fast, the full check decides)."""
    provinces, weights, chars = idnumber.PROVINCES, idnumber.WEIGHTS, idnumber.CHECK_CHARS
    earliest, birth_field, sex_field = idnumber.EARLIEST_BIRTH, fd.id_birth, fd.id_sex
    male, female = idnumber.SEX_MALE, idnumber.SEX_FEMALE
    region_error = idnumber.region_error

    def ok(v: Any, r: Mapping[str, Any]) -> bool:
        if not isinstance(v, str) or len(v) != 18 or _ID18.fullmatch(v) is None:
            return False
        if int(v[:2]) not in provinces:
            return False
        try:
            birth = date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
        except ValueError:
            return False
        if region_error(v, birth) is not None:  # a real GB/T 2260 code (R8)
            return False
        if birth < earliest or birth > today:
            return False
        if chars[(sum(map(mul, v[:17].encode(), weights)) - _ID_OFFSET) % 11] != v[17]:
            return False
        if birth_field:
            b = parse_date(r.get(birth_field))
            if b is not None and b != birth:
                return False
        if sex_field:
            sex = r.get(sex_field)
            if isinstance(sex, str) and sex in (male, female) and \
                    sex != (male if int(v[16]) % 2 == 1 else female):
                return False
        return True

    return ok


def _field_check(fd: FieldDef, today: date) -> Check | None:
    value_ok = _value_check(fd, today)
    if value_ok is None:
        return None
    name, show_if, is_required = fd.name, fd.show_if, fd.is_required

    def ok(record: Mapping[str, Any]) -> bool:
        if show_if is not None and not show_if.holds(record):
            return True
        v = record.get(name)
        if v is None or (isinstance(v, str) and not v.strip()) or (
                isinstance(v, list | tuple) and not v):
            return not is_required(record)
        return value_ok(v, record)

    return ok


def _referenced(fd: FieldDef) -> list[str]:
    names = [c.field for c in (fd.show_if, fd.required_if) if c is not None]
    return names + [n for n in (fd.not_before, fd.min_age_at, fd.id_birth, fd.id_sex) if n]


def _compile(f: FormDef, today: date) -> Check:
    """The form's check as one generated function (no call per field for the common
    types); the same logic as the closures of :func:`_field_check`, which stay the
    reference (a test compares both)."""
    # Only the form's own fields may be referenced: the importer passes the whole record
    # (with meta columns), FormDef.validate sees the form's fields only.
    if any(not f.has_field(n) for fd in f.fields for n in _referenced(fd)):
        return _never
    env: dict[str, Any] = {"isinstance": isinstance, "len": len, "bool": bool,
                           "list_tuple": (list, tuple)}
    lines = ["def check(r):", " try:"]  # every field read as r[name]: a missing one is unsure

    def const(value: Any) -> str:
        name = f"c{len(env)}"
        env[name] = value
        return name

    def holds(c: Any) -> str:
        if c.in_ is not None:
            return f"(r[{c.field!r}] in {const(tuple(c.in_))})"
        return f"bool(r[{c.field!r}] == {const(c.equals)})"

    for fd in f.fields:
        value_ok = _value_check(fd, today)
        if value_ok is None:
            return _never
        t = fd.type
        if t == "choice" and fd.codebook:
            on_str = f"v in {const(frozenset(codebook(fd.codebook).values))}"
        elif t == "choice":
            on_str = "True"
        elif t in ("text", "textarea"):
            on_str = "True" if fd.max_length is None else f"len(v) <= {int(fd.max_length)}"
        elif t in ("phone", "date", "datetime", "id_number"):
            on_str = f"{const(value_ok)}(v, r)"
        else:  # bool, int, multichoice: a text is the wrong type
            on_str = "False"
        if t == "bool":
            on_other = "isinstance(v, bool)"
        elif t in ("int", "multichoice"):
            on_other = f"{const(value_ok)}(v, r)"
        else:
            on_other = "False"
        if fd.required:
            req = "True"
        elif fd.required_if is not None:
            req = holds(fd.required_if)
        else:
            req = "False"
        pad = "    "
        if fd.show_if is not None:
            lines.append(f"    if {holds(fd.show_if)}:")
            pad = "        "
        body = [
            f"v = r[{fd.name!r}]",
            "if v is None:",
            f"    if {req}: return False",
            "elif isinstance(v, str):",
            "    if not v.strip():",
            f"        if {req}: return False",
            f"    elif not ({on_str}): return False",
            "elif isinstance(v, list_tuple) and not v:",
            f"    if {req}: return False",
            f"elif not ({on_other}): return False",
        ]
        lines.extend(pad + b for b in body)
    lines += ["    return True", " except KeyError:", "    return False"]
    exec("\n".join(lines), env)  # the source is built above from the form definition
    check: Check = env["check"]
    return check


def _compile_closures(f: FormDef, today: date) -> Check:
    """Reference implementation of :func:`_compile` (one closure per field)."""
    if any(not f.has_field(n) for fd in f.fields for n in _referenced(fd)):
        return _never
    checks: list[Check] = []
    for fd in f.fields:
        c = _field_check(fd, today)
        if c is None:
            return _never
        checks.append(c)

    def ok(record: Mapping[str, Any]) -> bool:
        for c in checks:
            if not c(record):
                return False
        return True

    return ok


@cache
def _cached(form_id: str, today: date) -> Check:
    return _compile(form(form_id), today)


def checker(f: FormDef, today: date) -> Check:
    """``record -> True`` when ``f.validate(fields of record, today)`` has no error (no
    warning either); ``False``: unsure, run ``validate``."""
    return _cached(f.id, today)
