"""Opening spreadsheets as offices have them.

``.xlsx``/``.xlsm``, ``.xls`` (Excel 97–2003 and WPS) and ``.ods`` are read by
python-calamine (Rust ``calamine``: one fast reader for all three, wheels for Windows, macOS
and Linux; cells come back as str/int/float/bool/date). ``.csv`` is read by the standard
``csv`` module after finding the encoding: UTF-8 with or without BOM, else GB18030 (a
superset of GBK and GB2312, what Excel and WPS write for "CSV" on a Chinese Windows).
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.messages import UserError

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv")
Cell = Any
Merge = tuple[tuple[int, int], tuple[int, int]]  # ((row, col), (row, col)), 0-based, inclusive


def _unreadable(path: Path) -> UserError:
    return UserError("table_unreadable", f"无法读取表格文件“{path.name}”：文件已损坏或不是所选的格式",
                     f"Cannot read the spreadsheet \u201c{path.name}\u201d: damaged or not that format")


@dataclass
class Sheet:
    name: str
    height: int  # rows, for progress (an estimate for CSV)
    merges: list[Merge] = field(default_factory=list)
    _rows: Any = None

    def rows(self) -> Iterator[list[Cell]]:
        """Every row (0-based order), cells as str/int/float/bool/date; blank cells ''."""
        yield from self._rows()


def csv_encoding(path: Path) -> str:
    """``utf-8-sig`` when the whole file is UTF-8 (BOM or not), else ``gb18030``; streams."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _csv_sheet(path: Path) -> Sheet:
    encoding = csv_encoding(path)
    try:
        with path.open("r", encoding=encoding, newline="") as fh:
            sample = fh.read(16384)
    except (OSError, UnicodeDecodeError):
        raise _unreadable(path) from None
    counts = {d: sample.count(d) for d in (",", "\t", ";")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    size = path.stat().st_size
    lines = max(sample.count("\n"), 1)
    estimate = max(1, int(size / max(len(sample.encode(encoding, "replace")), 1) * lines))

    def rows() -> Iterator[list[Cell]]:
        with path.open("r", encoding=encoding, newline="", errors="strict") as fh:
            try:
                yield from csv.reader(fh, delimiter=delimiter)
            except (csv.Error, UnicodeDecodeError):
                raise _unreadable(path) from None

    return Sheet(path.stem, estimate, [], rows)


class Workbook:
    """One opened file: its sheet names and their rows."""

    def __init__(self, path: Path):
        self.path = path
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            raise UserError("table_suffix", "只能导入 .xlsx、.xls、.ods 或 .csv 文件",
                            "Only .xlsx, .xls, .ods or .csv files can be imported")
        if not path.is_file():
            raise UserError("table_missing", f"找不到文件“{path.name}”", f"File not found: {path.name}")
        self.is_csv = suffix == ".csv"
        self._book: Any = None
        if not self.is_csv:
            from python_calamine import CalamineWorkbook

            try:
                self._book = CalamineWorkbook.from_path(str(path))
            except Exception:  # calamine raises its own error types for damaged files
                raise _unreadable(path) from None

    @property
    def sheet_names(self) -> list[str]:
        return [self.path.stem] if self.is_csv else list(self._book.sheet_names)

    def sheet(self, name: str | None = None) -> Sheet:
        if self.is_csv:
            return _csv_sheet(self.path)
        names = self.sheet_names
        if name is None:
            name = names[0] if names else ""
        if name not in names:
            raise UserError("table_no_sheet", f"文件中没有名为“{name}”的工作表（有：{'、'.join(names)}）",
                            f"No sheet named \u201c{name}\u201d (there are: {', '.join(names)})")
        try:
            sh = self._book.get_sheet_by_name(name)
        except Exception:
            raise _unreadable(self.path) from None
        merges = [((a[0], a[1]), (b[0], b[1])) for a, b in (sh.merged_cell_ranges or [])]
        start = sh.start or (0, 0)

        def rows() -> Iterator[list[Cell]]:
            # calamine's range starts at the first used cell; keep absolute positions
            for _ in range(start[0]):
                yield []
            pad = [""] * start[1]
            for row in sh.iter_rows():
                yield pad + row if pad else row

        return Sheet(name, int(sh.total_height or sh.height or 0), merges, rows)

    def close(self) -> None:
        if self._book is not None:
            self._book.close()
            self._book = None


def read_sample(sheet: Sheet, limit: int = 30) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for row in sheet.rows():
        out.append(row)
        if len(out) >= limit:
            break
    return out


def decode_text(data: bytes) -> str:
    """Bytes of a small text file (a mapping, a list) as UTF-8 or GB18030."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")
