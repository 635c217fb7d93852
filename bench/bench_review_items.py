"""Benchmark: what record-level review (逐条审核) adds to an import — the review items of the
bench's street package (``bench_sync``: 9,000 children, their guardian entrustments, priority flags and mandatory
reports), made by the import hook (``sync.review.ItemMaker``) in one transaction, as at a
first import (every record new), then as a second import where every one changed while the
first items are still pending (the slowest path: each record's pending item looked up and
brought up to date).

    .venv/bin/python -m bench.bench_review_items [--children 9000] [--rounds 3]

CPU seconds (``process_time``) beside wall time: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.store import Store
from leftbehind_desktop.sync.review import ItemMaker

from .bench_sync import DISTRICT, STREET, _records

KINDS = ("child", "entrustment", "priority_flag", "mandatory_report")  # the forms with [review]
OTHER = {"child": "notes", "entrustment": "end_date", "priority_flag": "detail",
         "mandatory_report": "details"}


def _make(store: Store, changes: list[tuple[str, Any, Any]], package_id: str) -> tuple[float, float, int]:
    t, cpu = time.perf_counter(), time.process_time()
    with store.transaction():
        maker = ItemMaker(store, package_id, STREET, "2026Q3")
        for i in range(0, len(changes), 5000):  # the import's batches
            maker.add(changes[i:i + 5000])
    return time.perf_counter() - t, time.process_time() - cpu, maker.count


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--children", type=int, default=9000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    recs = _records(args.children, 0)
    new = [(k, None, r) for k in KINDS for r in recs[k]]
    changed = [(k, r, {**r, "version": int(r["version"]) + 1, OTHER[k]: "改"}) for k, _b, r in new]
    first: list[tuple[float, float]] = []
    second: list[tuple[float, float]] = []
    for n in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            store, _key = Store.init(Path(tmp) / "d", "bench passphrase", role="district",
                                     unit_code=DISTRICT, unit_name="区", officer="bench",
                                     kdf=KdfParams.fast())
            try:
                w1, c1, made = _make(store, new, "pkg-1")
                w2, c2, updated = _make(store, changed, "pkg-2")
            finally:
                store.close()
        first.append((w1, c1))
        second.append((w2, c2))
        print(f"round {n + 1}: first import {made} items {w1:.2f} s (CPU {c1:.2f} s); "
              f"all changed, pending items brought up to date {updated}: {w2:.2f} s "
              f"(CPU {c2:.2f} s); load {os.getloadavg()[0]:.1f}")
    for label, runs in (("first import", first), ("all changed", second)):
        print(f"{label} (median): {statistics.median(w for w, _ in runs):.2f} s, "
              f"CPU {statistics.median(c for _, c in runs):.2f} s")


if __name__ == "__main__":
    main()
