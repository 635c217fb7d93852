"""Benchmark: a street-scale package (9,000 children, 108,000 visits) — export time,
package size, district import time, and the ratio to raw ``sqlcipher3`` ``executemany`` of
the same rows measured in the same run (DESIGN §9: target ≤ 2×).

    .venv/bin/python -m bench.bench_sync [--children 9000] [--visits 108000] [--rounds 3]

The machine is shared (2 cores): import and baseline are measured in interleaved rounds.
Both sides get the same conditions: a fresh copy of the same empty, enrolled district store
(same schema, indexes, triggers and PRAGMAs, opened by ``Store.open``), one ``BEGIN
IMMEDIATE`` … ``COMMIT``, the cyclic garbage collector paused (the import pauses it), the
pinyin-initials cache emptied, and rows as fresh Python objects (the baseline's are
unpickled anew each round outside its timer: no string carries a cached UTF-8 form from an
earlier round). The baseline's row tuples are built by the importer's own builder
(``store.records.row_tuples``, name initials included): its time is reported apart, and
the ratio is given against the baseline with it (the import builds its tuples in its
timer, so the baseline does too) and without it (executemany of ready tuples only).
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
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
from leftbehind_desktop.core.pinyin import initials
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.records import row_tuples
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.schema import RECORD_KINDS, record_columns
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


def _inserts() -> dict[str, str]:
    """The INSERT statement of each record kind (all columns, as the import writes)."""
    out = {}
    for kind in RECORD_KINDS:
        f = form(kind)
        cols = list(record_columns(f))
        out[kind] = (f'INSERT INTO "{f.table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                     f'VALUES ({", ".join("?" for _ in cols)})')
    return out


def _fresh_store(t: Path, name: str) -> Store:
    """A fresh copy of the enrolled, empty district store, opened as the program opens it."""
    shutil.copytree(t / "district", t / name)
    return Store.open(t / name, passphrase=PASS)


def _raw_baseline(t: Path, n: int, blob: bytes) -> tuple[float, float, float, float]:
    """Raw SQLCipher executemany of the same rows into a copy of the same district store, in
    one transaction; (tuple-building wall, CPU, executemany + commit wall, CPU) seconds."""
    store = _fresh_store(t, f"raw-{n}")
    records: dict[str, list[dict[str, Any]]] = pickle.loads(blob)  # fresh objects
    sql = _inserts()
    initials.cache_clear()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        prepared = [(sql[kind], list(map(row_tuples(form(kind)), rows)))
                    for kind, rows in records.items()]
        t1, c1 = time.perf_counter(), time.process_time()
        store.conn.execute("BEGIN IMMEDIATE")
        for statement, params in prepared:
            store.conn.executemany(statement, params)
        store.conn.execute("COMMIT")
        t2, c2 = time.perf_counter(), time.process_time()
    finally:
        if was_enabled:
            gc.enable()
    store.close()
    shutil.rmtree(t / f"raw-{n}")
    return t1 - t0, c1 - c0, t2 - t1, c2 - c1


@dataclass
class Round:
    imp_s: float
    imp_cpu: float
    build_s: float  # the baseline's row tuples
    build_cpu: float
    raw_s: float  # the baseline's executemany + commit
    raw_cpu: float
    load: float
    stages: list[tuple[int, float]]

    @property
    def ratio(self) -> float:
        """Against the baseline with its tuple building (both sides build their tuples)."""
        return self.imp_s / (self.build_s + self.raw_s)

    @property
    def strict(self) -> float:
        """Against executemany of ready tuples only."""
        return self.imp_s / self.raw_s

    @property
    def cpu_ratio(self) -> float:
        return self.imp_cpu / (self.build_cpu + self.raw_cpu)


def _round(t: Path, n: int, pkg: Path, blob: bytes, total: int) -> Round:
    """One import into a fresh copy of the enrolled, empty district store, then the raw
    baseline into another copy."""
    district = _fresh_store(t, f"district-{n}")
    stages: list[tuple[int, float]] = []
    load = os.getloadavg()[0]
    initials.cache_clear()  # the import computes every child's initials, as in real use
    try:
        t0, cpu0 = time.perf_counter(), time.process_time()
        report = package.import_package(
            district, pkg, progress=lambda d, _n: stages.append((d, time.perf_counter() - t0)))
        imp_s, imp_cpu = time.perf_counter() - t0, time.process_time() - cpu0
        assert report.counts["new"] + report.counts["duplicate"] == total, report.counts
    finally:
        district.close()
    shutil.rmtree(t / f"district-{n}")
    build_s, build_cpu, raw_s, raw_cpu = _raw_baseline(t, n, blob)
    return Round(imp_s, imp_cpu, build_s, build_cpu, raw_s, raw_cpu, load, stages)


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
        blob = pickle.dumps(records)
        del records
        rounds = []
        for n in range(1, args.rounds + 1):
            r = _round(t, n, result.path, blob, total)
            rounds.append(r)
            print(f"round {n}: import {r.imp_s:6.2f} s (CPU {r.imp_cpu:5.2f} s); raw: tuples "
                  f"{r.build_s:5.2f} s (CPU {r.build_cpu:5.2f} s) + executemany and commit "
                  f"{r.raw_s:6.2f} s (CPU {r.raw_cpu:5.2f} s); ratio {r.ratio:.2f}× "
                  f"(CPU {r.cpu_ratio:.2f}×; to executemany alone {r.strict:.2f}×), "
                  f"load {r.load:.1f}")
    mid = sorted(rounds, key=lambda r: r.ratio)[len(rounds) // 2]
    imp_med = statistics.median(r.imp_s for r in rounds)
    raw_med = statistics.median(r.build_s + r.raw_s for r in rounds)
    strict_med = statistics.median(r.raw_s for r in rounds)
    print(f"import (median):  {imp_med:6.2f} s  ({total / imp_med:,.0f} rows/s)")
    print(f"raw: row tuples + executemany of the same rows (median): {raw_med:6.2f} s; "
          f"executemany alone {strict_med:6.2f} s")
    print(f"ratio import / raw: median of rounds {mid.ratio:.2f}×, of medians "
          f"{imp_med / raw_med:.2f}×, worst {max(r.ratio for r in rounds):.2f}×  (target ≤ 2×); "
          f"to executemany alone: median of rounds "
          f"{sorted(r.strict for r in rounds)[len(rounds) // 2]:.2f}×, worst "
          f"{max(r.strict for r in rounds):.2f}×")
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
