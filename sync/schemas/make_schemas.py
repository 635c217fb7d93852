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

from leftbehind_desktop.core.forms import LANDLINE, MOBILE, forms  # noqa: E402
from leftbehind_desktop.store.schema import RECORD_KINDS  # noqa: E402
from leftbehind_desktop.sync import manifest as mf  # noqa: E402

HEX64 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
UNIT = {"type": "string", "pattern": "^[0-9]{12}$"}
COUNT = {"type": "integer", "minimum": 0}


def manifest_schema() -> dict[str, Any]:
    item = {"type": "object", "required": ["size", "sha256"], "additionalProperties": False,
            "properties": {"size": COUNT, "sha256": HEX64}}
    # payload members: a registry package's, or those of its kind (receipt.json, …)
    members = list(dict.fromkeys([*mf.CONTENT_NAMES,
                                  *(n for a, _ in mf.KIND_MEMBERS.values() for n in a)]))
    by_kind = [{"if": {"properties": {"kind": {"const": k}}, "required": ["kind"]},
                "then": {"properties": {"contents": {
                    "required": list(req),
                    "propertyNames": {"enum": list(allowed)}}}}}
               for k, (allowed, req) in
               [(k, mf.KIND_MEMBERS.get(k, mf.REGISTRY_MEMBERS)) for k in mf.KINDS]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://leftbehind-desktop.invalid/sync/manifest.schema.json",
        "allOf": by_kind,
        "title": "manifest.json of a .lbpkg package (format_version 1)",
        "type": "object",
        "required": ["format", "format_version", "package_id", "kind", "sender", "recipient",
                     "period", "sequence", "previous_manifest_sha256", "created_at", "payload",
                     "contents", "record_counts", "audit_events", "schema_version"],
        "properties": {
            "format": {"const": "leftbehind-package"},
            "format_version": {"type": "integer", "minimum": 1},
            "package_id": {"type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-"
                           "[89ab][0-9a-f]{3}-[0-9a-f]{12}$"},
            "kind": {"enum": list(mf.KINDS)},
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
            "contents": {"type": "object", "additionalProperties": False,
                         "minProperties": 1,
                         "properties": {n: item for n in members}},
            "record_counts": {"type": "object", "additionalProperties": False,
                              "properties": {k: COUNT for k in RECORD_KINDS}},
            "audit_events": COUNT,
            "schema_version": {"type": "integer"},
            "forms": {"type": "object", "additionalProperties": {"type": "integer"}},
            "software": {"type": "string"},
        },
    }


def _value(fd: Any, codes: list[str] | None) -> dict[str, Any]:
    """The schema of a non-empty value of a field (what ``core.forms`` accepts, or
    stricter: a schema-valid record is an importable one, but for the rules JSON Schema
    cannot say — listed in the field's ``$comment``)."""
    t = fd.type
    if t == "bool":
        return {"type": "boolean"}
    if t == "int":
        out: dict[str, Any] = {"type": "integer"}
        if fd.min is not None:
            out["minimum"] = fd.min
        if fd.max is not None:
            out["maximum"] = fd.max
        return out
    if t == "multichoice":
        return {"type": "array", "minItems": 1,
                "items": {"enum": codes} if codes else {"type": "string", "pattern": "\\S"}}
    if t == "choice":
        return {"enum": codes} if codes else {"type": "string", "pattern": "\\S"}
    if t == "date":
        return {"type": "string", "format": "date",
                "pattern": "^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"}
    if t == "datetime":
        return {"type": "string", "pattern": "^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-"
                "(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"}
    if t == "phone":
        return {"type": "string", "pattern": f"({MOBILE.pattern})|({LANDLINE.pattern})"}
    if t == "id_number":
        return {"type": "string", "pattern": "^[0-9]{17}[0-9X]$"}
    out = {"type": "string", "pattern": "\\S"}
    if fd.max_length is not None:
        out["maxLength"] = fd.max_length
    return out


EMPTY = [{"type": "null"}, {"type": "string", "pattern": "^\\s*$"},
         {"type": "array", "maxItems": 0}]


def _rules_beyond(fd: Any) -> list[str]:
    out = []
    if fd.type == "id_number":
        out.append("GB 11643 check digit and region; birth date"
                   + (f" = {fd.id_birth}" if fd.id_birth else "")
                   + (f", sex = {fd.id_sex}" if fd.id_sex else ""))
    if fd.not_future:
        out.append("not in the future")
    if fd.not_before:
        out.append(f"not before {fd.not_before}")
    if fd.min_age is not None:
        out.append(f"at least {fd.min_age} years old" + (f" at {fd.min_age_at}" if fd.min_age_at
                                                           else ""))
    if fd.type in ("date", "datetime"):
        out.append("a real calendar date")
    return out


def _condition(c: Any) -> dict[str, Any]:
    value = {"enum": list(c.in_)} if c.in_ is not None else {"const": c.equals}
    return {"required": [c.field], "properties": {c.field: value}}


