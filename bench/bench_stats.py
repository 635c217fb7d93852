"""汇总分析 at district scale (issue 15): the dashboard's figures and the 分析报告 PDF.

    .venv/bin/python -m bench.bench_stats [--children 100000] [--store DIR] [--rounds 3]
                                          [--period 2026Q3]

The store is ``bench/district_data.py``'s district (100,000 children over the 371 villages,
≈1.2 M visits), copied to a private folder (the report writes an audit event); ``--store``
takes the copy of an existing district store instead (migrated on open).

Measured in the same run, each the median of ``--rounds``:

1. ``stats.compute`` for the district — cold (remembered figures cleared): the figures alone
   and with the trend (7 earlier quarters); warm (the store unchanged: remembered); for one
   street (``--unit``, the trend's quarters then come from what the district's run left).
2. The bare library: the same first GROUP BY written by hand in raw ``sqlcipher3`` on its own
   connection to the same file (children per village × sex of the register), and the time
   of executing exactly the statements ``compute`` issues (no Python around them).
3. ``render_report`` (figures + layout + file + audit event), cold, against a bare reportlab
   document of the same shape (as many tables and rows and bar/line charts, Helvetica, no CJK
   font, no audit) built in the same run.
4. Peak memory: Python allocations (tracemalloc) of compute and of the report, and the
   process's peak RSS.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import sqlcipher3
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import SimpleDocTemplate, Table

from bench import district_data
from leftbehind_desktop.core import stats as defs
from leftbehind_desktop.core.dates import quarter_of
from leftbehind_desktop.exports.report_pdf import render_report
from leftbehind_desktop.store import stats
from leftbehind_desktop.store.store import Store


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def median_time(fn: Callable[[], Any], rounds: int, before: Callable[[], None] | None = None
                ) -> tuple[float, list[float]]:
    times = []
    for _ in range(rounds):
        if before is not None:
            before()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def peak_mb(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        fn()
        return round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    finally:
        tracemalloc.stop()


class Recorder:
    """Collects the statements a connection executes (to replay them bare)."""

    def __init__(self, connection: Any) -> None:
        self._inner = connection  # not ``conn``: stats would take that one
        self.statements: list[tuple[str, Any]] = []

    def execute(self, sql: str, params: Any = ()) -> Any:
        self.statements.append((sql, params))
        return self._inner.execute(sql, params)


def raw_connection(path: Path, key: bytes) -> Any:
    """Bare sqlcipher3 with the same key and cache size as the store (nothing else)."""
    conn = sqlcipher3.connect(str(path / "registry.db"), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA cache_size = -131072")
    conn.execute("PRAGMA query_only = ON")
    return conn


RAW_GROUP_BY = ("SELECT unit_code, sex, count(*) FROM child WHERE deleted = 0 "
                "AND status = '在册' GROUP BY unit_code, sex")


def bare_report(d: dict[str, Any]) -> bytes:
    """A bare reportlab document of the report's shape: the same tables (rows × columns) and
    charts, default font, nothing of ours."""
    story: list[Any] = []
    for key in ("by_sex", "by_age_band", "by_guardianship", "by_priority_reason"):
        values = list(d["total"]["children"][key].values())
        dr = Drawing(300, 130)
        bc = VerticalBarChart() if key in ("by_sex", "by_age_band") else HorizontalBarChart()
        bc.data = [values]
        bc.categoryAxis.categoryNames = [str(i) for i in range(len(values))]
        dr.add(bc)
        story += [dr, Table([["x", "n", "%"], *[[str(i), str(v), "1%"] for i, v in
                                                 enumerate(values)]])]
    dr = Drawing(480, 200)
    hb = HorizontalBarChart()
    hb.data = [[u["home_visit_coverage"]["share"] or 0 for u in d["units"]]]
    hb.categoryAxis.categoryNames = [str(i) for i in range(len(d["units"]))]
    dr.add(hb)
    story.append(dr)
    for series in ("children_total", "home_visit_coverage"):
        dr = Drawing(480, 150)
        lc = HorizontalLineChart()
        lc.data = [[t[series] or 0 for t in d["trend"]]]
        dr.add(lc)
        story.append(dr)
    story.append(Table([["q", "n", "c", "r"], *[[t["period"], "1", "1", "1"]
                                                for t in d["trend"]]]))
    story.append(Table([[str(i) for i in range(12)] for _ in range(len(d["units"]) + 2)]))
    story.append(Table([["u", "s", "d"], *[["x", "y", "z"] for _ in d["packages"]]]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf).build(story)
    return buf.getvalue()


def run(children: int, source: Path | None, rounds: int, workdir: Path,
        period: str | None = None) -> dict[str, Any]:
    src = source or district_data.cached(children)
    path = district_data.copy_to(src, workdir / "district")
    t = time.perf_counter()
    store = Store.open(path, passphrase=district_data.PASSPHRASE)
    opened = time.perf_counter() - t
    try:
        today = date.today()
        period = period or quarter_of(today)
        counts = {k: store.conn.execute(f"SELECT count(*) FROM {k}").fetchone()[0]
                  for k in ("child", "visit", "priority_flag", "mandatory_report")}
        out: dict[str, Any] = {"store": str(src), "open_and_migrate_s": round(opened, 1),
                               "records": counts, "period": period, "rounds": rounds}
        clear = stats.clear_memo
        # warm the page cache once (both sides read the same pages afterwards)
        stats.compute(store, period)
        clear()
        figures, ft = median_time(lambda: stats.compute(store, period, trend=False), rounds, clear)
        full, fullt = median_time(lambda: stats.compute(store, period), rounds, clear)
        warm, _ = median_time(lambda: stats.compute(store, period), rounds)
        street = stats.compute(store, period).as_dict()["units"][0]["unit_code"]
        one, _ = median_time(lambda: stats.compute(store, period, street), rounds)
        out["compute_ms"] = {"figures_cold": ms(figures), "with_trend_cold": ms(full),
                             "figures_cold_runs": [ms(x) for x in ft],
                             "with_trend_cold_runs": [ms(x) for x in fullt],
                             "warm": ms(warm), "one_street_after_district": ms(one)}
        # the bare library, same file, same run
        raw = raw_connection(path, store._data_key)
        try:
            raw.execute(RAW_GROUP_BY).fetchall()
            bare, _ = median_time(lambda: raw.execute(RAW_GROUP_BY).fetchall(), rounds)
            rec = Recorder(store.conn)  # the bench reads the store's own connection
            clear()
            stats.compute(rec, period)
            replay = rec.statements

            def run_replay() -> None:
                for sql, params in replay:
                    raw.execute(sql, params).fetchall()

            bare_ours, _ = median_time(run_replay, rounds)
        finally:
            raw.close()
        out["bare_ms"] = {"raw_group_by_village_sex": ms(bare),
                          "our_statements_replayed_raw": ms(bare_ours),
                          "statements": len(replay)}
        out["ratio"] = {"figures_vs_raw_group_by": round(figures / bare, 2),
                        "with_trend_vs_raw_group_by": round(full / bare, 2),
                        "with_trend_vs_our_statements_raw": round(full / bare_ours, 2)}
        # the report PDF
        pdf = workdir / "分析报告.pdf"
        rep, rept = median_time(lambda: render_report(store, period, None, pdf), rounds, clear)
        d = stats.compute(store, period).as_dict()
        bare_pdf, _ = median_time(lambda: bare_report(d), rounds)
        layout, _ = median_time(lambda: __import__(
            "leftbehind_desktop.exports.report_pdf", fromlist=["report_bytes"]).report_bytes(
                d, store.unit_name, today), rounds)
        out["report_ms"] = {"render_report_cold": ms(rep), "runs": [ms(x) for x in rept],
                            "layout_only": ms(layout), "bare_reportlab_same_shape": ms(bare_pdf),
                            "pages_bytes": pdf.stat().st_size}
        out["ratio"]["report_vs_bare_reportlab"] = round(rep / bare_pdf, 2)
        out["ratio"]["report_layout_vs_bare_reportlab"] = round(layout / bare_pdf, 2)
        clear()
        out["peak_mb"] = {"compute_python": peak_mb(lambda: stats.compute(store, period)),
                          "report_python": peak_mb(
                              lambda: (clear(), render_report(store, period, None, pdf))),
                          "process_rss": round(resource.getrusage(
                              resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
        out["figures"] = {"children": d["total"]["children"]["total"],
                          "units": len(d["units"]), "trend_quarters": len(d["trend"]),
                          "coverage": d["total"]["home_visit_coverage"]["share"],
                          "open_reports": d["total"]["reports"]["open"],
                          "entrustment_gaps": d["total"]["entrustment_gaps"],
                          "age_bands": d["total"]["children"]["by_age_band"],
                          "bands_defined": [b[0] for b in defs.AGE_BANDS]}
        with open("/proc/loadavg") as f:
            out["load_average"] = f.read().split()[:3]
        return out
    finally:
        store.close()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--children", type=int, default=100_000)
    ap.add_argument("--store", type=Path, help="an existing district store to copy")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    ap.add_argument("--period", help="quarter (default: the current one)")
    args = ap.parse_args(argv)
    if args.dir:
        args.dir.mkdir(parents=True, exist_ok=True)
        result = run(args.children, args.store, args.rounds, args.dir, args.period)
    else:
        with tempfile.TemporaryDirectory(prefix="lb-bench-stats-") as tmp:
            result = run(args.children, args.store, args.rounds, Path(tmp), args.period)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
