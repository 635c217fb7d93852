"""The quarterly ledger (信息台账) in Excel, its roster (花名册), the quarterly summary in the
style of 民发〔2016〕42号 附件3, and the copies for other recipients (抄报).

Public entry point: :func:`write_ledger`. Written with openpyxl's write-only mode, so memory
stays bounded at 100,000 children: children are read in batches, in village order, and every
row goes straight to the file. The summary is computed while rows stream, cross-checked
(:func:`check_summary`) and written last (it is still the first sheet).

Only children under 16 on the cut-off date are counted (the register's age limit, R2);
those already 16 are listed apart on 待退出 (full profile) and counted nowhere.

Profiles: ``full`` (the district/street office: summary in the layout of 附件3, 信息台账 with
the national form's 实际监护情况, grandparents and guardian's address, 花名册, 待退出),
``education`` (社会事业局: ID numbers, school, schooling, the out-of-school list with its
劝返 follow-up, children without a paired teacher, 二(四)4), ``police`` (公安机关: no-hukou
roster with parents' and guardian's particulars and the 非亲生落户 DNA note, 二(三)3;
priority cases; mandatory reports still open). A profile only gets the child fields whose
``profiles`` name it.

Any text cell that starts with ``=``, ``+``, ``-`` or ``@`` is stored as text, never as a
formula; control characters Excel cannot hold are removed.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, overload

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..core import rules
from ..core.codebooks import codebook
from ..core.dates import age_on, birthday_in_year, parse_date, parse_datetime, quarter_bounds
from ..core.forms import FieldDef, form
from ..core.messages import UserError
from ..store import bulk_reads
from ..store.registry import Registry

PROFILES = ("full", "education", "police")
PROFILE_ZH = {"full": "完整版", "education": "社会事业局抄报版", "police": "公安机关抄报版"}
FORMULA_START = ("=", "+", "-", "@")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_ROWS = 1_048_576
FONT_NAME = "宋体"
HEAD_FONT = Font(name=FONT_NAME, bold=True, size=10)
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=14)
HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")
THIN = Side(style="thin", color="888888")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
AGE_BANDS = (("0-5岁", 0, 5), ("6-13岁", 6, 13), ("14-15岁", 14, 15))  # 附件3
AGE_LIMIT = rules.CHILD_AGE_LIMIT  # 16: older children are 待退出, not counted
PARENT_AWAY = rules.PARENT_AWAY
IN_SCHOOL = ("幼儿园", "小学", "初中", "高中", "中职")
GRANDPARENTS = ("祖父", "祖母", "外祖父", "外祖母")
# 实际监护情况 of the national registration form (附件1), each 是/否
CARE_ITEMS = ("双方外出", "一方外出另一方无监护能力", "父或母无监护能力", "有委托监护")
DNA_NOTE = ("注：对其中非亲生落户的儿童，公安机关应当及时采集其DNA信息，录入“全国公安机关查找被拐卖/"
            "失踪儿童DNA数据库”进行比对（大金普管发〔2017〕28号 二（三）3；依据大政办发〔2016〕182号"
            "依法登记常住户口）。")
HEADER_ROWS = 3  # title, as-of line, column headers


class LedgerCheckFailed(UserError):
    """A cross-check of the summary failed: nothing is written."""

    def __init__(self, what: str):
        super().__init__("ledger_check", f"季度汇总表校验未通过：{what}",
                         f"The quarterly summary failed a cross-check: {what}")


# == values ====================================================================================
def text_cell(ws: Any, value: Any) -> Any:
    """A cell value safe for Excel: text starting with = + - @ stays text (never a formula),
    control characters are removed; other values pass through."""
    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
        if value.startswith(FORMULA_START):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            return cell
    return value


def _bool(v: Any) -> str:
    return "" if v is None else ("是" if v else "否")


def field_value(fd: FieldDef, v: Any) -> Any:
    if v is None or v == "" or v == []:
        return None
    if fd.type == "bool":
        return _bool(v)
    if fd.type == "multichoice":
        return "、".join(str(x) for x in v)
    if fd.type == "date":
        return parse_date(v) or str(v)
    if fd.type == "datetime":
        dt = parse_datetime(v)
        return dt.strftime("%Y-%m-%d %H:%M") if dt else str(v)
    return v


@dataclass
class ChildRow:
    """One child with what the ledger needs, as of the period end."""

    child: dict[str, Any]
    village: str
    age: int | None
    father: dict[str, Any] = field(default_factory=dict)
    mother: dict[str, Any] = field(default_factory=dict)
    entrustment: dict[str, Any] = field(default_factory=dict)
    flags: list[dict[str, Any]] = field(default_factory=list)  # open on the as-of date
    reports: list[dict[str, Any]] = field(default_factory=list)  # reported in the period
    pairing: dict[str, Any] = field(default_factory=dict)
    last_visit: str | None = None
    visits: int = 0
    grandparents: dict[str, dict[str, Any]] = field(default_factory=dict)  # relation → record
    open_reports: list[dict[str, Any]] = field(default_factory=list)  # not closed at the cut-off
    teacher: dict[str, Any] = field(default_factory=dict)  # current pairing with a teacher
    as_of: date | None = None  # the cut-off date

    @property
    def counted(self) -> bool:
        """Under 16 on the cut-off date: on the ledger and in the summary (else 待退出)."""
        return self.age is None or self.age < AGE_LIMIT


def _away(m: Mapping[str, Any]) -> bool:
    return m.get("status") == PARENT_AWAY


def _unable(m: Mapping[str, Any]) -> bool:
    return bool(m) and rules.parent_unable(m)  # 无监护能力, 死亡, 服刑, 失联, 重残, 重病, 强制隔离戒毒


def care_items(row: ChildRow) -> dict[str, bool]:
    """The national form's 实际监护情况 from the parents' situations and the entrustment."""
    f, m = row.father, row.mother
    return {"双方外出": _away(f) and _away(m),
            "一方外出另一方无监护能力": (_away(f) and _unable(m)) or (_away(m) and _unable(f)),
            "父或母无监护能力": _unable(f) or _unable(m),
            "有委托监护": bool(row.entrustment)}


def out_of_school(row: ChildRow) -> bool:
    """失学辍学 (二(四)1, 3; rule 3 :func:`rules.out_of_school` at the cut-off date), or an
    open 失学辍学 priority flag (its 劝返 follow-up still running)."""
    if any(f["reason"] == rules.REASON_OUT_OF_SCHOOL for f in row.flags):
        return True
    return row.as_of is not None and rules.out_of_school(row.child, row.as_of)


def _dropout_flag(row: ChildRow) -> dict[str, Any] | None:
    return next((f for f in row.flags if f["reason"] == rules.REASON_OUT_OF_SCHOOL), None)


def persuasion_state(row: ChildRow) -> str | None:
    """劝返复学 (二(四)3): the state of the open 失学辍学 flag's follow-up (rule 3,
    :func:`rules.persuasion_state`); 未标记重点对象 for an out-of-school child without one."""
    flag = _dropout_flag(row)
    if flag is None:
        return "未标记重点对象" if out_of_school(row) else None
    return rules.persuasion_state(flag)


def persuasion_dates(row: ChildRow) -> str | None:
    """The dates of the 劝返复学 steps taken so far (告知学校, 书面报告, 复学)."""
    flag = _dropout_flag(row)
    if flag is None:
        return None
    steps = [f"{label}{flag[k]}" for k, label in (("school_notified_on", "告知学校"),
                                                  ("written_report_on", "书面报告"),
                                                  ("returned_on", "复学"))
             if flag.get(k)]
    return "，".join(steps) or None


@dataclass(frozen=True)
class Col:
    header: str
    width: float
    get: Callable[[ChildRow], Any]
    codebook: str | None = None


def _child_col(fd: FieldDef) -> Col:
    width = {"date": 11.0, "id_number": 20.0, "textarea": 30.0, "multichoice": 16.0,
             "bool": 8.0}.get(fd.type, 10.0)
    if fd.name in ("residence", "hukou_place", "school_name"):
        width = 24.0
    return Col(fd.label(), width, lambda r: field_value(fd, r.child.get(fd.name)),
               fd.codebook if fd.type == "choice" else None)


def _person_cols(prefix: str, key: str) -> list[Col]:
    fm = form("family_member")

    def get(name: str) -> Callable[[ChildRow], Any]:
        fd = fm.field(name)
        return lambda r: field_value(fd, getattr(r, key).get(name))

    return [Col(f"{prefix}姓名", 9, get("name")), Col(f"{prefix}身份号码", 20, get("id_number")),
            Col(f"{prefix}状况", 10, get("status"), "parent_status"),
            Col(f"{prefix}务工地点", 16, lambda r: "".join(
                str(getattr(r, key).get(k) or "") for k in ("work_province", "work_city")) or None),
            Col(f"{prefix}联系电话", 13, get("phone"))]


def _related_col(attr: str, fd: FieldDef, header: str, width: float) -> Col:
    """A column showing field ``fd`` of the ChildRow's related record ``attr``."""
    def get(r: ChildRow) -> Any:
        record: dict[str, Any] = getattr(r, attr)
        return field_value(fd, record.get(fd.name))
    return Col(header, width, get, fd.codebook if fd.type == "choice" else None)


