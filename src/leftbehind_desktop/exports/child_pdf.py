"""The child file PDF (一人一档): every section of :meth:`Registry.child_file`, labelled from
the forms, laid out as a formal archive document.

Public entry point: :func:`render_child_files` (one file, one file per child in a folder, or
one combined file with a table of contents). Every print is recorded in the audit chain
(``child.print``). Qt-free; runs in a worker thread (pass ``progress``/``cancel``).
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..core import rules
from ..core.audit_words import action_words
from ..core.dates import (
    format_date,
    format_datetime,
    local_date_text,
    local_time_text,
    parse_date,
    parse_datetime,
)
from ..core.forms import FieldDef, FormDef, form
from ..core.messages import UserError
from ..store.fsutil import atomic_write_bytes
from ..store.registry import Registry
from .fonts import PRIMARY_NAME, font_set, missing_glyphs
from .pdfkit import (
    FRAME_W,
    GRID,
    HEAD_BG,
    LABEL_BG,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    DocInfo,
    DocMarker,
    NumberedCanvas,
    draw_text,
    para,
)

log = logging.getLogger(__name__)

TITLE = "农村留守儿童档案（一人一档）"
NUMERALS = "一二三四五六七八九十"
SIZE = 9.0
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class PrintCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("print_cancelled", "打印已取消", "Printing was cancelled")


def fmt(fd: FieldDef | None, value: Any) -> str:
    """A stored value as printed: 是/否 for booleans, 、-joined lists, codebook terms as an
    officer says them (未解除, not 开放), dates as 2015年3月4日, date-times without seconds."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    book = fd.book() if fd is not None else None
    if isinstance(value, list | tuple):
        return "、".join(book.label(str(v)) if book else str(v) for v in value)
    if book is not None:
        return book.label(str(value))
    if fd is not None and fd.type == "date" and (d := parse_date(value)) is not None:
        return format_date(d)
    if fd is not None and fd.type == "datetime" and (dt := parse_datetime(value)) is not None:
        return format_datetime(dt)
    return str(value)


# == building blocks ===========================================================================
def _heading(n: int, text: str) -> list[Flowable]:
    t = Table([[para(f"{NUMERALS[n] if n < 10 else n + 1}、{text}", FRAME_W, 11.5)]],
              colWidths=[FRAME_W])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), PRIMARY_NAME), ("LINEBELOW", (0, 0), (-1, -1), 1.0, GRID),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return [CondPageBreak(40 * mm), Spacer(1, 5 * mm), t, Spacer(1, 2.5 * mm)]


def _sub(text: str) -> Flowable:
    return para(text, FRAME_W, 10)


def _none() -> Flowable:
    return para("（无记录）", FRAME_W, SIZE)


_BASE_STYLE = [
    ("FONTNAME", (0, 0), (-1, -1), PRIMARY_NAME),
    ("GRID", (0, 0), (-1, -1), 0.5, GRID),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]
PAD = 6.0
LABEL_W = 66.0
LONG_TYPES = ("textarea",)
WIDE_FIELDS = frozenset({"residence", "hukou_place", "address", "school_name", "assistance",
                         "services", "situation", "police_unit", "response_measures"})


def _flush(rows: list[list[Any]], pending: list[FieldDef], record: Mapping[str, Any],
           val_w: float) -> None:
    """Put the pending (up to two) short fields into one grid row."""
    if not pending:
        return
    row: list[Any] = []
    for fd in pending:
        row += [para(fd.label(), LABEL_W - PAD, SIZE),
                para(fmt(fd, record.get(fd.name)), val_w - PAD, SIZE)]
    while len(row) < 4:
        row.append("")
    rows.append(row)
    pending.clear()


