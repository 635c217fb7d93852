"""Writing an imported spreadsheet (导入已有台账) into the registry, and the reads it needs.

One run walks the rows twice (the file is read again, never held whole): first to find ID
numbers used on two rows, then to match every row to the registry (ID number, else name +
birth date + parents' names), work out what is new or what changes, and — unless it is a dry
run — write all valid rows in ONE transaction with their audit events and the rules' flags.
Cancelling or any error rolls everything back.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..core import idnumber, units
from ..core.forms import FormDef, form
from ..core.ids import utc_now, uuid7
from ..core.messages import UserError
from ..tableimport.headers import Layout, column_letter
from ..tableimport.outcome import ImportReport, RowReport
from ..tableimport.rows import Problem, RowReader, RowResult, check_duplicates
from .audit import AuditLog
from .pending import PendingItem, pending_items
from .records import columns, form_values, row_values
from .registry import Registry, SaveResult

__all__ = ["Cancelled", "PendingItem", "TableImport", "pending_items", "save_mapping", "saved_mapping"]

MAPPING_KEY = "tableimport.mapping."
BATCH = 500
Progress = Callable[[int, int], None]


class Cancelled(UserError):
    def __init__(self) -> None:
        super().__init__("import_cancelled", "导入已取消，数据库未作任何修改",
                         "The import was cancelled; nothing was changed")


# == saved mappings =========================================================================
def saved_mapping(reg: Registry, signature: str) -> dict[str, str | None] | None:
    raw = reg.store.setting(MAPPING_KEY + signature)
    if raw is None:
        return None
    value = json.loads(raw)
    return {str(k): (str(v) if v else None) for k, v in value.items()}


def save_mapping(reg: Registry, layout: Layout) -> None:
    with reg.store.transaction() as audit:
        reg.store.set_setting(MAPPING_KEY + layout.signature(),
                              json.dumps(layout.mapping(), ensure_ascii=False, sort_keys=True), audit)


# == units ==================================================================================
def unit_resolver(reg: Registry) -> Callable[[str], str | None]:
    """Village name or 12-digit code → code, within this office's area; None if unknown."""
    own = reg.store.unit_code
    by_code: dict[str, str] = {}
    by_name: dict[str, list[str]] = {}
    for u in reg.list_units():
        if units.is_unit_code(u.code) and units.contains(own, u.code) and \
                units.level_of(u.code) is units.Level.VILLAGE:
            by_code[u.code] = u.name
            by_name.setdefault(u.name, []).append(u.code)

    def resolve(text: str) -> str | None:
        t = text.strip()
        if t in by_code:
            return t
        hits = by_name.get(t) or by_name.get(t + "村") or by_name.get(t + "社区") or []
        return hits[0] if len(hits) == 1 else None

    return resolve


def default_unit(reg: Registry, chosen: str | None) -> str | None:
    if chosen:
        code = unit_resolver(reg)(chosen)
        if code is None:
            raise UserError("import_unit", f"“{chosen}”不是本单位辖区内已登记的村（社区）",
                            f"\u201c{chosen}\u201d is not a registered village of this office")
        return code
    own = reg.store.unit_code
    return own if units.level_of(own) is units.Level.VILLAGE else None


def import_villages(reg: Registry, rows: Iterable[tuple[int, str, str]]) -> tuple[int, list[str]]:
    """A street office's list of villages (name, 12-digit code): all or nothing."""
    problems: list[str] = []
    good: list[tuple[str, str]] = []
    own = reg.store.unit_code
    for row, name, code in rows:
        if not name:
            problems.append(f"第{row}行：缺少村（社区）名称")
        elif not units.is_unit_code(code):
            problems.append(f"第{row}行 {name}：区划代码“{code}”不是12位数字")
        elif not units.contains(own, code) or units.level_of(code) is not units.Level.VILLAGE:
            problems.append(f"第{row}行 {name}：{code}不是本单位下辖的村（社区）代码")
        else:
            good.append((code, name))
    if problems or not good:
        return 0, problems or ["表格中没有村（社区）"]
    with reg.store.transaction() as audit:
        for code, name in good:
            reg.conn.execute("INSERT OR REPLACE INTO unit (code, name, level, parent_code) VALUES (?,?,?,?)",
                             (code, name, units.level_of(code).value, units.parent_of(code)))
        audit.append("unit.import", "unit", None, None, {"count": len(good)})
    return len(good), []


