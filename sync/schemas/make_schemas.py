"""Regenerate the JSON Schemas (draft 2020-12) of sync/SPEC.md from the form definitions.

    .venv/bin/python sync/schemas/make_schemas.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from leftbehind_desktop.core.forms import forms  # noqa: E402
from leftbehind_desktop.store.schema import RECORD_KINDS  # noqa: E402

HEX64 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
UNIT = {"type": "string", "pattern": "^[0-9]{12}$"}
COUNT = {"type": "integer", "minimum": 0}


def manifest_schema() -> dict[str, Any]:
    item = {"type": "object", "required": ["size", "sha256"], "additionalProperties": False,
            "properties": {"size": COUNT, "sha256": HEX64}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://leftbehind-desktop.invalid/sync/manifest.schema.json",
        "title": "manifest.json of a .lbpkg package (format_version 1)",
        "type": "object",
        "required": ["format", "format_version", "package_id", "kind", "sender", "recipient",
                     "period", "sequence", "previous_manifest_sha256", "created_at", "payload",
                     "contents", "record_counts", "audit_events", "schema_version"],
        "properties": {
            "format": {"const": "leftbehind-package"},
            "format_version": {"type": "integer", "minimum": 1},
            "package_id": {"type": "string", "minLength": 1, "maxLength": 64},
            "kind": {"enum": ["quarterly", "restore", "copy"]},
            "sender": {"type": "object",
                       "required": ["unit_code", "unit_name", "device_id", "key_id"],
                       "properties": {"unit_code": UNIT, "unit_name": {"type": "string"},
                                      "device_id": {"type": "string"},
                                      "key_id": {"type": "string",
                                                 "pattern": "^[0-9A-F]{16}$"}}},
            "recipient": {"type": "object", "required": ["unit_code"],
                          "properties": {"unit_code": UNIT, "unit_name": {"type": "string"}}},
            "period": {"type": "string", "pattern": "^[0-9]{4}Q[1-4]$"},
            "sequence": {"type": "integer", "minimum": 1},
            "previous_manifest_sha256": {"oneOf": [HEX64, {"type": "null"}]},
            "created_at": {"type": "string", "format": "date-time"},
            "payload": {"type": "object", "required": ["sha256", "size"],
                        "properties": {"sha256": HEX64, "size": {"type": "integer", "minimum": 1},
                                       "encryption": {"const": "age-x25519"},
                                       "recipients": {"type": "integer", "minimum": 1}}},
            "contents": {"type": "object", "required": ["records.jsonl"],
                         "additionalProperties": False,
                         "properties": {n: item for n in (
                             "records.jsonl", "audit.jsonl", "units.jsonl", "provenance.jsonl",
                             "ledger.xlsx")}},
            "record_counts": {"type": "object", "additionalProperties": False,
                              "properties": {k: COUNT for k in RECORD_KINDS}},
            "audit_events": COUNT,
            "schema_version": {"type": "integer"},
            "forms": {"type": "object", "additionalProperties": {"type": "integer"}},
            "software": {"type": "string"},
        },
    }


def _field(ftype: str, codes: list[str] | None) -> dict[str, Any]:
    if ftype == "bool":
        base: dict[str, Any] = {"type": "boolean"}
    elif ftype == "int":
        base = {"type": "integer"}
    elif ftype == "multichoice":
        base = {"type": "array", "items": {"enum": codes} if codes else {"type": "string"}}
    elif ftype == "choice" and codes:
        base = {"enum": codes}
    elif ftype == "date":
        base = {"type": "string", "format": "date"}
    else:
        base = {"type": "string"}
    return {"oneOf": [base, {"type": "null"}]}


def record_schema() -> dict[str, Any]:
    meta = {"id": {"type": "string", "minLength": 1, "maxLength": 64}, "unit_code": UNIT,
            "created_at": {"type": "string"}, "updated_at": {"type": "string"},
            "updated_by": {"type": "string"}, "version": {"type": "integer", "minimum": 1},
            "deleted": {"type": "boolean"},
            "amendment_reason": {"oneOf": [{"type": "string"}, {"type": "null"}]}}
    variants = []
    for kind in RECORD_KINDS:
        f = forms()[kind]
        props: dict[str, Any] = dict(meta)
        if f.parent == "child":
            props["child_id"] = {"type": "string"}
        for fd in f.fields:
            book = fd.book()
            props[fd.name] = {**_field(fd.type, list(book.values) if book else None),
                              "title": fd.zh, "description": fd.en}
        variants.append({
            "type": "object", "required": ["kind", "record"], "additionalProperties": False,
            "properties": {"kind": {"const": kind}, "record": {
                "type": "object", "required": sorted(props), "additionalProperties": False,
                "properties": props}}})
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://leftbehind-desktop.invalid/sync/record-line.schema.json",
            "title": "One line of records.jsonl (field rules beyond types: forms/*.toml)",
            "oneOf": variants}


def audit_schema() -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://leftbehind-desktop.invalid/sync/audit-line.schema.json",
            "title": "One line of audit.jsonl (hash = SHA-256(prev_hash ‖ '\\n' ‖ canonical event))",
            "type": "object", "additionalProperties": False,
            "required": ["seq", "id", "at", "device_id", "officer", "action", "entity",
                         "record_id", "child_id", "detail", "prev_hash", "hash"],
            "properties": {"seq": {"type": "integer", "minimum": 1}, "id": {"type": "string"},
                           "at": {"type": "string"}, "device_id": {"type": "string"},
                           "officer": {"type": "string"}, "action": {"type": "string"},
                           "entity": {"type": "string"},
                           "record_id": {"type": ["string", "null"]},
                           "child_id": {"type": ["string", "null"]},
                           "detail": {"type": "string", "description": "canonical JSON text"},
                           "prev_hash": HEX64, "hash": HEX64}}


def main() -> None:
    for name, schema in (("manifest", manifest_schema()), ("record-line", record_schema()),
                         ("audit-line", audit_schema())):
        (HERE / f"{name}.schema.json").write_text(
            json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"schemas written to {HERE}")


if __name__ == "__main__":
    main()