def _care_cols() -> list[Col]:
    def item(k: str) -> Callable[[ChildRow], Any]:
        return lambda r: _bool(care_items(r)[k])
    return [Col(f"实际监护情况-{k}", 9, item(k)) for k in CARE_ITEMS]


def _grandparent_cols() -> list[Col]:
    birth_fd = form("family_member").field("birth_date")

    def name(rel: str) -> Callable[[ChildRow], Any]:
        return lambda r: r.grandparents.get(rel, {}).get("name")

    def birth(rel: str) -> Callable[[ChildRow], Any]:
        return lambda r: field_value(birth_fd, r.grandparents.get(rel, {}).get(birth_fd.name))

    cols: list[Col] = []
    for rel in GRANDPARENTS:
        cols += [Col(f"{rel}姓名", 9, name(rel)), Col(f"{rel}出生日期", 11, birth(rel))]
    return cols


def _age_col() -> Col:
    return Col("年龄（截至统计日）", 8, lambda r: r.age)


def _village_cols() -> list[Col]:
    return [Col("村（社区）", 14, lambda r: r.village),
            Col("区划代码", 14, lambda r: r.child.get("unit_code"))]


def _with_age(cols: list[Col]) -> list[Col]:
    out: list[Col] = []
    for c in cols:
        out.append(c)
        if c.header == form("child").field("birth_date").label():
            out.append(_age_col())
    return out