# == the run ================================================================================
class _Existing:
    """Matches rows to the registry's children: by ID number (an indexed query per row, so
    a district's 100,000 children are not held in memory), else by name + birth date +
    parents' names — among the children without an ID number, or among all when the file
    has no ID column."""

    def __init__(self, reg: Registry, file_has_ids: bool):
        self.conn = reg.conn
        self.by_person: dict[tuple[str, str, str, str], str] = {}
        only = "" if not file_has_ids else " AND (c.id_number IS NULL OR c.id_number = '')"
        rows = reg.conn.execute(
            "SELECT c.id, c.name, c.birth_date, "
            "(SELECT f.name FROM family_member f WHERE f.child_id = c.id AND f.deleted = 0 "
            " AND f.relation = '父亲' LIMIT 1), "
            "(SELECT f.name FROM family_member f WHERE f.child_id = c.id AND f.deleted = 0 "
            " AND f.relation = '母亲' LIMIT 1) "
            f"FROM child c WHERE c.deleted = 0{only}")
        for cid, name, birth, father, mother in rows:
            self.by_person[(name, birth or "", father or "", mother or "")] = cid

    def match(self, res: RowResult) -> str | None:
        number = res.id_number
        if number:
            row = self.conn.execute("SELECT id FROM child WHERE id_number = ? AND deleted = 0 LIMIT 1",
                                    (number,)).fetchone()
            if row is not None:
                return str(row[0])
        c = res.records["child"]
        key = (str(c.get("name") or ""), str(c.get("birth_date") or ""),
               str(res.records.get("father", {}).get("name") or ""),
               str(res.records.get("mother", {}).get("name") or ""))
        return self.by_person.get(key)


