"""District-scale store benchmark (DESIGN §9).

    .venv/bin/python -m bench.bench_store [--children 100000] [--dir /tmp/lb-bench] [--reuse]

1. Insert throughput: the registry's write path (form validation + hash-chained audit event
   per record, one transaction per batch) against raw ``sqlcipher3`` ``executemany`` of the
   same rows into the same schema, measured in the same run on the same sample.
2. Builds (or reuses) a store of N children with ``core.demo`` (≈12 visits and 0.2 flags per
   child) and measures search p50/p95 (2-character name, ID-number prefix, pinyin initials) and
   the due-list time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import time
from pathlib import Path
from typing import Any

import sqlcipher3

from leftbehind_desktop.core import demo
from leftbehind_desktop.core.forms import form
from leftbehind_desktop.store.records import to_row
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.schema import migrate, record_columns
from leftbehind_desktop.store.store import Store

PASSPHRASE = "benchmark passphrase"
UNIT = "210213000000"


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def raw_executemany(path: Path, batches: list[dict[str, list[dict[str, Any]]]]) -> float:
    """The same rows straight into SQLCipher: no validation, no audit."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{os.urandom(32).hex()}'\"")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA cache_size = -131072")
    migrate(conn)
    prepared: list[tuple[int, str, list[tuple[Any, ...]]]] = []
    for batch in batches:
        for kind, rows in batch.items():
            f = form(kind)
            cols = list(record_columns(f))
            sql = (f'INSERT INTO "{f.table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                   f'VALUES ({", ".join("?" for _ in cols)})')
            prepared.append((len(prepared) // 8, sql, [tuple(to_row(f, r).values()) for r in rows]))
    start = time.perf_counter()
    current = -1
    for batch_no, insert_sql, values in prepared:
        if batch_no != current:
            if current >= 0:
                conn.execute("COMMIT")
            conn.execute("BEGIN IMMEDIATE")
            current = batch_no
        conn.executemany(insert_sql, values)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def insert_ratio(workdir: Path, children: int) -> dict[str, Any]:
    batches = [b.records for b in demo.generate(UNIT, children, seed=11, batch_size=500)]
    records = sum(len(rows) for b in batches for rows in b.values())
    raw = raw_executemany(workdir / "raw.db", batches)
    store, _ = Store.init(workdir / "ratio", PASSPHRASE, role="district", unit_code=UNIT,
                          unit_name="金普新区", officer="bench")
    reg = Registry(store)
    start = time.perf_counter()
    for b in batches:
        reg.bulk_insert(b, action="record.demo")
    ours = time.perf_counter() - start
    store.close()
    return {"children": children, "records": records, "raw_executemany_s": round(raw, 2),
            "registry_bulk_insert_s": round(ours, 2), "ratio": round(ours / raw, 2),
            "records_per_s": round(records / ours)}


def build(directory: Path, children: int) -> dict[str, Any]:
    store, _ = Store.init(directory, PASSPHRASE, role="district", unit_code=UNIT,
                          unit_name="金普新区", officer="bench")
    reg = Registry(store)
    reg.add_demo_units(demo.demo_units(UNIT, 8) + demo.street_units(UNIT))
    start = time.perf_counter()
    for b in demo.generate(UNIT, children, seed=1, batch_size=1000, villages=8):
        reg.bulk_insert(b.records, action="record.demo")
    elapsed = time.perf_counter() - start
    counts = {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("child", "visit", "priority_flag", "audit_event")}
    store.close()
    return {"build_s": round(elapsed, 1), **counts}


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def searches(directory: Path, n: int = 200) -> dict[str, Any]:
    t0 = time.perf_counter()
    store = Store.open(directory, passphrase=PASSPHRASE)
    open_s = time.perf_counter() - t0
    reg = Registry(store)
    rng = random.Random(5)
    sample = store.conn.execute(
        "SELECT name, id_number, name_initials FROM child WHERE id_number IS NOT NULL "
        "ORDER BY random() LIMIT ?", (n,)).fetchall()
    queries = {
        "name_2_chars": [name[-2:] if len(name) >= 3 else name for name, _, _ in sample],
        "id_prefix_10": [idn[:10 + rng.randint(0, 4)] for _, idn, _ in sample],
        "pinyin_initials": [ini[: rng.choice((2, 3))] for _, _, ini in sample],
        "name_3_chars_fts": [name for name, _, _ in sample if len(name) >= 3],
    }
    out: dict[str, Any] = {"open_s": round(open_s, 3)}
    reg.search("热身")  # warm the page cache once, as a user's first keystroke would
    for label, qs in queries.items():
        times, counts = [], []
        for q in qs:
            start = time.perf_counter()
            rows = reg.search(q, limit=50)
            total = reg.count_children_for(q)
            times.append(time.perf_counter() - start)
            counts.append(total)
            assert rows, f"{label}: {q!r} found nothing"
        out[label] = {"queries": len(qs), "p50_ms": ms(statistics.median(times)),
                      "p95_ms": ms(percentile(times, 95)), "max_ms": ms(max(times)),
                      "median_hits": statistics.median(counts)}
    for label, call in (("due_list_first_page_200", lambda: reg.due_list(limit=200)),
                        ("due_counts", reg.due_counts),
                        ("due_list_all", reg.due_list)):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            result = call()
            times.append(time.perf_counter() - start)
        out[label] = {"items": len(result) if isinstance(result, list) else result,
                      "median_ms": ms(statistics.median(times)), "max_ms": ms(max(times))}
    store.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--children", type=int, default=100_000)
    ap.add_argument("--ratio-children", type=int, default=5_000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/lb-bench"))
    ap.add_argument("--reuse", action="store_true", help="reuse the district store if present")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    ratio_dir = args.dir / "ratio-run"
    shutil.rmtree(ratio_dir, ignore_errors=True)
    ratio_dir.mkdir()
    results["insert"] = insert_ratio(ratio_dir, args.ratio_children)
    shutil.rmtree(ratio_dir, ignore_errors=True)
    print(json.dumps(results, ensure_ascii=False), flush=True)
    district = args.dir / f"district-{args.children}"
    if not (args.reuse and Store.exists(district)):
        shutil.rmtree(district, ignore_errors=True)
        results["build"] = build(district, args.children)
        print(json.dumps(results["build"], ensure_ascii=False), flush=True)
    results["search"] = searches(district)
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
