"""An opened file ready to import: the sheet (the one named, or the first whose header is
found), its layout and its header rows (repeated in the rejected-rows workbook)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.messages import UserError
from .headers import Layout, detect
from .reader import Merge, Sheet, Workbook, decode_text, read_sample


@dataclass
class Source:
    path: Path
    workbook: Workbook
    sheet_name: str
    layout: Layout
    header_rows: list[list[Any]]
    header_merges: list[Merge]

    def sheet(self) -> Sheet:
        return self.workbook.sheet(self.sheet_name)

    def close(self) -> None:
        self.workbook.close()


def open_source(path: Path, sheet: str | None = None) -> Source:
    wb = Workbook(path)
    try:
        names = [sheet] if sheet is not None else wb.sheet_names
        error: UserError | None = None
        for name in names:
            sh = wb.sheet(name)
            sample = read_sample(sh)
            try:
                layout = detect(sample, sh.merges)
            except UserError as exc:
                error = exc
                continue
            rows = sample[layout.header_first:layout.data_start]
            merges = [((r0 - layout.header_first, c0), (r1 - layout.header_first, c1))
                      for (r0, c0), (r1, c1) in sh.merges
                      if layout.header_first <= r0 and r1 < layout.data_start]
            return Source(path, wb, sh.name, layout, rows, merges)
        assert error is not None
        if sheet is None and len(names) > 1:
            raise UserError("table_no_header_any", "所有工作表的前15行中都没有找到表头（“姓名”“身份证号”等列标题）",
                            "No sheet has a header (columns such as 姓名 or 身份证号) in its first 15 rows")
        raise error
    except BaseException:
        wb.close()
        raise


def read_mapping_file(path: Path) -> dict[str, str | None]:
    """A mapping file: JSON ``{"C": "father.name", "备注": null, …}`` (column letter or header
    text → field, null: do not import), as ``import-table --json`` prints it under "mapping"."""
    try:
        value = json.loads(decode_text(path.read_bytes()))
    except (OSError, ValueError):
        raise UserError("mapping_file", f"无法读取对应关系文件“{path.name}”（应为JSON）",
                        f"Cannot read the mapping file \u201c{path.name}\u201d (JSON expected)") from None
    if isinstance(value, list):  # the "mapping" list of a --json report
        value = {str(item["column"]): item.get("target") for item in value if isinstance(item, dict)}
    if not isinstance(value, dict):
        raise UserError("mapping_file", "对应关系文件应为一个JSON对象", "The mapping file must be one JSON object")
    return {str(k): (str(v) if v else None) for k, v in value.items()}