def ledger_columns(profile: str) -> list[Col]:
    """The columns of the main ledger sheet of a profile."""
    cf = form("child")
    tail_names = ("filled_by", "reviewed_by", "notes")
    child_cols = [_child_col(fd) for fd in cf.profile_fields(profile)
                  if fd.name not in tail_names]
    cols = [*_village_cols(), *_with_age(child_cols)]
    if profile == "education":
        pr = form("pairing")
        cols += [Col("失学辍学", 8, lambda r: _bool(out_of_school(r))),
                 Col("劝返复学进度", 16, persuasion_state),
                 Col("劝返复学日期", 24, persuasion_dates),
                 Col("结对帮扶教师", 10, lambda r: r.teacher.get("partner_name") or "无")]
        cols += [_related_col("pairing", fd, f"结对帮扶-{fd.label()}", 12)
                 for fd in pr.profile_fields("education")]
        return cols
    ent = form("entrustment")
    cols += _person_cols("父亲", "father") + _person_cols("母亲", "mother")
    cols += _care_cols()
    for name, header, width in (("guardian_name", "受委托监护人", 10),
                                ("relation", "与儿童关系", 9),
                                ("guardian_phone", "监护人联系电话", 13),
                                ("guardian_id_number", "监护人身份号码", 20),
                                ("address", "监护人住址", 24),
                                ("has_capacity", "具备监护能力", 8),
                                ("agreement_signed", "已签委托确认书", 8)):
        cols.append(_related_col("entrustment", ent.field(name), header, width))
    cols += _grandparent_cols()
    cols += [Col("重点对象（未解除）", 20, lambda r: "、".join(f["reason"] for f in r.flags) or None),
             Col("最近走访日期", 11, lambda r: parse_date(r.last_visit)),
             Col("本季度走访次数", 8, lambda r: r.visits),
             Col("本季度强制报告（件）", 8, lambda r: len(r.reports))]
    cols += [_child_col(cf.field(n)) for n in tail_names]
    return cols


def roster_columns() -> list[Col]:
    cf = form("child")
    get = {n: _child_col(cf.field(n)) for n in ("name", "sex", "birth_date", "id_number",
                                                 "schooling", "guardianship_grade",
                                                 "residence")}
    return [Col("村（社区）", 14, lambda r: r.village), get["name"], get["sex"],
            get["birth_date"], _age_col(), get["id_number"], get["schooling"],
            get["guardianship_grade"],
            Col("监护人（受委托）", 10, lambda r: r.entrustment.get("guardian_name")),
            Col("监护人联系电话", 13, lambda r: r.entrustment.get("guardian_phone")),
            get["residence"]]


def police_child_cols() -> list[Col]:
    return [*_village_cols(), *_with_age([_child_col(fd) for fd in
                                          form("child").profile_fields("police")])]


