"""Conversion between record dicts (form field names, Python values) and SQL rows."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from ..core.forms import FormDef, form
from ..core.pinyin import initials
from .schema import record_columns

META = ("id", "unit_code", "created_at", "updated_at", "updated_by", "version", "deleted",
        "amendment_reason")

Converter = Callable[[Any], Any] | None


def _bool_to_int(value: Any) -> Any:
    return None if value is None else (1 if value else 0)


def _list_to_json(value: Any) -> Any:
    return None if value is None else json.dumps(list(value), ensure_ascii=False)


@cache
def _plan(form_id: str) -> tuple[tuple[str, ...], tuple[Converter, ...]]:
    """Column names of a form's table and the converter each value needs (None: as is)."""
    f = form(form_id)
    cols = tuple(record_columns(f))
    convs: list[Converter] = []
    for name in cols:
        if name == "deleted":
            convs.append(lambda v: 1 if v else 0)
        elif f.has_field(name) and f.field(name).type == "bool":
            convs.append(_bool_to_int)
        elif f.has_field(name) and f.field(name).type == "multichoice":
            convs.append(_list_to_json)
        else:
            convs.append(None)
    return cols, tuple(convs)


def columns(f: FormDef) -> tuple[str, ...]:
    return _plan(f.id)[0]


def row_values(f: FormDef, record: Mapping[str, Any]) -> tuple[Any, ...]:
    """A record as a tuple in :func:`columns` order: bools as 0/1, lists as JSON text."""
    cols, convs = _plan(f.id)
    get = record.get
    values = [get(c) if conv is None else conv(get(c)) for c, conv in zip(cols, convs, strict=True)]
    if f.id == "child":
        values[cols.index("name_initials")] = initials(str(get("name") or ""))
    return tuple(values)


@cache
def _tuple_plan(form_id: str) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """One generated function per form: the row tuple as a single expression."""
    f = form(form_id)
    cols, convs = _plan(form_id)
    env: dict[str, Any] = {"initials": initials, "str": str}
    parts = []
    for i, (name, conv) in enumerate(zip(cols, convs, strict=True)):
        get = f"r[{name!r}]"
        if name == "name_initials":
            parts.append("initials(str(r.get('name') or ''))")
        elif conv is None:
            parts.append(get)
        elif name == "deleted":
            parts.append(f"(1 if {get} else 0)")
        elif conv is _bool_to_int:
            parts.append(f"(None if (v{i} := {get}) is None else (1 if v{i} else 0))")
        else:
            env[f"c{i}"] = conv
            parts.append(f"c{i}({get})")
    env.update(row_values=row_values, form_def=f)
    source = ("def build(r):\n    try:\n        return (" + ", ".join(parts) + ",)\n"
              "    except KeyError:  # a column missing from the record\n"
              "        return row_values(form_def, r)\n")
    exec(source, env)  # the source is built above from the form's columns
    build: Callable[[Mapping[str, Any]], tuple[Any, ...]] = env["build"]
    return build


def row_tuples(f: FormDef) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """A function equal to ``row_values(f, record)``, faster for bulk writes of complete
    records (one ``itemgetter`` per form; a record missing a column takes ``row_values``)."""
    return _tuple_plan(f.id)


def to_row(f: FormDef, record: Mapping[str, Any]) -> dict[str, Any]:
    """A record as column values (a dict in :func:`columns` order)."""
    return dict(zip(columns(f), row_values(f, record), strict=True))


def from_row(f: FormDef, row: Mapping[str, Any]) -> dict[str, Any]:
    """A SQL row (mapping of column → value) as a record."""
    record: dict[str, Any] = {}
    for name, value in row.items():
        if name == "name_initials":
            continue
        if name == "deleted":
            record[name] = bool(value)
        elif f.has_field(name) and value is not None:
            ftype = f.field(name).type
            if ftype == "bool":
                value = bool(value)
            elif ftype == "multichoice":
                value = json.loads(value)
            record[name] = value
        else:
            record[name] = value
    return record


def form_values(f: FormDef, record: Mapping[str, Any]) -> dict[str, Any]:
    """Only the form's fields of a record (no meta columns)."""
    return {fd.name: record.get(fd.name) for fd in f.fields}