class TableImport:
    """One import (or dry run) of one sheet with one layout."""

    def __init__(self, reg: Registry, open_sheet: Callable[[], Any], layout: Layout, *,
                 file_name: str, sheet_name: str, unit: str | None = None):
        self.reg = reg
        self.open_sheet = open_sheet  # a fresh Sheet for each pass
        self.layout = layout
        self.file_name = file_name
        self.sheet_name = sheet_name
        self.reader = RowReader(layout, today=reg.today(), resolve_unit=unit_resolver(reg),
                                default_unit=default_unit(reg, unit))
        self.vocab = self.reader.vocab

    def _rows(self) -> Iterator[RowResult]:
        yield from self.reader.rows(self.open_sheet())

    def run(self, *, dry_run: bool, progress: Progress | None = None,
            cancel: threading.Event | None = None) -> ImportReport:
        dups = self.layout.duplicate_targets()
        if dups:
            labels = "、".join(self.vocab.target_label(t) for t in dups)
            raise UserError("mapping_duplicate", f"同一字段对应了多列：{labels}。请为其中一列选择“不导入”",
                            "One field is mapped to several columns; set one of them to not imported")
        ids: dict[str, list[int]] = {}
        total = 0
        for row, number in self.reader.id_numbers(self.open_sheet()):  # pass 1: IDs used twice
            total += 1
            if number is not None:
                ids.setdefault(number, []).append(row)
            if cancel is not None and total % 256 == 0 and cancel.is_set():
                raise Cancelled()
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        duplicates = check_duplicates(ids)
        del ids
        report = ImportReport(self.file_name, self.sheet_name, dry_run, self.layout)
        existing = _Existing(self.reg, "child.id_number" in self.reader.column_of)
        if dry_run:
            self._pass(report, existing, duplicates, total, None, progress, cancel)
        else:
            with self.reg.store.transaction() as audit:
                self._pass(report, existing, duplicates, total, audit, progress, cancel)
                audit.append("import.table", "table", None, None, {
                    "file": self.file_name, "sheet": self.sheet_name, **report.summary()})
        return report

    def _pass(self, report: ImportReport, existing: _Existing, duplicates: dict[int, str], total: int,
              audit: AuditLog | None, progress: Progress | None, cancel: threading.Event | None) -> None:
        batch = _Batch()
        done = 0
        for res in self._rows():
            done += 1
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            if res.row in duplicates:
                col = self.reader.column_of.get("child.id_number")
                res.problems.append(Problem(res.row, column_letter(col) if col is not None else "",
                                            "公民身份号码", res.id_number or "", duplicates[res.row],
                                            "同一儿童只保留一行"))
            item = self._one(res, existing, batch, audit, report)
            report.add(item)
            if item.action == "rejected":
                report.rejected_cells.append((res.row, res.cells, item.problems))
            if audit is not None and len(batch.children) >= BATCH:
                report.flags_raised += batch.flush(self.reg, audit, report)
            if progress is not None and (done % 200 == 0 or done == total):
                progress(done, total)
        if audit is not None:
            report.flags_raised += batch.flush(self.reg, audit, report)
        if progress is not None:
            progress(total, total)

    # -- one row -------------------------------------------------------------------------
    def _label(self, role_id: str, name: str) -> str:
        return self.vocab.target_label(f"{role_id}.{name}")

    def _one(self, res: RowResult, existing: _Existing, batch: _Batch, audit: AuditLog | None,
             report: ImportReport) -> RowReport:
        name = str(res.records.get("child", {}).get("name") or "")
        if not res.ok:
            return RowReport(res.row, "rejected", name, problems=res.problems)
        pending = [self._label(r, n) for r, names in res.pending.items() for n in names]
        child_id = existing.match(res)
        if child_id is None:
            if audit is not None:
                self._create(res, batch, audit)
            return RowReport(res.row, "new", name, pending=pending, notes=res.implied)
        item = self._update(res, child_id, batch, audit, name, report)
        item.notes = res.implied
        return item

    def _detail(self, res: RowResult, **extra: Any) -> dict[str, Any]:
        return {"source": "table_import", "file": self.file_name, "sheet": self.sheet_name,
                "row": res.row, **extra}

    def _meta(self, unit: str) -> dict[str, Any]:
        now = utc_now()
        return {"id": uuid7(), "unit_code": unit, "created_at": now, "updated_at": now,
                "updated_by": self.reg.store.device_id, "version": 1, "deleted": False,
                "amendment_reason": None}

    def _create(self, res: RowResult, batch: _Batch, audit: AuditLog) -> None:
        assert res.unit_code is not None
        child_form = form("child")
        child = {**self._meta(res.unit_code), **child_form.clean(res.records["child"])}
        batch.add("child", child, self._detail(res, pending=res.pending.get("child", [])), child["id"])
        batch.rows[child["id"]] = res.row
        for role_id, values in res.records.items():
            if role_id == "child":
                continue
            f = self.vocab.roles[role_id].form
            rec = {**self._meta(res.unit_code), "child_id": child["id"], **f.clean(values)}
            batch.add(f.id, rec, self._detail(res, role=role_id, pending=res.pending.get(role_id, [])),
                      child["id"])

    def _update(self, res: RowResult, child_id: str, batch: _Batch, audit: AuditLog | None,
                name: str, report: ImportReport) -> RowReport:
        reg = self.reg
        changes: dict[str, list[Any]] = {}
        writes: list[tuple[FormDef, dict[str, Any], dict[str, Any] | None, dict[str, list[Any]], str]] = []
        problems: list[Problem] = []
        current_child = reg.get("child", child_id)
        family = reg.children_records("family_member", child_id)
        entrust = reg.children_records("entrustment", child_id)
        for role_id, values in res.records.items():
            role = self.vocab.roles[role_id]
            f = role.form
            present = res.present.get(role_id, set())
            current: dict[str, Any] | None
            if role_id == "child":
                current = current_child
            elif f.id == "family_member":
                current = next((m for m in family if m["relation"] == role.fixed["relation"]), None)
            else:
                current = next((e for e in entrust if e["guardian_name"] == values.get("guardian_name")), None)
            if current is None:
                rec = {**self._meta(current_child["unit_code"]), "child_id": child_id, **f.clean(values)}
                writes.append((f, rec, None, {}, role_id))
                changes[f"{role.zh}"] = [None, "新增"]
                continue
            if all(f.has_field(k) and current.get(k) == _stored(f, k, values.get(k)) for k in present):
                continue  # the usual re-import: nothing the file gives differs (no clean() needed)
            clean = f.clean({**form_values(f, current), **{k: values[k] for k in present if k in values}})
            diff = {k: [current.get(k), clean[k]] for k in present
                    if f.has_field(k) and current.get(k) != clean[k]}
            if not diff:
                continue
            merged = {**form_values(f, current), **{k: v[1] for k, v in diff.items()}}
            for e in f.validate(merged, reg.today()):
                if e.warning or (e.message.code == "required" and current.get(e.field) is None
                                 and e.field not in present):
                    continue  # still 待补充 from an earlier import
                problems.append(Problem(res.row, "", self._label(role_id, e.field),
                                        str(merged.get(e.field) or ""), e.text("zh")))
            for k, (old, new) in diff.items():
                changes[self._label(role_id, k)] = [old, new]
            writes.append((f, current, merged, diff, role_id))
        if problems:
            return RowReport(res.row, "rejected", name, problems=problems)
        if not writes:
            return RowReport(res.row, "unchanged", name)
        if audit is not None:
            report.flags_raised += batch.flush(reg, audit, report)  # earlier new rows first
            for f, rec, new_values, diff, role_id in writes:
                if new_values is None:
                    reg._insert(f, rec)
                    audit.append("record.create", f.id, rec["id"], child_id,
                                 self._detail(res, role=role_id))
                    continue
                # R10: by the record's own dates, before and after the change
                reason = reg._amendment_reason(f.id, [rec, {**rec, **f.clean(new_values)}],
                                               f"导入台账“{self.file_name}”第{res.row}行")
                locked = reason is not None and rec.get("amendment_reason") != reason
                new = {**rec, **f.clean(new_values), "updated_at": utc_now(),
                       "updated_by": reg.store.device_id, "version": rec["version"] + 1,
                       "amendment_reason": reason if locked else rec.get("amendment_reason")}
                reg._update_row(f, new)
                audit.append("record.update", f.id, rec["id"], child_id,
                             self._detail(res, role=role_id, changes=diff, version=new["version"]))
            child = reg.get("child", child_id)
            result = SaveResult(child)
            reg._after_write("child", child, child_id, audit, result)
            report.flags_raised += len(result.raised_flags)
            if result.prompt_report:
                report.report_prompts.append((res.row, name, result.report_situation or ""))
        return RowReport(res.row, "update", name, changes=changes)