def nohukou_cols() -> list[Col]:
    """无户籍花名册 (二(三)3): the child, the parents' and the guardian's names, ID numbers,
    phones and the guardian's address, so the police can register the child."""
    fm, ent = form("family_member"), form("entrustment")
    cols = police_child_cols()
    for prefix, key in (("父亲", "father"), ("母亲", "mother")):
        for name, label, width in (("name", "姓名", 9), ("id_number", "身份号码", 20),
                                   ("phone", "联系电话", 13)):
            cols.append(_related_col(key, fm.field(name), f"{prefix}{label}", width))
    for name, header, width in (("guardian_name", "受委托监护人", 10),
                                ("guardian_id_number", "监护人身份号码", 20),
                                ("guardian_phone", "监护人联系电话", 13),
                                ("address", "监护人住址", 24)):
        cols.append(_related_col("entrustment", ent.field(name), header, width))
    return cols


def leaving_cols() -> list[Col]:
    """待退出: registered children already 16 on the cut-off date (to be exited)."""
    def turned(r: ChildRow) -> date | None:
        birth = parse_date(r.child.get("birth_date"))
        return birthday_in_year(birth, birth.year + AGE_LIMIT) if birth else None
    return [*roster_columns(), Col("年满16周岁日期", 11, turned)]


# == summary (附件3) ===========================================================================
def _sex_bands() -> tuple[str, ...]:
    return tuple(f"{b[0]}{sex}" for b in AGE_BANDS for sex in codebook("sex").values)


# In the order of 附件3 (农村留守儿童基本情况汇总表): total, sex, age bands and age × sex,
# schooling, guardianship; then this office's own work figures.
SUMMARY_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("留守儿童", ("总数",)),
    ("性别", codebook("sex").values),
    ("年龄（截至统计日）", tuple(b[0] for b in AGE_BANDS)),
    ("年龄段×性别", _sex_bands()),
    ("就学情况", codebook("schooling").values),
    ("实际监护情况", CARE_ITEMS),
    ("监护类型", codebook("guardianship_grade").values),
    ("重点对象", ("人数", *codebook("flag_reason").values)),
    ("强制报告", ("本季度报告（件）", "未结案（件）")),
    ("入户走访", ("本季度走访（人次）", "本季度未走访（人）")),
    ("其他", ("残疾", "患病", "寄宿", "无户籍", "无结对帮扶教师")),
)
SUMMARY_KEYS = tuple(f"{g}:{k}" for g, keys in SUMMARY_GROUPS for k in keys)


def summarise(row: ChildRow, counts: Counter[str]) -> None:
    c = row.child
    counts["留守儿童:总数"] += 1
    sex = c.get("sex")
    counts[f"性别:{sex}"] += 1
    age = row.age if row.age is not None else -1
    for band, lo, hi in AGE_BANDS:
        if lo <= age <= hi:
            counts[f"年龄（截至统计日）:{band}"] += 1
            counts[f"年龄段×性别:{band}{sex}"] += 1
    counts[f"就学情况:{c.get('schooling')}"] += 1
    for item, yes in care_items(row).items():
        counts[f"实际监护情况:{item}"] += yes
    counts[f"监护类型:{c.get('guardianship_grade')}"] += 1
    reasons = {f["reason"] for f in row.flags}
    if reasons:
        counts["重点对象:人数"] += 1
    for reason in reasons:
        counts[f"重点对象:{reason}"] += 1
    counts["强制报告:本季度报告（件）"] += len(row.reports)
    counts["强制报告:未结案（件）"] += len(row.open_reports)
    counts["入户走访:本季度走访（人次）"] += row.visits
    counts["入户走访:本季度未走访（人）"] += 0 if row.visits else 1
    counts["其他:残疾"] += c.get("health") == "残疾"
    counts["其他:患病"] += c.get("health") == "患病"
    counts["其他:寄宿"] += bool(c.get("boarding"))
    counts["其他:无户籍"] += c.get("hukou_registered") is False
    counts["其他:无结对帮扶教师"] += needs_teacher(row)


def needs_teacher(row: ChildRow) -> bool:
    """In school or kindergarten and no paired teacher (结对帮扶, 二(四)4)."""
    return row.child.get("schooling") in IN_SCHOOL and not row.teacher


