"""A street office's list of villages (名称 + 区划代码), from the same kinds of files."""

from __future__ import annotations

import re
from pathlib import Path

from ..core.messages import UserError
from .config import norm_header
from .reader import Workbook
from .values import text_of

NAME_HEADERS = {norm_header(h) for h in ("村（社区）名称", "村（社区）", "村名", "名称", "单位名称", "村居名称",
                                         "社区名称", "村", "社区")}
CODE_HEADERS = {norm_header(h) for h in ("区划代码", "统计用区划代码", "代码", "村代码", "单位代码", "编码")}


def read_villages(path: Path, sheet: str | None = None) -> list[tuple[int, str, str]]:
    """(row, name, code) of every filled row under the header that has a name and a code column
    (on the sheet named, or the first sheet that has one)."""
    wb = Workbook(path)
    try:
        for name in [sheet] if sheet is not None else wb.sheet_names:
            found = _read(wb, name)
            if found is not None:
                return found
        raise UserError("villages_no_header", "没有找到“名称”和“区划代码”两列",
                        "No 名称 and 区划代码 columns found")
    finally:
        wb.close()


def _read(wb: Workbook, sheet: str | None) -> list[tuple[int, str, str]] | None:
    sh = wb.sheet(sheet)
    name_col = code_col = None
    out: list[tuple[int, str, str]] = []
    for n, cells in enumerate(sh.rows(), start=1):
        texts = [text_of(c) for c in cells]
        if name_col is None or code_col is None:
            keys = [norm_header(t) for t in texts]
            names = [i for i, k in enumerate(keys) if k in NAME_HEADERS]
            codes = [i for i, k in enumerate(keys) if k in CODE_HEADERS]
            if names and codes:
                name_col, code_col = names[0], codes[0]
            elif n > 15:
                break
            continue
        name = texts[name_col] if name_col < len(texts) else ""
        code = re.sub(r"\s", "", texts[code_col]) if code_col < len(texts) else ""
        if name or code:
            out.append((n, name, code))
    return None if name_col is None else out
