"""Spreadsheets made the way offices make them: a title row, a two-row header with merged
group cells (父亲 → 姓名 / 身份证号 / 务工地点), dates and ID numbers typed every which way;
written by real writers (openpyxl, xlwt, the csv module in GBK)."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import xlwt
from openpyxl import Workbook

from leftbehind_desktop.core import idnumber

Grid = list[list[Any]]
Merge = tuple[int, int, int, int]  # first row, first col, last row, last col (0-based)

TITLE = "大李家村农村留守儿童信息台账（2026年）"
TOP = ["序号", "姓名", "性别", "民族", "出生日期", "身份证号", "现居住地", "就学情况", "是否寄宿",
       "父亲", "", "", "", "母亲", "", "", "", "监护人", "", "", "备注"]
SUB = ["", "", "", "", "", "", "", "", "", "姓名", "身份证号", "务工地点", "联系电话",
       "姓名", "状况", "务工地点", "联系电话", "姓名", "与儿童关系", "联系电话", ""]
GROUP_MERGES: list[Merge] = [(1, 9, 1, 12), (1, 13, 1, 16), (1, 17, 1, 19)]
VERTICAL = [0, 1, 2, 3, 4, 5, 6, 7, 8, 20]


def child_birth(n: int) -> date:
    return date(2011, 1, 1) + timedelta(days=n % 3650)


def child_id(n: int, birth: date, sex: str) -> str:
    """Unique for n < 365,000 (birth day and sequence both follow n)."""
    return idnumber.make("210213", birth, (n // 3650) % 100, sex)


def adult_id(n: int, birth: date, sex: str) -> str:
    return idnumber.make("210213", birth, n % 100, sex)


def name_of(n: int) -> str:
    return f"李{'明华兰芳强伟丽军'[n % 8]}{'一二三四五六七八九'[n % 9]}{n}"


def child_row(n: int, **over: Any) -> list[Any]:
    """One plausible row (seq n): both parents work away, a grandmother looks after the child."""
    sex = "男" if n % 2 else "女"
    birth = child_birth(n)
    father_birth = date(1980, 1, 1) + timedelta(days=n % 3650)
    row: dict[str, Any] = {
        "序号": n, "姓名": name_of(n), "性别": sex,
        "民族": "汉", "出生日期": birth.isoformat(), "身份证号": child_id(n, birth, sex),
        "现居住地": f"大李家村{n % 9 + 1}组{n}号", "就学情况": "小学", "是否寄宿": "否",
        "父亲姓名": f"李大{n}", "父亲身份证号": adult_id(n, father_birth, "男"), "父亲务工地点": "广东省深圳市",
        "父亲联系电话": f"139{n:08d}", "母亲姓名": f"王秀{n}", "母亲状况": "外出务工",
        "母亲务工地点": "辽宁大连", "母亲联系电话": f"138{n:08d}", "监护人姓名": f"张桂{n}",
        "监护人与儿童关系": "外婆", "监护人联系电话": f"137{n:08d}", "备注": "",
    }
    row.update(over)
    keys = ["序号", "姓名", "性别", "民族", "出生日期", "身份证号", "现居住地", "就学情况", "是否寄宿",
            "父亲姓名", "父亲身份证号", "父亲务工地点", "父亲联系电话", "母亲姓名", "母亲状况", "母亲务工地点",
            "母亲联系电话", "监护人姓名", "监护人与儿童关系", "监护人联系电话", "备注"]
    return [row[k] for k in keys]


def national_grid(rows: list[list[Any]]) -> tuple[Grid, list[Merge]]:
    grid: Grid = [[TITLE] + [""] * (len(TOP) - 1), list(TOP), list(SUB), *rows]
    merges = [(0, 0, 0, len(TOP) - 1), *GROUP_MERGES, *((1, c, 2, c) for c in VERTICAL)]
    return grid, merges


def write_xlsx(path: Path, grid: Grid, merges: list[Merge] = ()) -> Path:  # type: ignore[assignment]
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    other = wb.create_sheet("说明", 0)  # the ledger is not the first sheet
    other.append(["填表说明：请按登记表填写"])
    for r, row in enumerate(grid, start=1):
        for c, v in enumerate(row, start=1):
            if v != "" and v is not None:
                cell = ws.cell(r, c, v)
                if isinstance(v, int | float) and 30000 < v < 60000 and c == 5:
                    cell.number_format = "General"  # an Excel serial date left unformatted
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    wb.save(path)
    return path


def write_xls(path: Path, grid: Grid, merges: list[Merge] = ()) -> Path:  # type: ignore[assignment]
    """Excel 97–2003 through xlwt, as old Excel and WPS leave them."""
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("台账")
    covered: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in merges:
        ws.write_merge(r0, r1, c0, c1, grid[r0][c0])
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if (r, c) in covered or v == "" or v is None:
                continue
            if isinstance(v, date):
                ws.write(r, c, v, date_style)
            else:
                ws.write(r, c, v)
    wb.save(str(path))
    return path


def write_csv(path: Path, grid: Grid, encoding: str = "gbk") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows([["" if v is None else v for v in row] for row in grid])
    return path