def check_summary(by_village: Mapping[str, Counter[str]], total: Counter[str],
                  rows_written: int | None = None) -> None:
    """The national cross-checks of the summary (each breakdown sums to the total, age × sex
    sums to each band and each sex); raises :class:`LedgerCheckFailed`, nothing is written."""
    sex = codebook("sex").values
    grades = codebook("guardianship_grade").values
    schooling = codebook("schooling").values
    reasons = codebook("flag_reason").values
    for name, counts in [*by_village.items(), ("合计", total)]:
        n = counts["留守儿童:总数"]
        if n != sum(counts[f"性别:{s}"] for s in sex):
            raise LedgerCheckFailed(f"{name}：总数≠男+女")
        if n != sum(counts[f"年龄（截至统计日）:{b[0]}"] for b in AGE_BANDS):
            raise LedgerCheckFailed(f"{name}：总数≠各年龄段之和")
        for band, _, _ in AGE_BANDS:
            if counts[f"年龄（截至统计日）:{band}"] != sum(counts[f"年龄段×性别:{band}{s}"] for s in sex):
                raise LedgerCheckFailed(f"{name}：{band}≠该年龄段男+女")
        for s in sex:
            if counts[f"性别:{s}"] != sum(counts[f"年龄段×性别:{b[0]}{s}"] for b in AGE_BANDS):
                raise LedgerCheckFailed(f"{name}：{s}≠各年龄段{s}之和")
        if n != sum(counts[f"就学情况:{v}"] for v in schooling):
            raise LedgerCheckFailed(f"{name}：总数≠各就学情况之和")
        if n != sum(counts[f"监护类型:{g}"] for g in grades):
            raise LedgerCheckFailed(f"{name}：总数≠各监护类型之和")
        if counts["实际监护情况:双方外出"] + counts["实际监护情况:一方外出另一方无监护能力"] > n or any(
                counts[f"实际监护情况:{k}"] > n for k in CARE_ITEMS):
            raise LedgerCheckFailed(f"{name}：实际监护情况人数大于总数")
        people = counts["重点对象:人数"]
        by_reason = [counts[f"重点对象:{r}"] for r in reasons]
        if people > n or people > sum(by_reason) or people < max(by_reason, default=0):
            raise LedgerCheckFailed(f"{name}：重点对象人数与分原因人数不符")
        if counts["入户走访:本季度未走访（人）"] > n:
            raise LedgerCheckFailed(f"{name}：未走访人数大于总数")
    for key in SUMMARY_KEYS:
        if total[key] != sum(c[key] for c in by_village.values()):
            raise LedgerCheckFailed(f"合计行“{key}”≠各村之和")
    if rows_written is not None and rows_written != total["留守儿童:总数"]:
        raise LedgerCheckFailed("台账行数≠汇总总数")


# == sheets ====================================================================================
class Sheet:
    """A write-only sheet with our title rows, header, widths, print setup, validations."""

    def __init__(self, wb: Workbook, title: str, heading: str, sub: str,
                 cols: Sequence[Col], codes: CodeSheet | None, numbered: bool = True):
        self.ws = wb.create_sheet(title)
        self.cols = list(cols)
        self.numbered = numbered
        self.rows = 0
        ws = self.ws
        widths = ([6.0] if numbered else []) + [c.width for c in self.cols]
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = f"{get_column_letter(2 + numbered)}{HEADER_ROWS + 1}"
        ws.print_title_rows = f"1:{HEADER_ROWS}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 8 if len(self.cols) > 30 else 9  # A3 for the wide sheets, else A4
        ws.row_dimensions[HEADER_ROWS].height = 32  # wrapped column headers
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.oddHeader.right.text = "内部资料 注意保密"
        ws.oddHeader.left.text = heading
        ws.oddFooter.center.text = "第 &P 页 共 &N 页"
        title_cell = WriteOnlyCell(ws, value=heading)
        title_cell.font = TITLE_FONT
        ws.append([title_cell])
        ws.append([text_cell(ws, sub)])
        headers = (["序号"] if numbered else []) + [c.header for c in self.cols]
        cells = []
        for h in headers:
            cell = WriteOnlyCell(ws, value=h)
            cell.font, cell.fill, cell.border, cell.alignment = HEAD_FONT, HEAD_FILL, BORDER, WRAP
            cells.append(cell)
        ws.append(cells)
        self.codes = codes

    def add(self, row: ChildRow) -> None:
        ws = self.ws
        values = [text_cell(ws, c.get(row)) for c in self.cols]
        self.rows += 1
        ws.append([self.rows, *values] if self.numbered else values)

    def add_values(self, values: Iterable[Any]) -> None:
        ws = self.ws
        self.rows += 1
        vals = [text_cell(ws, v) for v in values]
        ws.append([self.rows, *vals] if self.numbered else vals)

    def note(self, text: str) -> None:
        """A line of text under the table (not a data row)."""
        self.ws.append([])
        self.ws.append([text_cell(self.ws, text)])

    def finish(self) -> None:
        """Data validation lists on codebook columns (rows actually written); an empty list
        says so (an empty table could be mistaken for a failed export)."""
        if self.rows == 0:
            self.ws.append([text_cell(self.ws, "（本期无符合条件的儿童）")])
        if self.codes is None or self.rows == 0:
            return
        first, last = HEADER_ROWS + 1, HEADER_ROWS + self.rows
        for i, c in enumerate(self.cols, start=1 + self.numbered):
            if c.codebook is None:
                continue
            dv = DataValidation(type="list", formula1=self.codes.ref(c.codebook),
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="不在代码表中", error="请从下拉列表中选择（见“代码表”）")
            letter = get_column_letter(i)
            dv.add(f"{letter}{first}:{letter}{last}")
            self.ws.data_validations.append(dv)


