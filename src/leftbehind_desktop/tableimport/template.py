"""The blank template (.xlsx) in the national layout, with drop-down lists, for offices that
start from paper. Columns come from ``forms/tableimport.toml`` [template], labels and lists
from the forms and codebooks; the importer reads a filled template without any correction."""

from __future__ import annotations

import tomllib
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..core.codebooks import codebook, forms_dir
from .config import UNIT_FIELD, vocabulary

HEADER_FIRST_ROW = 3  # 1: title, 2: unit and date lines, 3–4: header
DATA_ROWS = 500


def template_columns(with_unit: bool = False) -> list[str]:
    raw = tomllib.loads(forms_dir().joinpath("tableimport.toml").read_text("utf-8"))
    cols = list(raw["template"]["columns"])
    return [f"child.{UNIT_FIELD}", *cols] if with_unit else cols


def template_title() -> str:
    raw = tomllib.loads(forms_dir().joinpath("tableimport.toml").read_text("utf-8"))
    return str(raw["template"]["title"])


def header_cells(with_unit: bool = False) -> list[tuple[str, str]]:
    """(group, header) per column: group "" for the child's own fields."""
    vocab = vocabulary()
    out = []
    for target in template_columns(with_unit):
        role_id, name = target.split(".", 1)
        role = vocab.roles[role_id]
        label = role.field_label(name)
        out.append(("" if role_id == "child" else role.zh, label))
    return out


def write_template(path: Path, with_unit: bool = False) -> Path:
    vocab = vocabulary()
    wb = Workbook()
    ws = wb.active
    ws.title = "登记表"
    lists = wb.create_sheet("选项")
    lists.sheet_state = "hidden"
    cols = template_columns(with_unit)
    heads = header_cells(with_unit)
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.cell(1, 1, template_title()).font = Font(bold=True, size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(cols))
    ws.cell(1, 1).alignment = center
    ws.cell(2, 1, "填报单位：                    统计截止日期：      年    月    日")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(cols))
    top, sub = HEADER_FIRST_ROW, HEADER_FIRST_ROW + 1
    c = 0
    while c < len(cols):
        group, label = heads[c]
        if not group:
            ws.cell(top, c + 1, label)
            ws.merge_cells(start_row=top, start_column=c + 1, end_row=sub, end_column=c + 1)
            c += 1
            continue
        end = c
        while end + 1 < len(cols) and heads[end + 1][0] == group:
            end += 1
        ws.cell(top, c + 1, group)
        ws.merge_cells(start_row=top, start_column=c + 1, end_row=top, end_column=end + 1)
        for k in range(c, end + 1):
            ws.cell(sub, k + 1, heads[k][1])
        c = end + 1
    for r in (top, sub):
        for k in range(len(cols)):
            cell = ws.cell(r, k + 1)
            cell.font, cell.fill, cell.alignment, cell.border = bold, fill, center, box
    first, last = sub + 1, sub + DATA_ROWS
    book_col: dict[str, str] = {}
    for k, target in enumerate(cols):
        role_id, name = target.split(".", 1)
        letter = get_column_letter(k + 1)
        ws.column_dimensions[letter].width = 20 if "id_number" in name else 12
        if name == UNIT_FIELD:
            continue
        fd = vocab.roles[role_id].form.field(name)
        formula: str | None = None
        if fd.type == "bool":
            formula = '"是,否"'
        elif fd.type == "choice" and fd.codebook:
            if fd.codebook not in book_col:
                values = codebook(fd.codebook).values
                lc = get_column_letter(len(book_col) + 1)
                lists.cell(1, len(book_col) + 1, codebook(fd.codebook).zh)
                for i, v in enumerate(values, start=2):
                    lists.cell(i, len(book_col) + 1, v)
                book_col[fd.codebook] = f"选项!${lc}$2:${lc}${len(values) + 1}"
            formula = book_col[fd.codebook]
        if fd.type in ("id_number", "phone", "text", "textarea", "multichoice"):
            for r in range(first, last + 1):
                ws.cell(r, k + 1).number_format = "@"  # text: an ID number never becomes a number
        if fd.type == "date":
            for r in range(first, last + 1):
                ws.cell(r, k + 1).number_format = "yyyy-mm-dd"
        if formula:
            dv = DataValidation(type="list", formula1=formula, allow_blank=True,
                                error="请从下拉列表中选择", errorTitle="取值不在列表中",
                                showErrorMessage=True)
            dv.add(f"{letter}{first}:{letter}{last}")
            ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(first, 2)
    ws.print_title_rows = f"{top}:{sub}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
