"""Table import benchmark (导入已有台账): a whole street (10,000 rows) and a district-size file
(100,000 rows) in the national layout, against reading the same file with python-calamine
alone, in the same run.

Run: ``.venv/bin/python -m bench.bench_tableimport [--rows 10000 100000]``.
Each stage runs in its own process, so its peak resident memory (``ru_maxrss``) is its own:
``read`` (calamine alone: every cell of the sheet), ``dry-run`` (read + check every row, match
against the store), ``import`` (the same + write all rows in one transaction, audit, rules),
``again`` (re-import of the same file: every row unchanged). Results: Markdown on stdout for
docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from leftbehind_desktop.core import idnumber
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store

PASS = "bench passphrase 马"
VILLAGE = "210213001001"
TOP = ["序号", "姓名", "性别", "民族", "出生日期", "身份证号", "现居住地", "就学情况", "是否寄宿",
       "父亲", "", "", "", "母亲", "", "", "", "监护人", "", "", "备注"]
SUB = ["", "", "", "", "", "", "", "", "", "姓名", "身份证号", "务工地点", "联系电话",
       "姓名", "状况", "务工地点", "联系电话", "姓名", "与儿童关系", "联系电话", ""]


def row(n: int) -> list[Any]:
    sex = "男" if n % 2 else "女"
    birth = date(2011, 1, 1) + timedelta(days=n % 3650)
    fb = date(1980, 1, 1) + timedelta(days=n % 3650)
    return [n, f"李{'明华兰芳强伟丽军'[n % 8]}{n}", sex, "汉", birth.strftime("%Y.%m.%d"),
            idnumber.make("210213", birth, (n // 3650) % 100, sex), f"大李家村{n % 9 + 1}组{n}号", "小学",
            "否" if n % 3 else "是", f"李大{n}", idnumber.make("210213", fb, n % 100, "男"), "广东省深圳市",
            f"139{n:08d}", f"王秀{n}", "外出务工", "辽宁大连", f"138{n:08d}", f"张桂{n}", "外婆", f"137{n:08d}", ""]


def write_file(path: Path, rows: int) -> None:
    wb = Workbook(write_only=True)  # streams: a 100,000-row file without holding it
    ws = wb.create_sheet("台账")
    ws.append(["大李家村农村留守儿童信息台账"])
    ws.append(TOP)
    ws.append(SUB)
    for n in range(1, rows + 1):
        ws.append(row(n))
    wb.save(path)


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage(name: str, file: Path, store_dir: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    out: dict[str, Any] = {}
    if name == "read":
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(str(file))
        cells = 0
        for r in wb.get_sheet_by_name("台账").iter_rows():
            cells += len(r)
        out["cells"] = cells
    else:
        from leftbehind_desktop.store.tableimport import TableImport
        from leftbehind_desktop.tableimport.source import open_source

        store = Store.open(store_dir, PASS)
        try:
            reg = Registry(store)
            src = open_source(file)
            job = TableImport(reg, src.sheet, src.layout, file_name=file.name, sheet_name=src.sheet_name)
            report = job.run(dry_run=name == "dry-run")
            src.close()
            out.update(report.summary())
        finally:
            store.close()
    out["seconds"] = time.perf_counter() - t0
    use = resource.getrusage(resource.RUSAGE_SELF)
    out["cpu_s"] = use.ru_utime + use.ru_stime  # the whole process, start-up included
    out["maxrss_mb"] = maxrss_mb()
    return out


def run_stage(name: str, file: Path, store_dir: Path) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-m", "bench.bench_tableimport", "--stage", name, "--file", str(file),
                           "--store", str(store_dir)], capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--stage")
    p.add_argument("--file")
    p.add_argument("--store")
    args = p.parse_args()
    if args.stage:
        print(json.dumps(stage(args.stage, Path(args.file), Path(args.store))))
        return
    print("| rows | stage | wall s | CPU s (process) | × calamine read (wall) | peak RSS MB | result |")
    print("|---:|---|---:|---:|---:|---:|---|")
    for rows in args.rows:
        with tempfile.TemporaryDirectory() as tmp:
            base = Path(tmp)
            file = base / f"台账{rows}.xlsx"
            t = time.perf_counter()
            write_file(file, rows)
            sys.stderr.write(f"{rows} rows written in {time.perf_counter() - t:.1f}s\n")
            s, _ = Store.init(base / "store", PASS, role="village", unit_code=VILLAGE, unit_name="大李家村",
                              officer="刘淑华", kdf=KdfParams.fast())
            s.close()
            read = run_stage("read", file, base / "store")
            for name in ("read", "dry-run", "import", "again"):
                r = read if name == "read" else run_stage(name, file, base / "store")
                ratio = r["seconds"] / read["seconds"]
                result = (f"{r['cells']} cells" if name == "read" else
                          f"new {r['new']}, unchanged {r['unchanged']}, rejected {r['rejected']}, "
                          f"flags {r['flags_raised']}")
                print(f"| {rows:,} | {name} | {r['seconds']:.2f} | {r['cpu_s']:.2f} | {ratio:.1f} | "
                      f"{r['maxrss_mb']:.0f} | {result} |")
                sys.stdout.flush()


if __name__ == "__main__":
    main()