class CodeSheet:
    """A hidden sheet with one column per codebook, for the validation lists."""

    def __init__(self, wb: Workbook, names: Iterable[str]):
        self.names = sorted(set(names))
        self.ws = wb.create_sheet("代码表")
        self.ws.sheet_state = "hidden"
        books = [codebook(n) for n in self.names]
        self.ws.append([b.zh for b in books])
        depth = max((len(b.values) for b in books), default=0)
        for i in range(depth):
            self.ws.append([b.values[i] if i < len(b.values) else None for b in books])

    def ref(self, name: str) -> str:
        col = get_column_letter(self.names.index(name) + 1)
        return f"'代码表'!${col}$2:${col}${len(codebook(name).values) + 1}"


# == the ledger ================================================================================
def _bad_period(period: str) -> UserError:
    return UserError("bad_period", f"统计期格式不对：{period}（应为如 2026Q4）",
                     f"Bad period: {period} (expected e.g. 2026Q4)")


def iter_rows(registry: Registry, start: date, end: date,
              progress: Callable[[int, int], None] | None = None,
              batch: int = 500) -> Iterable[ChildRow]:
    """The ledger's children in village order, with what the ledger needs, in batches."""
    as_of = end.isoformat()
    ids = bulk_reads.ledger_child_ids(registry, as_of)
    villages = bulk_reads.unit_names(registry)
    total = len(ids)
    for pos in range(0, total, batch):
        chunk = [cid for _, cid in ids[pos:pos + batch]]
        children = {c["id"]: c for c in bulk_reads.records_for(registry, "child", chunk, by="id")}
        related: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(
            lambda: defaultdict(list))
        for kind in ("family_member", "entrustment", "priority_flag", "mandatory_report",
                     "pairing"):
            for rec in bulk_reads.records_for(registry, kind, chunk):
                related[rec["child_id"]][kind].append(rec)
        figures = bulk_reads.visit_figures(registry, chunk, start.isoformat(), as_of)
        for cid in chunk:
            child = children[cid]
            rel = related[cid]
            birth = parse_date(child.get("birth_date"))
            row = ChildRow(child, villages.get(child["unit_code"], child["unit_code"]),
                           age_on(birth, end) if birth else None, as_of=end)
            for m in rel["family_member"]:
                if m["relation"] == "父亲":
                    row.father = m
                elif m["relation"] == "母亲":
                    row.mother = m
                elif m["relation"] in GRANDPARENTS:
                    row.grandparents[m["relation"]] = m
            current = [e for e in rel["entrustment"] if str(e["start_date"]) <= as_of
                       and (not e.get("end_date") or str(e["end_date"]) >= as_of)]
            if current:
                row.entrustment = max(current, key=lambda e: str(e["start_date"]))
            row.flags = sorted((f for f in rel["priority_flag"]
                                if str(f["opened_on"]) <= as_of
                                and (f["status"] == "开放" or str(f.get("closed_on") or "") > as_of)),
                               key=lambda f: str(f["opened_on"]))
            row.reports = sorted((r for r in rel["mandatory_report"]
                                  if start.isoformat() <= str(r["reported_at"])[:10] <= as_of),
                                 key=lambda r: str(r["reported_at"]))
            row.open_reports = sorted((r for r in rel["mandatory_report"]
                                       if str(r["reported_at"])[:10] <= as_of
                                       and r.get("followup_status") != "已结案"),
                                      key=lambda r: str(r["reported_at"]))
            pairs = [p for p in rel["pairing"] if str(p["start_date"]) <= as_of
                     and (not p.get("end_date") or str(p["end_date"]) >= as_of)]
            if pairs:
                row.pairing = max(pairs, key=lambda p: str(p["start_date"]))
                teachers = [p for p in pairs if p.get("partner_type") == "教师"]
                if teachers:
                    row.teacher = max(teachers, key=lambda p: str(p["start_date"]))
            row.last_visit, row.visits = figures.get(cid, (None, 0))
            yield row
        if progress is not None:
            progress(min(pos + batch, total), total)


