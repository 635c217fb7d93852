"""Conversion between record dicts (form field names, Python values) and SQL rows."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..core.forms import FormDef
from ..core.pinyin import initials
from .schema import record_columns

META = ("id", "unit_code", "created_at", "updated_at", "updated_by", "version", "deleted",
        "amendment_reason")


def to_row(form: FormDef, record: Mapping[str, Any]) -> dict[str, Any]:
    """A record as column values: bools as 0/1, lists as JSON text."""
    row: dict[str, Any] = {}
    for name in record_columns(form):
        value = record.get(name)
        if name in ("deleted",):
            value = 1 if value else 0
        elif form.has_field(name) and value is not None:
            ftype = form.field(name).type
            if ftype == "bool":
                value = 1 if value else 0
            elif ftype == "multichoice":
                value = json.dumps(list(value), ensure_ascii=False)
        row[name] = value
    if form.id == "child":
        row["name_initials"] = initials(str(record.get("name") or ""))
    return row


def from_row(form: FormDef, row: Mapping[str, Any]) -> dict[str, Any]:
    """A SQL row (mapping of column → value) as a record."""
    record: dict[str, Any] = {}
    for name, value in row.items():
        if name == "name_initials":
            continue
        if name == "deleted":
            record[name] = bool(value)
        elif form.has_field(name) and value is not None:
            ftype = form.field(name).type
            if ftype == "bool":
                value = bool(value)
            elif ftype == "multichoice":
                value = json.loads(value)
            record[name] = value
        else:
            record[name] = value
    return record


def form_values(form: FormDef, record: Mapping[str, Any]) -> dict[str, Any]:
    """Only the form's fields of a record (no meta columns)."""
    return {f.name: record.get(f.name) for f in form.fields}