def record_grid(f: FormDef, record: Mapping[str, Any], *, sections: bool = True,
                skip: Iterable[str] = ()) -> list[Flowable]:
    """A record as a label/value grid (two pairs a row; long fields take a whole row),
    section by section, visible fields only."""
    out: list[Flowable] = []
    skipped = set(skip)
    val_w = FRAME_W / 2 - LABEL_W
    full_w = FRAME_W - LABEL_W
    for sec in f.sections:
        fields = [fd for fd in f.fields_in(sec.id) if fd.visible(record)
                  and fd.name not in skipped]
        if not fields:
            continue
        rows: list[list[Any]] = []
        spans: list[int] = []
        pending: list[FieldDef] = []
        for fd in fields:
            text = fmt(fd, record.get(fd.name))
            if fd.type in LONG_TYPES or fd.name in WIDE_FIELDS or len(text) > 16:
                _flush(rows, pending, record, val_w)
                spans.append(len(rows))
                rows.append([para(fd.label(), LABEL_W - PAD, SIZE),
                             para(text, full_w - PAD, SIZE), "", ""])
                continue
            pending.append(fd)
            if len(pending) == 2:
                _flush(rows, pending, record, val_w)
        _flush(rows, pending, record, val_w)
        style: list[tuple[Any, ...]] = [*_BASE_STYLE,
                                         ("BACKGROUND", (0, 0), (0, -1), LABEL_BG)]
        for r, row in enumerate(rows):
            if r in spans:
                style.append(("SPAN", (1, r), (3, r)))
            elif row[2] != "":
                style.append(("BACKGROUND", (2, r), (2, r), LABEL_BG))
            else:
                style.append(("SPAN", (1, r), (3, r)))
        table = Table(rows, colWidths=[LABEL_W, val_w, LABEL_W, val_w], splitInRow=1)
        table.setStyle(TableStyle(style))
        if sections and len(f.sections) > 1:
            out.append(_sub(f"【{sec.label()}】"))
            out.append(Spacer(1, 1.2 * mm))
        out.append(table)
        out.append(Spacer(1, 2.5 * mm))
    return out


@dataclass(frozen=True)
class Column:
    header: str
    weight: float
    value: Callable[[Mapping[str, Any]], str]


def field_col(f: FormDef, name: str, weight: float, header: str | None = None) -> Column:
    fd = f.field(name)
    return Column(header or fd.label(), weight, lambda r: fmt(fd, r.get(name)))


def record_table(columns: Sequence[Column], records: Sequence[Mapping[str, Any]],
                 size: float = SIZE - 0.5) -> Table:
    """Records as a table with a header row repeated on every page."""
    total = sum(c.weight for c in columns)
    widths = [FRAME_W * c.weight / total for c in columns]
    data: list[list[Any]] = [[para(c.header, w - PAD, size, "center")
                              for c, w in zip(columns, widths, strict=True)]]
    for rec in records:
        data.append([para(c.value(rec), w - PAD, size)
                     for c, w in zip(columns, widths, strict=True)])
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([*_BASE_STYLE, ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                               ("VALIGN", (0, 1), (-1, -1), "TOP")]))
    return table


# == one child file ============================================================================
def _visit_note(r: Mapping[str, Any]) -> str:
    text = str(r.get("findings") or "")
    if r.get("next_action"):
        text += ("\n" if text else "") + f"后续措施：{r['next_action']}"
    return text


def _checks(r: Mapping[str, Any]) -> str:
    problems = (("guardian_present", "监护人不在场"), ("safety_ok", "安全有隐患"),
                ("health_ok", "身体欠佳"), ("study_ok", "学习异常"))
    found = [text for key, text in problems if r.get(key) is False]
    return "；".join(found) if found else "均良好"


def _flag_note(r: Mapping[str, Any]) -> str:
    lines = [str(r["detail"])] if r.get("detail") else []
    if r.get("reason") == rules.REASON_OUT_OF_SCHOOL:  # rule 3: the 劝返 follow-up
        pf = form("priority_flag")
        steps = "，".join(f"{pf.field(k).label()}{r[k]}" for k in
                         ("school_notified_on", "written_report_on", "returned_on") if r.get(k))
        lines.append(f"劝返复学：{rules.persuasion_state(r)}" + (f"（{steps}）" if steps else ""))
    if r.get("close_reason"):
        lines.append(str(r["close_reason"]))
    return "\n".join(lines)