@overload
def write_ledger(registry: Registry, period: str, out_path: Path, *, profile: str = "full",
                 progress: Callable[[int, int], None] | None = None) -> Path: ...


@overload
def write_ledger(registry: Registry, period: str, out_path: BinaryIO, *, profile: str = "full",
                 progress: Callable[[int, int], None] | None = None) -> BinaryIO: ...


def write_ledger(registry: Registry, period: str, out_path: Path | BinaryIO, *,
                 profile: str = "full",
                 progress: Callable[[int, int], None] | None = None) -> Path | BinaryIO:
    """Write the ledger of ``period`` (e.g. ``2026Q4``) as of its last day to ``out_path``
    (.xlsx) for ``profile`` (full | education | police). Returns the path written.
    ``out_path`` may also be a writable binary stream (e.g. ``io.BytesIO``): the workbook
    is then built fully in memory and written to it, no file is created; the stream is
    returned.

    Raises :class:`LedgerCheckFailed` (nothing written) when the summary does not add up,
    and :class:`UserError` for a bad period or profile."""
    if profile not in PROFILES:
        raise UserError("bad_profile", f"未知的抄报版本：{profile}（full / education / police）",
                        f"Unknown profile: {profile} (full / education / police)")
    try:
        start, end = quarter_bounds(period)
    except (ValueError, IndexError):
        raise _bad_period(period) from None
    path = Path(out_path) if isinstance(out_path, str | os.PathLike) else None
    store = registry.store
    unit = store.unit_name
    year, q = period[:4], period[5]
    sub = (f"填报单位：{unit}（{store.unit_code}）    统计期：{year}年第{q}季度    "
           f"统计截止日期：{end.isoformat()}    版本：{PROFILE_ZH[profile]}    "
           f"制表日期：{registry.today().isoformat()}")

    wb = Workbook(write_only=True)
    summary_ws = wb.create_sheet("季度汇总表") if profile == "full" else None
    sheets: dict[str, Sheet] = {}
    main_cols = ledger_columns(profile)
    roster_cols = roster_columns()
    police_cols = police_child_cols()
    hukou_cols = nohukou_cols()
    mf = form("mandatory_report")
    report_cols = [Col("儿童姓名", 10, lambda r: None)] + [
        _child_col(fd) for fd in mf.profile_fields("police")]
    flag_cols = [*police_cols, Col("重点对象原因", 20, lambda r: None),
                 Col("标记日期", 11, lambda r: None), Col("专人负责", 10, lambda r: None)]
    code_names = [c.codebook for c in [*main_cols, *hukou_cols, *report_cols] if c.codebook]
    codes = CodeSheet(wb, code_names)
    heading = f"{unit}农村留守儿童信息台账（{year}年第{q}季度）"
    if profile in ("full", "education"):
        sheets["ledger"] = Sheet(wb, "信息台账", heading, sub, main_cols, codes)
    if profile == "full":
        sheets["roster"] = Sheet(wb, "花名册", f"{unit}农村留守儿童花名册（{year}年第{q}季度）",
                                 sub, roster_cols, codes)
        sheets["leaving"] = Sheet(wb, "待退出", f"{unit}已满16周岁待退出儿童名单（不计入台账和汇总）",
                                  sub, leaving_cols(), codes)
    if profile == "education":
        sheets["dropout"] = Sheet(wb, "失学辍学名单", f"{unit}农村留守儿童失学辍学名单（含劝返跟进）",
                                  sub, main_cols, codes)
        sheets["noteacher"] = Sheet(wb, "未结对帮扶教师", f"{unit}未落实结对帮扶教师的在校（园）留守儿童名单",
                                    sub, main_cols, codes)
    if profile == "police":
        sheets["nohukou"] = Sheet(wb, "无户籍花名册", f"{unit}无户籍农村留守儿童花名册", sub,
                                  hukou_cols, codes)
        sheets["flags"] = Sheet(wb, "重点对象名单", f"{unit}农村留守儿童重点对象名单", sub,
                                flag_cols, codes)
        sheets["reports"] = Sheet(wb, "强制报告", f"{unit}农村留守儿童强制报告（截至统计日未结案及本季度报告）",
                                  sub, report_cols, codes)

    by_village: dict[str, Counter[str]] = defaultdict(Counter)
    village_names: dict[str, str] = {}
    total: Counter[str] = Counter()
    written = 0
    for row in iter_rows(registry, start, end, progress):
        if not row.counted:
            if "leaving" in sheets:
                sheets["leaving"].add(row)
            continue
        written += 1
        if written > MAX_ROWS - HEADER_ROWS - 1:
            raise UserError("too_many_rows", "行数超过 Excel 上限", "Too many rows for Excel")
        code = str(row.child["unit_code"])
        village_names[code] = row.village
        summarise(row, by_village[code])
        summarise(row, total)
        if "ledger" in sheets:
            sheets["ledger"].add(row)
        if "roster" in sheets:
            sheets["roster"].add(row)
        if "dropout" in sheets and out_of_school(row):
            sheets["dropout"].add(row)
        if "noteacher" in sheets and needs_teacher(row):
            sheets["noteacher"].add(row)
        if profile == "police":
            base = [c.get(row) for c in police_cols]
            if row.child.get("hukou_registered") is False:
                sheets["nohukou"].add(row)
            for f in row.flags:
                sheets["flags"].add_values([*base, f["reason"], parse_date(f["opened_on"]),
                                            f.get("designated_person")])
            shown = {r["id"]: r for r in [*row.open_reports, *row.reports]}
            for rep in sorted(shown.values(), key=lambda r: str(r["reported_at"])):
                sheets["reports"].add_values(
                    [row.child.get("name")] + [field_value(fd, rep.get(fd.name))
                                               for fd in mf.profile_fields("police")])
    check_summary(by_village, total, written if "ledger" in sheets else None)
    for sheet in sheets.values():
        sheet.finish()
    if "nohukou" in sheets:
        sheets["nohukou"].note(DNA_NOTE)
    if summary_ws is not None:
        _write_summary(summary_ws, f"{unit}农村留守儿童基本情况统计表（{year}年第{q}季度）",
                       sub, by_village, village_names, total)
    wb._sheets.remove(codes.ws)  # the hidden code sheet goes last
    wb._sheets.append(codes.ws)
    if path is None:
        wb.save(out_path)  # a stream: openpyxl writes the zip straight into it
        name = "(stream)"
    else:
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            wb.save(tmp)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        name = path.name
    with store.transaction() as audit:
        audit.append("ledger.export", "ledger", period, None,
                     {"period": period, "profile": profile, "children": written,
                      "file": name})
    return out_path if path is None else path


