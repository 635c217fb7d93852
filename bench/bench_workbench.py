"""The district's workbench at district scale (issue 15; DESIGN §9: ≤ 300 ms at 100,000).

    .venv/bin/python -m bench.bench_workbench [--children 100000] [--runs 7]

On the cached district store of ``bench/district_data.py`` (built on first use), measures:

1. the workbench load as the GUI calls it (``ui/workbench_page.py``): the store's read-only
   connection (``Registry.reading``; kept between uses, so its page cache stays warm until
   the data changes), ``workbench(limit=SCREEN_ROWS)`` — every list's first 500 rows and its
   full count; median of ``--runs``; and the first load after unlocking (a new reader
   connection: every page decrypted again), median of ``--runs``;
2. the same load on one warm connection, and each list alone (median);
3. the bare library: the very statements the load ran (captured with the connection's
   trace callback, parameters bound) replayed through raw ``sqlcipher3`` with the same
   key and PRAGMAs, rows fetched and nothing else; the ratio load / bare;
4. peak memory: the process's resident peak (``VmHWM``, reset through
   ``/proc/self/clear_refs``) above the resident set before the loads, and Python's own
   allocation peak (``tracemalloc``) of one load.

Times are wall-clock and CPU (``process_time``) — the machine is shared; the load average
is printed with the results.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import sqlcipher3

from bench import district_data
from leftbehind_desktop.store import pending, worklists
from leftbehind_desktop.store.connection import CACHE_KIB, DB_NAME
from leftbehind_desktop.store.registry import Registry


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])  # kB
    return 0


def _timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    """Median wall and CPU milliseconds of ``runs`` calls (after one warm-up call)."""
    value = fn()
    walls, cpus = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        value = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000, value


def _raw_connection(path: Path, key: bytes) -> Any:
    conn = sqlcipher3.connect(str(path / DB_NAME), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA query_only = ON")
    return conn


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--children", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    path = district_data.cached(args.children)
    store = district_data.open_store(path)
    reg = Registry(store)
    as_of = date.today()
    rows = worklists.SCREEN_ROWS
    interval = store.int_setting("priority_interval_days", 14)
    print(f"store: {path} ({sum(p.stat().st_size for p in path.iterdir() if p.is_file()) / 1e6:.0f} MB), "
          f"{reg.count_children():,} children, as of {as_of}")

    def gui_load() -> worklists.Workbench:
        with reg.reading() as reader:
            return reader.workbench(as_of, limit=rows)

    Path("/proc/self/clear_refs").write_text("5")
    rss_before = _status("VmRSS")
    load = os.getloadavg()[0]
    wall, cpu, wb = _timed(gui_load, args.runs)
    peak = _status("VmHWM") - rss_before
    print(f"\nworkbench load as the GUI calls it (the kept reader, {rows} rows per list), "
          f"median of {args.runs}: {wall:.0f} ms wall, {cpu:.0f} ms CPU  (bar ≤ 300 ms)")

    def first_load() -> worklists.Workbench:
        store.release_reader()  # as after unlocking: a new connection, nothing cached
        return gui_load()

    fwall, fcpu, _ = _timed(first_load, args.runs)
    print(f"first load after unlocking (new reader connection), median of {args.runs}: "
          f"{fwall:.0f} ms wall, {fcpu:.0f} ms CPU")
    print("  lists: " + ", ".join(f"{n} {wb.total(n):,}" for n in worklists.LISTS)
          + f"; overdue {wb.overdue:,}; active {wb.active_children:,}")

    # one warm connection: the whole load, then list by list
    with reg.reading() as reader:
        conn = reader.conn
        warm_wall, warm_cpu, _ = _timed(lambda: worklists.workbench(conn, as_of, interval, rows),
                                        args.runs)
        print(f"workbench load on a warm connection: {warm_wall:.0f} ms wall, {warm_cpu:.0f} ms CPU")
        parts: dict[str, Callable[[], Any]] = {
            "due (page)": lambda: worklists.due_list(conn, as_of, interval, rows),
            "due (counts)": lambda: worklists.due_counts(conn, as_of, interval),
            "priority": lambda: worklists.priority_cases(conn, as_of, interval, rows),
            "open_reports": lambda: worklists.open_reports(conn, rows),
            "needs_entrustment (R3)": lambda: worklists.needs_entrustment(conn, as_of,
                                                                          limit=rows),
            "exit_proposals (R7)": lambda: worklists.exit_proposals(conn, as_of, rows),
            "verify_at_home": lambda: worklists.verify_at_home(conn, rows),
            "out_of_school": lambda: worklists.out_of_school(conn, as_of, rows),
            "awaiting_assessment": lambda: worklists.awaiting_assessment(conn, rows),
            "revocation": lambda: worklists.revocation(conn, as_of, rows),
            "to_complete": lambda: pending.pending_items(conn, worklists.PENDING_LIMIT),
            "active children": lambda: worklists.active_children(conn),
            "R3 in full (all rows)": lambda: worklists.needs_entrustment(conn, as_of),
            "R7 in full (all rows)": lambda: worklists.exit_proposals(conn, as_of),
            "R3 per village (dashboard)": lambda: worklists.entrustment_gap_counts(conn, as_of),
        }
        print("each list alone (warm, median):")
        for name, fn in parts.items():
            w, c, _ = _timed(fn, args.runs)
            print(f"  {name:<28} {w:7.1f} ms wall {c:7.1f} ms CPU")
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        worklists.workbench(conn, as_of, interval, rows)
        conn.set_trace_callback(None)

    # the bare library: the same statements through raw sqlcipher3
    raw = _raw_connection(path, store._data_key)
    sql = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]

    def bare() -> None:
        for s in sql:
            raw.execute(s).fetchall()

    raw_wall, raw_cpu, _ = _timed(bare, args.runs)
    raw.close()

    def bare_fresh() -> None:
        c = _raw_connection(path, store._data_key)
        for s in sql:
            c.execute(s).fetchall()
        c.close()

    fresh_wall, fresh_cpu, _ = _timed(bare_fresh, args.runs)
    print(f"bare sqlcipher3, the same {len(sql)} statements: warm {raw_wall:.0f} ms wall "
          f"({raw_cpu:.0f} CPU), fresh connection {fresh_wall:.0f} ms wall ({fresh_cpu:.0f} CPU)")
    print(f"ratio workbench / bare: warm {warm_wall / raw_wall:.2f}× wall "
          f"({warm_cpu / raw_cpu:.2f}× CPU); GUI path / bare fresh {wall / fresh_wall:.2f}× wall")

    tracemalloc.start()
    gui_load()
    _, py_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory: resident +{peak / 1024:.1f} MB above {rss_before / 1024:.0f} MB during "
          f"the loads; Python allocations of one load {py_peak / 1e6:.1f} MB")
    print(f"load average (1 min) {load:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    store.close()


if __name__ == "__main__":
    main()
