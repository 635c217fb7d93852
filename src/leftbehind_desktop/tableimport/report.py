"""The dry-run report in Chinese and the workbook of rejected rows.

The rejected-rows workbook repeats the sheet's own header rows and the rejected rows as they
were, with a 问题 column first; the officer fixes the cells, and the same file imports again
(the importer skips the 问题 column: it is not a field)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..core.audit_words import QT_TRANSLATE_NOOP
from .headers import column_index, describe
from .outcome import ImportReport

# what happens to a row, in words; the wizard shows them translated (context "tableimport")
ACTION_ZH = {"new": QT_TRANSLATE_NOOP("tableimport", "新增"), "update": QT_TRANSLATE_NOOP("tableimport", "更新"),
             "unchanged": QT_TRANSLATE_NOOP("tableimport", "无变化"),
             "rejected": QT_TRANSLATE_NOOP("tableimport", "不能导入")}
PROBLEM_HEADER = "问题"


def summary_text(report: ImportReport) -> str:
    s = report.summary()
    verb = "试导入（未写入）" if report.dry_run else "已导入"
    rejected = "不能导入" if report.dry_run else "未导入（有问题）"
    text = (f"{verb}：共{s['rows']}行，新增{s['new']}名儿童，更新{s['update']}名，无变化{s['unchanged']}名，"
            f"{rejected}{s['rejected']}行")
    if s["pending"]:
        parts = "、".join(f"{label}{n}名" for label, n in pending_counts(report).items())
        text += f"；待补充（表格中没有，下次入户走访时补齐，工作台列出）：{parts}"
    notes = note_counts(report)
    if notes:
        text += "；" + "、".join(f"{note}{n}行" for note, n in notes.items())
    if not report.dry_run and s["flags_raised"]:
        text += f"；规则自动标记重点对象{s['flags_raised']}项"
    if report.report_prompts:
        who = "、".join(f"第{row}行{name}（{situation}）" for row, name, situation in report.report_prompts[:10])
        more = "等" if len(report.report_prompts) > 10 else ""
        text += (f"。请立即按强制报告制度向公安机关报告{len(report.report_prompts)}名儿童的情况：{who}{more}，"
                 "并在其档案中记录强制报告")
    return text + "。"


def pending_counts(report: ImportReport) -> dict[str, int]:
    """待补充 field label → how many imported rows lack it."""
    return report.pending_counts


def note_counts(report: ImportReport) -> dict[str, int]:
    """Values read from another cell (父亲状况：外出务工（据父亲务工地点）) → rows."""
    return report.note_counts


def row_lines(report: ImportReport, limit: int | None = None) -> list[str]:
    """The rows that need the officer's eye: every problem, then every update."""
    lines: list[str] = []
    for r in report.rows:
        if r.action == "rejected":
            lines.extend(p.text() for p in r.problems)
        if limit is not None and len(lines) >= limit:
            return lines
    for r in report.rows:
        if r.action == "update":
            parts = "；".join(f"{k}：{_show(v[0])} → {_show(v[1])}" for k, v in r.changes.items())
            lines.append(f"第{r.row}行 {r.name}：更新（{parts}）")
        if limit is not None and len(lines) >= limit:
            break
    return lines


def _show(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if value is True:
        return "是"
    if value is False:
        return "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "（空）"
    return str(value)


def report_json(report: ImportReport) -> dict[str, Any]:
    return {
        "file": report.file, "sheet": report.sheet, "dry_run": report.dry_run,
        "summary": report.summary(), "mapping": describe(report.layout),
        "report_prompts": [{"row": row, "name": name, "situation": sit} for row, name, sit in report.report_prompts],
        "rows": [{"row": r.row, "action": r.action, "name": r.name, "pending": r.pending,
                  "changes": r.changes,
                  "problems": [{"column": p.column, "field": p.field, "value": p.value,
                                "problem": p.problem, "suggestion": p.suggestion} for p in r.problems]}
                 for r in report.rows if r.action != "unchanged"],
        "pending_counts": report.pending_counts, "note_counts": report.note_counts,
    }


def write_rejected(report: ImportReport, header_rows: list[list[Any]], path: Path) -> Path:
    """The rejected rows (as they were) under the sheet's header, a 问题 column first."""
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = "未导入的行"
    red = PatternFill("solid", fgColor="FCE4D6")
    wrap = Alignment(wrap_text=True, vertical="top")
    width = max([len(r) for r in header_rows] + [len(c) for _, c, _ in report.rejected_cells] + [1])
    head_style = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, row in enumerate(header_rows, start=1):
        ws.cell(r, 1, PROBLEM_HEADER if r == len(header_rows) else None)
        for c, v in enumerate(row, start=2):
            if v not in ("", None):
                ws.cell(r, c, v).font = Font(bold=True)
            ws.cell(r, c).alignment = head_style
    if len(header_rows) > 1:  # 问题 spans the header rows like the other single headers
        ws.cell(1, 1, PROBLEM_HEADER)
        ws.cell(len(header_rows), 1, None)
        ws.merge_cells(start_row=1, start_column=1, end_row=len(header_rows), end_column=1)
    for (r0, c0), (r1, c1) in report.header_merges:
        ws.merge_cells(start_row=r0 + 1, start_column=c0 + 2, end_row=r1 + 1, end_column=c1 + 2)
    ws.cell(1, 1).font = Font(bold=True, color="C00000")
    out_row = len(header_rows) + 1
    bad_cols: dict[int, set[str]] = {}
    for _row, cells, problems in report.rejected_cells:
        text = "\n".join(_short(p) for p in problems)
        ws.cell(out_row, 1, text).alignment = wrap
        lines = sum(max(1, -(-len(line) // 30)) for line in text.split("\n"))  # ~30 characters a line
        ws.row_dimensions[out_row].height = 15 * lines
        ws.cell(out_row, 1).fill = red
        letters = {p.column for p in problems if p.column}
        for c in range(width):
            v = cells[c] if c < len(cells) else ""
            if v in ("", None):
                continue
            cell = ws.cell(out_row, c + 2, v)
            if isinstance(v, str):
                cell.number_format = "@"
        for letter in letters:
            idx = _col(letter)
            if idx is not None:
                ws.cell(out_row, idx + 2).fill = red
        bad_cols[out_row] = letters
        out_row += 1
    ws.column_dimensions["A"].width = 60
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{len(header_rows)}"
    for c in range(width):  # wide enough for what the rows hold (an ID number: 18 digits)
        longest = max([len(str(cells[c])) for _, cells, _ in report.rejected_cells if c < len(cells)] + [4])
        ws.column_dimensions[get_column_letter(c + 2)].width = min(max(8, longest * 1.2 + 2), 40)
    ws.freeze_panes = ws.cell(len(header_rows) + 1, 2)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _short(p: Any) -> str:
    where = f"原第{p.row}行 {p.column}列" if p.column else f"原第{p.row}行"
    value = f"“{p.value}”" if p.value else ""
    tail = f"（{p.suggestion}）" if p.suggestion else ""
    # the column letters are those of the original sheet (this file has 问题 in front)
    return f"{where} {p.field}{value}：{p.problem}{tail}"


def _col(letter: str) -> int | None:
    return column_index(letter)
