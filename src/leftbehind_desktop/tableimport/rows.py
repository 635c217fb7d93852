"""One spreadsheet row → the records of one child file (child, parents, grandparents,
guardian), each checked by its own form exactly as typed input is."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from ..core import idnumber, rules
from ..core.dates import age_on, parse_date
from ..core.forms import FieldDef
from ..core.messages import FieldError, Message
from .config import UNIT_FIELD, Role, Vocabulary, vocabulary
from .headers import Layout, column_letter
from .reader import Cell, Sheet
from .values import Unreadable, is_blank, read_id_number, read_value, split_province, text_of

SUBTOTAL = re.compile(r"合\s*计|小\s*计|总\s*计|共\s*计")
SUGGEST = {
    "required": "请填写该项",
    "id_checksum": "请对照户口簿核对",
    "id_length": "请核对位数（18位）",
    "id_chars": "只能是数字，最后一位可以是X",
    "id_region": "请核对前6位",
    "id_birth": "请核对号码中的出生日期（第7–14位）",
    "id_birth_mismatch": "请核对出生日期或身份证号",
    "id_sex_mismatch": "请核对性别或身份证号（第17位单数为男、双数为女）",
    "bad_phone": "如 13912345678 或 0411-87654321",
    "date_in_future": "请核对年份",
    "too_long": "请缩短",
    "guardian_under_18": "受委托监护人须年满18周岁，请另行确定监护人",
    "not_in_codebook": "请从下拉列表中选择",
    "child_too_old": "已满16周岁的儿童不在登记范围内，请从表中删去该行",
}


@dataclass
class Problem:
    row: int  # spreadsheet row number (1-based, as the officer sees it)
    column: str  # column letter ("" when the row as a whole)
    field: str  # Chinese field label
    value: str
    problem: str
    suggestion: str = ""

    def text(self) -> str:
        where = f"{self.column}列 " if self.column else ""
        value = f"“{self.value}”" if self.value else ""
        tail = f"（{self.suggestion}）" if self.suggestion else ""
        return f"第{self.row}行 {where}{self.field}{value}：{self.problem}{tail}"


@dataclass
class RowResult:
    row: int
    cells: list[Cell]
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # role → form values
    present: dict[str, set[str]] = field(default_factory=dict)  # role → fields the file gave
    pending: dict[str, list[str]] = field(default_factory=dict)  # role → 待补充 fields
    problems: list[Problem] = field(default_factory=list)
    unit_code: str | None = None
    unreadable: set[str] = field(default_factory=set)  # "role.field" already reported
    implied: list[str] = field(default_factory=list)  # values read from another cell, shown

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def id_number(self) -> str | None:
        v = self.records.get("child", {}).get("id_number")
        return v if isinstance(v, str) and v else None


UnitResolver = Callable[[str], str | None]


class RowReader:
    """Turns data rows of one sheet into :class:`RowResult` s."""

    def __init__(self, layout: Layout, *, today: date, resolve_unit: UnitResolver,
                 default_unit: str | None, vocab: Vocabulary | None = None):
        self.layout = layout
        self.vocab = vocab or vocabulary()
        self.today = today
        self.resolve_unit = resolve_unit
        self.default_unit = default_unit
        self.plan: dict[str, list[tuple[int, str]]] = {}  # role → [(column, field)]
        for c in layout.columns:
            if c.target:
                role_id, name = c.target.split(".", 1)
                self.plan.setdefault(role_id, []).append((c.index, name))
        self.mapped = {r: {n for _, n in cols} for r, cols in self.plan.items()}
        self.column_of = {c.target: c.index for c in layout.columns if c.target}

    def id_numbers(self, sheet: Sheet) -> Iterator[tuple[int, str | None]]:
        """(row, the child's ID number as read, or None) of every data row: the quick first
        pass that counts the rows and finds a number used twice in the file."""
        col = self.column_of.get("child.id_number")
        for n, cells in enumerate(sheet.rows()):
            if n < self.layout.data_start or skip_row(cells):
                continue
            if col is None or col >= len(cells) or is_blank(cells[col]):
                yield n + 1, None
                continue
            try:
                number = read_id_number(cells[col])
            except Unreadable:
                yield n + 1, None
                continue
            info = _parse_id(number)
            yield n + 1, info.number if isinstance(info, idnumber.IdInfo) else number

    def rows(self, sheet: Sheet) -> Iterator[RowResult]:
        """Every data row below the header; blank, subtotal and column-number rows skipped."""
        for n, cells in enumerate(sheet.rows()):
            if n < self.layout.data_start:
                continue
            if skip_row(cells):
                continue
            yield self.read(n + 1, cells)

    def read(self, row: int, cells: list[Cell]) -> RowResult:
        res = RowResult(row, cells)
        for role_id, cols in self.plan.items():
            role = self.vocab.roles[role_id]
            values: dict[str, Any] = {}
            for index, name in cols:
                raw = cells[index] if index < len(cells) else ""
                if is_blank(raw):
                    continue
                if name == UNIT_FIELD:
                    values[name] = text_of(raw)
                    continue
                fd = role.form.field(name)
                try:
                    if name == "work_province" and "work_city" not in self.mapped[role_id]:
                        values["work_province"], city = split_province(raw, self.vocab)
                        if city:
                            values["work_city"] = city
                    else:
                        values[name] = read_value(raw, fd, self.vocab)
                except Unreadable as exc:
                    res.unreadable.add(f"{role_id}.{name}")
                    res.problems.append(Problem(row, column_letter(index), self._label(role, name),
                                                text_of(raw), exc.problem, exc.suggestion))
            if values or role_id == "child":
                res.present[role_id] = set(values) - {UNIT_FIELD}
                res.records[role_id] = values
        self._unit(res)
        for role_id in list(res.records):
            self._complete(res, self.vocab.roles[role_id])
        return res

    def _label(self, role: Role, name: str) -> str:
        return self.vocab.target_label(f"{role.id}.{name}")

    def _unit(self, res: RowResult) -> None:
        given = res.records["child"].pop(UNIT_FIELD, None)
        if given is None:
            res.unit_code = self.default_unit
            if res.unit_code is None:
                res.problems.append(Problem(res.row, "", "村（社区）", "", "没有填写所属村（社区）",
                                            "在表格中加“村（社区）”一列，或导入时选定村"))
            return
        code = self.resolve_unit(given)
        if code is None:
            col = self.column_of.get(f"child.{UNIT_FIELD}")
            res.problems.append(Problem(res.row, column_letter(col) if col is not None else "",
                                        "村（社区）", given, "不是本单位辖区内已登记的村（社区）",
                                        "请填写村名或12位区划代码；街道可先导入村名单"))
        res.unit_code = code

    def _complete(self, res: RowResult, role: Role) -> None:
        """Defaults, values read from the ID number, the form's validation, 待补充."""
        f = role.form
        given = res.records[role.id]
        values: dict[str, Any] = {**f.defaults(), **role.fixed, **given}
        self._from_id_number(role, values, res.present[role.id])
        mapped = self.mapped.get(role.id, set())
        for name, (source, implied) in self.vocab.implied.get(f.id, {}).items():
            if name not in mapped and name not in given and given.get(source):
                values[name] = implied
                res.present[role.id].add(name)
                res.implied.append(f"{self._label(role, name)}：{implied}（据{self._label(role, source)}）")
        errors = f.validate(values, self.today)
        if role.id == "child" and values.get("status") == "在册":
            birth = parse_date(values.get("birth_date"))
            if birth is not None and age_on(birth, self.today) >= rules.CHILD_AGE_LIMIT:
                errors.append(FieldError("birth_date", Message("child_too_old")))
        pending: list[str] = []
        for e in errors:
            if e.warning or f"{role.id}.{e.field}" in res.unreadable:
                continue
            if e.message.code == "required" and e.field not in mapped and e.field not in values:
                pending.append(e.field)  # the file has no such column: 待补充, never guessed
                continue
            col = self.column_of.get(f"{role.id}.{e.field}")
            if col is None and e.field == "work_province":
                col = self.column_of.get(f"{role.id}.work_city")
            raw = res.cells[col] if col is not None and col < len(res.cells) else values.get(e.field)
            res.problems.append(Problem(
                res.row, column_letter(col) if col is not None else "",
                self._label(role, e.field), text_of(raw), e.text("zh"),
                _suggestion(e, f.field(e.field) if f.has_field(e.field) else None)))
        if pending:
            res.pending[role.id] = pending
        res.records[role.id] = {k: v for k, v in values.items() if f.has_field(k)}

    def _from_id_number(self, role: Role, values: dict[str, Any], present: set[str]) -> None:
        """Birth date and sex the ID number states, for a file without those columns
        (read from the number, not guessed; a mismatch with a given value is an error)."""
        id_field = next((fd for fd in role.form.fields if fd.type == "id_number"), None)
        if id_field is None or not isinstance(values.get(id_field.name), str):
            return
        info = _parse_id(values[id_field.name])
        if not isinstance(info, idnumber.IdInfo):
            return
        if id_field.id_birth and not values.get(id_field.id_birth):
            values[id_field.id_birth] = info.birth_date.isoformat()
            present.add(id_field.id_birth)
        if id_field.id_sex and not values.get(id_field.id_sex):
            values[id_field.id_sex] = info.sex
            present.add(id_field.id_sex)


@lru_cache(maxsize=8192)
def _parse_id(number: str) -> idnumber.IdInfo | FieldError:
    return idnumber.parse(number)


def _suggestion(e: FieldError, fd: FieldDef | None) -> str:
    code = e.message.code
    if code == "not_in_codebook" and fd is not None and fd.codebook:
        book = fd.book()
        assert book is not None
        return "可填：" + "、".join(book.values[:8]) + ("……" if len(book.values) > 8 else "")
    if code == "not_a_date":
        return "请写成 2015-03-16"
    return SUGGEST.get(code, "")


def skip_row(cells: list[Cell]) -> bool:
    """Blank rows, 合计/小计 rows, and a row of column numbers under the header."""
    filled: list[str] = []
    for c in cells:
        if c == "" or c is None:
            continue
        t = text_of(c)
        if not t:
            continue
        if len(filled) < 3 and SUBTOTAL.search(t):
            return True
        if not t.isdigit() and len(filled) >= 2:
            return False  # a data row: text after the first cells
        filled.append(t)
    if not filled:
        return True
    if any(not t.isdigit() for t in filled):
        return False
    # a row of column numbers under the header (1 2 3 4 …)
    return len(filled) >= 3 and all(t.isdigit() for t in filled) and \
        [int(t) for t in filled] == list(range(int(filled[0]), int(filled[0]) + len(filled)))


def check_duplicates(results: Mapping[str, list[int]]) -> dict[int, str]:
    """Rows whose child ID number appears on another row too: row → message."""
    out: dict[int, str] = {}
    for _number, rows in results.items():
        if len(rows) > 1:
            for r in rows:
                others = "、".join(str(o) for o in rows if o != r)
                out[r] = f"与第{others}行的身份证号重复"
    return out
