"""Benchmark: a street-scale package (9,000 children, 108,000 visits) — export time,
package size, district import time, and the ratio to raw ``sqlcipher3`` ``executemany`` of
the same rows measured in the same run (DESIGN §9: target ≤ 2×).

    .venv/bin/python -m bench.bench_sync [--children 9000] [--visits 108000] [--rounds 3]

The machine is shared (2 cores): import and baseline are measured in interleaved rounds,
each import into a fresh copy of the same empty district store; every round is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from leftbehind_desktop.core import demo
from leftbehind_desktop.core.forms import form
from leftbehind_desktop.core.ids import uuid7
from leftbehind_desktop.store.connection import connect as _connect
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.records import to_row
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.schema import RECORD_KINDS, migrate, record_columns
from leftbehind_desktop.store.store import Store
from leftbehind_desktop.store.sync import MergePlan, SyncStore
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


Prepared = list[tuple[str, list[tuple[Any, ...]]]]


def _prepare_raw(records: dict[str, list[dict[str, Any]]]) -> Prepared:
    """The INSERT statements and row tuples of the raw baseline (built outside its timing)."""
    prepared = []
    for kind, rows in records.items():
        f = form(kind)
        cols = list(record_columns(f))
        sql = (f'INSERT INTO "{f.table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
               f'VALUES ({", ".join("?" for _ in cols)})')
        prepared.append((sql, [tuple(to_row(f, r).values()) for r in rows]))
    return prepared


def _raw_baseline(path: Path, prepared: Prepared) -> tuple[float, float]:
    """Raw SQLCipher executemany of the same rows into the same schema (same PRAGMAs), in a
    new database; (wall, CPU) seconds."""
    conn = _connect(path, os.urandom(32))
    migrate(conn)
    t, cpu = time.perf_counter(), time.process_time()
    conn.execute("BEGIN IMMEDIATE")
    for sql, params in prepared:
        conn.executemany(sql, params)
    conn.execute("COMMIT")
    elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
    conn.close()
    return elapsed, cpu


@dataclass
class Round:
    imp_s: float
    imp_cpu: float
    raw_s: float
    raw_cpu: float
    load: float
    stages: list[tuple[int, float]]

    @property
    def ratio(self) -> float:
        return self.imp_s / self.raw_s


def _round(t: Path, n: int, pkg: Path, prepared: Prepared, total: int) -> Round:
    """One import into a fresh copy of the enrolled, empty district store, then the raw
    baseline into a new database."""
    directory = t / f"district-{n}"
    shutil.copytree(t / "district", directory)
    district = Store.open(directory, passphrase=PASS)
    stages: list[tuple[int, float]] = []
    load = os.getloadavg()[0]
    try:
        t0, cpu0 = time.perf_counter(), time.process_time()
        report = package.import_package(
            district, pkg, progress=lambda d, _n: stages.append((d, time.perf_counter() - t0)))
        imp_s, imp_cpu = time.perf_counter() - t0, time.process_time() - cpu0
        assert report.counts["new"] + report.counts["duplicate"] == total, report.counts
    finally:
        district.close()
    shutil.rmtree(directory)
    raw_s, raw_cpu = _raw_baseline(t / f"raw-{n}.db", prepared)
    (t / f"raw-{n}.db").unlink()
    return Round(imp_s, imp_cpu, raw_s, raw_cpu, load, stages)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--children", type=int, default=9000)
    ap.add_argument("--visits", type=int, default=108_000)
    ap.add_argument("--rounds", type=int, default=3,
                    help="import + raw baseline pairs, interleaved (the median is reported)")
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
                SyncStore(street).apply(MergePlan(inserts=records, events=[
                    ("bench.load", "package", None, None, {"rows": total})]), audit)
            exp_s, result = _timed(lambda: package.export_package(
                street, "2026Q4", t / "street.lbpkg"))
            has_ledger = b"ledger.xlsx" in result.path.read_bytes()[:65536]
        finally:
            street.close()
            district.close()
        ledger = "with" if has_ledger else "without"
        print(f"export:  {exp_s:6.2f} s  package {result.size / 1e6:.1f} MB ({ledger} ledger)")
        prepared = _prepare_raw(records)
        rounds = []
        for n in range(1, args.rounds + 1):
            r = _round(t, n, result.path, prepared, total)
            rounds.append(r)
            print(f"round {n}: import {r.imp_s:6.2f} s (CPU {r.imp_cpu:5.2f} s), raw executemany "
                  f"{r.raw_s:6.2f} s (CPU {r.raw_cpu:5.2f} s), ratio {r.ratio:.2f}×, "
                  f"CPU ratio {r.imp_cpu / r.raw_cpu:.2f}×, load {r.load:.1f}")
    mid = sorted(rounds, key=lambda r: r.ratio)[len(rounds) // 2]
    imp_med = statistics.median(r.imp_s for r in rounds)
    raw_med = statistics.median(r.raw_s for r in rounds)
    print(f"import (median):  {imp_med:6.2f} s  ({total / imp_med:,.0f} rows/s)")
    print(f"raw executemany of the same rows (median): {raw_med:6.2f} s")
    print(f"ratio import / raw: median of rounds {mid.ratio:.2f}×, of medians "
          f"{imp_med / raw_med:.2f}×, worst {max(r.ratio for r in rounds):.2f}×  (target ≤ 2×)")
    print(f"load average (1 min) {min(r.load for r in rounds):.1f}–"
          f"{max(r.load for r in rounds):.1f} on {os.cpu_count()} CPUs")
    marks = {10: "container, signature, payload hash",
             95: "one pass (decrypt, parse, check, merge)", 100: "commit"}
    print("stages of the median round:")
    prev, seen = 0.0, set[int]()
    for done, at in mid.stages:
        if done in marks and done not in seen:
            seen.add(done)
            print(f"  ..{marks[done]:<39} {at - prev:6.2f} s")
            prev = at


if __name__ == "__main__":
    main()
