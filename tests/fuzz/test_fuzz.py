"""Fuzzing with hypothesis: the package reader, the form validators and the JSON record reader.

Every input is either accepted or refused with our own clear error (``UserError`` and its
subclasses) — never an unhandled exception. CI runs a bounded budget; the long run is

    LEFTBEHIND_FUZZ_EXAMPLES=5000 .venv/bin/pytest tests/fuzz -q
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leftbehind_desktop.cli.common import read_json_input
from leftbehind_desktop.core.forms import FORM_IDS, form
from leftbehind_desktop.core.messages import UserError
from leftbehind_desktop.sync import package
from tests.conftest import STREET, VILLAGE, fill_demo
from tests.sync.helpers import Office, db_digest, enroll_pair, office

EXAMPLES = int(os.environ.get("LEFTBEHIND_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Office, bytes]]:
    tmp = tmp_path_factory.mktemp("fuzz")
    village = office(tmp, "v", "village", VILLAGE, "大李家村")
    street = office(tmp, "s", "street", STREET, "大魏家街道")
    enroll_pair(village, street)
    fill_demo(village.reg, 3)
    result = package.export_package(village.store, "2026Q3", tmp / "good.lbpkg")
    village.close()
    data = Path(result.path if hasattr(result, "path") else tmp / "good.lbpkg").read_bytes()
    yield street, data
    street.close()


def _mutations() -> st.SearchStrategy[tuple[str, int, int]]:
    return st.tuples(st.sampled_from(["flip", "truncate", "insert", "delete", "splice"]),
                     st.integers(0, 2**31), st.integers(1, 255))


def _mutate(data: bytes, how: tuple[str, int, int]) -> bytes:
    kind, pos, val = how
    if not data:
        return data
    pos %= len(data)
    if kind == "flip":
        return data[:pos] + bytes([data[pos] ^ val]) + data[pos + 1:]
    if kind == "truncate":
        return data[:pos]
    if kind == "insert":
        return data[:pos] + bytes([val]) * (val % 7 + 1) + data[pos:]
    if kind == "delete":
        return data[:pos] + data[pos + val:]
    return data[pos:] + data[:pos]


@FUZZ
@given(st.lists(_mutations(), min_size=1, max_size=3))
def test_mutated_packages_are_refused_cleanly(world: tuple[Office, bytes], how: list[tuple[str, int, int]]):
    street, good = world
    data = good
    for h in how:
        data = _mutate(data, h)
    if data == good:
        return
    with pytest.raises(UserError):
        package.check_package(street.store, data, today=TODAY)


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes_are_refused_cleanly(world: tuple[Office, bytes], data: bytes):
    street, _ = world
    with pytest.raises(UserError):
        package.check_package(street.store, data, today=TODAY)


def test_fuzzed_checks_left_the_street_database_unchanged(world: tuple[Office, bytes]):
    street, good = world
    street.close()
    before = db_digest(street.dir)
    street.reopen()
    for i in range(25):
        try:
            package.check_package(street.store, _mutate(good, ("flip", i * 9973, 0x41)), today=TODAY)
        except UserError:
            pass
    street.close()
    assert db_digest(street.dir) == before
    street.reopen()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12)


@FUZZ
@given(st.sampled_from(FORM_IDS), st.dictionaries(st.text(max_size=20), json_values, max_size=8))
def test_validators_never_raise_on_arbitrary_records(form_id: str, record: dict[str, Any]):
    errors = form(form_id).validate(record, TODAY)
    assert all(e.text("zh") and e.text("en") for e in errors)


@FUZZ
@given(st.sampled_from(FORM_IDS), st.data())
def test_validators_never_raise_on_field_shaped_records(form_id: str, data: st.DataObject):
    f = form(form_id)
    record = {}
    for fd in f.fields:
        if data.draw(st.booleans()):
            book = fd.book()
            choices = st.sampled_from(list(book.values)) if book else st.nothing()
            record[fd.name] = data.draw(json_values | choices | st.dates().map(str)
                                        | st.from_regex(r"\d{15,18}X?", fullmatch=True))
    errors = f.validate(record, TODAY)
    assert isinstance(errors, list)


@FUZZ
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_json_record_reader_accepts_objects_or_refuses_cleanly(raw: bytes):
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="strict")
    try:
        try:
            value = read_json_input("-")
        except UserError:
            return
        assert isinstance(value, dict) and set(value) == set(json.loads(raw.decode("utf-8")))
    finally:
        sys.stdin = old
