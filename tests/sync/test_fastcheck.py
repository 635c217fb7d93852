"""The precompiled import check agrees with ``FormDef.validate``: whenever it says a record
is valid, ``validate`` finds no error (the importer runs ``validate`` on everything else),
and it does say so for the usual valid record (else imports would be slow)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Any

import pytest

from leftbehind_desktop.core import demo, idnumber, safejson
from leftbehind_desktop.core.forms import form
from leftbehind_desktop.store.records import row_tuples, row_values
from leftbehind_desktop.store.schema import RECORD_KINDS
from leftbehind_desktop.sync import fastcheck

TODAY = date(2026, 12, 1)


def _demo() -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in RECORD_KINDS}
    for batch in demo.generate("210213001000", 60, seed=7, as_of=TODAY, villages=3):
        for kind, rows in batch.records.items():
            # as in a package: every field present (demo leaves out the ones it never fills)
            names = [fd.name for fd in form(kind).fields]
            out[kind].extend({**dict.fromkeys(names), **r} for r in rows)
    return out


DEMO = _demo()


def _values(kind: str, rec: dict[str, Any]) -> dict[str, Any]:
    return {fd.name: rec.get(fd.name) for fd in form(kind).fields}


def _poison() -> list[Any]:
    """Candidate bad (and tricky good) values for a field."""
    good_id = idnumber.make("210213", date(2015, 3, 4), 12, "男")
    return [None, "", " ", "  \t", 0, 1, -5, 10**6, True, False, [], ["x"], ("a",), {"a": 1},
            "x" * 5000, "2026-02-30", "1899-12-31", "2099-01-01", "2026-13-01", " 2020-01-01 ",
            "20200101", "2020-01-01T10:00", "2026-11-30 09:30", "2030-01-01 00:00",
            TODAY.isoformat(), (TODAY + timedelta(days=1)).isoformat(),
            "13800138000", "138 0013 8000", "0411-87654321", "12345", "１３８００１３８０００",
            good_id, good_id.lower(), good_id[:17] + "x", " " + good_id, good_id[:6] + "0000"
            + good_id[10:], "110000201503041234", "21021320150304123", "210213150304123",
            "２１０２１３２０１５０３０４１２３４", "男", "女", "已退出", "已关闭"]


POISON = _poison()


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_fast_check_passes_only_valid_records(kind: str) -> None:
    f = form(kind)
    check = fastcheck.checker(f, TODAY)
    reference = fastcheck._compile_closures(f, TODAY)
    rng = random.Random(kind)
    rows = DEMO[kind]
    assert rows, kind
    fast_ok = 0
    for rec in rows:
        valid = not f.validate(_values(kind, rec), TODAY)
        if check(rec):
            assert valid, rec
            fast_ok += 1
    valid_count = sum(1 for r in rows if not f.validate(_values(kind, r), TODAY))
    assert fast_ok == valid_count  # the usual valid record takes the fast path
    names = [fd.name for fd in f.fields]
    passed = 0
    for _ in range(1500):
        rec = dict(rng.choice(rows))
        for name in rng.sample(names, rng.choice((1, 1, 2, 3))):
            rec[name] = rng.choice(POISON + [r.get(name) for r in rows[:8]])
        assert check(rec) == reference(rec), rec  # generated code == per-field closures
        if check(rec):
            errors = f.validate(_values(kind, rec), TODAY)
            assert not errors, (rec, [e.text("en") for e in errors])
            passed += 1
    assert 100 < passed < 1400  # both ways were tried


def test_id_number_fast_path_matches_the_full_check() -> None:
    f = form("child")
    check = fastcheck.checker(f, TODAY)
    base = next(r for r in DEMO["child"] if r.get("id_number") and r.get("hukou_registered"))
    rng = random.Random(3)
    for _ in range(2000):
        number = list(str(base["id_number"]))
        for _ in range(rng.choice((1, 2))):
            number[rng.randrange(18)] = rng.choice("0123456789Xx ")
        rec = {**base, "id_number": "".join(number)}
        if rng.random() < 0.3:
            rec["sex"] = rng.choice(("男", "女"))
        if rng.random() < 0.3:
            rec["birth_date"] = rng.choice(("2015-03-04", base["birth_date"], "2016-01-01"))
        ok = not f.validate(_values("child", rec), TODAY)
        if check(rec):
            assert ok, rec["id_number"]


def test_row_tuples_equal_row_values() -> None:
    """The generated bulk-insert row builder gives exactly ``row_values``."""
    for kind, rows in DEMO.items():
        f = form(kind)
        build = row_tuples(f)
        for rec in rows:
            assert build(rec) == row_values(f, rec)
            nulls = {k: (None if isinstance(v, bool) or isinstance(v, list) else v)
                     for k, v in rec.items()}
            assert build(nulls) == row_values(f, nulls)
            partial = dict(rec)
            partial.pop("updated_by")
            assert build(partial) == row_values(f, partial)


@pytest.mark.parametrize("data", [
    b'{"a":1}\n{"b":[1,2]}\n', b'  {"a":1}\t\n', b'{"a":1} \r\n', b"\xef\xbb\xbf{\"a\":1}\n",
    b'{"a":\n1}\n', b'{"a":[{}\n{}]}\n{},{}\n', b'{"a":1},{"b":2}\n', b"[1]\n", b"1\n",
    b'{"a":"\xed\xa0\x80"}\n', b'{"a":1}\n\xff\n', b'{\x00}\n', b'{"a":1}', b"\n\n{}\n\n",
    b'{"a":NaN}\n', b'{"a":1e999}\n', b'{"\xe5\xa7\x93\xe5\x90\x8d":"\xe5\xbc\xa0\xe4\xb8\x89"}\n',
    b'{"a":"x\\ny"}\n', b'{"a":"x\ny"}\n', b'{"a":1}x\n', b"{" * 5000 + b"\n",
])
def test_json_line_reader_equals_json_loads_within_limits(data: bytes) -> None:
    """The line reader (the C scanner called directly) gives exactly ``json.loads`` of
    each line's UTF-8 text, or a refusal where ``json.loads`` fails or the value is beyond
    the limits (NaN, infinities, over-long integers, lone surrogates) — never a traceback."""
    for line in data.split(b"\n"):
        if not line:
            continue
        try:
            got: Any = safejson.loads_line(line)
        except safejson.JsonLimitError:
            got = "refused"
        try:
            want: Any = json.loads(line.decode("utf-8"), parse_constant=lambda c: 1 / 0)
            json.dumps(want, allow_nan=False).encode("utf-8")
        except (ValueError, ZeroDivisionError, RecursionError, UnicodeError):
            want = "refused"
        assert got == want, line
