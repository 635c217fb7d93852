"""Export benchmarks: one child file PDF, a 1,000-child batch, a 100,000-row ledger.

Run: ``.venv/bin/python -m bench.bench_exports [--children 100000] [--batch 1000]``.
Each figure comes with the same content written by bare reportlab / openpyxl in the same
run, and the ratio. Results go to stdout (Markdown table) for docs/benchmarks/exports.md.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from leftbehind_desktop.core import demo
from leftbehind_desktop.core.dates import quarter_bounds
from leftbehind_desktop.exports.child_pdf import render_child_bytes, render_child_files
from leftbehind_desktop.exports.fonts import font_set
from leftbehind_desktop.exports.ledger import iter_rows, ledger_columns, write_ledger
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store

DISTRICT = "210213000000"
AS_OF = date(2026, 12, 20)
PERIOD = "2026Q4"


def build_store(directory: Path, children: int) -> Registry:
    store, _ = Store.init(directory, "bench passphrase 马", role="district", unit_code=DISTRICT,
                          unit_name="金普新区民政局", officer="王建国", kdf=KdfParams.fast())
    reg = Registry(store, today=lambda: date(2026, 12, 31))
    reg.add_demo_units(demo.demo_units(DISTRICT) + demo.street_units(DISTRICT))
    for batch in demo.generate(DISTRICT, children, seed=3, as_of=AS_OF,
                               device_id=store.device_id, batch_size=2000):
        reg.bulk_insert(batch.records, action="record.demo", validate=False)
    return reg


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def bare_pdf(file: dict[str, Any]) -> bytes:
    """The same texts as plain reportlab paragraphs (same font, CJK wrap, no furniture)."""
    style = ParagraphStyle("bare", fontName=font_set().primary, fontSize=9, leading=12,
                           wordWrap="CJK")
    story = []
    for key, value in file.items():
        records = value if isinstance(value, list) else [value]
        for rec in records:
            if isinstance(rec, dict):
                text = "；".join(f"{k}：{v}" for k, v in rec.items() if v not in (None, ""))
                story.append(Paragraph(f"{key} {text}".replace("&", "&amp;")
                                       .replace("<", "&lt;"), style))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(story)
    return buf.getvalue()


def bench_child_files(reg: Registry, out: Path, batch: int) -> list[tuple[str, str]]:
    ids = reg.child_ids(limit=max(batch, 60))
    render_child_bytes(reg, ids[0])  # warm up: font loading (once per process)
    ours: list[float] = []
    for cid in ids[1:51]:
        t = time.perf_counter()
        render_child_bytes(reg, cid)
        ours.append(time.perf_counter() - t)
    bare: list[float] = []
    for cid in ids[1:51]:
        file = reg.child_file(cid)
        t = time.perf_counter()
        bare_pdf(file)
        bare.append(time.perf_counter() - t)
    pages = statistics.mean(render_child_bytes(reg, i)[1] for i in ids[1:11])
    t_batch, paths = timed(lambda: render_child_files(reg, ids[:batch], out / "batch"))
    t_comb, _ = timed(lambda: render_child_files(reg, ids[:batch], out / "all.pdf",
                                                 combined=True))
    med, p95 = statistics.median(ours), sorted(ours)[int(len(ours) * 0.95) - 1]
    bmed = statistics.median(bare)
    return [
        (f"one child file (median of 50, ≈{pages:.1f} pages)",
         f"{med * 1000:.0f} ms (p95 {p95 * 1000:.0f} ms); bare reportlab {bmed * 1000:.0f} ms; "
         f"ratio {med / bmed:.2f}; target ≤ 150 ms"),
        (f"{len(paths)}-child batch, one PDF each", f"{t_batch:.1f} s "
         f"({t_batch / len(paths) * 1000:.0f} ms per child)"),
        (f"{batch}-child combined PDF with contents", f"{t_comb:.1f} s"),
    ]


def bare_rows(reg: Registry, profile: str) -> Iterator[list[Any]]:
    start, end = quarter_bounds(PERIOD)
    cols = ledger_columns(profile)
    for n, row in enumerate(iter_rows(reg, start, end), start=1):
        yield [n, *(c.get(row) for c in cols)]


def bench_ledger(reg: Registry, out: Path) -> list[tuple[str, str]]:
    n = reg.count_children()
    t_ours, _ = timed(lambda: write_ledger(reg, PERIOD, out / "ledger.xlsx"))

    def bare() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("bare")
        for values in bare_rows(reg, "full"):
            ws.append(values)
        wb.save(out / "bare.xlsx")

    t_bare, _ = timed(bare)
    tracemalloc.start()
    write_ledger(reg, PERIOD, out / "ledger2.xlsx")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    tracemalloc.start()
    bare()
    _, bare_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = (out / "ledger.xlsx").stat().st_size
    return [
        (f"ledger, {n:,} children (信息台账 + 花名册 + 汇总表)",
         f"{t_ours:.1f} s; bare openpyxl write-only of the same ledger rows {t_bare:.1f} s; "
         f"ratio {t_ours / t_bare:.2f}; file {size / 1e6:.1f} MB"),
        ("ledger peak Python memory (tracemalloc)",
         f"{peak / 1e6:.0f} MB; bare openpyxl {bare_peak / 1e6:.0f} MB"),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--store", type=Path,
                        help="reuse an existing store (e.g. bench.bench_store's district store)")
    parser.add_argument("--passphrase", default="benchmark passphrase")
    args = parser.parse_args(argv)
    results: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-exports-") as tmp:
        base = Path(tmp)
        if args.store:
            reg = Registry(Store.open(args.store, passphrase=args.passphrase))
            results.append(("store reused", f"{reg.count_children():,} children"))
        else:
            t_build, reg = timed(lambda: build_store(base / "store", args.children))
            results.append((f"build store: {args.children:,} demo children (not an export)",
                            f"{t_build:.0f} s"))
        results += bench_child_files(reg, base, args.batch)
        results += bench_ledger(reg, base)
        reg.store.close()
    print("| what | result |\n|---|---|")
    for what, result in results:
        print(f"| {what} | {result} |")


if __name__ == "__main__":
    main()