def _history_text(ev: Mapping[str, Any]) -> str:
    try:
        detail = json.loads(ev.get("detail") or "{}")
    except (TypeError, ValueError):
        detail = {}
    entity = str(ev.get("entity") or "")
    title = form(entity).title() if entity in _FORM_IDS else entity
    parts = [title]
    changes = detail.get("changes") if isinstance(detail, dict) else None
    if isinstance(changes, dict) and entity in _FORM_IDS:
        f = form(entity)
        labels = [f.field(k).label() if f.has_field(k) else k for k in changes]
        parts.append("变更：" + "、".join(labels))
    if isinstance(detail, dict) and detail.get("reason"):
        parts.append(f"原因：{detail['reason']}")
    if isinstance(detail, dict) and detail.get("auto"):
        parts.append(f"自动标记：{detail['auto']}")
    return "；".join(parts)


_FORM_IDS = ("child", "family_member", "entrustment", "visit", "priority_flag",
             "mandatory_report", "assessment", "pairing")


def child_story(file: Mapping[str, Any], info: DocInfo, *,
                outline: str | None = None,
                on_page: Callable[[str, int], None] | None = None,
                as_of: date | None = None) -> list[Flowable]:
    """The flowables of one child's file; ``as_of`` (the print day) judges the rules."""
    child = file["child"]
    cf = form("child")
    story: list[Flowable] = [DocMarker(info, outline, on_page)]
    story.append(para("农村留守儿童档案", FRAME_W, 20, "center", 26))
    story.append(para("（一人一档）", FRAME_W, 11, "center", 16))
    story.append(Spacer(1, 4 * mm))
    cover = [("姓名", str(child.get("name") or "")),
             ("所属村（社区）", f"{file.get('village_name') or ''}（{child.get('unit_code')}）"),
             ("建档日期", local_date_text(child.get("created_at"))),
             ("填报单位", info.unit), ("打印日期", info.printed),
             ("打印人", info.officer)]
    half = FRAME_W / 2
    rows: list[list[Any]] = [[para("档案编号", LABEL_W - PAD, SIZE),
                              para(info.file_no, FRAME_W - LABEL_W - PAD, SIZE), "", ""]]
    for i in range(0, len(cover), 2):
        row: list[Any] = []
        for label, value in cover[i:i + 2]:
            row += [para(label, LABEL_W - PAD, SIZE), para(value, half - LABEL_W - PAD, SIZE)]
        rows.append(row)
    t = Table(rows, colWidths=[LABEL_W, half - LABEL_W] * 2)
    t.setStyle(TableStyle([*_BASE_STYLE, ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
                           ("BACKGROUND", (2, 1), (2, -1), LABEL_BG), ("SPAN", (1, 0), (3, 0))]))
    story.append(t)
    alerts = rules.child_alerts(file, as_of or date.today())
    if alerts:  # the rules that ask something of the officer on the day it is printed
        story.append(Spacer(1, 3 * mm))
        story.append(_sub("【待办事项】（打印日依规则判断）"))
        story.append(Spacer(1, 1.2 * mm))
        for a in alerts:
            story.append(para("▶ " + a.text("zh"), FRAME_W, SIZE))

    n = 0
    story += _heading(n, cf.title())
    story += record_grid(cf, child, skip=("filled_by", "reviewed_by"))

    n += 1
    fam = form("family_member")
    story += _heading(n, "家庭成员情况")
    members = file.get("family_member") or []
    order = {v: i for i, v in enumerate(("父亲", "母亲", "祖父", "祖母", "外祖父", "外祖母"))}
    members = sorted(members, key=lambda r: order.get(str(r.get("relation")), 9))
    if members:
        cols = [field_col(fam, "relation", 1.0), field_col(fam, "name", 1.3),
                field_col(fam, "birth_date", 1.9), field_col(fam, "id_number", 2.9),
                field_col(fam, "status", 1.2),
                Column("务工地点", 2.0, lambda r: "".join(
                    str(r.get(k) or "") for k in ("work_province", "work_city"))),
                field_col(fam, "phone", 2.0)]
        story.append(record_table(cols, members))
    else:
        story.append(_none())

    n += 1
    ent = form("entrustment")
    story += _heading(n, ent.title())
    entrust = file.get("entrustment") or []
    if not entrust:
        story.append(_none())
    for i, rec in enumerate(entrust):
        if len(entrust) > 1:
            story.append(_sub(f"第{i + 1}条（{fmt(ent.field('start_date'), rec.get('start_date'))}起）"))
            story.append(Spacer(1, 1.2 * mm))
        story += record_grid(ent, rec, sections=False)

    n += 1
    vf = form("visit")
    visits = file.get("visit") or []
    story += _heading(n, f"{vf.title()}（共 {len(visits)} 次）")
    if visits:
        cols = [field_col(vf, "visit_date", 1.95), field_col(vf, "visit_type", 1.3),
                field_col(vf, "visitor", 1.2), field_col(vf, "living_arrangement", 1.5),
                Column("监护人在场／安全／身体／学习", 1.55, _checks),
                Column(f"{vf.field('findings').label()}／{vf.field('next_action').label()}",
                       4.6, _visit_note)]
        story.append(record_table(cols, visits))
    else:
        story.append(_none())

    n += 1
    pf = form("priority_flag")
    flags = file.get("priority_flag") or []
    story += _heading(n, pf.title())
    if flags:
        cols = [field_col(pf, "reason", 2.0), field_col(pf, "source", 0.9),
                field_col(pf, "opened_on", 1.9), field_col(pf, "designated_person", 1.2),
                field_col(pf, "status", 0.9), field_col(pf, "closed_on", 1.9),
                Column("具体情况／劝返复学／解除原因", 3.2, _flag_note)]
        story.append(record_table(cols, flags))
    else:
        story.append(_none())

    n += 1
    mf = form("mandatory_report")
    reports = file.get("mandatory_report") or []
    story += _heading(n, f"{mf.title()}及跟进处置")
    if not reports:
        story.append(_none())
    for i, rec in enumerate(reports):
        story.append(_sub(f"第{i + 1}次报告（{fmt(mf.field('reported_at'), rec.get('reported_at'))}）"))
        story.append(Spacer(1, 1.2 * mm))
        story += record_grid(mf, rec)

    n += 1
    af = form("assessment")
    assessments = file.get("assessment") or []
    story += _heading(n, af.title())
    if assessments:
        by_id = {r.get("id"): r for r in reports}

        def linked(r: Mapping[str, Any]) -> str:
            rep = by_id.get(r.get("report_ref"))
            if rep is None:
                return ""
            return f"{fmt(mf.field('reported_at'), rep.get('reported_at'))} {rep.get('situation') or ''}"

        cols = [field_col(af, "assessed_on", 1.9), Column(af.field("report_ref").label(), 1.8, linked),
                field_col(af, "assessor", 1.1),
                field_col(af, "safety", 1.1), field_col(af, "guardianship", 1.1),
                field_col(af, "health", 1.1), field_col(af, "services", 2.2),
                field_col(af, "notes", 2.6)]
        story.append(record_table(cols, assessments))
    else:
        story.append(_none())

    n += 1
    pr = form("pairing")
    pairings = file.get("pairing") or []
    story += _heading(n, pr.title())
    if pairings:
        cols = [field_col(pr, name, w) for name, w in (
            ("partner_name", 1.3), ("partner_type", 1.1), ("partner_phone", 1.7),
            ("start_date", 1.9), ("end_date", 1.9), ("notes", 3.0))]
        story.append(record_table(cols, pairings))
    else:
        story.append(_none())

    n += 1
    history = file.get("history") or []
    story += _heading(n, f"变更记录摘要（共 {len(history)} 条）")
    if history:
        cols = [Column("时间（北京时间）", 1.9, lambda e: local_time_text(e.get("at"))),
                Column("操作人", 1.0, lambda e: str(e.get("officer") or "")),
                Column("操作", 1.0, lambda e: action_words(e.get("action"))),
                Column("内容", 5.0, _history_text)]
        story.append(record_table(cols, history))
    else:
        story.append(_none())

    story.append(Spacer(1, 8 * mm))
    story.append(_signatures(child))
    return story