def _stored(f: FormDef, name: str, value: Any) -> Any:
    """``value`` as ``FormDef.clean`` stores it, for the quick unchanged check (an ID number
    normalised; the readers already give every other type in its stored form)."""
    if f.field(name).type == "id_number" and isinstance(value, str):
        info = idnumber.parse(value)
        return info.number if isinstance(info, idnumber.IdInfo) else value
    return value


class _Batch:
    """New records waiting for one executemany per kind, then the rules per child."""

    def __init__(self) -> None:
        self.records: dict[str, list[dict[str, Any]]] = {}
        self.events: list[tuple[str, str, str | None, str | None, dict[str, Any]]] = []
        self.children: list[dict[str, Any]] = []
        self.rows: dict[str, int] = {}  # child id → spreadsheet row

    def add(self, kind: str, rec: dict[str, Any], detail: dict[str, Any], child_id: str) -> None:
        self.records.setdefault(kind, []).append(rec)
        if kind == "child":
            self.children.append(rec)
        if not detail.get("pending"):
            detail.pop("pending", None)
        self.events.append(("record.create", kind, rec["id"], child_id, detail))

    def flush(self, reg: Registry, audit: AuditLog, report: ImportReport) -> int:
        if not self.events:
            return 0
        for kind, rows in self.records.items():
            f = form(kind)
            cols = columns(f)
            sql = (f'INSERT INTO "{f.table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                   f'VALUES ({", ".join("?" for _ in cols)})')
            reg.conn.executemany(sql, [row_values(f, r) for r in rows])
        audit.append_many(self.events)
        raised = 0
        for child in self.children:
            result = SaveResult(child)
            reg._after_write("child", child, child["id"], audit, result)
            raised += len(result.raised_flags)
            if result.prompt_report:  # R2 and parents unable: a mandatory report is due now
                report.report_prompts.append((self.rows.get(child["id"], 0), str(child["name"]),
                                              result.report_situation or ""))
        self.records, self.events, self.children, self.rows = {}, [], [], {}
        return raised
