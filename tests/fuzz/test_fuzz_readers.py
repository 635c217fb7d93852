"""Fuzzing of each reader of outside input with hypothesis (issue 12): the bounded JSON
reader, the manifest, signed documents (enrollment request / response, trust update, key
rotation), the streamed payload archive and its JSON Lines, and whole packages whose
records, audit chain and units lines are hostile but validly signed and encrypted. Every
input is accepted or refused with our own clear error — never another exception.

CI runs a bounded budget; the long run (see docs/BENCHMARKS.md) is

    LEFTBEHIND_FUZZ_EXAMPLES=3000 .venv/bin/pytest tests/fuzz -q
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leftbehind_desktop.core import safejson
from leftbehind_desktop.core.messages import UserError
from leftbehind_desktop.sync import enroll, package, stream
from leftbehind_desktop.sync import manifest as mf
from leftbehind_desktop.sync.identity import DeviceIdentity
from tests.conftest import STREET, VILLAGE, fill_demo
from tests.sync.helpers import Office, decrypt_contents, enroll_pair, forge, make_payload, office

EXAMPLES = int(os.environ.get("LEFTBEHIND_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# JSON text that is hostile in the ways the review found: huge integers, deep nesting,
# long strings, NaN, lone surrogates, odd whitespace
hostile_json = st.one_of(
    st.integers(1, 6000).map(lambda n: "9" * n),
    st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 3000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.sampled_from(["NaN", "-Infinity", "1e999", '"\\ud800"', '{"\\udc00":1}', "[1,]", "{,}",
                     "\ufeff{}", " {} ", "{}\x00", '"' + "x" * 70_000 + '"']),
    st.text(max_size=200),
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Office, Office, bytes]]:
    tmp = tmp_path_factory.mktemp("fuzzr")
    village = office(tmp, "v", "village", VILLAGE, "大李家村")
    street = office(tmp, "s", "street", STREET, "大魏家街道")
    enroll_pair(village, street)
    fill_demo(village.reg, 2)
    data = package.export_package(village.store, "2026Q3", tmp / "good.lbpkg").path.read_bytes()
    yield village, street, data
    village.close()
    street.close()


@FUZZ
@given(hostile_json)
def test_bounded_json_reader(text: str) -> None:
    for read in (safejson.loads, lambda t: safejson.loads_line(t.encode("utf-8", "surrogatepass"))):
        try:
            value = read(text)
        except safejson.JsonLimitError as exc:
            assert str(exc)
            continue
        json.dumps(value, allow_nan=False).encode("utf-8")  # what we accept, we can write


@FUZZ
@given(hostile_json, st.sampled_from(["package_id", "sequence", "sender", "payload", "contents",
                                      "record_counts", "format_version", "audit_events"]))
def test_manifest_reader(value: str, key: str) -> None:
    raw = {"format": mf.FORMAT, "format_version": 1, "package_id": "x", "kind": "quarterly"}
    text = json.dumps(raw)[:-1] + f', "{key}": {value}' + "}"
    with pytest.raises(UserError):
        mf.parse(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(hostile_json, st.sampled_from(["enroll_request", "enroll_response", "trust_update",
                                      "key_rotation"]), st.sampled_from(["document", "minisig",
                                                                         "format", "type"]))
def test_signed_document_readers(world: tuple[Office, Office, bytes], value: str, doc_type: str,
                                 where: str) -> None:
    village, street, _ = world
    if where == "type":
        text = '{"format":"leftbehind-signed/1","minisig":"x","document":{"type":"' + doc_type \
            + '","id":' + value + "}}"
    else:
        text = '{"format":"leftbehind-signed/1","document":{"type":"' + doc_type + '"},"' + \
            where + '":' + value + "}"
    data = text.encode("utf-8", "surrogatepass")
    readers = {"enroll_request": lambda: enroll.read_request(street.store, data),
               "enroll_response": lambda: enroll.read_response(village.store, data),
               "trust_update": lambda: enroll.import_trust_document(village.store, data),
               "key_rotation": lambda: enroll.import_trust_document(street.store, data)}
    with pytest.raises(UserError):
        readers[doc_type]()


class _Sink:
    def __init__(self) -> None:
        self.lines: list[bytes] = []

    def feed(self, data: bytes) -> None:
        self.lines.append(data)

    def end(self) -> None:
        return None


@FUZZ
@given(st.binary(max_size=2000), st.integers(1, 4096), st.integers(0, 10_000))
def test_archive_stream_reader(junk: bytes, step: int, declared: int) -> None:
    """Arbitrary bytes, and mutated real archives, pushed in arbitrary pieces."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("records.jsonl", b'{"a":1}\n' * 50)
    real = buf.getvalue()
    for data in (junk, real[: len(junk) % len(real)] + junk, real.replace(b"a", junk[:1] or b"b")):
        sinks = {"records.jsonl": stream.Lines("records.jsonl", lambda n, line: None)}
        archive = stream.Archive({"records.jsonl": {"size": declared, "sha256": "0" * 64}}, sinks)
        try:
            for i in range(0, len(data), step):
                archive.write(data[i:i + step])
            archive.close()
        except UserError:
            continue


@FUZZ
@given(st.lists(hostile_json, min_size=1, max_size=3),
       st.sampled_from(["records.jsonl", "audit.jsonl", "units.jsonl", "provenance.jsonl"]))
def test_hostile_lines_in_a_validly_signed_package(world: tuple[Office, Office, bytes],
                                                   lines: list[str], member: str) -> None:
    village, street, good = world
    ident = street.store.setting("device_age_identity")
    assert ident
    members: dict[str, bytes] = decrypt_contents(good, ident)
    body = "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n"
    members[member] = members.get(member, b"") + body if member != "records.jsonl" else body
    payload, contents = make_payload(members, DeviceIdentity.of(street.store).age_recipient)
    data = forge(good, DeviceIdentity.of(village.store).secret, payload=payload,
                 contents=contents)
    try:
        package.check_package(street.store, data)
    except UserError as exc:
        assert exc.text("zh") and "Traceback" not in exc.text("zh")


@FUZZ
@given(st.sampled_from(["version", "id", "unit_code", "created_at", "updated_by", "deleted",
                        "child_id", "name", "amendment_reason"]), hostile_json)
def test_hostile_field_values_in_records(world: tuple[Office, Office, bytes], key: str,
                                         value: str) -> None:
    village, street, good = world
    ident = street.store.setting("device_age_identity")
    assert ident
    members = decrypt_contents(good, ident)
    lines = members["records.jsonl"].split(b"\n")
    item = json.loads(lines[0])
    head = json.dumps({**item, "record": {k: v for k, v in item["record"].items() if k != key}},
                      ensure_ascii=False)
    lines[0] = (head[:-2] + f', "{key}": {value}' + "}}").encode("utf-8", "surrogatepass")
    members["records.jsonl"] = b"\n".join(lines)
    payload, contents = make_payload(members, DeviceIdentity.of(street.store).age_recipient)
    data = forge(good, DeviceIdentity.of(village.store).secret, payload=payload,
                 contents=contents)
    try:  # a value that happens to be valid ("1" as version) imports; all else is refused
        package.check_package(street.store, data)
    except UserError as exc:
        assert exc.text("zh") and "Traceback" not in exc.text("zh")


def test_readers_fuzz_budget_is_documented() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "BENCHMARKS.md").read_text("utf-8")
    assert "LEFTBEHIND_FUZZ_EXAMPLES" in text