def record_schema() -> dict[str, Any]:
    """Per form: every column required (null when empty), each field's type, codebook,
    length, range and format; ``required`` fields non-empty, but those required without
    condition may be null (待补充, ``FormDef.pending_fields``); ``required_if`` and
    ``show_if`` as if/then (a hidden field's value is not checked, as in the forms)."""
    meta = {"id": {"type": "string", "minLength": 1, "maxLength": 64}, "unit_code": UNIT,
            "created_at": {"type": "string", "maxLength": 64},
            "updated_at": {"type": "string", "maxLength": 64},
            "updated_by": {"type": "string", "maxLength": 64},
            "version": {"type": "integer", "minimum": 1, "maximum": 2 ** 53},
            "deleted": {"type": "boolean"},
            "amendment_reason": {"oneOf": [{"type": "string", "maxLength": 1000},
                                           {"type": "null"}]}}
    variants = []
    for kind in RECORD_KINDS:
        f = forms()[kind]
        props: dict[str, Any] = dict(meta)
        if f.parent == "child":
            props["child_id"] = {"type": "string", "minLength": 1, "maxLength": 64,
                                 "description": "the id of a child record in the same package"}
        conditions: list[dict[str, Any]] = []
        pending = {fd.name for fd in f.pending_fields()}
        for fd in f.fields:
            book = fd.book()
            value = _value(fd, list(book.values) if book else None)
            rule: dict[str, Any]
            if fd.name in pending:  # 待补充: present, a value or null (never an empty text)
                rule = {"anyOf": [value, {"type": "null"}]}
            elif fd.required:
                rule = value
            else:
                rule = {"anyOf": [value, *EMPTY]}
            rule = {**rule, "title": fd.zh, "description": fd.en}
            beyond = _rules_beyond(fd)
            if beyond:
                rule["$comment"] = "also checked on import: " + "; ".join(beyond)
            if fd.show_if is not None:
                props[fd.name] = {"title": fd.zh, "description": fd.en}
                conditions.append({"if": _condition(fd.show_if),
                                   "then": {"properties": {fd.name: rule}}})
            else:
                props[fd.name] = rule
            if fd.required_if is not None and not fd.required:
                then = {"properties": {fd.name: value}}
                cond = _condition(fd.required_if)
                if fd.show_if is not None:
                    cond = {"allOf": [cond, _condition(fd.show_if)]}
                conditions.append({"if": cond, "then": then})
        record: dict[str, Any] = {"type": "object", "required": sorted(props),
                                  "additionalProperties": False, "properties": props}
        if conditions:
            record["allOf"] = conditions
        variants.append({
            "type": "object", "required": ["kind", "record"], "additionalProperties": False,
            "properties": {"kind": {"const": kind}, "record": record}})
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://leftbehind-desktop.invalid/sync/record-line.schema.json",
            "title": "One line of records.jsonl, generated from forms/*.toml (make_schemas.py)",
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


ID = {"type": "string", "minLength": 1, "maxLength": 64}
TEXT = {"type": "string", "maxLength": 2000}
VERSION = {"type": ["integer", "null"], "minimum": 1, "maximum": 2 ** 53}


def review_schema() -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://leftbehind-desktop.invalid/sync/review-line.schema.json",
            "title": "One line of review.jsonl: an item the parent office returned (退回修改)",
            "type": "object", "additionalProperties": False,
            "required": ["item_id", "kind", "record_id", "change", "period", "comment",
                         "returned_at", "officer", "fields", "record_version"],
            "properties": {"item_id": ID, "kind": {"enum": list(RECORD_KINDS)},
                           "record_id": ID,
                           "change": {"type": ["string", "null"], "maxLength": 16},
                           "period": {"type": "string", "pattern": "^[0-9]{4}Q[1-4]$",
                                      "$comment": "equals the manifest's period"},
                           "comment": {**TEXT, "minLength": 1},
                           "returned_at": {**ID, "format": "date-time"},
                           "officer": {"type": "string", "maxLength": 100},
                           "fields": {"type": "array", "maxItems": 200, "items": ID},
                           "record_version": VERSION}}


def answer_schema() -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://leftbehind-desktop.invalid/sync/answer-line.schema.json",
            "title": "One line of answers.jsonl: the answer to a returned item",
            "type": "object", "additionalProperties": False,
            "required": ["item_id", "kind", "record_id", "returned_at", "answer", "note",
                         "answered_at", "officer", "record_version"],
            "properties": {"item_id": ID, "kind": {"enum": list(RECORD_KINDS)},
                           "record_id": ID, "returned_at": ID,
                           "answer": {"enum": ["changed", "confirmed"]},
                           "note": {"type": ["string", "null"], "maxLength": 2000},
                           "answered_at": {"type": ["string", "null"], "maxLength": 64},
                           "officer": {"type": ["string", "null"], "maxLength": 100},
                           "record_version": VERSION}}


def main() -> None:
    for name, schema in (("manifest", manifest_schema()), ("record-line", record_schema()),
                         ("audit-line", audit_schema()), ("review-line", review_schema()),
                         ("answer-line", answer_schema())):
        (HERE / f"{name}.schema.json").write_text(
            json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"schemas written to {HERE}")


if __name__ == "__main__":
    main()
