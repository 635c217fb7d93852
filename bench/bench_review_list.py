"""Benchmark: opening the 逐条审核 list of a street's quarter with every record new — the
review items of the bench's street package (``bench_review_items``: 9,000 children,
their entrustments, priority flags and mandatory reports) — as the screen does it, on the GUI thread
(``RecordReviewPanel.refresh``: the items, the quarter's state, the list model, the first
open item selected and its fields shown, one event-loop pass), against the bare library:
the same SELECT … LEFT JOIN child fetched with ``fetchall()`` on the same connection.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.bench_review_list [--runs 7]

Wall and CPU seconds (``process_time``): the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from leftbehind_desktop.store import review_items
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.store import Store

from .bench_review_items import KINDS, _make
from .bench_sync import DISTRICT, STREET, _records

PERIOD = "2026Q3"


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--children", type=int, default=9000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)

    from leftbehind_desktop.ui.app import make_app
    from leftbehind_desktop.ui.session import Session
    from leftbehind_desktop.ui.sync.record_review_panel import RecordReviewPanel

    recs = _records(args.children, 0)
    with tempfile.TemporaryDirectory() as tmp:
        store, _key = Store.init(Path(tmp) / "d", "bench passphrase", role="district",
                                 unit_code=DISTRICT, unit_name="区", officer="bench",
                                 kdf=KdfParams.fast())
        _w, _c, made = _make(store, [(k, None, r) for k in KINDS for r in recs[k]], "pkg-1")
        app = make_app(["bench"], "zh")
        session = Session(Path(tmp) / "d")
        session.attach(store)
        panel = RecordReviewPanel(session)
        panel.resize(1300, 700)
        panel.show()
        app.processEvents()
        panel.fill_periods(load=False)
        panel.period.setCurrentIndex(panel.period.findData(PERIOD))
        panel.unit.blockSignals(True)  # the street's items, as the district reviews them
        panel.unit.addItem("街道", STREET)
        panel.unit.setCurrentIndex(panel.unit.findData(STREET))
        panel.unit.blockSignals(False)
        sql = (review_items._SELECT + " WHERE ri.period = ? AND ri.unit_code = ? "
               "ORDER BY ri.unit_code, ri.created_at, ri.id")
        screen: list[tuple[float, float]] = []
        bare: list[tuple[float, float]] = []
        for n in range(args.runs):
            t, c = time.perf_counter(), time.process_time()
            rows = store.conn.execute(sql, (PERIOD, STREET)).fetchall()
            bare.append((time.perf_counter() - t, time.process_time() - c))
            t, c = time.perf_counter(), time.process_time()
            panel.refresh()
            app.processEvents()
            screen.append((time.perf_counter() - t, time.process_time() - c))
            assert panel.model.rowCount() == made == len(rows)
            print(f"run {n + 1}: list of {made} items {screen[-1][0]:.3f} s (CPU {screen[-1][1]:.3f} s); "
                  f"bare fetchall {bare[-1][0]:.3f} s; load {os.getloadavg()[0]:.1f}")
        panel.close()
        session.close()
    med = statistics.median
    print(f"first run (cold): {screen[0][0]:.3f} s; median of the rest: "
          f"{med(w for w, _ in screen[1:]):.3f} s (CPU {med(c for _, c in screen[1:]):.3f} s), "
          f"bare {med(w for w, _ in bare[1:]):.3f} s, ratio "
          f"{med(w for w, _ in screen[1:]) / med(w for w, _ in bare[1:]):.1f}x")


if __name__ == "__main__":
    main()
