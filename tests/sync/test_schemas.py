"""The record schema generated from forms/*.toml (sync/schemas/record-line.schema.json)
agrees with the importer: every valid demo record is schema-valid, and a schema-valid
record is an importable one — checked on thousands of mutated records (mutating only the
fields whose every rule the schema can state; the others' extra rules are listed in the
schema's ``$comment``)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from leftbehind_desktop.core.forms import form
from leftbehind_desktop.store.schema import RECORD_KINDS
from tests.sync.test_fastcheck import DEMO, POISON, TODAY, _values

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "sync" / "schemas"
                     / "record-line.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
BY_KIND = {v["properties"]["kind"]["const"]: jsonschema.Draft202012Validator(v)
           for v in SCHEMA["oneOf"]}  # the variant of one kind (the oneOf picks it by kind)


def _schema_ok(kind: str, rec: dict[str, Any]) -> bool:
    return BY_KIND[kind].is_valid({"kind": kind, "record": rec})


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_schema_valid_means_importable(kind: str) -> None:
    f = form(kind)
    rows = [r for r in DEMO[kind] if not f.validate(_values(kind, r), TODAY)]
    assert rows
    assert VALIDATOR.is_valid({"kind": kind, "record": rows[0]})  # the whole schema too
    for rec in rows[:100]:
        assert _schema_ok(kind, rec), rec
    variants = {v["properties"]["kind"]["const"]: v for v in SCHEMA["oneOf"]}
    record = variants[kind]["properties"]["record"]
    rules = [record["properties"]] + [c["then"]["properties"] for c in record.get("allOf", [])]
    beyond = {n for r in rules for n, rule in r.items() if "$comment" in rule}
    related = {n for fd in f.fields for n in (fd.id_birth, fd.id_sex, fd.not_before,
                                               fd.min_age_at) if n}
    free = [fd.name for fd in f.fields if fd.name not in beyond | related]
    rng = random.Random(kind)
    checked = refused = 0
    for _ in range(500):
        rec = dict(rng.choice(rows))
        for name in rng.sample(free, min(len(free), rng.choice((1, 1, 2)))):
            rec[name] = rng.choice(POISON + [r.get(name) for r in rows[:8]])
        valid_by_form = not f.validate_pending_ok(_values(kind, rec), TODAY)  # the importer
        if _schema_ok(kind, rec):
            checked += 1
            assert valid_by_form, {n: rec.get(n) for n in free}
        elif not valid_by_form:
            refused += 1
    assert checked > 20 and refused > 20  # both sides exercised


def test_pending_fields_are_nullable_in_the_schema_as_on_import() -> None:
    f = form("child")
    rec = dict(next(r for r in DEMO["child"] if not f.validate(_values("child", r), TODAY)))
    pending = [fd.name for fd in f.pending_fields()]
    assert "living_arrangement" in pending
    rec["living_arrangement"] = None  # 待补充: importable, and so schema-valid
    assert not f.validate_pending_ok(_values("child", rec), TODAY) and _schema_ok("child", rec)
    rec["living_arrangement"] = "  "  # an empty text is no 待补充: refused by both
    assert f.validate_pending_ok(_values("child", rec), TODAY) and not _schema_ok("child", rec)
    del rec["living_arrangement"]  # present it must be (null when empty)
    assert not _schema_ok("child", rec)