def _signatures(child: Mapping[str, Any]) -> Flowable:
    w = FRAME_W
    rows = []
    for label, name in (("填表人", child.get("filled_by")), ("复核人", child.get("reviewed_by")),
                        ("单位负责人", None)):
        rows.append([para(f"{label}：{name or ''}", w * 0.3 - PAD, 10),
                     para("签字：________________", w * 0.35 - PAD, 10),
                     para("日期：______年____月____日", w * 0.35 - PAD, 10)])
    t = Table(rows, colWidths=[w * 0.3, w * 0.35, w * 0.35], rowHeights=[11 * mm] * 3)
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                           ("FONTNAME", (0, 0), (-1, -1), PRIMARY_NAME),
                           ("LEFTPADDING", (0, 0), (-1, -1), 3)]))
    return KeepTogether([para("（以上信息经核实无误）", FRAME_W, SIZE), Spacer(1, 2 * mm), t])


# == documents =================================================================================
def _doc(buf: io.BytesIO) -> SimpleDocTemplate:
    return SimpleDocTemplate(buf, pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                             topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
                             title=TITLE, author="leftbehind-desktop",
                             subject="内部资料 注意保密", creator="leftbehind-desktop")


class FileNumbers:
    """档案编号 looked up once per village for a batch (see ``Registry.file_numbers``)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._by_unit: dict[str, dict[str, str]] = {}

    def __call__(self, child: Mapping[str, Any]) -> str:
        unit = str(child["unit_code"])
        if unit not in self._by_unit:
            self._by_unit[unit] = self.registry.file_numbers(unit)
        return self._by_unit[unit].get(str(child["id"]), unit)


def _info(registry: Registry, file: Mapping[str, Any],
          numbers: FileNumbers | None = None) -> DocInfo:
    child = file["child"]
    number = (numbers or FileNumbers(registry))(child)
    return DocInfo(key=str(child["id"]), title=TITLE, unit=registry.store.unit_name,
                   file_no=number, printed=format_date(registry.today()),
                   officer=registry.store.officer)


def render_child_bytes(registry: Registry, child_id: str) -> tuple[bytes, int]:
    """One child's file as PDF bytes and its page count (no audit event: see
    :func:`render_child_files`)."""
    return _render_file(registry, registry.child_file(child_id))


def _render_file(registry: Registry, file: Mapping[str, Any],
                 numbers: FileNumbers | None = None) -> tuple[bytes, int]:
    buf = io.BytesIO()
    pages: list[int] = []

    class _Counting(NumberedCanvas):
        def save(self) -> None:
            pages.append(len(self._pages))
            super().save()

    _doc(buf).build(child_story(file, _info(registry, file, numbers), as_of=registry.today()),
                    canvasmaker=_Counting)
    return buf.getvalue(), pages[0] if pages else 0


def _names_check(files: Iterable[Mapping[str, Any]]) -> set[str]:
    texts = []
    for f in files:
        child = f["child"]
        texts += [str(child.get("name") or ""), str(child.get("residence") or "")]
        texts += [str(m.get("name") or "") for m in f.get("family_member") or []]
        texts += [str(e.get("guardian_name") or "") for e in f.get("entrustment") or []]
    return missing_glyphs(texts)


def _safe_name(text: str) -> str:
    return _UNSAFE_FILENAME.sub("_", text).strip(" .") or "child"


def child_file_name(name: str, file_no: str) -> str:
    """The PDF's name: the child's name and 档案编号 (张小明_档案_210213001001-0007.pdf)."""
    return f"{_safe_name(name)}_档案_{_safe_name(file_no)}.pdf"


def free_path(path: Path, taken: Iterable[Path] = ()) -> Path:
    """``path``, or ``name(2).pdf``, ``name(3).pdf``… when that file exists already: an
    export never silently replaces another file."""
    used = set(taken)
    candidate, n = path, 1
    while candidate.exists() or candidate in used:
        n += 1
        candidate = path.with_name(f"{path.stem}({n}){path.suffix}")
    return candidate


TOC_ROWS = 34
TOC_TOP = PAGE[1] - MARGIN_TOP - 30 * mm
TOC_ROW_H = 6.2 * mm


def render_child_files(registry: Registry, child_ids: Sequence[str], out_path: Path, *,
                       combined: bool = False,
                       progress: Callable[[int, int], None] | None = None,
                       cancel: Callable[[], bool] | None = None) -> list[Path]:
    """Print child files to PDF and record each print in the audit chain.

    ``out_path`` is the PDF file when there is one child or ``combined`` is set (one file
    with a table of contents and bookmarks), else a folder that gets one PDF per child.
    ``progress(done, total)`` is called after each child; when ``cancel()`` turns true the
    batch stops: files already written are kept (and recorded), a combined file is not
    written. Returns the files written.
    """
    out_path = Path(out_path)
    ids = list(dict.fromkeys(child_ids))
    total = len(ids)
    if total == 0:
        raise UserError("nothing_to_print", "没有可打印的儿童档案", "No child file to print")
    font_set()  # fail early (FontNotFound) before any work
    written: list[tuple[Path, str, int, list[str]]] = []  # path, child, pages, missing
    try:
        if combined:
            result = _render_combined(registry, ids, out_path, progress, cancel)
            if result is not None:
                written.extend(result)
        else:
            single = total == 1 and not (out_path.is_dir() or out_path.suffix == "")
            if not single:
                out_path.mkdir(parents=True, exist_ok=True)
            numbers = FileNumbers(registry)
            for n, cid in enumerate(ids, start=1):
                if cancel is not None and cancel():
                    break
                file = registry.child_file(cid)
                data, pages = _render_file(registry, file, numbers)
                name = str(file["child"].get("name") or "")
                target = out_path if single else free_path(
                    out_path / child_file_name(name, numbers(file["child"])),
                    (p for p, *_ in written))
                target.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_bytes(target, data)
                missing = sorted(_names_check([file]))
                if missing:
                    log.warning("child file printed with %d character(s) no font has",
                                len(missing))
                written.append((target, cid, pages, missing))
                if progress is not None:
                    progress(n, total)
    finally:
        _record_prints(registry, written, combined)
    return list(dict.fromkeys(p for p, *_ in written))


def _record_prints(registry: Registry, written: Sequence[tuple[Path, str, int, list[str]]],
                   combined: bool) -> None:
    if not written:
        return
    with registry.store.transaction() as audit:
        for path, cid, pages, missing in written:
            detail: dict[str, Any] = {"file": path.name, "pages": pages, "combined": combined}
            if missing:
                detail["missing_glyphs"] = missing
            audit.append("child.print", "child", cid, cid, detail)


def _render_combined(registry: Registry, ids: Sequence[str], out_path: Path,
                     progress: Callable[[int, int], None] | None,
                     cancel: Callable[[], bool] | None
                     ) -> list[tuple[Path, str, int, list[str]]] | None:
    total = len(ids)
    toc_pages = (total + TOC_ROWS - 1) // TOC_ROWS
    starts: dict[str, int] = {}
    entries: list[tuple[str, str, str, str]] = []  # key, name, village, file no
    story: list[Flowable] = []
    printed = format_date(registry.today())
    unit = registry.store.unit_name
    numbers = FileNumbers(registry)
    toc_info = DocInfo("__toc__", "农村留守儿童档案（合订本）目录", unit, "—", printed)
    story.append(DocMarker(toc_info))
    story.append(para("农村留守儿童档案（合订本）", FRAME_W, 18, "center", 24))
    for _ in range(toc_pages - 1):  # pages the contents are drawn on at save time
        story += [Spacer(1, 1), PageBreak()]  # (reportlab stops after 10 empty pages)
    missing_all: dict[str, list[str]] = {}
    for n, cid in enumerate(ids, start=1):
        if cancel is not None and cancel():
            return None
        file = registry.child_file(cid)
        info = _info(registry, file, numbers)
        name = str(file["child"].get("name") or "")
        entries.append((cid, name, str(file.get("village_name") or ""), info.file_no))
        missing_all[cid] = sorted(_names_check([file]))
        story.append(PageBreak())
        story += child_story(file, info, as_of=registry.today(),
                             outline=f"{name}（{file.get('village_name') or ''}）",
                             on_page=lambda key, page: starts.__setitem__(key, page))
        if progress is not None:
            progress(n, total)

    def draw_toc(canvas: NumberedCanvas, page: int, doc: DocInfo | None) -> None:
        if page > toc_pages:
            return
        fs = font_set()
        y = TOC_TOP if page == 1 else PAGE[1] - MARGIN_TOP - 12 * mm
        x = [MARGIN_X, MARGIN_X + 14 * mm, MARGIN_X + 46 * mm, MARGIN_X + 82 * mm,
             PAGE[0] - MARGIN_X]
        draw_text(canvas, PAGE[0] / 2, y + 6 * mm, "目 录" if page == 1 else "目 录（续）", 13,
                  "center", fs)
        for label, xx in zip(("序号", "姓名", "村（社区）", "档案编号"), x, strict=False):
            draw_text(canvas, xx, y - 4, label, 9, fs=fs)
        draw_text(canvas, x[4], y - 4, "页码", 9, "right", fs)
        canvas.setStrokeColor(GRID)
        canvas.line(MARGIN_X, y - 7, PAGE[0] - MARGIN_X, y - 7)
        first = (page - 1) * TOC_ROWS
        for i, (key, name, village, file_no) in enumerate(entries[first:first + TOC_ROWS]):
            yy = y - 7 - (i + 1) * TOC_ROW_H + 2
            draw_text(canvas, x[0], yy, str(first + i + 1), 9, fs=fs)
            draw_text(canvas, x[1], yy, name, 9, fs=fs)
            draw_text(canvas, x[2], yy, village, 9, fs=fs)
            draw_text(canvas, x[3], yy, file_no, 7.5, fs=fs)
            draw_text(canvas, x[4], yy, str(starts.get(key, "")), 9, "right", fs)
            canvas.linkRect("", key, (MARGIN_X, yy - 2, x[4], yy + 8), relative=0,
                            name=f"toc-{first + i}")

    counts: dict[str, int] = {}

    class _TocCanvas(NumberedCanvas):
        after_layout = staticmethod(draw_toc)

        def save(self) -> None:
            for p in self._pages:
                if p.doc is not None:
                    counts[p.doc.key] = counts.get(p.doc.key, 0) + 1
            super().save()

    buf = io.BytesIO()
    _doc(buf).build(story, canvasmaker=_TocCanvas)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(out_path, buf.getvalue())
    for missing in missing_all.values():
        if missing:
            log.warning("child file printed with %d character(s) no font has", len(missing))
    return [(out_path, cid, counts.get(cid, 0), missing_all[cid]) for cid in ids]


def canvas_class() -> type[Canvas]:
    """The canvas class used for child files (for callers that build their own story)."""
    return NumberedCanvas
