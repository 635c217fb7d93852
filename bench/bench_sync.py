"""Benchmark: a street-scale package (9,000 children, 108,000 visits) — export time,
package size, district import time, and the ratio to raw ``sqlcipher3`` ``executemany`` of
the same rows measured in the same run (DESIGN §9: target ≤ 2×).

    .venv/bin/python -m bench.bench_sync [--children 9000] [--visits 108000]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from leftbehind_desktop.core import demo
from leftbehind_desktop.core.forms import form
from leftbehind_desktop.core.ids import uuid7
from leftbehind_desktop.store.exchange import Exchange, MergePlan
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.records import to_row
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.schema import RECORD_KINDS, migrate, record_columns
from leftbehind_desktop.store.store import Store, _connect
from leftbehind_desktop.sync import enroll, package

STREET = "210213001000"
DISTRICT = "210213000000"
PASS = "bench passphrase"


def _records(children: int, visits: int) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in RECORD_KINDS}
    for batch in demo.generate(STREET, children, seed=11, as_of=date.today(),
                               device_id="bench-village-device", villages=12):
        for kind, rows in batch.records.items():
            out[kind].extend(rows)
    while len(out["visit"]) < visits:  # top up to the target with more monthly visits
        extra = [{**v, "id": uuid7()} for v in out["visit"][: visits - len(out["visit"])]]
        out["visit"].extend(extra)
    out["visit"] = out["visit"][:visits]
    return out


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def _raw_baseline(directory: Path, records: dict[str, list[dict[str, Any]]]
                  ) -> tuple[float, float]:
    """Raw SQLCipher executemany of the same rows into the same schema (same PRAGMAs)."""
    conn = _connect(directory / "raw.db", os.urandom(32))
    migrate(conn)
    prepared = []
    for kind, rows in records.items():
        f = form(kind)
        cols = list(record_columns(f))
        sql = (f'INSERT INTO "{f.table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
               f'VALUES ({", ".join("?" for _ in cols)})')
        prepared.append((sql, [tuple(to_row(f, r).values()) for r in rows]))
    t, cpu = time.perf_counter(), time.process_time()
    conn.execute("BEGIN IMMEDIATE")
    for sql, params in prepared:
        conn.executemany(sql, params)
    conn.execute("COMMIT")
    elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
    conn.close()
    return elapsed, cpu


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--children", type=int, default=9000)
    ap.add_argument("--visits", type=int, default=108_000)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        gen_s, records = _timed(lambda: _records(args.children, args.visits))
        counts = {k: len(v) for k, v in records.items()}
        total = sum(counts.values())
        print(f"data: {counts} ({total:,} rows, generated in {gen_s:.1f} s)")
        street, _ = Store.init(t / "street", PASS, role="street", unit_code=STREET,
                               unit_name="大魏家街道", officer="基准", kdf=KdfParams.fast())
        district, _ = Store.init(t / "district", PASS, role="district", unit_code=DISTRICT,
                                 unit_name="金普新区民政局", officer="基准", kdf=KdfParams.fast())
        try:
            req = enroll.read_request(district, enroll.make_request(street))
            resp = enroll.read_response(street, enroll.approve(district, req, req.fingerprint))
            enroll.accept(street, resp, resp.fingerprint)
            Registry(street).add_demo_units(demo.demo_units(STREET, 12))
            with street.transaction() as audit:  # the street holds the villages' data
                Exchange(street).apply(MergePlan(inserts=records, events=[
                    ("bench.load", "package", None, None, {"rows": total})]), audit)
            exp_s, result = _timed(lambda: package.export_package(
                street, "2026Q4", t / "street.lbpkg"))
            has_ledger = b"ledger.xlsx" in result.path.read_bytes()[:65536]
            stages: list[tuple[int, float]] = []
            load_before = os.getloadavg()[0]
            t0, cpu0 = time.perf_counter(), time.process_time()
            imp_s, report = _timed(lambda: package.import_package(
                district, result.path,
                progress=lambda d, _n: stages.append((d, time.perf_counter() - t0))))
            imp_cpu = time.process_time() - cpu0
            raw_s, raw_cpu = _raw_baseline(t, records)
            load_after = os.getloadavg()[0]
            assert report.counts["new"] + report.counts["duplicate"] == total, report.counts
        finally:
            street.close()
            district.close()
    ledger = "with" if has_ledger else "without"
    print(f"export:  {exp_s:6.2f} s  package {result.size / 1e6:.1f} MB ({ledger} ledger)")
    print(f"import:  {imp_s:6.2f} s  ({total / imp_s:,.0f} rows/s; CPU {imp_cpu:.2f} s)")
    print(f"raw executemany of the same rows: {raw_s:6.2f} s  (CPU {raw_cpu:.2f} s)")
    print(f"ratio import / raw: {imp_s / raw_s:.2f}×  (target ≤ 2×; CPU-time ratio "
          f"{imp_cpu / raw_cpu:.2f}×)")
    print(f"load average (1 min) before the import {load_before:.1f}, after the baseline "
          f"{load_after:.1f} on {os.cpu_count()} CPUs")
    marks = {10: "verify signature", 25: "decrypt", 35: "parse payload",
             70: "validate, audit chain", 85: "plan merge", 100: "write (one transaction)"}
    prev, seen = 0.0, set[int]()
    for done, at in stages:
        if done in marks and done not in seen:
            seen.add(done)
            print(f"  ..{marks[done]:<26} {at - prev:6.2f} s")
            prev = at


if __name__ == "__main__":
    main()
