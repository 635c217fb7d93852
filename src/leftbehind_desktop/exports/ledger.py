"""The quarterly ledger (信息台账) in Excel, its roster (花名册), the quarterly summary in the
style of 民发〔2016〕42号 附件3, and the copies for other recipients (抄报).

Public entry point: :func:`write_ledger`. Written with openpyxl's write-only mode, so memory
stays bounded at 100,000 children: children are read in batches, in village order, and every
row goes straight to the file. The summary is computed while rows stream, cross-checked
(:func:`check_summary`) and written last (it is still the first sheet).

Profiles: ``full`` (the district/street office), ``education`` (社会事业局: schooling,
dropout, boarding, pairing), ``police`` (公安机关: no-hukou roster, priority cases,
mandatory reports). A profile only gets the child fields whose ``profiles`` name it.

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
from ..core.dates import age_on, parse_date, parse_datetime, quarter_bounds
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
AGE_BANDS = (("0-5岁", 0, 5), ("6-13岁", 6, 13), ("14-15岁", 14, 15), ("16岁及以上", 16, 200))
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
        cols += [Col("失学辍学（重点对象）", 10, lambda r: _bool(
            any(f["reason"] == "失学辍学" for f in r.flags)))]
        # rule 3 (二(四)3): where the 劝返复学 follow-up of an out-of-school child stands
        cols += [Col("劝返复学进度", 16, lambda r: next(
            (rules.persuasion_state(f) for f in r.flags if f["reason"] == "失学辍学"), ""))]
        cols += [_related_col("pairing", fd, f"结对帮扶-{fd.label()}", 12)
                 for fd in pr.profile_fields("education")]
        return cols
    ent = form("entrustment")
    cols += _person_cols("父亲", "father") + _person_cols("母亲", "mother")
    for name, header, width in (("guardian_name", "受委托监护人", 10),
                                ("relation", "与儿童关系", 9),
                                ("guardian_phone", "监护人联系电话", 13),
                                ("guardian_id_number", "监护人身份号码", 20),
                                ("has_capacity", "具备监护能力", 8),
                                ("agreement_signed", "已签委托确认书", 8)):
        cols.append(_related_col("entrustment", ent.field(name), header, width))
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


# == summary (附件3) ===========================================================================
SUMMARY_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("留守儿童", ("总数",)),
    ("性别", ("男", "女")),
    ("年龄（截至统计日）", tuple(b[0] for b in AGE_BANDS)),
    ("监护类型", codebook("guardianship_grade").values),
    ("重点对象", ("人数", *codebook("flag_reason").values)),
    ("强制报告", ("本季度报告（件）",)),
    ("入户走访", ("本季度走访（人次）", "本季度未走访（人）")),
    ("其他", ("残疾", "患病", "寄宿", "无户籍", "辍学")),
)
SUMMARY_KEYS = tuple(f"{g}:{k}" for g, keys in SUMMARY_GROUPS for k in keys)


def summarise(row: ChildRow, counts: Counter[str]) -> None:
    c = row.child
    counts["留守儿童:总数"] += 1
    counts[f"性别:{c.get('sex')}"] += 1
    age = row.age if row.age is not None else -1
    for band, lo, hi in AGE_BANDS:
        if lo <= age <= hi:
            counts[f"年龄（截至统计日）:{band}"] += 1
    counts[f"监护类型:{c.get('guardianship_grade')}"] += 1
    reasons = {f["reason"] for f in row.flags}
    if reasons:
        counts["重点对象:人数"] += 1
    for reason in reasons:
        counts[f"重点对象:{reason}"] += 1
    counts["强制报告:本季度报告（件）"] += len(row.reports)
    counts["入户走访:本季度走访（人次）"] += row.visits
    counts["入户走访:本季度未走访（人）"] += 0 if row.visits else 1
    counts["其他:残疾"] += c.get("health") == "残疾"
    counts["其他:患病"] += c.get("health") == "患病"
    counts["其他:寄宿"] += bool(c.get("boarding"))
    counts["其他:无户籍"] += c.get("hukou_registered") is False
    counts["其他:辍学"] += c.get("schooling") == "辍学"


def check_summary(by_village: Mapping[str, Counter[str]], total: Counter[str],
                  rows_written: int | None = None) -> None:
    """The cross-checks of the summary table; raises :class:`LedgerCheckFailed`."""
    sex = codebook("sex").values
    grades = codebook("guardianship_grade").values
    reasons = codebook("flag_reason").values
    for name, counts in [*by_village.items(), ("合计", total)]:
        n = counts["留守儿童:总数"]
        if n != sum(counts[f"性别:{s}"] for s in sex):
            raise LedgerCheckFailed(f"{name}：总数≠男+女")
        if n != sum(counts[f"年龄（截至统计日）:{b[0]}"] for b in AGE_BANDS):
            raise LedgerCheckFailed(f"{name}：总数≠各年龄段之和")
        if n != sum(counts[f"监护类型:{g}"] for g in grades):
            raise LedgerCheckFailed(f"{name}：总数≠各监护类型之和")
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
        ws.page_setup.paperSize = 9  # A4
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

    def finish(self) -> None:
        """Data validation lists on codebook columns (rows actually written)."""
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
                           age_on(birth, end) if birth else None)
            for m in rel["family_member"]:
                if m["relation"] == "父亲":
                    row.father = m
                elif m["relation"] == "母亲":
                    row.mother = m
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
            pairs = [p for p in rel["pairing"] if str(p["start_date"]) <= as_of
                     and (not p.get("end_date") or str(p["end_date"]) >= as_of)]
            if pairs:
                row.pairing = max(pairs, key=lambda p: str(p["start_date"]))
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
    mf = form("mandatory_report")
    report_cols = [Col("儿童姓名", 10, lambda r: None)] + [
        _child_col(fd) for fd in mf.profile_fields("police")]
    flag_cols = [*police_cols, Col("重点对象原因", 20, lambda r: None),
                 Col("标记日期", 11, lambda r: None), Col("专人负责", 10, lambda r: None)]
    code_names = [c.codebook for c in [*main_cols, *police_cols, *report_cols] if c.codebook]
    codes = CodeSheet(wb, code_names)
    heading = f"{unit}农村留守儿童信息台账（{year}年第{q}季度）"
    if profile in ("full", "education"):
        sheets["ledger"] = Sheet(wb, "信息台账", heading, sub, main_cols, codes)
    if profile == "full":
        sheets["roster"] = Sheet(wb, "花名册", f"{unit}农村留守儿童花名册（{year}年第{q}季度）",
                                 sub, roster_cols, codes)
    if profile == "education":
        sheets["dropout"] = Sheet(wb, "失学辍学名单", f"{unit}农村留守儿童失学辍学名单", sub,
                                  main_cols, codes)
    if profile == "police":
        sheets["nohukou"] = Sheet(wb, "无户籍花名册", f"{unit}无户籍农村留守儿童花名册", sub,
                                  police_cols, codes)
        sheets["flags"] = Sheet(wb, "重点对象名单", f"{unit}农村留守儿童重点对象名单", sub,
                                flag_cols, codes)
        sheets["reports"] = Sheet(wb, "强制报告", f"{unit}农村留守儿童强制报告（本季度）", sub,
                                  report_cols, codes)

    by_village: dict[str, Counter[str]] = defaultdict(Counter)
    village_names: dict[str, str] = {}
    total: Counter[str] = Counter()
    written = 0
    for row in iter_rows(registry, start, end, progress):
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
        if "dropout" in sheets and (rules.out_of_school(row.child, end)
                                    or any(f["reason"] == "失学辍学" for f in row.flags)):
            sheets["dropout"].add(row)
        if profile == "police":
            base = [c.get(row) for c in police_cols]
            if row.child.get("hukou_registered") is False:
                sheets["nohukou"].add_values(base)
            for f in row.flags:
                sheets["flags"].add_values([*base, f["reason"], parse_date(f["opened_on"]),
                                            f.get("designated_person")])
            for rep in row.reports:
                sheets["reports"].add_values(
                    [row.child.get("name")] + [field_value(fd, rep.get(fd.name))
                                               for fd in mf.profile_fields("police")])
    check_summary(by_village, total, written if "ledger" in sheets else None)
    for sheet in sheets.values():
        sheet.finish()
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
        ws.column_dimensions[get_column_letter(i)].width = 8
    ws.freeze_panes = "C5"
    ws.print_title_rows = "1:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
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
    ws.append(["校验：总数=男+女=各年龄段之和=各监护类型之和；重点对象人数≤分原因人数之和；"
               "合计行=各村之和（均已在生成时核对无误）"])