def _write_summary(ws: Any, heading: str, sub: str, by_village: Mapping[str, Counter[str]],
                   names: Mapping[str, str], total: Counter[str]) -> None:
    ncols = 2 + len(SUMMARY_KEYS)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 14
    for i in range(3, ncols + 1):
        ws.column_dimensions[get_column_letter(i)].width = 6.5
    ws.row_dimensions[3].height = 30  # group headers (二级表头), wrapped
    ws.row_dimensions[4].height = 58  # item headers: 一方外出另一方无监护能力 … wrap over lines
    ws.freeze_panes = "C5"
    ws.print_title_rows = "1:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 8  # A3, as the national summary table (附件3) is printed
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.right.text = "内部资料 注意保密"
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    title = WriteOnlyCell(ws, value=heading)
    title.font = TITLE_FONT
    ws.append([title])
    ws.append([sub])

    def head(value: str | None) -> Any:
        cell = WriteOnlyCell(ws, value=value)
        cell.font, cell.fill, cell.border, cell.alignment = HEAD_FONT, HEAD_FILL, BORDER, WRAP
        return cell

    groups: list[Any] = [head("村（社区）"), head("区划代码")]
    keys: list[Any] = [head(None), head(None)]
    col = 3
    for group, members in SUMMARY_GROUPS:
        start = col
        for i, k in enumerate(members):
            groups.append(head(group if i == 0 else None))
            keys.append(head(k))
            col += 1
        if col - 1 > start:
            ws.merged_cells.add(f"{get_column_letter(start)}3:{get_column_letter(col - 1)}3")
    ws.merged_cells.add("A3:A4")
    ws.merged_cells.add("B3:B4")
    ws.append(groups)
    ws.append(keys)
    for code in sorted(by_village):
        ws.append([text_cell(ws, names.get(code, code)), code,
                   *(by_village[code][k] for k in SUMMARY_KEYS)])
    total_row = [head("合计"), head(None), *(total[k] for k in SUMMARY_KEYS)]
    ws.append(total_row)
    ws.append(["校验：总数=男+女=各年龄段之和=各就学情况之和=各监护类型之和；各年龄段=该段男+女；"
               "重点对象人数≤分原因人数之和；合计行=各村之和（均已在生成时核对无误）。"
               f"统计范围：统计截止日未满{AGE_LIMIT}周岁的在册儿童（已满{AGE_LIMIT}周岁者列入“待退出”，不计入）。"])
    ws.append([])
    ws.append(["填表人：", None, None, None, None, "复核人：", None, None, None, None,
               "单位负责人：", None, None, None, None, "填报日期：    年  月  日"])
