"""Start-up benchmark (DESIGN §9: start to unlock dialog ≤ 1 s; unlock to usable registry ≤ 0.5 s).

    .venv/bin/python -m bench.bench_startup [--children 100000] [--dir /tmp/lb-bench-startup] [--reuse]

1. Builds (or reuses) a store of N children with ``core.demo`` through
   ``Registry.bulk_insert`` (validated, audited). To save build time only each child's two
   newest visits are kept (≈2 visits per child instead of ≈12); the registry table does not
   read visits except for the "last visit" column of the rows on screen.
2. Launch → unlock dialog: a fresh ``python -m leftbehind_desktop.ui.app --store DIR``
   process (offscreen Qt) reports the wall-clock moment its unlock dialog is up; measured
   from just before the process is spawned (interpreter start, imports, QApplication,
   translators included). Median of several runs.
3. Unlock → usable registry: in this process, the real unlock dialog gets the passphrase;
   timed from the click to the moment the registry model has its first rows (ids of all
   children loaded, first page fetched). Split into key derivation + open (Argon2id at the
   default cost, in a worker thread) and the registry load. The workbench (computed in the
   background afterwards) is timed separately.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from leftbehind_desktop.core import demo
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store
from leftbehind_desktop.ui.app import STARTUP_PROBE, AppController, make_app

PASSPHRASE = "benchmark passphrase 启动"
UNIT = "210213000000"
VISITS_KEPT = 2


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def build(directory: Path, children: int) -> dict[str, int]:
    if directory.exists():
        shutil.rmtree(directory)
    store, _ = Store.init(directory, PASSPHRASE, role="district", unit_code=UNIT,
                          unit_name="金普新区", officer="基准测试")  # default Argon2id cost
    counts: dict[str, int] = {}
    try:
        reg = Registry(store)
        reg.add_demo_units(demo.demo_units(UNIT) + demo.street_units(UNIT))
        for batch in demo.generate(UNIT, children, seed=11, device_id=store.device_id):
            visits = batch.records.get("visit", [])
            by_child: dict[str, list[dict[str, object]]] = {}
            for v in visits:
                by_child.setdefault(str(v["child_id"]), []).append(v)
            batch.records["visit"] = [v for vs in by_child.values()
                                      for v in sorted(vs, key=lambda r: str(r["visit_date"]))[-VISITS_KEPT:]]
            reg.bulk_insert(batch.records, action="record.demo")
            for kind, rows in batch.records.items():
                counts[kind] = counts.get(kind, 0) + len(rows)
    finally:
        store.close()
    return counts


def launch_to_unlock(directory: Path, runs: int) -> list[float]:
    times: list[float] = []
    env = {**os.environ, STARTUP_PROBE: "1", "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(runs):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-m", "leftbehind_desktop.ui.app", "--store",
                              str(directory)], env=env, capture_output=True, text=True,
                             timeout=60, check=False)
        line = next((ln for ln in out.stdout.splitlines() if ln.startswith("unlock-shown")), None)
        if line is None:
            raise SystemExit(f"the app did not report its unlock dialog: {out.stderr[-500:]}")
        times.append(float(line.split()[1]) - t0)
    return times


def wait(cond: object, timeout: float = 120.0) -> None:
    assert callable(cond)
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise SystemExit("timed out")
        QApplication.processEvents()
        time.sleep(0.0005)


def unlock_to_registry(directory: Path) -> dict[str, float]:
    make_app(["bench"], "zh")
    ctl = AppController(directory)
    ctl.start()
    dlg = ctl.unlock
    assert dlg is not None
    wait(lambda: dlg.isVisible())
    # an officer needs a few seconds to type the passphrase; the store layer preloads meanwhile
    end = time.monotonic() + 3
    wait(lambda: time.monotonic() > end)
    marks: dict[str, float] = {}
    ctl.session.opened.connect(lambda: marks.setdefault("opened", time.perf_counter()))
    dlg.passphrase.setText(PASSPHRASE)
    t0 = time.perf_counter()
    dlg.unlock_button.click()
    wait(lambda: ctl.window is not None and ctl.window.registry.model.rowCount() > 0)
    win = ctl.window
    assert win is not None
    model = win.registry.model
    first = model.data(model.index(0, 0))
    t_ready = time.perf_counter()
    assert first
    wait(lambda: win.workbench.workbench is not None)
    t_wb = time.perf_counter()
    result = {"unlock_to_registry_ms": ms(t_ready - t0),
              "kdf_and_open_ms": ms(marks["opened"] - t0),
              "registry_load_ms": ms(t_ready - marks["opened"]),
              "workbench_background_ms": ms(t_wb - t_ready),
              "rows": model.rowCount()}
    # scrolling far down fetches one more page
    t1 = time.perf_counter()
    model.data(model.index(model.rowCount() - 1, 0))
    result["page_fetch_ms"] = ms(time.perf_counter() - t1)
    t1 = time.perf_counter()
    win.registry.search.setText("zxm")
    win.registry.apply_filter()
    result["search_as_you_type_ms"] = ms(time.perf_counter() - t1)
    win.close()
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--children", type=int, default=100_000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/lb-bench-startup"))
    ap.add_argument("--reuse", action="store_true", help="reuse a store built before")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    report: dict[str, object] = {"children": args.children}
    if not (args.reuse and Store.exists(args.dir)):
        t = time.perf_counter()
        report["built"] = build(args.dir, args.children)
        report["build_s"] = round(time.perf_counter() - t, 1)
    launches = launch_to_unlock(args.dir, args.runs)
    report["launch_to_unlock_ms"] = {"median": ms(statistics.median(launches)),
                                     "max": ms(max(launches)), "runs": len(launches)}
    report.update(unlock_to_registry(args.dir))
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
